//! The mindfulness practice log as data and rules, without I/O: one
//! session record (what the phone saves and syncs, and what the clinic
//! receives), and the totals the patient and the clinician see: minutes
//! today, minutes per week, sessions and minutes per exercise. No streaks.

use std::collections::BTreeMap;

use chrono::{DateTime, Datelike, Days, NaiveDate, Utc};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};

use crate::content::Lang;

/// One practice session: from `play` until stop, the end, or another
/// recording.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PracticeSession {
    /// The session's id (UUIDv7).
    pub id: String,
    /// The exercise's section.
    pub section_id: String,
    /// The recording's language.
    pub lang: Lang,
    /// When it began.
    pub started_at: DateTime<Utc>,
    /// Seconds actually heard (skipped parts do not count).
    pub seconds_heard: u32,
    /// The recording's length in seconds.
    pub duration_seconds: u32,
    /// Whether at least 90 % of it was heard.
    pub completed: bool,
}

/// The share of a recording that must be heard for the session to count as
/// completed.
pub const COMPLETED_SHARE: f64 = 0.9;

/// The longest session the log accepts (a recording is at most 12 minutes;
/// this leaves room for long ones without accepting nonsense).
pub const MAX_SESSION_SECONDS: u32 = 4 * 3600;

impl PracticeSession {
    /// Whether `seconds_heard` of `duration_seconds` is a completed session.
    pub fn is_completed(seconds_heard: u32, duration_seconds: u32) -> bool {
        duration_seconds > 0
            && f64::from(seconds_heard) >= COMPLETED_SHARE * f64::from(duration_seconds)
    }
}

/// Minutes in one week (Monday to Sunday, local).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct WeekMinutes {
    /// The week's Monday.
    pub week_of: NaiveDate,
    /// Sessions begun that week.
    pub sessions: u32,
    /// Minutes heard (rounded to the nearest minute).
    pub minutes: u32,
}

/// Sessions and minutes of one exercise.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ExerciseMinutes {
    /// The exercise's section.
    pub section_id: String,
    /// Sessions.
    pub sessions: u32,
    /// Sessions with at least 90 % heard.
    pub completed: u32,
    /// Minutes heard (rounded to the nearest minute).
    pub minutes: u32,
}

/// The practice totals.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PracticeTotals {
    /// Per week, oldest first (weeks without practice left out).
    pub per_week: Vec<WeekMinutes>,
    /// Per exercise, by section id.
    pub per_exercise: Vec<ExerciseMinutes>,
}

fn rounded_minutes(seconds: u64) -> u32 {
    u32::try_from((seconds + 30) / 60).unwrap_or(u32::MAX)
}

/// Minutes heard in sessions begun on local `date` in `tz`.
pub fn minutes_on(sessions: &[PracticeSession], tz: Tz, date: NaiveDate) -> u32 {
    rounded_minutes(
        sessions
            .iter()
            .filter(|s| s.started_at.with_timezone(&tz).date_naive() == date)
            .map(|s| u64::from(s.seconds_heard))
            .sum(),
    )
}

/// Totals per week and per exercise.
pub fn totals(sessions: &[PracticeSession], tz: Tz) -> PracticeTotals {
    let mut weeks: BTreeMap<NaiveDate, (u32, u64)> = BTreeMap::new();
    let mut exercises: BTreeMap<&str, (u32, u32, u64)> = BTreeMap::new();
    for s in sessions {
        let date = s.started_at.with_timezone(&tz).date_naive();
        let monday = date
            .checked_sub_days(Days::new(u64::from(date.weekday().num_days_from_monday())))
            .unwrap_or(date);
        let w = weeks.entry(monday).or_default();
        w.0 += 1;
        w.1 += u64::from(s.seconds_heard);
        let e = exercises.entry(&s.section_id).or_default();
        e.0 += 1;
        e.1 += u32::from(s.completed);
        e.2 += u64::from(s.seconds_heard);
    }
    PracticeTotals {
        per_week: weeks
            .into_iter()
            .map(|(week_of, (sessions, secs))| WeekMinutes {
                week_of,
                sessions,
                minutes: rounded_minutes(secs),
            })
            .collect(),
        per_exercise: exercises
            .into_iter()
            .map(|(id, (sessions, completed, secs))| ExerciseMinutes {
                section_id: id.to_owned(),
                sessions,
                completed,
                minutes: rounded_minutes(secs),
            })
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono_tz::Europe::Stockholm;

    fn session(id: &str, section: &str, at: &str, heard: u32) -> PracticeSession {
        PracticeSession {
            id: id.into(),
            section_id: section.into(),
            lang: Lang::Sv,
            started_at: at.parse().unwrap(),
            seconds_heard: heard,
            duration_seconds: 171,
            completed: PracticeSession::is_completed(heard, 171),
        }
    }

    #[test]
    fn completion_is_ninety_percent_heard() {
        assert!(PracticeSession::is_completed(154, 171));
        assert!(!PracticeSession::is_completed(153, 171));
        assert!(!PracticeSession::is_completed(0, 0));
    }

    #[test]
    fn minutes_by_local_day_week_and_exercise() {
        let s = [
            // Monday 23:30 local is still Monday; Sunday 00:30 local too.
            session("a", "m1-breathing", "2026-11-09T22:30:00Z", 171),
            session("b", "m1-breathing", "2026-11-10T07:00:00Z", 60),
            session("c", "m2-body-scan", "2026-11-15T23:30:00Z", 300), // Mon 16 local
            session("d", "m1-breathing", "2026-11-08T23:10:00Z", 29),  // Mon 9 local
        ];
        let d = |s: &str| s.parse::<NaiveDate>().unwrap();
        assert_eq!(minutes_on(&s, Stockholm, d("2026-11-09")), 3); // 171 + 29 s
        assert_eq!(minutes_on(&s, Stockholm, d("2026-11-10")), 1);
        let t = totals(&s, Stockholm);
        assert_eq!(
            t.per_week,
            vec![
                WeekMinutes {
                    week_of: d("2026-11-09"),
                    sessions: 3,
                    minutes: 4
                },
                WeekMinutes {
                    week_of: d("2026-11-16"),
                    sessions: 1,
                    minutes: 5
                },
            ]
        );
        assert_eq!(t.per_exercise[0].section_id, "m1-breathing");
        assert_eq!(
            (t.per_exercise[0].sessions, t.per_exercise[0].completed),
            (3, 1)
        );
        assert_eq!(t.per_exercise[1].minutes, 5);
    }
}
