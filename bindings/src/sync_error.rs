//! The sync area's error for the apps: only what an app acts on, and no
//! patient text, token or server message in any variant.

use painschool_core::sync::{StorageProblem, SyncError as Core};

use crate::runtime::Panicked;

/// Why an activation or a sync failed.
#[derive(Debug, Clone, PartialEq, thiserror::Error, uniffi::Error)]
pub enum SyncError {
    /// This device is not activated yet: show activation.
    #[error("not activated")]
    NotActivated,
    /// The server address is not a valid `https://` URL.
    #[error("the server address is not a valid https URL")]
    InvalidServerUrl,
    /// The activation code is unknown, used or expired: ask the clinic for a
    /// new one.
    #[error("the activation code is not valid")]
    InvalidCode,
    /// Too many failed activation attempts; wait.
    #[error("too many attempts")]
    TooManyAttempts {
        /// What the server asked to wait, in seconds.
        retry_after_seconds: Option<u64>,
    },
    /// No connection to the server; nothing is lost.
    #[error("offline")]
    Offline,
    /// The server does not know this device: activate again.
    #[error("unauthorized")]
    Unauthorized,
    /// The clinic turned this device off.
    #[error("device revoked")]
    DeviceRevoked,
    /// Access to the course has ended.
    #[error("access ended")]
    AccessEnded,
    /// The server is busy or down; sync tries again later.
    #[error("server unavailable")]
    ServerUnavailable {
        /// What the server asked to wait, in seconds.
        retry_after_seconds: Option<u64>,
    },
    /// The server refused a request or answered unreadably (a bug to
    /// report); the outbox is kept and sync tries again later.
    #[error("server error")]
    ServerError,
    /// The device's storage is full.
    #[error("storage full")]
    StorageFull,
    /// Anything else (a damaged database, a bug, a caught panic).
    #[error("internal error: {reason}")]
    Internal {
        /// A description without patient text.
        reason: String,
    },
}

impl From<Core> for SyncError {
    fn from(e: Core) -> Self {
        match e {
            Core::NotActivated => SyncError::NotActivated,
            Core::InvalidServerUrl | Core::InsecureServerUrl => SyncError::InvalidServerUrl,
            Core::InvalidCode => SyncError::InvalidCode,
            Core::TooManyAttempts { retry_after } => SyncError::TooManyAttempts {
                retry_after_seconds: retry_after.map(|d| d.as_secs()),
            },
            Core::Offline => SyncError::Offline,
            Core::Unauthorized => SyncError::Unauthorized,
            Core::DeviceRevoked => SyncError::DeviceRevoked,
            Core::AccessEnded => SyncError::AccessEnded,
            Core::ServerUnavailable { retry_after, .. } => SyncError::ServerUnavailable {
                retry_after_seconds: retry_after.map(|d| d.as_secs()),
            },
            Core::ServerRejected { .. } | Core::BadResponse => SyncError::ServerError,
            Core::Storage(StorageProblem::Full) => SyncError::StorageFull,
            other => SyncError::Internal {
                reason: other.to_string(),
            },
        }
    }
}

impl From<Panicked> for SyncError {
    fn from(_: Panicked) -> Self {
        SyncError::Internal {
            reason: "unexpected failure in the core".into(),
        }
    }
}
