//! The cli's key provider: a key derived from a passphrase with Argon2id and
//! a random salt kept in the data directory (the key itself is never stored).

use std::fs;
use std::io::IsTerminal;
use std::path::Path;

use argon2::{Algorithm, Argon2, Params, Version};
use painschool_core::keys::{DatabaseKey, KeyError, KeyProvider};
use zeroize::Zeroizing;

const SALT_FILE: &str = "cli-key.salt";
/// The environment variable read for the passphrase before prompting.
pub const PASSPHRASE_ENV: &str = "PAINSCHOOL_PASSPHRASE";

/// Derives the database key from a passphrase, once per run.
pub struct PassphraseKeys {
    key: Option<DatabaseKey>,
}

impl PassphraseKeys {
    /// Reads the passphrase (environment, else a hidden prompt on a
    /// terminal) and derives the key with the salt in `data_dir`, creating
    /// the salt when `create` is set.
    pub fn new(data_dir: &Path, create: bool) -> Result<Self, String> {
        let salt_path = data_dir.join(SALT_FILE);
        let salt = match fs::read(&salt_path) {
            Ok(s) if s.len() == 16 => s,
            Ok(_) => return Err(format!("{} is damaged", salt_path.display())),
            Err(_) if create => {
                fs::create_dir_all(data_dir)
                    .map_err(|e| format!("cannot create {}: {e}", data_dir.display()))?;
                let mut s = vec![0u8; 16];
                getrandom::fill(&mut s).map_err(|_| "no random source".to_owned())?;
                write_atomically(&salt_path, &s)
                    .map_err(|e| format!("cannot write {}: {e}", salt_path.display()))?;
                s
            }
            Err(_) => {
                return Err(format!(
                    "no course data in {} — start with `painschool init --demo`",
                    data_dir.display()
                ));
            }
        };
        let passphrase = read_passphrase(create)?;
        let mut out = Zeroizing::new([0u8; 32]);
        let params = Params::new(19 * 1024, 2, 1, Some(32)).map_err(|e| e.to_string())?;
        Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
            .hash_password_into(passphrase.as_bytes(), &salt, out.as_mut())
            .map_err(|e| format!("key derivation failed: {e}"))?;
        Ok(PassphraseKeys {
            key: Some(DatabaseKey::from_bytes(*out)),
        })
    }
}

/// Temp file, fsync, rename: a crash never leaves a half-written salt.
fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    let tmp = path.with_extension("tmp");
    let mut f = fs::File::create(&tmp)?;
    f.write_all(bytes)?;
    f.sync_all()?;
    fs::rename(&tmp, path)?;
    fs::File::open(path.parent().unwrap_or(Path::new(".")))?.sync_all()
}

fn read_passphrase(confirm: bool) -> Result<Zeroizing<String>, String> {
    if let Ok(p) = std::env::var(PASSPHRASE_ENV) {
        if p.is_empty() {
            return Err(format!("{PASSPHRASE_ENV} is empty"));
        }
        return Ok(Zeroizing::new(p));
    }
    if !std::io::stdin().is_terminal() {
        return Err(format!(
            "no passphrase: set {PASSPHRASE_ENV} or run in a terminal"
        ));
    }
    let p = Zeroizing::new(
        rpassword::prompt_password("Lösenfras / passphrase: ").map_err(|e| e.to_string())?,
    );
    if p.is_empty() {
        return Err("the passphrase is empty".into());
    }
    if confirm {
        let again = Zeroizing::new(
            rpassword::prompt_password("Igen / again: ").map_err(|e| e.to_string())?,
        );
        if *again != *p {
            return Err("the passphrases differ".into());
        }
    }
    Ok(p)
}

impl KeyProvider for PassphraseKeys {
    fn get(&self) -> Result<Option<DatabaseKey>, KeyError> {
        Ok(self.key.clone())
    }
    fn store(&self, _key: &DatabaseKey) -> Result<(), KeyError> {
        Err(KeyError::new(
            "the cli derives its key from the passphrase; nothing to store",
        ))
    }
    fn delete(&self) -> Result<(), KeyError> {
        Ok(())
    }
}
