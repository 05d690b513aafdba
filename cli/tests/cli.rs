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

/// The JSON of a command.
fn json(dir: &Path, args: &[&str]) -> serde_json::Value {
    let mut all = vec!["--json"];
    all.extend_from_slice(args);
    serde_json::from_str(&ok(dir, &all)).unwrap()
}

/// The request with `id` in a plan.
fn request<'a>(plan: &'a serde_json::Value, id: &str) -> &'a serde_json::Value {
    plan["requests"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["id"] == id)
        .unwrap_or_else(|| panic!("no request {id} in {plan:#}"))
}

fn local(r: &serde_json::Value) -> chrono::NaiveDateTime {
    r["fire_at_local"].as_str().unwrap().parse().unwrap()
}

// By hand: `init --demo` at the tests' now (Tuesday 2026-11-10 09:00 UTC)
// starts the course eight days earlier, Monday 2026-11-02 09:00 UTC, 10:00
// in Europe/Stockholm (CET, UTC+1). Weekly, module 3 opens at local midnight
// two weeks on, Monday 2026-11-16; the default reminder is at 10:00 on the
// day a module opens: 2026-11-16 10:00 CET = 09:00 UTC. Access ends 12
// months after the start, 2027-11-02 10:00 CET; 30 days before, 2027-10-03
// 10:00 is summer time (CEST, UTC+2): 08:00 UTC.
#[test]
fn reminders_list_module_reminders_at_the_patients_local_times() {
    let data = tempfile::tempdir().unwrap();
    let d = data.path();
    ok(d, &["init", "--demo"]);
    let text = ok(d, &["reminders"]);
    assert!(
        text.contains("Planerade påminnelser (tider i Europe/Stockholm)")
            && text.contains("mån 2026-11-16 10:00 (2026-11-16 09:00 UTC) · Ny modul öppen")
            && text.contains("painschool://module/m3")
            && text.contains("En ny del av kursen är öppen")
            && text
                .contains("sön 2027-10-03 10:00 (2027-10-03 08:00 UTC) · Tillgången slutar snart"),
        "{text}"
    );
    assert!(!text.contains("left out") && !text.contains("fick inte plats"));
    // Soonest first.
    let m3 = text.find("painschool://module/m3").unwrap();
    let m4 = text.find("painschool://module/m4").unwrap();
    assert!(m3 < m4, "{text}");

    let plan = json(d, &["reminders"]);
    let requests = plan["requests"].as_array().unwrap();
    assert!(!requests.is_empty() && requests.len() <= 48, "{plan:#}");
    assert_eq!(plan["left_out"], 0);
    let m3 = request(&plan, "module-m3");
    assert_eq!(m3["kind"], "module_opened");
    assert_eq!(m3["fire_at"], "2026-11-16T09:00:00Z");
    assert_eq!(m3["fire_at_local"], "2026-11-16T10:00:00");
    assert_eq!(m3["repeat"], "once");
    assert_eq!(m3["screen"]["module_id"], "m3");
    // Modules 3–8, each at 10:00 local on the Monday it opens; module 2
    // opened yesterday, so its reminder has passed and is not planned.
    for (n, day) in [(3, 16), (4, 23), (5, 30)] {
        let r = request(&plan, &format!("module-m{n}"));
        assert_eq!(r["fire_at_local"], format!("2026-11-{day}T10:00:00"));
    }
    for (n, day) in [(6, 7), (7, 14), (8, 21)] {
        let r = request(&plan, &format!("module-m{n}"));
        assert_eq!(r["fire_at_local"], format!("2026-12-{day:02}T10:00:00"));
    }
    assert!(requests.iter().all(|r| r["id"] != "module-m2"));
    assert_eq!(
        request(&plan, "access-30")["fire_at"],
        "2027-10-03T08:00:00Z"
    );
    let times: Vec<&str> = requests
        .iter()
        .map(|r| r["fire_at"].as_str().unwrap())
        .collect();
    assert!(times.windows(2).all(|w| w[0] <= w[1]), "{times:?}");
    assert!(
        times.iter().all(|t| *t > "2026-11-10T09:00:00Z"),
        "{times:?}"
    );

    // In English.
    ok(d, &["prefs", "--language", "en"]);
    let text = ok(d, &["reminders"]);
    assert!(
        text.contains("Mon 2026-11-16 10:00 (2026-11-16 09:00 UTC) · New module open")
            && text.contains("A new part of your course is ready"),
        "{text}"
    );
}

#[test]
fn reminder_settings_change_the_plan() {
    let data = tempfile::tempdir().unwrap();
    let d = data.path();
    ok(d, &["init", "--demo"]);
    let shown = ok(d, &["settings", "reminders"]);
    assert!(
        shown.contains("samma dag som modulen öppnar") && shown.contains("21:00–08:00"),
        "{shown}"
    );
    let changed = ok(
        d,
        &[
            "settings",
            "reminders",
            "--weekday",
            "wed",
            "--time",
            "18:00",
            "--practice",
            "19:30",
        ],
    );
    // The new settings, and the next reminder: practice tonight at 19:30
    // (CET, 18:30 UTC).
    assert!(
        changed.contains("på, onsdagar")
            && changed.contains("18:00 (nya moduler")
            && changed.contains("Nästa påminnelse: tis 2026-11-10 19:30 (2026-11-10 18:30 UTC) · Daglig övning · dagligen"),
        "{changed}"
    );
    let s = json(d, &["settings", "reminders"]);
    assert_eq!(s["settings"]["module_weekday"], "wed");
    assert_eq!(s["settings"]["module_time"], "18:00");
    assert_eq!(s["settings"]["practice_time"], "19:30");
    assert_eq!(s["next"]["id"], "practice");

    let plan = json(d, &["reminders"]);
    // Module 3 opens Monday 2026-11-16; the first Wednesday at 18:00 at or
    // after that is 2026-11-18 18:00 CET = 17:00 UTC.
    let m3 = request(&plan, "module-m3");
    assert_eq!(m3["fire_at_local"], "2026-11-18T18:00:00");
    assert_eq!(m3["fire_at"], "2026-11-18T17:00:00Z");
    for r in plan["requests"].as_array().unwrap() {
        if r["kind"] == "module_opened" {
            let at = local(r);
            use chrono::{Datelike, Timelike};
            assert_eq!(
                (at.weekday(), at.hour(), at.minute()),
                (chrono::Weekday::Wed, 18, 0),
                "{r}"
            );
        }
    }
    let practice = request(&plan, "practice");
    assert_eq!(practice["kind"], "practice");
    assert_eq!(practice["repeat"], "daily");
    assert_eq!(practice["fire_at_local"], "2026-11-10T19:30:00");
    assert_eq!(practice["screen"]["screen"], "mindfulness");
    let text = ok(d, &["reminders"]);
    assert!(
        text.contains("ons 2026-11-18 18:00 (2026-11-18 17:00 UTC) · Ny modul öppen")
            && text.contains("· Daglig övning · dagligen")
            && text.contains("painschool://mindfulness"),
        "{text}"
    );
    ok(d, &["prefs", "--language", "en"]);
    assert!(
        ok(d, &["reminders"])
            .contains("Tue 2026-11-10 19:30 (2026-11-10 18:30 UTC) · Daily practice · daily")
    );

    // Turned off again: no practice, module reminders on the opening day.
    ok(
        d,
        &[
            "settings",
            "reminders",
            "--practice",
            "off",
            "--weekday",
            "opening-day",
            "--modules",
            "off",
        ],
    );
    let plan = json(d, &["reminders"]);
    assert!(
        plan["requests"]
            .as_array()
            .unwrap()
            .iter()
            .all(|r| r["kind"] != "practice" && r["kind"] != "module_opened"),
        "{plan:#}"
    );
}

#[test]
fn reminder_settings_refuse_bad_values_and_save_nothing() {
    let data = tempfile::tempdir().unwrap();
    let d = data.path();
    ok(d, &["init", "--demo"]);
    let before = json(d, &["settings", "reminders"]);
    // A rule of the core: no reminder time inside the quiet hours
    // (21:00–08:00 by default). The weekday given with it is not saved either.
    fails(
        d,
        &["settings", "reminders", "--time", "23:00"],
        "the module reminder time is within the quiet hours (21:00-08:00)",
    );
    fails(
        d,
        &[
            "settings",
            "reminders",
            "--weekday",
            "fri",
            "--time",
            "23:00",
        ],
        "reminder settings not changed",
    );
    fails(
        d,
        &["settings", "reminders", "--practice", "07:00"],
        "the practice reminder time is within the quiet hours",
    );
    // Values that do not read name their option.
    fails(
        d,
        &["settings", "reminders", "--weekday", "someday"],
        "--weekday `someday` is not a day",
    );
    fails(
        d,
        &["settings", "reminders", "--time", "25:00"],
        "--time `25:00` is not a time",
    );
    fails(
        d,
        &["settings", "reminders", "--quiet", "22"],
        "--quiet `22`",
    );
    fails(
        d,
        &["settings", "reminders", "--nudges", "maybe"],
        "--nudges `maybe`: use on or off",
    );
    assert_eq!(
        json(d, &["settings", "reminders"]),
        before,
        "nothing was saved"
    );
    assert_eq!(before["settings"]["module_time"], "10:00");
    assert_eq!(
        before["settings"]["module_weekday"],
        serde_json::Value::Null
    );
    // With --json the error is JSON too.
    let out = run(
        d,
        &["--json", "settings", "reminders", "--weekday", "someday"],
    );
    assert!(!out.status.success());
    // (The last line: the lines before it are the trace log.)
    let stderr = String::from_utf8_lossy(&out.stderr);
    let err: serde_json::Value = serde_json::from_str(stderr.lines().last().unwrap()).unwrap();
    assert!(err["error"].as_str().unwrap().contains("--weekday"));
    // Once the quiet hours move, 23:00 is fine.
    ok(
        d,
        &[
            "settings",
            "reminders",
            "--quiet",
            "23:30-07:00",
            "--time",
            "23:00",
        ],
    );
    assert_eq!(
        json(d, &["settings", "reminders"])["settings"]["module_time"],
        "23:00"
    );
}

// A course that started 2025-11-01 09:00 UTC (10:00 CET) ended 12 months
// later, 2026-11-01 10:00 CET; the 14 days of grace run to 2026-11-15 10:00
// CET (09:00 UTC). The tests' now, 2026-11-10, is inside them.
#[test]
fn the_end_of_access_is_explained_with_where_to_turn() {
    let data = tempfile::tempdir().unwrap();
    let d = data.path();
    ok(d, &["init", "--start", "2025-11-01T09:00:00Z"]);
    assert!(ok(d, &["week"]).contains("Din tillgång har slutat."));
    let out = run(d, &["read", "m1-welcome"]);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("Din tillgång till kursen slutade den 1 november 2026.")
            && err.contains("skickas ändå till din klinik")
            && err.contains("spara din sammanfattning fram till 15 november 2026 kl. 10.00")
            && err.contains("kontakta din klinik")
            && err.contains("ring 1177")
            && err.contains("ring 112"),
        "{err}"
    );
    // The summary is put forward with the command: on the week with until
    // when, in the access-ended text beside the sentence that says it.
    let save = "Du kan spara en sammanfattning av allt du har skrivit fram till 15 november 2026 kl. 10.00: painschool summary --pdf FILE";
    assert!(ok(d, &["week"]).contains(save));
    // The access-ended text says until when once, in its own sentence.
    assert!(
        err.contains(
            "Du kan spara en sammanfattning av allt du har skrivit: painschool summary --pdf FILE"
        ),
        "{err}"
    );
    assert_eq!(err.matches("fram till 15 november").count(), 1, "{err}");
    assert_eq!(
        json(d, &["week"])["summary_offer"],
        serde_json::json!({ "reason": "access_ended", "until": "2026-11-15T09:00:00Z" })
    );
    fails(
        d,
        &["answer", "check-in-pain", "6"],
        "slutade den 1 november 2026",
    );
    // Nothing is planned after the end.
    assert!(ok(d, &["reminders"]).contains("Inga påminnelser planerade."));
    ok(d, &["prefs", "--language", "en"]);
    assert!(ok(d, &["week"]).contains("Your access has ended."));
    fails(
        d,
        &["read", "m1-welcome"],
        "Your access to the course ended on 1 November 2026. What you wrote before then is still sent to your clinic, and you can save your summary until 15 November 2026 at 10:00.",
    );
    assert!(ok(d, &["week"]).contains(
        "You can save a summary of everything you wrote until 15 November 2026 at 10:00: painschool summary --pdf FILE"
    ));
    // After the grace.
    fails(
        d,
        &["--now", "2026-12-01T09:00:00Z", "read", "m1-welcome"],
        "ran out on 15 November 2026 at 10:00. If you have questions, contact your clinic. For healthcare advice, call 1177. In an emergency: call 112.",
    );
    let out = run(d, &["--now", "2026-12-01T09:00:00Z", "read", "m1-welcome"]);
    assert!(!String::from_utf8_lossy(&out.stderr).contains("painschool summary"));
    assert!(!ok(d, &["--now", "2026-12-01T09:00:00Z", "week"]).contains("painschool summary"));
}

/// The text of a PDF as `pdftotext` reads it, with runs of white space as
/// one space (lines break where the page does).
fn pdf_text(path: &Path) -> String {
    let out = Command::new("pdftotext")
        .arg(path)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils) is installed");
    assert!(out.status.success(), "pdftotext {}", path.display());
    String::from_utf8(out.stdout)
        .unwrap()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

// Synthetic answers, with å/ä/ö.
const WALK: &str = "Jag går en kort promenad även på dåliga dagar och vilar före smärtan";
const PLAN: &str = "Tre korta pauser om dagen, och säga nej utan skuld";

#[test]
fn summary_saves_what_was_answered_as_pdf_and_html() {
    let data = tempfile::tempdir().unwrap();
    let d = data.path();
    ok(d, &["init", "--demo"]);
    ok(d, &["answer", "m1-reflection-learned", WALK]);
    ok(d, &["answer", "m1-pain-daily-life", PLAN]);
    let saved = tempfile::tempdir().unwrap();
    let pdf = saved.path().join("sammanfattning.pdf");
    let html = saved.path().join("sammanfattning.html");

    let printed = ok(d, &["summary", "--pdf", pdf.to_str().unwrap()]);
    assert_eq!(
        printed,
        format!("Sammanfattningen sparades: {}\n", pdf.display())
    );
    assert!(fs::read(&pdf).unwrap().starts_with(b"%PDF-"));
    let text = pdf_text(&pdf);
    assert!(text.contains(WALK) && text.contains(PLAN), "{text}");

    // The trace log (on in these tests) holds no answer either.
    let out = run(d, &["summary", "--html", html.to_str().unwrap()]);
    assert!(out.status.success());
    let log = String::from_utf8_lossy(&out.stderr);
    assert!(!log.contains("promenad") && !log.contains("skuld"), "{log}");
    let printed = String::from_utf8(out.stdout).unwrap();
    assert_eq!(
        printed,
        format!("Sammanfattningen sparades: {}\n", html.display())
    );
    let page = fs::read_to_string(&html).unwrap();
    assert!(page.contains(WALK) && page.contains(PLAN));

    // Both at once, in English and as JSON; the paths only, never the answers.
    fs::remove_file(&pdf).unwrap();
    fs::remove_file(&html).unwrap();
    ok(d, &["prefs", "--language", "en"]);
    let both = [
        "summary",
        "--pdf",
        pdf.to_str().unwrap(),
        "--html",
        html.to_str().unwrap(),
    ];
    let printed = ok(d, &both);
    assert_eq!(
        printed,
        format!(
            "Summary saved: {}\nSummary saved: {}\n",
            pdf.display(),
            html.display()
        )
    );
    assert!(pdf_text(&pdf).contains(WALK));
    assert!(fs::read_to_string(&html).unwrap().contains(PLAN));
    let mut with_json = vec!["--json"];
    with_json.extend_from_slice(&both);
    let j: serde_json::Value = serde_json::from_str(&ok(d, &with_json)).unwrap();
    assert_eq!(
        j,
        serde_json::json!({ "ok": true, "pdf": pdf.to_str().unwrap(), "html": html.to_str().unwrap() })
    );
    // Nothing else was left in the folder (no part files).
    let mut names: Vec<String> = fs::read_dir(saved.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names, ["sammanfattning.html", "sammanfattning.pdf"]);
}

#[test]
fn summary_needs_a_file_and_names_the_one_it_cannot_write() {
    let data = tempfile::tempdir().unwrap();
    let d = data.path();
    // A usage error, like clap's own: exit code 2, before any data is opened.
    let out = run(d, &["summary"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("say where to save the summary: --pdf FILE, --html FILE, or both"),
        "{err}"
    );
    ok(d, &["init", "--demo"]);
    ok(d, &["answer", "m1-reflection-learned", WALK]);
    assert_eq!(run(d, &["summary"]).status.code(), Some(2));
    let saved = tempfile::tempdir().unwrap();
    let missing = saved.path().join("no-such-folder/sammanfattning.pdf");
    let out = run(d, &["summary", "--pdf", missing.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains(&format!(
            "could not write the summary to {}",
            missing.display()
        )) && !err.contains("promenad"),
        "{err}"
    );
    assert_eq!(fs::read_dir(saved.path()).unwrap().count(), 0);
    let same = saved.path().join("s");
    fails(
        d,
        &[
            "summary",
            "--pdf",
            same.to_str().unwrap(),
            "--html",
            same.to_str().unwrap(),
        ],
        "--pdf and --html name the same file",
    );
}

// The demo course started Monday 2026-11-02; weekly, module 8 opens seven
// weeks on, Monday 2026-12-21. From then the week puts the summary forward
// (no end date: access runs to 2027-11-02).
#[test]
fn the_week_offers_the_summary_once_the_last_module_is_open() {
    let data = tempfile::tempdir().unwrap();
    let d = data.path();
    ok(d, &["init", "--demo"]);
    let week = ok(d, &["week"]);
    assert!(!week.contains("painschool summary"), "{week}");
    assert_eq!(
        json(d, &["week"])["summary_offer"],
        serde_json::json!({ "reason": null, "until": null })
    );
    let later = ["--now", "2026-12-22T09:00:00Z", "week"];
    let week = ok(d, &later);
    assert!(
        week.contains(
            "Du kan spara en sammanfattning av allt du har skrivit: painschool summary --pdf FILE"
        ),
        "{week}"
    );
    let mut with_json = vec!["--json"];
    with_json.extend_from_slice(&later);
    assert_eq!(
        serde_json::from_str::<serde_json::Value>(&ok(d, &with_json)).unwrap()["summary_offer"]["reason"],
        "last_module"
    );
}

#[test]
fn listen_without_a_device_walks_the_player_and_logs_the_practice() {
    let data = tempfile::tempdir().unwrap();
    let d = data.path();
    ok(d, &["init", "--demo"]);
    let out = ok(d, &["listen", "m1-breathing", "--no-device"]);
    assert!(out.contains("Klart. Du har övat 7 min i dag."), "{out}");
    let json: serde_json::Value = serde_json::from_str(&ok(
        d,
        &["--json", "listen", "m1-audio-intro", "--no-device"],
    ))
    .unwrap();
    assert_eq!(json["state"]["status"]["status"], "ended");
    assert_eq!(json["minutes_today"], 8, "431 s + 34 s, rounded");
    fails(
        d,
        &["listen", "m1-welcome", "--no-device"],
        "has no recording",
    );
    fails(
        d,
        &["listen", "m9-nothing", "--no-device"],
        "has no recording",
    );
}

#[test]
fn a_closed_pipe_ends_the_output_quietly() {
    use std::process::Stdio;
    let data = tempfile::tempdir().unwrap();
    let d = data.path();
    ok(d, &["init", "--demo"]);
    let mut child = Command::new(env!("CARGO_BIN_EXE_painschool"))
        .arg("--data-dir")
        .arg(d)
        .args(["--json", "reminders"])
        .env("PAINSCHOOL_PASSPHRASE", "correct horse battery staple")
        .env("PAINSCHOOL_NOW", "2026-11-10T09:00:00Z")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Like `painschool … | head`: the reader goes away before the output.
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!err.contains("panicked"), "{err}");
    assert_ne!(out.status.code(), Some(101), "not a panic");
}
