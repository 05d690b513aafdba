//! Reminders and the end of access on `Course`: the reminder plan (and a
//! stream of it for the shells to re-register from), the reminder settings,
//! the reminder-health view model, the access status and the wipe.

use std::sync::Arc;

use crate::course::Course;
use crate::error::CourseError;
use crate::platform::{KeyProvider, KeysAdapter};
use crate::recompute;
use crate::reminder_types::{
    AccessStatus, NotificationPermission, ReminderHealth, ReminderPlan, ReminderSettings,
};
use crate::task_handle::TaskHandle;

/// Receives the reminder plan. Called on a background thread. On each
/// update, replace every pending OS request with the plan's.
#[uniffi::export(foreign)]
pub trait ReminderPlanListener: Send + Sync {
    /// The plan: first at once, then after each change.
    fn on_update(&self, plan: ReminderPlan);
    /// Planning failed (for example not enrolled yet); the stream goes on.
    fn on_error(&self, error: CourseError);
}

#[uniffi::export]
impl Course {
    /// The OS notification requests to have pending now (at most 48,
    /// soonest first). Register them all, replacing what is pending, after
    /// a change, at boot, and when the time zone or permission changes.
    pub async fn reminder_plan(&self) -> Result<ReminderPlan, CourseError> {
        self.run(|c| Ok(c.reminder_plan()?.into())).await
    }

    /// Calls `listener` with the plan now and whenever it changes (a write,
    /// a sync, a request's time passing), until the handle is cancelled or
    /// dropped.
    pub fn subscribe_reminder_plan(
        &self,
        listener: Arc<dyn ReminderPlanListener>,
    ) -> Arc<TaskHandle> {
        recompute::subscribe(
            self.inner.clone(),
            |c| {
                let plan = c.reminder_plan()?;
                // Recompute when the soonest request is due, so it leaves the plan.
                let wait = plan
                    .requests
                    .first()
                    .and_then(|r| (r.fire_at - c.clock().now()).to_std().ok());
                Ok((ReminderPlan::from(plan), wait))
            },
            move |value| match value {
                Ok(plan) => listener.on_update(plan),
                Err(error) => listener.on_error(error),
            },
        )
    }

    /// The patient's reminder settings.
    pub async fn reminder_settings(&self) -> Result<ReminderSettings, CourseError> {
        self.run(|c| Ok(c.reminder_settings()?.into())).await
    }

    /// Saves the reminder settings; `InvalidInput` says which rule a value
    /// breaks (a time inside the quiet hours) and nothing is saved.
    pub async fn set_reminder_settings(
        &self,
        settings: ReminderSettings,
    ) -> Result<(), CourseError> {
        let settings = settings.try_into()?;
        self.run(move |c| Ok(c.set_reminder_settings(&settings)?))
            .await
    }

    /// What to show about reminders given the OS permission, and the next
    /// reminder's time.
    pub async fn reminder_health(
        &self,
        permission: NotificationPermission,
    ) -> Result<ReminderHealth, CourseError> {
        self.run(move |c| Ok(c.reminder_health(permission.into())?.into()))
            .await
    }

    /// Where the end of access stands (the access-ending and access-ended
    /// screens, the summary offer, what is still unsent).
    pub async fn access_status(&self) -> Result<AccessStatus, CourseError> {
        self.run(|c| Ok(c.access_status()?.into())).await
    }

    /// Wipes this device's course data and deletes its key through `keys`
    /// once the server has confirmed the end of access and nothing waits to
    /// be sent. Returns whether it wiped; afterwards show activation.
    pub async fn wipe_if_due(&self, keys: Arc<dyn KeyProvider>) -> Result<bool, CourseError> {
        self.run(move |c| Ok(c.wipe_if_due(&KeysAdapter(keys))?))
            .await
    }
}
