//! Funding calls through the use cases, on both backends: coordinators and
//! admins record them, members and visitors read the open ones by deadline,
//! a refused or invalid write leaves nothing behind, and every change has
//! its audit entry.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::sync::Arc;

use chrono::{NaiveDate, TimeZone, Utc};
use knotenpunkt_app::access::{Actor, Denial, Scope};
use knotenpunkt_app::domain::{
    ApplicationStatus, ApplicationTask, FieldOfAction, FundingCall, JointApplication, NetworkRole,
    OrgKind, Slug, State, Visibility,
};
use knotenpunkt_app::{App, AppError, GroupView, ManualClock, Page, load_demo, testing};
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

fn application(slug_: &str, lead: &str, partners: &[&str]) -> JointApplication {
    JointApplication {
        network: slug("ikone-ds"),
        slug: slug(slug_),
        title: format!("Antrag {slug_}"),
        lead: slug(lead),
        partners: partners.iter().map(|p| slug(p)).collect(),
        call: None,
        cooperation: None,
        status: ApplicationStatus::Idea,
        status_on: None,
        description: Some("Eine gemeinsame Datenplattform für die Westpfalz.".into()),
        visibility: Visibility::Network,
    }
}

fn task(org: &str, title: &str, due: &str) -> ApplicationTask {
    ApplicationTask {
        organization: slug(org),
        title: title.into(),
        due: Some(day(due)),
        done: false,
    }
}

fn fields(e: AppError) -> Vec<String> {
    match e {
        AppError::Invalid(errors) => errors.into_iter().map(|e| e.field).collect(),
        e => panic!("{e:?}"),
    }
}

#[tokio::test]
async fn a_joint_application_goes_through_its_statuses_with_the_partners_tasks() {
    for db in TestDb::all().await.unwrap() {
        let clock = Arc::new(ManualClock::new(
            Utc.with_ymd_and_hms(2026, 12, 6, 10, 0, 0).unwrap(),
        ));
        let app = App::new(db.store.clone()).with_clock(clock.clone());
        load_demo(&app).await.unwrap().unwrap();
        let dir = app.directory(&Actor::anonymous());
        let network = slug("ikone-ds");
        let admin = testing::admin(&dir, "admin@test.example").await.unwrap();
        let mut people = Vec::new();
        for (email, org, network, role) in [
            (
                "lead@test.example",
                Some("kaiserslautern"),
                "ikone-ds",
                None,
            ),
            ("partner@test.example", Some("speyer"), "ikone-ds", None),
            ("bystander@test.example", Some("trier"), "ikone-ds", None),
            (
                "other@test.example",
                None,
                "modellprojekte-smart-cities",
                Some(NetworkRole::Coordinator),
            ),
        ] {
            let p = testing::invited(&dir, &admin, email, org, network, role)
                .await
                .unwrap();
            people.push(dir.actor(&p.person, Scope::Write).await.unwrap());
        }
        let [lead, partner, bystander, other] = <[Actor; 4]>::try_from(people).unwrap();
        let admin = dir.actor(&admin.person, Scope::Write).await.unwrap();
        app.funding(&admin)
            .create_call(&network, &call("aufruf", "2027-03-31"))
            .await
            .unwrap();

        // The lead's people record it; another organisation's people cannot
        // record one in the lead's name, an outsider not at all.
        let mut a = application("datenplattform", "kaiserslautern", &["speyer"]);
        a.call = Some(slug("aufruf"));
        let e = app
            .funding(&partner)
            .create_application(&network, &a)
            .await
            .unwrap_err();
        assert!(matches!(e, AppError::Denied(Denial::Forbidden)), "{e:?}");
        let e = app
            .funding(&other)
            .create_application(&network, &a)
            .await
            .unwrap_err();
        assert!(matches!(e, AppError::Denied(Denial::Forbidden)), "{e:?}");
        let f = app.funding(&lead);
        f.create_application(&network, &a).await.unwrap();

        // Bad input is named at its field and leaves nothing behind.
        let mut bad = application("kaputt", "kaiserslautern", &["kaiserslautern"]);
        bad.visibility = Visibility::Public;
        assert_eq!(
            fields(f.create_application(&network, &bad).await.unwrap_err()),
            ["partners", "visibility"]
        );
        let mut bad = application("kaputt", "kaiserslautern", &["gibt-es-nicht"]);
        bad.call = Some(slug("kein-aufruf"));
        assert!(f.create_application(&network, &bad).await.is_err());
        let mut bad = application("kaputt", "kaiserslautern", &[]);
        bad.status_on = Some(day("2027-01-01"));
        assert_eq!(
            fields(f.create_application(&network, &bad).await.unwrap_err()),
            ["status_on"]
        );
        let mut bad = application("kaputt", "kaiserslautern", &[]);
        bad.visibility = Visibility::Group(slug("keine-gruppe"));
        assert_eq!(
            fields(f.create_application(&network, &bad).await.unwrap_err()),
            ["visibility"]
        );
        assert_eq!(f.applications(&network).await.unwrap().len(), 1);

        // The network sees it, an outsider does not even learn it exists.
        for reader in [&partner, &bystander] {
            let list = app.funding(reader).applications(&network).await.unwrap();
            assert_eq!(list.len(), 1);
            assert_eq!(list[0].application.call, Some(slug("aufruf")));
        }
        assert!(
            app.funding(&other)
                .applications(&network)
                .await
                .unwrap()
                .is_empty()
        );
        let e = app
            .funding(&Actor::anonymous())
            .application(&network, &slug("datenplattform"))
            .await
            .unwrap_err();
        assert!(matches!(e, AppError::NotFound { .. }), "{e:?}");

        // Tasks: the lead assigns them, the partner ticks off its own, a
        // bystander touches none, and only organisations taking part get
        // one.
        let loi = f
            .add_task(
                &network,
                &a.slug,
                &task("speyer", "Letter of Intent einholen", "2027-01-15"),
            )
            .await
            .unwrap();
        let own = app
            .funding(&partner)
            .add_task(
                &network,
                &a.slug,
                &task("speyer", "Kostenplan Speyer", "2027-01-10"),
            )
            .await
            .unwrap();
        let e = app
            .funding(&partner)
            .add_task(
                &network,
                &a.slug,
                &task("kaiserslautern", "Antrag schreiben", "2027-02-01"),
            )
            .await
            .unwrap_err();
        assert!(matches!(e, AppError::Denied(Denial::Forbidden)), "{e:?}");
        let e = app
            .funding(&bystander)
            .delete_task(&network, &a.slug, loi)
            .await
            .unwrap_err();
        assert!(matches!(e, AppError::Denied(Denial::Forbidden)), "{e:?}");
        assert_eq!(
            fields(
                f.add_task(&network, &a.slug, &task("trier", "Mitmachen", "2027-01-01"))
                    .await
                    .unwrap_err()
            ),
            ["organization"]
        );
        let mut done = task("speyer", "Letter of Intent einholen", "2027-01-15");
        done.done = true;
        app.funding(&partner)
            .update_task(&network, &a.slug, loi, &done)
            .await
            .unwrap();
        let e = f
            .update_task(&network, &a.slug, 999_999, &done)
            .await
            .unwrap_err();
        assert!(matches!(e, AppError::NotFound { .. }), "{e:?}");

        // Through its statuses: each step keeps its day; a decision needs a
        // submission, and nothing follows a decision.
        let mut next = a.clone();
        next.status = ApplicationStatus::Granted;
        assert_eq!(
            fields(
                f.update_application(&network, &a.slug, &next)
                    .await
                    .unwrap_err()
            ),
            ["status"]
        );
        let e = app
            .funding(&partner)
            .update_application(&network, &a.slug, &next)
            .await
            .unwrap_err();
        assert!(matches!(e, AppError::Denied(Denial::Forbidden)), "{e:?}");
        for (status, on) in [
            (ApplicationStatus::Preparing, "2026-12-06"),
            (ApplicationStatus::Submitted, "2027-01-20"),
            (ApplicationStatus::Granted, "2027-04-02"),
        ] {
            clock.set(Utc.from_utc_datetime(&day(on).and_hms_opt(9, 0, 0).unwrap()));
            next.status = status;
            f.update_application(&network, &a.slug, &next)
                .await
                .unwrap();
        }
        next.status = ApplicationStatus::Withdrawn;
        assert_eq!(
            fields(
                f.update_application(&network, &a.slug, &next)
                    .await
                    .unwrap_err()
            ),
            ["status"]
        );
        let r = f.application(&network, &a.slug).await.unwrap();
        let steps: Vec<(ApplicationStatus, String)> = r
            .history
            .iter()
            .map(|s| (s.status, s.on.to_string()))
            .collect();
        assert_eq!(
            steps,
            [
                (ApplicationStatus::Idea, "2026-12-06".to_owned()),
                (ApplicationStatus::Preparing, "2026-12-06".to_owned()),
                (ApplicationStatus::Submitted, "2027-01-20".to_owned()),
                (ApplicationStatus::Granted, "2027-04-02".to_owned()),
            ]
        );
        assert_eq!(r.application.status, ApplicationStatus::Granted);
        assert_eq!(r.application.status_on, Some(day("2027-04-02")));
        let tasks: Vec<(i64, bool)> = r.tasks.iter().map(|t| (t.id, t.done)).collect();
        assert_eq!(tasks, [(own, false), (loi, true)], "by due date");

        // The page says who may do what.
        let page = app
            .funding(&partner)
            .application_page(&network, &a.slug)
            .await
            .unwrap();
        assert!(!page.may_change);
        assert_eq!(page.tasks_for, [slug("speyer")]);
        assert_eq!(page.call.map(|c| c.slug), Some(slug("aufruf")));
        assert!(
            app.funding(&partner)
                .application_form(&network)
                .await
                .is_ok()
        );
        let e = app
            .funding(&other)
            .application_form(&network)
            .await
            .unwrap_err();
        assert!(matches!(e, AppError::Denied(Denial::Forbidden)), "{e:?}");
        let e = app
            .funding(&Actor::anonymous())
            .application_form(&network)
            .await
            .unwrap_err();
        assert!(matches!(e, AppError::Denied(Denial::SignIn)), "{e:?}");

        // A group's application is for the group (and the coordinators).
        let mut hidden = application("nur-gruppe", "kaiserslautern", &[]);
        app.administration(&admin)
            .put_group(
                &network,
                &GroupView {
                    slug: slug("ag-daten"),
                    name: "AG Daten".into(),
                    members: vec!["lead@test.example".parse().unwrap()],
                },
            )
            .await
            .unwrap();
        hidden.visibility = Visibility::Group(slug("ag-daten"));
        f.create_application(&network, &hidden).await.unwrap();
        assert_eq!(
            app.funding(&bystander)
                .applications(&network)
                .await
                .unwrap()
                .len(),
            1
        );
        assert_eq!(
            app.funding(&admin)
                .applications(&network)
                .await
                .unwrap()
                .len(),
            2
        );

        // Removing it takes history and tasks along; every write is logged.
        f.delete_application(&network, &a.slug).await.unwrap();
        let log = app
            .administration(&admin)
            .audit_log(Some(&network), Page::ALL)
            .await
            .unwrap();
        let mut entries: Vec<&str> = log
            .items
            .iter()
            .filter(|e| e.action.starts_with("application"))
            .map(|e| e.action.as_str())
            .collect();
        entries.sort_unstable();
        assert_eq!(
            entries,
            [
                "application-task.create",
                "application-task.create",
                "application-task.update",
                "application.create",
                "application.create",
                "application.delete",
                "application.update",
                "application.update",
                "application.update",
            ]
        );
    }
}
