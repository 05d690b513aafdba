//! Checks a pushed change against the course bundle before it is stored.
//! A bad change is rejected alone, with a reason that names the rule and
//! never repeats the text.

use painschool_core::answers::{AnswerValue, validate};
use painschool_core::content::ContentBundle;
use painschool_core::hlc::Hlc;

use crate::clinic_model::{MAX_MESSAGE_CHARS, Thread, check_text};
use crate::model::Change;

/// Largest payload of one change, in bytes of JSON.
pub const MAX_PAYLOAD_BYTES: usize = 64 * 1024;
/// Longest id (entity id, question id) accepted.
const MAX_ID_CHARS: usize = 200;

const PREFERENCE_KEYS: &[&str] = &["display_name", "language", "text_size", "reminders"];
const PROGRESS_KINDS: &[&str] = &[
    "section_opened",
    "exercise_done",
    "module_finished",
    "module_open",
];

fn str_field<'a>(payload: &'a serde_json::Value, key: &str) -> Result<&'a str, String> {
    payload
        .get(key)
        .and_then(|v| v.as_str())
        .ok_or_else(|| format!("payload.{key} must be a string"))
}

fn time_field(payload: &serde_json::Value, key: &str) -> Result<(), String> {
    chrono::DateTime::parse_from_rfc3339(str_field(payload, key)?)
        .map(|_| ())
        .map_err(|_| format!("payload.{key} must be an RFC 3339 time"))
}

/// `Ok` when the change may be stored; `Err(reason)` otherwise.
pub fn check(bundle: &ContentBundle, c: &Change) -> Result<(), String> {
    if uuid::Uuid::parse_str(&c.id).is_err() {
        return Err("id must be a UUID".into());
    }
    if c.entity_id.is_empty() || c.entity_id.chars().count() > MAX_ID_CHARS {
        return Err(format!("entity_id must be 1–{MAX_ID_CHARS} characters"));
    }
    if c.hlc.parse::<Hlc>().is_err() {
        return Err("hlc is not a clock stamp".into());
    }
    if !c.payload.is_object() {
        return Err("payload must be an object".into());
    }
    if c.payload.to_string().len() > MAX_PAYLOAD_BYTES {
        return Err(format!("payload is larger than {MAX_PAYLOAD_BYTES} bytes"));
    }
    match c.entity.as_str() {
        "answer_version" => {
            let question_id = str_field(&c.payload, "question_id")?;
            if str_field(&c.payload, "version_id")? != c.entity_id {
                return Err("payload.version_id must equal entity_id".into());
            }
            let (_, _, question) = bundle
                .question(question_id)
                .ok_or_else(|| format!("unknown question \"{question_id}\""))?;
            let value: AnswerValue =
                serde_json::from_value(c.payload.get("value").cloned().unwrap_or_default())
                    .map_err(|_| "payload.value is not an answer value".to_string())?;
            validate(question, &value).map_err(|e| format!("invalid answer: {e}"))?;
            Ok(())
        }
        "progress" => {
            let kind = str_field(&c.payload, "kind")?;
            if !PROGRESS_KINDS.contains(&kind) {
                return Err(format!("unknown progress kind \"{kind}\""));
            }
            let module_id = str_field(&c.payload, "module_id")?;
            if bundle.module(module_id).is_none() {
                return Err(format!("unknown module \"{module_id}\""));
            }
            Ok(())
        }
        "preference" => {
            let key = str_field(&c.payload, "key")?;
            if !PREFERENCE_KEYS.contains(&key) {
                return Err(format!("unknown preference \"{key}\""));
            }
            if key == painschool_core::reminders::settings::PREFERENCE_KEY
                && painschool_core::reminders::ReminderSettings::from_wire(str_field(
                    &c.payload, "value",
                )?)
                .is_none()
            {
                return Err("payload.value is not valid reminder settings".into());
            }
            Ok(())
        }
        "message" => {
            if str_field(&c.payload, "message_id")? != c.entity_id {
                return Err("payload.message_id must equal entity_id".into());
            }
            if uuid::Uuid::parse_str(&c.entity_id).is_err() {
                return Err("a message id must be a UUID".into());
            }
            if Thread::parse(str_field(&c.payload, "thread")?).is_none() {
                return Err("payload.thread must be \"clinician\" or \"team\"".into());
            }
            if check_text(str_field(&c.payload, "text")?).is_err() {
                return Err(format!(
                    "a message must be 1–{MAX_MESSAGE_CHARS} characters"
                ));
            }
            time_field(&c.payload, "written_at")
        }
        "message_read" => {
            if str_field(&c.payload, "message_id")? != c.entity_id {
                return Err("payload.message_id must equal entity_id".into());
            }
            time_field(&c.payload, "read_at")
        }
        other => Err(format!(
            "unknown entity \"{}\"",
            other.chars().take(40).collect::<String>()
        )),
    }
}
