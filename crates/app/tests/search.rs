//! Search through the use cases, on both backends: the demo directory is
//! found with German words, what a reader may not see is never found, a
//! change is found at once — also by a second application (another process)
//! on the same database — and bad input is a field error.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use knotenpunkt_app::access::Scope;
use knotenpunkt_app::domain::{NetworkRole, Slug, Visibility};
use knotenpunkt_app::{App, AppError, Directory, SearchQuery, Window, load_demo, testing};
use knotenpunkt_store::testing::TestDb;

fn slug(s: &str) -> Slug {
    s.parse().unwrap()
}

fn query(q: &str) -> SearchQuery {
    SearchQuery {
        q: q.to_owned(),
        limit: Some(100),
        ..SearchQuery::default()
    }
}

async fn keys(app: &App, actor: &knotenpunkt_app::access::Actor, q: &str) -> Vec<String> {
    app.search(actor)
        .search(query(q))
        .await
        .unwrap()
        .results
        .hits
        .into_iter()
        .map(|h| h.key)
        .collect()
}

#[tokio::test]
async fn readers_find_what_they_may_see_and_changes_at_once() {
    for db in TestDb::all().await.unwrap() {
        let dir = Directory::new(db.store.clone());
        load_demo(dir.app()).await.unwrap().unwrap();
        let app = dir.app().clone();
        let anonymous = knotenpunkt_app::access::Actor::anonymous();

        // The directory, with German folding and stemming.
        let found = keys(&app, &anonymous, "Kaiserslautern").await;
        assert!(
            found.contains(&"organization:kaiserslautern".to_owned()),
            "{found:?}"
        );
        let found = keys(&app, &anonymous, "Rheinland-Pfalz").await;
        assert!(found.len() > 3, "{found:?}");

        // A network-only agenda point: members find it, outsiders do not.
        let network = slug("modellprojekte-smart-cities");
        let series = slug("monatstreffen-staffel-1");
        let date = dir
            .unrestricted()
            .series_schedule(&series, Window::around(app.today()))
            .await
            .unwrap()
            .meetings[0]
            .date;
        let admin = testing::admin(&dir, "admin@test.example").await.unwrap();
        let member = testing::invited(
            &dir,
            &admin,
            "member@test.example",
            Some("kaiserslautern"),
            network.as_str(),
            None,
        )
        .await
        .unwrap();
        let guest = testing::invited(
            &dir,
            &admin,
            "guest@test.example",
            None,
            network.as_str(),
            Some(NetworkRole::Guest),
        )
        .await
        .unwrap();
        let member = dir.actor(&member.person, Scope::Read).await.unwrap();
        let guest = dir.actor(&guest.person, Scope::Read).await.unwrap();
        let admin = dir.actor(&admin.person, Scope::Read).await.unwrap();

        // Warm the index first, so the change below must be followed.
        assert!(keys(&app, &member, "Zisternenbewässerung").await.is_empty());
        dir.for_actor(&App::operator())
            .add_agenda_point(
                &series,
                date,
                "Erfahrungen mit der Zisternenbewässerung im Stadtpark",
                None,
                Some(Visibility::Network),
            )
            .await
            .unwrap();
        dir.for_actor(&App::operator())
            .set_minutes(
                &series,
                date,
                "Die Sensoren an den Bäumen meldeten zu spät.",
                Some(Visibility::Network),
            )
            .await
            .unwrap();
        for word in [
            "Zisternenbewässerung",
            "Bewaesserung",
            "Zisternenbewaesserung",
            "Baumsensoren",
        ] {
            let for_member = keys(&app, &member, word).await;
            assert!(!for_member.is_empty(), "member, {word}");
            // The admin finds it too (and may find more: the demo's sample
            // network holds network-only reports the member cannot read).
            let for_admin = keys(&app, &admin, word).await;
            assert!(
                for_member.iter().all(|k| for_admin.contains(k)),
                "admin, {word}: {for_admin:?} lacks some of {for_member:?}"
            );
            assert!(
                keys(&app, &anonymous, word).await.is_empty(),
                "anonymous, {word}"
            );
            assert!(keys(&app, &guest, word).await.is_empty(), "guest, {word}");
        }
        // Totals and facets count only what the reader may see.
        let outsider = app
            .search(&anonymous)
            .search(query("Zisterne"))
            .await
            .unwrap();
        assert_eq!(outsider.results.total, 0);
        assert!(outsider.results.facets.kind.is_empty());

        // Another process on the same database: a second application.
        let other = App::new(db.store.clone());
        assert_eq!(keys(&other, &member, "Zisterne").await.len(), 1);
        dir.for_actor(&App::operator())
            .add_agenda_point(
                &series,
                date,
                "Regenwassermanagement für Schulhöfe",
                None,
                Some(Visibility::Public),
            )
            .await
            .unwrap();
        assert_eq!(keys(&other, &anonymous, "Regenwasser").await.len(), 1);
        assert_eq!(keys(&app, &anonymous, "Schulhof").await.len(), 1);

        // Bad input names the field; an empty query finds nothing.
        let too_long = "a".repeat(501);
        for (bad, field) in [
            (
                SearchQuery {
                    q: too_long,
                    ..SearchQuery::default()
                },
                "q",
            ),
            (
                SearchQuery {
                    q: "x".into(),
                    kinds: vec!["gibt-es-nicht".into()],
                    ..SearchQuery::default()
                },
                "kind",
            ),
            (
                SearchQuery {
                    q: "x".into(),
                    limit: Some(0),
                    ..SearchQuery::default()
                },
                "limit",
            ),
            (
                SearchQuery {
                    q: "x".into(),
                    offset: Some(10_001),
                    ..SearchQuery::default()
                },
                "offset",
            ),
        ] {
            match app.search(&anonymous).search(bad).await {
                Err(AppError::Invalid(problems)) => {
                    assert_eq!(problems[0].field, field, "{problems:?}")
                }
                other => panic!("{field}: expected invalid, got {other:?}"),
            }
        }
        assert_eq!(
            app.search(&anonymous)
                .search(query(""))
                .await
                .unwrap()
                .results
                .total,
            0
        );

        // Rebuilding is for admins and the operator.
        assert!(app.search(&anonymous).rebuild().await.is_err());
        let count = app.search(&App::operator()).rebuild().await.unwrap();
        assert!(count > 50, "{count}");
        assert_eq!(keys(&app, &member, "Zisterne").await.len(), 1);
    }
}

/// Many searches with "Wen fragen?" at once all finish: the advice is a
/// second search, and a search that held its turn while it waited for
/// another would wait for ever once every turn was taken so.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn many_searches_with_advice_at_once_all_finish() {
    let db = TestDb::sqlite().await.unwrap();
    let dir = Directory::new(db.store.clone());
    load_demo(dir.app()).await.unwrap().unwrap();
    let app = dir.app().clone();
    let anonymous = knotenpunkt_app::access::Actor::anonymous();
    let mut all = Vec::new();
    for _ in 0..40 {
        let search = app.search(&anonymous);
        all.push(tokio::spawn(async move {
            search
                .search(SearchQuery {
                    q: "Sensoren".into(),
                    advice: true,
                    ..SearchQuery::default()
                })
                .await
        }));
    }
    let finished = tokio::time::timeout(std::time::Duration::from_secs(60), async {
        let mut advised = 0;
        for task in all {
            let page = task.await.unwrap().unwrap();
            advised += usize::from(!page.advisers.is_empty());
        }
        advised
    })
    .await
    .expect("every search finishes");
    assert_eq!(finished, 40, "each search names whom to ask");
}
