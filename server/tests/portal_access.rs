//! The authorization matrix: every route of the portal's route table × every
//! kind of caller (anonymous, a half-signed-in session, a clinician of the
//! unit, a clinician of another unit, a unit admin, a patient's device token,
//! a deactivated clinician's old session). The expected answer comes from the
//! route's declared access, so a new route is checked the day it is added.

mod common;

use chrono::Utc;
use common::*;
use painschool_server::model::Role;
use painschool_server::portal::routes::{Access, ROUTES, RouteInfo};
use painschool_server::secrets;
use painschool_server::store::{PortalStore, Repository, SessionStage};
use reqwest::StatusCode;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Actor {
    Anonymous,
    HalfSignedIn,
    Clinician,
    OtherUnitClinician,
    UnitAdmin,
    PatientToken,
}

const ACTORS: [Actor; 6] = [
    Actor::Anonymous,
    Actor::HalfSignedIn,
    Actor::Clinician,
    Actor::OtherUnitClinician,
    Actor::UnitAdmin,
    Actor::PatientToken,
];

struct Caller {
    cookie: String,
    bearer: Option<String>,
    csrf: String,
}

async fn session_for(s: &Server, clinician_id: &str, stage: SessionStage) -> Caller {
    let token = secrets::new_device_token().unwrap();
    let csrf = secrets::new_device_token().unwrap();
    s.app
        .store
        .create_session(
            secrets::hash(&token),
            clinician_id.to_owned(),
            stage,
            csrf.clone(),
            Utc::now(),
        )
        .await
        .unwrap();
    Caller {
        cookie: format!("__Host-smartskolan={token}"),
        bearer: None,
        csrf,
    }
}

/// Whether `actor` may pass the route's access rule.
fn allowed(access: Access, actor: Actor) -> bool {
    match access {
        Access::Anonymous => true,
        Access::SecondFactor => matches!(
            actor,
            Actor::HalfSignedIn | Actor::Clinician | Actor::OtherUnitClinician | Actor::UnitAdmin
        ),
        Access::Staff => matches!(
            actor,
            Actor::Clinician | Actor::OtherUnitClinician | Actor::UnitAdmin
        ),
        Access::UnitAdmin => actor == Actor::UnitAdmin,
    }
}

/// The route's path with its parameters filled in. A route with a
/// parameter this test does not know fails here, so whoever adds it says
/// what to fill in.
fn concrete_path(r: &RouteInfo, ids: &Ids) -> String {
    let path = r
        .path
        .replace("{patient}", &ids.patient)
        .replace("{version}", &ids.version)
        .replace("{thread}", "clinician")
        .replace("{device}", &ids.device)
        .replace("{staff}", &ids.staff);
    assert!(
        !path.contains('{'),
        "{}: add its parameters to portal_access.rs",
        r.path
    );
    path
}

/// The ids the routes' parameters take: the demo patient's, and a staff
/// member of the unit the admin routes act on (not one of the callers, so
/// deactivating them ends no caller's session).
struct Ids {
    patient: String,
    version: String,
    device: String,
    staff: String,
}

#[tokio::test]
async fn every_route_answers_every_caller_as_its_access_rule_says() {
    let s = start(&[], None).await;
    let now = Utc::now();
    let demo = painschool_server::clinic::create_demo(&s.app.store, 14, now)
        .await
        .unwrap();
    let (admin, _) = s
        .app
        .store
        .staff_by_email(demo.portal_email.clone())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(admin.role, Role::UnitAdmin);
    let clinician = s
        .app
        .store
        .create_clinician(
            admin.unit_id.clone(),
            "Kliniker Två".into(),
            "k2@example.se".into(),
            Role::Clinician,
            now,
        )
        .await
        .unwrap();
    let other_unit = s
        .app
        .store
        .create_unit("Annan enhet".into(), "sv".into(), "en".into(), now)
        .await
        .unwrap();
    let other = s
        .app
        .store
        .create_clinician(
            other_unit.id,
            "Kliniker Tre".into(),
            "k3@example.se".into(),
            Role::Clinician,
            now,
        )
        .await
        .unwrap();
    for k in [&clinician.id, &other.id] {
        // A session exists only after the password step: give them one.
        s.app
            .store
            .set_password(k.clone(), "$argon2id$placeholder".into(), now)
            .await
            .unwrap();
    }
    let device_token = activate_code(&s, &demo.code.code).await;
    let version = change_id(101);
    let r = push(
        &s,
        &device_token,
        serde_json::json!([answer(&change_id(1), &version, &stamp(1), "Ett svar")]),
    )
    .await;
    assert_eq!(r.status(), 200);
    let target = s
        .app
        .store
        .create_clinician(
            admin.unit_id.clone(),
            "Kliniker Fyra".into(),
            "k4@example.se".into(),
            Role::Clinician,
            now,
        )
        .await
        .unwrap();
    let ids = Ids {
        staff: target.id.clone(),
        patient: demo.patient_id.clone(),
        version,
        device: s.app.store.devices(demo.patient_id.clone()).await.unwrap()[0]
            .id
            .clone(),
    };
    let log_len = || async {
        s.app
            .store
            .access_log(demo.patient_id.clone())
            .await
            .unwrap()
            .len()
    };

    let http = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let mut checked = 0;
    for actor in ACTORS {
        let caller = match actor {
            Actor::Anonymous => Caller {
                cookie: String::new(),
                bearer: None,
                csrf: String::new(),
            },
            Actor::HalfSignedIn => session_for(&s, &clinician.id, SessionStage::SecondFactor).await,
            Actor::Clinician => session_for(&s, &clinician.id, SessionStage::SignedIn).await,
            Actor::OtherUnitClinician => session_for(&s, &other.id, SessionStage::SignedIn).await,
            Actor::UnitAdmin => session_for(&s, &admin.id, SessionStage::SignedIn).await,
            Actor::PatientToken => Caller {
                cookie: String::new(),
                bearer: Some(device_token.clone()),
                csrf: String::new(),
            },
        };
        for r in ROUTES {
            // Sign-out would end the caller's session for the routes after it.
            if r.path == "/portal/logout" && allowed(r.access, actor) {
                continue;
            }
            let url = format!("{}{}", s.base, concrete_path(r, &ids));
            let logged_before = log_len().await;
            let mut req = if r.method == "GET" {
                http.get(&url)
            } else {
                http.post(&url).form(&[
                    ("csrf", caller.csrf.as_str()),
                    ("thread", "clinician"),
                    ("text", "Ett svar från matristestet"),
                ])
            };
            if !caller.cookie.is_empty() {
                req = req.header("cookie", &caller.cookie);
            }
            if let Some(b) = &caller.bearer {
                req = req.bearer_auth(b);
            }
            let resp = req.send().await.unwrap();
            let status = resp.status();
            let location = resp
                .headers()
                .get("location")
                .and_then(|v| v.to_str().ok())
                .unwrap_or_default()
                .to_owned();
            let refused = matches!(status, StatusCode::UNAUTHORIZED | StatusCode::FORBIDDEN)
                || (status == StatusCode::SEE_OTHER
                    && (location == "/portal/login"
                        || location == "/portal/login?signed_out=1"
                        || location == "/portal/second-factor"));
            // Another unit's patient is absent, whatever the route.
            let other_units_patient =
                actor == Actor::OtherUnitClinician && r.path.contains("{patient}");
            if other_units_patient {
                assert_eq!(status, StatusCode::NOT_FOUND, "{} {}", r.method, r.path);
                assert_eq!(
                    log_len().await,
                    logged_before,
                    "nothing read, nothing logged"
                );
                checked += 1;
                continue;
            }
            assert_eq!(
                !refused,
                allowed(r.access, actor),
                "{actor:?} {} {}: {status} {location}",
                r.method,
                r.path
            );
            // Every allowed view of patient data writes its access-log row;
            // a refused one reads and logs nothing.
            if r.reads_patient_data {
                let grew = log_len().await > logged_before;
                assert_eq!(grew, !refused, "{actor:?} {}: access log", r.path);
            }
            if r.method == "GET" && !refused {
                assert!(
                    status.is_success() || status.is_redirection(),
                    "{actor:?} {}: {status}",
                    r.path
                );
            }
            checked += 1;
        }
    }
    assert!(checked >= ROUTES.len() * 5, "{checked}");

    // A deactivated clinician's session stops at once.
    let gone = session_for(&s, &clinician.id, SessionStage::SignedIn).await;
    assert_eq!(
        http.get(format!("{}/portal", s.base))
            .header("cookie", &gone.cookie)
            .send()
            .await
            .unwrap()
            .status(),
        StatusCode::OK
    );
    assert!(
        s.app
            .store
            .end_sessions_of(clinician.id.clone())
            .await
            .unwrap()
            >= 1
    );
    let r = http
        .get(format!("{}/portal", s.base))
        .header("cookie", &gone.cookie)
        .send()
        .await
        .unwrap();
    assert_eq!(r.headers()["location"], "/portal/login");
}
