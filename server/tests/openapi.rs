//! The server serves the same OpenAPI document that is checked in.

mod common;

#[tokio::test]
async fn the_served_document_is_the_checked_in_one() {
    let s = common::start(&[], None).await;
    let r = reqwest::get(format!("{}/api/v1/openapi.json", s.base))
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    assert_eq!(
        r.headers()["content-type"].to_str().unwrap(),
        "application/json"
    );
    let served = r.text().await.unwrap();
    let checked_in = include_str!("../openapi.json");
    assert_eq!(served, checked_in);
}
