//! What the player tells the app: its state, the loaded track, the resume
//! offer, and what the player asks to be saved.

use serde::Serialize;

use super::error::AudioError;
use crate::content::Lang;
pub use crate::practice::PracticeSession;

/// Where the player stands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum PlayerStatus {
    /// Nothing loaded.
    Idle,
    /// A track is being checked and opened.
    Loading,
    /// Loaded, not started (or stopped): `play` starts.
    Ready,
    /// Playing.
    Playing,
    /// Paused: `play` goes on from here.
    Paused,
    /// Played to the end.
    Ended,
    /// It failed; the player is usable again after `load`.
    Error {
        /// Why.
        reason: AudioError,
    },
}

/// The loaded track.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TrackInfo {
    /// The section the recording belongs to.
    pub section_id: String,
    /// The language of the recording.
    pub lang: Lang,
    /// The track's key: `section_id.lang` (resume positions are kept per
    /// key).
    pub key: String,
    /// Its length.
    pub duration_ms: u64,
}

/// The player's state, as the app shows it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PlayerState {
    /// Where it stands.
    pub status: PlayerStatus,
    /// The loaded track, if any.
    pub track: Option<TrackInfo>,
    /// The position in the track (updated at most 4 times a second of
    /// playing, and at every change of status).
    pub position_ms: u64,
    /// The volume, 0.0–1.0.
    pub volume: f32,
}

impl PlayerState {
    /// Nothing loaded.
    pub fn idle() -> PlayerState {
        PlayerState {
            status: PlayerStatus::Idle,
            track: None,
            position_ms: 0,
            volume: 1.0,
        }
    }
}

/// What `load` offers: the track and, if the patient stopped part-way last
/// time, where to continue ("continue at 4:12" or "start over").
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LoadedTrack {
    /// The track.
    pub track: TrackInfo,
    /// Where the patient left off, if it is worth offering.
    pub resume_at_ms: Option<u64>,
}

/// `m:ss` for a position ("4:12").
pub fn mmss(ms: u64) -> String {
    let s = ms / 1000;
    format!("{}:{:02}", s / 60, s % 60)
}

/// What the player asks to be saved (by whoever drains its queue).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Persist {
    /// The position in a track (0 when played to the end).
    Position {
        /// The track's key.
        key: String,
        /// Where.
        position_ms: u64,
    },
    /// A practice session so far (saved again as it grows).
    Session(PracticeSession),
}

#[cfg(test)]
mod tests {
    #[test]
    fn mmss() {
        assert_eq!(super::mmss(252_400), "4:12");
        assert_eq!(super::mmss(5_000), "0:05");
    }
}
