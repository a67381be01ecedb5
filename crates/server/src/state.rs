//! What every handler shares: configuration, the database, the clock and the
//! security policy computed once at start-up.

use crate::clock::Clock;
use crate::config::Config;
use crate::http::security::SecurityHeaders;
use crate::store::Db;
use std::sync::Arc;

/// Shared, cheaply clonable application state.
#[derive(Clone, Debug)]
pub struct AppState {
    /// Deployment settings.
    pub config: Arc<Config>,
    /// The database.
    pub db: Db,
    /// The only source of time.
    pub clock: Arc<dyn Clock>,
    /// Headers added to every response.
    pub security: Arc<SecurityHeaders>,
}

impl AppState {
    /// Builds the state; reads `dist/index.html` once to pin its scripts in the CSP.
    pub fn new(config: Config, db: Db, clock: Arc<dyn Clock>) -> anyhow::Result<Self> {
        let security = SecurityHeaders::new(config.behind_tls());
        Ok(Self {
            config: Arc::new(config),
            db,
            clock,
            security: Arc::new(security),
        })
    }
}
