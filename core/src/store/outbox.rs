//! The outbox: every patient write records a change here, in the same
//! transaction, for the sync engine to upload.
//!
//! Each change has a client-made UUIDv7 id (the server de-duplicates on it),
//! a sequence number (upload order) and the clock stamp. A coalescing change
//! (the latest value of a preference) replaces its pending row with a new
//! one, new id and all; an upload confirms rows by sequence number and id
//! together, so a row rewritten during an upload is not deleted and the
//! edit is never lost.

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension, Transaction, params};
use serde::Serialize;

use super::Store;
use crate::error::Result;
use crate::hlc::Hlc;

/// One pending change.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct OutboxChange {
    /// Client-made id (UUIDv7).
    pub id: String,
    /// Upload order.
    pub seq: i64,
    /// What kind of record: `answer_version`, `progress`, `preference`.
    pub entity: String,
    /// Which record.
    pub entity_id: String,
    /// The clock stamp of the change.
    pub hlc: String,
    /// The change as JSON.
    pub payload: String,
}

/// Records an append-only change (each one is uploaded).
pub(super) fn append(
    tx: &Transaction<'_>,
    entity: &str,
    entity_id: &str,
    hlc: &Hlc,
    payload: &str,
    now: DateTime<Utc>,
) -> Result<String> {
    insert(tx, entity, entity_id, false, hlc, payload, now)
}

/// Records a change of which only the latest value matters: at most one
/// pending row per record, replaced by each rewrite.
pub(super) fn coalesce(
    tx: &Transaction<'_>,
    entity: &str,
    entity_id: &str,
    hlc: &Hlc,
    payload: &str,
    now: DateTime<Utc>,
) -> Result<String> {
    tx.prepare_cached("DELETE FROM outbox WHERE coalescing AND entity = ?1 AND entity_id = ?2")?
        .execute(params![entity, entity_id])?;
    insert(tx, entity, entity_id, true, hlc, payload, now)
}

fn insert(
    tx: &Transaction<'_>,
    entity: &str,
    entity_id: &str,
    coalescing: bool,
    hlc: &Hlc,
    payload: &str,
    now: DateTime<Utc>,
) -> Result<String> {
    let id = uuid::Uuid::now_v7().to_string();
    tx.prepare_cached(
        "INSERT INTO outbox (id, entity, entity_id, coalescing, hlc, payload, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?
    .execute(params![
        id,
        entity,
        entity_id,
        coalescing,
        hlc.to_string(),
        payload,
        now.to_rfc3339()
    ])?;
    Ok(id)
}

/// The clock stamp of the newest pending change, if any.
pub(super) fn newest_stamp(conn: &Connection) -> Result<Option<String>> {
    Ok(conn
        .prepare_cached("SELECT hlc FROM outbox ORDER BY seq DESC LIMIT 1")?
        .query_row([], |r| r.get(0))
        .optional()?)
}

impl Store {
    /// Pending changes in upload order, at most `limit`.
    pub fn pending_changes(&self, limit: u32) -> Result<Vec<OutboxChange>> {
        self.read(|c| {
            let mut stmt = c.prepare_cached(
                "SELECT id, seq, entity, entity_id, hlc, payload FROM outbox ORDER BY seq LIMIT ?1",
            )?;
            let rows = stmt.query_map([limit], |r| {
                Ok(OutboxChange {
                    id: r.get(0)?,
                    seq: r.get(1)?,
                    entity: r.get(2)?,
                    entity_id: r.get(3)?,
                    hlc: r.get(4)?,
                    payload: r.get(5)?,
                })
            })?;
            Ok(rows.collect::<rusqlite::Result<_>>()?)
        })
    }

    /// Removes changes the server confirmed, given as `(seq, id)` pairs as
    /// read from [`Store::pending_changes`]; a change rewritten since then
    /// has a new id and stays. Returns how many were removed.
    pub fn confirm_changes(&mut self, sent: &[(i64, String)]) -> Result<usize> {
        let clock = self.clock.clone();
        self.write(|tx| {
            let mut n = 0;
            for (seq, id) in sent {
                n += tx
                    .prepare_cached("DELETE FROM outbox WHERE seq = ?1 AND id = ?2")?
                    .execute(params![seq, id])?;
            }
            // The removed rows may have held the newest stamp.
            clock.save(tx)?;
            Ok(n)
        })
    }
}
