//! The printable summary on the phone (issue 9): made offline from the
//! answers and practice on this device, as PDF for printing and keeping or
//! as HTML for the share sheet; and when the app offers it.

use std::path::{Path, PathBuf};

use super::PainSchool;
use crate::answers::AnswerValue;
use crate::course::localtime::local_date;
use crate::error::{Error, Result};
use crate::summary::{AnswerFact, SummaryFacts, SummaryOffer, build, offer};

impl PainSchool {
    /// The summary's document model now: the display name only if the
    /// patient gave one, the course period, the module 8 plans first, every
    /// module's questions with the latest answers, the check-in and the
    /// practice. Works offline, also after access has ended.
    pub fn summary(&self) -> Result<painschool_summary::Summary> {
        let mut store = self.store();
        let enrolment = store.enrolment().cloned().ok_or(Error::NotEnrolled)?;
        let now = self.effective_now(&mut store)?;
        let prefs_lang = super::preferences::language(&store)?;
        let display_name = store.preference("display_name")?;
        let tz = enrolment.time_zone;
        let answers = store
            .all_current_answers()?
            .into_iter()
            .filter_map(|v| {
                // A version this build cannot read is left out, not fatal.
                let value = serde_json::from_str::<AnswerValue>(&v.value_json).ok()?;
                Some(AnswerFact {
                    question_id: v.question_id,
                    entry_id: v.entry_id,
                    value,
                    hlc: v.hlc,
                    submitted_on: local_date(tz, v.submitted_at),
                })
            })
            .collect();
        let practice = store.practice_sessions(None)?;
        drop(store);
        let facts = SummaryFacts {
            lang: prefs_lang,
            display_name,
            start: local_date(tz, enrolment.start),
            end: local_date(tz, enrolment.access_ends_at()),
            made_on: local_date(tz, now),
            answers,
            practice,
            time_zone: tz,
        };
        Ok(build(&self.bundle, &facts))
    }

    /// The summary as a PDF (A4, print-ready).
    pub fn summary_pdf(&self) -> Result<Vec<u8>> {
        painschool_summary::to_pdf(&self.summary()?)
            .map_err(|e| Error::Storage(format!("summary: {e}")))
    }

    /// The summary as one self-contained HTML page.
    pub fn summary_html(&self) -> Result<String> {
        Ok(painschool_summary::to_html(&self.summary()?))
    }

    /// Writes the summary to `path` (PDF or HTML), all or nothing: a full
    /// disk leaves no half-written file.
    pub fn write_summary(&self, path: &Path, pdf: bool) -> Result<PathBuf> {
        let bytes = if pdf {
            self.summary_pdf()?
        } else {
            self.summary_html()?.into_bytes()
        };
        let dir = path
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        let tmp = dir.join(format!(
            ".{}.part",
            path.file_name()
                .and_then(|n| n.to_str())
                .unwrap_or("summary")
        ));
        let written = std::fs::write(&tmp, &bytes).and_then(|()| std::fs::rename(&tmp, path));
        if let Err(e) = written {
            let _ = std::fs::remove_file(&tmp);
            return Err(e.into());
        }
        Ok(path.to_path_buf())
    }

    /// Whether the app should offer the summary now: from the day the last
    /// module opens, and through the 14 days after access ends.
    pub fn summary_offer(&self) -> Result<SummaryOffer> {
        let mut store = self.store();
        let state = self.state(&mut store)?;
        let facts = self.end_facts(&mut store)?;
        let access = crate::course::ending::effective_access(&state.enrolment, &facts);
        let last_open = state.cards.last().is_some_and(|c| c.lock.is_open());
        Ok(offer(last_open, &access, facts.now))
    }
}
