//! Every earlier schema upgrades to the current one, with its data, and the
//! result equals a fresh schema.

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use painschool_core::PainSchool;
use painschool_core::answers::AnswerValue;
use painschool_core::clock::FixedClock;
use painschool_core::content::Lang;
use painschool_core::facade::EntryRef;
use painschool_core::keys::{DatabaseKey, MemoryKeyProvider};
use painschool_core::store::schema;

use crate::common::{Fixture, bundle_dir, utc};

/// The key of the committed fixture databases.
const FIXTURE_KEY: [u8; 32] = [7; 32];

fn fixture(version: u32) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("tests/fixtures/v{version}.db"))
}

fn describe(s: &PainSchool) -> String {
    s.store_for_tests()
        .read(|c| Ok(schema::describe(c)?))
        .unwrap()
}

#[test]
fn version_1_upgrades_with_its_data_and_equals_a_fresh_schema() {
    upgrades_with_its_data(1);
}

#[test]
fn version_2_upgrades_with_its_data_and_equals_a_fresh_schema() {
    upgrades_with_its_data(2);
}

#[test]
fn version_3_upgrades_with_its_data_and_equals_a_fresh_schema() {
    upgrades_with_its_data(3);
}

fn upgrades_with_its_data(version: u32) {
    let dir = tempfile::tempdir().unwrap();
    fs::copy(fixture(version), dir.path().join("patient.db")).unwrap();
    let keys = MemoryKeyProvider::new(Some(DatabaseKey::from_bytes(FIXTURE_KEY)));
    let clock = Arc::new(FixedClock::new(utc("2026-11-20 09:00")));
    let s = PainSchool::open(dir.path(), &bundle_dir(), &keys, clock).unwrap();
    assert_eq!(
        s.store_for_tests()
            .read(|c| Ok(schema::stored_version(c)?))
            .unwrap(),
        schema::VERSION
    );

    // The data of version 1 is all there.
    assert_eq!(
        s.preferences().unwrap().language,
        Lang::En,
        "the language is kept (moved from meta to preferences in version 2)"
    );
    let history = s
        .answer_history("m1-reflection-learned", &EntryRef::Current)
        .unwrap();
    assert_eq!(history.len(), 2);
    assert_eq!(
        history[1].value,
        AnswerValue::Text("Fixture answer, second version".into())
    );
    let diary = s
        .module_answers("m1")
        .unwrap()
        .into_iter()
        .find(|q| q.question_id == "m1-activity-diary")
        .unwrap();
    assert_eq!(diary.answers.len(), 1);
    assert_eq!(
        s.draft("m1-pain-daily-life", &EntryRef::Current).unwrap(),
        Some(AnswerValue::Text("fixture draft".into()))
    );
    assert!(s.progress_facts().unwrap().opened.contains("m1-welcome"));
    assert_eq!(s.store_for_tests().pending_changes(100).unwrap().len(), 4);
    assert_eq!(s.this_week().unwrap().modules_open, 3);
    // New writes work on the upgraded file.
    s.submit_answer(
        "m1-reflection-learned",
        &EntryRef::Current,
        &AnswerValue::Text("after upgrade".into()),
    )
    .unwrap();

    // Version 4's tables work on the upgraded file.
    s.send_message(painschool_core::facade::Thread::Team, "fixture message")
        .unwrap();
    assert_eq!(
        s.messages(painschool_core::facade::Thread::Team)
            .unwrap()
            .len(),
        1
    );

    let fresh = Fixture::new();
    assert_eq!(describe(&s), describe(&fresh.open().unwrap()));
}

/// Writes `tests/fixtures/v1.db`. Run once when version 1 was current:
/// `cargo test -p painschool-core --test integration -- --ignored write_v1_fixture`.
#[test]
#[ignore]
fn write_v1_fixture() {
    write_fixture(1);
}

/// Writes `tests/fixtures/v2.db` (version 1's tables plus version 2's
/// preferences table, the language moved there). Run once when version 2
/// was current.
#[test]
#[ignore]
fn write_v2_fixture() {
    write_fixture(2);
}

/// Writes `tests/fixtures/v3.db`: version 2's fixture taken through the
/// upgrade step to 3 (the step the upgrade test of version 2 also runs).
/// Run once when version 3 was current (made with version 4's code, whose
/// `upgrade_steps` stops at 3).
#[test]
#[ignore]
fn write_v3_fixture() {
    write_fixture(3);
}

fn write_fixture(version: u32) {
    let path = fixture(version);
    let _ = fs::remove_file(&path);
    let mut conn = rusqlite::Connection::open(&path).unwrap();
    conn.execute_batch(&format!(
        "PRAGMA key = \"x'{}'\";",
        hex::encode(FIXTURE_KEY)
    ))
    .unwrap();
    conn.execute_batch(schema::V1_SQL).unwrap();
    if version == 1 {
        conn.execute_batch("INSERT INTO meta VALUES ('language', 'en');")
            .unwrap();
    } else {
        conn.execute_batch(
            "CREATE TABLE preferences (key TEXT PRIMARY KEY, value TEXT NOT NULL, hlc TEXT NOT NULL) WITHOUT ROWID;
             INSERT INTO preferences VALUES ('language', 'en', '001762160400000-000000-0190fixturedevice');",
        )
        .unwrap();
    }
    conn.execute_batch(&format!(
        r#"
        INSERT INTO meta VALUES ('device_id', '0190fixturedevice'),
            ('last_hlc', '001762160400000-000003-0190fixturedevice');
        INSERT INTO enrolment VALUES (1, '{enrolment}', '2026-11-02T08:00:00+00:00');
        INSERT INTO progress VALUES ('section_opened', 'm1-welcome', 'm1', '2026-11-02T09:00:00+00:00'),
            ('module_open', 'm1', 'm1', '2026-11-02T08:00:00+00:00');
        INSERT INTO answer_versions VALUES
            ('0190f000-0000-7000-8000-000000000001', 'm1-reflection-learned', '', 'm1',
             '{{"type":"text","value":"Fixture answer"}}', '001762160400000-000001-0190fixturedevice',
             '2026-11-03T09:00:00+00:00', '0190fixturedevice'),
            ('0190f000-0000-7000-8000-000000000002', 'm1-reflection-learned', '', 'm1',
             '{{"type":"text","value":"Fixture answer, second version"}}', '001762160400000-000002-0190fixturedevice',
             '2026-11-03T09:05:00+00:00', '0190fixturedevice'),
            ('0190f000-0000-7000-8000-000000000003', 'm1-activity-diary', '0190f000-0000-7000-8000-0000000000e1', 'm1',
             '{{"type":"diary","value":{{"activity":{{"text":"walk"}},"date":{{"date":"2026-11-03"}},"minutes":{{"number":30}},"pain-after":{{"number":3}},"pain-before":{{"number":5}}}}}}',
             '001762160400000-000003-0190fixturedevice', '2026-11-03T09:10:00+00:00', '0190fixturedevice');
        INSERT INTO answer_heads VALUES
            ('m1-reflection-learned', '', 'm1', '0190f000-0000-7000-8000-000000000002', '001762160400000-000002-0190fixturedevice'),
            ('m1-activity-diary', '0190f000-0000-7000-8000-0000000000e1', 'm1', '0190f000-0000-7000-8000-000000000003', '001762160400000-000003-0190fixturedevice');
        INSERT INTO drafts VALUES ('m1-pain-daily-life', '', '{{"type":"text","value":"fixture draft"}}', '2026-11-03T10:00:00+00:00');
        INSERT INTO outbox VALUES
            ('0190f000-0000-7000-8000-0000000000a1', 1, 'answer_version', '0190f000-0000-7000-8000-000000000001', 1, '001762160400000-000001-0190fixturedevice', '{{}}', '2026-11-03T09:00:00+00:00'),
            ('0190f000-0000-7000-8000-0000000000a2', 2, 'answer_version', '0190f000-0000-7000-8000-000000000002', 1, '001762160400000-000002-0190fixturedevice', '{{}}', '2026-11-03T09:05:00+00:00'),
            ('0190f000-0000-7000-8000-0000000000a3', 3, 'answer_version', '0190f000-0000-7000-8000-000000000003', 1, '001762160400000-000003-0190fixturedevice', '{{}}', '2026-11-03T09:10:00+00:00'),
            ('0190f000-0000-7000-8000-0000000000a4', 4, 'progress', 'section_opened:m1-welcome', 1, '001762160400000-000000-0190fixturedevice', '{{}}', '2026-11-02T09:00:00+00:00');
        PRAGMA user_version = {stored};
        "#,
        stored = version.min(2),
        enrolment = r#"{"start":"2026-11-02T08:00:00Z","time_zone":"Europe/Stockholm","pace":{"kind":"weekly"},"read_ahead":false,"manual_unlocks":[],"access_end":null}"#,
    ))
    .unwrap();
    if version > 2 {
        let tx = conn.transaction().unwrap();
        schema::upgrade_steps(&tx, 2, version).unwrap();
        tx.execute_batch(&format!("PRAGMA user_version = {version}"))
            .unwrap();
        tx.commit().unwrap();
    }
}
