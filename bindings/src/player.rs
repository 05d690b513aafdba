//! The mindfulness player as the apps see it: `Course.player()` gives a
//! `MindfulnessPlayer` (the device's sound output in app builds, feature
//! `playback`; device-less otherwise, driven by the test-only `advance`).
//! Its state comes as a stream (`subscribe`), at most four position updates
//! a second of playing. The shells report interruptions and unplugged
//! headphones; they own the OS audio session.

use std::sync::Arc;
use std::time::SystemTime;

use painschool_core::audio as core_audio;

use crate::course::Course;
use crate::course_types::Language;
use crate::runtime::{Panicked, RUNTIME, blocking};
use crate::task_handle::{Gate, TaskHandle};

/// Why a recording cannot be played.
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum PlayerFailure {
    /// The section has no recording.
    NoRecording,
    /// The exercise's module is not open, or access has ended.
    NotAvailable,
    /// The file is missing from the course files.
    Missing,
    /// The file does not match the course files (damaged).
    HashMismatch,
    /// Not a format the player knows.
    Unsupported,
    /// The file cannot be decoded.
    Corrupt,
    /// The recording stopped well before its stated length.
    EndedEarly,
    /// Nothing is loaded.
    NothingLoaded,
    /// The sound output could not be opened.
    Device,
    /// Saving the position or the practice log failed.
    Storage,
    /// Anything else (a bug).
    Internal,
}

/// A player call failed. `detail` is for logs (no patient text).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, uniffi::Error)]
pub enum PlayerError {
    /// What failed and why.
    #[error("{detail}")]
    Failed {
        /// The kind, for the app to act on.
        kind: PlayerFailure,
        /// A description for logs.
        detail: String,
    },
}

impl From<Panicked> for PlayerError {
    fn from(_: Panicked) -> Self {
        PlayerError::Failed {
            kind: PlayerFailure::Internal,
            detail: "internal error".into(),
        }
    }
}

fn failure(e: &core_audio::AudioError) -> PlayerFailure {
    use core_audio::AudioError as E;
    match e {
        E::NoRecording(_) => PlayerFailure::NoRecording,
        E::NotAvailable(_) => PlayerFailure::NotAvailable,
        E::Missing => PlayerFailure::Missing,
        E::HashMismatch => PlayerFailure::HashMismatch,
        E::Unsupported => PlayerFailure::Unsupported,
        E::Corrupt => PlayerFailure::Corrupt,
        E::EndedEarly => PlayerFailure::EndedEarly,
        E::NothingLoaded => PlayerFailure::NothingLoaded,
        E::Device(_) => PlayerFailure::Device,
        E::NotDeviceless => PlayerFailure::Internal,
        E::Storage(_) => PlayerFailure::Storage,
    }
}

impl From<core_audio::AudioError> for PlayerError {
    fn from(e: core_audio::AudioError) -> Self {
        PlayerError::Failed {
            kind: failure(&e),
            detail: e.to_string(),
        }
    }
}

/// Where the player stands.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Enum)]
pub enum PlayerStatus {
    /// Nothing loaded.
    Idle,
    /// Checking and opening a recording.
    Loading,
    /// Loaded (or stopped): `play` starts.
    Ready,
    /// Playing.
    Playing,
    /// Paused.
    Paused,
    /// Played to the end.
    Ended,
    /// Failed; `load` again.
    Failed {
        /// Why.
        reason: PlayerFailure,
    },
}

/// The loaded recording.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct TrackInfo {
    /// The section it belongs to.
    pub section_id: String,
    /// Its language.
    pub language: Language,
    /// Its length in milliseconds.
    pub duration_ms: u64,
}

/// The player's state.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct PlayerState {
    /// Where it stands.
    pub status: PlayerStatus,
    /// The loaded recording.
    pub track: Option<TrackInfo>,
    /// The position in milliseconds.
    pub position_ms: u64,
    /// The volume, 0.0–1.0.
    pub volume: f32,
}

/// What `load` gives: the recording and the resume offer.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct LoadedTrack {
    /// The recording.
    pub track: TrackInfo,
    /// Where the patient left off ("continue at 4:12"), if worth offering.
    pub resume_at_ms: Option<u64>,
    /// The same as `m:ss`.
    pub resume_label: Option<String>,
}

fn track(t: core_audio::TrackInfo) -> TrackInfo {
    TrackInfo {
        section_id: t.section_id,
        language: t.lang.into(),
        duration_ms: t.duration_ms,
    }
}

impl From<core_audio::PlayerState> for PlayerState {
    fn from(s: core_audio::PlayerState) -> Self {
        use core_audio::PlayerStatus as S;
        PlayerState {
            status: match s.status {
                S::Idle => PlayerStatus::Idle,
                S::Loading => PlayerStatus::Loading,
                S::Ready => PlayerStatus::Ready,
                S::Playing => PlayerStatus::Playing,
                S::Paused => PlayerStatus::Paused,
                S::Ended => PlayerStatus::Ended,
                S::Error { reason } => PlayerStatus::Failed {
                    reason: failure(&reason),
                },
            },
            track: s.track.map(track),
            position_ms: s.position_ms,
            volume: s.volume,
        }
    }
}

/// Receives the player's state. Called on a background thread.
#[uniffi::export(foreign)]
pub trait PlayerListener: Send + Sync {
    /// The state: at once, then after each change.
    fn on_state(&self, state: PlayerState);
}

/// The patient's own view of today's practice.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct PracticeToday {
    /// Minutes practised today (local), on all the patient's devices.
    pub minutes: u32,
    /// When this was computed.
    pub at: SystemTime,
}

/// The mindfulness player of one course.
#[derive(uniffi::Object)]
pub struct MindfulnessPlayer {
    inner: Arc<core_audio::Player>,
}

impl std::fmt::Debug for MindfulnessPlayer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("MindfulnessPlayer").finish_non_exhaustive()
    }
}

impl MindfulnessPlayer {
    async fn run<T: Send + 'static>(
        &self,
        f: impl FnOnce(&core_audio::Player) -> Result<T, core_audio::AudioError> + Send + 'static,
    ) -> Result<T, PlayerError> {
        let p = self.inner.clone();
        blocking(move || f(&p).map_err(PlayerError::from)).await
    }
}

#[uniffi::export]
impl Course {
    /// The mindfulness player: on the device's sound output in app builds
    /// (feature `playback`); device-less otherwise. Make one and keep it.
    pub fn player(&self) -> Result<Arc<MindfulnessPlayer>, PlayerError> {
        #[cfg(feature = "playback")]
        let inner = core_audio::Player::with_device(self.inner.clone())?;
        #[cfg(not(feature = "playback"))]
        let inner = Arc::new(core_audio::Player::deviceless(self.inner.clone()));
        Ok(Arc::new(MindfulnessPlayer { inner }))
    }

    /// Minutes of mindfulness practised today, on all the patient's devices
    /// (no streaks).
    pub async fn practice_today(&self) -> Result<PracticeToday, crate::error::CourseError> {
        self.run(|c| {
            Ok(PracticeToday {
                minutes: c.practice_minutes_today()?,
                at: c.clock().now().into(),
            })
        })
        .await
    }
}

#[uniffi::export]
impl MindfulnessPlayer {
    /// Loads the recording of `section_id` in the patient's language,
    /// checked against the course files; offers where to continue.
    pub async fn load(&self, section_id: String) -> Result<LoadedTrack, PlayerError> {
        self.run(move |p| {
            let l = p.load(&section_id)?;
            Ok(LoadedTrack {
                resume_label: l.resume_at_ms.map(core_audio::mmss),
                resume_at_ms: l.resume_at_ms,
                track: track(l.track),
            })
        })
        .await
    }

    /// Plays (from the start, the pause, or again after the end).
    pub async fn play(&self) -> Result<(), PlayerError> {
        self.run(|p| p.play()).await
    }

    /// Moves to `position_ms` and plays ("continue at 4:12").
    pub async fn play_from(&self, position_ms: u64) -> Result<(), PlayerError> {
        self.run(move |p| p.play_from(position_ms)).await
    }

    /// Pauses; the position is saved.
    pub async fn pause(&self) -> Result<(), PlayerError> {
        self.run(|p| p.pause()).await
    }

    /// Stops with a short fade-out; the session ends.
    pub async fn stop(&self) -> Result<(), PlayerError> {
        self.run(|p| p.stop()).await
    }

    /// Moves to `position_ms`.
    pub async fn seek(&self, position_ms: u64) -> Result<(), PlayerError> {
        self.run(move |p| p.seek(position_ms)).await
    }

    /// Sets the volume, 0.0–1.0.
    pub fn set_volume(&self, volume: f32) {
        self.inner.set_volume(volume);
    }

    /// The state now.
    pub fn state(&self) -> PlayerState {
        self.inner.state().into()
    }

    /// The OS reports an interruption (a call): playback pauses.
    pub async fn interruption_began(&self) -> Result<(), PlayerError> {
        self.run(|p| p.interruption_began()).await
    }

    /// The interruption ended; `resume` is the OS's "should resume" hint.
    /// Playback never resumes by itself otherwise.
    pub async fn interruption_ended(&self, resume: bool) -> Result<(), PlayerError> {
        self.run(move |p| p.interruption_ended(resume)).await
    }

    /// Headphones were unplugged: playback pauses.
    pub async fn headphones_unplugged(&self) -> Result<(), PlayerError> {
        self.run(|p| p.headphones_unplugged()).await
    }

    /// Calls `listener` with the state now and after each change, until the
    /// handle is cancelled or dropped.
    pub fn subscribe(&self, listener: Arc<dyn PlayerListener>) -> Arc<TaskHandle> {
        let gate = Arc::new(Gate::default());
        let mut rx = self.inner.subscribe();
        let g = gate.clone();
        let task = RUNTIME.spawn(async move {
            loop {
                let state: PlayerState = rx.borrow_and_update().clone().into();
                let (l, g2) = (listener.clone(), g.clone());
                let _ = RUNTIME
                    .spawn_blocking(move || g2.deliver(|| l.on_state(state)))
                    .await;
                if rx.changed().await.is_err() {
                    return;
                }
            }
        });
        Arc::new(TaskHandle::new(task.abort_handle(), gate))
    }
}

/// Test builds only: the device-less player plays `ms` of audio now.
#[cfg(feature = "test-exports")]
#[uniffi::export]
impl MindfulnessPlayer {
    /// Plays `ms` of audio on the device-less output; returns the
    /// milliseconds produced.
    pub fn advance(&self, ms: u64) -> Result<u64, PlayerError> {
        Ok(self.inner.advance(ms)?)
    }
}
