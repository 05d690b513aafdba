//! Reminder planning without I/O (issue 6, in progress): the rules that
//! turn the patient's preferences and the course into OS notification
//! requests. Every function takes the time and the zone as arguments, so
//! the rules are tested with a fixed clock.
//!
//! - [`time`]: when a local wall-clock time next happens in the patient's
//!   zone, by calendar arithmetic, with the daylight-saving gap and fold
//!   rules of [`crate::course::localtime`].
//! - [`budget`]: the platforms' limit on pending requests, and which
//!   requests stay when there are too many.

pub mod budget;
pub mod time;

pub use budget::{MAX_PENDING, ReminderKind, fit_budget};
pub use time::next_local;
