//! Read connections, in a small pool of their own that takes a connection
//! back without a round trip to it when the read went as planned.
//!
//! sqlx's pool pings every connection handed back to it, to flush what a
//! cancelled statement left behind: for SQLite one more command to the
//! connection's worker thread (two thread switches), for PostgreSQL one
//! more network round trip to its backend, on every request. A read
//! connection holds no transaction; one whose use case finished
//! ([`Reader::finish`]) has nothing to flush and goes straight back. Any
//! other (an error, a refusal, a cancelled request) is pinged first, as
//! sqlx would, and closed if the ping fails (after PostgreSQL restarts, a
//! stale connection fails one request and is gone). Measured at 100,000
//! members: see `Db::read`.

use crate::store::gate::PATIENCE;
use sqlx::{ConnectOptions, Connection};
use std::sync::{Arc, Mutex};
use tokio::sync::{OwnedSemaphorePermit, Semaphore};

/// Up to `size` read connections, opened on first use and kept open.
#[derive(Debug)]
pub struct Readers<C: Connection + 'static>(Arc<Shared<C>>);

impl<C: Connection + 'static> Clone for Readers<C> {
    fn clone(&self) -> Self {
        Self(Arc::clone(&self.0))
    }
}

#[derive(Debug)]
struct Shared<C: Connection + 'static> {
    options: C::Options,
    idle: Mutex<Vec<C>>,
    permits: Arc<Semaphore>,
}

impl<C: Connection + 'static> Readers<C> {
    /// A pool of at most `size` connections opened with `options`.
    pub fn new(options: C::Options, size: usize) -> Self {
        Self(Arc::new(Shared {
            options,
            idle: Mutex::new(Vec::with_capacity(size)),
            permits: Arc::new(Semaphore::new(size)),
        }))
    }

    /// A connection, once one is free and open (at most [`PATIENCE`] in
    /// all, then `PoolTimedOut`, as sqlx's pools answer).
    pub async fn get(&self) -> Result<Reader<C>, sqlx::Error> {
        tokio::time::timeout(PATIENCE, self.wait_and_open())
            .await
            .map_err(|_| sqlx::Error::PoolTimedOut)?
    }

    async fn wait_and_open(&self) -> Result<Reader<C>, sqlx::Error> {
        let permit = Arc::clone(&self.0.permits)
            .acquire_owned()
            .await
            .map_err(|_| sqlx::Error::PoolClosed)?;
        let idle = self.0.lock().pop();
        let conn = match idle {
            Some(conn) => conn,
            None => self.0.options.connect().await?,
        };
        Ok(Reader {
            conn: Some(conn),
            home: Arc::clone(&self.0),
            permit: Some(permit),
            finished: false,
        })
    }

    /// Refuses new readers and closes the idle connections; those still in
    /// use are dropped (so closed) when given back.
    pub async fn close(&self) {
        let idle = {
            let mut idle = self.0.lock();
            self.0.permits.close();
            std::mem::take(&mut *idle)
        };
        for conn in idle {
            let _ = conn.close().await;
        }
    }
}

/// A read connection, back to its pool when dropped: at once after
/// [`Reader::finish`], else (an error, a refusal or a cancelled request
/// left it mid-way) only once a ping has found it sound, as sqlx's pool
/// would.
#[derive(Debug)]
pub struct Reader<C: Connection + 'static> {
    conn: Option<C>,
    home: Arc<Shared<C>>,
    // Released once the connection is back (or closed).
    permit: Option<OwnedSemaphorePermit>,
    finished: bool,
}

impl<C: Connection + 'static> Reader<C> {
    /// The use case read all it wanted: give the connection back as it is.
    pub fn finish(mut self) {
        self.finished = true;
    }
}

impl<C: Connection + 'static> std::ops::Deref for Reader<C> {
    type Target = C;

    fn deref(&self) -> &C {
        self.conn
            .as_ref()
            .expect("a reader holds its connection until dropped")
    }
}

impl<C: Connection + 'static> std::ops::DerefMut for Reader<C> {
    fn deref_mut(&mut self) -> &mut C {
        self.conn
            .as_mut()
            .expect("a reader holds its connection until dropped")
    }
}

impl<C: Connection + 'static> Drop for Reader<C> {
    fn drop(&mut self) {
        let (Some(mut conn), Some(permit)) = (self.conn.take(), self.permit.take()) else {
            return;
        };
        if self.finished {
            self.home.give_back(conn);
            drop(permit);
            return;
        }
        let home = Arc::clone(&self.home);
        // Without a runtime to ping on, the connection is dropped (closed).
        // A ping that hangs gives up after PATIENCE, so a stalled database
        // cannot hold the pool's places for ever.
        if let Ok(rt) = tokio::runtime::Handle::try_current() {
            rt.spawn(async move {
                if let Ok(Ok(())) = tokio::time::timeout(PATIENCE, conn.ping()).await {
                    home.give_back(conn);
                }
                drop(permit);
            });
        }
    }
}

impl<C: Connection + 'static> Shared<C> {
    fn lock(&self) -> std::sync::MutexGuard<'_, Vec<C>> {
        self.idle.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Puts `conn` back for the next reader; after `close` (checked under
    /// the lock `close` empties the list with) it is dropped, which closes it.
    fn give_back(&self, conn: C) {
        let mut idle = self.lock();
        if !self.permits.is_closed() {
            idle.push(conn);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Readers;
    use futures_util::{FutureExt as _, StreamExt as _};
    use sqlx::sqlite::{SqliteConnectOptions, SqliteConnection};
    use std::str::FromStr as _;

    fn readers(size: usize) -> Readers<SqliteConnection> {
        Readers::new(
            SqliteConnectOptions::from_str("sqlite::memory:").unwrap(),
            size,
        )
    }

    async fn scalar(conn: &mut SqliteConnection, sql: &str) -> i64 {
        sqlx::query_scalar(sql).fetch_one(conn).await.unwrap()
    }

    /// A reader whose connection carries a mark only it can see (a
    /// temporary table lives in its connection alone).
    async fn marked(readers: &Readers<SqliteConnection>) -> super::Reader<SqliteConnection> {
        let mut r = readers.get().await.unwrap();
        sqlx::query("CREATE TEMP TABLE mark (x INTEGER)")
            .execute(&mut *r)
            .await
            .unwrap();
        r
    }

    async fn is_marked(r: &mut SqliteConnection) -> bool {
        scalar(
            r,
            "SELECT COUNT(*) FROM temp.sqlite_schema WHERE name = 'mark'",
        )
        .await
            == 1
    }

    #[tokio::test]
    async fn a_finished_reader_gives_its_connection_straight_back() {
        let readers = readers(2);
        marked(&readers).await.finish();
        let mut again = readers.get().await.unwrap();
        assert!(is_marked(&mut again).await);
    }

    #[tokio::test]
    async fn an_unfinished_reader_comes_back_after_a_ping() {
        // One connection: the next reader waits until the ping gave it back.
        let readers = readers(1);
        drop(marked(&readers).await);
        let mut again = readers.get().await.unwrap();
        assert!(is_marked(&mut again).await);
    }

    #[tokio::test]
    async fn readers_beyond_the_size_wait_for_one_given_back() {
        let readers = readers(1);
        let held = readers.get().await.unwrap();
        assert!(
            readers.get().now_or_never().is_none(),
            "a second reader must wait"
        );
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
        let mut first = marked(&readers).await;
        {
            let sql = "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n \
                       WHERE i < 1000000) SELECT i FROM n";
            let mut rows = sqlx::query_scalar::<_, i64>(sql).fetch(&mut *first);
            assert_eq!(rows.next().await.unwrap().unwrap(), 1);
        }
        first.finish();
        // The same connection, given back mid-statement, answers at once.
        let mut next = readers.get().await.unwrap();
        assert!(is_marked(&mut next).await);
        assert_eq!(scalar(&mut next, "SELECT 41 + 1").await, 42);
    }

    #[tokio::test]
    async fn after_close_no_reader_is_given_and_none_is_kept() {
        let readers = readers(2);
        let out = readers.get().await.unwrap();
        readers.get().await.unwrap().finish();
        assert_eq!(readers.0.lock().len(), 1);
        readers.close().await;
        assert_eq!(readers.0.lock().len(), 0, "idle connections are closed");
        out.finish();
        assert_eq!(readers.0.lock().len(), 0, "one out at close is not kept");
        assert!(matches!(readers.get().await, Err(sqlx::Error::PoolClosed)));
    }
}
