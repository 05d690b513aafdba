//! Messaging with the clinic and what the clinic booked: send a message
//! (queued until sync), read a thread, the compose view, visits.

use super::PainSchool;
use super::preferences::language;
use crate::error::{Error, Result};
use crate::messages::{Compose, MAX_DRAFT_CHARS, Message, Thread, Visit, check_text, compose};

impl PainSchool {
    /// Writes a message to `thread`: checked (1–4,000 characters after
    /// trimming), stored with its outbox change in one transaction, status
    /// queued until a sync sends it.
    pub fn send_message(&self, thread: Thread, text: &str) -> Result<Message> {
        let text = check_text(text).map_err(|e| Error::InvalidInput(e.to_string()))?;
        let mut store = self.store();
        // After the end, messages may still go for the 14 days of grace.
        if let Some(enrolment) = store.enrolment().cloned()
            && let Err(Error::AccessEnded {
                ended_at,
                grace_until,
            }) = self.ensure_access(&mut store, &enrolment)
            && self.effective_now(&mut store)? >= grace_until
        {
            return Err(Error::AccessEnded {
                ended_at,
                grace_until,
            });
        }
        let message = store.send_message(thread, text, self.clock.now())?;
        drop(store);
        self.changed();
        Ok(message)
    }

    /// Keeps what the patient is writing to `thread`, as typed (autosave;
    /// on the phone only, never synced). An empty text removes the draft;
    /// sending a message to the thread removes it too. Longer than
    /// [`MAX_DRAFT_CHARS`] is refused (invalid input), the old draft kept.
    pub fn save_message_draft(&self, thread: Thread, text: &str) -> Result<()> {
        if text.chars().count() > MAX_DRAFT_CHARS {
            return Err(Error::InvalidInput(format!(
                "a message draft holds at most {MAX_DRAFT_CHARS} characters"
            )));
        }
        self.store()
            .save_message_draft(thread, text, self.clock.now())
    }

    /// What the patient was writing to `thread` and has not sent, if anything.
    pub fn message_draft(&self, thread: Thread) -> Result<Option<String>> {
        self.store().message_draft(thread)
    }

    /// The messages of `thread`, newest last, each with its status.
    pub fn messages(&self, thread: Thread) -> Result<Vec<Message>> {
        self.store().messages(thread)
    }

    /// Marks the clinic's unread messages in `thread` as read (the clinic
    /// sees it after the next sync). Returns how many were unread.
    pub fn mark_thread_read(&self, thread: Thread) -> Result<usize> {
        let n = self.store().mark_thread_read(thread, self.clock.now())?;
        if n > 0 {
            self.changed();
        }
        Ok(n)
    }

    /// What the compose screen for `thread` shows: the unit's stated reply
    /// time in the patient's language and the safety line.
    pub fn compose(&self, thread: Thread) -> Result<Compose> {
        let store = self.store();
        let lang = language(&store)?;
        Ok(compose(thread, store.unit()?.as_ref(), lang))
    }

    /// The visits the clinic booked, by start time (cancelled ones flagged).
    pub fn visits(&self) -> Result<Vec<Visit>> {
        self.store().visits()
    }
}
