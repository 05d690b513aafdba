//! One-time recovery codes: ten per clinician, shown once at set-up, each
//! signs in once in place of a lost phone's code. 60 random bits each, so
//! they are stored as SHA-256 hashes (like device tokens) and typed as
//! `abcd-efgh-ijkl` in an alphabet without look-alike letters.

use sha2::{Digest, Sha256};

/// How many codes a clinician gets.
pub const COUNT: usize = 10;
/// Lower-case letters and digits without `0 o 1 l i`: 31 symbols.
const ALPHABET: &[u8] = b"23456789abcdefghjkmnpqrstuvwxyz";
/// Twelve symbols of 31: 59.4 bits.
const LEN: usize = 12;

/// A fresh set of codes, as shown to the clinician.
pub fn new_codes() -> Result<Vec<String>, getrandom::Error> {
    (0..COUNT).map(|_| new_code()).collect()
}

fn new_code() -> Result<String, getrandom::Error> {
    let mut out = String::with_capacity(LEN + 2);
    let mut n = 0;
    while n < LEN {
        let mut b = [0u8; 1];
        getrandom::fill(&mut b)?;
        // Rejection sampling keeps every symbol equally likely.
        if usize::from(b[0]) < 256 - 256 % ALPHABET.len() {
            if n > 0 && n % 4 == 0 {
                out.push('-');
            }
            out.push(char::from(ALPHABET[usize::from(b[0]) % ALPHABET.len()]));
            n += 1;
        }
    }
    Ok(out)
}

/// The stored form of a code as typed: spaces and dashes dropped, lower
/// case, hashed. `None` when it cannot be a code.
pub fn stored_form(typed: &str) -> Option<String> {
    let s: String = typed
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .flat_map(char::to_lowercase)
        .collect();
    (s.len() == LEN && s.bytes().all(|b| ALPHABET.contains(&b)))
        .then(|| hex::encode(Sha256::digest(s.as_bytes())))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ten_distinct_codes_that_normalise_to_their_stored_form() {
        let codes = new_codes().unwrap();
        assert_eq!(codes.len(), 10);
        let mut unique = codes.clone();
        unique.sort();
        unique.dedup();
        assert_eq!(unique.len(), 10);
        for c in &codes {
            assert_eq!(c.len(), 14, "{c}");
            let typed = c.to_uppercase().replace('-', " ");
            assert_eq!(stored_form(&typed), stored_form(c));
            assert!(stored_form(c).is_some());
        }
        assert_eq!(
            stored_form("0000-0000-0000"),
            None,
            "look-alikes are not in the alphabet"
        );
        assert_eq!(stored_form("abcd"), None);
    }
}
