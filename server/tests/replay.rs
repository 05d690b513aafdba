//! Replay property: any push batch sent 1–5 times leaves the same server
//! state as sending it once.

mod common;

use common::{answer, change_id, demo_device, pull, push, stamp, start};
use painschool_server::clinic::issue_activation_code;
use proptest::prelude::*;
use serde_json::json;

/// One change of a generated batch: a valid answer, or one with an unknown
/// question (rejected), with ids from a small pool so batches repeat ids.
fn change(n: u32, valid: bool, text: &str) -> serde_json::Value {
    let mut c = answer(&change_id(n), &change_id(1000 + n), &stamp(n), text);
    if !valid {
        c["payload"]["question_id"] = json!("not-in-the-course");
    }
    c
}

async fn state_after(batch: &serde_json::Value, times: usize) -> Vec<serde_json::Value> {
    let s = start(&[], None).await;
    let (patient, phone) = demo_device(&s).await;
    for _ in 0..times {
        let r = push(&s, &phone, batch.clone()).await;
        assert_eq!(r.status(), 200);
    }
    // What the server holds, as the patient's other device sees it.
    let code = issue_activation_code(&s.app.store, &patient, 14, chrono::Utc::now())
        .await
        .unwrap();
    let reader = common::activate_code(&s, &code.code).await;
    let feed = pull(&s, &reader, 0, 500).await;
    feed["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| json!({ "id": i["id"], "entity": i["entity"], "payload": i["payload"] }))
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, .. ProptestConfig::default() })]

    #[test]
    fn a_batch_sent_several_times_equals_it_sent_once(
        items in prop::collection::vec((0u32..6, any::<bool>(), "[a-zåäö ]{1,20}"), 1..8),
        times in 1usize..=5,
    ) {
        // Ids repeat inside a batch too (a retried change): the first wins.
        let batch = json!(items.iter().map(|(n, ok, t)| change(*n, *ok, t)).collect::<Vec<_>>());
        let rt = tokio::runtime::Runtime::new().unwrap();
        let once = rt.block_on(state_after(&batch, 1));
        let many = rt.block_on(state_after(&batch, times));
        prop_assert_eq!(once, many);
    }
}
