//! Answers as the apps see them: typed values, stored versions, and a
//! module's questions with their current answers.

use std::collections::HashMap;
use std::time::SystemTime;

use painschool_core::answers as core_answers;
use painschool_core::facade as core_facade;

use crate::error::CourseError;

/// A patient's answer to one question (or one diary entry).
#[derive(Debug, Clone, PartialEq, uniffi::Enum)]
pub enum AnswerValue {
    /// Free text.
    Text {
        /// The text.
        text: String,
    },
    /// A scale value.
    Scale {
        /// The value, within the question's range.
        value: i64,
    },
    /// One option (single choice).
    Choice {
        /// The option's id.
        option_id: String,
    },
    /// Several options (multiple choice, checklist).
    Choices {
        /// The options' ids.
        option_ids: Vec<String>,
    },
    /// One diary entry: a value per field id.
    Diary {
        /// Field id → value.
        fields: HashMap<String, FieldValue>,
    },
}

/// One diary field's value.
#[derive(Debug, Clone, PartialEq, uniffi::Enum)]
pub enum FieldValue {
    /// A local date.
    Date {
        /// ISO date, e.g. `2026-11-23`.
        iso_date: String,
    },
    /// Short text.
    Text {
        /// The text.
        text: String,
    },
    /// A number or scale value.
    Number {
        /// The value.
        value: i64,
    },
}

/// One stored version of an answer.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
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
    pub submitted_at: SystemTime,
    /// When the clinic marked this version reviewed (it arrives on sync);
    /// null until then, and for a version written after the review.
    pub reviewed_at: Option<SystemTime>,
}

/// A question of a module with its current answers.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct QuestionAnswers {
    /// The section holding the question.
    pub section_id: String,
    /// The question.
    pub question_id: String,
    /// The question text in the patient's language.
    pub prompt: String,
    /// The question type.
    pub question_type: String,
    /// Current versions, oldest entry first; empty when not answered yet.
    pub answers: Vec<AnswerVersion>,
}

impl From<core_answers::AnswerValue> for AnswerValue {
    fn from(v: core_answers::AnswerValue) -> Self {
        use core_answers::AnswerValue as A;
        match v {
            A::Text(text) => AnswerValue::Text { text },
            A::Scale(value) => AnswerValue::Scale { value },
            A::Choice(option_id) => AnswerValue::Choice { option_id },
            A::Choices(option_ids) => AnswerValue::Choices { option_ids },
            A::Diary(fields) => AnswerValue::Diary {
                fields: fields
                    .into_iter()
                    .map(|(k, f)| {
                        let f = match f {
                            core_answers::FieldValue::Date(d) => FieldValue::Date {
                                iso_date: d.format("%Y-%m-%d").to_string(),
                            },
                            core_answers::FieldValue::Text(text) => FieldValue::Text { text },
                            core_answers::FieldValue::Number(value) => FieldValue::Number { value },
                        };
                        (k, f)
                    })
                    .collect(),
            },
        }
    }
}

impl TryFrom<AnswerValue> for core_answers::AnswerValue {
    type Error = CourseError;

    fn try_from(v: AnswerValue) -> Result<Self, CourseError> {
        use core_answers::AnswerValue as A;
        Ok(match v {
            AnswerValue::Text { text } => A::Text(text),
            AnswerValue::Scale { value } => A::Scale(value),
            AnswerValue::Choice { option_id } => A::Choice(option_id),
            AnswerValue::Choices { option_ids } => A::Choices(option_ids),
            AnswerValue::Diary { fields } => A::Diary(
                fields
                    .into_iter()
                    .map(|(k, f)| {
                        let f = match f {
                            FieldValue::Date { iso_date } => core_answers::FieldValue::Date(
                                chrono::NaiveDate::parse_from_str(&iso_date, "%Y-%m-%d").map_err(
                                    |_| CourseError::InvalidInput {
                                        reason: format!("field \"{k}\" is not an ISO date"),
                                    },
                                )?,
                            ),
                            FieldValue::Text { text } => core_answers::FieldValue::Text(text),
                            FieldValue::Number { value } => core_answers::FieldValue::Number(value),
                        };
                        Ok((k, f))
                    })
                    .collect::<Result<_, CourseError>>()?,
            ),
        })
    }
}

impl From<core_facade::AnswerVersion> for AnswerVersion {
    fn from(v: core_facade::AnswerVersion) -> Self {
        AnswerVersion {
            version_id: v.version_id,
            question_id: v.question_id,
            entry_id: v.entry_id,
            value: v.value.into(),
            submitted_at: v.submitted_at.into(),
            reviewed_at: v.reviewed_at.map(Into::into),
        }
    }
}

impl From<core_facade::QuestionAnswers> for QuestionAnswers {
    fn from(q: core_facade::QuestionAnswers) -> Self {
        QuestionAnswers {
            section_id: q.section_id,
            question_id: q.question_id,
            prompt: q.prompt,
            question_type: q.question_type.to_owned(),
            answers: q.answers.into_iter().map(Into::into).collect(),
        }
    }
}
