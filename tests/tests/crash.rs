//! Kill a child process that is saving answers with SIGKILL, hundreds of
//! times at random moments; every answer whose save had returned must be
//! there afterwards and the database must pass `integrity_check`.

use std::collections::BTreeSet;
use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::sync::Arc;

use painschool_core::PainSchool;
use painschool_core::answers::{AnswerValue, FieldValue};
use painschool_core::clock::SystemClock;
use painschool_core::keys::{DatabaseKey, MemoryKeyProvider};
use rand::Rng;

const RUNS: u32 = 200;

fn saved_names(dir: &std::path::Path) -> (BTreeSet<String>, String) {
    let keys = MemoryKeyProvider::new(Some(DatabaseKey::from_bytes(painschool_e2e::CRASH_KEY)));
    let school = PainSchool::open(
        dir,
        &painschool_e2e::bundle_dir(),
        &keys,
        Arc::new(SystemClock),
    )
    .expect("reopen");
    let integrity: String = school
        .store_for_tests()
        .read(|c| Ok(c.query_row("PRAGMA integrity_check", [], |r| r.get(0))?))
        .unwrap();
    let mut names = BTreeSet::new();
    if school.enrolment().is_ok() {
        for q in school.module_answers("m1").unwrap() {
            for a in q.answers {
                if let AnswerValue::Diary(map) = a.value
                    && let Some(FieldValue::Text(name)) = map.get("activity")
                {
                    names.insert(name.clone());
                }
            }
        }
    }
    (names, integrity)
}

#[test]
fn answers_survive_sigkill_at_random_moments() {
    let dir = tempfile::tempdir().unwrap();
    let mut rng = rand::rng();
    let mut acknowledged = BTreeSet::new();
    let mut kills_mid_write = 0;
    for run in 0..RUNS {
        let mut child = Command::new(env!("CARGO_BIN_EXE_answer-writer"))
            .arg(dir.path())
            .arg(run.to_string())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        // Wait for a random number of acknowledged saves (0 = kill while it
        // opens, migrates or enrols), then kill it in the middle of the next.
        let wanted = rng.random_range(0..12);
        let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
        for _ in 0..wanted {
            match lines.next() {
                Some(Ok(name)) => {
                    acknowledged.insert(name);
                }
                _ => break,
            }
        }
        child.kill().unwrap(); // SIGKILL on Unix
        child.wait().unwrap();
        // Lines written before the kill were acknowledged too.
        for name in lines.map_while(Result::ok) {
            acknowledged.insert(name);
        }
        if wanted > 0 {
            kills_mid_write += 1;
        }
        let (saved, integrity) = saved_names(dir.path());
        assert_eq!(integrity, "ok", "run {run}");
        let lost: Vec<_> = acknowledged.difference(&saved).collect();
        assert!(
            lost.is_empty(),
            "run {run}: acknowledged but lost: {lost:?}"
        );
    }
    assert!(kills_mid_write > RUNS / 2);
    assert!(
        acknowledged.len() > RUNS as usize,
        "the writers saved something: {}",
        acknowledged.len()
    );
    println!(
        "{RUNS} kills, {} acknowledged answers, all present",
        acknowledged.len()
    );
}
