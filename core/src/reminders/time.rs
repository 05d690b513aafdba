//! When a local wall-clock time next happens in the patient's zone.
//!
//! Steps are whole calendar days in the zone, never `+ 24 h` or
//! `+ 7 × 24 h`, so a reminder keeps its local time across daylight-saving
//! changes. A local time in a gap (clocks jump forward) fires at the first
//! valid instant after the gap; a local time in a fold (clocks fall back)
//! fires once, at the earlier instant. Times are returned in UTC, as they
//! are stored and synced.

use chrono::{DateTime, Datelike, Days, NaiveTime, Utc, Weekday};
use chrono_tz::Tz;

use crate::course::localtime::{local_date, resolve_local};

/// The first instant strictly after `now` at which local `time` happens in
/// `tz`, on `weekday` if given (a weekly reminder), else on any day (a
/// daily one).
pub fn next_local(
    tz: Tz,
    now: DateTime<Utc>,
    weekday: Option<Weekday>,
    time: NaiveTime,
) -> DateTime<Utc> {
    let today = local_date(tz, now);
    // Today's occurrence may already be past; a weekly one is at most a
    // week and a day away.
    (0..=8u64)
        .filter_map(|d| today.checked_add_days(Days::new(d)))
        .filter(|date| weekday.is_none_or(|w| date.weekday() == w))
        .map(|date| resolve_local(tz, date.and_time(time)))
        .find(|at| *at > now)
        .unwrap_or(now)
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
    fn hm(s: &str) -> NaiveTime {
        NaiveTime::parse_from_str(s, "%H:%M").unwrap()
    }

    #[test]
    fn golden_cases_of_the_issue_gap_and_fold() {
        // Sunday 2026-03-29 02:30 does not exist in Stockholm: 01:00 UTC,
        // the first instant after the gap (a naive conversion gives 01:30).
        assert_eq!(
            next_local(
                Stockholm,
                utc("2026-03-28 12:00"),
                Some(Weekday::Sun),
                hm("02:30")
            ),
            utc("2026-03-29 01:00")
        );
        // Sunday 2026-10-25 02:30 happens twice: the earlier, 00:30 UTC.
        assert_eq!(
            next_local(
                Stockholm,
                utc("2026-10-24 12:00"),
                Some(Weekday::Sun),
                hm("02:30")
            ),
            utc("2026-10-25 00:30")
        );
    }

    #[test]
    fn a_fold_fires_once() {
        // Just after the earlier 02:30 (00:30 UTC), before the later one
        // (01:30 UTC): the next is a week later, not the repeat.
        assert_eq!(
            next_local(
                Stockholm,
                utc("2026-10-25 00:45"),
                Some(Weekday::Sun),
                hm("02:30")
            ),
            utc("2026-11-01 01:30")
        );
        // Daily: the next day.
        assert_eq!(
            next_local(Stockholm, utc("2026-10-25 00:45"), None, hm("02:30")),
            utc("2026-10-26 01:30")
        );
    }

    #[test]
    fn weekly_reminders_keep_their_local_time_across_changes() {
        let table = [
            // now, weekday, local time, expected (UTC)
            (
                "2026-03-23 12:00",
                Weekday::Mon,
                "09:00",
                "2026-03-30 07:00",
            ), // summer time after
            (
                "2026-03-20 12:00",
                Weekday::Mon,
                "09:00",
                "2026-03-23 08:00",
            ), // winter time
            (
                "2026-10-20 12:00",
                Weekday::Mon,
                "09:00",
                "2026-10-26 08:00",
            ), // winter time after
            (
                "2026-10-19 06:59",
                Weekday::Mon,
                "09:00",
                "2026-10-19 07:00",
            ), // later today
            (
                "2026-10-19 07:00",
                Weekday::Mon,
                "09:00",
                "2026-10-26 08:00",
            ), // exactly now: next week
            (
                "2026-12-31 22:00",
                Weekday::Fri,
                "08:00",
                "2027-01-01 07:00",
            ), // over the new year
        ];
        for (now, w, t, want) in table {
            assert_eq!(
                next_local(Stockholm, utc(now), Some(w), hm(t)),
                utc(want),
                "{now} {w} {t}"
            );
        }
    }

    #[test]
    fn every_quarter_hour_of_every_weekday_comes_within_a_week() {
        for now in ["2026-03-28 23:00", "2026-10-24 23:00", "2026-06-01 00:00"] {
            let now = utc(now);
            for w in [
                Weekday::Mon,
                Weekday::Tue,
                Weekday::Wed,
                Weekday::Thu,
                Weekday::Fri,
                Weekday::Sat,
                Weekday::Sun,
            ] {
                for q in 0..96u32 {
                    let t = NaiveTime::from_hms_opt(q / 4, (q % 4) * 15, 0).unwrap();
                    let at = next_local(Stockholm, now, Some(w), t);
                    assert!(
                        at > now
                            && at <= now + chrono::Duration::days(7) + chrono::Duration::hours(1)
                    );
                    assert_eq!(at.with_timezone(&Stockholm).weekday(), w, "{w} {t}");
                }
            }
        }
    }
}
