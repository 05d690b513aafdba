//! Activation codes and device tokens: made from the OS random number
//! generator, shown once, stored only as SHA-256 hashes. Both carry enough
//! entropy (64 and 256 bits) that a fast hash is the right choice.

use sha2::{Digest, Sha256};

/// A new activation code: 64 random bits as 16 hex digits in groups of four
/// (`3f9a-0c1d-77e2-b410`), easy to read aloud and to type.
pub fn new_activation_code() -> Result<String, getrandom::Error> {
    let mut bytes = [0u8; 8];
    getrandom::fill(&mut bytes)?;
    let hex = hex::encode(bytes);
    Ok(hex
        .as_bytes()
        .chunks(4)
        .map(|c| std::str::from_utf8(c).unwrap_or_default())
        .collect::<Vec<_>>()
        .join("-"))
}

/// A new device token: 256 random bits as hex.
pub fn new_device_token() -> Result<String, getrandom::Error> {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes)?;
    Ok(hex::encode(bytes))
}

/// The code as typed, normalised: spaces and dashes dropped, lower case.
/// `None` when it cannot be a code (wrong length or characters).
pub fn normalise_code(typed: &str) -> Option<String> {
    let s: String = typed
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .flat_map(char::to_lowercase)
        .collect();
    (s.len() == 16 && s.chars().all(|c| c.is_ascii_hexdigit())).then_some(s)
}

/// The stored form of a code or token.
pub fn hash(secret: &str) -> String {
    hex::encode(Sha256::digest(secret.as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_64_bits_in_groups_and_normalise_back() {
        let c = new_activation_code().unwrap();
        assert_eq!(c.len(), 19);
        assert_eq!(c.matches('-').count(), 3);
        let n = normalise_code(&c.to_uppercase().replace('-', " ")).unwrap();
        assert_eq!(n, c.replace('-', ""));
        assert_ne!(new_activation_code().unwrap(), c);
        assert_eq!(normalise_code("not a code"), None);
        assert_eq!(normalise_code("3f9a-0c1d-77e2"), None);
    }

    #[test]
    fn tokens_are_256_bits_and_hashes_hide_them() {
        let t = new_device_token().unwrap();
        assert_eq!(t.len(), 64);
        let h = hash(&t);
        assert_eq!(h.len(), 64);
        assert_ne!(h, t);
        assert_eq!(h, hash(&t));
    }
}
