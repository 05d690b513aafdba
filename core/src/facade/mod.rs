//! `PainSchool`: the one object an app opens at launch. It joins the course
//! bundle, the pure course rules and the encrypted store; the bindings and
//! the cli wrap it.

mod access;
mod answers;
mod listening;
mod messages;
mod preferences;
mod reminders;
mod summary;
mod views;

use std::collections::BTreeSet;
use std::path::Path;
use std::sync::{Arc, Mutex, MutexGuard};

use chrono::{DateTime, Duration, Utc};

use crate::clock::{Clock, effective_now};
use crate::content::{ContentBundle, Lang, Verify};
use crate::course::week::{module_cards, this_week};
use crate::course::{Enrolment, ModuleCard, ProgressFacts, ThisWeek};
use crate::error::{Error, Result};
use crate::keys::KeyProvider;
use crate::store::{ConnectionSettings, ProgressKind, Store};

pub use crate::messages::{
    Author, Compose, Message, MessageStatus, Thread, UnitInfo, Visit, VisitKind,
};
pub use answers::{AnswerVersion, EntryRef, QuestionAnswers};
pub use preferences::{Preferences, TextSize};
pub use views::{MediaRef, QuestionView, SectionCard, SectionView};

/// The high-water mark is saved when the effective now has moved this far
/// past it: at most one write an hour for reads, and cheating by setting the
/// clock back gains at most this much.
const HIGH_WATER_STEP: Duration = Duration::hours(1);

/// The patient's course on this device.
pub struct PainSchool {
    store: Mutex<Store>,
    bundle: Arc<ContentBundle>,
    clock: Arc<dyn Clock>,
    /// Raised after every write, so views can be recomputed.
    revision: tokio::sync::watch::Sender<u64>,
}

impl std::fmt::Debug for PainSchool {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PainSchool")
            .field("bundle", &self.bundle.version)
            .finish_non_exhaustive()
    }
}

/// The course state at one effective now, as the rules see it.
pub(crate) struct State {
    pub(crate) enrolment: Enrolment,
    pub(crate) now: DateTime<Utc>,
    pub(crate) lang: Lang,
    pub(crate) cards: Vec<ModuleCard>,
}

impl PainSchool {
    /// Opens the course: loads the bundle in `bundle_dir` (structure, ids,
    /// translations and that every file exists; media hashes are checked by
    /// `painschool content check` when the bundle is built) and the database
    /// in `data_dir` with the key from `keys`.
    pub fn open(
        data_dir: &Path,
        bundle_dir: &Path,
        keys: &dyn KeyProvider,
        clock: Arc<dyn Clock>,
    ) -> Result<Self> {
        let bundle = Arc::new(ContentBundle::load(bundle_dir, Verify::Structure)?);
        Self::open_with_bundle(data_dir, bundle, keys, clock)
    }

    /// Opens the course with a bundle already loaded.
    pub fn open_with_bundle(
        data_dir: &Path,
        bundle: Arc<ContentBundle>,
        keys: &dyn KeyProvider,
        clock: Arc<dyn Clock>,
    ) -> Result<Self> {
        let store = Store::open(data_dir, keys)?;
        Ok(PainSchool {
            store: Mutex::new(store),
            bundle,
            clock,
            revision: tokio::sync::watch::Sender::new(0),
        })
    }

    /// A receiver that sees a new revision number after every write through
    /// this object (answers, drafts, progress, preferences, enrolment), for
    /// views that recompute when the data changes.
    pub fn changes(&self) -> tokio::sync::watch::Receiver<u64> {
        self.revision.subscribe()
    }

    /// Marks that the data changed: called after each successful write.
    pub(crate) fn changed(&self) {
        self.revision.send_modify(|r| *r += 1);
    }

    /// The clock this course reads.
    pub fn clock(&self) -> &Arc<dyn Clock> {
        &self.clock
    }

    /// The course bundle.
    pub fn bundle(&self) -> &ContentBundle {
        &self.bundle
    }

    pub(crate) fn store(&self) -> MutexGuard<'_, Store> {
        // A panic while holding the lock cannot leave the database half
        // written (transactions roll back), so a poisoned lock is usable.
        self.store.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// The store, for tests and diagnostics.
    #[doc(hidden)]
    pub fn store_for_tests(&self) -> MutexGuard<'_, Store> {
        self.store()
    }

    /// The settings of every database connection the core holds.
    pub fn connection_settings(&self) -> Result<Vec<ConnectionSettings>> {
        self.store().connection_settings()
    }

    /// Stores the enrolment. The clinic sets it through sync; the cli's demo
    /// sets it locally.
    pub fn enrol(&self, enrolment: &Enrolment) -> Result<()> {
        self.store().set_enrolment(enrolment, self.clock.now())?;
        self.changed();
        Ok(())
    }

    /// The stored enrolment.
    pub fn enrolment(&self) -> Result<Enrolment> {
        self.store().enrolment().cloned().ok_or(Error::NotEnrolled)
    }

    /// The effective now (see [`effective_now`]), saving the high-water mark
    /// when it has moved on.
    pub fn now(&self) -> Result<DateTime<Utc>> {
        let mut store = self.store();
        self.effective_now(&mut store)
    }

    fn effective_now(&self, store: &mut Store) -> Result<DateTime<Utc>> {
        let (high_water, server) = store.clock_marks();
        let now = effective_now(self.clock.now(), server, high_water);
        if high_water.is_none_or(|hw| now - hw >= HIGH_WATER_STEP) {
            store.raise_high_water(now)?;
        }
        Ok(now)
    }

    /// Computes the course state and records what newly became open or
    /// finished, so a module never locks again.
    pub(crate) fn state(&self, store: &mut Store) -> Result<State> {
        let enrolment = store.enrolment().cloned().ok_or(Error::NotEnrolled)?;
        let now = self.effective_now(store)?;
        let lang = preferences::language(store)?;
        let (facts, ever_open, finished) = store.progress_facts()?;
        let cards = module_cards(&self.bundle, &enrolment, &facts, &ever_open, now, lang);
        let mut new: Vec<(ProgressKind, &str, &str)> = Vec::new();
        for c in &cards {
            if c.lock.is_open() && !ever_open.contains(&c.id) {
                new.push((ProgressKind::ModuleOpen, &c.id, &c.id));
            }
            if c.progress.finished && !finished.contains(&c.id) {
                new.push((ProgressKind::ModuleFinished, &c.id, &c.id));
            }
        }
        store.record_progress(&new, now)?;
        Ok(State {
            enrolment,
            now,
            lang,
            cards,
        })
    }

    /// Records `module` as finished if the progress stored now finishes it
    /// (checked only while it is not yet recorded).
    pub(crate) fn record_if_finished(
        &self,
        store: &mut Store,
        module: &crate::content::Module,
        now: DateTime<Utc>,
    ) -> Result<()> {
        if store.has_progress(ProgressKind::ModuleFinished, &module.id)? {
            return Ok(());
        }
        let (facts, _, _) = store.progress_facts()?;
        if crate::course::progress::module_progress(module, &facts).finished {
            store.record_progress(
                &[(ProgressKind::ModuleFinished, &module.id, &module.id)],
                now,
            )?;
        }
        Ok(())
    }

    /// The start screen.
    pub fn this_week(&self) -> Result<ThisWeek> {
        let mut store = self.store();
        let state = self.state(&mut store)?;
        let check_in_due = self.check_in_due(&store, &state)?;
        let mut week = this_week(&state.enrolment, &state.cards, check_in_due, state.now);
        // The end of access as the access rules decide it (a clock set
        // ahead does not end it; the server's refusal does).
        let facts = self.end_facts(&mut store)?;
        week.access = crate::course::ending::effective_access(&state.enrolment, &facts);
        Ok(week)
    }

    /// Every module with its lock state and progress.
    pub fn modules(&self) -> Result<Vec<ModuleCard>> {
        let mut store = self.store();
        Ok(self.state(&mut store)?.cards)
    }

    /// Whether an open check-in has questions not answered this course week.
    fn check_in_due(&self, store: &Store, state: &State) -> Result<bool> {
        let week = crate::course::week::course_week(&state.enrolment, state.now);
        if week == 0 {
            return Ok(false);
        }
        let open: BTreeSet<&str> = state
            .cards
            .iter()
            .filter(|c| c.lock.is_open())
            .map(|c| c.id.as_str())
            .collect();
        let questions = self
            .bundle
            .modules
            .iter()
            .filter(|m| open.contains(m.id.as_str()))
            .flat_map(|m| &m.sections)
            .filter(|s| matches!(s.kind, crate::content::SectionKind::CheckIn(_)))
            .flat_map(|s| s.kind.questions());
        let entry = answers::check_in_entry(week);
        for q in questions {
            if !store.entry_exists(&q.id, &entry)? {
                return Ok(true);
            }
        }
        Ok(false)
    }

    /// The progress facts as stored (for views and tests).
    pub fn progress_facts(&self) -> Result<ProgressFacts> {
        Ok(self.store().progress_facts()?.0)
    }
}
