//! The server's address: HTTPS only. Plain HTTP is allowed only to this very
//! machine (`127.0.0.1`, `localhost`, `[::1]`), and only when the caller
//! sets the development flag; anything else is a typed error.

use super::error::SyncError;

/// A checked server base URL (no trailing slash).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServerUrl(String);

impl ServerUrl {
    /// Checks `raw`: `https://HOST[:PORT][/PATH]`, or `http://` to a
    /// loopback host when `allow_loopback_http` is set. No user name,
    /// password, query or fragment; ASCII only (a non-ASCII host name is
    /// written in its `xn--` form).
    pub fn parse(raw: &str, allow_loopback_http: bool) -> Result<ServerUrl, SyncError> {
        let raw = raw.trim();
        let (scheme, rest) = raw.split_once("://").ok_or(SyncError::InvalidServerUrl)?;
        let rest = rest.trim_end_matches('/');
        let authority = rest.split('/').next().unwrap_or_default();
        if authority.is_empty()
            || !rest.is_ascii()
            || authority.contains('@')
            || rest.contains(['?', '#'])
            || rest.chars().any(char::is_whitespace)
        {
            return Err(SyncError::InvalidServerUrl);
        }
        let host = host_of(authority).ok_or(SyncError::InvalidServerUrl)?;
        match scheme.to_ascii_lowercase().as_str() {
            "https" => {}
            "http" if is_loopback(&host) => {
                if !allow_loopback_http {
                    return Err(SyncError::InsecureServerUrl);
                }
            }
            "http" => return Err(SyncError::InsecureServerUrl),
            _ => return Err(SyncError::InvalidServerUrl),
        }
        Ok(ServerUrl(format!(
            "{}://{rest}",
            scheme.to_ascii_lowercase()
        )))
    }

    /// The base URL.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The URL of an API path (`/api/v1/...`).
    pub fn join(&self, path: &str) -> String {
        format!("{}{path}", self.0)
    }
}

/// The host of `host[:port]` or `[v6]:port`, lower-cased; `None` if the
/// port is not a number.
fn host_of(authority: &str) -> Option<String> {
    let (host, port) = if let Some(v6) = authority.strip_prefix('[') {
        let (h, after) = v6.split_once(']')?;
        (format!("[{h}]"), after.strip_prefix(':'))
    } else {
        match authority.rsplit_once(':') {
            Some((h, p)) => (h.to_owned(), Some(p)),
            None => (authority.to_owned(), None),
        }
    };
    if port.is_some_and(|p| p.parse::<u16>().is_err()) || host.is_empty() {
        return None;
    }
    Some(host.to_ascii_lowercase())
}

fn is_loopback(host: &str) -> bool {
    matches!(host, "127.0.0.1" | "localhost" | "[::1]")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn https_is_accepted_and_normalised() {
        assert_eq!(
            ServerUrl::parse("HTTPS://clinic.example.se/", false)
                .unwrap()
                .as_str(),
            "https://clinic.example.se"
        );
        assert_eq!(
            ServerUrl::parse("https://clinic.example.se:8443/smarta", false)
                .unwrap()
                .join("/api/v1/changes"),
            "https://clinic.example.se:8443/smarta/api/v1/changes"
        );
    }

    #[test]
    fn plain_http_only_to_loopback_and_only_with_the_flag() {
        for url in [
            "http://127.0.0.1:8080",
            "http://localhost:1",
            "http://[::1]:9000/",
        ] {
            assert!(ServerUrl::parse(url, true).is_ok(), "{url}");
            assert_eq!(
                ServerUrl::parse(url, false).unwrap_err(),
                SyncError::InsecureServerUrl,
                "{url}"
            );
        }
        for url in [
            "http://clinic.example.se",
            "http://10.0.2.2:8080",
            "http://127.0.0.1.evil.example",
        ] {
            assert_eq!(
                ServerUrl::parse(url, true).unwrap_err(),
                SyncError::InsecureServerUrl,
                "{url}"
            );
        }
    }

    #[test]
    fn malformed_addresses_are_refused() {
        for url in [
            "clinic.example.se",
            "ftp://clinic.example.se",
            "https://",
            "https://user:pw@clinic.example.se",
            "https://clinic.example.se/?x=1",
            "https://clinic.example.se:port",
            "https://clinic .example.se",
            "https://vård.example.se",
        ] {
            assert_eq!(
                ServerUrl::parse(url, true).unwrap_err(),
                SyncError::InvalidServerUrl,
                "{url}"
            );
        }
    }
}
