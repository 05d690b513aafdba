//! The end of access, end to end: real phones (encrypted stores, the core's
//! sync engine over reqwest) against the real server on 127.0.0.1, both on
//! clocks the test moves. At the planned end the course locks on the
//! phone; what was written offline still reaches the clinic; the summary is
//! offered; the server refuses the token 14 days later; only then, and only
//! with nothing unsent, is the phone's data wiped. No sleeps.

use std::sync::{Arc, Mutex};

use chrono::{DateTime, Duration, Utc};
use painschool_core::answers::AnswerValue;
use painschool_core::clock::FixedClock;
use painschool_core::facade::EntryRef;
use painschool_core::keys::{DatabaseKey, KeyProvider, MemoryKeyProvider};
use painschool_core::sync::{HttpTransport, SyncEngine, SyncError};
use painschool_core::{Error, PainSchool};
use painschool_e2e::bundle_dir;
use painschool_e2e::server::{self, Server, new_code};

const QUESTION: &str = "m1-reflection-learned";

struct Phone {
    dir: tempfile::TempDir,
    keys: MemoryKeyProvider,
    clock: Arc<FixedClock>,
    school: Arc<PainSchool>,
    engine: SyncEngine<HttpTransport>,
}

impl Phone {
    async fn activated(s: &Server, code: &str, at: DateTime<Utc>) -> Phone {
        let dir = tempfile::tempdir().unwrap();
        let clock = Arc::new(FixedClock::new(at));
        let keys = MemoryKeyProvider::new(Some(DatabaseKey::from_bytes([9; 32])));
        let school =
            Arc::new(PainSchool::open(dir.path(), &bundle_dir(), &keys, clock.clone()).unwrap());
        let engine =
            SyncEngine::new(school.clone(), HttpTransport::over_reqwest().unwrap()).unwrap();
        engine.set_allow_loopback_http(true);
        engine.activate(&s.base, code).await.unwrap();
        Phone {
            dir,
            keys,
            clock,
            school,
            engine,
        }
    }

    fn answer(&self, text: &str) -> painschool_core::Result<()> {
        self.school
            .submit_answer(
                QUESTION,
                &EntryRef::Current,
                &AnswerValue::Text(text.into()),
            )
            .map(|_| ())
    }

    fn current(&self) -> AnswerValue {
        let q = self.school.module_answers("m1").unwrap();
        let q = q.into_iter().find(|q| q.question_id == QUESTION).unwrap();
        q.answers[0].value.clone()
    }

    fn db_exists(&self) -> bool {
        self.dir
            .path()
            .join(painschool_core::store::DB_FILE)
            .exists()
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn at_the_end_the_course_locks_offline_work_still_arrives_and_the_data_goes_only_when_confirmed()
 {
    let t0: DateTime<Utc> = "2026-11-03T09:00:00Z".parse().unwrap();
    let server_clock = Arc::new(Mutex::new(t0));
    let c = server_clock.clone();
    let s = server::start_clocked(&[], Box::new(move || *c.lock().unwrap())).await;
    let set_time = |at: DateTime<Utc>, phones: &[&Phone]| {
        *server_clock.lock().unwrap() = at;
        for p in phones {
            p.clock.set(at);
        }
    };
    let demo = server::demo(&s).await;
    let a = Phone::activated(&s, &demo.code.code, t0).await;
    let b = Phone::activated(&s, &new_code(&s, &demo.patient_id).await, t0).await;
    let c = Phone::activated(&s, &new_code(&s, &demo.patient_id).await, t0).await;
    let end = a.school.enrolment().unwrap().access_ends_at();
    assert!(end > t0 + Duration::days(360), "12 months of access");

    // The phones sync now and then (the end is judged offline with the
    // phone's clock, believed up to 30 days past the last server time).
    set_time(end - Duration::days(2), &[&a, &b, &c]);
    for p in [&a, &b, &c] {
        p.engine.sync_now().await.unwrap();
    }
    // Just before the end, A and C write without network.
    set_time(end - Duration::hours(1), &[&a, &b, &c]);
    a.answer("Skrivet offline strax före slutet: å, ä, ö")
        .unwrap();
    c.answer("Skrivet på telefon C").unwrap();

    // The end passes: the course locks on A; nothing new can be written.
    set_time(end + Duration::days(1), &[&a, &b, &c]);
    assert!(matches!(
        a.school.open_section("m1-welcome"),
        Err(Error::AccessEnded { .. })
    ));
    assert!(matches!(
        a.answer("efter slutet"),
        Err(Error::AccessEnded { .. })
    ));
    let status = a.school.access_status().unwrap();
    assert!(status.summary_offered, "the summary is offered");
    assert_eq!(
        status.unsent,
        a.school.store_for_tests().outbox_len().unwrap()
    );
    assert!(status.unsent >= 1 && !status.wipe_due);

    // The ended token may still push: A's offline answer reaches the
    // clinic, and B (another device of the patient) receives it.
    let report = a.engine.sync_now().await.unwrap();
    assert!(report.sent >= 1 && report.rejected == 0, "{report:?}");
    assert_eq!(a.school.store_for_tests().outbox_len().unwrap(), 0);
    b.engine.sync_now().await.unwrap();
    assert_eq!(
        b.current(),
        AnswerValue::Text("Skrivet offline strax före slutet: å, ä, ö".into())
    );
    // Nothing is wiped before the server confirms, even with an empty
    // outbox, and a phone clock set years ahead changes nothing.
    assert!(!a.school.wipe_if_due(&a.keys).unwrap());
    a.clock.set(end + Duration::days(3 * 365));
    assert!(!a.school.access_status().unwrap().wipe_due);
    assert!(!a.school.wipe_if_due(&a.keys).unwrap());
    assert!(a.db_exists() && a.keys.get().unwrap().is_some());

    // 14 days after the end the server refuses the token: the end is
    // confirmed, and A (nothing unsent) wipes its data and key.
    set_time(end + Duration::days(14), &[&a, &b, &c]);
    assert_eq!(
        a.engine.sync_now().await.unwrap_err(),
        SyncError::AccessEnded
    );
    let status = a.school.access_status().unwrap();
    assert!(status.end_confirmed && status.wipe_due && !status.summary_offered);
    assert!(a.school.wipe_if_due(&a.keys).unwrap());
    assert!(!a.db_exists(), "the database file is gone");
    assert!(a.keys.get().unwrap().is_none(), "the key is gone");
    assert!(matches!(a.school.this_week(), Err(Error::NotEnrolled)));

    // C never synced its answer: refused too, but its data stays.
    assert_eq!(
        c.engine.sync_now().await.unwrap_err(),
        SyncError::AccessEnded
    );
    let status = c.school.access_status().unwrap();
    assert!(status.end_confirmed && status.unsent >= 1 && !status.wipe_due);
    assert!(!c.school.wipe_if_due(&c.keys).unwrap());
    assert!(c.db_exists());
    assert_eq!(
        c.current(),
        AnswerValue::Text("Skrivet på telefon C".into())
    );
}
