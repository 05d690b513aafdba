//! Staff administration over HTTP on the backend under test: a unit admin
//! creates a clinician, who signs in with the one-time initial password and
//! must choose their own password and set up the second factor in the same
//! step; a reset second factor is set up again with new recovery codes; a
//! deactivated clinician's open session stops at once and they cannot sign
//! in, their replies stay; the last admin cannot leave; a clinician gets
//! 403 on the admin routes and another unit's admin 404; one's own recovery
//! codes can be renewed; an initial password stops working after 7 days.

mod portal_client;

use chrono::Duration;
use painschool_server::clinic::{Demo, create_demo, create_unit_admin};
use painschool_server::model::{Clinician, Role};
use painschool_server::portal::password;
use painschool_server::store::{PortalStore, Repository};
use portal_client::*;
use reqwest::StatusCode;
use reqwest::header::LOCATION;

const NEW_PASSWORD: &str = "mitt eget långa lösenord";

async fn demo(p: &Portal) -> (Demo, Clinician) {
    let demo = create_demo(&p.s.app.store, 14, p.now()).await.unwrap();
    let (admin, _) =
        p.s.app
            .store
            .staff_by_email(demo.portal_email.clone())
            .await
            .unwrap()
            .unwrap();
    (demo, admin)
}

/// The initial password on the page that issued it.
fn issued_password(html: &str) -> String {
    let at = html
        .find("id=\"initial-password\">")
        .expect("an issued password")
        + 22;
    html[at..].split('<').next().unwrap().to_owned()
}

/// A clinician of `admin`'s unit with their own password; their id.
async fn clinician(p: &Portal, admin: &Clinician, name: &str, email: &str) -> String {
    let k =
        p.s.app
            .store
            .create_clinician(
                admin.unit_id.clone(),
                name.into(),
                email.into(),
                Role::Clinician,
                p.now(),
            )
            .await
            .unwrap();
    p.s.app
        .store
        .set_password(k.id.clone(), password::hash(NEW_PASSWORD).unwrap(), p.now())
        .await
        .unwrap();
    k.id
}

#[tokio::test]
async fn a_created_clinician_chooses_a_password_and_sets_up_the_second_factor_at_first_sign_in() {
    let p = Portal::start().await;
    let (_demo, admin) = demo(&p).await;
    let a = p.session(&admin.id).await;

    let html = p.page("/portal/staff", &a).await;
    assert!(html.contains("Demobehandlare") && html.contains("Enhetsadministratör"));
    let r = p
        .act(
            "/portal/staff",
            &a,
            &[
                ("name", "Kliniker Ny"),
                ("email", "ny@example.se"),
                ("role", "clinician"),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::OK);
    let html = r.text().await.unwrap();
    let initial = issued_password(&html);
    assert!(initial.len() >= 12, "{initial}");
    assert!(html.contains("väntar på första inloggningen"));
    // Shown once: the list does not show it again.
    assert!(!p.page("/portal/staff", &a).await.contains(&initial));
    let (k, _) =
        p.s.app
            .store
            .staff_by_email("ny@example.se".into())
            .await
            .unwrap()
            .unwrap();
    assert_eq!(
        (k.unit_id.as_str(), k.role),
        (admin.unit_id.as_str(), Role::Clinician)
    );

    // The same e-mail in other letters is taken.
    let r = p
        .act(
            "/portal/staff",
            &a,
            &[
                ("name", "Kliniker Dubbel"),
                ("email", "NY@example.se"),
                ("role", "unit_admin"),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.text().await.unwrap().contains("redan ett konto"));

    // First sign-in: the initial password reaches only the second-factor
    // page, which sets the factor up and asks for an own password.
    let half = p.half_signed_in("ny@example.se", &initial).await;
    assert_eq!(
        p.get("/portal", &half).await.headers()[LOCATION],
        "/portal/second-factor"
    );
    let html = p
        .get("/portal/second-factor", &half)
        .await
        .text()
        .await
        .unwrap();
    assert!(html.contains("<svg") && html.contains("name=\"new_password\""));
    // The code alone, a short password, two different ones, or the
    // initial one again: refused, and the session stays half signed in.
    for more in [
        vec![],
        vec![("new_password", "kort"), ("new_password_again", "kort")],
        vec![
            ("new_password", NEW_PASSWORD),
            ("new_password_again", "ett annat långt lösenord"),
        ],
        vec![
            ("new_password", initial.as_str()),
            ("new_password_again", initial.as_str()),
        ],
    ] {
        let r = p.second_factor(&half, "ny@example.se", &more, "").await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY, "{more:?}");
    }
    assert_eq!(
        p.get("/portal", &half).await.headers()[LOCATION],
        "/portal/second-factor"
    );
    let r = p
        .second_factor(
            &half,
            "ny@example.se",
            &[
                ("new_password", NEW_PASSWORD),
                ("new_password_again", NEW_PASSWORD),
            ],
            "",
        )
        .await;
    assert_eq!(r.status(), StatusCode::OK);
    let full = cookie_of(r.headers(), SESSION);
    assert_eq!(
        codes_of(&r.text().await.unwrap()).len(),
        10,
        "recovery codes"
    );
    assert_eq!(p.get("/portal", &full).await.status(), StatusCode::OK);

    // The initial password is spent; the own one signs in, with the code.
    let r = p.password_step("ny@example.se", &initial).await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let half = p.half_signed_in("ny@example.se", NEW_PASSWORD).await;
    let html = p
        .get("/portal/second-factor", &half)
        .await
        .text()
        .await
        .unwrap();
    assert!(!html.contains("<svg") && !html.contains("new_password"));
    let html = p.page("/portal/staff", &a).await;
    assert!(html.contains("Kliniker Ny") && html.contains("Inställd"));
    assert!(!html.contains("väntar på första inloggningen"));
}

#[tokio::test]
async fn a_reset_second_factor_is_set_up_again_and_a_deactivated_clinician_is_out_at_once() {
    let p = Portal::start().await;
    let (demo, admin) = demo(&p).await;
    let a = p.session(&admin.id).await;
    let k = clinician(&p, &admin, "Kliniker Två", "k2@example.se").await;
    let half = p.half_signed_in("k2@example.se", NEW_PASSWORD).await;
    let r = p.second_factor(&half, "k2@example.se", &[], "").await;
    let old_codes = codes_of(&r.text().await.unwrap());
    let b = p.sign_in("k2@example.se", NEW_PASSWORD).await;

    // A clinician is no admin.
    assert_eq!(
        p.get("/portal/staff", &b.cookie).await.status(),
        StatusCode::FORBIDDEN
    );
    for action in ["deactivate", "reset-second-factor", "new-password"] {
        let r = p
            .act(&format!("/portal/staff/{}/{action}", admin.id), &b, &[])
            .await;
        assert_eq!(r.status(), StatusCode::FORBIDDEN, "{action}");
    }

    // Reset: the open session ends, the next sign-in sets the factor up
    // again and gives new recovery codes; the old ones are gone.
    let r = p
        .act(&format!("/portal/staff/{k}/reset-second-factor"), &a, &[])
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        p.get("/portal", &b.cookie).await.headers()[LOCATION],
        "/portal/login"
    );
    let member =
        p.s.app
            .store
            .staff_member(k.clone())
            .await
            .unwrap()
            .unwrap();
    assert!(member.active && !member.second_factor);
    let half = p.half_signed_in("k2@example.se", NEW_PASSWORD).await;
    let html = p
        .get("/portal/second-factor", &half)
        .await
        .text()
        .await
        .unwrap();
    assert!(html.contains("<svg"), "set up again");
    assert!(
        !html.contains("name=\"recovery\""),
        "no recovery code at set-up"
    );
    let r = p.second_factor(&half, "k2@example.se", &[], "").await;
    assert_eq!(r.status(), StatusCode::OK);
    let new_codes = codes_of(&r.text().await.unwrap());
    assert_eq!(new_codes.len(), 10);
    assert!(new_codes.iter().all(|c| !old_codes.contains(c)));
    let half = p.half_signed_in("k2@example.se", NEW_PASSWORD).await;
    let csrf = csrf_of(
        &p.get("/portal/second-factor", &half)
            .await
            .text()
            .await
            .unwrap(),
    );
    let r = p
        .post(
            "/portal/second-factor",
            &half,
            &[("csrf", &csrf), ("recovery", &old_codes[0])],
        )
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY, "an old code");

    // The clinician replies to a patient, then leaves: the open session
    // stops at once, the password no longer signs in, the reply stays.
    let b = p.sign_in("k2@example.se", NEW_PASSWORD).await;
    let r = p
        .act(
            &format!("/portal/patients/{}/messages", demo.patient_id),
            &b,
            &[("thread", "clinician"), ("text", "Svar före avslutet")],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    // It cannot be undone: the box must be ticked.
    let member_page = p.page(&format!("/portal/staff/{k}"), &a).await;
    assert!(member_page.contains("name=\"confirm\""));
    let r = p
        .act(&format!("/portal/staff/{k}/deactivate"), &a, &[])
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(p.get("/portal", &b.cookie).await.status(), StatusCode::OK);
    let r = p
        .act(
            &format!("/portal/staff/{k}/deactivate"),
            &a,
            &[("confirm", "yes")],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(r.headers()[LOCATION], "/portal/staff?done=deactivated");
    assert_eq!(
        p.get("/portal", &b.cookie).await.headers()[LOCATION],
        "/portal/login"
    );
    let r = p
        .act(
            &format!("/portal/patients/{}/messages", demo.patient_id),
            &b,
            &[("thread", "clinician"), ("text", "Svar efter avslutet")],
        )
        .await;
    // The session is gone: sent to sign in.
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(r.headers()["location"], "/portal/login?signed_out=1");
    assert_eq!(
        p.password_step("k2@example.se", NEW_PASSWORD)
            .await
            .status(),
        StatusCode::UNPROCESSABLE_ENTITY
    );
    let texts: Vec<String> =
        p.s.app
            .store
            .messages(demo.patient_id.clone())
            .await
            .unwrap()
            .into_iter()
            .map(|m| m.text)
            .collect();
    assert_eq!(texts, ["Svar före avslutet"]);
    let html = p.page("/portal/staff?done=deactivated", &a).await;
    assert!(html.contains("Avslutat") && html.contains("Kontot är avslutat"));
    // No actions left on a leaver.
    let r = p
        .act(&format!("/portal/staff/{k}/reset-second-factor"), &a, &[])
        .await;
    assert_eq!(r.status(), StatusCode::NOT_FOUND);

    // The last active admin cannot leave; with a second admin they can.
    let r = p
        .act(
            &format!("/portal/staff/{}/deactivate", admin.id),
            &a,
            &[("confirm", "yes")],
        )
        .await;
    assert_eq!(r.status(), StatusCode::CONFLICT);
    assert!(
        r.text()
            .await
            .unwrap()
            .contains("sista aktiva administratör")
    );
    assert!(
        p.s.app
            .store
            .staff_member(admin.id.clone())
            .await
            .unwrap()
            .unwrap()
            .active
    );
    let r = p
        .act(
            "/portal/staff",
            &a,
            &[
                ("name", "Admin Två"),
                ("email", "admin2@example.se"),
                ("role", "unit_admin"),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::OK);
    let r = p
        .act(
            &format!("/portal/staff/{}/deactivate", admin.id),
            &a,
            &[("confirm", "yes")],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        p.get("/portal", &a.cookie).await.headers()[LOCATION],
        "/portal/login"
    );
}

#[tokio::test]
async fn another_units_admin_cannot_touch_this_units_staff() {
    let p = Portal::start().await;
    let (_demo, admin) = demo(&p).await;
    let k = clinician(&p, &admin, "Kliniker Två", "k2@example.se").await;
    let other = create_unit_admin(
        &p.s.app.store,
        "Annan enhet",
        "annan@example.se",
        "Annan Admin",
        NEW_PASSWORD,
        p.now(),
    )
    .await
    .unwrap();
    let o = p.session(&other.id).await;
    let html = p.page("/portal/staff", &o).await;
    assert!(!html.contains("Kliniker Två") && !html.contains("Demobehandlare"));
    assert_eq!(
        p.get(&format!("/portal/staff/{k}/access-log"), &o.cookie)
            .await
            .status(),
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        p.get(&format!("/portal/staff/{k}"), &o.cookie)
            .await
            .status(),
        StatusCode::NOT_FOUND
    );
    for action in ["deactivate", "reset-second-factor", "new-password"] {
        let r = p
            .act(
                &format!("/portal/staff/{k}/{action}"),
                &o,
                &[("confirm", "yes")],
            )
            .await;
        assert_eq!(r.status(), StatusCode::NOT_FOUND, "{action}");
    }
    let member =
        p.s.app
            .store
            .staff_member(k.clone())
            .await
            .unwrap()
            .unwrap();
    assert!(member.active && !member.initial_password);
    // A wrong form token changes nothing either.
    let a = p.session(&admin.id).await;
    let r = p
        .post(
            &format!("/portal/staff/{k}/deactivate"),
            &a.cookie,
            &[("csrf", "wrong")],
        )
        .await;
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    assert!(p.s.app.store.staff_member(k).await.unwrap().unwrap().active);
}

#[tokio::test]
async fn a_clinician_renews_their_recovery_codes_and_a_forgotten_password_gets_a_new_initial_one() {
    let p = Portal::start().await;
    let (_demo, admin) = demo(&p).await;
    let k = clinician(&p, &admin, "Kliniker Två", "k2@example.se").await;
    let half = p.half_signed_in("k2@example.se", NEW_PASSWORD).await;
    let r = p.second_factor(&half, "k2@example.se", &[], "").await;
    let first = codes_of(&r.text().await.unwrap());
    let b = p.sign_in("k2@example.se", NEW_PASSWORD).await;
    assert!(p.page("/portal/account", &b).await.contains("Kliniker Två"));
    assert_eq!(
        p.post(
            "/portal/account/recovery-codes",
            &b.cookie,
            &[("csrf", "x")]
        )
        .await
        .status(),
        StatusCode::FORBIDDEN
    );
    let r = p.act("/portal/account/recovery-codes", &b, &[]).await;
    assert_eq!(r.status(), StatusCode::OK);
    let renewed = codes_of(&r.text().await.unwrap());
    assert_eq!(renewed.len(), 10);
    let with_code = |code: String| {
        let p = &p;
        async move {
            let half = p.half_signed_in("k2@example.se", NEW_PASSWORD).await;
            let csrf = csrf_of(
                &p.get("/portal/second-factor", &half)
                    .await
                    .text()
                    .await
                    .unwrap(),
            );
            p.post(
                "/portal/second-factor",
                &half,
                &[("csrf", &csrf), ("recovery", &code)],
            )
            .await
            .status()
        }
    };
    assert_eq!(
        with_code(first[0].clone()).await,
        StatusCode::UNPROCESSABLE_ENTITY
    );
    assert_eq!(with_code(renewed[0].clone()).await, StatusCode::SEE_OTHER);

    // A forgotten password: the admin issues a new initial one, which
    // ends the clinician's sessions and must be replaced at sign-in (the
    // second factor stays set up).
    let a = p.session(&admin.id).await;
    let r = p
        .act(&format!("/portal/staff/{k}/new-password"), &a, &[])
        .await;
    assert_eq!(r.status(), StatusCode::OK);
    let initial = issued_password(&r.text().await.unwrap());
    assert_eq!(
        p.get("/portal", &b.cookie).await.headers()[LOCATION],
        "/portal/login"
    );
    let half = p.half_signed_in("k2@example.se", &initial).await;
    let html = p
        .get("/portal/second-factor", &half)
        .await
        .text()
        .await
        .unwrap();
    assert!(!html.contains("<svg") && html.contains("name=\"new_password\""));
    let r = p
        .second_factor(
            &half,
            "k2@example.se",
            &[
                ("new_password", "ett nytt eget lösenord"),
                ("new_password_again", "ett nytt eget lösenord"),
            ],
            "",
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    p.sign_in("k2@example.se", "ett nytt eget lösenord").await;
}

#[tokio::test]
async fn an_initial_password_stops_working_after_seven_days() {
    let p = Portal::start().await;
    let (_demo, admin) = demo(&p).await;
    let a = p.session(&admin.id).await;
    let r = p
        .act(
            "/portal/staff",
            &a,
            &[
                ("name", "Kliniker Sen"),
                ("email", "sen@example.se"),
                ("role", "clinician"),
            ],
        )
        .await;
    let initial = issued_password(&r.text().await.unwrap());
    p.advance(Duration::days(6));
    assert_eq!(
        p.password_step("sen@example.se", &initial).await.status(),
        StatusCode::SEE_OTHER
    );
    p.advance(Duration::days(1));
    assert_eq!(
        p.password_step("sen@example.se", &initial).await.status(),
        StatusCode::UNPROCESSABLE_ENTITY
    );
}
