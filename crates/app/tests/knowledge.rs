//! Projects, experiences and comments through the use cases, on both
//! backends: who may share for whom, a network-only experience that exists
//! only for the network (lists, pages, comments, search), refused writes
//! that leave nothing behind, and field errors for bad input.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use knotenpunkt_app::access::{Denial, Scope};
use knotenpunkt_app::domain::{
    Experience, FieldOfAction, Language, NetworkRole, Outcome, Project, ProjectStatus, Slug,
    Visibility,
};
use knotenpunkt_app::{
    App, AppError, Directory, ExperienceFilter, ProjectFilter, SearchQuery, load_demo, testing,
};
use knotenpunkt_store::testing::TestDb;

fn slug(s: &str) -> Slug {
    s.parse().unwrap()
}

fn experience(org: &str, visibility: Visibility) -> Experience {
    Experience {
        organization: slug(org),
        project: None,
        network: (visibility != Visibility::Public).then(|| slug("modellprojekte-smart-cities")),
        title: "Parksensoren im Altstadtquartier".into(),
        text: "Die Ultraschallsensoren meldeten bei Regen falsche Werte.".into(),
        outcome: Outcome::Failed,
        differently: Some("Früher mit den Bürgerinnen und Bürgern sprechen.".into()),
        topics: vec![FieldOfAction::Mobility],
        lang: Language::De,
        visibility,
    }
}

fn project(org: &str) -> Project {
    Project {
        slug: None,
        organization: slug(org),
        partners: vec![slug("dfki")],
        network: None,
        title: "Digitales Parkleitsystem".into(),
        summary: "Neue Ansätze für datengetriebene Prozesse erproben.".into(),
        topics: vec![FieldOfAction::Data],
        status: ProjectStatus::Running,
        started: Some("2020".parse().unwrap()),
        ended: None,
        funding: None,
        contacts: Vec::new(),
        links: vec!["https://example.org/living-lab".into()],
        source: None,
        visibility: Visibility::Public,
    }
}

async fn found(app: &App, actor: &knotenpunkt_app::access::Actor, q: &str) -> Vec<String> {
    app.search(actor)
        .search(SearchQuery {
            q: q.to_owned(),
            limit: Some(100),
            ..SearchQuery::default()
        })
        .await
        .unwrap()
        .results
        .hits
        .into_iter()
        .map(|h| h.key)
        .collect()
}

#[tokio::test]
async fn experiences_are_shared_read_and_refused_as_the_policy_says() {
    for db in TestDb::all().await.unwrap() {
        let dir = Directory::new(db.store.clone());
        load_demo(dir.app()).await.unwrap().unwrap();
        let app = dir.app().clone();
        let network = "modellprojekte-smart-cities";
        let admin = testing::admin(&dir, "admin@test.example").await.unwrap();
        let member = testing::invited(
            &dir,
            &admin,
            "member@test.example",
            Some("kaiserslautern"),
            network,
            None,
        )
        .await
        .unwrap();
        let guest = testing::invited(
            &dir,
            &admin,
            "guest@test.example",
            Some("trier"),
            network,
            Some(NetworkRole::Guest),
        )
        .await
        .unwrap();
        let member = dir.actor(&member.person, Scope::Write).await.unwrap();
        let guest = dir.actor(&guest.person, Scope::Write).await.unwrap();
        let admin = dir.actor(&admin.person, Scope::Write).await.unwrap();
        let anonymous = knotenpunkt_app::access::Actor::anonymous();

        // A public project, its slug made from the title; then an
        // experience of it shared with the network only.
        let living_lab = app
            .knowledge(&member)
            .create_project(&project("kaiserslautern"))
            .await
            .unwrap();
        assert_eq!(living_lab.as_str(), "digitales-parkleitsystem");
        let again = app
            .knowledge(&member)
            .create_project(&project("kaiserslautern"))
            .await
            .unwrap();
        assert_eq!(again.as_str(), "digitales-parkleitsystem-2");
        let mut hidden = experience("kaiserslautern", Visibility::Network);
        hidden.project = Some(living_lab.clone());
        let id = app
            .knowledge(&member)
            .create_experience(&hidden)
            .await
            .unwrap();

        let ours = ExperienceFilter {
            organization: Some(slug("kaiserslautern")),
            ..ExperienceFilter::default()
        };
        // The member and the admin see it; a guest of the network and a
        // visitor do not, in lists, pages, project pages and search.
        for reader in [&member, &admin] {
            let k = app.knowledge(reader);
            let list = k.experiences(&ours).await.unwrap();
            assert_eq!(list.len(), 1);
            assert_eq!(list[0].outcome, Outcome::Failed);
            let view = k.experience(id).await.unwrap();
            assert_eq!(view.author, "member@test.example");
            assert_eq!(view.project.unwrap().slug, living_lab);
            assert_eq!(k.project(&living_lab).await.unwrap().experiences.len(), 1);
            assert_eq!(
                found(&app, reader, "Ultraschallsensor").await,
                [format!("experience:{id}")]
            );
        }
        for reader in [&guest, &anonymous] {
            let k = app.knowledge(reader);
            assert!(k.experiences(&ours).await.unwrap().is_empty());
            assert!(matches!(
                k.experience(id).await,
                Err(AppError::NotFound { .. })
            ));
            let page = k.project(&living_lab).await.unwrap();
            assert!(page.experiences.is_empty());
            let projects = k.projects(&ProjectFilter::default()).await.unwrap();
            let lab = projects.iter().find(|p| p.slug == living_lab).unwrap();
            assert_eq!(lab.experiences, 0);
            assert!(found(&app, reader, "Ultraschallsensor").await.is_empty());
            // Commenting on what one cannot see is "not found", like reading.
            assert!(matches!(
                k.comment(id, "Wie habt ihr das gemessen?", true).await,
                Err(AppError::NotFound { .. })
            ));
            assert!(matches!(
                k.delete_experience(id).await,
                Err(AppError::NotFound { .. })
            ));
        }

        // Sharing for another organisation, or with a network one only
        // guests in, is refused and writes nothing.
        let before = app
            .knowledge(&admin)
            .experiences(&ExperienceFilter::default())
            .await
            .unwrap()
            .len();
        let err = app
            .knowledge(&member)
            .create_experience(&experience("ulm", Visibility::Public))
            .await
            .unwrap_err();
        assert!(
            matches!(err, AppError::Denied(Denial::Forbidden)),
            "{err:?}"
        );
        let err = app
            .knowledge(&guest)
            .create_experience(&experience("trier", Visibility::Network))
            .await
            .unwrap_err();
        assert!(
            matches!(err, AppError::Denied(Denial::Forbidden)),
            "{err:?}"
        );
        let err = app
            .knowledge(&anonymous)
            .create_experience(&experience("ulm", Visibility::Public))
            .await
            .unwrap_err();
        assert!(matches!(err, AppError::Denied(Denial::SignIn)), "{err:?}");
        // Bad input names its field; a group the network lacks too.
        let mut bad = experience("kaiserslautern", Visibility::Public);
        bad.topics.clear();
        match app.knowledge(&member).create_experience(&bad).await {
            Err(AppError::Invalid(fields)) => assert_eq!(fields[0].field, "topics"),
            other => panic!("{other:?}"),
        }
        let mut bad = experience("kaiserslautern", Visibility::Group(slug("gibt-es-nicht")));
        bad.network = Some(slug(network));
        match app.knowledge(&member).create_experience(&bad).await {
            Err(AppError::Invalid(fields)) => assert_eq!(fields[0].field, "visibility"),
            other => panic!("{other:?}"),
        }
        let mut bad = experience("kaiserslautern", Visibility::Public);
        bad.project = Some(slug("gibt-es-nicht"));
        match app.knowledge(&member).create_experience(&bad).await {
            Err(AppError::Invalid(fields)) => assert_eq!(fields[0].field, "project"),
            other => panic!("{other:?}"),
        }
        assert_eq!(
            app.knowledge(&admin)
                .experiences(&ExperienceFilter::default())
                .await
                .unwrap()
                .len(),
            before
        );

        // A public experience: everyone reads it; the guest comments and
        // asks; the guest may not change it, the member may.
        let open = app
            .knowledge(&member)
            .create_experience(&experience("kaiserslautern", Visibility::Public))
            .await
            .unwrap();
        let k = app.knowledge(&guest);
        k.comment(open, "Danke für die Offenheit!", false)
            .await
            .unwrap();
        k.comment(open, "Wie habt ihr die Akzeptanz gemessen?", true)
            .await
            .unwrap();
        assert!(matches!(
            k.comment(open, "   ", false).await,
            Err(AppError::Invalid(_))
        ));
        let view = app.knowledge(&anonymous).experience(open).await.unwrap();
        assert_eq!(view.comments.len(), 2);
        assert!(view.comments[1].question);
        assert_eq!(
            view.comments[0].organization.as_ref().unwrap().name,
            "Trier"
        );
        assert!(!view.may_edit && !view.may_comment);
        assert!(matches!(
            k.update_experience(open, &experience("kaiserslautern", Visibility::Public))
                .await,
            Err(AppError::Denied(Denial::Forbidden))
        ));
        let mut changed = experience("kaiserslautern", Visibility::Public);
        changed.outcome = Outcome::Mixed;
        app.knowledge(&member)
            .update_experience(open, &changed)
            .await
            .unwrap();
        assert_eq!(
            app.knowledge(&anonymous)
                .experience(open)
                .await
                .unwrap()
                .experience
                .outcome,
            Outcome::Mixed
        );

        // The author's data download lists what they shared; when their
        // account goes, the report stays under their organisation's name.
        let data = app.accounts(&member).personal_data().await.unwrap();
        assert_eq!(data["experiences"].as_array().unwrap().len(), 2, "{data}");
        app.accounts(&member).delete_account().await.unwrap();
        let view = app.knowledge(&anonymous).experience(open).await.unwrap();
        assert_eq!(view.author, "Kaiserslautern");
        // (From here the admin reads what the member could.)
        let member = admin.clone();

        // Removing the project keeps its experiences; the admin moderates.
        app.knowledge(&admin)
            .delete_project(&living_lab)
            .await
            .unwrap();
        assert_eq!(
            app.knowledge(&member).experience(id).await.unwrap().project,
            None
        );
        app.knowledge(&admin).delete_experience(id).await.unwrap();
        assert!(
            found(&app, &admin, "Ultraschallsensor")
                .await
                .iter()
                .all(|k| *k != format!("experience:{id}"))
        );
        let other = App::new(db.store.clone());
        assert_eq!(
            found(&other, &anonymous, "Ultraschallsensor").await,
            [format!("experience:{open}")]
        );
    }
}
