//! `cargo xtask run`: installs what is missing, builds the app (only when its
//! sources changed) and the server in release, and starts Roster with an
//! embedded SQLite database in `./data/` unless told otherwise.

use crate::proc::{cmd, run};
use anyhow::{Context as _, bail};
use std::time::Instant;

/// Options of `cargo xtask run`; each also reads its `ROSTER_*` variable.
#[derive(Debug, PartialEq, Eq)]
pub struct RunOptions {
    pub port: u16,
    pub data_dir: String,
    pub database_url: Option<String>,
    pub demo: bool,
}

impl RunOptions {
    /// Flags win over environment variables, which win over defaults.
    pub fn parse(args: &[String], env: impl Fn(&str) -> Option<String>) -> anyhow::Result<Self> {
        let mut o = Self {
            port: match env("ROSTER_PORT") {
                Some(p) => p.parse().context("ROSTER_PORT must be a port number")?,
                None => 8080,
            },
            data_dir: env("ROSTER_DATA_DIR").unwrap_or_else(|| "data".to_owned()),
            database_url: env("ROSTER_DATABASE_URL").filter(|s| !s.is_empty()),
            demo: env("ROSTER_DEMO").is_some_and(|v| matches!(v.as_str(), "1" | "true" | "yes")),
        };
        let mut it = args.iter();
        while let Some(arg) = it.next() {
            let mut value = |name: &str| {
                it.next()
                    .cloned()
                    .with_context(|| format!("{name} needs a value"))
            };
            match arg.as_str() {
                "--port" => {
                    o.port = value("--port")?
                        .parse()
                        .context("--port must be a port number")?
                }
                "--data-dir" => o.data_dir = value("--data-dir")?,
                "--database-url" => o.database_url = Some(value("--database-url")?),
                "--demo" => o.demo = true,
                other => bail!("unknown option `{other}` (see `cargo xtask --help`)"),
            }
        }
        Ok(o)
    }
}

pub fn main(args: &[String]) -> anyhow::Result<()> {
    let started = Instant::now();
    let opts = RunOptions::parse(args, |k| std::env::var(k).ok())?;
    crate::tools::ensure_build_tools()?;
    crate::web::build_release(false)?;
    println!("==> building the server in release (about 3 min from clean, seconds after)");
    let mut build = cmd("cargo");
    build.args([
        "build",
        "--release",
        "--quiet",
        "-p",
        "roster-server",
        "--bin",
        "roster-server",
    ]);
    run(build).context("building roster-server")?;

    let root = crate::root();
    let binary = root
        .join("target/release/roster-server")
        .display()
        .to_string();
    let database_args = |c: &mut std::process::Command| {
        c.args(["--data-dir", &opts.data_dir]);
        if let Some(url) = &opts.database_url {
            c.args(["--database-url", url]);
        }
    };
    let mut server = cmd(&binary);
    server
        .arg("serve")
        .args(["--port", &opts.port.to_string()])
        .arg("--dist-dir")
        .arg(root.join("dist"));
    database_args(&mut server);
    let database = match &opts.database_url {
        Some(url) if url.starts_with("postgres") => "PostgreSQL".to_owned(),
        Some(url) => url.clone(),
        None => format!("SQLite in {}/roster.db", opts.data_dir),
    };
    let demo = if opts.demo {
        println!("==> seeding demo data (roster-server seed; nothing happens if it exists)");
        let mut seed = cmd(&binary);
        seed.arg("seed");
        database_args(&mut seed);
        let out = seed
            .stderr(std::process::Stdio::inherit())
            .output()
            .context("starting roster-server seed")?;
        if !out.status.success() {
            bail!("roster-server seed failed ({})", out.status);
        }
        let text = String::from_utf8_lossy(&out.stdout).trim().to_owned();
        format!("\n  Demo data: {}\n", text.replace('\n', "\n  "))
    } else {
        String::new()
    };
    let mut child = server.spawn().context("starting roster-server")?;
    // Announce only once the server answers, so a taken port is not
    // reported as success.
    let deadline = Instant::now() + std::time::Duration::from_secs(60);
    loop {
        if let Some(status) = child.try_wait()? {
            bail!("roster-server exited with {status} before it was ready");
        }
        if std::net::TcpStream::connect(("127.0.0.1", opts.port)).is_ok() {
            break;
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            bail!(
                "roster-server did not start listening on port {} within 60 s",
                opts.port
            );
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    println!(
        "\n  Roster is running at http://127.0.0.1:{port}  ({database}; up in {took})\n\
         {demo}\n  Open it in a browser to see the console. Ctrl-C stops the server.\n",
        port = opts.port,
        took = crate::proc::human(started.elapsed()),
    );
    let status = child.wait().context("waiting for roster-server")?;
    if !status.success() {
        bail!("roster-server exited with {status}");
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(a: &[&str]) -> Vec<String> {
        a.iter().map(|s| (*s).to_owned()).collect()
    }

    #[test]
    fn flags_override_environment_which_overrides_defaults() {
        let none = |_: &str| None;
        let d = RunOptions::parse(&[], none).unwrap();
        assert_eq!((d.port, d.data_dir.as_str(), d.demo), (8080, "data", false));

        let env = |k: &str| match k {
            "ROSTER_PORT" => Some("9000".to_owned()),
            "ROSTER_DEMO" => Some("1".to_owned()),
            _ => None,
        };
        let e = RunOptions::parse(&[], env).unwrap();
        assert_eq!((e.port, e.demo), (9000, true));
        let f = RunOptions::parse(
            &args(&["--port", "9100", "--database-url", "postgres://x/y"]),
            env,
        )
        .unwrap();
        assert_eq!(f.port, 9100);
        assert_eq!(f.database_url.as_deref(), Some("postgres://x/y"));
    }

    #[test]
    fn bad_options_are_refused_with_a_message() {
        let none = |_: &str| None;
        assert!(RunOptions::parse(&args(&["--port"]), none).is_err());
        assert!(RunOptions::parse(&args(&["--port", "http"]), none).is_err());
        assert!(RunOptions::parse(&args(&["--colour"]), none).is_err());
    }
}
