//! The authorisation matrix of the pages: every page, form, feed and probe
//! address × {anonymous, guest, member of another network, member,
//! coordinator, admin} with the expected answer.
//!
//! The routes come from [`knotenpunkt_web::page_routes`], the table the
//! server's own router is built from, and each must have a rule in
//! [`RULES`]: a new page without one fails the test, and so does a rule for
//! an address that is gone. (The API has its own matrix in `matrix.rs`.)
//!
//! Forms are posted with the session's form token and an empty body: what is
//! being asked is whether the handler lets the person in, and a handler that
//! looked at the input before asking the policy would answer an outsider
//! with "field missing" instead of "forbidden" and fail here. Where a form
//! removes something, each actor aims at a throwaway of its own; forms that
//! end the session run last.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use std::collections::BTreeSet;
use std::time::Duration;

use common::actors::{ACTORS, Who};
use common::{Browser, Server};
use knotenpunkt_app::access::Scope;
use knotenpunkt_app::domain::{LoungeSettings, NetworkRole, TokenScope};
use knotenpunkt_app::{App, CheckIn, DrawRequest, NewSession, testing};
use knotenpunkt_store::testing::TestDb;
use knotenpunkt_web::auth::RateLimitConfig;
use knotenpunkt_web::{Route, WebConfig, page_routes};
use reqwest::StatusCode;
use serde_json::{Value, json};

/// The network the matrix is about.
const NETWORK: &str = "ikone-ds";
/// Its coordinating organisation; nobody in the matrix edits its profile.
const COORDINATOR_ORG: &str = "kaiserslautern";
/// A rotating series of [`NETWORK`].
const SERIES: &str = "ikone-ds-netzwerktreffen";
/// A lounge of [`NETWORK`], with a round drawn on [`LOUNGE_DATE`].
const LOUNGE: &str = "pm-lounge";
/// A meeting of [`LOUNGE`].
const LOUNGE_DATE: &str = "2025-01-15";
/// The other network, whose member is an outsider to [`NETWORK`].
const OTHER_NETWORK: &str = "modellprojekte-smart-cities";

/// Who may use an address.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Rule {
    /// Everyone; the answer may be "not found" (a made-up link), but never
    /// a refusal.
    Public,
    /// Anyone signed in: one's own account.
    SignedIn,
    /// The platform admin only.
    Platform,
    /// Coordinator of the network and admin.
    Manage,
    /// Member, coordinator, admin.
    Contribute,
    /// Minutes and attendance: coordinator and admin.
    Record,
    /// The organisation's editors and admin; nobody here edits Kaiserslautern.
    EditOrg,
    /// Speaking for one's own organisation in the network: the member. The
    /// coordinator and admin here belong to none, so there is nobody they
    /// could speak for on this form (the API names the organisation).
    OwnOrganization,
    /// The lounge: members, coordinators, admins; to anyone else signed in
    /// it does not exist (404).
    Lounge,
    /// Running the lounge: coordinators and admins; a member is refused,
    /// anyone else signed in finds nothing (404).
    RunLounge,
    /// Sharing a project or an experience: whoever writes for an
    /// organisation (the member), admins (for any).
    Share,
    /// Changing or removing the member organisation's entry placed in the
    /// network: the member, the network's coordinator, admins.
    Moderate,
    /// Working on the network-only joint application the member's
    /// organisation leads: the member, the coordinator, admins; to anyone
    /// else signed in it does not exist (404).
    Prepare,
    /// Organising the network-only event: the coordinator and admins; a
    /// member is refused, anyone else signed in finds nothing (404).
    Organise,
}

impl Rule {
    fn allows(self, who: Who) -> bool {
        match self {
            Rule::Public => true,
            Rule::SignedIn => who != Who::Anonymous,
            Rule::Platform | Rule::EditOrg => who == Who::Admin,
            Rule::Manage | Rule::Record => matches!(who, Who::Coordinator | Who::Admin),
            Rule::Contribute => matches!(who, Who::Member | Who::Coordinator | Who::Admin),
            Rule::OwnOrganization => who == Who::Member,
            Rule::Lounge => matches!(who, Who::Member | Who::Coordinator | Who::Admin),
            Rule::RunLounge | Rule::Organise => matches!(who, Who::Coordinator | Who::Admin),
            Rule::Share => matches!(who, Who::Member | Who::Admin),
            Rule::Moderate | Rule::Prepare => {
                matches!(who, Who::Member | Who::Coordinator | Who::Admin)
            }
        }
    }

    /// Whether a signed-in reader without the right is answered "not
    /// found" rather than refused: members-only things of the network.
    fn hides_from(self, who: Who) -> bool {
        matches!(
            self,
            Rule::Lounge | Rule::RunLounge | Rule::Prepare | Rule::Organise
        ) && matches!(who, Who::Guest | Who::Other)
    }
}

const MANAGE: &str = "/netzwerke/{slug}/verwaltung";

/// The matrix: every address and who may use it.
const RULES: &[(&str, &str, Rule)] = &[
    // reading
    ("GET", "/", Rule::Public),
    ("GET", "/netzwerke", Rule::Public),
    ("GET", "/netzwerke/{slug}", Rule::Public),
    ("GET", "/netzwerke/{slug}/kalender", Rule::Public),
    ("GET", "/reihen/{slug}", Rule::Public),
    ("GET", "/reihen/{slug}/{date}", Rule::Public),
    ("GET", "/organisationen", Rule::Public),
    ("GET", "/suche", Rule::Public),
    ("GET", "/organisationen/{slug}", Rule::Public),
    ("GET", "/static/style.css", Rule::Public),
    ("GET", "/{*rest}", Rule::Public),
    ("GET", "/healthz", Rule::Public),
    ("GET", "/readyz", Rule::Public),
    ("GET", "/kalender/reihen/{file}", Rule::Public),
    ("GET", "/kalender/netzwerke/{file}", Rule::Public),
    // a secret address: a made-up one finds nothing, for everyone alike
    ("GET", "/kalender/person/{file}", Rule::Public),
    ("GET", "/kalender/veranstaltungen/{file}", Rule::Public),
    // meetings
    ("POST", "/reihen/{slug}/verhinderung", Rule::OwnOrganization),
    (
        "POST",
        "/reihen/{slug}/{date}/tagesordnung",
        Rule::Contribute,
    ),
    (
        "POST",
        "/reihen/{slug}/{date}/tagesordnung/{id}/entfernen",
        Rule::Manage,
    ),
    ("POST", "/reihen/{slug}/{date}/protokoll", Rule::Record),
    ("POST", "/reihen/{slug}/{date}/anwesenheit", Rule::Record),
    ("POST", "/reihen/{slug}/folgen", Rule::SignedIn),
    // signing in and out
    ("GET", "/anmelden", Rule::Public),
    ("POST", "/anmelden", Rule::Public),
    ("POST", "/abmelden", Rule::Public),
    ("GET", "/einladung/{token}", Rule::Public),
    ("POST", "/einladung/{token}", Rule::Public),
    ("GET", "/passwort/vergessen", Rule::Public),
    ("POST", "/passwort/vergessen", Rule::Public),
    ("GET", "/passwort/neu/{token}", Rule::Public),
    ("POST", "/passwort/neu/{token}", Rule::Public),
    // one's own account
    ("GET", "/konto", Rule::SignedIn),
    ("GET", "/konto/daten.json", Rule::SignedIn),
    ("POST", "/konto/passwort", Rule::SignedIn),
    ("POST", "/konto/tokens", Rule::SignedIn),
    ("POST", "/konto/tokens/{id}/widerrufen", Rule::SignedIn),
    ("POST", "/konto/kalender", Rule::SignedIn),
    ("POST", "/konto/kalender/widerrufen", Rule::SignedIn),
    ("POST", "/konto/erinnerungen", Rule::SignedIn),
    ("GET", "/erinnerungen/abbestellen/{token}", Rule::Public),
    ("POST", "/erinnerungen/abbestellen/{token}", Rule::Public),
    ("POST", "/konto/ueberall-abmelden", Rule::SignedIn),
    ("POST", "/konto/loeschen", Rule::SignedIn),
    // profiles
    ("GET", "/organisationen/{slug}/bearbeiten", Rule::EditOrg),
    ("POST", "/organisationen/{slug}/bearbeiten", Rule::EditOrg),
    (
        "POST",
        "/organisationen/{slug}/bearbeiten/bearbeitende",
        Rule::EditOrg,
    ),
    // the platform
    ("GET", "/verwaltung", Rule::Platform),
    ("GET", "/verwaltung/netzwerke/neu", Rule::Platform),
    ("POST", "/verwaltung/netzwerke/neu", Rule::Platform),
    ("GET", "/verwaltung/organisationen/neu", Rule::Platform),
    ("POST", "/verwaltung/organisationen/neu", Rule::Platform),
    ("GET", "/verwaltung/kooperationen/neu", Rule::Platform),
    ("POST", "/verwaltung/kooperationen/neu", Rule::Platform),
    ("GET", "/verwaltung/kooperationen/{id}", Rule::Platform),
    ("POST", "/verwaltung/kooperationen/{id}", Rule::Platform),
    (
        "POST",
        "/verwaltung/kooperationen/{id}/loeschen",
        Rule::Platform,
    ),
    (
        "GET",
        "/verwaltung/netzwerke/{slug}/loeschen",
        Rule::Platform,
    ),
    (
        "POST",
        "/verwaltung/netzwerke/{slug}/loeschen",
        Rule::Platform,
    ),
    (
        "GET",
        "/verwaltung/organisationen/{slug}/loeschen",
        Rule::Platform,
    ),
    (
        "POST",
        "/verwaltung/organisationen/{slug}/loeschen",
        Rule::Platform,
    ),
    // managing a network
    ("GET", MANAGE, Rule::Manage),
    (
        "GET",
        "/netzwerke/{slug}/verwaltung/einstellungen",
        Rule::Manage,
    ),
    (
        "POST",
        "/netzwerke/{slug}/verwaltung/einstellungen",
        Rule::Manage,
    ),
    (
        "GET",
        "/netzwerke/{slug}/verwaltung/mitglieder",
        Rule::Manage,
    ),
    (
        "POST",
        "/netzwerke/{slug}/verwaltung/mitglieder",
        Rule::Manage,
    ),
    (
        "POST",
        "/netzwerke/{slug}/verwaltung/mitglieder/{id}/entfernen",
        Rule::Manage,
    ),
    ("GET", "/netzwerke/{slug}/verwaltung/staffeln", Rule::Manage),
    (
        "GET",
        "/netzwerke/{slug}/verwaltung/foerderaufrufe",
        Rule::Manage,
    ),
    (
        "POST",
        "/netzwerke/{slug}/verwaltung/foerderaufrufe",
        Rule::Manage,
    ),
    (
        "GET",
        "/netzwerke/{slug}/verwaltung/foerderaufrufe/{call}",
        Rule::Manage,
    ),
    (
        "POST",
        "/netzwerke/{slug}/verwaltung/foerderaufrufe/{call}",
        Rule::Manage,
    ),
    (
        "POST",
        "/netzwerke/{slug}/verwaltung/foerderaufrufe/{call}/loeschen",
        Rule::Manage,
    ),
    (
        "POST",
        "/netzwerke/{slug}/verwaltung/staffeln",
        Rule::Manage,
    ),
    (
        "POST",
        "/netzwerke/{slug}/verwaltung/staffeln/{cohort}/loeschen",
        Rule::Manage,
    ),
    ("GET", "/netzwerke/{slug}/verwaltung/reihen", Rule::Manage),
    ("POST", "/netzwerke/{slug}/verwaltung/reihen", Rule::Manage),
    (
        "GET",
        "/netzwerke/{slug}/verwaltung/reihen/{series}",
        Rule::Manage,
    ),
    (
        "POST",
        "/netzwerke/{slug}/verwaltung/reihen/{series}",
        Rule::Manage,
    ),
    (
        "POST",
        "/netzwerke/{slug}/verwaltung/reihen/{series}/termin",
        Rule::Manage,
    ),
    (
        "POST",
        "/netzwerke/{slug}/verwaltung/reihen/{series}/termin/{date}/zuruecknehmen",
        Rule::Manage,
    ),
    (
        "GET",
        "/netzwerke/{slug}/verwaltung/einladungen",
        Rule::Manage,
    ),
    (
        "POST",
        "/netzwerke/{slug}/verwaltung/einladungen",
        Rule::Manage,
    ),
    ("GET", "/netzwerke/{slug}/verwaltung/rollen", Rule::Manage),
    (
        "POST",
        "/netzwerke/{slug}/verwaltung/rollen/{person}",
        Rule::Manage,
    ),
    (
        "GET",
        "/netzwerke/{slug}/verwaltung/protokoll",
        Rule::Manage,
    ),
    ("GET", "/netzwerke/{slug}/verwaltung/gruppen", Rule::Manage),
    ("POST", "/netzwerke/{slug}/verwaltung/gruppen", Rule::Manage),
    (
        "GET",
        "/netzwerke/{slug}/verwaltung/gruppen/{group}",
        Rule::Manage,
    ),
    (
        "POST",
        "/netzwerke/{slug}/verwaltung/gruppen/{group}",
        Rule::Manage,
    ),
    (
        "GET",
        "/netzwerke/{slug}/verwaltung/mitglieder/{id}",
        Rule::Manage,
    ),
    (
        "POST",
        "/netzwerke/{slug}/verwaltung/mitglieder/{id}",
        Rule::Manage,
    ),
    (
        "GET",
        "/netzwerke/{slug}/verwaltung/staffeln/{cohort}",
        Rule::Manage,
    ),
    (
        "POST",
        "/netzwerke/{slug}/verwaltung/staffeln/{cohort}",
        Rule::Manage,
    ),
    (
        "POST",
        "/netzwerke/{slug}/verwaltung/reihen/{series}/loeschen",
        Rule::Manage,
    ),
    (
        "GET",
        "/netzwerke/{slug}/verwaltung/reihen/{series}/lounge",
        Rule::Manage,
    ),
    (
        "POST",
        "/netzwerke/{slug}/verwaltung/reihen/{series}/lounge",
        Rule::Manage,
    ),
    // --- the lounge ---
    ("GET", "/reihen/{slug}/{date}/lounge", Rule::Lounge),
    ("POST", "/reihen/{slug}/{date}/lounge/dabei", Rule::Lounge),
    (
        "POST",
        "/reihen/{slug}/{date}/lounge/abmelden",
        Rule::Lounge,
    ),
    (
        "POST",
        "/reihen/{slug}/{date}/lounge/anmelden",
        Rule::RunLounge,
    ),
    (
        "POST",
        "/reihen/{slug}/{date}/lounge/runden",
        Rule::RunLounge,
    ),
    (
        "POST",
        "/reihen/{slug}/{date}/lounge/runden/{round}/nachzuegler",
        Rule::RunLounge,
    ),
    // Entering a room's video: those seated in it (nobody here) and
    // coordinators; this lounge has no video rooms, which its page says.
    (
        "GET",
        "/reihen/{slug}/{date}/lounge/runden/{round}/raeume/{room}",
        Rule::RunLounge,
    ),
    ("GET", "/netzwerke/{slug}/begegnungen", Rule::Lounge),
    // --- the knowledge exchange ---
    ("GET", "/projekte", Rule::Public),
    ("GET", "/projekte/{slug}", Rule::Public),
    ("GET", "/erfahrungen", Rule::Public),
    ("GET", "/erfahrungen/{id}", Rule::Public),
    ("GET", "/projekte/neu", Rule::Share),
    ("POST", "/projekte/neu", Rule::Share),
    ("GET", "/erfahrungen/neu", Rule::Share),
    ("POST", "/erfahrungen/neu", Rule::Share),
    ("GET", "/projekte/{slug}/bearbeiten", Rule::Moderate),
    ("POST", "/projekte/{slug}/bearbeiten", Rule::Moderate),
    ("POST", "/projekte/{slug}/loeschen", Rule::Moderate),
    ("GET", "/erfahrungen/{id}/bearbeiten", Rule::Moderate),
    ("POST", "/erfahrungen/{id}/bearbeiten", Rule::Moderate),
    ("POST", "/erfahrungen/{id}/loeschen", Rule::Moderate),
    ("POST", "/erfahrungen/{id}/kommentare", Rule::SignedIn),
    // --- events ---
    ("GET", "/veranstaltungen/{id}", Rule::Public),
    // a confirmation link: a made-up one finds nothing, for everyone alike
    ("GET", "/veranstaltungen/bestaetigen/{token}", Rule::Public),
    ("POST", "/veranstaltungen/bestaetigen/{token}", Rule::Public),
    // a signed cancel link: a made-up one finds nothing, for everyone alike
    ("GET", "/veranstaltungen/abmelden/{token}", Rule::Public),
    ("POST", "/veranstaltungen/abmelden/{token}", Rule::Public),
    ("GET", "/netzwerke/{slug}/veranstaltungen/neu", Rule::Manage),
    (
        "POST",
        "/netzwerke/{slug}/veranstaltungen/neu",
        Rule::Manage,
    ),
    ("POST", "/veranstaltungen/{id}/anmelden", Rule::Prepare),
    ("POST", "/veranstaltungen/{id}/teilnehmende", Rule::Organise),
    (
        "POST",
        "/veranstaltungen/{id}/anmeldungen/{registration}/abmelden",
        Rule::Organise,
    ),
    (
        "POST",
        "/veranstaltungen/{id}/anmeldeschluss",
        Rule::Organise,
    ),
    (
        "GET",
        "/veranstaltungen/{id}/teilnehmende.csv",
        Rule::Organise,
    ),
    ("GET", "/veranstaltungen/{id}/bearbeiten", Rule::Organise),
    ("POST", "/veranstaltungen/{id}/bearbeiten", Rule::Organise),
    ("POST", "/veranstaltungen/{id}/loeschen", Rule::Organise),
    // --- working groups ---
    ("GET", "/netzwerke/{slug}/arbeitsgruppen", Rule::Public),
    ("GET", "/netzwerke/{slug}/arbeitsgruppen/neu", Rule::Manage),
    ("POST", "/netzwerke/{slug}/arbeitsgruppen/neu", Rule::Manage),
    (
        "GET",
        "/netzwerke/{slug}/arbeitsgruppen/{group}",
        Rule::Public,
    ),
    (
        "GET",
        "/netzwerke/{slug}/arbeitsgruppen/{group}/bearbeiten",
        Rule::Manage,
    ),
    (
        "POST",
        "/netzwerke/{slug}/arbeitsgruppen/{group}/bearbeiten",
        Rule::Manage,
    ),
    (
        "POST",
        "/netzwerke/{slug}/arbeitsgruppen/{group}/beitreten",
        Rule::Contribute,
    ),
    (
        "POST",
        "/netzwerke/{slug}/arbeitsgruppen/{group}/austreten",
        Rule::SignedIn,
    ),
    (
        "POST",
        "/netzwerke/{slug}/arbeitsgruppen/{group}/anfragen/{person}",
        Rule::Manage,
    ),
    // --- joint applications ---
    ("GET", "/netzwerke/{slug}/antraege", Rule::Public),
    (
        "GET",
        "/netzwerke/{slug}/antraege/{application}",
        Rule::Public,
    ),
    ("GET", "/netzwerke/{slug}/antraege/neu", Rule::Moderate),
    ("POST", "/netzwerke/{slug}/antraege/neu", Rule::Moderate),
    (
        "GET",
        "/netzwerke/{slug}/antraege/{application}/bearbeiten",
        Rule::Prepare,
    ),
    (
        "POST",
        "/netzwerke/{slug}/antraege/{application}/bearbeiten",
        Rule::Prepare,
    ),
    (
        "POST",
        "/netzwerke/{slug}/antraege/{application}/loeschen",
        Rule::Prepare,
    ),
    (
        "POST",
        "/netzwerke/{slug}/antraege/{application}/aufgaben",
        Rule::Prepare,
    ),
    (
        "POST",
        "/netzwerke/{slug}/antraege/{application}/aufgaben/{task}",
        Rule::Prepare,
    ),
    (
        "POST",
        "/netzwerke/{slug}/antraege/{application}/aufgaben/{task}/loeschen",
        Rule::Prepare,
    ),
];

/// Forms after which the browser's session is gone; they run last.
const ENDS_SESSION: &[&str] = &["/abmelden", "/konto/ueberall-abmelden"];

fn rule(route: &Route) -> Rule {
    RULES
        .iter()
        .find(|(m, p, _)| *m == route.method && *p == route.path)
        .map(|r| r.2)
        .unwrap_or_else(|| {
            panic!(
                "{} {} has no rule in the page matrix",
                route.method, route.path
            )
        })
}

/// Every served address with its rule; reads first, session-enders last.
fn routes_with_rules() -> Vec<(Route, Rule)> {
    let routes = page_routes();
    let served: BTreeSet<(&str, &str)> =
        routes.iter().map(|r| (r.method, r.path.as_str())).collect();
    let stale: Vec<String> = RULES
        .iter()
        .filter(|(m, p, _)| !served.contains(&(*m, *p)))
        .map(|(m, p, _)| format!("{m} {p}"))
        .collect();
    assert!(
        stale.is_empty(),
        "the page matrix has rules for addresses no longer served: {stale:?}"
    );
    let mut keys: Vec<_> = RULES.iter().map(|(m, p, _)| (*m, *p)).collect();
    keys.sort_unstable();
    keys.dedup();
    assert_eq!(keys.len(), RULES.len(), "an address has two rules");
    let mut with: Vec<(Route, Rule)> = routes
        .into_iter()
        .map(|r| {
            let rule = rule(&r);
            (r, rule)
        })
        .collect();
    let rank = |r: &Route| {
        if ENDS_SESSION.contains(&r.path.as_str()) {
            2
        } else if r.method == "GET" {
            0
        } else {
            1
        }
    };
    with.sort_by(|a, b| (rank(&a.0), &a.0).cmp(&(rank(&b.0), &b.0)));
    with
}

#[test]
fn every_page_has_exactly_one_rule() {
    let routes = routes_with_rules();
    assert_eq!(routes.len(), RULES.len());
    assert!(
        routes.len() > 50,
        "suspiciously few routes: {}",
        routes.len()
    );
}

/// What the setup made, to fill paths with.
struct Fixture {
    meeting: String,
    /// Per actor: a meeting date of [`SERIES`] with an exception to undo.
    exception_dates: Vec<String>,
    /// Per actor: an agenda point on `meeting` to remove.
    agenda_points: Vec<i64>,
    /// Per actor: a membership of [`NETWORK`] to remove.
    memberships: Vec<i64>,
    /// Per actor: a cohort of [`NETWORK`] to delete.
    cohorts: Vec<String>,
    /// Per actor: a funding call of [`NETWORK`] to delete.
    calls: Vec<String>,
    /// Per actor: one of their own API tokens to revoke (0 for anonymous).
    tokens: Vec<i64>,
    /// Per actor: a series of [`NETWORK`] to delete.
    series: Vec<String>,
    /// A membership of [`NETWORK`] the edit form aims at.
    membership: i64,
    /// A person of [`NETWORK`] whose role the forms aim at.
    target_person: i64,
    /// A cooperation the platform's forms aim at (an empty body deletes
    /// nothing: the confirming checkbox is missing).
    cooperation: i64,
    /// A public project and experience of the member's organisation,
    /// placed in [`NETWORK`] (an empty body deletes nothing either).
    project: String,
    experience: i64,
    /// A task of the member's organisation on the joint application
    /// [`APPLICATION`] it leads, and per actor an application and a task
    /// on [`APPLICATION`] to delete.
    task: i64,
    applications: Vec<String>,
    tasks: Vec<i64>,
    /// A network-only event of [`NETWORK`]; per actor an event to delete
    /// and a registration on `event` to cancel.
    event: i64,
    events: Vec<i64>,
    registrations: Vec<i64>,
}

/// A cohort and a named group of [`NETWORK`] the edit forms aim at.
const COHORT: &str = "pm-kohorte";
const CALL: &str = "pm-aufruf";
const APPLICATION: &str = "pm-antrag";
const GROUP: &str = "pm-gruppe";

/// The concrete address of `template` for `who`. A parameter is filled by
/// the literal segment before it; a removing form aims at `who`'s throwaway.
fn fill(template: &str, who: Who, fx: &Fixture) -> String {
    let segments: Vec<&str> = template.split('/').collect();
    let removes = ["entfernen", "loeschen", "zuruecknehmen", "widerrufen"]
        .iter()
        .any(|v| template.ends_with(v));
    let in_feed = template.starts_with("/kalender/");
    let in_lounge = template.starts_with("/reihen/") && template.contains("/lounge");
    let a = who.index();
    let mut out = Vec::with_capacity(segments.len());
    for (i, seg) in segments.iter().enumerate() {
        let Some(param) = seg.strip_prefix('{').and_then(|s| s.strip_suffix('}')) else {
            out.push((*seg).to_owned());
            continue;
        };
        let prev = segments[i - 1];
        // The throwaway is the thing named right before the removing verb.
        let target = removes && i + 2 == segments.len();
        let value = match (prev, param) {
            (_, "*rest") => "gibt-es-nicht".to_owned(),
            ("netzwerke", "file") => format!("{NETWORK}.ics"),
            ("reihen", "file") => format!("{SERIES}.ics"),
            ("person", "file") => "kp_ausgedacht.ics".to_owned(),
            ("veranstaltungen", "file") => format!("{}.ics", fx.event),
            ("netzwerke", "slug") => NETWORK.to_owned(),
            ("reihen", "slug") if in_lounge => LOUNGE.to_owned(),
            ("{slug}", "date") if in_lounge => LOUNGE_DATE.to_owned(),
            ("runden", "round") | ("raeume", "room") => "1".to_owned(),
            ("reihen", "series") if target => fx.series[a].clone(),
            ("reihen", "slug" | "series") => SERIES.to_owned(),
            ("organisationen", "slug") => COORDINATOR_ORG.to_owned(),
            ("{slug}", "date") => fx.meeting.clone(),
            ("termin", "date") => fx.exception_dates[a].clone(),
            ("tagesordnung", "id") if target => fx.agenda_points[a].to_string(),
            ("mitglieder", "id") if target => fx.memberships[a].to_string(),
            ("staffeln", "cohort") if target => fx.cohorts[a].clone(),
            ("mitglieder", "id") => fx.membership.to_string(),
            ("staffeln", "cohort") => COHORT.to_owned(),
            ("foerderaufrufe", "call") if target => fx.calls[a].clone(),
            ("foerderaufrufe", "call") => CALL.to_owned(),
            ("antraege", "application") if target => fx.applications[a].clone(),
            ("antraege", "application") => APPLICATION.to_owned(),
            ("aufgaben", "task") if target => fx.tasks[a].to_string(),
            ("aufgaben", "task") => fx.task.to_string(),
            ("veranstaltungen", "id") if target => fx.events[a].to_string(),
            ("veranstaltungen", "id") => fx.event.to_string(),
            ("anmeldungen", "registration") => fx.registrations[a].to_string(),
            ("gruppen" | "arbeitsgruppen", "group") => GROUP.to_owned(),
            ("anfragen", "person") => fx.target_person.to_string(),
            ("tokens", "id") => fx.tokens[a].to_string(),
            ("rollen", "person") => fx.target_person.to_string(),
            ("kooperationen", "id") => fx.cooperation.to_string(),
            ("projekte", "slug") => fx.project.clone(),
            ("erfahrungen", "id") => fx.experience.to_string(),
            ("einladung" | "neu" | "bestaetigen" | "abbestellen" | "abmelden", "token") => {
                "ausgedacht".to_owned()
            }
            _ => panic!(
                "{template}: the page matrix has no value for {{{param}}} after '{prev}' \
                 (feed: {in_feed}, removes: {removes})"
            ),
        };
        out.push(value);
    }
    out.join("/")
}

/// Whether the answer is what `rule` says for `who`; `Err` explains.
fn judge(rule: Rule, who: Who, status: StatusCode, location: &str) -> Result<(), String> {
    // The refusal sends to the sign-in form with the way back; signing out
    // also ends there, without one.
    let to_sign_in =
        status.is_redirection() && location.starts_with("/anmelden") && location.contains("next=");
    let refused = status == StatusCode::FORBIDDEN || status == StatusCode::UNAUTHORIZED;
    if rule.allows(who) {
        let wrong = refused
            || to_sign_in
            || status.is_server_error()
            || status == StatusCode::TOO_MANY_REQUESTS
            || (rule != Rule::Public && status == StatusCode::NOT_FOUND);
        if wrong {
            return Err(format!("expected allowed, got {status} {location}"));
        }
    } else if who == Who::Anonymous {
        if !to_sign_in {
            return Err(format!(
                "expected to be sent to sign in, got {status} {location}"
            ));
        }
    } else if rule.hides_from(who) {
        if status != StatusCode::NOT_FOUND {
            return Err(format!("expected 404, got {status} {location}"));
        }
    } else if status != StatusCode::FORBIDDEN {
        return Err(format!("expected 403, got {status} {location}"));
    }
    Ok(())
}

fn browser(s: &NewSession) -> Browser {
    Browser {
        cookie: s.token.clone(),
        csrf: s.csrf.clone(),
        name: s.person.name.clone(),
    }
}

/// An API call of the admin during setup that must succeed.
async fn ok(s: &Server, token: &str, method: &str, path: &str, body: Option<Value>) -> Value {
    let method = reqwest::Method::from_bytes(method.as_bytes()).unwrap();
    let mut req = s
        .client
        .request(method.clone(), format!("{}{path}", s.base))
        .bearer_auth(token);
    if let Some(b) = &body {
        req = req.json(b);
    }
    let res = req.send().await.unwrap();
    let status = res.status();
    let text = res.text().await.unwrap();
    assert!(
        status.is_success(),
        "setup {method} {path}: {status} {text}"
    );
    serde_json::from_str(&text).unwrap_or(Value::Null)
}

fn email(who: Who) -> String {
    format!("{}@pages.example", who.name())
}

#[tokio::test]
async fn page_matrix_on_every_backend() {
    // Before any database work: an address without a rule fails right here.
    let routes = routes_with_rules();
    let config = WebConfig {
        // The matrix signs in and resets often from one address.
        rate_limits: RateLimitConfig {
            client_burst: 10_000,
            client_every: Duration::from_millis(1),
            account_burst: 10_000,
            account_every: Duration::from_millis(1),
        },
        ..WebConfig::default()
    };
    let mut mismatches = Vec::new();
    let mut checked = 0usize;
    for db in TestDb::all().await.unwrap() {
        let backend = db.url.split(':').next().unwrap_or("?").to_owned();
        let s = Server::start(db, config.clone()).await;
        let admin = testing::admin(&s.dir, &email(Who::Admin)).await.unwrap();
        let t = testing::token(&s.dir, &admin, TokenScope::Write)
            .await
            .unwrap();

        // --- what the demo holds ------------------------------------------
        let schedule = ok(
            &s,
            &t,
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
        let listed = ok(
            &s,
            &t,
            "GET",
            &format!("/api/v1/memberships?network={NETWORK}&limit=500"),
            None,
        )
        .await;
        let member_org = listed["items"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|m| m["role"] == "member" && m.get("left_on").is_none())
            .map(|m| m["organization"].as_str().unwrap().to_owned())
            .find(|o| rotation.contains(o))
            .expect("a current member of the network in the rotation");

        // --- the actors -----------------------------------------------------
        let invite = |who: Who, org: Option<&'static str>, net, role| {
            let (dir, admin) = (s.dir.clone(), &admin);
            async move {
                testing::invited(&dir, admin, &email(who), org, net, role)
                    .await
                    .unwrap()
            }
        };
        let member_org: &'static str = Box::leak(member_org.into_boxed_str());
        let mut sessions: Vec<Option<NewSession>> = vec![
            None,
            Some(invite(Who::Guest, None, NETWORK, Some(NetworkRole::Guest)).await),
            Some(invite(Who::Other, None, OTHER_NETWORK, Some(NetworkRole::Member)).await),
            Some(invite(Who::Member, Some(member_org), NETWORK, None).await),
            Some(
                invite(
                    Who::Coordinator,
                    None,
                    NETWORK,
                    Some(NetworkRole::Coordinator),
                )
                .await,
            ),
            Some(admin.clone()),
        ];
        let target = invite(Who::Anonymous, None, NETWORK, Some(NetworkRole::Guest)).await;

        // --- throwaways, one set per actor ----------------------------------
        let meeting = dates[0].clone();
        let exception_dates: Vec<String> = dates[1..=ACTORS.len()].to_vec();
        let mut fx = Fixture {
            meeting: meeting.clone(),
            exception_dates: exception_dates.clone(),
            agenda_points: Vec::new(),
            memberships: Vec::new(),
            cohorts: Vec::new(),
            calls: Vec::new(),
            tokens: Vec::new(),
            series: Vec::new(),
            membership: 0,
            target_person: target.person.id,
            cooperation: s
                .dir
                .unrestricted()
                .cooperations(None)
                .await
                .unwrap()
                .first()
                .expect("the demo has a cooperation")
                .id,
            project: String::new(),
            experience: 0,
            task: 0,
            applications: Vec::new(),
            tasks: Vec::new(),
            event: 0,
            events: Vec::new(),
            registrations: Vec::new(),
        };
        let event = json!({"network": NETWORK, "title": "Seitenmatrix-Workshop", "capacity": 100,
                           "starts_at": "2099-03-04T09:30:00+01:00", "ends_at": "2099-03-04T16:00:00+01:00",
                           "registration": "network"});
        let events_path = format!("/api/v1/networks/{NETWORK}/events");
        fx.event = ok(&s, &t, "POST", &events_path, Some(event.clone())).await["id"]
            .as_i64()
            .unwrap();
        ok(
            &s,
            &t,
            "POST",
            &format!("/api/v1/networks/{NETWORK}/applications"),
            Some(json!({"network": NETWORK, "slug": APPLICATION, "title": "Seitenmatrix-Antrag", "lead": member_org})),
        )
        .await;
        let tasks_path = format!("/api/v1/networks/{NETWORK}/applications/{APPLICATION}/tasks");
        let task = json!({"organization": member_org, "title": "Seitenmatrix-Aufgabe"});
        fx.task = ok(&s, &t, "POST", &tasks_path, Some(task.clone())).await["id"]
            .as_i64()
            .unwrap();
        let made = ok(
            &s,
            &t,
            "POST",
            "/api/v1/projects",
            Some(json!({"organization": member_org, "network": NETWORK, "title": "Seitenmatrixprojekt",
                        "summary": "Ein Projekt der Matrix.", "topics": ["administration"]})),
        )
        .await;
        fx.project = made["key"].as_str().unwrap().to_owned();
        let made = ok(
            &s,
            &t,
            "POST",
            "/api/v1/experiences",
            Some(json!({"organization": member_org, "network": NETWORK, "title": "Seitenmatrixbericht",
                        "text": "Was die Matrix lernte.", "topics": ["administration"]})),
        )
        .await;
        fx.experience = made["key"].as_str().unwrap().parse().unwrap();
        ok(
            &s,
            &t,
            "POST",
            "/api/v1/organizations",
            Some(json!({"slug": "pm-fest", "name": "Seitenmatrix fest",
                        "kind": "municipality", "states": ["RP"], "source": "fiktiv"})),
        )
        .await;
        let m = ok(
            &s,
            &t,
            "POST",
            "/api/v1/memberships",
            Some(json!({"organization": "pm-fest", "network": NETWORK, "role": "member"})),
        )
        .await;
        fx.membership = m["id"].as_i64().unwrap();
        ok(
            &s,
            &t,
            "POST",
            &format!("/api/v1/networks/{NETWORK}/cohorts"),
            Some(json!({"network": NETWORK, "slug": COHORT, "name": "Seitenmatrix-Kohorte"})),
        )
        .await;
        ok(
            &s,
            &t,
            "POST",
            &format!("/api/v1/networks/{NETWORK}/funding-calls"),
            Some(json!({"network": NETWORK, "slug": CALL, "funder": "Seitenmatrix", "title": "Seitenmatrix-Aufruf", "deadline": "2099-01-31"})),
        )
        .await;
        ok(
            &s,
            &t,
            "PUT",
            &format!("/api/v1/networks/{NETWORK}/groups/{GROUP}"),
            Some(json!({"slug": GROUP, "name": "Seitenmatrix-Gruppe", "members": []})),
        )
        .await;
        for who in ACTORS {
            let org = format!("pm-{}", who.name());
            ok(
                &s,
                &t,
                "POST",
                "/api/v1/organizations",
                Some(json!({"slug": org, "name": format!("Seitenmatrix {org}"),
                            "kind": "municipality", "states": ["RP"], "source": "fiktiv"})),
            )
            .await;
            let m = ok(
                &s,
                &t,
                "POST",
                "/api/v1/memberships",
                Some(json!({"organization": org, "network": NETWORK, "role": "member"})),
            )
            .await;
            fx.memberships.push(m["id"].as_i64().unwrap());
            let cohort = format!("pm-k-{}", who.name());
            ok(
                &s,
                &t,
                "POST",
                &format!("/api/v1/networks/{NETWORK}/cohorts"),
                Some(json!({"network": NETWORK, "slug": cohort, "name": format!("Kohorte {cohort}")})),
            )
            .await;
            fx.cohorts.push(cohort);
            let call = format!("pm-f-{}", who.name());
            ok(
                &s,
                &t,
                "POST",
                &format!("/api/v1/networks/{NETWORK}/funding-calls"),
                Some(json!({"network": NETWORK, "slug": call, "funder": "Seitenmatrix", "title": format!("Aufruf {call}"), "deadline": "2099-01-31"})),
            )
            .await;
            fx.calls.push(call);
            let application = format!("pm-a-{}", who.name());
            ok(
                &s,
                &t,
                "POST",
                &format!("/api/v1/networks/{NETWORK}/applications"),
                Some(json!({"network": NETWORK, "slug": application, "title": "Wegwerfantrag", "lead": member_org})),
            )
            .await;
            fx.applications.push(application);
            let made = ok(&s, &t, "POST", &tasks_path, Some(task.clone())).await;
            fx.tasks.push(made["id"].as_i64().unwrap());
            let made = ok(&s, &t, "POST", &events_path, Some(event.clone())).await;
            fx.events.push(made["id"].as_i64().unwrap());
            let made = ok(
                &s,
                &t,
                "POST",
                &format!("/api/v1/events/{}/registrations", fx.event),
                Some(json!({"name": format!("Gast {}", who.name()), "email": format!("{}@seitenmatrix.example", who.name())})),
            )
            .await;
            fx.registrations.push(made["id"].as_i64().unwrap());
            let series = format!("pm-reihe-{}", who.name());
            ok(
                &s,
                &t,
                "POST",
                "/api/v1/series",
                Some(json!({"slug": series, "title": format!("Seitenmatrixreihe {}", who.name()),
                            "network": NETWORK, "rule": "FREQ=MONTHLY;BYDAY=3WE",
                            "start": "2025-01-15T18:00", "hosting": "fixed", "host": COORDINATOR_ORG})),
            )
            .await;
            fx.series.push(series);
            ok(
                &s,
                &t,
                "PUT",
                &format!(
                    "/api/v1/series/{SERIES}/exceptions/{}",
                    exception_dates[who.index()]
                ),
                Some(json!({"kind": "cancel", "note": "Wegwerfausnahme"})),
            )
            .await;
            let p = ok(
                &s,
                &t,
                "POST",
                &format!("/api/v1/series/{SERIES}/meetings/{meeting}/agenda"),
                Some(json!({"text": format!("Wegwerfpunkt {}", who.name())})),
            )
            .await;
            fx.agenda_points.push(p["id"].as_i64().unwrap());
            let token = match &sessions[who.index()] {
                Some(session) => {
                    let actor = s.dir.actor(&session.person, Scope::Write).await.unwrap();
                    s.dir
                        .create_api_token(&actor, "Seitenmatrix", TokenScope::Read)
                        .await
                        .unwrap()
                        .record
                        .id
                }
                None => 0,
            };
            fx.tokens.push(token);
        }

        // --- a lounge with a drawn round -----------------------------------
        ok(
            &s,
            &t,
            "POST",
            "/api/v1/series",
            Some(json!({"slug": LOUNGE, "title": "Seitenmatrix-Lounge",
                        "network": NETWORK, "rule": "FREQ=MONTHLY;BYDAY=3WE",
                        "start": "2025-01-15T18:00"})),
        )
        .await;
        let lounge = s.dir.app().lounge(&App::operator());
        let lounge_slug = LOUNGE.parse().unwrap();
        lounge
            .set_settings(&lounge_slug, Some(&LoungeSettings::default()))
            .await
            .unwrap();
        let day = LOUNGE_DATE.parse().unwrap();
        for (i, org) in [member_org, COORDINATOR_ORG, "pm-fest"].iter().enumerate() {
            let guest = CheckIn {
                person: None,
                organization: Some(org.parse().unwrap()),
                name: Some(format!("Gast {i}")),
            };
            lounge.check_in(&lounge_slug, day, &guest).await.unwrap();
        }
        lounge
            .draw(&lounge_slug, day, &DrawRequest::default())
            .await
            .unwrap();

        // --- the matrix -----------------------------------------------------
        for (route, rule) in &routes {
            for who in ACTORS {
                let path = fill(&route.path, who, &fx);
                let b = sessions[who.index()].as_ref().map(browser);
                let got = if route.method == "GET" {
                    s.get(&path, b.as_ref()).await
                } else {
                    s.post(&path, b.as_ref(), &[]).await
                };
                checked += 1;
                if let Err(why) = judge(*rule, who, got.status, got.header("location")) {
                    mismatches.push(format!(
                        "[{backend}] {} {} as {}: {why}",
                        route.method,
                        path,
                        who.name()
                    ));
                }
                // A form that ended the session: sign in again for the next.
                if ENDS_SESSION.contains(&route.path.as_str())
                    && let Some(old) = &sessions[who.index()]
                {
                    sessions[who.index()] = Some(
                        s.dir
                            .sign_in(old.person.email.as_str(), testing::PASSWORD)
                            .await
                            .unwrap()
                            .expect("signs in again"),
                    );
                }
            }
        }
        s.stop().await;
    }
    assert!(
        mismatches.is_empty(),
        "{} of {checked} answers differ from the page matrix:\n{}",
        mismatches.len(),
        mismatches.join("\n")
    );
}
