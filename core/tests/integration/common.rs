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

/// A valid answer to `q`, whatever its type.
pub fn any_answer(q: &painschool_core::content::Question) -> painschool_core::answers::AnswerValue {
    use painschool_core::answers::{AnswerValue as A, FieldValue as F};
    use painschool_core::content::{FieldKind, QuestionKind as K};
    match &q.kind {
        K::FreeText { .. } => A::Text("Ett svar".into()),
        K::Scale { min, .. } => A::Scale(*min),
        K::SingleChoice { options } => A::Choice(options[0].id.clone()),
        K::MultipleChoice { options } | K::Checklist { options } => {
            A::Choices(vec![options[0].id.clone()])
        }
        K::Diary { fields } => A::Diary(
            fields
                .iter()
                .map(|f| {
                    let v = match &f.kind {
                        FieldKind::Date => F::Date("2026-11-10".parse().unwrap()),
                        FieldKind::Text => F::Text("en rad".into()),
                        FieldKind::Number { min, .. } => F::Number(*min),
                        FieldKind::Scale { min, .. } => F::Number(*min),
                    };
                    (f.id.clone(), v)
                })
                .collect(),
        ),
    }
}

/// Does everything module `id` asks: opens each section, marks exercises
/// done, answers every required question.
pub fn complete_module(s: &PainSchool, id: &str) {
    use painschool_core::facade::EntryRef;
    let module = s.bundle().module(id).unwrap().clone();
    for section in &module.sections {
        s.open_section(&section.id).unwrap();
        if section.kind.is_exercise() {
            s.mark_exercise_done(&section.id).unwrap();
        }
        for q in section.kind.questions().iter().filter(|q| q.required) {
            s.submit_answer(&q.id, &EntryRef::Current, &any_answer(q))
                .unwrap();
        }
    }
}
