//! A synthetic patient's whole year on a phone (no real person): every
//! module answered in its week with varied Swedish text (some answers long,
//! one changed later, one left unanswered), activity diaries, 52 weeks of
//! check-ins with some weeks missed, and mindfulness most weeks. For the
//! summary's tests, screenshots and benchmark.

use chrono::{DateTime, Duration, Utc};
use painschool_core::PainSchool;
use painschool_core::answers::{AnswerValue as A, FieldValue as F};
use painschool_core::clock::FixedClock;
use painschool_core::content::{FieldKind, Question, QuestionKind as K, SectionKind};
use painschool_core::course::Enrolment;
use painschool_core::facade::{EntryRef, Preferences, TextSize};
use painschool_core::practice::PracticeSession;

/// The question left unanswered (one of module 6's reflections).
pub const SKIPPED: &str = "m6-reflection-habit";

const SENTENCES: [&str; 12] = [
    "Jag har märkt att smärtan är värst på morgonen och lättar när jag kommit igång.",
    "När jag går min runda längs ån känns kroppen mjukare.",
    "Ibland blir jag rädd att jag gör för mycket, men ont betyder inte alltid skada.",
    "Jag vill orka leka med barnbarnen på söndagarna.",
    "Det hjälper att dela upp städningen i små portioner med pauser emellan.",
    "Min sömn blir bättre när jag lägger undan telefonen en timme före läggdags.",
    "På jobbet har jag börjat resa mig och sträcka på mig varje halvtimme.",
    "Jag pratade med min sambo om hur tröttheten påverkar mig, och det kändes skönt.",
    "Andningsövningen gör att axlarna släpper lite, särskilt på kvällen.",
    "Jag märker att oro och stress gör smärtan större, så jag försöker stanna upp.",
    "Att cykla till affären gick bättre än jag trodde, även i uppförsbacken.",
    "Nästa vecka ska jag pröva att ta pausen innan det gör ont, inte efter.",
];

/// Free text of `n` sentences, starting at `seed`; long ones get paragraphs.
fn text(seed: usize, n: usize) -> String {
    let mut out = String::new();
    for i in 0..n {
        if i > 0 {
            out.push_str(if i % 4 == 0 { "\n\n" } else { " " });
        }
        out.push_str(SENTENCES[(seed + i) % SENTENCES.len()]);
    }
    out
}

fn answer(q: &Question, seed: usize, day: DateTime<Utc>) -> A {
    match &q.kind {
        K::FreeText { .. } => A::Text(text(
            seed,
            if seed.is_multiple_of(5) {
                9
            } else {
                2 + seed % 3
            },
        )),
        K::Scale { min, max, .. } => A::Scale(min + (seed as i64 % (max - min + 1))),
        K::SingleChoice { options } => A::Choice(options[seed % options.len()].id.clone()),
        K::MultipleChoice { options } | K::Checklist { options } => A::Choices(
            options
                .iter()
                .enumerate()
                .filter(|(i, _)| (i + seed).is_multiple_of(2))
                .map(|(_, o)| o.id.clone())
                .collect(),
        ),
        K::Diary { fields } => diary_entry(fields, seed, day),
    }
}

fn diary_entry(
    fields: &[painschool_core::content::DiaryField],
    seed: usize,
    on: DateTime<Utc>,
) -> A {
    const WHAT: [&str; 6] = [
        "Städa köket",
        "Promenad till affären",
        "Dammsuga",
        "Laga middag",
        "Läsa på soffan",
        "Handla med pauser",
    ];
    A::Diary(
        fields
            .iter()
            .enumerate()
            .map(|(i, f)| {
                let v = match &f.kind {
                    FieldKind::Date => F::Date(on.date_naive()),
                    // The first text field says what; later ones are notes.
                    FieldKind::Text if i <= 1 => F::Text(WHAT[seed % 6].into()),
                    FieldKind::Text => F::Text(SENTENCES[seed % SENTENCES.len()].into()),
                    FieldKind::Number { min, max } | FieldKind::Scale { min, max } => {
                        F::Number(min + (seed as i64 * 7) % (max - min + 1).min(45))
                    }
                };
                (f.id.clone(), v)
            })
            .collect(),
    )
}

/// What [`write_one_year`] wrote, for the tests to look for.
#[derive(Debug, Default)]
pub struct Year {
    /// (question id, the current free text) of every text answer.
    pub texts: Vec<(String, String)>,
    /// A text that was replaced by a later version (must not print).
    pub replaced: String,
    /// Diary entries written.
    pub diary_entries: usize,
    /// Check-in weeks answered.
    pub check_in_weeks: usize,
}

/// Enrols `s` weekly from `start` (a Monday) and writes a year of use,
/// moving `clock` along. The display name is set to a synthetic one.
pub fn write_one_year(s: &PainSchool, clock: &FixedClock, start: DateTime<Utc>) -> Year {
    let tz = chrono_tz::Europe::Stockholm;
    clock.set(start);
    s.enrol(&Enrolment::weekly(start, tz)).unwrap();
    s.set_preferences(&Preferences {
        display_name: Some("Åsa Exempelsson".into()),
        language: painschool_core::content::Lang::Sv,
        text_size: TextSize::Standard,
    })
    .unwrap();
    let bundle = s.bundle().clone();
    let exercises: Vec<(String, u32)> = bundle
        .modules
        .iter()
        .flat_map(|m| &m.sections)
        .filter_map(|sec| match &sec.kind {
            SectionKind::Mindfulness {
                duration_seconds, ..
            } => Some((sec.id.clone(), *duration_seconds)),
            _ => None,
        })
        .collect();
    let check_in: Vec<Question> = bundle
        .modules
        .iter()
        .flat_map(|m| &m.sections)
        .filter(|sec| matches!(sec.kind, SectionKind::CheckIn(_)))
        .flat_map(|sec| sec.kind.questions().to_vec())
        .collect();
    let mut year = Year::default();
    let mut seed = 0usize;
    for week in 0..52i64 {
        let day = start + Duration::weeks(week) + Duration::hours(26);
        clock.set(day);
        // The module of this week, every question.
        if let Some(m) = bundle.modules.get(week as usize) {
            for sec in &m.sections {
                if matches!(sec.kind, SectionKind::CheckIn(_)) {
                    continue;
                }
                s.open_section(&sec.id).unwrap();
                for q in sec.kind.questions() {
                    seed += 1;
                    if q.id == SKIPPED {
                        continue;
                    }
                    if let K::Diary { fields } = &q.kind {
                        for k in 0..(4 + seed % 4) {
                            let on = day + Duration::days(k as i64 % 6);
                            s.submit_answer(
                                &q.id,
                                &EntryRef::Current,
                                &diary_entry(fields, seed + k, on),
                            )
                            .unwrap();
                            year.diary_entries += 1;
                        }
                        continue;
                    }
                    let a = answer(q, seed, day);
                    s.submit_answer(&q.id, &EntryRef::Current, &a).unwrap();
                    if let A::Text(t) = a {
                        year.texts.push((q.id.clone(), t));
                    }
                }
            }
        }
        // Module 1's first text answer, rewritten twice later on.
        if week == 10 {
            let qid = year.texts[0].0.clone();
            let old = "Ett första försök som jag sedan skrev om helt.".to_string();
            s.submit_answer(&qid, &EntryRef::Current, &A::Text(old.clone()))
                .unwrap();
            clock.set(day + Duration::minutes(5));
            let new = "Nu vet jag mer: smärtan är kroppens larm, och larmet kan bli för känsligt."
                .to_string();
            s.submit_answer(&qid, &EntryRef::Current, &A::Text(new.clone()))
                .unwrap();
            year.replaced = old;
            year.texts[0].1 = new;
        }
        // The check-in, most weeks.
        if week % 6 != 5 {
            for (i, q) in check_in.iter().enumerate() {
                let trend = [8 - week / 10, 7 - week / 9, 7 - week / 12, 3 + week / 10][i % 4];
                let v = (trend + (week + i as i64) % 3 - 1).clamp(0, 10);
                s.submit_answer(&q.id, &EntryRef::Current, &A::Scale(v))
                    .unwrap();
            }
            year.check_in_weeks += 1;
        }
        // Mindfulness, most weeks.
        if week % 4 != 3 && week >= 1 {
            let sessions: Vec<PracticeSession> = (0..(1 + week as usize % 4))
                .map(|k| {
                    let (id, dur) = &exercises[(week as usize + k) % exercises.len()];
                    let heard = if k % 3 == 2 { dur / 2 } else { *dur };
                    PracticeSession {
                        id: format!("year-{week}-{k}"),
                        section_id: id.clone(),
                        lang: painschool_core::content::Lang::Sv,
                        started_at: day + Duration::hours(k as i64 * 30),
                        seconds_heard: heard,
                        duration_seconds: *dur,
                        completed: PracticeSession::is_completed(heard, *dur),
                    }
                })
                .collect();
            s.save_listening(&[], &sessions).unwrap();
        }
    }
    clock.set(start + Duration::weeks(52));
    year
}
