//! Group commit measured: 20 concurrent clients push over HTTP; the number of
//! durable commits per accepted push is printed. A measurement, not a test
//! (it depends on timing): run with
//! `cargo test -p painschool-server --test group_commit -- --ignored --nocapture`
//! (add `PAINSCHOOL_TEST_DATABASE_URL=postgres://…` for PostgreSQL, on a
//! cluster nothing else uses: `pg_stat_wal` counts the whole cluster).
//! SQLite: writer transactions (each one fsync). PostgreSQL: WAL syncs
//! (`pg_stat_wal.wal_sync`; the writer's group commits are printed too).
//! The mechanism itself is tested on both backends without timing below
//! (`writes_waiting_together_share_one_commit_and_fail_alone`).

mod common;

use common::{TestDb, answer, change_id, demo_device, push, stamp, start};
use painschool_server::model::Role;
use painschool_server::store::Repository;
use serde_json::json;

/// Writes queued while the writer is held up (another process holds the
/// database or the patient's row) share one commit once it moves on, each in
/// its own savepoint: the one that fails is refused alone.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn writes_waiting_together_share_one_commit_and_fail_alone() {
    let s = std::sync::Arc::new(start(&[], None).await);
    let (patient, token) = demo_device(&s).await;
    let device = s
        .app
        .store
        .device_by_token(painschool_server::secrets::hash(&token))
        .await
        .unwrap()
        .unwrap();
    // Another connection takes what the next write needs.
    enum Holder {
        Sqlite(rusqlite::Connection),
        Postgres(tokio_postgres::Client),
    }
    let holder = match &s.db {
        TestDb::Postgres { .. } => {
            let c = common::pg_admin(&s.url).await;
            c.batch_execute("BEGIN").await.unwrap();
            c.execute(
                "SELECT 1 FROM patients WHERE id = $1 FOR UPDATE",
                &[&patient],
            )
            .await
            .unwrap();
            Holder::Postgres(c)
        }
        _ => {
            let path = s.app.store.sqlite().unwrap().path();
            let c = rusqlite::Connection::open(path).unwrap();
            c.execute_batch("BEGIN IMMEDIATE").unwrap();
            Holder::Sqlite(c)
        }
    };
    let before = s.app.store.commits();
    let (_, taken_before) = s.app.store.writer_queue();
    let blocked = {
        let s = s.clone();
        let change: painschool_server::model::Change =
            serde_json::from_value(answer(&change_id(1), &change_id(101), &stamp(1), "x")).unwrap();
        tokio::spawn(async move {
            s.app
                .store
                .push(device, vec![change], chrono::Utc::now())
                .await
        })
    };
    // Wait until the writer has taken that write (and is stuck in it).
    while s.app.store.writer_queue().1 == taken_before {
        tokio::task::yield_now().await;
    }
    let mut writes = Vec::new();
    for i in 0..50 {
        let s = s.clone();
        writes.push(tokio::spawn(async move {
            let now = chrono::Utc::now();
            if i == 7 {
                // No such unit: refused by the foreign key.
                s.app
                    .store
                    .create_clinician(
                        "no-such-unit".into(),
                        "x".into(),
                        "x@x".into(),
                        Role::Clinician,
                        now,
                    )
                    .await
                    .map(|_| ())
            } else {
                s.app
                    .store
                    .create_unit(format!("unit {i}"), "sv".into(), "en".into(), now)
                    .await
                    .map(|_| ())
            }
        }));
    }
    // Wait until all 50 wait behind it.
    while s.app.store.writer_queue().0 < 50 {
        tokio::task::yield_now().await;
    }
    assert_eq!(s.app.store.commits(), before, "the writer is held up");
    match holder {
        Holder::Postgres(c) => c.batch_execute("COMMIT").await.unwrap(),
        Holder::Sqlite(c) => c.execute_batch("COMMIT").unwrap(),
    }
    let outcome = blocked.await.unwrap().unwrap();
    assert!(matches!(
        outcome[0],
        painschool_server::model::PushOutcome::Accepted { .. }
    ));
    let mut failed = 0;
    for w in writes {
        if w.await.unwrap().is_err() {
            failed += 1;
        }
    }
    assert_eq!(failed, 1, "only the broken write fails");
    assert_eq!(
        s.app.store.commits() - before,
        2,
        "the held-up write's commit, then one for all 50 queued writes"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "a measurement; see the module docs"]
async fn twenty_concurrent_clients_share_commits() {
    let s = std::sync::Arc::new(start(&[], None).await);
    let mut tokens = Vec::new();
    for _ in 0..20 {
        tokens.push(demo_device(&s).await.1);
    }
    let before = s.app.store.commits();
    let wal_before = match s.app.store.postgres() {
        Some(pg) => Some(pg.wal_syncs().await.unwrap()),
        None => None,
    };
    let started = std::time::Instant::now();
    let mut tasks = Vec::new();
    for (c, token) in tokens.into_iter().enumerate() {
        let s = s.clone();
        tasks.push(tokio::spawn(async move {
            let mut accepted = 0u32;
            for i in 0..25u32 {
                let n = c as u32 * 1000 + i;
                let r = push(
                    &s,
                    &token,
                    json!([answer(
                        &change_id(n),
                        &change_id(100_000 + n),
                        &stamp(n),
                        "x"
                    )]),
                )
                .await;
                if r.status() == 200 {
                    accepted += 1;
                }
            }
            accepted
        }));
    }
    let mut accepted = 0;
    for t in tasks {
        accepted += t.await.unwrap();
    }
    let elapsed = started.elapsed();
    let commits = s.app.store.commits() - before;
    let ratio = commits as f64 / f64::from(accepted);
    match (s.app.store.postgres(), wal_before) {
        (Some(pg), Some(wal_before)) => {
            let syncs = pg.wal_syncs().await.unwrap() - wal_before;
            let per_push = syncs as f64 / f64::from(accepted);
            println!(
                "GROUP COMMIT (postgres): {accepted} pushes, {commits} group commits, \
                 {syncs} WAL syncs, {per_push:.3} WAL syncs per push"
            );
        }
        _ => println!(
            "GROUP COMMIT (sqlite): {accepted} pushes, {commits} commits, {ratio:.3} commits per push"
        ),
    }
    println!(
        "  in {:.0} ms ({:.0} pushes/s over HTTP, debug build)",
        elapsed.as_secs_f64() * 1000.0,
        f64::from(accepted) / elapsed.as_secs_f64()
    );
    assert_eq!(accepted, 500);
}
