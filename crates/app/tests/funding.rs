//! Funding calls through the use cases, on both backends: coordinators and
//! admins record them, members and visitors read the open ones by deadline,
//! a refused or invalid write leaves nothing behind, and every change has
//! its audit entry.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::sync::Arc;

use chrono::{NaiveDate, TimeZone, Utc};
use knotenpunkt_app::access::{Actor, Denial, Scope};
use knotenpunkt_app::domain::{FieldOfAction, FundingCall, NetworkRole, OrgKind, Slug, State};
use knotenpunkt_app::{App, AppError, ManualClock, Page, load_demo, testing};
use knotenpunkt_store::testing::TestDb;

fn slug(s: &str) -> Slug {
    s.parse().unwrap()
}

fn day(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn call(slug_: &str, deadline: &str) -> FundingCall {
    FundingCall {
        network: slug("ikone-ds"),
        slug: slug(slug_),
        funder: "Ministerium des Innern und für Sport Rheinland-Pfalz".into(),
        programme: Some("Digitale Dörfer".into()),
        title: format!("Aufruf {slug_}"),
        link: Some("https://www.example.org/aufruf".into()),
        deadline: day(deadline),
        states: vec![State::RP],
        kinds: vec![OrgKind::Municipality, OrgKind::County],
        topics: vec![FieldOfAction::Administration],
        description: Some("Gefördert werden gemeinsame digitale Dienste.".into()),
    }
}

#[tokio::test]
async fn coordinators_record_calls_and_everyone_reads_the_open_ones_by_deadline() {
    for db in TestDb::all().await.unwrap() {
        // Today is 6 December 2026 in Berlin.
        let clock = Arc::new(ManualClock::new(
            Utc.with_ymd_and_hms(2026, 12, 6, 10, 0, 0).unwrap(),
        ));
        let app = App::new(db.store.clone()).with_clock(clock);
        load_demo(&app).await.unwrap().unwrap();
        let dir = app.directory(&Actor::anonymous());
        let network = slug("ikone-ds");
        let admin = testing::admin(&dir, "admin@test.example").await.unwrap();
        let coordinator = testing::invited(
            &dir,
            &admin,
            "koordination@test.example",
            None,
            "ikone-ds",
            Some(NetworkRole::Coordinator),
        )
        .await
        .unwrap();
        let member = testing::invited(
            &dir,
            &admin,
            "member@test.example",
            Some("speyer"),
            "ikone-ds",
            None,
        )
        .await
        .unwrap();
        let other = testing::invited(
            &dir,
            &admin,
            "other@test.example",
            None,
            "modellprojekte-smart-cities",
            Some(NetworkRole::Coordinator),
        )
        .await
        .unwrap();
        let coordinator = dir.actor(&coordinator.person, Scope::Write).await.unwrap();
        let member = dir.actor(&member.person, Scope::Write).await.unwrap();
        let other = dir.actor(&other.person, Scope::Write).await.unwrap();
        let admin = dir.actor(&admin.person, Scope::Write).await.unwrap();

        // The network's coordinator and an admin record calls; the later
        // deadline first, to see the list sort.
        let f = app.funding(&coordinator);
        f.create_call(&network, &call("spaeter", "2027-05-31"))
            .await
            .unwrap();
        f.create_call(&network, &call("heute", "2026-12-06"))
            .await
            .unwrap();
        app.funding(&admin)
            .create_call(&network, &call("vorbei", "2026-12-05"))
            .await
            .unwrap();

        // A member, another network's coordinator: refused, nothing written.
        for outsider in [&member, &other] {
            let e = app
                .funding(outsider)
                .create_call(&network, &call("nein", "2027-01-01"))
                .await
                .map(|_| format!("{outsider:?}"))
                .unwrap_err();
            assert!(matches!(e, AppError::Denied(Denial::Forbidden)), "{e:?}");
            let e = app
                .funding(outsider)
                .delete_call(&network, &slug("spaeter"))
                .await
                .unwrap_err();
            assert!(matches!(e, AppError::Denied(Denial::Forbidden)), "{e:?}");
        }

        // Everyone who sees the network reads the open calls, by deadline:
        // today's deadline still counts, yesterday's does not.
        for reader in [&member, &Actor::anonymous(), &other] {
            let open = app.funding(reader).calls(&network, false).await.unwrap();
            let slugs: Vec<&str> = open.iter().map(|c| c.slug.as_str()).collect();
            assert_eq!(slugs, ["heute", "spaeter"]);
            let all = app.funding(reader).calls(&network, true).await.unwrap();
            let slugs: Vec<&str> = all.iter().map(|c| c.slug.as_str()).collect();
            assert_eq!(slugs, ["vorbei", "heute", "spaeter"]);
        }
        let read = app
            .funding(&member)
            .call(&network, &slug("spaeter"))
            .await
            .unwrap();
        assert_eq!(read, call("spaeter", "2027-05-31"));
        let e = app
            .funding(&member)
            .calls(&slug("gibt-es-nicht"), false)
            .await
            .unwrap_err();
        assert!(matches!(e, AppError::NotFound { .. }), "{e:?}");

        // Bad input is named at its field and leaves nothing behind.
        let mut bad = call("kaputt", "2027-01-01");
        bad.title = String::new();
        bad.link = Some("ftp://example.org".into());
        match f.create_call(&network, &bad).await.unwrap_err() {
            AppError::Invalid(errors) => {
                let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
                assert_eq!(fields, ["title", "link"]);
            }
            e => panic!("{e:?}"),
        }
        let mut elsewhere = call("anderswo", "2027-01-01");
        elsewhere.network = slug("modellprojekte-smart-cities");
        match f.create_call(&network, &elsewhere).await.unwrap_err() {
            AppError::Invalid(errors) => assert_eq!(errors[0].field, "network"),
            e => panic!("{e:?}"),
        }
        match f
            .create_call(&network, &call("heute", "2027-01-01"))
            .await
            .unwrap_err()
        {
            AppError::Conflict(error) => assert_eq!(error.field, "slug"),
            e => panic!("{e:?}"),
        }
        assert_eq!(f.calls(&network, true).await.unwrap().len(), 3);

        // Change and remove; each write is in the network's log.
        let mut moved = call("spaeter", "2027-02-28");
        moved.title = "Aufruf mit neuer Frist".into();
        f.update_call(&network, &slug("spaeter"), &moved)
            .await
            .unwrap();
        assert_eq!(
            f.call(&network, &slug("spaeter")).await.unwrap().deadline,
            day("2027-02-28")
        );
        f.delete_call(&network, &slug("vorbei")).await.unwrap();
        let e = f.call(&network, &slug("vorbei")).await.unwrap_err();
        assert!(matches!(e, AppError::NotFound { .. }), "{e:?}");
        let log = app
            .administration(&admin)
            .audit_log(Some(&network), Page::ALL)
            .await
            .unwrap();
        let entries: Vec<(&str, &str)> = log
            .items
            .iter()
            .filter(|e| e.action.starts_with("funding-call."))
            .map(|e| (e.action.as_str(), e.target.as_str()))
            .collect();
        assert_eq!(
            entries,
            [
                ("funding-call.delete", "vorbei"),
                ("funding-call.update", "spaeter"),
                ("funding-call.create", "vorbei"),
                ("funding-call.create", "heute"),
                ("funding-call.create", "spaeter"),
            ]
        );
    }
}
