//! The store under bad conditions: wrong or missing key, full disk,
//! truncated file; and the pragmas of every connection.

use std::fs;

use painschool_core::Error;
use painschool_core::answers::AnswerValue;
use painschool_core::facade::EntryRef;
use painschool_core::keys::{DatabaseKey, KeyError, KeyProvider, MemoryKeyProvider};

use crate::common::{Fixture, bundle_dir};

#[test]
fn every_connection_is_wal_with_full_sync_and_memory_temp_store() {
    let f = Fixture::new();
    let s = f.enrolled();
    let settings = s.connection_settings().unwrap();
    assert!(!settings.is_empty());
    for c in settings {
        assert_eq!(c.journal_mode, "wal");
        assert_eq!(c.synchronous, 2, "FULL");
        assert_eq!(c.temp_store, 2, "MEMORY");
        assert!(c.foreign_keys);
        assert!(!c.cipher_version.is_empty(), "SQLCipher is linked");
    }
}

#[test]
fn a_new_database_gets_a_fresh_key_stored_in_the_provider_not_on_disk() {
    let f = Fixture::new();
    let keys = MemoryKeyProvider::new(None);
    let s = painschool_core::PainSchool::open(f.dir.path(), &bundle_dir(), &keys, f.clock.clone())
        .unwrap();
    drop(s);
    let key = keys.get().unwrap().expect("a key was stored");
    let hex_key = hex::encode(key.as_bytes());
    for e in fs::read_dir(f.dir.path()).unwrap() {
        let bytes = fs::read(e.unwrap().path()).unwrap();
        assert!(!bytes.windows(32).any(|w| w == key.as_bytes()));
        assert!(!String::from_utf8_lossy(&bytes).contains(&hex_key));
    }
}

#[test]
fn a_wrong_key_is_a_typed_error_and_changes_nothing() {
    let f = Fixture::new();
    let s = f.enrolled();
    s.submit_answer(
        "m1-reflection-learned",
        &EntryRef::Current,
        &AnswerValue::Text("kept".into()),
    )
    .unwrap();
    drop(s);
    let before = fs::read(f.db_path()).unwrap();
    let wrong = MemoryKeyProvider::new(Some(DatabaseKey::from_bytes([1; 32])));
    let err =
        painschool_core::PainSchool::open(f.dir.path(), &bundle_dir(), &wrong, f.clock.clone())
            .unwrap_err();
    assert!(matches!(err, Error::WrongKey), "{err:?}");
    assert_eq!(fs::read(f.db_path()).unwrap(), before);
    let s = f.open().unwrap();
    assert_eq!(
        s.answer_history("m1-reflection-learned", &EntryRef::Current)
            .unwrap()
            .len(),
        1
    );
}

struct LockedKeychain;
impl KeyProvider for LockedKeychain {
    fn get(&self) -> Result<Option<DatabaseKey>, KeyError> {
        Err(KeyError::new("device locked"))
    }
    fn store(&self, _: &DatabaseKey) -> Result<(), KeyError> {
        Err(KeyError::new("device locked"))
    }
    fn delete(&self) -> Result<(), KeyError> {
        Ok(())
    }
}

#[test]
fn without_a_key_no_fresh_database_is_made_over_an_existing_one() {
    let f = Fixture::new();
    drop(f.enrolled());
    let before = fs::read(f.db_path()).unwrap();
    for keys in [
        &LockedKeychain as &dyn KeyProvider,
        &MemoryKeyProvider::new(None),
    ] {
        let err =
            painschool_core::PainSchool::open(f.dir.path(), &bundle_dir(), keys, f.clock.clone())
                .unwrap_err();
        assert!(matches!(err, Error::KeyUnavailable(_)), "{err:?}");
        assert_eq!(fs::read(f.db_path()).unwrap(), before);
    }
    assert!(
        f.open().unwrap().enrolment().is_ok(),
        "the data is still there with the key"
    );
}

#[test]
fn a_full_disk_is_a_typed_error_and_loses_nothing() {
    let f = Fixture::new();
    let s = f.enrolled();
    s.submit_answer(
        "m1-reflection-learned",
        &EntryRef::Current,
        &AnswerValue::Text("before".into()),
    )
    .unwrap();
    let pages: i64 = {
        let store = s.store_for_tests();
        let now = store
            .read(|c| Ok(c.query_row("PRAGMA page_count", [], |r| r.get::<_, i64>(0))?))
            .unwrap();
        store.set_max_page_count(now as u64).unwrap()
    };
    assert!(pages > 0);
    let big = "x".repeat(2500);
    let mut full = None;
    for _ in 0..200 {
        match s.submit_answer(
            "m1-pain-daily-life",
            &EntryRef::Current,
            &AnswerValue::Text(big.clone()),
        ) {
            Ok(_) => {}
            Err(e) => {
                full = Some(e);
                break;
            }
        }
    }
    assert!(matches!(full, Some(Error::StorageFull)), "{full:?}");
    let history = s
        .answer_history("m1-reflection-learned", &EntryRef::Current)
        .unwrap();
    assert_eq!(history.len(), 1, "earlier answers are intact");
    let saved = s
        .answer_history("m1-pain-daily-life", &EntryRef::Current)
        .unwrap()
        .len();
    let changes = s.store_for_tests().pending_changes(10_000).unwrap();
    assert_eq!(
        changes
            .iter()
            .filter(|c| c.entity == "answer_version")
            .count(),
        saved + 1,
        "no half-written answer"
    );
    s.store_for_tests().set_max_page_count(1 << 30).unwrap();
    s.submit_answer(
        "m1-pain-daily-life",
        &EntryRef::Current,
        &AnswerValue::Text("after".into()),
    )
    .unwrap();
}

#[test]
fn a_truncated_database_is_moved_aside_never_deleted() {
    let f = Fixture::new();
    let s = f.enrolled();
    for i in 0..50 {
        s.submit_answer(
            "m1-pain-daily-life",
            &EntryRef::Current,
            &AnswerValue::Text(format!("{i} {}", "y".repeat(900))),
        )
        .unwrap();
    }
    drop(s);
    let original = fs::read(f.db_path()).unwrap();
    assert!(original.len() > 8 * 4096);
    for cut in [original.len() / 2, original.len() / 2 + 100, 100] {
        fs::write(f.db_path(), &original[..cut]).unwrap();
        let err = f.open().unwrap_err();
        let Error::DatabaseCorrupt {
            moved_to: Some(moved),
        } = &err
        else {
            panic!("cut {cut}: {err:?}")
        };
        assert!(err.to_string().contains("restore from the clinic"));
        assert_eq!(
            fs::read(moved).unwrap(),
            &original[..cut],
            "the damaged file is kept as it was"
        );
        assert!(!f.db_path().exists());
        // The next open starts a fresh database for sync to restore into.
        let s = f.open().unwrap();
        assert!(matches!(s.enrolment(), Err(Error::NotEnrolled)));
        drop(s);
    }
    let kept = fs::read_dir(f.dir.path())
        .unwrap()
        .filter(|e| {
            e.as_ref()
                .unwrap()
                .file_name()
                .to_string_lossy()
                .contains(".corrupt-")
        })
        .count();
    assert!(kept >= 3);
}

#[test]
fn a_database_from_a_newer_app_is_a_typed_error_and_changes_nothing() {
    let f = Fixture::new();
    let s = f.enrolled();
    s.submit_answer(
        "m1-reflection-learned",
        &EntryRef::Current,
        &AnswerValue::Text("kept".into()),
    )
    .unwrap();
    s.store_for_tests()
        .read(|c| Ok(c.execute_batch("PRAGMA user_version = 99")?))
        .unwrap();
    drop(s);
    match f.open() {
        Err(Error::DatabaseTooNew { found, supported }) => {
            assert_eq!(found, 99);
            assert_eq!(supported, painschool_core::store::schema::VERSION);
        }
        other => panic!("expected DatabaseTooNew, got {other:?}"),
    }
    assert!(f.db_path().exists(), "the file is left in place");
    // Back at the known version, the answer is still there.
    let c = rusqlite::Connection::open(f.db_path()).unwrap();
    c.execute_batch(&format!(
        "PRAGMA key = \"x'{}'\"; PRAGMA user_version = {};",
        hex::encode(crate::common::key().as_bytes()),
        painschool_core::store::schema::VERSION
    ))
    .unwrap();
    drop(c);
    let s = f.open().unwrap();
    let h = s
        .answer_history("m1-reflection-learned", &EntryRef::Current)
        .unwrap();
    assert_eq!(h.len(), 1);
}
