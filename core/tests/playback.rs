//! The player on a real sound output (feature `playback`): CI runs it with
//! an ALSA null device (`pcm.!default { type null }` via
//! `ALSA_CONFIG_PATH`), which consumes samples faster than real time. The
//! test waits on the player's state stream, never on the clock.
#![cfg(feature = "playback")]

use std::path::Path;
use std::sync::Arc;

use chrono::TimeZone;
use chrono_tz::Europe::Stockholm;
use painschool_core::PainSchool;
use painschool_core::audio::{Player, PlayerState, PlayerStatus};
use painschool_core::clock::FixedClock;
use painschool_core::course::Enrolment;
use painschool_core::keys::{DatabaseKey, MemoryKeyProvider};

/// Waits for the first state that `f` accepts (the stream holds every
/// change; a hang fails after ten minutes, far beyond a 431 s recording on
/// a null device).
fn wait_for(
    rx: &mut tokio::sync::watch::Receiver<PlayerState>,
    f: impl Fn(&PlayerState) -> bool,
) -> PlayerState {
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_time()
        .build()
        .unwrap();
    rt.block_on(async {
        tokio::time::timeout(std::time::Duration::from_secs(600), rx.wait_for(|s| f(s)))
            .await
            .expect("the player reached the state")
            .expect("the player is alive")
            .clone()
    })
}

#[test]
fn the_breathing_exercise_plays_to_the_end_on_a_real_output() {
    let dir = tempfile::tempdir().unwrap();
    let keys = MemoryKeyProvider::new(Some(DatabaseKey::from_bytes([6; 32])));
    let start = chrono::Utc.with_ymd_and_hms(2026, 11, 2, 8, 0, 0).unwrap();
    let clock = Arc::new(FixedClock::new(start + chrono::Duration::hours(1)));
    let bundle = Path::new(env!("CARGO_MANIFEST_DIR")).join("../content");
    let school = Arc::new(PainSchool::open(dir.path(), &bundle, &keys, clock).unwrap());
    school.enrol(&Enrolment::weekly(start, Stockholm)).unwrap();

    let player = Player::with_device(school.clone()).expect("the default output opens");
    let mut rx = player.subscribe();
    assert!(
        player.advance(10).is_err(),
        "the device pulls, not the caller"
    );
    player.load("m1-breathing").unwrap();
    player.play().unwrap();
    let playing = wait_for(&mut rx, |s| s.position_ms >= 2_000);
    assert_eq!(playing.status, PlayerStatus::Playing);
    player.pause().unwrap();
    let paused_at = player.state().position_ms;
    assert_eq!(player.state().status, PlayerStatus::Paused);
    player.play().unwrap();
    let ended = wait_for(&mut rx, |s| s.status != PlayerStatus::Playing);
    assert_eq!(ended.status, PlayerStatus::Ended, "{ended:?}");
    assert!(paused_at >= 2_000);
    player.save_pending().unwrap();
    let sessions = school.store_for_tests().practice_sessions(None).unwrap();
    assert_eq!(sessions.len(), 1);
    assert!(sessions[0].completed, "{:?}", sessions[0]);
}
