//! The this-week stream: the current start-screen state at once, then each
//! change. It recomputes after every write through the course, and when the
//! next module is due to open (at least hourly, so day and week changes show).

use std::sync::Arc;

use painschool_core::PainSchool;

use crate::course_types::ThisWeek;
use crate::error::CourseError;
use crate::recompute;
use crate::task_handle::TaskHandle;

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

/// Starts the stream on the library's runtime; it recomputes when the next
/// module is due to open.
pub(crate) fn subscribe(
    course: Arc<PainSchool>,
    listener: Arc<dyn ThisWeekListener>,
) -> Arc<TaskHandle> {
    recompute::subscribe(
        course,
        |c| {
            let week = c.this_week()?;
            let wait = week
                .next_unlock
                .as_ref()
                .and_then(|n| (n.opens_at - c.clock().now()).to_std().ok());
            Ok((ThisWeek::from(week), wait))
        },
        move |value| match value {
            Ok(state) => listener.on_update(state),
            Err(error) => listener.on_error(error),
        },
    )
}
