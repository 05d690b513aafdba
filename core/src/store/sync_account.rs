//! This device's link to the clinic server: the server's address, the device
//! token and device id from activation (kept only here, inside the encrypted
//! database), the pull cursor and the last successful sync.

use chrono::{DateTime, Utc};
use rusqlite::{OptionalExtension, params};
use zeroize::Zeroizing;

use super::{Store, clinic, meta};
use crate::course::Enrolment;
use crate::error::Result;
use crate::messages::UnitInfo;

/// The stored activation.
#[derive(Clone)]
pub struct SyncAccount {
    /// The server's base URL (checked when it was stored and at each use).
    pub server_url: String,
    /// The device token (sent as `Authorization: Bearer`). Wiped from memory
    /// when dropped; never printed.
    pub device_token: Zeroizing<String>,
    /// This device's id at the server.
    pub device_id: String,
    /// When this device was activated.
    pub activated_at: DateTime<Utc>,
    /// The pull cursor: the feed position applied so far.
    pub cursor: i64,
    /// The last sync that ended without an error.
    pub last_success_at: Option<DateTime<Utc>>,
}

impl std::fmt::Debug for SyncAccount {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SyncAccount")
            .field("server_url", &self.server_url)
            .field("device_id", &self.device_id)
            .field("cursor", &self.cursor)
            .finish_non_exhaustive()
    }
}

/// What an activation stores.
#[derive(Clone)]
pub struct Activation<'a> {
    /// The server's base URL.
    pub server_url: &'a str,
    /// The new device token.
    pub device_token: &'a str,
    /// The device id the server gave.
    pub device_id: &'a str,
    /// The enrolment the clinic set.
    pub enrolment: &'a Enrolment,
    /// The unit, if the server sent it.
    pub unit: Option<&'a UnitInfo>,
    /// The server's time.
    pub server_time: DateTime<Utc>,
}

fn time(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s)
        .map(|t| t.with_timezone(&Utc))
        .unwrap_or_default()
}

impl Store {
    /// The stored activation, if this device was activated.
    pub fn sync_account(&self) -> Result<Option<SyncAccount>> {
        self.read(|c| {
            Ok(c.prepare_cached(
                "SELECT server_url, device_token, device_id, activated_at, cursor, last_success_at
                     FROM sync_account WHERE id = 1",
            )?
            .query_row([], |r| {
                let activated: String = r.get(3)?;
                let last: Option<String> = r.get(5)?;
                Ok(SyncAccount {
                    server_url: r.get(0)?,
                    device_token: Zeroizing::new(r.get(1)?),
                    device_id: r.get(2)?,
                    activated_at: time(&activated),
                    cursor: r.get(4)?,
                    last_success_at: last.as_deref().map(time),
                })
            })
            .optional()?)
        })
    }

    /// Stores an activation in one transaction: the server, token and device
    /// id (the pull cursor starts again at 0, so everything the patient has
    /// comes down), the enrolment, the unit and the server's time. A second
    /// activation replaces the first; the outbox is kept and goes to the
    /// server with the new token.
    pub fn store_activation(&mut self, a: &Activation<'_>, now: DateTime<Utc>) -> Result<()> {
        let marks = self.marks;
        let marks = self.write(|tx| {
            tx.prepare_cached(
                "INSERT INTO sync_account (id, server_url, device_token, device_id, activated_at, cursor, last_success_at)
                 VALUES (1, ?1, ?2, ?3, ?4, 0, NULL)
                 ON CONFLICT (id) DO UPDATE SET server_url = excluded.server_url,
                     device_token = excluded.device_token, device_id = excluded.device_id,
                     activated_at = excluded.activated_at, cursor = 0",
            )?
            .execute(params![a.server_url, a.device_token, a.device_id, now.to_rfc3339()])?;
            meta::put_enrolment(tx, a.enrolment, now)?;
            if let Some(unit) = a.unit {
                clinic::put_unit(tx, unit)?;
            }
            meta::set_server_time(tx, a.server_time, marks)
        })?;
        self.enrolment = Some(a.enrolment.clone());
        self.marks = marks;
        Ok(())
    }

    /// Records a sync that ended without an error.
    pub fn record_sync_success(&mut self, at: DateTime<Utc>) -> Result<()> {
        self.write(|tx| {
            tx.prepare_cached("UPDATE sync_account SET last_success_at = ?1 WHERE id = 1")?
                .execute([at.to_rfc3339()])?;
            Ok(())
        })
    }

    /// How many changes wait in the outbox.
    pub fn outbox_len(&self) -> Result<u64> {
        self.read(|c| {
            let n: i64 = c
                .prepare_cached("SELECT count(*) FROM outbox")?
                .query_row([], |r| r.get(0))?;
            Ok(n.max(0) as u64)
        })
    }
}
