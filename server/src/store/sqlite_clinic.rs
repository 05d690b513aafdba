//! The SQLite backend's clinic-side statements: staff tokens, clinic items
//! with their feed entries, the access log and the clinic's reads. Each
//! function runs on a connection the caller got from the writer (writes) or
//! the read pool (reads).

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension, params};

use super::StoreError;
use crate::clinic_model::{
    AnswerRecord, Author, ClinicItem, DeviceRecord, DeviceSideEffect, FeedEntry, Message,
    PatientRecord, Thread,
};
use crate::model::{Clinician, Role};

pub(super) fn role(s: &str) -> Role {
    if s == "unit_admin" {
        Role::UnitAdmin
    } else {
        Role::Clinician
    }
}

pub(super) fn staff_by_token(
    c: &Connection,
    token_hash: &str,
    now: DateTime<Utc>,
) -> Result<Option<Clinician>, StoreError> {
    Ok(c.prepare_cached(
        "SELECT k.id, k.unit_id, k.display_name, k.email, k.role FROM staff_tokens t
         JOIN clinicians k ON k.id = t.clinician_id
         WHERE t.token_hash = ?1 AND t.expires_at > ?2 AND k.active = 1",
    )?
    .query_row(params![token_hash, now.to_rfc3339()], |r| {
        Ok(Clinician {
            id: r.get(0)?,
            unit_id: r.get(1)?,
            display_name: r.get(2)?,
            email: r.get(3)?,
            role: role(&r.get::<_, String>(4)?),
        })
    })
    .optional()?)
}

pub(super) fn patient(c: &Connection, id: &str) -> Result<Option<PatientRecord>, StoreError> {
    let row: Option<(String, Option<String>, String)> = c
        .prepare_cached("SELECT unit_id, clinician_id, enrolment FROM patients WHERE id = ?1")?
        .query_row([id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .optional()?;
    row.map(|(unit_id, clinician_id, enrolment)| {
        Ok(PatientRecord {
            id: id.to_owned(),
            unit_id,
            clinician_id,
            enrolment: serde_json::from_str(&enrolment)
                .map_err(|_| StoreError::Database("unreadable enrolment".into()))?,
        })
    })
    .transpose()
}

/// Writes a clinic item's own row and its feed entry.
pub(super) fn clinic_write(
    c: &Connection,
    patient_id: &str,
    clinician_id: &str,
    mut item: ClinicItem,
    now: DateTime<Utc>,
) -> Result<i64, StoreError> {
    let at = now.to_rfc3339();
    match &mut item {
        ClinicItem::Message {
            id, thread, text, ..
        } => {
            c.prepare_cached(
                "INSERT INTO messages (id, patient_id, thread, author, clinician_id, body, written_at, received_at)
                 VALUES (?1, ?2, ?3, 'clinic', ?4, ?5, ?6, ?6)",
            )?
            .execute(params![&*id, patient_id, thread.as_str(), clinician_id, &*text, at])?;
        }
        ClinicItem::MessageRead { message_id } => {
            let n = c
                .prepare_cached(
                    "UPDATE messages SET read_by_clinic_at = coalesce(read_by_clinic_at, ?3)
                     WHERE id = ?1 AND patient_id = ?2 AND author = 'patient'",
                )?
                .execute(params![&*message_id, patient_id, at])?;
            if n == 0 {
                return Err(StoreError::NotFound("message"));
            }
        }
        ClinicItem::Enrolment(e) => {
            let json = serde_json::to_string(e)
                .map_err(|_| StoreError::Database("cannot encode the enrolment".into()))?;
            c.prepare_cached("UPDATE patients SET enrolment = ?2 WHERE id = ?1")?
                .execute(params![patient_id, json])?;
        }
        ClinicItem::Visit(v) => {
            c.prepare_cached(
                "INSERT INTO visits (id, patient_id, starts_at, minutes, kind, cancelled, clinician_id, updated_at, place, video_link)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)
                 ON CONFLICT (id) DO UPDATE SET starts_at = excluded.starts_at, minutes = excluded.minutes,
                   kind = excluded.kind, cancelled = excluded.cancelled, clinician_id = excluded.clinician_id,
                   updated_at = excluded.updated_at, place = excluded.place, video_link = excluded.video_link
                 WHERE visits.patient_id = excluded.patient_id",
            )?
            .execute(params![
                v.id,
                patient_id,
                v.starts_at.to_rfc3339(),
                v.minutes,
                v.kind.as_str(),
                v.cancelled,
                clinician_id,
                at,
                v.place,
                v.video_link
            ])?;
        }
        ClinicItem::AnswerReviewed {
            version_id,
            question_id,
        } => {
            let payload: Option<String> = c
                .prepare_cached(
                    "SELECT payload FROM changes WHERE patient_id = ?1 AND entity = 'answer_version'
                     AND entity_id = ?2 LIMIT 1",
                )?
                .query_row(params![patient_id, &*version_id], |r| r.get(0))
                .optional()?;
            let payload = payload.ok_or(StoreError::NotFound("answer version"))?;
            *question_id = serde_json::from_str::<serde_json::Value>(&payload)
                .ok()
                .and_then(|p| p.get("question_id")?.as_str().map(str::to_owned))
                .unwrap_or_default();
            c.prepare_cached(
                "INSERT INTO answer_reviews (patient_id, version_id, clinician_id, reviewed_at)
                 VALUES (?1, ?2, ?3, ?4) ON CONFLICT DO NOTHING",
            )?
            .execute(params![patient_id, &*version_id, clinician_id, at])?;
        }
    }
    let entry = item.feed_entry(now);
    insert_feed_entry(c, patient_id, Some(clinician_id), &entry, &at)
}

/// Appends a clinic feed entry (`clinician_id` `None`: the server's own,
/// e.g. the start of access at the first activation); returns its seq.
pub(super) fn insert_feed_entry(
    c: &Connection,
    patient_id: &str,
    clinician_id: Option<&str>,
    entry: &FeedEntry,
    at: &str,
) -> Result<i64, StoreError> {
    c.prepare_cached(
        "INSERT INTO changes (patient_id, change_id, source, clinician_id, entity, entity_id, hlc, payload, received_at)
         VALUES (?1, ?2, 'clinic', ?3, ?4, ?5, ?6, ?7, ?8)",
    )?
    .execute(params![
        patient_id,
        entry.change_id,
        clinician_id,
        entry.entity,
        entry.entity_id,
        entry.hlc,
        entry.payload.to_string(),
        at
    ])?;
    Ok(c.last_insert_rowid())
}

/// What a patient's accepted change does to the clinic's tables.
pub(super) fn apply_device_side_effect(
    c: &Connection,
    patient_id: &str,
    effect: DeviceSideEffect,
    now: &str,
) -> Result<(), StoreError> {
    match effect {
        DeviceSideEffect::None => {}
        DeviceSideEffect::Message {
            id,
            thread,
            text,
            written_at,
        } => {
            let n = c
                .prepare_cached(
                    "INSERT INTO messages (id, patient_id, thread, author, body, written_at, received_at)
                     VALUES (?1, ?2, ?3, 'patient', ?4, ?5, ?6) ON CONFLICT (id) DO NOTHING",
                )?
                .execute(params![id, patient_id, thread.as_str(), text, written_at, now])?;
            if n == 1 {
                super::sqlite_notices::enqueue(c, patient_id, thread.as_str(), now)?;
            }
        }
        DeviceSideEffect::MessageRead {
            message_id,
            read_at,
        } => {
            c.prepare_cached(
                "UPDATE messages SET read_by_patient_at = coalesce(read_by_patient_at, ?3)
                 WHERE id = ?1 AND patient_id = ?2 AND author = 'clinic'",
            )?
            .execute(params![message_id, patient_id, read_at])?;
        }
    }
    Ok(())
}

pub(super) fn log_access(
    c: &Connection,
    clinician_id: &str,
    patient_id: &str,
    action: &str,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    c.prepare_cached(
        "INSERT INTO access_log (at, clinician_id, patient_id, action) VALUES (?1, ?2, ?3, ?4)",
    )?
    .execute(params![now.to_rfc3339(), clinician_id, patient_id, action])?;
    Ok(())
}

pub(super) fn access_log(
    c: &Connection,
    patient_id: &str,
) -> Result<Vec<(String, String, String)>, StoreError> {
    let mut stmt = c.prepare_cached(
        "SELECT at, clinician_id, action FROM access_log WHERE patient_id = ?1 ORDER BY id",
    )?;
    let rows = stmt.query_map([patient_id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub(super) fn messages(c: &Connection, patient_id: &str) -> Result<Vec<Message>, StoreError> {
    let mut stmt = c.prepare_cached(
        "SELECT id, thread, author, clinician_id, body, written_at, read_by_clinic_at, read_by_patient_at
         FROM messages WHERE patient_id = ?1 ORDER BY received_at, written_at, id",
    )?;
    let rows = stmt.query_map([patient_id], |r| {
        Ok(Message {
            id: r.get(0)?,
            thread: Thread::parse(&r.get::<_, String>(1)?).unwrap_or(Thread::Team),
            author: if r.get::<_, String>(2)? == "clinic" {
                Author::Clinic
            } else {
                Author::Patient
            },
            clinician_id: r.get(3)?,
            text: r.get(4)?,
            written_at: r.get(5)?,
            read_by_clinic_at: r.get(6)?,
            read_by_patient_at: r.get(7)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub(super) fn answers(c: &Connection, patient_id: &str) -> Result<Vec<AnswerRecord>, StoreError> {
    let mut stmt = c.prepare_cached(
        "SELECT ch.payload, ch.hlc, r.reviewed_at FROM changes ch
         LEFT JOIN answer_reviews r ON r.patient_id = ch.patient_id AND r.version_id = ch.entity_id
         WHERE ch.patient_id = ?1 AND ch.entity = 'answer_version' ORDER BY ch.seq",
    )?;
    let rows = stmt.query_map([patient_id], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, Option<String>>(2)?,
        ))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (payload, hlc, reviewed_at) = row?;
        out.push(AnswerRecord::from_change(&payload, hlc, reviewed_at));
    }
    Ok(out)
}

/// Every change of one entity kind a patient pushed: (entity id, clock
/// stamp, payload), in feed order.
fn entity_changes(
    c: &Connection,
    patient_id: &str,
    entity: &str,
) -> Result<Vec<(String, String, String)>, StoreError> {
    let mut stmt = c.prepare_cached(
        "SELECT entity_id, hlc, payload FROM changes
         WHERE patient_id = ?1 AND entity = ?2 ORDER BY seq",
    )?;
    let rows = stmt
        .query_map([patient_id, entity], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

pub(super) fn practice_sessions(
    c: &Connection,
    patient_id: &str,
) -> Result<Vec<painschool_core::practice::PracticeSession>, StoreError> {
    Ok(super::latest_sessions(entity_changes(
        c,
        patient_id,
        "practice_session",
    )?))
}

pub(super) fn preferences(
    c: &Connection,
    patient_id: &str,
) -> Result<std::collections::BTreeMap<String, String>, StoreError> {
    Ok(super::latest_preferences(entity_changes(
        c,
        patient_id,
        "preference",
    )?))
}

pub(super) fn devices(c: &Connection, patient_id: &str) -> Result<Vec<DeviceRecord>, StoreError> {
    let mut stmt = c.prepare_cached(
        "SELECT id, state, created_at, last_seen_at FROM devices WHERE patient_id = ?1 ORDER BY created_at, id",
    )?;
    let rows = stmt.query_map([patient_id], |r| {
        Ok(DeviceRecord {
            id: r.get(0)?,
            state: r.get(1)?,
            created_at: r.get(2)?,
            last_seen_at: r.get(3)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}
