//! The mindfulness player: load a recording by its section, play, pause,
//! seek, stop with a fade-out, volume; the shells' interruption calls; the
//! resume offer; and saving the position and the practice log through the
//! course's store.
//!
//! Two outputs drive the same engine. [`Player::deviceless`] has none: the
//! caller pulls the samples with [`Player::advance`], so tests (and the
//! cli's `--no-device`) walk playback deterministically, without threads or
//! sleeps. [`Player::with_device`] (feature `playback`) plays through the
//! default sound device: its thread pulls the samples, and a small thread
//! saves what the engine queues about once a second.

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, mpsc};

use tokio::sync::watch;

use super::engine::{Engine, Rendered};
use super::error::AudioError;
use super::state::{LoadedTrack, Persist, PlayerState, PlayerStatus};
use super::track;
use crate::PainSchool;

/// A resume position is offered only from this far in …
pub const RESUME_MIN_MS: u64 = 5_000;
/// … and not this close to the end.
pub const RESUME_END_MARGIN_MS: u64 = 10_000;
/// Samples pulled from the engine at a time.
const BLOCK: usize = 1024;

/// One output's samples: a rodio `Source` pulling blocks from the engine
/// until its generation ends.
pub(crate) struct EngineSource {
    engine: Arc<Mutex<Engine>>,
    generation: u64,
    channels: u16,
    rate: u32,
    buf: Vec<f32>,
    at: usize,
    done: bool,
}

fn lock(engine: &Mutex<Engine>) -> MutexGuard<'_, Engine> {
    // The engine's state stays consistent at every step; a panic while it
    // was held (in a decoder) leaves it usable.
    engine.lock().unwrap_or_else(|p| p.into_inner())
}

impl EngineSource {
    fn new(engine: &Arc<Mutex<Engine>>) -> Option<Self> {
        let e = lock(engine);
        let (channels, rate) = e.format()?;
        // Whole frames per block.
        let block = BLOCK - BLOCK % usize::from(channels.max(1));
        Some(EngineSource {
            engine: engine.clone(),
            generation: e.generation(),
            channels,
            rate,
            buf: vec![0.0; block.max(usize::from(channels))],
            at: usize::MAX,
            done: false,
        })
    }
}

impl Iterator for EngineSource {
    type Item = f32;

    fn next(&mut self) -> Option<f32> {
        if self.at >= self.buf.len() {
            if self.done {
                return None;
            }
            let rendered = lock(&self.engine).render(&mut self.buf, self.generation);
            if rendered == Rendered::Finished {
                self.done = true;
                return None;
            }
            self.at = 0;
        }
        let s = self.buf[self.at];
        self.at += 1;
        Some(s)
    }
}

impl rodio::Source for EngineSource {
    fn current_span_len(&self) -> Option<usize> {
        None
    }
    fn channels(&self) -> rodio::ChannelCount {
        std::num::NonZero::new(self.channels).unwrap_or(std::num::NonZero::<u16>::MIN)
    }
    fn sample_rate(&self) -> rodio::SampleRate {
        std::num::NonZero::new(self.rate).unwrap_or(std::num::NonZero::<u32>::MIN)
    }
    fn total_duration(&self) -> Option<std::time::Duration> {
        None
    }
}

enum Output {
    /// The caller pulls with `advance`.
    Deviceless(Mutex<Option<EngineSource>>),
    /// The sound device's mixer; the device lives on its own thread until
    /// `_keep` is dropped.
    #[cfg(feature = "playback")]
    Device {
        mixer: rodio::mixer::Mixer,
        _keep: mpsc::Sender<()>,
    },
}

/// The mindfulness player of one course.
pub struct Player {
    school: Arc<PainSchool>,
    engine: Arc<Mutex<Engine>>,
    state: watch::Receiver<PlayerState>,
    persist: Mutex<mpsc::Receiver<Persist>>,
    output: Output,
    /// Playing when an interruption began.
    interrupted: AtomicBool,
}

impl std::fmt::Debug for Player {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Player")
            .field("state", &*self.state.borrow())
            .finish_non_exhaustive()
    }
}

impl Player {
    fn build(
        school: Arc<PainSchool>,
        output: impl FnOnce() -> Result<Output, AudioError>,
    ) -> Result<Player, AudioError> {
        let (state_tx, state) = watch::channel(PlayerState::idle());
        let (persist_tx, persist_rx) = mpsc::channel();
        Ok(Player {
            school,
            engine: Arc::new(Mutex::new(Engine::new(state_tx, persist_tx))),
            state,
            persist: Mutex::new(persist_rx),
            output: output()?,
            interrupted: AtomicBool::new(false),
        })
    }

    /// A player without a sound device: [`Player::advance`] plays.
    pub fn deviceless(school: Arc<PainSchool>) -> Player {
        Self::build(school, || Ok(Output::Deviceless(Mutex::new(None))))
            .unwrap_or_else(|_| unreachable!("a device-less output cannot fail"))
    }

    /// A player on the default sound device. The device is opened on a
    /// thread of its own (it may not move between threads); a second
    /// thread saves the position and the practice log about once a second.
    #[cfg(feature = "playback")]
    pub fn with_device(school: Arc<PainSchool>) -> Result<Arc<Player>, AudioError> {
        let player = Arc::new(Self::build(school, open_device)?);
        let weak = Arc::downgrade(&player);
        std::thread::Builder::new()
            .name("painschool-audio-save".into())
            .spawn(move || {
                while let Some(p) = weak.upgrade() {
                    if let Err(e) = p.save_pending() {
                        tracing::warn!(error = %e, "saving the player's position failed");
                    }
                    drop(p);
                    std::thread::sleep(std::time::Duration::from_secs(1));
                }
            })
            .map_err(|e| AudioError::Device(e.to_string()))?;
        Ok(player)
    }

    /// The state now.
    pub fn state(&self) -> PlayerState {
        self.state.borrow().clone()
    }

    /// A receiver that holds the state and sees each change (at most 4
    /// position updates a second of playing, and every change of status).
    pub fn subscribe(&self) -> watch::Receiver<PlayerState> {
        self.state.clone()
    }

    /// Loads the recording of `section_id` in the patient's language: the
    /// module must be open and access not ended; the file is checked
    /// against the bundle's SHA-256 before anything plays. Returns the track
    /// and, if the patient stopped part-way last time, where to continue.
    /// On failure the state says why and the player stays usable.
    pub fn load(&self, section_id: &str) -> Result<LoadedTrack, AudioError> {
        self.save_pending()?;
        if let Err(e) = self.school.check_section_open(section_id) {
            let reason = match e {
                crate::Error::UnknownSection(id) => AudioError::NoRecording(id),
                other => AudioError::NotAvailable(other.to_string()),
            };
            lock(&self.engine).fail_load(reason.clone());
            return Err(reason);
        }
        let lang = self.school.preferences()?.language;
        lock(&self.engine).set_loading();
        let loaded = track::open_section(self.school.bundle(), section_id, lang);
        self.install(loaded)
    }

    /// Loads a file directly, checked against `sha256` when given (tests of
    /// damaged files; the cli's content checks).
    #[doc(hidden)]
    pub fn load_file(
        &self,
        path: &std::path::Path,
        sha256: Option<&str>,
        section_id: &str,
        stated_seconds: u32,
    ) -> Result<LoadedTrack, AudioError> {
        self.save_pending()?;
        let lang = self.school.preferences()?.language;
        lock(&self.engine).set_loading();
        let loaded = track::open_file(path, sha256, section_id, lang, stated_seconds);
        self.install(loaded)
    }

    #[cfg_attr(not(feature = "playback"), allow(irrefutable_let_patterns))]
    fn install(
        &self,
        loaded: Result<super::engine::Loaded, AudioError>,
    ) -> Result<LoadedTrack, AudioError> {
        let loaded = match loaded {
            Ok(l) => l,
            Err(e) => {
                lock(&self.engine).fail_load(e.clone());
                return Err(e);
            }
        };
        let info = loaded.info.clone();
        lock(&self.engine).load(loaded);
        if let Output::Deviceless(slot) = &self.output {
            *slot.lock().unwrap_or_else(|p| p.into_inner()) = None;
        }
        self.save_pending()?;
        let saved = self.school.audio_position(&info.key)?;
        let resume_at_ms = saved.filter(|&ms| {
            ms >= RESUME_MIN_MS && ms.saturating_add(RESUME_END_MARGIN_MS) <= info.duration_ms
        });
        Ok(LoadedTrack {
            track: info,
            resume_at_ms,
        })
    }

    /// Plays from where the player stands (the start, the pause, or the
    /// start again after the end).
    pub fn play(&self) -> Result<(), AudioError> {
        self.interrupted.store(false, Ordering::SeqCst);
        let now = self.school.clock().now();
        let id = uuid::Uuid::now_v7().to_string();
        let new_output = lock(&self.engine).play(now, id)?;
        if new_output {
            self.start_output()?;
        }
        self.save_pending()
    }

    /// Moves to `position_ms` and plays (the resume offer's "continue").
    pub fn play_from(&self, position_ms: u64) -> Result<(), AudioError> {
        self.seek(position_ms)?;
        self.play()
    }

    /// Pauses; the position is saved.
    pub fn pause(&self) -> Result<(), AudioError> {
        lock(&self.engine).pause();
        self.save_pending()
    }

    /// Stops with a short fade-out; the position is saved and the practice
    /// session ends.
    pub fn stop(&self) -> Result<(), AudioError> {
        lock(&self.engine).stop();
        self.save_pending()
    }

    /// Moves to `position_ms` (clamped to the track).
    pub fn seek(&self, position_ms: u64) -> Result<(), AudioError> {
        lock(&self.engine).seek(position_ms)?;
        self.save_pending()
    }

    /// Sets the volume, 0.0–1.0.
    pub fn set_volume(&self, volume: f32) {
        lock(&self.engine).set_volume(volume);
    }

    /// The shell reports an interruption (a call, an alarm): playback
    /// pauses.
    pub fn interruption_began(&self) -> Result<(), AudioError> {
        let mut e = lock(&self.engine);
        if *e.status() == PlayerStatus::Playing {
            self.interrupted.store(true, Ordering::SeqCst);
            e.pause();
        }
        drop(e);
        self.save_pending()
    }

    /// The interruption ended. Playback goes on only when the shell says
    /// so (`resume`: the OS's "should resume" hint) and it was playing
    /// when the interruption began; never by itself.
    pub fn interruption_ended(&self, resume: bool) -> Result<(), AudioError> {
        if self.interrupted.swap(false, Ordering::SeqCst)
            && resume
            && *lock(&self.engine).status() == PlayerStatus::Paused
        {
            return self.play();
        }
        Ok(())
    }

    /// Headphones were unplugged: pause (and no resume after an
    /// interruption).
    pub fn headphones_unplugged(&self) -> Result<(), AudioError> {
        self.interrupted.store(false, Ordering::SeqCst);
        self.pause()
    }

    fn start_output(&self) -> Result<(), AudioError> {
        let source = EngineSource::new(&self.engine).ok_or(AudioError::NothingLoaded)?;
        match &self.output {
            Output::Deviceless(slot) => {
                *slot.lock().unwrap_or_else(|p| p.into_inner()) = Some(source);
            }
            #[cfg(feature = "playback")]
            Output::Device { mixer, .. } => mixer.add(source),
        }
        Ok(())
    }

    /// Device-less player only: pulls `ms` of output (what the device
    /// would), hands each sample to `each`, then saves what is due. Returns
    /// the samples pulled and the output's samples per second.
    #[cfg_attr(not(feature = "playback"), allow(irrefutable_let_patterns))]
    fn pull(&self, ms: u64, mut each: impl FnMut(f32)) -> Result<(u64, u64), AudioError> {
        let Output::Deviceless(slot) = &self.output else {
            return Err(AudioError::NotDeviceless);
        };
        let (mut pulled, mut per_second) = (0u64, 0u64);
        {
            let mut slot = slot.lock().unwrap_or_else(|p| p.into_inner());
            if let Some(source) = slot.as_mut() {
                per_second = u64::from(source.rate) * u64::from(source.channels);
                let n = (ms * per_second / 1000) as usize;
                for s in source.by_ref().take(n) {
                    each(s);
                    pulled += 1;
                }
                if source.done {
                    *slot = None;
                }
            }
        }
        self.save_pending()?;
        Ok((pulled, per_second))
    }

    /// Device-less player only: plays `ms` of audio now, then saves what is
    /// due. Returns the samples.
    pub fn advance_collect(&self, ms: u64) -> Result<Vec<f32>, AudioError> {
        let mut out = Vec::new();
        self.pull(ms, |s| out.push(s))?;
        Ok(out)
    }

    /// Device-less player only: plays `ms` of audio now. Returns how many
    /// milliseconds of output were produced (less when the output ended).
    pub fn advance(&self, ms: u64) -> Result<u64, AudioError> {
        let (pulled, per_second) = self.pull(ms, |_| {})?;
        Ok((pulled * 1000).checked_div(per_second).unwrap_or(0))
    }

    /// Saves what the engine queued: the latest position per track and the
    /// latest state of each session, in one transaction each.
    pub fn save_pending(&self) -> Result<(), AudioError> {
        let mut positions: BTreeMap<String, u64> = BTreeMap::new();
        let mut sessions = BTreeMap::new();
        {
            let rx = self.persist.lock().unwrap_or_else(|p| p.into_inner());
            while let Ok(p) = rx.try_recv() {
                match p {
                    Persist::Position { key, position_ms } => {
                        positions.insert(key, position_ms);
                    }
                    Persist::Session(s) => {
                        sessions.insert(s.id.clone(), s);
                    }
                }
            }
        }
        if positions.is_empty() && sessions.is_empty() {
            return Ok(());
        }
        let positions: Vec<(String, u64)> = positions.into_iter().collect();
        let sessions: Vec<_> = sessions.into_values().collect();
        self.school.save_listening(&positions, &sessions)?;
        Ok(())
    }
}

#[cfg(feature = "playback")]
fn open_device() -> Result<Output, AudioError> {
    let (mixer_tx, mixer_rx) = mpsc::channel();
    let (keep_tx, keep_rx) = mpsc::channel::<()>();
    std::thread::Builder::new()
        .name("painschool-audio-device".into())
        .spawn(
            move || match rodio::DeviceSinkBuilder::open_default_sink() {
                Ok(mut sink) => {
                    sink.log_on_drop(false);
                    let _ = mixer_tx.send(Ok(sink.mixer().clone()));
                    // Keep the device open until the player is dropped.
                    let _ = keep_rx.recv();
                }
                Err(e) => {
                    let _ = mixer_tx.send(Err(AudioError::Device(e.to_string())));
                }
            },
        )
        .map_err(|e| AudioError::Device(e.to_string()))?;
    let mixer = mixer_rx
        .recv()
        .map_err(|_| AudioError::Device("the device thread stopped".into()))??;
    Ok(Output::Device {
        mixer,
        _keep: keep_tx,
    })
}
