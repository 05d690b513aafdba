//! The database schema: the current version's create SQL, each earlier
//! version's, and the upgrade steps between them. A test proves that every
//! upgrade path ends equal to a fresh schema.

use rusqlite::{Connection, Transaction};

/// The schema version this code writes.
pub const VERSION: u32 = 6;

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

/// What version 3 changes, for a cheaper submit (one answer is one version
/// row, its index entry and one outbox row; see `docs/benchmarks.md`):
/// - `answer_heads` goes: the current version of an answer is the one with
///   the highest clock stamp, found through the `(question, entry, hlc)`
///   index, so a version from another device needs no second table kept in
///   step.
/// - `answer_versions` is a `WITHOUT ROWID` table keyed by `(question_id,
///   entry_id, hlc)`: the history of an answer is one range of the key, and
///   a new version is one b-tree insert instead of a row plus two index
///   entries. The version id stays as a column for sync. Rows hold whole
///   answers, larger than SQLite's advice for such tables (about a twentieth
///   of a page); a long answer spills into overflow pages, which costs a
///   little space, never correctness.
/// - `outbox` is keyed by `seq` (its rowid). Only coalescing changes (the
///   latest value of a preference) are indexed, in a partial index; a rewrite
///   replaces the pending row with a new id and a raised change counter.
/// - The last clock stamp is no longer written on every change: the newest
///   outbox row holds it, and `meta.last_hlc` is written when rows leave the
///   outbox.
const V3_STEP: &str = "
CREATE TABLE answer_versions_v3 (
    id TEXT NOT NULL,
    question_id TEXT NOT NULL,
    entry_id TEXT NOT NULL,
    module_id TEXT NOT NULL,
    value TEXT NOT NULL,
    hlc TEXT NOT NULL,
    submitted_at TEXT NOT NULL,
    device_id TEXT NOT NULL,
    PRIMARY KEY (question_id, entry_id, hlc)
) WITHOUT ROWID;
INSERT INTO answer_versions_v3 (id, question_id, entry_id, module_id, value, hlc, submitted_at, device_id)
    SELECT id, question_id, entry_id, module_id, value, hlc, submitted_at, device_id FROM answer_versions;
DROP TABLE answer_heads;
DROP TABLE answer_versions;
ALTER TABLE answer_versions_v3 RENAME TO answer_versions;
CREATE TABLE outbox_v3 (
    seq INTEGER PRIMARY KEY,
    id TEXT NOT NULL,
    entity TEXT NOT NULL,
    entity_id TEXT NOT NULL,
    coalescing INTEGER NOT NULL,
    change_counter INTEGER NOT NULL,
    hlc TEXT NOT NULL,
    payload TEXT NOT NULL,
    created_at TEXT NOT NULL
);
INSERT INTO outbox_v3 (seq, id, entity, entity_id, coalescing, change_counter, hlc, payload, created_at)
    SELECT seq, id, entity, entity_id, entity = 'preference', change_counter, hlc, payload, created_at FROM outbox;
DROP TABLE outbox;
ALTER TABLE outbox_v3 RENAME TO outbox;
CREATE UNIQUE INDEX outbox_coalescing ON outbox (entity, entity_id) WHERE coalescing;
";

/// What version 4 adds, for sync and messaging (`docs/sync-protocol.md`):
/// - `messages`: both threads ("my clinician", "team mailbox"), the
///   patient's messages (queued → sent → read by the clinic, or failed when
///   the server refused one) and the clinic's replies (sent → read by the
///   patient).
/// - `visits`: booked visits, as the clinic last sent them.
/// - `answer_reviews`: the clinic's "answer reviewed" marks.
/// - `sync_account`: the server, the device token and device id from
///   activation (kept here, inside the encrypted file), the pull cursor and
///   the last successful sync.
/// - `unit`: the clinic unit's name and stated reply times.
const V4_ADDITIONS: &str = "
CREATE TABLE messages (
    id TEXT PRIMARY KEY,
    thread TEXT NOT NULL CHECK (thread IN ('clinician', 'team')),
    author TEXT NOT NULL CHECK (author IN ('patient', 'clinic')),
    author_name TEXT,
    text TEXT NOT NULL,
    written_at TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('queued', 'sent', 'read', 'failed')),
    read_at TEXT,
    hlc TEXT NOT NULL
);
CREATE INDEX messages_by_thread ON messages (thread, written_at);
CREATE TABLE visits (
    id TEXT PRIMARY KEY,
    starts_at TEXT NOT NULL,
    minutes INTEGER NOT NULL,
    kind TEXT NOT NULL,
    cancelled INTEGER NOT NULL,
    hlc TEXT NOT NULL
) WITHOUT ROWID;
CREATE TABLE answer_reviews (
    version_id TEXT PRIMARY KEY,
    question_id TEXT NOT NULL,
    reviewed_at TEXT NOT NULL
) WITHOUT ROWID;
CREATE TABLE sync_account (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    server_url TEXT NOT NULL,
    device_token TEXT NOT NULL,
    device_id TEXT NOT NULL,
    activated_at TEXT NOT NULL,
    cursor INTEGER NOT NULL,
    last_success_at TEXT
);
CREATE TABLE unit (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    name TEXT NOT NULL,
    reply_time_sv TEXT NOT NULL,
    reply_time_en TEXT NOT NULL
);
";

/// What version 5 adds, for the mindfulness player (issue 7):
/// - `audio_positions`: where the patient was in each recording (per
///   section and language), the later writer winning across devices.
/// - `practice_sessions`: the practice log, one row per session, updated
///   as the session grows; from every device of the patient.
const V5_ADDITIONS: &str = "
CREATE TABLE audio_positions (
    track TEXT PRIMARY KEY,
    position_ms INTEGER NOT NULL,
    hlc TEXT NOT NULL
) WITHOUT ROWID;
CREATE TABLE practice_sessions (
    id TEXT PRIMARY KEY,
    section_id TEXT NOT NULL,
    lang TEXT NOT NULL,
    started_at TEXT NOT NULL,
    seconds_heard INTEGER NOT NULL,
    duration_seconds INTEGER NOT NULL,
    completed INTEGER NOT NULL,
    hlc TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX practice_sessions_by_start ON practice_sessions (started_at);
";

/// What version 6 adds: `message_drafts`, what the patient is writing to
/// each thread, kept on the phone only (never synced), so leaving the
/// messages screen or the system ending the app loses nothing.
const V6_ADDITIONS: &str = "
CREATE TABLE message_drafts (
    thread TEXT PRIMARY KEY,
    text TEXT NOT NULL,
    saved_at TEXT NOT NULL
) WITHOUT ROWID;
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
    id TEXT NOT NULL,
    question_id TEXT NOT NULL,
    entry_id TEXT NOT NULL,
    module_id TEXT NOT NULL,
    value TEXT NOT NULL,
    hlc TEXT NOT NULL,
    submitted_at TEXT NOT NULL,
    device_id TEXT NOT NULL,
    PRIMARY KEY (question_id, entry_id, hlc)
) WITHOUT ROWID;
CREATE TABLE drafts (
    question_id TEXT NOT NULL,
    entry_id TEXT NOT NULL,
    value TEXT NOT NULL,
    saved_at TEXT NOT NULL,
    PRIMARY KEY (question_id, entry_id)
) WITHOUT ROWID;
CREATE TABLE outbox (
    seq INTEGER PRIMARY KEY,
    id TEXT NOT NULL,
    entity TEXT NOT NULL,
    entity_id TEXT NOT NULL,
    coalescing INTEGER NOT NULL,
    change_counter INTEGER NOT NULL,
    hlc TEXT NOT NULL,
    payload TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE UNIQUE INDEX outbox_coalescing ON outbox (entity, entity_id) WHERE coalescing;
CREATE TABLE preferences (key TEXT PRIMARY KEY, value TEXT NOT NULL, hlc TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE messages (
    id TEXT PRIMARY KEY,
    thread TEXT NOT NULL CHECK (thread IN ('clinician', 'team')),
    author TEXT NOT NULL CHECK (author IN ('patient', 'clinic')),
    author_name TEXT,
    text TEXT NOT NULL,
    written_at TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('queued', 'sent', 'read', 'failed')),
    read_at TEXT,
    hlc TEXT NOT NULL
);
CREATE INDEX messages_by_thread ON messages (thread, written_at);
CREATE TABLE visits (
    id TEXT PRIMARY KEY,
    starts_at TEXT NOT NULL,
    minutes INTEGER NOT NULL,
    kind TEXT NOT NULL,
    cancelled INTEGER NOT NULL,
    hlc TEXT NOT NULL
) WITHOUT ROWID;
CREATE TABLE answer_reviews (
    version_id TEXT PRIMARY KEY,
    question_id TEXT NOT NULL,
    reviewed_at TEXT NOT NULL
) WITHOUT ROWID;
CREATE TABLE sync_account (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    server_url TEXT NOT NULL,
    device_token TEXT NOT NULL,
    device_id TEXT NOT NULL,
    activated_at TEXT NOT NULL,
    cursor INTEGER NOT NULL,
    last_success_at TEXT
);
CREATE TABLE unit (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    name TEXT NOT NULL,
    reply_time_sv TEXT NOT NULL,
    reply_time_en TEXT NOT NULL
);
CREATE TABLE audio_positions (
    track TEXT PRIMARY KEY,
    position_ms INTEGER NOT NULL,
    hlc TEXT NOT NULL
) WITHOUT ROWID;
CREATE TABLE practice_sessions (
    id TEXT PRIMARY KEY,
    section_id TEXT NOT NULL,
    lang TEXT NOT NULL,
    started_at TEXT NOT NULL,
    seconds_heard INTEGER NOT NULL,
    duration_seconds INTEGER NOT NULL,
    completed INTEGER NOT NULL,
    hlc TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX practice_sessions_by_start ON practice_sessions (started_at);
CREATE TABLE message_drafts (
    thread TEXT PRIMARY KEY,
    text TEXT NOT NULL,
    saved_at TEXT NOT NULL
) WITHOUT ROWID;
";

/// Creates the current schema in an empty database.
pub fn create(tx: &Transaction<'_>) -> rusqlite::Result<()> {
    tx.execute_batch(CURRENT_SQL)?;
    set_version(tx, VERSION)
}

/// Upgrades from `from` to the current version, one step at a time.
pub fn upgrade_from(tx: &Transaction<'_>, from: u32) -> rusqlite::Result<()> {
    upgrade_steps(tx, from, VERSION)?;
    set_version(tx, VERSION)
}

/// Runs the upgrade steps from version `from` to version `to` (without
/// setting the version): [`upgrade_from`] uses it, and so do the tests that
/// write an old version's fixture.
pub fn upgrade_steps(tx: &Transaction<'_>, from: u32, to: u32) -> rusqlite::Result<()> {
    for version in from..to {
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
            2 => tx.execute_batch(V3_STEP)?,
            3 => tx.execute_batch(V4_ADDITIONS)?,
            4 => tx.execute_batch(V5_ADDITIONS)?,
            5 => tx.execute_batch(V6_ADDITIONS)?,
            _ => unreachable!("no upgrade step from version {version}"),
        }
    }
    Ok(())
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
        "SELECT type, name, tbl_name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name",
    )?;
    let objects: Vec<(String, String, String, Option<String>)> = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?
        .collect::<rusqlite::Result<_>>()?;
    for (ty, name, table, sql) in objects {
        out.push_str(&format!("{ty} {name} on {table}\n"));
        if ty == "index" {
            // An index's definition, for what the pragmas do not show (a
            // partial index's WHERE). Tables are compared column by column
            // instead: a renamed table's SQL text keeps its quotes.
            let sql = sql.unwrap_or_default();
            out.push_str(&format!(
                "  {}\n",
                sql.split_whitespace().collect::<Vec<_>>().join(" ")
            ));
        }
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
