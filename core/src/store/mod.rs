//! The patient's encrypted database: opening it with the right key, the
//! corruption policy, and one writer connection. The tables' own code lives
//! in one file per concern beside this one.

mod activity;
mod answers;
mod clinic;
mod listening;
mod messages;
mod meta;
mod outbox;
mod progress;
mod remote;
pub mod schema;
mod sync_account;

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use chrono::Utc;
use rusqlite::{Connection, OpenFlags, Transaction, TransactionBehavior};
use serde::Serialize;
use zeroize::Zeroizing;

use crate::error::{Error, Result};
use crate::keys::{DatabaseKey, KeyProvider};

pub use activity::ModuleActivity;
pub use answers::{StoredVersion, SubmitRecord, Submitted};
pub use messages::IncomingMessage;
pub use outbox::OutboxChange;
pub use progress::ProgressKind;
pub use remote::{RemoteChange, RemoteItem, RemotePage};
pub use sync_account::{Activation, SyncAccount};

/// The database file's name in the data directory.
pub const DB_FILE: &str = "patient.db";
const KEYCHECK_SUFFIX: &str = ".keycheck";
const SUSPECT_SUFFIX: &str = ".suspect";

/// The settings read back from a connection, for tests and diagnostics.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ConnectionSettings {
    /// `PRAGMA journal_mode`.
    pub journal_mode: String,
    /// `PRAGMA synchronous` (2 = FULL).
    pub synchronous: i64,
    /// `PRAGMA temp_store` (2 = MEMORY).
    pub temp_store: i64,
    /// `PRAGMA foreign_keys`.
    pub foreign_keys: bool,
    /// The SQLCipher version, proving the file is encrypted by it.
    pub cipher_version: String,
}

/// The open database. One writer: the facade holds it behind a mutex.
pub struct Store {
    conn: Connection,
    path: PathBuf,
    /// This device's clock (the last stamp handed out).
    clock: meta::LocalClock,
    /// The high-water mark and last server time, as stored.
    marks: meta::ClockMarks,
    /// The enrolment, as stored.
    enrolment: Option<crate::course::Enrolment>,
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store").field("path", &self.path).finish()
    }
}

fn sibling(path: &Path, suffix: &str) -> PathBuf {
    let mut s = path.as_os_str().to_owned();
    s.push(suffix);
    PathBuf::from(s)
}

impl Store {
    /// Opens (or creates) the database in `dir` with the key from `keys`.
    ///
    /// - A database exists but no key can be had: [`Error::KeyUnavailable`];
    ///   nothing is created over it.
    /// - The key does not open it: [`Error::WrongKey`]; nothing is changed.
    /// - The key is right but the file is damaged: it is moved aside (never
    ///   deleted) and [`Error::DatabaseCorrupt`] names where; the next open
    ///   starts a fresh database that sync restores from the clinic.
    pub fn open(dir: &Path, keys: &dyn KeyProvider) -> Result<Store> {
        fs::create_dir_all(dir)?;
        let path = dir.join(DB_FILE);
        let exists = path.exists();
        let key = match keys.get() {
            Err(e) => return Err(Error::KeyUnavailable(e.0)),
            Ok(Some(key)) => key,
            Ok(None) if exists => {
                return Err(Error::KeyUnavailable(
                    "no key stored for the existing database".into(),
                ));
            }
            Ok(None) => {
                let key = DatabaseKey::generate().map_err(|e| Error::KeyUnavailable(e.0))?;
                keys.store(&key).map_err(|e| Error::KeyUnavailable(e.0))?;
                key
            }
        };
        match Self::open_with_key(&path, &key) {
            Ok(store) => {
                write_keycheck(&path, &key)?;
                let _ = fs::remove_file(sibling(&path, SUSPECT_SUFFIX));
                tracing::debug!(version = schema::VERSION, "patient database open");
                Ok(store)
            }
            Err(Error::DatabaseCorrupt { .. }) | Err(Error::WrongKey) if exists => {
                if keycheck_matches(&path, &key) {
                    let moved_to = move_aside(&path)?;
                    tracing::warn!(moved_to = %moved_to.display(), "damaged patient database moved aside");
                    Err(Error::DatabaseCorrupt {
                        moved_to: Some(moved_to),
                    })
                } else {
                    Err(Error::WrongKey)
                }
            }
            Err(e) => Err(e),
        }
    }

    fn open_with_key(path: &Path, key: &DatabaseKey) -> Result<Store> {
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE
            | OpenFlags::SQLITE_OPEN_CREATE
            | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let mut conn = Connection::open_with_flags(path, flags)?;
        let pragma = Zeroizing::new(format!(
            "PRAGMA key = \"x'{}'\";",
            hex::encode(key.as_bytes())
        ));
        conn.execute_batch(&pragma)?;
        // The first read decrypts page 1: a wrong key or a damaged header fails here.
        if let Err(e) = conn.query_row("SELECT count(*) FROM sqlite_master", [], |r| {
            r.get::<_, i64>(0)
        }) {
            return Err(match Error::from(e) {
                Error::DatabaseCorrupt { .. } => Error::WrongKey,
                other => other,
            });
        }
        apply_pragmas(&conn)?;
        if looks_truncated(&conn, path)? || (path_suspect(path) && !integrity_ok(&conn)?) {
            return Err(Error::DatabaseCorrupt { moved_to: None });
        }
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        match schema::stored_version(&tx)? {
            0 => {
                schema::create(&tx)?;
                meta::init(&tx)?;
            }
            v if v < schema::VERSION => schema::upgrade_from(&tx, v)?,
            v if v == schema::VERSION => {}
            found => {
                return Err(Error::DatabaseTooNew {
                    found,
                    supported: schema::VERSION,
                });
            }
        }
        tx.commit()?;
        Ok(Store {
            clock: meta::LocalClock::load(&conn)?,
            marks: meta::load_marks(&conn)?,
            enrolment: meta::load_enrolment(&conn)?,
            conn,
            path: path.to_path_buf(),
        })
    }

    /// Runs `f` on the connection for reading.
    pub fn read<T>(&self, f: impl FnOnce(&Connection) -> Result<T>) -> Result<T> {
        self.mark_if_corrupt(f(&self.conn))
    }

    /// Runs `f` in one immediate write transaction, committed only if `f`
    /// succeeds: a failed call (a full disk, say) leaves nothing half-written.
    pub fn write<T>(&mut self, f: impl FnOnce(&Transaction<'_>) -> Result<T>) -> Result<T> {
        let result = (|| {
            let tx = self
                .conn
                .transaction_with_behavior(TransactionBehavior::Immediate)?;
            let value = f(&tx)?;
            tx.commit()?;
            Ok(value)
        })();
        self.mark_if_corrupt(result)
    }

    /// A damaged page met while running: remember it, so that the next open
    /// checks the whole file and moves it aside if needed.
    fn mark_if_corrupt<T>(&self, r: Result<T>) -> Result<T> {
        if let Err(Error::DatabaseCorrupt { .. }) = &r {
            let _ = fs::write(sibling(&self.path, SUSPECT_SUFFIX), b"");
        }
        r
    }

    /// The settings of every connection this store holds (one: the writer).
    pub fn connection_settings(&self) -> Result<Vec<ConnectionSettings>> {
        let c = &self.conn;
        let settings = ConnectionSettings {
            journal_mode: c.query_row("PRAGMA journal_mode", [], |r| r.get(0))?,
            synchronous: c.query_row("PRAGMA synchronous", [], |r| r.get(0))?,
            temp_store: c.query_row("PRAGMA temp_store", [], |r| r.get(0))?,
            foreign_keys: c.query_row("PRAGMA foreign_keys", [], |r| r.get(0))?,
            cipher_version: c.query_row("PRAGMA cipher_version", [], |r| r.get(0))?,
        };
        Ok(vec![settings])
    }

    /// Sets SQLite's page limit: tests use it to simulate a full disk.
    #[doc(hidden)]
    pub fn set_max_page_count(&self, pages: u64) -> Result<i64> {
        Ok(self
            .conn
            .query_row(&format!("PRAGMA max_page_count = {pages}"), [], |r| {
                r.get(0)
            })?)
    }

    /// The database file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Wipes the patient's data: deletes every row, closes the file and
    /// removes it with its companions (write-ahead log, shared memory, key
    /// check). The store then holds a fresh, empty database in memory. The
    /// caller deletes the key.
    pub fn wipe(&mut self) -> Result<()> {
        self.write(|tx| {
            let tables: Vec<String> = tx
                .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")?
                .query_map([], |r| r.get(0))?
                .collect::<rusqlite::Result<_>>()?;
            for table in tables {
                tx.execute(&format!("DELETE FROM \"{table}\""), [])?;
            }
            Ok(())
        })?;
        let mut fresh = Connection::open_in_memory()?;
        let tx = fresh.transaction()?;
        schema::create(&tx)?;
        meta::init(&tx)?;
        tx.commit()?;
        let old = std::mem::replace(&mut self.conn, fresh);
        old.close().map_err(|(_, e)| Error::from(e))?;
        for suffix in ["", "-wal", "-shm", KEYCHECK_SUFFIX, SUSPECT_SUFFIX] {
            match fs::remove_file(sibling(&self.path, suffix)) {
                Err(e) if e.kind() != std::io::ErrorKind::NotFound => return Err(e.into()),
                _ => {}
            }
        }
        self.clock = meta::LocalClock::load(&self.conn)?;
        self.marks = (None, None);
        self.enrolment = None;
        Ok(())
    }
}

/// The pragmas every connection gets, in one place.
fn apply_pragmas(conn: &Connection) -> Result<()> {
    let mode: String = conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))?;
    if !mode.eq_ignore_ascii_case("wal") {
        return Err(Error::Storage(format!("journal mode is {mode}, not WAL")));
    }
    conn.execute_batch(
        "PRAGMA synchronous = FULL; PRAGMA temp_store = MEMORY; PRAGMA foreign_keys = ON;",
    )?;
    Ok(())
}

/// A cheap check at every open: a file shorter than its own page count says,
/// or not a whole number of pages, has lost data.
fn looks_truncated(conn: &Connection, path: &Path) -> Result<bool> {
    let file_len = fs::metadata(path)?.len();
    let wal_len = fs::metadata(sibling(path, "-wal"))
        .map(|m| m.len())
        .unwrap_or(0);
    let page_size = pragma_int(conn, "page_size")?;
    let page_count = pragma_int(conn, "page_count")?;
    let (page_size, page_count) = (page_size.max(1) as u64, page_count.max(0) as u64);
    Ok(file_len % page_size != 0 || (wal_len == 0 && page_count * page_size > file_len))
}

/// Reads an integer pragma; SQLCipher answers some of them as text.
fn pragma_int(conn: &Connection, name: &str) -> Result<i64> {
    use rusqlite::types::Value;
    let v: Value = conn.query_row(&format!("PRAGMA {name}"), [], |r| r.get(0))?;
    match v {
        Value::Integer(i) => Ok(i),
        Value::Text(t) => t
            .trim()
            .parse()
            .map_err(|_| Error::Storage(format!("PRAGMA {name} is not a number"))),
        _ => Err(Error::Storage(format!("PRAGMA {name} is not a number"))),
    }
}

fn path_suspect(path: &Path) -> bool {
    sibling(path, SUSPECT_SUFFIX).exists()
}

fn integrity_ok(conn: &Connection) -> Result<bool> {
    let result: String = conn.query_row("PRAGMA integrity_check(1)", [], |r| r.get(0))?;
    Ok(result == "ok")
}

fn keycheck_matches(path: &Path, key: &DatabaseKey) -> bool {
    fs::read_to_string(sibling(path, KEYCHECK_SUFFIX)).is_ok_and(|s| s.trim() == key.check_value())
}

/// Writes the key check value atomically (temp file, fsync, rename).
fn write_keycheck(path: &Path, key: &DatabaseKey) -> Result<()> {
    if keycheck_matches(path, key) {
        return Ok(());
    }
    let target = sibling(path, KEYCHECK_SUFFIX);
    let tmp = sibling(path, ".keycheck.tmp");
    let mut f = fs::File::create(&tmp)?;
    f.write_all(key.check_value().as_bytes())?;
    f.sync_all()?;
    fs::rename(&tmp, &target)?;
    sync_dir(path)
}

fn sync_dir(path: &Path) -> Result<()> {
    if let Some(dir) = path.parent() {
        fs::File::open(dir)?.sync_all()?;
    }
    Ok(())
}

/// Renames the database and its WAL files to `patient.db.corrupt-<UTC time>`.
fn move_aside(path: &Path) -> Result<PathBuf> {
    let stamp = Utc::now().format("%Y%m%dT%H%M%S%.3fZ");
    let target = sibling(path, &format!(".corrupt-{stamp}"));
    for suffix in ["-wal", "-shm", "-journal"] {
        let from = sibling(path, suffix);
        if from.exists() {
            fs::rename(&from, sibling(&target, suffix))?;
        }
    }
    fs::rename(path, &target)?;
    sync_dir(path)?;
    Ok(target)
}
