//! The mindfulness practice log and resume positions end to end: a real
//! phone plays a recording on the device-less player, syncs with the real
//! server on 127.0.0.1; the clinic's patient page shows minutes per week
//! and per exercise (and logs the read); the patient's second phone gets
//! the sessions and the resume position. No sleeps.

use std::sync::Arc;

use chrono::{DateTime, Utc};
use painschool_core::PainSchool;
use painschool_core::audio::{Player, PlayerStatus};
use painschool_core::clock::FixedClock;
use painschool_core::keys::{DatabaseKey, MemoryKeyProvider};
use painschool_core::sync::{HttpTransport, SyncEngine};
use painschool_e2e::bundle_dir;
use painschool_e2e::server::{self, Server, new_code};
use painschool_server::store::{PortalStore, Repository};

struct Phone {
    _dir: tempfile::TempDir,
    school: Arc<PainSchool>,
    engine: SyncEngine<HttpTransport>,
}

impl Phone {
    async fn activated(s: &Server, code: &str, at: DateTime<Utc>) -> Phone {
        let dir = tempfile::tempdir().unwrap();
        let keys = MemoryKeyProvider::new(Some(DatabaseKey::from_bytes([8; 32])));
        let clock = Arc::new(FixedClock::new(at));
        let school = Arc::new(PainSchool::open(dir.path(), &bundle_dir(), &keys, clock).unwrap());
        let engine =
            SyncEngine::new(school.clone(), HttpTransport::over_reqwest().unwrap()).unwrap();
        engine.set_allow_loopback_http(true);
        engine.activate(&s.base, code).await.unwrap();
        Phone {
            _dir: dir,
            school,
            engine,
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn practice_reaches_the_clinic_and_the_patients_other_phone() {
    let s = server::start(&[], None).await;
    let now = Utc::now();
    let demo = server::demo(&s).await;
    let a = Phone::activated(&s, &demo.code.code, now).await;
    let b = Phone::activated(&s, &new_code(&s, &demo.patient_id).await, now).await;

    // On A: the breathing exercise to the end, then a minute of it again,
    // stopped part-way.
    let p = Player::deviceless(a.school.clone());
    p.load("m1-breathing").unwrap();
    p.play().unwrap();
    p.advance(440_000).unwrap();
    assert_eq!(p.state().status, PlayerStatus::Ended);
    p.play().unwrap();
    p.advance(60_000).unwrap();
    p.stop().unwrap();
    p.advance(500).unwrap();
    let report = a.engine.sync_now().await.unwrap();
    assert_eq!(report.rejected, 0, "{report:?}");

    // The clinic has both sessions, each once, at its latest state.
    let sessions = s
        .app
        .store
        .practice_sessions(demo.patient_id.clone())
        .await
        .unwrap();
    assert_eq!(sessions.len(), 2);
    assert!(sessions[0].completed && sessions[0].seconds_heard >= 170);
    assert!(!sessions[1].completed && (60..=61).contains(&sessions[1].seconds_heard));

    // The patient page shows them per week and per exercise.
    let cookie = server::portal_cookie(&s, &demo.portal_email).await;
    let page = server::portal_get(
        &s,
        &cookie,
        &format!("/portal/patients/{}", demo.patient_id),
    )
    .await
    .text()
    .await
    .unwrap();
    let practice = &page[page.find("id=\"practice\"").expect("a practice section")..];
    // 431 s + 60 s heard: 8 minutes, 2 sessions, 1 completed.
    assert!(
        practice.contains("<td>2</td><td>8</td>"),
        "per week: {practice}"
    );
    assert!(
        practice.contains("Andningsövning</th><td>2</td><td>1</td><td>8</td>"),
        "per exercise: {practice}"
    );
    let log = s
        .app
        .store
        .patient_access_log(demo.patient_id.clone(), 100)
        .await
        .unwrap();
    assert!(log.iter().any(|e| e.action == "read_practice"));

    // B gets the sessions (minutes today) and where A stopped.
    b.engine.sync_now().await.unwrap();
    assert_eq!(b.school.practice_minutes_today().unwrap(), 8);
    let pb = Player::deviceless(b.school.clone());
    let offer = pb.load("m1-breathing").unwrap().resume_at_ms.unwrap();
    assert!((60_000..=61_000).contains(&offer), "{offer}");
}
