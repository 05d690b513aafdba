//! [`PortalStore`] on PostgreSQL: the same statements as `sqlite_portal`,
//! in PostgreSQL's dialect, through the store's group-commit writer and its
//! pool.

use chrono::{DateTime, Utc};

use super::pg_pool::Conn;
use super::portal::{
    Assessment, Credentials, EnrolmentInfo, PatientOverview, PortalSession, PortalStore,
    SessionStage, time,
};
use super::postgres_clinic::role;
use super::postgres_enrol as enrol;
use super::{PgStore, StoreError};
use crate::clinic_model::Visit;
use crate::model::{Clinician, NewPatient};
use crate::portal::session::SessionTimes;

fn clinician(r: &tokio_postgres::Row) -> Result<Clinician, StoreError> {
    Ok(Clinician {
        id: r.try_get(0)?,
        unit_id: r.try_get(1)?,
        display_name: r.try_get(2)?,
        email: r.try_get(3)?,
        role: role(r.try_get(4)?),
    })
}

async fn staff_by_email(
    c: &mut Conn,
    email: String,
) -> Result<Option<(Clinician, Option<Credentials>)>, StoreError> {
    let Some(r) = c
        .query_opt(
            "SELECT k.id, k.unit_id, k.display_name, k.email, k.role,
                    s.password_hash, s.totp_secret, s.totp_confirmed, s.totp_last_step
             FROM clinicians k LEFT JOIN staff_credentials s ON s.clinician_id = k.id
             WHERE lower(k.email) = lower($1) AND k.active",
            &[&email],
        )
        .await?
    else {
        return Ok(None);
    };
    let hash: Option<String> = r.try_get(5)?;
    let secret: Option<String> = r.try_get(6)?;
    let confirmed: Option<bool> = r.try_get(7)?;
    let last: Option<i64> = r.try_get(8)?;
    let creds = hash.map(|password_hash| Credentials {
        password_hash,
        totp_secret: secret.and_then(|s| hex::decode(s).ok()),
        totp_confirmed: confirmed == Some(true),
        totp_last_step: last.map(|s| s as u64),
    });
    Ok(Some((clinician(&r)?, creds)))
}

async fn session(c: &mut Conn, token_hash: String) -> Result<Option<PortalSession>, StoreError> {
    let Some(r) = c
        .query_opt(
            "SELECT k.id, k.unit_id, k.display_name, k.email, k.role,
                    s.stage, s.csrf_token, s.signed_in_at, s.last_seen_at
             FROM portal_sessions s JOIN clinicians k ON k.id = s.clinician_id
             WHERE s.token_hash = $1 AND k.active",
            &[&token_hash],
        )
        .await?
    else {
        return Ok(None);
    };
    Ok(Some(PortalSession {
        clinician: clinician(&r)?,
        stage: SessionStage::parse(r.try_get(5)?),
        csrf_token: r.try_get(6)?,
        times: SessionTimes {
            signed_in_at: time(r.try_get(7)?),
            last_seen_at: time(r.try_get(8)?),
        },
    }))
}

async fn unit_overview(c: &mut Conn, unit_id: String) -> Result<Vec<PatientOverview>, StoreError> {
    let mut unreviewed = std::collections::HashMap::new();
    for r in c
        .query(
            "SELECT v.patient_id, count(*) FROM (
                SELECT ch.patient_id, ch.entity_id, row_number() OVER (
                    PARTITION BY ch.patient_id, ch.payload::jsonb ->> 'question_id',
                                 ch.payload::jsonb ->> 'entry_id'
                    ORDER BY ch.hlc DESC) AS rn
                FROM changes ch JOIN patients p ON p.id = ch.patient_id
                WHERE p.unit_id = $1 AND ch.entity = 'answer_version') v
             WHERE v.rn = 1 AND NOT EXISTS (SELECT 1 FROM answer_reviews r
                WHERE r.patient_id = v.patient_id AND r.version_id = v.entity_id)
             GROUP BY v.patient_id",
            &[&unit_id],
        )
        .await?
    {
        unreviewed.insert(r.try_get::<_, String>(0)?, r.try_get::<_, i64>(1)?);
    }
    let rows = c
        .query(
            "SELECT p.id, p.name, p.clinician_id, p.enrolment, p.created_at, p.personal_number,
                (SELECT max(d.last_seen_at) FROM devices d WHERE d.patient_id = p.id),
                (SELECT count(*) FROM messages m WHERE m.patient_id = p.id AND m.author = 'patient'
                    AND m.read_by_clinic_at IS NULL)
             FROM patients p WHERE p.unit_id = $1 ORDER BY p.name, p.id",
            &[&unit_id],
        )
        .await?;
    rows.iter()
        .map(|r| {
            let id: String = r.try_get(0)?;
            let unreviewed_answers = unreviewed.get(&id).copied().unwrap_or(0) as u32;
            Ok(PatientOverview {
                id,
                name: r.try_get(1)?,
                clinician_id: r.try_get(2)?,
                enrolment_json: r.try_get(3)?,
                created_at: time(r.try_get(4)?),
                personal_number: r.try_get(5)?,
                last_sync: r.try_get::<_, Option<&str>>(6)?.map(time),
                unread_messages: r.try_get::<_, i64>(7)? as u32,
                unreviewed_answers,
            })
        })
        .collect()
}

impl PortalStore for PgStore {
    async fn unit_overview(&self, unit_id: String) -> Result<Vec<PatientOverview>, StoreError> {
        self.read(move |c| Box::pin(unit_overview(c, unit_id)))
            .await
    }

    async fn staff_by_email(
        &self,
        email: String,
    ) -> Result<Option<(Clinician, Option<Credentials>)>, StoreError> {
        self.read(move |c| Box::pin(staff_by_email(c, email))).await
    }

    async fn set_password(
        &self,
        clinician_id: String,
        password_hash: String,
        now: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        self.write(move |c| {
            Box::pin(async move {
                c.execute(
                    "INSERT INTO staff_credentials (clinician_id, password_hash, updated_at) VALUES ($1, $2, $3)
                     ON CONFLICT (clinician_id) DO UPDATE SET password_hash = excluded.password_hash,
                         updated_at = excluded.updated_at",
                    &[&clinician_id, &password_hash, &now.to_rfc3339()],
                )
                .await?;
                Ok(())
            })
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
            Box::pin(async move {
                let n = c
                    .execute(
                        "UPDATE staff_credentials SET totp_secret = $2, totp_confirmed = FALSE,
                             totp_last_step = NULL, updated_at = $3 WHERE clinician_id = $1",
                        &[&clinician_id, &secret.map(hex::encode), &now.to_rfc3339()],
                    )
                    .await?;
                if n == 0 {
                    return Err(StoreError::NotFound("staff credentials"));
                }
                Ok(())
            })
        })
        .await
    }

    async fn use_totp_step(&self, clinician_id: String, step: u64) -> Result<bool, StoreError> {
        self.write(move |c| {
            Box::pin(async move {
                Ok(c.execute(
                    "UPDATE staff_credentials SET totp_last_step = $2, totp_confirmed = TRUE
                     WHERE clinician_id = $1 AND totp_secret IS NOT NULL
                       AND (totp_last_step IS NULL OR totp_last_step < $2)",
                    &[&clinician_id, &(step as i64)],
                )
                .await?
                    == 1)
            })
        })
        .await
    }

    async fn replace_recovery_codes(
        &self,
        clinician_id: String,
        code_hashes: Vec<String>,
    ) -> Result<(), StoreError> {
        self.write(move |c| {
            Box::pin(async move {
                c.execute(
                    "DELETE FROM recovery_codes WHERE clinician_id = $1",
                    &[&clinician_id],
                )
                .await?;
                for h in &code_hashes {
                    c.execute(
                        "INSERT INTO recovery_codes (clinician_id, code_hash) VALUES ($1, $2)
                         ON CONFLICT DO NOTHING",
                        &[&clinician_id, h],
                    )
                    .await?;
                }
                Ok(())
            })
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
            Box::pin(async move {
                Ok(c.execute(
                    "UPDATE recovery_codes SET used_at = $3
                     WHERE clinician_id = $1 AND code_hash = $2 AND used_at IS NULL",
                    &[&clinician_id, &code_hash, &now.to_rfc3339()],
                )
                .await?
                    == 1)
            })
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
            Box::pin(async move {
                c.execute(
                    "INSERT INTO portal_sessions
                         (token_hash, clinician_id, stage, csrf_token, signed_in_at, last_seen_at)
                     VALUES ($1, $2, $3, $4, $5, $5)",
                    &[
                        &token_hash,
                        &clinician_id,
                        &stage.as_str(),
                        &csrf_token,
                        &now.to_rfc3339(),
                    ],
                )
                .await?;
                Ok(())
            })
        })
        .await
    }

    async fn session(&self, token_hash: String) -> Result<Option<PortalSession>, StoreError> {
        self.read(move |c| Box::pin(session(c, token_hash))).await
    }

    async fn touch_session(
        &self,
        token_hash: String,
        stage: SessionStage,
        now: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        self.write(move |c| {
            Box::pin(async move {
                c.execute(
                    "UPDATE portal_sessions SET stage = $2, last_seen_at = $3 WHERE token_hash = $1",
                    &[&token_hash, &stage.as_str(), &now.to_rfc3339()],
                )
                .await?;
                Ok(())
            })
        })
        .await
    }

    async fn end_session(&self, token_hash: String) -> Result<(), StoreError> {
        self.write(move |c| {
            Box::pin(async move {
                c.execute(
                    "DELETE FROM portal_sessions WHERE token_hash = $1",
                    &[&token_hash],
                )
                .await?;
                Ok(())
            })
        })
        .await
    }

    async fn end_sessions_of(&self, clinician_id: String) -> Result<u64, StoreError> {
        self.write(move |c| {
            Box::pin(async move {
                c.execute(
                    "DELETE FROM portal_sessions WHERE clinician_id = $1",
                    &[&clinician_id],
                )
                .await
            })
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
            Box::pin(async move {
                c.execute(
                    "INSERT INTO reply_drafts (clinician_id, patient_id, thread, body, saved_at)
                     VALUES ($1, $2, $3, $4, $5)
                     ON CONFLICT (clinician_id, patient_id, thread)
                     DO UPDATE SET body = excluded.body, saved_at = excluded.saved_at",
                    &[
                        &clinician_id,
                        &patient_id,
                        &thread,
                        &body,
                        &now.to_rfc3339(),
                    ],
                )
                .await?;
                Ok(())
            })
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
            Box::pin(async move {
                let row = c
                    .query_opt(
                        "SELECT body FROM reply_drafts
                         WHERE clinician_id = $1 AND patient_id = $2 AND thread = $3",
                        &[&clinician_id, &patient_id, &thread],
                    )
                    .await?;
                Ok(row.map(|r| r.try_get(0)).transpose()?)
            })
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
            Box::pin(async move {
                c.execute(
                    "DELETE FROM reply_drafts WHERE clinician_id = $1 AND patient_id = $2 AND thread = $3",
                    &[&clinician_id, &patient_id, &thread],
                )
                .await?;
                Ok(())
            })
        })
        .await
    }

    async fn enrol_patient(
        &self,
        patient: NewPatient,
        assessment: Assessment,
        now: DateTime<Utc>,
    ) -> Result<String, StoreError> {
        self.write(move |c| Box::pin(enrol::enrol_patient(c, patient, assessment, now)))
            .await
    }

    async fn enrolment_info(
        &self,
        patient_id: String,
    ) -> Result<Option<EnrolmentInfo>, StoreError> {
        self.read(move |c| Box::pin(enrol::enrolment_info(c, patient_id)))
            .await
    }

    async fn visits(&self, patient_id: String) -> Result<Vec<Visit>, StoreError> {
        self.read(move |c| Box::pin(enrol::visits(c, patient_id)))
            .await
    }

    async fn unit_clinicians(&self, unit_id: String) -> Result<Vec<Clinician>, StoreError> {
        self.read(move |c| Box::pin(enrol::unit_clinicians(c, unit_id)))
            .await
    }
}
