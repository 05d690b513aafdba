//! Speed goals as ratios to a floor measured in the same run, on the same
//! SQLCipher build with a raw key and the same pragmas:
//! - opening the core and computing this-week with a year of data (about
//!   5,000 answer versions) ≤ 5 × a bare open plus three queries;
//! - submitting one answer ≤ 1.5 × one bare insert transaction with
//!   `synchronous=FULL`.
//!
//! Run with `cargo bench -p painschool-core --bench store`; the ratios are
//! printed at the end and recorded in `docs/benchmarks.md`.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use chrono::{Duration, TimeZone, Utc};
use criterion::Criterion;
use painschool_core::PainSchool;
use painschool_core::answers::{AnswerValue, FieldValue};
use painschool_core::clock::FixedClock;
use painschool_core::content::{ContentBundle, Verify};
use painschool_core::course::{Enrolment, Pace};
use painschool_core::facade::EntryRef;
use painschool_core::keys::{DatabaseKey, MemoryKeyProvider};
use rusqlite::{Connection, OptionalExtension};

const KEY: [u8; 32] = [3; 32];

fn keys() -> MemoryKeyProvider {
    MemoryKeyProvider::new(Some(DatabaseKey::from_bytes(KEY)))
}

fn bare_open(path: &Path) -> Connection {
    let c = Connection::open(path).unwrap();
    c.execute_batch(&format!("PRAGMA key = \"x'{}'\";", hex::encode(KEY)))
        .unwrap();
    c.query_row("PRAGMA journal_mode = WAL", [], |r| r.get::<_, String>(0))
        .unwrap();
    c.execute_batch(
        "PRAGMA synchronous = FULL; PRAGMA temp_store = MEMORY; PRAGMA foreign_keys = ON;",
    )
    .unwrap();
    c
}

fn diary(i: i64) -> AnswerValue {
    AnswerValue::Diary(
        [
            (
                "date".to_owned(),
                FieldValue::Date(chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap()),
            ),
            (
                "activity".to_owned(),
                FieldValue::Text(format!("synthetic activity {i}")),
            ),
            ("minutes".to_owned(), FieldValue::Number(i % 120)),
            ("pain-before".to_owned(), FieldValue::Number(i % 11)),
            ("pain-after".to_owned(), FieldValue::Number((i + 3) % 11)),
        ]
        .into(),
    )
}

/// A data dir holding one synthetic patient-year: about 5,000 answer versions.
fn one_year(bundle: &Arc<ContentBundle>, dir: &Path) -> usize {
    let start = Utc.with_ymd_and_hms(2026, 1, 5, 8, 0, 0).unwrap();
    let clock = Arc::new(FixedClock::new(start));
    let s = PainSchool::open_with_bundle(dir, bundle.clone(), &keys(), clock.clone()).unwrap();
    let mut e = Enrolment::weekly(start, chrono_tz::Europe::Stockholm);
    e.pace = Pace::AllAtOnce;
    s.enrol(&e).unwrap();
    let mut n = 0;
    for day in 0..365i64 {
        clock.set(start + Duration::days(day) + Duration::hours(10));
        for k in 0..13 {
            let i = day * 100 + k;
            let v = match k {
                0..=6 => s.submit_answer("m1-activity-diary", &EntryRef::Current, &diary(i)),
                7..=9 => s.submit_answer(
                    "m1-reflection-learned",
                    &EntryRef::Current,
                    &AnswerValue::Text(format!("synthetic reflection, day {day}, edit {k}")),
                ),
                _ => s.submit_answer(
                    "m1-pain-daily-life",
                    &EntryRef::Current,
                    &AnswerValue::Text("synthetic ".repeat(40)),
                ),
            };
            v.unwrap();
            n += 1;
        }
        if day % 7 == 0 {
            for q in ["check-in-pain", "check-in-interference", "check-in-sleep"] {
                s.submit_answer(q, &EntryRef::Current, &AnswerValue::Scale(day % 11))
                    .unwrap();
                n += 1;
            }
        }
    }
    n
}

fn median_ns(target: &Path, group: &str, id: &str) -> Option<f64> {
    let f = target
        .join("criterion")
        .join(group)
        .join(id)
        .join("new/estimates.json");
    let v: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(f).ok()?).ok()?;
    v["median"]["point_estimate"].as_f64()
}

fn target_dir() -> PathBuf {
    if let Ok(d) = std::env::var("CARGO_TARGET_DIR") {
        return d.into();
    }
    // target/release/deps/store-… → target
    std::env::current_exe()
        .unwrap()
        .ancestors()
        .nth(3)
        .unwrap()
        .to_path_buf()
}

fn main() {
    let mut c = Criterion::default().sample_size(30).configure_from_args();
    let bundle = Arc::new(
        ContentBundle::load(
            Path::new(env!("CARGO_MANIFEST_DIR")).join("../content"),
            Verify::Structure,
        )
        .unwrap(),
    );
    let clock = Arc::new(FixedClock::new(
        Utc.with_ymd_and_hms(2027, 1, 4, 9, 0, 0).unwrap(),
    ));

    if std::env::var("SKIPYEAR").is_err() {
        let year = tempfile::tempdir().unwrap();
        let versions = one_year(&bundle, year.path());
        let db = year.path().join(painschool_core::store::DB_FILE);
        eprintln!(
            "synthetic year: {versions} answer versions, {} KiB",
            std::fs::metadata(&db).unwrap().len() / 1024
        );
        // Settle the high-water mark so the measured opens only read.
        PainSchool::open_with_bundle(year.path(), bundle.clone(), &keys(), clock.clone())
            .unwrap()
            .this_week()
            .unwrap();

        let mut g = c.benchmark_group("open_this_week");
        g.bench_function("floor_bare_open_3_queries", |b| {
        b.iter(|| {
            let conn = bare_open(&db);
            let _: String = conn
                .query_row("SELECT data FROM enrolment WHERE id = 1", [], |r| r.get(0))
                .unwrap();
            let n: i64 = conn
                .query_row("SELECT count(*) FROM progress", [], |r| r.get(0))
                .unwrap();
            // The cheapest answer query this-week needs: one index seek.
            let q: Option<i64> = conn
                .query_row(
                    "SELECT 1 FROM answer_versions WHERE question_id = 'check-in-pain' AND entry_id = 'week-53'",
                    [],
                    |r| r.get(0),
                )
                .optional()
                .unwrap();
            (n, q)
        })
    });
        g.bench_function("core_open_this_week", |b| {
            b.iter(|| {
                let s = PainSchool::open_with_bundle(
                    year.path(),
                    bundle.clone(),
                    &keys(),
                    clock.clone(),
                )
                .unwrap();
                s.this_week().unwrap()
            })
        });
        g.finish();
    }
    let fresh = tempfile::tempdir().unwrap();
    let s =
        PainSchool::open_with_bundle(fresh.path(), bundle.clone(), &keys(), clock.clone()).unwrap();
    let mut e = Enrolment::weekly(
        Utc.with_ymd_and_hms(2026, 12, 1, 8, 0, 0).unwrap(),
        chrono_tz::Europe::Stockholm,
    );
    e.pace = Pace::AllAtOnce;
    s.enrol(&e).unwrap();
    let bare_dir = tempfile::tempdir().unwrap();
    let bare = bare_open(&bare_dir.path().join("bare.db"));
    bare.execute_batch("CREATE TABLE t (id TEXT PRIMARY KEY, value TEXT NOT NULL)")
        .unwrap();
    let mut g = c.benchmark_group("submit");
    let mut i = 0u64;
    g.bench_function("floor_bare_insert_tx", |b| {
        b.iter(|| {
            i += 1;
            let tx = bare.unchecked_transaction().unwrap();
            tx.execute(
                "INSERT INTO t (id, value) VALUES (?1, ?2)",
                rusqlite::params![
                    i.to_string(),
                    "{\"type\":\"text\",\"value\":\"a synthetic answer\"}"
                ],
            )
            .unwrap();
            tx.commit().unwrap();
        })
    });
    let mut j = 0;
    g.bench_function("core_submit_answer", |b| {
        b.iter(|| {
            j += 1;
            s.submit_answer("m1-activity-diary", &EntryRef::Current, &diary(j))
                .unwrap()
        })
    });
    g.finish();
    c.final_summary();

    let t = target_dir();
    let ratio = |g: &str, floor: &str, core: &str| -> Option<(f64, f64, f64)> {
        let f = median_ns(&t, g, floor)?;
        let c = median_ns(&t, g, core)?;
        Some((f, c, c / f))
    };
    for (g, floor, core, limit) in [
        (
            "open_this_week",
            "floor_bare_open_3_queries",
            "core_open_this_week",
            5.0,
        ),
        ("submit", "floor_bare_insert_tx", "core_submit_answer", 1.5),
    ] {
        match ratio(g, floor, core) {
            Some((f, c, r)) => println!(
                "RATIO {g}: core {:.3} ms / floor {:.3} ms = {r:.2}× (goal ≤ {limit}×) {}",
                c / 1e6,
                f / 1e6,
                if r <= limit { "OK" } else { "OVER" }
            ),
            None => println!("RATIO {g}: estimates not found under {}", t.display()),
        }
    }
}
