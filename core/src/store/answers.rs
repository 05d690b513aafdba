//! Answers: every submitted version (the history), the current version of
//! each question or diary entry (the one with the highest clock stamp), and
//! local-only drafts.

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension, Row, params};
use serde::Serialize;

use super::{Store, outbox};
use crate::error::{Error, Result};

/// A version to submit.
#[derive(Debug, Clone, Copy)]
pub struct SubmitRecord<'a> {
    /// The question.
    pub question_id: &'a str,
    /// The entry (diary, check-in week); empty for single answers.
    pub entry_id: &'a str,
    /// The module the question belongs to.
    pub module_id: &'a str,
    /// The validated value as JSON.
    pub value_json: &'a str,
}

/// One stored answer version.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StoredVersion {
    /// The version's id (UUIDv7).
    pub version_id: String,
    /// The question.
    pub question_id: String,
    /// The entry; empty for single answers.
    pub entry_id: String,
    /// The value as JSON.
    pub value_json: String,
    /// The clock stamp that orders versions.
    pub hlc: String,
    /// When it was submitted.
    pub submitted_at: DateTime<Utc>,
    /// When the clinic marked this version reviewed, if it has.
    pub reviewed_at: Option<DateTime<Utc>>,
}

const VERSION_COLUMNS: &str = "v.id, v.question_id, v.entry_id, v.value, v.hlc, v.submitted_at,
     (SELECT r.reviewed_at FROM answer_reviews r WHERE r.version_id = v.id)";

fn parse_time(at: &str) -> Option<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(at)
        .ok()
        .map(|t| t.with_timezone(&Utc))
}

fn version_row(r: &Row<'_>) -> rusqlite::Result<StoredVersion> {
    let at: String = r.get(5)?;
    Ok(StoredVersion {
        version_id: r.get(0)?,
        question_id: r.get(1)?,
        entry_id: r.get(2)?,
        value_json: r.get(3)?,
        hlc: r.get(4)?,
        submitted_at: parse_time(&at).unwrap_or_default(),
        reviewed_at: r
            .get::<_, Option<String>>(6)?
            .as_deref()
            .and_then(parse_time),
    })
}

fn versions(c: &Connection, sql: &str, p: impl rusqlite::Params) -> Result<Vec<StoredVersion>> {
    let mut stmt = c.prepare_cached(sql)?;
    let rows = stmt.query_map(p, version_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// What a submit stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Submitted {
    /// The new version.
    pub version: StoredVersion,
    /// Whether it is the question's first answer (the only kind of submit
    /// that can finish a module).
    pub first_answer: bool,
}

impl Store {
    /// Stores a new version (the current one, unless a version from another
    /// device has a later stamp), drops the draft it came from and records
    /// the outbox change: one transaction.
    pub fn submit_answer(
        &mut self,
        rec: SubmitRecord<'_>,
        now: DateTime<Utc>,
    ) -> Result<Submitted> {
        let hlc = self.clock.tick(now);
        let device = self.clock.device().to_owned();
        self.write(|tx| {
            let first_answer = tx
                .prepare_cached("SELECT 1 FROM answer_versions WHERE question_id = ?1 LIMIT 1")?
                .query_row([rec.question_id], |_| Ok(()))
                .optional()?
                .is_none();
            let id = uuid::Uuid::now_v7().to_string();
            let hlc_s = hlc.to_string();
            let at = now.to_rfc3339();
            tx.prepare_cached(
                "INSERT INTO answer_versions (id, question_id, entry_id, module_id, value, hlc, submitted_at, device_id)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            )?
            .execute(params![id, rec.question_id, rec.entry_id, rec.module_id, rec.value_json, hlc_s, at, device])?;
            tx.prepare_cached("DELETE FROM drafts WHERE question_id = ?1 AND entry_id = ?2")?
                .execute(params![rec.question_id, rec.entry_id])?;
            let payload = serde_json::json!({
                "version_id": id, "question_id": rec.question_id, "entry_id": rec.entry_id,
                "module_id": rec.module_id, "value": serde_json::value::RawValue::from_string(rec.value_json.to_owned())
                    .map_err(|_| Error::Storage("answer value is not JSON".into()))?,
                "hlc": hlc_s, "submitted_at": at,
            })
            .to_string();
            outbox::append(tx, "answer_version", &id, &hlc, &payload, now)?;
            Ok(Submitted {
                version: StoredVersion {
                    version_id: id,
                    question_id: rec.question_id.to_owned(),
                    entry_id: rec.entry_id.to_owned(),
                    value_json: rec.value_json.to_owned(),
                    hlc: hlc_s,
                    submitted_at: now,
                    reviewed_at: None,
                },
                first_answer,
            })
        })
    }

    /// Saves a draft (autosave). Drafts stay on this device: no outbox change.
    pub fn save_draft(
        &mut self,
        question_id: &str,
        entry_id: &str,
        value_json: &str,
        now: DateTime<Utc>,
    ) -> Result<()> {
        self.write(|tx| {
            tx.prepare_cached("INSERT INTO drafts (question_id, entry_id, value, saved_at) VALUES (?1, ?2, ?3, ?4)
                 ON CONFLICT (question_id, entry_id) DO UPDATE SET value = excluded.value, saved_at = excluded.saved_at")?.execute(
                params![question_id, entry_id, value_json, now.to_rfc3339()],
            )?;
            Ok(())
        })
    }

    /// The draft of a question or entry, as JSON with when it was saved.
    pub fn draft(
        &self,
        question_id: &str,
        entry_id: &str,
    ) -> Result<Option<(String, DateTime<Utc>)>> {
        self.read(|c| {
            let row: Option<(String, String)> = c
                .prepare_cached(
                    "SELECT value, saved_at FROM drafts WHERE question_id = ?1 AND entry_id = ?2",
                )?
                .query_row(params![question_id, entry_id], |r| {
                    Ok((r.get(0)?, r.get(1)?))
                })
                .optional()?;
            Ok(row.map(|(v, at)| {
                (
                    v,
                    DateTime::parse_from_rfc3339(&at)
                        .map(|t| t.with_timezone(&Utc))
                        .unwrap_or_default(),
                )
            }))
        })
    }

    /// The current version of each answered entry of a question (one for a
    /// single answer), oldest entry first.
    pub fn current_answers(&self, question_id: &str) -> Result<Vec<StoredVersion>> {
        self.read(|c| {
            // SQLite takes the bare columns of a max() group from its max row.
            versions(
                c,
                &format!(
                    "SELECT * FROM (SELECT {VERSION_COLUMNS}, max(v.hlc) FROM answer_versions v
                                    WHERE v.question_id = ?1 GROUP BY v.entry_id)
                     ORDER BY submitted_at, entry_id"
                ),
                [question_id],
            )
        })
    }

    /// The current version of every answered question and entry (for the
    /// summary), oldest first.
    pub fn all_current_answers(&self) -> Result<Vec<StoredVersion>> {
        self.read(|c| {
            versions(
                c,
                &format!(
                    "SELECT * FROM (SELECT {VERSION_COLUMNS}, max(v.hlc) FROM answer_versions v
                                    GROUP BY v.question_id, v.entry_id)
                     ORDER BY submitted_at, entry_id"
                ),
                (),
            )
        })
    }

    /// Every version of one answer, oldest first.
    pub fn answer_history(&self, question_id: &str, entry_id: &str) -> Result<Vec<StoredVersion>> {
        self.read(|c| {
            versions(
                c,
                &format!(
                    "SELECT {VERSION_COLUMNS} FROM answer_versions v WHERE v.question_id = ?1 AND v.entry_id = ?2
                     ORDER BY v.hlc"
                ),
                params![question_id, entry_id],
            )
        })
    }

    /// Whether an entry of a question has been submitted.
    pub fn entry_exists(&self, question_id: &str, entry_id: &str) -> Result<bool> {
        self.read(|c| {
            Ok(c.prepare_cached(
                "SELECT 1 FROM answer_versions WHERE question_id = ?1 AND entry_id = ?2 LIMIT 1",
            )?
            .query_row(params![question_id, entry_id], |_| Ok(()))
            .optional()?
            .is_some())
        })
    }
}
