//! Reminders on the facade: the patient's reminder settings, the plan of OS
//! notification requests and the reminder-health view model. The plan is
//! recomputed on every call from the stored state; [`PainSchool::changes`]
//! tells the apps when to ask again.

use std::collections::HashMap;

use chrono::{DateTime, Utc};

use super::PainSchool;
use crate::course::scheduled_unlock;
use crate::error::{Error, Result};
use crate::reminders::settings::PREFERENCE_KEY;
use crate::reminders::{
    ModuleTimes, NotificationPermission, PlanInput, ReminderHealth, ReminderPlan, ReminderSettings,
    plan, reminder_health,
};
use crate::store::ModuleActivity;

impl PainSchool {
    /// The patient's reminder settings (the defaults until they change one).
    pub fn reminder_settings(&self) -> Result<ReminderSettings> {
        settings(&self.store())
    }

    /// Saves the reminder settings after checking them (whole minutes, no
    /// chosen time inside the quiet hours); they sync to the patient's
    /// other devices.
    pub fn set_reminder_settings(&self, settings: &ReminderSettings) -> Result<()> {
        settings
            .validate()
            .map_err(|e| Error::InvalidInput(e.to_string()))?;
        if self.reminder_settings()? == *settings {
            return Ok(());
        }
        let wire = settings.to_wire();
        self.store()
            .set_preferences(&[(PREFERENCE_KEY, &wire)], self.clock.now())?;
        self.changed();
        Ok(())
    }

    /// The notification requests the app should have pending now (at most
    /// 48, soonest first). Register them all, replacing what is pending:
    /// after every change ([`PainSchool::changes`]), at boot, and when the
    /// time zone or the notification permission changes.
    pub fn reminder_plan(&self) -> Result<ReminderPlan> {
        Ok(self.plan_with_settings()?.0)
    }

    /// The plan, with the settings and language it was made with.
    fn plan_with_settings(&self) -> Result<(ReminderPlan, ReminderSettings, crate::content::Lang)> {
        let mut store = self.store();
        let state = self.state(&mut store)?;
        let settings = settings(&store)?;
        let mut activity = store.module_activity()?;
        for (question_id, at) in store.draft_times()? {
            if let Some((module, _, _)) = self.bundle.question(&question_id) {
                let a = activity.entry(module.id.clone()).or_default();
                a.last_touch = a.last_touch.max(Some(at));
            }
        }
        let modules = module_times(&state, &activity);
        let visits = store.visits()?;
        let message = store.message_alert()?;
        // What was due by the latest plan's time has fired (the device's
        // clock may have run ahead and been corrected since): never again.
        let now = store
            .reminders_through()?
            .map_or(state.now, |t| t.max(state.now));
        store.raise_reminders_through(now)?;
        // A nudge planned earlier whose time has come has fired.
        let (planned, mut last) = store.nudge_marks()?;
        if let Some(p) = planned.filter(|p| *p <= now) {
            last = last.max(Some(p));
        }
        let access_end = access_end(&store, &state.enrolment)?;
        let result = plan(&PlanInput {
            now,
            time_zone: state.enrolment.time_zone,
            lang: state.lang,
            settings: &settings,
            access_start: state.enrolment.start,
            access_end,
            modules: &modules,
            last_nudge_at: last,
            visits: &visits,
            message,
        });
        store.set_nudge_marks(result.nudge().map(|r| r.fire_at), last)?;
        Ok((result, settings, state.lang))
    }

    /// What the app should show about reminders, given what the operating
    /// system allows (`permission`), and when the next one comes.
    pub fn reminder_health(&self, permission: NotificationPermission) -> Result<ReminderHealth> {
        let (plan, settings, lang) = self.plan_with_settings()?;
        Ok(reminder_health(permission, &settings, &plan, lang))
    }
}

/// The stored reminder settings (the defaults until the patient changes one).
fn settings(store: &crate::store::Store) -> Result<ReminderSettings> {
    Ok(store
        .preference(PREFERENCE_KEY)?
        .and_then(|s| ReminderSettings::from_wire(&s))
        .unwrap_or_default())
}

/// The end of access as reminders see it: the enrolment's, or the server's
/// refusal when that came first (then nothing more is planned but visits).
fn access_end(
    store: &crate::store::Store,
    enrolment: &crate::course::Enrolment,
) -> Result<DateTime<Utc>> {
    let end = enrolment.access_ends_at();
    Ok(store.access_refused_at()?.map_or(end, |r| r.min(end)))
}

fn module_times(
    state: &super::State,
    activity: &HashMap<String, ModuleActivity>,
) -> Vec<ModuleTimes> {
    let none = ModuleActivity::default();
    state
        .cards
        .iter()
        .enumerate()
        .map(|(i, card)| {
            let a = activity.get(&card.id).unwrap_or(&none);
            ModuleTimes {
                id: card.id.clone(),
                scheduled: scheduled_unlock(&state.enrolment, i),
                opened_at: a.opened_at,
                open: card.lock.is_open(),
                started: a.started,
                finished: card.progress.finished,
                last_touch: a.last_touch,
            }
        })
        .collect()
}
