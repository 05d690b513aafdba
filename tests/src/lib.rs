//! End-to-end tests live in `tests/`; this library holds what the child
//! processes and the tests share, and the test server ([`server`]) that the
//! server's own integration tests use too.

use std::path::{Path, PathBuf};

pub mod server;
pub mod year;

/// The key the crash writer and its test use.
pub const CRASH_KEY: [u8; 32] = [9; 32];

/// The real course bundle.
pub fn bundle_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../content")
}
