//! Integration tests of painschool-core against the real course bundle and
//! real encrypted SQLite files in temporary folders.

#[cfg(feature = "audio")]
mod audio;
mod common;
mod content;
mod facade;
mod ids_lock;
mod reminders;
mod storage;
mod sync;
mod upgrade;
