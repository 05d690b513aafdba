//! `painschool-server backup` copies the live database while the server
//! runs; `restore` puts a backup back, and refuses a broken file without
//! touching the database. Runs the real binary on a real SQLite file.

mod common;

use std::process::Command;

use common::*;
use painschool_server::store::{Repository, SqliteStore};

fn server_command(db: &std::path::Path, args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_painschool-server"))
        .args(args)
        .env("DATABASE_URL", format!("sqlite://{}", db.display()))
        .env("LOG", "error")
        .output()
        .unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_backup_of_the_live_database_restores_to_that_moment() {
    let s = start_sqlite(&[]).await;
    let d = demo_setup(&s).await;
    let live = s.app.store.sqlite().unwrap().path().to_path_buf();
    let v1 = "01a20940-0000-7000-8000-000000000101";
    let v2 = "01a20940-0000-7000-8000-000000000102";
    assert_eq!(
        push(
            &s,
            &d.device_token,
            serde_json::json!([answer(&change_id(1), v1, &stamp(1), "före")])
        )
        .await
        .status(),
        200
    );

    let dir = tempfile::tempdir().unwrap();
    let copy = dir.path().join("backup.db");
    let out = server_command(&live, &["backup", "--to", copy.to_str().unwrap()]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("checked"));

    // The server keeps serving; this one is not in the backup.
    assert_eq!(
        push(
            &s,
            &d.device_token,
            serde_json::json!([answer(&change_id(2), v2, &stamp(2), "efter")])
        )
        .await
        .status(),
        200
    );

    let restored = dir.path().join("restored.db");
    let out = server_command(&restored, &["restore", "--from", copy.to_str().unwrap()]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let versions = |db: std::path::PathBuf, patient: String| async move {
        let store = SqliteStore::open(&db).unwrap();
        store
            .answers(patient)
            .await
            .unwrap()
            .into_iter()
            .map(|a| a.version_id)
            .collect::<Vec<_>>()
    };
    assert_eq!(versions(restored.clone(), d.patient_id.clone()).await, [v1]);

    // A broken backup is refused and the database stays as it was.
    let broken = dir.path().join("broken.db");
    std::fs::write(&broken, b"SQLite format 3\0 but not really").unwrap();
    let out = server_command(&restored, &["restore", "--from", broken.to_str().unwrap()]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("nothing replaced"));
    assert_eq!(versions(restored, d.patient_id.clone()).await, [v1]);

    // Restoring over an existing database keeps the old file aside.
    let out = server_command(
        &live,
        &[
            "backup",
            "--to",
            dir.path().join("second.db").to_str().unwrap(),
        ],
    );
    assert!(out.status.success());
    let target = dir.path().join("target.db");
    std::fs::copy(dir.path().join("second.db"), &target).unwrap();
    let out = server_command(&target, &["restore", "--from", copy.to_str().unwrap()]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(dir.path().join("target.db.before-restore").is_file());
    assert_eq!(versions(target, d.patient_id).await, [v1]);
}

#[test]
fn backup_refuses_a_postgres_url_with_a_pointer_to_pg_dump() {
    let out = Command::new(env!("CARGO_BIN_EXE_painschool-server"))
        .args(["backup", "--to", "/tmp/never.db"])
        .env("DATABASE_URL", "postgres://postgres@127.0.0.1:1/none")
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("pg_dump"));
}
