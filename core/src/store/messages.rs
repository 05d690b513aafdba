//! Messages with the clinic: the patient's own (stored with their outbox
//! change in one transaction, status queued), the clinic's replies, and the
//! status changes that sync brings (sent, read, failed).

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension, Row, Transaction, params};

use super::{Store, outbox};
use crate::error::{Error, Result};
use crate::messages::{Author, Message, MessageStatus, Thread};

fn time(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s)
        .map(|t| t.with_timezone(&Utc))
        .unwrap_or_default()
}

fn message_row(r: &Row<'_>) -> rusqlite::Result<Message> {
    let thread: String = r.get(1)?;
    let author: String = r.get(2)?;
    let written: String = r.get(5)?;
    let status: String = r.get(6)?;
    let read: Option<String> = r.get(7)?;
    Ok(Message {
        id: r.get(0)?,
        // The table's CHECKs allow only these names.
        thread: Thread::parse(&thread).unwrap_or(Thread::Team),
        author: Author::parse(&author).unwrap_or(Author::Clinic),
        author_name: r.get(3)?,
        text: r.get(4)?,
        written_at: time(&written),
        status: MessageStatus::parse(&status).unwrap_or(MessageStatus::Sent),
        read_at: read.as_deref().map(time),
    })
}

/// A message to store as it arrived (from the clinic or the patient's
/// other device).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IncomingMessage {
    /// The message id.
    pub id: String,
    /// The thread.
    pub thread: Thread,
    /// Who wrote it.
    pub author: Author,
    /// The clinician's or team's name.
    pub author_name: Option<String>,
    /// The text.
    pub text: String,
    /// When it was written or sent.
    pub written_at: DateTime<Utc>,
}

/// Stores a message that came down, once (a message never changes).
/// Returns whether it was new.
pub(super) fn insert_incoming(
    tx: &Transaction<'_>,
    m: &IncomingMessage,
    hlc: &str,
) -> Result<bool> {
    Ok(tx
        .prepare_cached(
            "INSERT OR IGNORE INTO messages (id, thread, author, author_name, text, written_at, status, read_at, hlc)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, 'sent', NULL, ?7)",
        )?
        .execute(params![
            m.id,
            m.thread.as_str(),
            m.author.as_str(),
            m.author_name,
            m.text,
            m.written_at.to_rfc3339(),
            hlc
        ])?
        == 1)
}

/// Marks a message read (by the clinic, or by the patient on another
/// device). Returns whether it changed.
pub(super) fn mark_read(tx: &Transaction<'_>, id: &str, at: DateTime<Utc>) -> Result<bool> {
    Ok(tx
        .prepare_cached(
            "UPDATE messages SET status = 'read', read_at = ?2 WHERE id = ?1 AND status IN ('sent', 'queued')",
        )?
        .execute(params![id, at.to_rfc3339()])?
        == 1)
}

/// Sets the status of the patient's own queued messages after a push:
/// `sent` when the server took them, `failed` when it refused them.
pub(super) fn settle(tx: &Transaction<'_>, id: &str, status: MessageStatus) -> Result<()> {
    tx.prepare_cached(
        "UPDATE messages SET status = ?2 WHERE id = ?1 AND author = 'patient' AND status = 'queued'",
    )?
    .execute(params![id, status.as_str()])?;
    Ok(())
}

fn list(c: &Connection, thread: Thread) -> Result<Vec<Message>> {
    let mut stmt = c.prepare_cached(
        "SELECT id, thread, author, author_name, text, written_at, status, read_at FROM messages
         WHERE thread = ?1 ORDER BY written_at, id",
    )?;
    let rows = stmt.query_map([thread.as_str()], message_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

impl Store {
    /// Stores a patient message (status queued) and its outbox change in one
    /// transaction. The text must already be checked.
    pub fn send_message(
        &mut self,
        thread: Thread,
        text: &str,
        now: DateTime<Utc>,
    ) -> Result<Message> {
        let hlc = self.clock.tick(now);
        self.write(|tx| {
            let id = uuid::Uuid::now_v7().to_string();
            let at = now.to_rfc3339();
            let hlc_s = hlc.to_string();
            tx.prepare_cached(
                "INSERT INTO messages (id, thread, author, author_name, text, written_at, status, read_at, hlc)
                 VALUES (?1, ?2, 'patient', NULL, ?3, ?4, 'queued', NULL, ?5)",
            )?
            .execute(params![id, thread.as_str(), text, at, hlc_s])?;
            let payload = serde_json::json!({
                "message_id": id, "thread": thread.as_str(), "text": text, "written_at": at,
            })
            .to_string();
            outbox::append(tx, "message", &id, &hlc, &payload, now)?;
            // Sent: what was being written is no longer a draft.
            tx.prepare_cached("DELETE FROM message_drafts WHERE thread = ?1")?
                .execute([thread.as_str()])?;
            Ok(Message {
                id,
                thread,
                author: Author::Patient,
                author_name: None,
                text: text.to_owned(),
                written_at: now,
                status: MessageStatus::Queued,
                read_at: None,
            })
        })
    }

    /// Keeps what the patient is writing to `thread` (on the phone only,
    /// never synced); an empty text removes the draft.
    pub fn save_message_draft(
        &mut self,
        thread: Thread,
        text: &str,
        now: DateTime<Utc>,
    ) -> Result<()> {
        self.write(|tx| {
            if text.is_empty() {
                tx.prepare_cached("DELETE FROM message_drafts WHERE thread = ?1")?
                    .execute([thread.as_str()])?;
            } else {
                tx.prepare_cached(
                    "INSERT INTO message_drafts (thread, text, saved_at) VALUES (?1, ?2, ?3)
                     ON CONFLICT (thread) DO UPDATE SET text = excluded.text, saved_at = excluded.saved_at",
                )?
                .execute(params![thread.as_str(), text, now.to_rfc3339()])?;
            }
            Ok(())
        })
    }

    /// What the patient was writing to `thread`, if anything.
    pub fn message_draft(&self, thread: Thread) -> Result<Option<String>> {
        self.read(|c| {
            Ok(
                c.prepare_cached("SELECT text FROM message_drafts WHERE thread = ?1")?
                    .query_row([thread.as_str()], |r| r.get(0))
                    .optional()?,
            )
        })
    }

    /// A thread's messages, oldest first (newest last).
    pub fn messages(&self, thread: Thread) -> Result<Vec<Message>> {
        self.read(|c| list(c, thread))
    }

    /// Marks the clinic's unread messages in `thread` as read by the patient
    /// and queues a `message_read` change for each, in one transaction.
    /// Returns how many were marked.
    pub fn mark_thread_read(&mut self, thread: Thread, now: DateTime<Utc>) -> Result<usize> {
        let unread: Vec<String> = self.read(|c| {
            let mut stmt = c.prepare_cached(
                "SELECT id FROM messages WHERE thread = ?1 AND author = 'clinic' AND status = 'sent'",
            )?;
            let rows = stmt.query_map([thread.as_str()], |r| r.get(0))?;
            Ok(rows.collect::<rusqlite::Result<_>>()?)
        })?;
        if unread.is_empty() {
            return Ok(0);
        }
        let stamps: Vec<_> = unread.iter().map(|_| self.clock.tick(now)).collect();
        self.write(|tx| {
            for (id, hlc) in unread.iter().zip(&stamps) {
                if !mark_read(tx, id, now)? {
                    return Err(Error::Storage(
                        "message changed while marking it read".into(),
                    ));
                }
                let payload = serde_json::json!({ "message_id": id, "read_at": now.to_rfc3339() })
                    .to_string();
                outbox::append(tx, "message_read", id, hlc, &payload, now)?;
            }
            Ok(unread.len())
        })
    }
}
