//! The JSON the phone and the server exchange, as `docs/sync-protocol.md`
//! (version 1) describes it. Only the shapes live here: what they mean for
//! the store is `decode.rs`, and who sends them is the engine.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;

use crate::course::Enrolment;
use crate::messages::UnitInfo;

/// Most changes in one push, and most feed items asked for in one pull.
pub const MAX_BATCH: u32 = 500;

/// `POST /api/v1/activate` body.
#[derive(Debug, Clone, Serialize)]
pub struct ActivateRequest<'a> {
    /// The one-time code as the patient typed it (spaces, dashes and case
    /// are ignored by the server).
    pub code: &'a str,
    /// A random id made for this code and sent again with every retry of
    /// it: if the server used the code for this attempt but the answer was
    /// lost, it answers again (same device, a new token) instead of
    /// refusing the used code.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub attempt: Option<&'a str>,
}

/// `POST /api/v1/activate` answer.
#[derive(Clone, Deserialize)]
pub struct ActivateResponse {
    /// This device's id at the server.
    pub device_id: String,
    /// The device token, shown once.
    pub token: String,
    /// The enrolment the clinic set.
    pub enrolment: Enrolment,
    /// The unit's name and reply times (servers before the messaging
    /// release leave it out).
    #[serde(default)]
    pub unit: Option<UnitInfo>,
    /// The server's time.
    pub server_time: DateTime<Utc>,
}

impl std::fmt::Debug for ActivateResponse {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ActivateResponse")
            .field("device_id", &self.device_id)
            .finish_non_exhaustive()
    }
}

/// One change as pushed.
#[derive(Debug, Clone, Serialize)]
pub struct PushChange {
    /// The client-made id (UUIDv7).
    pub id: String,
    /// `answer_version`, `progress`, `preference`, `message`, `message_read`.
    pub entity: String,
    /// Which record.
    pub entity_id: String,
    /// The clock stamp.
    pub hlc: String,
    /// The change itself, as stored in the outbox.
    pub payload: Box<RawValue>,
}

/// `POST /api/v1/changes` body.
#[derive(Debug, Clone, Serialize)]
pub struct PushRequest {
    /// At most [`MAX_BATCH`] changes, in upload order.
    pub changes: Vec<PushChange>,
}

/// What became of one pushed change.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum Outcome {
    /// Stored now.
    Accepted {
        /// The change id.
        id: String,
    },
    /// Stored by an earlier push; nothing changed.
    Duplicate {
        /// The change id.
        id: String,
    },
    /// Never stored; sending it again will not help.
    Rejected {
        /// The change id.
        id: String,
        /// Why (a rule name and ids, never patient text).
        reason: String,
    },
}

impl Outcome {
    /// The change id.
    pub fn id(&self) -> &str {
        match self {
            Outcome::Accepted { id } | Outcome::Duplicate { id } | Outcome::Rejected { id, .. } => {
                id
            }
        }
    }
}

/// `POST /api/v1/changes` answer.
#[derive(Debug, Clone, Deserialize)]
pub struct PushResponse {
    /// One outcome per change, in the same order.
    pub results: Vec<Outcome>,
    /// The server's time.
    pub server_time: DateTime<Utc>,
}

/// Who made a feed item.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Source {
    /// One of the patient's other devices.
    #[default]
    Device,
    /// The clinic.
    Clinic,
}

/// One item of the patient's feed.
#[derive(Clone, Deserialize)]
pub struct FeedItem {
    /// Its position in the feed.
    pub seq: i64,
    /// The change id.
    pub id: String,
    /// What kind of record.
    pub entity: String,
    /// Which record.
    pub entity_id: String,
    /// The clock stamp (a server stamp for the clinic's items).
    pub hlc: String,
    /// The change.
    pub payload: serde_json::Value,
    /// Who made it (servers before the messaging release leave it out:
    /// then every item is a device's).
    #[serde(default)]
    pub source: Source,
    /// The patient's other device that made it; none for the clinic.
    #[serde(default)]
    pub device_id: Option<String>,
}

impl std::fmt::Debug for FeedItem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // The payload may hold patient text: never printed.
        f.debug_struct("FeedItem")
            .field("seq", &self.seq)
            .field("entity", &self.entity)
            .field("entity_id", &self.entity_id)
            .finish_non_exhaustive()
    }
}

/// `GET /api/v1/changes` answer.
#[derive(Debug, Clone, Deserialize)]
pub struct PullResponse {
    /// The items after the cursor, in feed order.
    pub items: Vec<FeedItem>,
    /// The cursor to store once the items are applied.
    pub cursor: i64,
    /// Whether more items wait (ask again at once).
    pub more: bool,
    /// The server's time.
    pub server_time: DateTime<Utc>,
}

/// Every error's body.
#[derive(Debug, Clone, Deserialize)]
pub struct ErrorBody {
    /// The stable code apps act on.
    pub error: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_push_request_is_the_documented_shape() {
        let req = PushRequest {
            changes: vec![PushChange {
                id: "0190f000-0000-7000-8000-0000000000a1".into(),
                entity: "preference".into(),
                entity_id: "text_size".into(),
                hlc: "001762160400000-000001-dev".into(),
                payload: RawValue::from_string(
                    r#"{"key":"text_size","value":"large","hlc":"001762160400000-000001-dev"}"#
                        .into(),
                )
                .unwrap(),
            }],
        };
        assert_eq!(
            serde_json::to_string(&req).unwrap(),
            r#"{"changes":[{"id":"0190f000-0000-7000-8000-0000000000a1","entity":"preference","entity_id":"text_size","hlc":"001762160400000-000001-dev","payload":{"key":"text_size","value":"large","hlc":"001762160400000-000001-dev"}}]}"#
        );
    }

    #[test]
    fn outcomes_and_pages_read_as_documented() {
        let r: PushResponse = serde_json::from_str(
            r#"{"results":[{"status":"accepted","id":"a"},{"status":"duplicate","id":"b"},
                {"status":"rejected","id":"c","reason":"unknown question \"x\""}],
                "server_time":"2026-11-23T10:00:00Z"}"#,
        )
        .unwrap();
        assert_eq!(r.results[1], Outcome::Duplicate { id: "b".into() });
        assert_eq!(r.results[2].id(), "c");

        let p: PullResponse = serde_json::from_str(
            r#"{"items":[
                {"seq":7,"id":"i1","entity":"message","entity_id":"m1","hlc":"001762160400000-000000-server",
                 "payload":{},"source":"clinic","device_id":null},
                {"seq":8,"id":"i2","entity":"progress","entity_id":"section_opened:s","hlc":"001762160400000-000001-d2",
                 "payload":{},"device_id":"d2"}],
               "cursor":8,"more":true,"server_time":"2026-11-23T10:00:00Z"}"#,
        )
        .unwrap();
        assert_eq!(p.items[0].source, Source::Clinic);
        assert_eq!(p.items[0].device_id, None);
        assert_eq!(
            p.items[1].source,
            Source::Device,
            "no source: a device's change"
        );
        assert!(p.more);
    }

    #[test]
    fn an_activation_without_a_unit_still_reads() {
        let a: ActivateResponse = serde_json::from_str(
            r#"{"device_id":"d","token":"t","server_time":"2026-11-23T10:00:00Z",
                "enrolment":{"start":"2026-11-02T08:00:00Z","time_zone":"Europe/Stockholm","pace":{"kind":"weekly"},
                             "read_ahead":false,"manual_unlocks":[],"access_end":null}}"#,
        )
        .unwrap();
        assert!(a.unit.is_none());
        assert!(
            !format!("{a:?}").contains("\"t\""),
            "the token is not printed"
        );
    }
}
