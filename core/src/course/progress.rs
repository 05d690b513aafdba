//! What the patient has done: which sections count as done, and when a
//! module is finished. Pure.

use std::collections::BTreeSet;

use serde::Serialize;

use crate::content::{Module, Section, SectionKind};

/// What the store knows the patient has done.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ProgressFacts {
    /// Sections the patient has opened.
    pub opened: BTreeSet<String>,
    /// Exercises (audio, video, mindfulness) marked done.
    pub exercises_done: BTreeSet<String>,
    /// Questions with at least one submitted answer.
    pub answered: BTreeSet<String>,
}

/// Progress through one module.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct ModuleProgress {
    /// Sections done.
    pub sections_done: u32,
    /// Sections in the module.
    pub sections_total: u32,
    /// Whether every section is done.
    pub finished: bool,
}

/// Whether a section is done: text and images once opened; exercises once
/// marked done; forms once every required question has an answer (a form
/// with no required question, once opened).
pub fn section_done(section: &Section, facts: &ProgressFacts) -> bool {
    match &section.kind {
        SectionKind::Text { .. } | SectionKind::Image { .. } => facts.opened.contains(&section.id),
        SectionKind::Audio { .. } | SectionKind::Video { .. } | SectionKind::Mindfulness { .. } => {
            facts.exercises_done.contains(&section.id)
        }
        SectionKind::Assignment(form)
        | SectionKind::Reflection(form)
        | SectionKind::CheckIn(form) => {
            let mut required = form.questions.iter().filter(|q| q.required).peekable();
            if required.peek().is_none() {
                facts.opened.contains(&section.id)
            } else {
                required.all(|q| facts.answered.contains(&q.id))
            }
        }
    }
}

/// Progress through `module`.
pub fn module_progress(module: &Module, facts: &ProgressFacts) -> ModuleProgress {
    let total = module.sections.len() as u32;
    let done = module
        .sections
        .iter()
        .filter(|s| section_done(s, facts))
        .count() as u32;
    ModuleProgress {
        sections_done: done,
        sections_total: total,
        finished: total > 0 && done == total,
    }
}
