//! The core's sync engine against the real server on 127.0.0.1: a real
//! `painschool-server` (its library, over a SQLite file in a temp dir, or a
//! PostgreSQL schema of its own when `PAINSCHOOL_TEST_DATABASE_URL` is set)
//! and real encrypted phone stores in temp dirs, talking HTTP through
//! reqwest. No sleeps: every step awaits the call that does it.

use std::path::Path;
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::{Arc, Mutex};

use chrono::{DateTime, Duration, Utc};
use painschool_core::PainSchool;
use painschool_core::answers::AnswerValue;
use painschool_core::clock::FixedClock;
use painschool_core::facade::{Author, EntryRef, MessageStatus, Preferences, Thread, VisitKind};
use painschool_core::keys::{DatabaseKey, MemoryKeyProvider};
use painschool_core::store::SubmitRecord;
use painschool_core::sync::wire::{
    ActivateRequest, ActivateResponse, PullResponse, PushRequest, PushResponse,
};
use painschool_core::sync::{
    HttpTransport, ServerUrl, SyncActivity, SyncEngine, SyncError, SyncErrorReason, Transport,
    TransportError,
};
use painschool_e2e::bundle_dir;
use painschool_e2e::server::{self, Server, demo, new_code, start, stored_bytes};
use painschool_server::model::DeviceState;
use painschool_server::store::Repository;
use serde_json::json;

const QUESTION: &str = "m1-reflection-learned";

/// A demo patient; returns (patient id, first activation code).
async fn demo_patient(s: &Server) -> (String, String) {
    let d = demo(s).await;
    (d.patient_id, d.code.code)
}

/// Calls the clinic API as the demo clinician; the call must succeed.
async fn clinic(
    s: &Server,
    staff: &str,
    method: reqwest::Method,
    path: &str,
    body: serde_json::Value,
) -> serde_json::Value {
    let body = (!body.is_null()).then_some(body);
    let (status, answer) = server::clinic(s, staff, method, path, body).await;
    assert!((200..300).contains(&status), "{path}: {status}");
    answer
}

/// A transport around the real one that counts calls, can run a step in
/// the middle of the first push (after the batch was read, before it is
/// sent), and can lose activation answers (the server acted, the phone
/// hears nothing).
struct Probe {
    inner: HttpTransport,
    pushes: AtomicU32,
    pulls: AtomicU32,
    during_first_push: Mutex<Option<Box<dyn FnOnce() + Send>>>,
    lose_activation_answers: AtomicU32,
}

impl Transport for Probe {
    async fn activate(
        &self,
        s: &ServerUrl,
        r: &ActivateRequest<'_>,
    ) -> Result<ActivateResponse, TransportError> {
        let answer = self.inner.activate(s, r).await;
        let lose = self
            .lose_activation_answers
            .fetch_update(Ordering::SeqCst, Ordering::SeqCst, |n| n.checked_sub(1))
            .is_ok();
        if lose {
            return Err(TransportError::Network);
        }
        answer
    }
    async fn push(
        &self,
        s: &ServerUrl,
        t: &str,
        r: &PushRequest,
    ) -> Result<PushResponse, TransportError> {
        self.pushes.fetch_add(1, Ordering::SeqCst);
        let hook = self.during_first_push.lock().unwrap().take();
        if let Some(hook) = hook {
            hook();
        }
        self.inner.push(s, t, r).await
    }
    async fn pull(
        &self,
        s: &ServerUrl,
        t: &str,
        after: i64,
        limit: u32,
    ) -> Result<PullResponse, TransportError> {
        self.pulls.fetch_add(1, Ordering::SeqCst);
        self.inner.pull(s, t, after, limit).await
    }
}

struct Phone {
    _dir: tempfile::TempDir,
    clock: Arc<FixedClock>,
    school: Arc<PainSchool>,
    engine: SyncEngine<Probe>,
}

impl Phone {
    fn new(at: DateTime<Utc>) -> Phone {
        let dir = tempfile::tempdir().unwrap();
        let clock = Arc::new(FixedClock::new(at));
        let keys = MemoryKeyProvider::new(Some(DatabaseKey::from_bytes([5; 32])));
        let school =
            Arc::new(PainSchool::open(dir.path(), &bundle_dir(), &keys, clock.clone()).unwrap());
        let probe = Probe {
            inner: HttpTransport::over_reqwest().unwrap(),
            pushes: AtomicU32::new(0),
            pulls: AtomicU32::new(0),
            during_first_push: Mutex::new(None),
            lose_activation_answers: AtomicU32::new(0),
        };
        let engine = SyncEngine::new(school.clone(), probe).unwrap();
        engine.set_allow_loopback_http(true);
        Phone {
            _dir: dir,
            clock,
            school,
            engine,
        }
    }

    async fn activated(s: &Server, code: &str, at: DateTime<Utc>) -> Phone {
        let p = Phone::new(at);
        p.engine.activate(&s.base, code).await.unwrap();
        p
    }

    fn answer(&self, text: &str) {
        self.school
            .submit_answer(
                QUESTION,
                &EntryRef::Current,
                &AnswerValue::Text(text.into()),
            )
            .unwrap();
    }

    fn current(&self) -> AnswerValue {
        let q = self.school.module_answers("m1").unwrap();
        let q = q.into_iter().find(|q| q.question_id == QUESTION).unwrap();
        assert_eq!(q.answers.len(), 1);
        q.answers[0].value.clone()
    }

    fn history(&self) -> Vec<AnswerValue> {
        self.school
            .answer_history(QUESTION, &EntryRef::Current)
            .unwrap()
            .into_iter()
            .map(|v| v.value)
            .collect()
    }

    fn outbox(&self) -> u64 {
        self.school.store_for_tests().outbox_len().unwrap()
    }

    async fn sync(&self) -> painschool_core::sync::SyncReport {
        self.engine.sync_now().await.unwrap()
    }
}

fn text(s: &str) -> AnswerValue {
    AnswerValue::Text(s.into())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn answers_and_progress_reach_a_second_device_and_later_edits_flow_both_ways() {
    let s = start(&[], None).await;
    let (patient, code) = demo_patient(&s).await;
    let t0 = Utc::now();
    let a = Phone::activated(&s, &code, t0).await;
    assert!(a.engine.current_state().activated);

    a.answer("Första svaret från telefonen");
    a.school.open_section("m1-welcome").unwrap();
    a.school
        .set_preferences(&Preferences {
            display_name: Some("Testnamn".into()),
            ..a.school.preferences().unwrap()
        })
        .unwrap();
    a.school
        .save_draft(
            "m1-pain-daily-life",
            &EntryRef::Current,
            &text("UTKAST-KANARIEFÅGEL"),
        )
        .unwrap();
    let report = a.sync().await;
    assert!(report.sent >= 3, "{report:?}");
    assert_eq!(report.rejected, 0);
    assert_eq!(a.outbox(), 0, "the outbox ends empty");
    assert_eq!(a.engine.current_state().activity, SyncActivity::Idle);
    assert!(a.engine.current_state().last_success.is_some());

    // A second device, activated with a new code, receives everything.
    let b = Phone::activated(&s, &new_code(&s, &patient).await, t0 + Duration::minutes(1)).await;
    let got = b.sync().await;
    assert!(got.received >= 3, "{got:?}");
    assert_eq!(b.current(), text("Första svaret från telefonen"));
    assert!(
        b.school
            .progress_facts()
            .unwrap()
            .opened
            .contains("m1-welcome")
    );
    assert_eq!(
        b.school.preferences().unwrap().display_name.as_deref(),
        Some("Testnamn")
    );
    // Drafts never leave the device.
    assert_eq!(
        b.school
            .draft("m1-pain-daily-life", &EntryRef::Current)
            .unwrap(),
        None
    );
    let canary = "UTKAST-KANARIEFÅGEL".as_bytes();
    let stored = stored_bytes(&s).await;
    assert!(
        !stored.windows(canary.len()).any(|w| w == canary),
        "the draft reached the server"
    );

    // Later edits flow both ways.
    b.answer("Ändrat på surfplattan");
    b.sync().await;
    a.clock.set(t0 + Duration::minutes(2));
    a.sync().await;
    assert_eq!(a.current(), text("Ändrat på surfplattan"));
    a.answer("Ändrat igen på telefonen");
    a.sync().await;
    b.sync().await;
    assert_eq!(b.current(), text("Ändrat igen på telefonen"));
    assert_eq!(a.history(), b.history(), "the same history on both");
    assert_eq!(b.history().len(), 3);
    assert_eq!((a.outbox(), b.outbox()), (0, 0));

    // A sync with nothing to send is one request.
    let before = (
        a.engine.transport().pushes.load(Ordering::SeqCst),
        a.engine.transport().pulls.load(Ordering::SeqCst),
    );
    a.sync().await;
    assert_eq!(a.engine.transport().pushes.load(Ordering::SeqCst), before.0);
    assert_eq!(
        a.engine.transport().pulls.load(Ordering::SeqCst),
        before.1 + 1
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn offline_edits_on_two_devices_end_with_the_later_edit_and_the_older_in_history() {
    let s = start(&[], None).await;
    let (patient, code) = demo_patient(&s).await;
    let t0 = Utc::now();
    let a = Phone::activated(&s, &code, t0).await;
    let b = Phone::activated(&s, &new_code(&s, &patient).await, t0).await;
    a.answer("Gemensam början");
    a.sync().await;
    b.sync().await;
    assert_eq!(b.current(), text("Gemensam början"));

    // Both edit offline; the tablet's edit is a minute later.
    a.clock.set(t0 + Duration::minutes(1));
    b.clock.set(t0 + Duration::minutes(2));
    a.answer("Telefonen, offline");
    b.answer("Surfplattan, offline och senare");
    // The later edit syncs first; the older one arrives after it.
    b.sync().await;
    a.sync().await;
    b.sync().await;
    for p in [&a, &b] {
        assert_eq!(p.current(), text("Surfplattan, offline och senare"));
        let h = p.history();
        assert_eq!(h.len(), 3);
        assert!(
            h.contains(&text("Telefonen, offline")),
            "the older edit stays in history"
        );
        assert_eq!(p.outbox(), 0);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_change_edited_during_an_upload_is_sent_again() {
    let s = start(&[], None).await;
    let (patient, code) = demo_patient(&s).await;
    let a = Phone::activated(&s, &code, Utc::now()).await;
    let name = |p: &str| Preferences {
        display_name: Some(p.into()),
        ..a.school.preferences().unwrap()
    };
    a.school
        .set_preferences(&name("Namn före uppladdningen"))
        .unwrap();
    // While the first batch is on its way, the patient edits the same
    // preference (its pending row is replaced: new id, raised counter).
    let school = a.school.clone();
    let edited = name("Namn under uppladdningen");
    *a.engine.transport().during_first_push.lock().unwrap() =
        Some(Box::new(move || school.set_preferences(&edited).unwrap()));
    let report = a.sync().await;
    assert_eq!(report.sent, 2, "the edited row went in a second batch");
    assert_eq!(a.engine.transport().pushes.load(Ordering::SeqCst), 2);
    assert_eq!(a.outbox(), 0);

    let b = Phone::activated(&s, &new_code(&s, &patient).await, Utc::now()).await;
    b.sync().await;
    assert_eq!(
        b.school.preferences().unwrap().display_name.as_deref(),
        Some("Namn under uppladdningen")
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_rejected_change_is_dropped_and_the_local_answer_kept() {
    let s = start(&[], None).await;
    let (patient, code) = demo_patient(&s).await;
    let a = Phone::activated(&s, &code, Utc::now()).await;
    // An answer to a question this server's course does not have (a newer
    // bundle on the phone, say), written below the facade's own check.
    a.school
        .store_for_tests()
        .submit_answer(
            SubmitRecord {
                question_id: "m1-question-from-a-newer-bundle",
                entry_id: "",
                module_id: "m1",
                value_json: r#"{"type":"text","value":"behålls lokalt"}"#,
            },
            Utc::now(),
        )
        .unwrap();
    a.answer("Giltigt svar");
    let report = a.sync().await;
    assert_eq!(report.rejected, 1);
    assert!(report.sent >= 1, "{report:?}");
    assert_eq!(a.outbox(), 0, "the rejected change left the outbox");
    let kept = a
        .school
        .store_for_tests()
        .answer_history("m1-question-from-a-newer-bundle", "")
        .unwrap();
    assert_eq!(kept.len(), 1, "the local answer stays");
    assert!(kept[0].value_json.contains("behålls lokalt"));
    // The valid change in the same batch got through.
    let b = Phone::activated(&s, &new_code(&s, &patient).await, Utc::now()).await;
    b.sync().await;
    assert_eq!(b.current(), text("Giltigt svar"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_revoked_device_gets_a_typed_error_state_and_keeps_its_outbox() {
    let s = start(&[], None).await;
    let (patient, code) = demo_patient(&s).await;
    let a = Phone::activated(&s, &code, Utc::now()).await;
    a.answer("Före återkallelsen");
    a.sync().await;
    let device = a
        .school
        .store_for_tests()
        .sync_account()
        .unwrap()
        .unwrap()
        .device_id;
    s.app
        .store
        .set_device_states(patient, Some(device), DeviceState::Revoked, Utc::now())
        .await
        .unwrap();
    a.answer("Efter återkallelsen");
    assert_eq!(
        a.engine.sync_now().await.unwrap_err(),
        SyncError::DeviceRevoked
    );
    let state = a.engine.current_state();
    assert_eq!(
        state.activity,
        SyncActivity::Error(SyncErrorReason::DeviceRevoked)
    );
    assert!(state.retry_at.is_some(), "it backs off");
    assert_eq!(a.outbox(), 1, "nothing written is dropped");

    // A phone whose stored token the server never issued.
    let stranger = Phone::new(Utc::now());
    stranger
        .engine
        .activate(&s.base, &new_code(&s, &demo_patient(&s).await.0).await)
        .await
        .unwrap();
    let enrolment = stranger.school.enrolment().unwrap();
    stranger
        .school
        .store_for_tests()
        .store_activation(
            &painschool_core::store::Activation {
                server_url: &s.base,
                device_token: "not-a-token-the-server-issued",
                device_id: "x",
                enrolment: &enrolment,
                unit: None,
                server_time: Utc::now(),
            },
            Utc::now(),
        )
        .unwrap();
    assert_eq!(
        stranger.engine.sync_now().await.unwrap_err(),
        SyncError::Unauthorized
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn activation_errors_are_typed_and_plain_http_needs_the_flag() {
    let s = start(&[], None).await;
    let p = Phone::new(Utc::now());
    assert_eq!(
        p.engine
            .activate(&s.base, "AAAA-BBBB-CCCC-DDDD")
            .await
            .unwrap_err(),
        SyncError::InvalidCode
    );
    p.engine.set_allow_loopback_http(false);
    let (_, code) = demo_patient(&s).await;
    assert_eq!(
        p.engine.activate(&s.base, &code).await.unwrap_err(),
        SyncError::InsecureServerUrl
    );
    // Nothing listens on port 9 of this machine: offline, not an error.
    p.engine.set_allow_loopback_http(true);
    assert_eq!(
        p.engine
            .activate("http://127.0.0.1:9", &code)
            .await
            .unwrap_err(),
        SyncError::Offline
    );
    assert!(Path::new(&bundle_dir()).exists());
    p.engine.activate(&s.base, &code).await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn messages_go_up_and_replies_read_marks_pace_visits_and_reviews_come_down() {
    use reqwest::Method;
    let s = start(&[], None).await;
    let demo = demo(&s).await;
    let (patient, staff) = (demo.patient_id.clone(), demo.staff_token.clone());
    let a = Phone::activated(&s, &demo.code.code, Utc::now()).await;
    // The unit's reply time came with the activation.
    let compose = a.school.compose(Thread::Clinician).unwrap();
    assert_eq!(
        compose.reply_time.as_deref(),
        Some("Vi svarar inom två vardagar.")
    );
    assert!(compose.safety_line.contains("112"));

    let mine = a
        .school
        .send_message(Thread::Clinician, "Hej! Hur gör jag övning två?")
        .unwrap();
    assert_eq!(mine.status, MessageStatus::Queued);
    a.answer("Ett svar att granska");
    let version = a
        .school
        .answer_history(QUESTION, &EntryRef::Current)
        .unwrap()[0]
        .version_id
        .clone();
    a.sync().await;
    assert_eq!(
        a.school.messages(Thread::Clinician).unwrap()[0].status,
        MessageStatus::Sent
    );
    assert_eq!(a.outbox(), 0);

    // The clinic reads it, replies, changes the pace, books a visit and
    // reviews the answer.
    let at_clinic = clinic(
        &s,
        &staff,
        Method::GET,
        &format!("/patients/{patient}/messages"),
        json!(null),
    )
    .await;
    assert!(at_clinic.to_string().contains("Hur gör jag övning två?"));
    let p = format!("/patients/{patient}");
    clinic(
        &s,
        &staff,
        Method::POST,
        &format!("{p}/messages/{}/read", mine.id),
        json!({}),
    )
    .await;
    clinic(
        &s,
        &staff,
        Method::POST,
        &format!("{p}/messages"),
        json!({"thread": "clinician", "text": "Hej! Börja med andningen."}),
    )
    .await;
    clinic(
        &s,
        &staff,
        Method::PUT,
        &format!("{p}/pace"),
        json!({"pace": {"kind": "all_at_once"}}),
    )
    .await;
    clinic(
        &s,
        &staff,
        Method::POST,
        &format!("{p}/visits"),
        json!({"starts_at": "2026-12-01T09:00:00Z", "minutes": 45, "kind": "video"}),
    )
    .await;
    clinic(
        &s,
        &staff,
        Method::POST,
        &format!("{p}/answers/{version}/reviewed"),
        json!({}),
    )
    .await;

    let got = a.sync().await;
    assert!(got.received >= 5, "{got:?}");
    let thread = a.school.messages(Thread::Clinician).unwrap();
    assert_eq!(thread.len(), 2);
    assert_eq!(thread[0].status, MessageStatus::Read, "read by the clinic");
    assert_eq!(thread[1].author, Author::Clinic);
    assert_eq!(thread[1].text, "Hej! Börja med andningen.");
    assert!(thread[1].author_name.is_some());
    assert_eq!(
        a.school.this_week().unwrap().modules_open,
        8,
        "the new pace"
    );
    let visits = a.school.visits().unwrap();
    assert_eq!(
        (visits.len(), visits[0].kind, visits[0].minutes),
        (1, VisitKind::Video, 45)
    );
    assert!(
        a.school
            .store_for_tests()
            .reviewed_at(&version)
            .unwrap()
            .is_some()
    );

    // The patient reads the reply; the clinic sees it read.
    assert_eq!(a.school.mark_thread_read(Thread::Clinician).unwrap(), 1);
    a.sync().await;
    let at_clinic = clinic(
        &s,
        &staff,
        Method::GET,
        &format!("/patients/{patient}/messages"),
        json!(null),
    )
    .await;
    let reply = at_clinic["messages"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["author"] == "clinic")
        .unwrap()
        .clone();
    assert!(reply["read_by_patient_at"].is_string(), "{reply}");

    // The patient's other device gets both sides of the thread.
    let b = Phone::activated(&s, &new_code(&s, &patient).await, Utc::now()).await;
    b.sync().await;
    let thread = b.school.messages(Thread::Clinician).unwrap();
    assert_eq!(thread.len(), 2);
    assert_eq!(thread[0].author, Author::Patient);
    assert_eq!((a.outbox(), b.outbox()), (0, 0));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_activation_whose_answer_was_lost_succeeds_when_retried_with_the_same_code() {
    let s = start(&[], None).await;
    let (patient, code) = demo_patient(&s).await;
    let p = Phone::new(Utc::now());
    // The server activates the device twice over, and both answers are lost.
    p.engine
        .transport()
        .lose_activation_answers
        .store(2, Ordering::SeqCst);
    for _ in 0..2 {
        assert_eq!(
            p.engine.activate(&s.base, &code).await.unwrap_err(),
            SyncError::Offline
        );
    }
    // The patient taps "try again" with the same code.
    let activated = p.engine.activate(&s.base, &code).await.unwrap();
    let devices = s.app.store.devices(patient.clone()).await.unwrap();
    assert_eq!(devices.len(), 1, "one device, not one per attempt");
    assert_eq!(devices[0].id, activated.device_id);
    p.answer("Efter en förlorad aktivering");
    // The token the phone kept works (an earlier one would be refused).
    assert!(p.sync().await.sent >= 1);
    assert_eq!(p.outbox(), 0);

    // The code stays single-use for anyone else.
    let other = Phone::new(Utc::now());
    assert_eq!(
        other.engine.activate(&s.base, &code).await.unwrap_err(),
        SyncError::InvalidCode
    );
}
