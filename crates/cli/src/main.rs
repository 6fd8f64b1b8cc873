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
use knotenpunkt_app::access::Actor;
use knotenpunkt_app::domain::{Language, NewPerson};
use knotenpunkt_app::mail::{MailConfig, Mailer};
use knotenpunkt_app::search::SearchIndex;
use knotenpunkt_app::store::{Store, redact};
use knotenpunkt_app::{AccountSettings, App, Directory};
use knotenpunkt_web::proxy::TrustedProxy;
use knotenpunkt_web::{AppState, WebConfig};
use tracing::info;

/// Knotenpunkt — the platform for networks of municipalities that learn from
/// each other.
#[derive(Debug, Parser)]
#[command(name = "knotenpunkt", version, about, long_about = None)]
struct Cli {
    #[command(flatten)]
    db: DbArgs,
    #[command(flatten)]
    site: SiteArgs,
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
    /// A directory for this process's search index, kept between starts and
    /// brought up to date with the database at start. Without it the index
    /// is kept in memory and built at every start. Each server process
    /// needs its own directory (the index is derived data; several
    /// processes on one database each follow it).
    #[arg(
        long,
        global = true,
        value_name = "DIR",
        env = "KNOTENPUNKT_SEARCH_INDEX"
    )]
    search_index: Option<PathBuf>,
}

/// How the installation reaches people: its address and its mail server.
#[derive(Debug, Args)]
struct SiteArgs {
    /// The address people open (https://knotenpunkt.example.org); links in
    /// mails start with it, and an https:// address makes the session
    /// cookie Secure and turns on HSTS. Default: http://<bind address>.
    #[arg(
        long,
        global = true,
        value_name = "URL",
        env = "KNOTENPUNKT_PUBLIC_URL"
    )]
    public_url: Option<String>,
    /// SMTP server for invitations, password resets and reminders:
    /// smtp://host:25, smtp://user:pass@host:587 (STARTTLS) or
    /// smtps://user:pass@host:465. Without it mails are written to the log.
    #[arg(
        long,
        global = true,
        value_name = "URL",
        env = "KNOTENPUNKT_SMTP_URL",
        hide_env_values = true
    )]
    smtp_url: Option<String>,
    /// Sender address of mails.
    #[arg(
        long,
        global = true,
        value_name = "ADDRESS",
        env = "KNOTENPUNKT_MAIL_FROM",
        default_value = "knotenpunkt@localhost.localdomain"
    )]
    mail_from: String,
    /// A session unused this many hours ends.
    #[arg(
        long,
        global = true,
        default_value_t = 12,
        env = "KNOTENPUNKT_SESSION_IDLE_HOURS"
    )]
    session_idle_hours: u32,
    /// A session ends this many days after sign-in, used or not.
    #[arg(
        long,
        global = true,
        default_value_t = 14,
        env = "KNOTENPUNKT_SESSION_MAX_DAYS"
    )]
    session_max_days: u32,
    /// Audit entries are kept this many days (0: forever).
    #[arg(
        long,
        global = true,
        default_value_t = 730,
        env = "KNOTENPUNKT_AUDIT_RETENTION_DAYS"
    )]
    audit_retention_days: u32,
    /// API tokens unused this many days are removed (0: never).
    #[arg(
        long,
        global = true,
        default_value_t = 365,
        env = "KNOTENPUNKT_TOKEN_IDLE_DAYS"
    )]
    token_idle_days: u32,
    /// Jitsi Meet for the lounge's breakout rooms (https://meet.example.org).
    #[arg(long, global = true, value_name = "URL", env = "KNOTENPUNKT_JITSI_URL")]
    jitsi_url: Option<String>,
    /// Jitsi application id (the JWT's issuer), with --jitsi-secret.
    #[arg(
        long,
        global = true,
        value_name = "ID",
        env = "KNOTENPUNKT_JITSI_APP_ID"
    )]
    jitsi_app_id: Option<String>,
    /// Jitsi application secret: each participant's link carries a token
    /// signed with it, valid for that room only.
    #[arg(
        long,
        global = true,
        value_name = "SECRET",
        env = "KNOTENPUNKT_JITSI_SECRET",
        hide_env_values = true
    )]
    jitsi_secret: Option<String>,
    /// BigBlueButton for the lounge's breakout rooms
    /// (https://bbb.example.org/bigbluebutton/), with --bbb-secret.
    #[arg(long, global = true, value_name = "URL", env = "KNOTENPUNKT_BBB_URL")]
    bbb_url: Option<String>,
    /// BigBlueButton's shared secret, which signs every API call.
    #[arg(
        long,
        global = true,
        value_name = "SECRET",
        env = "KNOTENPUNKT_BBB_SECRET",
        hide_env_values = true
    )]
    bbb_secret: Option<String>,
}

impl SiteArgs {
    /// The video provider for lounge rooms, from the --jitsi-* / --bbb-*
    /// flags; `None` when none is configured.
    fn video(&self) -> Result<Option<knotenpunkt_video::Provider>> {
        knotenpunkt_video::Provider::from_settings(&knotenpunkt_video::VideoSettings {
            jitsi_url: self.jitsi_url.clone(),
            jitsi_app_id: self.jitsi_app_id.clone(),
            jitsi_secret: self.jitsi_secret.clone(),
            bbb_url: self.bbb_url.clone(),
            bbb_secret: self.bbb_secret.clone(),
        })
        .context("configuring video rooms")
    }

    fn accounts(&self, fallback_url: &str) -> Result<AccountSettings> {
        let mailer = Mailer::new(&MailConfig {
            smtp_url: self.smtp_url.clone(),
            from: self.mail_from.clone(),
        })
        .context("configuring mail (--smtp-url, --mail-from)")?;
        let days = |d: u32| (d > 0).then_some(i64::from(d) * 86_400);
        Ok(AccountSettings {
            base_url: self
                .public_url
                .clone()
                .unwrap_or_else(|| fallback_url.to_owned())
                .trim_end_matches('/')
                .to_owned(),
            mailer,
            session_idle: i64::from(self.session_idle_hours.max(1)) * 3600,
            session_absolute: i64::from(self.session_max_days.max(1)) * 86_400,
            audit_retention: days(self.audit_retention_days),
            api_token_idle: days(self.token_idle_days),
            ..AccountSettings::default()
        })
    }
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
        /// Host name of this installation (e.g. knotenpunkt.example.org); the
        /// domain of every calendar event's UID, so keep it stable.
        #[arg(long, env = "KNOTENPUNKT_PUBLIC_HOST")]
        public_host: Option<String>,
        /// A reverse proxy in front of the server, as an address or network
        /// (10.0.0.1, 10.0.0.0/8, fd00::/8); repeat for several, or separate
        /// them by commas in the environment variable. Only for requests
        /// from such a proxy is the client taken from X-Forwarded-For (the
        /// rightmost address that is not a trusted proxy); otherwise the
        /// header is ignored and the rate limits key on the socket address.
        #[arg(
            long = "trusted-proxy",
            value_name = "IP or CIDR",
            env = "KNOTENPUNKT_TRUSTED_PROXY",
            value_delimiter = ','
        )]
        trusted_proxies: Vec<TrustedProxy>,
        /// Seconds between two passes of the reminder mails (plan what came
        /// due, send it); 0 turns reminders off in this process. Any number
        /// of processes may send: each reminder goes once.
        #[arg(long, default_value_t = 60, env = "KNOTENPUNKT_REMINDER_INTERVAL")]
        reminder_interval: u64,
    },
    /// Send the reminder mails that are due now, once (for a cron job or a
    /// check); a server does this itself every minute.
    Remind,
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
        /// Only what an anonymous visitor sees (to publish as open data):
        /// networks shown to members only are left out with their cohorts
        /// and memberships. Without it, everything (a backup).
        #[arg(long)]
        public: bool,
    },
    /// Create or update the database schema.
    Migrate,
    /// Rebuild the search index from the database: the index at
    /// --search-index (while no server uses it), or, without that flag, a
    /// trial build in memory that shows what a server builds at start.
    Reindex,
    /// Platform administrators.
    #[command(subcommand)]
    Admin(AdminCommand),
    /// The After Work Lounge's breakout-room engine.
    #[command(subcommand)]
    Lounge(lounge::LoungeCommand),
    /// Meeting series: recurrence, rotation and holidays.
    #[command(subcommand)]
    Calendar(calendar::CalendarCommand),
}

#[derive(Debug, Subcommand)]
enum AdminCommand {
    /// Create a platform admin (the first one, or another). The invitation
    /// link is mailed and printed; it works once, for seven days.
    Create {
        /// The admin's e-mail address.
        #[arg(long)]
        email: String,
        /// Full name.
        #[arg(long, default_value = "Administration")]
        name: String,
        /// Slug of the organisation the admin belongs to.
        #[arg(long)]
        organization: Option<String>,
        /// Language of mails and pages: de or en.
        #[arg(long, default_value = "de")]
        language: String,
    },
    /// Remove expired sessions, used links, stale tokens and old audit
    /// entries now (the server also does it every hour).
    Purge,
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
        Command::Lounge(cmd) if !cmd.needs_database() => return lounge::run(cmd),
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
        let fallback_url = match &command {
            Command::Serve { bind, .. } => format!("http://{bind}"),
            _ => "http://127.0.0.1:8080".to_owned(),
        };
        let mut app = App::new(store.clone())
            .with_settings(cli.site.accounts(&fallback_url)?)
            .with_video(cli.site.video()?);
        let searches = matches!(command, Command::Serve { .. } | Command::Reindex);
        if let (true, Some(dir)) = (searches, &cli.db.search_index) {
            let index = SearchIndex::open(dir)
                .with_context(|| format!("--search-index {}", dir.display()))?;
            app = app.with_search_index(index);
        }

        // The server reads with each visitor's eyes; a public export as an
        // anonymous visitor; every other command acts for whoever holds the
        // database, who may see and do everything.
        let dir = match &command {
            Command::Serve { .. } | Command::Export { public: true, .. } => {
                app.directory(&Actor::anonymous())
            }
            _ => app.directory(&App::operator()),
        };
        let result = match command {
            Command::Serve {
                bind,
                demo,
                public_host,
                trusted_proxies,
                reminder_interval,
            } => {
                let public_host = public_host.or_else(|| {
                    cli.site
                        .public_url
                        .as_deref()
                        .and_then(|u| u.split_once("://"))
                        .map(|(_, rest)| rest.split(['/', ':']).next().unwrap_or(rest).to_owned())
                        .filter(|h| !h.is_empty())
                });
                let config = WebConfig {
                    public_url: cli.site.public_url.clone(),
                    public_host,
                    trusted_proxies,
                    ..WebConfig::default()
                };
                serve(dir, bind, demo, config, reminder_interval, started).await
            }
            Command::Admin(AdminCommand::Create {
                email,
                name,
                organization,
                language,
            }) => admin_create(&dir, email, name, organization, language).await,
            Command::Admin(AdminCommand::Purge) => {
                let p = dir
                    .app()
                    .administration(&App::operator())
                    .purge_expired()
                    .await?;
                println!(
                    "removed {} sessions, {} used or expired links, {} unused API tokens, {} audit entries, {} answers to questions of past events",
                    p.sessions, p.tokens, p.api_tokens, p.audit, p.answers
                );
                Ok(())
            }
            Command::Demo => match knotenpunkt_app::load_demo(&app).await? {
                Some(r) => {
                    println!("{}", files::summary("demo loaded", &r));
                    Ok(())
                }
                None => anyhow::bail!(
                    "the database is not empty; the demo is loaded only into an empty database"
                ),
            },
            Command::Import { files } => files::import(&dir, &files).await,
            Command::Export { format, out, .. } => {
                files::export(&dir, format == ExportFormat::Csv, out.as_deref()).await
            }
            Command::Migrate => {
                println!("schema is up to date");
                Ok(())
            }
            Command::Reindex => reindex(&app, cli.db.search_index.as_deref()).await,
            Command::Remind => remind(&app).await,
            Command::Calendar(cmd) => calendar::run_ics(&dir, cmd).await,
            Command::Lounge(lounge::LoungeCommand::History { network }) => {
                lounge_history(dir.app(), &network).await
            }
            Command::Lounge(_) => Ok(()),
        };
        store.close().await;
        result
    })
}

/// `remind`: one pass of the reminder mails, with what it did.
async fn remind(app: &App) -> Result<()> {
    eprintln!("planning and sending the reminders that are due …");
    let r = app.reminders(&App::operator());
    let pass = r.run().await?;
    let c = r.counts().await?;
    println!(
        "reminders: {} planned, {} sent, {} not sent (turned off), {} to retry, {} given up",
        pass.planned, pass.sent, pass.unsubscribed, pass.retrying, pass.failed
    );
    println!(
        "kept: {} open, {} sent, {} turned off, {} failed",
        c.open, c.sent, c.unsubscribed, c.failed
    );
    Ok(())
}

/// `reindex`: the whole index built again, with what it took.
async fn reindex(app: &App, dir: Option<&std::path::Path>) -> Result<()> {
    match dir {
        Some(dir) => eprintln!("rebuilding the search index in {} …", dir.display()),
        None => {
            eprintln!("no --search-index: building an index in memory, as a server does at start …")
        }
    }
    let begun = Instant::now();
    let count = app
        .search(&App::operator())
        .rebuild()
        .await
        .context("rebuilding the search index")?;
    println!(
        "search index: {count} documents in {:.1} s",
        begun.elapsed().as_secs_f64()
    );
    Ok(())
}

/// `lounge history --network N`: the stored encounter history as a
/// `lounge plan` request, on stdout.
async fn lounge_history(app: &App, network: &str) -> Result<()> {
    let network = network
        .parse()
        .map_err(|e: String| anyhow::anyhow!("--network: {e}"))?;
    let history = app
        .lounge(&App::operator())
        .history(&network)
        .await
        .with_context(|| format!("lounge history of network '{network}'"))?;
    println!("{}", serde_json::to_string_pretty(&history)?);
    Ok(())
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
    reminder_interval: u64,
    started: Instant,
) -> Result<()> {
    if demo && let Some(r) = knotenpunkt_app::load_demo(dir.app()).await? {
        info!("{}", files::summary("demo loaded", &r));
    }
    let admin = dir.app().administration(&App::operator());
    if demo && admin.admin_count().await? == 0 {
        // A local trial needs someone to sign in as; the link goes to the
        // log when no SMTP server is configured.
        let invited = admin
            .bootstrap_admin(NewPerson {
                name: "Demo-Administration".into(),
                email: "admin@knotenpunkt.localhost"
                    .parse()
                    .map_err(|e: String| anyhow::anyhow!(e))?,
                organization: None,
                phone: None,
                function: None,
                language: Language::De,
            })
            .await?;
        if let Some(link) = invited.link {
            info!("demo admin admin@knotenpunkt.localhost: set the password at {link}");
        }
    }
    // Build or catch up the search index while the server starts (after the
    // demo, so it is built once), so the first search need not wait.
    let preparing = dir.app().clone();
    tokio::spawn(async move {
        let begun = Instant::now();
        match preparing.prepare_search().await {
            Ok(()) => info!(
                elapsed_ms = begun.elapsed().as_millis() as u64,
                "search index ready"
            ),
            Err(e) => tracing::error!(error = %e, "search index not ready; searches will retry"),
        }
    });
    if reminder_interval > 0 {
        let reminders = dir.app().reminders(&App::operator());
        let every = std::time::Duration::from_secs(reminder_interval);
        tokio::spawn(async move {
            loop {
                match reminders.tick().await {
                    Ok(p) if p.planned + p.sent + p.unsubscribed + p.retrying + p.failed > 0 => {
                        info!(
                            planned = p.planned,
                            sent = p.sent,
                            turned_off = p.unsubscribed,
                            retrying = p.retrying,
                            failed = p.failed,
                            "reminders"
                        )
                    }
                    Ok(_) => {}
                    Err(e) => {
                        tracing::warn!(error = %e, "the reminder pass failed; next pass retries")
                    }
                }
                tokio::time::sleep(every).await;
            }
        });
    }
    let purger = admin;
    tokio::spawn(async move {
        loop {
            match purger.purge_expired().await {
                Ok(p)
                    if p.sessions + p.tokens + p.api_tokens + p.audit + p.answers + p.reminders
                        > 0 =>
                {
                    info!(
                        sessions = p.sessions,
                        links = p.tokens,
                        api_tokens = p.api_tokens,
                        audit = p.audit,
                        answers = p.answers,
                        reminders = p.reminders,
                        "removed expired records"
                    )
                }
                Ok(_) => {}
                Err(e) => tracing::warn!(error = %e, "purging expired records failed"),
            }
            tokio::time::sleep(std::time::Duration::from_secs(3600)).await;
        }
    });
    let listener = tokio::net::TcpListener::bind(bind)
        .await
        .with_context(|| format!("listening on {bind}"))?;
    let addr = listener.local_addr().context("reading the bound address")?;
    let state = AppState::new(dir.app().clone(), config);
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

async fn admin_create(
    dir: &Directory,
    email: String,
    name: String,
    organization: Option<String>,
    language: String,
) -> Result<()> {
    let person = NewPerson {
        name,
        email: email
            .parse()
            .map_err(|e: String| anyhow::anyhow!("--email: {e}"))?,
        organization: organization
            .map(|o| o.parse())
            .transpose()
            .map_err(|e: String| anyhow::anyhow!("--organization: {e}"))?,
        phone: None,
        function: None,
        language: language
            .parse()
            .map_err(|e: String| anyhow::anyhow!("--language: {e}"))?,
    };
    let invited = dir
        .app()
        .administration(&App::operator())
        .bootstrap_admin(person)
        .await?;
    if invited.existing && invited.link.is_none() {
        println!(
            "{} has an account already and is now a platform admin",
            invited.person.email
        );
    } else if let Some(link) = invited.link {
        println!(
            "admin {} created; the invitation was mailed (or logged). To set the password, open:\n{link}",
            invited.person.email
        );
    }
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
