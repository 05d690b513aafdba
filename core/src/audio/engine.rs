//! The player's state machine and sample pump, the same whoever pulls the
//! samples: the sound device's thread (feature `playback`) or the caller
//! of `advance` (the device-less output, deterministic in tests).
//!
//! The engine owns the decoder. `render` fills an output buffer: while
//! playing, decoded samples times the volume (and the fade-out gain when
//! stopping); otherwise silence. It counts the position and the frames
//! actually heard, publishes the state at most every 250 ms of position
//! and at every change, and queues what must be saved (the position every
//! 5 s and on pause, stop, seek and the end; the practice session with it).

use std::sync::mpsc;
use std::time::Duration;

use chrono::{DateTime, Utc};
use rodio::Source;
use tokio::sync::watch;

use super::error::AudioError;
use super::state::{Persist, PlayerState, PlayerStatus, PracticeSession, TrackInfo};

/// The fade-out when stopping.
pub const FADE_MS: u64 = 250;
/// How often the position is published while playing.
pub const TICK_MS: u64 = 250;
/// How often the position (and the session) is saved while playing.
pub const SAVE_EVERY_MS: u64 = 5_000;
/// A recording that stops more than this before its stated length is cut off.
pub const EARLY_END_MS: u64 = 2_000;

/// A decoded recording.
pub(crate) type Decoded = Box<dyn Source + Send>;

/// The loaded track.
pub(crate) struct Loaded {
    pub(crate) info: TrackInfo,
    pub(crate) decoder: Decoded,
    pub(crate) channels: u16,
    pub(crate) rate: u32,
    /// The stated length, in frames.
    pub(crate) expected_frames: u64,
}

struct Session {
    id: String,
    started_at: DateTime<Utc>,
    heard_frames: u64,
}

/// What a `render` call produced.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Rendered {
    /// The buffer is filled (samples or silence); the output goes on.
    Filled,
    /// This output is done (the track ended or stopped, or another was
    /// loaded): the output stops pulling.
    Finished,
}

/// The state machine (behind a mutex in the player).
pub(crate) struct Engine {
    status: PlayerStatus,
    track: Option<Loaded>,
    pos_frames: u64,
    volume: f32,
    /// Frames left of the fade-out, and its length.
    fade: Option<(u64, u64)>,
    /// Raised when another track is loaded: older outputs finish.
    generation: u64,
    /// Set when the current output must finish at its next render.
    output_done: bool,
    session: Option<Session>,
    last_tick: u64,
    last_save: u64,
    state: watch::Sender<PlayerState>,
    persist: mpsc::Sender<Persist>,
}

fn frames(ms: u64, rate: u32) -> u64 {
    ms * u64::from(rate) / 1000
}

fn millis(frames: u64, rate: u32) -> u64 {
    if rate == 0 {
        0
    } else {
        frames * 1000 / u64::from(rate)
    }
}

impl Engine {
    pub(crate) fn new(state: watch::Sender<PlayerState>, persist: mpsc::Sender<Persist>) -> Self {
        Engine {
            status: PlayerStatus::Idle,
            track: None,
            pos_frames: 0,
            volume: 1.0,
            fade: None,
            generation: 0,
            output_done: true,
            session: None,
            last_tick: 0,
            last_save: 0,
            state,
            persist,
        }
    }

    /// The output generation an output must carry to be fed.
    pub(crate) fn generation(&self) -> u64 {
        self.generation
    }

    /// The loaded track's channels and rate.
    pub(crate) fn format(&self) -> Option<(u16, u32)> {
        self.track.as_ref().map(|t| (t.channels, t.rate))
    }

    pub(crate) fn status(&self) -> &PlayerStatus {
        &self.status
    }

    pub(crate) fn position_ms(&self) -> u64 {
        self.track
            .as_ref()
            .map_or(0, |t| millis(self.pos_frames, t.rate))
    }

    fn publish(&self) {
        let state = PlayerState {
            status: self.status.clone(),
            track: self.track.as_ref().map(|t| t.info.clone()),
            position_ms: self.position_ms(),
            volume: self.volume,
        };
        self.state.send_replace(state);
    }

    fn queue(&self, p: Persist) {
        // The receiver lives as long as the player; a send can only fail
        // while the player is being dropped.
        let _ = self.persist.send(p);
    }

    /// Queues the position and the session so far.
    fn save(&mut self, position_ms: u64) {
        self.last_save = self.pos_frames;
        if let Some(t) = &self.track {
            self.queue(Persist::Position {
                key: t.info.key.clone(),
                position_ms,
            });
        }
        if let Some(s) = self.session_record() {
            self.queue(Persist::Session(s));
        }
    }

    fn session_record(&self) -> Option<PracticeSession> {
        let (s, t) = (self.session.as_ref()?, self.track.as_ref()?);
        let seconds_heard =
            u32::try_from(s.heard_frames / u64::from(t.rate.max(1))).unwrap_or(u32::MAX);
        let duration_seconds = u32::try_from(t.info.duration_ms / 1000).unwrap_or(u32::MAX);
        (s.heard_frames > 0).then(|| PracticeSession {
            id: s.id.clone(),
            section_id: t.info.section_id.clone(),
            lang: t.info.lang,
            started_at: s.started_at,
            seconds_heard,
            duration_seconds,
            completed: PracticeSession::is_completed(seconds_heard, duration_seconds),
        })
    }

    /// Ends the session (saved one last time).
    fn close_session(&mut self) {
        if let Some(s) = self.session_record() {
            self.queue(Persist::Session(s));
        }
        self.session = None;
    }

    /// Loads a track (the previous one's session is closed and its outputs
    /// finish). The player is then `Ready` at the start.
    pub(crate) fn load(&mut self, loaded: Loaded) {
        if matches!(self.status, PlayerStatus::Playing | PlayerStatus::Paused) {
            let pos = self.position_ms();
            self.save(pos);
        }
        self.close_session();
        self.generation += 1;
        self.output_done = true;
        self.track = Some(loaded);
        self.pos_frames = 0;
        self.last_tick = 0;
        self.last_save = 0;
        self.fade = None;
        self.status = PlayerStatus::Ready;
        self.publish();
    }

    /// Marks the player as loading (the check and decoding run outside the
    /// lock).
    pub(crate) fn set_loading(&mut self) {
        self.status = PlayerStatus::Loading;
        self.publish();
    }

    /// A load failed: nothing is loaded, and the state says why.
    pub(crate) fn fail_load(&mut self, reason: AudioError) {
        self.close_session();
        self.generation += 1;
        self.output_done = true;
        self.track = None;
        self.pos_frames = 0;
        self.status = PlayerStatus::Error { reason };
        self.publish();
    }

    /// Starts or continues playing. Returns whether a new output must be
    /// started (the previous one finished).
    pub(crate) fn play(
        &mut self,
        now: DateTime<Utc>,
        session_id: String,
    ) -> Result<bool, AudioError> {
        if self.track.is_none() {
            return Err(AudioError::NothingLoaded);
        }
        if self.status == PlayerStatus::Ended {
            self.seek_to(0)?;
        }
        if self.fade.is_some() {
            // Play during the fade-out: carry on at full volume.
            self.fade = None;
        }
        if self.session.is_none() {
            self.session = Some(Session {
                id: session_id,
                started_at: now,
                heard_frames: 0,
            });
        }
        self.status = PlayerStatus::Playing;
        let new_output = self.output_done;
        self.output_done = false;
        self.publish();
        Ok(new_output)
    }

    /// Pauses (the position and the session are saved).
    pub(crate) fn pause(&mut self) {
        if self.status == PlayerStatus::Playing {
            self.fade = None;
            self.status = PlayerStatus::Paused;
            let pos = self.position_ms();
            self.save(pos);
            self.publish();
        }
    }

    /// Stops: while playing, a short fade-out first (the output must go on
    /// pulling for [`FADE_MS`]); then `Ready` at the position reached, the
    /// session closed and the position saved.
    pub(crate) fn stop(&mut self) {
        match self.status {
            PlayerStatus::Playing => {
                if self.fade.is_none()
                    && let Some(t) = &self.track
                {
                    let n = frames(FADE_MS, t.rate).max(1);
                    self.fade = Some((n, n));
                }
            }
            PlayerStatus::Paused => self.finish_stop(),
            _ => {}
        }
    }

    fn finish_stop(&mut self) {
        self.fade = None;
        let pos = self.position_ms();
        self.save(pos);
        self.close_session();
        self.status = PlayerStatus::Ready;
        self.output_done = true;
        self.publish();
    }

    fn seek_to(&mut self, ms: u64) -> Result<(), AudioError> {
        let t = self.track.as_mut().ok_or(AudioError::NothingLoaded)?;
        let ms = ms.min(t.info.duration_ms);
        t.decoder
            .try_seek(Duration::from_millis(ms))
            .map_err(|_| AudioError::Corrupt)?;
        self.pos_frames = frames(ms, t.rate);
        self.last_tick = self.pos_frames;
        self.last_save = self.pos_frames;
        Ok(())
    }

    /// Moves to `ms` (skipped audio is not counted as heard).
    pub(crate) fn seek(&mut self, ms: u64) -> Result<(), AudioError> {
        self.seek_to(ms)?;
        if self.status == PlayerStatus::Ended {
            self.status = PlayerStatus::Paused;
        }
        let pos = self.position_ms();
        self.save(pos);
        self.publish();
        Ok(())
    }

    /// Sets the volume (0.0–1.0).
    pub(crate) fn set_volume(&mut self, volume: f32) {
        self.volume = if volume.is_finite() {
            volume.clamp(0.0, 1.0)
        } else {
            1.0
        };
        self.publish();
    }

    fn end_of_stream(&mut self) {
        let Some(t) = &self.track else { return };
        let early = self.pos_frames + frames(EARLY_END_MS, t.rate) < t.expected_frames;
        self.fade = None;
        self.output_done = true;
        if early {
            let pos = self.position_ms();
            self.save(pos);
            self.close_session();
            self.status = PlayerStatus::Error {
                reason: AudioError::EndedEarly,
            };
        } else {
            // Played to the end: nothing to resume next time.
            self.save(0);
            self.close_session();
            self.status = PlayerStatus::Ended;
        }
        self.publish();
    }

    /// Fills `out` (interleaved, in the track's format) for the output of
    /// generation `generation`.
    pub(crate) fn render(&mut self, out: &mut [f32], generation: u64) -> Rendered {
        if generation != self.generation || self.output_done {
            return Rendered::Finished;
        }
        let Some((channels, rate)) = self.format() else {
            return Rendered::Finished;
        };
        let ch = usize::from(channels.max(1));
        let tick = frames(TICK_MS, rate).max(1);
        let save_every = frames(SAVE_EVERY_MS, rate).max(1);
        let mut frames_out = out.chunks_exact_mut(ch);
        for frame in frames_out.by_ref() {
            if self.status != PlayerStatus::Playing {
                frame.fill(0.0);
                continue;
            }
            let gain = match &mut self.fade {
                Some((left, total)) => {
                    let g = *left as f32 / *total as f32;
                    *left = left.saturating_sub(1);
                    g
                }
                None => 1.0,
            } * self.volume;
            let Some(t) = self.track.as_mut() else {
                frame.fill(0.0);
                continue;
            };
            let mut got = 0;
            for s in frame.iter_mut() {
                match t.decoder.next() {
                    Some(x) => {
                        *s = x * gain;
                        got += 1;
                    }
                    None => break,
                }
            }
            if got < ch {
                frame.fill(0.0);
                self.end_of_stream();
                continue;
            }
            self.pos_frames += 1;
            if let Some(s) = &mut self.session {
                s.heard_frames += 1;
            }
            if self.fade.is_some_and(|(left, _)| left == 0) {
                self.finish_stop();
                continue;
            }
            if self.pos_frames - self.last_tick >= tick {
                self.last_tick = self.pos_frames;
                self.publish();
            }
            if self.pos_frames - self.last_save >= save_every {
                let pos = self.position_ms();
                self.save(pos);
            }
        }
        frames_out.into_remainder().fill(0.0);
        Rendered::Filled
    }
}

#[cfg(test)]
#[path = "engine_tests.rs"]
mod tests;
