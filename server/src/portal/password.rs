//! Staff passwords, stored as argon2id hashes in the PHC string format
//! (`$argon2id$v=19$m=19456,t=2,p=1$…`): OWASP's minimum parameters, about
//! 20 ms on one core here, so sign-in stays quick while a stolen database
//! stays expensive to guess from.

use argon2::password_hash::rand_core::OsRng;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};

/// The shortest password a clinician may choose.
pub const MIN_CHARS: usize = 12;
/// The longest one accepted (a bound on hashing work per request).
pub const MAX_CHARS: usize = 256;

/// Why a new password is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum WeakPassword {
    /// Fewer than [`MIN_CHARS`] characters.
    #[error("the password must have at least {MIN_CHARS} characters")]
    TooShort,
    /// More than [`MAX_CHARS`] characters.
    #[error("the password may have at most {MAX_CHARS} characters")]
    TooLong,
}

/// Hashing failed (the OS random generator, or a parameter bug).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("cannot hash the password")]
pub struct HashFailed;

fn hasher() -> Argon2<'static> {
    // m = 19 MiB, t = 2, p = 1: OWASP's argon2id recommendation.
    let params = Params::new(19 * 1024, 2, 1, None).unwrap_or_default();
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
}

/// Checks a new password's length (counted in characters, not bytes).
pub fn check_new(password: &str) -> Result<(), WeakPassword> {
    let n = password.chars().count();
    if n < MIN_CHARS {
        Err(WeakPassword::TooShort)
    } else if n > MAX_CHARS {
        Err(WeakPassword::TooLong)
    } else {
        Ok(())
    }
}

/// The stored form of a password: an argon2id PHC string with a fresh salt.
pub fn hash(password: &str) -> Result<String, HashFailed> {
    let salt = SaltString::generate(&mut OsRng);
    hasher()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|_| HashFailed)
}

/// Whether `password` matches `stored`. A stored string that does not parse
/// never matches. Passing `None` (no such account) still does the work of a
/// check, so the answer takes as long for an unknown name as for a wrong
/// password.
pub fn verify(password: &str, stored: Option<&str>) -> bool {
    if password.chars().count() > MAX_CHARS {
        return false;
    }
    match stored.and_then(|s| PasswordHash::new(s).ok()) {
        Some(parsed) => hasher()
            .verify_password(password.as_bytes(), &parsed)
            .is_ok(),
        None => {
            let _ = hash(password);
            false
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_hash_is_argon2id_salted_and_verifies_only_its_password() {
        let a = hash("korrekt häst batteri").unwrap();
        let b = hash("korrekt häst batteri").unwrap();
        assert!(a.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"), "{a}");
        assert_ne!(a, b, "each hash has its own salt");
        assert!(verify("korrekt häst batteri", Some(&a)));
        assert!(!verify("korrekt hast batteri", Some(&a)));
        assert!(!verify("korrekt häst batteri", Some("not a hash")));
        assert!(!verify("korrekt häst batteri", None));
    }

    #[test]
    fn new_passwords_are_checked_by_characters() {
        assert_eq!(check_new("kort"), Err(WeakPassword::TooShort));
        // 12 characters, 15 bytes.
        assert_eq!(check_new("åäöåäöabcdef"), Ok(()));
        assert_eq!(check_new(&"x".repeat(257)), Err(WeakPassword::TooLong));
        assert!(!verify(&"x".repeat(257), None));
    }
}
