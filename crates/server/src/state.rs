//! What every handler shares: configuration, the database, the clock and the
//! security policy computed once at start-up.

use crate::auth::budget::Budget;
use crate::auth::password::Passwords;
use crate::auth::rate_limit::LoginLimiter;
use crate::auth::seal::{Sealer, SecretKey};
use crate::auth::session_cache::SessionCache;
use crate::clock::Clock;
use crate::config::{Config, Switch};
use crate::http::security::SecurityHeaders;
use crate::mail::Mailer;
use crate::store::Db;
use roster_model::{PersonalDomains, Regions};
use std::sync::Arc;

/// Shared application state: one pointer, so the clone every request's
/// extractors and middleware take is one reference count, not one per
/// field (the fields' clones and drops were 4 % of a cheap request's time).
#[derive(Clone, Debug)]
pub struct AppState(Arc<Shared>);

impl std::ops::Deref for AppState {
    type Target = Shared;

    fn deref(&self) -> &Shared {
        &self.0
    }
}

/// What [`AppState`] points to.
#[derive(Debug)]
pub struct Shared {
    /// Deployment settings.
    pub config: Arc<Config>,
    /// The database.
    pub db: Db,
    /// The only source of time.
    pub clock: Arc<dyn Clock>,
    /// Headers added to every response.
    pub security: Arc<SecurityHeaders>,
    /// Password hashing on bounded blocking threads.
    pub passwords: Passwords,
    /// Failed log-ins per IP and email.
    pub login_limiter: LoginLimiter,
    /// Sign-ups per IP address and hour.
    pub signups: Budget,
    /// Invited addresses per workspace and hour.
    pub invitations: Budget,
    /// Regions offered for new workspaces.
    pub regions: Arc<Regions>,
    /// Personal mail domains (no workspace domain is pre-filled from them).
    pub personal_domains: Arc<PersonalDomains>,
    /// SMTP delivery, when `ROSTER_SMTP_URL` is set.
    pub mailer: Option<Mailer>,
    /// Seals what is kept at rest but must be read back (outbox bodies).
    pub sealer: Sealer,
    /// Live sessions read in the last second.
    pub sessions: SessionCache,
}

impl AppState {
    /// Builds the state; the security headers are computed once here.
    pub fn new(config: Config, db: Db, clock: Arc<dyn Clock>) -> anyhow::Result<Self> {
        let security = SecurityHeaders::new(config.behind_tls());
        let mailer = match &config.smtp_url {
            Some(url) => Some(Mailer::new(url, &config.mail_from)?),
            None => None,
        };
        let key = match &config.secret_key {
            Some(key) => key.clone(),
            None => SecretKey::from_dir(&config.data_dir)?,
        };
        Ok(Self(Arc::new(Shared {
            mailer,
            sealer: Sealer::new(&key),
            sessions: SessionCache::default(),
            regions: Arc::new(config.regions()?),
            login_limiter: LoginLimiter::new(config.rate_limits == Switch::On),
            signups: Budget::new(config.rate_limits == Switch::On, config.rate_limit_signups),
            invitations: Budget::new(
                config.rate_limits == Switch::On,
                config.rate_limit_invitations,
            ),
            config: Arc::new(config),
            db,
            clock,
            security: Arc::new(security),
            passwords: Passwords::new()?,
            personal_domains: Arc::new(PersonalDomains::default()),
        })))
    }

    /// Tells the mail worker (if any) that new messages were committed.
    pub fn wake_mail(&self) {
        if let Some(m) = &self.mailer {
            m.wake();
        }
    }
}
