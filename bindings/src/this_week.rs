//! The this-week stream: the current start-screen state at once, then each
//! change. It recomputes after every write through the course, and when the
//! next module is due to open (at least hourly, so day and week changes show).

use std::sync::Arc;
use std::time::Duration;

use painschool_core::PainSchool;

use crate::course_types::ThisWeek;
use crate::error::CourseError;
use crate::runtime::{RUNTIME, blocking};
use crate::task_handle::{Gate, TaskHandle};

/// The longest wait before the state is recomputed without a write.
const MAX_WAIT: Duration = Duration::from_secs(3600);
/// The shortest wait, so a clock that stands still cannot spin the loop.
const MIN_WAIT: Duration = Duration::from_secs(1);

/// Receives the start-screen state. Called on a background thread; hop to
/// the main thread in the app before touching UI.
#[uniffi::export(foreign)]
pub trait ThisWeekListener: Send + Sync {
    /// The current state: first at once, then after each change.
    fn on_update(&self, state: ThisWeek);
    /// Computing the state failed (for example not enrolled yet). The stream
    /// goes on and reports the state once it can be computed.
    fn on_error(&self, error: CourseError);
}

/// Starts the stream on the library's runtime.
pub(crate) fn subscribe(
    course: Arc<PainSchool>,
    listener: Arc<dyn ThisWeekListener>,
) -> Arc<TaskHandle> {
    let gate = Arc::new(Gate::default());
    let task = RUNTIME.spawn(run(course, listener, gate.clone()));
    Arc::new(TaskHandle::new(task.abort_handle(), gate))
}

async fn run(course: Arc<PainSchool>, listener: Arc<dyn ThisWeekListener>, gate: Arc<Gate>) {
    let mut changes = course.changes();
    let mut last: Option<Result<ThisWeek, CourseError>> = None;
    loop {
        changes.borrow_and_update();
        let c = course.clone();
        let outcome = blocking(move || {
            let week = c.this_week()?;
            let wait = week
                .next_unlock
                .as_ref()
                .and_then(|n| (n.opens_at - c.clock().now()).to_std().ok())
                .map_or(MAX_WAIT, |d| d.clamp(MIN_WAIT, MAX_WAIT));
            Ok::<_, CourseError>((ThisWeek::from(week), wait))
        })
        .await;
        let (now, wait) = match outcome {
            Ok((state, wait)) => (Ok(state), wait),
            Err(e) => (Err(e), MAX_WAIT),
        };
        if last.as_ref() != Some(&now) {
            let (l, g, value) = (listener.clone(), gate.clone(), now.clone());
            // Foreign code may block: call it on the blocking pool.
            let _ = RUNTIME
                .spawn_blocking(move || {
                    g.deliver(|| match value {
                        Ok(state) => l.on_update(state),
                        Err(error) => l.on_error(error),
                    })
                })
                .await;
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
