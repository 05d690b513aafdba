//! The single native library the apps load: thin UniFFI wrappers over
//! `painschool-core`. No course logic lives here; each wrapper converts
//! types, runs the core call on the library's own runtime, and maps errors.
//!
//! - [`open_course`] opens a patient's course and returns a [`Course`].
//! - [`KeyProvider`], [`Clock`] and [`HttpClient`] are implemented by the
//!   apps (`http.rs`: sync's HTTP goes through the platform's own stack).
//! - Streams are `subscribe_…(listener) -> TaskHandle`.
//! - The mindfulness player (`player.rs`): `Course.player()`, its state
//!   stream, interruptions.
//! - Reminders and the end of access (`reminders.rs`): the plan and its
//!   stream, the settings, reminder health, the access status, the wipe.
//! - Sync and messaging (`sync.rs`): `Course.activate`, `sync_now`,
//!   `subscribe_sync_state`, the message threads, compose view and visits.
//! - The printable summary (`summary.rs`): PDF bytes, HTML, a file, and
//!   when to offer it.
//!
//! The exported surface and the threading rules are in `docs/bindings.md`.

uniffi::setup_scaffolding!();

mod answer_types;
mod course;
mod course_types;
mod error;
mod http;
mod platform;
mod player;
mod recompute;
mod reminder_types;
mod reminders;
mod runtime;
mod summary;
mod sync;
mod sync_error;
mod sync_types;
mod task_handle;
mod this_week;

pub use answer_types::{AnswerValue, AnswerVersion, FieldValue, QuestionAnswers};
pub use course::{Course, open_course};
pub use course_types::{
    Access, ChoiceOption, DiaryField, Enrolment, Language, MediaRef, ModuleCard, ModuleLock,
    ModuleProgress, NextUnlock, Pace, Preferences, QuestionView, ScaleRange, SectionView, TextSize,
    ThisWeek,
};
pub use error::{CourseError, KeyStoreError, OpenError};
pub use http::{BACKSTOP, HttpClient, HttpError, HttpMethod, HttpRequest, HttpResponse};
pub use platform::{Clock, KeyProvider};
pub use player::{
    LoadedTrack, MindfulnessPlayer, PlayerError, PlayerFailure, PlayerListener, PlayerState,
    PlayerStatus, PracticeToday, TrackInfo,
};
pub use reminder_types::{
    AccessStatus, HealthAction, HealthStatus, LocalTime, NotificationPermission, QuietHours,
    ReminderHealth, ReminderKind, ReminderPlan, ReminderRequest, ReminderScreen, ReminderSettings,
    Weekday,
};
pub use reminders::ReminderPlanListener;
pub use summary::{SummaryFormat, SummaryOffer, SummaryOfferReason};
pub use sync::SyncStateListener;
pub use sync_error::SyncError;
pub use sync_types::{
    Activated, ComposeView, Message, MessageAuthor, MessageStatus, MessageThread, SyncActivity,
    SyncErrorReason, SyncReport, SyncState, Visit, VisitKind,
};
pub use task_handle::TaskHandle;
pub use this_week::ThisWeekListener;

/// The version of this library (the workspace version).
#[uniffi::export]
pub fn library_version() -> String {
    env!("CARGO_PKG_VERSION").to_owned()
}
