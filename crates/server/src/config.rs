//! Deployment settings: every flag also reads a `ROSTER_*` environment
//! variable, so a container and a command line configure Roster alike.

use clap::Args;
use roster_model::{Region, Regions};
use std::net::IpAddr;
use std::path::PathBuf;

/// How this Roster instance runs.
#[derive(Debug, Clone, Args)]
pub struct Config {
    /// Address to listen on.
    #[arg(long, env = "ROSTER_BIND", default_value = "127.0.0.1")]
    pub bind: IpAddr,
    /// Port to listen on.
    #[arg(long, env = "ROSTER_PORT", default_value_t = 8080)]
    pub port: u16,
    /// Folder for the embedded SQLite database (used when no database URL is given).
    #[arg(long, env = "ROSTER_DATA_DIR", default_value = "data")]
    pub data_dir: PathBuf,
    /// `sqlite://…` or `postgres://…`; defaults to `<data-dir>/roster.db`.
    #[arg(long, env = "ROSTER_DATABASE_URL")]
    pub database_url: Option<String>,
    /// PostgreSQL connections this instance opens at most for writes, and as
    /// many again for reads; at least 3 (the gate keeps two of the write
    /// pool spare); defaults to `store::default_pool_size`, which says why.
    /// SQLite ignores it.
    #[arg(long, env = "ROSTER_DATABASE_POOL", value_parser = clap::value_parser!(u32).range(3..=10_000))]
    pub database_pool: Option<u32>,
    /// The built web app (trunk's `dist/`).
    #[arg(long, env = "ROSTER_DIST_DIR", default_value = "dist")]
    pub dist_dir: PathBuf,
    /// The address people reach Roster at (links in emails; `https://` turns on
    /// `Secure` cookies and HSTS).
    #[arg(long, env = "ROSTER_PUBLIC_URL")]
    pub public_url: Option<String>,
    /// `on` or `off`: rate limits (log-in attempts); tests and load runs turn them off.
    #[arg(long, env = "ROSTER_RATE_LIMITS", default_value = "on")]
    pub rate_limits: Switch,
    /// Sign-ups per IP address and hour (with rate limits on).
    #[arg(long, env = "ROSTER_RATE_LIMIT_SIGNUPS", default_value_t = 20)]
    pub rate_limit_signups: u32,
    /// Invited addresses per workspace and hour (with rate limits on).
    #[arg(long, env = "ROSTER_RATE_LIMIT_INVITATIONS", default_value_t = 1_000)]
    pub rate_limit_invitations: u32,
    /// Regions offered for new workspaces, comma-separated.
    #[arg(
        long,
        env = "ROSTER_REGIONS",
        value_delimiter = ',',
        default_value = "ap-south-1,eu-central-1,us-central-1"
    )]
    pub regions: Vec<String>,
    /// Seats per workspace (active and invited members); unlimited when unset.
    #[arg(long, env = "ROSTER_SEAT_LIMIT")]
    pub seat_limit: Option<u32>,
    /// Where to send mail, e.g. `smtp://user:pass@mail.example.com:587?tls=required`
    /// or `smtps://…:465`; without it, mail stays in the outbox that admins read
    /// through the API.
    #[arg(long, env = "ROSTER_SMTP_URL")]
    pub smtp_url: Option<String>,
    /// The `From:` of Roster's mail.
    #[arg(
        long,
        env = "ROSTER_MAIL_FROM",
        default_value = "Roster <roster@localhost>"
    )]
    pub mail_from: String,
    /// The 256-bit key (base64) that seals secrets kept at rest, such as
    /// invitation links in the outbox; defaults to `<data-dir>/secret.key`,
    /// made on first start. Instances sharing one database must share it.
    #[arg(long, env = "ROSTER_SECRET_KEY", hide_env_values = true)]
    pub secret_key: Option<crate::auth::seal::SecretKey>,
    /// Log filter, e.g. `info` or `roster_server=debug,tower_http=info`.
    #[arg(long, env = "ROSTER_LOG", default_value = "info")]
    pub log: String,
}

/// An on/off deployment setting.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Switch {
    /// Enabled.
    On,
    /// Disabled.
    Off,
}

impl Config {
    /// The settings with every default and no environment applied: for tests.
    pub fn defaults() -> Self {
        Self {
            bind: IpAddr::from([127, 0, 0, 1]),
            port: 8080,
            data_dir: PathBuf::from("data"),
            database_url: None,
            database_pool: None,
            dist_dir: PathBuf::from("dist"),
            public_url: None,
            rate_limits: Switch::On,
            rate_limit_signups: 20,
            rate_limit_invitations: 1_000,
            regions: ["ap-south-1", "eu-central-1", "us-central-1"]
                .map(str::to_owned)
                .to_vec(),
            seat_limit: None,
            smtp_url: None,
            mail_from: "Roster <roster@localhost>".to_owned(),
            secret_key: None,
            log: "info".to_owned(),
        }
    }

    /// The database to open: the explicit URL, or SQLite under the data dir.
    pub fn database_url(&self) -> String {
        match &self.database_url {
            Some(url) => url.clone(),
            None => format!(
                "sqlite://{}?mode=rwc",
                self.data_dir.join("roster.db").display()
            ),
        }
    }

    /// The regions offered for new workspaces (invalid entries are an error).
    pub fn regions(&self) -> anyhow::Result<Regions> {
        let list = self
            .regions
            .iter()
            .map(|r| Region::parse(r).map_err(|e| anyhow::anyhow!("ROSTER_REGIONS: {r}: {e}")))
            .collect::<anyhow::Result<Vec<_>>>()?;
        anyhow::ensure!(
            !list.is_empty(),
            "ROSTER_REGIONS must name at least one region"
        );
        Ok(Regions::new(list))
    }

    /// Whether Roster is reached over TLS (cookies get `Secure`, HSTS is sent).
    pub fn behind_tls(&self) -> bool {
        self.public_url
            .as_deref()
            .is_some_and(|u| u.starts_with("https://"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_database_is_sqlite_in_the_data_dir() {
        let c = Config::defaults();
        assert_eq!(c.database_url(), "sqlite://data/roster.db?mode=rwc");
        assert!(!c.behind_tls());
    }

    #[derive(clap::Parser)]
    struct Cli {
        #[command(flatten)]
        config: Config,
    }

    #[test]
    fn the_database_pool_has_the_stores_floor() {
        use clap::Parser as _;
        let parse = |v: &str| Cli::try_parse_from(["roster", "--database-pool", v]);
        assert_eq!(parse("7").unwrap().config.database_pool, Some(7));
        assert_eq!(
            parse(&crate::store::MIN_POOL.to_string())
                .unwrap()
                .config
                .database_pool,
            Some(crate::store::MIN_POOL),
            "the flag's lower bound is the store's"
        );
        for bad in ["0", "2", "many"] {
            assert!(parse(bad).is_err(), "{bad} was accepted");
        }
    }

    #[test]
    fn https_public_url_means_tls() {
        let c = Config {
            public_url: Some("https://roster.example.com".into()),
            ..Config::defaults()
        };
        assert!(c.behind_tls());
    }
}
