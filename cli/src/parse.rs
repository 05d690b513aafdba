//! Turns what the patient typed on the command line into a typed answer for
//! the question's type.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use painschool_core::answers::{AnswerValue, FieldValue};
use painschool_core::content::{FieldKind, Question, QuestionKind};

/// Parses `input` for `question`. Diary entries are `field=value;…` or a
/// JSON object; lists are comma-separated option ids.
pub fn parse_answer(question: &Question, input: &str) -> Result<AnswerValue, String> {
    let int = |s: &str| {
        s.trim()
            .parse::<i64>()
            .map_err(|_| "expected a whole number".to_owned())
    };
    Ok(match &question.kind {
        QuestionKind::FreeText { .. } => AnswerValue::Text(input.to_owned()),
        QuestionKind::Scale { .. } => AnswerValue::Scale(int(input)?),
        QuestionKind::SingleChoice { .. } => AnswerValue::Choice(input.trim().to_owned()),
        QuestionKind::MultipleChoice { .. } | QuestionKind::Checklist { .. } => {
            AnswerValue::Choices(
                input
                    .split(',')
                    .map(str::trim)
                    .filter(|s| !s.is_empty())
                    .map(str::to_owned)
                    .collect(),
            )
        }
        QuestionKind::Diary { fields } => {
            let pairs: Vec<(String, String)> = if input.trim_start().starts_with('{') {
                let map: BTreeMap<String, serde_json::Value> = serde_json::from_str(input)
                    .map_err(|_| "the diary entry is not a JSON object".to_owned())?;
                map.into_iter()
                    .map(|(k, v)| {
                        (
                            k,
                            v.as_str()
                                .map(str::to_owned)
                                .unwrap_or_else(|| v.to_string()),
                        )
                    })
                    .collect()
            } else {
                input
                    .split(';')
                    .filter(|p| !p.trim().is_empty())
                    .map(|p| {
                        p.split_once('=')
                            .map(|(k, v)| (k.trim().to_owned(), v.trim().to_owned()))
                            .ok_or_else(|| {
                                "write diary entries as field=value;field=value".to_owned()
                            })
                    })
                    .collect::<Result<_, _>>()?
            };
            let mut entry = BTreeMap::new();
            for (k, v) in pairs {
                let field = fields
                    .iter()
                    .find(|f| f.id == k)
                    .ok_or_else(|| format!("the diary has no field `{k}`"))?;
                let value = match field.kind {
                    FieldKind::Date => FieldValue::Date(
                        NaiveDate::parse_from_str(&v, "%Y-%m-%d")
                            .map_err(|_| format!("`{k}` must be a date YYYY-MM-DD"))?,
                    ),
                    FieldKind::Text => FieldValue::Text(v),
                    FieldKind::Number { .. } | FieldKind::Scale { .. } => {
                        FieldValue::Number(int(&v).map_err(|e| format!("`{k}`: {e}"))?)
                    }
                };
                entry.insert(k, value);
            }
            AnswerValue::Diary(entry)
        }
    })
}
