//! Turns feed items into changes the store applies. Pure: an item this app
//! does not know (a newer entity) or cannot read is skipped, and the cursor
//! still moves past it. Skips are logged by sequence number and entity only:
//! a payload may hold patient text, and so may a JSON error message.

use chrono::{DateTime, Utc};
use serde::Deserialize;

use super::wire::{FeedItem, PullResponse, Source};
use crate::answers::AnswerValue;
use crate::course::Enrolment;
use crate::hlc::Hlc;
use crate::messages::{Author, Thread, UnitInfo, Visit, VisitKind};
use crate::store::{IncomingMessage, ProgressKind, RemoteChange, RemoteItem, RemotePage};

#[derive(Deserialize)]
struct PositionPayload {
    track: String,
    position_ms: u64,
}

#[derive(Deserialize)]
struct AnswerPayload {
    version_id: String,
    question_id: String,
    #[serde(default)]
    entry_id: String,
    module_id: String,
    value: serde_json::Value,
    submitted_at: DateTime<Utc>,
}

#[derive(Deserialize)]
struct ProgressPayload {
    kind: String,
    item_id: String,
    module_id: String,
    at: DateTime<Utc>,
}

#[derive(Deserialize)]
struct PreferencePayload {
    key: String,
    value: String,
}

#[derive(Deserialize)]
struct MessagePayload {
    message_id: String,
    thread: String,
    text: String,
    written_at: Option<DateTime<Utc>>,
    sent_at: Option<DateTime<Utc>>,
    author_name: Option<String>,
}

#[derive(Deserialize)]
struct MessageReadPayload {
    message_id: String,
    read_at: DateTime<Utc>,
}

#[derive(Deserialize)]
struct EnrolmentPayload {
    enrolment: Enrolment,
}

#[derive(Deserialize)]
struct VisitPayload {
    visit_id: String,
    starts_at: DateTime<Utc>,
    minutes: u32,
    kind: String,
    #[serde(default)]
    cancelled: bool,
}

#[derive(Deserialize)]
struct ReviewedPayload {
    version_id: String,
    question_id: String,
    reviewed_at: DateTime<Utc>,
}

const PREFERENCE_KEYS: &[&str] = &["display_name", "language", "text_size", "reminders"];

fn payload<T: serde::de::DeserializeOwned>(item: &FeedItem) -> Option<T> {
    T::deserialize(&item.payload).ok()
}

/// Why an item was skipped.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Skip {
    /// An entity this app does not know.
    UnknownEntity,
    /// A known entity whose stamp or payload does not read.
    Unreadable,
}

/// Decodes one feed item.
pub fn decode(item: &FeedItem) -> Result<RemoteItem, Skip> {
    let change = match item.entity.as_str() {
        "answer_version" => {
            let p: AnswerPayload = payload(item).ok_or(Skip::Unreadable)?;
            // Only a value the app can show is stored.
            AnswerValue::deserialize(&p.value).map_err(|_| Skip::Unreadable)?;
            RemoteChange::AnswerVersion {
                version_id: p.version_id,
                question_id: p.question_id,
                entry_id: p.entry_id,
                module_id: p.module_id,
                value_json: p.value.to_string(),
                submitted_at: p.submitted_at,
            }
        }
        "progress" => {
            let p: ProgressPayload = payload(item).ok_or(Skip::Unreadable)?;
            RemoteChange::Progress {
                kind: ProgressKind::parse(&p.kind).ok_or(Skip::Unreadable)?,
                item_id: p.item_id,
                module_id: p.module_id,
                at: p.at,
            }
        }
        "audio_position" => {
            let p: PositionPayload = payload(item).ok_or(Skip::Unreadable)?;
            if p.track != item.entity_id {
                return Err(Skip::Unreadable);
            }
            RemoteChange::AudioPosition {
                track: p.track,
                position_ms: p.position_ms,
            }
        }
        "practice_session" => {
            let p: crate::practice::PracticeSession = payload(item).ok_or(Skip::Unreadable)?;
            if p.id != item.entity_id {
                return Err(Skip::Unreadable);
            }
            RemoteChange::PracticeSession(p)
        }
        "preference" => {
            let p: PreferencePayload = payload(item).ok_or(Skip::Unreadable)?;
            if !PREFERENCE_KEYS.contains(&p.key.as_str()) {
                return Err(Skip::Unreadable);
            }
            RemoteChange::Preference {
                key: p.key,
                value: p.value,
            }
        }
        "message" => {
            let p: MessagePayload = payload(item).ok_or(Skip::Unreadable)?;
            let author = match item.source {
                Source::Clinic => Author::Clinic,
                Source::Device => Author::Patient,
            };
            RemoteChange::Message(IncomingMessage {
                id: p.message_id,
                thread: Thread::parse(&p.thread).ok_or(Skip::Unreadable)?,
                author,
                author_name: p.author_name.filter(|_| author == Author::Clinic),
                text: p.text,
                written_at: p.sent_at.or(p.written_at).ok_or(Skip::Unreadable)?,
            })
        }
        "message_read" => {
            let p: MessageReadPayload = payload(item).ok_or(Skip::Unreadable)?;
            RemoteChange::MessageRead {
                message_id: p.message_id,
                read_at: p.read_at,
            }
        }
        "enrolment" => RemoteChange::Enrolment(
            payload::<EnrolmentPayload>(item)
                .ok_or(Skip::Unreadable)?
                .enrolment,
        ),
        "visit" => {
            let p: VisitPayload = payload(item).ok_or(Skip::Unreadable)?;
            RemoteChange::Visit(Visit {
                id: p.visit_id,
                starts_at: p.starts_at,
                minutes: p.minutes,
                kind: VisitKind::parse(&p.kind),
                cancelled: p.cancelled,
            })
        }
        "answer_reviewed" => {
            let p: ReviewedPayload = payload(item).ok_or(Skip::Unreadable)?;
            RemoteChange::AnswerReviewed {
                version_id: p.version_id,
                question_id: p.question_id,
                reviewed_at: p.reviewed_at,
            }
        }
        "unit" => RemoteChange::Unit(payload::<UnitInfo>(item).ok_or(Skip::Unreadable)?),
        _ => return Err(Skip::UnknownEntity),
    };
    let hlc: Hlc = item.hlc.parse().map_err(|_| Skip::Unreadable)?;
    Ok(RemoteItem { hlc, change })
}

/// Decodes a pulled page; skipped items are logged and left out.
pub fn decode_page(page: &PullResponse) -> RemotePage {
    let items = page
        .items
        .iter()
        .filter_map(|item| match decode(item) {
            Ok(d) => Some(d),
            Err(skip) => {
                tracing::warn!(seq = item.seq, entity = %truncated(&item.entity), ?skip, "feed item skipped");
                None
            }
        })
        .collect();
    RemotePage {
        items,
        cursor: page.cursor,
        server_time: page.server_time,
    }
}

/// An entity name, cut short for a log line.
fn truncated(s: &str) -> String {
    s.chars().take(40).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::messages::Author;
    use serde_json::json;

    fn item(entity: &str, source: &str, payload: serde_json::Value) -> FeedItem {
        serde_json::from_value(json!({
            "seq": 1, "id": "c1", "entity": entity, "entity_id": "e1",
            "hlc": "001762160400000-000002-server", "payload": payload, "source": source,
            "device_id": null,
        }))
        .unwrap()
    }

    #[test]
    fn a_clinic_reply_is_a_clinic_message_with_its_author_name() {
        let d = decode(&item(
            "message",
            "clinic",
            json!({"message_id": "m1", "thread": "team", "text": "Svar från teamet",
                   "sent_at": "2026-11-23T10:00:00Z", "author_name": "Team Demo"}),
        ))
        .unwrap();
        let RemoteChange::Message(m) = d.change else {
            panic!("not a message")
        };
        assert_eq!(m.author, Author::Clinic);
        assert_eq!(m.thread, Thread::Team);
        assert_eq!(m.author_name.as_deref(), Some("Team Demo"));
        assert_eq!(d.hlc.device, "server");
    }

    #[test]
    fn a_message_from_the_patients_other_device_is_the_patients() {
        let d = decode(&item(
            "message",
            "device",
            json!({"message_id": "m2", "thread": "clinician", "text": "x",
                   "written_at": "2026-11-23T10:00:00Z"}),
        ))
        .unwrap();
        let RemoteChange::Message(m) = d.change else {
            panic!("not a message")
        };
        assert_eq!(m.author, Author::Patient);
        assert_eq!(m.author_name, None);
    }

    #[test]
    fn clinic_items_decode() {
        let e = json!({"enrolment": {"start": "2026-11-02T08:00:00Z", "time_zone": "Europe/Stockholm",
            "pace": {"kind": "every_n_days", "days": 3}, "read_ahead": true, "manual_unlocks": ["m4"],
            "access_end": null}});
        assert!(matches!(
            decode(&item("enrolment", "clinic", e)).unwrap().change,
            RemoteChange::Enrolment(en) if en.read_ahead && en.manual_unlocks.contains("m4")
        ));
        let v = decode(&item(
            "visit",
            "clinic",
            json!({"visit_id": "v1", "starts_at": "2026-12-01T09:00:00Z", "minutes": 45,
                   "kind": "video", "cancelled": false}),
        ))
        .unwrap();
        assert!(
            matches!(v.change, RemoteChange::Visit(v) if v.kind == VisitKind::Video && v.minutes == 45)
        );
        assert!(matches!(
            decode(&item("answer_reviewed", "clinic",
                json!({"version_id": "v", "question_id": "q", "reviewed_at": "2026-11-23T10:00:00Z"})))
                .unwrap().change,
            RemoteChange::AnswerReviewed { .. }
        ));
        assert!(matches!(
            decode(&item("unit", "clinic",
                json!({"name": "U", "reply_time_sv": "två dagar", "reply_time_en": "two days"})))
                .unwrap().change,
            RemoteChange::Unit(u) if u.reply_time_en == "two days"
        ));
    }

    #[test]
    fn unknown_and_unreadable_items_are_skipped_but_the_cursor_moves() {
        assert_eq!(
            decode(&item("practice_log", "device", json!({}))).unwrap_err(),
            Skip::UnknownEntity
        );
        assert_eq!(
            decode(&item("message", "clinic", json!({"thread": "team"}))).unwrap_err(),
            Skip::Unreadable
        );
        assert_eq!(
            decode(&item(
                "answer_version",
                "device",
                json!({"version_id": "v", "question_id": "q", "module_id": "m1",
                       "value": {"type": "nonsense"}, "submitted_at": "2026-11-23T10:00:00Z"})
            ))
            .unwrap_err(),
            Skip::Unreadable,
            "a value the app cannot show is not stored"
        );
        let page: PullResponse = serde_json::from_value(json!({
            "items": [
                {"seq": 4, "id": "a", "entity": "practice_log", "entity_id": "x",
                 "hlc": "001762160400000-000002-d", "payload": {}},
                {"seq": 5, "id": "b", "entity": "preference", "entity_id": "text_size",
                 "hlc": "001762160400000-000003-d", "payload": {"key": "text_size", "value": "large"}}
            ],
            "cursor": 5, "more": false, "server_time": "2026-11-23T10:00:00Z"
        }))
        .unwrap();
        let decoded = decode_page(&page);
        assert_eq!(decoded.items.len(), 1);
        assert_eq!(decoded.cursor, 5);
    }

    #[test]
    fn a_bad_stamp_is_unreadable() {
        let mut i = item(
            "preference",
            "device",
            json!({"key": "language", "value": "en"}),
        );
        i.hlc = "yesterday".into();
        assert_eq!(decode(&i).unwrap_err(), Skip::Unreadable);
    }
}
