//! Why a recording cannot be played. Typed so the apps can say what to do;
//! never carries patient text (only section ids and reasons).

/// Why a recording cannot be loaded or played.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, serde::Serialize)]
#[serde(tag = "kind", content = "detail", rename_all = "snake_case")]
pub enum AudioError {
    /// No section with this id, or it has no recording.
    #[error("section \"{0}\" has no recording")]
    NoRecording(String),
    /// The file is not in the course bundle on this device.
    #[error("the recording is missing from the course files")]
    Missing,
    /// The file's contents are not what the course bundle says (damaged or
    /// replaced): it is not played.
    #[error("the recording does not match the course files (damaged)")]
    HashMismatch,
    /// The file is not a format the player knows.
    #[error("the recording's format is not supported")]
    Unsupported,
    /// The file could not be decoded.
    #[error("the recording is damaged and cannot be played")]
    Corrupt,
    /// The recording stopped well before its stated length (a cut-off file).
    #[error("the recording ended early (the file is cut off)")]
    EndedEarly,
    /// The exercise's module is not open, or access has ended (the core's
    /// reason, without patient text).
    #[error("the exercise is not available: {0}")]
    NotAvailable(String),
    /// No track is loaded.
    #[error("no recording is loaded")]
    NothingLoaded,
    /// The sound device could not be opened.
    #[error("the sound output could not be opened: {0}")]
    Device(String),
    /// This player has no caller-driven output (`advance` is for the
    /// device-less player).
    #[error("this player plays through the sound device")]
    NotDeviceless,
    /// Saving the position or the practice log failed.
    #[error("saving failed: {0}")]
    Storage(String),
}

impl From<crate::Error> for AudioError {
    fn from(e: crate::Error) -> Self {
        AudioError::Storage(e.to_string())
    }
}
