//! The platforms' budget of pending notification requests. iOS keeps only
//! 64 per app; the plan never asks for more than [`MAX_PENDING`]. A daily
//! or weekly repeating trigger is one request. When the plan has more, the
//! requests that matter most stay: by kind first (a booked visit or the end
//! of access before a new module, before a nudge or a practice reminder),
//! then the soonest.

use chrono::{DateTime, Utc};

/// The most requests pending at once (iOS keeps 64; the rest is margin for
/// the apps' own).
pub const MAX_PENDING: usize = 48;

/// What a reminder is about, in the order they are kept when the budget
/// is short.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ReminderKind {
    /// A booked visit (24 h and 1 h before).
    Visit,
    /// Access ends (30 and 7 days before).
    AccessEnding,
    /// A new message from the clinic.
    NewMessage,
    /// A new module has opened.
    ModuleOpened,
    /// The open module has not been touched for 3 days.
    Nudge,
    /// The daily mindfulness practice.
    Practice,
}

/// Keeps at most `max` of `requests`, each given as its kind and next fire
/// time (a repeating request by its next time), ranked by kind and then
/// time. Returns the indexes kept, soonest first.
pub fn fit_budget(requests: &[(ReminderKind, DateTime<Utc>)], max: usize) -> Vec<usize> {
    let mut order: Vec<usize> = (0..requests.len()).collect();
    order.sort_by_key(|&i| (requests[i].0, requests[i].1, i));
    order.truncate(max);
    order.sort_by_key(|&i| (requests[i].1, i));
    order
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Duration;

    #[test]
    fn a_short_budget_keeps_visits_and_access_ends_before_nudges_and_practice() {
        let t0 = DateTime::parse_from_rfc3339("2026-12-01T08:00:00Z")
            .unwrap()
            .to_utc();
        let mut requests = Vec::new();
        // 60 practice reminders and 10 nudges, all sooner than anything else.
        for d in 0..60 {
            requests.push((ReminderKind::Practice, t0 + Duration::hours(d)));
        }
        for d in 0..10 {
            requests.push((ReminderKind::Nudge, t0 + Duration::minutes(d)));
        }
        // Later: two visit reminders, two access-end warnings, 8 modules.
        requests.push((ReminderKind::Visit, t0 + Duration::days(40)));
        requests.push((ReminderKind::Visit, t0 + Duration::days(41)));
        requests.push((ReminderKind::AccessEnding, t0 + Duration::days(300)));
        requests.push((ReminderKind::AccessEnding, t0 + Duration::days(330)));
        for m in 0..8 {
            requests.push((ReminderKind::ModuleOpened, t0 + Duration::days(7 * m)));
        }
        let kept = fit_budget(&requests, MAX_PENDING);
        assert_eq!(kept.len(), MAX_PENDING);
        let kinds: Vec<ReminderKind> = kept.iter().map(|&i| requests[i].0).collect();
        let count = |k| kinds.iter().filter(|&&x| x == k).count();
        assert_eq!(count(ReminderKind::Visit), 2);
        assert_eq!(count(ReminderKind::AccessEnding), 2);
        assert_eq!(count(ReminderKind::ModuleOpened), 8);
        assert_eq!(count(ReminderKind::Nudge), 10);
        // The practice reminders fill what is left, soonest first.
        assert_eq!(count(ReminderKind::Practice), MAX_PENDING - 22);
        let practice: Vec<usize> = kept
            .iter()
            .copied()
            .filter(|&i| requests[i].0 == ReminderKind::Practice)
            .collect();
        assert_eq!(practice, (0..MAX_PENDING - 22).collect::<Vec<_>>());
        // Returned soonest first.
        assert!(
            kept.windows(2)
                .all(|w| requests[w[0]].1 <= requests[w[1]].1)
        );
    }

    #[test]
    fn under_the_budget_everything_stays() {
        let t0 = DateTime::parse_from_rfc3339("2026-12-01T08:00:00Z")
            .unwrap()
            .to_utc();
        let requests = [
            (ReminderKind::Practice, t0 + Duration::hours(2)),
            (ReminderKind::Visit, t0 + Duration::hours(1)),
        ];
        assert_eq!(fit_budget(&requests, MAX_PENDING), vec![1, 0]);
    }
}
