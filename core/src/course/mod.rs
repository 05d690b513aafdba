//! Course state without I/O: enrolment, pacing, progress and the "this
//! week" view model. Every function takes the time as an argument.

pub mod ending;
pub mod enrolment;
pub mod localtime;
pub mod pacing;
pub mod progress;
pub mod week;

pub use ending::{AccessStatus, EndFacts};
pub use enrolment::{Enrolment, Pace};
pub use pacing::{ModuleLock, scheduled_unlock};
pub use progress::{ModuleProgress, ProgressFacts};
pub use week::{Access, ModuleCard, NextUnlock, ThisWeek};
