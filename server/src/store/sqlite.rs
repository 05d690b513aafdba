//! The SQLite backend: one writer thread with group commit, and a few
//! read connections.
//!
//! Every write is a closure sent to the writer thread. The writer takes all
//! closures waiting in its queue, runs each inside its own savepoint of one
//! transaction (a failing closure rolls back only itself), commits once with
//! `synchronous=FULL`, and only then answers each caller. Under load, many
//! requests share one fsync.

use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, mpsc};

use chrono::{DateTime, Duration, Utc};
use rusqlite::{Connection, OpenFlags, OptionalExtension, params};
use tokio::sync::oneshot;

use super::sqlite_clinic as clinic;
use super::sqlite_writer::{Job, Reply, writer_loop};
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
        include_str!("../../migrations/sqlite/0001_init.sql"),
    ),
    (
        "0002_changes",
        include_str!("../../migrations/sqlite/0002_changes.sql"),
    ),
    (
        "0003_device_end",
        include_str!("../../migrations/sqlite/0003_device_end.sql"),
    ),
    (
        "0004_clinic",
        include_str!("../../migrations/sqlite/0004_clinic.sql"),
    ),
    (
        "0005_activation_retry",
        include_str!("../../migrations/sqlite/0005_activation_retry.sql"),
    ),
    (
        "0006_portal",
        include_str!("../../migrations/sqlite/0006_portal.sql"),
    ),
    (
        "0007_enrolment",
        include_str!("../../migrations/sqlite/0007_enrolment.sql"),
    ),
    (
        "0008_staff",
        include_str!("../../migrations/sqlite/0008_staff.sql"),
    ),
    (
        "0009_notices",
        include_str!("../../migrations/sqlite/0009_notices.sql"),
    ),
    (
        "0010_answer_keys",
        include_str!("../../migrations/sqlite/0010_answer_keys.sql"),
    ),
];

/// Read connections kept open.
const READERS: usize = 4;
/// The SQLite repository.
pub struct SqliteStore {
    jobs: mpsc::Sender<Job>,
    readers: Arc<Mutex<Vec<Connection>>>,
    path: std::path::PathBuf,
    commits: Arc<AtomicU64>,
    /// Writes sent to the writer and not yet taken by it.
    queued: Arc<std::sync::atomic::AtomicUsize>,
    taken: Arc<AtomicU64>,
}

fn pragmas(c: &Connection) -> rusqlite::Result<()> {
    let _: String = c.query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))?;
    c.execute_batch(
        "PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 5000;",
    )
}

fn migrate(c: &mut Connection) -> Result<(), StoreError> {
    c.execute_batch(
        "CREATE TABLE IF NOT EXISTS schema_migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)",
    )?;
    for (name, sql) in MIGRATIONS {
        let tx = c.transaction()?;
        let done: Option<i64> = tx
            .query_row(
                "SELECT 1 FROM schema_migrations WHERE name = ?1",
                [name],
                |r| r.get(0),
            )
            .optional()?;
        if done.is_none() {
            tx.execute_batch(sql)?;
            tx.execute(
                "INSERT INTO schema_migrations (name, applied_at) VALUES (?1, ?2)",
                params![name, Utc::now().to_rfc3339()],
            )?;
            tracing::info!(migration = name, "applied");
        }
        tx.commit()?;
    }
    Ok(())
}

impl SqliteStore {
    /// Opens (or creates) the database file and applies the migrations.
    pub fn open(path: &Path) -> Result<SqliteStore, StoreError> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|e| {
                StoreError::Database(format!("cannot create {}: {e}", dir.display()))
            })?;
        }
        let mut writer = Connection::open(path)?;
        pragmas(&writer)?;
        migrate(&mut writer)?;
        let mut readers = Vec::with_capacity(READERS);
        for _ in 0..READERS {
            let r = Connection::open_with_flags(
                path,
                OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
            )?;
            r.execute_batch("PRAGMA busy_timeout = 5000;")?;
            readers.push(r);
        }
        let (tx, rx) = mpsc::channel::<Job>();
        let commits = Arc::new(AtomicU64::new(0));
        let queued = Arc::new(std::sync::atomic::AtomicUsize::new(0));
        let taken = Arc::new(AtomicU64::new(0));
        let (c, q, t) = (commits.clone(), queued.clone(), taken.clone());
        std::thread::Builder::new()
            .name("sqlite-writer".into())
            .spawn(move || writer_loop(writer, rx, c, q, t))
            .map_err(|e| StoreError::Database(format!("cannot start the writer: {e}")))?;
        Ok(SqliteStore {
            jobs: tx,
            readers: Arc::new(Mutex::new(readers)),
            path: path.to_path_buf(),
            commits,
            queued,
            taken,
        })
    }

    /// Writes waiting for the writer, and writes it has taken so far (for
    /// tests that hold the writer up and wait until it is).
    pub fn writer_queue(&self) -> (u64, u64) {
        (
            self.queued.load(Ordering::SeqCst) as u64,
            self.taken.load(Ordering::SeqCst),
        )
    }

    /// The database file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Runs `f` in the writer's next group commit; resolves after the commit.
    pub(super) async fn write<T: Send + 'static>(
        &self,
        f: impl FnOnce(&Connection) -> Result<T, StoreError> + Send + 'static,
    ) -> Result<T, StoreError> {
        let (tx, rx) = oneshot::channel::<Result<T, StoreError>>();
        let job: Job = Box::new(move |conn| {
            let result = f(conn);
            let ok = result.is_ok();
            let reply: Reply = Box::new(move |commit| {
                let _ = tx.send(commit.and(result));
            });
            (ok, reply)
        });
        self.queued.fetch_add(1, Ordering::SeqCst);
        self.jobs
            .send(job)
            .map_err(|_| StoreError::Database("the writer has stopped".into()))?;
        rx.await
            .map_err(|_| StoreError::Database("the writer dropped a write".into()))?
    }

    /// Runs `f` on a read connection, off the async threads.
    pub(super) async fn read<T: Send + 'static>(
        &self,
        f: impl FnOnce(&Connection) -> Result<T, StoreError> + Send + 'static,
    ) -> Result<T, StoreError> {
        let readers = self.readers.clone();
        let path = self.path.clone();
        tokio::task::spawn_blocking(move || {
            let taken = readers.lock().unwrap_or_else(|p| p.into_inner()).pop();
            let conn = match taken {
                Some(c) => c,
                None => Connection::open_with_flags(&path, OpenFlags::SQLITE_OPEN_READ_ONLY)?,
            };
            let result = f(&conn);
            readers.lock().unwrap_or_else(|p| p.into_inner()).push(conn);
            result
        })
        .await
        .map_err(|_| StoreError::Database("a read panicked".into()))?
    }

    /// The live `synchronous` and `journal_mode` of the writer's settings, as
    /// a fresh connection with the same pragmas sees them.
    pub fn durability_settings(&self) -> Result<(i64, String), StoreError> {
        let c = Connection::open(&self.path)?;
        pragmas(&c)?;
        let sync: i64 = c.query_row("PRAGMA synchronous", [], |r| r.get(0))?;
        let mode: String = c.query_row("PRAGMA journal_mode", [], |r| r.get(0))?;
        Ok((sync, mode))
    }
}

pub(super) fn new_id() -> String {
    uuid::Uuid::now_v7().to_string()
}

impl Repository for SqliteStore {
    async fn health(&self) -> Result<(), StoreError> {
        self.read(|c| {
            let n: i64 = c.query_row("SELECT count(*) FROM schema_migrations", [], |r| r.get(0))?;
            if n as usize == MIGRATIONS.len() {
                Ok(())
            } else {
                Err(StoreError::Database("migrations missing".into()))
            }
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
            let id = new_id();
            c.execute(
                "INSERT INTO units (id, name, reply_time_sv, reply_time_en, created_at) VALUES (?1, ?2, ?3, ?4, ?5)",
                params![id, name, reply_time_sv, reply_time_en, now.to_rfc3339()],
            )?;
            Ok(Unit {
                id,
                name,
                reply_time_sv,
                reply_time_en,
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
            let id = new_id();
            c.execute(
                "INSERT INTO clinicians (id, unit_id, display_name, email, role, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                params![id, unit_id, display_name, email, role.as_str(), now.to_rfc3339()],
            )?;
            Ok(Clinician {
                id,
                unit_id,
                display_name,
                email,
                role,
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
            let id = new_id();
            c.execute(
                "INSERT INTO patients (id, unit_id, clinician_id, name, personal_number, enrolment, created_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                params![id, p.unit_id, p.clinician_id, p.name, p.personal_number, enrolment, now.to_rfc3339()],
            )?;
            Ok(id)
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
            c.execute(
                "INSERT INTO activation_codes (code_hash, patient_id, created_at, expires_at) VALUES (?1, ?2, ?3, ?4)",
                params![code_hash, patient_id, now.to_rfc3339(), expires_at.to_rfc3339()],
            )?;
            Ok(())
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
        self.write(move |c| {
            type Code = (String, String, Option<String>, Option<String>, Option<String>);
            let row: Option<Code> = c
                .query_row(
                    "SELECT patient_id, expires_at, used_at, attempt_hash, device_id
                     FROM activation_codes WHERE code_hash = ?1",
                    [&code_hash],
                    |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)),
                )
                .optional()?;
            let Some((patient_id, expires_at, used_at, used_attempt, used_device)) = row else {
                return Ok(Err(CodeRejected::Unknown));
            };
            let expires = DateTime::parse_from_rfc3339(&expires_at)
                .map(|t| t.with_timezone(&Utc))
                .unwrap_or(now - Duration::seconds(1));
            let device_id = if used_at.is_some() {
                // The same phone again after a lost answer: the device it
                // made gets the new token, if nothing has used it yet.
                let Some(device_id) = retry_of(&attempt_hash, used_attempt, used_device)
                    .filter(|_| now < expires)
                else {
                    return Ok(Err(CodeRejected::Used));
                };
                let n = c.execute(
                    "UPDATE devices SET token_hash = ?2
                     WHERE id = ?1 AND state = 'active' AND last_seen_at IS NULL",
                    params![device_id, token_hash],
                )?;
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
                    "INSERT INTO devices (id, patient_id, token_hash, state, created_at) VALUES (?1, ?2, ?3, 'active', ?4)",
                    params![device_id, patient_id, token_hash, now.to_rfc3339()],
                )?;
                c.execute(
                    "UPDATE activation_codes SET used_at = ?2, attempt_hash = ?3, device_id = ?4
                     WHERE code_hash = ?1",
                    params![code_hash, now.to_rfc3339(), attempt_hash, device_id],
                )?;
                // Access starts at the first activation (portal enrolments).
                super::sqlite_enrol::start_at_first_activation(c, &patient_id, now)?;
                device_id
            };
            let (enrolment, unit) = c.query_row(
                "SELECT p.enrolment, u.id, u.name, u.reply_time_sv, u.reply_time_en
                 FROM patients p JOIN units u ON u.id = p.unit_id WHERE p.id = ?1",
                [&patient_id],
                |r| {
                    Ok((
                        r.get::<_, String>(0)?,
                        Unit {
                            id: r.get(1)?,
                            name: r.get(2)?,
                            reply_time_sv: r.get(3)?,
                            reply_time_en: r.get(4)?,
                        },
                    ))
                },
            )?;
            let enrolment = serde_json::from_str(&enrolment)
                .map_err(|_| StoreError::Database("unreadable enrolment".into()))?;
            Ok(Ok(Activated {
                device_id,
                patient_id,
                enrolment,
                unit,
            }))
        })
        .await
    }

    async fn device_by_token(&self, token_hash: String) -> Result<Option<DeviceAuth>, StoreError> {
        self.read(move |c| {
            Ok(c.prepare_cached(
                "SELECT d.id, d.patient_id, d.state, d.state_changed_at, p.enrolment
                 FROM devices d JOIN patients p ON p.id = d.patient_id
                 WHERE d.token_hash = ?1",
            )?
            .query_row([token_hash], |r| {
                let at: Option<String> = r.get(3)?;
                let device_id: String = r.get(0)?;
                let enrolment: String = r.get(4)?;
                Ok(DeviceAuth {
                    access_ends_at: super::planned_access_end(&enrolment, &device_id),
                    device_id,
                    patient_id: r.get(1)?,
                    state: r.get(2)?,
                    state_changed_at: at
                        .and_then(|a| DateTime::parse_from_rfc3339(&a).ok())
                        .map(|t| t.with_timezone(&Utc)),
                })
            })
            .optional()?)
        })
        .await
    }

    async fn push(
        &self,
        device: DeviceAuth,
        changes: Vec<Change>,
        now: DateTime<Utc>,
    ) -> Result<Vec<PushOutcome>, StoreError> {
        self.write(move |c| {
            let at = now.to_rfc3339();
            let mut insert = c.prepare_cached(
                "INSERT INTO changes (patient_id, change_id, source, device_id, entity, entity_id, hlc, payload, received_at)
                 VALUES (?1, ?2, 'device', ?3, ?4, ?5, ?6, ?7, ?8)
                 ON CONFLICT (patient_id, change_id) DO NOTHING",
            )?;
            let mut out = Vec::with_capacity(changes.len());
            for ch in changes {
                let n = insert.execute(params![
                    device.patient_id,
                    ch.id,
                    device.device_id,
                    ch.entity,
                    ch.entity_id,
                    ch.hlc,
                    ch.payload.to_string(),
                    at
                ])?;
                if n == 1 {
                    let effect = device_side_effect(&ch.entity, &ch.payload);
                    clinic::apply_device_side_effect(c, &device.patient_id, effect, &at)?;
                }
                out.push(if n == 1 {
                    PushOutcome::Accepted { id: ch.id }
                } else {
                    PushOutcome::Duplicate { id: ch.id }
                });
            }
            c.prepare_cached("UPDATE devices SET last_seen_at = ?2 WHERE id = ?1")?
                .execute(params![device.device_id, at])?;
            Ok(out)
        })
        .await
    }

    async fn pull(
        &self,
        device: DeviceAuth,
        after: i64,
        limit: u32,
    ) -> Result<(Vec<FeedItem>, i64, bool), StoreError> {
        self.read(move |c| {
            // One more than asked, to know whether more remain.
            let mut stmt = c.prepare_cached(
                "SELECT seq, change_id, entity, entity_id, hlc, payload, device_id, source FROM changes
                 WHERE patient_id = ?1 AND seq > ?2 ORDER BY seq LIMIT ?3",
            )?;
            let rows = stmt
                .query_map(
                    params![device.patient_id, after, i64::from(limit) + 1],
                    |r| {
                        Ok((
                            r.get::<_, i64>(0)?,
                            r.get::<_, String>(1)?,
                            r.get::<_, String>(2)?,
                            r.get::<_, String>(3)?,
                            r.get::<_, String>(4)?,
                            r.get::<_, String>(5)?,
                            r.get::<_, Option<String>>(6)?,
                            r.get::<_, String>(7)?,
                        ))
                    },
                )?
                .collect::<rusqlite::Result<Vec<_>>>()?;
            let more = rows.len() > limit as usize;
            let mut cursor = after;
            let mut items = Vec::new();
            for (seq, id, entity, entity_id, hlc, payload, device_id, source) in
                rows.into_iter().take(limit as usize)
            {
                cursor = seq;
                if device_id.as_deref() == Some(device.device_id.as_str()) {
                    continue;
                }
                items.push(FeedItem {
                    seq,
                    change: Change {
                        id,
                        entity,
                        entity_id,
                        hlc,
                        payload: serde_json::from_str(&payload).unwrap_or_default(),
                    },
                    source,
                    device_id,
                });
            }
            Ok((items, cursor, more))
        })
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
            let n = c.execute(
                "UPDATE devices SET state = ?3, state_changed_at = ?4
                 WHERE patient_id = ?1 AND (?2 IS NULL OR id = ?2) AND state != 'revoked'",
                params![patient_id, device_id, state.as_str(), now.to_rfc3339()],
            )?;
            Ok(n)
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
            c.execute(
                "INSERT INTO staff_tokens (token_hash, clinician_id, created_at, expires_at) VALUES (?1, ?2, ?3, ?4)",
                params![token_hash, clinician_id, now.to_rfc3339(), expires_at.to_rfc3339()],
            )?;
            Ok(())
        })
        .await
    }

    async fn staff_by_token(
        &self,
        token_hash: String,
        now: DateTime<Utc>,
    ) -> Result<Option<Clinician>, StoreError> {
        self.read(move |c| clinic::staff_by_token(c, &token_hash, now))
            .await
    }

    async fn patient(&self, patient_id: String) -> Result<Option<PatientRecord>, StoreError> {
        self.read(move |c| clinic::patient(c, &patient_id)).await
    }

    async fn clinic_write(
        &self,
        patient_id: String,
        clinician_id: String,
        item: ClinicItem,
        now: DateTime<Utc>,
    ) -> Result<i64, StoreError> {
        self.write(move |c| clinic::clinic_write(c, &patient_id, &clinician_id, item, now))
            .await
    }

    async fn log_access(
        &self,
        clinician_id: String,
        patient_id: String,
        action: &'static str,
        now: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        self.write(move |c| clinic::log_access(c, &clinician_id, &patient_id, action, now))
            .await
    }

    async fn access_log(
        &self,
        patient_id: String,
    ) -> Result<Vec<(String, String, String)>, StoreError> {
        self.read(move |c| clinic::access_log(c, &patient_id)).await
    }

    async fn messages(&self, patient_id: String) -> Result<Vec<Message>, StoreError> {
        self.read(move |c| clinic::messages(c, &patient_id)).await
    }

    async fn answers(&self, patient_id: String) -> Result<Vec<AnswerRecord>, StoreError> {
        self.read(move |c| clinic::answers(c, &patient_id)).await
    }

    async fn practice_sessions(
        &self,
        patient_id: String,
    ) -> Result<Vec<painschool_core::practice::PracticeSession>, StoreError> {
        self.read(move |c| clinic::practice_sessions(c, &patient_id))
            .await
    }

    async fn preferences(
        &self,
        patient_id: String,
    ) -> Result<std::collections::BTreeMap<String, String>, StoreError> {
        self.read(move |c| clinic::preferences(c, &patient_id))
            .await
    }

    async fn devices(&self, patient_id: String) -> Result<Vec<DeviceRecord>, StoreError> {
        self.read(move |c| clinic::devices(c, &patient_id)).await
    }

    fn commits(&self) -> u64 {
        self.commits.load(Ordering::Relaxed)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A database made before 0004 keeps its feed, and new changes continue
    /// its sequence (the cursor phones hold stays valid).
    #[tokio::test]
    async fn the_clinic_migration_keeps_the_feed_and_its_sequence() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("old.db");
        {
            let mut c = Connection::open(&path).unwrap();
            c.execute_batch(
                "CREATE TABLE schema_migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)",
            )
            .unwrap();
            let tx = c.transaction().unwrap();
            for (name, sql) in &MIGRATIONS[..3] {
                tx.execute_batch(sql).unwrap();
                tx.execute("INSERT INTO schema_migrations VALUES (?1, 'then')", [name])
                    .unwrap();
            }
            tx.execute_batch(
                "INSERT INTO units VALUES ('u', 'U', 'sv', 'en', 'then');
                 INSERT INTO patients VALUES ('p', 'u', NULL, 'N', NULL, '{}', 'then');
                 INSERT INTO devices VALUES ('d', 'p', 'h', 'active', 'then', NULL, NULL);
                 INSERT INTO changes (seq, patient_id, change_id, device_id, entity, entity_id, hlc, payload, received_at)
                   VALUES (41, 'p', 'c41', 'd', 'progress', 'x', 'h', '{}', 'then');
                 DELETE FROM changes;
                 INSERT INTO changes (patient_id, change_id, device_id, entity, entity_id, hlc, payload, received_at)
                   VALUES ('p', 'c42', 'd', 'progress', 'y', 'h', '{}', 'then');",
            )
            .unwrap();
            tx.commit().unwrap();
        }
        let store = SqliteStore::open(&path).unwrap();
        let (seq, source): (i64, String) = store
            .read(|c| {
                Ok(c.query_row("SELECT seq, source FROM changes", [], |r| {
                    Ok((r.get(0)?, r.get(1)?))
                })?)
            })
            .await
            .unwrap();
        assert_eq!((seq, source.as_str()), (42, "device"));
        let next = store
            .write(|c| {
                c.execute(
                    "INSERT INTO changes (patient_id, change_id, source, device_id, entity, entity_id, hlc, payload, received_at)
                     VALUES ('p', 'c43', 'device', 'd', 'progress', 'z', 'h', '{}', 'now')",
                    [],
                )?;
                Ok(c.last_insert_rowid())
            })
            .await
            .unwrap();
        assert_eq!(next, 43, "AUTOINCREMENT never reuses a deleted seq");
    }

    /// Writes that wait together share one commit, each in its own
    /// savepoint: a failing one is rolled back alone.
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn waiting_writes_share_one_commit_and_fail_alone() {
        let dir = tempfile::tempdir().unwrap();
        let store = Arc::new(SqliteStore::open(&dir.path().join("s.db")).unwrap());
        // Hold the writer inside a write until 50 writes are queued behind it.
        let (release_tx, release_rx) = std::sync::mpsc::channel::<()>();
        let (running_tx, running_rx) = tokio::sync::oneshot::channel::<()>();
        let blocker = {
            let store = store.clone();
            tokio::spawn(async move {
                store
                    .write(move |_| {
                        let _ = running_tx.send(());
                        release_rx.recv().ok();
                        Ok(())
                    })
                    .await
            })
        };
        running_rx.await.unwrap();
        let before = store.commits();
        let mut writes = Vec::new();
        for i in 0..50 {
            let store = store.clone();
            writes.push(tokio::spawn(async move {
                store
                    .write(move |c| {
                        if i == 7 {
                            c.execute("INSERT INTO units (id) VALUES ('broken')", [])?;
                        }
                        c.execute(
                            "INSERT INTO units (id, name, reply_time_sv, reply_time_en, created_at)
                             VALUES (?1, 'u', 'sv', 'en', 'now')",
                            [format!("unit-{i}")],
                        )?;
                        Ok(())
                    })
                    .await
            }));
        }
        while store.queued.load(Ordering::SeqCst) < 50 {
            tokio::task::yield_now().await;
        }
        release_tx.send(()).unwrap();
        blocker.await.unwrap().unwrap();
        let mut failed = 0;
        for w in writes {
            if w.await.unwrap().is_err() {
                failed += 1;
            }
        }
        assert_eq!(failed, 1, "only the broken write fails");
        assert_eq!(
            store.commits() - before,
            2,
            "the blocking write's commit, then one for all 50 queued writes"
        );
        let n: i64 = store
            .read(|c| Ok(c.query_row("SELECT count(*) FROM units", [], |r| r.get(0))?))
            .await
            .unwrap();
        assert_eq!(n, 49);
    }
}
