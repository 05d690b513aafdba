//! Failed-activation limits: per client address and across the server, in
//! fixed one-hour windows. Pure: the caller passes the time.

use std::collections::HashMap;
use std::net::IpAddr;

use chrono::{DateTime, Duration, Utc};

/// Counts failed attempts in the current hour.
#[derive(Debug)]
pub struct FailureLimit {
    per_client: u32,
    per_server: u32,
    window_start: Option<DateTime<Utc>>,
    clients: HashMap<IpAddr, u32>,
    total: u32,
}

impl FailureLimit {
    /// Allows `per_client` failures per address and `per_server` in total per hour.
    pub fn new(per_client: u32, per_server: u32) -> Self {
        FailureLimit {
            per_client,
            per_server,
            window_start: None,
            clients: HashMap::new(),
            total: 0,
        }
    }

    fn roll(&mut self, now: DateTime<Utc>) {
        if self
            .window_start
            .is_none_or(|s| now - s >= Duration::hours(1) || now < s)
        {
            self.window_start = Some(now);
            self.clients.clear();
            self.total = 0;
        }
    }

    /// Whether `client` may try now (checked before each attempt).
    pub fn allows(&mut self, client: IpAddr, now: DateTime<Utc>) -> bool {
        self.roll(now);
        self.total < self.per_server
            && self.clients.get(&client).copied().unwrap_or(0) < self.per_client
    }

    /// Records a failed attempt.
    pub fn failed(&mut self, client: IpAddr, now: DateTime<Utc>) {
        self.roll(now);
        self.total += 1;
        *self.clients.entry(client).or_insert(0) += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(min: i64) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339("2026-11-23T10:00:00Z")
            .unwrap()
            .with_timezone(&Utc)
            + Duration::minutes(min)
    }

    #[test]
    fn a_client_is_stopped_after_its_failures_until_the_hour_passes() {
        let a: IpAddr = "10.0.0.1".parse().unwrap();
        let b: IpAddr = "10.0.0.2".parse().unwrap();
        let mut l = FailureLimit::new(3, 100);
        for _ in 0..3 {
            assert!(l.allows(a, t(1)));
            l.failed(a, t(1));
        }
        assert!(!l.allows(a, t(2)));
        assert!(l.allows(b, t(2)), "another address is not affected");
        assert!(l.allows(a, t(61)), "a new hour starts over");
    }

    #[test]
    fn the_server_limit_stops_everyone() {
        let mut l = FailureLimit::new(100, 5);
        for i in 0..5u8 {
            let ip: IpAddr = format!("10.0.0.{i}").parse().unwrap();
            assert!(l.allows(ip, t(0)));
            l.failed(ip, t(0));
        }
        assert!(!l.allows("10.9.9.9".parse().unwrap(), t(1)));
    }
}
