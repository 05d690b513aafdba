//! When to try again after a failed sync: exponential backoff with full
//! jitter (a random wait between zero and a doubling ceiling, capped), never
//! sooner than the server's `Retry-After`. Pure: the random number is an
//! argument, so tests fix it.

use std::time::Duration;

/// The backoff policy.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Backoff {
    /// The ceiling after the first failure.
    pub base: Duration,
    /// The highest ceiling.
    pub cap: Duration,
    /// The longest `Retry-After` honoured (a larger one is cut to this, so a
    /// wrong header cannot stop sync for days).
    pub max_retry_after: Duration,
}

impl Default for Backoff {
    fn default() -> Self {
        Backoff {
            base: Duration::from_secs(2),
            cap: Duration::from_secs(300),
            max_retry_after: Duration::from_secs(3600),
        }
    }
}

impl Backoff {
    /// The ceiling after `failures` failures in a row (1 for the first):
    /// `base`, doubled per further failure, at most `cap`.
    pub fn ceiling(&self, failures: u32) -> Duration {
        let doublings = failures.saturating_sub(1).min(30);
        self.base.saturating_mul(1 << doublings).min(self.cap)
    }

    /// The wait after `failures` failures in a row. `unit` is a random number
    /// in `[0, 1)`; `retry_after` is what the server asked for, if anything.
    pub fn delay(&self, failures: u32, retry_after: Option<Duration>, unit: f64) -> Duration {
        let jittered = self.ceiling(failures).mul_f64(unit.clamp(0.0, 1.0));
        match retry_after {
            Some(asked) => jittered.max(asked.min(self.max_retry_after)),
            None => jittered,
        }
    }
}

/// A random number in `[0, 1)` from the operating system (the jitter in the
/// app; tests pass their own).
pub fn os_random_unit() -> f64 {
    let mut b = [0u8; 8];
    if getrandom::fill(&mut b).is_err() {
        return 0.5;
    }
    // 53 random bits: every value is exact in an f64.
    (u64::from_le_bytes(b) >> 11) as f64 / (1u64 << 53) as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    const S: fn(u64) -> Duration = Duration::from_secs;

    #[test]
    fn the_ceiling_doubles_up_to_the_cap() {
        let b = Backoff::default();
        let ceilings: Vec<u64> = (1..=10).map(|n| b.ceiling(n).as_secs()).collect();
        assert_eq!(ceilings, [2, 4, 8, 16, 32, 64, 128, 256, 300, 300]);
        assert_eq!(b.ceiling(u32::MAX), S(300), "no overflow");
    }

    #[test]
    fn full_jitter_spans_zero_to_the_ceiling() {
        let b = Backoff::default();
        assert_eq!(b.delay(4, None, 0.0), Duration::ZERO);
        assert_eq!(b.delay(4, None, 0.5), S(8));
        assert!(b.delay(4, None, 0.999_999) < S(16));
        assert_eq!(b.delay(20, None, 0.5), S(150));
    }

    #[test]
    fn retry_after_is_a_floor_with_its_own_cap() {
        let b = Backoff::default();
        assert_eq!(
            b.delay(1, Some(S(120)), 0.1),
            S(120),
            "the server's wish wins"
        );
        assert_eq!(b.delay(9, Some(S(1)), 0.5), S(150), "jitter above it stays");
        assert_eq!(b.delay(1, Some(S(86_400)), 0.0), S(3600));
    }

    #[test]
    fn the_os_random_unit_is_in_range() {
        for _ in 0..100 {
            let u = os_random_unit();
            assert!((0.0..1.0).contains(&u));
        }
    }
}
