//! The printable summary on `Course` (issue 9): everything the patient
//! wrote, made offline on this device, as PDF bytes or HTML for the apps'
//! print and share sheets, or written to a file; and whether the app should
//! put it forward now.

use std::path::PathBuf;
use std::time::SystemTime;

use painschool_core::summary as core_summary;

use crate::course::Course;
use crate::error::CourseError;

/// The summary's file format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum SummaryFormat {
    /// A print-ready PDF (A4, fonts embedded).
    Pdf,
    /// One self-contained HTML page (print CSS for A4, no external files).
    Html,
}

/// Why the app should offer the summary now.
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum SummaryOfferReason {
    /// The last module is open: the course's own close.
    LastModule,
    /// Access has ended: the last days to save it (until `until`).
    AccessEnded,
}

/// Whether the app should offer the summary now. It can be made at any time
/// while the data is on the phone; this is when the app puts it forward.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct SummaryOffer {
    /// Why it is offered; none: do not put it forward now.
    pub reason: Option<SummaryOfferReason>,
    /// Until when it can be saved (the end of the 14 days after access
    /// ends); set once access has ended.
    pub until: Option<SystemTime>,
}

impl From<core_summary::OfferReason> for SummaryOfferReason {
    fn from(r: core_summary::OfferReason) -> Self {
        match r {
            core_summary::OfferReason::LastModule => SummaryOfferReason::LastModule,
            core_summary::OfferReason::AccessEnded => SummaryOfferReason::AccessEnded,
        }
    }
}

impl From<core_summary::SummaryOffer> for SummaryOffer {
    fn from(o: core_summary::SummaryOffer) -> Self {
        SummaryOffer {
            reason: o.reason.map(Into::into),
            until: o.until.map(SystemTime::from),
        }
    }
}

#[uniffi::export]
impl Course {
    /// The summary as a print-ready PDF (A4), for the print and share
    /// sheets. Made offline from this device's answers and practice; works
    /// after access has ended too.
    pub async fn summary_pdf(&self) -> Result<Vec<u8>, CourseError> {
        self.run(|c| Ok(c.summary_pdf()?)).await
    }

    /// The summary as one self-contained HTML page (print CSS for A4);
    /// everything the patient wrote is escaped.
    pub async fn summary_html(&self) -> Result<String, CourseError> {
        self.run(|c| Ok(c.summary_html()?)).await
    }

    /// Writes the summary to `path` in `format`, all or nothing (a full
    /// disk leaves no half-written file), and returns the path written.
    pub async fn write_summary(
        &self,
        path: String,
        format: SummaryFormat,
    ) -> Result<String, CourseError> {
        self.run(move |c| {
            let written = c.write_summary(&PathBuf::from(path), format == SummaryFormat::Pdf)?;
            Ok(written.to_string_lossy().into_owned())
        })
        .await
    }

    /// Whether to offer the summary now: from the day the last module
    /// opens, and through the 14 days after access ends.
    pub async fn summary_offer(&self) -> Result<SummaryOffer, CourseError> {
        self.run(|c| Ok(c.summary_offer()?.into())).await
    }
}
