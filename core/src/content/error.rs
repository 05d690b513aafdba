//! Errors of a broken bundle: each names the file, the place and the reason.

use std::fmt;
use std::path::PathBuf;

/// Why a place in the bundle is wrong.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ContentErrorReason {
    /// The file could not be read.
    #[error("cannot read file: {0}")]
    Unreadable(String),
    /// The TOML is malformed.
    #[error("malformed TOML: {0}")]
    Malformed(String),
    /// A key the format does not know.
    #[error("unknown key `{0}`")]
    UnknownKey(String),
    /// A required key is absent.
    #[error("missing key `{0}`")]
    MissingKey(String),
    /// A value has the wrong type.
    #[error("`{key}` must be {expected}")]
    WrongType {
        /// The key.
        key: String,
        /// What was expected.
        expected: &'static str,
    },
    /// A section kind the format does not know.
    #[error("unknown section kind `{0}`")]
    UnknownKind(String),
    /// A question or field type the format does not know.
    #[error("unknown type `{0}`")]
    UnknownType(String),
    /// A localized value lacks a language, or it is empty.
    #[error("missing translation \"{lang}\" of `{key}`")]
    MissingTranslation {
        /// The key.
        key: String,
        /// The missing language.
        lang: &'static str,
    },
    /// A localized value has a language the course does not have.
    #[error("unknown language \"{lang}\" in `{key}`")]
    UnknownLanguage {
        /// The key.
        key: String,
        /// The language code found.
        lang: String,
    },
    /// An id used twice.
    #[error("duplicate id \"{id}\" (first used at {first})")]
    DuplicateId {
        /// The id.
        id: String,
        /// Where it was first used.
        first: String,
    },
    /// An id that is not of the allowed form.
    #[error("invalid id \"{0}\": use a-z, 0-9 and -, at most 64 characters")]
    InvalidId(String),
    /// A referenced file does not exist.
    #[error("missing file \"{0}\"")]
    MissingFile(String),
    /// A path that is absolute or leaves its folder.
    #[error("path \"{0}\" leaves the bundle")]
    PathOutsideBundle(String),
    /// A Markdown file that is empty or not UTF-8.
    #[error("empty or unreadable text file \"{0}\"")]
    EmptyText(String),
    /// A media file's SHA-256 differs from the manifest.
    #[error("hash mismatch for \"{path}\": manifest says {expected}, file is {actual}")]
    HashMismatch {
        /// The file.
        path: String,
        /// The manifest's hash.
        expected: String,
        /// The file's hash.
        actual: String,
    },
    /// A media file of a type this place does not accept.
    #[error("\"{path}\" is not {expected}")]
    WrongMediaType {
        /// The file.
        path: String,
        /// What was expected.
        expected: &'static str,
    },
    /// An image without alt text.
    #[error("image has no alt text (`alt`)")]
    MissingAltText,
    /// Audio, video or mindfulness without a transcript.
    #[error("{0} has no transcript (`transcript`)")]
    MissingTranscript(&'static str),
    /// A video without captions.
    #[error("video has no captions (`captions`)")]
    MissingCaptions,
    /// Any other rule of the format.
    #[error("{0}")]
    Invalid(String),
}

/// One problem in a bundle.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContentError {
    /// The file that holds the problem.
    pub file: PathBuf,
    /// Where in the file, e.g. `sections[3] "m1-body".alt`.
    pub place: String,
    /// What is wrong.
    pub reason: ContentErrorReason,
}

impl fmt::Display for ContentError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.place.is_empty() {
            write!(f, "{}: {}", self.file.display(), self.reason)
        } else {
            write!(
                f,
                "{}: {}: {}",
                self.file.display(),
                self.place,
                self.reason
            )
        }
    }
}

/// A bundle that failed to load: every problem found, in file order.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct BundleError {
    /// The problems (never empty).
    pub errors: Vec<ContentError>,
}

impl fmt::Display for BundleError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "the course bundle is broken ({} problem",
            self.errors.len()
        )?;
        if self.errors.len() != 1 {
            write!(f, "s")?;
        }
        write!(f, ")")?;
        for e in &self.errors {
            write!(f, "\n  {e}")?;
        }
        Ok(())
    }
}
