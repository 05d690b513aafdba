//! Checks an answer against its question's type. Error reasons name the
//! rule broken, never the patient's text.

use std::collections::BTreeSet;

use crate::content::{FieldKind, Question, QuestionKind};

use super::value::{AnswerValue, FieldValue};

/// Longest diary text field, in characters.
pub const DIARY_TEXT_MAX_CHARS: usize = 500;

/// Why an answer does not fit its question.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum InvalidAnswer {
    /// The value is of another type than the question asks for.
    #[error("this question takes {expected}")]
    WrongType {
        /// What the question takes.
        expected: &'static str,
    },
    /// An empty answer cannot be submitted (a draft can be empty).
    #[error("the answer is empty")]
    Empty,
    /// Text longer than allowed.
    #[error("the answer is longer than {max_chars} characters")]
    TooLong {
        /// The limit.
        max_chars: usize,
    },
    /// A number outside the allowed range.
    #[error("the value must be between {min} and {max}")]
    OutOfRange {
        /// Lowest allowed.
        min: i64,
        /// Highest allowed.
        max: i64,
    },
    /// An option id the question does not have.
    #[error("that option does not exist for this question")]
    UnknownOption,
    /// The same option twice.
    #[error("an option is chosen twice")]
    DuplicateOption,
    /// A diary field without a value.
    #[error("diary field `{0}` is missing")]
    MissingField(String),
    /// A diary field the question does not have.
    #[error("the diary has no such field")]
    UnknownField,
}

/// Checks `value` against `question`.
pub fn validate(question: &Question, value: &AnswerValue) -> Result<(), InvalidAnswer> {
    use InvalidAnswer as E;
    match (&question.kind, value) {
        (QuestionKind::FreeText { max_chars }, AnswerValue::Text(t)) => {
            check_text(t, *max_chars as usize)
        }
        (QuestionKind::FreeText { .. }, _) => Err(E::WrongType { expected: "text" }),
        (QuestionKind::Scale { min, max, .. }, AnswerValue::Scale(v)) => {
            check_range(*v, *min, *max)
        }
        (QuestionKind::Scale { .. }, _) => Err(E::WrongType {
            expected: "a number on the scale",
        }),
        (QuestionKind::SingleChoice { options }, AnswerValue::Choice(id)) => {
            if options.iter().any(|o| &o.id == id) {
                Ok(())
            } else {
                Err(E::UnknownOption)
            }
        }
        (QuestionKind::SingleChoice { .. }, _) => Err(E::WrongType {
            expected: "one option",
        }),
        (
            QuestionKind::MultipleChoice { options } | QuestionKind::Checklist { options },
            AnswerValue::Choices(ids),
        ) => {
            let mut seen = BTreeSet::new();
            for id in ids {
                if !options.iter().any(|o| &o.id == id) {
                    return Err(E::UnknownOption);
                }
                if !seen.insert(id) {
                    return Err(E::DuplicateOption);
                }
            }
            Ok(())
        }
        (QuestionKind::MultipleChoice { .. } | QuestionKind::Checklist { .. }, _) => {
            Err(E::WrongType {
                expected: "a list of options",
            })
        }
        (QuestionKind::Diary { fields }, AnswerValue::Diary(entry)) => {
            if entry.keys().any(|k| !fields.iter().any(|f| &f.id == k)) {
                return Err(E::UnknownField);
            }
            for f in fields {
                let v = entry
                    .get(&f.id)
                    .ok_or_else(|| E::MissingField(f.id.clone()))?;
                match (&f.kind, v) {
                    (FieldKind::Date, FieldValue::Date(_)) => {}
                    (FieldKind::Text, FieldValue::Text(t)) => check_text(t, DIARY_TEXT_MAX_CHARS)?,
                    (
                        FieldKind::Number { min, max } | FieldKind::Scale { min, max },
                        FieldValue::Number(n),
                    ) => check_range(*n, *min, *max)?,
                    (FieldKind::Date, _) => return Err(E::WrongType { expected: "a date" }),
                    (FieldKind::Text, _) => return Err(E::WrongType { expected: "text" }),
                    _ => {
                        return Err(E::WrongType {
                            expected: "a number",
                        });
                    }
                }
            }
            Ok(())
        }
        (QuestionKind::Diary { .. }, _) => Err(E::WrongType {
            expected: "a diary entry",
        }),
    }
}

fn check_text(t: &str, max_chars: usize) -> Result<(), InvalidAnswer> {
    if t.trim().is_empty() {
        Err(InvalidAnswer::Empty)
    } else if t.chars().count() > max_chars {
        Err(InvalidAnswer::TooLong { max_chars })
    } else {
        Ok(())
    }
}

fn check_range(v: i64, min: i64, max: i64) -> Result<(), InvalidAnswer> {
    if (min..=max).contains(&v) {
        Ok(())
    } else {
        Err(InvalidAnswer::OutOfRange { min, max })
    }
}
