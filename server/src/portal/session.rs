//! When a portal session ends: after 30 minutes without a request, and 12
//! hours after sign-in whatever happens. Pure: the caller passes `now`.

use chrono::{DateTime, Duration, Utc};

/// A session ends after this long without a request.
pub const IDLE: Duration = Duration::minutes(30);
/// A session ends this long after sign-in.
pub const ABSOLUTE: Duration = Duration::hours(12);

/// The times that decide a session's life.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SessionTimes {
    /// When the clinician signed in (password and second factor).
    pub signed_in_at: DateTime<Utc>,
    /// The last request seen.
    pub last_seen_at: DateTime<Utc>,
}

/// Whether a session is still alive, and if not, why.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SessionCheck {
    /// Alive: the request may go on (and becomes the last one seen).
    Alive,
    /// No request for [`IDLE`].
    IdleTimeout,
    /// [`ABSOLUTE`] since sign-in.
    AbsoluteTimeout,
}

impl SessionTimes {
    /// The check for a request at `now`.
    pub fn check(&self, now: DateTime<Utc>) -> SessionCheck {
        if now >= self.signed_in_at + ABSOLUTE {
            SessionCheck::AbsoluteTimeout
        } else if now >= self.last_seen_at + IDLE {
            SessionCheck::IdleTimeout
        } else {
            SessionCheck::Alive
        }
    }

    /// When the session ends if no request comes: the earlier limit.
    pub fn expires_at(&self) -> DateTime<Utc> {
        (self.last_seen_at + IDLE).min(self.signed_in_at + ABSOLUTE)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(h: i64, m: i64) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339("2026-11-23T08:00:00Z")
            .unwrap()
            .with_timezone(&Utc)
            + Duration::hours(h)
            + Duration::minutes(m)
    }

    #[test]
    fn thirty_idle_minutes_end_a_session() {
        let s = SessionTimes {
            signed_in_at: at(0, 0),
            last_seen_at: at(1, 0),
        };
        assert_eq!(s.check(at(1, 29)), SessionCheck::Alive);
        assert_eq!(s.check(at(1, 30)), SessionCheck::IdleTimeout);
        assert_eq!(s.expires_at(), at(1, 30));
    }

    #[test]
    fn twelve_hours_end_a_busy_session() {
        let s = SessionTimes {
            signed_in_at: at(0, 0),
            last_seen_at: at(11, 59),
        };
        assert_eq!(s.check(at(11, 59)), SessionCheck::Alive);
        assert_eq!(s.check(at(12, 0)), SessionCheck::AbsoluteTimeout);
        assert_eq!(s.expires_at(), at(12, 0));
    }
}
