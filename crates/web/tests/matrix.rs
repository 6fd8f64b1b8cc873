//! The authorisation matrix: every API route × {anonymous, guest, member of
//! another network, member, coordinator, admin} with the expected answer.
//!
//! The routes come from the OpenAPI document, which is generated from the
//! handlers, and each must have a rule in [`RULES`]: a new route without one
//! fails the test, and so does a rule for a route that is gone. Every call
//! carries a body the route accepts, so a refusal is the policy's and not a
//! 422 from the parser; destructive calls are aimed at throwaway entities
//! made for each actor, so an allowed delete cannot break a later row.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use std::collections::BTreeSet;
use std::fmt::Write as _;

use knotenpunkt_app::domain::{NetworkRole, TokenScope};
use knotenpunkt_app::testing;
use knotenpunkt_app::{App, load_demo};
use knotenpunkt_store::testing::TestDb;
use knotenpunkt_web::{AppState, WebConfig, serve};
use reqwest::{Client, Method, StatusCode};
use serde_json::{Value, json};

use common::actors::{ACTORS, Who};

/// The network the matrix is about.
const NETWORK: &str = "ikone-ds";
/// Its coordinating organisation.
const COORDINATOR_ORG: &str = "kaiserslautern";
/// A rotating series of [`NETWORK`].
const SERIES: &str = "ikone-ds-netzwerktreffen";
/// The other network, whose member is an outsider to [`NETWORK`].
const OTHER_NETWORK: &str = "modellprojekte-smart-cities";

/// Who may call a route; see [`Rule::allows`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Rule {
    /// Everyone, on the public demo data.
    Public,
    /// The platform admin only.
    Platform,
    /// Coordinator of the network and admin.
    Manage,
    /// Member, coordinator, admin (partners too; none here).
    Contribute,
    /// Minutes and attendance: coordinator and admin.
    Record,
    /// The organisation's editors and admin; nobody here edits Kaiserslautern.
    EditOrg,
    /// A member whose organisation is the one in the path, coordinator, admin.
    Unavailable,
    /// The lounge's data, members-only: member, coordinator, admin; an
    /// outsider (guest, other network) gets "not found", as for a series
    /// that is no lounge.
    LoungeSee,
    /// Running the lounge (checking others in, drawing, placing late
    /// joiners): coordinator, admin; a member is refused, an outsider gets
    /// "not found".
    LoungeRun,
    /// Share for the member's organisation: its people, admins.
    Share,
    /// Change or remove the member organisation's entry placed in the
    /// network: its people, the network's coordinators, admins.
    Moderate,
    /// Comment on a public experience: anyone signed in.
    SignedIn,
    /// Work on a network-only joint application led by the member's
    /// organisation (change it, its tasks): its people, the network's
    /// coordinators, admins; who does not see it gets "not found".
    Prepare,
    /// Read that application (or the network-only event): who sees it;
    /// everyone else, anonymous callers too, gets "not found".
    SeeApplication,
    /// Organise the network-only event: coordinator and admin; a member
    /// is refused, who does not see it gets "not found".
    Organise,
}

impl Rule {
    fn allows(self, who: Who) -> bool {
        match self {
            Rule::Public => true,
            Rule::Platform | Rule::EditOrg => who == Who::Admin,
            Rule::Manage | Rule::Record => matches!(who, Who::Coordinator | Who::Admin),
            Rule::Contribute | Rule::Unavailable | Rule::LoungeSee => {
                matches!(who, Who::Member | Who::Coordinator | Who::Admin)
            }
            Rule::LoungeRun | Rule::Organise => matches!(who, Who::Coordinator | Who::Admin),
            Rule::Share => matches!(who, Who::Member | Who::Admin),
            Rule::Moderate | Rule::Prepare | Rule::SeeApplication => {
                matches!(who, Who::Member | Who::Coordinator | Who::Admin)
            }
            Rule::SignedIn => who != Who::Anonymous,
        }
    }
}

/// The matrix: every documented route and who may call it.
const RULES: &[(&str, &str, Rule)] = &[
    // organisations
    ("GET", "/api/v1/organizations", Rule::Public),
    ("GET", "/api/v1/search", Rule::Public),
    ("POST", "/api/v1/organizations", Rule::Platform),
    ("GET", "/api/v1/organizations/{slug}", Rule::Public),
    ("PUT", "/api/v1/organizations/{slug}", Rule::EditOrg),
    ("DELETE", "/api/v1/organizations/{slug}", Rule::Platform),
    (
        "GET",
        "/api/v1/organizations/{slug}/host-turns",
        Rule::Public,
    ),
    // networks
    ("GET", "/api/v1/networks", Rule::Public),
    ("POST", "/api/v1/networks", Rule::Platform),
    ("GET", "/api/v1/networks/{slug}", Rule::Public),
    ("PUT", "/api/v1/networks/{slug}", Rule::Manage),
    ("DELETE", "/api/v1/networks/{slug}", Rule::Platform),
    ("GET", "/api/v1/networks/{network}/meetings", Rule::Public),
    // working groups: read by whoever sees the network, created by its
    // coordinators, joined by its members, requests answered by the leads
    (
        "GET",
        "/api/v1/networks/{network}/working-groups",
        Rule::Public,
    ),
    (
        "GET",
        "/api/v1/networks/{network}/working-groups/{group}",
        Rule::Public,
    ),
    (
        "PUT",
        "/api/v1/networks/{network}/working-groups/{group}",
        Rule::Manage,
    ),
    (
        "POST",
        "/api/v1/networks/{network}/working-groups/{group}/members",
        Rule::Contribute,
    ),
    (
        "DELETE",
        "/api/v1/networks/{network}/working-groups/{group}/members",
        Rule::SignedIn,
    ),
    (
        "PUT",
        "/api/v1/networks/{network}/working-groups/{group}/requests/{person}",
        Rule::Manage,
    ),
    // one's own reminder choices
    ("GET", "/api/v1/me/reminders", Rule::SignedIn),
    ("PUT", "/api/v1/me/reminders", Rule::SignedIn),
    // named groups (who is in them is personal data)
    ("GET", "/api/v1/networks/{network}/groups", Rule::Manage),
    (
        "PUT",
        "/api/v1/networks/{network}/groups/{group}",
        Rule::Manage,
    ),
    // cohorts
    ("GET", "/api/v1/networks/{network}/cohorts", Rule::Public),
    ("POST", "/api/v1/networks/{network}/cohorts", Rule::Manage),
    (
        "GET",
        "/api/v1/networks/{network}/cohorts/{slug}",
        Rule::Public,
    ),
    (
        "PUT",
        "/api/v1/networks/{network}/cohorts/{slug}",
        Rule::Manage,
    ),
    (
        "DELETE",
        "/api/v1/networks/{network}/cohorts/{slug}",
        Rule::Manage,
    ),
    // funding calls
    (
        "GET",
        "/api/v1/networks/{network}/funding-calls",
        Rule::Public,
    ),
    (
        "POST",
        "/api/v1/networks/{network}/funding-calls",
        Rule::Manage,
    ),
    (
        "GET",
        "/api/v1/networks/{network}/funding-calls/{slug}",
        Rule::Public,
    ),
    (
        "PUT",
        "/api/v1/networks/{network}/funding-calls/{slug}",
        Rule::Manage,
    ),
    (
        "DELETE",
        "/api/v1/networks/{network}/funding-calls/{slug}",
        Rule::Manage,
    ),
    // joint applications: led by the member's organisation, network-only
    (
        "GET",
        "/api/v1/networks/{network}/applications",
        Rule::Public,
    ),
    (
        "POST",
        "/api/v1/networks/{network}/applications",
        Rule::Moderate,
    ),
    (
        "GET",
        "/api/v1/networks/{network}/applications/{slug}",
        Rule::SeeApplication,
    ),
    (
        "PUT",
        "/api/v1/networks/{network}/applications/{slug}",
        Rule::Prepare,
    ),
    (
        "DELETE",
        "/api/v1/networks/{network}/applications/{slug}",
        Rule::Prepare,
    ),
    (
        "POST",
        "/api/v1/networks/{network}/applications/{slug}/tasks",
        Rule::Prepare,
    ),
    (
        "PUT",
        "/api/v1/networks/{network}/applications/{slug}/tasks/{task}",
        Rule::Prepare,
    ),
    (
        "DELETE",
        "/api/v1/networks/{network}/applications/{slug}/tasks/{task}",
        Rule::Prepare,
    ),
    // events: a network-wide workshop of the matrix's network
    ("GET", "/api/v1/networks/{network}/events", Rule::Public),
    ("POST", "/api/v1/networks/{network}/events", Rule::Manage),
    ("GET", "/api/v1/events/{id}", Rule::SeeApplication),
    ("PUT", "/api/v1/events/{id}", Rule::Organise),
    ("DELETE", "/api/v1/events/{id}", Rule::Organise),
    ("PUT", "/api/v1/events/{id}/closed", Rule::Organise),
    ("POST", "/api/v1/events/{id}/registrations", Rule::Prepare),
    (
        "DELETE",
        "/api/v1/events/{id}/registrations/{registration}",
        Rule::Organise,
    ),
    // memberships
    ("GET", "/api/v1/memberships", Rule::Public),
    ("POST", "/api/v1/memberships", Rule::Manage),
    ("GET", "/api/v1/memberships/{id}", Rule::Public),
    ("PUT", "/api/v1/memberships/{id}", Rule::Manage),
    ("DELETE", "/api/v1/memberships/{id}", Rule::Manage),
    // cooperations
    ("GET", "/api/v1/cooperations", Rule::Public),
    ("POST", "/api/v1/cooperations", Rule::Platform),
    ("GET", "/api/v1/cooperations/{id}", Rule::Public),
    ("PUT", "/api/v1/cooperations/{id}", Rule::Platform),
    ("DELETE", "/api/v1/cooperations/{id}", Rule::Platform),
    // series
    ("GET", "/api/v1/series", Rule::Public),
    ("POST", "/api/v1/series", Rule::Manage),
    ("GET", "/api/v1/series/{series}", Rule::Public),
    ("PUT", "/api/v1/series/{series}", Rule::Manage),
    ("DELETE", "/api/v1/series/{series}", Rule::Manage),
    ("GET", "/api/v1/series/{series}/meetings", Rule::Public),
    (
        "GET",
        "/api/v1/series/{series}/meetings/{date}",
        Rule::Public,
    ),
    ("GET", "/api/v1/series/{series}/exceptions", Rule::Public),
    (
        "PUT",
        "/api/v1/series/{series}/exceptions/{date}",
        Rule::Manage,
    ),
    (
        "DELETE",
        "/api/v1/series/{series}/exceptions/{date}",
        Rule::Manage,
    ),
    (
        "PUT",
        "/api/v1/series/{series}/unavailable/{organization}",
        Rule::Unavailable,
    ),
    (
        "POST",
        "/api/v1/series/{series}/meetings/{date}/agenda",
        Rule::Contribute,
    ),
    (
        "DELETE",
        "/api/v1/series/{series}/meetings/{date}/agenda/{id}",
        Rule::Manage,
    ),
    (
        "PUT",
        "/api/v1/series/{series}/meetings/{date}/minutes",
        Rule::Record,
    ),
    (
        "PUT",
        "/api/v1/series/{series}/meetings/{date}/attendance",
        Rule::Record,
    ),
    // the lounge (members-only)
    ("GET", "/api/v1/series/{series}/lounge", Rule::LoungeSee),
    ("PUT", "/api/v1/series/{series}/lounge", Rule::Manage),
    ("DELETE", "/api/v1/series/{series}/lounge", Rule::Manage),
    (
        "GET",
        "/api/v1/series/{series}/meetings/{date}/lounge",
        Rule::LoungeSee,
    ),
    // with a body naming a guest: checking in someone else
    (
        "POST",
        "/api/v1/series/{series}/meetings/{date}/lounge/checkins",
        Rule::LoungeRun,
    ),
    (
        "DELETE",
        "/api/v1/series/{series}/meetings/{date}/lounge/checkins/{id}",
        Rule::LoungeRun,
    ),
    (
        "POST",
        "/api/v1/series/{series}/meetings/{date}/lounge/rounds",
        Rule::LoungeRun,
    ),
    (
        "POST",
        "/api/v1/series/{series}/meetings/{date}/lounge/rounds/{round}/late",
        Rule::LoungeRun,
    ),
    (
        "GET",
        "/api/v1/networks/{network}/encounters",
        Rule::LoungeSee,
    ),
    ("GET", "/api/v1/projects", Rule::Public),
    ("POST", "/api/v1/projects", Rule::Share),
    ("GET", "/api/v1/projects/{slug}", Rule::Public),
    ("PUT", "/api/v1/projects/{slug}", Rule::Moderate),
    ("DELETE", "/api/v1/projects/{slug}", Rule::Moderate),
    ("GET", "/api/v1/experiences", Rule::Public),
    ("POST", "/api/v1/experiences", Rule::Share),
    ("GET", "/api/v1/experiences/{id}", Rule::Public),
    ("PUT", "/api/v1/experiences/{id}", Rule::Moderate),
    ("DELETE", "/api/v1/experiences/{id}", Rule::Moderate),
    ("POST", "/api/v1/experiences/{id}/comments", Rule::SignedIn),
];

/// The rule of a route; a route without one fails the test.
fn rule(method: &str, template: &str) -> Rule {
    RULES
        .iter()
        .find(|(m, p, _)| *m == method && *p == template)
        .map(|r| r.2)
        .unwrap_or_else(|| panic!("route {method} {template} has no rule in the matrix"))
}

/// Every (method, path template) the OpenAPI document lists, reads first,
/// deletes last.
fn documented_routes() -> Vec<(String, String)> {
    let doc = serde_json::to_value(knotenpunkt_web::api::openapi()).unwrap();
    let mut routes = Vec::new();
    for (path, item) in doc["paths"].as_object().unwrap() {
        for method in item.as_object().unwrap().keys() {
            if [
                "get", "put", "post", "delete", "patch", "head", "options", "trace",
            ]
            .contains(&method.as_str())
            {
                routes.push((method.to_uppercase(), path.clone()));
            }
        }
    }
    assert!(!routes.is_empty(), "the OpenAPI document lists no routes");
    let rank = |m: &str| match m {
        "GET" | "HEAD" | "OPTIONS" => 0,
        "POST" => 1,
        "PUT" | "PATCH" => 2,
        "DELETE" => 4,
        _ => 3,
    };
    routes.sort_by(|a, b| (rank(&a.0), &a.1).cmp(&(rank(&b.0), &b.1)));
    routes
}

/// Every documented route has a rule, and every rule a documented route.
fn check_rules_cover_routes() -> Vec<(String, String, Rule)> {
    let routes = documented_routes();
    let with_rules: Vec<_> = routes
        .iter()
        .map(|(m, p)| (m.clone(), p.clone(), rule(m, p)))
        .collect();
    let documented: BTreeSet<(&str, &str)> = routes
        .iter()
        .map(|(m, p)| (m.as_str(), p.as_str()))
        .collect();
    let stale: Vec<String> = RULES
        .iter()
        .filter(|(m, p, _)| !documented.contains(&(*m, *p)))
        .map(|(m, p, _)| format!("{m} {p}"))
        .collect();
    assert!(
        stale.is_empty(),
        "the matrix has rules for routes that no longer exist: {stale:?}"
    );
    let mut keys: Vec<(&str, &str)> = RULES.iter().map(|(m, p, _)| (*m, *p)).collect();
    keys.sort_unstable();
    keys.dedup();
    assert_eq!(
        keys.len(),
        RULES.len(),
        "a route has two rules in the matrix"
    );
    with_rules
}

#[test]
fn every_route_has_exactly_one_rule() {
    let routes = check_rules_cover_routes();
    assert_eq!(routes.len(), RULES.len());
}

/// What the setup made and found, to fill paths and bodies with.
struct Fixture {
    /// The member's organisation: a current member of [`NETWORK`] in the
    /// rotation of [`SERIES`].
    member_org: String,
    /// A demo membership of [`NETWORK`] (not the member's or coordinator's).
    membership: i64,
    /// A demo cooperation.
    cooperation: i64,
    /// A meeting date of [`SERIES`] for agenda, minutes, attendance.
    meeting: String,
    /// Per actor: a meeting date of [`SERIES`] with an exception to change
    /// and delete.
    exception_dates: Vec<String>,
    /// Per actor: an agenda point on `meeting` to delete.
    agenda_points: Vec<i64>,
    /// Per actor: a membership of [`NETWORK`] to delete.
    memberships: Vec<i64>,
    /// Per actor: a cooperation to delete.
    cooperations: Vec<i64>,
    /// Per actor: a lounge check-in on `meeting` (of [`SERIES`], a lounge)
    /// to delete.
    checkins: Vec<i64>,
    /// A public project and experience of `member_org`, placed in
    /// [`NETWORK`], and per actor one of each to delete.
    project: String,
    projects: Vec<String>,
    experience: i64,
    experiences: Vec<i64>,
    /// A task of `member_org` on the joint application "mx-antrag" it leads,
    /// and per actor an application ("mx-a-…") and a task on "mx-antrag" to
    /// delete.
    task: i64,
    tasks: Vec<i64>,
    /// A network-only event of [`NETWORK`], per actor an event to delete
    /// and a registration on `event` to cancel.
    event: i64,
    events: Vec<i64>,
    registrations: Vec<i64>,
    /// Unchanged bodies for the PUT routes, fetched by the admin.
    project_body: Value,
    experience_body: Value,
    org_body: Value,
    network_body: Value,
    cohort_body: Value,
    membership_body: Value,
    cooperation_body: Value,
    series_body: Value,
}

/// A throwaway slug of `who`, e.g. `mx-net-coordinator`.
/// A joint application of the matrix's network, led by `lead`.
fn application_json(slug: &str, lead: &str) -> Value {
    json!({"network": NETWORK, "slug": slug, "title": format!("Antrag {slug}"), "lead": lead})
}

/// A network-only workshop of the matrix's network with room for all.
fn event_json() -> Value {
    json!({"network": NETWORK, "title": "Matrix-Workshop", "starts_at": "2099-03-04T09:30:00+01:00",
           "ends_at": "2099-03-04T16:00:00+01:00", "capacity": 100, "registration": "network"})
}

/// A task of the member's organisation.
fn task_json(org: &str) -> Value {
    json!({"organization": org, "title": "Letter of Intent", "due": "2030-01-15"})
}

/// A funding call of the matrix's network.
fn funding_json(slug: &str) -> Value {
    json!({"network": NETWORK, "slug": slug, "funder": "Matrixministerium", "title": format!("Aufruf {slug}"),
           "deadline": "2030-06-30", "states": ["RP"], "topics": ["administration"]})
}

fn own(prefix: &str, who: Who) -> String {
    format!("{prefix}-{}", who.name())
}

/// The concrete path of `template` for `who`. A parameter is filled by the
/// literal segment before it; the last parameter of a DELETE is the
/// throwaway entity of the actor.
fn fill(method: &str, template: &str, who: Who, fx: &Fixture) -> String {
    let segments: Vec<&str> = template.split('/').collect();
    let last = segments.len() - 1;
    let mut out = Vec::with_capacity(segments.len());
    for (i, seg) in segments.iter().enumerate() {
        let Some(param) = seg.strip_prefix('{').and_then(|s| s.strip_suffix('}')) else {
            out.push((*seg).to_owned());
            continue;
        };
        let prev = if i > 0 { segments[i - 1] } else { "" };
        let target = method == "DELETE" && i == last;
        // Making a series ordinary again is aimed at the actor's own lounge.
        let lounge_off = method == "DELETE" && template == "/api/v1/series/{series}/lounge";
        let a = who.index();
        let value = match (prev, target) {
            ("organizations", false) => COORDINATOR_ORG.to_owned(),
            ("organizations", true) => own("mx-del", who),
            ("networks", false) => NETWORK.to_owned(),
            ("networks", true) => own("mx-net", who),
            ("cohorts", false) => "mx-kohorte".to_owned(),
            ("cohorts", true) => own("mx-k", who),
            ("funding-calls", false) => "mx-aufruf".to_owned(),
            ("funding-calls", true) => own("mx-f", who),
            ("applications", false) => "mx-antrag".to_owned(),
            ("applications", true) => own("mx-a", who),
            ("tasks", false) => fx.task.to_string(),
            ("events", false) => fx.event.to_string(),
            ("events", true) => fx.events[a].to_string(),
            ("registrations", true) => fx.registrations[a].to_string(),
            ("tasks", true) => fx.tasks[a].to_string(),
            ("memberships", false) => fx.membership.to_string(),
            ("memberships", true) => fx.memberships[a].to_string(),
            ("cooperations", false) => fx.cooperation.to_string(),
            ("cooperations", true) => fx.cooperations[a].to_string(),
            ("series", false) if lounge_off => own("mx-lounge", who),
            ("series", false) => SERIES.to_owned(),
            ("series", true) => own("mx-reihe", who),
            ("meetings", false) => fx.meeting.clone(),
            ("groups" | "working-groups", _) => "mx-gruppe".to_owned(),
            ("requests", _) => "1".to_owned(),
            ("exceptions", _) => fx.exception_dates[a].clone(),
            ("unavailable", false) => fx.member_org.clone(),
            ("agenda", true) => fx.agenda_points[a].to_string(),
            ("checkins", true) => fx.checkins[a].to_string(),
            ("rounds", false) => "1".to_owned(),
            ("projects", false) => fx.project.clone(),
            ("projects", true) => fx.projects[a].clone(),
            ("experiences", false) => fx.experience.to_string(),
            ("experiences", true) => fx.experiences[a].to_string(),
            _ => panic!(
                "{method} {template}: the matrix has no value for parameter {{{param}}} after '{prev}'"
            ),
        };
        out.push(value);
    }
    out.join("/")
}

/// A valid body for a write of `who` (so that the parser never answers
/// before the policy); `None` for reads and deletes.
fn body(method: &str, template: &str, who: Who, fx: &Fixture) -> Option<Value> {
    let name = who.name();
    let value = match (method, template) {
        ("GET" | "DELETE" | "HEAD" | "OPTIONS", _)
        | ("POST", "/api/v1/series/{series}/meetings/{date}/lounge/rounds/{round}/late")
        | ("POST", "/api/v1/networks/{network}/working-groups/{group}/members") => {
            return None;
        }
        ("POST", "/api/v1/organizations") => org_json(&own("mx-neu", who)),
        ("PUT", "/api/v1/organizations/{slug}") => fx.org_body.clone(),
        ("POST", "/api/v1/networks") => {
            json!({"slug": own("mx-net-neu", who), "name": format!("Matrixnetz neu {name}")})
        }
        ("PUT", "/api/v1/networks/{slug}") => fx.network_body.clone(),
        ("PUT", "/api/v1/networks/{network}/groups/{group}") => {
            json!({"slug": "mx-gruppe", "name": format!("Matrixgruppe {name}"), "members": []})
        }
        ("POST", "/api/v1/networks/{network}/cohorts") => {
            json!({"network": NETWORK, "slug": own("mx-k-neu", who), "name": format!("Kohorte {name}"), "year": 2025})
        }
        ("PUT", "/api/v1/networks/{network}/cohorts/{slug}") => fx.cohort_body.clone(),
        ("POST", "/api/v1/networks/{network}/funding-calls") => funding_json(&own("mx-f-neu", who)),
        ("PUT", "/api/v1/networks/{network}/funding-calls/{slug}") => funding_json("mx-aufruf"),
        ("POST", "/api/v1/networks/{network}/events") | ("PUT", "/api/v1/events/{id}") => {
            event_json()
        }
        ("PUT", "/api/v1/events/{id}/closed") => json!({"closed": false}),
        ("PUT", "/api/v1/me/reminders") => json!({"on": ["host", "events"]}),
        ("PUT", "/api/v1/networks/{network}/working-groups/{group}") => {
            json!({"slug": "mx-gruppe", "name": format!("Matrix-AG {name}"), "leads": [COORDINATOR_ORG]})
        }
        ("PUT", "/api/v1/networks/{network}/working-groups/{group}/requests/{person}") => {
            json!({"accept": true})
        }
        ("POST", "/api/v1/events/{id}/registrations") => json!({}),
        ("POST", "/api/v1/networks/{network}/applications") => {
            application_json(&own("mx-a-neu", who), &fx.member_org)
        }
        ("PUT", "/api/v1/networks/{network}/applications/{slug}") => {
            application_json("mx-antrag", &fx.member_org)
        }
        ("POST", "/api/v1/networks/{network}/applications/{slug}/tasks")
        | ("PUT", "/api/v1/networks/{network}/applications/{slug}/tasks/{task}") => {
            task_json(&fx.member_org)
        }
        ("POST", "/api/v1/memberships") => {
            json!({"organization": own("mx", who), "network": NETWORK, "role": "member", "joined_on": "2025-01"})
        }
        ("PUT", "/api/v1/memberships/{id}") => fx.membership_body.clone(),
        ("POST", "/api/v1/cooperations") => {
            json!({"name": format!("Matrixkooperation {name}"), "partners": [own("mx", who), COORDINATOR_ORG], "topic": "Matrix"})
        }
        ("PUT", "/api/v1/cooperations/{id}") => fx.cooperation_body.clone(),
        ("POST", "/api/v1/series") => series_json(&own("mx-neu", who)),
        ("PUT", "/api/v1/series/{series}") => fx.series_body.clone(),
        ("PUT", "/api/v1/series/{series}/exceptions/{date}") => {
            json!({"kind": "cancel", "note": format!("Matrix {name}")})
        }
        ("PUT", "/api/v1/series/{series}/unavailable/{organization}") => {
            json!({"dates": [fx.meeting]})
        }
        ("POST", "/api/v1/series/{series}/meetings/{date}/agenda") => {
            json!({"text": format!("Matrix-Punkt von {name}")})
        }
        ("PUT", "/api/v1/series/{series}/meetings/{date}/minutes") => {
            json!({"text": format!("Matrix-Protokoll von {name}")})
        }
        ("PUT", "/api/v1/series/{series}/meetings/{date}/attendance") => {
            json!({"organizations": []})
        }
        ("PUT", "/api/v1/series/{series}/lounge") => json!({"room_size": 3}),
        ("POST", "/api/v1/series/{series}/meetings/{date}/lounge/checkins") => {
            json!({"organization": fx.member_org, "name": format!("Matrixgast {name}")})
        }
        ("POST", "/api/v1/series/{series}/meetings/{date}/lounge/rounds") => json!({}),
        ("POST", "/api/v1/projects") => {
            project_json(&fx.member_org, &format!("Matrixprojekt neu {name}"))
        }
        ("PUT", "/api/v1/projects/{slug}") => fx.project_body.clone(),
        ("POST", "/api/v1/experiences") => {
            experience_json(&fx.member_org, &format!("Matrixbericht neu {name}"))
        }
        ("PUT", "/api/v1/experiences/{id}") => fx.experience_body.clone(),
        ("POST", "/api/v1/experiences/{id}/comments") => {
            json!({"text": format!("Matrixkommentar von {name}")})
        }
        _ => panic!("route {method} {template} has no request body in the matrix"),
    };
    Some(value)
}

fn project_json(org: &str, title: &str) -> Value {
    json!({"organization": org, "network": NETWORK, "title": title,
           "summary": "Ein Projekt der Matrix.", "topics": ["administration"]})
}

fn experience_json(org: &str, title: &str) -> Value {
    json!({"organization": org, "network": NETWORK, "title": title,
           "text": "Was die Matrix lernte.", "outcome": "mixed", "topics": ["administration"]})
}

fn org_json(slug: &str) -> Value {
    json!({"slug": slug, "name": format!("Matrix {slug}"), "kind": "municipality",
           "states": ["RP"], "source": "fiktiv"})
}

fn series_json(slug: &str) -> Value {
    json!({"slug": slug, "title": format!("Matrixreihe {slug}"), "network": NETWORK,
           "rule": "FREQ=MONTHLY;BYDAY=3WE", "start": "2025-01-15T18:00",
           "hosting": "fixed", "host": COORDINATOR_ORG})
}

/// Strips the `id` an API answer adds to the entity it addresses.
fn without_id(mut v: Value) -> Value {
    v.as_object_mut().unwrap().remove("id");
    v
}

struct Server {
    base: String,
    client: Client,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    _db: TestDb,
}

impl Drop for Server {
    fn drop(&mut self) {
        if let Some(tx) = self.stop.take() {
            let _ = tx.send(());
        }
    }
}

impl Server {
    async fn call(
        &self,
        method: &str,
        path: &str,
        token: Option<&str>,
        body: Option<&Value>,
    ) -> (StatusCode, Value) {
        let method = Method::from_bytes(method.as_bytes()).unwrap();
        let mut req = self.client.request(method, format!("{}{path}", self.base));
        if let Some(t) = token {
            req = req.bearer_auth(t);
        }
        if let Some(b) = body {
            req = req.json(b);
        }
        let res = req.send().await.unwrap();
        let status = res.status();
        let text = res.text().await.unwrap();
        let value = serde_json::from_str(&text).unwrap_or(Value::String(text));
        (status, value)
    }

    /// A setup call of the admin that must succeed.
    async fn ok(&self, token: &str, method: &str, path: &str, body: Option<Value>) -> Value {
        let (st, v) = self.call(method, path, Some(token), body.as_ref()).await;
        assert!(st.is_success(), "setup {method} {path}: {st} {v}");
        v
    }
}

/// The expected answer of `rule` for `who`.
fn expected(rule: Rule, who: Who) -> &'static str {
    if rule.allows(who) {
        "allowed"
    } else if rule == Rule::SeeApplication {
        "404"
    } else if who == Who::Anonymous {
        "401"
    } else if matches!(
        rule,
        Rule::LoungeSee | Rule::LoungeRun | Rule::Prepare | Rule::Organise
    ) && matches!(who, Who::Guest | Who::Other)
    {
        "404"
    } else {
        "403 forbidden"
    }
}

/// Whether `status` (with problem `body`) is the expected answer.
fn matches(expected: &str, status: StatusCode, body: &Value) -> bool {
    let kind = body["type"].as_str().unwrap_or("");
    match expected {
        "allowed" => {
            status != StatusCode::UNAUTHORIZED
                && status != StatusCode::FORBIDDEN
                && !status.is_server_error()
        }
        "401" => status == StatusCode::UNAUTHORIZED,
        "404" => status == StatusCode::NOT_FOUND && kind.ends_with(":not-found"),
        _ => status == StatusCode::FORBIDDEN && kind.ends_with(":forbidden"),
    }
}

fn short(v: &Value) -> String {
    let s = v.to_string();
    if s.chars().count() > 300 {
        format!("{}…", s.chars().take(300).collect::<String>())
    } else {
        s
    }
}

#[tokio::test]
async fn authorisation_matrix_on_every_backend() {
    // Before any database work: a route without a rule fails right here.
    let routes = check_rules_cover_routes();
    let mut mismatches: Vec<String> = Vec::new();
    let mut checked = 0usize;
    for db in TestDb::all().await.unwrap() {
        let backend = db.url.split(':').next().unwrap_or("?").to_owned();
        let dir = App::new(db.store.clone()).directory(&App::operator());
        load_demo(dir.app()).await.unwrap();
        let admin = testing::admin(&dir, "admin@matrix.example").await.unwrap();
        let admin_token = testing::token(&dir, &admin, TokenScope::Write)
            .await
            .unwrap();
        let admin_read = testing::token(&dir, &admin, TokenScope::Read)
            .await
            .unwrap();
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let base = format!("http://{}", listener.local_addr().unwrap());
        let (tx, rx) = tokio::sync::oneshot::channel::<()>();
        tokio::spawn(serve(
            listener,
            AppState::new(dir.app().clone(), WebConfig::default()),
            async {
                let _ = rx.await;
            },
        ));
        let s = Server {
            base,
            client: Client::new(),
            stop: Some(tx),
            _db: db,
        };
        let t = admin_token.as_str();

        // --- what the demo holds ------------------------------------------
        let schedule = s
            .ok(
                t,
                "GET",
                &format!("/api/v1/series/{SERIES}/meetings?from=2025-01-01&to=2027-12-31"),
                None,
            )
            .await;
        let rotation: Vec<String> = schedule["rotation"]
            .as_array()
            .unwrap()
            .iter()
            .map(|o| o["slug"].as_str().unwrap().to_owned())
            .collect();
        let dates: Vec<String> = schedule["meetings"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|m| m["status"] != "cancelled")
            .map(|m| m["date"].as_str().unwrap().to_owned())
            .collect();
        assert!(dates.len() > ACTORS.len(), "too few meetings: {dates:?}");
        let listed = s
            .ok(
                t,
                "GET",
                &format!("/api/v1/memberships?network={NETWORK}&limit=500"),
                None,
            )
            .await;
        let current: Vec<&Value> = listed["items"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|m| m["role"] == "member" && m.get("left_on").is_none())
            .collect();
        let member_org = current
            .iter()
            .map(|m| m["organization"].as_str().unwrap())
            .find(|o| rotation.iter().any(|r| r == o))
            .expect("a current member of the network in the rotation")
            .to_owned();
        let membership = current
            .iter()
            .find(|m| m["organization"] != member_org.as_str())
            .map(|m| m["id"].as_i64().unwrap())
            .expect("a second member organisation");
        let coops = s.ok(t, "GET", "/api/v1/cooperations", None).await;
        let cooperation = coops["items"][0]["id"].as_i64().unwrap();

        // --- the actors -----------------------------------------------------
        let mut tokens: Vec<Option<String>> = Vec::new();
        for who in ACTORS {
            let session = match who {
                Who::Anonymous => {
                    tokens.push(None);
                    continue;
                }
                Who::Admin => {
                    tokens.push(Some(admin_token.clone()));
                    continue;
                }
                Who::Guest => {
                    testing::invited(
                        &dir,
                        &admin,
                        "guest@matrix.example",
                        None,
                        NETWORK,
                        Some(NetworkRole::Guest),
                    )
                    .await
                }
                Who::Other => {
                    testing::invited(
                        &dir,
                        &admin,
                        "other@matrix.example",
                        None,
                        OTHER_NETWORK,
                        Some(NetworkRole::Member),
                    )
                    .await
                }
                Who::Member => {
                    testing::invited(
                        &dir,
                        &admin,
                        "member@matrix.example",
                        Some(&member_org),
                        NETWORK,
                        None,
                    )
                    .await
                }
                Who::Coordinator => {
                    testing::invited(
                        &dir,
                        &admin,
                        "coordinator@matrix.example",
                        None,
                        NETWORK,
                        Some(NetworkRole::Coordinator),
                    )
                    .await
                }
            }
            .unwrap();
            tokens.push(Some(
                testing::token(&dir, &session, TokenScope::Write)
                    .await
                    .unwrap(),
            ));
        }

        // --- throwaway entities, one set per actor ------------------------
        let meeting = dates[0].clone();
        let exception_dates: Vec<String> = dates[1..=ACTORS.len()].to_vec();
        s.ok(
            t,
            "POST",
            &format!("/api/v1/networks/{NETWORK}/cohorts"),
            Some(json!({"network": NETWORK, "slug": "mx-kohorte", "name": "Matrixkohorte", "year": 2025})),
        )
        .await;
        s.ok(
            t,
            "POST",
            &format!("/api/v1/networks/{NETWORK}/funding-calls"),
            Some(funding_json("mx-aufruf")),
        )
        .await;
        s.ok(
            t,
            "PUT",
            &format!("/api/v1/networks/{NETWORK}/working-groups/mx-gruppe"),
            Some(json!({"slug": "mx-gruppe", "name": "Matrix-AG"})),
        )
        .await;
        // The rotating series is a lounge too; each actor has a lounge of
        // its own to make ordinary again, and a guest's check-in to end.
        s.ok(
            t,
            "PUT",
            &format!("/api/v1/series/{SERIES}/lounge"),
            Some(json!({})),
        )
        .await;
        let mut checkins = Vec::new();
        let mut agenda_points = Vec::new();
        let mut memberships = Vec::new();
        let mut cooperations = Vec::new();
        for who in ACTORS {
            for prefix in ["mx", "mx-m", "mx-del"] {
                s.ok(
                    t,
                    "POST",
                    "/api/v1/organizations",
                    Some(org_json(&own(prefix, who))),
                )
                .await;
            }
            s.ok(
                t,
                "POST",
                "/api/v1/networks",
                Some(json!({"slug": own("mx-net", who), "name": format!("Matrixnetz {}", who.name())})),
            )
            .await;
            s.ok(
                t,
                "POST",
                &format!("/api/v1/networks/{NETWORK}/cohorts"),
                Some(json!({"network": NETWORK, "slug": own("mx-k", who), "name": format!("Kohorte {}", who.name())})),
            )
            .await;
            s.ok(
                t,
                "POST",
                &format!("/api/v1/networks/{NETWORK}/funding-calls"),
                Some(funding_json(&own("mx-f", who))),
            )
            .await;
            let m = s
                .ok(
                    t,
                    "POST",
                    "/api/v1/memberships",
                    Some(json!({"organization": own("mx-m", who), "network": NETWORK, "role": "member"})),
                )
                .await;
            memberships.push(m["id"].as_i64().unwrap());
            let k = s
                .ok(
                    t,
                    "POST",
                    "/api/v1/cooperations",
                    Some(json!({"name": format!("Wegwerfkooperation {}", who.name()),
                                "partners": [own("mx-m", who), COORDINATOR_ORG], "topic": "Matrix"})),
                )
                .await;
            cooperations.push(k["id"].as_i64().unwrap());
            s.ok(
                t,
                "POST",
                "/api/v1/series",
                Some(series_json(&own("mx-reihe", who))),
            )
            .await;
            s.ok(
                t,
                "PUT",
                &format!(
                    "/api/v1/series/{SERIES}/exceptions/{}",
                    exception_dates[who.index()]
                ),
                Some(json!({"kind": "cancel", "note": "Wegwerfausnahme"})),
            )
            .await;
            let p = s
                .ok(
                    t,
                    "POST",
                    &format!("/api/v1/series/{SERIES}/meetings/{meeting}/agenda"),
                    Some(json!({"text": format!("Wegwerfpunkt {}", who.name())})),
                )
                .await;
            agenda_points.push(p["id"].as_i64().unwrap());
            s.ok(
                t,
                "POST",
                "/api/v1/series",
                Some(series_json(&own("mx-lounge", who))),
            )
            .await;
            s.ok(
                t,
                "PUT",
                &format!("/api/v1/series/{}/lounge", own("mx-lounge", who)),
                Some(json!({})),
            )
            .await;
            let k = s
                .ok(
                    t,
                    "POST",
                    &format!("/api/v1/series/{SERIES}/meetings/{meeting}/lounge/checkins"),
                    Some(json!({"organization": member_org, "name": format!("Wegwerfgast {}", who.name())})),
                )
                .await;
            checkins.push(k["id"].as_i64().unwrap());
        }

        // --- projects and experiences of the member's organisation ---------
        let made = s
            .ok(
                t,
                "POST",
                "/api/v1/projects",
                Some(project_json(&member_org, "Matrixprojekt")),
            )
            .await;
        let project = made["key"].as_str().unwrap().to_owned();
        let made = s
            .ok(
                t,
                "POST",
                "/api/v1/experiences",
                Some(experience_json(&member_org, "Matrixbericht")),
            )
            .await;
        let experience: i64 = made["key"].as_str().unwrap().parse().unwrap();
        let mut projects = Vec::new();
        let mut experiences = Vec::new();
        for who in ACTORS {
            let made = s
                .ok(
                    t,
                    "POST",
                    "/api/v1/projects",
                    Some(project_json(
                        &member_org,
                        &format!("Wegwerfprojekt {}", who.name()),
                    )),
                )
                .await;
            projects.push(made["key"].as_str().unwrap().to_owned());
            let made = s
                .ok(
                    t,
                    "POST",
                    "/api/v1/experiences",
                    Some(experience_json(
                        &member_org,
                        &format!("Wegwerfbericht {}", who.name()),
                    )),
                )
                .await;
            experiences.push(made["key"].as_str().unwrap().parse().unwrap());
        }
        let project_body = s
            .ok(t, "GET", &format!("/api/v1/projects/{project}"), None)
            .await["project"]
            .clone();
        let experience_body = s
            .ok(t, "GET", &format!("/api/v1/experiences/{experience}"), None)
            .await["experience"]
            .clone();

        // --- a joint application of the member's organisation ---------------
        s.ok(
            t,
            "POST",
            &format!("/api/v1/networks/{NETWORK}/applications"),
            Some(application_json("mx-antrag", &member_org)),
        )
        .await;
        let tasks_path = format!("/api/v1/networks/{NETWORK}/applications/mx-antrag/tasks");
        let task = s
            .ok(t, "POST", &tasks_path, Some(task_json(&member_org)))
            .await["id"]
            .as_i64()
            .unwrap();
        let mut tasks = Vec::new();
        for who in ACTORS {
            s.ok(
                t,
                "POST",
                &format!("/api/v1/networks/{NETWORK}/applications"),
                Some(application_json(&own("mx-a", who), &member_org)),
            )
            .await;
            let made = s
                .ok(t, "POST", &tasks_path, Some(task_json(&member_org)))
                .await;
            tasks.push(made["id"].as_i64().unwrap());
        }

        // --- events -----------------------------------------------------------
        let event = s
            .ok(
                t,
                "POST",
                &format!("/api/v1/networks/{NETWORK}/events"),
                Some(event_json()),
            )
            .await["id"]
            .as_i64()
            .unwrap();
        let mut events = Vec::new();
        let mut registrations = Vec::new();
        for who in ACTORS {
            let made = s
                .ok(
                    t,
                    "POST",
                    &format!("/api/v1/networks/{NETWORK}/events"),
                    Some(event_json()),
                )
                .await;
            events.push(made["id"].as_i64().unwrap());
            let r = s
                .ok(
                    t,
                    "POST",
                    &format!("/api/v1/events/{event}/registrations"),
                    Some(json!({"name": format!("Gast {}", who.name()), "email": format!("{}@matrix.example", who.name())})),
                )
                .await;
            registrations.push(r["id"].as_i64().unwrap());
        }

        // --- unchanged bodies for the PUT routes ----------------------------
        let fx = Fixture {
            event,
            events,
            registrations,
            task,
            tasks,
            project,
            projects,
            experience,
            experiences,
            project_body,
            experience_body,
            org_body: s
                .ok(
                    t,
                    "GET",
                    &format!("/api/v1/organizations/{COORDINATOR_ORG}"),
                    None,
                )
                .await,
            network_body: s
                .ok(t, "GET", &format!("/api/v1/networks/{NETWORK}"), None)
                .await,
            cohort_body: s
                .ok(
                    t,
                    "GET",
                    &format!("/api/v1/networks/{NETWORK}/cohorts/mx-kohorte"),
                    None,
                )
                .await,
            membership_body: without_id(
                s.ok(t, "GET", &format!("/api/v1/memberships/{membership}"), None)
                    .await,
            ),
            cooperation_body: without_id(
                s.ok(
                    t,
                    "GET",
                    &format!("/api/v1/cooperations/{cooperation}"),
                    None,
                )
                .await,
            ),
            series_body: s
                .ok(t, "GET", &format!("/api/v1/series/{SERIES}"), None)
                .await,
            member_org,
            membership,
            cooperation,
            meeting,
            exception_dates,
            agenda_points,
            memberships,
            cooperations,
            checkins,
        };

        // --- a read token of the admin reads everything and writes nothing --
        for (method, template, _) in &routes {
            let path = fill(method, template, Who::Admin, &fx);
            let b = body(method, template, Who::Admin, &fx);
            let (st, v) = s.call(method, &path, Some(&admin_read), b.as_ref()).await;
            checked += 1;
            let kind = v["type"].as_str().unwrap_or("");
            let ok = if method == "GET" {
                st.is_success()
            } else {
                st == StatusCode::FORBIDDEN && kind.contains("read-only")
            };
            if !ok {
                let want = if method == "GET" {
                    "2xx"
                } else {
                    "403 read-only"
                };
                mismatches.push(format!(
                    "[{backend}] {method} {template} admin (read token): expected {want} got {} ({})",
                    st.as_u16(),
                    short(&v)
                ));
            }
        }

        // --- the matrix -----------------------------------------------------
        let mut table = String::new();
        let _ = write!(table, "{:<12} {:<62}", "rule", "route");
        for who in ACTORS {
            let _ = write!(table, " {:>11}", who.name());
        }
        table.push('\n');
        let mut notes = Vec::new();
        for (method, template, rule) in &routes {
            let mut cells = vec![String::new(); ACTORS.len()];
            // Refusals first: they must not change anything, and an allowed
            // call may (a delete removes its target).
            let mut order: Vec<Who> = ACTORS.to_vec();
            order.sort_by_key(|w| rule.allows(*w));
            for who in order {
                let path = fill(method, template, who, &fx);
                let b = body(method, template, who, &fx);
                let token = tokens[who.index()].as_deref();
                let (st, v) = s.call(method, &path, token, b.as_ref()).await;
                checked += 1;
                let want = expected(*rule, who);
                let mut good = matches(want, st, &v);
                if *rule == Rule::Public && !st.is_success() {
                    good = false;
                }
                let mark = if good { " " } else { "!" };
                cells[who.index()] = format!("{}{mark}", st.as_u16());
                if !good {
                    let want = if *rule == Rule::Public { "2xx" } else { want };
                    mismatches.push(format!(
                        "[{backend}] {method} {template} {}: expected {want} got {} ({path}: {})",
                        who.name(),
                        st.as_u16(),
                        short(&v)
                    ));
                } else if want == "allowed" && !st.is_success() {
                    notes.push(format!(
                        "[{backend}] {method} {path} {}: allowed, answered {} ({})",
                        who.name(),
                        st.as_u16(),
                        short(&v)
                    ));
                }
            }
            let _ = write!(
                table,
                "{:<12} {:<62}",
                format!("{rule:?}"),
                format!("{method} {template}")
            );
            for c in cells {
                let _ = write!(table, " {c:>11}");
            }
            table.push('\n');
        }
        // --- the edges of the rules: another organisation, another network --
        let elsewhere = rotation
            .iter()
            .find(|o| **o != fx.member_org && *o != COORDINATOR_ORG)
            .expect("a second organisation in the rotation")
            .clone();
        let mut moved_series = series_json(&own("mx-neu", Who::Coordinator));
        moved_series["network"] = json!(OTHER_NETWORK);
        let mut moved_membership = fx.membership_body.clone();
        moved_membership["network"] = json!(OTHER_NETWORK);
        let other_network = s
            .ok(t, "GET", &format!("/api/v1/networks/{OTHER_NETWORK}"), None)
            .await;
        let edges = [
            (
                Who::Member,
                "PUT",
                format!("/api/v1/series/{SERIES}/unavailable/{elsewhere}"),
                Some(json!({"dates": [fx.meeting]})),
                "a member declares for another organisation",
            ),
            (
                Who::Coordinator,
                "PUT",
                format!("/api/v1/networks/{OTHER_NETWORK}"),
                Some(other_network),
                "a coordinator changes another network",
            ),
            (
                Who::Coordinator,
                "PUT",
                "/api/v1/series/monatstreffen-staffel-1/meetings/2025-05-29/minutes".to_owned(),
                Some(json!({"text": "fremd"})),
                "a coordinator writes minutes in another network",
            ),
            (
                Who::Coordinator,
                "PUT",
                format!("/api/v1/series/{}", own("mx-neu", Who::Coordinator)),
                Some(moved_series),
                "a coordinator moves a series into another network",
            ),
            (
                Who::Coordinator,
                "PUT",
                format!("/api/v1/memberships/{}", fx.membership),
                Some(moved_membership),
                "a coordinator moves a membership into another network",
            ),
        ];
        for (who, method, path, b, what) in &edges {
            let token = tokens[who.index()].as_deref();
            let (st, v) = s.call(method, path, token, b.as_ref()).await;
            checked += 1;
            if !matches("403 forbidden", st, &v) {
                mismatches.push(format!(
                    "[{backend}] {method} {path} {} ({what}): expected 403 forbidden got {} ({})",
                    who.name(),
                    st.as_u16(),
                    short(&v)
                ));
            }
        }

        println!("authorisation matrix on {backend} (! = unexpected):\n{table}");
        for n in &notes {
            println!("note: {n}");
        }
    }
    println!("{checked} calls checked");
    assert!(
        mismatches.is_empty(),
        "{} unexpected answers:\n{}",
        mismatches.len(),
        mismatches.join("\n")
    );
}
