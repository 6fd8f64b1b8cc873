//! Throw-away databases for tests: a fresh SQLite file, and — when
//! `KNOTENPUNKT_TEST_DATABASE_URL` names a PostgreSQL server — a fresh
//! PostgreSQL database, so one test body runs against both backends.

use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};

use knotenpunkt_domain::{
    Cohort, Cooperation, Membership, Network, NewPerson, Organization, Person, Slug,
};

use crate::{InvitationRecord, Result, Store};

static COUNTER: AtomicU64 = AtomicU64::new(0);

/// The environment variable naming the PostgreSQL server for tests.
pub const PG_ENV: &str = "KNOTENPUNKT_TEST_DATABASE_URL";

/// A migrated, empty store that cleans up after itself when dropped.
pub struct TestDb {
    /// The store.
    pub store: Store,
    /// The URL it was opened with, for tests that start a server process.
    pub url: String,
    cleanup: Cleanup,
}

enum Cleanup {
    File(PathBuf),
    Database { admin_url: String, name: String },
}

fn unique(prefix: &str) -> String {
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.subsec_nanos())
        .unwrap_or(0);
    format!("{prefix}_{}_{n}_{nanos}", std::process::id())
}

impl TestDb {
    /// A fresh SQLite file in the temporary directory.
    pub async fn sqlite() -> Result<TestDb> {
        let path = std::env::temp_dir().join(format!("{}.sqlite", unique("kp_test")));
        let url = format!("sqlite://{}?mode=rwc", path.display());
        let store = Store::connect(&url).await?;
        store.migrate().await?;
        Ok(TestDb {
            store,
            url,
            cleanup: Cleanup::File(path),
        })
    }

    /// A fresh PostgreSQL database, or `None` when no server is configured.
    pub async fn postgres() -> Result<Option<TestDb>> {
        let Ok(admin_url) = std::env::var(PG_ENV) else {
            return Ok(None);
        };
        let name = unique("kp_test");
        let admin = Store::connect(&admin_url).await?;
        sqlx::query(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}")))
            .execute(&admin.pool)
            .await?;
        admin.close().await;
        let url = match admin_url.rfind('/') {
            Some(i) if i > "postgres://".len() => {
                let query = admin_url.find('?').map(|q| &admin_url[q..]).unwrap_or("");
                format!("{}/{name}{query}", &admin_url[..i])
            }
            _ => format!("{admin_url}/{name}"),
        };
        let store = Store::connect(&url).await?;
        store.migrate().await?;
        Ok(Some(TestDb {
            store,
            url,
            cleanup: Cleanup::Database { admin_url, name },
        }))
    }

    /// SQLite always, PostgreSQL when configured: the backends a test runs on.
    pub async fn all() -> Result<Vec<TestDb>> {
        let mut dbs = vec![TestDb::sqlite().await?];
        if let Some(pg) = TestDb::postgres().await? {
            dbs.push(pg);
        }
        Ok(dbs)
    }
}

impl Drop for TestDb {
    fn drop(&mut self) {
        match &self.cleanup {
            Cleanup::File(path) => {
                for suffix in ["", "-wal", "-shm"] {
                    let mut p = path.clone().into_os_string();
                    p.push(suffix);
                    let _ = std::fs::remove_file(PathBuf::from(p));
                }
            }
            Cleanup::Database { admin_url, name } => {
                // Dropping needs async I/O, which Drop cannot await; a small
                // thread with its own runtime does it without blocking the
                // caller's runtime.
                let (admin_url, name) = (admin_url.clone(), name.clone());
                // The pool's connections belong to the test's runtime, which
                // is blocked here; FORCE ends them from the server side.
                let _ = std::thread::spawn(move || {
                    let Ok(rt) = tokio_rt() else { return };
                    rt.block_on(async move {
                        if let Ok(admin) = Store::connect(&admin_url).await {
                            let _ = sqlx::query(sqlx::AssertSqlSafe(format!(
                                "DROP DATABASE IF EXISTS {name} WITH (FORCE)"
                            )))
                            .execute(&admin.pool)
                            .await;
                            admin.close().await;
                        }
                    });
                })
                .join();
            }
        }
    }
}

fn tokio_rt() -> std::io::Result<tokio::runtime::Runtime> {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
}

/// The directory's writes, each in a transaction of its own, for tests
/// that set up data without the app (which writes through [`crate::Tx`]
/// together with an audit entry).
#[allow(async_fn_in_trait, missing_docs)]
pub trait DirectWrites {
    async fn create_organization(&self, o: &Organization) -> Result<()>;
    async fn update_organization(&self, slug: &Slug, o: &Organization) -> Result<()>;
    async fn delete_organization(&self, slug: &Slug) -> Result<()>;
    async fn create_network(&self, n: &Network) -> Result<()>;
    async fn update_network(&self, slug: &Slug, n: &Network) -> Result<()>;
    async fn delete_network(&self, slug: &Slug) -> Result<()>;
    async fn create_cohort(&self, c: &Cohort) -> Result<()>;
    async fn update_cohort(&self, network: &Slug, slug: &Slug, c: &Cohort) -> Result<()>;
    async fn delete_cohort(&self, network: &Slug, slug: &Slug) -> Result<()>;
    async fn create_membership(&self, m: &Membership) -> Result<i64>;
    async fn update_membership(&self, id: i64, m: &Membership) -> Result<()>;
    async fn delete_membership(&self, id: i64) -> Result<()>;
    async fn create_cooperation(&self, c: &Cooperation) -> Result<i64>;
    async fn update_cooperation(&self, id: i64, c: &Cooperation) -> Result<()>;
    async fn delete_cooperation(&self, id: i64) -> Result<()>;
}

/// Runs one write in its own transaction.
macro_rules! in_tx {
    ($store:expr, |$tx:ident| $body:expr) => {{
        let mut $tx = $store.begin().await?;
        let out = $body.await?;
        $tx.commit().await?;
        Ok(out)
    }};
}

impl DirectWrites for Store {
    async fn create_organization(&self, o: &Organization) -> Result<()> {
        in_tx!(self, |tx| tx.create_organization(o))
    }
    async fn update_organization(&self, slug: &Slug, o: &Organization) -> Result<()> {
        in_tx!(self, |tx| tx.update_organization(slug, o))
    }
    async fn delete_organization(&self, slug: &Slug) -> Result<()> {
        in_tx!(self, |tx| tx.delete_organization(slug))
    }
    async fn create_network(&self, n: &Network) -> Result<()> {
        in_tx!(self, |tx| tx.create_network(n))
    }
    async fn update_network(&self, slug: &Slug, n: &Network) -> Result<()> {
        in_tx!(self, |tx| tx.update_network(slug, n))
    }
    async fn delete_network(&self, slug: &Slug) -> Result<()> {
        in_tx!(self, |tx| tx.delete_network(slug))
    }
    async fn create_cohort(&self, c: &Cohort) -> Result<()> {
        in_tx!(self, |tx| tx.create_cohort(c))
    }
    async fn update_cohort(&self, network: &Slug, slug: &Slug, c: &Cohort) -> Result<()> {
        in_tx!(self, |tx| tx.update_cohort(network, slug, c))
    }
    async fn delete_cohort(&self, network: &Slug, slug: &Slug) -> Result<()> {
        in_tx!(self, |tx| tx.delete_cohort(network, slug))
    }
    async fn create_membership(&self, m: &Membership) -> Result<i64> {
        in_tx!(self, |tx| tx.create_membership(m))
    }
    async fn update_membership(&self, id: i64, m: &Membership) -> Result<()> {
        in_tx!(self, |tx| tx.update_membership(id, m))
    }
    async fn delete_membership(&self, id: i64) -> Result<()> {
        in_tx!(self, |tx| tx.delete_membership(id))
    }
    async fn create_cooperation(&self, c: &Cooperation) -> Result<i64> {
        in_tx!(self, |tx| tx.create_cooperation(c))
    }
    async fn update_cooperation(&self, id: i64, c: &Cooperation) -> Result<()> {
        in_tx!(self, |tx| tx.update_cooperation(id, c))
    }
    async fn delete_cooperation(&self, id: i64) -> Result<()> {
        in_tx!(self, |tx| tx.delete_cooperation(id))
    }
}

/// The account writes, each in a transaction of its own, for tests of the
/// store that race them against each other.
#[allow(async_fn_in_trait, missing_docs)]
pub trait AccountWrites {
    async fn create_person(&self, p: &NewPerson, admin: bool, now: i64) -> Result<Person>;
    async fn set_password(&self, id: i64, hash: &str) -> Result<()>;
    async fn create_invitation(
        &self,
        token_hash: &str,
        inv: &InvitationRecord,
        invited_by: Option<i64>,
        now: i64,
    ) -> Result<i64>;
    async fn accept_invitation(
        &self,
        token_hash: &str,
        password_hash: &str,
        now: i64,
    ) -> Result<Option<InvitationRecord>>;
    async fn complete_reset(
        &self,
        token_hash: &str,
        password_hash: &str,
        now: i64,
    ) -> Result<Option<i64>>;
}

impl AccountWrites for Store {
    async fn create_person(&self, p: &NewPerson, admin: bool, now: i64) -> Result<Person> {
        in_tx!(self, |tx| tx.create_person(p, admin, now))
    }
    async fn set_password(&self, id: i64, hash: &str) -> Result<()> {
        in_tx!(self, |tx| tx.set_password(id, hash))
    }
    async fn create_invitation(
        &self,
        token_hash: &str,
        inv: &InvitationRecord,
        invited_by: Option<i64>,
        now: i64,
    ) -> Result<i64> {
        in_tx!(self, |tx| tx
            .create_invitation(token_hash, inv, invited_by, now))
    }
    async fn accept_invitation(
        &self,
        token_hash: &str,
        password_hash: &str,
        now: i64,
    ) -> Result<Option<InvitationRecord>> {
        in_tx!(self, |tx| tx.accept_invitation(
            token_hash,
            password_hash,
            now
        ))
    }
    async fn complete_reset(
        &self,
        token_hash: &str,
        password_hash: &str,
        now: i64,
    ) -> Result<Option<i64>> {
        in_tx!(self, |tx| tx.complete_reset(token_hash, password_hash, now))
    }
}
