//! E-mail notices of patient messages (issue 5.8): the rules, apart from
//! I/O (the sender is `notice_sender`).
//!
//! A patient's message leaves a pending notice for one recipient, in the
//! push's own transaction (`notices` table, migration 0009):
//!
//! - the **clinician** thread → the patient's responsible clinician's
//!   e-mail; a patient without one, or whose clinician has left (inactive),
//!   → the unit's shared mailbox address;
//! - the **team** thread → the unit's shared mailbox address. When the unit
//!   has none, nobody is mailed: we do not fall back to every clinician of
//!   the unit. The team thread holds practical problems that any clinician
//!   may answer from the work queue; mailing the whole unit for each of them
//!   is the noise this batching exists to avoid, and a mail to everybody
//!   makes nobody in particular responsible. A unit that wants team notices
//!   sets its shared address (`painschool-server unit-mailbox`).
//!
//! Batching: a recipient gets a mail at the first tick after a message when
//! nothing was mailed to them in the last window; messages within the
//! window wait for its end and then make one more mail. So at most one mail
//! per recipient per window, however many messages arrive, and the first
//! one is not delayed. A failed send keeps the notice and is retried after
//! [`retry_delay`] (1, 2, 4 … minutes, at most an hour).
//!
//! The mail is content-free: no patient id, name or text, only that a
//! patient has written, and a link to the portal's work queue.

use chrono::{DateTime, Duration, Utc};

/// Whom a notice is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RecipientKind {
    /// A clinician (their patients' clinician thread); the id is theirs.
    Clinician,
    /// A unit's shared mailbox; the id is the unit's.
    Unit,
}

impl RecipientKind {
    /// The stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            RecipientKind::Clinician => "clinician",
            RecipientKind::Unit => "unit",
        }
    }

    /// From the stored name (anything else reads as a unit).
    pub fn parse(s: &str) -> RecipientKind {
        if s == "clinician" {
            RecipientKind::Clinician
        } else {
            RecipientKind::Unit
        }
    }
}

/// One recipient of notices: a clinician or a unit, by id.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct RecipientKey {
    /// Clinician or unit.
    pub kind: RecipientKind,
    /// The clinician's or the unit's id.
    pub id: String,
}

/// A recipient with messages not yet announced, as the store reads it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PendingNotice {
    /// Whom it is for.
    pub key: RecipientKey,
    /// The e-mail address to use now (the clinician's, or the unit's
    /// shared mailbox), if there is one.
    pub address: Option<String>,
    /// When the first message not yet announced arrived.
    pub pending_since: DateTime<Utc>,
    /// Messages counted since; a send clears the notice only if no more
    /// came while it was under way.
    pub arrivals: i64,
    /// When the last mail went to this recipient.
    pub last_sent_at: Option<DateTime<Utc>>,
    /// Failed sends in a row.
    pub failures: u32,
    /// No new attempt before this time (after a failure).
    pub retry_at: Option<DateTime<Utc>>,
}

/// One mail to send now, for one or more pending notices that share an
/// address.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mail {
    /// The address.
    pub to: String,
    /// Indexes of the notices it answers, into the slice given to [`plan`].
    pub notices: Vec<usize>,
}

/// What to do with the pending notices at a tick.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Plan {
    /// Mails to send now.
    pub mails: Vec<Mail>,
    /// Notices nobody can be mailed for (no address): cleared without a
    /// mail, so they do not pile up.
    pub unaddressed: Vec<usize>,
}

/// How long to wait after the `failures`-th failed send in a row: one
/// minute, doubling, at most an hour.
pub fn retry_delay(failures: u32) -> Duration {
    let minutes = 1i64 << failures.saturating_sub(1).min(6);
    Duration::minutes(minutes.min(60))
}

/// Whether `n` may be mailed at `now`: not waiting for a retry, and nothing
/// mailed to the recipient within the last `window`.
pub fn is_due(n: &PendingNotice, now: DateTime<Utc>, window: Duration) -> bool {
    n.retry_at.is_none_or(|r| r <= now) && n.last_sent_at.is_none_or(|s| s + window <= now)
}

/// Which mails to send at `now` for `pending`, with at most one mail per
/// recipient per `window`. Notices that are due and share an address (a
/// departed clinician's patients and the unit's own notices both going to
/// the shared mailbox) make one mail.
pub fn plan(pending: &[PendingNotice], now: DateTime<Utc>, window: Duration) -> Plan {
    let mut out = Plan::default();
    for (i, n) in pending.iter().enumerate() {
        let Some(address) = n
            .address
            .as_deref()
            .map(str::trim)
            .filter(|a| !a.is_empty())
        else {
            out.unaddressed.push(i);
            continue;
        };
        if !is_due(n, now, window) {
            continue;
        }
        match out
            .mails
            .iter_mut()
            .find(|m| m.to.eq_ignore_ascii_case(address))
        {
            Some(m) => m.notices.push(i),
            None => out.mails.push(Mail {
                to: address.to_owned(),
                notices: vec![i],
            }),
        }
    }
    out
}

/// The notice's subject line.
pub const SUBJECT: &str = "Nytt meddelande i Smärtskolan";

/// The notice's text, Swedish then English, with a link to the work queue
/// at `portal_url` (the portal's base URL). Nothing about the patient.
pub fn body(portal_url: &str) -> String {
    let link = format!("{}/portal", portal_url.trim_end_matches('/'));
    format!(
        "Hej!\n\n\
         En patient har skrivit ett nytt meddelande i Smärtskolan.\n\
         Logga in i portalen och öppna arbetskön för att läsa det:\n{link}\n\n\
         Mejlet säger inget om patienten eller meddelandet. Svara inte på det.\n\n\
         ---\n\n\
         Hello,\n\n\
         A patient has written a new message in Smärtskolan.\n\
         Sign in to the portal and open the work queue to read it:\n{link}\n\n\
         This e-mail says nothing about the patient or the message. Please do not reply to it.\n"
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn at(h: u32, m: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 12, 3, h, m, 0).unwrap()
    }

    fn pending(id: &str, address: Option<&str>) -> PendingNotice {
        PendingNotice {
            key: RecipientKey {
                kind: RecipientKind::Clinician,
                id: id.into(),
            },
            address: address.map(str::to_owned),
            pending_since: at(9, 0),
            arrivals: 1,
            last_sent_at: None,
            failures: 0,
            retry_at: None,
        }
    }

    const WINDOW: Duration = Duration::minutes(15);

    #[test]
    fn the_first_message_is_mailed_at_once_and_the_rest_wait_for_the_window() {
        let mut n = pending("k1", Some("k1@clinic.example"));
        let p = plan(std::slice::from_ref(&n), at(9, 0), WINDOW);
        assert_eq!(
            p.mails,
            vec![Mail {
                to: "k1@clinic.example".into(),
                notices: vec![0]
            }]
        );
        // Mailed at 9:00; more messages came at 9:05.
        n.last_sent_at = Some(at(9, 0));
        for t in [at(9, 5), at(9, 10), at(9, 14)] {
            assert!(plan(std::slice::from_ref(&n), t, WINDOW).mails.is_empty());
        }
        assert_eq!(
            plan(std::slice::from_ref(&n), at(9, 15), WINDOW)
                .mails
                .len(),
            1
        );
    }

    #[test]
    fn a_failed_send_waits_for_its_retry_time_even_when_the_window_allows() {
        let mut n = pending("k1", Some("k1@clinic.example"));
        n.failures = 3;
        n.retry_at = Some(at(9, 4));
        assert!(
            plan(std::slice::from_ref(&n), at(9, 3), WINDOW)
                .mails
                .is_empty()
        );
        assert_eq!(
            plan(std::slice::from_ref(&n), at(9, 4), WINDOW).mails.len(),
            1
        );
    }

    #[test]
    fn retries_back_off_from_a_minute_to_an_hour() {
        let minutes: Vec<i64> = (1..=9).map(|f| retry_delay(f).num_minutes()).collect();
        assert_eq!(minutes, vec![1, 2, 4, 8, 16, 32, 60, 60, 60]);
        assert_eq!(retry_delay(u32::MAX).num_minutes(), 60);
    }

    #[test]
    fn notices_sharing_an_address_make_one_mail_and_unaddressed_ones_are_set_aside() {
        let mut unit = pending("u1", Some("Team@clinic.example"));
        unit.key.kind = RecipientKind::Unit;
        let mut recent = pending("k2", Some("k2@clinic.example"));
        recent.last_sent_at = Some(at(8, 50));
        let all = vec![
            pending("k1", Some("team@clinic.example")),
            unit,
            pending("k3", None),
            recent,
            pending("k4", Some("  ")),
        ];
        let p = plan(&all, at(9, 0), WINDOW);
        assert_eq!(
            p.mails,
            vec![Mail {
                to: "team@clinic.example".into(),
                notices: vec![0, 1]
            }]
        );
        assert_eq!(p.unaddressed, vec![2, 4]);
    }

    #[test]
    fn the_mail_says_only_that_a_patient_wrote_with_a_link_to_the_work_queue() {
        let b = body("https://portal.clinic.example/");
        assert!(b.contains("En patient har skrivit"));
        assert!(b.contains("A patient has written"));
        assert_eq!(
            b.matches("https://portal.clinic.example/portal\n").count(),
            2
        );
        assert!(
            b.find("Hej").unwrap() < b.find("Hello").unwrap(),
            "Swedish first"
        );
    }
}
