//! The reminder time rule against an independent oracle: Python's zoneinfo
//! (`scripts/reminder_oracle.py`, which applies the gap and fold rules on
//! its own terms). For all 672 weekly preferences (7 weekdays × 96 quarter
//! hours) and, as `now`, the start of every week and every daylight-saving
//! change ± 1 day from 2026 to 2035 in Europe/Stockholm, the next fire time
//! must be the oracle's. The two golden cases are among them and are
//! checked by name too.

use std::io::Write;
use std::process::{Command, Stdio};

use chrono::{DateTime, Datelike, Duration, NaiveDate, NaiveTime, Offset, TimeZone, Utc, Weekday};
use chrono_tz::Europe::Stockholm;
use painschool_core::course::localtime::resolve_local;
use painschool_core::reminders::next_local;

const WEEKDAYS: [Weekday; 7] = [
    Weekday::Mon,
    Weekday::Tue,
    Weekday::Wed,
    Weekday::Thu,
    Weekday::Fri,
    Weekday::Sat,
    Weekday::Sun,
];

/// The start of every week (Monday 00:00 local) and every offset change
/// ± 1 day, 2026–2035.
fn nows() -> Vec<DateTime<Utc>> {
    let mut nows = Vec::new();
    let mut monday = NaiveDate::from_ymd_opt(2025, 12, 29).unwrap();
    while monday.year() <= 2035 {
        nows.push(resolve_local(Stockholm, monday.and_time(NaiveTime::MIN)));
        monday += Duration::days(7);
    }
    let mut t = Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap();
    let end = Utc.with_ymd_and_hms(2036, 1, 1, 0, 0, 0).unwrap();
    let offset = |t: DateTime<Utc>| t.with_timezone(&Stockholm).offset().fix();
    let mut changes = 0;
    while t < end {
        let next = t + Duration::hours(1);
        if offset(t) != offset(next) {
            changes += 1;
            for d in [-1, 0, 1] {
                nows.push(next + Duration::days(d));
            }
        }
        t = next;
    }
    assert_eq!(changes, 20, "two changes a year for ten years");
    nows
}

#[test]
fn every_weekly_preference_matches_the_zoneinfo_oracle_2026_to_2035() {
    let nows = nows();
    let mut cases = Vec::new();
    for now in &nows {
        for (wd, w) in WEEKDAYS.iter().enumerate() {
            for q in 0..96u32 {
                let t = NaiveTime::from_hms_opt(q / 4, (q % 4) * 15, 0).unwrap();
                cases.push((*now, wd, *w, t));
            }
        }
    }
    assert_eq!(cases.len(), nows.len() * 672);
    let mut input = String::with_capacity(cases.len() * 24);
    for (now, wd, _, t) in &cases {
        input.push_str(&format!("{} {wd} {}\n", now.timestamp(), t.format("%H:%M")));
    }
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/../scripts/reminder_oracle.py");
    let mut child = Command::new("python3")
        .arg(script)
        .arg("Europe/Stockholm")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("python3 runs the oracle (scripts/deps.sh)");
    let mut stdin = child.stdin.take().unwrap();
    let writer = std::thread::spawn(move || stdin.write_all(input.as_bytes()).unwrap());
    let out = child.wait_with_output().unwrap();
    writer.join().unwrap();
    assert!(out.status.success(), "the oracle failed");
    let expected: Vec<i64> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| l.parse().unwrap())
        .collect();
    assert_eq!(expected.len(), cases.len());
    let mut wrong = Vec::new();
    for ((now, _, w, t), want) in cases.iter().zip(&expected) {
        let got = next_local(Stockholm, *now, Some(*w), *t).timestamp();
        if got != *want {
            wrong.push(format!("now {now} {w} {t}: got {got}, oracle {want}"));
        }
    }
    assert!(
        wrong.is_empty(),
        "{} of {} differ, e.g.:\n{}",
        wrong.len(),
        cases.len(),
        wrong[..wrong.len().min(10)].join("\n")
    );
    // The golden cases are in the sweep; by name:
    let at = |s: &str| DateTime::parse_from_rfc3339(s).unwrap().to_utc();
    let golden = [
        ("2026-03-28T23:00:00Z", "02:30", "2026-03-29T01:00:00Z"), // gap
        ("2026-10-24T22:00:00Z", "02:30", "2026-10-25T00:30:00Z"), // fold
    ];
    for (now, t, want) in golden {
        let t = NaiveTime::parse_from_str(t, "%H:%M").unwrap();
        assert_eq!(
            next_local(Stockholm, at(now), Some(Weekday::Sun), t),
            at(want)
        );
    }
}
