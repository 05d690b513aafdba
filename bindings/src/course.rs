//! `Course`: one patient's course on this device, the object the apps hold.
//! Every method that touches the database is `async` and runs on the
//! library's runtime; the cheap getters are plain calls.

use std::path::PathBuf;
use std::sync::Arc;

use painschool_core::PainSchool;
use painschool_core::facade::EntryRef;
use painschool_core::sync::{ApiTransport, SyncEngine};

use crate::answer_types::{AnswerValue, AnswerVersion, QuestionAnswers};
use crate::course_types::{Enrolment, ModuleCard, Preferences, SectionCard, SectionView, ThisWeek};
use crate::error::{CourseError, OpenError};
use crate::http::{HttpAdapter, HttpClient};
use crate::platform::{Clock, ClockAdapter, KeyProvider, KeysAdapter};
use crate::runtime::blocking;
#[cfg(feature = "test-exports")]
use crate::runtime::catching;
use crate::task_handle::TaskHandle;
use crate::this_week::{ThisWeekListener, subscribe};

/// The sync engine over the app's HTTP client.
pub(crate) type Engine = SyncEngine<ApiTransport<HttpAdapter>>;

/// Opens the course: the content bundle in `bundle_dir` and the encrypted
/// database in `data_dir`, with the key from `keys` (a new key is made and
/// stored on first use). Activation and sync go through `http`, the app's
/// own HTTP client (no request is made here).
#[uniffi::export]
pub async fn open_course(
    data_dir: String,
    bundle_dir: String,
    keys: Arc<dyn KeyProvider>,
    clock: Arc<dyn Clock>,
    http: Arc<dyn HttpClient>,
) -> Result<Arc<Course>, OpenError> {
    blocking(move || {
        let inner = Arc::new(PainSchool::open(
            &PathBuf::from(data_dir),
            &PathBuf::from(bundle_dir),
            &KeysAdapter(keys),
            Arc::new(ClockAdapter(clock)),
        )?);
        let transport = ApiTransport::new(HttpAdapter::new(http));
        let sync = SyncEngine::new(inner.clone(), transport)?;
        Ok(Arc::new(Course {
            inner,
            sync: Arc::new(sync),
        }))
    })
    .await
}

/// One patient's course on this device.
#[derive(uniffi::Object)]
pub struct Course {
    pub(crate) inner: Arc<PainSchool>,
    /// The sync engine over the app's HTTP client (see `sync.rs`).
    pub(crate) sync: Arc<Engine>,
}

impl std::fmt::Debug for Course {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Course").finish_non_exhaustive()
    }
}

fn entry(entry_id: Option<String>) -> EntryRef {
    entry_id.map_or(EntryRef::Current, EntryRef::Existing)
}

impl Course {
    /// Runs `f` with the core on the blocking pool.
    pub(crate) async fn run<T: Send + 'static>(
        &self,
        f: impl FnOnce(&PainSchool) -> Result<T, CourseError> + Send + 'static,
    ) -> Result<T, CourseError> {
        let inner = self.inner.clone();
        blocking(move || f(&inner)).await
    }
}

#[uniffi::export]
impl Course {
    /// The content bundle's version (no I/O).
    pub fn content_version(&self) -> String {
        self.inner.bundle().version.clone()
    }

    /// The start screen state.
    pub async fn this_week(&self) -> Result<ThisWeek, CourseError> {
        self.run(|c| Ok(c.this_week()?.into())).await
    }

    /// Calls `listener` with the start screen state now, and again whenever
    /// it changes (a write, a module opening by schedule), until the handle
    /// is cancelled or dropped.
    pub fn subscribe_this_week(&self, listener: Arc<dyn ThisWeekListener>) -> Arc<TaskHandle> {
        subscribe(self.inner.clone(), listener)
    }

    /// Every module with its lock state and progress.
    pub async fn modules(&self) -> Result<Vec<ModuleCard>, CourseError> {
        self.run(|c| Ok(c.modules()?.into_iter().map(Into::into).collect()))
            .await
    }

    /// The sections of an open module in course order (records nothing).
    pub async fn module_sections(
        &self,
        module_id: String,
    ) -> Result<Vec<SectionCard>, CourseError> {
        self.run(move |c| {
            Ok(c.module_sections(&module_id)?
                .into_iter()
                .map(Into::into)
                .collect())
        })
        .await
    }

    /// Opens a section (records it as read) and returns what to show.
    pub async fn open_section(&self, section_id: String) -> Result<SectionView, CourseError> {
        self.run(move |c| Ok(c.open_section(&section_id)?.into()))
            .await
    }

    /// Marks an audio, video or mindfulness section as done.
    pub async fn mark_exercise_done(&self, section_id: String) -> Result<(), CourseError> {
        self.run(move |c| Ok(c.mark_exercise_done(&section_id)?))
            .await
    }

    /// Saves a draft (autosave). Drafts never leave this device. `entry_id`
    /// names an existing diary or check-in entry; `None` is the question's
    /// answer or a new entry.
    pub async fn save_draft(
        &self,
        question_id: String,
        entry_id: Option<String>,
        value: AnswerValue,
    ) -> Result<(), CourseError> {
        self.run(move |c| {
            let value = value.try_into()?;
            Ok(c.save_draft(&question_id, &entry(entry_id), &value)?)
        })
        .await
    }

    /// The draft of a question or entry, if any.
    pub async fn draft(
        &self,
        question_id: String,
        entry_id: Option<String>,
    ) -> Result<Option<AnswerValue>, CourseError> {
        self.run(move |c| Ok(c.draft(&question_id, &entry(entry_id))?.map(Into::into)))
            .await
    }

    /// Submits an answer: validated, stored as a new version and queued for
    /// the clinic.
    pub async fn submit_answer(
        &self,
        question_id: String,
        entry_id: Option<String>,
        value: AnswerValue,
    ) -> Result<AnswerVersion, CourseError> {
        self.run(move |c| {
            let value = value.try_into()?;
            Ok(c.submit_answer(&question_id, &entry(entry_id), &value)?
                .into())
        })
        .await
    }

    /// Every question of a module with its current answers.
    pub async fn module_answers(
        &self,
        module_id: String,
    ) -> Result<Vec<QuestionAnswers>, CourseError> {
        self.run(move |c| {
            Ok(c.module_answers(&module_id)?
                .into_iter()
                .map(Into::into)
                .collect())
        })
        .await
    }

    /// Every submitted version of one answer, oldest first.
    pub async fn answer_history(
        &self,
        question_id: String,
        entry_id: Option<String>,
    ) -> Result<Vec<AnswerVersion>, CourseError> {
        self.run(move |c| {
            Ok(c.answer_history(&question_id, &entry(entry_id))?
                .into_iter()
                .map(Into::into)
                .collect())
        })
        .await
    }

    /// The patient's preferences.
    pub async fn preferences(&self) -> Result<Preferences, CourseError> {
        self.run(|c| Ok(c.preferences()?.into())).await
    }

    /// Saves the patient's preferences (all or nothing).
    pub async fn set_preferences(&self, preferences: Preferences) -> Result<(), CourseError> {
        self.run(move |c| Ok(c.set_preferences(&preferences.into())?))
            .await
    }

    /// The stored enrolment.
    pub async fn enrolment(&self) -> Result<Enrolment, CourseError> {
        self.run(|c| Ok(c.enrolment()?.into())).await
    }

    /// Stores an enrolment locally. The clinic sets it through sync; this is
    /// for the demo and tests.
    pub async fn enrol(&self, enrolment: Enrolment) -> Result<(), CourseError> {
        self.run(move |c| Ok(c.enrol(&enrolment.try_into()?)?))
            .await
    }
}

/// Exports used only by the binding tests; not in app builds.
#[cfg(feature = "test-exports")]
#[uniffi::export]
impl Course {
    /// Panics while holding the database lock, to prove that the panic comes
    /// back as `CourseError.Internal` and the next call still works.
    pub fn test_panic_holding_lock(&self) -> Result<(), CourseError> {
        catching(|| {
            let _guard = self.inner.store_for_tests();
            panic!("test panic across the FFI boundary");
        })
    }
}
