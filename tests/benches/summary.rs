//! The printable summary of a synthetic one-year patient (every module
//! answered, diaries, 52 weeks of check-ins, practice most weeks): the
//! phone's whole `summary_pdf` (store read, model, layout, PDF with the font
//! subset), goal ≤ 300 ms; and its parts for scale.
//!
//! Run with `cargo bench -p painschool-e2e --bench summary`; the numbers go
//! in `docs/benchmarks.md`.

use std::sync::Arc;

use chrono::NaiveDateTime;
use criterion::Criterion;
use painschool_core::PainSchool;
use painschool_core::clock::FixedClock;
use painschool_core::keys::{DatabaseKey, MemoryKeyProvider};
use painschool_e2e::bundle_dir;
use painschool_e2e::year::write_one_year;

fn main() {
    let start = NaiveDateTime::parse_from_str("2025-12-01 07:00", "%Y-%m-%d %H:%M")
        .unwrap()
        .and_utc();
    let dir = tempfile::tempdir().unwrap();
    let keys = MemoryKeyProvider::new(Some(DatabaseKey::from_bytes([5; 32])));
    let clock = Arc::new(FixedClock::new(start));
    let s = PainSchool::open(dir.path(), &bundle_dir(), &keys, clock.clone()).unwrap();
    write_one_year(&s, &clock, start);
    let model = s.summary().unwrap();
    let pages = painschool_summary::pdf::page_count(&model);
    let size = s.summary_pdf().unwrap().len();
    println!("one-year summary: {pages} pages, {size} bytes of PDF");

    let mut c = Criterion::default().configure_from_args();
    c.bench_function("summary/phone summary_pdf, one year", |b| {
        b.iter(|| s.summary_pdf().unwrap())
    });
    c.bench_function("summary/phone summary_html, one year", |b| {
        b.iter(|| s.summary_html().unwrap())
    });
    c.bench_function("summary/model from the store, one year", |b| {
        b.iter(|| s.summary().unwrap())
    });
    c.bench_function("summary/PDF from the model, one year", |b| {
        b.iter(|| painschool_summary::to_pdf(&model).unwrap())
    });
    c.final_summary();
}
