//! What can go wrong in sync, typed so the app can act on it. No error holds
//! patient text, a token or a server's free-text message: only codes and
//! HTTP statuses.

use std::time::Duration;

/// A failure reported by a [`Transport`](super::Transport).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TransportError {
    /// No answer: no network, refused, reset, timed out.
    Network,
    /// The server answered with an error status.
    Status {
        /// The HTTP status.
        status: u16,
        /// The error code from the JSON body (`unauthorized`, …), if any.
        code: Option<String>,
        /// The `Retry-After` header, in seconds, if any.
        retry_after: Option<Duration>,
    },
    /// A success status whose body does not read as the protocol says.
    BadResponse,
}

/// The local database failed during sync.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StorageProblem {
    /// The device's storage is full.
    Full,
    /// The database is damaged (reopen the course).
    Corrupt,
    /// Anything else.
    Other,
}

/// What went wrong in a sync or an activation.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SyncError {
    /// This device has no activation yet.
    #[error("this device is not activated")]
    NotActivated,
    /// The server address does not read as a URL.
    #[error("the server address is not a valid URL")]
    InvalidServerUrl,
    /// The server address is not `https://` (plain HTTP only to this
    /// machine, with the development flag).
    #[error("the server address must use https")]
    InsecureServerUrl,
    /// The activation code is unknown, used or expired (one answer for each).
    #[error("the activation code is not valid")]
    InvalidCode,
    /// Too many failed attempts; try again after `retry_after`.
    #[error("too many attempts")]
    TooManyAttempts {
        /// What the server asked for.
        retry_after: Option<Duration>,
    },
    /// No connection to the server.
    #[error("no connection to the server")]
    Offline,
    /// The server does not know this device's token: activate again.
    #[error("the server does not know this device")]
    Unauthorized,
    /// The clinic turned this device off (a lost phone).
    #[error("the clinic turned off this device")]
    DeviceRevoked,
    /// Access to the course has ended (and the 14-day grace is over).
    #[error("access to the course has ended")]
    AccessEnded,
    /// The server refused the request as malformed: a bug to report. The
    /// outbox is kept.
    #[error("the server refused the request (HTTP {status})")]
    ServerRejected {
        /// The HTTP status.
        status: u16,
    },
    /// The server is overloaded or down; the outbox is kept.
    #[error("the server is unavailable (HTTP {status})")]
    ServerUnavailable {
        /// The HTTP status.
        status: u16,
        /// What the server asked for.
        retry_after: Option<Duration>,
    },
    /// The server's answer does not read as the protocol says.
    #[error("the server's answer could not be read")]
    BadResponse,
    /// The local database failed.
    #[error("local storage failed: {0:?}")]
    Storage(StorageProblem),
    /// An unexpected failure inside the engine.
    #[error("unexpected failure in sync")]
    Internal,
}

/// Why the last sync stopped, for the state the app shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SyncErrorReason {
    /// Not activated yet: show activation.
    NotActivated,
    /// The stored server address is refused (plain HTTP without the
    /// development flag).
    InsecureServerUrl,
    /// The token is unknown: show "activate again".
    Unauthorized,
    /// The clinic turned this device off.
    DeviceRevoked,
    /// Access has ended.
    AccessEnded,
    /// The server refused a request as malformed (a bug; reported).
    ServerRejected,
    /// The server is busy or down; sync tries again later.
    ServerUnavailable,
    /// The server's answer did not read.
    BadResponse,
    /// Local storage failed (full, damaged).
    Storage,
    /// An unexpected failure.
    Internal,
}

impl SyncError {
    /// The reason shown in the sync state; `None` for [`SyncError::Offline`],
    /// which is a state of its own.
    pub fn reason(&self) -> Option<SyncErrorReason> {
        Some(match self {
            SyncError::Offline => return None,
            SyncError::NotActivated => SyncErrorReason::NotActivated,
            SyncError::InvalidServerUrl | SyncError::InsecureServerUrl => {
                SyncErrorReason::InsecureServerUrl
            }
            SyncError::InvalidCode | SyncError::Unauthorized => SyncErrorReason::Unauthorized,
            SyncError::DeviceRevoked => SyncErrorReason::DeviceRevoked,
            SyncError::AccessEnded => SyncErrorReason::AccessEnded,
            SyncError::ServerRejected { .. } => SyncErrorReason::ServerRejected,
            SyncError::TooManyAttempts { .. } | SyncError::ServerUnavailable { .. } => {
                SyncErrorReason::ServerUnavailable
            }
            SyncError::BadResponse => SyncErrorReason::BadResponse,
            SyncError::Storage(_) => SyncErrorReason::Storage,
            SyncError::Internal => SyncErrorReason::Internal,
        })
    }

    /// What the server asked to wait, if anything.
    pub fn retry_after(&self) -> Option<Duration> {
        match self {
            SyncError::TooManyAttempts { retry_after }
            | SyncError::ServerUnavailable { retry_after, .. } => *retry_after,
            _ => None,
        }
    }

    /// Whether the failure came before any request (nothing to back off
    /// from: the same call fails the same way until something changes).
    pub fn is_local(&self) -> bool {
        matches!(
            self,
            SyncError::NotActivated | SyncError::InvalidServerUrl | SyncError::InsecureServerUrl
        )
    }
}

impl From<TransportError> for SyncError {
    fn from(e: TransportError) -> Self {
        match e {
            TransportError::Network => SyncError::Offline,
            TransportError::BadResponse => SyncError::BadResponse,
            TransportError::Status {
                status,
                code,
                retry_after,
            } => match (status, code.as_deref()) {
                (401, Some("device_revoked")) => SyncError::DeviceRevoked,
                (401, Some("access_ended")) => SyncError::AccessEnded,
                (401, Some("invalid_code")) => SyncError::InvalidCode,
                (401 | 403, _) => SyncError::Unauthorized,
                (429, Some("too_many_attempts")) => SyncError::TooManyAttempts { retry_after },
                (429, _) | (500..=599, _) => SyncError::ServerUnavailable {
                    status,
                    retry_after,
                },
                _ => SyncError::ServerRejected { status },
            },
        }
    }
}

impl From<crate::Error> for SyncError {
    fn from(e: crate::Error) -> Self {
        // The core's errors hold no patient text; the kind is enough here.
        tracing::error!(error = %e, "local storage failed during sync");
        SyncError::Storage(match e {
            crate::Error::StorageFull => StorageProblem::Full,
            crate::Error::DatabaseCorrupt { .. } => StorageProblem::Corrupt,
            _ => StorageProblem::Other,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn status(status: u16, code: &str) -> SyncError {
        TransportError::Status {
            status,
            code: Some(code.into()),
            retry_after: Some(Duration::from_secs(7)),
        }
        .into()
    }

    #[test]
    fn the_protocols_error_table_maps_to_what_the_app_does() {
        assert_eq!(status(401, "unauthorized"), SyncError::Unauthorized);
        assert_eq!(status(401, "device_revoked"), SyncError::DeviceRevoked);
        assert_eq!(status(401, "access_ended"), SyncError::AccessEnded);
        assert_eq!(status(401, "invalid_code"), SyncError::InvalidCode);
        assert_eq!(
            status(413, "batch_too_long"),
            SyncError::ServerRejected { status: 413 }
        );
        assert_eq!(
            status(422, "bad_request").reason(),
            Some(SyncErrorReason::ServerRejected)
        );
        let busy = status(503, "storage_unavailable");
        assert_eq!(busy.retry_after(), Some(Duration::from_secs(7)));
        assert_eq!(busy.reason(), Some(SyncErrorReason::ServerUnavailable));
        assert!(matches!(
            status(429, "too_many_attempts"),
            SyncError::TooManyAttempts { .. }
        ));
        assert_eq!(SyncError::from(TransportError::Network).reason(), None);
    }
}
