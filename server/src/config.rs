//! The server's configuration: every setting declared once, with its
//! environment variable, default and meaning. `.env.template` at the
//! repository root is this table rendered (a test keeps them equal).

use std::net::{IpAddr, SocketAddr};

/// One setting.
#[derive(Debug, Clone, Copy)]
pub struct Setting {
    /// The environment variable.
    pub env: &'static str,
    /// The default, as text.
    pub default: &'static str,
    /// What it means.
    pub doc: &'static str,
}

/// Every setting, in the order of `.env.template`.
pub const SETTINGS: &[Setting] = &[
    Setting {
        env: "BIND",
        default: "127.0.0.1:8080",
        doc: "Address and port to listen on. Plain HTTP is refused on a non-loopback address unless TLS_CERT or TRUSTED_PROXY is set.",
    },
    Setting {
        env: "TLS_CERT",
        default: "",
        doc: "PEM certificate chain for HTTPS (with TLS_KEY). Empty: plain HTTP, on loopback or behind TRUSTED_PROXY only.",
    },
    Setting {
        env: "TLS_KEY",
        default: "",
        doc: "PEM private key for TLS_CERT.",
    },
    Setting {
        env: "DATABASE_URL",
        default: "sqlite://./data/painschool.db",
        doc: "sqlite://PATH for the embedded database (the default), postgres://… for a region.",
    },
    Setting {
        env: "CONTENT_DIR",
        default: "./content",
        doc: "The course bundle the app ships; pushed answers are checked against it.",
    },
    Setting {
        env: "TRUSTED_PROXY",
        default: "",
        doc: "IP address of the reverse proxy that terminates TLS. Only requests from it may set X-Forwarded-For.",
    },
    Setting {
        env: "MAX_BODY_BYTES",
        default: "1048576",
        doc: "Largest request body accepted, in bytes.",
    },
    Setting {
        env: "ACTIVATION_CODE_DAYS",
        default: "14",
        doc: "Days an activation code stays valid.",
    },
    Setting {
        env: "ACTIVATION_FAILURES_PER_CLIENT_HOUR",
        default: "100",
        doc: "Failed activation attempts allowed per client address per hour before 429.",
    },
    Setting {
        env: "ACTIVATION_FAILURES_PER_SERVER_HOUR",
        default: "1000",
        doc: "Failed activation attempts allowed across the server per hour before 429.",
    },
    Setting {
        env: "SMTP_HOST",
        default: "",
        doc: "SMTP server for the e-mail notices of patient messages (no patient data in them). Empty: no e-mail notices.",
    },
    Setting {
        env: "SMTP_PORT",
        default: "",
        doc: "The SMTP server's port. Empty: 587 for starttls, 465 for tls, 25 for none.",
    },
    Setting {
        env: "SMTP_TLS",
        default: "starttls",
        doc: "starttls (STARTTLS required), tls (TLS from the first byte) or none (plain SMTP, allowed only to a loopback address).",
    },
    Setting {
        env: "SMTP_USERNAME",
        default: "",
        doc: "User name for SMTP authentication (with SMTP_PASSWORD). Empty: none.",
    },
    Setting {
        env: "SMTP_PASSWORD",
        default: "",
        doc: "Password for SMTP authentication. Never logged.",
    },
    Setting {
        env: "SMTP_FROM",
        default: "",
        doc: "The notices' From address, e.g. Smärtskolan <noreply@clinic.example>. Needed with SMTP_HOST.",
    },
    Setting {
        env: "PORTAL_URL",
        default: "",
        doc: "The portal's public base URL (https://…), for the link in the notices. Needed with SMTP_HOST.",
    },
    Setting {
        env: "NOTICE_WINDOW_MINUTES",
        default: "15",
        doc: "At most one notice per recipient in this many minutes, however many messages arrive.",
    },
    Setting {
        env: "LOG",
        default: "info",
        doc: "Log level (error, warn, info, debug). Logs never hold patient text.",
    },
];

/// A setting that does not parse or does not fit the others.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
#[error("{env}: {reason}")]
pub struct ConfigError {
    /// The environment variable.
    pub env: &'static str,
    /// What is wrong.
    pub reason: String,
}

/// The parsed configuration.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Config {
    /// Where to listen.
    pub bind: SocketAddr,
    /// Which database.
    pub database_url: String,
    /// The course bundle's folder.
    pub content_dir: std::path::PathBuf,
    /// Certificate chain and key for HTTPS, if the server terminates TLS.
    pub tls: Option<(std::path::PathBuf, std::path::PathBuf)>,
    /// The TLS-terminating proxy, if any.
    pub trusted_proxy: Option<IpAddr>,
    /// Largest request body.
    pub max_body_bytes: usize,
    /// Activation code lifetime in days.
    pub activation_code_days: i64,
    /// Failed activations per client address per hour.
    pub activation_failures_per_client_hour: u32,
    /// Failed activations per server per hour.
    pub activation_failures_per_server_hour: u32,
    /// Log level.
    pub log: String,
    /// The e-mail notices' SMTP settings; `None`: no notices.
    pub smtp: Option<SmtpConfig>,
}

/// How the connection to the SMTP server is protected.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SmtpTls {
    /// Plain SMTP (only to a loopback address).
    None,
    /// STARTTLS, required: no mail goes out in the clear.
    StartTls,
    /// TLS from the first byte (SMTPS).
    Tls,
}

impl SmtpTls {
    /// The port this mode usually listens on.
    pub fn default_port(self) -> u16 {
        match self {
            SmtpTls::None => 25,
            SmtpTls::StartTls => 587,
            SmtpTls::Tls => 465,
        }
    }
}

/// A secret setting: its `Debug` never shows the value.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    /// Wraps a secret value.
    pub fn new(value: impl Into<String>) -> Secret {
        Secret(value.into())
    }

    /// The value, for the one place that needs it.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for Secret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Secret(hidden)")
    }
}

/// The SMTP settings of the e-mail notices (issue 5.8).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SmtpConfig {
    /// The SMTP server's host name or address.
    pub host: String,
    /// Its port.
    pub port: u16,
    /// How the connection is protected.
    pub tls: SmtpTls,
    /// User name and password for SMTP authentication, if any.
    pub credentials: Option<(String, Secret)>,
    /// The From address (`Name <address>` or a bare address).
    pub from: String,
    /// The portal's public base URL, without a trailing slash.
    pub portal_url: String,
    /// At most one notice per recipient in this many minutes.
    pub window_minutes: i64,
}

fn value(lookup: &dyn Fn(&str) -> Option<String>, s: &Setting) -> String {
    lookup(s.env)
        .filter(|v| !v.trim().is_empty())
        .unwrap_or_else(|| s.default.to_owned())
}

fn parse<T: std::str::FromStr>(
    lookup: &dyn Fn(&str) -> Option<String>,
    env: &'static str,
) -> Result<T, ConfigError> {
    let s = SETTINGS
        .iter()
        .find(|s| s.env == env)
        .expect("every parsed setting is declared");
    let v = value(lookup, s);
    v.trim().parse().map_err(|_| ConfigError {
        env,
        reason: format!("cannot read \"{v}\""),
    })
}

impl Config {
    /// Reads the configuration from the process environment.
    pub fn from_env() -> Result<Config, ConfigError> {
        Self::from_lookup(&|k| std::env::var(k).ok())
    }

    /// Reads the configuration through `lookup` (tests pass a map).
    pub fn from_lookup(lookup: &dyn Fn(&str) -> Option<String>) -> Result<Config, ConfigError> {
        let trusted: String = parse(lookup, "TRUSTED_PROXY").unwrap_or_default();
        let trusted_proxy = if trusted.trim().is_empty() {
            None
        } else {
            Some(trusted.trim().parse().map_err(|_| ConfigError {
                env: "TRUSTED_PROXY",
                reason: format!("\"{trusted}\" is not an IP address"),
            })?)
        };
        let cert: String = parse(lookup, "TLS_CERT").unwrap_or_default();
        let key: String = parse(lookup, "TLS_KEY").unwrap_or_default();
        let tls = match (cert.trim(), key.trim()) {
            ("", "") => None,
            (c, k) if !c.is_empty() && !k.is_empty() => Some((c.into(), k.into())),
            _ => {
                return Err(ConfigError {
                    env: "TLS_CERT",
                    reason: "TLS_CERT and TLS_KEY go together".into(),
                });
            }
        };
        let config = Config {
            bind: parse(lookup, "BIND")?,
            tls,
            database_url: parse(lookup, "DATABASE_URL")?,
            content_dir: parse(lookup, "CONTENT_DIR")?,
            trusted_proxy,
            max_body_bytes: parse(lookup, "MAX_BODY_BYTES")?,
            activation_code_days: parse(lookup, "ACTIVATION_CODE_DAYS")?,
            activation_failures_per_client_hour: parse(
                lookup,
                "ACTIVATION_FAILURES_PER_CLIENT_HOUR",
            )?,
            activation_failures_per_server_hour: parse(
                lookup,
                "ACTIVATION_FAILURES_PER_SERVER_HOUR",
            )?,
            log: parse(lookup, "LOG")?,
            smtp: smtp(lookup)?,
        };
        if !config.bind.ip().is_loopback() && config.trusted_proxy.is_none() && config.tls.is_none()
        {
            return Err(ConfigError {
                env: "BIND",
                reason: format!(
                    "plain HTTP on {} is allowed only on loopback or behind TRUSTED_PROXY; set TLS_CERT and TLS_KEY for HTTPS",
                    config.bind
                ),
            });
        }
        if config.activation_code_days < 1 {
            return Err(ConfigError {
                env: "ACTIVATION_CODE_DAYS",
                reason: "must be at least 1".into(),
            });
        }
        Ok(config)
    }
}

fn text(lookup: &dyn Fn(&str) -> Option<String>, env: &'static str) -> String {
    parse::<String>(lookup, env)
        .unwrap_or_default()
        .trim()
        .to_owned()
}

fn is_loopback_host(host: &str) -> bool {
    host.eq_ignore_ascii_case("localhost")
        || host
            .trim_start_matches('[')
            .trim_end_matches(']')
            .parse::<IpAddr>()
            .is_ok_and(|ip| ip.is_loopback())
}

/// The SMTP settings, when `SMTP_HOST` is set.
fn smtp(lookup: &dyn Fn(&str) -> Option<String>) -> Result<Option<SmtpConfig>, ConfigError> {
    let host = text(lookup, "SMTP_HOST");
    if host.is_empty() {
        return Ok(None);
    }
    let err = |env: &'static str, reason: &str| ConfigError {
        env,
        reason: reason.to_owned(),
    };
    let tls = match text(lookup, "SMTP_TLS").to_ascii_lowercase().as_str() {
        "starttls" => SmtpTls::StartTls,
        "tls" => SmtpTls::Tls,
        "none" => SmtpTls::None,
        _ => return Err(err("SMTP_TLS", "must be starttls, tls or none")),
    };
    if tls == SmtpTls::None && !is_loopback_host(&host) {
        return Err(err(
            "SMTP_TLS",
            "plain SMTP (none) is allowed only to a loopback address; use starttls or tls",
        ));
    }
    let port = match text(lookup, "SMTP_PORT").as_str() {
        "" => tls.default_port(),
        p => p
            .parse::<u16>()
            .ok()
            .filter(|p| *p > 0)
            .ok_or_else(|| err("SMTP_PORT", "must be a port number"))?,
    };
    let (user, password) = (text(lookup, "SMTP_USERNAME"), text(lookup, "SMTP_PASSWORD"));
    let credentials = match (user.is_empty(), password.is_empty()) {
        (true, true) => None,
        (false, false) => Some((user, Secret::new(password))),
        _ => {
            return Err(err(
                "SMTP_USERNAME",
                "SMTP_USERNAME and SMTP_PASSWORD go together",
            ));
        }
    };
    let from = text(lookup, "SMTP_FROM");
    if from.parse::<lettre::message::Mailbox>().is_err() {
        return Err(err(
            "SMTP_FROM",
            "needed with SMTP_HOST: an address such as Smärtskolan <noreply@clinic.example>",
        ));
    }
    let portal_url = text(lookup, "PORTAL_URL").trim_end_matches('/').to_owned();
    let scheme_ok = portal_url
        .strip_prefix("https://")
        .or_else(|| portal_url.strip_prefix("http://"))
        .is_some_and(|rest| !rest.is_empty());
    if !scheme_ok || portal_url.contains(char::is_whitespace) {
        return Err(err(
            "PORTAL_URL",
            "needed with SMTP_HOST: the portal's public address, such as https://smartskolan.clinic.example",
        ));
    }
    let window_minutes: i64 = parse(lookup, "NOTICE_WINDOW_MINUTES")?;
    if !(1..=24 * 60).contains(&window_minutes) {
        return Err(err("NOTICE_WINDOW_MINUTES", "must be between 1 and 1440"));
    }
    Ok(Some(SmtpConfig {
        host,
        port,
        tls,
        credentials,
        from,
        portal_url,
        window_minutes,
    }))
}

/// `.env.template`: every setting with its meaning and default.
pub fn env_template() -> String {
    let mut out = String::from(
        "# painschool-server settings. Every variable is optional; the value shown is\n\
         # the default. Generated from server/src/config.rs (a test checks it).\n",
    );
    for s in SETTINGS {
        out.push_str(&format!("\n# {}\n{}={}\n", s.doc, s.env, s.default));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn with(pairs: &[(&str, &str)]) -> Result<Config, ConfigError> {
        let map: HashMap<String, String> = pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        Config::from_lookup(&move |k| map.get(k).cloned())
    }

    #[test]
    fn defaults_listen_on_loopback_with_embedded_sqlite() {
        let c = with(&[]).unwrap();
        assert_eq!(c.bind, "127.0.0.1:8080".parse().unwrap());
        assert_eq!(c.database_url, "sqlite://./data/painschool.db");
        assert_eq!(c.trusted_proxy, None);
        assert_eq!(c.activation_code_days, 14);
    }

    #[test]
    fn plain_http_off_loopback_needs_a_trusted_proxy() {
        let e = with(&[("BIND", "0.0.0.0:8080")]).unwrap_err();
        assert_eq!(e.env, "BIND");
        let c = with(&[("BIND", "0.0.0.0:8080"), ("TRUSTED_PROXY", "10.0.0.5")]).unwrap();
        assert_eq!(c.trusted_proxy, Some("10.0.0.5".parse().unwrap()));
        let c = with(&[
            ("BIND", "0.0.0.0:8443"),
            ("TLS_CERT", "/etc/ps/cert.pem"),
            ("TLS_KEY", "/etc/ps/key.pem"),
        ])
        .unwrap();
        assert!(c.tls.is_some(), "HTTPS may listen anywhere");
        let e = with(&[("TLS_CERT", "/etc/ps/cert.pem")]).unwrap_err();
        assert_eq!(e.env, "TLS_CERT", "a certificate without its key");
    }

    #[test]
    fn a_bad_value_names_its_variable() {
        assert_eq!(
            with(&[("MAX_BODY_BYTES", "lots")]).unwrap_err().env,
            "MAX_BODY_BYTES"
        );
        assert_eq!(
            with(&[("TRUSTED_PROXY", "proxy.local")]).unwrap_err().env,
            "TRUSTED_PROXY"
        );
    }

    #[test]
    fn smtp_is_off_unless_a_host_is_set_and_plain_smtp_stays_on_loopback() {
        assert_eq!(with(&[]).unwrap().smtp, None);
        let ok = [
            ("SMTP_HOST", "smtp.clinic.example"),
            ("SMTP_FROM", "Smärtskolan <noreply@clinic.example>"),
            ("PORTAL_URL", "https://portal.clinic.example/"),
        ];
        let c = with(&ok).unwrap().smtp.unwrap();
        assert_eq!(
            (c.tls, c.port, c.window_minutes),
            (SmtpTls::StartTls, 587, 15)
        );
        assert_eq!(c.portal_url, "https://portal.clinic.example");
        let mut plain = ok.to_vec();
        plain.push(("SMTP_TLS", "none"));
        assert_eq!(with(&plain).unwrap_err().env, "SMTP_TLS");
        plain[0] = ("SMTP_HOST", "127.0.0.1");
        assert_eq!(with(&plain).unwrap().smtp.unwrap().port, 25);
        assert_eq!(with(&ok[..2]).unwrap_err().env, "PORTAL_URL");
        assert_eq!(with(&[ok[0], ok[2]]).unwrap_err().env, "SMTP_FROM");
        let mut half = ok.to_vec();
        half.push(("SMTP_USERNAME", "notices"));
        assert_eq!(with(&half).unwrap_err().env, "SMTP_USERNAME");
    }

    #[test]
    fn the_smtp_password_never_shows_in_debug_output() {
        let c = with(&[
            ("SMTP_HOST", "smtp.clinic.example"),
            ("SMTP_FROM", "noreply@clinic.example"),
            ("PORTAL_URL", "https://portal.clinic.example"),
            ("SMTP_USERNAME", "notices"),
            ("SMTP_PASSWORD", "hunter2-very-secret"),
        ])
        .unwrap();
        let shown = format!("{c:?}");
        assert!(shown.contains("notices"), "{shown}");
        assert!(!shown.contains("hunter2"), "{shown}");
        assert_eq!(
            c.smtp.unwrap().credentials.unwrap().1.expose(),
            "hunter2-very-secret"
        );
    }

    #[test]
    fn the_env_template_is_the_settings_table() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../.env.template");
        let on_disk = std::fs::read_to_string(path).unwrap_or_default();
        assert_eq!(
            on_disk,
            env_template(),
            ".env.template is stale: run `cargo run -p painschool-server -- env-template > .env.template`"
        );
    }
}
