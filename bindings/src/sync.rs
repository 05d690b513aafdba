//! `Course`'s sync and messaging methods: activation, `sync_now`, the sync
//! state stream, the message threads, the compose view and visits.
//! Activation and sync run as tasks on the library's runtime and reach the
//! server through the app's `HttpClient` (given to `open_course`); database
//! calls run on the runtime's blocking pool.

use std::sync::Arc;

use crate::course::Course;
use crate::error::CourseError;
use crate::runtime::{RUNTIME, on_runtime};
use crate::sync_error::SyncError;
use crate::sync_types::{
    Activated, ComposeView, Message, MessageThread, SyncReport, SyncState, Visit,
};
use crate::task_handle::{Gate, TaskHandle};

/// Receives the sync state. Called on a background thread; hop to the main
/// thread before touching UI.
#[uniffi::export(foreign)]
pub trait SyncStateListener: Send + Sync {
    /// The current state: first at once, then after each change.
    fn on_update(&self, state: SyncState);
}

#[uniffi::export]
impl Course {
    /// Development only: allows `http://` to this very machine
    /// (`127.0.0.1`, `localhost`, `[::1]`) for activation and sync. Every
    /// other server must be `https://`. Off by default.
    pub fn set_development_loopback_http(&self, allowed: bool) {
        self.sync.set_allow_loopback_http(allowed);
    }

    /// Activates this device with the one-time code from the clinic: stores
    /// the server, the device token (inside the encrypted database), the
    /// enrolment and the unit's reply times.
    pub async fn activate(&self, server_url: String, code: String) -> Result<Activated, SyncError> {
        let engine = self.sync.clone();
        on_runtime(async move {
            let a = engine.activate(&server_url, &code).await?;
            Ok(Activated {
                device_id: a.device_id,
                enrolment: a.enrolment.into(),
            })
        })
        .await
    }

    /// Syncs now: sends what was written, then fetches what is new. Call it
    /// when the app opens, after a write, and from the OS background
    /// scheduler (at `SyncState.retry_at` after a failure). Returns at once,
    /// with `deferred_until`, while a retry is not due.
    pub async fn sync_now(&self) -> Result<SyncReport, SyncError> {
        let engine = self.sync.clone();
        on_runtime(async move { Ok(engine.sync_now().await?.into()) }).await
    }

    /// Calls `listener` with the sync state now, and again at each change
    /// (progress of an upload included), until the handle is cancelled or
    /// dropped.
    pub fn subscribe_sync_state(&self, listener: Arc<dyn SyncStateListener>) -> Arc<TaskHandle> {
        let gate = Arc::new(Gate::default());
        let mut states = self.sync.state();
        let g = gate.clone();
        let task = RUNTIME.spawn(async move {
            loop {
                let state: SyncState = states.borrow_and_update().clone().into();
                let (l, g2) = (listener.clone(), g.clone());
                // Foreign code may block: call it on the blocking pool.
                let _ = RUNTIME
                    .spawn_blocking(move || g2.deliver(|| l.on_update(state)))
                    .await;
                if states.changed().await.is_err() {
                    return;
                }
            }
        });
        Arc::new(TaskHandle::new(task.abort_handle(), gate))
    }

    /// The messages of a thread, newest last, each with its status.
    pub async fn messages(&self, thread: MessageThread) -> Result<Vec<Message>, CourseError> {
        self.run(move |c| {
            Ok(c.messages(thread.into())?
                .into_iter()
                .map(Into::into)
                .collect())
        })
        .await
    }

    /// Writes a message (1–4,000 characters): stored and queued for the
    /// next sync (status `Queued`). An empty or too long text is
    /// `CourseError.InvalidInput`.
    pub async fn send_message(
        &self,
        thread: MessageThread,
        text: String,
    ) -> Result<Message, CourseError> {
        self.run(move |c| Ok(c.send_message(thread.into(), &text)?.into()))
            .await
    }

    /// Marks the clinic's messages in a thread as read (the clinic sees it
    /// after the next sync). Returns how many were unread.
    pub async fn mark_thread_read(&self, thread: MessageThread) -> Result<u32, CourseError> {
        self.run(move |c| Ok(c.mark_thread_read(thread.into())? as u32))
            .await
    }

    /// The compose screen: the unit's reply time and the safety line.
    pub async fn compose(&self, thread: MessageThread) -> Result<ComposeView, CourseError> {
        self.run(move |c| Ok(c.compose(thread.into())?.into()))
            .await
    }

    /// Keeps what the patient is writing to `thread`, as typed (autosave; on
    /// the phone only, never synced). An empty text removes the draft, and
    /// so does sending a message to the thread. Longer than 16,000
    /// characters is refused (`InvalidInput`), the old draft kept.
    pub async fn save_message_draft(
        &self,
        thread: MessageThread,
        text: String,
    ) -> Result<(), CourseError> {
        self.run(move |c| Ok(c.save_message_draft(thread.into(), &text)?))
            .await
    }

    /// What the patient was writing to `thread` and has not sent, if anything.
    pub async fn message_draft(
        &self,
        thread: MessageThread,
    ) -> Result<Option<String>, CourseError> {
        self.run(move |c| Ok(c.message_draft(thread.into())?)).await
    }

    /// The visits the clinic booked, by start time.
    pub async fn visits(&self) -> Result<Vec<Visit>, CourseError> {
        self.run(|c| Ok(c.visits()?.into_iter().map(Into::into).collect()))
            .await
    }
}
