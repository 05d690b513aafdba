//! Moving a reminder out of the patient's quiet hours.

use chrono::{DateTime, Days, Duration, Utc};
use chrono_tz::Tz;

use super::settings::QuietHours;
use super::time::next_local;
use crate::course::localtime::{local_date, resolve_local};

/// Where a reminder at `at` may sound, given the quiet hours `quiet`:
/// `at` itself when it is outside them; else the end of the quiet hours;
/// else, when that end is later than `latest` (a visit reminder must come
/// before the visit), the last minute before the quiet hours began.
pub fn out_of_quiet(
    tz: Tz,
    quiet: Option<QuietHours>,
    at: DateTime<Utc>,
    latest: Option<DateTime<Utc>>,
) -> DateTime<Utc> {
    let Some(q) = quiet else { return at };
    let local = at.with_timezone(&tz).time();
    if !q.contains(local) {
        return at;
    }
    let end = next_local(tz, at, None, q.end);
    if latest.is_none_or(|l| end <= l) {
        return end;
    }
    // The quiet hours' start on the same night: today's, or yesterday's
    // when `at` is after midnight.
    let date = local_date(tz, at);
    let today_start = resolve_local(tz, date.and_time(q.start));
    let start = if today_start <= at {
        today_start
    } else {
        date.checked_sub_days(Days::new(1))
            .map_or(today_start, |d| resolve_local(tz, d.and_time(q.start)))
    };
    start - Duration::minutes(1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{NaiveDateTime, NaiveTime};
    use chrono_tz::Europe::Stockholm;

    fn utc(s: &str) -> DateTime<Utc> {
        NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M")
            .unwrap()
            .and_utc()
    }

    fn night() -> Option<QuietHours> {
        Some(QuietHours {
            start: NaiveTime::from_hms_opt(21, 0, 0).unwrap(),
            end: NaiveTime::from_hms_opt(8, 0, 0).unwrap(),
        })
    }

    #[test]
    fn table() {
        // Stockholm in December is UTC+1.
        let table = [
            // at, latest, expected
            ("2026-12-07 12:00", None, "2026-12-07 12:00"), // 13:00 local: not quiet
            ("2026-12-07 20:30", None, "2026-12-08 07:00"), // 21:30 → 08:00 next day
            ("2026-12-08 05:00", None, "2026-12-08 07:00"), // 06:00 → 08:00 the same day
            ("2026-12-07 19:59", None, "2026-12-07 19:59"), // 20:59: the last quiet-free minute
            ("2026-12-07 20:00", None, "2026-12-08 07:00"), // 21:00: quiet starts
            // A visit at 08:30 local: its 1 h reminder (07:30) would move to
            // 08:00, too close; it comes the evening before at 20:59.
            (
                "2026-12-08 06:30",
                Some("2026-12-08 06:45"),
                "2026-12-07 19:59",
            ),
            // Late evening, visit far enough: to the end of quiet hours.
            (
                "2026-12-07 21:00",
                Some("2026-12-08 09:00"),
                "2026-12-08 07:00",
            ),
        ];
        for (at, latest, want) in table {
            assert_eq!(
                out_of_quiet(Stockholm, night(), utc(at), latest.map(utc)),
                utc(want),
                "{at}"
            );
        }
        assert_eq!(
            out_of_quiet(Stockholm, None, utc("2026-12-07 23:00"), None),
            utc("2026-12-07 23:00")
        );
    }
}
