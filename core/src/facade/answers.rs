//! Saving drafts, submitting answers and reading them back.

use chrono::{DateTime, Utc};
use serde::Serialize;

use super::PainSchool;
use crate::answers::{AnswerValue, validate};
use crate::content::{Module, Question, QuestionKind, Section, SectionKind};
use crate::course::week::course_week;
use crate::error::{Error, Result};
use crate::store::ProgressKind;
use crate::store::{StoredVersion, SubmitRecord};

/// Which answer of a question a call is about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EntryRef {
    /// The question's only answer; for a diary, a new entry; for a check-in,
    /// this course week's entry.
    Current,
    /// An existing entry (a diary row, an earlier check-in week).
    Existing(String),
}

impl EntryRef {
    /// The entry id as stored: empty for a question's only answer (and the
    /// draft of a new entry).
    fn stored_id(&self) -> &str {
        match self {
            EntryRef::Current => "",
            EntryRef::Existing(id) => id,
        }
    }
}

/// One stored version of an answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AnswerVersion {
    /// The version's id.
    pub version_id: String,
    /// The question.
    pub question_id: String,
    /// The entry, for diary and check-in questions.
    pub entry_id: Option<String>,
    /// The value.
    pub value: AnswerValue,
    /// When it was submitted.
    pub submitted_at: DateTime<Utc>,
    /// When the clinic marked this version reviewed (it arrives on sync);
    /// `None` until then, and for a version written after the review.
    pub reviewed_at: Option<DateTime<Utc>>,
}

impl AnswerVersion {
    pub(super) fn from_stored(v: StoredVersion) -> Result<Self> {
        let value = serde_json::from_str(&v.value_json)
            .map_err(|_| Error::Storage("unreadable answer value".into()))?;
        Ok(AnswerVersion {
            version_id: v.version_id,
            question_id: v.question_id,
            entry_id: (!v.entry_id.is_empty()).then_some(v.entry_id),
            value,
            submitted_at: v.submitted_at,
            reviewed_at: v.reviewed_at,
        })
    }
}

/// A question of a module with its current answers (one, or one per entry).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct QuestionAnswers {
    /// The section holding the question.
    pub section_id: String,
    /// The question.
    pub question_id: String,
    /// The question text in the patient's language.
    pub prompt: String,
    /// The question type (`free_text`, `diary`, …).
    pub question_type: &'static str,
    /// Current versions, oldest entry first; empty when not answered yet.
    pub answers: Vec<AnswerVersion>,
}

/// The entry id of a check-in for course week `week`.
pub(super) fn check_in_entry(week: u32) -> String {
    format!("week-{week:02}")
}

fn to_json(value: &AnswerValue) -> Result<String> {
    serde_json::to_string(value).map_err(|_| Error::Storage("cannot encode answer".into()))
}

impl PainSchool {
    fn find_question(&self, question_id: &str) -> Result<(&Module, &Section, &Question)> {
        self.bundle
            .question(question_id)
            .ok_or_else(|| Error::UnknownQuestion(question_id.to_owned()))
    }

    /// Saves a draft. Drafts are kept on this device only, never sent to the
    /// clinic, and may be empty or incomplete.
    pub fn save_draft(
        &self,
        question_id: &str,
        entry: &EntryRef,
        value: &AnswerValue,
    ) -> Result<()> {
        self.find_question(question_id)?;
        let mut store = self.store();
        let enrolment = store.enrolment().cloned().ok_or(Error::NotEnrolled)?;
        self.ensure_access(&mut store, &enrolment)?;
        let now = self.clock.now();
        store.save_draft(question_id, entry.stored_id(), &to_json(value)?, now)?;
        drop(store);
        self.changed();
        Ok(())
    }

    /// The draft of a question or entry.
    pub fn draft(&self, question_id: &str, entry: &EntryRef) -> Result<Option<AnswerValue>> {
        self.find_question(question_id)?;
        let draft = self.store().draft(question_id, entry.stored_id())?;
        draft
            .map(|(json, _)| {
                serde_json::from_str(&json).map_err(|_| Error::Storage("unreadable draft".into()))
            })
            .transpose()
    }

    /// Submits an answer: validated against the question, stored as a new
    /// version (the old ones stay in the history) and queued for the clinic.
    pub fn submit_answer(
        &self,
        question_id: &str,
        entry: &EntryRef,
        value: &AnswerValue,
    ) -> Result<AnswerVersion> {
        let (module, section, question) = self.find_question(question_id)?;
        validate(question, value).map_err(|reason| Error::InvalidAnswer {
            question_id: question_id.to_owned(),
            reason,
        })?;
        let mut store = self.store();
        // Fast path: a module recorded as open stays open. Otherwise work out
        // the state (which records it when it has just opened).
        let enrolment = store.enrolment().cloned().ok_or(Error::NotEnrolled)?;
        self.ensure_access(&mut store, &enrolment)?;
        let mut now = self.effective_now(&mut store)?;
        if !store.has_progress(ProgressKind::ModuleOpen, &module.id)? {
            let state = self.state(&mut store)?;
            now = state.now;
            let card = state.cards.iter().find(|c| c.id == module.id);
            if let Some(crate::course::ModuleCard {
                lock: crate::course::ModuleLock::Locked { opens_at },
                ..
            }) = card
            {
                return Err(Error::ModuleLocked {
                    module_id: module.id.clone(),
                    opens_at: *opens_at,
                });
            }
        }
        let repeated = matches!(question.kind, QuestionKind::Diary { .. });
        let check_in = matches!(section.kind, SectionKind::CheckIn(_));
        let entry_id = match entry {
            EntryRef::Current if check_in => {
                check_in_entry(store.enrolment().map_or(1, |e| course_week(e, now).max(1)))
            }
            EntryRef::Current if repeated => uuid::Uuid::now_v7().to_string(),
            EntryRef::Current => String::new(),
            EntryRef::Existing(id) if repeated || check_in => {
                if !store.entry_exists(question_id, id)? {
                    return Err(Error::InvalidInput(format!(
                        "question \"{question_id}\" has no entry \"{id}\""
                    )));
                }
                id.clone()
            }
            EntryRef::Existing(_) => {
                return Err(Error::InvalidInput(format!(
                    "question \"{question_id}\" has a single answer, not entries"
                )));
            }
        };
        let json = to_json(value)?;
        let rec = SubmitRecord {
            question_id,
            entry_id: &entry_id,
            module_id: &module.id,
            value_json: &json,
        };
        let stored = store.submit_answer(rec, self.clock.now())?;
        // A module this answer finishes is recorded at once. Only a required
        // question's first answer can finish one.
        if question.required && stored.first_answer {
            self.record_if_finished(&mut store, module, now)?;
        }
        drop(store);
        self.changed();
        tracing::debug!(question_id, "answer submitted");
        AnswerVersion::from_stored(stored.version)
    }

    /// Every question of a module with its current answers.
    pub fn module_answers(&self, module_id: &str) -> Result<Vec<QuestionAnswers>> {
        let module = self
            .bundle
            .module(module_id)
            .ok_or_else(|| Error::UnknownModule(module_id.to_owned()))?;
        let store = self.store();
        let lang = super::preferences::language(&store)?;
        let mut out = Vec::new();
        for section in &module.sections {
            for q in section.kind.questions() {
                let mine = store.current_answers(&q.id)?;
                out.push(QuestionAnswers {
                    section_id: section.id.clone(),
                    question_id: q.id.clone(),
                    prompt: q.prompt.get(lang).clone(),
                    question_type: q.kind.name(),
                    answers: mine
                        .into_iter()
                        .map(AnswerVersion::from_stored)
                        .collect::<Result<_>>()?,
                });
            }
        }
        Ok(out)
    }

    /// Every submitted version of one answer, oldest first.
    pub fn answer_history(
        &self,
        question_id: &str,
        entry: &EntryRef,
    ) -> Result<Vec<AnswerVersion>> {
        self.find_question(question_id)?;
        let versions = self
            .store()
            .answer_history(question_id, entry.stored_id())?;
        versions
            .into_iter()
            .map(AnswerVersion::from_stored)
            .collect()
    }
}
