//! The `roster-server` binary: `serve` (the default) runs Roster; every flag
//! also reads its `ROSTER_*` environment variable.

use anyhow::Context as _;
use clap::{Parser, Subcommand};
use roster_server::Config;

/// A page of the team table is hundreds of small allocations (a String per
/// column per row, then the JSON): glibc's allocator was a fifth of the
/// server's time under load.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[derive(Parser)]
#[command(
    name = "roster-server",
    version,
    about = "Roster: workspaces, teams and access for data products"
)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
    #[command(flatten)]
    config: Config,
}

#[derive(Subcommand)]
enum Command {
    /// Serve the API and the web app (the default).
    Serve(Config),
    /// Apply migrations and exit.
    Migrate(Config),
    /// Create a demo owner, workspace, members, invitations and audit events.
    Seed(SeedArgs),
}

#[derive(clap::Args, Clone)]
struct SeedArgs {
    /// Joined members of the demo workspace, the owner included.
    #[arg(long, default_value_t = 40)]
    members: u32,
    /// The demo workspace's name; seeding an existing name does nothing.
    #[arg(long, default_value = "Acme Analytics")]
    workspace: String,
    #[command(flatten)]
    config: Config,
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let cli = Cli::parse();
    let (command, config) = match cli.command {
        None => (Command::Serve(cli.config.clone()), cli.config),
        Some(Command::Serve(c)) => (Command::Serve(c.clone()), c),
        Some(Command::Migrate(c)) => (Command::Migrate(c.clone()), c),
        Some(Command::Seed(a)) => {
            let config = a.config.clone();
            (Command::Seed(a), config)
        }
    };
    let logs = tracing_subscriber::fmt().with_env_filter(
        tracing_subscriber::EnvFilter::try_new(&config.log).context("parsing ROSTER_LOG")?,
    );
    if matches!(command, Command::Seed(_)) {
        // `seed` prints the sign-in details on stdout for `cargo xtask run --demo`.
        logs.with_writer(std::io::stderr).init();
    } else {
        logs.init();
    }
    let state = roster_server::prepare(config).await?;
    match command {
        Command::Migrate(_) => {
            tracing::info!("migrations applied");
        }
        Command::Seed(args) => seed(&state, args).await?,
        Command::Serve(_) => {
            let url = format!("http://{}:{}", state.config.bind, state.config.port);
            let db = state.db.clone();
            tracing::info!(%url, database = db.dialect().name(), "Roster is listening");
            roster_server::serve(state, shutdown_signal()).await?;
            db.close().await;
            tracing::info!("stopped");
        }
    }
    Ok(())
}

/// Seeds the demo data and prints how to sign in (stdout, for `cargo xtask run --demo`).
async fn seed(state: &roster_server::AppState, args: SeedArgs) -> anyhow::Result<()> {
    let started = std::time::Instant::now();
    let opts = roster_server::seed::SeedOptions {
        members: args.members,
        workspace: args.workspace,
    };
    let report = roster_server::seed::seed(state, &opts).await?;
    if report.created {
        println!(
            "Seeded \"{}\" ({}): {} members, {} pending invitations, {} audit events in {:.1} s",
            opts.workspace,
            report.workspace_id,
            report.members,
            report.invitations,
            report.audit_events,
            started.elapsed().as_secs_f64()
        );
    } else {
        println!(
            "Workspace \"{}\" already exists ({}); nothing seeded",
            opts.workspace, report.workspace_id
        );
    }
    println!(
        "Sign in as {} with the demo password {}",
        report.owner_email, report.owner_password
    );
    state.db.close().await;
    Ok(())
}

/// Resolves on SIGINT (Ctrl-C) or SIGTERM, so in-flight requests finish.
async fn shutdown_signal() {
    let ctrl_c = async {
        if let Err(e) = tokio::signal::ctrl_c().await {
            tracing::warn!(error = %e, "cannot listen for Ctrl-C");
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(e) => {
                tracing::warn!(error = %e, "cannot listen for SIGTERM");
                std::future::pending::<()>().await;
            }
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = term => {},
    }
    tracing::info!("shutting down");
}
