//! Checks a pushed change against the course bundle before it is stored.
//! A bad change is rejected alone, with a reason that names the rule and
//! never repeats the text.

use painschool_core::answers::{AnswerValue, validate};
use painschool_core::content::{ContentBundle, SectionKind};
use painschool_core::hlc::Hlc;
use painschool_core::practice::{MAX_SESSION_SECONDS, PracticeSession};

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

/// Checks that `section_id` is a section with a recording.
fn recording_section(bundle: &ContentBundle, section_id: &str) -> Result<(), String> {
    match bundle.section(section_id).map(|(_, s)| &s.kind) {
        Some(SectionKind::Audio { .. } | SectionKind::Mindfulness { .. }) => Ok(()),
        _ => Err(format!("section \"{section_id}\" has no recording")),
    }
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
        "audio_position" => {
            let track = str_field(&c.payload, "track")?;
            if track != c.entity_id {
                return Err("payload.track must equal entity_id".into());
            }
            recording_section(bundle, track.rsplit_once('.').map_or("", |(s, _)| s))?;
            let lang = track.rsplit_once('.').map_or("", |(_, l)| l);
            if painschool_core::content::Lang::from_code(lang).is_none() {
                return Err("a track is SECTION.LANG with LANG sv or en".into());
            }
            match c.payload.get("position_ms").and_then(|v| v.as_u64()) {
                Some(ms) if ms <= u64::from(MAX_SESSION_SECONDS) * 1000 => Ok(()),
                _ => Err("payload.position_ms must be a whole number of milliseconds".into()),
            }
        }
        "practice_session" => {
            let s: PracticeSession = serde_json::from_value(c.payload.clone())
                .map_err(|_| "payload is not a practice session".to_string())?;
            if s.id != c.entity_id || uuid::Uuid::parse_str(&s.id).is_err() {
                return Err("payload.id must be a UUID equal to entity_id".into());
            }
            recording_section(bundle, &s.section_id)?;
            if s.seconds_heard > MAX_SESSION_SECONDS || s.duration_seconds > MAX_SESSION_SECONDS {
                return Err(format!(
                    "a session is at most {MAX_SESSION_SECONDS} seconds"
                ));
            }
            if s.completed != PracticeSession::is_completed(s.seconds_heard, s.duration_seconds) {
                return Err("completed must say whether 90 % was heard".into());
            }
            Ok(())
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

#[cfg(test)]
mod tests {
    use super::*;
    use painschool_core::content::Verify;
    use serde_json::json;

    fn bundle() -> ContentBundle {
        ContentBundle::load(
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../content"),
            Verify::Structure,
        )
        .unwrap()
    }

    fn change(entity: &str, entity_id: &str, payload: serde_json::Value) -> Change {
        Change {
            id: "0190f000-0000-7000-8000-000000000001".into(),
            entity: entity.into(),
            entity_id: entity_id.into(),
            hlc: "001762160400000-000001-dev".into(),
            payload,
        }
    }

    fn session(heard: u32, completed: bool) -> serde_json::Value {
        json!({
            "id": "0190f000-0000-7000-8000-0000000000aa", "section_id": "m1-breathing", "lang": "sv",
            "started_at": "2026-11-23T10:00:00Z", "seconds_heard": heard, "duration_seconds": 171,
            "completed": completed
        })
    }

    #[test]
    fn listening_changes_are_checked() {
        let b = bundle();
        let id = "0190f000-0000-7000-8000-0000000000aa";
        let ok = |c: &Change| check(&b, c);
        assert_eq!(
            ok(&change("practice_session", id, session(160, true))),
            Ok(())
        );
        assert_eq!(
            ok(&change("practice_session", id, session(20, false))),
            Ok(())
        );
        for (payload, entity_id) in [
            (session(20, true), id),            // completed with 20 of 171 s
            (session(160, false), id),          // not completed with 160 s
            (session(20, false), "another-id"), // entity id differs
            (session(999_999, false), id),      // absurdly long
            (json!({"id": id, "section_id": "m1-breathing"}), id), // not a session
        ] {
            assert!(
                ok(&change("practice_session", entity_id, payload.clone())).is_err(),
                "{payload}"
            );
        }
        let mut not_audio = session(20, false);
        not_audio["section_id"] = json!("m1-welcome");
        assert!(ok(&change("practice_session", id, not_audio)).is_err());

        let pos = |track: &str, ms: serde_json::Value| {
            change(
                "audio_position",
                track,
                json!({"track": track, "position_ms": ms, "hlc": "x"}),
            )
        };
        assert_eq!(ok(&pos("m1-breathing.sv", json!(42_000))), Ok(()));
        assert_eq!(ok(&pos("m1-audio-intro.en", json!(0))), Ok(()));
        assert!(ok(&pos("m1-breathing.de", json!(42_000))).is_err());
        assert!(ok(&pos("m1-welcome.sv", json!(42_000))).is_err());
        assert!(ok(&pos("m1-breathing.sv", json!(-1))).is_err());
        assert!(ok(&pos("m1-breathing.sv", json!("soon"))).is_err());
        let mut mismatched = pos("m1-breathing.sv", json!(1));
        mismatched.entity_id = "m1-breathing.en".into();
        assert!(ok(&mismatched).is_err());
    }
}
