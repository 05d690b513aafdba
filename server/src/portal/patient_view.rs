//! The patient page's answers, as a pure function of the course bundle and
//! the patient's submitted answer versions: per module, each question's text
//! beside the patient's current answer (the highest clock stamp per question
//! and entry), its earlier versions (the edit history) and whether the clinic
//! has reviewed it. Drafts never reach the server, so they cannot appear.

use std::collections::BTreeMap;

use painschool_core::answers::{AnswerValue, FieldValue};
use painschool_core::content::{self, ContentBundle, QuestionKind};

use super::texts::Lang;
use crate::clinic_model::AnswerRecord;

/// One version of an answer, as shown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VersionView {
    /// The version id (the "mark reviewed" form names it).
    pub version_id: String,
    /// The answer as text (options by their labels, diary fields by name).
    pub text: String,
    /// When the patient submitted it (as sent).
    pub submitted_at: String,
    /// When the clinic reviewed it.
    pub reviewed_at: Option<String>,
}

/// One answer (a question's only one, or one diary or check-in entry).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EntryView {
    /// The entry id; empty for a question's only answer.
    pub entry_id: String,
    /// The current version.
    pub current: VersionView,
    /// Earlier versions, newest first.
    pub history: Vec<VersionView>,
}

/// A question with the patient's answers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QuestionView {
    /// The question text in the page's language.
    pub prompt: String,
    /// The answers, oldest entry first.
    pub entries: Vec<EntryView>,
}

/// A module with the questions the patient answered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ModuleView {
    /// "1. Introduction …".
    pub title: String,
    /// Answered questions, in course order.
    pub questions: Vec<QuestionView>,
}

fn content_lang(lang: Lang) -> content::Lang {
    match lang {
        Lang::Sv => content::Lang::Sv,
        Lang::En => content::Lang::En,
    }
}

/// An answer value as text, with option and field labels from the question.
pub fn value_text(kind: &QuestionKind, value: &serde_json::Value, lang: Lang) -> String {
    let l = content_lang(lang);
    let Ok(v) = serde_json::from_value::<AnswerValue>(value.clone()) else {
        return "?".into();
    };
    let option = |id: &str| match kind {
        QuestionKind::SingleChoice { options }
        | QuestionKind::MultipleChoice { options }
        | QuestionKind::Checklist { options } => options
            .iter()
            .find(|o| o.id == id)
            .map_or_else(|| id.to_owned(), |o| o.label.get(l).clone()),
        _ => id.to_owned(),
    };
    match v {
        AnswerValue::Text(t) => t,
        AnswerValue::Scale(n) => n.to_string(),
        AnswerValue::Choice(id) => option(&id),
        AnswerValue::Choices(ids) => ids.iter().map(|i| option(i)).collect::<Vec<_>>().join(", "),
        AnswerValue::Diary(fields) => {
            let label = |id: &str| match kind {
                QuestionKind::Diary { fields } => fields
                    .iter()
                    .find(|f| f.id == id)
                    .map_or_else(|| id.to_owned(), |f| f.label.get(l).clone()),
                _ => id.to_owned(),
            };
            fields
                .iter()
                .map(|(k, f)| {
                    let v = match f {
                        FieldValue::Date(d) => d.format("%Y-%m-%d").to_string(),
                        FieldValue::Text(t) => t.clone(),
                        FieldValue::Number(n) => n.to_string(),
                    };
                    format!("{}: {v}", label(k))
                })
                .collect::<Vec<_>>()
                .join("; ")
        }
    }
}

/// The modules with the patient's answers.
pub fn answers_by_module(
    bundle: &ContentBundle,
    answers: &[AnswerRecord],
    lang: Lang,
) -> Vec<ModuleView> {
    let l = content_lang(lang);
    // question id -> entry id -> versions.
    let mut by_question: BTreeMap<&str, BTreeMap<&str, Vec<&AnswerRecord>>> = BTreeMap::new();
    for a in answers {
        by_question
            .entry(a.question_id.as_str())
            .or_default()
            .entry(a.entry_id.as_str())
            .or_default()
            .push(a);
    }
    let mut out = Vec::new();
    for (i, module) in bundle.modules.iter().enumerate() {
        let mut questions = Vec::new();
        for section in &module.sections {
            for q in section.kind.questions() {
                let Some(entries) = by_question.get(q.id.as_str()) else {
                    continue;
                };
                let entries = entries
                    .iter()
                    .filter_map(|(entry_id, versions)| {
                        let mut versions = versions.clone();
                        versions.sort_by(|a, b| b.hlc.cmp(&a.hlc));
                        let mut shown = versions.into_iter().map(|v| VersionView {
                            version_id: v.version_id.clone(),
                            text: value_text(&q.kind, &v.value, lang),
                            submitted_at: super::when::minute(&v.submitted_at),
                            reviewed_at: v.reviewed_at.as_deref().map(super::when::minute),
                        });
                        Some(EntryView {
                            entry_id: (*entry_id).to_owned(),
                            current: shown.next()?,
                            history: shown.collect(),
                        })
                    })
                    .collect();
                questions.push(QuestionView {
                    prompt: q.prompt.get(l).clone(),
                    entries,
                });
            }
        }
        if !questions.is_empty() {
            out.push(ModuleView {
                title: format!("{}. {}", i + 1, module.title.get(l)),
                questions,
            });
        }
    }
    out
}
