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

impl Hlc {
    /// The stamp for a local event at wall-clock `now_millis`, after `last`.
    pub fn tick(last: Option<&Hlc>, now_millis: u64, device: &str) -> Hlc {
        match last {
            Some(l) if l.millis >= now_millis => Hlc {
                millis: l.millis,
                counter: l.counter + 1,
                device: device.to_owned(),
            },
            _ => Hlc {
                millis: now_millis,
                counter: 0,
                device: device.to_owned(),
            },
        }
    }

    /// The local clock after receiving `remote` (from sync) at `now_millis`.
    pub fn receive(last: Option<&Hlc>, remote: &Hlc, now_millis: u64, device: &str) -> Hlc {
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
        Hlc {
            millis,
            counter,
            device: device.to_owned(),
        }
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
        let millis = parts.next().and_then(|p| p.parse().ok()).ok_or(BadHlc)?;
        let counter = parts.next().and_then(|p| p.parse().ok()).ok_or(BadHlc)?;
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
