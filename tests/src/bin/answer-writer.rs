//! A child process for the crash test: saves diary entries as fast as it
//! can and prints each one's name only after the save has returned.

use std::io::Write;
use std::sync::Arc;

use chrono::TimeZone;
use painschool_core::answers::{AnswerValue, FieldValue};
use painschool_core::clock::SystemClock;
use painschool_core::course::Enrolment;
use painschool_core::facade::EntryRef;
use painschool_core::keys::{DatabaseKey, MemoryKeyProvider};
use painschool_core::{Error, PainSchool};

fn main() {
    let mut args = std::env::args().skip(1);
    let dir = args.next().expect("data dir");
    let run = args.next().expect("run number");
    let keys = MemoryKeyProvider::new(Some(DatabaseKey::from_bytes(painschool_e2e::CRASH_KEY)));
    let school = PainSchool::open(
        dir.as_ref(),
        &painschool_e2e::bundle_dir(),
        &keys,
        Arc::new(SystemClock),
    )
    .expect("open");
    if let Err(Error::NotEnrolled) = school.enrolment() {
        let start = chrono::Utc.with_ymd_and_hms(2026, 1, 5, 8, 0, 0).unwrap();
        school
            .enrol(&Enrolment::weekly(start, chrono_tz::Europe::Stockholm))
            .expect("enrol");
    }
    let mut out = std::io::stdout().lock();
    for i in 0.. {
        let name = format!("run{run}-{i}");
        let entry = AnswerValue::Diary(
            [
                (
                    "date".to_owned(),
                    FieldValue::Date(chrono::NaiveDate::from_ymd_opt(2026, 1, 6).unwrap()),
                ),
                ("activity".to_owned(), FieldValue::Text(name.clone())),
                ("minutes".to_owned(), FieldValue::Number(i % 1000)),
                ("pain-before".to_owned(), FieldValue::Number(5)),
                ("pain-after".to_owned(), FieldValue::Number(4)),
            ]
            .into(),
        );
        school
            .submit_answer("m1-activity-diary", &EntryRef::Current, &entry)
            .expect("submit");
        writeln!(out, "{name}").expect("stdout");
        out.flush().expect("flush");
    }
}
