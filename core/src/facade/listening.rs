//! Listening on the facade: what the player needs from the course (is the
//! exercise's module open; the saved position; saving the position and the
//! practice log) and the patient's own view of their practice.

use super::PainSchool;
use crate::course::ModuleLock;
use crate::error::{Error, Result};
use crate::practice::{PracticeSession, PracticeTotals, minutes_on, totals};

impl PainSchool {
    /// Checks that `section_id` exists, its module is open and access has
    /// not ended.
    pub fn check_section_open(&self, section_id: &str) -> Result<()> {
        let (module, _) = self
            .bundle
            .section(section_id)
            .ok_or_else(|| Error::UnknownSection(section_id.to_owned()))?;
        let mut store = self.store();
        let state = self.state(&mut store)?;
        self.ensure_access(&mut store, &state.enrolment)?;
        match state
            .cards
            .iter()
            .find(|c| c.id == module.id)
            .map(|c| &c.lock)
        {
            Some(ModuleLock::Open) => Ok(()),
            Some(ModuleLock::Locked { opens_at }) => Err(Error::ModuleLocked {
                module_id: module.id.clone(),
                opens_at: *opens_at,
            }),
            None => Err(Error::UnknownModule(module.id.clone())),
        }
    }

    /// The saved position in a track (`section_id.lang`).
    pub fn audio_position(&self, track: &str) -> Result<Option<u64>> {
        self.store().audio_position(track)
    }

    /// Saves positions and practice sessions (the player calls it).
    pub fn save_listening(
        &self,
        positions: &[(String, u64)],
        sessions: &[PracticeSession],
    ) -> Result<()> {
        self.store()
            .save_listening(positions, sessions, self.clock.now())?;
        if !sessions.is_empty() {
            self.changed();
        }
        Ok(())
    }

    /// Minutes practised today (local), on all the patient's devices.
    pub fn practice_minutes_today(&self) -> Result<u32> {
        let mut store = self.store();
        let tz = store
            .enrolment()
            .map(|e| e.time_zone)
            .ok_or(Error::NotEnrolled)?;
        let now = self.effective_now(&mut store)?;
        let today = now.with_timezone(&tz).date_naive();
        let since = now - chrono::Duration::days(2);
        Ok(minutes_on(
            &store.practice_sessions(Some(since))?,
            tz,
            today,
        ))
    }

    /// Practice per week and per exercise.
    pub fn practice_totals(&self) -> Result<PracticeTotals> {
        let store = self.store();
        let tz = store
            .enrolment()
            .map(|e| e.time_zone)
            .ok_or(Error::NotEnrolled)?;
        Ok(totals(&store.practice_sessions(None)?, tz))
    }
}
