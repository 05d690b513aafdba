//! A real headless Chromium for the portal's browser tests, driven through
//! Debian's `chromedriver` (WebDriver) with fantoccini (ADR 0010).
//!
//! The helpers act as a keyboard-only user: [`Browser::tab_to`] presses Tab
//! until the wanted control has the focus, [`Browser::type_text`] types into
//! it and [`Browser::press`] presses Enter or Space. Nothing here clicks, so
//! a flow written with them proves the task can be done without a mouse.
//! [`Browser::check_page`] runs axe-core (pinned in `tests/browser/package.json`)
//! for WCAG 2.2 AA and saves a screenshot.

use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use fantoccini::actions::{InputSource, KeyAction, KeyActions};
use fantoccini::key::Key;
use fantoccini::wd::{Capabilities, WebDriverCompatibleCommand};
use fantoccini::{Client, ClientBuilder};
use serde_json::{Value, json};

/// The most Tab presses to reach a control (a page has fewer stops).
const MAX_TABS: usize = 120;

/// A Chromium session; the driver process ends when dropped.
pub struct Browser {
    /// The WebDriver session.
    pub client: Client,
    driver: Child,
    screenshots: PathBuf,
    /// The server's base URL (`http://127.0.0.1:PORT`).
    pub base: String,
}

impl Drop for Browser {
    fn drop(&mut self) {
        let _ = self.driver.kill();
        let _ = self.driver.wait();
    }
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// The legacy log endpoint chromedriver still serves: the browser console,
/// where Chromium reports every Content Security Policy violation.
#[derive(Debug)]
struct BrowserLog;

impl WebDriverCompatibleCommand for BrowserLog {
    fn endpoint(
        &self,
        base_url: &url::Url,
        session_id: Option<&str>,
    ) -> Result<url::Url, url::ParseError> {
        base_url.join(&format!(
            "session/{}/se/log",
            session_id.unwrap_or_default()
        ))
    }

    fn method_and_body(&self, _request_url: &url::Url) -> (http::Method, Option<String>) {
        (http::Method::POST, Some(r#"{"type":"browser"}"#.into()))
    }
}

impl Browser {
    /// Starts chromedriver and a headless Chromium (Swedish, 1280×1000)
    /// for the server at `base`.
    pub async fn start(base: &str) -> Browser {
        let port = free_port();
        let driver = Command::new(std::env::var("CHROMEDRIVER").unwrap_or("chromedriver".into()))
            .arg(format!("--port={port}"))
            // A Swedish clinic's PC: Chromium takes its locale (the order of
            // a date field's parts) from the environment.
            .env("LANG", "sv_SE.UTF-8")
            .env("LANGUAGE", "sv")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("chromedriver (Debian package chromium-driver; bash scripts/deps.sh)");
        let mut caps = Capabilities::new();
        caps.insert(
            "goog:chromeOptions".into(),
            json!({
                "binary": std::env::var("CHROMIUM").unwrap_or("/usr/bin/chromium".into()),
                "args": [
                    "--headless=new", "--no-sandbox", "--disable-dev-shm-usage",
                    "--disable-gpu", "--window-size=1280,1000", "--lang=sv-SE",
                    "--no-first-run", "--disable-extensions"
                ]
            }),
        );
        caps.insert("goog:loggingPrefs".into(), json!({ "browser": "ALL" }));
        let url = format!("http://127.0.0.1:{port}");
        // The driver needs a moment to listen: retry the connection until it
        // answers (a condition, not a timed wait), for at most a minute.
        let mut last = None;
        let mut client = None;
        for _ in 0..600 {
            let connector = hyper_util::client::legacy::connect::HttpConnector::new();
            match ClientBuilder::new(connector)
                .capabilities(caps.clone())
                .connect(&url)
                .await
            {
                Ok(c) => {
                    client = Some(c);
                    break;
                }
                Err(e) => {
                    last = Some(e.to_string());
                    tokio::time::sleep(Duration::from_millis(100)).await;
                }
            }
        }
        let client = client.unwrap_or_else(|| panic!("chromedriver did not start: {last:?}"));
        let screenshots = std::env::var("PAINSCHOOL_SCREENSHOTS")
            .map(PathBuf::from)
            .unwrap_or_else(|_| {
                PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../target/screenshots")
            });
        std::fs::create_dir_all(&screenshots).unwrap();
        Browser {
            client,
            driver,
            screenshots,
            base: base.to_owned(),
        }
    }

    /// Opens `path` on the server (as typing the address would).
    pub async fn open(&self, path: &str) {
        self.client
            .goto(&format!("{}{path}", self.base))
            .await
            .unwrap();
    }

    /// The current path and query.
    pub async fn path(&self) -> String {
        let url = self.client.current_url().await.unwrap();
        match url.query() {
            Some(q) => format!("{}?{q}", url.path()),
            None => url.path().to_owned(),
        }
    }

    /// Runs `script` in the page and returns its value.
    pub async fn eval(&self, script: &str, args: Vec<Value>) -> Value {
        self.client.execute(script, args).await.unwrap()
    }

    /// The visible text of the page's main content.
    pub async fn main_text(&self) -> String {
        self.eval(
            "const m = document.querySelector('main') || document.body; return m.innerText",
            vec![],
        )
        .await
        .as_str()
        .unwrap_or_default()
        .to_owned()
    }

    async fn key(&self, key: Key) {
        let k = char::from(key);
        let actions = KeyActions::new("keyboard".into())
            .then(KeyAction::Down { value: k })
            .then(KeyAction::Up { value: k });
        self.client.perform_actions(actions).await.unwrap();
    }

    /// Presses Tab until the focused element matches `css`; panics if it
    /// never does (the control cannot be reached by keyboard).
    pub async fn tab_to(&self, css: &str) {
        for _ in 0..MAX_TABS {
            let hit = self
                .eval(
                    "const a = document.activeElement; return !!a && a.matches(arguments[0]);",
                    vec![json!(css)],
                )
                .await;
            if hit == json!(true) {
                return;
            }
            self.key(Key::Tab).await;
        }
        panic!("{css} cannot be reached with Tab on {}", self.path().await);
    }

    /// Types `text` into the focused control.
    pub async fn type_text(&self, text: &str) {
        let mut actions = KeyActions::new("keyboard".into());
        for c in text.chars() {
            actions = actions
                .then(KeyAction::Down { value: c })
                .then(KeyAction::Up { value: c });
        }
        self.client.perform_actions(actions).await.unwrap();
    }

    /// Tabs to `css` and types `text` into it.
    pub async fn fill(&self, css: &str, text: &str) {
        self.tab_to(css).await;
        self.type_text(text).await;
    }

    /// Tabs to `css` and presses Enter on it (a link or a button), then
    /// waits for the next page to be loaded.
    pub async fn activate(&self, css: &str) {
        self.tab_to(css).await;
        let before = self.eval("return performance.timeOrigin", vec![]).await;
        self.key(Key::Enter).await;
        self.wait_for_new_page(before).await;
    }

    /// Tabs to the date field `css` and types `yyyy-mm-dd` the way a person
    /// does, in the order the browser's locale shows the parts: a two-digit
    /// month or day moves on by itself, a year needs Tab.
    pub async fn fill_date(&self, css: &str, date: &str) {
        self.tab_to(css).await;
        let order = self
            .eval(
                "return new Intl.DateTimeFormat(navigator.language).formatToParts(new Date(2026, 10, 20)) \
                   .map(p => p.type).filter(t => ['year', 'month', 'day'].includes(t));",
                vec![],
            )
            .await;
        let mut parts = date.split('-');
        let (y, m, d) = (
            parts.next().unwrap_or_default(),
            parts.next().unwrap_or_default(),
            parts.next().unwrap_or_default(),
        );
        let order: Vec<String> = order
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|v| v.as_str().map(str::to_owned))
            .collect();
        for (i, part) in order.iter().enumerate() {
            match part.as_str() {
                "year" => {
                    self.type_text(y).await;
                    if i + 1 < order.len() {
                        self.key(Key::Tab).await;
                    }
                }
                "month" => self.type_text(m).await,
                _ => self.type_text(d).await,
            }
        }
    }

    /// Presses Space on the focused control (ticks a checkbox).
    pub async fn press_space(&self) {
        self.key(Key::Space).await;
    }

    async fn wait_for_new_page(&self, before: Value) {
        for _ in 0..600 {
            let now = self
                .client
                .execute(
                    "return document.readyState === 'complete' ? performance.timeOrigin : null",
                    vec![],
                )
                .await;
            if let Ok(v) = now
                && !v.is_null()
                && v != before
            {
                return;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        panic!("no new page after Enter on {}", self.path().await);
    }

    /// Content Security Policy violations Chromium has reported on the
    /// console since the last call.
    pub async fn csp_violations(&self) -> Vec<String> {
        let log = self.client.issue_cmd(BrowserLog).await.unwrap();
        log.as_array()
            .into_iter()
            .flatten()
            .filter_map(|e| e["message"].as_str())
            .filter(|m| m.contains("Content Security Policy"))
            .map(str::to_owned)
            .collect()
    }

    /// Runs axe-core on the page for WCAG 2.0, 2.1 and 2.2 A and AA and
    /// saves a screenshot named `name`; panics with the violations if any.
    pub async fn check_page(&self, name: &str) {
        let png = self.client.screenshot().await.unwrap();
        std::fs::write(self.screenshots.join(format!("{name}.png")), png).unwrap();
        let violations = self.axe().await;
        assert!(
            violations.is_empty(),
            "axe-core on {name} ({}):\n{}",
            self.path().await,
            violations.join("\n")
        );
    }

    /// axe-core's violations on the page, one line each.
    pub async fn axe(&self) -> Vec<String> {
        let source = std::fs::read_to_string(
            PathBuf::from(env!("CARGO_MANIFEST_DIR"))
                .join("../tests/browser/node_modules/axe-core/axe.min.js"),
        )
        .expect("axe-core: run `npm ci --prefix tests/browser` (scripts/deps.sh does)");
        // WebDriver's scripts run outside the page's CSP.
        self.eval(&source, vec![]).await;
        let result = self
            .client
            .execute_async(
                r#"const done = arguments[arguments.length - 1];
                axe.run(document, { runOnly: { type: 'tag', values:
                    ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] } })
                  .then(r => done(r.violations.map(v =>
                      v.id + ' (' + v.impact + '): ' + v.help + ' — ' +
                      v.nodes.map(n => n.target.join(' ')).join(', '))))
                  .catch(e => done(['axe failed: ' + e]));"#,
                vec![],
            )
            .await
            .unwrap();
        result
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|v| v.as_str().map(str::to_owned))
            .collect()
    }
}
