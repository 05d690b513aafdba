//! Shared helpers: the real bundle, a temp data dir, a fixed clock.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use chrono::{DateTime, NaiveDateTime, Utc};
use chrono_tz::Europe::Stockholm;
use painschool_core::PainSchool;
use painschool_core::clock::FixedClock;
use painschool_core::course::Enrolment;
use painschool_core::keys::{DatabaseKey, MemoryKeyProvider};

pub fn bundle_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../content")
}

pub fn utc(s: &str) -> DateTime<Utc> {
    NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M")
        .unwrap()
        .and_utc()
}

pub fn key() -> DatabaseKey {
    DatabaseKey::from_bytes([42; 32])
}

pub struct Fixture {
    pub dir: tempfile::TempDir,
    pub keys: MemoryKeyProvider,
    pub clock: Arc<FixedClock>,
}

impl Fixture {
    pub fn new() -> Self {
        Fixture {
            dir: tempfile::tempdir().unwrap(),
            keys: MemoryKeyProvider::new(Some(key())),
            clock: Arc::new(FixedClock::new(utc("2026-11-03 09:00"))),
        }
    }

    pub fn open(&self) -> painschool_core::Result<PainSchool> {
        PainSchool::open(
            self.dir.path(),
            &bundle_dir(),
            &self.keys,
            self.clock.clone(),
        )
    }

    /// Opens and enrols weekly from Monday 2026-11-02 08:00 UTC.
    pub fn enrolled(&self) -> PainSchool {
        let s = self.open().unwrap();
        s.enrol(&Enrolment::weekly(utc("2026-11-02 08:00"), Stockholm))
            .unwrap();
        s
    }

    pub fn db_path(&self) -> PathBuf {
        self.dir.path().join(painschool_core::store::DB_FILE)
    }
}
