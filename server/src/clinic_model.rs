//! What the clinic writes into a patient's feed and reads back: messages,
//! read marks, enrolment changes, visits, reviewed marks. The mapping from a
//! clinic item to its feed entry is pure, so every backend stores the same
//! JSON (docs/sync-protocol.md).

use chrono::{DateTime, SecondsFormat, Utc};
use painschool_core::course::Enrolment;
use painschool_core::hlc::Hlc;
use serde::{Deserialize, Serialize};

/// The threads, who wrote a message and the text limit are the phone's
/// own rules (`painschool_core::messages`), so both ends agree.
pub use painschool_core::messages::{Author, MAX_MESSAGE_CHARS, Thread, check_text};

/// How a visit happens.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum VisitKind {
    /// At the clinic.
    Clinic,
    /// A video call.
    Video,
    /// A phone call.
    Phone,
}

impl VisitKind {
    /// The stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            VisitKind::Clinic => "clinic",
            VisitKind::Video => "video",
            VisitKind::Phone => "phone",
        }
    }

    /// Parses a stored name.
    pub fn parse(s: &str) -> Option<VisitKind> {
        match s {
            "clinic" => Some(VisitKind::Clinic),
            "video" => Some(VisitKind::Video),
            "phone" => Some(VisitKind::Phone),
            _ => None,
        }
    }
}

/// A booked visit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Visit {
    /// Id (UUIDv7).
    pub id: String,
    /// When it starts.
    pub starts_at: DateTime<Utc>,
    /// How long, in minutes (5–480).
    pub minutes: u32,
    /// Where or how.
    pub kind: VisitKind,
    /// Whether it was cancelled.
    pub cancelled: bool,
    /// Where (a clinic visit's address or room), if given.
    pub place: Option<String>,
    /// The video call's `https` link, if given.
    pub video_link: Option<String>,
}

/// One thing the clinic sends to a patient's devices.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ClinicItem {
    /// A reply or a new message from the clinic.
    Message {
        /// Id (UUIDv7).
        id: String,
        /// Which thread.
        thread: Thread,
        /// The text.
        text: String,
        /// The name the patient sees (the clinician's display name).
        author_name: String,
    },
    /// The clinic read a message of the patient's.
    MessageRead {
        /// The patient's message.
        message_id: String,
    },
    /// The enrolment after a pace change, an unlock, an extension or the
    /// end of access.
    Enrolment(Enrolment),
    /// A visit booked, moved or cancelled.
    Visit(Visit),
    /// A clinician reviewed one answer version.
    AnswerReviewed {
        /// The version.
        version_id: String,
        /// Its question (filled in by the store from the feed).
        question_id: String,
    },
}

/// A feed entry ready to store: entity, entity id, payload.
#[derive(Debug, Clone, PartialEq)]
pub struct FeedEntry {
    /// The change id (UUIDv7).
    pub change_id: String,
    /// The entity.
    pub entity: &'static str,
    /// Which record.
    pub entity_id: String,
    /// The server's clock stamp.
    pub hlc: String,
    /// The payload.
    pub payload: serde_json::Value,
}

fn time(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::Millis, true)
}

impl ClinicItem {
    /// The feed entry the patient's devices pull for this item, made at `now`.
    pub fn feed_entry(&self, now: DateTime<Utc>) -> FeedEntry {
        let millis = u64::try_from(now.timestamp_millis()).unwrap_or(0);
        let hlc = Hlc::tick(None, millis, "server").to_string();
        let (entity, entity_id, payload) = match self {
            ClinicItem::Message {
                id,
                thread,
                text,
                author_name,
            } => (
                "message",
                id.clone(),
                serde_json::json!({
                    "message_id": id, "thread": thread.as_str(), "text": text,
                    "sent_at": time(now), "author_name": author_name,
                }),
            ),
            ClinicItem::MessageRead { message_id } => (
                "message_read",
                message_id.clone(),
                serde_json::json!({ "message_id": message_id, "read_at": time(now) }),
            ),
            ClinicItem::Enrolment(e) => (
                "enrolment",
                "enrolment".to_owned(),
                serde_json::json!({ "enrolment": e }),
            ),
            ClinicItem::Visit(v) => (
                "visit",
                v.id.clone(),
                serde_json::json!({
                    "visit_id": v.id, "starts_at": time(v.starts_at), "minutes": v.minutes,
                    "kind": v.kind.as_str(), "cancelled": v.cancelled,
                    "place": v.place, "video_link": v.video_link,
                }),
            ),
            ClinicItem::AnswerReviewed {
                version_id,
                question_id,
            } => (
                "answer_reviewed",
                version_id.clone(),
                serde_json::json!({
                    "version_id": version_id, "question_id": question_id, "reviewed_at": time(now),
                }),
            ),
        };
        FeedEntry {
            change_id: uuid::Uuid::now_v7().to_string(),
            entity,
            entity_id,
            hlc,
            payload,
        }
    }
}

/// What a device's change does besides entering the feed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DeviceSideEffect {
    /// Nothing else.
    None,
    /// A patient's message: stored in the clinic's message table.
    Message {
        /// The message id.
        id: String,
        /// Which thread.
        thread: Thread,
        /// The text.
        text: String,
        /// When the patient wrote it.
        written_at: String,
    },
    /// The patient read a clinic message.
    MessageRead {
        /// The clinic's message.
        message_id: String,
        /// When.
        read_at: String,
    },
}

/// The side effect of a checked device change (see `validate::check`).
pub fn device_side_effect(entity: &str, payload: &serde_json::Value) -> DeviceSideEffect {
    let s = |k: &str| payload.get(k).and_then(|v| v.as_str()).map(str::to_owned);
    match entity {
        "message" => match (
            s("message_id"),
            s("thread").as_deref().and_then(Thread::parse),
            s("text"),
            s("written_at"),
        ) {
            (Some(id), Some(thread), Some(text), Some(written_at)) => DeviceSideEffect::Message {
                id,
                thread,
                text,
                written_at,
            },
            _ => DeviceSideEffect::None,
        },
        "message_read" => match (s("message_id"), s("read_at")) {
            (Some(message_id), Some(read_at)) => DeviceSideEffect::MessageRead {
                message_id,
                read_at,
            },
            _ => DeviceSideEffect::None,
        },
        _ => DeviceSideEffect::None,
    }
}

/// A message as the clinic sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Message {
    /// Id.
    pub id: String,
    /// Which thread.
    pub thread: Thread,
    /// Who wrote it.
    pub author: Author,
    /// The clinician who wrote it (clinic messages).
    pub clinician_id: Option<String>,
    /// The text.
    pub text: String,
    /// When it was written.
    pub written_at: String,
    /// When the clinic read it (patient messages).
    pub read_by_clinic_at: Option<String>,
    /// When the patient read it (clinic messages).
    pub read_by_patient_at: Option<String>,
}

/// A patient as the clinic's access checks need them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PatientRecord {
    /// Id.
    pub id: String,
    /// The unit.
    pub unit_id: String,
    /// The patient's own clinician.
    pub clinician_id: Option<String>,
    /// The enrolment.
    pub enrolment: Enrolment,
}

/// One submitted answer version, as the clinic reads it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct AnswerRecord {
    /// The version id.
    pub version_id: String,
    /// The question.
    pub question_id: String,
    /// The entry (repeating questions).
    pub entry_id: String,
    /// The module.
    pub module_id: String,
    /// The value.
    pub value: serde_json::Value,
    /// The clock stamp; the highest per question and entry is current.
    pub hlc: String,
    /// When the patient submitted it.
    pub submitted_at: String,
    /// When a clinician marked it reviewed.
    pub reviewed_at: Option<String>,
}

impl AnswerRecord {
    /// The record for one stored `answer_version` change: its JSON
    /// payload, its clock stamp and the review time, if any.
    pub fn from_change(payload: &str, hlc: String, reviewed_at: Option<String>) -> AnswerRecord {
        let p: serde_json::Value = serde_json::from_str(payload).unwrap_or_default();
        let s = |k: &str| p.get(k).and_then(|v| v.as_str()).unwrap_or("").to_owned();
        AnswerRecord {
            version_id: s("version_id"),
            question_id: s("question_id"),
            entry_id: s("entry_id"),
            module_id: s("module_id"),
            value: p.get("value").cloned().unwrap_or_default(),
            hlc,
            submitted_at: s("submitted_at"),
            reviewed_at,
        }
    }
}

/// One device of a patient, as the clinic sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct DeviceRecord {
    /// Id.
    pub id: String,
    /// `active`, `ended` or `revoked`.
    pub state: String,
    /// When it was activated.
    pub created_at: String,
    /// When it last pushed.
    pub last_seen_at: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn a_clinic_message_becomes_the_feed_entry_the_protocol_names() {
        let now = Utc.with_ymd_and_hms(2026, 11, 23, 9, 30, 0).unwrap();
        let e = ClinicItem::Message {
            id: "m1".into(),
            thread: Thread::Team,
            text: "Hej".into(),
            author_name: "Behandlare".into(),
        }
        .feed_entry(now);
        assert_eq!(e.entity, "message");
        assert_eq!(e.entity_id, "m1");
        assert_eq!(e.payload["thread"], "team");
        assert_eq!(e.payload["sent_at"], "2026-11-23T09:30:00.000Z");
        assert!(e.hlc.ends_with("-server"), "{}", e.hlc);
        assert!(e.hlc.parse::<Hlc>().is_ok());
    }

    #[test]
    fn only_messages_and_read_marks_have_side_effects() {
        let m = serde_json::json!({"message_id": "x", "thread": "clinician", "text": "t", "written_at": "w"});
        assert!(matches!(
            device_side_effect("message", &m),
            DeviceSideEffect::Message {
                thread: Thread::Clinician,
                ..
            }
        ));
        assert_eq!(
            device_side_effect("answer_version", &m),
            DeviceSideEffect::None
        );
        let r = serde_json::json!({"message_id": "x", "read_at": "r"});
        assert!(matches!(
            device_side_effect("message_read", &r),
            DeviceSideEffect::MessageRead { .. }
        ));
    }
}
