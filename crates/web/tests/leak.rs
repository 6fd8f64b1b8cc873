//! The trusted space holds: a network-only network, its series, and
//! network-only agenda points and minutes in a public series never reach an
//! outsider — not in any API list, count or item, page, title, feed or
//! error message — while its members do see them (so the test cannot pass
//! by showing nothing to anyone). The lounge is members-only even in a
//! public network: who checked in, the rooms and who met whom reach neither
//! an anonymous visitor (asked to sign in) nor a signed-in outsider (the
//! answer for a series that is no lounge, byte for byte, whatever the
//! lounge holds).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use knotenpunkt_app::domain::{NetworkRole, TokenScope};
use knotenpunkt_app::testing;
use knotenpunkt_app::{App, load_demo};
use knotenpunkt_store::testing::TestDb;
use knotenpunkt_web::{AppState, WebConfig, serve};
use reqwest::{Client, StatusCode};
use serde_json::{Value, json};

/// Texts that exist only inside the hidden network or in network-only items.
const SECRETS: &[&str] = &[
    "Geheimnetz Pilot",
    "GEHEIM-BESCHREIBUNG",
    "Geheimer Stammtisch",
    "GEHEIM-AGENDA",
    "GEHEIM-PROTOKOLL",
    "GEHEIM-STAFFEL",
    "GEHEIM-LOUNGE",
    "GEHEIM-PROJEKT",
    "GEHEIM-ERFAHRUNG",
    "GEHEIM-AUFRUF",
    "GEHEIM-ANTRAG",
    "GEHEIM-VERANSTALTUNG",
];

/// GET addresses the leak test does not fetch, and why none of them can
/// show a network's items to an outsider. Every other GET address the
/// server answers must be fetched below, so a new page, feed or API list
/// is checked from the day it is added.
const NOT_FETCHED: &[(&str, &str)] = &[
    ("/static/style.css", "the stylesheet"),
    ("/healthz", "a probe"),
    (
        "/veranstaltungen/bestaetigen/{token}",
        "a button that confirms a registration; it names no event until pressed with a valid link",
    ),
    ("/readyz", "a probe"),
    (
        "/veranstaltungen/abmelden/{token}",
        "a button behind a signed link; it names the event only of the registration it was made for",
    ),
    (
        "/erinnerungen/abbestellen/{token}",
        "a button behind a signed link; it names only a kind of reminder",
    ),
    ("/anmelden", "the sign-in form"),
    ("/passwort/vergessen", "the reset form"),
    ("/passwort/neu/{token}", "a form behind a secret link"),
    ("/einladung/{token}", "a form behind a secret link"),
    ("/konto", "one's own account"),
    ("/konto/daten.json", "one's own data"),
    ("/api/v1/me/reminders", "one's own reminder choices"),
    (
        "/kalender/person/{file}",
        "one's own feed behind a secret (feeds.rs checks what it shows)",
    ),
    ("/{*rest}", "the not-found page"),
    (
        "/reihen/{slug}/{date}/lounge/runden/{round}/raeume/{room}",
        "redirects into a room's video, for people seated in it and coordinators only \
         (lounge_pages.rs and lounge_api.rs check who may enter)",
    ),
];

/// Whether `path` (query ignored) is an address of the route `template`.
fn is_address_of(template: &str, path: &str) -> bool {
    let path = path.split('?').next().unwrap_or(path);
    let t: Vec<&str> = template.split('/').collect();
    let p: Vec<&str> = path.split('/').collect();
    if t.last().is_some_and(|s| s.starts_with("{*")) {
        return p.len() >= t.len();
    }
    t.len() == p.len()
        && t.iter()
            .zip(&p)
            .all(|(t, p)| t == p || (t.starts_with('{') && t.ends_with('}')))
}

/// Every GET address the server answers, as templates: pages and feeds
/// from the router's own table, the API from its OpenAPI document.
fn get_templates() -> Vec<String> {
    let mut all: Vec<String> = knotenpunkt_web::page_routes()
        .into_iter()
        .filter(|r| r.method == "GET")
        .map(|r| r.path)
        .collect();
    let doc = serde_json::to_value(knotenpunkt_web::api::openapi()).unwrap();
    for (path, item) in doc["paths"].as_object().unwrap() {
        if item.get("get").is_some() {
            all.push(path.clone());
        }
    }
    all
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
    async fn fetch(&self, path: &str, token: Option<&str>) -> (StatusCode, String) {
        let mut req = self.client.get(format!("{}{path}", self.base));
        if let Some(t) = token {
            req = req.bearer_auth(t);
        }
        let res = req.send().await.unwrap();
        (res.status(), res.text().await.unwrap())
    }

    /// Sends a write that must succeed; answers the body.
    async fn send(&self, method: reqwest::Method, path: &str, token: &str, body: Value) -> String {
        let res = self
            .client
            .request(method, format!("{}{path}", self.base))
            .bearer_auth(token)
            .json(&body)
            .send()
            .await
            .unwrap();
        let status = res.status();
        let text = res.text().await.unwrap();
        assert!(status.is_success(), "{path}: {status} {text}");
        text
    }
}

#[tokio::test]
async fn network_only_items_never_reach_outsiders() {
    for db in TestDb::all().await.unwrap() {
        let dir = App::new(db.store.clone()).directory(&App::operator());
        load_demo(dir.app()).await.unwrap();
        let admin = testing::admin(&dir, "admin@test.example").await.unwrap();
        let admin_token = testing::token(&dir, &admin, TokenScope::Write)
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
        let (_, before) = s.fetch("/api/v1/networks", None).await;
        let networks_before: Value = serde_json::from_str(&before).unwrap();

        // The hidden network, a membership, a series, and secret records in
        // a public series.
        use reqwest::Method;
        s.send(
            Method::POST,
            "/api/v1/networks",
            &admin_token,
            json!({"slug": "geheimnetz", "name": "Geheimnetz Pilot",
                   "description": "GEHEIM-BESCHREIBUNG", "visibility": "network"}),
        )
        .await;
        s.send(
            Method::POST,
            "/api/v1/memberships",
            &admin_token,
            json!({"organization": "kaiserslautern", "network": "geheimnetz", "role": "member"}),
        )
        .await;
        s.send(
            Method::POST,
            "/api/v1/series",
            &admin_token,
            json!({"slug": "geheimer-stammtisch", "title": "Geheimer Stammtisch",
                   "network": "geheimnetz", "rule": "FREQ=MONTHLY;BYDAY=3WE",
                   "start": "2025-01-15T18:00", "hosting": "fixed", "host": "kaiserslautern"}),
        )
        .await;
        // Writes inside the hidden network work for those who may see it.
        let (_, hidden) = s
            .fetch(
                "/api/v1/series/geheimer-stammtisch/meetings",
                Some(&admin_token),
            )
            .await;
        let hidden: Value = serde_json::from_str(&hidden).unwrap();
        let hidden_date = hidden["meetings"][0]["date"].as_str().unwrap().to_owned();
        let hidden_evening = hidden["meetings"][1]["date"].as_str().unwrap().to_owned();
        s.send(
            Method::PUT,
            &format!("/api/v1/series/geheimer-stammtisch/exceptions/{hidden_date}"),
            &admin_token,
            json!({"kind": "cancel", "note": "GEHEIM-BESCHREIBUNG: Absage"}),
        )
        .await;
        s.send(
            Method::POST,
            "/api/v1/networks/geheimnetz/cohorts",
            &admin_token,
            json!({"network": "geheimnetz", "slug": "geheime-staffel", "name": "GEHEIM-STAFFEL"}),
        )
        .await;
        s.send(
            Method::POST,
            "/api/v1/networks/geheimnetz/funding-calls",
            &admin_token,
            json!({"network": "geheimnetz", "slug": "geheimer-aufruf", "funder": "Geheimministerium",
                   "title": "GEHEIM-AUFRUF Datenräume", "deadline": "2099-12-31"}),
        )
        .await;
        // Joint applications: one in the hidden network, one shared only
        // with a public network the outsider is no member of (from a
        // cooperation, whose partners' pages list it for those who see it).
        for (network, slug, cooperation) in [
            ("geheimnetz", "geheimer-antrag", None),
            ("modellprojekte-smart-cities", "netz-antrag", Some(1)),
        ] {
            s.send(
                Method::POST,
                &format!("/api/v1/networks/{network}/applications"),
                &admin_token,
                json!({"network": network, "slug": slug, "title": "GEHEIM-ANTRAG Datenraum",
                       "lead": "kaiserslautern", "partners": ["dfki"], "cooperation": cooperation,
                       "description": "GEHEIM-ANTRAG Beschreibung"}),
            )
            .await;
            s.send(
                Method::POST,
                &format!("/api/v1/networks/{network}/applications/{slug}/tasks"),
                &admin_token,
                json!({"organization": "dfki", "title": "GEHEIM-ANTRAG Aufgabe"}),
            )
            .await;
        }
        // Events: one in the hidden network, one network-only in a public
        // network the outsider is no member of.
        let mut hidden_events = Vec::new();
        for network in ["geheimnetz", "modellprojekte-smart-cities"] {
            let made = s
                .send(
                    Method::POST,
                    &format!("/api/v1/networks/{network}/events"),
                    &admin_token,
                    json!({"network": network, "title": "GEHEIM-VERANSTALTUNG Workshop",
                           "description": "GEHEIM-VERANSTALTUNG", "registration": "network",
                           "starts_at": "2099-03-04T09:30:00+01:00", "ends_at": "2099-03-04T16:00:00+01:00",
                           "capacity": 10}),
                )
                .await;
            let made: Value = serde_json::from_str(&made).unwrap();
            hidden_events.push(made["id"].as_i64().unwrap());
        }
        s.send(
            Method::PUT,
            "/api/v1/networks/geheimnetz/groups/geheimrat",
            &admin_token,
            json!({"slug": "geheimrat", "name": "GEHEIM-STAFFEL Rat", "members": []}),
        )
        .await;
        let (_, hidden_members) = s
            .fetch("/api/v1/memberships?network=geheimnetz", Some(&admin_token))
            .await;
        let hidden_members: Value = serde_json::from_str(&hidden_members).unwrap();
        let hidden_membership = hidden_members["items"][0]["id"].as_i64().unwrap();
        let (_, meetings) = s
            .fetch(
                "/api/v1/series/monatstreffen-staffel-1/meetings",
                Some(&admin_token),
            )
            .await;
        let meetings: Value = serde_json::from_str(&meetings).unwrap();
        let date = meetings["meetings"][0]["date"].as_str().unwrap().to_owned();
        let meeting = format!("/api/v1/series/monatstreffen-staffel-1/meetings/{date}");
        s.send(
            Method::POST,
            &format!("{meeting}/agenda"),
            &admin_token,
            json!({"text": "GEHEIM-AGENDA: was schiefging"}),
        )
        .await;
        s.send(
            Method::PUT,
            &format!("{meeting}/minutes"),
            &admin_token,
            json!({"text": "GEHEIM-PROTOKOLL: offen gesprochen"}),
        )
        .await;

        // The knowledge exchange: a project and an experience shared with
        // the hidden network only, and a public project of another city on
        // the same subject, whose "similar" section must not name them.
        s.send(
            Method::POST,
            "/api/v1/projects",
            &admin_token,
            json!({"slug": "geheimnetz-projekt", "organization": "kaiserslautern",
                   "network": "geheimnetz", "visibility": "network",
                   "title": "GEHEIM-PROJEKT Parkhaus", "text": "Bodensensoren im Parkhaus erproben.",
                   "topics": ["mobility"]}),
        )
        .await;
        let res = s
            .client
            .post(format!("{}/api/v1/experiences", s.base))
            .bearer_auth(&admin_token)
            .json(
                &json!({"organization": "kaiserslautern", "network": "geheimnetz",
                          "visibility": "network", "project": "geheimnetz-projekt",
                          "title": "GEHEIM-ERFAHRUNG Parkhaus", "outcome": "failed",
                          "text": "Die Bodensensoren im Parkhaus meldeten bei Nässe belegt.",
                          "topics": ["mobility"], "lang": "de"}),
            )
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), StatusCode::CREATED);
        let made: Value = res.json().await.unwrap();
        let hidden_experience = made["key"].as_str().unwrap().to_owned();
        s.send(
            Method::POST,
            "/api/v1/projects",
            &admin_token,
            json!({"slug": "parkhaus-sensorik", "organization": "ulm",
                   "title": "Parkhaus-Sensorik", "text": "Bodensensoren zeigen freie Plätze im Parkhaus.",
                   "topics": ["mobility"]}),
        )
        .await;

        // Lounges: in the hidden network, and in a public series of a public
        // network the outsider is no member of, with guests, a round drawn
        // and so encounters.
        s.send(
            Method::PUT,
            "/api/v1/series/geheimer-stammtisch/lounge",
            &admin_token,
            json!({}),
        )
        .await;
        s.send(
            Method::POST,
            &format!(
                "/api/v1/series/geheimer-stammtisch/meetings/{hidden_evening}/lounge/checkins"
            ),
            &admin_token,
            json!({"organization": "kaiserslautern", "name": "GEHEIM-LOUNGE Gast im Geheimnetz"}),
        )
        .await;
        s.send(
            Method::PUT,
            "/api/v1/series/monatstreffen-staffel-1/lounge",
            &admin_token,
            json!({"room_size": 2, "seating": "apart"}),
        )
        .await;
        let (_, smart) = s
            .fetch(
                "/api/v1/memberships?network=modellprojekte-smart-cities&limit=500",
                Some(&admin_token),
            )
            .await;
        let smart: Value = serde_json::from_str(&smart).unwrap();
        let smart_orgs: Vec<String> = smart["items"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|m| m["role"] == "member" && m.get("left_on").is_none())
            .map(|m| m["organization"].as_str().unwrap().to_owned())
            .take(4)
            .collect();
        assert_eq!(smart_orgs.len(), 4, "{smart}");
        let mut lounge_guests = Vec::new();
        for (i, org) in smart_orgs.iter().enumerate() {
            let res = s
                .client
                .post(format!("{}{meeting}/lounge/checkins", s.base))
                .bearer_auth(&admin_token)
                .json(&json!({"organization": org, "name": format!("GEHEIM-LOUNGE Gast {i}")}))
                .send()
                .await
                .unwrap();
            assert_eq!(res.status(), StatusCode::CREATED);
            let v: Value = res.json().await.unwrap();
            lounge_guests.push(v["id"].as_i64().unwrap());
        }
        s.send(
            Method::POST,
            &format!("{meeting}/lounge/rounds"),
            &admin_token,
            json!({}),
        )
        .await;
        // An ordinary public series of the same network, to compare with.
        s.send(
            Method::POST,
            "/api/v1/series",
            &admin_token,
            json!({"slug": "offene-runde", "title": "Offene Runde",
                   "network": "modellprojekte-smart-cities", "rule": "FREQ=MONTHLY;BYDAY=3WE",
                   "start": "2025-01-15T18:00", "hosting": "fixed", "host": smart_orgs[0]}),
        )
        .await;
        let (_, open) = s
            .fetch("/api/v1/series/offene-runde/meetings", Some(&admin_token))
            .await;
        let open: Value = serde_json::from_str(&open).unwrap();
        let open_date = open["meetings"][0]["date"].as_str().unwrap().to_owned();

        // Each API change is in the hidden network's audit log.
        let admin_actor = dir
            .actor(&admin.person, knotenpunkt_app::access::Scope::Write)
            .await
            .unwrap();
        let log = dir
            .audit_log(
                &admin_actor,
                Some(&"geheimnetz".parse().unwrap()),
                knotenpunkt_app::Page::ALL,
            )
            .await
            .unwrap();
        let actions: Vec<&str> = log.items.iter().map(|e| e.action.as_str()).collect();
        for expected in ["membership.create", "series.create", "exception.cancel"] {
            assert!(actions.contains(&expected), "{expected} not in {actions:?}");
        }
        assert!(
            log.items
                .iter()
                .all(|e| e.actor_name == "Test-Administration")
        );

        // Readers: an insider (a person of Kaiserslautern, which is a member
        // of the hidden network and of the Smart Cities network), an
        // outsider (member of IKONE DS only) and an anonymous visitor.
        let insider = testing::invited(
            &dir,
            &admin,
            "insider@test.example",
            Some("kaiserslautern"),
            "geheimnetz",
            None,
        )
        .await
        .unwrap();
        let insider = testing::token(&dir, &insider, TokenScope::Read)
            .await
            .unwrap();
        let outsider = testing::invited(
            &dir,
            &admin,
            "outsider@test.example",
            None,
            "ikone-ds",
            Some(NetworkRole::Member),
        )
        .await
        .unwrap();
        let outsider_writes = testing::token(&dir, &outsider, TokenScope::Write)
            .await
            .unwrap();
        let outsider = testing::token(&dir, &outsider, TokenScope::Read)
            .await
            .unwrap();

        let paths = [
            "/api/v1/networks".to_owned(),
            "/api/v1/networks?q=geheim".to_owned(),
            "/api/v1/networks/geheimnetz".to_owned(),
            "/api/v1/networks/geheimnetz/cohorts".to_owned(),
            "/api/v1/networks/geheimnetz/meetings".to_owned(),
            "/api/v1/networks/geheimnetz/working-groups".to_owned(),
            "/api/v1/networks/geheimnetz/working-groups/geheimrat".to_owned(),
            "/api/v1/memberships".to_owned(),
            "/api/v1/memberships?organization=kaiserslautern".to_owned(),
            "/api/v1/memberships?network=geheimnetz".to_owned(),
            "/api/v1/organizations?network=geheimnetz".to_owned(),
            "/api/v1/organizations/kaiserslautern/host-turns".to_owned(),
            "/api/v1/series".to_owned(),
            "/api/v1/series?network=geheimnetz".to_owned(),
            "/api/v1/series/geheimer-stammtisch".to_owned(),
            "/api/v1/series/geheimer-stammtisch/meetings".to_owned(),
            "/api/v1/series/geheimer-stammtisch/exceptions".to_owned(),
            "/api/v1/series/monatstreffen-staffel-1/meetings".to_owned(),
            meeting.clone(),
            "/".to_owned(),
            "/netzwerke".to_owned(),
            "/netzwerke/geheimnetz".to_owned(),
            "/netzwerke/geheimnetz/kalender".to_owned(),
            "/organisationen".to_owned(),
            "/organisationen/kaiserslautern".to_owned(),
            "/reihen/geheimer-stammtisch".to_owned(),
            "/reihen/monatstreffen-staffel-1".to_owned(),
            format!("/reihen/monatstreffen-staffel-1/{date}"),
            // the lounge's pages: members-only
            format!("/reihen/geheimer-stammtisch/{hidden_evening}/lounge"),
            format!("/reihen/monatstreffen-staffel-1/{date}/lounge"),
            "/netzwerke/geheimnetz/begegnungen".to_owned(),
            "/netzwerke/modellprojekte-smart-cities/begegnungen".to_owned(),
            "/kalender/netzwerke/geheimnetz.ics".to_owned(),
            "/kalender/reihen/geheimer-stammtisch.ics".to_owned(),
            "/kalender/reihen/monatstreffen-staffel-1.ics".to_owned(),
            // the rest of the API's reads
            "/api/v1/organizations".to_owned(),
            "/api/v1/organizations/kaiserslautern".to_owned(),
            "/api/v1/cooperations".to_owned(),
            "/api/v1/cooperations/1".to_owned(),
            format!("/api/v1/memberships/{hidden_membership}"),
            "/api/v1/networks/geheimnetz/groups".to_owned(),
            "/api/v1/networks/geheimnetz/cohorts/geheime-staffel".to_owned(),
            "/api/v1/networks/geheimnetz/funding-calls".to_owned(),
            "/api/v1/networks/geheimnetz/funding-calls/geheimer-aufruf".to_owned(),
            "/api/v1/networks/geheimnetz/applications".to_owned(),
            "/api/v1/networks/geheimnetz/applications/geheimer-antrag".to_owned(),
            "/api/v1/networks/modellprojekte-smart-cities/applications".to_owned(),
            "/api/v1/networks/modellprojekte-smart-cities/applications/netz-antrag".to_owned(),
            "/api/v1/networks/geheimnetz/events".to_owned(),
            "/api/v1/networks/modellprojekte-smart-cities/events".to_owned(),
            format!("/api/v1/events/{}", hidden_events[0]),
            format!("/api/v1/events/{}", hidden_events[1]),
            format!("/veranstaltungen/{}", hidden_events[0]),
            format!("/veranstaltungen/{}", hidden_events[1]),
            format!("/veranstaltungen/{}/bearbeiten", hidden_events[1]),
            format!("/veranstaltungen/{}/teilnehmende.csv", hidden_events[1]),
            format!("/kalender/veranstaltungen/{}.ics", hidden_events[0]),
            format!("/kalender/veranstaltungen/{}.ics", hidden_events[1]),
            "/netzwerke/geheimnetz/veranstaltungen/neu".to_owned(),
            format!("/api/v1/series/geheimer-stammtisch/meetings/{hidden_date}"),
            // the lounge: members-only, in the hidden network and in a public one
            "/api/v1/series/geheimer-stammtisch/lounge".to_owned(),
            format!("/api/v1/series/geheimer-stammtisch/meetings/{hidden_evening}/lounge"),
            "/api/v1/networks/geheimnetz/encounters".to_owned(),
            "/api/v1/series/monatstreffen-staffel-1/lounge".to_owned(),
            format!("{meeting}/lounge"),
            "/api/v1/networks/modellprojekte-smart-cities/encounters".to_owned(),
            // search: results, totals, facets and snippets (the words are
            // lowercase so that an echoed query is no secret itself)
            "/api/v1/search?q=geheim".to_owned(),
            "/api/v1/search?q=geheim&kind=agenda,minutes,series,network".to_owned(),
            "/api/v1/search?q=geheim&network=geheimnetz".to_owned(),
            "/api/v1/search?q=geheimnetz%20pilot".to_owned(),
            "/api/v1/search?q=stammtisch".to_owned(),
            "/api/v1/search?q=offen%20gesprochen".to_owned(),
            "/api/v1/search?q=schiefging".to_owned(),
            "/suche?q=geheim".to_owned(),
            "/suche?q=stammtisch".to_owned(),
            "/suche?q=offen+gesprochen&kind=minutes".to_owned(),
            "/api/v1/search?q=bodensensoren%20parkhaus".to_owned(),
            "/api/v1/search?q=parkhaus&kind=experience,project&outcome=failed".to_owned(),
            "/suche?q=bodensensoren".to_owned(),
            // the knowledge exchange: lists, pages, "similar", forms
            "/api/v1/projects".to_owned(),
            "/api/v1/projects?organization=kaiserslautern".to_owned(),
            "/api/v1/projects/geheimnetz-projekt".to_owned(),
            "/api/v1/projects/parkhaus-sensorik".to_owned(),
            "/api/v1/experiences".to_owned(),
            "/api/v1/experiences?outcome=failed".to_owned(),
            format!("/api/v1/experiences/{hidden_experience}"),
            "/projekte".to_owned(),
            "/projekte?topic=mobility".to_owned(),
            "/projekte/geheimnetz-projekt".to_owned(),
            "/projekte/geheimnetz-projekt/bearbeiten".to_owned(),
            "/projekte/parkhaus-sensorik".to_owned(),
            "/projekte/neu".to_owned(),
            "/erfahrungen".to_owned(),
            "/erfahrungen?outcome=failed".to_owned(),
            format!("/erfahrungen/{hidden_experience}"),
            format!("/erfahrungen/{hidden_experience}/bearbeiten"),
            "/erfahrungen/neu".to_owned(),
            // working groups: the list, a group's page, the forms
            "/netzwerke/geheimnetz/arbeitsgruppen".to_owned(),
            "/netzwerke/geheimnetz/arbeitsgruppen/geheimrat".to_owned(),
            "/netzwerke/geheimnetz/arbeitsgruppen/geheimrat/bearbeiten".to_owned(),
            "/netzwerke/geheimnetz/arbeitsgruppen/neu".to_owned(),
            // joint applications: the pipeline, the page, the forms
            "/netzwerke/geheimnetz/antraege".to_owned(),
            "/netzwerke/geheimnetz/antraege/geheimer-antrag".to_owned(),
            "/netzwerke/geheimnetz/antraege/geheimer-antrag/bearbeiten".to_owned(),
            "/netzwerke/geheimnetz/antraege/neu".to_owned(),
            "/netzwerke/modellprojekte-smart-cities/antraege".to_owned(),
            "/netzwerke/modellprojekte-smart-cities/antraege/netz-antrag".to_owned(),
            "/netzwerke/modellprojekte-smart-cities/antraege/netz-antrag/bearbeiten".to_owned(),
            "/organisationen/dfki".to_owned(),
            // forms: refused to outsiders, and the refusal gives nothing away
            "/organisationen/kaiserslautern/bearbeiten".to_owned(),
            format!("/reihen/geheimer-stammtisch/{hidden_date}"),
            // the platform administration: admins only
            "/verwaltung".to_owned(),
            "/verwaltung/netzwerke/neu".to_owned(),
            "/verwaltung/organisationen/neu".to_owned(),
            "/verwaltung/kooperationen/neu".to_owned(),
            "/verwaltung/kooperationen/1".to_owned(),
            "/verwaltung/netzwerke/geheimnetz/loeschen".to_owned(),
            "/verwaltung/organisationen/kaiserslautern/loeschen".to_owned(),
        ];
        // The management pages of the hidden network, every one of them.
        let mut paths = paths.to_vec();
        for r in knotenpunkt_web::page_routes() {
            if r.method == "GET" && r.path.starts_with("/netzwerke/{slug}/verwaltung") {
                paths.push(
                    r.path
                        .replace("{slug}", "geheimnetz")
                        .replace("{series}", "geheimer-stammtisch")
                        .replace("{cohort}", "geheime-staffel")
                        .replace("{call}", "geheimer-aufruf")
                        .replace("{id}", &hidden_membership.to_string()),
                );
            }
        }
        let unfetched: Vec<String> = get_templates()
            .into_iter()
            .filter(|t| {
                !NOT_FETCHED.iter().any(|(n, _)| n == t)
                    && !paths.iter().any(|p| is_address_of(t, p))
            })
            .collect();
        assert!(
            unfetched.is_empty(),
            "GET addresses the leak test neither fetches nor explains: {unfetched:?}"
        );
        let mut insider_saw = std::collections::BTreeSet::new();
        for path in &paths {
            for (who, token) in [("anonymous", None), ("outsider", Some(outsider.as_str()))] {
                let (status, body) = s.fetch(path, token).await;
                assert!(
                    [
                        StatusCode::OK,
                        StatusCode::NOT_FOUND,
                        StatusCode::UNAUTHORIZED,
                        StatusCode::FORBIDDEN,
                    ]
                    .contains(&status),
                    "{who} {path}: {status}"
                );
                for secret in SECRETS {
                    assert!(
                        !body.contains(secret),
                        "{who} sees '{secret}' at {path}:\n{body}"
                    );
                }
                // Where the hidden thing is named in the address, the answer
                // is exactly that for something that does not exist.
                if path.contains("geheim") && !path.contains("?q=") {
                    let (st2, body2) = s
                        .fetch(
                            &path
                                .replace("geheimer-stammtisch", "gibt-es-nicht")
                                .replace("geheimnetz", "gibt-es-nicht"),
                            token,
                        )
                        .await;
                    assert_eq!(status, st2, "{who} {path}");
                    assert_eq!(
                        body.replace("geheimer-stammtisch", "gibt-es-nicht")
                            .replace("geheimnetz", "gibt-es-nicht"),
                        body2,
                        "{who} {path} differs from a missing one"
                    );
                }
            }
            let (_, body) = s.fetch(path, Some(&insider)).await;
            for secret in SECRETS {
                if body.contains(secret) {
                    insider_saw.insert(*secret);
                }
            }
        }
        // Search finds the secrets for the insider, not for the others: the
        // search paths above are not vacuous.
        let (_, found) = s.fetch("/api/v1/search?q=geheim", Some(&insider)).await;
        let found: Value = serde_json::from_str(&found).unwrap();
        let kinds: std::collections::BTreeSet<&str> = found["hits"]
            .as_array()
            .unwrap()
            .iter()
            .map(|h| h["kind"].as_str().unwrap())
            .collect();
        assert_eq!(
            kinds.into_iter().collect::<Vec<_>>(),
            [
                "agenda",
                "experience",
                "minutes",
                "network",
                "project",
                "series"
            ],
            "insider: {found}"
        );
        for token in [None, Some(outsider.as_str())] {
            let (_, found) = s.fetch("/api/v1/search?q=geheim", token).await;
            let found: Value = serde_json::from_str(&found).unwrap();
            assert_eq!(found["total"], 0, "{found}");
        }
        // A hidden experience answers exactly like one that does not exist.
        for token in [None, Some(outsider.as_str())] {
            for prefix in ["/erfahrungen/", "/api/v1/experiences/"] {
                let (st, body) = s
                    .fetch(&format!("{prefix}{hidden_experience}"), token)
                    .await;
                let (st2, body2) = s.fetch(&format!("{prefix}987654"), token).await;
                assert_eq!(st, st2, "{prefix}");
                let neutral = |b: &str, id: &str| {
                    b.replace(&format!("{prefix}{id}"), "ID")
                        .replace(&format!("'{id}'"), "ID")
                };
                assert_eq!(
                    neutral(&body, &hidden_experience),
                    neutral(&body2, "987654"),
                    "{prefix}{hidden_experience} differs from a missing one"
                );
            }
        }
        // The insider sees every secret somewhere: the test is not vacuous.
        assert_eq!(
            insider_saw.len(),
            SECRETS.len(),
            "insider saw only {insider_saw:?}"
        );

        // The lounge of the public network: an anonymous visitor is asked to
        // sign in, an outsider gets what a series that is no lounge (or a
        // network without lounges of theirs) gets — so neither check-ins,
        // rooms, names nor encounter counts, nor whether there are any.
        let lounge_reads = [
            (
                "/api/v1/series/monatstreffen-staffel-1/lounge".to_owned(),
                "/api/v1/series/offene-runde/lounge".to_owned(),
            ),
            (
                format!("{meeting}/lounge"),
                format!("/api/v1/series/offene-runde/meetings/{open_date}/lounge"),
            ),
            (
                "/api/v1/networks/modellprojekte-smart-cities/encounters".to_owned(),
                "/api/v1/networks/gibt-es-nicht/encounters".to_owned(),
            ),
        ];
        let same = |a: &str, b: &str| {
            a.replace("monatstreffen-staffel-1", "X")
                .replace("offene-runde", "X")
                .replace("modellprojekte-smart-cities", "X")
                .replace("gibt-es-nicht", "X")
                .replace(&date, "D")
                .replace(&open_date, "D")
                == b.replace("monatstreffen-staffel-1", "X")
                    .replace("offene-runde", "X")
                    .replace("modellprojekte-smart-cities", "X")
                    .replace("gibt-es-nicht", "X")
                    .replace(&date, "D")
                    .replace(&open_date, "D")
        };
        for (lounge, ordinary) in &lounge_reads {
            let (st, body) = s.fetch(lounge, None).await;
            assert_eq!(st, StatusCode::UNAUTHORIZED, "anonymous {lounge}: {body}");
            let (st, body) = s.fetch(lounge, Some(&outsider)).await;
            assert_eq!(st, StatusCode::NOT_FOUND, "outsider {lounge}: {body}");
            let (st2, body2) = s.fetch(ordinary, Some(&outsider)).await;
            assert_eq!(st2, StatusCode::NOT_FOUND, "outsider {ordinary}: {body2}");
            assert!(
                same(&body, &body2),
                "outsider: {lounge} answers\n{body}\nbut {ordinary}\n{body2}"
            );
            for needle in ["GEHEIM-LOUNGE", "checkins", "rooms", "pairs", "count"] {
                assert!(!body.contains(needle), "outsider {lounge}: {body}");
            }
            let (st, body) = s.fetch(lounge, Some(&insider)).await;
            assert_eq!(st, StatusCode::OK, "insider {lounge}: {body}");
        }
        // The insider sees the rooms and who met whom.
        let (_, enc) = s
            .fetch(
                "/api/v1/networks/modellprojekte-smart-cities/encounters",
                Some(&insider),
            )
            .await;
        let enc: Value = serde_json::from_str(&enc).unwrap();
        assert!(
            !enc["pairs"].as_array().unwrap().is_empty(),
            "the insider sees encounters: {enc}"
        );
        // Writes tell an outsider no more: each is refused as for a series
        // that is no lounge, whether the round or check-in exists or not.
        let writes = [
            (
                format!("{meeting}/lounge/checkins"),
                format!("/api/v1/series/offene-runde/meetings/{open_date}/lounge/checkins"),
                Some(json!({"organization": smart_orgs[0], "name": "Eindringling"})),
            ),
            (
                format!("{meeting}/lounge/checkins"),
                format!("/api/v1/series/offene-runde/meetings/{open_date}/lounge/checkins"),
                Some(json!({})),
            ),
            (
                format!("{meeting}/lounge/rounds"),
                format!("/api/v1/series/offene-runde/meetings/{open_date}/lounge/rounds"),
                Some(json!({"round": 1})),
            ),
            (
                format!("{meeting}/lounge/rounds/1/late"),
                format!("/api/v1/series/offene-runde/meetings/{open_date}/lounge/rounds/1/late"),
                None,
            ),
        ];
        for (lounge, ordinary, body) in &writes {
            let mut answers = Vec::new();
            for path in [lounge, ordinary] {
                let mut req = s
                    .client
                    .post(format!("{}{path}", s.base))
                    .bearer_auth(&outsider_writes);
                if let Some(b) = body {
                    req = req.json(b);
                }
                let res = req.send().await.unwrap();
                answers.push((res.status(), res.text().await.unwrap()));
            }
            assert_eq!(answers[0].0, StatusCode::NOT_FOUND, "{lounge}: {answers:?}");
            assert_eq!(answers[0].0, answers[1].0, "{lounge}: {answers:?}");
            assert!(same(&answers[0].1, &answers[1].1), "{lounge}: {answers:?}");
        }
        let mut answers = Vec::new();
        for id in [lounge_guests[0], 999_999_999] {
            let res = s
                .client
                .delete(format!("{}{meeting}/lounge/checkins/{id}", s.base))
                .bearer_auth(&outsider_writes)
                .send()
                .await
                .unwrap();
            answers.push((res.status(), res.text().await.unwrap()));
        }
        assert_eq!(answers[0], answers[1], "ending a check-in");
        assert_eq!(answers[0].0, StatusCode::NOT_FOUND);
        // … and nothing changed: the evening as the admin sees it.
        let (_, evening) = s
            .fetch(&format!("{meeting}/lounge"), Some(&admin_token))
            .await;
        let evening: Value = serde_json::from_str(&evening).unwrap();
        assert_eq!(
            evening["checkins"].as_array().unwrap().len(),
            4,
            "{evening}"
        );
        assert_eq!(evening["rounds"].as_array().unwrap().len(), 1, "{evening}");
        assert!(
            evening["checkins"]
                .as_array()
                .unwrap()
                .iter()
                .all(|k| k["present"] == true),
            "{evening}"
        );

        // Counts: the outsider's network list is the one before.
        let (_, after) = s.fetch("/api/v1/networks", Some(&outsider)).await;
        let after: Value = serde_json::from_str(&after).unwrap();
        assert_eq!(after["total"], networks_before["total"]);
        let (_, inside) = s.fetch("/api/v1/networks", Some(&insider)).await;
        let inside: Value = serde_json::from_str(&inside).unwrap();
        assert_eq!(
            inside["total"].as_u64().unwrap(),
            networks_before["total"].as_u64().unwrap() + 1
        );
        // The meeting's agenda count and minutes flag do not give it away.
        let (_, m) = s
            .fetch(
                "/api/v1/series/monatstreffen-staffel-1/meetings",
                Some(&outsider),
            )
            .await;
        let m: Value = serde_json::from_str(&m).unwrap();
        let first = &m["meetings"][0];
        assert_eq!(first["date"], date.as_str());
        assert_eq!(first["agenda_points"], 0, "{first}");
        assert_eq!(first["has_minutes"], false, "{first}");
    }
}
