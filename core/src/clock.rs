//! Time as the core sees it: a `Clock` passed in, and the effective now that
//! setting the phone's clock cannot cheat.

use std::sync::Mutex;

use chrono::{DateTime, Utc};

/// The source of the current time. The apps pass the system clock; tests pass
/// a fixed one.
pub trait Clock: Send + Sync {
    /// The current instant, in UTC.
    fn now(&self) -> DateTime<Utc>;
}

/// The device's own clock.
#[derive(Debug, Default, Clone, Copy)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> DateTime<Utc> {
        Utc::now()
    }
}

/// A clock that says what it is told: for tests, demos and the cli's `--now`.
#[derive(Debug)]
pub struct FixedClock(Mutex<DateTime<Utc>>);

impl FixedClock {
    /// A clock standing at `at`.
    pub fn new(at: DateTime<Utc>) -> Self {
        FixedClock(Mutex::new(at))
    }

    /// Moves the clock to `at` (also backwards).
    pub fn set(&self, at: DateTime<Utc>) {
        *self.0.lock().unwrap_or_else(|p| p.into_inner()) = at;
    }
}

impl Clock for FixedClock {
    fn now(&self) -> DateTime<Utc> {
        *self.0.lock().unwrap_or_else(|p| p.into_inner())
    }
}

/// The time used for decisions that must not be cheated (unlocks, access
/// end): the latest of the device clock, the last server time seen and the
/// saved high-water mark. Moving the device clock back changes nothing;
/// moving it ahead raises the mark, which is why unlocks are also recorded.
pub fn effective_now(
    device: DateTime<Utc>,
    last_server_time: Option<DateTime<Utc>>,
    high_water: Option<DateTime<Utc>>,
) -> DateTime<Utc> {
    [Some(device), last_server_time, high_water]
        .into_iter()
        .flatten()
        .max()
        .unwrap_or(device)
}

/// How far past the last time the server reported the device clock is
/// believed for ending access: a phone offline longer still ends access at
/// its next sync (or when the server refuses its token).
pub const OFFLINE_END_TRUST: chrono::Duration = chrono::Duration::days(30);

/// The time that decides whether access has ended: the effective now, but
/// never more than [`OFFLINE_END_TRUST`] past the last server time, so a
/// phone clock set ahead cannot end access (setting it back cannot extend
/// access past what the server has said either). Without any server time
/// (a device never synced, the demo) it is the effective now.
pub fn end_now(effective: DateTime<Utc>, last_server_time: Option<DateTime<Utc>>) -> DateTime<Utc> {
    match last_server_time {
        Some(server) => effective.min(server + OFFLINE_END_TRUST).max(server),
        None => effective,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn effective_now_is_the_latest_known_time() {
        let t = |d| Utc.with_ymd_and_hms(2026, 11, d, 12, 0, 0).unwrap();
        assert_eq!(effective_now(t(10), None, None), t(10));
        assert_eq!(effective_now(t(10), Some(t(12)), Some(t(11))), t(12));
        assert_eq!(effective_now(t(10), Some(t(9)), Some(t(11))), t(11));
    }

    #[test]
    fn end_now_believes_the_device_only_so_far_past_the_server() {
        let t = |d| Utc.with_ymd_and_hms(2026, 11, d, 12, 0, 0).unwrap();
        assert_eq!(end_now(t(10), None), t(10));
        assert_eq!(end_now(t(10), Some(t(9))), t(10));
        // A clock set years ahead: capped 30 days past the server.
        let far = Utc.with_ymd_and_hms(2029, 1, 1, 0, 0, 0).unwrap();
        assert_eq!(end_now(far, Some(t(1))), t(1) + OFFLINE_END_TRUST);
        assert_eq!(end_now(t(1), Some(t(5))), t(5));
    }
}
