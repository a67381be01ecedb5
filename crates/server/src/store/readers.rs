//! SQLite's read connections: a small pool of its own that takes a
//! connection back without a round trip to it.
//!
//! sqlx's pool pings every connection handed back to it, to flush what a
//! cancelled statement left behind. For SQLite that ping is one more
//! command sent to the connection's worker thread and one more reply, two
//! thread switches on every request. A read connection holds no
//! transaction, and sqlx's SQLite worker runs its commands in order and
//! resets a statement whose rows nobody reads any more, so a connection
//! given back mid-statement serves its next reader right after that
//! statement stops. Measured on the team table's first page at 100,000
//! members: see `Db::read`.

use crate::store::gate::PATIENCE;
use sqlx::{ConnectOptions, Connection};
use std::sync::{Arc, Mutex};
use tokio::sync::{OwnedSemaphorePermit, Semaphore};

/// Up to `size` read connections, opened on first use and kept open.
#[derive(Debug)]
pub struct Readers<C: Connection>(Arc<Shared<C>>);

impl<C: Connection> Clone for Readers<C> {
    fn clone(&self) -> Self {
        Self(Arc::clone(&self.0))
    }
}

#[derive(Debug)]
struct Shared<C: Connection> {
    options: C::Options,
    idle: Mutex<Vec<C>>,
    permits: Arc<Semaphore>,
}

impl<C: Connection> Readers<C> {
    /// A pool of at most `size` connections opened with `options`.
    pub fn new(options: C::Options, size: usize) -> Self {
        Self(Arc::new(Shared {
            options,
            idle: Mutex::new(Vec::with_capacity(size)),
            permits: Arc::new(Semaphore::new(size)),
        }))
    }

    /// A connection, once one is free (at most [`PATIENCE`], then
    /// `PoolTimedOut`, as sqlx's pools answer).
    pub async fn get(&self) -> Result<Reader<C>, sqlx::Error> {
        let permit = tokio::time::timeout(PATIENCE, self.0.permits.clone().acquire_owned())
            .await
            .map_err(|_| sqlx::Error::PoolTimedOut)?
            .map_err(|_| sqlx::Error::PoolClosed)?;
        let idle = self.lock().pop();
        let conn = match idle {
            Some(conn) => conn,
            None => self.0.options.connect().await?,
        };
        Ok(Reader {
            conn: Some(conn),
            home: Arc::clone(&self.0),
            _permit: permit,
        })
    }

    /// Refuses new readers and closes the idle connections (those in use
    /// close when they are given back).
    pub async fn close(&self) {
        self.0.permits.close();
        let idle = std::mem::take(&mut *self.lock());
        for conn in idle {
            let _ = conn.close().await;
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Vec<C>> {
        self.0.idle.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// A read connection, back to its pool when dropped.
#[derive(Debug)]
pub struct Reader<C: Connection> {
    conn: Option<C>,
    home: Arc<Shared<C>>,
    // Released after `drop` has put the connection back.
    _permit: OwnedSemaphorePermit,
}

impl<C: Connection> std::ops::Deref for Reader<C> {
    type Target = C;

    fn deref(&self) -> &C {
        self.conn
            .as_ref()
            .expect("a reader holds its connection until dropped")
    }
}

impl<C: Connection> std::ops::DerefMut for Reader<C> {
    fn deref_mut(&mut self) -> &mut C {
        self.conn
            .as_mut()
            .expect("a reader holds its connection until dropped")
    }
}

impl<C: Connection> Drop for Reader<C> {
    fn drop(&mut self) {
        let Some(conn) = self.conn.take() else {
            return;
        };
        // After `close` the connection is dropped, which closes it.
        if !self.home.permits.is_closed() {
            self.home
                .idle
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .push(conn);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Readers;
    use futures_util::StreamExt as _;
    use sqlx::sqlite::{SqliteConnectOptions, SqliteConnection};
    use std::str::FromStr as _;
    use std::time::Duration;

    fn readers(size: usize) -> Readers<SqliteConnection> {
        Readers::new(
            SqliteConnectOptions::from_str("sqlite::memory:").unwrap(),
            size,
        )
    }

    async fn scalar(conn: &mut SqliteConnection, sql: &str) -> i64 {
        sqlx::query_scalar(sql).fetch_one(conn).await.unwrap()
    }

    #[tokio::test]
    async fn a_connection_given_back_serves_the_next_reader() {
        let readers = readers(2);
        let mut first = readers.get().await.unwrap();
        // A temporary table lives in its connection only.
        sqlx::query("CREATE TEMP TABLE mark (x INTEGER)")
            .execute(&mut *first)
            .await
            .unwrap();
        drop(first);
        let mut again = readers.get().await.unwrap();
        let sql = "SELECT COUNT(*) FROM temp.sqlite_schema WHERE name = 'mark'";
        assert_eq!(scalar(&mut again, sql).await, 1);
    }

    #[tokio::test]
    async fn readers_beyond_the_size_wait_for_one_given_back() {
        let readers = readers(1);
        let held = readers.get().await.unwrap();
        let waiting = tokio::time::timeout(Duration::from_millis(50), readers.get()).await;
        assert!(waiting.is_err(), "a second reader must wait");
        let next = tokio::spawn({
            let readers = readers.clone();
            async move { readers.get().await.map(|_| ()) }
        });
        drop(held);
        next.await.unwrap().unwrap();
    }

    #[tokio::test]
    async fn a_statement_dropped_mid_rows_leaves_the_connection_usable() {
        let readers = readers(1);
        let mut first = readers.get().await.unwrap();
        {
            let sql = "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n \
                       WHERE i < 1000000) SELECT i FROM n";
            let mut rows = sqlx::query_scalar::<_, i64>(sql).fetch(&mut *first);
            assert_eq!(rows.next().await.unwrap().unwrap(), 1);
        }
        drop(first);
        let mut next = readers.get().await.unwrap();
        assert_eq!(scalar(&mut next, "SELECT 41 + 1").await, 42);
    }

    #[tokio::test]
    async fn after_close_no_reader_is_given() {
        let readers = readers(1);
        drop(readers.get().await.unwrap());
        readers.close().await;
        assert!(matches!(readers.get().await, Err(sqlx::Error::PoolClosed)));
    }
}
