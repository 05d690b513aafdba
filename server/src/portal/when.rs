//! How the portal shows times: in the clinic's zone (Europe/Stockholm), to
//! the minute or the day, whatever form they were stored in (RFC 3339 in
//! UTC, with or without fractions). A time that does not parse is shown as
//! stored rather than hidden.

use chrono::{DateTime, Utc};
use chrono_tz::Europe::Stockholm;

/// `2026-12-03 08:02` in Stockholm time.
pub fn minute(stored: &str) -> String {
    match DateTime::parse_from_rfc3339(stored) {
        Ok(t) => t
            .with_timezone(&Stockholm)
            .format("%Y-%m-%d %H:%M")
            .to_string(),
        Err(_) => stored.to_owned(),
    }
}

/// `2026-12-03` in Stockholm time.
pub fn day(t: DateTime<Utc>) -> String {
    t.with_timezone(&Stockholm).format("%Y-%m-%d").to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_show_in_stockholm_time_to_the_minute() {
        // Winter: UTC+1; nanoseconds dropped.
        assert_eq!(
            minute("2026-12-03T07:02:41.601390579+00:00"),
            "2026-12-03 08:02"
        );
        // Summer: UTC+2; a Z suffix.
        assert_eq!(minute("2026-06-30T22:30:00Z"), "2026-07-01 00:30");
        assert_eq!(minute("not a time"), "not a time");
        let t = DateTime::parse_from_rfc3339("2026-12-31T23:30:00Z")
            .unwrap()
            .to_utc();
        assert_eq!(day(t), "2027-01-01");
    }
}
