//! What only the clinic writes and sync brings down: booked visits,
//! "answer reviewed" marks and the unit's description.

use chrono::{DateTime, Utc};
use rusqlite::{OptionalExtension, Transaction, params};

use super::Store;
use crate::error::Result;
use crate::messages::{UnitInfo, Visit, VisitKind};

fn time(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s)
        .map(|t| t.with_timezone(&Utc))
        .unwrap_or_default()
}

/// Stores a visit, replacing an earlier item for the same id.
pub(super) fn put_visit(tx: &Transaction<'_>, v: &Visit, hlc: &str) -> Result<()> {
    tx.prepare_cached(
        "INSERT INTO visits (id, starts_at, minutes, kind, cancelled, hlc) VALUES (?1, ?2, ?3, ?4, ?5, ?6)
         ON CONFLICT (id) DO UPDATE SET starts_at = excluded.starts_at, minutes = excluded.minutes,
             kind = excluded.kind, cancelled = excluded.cancelled, hlc = excluded.hlc",
    )?
    .execute(params![
        v.id,
        v.starts_at.to_rfc3339(),
        v.minutes,
        v.kind.as_str(),
        v.cancelled,
        hlc
    ])?;
    Ok(())
}

/// Stores an "answer reviewed" mark (the latest one per version).
pub(super) fn put_review(
    tx: &Transaction<'_>,
    version_id: &str,
    question_id: &str,
    at: DateTime<Utc>,
) -> Result<()> {
    tx.prepare_cached(
        "INSERT INTO answer_reviews (version_id, question_id, reviewed_at) VALUES (?1, ?2, ?3)
         ON CONFLICT (version_id) DO UPDATE SET reviewed_at = excluded.reviewed_at",
    )?
    .execute(params![version_id, question_id, at.to_rfc3339()])?;
    Ok(())
}

/// Stores the unit's description, replacing the last one.
pub(super) fn put_unit(tx: &Transaction<'_>, u: &UnitInfo) -> Result<()> {
    tx.prepare_cached(
        "INSERT INTO unit (id, name, reply_time_sv, reply_time_en) VALUES (1, ?1, ?2, ?3)
         ON CONFLICT (id) DO UPDATE SET name = excluded.name, reply_time_sv = excluded.reply_time_sv,
             reply_time_en = excluded.reply_time_en",
    )?
    .execute(params![u.name, u.reply_time_sv, u.reply_time_en])?;
    Ok(())
}

impl Store {
    /// Every visit, by start time (cancelled ones too, flagged).
    pub fn visits(&self) -> Result<Vec<Visit>> {
        self.read(|c| {
            let mut stmt = c.prepare_cached(
                "SELECT id, starts_at, minutes, kind, cancelled FROM visits ORDER BY starts_at, id",
            )?;
            let rows = stmt.query_map([], |r| {
                let at: String = r.get(1)?;
                let kind: String = r.get(3)?;
                Ok(Visit {
                    id: r.get(0)?,
                    starts_at: time(&at),
                    minutes: r.get(2)?,
                    kind: VisitKind::parse(&kind),
                    cancelled: r.get(4)?,
                })
            })?;
            Ok(rows.collect::<rusqlite::Result<_>>()?)
        })
    }

    /// When the clinic marked an answer version reviewed, if it did.
    pub fn reviewed_at(&self, version_id: &str) -> Result<Option<DateTime<Utc>>> {
        self.read(|c| {
            let at: Option<String> = c
                .prepare_cached("SELECT reviewed_at FROM answer_reviews WHERE version_id = ?1")?
                .query_row([version_id], |r| r.get(0))
                .optional()?;
            Ok(at.as_deref().map(time))
        })
    }

    /// The unit's description, once known.
    pub fn unit(&self) -> Result<Option<UnitInfo>> {
        self.read(|c| {
            Ok(c.prepare_cached(
                "SELECT name, reply_time_sv, reply_time_en FROM unit WHERE id = 1",
            )?
            .query_row([], |r| {
                Ok(UnitInfo {
                    name: r.get(0)?,
                    reply_time_sv: r.get(1)?,
                    reply_time_en: r.get(2)?,
                })
            })
            .optional()?)
        })
    }
}
