//! `listen SECTION`: a mindfulness recording on the sound device with a
//! progress bar, or with `--no-device` decoded and walked through the same
//! player state machine (a check that needs no sound card). The position
//! and the practice log are saved as in the apps.

use std::io::Write;
use std::sync::Arc;

use painschool_core::PainSchool;
use painschool_core::audio::{AudioError, LoadedTrack, Player, PlayerState, PlayerStatus, mmss};
use painschool_core::content::Lang;

use crate::render::Out;

/// How much `--no-device` plays per step.
const STEP_MS: u64 = 1_000;

/// What to do about a saved position.
pub struct Start {
    /// Continue where the patient left off, if there is a place.
    pub resume: bool,
}

fn bar(state: &PlayerState) -> String {
    let total = state.track.as_ref().map_or(0, |t| t.duration_ms);
    let width = 30usize;
    let done = (state.position_ms.min(total) * width as u64)
        .checked_div(total)
        .unwrap_or(0) as usize;
    format!(
        "[{}{}] {} / {}",
        "#".repeat(done),
        "-".repeat(width - done),
        mmss(state.position_ms),
        mmss(total)
    )
}

fn failure(e: &AudioError, lang: Lang) -> String {
    match (e, lang) {
        (AudioError::Device(_), Lang::Sv) => {
            "ingen ljudenhet: prova --no-device för att kontrollera inspelningen".into()
        }
        (AudioError::Device(_), Lang::En) => {
            "no sound device: try --no-device to check the recording".into()
        }
        (e, _) => e.to_string(),
    }
}

fn start(p: &Player, loaded: &LoadedTrack, how: &Start, lang: Lang) -> Result<(), String> {
    let l = |e: AudioError| failure(&e, lang);
    match (loaded.resume_at_ms, how.resume) {
        (Some(at), true) => p.play_from(at).map_err(l),
        _ => p.play().map_err(l),
    }
}

fn offer(loaded: &LoadedTrack, how: &Start, lang: Lang) {
    if let (Some(at), false) = (loaded.resume_at_ms, how.resume) {
        let at = mmss(at);
        match lang {
            Lang::Sv => eprintln!("Du slutade vid {at} förra gången; --resume fortsätter där."),
            Lang::En => eprintln!("You stopped at {at} last time; --resume continues there."),
        }
    }
}

/// Plays on the sound device with a progress bar on stderr.
pub fn on_device(
    school: Arc<PainSchool>,
    section: &str,
    how: Start,
    lang: Lang,
    out: &Out,
) -> Result<(), String> {
    let p = Player::with_device(school.clone()).map_err(|e| failure(&e, lang))?;
    let loaded = p.load(section).map_err(|e| failure(&e, lang))?;
    offer(&loaded, &how, lang);
    let mut rx = p.subscribe();
    start(&p, &loaded, &how, lang)?;
    let rt = tokio::runtime::Builder::new_current_thread()
        .build()
        .map_err(|e| e.to_string())?;
    let last = loop {
        let state = rx.borrow_and_update().clone();
        if !matches!(state.status, PlayerStatus::Playing | PlayerStatus::Ready) {
            break state;
        }
        eprint!("\r{}", bar(&state));
        let _ = std::io::stderr().flush();
        if rt.block_on(rx.changed()).is_err() {
            break p.state();
        }
    };
    eprintln!();
    p.save_pending().map_err(|e| failure(&e, lang))?;
    finish(&school, &last, lang, out)
}

/// Decodes and walks the player without a device, printing each state.
pub fn without_device(
    school: Arc<PainSchool>,
    section: &str,
    how: Start,
    lang: Lang,
    out: &Out,
) -> Result<(), String> {
    let p = Player::deviceless(school.clone());
    let loaded = p.load(section).map_err(|e| failure(&e, lang))?;
    offer(&loaded, &how, lang);
    start(&p, &loaded, &how, lang)?;
    let mut shown = None;
    loop {
        let state = p.state();
        if state.status != PlayerStatus::Playing {
            break;
        }
        let tenth = state.position_ms / 30_000;
        if shown != Some(tenth) && !out.json {
            eprintln!("{}", bar(&state));
            shown = Some(tenth);
        }
        p.advance(STEP_MS).map_err(|e| failure(&e, lang))?;
    }
    finish(&school, &p.state(), lang, out)
}

fn finish(school: &PainSchool, state: &PlayerState, lang: Lang, out: &Out) -> Result<(), String> {
    let today = school.practice_minutes_today().map_err(|e| e.to_string())?;
    if out.json {
        crate::render::json(&serde_json::json!({ "state": state, "minutes_today": today }));
    } else {
        match (&state.status, lang) {
            (PlayerStatus::Ended, Lang::Sv) => println!("Klart. Du har övat {today} min i dag."),
            (PlayerStatus::Ended, Lang::En) => {
                println!("Done. You have practised {today} min today.")
            }
            (PlayerStatus::Error { reason }, _) => return Err(failure(reason, lang)),
            (_, Lang::Sv) => println!(
                "Stoppad vid {}. Du har övat {today} min i dag.",
                mmss(state.position_ms)
            ),
            (_, Lang::En) => println!(
                "Stopped at {}. You have practised {today} min today.",
                mmss(state.position_ms)
            ),
        }
    }
    Ok(())
}
