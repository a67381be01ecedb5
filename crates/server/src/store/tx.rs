//! Transactions over either database, and the macros that run one SQL text
//! on whichever pool is open. The dialect differences live here:
//! - placeholders: both drivers accept `$1…` (sqlx's SQLite binds `$NNN`), so
//!   every statement is written once with `$n`;
//! - `RETURNING` and `ON CONFLICT … DO UPDATE` are spelled alike (SQLite ≥ 3.35;
//!   the team table's JSON page also needs ≥ 3.44, for ORDER BY inside an
//!   aggregate: the bundled SQLite is 3.46);
//! - write locking: SQLite writers take the database lock up front
//!   (`BEGIN IMMEDIATE`) after their turn at the write gate (`gate.rs`), so
//!   racing writers queue instead of failing (another process's writers, on
//!   the busy timeout); PostgreSQL writers lock the workspace row (`FOR
//!   UPDATE`, see [`Tx::lock_workspace`]) so member changes in one workspace
//!   serialise.

use super::Reader;
use sqlx::{Database, Postgres, Sqlite, Transaction};

/// What a store function can fail with.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// A unique constraint refused the write (recognised by error kind).
    #[error("unique constraint violated")]
    Unique,
    /// Anything else from the driver.
    #[error(transparent)]
    Db(sqlx::Error),
}

impl From<sqlx::Error> for StoreError {
    fn from(e: sqlx::Error) -> Self {
        match e.as_database_error() {
            Some(d) if d.is_unique_violation() => Self::Unique,
            _ => Self::Db(e),
        }
    }
}

/// Result of a store call.
pub type StoreResult<T> = Result<T, StoreError>;

/// What a [`Tx`] holds: a transaction, or for reads a connection with no
/// `BEGIN` / `COMMIT` round trips around its statements (each statement
/// then reads committed data, which is what PostgreSQL's READ COMMITTED
/// gives inside a transaction too).
#[derive(Debug)]
pub enum Held<DB: Database> {
    /// A transaction (every write), with its turn at the write gate
    /// (`store::WriteGate`), given back after the transaction ends.
    Tx(Transaction<'static, DB>, tokio::sync::OwnedSemaphorePermit),
    /// A read connection (see [`super::Readers`]).
    Read(Reader<DB::Connection>),
}

impl<DB: Database> std::ops::Deref for Held<DB> {
    type Target = DB::Connection;

    fn deref(&self) -> &DB::Connection {
        match self {
            Held::Tx(t, _) => t,
            Held::Read(r) => r,
        }
    }
}

impl<DB: Database> std::ops::DerefMut for Held<DB> {
    fn deref_mut(&mut self) -> &mut DB::Connection {
        match self {
            Held::Tx(t, _) => t,
            Held::Read(r) => r,
        }
    }
}

impl<DB: Database> Held<DB> {
    async fn commit(self) -> Result<(), sqlx::Error> {
        match self {
            // The turn is released only after the commit (fields drop after
            // the call; on an early drop, after the rollback is queued).
            Held::Tx(t, _turn) => t.commit().await,
            Held::Read(r) => {
                r.finish();
                Ok(())
            }
        }
    }
}

/// An open transaction (or, for reads, a connection) on one of the two
/// databases.
#[derive(Debug)]
pub enum Tx {
    /// SQLite.
    Sqlite(Held<Sqlite>),
    /// PostgreSQL.
    Postgres(Held<Postgres>),
}

impl Tx {
    /// The dialect of the database this runs on.
    pub fn dialect(&self) -> super::Dialect {
        match self {
            Self::Sqlite(_) => super::Dialect::Sqlite,
            Self::Postgres(_) => super::Dialect::Postgres,
        }
    }

    /// Makes the changes durable (a read just returns its connection).
    pub async fn commit(self) -> StoreResult<()> {
        match self {
            Self::Sqlite(t) => t.commit().await?,
            Self::Postgres(t) => t.commit().await?,
        }
        Ok(())
    }

    /// Serialises member-changing transactions of one workspace. On
    /// PostgreSQL this locks the workspace row until commit; on SQLite the
    /// transaction already holds the write lock (`BEGIN IMMEDIATE`).
    pub async fn lock_workspace(&mut self, workspace_id: &str) -> StoreResult<()> {
        if let Self::Postgres(t) = self {
            sqlx::query("SELECT id FROM workspaces WHERE id = $1 FOR UPDATE")
                .bind(workspace_id)
                .fetch_optional(&mut **t)
                .await?;
        }
        Ok(())
    }
}

/// Executes `sqlx::query(sql).bind(…)…` on either database; yields the
/// number of rows affected.
macro_rules! exec {
    ($tx:expr, $sql:expr $(, $arg:expr)* $(,)?) => {
        match $tx {
            $crate::store::Tx::Sqlite(t) => sqlx::query($sql)$(.bind($arg))*
                .execute(&mut **t)
                .await
                .map(|r| r.rows_affected()),
            $crate::store::Tx::Postgres(t) => sqlx::query($sql)$(.bind($arg))*
                .execute(&mut **t)
                .await
                .map(|r| r.rows_affected()),
        }
    };
}

/// Runs `sqlx::query_as::<_, $row>(sql).bind(…)…` with `$method` on either database.
macro_rules! fetch {
    ($tx:expr, $row:ty, $method:ident, $sql:expr $(, $arg:expr)* $(,)?) => {
        match $tx {
            $crate::store::Tx::Sqlite(t) => {
                sqlx::query_as::<_, $row>($sql)$(.bind($arg))*.$method(&mut **t).await
            }
            $crate::store::Tx::Postgres(t) => {
                sqlx::query_as::<_, $row>($sql)$(.bind($arg))*.$method(&mut **t).await
            }
        }
    };
}

/// Runs `sqlx::query_scalar::<_, $ty>(sql).bind(…)…` with `$method` on either database.
macro_rules! scalar {
    ($tx:expr, $ty:ty, $method:ident, $sql:expr $(, $arg:expr)* $(,)?) => {
        match $tx {
            $crate::store::Tx::Sqlite(t) => {
                sqlx::query_scalar::<_, $ty>($sql)$(.bind($arg))*.$method(&mut **t).await
            }
            $crate::store::Tx::Postgres(t) => {
                sqlx::query_scalar::<_, $ty>($sql)$(.bind($arg))*.$method(&mut **t).await
            }
        }
    };
}

pub(crate) use {exec, fetch, scalar};
