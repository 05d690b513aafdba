//! The PostgreSQL backend's clinic-side statements: staff tokens, clinic
//! items with their feed entries, the access log and the clinic's reads.
//! The same statements as `sqlite_clinic`, in PostgreSQL's dialect, storing
//! and returning the same text.

use chrono::{DateTime, Utc};

use super::StoreError;
use super::pg_pool::Conn;
use super::postgres::LOCK_PATIENT;
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

pub(super) async fn staff_by_token(
    c: &mut Conn,
    token_hash: String,
    now: DateTime<Utc>,
) -> Result<Option<Clinician>, StoreError> {
    let row = c
        .query_opt(
            "SELECT k.id, k.unit_id, k.display_name, k.email, k.role FROM staff_tokens t
             JOIN clinicians k ON k.id = t.clinician_id
             WHERE t.token_hash = $1 AND t.expires_at > $2 AND k.active",
            &[&token_hash, &now.to_rfc3339()],
        )
        .await?;
    let Some(r) = row else { return Ok(None) };
    Ok(Some(Clinician {
        id: r.try_get(0)?,
        unit_id: r.try_get(1)?,
        display_name: r.try_get(2)?,
        email: r.try_get(3)?,
        role: role(r.try_get(4)?),
    }))
}

pub(super) async fn patient(c: &mut Conn, id: String) -> Result<Option<PatientRecord>, StoreError> {
    let row = c
        .query_opt(
            "SELECT unit_id, clinician_id, enrolment FROM patients WHERE id = $1",
            &[&id],
        )
        .await?;
    let Some(r) = row else { return Ok(None) };
    let enrolment: String = r.try_get(2)?;
    Ok(Some(PatientRecord {
        id,
        unit_id: r.try_get(0)?,
        clinician_id: r.try_get(1)?,
        enrolment: serde_json::from_str(&enrolment)
            .map_err(|_| StoreError::Database("unreadable enrolment".into()))?,
    }))
}

/// Writes a clinic item's own row and its feed entry, after locking the
/// patient's feed (ADR 0008).
pub(super) async fn clinic_write(
    c: &mut Conn,
    patient_id: String,
    clinician_id: String,
    mut item: ClinicItem,
    now: DateTime<Utc>,
) -> Result<i64, StoreError> {
    let patient_id = patient_id.as_str();
    let clinician_id = clinician_id.as_str();
    if c.query_opt(LOCK_PATIENT, &[&patient_id]).await?.is_none() {
        return Err(StoreError::NotFound("patient"));
    }
    let at = now.to_rfc3339();
    match &mut item {
        ClinicItem::Message {
            id, thread, text, ..
        } => {
            c.execute(
                "INSERT INTO messages (id, patient_id, thread, author, clinician_id, body, written_at, received_at)
                 VALUES ($1, $2, $3, 'clinic', $4, $5, $6, $6)",
                &[&*id, &patient_id, &thread.as_str(), &clinician_id, &*text, &at],
            )
            .await?;
        }
        ClinicItem::MessageRead { message_id } => {
            let n = c
                .execute(
                    "UPDATE messages SET read_by_clinic_at = coalesce(read_by_clinic_at, $3)
                     WHERE id = $1 AND patient_id = $2 AND author = 'patient'",
                    &[&*message_id, &patient_id, &at],
                )
                .await?;
            if n == 0 {
                return Err(StoreError::NotFound("message"));
            }
        }
        ClinicItem::Enrolment(e) => {
            let json = serde_json::to_string(e)
                .map_err(|_| StoreError::Database("cannot encode the enrolment".into()))?;
            c.execute(
                "UPDATE patients SET enrolment = $2 WHERE id = $1",
                &[&patient_id, &json],
            )
            .await?;
        }
        ClinicItem::Visit(v) => {
            let minutes = i32::try_from(v.minutes)
                .map_err(|_| StoreError::Database("visit minutes out of range".into()))?;
            c.execute(
                "INSERT INTO visits (id, patient_id, starts_at, minutes, kind, cancelled, clinician_id, updated_at, place, video_link)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
                 ON CONFLICT (id) DO UPDATE SET starts_at = excluded.starts_at, minutes = excluded.minutes,
                   kind = excluded.kind, cancelled = excluded.cancelled, clinician_id = excluded.clinician_id,
                   updated_at = excluded.updated_at, place = excluded.place, video_link = excluded.video_link
                 WHERE visits.patient_id = excluded.patient_id",
                &[
                    &v.id,
                    &patient_id,
                    &v.starts_at.to_rfc3339(),
                    &minutes,
                    &v.kind.as_str(),
                    &v.cancelled,
                    &clinician_id,
                    &at,
                    &v.place,
                    &v.video_link,
                ],
            )
            .await?;
        }
        ClinicItem::AnswerReviewed {
            version_id,
            question_id,
        } => {
            let row = c
                .query_opt(
                    "SELECT payload FROM changes WHERE patient_id = $1 AND entity = 'answer_version'
                     AND entity_id = $2 ORDER BY seq LIMIT 1",
                    &[&patient_id, &*version_id],
                )
                .await?;
            let payload: String = row
                .ok_or(StoreError::NotFound("answer version"))?
                .try_get(0)?;
            *question_id = serde_json::from_str::<serde_json::Value>(&payload)
                .ok()
                .and_then(|p| p.get("question_id")?.as_str().map(str::to_owned))
                .unwrap_or_default();
            c.execute(
                "INSERT INTO answer_reviews (patient_id, version_id, clinician_id, reviewed_at)
                 VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING",
                &[&patient_id, &*version_id, &clinician_id, &at],
            )
            .await?;
        }
    }
    let entry = item.feed_entry(now);
    insert_feed_entry(c, patient_id, Some(clinician_id), &entry, &at).await
}

/// Appends a clinic feed entry (`clinician_id` `None`: the server's own);
/// the caller holds the patient's feed lock. Returns its seq.
pub(super) async fn insert_feed_entry(
    c: &mut Conn,
    patient_id: &str,
    clinician_id: Option<&str>,
    entry: &FeedEntry,
    at: &str,
) -> Result<i64, StoreError> {
    let row = c
        .query_one(
            "INSERT INTO changes (patient_id, change_id, source, clinician_id, entity, entity_id, hlc, payload, received_at)
             VALUES ($1, $2, 'clinic', $3, $4, $5, $6, $7, $8) RETURNING seq",
            &[
                &patient_id,
                &entry.change_id,
                &clinician_id,
                &entry.entity,
                &entry.entity_id,
                &entry.hlc,
                &entry.payload.to_string(),
                &at,
            ],
        )
        .await?;
    Ok(row.try_get(0)?)
}

/// What a patient's accepted change does to the clinic's tables.
pub(super) async fn apply_device_side_effect(
    c: &mut Conn,
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
            // The message and its e-mail notice, in one round trip.
            c.execute(
                super::postgres_notices::INSERT_MESSAGE_AND_NOTICE,
                &[&id, &patient_id, &thread.as_str(), &text, &written_at, &now],
            )
            .await?;
        }
        DeviceSideEffect::MessageRead {
            message_id,
            read_at,
        } => {
            c.execute(
                "UPDATE messages SET read_by_patient_at = coalesce(read_by_patient_at, $3)
                 WHERE id = $1 AND patient_id = $2 AND author = 'clinic'",
                &[&message_id, &patient_id, &read_at],
            )
            .await?;
        }
    }
    Ok(())
}

pub(super) async fn log_access(
    c: &mut Conn,
    clinician_id: String,
    patient_id: String,
    action: &'static str,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    c.execute(
        "INSERT INTO access_log (at, clinician_id, patient_id, action) VALUES ($1, $2, $3, $4)",
        &[&now.to_rfc3339(), &clinician_id, &patient_id, &action],
    )
    .await?;
    Ok(())
}

pub(super) async fn access_log(
    c: &mut Conn,
    patient_id: String,
) -> Result<Vec<(String, String, String)>, StoreError> {
    let rows = c
        .query(
            "SELECT at, clinician_id, action FROM access_log WHERE patient_id = $1 ORDER BY id",
            &[&patient_id],
        )
        .await?;
    rows.iter()
        .map(|r| Ok((r.try_get(0)?, r.try_get(1)?, r.try_get(2)?)))
        .collect()
}

pub(super) async fn messages(c: &mut Conn, patient_id: String) -> Result<Vec<Message>, StoreError> {
    let rows = c
        .query(
            "SELECT id, thread, author, clinician_id, body, written_at, read_by_clinic_at, read_by_patient_at
             FROM messages WHERE patient_id = $1 ORDER BY received_at, written_at, id",
            &[&patient_id],
        )
        .await?;
    rows.iter()
        .map(|r| {
            Ok(Message {
                id: r.try_get(0)?,
                thread: Thread::parse(r.try_get(1)?).unwrap_or(Thread::Team),
                author: if r.try_get::<_, &str>(2)? == "clinic" {
                    Author::Clinic
                } else {
                    Author::Patient
                },
                clinician_id: r.try_get(3)?,
                text: r.try_get(4)?,
                written_at: r.try_get(5)?,
                read_by_clinic_at: r.try_get(6)?,
                read_by_patient_at: r.try_get(7)?,
            })
        })
        .collect()
}

pub(super) async fn answers(
    c: &mut Conn,
    patient_id: String,
) -> Result<Vec<AnswerRecord>, StoreError> {
    let rows = c
        .query(
            "SELECT ch.payload, ch.hlc, r.reviewed_at FROM changes ch
             LEFT JOIN answer_reviews r ON r.patient_id = ch.patient_id AND r.version_id = ch.entity_id
             WHERE ch.patient_id = $1 AND ch.entity = 'answer_version' ORDER BY ch.seq",
            &[&patient_id],
        )
        .await?;
    let mut out = Vec::with_capacity(rows.len());
    for r in rows {
        out.push(AnswerRecord::from_change(
            r.try_get(0)?,
            r.try_get(1)?,
            r.try_get(2)?,
        ));
    }
    Ok(out)
}

/// Every change of one entity kind a patient pushed: (entity id, clock
/// stamp, payload), in feed order.
async fn entity_changes(
    c: &mut Conn,
    patient_id: &str,
    entity: &str,
) -> Result<Vec<(String, String, String)>, StoreError> {
    let rows = c
        .query(
            "SELECT entity_id, hlc, payload FROM changes
             WHERE patient_id = $1 AND entity = $2 ORDER BY seq",
            &[&patient_id, &entity],
        )
        .await?;
    let mut out = Vec::with_capacity(rows.len());
    for r in rows {
        out.push((r.try_get(0)?, r.try_get(1)?, r.try_get(2)?));
    }
    Ok(out)
}

pub(super) async fn practice_sessions(
    c: &mut Conn,
    patient_id: String,
) -> Result<Vec<painschool_core::practice::PracticeSession>, StoreError> {
    let rows = entity_changes(c, &patient_id, "practice_session").await?;
    Ok(super::latest_sessions(rows))
}

pub(super) async fn preferences(
    c: &mut Conn,
    patient_id: String,
) -> Result<std::collections::BTreeMap<String, String>, StoreError> {
    let rows = entity_changes(c, &patient_id, "preference").await?;
    Ok(super::latest_preferences(rows))
}

pub(super) async fn devices(
    c: &mut Conn,
    patient_id: String,
) -> Result<Vec<DeviceRecord>, StoreError> {
    let rows = c
        .query(
            "SELECT id, state, created_at, last_seen_at FROM devices WHERE patient_id = $1 ORDER BY created_at, id",
            &[&patient_id],
        )
        .await?;
    rows.iter()
        .map(|r| {
            Ok(DeviceRecord {
                id: r.try_get(0)?,
                state: r.try_get(1)?,
                created_at: r.try_get(2)?,
                last_seen_at: r.try_get(3)?,
            })
        })
        .collect()
}
