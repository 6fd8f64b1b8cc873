//! `knotenpunkt`: the server, administration of the directory, and the pure
//! engines on the command line.
//!
//! This binary is glue. It parses flags (clap), sets up logging, opens the
//! store the flags name, and hands over to the web crate or the app layer.
//! Errors travel as `anyhow` and end here as one readable line and a
//! non-zero exit code — never a backtrace.

mod calendar;
mod files;
mod lounge;

use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use anyhow::{Context, Result};
use clap::{Args, Parser, Subcommand, ValueEnum};
use knotenpunkt_app::Directory;
use knotenpunkt_app::store::{Store, redact};
use knotenpunkt_web::{AppState, WebConfig};
use tracing::info;

/// Knotenpunkt — the platform for networks of municipalities that learn from
/// each other.
#[derive(Debug, Parser)]
#[command(name = "knotenpunkt", version, about, long_about = None)]
struct Cli {
    #[command(flatten)]
    db: DbArgs,
    /// Log format: human-readable lines or JSON objects.
    #[arg(
        long,
        global = true,
        value_enum,
        default_value = "human",
        env = "KNOTENPUNKT_LOG_FORMAT"
    )]
    log_format: LogFormat,
    /// More log output (-v: debug, -vv: trace); RUST_LOG overrides.
    #[arg(short, long, global = true, action = clap::ArgAction::Count)]
    verbose: u8,
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Args)]
struct DbArgs {
    /// SQLite file (created on first start).
    #[arg(
        long,
        global = true,
        value_name = "PATH",
        env = "KNOTENPUNKT_DB",
        default_value = "knotenpunkt.sqlite"
    )]
    db: PathBuf,
    /// A PostgreSQL URL (postgres://user@host/db); replaces --db.
    #[arg(
        long,
        global = true,
        value_name = "URL",
        env = "KNOTENPUNKT_DATABASE_URL"
    )]
    database_url: Option<String>,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum LogFormat {
    Human,
    Json,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Run the web server (pages and JSON API).
    Serve {
        /// Address to listen on.
        #[arg(long, default_value = "127.0.0.1:8080", env = "KNOTENPUNKT_BIND")]
        bind: SocketAddr,
        /// Load the demo directory if the database is empty.
        #[arg(long)]
        demo: bool,
        /// Token that allows writes through the API (Authorization: Bearer …).
        /// Without it the API is read-only.
        #[arg(long, env = "KNOTENPUNKT_ADMIN_TOKEN", hide_env_values = true)]
        admin_token: Option<String>,
        /// Host name of this installation (e.g. knotenpunkt.example.org); the
        /// domain of every calendar event's UID, so keep it stable.
        #[arg(long, env = "KNOTENPUNKT_PUBLIC_HOST")]
        public_host: Option<String>,
    },
    /// Load the demo directory into an empty database.
    Demo,
    /// Import a directory file (JSON), CSV files, or a folder of CSV files.
    /// All or nothing: on the first problem nothing is written.
    Import {
        /// directory.json, organizations.csv …, or a folder with the CSV files.
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
    /// Export the whole directory.
    Export {
        /// JSON (one document) or CSV (one file per table).
        #[arg(long, value_enum, default_value = "json")]
        format: ExportFormat,
        /// Where to write: a file for JSON (default: standard output), a
        /// folder for CSV (required).
        #[arg(long, short)]
        out: Option<PathBuf>,
    },
    /// Create or update the database schema.
    Migrate,
    /// The After Work Lounge's breakout-room engine.
    #[command(subcommand)]
    Lounge(lounge::LoungeCommand),
    /// Meeting series: recurrence, rotation and holidays.
    #[command(subcommand)]
    Calendar(calendar::CalendarCommand),
}

#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
enum ExportFormat {
    Json,
    Csv,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    init_logging(cli.log_format, cli.verbose);
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::FAILURE
        }
    }
}

fn init_logging(format: LogFormat, verbose: u8) {
    use tracing_subscriber::EnvFilter;
    let default = match verbose {
        0 => "info,sqlx=warn",
        1 => "debug,sqlx=info",
        _ => "trace",
    };
    let filter = EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new(default));
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr);
    match format {
        LogFormat::Human => builder.init(),
        LogFormat::Json => builder.json().init(),
    }
}

fn run(cli: Cli) -> Result<()> {
    // The engines need no database and no runtime.
    let command = match cli.command {
        Command::Lounge(cmd) => return lounge::run(cmd),
        Command::Calendar(cmd) if !cmd.needs_database() => return calendar::run_expand(cmd),
        other => other,
    };
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("starting the async runtime")?;
    rt.block_on(async move {
        let started = Instant::now();
        let store = open_store(&cli.db).await?;
        let dir = Directory::new(store.clone());
        let result = match command {
            Command::Serve {
                bind,
                demo,
                admin_token,
                public_host,
            } => {
                let config = WebConfig {
                    admin_token: admin_token.filter(|t| !t.trim().is_empty()),
                    public_host,
                };
                serve(dir, bind, demo, config, started).await
            }
            Command::Demo => match knotenpunkt_app::load_demo(&dir).await? {
                Some(r) => {
                    println!("{}", files::summary("demo loaded", &r));
                    Ok(())
                }
                None => anyhow::bail!(
                    "the database is not empty; the demo is loaded only into an empty database"
                ),
            },
            Command::Import { files } => files::import(&dir, &files).await,
            Command::Export { format, out } => {
                files::export(&dir, format == ExportFormat::Csv, out.as_deref()).await
            }
            Command::Migrate => {
                println!("schema is up to date");
                Ok(())
            }
            Command::Calendar(cmd) => calendar::run_ics(&dir, cmd).await,
            Command::Lounge(_) => Ok(()),
        };
        store.close().await;
        result
    })
}

/// Opens the database the flags name and migrates it; every command that
/// touches the directory starts here.
async fn open_store(db: &DbArgs) -> Result<Store> {
    let store = match &db.database_url {
        Some(url) => Store::connect(url)
            .await
            .with_context(|| format!("connecting to {}", redact(url)))?,
        None => Store::open_sqlite(&db.db)
            .await
            .with_context(|| format!("opening {}", db.db.display()))?,
    };
    store.migrate().await.context("migrating the database")?;
    Ok(store)
}

async fn serve(
    dir: Directory,
    bind: SocketAddr,
    demo: bool,
    config: WebConfig,
    started: Instant,
) -> Result<()> {
    if demo && let Some(r) = knotenpunkt_app::load_demo(&dir).await? {
        info!("{}", files::summary("demo loaded", &r));
    }
    if config.admin_token.is_none() {
        info!("no admin token configured: the API is read-only");
    }
    let listener = tokio::net::TcpListener::bind(bind)
        .await
        .with_context(|| format!("listening on {bind}"))?;
    let addr = listener.local_addr().context("reading the bound address")?;
    let state = AppState::new(dir, config);
    info!(
        "Knotenpunkt listens on http://{addr} (ready after {} ms)",
        started.elapsed().as_millis()
    );
    knotenpunkt_web::serve(listener, state, shutdown_signal())
        .await
        .context("serving")?;
    info!("stopped");
    Ok(())
}

/// Resolves on SIGINT or SIGTERM, so requests in flight can finish.
async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = term => {},
    }
    info!("shutting down");
}
