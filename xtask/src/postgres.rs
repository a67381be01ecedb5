//! A throw-away PostgreSQL cluster under `target/` on a private port, for the
//! server tests' second run. `initdb` refuses root, so as root the cluster
//! belongs to the `postgres` user. Stopped and removed when dropped.

use crate::proc::{cmd, output, run};
use anyhow::{Context as _, bail};
use std::path::PathBuf;
use std::process::Command;

/// The newest `/usr/lib/postgresql/<n>/bin` that has `initdb`.
pub fn bin_dir() -> Option<PathBuf> {
    let mut versions: Vec<(u32, PathBuf)> = std::fs::read_dir("/usr/lib/postgresql")
        .ok()?
        .filter_map(Result::ok)
        .filter_map(|e| {
            let n = e.file_name().to_str()?.parse::<u32>().ok()?;
            let bin = e.path().join("bin");
            bin.join("initdb").exists().then_some((n, bin))
        })
        .collect();
    versions.sort();
    versions.pop().map(|(_, bin)| bin)
}

/// A running cluster; `url()` names its `postgres` database.
pub struct Cluster {
    dir: PathBuf,
    bin: PathBuf,
    port: u16,
    as_postgres: bool,
}

impl Cluster {
    /// Initialises and starts a fresh cluster (2–5 s).
    pub fn start() -> anyhow::Result<Self> {
        Self::start_on(None)
    }

    /// [`Cluster::start`], with every PostgreSQL process confined to CPU
    /// `core` when one is given (the benchmarks keep it off the core of the
    /// server they measure: its backends inherit the postmaster's mask).
    pub fn start_on(core: Option<u32>) -> anyhow::Result<Self> {
        let bin = bin_dir().context("PostgreSQL's server binaries are not installed")?;
        let as_postgres = {
            let mut id = cmd("id");
            id.arg("-u");
            output(id).as_deref() == Some("0")
        };
        let dir = cluster_dir(as_postgres);
        let cluster = Self {
            dir: dir.clone(),
            bin,
            port: free_port()?,
            as_postgres,
        };
        cluster.stop_quietly();
        if dir.exists() {
            std::fs::remove_dir_all(&dir).with_context(|| format!("removing {}", dir.display()))?;
        }
        std::fs::create_dir_all(&dir)?;
        if as_postgres {
            run({
                let mut c = cmd("chown");
                c.args(["-R", "postgres:postgres"]).arg(&dir);
                c
            })?;
        }
        let data = dir.join("data");
        let mut init = cluster.pg("initdb");
        init.arg("-D").arg(&data).args([
            "-A",
            "trust",
            "-U",
            "postgres",
            "-E",
            "UTF8",
            "--no-sync",
        ]);
        init.stdout(std::process::Stdio::null());
        run(init).context("initdb")?;
        let opts = format!(
            "-c listen_addresses=127.0.0.1 -p {} -k {} -c fsync=off -c synchronous_commit=off \
             -c full_page_writes=off -c max_connections=400 -c shared_buffers=256MB",
            cluster.port,
            dir.display()
        );
        let mut start = match core {
            Some(core) => {
                let mut pinned = cmd("taskset");
                pinned.args(["-c", &core.to_string()]);
                let inner = cluster.pg("pg_ctl");
                pinned.arg(inner.get_program()).args(inner.get_args());
                pinned
            }
            None => cluster.pg("pg_ctl"),
        };
        start
            .arg("-D")
            .arg(&data)
            .arg("-l")
            .arg(dir.join("server.log"))
            .args(["-o", &opts, "-w", "start"]);
        start.stdout(std::process::Stdio::null());
        if run(start).is_err() {
            let log = std::fs::read_to_string(dir.join("server.log")).unwrap_or_default();
            bail!("PostgreSQL did not start:\n{log}");
        }
        Ok(cluster)
    }

    /// The URL of the cluster's `postgres` database.
    pub fn url(&self) -> String {
        format!("postgres://postgres@127.0.0.1:{}/postgres", self.port)
    }

    fn pg(&self, program: &str) -> Command {
        let path = self.bin.join(program);
        if self.as_postgres {
            let mut c = cmd("runuser");
            c.args(["-u", "postgres", "--"]).arg(path);
            c
        } else {
            cmd(&path.display().to_string())
        }
    }

    fn stop_quietly(&self) {
        let data = self.dir.join("data");
        if data.join("postmaster.pid").exists() {
            let mut stop = self.pg("pg_ctl");
            stop.arg("-D").arg(&data).args(["-m", "immediate", "stop"]);
            stop.stdout(std::process::Stdio::null())
                .stderr(std::process::Stdio::null());
            let _ = stop.status();
        }
    }
}

impl Drop for Cluster {
    fn drop(&mut self) {
        self.stop_quietly();
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

/// `target/pg-test`, or a folder under the system temp dir when the
/// `postgres` user cannot reach `target/` (a checkout under a private home).
fn cluster_dir(as_postgres: bool) -> PathBuf {
    let target = crate::root().join("target");
    let reachable = !as_postgres || {
        let mut probe = cmd("runuser");
        probe
            .args(["-u", "postgres", "--", "test", "-x"])
            .arg(&target);
        probe
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null());
        probe.status().is_ok_and(|s| s.success())
    };
    if reachable {
        target.join("pg-test")
    } else {
        std::env::temp_dir().join("roster-pg-test")
    }
}

fn free_port() -> anyhow::Result<u16> {
    let l = std::net::TcpListener::bind("127.0.0.1:0").context("finding a free port")?;
    Ok(l.local_addr()?.port())
}
