//! The reminder plan, the reminder settings, the reminder-health view model
//! and the access status as the apps see them. Plain records converted from
//! the core's types; local times are `LocalTime` (hour and minute), local
//! date-times ISO-8601 strings (`2026-11-09T10:00`), instants `SystemTime`.

use std::time::SystemTime;

use chrono::{NaiveTime, Weekday as ChronoWeekday};
use painschool_core::course as core_course;
use painschool_core::reminders as core_rem;

use crate::course_types::Access;
use crate::error::CourseError;
use crate::sync_types::MessageThread;

/// What a reminder is about, in the order they are kept when the budget of
/// 48 pending requests is short.
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum ReminderKind {
    /// A booked visit (24 h and 1 h before).
    Visit,
    /// Access ends (30 and 7 days before).
    AccessEnding,
    /// A new message from the clinic.
    NewMessage,
    /// A new module has opened.
    ModuleOpened,
    /// The open module has rested for 3 days.
    Nudge,
    /// The daily mindfulness practice.
    Practice,
}

/// The screen a reminder opens.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Enum)]
pub enum ReminderScreen {
    /// A module.
    Module {
        /// The module's id.
        module_id: String,
    },
    /// The mindfulness exercises.
    Mindfulness,
    /// A message thread.
    Messages {
        /// The thread.
        thread: MessageThread,
    },
    /// The booked visits.
    Visits,
    /// The access-ending screen with the summary offer.
    Access,
}

/// One OS notification request. Register it under `id`: a pending request
/// with the same id is replaced.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct ReminderRequest {
    /// Stable id.
    pub id: String,
    /// What it is about.
    pub kind: ReminderKind,
    /// When it fires (the first time, for a daily one).
    pub fire_at: SystemTime,
    /// The same instant in the patient's zone (`2026-11-09T10:00`).
    pub fire_at_local: String,
    /// Whether it repeats every day at the same local time (one request:
    /// a calendar trigger on iOS, a daily repeating alarm on Android).
    pub daily: bool,
    /// The title.
    pub title: String,
    /// The body: content free, safe on a locked screen.
    pub body: String,
    /// The screen it opens.
    pub screen: ReminderScreen,
    /// The deep link of that screen (`painschool://module/m2`).
    pub deep_link: String,
}

/// What should be pending now: at most 48 requests, soonest first.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct ReminderPlan {
    /// The requests.
    pub requests: Vec<ReminderRequest>,
    /// Requests left out because the budget was full.
    pub left_out: u32,
}

/// A local wall-clock time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Record)]
pub struct LocalTime {
    /// 0–23.
    pub hour: u8,
    /// 0–59.
    pub minute: u8,
}

/// A day of the week.
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum Weekday {
    /// Monday.
    Monday,
    /// Tuesday.
    Tuesday,
    /// Wednesday.
    Wednesday,
    /// Thursday.
    Thursday,
    /// Friday.
    Friday,
    /// Saturday.
    Saturday,
    /// Sunday.
    Sunday,
}

/// When no reminder sounds; may cross midnight.
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Record)]
pub struct QuietHours {
    /// When they begin.
    pub start: LocalTime,
    /// When they end.
    pub end: LocalTime,
}

/// The patient's reminder settings (synced to their other devices).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct ReminderSettings {
    /// Remind when a new module opens.
    pub module_reminders: bool,
    /// The weekday for module reminders; none: the day the module opens.
    pub module_weekday: Option<Weekday>,
    /// The local time of module reminders, nudges and access warnings.
    pub module_time: LocalTime,
    /// The daily mindfulness reminder; none: off.
    pub practice_time: Option<LocalTime>,
    /// Quiet hours; none: never quiet.
    pub quiet_hours: Option<QuietHours>,
    /// One gentle nudge after 3 days without the course.
    pub nudges: bool,
    /// A notification when the clinic writes.
    pub message_alerts: bool,
}

/// What the operating system allows the app.
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum NotificationPermission {
    /// Notifications may show.
    Allowed,
    /// iOS provisional: delivered quietly to the list.
    Provisional,
    /// Not asked yet.
    NotAsked,
    /// Turned off.
    Denied,
}

/// Where the reminders stand.
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum HealthStatus {
    /// They can reach the patient.
    Working,
    /// Quietly, in the list only.
    Quiet,
    /// Permission not asked yet.
    NotAsked,
    /// Notifications are off for the app.
    Off,
    /// Every reminder is off in the app's settings.
    AllOffInApp,
}

/// What the app should offer about reminders.
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum HealthAction {
    /// Nothing.
    None,
    /// Ask for permission.
    AskPermission,
    /// Open the system settings.
    OpenSystemSettings,
    /// Open the app's reminder settings.
    OpenReminderSettings,
}

/// The reminder-health view model.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct ReminderHealth {
    /// Where the reminders stand.
    pub status: HealthStatus,
    /// A short line for the start screen; none when all is well.
    pub message: Option<String>,
    /// What to offer.
    pub action: HealthAction,
    /// The next reminder's kind, if any.
    pub next_kind: Option<ReminderKind>,
    /// When it comes.
    pub next_at: Option<SystemTime>,
    /// When, in the patient's zone (`2026-11-09T10:00`).
    pub next_at_local: Option<String>,
    /// Requests in the plan.
    pub pending: u32,
}

/// Where the end of access stands.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct AccessStatus {
    /// The access state (ended once the server refused the token).
    pub access: Access,
    /// Whether the printable summary is offered (14 days after the end).
    pub summary_offered: bool,
    /// Changes not yet at the clinic.
    pub unsent: u64,
    /// Whether the server has confirmed the end.
    pub end_confirmed: bool,
    /// Whether `wipe_if_due` would wipe now.
    pub wipe_due: bool,
}

fn local_iso(t: chrono::NaiveDateTime) -> String {
    t.format("%Y-%m-%dT%H:%M").to_string()
}

impl From<core_rem::ReminderKind> for ReminderKind {
    fn from(k: core_rem::ReminderKind) -> Self {
        use core_rem::ReminderKind as K;
        match k {
            K::Visit => ReminderKind::Visit,
            K::AccessEnding => ReminderKind::AccessEnding,
            K::NewMessage => ReminderKind::NewMessage,
            K::ModuleOpened => ReminderKind::ModuleOpened,
            K::Nudge => ReminderKind::Nudge,
            K::Practice => ReminderKind::Practice,
        }
    }
}

impl From<core_rem::ReminderScreen> for ReminderScreen {
    fn from(s: core_rem::ReminderScreen) -> Self {
        use core_rem::ReminderScreen as S;
        match s {
            S::Module { module_id } => ReminderScreen::Module { module_id },
            S::Mindfulness => ReminderScreen::Mindfulness,
            S::Messages { thread } => ReminderScreen::Messages {
                thread: thread.into(),
            },
            S::Visits => ReminderScreen::Visits,
            S::Access => ReminderScreen::Access,
        }
    }
}

impl From<core_rem::ReminderPlan> for ReminderPlan {
    fn from(p: core_rem::ReminderPlan) -> Self {
        ReminderPlan {
            requests: p
                .requests
                .into_iter()
                .map(|r| ReminderRequest {
                    deep_link: r.screen.deep_link(),
                    id: r.id,
                    kind: r.kind.into(),
                    fire_at: r.fire_at.into(),
                    fire_at_local: local_iso(r.fire_at_local),
                    daily: r.repeat == core_rem::Repeat::Daily,
                    title: r.title,
                    body: r.body,
                    screen: r.screen.into(),
                })
                .collect(),
            left_out: p.left_out,
        }
    }
}

impl From<NaiveTime> for LocalTime {
    fn from(t: NaiveTime) -> Self {
        use chrono::Timelike;
        LocalTime {
            hour: t.hour() as u8,
            minute: t.minute() as u8,
        }
    }
}

impl TryFrom<LocalTime> for NaiveTime {
    type Error = CourseError;
    fn try_from(t: LocalTime) -> Result<Self, CourseError> {
        NaiveTime::from_hms_opt(u32::from(t.hour), u32::from(t.minute), 0).ok_or_else(|| {
            CourseError::InvalidInput {
                reason: "a time must be 00:00–23:59".into(),
            }
        })
    }
}

impl From<ChronoWeekday> for Weekday {
    fn from(w: ChronoWeekday) -> Self {
        match w {
            ChronoWeekday::Mon => Weekday::Monday,
            ChronoWeekday::Tue => Weekday::Tuesday,
            ChronoWeekday::Wed => Weekday::Wednesday,
            ChronoWeekday::Thu => Weekday::Thursday,
            ChronoWeekday::Fri => Weekday::Friday,
            ChronoWeekday::Sat => Weekday::Saturday,
            ChronoWeekday::Sun => Weekday::Sunday,
        }
    }
}

impl From<Weekday> for ChronoWeekday {
    fn from(w: Weekday) -> Self {
        match w {
            Weekday::Monday => ChronoWeekday::Mon,
            Weekday::Tuesday => ChronoWeekday::Tue,
            Weekday::Wednesday => ChronoWeekday::Wed,
            Weekday::Thursday => ChronoWeekday::Thu,
            Weekday::Friday => ChronoWeekday::Fri,
            Weekday::Saturday => ChronoWeekday::Sat,
            Weekday::Sunday => ChronoWeekday::Sun,
        }
    }
}

impl From<core_rem::ReminderSettings> for ReminderSettings {
    fn from(s: core_rem::ReminderSettings) -> Self {
        ReminderSettings {
            module_reminders: s.module_reminders,
            module_weekday: s.module_weekday.map(Into::into),
            module_time: s.module_time.into(),
            practice_time: s.practice_time.map(Into::into),
            quiet_hours: s.quiet_hours.map(|q| QuietHours {
                start: q.start.into(),
                end: q.end.into(),
            }),
            nudges: s.nudges,
            message_alerts: s.message_alerts,
        }
    }
}

impl TryFrom<ReminderSettings> for core_rem::ReminderSettings {
    type Error = CourseError;
    fn try_from(s: ReminderSettings) -> Result<Self, CourseError> {
        Ok(core_rem::ReminderSettings {
            module_reminders: s.module_reminders,
            module_weekday: s.module_weekday.map(Into::into),
            module_time: s.module_time.try_into()?,
            practice_time: s.practice_time.map(TryInto::try_into).transpose()?,
            quiet_hours: s
                .quiet_hours
                .map(|q| {
                    Ok::<_, CourseError>(core_rem::QuietHours {
                        start: q.start.try_into()?,
                        end: q.end.try_into()?,
                    })
                })
                .transpose()?,
            nudges: s.nudges,
            message_alerts: s.message_alerts,
        })
    }
}

impl From<NotificationPermission> for core_rem::NotificationPermission {
    fn from(p: NotificationPermission) -> Self {
        match p {
            NotificationPermission::Allowed => core_rem::NotificationPermission::Allowed,
            NotificationPermission::Provisional => core_rem::NotificationPermission::Provisional,
            NotificationPermission::NotAsked => core_rem::NotificationPermission::NotAsked,
            NotificationPermission::Denied => core_rem::NotificationPermission::Denied,
        }
    }
}

impl From<core_rem::ReminderHealth> for ReminderHealth {
    fn from(h: core_rem::ReminderHealth) -> Self {
        use core_rem::{HealthAction as A, HealthStatus as S};
        ReminderHealth {
            status: match h.status {
                S::Working => HealthStatus::Working,
                S::Quiet => HealthStatus::Quiet,
                S::NotAsked => HealthStatus::NotAsked,
                S::Off => HealthStatus::Off,
                S::AllOffInApp => HealthStatus::AllOffInApp,
            },
            message: h.message,
            action: match h.action {
                A::None => HealthAction::None,
                A::AskPermission => HealthAction::AskPermission,
                A::OpenSystemSettings => HealthAction::OpenSystemSettings,
                A::OpenReminderSettings => HealthAction::OpenReminderSettings,
            },
            next_kind: h.next.as_ref().map(|n| n.kind.into()),
            next_at: h.next.as_ref().map(|n| n.at.into()),
            next_at_local: h.next.as_ref().map(|n| local_iso(n.at_local)),
            pending: h.pending,
        }
    }
}

impl From<core_course::AccessStatus> for AccessStatus {
    fn from(s: core_course::AccessStatus) -> Self {
        AccessStatus {
            access: s.access.into(),
            summary_offered: s.summary_offered,
            unsent: s.unsent,
            end_confirmed: s.end_confirmed,
            wipe_due: s.wipe_due,
        }
    }
}
