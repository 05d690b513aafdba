//! The "reminder health" view model: whether the patient's reminders can
//! reach them, what the app should say when they cannot, and when the next
//! one comes. The app tells the core what the operating system allows; the
//! core decides what to show.

use chrono::{DateTime, NaiveDateTime, Utc};
use serde::Serialize;

use super::budget::ReminderKind;
use super::plan::ReminderPlan;
use crate::content::Lang;

/// What the operating system allows the app, as the shell reads it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum NotificationPermission {
    /// Notifications may show.
    Allowed,
    /// iOS's provisional (quiet) notifications: delivered to the list only.
    Provisional,
    /// The patient has not been asked yet.
    NotAsked,
    /// The patient (or a policy) turned them off.
    Denied,
}

/// What the app should offer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum HealthAction {
    /// Nothing: reminders work.
    None,
    /// Ask for permission (the OS prompt).
    AskPermission,
    /// Open the system settings for the app.
    OpenSystemSettings,
    /// Open the app's own reminder settings.
    OpenReminderSettings,
}

/// Where the reminders stand.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum HealthStatus {
    /// Reminders can reach the patient.
    Working,
    /// They arrive quietly, in the notification list only.
    Quiet,
    /// Permission has not been asked for.
    NotAsked,
    /// Notifications are off for the app.
    Off,
    /// The patient turned every reminder off in the app.
    AllOffInApp,
}

/// The next reminder, for "Next reminder: Tuesday 10:00".
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NextReminder {
    /// What it is about.
    pub kind: ReminderKind,
    /// When (UTC).
    pub at: DateTime<Utc>,
    /// When, in the patient's zone.
    pub at_local: NaiveDateTime,
}

/// The reminder-health view model.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ReminderHealth {
    /// Where the reminders stand.
    pub status: HealthStatus,
    /// A short line for the start screen; `None` when all is well.
    pub message: Option<String>,
    /// What the app should offer.
    pub action: HealthAction,
    /// The next reminder in the plan, if any.
    pub next: Option<NextReminder>,
    /// How many requests the plan has.
    pub pending: u32,
}

/// Whether the patient switched off every kind of reminder in the app.
pub fn all_off(s: &super::settings::ReminderSettings) -> bool {
    !s.module_reminders && !s.nudges && !s.message_alerts && s.practice_time.is_none()
}

/// The view model from the OS permission, the settings and the plan.
pub fn reminder_health(
    permission: NotificationPermission,
    settings: &super::settings::ReminderSettings,
    plan: &ReminderPlan,
    lang: Lang,
) -> ReminderHealth {
    let next = plan.requests.first().map(|r| NextReminder {
        kind: r.kind,
        at: r.fire_at,
        at_local: r.fire_at_local,
    });
    let (status, action) = match permission {
        NotificationPermission::Denied => (HealthStatus::Off, HealthAction::OpenSystemSettings),
        NotificationPermission::NotAsked => (HealthStatus::NotAsked, HealthAction::AskPermission),
        _ if all_off(settings) => (
            HealthStatus::AllOffInApp,
            HealthAction::OpenReminderSettings,
        ),
        NotificationPermission::Provisional => {
            (HealthStatus::Quiet, HealthAction::OpenSystemSettings)
        }
        NotificationPermission::Allowed => (HealthStatus::Working, HealthAction::None),
    };
    let message = match (status, lang) {
        (HealthStatus::Working, _) => None,
        (HealthStatus::Off, Lang::Sv) => Some(
            "Påminnelser är avstängda för appen. Du missar inte något i kursen, men du får inga påminnelser om nya delar, bokade tider eller meddelanden. Du kan slå på dem i telefonens inställningar.",
        ),
        (HealthStatus::Off, Lang::En) => Some(
            "Notifications are off for the app. You will not miss anything in the course, but you will get no reminders of new parts, appointments or messages. You can turn them on in your phone's settings.",
        ),
        (HealthStatus::NotAsked, Lang::Sv) => Some(
            "Vill du få en påminnelse när en ny del av kursen öppnar och när mottagningen svarar?",
        ),
        (HealthStatus::NotAsked, Lang::En) => Some(
            "Would you like a reminder when a new part of the course opens and when your clinic replies?",
        ),
        (HealthStatus::Quiet, Lang::Sv) => Some(
            "Påminnelser kommer tyst, bara i notislistan. Du kan ändra det i telefonens inställningar.",
        ),
        (HealthStatus::Quiet, Lang::En) => Some(
            "Reminders arrive quietly, in the notification list only. You can change that in your phone's settings.",
        ),
        (HealthStatus::AllOffInApp, Lang::Sv) => {
            Some("Du har stängt av alla påminnelser i appen.")
        }
        (HealthStatus::AllOffInApp, Lang::En) => {
            Some("You have turned off every reminder in the app.")
        }
    }
    .map(str::to_owned);
    ReminderHealth {
        status,
        message,
        action,
        next,
        pending: plan.requests.len() as u32,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::reminders::settings::ReminderSettings;

    #[test]
    fn table() {
        let plan = ReminderPlan {
            requests: Vec::new(),
            left_out: 0,
        };
        let on = ReminderSettings::default();
        let off = ReminderSettings {
            module_reminders: false,
            nudges: false,
            message_alerts: false,
            practice_time: None,
            ..ReminderSettings::default()
        };
        let table = [
            (
                NotificationPermission::Allowed,
                &on,
                HealthStatus::Working,
                HealthAction::None,
            ),
            (
                NotificationPermission::Denied,
                &on,
                HealthStatus::Off,
                HealthAction::OpenSystemSettings,
            ),
            (
                NotificationPermission::Denied,
                &off,
                HealthStatus::Off,
                HealthAction::OpenSystemSettings,
            ),
            (
                NotificationPermission::NotAsked,
                &on,
                HealthStatus::NotAsked,
                HealthAction::AskPermission,
            ),
            (
                NotificationPermission::Provisional,
                &on,
                HealthStatus::Quiet,
                HealthAction::OpenSystemSettings,
            ),
            (
                NotificationPermission::Allowed,
                &off,
                HealthStatus::AllOffInApp,
                HealthAction::OpenReminderSettings,
            ),
        ];
        for (permission, settings, status, action) in table {
            for lang in [Lang::Sv, Lang::En] {
                let h = reminder_health(permission, settings, &plan, lang);
                assert_eq!((h.status, h.action), (status, action), "{permission:?}");
                assert_eq!(h.message.is_none(), status == HealthStatus::Working);
            }
        }
    }
}
