//! The write gate: how many write transactions one process runs at once,
//! and the PostgreSQL pool size it shares out. Writers past the limit wait
//! here, first come, first served, holding no connection.
//!
//! - **SQLite: one writer.** SQLite lets one connection write at a time; the
//!   others' `BEGIN IMMEDIATE` slept in SQLite's busy handler (1, 2, 5 …
//!   100 ms) and retried, each holding a pooled connection. The lock sat idle
//!   between sleeps, whoever retried at the right moment went first (single
//!   invites at 10,000 members: p99 417–880 ms before, 85–93 ms after, at the
//!   same rate), and eight waiting writers left no connection for reads. The
//!   busy timeout still covers other processes on the file (`roster-server
//!   seed`), whose writers pass their own gate.
//! - **PostgreSQL: the write pool less two.** Writers queued on one
//!   workspace's row lock hold their connections; the gate keeps two of the
//!   pool for what passes no gate (readiness checks, migrations). Reads have
//!   as many connections again of their own (`readers.rs`), so queued
//!   writers never stall them.

use super::StoreError;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;
use tokio::sync::{OwnedSemaphorePermit, Semaphore};

/// PostgreSQL write-pool connections the gate keeps for what passes no gate.
const SPARE: u32 = 2;

/// The smallest PostgreSQL pool: one writer and the spare two.
pub const MIN_POOL: u32 = SPARE + 1;

/// How long a writer waits for its turn, a request for a pooled
/// PostgreSQL connection, and a read for a connection of `readers.rs` (or
/// the ping that vets one given back mid-way); then the request fails (a
/// 500, logged) instead of queueing without end.
pub(super) const PATIENCE: Duration = Duration::from_secs(10);

/// PostgreSQL connections per instance for writes, and as many again for
/// reads (so an instance opens up to twice this), unless
/// `ROSTER_DATABASE_POOL` says otherwise: twice the CPU cores plus one (never
/// below [`MIN_POOL`]).
/// Connections beyond what the machines can run at once only wait inside
/// PostgreSQL, and they lengthen the slowest answers: on the 2-core bench
/// machine (server, PostgreSQL and load generator on one host), 5 instead of
/// 32 took the team table's first page at 100,000 members from about 6,500
/// to 7,800 req/s and a rare search's p99 from 16–21 to 13–14 ms.
pub fn default_pool_size() -> u32 {
    u32::try_from(2 * cores() + 1).unwrap_or(u32::MAX)
}

/// The CPU cores this process may run on (its affinity mask; 1 if unknown).
pub fn cores() -> usize {
    std::thread::available_parallelism().map_or(1, usize::from)
}

/// The writers' turns of one database in this process.
#[derive(Debug, Clone)]
pub struct WriteGate {
    turns: Arc<Semaphore>,
    waiting: Arc<AtomicUsize>,
}

impl WriteGate {
    /// One writer at a time.
    pub(super) fn for_sqlite() -> Self {
        Self::new(1)
    }

    /// As many writers as a pool of `pool` connections leaves after the
    /// spare two.
    pub(super) fn for_postgres(pool: u32) -> Self {
        Self::new(pool.saturating_sub(SPARE).max(1))
    }

    fn new(writers: u32) -> Self {
        Self {
            turns: Arc::new(Semaphore::new(usize::try_from(writers).unwrap_or(1))),
            waiting: Arc::default(),
        }
    }

    /// Waits for a writer's turn; the turn ends when it is dropped.
    pub(super) async fn turn(&self) -> Result<OwnedSemaphorePermit, StoreError> {
        let _queued = Queued::join(&self.waiting);
        match tokio::time::timeout(PATIENCE, self.turns.clone().acquire_owned()).await {
            Ok(Ok(turn)) => Ok(turn),
            Ok(Err(_closed)) => Err(StoreError::Db(sqlx::Error::PoolClosed)),
            Err(_late) => Err(StoreError::Db(sqlx::Error::PoolTimedOut)),
        }
    }

    /// Writers waiting for their turn now (the tests watch the queue).
    pub fn waiting(&self) -> usize {
        self.waiting.load(Ordering::SeqCst)
    }
}

/// One place in the queue, given up however the wait ends.
struct Queued<'a>(&'a AtomicUsize);

impl<'a> Queued<'a> {
    fn join(count: &'a AtomicUsize) -> Self {
        count.fetch_add(1, Ordering::SeqCst);
        Self(count)
    }
}

impl Drop for Queued<'_> {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::SeqCst);
    }
}
