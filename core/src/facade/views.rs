//! What the reader shows for one section, in the patient's language.

use std::path::PathBuf;

use serde::Serialize;

use super::PainSchool;
use super::answers::{AnswerVersion, EntryRef};
use crate::content::{FieldKind, Lang, LocalizedPath, Media, QuestionKind, SectionKind};
use crate::course::ModuleLock;
use crate::error::{Error, Result};
use crate::store::ProgressKind;

/// A media file to play or show.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MediaRef {
    /// Absolute path of the file.
    pub path: PathBuf,
    /// Its expected SHA-256.
    pub sha256: String,
}

/// A question as the reader shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct QuestionView {
    /// Question id.
    pub id: String,
    /// The question text.
    pub prompt: String,
    /// The type (`free_text`, `scale`, …).
    pub question_type: &'static str,
    /// Whether it must be answered to finish the module.
    pub required: bool,
    /// Scale or number range, if any.
    pub range: Option<(i64, i64)>,
    /// Labels of the scale's ends.
    pub range_labels: Option<(String, String)>,
    /// Options: `(id, label)`.
    pub options: Vec<(String, String)>,
    /// Diary fields: `(id, label, type)`.
    pub fields: Vec<(String, String, &'static str)>,
    /// The current answers (one, or one per entry).
    pub answers: Vec<AnswerVersion>,
    /// The draft for the question (or a new entry), if any.
    pub draft: Option<crate::answers::AnswerValue>,
}

/// One line of a module's contents: what the reader lists before a section
/// is opened.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SectionCard {
    /// Section id.
    pub id: String,
    /// Section kind (`text`, `image`, …).
    pub kind: &'static str,
    /// Title.
    pub title: String,
    /// Whether it counts as done (the same rule as the module's progress).
    pub done: bool,
}

/// One section as the reader shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SectionView {
    /// Module id.
    pub module_id: String,
    /// Section id.
    pub section_id: String,
    /// Section kind (`text`, `image`, …).
    pub kind: &'static str,
    /// Title.
    pub title: String,
    /// Markdown body: the text, or the introduction of a form or exercise.
    pub body_markdown: Option<String>,
    /// Transcript of audio, video or mindfulness, as Markdown.
    pub transcript_markdown: Option<String>,
    /// The image, recording or film.
    pub media: Option<MediaRef>,
    /// Captions of a video.
    pub captions: Option<MediaRef>,
    /// Alt text of an image.
    pub alt_text: Option<String>,
    /// Caption of an image.
    pub caption: Option<String>,
    /// Length of a recording or film.
    pub duration_seconds: Option<u32>,
    /// The questions of a form.
    pub questions: Vec<QuestionView>,
}

impl PainSchool {
    fn markdown(&self, paths: &LocalizedPath, lang: Lang) -> Result<String> {
        self.bundle.read_text(paths.get(lang)).map_err(Error::from)
    }

    fn media(&self, m: &Media) -> MediaRef {
        MediaRef {
            path: self.bundle.root.join(&m.path),
            sha256: m.sha256.clone(),
        }
    }

    /// The sections of an open module in course order, in the patient's
    /// language, each with whether it is done. Records nothing.
    pub fn module_sections(&self, module_id: &str) -> Result<Vec<SectionCard>> {
        let module = self
            .bundle
            .module(module_id)
            .ok_or_else(|| Error::UnknownModule(module_id.to_owned()))?;
        let mut store = self.store();
        let state = self.state(&mut store)?;
        self.ensure_access(&mut store, &state.enrolment)?;
        if let Some(ModuleLock::Locked { opens_at }) = state
            .cards
            .iter()
            .find(|c| c.id == module.id)
            .map(|c| c.lock.clone())
        {
            return Err(Error::ModuleLocked {
                module_id: module.id.clone(),
                opens_at,
            });
        }
        let (facts, _, _) = store.progress_facts()?;
        Ok(module
            .sections
            .iter()
            .map(|s| SectionCard {
                id: s.id.clone(),
                kind: s.kind.name(),
                title: s.title.get(state.lang).clone(),
                done: crate::course::progress::section_done(s, &facts),
            })
            .collect())
    }

    /// Opens a section: checks that its module is open, records that it was
    /// opened, and returns what to show.
    pub fn open_section(&self, section_id: &str) -> Result<SectionView> {
        let (module, section) = self
            .bundle
            .section(section_id)
            .ok_or_else(|| Error::UnknownSection(section_id.to_owned()))?;
        let mut store = self.store();
        let state = self.state(&mut store)?;
        self.ensure_access(&mut store, &state.enrolment)?;
        let card = state
            .cards
            .iter()
            .find(|c| c.id == module.id)
            .ok_or_else(|| Error::UnknownModule(module.id.clone()))?;
        if let ModuleLock::Locked { opens_at } = card.lock {
            return Err(Error::ModuleLocked {
                module_id: module.id.clone(),
                opens_at,
            });
        }
        let now = state.now;
        let lang = state.lang;
        self.record_new_progress(store, ProgressKind::SectionOpened, module, &section.id, now)?;
        let mut view = SectionView {
            module_id: module.id.clone(),
            section_id: section.id.clone(),
            kind: section.kind.name(),
            title: section.title.get(lang).clone(),
            body_markdown: None,
            transcript_markdown: None,
            media: None,
            captions: None,
            alt_text: None,
            caption: None,
            duration_seconds: None,
            questions: Vec::new(),
        };
        match &section.kind {
            SectionKind::Text { body } => view.body_markdown = Some(self.markdown(body, lang)?),
            SectionKind::Image { file, alt, caption } => {
                view.media = Some(self.media(file));
                view.alt_text = Some(alt.get(lang).clone());
                view.caption = caption.as_ref().map(|c| c.get(lang).clone());
            }
            SectionKind::Audio {
                file,
                transcript,
                duration_seconds,
            } => {
                view.media = Some(self.media(file.get(lang)));
                view.transcript_markdown = Some(self.markdown(transcript, lang)?);
                view.duration_seconds = Some(*duration_seconds);
            }
            SectionKind::Video {
                file,
                captions,
                transcript,
                duration_seconds,
            } => {
                view.media = Some(self.media(file.get(lang)));
                view.captions = Some(self.media(captions.get(lang)));
                view.transcript_markdown = Some(self.markdown(transcript, lang)?);
                view.duration_seconds = Some(*duration_seconds);
            }
            SectionKind::Mindfulness {
                intro,
                audio,
                transcript,
                duration_seconds,
            } => {
                view.body_markdown = intro.as_ref().map(|p| self.markdown(p, lang)).transpose()?;
                view.media = Some(self.media(audio.get(lang)));
                view.transcript_markdown = Some(self.markdown(transcript, lang)?);
                view.duration_seconds = Some(*duration_seconds);
            }
            SectionKind::Assignment(form)
            | SectionKind::Reflection(form)
            | SectionKind::CheckIn(form) => {
                view.body_markdown = form
                    .intro
                    .as_ref()
                    .map(|p| self.markdown(p, lang))
                    .transpose()?;
                let answers = self.module_answers(&module.id)?;
                for q in &form.questions {
                    let current = answers
                        .iter()
                        .find(|a| a.question_id == q.id)
                        .map(|a| a.answers.clone());
                    view.questions.push(question_view(
                        q,
                        lang,
                        current.unwrap_or_default(),
                        self.draft(&q.id, &EntryRef::Current)?,
                    ));
                }
            }
        }
        Ok(view)
    }

    /// Marks an exercise (audio, video, mindfulness) as done.
    pub fn mark_exercise_done(&self, section_id: &str) -> Result<()> {
        let (module, section) = self
            .bundle
            .section(section_id)
            .ok_or_else(|| Error::UnknownSection(section_id.to_owned()))?;
        if !section.kind.is_exercise() {
            return Err(Error::InvalidInput(format!(
                "section \"{section_id}\" is not an exercise"
            )));
        }
        self.open_section(section_id)?;
        let mut store = self.store();
        let now = self.effective_now(&mut store)?;
        self.record_new_progress(store, ProgressKind::ExerciseDone, module, &section.id, now)
    }

    /// Records one progress item; when it is new, records the module as
    /// finished if it now is, releases the store and tells views.
    fn record_new_progress(
        &self,
        mut store: std::sync::MutexGuard<'_, crate::store::Store>,
        kind: ProgressKind,
        module: &crate::content::Module,
        item_id: &str,
        now: chrono::DateTime<chrono::Utc>,
    ) -> Result<()> {
        if store.record_progress(&[(kind, item_id, &module.id)], now)? > 0 {
            self.record_if_finished(&mut store, module, now)?;
            drop(store);
            self.changed();
        }
        Ok(())
    }
}

fn question_view(
    q: &crate::content::Question,
    lang: Lang,
    answers: Vec<AnswerVersion>,
    draft: Option<crate::answers::AnswerValue>,
) -> QuestionView {
    let label = |t: &crate::content::Text| t.get(lang).clone();
    let mut v = QuestionView {
        id: q.id.clone(),
        prompt: label(&q.prompt),
        question_type: q.kind.name(),
        required: q.required,
        range: None,
        range_labels: None,
        options: Vec::new(),
        fields: Vec::new(),
        answers,
        draft,
    };
    match &q.kind {
        QuestionKind::FreeText { .. } => {}
        QuestionKind::Scale {
            min,
            max,
            min_label,
            max_label,
        } => {
            v.range = Some((*min, *max));
            v.range_labels = Some((label(min_label), label(max_label)));
        }
        QuestionKind::SingleChoice { options }
        | QuestionKind::MultipleChoice { options }
        | QuestionKind::Checklist { options } => {
            v.options = options
                .iter()
                .map(|o| (o.id.clone(), label(&o.label)))
                .collect();
        }
        QuestionKind::Diary { fields } => {
            v.fields = fields
                .iter()
                .map(|f| {
                    let ty = match f.kind {
                        FieldKind::Date => "date",
                        FieldKind::Text => "text",
                        FieldKind::Number { .. } => "number",
                        FieldKind::Scale { .. } => "scale",
                    };
                    (f.id.clone(), label(&f.label), ty)
                })
                .collect();
        }
    }
    v
}
