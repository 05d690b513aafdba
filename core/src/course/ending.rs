//! The end of access, as rules: when the course locks and when this
//! device may wipe the patient's data. Pure: facts in, decisions out.
//!
//! Access ends at the enrolment's end (12 months after the start unless
//! the clinician ended or extended it), judged with the effective now, so
//! setting the phone's clock back does not reopen it and setting it ahead
//! wipes nothing. The server's refusal of the token (`access_ended`, which
//! it answers 14 days after the end) ends access too, even when this device
//! never heard of an early end. The data is wiped only when the server has
//! refused the token *and* nothing waits to be sent: never on the phone's
//! clock alone, never with unsent work.

use chrono::{DateTime, Duration, Utc};
use serde::Serialize;

use super::enrolment::Enrolment;
use super::week::{Access, GRACE_AFTER_END_DAYS, access};

/// What decides the end of access on this device.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EndFacts {
    /// The effective now.
    pub now: DateTime<Utc>,
    /// When the server last refused this device's token because access
    /// ended (cleared by a later successful sync).
    pub refused_at: Option<DateTime<Utc>>,
    /// Changes waiting in the outbox.
    pub unsent: u64,
}

/// Where the end of access stands, for the app's access screens.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AccessStatus {
    /// The access state (ended when the server refused the token).
    pub access: Access,
    /// Whether the printable summary is offered now (the 14 days after the
    /// end).
    pub summary_offered: bool,
    /// Changes not yet at the clinic.
    pub unsent: u64,
    /// Whether the server has confirmed the end (refused the token).
    pub end_confirmed: bool,
    /// Whether the data may be wiped now.
    pub wipe_due: bool,
}

/// The access state, counting the server's refusal as an end.
pub fn effective_access(enrolment: &Enrolment, facts: &EndFacts) -> Access {
    let local = access(enrolment, facts.now);
    match (&local, facts.refused_at) {
        (Access::Ended { .. }, _) | (_, None) => local,
        (_, Some(refused)) => Access::Ended {
            ended_at: refused,
            grace_until: refused,
        },
    }
}

/// The access status from the facts.
pub fn access_status(enrolment: &Enrolment, facts: &EndFacts) -> AccessStatus {
    let access = effective_access(enrolment, facts);
    let summary_offered = match access {
        Access::Ended { grace_until, .. } => facts.now < grace_until,
        _ => false,
    };
    let end_confirmed = facts.refused_at.is_some();
    AccessStatus {
        summary_offered,
        unsent: facts.unsent,
        end_confirmed,
        wipe_due: end_confirmed && facts.unsent == 0,
        access,
    }
}

/// The end of the grace after an end at `ended_at`.
pub fn grace_until(ended_at: DateTime<Utc>) -> DateTime<Utc> {
    ended_at + Duration::days(GRACE_AFTER_END_DAYS)
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
    fn table() {
        let e = Enrolment::weekly(utc("2026-01-12 08:00"), Stockholm);
        let end = utc("2027-01-12 08:00");
        let facts = |now: &str, refused: Option<&str>, unsent| EndFacts {
            now: utc(now),
            refused_at: refused.map(utc),
            unsent,
        };
        // now, refused, unsent → ended?, summary offered, wipe due
        let table = [
            (facts("2026-12-01 08:00", None, 0), false, false, false),
            (facts("2027-01-12 08:00", None, 3), true, true, false),
            (facts("2027-01-25 08:00", None, 0), true, true, false), // nothing confirmed yet
            // Past the grace by the effective clock alone: nothing is wiped.
            (facts("2030-01-01 00:00", None, 0), true, false, false),
            (
                facts("2027-01-26 09:00", Some("2027-01-26 09:00"), 2),
                true,
                false,
                false,
            ),
            (
                facts("2027-01-26 09:00", Some("2027-01-26 09:00"), 0),
                true,
                false,
                true,
            ),
            // The clinic ended access early and this phone was away: the
            // refusal alone ends it.
            (
                facts("2026-06-01 08:00", Some("2026-06-01 08:00"), 0),
                true,
                false,
                true,
            ),
        ];
        for (f, ended, summary, wipe) in table {
            let s = access_status(&e, &f);
            assert_eq!(
                (
                    matches!(s.access, Access::Ended { .. }),
                    s.summary_offered,
                    s.wipe_due
                ),
                (ended, summary, wipe),
                "{f:?}"
            );
        }
        assert_eq!(grace_until(end), utc("2027-01-26 08:00"));
    }
}
