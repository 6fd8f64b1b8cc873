//! Persistence for Knotenpunkt: one code path over embedded SQLite and
//! PostgreSQL.
//!
//! The store speaks the domain's language (`create_organization`,
//! `list_memberships`), not SQL's, so callers never see a query. Both backends
//! run through sqlx's `Any` driver with the same SQL text: the queries stick to
//! the common subset (`$n` parameters, `RETURNING`, ISO dates as text), and
//! only the migrations differ per dialect (`migrations/sqlite`,
//! `migrations/postgres`). The backend is chosen once, from the URL scheme.
//!
//! This crate knows nothing of HTTP or files.
#![deny(missing_docs)]

mod accounts;
mod applications;
mod changes;
mod cohorts;
mod cooperations;
mod error;
mod events;
mod funding;
mod knowledge;
mod lounge;
mod memberships;
mod networks;
mod organizations;
mod reminders;
mod series;
mod sql;
#[cfg(feature = "test-support")]
pub mod testing;
mod working_groups;

use std::path::Path;
use std::str::FromStr;
use std::time::Duration;

use sqlx::any::{AnyConnectOptions, AnyPoolOptions};
use sqlx::{AnyConnection, AnyPool, Connection, Executor};

pub use accounts::{
    AuditEntry, Group, InvitationRecord, InvitationSummary, NetworkStanding, Purged, Retention,
    SessionRecord, SignedIn, Standing, TokenHolder, TokenRecord,
};
pub use applications::ApplicationFilter;
pub use changes::{Counters, Raise};
pub use error::StoreError;
pub use events::{Cancellation, Registrant, StoredEvent, StoredRegistration};
pub use knowledge::{
    Authored, Listed as KnowledgeListed, NewComment, StoredComment, StoredExperience, StoredProject,
};
pub use lounge::{
    LoungeCheckin, LoungeEvening, LoungeRoom, LoungeRound, LoungeSeat, LoungeSeatRecord, NewRoom,
};
pub use memberships::MembershipFilter;
pub use organizations::OrgFilter;
pub use reminders::{ClaimedReminder, DueApplication, DueTask, NewReminder, ReminderCounts};
pub use series::{FeedMark, MeetingRecords, SeriesFilter};
pub use working_groups::{JoinRequest, StoredGroup};

/// Result of every store operation.
pub type Result<T, E = StoreError> = std::result::Result<T, E>;

/// Which database is behind the store.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    /// Embedded, one file, the default.
    Sqlite,
    /// A PostgreSQL server, for larger deployments.
    Postgres,
}

/// A slice of a list, with the total count for pagination.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Listed<T> {
    /// The items of the requested page.
    pub items: Vec<T>,
    /// How many items match in all.
    pub total: u64,
}

/// Which part of a list to return.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Page {
    /// How many items at most; `None` for all.
    pub limit: Option<u64>,
    /// How many to skip.
    pub offset: u64,
}

impl Page {
    /// Everything, for exports and pages that show a whole network.
    pub const ALL: Page = Page {
        limit: None,
        offset: 0,
    };
}

/// An entity that has no natural key gets its row id shown outside.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WithId<T> {
    /// The row id, stable for the life of the row.
    pub id: i64,
    /// The entity.
    pub value: T,
}

/// The directory's database.
#[derive(Debug, Clone)]
pub struct Store {
    pool: AnyPool,
    backend: Backend,
    /// SQLite has one writer at a time; writers of this process queue here,
    /// in order, instead of in SQLite's busy handler, which sleeps and
    /// retries (up to 100 ms a turn) and so turns a burst of writes into
    /// long waits. Writers of other processes still meet the busy handler.
    writer: std::sync::Arc<tokio::sync::Mutex<()>>,
}

static MIGRATE_SQLITE: sqlx::migrate::Migrator = sqlx::migrate!("./migrations/sqlite");
static MIGRATE_POSTGRES: sqlx::migrate::Migrator = sqlx::migrate!("./migrations/postgres");

impl Store {
    /// Opens (and creates) an SQLite file.
    pub async fn open_sqlite(path: &Path) -> Result<Store> {
        let url = format!("sqlite://{}?mode=rwc", path.display());
        Store::connect(&url).await
    }

    /// Connects to `sqlite://…` or `postgres://…`.
    pub async fn connect(url: &str) -> Result<Store> {
        sqlx::any::install_default_drivers();
        let backend = if url.starts_with("sqlite:") {
            Backend::Sqlite
        } else if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            Backend::Postgres
        } else {
            return Err(StoreError::Config(format!(
                "unsupported database URL '{}': use sqlite://PATH or postgres://…",
                redact(url)
            )));
        };
        let options = AnyConnectOptions::from_str(url)
            .map_err(|e| StoreError::Config(format!("{}: {e}", redact(url))))?;
        let pool = AnyPoolOptions::new()
            .max_connections(match backend {
                Backend::Sqlite => 8,
                Backend::Postgres => 16,
            })
            .acquire_timeout(Duration::from_secs(10))
            .after_connect(move |conn, _meta| {
                Box::pin(async move {
                    if backend == Backend::Sqlite {
                        // WAL lets readers run beside the one writer; foreign
                        // keys are off by default in SQLite and we rely on them.
                        conn.execute("PRAGMA journal_mode = WAL").await?;
                        conn.execute("PRAGMA foreign_keys = ON").await?;
                        conn.execute("PRAGMA busy_timeout = 5000").await?;
                        conn.execute("PRAGMA synchronous = NORMAL").await?;
                    }
                    Ok(())
                })
            })
            .connect_with(options)
            .await?;
        Ok(Store {
            pool,
            backend,
            writer: std::sync::Arc::new(tokio::sync::Mutex::new(())),
        })
    }

    /// Brings the schema up to date; safe to run at every start.
    pub async fn migrate(&self) -> Result<()> {
        let migrator = match self.backend {
            Backend::Sqlite => &MIGRATE_SQLITE,
            Backend::Postgres => &MIGRATE_POSTGRES,
        };
        migrator.run(&self.pool).await?;
        Ok(())
    }

    /// Which backend this is.
    pub fn backend(&self) -> Backend {
        self.backend
    }

    /// Answers whether the database is reachable, for `/readyz`.
    pub async fn ping(&self) -> Result<()> {
        let mut conn = self.pool.acquire().await?;
        conn.ping().await?;
        Ok(())
    }

    /// True when the directory holds nothing, so demo data may be loaded.
    pub async fn is_empty(&self) -> Result<bool> {
        let mut conn = self.pool.acquire().await?;
        let n: i64 = sqlx::query_scalar(
            "SELECT (SELECT COUNT(*) FROM organizations) + (SELECT COUNT(*) FROM networks) + (SELECT COUNT(*) FROM cooperations)",
        )
        .fetch_one(&mut *conn)
        .await?;
        Ok(n == 0)
    }

    /// Starts a write transaction: all its writes land together or not at
    /// all. On SQLite it takes the write lock at once (`BEGIN IMMEDIATE`):
    /// a transaction that began as a reader and then writes while another
    /// writer commits fails with "database is locked" instead of waiting.
    pub async fn begin(&self) -> Result<Tx> {
        Ok(match self.backend {
            Backend::Sqlite => {
                // As long as SQLite's own busy timeout: a writer that waits
                // longer is told the database is busy, as before.
                let turn =
                    tokio::time::timeout(Duration::from_secs(5), self.writer.clone().lock_owned())
                        .await
                        .map_err(|_| StoreError::Database(sqlx::Error::PoolTimedOut))?;
                Tx {
                    tx: self.pool.begin_with("BEGIN IMMEDIATE").await?,
                    _turn: Some(turn),
                }
            }
            Backend::Postgres => Tx {
                tx: self.pool.begin().await?,
                _turn: None,
            },
        })
    }

    /// Starts a transaction that only reads: one consistent view of the
    /// database (an export), without holding up writers.
    pub async fn begin_read(&self) -> Result<Tx> {
        Ok(Tx {
            tx: self.pool.begin().await?,
            _turn: None,
        })
    }

    /// Closes all connections, for a clean shutdown.
    pub async fn close(&self) {
        self.pool.close().await;
    }

    pub(crate) async fn conn(&self) -> Result<sqlx::pool::PoolConnection<sqlx::Any>> {
        Ok(self.pool.acquire().await?)
    }
}

/// A transaction over the directory; dropped without [`Tx::commit`] it rolls
/// back, which is how an importer that finds a bad line writes nothing.
pub struct Tx {
    tx: sqlx::Transaction<'static, sqlx::Any>,
    /// This process's turn to write (SQLite); declared after `tx`, so it is
    /// given up only once the transaction has ended.
    _turn: Option<tokio::sync::OwnedMutexGuard<()>>,
}

impl Tx {
    /// Makes every write of the transaction permanent.
    pub async fn commit(self) -> Result<()> {
        self.tx.commit().await?;
        Ok(())
    }

    pub(crate) fn conn(&mut self) -> &mut AnyConnection {
        &mut self.tx
    }
}

/// Hides a password in a database URL before it reaches a message or a log.
pub fn redact(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(scheme_end), Some(at)) if at > scheme_end => {
            let creds = &url[scheme_end + 3..at];
            match creds.find(':') {
                Some(colon) => format!(
                    "{}{}:***{}",
                    &url[..scheme_end + 3],
                    &creds[..colon],
                    &url[at..]
                ),
                None => url.to_owned(),
            }
        }
        _ => url.to_owned(),
    }
}

/// Folds a name for ordering the way a German reader expects (umlauts with
/// their base letter, case ignored), identically on both backends.
pub(crate) fn sort_key(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    for c in name.chars().flat_map(char::to_lowercase) {
        match c {
            'ä' => out.push('a'),
            'ö' => out.push('o'),
            'ü' => out.push('u'),
            'ß' => out.push_str("ss"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_are_redacted() {
        assert_eq!(
            redact("postgres://kp:secret@db:5432/kp"),
            "postgres://kp:***@db:5432/kp"
        );
        assert_eq!(redact("sqlite://x.sqlite"), "sqlite://x.sqlite");
    }

    #[test]
    fn sort_key_folds_umlauts() {
        assert!(sort_key("Öhringen") < sort_key("Paderborn"));
        assert!(sort_key("aalen") < sort_key("Zwönitz"));
    }
}
