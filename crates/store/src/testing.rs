//! Throw-away databases for tests: a fresh SQLite file, and — when
//! `KNOTENPUNKT_TEST_DATABASE_URL` names a PostgreSQL server — a fresh
//! PostgreSQL database, so one test body runs against both backends.

use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};

use crate::{Result, Store};

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
