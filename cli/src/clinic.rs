//! The clinic commands: `activate`, `sync`, `messages` and `message send`.
//! They run the core's sync engine on a small tokio runtime of their own.

use std::sync::Arc;
use std::time::Duration;

use painschool_core::PainSchool;
use painschool_core::facade::Thread;
use painschool_core::sync::{HttpTransport, SyncActivity, SyncEngine, SyncError};

use crate::render::Out;
use crate::render_clinic;

/// Builds the engine for `school`, with loopback HTTP allowed only when the
/// development flag was given.
fn engine(
    school: Arc<PainSchool>,
    allow_loopback_http: bool,
) -> Result<SyncEngine<HttpTransport>, String> {
    let engine = SyncEngine::with_http(school).map_err(|e| render_clinic::sync_error(&e))?;
    engine.set_allow_loopback_http(allow_loopback_http);
    Ok(engine)
}

fn runtime() -> Result<tokio::runtime::Runtime, String> {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| format!("cannot start the network runtime: {e}"))
}

/// `activate --server URL --code CODE`.
pub fn activate(
    school: Arc<PainSchool>,
    server: &str,
    code: &str,
    allow_loopback_http: bool,
    out: &Out,
) -> Result<(), String> {
    let engine = engine(school.clone(), allow_loopback_http)?;
    let activated = runtime()?
        .block_on(engine.activate(server, code))
        .map_err(|e| render_clinic::sync_error(&e))?;
    out.activated(&activated.device_id);
    Ok(())
}

/// How long a sync runs before it shows progress: a quick sync prints only
/// its result. `PAINSCHOOL_PROGRESS_AFTER_MS` changes it (tests).
const PROGRESS_AFTER: Duration = Duration::from_secs(1);

fn progress_after() -> Duration {
    std::env::var("PAINSCHOOL_PROGRESS_AFTER_MS")
        .ok()
        .and_then(|v| v.parse().ok())
        .map_or(PROGRESS_AFTER, Duration::from_millis)
}

/// `sync`: uploads and downloads. A sync that takes longer than a second
/// shows its upload's progress on stderr ("sent 120/500").
pub fn sync(school: Arc<PainSchool>, allow_loopback_http: bool, out: &Out) -> Result<(), String> {
    let engine = engine(school, allow_loopback_http)?;
    let rt = runtime()?;
    let mut states = engine.state();
    let show_progress = !out.json;
    let after = progress_after();
    let result = rt.block_on(async {
        let progress = async {
            if show_progress {
                tokio::time::sleep(after).await;
                let mut last_shown = None;
                loop {
                    let activity = states.borrow_and_update().activity;
                    if let SyncActivity::Syncing { sent, total } = activity
                        && total > 0
                        && last_shown != Some(sent)
                    {
                        eprintln!("{}", render_clinic::progress(sent, total));
                        last_shown = Some(sent);
                    }
                    if states.changed().await.is_err() {
                        break;
                    }
                }
            }
            std::future::pending::<()>().await;
        };
        tokio::select! {
            r = engine.sync_now() => r,
            () = progress => Err(SyncError::Internal),
        }
    });
    let report = result.map_err(|e| render_clinic::sync_error(&e))?;
    out.sync_report(&report, &engine.current_state());
    Ok(())
}

/// `messages [--thread T]`: shows the threads, newest last; the clinic's
/// replies shown are marked read (the clinic sees that after the next sync).
pub fn messages(school: &PainSchool, thread: Option<Thread>, out: &Out) -> Result<(), String> {
    let threads = match thread {
        Some(t) => vec![t],
        None => vec![Thread::Clinician, Thread::Team],
    };
    let lang = school.preferences().map_err(|e| e.to_string())?.language;
    let mut shown = Vec::new();
    for t in threads {
        let list = school.messages(t).map_err(|e| e.to_string())?;
        school.mark_thread_read(t).map_err(|e| e.to_string())?;
        shown.push((t, list));
    }
    out.messages(&shown, lang);
    Ok(())
}

/// `message send --to T TEXT`: queued for the next sync.
pub fn send(school: &PainSchool, thread: Thread, text: &str, out: &Out) -> Result<(), String> {
    let compose = school.compose(thread).map_err(|e| e.to_string())?;
    let message = school.send_message(thread, text).map_err(|e| {
        crate::render::error_message(&e, crate::render::Context::of(school).as_ref())
    })?;
    let lang = school.preferences().map_err(|e| e.to_string())?.language;
    out.message_queued(&message, &compose, lang);
    Ok(())
}

/// Parses a thread name.
pub fn parse_thread(s: &str) -> Result<Thread, String> {
    Thread::parse(s).ok_or_else(|| format!("unknown thread `{s}`: use clinician or team"))
}
