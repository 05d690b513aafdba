//! A hybrid logical clock: stamps that order edits from several devices
//! even when their clocks disagree. A stamp sorts as a string.

use std::fmt;
use std::str::FromStr;

/// One stamp: wall-clock milliseconds, a counter for events in the same
/// millisecond (or while the wall clock lags), and the device that made it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Hlc {
    /// Milliseconds since the Unix epoch (never below the last stamp seen).
    pub millis: u64,
    /// Counter within `millis`.
    pub counter: u32,
    /// The device id, the final tie-breaker.
    pub device: String,
}

/// The largest wall-clock part a stamp may have: 15 digits (the year
/// 33658), so that stamps sort as strings.
pub const MAX_MILLIS: u64 = 999_999_999_999_999;
/// The largest counter a stamp may have: 6 digits. A clock that would pass
/// it moves to the next millisecond instead.
pub const MAX_COUNTER: u32 = 999_999;
/// How far ahead of the receiver's time (the later of its own clock and the
/// server's) a received stamp may be and still move the receiver's clock: a
/// day. A stamp further ahead (a device whose clock was set years ahead, a
/// damaged record) is still applied, but the clock does not follow it, so
/// one bad stamp cannot carry every later stamp of this device with it.
pub const MAX_LEAD_MILLIS: u64 = 24 * 60 * 60 * 1000;

impl Hlc {
    /// `millis` and `counter`, with a full counter carried into `millis`.
    fn normalised(millis: u64, counter: u32, device: &str) -> Hlc {
        let (millis, counter) = if counter > MAX_COUNTER {
            (millis + 1, 0)
        } else {
            (millis, counter)
        };
        Hlc {
            millis: millis.min(MAX_MILLIS),
            counter,
            device: device.to_owned(),
        }
    }

    /// The stamp for a local event at wall-clock `now_millis`, after `last`.
    pub fn tick(last: Option<&Hlc>, now_millis: u64, device: &str) -> Hlc {
        match last {
            Some(l) if l.millis >= now_millis => Hlc::normalised(l.millis, l.counter + 1, device),
            _ => Hlc::normalised(now_millis, 0, device),
        }
    }

    /// The local clock after receiving `remote` (from sync) at `now_millis`.
    /// A remote stamp more than [`MAX_LEAD_MILLIS`] ahead of `now_millis`
    /// does not move it (the result is then a plain tick).
    pub fn receive(last: Option<&Hlc>, remote: &Hlc, now_millis: u64, device: &str) -> Hlc {
        if remote.millis > now_millis.saturating_add(MAX_LEAD_MILLIS) {
            return Hlc::tick(last, now_millis, device);
        }
        let last_millis = last.map_or(0, |l| l.millis);
        let millis = now_millis.max(last_millis).max(remote.millis);
        let counter = if millis == last_millis && millis == remote.millis {
            last.map_or(0, |l| l.counter).max(remote.counter) + 1
        } else if millis == last_millis {
            last.map_or(0, |l| l.counter) + 1
        } else if millis == remote.millis {
            remote.counter + 1
        } else {
            0
        };
        Hlc::normalised(millis, counter, device)
    }
}

impl fmt::Display for Hlc {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:015}-{:06}-{}", self.millis, self.counter, self.device)
    }
}

/// A string that is not a stamp.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("not a hybrid logical clock stamp")]
pub struct BadHlc;

impl FromStr for Hlc {
    type Err = BadHlc;
    fn from_str(s: &str) -> Result<Self, BadHlc> {
        let mut parts = s.splitn(3, '-');
        let millis = parts
            .next()
            .and_then(|p| p.parse().ok())
            .filter(|m| *m <= MAX_MILLIS)
            .ok_or(BadHlc)?;
        let counter = parts
            .next()
            .and_then(|p| p.parse().ok())
            .filter(|c| *c <= MAX_COUNTER)
            .ok_or(BadHlc)?;
        let device = parts
            .next()
            .filter(|d| !d.is_empty())
            .ok_or(BadHlc)?
            .to_owned();
        Ok(Hlc {
            millis,
            counter,
            device,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ticks_are_monotonic_even_when_the_clock_goes_back() {
        let a = Hlc::tick(None, 1_000, "d1");
        let b = Hlc::tick(Some(&a), 1_000, "d1");
        let c = Hlc::tick(Some(&b), 500, "d1");
        let d = Hlc::tick(Some(&c), 2_000, "d1");
        assert!(a < b && b < c && c < d);
        assert!(a.to_string() < b.to_string() && c.to_string() < d.to_string());
        assert_eq!(c.millis, 1_000);
    }

    #[test]
    fn receiving_a_later_remote_stamp_moves_past_it() {
        let local = Hlc::tick(None, 1_000, "phone");
        let remote = Hlc {
            millis: 5_000,
            counter: 3,
            device: "tablet".into(),
        };
        let after = Hlc::receive(Some(&local), &remote, 1_200, "phone");
        assert!(after > remote);
        let next = Hlc::tick(Some(&after), 1_300, "phone");
        assert!(
            next > remote,
            "a later edit on the lagging phone still wins"
        );
    }

    #[test]
    fn a_stamp_far_in_the_future_does_not_carry_the_clock_with_it() {
        let now = 1_790_000_000_000;
        let local = Hlc::tick(None, now, "phone");
        let far = Hlc {
            millis: now + 400 * 24 * 60 * 60 * 1000,
            counter: 0,
            device: "tablet".into(),
        };
        let after = Hlc::receive(Some(&local), &far, now + 10, "phone");
        assert_eq!(after.millis, now + 10, "the clock stays at the wall clock");
        // Within the lead the clock follows, as before.
        let near = Hlc {
            millis: now + MAX_LEAD_MILLIS,
            counter: 4,
            device: "tablet".into(),
        };
        let after = Hlc::receive(Some(&local), &near, now + 10, "phone");
        assert!(after > near);
    }

    #[test]
    fn a_full_counter_carries_into_the_next_millisecond_and_stamps_still_sort() {
        let full = Hlc {
            millis: 5_000,
            counter: MAX_COUNTER,
            device: "d".into(),
        };
        let next = Hlc::tick(Some(&full), 4_000, "d");
        assert_eq!((next.millis, next.counter), (5_001, 0));
        assert!(full.to_string() < next.to_string());
        let received = Hlc::receive(Some(&full), &full, 4_000, "d");
        assert_eq!((received.millis, received.counter), (5_001, 0));
    }

    #[test]
    fn stamps_that_would_not_sort_as_strings_do_not_parse() {
        assert!("1000000000000000-000000-d".parse::<Hlc>().is_err());
        assert!("001790000000000-1000000-d".parse::<Hlc>().is_err());
        assert!("999999999999999-999999-d".parse::<Hlc>().is_ok());
    }

    #[test]
    fn round_trips_through_its_string_form() {
        let h = Hlc {
            millis: 1_790_000_000_000,
            counter: 7,
            device: "0190-abc".into(),
        };
        assert_eq!(h.to_string().parse::<Hlc>().unwrap(), h);
        assert!("x".parse::<Hlc>().is_err());
    }
}
