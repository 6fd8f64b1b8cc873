//! What a signed-in request costs the database to find its person: at
//! most two statements when the session is not held in memory, none when
//! it is. Statements are counted as sqlx reports them (tracing events of
//! target `sqlx::query`); this file holds one test, so the process-wide
//! count is this test's.

// Test code: a failed unwrap is a failed test, which is what it should be.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::sync::atomic::{AtomicU64, Ordering};

use knotenpunkt_app::access::Actor;
use knotenpunkt_app::domain::{Language, NewPerson};
use knotenpunkt_app::{Accounts, App, Service, load_demo};
use knotenpunkt_store::testing::TestDb;
use tracing::field::{Field, Visit};
use tracing::span::{Attributes, Id, Record};
use tracing::{Event, Metadata, Subscriber};

static STATEMENTS: AtomicU64 = AtomicU64::new(0);

/// Counts sqlx's statement events, from every thread (SQLite's
/// connections run on threads of their own).
struct Counter;

impl Subscriber for Counter {
    fn enabled(&self, _: &Metadata<'_>) -> bool {
        true
    }
    fn new_span(&self, _: &Attributes<'_>) -> Id {
        Id::from_u64(1)
    }
    fn record(&self, _: &Id, _: &Record<'_>) {}
    fn record_follows_from(&self, _: &Id, _: &Id) {}
    fn event(&self, e: &Event<'_>) {
        if !e.metadata().target().starts_with("sqlx::query") {
            return;
        }
        // A connection the pool opens sets itself up (SQLite's PRAGMAs);
        // that is the pool's cost, once, not the request's.
        let mut text = Text(String::new());
        e.record(&mut text);
        if !text.0.contains("PRAGMA") {
            STATEMENTS.fetch_add(1, Ordering::SeqCst);
        }
    }
    fn enter(&self, _: &Id) {}
    fn exit(&self, _: &Id) {}
}

/// The fields of an event, as text.
struct Text(String);

impl Visit for Text {
    fn record_debug(&mut self, _: &Field, value: &dyn std::fmt::Debug) {
        self.0.push_str(&format!("{value:?} "));
    }
}

fn counted() -> u64 {
    STATEMENTS.load(Ordering::SeqCst)
}

/// The count once it has stopped moving: SQLite's connection threads
/// report a statement when they finish with it, which may be a moment
/// after its rows reached the caller. Without waiting, a statement could
/// fall outside the window it belongs to (counted as 0, or in the next one).
async fn settled() -> u64 {
    let mut last = counted();
    for _ in 0..100 {
        tokio::time::sleep(std::time::Duration::from_millis(10)).await;
        let now = counted();
        if now == last {
            return now;
        }
        last = now;
    }
    last
}

#[tokio::test]
async fn a_session_is_found_with_two_statements_cold_and_none_held() {
    tracing::subscriber::set_global_default(Counter).unwrap();
    for db in TestDb::all().await.unwrap() {
        let app = App::new(db.store.clone());
        load_demo(&app).await.unwrap().unwrap();
        let invited = app
            .administration(&App::operator())
            .bootstrap_admin(NewPerson {
                name: "Ada Admin".into(),
                email: "ada@example.org".parse().unwrap(),
                organization: Some("trier".parse().unwrap()),
                phone: None,
                function: None,
                language: Language::De,
            })
            .await
            .unwrap();
        let link = invited.link.unwrap();
        let session = app
            .accounts(&Actor::anonymous())
            .accept_invitation(
                link.rsplit('/').next().unwrap(),
                "Schwarzwälder Kirschtorte",
            )
            .await
            .unwrap()
            .unwrap();

        // The counter is process-wide, and work the set-up left running
        // (a mail, a connection the pool opens) may land in a window; it
        // only ever adds. So each cost is the least of three tries, which
        // is still an upper bound of what the lookup itself runs.
        let (mut cold, mut held, mut unknown) = (u64::MAX, u64::MAX, u64::MAX);
        for _ in 0..3 {
            // Another process: nothing held in memory. The counters are
            // read once per request by the surface, before the session.
            let other = App::new(db.store.clone());
            let counters = other.counters().await.unwrap();
            let accounts = Accounts::for_actor(&other, &Actor::anonymous(), Some(counters));

            let before = settled().await;
            let found = accounts.session(&session.token).await.unwrap().unwrap();
            cold = cold.min(settled().await - before);
            assert!(found.actor.is_admin());

            let before = settled().await;
            accounts.session(&session.token).await.unwrap().unwrap();
            held = held.min(settled().await - before);

            let before = settled().await;
            assert!(accounts.session("no-such-cookie").await.unwrap().is_none());
            unknown = unknown.min(settled().await - before);
        }
        assert!(
            cold >= 1,
            "no statement was counted: the counter does not see sqlx"
        );
        assert!(cold <= 2, "{cold} statements to find a session");
        assert_eq!(held, 0, "a held session costs no statement");
        // An unknown cookie costs one.
        assert_eq!(unknown, 1);
    }
}
