//! The outbox: every patient write records a change here, in the same
//! transaction, for the sync engine to upload.
//!
//! Each change has a client-made UUIDv7 id (the server de-duplicates on it),
//! a sequence number (upload order), the clock stamp, and a change counter:
//! a coalescing change (the latest value of a preference) is updated in
//! place and its counter raised, so an upload only deletes the row if the
//! counter it sent is still the row's counter; an edit made during an upload
//! is never lost.

use chrono::{DateTime, Utc};
use rusqlite::{OptionalExtension, Transaction, params};
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
    /// Raised when a coalescing change is rewritten before upload.
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
    let id = uuid::Uuid::now_v7().to_string();
    tx.execute(
        "INSERT INTO outbox (id, seq, entity, entity_id, change_counter, hlc, payload, created_at)
         VALUES (?1, (SELECT coalesce(max(seq), 0) + 1 FROM outbox), ?2, ?3, 1, ?4, ?5, ?6)",
        params![
            id,
            entity,
            entity_id,
            hlc.to_string(),
            payload,
            now.to_rfc3339()
        ],
    )?;
    Ok(id)
}

/// Records a change of which only the latest value matters: at most one
/// pending row per record, rewritten with a raised counter.
pub(super) fn coalesce(
    tx: &Transaction<'_>,
    entity: &str,
    entity_id: &str,
    hlc: &Hlc,
    payload: &str,
    now: DateTime<Utc>,
) -> Result<String> {
    let pending: Option<String> = tx
        .query_row(
            "SELECT id FROM outbox WHERE entity = ?1 AND entity_id = ?2",
            params![entity, entity_id],
            |r| r.get(0),
        )
        .optional()?;
    match pending {
        Some(id) => {
            tx.execute(
                "UPDATE outbox SET change_counter = change_counter + 1, hlc = ?2, payload = ?3, created_at = ?4
                 WHERE id = ?1",
                params![id, hlc.to_string(), payload, now.to_rfc3339()],
            )?;
            Ok(id)
        }
        None => append(tx, entity, entity_id, hlc, payload, now),
    }
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

    /// Removes changes the server confirmed, each only if it was not
    /// rewritten since it was read. Returns how many were removed.
    pub fn confirm_changes(&mut self, sent: &[(String, i64)]) -> Result<usize> {
        self.write(|tx| {
            let mut n = 0;
            for (id, counter) in sent {
                n += tx.execute(
                    "DELETE FROM outbox WHERE id = ?1 AND change_counter = ?2",
                    params![id, counter],
                )?;
            }
            Ok(n)
        })
    }
}
