//! The "this week" view model: what the start screen shows. Pure.

use std::collections::BTreeSet;

use chrono::{DateTime, Duration, NaiveDate, Utc};
use serde::Serialize;

use super::enrolment::Enrolment;
use super::localtime::local_date;
use super::pacing::{ModuleFacts, ModuleLock, module_locks};
use super::progress::{ModuleProgress, ProgressFacts, module_progress};
use crate::content::{ContentBundle, Lang};

/// How long a patient may still send what they wrote after access ends.
pub const GRACE_AFTER_END_DAYS: i64 = 14;
/// Access counts as ending soon this many days before the end.
pub const ENDING_SOON_DAYS: i64 = 30;

/// Where the patient's access stands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum Access {
    /// The course has not started yet.
    NotStarted {
        /// When it starts.
        starts_at: DateTime<Utc>,
    },
    /// Access is open.
    Active {
        /// When it ends.
        ends_at: DateTime<Utc>,
        /// Whole local days left.
        days_left: i64,
        /// Whether the end is within 30 days.
        ending_soon: bool,
    },
    /// Access has ended; what was written can still be sent until `grace_until`.
    Ended {
        /// When it ended.
        ended_at: DateTime<Utc>,
        /// The end of the 14 days for sending and for the summary.
        grace_until: DateTime<Utc>,
    },
}

/// Where the patient's access stands at `now`.
pub fn access(enrolment: &Enrolment, now: DateTime<Utc>) -> Access {
    let ends_at = enrolment.access_ends_at();
    if now < enrolment.start {
        Access::NotStarted {
            starts_at: enrolment.start,
        }
    } else if now >= ends_at {
        Access::Ended {
            ended_at: ends_at,
            grace_until: ends_at + Duration::days(GRACE_AFTER_END_DAYS),
        }
    } else {
        let tz = enrolment.time_zone;
        let days_left = (local_date(tz, ends_at) - local_date(tz, now)).num_days();
        Access::Active {
            ends_at,
            days_left,
            ending_soon: days_left <= ENDING_SOON_DAYS,
        }
    }
}

/// The course week `now` falls in (1 = the first seven local days), 0 before the start.
pub fn course_week(enrolment: &Enrolment, now: DateTime<Utc>) -> u32 {
    if now < enrolment.start {
        return 0;
    }
    let tz = enrolment.time_zone;
    let days = (local_date(tz, now) - local_date(tz, enrolment.start)).num_days();
    (days / 7 + 1) as u32
}

/// One module on the start screen or in the module list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ModuleCard {
    /// Module id.
    pub id: String,
    /// 1-based number.
    pub number: u32,
    /// Title in the patient's language.
    pub title: String,
    /// Summary in the patient's language.
    pub summary: String,
    /// Open or locked.
    pub lock: ModuleLock,
    /// Progress.
    pub progress: ModuleProgress,
    /// The local date a locked module opens on by schedule.
    pub opens_on: Option<NaiveDate>,
}

/// The next module to open by schedule.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NextUnlock {
    /// Module id.
    pub module_id: String,
    /// 1-based number.
    pub number: u32,
    /// When it opens.
    pub opens_at: DateTime<Utc>,
    /// The local date it opens on.
    pub opens_on: NaiveDate,
}

/// The start screen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ThisWeek {
    /// Today in the patient's zone.
    pub today: NaiveDate,
    /// The course week (1-based; 0 before the start).
    pub course_week: u32,
    /// Access state.
    pub access: Access,
    /// The module to work on: the first open one not finished, else the last open one.
    pub current: Option<ModuleCard>,
    /// The next scheduled opening, if any.
    pub next_unlock: Option<NextUnlock>,
    /// How many modules are open.
    pub modules_open: u32,
    /// How many are finished.
    pub modules_finished: u32,
    /// How many the course has.
    pub modules_total: u32,
    /// Whether this week's check-in is open and not yet answered.
    pub check_in_due: bool,
}

/// Module cards for every module, in order.
pub fn module_cards(
    bundle: &ContentBundle,
    enrolment: &Enrolment,
    facts: &ProgressFacts,
    ever_open: &BTreeSet<String>,
    now: DateTime<Utc>,
    lang: Lang,
) -> Vec<ModuleCard> {
    let progress: Vec<ModuleProgress> = bundle
        .modules
        .iter()
        .map(|m| module_progress(m, facts))
        .collect();
    let module_facts: Vec<ModuleFacts<'_>> = bundle
        .modules
        .iter()
        .zip(&progress)
        .map(|(m, p)| ModuleFacts {
            id: &m.id,
            finished: p.finished,
        })
        .collect();
    let locks = module_locks(enrolment, &module_facts, ever_open, now);
    bundle
        .modules
        .iter()
        .zip(progress)
        .zip(locks)
        .map(|((m, progress), lock)| ModuleCard {
            id: m.id.clone(),
            number: m.number,
            title: m.title.get(lang).clone(),
            summary: m.summary.get(lang).clone(),
            opens_on: match lock {
                ModuleLock::Locked { opens_at: Some(at) } => {
                    Some(local_date(enrolment.time_zone, at))
                }
                _ => None,
            },
            lock,
            progress,
        })
        .collect()
}

/// Builds the start screen from module cards.
pub fn this_week(
    enrolment: &Enrolment,
    cards: &[ModuleCard],
    check_in_due: bool,
    now: DateTime<Utc>,
) -> ThisWeek {
    let open: Vec<&ModuleCard> = cards.iter().filter(|c| c.lock.is_open()).collect();
    let current = open
        .iter()
        .find(|c| !c.progress.finished)
        .or(open.last())
        .map(|c| (*c).clone());
    let next_unlock = cards.iter().find_map(|c| match c.lock {
        ModuleLock::Locked { opens_at: Some(at) } => Some(NextUnlock {
            module_id: c.id.clone(),
            number: c.number,
            opens_at: at,
            opens_on: local_date(enrolment.time_zone, at),
        }),
        _ => None,
    });
    ThisWeek {
        today: local_date(enrolment.time_zone, now),
        course_week: course_week(enrolment, now),
        access: access(enrolment, now),
        current,
        next_unlock,
        modules_open: open.len() as u32,
        modules_finished: cards.iter().filter(|c| c.progress.finished).count() as u32,
        modules_total: cards.len() as u32,
        check_in_due,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDateTime;
    use chrono_tz::Europe::Stockholm;

    fn utc(s: &str) -> DateTime<Utc> {
        NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M")
            .unwrap()
            .and_utc()
    }

    #[test]
    fn access_table() {
        let e = Enrolment::weekly(utc("2026-01-12 08:00"), Stockholm);
        assert!(matches!(
            access(&e, utc("2026-01-12 07:00")),
            Access::NotStarted { .. }
        ));
        assert!(matches!(
            access(&e, utc("2026-06-01 07:00")),
            Access::Active {
                ending_soon: false,
                ..
            }
        ));
        match access(&e, utc("2026-12-13 08:00")) {
            Access::Active {
                days_left,
                ending_soon,
                ..
            } => assert_eq!((days_left, ending_soon), (30, true)),
            other => panic!("{other:?}"),
        }
        match access(&e, utc("2027-01-12 08:00")) {
            Access::Ended { grace_until, .. } => assert_eq!(grace_until, utc("2027-01-26 08:00")),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn course_weeks_follow_local_dates() {
        // Start Monday 2026-03-23 22:30 CET (21:30 UTC).
        let e = Enrolment::weekly(utc("2026-03-23 21:30"), Stockholm);
        assert_eq!(course_week(&e, utc("2026-03-23 21:00")), 0);
        assert_eq!(course_week(&e, utc("2026-03-29 21:59")), 1); // Sunday 23:59 CEST
        assert_eq!(course_week(&e, utc("2026-03-29 22:00")), 2); // Monday 00:00 CEST
    }
}
