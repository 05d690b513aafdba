//! The second factor: RFC 6238 one-time codes (SHA-1, 6 digits, 30-second
//! steps, one step of clock skew either way: what every authenticator app
//! speaks). Each code is accepted once: a sign-in stores the step it used
//! and a code from that step or an earlier one is refused (RFC 6238 §5.2).
//! The set-up page shows the secret as a QR code in inline SVG.

use qrcode::QrCode;
use qrcode::render::svg;
use totp_rs::{Builder, Secret, Totp};

/// The issuer shown in the clinician's authenticator app.
pub const ISSUER: &str = "Smärtskolan";
/// Secret length: 160 bits, RFC 4226's recommendation.
pub const SECRET_BYTES: usize = 20;

/// Why a code is refused. One reason for the clinician ("wrong code"); the
/// variants are for the log and the tests.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum CodeRefused {
    /// Not six digits, or not the code of this step or a neighbour.
    #[error("wrong code")]
    Wrong,
    /// A code already used (or one older than the last one used).
    #[error("code already used")]
    Replayed,
    /// The stored secret is unusable (damaged record).
    #[error("the second factor is not set up")]
    NotSetUp,
}

/// A new secret from the OS random number generator.
pub fn new_secret() -> Result<Vec<u8>, getrandom::Error> {
    let mut bytes = vec![0u8; SECRET_BYTES];
    getrandom::fill(&mut bytes)?;
    Ok(bytes)
}

fn totp(secret: &[u8], account: &str) -> Option<Totp> {
    Builder::new()
        .with_secret(Secret::from(secret.to_vec()))
        .with_issuer(Some(ISSUER))
        .with_account_name(account.replace(':', " "))
        .build()
        .ok()
}

/// The `otpauth://` address an authenticator app reads from the QR code.
pub fn otpauth_url(secret: &[u8], account: &str) -> Option<String> {
    totp(secret, account)?.to_url().ok()
}

/// The secret in base 32, for typing into an app by hand.
pub fn secret_base32(secret: &[u8]) -> String {
    Secret::from(secret.to_vec()).to_base32()
}

/// The secret from its base-32 form (as typed into an app by hand), if
/// valid; spaces are ignored.
pub fn secret_from_base32(text: &str) -> Option<Vec<u8>> {
    let text: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    Secret::try_from_base32(text)
        .ok()
        .map(|s| s.as_ref().to_vec())
}

/// A QR code of `text` as an SVG element (black on white, with a quiet
/// zone), to be placed in the page as is.
pub fn qr_svg(text: &str) -> Option<String> {
    let code = QrCode::new(text.as_bytes()).ok()?;
    let image = code
        .render::<svg::Color<'_>>()
        .min_dimensions(200, 200)
        .dark_color(svg::Color("#000000"))
        .light_color(svg::Color("#ffffff"))
        .build();
    // The renderer starts with an XML declaration: not wanted inside HTML.
    Some(match image.find("<svg") {
        Some(i) => image[i..].to_owned(),
        None => image,
    })
}

/// Checks `code` at Unix time `now_secs` against `secret`. `last_step` is
/// the step of the last code accepted for this account. Returns the step to
/// store on success.
pub fn check(
    secret: &[u8],
    code: &str,
    now_secs: u64,
    last_step: Option<u64>,
) -> Result<u64, CodeRefused> {
    let totp = totp(secret, "").ok_or(CodeRefused::NotSetUp)?;
    let code: String = code.chars().filter(|c| !c.is_whitespace()).collect();
    if code.len() != 6 || !code.bytes().all(|b| b.is_ascii_digit()) {
        return Err(CodeRefused::Wrong);
    }
    let step = totp.check(&code, now_secs).ok_or(CodeRefused::Wrong)?;
    if last_step.is_some_and(|last| step <= last) {
        return Err(CodeRefused::Replayed);
    }
    Ok(step)
}

/// The code of the step holding `secs` (the tests' authenticator app).
pub fn code_at(secret: &[u8], secs: u64) -> Option<String> {
    Some(totp(secret, "")?.generate(secs).to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// RFC 6238 appendix B's SHA-1 key.
    const RFC_KEY: &[u8] = b"12345678901234567890";

    #[test]
    fn the_typed_form_of_a_secret_reads_back() {
        let secret = new_secret().unwrap();
        assert_eq!(secret_from_base32(&secret_base32(&secret)), Some(secret));
        assert_eq!(secret_from_base32("not base 32 !"), None);
    }

    #[test]
    fn codes_match_rfc_6238_and_allow_one_step_of_skew() {
        // Appendix B: T = 59 s gives 94287082 at 8 digits, 287082 at 6.
        assert_eq!(code_at(RFC_KEY, 59).unwrap(), "287082");
        assert_eq!(check(RFC_KEY, "287 082", 59, None), Ok(1));
        assert_eq!(check(RFC_KEY, "287082", 59 + 30, None), Ok(1));
        assert_eq!(
            check(RFC_KEY, "287082", 59 + 60, None),
            Err(CodeRefused::Wrong)
        );
        assert_eq!(check(RFC_KEY, "28708", 59, None), Err(CodeRefused::Wrong));
        assert_eq!(check(RFC_KEY, "28708a", 59, None), Err(CodeRefused::Wrong));
    }

    #[test]
    fn a_code_is_accepted_once() {
        let step = check(RFC_KEY, "287082", 59, None).unwrap();
        assert_eq!(
            check(RFC_KEY, "287082", 60, Some(step)),
            Err(CodeRefused::Replayed)
        );
        let next = code_at(RFC_KEY, 90).unwrap();
        assert_eq!(check(RFC_KEY, &next, 90, Some(step)), Ok(3));
    }

    #[test]
    fn set_up_gives_an_otpauth_url_and_an_inline_svg_qr_code() {
        let secret = new_secret().unwrap();
        assert_eq!(secret.len(), 20);
        assert_ne!(new_secret().unwrap(), secret);
        let url = otpauth_url(&secret, "kliniker@example.se").unwrap();
        assert!(url.starts_with("otpauth://totp/"), "{url}");
        assert!(url.contains(&format!("secret={}", secret_base32(&secret))));
        assert!(url.contains("issuer=Sm%C3%A4rtskolan"), "{url}");
        let svg = qr_svg(&url).unwrap();
        assert!(
            svg.starts_with("<svg") && svg.trim_end().ends_with("</svg>"),
            "{svg}"
        );
        assert!(!svg.contains("<script"));
        assert_eq!(
            check(&[1, 2, 3], "123456", 0, None),
            Err(CodeRefused::NotSetUp)
        );
    }
}
