//! The database schema: the current version's create SQL, each earlier
//! version's, and the upgrade steps between them. A test proves that every
//! upgrade path ends equal to a fresh schema.

use rusqlite::{Connection, Transaction};

/// The schema version this code writes.
pub const VERSION: u32 = 2;

/// Version 1: the first schema. Kept to make test fixtures and to document
/// what upgrades start from; never used to create new databases.
pub const V1_SQL: &str = "
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE enrolment (id INTEGER PRIMARY KEY CHECK (id = 1), data TEXT NOT NULL, updated_at TEXT NOT NULL);
CREATE TABLE progress (
    kind TEXT NOT NULL,
    item_id TEXT NOT NULL,
    module_id TEXT NOT NULL,
    at TEXT NOT NULL,
    PRIMARY KEY (kind, item_id)
) WITHOUT ROWID;
CREATE TABLE answer_versions (
    id TEXT PRIMARY KEY,
    question_id TEXT NOT NULL,
    entry_id TEXT NOT NULL,
    module_id TEXT NOT NULL,
    value TEXT NOT NULL,
    hlc TEXT NOT NULL,
    submitted_at TEXT NOT NULL,
    device_id TEXT NOT NULL
);
CREATE INDEX answer_versions_by_question ON answer_versions (question_id, entry_id, hlc);
CREATE TABLE answer_heads (
    question_id TEXT NOT NULL,
    entry_id TEXT NOT NULL,
    module_id TEXT NOT NULL,
    version_id TEXT NOT NULL REFERENCES answer_versions (id),
    hlc TEXT NOT NULL,
    PRIMARY KEY (question_id, entry_id)
) WITHOUT ROWID;
CREATE INDEX answer_heads_by_module ON answer_heads (module_id);
CREATE TABLE drafts (
    question_id TEXT NOT NULL,
    entry_id TEXT NOT NULL,
    value TEXT NOT NULL,
    saved_at TEXT NOT NULL,
    PRIMARY KEY (question_id, entry_id)
) WITHOUT ROWID;
CREATE TABLE outbox (
    id TEXT PRIMARY KEY,
    seq INTEGER NOT NULL UNIQUE,
    entity TEXT NOT NULL,
    entity_id TEXT NOT NULL,
    change_counter INTEGER NOT NULL,
    hlc TEXT NOT NULL,
    payload TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX outbox_by_entity ON outbox (entity, entity_id);
";

/// What version 2 adds: patient preferences as their own synced table
/// (version 1 kept only the language, in `meta`).
const V2_ADDITIONS: &str = "
CREATE TABLE preferences (key TEXT PRIMARY KEY, value TEXT NOT NULL, hlc TEXT NOT NULL) WITHOUT ROWID;
";

/// The current schema, written out whole. It is deliberately not built from
/// the upgrade steps: the upgrade test compares the two paths, so a step that
/// forgets a column or an index shows up there.
const CURRENT_SQL: &str = "
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE enrolment (id INTEGER PRIMARY KEY CHECK (id = 1), data TEXT NOT NULL, updated_at TEXT NOT NULL);
CREATE TABLE progress (
    kind TEXT NOT NULL,
    item_id TEXT NOT NULL,
    module_id TEXT NOT NULL,
    at TEXT NOT NULL,
    PRIMARY KEY (kind, item_id)
) WITHOUT ROWID;
CREATE TABLE answer_versions (
    id TEXT PRIMARY KEY,
    question_id TEXT NOT NULL,
    entry_id TEXT NOT NULL,
    module_id TEXT NOT NULL,
    value TEXT NOT NULL,
    hlc TEXT NOT NULL,
    submitted_at TEXT NOT NULL,
    device_id TEXT NOT NULL
);
CREATE INDEX answer_versions_by_question ON answer_versions (question_id, entry_id, hlc);
CREATE TABLE answer_heads (
    question_id TEXT NOT NULL,
    entry_id TEXT NOT NULL,
    module_id TEXT NOT NULL,
    version_id TEXT NOT NULL REFERENCES answer_versions (id),
    hlc TEXT NOT NULL,
    PRIMARY KEY (question_id, entry_id)
) WITHOUT ROWID;
CREATE INDEX answer_heads_by_module ON answer_heads (module_id);
CREATE TABLE drafts (
    question_id TEXT NOT NULL,
    entry_id TEXT NOT NULL,
    value TEXT NOT NULL,
    saved_at TEXT NOT NULL,
    PRIMARY KEY (question_id, entry_id)
) WITHOUT ROWID;
CREATE TABLE outbox (
    id TEXT PRIMARY KEY,
    seq INTEGER NOT NULL UNIQUE,
    entity TEXT NOT NULL,
    entity_id TEXT NOT NULL,
    change_counter INTEGER NOT NULL,
    hlc TEXT NOT NULL,
    payload TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX outbox_by_entity ON outbox (entity, entity_id);
CREATE TABLE preferences (key TEXT PRIMARY KEY, value TEXT NOT NULL, hlc TEXT NOT NULL) WITHOUT ROWID;
";

/// Creates the current schema in an empty database.
pub fn create(tx: &Transaction<'_>) -> rusqlite::Result<()> {
    tx.execute_batch(CURRENT_SQL)?;
    set_version(tx, VERSION)
}

/// Upgrades from `from` to the current version, one step at a time.
pub fn upgrade_from(tx: &Transaction<'_>, from: u32) -> rusqlite::Result<()> {
    for version in from..VERSION {
        match version {
            1 => {
                tx.execute_batch(V2_ADDITIONS)?;
                // The language moves from meta into preferences, stamped as
                // old as possible so any synced edit wins over it.
                tx.execute(
                    "INSERT INTO preferences (key, value, hlc)
                     SELECT 'language', value, '000000000000000-000000-migrated' FROM meta WHERE key = 'language'",
                    [],
                )?;
                tx.execute("DELETE FROM meta WHERE key = 'language'", [])?;
            }
            _ => unreachable!("no upgrade step from version {version}"),
        }
    }
    set_version(tx, VERSION)
}

/// The schema version stored in the database (0 when empty).
pub fn stored_version(conn: &Connection) -> rusqlite::Result<u32> {
    conn.query_row("PRAGMA user_version", [], |r| r.get(0))
}

fn set_version(tx: &Transaction<'_>, v: u32) -> rusqlite::Result<()> {
    tx.execute_batch(&format!("PRAGMA user_version = {v}"))
}

/// A canonical text description of the schema (tables, columns, indexes),
/// independent of how it was reached: two databases with the same
/// description have the same schema.
pub fn describe(conn: &Connection) -> rusqlite::Result<String> {
    let mut out = String::new();
    let mut stmt = conn.prepare(
        "SELECT type, name, tbl_name FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name",
    )?;
    let objects: Vec<(String, String, String)> = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<rusqlite::Result<_>>()?;
    for (ty, name, table) in objects {
        out.push_str(&format!("{ty} {name} on {table}\n"));
        let pragma = if ty == "table" {
            "table_xinfo"
        } else {
            "index_xinfo"
        };
        let mut cols = conn.prepare(&format!("PRAGMA {pragma}(\"{name}\")"))?;
        let n = cols.column_count();
        let rows = cols.query_map([], |r| {
            (0..n)
                .map(|i| {
                    r.get::<_, rusqlite::types::Value>(i)
                        .map(|v| format!("{v:?}"))
                })
                .collect::<rusqlite::Result<Vec<_>>>()
        })?;
        for row in rows {
            out.push_str(&format!("  {}\n", row?.join(" | ")));
        }
    }
    Ok(out)
}
