//! The sync engine: activation, then `sync_now` — upload the outbox in
//! batches, then pull the feed page by page until nothing more waits.
//!
//! - Upload: at most [`MAX_BATCH`] changes a push. The server's outcome for
//!   each change settles it: accepted and duplicate changes leave the
//!   outbox, rejected ones too (logged by change id and reason, never the
//!   text; the local data stays). A change is removed only if it is still
//!   the row that was sent (sequence number, id and counter), so an edit
//!   made during the upload is sent again.
//! - Download: each page is applied in one transaction together with the new
//!   cursor. Unknown entities are skipped.
//! - Activation sends a random attempt id with the code, the same one with
//!   every retry of that code until one succeeds: a server that used the
//!   code but whose answer was lost answers the retry (same device, a new
//!   token) instead of refusing the used code. The id lives in memory, so
//!   after an app restart a lost answer still needs a new code.
//! - After a failure the next attempt waits (backoff with full jitter, or the
//!   server's `Retry-After`); `sync_now` before then returns at once with
//!   the time it will try, and the state carries it for the app's scheduler.
//!
//! Database work runs on tokio's blocking pool: the engine must be awaited
//! on a tokio runtime with I/O and time enabled.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use chrono::{DateTime, Utc};
use serde_json::value::RawValue;
use tokio::sync::{Mutex, watch};

use super::backoff::{Backoff, os_random_unit};
use super::decode::decode_page;
use super::error::{StorageProblem, SyncError};
use super::state::{SyncActivity, SyncState};
use super::transport::Transport;
use super::url::ServerUrl;
use super::wire::{ActivateRequest, MAX_BATCH, Outcome, PushChange, PushRequest};
use crate::PainSchool;
use crate::course::Enrolment;
use crate::store::{Activation, OutboxChange};

/// What one `sync_now` did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SyncReport {
    /// Changes the server stored (or had stored already).
    pub sent: u32,
    /// Changes the server refused for good (dropped from the outbox).
    pub rejected: u32,
    /// Feed items received and applied (unknown ones not counted).
    pub received: u32,
    /// Set when the call did nothing because a retry is not due yet.
    pub deferred_until: Option<DateTime<Utc>>,
}

/// What an activation gave.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Activated {
    /// This device's id at the server.
    pub device_id: String,
    /// The enrolment the clinic set.
    pub enrolment: Enrolment,
}

#[derive(Debug, Default)]
struct Failures {
    in_a_row: u32,
    retry_at: Option<DateTime<Utc>>,
}

/// Syncs one patient's course with the clinic server.
pub struct SyncEngine<T: Transport> {
    school: Arc<PainSchool>,
    transport: T,
    allow_loopback_http: AtomicBool,
    backoff: Backoff,
    jitter: Box<dyn Fn() -> f64 + Send + Sync>,
    state: watch::Sender<SyncState>,
    /// Held for a whole activation or sync: they never overlap.
    run: Mutex<Failures>,
    /// The code being activated (as the server compares it) and the
    /// attempt id sent with it, until an activation succeeds.
    attempt: std::sync::Mutex<Option<(String, String)>>,
}

impl<T: Transport> std::fmt::Debug for SyncEngine<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SyncEngine")
            .field("state", &*self.state.borrow())
            .finish_non_exhaustive()
    }
}

impl<T: Transport> SyncEngine<T> {
    /// An engine for `school` over `transport`, with the default backoff and
    /// the operating system's randomness for jitter.
    pub fn new(school: Arc<PainSchool>, transport: T) -> crate::Result<Self> {
        let account = school.store().sync_account()?;
        let initial =
            SyncState::initial(account.is_some(), account.and_then(|a| a.last_success_at));
        Ok(SyncEngine {
            school,
            transport,
            allow_loopback_http: AtomicBool::new(false),
            backoff: Backoff::default(),
            jitter: Box::new(os_random_unit),
            state: watch::Sender::new(initial),
            run: Mutex::new(Failures::default()),
            attempt: std::sync::Mutex::new(None),
        })
    }

    /// Replaces the backoff policy and the jitter source (tests fix both).
    pub fn with_backoff(
        mut self,
        backoff: Backoff,
        jitter: impl Fn() -> f64 + Send + Sync + 'static,
    ) -> Self {
        self.backoff = backoff;
        self.jitter = Box::new(jitter);
        self
    }

    /// Development only: allows `http://` to this machine (`127.0.0.1`,
    /// `localhost`, `[::1]`). Any other plain-HTTP address stays refused.
    pub fn set_allow_loopback_http(&self, allow: bool) {
        self.allow_loopback_http.store(allow, Ordering::SeqCst);
    }

    /// The transport (tests reach their fake through it).
    pub fn transport(&self) -> &T {
        &self.transport
    }

    /// A receiver of the sync state: it holds the current state at once and
    /// sees each change.
    pub fn state(&self) -> watch::Receiver<SyncState> {
        self.state.subscribe()
    }

    /// The sync state now.
    pub fn current_state(&self) -> SyncState {
        self.state.borrow().clone()
    }

    fn parse_url(&self, raw: &str) -> Result<ServerUrl, SyncError> {
        ServerUrl::parse(raw, self.allow_loopback_http.load(Ordering::SeqCst))
    }

    /// Runs `f` with the course on the blocking pool.
    async fn db<R: Send + 'static>(
        &self,
        f: impl FnOnce(&PainSchool) -> crate::Result<R> + Send + 'static,
    ) -> Result<R, SyncError> {
        let school = self.school.clone();
        match tokio::task::spawn_blocking(move || f(&school)).await {
            Ok(r) => r.map_err(SyncError::from),
            Err(_) => {
                tracing::error!("a sync database step panicked");
                Err(SyncError::Internal)
            }
        }
    }

    fn set_activity(&self, activity: SyncActivity) {
        self.state.send_if_modified(|s| {
            let changed = s.activity != activity;
            s.activity = activity;
            changed
        });
    }

    /// The attempt id for `code`: the one already sent with it, or a new
    /// one (none if the operating system has no randomness to give).
    fn attempt_for(&self, code: &str) -> Option<String> {
        // The server ignores spaces, dashes and case.
        let key: String = code
            .chars()
            .filter(char::is_ascii_alphanumeric)
            .map(|c| c.to_ascii_uppercase())
            .collect();
        let mut attempt = self.attempt.lock().unwrap_or_else(|p| p.into_inner());
        if let Some((k, id)) = attempt.as_ref()
            && *k == key
        {
            return Some(id.clone());
        }
        let mut bytes = [0u8; 16];
        getrandom::fill(&mut bytes).ok()?;
        let id = hex::encode(bytes);
        *attempt = Some((key, id.clone()));
        Some(id)
    }

    /// Activates this device with a one-time code from the clinic: stores
    /// the server, the device token and id, the enrolment and the unit. A
    /// device already activated is activated anew (its outbox is kept).
    /// Retrying the same code after no answer is safe (see the module
    /// documentation).
    pub async fn activate(&self, server_url: &str, code: &str) -> Result<Activated, SyncError> {
        let server = self.parse_url(server_url)?;
        let mut failures = self.run.lock().await;
        let attempt = self.attempt_for(code);
        let request = ActivateRequest {
            code,
            attempt: attempt.as_deref(),
        };
        let r = self.transport.activate(&server, &request).await?;
        let now = self.school.clock().now();
        let activated = Activated {
            device_id: r.device_id.clone(),
            enrolment: r.enrolment.clone(),
        };
        let url = server.as_str().to_owned();
        self.db(move |s| {
            s.store().store_activation(
                &Activation {
                    server_url: &url,
                    device_token: &r.token,
                    device_id: &r.device_id,
                    enrolment: &r.enrolment,
                    unit: r.unit.as_ref(),
                    server_time: r.server_time,
                },
                now,
            )?;
            s.changed();
            Ok(())
        })
        .await?;
        *self.attempt.lock().unwrap_or_else(|p| p.into_inner()) = None;
        *failures = Failures::default();
        self.state.send_modify(|s| {
            s.activated = true;
            s.activity = SyncActivity::Idle;
            s.retry_at = None;
        });
        tracing::info!("device activated");
        Ok(activated)
    }

    /// Syncs now: uploads the outbox, then pulls and applies everything new.
    /// Returns at once (with `deferred_until`) while a retry after a failure
    /// is not due yet.
    pub async fn sync_now(&self) -> Result<SyncReport, SyncError> {
        let mut failures = self.run.lock().await;
        let now = self.school.clock().now();
        if let Some(at) = failures.retry_at.filter(|at| now < *at) {
            return Ok(SyncReport {
                deferred_until: Some(at),
                ..SyncReport::default()
            });
        }
        let result = self.attempt().await;
        let now = self.school.clock().now();
        let result = match result {
            Ok(report) => self
                .db(move |s| {
                    let mut store = s.store();
                    store.record_sync_success(now)?;
                    // Access works again (the clinic extended it).
                    store.set_access_refused(None)
                })
                .await
                .map(|()| report),
            Err(SyncError::AccessEnded) => {
                // The server's confirmation that access ended: the course
                // locks, and the data may be wiped once nothing is unsent.
                self.db(move |s| {
                    s.store().set_access_refused(Some(now))?;
                    s.changed();
                    Ok(())
                })
                .await?;
                Err(SyncError::AccessEnded)
            }
            Err(e) => Err(e),
        };
        match &result {
            Ok(_) => {
                *failures = Failures::default();
                self.state.send_modify(|s| {
                    s.activity = SyncActivity::Idle;
                    s.last_success = Some(now);
                    s.retry_at = None;
                });
            }
            Err(e) => {
                if !e.is_local() {
                    failures.in_a_row = failures.in_a_row.saturating_add(1);
                    let wait =
                        self.backoff
                            .delay(failures.in_a_row, e.retry_after(), (self.jitter)());
                    failures.retry_at =
                        Some(now + chrono::Duration::from_std(wait).unwrap_or_default());
                }
                let activity = e
                    .reason()
                    .map_or(SyncActivity::Offline, SyncActivity::Error);
                tracing::info!(?activity, "sync stopped");
                let retry_at = failures.retry_at;
                self.state.send_modify(|s| {
                    s.activity = activity;
                    s.retry_at = retry_at;
                });
            }
        }
        result
    }

    async fn attempt(&self) -> Result<SyncReport, SyncError> {
        let account = self
            .db(|s| s.store().sync_account())
            .await?
            .ok_or(SyncError::NotActivated)?;
        let server = self.parse_url(&account.server_url)?;
        let token: &str = &account.device_token;
        let mut report = SyncReport::default();
        self.upload(&server, token, &mut report).await?;
        self.download(&server, token, account.cursor, &mut report)
            .await?;
        Ok(report)
    }

    async fn upload(
        &self,
        server: &ServerUrl,
        token: &str,
        report: &mut SyncReport,
    ) -> Result<(), SyncError> {
        let mut total =
            u32::try_from(self.db(|s| s.store().outbox_len()).await?).unwrap_or(u32::MAX);
        let mut sent = 0u32;
        self.set_activity(SyncActivity::Syncing { sent, total });
        // Edits made during the upload join it, within a bound, so a patient
        // writing without pause cannot keep one sync running for ever.
        let mut rounds_left = total.div_ceil(MAX_BATCH) + 2;
        while rounds_left > 0 {
            rounds_left -= 1;
            let batch = self.db(|s| s.store().pending_changes(MAX_BATCH)).await?;
            if batch.is_empty() {
                break;
            }
            let request = PushRequest {
                changes: batch.iter().map(to_wire).collect::<Result<_, _>>()?,
            };
            let response = self.transport.push(server, token, &request).await?;
            let (accepted, rejected) = settle(batch, &response.results)?;
            let (n_ok, n_rejected) = (accepted.len() as u32, rejected.len() as u32);
            let server_time = response.server_time;
            self.db(move |s| {
                s.store().settle_push(&accepted, &rejected, server_time)?;
                s.changed();
                Ok(())
            })
            .await?;
            report.sent += n_ok;
            report.rejected += n_rejected;
            sent += n_ok + n_rejected;
            total = total.max(sent);
            self.set_activity(SyncActivity::Syncing { sent, total });
        }
        Ok(())
    }

    async fn download(
        &self,
        server: &ServerUrl,
        token: &str,
        mut cursor: i64,
        report: &mut SyncReport,
    ) -> Result<(), SyncError> {
        loop {
            let page = self
                .transport
                .pull(server, token, cursor, MAX_BATCH)
                .await?;
            if page.more && page.cursor <= cursor {
                // More is promised but the cursor does not move: asking
                // again would loop for ever.
                return Err(SyncError::BadResponse);
            }
            let decoded = decode_page(&page);
            let received = decoded.items.len() as u32;
            let now = self.school.clock().now();
            self.db(move |s| {
                if s.store().apply_remote(&decoded, now)? > 0 {
                    s.changed();
                }
                Ok(())
            })
            .await?;
            report.received += received;
            cursor = page.cursor;
            if !page.more {
                return Ok(());
            }
        }
    }
}

#[cfg(feature = "http")]
impl SyncEngine<super::HttpTransport> {
    /// An engine over reqwest (HTTPS with rustls) with the default timeouts.
    pub fn with_http(school: Arc<PainSchool>) -> Result<Self, SyncError> {
        let transport = super::HttpTransport::over_reqwest().map_err(SyncError::from)?;
        Ok(SyncEngine::new(school, transport)?)
    }
}

/// An outbox row as pushed.
fn to_wire(c: &OutboxChange) -> Result<PushChange, SyncError> {
    Ok(PushChange {
        id: c.id.clone(),
        entity: c.entity.clone(),
        entity_id: c.entity_id.clone(),
        hlc: c.hlc.clone(),
        payload: RawValue::from_string(c.payload.clone())
            .map_err(|_| SyncError::Storage(StorageProblem::Corrupt))?,
    })
}

/// Splits a pushed batch by the server's outcomes: (stored, refused for
/// good). The outcomes must answer the changes one for one, in order;
/// otherwise nothing is settled and the batch goes again (pushes are
/// idempotent).
fn settle(
    batch: Vec<OutboxChange>,
    outcomes: &[Outcome],
) -> Result<(Vec<OutboxChange>, Vec<OutboxChange>), SyncError> {
    if outcomes.len() != batch.len() || batch.iter().zip(outcomes).any(|(c, o)| c.id != o.id()) {
        return Err(SyncError::BadResponse);
    }
    let mut accepted = Vec::with_capacity(batch.len());
    let mut rejected = Vec::new();
    for (change, outcome) in batch.into_iter().zip(outcomes) {
        match outcome {
            Outcome::Accepted { .. } | Outcome::Duplicate { .. } => accepted.push(change),
            Outcome::Rejected { reason, .. } => {
                let reason: String = reason.chars().take(160).collect();
                tracing::warn!(change_id = %change.id, entity = %change.entity, %reason,
                    "the server refused a change; dropped from the outbox, the local data is kept");
                rejected.push(change);
            }
        }
    }
    Ok((accepted, rejected))
}
