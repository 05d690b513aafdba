//! Small facts about this database: the device id, the last clock stamp, the
//! clock high-water mark, the enrolment and the preferences.

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension, Transaction, params};

use super::Store;
use crate::course::Enrolment;
use crate::error::{Error, Result};
use crate::hlc::Hlc;

/// The saved high-water mark and the last server time seen, if any.
pub type ClockMarks = (Option<DateTime<Utc>>, Option<DateTime<Utc>>);

const DEVICE_ID: &str = "device_id";
const LAST_HLC: &str = "last_hlc";
const HIGH_WATER: &str = "clock_high_water";
const LAST_SERVER_TIME: &str = "last_server_time";

/// Fills a new database's meta table.
pub(super) fn init(tx: &Transaction<'_>) -> rusqlite::Result<()> {
    set(tx, DEVICE_ID, &uuid::Uuid::now_v7().simple().to_string())
}

fn get(conn: &Connection, key: &str) -> rusqlite::Result<Option<String>> {
    conn.query_row("SELECT value FROM meta WHERE key = ?1", [key], |r| r.get(0))
        .optional()
}

fn set(conn: &Connection, key: &str, value: &str) -> rusqlite::Result<()> {
    conn.execute(
        "INSERT INTO meta (key, value) VALUES (?1, ?2) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        params![key, value],
    )?;
    Ok(())
}

fn get_time(conn: &Connection, key: &str) -> Result<Option<DateTime<Utc>>> {
    Ok(get(conn, key)?
        .and_then(|s| DateTime::parse_from_rfc3339(&s).ok())
        .map(|t| t.with_timezone(&Utc)))
}

impl Store {
    /// This device's id (made when the database was created).
    pub fn device_id(&self) -> Result<String> {
        self.read(|c| get(c, DEVICE_ID)?.ok_or_else(|| Error::Storage("device id missing".into())))
    }

    /// The clock high-water mark and the last server time seen.
    pub fn clock_marks(&self) -> Result<ClockMarks> {
        self.read(|c| Ok((get_time(c, HIGH_WATER)?, get_time(c, LAST_SERVER_TIME)?)))
    }

    /// Raises the saved high-water mark to `at`.
    pub fn raise_high_water(&mut self, at: DateTime<Utc>) -> Result<()> {
        self.write(|tx| {
            if get_time(tx, HIGH_WATER)?.is_none_or(|hw| at > hw) {
                set(tx, HIGH_WATER, &at.to_rfc3339())?;
            }
            Ok(())
        })
    }

    /// The stored enrolment, if any.
    pub fn enrolment(&self) -> Result<Option<Enrolment>> {
        self.read(|c| {
            let data: Option<String> = c
                .query_row("SELECT data FROM enrolment WHERE id = 1", [], |r| r.get(0))
                .optional()?;
            data.map(|d| {
                serde_json::from_str(&d).map_err(|_| Error::Storage("unreadable enrolment".into()))
            })
            .transpose()
        })
    }

    /// Stores the enrolment (set by the clinic; locally by the demo).
    pub fn set_enrolment(&mut self, e: &Enrolment) -> Result<()> {
        let data = serde_json::to_string(e)
            .map_err(|_| Error::Storage("cannot encode enrolment".into()))?;
        self.write(|tx| {
            tx.execute(
                "INSERT INTO enrolment (id, data, updated_at) VALUES (1, ?1, ?2)
                 ON CONFLICT (id) DO UPDATE SET data = excluded.data, updated_at = excluded.updated_at",
                params![data, Utc::now().to_rfc3339()],
            )?;
            Ok(())
        })
    }

    /// A preference value.
    pub fn preference(&self, key: &str) -> Result<Option<String>> {
        self.read(|c| {
            Ok(
                c.query_row("SELECT value FROM preferences WHERE key = ?1", [key], |r| {
                    r.get(0)
                })
                .optional()?,
            )
        })
    }
}

/// The next clock stamp for a local write at `now`, saved in the same transaction.
pub(super) fn next_hlc(tx: &Transaction<'_>, now: DateTime<Utc>) -> Result<Hlc> {
    let device = get(tx, DEVICE_ID)?.ok_or_else(|| Error::Storage("device id missing".into()))?;
    let last = get(tx, LAST_HLC)?.and_then(|s| s.parse::<Hlc>().ok());
    let hlc = Hlc::tick(last.as_ref(), now.timestamp_millis().max(0) as u64, &device);
    set(tx, LAST_HLC, &hlc.to_string())?;
    Ok(hlc)
}

/// Sets a preference (patient-owned, synced) and records the change.
pub(super) fn put_preference(
    tx: &Transaction<'_>,
    key: &str,
    value: &str,
    hlc: &Hlc,
) -> Result<()> {
    tx.execute(
        "INSERT INTO preferences (key, value, hlc) VALUES (?1, ?2, ?3)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value, hlc = excluded.hlc",
        params![key, value, hlc.to_string()],
    )?;
    Ok(())
}

impl Store {
    /// Sets a patient preference and records its (coalescing) outbox change.
    pub fn set_preference(&mut self, key: &str, value: &str, now: DateTime<Utc>) -> Result<()> {
        self.write(|tx| {
            let hlc = next_hlc(tx, now)?;
            put_preference(tx, key, value, &hlc)?;
            let payload = serde_json::json!({ "key": key, "value": value, "hlc": hlc.to_string() })
                .to_string();
            super::outbox::coalesce(tx, "preference", key, &hlc, &payload, now)?;
            Ok(())
        })
    }
}
