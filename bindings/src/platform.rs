//! What the apps provide: the key store (Keychain, Keystore) and the clock.
//! Both are foreign traits; adapters make them the core's traits.

use std::sync::Arc;
use std::time::SystemTime;

use chrono::{DateTime, Utc};
use painschool_core::keys::{DatabaseKey, KeyError};

use crate::error::KeyStoreError;

/// The app's secure store for the 32-byte database key (iOS Keychain with
/// `AfterFirstUnlockThisDeviceOnly`, Android Keystore). Called on a
/// background thread; may block.
#[uniffi::export(foreign)]
pub trait KeyProvider: Send + Sync {
    /// The stored key, or `null`/`nil` when none was ever stored.
    fn get(&self) -> Result<Option<Vec<u8>>, KeyStoreError>;
    /// Stores `key` (32 bytes), replacing any other.
    fn store(&self, key: Vec<u8>) -> Result<(), KeyStoreError>;
    /// Forgets the key.
    fn delete(&self) -> Result<(), KeyStoreError>;
}

/// The device clock. Tests pass a fixed one. Called on background threads.
#[uniffi::export(foreign)]
pub trait Clock: Send + Sync {
    /// The current instant.
    fn now(&self) -> SystemTime;
}

/// The app's key store as the core's `KeyProvider`.
pub(crate) struct KeysAdapter(pub(crate) Arc<dyn KeyProvider>);

impl painschool_core::keys::KeyProvider for KeysAdapter {
    fn get(&self) -> Result<Option<DatabaseKey>, KeyError> {
        let bytes = self.0.get().map_err(|e| KeyError::new(e.to_string()))?;
        bytes
            .map(|b| {
                <[u8; 32]>::try_from(b.as_slice())
                    .map(DatabaseKey::from_bytes)
                    .map_err(|_| KeyError::new("the stored key is not 32 bytes"))
            })
            .transpose()
    }

    fn store(&self, key: &DatabaseKey) -> Result<(), KeyError> {
        self.0
            .store(key.as_bytes().to_vec())
            .map_err(|e| KeyError::new(e.to_string()))
    }

    fn delete(&self) -> Result<(), KeyError> {
        self.0.delete().map_err(|e| KeyError::new(e.to_string()))
    }
}

/// The app's clock as the core's `Clock`.
pub(crate) struct ClockAdapter(pub(crate) Arc<dyn Clock>);

impl painschool_core::clock::Clock for ClockAdapter {
    fn now(&self) -> DateTime<Utc> {
        DateTime::<Utc>::from(self.0.now())
    }
}
