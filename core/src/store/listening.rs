//! Listening data: the position in each recording (the later writer wins
//! across the patient's devices) and the practice log. Each save records a
//! coalescing outbox change in the same transaction, so at most one change
//! per track and per session waits for upload.

use chrono::{DateTime, Utc};
use rusqlite::{OptionalExtension, Transaction, params};

use super::{Store, outbox};
use crate::content::Lang;
use crate::error::Result;
use crate::hlc::Hlc;
use crate::practice::PracticeSession;

/// Stores a position if its stamp is newer than the stored one.
pub(super) fn put_position(tx: &Transaction<'_>, track: &str, ms: u64, hlc: &str) -> Result<bool> {
    Ok(tx
        .prepare_cached(
            "INSERT INTO audio_positions (track, position_ms, hlc) VALUES (?1, ?2, ?3)
             ON CONFLICT (track) DO UPDATE SET position_ms = excluded.position_ms, hlc = excluded.hlc
             WHERE excluded.hlc > audio_positions.hlc",
        )?
        .execute(params![track, ms as i64, hlc])?
        == 1)
}

/// Stores a session if its stamp is newer than the stored one.
pub(super) fn put_session(tx: &Transaction<'_>, s: &PracticeSession, hlc: &str) -> Result<bool> {
    Ok(tx
        .prepare_cached(
            "INSERT INTO practice_sessions (id, section_id, lang, started_at, seconds_heard, duration_seconds, completed, hlc)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
             ON CONFLICT (id) DO UPDATE SET seconds_heard = excluded.seconds_heard,
                 duration_seconds = excluded.duration_seconds, completed = excluded.completed, hlc = excluded.hlc
             WHERE excluded.hlc > practice_sessions.hlc",
        )?
        .execute(params![
            s.id,
            s.section_id,
            s.lang.code(),
            s.started_at.to_rfc3339(),
            s.seconds_heard,
            s.duration_seconds,
            s.completed,
            hlc
        ])?
        == 1)
}

impl Store {
    /// Saves positions and sessions in one transaction, each with its
    /// coalescing outbox change.
    pub fn save_listening(
        &mut self,
        positions: &[(String, u64)],
        sessions: &[PracticeSession],
        now: DateTime<Utc>,
    ) -> Result<()> {
        let stamps: Vec<Hlc> = (0..positions.len() + sessions.len())
            .map(|_| self.clock.tick(now))
            .collect();
        self.write(|tx| {
            let mut stamps = stamps.iter();
            for ((track, ms), hlc) in positions.iter().zip(stamps.by_ref()) {
                let hlc_s = hlc.to_string();
                put_position(tx, track, *ms, &hlc_s)?;
                let payload =
                    serde_json::json!({ "track": track, "position_ms": ms, "hlc": hlc_s })
                        .to_string();
                outbox::coalesce(tx, "audio_position", track, hlc, &payload, now)?;
            }
            for (s, hlc) in sessions.iter().zip(stamps) {
                put_session(tx, s, &hlc.to_string())?;
                let payload = serde_json::to_string(s).unwrap_or_default();
                outbox::coalesce(tx, "practice_session", &s.id, hlc, &payload, now)?;
            }
            Ok(())
        })
    }

    /// The saved position in a track.
    pub fn audio_position(&self, track: &str) -> Result<Option<u64>> {
        self.read(|c| {
            Ok(
                c.prepare_cached("SELECT position_ms FROM audio_positions WHERE track = ?1")?
                    .query_row([track], |r| r.get::<_, i64>(0))
                    .optional()?
                    .map(|ms| ms.max(0) as u64),
            )
        })
    }

    /// Every practice session begun at or after `since`, oldest first.
    pub fn practice_sessions(&self, since: Option<DateTime<Utc>>) -> Result<Vec<PracticeSession>> {
        self.read(|c| {
            let since = since.map(|t| t.to_rfc3339()).unwrap_or_default();
            let mut stmt = c.prepare_cached(
                "SELECT id, section_id, lang, started_at, seconds_heard, duration_seconds, completed
                 FROM practice_sessions WHERE started_at >= ?1 ORDER BY started_at",
            )?;
            let rows = stmt.query_map([since], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, String>(3)?,
                    r.get::<_, u32>(4)?,
                    r.get::<_, u32>(5)?,
                    r.get::<_, bool>(6)?,
                ))
            })?;
            let mut out = Vec::new();
            for row in rows {
                let (id, section_id, lang, started, heard, duration, completed) = row?;
                let Ok(started_at) = DateTime::parse_from_rfc3339(&started) else {
                    continue;
                };
                out.push(PracticeSession {
                    id,
                    section_id,
                    lang: Lang::from_code(&lang).unwrap_or(Lang::Sv),
                    started_at: started_at.with_timezone(&Utc),
                    seconds_heard: heard,
                    duration_seconds: duration,
                    completed,
                });
            }
            Ok(out)
        })
    }
}
