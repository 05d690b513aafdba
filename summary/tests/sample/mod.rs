//! A synthetic one-year patient's summary (no real person): long answers,
//! long diaries, Swedish letters, an unanswered question, choices, a scale,
//! 52 weeks of check-ins and 40 weeks of practice.

#![allow(dead_code)]

use chrono::{Duration, NaiveDate};
use painschool_summary::*;

pub fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

pub const LONG: &str = "Jag har märkt att smärtan är värst på morgonen och att den lättar när jag kommit igång. När jag går min runda längs ån känns kroppen mjukare, och då är det lättare att stå ut med resten av dagen. Ibland blir jag rädd att jag gör för mycket, men då försöker jag påminna mig om att ont inte alltid betyder skada.";

/// A one-year summary in `lang`, `scale` times the usual amount of writing.
pub fn one_year(lang: Lang, scale: usize) -> Summary {
    let start = d("2025-12-01");
    let mut modules = Vec::new();
    for number in 1..=8u32 {
        let mut questions = vec![
            QuestionBlock {
                prompt: format!(
                    "Modul {number}: Vad har du lärt dig om din smärta den här veckan, och vad vill du pröva härnäst?"
                ),
                answer: Answer::Text {
                    text: format!(
                        "{number}: {}\n\n{}",
                        LONG.repeat(scale),
                        "Nästa vecka ska jag öva på att ta pauser innan det gör ont, inte efter."
                    ),
                    answered_on: start + Duration::weeks(number as i64),
                },
            },
            QuestionBlock {
                prompt: "Hur säker känner du dig på att klara vardagen trots smärtan?".into(),
                answer: Answer::Scale {
                    value: number as i64,
                    min: (0, "Inte alls säker".into()),
                    max: (10, "Helt säker".into()),
                    answered_on: start + Duration::weeks(number as i64),
                },
            },
            QuestionBlock {
                prompt: "Vilka aktiviteter vill du göra mer av?".into(),
                answer: Answer::Choices {
                    labels: vec![
                        "Promenader".into(),
                        "Träffa vänner över en fika".into(),
                        "Trädgårdsarbete i små portioner".into(),
                    ],
                    answered_on: start + Duration::weeks(number as i64),
                },
            },
        ];
        if number == 4 {
            questions.push(QuestionBlock {
                prompt: "Aktivitetsdagbok: vad gjorde du, hur länge, och hur kändes det efteråt?"
                    .into(),
                answer: Answer::Diary {
                    columns: vec![
                        "Aktivitet".into(),
                        "Minuter".into(),
                        "Smärta efteråt (0–10)".into(),
                        "Anteckning".into(),
                    ],
                    rows: (0..60 * scale as i64)
                        .map(|i| DiaryRow {
                            written_on: start + Duration::days(21 + i),
                            cells: vec![
                                [
                                    "Städa köket",
                                    "Promenad till affären",
                                    "Dammsuga",
                                    "Läsa på soffan",
                                ][i as usize % 4]
                                    .into(),
                                (10 + i % 30).to_string(),
                                (i % 11).to_string(),
                                if i % 7 == 0 {
                                    LONG.to_string()
                                } else {
                                    "Gick bättre än väntat, tog en paus efter halva tiden.".into()
                                },
                            ],
                        })
                        .collect(),
                },
            });
        }
        if number == 6 {
            questions.push(QuestionBlock {
                prompt: "Vad vill du ändra i din sömn eller dina måltider?".into(),
                answer: Answer::NotAnswered,
            });
        }
        modules.push(ModuleBlock {
            number,
            title: [
                "Introduktion och smärtfysiologi",
                "Behandling och rehabilitering",
                "Fysisk aktivitet och träning",
                "Aktivitet i vardagen",
                "Psykologi och smärta",
                "Livsstil",
                "Familj och närstående",
                "Avslutning",
            ][number as usize - 1]
                .into(),
            questions,
        });
    }
    Summary {
        lang,
        display_name: Some("Åsa Öberg-Ärlig".into()),
        period: Period { start, end: d("2026-12-01") },
        made_on: d("2026-11-20"),
        plans: vec![
            QuestionBlock {
                prompt: "Min underhållsplan: det här fortsätter jag med".into(),
                answer: Answer::Text {
                    text: "Promenera tjugo minuter varje förmiddag.\nGöra andningsövningen före läggdags.\n\nPlanera veckan på söndagar så att jobbiga dagar följs av lugnare.".into(),
                    answered_on: d("2026-02-02"),
                },
            },
            QuestionBlock {
                prompt: "Min plan för bakslag".into(),
                answer: Answer::NotAnswered,
            },
        ],
        modules,
        check_in: Some(CheckIn {
            items: vec!["Smärta".into(), "Livsglädje".into(), "Påverkan".into(), "Sömn".into()],
            range: (0, 10),
            weeks: (1..=52u32)
                .map(|w| {
                    let w64 = w as i64;
                    (w, vec![Some(8 - w64 / 10), Some(3 + w64 / 9), if w % 5 == 0 { None } else { Some(7 - w64 / 12) }, Some(4 + (w64 % 4))])
                })
                .collect(),
        }),
        practice: (0..52)
            .filter(|w| w % 4 != 3)
            .map(|w| PracticeWeek {
                week_of: start + Duration::weeks(w),
                minutes: (10 + (w * 7) % 60) as u32,
            })
            .collect(),
    }
}
