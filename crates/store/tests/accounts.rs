//! The store's account guarantees on every backend: single-use links stay
//! single-use when many requests race with them, expired links are refused,
//! and an e-mail address belongs to one person only.

// Test code: a failed unwrap is a failed test, which is what it should be.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use knotenpunkt_domain::{Language, Network, NetworkRole, NewPerson, Person, Slug, Visibility};
use knotenpunkt_store::testing::{AccountWrites, DirectWrites, TestDb};
use knotenpunkt_store::{Backend, InvitationRecord, SessionRecord, Store, StoreError};
use tokio::task::JoinSet;

/// A fixed clock, Unix seconds.
const NOW: i64 = 1_750_000_000;
/// How many requests race for one link.
const RACERS: usize = 8;

fn slug(s: &str) -> Slug {
    s.parse().unwrap()
}

fn new_person(name: &str, email: &str) -> NewPerson {
    NewPerson {
        name: name.into(),
        email: email.parse().unwrap(),
        organization: None,
        phone: None,
        function: None,
        language: Language::De,
    }
}

async fn network(store: &Store, s: &str) {
    store
        .create_network(&Network {
            slug: slug(s),
            name: "Netzwerk".into(),
            description: "Ein Netzwerk für Tests".into(),
            coordinator: None,
            founded_on: None,
            visibility: Visibility::Public,
            website: None,
            figures: vec![],
            source: None,
        })
        .await
        .unwrap();
}

async fn person(store: &Store, name: &str, email: &str) -> Person {
    store
        .create_person(&new_person(name, email), false, NOW)
        .await
        .unwrap()
}

async fn session(store: &Store, id_hash: &str, person: i64) {
    store
        .create_session(
            id_hash,
            &SessionRecord {
                person,
                csrf: format!("csrf-{id_hash}"),
                created_at: NOW,
                last_seen_at: NOW,
            },
        )
        .await
        .unwrap();
}

/// Sorts the racers' answers into (winners, refused, errors). A loser must
/// be refused cleanly; only SQLite, whose writers queue on one lock, may
/// instead answer with a database error (busy), which also means "did not
/// succeed".
fn tally<T: std::fmt::Debug>(
    backend: Backend,
    results: Vec<(usize, Result<Option<T>, StoreError>)>,
) -> (Vec<(usize, T)>, usize, usize) {
    let mut won = Vec::new();
    let (mut refused, mut failed) = (0, 0);
    for (i, r) in results {
        match r {
            Ok(Some(v)) => won.push((i, v)),
            Ok(None) => refused += 1,
            Err(StoreError::Database(e)) if backend == Backend::Sqlite => {
                eprintln!("racer {i} on SQLite: {e}");
                failed += 1;
            }
            Err(e) => panic!("racer {i} on {backend:?} failed: {e}"),
        }
    }
    (won, refused, failed)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn an_invitation_is_accepted_once_however_many_race_for_it() {
    for db in TestDb::all().await.unwrap() {
        let store = &db.store;
        network(store, "netz").await;
        let p = person(store, "Rita Rennen", "rita@example.org").await;
        let id = store
            .create_invitation(
                "einladung",
                &InvitationRecord {
                    id: 0,
                    person: p.id,
                    network: Some(slug("netz")),
                    role: Some(NetworkRole::Coordinator),
                    expires_at: NOW + 3600,
                    used_at: None,
                },
                None,
                NOW,
            )
            .await
            .unwrap();

        let mut racers = JoinSet::new();
        for i in 0..RACERS {
            let store = store.clone();
            racers.spawn(async move {
                let r = store
                    .accept_invitation("einladung", &format!("hash-{i}"), NOW + 10)
                    .await;
                (i, r)
            });
        }
        let results = racers.join_all().await;
        let (won, refused, failed) = tally(store.backend(), results);
        assert_eq!(won.len(), 1, "exactly one racer wins: {won:?}");
        assert_eq!(refused + failed, RACERS - 1);
        let (winner, inv) = &won[0];
        assert_eq!(inv.id, id);
        assert_eq!(inv.person, p.id);
        assert_eq!(inv.used_at, Some(NOW + 10));

        // The winner's password stands; the losers wrote nothing.
        assert_eq!(
            store.password_hash(p.id).await.unwrap(),
            Some(format!("hash-{winner}"))
        );
        assert_eq!(
            store.standing(p.id).await.unwrap().granted,
            [(slug("netz"), NetworkRole::Coordinator)]
        );
        let stored = store.invitation("einladung").await.unwrap().unwrap();
        assert_eq!(stored.used_at, Some(NOW + 10));
        // Later it stays spent.
        assert!(
            store
                .accept_invitation("einladung", "hash-later", NOW + 20)
                .await
                .unwrap()
                .is_none()
        );
        assert_eq!(
            store.password_hash(p.id).await.unwrap(),
            Some(format!("hash-{winner}"))
        );
    }
}

#[tokio::test]
async fn an_expired_invitation_is_refused_and_stays_unused() {
    for db in TestDb::all().await.unwrap() {
        let store = &db.store;
        let p = person(store, "Zora Zuspät", "zora@example.org").await;
        store
            .create_invitation(
                "alt",
                &InvitationRecord {
                    id: 0,
                    person: p.id,
                    network: None,
                    role: None,
                    expires_at: NOW + 60,
                    used_at: None,
                },
                None,
                NOW,
            )
            .await
            .unwrap();
        // Expiry is exclusive: at the instant of expiry the link is dead.
        for at in [NOW + 60, NOW + 3600] {
            assert!(
                store
                    .accept_invitation("alt", "hash", at)
                    .await
                    .unwrap()
                    .is_none()
            );
        }
        assert_eq!(store.password_hash(p.id).await.unwrap(), None);
        assert_eq!(
            store.invitation("alt").await.unwrap().unwrap().used_at,
            None
        );
        assert!(
            store
                .accept_invitation("unbekannt", "hash", NOW)
                .await
                .unwrap()
                .is_none()
        );
        // Just before expiry it still works.
        assert!(
            store
                .accept_invitation("alt", "hash", NOW + 59)
                .await
                .unwrap()
                .is_some()
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_password_reset_is_completed_once_however_many_race_for_it() {
    for db in TestDb::all().await.unwrap() {
        let store = &db.store;
        let p = person(store, "Rolf Rücksetzer", "rolf@example.org").await;
        let other = person(store, "Olga Andere", "olga@example.org").await;
        store.set_password(p.id, "hash-alt").await.unwrap();
        store.set_password(other.id, "hash-olga").await.unwrap();
        session(store, "s1", p.id).await;
        session(store, "s2", p.id).await;
        session(store, "s-olga", other.id).await;
        // Two live links for the same person: using either spends both.
        for token in ["link-a", "link-b"] {
            store
                .create_reset(token, p.id, NOW, NOW + 3600)
                .await
                .unwrap();
        }
        store
            .create_reset("link-olga", other.id, NOW, NOW + 3600)
            .await
            .unwrap();

        let mut racers = JoinSet::new();
        for i in 0..RACERS {
            let store = store.clone();
            let token = if i % 2 == 0 { "link-a" } else { "link-b" };
            racers.spawn(async move {
                let r = store
                    .complete_reset(token, &format!("hash-{i}"), NOW + 10)
                    .await;
                (i, r)
            });
        }
        let results = racers.join_all().await;
        let (won, refused, failed) = tally(store.backend(), results);
        assert_eq!(won.len(), 1, "exactly one racer wins: {won:?}");
        assert_eq!(refused + failed, RACERS - 1);
        let (winner, person_id) = won[0];
        assert_eq!(person_id, p.id);
        assert_eq!(
            store.password_hash(p.id).await.unwrap(),
            Some(format!("hash-{winner}"))
        );
        assert_eq!(store.session_count(p.id).await.unwrap(), 0);
        for token in ["link-a", "link-b"] {
            assert_eq!(store.reset_person(token, NOW + 20).await.unwrap(), None);
            assert_eq!(
                store
                    .complete_reset(token, "hash-later", NOW + 20)
                    .await
                    .unwrap(),
                None
            );
        }
        assert_eq!(
            store.password_hash(p.id).await.unwrap(),
            Some(format!("hash-{winner}"))
        );
        // Another person's link, password and sessions are untouched.
        assert_eq!(
            store.reset_person("link-olga", NOW + 20).await.unwrap(),
            Some(other.id)
        );
        assert_eq!(
            store.password_hash(other.id).await.unwrap().as_deref(),
            Some("hash-olga")
        );
        assert_eq!(store.session_count(other.id).await.unwrap(), 1);
    }
}

#[tokio::test]
async fn a_used_link_does_not_come_back_with_a_new_one() {
    for db in TestDb::all().await.unwrap() {
        let store = &db.store;
        let p = person(store, "Nina Neu", "nina@example.org").await;
        store
            .create_reset("erst", p.id, NOW, NOW + 60)
            .await
            .unwrap();
        // Expired: refused at and after the instant of expiry.
        assert_eq!(
            store
                .complete_reset("erst", "hash-1", NOW + 60)
                .await
                .unwrap(),
            None
        );
        assert_eq!(store.password_hash(p.id).await.unwrap(), None);
        // A fresh link works once; asking again later gives a new link that
        // works, while the spent one stays spent.
        store
            .create_reset("zweit", p.id, NOW + 100, NOW + 200)
            .await
            .unwrap();
        assert_eq!(
            store
                .complete_reset("zweit", "hash-2", NOW + 110)
                .await
                .unwrap(),
            Some(p.id)
        );
        store
            .create_reset("dritt", p.id, NOW + 120, NOW + 300)
            .await
            .unwrap();
        assert_eq!(
            store
                .complete_reset("zweit", "hash-3", NOW + 130)
                .await
                .unwrap(),
            None
        );
        assert_eq!(
            store.password_hash(p.id).await.unwrap().as_deref(),
            Some("hash-2")
        );
        assert_eq!(
            store.reset_person("dritt", NOW + 130).await.unwrap(),
            Some(p.id)
        );
        assert_eq!(
            store
                .complete_reset("dritt", "hash-4", NOW + 140)
                .await
                .unwrap(),
            Some(p.id)
        );
        assert_eq!(
            store.password_hash(p.id).await.unwrap().as_deref(),
            Some("hash-4")
        );
    }
}

#[tokio::test]
async fn an_email_address_belongs_to_one_person() {
    for db in TestDb::all().await.unwrap() {
        let store = &db.store;
        let first = person(store, "Erika Erste", "erika@example.org").await;
        let second = person(store, "Zeno Zweiter", "zeno@example.org").await;

        // The same address, differently spelt, is the same address.
        let err = store
            .create_person(
                &new_person("Erika Doppelt", "Erika@Example.ORG"),
                false,
                NOW,
            )
            .await
            .unwrap_err();
        match err {
            StoreError::Conflict { field, .. } => assert_eq!(field, "email"),
            other => panic!("expected a conflict on email, got {other:?}"),
        }
        let mut tx = store.begin().await.unwrap();
        let err = tx
            .create_person(&new_person("Erika Import", "erika@example.org"), false, NOW)
            .await
            .unwrap_err();
        assert!(
            matches!(&err, StoreError::Conflict { field, .. } if field == "email"),
            "{err:?}"
        );
        drop(tx);
        // Taking another person's address by editing is refused too.
        let err = store
            .update_person(second.id, &new_person("Zeno Zweiter", "erika@example.org"))
            .await
            .unwrap_err();
        assert!(
            matches!(&err, StoreError::Conflict { field, .. } if field == "email"),
            "{err:?}"
        );

        let all = store.list_persons(None, None).await.unwrap();
        let ids: Vec<i64> = all.iter().map(|p| p.id).collect();
        assert_eq!(ids, [first.id, second.id]);
        assert_eq!(
            store.person(second.id).await.unwrap().email.as_str(),
            "zeno@example.org"
        );
        let (found, _) = store
            .person_by_email(&"ERIKA@example.org".parse().unwrap())
            .await
            .unwrap()
            .unwrap();
        assert_eq!(found.id, first.id);
        assert_eq!(found.name, "Erika Erste");
    }
}
