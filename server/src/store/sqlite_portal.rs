//! [`PortalStore`] on SQLite: the statements of the portal's sign-in
//! records, through the store's single writer and its readers.

use chrono::{DateTime, Utc};
use rusqlite::{OptionalExtension, params};

use super::portal::{
    AccessEntry, Assessment, Credentials, Deactivation, EnrolmentInfo, OVERVIEW_OF_PATIENT,
    OVERVIEW_OF_UNIT, PatientOverview, PortalSession, PortalStore, SessionStage, StaffMember,
    TeamThread, time,
};
use super::sqlite_clinic::role;
use super::sqlite_enrol as enrol;
use super::{SqliteStore, StoreError};
use crate::clinic_model::Visit;
use crate::model::{Clinician, NewPatient, Role};
use crate::portal::session::SessionTimes;

fn clinician(r: &rusqlite::Row<'_>) -> rusqlite::Result<Clinician> {
    Ok(Clinician {
        id: r.get(0)?,
        unit_id: r.get(1)?,
        display_name: r.get(2)?,
        email: r.get(3)?,
        role: role(&r.get::<_, String>(4)?),
    })
}

/// The overview rows `sql` selects with `key`; the unreviewed counts only
/// when `count_unreviewed` (else each is 0).
fn overview(
    c: &rusqlite::Connection,
    (rows_sql, unreviewed_sql): (&str, &str),
    key: &str,
    count_unreviewed: bool,
) -> Result<Vec<PatientOverview>, StoreError> {
    let mut unreviewed = std::collections::HashMap::new();
    if count_unreviewed {
        let mut stmt = c.prepare_cached(unreviewed_sql)?;
        let rows = stmt.query_map([key], |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?)))?;
        for row in rows {
            let (id, n) = row?;
            unreviewed.insert(id, n);
        }
    }
    let mut stmt = c.prepare_cached(rows_sql)?;
    let rows = stmt.query_map([key], |r| {
        Ok(PatientOverview {
            id: r.get(0)?,
            name: r.get(1)?,
            clinician_id: r.get(2)?,
            enrolment_json: r.get(3)?,
            created_at: time(&r.get::<_, String>(4)?),
            personal_number: r.get(5)?,
            last_sync: r.get::<_, Option<String>>(6)?.as_deref().map(time),
            unread_messages: r.get::<_, i64>(7)? as u32,
            unreviewed_answers: 0,
        })
    })?;
    let mut out = Vec::new();
    for row in rows {
        let mut p = row?;
        p.unreviewed_answers = unreviewed.get(&p.id).copied().unwrap_or(0) as u32;
        out.push(p);
    }
    Ok(out)
}

/// A session without a request for this long is removed.
const STALE_SESSION: chrono::Duration = chrono::Duration::days(1);

/// Staff members with their sign-in state.
const STAFF: &str = "SELECT k.id, k.unit_id, k.display_name, k.email, k.role, k.active,
        coalesce(s.totp_confirmed, 0), s.initial_until IS NOT NULL
     FROM clinicians k LEFT JOIN staff_credentials s ON s.clinician_id = k.id";

fn staff_member(r: &rusqlite::Row<'_>) -> rusqlite::Result<StaffMember> {
    Ok(StaffMember {
        clinician: clinician(r)?,
        active: r.get::<_, i64>(5)? == 1,
        second_factor: r.get::<_, i64>(6)? == 1,
        initial_password: r.get::<_, bool>(7)?,
    })
}

fn access_entry(r: &rusqlite::Row<'_>) -> rusqlite::Result<AccessEntry> {
    Ok(AccessEntry {
        at: time(&r.get::<_, String>(0)?),
        clinician_id: r.get(1)?,
        clinician_name: r.get(2)?,
        patient_id: r.get(3)?,
        patient_name: r.get(4)?,
        action: r.get(5)?,
    })
}

/// The access log with names; the caller adds the condition.
const ACCESS: &str = "SELECT a.at, a.clinician_id, k.display_name, a.patient_id, p.name, a.action
     FROM access_log a JOIN clinicians k ON k.id = a.clinician_id
     JOIN patients p ON p.id = a.patient_id";

impl PortalStore for SqliteStore {
    async fn unit_overview(&self, unit_id: String) -> Result<Vec<PatientOverview>, StoreError> {
        self.read(move |c| overview(c, OVERVIEW_OF_UNIT, &unit_id, true))
            .await
    }

    async fn unit_list(&self, unit_id: String) -> Result<Vec<PatientOverview>, StoreError> {
        self.read(move |c| overview(c, OVERVIEW_OF_UNIT, &unit_id, false))
            .await
    }

    async fn patient_overview(
        &self,
        patient_id: String,
    ) -> Result<Option<PatientOverview>, StoreError> {
        self.read(move |c| Ok(overview(c, OVERVIEW_OF_PATIENT, &patient_id, true)?.pop()))
            .await
    }

    async fn staff_by_email(
        &self,
        email: String,
    ) -> Result<Option<(Clinician, Option<Credentials>)>, StoreError> {
        self.read(move |c| {
            Ok(c.prepare_cached(
                "SELECT k.id, k.unit_id, k.display_name, k.email, k.role,
                        s.password_hash, s.totp_secret, s.totp_confirmed, s.totp_last_step,
                        s.initial_until
                 FROM clinicians k LEFT JOIN staff_credentials s ON s.clinician_id = k.id
                 WHERE lower(k.email) = lower(?1) AND k.active = 1",
            )?
            .query_row([email], |r| {
                let hash: Option<String> = r.get(5)?;
                let secret: Option<String> = r.get(6)?;
                let creds = hash.map(|password_hash| Credentials {
                    password_hash,
                    totp_secret: secret.and_then(|s| hex::decode(s).ok()),
                    totp_confirmed: r.get::<_, Option<i64>>(7).ok().flatten() == Some(1),
                    totp_last_step: r.get::<_, Option<i64>>(8).ok().flatten().map(|s| s as u64),
                    initial_until: r
                        .get::<_, Option<String>>(9)
                        .ok()
                        .flatten()
                        .as_deref()
                        .map(time),
                });
                Ok((clinician(r)?, creds))
            })
            .optional()?)
        })
        .await
    }

    async fn set_password(
        &self,
        clinician_id: String,
        password_hash: String,
        now: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        self.write(move |c| {
            c.prepare_cached(
                "INSERT INTO staff_credentials (clinician_id, password_hash, updated_at) VALUES (?1, ?2, ?3)
                 ON CONFLICT (clinician_id) DO UPDATE SET password_hash = excluded.password_hash,
                     initial_until = NULL, updated_at = excluded.updated_at",
            )?
            .execute(params![clinician_id, password_hash, now.to_rfc3339()])?;
            Ok(())
        })
        .await
    }

    async fn set_totp_secret(
        &self,
        clinician_id: String,
        secret: Option<Vec<u8>>,
        now: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        self.write(move |c| {
            let n = c
                .prepare_cached(
                    "UPDATE staff_credentials SET totp_secret = ?2, totp_confirmed = 0,
                         totp_last_step = NULL, updated_at = ?3 WHERE clinician_id = ?1",
                )?
                .execute(params![
                    clinician_id,
                    secret.map(hex::encode),
                    now.to_rfc3339()
                ])?;
            if n == 0 {
                return Err(StoreError::NotFound("staff credentials"));
            }
            Ok(())
        })
        .await
    }

    async fn use_totp_step(&self, clinician_id: String, step: u64) -> Result<bool, StoreError> {
        self.write(move |c| {
            Ok(c.prepare_cached(
                "UPDATE staff_credentials SET totp_last_step = ?2, totp_confirmed = 1
                 WHERE clinician_id = ?1 AND totp_secret IS NOT NULL
                   AND (totp_last_step IS NULL OR totp_last_step < ?2)",
            )?
            .execute(params![clinician_id, step as i64])?
                == 1)
        })
        .await
    }

    async fn replace_recovery_codes(
        &self,
        clinician_id: String,
        code_hashes: Vec<String>,
    ) -> Result<(), StoreError> {
        self.write(move |c| {
            c.prepare_cached("DELETE FROM recovery_codes WHERE clinician_id = ?1")?
                .execute([&clinician_id])?;
            let mut insert = c.prepare_cached(
                "INSERT OR IGNORE INTO recovery_codes (clinician_id, code_hash) VALUES (?1, ?2)",
            )?;
            for h in &code_hashes {
                insert.execute(params![clinician_id, h])?;
            }
            Ok(())
        })
        .await
    }

    async fn use_recovery_code(
        &self,
        clinician_id: String,
        code_hash: String,
        now: DateTime<Utc>,
    ) -> Result<bool, StoreError> {
        self.write(move |c| {
            Ok(c.prepare_cached(
                "UPDATE recovery_codes SET used_at = ?3
                 WHERE clinician_id = ?1 AND code_hash = ?2 AND used_at IS NULL",
            )?
            .execute(params![clinician_id, code_hash, now.to_rfc3339()])?
                == 1)
        })
        .await
    }

    async fn create_session(
        &self,
        token_hash: String,
        clinician_id: String,
        stage: SessionStage,
        csrf_token: String,
        now: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        self.write(move |c| {
            let at = now.to_rfc3339();
            c.prepare_cached("DELETE FROM portal_sessions WHERE last_seen_at < ?1")?
                .execute([(now - STALE_SESSION).to_rfc3339()])?;
            c.prepare_cached(
                "INSERT INTO portal_sessions
                     (token_hash, clinician_id, stage, csrf_token, signed_in_at, last_seen_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?5)",
            )?
            .execute(params![
                token_hash,
                clinician_id,
                stage.as_str(),
                csrf_token,
                at
            ])?;
            Ok(())
        })
        .await
    }

    async fn session(&self, token_hash: String) -> Result<Option<PortalSession>, StoreError> {
        self.read(move |c| {
            Ok(c.prepare_cached(
                "SELECT k.id, k.unit_id, k.display_name, k.email, k.role,
                        s.stage, s.csrf_token, s.signed_in_at, s.last_seen_at, s.ended_at
                 FROM portal_sessions s JOIN clinicians k ON k.id = s.clinician_id
                 WHERE s.token_hash = ?1 AND k.active = 1",
            )?
            .query_row([token_hash], |r| {
                Ok(PortalSession {
                    clinician: clinician(r)?,
                    stage: SessionStage::parse(&r.get::<_, String>(5)?),
                    csrf_token: r.get(6)?,
                    times: SessionTimes {
                        signed_in_at: time(&r.get::<_, String>(7)?),
                        last_seen_at: time(&r.get::<_, String>(8)?),
                    },
                    ended: r.get::<_, Option<String>>(9)?.is_some(),
                })
            })
            .optional()?)
        })
        .await
    }

    async fn touch_session(
        &self,
        token_hash: String,
        stage: SessionStage,
        now: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        self.write(move |c| {
            c.prepare_cached(
                "UPDATE portal_sessions SET stage = ?2, last_seen_at = ?3 WHERE token_hash = ?1",
            )?
            .execute(params![token_hash, stage.as_str(), now.to_rfc3339()])?;
            Ok(())
        })
        .await
    }

    async fn expire_session(
        &self,
        token_hash: String,
        now: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        self.write(move |c| {
            c.prepare_cached(
                "UPDATE portal_sessions SET ended_at = coalesce(ended_at, ?2) WHERE token_hash = ?1",
            )?
            .execute(params![token_hash, now.to_rfc3339()])?;
            Ok(())
        })
        .await
    }

    async fn end_session(&self, token_hash: String) -> Result<(), StoreError> {
        self.write(move |c| {
            c.prepare_cached("DELETE FROM portal_sessions WHERE token_hash = ?1")?
                .execute([token_hash])?;
            Ok(())
        })
        .await
    }

    async fn end_sessions_of(&self, clinician_id: String) -> Result<u64, StoreError> {
        self.write(move |c| {
            Ok(
                c.prepare_cached("DELETE FROM portal_sessions WHERE clinician_id = ?1")?
                    .execute([clinician_id])? as u64,
            )
        })
        .await
    }

    async fn save_reply_draft(
        &self,
        clinician_id: String,
        patient_id: String,
        thread: String,
        body: String,
        now: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        self.write(move |c| {
            c.prepare_cached(
                "INSERT INTO reply_drafts (clinician_id, patient_id, thread, body, saved_at)
                 VALUES (?1, ?2, ?3, ?4, ?5)
                 ON CONFLICT (clinician_id, patient_id, thread)
                 DO UPDATE SET body = excluded.body, saved_at = excluded.saved_at",
            )?
            .execute(params![
                clinician_id,
                patient_id,
                thread,
                body,
                now.to_rfc3339()
            ])?;
            Ok(())
        })
        .await
    }

    async fn reply_draft(
        &self,
        clinician_id: String,
        patient_id: String,
        thread: String,
    ) -> Result<Option<String>, StoreError> {
        self.read(move |c| {
            Ok(c.prepare_cached(
                "SELECT body FROM reply_drafts
                 WHERE clinician_id = ?1 AND patient_id = ?2 AND thread = ?3",
            )?
            .query_row(params![clinician_id, patient_id, thread], |r| r.get(0))
            .optional()?)
        })
        .await
    }

    async fn drop_reply_draft(
        &self,
        clinician_id: String,
        patient_id: String,
        thread: String,
    ) -> Result<(), StoreError> {
        self.write(move |c| {
            c.prepare_cached(
                "DELETE FROM reply_drafts WHERE clinician_id = ?1 AND patient_id = ?2 AND thread = ?3",
            )?
            .execute(params![clinician_id, patient_id, thread])?;
            Ok(())
        })
        .await
    }
    async fn unit_staff(&self, unit_id: String) -> Result<Vec<StaffMember>, StoreError> {
        self.read(move |c| {
            let mut stmt = c.prepare_cached(&format!(
                "{STAFF} WHERE k.unit_id = ?1 ORDER BY k.active DESC, k.display_name, k.id"
            ))?;
            let rows = stmt.query_map([unit_id], staff_member)?;
            Ok(rows.collect::<rusqlite::Result<_>>()?)
        })
        .await
    }

    async fn staff_member(&self, clinician_id: String) -> Result<Option<StaffMember>, StoreError> {
        self.read(move |c| {
            Ok(c.prepare_cached(&format!("{STAFF} WHERE k.id = ?1"))?
                .query_row([clinician_id], staff_member)
                .optional()?)
        })
        .await
    }

    async fn create_staff(
        &self,
        unit_id: String,
        display_name: String,
        email: String,
        role: Role,
        password_hash: String,
        initial_until: DateTime<Utc>,
        now: DateTime<Utc>,
    ) -> Result<Option<Clinician>, StoreError> {
        self.write(move |c| {
            let taken = c
                .prepare_cached("SELECT 1 FROM clinicians WHERE lower(email) = lower(?1)")?
                .query_row([&email], |_| Ok(()))
                .optional()?
                .is_some();
            if taken {
                return Ok(None);
            }
            let id = uuid::Uuid::now_v7().to_string();
            let at = now.to_rfc3339();
            c.prepare_cached(
                "INSERT INTO clinicians (id, unit_id, display_name, email, role, created_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            )?
            .execute(params![id, unit_id, display_name, email, role.as_str(), at])?;
            c.prepare_cached(
                "INSERT INTO staff_credentials (clinician_id, password_hash, initial_until, updated_at)
                 VALUES (?1, ?2, ?3, ?4)",
            )?
            .execute(params![id, password_hash, initial_until.to_rfc3339(), at])?;
            Ok(Some(Clinician {
                id,
                unit_id,
                display_name,
                email,
                role,
            }))
        })
        .await
    }

    async fn set_initial_password(
        &self,
        clinician_id: String,
        password_hash: String,
        initial_until: DateTime<Utc>,
        now: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        self.write(move |c| {
            c.prepare_cached(
                "INSERT INTO staff_credentials (clinician_id, password_hash, initial_until, updated_at)
                 VALUES (?1, ?2, ?3, ?4)
                 ON CONFLICT (clinician_id) DO UPDATE SET password_hash = excluded.password_hash,
                     initial_until = excluded.initial_until, updated_at = excluded.updated_at",
            )?
            .execute(params![
                clinician_id,
                password_hash,
                initial_until.to_rfc3339(),
                now.to_rfc3339()
            ])?;
            c.prepare_cached("DELETE FROM portal_sessions WHERE clinician_id = ?1")?
                .execute([clinician_id])?;
            Ok(())
        })
        .await
    }

    async fn deactivate_staff(
        &self,
        clinician_id: String,
        _now: DateTime<Utc>,
    ) -> Result<Deactivation, StoreError> {
        self.write(move |c| {
            let Some((unit, role, active)) = c
                .prepare_cached("SELECT unit_id, role, active FROM clinicians WHERE id = ?1")?
                .query_row([&clinician_id], |r| {
                    Ok((
                        r.get::<_, String>(0)?,
                        r.get::<_, String>(1)?,
                        r.get::<_, i64>(2)? == 1,
                    ))
                })
                .optional()?
            else {
                return Ok(Deactivation::NotFound);
            };
            if active && role == "unit_admin" {
                let others: i64 = c
                    .prepare_cached(
                        "SELECT count(*) FROM clinicians
                         WHERE unit_id = ?1 AND role = 'unit_admin' AND active = 1 AND id <> ?2",
                    )?
                    .query_row([&unit, &clinician_id], |r| r.get(0))?;
                if others == 0 {
                    return Ok(Deactivation::LastAdmin);
                }
            }
            c.prepare_cached("UPDATE clinicians SET active = 0 WHERE id = ?1")?
                .execute([&clinician_id])?;
            c.prepare_cached("DELETE FROM portal_sessions WHERE clinician_id = ?1")?
                .execute([&clinician_id])?;
            Ok(Deactivation::Done)
        })
        .await
    }

    async fn reset_second_factor(
        &self,
        clinician_id: String,
        now: DateTime<Utc>,
    ) -> Result<bool, StoreError> {
        self.write(move |c| {
            let n = c
                .prepare_cached(
                    "UPDATE staff_credentials SET totp_secret = NULL, totp_confirmed = 0,
                         totp_last_step = NULL, updated_at = ?2 WHERE clinician_id = ?1",
                )?
                .execute(params![clinician_id, now.to_rfc3339()])?;
            c.prepare_cached("DELETE FROM recovery_codes WHERE clinician_id = ?1")?
                .execute([&clinician_id])?;
            c.prepare_cached("DELETE FROM portal_sessions WHERE clinician_id = ?1")?
                .execute([&clinician_id])?;
            Ok(n == 1)
        })
        .await
    }

    async fn patient_access_log(
        &self,
        patient_id: String,
        limit: u32,
    ) -> Result<Vec<AccessEntry>, StoreError> {
        self.read(move |c| {
            let mut stmt = c.prepare_cached(&format!(
                "{ACCESS} WHERE a.patient_id = ?1 ORDER BY a.id DESC LIMIT ?2"
            ))?;
            let rows = stmt.query_map(params![patient_id, i64::from(limit)], access_entry)?;
            Ok(rows.collect::<rusqlite::Result<_>>()?)
        })
        .await
    }

    async fn clinician_access_log(
        &self,
        clinician_id: String,
        limit: u32,
    ) -> Result<Vec<AccessEntry>, StoreError> {
        self.read(move |c| {
            let mut stmt = c.prepare_cached(&format!(
                "{ACCESS} WHERE a.clinician_id = ?1 ORDER BY a.id DESC LIMIT ?2"
            ))?;
            let rows = stmt.query_map(params![clinician_id, i64::from(limit)], access_entry)?;
            Ok(rows.collect::<rusqlite::Result<_>>()?)
        })
        .await
    }

    async fn team_threads(&self, unit_id: String) -> Result<Vec<TeamThread>, StoreError> {
        self.read(move |c| {
            let mut stmt = c.prepare_cached(
                "SELECT p.id, p.name, max(m.received_at), count(*),
                     sum(CASE WHEN m.author = 'patient' AND m.read_by_clinic_at IS NULL
                         THEN 1 ELSE 0 END)
                 FROM messages m JOIN patients p ON p.id = m.patient_id
                 WHERE p.unit_id = ?1 AND m.thread = 'team'
                 GROUP BY p.id, p.name ORDER BY max(m.received_at) DESC, p.id",
            )?;
            let rows = stmt.query_map([unit_id], |r| {
                Ok(TeamThread {
                    patient_id: r.get(0)?,
                    patient_name: r.get(1)?,
                    last_activity: time(&r.get::<_, String>(2)?),
                    messages: r.get::<_, i64>(3)? as u32,
                    unread: r.get::<_, i64>(4)? as u32,
                })
            })?;
            Ok(rows.collect::<rusqlite::Result<_>>()?)
        })
        .await
    }

    async fn enrol_patient(
        &self,
        patient: NewPatient,
        assessment: Assessment,
        now: DateTime<Utc>,
    ) -> Result<String, StoreError> {
        self.write(move |c| enrol::enrol_patient(c, &patient, &assessment, now))
            .await
    }

    async fn enrolment_info(
        &self,
        patient_id: String,
    ) -> Result<Option<EnrolmentInfo>, StoreError> {
        self.read(move |c| enrol::enrolment_info(c, &patient_id))
            .await
    }

    async fn visits(&self, patient_id: String) -> Result<Vec<Visit>, StoreError> {
        self.read(move |c| enrol::visits(c, &patient_id)).await
    }

    async fn unit_clinicians(&self, unit_id: String) -> Result<Vec<Clinician>, StoreError> {
        self.read(move |c| enrol::unit_clinicians(c, &unit_id))
            .await
    }
}
