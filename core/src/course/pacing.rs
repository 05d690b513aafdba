//! When each module opens. Pure: enrolment, progress and the effective now
//! in; lock states out.

use std::collections::BTreeSet;

use chrono::{DateTime, Days, Utc};
use serde::Serialize;

use super::enrolment::{Enrolment, Pace};
use super::localtime::{local_date, start_of_day};

/// Whether a module can be opened, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum ModuleLock {
    /// The module can be read.
    Open,
    /// The module is closed; `opens_at` is its scheduled date if it has one
    /// (manual pace has none).
    Locked {
        /// When it opens by schedule.
        opens_at: Option<DateTime<Utc>>,
    },
}

impl ModuleLock {
    /// Whether the module can be read.
    pub fn is_open(&self) -> bool {
        matches!(self, ModuleLock::Open)
    }
}

/// The scheduled opening of the module at `index` (0-based): module 1 at the
/// start; later modules at local midnight of the start date plus whole
/// calendar days in the patient's zone (never `+ 7 × 24 h`). `None` when the
/// pace has no schedule for it.
pub fn scheduled_unlock(enrolment: &Enrolment, index: usize) -> Option<DateTime<Utc>> {
    if index == 0 {
        return Some(enrolment.start);
    }
    let step = match enrolment.pace {
        Pace::Weekly => 7,
        Pace::EveryNDays { days } => u64::from(days.max(1)),
        Pace::AllAtOnce => return Some(enrolment.start),
        Pace::Manual => return None,
    };
    let start_date = local_date(enrolment.time_zone, enrolment.start);
    let date = start_date.checked_add_days(Days::new(step * index as u64))?;
    Some(start_of_day(enrolment.time_zone, date).max(enrolment.start))
}

/// The facts about one module that decide its lock state.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ModuleFacts<'a> {
    /// The module's id.
    pub id: &'a str,
    /// Whether every section of it is done.
    pub finished: bool,
}

/// Lock states of all modules, in course order.
///
/// A module is open when its scheduled time has come by the effective now,
/// when the clinician opened it, when it was ever open before (`ever_open`:
/// a module never locks again, whatever the device clock does), or, with
/// read-ahead, when every earlier module is finished.
pub fn module_locks(
    enrolment: &Enrolment,
    modules: &[ModuleFacts<'_>],
    ever_open: &BTreeSet<String>,
    now: DateTime<Utc>,
) -> Vec<ModuleLock> {
    let mut out = Vec::with_capacity(modules.len());
    let mut all_earlier_finished = true;
    let mut previous_open = true;
    for (i, m) in modules.iter().enumerate() {
        let scheduled = scheduled_unlock(enrolment, i);
        let open = ever_open.contains(m.id)
            || enrolment.manual_unlocks.contains(m.id)
            || scheduled.is_some_and(|t| now >= t)
            || (enrolment.read_ahead
                && i > 0
                && previous_open
                && all_earlier_finished
                && now >= enrolment.start);
        out.push(if open {
            ModuleLock::Open
        } else {
            ModuleLock::Locked {
                opens_at: scheduled,
            }
        });
        all_earlier_finished &= m.finished;
        previous_open = open;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{NaiveDateTime, TimeZone};
    use chrono_tz::Europe::Stockholm;
    use proptest::prelude::*;

    fn utc(s: &str) -> DateTime<Utc> {
        NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M")
            .unwrap()
            .and_utc()
    }

    const IDS: [&str; 8] = ["m1", "m2", "m3", "m4", "m5", "m6", "m7", "m8"];

    fn facts(finished: usize) -> Vec<ModuleFacts<'static>> {
        IDS.iter()
            .enumerate()
            .map(|(i, id)| ModuleFacts {
                id,
                finished: i < finished,
            })
            .collect()
    }

    fn open_count(
        e: &Enrolment,
        finished: usize,
        ever: &BTreeSet<String>,
        now: DateTime<Utc>,
    ) -> usize {
        module_locks(e, &facts(finished), ever, now)
            .iter()
            .filter(|l| l.is_open())
            .count()
    }

    #[test]
    fn weekly_unlocks_across_the_spring_dst_change() {
        // Start Monday 2026-03-16 10:00 CET (09:00 UTC). Clocks go forward on Sunday 2026-03-29.
        let e = Enrolment::weekly(utc("2026-03-16 09:00"), Stockholm);
        let table = [
            (0, "2026-03-16 09:00"), // module 1 at the start itself
            (1, "2026-03-22 23:00"), // Mon 23 March 00:00 CET
            (2, "2026-03-29 22:00"), // Mon 30 March 00:00 CEST: 7 calendar days, 167 hours later
            (3, "2026-04-05 22:00"),
        ];
        for (i, at) in table {
            assert_eq!(scheduled_unlock(&e, i), Some(utc(at)), "module {}", i + 1);
        }
    }

    #[test]
    fn weekly_unlocks_across_the_autumn_dst_change() {
        // Start Wednesday 2026-10-14 14:00 CEST. Clocks go back on Sunday 2026-10-25.
        let e = Enrolment::weekly(utc("2026-10-14 12:00"), Stockholm);
        assert_eq!(scheduled_unlock(&e, 1), Some(utc("2026-10-20 22:00"))); // Wed 21 Oct 00:00 CEST
        assert_eq!(scheduled_unlock(&e, 2), Some(utc("2026-10-27 23:00"))); // Wed 28 Oct 00:00 CET: 169 hours later
    }

    #[test]
    fn other_paces() {
        let start = utc("2026-11-02 08:00");
        let mut e = Enrolment::weekly(start, Stockholm);
        e.pace = Pace::EveryNDays { days: 3 };
        assert_eq!(scheduled_unlock(&e, 2), Some(utc("2026-11-07 23:00"))); // 8 Nov 00:00 CET
        e.pace = Pace::AllAtOnce;
        assert_eq!(open_count(&e, 0, &BTreeSet::new(), start), 8);
        assert_eq!(
            open_count(&e, 0, &BTreeSet::new(), utc("2026-11-01 08:00")),
            0,
            "nothing before the start"
        );
        e.pace = Pace::Manual;
        assert_eq!(scheduled_unlock(&e, 1), None);
        assert_eq!(
            open_count(&e, 0, &BTreeSet::new(), utc("2027-06-01 08:00")),
            1,
            "manual: only module 1"
        );
        e.manual_unlocks.insert("m2".into());
        e.manual_unlocks.insert("m5".into());
        let locks = module_locks(&e, &facts(0), &BTreeSet::new(), start);
        assert!(locks[1].is_open() && locks[4].is_open() && !locks[2].is_open());
        assert_eq!(locks[2], ModuleLock::Locked { opens_at: None });
    }

    #[test]
    fn weekly_table_over_the_course() {
        let e = Enrolment::weekly(utc("2026-11-02 08:00"), Stockholm);
        let none = BTreeSet::new();
        let table = [
            ("2026-11-02 07:59", 0),
            ("2026-11-02 08:00", 1),
            ("2026-11-08 22:59", 1), // Sunday 23:59 local
            ("2026-11-08 23:00", 2), // Monday 9 Nov 00:00 local
            ("2026-12-20 23:00", 8),
            ("2027-06-01 00:00", 8),
        ];
        for (at, n) in table {
            assert_eq!(open_count(&e, 0, &none, utc(at)), n, "at {at}");
        }
    }

    #[test]
    fn read_ahead_opens_the_next_module_once_the_earlier_are_finished() {
        let mut e = Enrolment::weekly(utc("2026-11-02 08:00"), Stockholm);
        let now = utc("2026-11-03 08:00");
        assert_eq!(
            open_count(&e, 1, &BTreeSet::new(), now),
            1,
            "no read-ahead by default"
        );
        e.read_ahead = true;
        assert_eq!(
            open_count(&e, 0, &BTreeSet::new(), now),
            1,
            "module 1 not finished yet"
        );
        assert_eq!(open_count(&e, 1, &BTreeSet::new(), now), 2);
        assert_eq!(open_count(&e, 3, &BTreeSet::new(), now), 4);
    }

    #[test]
    fn an_ever_open_module_stays_open() {
        let e = Enrolment::weekly(utc("2026-11-02 08:00"), Stockholm);
        let ever: BTreeSet<String> = ["m1", "m2", "m3"].into_iter().map(String::from).collect();
        assert_eq!(open_count(&e, 0, &ever, utc("2026-11-02 09:00")), 3);
    }

    proptest! {
        /// The device clock jumps around, backwards included. As the facade
        /// does, each step raises the high-water mark and records what is
        /// open; an open module must never lock again.
        #[test]
        fn an_unlocked_module_never_locks_again(
            start_offset in 0i64..400,
            jumps in prop::collection::vec(-90i64 * 24 * 60..90 * 24 * 60, 1..40),
            pace in 0u8..3,
            read_ahead: bool,
        ) {
            let start = Utc.with_ymd_and_hms(2026, 1, 1, 9, 0, 0).unwrap() + chrono::Duration::days(start_offset);
            let mut e = Enrolment::weekly(start, Stockholm);
            e.read_ahead = read_ahead;
            e.pace = match pace { 0 => Pace::Weekly, 1 => Pace::EveryNDays { days: 3 }, _ => Pace::Manual };
            let mut device = start;
            let mut high_water = None;
            let mut ever = BTreeSet::new();
            let mut was_open = [false; 8];
            for (step, j) in jumps.iter().enumerate() {
                device += chrono::Duration::minutes(*j);
                let now = crate::clock::effective_now(device, None, high_water);
                high_water = Some(now);
                let locks = module_locks(&e, &facts(step % 9), &ever, now);
                for (i, l) in locks.iter().enumerate() {
                    prop_assert!(!was_open[i] || l.is_open(), "module {} locked again", i + 1);
                    if l.is_open() { was_open[i] = true; ever.insert(IDS[i].to_owned()); }
                }
            }
        }
    }
}
