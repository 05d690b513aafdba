//! Messages with the clinic, as pure rules and types: the two threads, a
//! message's status, the text limits, and the compose view (the unit's
//! stated reply time and the safety line). No SQL, no HTTP: the store keeps
//! messages, the sync engine moves them.

mod compose;
mod model;

pub use compose::{Compose, compose, safety_line};
pub use model::{
    Author, InvalidText, MAX_DRAFT_CHARS, MAX_MESSAGE_CHARS, Message, MessageStatus, Thread,
    UnitInfo, Visit, VisitKind, check_text,
};
