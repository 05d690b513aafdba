//! The e-mail notices' records (issue 5.8, migration 0009): pending notices
//! per recipient, what the sender did with them, and a unit's shared
//! mailbox address. A patient's message enqueues its notice inside the
//! push (`apply_device_side_effect` of each backend); these are the
//! sender's and the command line's calls. The same behaviour on both
//! backends.

use std::future::Future;

use chrono::{DateTime, Utc};

use super::StoreError;
use crate::notices::{PendingNotice, RecipientKey};

/// What the notice sender and the command line need from the database.
pub trait NoticeStore {
    /// Every recipient with messages not yet announced, with the address
    /// to use now.
    fn pending_notices(
        &self,
    ) -> impl Future<Output = Result<Vec<PendingNotice>, StoreError>> + Send;

    /// The notice for `key` is done: mailed at `sent_at`, or set aside
    /// (`None`: nobody to mail). It stays pending if more messages arrived
    /// since the sender read `arrivals`.
    fn notice_done(
        &self,
        key: RecipientKey,
        arrivals: i64,
        sent_at: Option<DateTime<Utc>>,
    ) -> impl Future<Output = Result<(), StoreError>> + Send;

    /// A send to `key` failed for the `failures`-th time in a row; try
    /// again at `retry_at`. The notice stays pending.
    fn notice_failed(
        &self,
        key: RecipientKey,
        failures: u32,
        retry_at: DateTime<Utc>,
    ) -> impl Future<Output = Result<(), StoreError>> + Send;

    /// Sets (or with `None` clears) the shared mailbox address of the unit
    /// the staff member `staff_email` belongs to. False when nobody has
    /// that e-mail.
    fn set_unit_mailbox(
        &self,
        staff_email: String,
        mailbox: Option<String>,
    ) -> impl Future<Output = Result<bool, StoreError>> + Send;
}

/// Reads a stored RFC 3339 time.
pub(super) fn time(s: &str) -> Option<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(s)
        .ok()
        .map(|t| t.with_timezone(&Utc))
}
