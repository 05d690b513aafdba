//! Records and enums of the sync and messaging area, mirrored from the core
//! (which has no UniFFI dependency). Instants are `SystemTime` (Kotlin
//! `Instant`, Swift `Date`).

use std::time::SystemTime;

use painschool_core::facade as core_msg;
use painschool_core::sync as core_sync;

use crate::course_types::Enrolment;

/// Why the last sync stopped.
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum SyncErrorReason {
    /// Not activated yet: show activation.
    NotActivated,
    /// The stored server address is refused (plain HTTP without the
    /// development flag).
    InsecureServerUrl,
    /// The server does not know this device: activate again.
    Unauthorized,
    /// The clinic turned this device off.
    DeviceRevoked,
    /// Access to the course has ended.
    AccessEnded,
    /// The server refused a request as malformed (a bug; reported).
    ServerRejected,
    /// The server is busy or down; sync tries again at `retry_at`.
    ServerUnavailable,
    /// The server's answer did not read.
    BadResponse,
    /// Local storage failed (full, damaged).
    Storage,
    /// An unexpected failure.
    Internal,
}

/// What sync is doing.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Enum)]
pub enum SyncActivity {
    /// Nothing running; the last sync (if any) succeeded.
    Idle,
    /// Uploading: `sent` of `total` changes so far.
    Syncing {
        /// Changes uploaded so far.
        sent: u32,
        /// Changes to upload in this sync.
        total: u32,
    },
    /// No connection; nothing is lost, sync tries again at `retry_at`.
    Offline,
    /// The last sync stopped for `reason`.
    Error {
        /// Why.
        reason: SyncErrorReason,
    },
}

/// The state of sync on this device.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct SyncState {
    /// What sync is doing.
    pub activity: SyncActivity,
    /// Whether this device is activated.
    pub activated: bool,
    /// When a sync last ended without an error.
    pub last_success: Option<SystemTime>,
    /// After a failure: when the next sync will contact the server; the
    /// app's background scheduler should run `sync_now` then.
    pub retry_at: Option<SystemTime>,
}

/// What one `sync_now` did.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct SyncReport {
    /// Changes the server stored.
    pub sent: u32,
    /// Changes the server refused for good (the local data is kept).
    pub rejected: u32,
    /// Changes received and applied.
    pub received: u32,
    /// Set when nothing was done because a retry is not due yet.
    pub deferred_until: Option<SystemTime>,
}

/// What an activation gave.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct Activated {
    /// This device's id at the server.
    pub device_id: String,
    /// The enrolment the clinic set.
    pub enrolment: Enrolment,
}

/// Which conversation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum MessageThread {
    /// "My clinician".
    Clinician,
    /// "Team mailbox": practical questions, any clinician of the unit.
    Team,
}

/// Who wrote a message.
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum MessageAuthor {
    /// The patient (this or another of their devices).
    Patient,
    /// A clinician or the team.
    Clinic,
}

/// Where a message stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum MessageStatus {
    /// Waiting on this phone for the next sync.
    Queued,
    /// At the clinic (a reply: here, unread).
    Sent,
    /// Read by the other side.
    Read,
    /// Refused by the server; it stays on the phone.
    Failed,
}

/// One message.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Message {
    /// The message id.
    pub id: String,
    /// The thread.
    pub thread: MessageThread,
    /// Who wrote it.
    pub author: MessageAuthor,
    /// The clinician's or team's name (clinic messages).
    pub author_name: Option<String>,
    /// The text.
    pub text: String,
    /// When it was written (sent, for the clinic's).
    pub written_at: SystemTime,
    /// Where it stands.
    pub status: MessageStatus,
    /// When the other side read it.
    pub read_at: Option<SystemTime>,
}

/// What the compose screen shows.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct ComposeView {
    /// The thread written to.
    pub thread: MessageThread,
    /// The unit's name, once known.
    pub unit_name: Option<String>,
    /// The unit's stated reply time in the patient's language, once known.
    pub reply_time: Option<String>,
    /// Not for emergencies: 112, 1177 (always shown).
    pub safety_line: String,
    /// The longest message, in characters.
    pub max_chars: u32,
}

/// What kind of visit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum VisitKind {
    /// At the clinic.
    Clinic,
    /// Video call.
    Video,
    /// Phone call.
    Phone,
    /// A kind this app version does not know.
    Other,
}

/// A visit the clinic booked.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Visit {
    /// The visit id.
    pub id: String,
    /// When it starts.
    pub starts_at: SystemTime,
    /// How long, in minutes.
    pub minutes: u32,
    /// What kind.
    pub kind: VisitKind,
    /// Whether the clinic cancelled it.
    pub cancelled: bool,
}

impl From<core_sync::SyncErrorReason> for SyncErrorReason {
    fn from(r: core_sync::SyncErrorReason) -> Self {
        use core_sync::SyncErrorReason as C;
        match r {
            C::NotActivated => Self::NotActivated,
            C::InsecureServerUrl => Self::InsecureServerUrl,
            C::Unauthorized => Self::Unauthorized,
            C::DeviceRevoked => Self::DeviceRevoked,
            C::AccessEnded => Self::AccessEnded,
            C::ServerRejected => Self::ServerRejected,
            C::ServerUnavailable => Self::ServerUnavailable,
            C::BadResponse => Self::BadResponse,
            C::Storage => Self::Storage,
            C::Internal => Self::Internal,
        }
    }
}

impl From<core_sync::SyncState> for SyncState {
    fn from(s: core_sync::SyncState) -> Self {
        use core_sync::SyncActivity as C;
        SyncState {
            activity: match s.activity {
                C::Idle => SyncActivity::Idle,
                C::Syncing { sent, total } => SyncActivity::Syncing { sent, total },
                C::Offline => SyncActivity::Offline,
                C::Error(reason) => SyncActivity::Error {
                    reason: reason.into(),
                },
            },
            activated: s.activated,
            last_success: s.last_success.map(Into::into),
            retry_at: s.retry_at.map(Into::into),
        }
    }
}

impl From<core_sync::SyncReport> for SyncReport {
    fn from(r: core_sync::SyncReport) -> Self {
        SyncReport {
            sent: r.sent,
            rejected: r.rejected,
            received: r.received,
            deferred_until: r.deferred_until.map(Into::into),
        }
    }
}

impl From<MessageThread> for core_msg::Thread {
    fn from(t: MessageThread) -> Self {
        match t {
            MessageThread::Clinician => core_msg::Thread::Clinician,
            MessageThread::Team => core_msg::Thread::Team,
        }
    }
}

impl From<core_msg::Thread> for MessageThread {
    fn from(t: core_msg::Thread) -> Self {
        match t {
            core_msg::Thread::Clinician => MessageThread::Clinician,
            core_msg::Thread::Team => MessageThread::Team,
        }
    }
}

impl From<core_msg::Message> for Message {
    fn from(m: core_msg::Message) -> Self {
        Message {
            id: m.id,
            thread: m.thread.into(),
            author: match m.author {
                core_msg::Author::Patient => MessageAuthor::Patient,
                core_msg::Author::Clinic => MessageAuthor::Clinic,
            },
            author_name: m.author_name,
            text: m.text,
            written_at: m.written_at.into(),
            status: match m.status {
                core_msg::MessageStatus::Queued => MessageStatus::Queued,
                core_msg::MessageStatus::Sent => MessageStatus::Sent,
                core_msg::MessageStatus::Read => MessageStatus::Read,
                core_msg::MessageStatus::Failed => MessageStatus::Failed,
            },
            read_at: m.read_at.map(Into::into),
        }
    }
}

impl From<core_msg::Compose> for ComposeView {
    fn from(c: core_msg::Compose) -> Self {
        ComposeView {
            thread: c.thread.into(),
            unit_name: c.unit_name,
            reply_time: c.reply_time,
            safety_line: c.safety_line,
            max_chars: c.max_chars,
        }
    }
}

impl From<core_msg::Visit> for Visit {
    fn from(v: core_msg::Visit) -> Self {
        Visit {
            id: v.id,
            starts_at: v.starts_at.into(),
            minutes: v.minutes,
            kind: match v.kind {
                core_msg::VisitKind::Clinic => VisitKind::Clinic,
                core_msg::VisitKind::Video => VisitKind::Video,
                core_msg::VisitKind::Phone => VisitKind::Phone,
                core_msg::VisitKind::Other => VisitKind::Other,
            },
            cancelled: v.cancelled,
        }
    }
}
