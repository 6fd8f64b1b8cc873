//! The directory's doors: the app, not the surface, decides who may manage
//! a network, a membership, a profile or the platform, and says on each
//! page what its reader may change.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use knotenpunkt_app::access::{Actor, NetworkRole};
use knotenpunkt_app::domain::Slug;
use knotenpunkt_app::{App, AppError, MembershipFilter, Page, ProfileIntent, load_demo};
use knotenpunkt_store::testing::TestDb;

fn slug(s: &str) -> Slug {
    s.parse().unwrap()
}

#[tokio::test]
async fn doors_open_for_whom_the_policy_says() {
    for db in TestDb::all().await.unwrap() {
        let app = App::new(db.store.clone());
        load_demo(&app).await.unwrap().unwrap();
        let ikone = slug("ikone-ds");
        let msc = slug("modellprojekte-smart-cities");
        let coordinator = Actor::signed_in(7).with_role("ikone-ds", NetworkRole::Coordinator);
        let member = Actor::signed_in(8).with_role("ikone-ds", NetworkRole::Member);
        let editor = Actor::signed_in(9).with_editor_of("kaiserslautern");

        // A network: its coordinators manage it, its members do not.
        let c = app.directory(&coordinator);
        assert_eq!(c.managed_network(&ikone).await.unwrap().slug, ikone);
        let m = app.directory(&member);
        assert!(matches!(
            m.managed_network(&ikone).await,
            Err(AppError::Denied(_))
        ));
        assert!(c.network_page(&ikone).await.unwrap().may_change);
        assert!(!m.network_page(&ikone).await.unwrap().may_change);
        assert!(
            !app.directory(&Actor::anonymous())
                .network_page(&ikone)
                .await
                .unwrap()
                .may_change
        );

        // A membership: found only under its own network's address.
        let all = app.directory(&App::operator());
        let of = |network: &Slug| MembershipFilter {
            network: Some(network.clone()),
            ..Default::default()
        };
        let own = all.memberships(&of(&ikone), Page::ALL).await.unwrap().items[0].id;
        let other = all.memberships(&of(&msc), Page::ALL).await.unwrap().items[0].id;
        assert_eq!(
            c.managed_membership(&ikone, own).await.unwrap().network,
            ikone
        );
        assert!(matches!(
            c.managed_membership(&ikone, other).await,
            Err(AppError::NotFound { .. })
        ));
        assert!(matches!(
            m.managed_membership(&ikone, own).await,
            Err(AppError::Denied(_))
        ));

        // A profile: its editors change it; only admins name editors.
        let e = app.directory(&editor);
        let editable = e
            .editable_organization(&slug("kaiserslautern"), ProfileIntent::Edit)
            .await
            .unwrap();
        assert!(!editable.names_editors);
        assert!(matches!(
            e.editable_organization(&slug("kaiserslautern"), ProfileIntent::NameEditors)
                .await,
            Err(AppError::Denied(_))
        ));
        assert!(matches!(
            e.editable_organization(&slug("aalen"), ProfileIntent::Edit)
                .await,
            Err(AppError::Denied(_))
        ));
        assert!(
            e.organization_page(&slug("kaiserslautern"))
                .await
                .unwrap()
                .may_change
        );
        assert!(
            all.editable_organization(&slug("aalen"), ProfileIntent::NameEditors)
                .await
                .unwrap()
                .names_editors
        );

        // The platform.
        assert!(all.administers_platform().is_ok());
        assert!(c.administers_platform().is_err());
    }
}
