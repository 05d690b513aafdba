//! The library's own tokio runtime, and the one way a core call runs on it:
//! on a blocking thread (the core does file I/O), with any panic caught and
//! turned into an error.

use std::sync::LazyLock;

use tokio::runtime::Runtime;

/// The runtime every async export and every stream runs on. Two workers:
/// the work is small, and the blocking pool takes the database calls.
/// Timers are on (the this-week stream's next unlock, the backstop on the
/// app's HTTP client); no I/O driver: the network is the app's (ADR 0009).
pub(crate) static RUNTIME: LazyLock<Runtime> = LazyLock::new(|| {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .thread_name("painschool-rt")
        .enable_time()
        .build()
        .expect("the painschool runtime starts")
});

/// Replaces the default panic hook, which prints the panic message (it may
/// hold anything, patient text included) to stderr, with one that logs only
/// where the panic happened. Installed once, by the first call.
fn quiet_panics() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        std::panic::set_hook(Box::new(|info| {
            let at = info
                .location()
                .map(|l| format!("{}:{}", l.file(), l.line()))
                .unwrap_or_default();
            tracing::error!(at, "panic in the core");
        }));
    });
}

/// A panic was caught at the boundary.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Panicked;

/// Runs `f` on the runtime's blocking pool and waits for it without
/// blocking the caller's thread. A panic inside `f` becomes `E::from(Panicked)`.
pub(crate) async fn blocking<T, E>(
    f: impl FnOnce() -> Result<T, E> + Send + 'static,
) -> Result<T, E>
where
    T: Send + 'static,
    E: From<Panicked> + Send + 'static,
{
    quiet_panics();
    match RUNTIME.spawn_blocking(f).await {
        Ok(result) => result,
        Err(join) => {
            if join.is_panic() {
                // The payload may hold anything, patient text included: it is
                // neither logged nor returned.
                tracing::error!("a core call panicked; returned as an internal error");
            }
            Err(E::from(Panicked))
        }
    }
}

/// Runs an async core call (sync's network work) as a task on the runtime
/// and waits for it from any executor. A panic inside becomes
/// `E::from(Panicked)`.
pub(crate) async fn on_runtime<T, E>(
    fut: impl std::future::Future<Output = Result<T, E>> + Send + 'static,
) -> Result<T, E>
where
    T: Send + 'static,
    E: From<Panicked> + Send + 'static,
{
    quiet_panics();
    match RUNTIME.spawn(fut).await {
        Ok(result) => result,
        Err(_) => {
            tracing::error!("an async core call panicked; returned as an internal error");
            Err(E::from(Panicked))
        }
    }
}

/// Runs `f` on the caller's thread, turning a panic into `E::from(Panicked)`.
#[cfg(feature = "test-exports")]
pub(crate) fn catching<T, E: From<Panicked>>(f: impl FnOnce() -> Result<T, E>) -> Result<T, E> {
    quiet_panics();
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(f)).unwrap_or_else(|_| {
        tracing::error!("a core call panicked; returned as an internal error");
        Err(E::from(Panicked))
    })
}
