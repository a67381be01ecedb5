//! Storage: one `Db` over sqlx's concrete SQLite and PostgreSQL drivers (no
//! `Any` driver): sqlx's pools for writes, [`Readers`] for reads. SQL lives
//! only under this module; where the dialects differ, it says so here.

pub mod audit;
pub mod bulk;
pub mod config;
mod gate;
pub mod invitations;
pub mod members;
pub mod outbox;
mod readers;
pub mod sessions;
pub mod standing;
mod tx;
pub mod users;
pub mod workspaces;

pub use gate::{MIN_POOL, WriteGate, cores, default_pool_size};
pub use readers::{Reader, Readers};
pub use tx::{Held, StoreError, StoreResult, Tx};
pub(crate) use tx::{exec, fetch, scalar};

use anyhow::Context as _;
use chrono::{DateTime, Utc};
use sqlx::migrate::Migrator;
use sqlx::postgres::{PgConnectOptions, PgConnection, PgPool, PgPoolOptions};
use sqlx::sqlite::{
    SqliteConnectOptions, SqliteConnection, SqliteJournalMode, SqlitePool, SqlitePoolOptions,
    SqliteSynchronous,
};
use std::str::FromStr as _;
use std::time::Duration;

/// SQLite's read connections: two per CPU core this process may run on
/// (the sqlx pool keeps 8 more for writes, which the gate lets in one at a
/// time). A statement runs on its connection's own thread, so readers
/// beyond what the cores can run at once only take turns with the threads
/// serving requests; and each costs a page cache, so there are at most 16.
/// Pinned to one core at 100,000 members (2 alternating rounds), 2 readers
/// instead of 8 took the search "mar" from 7,500-7,800 to 8,000-8,300
/// req/s and its p99 from 14-120 ms to 9 ms.
fn sqlite_readers() -> usize {
    (2 * gate::cores()).min(16)
}

/// Migrations for SQLite; versions and names match `POSTGRES_MIGRATOR`'s.
pub static SQLITE_MIGRATOR: Migrator = sqlx::migrate!("./migrations/sqlite");
/// Migrations for PostgreSQL; versions and names match `SQLITE_MIGRATOR`'s.
pub static POSTGRES_MIGRATOR: Migrator = sqlx::migrate!("./migrations/postgres");

/// Which SQL dialect a `Db` speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dialect {
    /// Embedded SQLite (the default).
    Sqlite,
    /// PostgreSQL.
    Postgres,
}

impl Dialect {
    /// The name used in readiness answers and logs.
    pub fn name(self) -> &'static str {
        match self {
            Self::Sqlite => "sqlite",
            Self::Postgres => "postgres",
        }
    }
}

/// The database: a concrete pool per dialect.
#[derive(Debug, Clone)]
pub enum Db {
    /// SQLite in WAL mode with foreign keys and a busy timeout, the gate
    /// its writers pass one at a time (see [`Db::write`]), and the
    /// connections its reads use (see [`Db::read`]).
    Sqlite(SqlitePool, WriteGate, Readers<SqliteConnection>),
    /// PostgreSQL, the gate that keeps its writers from taking every pooled
    /// connection, and the connections its reads use (as many again).
    Postgres(PgPool, WriteGate, Readers<PgConnection>),
}

impl Db {
    /// Opens the database named by `url` (`sqlite:` or `postgres:`) with the
    /// default PostgreSQL pool size ([`default_pool_size`]).
    pub async fn connect(url: &str) -> anyhow::Result<Self> {
        Self::connect_sized(url, None).await
    }

    /// Opens the database named by `url`, keeping at most `pool` PostgreSQL
    /// connections for writes and as many for reads (at least [`MIN_POOL`];
    /// [`default_pool_size`] when `None`; SQLite keeps eight for writes and
    /// [`sqlite_readers`] for reads).
    pub async fn connect_sized(url: &str, pool: Option<u32>) -> anyhow::Result<Self> {
        if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            // No ping before each acquire (sqlx's default): that is one more
            // round trip per request. The cost: after PostgreSQL restarts,
            // each stale connection fails one request (a 500) and is dropped
            // when released (pinged on release, as an unfinished reader is).
            let size = pool.unwrap_or_else(default_pool_size).max(MIN_POOL);
            let pool = PgPoolOptions::new()
                .max_connections(size)
                .test_before_acquire(false)
                .acquire_timeout(gate::PATIENCE)
                .connect(url)
                .await?;
            let readers = Readers::new(PgConnectOptions::from_str(url)?, size as usize);
            Ok(Self::Postgres(pool, WriteGate::for_postgres(size), readers))
        } else if url.starts_with("sqlite:") {
            let options = SqliteConnectOptions::from_str(url)?
                .create_if_missing(true)
                .journal_mode(SqliteJournalMode::Wal)
                .synchronous(SqliteSynchronous::Normal)
                .foreign_keys(true)
                .busy_timeout(Duration::from_secs(10))
                // Reads through a shared memory map instead of a read() call
                // per page into each connection's small (2 MB) cache: the team
                // table's search reads thousands of pages (measured 14 -> 6 ms
                // for a 3,000-match search at 100,000 members). SQLite maps
                // only as much as the file holds.
                .pragma("mmap_size", "1073741824")
                // Statement journals and sorts in memory: in a file, each
                // write transaction created, probed and unlinked one (a
                // quarter of the syscalls of an invite under load; single
                // invites at 10,000 members +3 to +18 % req/s).
                .pragma("temp_store", "memory")
                // Room for a whole page of rows (at most 200, plus one): with
                // sqlx's 50, the worker thread stalled mid-page until the
                // request's task drained the channel, one more thread switch
                // per page (first page at 100,000 members: +7 % req/s).
                .row_buffer_size(256);
            if let Some(parent) = options.get_filename().parent()
                && !parent.as_os_str().is_empty()
            {
                std::fs::create_dir_all(parent)
                    .with_context(|| format!("creating {}", parent.display()))?;
            }
            let pool = SqlitePoolOptions::new()
                .max_connections(8)
                .test_before_acquire(false)
                .connect_with(options.clone())
                .await?;
            let readers = Readers::new(options, sqlite_readers());
            Ok(Self::Sqlite(pool, WriteGate::for_sqlite(), readers))
        } else {
            anyhow::bail!("the database URL must start with sqlite: or postgres://")
        }
    }

    /// The dialect of this database.
    pub fn dialect(&self) -> Dialect {
        match self {
            Self::Sqlite(..) => Dialect::Sqlite,
            Self::Postgres(..) => Dialect::Postgres,
        }
    }

    /// Applies the embedded migrations of this dialect.
    pub async fn migrate(&self) -> anyhow::Result<()> {
        match self {
            Self::Sqlite(pool, ..) => SQLITE_MIGRATOR.run(pool).await?,
            Self::Postgres(pool, ..) => POSTGRES_MIGRATOR.run(pool).await?,
        }
        Ok(())
    }

    /// Checks the database answers; returns how many migrations are applied.
    pub async fn readiness(&self) -> Result<u32, sqlx::Error> {
        const SQL: &str = "SELECT COUNT(*) FROM _sqlx_migrations WHERE success";
        let n: i64 = match self {
            Self::Sqlite(pool, ..) => sqlx::query_scalar(SQL).fetch_one(pool).await?,
            Self::Postgres(pool, ..) => sqlx::query_scalar(SQL).fetch_one(pool).await?,
        };
        Ok(u32::try_from(n).unwrap_or(u32::MAX))
    }

    /// A connection without a transaction: for a use case that only reads
    /// (no `BEGIN` and `COMMIT` round trips on the hot read paths), or for a
    /// statement PostgreSQL refuses in a transaction (VACUUM after a seed).
    /// They come from [`Readers`], given back without sqlx's ping. At
    /// 100,000 members (2 rounds, alternating binaries): SQLite's first
    /// page and deep cursor +3 to +10 % req/s, p99 9-12 ms instead of
    /// 11-15 ms; PostgreSQL's first page, deep cursor and rare search +20
    /// to +32 % req/s, p99 11-14 ms instead of 12-17 ms.
    pub async fn read(&self) -> StoreResult<Tx> {
        Ok(match self {
            Self::Sqlite(_, _, readers) => Tx::Sqlite(Held::Read(readers.get().await?)),
            Self::Postgres(_, _, readers) => Tx::Postgres(Held::Read(readers.get().await?)),
        })
    }

    /// Opens a transaction that will write. SQLite takes the write lock now
    /// (`BEGIN IMMEDIATE`), so racing writers queue instead of failing later.
    /// Within this process writers first pass the [`WriteGate`], in arrival
    /// order and holding no connection while they wait.
    pub async fn write(&self) -> StoreResult<Tx> {
        Ok(match self {
            Self::Sqlite(pool, gate, _) => {
                let turn = gate.turn().await?;
                Tx::Sqlite(Held::Tx(pool.begin_with("BEGIN IMMEDIATE").await?, turn))
            }
            Self::Postgres(pool, gate, _) => {
                let turn = gate.turn().await?;
                Tx::Postgres(Held::Tx(pool.begin().await?, turn))
            }
        })
    }

    /// The gate this database's writers pass.
    pub fn write_gate(&self) -> &WriteGate {
        match self {
            Self::Sqlite(_, gate, _) | Self::Postgres(_, gate, _) => gate,
        }
    }

    /// Closes the idle connections and refuses new ones (graceful shutdown);
    /// a read connection still in use closes when it is given back.
    pub async fn close(&self) {
        match self {
            Self::Sqlite(pool, _, readers) => {
                readers.close().await;
                pool.close().await;
            }
            Self::Postgres(pool, _, readers) => {
                readers.close().await;
                pool.close().await;
            }
        }
    }
}

/// How times are stored: RFC 3339 text in UTC with fixed precision, so text
/// order is time order on both databases.
pub fn time_text(at: DateTime<Utc>) -> String {
    at.format("%Y-%m-%dT%H:%M:%S%.6fZ").to_string()
}

/// Reads a stored time back.
pub fn parse_time(text: &str) -> StoreResult<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(text)
        .map(|t| t.with_timezone(&Utc))
        .map_err(|e| StoreError::Db(sqlx::Error::Decode(Box::new(e))))
}

/// A value the database built as JSON text, read back.
pub(crate) fn decode_json<T: serde::de::DeserializeOwned>(text: &str) -> StoreResult<T> {
    serde_json::from_str(text).map_err(|e| StoreError::Db(sqlx::Error::Decode(Box::new(e))))
}

/// A database URL with any password replaced, for messages and logs.
pub fn redact_url(url: &str) -> String {
    let (base, query) = match url.split_once('?') {
        Some((base, query)) => (base, Some(query)),
        None => (url, None),
    };
    let base = match (base.find("://"), base.rfind('@')) {
        (Some(scheme), Some(at)) if at > scheme => {
            let creds = &base[scheme + 3..at];
            match creds.find(':') {
                Some(colon) => format!(
                    "{}{}:***{}",
                    &base[..scheme + 3],
                    &creds[..colon],
                    &base[at..]
                ),
                None => base.to_owned(),
            }
        }
        _ => base.to_owned(),
    };
    match query {
        Some(q) if q.to_ascii_lowercase().contains("password") => format!("{base}?***"),
        Some(q) => format!("{base}?{q}"),
        None => base,
    }
}

/// Runs `select` (ending in `email IN`) for the addresses of one batch, so
/// checking a batch costs what the batch holds, not what the workspace holds.
async fn emails_among(
    tx: &mut Tx,
    select: &str,
    workspace_id: &str,
    emails: &[String],
) -> StoreResult<Vec<String>> {
    if emails.is_empty() {
        return Ok(Vec::new());
    }
    let marks: Vec<String> = (0..emails.len()).map(|i| format!("${}", i + 2)).collect();
    let sql = format!("{select} ({})", marks.join(", "));
    Ok(match tx {
        Tx::Sqlite(t) => {
            let mut q = sqlx::query_scalar::<_, String>(&sql).bind(workspace_id);
            for e in emails {
                q = q.bind(e);
            }
            q.fetch_all(&mut **t).await?
        }
        Tx::Postgres(t) => {
            let mut q = sqlx::query_scalar::<_, String>(&sql).bind(workspace_id);
            for e in emails {
                q = q.bind(e);
            }
            q.fetch_all(&mut **t).await?
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn migrations_of_both_dialects_stay_in_lockstep() {
        let names = |m: &Migrator| {
            m.iter()
                .map(|m| (m.version, m.description.to_string()))
                .collect::<Vec<_>>()
        };
        let (sqlite, postgres) = (names(&SQLITE_MIGRATOR), names(&POSTGRES_MIGRATOR));
        assert!(!sqlite.is_empty());
        assert_eq!(
            sqlite, postgres,
            "sqlite/ and postgres/ migrations must have the same versions and names"
        );
    }

    #[test]
    fn passwords_are_redacted_from_urls() {
        assert_eq!(
            redact_url("postgres://roster:s3cret@db:5432/roster"),
            "postgres://roster:***@db:5432/roster"
        );
        assert_eq!(
            redact_url("postgres://db/roster?user=r&password=s3cret"),
            "postgres://db/roster?***"
        );
        assert_eq!(
            redact_url("sqlite://data/roster.db"),
            "sqlite://data/roster.db"
        );
    }
}
