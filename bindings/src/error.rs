//! The errors the apps see: one enum per area, with only the variants an app
//! acts on. The one mapping point from the core's rich error. No variant
//! carries patient text: ids, rule names and counts only.

use std::time::SystemTime;

use painschool_core::Error as Core;

use crate::runtime::Panicked;

/// Which rule an answer broke. The app words it; no variant holds what
/// the patient wrote.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Enum)]
pub enum AnswerRule {
    /// The value is of another type than the question takes.
    WrongType,
    /// The answer is empty (only a draft may be).
    Empty,
    /// The text is longer than `max_chars` characters.
    TooLong {
        /// The limit, in characters.
        max_chars: u32,
    },
    /// The number is outside `min..=max`.
    OutOfRange {
        /// Lowest allowed.
        min: i64,
        /// Highest allowed.
        max: i64,
    },
    /// An option the question does not have.
    UnknownOption,
    /// The same option chosen twice.
    DuplicateOption,
    /// A diary field without a value.
    MissingField {
        /// The field's id (from the content, not the patient).
        field_id: String,
    },
    /// A diary field the question does not have.
    UnknownField,
}

impl std::fmt::Display for AnswerRule {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::WrongType => f.write_str("wrong type"),
            Self::Empty => f.write_str("empty"),
            Self::TooLong { max_chars } => write!(f, "longer than {max_chars} characters"),
            Self::OutOfRange { min, max } => write!(f, "not between {min} and {max}"),
            Self::UnknownOption => f.write_str("unknown option"),
            Self::DuplicateOption => f.write_str("option chosen twice"),
            Self::MissingField { field_id } => write!(f, "diary field {field_id} missing"),
            Self::UnknownField => f.write_str("unknown diary field"),
        }
    }
}

impl From<painschool_core::answers::InvalidAnswer> for AnswerRule {
    fn from(reason: painschool_core::answers::InvalidAnswer) -> Self {
        use painschool_core::answers::InvalidAnswer as R;
        match reason {
            R::WrongType { .. } => Self::WrongType,
            R::Empty => Self::Empty,
            R::TooLong { max_chars } => Self::TooLong {
                max_chars: u32::try_from(max_chars).unwrap_or(u32::MAX),
            },
            R::OutOfRange { min, max } => Self::OutOfRange { min, max },
            R::UnknownOption => Self::UnknownOption,
            R::DuplicateOption => Self::DuplicateOption,
            R::MissingField(field_id) => Self::MissingField { field_id },
            R::UnknownField => Self::UnknownField,
        }
    }
}

/// Why a course could not be opened.
#[derive(Debug, thiserror::Error, uniffi::Error)]
pub enum OpenError {
    /// The key store has no key or is locked (for example before the first
    /// unlock after a restart). Nothing was created; try again later.
    #[error("the database key is unavailable: {reason}")]
    KeyUnavailable {
        /// What the key store said (no patient text).
        reason: String,
    },
    /// The key does not open the database. Nothing was changed.
    #[error("the key does not open the database")]
    WrongKey,
    /// The database was damaged. It was moved aside (never deleted) when
    /// `moved_aside` is true; open again to start fresh, then sync restores
    /// what the clinic has.
    #[error("the database is damaged")]
    DatabaseCorrupt {
        /// Whether the damaged file was moved aside.
        moved_aside: bool,
    },
    /// A newer app wrote this database; update the app.
    #[error("the database has schema {found}, newer than this app's {supported}")]
    DatabaseTooNew {
        /// The schema in the file.
        found: u32,
        /// The newest schema this app knows.
        supported: u32,
    },
    /// The course content bundle is broken (a packaging fault).
    #[error("the course content is broken: {problems} problem(s)")]
    ContentBroken {
        /// How many problems the validator found.
        problems: u32,
    },
    /// The device's storage is full.
    #[error("the device storage is full")]
    StorageFull,
    /// Anything else (a file-system failure, a bug).
    #[error("internal error: {reason}")]
    Internal {
        /// A description without patient text.
        reason: String,
    },
}

/// Why a course call failed.
#[derive(Debug, Clone, PartialEq, thiserror::Error, uniffi::Error)]
pub enum CourseError {
    /// No enrolment yet: the clinic has not started the course on this device.
    #[error("not enrolled")]
    NotEnrolled,
    /// No module, section or question with this id.
    #[error("no {kind} with id {id}")]
    NotFound {
        /// `module`, `section` or `question`.
        kind: String,
        /// The id asked for.
        id: String,
    },
    /// The module is not open yet.
    #[error("module {module_id} is not open yet")]
    ModuleLocked {
        /// The module.
        module_id: String,
        /// When it opens by schedule, if it has a date.
        opens_at: Option<SystemTime>,
    },
    /// Access to the course has ended: content and answers are locked.
    /// What was written is still sent, and the summary offered, until
    /// `grace_until`.
    #[error("access to the course has ended")]
    AccessEnded {
        /// When access ended.
        ended_at: SystemTime,
        /// The end of the 14 days for sending and for the summary.
        grace_until: SystemTime,
    },
    /// The answer does not fit the question; `rule` says which rule (never
    /// the answer itself), typed so the app says it in its own words.
    #[error("invalid answer to {question_id}: {rule}")]
    InvalidAnswer {
        /// The question.
        question_id: String,
        /// The rule broken.
        rule: AnswerRule,
    },
    /// A call that does not fit (an entry id on a single-answer question, an
    /// unknown time zone, a malformed date).
    #[error("invalid input: {reason}")]
    InvalidInput {
        /// What was wrong (no patient text).
        reason: String,
    },
    /// The device's storage is full; nothing was saved by this call.
    #[error("the device storage is full")]
    StorageFull,
    /// The database was found damaged while running; close the course and
    /// open it again.
    #[error("the database is damaged")]
    DatabaseCorrupt,
    /// Anything else (a bug, a caught panic, a file-system failure).
    #[error("internal error: {reason}")]
    Internal {
        /// A description without patient text.
        reason: String,
    },
}

/// A failure of the app's key store.
#[derive(Debug, thiserror::Error, uniffi::Error)]
pub enum KeyStoreError {
    /// The key store cannot be used now (locked, missing, failing).
    #[error("the key store is unavailable: {reason}")]
    Unavailable {
        /// What went wrong (no key material).
        reason: String,
    },
}

impl From<uniffi::UnexpectedUniFFICallbackError> for KeyStoreError {
    fn from(e: uniffi::UnexpectedUniFFICallbackError) -> Self {
        KeyStoreError::Unavailable { reason: e.reason }
    }
}

impl From<Panicked> for OpenError {
    fn from(_: Panicked) -> Self {
        OpenError::Internal {
            reason: "unexpected failure in the core".into(),
        }
    }
}

impl From<Panicked> for CourseError {
    fn from(_: Panicked) -> Self {
        CourseError::Internal {
            reason: "unexpected failure in the core".into(),
        }
    }
}

impl From<Core> for OpenError {
    fn from(e: Core) -> Self {
        match e {
            Core::KeyUnavailable(reason) => OpenError::KeyUnavailable { reason },
            Core::WrongKey => OpenError::WrongKey,
            Core::DatabaseCorrupt { moved_to } => OpenError::DatabaseCorrupt {
                moved_aside: moved_to.is_some(),
            },
            Core::DatabaseTooNew { found, supported } => {
                OpenError::DatabaseTooNew { found, supported }
            }
            Core::Content(b) => OpenError::ContentBroken {
                problems: u32::try_from(b.errors.len()).unwrap_or(u32::MAX),
            },
            Core::StorageFull => OpenError::StorageFull,
            other => OpenError::Internal {
                reason: other.to_string(),
            },
        }
    }
}

impl From<Core> for CourseError {
    fn from(e: Core) -> Self {
        match e {
            Core::NotEnrolled => CourseError::NotEnrolled,
            Core::UnknownModule(id) => CourseError::NotFound {
                kind: "module".into(),
                id,
            },
            Core::UnknownSection(id) => CourseError::NotFound {
                kind: "section".into(),
                id,
            },
            Core::UnknownQuestion(id) => CourseError::NotFound {
                kind: "question".into(),
                id,
            },
            Core::ModuleLocked {
                module_id,
                opens_at,
            } => CourseError::ModuleLocked {
                module_id,
                opens_at: opens_at.map(SystemTime::from),
            },
            Core::AccessEnded {
                ended_at,
                grace_until,
            } => CourseError::AccessEnded {
                ended_at: ended_at.into(),
                grace_until: grace_until.into(),
            },
            Core::InvalidAnswer {
                question_id,
                reason,
            } => CourseError::InvalidAnswer {
                question_id,
                rule: reason.into(),
            },
            Core::InvalidInput(reason) => CourseError::InvalidInput { reason },
            Core::StorageFull => CourseError::StorageFull,
            Core::DatabaseCorrupt { .. } => CourseError::DatabaseCorrupt,
            other => CourseError::Internal {
                reason: other.to_string(),
            },
        }
    }
}
