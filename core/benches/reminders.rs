//! Planning reminders for a whole year of access: one call of the pure
//! planner with every kind in play (eight weekly modules, a nudge, the daily
//! practice, a visit a week for 52 weeks, both access warnings, a new
//! message), goal ≤ 100 µs; and the facade's `reminder_plan`, which reads
//! the store first, for scale.
//!
//! Run with `cargo bench -p painschool-core --bench reminders`; the numbers
//! go in `docs/benchmarks.md`.

use std::sync::Arc;

use chrono::{DateTime, Duration, NaiveTime, TimeZone, Utc};
use chrono_tz::Europe::Stockholm;
use criterion::Criterion;
use painschool_core::PainSchool;
use painschool_core::clock::FixedClock;
use painschool_core::content::Lang;
use painschool_core::course::{Enrolment, scheduled_unlock};
use painschool_core::keys::{DatabaseKey, MemoryKeyProvider};
use painschool_core::messages::{Thread, Visit, VisitKind};
use painschool_core::reminders::{MessageAlert, ModuleTimes, PlanInput, ReminderSettings, plan};

fn main() {
    let start: DateTime<Utc> = Utc.with_ymd_and_hms(2026, 11, 2, 8, 0, 0).unwrap();
    let now = start + Duration::hours(1);
    let e = Enrolment::weekly(start, Stockholm);
    let modules: Vec<ModuleTimes> = (0..8)
        .map(|i| ModuleTimes {
            id: format!("m{}", i + 1),
            scheduled: scheduled_unlock(&e, i),
            opened_at: (i == 0).then_some(start),
            open: i == 0,
            started: false,
            finished: false,
            last_touch: None,
        })
        .collect();
    let visits: Vec<Visit> = (0..52)
        .map(|w| Visit {
            id: format!("visit-{w}"),
            starts_at: start + Duration::days(7 * w + 3),
            minutes: 45,
            kind: VisitKind::Clinic,
            cancelled: w % 10 == 9,
        })
        .collect();
    let settings = ReminderSettings {
        practice_time: Some(NaiveTime::from_hms_opt(19, 30, 0).unwrap()),
        ..ReminderSettings::default()
    };
    let input = PlanInput {
        now,
        time_zone: Stockholm,
        lang: Lang::Sv,
        settings: &settings,
        access_start: start,
        access_end: e.access_ends_at(),
        modules: &modules,
        last_nudge_at: None,
        visits: &visits,
        message: Some(MessageAlert {
            message_id: "m".into(),
            thread: Thread::Clinician,
            arrived_at: now,
        }),
    };
    let p = plan(&input);
    println!(
        "a year's plan: {} requests, {} left out by the budget",
        p.requests.len(),
        p.left_out
    );

    let mut c = Criterion::default().configure_from_args();
    c.bench_function("reminders/plan a year (pure)", |b| {
        b.iter(|| plan(std::hint::black_box(&input)))
    });

    // The facade: the store's facts, then the same planner.
    let dir = tempfile::tempdir().unwrap();
    let keys = MemoryKeyProvider::new(Some(DatabaseKey::from_bytes([4; 32])));
    let clock = Arc::new(FixedClock::new(now));
    let bundle = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../content");
    let school = PainSchool::open(dir.path(), &bundle, &keys, clock).unwrap();
    school.enrol(&e).unwrap();
    school.set_reminder_settings(&settings).unwrap();
    c.bench_function("reminders/facade reminder_plan", |b| {
        b.iter(|| school.reminder_plan().unwrap())
    });
    c.final_summary();
}
