//! A half-written reply survives a new sign-in (ADR 0010), over HTTP on the
//! backend under test: a reply posted after the idle timeout is kept as the
//! clinician's draft, the browser goes to sign in again (password and
//! code) and lands on the same patient page with the text in the reply box;
//! nothing is sent. A post without the ended session's own form token, or
//! without a session at all, saves nothing.

mod portal_client;

use chrono::Duration;
use painschool_server::clinic::create_demo;
use painschool_server::store::{PortalStore, Repository};
use portal_client::*;
use reqwest::StatusCode;
use reqwest::header::LOCATION;

const HALF_WRITTEN: &str = "Hej! Jag tänkte föreslå <b>att</b> vi";

#[tokio::test]
async fn a_reply_posted_after_the_timeout_is_in_the_reply_box_after_signing_in_again() {
    let p = Portal::start().await;
    let demo = create_demo(&p.s.app.store, 14, p.now()).await.unwrap();
    let (me, _) =
        p.s.app
            .store
            .staff_by_email(demo.portal_email.clone())
            .await
            .unwrap()
            .unwrap();
    let b = p.sign_in(&demo.portal_email, &demo.portal_password).await;
    let page = format!("/portal/patients/{}", demo.patient_id);
    let html = p.page(&page, &b).await;
    let csrf = csrf_of(&html);

    // The clinician writes for 31 minutes: the session has ended.
    p.advance(Duration::minutes(31));
    let draft = |thread: &'static str| {
        let (store, me, patient) = (&p.s.app.store, me.id.clone(), demo.patient_id.clone());
        async move { store.reply_draft(me, patient, thread.into()).await.unwrap() }
    };

    // Without the session's own form token: nothing is kept.
    for form in [
        vec![
            ("csrf", "wrong"),
            ("thread", "clinician"),
            ("text", HALF_WRITTEN),
        ],
        vec![("thread", "clinician"), ("text", HALF_WRITTEN)],
    ] {
        let r = p.post(&format!("{page}/messages"), &b.cookie, &form).await;
        assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
    }
    // Without a session (an unknown token, or none): nothing is kept.
    for cookie in [format!("{SESSION}=00ff"), String::new()] {
        let r = p
            .post(
                &format!("{page}/messages"),
                &cookie,
                &[
                    ("csrf", &csrf),
                    ("thread", "clinician"),
                    ("text", HALF_WRITTEN),
                ],
            )
            .await;
        // Sent to sign in, and nothing kept.
        assert_eq!(r.status(), StatusCode::SEE_OTHER);
        assert_eq!(r.headers()["location"], "/portal/login?signed_out=1");
    }
    assert_eq!(draft("clinician").await, None);

    // With it: kept, and off to sign in again.
    let r = p
        .post(
            &format!("{page}/messages"),
            &b.cookie,
            &[
                ("csrf", &csrf),
                ("thread", "clinician"),
                ("text", HALF_WRITTEN),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(r.headers()[LOCATION], "/portal/login?draft=1");
    let next = cookie_of(r.headers(), "__Host-smartskolan-next");
    assert_eq!(draft("clinician").await.as_deref(), Some(HALF_WRITTEN));
    // The ended session still lets nothing through.
    assert_eq!(
        p.get(&page, &b.cookie).await.headers()[LOCATION],
        "/portal/login"
    );
    let login = p
        .get("/portal/login?draft=1", "")
        .await
        .text()
        .await
        .unwrap();
    assert!(login.contains("Ditt svar är sparat som utkast"));

    // Signing in again (password and code) lands on the patient page with
    // the text in the reply box, escaped; nothing was sent.
    let half = p
        .half_signed_in(&demo.portal_email, &demo.portal_password)
        .await;
    let r = p.second_factor(&half, &demo.portal_email, &[], &next).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(r.headers()[LOCATION], format!("{page}#clinician").as_str());
    let cookie = cookie_of(r.headers(), SESSION);
    let r = p.get(&page, &cookie).await;
    assert_eq!(r.status(), StatusCode::OK);
    let html = r.text().await.unwrap();
    let box_at = html.find("id=\"reply-clinician\"").expect("the reply box");
    let in_box = html[box_at..].split("</textarea>").next().unwrap();
    assert!(
        in_box.ends_with("Hej! Jag tänkte föreslå &#60;b&#62;att&#60;/b&#62; vi")
            || in_box.ends_with("Hej! Jag tänkte föreslå &lt;b&gt;att&lt;/b&gt; vi"),
        "{in_box}"
    );
    assert!(
        p.s.app
            .store
            .messages(demo.patient_id.clone())
            .await
            .unwrap()
            .is_empty()
    );

    // The team mailbox's reply box too: back to its thread page.
    let b = Browser {
        csrf: csrf_of(&html),
        cookie,
    };
    p.advance(Duration::hours(13));
    let r = p
        .post(
            &format!("/portal/team/{}/messages", demo.patient_id),
            &b.cookie,
            &[("csrf", &b.csrf), ("text", "Teamets halva svar")],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        cookie_of(r.headers(), "__Host-smartskolan-next"),
        format!("__Host-smartskolan-next=/portal/team/{}", demo.patient_id)
    );
    assert_eq!(draft("team").await.as_deref(), Some("Teamets halva svar"));
}
