//! The patient's answers: typed values and the rules they must follow.

mod validate;
mod value;

pub use validate::{DIARY_TEXT_MAX_CHARS, InvalidAnswer, validate};
pub use value::{AnswerValue, FieldValue};
