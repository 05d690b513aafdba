//! The engine with a synthetic recording (a constant level), so every
//! sample is known: the fade-out, volume, ticks, saves and the end.

use std::num::NonZero;
use std::sync::mpsc;

use chrono::{DateTime, Utc};
use rodio::buffer::SamplesBuffer;
use tokio::sync::watch;

use super::*;
use crate::audio::state::{PlayerState, PlayerStatus, TrackInfo};
use crate::content::Lang;

const RATE: u32 = 8_000;
const LEVEL: f32 = 0.5;

fn engine() -> (
    Engine,
    watch::Receiver<PlayerState>,
    mpsc::Receiver<Persist>,
) {
    let (tx, rx) = watch::channel(PlayerState::idle());
    let (ptx, prx) = mpsc::channel();
    (Engine::new(tx, ptx), rx, prx)
}

/// `seconds` of a constant level, stereo, stated as `stated` seconds long.
fn loaded(seconds: u32, stated: u32) -> Loaded {
    let samples = vec![LEVEL; (seconds * RATE * 2) as usize];
    Loaded {
        info: TrackInfo {
            section_id: "m1-breathing".into(),
            lang: Lang::Sv,
            key: "m1-breathing.sv".into(),
            duration_ms: u64::from(stated) * 1000,
        },
        decoder: Box::new(SamplesBuffer::new(
            NonZero::new(2).unwrap(),
            NonZero::new(RATE).unwrap(),
            samples,
        )),
        channels: 2,
        rate: RATE,
        expected_frames: u64::from(stated) * u64::from(RATE),
    }
}

fn now() -> DateTime<Utc> {
    "2026-11-03T09:00:00Z".parse().unwrap()
}

/// Renders `ms` of output.
fn pull(e: &mut Engine, ms: u64) -> (Vec<f32>, Rendered) {
    let mut out = vec![0.0; (ms * u64::from(RATE) / 1000 * 2) as usize];
    let r = e.render(&mut out, e.generation());
    (out, r)
}

#[test]
fn stop_fades_the_last_samples_to_silence() {
    let (mut e, _, _) = engine();
    e.load(loaded(10, 10));
    assert!(e.play(now(), "s1".into()).unwrap(), "a new output");
    let (out, _) = pull(&mut e, 1000);
    assert!(out.iter().all(|&s| s == LEVEL), "full level while playing");
    e.stop();
    let (out, r) = pull(&mut e, 2 * FADE_MS);
    assert_eq!(r, Rendered::Filled);
    let fade_frames = (FADE_MS * u64::from(RATE) / 1000) as usize;
    let left: Vec<f32> = out.iter().step_by(2).copied().collect();
    // A linear ramp from full level down to (almost) nothing …
    assert!((left[0] - LEVEL).abs() < 1e-3);
    assert!(left.windows(2).take(fade_frames).all(|w| w[1] <= w[0]));
    assert!(left[fade_frames - 1] > 0.0 && left[fade_frames - 1] < LEVEL / 100.0);
    let mid = left[fade_frames / 2];
    assert!(
        (mid - LEVEL / 2.0).abs() < 0.01,
        "half way: half the level, {mid}"
    );
    // … then silence, and the output finishes.
    assert!(left[fade_frames..].iter().all(|&s| s == 0.0));
    assert_eq!(*e.status(), PlayerStatus::Ready);
    assert_eq!(pull(&mut e, 10).1, Rendered::Finished);
    assert_eq!(e.position_ms(), 1000 + FADE_MS);
}

#[test]
fn volume_scales_and_pause_is_silent_and_keeps_the_position() {
    let (mut e, _, _) = engine();
    e.load(loaded(10, 10));
    e.play(now(), "s1".into()).unwrap();
    e.set_volume(0.5);
    let (out, _) = pull(&mut e, 100);
    assert!(out.iter().all(|&s| (s - LEVEL * 0.5).abs() < 1e-6));
    e.set_volume(f32::NAN);
    let (out, _) = pull(&mut e, 100);
    assert!(out.iter().all(|&s| s == LEVEL), "a nonsense volume is full");
    e.pause();
    let (out, r) = pull(&mut e, 500);
    assert!(out.iter().all(|&s| s == 0.0) && r == Rendered::Filled);
    assert_eq!(e.position_ms(), 200);
    assert!(
        !e.play(now(), "ignored".into()).unwrap(),
        "the output goes on"
    );
    pull(&mut e, 100);
    assert_eq!(e.position_ms(), 300);
}

#[test]
fn the_position_is_published_every_quarter_second_and_saved_every_five() {
    let (mut e, mut rx, prx) = engine();
    e.load(loaded(20, 20));
    e.play(now(), "s1".into()).unwrap();
    rx.borrow_and_update();
    let mut updates = 0;
    for _ in 0..100 {
        pull(&mut e, 10);
        if rx.has_changed().unwrap() {
            rx.borrow_and_update();
            updates += 1;
        }
    }
    assert_eq!(updates, 4, "one second of playing: four position updates");
    pull(&mut e, 9_000);
    let saved: Vec<Persist> = prx.try_iter().collect();
    let positions: Vec<u64> = saved
        .iter()
        .filter_map(|p| match p {
            Persist::Position { position_ms, .. } => Some(*position_ms),
            _ => None,
        })
        .collect();
    assert_eq!(positions, [5_000, 10_000]);
    let Some(Persist::Session(s)) = saved.last() else {
        panic!("the session is saved with the position")
    };
    assert_eq!((s.id.as_str(), s.seconds_heard), ("s1", 10));
}

#[test]
fn the_end_logs_a_completed_session_and_resets_the_position() {
    let (mut e, _, prx) = engine();
    e.load(loaded(3, 3));
    e.play(now(), "s1".into()).unwrap();
    e.seek(1_000).unwrap();
    let (_, r) = pull(&mut e, 5_000);
    assert_eq!(r, Rendered::Filled);
    assert_eq!(*e.status(), PlayerStatus::Ended);
    let saved: Vec<Persist> = prx.try_iter().collect();
    assert!(saved.contains(&Persist::Position {
        key: "m1-breathing.sv".into(),
        position_ms: 0
    }));
    let Some(Persist::Session(s)) = saved
        .iter()
        .rev()
        .find(|p| matches!(p, Persist::Session(_)))
    else {
        panic!()
    };
    assert_eq!(s.seconds_heard, 2, "the skipped second is not heard");
    assert!(!s.completed, "2 of 3 seconds is under 90 %");
    // Play again after the end: from the start, a new session.
    assert!(e.play(now(), "s2".into()).unwrap());
    assert_eq!(e.position_ms(), 0);
}

#[test]
fn a_recording_that_stops_early_is_an_error_and_the_engine_stays_usable() {
    let (mut e, _, _) = engine();
    e.load(loaded(3, 60));
    e.play(now(), "s1".into()).unwrap();
    pull(&mut e, 5_000);
    assert_eq!(
        *e.status(),
        PlayerStatus::Error {
            reason: AudioError::EndedEarly
        }
    );
    e.load(loaded(2, 2));
    e.play(now(), "s2".into()).unwrap();
    pull(&mut e, 3_000);
    assert_eq!(*e.status(), PlayerStatus::Ended);
}

#[test]
fn an_older_output_finishes_when_another_track_loads() {
    let (mut e, _, _) = engine();
    e.load(loaded(5, 5));
    e.play(now(), "s1".into()).unwrap();
    let old = e.generation();
    e.load(loaded(5, 5));
    let mut out = vec![0.0; 64];
    assert_eq!(e.render(&mut out, old), Rendered::Finished);
    assert_eq!(e.play(now(), "s2".into()), Ok(true));
}
