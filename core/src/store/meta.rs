//! Small facts about this database: the device id, the last clock stamp, the
//! clock high-water mark, the enrolment and the preferences.
//!
//! The store keeps the ones read on every call (the clock stamp, the marks,
//! the enrolment) in memory too: it is the database's only writer, so the
//! copies change only where it writes them, after the commit.

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

pub(super) fn get(conn: &Connection, key: &str) -> rusqlite::Result<Option<String>> {
    conn.prepare_cached("SELECT value FROM meta WHERE key = ?1")?
        .query_row([key], |r| r.get(0))
        .optional()
}

pub(super) fn set(conn: &Connection, key: &str, value: &str) -> rusqlite::Result<()> {
    conn.prepare_cached("INSERT INTO meta (key, value) VALUES (?1, ?2) ON CONFLICT (key) DO UPDATE SET value = excluded.value")?.execute(
        params![key, value],
    )?;
    Ok(())
}

pub(super) fn get_time(conn: &Connection, key: &str) -> Result<Option<DateTime<Utc>>> {
    Ok(get(conn, key)?
        .and_then(|s| DateTime::parse_from_rfc3339(&s).ok())
        .map(|t| t.with_timezone(&Utc)))
}

/// How far the high-water mark may be ahead of a time the server reports
/// before it counts as set by a device clock that ran ahead.
pub const HIGH_WATER_TOLERANCE: chrono::Duration = chrono::Duration::minutes(5);

/// Stores the last server time seen. The server's time also corrects the
/// high-water mark: a mark ahead of it by more than
/// [`HIGH_WATER_TOLERANCE`] was raised by a device clock set ahead, so it
/// is lowered to the server's time (what opened meanwhile stays open; the
/// schedule goes on from the true time). Returns the marks for the store's
/// copy, which the caller updates after the commit.
pub(super) fn set_server_time(
    tx: &Transaction<'_>,
    at: DateTime<Utc>,
    marks: ClockMarks,
) -> Result<ClockMarks> {
    set(tx, LAST_SERVER_TIME, &at.to_rfc3339())?;
    let mut high_water = marks.0;
    if high_water.is_some_and(|hw| hw > at + HIGH_WATER_TOLERANCE) {
        set(tx, HIGH_WATER, &at.to_rfc3339())?;
        high_water = Some(at);
    }
    Ok((high_water, Some(at)))
}

/// Stores the enrolment (the caller updates the store's copy after the
/// commit).
pub(super) fn put_enrolment(tx: &Transaction<'_>, e: &Enrolment, now: DateTime<Utc>) -> Result<()> {
    let data =
        serde_json::to_string(e).map_err(|_| Error::Storage("cannot encode enrolment".into()))?;
    tx.prepare_cached(
        "INSERT INTO enrolment (id, data, updated_at) VALUES (1, ?1, ?2)
         ON CONFLICT (id) DO UPDATE SET data = excluded.data, updated_at = excluded.updated_at",
    )?
    .execute(params![data, now.to_rfc3339()])?;
    Ok(())
}

/// Reads the clock marks (for the store's copy).
pub(super) fn load_marks(conn: &Connection) -> Result<ClockMarks> {
    Ok((
        get_time(conn, HIGH_WATER)?,
        get_time(conn, LAST_SERVER_TIME)?,
    ))
}

/// Reads the enrolment (for the store's copy).
pub(super) fn load_enrolment(conn: &Connection) -> Result<Option<Enrolment>> {
    let data: Option<String> = conn
        .prepare_cached("SELECT data FROM enrolment WHERE id = 1")?
        .query_row([], |r| r.get(0))
        .optional()?;
    data.map(|d| {
        serde_json::from_str(&d).map_err(|_| Error::Storage("unreadable enrolment".into()))
    })
    .transpose()
}

impl Store {
    /// This device's id (made when the database was created).
    pub fn device_id(&self) -> &str {
        self.clock.device()
    }

    /// The clock high-water mark and the last server time seen.
    pub fn clock_marks(&self) -> ClockMarks {
        self.marks
    }

    /// Raises the saved high-water mark to `at`.
    pub fn raise_high_water(&mut self, at: DateTime<Utc>) -> Result<()> {
        if self.marks.0.is_some_and(|hw| at <= hw) {
            return Ok(());
        }
        self.write(|tx| Ok(set(tx, HIGH_WATER, &at.to_rfc3339())?))?;
        self.marks.0 = Some(at);
        Ok(())
    }

    /// The stored enrolment, if any.
    pub fn enrolment(&self) -> Option<&Enrolment> {
        self.enrolment.as_ref()
    }

    /// Stores the enrolment (set by the clinic; locally by the demo).
    pub fn set_enrolment(&mut self, e: &Enrolment, now: DateTime<Utc>) -> Result<()> {
        self.write(|tx| put_enrolment(tx, e, now))?;
        self.enrolment = Some(e.clone());
        Ok(())
    }

    /// A preference value.
    pub fn preference(&self, key: &str) -> Result<Option<String>> {
        self.read(|c| {
            Ok(
                c.prepare_cached("SELECT value FROM preferences WHERE key = ?1")?
                    .query_row([key], |r| r.get(0))
                    .optional()?,
            )
        })
    }
}

/// This device's hybrid logical clock, held in memory.
///
/// Every stamp it hands out is either in the outbox (the newest row holds the
/// newest stamp) or at most `meta.last_hlc`, written whenever rows leave the
/// outbox; so on open the last stamp is the greater of those two, and a
/// write costs no `meta` update.
#[derive(Debug, Clone)]
pub(super) struct LocalClock {
    device: String,
    last: Option<Hlc>,
}

impl LocalClock {
    /// Reads the device id and the last stamp.
    pub(super) fn load(conn: &Connection) -> Result<LocalClock> {
        let device =
            get(conn, DEVICE_ID)?.ok_or_else(|| Error::Storage("device id missing".into()))?;
        let saved = get(conn, LAST_HLC)?.and_then(|s| s.parse::<Hlc>().ok());
        let queued = super::outbox::newest_stamp(conn)?.and_then(|s| s.parse::<Hlc>().ok());
        Ok(LocalClock {
            device,
            last: saved.max(queued),
        })
    }

    /// This device's id.
    pub(super) fn device(&self) -> &str {
        &self.device
    }

    /// The next stamp for a local write at `now`. A stamp whose write rolls
    /// back is simply skipped: stamps only need to grow.
    pub(super) fn tick(&mut self, now: DateTime<Utc>) -> Hlc {
        let hlc = Hlc::tick(
            self.last.as_ref(),
            now.timestamp_millis().max(0) as u64,
            &self.device,
        );
        self.last = Some(hlc.clone());
        hlc
    }

    /// Moves the clock past a stamp received from sync, so that later local
    /// edits stamp after it (the caller saves it with [`LocalClock::save`]
    /// in the transaction that stores what came with the stamp).
    /// A stamp more than [`crate::hlc::MAX_LEAD_MILLIS`] ahead of `now` is
    /// not followed (logged without its device or content).
    pub(super) fn receive(&mut self, remote: &Hlc, now: DateTime<Utc>) {
        let now_millis = now.timestamp_millis().max(0) as u64;
        if remote.millis > now_millis.saturating_add(crate::hlc::MAX_LEAD_MILLIS) {
            tracing::warn!(
                lead_days = (remote.millis - now_millis) / 86_400_000,
                "a received change is stamped far in the future; the clock does not follow it"
            );
        }
        let hlc = Hlc::receive(self.last.as_ref(), remote, now_millis, &self.device);
        self.last = Some(hlc);
    }

    /// Saves the last stamp in `meta` (when outbox rows are removed).
    pub(super) fn save(&self, tx: &Transaction<'_>) -> Result<()> {
        if let Some(last) = &self.last {
            set(tx, LAST_HLC, &last.to_string())?;
        }
        Ok(())
    }
}

/// Sets a preference (patient-owned, synced) and records the change.
pub(super) fn put_preference(
    tx: &Transaction<'_>,
    key: &str,
    value: &str,
    hlc: &Hlc,
) -> Result<()> {
    tx.prepare_cached(
        "INSERT INTO preferences (key, value, hlc) VALUES (?1, ?2, ?3)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value, hlc = excluded.hlc",
    )?
    .execute(params![key, value, hlc.to_string()])?;
    Ok(())
}

impl Store {
    /// Sets patient preferences, each with its (coalescing) outbox change,
    /// in one transaction.
    pub fn set_preferences(&mut self, items: &[(&str, &str)], now: DateTime<Utc>) -> Result<()> {
        if items.is_empty() {
            return Ok(());
        }
        let stamps: Vec<Hlc> = items.iter().map(|_| self.clock.tick(now)).collect();
        self.write(|tx| {
            for ((key, value), hlc) in items.iter().zip(&stamps) {
                put_preference(tx, key, value, hlc)?;
                let payload =
                    serde_json::json!({ "key": key, "value": value, "hlc": hlc.to_string() })
                        .to_string();
                super::outbox::coalesce(tx, "preference", key, hlc, &payload, now)?;
            }
            Ok(())
        })
    }
}
