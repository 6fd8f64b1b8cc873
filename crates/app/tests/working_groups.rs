//! Working groups through the use cases, on both backends: coordinators
//! create them (bad input named at its field, nothing written), people of
//! the network join an open group at once and ask to join the others, a
//! lead accepts or declines, a non-lead may not; people of a taking-part
//! organisation see what is shared with the group; who is in it is shown
//! only to those who see the group's items.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use knotenpunkt_app::access::{Actor, Denial, Scope};
use knotenpunkt_app::domain::{NetworkRole, Slug, WorkingGroup};
use knotenpunkt_app::working_groups::{Joined, Standing};
use knotenpunkt_app::{App, AppError, load_demo, testing};
use knotenpunkt_store::testing::TestDb;

fn slug(s: &str) -> Slug {
    s.parse().unwrap()
}

fn group(json: serde_json::Value) -> WorkingGroup {
    serde_json::from_value(json).unwrap()
}

#[tokio::test]
async fn people_join_or_ask_to_join_and_the_leads_decide() {
    for db in TestDb::all().await.unwrap() {
        let app = App::new(db.store.clone());
        load_demo(&app).await.unwrap().unwrap();
        let dir = app.directory(&Actor::anonymous());
        let admin = testing::admin(&dir, "admin@ag.example").await.unwrap();
        let mut actors = Vec::new();
        for (email, org, network, role) in [
            (
                "koordination@ag.example",
                None,
                "ikone-ds",
                Some(NetworkRole::Coordinator),
            ),
            ("leitung@speyer.example", Some("speyer"), "ikone-ds", None),
            ("mitglied@trier.example", Some("trier"), "ikone-ds", None),
            (
                "andere@andernach.example",
                Some("andernach"),
                "ikone-ds",
                None,
            ),
            (
                "fremd@msc.example",
                None,
                "modellprojekte-smart-cities",
                Some(NetworkRole::Coordinator),
            ),
        ] {
            let p = testing::invited(&dir, &admin, email, org, network, role)
                .await
                .unwrap();
            actors.push(dir.actor(&p.person, Scope::Write).await.unwrap());
        }
        let [coordinator, lead, member, _other, outsider] = <[Actor; 5]>::try_from(actors).unwrap();
        let network = slug("ikone-ds");
        let ag = slug("ag-daten");

        // Bad input is named at its field; only coordinators create.
        let bad = group(
            serde_json::json!({"slug": "ag-daten", "name": " ", "leads": ["speyer", "speyer"]}),
        );
        match app
            .working_groups(&coordinator)
            .put_group(&network, &bad)
            .await
            .unwrap_err()
        {
            AppError::Invalid(e) => {
                let fields: Vec<&str> = e.iter().map(|e| e.field.as_str()).collect();
                assert_eq!(fields, ["name", "leads"]);
            }
            e => panic!("{e:?}"),
        }
        let good = group(serde_json::json!({
            "slug": "ag-daten", "name": "AG Datenplattform",
            "purpose": "Offene Daten gemeinsam bereitstellen.",
            "leads": ["speyer"], "organizations": ["andernach"]
        }));
        let e = app
            .working_groups(&lead)
            .put_group(&network, &good)
            .await
            .unwrap_err();
        assert!(matches!(e, AppError::Denied(Denial::Forbidden)), "{e:?}");
        let unknown =
            group(serde_json::json!({"slug": "ag-daten", "name": "AG", "leads": ["atlantis"]}));
        assert!(
            app.working_groups(&coordinator)
                .put_group(&network, &unknown)
                .await
                .is_err()
        );
        assert!(
            app.working_groups(&coordinator)
                .groups(&network)
                .await
                .unwrap()
                .groups
                .is_empty(),
            "a refused group writes nothing"
        );
        app.working_groups(&coordinator)
            .put_group(&network, &good)
            .await
            .unwrap();

        // The list: the lead's and the taking-part organisation's people
        // are in it; the member may ask; the visitor only reads.
        let standing = |a: &Actor| {
            let w = app.working_groups(a);
            let network = network.clone();
            async move { w.groups(&network).await.unwrap().groups[0].standing }
        };
        // Standing comes from the actor built now (groups through the organisation).
        let lead = dir
            .actor(
                &db.store
                    .person_by_email(&"leitung@speyer.example".parse().unwrap())
                    .await
                    .unwrap()
                    .unwrap()
                    .0,
                Scope::Write,
            )
            .await
            .unwrap();
        let other = dir
            .actor(
                &db.store
                    .person_by_email(&"andere@andernach.example".parse().unwrap())
                    .await
                    .unwrap()
                    .unwrap()
                    .0,
                Scope::Write,
            )
            .await
            .unwrap();
        assert_eq!(standing(&lead).await, Standing::Member);
        assert_eq!(standing(&other).await, Standing::Member);
        assert_eq!(standing(&member).await, Standing::MayAsk);
        assert_eq!(standing(&Actor::anonymous()).await, Standing::Outside);
        assert!(
            app.working_groups(&outsider)
                .groups(&network)
                .await
                .unwrap()
                .groups[0]
                .standing
                == Standing::Outside
        );
        // Who is in it by name: not for visitors or outsiders.
        let page = app
            .working_groups(&Actor::anonymous())
            .group(&network, &ag)
            .await
            .unwrap();
        assert!(page.people.is_none() && page.activity.is_empty());
        assert_eq!(page.names[&slug("speyer")], "Speyer");

        // The member asks; a visitor is asked to sign in, an outsider may not.
        let e = app
            .working_groups(&Actor::anonymous())
            .join(&network, &ag)
            .await
            .unwrap_err();
        assert!(matches!(e, AppError::Denied(Denial::SignIn)), "{e:?}");
        assert!(
            app.working_groups(&outsider)
                .join(&network, &ag)
                .await
                .is_err()
        );
        assert_eq!(
            app.working_groups(&member)
                .join(&network, &ag)
                .await
                .unwrap(),
            Joined::Requested
        );
        assert_eq!(standing(&member).await, Standing::Requested);
        let person = db
            .store
            .person_by_email(&"mitglied@trier.example".parse().unwrap())
            .await
            .unwrap()
            .unwrap()
            .0
            .id;
        // Only the leads (and coordinators) see and answer requests.
        let e = app
            .working_groups(&other)
            .decide(&network, &ag, person, true)
            .await
            .unwrap_err();
        assert!(matches!(e, AppError::Denied(Denial::Forbidden)), "{e:?}");
        let page = app
            .working_groups(&lead)
            .group(&network, &ag)
            .await
            .unwrap();
        assert!(page.may_lead);
        assert_eq!(page.requests.len(), 1);
        assert_eq!(page.requests[0].id, person);
        assert!(
            app.working_groups(&other)
                .group(&network, &ag)
                .await
                .unwrap()
                .requests
                .is_empty()
        );
        app.working_groups(&lead)
            .decide(&network, &ag, person, true)
            .await
            .unwrap();
        // Accepting twice finds no request.
        assert!(matches!(
            app.working_groups(&lead)
                .decide(&network, &ag, person, true)
                .await
                .unwrap_err(),
            AppError::Conflict(_)
        ));
        let member = dir
            .actor(&db.store.person(person).await.unwrap(), Scope::Write)
            .await
            .unwrap();
        assert_eq!(standing(&member).await, Standing::Member);
        let page = app
            .working_groups(&member)
            .group(&network, &ag)
            .await
            .unwrap();
        let people: Vec<&str> = page
            .people
            .as_ref()
            .unwrap()
            .iter()
            .map(|p| p.name.as_str())
            .collect();
        assert_eq!(people, ["mitglied@trier.example"]);

        // Leaving; leaving again is a conflict.
        app.working_groups(&member)
            .leave(&network, &ag)
            .await
            .unwrap();
        assert!(matches!(
            app.working_groups(&member)
                .leave(&network, &ag)
                .await
                .unwrap_err(),
            AppError::Conflict(_)
        ));

        // An open group takes people at once.
        let open = group(
            serde_json::json!({"slug": "stammtisch", "name": "Digitaler Stammtisch", "open": true}),
        );
        app.working_groups(&coordinator)
            .put_group(&network, &open)
            .await
            .unwrap();
        assert_eq!(
            app.working_groups(&member)
                .join(&network, &slug("stammtisch"))
                .await
                .unwrap(),
            Joined::Member
        );
        // Every step is in the network's log.
        let log = app
            .administration(&coordinator)
            .audit_log(Some(&network), knotenpunkt_store::Page::ALL)
            .await
            .unwrap();
        let codes: Vec<String> = log.items.iter().map(|e| e.action.clone()).collect();
        for code in [
            "group.create",
            "group.request",
            "group.accept",
            "group.leave",
            "group.join",
        ] {
            assert!(
                codes.iter().any(|c| c == code),
                "{code} missing in {codes:?}"
            );
        }
    }
}
