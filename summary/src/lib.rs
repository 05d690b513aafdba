//! The patient's printable summary (issue 9): everything they wrote in the
//! course, in one document they can keep after access ends.
//!
//! Pure: no I/O, no clock, no storage. The phone's core and the clinic
//! server each turn their own records into a [`Summary`] (plain, already
//! localized text) and render it here, so both give the same document.
//!
//! - [`model`]: what a summary holds, in print order.
//! - [`texts`]: the document's own words, in Swedish and English.
//! - [`html`]: the HTML rendering (the share sheet, the portal).
//! - [`pdf`]: the print-ready PDF (A4, embedded font).

pub mod html;
pub mod model;
pub mod pdf;
pub mod texts;

pub use html::{Frame, to_html, to_html_framed};
pub use model::{
    Answer, CheckIn, DiaryRow, Lang, ModuleBlock, Period, PracticeWeek, QuestionBlock, Summary,
};
pub use pdf::{PdfError, to_pdf};
