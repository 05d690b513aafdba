//! [`PortalStore`] on PostgreSQL: the same statements as `sqlite_portal`,
//! in PostgreSQL's dialect, through the store's group-commit writer and its
//! pool.

use chrono::{DateTime, Utc};

use super::pg_pool::Conn;
use super::portal::{
    AccessEntry, Assessment, Credentials, Deactivation, EnrolmentInfo, OVERVIEW_OF_PATIENT,
    OVERVIEW_OF_UNIT, PatientOverview, PortalSession, PortalStore, SessionStage, StaffMember,
    TeamThread, time,
};
use super::postgres_clinic::role;
use super::postgres_enrol as enrol;
use super::{PgStore, StoreError};
use crate::clinic_model::Visit;
use crate::model::{Clinician, NewPatient, Role};
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
                    s.password_hash, s.totp_secret, s.totp_confirmed, s.totp_last_step,
                    s.initial_until
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
    let initial: Option<&str> = r.try_get(9)?;
    let creds = hash.map(|password_hash| Credentials {
        initial_until: initial.map(time),
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
                    s.stage, s.csrf_token, s.signed_in_at, s.last_seen_at, s.ended_at
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
        ended: r.try_get::<_, Option<&str>>(9)?.is_some(),
    }))
}

/// The overview rows `sql` selects with `key`; the unreviewed counts only
/// when `count_unreviewed` (else each is 0).
pub(super) async fn overview(
    c: &mut Conn,
    (rows_sql, unreviewed_sql): (&'static str, &'static str),
    key: String,
    count_unreviewed: bool,
) -> Result<Vec<PatientOverview>, StoreError> {
    let mut unreviewed = std::collections::HashMap::new();
    if count_unreviewed {
        for r in c.query(unreviewed_sql, &[&key]).await? {
            unreviewed.insert(r.try_get::<_, String>(0)?, r.try_get::<_, i64>(1)?);
        }
    }
    let rows = c.query(rows_sql, &[&key]).await?;
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

/// A session without a request for this long is removed.
const STALE_SESSION: chrono::Duration = chrono::Duration::days(1);

/// Staff members with their sign-in state; `$tail` adds the condition.
macro_rules! staff_sql {
    ($tail:literal) => {
        concat!(
            "SELECT k.id, k.unit_id, k.display_name, k.email, k.role, k.active,
                coalesce(s.totp_confirmed, FALSE), s.initial_until IS NOT NULL
             FROM clinicians k LEFT JOIN staff_credentials s ON s.clinician_id = k.id ",
            $tail
        )
    };
}

fn staff_member(r: &tokio_postgres::Row) -> Result<StaffMember, StoreError> {
    Ok(StaffMember {
        clinician: clinician(r)?,
        active: r.try_get(5)?,
        second_factor: r.try_get(6)?,
        initial_password: r.try_get(7)?,
    })
}

fn access_entry(r: &tokio_postgres::Row) -> Result<AccessEntry, StoreError> {
    Ok(AccessEntry {
        at: time(r.try_get(0)?),
        clinician_id: r.try_get(1)?,
        clinician_name: r.try_get(2)?,
        patient_id: r.try_get(3)?,
        patient_name: r.try_get(4)?,
        action: r.try_get(5)?,
    })
}

async fn access_log(
    c: &mut Conn,
    sql: &'static str,
    key: String,
    limit: u32,
) -> Result<Vec<AccessEntry>, StoreError> {
    c.query(sql, &[&key, &i64::from(limit)])
        .await?
        .iter()
        .map(access_entry)
        .collect()
}

async fn deactivate(c: &mut Conn, clinician_id: String) -> Result<Deactivation, StoreError> {
    // Row locks on the unit's admins keep two deactivations apart even
    // outside the single writer.
    let Some(r) = c
        .query_opt(
            "SELECT unit_id, role, active FROM clinicians WHERE id = $1 FOR UPDATE",
            &[&clinician_id],
        )
        .await?
    else {
        return Ok(Deactivation::NotFound);
    };
    let unit: String = r.try_get(0)?;
    let role: String = r.try_get(1)?;
    let active: bool = r.try_get(2)?;
    if active && role == "unit_admin" {
        let others = c
            .query(
                "SELECT id FROM clinicians
                 WHERE unit_id = $1 AND role = 'unit_admin' AND active AND id <> $2 FOR UPDATE",
                &[&unit, &clinician_id],
            )
            .await?;
        if others.is_empty() {
            return Ok(Deactivation::LastAdmin);
        }
    }
    c.execute(
        "UPDATE clinicians SET active = FALSE WHERE id = $1",
        &[&clinician_id],
    )
    .await?;
    c.execute(
        "DELETE FROM portal_sessions WHERE clinician_id = $1",
        &[&clinician_id],
    )
    .await?;
    Ok(Deactivation::Done)
}

impl PortalStore for PgStore {
    async fn unit_overview(&self, unit_id: String) -> Result<Vec<PatientOverview>, StoreError> {
        self.read(move |c| Box::pin(overview(c, OVERVIEW_OF_UNIT, unit_id, true)))
            .await
    }

    async fn unit_list(&self, unit_id: String) -> Result<Vec<PatientOverview>, StoreError> {
        self.read(move |c| Box::pin(overview(c, OVERVIEW_OF_UNIT, unit_id, false)))
            .await
    }

    async fn patient_overview(
        &self,
        patient_id: String,
    ) -> Result<Option<PatientOverview>, StoreError> {
        self.read(move |c| {
            Box::pin(async move {
                Ok(overview(c, OVERVIEW_OF_PATIENT, patient_id, true)
                    .await?
                    .pop())
            })
        })
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
                         initial_until = NULL, updated_at = excluded.updated_at",
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
                    "DELETE FROM portal_sessions WHERE last_seen_at < $1",
                    &[&(now - STALE_SESSION).to_rfc3339()],
                )
                .await?;
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

    async fn expire_session(
        &self,
        token_hash: String,
        now: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        self.write(move |c| {
            Box::pin(async move {
                c.execute(
                    "UPDATE portal_sessions SET ended_at = coalesce(ended_at, $2) WHERE token_hash = $1",
                    &[&token_hash, &now.to_rfc3339()],
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
    async fn unit_staff(&self, unit_id: String) -> Result<Vec<StaffMember>, StoreError> {
        self.read(move |c| {
            Box::pin(async move {
                c.query(
                    staff_sql!("WHERE k.unit_id = $1 ORDER BY k.active DESC, k.display_name, k.id"),
                    &[&unit_id],
                )
                .await?
                .iter()
                .map(staff_member)
                .collect()
            })
        })
        .await
    }

    async fn staff_member(&self, clinician_id: String) -> Result<Option<StaffMember>, StoreError> {
        self.read(move |c| {
            Box::pin(async move {
                c.query_opt(staff_sql!("WHERE k.id = $1"), &[&clinician_id])
                    .await?
                    .as_ref()
                    .map(staff_member)
                    .transpose()
            })
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
            Box::pin(async move {
                if c.query_opt(
                    "SELECT 1 FROM clinicians WHERE lower(email) = lower($1)",
                    &[&email],
                )
                .await?
                .is_some()
                {
                    return Ok(None);
                }
                let id = uuid::Uuid::now_v7().to_string();
                let at = now.to_rfc3339();
                c.execute(
                    "INSERT INTO clinicians (id, unit_id, display_name, email, role, created_at)
                     VALUES ($1, $2, $3, $4, $5, $6)",
                    &[&id, &unit_id, &display_name, &email, &role.as_str(), &at],
                )
                .await?;
                c.execute(
                    "INSERT INTO staff_credentials (clinician_id, password_hash, initial_until, updated_at)
                     VALUES ($1, $2, $3, $4)",
                    &[&id, &password_hash, &initial_until.to_rfc3339(), &at],
                )
                .await?;
                Ok(Some(Clinician {
                    id,
                    unit_id,
                    display_name,
                    email,
                    role,
                }))
            })
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
            Box::pin(async move {
                c.execute(
                    "INSERT INTO staff_credentials (clinician_id, password_hash, initial_until, updated_at)
                     VALUES ($1, $2, $3, $4)
                     ON CONFLICT (clinician_id) DO UPDATE SET password_hash = excluded.password_hash,
                         initial_until = excluded.initial_until, updated_at = excluded.updated_at",
                    &[
                        &clinician_id,
                        &password_hash,
                        &initial_until.to_rfc3339(),
                        &now.to_rfc3339(),
                    ],
                )
                .await?;
                c.execute(
                    "DELETE FROM portal_sessions WHERE clinician_id = $1",
                    &[&clinician_id],
                )
                .await?;
                Ok(())
            })
        })
        .await
    }

    async fn deactivate_staff(
        &self,
        clinician_id: String,
        _now: DateTime<Utc>,
    ) -> Result<Deactivation, StoreError> {
        self.write(move |c| Box::pin(deactivate(c, clinician_id)))
            .await
    }

    async fn reset_second_factor(
        &self,
        clinician_id: String,
        now: DateTime<Utc>,
    ) -> Result<bool, StoreError> {
        self.write(move |c| {
            Box::pin(async move {
                let n = c
                    .execute(
                        "UPDATE staff_credentials SET totp_secret = NULL, totp_confirmed = FALSE,
                             totp_last_step = NULL, updated_at = $2 WHERE clinician_id = $1",
                        &[&clinician_id, &now.to_rfc3339()],
                    )
                    .await?;
                c.execute(
                    "DELETE FROM recovery_codes WHERE clinician_id = $1",
                    &[&clinician_id],
                )
                .await?;
                c.execute(
                    "DELETE FROM portal_sessions WHERE clinician_id = $1",
                    &[&clinician_id],
                )
                .await?;
                Ok(n == 1)
            })
        })
        .await
    }

    async fn patient_access_log(
        &self,
        patient_id: String,
        limit: u32,
    ) -> Result<Vec<AccessEntry>, StoreError> {
        self.read(move |c| {
            Box::pin(access_log(
                c,
                "SELECT a.at, a.clinician_id, k.display_name, a.patient_id, p.name, a.action
                 FROM access_log a JOIN clinicians k ON k.id = a.clinician_id
                 JOIN patients p ON p.id = a.patient_id
                 WHERE a.patient_id = $1 ORDER BY a.id DESC LIMIT $2",
                patient_id,
                limit,
            ))
        })
        .await
    }

    async fn clinician_access_log(
        &self,
        clinician_id: String,
        limit: u32,
    ) -> Result<Vec<AccessEntry>, StoreError> {
        self.read(move |c| {
            Box::pin(access_log(
                c,
                "SELECT a.at, a.clinician_id, k.display_name, a.patient_id, p.name, a.action
                 FROM access_log a JOIN clinicians k ON k.id = a.clinician_id
                 JOIN patients p ON p.id = a.patient_id
                 WHERE a.clinician_id = $1 ORDER BY a.id DESC LIMIT $2",
                clinician_id,
                limit,
            ))
        })
        .await
    }

    async fn team_threads(&self, unit_id: String) -> Result<Vec<TeamThread>, StoreError> {
        self.read(move |c| {
            Box::pin(async move {
                c.query(
                    "SELECT p.id, p.name, max(m.received_at), count(*),
                         count(*) FILTER (WHERE m.author = 'patient' AND m.read_by_clinic_at IS NULL)
                     FROM messages m JOIN patients p ON p.id = m.patient_id
                     WHERE p.unit_id = $1 AND m.thread = 'team'
                     GROUP BY p.id, p.name ORDER BY max(m.received_at) DESC, p.id",
                    &[&unit_id],
                )
                .await?
                .iter()
                .map(|r| {
                    Ok(TeamThread {
                        patient_id: r.try_get(0)?,
                        patient_name: r.try_get(1)?,
                        last_activity: time(r.try_get(2)?),
                        messages: r.try_get::<_, i64>(3)? as u32,
                        unread: r.try_get::<_, i64>(4)? as u32,
                    })
                })
                .collect()
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
