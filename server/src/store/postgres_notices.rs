//! The PostgreSQL backend's notice records (`store::notices`).

use chrono::{DateTime, Utc};

use super::StoreError;
use super::notices::{NoticeStore, time};
use super::postgres::PgStore;
use crate::notices::{PendingNotice, RecipientKey, RecipientKind};

/// A patient's message and, when it is new, its notice, in one statement
/// (one round trip on the push path): the message row, then one upsert per
/// recipient, so repeated messages collapse into that row and are counted.
pub(super) const INSERT_MESSAGE_AND_NOTICE: &str = "
    WITH m AS (
      INSERT INTO messages (id, patient_id, thread, author, body, written_at, received_at)
      VALUES ($1, $2, $3, 'patient', $4, $5, $6) ON CONFLICT (id) DO NOTHING RETURNING 1
    )
    INSERT INTO notices (recipient_kind, recipient_id, pending_since, arrivals)
    SELECT CASE WHEN $3 = 'clinician' AND p.clinician_id IS NOT NULL THEN 'clinician' ELSE 'unit' END,
           CASE WHEN $3 = 'clinician' AND p.clinician_id IS NOT NULL THEN p.clinician_id ELSE p.unit_id END,
           $6, 1
    FROM patients p, m WHERE p.id = $2
    ON CONFLICT (recipient_kind, recipient_id) DO UPDATE SET
      pending_since = coalesce(notices.pending_since, excluded.pending_since),
      arrivals = notices.arrivals + 1";

impl NoticeStore for PgStore {
    async fn pending_notices(&self) -> Result<Vec<PendingNotice>, StoreError> {
        self.read(|c| {
            Box::pin(async move {
                let rows = c
                    .query(
                        "SELECT n.recipient_kind, n.recipient_id, n.pending_since, n.arrivals, n.last_sent_at,
                                n.failures, n.retry_at,
                                CASE n.recipient_kind
                                  WHEN 'clinician' THEN (
                                    SELECT CASE WHEN k.active THEN k.email ELSE u.notice_email END
                                    FROM clinicians k JOIN units u ON u.id = k.unit_id WHERE k.id = n.recipient_id)
                                  ELSE (SELECT u.notice_email FROM units u WHERE u.id = n.recipient_id)
                                END
                         FROM notices n WHERE n.pending_since IS NOT NULL
                         ORDER BY n.pending_since, n.recipient_kind, n.recipient_id",
                        &[],
                    )
                    .await?;
                let mut out = Vec::with_capacity(rows.len());
                for r in rows {
                    let since: String = r.try_get(2)?;
                    let sent: Option<String> = r.try_get(4)?;
                    let failures: i64 = r.try_get(5)?;
                    let retry: Option<String> = r.try_get(6)?;
                    out.push(PendingNotice {
                        key: RecipientKey {
                            kind: RecipientKind::parse(&r.try_get::<_, String>(0)?),
                            id: r.try_get(1)?,
                        },
                        address: r.try_get(7)?,
                        pending_since: time(&since).unwrap_or_default(),
                        arrivals: r.try_get(3)?,
                        last_sent_at: sent.as_deref().and_then(time),
                        failures: u32::try_from(failures).unwrap_or(u32::MAX),
                        retry_at: retry.as_deref().and_then(time),
                    });
                }
                Ok(out)
            })
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
            Box::pin(async move {
                c.execute(
                    "UPDATE notices SET
                       pending_since = CASE WHEN arrivals = $3 THEN NULL ELSE pending_since END,
                       arrivals = CASE WHEN arrivals = $3 THEN 0 ELSE arrivals END,
                       last_sent_at = coalesce($4, last_sent_at), failures = 0, retry_at = NULL
                     WHERE recipient_kind = $1 AND recipient_id = $2",
                    &[
                        &key.kind.as_str(),
                        &key.id,
                        &arrivals,
                        &sent_at.map(|t| t.to_rfc3339()),
                    ],
                )
                .await?;
                Ok(())
            })
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
            Box::pin(async move {
                c.execute(
                    "UPDATE notices SET failures = $3, retry_at = $4
                     WHERE recipient_kind = $1 AND recipient_id = $2",
                    &[
                        &key.kind.as_str(),
                        &key.id,
                        &i64::from(failures),
                        &retry_at.to_rfc3339(),
                    ],
                )
                .await?;
                Ok(())
            })
        })
        .await
    }

    async fn set_unit_mailbox(
        &self,
        staff_email: String,
        mailbox: Option<String>,
    ) -> Result<bool, StoreError> {
        self.write(move |c| {
            Box::pin(async move {
                let n = c
                    .execute(
                        "UPDATE units SET notice_email = $2
                         WHERE id = (SELECT unit_id FROM clinicians WHERE email = $1)",
                        &[&staff_email, &mailbox],
                    )
                    .await?;
                Ok(n > 0)
            })
        })
        .await
    }
}
