//! The outbox: every patient write records a change here, in the same
//! transaction, for the sync engine to upload.
//!
//! Each change has a client-made UUIDv7 id (the server de-duplicates on it),
//! a sequence number (upload order), a change counter and the clock stamp.
//! A coalescing change (the latest value of a preference) replaces its
//! pending row with a new one: new id, new sequence number, the counter
//! raised. An upload confirms the changes it sent by sequence number, id and
//! counter together, so a row rewritten during an upload is not deleted and
//! the edit is never lost.

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
    /// How many times this record's pending change was written (1, raised
    /// by each rewrite of a coalescing change before upload).
    pub change_counter: i64,
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
    insert(tx, entity, entity_id, None, hlc, payload, now)
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
    let replaced: Option<i64> = tx
        .prepare_cached(
            "DELETE FROM outbox WHERE coalescing AND entity = ?1 AND entity_id = ?2
             RETURNING change_counter",
        )?
        .query_row(params![entity, entity_id], |r| r.get(0))
        .optional()?;
    let counter = replaced.map_or(1, |c| c + 1);
    insert(tx, entity, entity_id, Some(counter), hlc, payload, now)
}

/// Inserts a change; `coalescing` holds the counter of a coalescing change.
fn insert(
    tx: &Transaction<'_>,
    entity: &str,
    entity_id: &str,
    coalescing: Option<i64>,
    hlc: &Hlc,
    payload: &str,
    now: DateTime<Utc>,
) -> Result<String> {
    let id = uuid::Uuid::now_v7().to_string();
    tx.prepare_cached(
        "INSERT INTO outbox (id, entity, entity_id, coalescing, change_counter, hlc, payload, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?
    .execute(params![
        id,
        entity,
        entity_id,
        coalescing.is_some(),
        coalescing.unwrap_or(1),
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
                "SELECT id, seq, entity, entity_id, change_counter, hlc, payload FROM outbox ORDER BY seq LIMIT ?1",
            )?;
            let rows = stmt.query_map([limit], |r| {
                Ok(OutboxChange {
                    id: r.get(0)?,
                    seq: r.get(1)?,
                    entity: r.get(2)?,
                    entity_id: r.get(3)?,
                    change_counter: r.get(4)?,
                    hlc: r.get(5)?,
                    payload: r.get(6)?,
                })
            })?;
            Ok(rows.collect::<rusqlite::Result<_>>()?)
        })
    }

    /// Removes changes the server confirmed, as read from
    /// [`Store::pending_changes`]; a change rewritten since then has a new id
    /// and a raised counter, and stays. Returns how many were removed.
    pub fn confirm_changes(&mut self, sent: &[OutboxChange]) -> Result<usize> {
        let clock = self.clock.clone();
        self.write(|tx| {
            let mut n = 0;
            for c in sent {
                n += tx
                    .prepare_cached(
                        "DELETE FROM outbox WHERE seq = ?1 AND id = ?2 AND change_counter = ?3",
                    )?
                    .execute(params![c.seq, c.id, c.change_counter])?;
            }
            // The removed rows may have held the newest stamp.
            clock.save(tx)?;
            Ok(n)
        })
    }
}
