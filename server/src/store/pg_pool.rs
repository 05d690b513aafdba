//! A small connection pool for the PostgreSQL backend: at most `size`
//! connections, each with its own cache of prepared statements. A
//! connection left inside a transaction (a panic, a dropped future) is
//! closed instead of being reused, so the server rolls it back.

use std::collections::HashMap;
use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::task::Poll;

use tokio::sync::{OwnedSemaphorePermit, Semaphore};
use tokio_postgres::types::ToSql;
use tokio_postgres::{Client, NoTls, Row, Statement};

use super::StoreError;

impl From<tokio_postgres::Error> for StoreError {
    /// The SQLSTATE, table, column and constraint only: PostgreSQL's
    /// message details can quote the failing row's values (patient text).
    fn from(e: tokio_postgres::Error) -> Self {
        match e.as_db_error() {
            Some(db) => {
                let mut s = format!("postgres {}", db.code().code());
                for (what, name) in [
                    ("table", db.table()),
                    ("column", db.column()),
                    ("constraint", db.constraint()),
                ] {
                    if let Some(n) = name {
                        s.push_str(&format!(" {what} {n}"));
                    }
                }
                StoreError::Database(s)
            }
            None if e.is_closed() => StoreError::Database("postgres connection closed".into()),
            None => StoreError::Database(format!("postgres: {e}")),
        }
    }
}

/// Parameters of one statement.
pub(super) type Params<'a> = &'a [&'a (dyn ToSql + Sync)];

/// One connection and its prepared statements.
pub(super) struct Conn {
    // Shared so the group-commit writer can send a savepoint ahead of a
    // write's own statements (one round trip for both).
    client: Arc<Client>,
    statements: HashMap<&'static str, Statement>,
    in_transaction: bool,
}

impl Conn {
    /// The statement for `sql`, prepared once per connection.
    pub(super) async fn statement(&mut self, sql: &'static str) -> Result<Statement, StoreError> {
        if let Some(s) = self.statements.get(sql) {
            return Ok(s.clone());
        }
        let s = self.client.prepare(sql).await?;
        self.statements.insert(sql, s.clone());
        Ok(s)
    }

    /// Runs `sql`; returns the number of rows it changed.
    pub(super) async fn execute(
        &mut self,
        sql: &'static str,
        params: Params<'_>,
    ) -> Result<u64, StoreError> {
        let s = self.statement(sql).await?;
        Ok(self.client.execute(&s, params).await?)
    }

    /// Runs `sql`; returns its rows.
    pub(super) async fn query(
        &mut self,
        sql: &'static str,
        params: Params<'_>,
    ) -> Result<Vec<Row>, StoreError> {
        let s = self.statement(sql).await?;
        Ok(self.client.query(&s, params).await?)
    }

    /// Runs `sql`; returns its row, if any.
    pub(super) async fn query_opt(
        &mut self,
        sql: &'static str,
        params: Params<'_>,
    ) -> Result<Option<Row>, StoreError> {
        let s = self.statement(sql).await?;
        Ok(self.client.query_opt(&s, params).await?)
    }

    /// Runs `sql`; returns its one row.
    pub(super) async fn query_one(
        &mut self,
        sql: &'static str,
        params: Params<'_>,
    ) -> Result<Row, StoreError> {
        let s = self.statement(sql).await?;
        Ok(self.client.query_one(&s, params).await?)
    }

    /// Runs statements without parameters (migrations, `BEGIN`).
    pub(super) async fn batch(&mut self, sql: &str) -> Result<(), StoreError> {
        Ok(self.client.batch_execute(sql).await?)
    }

    /// The client, to send several prepared statements at once
    /// ([`in_order`]).
    pub(super) fn client(&self) -> &Client {
        &self.client
    }

    /// The client, shared: a request sent through it goes ahead of the
    /// statements a write sends afterwards on this connection.
    pub(super) fn shared_client(&self) -> Arc<Client> {
        self.client.clone()
    }

    /// Whether the connection to the server is gone.
    pub(super) fn is_closed(&self) -> bool {
        self.client.is_closed()
    }

    pub(super) async fn begin(&mut self) -> Result<(), StoreError> {
        self.in_transaction = true;
        self.batch("BEGIN").await
    }

    pub(super) async fn commit(&mut self) -> Result<(), StoreError> {
        self.batch("COMMIT").await?;
        self.in_transaction = false;
        Ok(())
    }

    pub(super) async fn rollback(&mut self) {
        if self.batch("ROLLBACK").await.is_ok() {
            self.in_transaction = false;
        }
    }
}

/// Awaits `futures` after polling each once in order. A tokio-postgres
/// query sends its request on its first poll, so the statements reach the
/// server in this order in one round trip (pipelining), and run in it.
pub(super) async fn in_order<'a, T>(
    mut futures: Vec<Pin<Box<dyn Future<Output = T> + Send + 'a>>>,
) -> Vec<T> {
    let mut done: Vec<Option<T>> = futures.iter().map(|_| None).collect();
    std::future::poll_fn(|cx| {
        for (f, d) in futures.iter_mut().zip(done.iter_mut()) {
            if let Poll::Ready(v) = f.as_mut().poll(cx) {
                *d = Some(v);
            }
        }
        Poll::Ready(())
    })
    .await;
    let mut out = Vec::with_capacity(futures.len());
    for (f, d) in futures.into_iter().zip(done) {
        out.push(match d {
            Some(v) => v,
            None => f.await,
        });
    }
    out
}

/// The pool.
pub(super) struct Pool {
    config: tokio_postgres::Config,
    idle: Mutex<Vec<Conn>>,
    permits: Arc<Semaphore>,
}

/// A connection taken from the pool; it goes back when dropped.
pub(super) struct Pooled {
    conn: Option<Conn>,
    pool: Arc<Pool>,
    _permit: OwnedSemaphorePermit,
}

impl std::ops::Deref for Pooled {
    type Target = Conn;
    fn deref(&self) -> &Conn {
        self.conn.as_ref().expect("present until dropped")
    }
}

impl std::ops::DerefMut for Pooled {
    fn deref_mut(&mut self) -> &mut Conn {
        self.conn.as_mut().expect("present until dropped")
    }
}

impl Drop for Pooled {
    fn drop(&mut self) {
        if let Some(conn) = self.conn.take()
            && !conn.in_transaction
            && !conn.client.is_closed()
        {
            self.pool
                .idle
                .lock()
                .unwrap_or_else(|p| p.into_inner())
                .push(conn);
        }
    }
}

impl Pool {
    /// A pool of at most `size` connections made with `config`.
    pub(super) fn new(config: tokio_postgres::Config, size: usize) -> Arc<Pool> {
        Arc::new(Pool {
            config,
            idle: Mutex::new(Vec::new()),
            permits: Arc::new(Semaphore::new(size)),
        })
    }

    /// An idle connection, or a new one; waits while `size` are in use.
    pub(super) async fn get(self: &Arc<Self>) -> Result<Pooled, StoreError> {
        let permit = self
            .permits
            .clone()
            .acquire_owned()
            .await
            .map_err(|_| StoreError::Database("the pool is closed".into()))?;
        let idle = loop {
            let c = self.idle.lock().unwrap_or_else(|p| p.into_inner()).pop();
            match c {
                Some(c) if c.client.is_closed() => continue,
                other => break other,
            }
        };
        let conn = match idle {
            Some(c) => c,
            None => self.connect().await?,
        };
        Ok(Pooled {
            conn: Some(conn),
            pool: self.clone(),
            _permit: permit,
        })
    }

    /// A new connection outside the pool (the writer's).
    pub(super) async fn connect(&self) -> Result<Conn, StoreError> {
        let (client, connection) = self.config.connect(NoTls).await?;
        tokio::spawn(async move {
            if let Err(e) = connection.await {
                tracing::warn!(error = %StoreError::from(e), "postgres connection ended");
            }
        });
        Ok(Conn {
            client: Arc::new(client),
            statements: HashMap::new(),
            in_transaction: false,
        })
    }

    /// Closes the idle connections (their server processes exit and
    /// publish their statistics).
    pub(super) fn close_idle(&self) {
        self.idle.lock().unwrap_or_else(|p| p.into_inner()).clear();
    }
}
