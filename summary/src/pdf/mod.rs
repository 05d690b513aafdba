//! The summary as a print-ready PDF: A4 with 20 mm margins, Noto Sans
//! embedded (subset, OFL), made offline in memory.
//!
//! - [`fonts`]: the embedded faces and their widths.
//! - [`wrap`]: line breaking that never cuts a word off at the margin.
//! - [`layout`]: pages filled with drawing operations (pure).
//! - [`table`], [`chart`]: tables that break across pages, the two charts.
//! - [`compose`]: what goes where.
//! - [`render`]: the operations drawn with krilla.

mod chart;
mod compose;
mod fonts;
mod layout;
mod render;
mod table;
mod wrap;

use crate::model::Summary;

/// Why a PDF could not be made. Never holds anything the patient wrote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PdfError {
    /// An embedded font did not load.
    Font,
    /// The PDF writer refused; the part it refused.
    Render(&'static str),
}

impl std::fmt::Display for PdfError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            PdfError::Font => write!(f, "the summary's font did not load"),
            PdfError::Render(what) => write!(f, "the summary's PDF could not be written ({what})"),
        }
    }
}

impl std::error::Error for PdfError {}

/// The summary as a PDF file's bytes.
pub fn to_pdf(s: &Summary) -> Result<Vec<u8>, PdfError> {
    let pages = compose::compose(s);
    render::render(&pages, s)
}

/// How many A4 pages the summary fills.
pub fn page_count(s: &Summary) -> usize {
    compose::compose(s).len()
}
