//! The sync state the app shows: what sync is doing, why it stopped, when it
//! last succeeded and when it tries again. Published on a tokio `watch`.

use chrono::{DateTime, Utc};

use super::error::SyncErrorReason;

/// What sync is doing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SyncActivity {
    /// Nothing running; the last sync (if any) succeeded.
    Idle,
    /// A sync is running: `sent` of `total` outbox changes uploaded so far
    /// (`total` grows if the patient writes meanwhile).
    Syncing {
        /// Changes uploaded so far.
        sent: u32,
        /// Changes to upload in this sync.
        total: u32,
    },
    /// The server could not be reached; nothing is lost, sync tries again.
    Offline,
    /// The last sync stopped for this reason.
    Error(SyncErrorReason),
}

/// The state of sync on this device.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyncState {
    /// What sync is doing.
    pub activity: SyncActivity,
    /// Whether this device is activated.
    pub activated: bool,
    /// When a sync last ended without an error.
    pub last_success: Option<DateTime<Utc>>,
    /// After a failure: the earliest time the next sync will contact the
    /// server (backoff and `Retry-After`); the app schedules it then.
    pub retry_at: Option<DateTime<Utc>>,
}

impl SyncState {
    /// The state before any sync in this process.
    pub fn initial(activated: bool, last_success: Option<DateTime<Utc>>) -> SyncState {
        SyncState {
            activity: SyncActivity::Idle,
            activated,
            last_success,
            retry_at: None,
        }
    }
}
