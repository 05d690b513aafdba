//! E-mail notices of patient messages (issue 5.8) on the backend under
//! test, against an SMTP sink on 127.0.0.1 written here: many messages in
//! one window make one content-free mail to the responsible clinician; a
//! team-thread message goes to the unit's shared mailbox; messages after a
//! mail wait for the window's end; a refused connection keeps the notice,
//! across a restart, until the sink is up. Time is the app's injectable
//! clock; the sender's tick is called directly.

mod common;

use std::net::SocketAddr;
use std::sync::{Arc, Mutex};

use chrono::{DateTime, Duration, TimeZone, Utc};
use common::*;
use painschool_server::clinic::{MailboxError, create_demo, set_unit_mailbox};
use painschool_server::notice_sender::{Notifier, TickReport};
use painschool_server::store::{AnyStore, NoticeStore};
use serde_json::json;
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::{TcpListener, TcpStream};

/// One mail the sink received.
#[derive(Debug, Clone)]
struct Received {
    from: String,
    to: Vec<String>,
    /// Headers and body as sent (after undoing dot-stuffing).
    data: String,
}

impl Received {
    /// The body, quoted-printable decoded.
    fn body(&self) -> String {
        let body = self.data.split_once("\r\n\r\n").map_or("", |(_, b)| b);
        let joined = body.replace("=\r\n", "");
        let bytes = joined.as_bytes();
        let mut out = Vec::with_capacity(bytes.len());
        let mut i = 0;
        while i < bytes.len() {
            let hex = bytes
                .get(i + 1..i + 3)
                .and_then(|h| std::str::from_utf8(h).ok())
                .and_then(|h| u8::from_str_radix(h, 16).ok());
            match (bytes[i], hex) {
                (b'=', Some(b)) => {
                    out.push(b);
                    i += 3;
                }
                (b, _) => {
                    out.push(b);
                    i += 1;
                }
            }
        }
        String::from_utf8_lossy(&out).into_owned()
    }
}

/// A tiny SMTP server: 220, EHLO/HELO, MAIL FROM, RCPT TO, DATA, ., QUIT
/// (anything else gets 250). Stops listening when dropped.
struct Sink {
    port: u16,
    mails: Arc<Mutex<Vec<Received>>>,
    task: tokio::task::JoinHandle<()>,
}

impl Drop for Sink {
    fn drop(&mut self) {
        self.task.abort();
    }
}

impl Sink {
    /// A sink on `port` (0: any free port).
    async fn start(port: u16) -> Sink {
        let listener = TcpListener::bind(SocketAddr::from(([127, 0, 0, 1], port)))
            .await
            .unwrap();
        let port = listener.local_addr().unwrap().port();
        let mails = Arc::new(Mutex::new(Vec::new()));
        let m = mails.clone();
        let task = tokio::spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                tokio::spawn(session(stream, m.clone()));
            }
        });
        Sink { port, mails, task }
    }

    fn mails(&self) -> Vec<Received> {
        self.mails.lock().unwrap().clone()
    }
}

fn address(arg: &str) -> String {
    arg.split_once('<')
        .and_then(|(_, rest)| rest.split_once('>'))
        .map_or(arg.trim(), |(a, _)| a)
        .to_owned()
}

async fn session(stream: TcpStream, mails: Arc<Mutex<Vec<Received>>>) {
    let (r, mut w) = stream.into_split();
    let mut r = BufReader::new(r);
    if w.write_all(b"220 sink.test ESMTP\r\n").await.is_err() {
        return;
    }
    let (mut from, mut to) = (String::new(), Vec::new());
    let mut line = String::new();
    loop {
        line.clear();
        if r.read_line(&mut line).await.unwrap_or(0) == 0 {
            return;
        }
        let upper = line.to_ascii_uppercase();
        let reply: &[u8] = if upper.starts_with("EHLO") || upper.starts_with("HELO") {
            b"250 sink.test\r\n"
        } else if upper.starts_with("MAIL FROM:") {
            from = address(&line[10..]);
            to.clear();
            b"250 OK\r\n"
        } else if upper.starts_with("RCPT TO:") {
            to.push(address(&line[8..]));
            b"250 OK\r\n"
        } else if upper.starts_with("DATA") {
            if w.write_all(b"354 go on\r\n").await.is_err() {
                return;
            }
            let mut data = String::new();
            loop {
                line.clear();
                if r.read_line(&mut line).await.unwrap_or(0) == 0 {
                    return;
                }
                if line == ".\r\n" {
                    break;
                }
                data.push_str(line.strip_prefix('.').unwrap_or(&line));
            }
            mails.lock().unwrap().push(Received {
                from: from.clone(),
                to: to.clone(),
                data,
            });
            b"250 queued\r\n"
        } else if upper.starts_with("QUIT") {
            let _ = w.write_all(b"221 bye\r\n").await;
            return;
        } else {
            b"250 OK\r\n"
        };
        if w.write_all(reply).await.is_err() {
            return;
        }
    }
}

/// A settable clock for the app.
#[derive(Clone)]
struct Clock(Arc<Mutex<DateTime<Utc>>>);

impl Clock {
    fn now(&self) -> DateTime<Utc> {
        *self.0.lock().unwrap()
    }

    fn set(&self, t: DateTime<Utc>) {
        *self.0.lock().unwrap() = t;
    }
}

fn t0() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 12, 3, 8, 0, 0).unwrap()
}

fn minutes(m: i64) -> DateTime<Utc> {
    t0() + Duration::minutes(m)
}

const PORTAL: &str = "https://portal.clinic.example";

/// A server whose notices go to the sink on `port`, its clock at `t0`, and
/// a demo patient with one device.
struct Setup {
    server: Server,
    clock: Clock,
    notifier: Notifier,
    patient_id: String,
    clinician_email: String,
    device_token: String,
}

async fn setup(port: u16) -> Setup {
    setup_with(port, "none").await
}

async fn setup_with(port: u16, tls: &str) -> Setup {
    let clock = Clock(Arc::new(Mutex::new(t0())));
    let port = port.to_string();
    let c = clock.clone();
    let server = start_clocked(
        &[
            ("SMTP_HOST", "127.0.0.1"),
            ("SMTP_PORT", &port),
            ("SMTP_TLS", tls),
            ("SMTP_FROM", "Smärtskolan <noreply@clinic.example>"),
            ("PORTAL_URL", PORTAL),
            ("NOTICE_WINDOW_MINUTES", "15"),
        ],
        Box::new(move || c.now()),
    )
    .await;
    let notifier = Notifier::new(server.app.config.smtp.as_ref().unwrap()).unwrap();
    let demo = create_demo(&server.app.store, 14, clock.now())
        .await
        .unwrap();
    let device_token = activate_code(&server, &demo.code.code).await;
    Setup {
        notifier,
        clock,
        patient_id: demo.patient_id,
        clinician_email: demo.portal_email,
        device_token,
        server,
    }
}

impl Setup {
    /// The patient writes message `n` in `thread` at `at`.
    async fn write(&self, n: u32, thread: &str, at: DateTime<Utc>) {
        self.clock.set(at);
        let r = push(
            &self.server,
            &self.device_token,
            json!([message(
                &change_id(n),
                &change_id(1000 + n),
                thread,
                &secret_text(n)
            )]),
        )
        .await;
        assert_eq!(r.status(), 200);
    }

    /// The sender's tick at `at`.
    async fn tick(&self, at: DateTime<Utc>) -> TickReport {
        self.clock.set(at);
        self.notifier
            .send_due_notices(&self.server.app.store, at)
            .await
            .unwrap()
    }
}

fn secret_text(n: u32) -> String {
    format!("Hemlig smärtdagbok nummer {n}")
}

/// What a notice may never hold: the patient's id, name and messages.
fn assert_content_free(mail: &Received, s: &Setup, written: std::ops::RangeInclusive<u32>) {
    let body = mail.body();
    for text in [&mail.data, &body] {
        assert!(!text.contains(&s.patient_id), "{text}");
        assert!(!text.contains("Testpatient"), "{text}");
        assert!(!text.contains("Hemlig"), "{text}");
        for n in written.clone() {
            assert!(!text.contains(&secret_text(n)));
            assert!(!text.contains(&change_id(1000 + n)));
        }
    }
    assert!(body.contains("En patient har skrivit"), "{body}");
    assert!(body.contains("A patient has written"), "{body}");
    assert!(body.contains(&format!("{PORTAL}/portal\r\n")), "{body}");
    assert!(
        mail.data.contains("\r\nSubject: Nytt meddelande i "),
        "{}",
        mail.data
    );
    assert_eq!(mail.from, "noreply@clinic.example");
}

#[tokio::test]
async fn five_messages_in_one_window_make_one_content_free_mail_and_a_later_one_another() {
    let sink = Sink::start(0).await;
    let s = setup(sink.port).await;
    for n in 1..=5 {
        s.write(n, "clinician", minutes(i64::from(n))).await;
    }
    let first = s.tick(minutes(5)).await;
    assert_eq!(
        first,
        TickReport {
            sent: 1,
            failed: 0,
            unaddressed: 0
        }
    );
    assert_eq!(s.tick(minutes(6)).await.sent, 0, "nothing left to announce");
    let mails = sink.mails();
    assert_eq!(mails.len(), 1, "five messages, one mail");
    assert_eq!(mails[0].to, vec![s.clinician_email.clone()]);
    assert_content_free(&mails[0], &s, 1..=5);

    // After the window, nothing is pending, so no mail; a new message makes
    // the second one.
    assert_eq!(s.tick(minutes(25)).await.sent, 0);
    s.write(6, "clinician", minutes(26)).await;
    assert_eq!(s.tick(minutes(26)).await.sent, 1);
    let mails = sink.mails();
    assert_eq!(mails.len(), 2);
    assert_eq!(mails[1].to, vec![s.clinician_email.clone()]);
    assert_content_free(&mails[1], &s, 1..=6);
}

#[tokio::test]
async fn messages_after_a_mail_wait_for_the_end_of_its_window() {
    let sink = Sink::start(0).await;
    let s = setup(sink.port).await;
    s.write(1, "clinician", minutes(0)).await;
    assert_eq!(s.tick(minutes(0)).await.sent, 1);
    s.write(2, "clinician", minutes(3)).await;
    s.write(3, "clinician", minutes(9)).await;
    for m in [3, 9, 14] {
        assert_eq!(s.tick(minutes(m)).await.sent, 0, "within the window");
    }
    assert_eq!(sink.mails().len(), 1);
    assert_eq!(s.tick(minutes(15)).await.sent, 1, "the window is over");
    assert_eq!(s.tick(minutes(40)).await.sent, 0, "both announced");
    assert_eq!(sink.mails().len(), 2);
    assert!(
        s.server
            .app
            .store
            .pending_notices()
            .await
            .unwrap()
            .is_empty()
    );
}

#[tokio::test]
async fn team_thread_messages_go_to_the_units_shared_mailbox() {
    let sink = Sink::start(0).await;
    let s = setup(sink.port).await;
    let store = &s.server.app.store;

    // No shared mailbox yet: nobody is mailed (not every clinician).
    s.write(1, "team", minutes(0)).await;
    let r = s.tick(minutes(0)).await;
    assert_eq!((r.sent, r.unaddressed), (0, 1));
    assert!(sink.mails().is_empty());
    assert!(store.pending_notices().await.unwrap().is_empty());

    assert!(matches!(
        set_unit_mailbox(store, &s.clinician_email, "not an address").await,
        Err(MailboxError::Address)
    ));
    assert!(matches!(
        set_unit_mailbox(store, "nobody@clinic.example", "team@clinic.example").await,
        Err(MailboxError::NoSuchStaff)
    ));
    set_unit_mailbox(store, &s.clinician_email, "team@clinic.example")
        .await
        .unwrap();

    // A team message and a clinician-thread one: a mail to each address.
    s.write(2, "team", minutes(1)).await;
    s.write(3, "team", minutes(1)).await;
    s.write(4, "clinician", minutes(2)).await;
    assert_eq!(s.tick(minutes(2)).await.sent, 2);
    let mails = sink.mails();
    let mut to: Vec<String> = mails.iter().flat_map(|m| m.to.clone()).collect();
    to.sort();
    let mut expected = vec!["team@clinic.example".to_owned(), s.clinician_email.clone()];
    expected.sort();
    assert_eq!(to, expected);
    for m in &mails {
        assert_content_free(m, &s, 1..=4);
    }
}

#[tokio::test]
async fn a_refused_connection_keeps_the_notice_across_a_restart_until_the_sink_is_up() {
    // A port with nothing listening: connections are refused.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let s = setup(port).await;
    s.write(1, "clinician", minutes(0)).await;

    let r = s.tick(minutes(0)).await;
    assert_eq!((r.sent, r.failed), (0, 1));
    let pending = s.server.app.store.pending_notices().await.unwrap();
    assert_eq!(pending.len(), 1, "the notice is kept");
    assert_eq!(pending[0].failures, 1);
    assert_eq!(pending[0].retry_at, Some(minutes(1)));
    // Before the retry time, no new attempt.
    assert_eq!(
        s.tick(minutes(0) + Duration::seconds(30)).await,
        TickReport::default()
    );
    // A second failure backs off further.
    let r = s.tick(minutes(1)).await;
    assert_eq!(r.failed, 1);
    let pending = s.server.app.store.pending_notices().await.unwrap();
    assert_eq!(pending[0].retry_at, Some(minutes(3)));

    // A restarted server (a new store on the same database) finds the
    // notice and sends it once the sink is up.
    let sink = Sink::start(port).await;
    let store = AnyStore::open_url(&s.server.url).await.unwrap();
    let notifier = Notifier::new(s.server.app.config.smtp.as_ref().unwrap()).unwrap();
    assert_eq!(
        notifier
            .send_due_notices(&store, minutes(2))
            .await
            .unwrap()
            .sent,
        0,
        "still backing off"
    );
    let r = notifier.send_due_notices(&store, minutes(3)).await.unwrap();
    assert_eq!((r.sent, r.failed), (1, 0));
    let mails = sink.mails();
    assert_eq!(mails.len(), 1);
    assert_eq!(mails[0].to, vec![s.clinician_email.clone()]);
    assert_content_free(&mails[0], &s, 1..=1);
    assert!(store.pending_notices().await.unwrap().is_empty());
}

#[tokio::test]
async fn with_starttls_required_nothing_goes_out_in_the_clear() {
    // The sink offers no STARTTLS: the sender gives up before MAIL FROM
    // and keeps the notice.
    let sink = Sink::start(0).await;
    let s = setup_with(sink.port, "starttls").await;
    s.write(1, "clinician", minutes(0)).await;
    let r = s.tick(minutes(0)).await;
    assert_eq!((r.sent, r.failed), (0, 1));
    assert!(sink.mails().is_empty());
    assert_eq!(s.server.app.store.pending_notices().await.unwrap().len(), 1);
}

/// `painschool-server unit-mailbox …` against the test's database.
fn unit_mailbox(url: &str, staff: &str, mailbox: &str) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_painschool-server"))
        .args(["unit-mailbox", "--staff", staff, "--mailbox", mailbox])
        .env("DATABASE_URL", url)
        .env("LOG", "error")
        .output()
        .unwrap()
}

#[tokio::test]
async fn the_units_shared_mailbox_is_set_and_cleared_from_the_command_line() {
    let sink = Sink::start(0).await;
    let s = setup(sink.port).await;
    let url = &s.server.url;

    let bad = unit_mailbox(url, &s.clinician_email, "team at clinic");
    assert_eq!(bad.status.code(), Some(2));
    let nobody = unit_mailbox(url, "nobody@clinic.example", "team@clinic.example");
    assert_eq!(nobody.status.code(), Some(2));
    let ok = unit_mailbox(url, &s.clinician_email, "team@clinic.example");
    assert!(
        ok.status.success(),
        "{}",
        String::from_utf8_lossy(&ok.stderr)
    );

    s.write(1, "team", minutes(0)).await;
    assert_eq!(s.tick(minutes(0)).await.sent, 1);
    assert_eq!(sink.mails()[0].to, vec!["team@clinic.example".to_owned()]);

    let cleared = unit_mailbox(url, &s.clinician_email, "");
    assert!(cleared.status.success());
    s.write(2, "team", minutes(30)).await;
    let r = s.tick(minutes(30)).await;
    assert_eq!((r.sent, r.unaddressed), (0, 1));
    assert_eq!(sink.mails().len(), 1);
}
