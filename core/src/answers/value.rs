//! Answer values, typed by question type.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// A patient's answer to one question (or one diary entry).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", content = "value", rename_all = "snake_case")]
pub enum AnswerValue {
    /// Free text.
    Text(String),
    /// A scale value.
    Scale(i64),
    /// One option id (single choice).
    Choice(String),
    /// Option ids (multiple choice, checklist).
    Choices(Vec<String>),
    /// One diary entry: a value per field id.
    Diary(BTreeMap<String, FieldValue>),
}

/// One diary field's value.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FieldValue {
    /// A date.
    Date(NaiveDate),
    /// Short text.
    Text(String),
    /// A number or scale value.
    Number(i64),
}
