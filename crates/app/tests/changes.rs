//! The change counters: every write raises them in its own transaction,
//! and an application over another connection pool (as another process
//! would have) sees the change on its next read — counters, kept views and
//! all.

// Test code: a failed unwrap is a failed test, which is what it should be.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use knotenpunkt_app::domain::{Membership, OrgKind, Organization, Role, Slug, State};
use knotenpunkt_app::{App, AppError, load_demo};
use knotenpunkt_store::Store;
use knotenpunkt_store::testing::TestDb;

fn slug(s: &str) -> Slug {
    s.parse().unwrap()
}

#[tokio::test]
async fn a_write_through_another_pool_is_seen_on_the_next_read() {
    for db in TestDb::all().await.unwrap() {
        let here = App::new(db.store.clone());
        load_demo(&here).await.unwrap().unwrap();
        // Another "process": its own pool on the same database.
        let there = App::new(Store::connect(&db.url).await.unwrap());
        let reader = here.directory(&knotenpunkt_app::access::Actor::anonymous());
        let network = slug("ikone-ds");

        let before = here.counters().await.unwrap();
        let page = reader.network_page(&network).await.unwrap();
        // Kept: asking again answers from memory, the same.
        assert_eq!(
            reader.network_page(&network).await.unwrap().member_count,
            page.member_count
        );

        there
            .directory(&App::operator())
            .create_membership(&Membership {
                organization: slug("aalen"),
                network: network.clone(),
                cohort: None,
                role: Role::Member,
                joined_on: None,
                left_on: None,
                source: None,
            })
            .await
            .unwrap();

        let after = here.counters().await.unwrap();
        assert!(after.directory > before.directory, "{before:?} → {after:?}");
        assert!(
            after.accounts > before.accounts,
            "a membership changes roles"
        );
        assert_eq!(
            reader.network_page(&network).await.unwrap().member_count,
            page.member_count + 1,
            "the kept view was used after another process changed it"
        );
    }
}

#[tokio::test]
async fn a_refused_or_failed_write_changes_nothing_and_logs_nothing() {
    for db in TestDb::all().await.unwrap() {
        let app = App::new(db.store.clone());
        load_demo(&app).await.unwrap().unwrap();
        let before = app.counters().await.unwrap();
        let audit = |app: &App| {
            let app = app.clone();
            async move {
                app.administration(&App::operator())
                    .audit_log(None, knotenpunkt_app::Page::ALL)
                    .await
                    .unwrap()
                    .total
            }
        };
        let entries = audit(&app).await;
        let org = Organization {
            slug: slug("neustadt"),
            name: "Neustadt".into(),
            kind: OrgKind::Municipality,
            states: vec![State::RP],
            ags: None,
            population: None,
            website: None,
            parts: vec![],
            source: None,
        };
        // Nobody signed in: refused before anything is written.
        let anonymous = app.directory(&knotenpunkt_app::access::Actor::anonymous());
        assert!(matches!(
            anonymous.create_organization(&org).await,
            Err(AppError::Denied(_))
        ));
        // A taken slug: the store refuses inside the transaction.
        let operator = app.directory(&App::operator());
        let taken = Organization {
            slug: slug("kaiserslautern"),
            ..org.clone()
        };
        assert!(matches!(
            operator.create_organization(&taken).await,
            Err(AppError::Conflict(_))
        ));
        assert_eq!(app.counters().await.unwrap(), before);
        assert_eq!(audit(&app).await, entries);

        // Done: one entry, one raise.
        operator.create_organization(&org).await.unwrap();
        assert_eq!(audit(&app).await, entries + 1);
        assert_eq!(
            app.counters().await.unwrap().directory,
            before.directory + 1
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn many_readers_at_once_share_reads_and_agree() {
    let db = TestDb::sqlite().await.unwrap();
    let app = App::new(db.store.clone());
    let expected = app.counters().await.unwrap();
    let readers: Vec<_> = (0..200)
        .map(|_| {
            let app = app.clone();
            tokio::spawn(async move { app.counters().await })
        })
        .collect();
    for r in readers {
        assert_eq!(r.await.unwrap().unwrap(), expected);
    }
}
