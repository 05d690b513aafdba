//! The patient's printable summary in the portal, on the backend under
//! test: the same document the phone makes, from what the phone synced, in
//! the patient's language with the name the patient chose; as a page (its
//! style sheet a file, the toolbar not printed) and as an A4 PDF whose text
//! holds the answers with å, ä and ö intact. Each view writes
//! `read_summary` to the access log; the page links it.

mod portal_client;

#[path = "../../summary/tests/poppler/mod.rs"]
mod poppler;

use painschool_e2e::server::{answer, change_id, push, stamp};
use painschool_server::clinic::create_demo;
use painschool_server::store::{PortalStore, Repository};
use portal_client::*;
use reqwest::StatusCode;
use serde_json::json;

fn preference(id: &str, key: &str, value: &str, hlc: &str) -> serde_json::Value {
    json!({
        "id": id, "entity": "preference", "entity_id": key, "hlc": hlc,
        "payload": { "key": key, "value": value, "hlc": hlc }
    })
}

#[tokio::test]
async fn the_portal_shows_and_prints_the_patients_own_summary_and_logs_each_view() {
    let p = Portal::start().await;
    let demo = create_demo(&p.s.app.store, 14, p.now()).await.unwrap();
    let (admin, _) =
        p.s.app
            .store
            .staff_by_email(demo.portal_email.clone())
            .await
            .unwrap()
            .unwrap();
    let device = p.device(&demo.patient_id).await;
    let r = push(
        &p.s,
        &device,
        json!([
            answer(&change_id(1), &change_id(101), &stamp(1), "Första försöket"),
            answer(
                &change_id(2),
                &change_id(102),
                &stamp(2),
                "Jag går till sjön & vilar <ofta> när det värker, även på morgonen."
            ),
            preference(&change_id(3), "display_name", "Åke Påhittad", &stamp(3)),
            preference(&change_id(4), "language", "en", &stamp(4)),
        ]),
    )
    .await;
    assert_eq!(r.status(), 200);
    let b = p.session(&admin.id).await;
    let patient_page = format!("/portal/patients/{}", demo.patient_id);
    let summary_page = format!("{patient_page}/summary");
    assert!(
        p.page(&patient_page, &b)
            .await
            .contains(&format!("href=\"{summary_page}\""))
    );
    let before =
        p.s.app
            .store
            .access_log(demo.patient_id.clone())
            .await
            .unwrap()
            .len();

    // The page: the patient's language and name, the latest answer escaped,
    // no inline style (the portal's CSP), the toolbar.
    let html = p.page(&summary_page, &b).await;
    assert!(html.contains("<html lang=\"en\">"));
    assert!(html.contains("My summary from the Pain School"));
    assert!(html.contains("Åke Påhittad"));
    assert!(html.contains("Jag går till sjön &amp; vilar &lt;ofta&gt; när det värker"));
    assert!(!html.contains("Första försöket"), "only the latest version");
    assert!(html.contains("Not answered yet"));
    assert!(html.contains("<link rel=\"stylesheet\" href=\"/portal/static/summary.css\">"));
    assert!(!html.contains("<style>"));
    assert!(
        html.contains("class=\"toolbar\"")
            && html.contains(&format!("href=\"{summary_page}.pdf\""))
    );
    let css = p.get("/portal/static/summary.css", "").await;
    assert_eq!(css.status(), StatusCode::OK);
    assert!(
        css.text()
            .await
            .unwrap()
            .contains("@media print{.toolbar{display:none}}")
    );

    // The PDF.
    let r = p.get(&format!("{summary_page}.pdf"), &b.cookie).await;
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(r.headers()["content-type"], "application/pdf");
    assert_eq!(r.headers()["cache-control"], "no-store");
    let bytes = r.bytes().await.unwrap();
    assert!(bytes.starts_with(b"%PDF-"));
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("s.pdf");
    std::fs::write(&file, &bytes).unwrap();
    let text = poppler::flat_text(&file);
    assert!(text.contains("Jag går till sjön & vilar <ofta> när det värker, även på morgonen."));
    assert!(text.contains("Åke Påhittad"));
    let (words, _) = poppler::words(&file);
    assert!(poppler::outside_margins(&words).is_none());

    // Two views, two log rows, named in the log page; no answer text there.
    let log =
        p.s.app
            .store
            .access_log(demo.patient_id.clone())
            .await
            .unwrap();
    assert_eq!(log.len(), before + 2);
    let log_page = p.page(&format!("{patient_page}/access-log"), &b).await;
    assert_eq!(log_page.matches("Läste sammanfattningen").count(), 2);
    assert!(!log_page.contains("sjön"));
}
