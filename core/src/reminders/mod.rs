//! Reminder planning without I/O: the rules that turn the course, the
//! patient's settings and the effective now into OS notification requests.
//! Every function takes the time and the zone as arguments, so the rules
//! are tested with a fixed clock.
//!
//! - [`time`]: when a local wall-clock time next happens in the patient's
//!   zone, by calendar arithmetic, with the daylight-saving gap and fold
//!   rules of [`crate::course::localtime`].
//! - [`settings`]: the patient's reminder preferences and their rules.
//! - [`quiet`]: moving a reminder out of the quiet hours.
//! - [`texts`]: the content-free titles and bodies, in both languages.
//! - [`plan`]: the planner itself.
//! - [`budget`]: the platforms' limit on pending requests, and which
//!   requests stay when there are too many.
//! - [`health`]: the "reminder health" view model.

pub mod budget;
pub mod health;
pub mod plan;
pub mod quiet;
pub mod settings;
pub mod texts;
pub mod time;

pub use budget::{MAX_PENDING, ReminderKind, fit_budget};
pub use health::{
    HealthAction, HealthStatus, NextReminder, NotificationPermission, ReminderHealth,
    reminder_health,
};
pub use plan::{
    MessageAlert, ModuleTimes, PlanInput, ReminderPlan, ReminderRequest, ReminderScreen, Repeat,
    plan,
};
pub use settings::{QuietHours, ReminderSettings, SettingsError};
pub use time::next_local;
