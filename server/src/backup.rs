//! Backup and restore of the embedded SQLite database.
//!
//! `backup` copies a live database with SQLite's online backup API in one
//! step, under one read snapshot: the server keeps writing (WAL readers do
//! not block the writer) and the copy is the database as of one commit. The
//! copy is written beside the target, checked (`PRAGMA integrity_check`)
//! and renamed into place, so a half-written backup never carries the
//! target's name.
//!
//! `restore` puts a checked backup in place of the database file. The
//! server must be stopped. PostgreSQL is backed up with its own tools
//! (`pg_dump`; see server/README.md).

use std::path::{Path, PathBuf};

use rusqlite::{Connection, OpenFlags};

/// A backup or restore that did not happen; nothing was replaced.
#[derive(Debug, thiserror::Error)]
pub enum BackupError {
    /// The database URL is not an SQLite one.
    #[error(
        "backup and restore here are for sqlite:// databases; for PostgreSQL use pg_dump and pg_restore (server/README.md)"
    )]
    NotSqlite,
    /// The source could not be read or the copy written.
    #[error("{0}")]
    Io(String),
    /// The file is not a healthy database of this server.
    #[error("{0} is not a usable painschool-server database: {1}")]
    Unusable(PathBuf, String),
}

impl From<rusqlite::Error> for BackupError {
    fn from(e: rusqlite::Error) -> Self {
        BackupError::Io(e.to_string())
    }
}

/// The file behind a `sqlite://` URL.
pub fn sqlite_path(database_url: &str) -> Result<PathBuf, BackupError> {
    database_url
        .strip_prefix("sqlite://")
        .map(PathBuf::from)
        .ok_or(BackupError::NotSqlite)
}

fn sibling(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(suffix);
    path.with_file_name(name)
}

/// Checks that `path` is a healthy database with this server's migrations;
/// returns how many migrations it has.
pub fn check(path: &Path) -> Result<usize, BackupError> {
    let unusable = |why: String| BackupError::Unusable(path.to_path_buf(), why);
    if !path.is_file() {
        return Err(unusable("no such file".into()));
    }
    let c = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY)
        .map_err(|e| unusable(e.to_string()))?;
    let ok: String = c
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .map_err(|e| unusable(e.to_string()))?;
    if ok != "ok" {
        return Err(unusable(format!("integrity check: {ok}")));
    }
    let n: i64 = c
        .query_row("SELECT count(*) FROM schema_migrations", [], |r| r.get(0))
        .map_err(|_| unusable("it has no schema_migrations table".into()))?;
    Ok(usize::try_from(n).unwrap_or(0))
}

/// Copies the live database at `db` to `to`, consistently, while the server
/// runs. Returns the size of the copy in bytes.
pub fn backup(db: &Path, to: &Path) -> Result<u64, BackupError> {
    let src = Connection::open_with_flags(db, OpenFlags::SQLITE_OPEN_READ_ONLY)
        .map_err(|e| BackupError::Io(format!("cannot open {}: {e}", db.display())))?;
    let tmp = sibling(to, ".partial");
    let _ = std::fs::remove_file(&tmp);
    {
        let mut dst = Connection::open(&tmp)
            .map_err(|e| BackupError::Io(format!("cannot write {}: {e}", tmp.display())))?;
        let b = rusqlite::backup::Backup::new(&src, &mut dst)?;
        // All pages in one step: one read snapshot, never restarted by the
        // server's writes.
        b.step(-1)?;
    }
    let checked = check(&tmp);
    if let Err(e) = checked {
        let _ = std::fs::remove_file(&tmp);
        return Err(e);
    }
    std::fs::rename(&tmp, to)
        .map_err(|e| BackupError::Io(format!("cannot move the copy to {}: {e}", to.display())))?;
    Ok(std::fs::metadata(to).map(|m| m.len()).unwrap_or(0))
}

/// Replaces the database at `db` with the checked backup `from`. The
/// server must be stopped. The replaced file is kept beside it as
/// `*.before-restore`.
pub fn restore(from: &Path, db: &Path) -> Result<(), BackupError> {
    check(from)?;
    let tmp = sibling(db, ".restoring");
    std::fs::copy(from, &tmp)
        .map_err(|e| BackupError::Io(format!("cannot copy {}: {e}", from.display())))?;
    if db.exists() {
        // Fold the old file's WAL into it, then keep it aside.
        if let Ok(c) = Connection::open(db) {
            let _ = c.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()));
        }
        std::fs::rename(db, sibling(db, ".before-restore"))
            .map_err(|e| BackupError::Io(format!("cannot move {} aside: {e}", db.display())))?;
    }
    for stale in ["-wal", "-shm"] {
        let _ = std::fs::remove_file(sibling(db, stale));
    }
    std::fs::rename(&tmp, db)
        .map_err(|e| BackupError::Io(format!("cannot put the backup in place: {e}")))?;
    Ok(())
}
