//! The message, visit and unit records, and the rule for a message's text.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// Longest message, in characters (the protocol's limit).
pub const MAX_MESSAGE_CHARS: usize = 4000;

/// Longest draft kept while writing, in characters: four times a message,
/// so a text being shortened to fit is never refused, while a runaway paste
/// cannot fill the phone.
pub const MAX_DRAFT_CHARS: usize = 4 * MAX_MESSAGE_CHARS;

/// Which conversation a message belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Thread {
    /// "My clinician": the patient's own clinician.
    Clinician,
    /// "Team mailbox": practical questions, any clinician of the unit answers.
    Team,
}

impl Thread {
    /// The stored and wire name.
    pub fn as_str(self) -> &'static str {
        match self {
            Thread::Clinician => "clinician",
            Thread::Team => "team",
        }
    }

    /// Parses the stored and wire name.
    pub fn parse(s: &str) -> Option<Thread> {
        match s {
            "clinician" => Some(Thread::Clinician),
            "team" => Some(Thread::Team),
            _ => None,
        }
    }
}

/// Who wrote a message.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Author {
    /// The patient (on this or another of their devices).
    Patient,
    /// A clinician or the team.
    Clinic,
}

impl Author {
    /// The stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            Author::Patient => "patient",
            Author::Clinic => "clinic",
        }
    }

    /// Parses the stored name.
    pub fn parse(s: &str) -> Option<Author> {
        match s {
            "patient" => Some(Author::Patient),
            "clinic" => Some(Author::Clinic),
            _ => None,
        }
    }
}

/// Where a message stands.
///
/// A patient's message is `Queued` until the server accepts it, then `Sent`,
/// then `Read` when the clinic's read mark arrives; `Failed` if the server
/// refused it (it stays on the phone). A clinic message is `Sent` until the
/// patient reads it, then `Read`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MessageStatus {
    /// Waiting on this phone for the next sync.
    Queued,
    /// At the clinic (or, for a reply, here and unread).
    Sent,
    /// Read by the other side.
    Read,
    /// Refused by the server; it will not be sent again.
    Failed,
}

impl MessageStatus {
    /// The stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            MessageStatus::Queued => "queued",
            MessageStatus::Sent => "sent",
            MessageStatus::Read => "read",
            MessageStatus::Failed => "failed",
        }
    }

    /// Parses the stored name.
    pub fn parse(s: &str) -> Option<MessageStatus> {
        match s {
            "queued" => Some(MessageStatus::Queued),
            "sent" => Some(MessageStatus::Sent),
            "read" => Some(MessageStatus::Read),
            "failed" => Some(MessageStatus::Failed),
            _ => None,
        }
    }
}

/// One message of a thread.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Message {
    /// The message id (UUIDv7, made where it was written).
    pub id: String,
    /// The thread.
    pub thread: Thread,
    /// Who wrote it.
    pub author: Author,
    /// The clinician's or team's name, for clinic messages.
    pub author_name: Option<String>,
    /// The text.
    pub text: String,
    /// When it was written (the patient's) or sent (the clinic's).
    pub written_at: DateTime<Utc>,
    /// Where it stands.
    pub status: MessageStatus,
    /// When the other side read it, once known.
    pub read_at: Option<DateTime<Utc>>,
}

/// What kind of visit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum VisitKind {
    /// At the clinic.
    Clinic,
    /// A video call.
    Video,
    /// A phone call.
    Phone,
    /// A kind this app version does not know.
    Other,
}

impl VisitKind {
    /// The stored and wire name.
    pub fn as_str(self) -> &'static str {
        match self {
            VisitKind::Clinic => "clinic",
            VisitKind::Video => "video",
            VisitKind::Phone => "phone",
            VisitKind::Other => "other",
        }
    }

    /// Parses the stored and wire name; an unknown kind is `Other`.
    pub fn parse(s: &str) -> VisitKind {
        match s {
            "clinic" => VisitKind::Clinic,
            "video" => VisitKind::Video,
            "phone" => VisitKind::Phone,
            _ => VisitKind::Other,
        }
    }
}

/// A visit the clinic booked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Visit {
    /// The visit id (the clinic's).
    pub id: String,
    /// When it starts.
    pub starts_at: DateTime<Utc>,
    /// How long, in minutes.
    pub minutes: u32,
    /// Clinic, video or phone.
    pub kind: VisitKind,
    /// Whether the clinic cancelled it.
    pub cancelled: bool,
}

/// The patient's clinic unit, as the clinic describes it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UnitInfo {
    /// The unit's name.
    pub name: String,
    /// The stated reply time, in Swedish.
    pub reply_time_sv: String,
    /// The stated reply time, in English.
    pub reply_time_en: String,
}

/// Why a message text is refused (never repeating the text).
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum InvalidText {
    /// Nothing but white space.
    #[error("the message is empty")]
    Empty,
    /// Longer than [`MAX_MESSAGE_CHARS`].
    #[error("the message is longer than {MAX_MESSAGE_CHARS} characters")]
    TooLong,
}

/// Checks a message text: 1–4,000 characters once surrounding white space
/// is trimmed. Returns the trimmed text.
pub fn check_text(text: &str) -> Result<&str, InvalidText> {
    let trimmed = text.trim();
    match trimmed.chars().count() {
        0 => Err(InvalidText::Empty),
        n if n > MAX_MESSAGE_CHARS => Err(InvalidText::TooLong),
        _ => Ok(trimmed),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_one_to_4000_characters_after_trimming() {
        assert_eq!(check_text("  hej  "), Ok("hej"));
        assert_eq!(check_text(" \n\t "), Err(InvalidText::Empty));
        let max = "å".repeat(MAX_MESSAGE_CHARS);
        assert_eq!(check_text(&max), Ok(max.as_str()), "characters, not bytes");
        assert_eq!(check_text(&format!("{max}a")), Err(InvalidText::TooLong));
    }

    #[test]
    fn names_round_trip() {
        for t in [Thread::Clinician, Thread::Team] {
            assert_eq!(Thread::parse(t.as_str()), Some(t));
        }
        for s in [
            MessageStatus::Queued,
            MessageStatus::Sent,
            MessageStatus::Read,
            MessageStatus::Failed,
        ] {
            assert_eq!(MessageStatus::parse(s.as_str()), Some(s));
        }
        for a in [Author::Patient, Author::Clinic] {
            assert_eq!(Author::parse(a.as_str()), Some(a));
        }
        assert_eq!(VisitKind::parse("hologram"), VisitKind::Other);
        assert_eq!(Thread::parse("everyone"), None);
    }
}
