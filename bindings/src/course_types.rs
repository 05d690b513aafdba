//! The course's view models as the apps see them: the start screen, module
//! cards, sections and questions, preferences and enrolment. Plain records
//! converted from the core's types; local dates are ISO-8601 strings
//! (`2026-11-23`), instants are `SystemTime` (Kotlin `Instant`, Swift `Date`).

use std::collections::BTreeSet;
use std::time::SystemTime;

use chrono::{DateTime, Utc};
use painschool_core::content::Lang;
use painschool_core::course as core_course;
use painschool_core::facade as core_facade;

use crate::answer_types::{AnswerValue, AnswerVersion};
use crate::error::CourseError;

fn iso(d: chrono::NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

/// The start screen: everything one "this week" screen shows, in one call.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct ThisWeek {
    /// Today in the patient's time zone (ISO date).
    pub today: String,
    /// The course week (1 = the first seven days), 0 before the start.
    pub course_week: u32,
    /// Where access stands.
    pub access: Access,
    /// The module to work on now, if any.
    pub current: Option<ModuleCard>,
    /// The next module to open by schedule, if any.
    pub next_unlock: Option<NextUnlock>,
    /// Modules open.
    pub modules_open: u32,
    /// Modules finished.
    pub modules_finished: u32,
    /// Modules in the course.
    pub modules_total: u32,
    /// Whether this week's check-in is still to be filled in.
    pub check_in_due: bool,
}

/// Where the patient's access stands.
#[derive(Debug, Clone, PartialEq, uniffi::Enum)]
pub enum Access {
    /// The course has not started yet.
    NotStarted {
        /// When it starts.
        starts_at: SystemTime,
    },
    /// Access is open.
    Active {
        /// When it ends.
        ends_at: SystemTime,
        /// Whole local days left.
        days_left: i64,
        /// Whether the end is within 30 days.
        ending_soon: bool,
    },
    /// Access has ended; what was written can still be sent until `grace_until`.
    Ended {
        /// When it ended.
        ended_at: SystemTime,
        /// The end of the 14 days for sending and for the summary.
        grace_until: SystemTime,
    },
}

/// One module on the start screen or in the module list.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct ModuleCard {
    /// Stable module id.
    pub id: String,
    /// 1-based number.
    pub number: u32,
    /// Title in the patient's language.
    pub title: String,
    /// One-line summary in the patient's language.
    pub summary: String,
    /// Whether it can be read.
    pub lock: ModuleLock,
    /// Sections done.
    pub progress: ModuleProgress,
    /// The local date it opens by schedule, while locked (ISO date).
    pub opens_on: Option<String>,
}

/// Whether a module can be read.
#[derive(Debug, Clone, PartialEq, uniffi::Enum)]
pub enum ModuleLock {
    /// The module can be read.
    Open,
    /// Closed; `opens_at` is its scheduled time if it has one.
    Locked {
        /// When it opens by schedule (none under manual pace).
        opens_at: Option<SystemTime>,
    },
}

/// Progress through one module.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct ModuleProgress {
    /// Sections done (opened; exercises done; questions answered).
    pub sections_done: u32,
    /// Sections in the module.
    pub sections_total: u32,
    /// Whether the module is finished.
    pub finished: bool,
}

/// The next module to open by schedule.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct NextUnlock {
    /// The module.
    pub module_id: String,
    /// Its number.
    pub number: u32,
    /// When it opens.
    pub opens_at: SystemTime,
    /// The local date it opens (ISO date).
    pub opens_on: String,
}

/// One line of a module's contents, before a section is opened.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct SectionCard {
    /// The section.
    pub id: String,
    /// `text`, `image`, `audio`, `video`, `mindfulness`, `assignment`,
    /// `reflection` or `check_in`.
    pub kind: String,
    /// Title in the patient's language.
    pub title: String,
    /// Whether it counts as done (as in the module's progress).
    pub done: bool,
}

/// A section as the reader shows it.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct SectionView {
    /// The module.
    pub module_id: String,
    /// The section.
    pub section_id: String,
    /// `text`, `image`, `audio`, `video`, `mindfulness`, `assignment`,
    /// `reflection` or `check_in`.
    pub kind: String,
    /// Title in the patient's language.
    pub title: String,
    /// Body text (Markdown).
    pub body_markdown: Option<String>,
    /// Transcript of audio or video (Markdown).
    pub transcript_markdown: Option<String>,
    /// The image, audio or video file.
    pub media: Option<MediaRef>,
    /// Captions (WebVTT) of a video.
    pub captions: Option<MediaRef>,
    /// Alt text of an image.
    pub alt_text: Option<String>,
    /// Visible caption of an image.
    pub caption: Option<String>,
    /// Length of audio, video or an exercise, in seconds.
    pub duration_seconds: Option<u32>,
    /// The questions, with current answers and drafts.
    pub questions: Vec<QuestionView>,
}

/// A media file of the bundle.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct MediaRef {
    /// Absolute path of the file.
    pub path: String,
    /// Its expected SHA-256 (hex).
    pub sha256: String,
}

/// A question as the reader shows it.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct QuestionView {
    /// Stable question id.
    pub id: String,
    /// The question, in the patient's language.
    pub prompt: String,
    /// `free_text`, `scale`, `single_choice`, `multiple_choice`, `checklist`
    /// or `diary`.
    pub question_type: String,
    /// Whether the module needs an answer to be finished.
    pub required: bool,
    /// The range of a scale question.
    pub scale: Option<ScaleRange>,
    /// The options of a choice or checklist question.
    pub options: Vec<ChoiceOption>,
    /// The fields of a diary question.
    pub fields: Vec<DiaryField>,
    /// Current answers (one, or one per diary entry).
    pub answers: Vec<AnswerVersion>,
    /// The draft on this device, if any.
    pub draft: Option<AnswerValue>,
}

/// The range of a scale question.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct ScaleRange {
    /// Lowest value.
    pub min: i64,
    /// Highest value.
    pub max: i64,
    /// Label of the lowest value.
    pub min_label: Option<String>,
    /// Label of the highest value.
    pub max_label: Option<String>,
}

/// One option of a choice or checklist question.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct ChoiceOption {
    /// Stable option id (what an answer stores).
    pub id: String,
    /// Label in the patient's language.
    pub label: String,
}

/// One field of a diary question.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct DiaryField {
    /// Stable field id.
    pub id: String,
    /// Label in the patient's language.
    pub label: String,
    /// `date`, `text`, `number` or `scale`.
    pub field_type: String,
}

/// Languages of the course.
#[derive(Debug, Clone, Copy, PartialEq, uniffi::Enum)]
pub enum Language {
    /// Swedish (the default).
    Swedish,
    /// English.
    English,
}

/// Text size for reading.
#[derive(Debug, Clone, Copy, PartialEq, uniffi::Enum)]
pub enum TextSize {
    /// The platform's size.
    Standard,
    /// Larger.
    Large,
    /// Largest.
    ExtraLarge,
}

/// The patient's own settings (synced to their other devices).
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct Preferences {
    /// The name to print on the summary; `None` prints none.
    pub display_name: Option<String>,
    /// The course language.
    pub language: Language,
    /// Text size.
    pub text_size: TextSize,
}

/// How modules open.
#[derive(Debug, Clone, PartialEq, uniffi::Enum)]
pub enum Pace {
    /// One module a week (the default).
    Weekly,
    /// One module every `days` days.
    EveryNDays {
        /// Days between modules, at least 1.
        days: u32,
    },
    /// Every module open from the start.
    AllAtOnce,
    /// Module 1 at the start; the clinician opens the others.
    Manual,
}

/// A patient's enrolment. The clinic sets it through sync; `Course.enrol`
/// sets it locally (demo and tests).
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct Enrolment {
    /// When access starts (module 1 opens).
    pub start: SystemTime,
    /// The patient's IANA time zone, e.g. `Europe/Stockholm`.
    pub time_zone: String,
    /// How modules open.
    pub pace: Pace,
    /// Whether the next module may be opened early once the earlier ones are finished.
    pub read_ahead: bool,
    /// Modules the clinician opened by hand.
    pub manual_unlocks: Vec<String>,
    /// When access ends; `None` means 12 months after the start.
    pub access_end: Option<SystemTime>,
}

impl From<core_course::ThisWeek> for ThisWeek {
    fn from(w: core_course::ThisWeek) -> Self {
        ThisWeek {
            today: iso(w.today),
            course_week: w.course_week,
            access: w.access.into(),
            current: w.current.map(Into::into),
            next_unlock: w.next_unlock.map(|n| NextUnlock {
                module_id: n.module_id,
                number: n.number,
                opens_at: n.opens_at.into(),
                opens_on: iso(n.opens_on),
            }),
            modules_open: w.modules_open,
            modules_finished: w.modules_finished,
            modules_total: w.modules_total,
            check_in_due: w.check_in_due,
        }
    }
}

impl From<core_course::Access> for Access {
    fn from(a: core_course::Access) -> Self {
        match a {
            core_course::Access::NotStarted { starts_at } => Access::NotStarted {
                starts_at: starts_at.into(),
            },
            core_course::Access::Active {
                ends_at,
                days_left,
                ending_soon,
            } => Access::Active {
                ends_at: ends_at.into(),
                days_left,
                ending_soon,
            },
            core_course::Access::Ended {
                ended_at,
                grace_until,
            } => Access::Ended {
                ended_at: ended_at.into(),
                grace_until: grace_until.into(),
            },
        }
    }
}

impl From<core_course::ModuleCard> for ModuleCard {
    fn from(c: core_course::ModuleCard) -> Self {
        ModuleCard {
            id: c.id,
            number: c.number,
            title: c.title,
            summary: c.summary,
            lock: match c.lock {
                core_course::ModuleLock::Open => ModuleLock::Open,
                core_course::ModuleLock::Locked { opens_at } => ModuleLock::Locked {
                    opens_at: opens_at.map(Into::into),
                },
            },
            progress: ModuleProgress {
                sections_done: c.progress.sections_done,
                sections_total: c.progress.sections_total,
                finished: c.progress.finished,
            },
            opens_on: c.opens_on.map(iso),
        }
    }
}

fn media(m: core_facade::MediaRef) -> MediaRef {
    MediaRef {
        path: m.path.to_string_lossy().into_owned(),
        sha256: m.sha256,
    }
}

impl From<core_facade::SectionCard> for SectionCard {
    fn from(c: core_facade::SectionCard) -> Self {
        SectionCard {
            id: c.id,
            kind: c.kind.to_owned(),
            title: c.title,
            done: c.done,
        }
    }
}

impl From<core_facade::SectionView> for SectionView {
    fn from(v: core_facade::SectionView) -> Self {
        SectionView {
            module_id: v.module_id,
            section_id: v.section_id,
            kind: v.kind.to_owned(),
            title: v.title,
            body_markdown: v.body_markdown,
            transcript_markdown: v.transcript_markdown,
            media: v.media.map(media),
            captions: v.captions.map(media),
            alt_text: v.alt_text,
            caption: v.caption,
            duration_seconds: v.duration_seconds,
            questions: v.questions.into_iter().map(Into::into).collect(),
        }
    }
}

impl From<core_facade::QuestionView> for QuestionView {
    fn from(q: core_facade::QuestionView) -> Self {
        let labels = q.range_labels;
        QuestionView {
            id: q.id,
            prompt: q.prompt,
            question_type: q.question_type.to_owned(),
            required: q.required,
            scale: q.range.map(|(min, max)| ScaleRange {
                min,
                max,
                min_label: labels.as_ref().map(|l| l.0.clone()),
                max_label: labels.as_ref().map(|l| l.1.clone()),
            }),
            options: q
                .options
                .into_iter()
                .map(|(id, label)| ChoiceOption { id, label })
                .collect(),
            fields: q
                .fields
                .into_iter()
                .map(|(id, label, t)| DiaryField {
                    id,
                    label,
                    field_type: t.to_owned(),
                })
                .collect(),
            answers: q.answers.into_iter().map(Into::into).collect(),
            draft: q.draft.map(Into::into),
        }
    }
}

impl From<Lang> for Language {
    fn from(l: Lang) -> Self {
        match l {
            Lang::Sv => Language::Swedish,
            Lang::En => Language::English,
        }
    }
}

impl From<Language> for Lang {
    fn from(l: Language) -> Self {
        match l {
            Language::Swedish => Lang::Sv,
            Language::English => Lang::En,
        }
    }
}

impl From<core_facade::Preferences> for Preferences {
    fn from(p: core_facade::Preferences) -> Self {
        Preferences {
            display_name: p.display_name,
            language: p.language.into(),
            text_size: match p.text_size {
                core_facade::TextSize::Standard => TextSize::Standard,
                core_facade::TextSize::Large => TextSize::Large,
                core_facade::TextSize::ExtraLarge => TextSize::ExtraLarge,
            },
        }
    }
}

impl From<Preferences> for core_facade::Preferences {
    fn from(p: Preferences) -> Self {
        core_facade::Preferences {
            display_name: p.display_name,
            language: p.language.into(),
            text_size: match p.text_size {
                TextSize::Standard => core_facade::TextSize::Standard,
                TextSize::Large => core_facade::TextSize::Large,
                TextSize::ExtraLarge => core_facade::TextSize::ExtraLarge,
            },
        }
    }
}

impl TryFrom<Enrolment> for core_course::Enrolment {
    type Error = CourseError;

    fn try_from(e: Enrolment) -> Result<Self, CourseError> {
        let time_zone =
            e.time_zone
                .parse::<chrono_tz::Tz>()
                .map_err(|_| CourseError::InvalidInput {
                    reason: format!("unknown time zone \"{}\"", e.time_zone),
                })?;
        let pace = match e.pace {
            Pace::Weekly => core_course::Pace::Weekly,
            Pace::EveryNDays { days: 0 } => {
                return Err(CourseError::InvalidInput {
                    reason: "a pace of every 0 days".into(),
                });
            }
            Pace::EveryNDays { days } => core_course::Pace::EveryNDays { days },
            Pace::AllAtOnce => core_course::Pace::AllAtOnce,
            Pace::Manual => core_course::Pace::Manual,
        };
        Ok(core_course::Enrolment {
            start: DateTime::<Utc>::from(e.start),
            time_zone,
            pace,
            read_ahead: e.read_ahead,
            manual_unlocks: e.manual_unlocks.into_iter().collect::<BTreeSet<_>>(),
            access_end: e.access_end.map(DateTime::<Utc>::from),
        })
    }
}

impl From<core_course::Enrolment> for Enrolment {
    fn from(e: core_course::Enrolment) -> Self {
        Enrolment {
            start: e.start.into(),
            time_zone: e.time_zone.name().to_owned(),
            pace: match e.pace {
                core_course::Pace::Weekly => Pace::Weekly,
                core_course::Pace::EveryNDays { days } => Pace::EveryNDays { days },
                core_course::Pace::AllAtOnce => Pace::AllAtOnce,
                core_course::Pace::Manual => Pace::Manual,
            },
            read_ahead: e.read_ahead,
            manual_unlocks: e.manual_unlocks.into_iter().collect(),
            access_end: e.access_end.map(Into::into),
        }
    }
}
