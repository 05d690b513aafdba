//! The mindfulness player on the device-less output with the bundle's real
//! recordings: play to the end, pause and resume, seek, the resume offer
//! after a restart, interruptions, damaged files, and every recording of the
//! bundle decoded whole. Deterministic: the test pulls the samples.

use std::sync::Arc;

use painschool_core::PainSchool;
use painschool_core::audio::{AudioError, Player, PlayerStatus, mmss};
use painschool_core::content::{Lang, SectionKind};

use crate::common::{Fixture, bundle_dir};

const BREATHING: &str = "m1-breathing";

fn player(f: &Fixture) -> (Arc<PainSchool>, Player) {
    let s = Arc::new(f.enrolled());
    (s.clone(), Player::deviceless(s))
}

fn status(p: &Player) -> PlayerStatus {
    p.state().status
}

/// Within one output block (1,024 samples) of `want`.
fn near(pos: u64, want: u64) -> bool {
    pos.abs_diff(want) <= 60
}

#[test]
fn play_to_the_end_logs_a_completed_session() {
    let f = Fixture::new();
    let (s, p) = player(&f);
    let loaded = p.load(BREATHING).unwrap();
    assert_eq!(loaded.track.key, "m1-breathing.sv");
    assert!(loaded.resume_at_ms.is_none());
    let duration = loaded.track.duration_ms;
    assert!((429_000..=433_000).contains(&duration), "{duration}");
    assert_eq!(status(&p), PlayerStatus::Ready);
    p.play().unwrap();
    assert_eq!(status(&p), PlayerStatus::Playing);
    let produced = p.advance(duration + 5_000).unwrap();
    assert!(
        produced >= duration && produced < duration + 100,
        "{produced}"
    );
    assert_eq!(status(&p), PlayerStatus::Ended);
    let sessions = s.store_for_tests().practice_sessions(None).unwrap();
    assert_eq!(sessions.len(), 1);
    assert!(sessions[0].completed);
    assert_eq!(sessions[0].section_id, BREATHING);
    assert!(sessions[0].seconds_heard >= 170);
    assert_eq!(s.practice_minutes_today().unwrap(), 7);
    // Played to the end: nothing to resume; one outbox change per track and
    // per session however often they were saved.
    assert_eq!(s.audio_position("m1-breathing.sv").unwrap(), Some(0));
    let outbox = s.store_for_tests().pending_changes(1000).unwrap();
    let count = |e: &str| outbox.iter().filter(|c| c.entity == e).count();
    assert_eq!((count("audio_position"), count("practice_session")), (1, 1));
    assert_eq!(p.advance(1_000).unwrap(), 0, "the output has finished");
}

#[test]
fn pause_keeps_the_position_and_seek_moves_it_without_counting_it_heard() {
    let f = Fixture::new();
    let (s, p) = player(&f);
    p.load(BREATHING).unwrap();
    p.play().unwrap();
    p.advance(10_000).unwrap();
    assert!(
        near(p.state().position_ms, 10_000),
        "{}",
        p.state().position_ms
    );
    p.pause().unwrap();
    let at = p.state().position_ms;
    assert_eq!(status(&p), PlayerStatus::Paused);
    assert_eq!(
        s.audio_position("m1-breathing.sv").unwrap(),
        Some(at),
        "saved on pause"
    );
    let silent = p.advance_collect(2_000).unwrap();
    assert!(silent.iter().all(|&x| x == 0.0), "paused output is silence");
    assert_eq!(p.state().position_ms, at);
    p.play().unwrap();
    p.advance(2_000).unwrap();
    assert!(near(p.state().position_ms, at + 2_000));
    p.seek(100_000).unwrap();
    assert!(p.state().position_ms.abs_diff(100_000) <= 1);
    p.advance(1_000).unwrap();
    p.stop().unwrap();
    p.advance(1_000).unwrap();
    assert_eq!(status(&p), PlayerStatus::Ready);
    let sessions = s.store_for_tests().practice_sessions(None).unwrap();
    assert_eq!(sessions.len(), 1, "pause and resume are one session");
    assert!(
        (13..=14).contains(&sessions[0].seconds_heard),
        "10 + 2 + 1 s and the fade, not the skipped 88 s: {}",
        sessions[0].seconds_heard
    );
    assert!(!sessions[0].completed);
}

#[test]
fn the_resume_offer_comes_back_after_a_restart() {
    let f = Fixture::new();
    {
        let (_, p) = player(&f);
        p.load(BREATHING).unwrap();
        p.play_from(60_000).unwrap();
        p.advance(12_000).unwrap();
        p.stop().unwrap();
        p.advance(500).unwrap();
    }
    let s = Arc::new(f.open().unwrap());
    let p = Player::deviceless(s);
    let offer = p.load(BREATHING).unwrap().resume_at_ms.expect("an offer");
    // 60 s + 12 s heard + the 250 ms fade-out.
    assert!(near(offer, 72_250), "{offer}");
    assert_eq!(mmss(offer), "1:12");
    p.play_from(offer).unwrap();
    assert!(
        p.state().position_ms.abs_diff(offer) <= 1,
        "to the millisecond"
    );
}

#[test]
fn interruptions_pause_and_resume_only_when_the_shell_says_so() {
    let f = Fixture::new();
    let (_, p) = player(&f);
    p.load(BREATHING).unwrap();
    p.play().unwrap();
    p.advance(1_000).unwrap();
    p.interruption_began().unwrap();
    assert_eq!(status(&p), PlayerStatus::Paused);
    p.interruption_ended(false).unwrap();
    assert_eq!(status(&p), PlayerStatus::Paused, "never by itself");
    p.play().unwrap();
    p.interruption_began().unwrap();
    p.interruption_ended(true).unwrap();
    assert_eq!(status(&p), PlayerStatus::Playing, "the shell said resume");
    p.headphones_unplugged().unwrap();
    assert_eq!(status(&p), PlayerStatus::Paused);
    p.interruption_ended(true).unwrap();
    assert_eq!(status(&p), PlayerStatus::Paused, "unplugged: stays paused");
    // An interruption while paused does not start playback when it ends.
    p.interruption_began().unwrap();
    p.interruption_ended(true).unwrap();
    assert_eq!(status(&p), PlayerStatus::Paused);
}

#[test]
fn damaged_files_give_typed_errors_and_the_player_stays_usable() {
    let f = Fixture::new();
    let (_, p) = player(&f);
    let good = bundle_dir().join("modules/01-introduction/media/breathing-anchor.sv.ogg");
    let bytes = std::fs::read(&good).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let write = |name: &str, data: &[u8]| {
        let path = dir.path().join(name);
        std::fs::write(&path, data).unwrap();
        path
    };
    // Missing.
    assert_eq!(
        p.load_file(&dir.path().join("none.ogg"), None, BREATHING, 171)
            .unwrap_err(),
        AudioError::Missing
    );
    assert_eq!(
        status(&p),
        PlayerStatus::Error {
            reason: AudioError::Missing
        }
    );
    // Wrong hash: nothing is decoded.
    let zeros = "0".repeat(64);
    assert_eq!(
        p.load_file(&good, Some(&zeros), BREATHING, 171)
            .unwrap_err(),
        AudioError::HashMismatch
    );
    // Unsupported: not audio at all.
    let text = write(
        "notes.ogg",
        "Det här är ingen ljudfil.".repeat(100).as_bytes(),
    );
    assert_eq!(
        p.load_file(&text, None, BREATHING, 171).unwrap_err(),
        AudioError::Unsupported
    );
    // Truncated: a third of the file plays and then reports the cut.
    let cut = write("cut.ogg", &bytes[..bytes.len() / 3]);
    p.load_file(&cut, None, BREATHING, 171).unwrap();
    p.play().unwrap();
    p.advance(180_000).unwrap();
    assert_eq!(
        status(&p),
        PlayerStatus::Error {
            reason: AudioError::EndedEarly
        }
    );
    // Corrupt: garbage over the middle of the file.
    let mut broken = bytes.clone();
    let (a, b) = (broken.len() / 3, 2 * broken.len() / 3);
    for (i, byte) in broken[a..b].iter_mut().enumerate() {
        *byte = (i * 7919 % 251) as u8;
    }
    let broken = write("broken.ogg", &broken);
    match p.load_file(&broken, None, BREATHING, 414) {
        Err(e) => assert_eq!(e, AudioError::Corrupt),
        Ok(_) => {
            p.play().unwrap();
            p.advance(600_000).unwrap();
            assert!(
                matches!(status(&p), PlayerStatus::Error { .. }),
                "{:?}",
                status(&p)
            );
        }
    }
    // Nothing crashed, and the next good recording plays.
    p.load(BREATHING).unwrap();
    p.play().unwrap();
    p.advance(1_000).unwrap();
    assert_eq!(status(&p), PlayerStatus::Playing);
    // A section without a recording, a locked module.
    assert_eq!(
        p.load("m1-welcome").unwrap_err(),
        AudioError::NoRecording("m1-welcome".into())
    );
    assert!(matches!(
        p.load("m2-breathing-space").unwrap_err(),
        AudioError::NoRecording(_) | AudioError::NotAvailable(_)
    ));
}

#[test]
fn every_recording_in_the_bundle_decodes_whole() {
    let f = Fixture::new();
    let s = Arc::new(f.enrolled());
    // Every module open, so every recording can be loaded.
    let mut e = s.enrolment().unwrap();
    e.pace = painschool_core::course::Pace::AllAtOnce;
    s.enrol(&e).unwrap();
    let p = Player::deviceless(s.clone());
    let mut checked = 0;
    for lang in Lang::ALL {
        let mut prefs = s.preferences().unwrap();
        prefs.language = lang;
        s.set_preferences(&prefs).unwrap();
        for m in &s.bundle().modules {
            for section in &m.sections {
                let stated = match &section.kind {
                    SectionKind::Audio {
                        duration_seconds, ..
                    }
                    | SectionKind::Mindfulness {
                        duration_seconds, ..
                    } => *duration_seconds,
                    _ => continue,
                };
                let loaded = p.load(&section.id).unwrap();
                p.play().unwrap();
                let heard = p.advance(u64::from(stated) * 1000 + 60_000).unwrap();
                assert_eq!(status(&p), PlayerStatus::Ended, "{} {lang:?}", section.id);
                // At least the stated length (the player reports a shorter
                // file as cut off), and the length the file's header gives.
                let stated_ms = u64::from(stated) * 1000;
                assert!(
                    heard + 2_000 >= stated_ms,
                    "{} {lang:?}: decoded {heard} ms, stated {stated_ms} ms",
                    section.id
                );
                assert!(
                    loaded.track.duration_ms.abs_diff(heard) <= 1_500,
                    "{} {lang:?}: header {} ms, decoded {heard} ms",
                    section.id,
                    loaded.track.duration_ms
                );
                checked += 1;
            }
        }
    }
    assert!(checked >= 4, "{checked} recordings");
}
