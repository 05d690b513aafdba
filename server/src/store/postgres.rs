//! The PostgreSQL backend (`DATABASE_URL=postgres://…`), for a region:
//! the same repository as the SQLite backend, with the same migration names
//! and the same stored text, so the API answers the same JSON.
//!
//! Writes go through one writer connection with group commit, as in the
//! SQLite backend (`pg_writer`): the writes waiting together share one
//! transaction and one WAL flush, each in its own savepoint, committed with
//! `synchronous_commit = on` (set on every connection). Reads use a small
//! pool. Writes to a patient's feed first lock the patient's row, so even
//! with several server processes on one database a patient's sequence
//! numbers commit in order and a pull never skips a row (ADR 0008). Every
//! call runs in a task of its own, so a request dropped half-way (a cut
//! connection) still finishes or rolls back as a whole.

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

use chrono::{DateTime, Duration, Utc};

use super::pg_pool::{Conn, Pool, in_order};
use super::pg_writer::{Work, Writer};
use super::postgres_clinic as clinic;
use super::{ActivateResult, Repository, StoreError, retry_of};
use crate::clinic_model::{
    AnswerRecord, ClinicItem, DeviceRecord, Message, PatientRecord, device_side_effect,
};
use crate::model::DeviceState;
use crate::model::{
    Activated, Change, Clinician, CodeRejected, DeviceAuth, FeedItem, NewPatient, PushOutcome,
    Role, Unit,
};

/// The migrations, in order; each name is the same for every backend.
const MIGRATIONS: &[(&str, &str)] = &[
    (
        "0001_init",
        include_str!("../../migrations/postgres/0001_init.sql"),
    ),
    (
        "0002_changes",
        include_str!("../../migrations/postgres/0002_changes.sql"),
    ),
    (
        "0003_device_end",
        include_str!("../../migrations/postgres/0003_device_end.sql"),
    ),
    (
        "0004_clinic",
        include_str!("../../migrations/postgres/0004_clinic.sql"),
    ),
    (
        "0005_activation_retry",
        include_str!("../../migrations/postgres/0005_activation_retry.sql"),
    ),
    (
        "0006_portal",
        include_str!("../../migrations/postgres/0006_portal.sql"),
    ),
    (
        "0007_enrolment",
        include_str!("../../migrations/postgres/0007_enrolment.sql"),
    ),
    (
        "0008_staff",
        include_str!("../../migrations/postgres/0008_staff.sql"),
    ),
    (
        "0009_notices",
        include_str!("../../migrations/postgres/0009_notices.sql"),
    ),
    (
        "0010_answer_keys",
        include_str!("../../migrations/postgres/0010_answer_keys.sql"),
    ),
];

/// Connections kept at most. Concurrent writes beyond it wait for one.
const POOL_SIZE: usize = 16;

/// Settings every connection starts with: each commit waits for its WAL
/// flush, whatever the role's or database's defaults say.
const SESSION_OPTIONS: &str = "-c synchronous_commit=on";

/// Locks a patient's row for the rest of the transaction: writes to one
/// patient's feed take turns (ADR 0008). `NO KEY UPDATE` does not block the
/// foreign-key checks of rows that only reference the patient.
pub(super) const LOCK_PATIENT: &str = "SELECT 1 FROM patients WHERE id = $1 FOR NO KEY UPDATE";

/// The PostgreSQL repository.
pub struct PgStore {
    /// Read connections.
    pool: Arc<Pool>,
    /// The one write connection, with group commit.
    writer: Writer,
}

impl PgStore {
    /// Connects to `url` (`postgres://…`; `options=-csearch_path%3DNAME`
    /// selects a schema), applies the migrations and checks that commits
    /// are durable.
    pub async fn open(url: &str) -> Result<PgStore, StoreError> {
        let mut config: tokio_postgres::Config = url
            .parse()
            .map_err(|_| StoreError::UnsupportedUrl("an unreadable postgres:// URL".into()))?;
        let options = match config.get_options() {
            Some(o) if !o.trim().is_empty() => format!("{o} {SESSION_OPTIONS}"),
            _ => SESSION_OPTIONS.to_owned(),
        };
        config
            .options(options)
            .application_name("painschool-server")
            .connect_timeout(std::time::Duration::from_secs(10));
        let pool = Pool::new(config, POOL_SIZE);
        let store = PgStore {
            writer: Writer::start(pool.clone()),
            pool,
        };
        let mut c = store.pool.get().await?;
        migrate(&mut c).await?;
        let (sync, fsync) = settings(&mut c).await?;
        if sync != "on" || fsync != "on" {
            return Err(StoreError::Database(format!(
                "commits would not be durable (synchronous_commit={sync}, fsync={fsync})"
            )));
        }
        Ok(store)
    }

    /// Writes waiting for the writer, and writes it has taken so far (for
    /// tests that hold the writer up and wait until it is).
    pub fn writer_queue(&self) -> (u64, u64) {
        self.writer.queue()
    }

    /// Runs `f` in the writer's next group commit; resolves after the
    /// commit (`f` failing rolls back only its own savepoint).
    pub(super) async fn write<T, F>(&self, f: F) -> Result<T, StoreError>
    where
        T: Send + 'static,
        F: for<'c> FnOnce(&'c mut Conn) -> Work<'c, T> + Send + 'static,
    {
        self.writer.write(f).await
    }

    /// Runs `f` on a pooled connection, outside a transaction.
    pub(super) async fn read<T, F>(&self, f: F) -> Result<T, StoreError>
    where
        T: Send + 'static,
        F: for<'c> FnOnce(&'c mut Conn) -> Work<'c, T> + Send + 'static,
    {
        let pool = self.pool.clone();
        tokio::spawn(async move {
            let mut c = pool.get().await?;
            f(&mut c).await
        })
        .await
        .map_err(|_| StoreError::Database("a read panicked".into()))?
    }

    /// The live `synchronous_commit` and `fsync` settings of a pooled
    /// connection.
    pub async fn durability_settings(&self) -> Result<(String, String), StoreError> {
        self.read(|c| Box::pin(settings(c))).await
    }

    /// WAL syncs the whole cluster has made (`pg_stat_wal.wal_sync`), for
    /// the group-commit measurement: run it on a quiet cluster and take the
    /// difference. Server processes publish their counts when idle for a
    /// while or when they exit, so this first closes the writer's and the
    /// idle read connections and waits a moment.
    pub async fn wal_syncs(&self) -> Result<i64, StoreError> {
        self.writer.reconnect().await;
        self.pool.close_idle();
        tokio::time::sleep(std::time::Duration::from_millis(500)).await;
        let n = self
            .read(|c| {
                Box::pin(async move {
                    let row = c.query_one("SELECT wal_sync FROM pg_stat_wal", &[]).await?;
                    Ok(row.try_get::<_, i64>(0)?)
                })
            })
            .await;
        self.pool.close_idle();
        n
    }
}

async fn settings(c: &mut Conn) -> Result<(String, String), StoreError> {
    let sync = c
        .query_one("SELECT current_setting('synchronous_commit')", &[])
        .await?;
    let fsync = c.query_one("SELECT current_setting('fsync')", &[]).await?;
    Ok((sync.try_get(0)?, fsync.try_get(0)?))
}

/// Applies the migrations not yet recorded in `schema_migrations`, each in
/// its own transaction, under a lock so that two servers starting together
/// do not both apply one.
async fn migrate(c: &mut Conn) -> Result<(), StoreError> {
    const LOCK: &str =
        "SELECT pg_advisory_xact_lock(hashtext('painschool-migrations:' || current_schema()))";
    c.begin().await?;
    c.batch(LOCK).await?;
    c.batch(
        "CREATE TABLE IF NOT EXISTS schema_migrations (name TEXT COLLATE \"C\" PRIMARY KEY, applied_at TEXT NOT NULL)",
    )
    .await?;
    c.commit().await?;
    for (name, sql) in MIGRATIONS {
        c.begin().await?;
        let step = async {
            c.batch(LOCK).await?;
            let done = c
                .query_opt("SELECT 1 FROM schema_migrations WHERE name = $1", &[name])
                .await?;
            if done.is_none() {
                c.batch(sql).await?;
                c.execute(
                    "INSERT INTO schema_migrations (name, applied_at) VALUES ($1, $2)",
                    &[name, &Utc::now().to_rfc3339()],
                )
                .await?;
                tracing::info!(migration = name, "applied");
            }
            Ok::<_, StoreError>(())
        }
        .await;
        match step {
            Ok(()) => c.commit().await?,
            Err(e) => {
                c.rollback().await;
                return Err(e);
            }
        }
    }
    Ok(())
}

pub(super) fn new_id() -> String {
    uuid::Uuid::now_v7().to_string()
}

async fn activate_tx(
    c: &mut Conn,
    code_hash: String,
    attempt_hash: Option<String>,
    token_hash: String,
    now: DateTime<Utc>,
) -> ActivateResult {
    // FOR UPDATE: two devices racing with one code take turns; the second
    // sees it used.
    let row = c
        .query_opt(
            "SELECT patient_id, expires_at, used_at, attempt_hash, device_id
             FROM activation_codes WHERE code_hash = $1 FOR UPDATE",
            &[&code_hash],
        )
        .await?;
    let Some(row) = row else {
        return Ok(Err(CodeRejected::Unknown));
    };
    let patient_id: String = row.try_get(0)?;
    let expires_at: String = row.try_get(1)?;
    let used_at: Option<String> = row.try_get(2)?;
    let expires = DateTime::parse_from_rfc3339(&expires_at)
        .map(|t| t.with_timezone(&Utc))
        .unwrap_or(now - Duration::seconds(1));
    let at = now.to_rfc3339();
    let device_id = if used_at.is_some() {
        // The same phone again after a lost answer: the device it made gets
        // the new token, if nothing has used it yet.
        let Some(device_id) =
            retry_of(&attempt_hash, row.try_get(3)?, row.try_get(4)?).filter(|_| now < expires)
        else {
            return Ok(Err(CodeRejected::Used));
        };
        let n = c
            .execute(
                "UPDATE devices SET token_hash = $2
                 WHERE id = $1 AND state = 'active' AND last_seen_at IS NULL",
                &[&device_id, &token_hash],
            )
            .await?;
        if n == 0 {
            return Ok(Err(CodeRejected::Used));
        }
        device_id
    } else {
        if now >= expires {
            return Ok(Err(CodeRejected::Expired));
        }
        let device_id = new_id();
        c.execute(
            "INSERT INTO devices (id, patient_id, token_hash, state, created_at) VALUES ($1, $2, $3, 'active', $4)",
            &[&device_id, &patient_id, &token_hash, &at],
        )
        .await?;
        c.execute(
            "UPDATE activation_codes SET used_at = $2, attempt_hash = $3, device_id = $4
             WHERE code_hash = $1",
            &[&code_hash, &at, &attempt_hash, &device_id],
        )
        .await?;
        // Access starts at the first activation (portal enrolments).
        super::postgres_enrol::start_at_first_activation(c, &patient_id, now).await?;
        device_id
    };
    let r = c
        .query_one(
            "SELECT p.enrolment, u.id, u.name, u.reply_time_sv, u.reply_time_en
             FROM patients p JOIN units u ON u.id = p.unit_id WHERE p.id = $1",
            &[&patient_id],
        )
        .await?;
    let enrolment: String = r.try_get(0)?;
    let unit = Unit {
        id: r.try_get(1)?,
        name: r.try_get(2)?,
        reply_time_sv: r.try_get(3)?,
        reply_time_en: r.try_get(4)?,
    };
    let enrolment = serde_json::from_str(&enrolment)
        .map_err(|_| StoreError::Database("unreadable enrolment".into()))?;
    Ok(Ok(Activated {
        device_id,
        patient_id,
        enrolment,
        unit,
    }))
}

async fn push_tx(
    c: &mut Conn,
    device: DeviceAuth,
    changes: Vec<Change>,
    now: DateTime<Utc>,
) -> Result<Vec<PushOutcome>, StoreError> {
    let at = now.to_rfc3339();
    let lock = c.statement(LOCK_PATIENT).await?;
    let insert = c
        .statement(
            "INSERT INTO changes (patient_id, change_id, source, device_id, entity, entity_id, hlc, payload, received_at)
             VALUES ($1, $2, 'device', $3, $4, $5, $6, $7, $8)
             ON CONFLICT (patient_id, change_id) DO NOTHING",
        )
        .await?;
    let seen = c
        .statement("UPDATE devices SET last_seen_at = $2 WHERE id = $1")
        .await?;
    let payloads: Vec<String> = changes.iter().map(|ch| ch.payload.to_string()).collect();
    // The lock, every insert and the device's last-seen time go out in one
    // round trip and run in this order.
    let inserted: Vec<u64> = {
        let client = c.client();
        let (pid, did, at, insert) = (&device.patient_id, &device.device_id, &at, &insert);
        type Step<'a> =
            Pin<Box<dyn Future<Output = Result<u64, tokio_postgres::Error>> + Send + 'a>>;
        let mut steps: Vec<Step<'_>> = Vec::with_capacity(changes.len() + 2);
        steps.push(Box::pin(async {
            client.query(&lock, &[pid]).await.map(|r| r.len() as u64)
        }));
        for (ch, payload) in changes.iter().zip(&payloads) {
            steps.push(Box::pin(async move {
                client
                    .execute(
                        insert,
                        &[
                            pid,
                            &ch.id,
                            did,
                            &ch.entity,
                            &ch.entity_id,
                            &ch.hlc,
                            payload,
                            at,
                        ],
                    )
                    .await
            }));
        }
        steps.push(Box::pin(async { client.execute(&seen, &[did, at]).await }));
        let mut results = Vec::with_capacity(steps.len());
        for r in in_order(steps).await {
            results.push(r?);
        }
        if results.first() != Some(&1) {
            return Err(StoreError::NotFound("patient"));
        }
        results[1..results.len() - 1].to_vec()
    };
    let mut out = Vec::with_capacity(changes.len());
    for (ch, n) in changes.into_iter().zip(inserted) {
        if n == 1 {
            let effect = device_side_effect(&ch.entity, &ch.payload);
            clinic::apply_device_side_effect(c, &device.patient_id, effect, &at).await?;
            out.push(PushOutcome::Accepted { id: ch.id });
        } else {
            out.push(PushOutcome::Duplicate { id: ch.id });
        }
    }
    Ok(out)
}

async fn pull_rows(
    c: &mut Conn,
    device: DeviceAuth,
    after: i64,
    limit: u32,
) -> Result<(Vec<FeedItem>, i64, bool), StoreError> {
    // One more than asked, to know whether more remain.
    let rows = c
        .query(
            "SELECT seq, change_id, entity, entity_id, hlc, payload, device_id, source FROM changes
             WHERE patient_id = $1 AND seq > $2 ORDER BY seq LIMIT $3",
            &[&device.patient_id, &after, &(i64::from(limit) + 1)],
        )
        .await?;
    let more = rows.len() > limit as usize;
    let mut cursor = after;
    let mut items = Vec::new();
    for r in rows.into_iter().take(limit as usize) {
        let seq: i64 = r.try_get(0)?;
        cursor = seq;
        let device_id: Option<String> = r.try_get(6)?;
        if device_id.as_deref() == Some(device.device_id.as_str()) {
            continue;
        }
        let payload: String = r.try_get(5)?;
        items.push(FeedItem {
            seq,
            change: Change {
                id: r.try_get(1)?,
                entity: r.try_get(2)?,
                entity_id: r.try_get(3)?,
                hlc: r.try_get(4)?,
                payload: serde_json::from_str(&payload).unwrap_or_default(),
            },
            source: r.try_get(7)?,
            device_id,
        });
    }
    Ok((items, cursor, more))
}

impl Repository for PgStore {
    async fn health(&self) -> Result<(), StoreError> {
        self.read(|c| {
            Box::pin(async move {
                let n: i64 = c
                    .query_one("SELECT count(*) FROM schema_migrations", &[])
                    .await?
                    .try_get(0)?;
                if n as usize == MIGRATIONS.len() {
                    Ok(())
                } else {
                    Err(StoreError::Database("migrations missing".into()))
                }
            })
        })
        .await
    }

    async fn create_unit(
        &self,
        name: String,
        reply_time_sv: String,
        reply_time_en: String,
        now: DateTime<Utc>,
    ) -> Result<Unit, StoreError> {
        self.write(move |c| {
            Box::pin(async move {
                let id = new_id();
                c.execute(
                    "INSERT INTO units (id, name, reply_time_sv, reply_time_en, created_at) VALUES ($1, $2, $3, $4, $5)",
                    &[&id, &name, &reply_time_sv, &reply_time_en, &now.to_rfc3339()],
                )
                .await?;
                Ok(Unit {
                    id,
                    name,
                    reply_time_sv,
                    reply_time_en,
                })
            })
        })
        .await
    }

    async fn create_clinician(
        &self,
        unit_id: String,
        display_name: String,
        email: String,
        role: Role,
        now: DateTime<Utc>,
    ) -> Result<Clinician, StoreError> {
        self.write(move |c| {
            Box::pin(async move {
                let id = new_id();
                c.execute(
                    "INSERT INTO clinicians (id, unit_id, display_name, email, role, created_at) VALUES ($1, $2, $3, $4, $5, $6)",
                    &[&id, &unit_id, &display_name, &email, &role.as_str(), &now.to_rfc3339()],
                )
                .await?;
                Ok(Clinician {
                    id,
                    unit_id,
                    display_name,
                    email,
                    role,
                })
            })
        })
        .await
    }

    async fn create_patient(
        &self,
        p: NewPatient,
        now: DateTime<Utc>,
    ) -> Result<String, StoreError> {
        let enrolment = serde_json::to_string(&p.enrolment)
            .map_err(|_| StoreError::Database("cannot encode the enrolment".into()))?;
        self.write(move |c| {
            Box::pin(async move {
                let id = new_id();
                c.execute(
                    "INSERT INTO patients (id, unit_id, clinician_id, name, personal_number, enrolment, created_at)
                     VALUES ($1, $2, $3, $4, $5, $6, $7)",
                    &[&id, &p.unit_id, &p.clinician_id, &p.name, &p.personal_number, &enrolment, &now.to_rfc3339()],
                )
                .await?;
                Ok(id)
            })
        })
        .await
    }

    async fn add_activation_code(
        &self,
        patient_id: String,
        code_hash: String,
        expires_at: DateTime<Utc>,
        now: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        self.write(move |c| {
            Box::pin(async move {
                c.execute(
                    "INSERT INTO activation_codes (code_hash, patient_id, created_at, expires_at) VALUES ($1, $2, $3, $4)",
                    &[&code_hash, &patient_id, &now.to_rfc3339(), &expires_at.to_rfc3339()],
                )
                .await?;
                Ok(())
            })
        })
        .await
    }

    async fn activate(
        &self,
        code_hash: String,
        attempt_hash: Option<String>,
        token_hash: String,
        now: DateTime<Utc>,
    ) -> ActivateResult {
        self.write(move |c| Box::pin(activate_tx(c, code_hash, attempt_hash, token_hash, now)))
            .await
    }

    async fn device_by_token(&self, token_hash: String) -> Result<Option<DeviceAuth>, StoreError> {
        self.read(move |c| {
            Box::pin(async move {
                let row = c
                    .query_opt(
                        "SELECT d.id, d.patient_id, d.state, d.state_changed_at, p.enrolment
                         FROM devices d JOIN patients p ON p.id = d.patient_id
                         WHERE d.token_hash = $1",
                        &[&token_hash],
                    )
                    .await?;
                let Some(r) = row else { return Ok(None) };
                let at: Option<String> = r.try_get(3)?;
                let device_id: String = r.try_get(0)?;
                let enrolment: String = r.try_get(4)?;
                Ok(Some(DeviceAuth {
                    access_ends_at: super::planned_access_end(&enrolment, &device_id),
                    device_id,
                    patient_id: r.try_get(1)?,
                    state: r.try_get(2)?,
                    state_changed_at: at
                        .and_then(|a| DateTime::parse_from_rfc3339(&a).ok())
                        .map(|t| t.with_timezone(&Utc)),
                }))
            })
        })
        .await
    }

    async fn push(
        &self,
        device: DeviceAuth,
        changes: Vec<Change>,
        now: DateTime<Utc>,
    ) -> Result<Vec<PushOutcome>, StoreError> {
        self.write(move |c| Box::pin(push_tx(c, device, changes, now)))
            .await
    }

    async fn pull(
        &self,
        device: DeviceAuth,
        after: i64,
        limit: u32,
    ) -> Result<(Vec<FeedItem>, i64, bool), StoreError> {
        self.read(move |c| Box::pin(pull_rows(c, device, after, limit)))
            .await
    }

    async fn set_device_states(
        &self,
        patient_id: String,
        device_id: Option<String>,
        state: DeviceState,
        now: DateTime<Utc>,
    ) -> Result<usize, StoreError> {
        self.write(move |c| {
            Box::pin(async move {
                let n = c
                    .execute(
                        "UPDATE devices SET state = $3, state_changed_at = $4
                         WHERE patient_id = $1 AND ($2::text IS NULL OR id = $2) AND state <> 'revoked'",
                        &[&patient_id, &device_id, &state.as_str(), &now.to_rfc3339()],
                    )
                    .await?;
                Ok(n as usize)
            })
        })
        .await
    }

    async fn add_staff_token(
        &self,
        clinician_id: String,
        token_hash: String,
        expires_at: DateTime<Utc>,
        now: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        self.write(move |c| {
            Box::pin(async move {
                c.execute(
                    "INSERT INTO staff_tokens (token_hash, clinician_id, created_at, expires_at) VALUES ($1, $2, $3, $4)",
                    &[&token_hash, &clinician_id, &now.to_rfc3339(), &expires_at.to_rfc3339()],
                )
                .await?;
                Ok(())
            })
        })
        .await
    }

    async fn staff_by_token(
        &self,
        token_hash: String,
        now: DateTime<Utc>,
    ) -> Result<Option<Clinician>, StoreError> {
        self.read(move |c| Box::pin(clinic::staff_by_token(c, token_hash, now)))
            .await
    }

    async fn patient(&self, patient_id: String) -> Result<Option<PatientRecord>, StoreError> {
        self.read(move |c| Box::pin(clinic::patient(c, patient_id)))
            .await
    }

    async fn clinic_write(
        &self,
        patient_id: String,
        clinician_id: String,
        item: ClinicItem,
        now: DateTime<Utc>,
    ) -> Result<i64, StoreError> {
        self.write(move |c| Box::pin(clinic::clinic_write(c, patient_id, clinician_id, item, now)))
            .await
    }

    async fn log_access(
        &self,
        clinician_id: String,
        patient_id: String,
        action: &'static str,
        now: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        self.write(move |c| Box::pin(clinic::log_access(c, clinician_id, patient_id, action, now)))
            .await
    }

    async fn access_log(
        &self,
        patient_id: String,
    ) -> Result<Vec<(String, String, String)>, StoreError> {
        self.read(move |c| Box::pin(clinic::access_log(c, patient_id)))
            .await
    }

    async fn messages(&self, patient_id: String) -> Result<Vec<Message>, StoreError> {
        self.read(move |c| Box::pin(clinic::messages(c, patient_id)))
            .await
    }

    async fn answers(&self, patient_id: String) -> Result<Vec<AnswerRecord>, StoreError> {
        self.read(move |c| Box::pin(clinic::answers(c, patient_id)))
            .await
    }

    async fn practice_sessions(
        &self,
        patient_id: String,
    ) -> Result<Vec<painschool_core::practice::PracticeSession>, StoreError> {
        self.read(move |c| Box::pin(clinic::practice_sessions(c, patient_id)))
            .await
    }

    async fn preferences(
        &self,
        patient_id: String,
    ) -> Result<std::collections::BTreeMap<String, String>, StoreError> {
        self.read(move |c| Box::pin(clinic::preferences(c, patient_id)))
            .await
    }

    async fn devices(&self, patient_id: String) -> Result<Vec<DeviceRecord>, StoreError> {
        self.read(move |c| Box::pin(clinic::devices(c, patient_id)))
            .await
    }

    /// Group commits since open (the WAL syncs the cluster made are
    /// [`PgStore::wal_syncs`]).
    fn commits(&self) -> u64 {
        self.writer.commits()
    }
}
