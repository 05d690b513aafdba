//! What the reminder planner and the access rules read from the database
//! besides the course: when the patient last worked in each module, the
//! newest message from the clinic still unread, the nudge history, and
//! whether the server has refused this device because access ended.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use rusqlite::{OptionalExtension, Transaction};
use serde::{Deserialize, Serialize};

use super::{Store, meta};
use crate::error::Result;
use crate::messages::Thread;
use crate::reminders::MessageAlert;

const MESSAGE_ALERT: &str = "message_alert";
const NUDGE_PLANNED: &str = "nudge_planned_at";
const NUDGE_LAST: &str = "nudge_last_at";
const ACCESS_REFUSED: &str = "access_refused_at";
const REMINDERS_THROUGH: &str = "reminders_through";

/// The nudge planned last and the last nudge that fired.
pub type NudgeMarks = (Option<DateTime<Utc>>, Option<DateTime<Utc>>);

/// The patient's activity in one module.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ModuleActivity {
    /// When this device (or another of the patient's) first saw it open.
    pub opened_at: Option<DateTime<Utc>>,
    /// Whether a section of it was opened.
    pub started: bool,
    /// The latest section read, exercise done or answer given in it.
    pub last_touch: Option<DateTime<Utc>>,
}

fn parse_time(s: &str) -> Option<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(s)
        .ok()
        .map(|t| t.with_timezone(&Utc))
}

#[derive(Serialize, Deserialize)]
struct StoredAlert {
    id: String,
    thread: Thread,
    at: DateTime<Utc>,
}

/// Records that sync brought a new message from the clinic at `at` (the
/// newest one wins), in the transaction that stores it.
pub(super) fn set_message_alert(
    tx: &Transaction<'_>,
    id: &str,
    thread: Thread,
    at: DateTime<Utc>,
) -> Result<()> {
    let json = serde_json::to_string(&StoredAlert {
        id: id.to_owned(),
        thread,
        at,
    })
    .unwrap_or_default();
    Ok(meta::set(tx, MESSAGE_ALERT, &json)?)
}

impl Store {
    /// Activity per module id.
    pub fn module_activity(&self) -> Result<HashMap<String, ModuleActivity>> {
        self.read(|c| {
            let mut out: HashMap<String, ModuleActivity> = HashMap::new();
            let touch = |out: &mut HashMap<String, ModuleActivity>,
                         module: String,
                         at: Option<DateTime<Utc>>| {
                let a = out.entry(module).or_default();
                a.last_touch = a.last_touch.max(at);
            };
            let mut stmt = c.prepare_cached(
                "SELECT module_id, kind, min(at), max(at) FROM progress GROUP BY module_id, kind",
            )?;
            let rows = stmt.query_map([], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, String>(3)?,
                ))
            })?;
            for row in rows {
                let (module, kind, first, last) = row?;
                if kind == "module_open" {
                    out.entry(module).or_default().opened_at = parse_time(&first);
                } else {
                    if kind == "section_opened" {
                        out.entry(module.clone()).or_default().started = true;
                    }
                    touch(&mut out, module, parse_time(&last));
                }
            }
            let mut stmt = c.prepare_cached(
                "SELECT module_id, max(submitted_at) FROM answer_versions GROUP BY module_id",
            )?;
            let rows =
                stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?;
            for row in rows {
                let (module, last) = row?;
                touch(&mut out, module, parse_time(&last));
            }
            Ok(out)
        })
    }

    /// When each question's draft was last saved (drafts carry no module;
    /// the caller maps them through the bundle).
    pub fn draft_times(&self) -> Result<Vec<(String, DateTime<Utc>)>> {
        self.read(|c| {
            let mut stmt = c.prepare_cached(
                "SELECT question_id, max(saved_at) FROM drafts GROUP BY question_id",
            )?;
            let rows =
                stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?;
            let mut out = Vec::new();
            for row in rows {
                let (q, at) = row?;
                if let Some(at) = parse_time(&at) {
                    out.push((q, at));
                }
            }
            Ok(out)
        })
    }

    /// The newest message sync brought from the clinic, while it is unread.
    pub fn message_alert(&self) -> Result<Option<MessageAlert>> {
        self.read(|c| {
            let Some(json) = meta::get(c, MESSAGE_ALERT)? else {
                return Ok(None);
            };
            let Ok(alert) = serde_json::from_str::<StoredAlert>(&json) else {
                return Ok(None);
            };
            let unread = c
                .prepare_cached(
                    "SELECT 1 FROM messages WHERE id = ?1 AND author = 'clinic' AND status = 'sent'",
                )?
                .query_row([&alert.id], |_| Ok(()))
                .optional()?
                .is_some();
            Ok(unread.then_some(MessageAlert {
                message_id: alert.id,
                thread: alert.thread,
                arrived_at: alert.at,
            }))
        })
    }

    /// The nudge planned last (`planned`) and the last one that fired.
    pub fn nudge_marks(&self) -> Result<NudgeMarks> {
        self.read(|c| {
            Ok((
                meta::get_time(c, NUDGE_PLANNED)?,
                meta::get_time(c, NUDGE_LAST)?,
            ))
        })
    }

    /// Saves the nudge marks (only when they change).
    pub fn set_nudge_marks(
        &mut self,
        planned: Option<DateTime<Utc>>,
        last: Option<DateTime<Utc>>,
    ) -> Result<()> {
        if self.nudge_marks()? == (planned, last) {
            return Ok(());
        }
        self.write(|tx| {
            for (key, value) in [(NUDGE_PLANNED, planned), (NUDGE_LAST, last)] {
                match value {
                    Some(at) => meta::set(tx, key, &at.to_rfc3339())?,
                    None => {
                        tx.prepare_cached("DELETE FROM meta WHERE key = ?1")?
                            .execute([key])?;
                    }
                }
            }
            Ok(())
        })
    }

    /// The latest effective now a reminder plan was made at: requests up
    /// to it have fired (or were due) by the device's clock, so they are
    /// never planned again, even after the server corrects a clock that
    /// ran ahead.
    pub fn reminders_through(&self) -> Result<Option<DateTime<Utc>>> {
        self.read(|c| meta::get_time(c, REMINDERS_THROUGH))
    }

    /// Raises the mark of [`Store::reminders_through`] to `at`.
    pub fn raise_reminders_through(&mut self, at: DateTime<Utc>) -> Result<()> {
        if self.reminders_through()?.is_some_and(|t| t >= at) {
            return Ok(());
        }
        self.write(|tx| Ok(meta::set(tx, REMINDERS_THROUGH, &at.to_rfc3339())?))
    }

    /// When the server last refused this device because access ended;
    /// cleared by a sync that succeeds (the clinic extended access).
    pub fn access_refused_at(&self) -> Result<Option<DateTime<Utc>>> {
        self.read(|c| meta::get_time(c, ACCESS_REFUSED))
    }

    /// Records the server's refusal (`Some`) or clears it (`None`).
    pub fn set_access_refused(&mut self, at: Option<DateTime<Utc>>) -> Result<()> {
        if self.access_refused_at()?.is_none() && at.is_none() {
            return Ok(());
        }
        self.write(|tx| {
            match at {
                Some(at) => meta::set(tx, ACCESS_REFUSED, &at.to_rfc3339())?,
                None => {
                    tx.prepare_cached("DELETE FROM meta WHERE key = ?1")?
                        .execute([ACCESS_REFUSED])?;
                }
            }
            Ok(())
        })
    }
}
