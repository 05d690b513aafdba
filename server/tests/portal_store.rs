//! The portal's sign-in records on the backend under test (SQLite, or
//! PostgreSQL with `PAINSCHOOL_TEST_DATABASE_URL`): credentials, a code
//! step accepted once, one-time recovery codes, sessions and reply drafts
//! behave the same on both.

mod common;

use chrono::{Duration, Utc};
use common::open_store;
use painschool_server::model::Role;
use painschool_server::store::{PortalStore, Repository, SessionStage};

#[tokio::test]
async fn sign_in_records_behave_the_same_on_both_backends() {
    let (store, _db, _url) = open_store().await;
    let now = Utc::now();
    let unit = store
        .create_unit("Enhet P".into(), "sv".into(), "en".into(), now)
        .await
        .unwrap();
    let k = store
        .create_clinician(
            unit.id.clone(),
            "Kliniker Test".into(),
            "Kliniker.Test@example.se".into(),
            Role::Clinician,
            now,
        )
        .await
        .unwrap();

    // No password yet; the e-mail matches without case.
    let (found, creds) = store
        .staff_by_email("kliniker.test@EXAMPLE.se".into())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(found.id, k.id);
    assert!(creds.is_none());
    assert!(
        store
            .staff_by_email("nobody@example.se".into())
            .await
            .unwrap()
            .is_none()
    );
    assert!(
        store
            .set_totp_secret(k.id.clone(), Some(vec![7; 20]), now)
            .await
            .is_err(),
        "a second factor needs a password first"
    );

    store
        .set_password(k.id.clone(), "$argon2id$fake".into(), now)
        .await
        .unwrap();
    store
        .set_totp_secret(k.id.clone(), Some(vec![7; 20]), now)
        .await
        .unwrap();
    let creds = || async {
        store
            .staff_by_email(k.email.clone())
            .await
            .unwrap()
            .unwrap()
            .1
            .unwrap()
    };
    let c = creds().await;
    assert_eq!(c.password_hash, "$argon2id$fake");
    assert_eq!(c.totp_secret, Some(vec![7; 20]));
    assert!(!c.totp_confirmed);

    // A step is accepted once, and never an earlier one after it.
    assert!(store.use_totp_step(k.id.clone(), 5).await.unwrap());
    assert!(!store.use_totp_step(k.id.clone(), 5).await.unwrap());
    assert!(!store.use_totp_step(k.id.clone(), 4).await.unwrap());
    assert!(store.use_totp_step(k.id.clone(), 6).await.unwrap());
    let c = creds().await;
    assert!(c.totp_confirmed);
    assert_eq!(c.totp_last_step, Some(6));
    // A new password keeps the second factor.
    store
        .set_password(k.id.clone(), "$argon2id$other".into(), now)
        .await
        .unwrap();
    assert!(creds().await.totp_confirmed);
    // A reset (lost phone) clears it.
    store
        .set_totp_secret(k.id.clone(), None, now)
        .await
        .unwrap();
    let c = creds().await;
    assert_eq!(
        (c.totp_secret, c.totp_confirmed, c.totp_last_step),
        (None, false, None)
    );
    assert!(!store.use_totp_step(k.id.clone(), 9).await.unwrap());

    // Recovery codes: each once; a new set replaces the old.
    store
        .replace_recovery_codes(k.id.clone(), vec!["h1".into(), "h2".into()])
        .await
        .unwrap();
    assert!(
        store
            .use_recovery_code(k.id.clone(), "h1".into(), now)
            .await
            .unwrap()
    );
    assert!(
        !store
            .use_recovery_code(k.id.clone(), "h1".into(), now)
            .await
            .unwrap()
    );
    store
        .replace_recovery_codes(k.id.clone(), vec!["h3".into()])
        .await
        .unwrap();
    assert!(
        !store
            .use_recovery_code(k.id.clone(), "h2".into(), now)
            .await
            .unwrap()
    );
    assert!(
        store
            .use_recovery_code(k.id.clone(), "h3".into(), now)
            .await
            .unwrap()
    );

    // Sessions.
    store
        .create_session(
            "s1".into(),
            k.id.clone(),
            SessionStage::SecondFactor,
            "csrf-1".into(),
            now,
        )
        .await
        .unwrap();
    let s = store.session("s1".into()).await.unwrap().unwrap();
    assert_eq!(s.clinician.id, k.id);
    assert_eq!(s.stage, SessionStage::SecondFactor);
    assert_eq!(s.csrf_token, "csrf-1");
    let later = now + Duration::minutes(3);
    store
        .touch_session("s1".into(), SessionStage::SignedIn, later)
        .await
        .unwrap();
    let s = store.session("s1".into()).await.unwrap().unwrap();
    assert_eq!(s.stage, SessionStage::SignedIn);
    assert_eq!(
        s.times.last_seen_at.timestamp_millis(),
        later.timestamp_millis()
    );
    assert_eq!(
        s.times.signed_in_at.timestamp_millis(),
        now.timestamp_millis()
    );
    store.end_session("s1".into()).await.unwrap();
    assert!(store.session("s1".into()).await.unwrap().is_none());
    for t in ["s2", "s3"] {
        store
            .create_session(
                t.into(),
                k.id.clone(),
                SessionStage::SignedIn,
                "c".into(),
                now,
            )
            .await
            .unwrap();
    }
    assert_eq!(store.end_sessions_of(k.id.clone()).await.unwrap(), 2);
    assert!(store.session("s2".into()).await.unwrap().is_none());

    // Reply drafts.
    let patient = store
        .create_patient(
            painschool_server::model::NewPatient {
                unit_id: unit.id.clone(),
                clinician_id: Some(k.id.clone()),
                name: "Testpatient Ett".into(),
                personal_number: None,
                enrolment: painschool_core::course::Enrolment::weekly(
                    now,
                    chrono_tz::Europe::Stockholm,
                ),
            },
            now,
        )
        .await
        .unwrap();
    let draft = |t: &str| store.reply_draft(k.id.clone(), patient.clone(), t.into());
    assert_eq!(draft("clinician").await.unwrap(), None);
    for body in ["Hej, jag", "Hej, jag återkommer i morgon."] {
        store
            .save_reply_draft(
                k.id.clone(),
                patient.clone(),
                "clinician".into(),
                body.into(),
                now,
            )
            .await
            .unwrap();
    }
    assert_eq!(
        draft("clinician").await.unwrap().as_deref(),
        Some("Hej, jag återkommer i morgon.")
    );
    assert_eq!(draft("team").await.unwrap(), None);
    store
        .drop_reply_draft(k.id.clone(), patient.clone(), "clinician".into())
        .await
        .unwrap();
    assert_eq!(draft("clinician").await.unwrap(), None);
}
