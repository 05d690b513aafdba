//! The work queue (the portal's start page), as a pure function of the
//! unit's patient overview and `now`: unread patient messages, answers not
//! yet reviewed, patients inactive for 14 days or more, and access that ends
//! within 30 days (so the responsible clinician can extend it in time).
//! The signed-in clinician's own patients come first in each list.

use chrono::{DateTime, Duration, Utc};
use painschool_core::course::Enrolment;

use super::texts::Lang;
use crate::store::PatientOverview;

/// Inactive after this long without a sync.
pub const INACTIVE_AFTER: Duration = Duration::days(14);
/// Access ending within this is listed.
pub const ENDING_WITHIN: Duration = Duration::days(30);

/// One line of a queue list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueueItem {
    /// The patient.
    pub patient_id: String,
    /// The patient's name.
    pub name: String,
    /// Whether the signed-in clinician is the responsible one.
    pub mine: bool,
    /// What is waiting, in the page's language ("3 olästa meddelanden").
    pub note: String,
}

/// The four lists.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct WorkQueue {
    /// Patients with unread messages.
    pub unread: Vec<QueueItem>,
    /// Patients with answers not reviewed.
    pub unreviewed: Vec<QueueItem>,
    /// Patients inactive for [`INACTIVE_AFTER`] or more.
    pub inactive: Vec<QueueItem>,
    /// Patients whose access ends within [`ENDING_WITHIN`].
    pub ending: Vec<QueueItem>,
}

use super::when::day;

fn plural(lang: Lang, n: u32, sv: (&str, &str), en: (&str, &str)) -> String {
    let (one, many) = if lang == Lang::Sv { sv } else { en };
    format!("{n} {}", if n == 1 { one } else { many })
}

/// The queue for `clinician_id` at `now`.
pub fn work_queue(
    patients: &[PatientOverview],
    clinician_id: &str,
    lang: Lang,
    now: DateTime<Utc>,
) -> WorkQueue {
    let mut q = WorkQueue::default();
    for p in patients {
        let item = |note: String| QueueItem {
            patient_id: p.id.clone(),
            name: p.name.clone(),
            mine: p.clinician_id.as_deref() == Some(clinician_id),
            note,
        };
        if p.unread_messages > 0 {
            q.unread.push(item(plural(
                lang,
                p.unread_messages,
                ("oläst meddelande", "olästa meddelanden"),
                ("unread message", "unread messages"),
            )));
        }
        if p.unreviewed_answers > 0 {
            q.unreviewed.push(item(plural(
                lang,
                p.unreviewed_answers,
                ("svar att läsa", "svar att läsa"),
                ("answer to review", "answers to review"),
            )));
        }
        let Ok(enrolment) = serde_json::from_str::<Enrolment>(&p.enrolment_json) else {
            tracing::warn!(patient = %p.id, "unreadable enrolment; left out of the date lists");
            continue;
        };
        let ends_at = enrolment.access_ends_at();
        if now >= ends_at {
            continue;
        }
        let last = p.last_sync.unwrap_or(p.created_at);
        if now - last >= INACTIVE_AFTER {
            q.inactive.push(item(match (lang, p.last_sync) {
                (Lang::Sv, Some(t)) => format!("senast synkad {}", day(t)),
                (Lang::Sv, None) => format!("aldrig synkad, inskriven {}", day(p.created_at)),
                (Lang::En, Some(t)) => format!("last synced {}", day(t)),
                (Lang::En, None) => format!("never synced, enrolled {}", day(p.created_at)),
            }));
        }
        if ends_at - now <= ENDING_WITHIN {
            q.ending.push(item(match lang {
                Lang::Sv => format!("slutar {}", day(ends_at)),
                Lang::En => format!("ends {}", day(ends_at)),
            }));
        }
    }
    for list in [
        &mut q.unread,
        &mut q.unreviewed,
        &mut q.inactive,
        &mut q.ending,
    ] {
        // Stable: within each group the store's order (by name) stays.
        list.sort_by_key(|i| !i.mine);
    }
    q
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
    }

    fn patient(name: &str, mine: bool, start: &str) -> PatientOverview {
        let e = Enrolment::weekly(at(start), chrono_tz::Europe::Stockholm);
        PatientOverview {
            id: format!("id-{name}"),
            name: name.into(),
            personal_number: None,
            clinician_id: Some(if mine { "me" } else { "other" }.into()),
            enrolment_json: serde_json::to_string(&e).unwrap(),
            created_at: at(start),
            last_sync: None,
            unread_messages: 0,
            unreviewed_answers: 0,
        }
    }

    #[test]
    fn each_list_holds_what_waits_with_my_patients_first() {
        let now = at("2026-11-23T09:00:00Z");
        let mut a = patient("Anna Test", false, "2026-11-01T08:00:00Z");
        a.unread_messages = 2;
        a.last_sync = Some(at("2026-11-22T10:00:00Z"));
        let mut b = patient("Bo Test", true, "2026-11-01T08:00:00Z");
        b.unread_messages = 1;
        b.unreviewed_answers = 3;
        b.last_sync = Some(at("2026-11-09T09:00:00Z")); // exactly 14 days
        let c = patient("Cilla Test", false, "2025-12-10T08:00:00Z"); // ends 2026-12-10
        let mut d = patient("Dan Test", true, "2025-11-01T08:00:00Z"); // ended 2026-11-01
        d.unreviewed_answers = 1;
        let q = work_queue(&[a, b, c, d], "me", Lang::Sv, now);
        fn names(l: &[QueueItem]) -> Vec<&str> {
            l.iter().map(|i| i.name.as_str()).collect()
        }
        assert_eq!(names(&q.unread), ["Bo Test", "Anna Test"], "mine first");
        assert_eq!(q.unread[1].note, "2 olästa meddelanden");
        assert_eq!(q.unread[0].note, "1 oläst meddelande");
        assert_eq!(names(&q.unreviewed), ["Bo Test", "Dan Test"]);
        assert_eq!(
            names(&q.inactive),
            ["Bo Test", "Cilla Test"],
            "14 days without a sync; an ended patient is not listed"
        );
        assert_eq!(q.inactive[1].note, "aldrig synkad, inskriven 2025-12-10");
        assert_eq!(names(&q.ending), ["Cilla Test"]);
        assert_eq!(q.ending[0].note, "slutar 2026-12-10");
        let en = work_queue(&q_input(), "me", Lang::En, now);
        assert_eq!(en.ending[0].note, "ends 2026-12-10");
    }

    fn q_input() -> Vec<PatientOverview> {
        vec![patient("Cilla Test", false, "2025-12-10T08:00:00Z")]
    }
}
