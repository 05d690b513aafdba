//! The streams that recompute a view of the course: the value at once,
//! then again after every write through the course and when the view says
//! it may change by itself (a module opening, a reminder coming due), at
//! least hourly. A value is delivered only when it changed.

use std::sync::Arc;
use std::time::Duration;

use painschool_core::PainSchool;

use crate::error::CourseError;
use crate::runtime::{RUNTIME, blocking};
use crate::task_handle::{Gate, TaskHandle};

/// The longest wait before the value is recomputed without a write.
pub(crate) const MAX_WAIT: Duration = Duration::from_secs(3600);
/// The shortest wait, so a clock that stands still cannot spin the loop.
pub(crate) const MIN_WAIT: Duration = Duration::from_secs(1);

/// Starts a stream on the library's runtime: `compute` gives the value and
/// how long it stays valid (clamped to [`MIN_WAIT`]..[`MAX_WAIT`]);
/// `deliver` hands a changed value (or error) to the app's listener.
pub(crate) fn subscribe<T, C, D>(course: Arc<PainSchool>, compute: C, deliver: D) -> Arc<TaskHandle>
where
    T: Clone + PartialEq + Send + 'static,
    C: Fn(&PainSchool) -> Result<(T, Option<Duration>), CourseError> + Send + Sync + 'static,
    D: Fn(Result<T, CourseError>) + Send + Sync + 'static,
{
    let gate = Arc::new(Gate::default());
    let task = RUNTIME.spawn(run(
        course,
        Arc::new(compute),
        Arc::new(deliver),
        gate.clone(),
    ));
    Arc::new(TaskHandle::new(task.abort_handle(), gate))
}

async fn run<T, C, D>(course: Arc<PainSchool>, compute: Arc<C>, deliver: Arc<D>, gate: Arc<Gate>)
where
    T: Clone + PartialEq + Send + 'static,
    C: Fn(&PainSchool) -> Result<(T, Option<Duration>), CourseError> + Send + Sync + 'static,
    D: Fn(Result<T, CourseError>) + Send + Sync + 'static,
{
    let mut changes = course.changes();
    let mut last: Option<Result<T, CourseError>> = None;
    loop {
        changes.borrow_and_update();
        let (c, f) = (course.clone(), compute.clone());
        let (now, wait) = match blocking(move || f(&c)).await {
            Ok((value, wait)) => (
                Ok(value),
                wait.map_or(MAX_WAIT, |d| d.clamp(MIN_WAIT, MAX_WAIT)),
            ),
            Err(e) => (Err(e), MAX_WAIT),
        };
        if last.as_ref() != Some(&now) {
            let (d, g, value) = (deliver.clone(), gate.clone(), now.clone());
            // Foreign code may block: call it on the blocking pool.
            let _ = RUNTIME.spawn_blocking(move || g.deliver(|| d(value))).await;
            last = Some(now);
        }
        tokio::select! {
            changed = changes.changed() => {
                if changed.is_err() {
                    return;
                }
            }
            () = tokio::time::sleep(wait) => {}
        }
    }
}
