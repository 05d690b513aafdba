//! Output of the clinic commands: activation, sync reports and progress,
//! message threads, and sync errors with what the patient can do.

use painschool_core::content::Lang;
use painschool_core::facade::{Author, Compose, Message, MessageStatus, Thread};
use painschool_core::sync::{SyncError, SyncReport, SyncState};

use crate::render::Out;

fn t(lang: Lang, sv: &'static str, en: &'static str) -> &'static str {
    if lang == Lang::Sv { sv } else { en }
}

/// The progress line of a long upload.
pub fn progress(sent: u32, total: u32) -> String {
    format!("skickat {sent}/{total} / sent {sent}/{total}")
}

/// A sync error with what to do about it (no patient text: there is none
/// in the error).
pub fn sync_error(e: &SyncError) -> String {
    match e {
        SyncError::NotActivated => {
            "this device is not activated: run `painschool activate --server URL --code CODE`"
                .into()
        }
        SyncError::InsecureServerUrl => "the server address must start with https:// (plain http only to this machine, with --allow-loopback-http)".into(),
        SyncError::InvalidCode => "the activation code is not valid (mistyped, used or expired): ask your clinic for a new one".into(),
        SyncError::Offline => "no connection to the server; nothing is lost, try again later".into(),
        SyncError::Unauthorized => "the server does not know this device: activate it again with a new code".into(),
        SyncError::DeviceRevoked => "your clinic has turned off this device".into(),
        SyncError::AccessEnded => "your access to the course has ended".into(),
        SyncError::TooManyAttempts { retry_after } | SyncError::ServerUnavailable { retry_after, .. } => {
            match retry_after {
                Some(d) => format!("{e}: try again in {} s", d.as_secs()),
                None => format!("{e}: try again later"),
            }
        }
        other => other.to_string(),
    }
}

fn status_text(m: &Message, lang: Lang) -> &'static str {
    match (m.author, m.status) {
        (Author::Patient, MessageStatus::Queued) => t(lang, "köat", "queued"),
        (Author::Patient, MessageStatus::Sent) => t(lang, "skickat", "sent"),
        (Author::Patient, MessageStatus::Read) => {
            t(lang, "läst av mottagningen", "read by the clinic")
        }
        (Author::Patient, MessageStatus::Failed) => {
            t(lang, "kunde inte skickas", "could not be sent")
        }
        (Author::Clinic, MessageStatus::Read) => t(lang, "läst", "read"),
        (Author::Clinic, _) => t(lang, "nytt", "new"),
    }
}

fn thread_title(thread: Thread, lang: Lang) -> &'static str {
    match thread {
        Thread::Clinician => t(lang, "Min behandlare", "My clinician"),
        Thread::Team => t(lang, "Teamets brevlåda", "Team mailbox"),
    }
}

impl Out {
    /// After `activate`.
    pub fn activated(&self, device_id: &str) {
        self.line(
            &serde_json::json!({ "ok": true, "device_id": device_id }),
            "Enheten är aktiverad. Kör `painschool sync`. / This device is activated. Run `painschool sync`.",
        );
    }

    /// After `sync`.
    pub fn sync_report(&self, r: &SyncReport, state: &SyncState) {
        let text = match r.deferred_until {
            Some(at) => format!(
                "Nästa försök tidigast {} / Next attempt at {}",
                at.format("%H:%M:%S UTC"),
                at.format("%H:%M:%S UTC")
            ),
            None => format!(
                "Synkat: {} skickade, {} mottagna{} / Synced: {} sent, {} received{}",
                r.sent,
                r.received,
                if r.rejected > 0 {
                    format!(", {} avvisade", r.rejected)
                } else {
                    String::new()
                },
                r.sent,
                r.received,
                if r.rejected > 0 {
                    format!(", {} refused", r.rejected)
                } else {
                    String::new()
                },
            ),
        };
        self.line(
            &serde_json::json!({
                "ok": true, "sent": r.sent, "rejected": r.rejected, "received": r.received,
                "deferred_until": r.deferred_until, "last_success": state.last_success,
            }),
            &text,
        );
    }

    /// The threads, newest last.
    pub fn messages(&self, threads: &[(Thread, Vec<Message>)], lang: Lang) {
        if self.json {
            let v: serde_json::Map<String, serde_json::Value> = threads
                .iter()
                .map(|(t, list)| {
                    (
                        t.as_str().to_owned(),
                        serde_json::to_value(list).unwrap_or_default(),
                    )
                })
                .collect();
            println!("{}", serde_json::to_string_pretty(&v).unwrap_or_default());
            return;
        }
        for (thread, list) in threads {
            println!("== {} ==", thread_title(*thread, lang));
            if list.is_empty() {
                println!("  {}", t(lang, "(inga meddelanden)", "(no messages)"));
            }
            for m in list {
                let who = match (m.author, &m.author_name) {
                    (Author::Patient, _) => t(lang, "Du", "You").to_owned(),
                    (Author::Clinic, Some(name)) => name.clone(),
                    (Author::Clinic, None) => t(lang, "Mottagningen", "The clinic").to_owned(),
                };
                println!(
                    "  [{}] {who} ({}):",
                    m.written_at.format("%Y-%m-%d %H:%M UTC"),
                    status_text(m, lang)
                );
                for line in m.text.lines() {
                    println!("    {line}");
                }
            }
            println!();
        }
    }

    /// After `message send`.
    pub fn message_queued(&self, m: &Message, c: &Compose, lang: Lang) {
        if self.json {
            println!(
                "{}",
                serde_json::json!({ "ok": true, "id": m.id, "status": m.status, "reply_time": c.reply_time })
            );
            return;
        }
        println!(
            "{}",
            t(
                lang,
                "Meddelandet är köat och skickas vid nästa synk (`painschool sync`).",
                "The message is queued and goes at the next sync (`painschool sync`)."
            )
        );
        if let Some(r) = &c.reply_time {
            println!("{r}");
        }
        println!("{}", c.safety_line);
    }
}
