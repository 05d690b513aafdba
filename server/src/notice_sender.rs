//! The e-mail notices' sender (issue 5.8): reads the pending notices, asks
//! the rules in [`crate::notices`] which mails are due, sends them over
//! SMTP (lettre on rustls with the ring provider) and records the outcome.
//! A failed send keeps its notice and is retried with backoff; the notices
//! live in the database, so a restart keeps them. The server runs
//! [`Notifier::send_due_notices`] every [`TICK`]; tests call it directly
//! with their own clock.
//!
//! Logs name recipients by kind and id (a clinician's or a unit's), never a
//! patient; the SMTP password is never logged.

use std::sync::Arc;

use chrono::{DateTime, Duration, Utc};
use lettre::message::Mailbox;
use lettre::message::header::ContentType;
use lettre::transport::smtp::authentication::Credentials;
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};

use crate::api::App;
use crate::config::{SmtpConfig, SmtpTls};
use crate::notices::{self, PendingNotice};
use crate::store::{NoticeStore, Repository, StoreError};

/// How often the server looks for due notices.
pub const TICK: std::time::Duration = std::time::Duration::from_secs(30);

/// How long one SMTP exchange may take.
const SMTP_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(30);

/// What one tick did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct TickReport {
    /// Mails sent.
    pub sent: usize,
    /// Mails that failed (their notices stay pending, retried later).
    pub failed: usize,
    /// Notices set aside because nobody can be mailed for them.
    pub unaddressed: usize,
}

/// Sends the notices over one configured SMTP server.
pub struct Notifier {
    transport: AsyncSmtpTransport<Tokio1Executor>,
    from: Mailbox,
    portal_url: String,
    window: Duration,
}

/// The SMTP settings could not make a transport.
#[derive(Debug, thiserror::Error)]
#[error("e-mail notices: {0}")]
pub struct NotifierError(String);

impl Notifier {
    /// A sender for the SMTP server `config` names. Connects only when it
    /// sends.
    pub fn new(config: &SmtpConfig) -> Result<Notifier, NotifierError> {
        let builder = match config.tls {
            SmtpTls::None => AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(&config.host),
            SmtpTls::StartTls => AsyncSmtpTransport::<Tokio1Executor>::starttls_relay(&config.host)
                .map_err(|e| NotifierError(format!("STARTTLS to {}: {e}", config.host)))?,
            SmtpTls::Tls => AsyncSmtpTransport::<Tokio1Executor>::relay(&config.host)
                .map_err(|e| NotifierError(format!("TLS to {}: {e}", config.host)))?,
        };
        let mut builder = builder.port(config.port).timeout(Some(SMTP_TIMEOUT));
        if let Some((user, password)) = &config.credentials {
            builder =
                builder.credentials(Credentials::new(user.clone(), password.expose().to_owned()));
        }
        let from = config
            .from
            .parse::<Mailbox>()
            .map_err(|_| NotifierError("SMTP_FROM is not an address".into()))?;
        Ok(Notifier {
            transport: builder.build(),
            from,
            portal_url: config.portal_url.clone(),
            window: Duration::minutes(config.window_minutes),
        })
    }

    /// The content-free notice to `to`.
    fn message(&self, to: Mailbox) -> Result<Message, lettre::error::Error> {
        Message::builder()
            .from(self.from.clone())
            .to(to)
            .subject(notices::SUBJECT)
            .message_id(None)
            .header(ContentType::TEXT_PLAIN)
            .body(notices::body(&self.portal_url))
    }

    /// Sends the mails due at `now` and records what happened: a sent mail
    /// clears its notices (unless more messages came meanwhile), a failed
    /// one keeps them and sets their retry time, a notice without an
    /// address is set aside. Fails only when the database does.
    pub async fn send_due_notices<S: NoticeStore>(
        &self,
        store: &S,
        now: DateTime<Utc>,
    ) -> Result<TickReport, StoreError> {
        let pending = store.pending_notices().await?;
        let plan = notices::plan(&pending, now, self.window);
        let mut report = TickReport::default();
        for i in plan.unaddressed {
            let n = &pending[i];
            tracing::info!(
                recipient = n.key.kind.as_str(),
                id = %n.key.id,
                "no e-mail address for a message notice (a unit without a shared mailbox?); none sent"
            );
            store.notice_done(n.key.clone(), n.arrivals, None).await?;
            report.unaddressed += 1;
        }
        for mail in plan.mails {
            let due: Vec<&PendingNotice> = mail.notices.iter().map(|&i| &pending[i]).collect();
            let outcome = match mail.to.parse::<Mailbox>() {
                Ok(to) => match self.message(to) {
                    Ok(m) => self
                        .transport
                        .send(m)
                        .await
                        .map(|_| ())
                        .map_err(|e| e.to_string()),
                    Err(e) => Err(e.to_string()),
                },
                Err(_) => Err("the recipient's address is not valid".to_owned()),
            };
            match outcome {
                Ok(()) => {
                    for n in &due {
                        store
                            .notice_done(n.key.clone(), n.arrivals, Some(now))
                            .await?;
                    }
                    report.sent += 1;
                }
                Err(error) => {
                    for n in &due {
                        let failures = n.failures.saturating_add(1);
                        let retry_at = now + notices::retry_delay(failures);
                        tracing::warn!(
                            recipient = n.key.kind.as_str(),
                            id = %n.key.id,
                            failures,
                            %retry_at,
                            %error,
                            "a message notice could not be sent; kept for a retry"
                        );
                        store
                            .notice_failed(n.key.clone(), failures, retry_at)
                            .await?;
                    }
                    report.failed += 1;
                }
            }
        }
        Ok(report)
    }
}

/// Starts the server's notice task: every [`TICK`], the notices due at the
/// app's clock are sent. Returns at once.
pub fn spawn<R: Repository>(app: Arc<App<R>>, notifier: Notifier) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        let mut every = tokio::time::interval(TICK);
        every.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            every.tick().await;
            if let Err(e) = notifier.send_due_notices(&app.store, (app.now)()).await {
                tracing::error!(error = %e, "message notices: the database failed; trying again later");
            }
        }
    })
}
