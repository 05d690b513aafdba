//! The core's error: one enum, typed so the apps can act, free of patient
//! text (no answer or message content is ever put in an error).

use std::path::PathBuf;

use chrono::{DateTime, Utc};

use crate::answers::InvalidAnswer;
use crate::content::BundleError;

/// Everything that can go wrong in the core.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The course bundle is broken.
    #[error(transparent)]
    Content(#[from] BundleError),
    /// The key provider has no key (or failed) while a database exists. The
    /// core never creates a fresh database over it; try again after unlock.
    #[error("the database key is not available: {0}")]
    KeyUnavailable(String),
    /// The key does not open the database (nothing was changed).
    #[error("the database key does not open this database")]
    WrongKey,
    /// The database is damaged. It was moved aside (never deleted) when
    /// `moved_to` is set; reopen to start a fresh one and restore from the
    /// clinic by syncing.
    #[error("the database is damaged{}; restore from the clinic", .moved_to.as_ref().map(|p| format!(" and was moved aside to {}", p.display())).unwrap_or_default())]
    DatabaseCorrupt {
        /// Where the damaged file now is.
        moved_to: Option<PathBuf>,
    },
    /// The database was written by a newer version of the app (a downgrade).
    /// Nothing was changed; update the app to open it.
    #[error("the database has schema {found}, newer than this app's {supported}")]
    DatabaseTooNew {
        /// The schema version in the file.
        found: u32,
        /// The newest schema this app knows.
        supported: u32,
    },
    /// The device's storage is full; nothing was saved by this call.
    #[error("the device storage is full")]
    StorageFull,
    /// Any other database failure.
    #[error("storage error: {0}")]
    Storage(String),
    /// A file-system failure.
    #[error("file system error: {0}")]
    Io(std::io::ErrorKind),
    /// No enrolment is stored yet.
    #[error("not enrolled in the course yet")]
    NotEnrolled,
    /// No module with this id.
    #[error("no module \"{0}\"")]
    UnknownModule(String),
    /// No section with this id.
    #[error("no section \"{0}\"")]
    UnknownSection(String),
    /// No question with this id.
    #[error("no question \"{0}\"")]
    UnknownQuestion(String),
    /// The module is not open yet.
    #[error("module \"{module_id}\" is not open yet")]
    ModuleLocked {
        /// The module.
        module_id: String,
        /// When it opens by schedule, if it has a date.
        opens_at: Option<DateTime<Utc>>,
    },
    /// Access to the course has ended: its content is locked. What was
    /// written before the end is still sent, and the summary is offered,
    /// until `grace_until`.
    #[error("access to the course has ended")]
    AccessEnded {
        /// When access ended.
        ended_at: DateTime<Utc>,
        /// The end of the 14 days for sending and for the summary.
        grace_until: DateTime<Utc>,
    },
    /// The answer does not fit the question.
    #[error("answer to \"{question_id}\": {reason}")]
    InvalidAnswer {
        /// The question.
        question_id: String,
        /// The rule broken.
        reason: InvalidAnswer,
    },
    /// A call that does not fit (for example an entry id on a question that
    /// has no entries).
    #[error("{0}")]
    InvalidInput(String),
}

impl From<rusqlite::Error> for Error {
    fn from(e: rusqlite::Error) -> Self {
        use rusqlite::ErrorCode as C;
        match e.sqlite_error_code() {
            Some(C::DiskFull) => Error::StorageFull,
            Some(C::DatabaseCorrupt | C::NotADatabase) => Error::DatabaseCorrupt { moved_to: None },
            // Messages from rusqlite name tables and columns, never bound values.
            _ => Error::Storage(e.to_string()),
        }
    }
}

impl From<std::io::Error> for Error {
    fn from(e: std::io::Error) -> Self {
        if e.raw_os_error() == Some(28) {
            return Error::StorageFull; // ENOSPC
        }
        Error::Io(e.kind())
    }
}

/// The core's result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;
