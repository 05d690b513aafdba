//! The SQLite backend's notice records (`store::notices`).

use chrono::{DateTime, Utc};
use rusqlite::{Connection, params};

use super::StoreError;
use super::notices::{NoticeStore, time};
use super::sqlite::SqliteStore;
use crate::notices::{PendingNotice, RecipientKey, RecipientKind};

/// Enqueues the notice of a patient's new message, in the push's
/// transaction: one row per recipient, so repeated messages collapse into
/// it (an upsert that counts them).
pub(super) fn enqueue(
    c: &Connection,
    patient_id: &str,
    thread: &str,
    now: &str,
) -> Result<(), StoreError> {
    c.prepare_cached(
        "INSERT INTO notices (recipient_kind, recipient_id, pending_since, arrivals)
         SELECT CASE WHEN ?2 = 'clinician' AND p.clinician_id IS NOT NULL THEN 'clinician' ELSE 'unit' END,
                CASE WHEN ?2 = 'clinician' AND p.clinician_id IS NOT NULL THEN p.clinician_id ELSE p.unit_id END,
                ?3, 1
         FROM patients p WHERE p.id = ?1
         ON CONFLICT (recipient_kind, recipient_id) DO UPDATE SET
           pending_since = coalesce(notices.pending_since, excluded.pending_since),
           arrivals = notices.arrivals + 1",
    )?
    .execute(params![patient_id, thread, now])?;
    Ok(())
}

impl NoticeStore for SqliteStore {
    async fn pending_notices(&self) -> Result<Vec<PendingNotice>, StoreError> {
        self.read(|c| {
            let mut stmt = c.prepare_cached(
                "SELECT n.recipient_kind, n.recipient_id, n.pending_since, n.arrivals, n.last_sent_at,
                        n.failures, n.retry_at,
                        CASE n.recipient_kind
                          WHEN 'clinician' THEN (
                            SELECT CASE WHEN k.active = 1 THEN k.email ELSE u.notice_email END
                            FROM clinicians k JOIN units u ON u.id = k.unit_id WHERE k.id = n.recipient_id)
                          ELSE (SELECT u.notice_email FROM units u WHERE u.id = n.recipient_id)
                        END
                 FROM notices n WHERE n.pending_since IS NOT NULL
                 ORDER BY n.pending_since, n.recipient_kind, n.recipient_id",
            )?;
            let rows = stmt.query_map([], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, i64>(3)?,
                    r.get::<_, Option<String>>(4)?,
                    r.get::<_, i64>(5)?,
                    r.get::<_, Option<String>>(6)?,
                    r.get::<_, Option<String>>(7)?,
                ))
            })?;
            let mut out = Vec::new();
            for row in rows {
                let (kind, id, since, arrivals, sent, failures, retry, address) = row?;
                out.push(PendingNotice {
                    key: RecipientKey {
                        kind: RecipientKind::parse(&kind),
                        id,
                    },
                    address,
                    pending_since: time(&since).unwrap_or_default(),
                    arrivals,
                    last_sent_at: sent.as_deref().and_then(time),
                    failures: u32::try_from(failures).unwrap_or(u32::MAX),
                    retry_at: retry.as_deref().and_then(time),
                });
            }
            Ok(out)
        })
        .await
    }

    async fn notice_done(
        &self,
        key: RecipientKey,
        arrivals: i64,
        sent_at: Option<DateTime<Utc>>,
    ) -> Result<(), StoreError> {
        self.write(move |c| {
            c.prepare_cached(
                "UPDATE notices SET
                   pending_since = CASE WHEN arrivals = ?3 THEN NULL ELSE pending_since END,
                   arrivals = CASE WHEN arrivals = ?3 THEN 0 ELSE arrivals END,
                   last_sent_at = coalesce(?4, last_sent_at), failures = 0, retry_at = NULL
                 WHERE recipient_kind = ?1 AND recipient_id = ?2",
            )?
            .execute(params![
                key.kind.as_str(),
                key.id,
                arrivals,
                sent_at.map(|t| t.to_rfc3339())
            ])?;
            Ok(())
        })
        .await
    }

    async fn notice_failed(
        &self,
        key: RecipientKey,
        failures: u32,
        retry_at: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        self.write(move |c| {
            c.prepare_cached(
                "UPDATE notices SET failures = ?3, retry_at = ?4
                 WHERE recipient_kind = ?1 AND recipient_id = ?2",
            )?
            .execute(params![
                key.kind.as_str(),
                key.id,
                failures,
                retry_at.to_rfc3339()
            ])?;
            Ok(())
        })
        .await
    }

    async fn set_unit_mailbox(
        &self,
        staff_email: String,
        mailbox: Option<String>,
    ) -> Result<bool, StoreError> {
        self.write(move |c| {
            let n = c.execute(
                "UPDATE units SET notice_email = ?2
                 WHERE id = (SELECT unit_id FROM clinicians WHERE email = ?1)",
                params![staff_email, mailbox],
            )?;
            Ok(n > 0)
        })
        .await
    }
}
