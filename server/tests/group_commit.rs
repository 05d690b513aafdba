//! Group commit measured: 20 concurrent clients push over HTTP; the number of
//! durable commits per accepted push is printed. A measurement, not a test
//! (it depends on timing): run with
//! `cargo test -p painschool-server --test group_commit -- --ignored --nocapture`.
//! The mechanism itself is tested without timing in `store::sqlite::tests`.

mod common;

use common::{answer, change_id, demo_device, push, stamp, start};
use painschool_server::store::Repository;
use serde_json::json;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "a measurement; see the module docs"]
async fn twenty_concurrent_clients_share_commits() {
    let s = std::sync::Arc::new(start(&[], None).await);
    let mut tokens = Vec::new();
    for _ in 0..20 {
        tokens.push(demo_device(&s).await.1);
    }
    let before = s.app.store.commits();
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
    let commits = s.app.store.commits() - before;
    let ratio = commits as f64 / f64::from(accepted);
    println!("GROUP COMMIT: {accepted} pushes, {commits} commits, {ratio:.3} commits per push");
    assert_eq!(accepted, 500);
}
