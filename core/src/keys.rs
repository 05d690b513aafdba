//! The database key and where it lives: a `KeyProvider` the app implements
//! with the Keychain / Keystore. The key never lives in the data directory.

use std::sync::Mutex;

use sha2::{Digest, Sha256};
use zeroize::Zeroizing;

/// A raw 32-byte SQLCipher key. Wiped from memory when dropped.
#[derive(Clone)]
pub struct DatabaseKey(Zeroizing<[u8; 32]>);

impl DatabaseKey {
    /// Wraps raw key bytes.
    pub fn from_bytes(bytes: [u8; 32]) -> Self {
        DatabaseKey(Zeroizing::new(bytes))
    }

    /// Wraps a slice, which must be exactly 32 bytes.
    pub fn from_slice(bytes: &[u8]) -> Option<Self> {
        <[u8; 32]>::try_from(bytes).ok().map(Self::from_bytes)
    }

    /// A new key from the operating system's random source.
    pub fn generate() -> Result<Self, KeyError> {
        let mut bytes = Zeroizing::new([0u8; 32]);
        getrandom::fill(bytes.as_mut()).map_err(|_| KeyError::new("no random source"))?;
        Ok(DatabaseKey(bytes))
    }

    /// The raw bytes.
    pub fn as_bytes(&self) -> &[u8; 32] {
        &self.0
    }

    /// A one-way check value stored beside the database, so that a failed
    /// open can tell a wrong key from a damaged file. It reveals nothing of a
    /// random 256-bit key.
    pub(crate) fn check_value(&self) -> String {
        let mut h = Sha256::new();
        h.update(b"painschool key check v1\0");
        h.update(self.as_bytes());
        hex::encode(h.finalize())
    }
}

impl std::fmt::Debug for DatabaseKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("DatabaseKey(…)")
    }
}

/// Why the key provider failed (the keychain is locked, no hardware key…).
/// Carries no key material.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("key store: {0}")]
pub struct KeyError(pub String);

impl KeyError {
    /// A key error with a reason.
    pub fn new(reason: impl Into<String>) -> Self {
        KeyError(reason.into())
    }
}

/// Where the database key is kept. The apps back it with the Keychain
/// (`AfterFirstUnlockThisDeviceOnly`) or the Android Keystore.
pub trait KeyProvider: Send + Sync {
    /// The stored key, or `None` when there is none.
    fn get(&self) -> Result<Option<DatabaseKey>, KeyError>;
    /// Stores `key`, replacing any other.
    fn store(&self, key: &DatabaseKey) -> Result<(), KeyError>;
    /// Forgets the key (when access has ended and the data is wiped).
    fn delete(&self) -> Result<(), KeyError>;
}

/// A key provider in memory: for tests and for callers that derive the key
/// themselves (the cli derives it from a passphrase).
#[derive(Debug, Default)]
pub struct MemoryKeyProvider(Mutex<Option<DatabaseKey>>);

impl MemoryKeyProvider {
    /// A provider holding `key`, or nothing.
    pub fn new(key: Option<DatabaseKey>) -> Self {
        MemoryKeyProvider(Mutex::new(key))
    }
}

impl KeyProvider for MemoryKeyProvider {
    fn get(&self) -> Result<Option<DatabaseKey>, KeyError> {
        Ok(self
            .0
            .lock()
            .map_err(|_| KeyError::new("poisoned"))?
            .clone())
    }
    fn store(&self, key: &DatabaseKey) -> Result<(), KeyError> {
        *self.0.lock().map_err(|_| KeyError::new("poisoned"))? = Some(key.clone());
        Ok(())
    }
    fn delete(&self) -> Result<(), KeyError> {
        *self.0.lock().map_err(|_| KeyError::new("poisoned"))? = None;
        Ok(())
    }
}
