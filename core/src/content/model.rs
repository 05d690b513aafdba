//! The typed course model: what a validated bundle holds.

use std::path::PathBuf;

use serde::{Deserialize, Serialize};

/// A course language. Format 1 has exactly Swedish and English, Swedish first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    /// Swedish, the course's first language.
    Sv,
    /// English.
    En,
}

impl Lang {
    /// Every language of format 1, in order.
    pub const ALL: [Lang; 2] = [Lang::Sv, Lang::En];

    /// The language's code as used in manifests (`sv`, `en`).
    pub fn code(self) -> &'static str {
        match self {
            Lang::Sv => "sv",
            Lang::En => "en",
        }
    }

    /// Parses a language code.
    pub fn from_code(code: &str) -> Option<Lang> {
        match code {
            "sv" => Some(Lang::Sv),
            "en" => Some(Lang::En),
            _ => None,
        }
    }
}

/// A value in every course language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Localized<T> {
    /// The Swedish value.
    pub sv: T,
    /// The English value.
    pub en: T,
}

impl<T> Localized<T> {
    /// The value in `lang`.
    pub fn get(&self, lang: Lang) -> &T {
        match lang {
            Lang::Sv => &self.sv,
            Lang::En => &self.en,
        }
    }
}

/// Localized text.
pub type Text = Localized<String>;

/// A media file with its expected SHA-256, path relative to the bundle root.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Media {
    /// Path relative to the bundle root.
    pub path: PathBuf,
    /// Lowercase hex SHA-256 of the file's bytes.
    pub sha256: String,
}

/// A Markdown file path per language, relative to the bundle root.
pub type LocalizedPath = Localized<PathBuf>;

/// One module (about a week's work).
#[derive(Debug, Clone, Serialize)]
pub struct Module {
    /// Stable id, e.g. `m1`.
    pub id: String,
    /// 1-based position in the course.
    pub number: u32,
    /// Module title.
    pub title: Text,
    /// One or two sentences for the module list.
    pub summary: Text,
    /// The sections in reading order.
    pub sections: Vec<Section>,
}

/// One section of a module.
#[derive(Debug, Clone, Serialize)]
pub struct Section {
    /// Stable id, unique in the bundle.
    pub id: String,
    /// Section title.
    pub title: Text,
    /// What the section is, with its own data.
    pub kind: SectionKind,
}

/// The section kinds of format 1.
#[derive(Debug, Clone, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum SectionKind {
    /// Markdown text.
    Text {
        /// Markdown file per language.
        body: LocalizedPath,
    },
    /// An image or diagram.
    Image {
        /// The image file.
        file: Media,
        /// Alt text read by screen readers.
        alt: Text,
        /// Optional caption.
        caption: Option<Text>,
    },
    /// A recording with a transcript.
    Audio {
        /// One recording per language.
        file: Localized<Media>,
        /// Markdown transcript per language.
        transcript: LocalizedPath,
        /// Length in seconds.
        duration_seconds: u32,
    },
    /// A film or animation with captions and a transcript.
    Video {
        /// The video file per language (narrated in each); a manifest may
        /// give one file for both.
        file: Localized<Media>,
        /// WebVTT captions per language.
        captions: Localized<Media>,
        /// Markdown transcript per language.
        transcript: LocalizedPath,
        /// Length in seconds.
        duration_seconds: u32,
    },
    /// A guided mindfulness exercise.
    Mindfulness {
        /// Optional Markdown introduction.
        intro: Option<LocalizedPath>,
        /// One recording per language.
        audio: Localized<Media>,
        /// Markdown transcript per language.
        transcript: LocalizedPath,
        /// Length in seconds.
        duration_seconds: u32,
    },
    /// An assignment: a form of typed questions.
    Assignment(Form),
    /// Reflection questions.
    Reflection(Form),
    /// The weekly check-in, answered once per course week.
    CheckIn(Form),
}

/// Questions with an optional introduction.
#[derive(Debug, Clone, Serialize)]
pub struct Form {
    /// Optional Markdown introduction.
    pub intro: Option<LocalizedPath>,
    /// The questions, in order.
    pub questions: Vec<Question>,
}

impl SectionKind {
    /// The manifest name of the kind (`text`, `image`, …).
    pub fn name(&self) -> &'static str {
        match self {
            SectionKind::Text { .. } => "text",
            SectionKind::Image { .. } => "image",
            SectionKind::Audio { .. } => "audio",
            SectionKind::Video { .. } => "video",
            SectionKind::Mindfulness { .. } => "mindfulness",
            SectionKind::Assignment(_) => "assignment",
            SectionKind::Reflection(_) => "reflection",
            SectionKind::CheckIn(_) => "check_in",
        }
    }

    /// The section's questions, empty for kinds without any.
    pub fn questions(&self) -> &[Question] {
        match self {
            SectionKind::Assignment(f) | SectionKind::Reflection(f) | SectionKind::CheckIn(f) => {
                &f.questions
            }
            _ => &[],
        }
    }

    /// Whether the section is done by doing something (listening, watching)
    /// rather than by reading or answering.
    pub fn is_exercise(&self) -> bool {
        matches!(
            self,
            SectionKind::Audio { .. } | SectionKind::Video { .. } | SectionKind::Mindfulness { .. }
        )
    }
}

/// A typed question.
#[derive(Debug, Clone, Serialize)]
pub struct Question {
    /// Stable id, unique in the bundle; answers refer to it forever.
    pub id: String,
    /// The question text.
    pub prompt: Text,
    /// A short name for charts and table headings (the check-in's "Pain").
    pub short: Option<Text>,
    /// Whether the module counts as finished only once this is answered.
    pub required: bool,
    /// The answer type.
    pub kind: QuestionKind,
}

/// The answer types of format 1.
#[derive(Debug, Clone, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum QuestionKind {
    /// Free text up to `max_chars` characters.
    FreeText {
        /// Longest accepted answer, in characters.
        max_chars: u32,
    },
    /// A whole number between `min` and `max`.
    Scale {
        /// Lowest value.
        min: i64,
        /// Highest value.
        max: i64,
        /// What the lowest value means.
        min_label: Text,
        /// What the highest value means.
        max_label: Text,
    },
    /// Exactly one option.
    SingleChoice {
        /// The options.
        options: Vec<ChoiceOption>,
    },
    /// Any number of options.
    MultipleChoice {
        /// The options.
        options: Vec<ChoiceOption>,
    },
    /// Items to tick off.
    Checklist {
        /// The items.
        options: Vec<ChoiceOption>,
    },
    /// Repeated entries with one value per field.
    Diary {
        /// The fields of one entry.
        fields: Vec<DiaryField>,
    },
}

impl QuestionKind {
    /// The manifest name of the type.
    pub fn name(&self) -> &'static str {
        match self {
            QuestionKind::FreeText { .. } => "free_text",
            QuestionKind::Scale { .. } => "scale",
            QuestionKind::SingleChoice { .. } => "single_choice",
            QuestionKind::MultipleChoice { .. } => "multiple_choice",
            QuestionKind::Checklist { .. } => "checklist",
            QuestionKind::Diary { .. } => "diary",
        }
    }
}

/// One option of a choice question or checklist.
#[derive(Debug, Clone, Serialize)]
pub struct ChoiceOption {
    /// Stable id within the question.
    pub id: String,
    /// The label shown.
    pub label: Text,
}

/// One field of a diary entry.
#[derive(Debug, Clone, Serialize)]
pub struct DiaryField {
    /// Stable id within the question.
    pub id: String,
    /// The label shown.
    pub label: Text,
    /// The value type.
    pub kind: FieldKind,
}

/// Diary field types.
#[derive(Debug, Clone, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum FieldKind {
    /// A calendar date, `YYYY-MM-DD`.
    Date,
    /// Short text, up to 500 characters.
    Text,
    /// A whole number in range.
    Number {
        /// Lowest value.
        min: i64,
        /// Highest value.
        max: i64,
    },
    /// A 0–10 style scale.
    Scale {
        /// Lowest value.
        min: i64,
        /// Highest value.
        max: i64,
    },
}
