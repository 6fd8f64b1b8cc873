//! Counting SQL statements, for the query-budget tests: sqlx logs every
//! statement as a tracing event with target `sqlx::query`; [`Counter`]
//! counts those events process-wide. Install it once per test binary (one
//! counting test per binary, since every thread's statements are counted).

use std::sync::atomic::{AtomicUsize, Ordering};

use tracing::field::{Field, Visit};
use tracing::span::{Attributes, Id, Record};
use tracing::{Event, Metadata, Subscriber};

static STATEMENTS: AtomicUsize = AtomicUsize::new(0);

/// The subscriber that counts statements and ignores everything else.
#[derive(Debug, Clone, Copy, Default)]
pub struct Counter;

impl Counter {
    /// Makes the counter the process' subscriber; false if another one was
    /// installed first.
    pub fn install() -> bool {
        tracing::subscriber::set_global_default(Counter).is_ok()
    }

    /// Statements counted so far.
    pub fn now() -> usize {
        STATEMENTS.load(Ordering::SeqCst)
    }
}

/// Runs `work` and returns its result and the statements it ran.
pub async fn counted<T>(work: impl std::future::Future<Output = T>) -> (T, usize) {
    let before = Counter::now();
    let out = work.await;
    (out, Counter::now().saturating_sub(before))
}

/// The text of a logged statement.
#[derive(Default)]
struct Statement(String);

impl Visit for Statement {
    fn record_str(&mut self, field: &Field, value: &str) {
        if field.name() == "db.statement" {
            value.clone_into(&mut self.0);
        }
    }

    fn record_debug(&mut self, field: &Field, value: &dyn std::fmt::Debug) {
        if field.name() == "db.statement" && self.0.is_empty() {
            self.0 = format!("{value:?}");
        }
    }
}

impl Subscriber for Counter {
    fn enabled(&self, m: &Metadata<'_>) -> bool {
        m.target() == "sqlx::query"
    }

    fn new_span(&self, _: &Attributes<'_>) -> Id {
        Id::from_u64(1)
    }

    fn record(&self, _: &Id, _: &Record<'_>) {}

    fn record_follows_from(&self, _: &Id, _: &Id) {}

    fn event(&self, e: &Event<'_>) {
        if e.metadata().target() != "sqlx::query" {
            return;
        }
        let mut statement = Statement::default();
        e.record(&mut statement);
        let text = statement.0.replace("\\n", " ");
        let text = text.trim().trim_matches('"').trim();
        // A new SQLite connection sets itself up (PRAGMAs, empty
        // statements) once per connection, not once per read.
        if text.is_empty() || text.starts_with("PRAGMA") {
            return;
        }
        STATEMENTS.fetch_add(1, Ordering::SeqCst);
        // KNOTENPUNKT_BUDGET_TRACE=1 prints each statement, to find the one
        // a read should not run.
        if std::env::var_os("KNOTENPUNKT_BUDGET_TRACE").is_some() {
            eprintln!("  SQL {}", text.chars().take(160).collect::<String>());
        }
    }

    fn enter(&self, _: &Id) {}

    fn exit(&self, _: &Id) {}
}
