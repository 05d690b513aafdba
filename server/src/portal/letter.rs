//! The printable activation letter: the code in large groups, a QR code
//! (inline SVG) of the address the app reads, the steps for the patient and
//! the safety line, in Swedish or English. The code exists in clear only
//! while this page is made (it is stored hashed), so the letter is the
//! answer to the POST that made the code and is never cached.
//!
//! The QR code holds `smartskolan://activate?server=URL&code=CODE`
//! (docs/sync-protocol.md): the server's address, percent-encoded, and the
//! code as printed.

use askama::Template;
use axum::http::{HeaderMap, header};

use super::texts::{Lang, Texts};
use super::texts_enrol::EnrolTexts;
use crate::config::Config;

/// The letter page.
#[derive(Template)]
#[template(path = "portal/letter.html")]
pub struct LetterPage<'a> {
    /// The letter's language (the clinician picks it).
    pub lang: Lang,
    /// The portal texts in that language.
    pub t: &'a Texts,
    /// The letter texts in that language.
    pub et: &'a EnrolTexts,
    /// The sign-out form's token.
    pub signed_in_csrf: Option<&'a str>,
    /// The patient's id (the link back).
    pub patient_id: &'a str,
    /// The patient's name.
    pub name: &'a str,
    /// The code in groups of four.
    pub groups: Vec<String>,
    /// The QR code, an SVG the server drew from the activation address.
    pub qr_svg: String,
    /// The day the code expires (`YYYY-MM-DD`, Stockholm).
    pub expires_on: String,
}

/// Percent-encodes everything but RFC 3986's unreserved characters.
pub fn percent_encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// The address the app reads from the letter's QR code.
pub fn activation_uri(server: &str, code: &str) -> String {
    format!(
        "smartskolan://activate?server={}&code={}",
        percent_encode(server),
        percent_encode(code)
    )
}

/// The server's address as the clinician's browser reached it: `https`
/// when the server terminates TLS or sits behind a TLS proxy, else `http`
/// (a local test server); the host from the `Host` header, when it is a
/// plain host name or address with an optional port.
pub fn server_url(headers: &HeaderMap, config: &Config) -> String {
    let scheme = if config.tls.is_some() || config.trusted_proxy.is_some() {
        "https"
    } else {
        "http"
    };
    let host = headers
        .get(header::HOST)
        .and_then(|v| v.to_str().ok())
        .filter(|h| {
            !h.is_empty()
                && h.len() <= 255
                && h.chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | ':' | '[' | ']'))
        })
        .map_or_else(|| config.bind.to_string(), str::to_owned);
    format!("{scheme}://{host}")
}

/// The code in groups of four characters, upper case, for reading aloud
/// and typing (the server ignores case and dashes).
pub fn code_groups(code: &str) -> Vec<String> {
    let plain: Vec<char> = code
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_uppercase())
        .collect();
    plain.chunks(4).map(|c| c.iter().collect()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_uri_carries_the_server_and_the_code() {
        assert_eq!(
            activation_uri("https://smarta.region.se:8443", "ab12-cd34-ef56-7890"),
            "smartskolan://activate?server=https%3A%2F%2Fsmarta.region.se%3A8443&code=ab12-cd34-ef56-7890"
        );
    }

    #[test]
    fn the_code_is_shown_in_groups_of_four() {
        assert_eq!(
            code_groups("ab12-cd34-ef56-7890"),
            vec!["AB12", "CD34", "EF56", "7890"]
        );
    }

    #[test]
    fn a_strange_host_header_falls_back_to_the_bound_address() {
        let config = Config::from_lookup(&|_| None).unwrap();
        let mut h = HeaderMap::new();
        h.insert(header::HOST, "evil.se/<x>".parse().unwrap());
        assert_eq!(server_url(&h, &config), format!("http://{}", config.bind));
        h.insert(header::HOST, "portal.region.se".parse().unwrap());
        assert_eq!(server_url(&h, &config), "http://portal.region.se");
    }
}
