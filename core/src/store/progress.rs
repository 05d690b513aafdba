//! Progress records: sections opened, exercises done, modules finished and
//! modules that have been open (so they never lock again).

use std::collections::BTreeSet;

use chrono::{DateTime, Utc};
use rusqlite::{Transaction, params};

use super::{Store, outbox};
use crate::course::ProgressFacts;
use crate::error::Result;
use crate::hlc::Hlc;

/// What a progress record says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProgressKind {
    /// A section was opened.
    SectionOpened,
    /// An exercise (audio, video, mindfulness) was done.
    ExerciseDone,
    /// A module was finished.
    ModuleFinished,
    /// A module was open (by schedule, by the clinician, or read ahead).
    ModuleOpen,
}

impl ProgressKind {
    /// Parses the stored and wire name.
    pub fn parse(s: &str) -> Option<ProgressKind> {
        match s {
            "section_opened" => Some(ProgressKind::SectionOpened),
            "exercise_done" => Some(ProgressKind::ExerciseDone),
            "module_finished" => Some(ProgressKind::ModuleFinished),
            "module_open" => Some(ProgressKind::ModuleOpen),
            _ => None,
        }
    }

    /// The stored and wire name.
    pub fn as_str(self) -> &'static str {
        match self {
            ProgressKind::SectionOpened => "section_opened",
            ProgressKind::ExerciseDone => "exercise_done",
            ProgressKind::ModuleFinished => "module_finished",
            ProgressKind::ModuleOpen => "module_open",
        }
    }
}

/// Records progress the first time it happens (and its outbox change).
/// Returns whether it was new.
pub(super) fn record(
    tx: &Transaction<'_>,
    kind: ProgressKind,
    item_id: &str,
    module_id: &str,
    hlc: &Hlc,
    now: DateTime<Utc>,
) -> Result<bool> {
    let inserted = tx
        .prepare_cached(
            "INSERT OR IGNORE INTO progress (kind, item_id, module_id, at) VALUES (?1, ?2, ?3, ?4)",
        )?
        .execute(params![kind.as_str(), item_id, module_id, now.to_rfc3339()])?
        == 1;
    if inserted {
        let payload = serde_json::json!({
            "kind": kind.as_str(), "item_id": item_id, "module_id": module_id, "at": now.to_rfc3339(),
        })
        .to_string();
        outbox::append(
            tx,
            "progress",
            &format!("{}:{item_id}", kind.as_str()),
            hlc,
            &payload,
            now,
        )?;
    }
    Ok(inserted)
}

impl Store {
    /// Records each `(kind, item, module)` not yet recorded, in one transaction.
    pub fn record_progress(
        &mut self,
        items: &[(ProgressKind, &str, &str)],
        now: DateTime<Utc>,
    ) -> Result<usize> {
        if items.is_empty() {
            return Ok(0);
        }
        // A stamp each, taken up front; one not used (the record existed)
        // is simply skipped.
        let stamps: Vec<Hlc> = items.iter().map(|_| self.clock.tick(now)).collect();
        self.write(|tx| {
            let mut n = 0;
            for ((kind, item, module), hlc) in items.iter().zip(&stamps) {
                n += usize::from(record(tx, *kind, item, module, hlc, now)?);
            }
            Ok(n)
        })
    }

    /// Whether a progress record exists (one index lookup).
    pub fn has_progress(&self, kind: ProgressKind, item_id: &str) -> Result<bool> {
        use rusqlite::OptionalExtension;
        self.read(|c| {
            Ok(
                c.prepare_cached("SELECT 1 FROM progress WHERE kind = ?1 AND item_id = ?2")?
                    .query_row(params![kind.as_str(), item_id], |_| Ok(()))
                    .optional()?
                    .is_some(),
            )
        })
    }

    /// Everything the course rules need: progress facts and the modules
    /// that have been open. Two queries.
    pub fn progress_facts(&self) -> Result<(ProgressFacts, BTreeSet<String>, BTreeSet<String>)> {
        self.read(|c| {
            let mut facts = ProgressFacts::default();
            let mut ever_open = BTreeSet::new();
            let mut finished = BTreeSet::new();
            let mut stmt = c.prepare_cached("SELECT kind, item_id FROM progress")?;
            let mut rows = stmt.query([])?;
            while let Some(r) = rows.next()? {
                let kind: String = r.get(0)?;
                let item: String = r.get(1)?;
                match kind.as_str() {
                    "section_opened" => facts.opened.insert(item),
                    "exercise_done" => facts.exercises_done.insert(item),
                    "module_open" => ever_open.insert(item),
                    "module_finished" => finished.insert(item),
                    _ => false,
                };
            }
            // A skip-scan over the primary key: one index seek per answered
            // question, however many diary entries each has.
            let mut stmt = c.prepare_cached(
                "WITH RECURSIVE q(id) AS (
                     SELECT min(question_id) FROM answer_versions
                     UNION ALL
                     SELECT (SELECT min(question_id) FROM answer_versions WHERE question_id > q.id) FROM q WHERE q.id IS NOT NULL
                 ) SELECT id FROM q WHERE id IS NOT NULL",
            )?;
            facts.answered = stmt
                .query_map([], |r| r.get(0))?
                .collect::<rusqlite::Result<_>>()?;
            Ok((facts, ever_open, finished))
        })
    }
}
