#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! The people of a network as coordinators manage them, and changes that
//! surfaces record in the audit log, against every backend.

use knotenpunkt_app::access::{Actor, Denial, Scope};
use knotenpunkt_app::domain::{NetworkRole, NewPerson, Slug};
use knotenpunkt_app::{App, AppError, Directory, InvitationRequest, Page, load_demo};
use knotenpunkt_store::testing::TestDb;

const PASSWORD: &str = "a-long-password";

fn slug(s: &str) -> Slug {
    s.parse().unwrap()
}

fn person(name: &str, email: &str, organization: Option<&str>) -> NewPerson {
    NewPerson {
        name: name.into(),
        email: email.parse().unwrap(),
        organization: organization.map(slug),
        phone: None,
        function: None,
        language: Default::default(),
    }
}

/// A signed-in person's actor, invited by `by` into `network` with `role`.
async fn invited(
    dir: &Directory,
    by: &Actor,
    p: NewPerson,
    network: &str,
    role: Option<NetworkRole>,
) -> (i64, Actor) {
    let invited = dir
        .app()
        .administration(by)
        .invite(InvitationRequest {
            person: p,
            network: Some(slug(network)),
            role,
            admin: false,
        })
        .await
        .unwrap();
    let token = invited.link.unwrap().rsplit('/').next().unwrap().to_owned();
    let session = dir
        .app()
        .accounts(&Actor::anonymous())
        .accept_invitation(&token, PASSWORD)
        .await
        .unwrap()
        .unwrap();
    let actor = dir.actor(&session.person, Scope::Write).await.unwrap();
    (session.person.id, actor)
}

#[tokio::test]
async fn coordinators_change_roles_given_directly_and_the_log_says_so() {
    for db in TestDb::all().await.unwrap() {
        let dir = Directory::new(db.store.clone());
        load_demo(dir.app()).await.unwrap().unwrap();
        let boot = dir
            .app()
            .administration(&App::operator())
            .bootstrap_admin(person("Ada Admin", "admin@example.org", None))
            .await
            .unwrap();
        let admin = dir.actor(&boot.person, Scope::Write).await.unwrap();
        let ikone = slug("ikone-ds");
        let (clara, coordinator) = invited(
            &dir,
            &admin,
            person("Clara", "clara@example.org", None),
            "ikone-ds",
            Some(NetworkRole::Coordinator),
        )
        .await;
        let (ines, _) = invited(
            &dir,
            &admin,
            person("Ines", "ines@example.org", Some("speyer")),
            "ikone-ds",
            Some(NetworkRole::Member),
        )
        .await;
        let (_, outsider) = invited(
            &dir,
            &admin,
            person("Otto", "otto@example.org", None),
            "modellprojekte-smart-cities",
            Some(NetworkRole::Coordinator),
        )
        .await;

        // Who has a standing, and how.
        let people = dir
            .app()
            .administration(&coordinator)
            .network_people(&ikone)
            .await
            .unwrap();
        let names: Vec<&str> = people.iter().map(|p| p.person.name.as_str()).collect();
        assert_eq!(names, ["Clara", "Ines"]);
        let i = people.iter().find(|p| p.person.id == ines).unwrap();
        assert_eq!(i.through_organization, Some(NetworkRole::Member));
        assert_eq!(i.granted, Some(NetworkRole::Member));
        assert_eq!(i.effective(), Some(NetworkRole::Member));

        // A coordinator grants another role; the log names both.
        dir.app()
            .administration(&coordinator)
            .set_network_role(&ikone, ines, Some(NetworkRole::Coordinator))
            .await
            .unwrap();
        let standing = dir
            .app()
            .administration(&coordinator)
            .network_people(&ikone)
            .await
            .unwrap();
        let i = standing.iter().find(|p| p.person.id == ines).unwrap();
        assert_eq!(i.granted, Some(NetworkRole::Coordinator));
        assert_eq!(i.effective(), Some(NetworkRole::Coordinator));
        let log = dir
            .app()
            .administration(&coordinator)
            .audit_log(
                Some(&ikone),
                Page {
                    limit: Some(1),
                    offset: 0,
                },
            )
            .await
            .unwrap();
        let last = &log.items[0];
        assert_eq!(
            (last.action.as_str(), last.target.as_str()),
            ("role.set", "ines@example.org")
        );
        assert_eq!(last.detail.as_deref(), Some("member → coordinator"));
        assert_eq!(last.actor_name, "Clara");
        // Withdrawing the grant leaves the role through the organisation.
        dir.app()
            .administration(&coordinator)
            .set_network_role(&ikone, ines, None)
            .await
            .unwrap();
        let standing = dir
            .app()
            .administration(&coordinator)
            .network_people(&ikone)
            .await
            .unwrap();
        let i = standing.iter().find(|p| p.person.id == ines).unwrap();
        assert_eq!(
            (i.granted, i.effective()),
            (None, Some(NetworkRole::Member))
        );

        // Not one's own role, not someone without a standing here, not in
        // another network, not anonymously.
        assert!(matches!(
            dir.app()
                .administration(&coordinator)
                .set_network_role(&ikone, clara, None)
                .await,
            Err(AppError::Conflict(_))
        ));
        assert!(matches!(
            dir.app()
                .administration(&coordinator)
                .set_network_role(&ikone, boot.person.id, Some(NetworkRole::Guest))
                .await,
            Err(AppError::NotFound { .. })
        ));
        assert!(matches!(
            dir.app()
                .administration(&outsider)
                .set_network_role(&ikone, ines, Some(NetworkRole::Guest))
                .await,
            Err(AppError::Denied(Denial::Forbidden))
        ));
        assert!(matches!(
            dir.app()
                .administration(&Actor::anonymous())
                .network_people(&ikone)
                .await,
            Err(AppError::Denied(Denial::SignIn))
        ));
        // An admin may change anyone's, their own included.
        dir.app()
            .administration(&admin)
            .set_network_role(&ikone, clara, Some(NetworkRole::Guest))
            .await
            .unwrap();
    }
}

#[tokio::test]
async fn use_cases_record_their_changes_in_the_network_log() {
    for db in TestDb::all().await.unwrap() {
        let dir = Directory::new(db.store.clone());
        load_demo(dir.app()).await.unwrap().unwrap();
        let boot = dir
            .app()
            .administration(&App::operator())
            .bootstrap_admin(person("Ada Admin", "admin@example.org", None))
            .await
            .unwrap();
        let admin = dir.actor(&boot.person, Scope::Write).await.unwrap();
        let ikone = slug("ikone-ds");
        dir.for_actor(&admin)
            .create_cohort(
                &ikone,
                &knotenpunkt_app::domain::Cohort {
                    network: ikone.clone(),
                    slug: slug("staffel-9"),
                    name: "Staffel 9".into(),
                    year: None,
                    motto: None,
                    source: None,
                },
            )
            .await
            .unwrap();
        let log = dir
            .app()
            .administration(&admin)
            .audit_log(Some(&ikone), Page::ALL)
            .await
            .unwrap();
        let e = &log.items[0];
        assert_eq!(
            (e.action.as_str(), e.target.as_str(), e.detail.as_deref()),
            ("cohort.create", "staffel-9", Some("Staffel 9"))
        );
        assert_eq!(e.actor, Some(boot.person.id));
        assert_eq!(e.actor_name, "Ada Admin");
        assert_eq!(e.network, Some(ikone.clone()));
        // Another network's log does not have it.
        let other = dir
            .app()
            .administration(&admin)
            .audit_log(Some(&slug("modellprojekte-smart-cities")), Page::ALL)
            .await
            .unwrap();
        assert!(other.items.iter().all(|e| e.target != "staffel-9"));
    }
}
