//! Offline mindfulness audio: a player over rodio's decoders that works
//! without network, remembers where the patient was, and logs what was
//! practised for the clinic.
//!
//! - [`player`]: the control API (load, play, pause, seek, stop with a
//!   fade-out, volume, interruptions, the resume offer), on a device-less
//!   output driven by the caller, or the sound device (feature `playback`).
//! - [`engine`]: the state machine and sample pump both outputs share.
//! - [`track`]: from a section of the bundle to a checked, open decoder.
//! - [`state`]: what the app sees and what is saved.
//! - [`error`]: why a recording cannot be played.

pub mod engine;
pub mod error;
pub mod player;
pub mod state;
pub mod track;

pub use error::AudioError;
pub use player::Player;
pub use state::{LoadedTrack, PlayerState, PlayerStatus, PracticeSession, TrackInfo, mmss};
