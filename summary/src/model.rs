//! What a summary holds, in print order: who and when, the plans from the
//! last module first, then every module's questions with the latest answers
//! and their dates, the weekly check-in, and the mindfulness minutes.

use chrono::NaiveDate;
use serde::Serialize;

/// The document's language (the patient's).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Lang {
    /// Swedish.
    Sv,
    /// English.
    En,
}

/// The course period.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Period {
    /// The first day.
    pub start: NaiveDate,
    /// The last day of access.
    pub end: NaiveDate,
}

/// One diary entry as a table row.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DiaryRow {
    /// When it was written.
    pub written_on: NaiveDate,
    /// One cell per column, in the question's field order.
    pub cells: Vec<String>,
}

/// The patient's latest answer to one question, ready to print.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub enum Answer {
    /// Not answered (printed as "not answered yet").
    NotAnswered,
    /// Free text.
    Text {
        /// The text as written.
        text: String,
        /// When.
        answered_on: NaiveDate,
    },
    /// A value on a scale.
    Scale {
        /// The value.
        value: i64,
        /// The scale's ends, with their labels.
        min: (i64, String),
        /// The scale's top.
        max: (i64, String),
        /// When.
        answered_on: NaiveDate,
    },
    /// Chosen options (single or multiple choice, checklist), as labels.
    Choices {
        /// The chosen options' labels.
        labels: Vec<String>,
        /// When.
        answered_on: NaiveDate,
    },
    /// A diary: a table.
    Diary {
        /// The column headings (the fields' labels).
        columns: Vec<String>,
        /// The entries, oldest first.
        rows: Vec<DiaryRow>,
    },
}

/// One question with its answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct QuestionBlock {
    /// The question as the course asked it.
    pub prompt: String,
    /// The latest answer.
    pub answer: Answer,
}

/// One module's questions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ModuleBlock {
    /// 1-based.
    pub number: u32,
    /// The module's title.
    pub title: String,
    /// Its assignment and reflection questions, in course order.
    pub questions: Vec<QuestionBlock>,
}

/// The weekly check-in: one row per course week.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CheckIn {
    /// The items' short names (columns), e.g. "Pain".
    pub items: Vec<String>,
    /// The scale's range (0–10).
    pub range: (i64, i64),
    /// (course week, a value per item), oldest first.
    pub weeks: Vec<(u32, Vec<Option<i64>>)>,
}

/// Mindfulness minutes in one week.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct PracticeWeek {
    /// The week's Monday.
    pub week_of: NaiveDate,
    /// Minutes heard.
    pub minutes: u32,
}

/// A whole summary.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Summary {
    /// The document's language.
    pub lang: Lang,
    /// The name the patient chose to print, if any (never taken from the
    /// clinic's records).
    pub display_name: Option<String>,
    /// The course period.
    pub period: Period,
    /// The day it was made.
    pub made_on: NaiveDate,
    /// The maintenance and setback plans (module 8), printed first.
    pub plans: Vec<QuestionBlock>,
    /// Every module's questions.
    pub modules: Vec<ModuleBlock>,
    /// The weekly check-in, if any was answered.
    pub check_in: Option<CheckIn>,
    /// Mindfulness minutes per week (weeks without practice left out).
    pub practice: Vec<PracticeWeek>,
}
