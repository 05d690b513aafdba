//! Turning a local wall-clock time in the patient's zone into one instant,
//! with fixed rules for daylight-saving gaps and folds.

use chrono::{DateTime, Duration, LocalResult, NaiveDate, NaiveDateTime, NaiveTime, TimeZone, Utc};
use chrono_tz::Tz;

/// The instant of local `at` in `tz`. A time that falls in a gap (clocks
/// jump forward) becomes the first valid instant after the gap; a time that
/// occurs twice (clocks fall back) becomes the earlier instant.
pub fn resolve_local(tz: Tz, at: NaiveDateTime) -> DateTime<Utc> {
    match tz.from_local_datetime(&at) {
        LocalResult::Single(t) => t.with_timezone(&Utc),
        LocalResult::Ambiguous(earlier, _) => earlier.with_timezone(&Utc),
        LocalResult::None => {
            // Walk forward minute by minute to the first local time that
            // exists: that is the transition instant. Real gaps are at most a
            // day long (Samoa, 2011).
            (1..=48 * 60)
                .find_map(|m| {
                    tz.from_local_datetime(&(at + Duration::minutes(m)))
                        .earliest()
                })
                .map(|t| t.with_timezone(&Utc))
                .unwrap_or_else(|| Utc.from_utc_datetime(&at))
        }
    }
}

/// The start of local `date` (00:00, or the first valid instant after it).
pub fn start_of_day(tz: Tz, date: NaiveDate) -> DateTime<Utc> {
    resolve_local(tz, date.and_time(NaiveTime::MIN))
}

/// The local calendar date of `at` in `tz`.
pub fn local_date(tz: Tz, at: DateTime<Utc>) -> NaiveDate {
    at.with_timezone(&tz).date_naive()
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono_tz::Europe::Stockholm;

    fn local(s: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").unwrap()
    }
    fn utc(s: &str) -> DateTime<Utc> {
        local(s).and_utc()
    }

    #[test]
    fn stockholm_table() {
        let table = [
            // ordinary winter and summer times
            ("2026-01-15 09:00", "2026-01-15 08:00"),
            ("2026-07-01 09:00", "2026-07-01 07:00"),
            // spring gap: 02:00–03:00 does not exist on 2026-03-29
            ("2026-03-29 02:30", "2026-03-29 01:00"),
            ("2026-03-29 02:00", "2026-03-29 01:00"),
            ("2026-03-29 03:00", "2026-03-29 01:00"),
            ("2026-03-29 01:59", "2026-03-29 00:59"),
            // autumn fold: 02:00–03:00 happens twice on 2026-10-25; the earlier wins
            ("2026-10-25 02:30", "2026-10-25 00:30"),
            ("2026-10-25 03:00", "2026-10-25 02:00"),
        ];
        for (l, u) in table {
            assert_eq!(resolve_local(Stockholm, local(l)), utc(u), "local {l}");
        }
    }

    #[test]
    fn a_gap_at_midnight_starts_the_day_after_the_gap() {
        // America/Santiago jumps from 24:00 to 01:00 on 2026-09-06.
        let tz: Tz = "America/Santiago".parse().unwrap();
        let start = start_of_day(tz, NaiveDate::from_ymd_opt(2026, 9, 6).unwrap());
        assert_eq!(
            start.with_timezone(&tz).format("%H:%M").to_string(),
            "01:00"
        );
    }
}
