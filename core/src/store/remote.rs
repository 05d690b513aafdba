//! What sync brings down, applied to the store, and what it settles after a
//! push.
//!
//! A page of the server's feed is applied in one transaction together with
//! the new cursor, so a crash leaves either the whole page and its cursor or
//! neither. Every stamp received moves this device's clock past it, and the
//! clock is saved in the same transaction, so later local edits stamp after
//! remote ones.

use chrono::{DateTime, Utc};
use rusqlite::{Transaction, params};

use super::messages::{self, IncomingMessage};
use super::progress::ProgressKind;
use super::{OutboxChange, Store, clinic, listening, meta};
use crate::course::Enrolment;
use crate::error::Result;
use crate::hlc::Hlc;
use crate::messages::{Author, MessageStatus, Thread, UnitInfo, Visit};

/// One change from the feed, decoded and checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RemoteChange {
    /// An answer version from the patient's other device.
    AnswerVersion {
        /// The version id.
        version_id: String,
        /// The question.
        question_id: String,
        /// The entry; empty for single answers.
        entry_id: String,
        /// The module.
        module_id: String,
        /// The value as JSON (an `AnswerValue`).
        value_json: String,
        /// When it was submitted.
        submitted_at: DateTime<Utc>,
    },
    /// Progress from the patient's other device.
    Progress {
        /// What kind.
        kind: ProgressKind,
        /// The section or module.
        item_id: String,
        /// The module.
        module_id: String,
        /// When.
        at: DateTime<Utc>,
    },
    /// A preference from the patient's other device.
    Preference {
        /// `display_name`, `language` or `text_size`.
        key: String,
        /// The value.
        value: String,
    },
    /// A message: the clinic's reply or the patient's from another device.
    Message(IncomingMessage),
    /// A message was read (by the clinic, or by the patient elsewhere).
    MessageRead {
        /// The message.
        message_id: String,
        /// When.
        read_at: DateTime<Utc>,
    },
    /// The whole enrolment (replaces the stored one).
    Enrolment(Enrolment),
    /// A booked visit (replaces an earlier item for the same id).
    Visit(Visit),
    /// The clinic reviewed an answer version.
    AnswerReviewed {
        /// The version.
        version_id: String,
        /// Its question.
        question_id: String,
        /// When.
        reviewed_at: DateTime<Utc>,
    },
    /// The unit's description.
    Unit(UnitInfo),
    /// Where the patient was in a recording, from another device (the later
    /// stamp wins).
    AudioPosition {
        /// The track (`section_id.lang`).
        track: String,
        /// The position.
        position_ms: u64,
    },
    /// A practice session from another device (the later stamp wins).
    PracticeSession(crate::practice::PracticeSession),
}

/// One decoded change with its stamp.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RemoteItem {
    /// The change's clock stamp.
    pub hlc: Hlc,
    /// The change.
    pub change: RemoteChange,
}

/// One page of the feed, ready to apply.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RemotePage {
    /// The changes this app knows, in feed order (unknown ones skipped).
    pub items: Vec<RemoteItem>,
    /// The cursor after this page.
    pub cursor: i64,
    /// The server's time.
    pub server_time: DateTime<Utc>,
}

/// Applies one change; returns whether it changed anything.
fn apply(
    tx: &Transaction<'_>,
    item: &RemoteItem,
    enrolment: &mut Option<Enrolment>,
    alert: &mut Option<(String, Thread)>,
) -> Result<bool> {
    let hlc = item.hlc.to_string();
    Ok(match &item.change {
        RemoteChange::AnswerVersion {
            version_id,
            question_id,
            entry_id,
            module_id,
            value_json,
            submitted_at,
        } => {
            // History is kept: a version is inserted once; the current one is
            // the highest stamp (ADR 0004).
            tx.prepare_cached(
                "INSERT OR IGNORE INTO answer_versions (id, question_id, entry_id, module_id, value, hlc, submitted_at, device_id)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            )?
            .execute(params![
                version_id,
                question_id,
                entry_id,
                module_id,
                value_json,
                hlc,
                submitted_at.to_rfc3339(),
                item.hlc.device
            ])? == 1
        }
        RemoteChange::Progress {
            kind,
            item_id,
            module_id,
            at,
        } => {
            tx.prepare_cached(
                "INSERT OR IGNORE INTO progress (kind, item_id, module_id, at) VALUES (?1, ?2, ?3, ?4)",
            )?
            .execute(params![kind.as_str(), item_id, module_id, at.to_rfc3339()])?
                == 1
        }
        RemoteChange::Preference { key, value } => {
            // The later writer wins by stamp.
            tx.prepare_cached(
                "INSERT INTO preferences (key, value, hlc) VALUES (?1, ?2, ?3)
                 ON CONFLICT (key) DO UPDATE SET value = excluded.value, hlc = excluded.hlc
                 WHERE excluded.hlc > preferences.hlc",
            )?
            .execute(params![key, value, hlc])?
                == 1
        }
        RemoteChange::Message(m) => {
            let new = messages::insert_incoming(tx, m, &hlc)?;
            if new && m.author == Author::Clinic {
                *alert = Some((m.id.clone(), m.thread));
            }
            new
        }
        RemoteChange::MessageRead {
            message_id,
            read_at,
        } => messages::mark_read(tx, message_id, *read_at)?,
        RemoteChange::Enrolment(e) => {
            meta::put_enrolment(tx, e, item.hlc_time())?;
            *enrolment = Some(e.clone());
            true
        }
        RemoteChange::Visit(v) => {
            clinic::put_visit(tx, v, &hlc)?;
            true
        }
        RemoteChange::AnswerReviewed {
            version_id,
            question_id,
            reviewed_at,
        } => {
            clinic::put_review(tx, version_id, question_id, *reviewed_at)?;
            true
        }
        RemoteChange::Unit(u) => {
            clinic::put_unit(tx, u)?;
            true
        }
        RemoteChange::AudioPosition { track, position_ms } => {
            listening::put_position(tx, track, *position_ms, &hlc)?
        }
        RemoteChange::PracticeSession(session) => listening::put_session(tx, session, &hlc)?,
    })
}

impl RemoteItem {
    /// The wall-clock part of the stamp.
    fn hlc_time(&self) -> DateTime<Utc> {
        DateTime::from_timestamp_millis(self.hlc.millis as i64).unwrap_or_default()
    }
}

impl Store {
    /// Applies a page of the feed and stores its cursor and the server's
    /// time, in one transaction. Returns how many changes changed something.
    pub fn apply_remote(&mut self, page: &RemotePage, now: DateTime<Utc>) -> Result<usize> {
        // The server's time counts too: a phone whose clock is behind still
        // follows stamps from the server's present.
        let reference = now.max(page.server_time);
        for item in &page.items {
            self.clock.receive(&item.hlc, reference);
        }
        let clock = self.clock.clone();
        let marks = self.marks;
        let mut enrolment = None;
        let (changed, marks) = self.write(|tx| {
            let mut changed = 0;
            let mut alert = None;
            for item in &page.items {
                changed += usize::from(apply(tx, item, &mut enrolment, &mut alert)?);
            }
            if let Some((id, thread)) = alert {
                // The reminder planner notifies about it (content free).
                super::activity::set_message_alert(tx, &id, thread, reference)?;
            }
            tx.prepare_cached("UPDATE sync_account SET cursor = ?1 WHERE id = 1")?
                .execute([page.cursor])?;
            let marks = meta::set_server_time(tx, page.server_time, marks)?;
            clock.save(tx)?;
            Ok((changed, marks))
        })?;
        if enrolment.is_some() {
            self.enrolment = enrolment;
        }
        self.marks = marks;
        Ok(changed)
    }

    /// Settles a push in one transaction: removes the changes the server
    /// stored (`accepted`) or refused for good (`rejected`), each only if it
    /// is still the row that was sent (sequence number, id and counter), and
    /// sets the status of the patient's messages among them (sent or
    /// failed). Stores the server's time. Returns how many rows were removed.
    pub fn settle_push(
        &mut self,
        accepted: &[OutboxChange],
        rejected: &[OutboxChange],
        server_time: DateTime<Utc>,
    ) -> Result<usize> {
        let clock = self.clock.clone();
        let marks = self.marks;
        let (n, marks) = self.write(|tx| {
            let mut n = 0;
            for (changes, status) in [
                (accepted, MessageStatus::Sent),
                (rejected, MessageStatus::Failed),
            ] {
                for c in changes {
                    n += tx
                        .prepare_cached(
                            "DELETE FROM outbox WHERE seq = ?1 AND id = ?2 AND change_counter = ?3",
                        )?
                        .execute(params![c.seq, c.id, c.change_counter])?;
                    if c.entity == "message" {
                        messages::settle(tx, &c.entity_id, status)?;
                    }
                }
            }
            let marks = meta::set_server_time(tx, server_time, marks)?;
            // The removed rows may have held the newest stamp.
            clock.save(tx)?;
            Ok((n, marks))
        })?;
        self.marks = marks;
        Ok(n)
    }
}
