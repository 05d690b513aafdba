//! The clinician's side of the course: when it starts, at what pace modules
//! open, and when access ends.

use std::collections::BTreeSet;

use chrono::{DateTime, Months, Utc};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};

use super::localtime::resolve_local;

/// How modules open.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Pace {
    /// One module a week (the default).
    Weekly,
    /// One module every `days` days.
    EveryNDays {
        /// Days between modules, at least 1.
        days: u32,
    },
    /// Every module is open from the start.
    AllAtOnce,
    /// Module 1 opens at the start; the clinician opens the others.
    Manual,
}

/// One patient's enrolment, set by the clinic.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Enrolment {
    /// When access starts (module 1 opens).
    pub start: DateTime<Utc>,
    /// The patient's IANA time zone; weeks are counted in it.
    #[serde(with = "tz_name")]
    pub time_zone: Tz,
    /// How modules open.
    pub pace: Pace,
    /// Whether the patient may open the next module early once every earlier
    /// module is finished.
    pub read_ahead: bool,
    /// Modules the clinician opened by hand (any pace).
    pub manual_unlocks: BTreeSet<String>,
    /// When access ends; `None` means 12 months after the start.
    pub access_end: Option<DateTime<Utc>>,
}

impl Enrolment {
    /// A weekly enrolment starting at `start` in `time_zone`.
    pub fn weekly(start: DateTime<Utc>, time_zone: Tz) -> Self {
        Enrolment {
            start,
            time_zone,
            pace: Pace::Weekly,
            read_ahead: false,
            manual_unlocks: BTreeSet::new(),
            access_end: None,
        }
    }

    /// When access ends: the explicit end, or the same local time 12 calendar
    /// months after the start (the last day of the month where that day does
    /// not exist).
    pub fn access_ends_at(&self) -> DateTime<Utc> {
        self.access_end.unwrap_or_else(|| {
            let local = self.start.with_timezone(&self.time_zone).naive_local();
            let end = local.checked_add_months(Months::new(12)).unwrap_or(local);
            resolve_local(self.time_zone, end)
        })
    }
}

mod tz_name {
    use chrono_tz::Tz;
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(tz: &Tz, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(tz.name())
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Tz, D::Error> {
        let name = String::deserialize(d)?;
        name.parse()
            .map_err(|_| serde::de::Error::custom("unknown time zone"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;
    use chrono_tz::Europe::Stockholm;

    #[test]
    fn access_ends_twelve_calendar_months_later_at_the_same_local_time() {
        // Starts in winter time, ends in winter time a year later.
        let e = Enrolment::weekly(
            Utc.with_ymd_and_hms(2026, 1, 12, 8, 0, 0).unwrap(),
            Stockholm,
        );
        assert_eq!(
            e.access_ends_at(),
            Utc.with_ymd_and_hms(2027, 1, 12, 8, 0, 0).unwrap()
        );
        // 29 February has no twin: the last day of February.
        let e = Enrolment::weekly(
            Utc.with_ymd_and_hms(2028, 2, 29, 8, 0, 0).unwrap(),
            Stockholm,
        );
        assert_eq!(
            e.access_ends_at(),
            Utc.with_ymd_and_hms(2029, 2, 28, 8, 0, 0).unwrap()
        );
    }

    #[test]
    fn serialises_the_zone_by_name() {
        let e = Enrolment::weekly(
            Utc.with_ymd_and_hms(2026, 1, 12, 8, 0, 0).unwrap(),
            Stockholm,
        );
        let json = serde_json::to_string(&e).unwrap();
        assert!(json.contains("\"Europe/Stockholm\""));
        assert_eq!(serde_json::from_str::<Enrolment>(&json).unwrap(), e);
    }
}
