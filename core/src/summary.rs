//! The printable summary's contents from the course and the patient's
//! answers (issue 9), for the phone and the clinic server alike: both hand
//! over their answer versions and practice sessions, this picks each
//! question's current answer (the highest clock stamp per question and
//! entry) and builds the document model that `painschool-summary` renders.
//! Pure: no store, no clock.

use std::collections::BTreeMap;

use chrono::{DateTime, NaiveDate, Utc};
use chrono_tz::Tz;
use painschool_summary as doc;
use serde::Serialize;

use crate::answers::{AnswerValue, FieldValue};
use crate::content::{ContentBundle, FieldKind, Lang, Question, QuestionKind, SectionKind};
use crate::course::Access;
use crate::practice::{PracticeSession, totals};

/// The module 8 sections whose answers open the summary.
pub const PLAN_SECTIONS: [&str; 2] = ["m8-maintenance-plan", "m8-setback-plan"];

/// One submitted answer version.
#[derive(Debug, Clone)]
pub struct AnswerFact {
    /// The question.
    pub question_id: String,
    /// The entry ("" for a question's only answer).
    pub entry_id: String,
    /// The value.
    pub value: AnswerValue,
    /// The clock stamp; the highest per question and entry is current.
    pub hlc: String,
    /// The patient's local date when it was submitted.
    pub submitted_on: NaiveDate,
}

/// Everything a summary is made from.
#[derive(Debug, Clone)]
pub struct SummaryFacts {
    /// The patient's language.
    pub lang: Lang,
    /// The name the patient chose to print, if any.
    pub display_name: Option<String>,
    /// The first day of the course.
    pub start: NaiveDate,
    /// The last day of access.
    pub end: NaiveDate,
    /// The day it is made.
    pub made_on: NaiveDate,
    /// Answer versions, in any order (older versions are ignored).
    pub answers: Vec<AnswerFact>,
    /// Mindfulness sessions.
    pub practice: Vec<PracticeSession>,
    /// The patient's zone (practice weeks are local weeks).
    pub time_zone: Tz,
}

type Current<'a> = BTreeMap<&'a str, BTreeMap<&'a str, &'a AnswerFact>>;

/// The current version per question and entry.
fn current(answers: &[AnswerFact]) -> Current<'_> {
    let mut out: Current<'_> = BTreeMap::new();
    for a in answers {
        let slot = out
            .entry(a.question_id.as_str())
            .or_default()
            .entry(a.entry_id.as_str())
            .or_insert(a);
        if a.hlc > slot.hlc {
            *slot = a;
        }
    }
    out
}

fn field_text(v: &FieldValue) -> String {
    match v {
        FieldValue::Date(d) => d.format("%Y-%m-%d").to_string(),
        FieldValue::Text(t) => t.clone(),
        FieldValue::Number(n) => n.to_string(),
    }
}

fn option_label(q: &Question, id: &str, lang: Lang) -> String {
    match &q.kind {
        QuestionKind::SingleChoice { options }
        | QuestionKind::MultipleChoice { options }
        | QuestionKind::Checklist { options } => options
            .iter()
            .find(|o| o.id == id)
            .map_or_else(|| id.to_owned(), |o| o.label.get(lang).clone()),
        _ => id.to_owned(),
    }
}

fn answer(q: &Question, entries: Option<&BTreeMap<&str, &AnswerFact>>, lang: Lang) -> doc::Answer {
    if let QuestionKind::Diary { fields } = &q.kind {
        // A date field is when it happened (the row's date); the other
        // fields are the columns.
        let (dates, shown): (Vec<_>, Vec<_>) = fields
            .iter()
            .partition(|f| matches!(f.kind, FieldKind::Date));
        let mut rows: Vec<doc::DiaryRow> = entries
            .into_iter()
            .flatten()
            .filter_map(|(_, a)| match &a.value {
                AnswerValue::Diary(values) => Some(doc::DiaryRow {
                    written_on: dates
                        .first()
                        .and_then(|f| match values.get(&f.id) {
                            Some(FieldValue::Date(d)) => Some(*d),
                            _ => None,
                        })
                        .unwrap_or(a.submitted_on),
                    cells: shown
                        .iter()
                        .map(|f| values.get(&f.id).map(field_text).unwrap_or_default())
                        .collect(),
                }),
                _ => None,
            })
            .collect();
        rows.sort_by_key(|r| r.written_on);
        return doc::Answer::Diary {
            columns: shown.iter().map(|f| f.label.get(lang).clone()).collect(),
            rows,
        };
    }
    let Some(a) = entries.and_then(|e| e.get("")) else {
        return doc::Answer::NotAnswered;
    };
    let answered_on = a.submitted_on;
    match (&a.value, &q.kind) {
        (AnswerValue::Text(t), _) if t.trim().is_empty() => doc::Answer::NotAnswered,
        (AnswerValue::Text(t), _) => doc::Answer::Text {
            text: t.clone(),
            answered_on,
        },
        (
            AnswerValue::Scale(v),
            QuestionKind::Scale {
                min,
                max,
                min_label,
                max_label,
            },
        ) => doc::Answer::Scale {
            value: *v,
            min: (*min, min_label.get(lang).clone()),
            max: (*max, max_label.get(lang).clone()),
            answered_on,
        },
        (AnswerValue::Scale(v), _) => doc::Answer::Text {
            text: v.to_string(),
            answered_on,
        },
        (AnswerValue::Choice(id), _) => doc::Answer::Choices {
            labels: vec![option_label(q, id, lang)],
            answered_on,
        },
        (AnswerValue::Choices(ids), _) if ids.is_empty() => doc::Answer::NotAnswered,
        (AnswerValue::Choices(ids), _) => doc::Answer::Choices {
            labels: ids.iter().map(|id| option_label(q, id, lang)).collect(),
            answered_on,
        },
        (AnswerValue::Diary(_), _) => doc::Answer::NotAnswered,
    }
}

/// The check-in's course week from its entry id (`week-07`).
fn check_in_week(entry: &str) -> Option<u32> {
    entry.strip_prefix("week-")?.parse().ok()
}

fn check_in(bundle: &ContentBundle, cur: &Current<'_>, lang: Lang) -> Option<doc::CheckIn> {
    let questions: Vec<&Question> = bundle
        .modules
        .iter()
        .flat_map(|m| &m.sections)
        .filter(|s| matches!(s.kind, SectionKind::CheckIn(_)))
        .flat_map(|s| s.kind.questions())
        .filter(|q| matches!(q.kind, QuestionKind::Scale { .. }))
        .collect();
    let mut weeks: BTreeMap<u32, Vec<Option<i64>>> = BTreeMap::new();
    for (i, q) in questions.iter().enumerate() {
        for (entry, a) in cur.get(q.id.as_str()).into_iter().flatten() {
            let (Some(week), AnswerValue::Scale(v)) = (check_in_week(entry), &a.value) else {
                continue;
            };
            weeks
                .entry(week)
                .or_insert_with(|| vec![None; questions.len()])[i] = Some(*v);
        }
    }
    if weeks.is_empty() {
        return None;
    }
    let range = questions
        .iter()
        .find_map(|q| match q.kind {
            QuestionKind::Scale { min, max, .. } => Some((min, max)),
            _ => None,
        })
        .unwrap_or((0, 10));
    Some(doc::CheckIn {
        items: questions
            .iter()
            .map(|q| q.short.as_ref().unwrap_or(&q.prompt).get(lang).clone())
            .collect(),
        range,
        weeks: weeks.into_iter().collect(),
    })
}

/// The summary's document model.
pub fn build(bundle: &ContentBundle, facts: &SummaryFacts) -> doc::Summary {
    let lang = facts.lang;
    let cur = current(&facts.answers);
    let block = |q: &Question| doc::QuestionBlock {
        prompt: q.prompt.get(lang).clone(),
        answer: answer(q, cur.get(q.id.as_str()), lang),
    };
    let mut plans = Vec::new();
    let mut modules = Vec::new();
    for m in &bundle.modules {
        let mut questions = Vec::new();
        for s in &m.sections {
            match &s.kind {
                SectionKind::Assignment(f) if PLAN_SECTIONS.contains(&s.id.as_str()) => {
                    plans.extend(f.questions.iter().map(block));
                }
                SectionKind::Assignment(f) | SectionKind::Reflection(f) => {
                    questions.extend(f.questions.iter().map(block));
                }
                _ => {}
            }
        }
        modules.push(doc::ModuleBlock {
            number: m.number,
            title: m.title.get(lang).clone(),
            questions,
        });
    }
    doc::Summary {
        lang: match lang {
            Lang::Sv => doc::Lang::Sv,
            Lang::En => doc::Lang::En,
        },
        display_name: facts.display_name.clone().filter(|n| !n.trim().is_empty()),
        period: doc::Period {
            start: facts.start,
            end: facts.end,
        },
        made_on: facts.made_on,
        plans,
        modules,
        check_in: check_in(bundle, &cur, lang),
        practice: totals(&facts.practice, facts.time_zone)
            .per_week
            .into_iter()
            .filter(|w| w.minutes > 0)
            .map(|w| doc::PracticeWeek {
                week_of: w.week_of,
                minutes: w.minutes,
            })
            .collect(),
    }
}

/// Why the summary is offered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum OfferReason {
    /// The last module is open: the course's own close.
    LastModule,
    /// Access has ended: the last days to save it.
    AccessEnded,
}

/// Whether the app should offer the summary now (it can be made at any
/// time while the data is on the phone; this is when the app puts it forward).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct SummaryOffer {
    /// Why, if offered.
    pub reason: Option<OfferReason>,
    /// Until when it can be saved (the end of the 14 days after access
    /// ends), once access has ended.
    pub until: Option<DateTime<Utc>>,
}

/// The offer: from the day the last module opens, and through the 14 days
/// after access ends; not after those (the phone's data goes then).
pub fn offer(last_module_open: bool, access: &Access, now: DateTime<Utc>) -> SummaryOffer {
    match access {
        Access::Ended { grace_until, .. } if now < *grace_until => SummaryOffer {
            reason: Some(OfferReason::AccessEnded),
            until: Some(*grace_until),
        },
        Access::Ended { .. } => SummaryOffer {
            reason: None,
            until: None,
        },
        _ => SummaryOffer {
            reason: last_module_open.then_some(OfferReason::LastModule),
            until: None,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utc(s: &str) -> DateTime<Utc> {
        format!("{s}:00Z").parse().unwrap()
    }

    #[test]
    fn offered_from_the_last_module_and_for_fourteen_days_after_the_end() {
        let active = Access::Active {
            ends_at: utc("2027-01-12T08:00"),
            days_left: 200,
            ending_soon: false,
        };
        let ended = Access::Ended {
            ended_at: utc("2027-01-12T08:00"),
            grace_until: utc("2027-01-26T08:00"),
        };
        let now = utc("2026-06-01T10:00");
        assert_eq!(offer(false, &active, now).reason, None);
        assert_eq!(
            offer(true, &active, now).reason,
            Some(OfferReason::LastModule)
        );
        let during = offer(false, &ended, utc("2027-01-20T10:00"));
        assert_eq!(during.reason, Some(OfferReason::AccessEnded));
        assert_eq!(during.until, Some(utc("2027-01-26T08:00")));
        assert_eq!(offer(true, &ended, utc("2027-01-26T08:00")).reason, None);
        let not_started = Access::NotStarted {
            starts_at: utc("2026-07-01T08:00"),
        };
        assert_eq!(offer(false, &not_started, now).reason, None);
    }

    #[test]
    fn the_highest_stamp_is_current_per_question_and_entry() {
        let d: NaiveDate = "2026-05-01".parse().unwrap();
        let fact = |q: &str, e: &str, hlc: &str, text: &str| AnswerFact {
            question_id: q.into(),
            entry_id: e.into(),
            value: AnswerValue::Text(text.into()),
            hlc: hlc.into(),
            submitted_on: d,
        };
        let answers = vec![
            fact("q", "", "0002", "newer"),
            fact("q", "", "0001", "older"),
            fact("q", "a", "0001", "entry a"),
        ];
        let cur = current(&answers);
        assert_eq!(cur["q"][""].value, AnswerValue::Text("newer".into()));
        assert_eq!(cur["q"].len(), 2);
    }
}
