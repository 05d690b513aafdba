//! The sync engine against a fake server in memory: what comes down is
//! applied (hand-made feed items for the clinic's entities), what goes up is
//! settled by outcome, the state and the backoff follow failures. The real
//! server is in the end-to-end tests (`tests/`).

use std::collections::HashSet;
use std::sync::{Arc, Mutex, OnceLock};
use std::time::Duration;

use chrono::Utc;
use painschool_core::PainSchool;
use painschool_core::answers::AnswerValue;
use painschool_core::facade::{Author, EntryRef, MessageStatus, Thread, VisitKind};
use painschool_core::store::ProgressKind;
use painschool_core::sync::wire::{
    ActivateRequest, ActivateResponse, FeedItem, Outcome, PullResponse, PushRequest, PushResponse,
};
use painschool_core::sync::{
    Backoff, ServerUrl, SyncActivity, SyncEngine, SyncError, SyncErrorReason, SyncState, Transport,
    TransportError,
};
use serde_json::json;

use crate::common::{Fixture, utc};

const URL: &str = "https://clinic.example.se";

#[derive(Default)]
struct Server {
    feed: Vec<serde_json::Value>,
    pushed: Vec<serde_json::Value>,
    push_calls: u32,
    pull_calls: u32,
    fail_next: Option<TransportError>,
    /// The attempt id of each activation call, in order.
    attempts: Vec<Option<String>>,
    reject_entities: HashSet<String>,
    seen_states: Vec<SyncActivity>,
}

#[derive(Default)]
struct Fake {
    server: Mutex<Server>,
    watcher: OnceLock<tokio::sync::watch::Receiver<SyncState>>,
}

impl Fake {
    fn s(&self) -> std::sync::MutexGuard<'_, Server> {
        self.server.lock().unwrap()
    }
    fn take_failure(&self) -> Result<(), TransportError> {
        self.s().fail_next.take().map_or(Ok(()), Err)
    }
}

impl Transport for Fake {
    async fn activate(
        &self,
        _: &ServerUrl,
        r: &ActivateRequest<'_>,
    ) -> Result<ActivateResponse, TransportError> {
        self.s().attempts.push(r.attempt.map(str::to_owned));
        self.take_failure()?;
        if r.code != "GOOD-CODE" {
            return Err(TransportError::Status {
                status: 401,
                code: Some("invalid_code".into()),
                retry_after: None,
            });
        }
        Ok(serde_json::from_value(json!({
            "device_id": "dev-1", "token": "secret-token", "server_time": "2026-11-03T09:00:00Z",
            "enrolment": {"start": "2026-11-02T08:00:00Z", "time_zone": "Europe/Stockholm",
                "pace": {"kind": "weekly"}, "read_ahead": false, "manual_unlocks": [], "access_end": null},
            "unit": {"name": "Testenheten", "reply_time_sv": "Inom två vardagar.",
                     "reply_time_en": "Within two working days."}
        }))
        .unwrap())
    }

    async fn push(
        &self,
        _: &ServerUrl,
        token: &str,
        r: &PushRequest,
    ) -> Result<PushResponse, TransportError> {
        assert_eq!(token, "secret-token");
        self.take_failure()?;
        let mut s = self.s();
        s.push_calls += 1;
        if let Some(w) = self.watcher.get() {
            let a = w.borrow().activity;
            s.seen_states.push(a);
        }
        let mut results = Vec::new();
        for c in &r.changes {
            let v = serde_json::to_value(c).unwrap();
            if s.reject_entities.contains(&c.entity) {
                results.push(Outcome::Rejected {
                    id: c.id.clone(),
                    reason: "not allowed".into(),
                });
            } else {
                s.pushed.push(v);
                results.push(Outcome::Accepted { id: c.id.clone() });
            }
        }
        Ok(PushResponse {
            results,
            server_time: utc("2026-11-03 09:30"),
        })
    }

    async fn pull(
        &self,
        _: &ServerUrl,
        _: &str,
        after: i64,
        limit: u32,
    ) -> Result<PullResponse, TransportError> {
        self.take_failure()?;
        let mut s = self.s();
        s.pull_calls += 1;
        let items: Vec<serde_json::Value> = s
            .feed
            .iter()
            .filter(|i| i["seq"].as_i64().unwrap() > after)
            .take(limit as usize)
            .cloned()
            .collect();
        let cursor = items.last().map_or(after, |i| i["seq"].as_i64().unwrap());
        let more = s.feed.iter().any(|i| i["seq"].as_i64().unwrap() > cursor);
        Ok(PullResponse {
            items: items
                .into_iter()
                .map(|i| serde_json::from_value::<FeedItem>(i).unwrap())
                .collect(),
            cursor,
            more,
            server_time: utc("2026-11-03 09:30"),
        })
    }
}

fn clinic(
    seq: i64,
    entity: &str,
    entity_id: &str,
    payload: serde_json::Value,
) -> serde_json::Value {
    json!({"seq": seq, "id": format!("c{seq}"), "entity": entity, "entity_id": entity_id,
           "hlc": format!("{:015}-000000-server", 1_793_696_400_000i64 + seq),
           "payload": payload, "source": "clinic", "device_id": null})
}

struct Setup {
    fx: Fixture,
    school: Arc<PainSchool>,
    engine: SyncEngine<Fake>,
}

/// An activated course over a fake server; jitter fixed at one half.
async fn activated() -> Setup {
    let fx = Fixture::new();
    let school = Arc::new(fx.open().unwrap());
    let engine = SyncEngine::new(school.clone(), Fake::default())
        .unwrap()
        .with_backoff(Backoff::default(), || 0.5);
    engine.activate(URL, "GOOD-CODE").await.unwrap();
    Setup { fx, school, engine }
}

#[tokio::test]
async fn retries_of_one_code_send_one_attempt_id_until_an_activation_succeeds() {
    let fx = Fixture::new();
    let school = Arc::new(fx.open().unwrap());
    let engine = SyncEngine::new(school, Fake::default()).unwrap();
    // No answer, then the same code typed differently, then success.
    engine.transport().s().fail_next = Some(TransportError::Network);
    assert_eq!(
        engine.activate(URL, "GOOD-CODE").await.unwrap_err(),
        SyncError::Offline
    );
    assert_eq!(
        engine.activate(URL, "good code").await.unwrap_err(),
        SyncError::InvalidCode,
        "the fake knows only one spelling"
    );
    engine.activate(URL, "GOOD-CODE").await.unwrap();
    // After a success, a new activation is a new attempt; so is another code.
    engine.activate(URL, "GOOD-CODE").await.unwrap();
    assert_eq!(
        engine.activate(URL, "OTHER-CODE").await.unwrap_err(),
        SyncError::InvalidCode
    );
    let a: Vec<String> = engine
        .transport()
        .s()
        .attempts
        .iter()
        .map(|a| a.clone().expect("an attempt id with every activation"))
        .collect();
    assert_eq!(a.len(), 5);
    assert!(a[0].len() >= 16 && a[0].bytes().all(|b| b.is_ascii_hexdigit()));
    assert_eq!(
        (&a[1], &a[2]),
        (&a[0], &a[0]),
        "one id for one code's retries"
    );
    assert_ne!(a[3], a[0], "a new id once an activation succeeded");
    assert_ne!(a[4], a[3], "a new id for another code");
}

#[tokio::test]
async fn activation_stores_the_enrolment_the_unit_and_the_token_and_refuses_plain_http() {
    let fx = Fixture::new();
    let school = Arc::new(fx.open().unwrap());
    let engine = SyncEngine::new(school.clone(), Fake::default()).unwrap();
    assert!(!engine.current_state().activated);
    assert_eq!(
        engine.sync_now().await.unwrap_err(),
        SyncError::NotActivated
    );
    assert_eq!(
        engine.current_state().activity,
        SyncActivity::Error(SyncErrorReason::NotActivated)
    );
    assert_eq!(
        engine
            .activate("http://clinic.example.se", "GOOD-CODE")
            .await
            .unwrap_err(),
        SyncError::InsecureServerUrl
    );
    assert_eq!(
        engine
            .activate("http://127.0.0.1:9", "GOOD-CODE")
            .await
            .unwrap_err(),
        SyncError::InsecureServerUrl,
        "loopback needs the development flag"
    );
    assert_eq!(
        engine.activate(URL, "BAD").await.unwrap_err(),
        SyncError::InvalidCode
    );
    let a = engine.activate(URL, "GOOD-CODE").await.unwrap();
    assert_eq!(a.device_id, "dev-1");
    assert!(engine.current_state().activated);
    assert_eq!(school.enrolment().unwrap().start, utc("2026-11-02 08:00"));
    let account = school.store_for_tests().sync_account().unwrap().unwrap();
    assert_eq!(&*account.device_token, "secret-token");
    assert!(
        !format!("{account:?}").contains("secret-token"),
        "the token is never printed"
    );
    let c = school.compose(Thread::Clinician).unwrap();
    assert_eq!(
        c.reply_time.as_deref(),
        Some("Inom två vardagar."),
        "Swedish by default"
    );
}

#[tokio::test]
async fn clinic_items_are_applied_with_the_cursor_and_unknown_ones_skipped() {
    let t = activated().await;
    let mine = t
        .school
        .send_message(Thread::Clinician, "Hej, en fråga")
        .unwrap();
    assert_eq!(mine.status, MessageStatus::Queued);
    t.engine.sync_now().await.unwrap();
    assert_eq!(
        t.school.messages(Thread::Clinician).unwrap()[0].status,
        MessageStatus::Sent
    );

    let v = t
        .school
        .submit_answer(
            "m1-reflection-learned",
            &EntryRef::Current,
            &AnswerValue::Text("lokal".into()),
        )
        .unwrap();
    t.engine.transport().s().feed.extend([
        clinic(
            1,
            "message",
            "r1",
            json!({"message_id": "r1", "thread": "clinician",
            "text": "Svar", "sent_at": "2026-11-03T10:00:00Z", "author_name": "Dr Demo"}),
        ),
        clinic(
            2,
            "message_read",
            &mine.id,
            json!({"message_id": mine.id, "read_at": "2026-11-03T10:01:00Z"}),
        ),
        clinic(3, "hologram_call", "x", json!({})),
        clinic(
            4,
            "visit",
            "v1",
            json!({"visit_id": "v1", "starts_at": "2026-11-20T09:00:00Z",
            "minutes": 30, "kind": "phone", "cancelled": false}),
        ),
        clinic(
            5,
            "visit",
            "v1",
            json!({"visit_id": "v1", "starts_at": "2026-11-21T09:00:00Z",
            "minutes": 45, "kind": "clinic", "cancelled": true}),
        ),
        clinic(
            6,
            "answer_reviewed",
            &v.version_id,
            json!({"version_id": v.version_id,
            "question_id": "m1-reflection-learned", "reviewed_at": "2026-11-03T11:00:00Z"}),
        ),
        clinic(
            7,
            "enrolment",
            "enrolment",
            json!({"enrolment": {"start": "2026-11-02T08:00:00Z",
            "time_zone": "Europe/Stockholm", "pace": {"kind": "all_at_once"}, "read_ahead": false,
            "manual_unlocks": [], "access_end": null}}),
        ),
        clinic(
            8,
            "unit",
            "unit",
            json!({"name": "Nya enheten", "reply_time_sv": "Inom en vecka.",
            "reply_time_en": "Within a week."}),
        ),
    ]);
    let mut changes = t.school.changes();
    changes.borrow_and_update();
    let report = t.engine.sync_now().await.unwrap();
    assert_eq!(report.received, 7, "the unknown entity is skipped");
    assert!(
        changes.has_changed().unwrap(),
        "views are told to recompute"
    );

    let thread = t.school.messages(Thread::Clinician).unwrap();
    assert_eq!(thread.len(), 2);
    assert_eq!(
        (thread[0].author, thread[0].status),
        (Author::Patient, MessageStatus::Read)
    );
    assert_eq!(thread[1].author, Author::Clinic);
    assert_eq!(thread[1].author_name.as_deref(), Some("Dr Demo"));
    assert_eq!(
        thread[1].status,
        MessageStatus::Sent,
        "unread by the patient"
    );
    let visits = t.school.visits().unwrap();
    assert_eq!(visits.len(), 1, "a later item replaces the visit");
    assert_eq!(
        (visits[0].kind, visits[0].minutes, visits[0].cancelled),
        (VisitKind::Clinic, 45, true)
    );
    // The patient sees the mark on the answer and in its history.
    let answered = t
        .school
        .module_answers("m1")
        .unwrap()
        .into_iter()
        .find(|q| q.question_id == "m1-reflection-learned")
        .unwrap();
    assert_eq!(
        answered.answers[0].reviewed_at,
        Some(utc("2026-11-03 11:00"))
    );
    assert_eq!(
        t.school
            .answer_history("m1-reflection-learned", &EntryRef::Current)
            .unwrap()[0]
            .reviewed_at,
        Some(utc("2026-11-03 11:00"))
    );
    assert_eq!(
        t.school.this_week().unwrap().modules_open,
        8,
        "the new pace applies"
    );
    assert_eq!(
        t.school.compose(Thread::Team).unwrap().unit_name.as_deref(),
        Some("Nya enheten")
    );
    assert_eq!(
        t.school
            .store_for_tests()
            .sync_account()
            .unwrap()
            .unwrap()
            .cursor,
        8
    );

    // The patient reads the reply: it is read here and a read mark goes up.
    assert_eq!(t.school.mark_thread_read(Thread::Clinician).unwrap(), 1);
    assert_eq!(
        t.school.messages(Thread::Clinician).unwrap()[1].status,
        MessageStatus::Read
    );
    t.engine.sync_now().await.unwrap();
    let pushed = t.engine.transport().s().pushed.clone();
    assert!(
        pushed
            .iter()
            .any(|c| c["entity"] == "message_read" && c["entity_id"] == "r1")
    );
    assert_eq!(t.engine.transport().s().pull_calls, 3);
}

#[tokio::test]
async fn a_remote_stamp_moves_the_clock_so_a_later_local_edit_wins() {
    let t = activated().await;
    // Another device's clock is a day ahead of this one.
    t.engine.transport().s().feed.push(json!({
        "seq": 1, "id": "x1", "entity": "answer_version", "entity_id": "ver-remote",
        "hlc": "001793782800000-000004-otherdevice", "source": "device", "device_id": "dev-2",
        "payload": {"version_id": "ver-remote", "question_id": "m1-reflection-learned", "entry_id": "",
            "module_id": "m1", "value": {"type": "text", "value": "från surfplattan"},
            "hlc": "001793782800000-000004-otherdevice", "submitted_at": "2026-11-04T09:00:00Z"}
    }));
    t.engine.sync_now().await.unwrap();
    let current = |s: &PainSchool| {
        s.module_answers("m1")
            .unwrap()
            .into_iter()
            .find(|q| q.question_id == "m1-reflection-learned")
            .unwrap()
            .answers[0]
            .value
            .clone()
    };
    assert_eq!(
        current(&t.school),
        AnswerValue::Text("från surfplattan".into())
    );
    // This phone's clock still says 2026-11-03: its edit must still win.
    t.school
        .submit_answer(
            "m1-reflection-learned",
            &EntryRef::Current,
            &AnswerValue::Text("senare på telefonen".into()),
        )
        .unwrap();
    assert_eq!(
        current(&t.school),
        AnswerValue::Text("senare på telefonen".into())
    );
    assert_eq!(
        t.school
            .answer_history("m1-reflection-learned", &EntryRef::Current)
            .unwrap()
            .len(),
        2
    );
    // The received stamp is saved, not only in memory: after a reopen with
    // an empty outbox the clock is still past it.
    t.engine.sync_now().await.unwrap();
    drop(t.engine);
    let school = Arc::try_unwrap(t.school).unwrap();
    drop(school);
    let again = t.fx.open().unwrap();
    again
        .set_preferences(&painschool_core::facade::Preferences {
            display_name: Some("X".into()),
            ..again.preferences().unwrap()
        })
        .unwrap();
    let stamp = again.store_for_tests().pending_changes(10).unwrap()[0]
        .hlc
        .clone();
    assert!(
        stamp.as_str() > "001793782800000-000004-otherdevice",
        "{stamp}"
    );
}

#[tokio::test]
async fn a_stamp_years_ahead_is_applied_but_does_not_carry_the_clock_with_it() {
    let t = activated().await;
    // A device whose clock was set two years ahead (2028-11-04).
    let far = "001856941200000-000000-otherdevice";
    t.engine.transport().s().feed.push(json!({
        "seq": 1, "id": "x1", "entity": "answer_version", "entity_id": "ver-far",
        "hlc": far, "source": "device", "device_id": "dev-2",
        "payload": {"version_id": "ver-far", "question_id": "m1-reflection-learned", "entry_id": "",
            "module_id": "m1", "value": {"type": "text", "value": "från framtiden"},
            "hlc": far, "submitted_at": "2028-11-04T09:00:00Z"}
    }));
    assert_eq!(t.engine.sync_now().await.unwrap().received, 1);
    assert_eq!(
        t.school
            .answer_history("m1-reflection-learned", &EntryRef::Current)
            .unwrap()
            .len(),
        1,
        "the item is kept"
    );
    t.school
        .send_message(Thread::Team, "Appen visar fel datum")
        .unwrap();
    let stamp = t.school.store_for_tests().pending_changes(10).unwrap()[0]
        .hlc
        .clone();
    // The phone's own stamps stay at the present (the fixed clock says
    // 2026-11-03 09:00, the server 09:30), not two years ahead.
    let millis: i64 = stamp[..15].parse().unwrap();
    assert!(
        (1_793_696_400_000..=1_793_698_200_000).contains(&millis),
        "{stamp}"
    );
}

#[tokio::test]
async fn outboxes_go_up_in_batches_of_500_with_progress_in_the_state() {
    let t = activated().await;
    t.engine.transport().watcher.set(t.engine.state()).unwrap();
    let ids: Vec<String> = (0..1100).map(|i| format!("s{i}")).collect();
    let items: Vec<(ProgressKind, &str, &str)> = ids
        .iter()
        .map(|i| (ProgressKind::SectionOpened, i.as_str(), "m1"))
        .collect();
    t.school
        .store_for_tests()
        .record_progress(&items, Utc::now())
        .unwrap();
    let report = t.engine.sync_now().await.unwrap();
    assert_eq!(report.sent, 1100);
    let s = t.engine.transport().s();
    assert_eq!(s.push_calls, 3);
    assert_eq!(
        s.seen_states,
        [0, 500, 1000].map(|sent| SyncActivity::Syncing { sent, total: 1100 })
    );
    drop(s);
    assert_eq!(t.school.store_for_tests().outbox_len().unwrap(), 0);
    let state = t.engine.current_state();
    assert_eq!(state.activity, SyncActivity::Idle);
    assert_eq!(state.last_success, Some(utc("2026-11-03 09:00")));
}

#[tokio::test]
async fn a_rejected_change_leaves_the_outbox_and_the_local_data_stays() {
    let t = activated().await;
    t.engine
        .transport()
        .s()
        .reject_entities
        .extend(["answer_version".to_owned(), "message".to_owned()]);
    t.school
        .submit_answer(
            "m1-reflection-learned",
            &EntryRef::Current,
            &AnswerValue::Text("behålls".into()),
        )
        .unwrap();
    t.school.send_message(Thread::Team, "refused").unwrap();
    let report = t.engine.sync_now().await.unwrap();
    assert_eq!(report.rejected, 2);
    assert_eq!(t.school.store_for_tests().outbox_len().unwrap(), 0);
    assert_eq!(
        t.school
            .answer_history("m1-reflection-learned", &EntryRef::Current)
            .unwrap()
            .len(),
        1
    );
    assert_eq!(
        t.school.messages(Thread::Team).unwrap()[0].status,
        MessageStatus::Failed
    );
}

#[tokio::test]
async fn failures_back_off_with_retry_after_and_typed_states() {
    let t = activated().await;
    t.school.send_message(Thread::Team, "väntar").unwrap();
    t.engine.transport().s().fail_next = Some(TransportError::Status {
        status: 503,
        code: Some("storage_unavailable".into()),
        retry_after: Some(Duration::from_secs(30)),
    });
    assert!(matches!(
        t.engine.sync_now().await,
        Err(SyncError::ServerUnavailable { status: 503, .. })
    ));
    let st = t.engine.current_state();
    assert_eq!(
        st.activity,
        SyncActivity::Error(SyncErrorReason::ServerUnavailable)
    );
    assert_eq!(
        st.retry_at,
        Some(utc("2026-11-03 09:00") + chrono::Duration::seconds(30))
    );
    assert_eq!(
        t.school.store_for_tests().outbox_len().unwrap(),
        1,
        "the outbox is kept"
    );

    // Before the retry is due nothing is sent.
    let r = t.engine.sync_now().await.unwrap();
    assert_eq!(r.deferred_until, st.retry_at);
    assert_eq!(t.engine.transport().s().push_calls, 0);

    // Due: the network is down. The second failure in a row waits half of 4 s.
    t.fx.clock.set(utc("2026-11-03 09:01"));
    t.engine.transport().s().fail_next = Some(TransportError::Network);
    assert_eq!(t.engine.sync_now().await.unwrap_err(), SyncError::Offline);
    let st = t.engine.current_state();
    assert_eq!(st.activity, SyncActivity::Offline);
    assert_eq!(
        st.retry_at,
        Some(utc("2026-11-03 09:01") + chrono::Duration::seconds(2))
    );

    // A success clears it all.
    t.fx.clock.set(utc("2026-11-03 09:02"));
    t.engine.sync_now().await.unwrap();
    let st = t.engine.current_state();
    assert_eq!((st.activity, st.retry_at), (SyncActivity::Idle, None));
    assert_eq!(
        t.school.messages(Thread::Team).unwrap()[0].status,
        MessageStatus::Sent
    );

    // A revoked device: a typed error.
    t.fx.clock.set(utc("2026-11-03 10:00"));
    t.engine.transport().s().fail_next = Some(TransportError::Status {
        status: 401,
        code: Some("device_revoked".into()),
        retry_after: None,
    });
    assert_eq!(
        t.engine.sync_now().await.unwrap_err(),
        SyncError::DeviceRevoked
    );
    assert_eq!(
        t.engine.current_state().activity,
        SyncActivity::Error(SyncErrorReason::DeviceRevoked)
    );
}

#[test]
fn message_text_is_checked_and_drafts_never_enter_the_outbox() {
    let fx = Fixture::new();
    let s = fx.enrolled();
    assert!(s.send_message(Thread::Team, "   ").is_err());
    assert!(s.send_message(Thread::Team, &"a".repeat(4001)).is_err());
    let m = s.send_message(Thread::Team, "  Hej  ").unwrap();
    assert_eq!(m.text, "Hej");
    s.save_draft(
        "m1-reflection-learned",
        &EntryRef::Current,
        &AnswerValue::Text("utkast".into()),
    )
    .unwrap();
    let pending = s.store_for_tests().pending_changes(10).unwrap();
    assert_eq!(pending.len(), 1);
    assert_eq!(pending[0].entity, "message");
    assert!(pending.iter().all(|c| !c.payload.contains("utkast")));
}
