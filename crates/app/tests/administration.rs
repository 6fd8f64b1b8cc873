//! The services of accounts and administration decide and record
//! themselves: a write the policy refuses leaves no trace in the audit log,
//! one it allows leaves exactly one entry, written with the change.

// Test code: a failed unwrap is a failed test, which is what it should be.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use knotenpunkt_app::access::{Actor, Denial};
use knotenpunkt_app::domain::{Language, NetworkRole, NewPerson, Slug};
use knotenpunkt_app::{App, AppError, GroupView, NewSession, Page, load_demo};
use knotenpunkt_store::testing::TestDb;

const PASSWORD: &str = "Schwarzwälder Kirschtorte";

fn slug(s: &str) -> Slug {
    s.parse().unwrap()
}

/// The demo directory with a first admin, signed in.
async fn demo_with_admin(db: &TestDb) -> (App, NewSession) {
    let app = App::new(db.store.clone());
    load_demo(&app).await.unwrap().unwrap();
    let invited = app
        .administration(&App::operator())
        .bootstrap_admin(NewPerson {
            name: "Ada Admin".into(),
            email: "ada@example.org".parse().unwrap(),
            organization: None,
            phone: None,
            function: None,
            language: Language::De,
        })
        .await
        .unwrap();
    let link = invited.link.unwrap();
    let token = link.rsplit('/').next().unwrap();
    let session = app
        .accounts(&Actor::anonymous())
        .accept_invitation(token, PASSWORD)
        .await
        .unwrap()
        .unwrap();
    (app, session)
}

async fn entries(app: &App) -> u64 {
    app.administration(&App::operator())
        .audit_log(None, Page::ALL)
        .await
        .unwrap()
        .total
}

#[tokio::test]
async fn a_refused_write_leaves_no_entry_and_an_allowed_one_exactly_one() {
    for db in TestDb::all().await.unwrap() {
        let (app, session) = demo_with_admin(&db).await;
        let admin = app
            .accounts(&Actor::anonymous())
            .session(&session.token)
            .await
            .unwrap()
            .unwrap()
            .actor;
        let ikone = slug("ikone-ds");
        let group = GroupView {
            slug: slug("steuerkreis"),
            name: "Steuerkreis".into(),
            members: vec!["ada@example.org".parse().unwrap()],
        };

        // Refused: nobody signed in, and a signed-in outsider.
        let before = entries(&app).await;
        for outsider in [Actor::anonymous(), Actor::signed_in(987_654)] {
            let err = app
                .administration(&outsider)
                .put_group(&ikone, &group)
                .await
                .unwrap_err();
            assert!(
                matches!(err, AppError::Denied(_) | AppError::NotFound { .. }),
                "{err:?}"
            );
            let err = app
                .administration(&outsider)
                .set_network_role(&ikone, session.person.id, Some(NetworkRole::Guest))
                .await
                .unwrap_err();
            assert!(
                matches!(err, AppError::Denied(_) | AppError::NotFound { .. }),
                "{err:?}"
            );
        }
        let err = app
            .accounts(&Actor::anonymous())
            .delete_account()
            .await
            .unwrap_err();
        assert!(matches!(err, AppError::Denied(Denial::SignIn)), "{err:?}");
        assert_eq!(entries(&app).await, before, "a refused write was logged");
        assert!(
            app.administration(&admin)
                .groups(&ikone)
                .await
                .unwrap()
                .is_empty()
        );

        // Allowed: the change and exactly one entry, naming who made it.
        app.administration(&admin)
            .put_group(&ikone, &group)
            .await
            .unwrap();
        assert_eq!(entries(&app).await, before + 1);
        let log = app
            .administration(&admin)
            .audit_log(Some(&ikone), Page::ALL)
            .await
            .unwrap();
        let created: Vec<_> = log
            .items
            .iter()
            .filter(|e| e.action == "group.create")
            .collect();
        assert_eq!(created.len(), 1, "{:?}", log.items);
        assert_eq!(created[0].target, "steuerkreis");
        assert_eq!(created[0].actor, Some(session.person.id));
        assert_eq!(created[0].actor_name, "Ada Admin");
        assert_eq!(
            created[0].detail.as_deref(),
            Some("Steuerkreis: ada@example.org")
        );

        // Saved again, it is an update, again exactly one entry.
        app.administration(&admin)
            .put_group(&ikone, &group)
            .await
            .unwrap();
        assert_eq!(entries(&app).await, before + 2);
        let log = app
            .administration(&admin)
            .audit_log(Some(&ikone), Page::ALL)
            .await
            .unwrap();
        assert_eq!(log.items[0].action, "group.update");
    }
}
