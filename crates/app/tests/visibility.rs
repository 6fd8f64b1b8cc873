//! Visibility end to end in the use cases: a `group:` item reaches exactly
//! the people named in the group (and admins), not the rest of the network,
//! not guests who are not named, not anonymous readers — in the meeting,
//! in the schedule's counts and in the feed.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use knotenpunkt_app::access::Scope;
use knotenpunkt_app::domain::{NetworkRole, Slug, Visibility};
use knotenpunkt_app::{
    App, Directory, FeedLanguage, FeedSettings, GroupView, Window, load_demo, testing,
};
use knotenpunkt_store::testing::TestDb;

fn slug(s: &str) -> Slug {
    s.parse().unwrap()
}

#[tokio::test]
async fn group_items_reach_only_the_named() {
    for db in TestDb::all().await.unwrap() {
        let dir = Directory::new(db.store.clone());
        load_demo(dir.app()).await.unwrap().unwrap();
        let network = slug("modellprojekte-smart-cities");
        let series = slug("monatstreffen-staffel-1");
        let admin = testing::admin(&dir, "admin@test.example").await.unwrap();
        let admin_actor = dir.actor(&admin.person, Scope::Write).await.unwrap();
        let named = testing::invited(
            &dir,
            &admin,
            "named@test.example",
            None,
            network.as_str(),
            Some(NetworkRole::Guest),
        )
        .await
        .unwrap();
        let unnamed = testing::invited(
            &dir,
            &admin,
            "unnamed@test.example",
            None,
            network.as_str(),
            Some(NetworkRole::Guest),
        )
        .await
        .unwrap();
        // A member of the network through Kaiserslautern, not in the group.
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
        dir.app()
            .administration(&admin_actor)
            .put_group(
                &network,
                &GroupView {
                    slug: slug("vertraulich"),
                    name: "Vertraulicher Kreis".into(),
                    members: vec!["named@test.example".parse().unwrap()],
                },
            )
            .await
            .unwrap();
        // A group must exist in the series' network.
        let date = dir
            .unrestricted()
            .series_schedule(&series, Window::around(dir.app().today()))
            .await
            .unwrap()
            .meetings[0]
            .date;
        let err = dir
            .for_actor(&App::operator())
            .add_agenda_point(
                &series,
                date,
                "x",
                None,
                Some(Visibility::Group(slug("gibt-es-nicht"))),
            )
            .await
            .unwrap_err();
        assert!(err.to_string().contains("visibility"), "{err}");
        dir.for_actor(&App::operator())
            .add_agenda_point(
                &series,
                date,
                "VERTRAULICH: Haushaltslage",
                None,
                Some(Visibility::Group(slug("vertraulich"))),
            )
            .await
            .unwrap();

        let settings = FeedSettings {
            uid_domain: "test.example".into(),
            language: FeedLanguage::De,
            today: dir.app().today(),
            now: chrono::Utc::now(),
        };
        let readers = [
            ("admin", Some(&admin), true),
            ("named guest", Some(&named), true),
            ("unnamed guest", Some(&unnamed), false),
            ("member not named", Some(&member), false),
            ("anonymous", None, false),
        ];
        for (who, session, sees) in readers {
            let view = match session {
                Some(s) => {
                    let actor = dir.actor(&s.person, Scope::Read).await.unwrap();
                    dir.for_actor(&actor)
                }
                None => dir.clone(),
            };
            let meeting = view.meeting(&series, date).await.unwrap();
            let shown = meeting
                .agenda
                .iter()
                .any(|a| a.text.contains("VERTRAULICH"));
            assert_eq!(shown, sees, "{who}: meeting");
            let schedule = view
                .series_schedule(&series, Window::around(dir.app().today()))
                .await
                .unwrap();
            let count = schedule
                .meetings
                .iter()
                .find(|m| m.date == date)
                .unwrap()
                .agenda_points;
            assert_eq!(count, u32::from(sees), "{who}: count");
            let feed = view.series_feed(&series, &settings).await.unwrap();
            assert_eq!(
                feed.replace("\r\n ", "").contains("VERTRAULICH"),
                sees,
                "{who}: feed"
            );
        }
    }
}
