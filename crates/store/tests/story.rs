//! One story of the directory, told to every backend: SQLite always,
//! PostgreSQL when KNOTENPUNKT_TEST_DATABASE_URL is set.

// Test code: a failed unwrap is a failed test, which is what it should be.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use knotenpunkt_domain::{
    Cohort, Cooperation, Membership, Network, OrgKind, Organization, Role, Slug, State,
};
use knotenpunkt_store::testing::{DirectWrites, TestDb};
use knotenpunkt_store::{MembershipFilter, OrgFilter, Page, Store, StoreError};

fn slug(s: &str) -> Slug {
    s.parse().unwrap()
}

fn org(s: &str, name: &str, state: State) -> Organization {
    Organization {
        slug: slug(s),
        name: name.into(),
        kind: OrgKind::Municipality,
        states: vec![state],
        ags: None,
        population: Some(100_000),
        website: Some("https://example.org".into()),
        parts: vec![],
        source: Some("test".into()),
    }
}

async fn story(store: &Store) {
    store
        .create_organization(&org("ulm", "Ulm", State::BW))
        .await
        .unwrap();
    store
        .create_organization(&org("oehringen", "Öhringen", State::BW))
        .await
        .unwrap();
    store
        .create_organization(&org("kiel", "Kiel", State::SH))
        .await
        .unwrap();
    let mut coop = org("twins", "Connected Urban Twins", State::HH);
    coop.kind = OrgKind::Cooperation;
    coop.states = vec![State::HH, State::SN];
    coop.parts = vec![slug("kiel"), slug("ulm")];
    store.create_organization(&coop).await.unwrap();

    // Duplicate slug is a conflict naming the field, and writes nothing.
    let err = store
        .create_organization(&org("ulm", "Ulm 2", State::BW))
        .await
        .unwrap_err();
    assert!(
        matches!(err, StoreError::Conflict { ref field, .. } if field == "slug"),
        "{err}"
    );
    // A part that does not exist is named by its field.
    let mut bad = org("bad", "Bad", State::BW);
    bad.kind = OrgKind::Cooperation;
    bad.parts = vec![slug("nowhere")];
    let err = store.create_organization(&bad).await.unwrap_err();
    assert!(
        matches!(err, StoreError::UnknownReference { ref field, .. } if field == "parts[0]"),
        "{err}"
    );
    assert!(
        store.get_organization(&slug("bad")).await.is_err(),
        "the failed insert must be rolled back"
    );

    // Lists: German order (Ö with O), filters, pagination.
    let all = store
        .list_organizations(&OrgFilter::default(), Page::ALL)
        .await
        .unwrap();
    let names: Vec<_> = all.items.iter().map(|o| o.name.as_str()).collect();
    assert_eq!(names, ["Connected Urban Twins", "Kiel", "Öhringen", "Ulm"]);
    let bw = store
        .list_organizations(
            &OrgFilter {
                state: Some(State::BW),
                ..Default::default()
            },
            Page {
                limit: Some(1),
                offset: 1,
            },
        )
        .await
        .unwrap();
    assert_eq!(bw.total, 2);
    assert_eq!(bw.items[0].name, "Ulm");
    // A page past the end still knows the total; so does an empty list.
    let past = store
        .list_organizations(
            &OrgFilter {
                state: Some(State::BW),
                ..Default::default()
            },
            Page {
                limit: Some(5),
                offset: 10,
            },
        )
        .await
        .unwrap();
    assert_eq!((past.items.len(), past.total), (0, 2));
    let none = store
        .list_organizations(
            &OrgFilter {
                state: Some(State::HB),
                ..Default::default()
            },
            Page::ALL,
        )
        .await
        .unwrap();
    assert_eq!((none.items.len(), none.total), (0, 0));
    let q = store
        .list_organizations(
            &OrgFilter {
                q: Some("öhr".into()),
                ..Default::default()
            },
            Page::ALL,
        )
        .await
        .unwrap();
    assert_eq!(q.items.len(), 1);
    let containing = store
        .list_organizations(
            &OrgFilter {
                containing: Some(slug("kiel")),
                ..Default::default()
            },
            Page::ALL,
        )
        .await
        .unwrap();
    assert_eq!(containing.items[0].slug, slug("twins"));
    let twins = store.get_organization(&slug("twins")).await.unwrap();
    assert_eq!(twins, coop, "states and parts come back in order");

    // Networks, cohorts, memberships.
    let net = Network {
        slug: slug("msc"),
        name: "Modellprojekte".into(),
        description: "d".into(),
        coordinator: Some(slug("ulm")),
        founded_on: Some("2019-07".parse().unwrap()),
        visibility: knotenpunkt_domain::Visibility::Public,
        website: None,
        figures: vec![knotenpunkt_domain::NetworkFigure {
            on: "2021-09".parse().unwrap(),
            members: 29,
            qualifier: knotenpunkt_domain::FigureQualifier::Exact,
            source: "s".into(),
        }],
        source: None,
    };
    store.create_network(&net).await.unwrap();
    assert_eq!(store.get_network(&slug("msc")).await.unwrap(), net);
    let cohort = Cohort {
        network: slug("msc"),
        slug: slug("staffel-1"),
        name: "Staffel 1".into(),
        year: Some(2019),
        motto: None,
        source: None,
    };
    store.create_cohort(&cohort).await.unwrap();
    assert!(store.create_cohort(&cohort).await.is_err());
    let m = Membership {
        organization: slug("kiel"),
        network: slug("msc"),
        cohort: Some(slug("staffel-1")),
        role: Role::Member,
        joined_on: Some("2019-07".parse().unwrap()),
        left_on: None,
        source: None,
    };
    let id = store.create_membership(&m).await.unwrap();
    assert_eq!(store.get_membership(id).await.unwrap().value, m);
    let err = store.create_membership(&m).await.unwrap_err();
    assert!(
        matches!(err, StoreError::Conflict { .. }),
        "second open membership: {err}"
    );
    let err = store
        .create_membership(&Membership {
            cohort: Some(slug("staffel-9")),
            organization: slug("ulm"),
            ..m.clone()
        })
        .await
        .unwrap_err();
    assert!(
        matches!(err, StoreError::UnknownReference { ref field, .. } if field == "cohort"),
        "{err}"
    );
    let listed = store
        .list_memberships(
            &MembershipFilter {
                network: Some(slug("msc")),
                ..Default::default()
            },
            Page::ALL,
        )
        .await
        .unwrap();
    assert_eq!(listed.total, 1);
    assert_eq!(
        store.current_member_counts().await.unwrap()[&slug("msc")],
        1
    );

    // Deleting what is referred to is refused; the network takes its own along.
    assert!(matches!(
        store.delete_organization(&slug("kiel")).await,
        Err(StoreError::InUse(_))
    ));
    assert!(matches!(
        store.delete_cohort(&slug("msc"), &slug("staffel-1")).await,
        Err(StoreError::InUse(_))
    ));

    // Cooperations.
    let k = Cooperation {
        name: "Living Lab".into(),
        partners: vec![slug("ulm"), slug("kiel")],
        topic: "Daten".into(),
        since: Some("2020".parse().unwrap()),
        cadence: Some("monatlich".into()),
        source: None,
    };
    let kid = store.create_cooperation(&k).await.unwrap();
    assert_eq!(
        store.list_cooperations(Some(&slug("kiel"))).await.unwrap()[0].value,
        k
    );
    let k2 = Cooperation {
        topic: "KI".into(),
        ..k.clone()
    };
    store.update_cooperation(kid, &k2).await.unwrap();
    assert_eq!(store.get_cooperation(kid).await.unwrap().value.topic, "KI");
    store.delete_cooperation(kid).await.unwrap();
    assert!(matches!(
        store.get_cooperation(kid).await,
        Err(StoreError::NotFound { .. })
    ));

    // Renaming an organisation's slug keeps its references.
    let mut kiel = store.get_organization(&slug("kiel")).await.unwrap();
    kiel.slug = slug("kiel-sh");
    store
        .update_organization(&slug("kiel"), &kiel)
        .await
        .unwrap();
    assert_eq!(
        store.get_membership(id).await.unwrap().value.organization,
        slug("kiel-sh")
    );
    assert_eq!(
        store.get_organization(&slug("twins")).await.unwrap().parts[0],
        slug("kiel-sh")
    );

    store.delete_network(&slug("msc")).await.unwrap();
    assert!(store.list_cohorts(None).await.unwrap().is_empty());
    assert!(matches!(
        store.get_membership(id).await,
        Err(StoreError::NotFound { .. })
    ));
    assert!(!store.is_empty().await.unwrap());
    store.ping().await.unwrap();
}

#[tokio::test]
async fn directory_story_on_every_backend() {
    for db in TestDb::all().await.unwrap() {
        story(&db.store).await;
    }
}

#[tokio::test]
async fn migrations_are_idempotent() {
    for db in TestDb::all().await.unwrap() {
        db.store.migrate().await.unwrap();
        assert!(db.store.is_empty().await.unwrap());
    }
}
