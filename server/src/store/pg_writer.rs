//! Group commit for PostgreSQL, as in the SQLite backend (ADR 0006, 0008):
//! one writer task owns one connection. It takes every write waiting in its
//! queue (at most [`MAX_GROUP`]), runs each in its own savepoint of one
//! transaction (a failing write rolls back only itself), commits once with
//! `synchronous_commit = on`, and only then answers each caller. While
//! writes arrive together it waits up to `COMMIT_DELAY` for more; a lone
//! write commits at once. One WAL flush per group, however the operating
//! system schedules PostgreSQL's processes.

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::task::{Context, Poll};

use tokio::sync::{mpsc, oneshot};

use super::StoreError;
use super::pg_pool::{Conn, Pool};

/// How long the writer gathers writes while several arrive together (the
/// SQLite writer's delay).
const COMMIT_DELAY: std::time::Duration = std::time::Duration::from_millis(2);

/// Most writes in one transaction. Each write is a subtransaction, and
/// PostgreSQL tracks at most 64 of them per transaction cheaply.
const MAX_GROUP: usize = 64;

/// A unit of work on a connection.
pub(super) type Work<'c, T> = Pin<Box<dyn Future<Output = Result<T, StoreError>> + Send + 'c>>;

type Reply = Box<dyn FnOnce(Result<(), StoreError>) + Send>;
type JobFuture<'c> = Pin<Box<dyn Future<Output = (bool, Reply)> + Send + 'c>>;
type Job = Box<dyn for<'c> FnOnce(&'c mut Conn) -> JobFuture<'c> + Send>;

enum Msg {
    /// A write.
    Job(Job),
    /// Close the connection after the current group (a new one is made for
    /// the next write); answered once closed.
    Reconnect(oneshot::Sender<()>),
}

/// The writer's queue.
pub(super) struct Writer {
    jobs: mpsc::UnboundedSender<Msg>,
    commits: Arc<AtomicU64>,
    queued: Arc<AtomicU64>,
    taken: Arc<AtomicU64>,
}

impl Writer {
    /// Starts the writer task; it connects with `pool`'s settings.
    pub(super) fn start(pool: Arc<Pool>) -> Writer {
        let (tx, rx) = mpsc::unbounded_channel();
        let commits = Arc::new(AtomicU64::new(0));
        let queued = Arc::new(AtomicU64::new(0));
        let taken = Arc::new(AtomicU64::new(0));
        let counts = Counts {
            queued: queued.clone(),
            taken: taken.clone(),
        };
        tokio::spawn(writer_loop(pool, rx, commits.clone(), counts));
        Writer {
            jobs: tx,
            commits,
            queued,
            taken,
        }
    }

    /// Writes waiting in the queue, and writes taken into groups so far.
    pub(super) fn queue(&self) -> (u64, u64) {
        (
            self.queued.load(Ordering::SeqCst),
            self.taken.load(Ordering::SeqCst),
        )
    }

    /// Group commits made.
    pub(super) fn commits(&self) -> u64 {
        self.commits.load(Ordering::Relaxed)
    }

    /// Runs `f` in the writer's next group commit; resolves after the
    /// commit. If `f` fails, its savepoint is rolled back and the rest of
    /// the group still commits.
    pub(super) async fn write<T, F>(&self, f: F) -> Result<T, StoreError>
    where
        T: Send + 'static,
        F: for<'c> FnOnce(&'c mut Conn) -> Work<'c, T> + Send + 'static,
    {
        let (tx, rx) = oneshot::channel::<Result<T, StoreError>>();
        let job: Job = Box::new(move |c: &mut Conn| -> JobFuture<'_> {
            Box::pin(async move {
                let result = f(c).await;
                let ok = result.is_ok();
                let reply: Reply = Box::new(move |commit| {
                    let _ = tx.send(commit.and(result));
                });
                (ok, reply)
            })
        });
        self.queued.fetch_add(1, Ordering::SeqCst);
        self.jobs
            .send(Msg::Job(job))
            .map_err(|_| StoreError::Database("the writer has stopped".into()))?;
        rx.await
            .map_err(|_| StoreError::Database("the writer dropped a write".into()))?
    }

    /// Closes the writer's connection (its server process exits and
    /// publishes its statistics); the next write opens a new one.
    pub(super) async fn reconnect(&self) {
        let (tx, rx) = oneshot::channel();
        if self.jobs.send(Msg::Reconnect(tx)).is_ok() {
            let _ = rx.await;
        }
    }
}

/// The writer's queue counters.
struct Counts {
    queued: Arc<AtomicU64>,
    taken: Arc<AtomicU64>,
}

async fn writer_loop(
    pool: Arc<Pool>,
    mut jobs: mpsc::UnboundedReceiver<Msg>,
    commits: Arc<AtomicU64>,
    counts: Counts,
) {
    let mut conn: Option<Conn> = None;
    let mut last_group = 0usize;
    while let Some(first) = jobs.recv().await {
        let deadline = tokio::time::Instant::now() + COMMIT_DELAY;
        let mut group = Vec::new();
        let mut reconnects = Vec::new();
        take(first, &mut group, &mut reconnects, &counts);
        while let Ok(more) = jobs.try_recv() {
            take(more, &mut group, &mut reconnects, &counts);
            if group.len() >= MAX_GROUP {
                break;
            }
        }
        if (group.len() > 1 || last_group > 1) && reconnects.is_empty() {
            // Writes are arriving together: gather a little longer so they
            // share the WAL flush, until as many as last time have come
            // (the writers the last commit answered are back) or the delay
            // is over.
            while group.len() < last_group.clamp(2, MAX_GROUP) {
                match tokio::time::timeout_at(deadline, jobs.recv()).await {
                    Ok(Some(more)) => take(more, &mut group, &mut reconnects, &counts),
                    _ => break,
                }
            }
        }
        if !reconnects.is_empty() && group.is_empty() {
            conn = None;
            for r in reconnects {
                let _ = r.send(());
            }
            continue;
        }
        last_group = group.len();
        if conn.as_ref().is_none_or(Conn::is_closed) {
            conn = match pool.connect().await {
                Ok(c) => Some(c),
                Err(e) => {
                    // Dropping the writes answers their callers with an error.
                    tracing::error!(error = %e, "the writer cannot connect; every write in the group is refused");
                    drop(group);
                    continue;
                }
            };
        }
        let Some(c) = conn.as_mut() else { continue };
        let mut replies: Vec<Reply> = Vec::with_capacity(group.len());
        let outcome = run_group(c, group, &mut replies).await;
        match &outcome {
            Ok(()) => {
                commits.fetch_add(1, Ordering::Relaxed);
            }
            Err(e) => {
                tracing::error!(error = %e, "group commit failed; every write in it is refused");
                if c.batch("ROLLBACK").await.is_err() {
                    conn = None;
                }
            }
        }
        for reply in replies {
            reply(match &outcome {
                Ok(()) => Ok(()),
                Err(e) => Err(StoreError::Database(e.to_string())),
            });
        }
        if !reconnects.is_empty() {
            conn = None;
            for r in reconnects {
                let _ = r.send(());
            }
        }
    }
}

fn take(m: Msg, group: &mut Vec<Job>, reconnects: &mut Vec<oneshot::Sender<()>>, counts: &Counts) {
    match m {
        Msg::Job(j) => {
            counts.queued.fetch_sub(1, Ordering::SeqCst);
            counts.taken.fetch_add(1, Ordering::SeqCst);
            group.push(j)
        }
        Msg::Reconnect(r) => reconnects.push(r),
    }
}

/// One transaction: a savepoint per write, one commit. Each savepoint is
/// sent ahead of its write's first statement, in the same round trip, and
/// is not released (released savepoints cost a round trip each; PostgreSQL
/// releases them all at the commit). A write that fails rolls back to its
/// own savepoint, the latest one, so the writes before it stay.
async fn run_group(
    c: &mut Conn,
    group: Vec<Job>,
    replies: &mut Vec<Reply>,
) -> Result<(), StoreError> {
    c.batch("BEGIN").await?;
    for job in group {
        let client = c.shared_client();
        let mut savepoint = std::pin::pin!(client.batch_execute("SAVEPOINT job"));
        // The first poll sends it (tokio-postgres sends on first poll).
        let early = std::future::poll_fn(|cx| Poll::Ready(savepoint.as_mut().poll(cx))).await;
        let (ok, reply) = CatchUnwind(job(c)).await.unwrap_or_else(|()| {
            tracing::error!("a write panicked; rolled back alone");
            (false, Box::new(|_| {}) as Reply)
        });
        replies.push(reply);
        match early {
            Poll::Ready(r) => r?,
            Poll::Pending => savepoint.await?,
        }
        if !ok {
            c.batch("ROLLBACK TO SAVEPOINT job").await?;
        }
    }
    c.batch("COMMIT").await
}

/// Turns a panic inside a write into an error for that write alone, so the
/// writer task lives on.
struct CatchUnwind<F>(F);

impl<F: Future + Unpin> Future for CatchUnwind<F> {
    type Output = Result<F::Output, ()>;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let inner = &mut self.0;
        match std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| Pin::new(inner).poll(cx))) {
            Ok(Poll::Ready(v)) => Poll::Ready(Ok(v)),
            Ok(Poll::Pending) => Poll::Pending,
            Err(_) => Poll::Ready(Err(())),
        }
    }
}
