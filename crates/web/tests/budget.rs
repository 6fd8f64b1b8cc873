//! The query budget over HTTP: every meetings page, every series API GET
//! and every feed runs a fixed number of SQL statements, whatever the
//! number of members and series — counted (cold, as the first request
//! after a change) on the demo grown by a network of 500 more members with
//! 10 more rotating series, on every backend. The organisation and network
//! pages, which show meetings next to the directory, are held to the same
//! budget.
//!
//! One test in its own binary: the statement counter is process-wide.

// Test code: a failed unwrap is a failed test, which is what it should be.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::Server;
use knotenpunkt_app::App;
use knotenpunkt_app::domain::{Membership, OrgKind, Organization, Role, Series, State};
use knotenpunkt_app::statements::{Counter, counted};
use knotenpunkt_store::testing::TestDb;
use knotenpunkt_web::WebConfig;
use reqwest::StatusCode;

/// Statements one request may run, including the request's own reads
/// (change counters, the signed-in reader's session). Measured: 5 (a
/// series by the API) to 29 (an organisation page, most of it the
/// directory's part); before the meetings' batch loads, the same pages ran
/// 60 to 1,561.
const BUDGET: usize = 32;

const NETWORK: &str = "modellprojekte-smart-cities";

/// 500 more members and 10 more rotating series for the demo's network.
async fn grow(s: &Server) {
    let dir = s.dir.app().directory(&App::operator());
    for i in 0..500 {
        let org = format!("testort-{i:03}").parse().unwrap();
        dir.create_organization(&Organization {
            slug: org,
            name: format!("Testort {i:03}"),
            kind: OrgKind::Municipality,
            states: vec![State::RP],
            ags: None,
            population: None,
            website: None,
            parts: vec![],
            source: None,
        })
        .await
        .unwrap();
        dir.create_membership(&Membership {
            organization: format!("testort-{i:03}").parse().unwrap(),
            network: NETWORK.parse().unwrap(),
            cohort: None,
            role: Role::Member,
            joined_on: None,
            left_on: None,
            source: None,
        })
        .await
        .unwrap();
    }
    let meetings = s.dir.app().meetings(&App::operator());
    for i in 0..10 {
        let series: Series = serde_json::from_value(serde_json::json!({
            "slug": format!("testreihe-{i}"),
            "title": format!("Testreihe {i}"),
            "network": NETWORK,
            "rule": "FREQ=WEEKLY;BYDAY=TU",
            "start": "2024-01-02T10:00",
            "hosting": "rotation",
        }))
        .unwrap();
        meetings.create_series(&series).await.unwrap();
    }
}

#[tokio::test]
async fn meetings_routes_run_a_fixed_number_of_statements() {
    assert!(Counter::install(), "the only subscriber of this binary");
    for db in TestDb::all().await.unwrap() {
        let s = Server::start(db, WebConfig::default()).await;
        grow(&s).await;
        let coordinator = s
            .coordinator(NETWORK, "Cora Koordination", "cora@knotenpunkt.example")
            .await;
        let anonymous = [
            "/reihen/testreihe-3".to_owned(),
            "/reihen/monatstreffen-staffel-1/2026-01-29".to_owned(),
            format!("/netzwerke/{NETWORK}/kalender"),
            format!("/netzwerke/{NETWORK}"),
            "/organisationen/testort-007".to_owned(),
            "/organisationen/kaiserslautern".to_owned(),
            "/kalender/reihen/testreihe-3.ics".to_owned(),
            format!("/kalender/netzwerke/{NETWORK}.ics"),
            "/api/v1/series".to_owned(),
            "/api/v1/series/testreihe-3".to_owned(),
            "/api/v1/series/testreihe-3/meetings".to_owned(),
            "/api/v1/series/monatstreffen-staffel-1/meetings/2026-01-29".to_owned(),
            "/api/v1/series/monatstreffen-staffel-1/exceptions".to_owned(),
            format!("/api/v1/networks/{NETWORK}/meetings"),
            "/api/v1/organizations/testort-007/host-turns".to_owned(),
        ];
        let signed_in = [
            "/reihen/testreihe-3".to_owned(),
            "/reihen/monatstreffen-staffel-1/2026-01-29".to_owned(),
            format!("/netzwerke/{NETWORK}"),
            "/organisationen/testort-007".to_owned(),
            format!("/netzwerke/{NETWORK}/verwaltung/reihen"),
            format!("/netzwerke/{NETWORK}/verwaltung/reihen/testreihe-3"),
        ];
        let mut over = Vec::new();
        for (path, who) in anonymous
            .iter()
            .map(|p| (p, None))
            .chain(signed_in.iter().map(|p| (p, Some(&coordinator))))
        {
            let (page, n) = counted(s.get(path, who)).await;
            assert_eq!(page.status, StatusCode::OK, "{path}: {}", page.body);
            let reader = if who.is_some() {
                "signed in"
            } else {
                "anonymous"
            };
            eprintln!("{path} ({reader}): {n} statements");
            if n > BUDGET {
                over.push(format!("{path} ({reader}): {n}"));
            }
        }
        assert!(over.is_empty(), "over the budget of {BUDGET}: {over:?}");
        s.stop().await;
    }
}
