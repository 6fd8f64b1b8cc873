//! The query budget: every page and every API read runs at most
//! [`BUDGET`] SQL statements, whatever the number of members, series or
//! meetings behind it.
//!
//! Each GET route of the route tables (the pages' [`page_routes`] and the
//! API's OpenAPI document) is requested once on the demo directory and once
//! on a synthetic network of 500 members with 10 series and 100 people in
//! one group, anonymously and
//! signed in as an admin (who sees everything, so the most rows). A request
//! is counted cold: the pages' cache is keyed by the address, and every
//! address is new to the server when it is counted. The statements are
//! those sqlx reports (tracing target `sqlx::query`) while the request runs.
//!
//! The budget is 32 statements, and a route on the synthetic network may
//! cost at most 3 more than on the demo: the size of the data must not show
//! in the count. Both leave room for a write that work in the background
//! may land in a request's window (a session's last use, written at most
//! once a minute), since the count is process-wide. Measured when it was set (2026-12-07): 0 (`/healthz`) to 29
//! (an organisation's page: the change counters, the reader's visible
//! networks, the organisation's view by kind of row, and the host turns of
//! every series it takes part in, batched by kind); the same on 500 members
//! as on the demo, except the network feed (17 and 18). Before the batch
//! loads, routes ran up to 1,561. A route over the budget is a loop of
//! queries per row.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use std::collections::BTreeMap;

use common::{Browser, Server};
use knotenpunkt_app::domain::{
    Membership, Network, NewPerson, OrgKind, Organization, Role, State, TokenScope, Visibility,
};
use knotenpunkt_app::statements::{Counter, counted};
use knotenpunkt_app::{DirectoryFile, testing};
use knotenpunkt_store::testing::{AccountWrites, TestDb};
use knotenpunkt_web::{WebConfig, page_routes};
use serde_json::{Value, json};

/// The most statements one request of a page or an API read may run.
const BUDGET: usize = 32;

/// How many more statements the large network may cost than the demo.
const GROWTH: usize = 3;

/// What the addresses of one directory are filled with.
struct Fixture {
    label: &'static str,
    network: String,
    series: String,
    organization: String,
    date: String,
    membership: i64,
    cohort: Option<String>,
    group: Option<String>,
    person: i64,
}

/// The synthetic network: 500 members, 10 rotating series, 100 people
/// with accounts in it, all named in one group.
const SYNTH: &str = "budget-netz";
const SYNTH_MEMBERS: usize = 500;
const SYNTH_SERIES: usize = 10;
const SYNTH_PEOPLE: usize = 100;

fn synthetic() -> DirectoryFile {
    let mut file = DirectoryFile::default();
    let network: knotenpunkt_app::domain::Slug = SYNTH.parse().unwrap();
    for i in 0..SYNTH_MEMBERS {
        let slug: knotenpunkt_app::domain::Slug =
            format!("budget-gemeinde-{i:03}").parse().unwrap();
        file.organizations.push(Organization {
            slug: slug.clone(),
            name: format!("Budgetgemeinde {i:03}"),
            kind: OrgKind::Municipality,
            states: vec![State::ALL[i % State::ALL.len()]],
            ags: None,
            population: Some(1_000 + i as u64),
            website: None,
            parts: Vec::new(),
            source: None,
        });
        file.memberships.push(Membership {
            organization: slug,
            network: network.clone(),
            cohort: None,
            role: if i == 0 {
                Role::Coordinator
            } else {
                Role::Member
            },
            joined_on: Some(
                format!("{}-{:02}", 2015 + i % 10, 1 + i % 12)
                    .parse()
                    .unwrap(),
            ),
            left_on: None,
            source: None,
        });
    }
    file.networks.push(Network {
        slug: network,
        name: "Budgetnetz".into(),
        description: "Ein synthetisches Netzwerk für die Zählung der Abfragen.".into(),
        coordinator: Some("budget-gemeinde-000".parse().unwrap()),
        founded_on: Some("2015".parse().unwrap()),
        visibility: Visibility::Public,
        website: None,
        figures: Vec::new(),
        source: None,
    });
    file
}

async fn api(s: &Server, token: &str, method: &str, path: &str, body: Option<Value>) -> Value {
    let mut req = s
        .client
        .request(method.parse().unwrap(), format!("{}{path}", s.base))
        .bearer_auth(token);
    if let Some(b) = body {
        req = req.json(&b);
    }
    let resp = req.send().await.unwrap();
    let status = resp.status();
    let text = resp.text().await.unwrap();
    assert!(status.is_success(), "{method} {path}: {status} {text}");
    serde_json::from_str(&text).unwrap_or(Value::Null)
}

/// The first meeting date of `series` that is not cancelled.
async fn a_meeting(s: &Server, token: &str, series: &str) -> String {
    let schedule = api(
        s,
        token,
        "GET",
        &format!("/api/v1/series/{series}/meetings?from=2025-01-01&to=2027-12-31"),
        None,
    )
    .await;
    schedule["meetings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["status"] != "cancelled")
        .and_then(|m| m["date"].as_str())
        .expect("a meeting")
        .to_owned()
}

async fn a_membership(s: &Server, token: &str, network: &str) -> i64 {
    let listed = api(
        s,
        token,
        "GET",
        &format!("/api/v1/memberships?network={network}&limit=1"),
        None,
    )
    .await;
    listed["items"][0]["id"].as_i64().expect("a membership")
}

/// The concrete address of `template` for `fx`, or `None` when the
/// fixture has nothing to put there (the synthetic network has no cohort).
fn fill(template: &str, fx: &Fixture, feed_token: &str) -> Option<String> {
    let segments: Vec<&str> = template.split('/').collect();
    let mut out = Vec::with_capacity(segments.len());
    for (i, seg) in segments.iter().enumerate() {
        let Some(param) = seg.strip_prefix('{').and_then(|s| s.strip_suffix('}')) else {
            out.push((*seg).to_owned());
            continue;
        };
        let prev = segments[i - 1];
        let value = match (prev, param) {
            (_, "*rest") => "gibt-es-nicht".to_owned(),
            ("netzwerke", "file") => format!("{}.ics", fx.network),
            ("reihen", "file") => format!("{}.ics", fx.series),
            ("person", "file") => format!("{feed_token}.ics"),
            ("netzwerke" | "networks", "slug" | "network") => fx.network.clone(),
            ("reihen" | "series", "slug" | "series") => fx.series.clone(),
            ("organisationen" | "organizations", "slug" | "organization") => {
                fx.organization.clone()
            }
            (_, "date") => fx.date.clone(),
            ("mitglieder" | "memberships", "id") => fx.membership.to_string(),
            ("staffeln" | "cohorts", "cohort" | "slug") => fx.cohort.clone()?,
            ("rollen", "person") => fx.person.to_string(),
            ("gruppen", "group") => fx.group.clone()?,
            ("einladung" | "neu", "token") => "ausgedacht".to_owned(),
            _ => return None,
        };
        out.push(value);
    }
    Some(out.join("/"))
}

/// Runs one request and answers the statements it cost and its status.
async fn cost(s: &Server, path: &str, who: Option<&Browser>, bearer: Option<&str>) -> (usize, u16) {
    let mut req = s.client.get(format!("{}{path}", s.base));
    if let Some(b) = who {
        req = req.header("cookie", format!("kp_session={}", b.cookie));
    }
    if let Some(t) = bearer {
        req = req.bearer_auth(t);
    }
    let (status, n) = counted(async {
        let resp = req.send().await.unwrap();
        let status = resp.status().as_u16();
        let _ = resp.bytes().await.unwrap();
        status
    })
    .await;
    (n, status)
}

#[tokio::test]
async fn every_read_runs_a_fixed_number_of_statements() {
    assert!(Counter::install(), "another subscriber was installed first");
    let mut over = Vec::new();
    let mut counted = 0;
    for db in TestDb::all().await.unwrap() {
        let backend = db.url.split(':').next().unwrap_or("?").to_owned();
        let s = Server::start(db, WebConfig::default()).await;
        let admin = testing::admin(&s.dir, "admin@knotenpunkt.example")
            .await
            .unwrap();
        let token = testing::token(&s.dir, &admin, TokenScope::Write)
            .await
            .unwrap();
        let browser = Browser {
            cookie: admin.token.clone(),
            csrf: admin.csrf.clone(),
            name: admin.person.name.clone(),
        };
        // The synthetic network, imported as the operator would; its ten
        // series through the API.
        s.dir.import(synthetic()).await.unwrap();
        for k in 0..SYNTH_SERIES {
            api(
                &s,
                &token,
                "POST",
                "/api/v1/series",
                Some(json!({
                    "slug": format!("budget-reihe-{k}"),
                    "network": SYNTH,
                    "title": format!("Budgetreihe {k}"),
                    "rule": "FREQ=WEEKLY;BYDAY=TU",
                    "start": "2025-01-07T17:00",
                    "hosting": "rotation",
                })),
            )
            .await;
        }
        // People of the synthetic network (through their municipality),
        // all in one group.
        let mut emails = Vec::new();
        for i in 0..SYNTH_PEOPLE {
            let email = format!("person-{i:03}@budget.example");
            s.dir
                .store()
                .create_person(
                    &NewPerson {
                        name: format!("Person {i:03}"),
                        email: email.parse().unwrap(),
                        organization: Some(format!("budget-gemeinde-{i:03}").parse().unwrap()),
                        phone: None,
                        function: None,
                        language: Default::default(),
                    },
                    false,
                    0,
                )
                .await
                .unwrap();
            emails.push(email);
        }
        api(
            &s,
            &token,
            "PUT",
            &format!("/api/v1/networks/{SYNTH}/groups/budget-gruppe"),
            Some(json!({"slug": "budget-gruppe", "name": "Budgetgruppe", "members": emails})),
        )
        .await;
        let feed = s.post("/konto/kalender", Some(&browser), &[]).await;
        let feed_token = feed
            .body
            .split("/kalender/person/")
            .nth(1)
            .and_then(|rest| rest.split(".ics").next())
            .expect("the answer shows the personal feed's address")
            .to_owned();

        let fixtures = [
            Fixture {
                label: "demo",
                network: "ikone-ds".into(),
                series: "ikone-ds-netzwerktreffen".into(),
                organization: "kaiserslautern".into(),
                date: a_meeting(&s, &token, "ikone-ds-netzwerktreffen").await,
                membership: a_membership(&s, &token, "ikone-ds").await,
                cohort: None,
                group: None,
                person: admin.person.id,
            },
            Fixture {
                label: "500 members, 10 series",
                network: SYNTH.into(),
                series: "budget-reihe-0".into(),
                organization: "budget-gemeinde-007".into(),
                date: a_meeting(&s, &token, "budget-reihe-0").await,
                membership: a_membership(&s, &token, SYNTH).await,
                cohort: None,
                group: Some("budget-gruppe".into()),
                person: admin.person.id,
            },
        ];
        let pages: Vec<String> = page_routes()
            .into_iter()
            .filter(|r| r.method == "GET")
            .map(|r| r.path)
            .collect();
        let doc = serde_json::to_value(knotenpunkt_web::api::openapi()).unwrap();
        let reads: Vec<String> = doc["paths"]
            .as_object()
            .unwrap()
            .iter()
            .filter(|(_, item)| item.get("get").is_some())
            .map(|(path, _)| path.clone())
            .collect();
        let mut costs: BTreeMap<(String, &str), usize> = BTreeMap::new();
        for fx in &fixtures {
            for template in pages.iter().chain(&reads) {
                let Some(mut path) = fill(template, fx, &feed_token) else {
                    continue;
                };
                // Search with words, so the search itself is counted (and
                // the index follows the writes made above).
                if matches!(template.as_str(), "/suche" | "/api/v1/search") {
                    path = format!("{path}?q={}", fx.network);
                }
                let api_read = template.starts_with("/api/");
                for (who, label) in [(false, "anonymous"), (true, "signed in")] {
                    let (n, status) = match (who, api_read) {
                        (false, _) => cost(&s, &path, None, None).await,
                        (true, false) => cost(&s, &path, Some(&browser), None).await,
                        (true, true) => cost(&s, &path, None, Some(&token)).await,
                    };
                    assert!(status < 500, "{backend} {path} ({label}): {status}");
                    counted += 1;
                    let e = costs.entry((template.clone(), fx.label)).or_default();
                    *e = (*e).max(n);
                    if n > BUDGET {
                        over.push(format!(
                            "{backend} {label} {path} [{}]: {n} statements",
                            fx.label
                        ));
                    }
                }
            }
        }
        for ((template, label), n) in &costs {
            println!("{backend}\t{n}\t{template}\t[{label}]");
        }
        for ((template, label), n) in &costs {
            if *label == "demo"
                && let Some(large) = costs.get(&(template.clone(), fixtures[1].label))
                && *large > n + GROWTH
            {
                over.push(format!(
                    "{backend} {template}: {n} statements on the demo, {large} on 500 members"
                ));
            }
        }
        s.stop().await;
    }
    assert!(counted > 100, "too few requests counted: {counted}");
    assert!(
        Counter::now() > 0,
        "sqlx reported no statement: the counter sees nothing"
    );
    assert!(
        over.is_empty(),
        "over the budget of {BUDGET} statements:\n{}",
        over.join("\n")
    );
}
