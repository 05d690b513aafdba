//! The terminal client run as a real process against the real bundle.

use std::fs;
use std::path::Path;
use std::process::{Command, Output};

const CANARY: &str = "KANARIEFÅGEL-7f3a9c-ÅÄÖ";

fn run(dir: &Path, args: &[&str]) -> Output {
    let tmp = dir.join("tmp");
    fs::create_dir_all(&tmp).unwrap();
    Command::new(env!("CARGO_BIN_EXE_painschool"))
        .arg("--data-dir")
        .arg(dir)
        .args(args)
        .env("PAINSCHOOL_PASSPHRASE", "correct horse battery staple")
        .env("PAINSCHOOL_NOW", "2026-11-10T09:00:00Z")
        .env("PAINSCHOOL_LOG", "trace")
        .env("TMPDIR", &tmp)
        .output()
        .unwrap()
}

fn ok(dir: &Path, args: &[&str]) -> String {
    let out = run(dir, args);
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

fn fails(dir: &Path, args: &[&str], expect: &str) {
    let out = run(dir, args);
    assert!(!out.status.success(), "{args:?} should fail");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains(expect),
        "{args:?}: stderr {err:?} should contain {expect:?}"
    );
}

fn files_under(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for e in fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            files_under(&p, out)
        } else {
            out.push(p)
        }
    }
}

#[test]
fn no_plaintext_answer_reaches_disk_or_logs() {
    let data = tempfile::tempdir().unwrap();
    let d = data.path();
    ok(d, &["init", "--demo"]);
    let mut logs = String::new();
    for args in [
        vec!["answer", "m1-reflection-learned", CANARY],
        vec!["answer", "m1-pain-daily-life", CANARY, "--draft"],
        vec![
            "answer",
            "m1-activity-diary",
            &format!("date=2026-11-09;activity={CANARY};minutes=20;pain-before=6;pain-after=5"),
        ],
        vec!["answer", "m1-reflection-learned", &format!("{CANARY} v2")],
        vec!["prefs", "--name", CANARY],
    ] {
        let out = run(d, &args);
        assert!(out.status.success());
        logs.push_str(&String::from_utf8_lossy(&out.stderr));
        if args[0] == "answer" {
            logs.push_str(&String::from_utf8_lossy(&out.stdout));
        }
    }
    assert!(
        logs.contains("answer submitted"),
        "trace logging was on: {logs}"
    );
    assert!(
        !logs.contains(CANARY) && !logs.contains("KANARIEF"),
        "no answer text in logs"
    );
    // The answers are really there...
    assert!(ok(d, &["history", "m1-reflection-learned"]).contains(CANARY));
    // ...but no file in the data directory (database, -wal, -shm, temp files) holds them in plain text.
    let mut files = Vec::new();
    files_under(d, &mut files);
    assert!(
        files
            .iter()
            .any(|f| f.to_string_lossy().ends_with("patient.db-wal"))
            || files.len() >= 3
    );
    for f in &files {
        let bytes = fs::read(f).unwrap();
        for needle in [CANARY.as_bytes(), b"KANARIEF", b"7f3a9c"] {
            assert!(
                !bytes.windows(needle.len()).any(|w| w == needle),
                "{} holds the canary",
                f.display()
            );
        }
    }
    let db = fs::read(d.join("patient.db")).unwrap();
    assert!(
        !db.starts_with(b"SQLite format 3"),
        "the database is encrypted"
    );
}

#[test]
fn the_demo_walkthrough_works_in_text_and_json() {
    let data = tempfile::tempdir().unwrap();
    let d = data.path();
    let week = ok(d, &["init", "--demo"]);
    assert!(
        week.contains("vecka 2") && week.contains("1177") && week.contains("112"),
        "{week}"
    );
    let modules: serde_json::Value = serde_json::from_str(&ok(d, &["--json", "modules"])).unwrap();
    assert_eq!(modules.as_array().unwrap().len(), 8);
    assert_eq!(modules[1]["lock"]["state"], "open");
    assert_eq!(modules[2]["lock"]["state"], "locked");
    assert!(ok(d, &["read", "m1-welcome"]).contains("1177"));
    ok(d, &["answer", "m1-pain-triggers", "stress,poor-sleep"]);
    ok(d, &["answer", "check-in-pain", "6"]);
    let answers: serde_json::Value =
        serde_json::from_str(&ok(d, &["--json", "answers", "m1"])).unwrap();
    let triggers = answers["m1"]
        .as_array()
        .unwrap()
        .iter()
        .find(|q| q["question_id"] == "m1-pain-triggers")
        .unwrap();
    assert_eq!(
        triggers["answers"][0]["value"]["value"],
        serde_json::json!(["stress", "poor-sleep"])
    );
    ok(d, &["prefs", "--language", "en"]);
    assert!(ok(d, &["week"]).contains("The Pain School — week 2"));
}

#[test]
fn bad_input_gets_a_clear_message_and_a_non_zero_exit() {
    let data = tempfile::tempdir().unwrap();
    let d = data.path();
    fails(d, &["week"], "init --demo");
    ok(d, &["init", "--demo"]);
    fails(d, &["init", "--demo"], "already holds course data");
    fails(
        d,
        &["answer", "no-such-question", "x"],
        "no question \"no-such-question\"",
    );
    fails(d, &["answer", "check-in-pain", "eleven"], "whole number");
    fails(d, &["answer", "check-in-pain", "11"], "between 0 and 10");
    fails(
        d,
        &["answer", "m1-pain-duration", "forever"],
        "option does not exist",
    );
    fails(
        d,
        &["answer", "m1-activity-diary", "mood=good"],
        "no field `mood`",
    );
    fails(
        d,
        &["answer", "m1-activity-diary", "date=2026-11-09"],
        "is missing",
    );
    fails(d, &["read", "m4-intro"], "not open yet");
    fails(d, &["read", "nope"], "no section");
    fails(d, &["init", "--pace", "sometimes"], "unknown pace");
    let wrong = Command::new(env!("CARGO_BIN_EXE_painschool"))
        .arg("--data-dir")
        .arg(d)
        .arg("week")
        .env("PAINSCHOOL_PASSPHRASE", "wrong")
        .output()
        .unwrap();
    assert!(!wrong.status.success());
    assert!(String::from_utf8_lossy(&wrong.stderr).contains("passphrase does not open"));
}

#[test]
fn content_check_names_the_broken_place() {
    let d = tempfile::tempdir().unwrap();
    let bundle = Path::new(env!("CARGO_MANIFEST_DIR")).join("../content");
    assert!(
        ok(d.path(), &["content", "check", bundle.to_str().unwrap()]).contains("ok (8 modules")
    );
    fs::write(d.path().join("course.toml"), "format = 1\nid = \"x\"\n").unwrap();
    let out = run(d.path(), &["content", "check", d.path().to_str().unwrap()]);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("course.toml") && err.contains("missing key `version`"),
        "{err}"
    );
}
