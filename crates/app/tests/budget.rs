//! The query budget of the meetings' reads: every page-shaped read, every
//! read behind an API GET and every feed runs a fixed number of SQL
//! statements, whatever the number of members, series or meetings. The
//! test counts the statements sqlx logs (target `sqlx::query`) for each
//! read on the demo directory grown to a network of 500 more members with
//! 10 more rotating series, on every backend.
//!
//! One test in its own binary: the counter (`knotenpunkt_app::statements`)
//! is process-wide, and nothing else may run statements while it counts.

// Test code: a failed unwrap is a failed test, which is what it should be.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use chrono::NaiveDate;
use knotenpunkt_app::access::Actor;
use knotenpunkt_app::domain::{Membership, OrgKind, Organization, Role, Series, Slug, State};
use knotenpunkt_app::statements::{Counter, counted};
use knotenpunkt_app::{
    App, FeedLanguage, FeedSettings, Meetings, SeriesFilter, Service, Window, load_demo,
};
use knotenpunkt_store::testing::TestDb;

/// Statements one read may run, on either backend, as the web surface
/// calls it (with the request's change counters). Measured: 4 to 18
/// (the meeting page, the most); what the budget rules out is a statement
/// per member, series or meeting. A new connection's own set-up (SQLite's
/// PRAGMAs) is not counted: it happens once per connection, not per read.
const BUDGET: usize = 20;

/// Members added to the demo's network, and series.
const MEMBERS: usize = 500;
const SERIES: usize = 10;

fn slug(s: &str) -> Slug {
    s.parse().unwrap()
}

/// Asserts `read` stays within the budget, naming it otherwise.
macro_rules! within_budget {
    ($what:expr, $read:expr) => {{
        let (out, n) = counted($read).await;
        eprintln!("{}: {n} statements", $what);
        assert!(
            n <= BUDGET,
            "{} ran {n} statements (budget {BUDGET})",
            $what
        );
        assert!(
            n > 0,
            "{} ran no statement: is the counter listening?",
            $what
        );
        out
    }};
}

/// The demo's network with 500 more members and 10 more rotating series.
async fn grown(db: &TestDb) -> App {
    let app = App::new(db.store.clone());
    load_demo(&app).await.unwrap().unwrap();
    let dir = app.directory(&App::operator());
    let network = slug("modellprojekte-smart-cities");
    for i in 0..MEMBERS {
        let org = slug(&format!("testort-{i:03}"));
        dir.create_organization(&Organization {
            slug: org.clone(),
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
            organization: org,
            network: network.clone(),
            cohort: None,
            role: Role::Member,
            joined_on: None,
            left_on: None,
            source: None,
        })
        .await
        .unwrap();
    }
    let meetings = app.meetings(&App::operator());
    for i in 0..SERIES {
        let s: Series = serde_json::from_value(serde_json::json!({
            "slug": format!("testreihe-{i}"),
            "title": format!("Testreihe {i}"),
            "network": network.as_str(),
            "rule": "FREQ=WEEKLY;BYDAY=TU",
            "start": "2024-01-02T10:00",
            "hosting": "rotation",
        }))
        .unwrap();
        meetings.create_series(&s).await.unwrap();
    }
    app
}

#[tokio::test]
async fn meetings_reads_run_a_fixed_number_of_statements() {
    assert!(Counter::install(), "the only subscriber of this binary");
    for db in TestDb::all().await.unwrap() {
        let app = grown(&db).await;
        let network = slug("modellprojekte-smart-cities");
        let monthly = slug("monatstreffen-staffel-1");
        let weekly = slug("testreihe-3");
        let today = app.today();
        let window = Window::around(today);
        let day = NaiveDate::from_ymd_opt(2026, 1, 29).unwrap();
        let settings = FeedSettings {
            uid_domain: "test.invalid".into(),
            language: FeedLanguage::De,
            today,
            now: app.now(),
        };
        for actor in [Actor::anonymous(), App::operator()] {
            // As the web surface builds it: with the change counters it
            // read once for the request.
            let counters = app.counters().await.unwrap();
            let m = Meetings::for_actor(&app, &actor, Some(counters));
            let list =
                within_budget!("series list", m.series_list(&SeriesFilter::default())).unwrap();
            assert!(list.len() > SERIES);
            within_budget!("series", m.series(&weekly)).unwrap();
            let plan =
                within_budget!("series schedule", m.series_schedule(&weekly, window)).unwrap();
            assert!(plan.rotation.len() > MEMBERS, "the new members rotate");
            within_budget!("exceptions", m.series_exceptions(&monthly)).unwrap();
            within_budget!("meeting", m.meeting(&monthly, day)).unwrap();
            within_budget!("meeting page", m.meeting_page(&monthly, day, 62)).unwrap();
            within_budget!("series page", m.series_page(&weekly)).unwrap();
            let all =
                within_budget!("network meetings", m.network_meetings(&network, window)).unwrap();
            assert!(all.len() > 10 * SERIES);
            within_budget!("host turns", m.host_turns(&slug("testort-007"), today, 5)).unwrap();
            // Twice: the first showing of a feed may save its marks.
            for _ in 0..2 {
                within_budget!("series feed", m.series_feed(&weekly, &settings)).unwrap();
                within_budget!("network feed", m.network_feed(&network, &settings)).unwrap();
            }
        }
        let counters = app.counters().await.unwrap();
        let m = Meetings::for_actor(&app, &App::operator(), Some(counters));
        let edit =
            within_budget!("manage series page", m.managed_series(&network, &weekly)).unwrap();
        assert!(edit.hosts.len() > MEMBERS);
        within_budget!("possible hosts", m.possible_hosts(&network)).unwrap();
    }
}
