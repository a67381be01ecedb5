//! Roster's HTTP server as a library: `app(state)` builds the whole router so
//! the binary and the tests run exactly the same thing.
//!
//! Layers: `http` (routes and thin handlers) → `ops` (use cases, one
//! transaction each, decisions through `roster-model`) → `store` (SQL only).

pub mod auth;
pub mod clock;
pub mod config;
pub mod error;
pub mod http;
pub mod mail;
pub mod ops;
pub mod seed;
pub mod state;
pub mod store;

pub use config::{Config, Switch};
pub use http::app;
pub use state::AppState;
pub use store::Db;

use anyhow::Context as _;
use std::net::SocketAddr;
use tokio::net::TcpListener;

/// Connects to the configured database, applies migrations and returns the
/// state the router needs.
pub async fn prepare(config: Config) -> anyhow::Result<AppState> {
    let url = config.database_url();
    let db = Db::connect_sized(&url, config.database_pool)
        .await
        .with_context(|| format!("opening the database at {}", store::redact_url(&url)))?;
    db.migrate().await.context("applying database migrations")?;
    let state = AppState::new(config, db, clock::system())?;
    let sealed = ops::outbox::seal_old_bodies(&state)
        .await
        .map_err(|e| anyhow::anyhow!("sealing old outbox messages: {e}"))?;
    if sealed > 0 {
        tracing::info!(
            messages = sealed,
            "sealed outbox messages written before sealing"
        );
    }
    Ok(state)
}

/// Binds the configured address and serves until `shutdown` resolves.
pub async fn serve(
    state: AppState,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> anyhow::Result<()> {
    let addr = SocketAddr::new(state.config.bind, state.config.port);
    let listener = TcpListener::bind(addr)
        .await
        .with_context(|| format!("binding {addr} (is another Roster already running?)"))?;
    serve_on(listener, state, shutdown).await
}

/// Serves on an already bound listener (tests bind port 0).
pub async fn serve_on(
    listener: TcpListener,
    state: AppState,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> anyhow::Result<()> {
    // With SMTP configured, a worker sends the outbox; it stops with the server.
    let worker = state
        .mailer
        .clone()
        .map(|m| tokio::spawn(mail::deliver_forever(state.clone(), m)));
    let router = app(state);
    let served = axum::serve(
        listener,
        router.into_make_service_with_connect_info::<SocketAddr>(),
    )
    .with_graceful_shutdown(shutdown)
    .await
    .context("serving HTTP");
    if let Some(w) = worker {
        w.abort();
    }
    served
}
