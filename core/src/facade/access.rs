//! The end of access on the facade: the access status for the app's
//! access-ending and access-ended screens, the lock on course content, and
//! wiping this device's data once the server has confirmed the end and
//! nothing waits to be sent (rules in [`crate::course::ending`]).

use super::PainSchool;
use crate::course::ending::{EndFacts, access_status, effective_access};
use crate::course::{Access, AccessStatus, Enrolment};
use crate::error::{Error, Result};
use crate::keys::KeyProvider;
use crate::store::Store;

impl PainSchool {
    /// The facts of the end of access now.
    pub(crate) fn end_facts(&self, store: &mut Store) -> Result<EndFacts> {
        let now = self.effective_now(store)?;
        Ok(EndFacts {
            now: crate::clock::end_now(now, store.clock_marks().1),
            refused_at: store.access_refused_at()?,
            unsent: store.outbox_len()?,
        })
    }

    /// Refuses with [`Error::AccessEnded`] once access has ended: course
    /// content and answers are locked.
    pub(crate) fn ensure_access(&self, store: &mut Store, enrolment: &Enrolment) -> Result<()> {
        let facts = self.end_facts(store)?;
        match effective_access(enrolment, &facts) {
            Access::Ended {
                ended_at,
                grace_until,
            } => Err(Error::AccessEnded {
                ended_at,
                grace_until,
            }),
            _ => Ok(()),
        }
    }

    /// Where the end of access stands: for the access-ending and
    /// access-ended screens (the summary offer, what is still unsent).
    pub fn access_status(&self) -> Result<AccessStatus> {
        let mut store = self.store();
        let enrolment = store.enrolment().cloned().ok_or(Error::NotEnrolled)?;
        let facts = self.end_facts(&mut store)?;
        Ok(access_status(&enrolment, &facts))
    }

    /// Wipes the patient's data from this device when it is due: the server
    /// has refused the token because access ended and the outbox is empty.
    /// Deletes every row, the database files and the key (through `keys`);
    /// afterwards this object holds an empty database in memory and the app
    /// should show activation. Returns whether it wiped.
    pub fn wipe_if_due(&self, keys: &dyn KeyProvider) -> Result<bool> {
        let mut store = self.store();
        let Some(enrolment) = store.enrolment().cloned() else {
            return Ok(false);
        };
        let facts = self.end_facts(&mut store)?;
        if !access_status(&enrolment, &facts).wipe_due {
            return Ok(false);
        }
        store.wipe()?;
        keys.delete().map_err(|e| Error::KeyUnavailable(e.0))?;
        drop(store);
        tracing::info!("access ended and confirmed; the patient's data was wiped from this device");
        self.changed();
        Ok(true)
    }
}
