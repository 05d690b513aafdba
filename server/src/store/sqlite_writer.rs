//! Group commit for SQLite (ADR 0006): one writer thread owns the one
//! write connection. It takes every write waiting in its queue, runs each
//! in its own savepoint of one `BEGIN IMMEDIATE` transaction (a failing or
//! panicking write rolls back alone), commits once with
//! `synchronous=FULL`, and only then answers each caller.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, mpsc};

use rusqlite::Connection;

use super::StoreError;

/// How long the writer waits for more writes while several are arriving
/// together (like PostgreSQL's `commit_delay` with `commit_siblings`): when
/// this batch or the last one held more than one write. A lone write, at low
/// load, is committed at once.
const COMMIT_DELAY: std::time::Duration = std::time::Duration::from_millis(2);

/// The answer to one write's caller, given the group's commit outcome.
pub(super) type Reply = Box<dyn FnOnce(Result<(), StoreError>) + Send>;
/// One write: runs on the writer's connection, says whether it succeeded
/// and how to answer its caller.
pub(super) type Job = Box<dyn FnOnce(&Connection) -> (bool, Reply) + Send>;

/// The writer thread's loop: runs until every sender is gone.
pub(super) fn writer_loop(
    conn: Connection,
    jobs: mpsc::Receiver<Job>,
    commits: Arc<AtomicU64>,
    queued: Arc<std::sync::atomic::AtomicUsize>,
    taken: Arc<AtomicU64>,
) {
    let mut last_batch = 0usize;
    while let Ok(first) = jobs.recv() {
        let started = std::time::Instant::now();
        let mut batch = vec![first];
        while let Ok(more) = jobs.try_recv() {
            batch.push(more);
        }
        if batch.len() > 1 || last_batch > 1 {
            // Writes are arriving together: gather a little longer so they
            // share the fsync.
            while let Some(left) = COMMIT_DELAY.checked_sub(started.elapsed()) {
                match jobs.recv_timeout(left) {
                    Ok(more) => batch.push(more),
                    Err(_) => break,
                }
            }
        }
        last_batch = batch.len();
        queued.fetch_sub(batch.len(), Ordering::SeqCst);
        taken.fetch_add(batch.len() as u64, Ordering::SeqCst);
        let mut replies: Vec<Reply> = Vec::with_capacity(batch.len());
        let outcome = (|| -> Result<(), StoreError> {
            conn.execute_batch("BEGIN IMMEDIATE")?;
            for job in batch.drain(..) {
                conn.prepare_cached("SAVEPOINT job")?.execute([])?;
                let (ok, reply) =
                    match std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| job(&conn))) {
                        Ok(r) => r,
                        Err(_) => {
                            tracing::error!("a write panicked; rolled back alone");
                            (false, Box::new(|_| {}) as Reply)
                        }
                    };
                if !ok {
                    conn.prepare_cached("ROLLBACK TO job")?.execute([])?;
                }
                conn.prepare_cached("RELEASE job")?.execute([])?;
                replies.push(reply);
            }
            conn.execute_batch("COMMIT")?;
            commits.fetch_add(1, Ordering::Relaxed);
            Ok(())
        })();
        if let Err(e) = &outcome {
            tracing::error!(error = %e, "group commit failed; every write in it is refused");
            let _ = conn.execute_batch("ROLLBACK");
        }
        for reply in replies {
            reply(match &outcome {
                Ok(()) => Ok(()),
                Err(e) => Err(StoreError::Database(e.to_string())),
            });
        }
    }
}
