#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! The platform administration over real HTTP, on every backend: an admin
//! creates a network and an organisation, which then show up in the lists,
//! on their pages and in the API; coordinators, members and anonymous
//! visitors are refused; bad input names its field and writes nothing.

use knotenpunkt_app::domain::NetworkRole;
use knotenpunkt_app::{InvitationRequest, OrgFilter, Page};
use knotenpunkt_web::WebConfig;
use reqwest::StatusCode;

mod common;
use common::*;

const BASE: &str = "/verwaltung";
const NEW_NETWORK: &str = "/verwaltung/netzwerke/neu";
const NEW_ORG: &str = "/verwaltung/organisationen/neu";

impl Server {
    /// A person with `role` in `network`, invited by an admin and signed in.
    async fn invited(&self, network: &str, role: NetworkRole, name: &str, email: &str) -> Browser {
        let (_, admin) = self.admin_once().await;
        let invited = self
            .dir
            .invite(
                &admin,
                InvitationRequest {
                    person: person(name, email),
                    network: Some(network.parse().unwrap()),
                    role: Some(role),
                    admin: false,
                },
            )
            .await
            .unwrap();
        self.accept(invited.link.as_deref().unwrap()).await
    }

    /// How many networks and organisations the directory holds.
    async fn counts(&self) -> (u64, u64) {
        let dir = self.dir.unrestricted();
        (
            dir.networks(None, Page::ALL).await.unwrap().total,
            dir.organizations(&OrgFilter::default(), Page::ALL)
                .await
                .unwrap()
                .total,
        )
    }

    /// The actions of the platform-wide audit log, newest first.
    async fn logged(&self) -> Vec<(String, String)> {
        let (_, admin) = self.admin_once().await;
        self.dir
            .audit_log(&admin, None, Page::ALL)
            .await
            .unwrap()
            .items
            .into_iter()
            .map(|e| (e.action, e.target))
            .collect()
    }
}

fn organization<'a>(slug: &'a str, name: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![
        ("name", name),
        ("slug", slug),
        ("kind", "municipality"),
        ("states", "RP"),
        ("population", "1200"),
        ("website", "https://musterstadt.example"),
        ("source", "Statistisches Landesamt, Stand 2024"),
    ]
}

fn network<'a>(slug: &'a str, coordinator: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![
        ("name", "Netzwerk Muster"),
        ("slug", slug),
        ("description", "Ein Netzwerk zum Ausprobieren."),
        ("coordinator", coordinator),
        ("founded_on", "2025-03"),
        ("visibility", "network"),
        ("website", ""),
        ("source", ""),
    ]
}

#[tokio::test]
async fn an_admin_creates_an_organisation_and_a_network() {
    on_every_backend(WebConfig::default(), |s| async move {
        let (admin, _) = s.admin().await;

        // The way in: the header and the account page link to it.
        s.get("/konto", Some(&admin))
            .await
            .has("href=\"/verwaltung\"")
            .has("Plattform verwalten");
        let page = s.get(BASE, Some(&admin)).await;
        assert_eq!(page.status, StatusCode::OK);
        page.has("<h1>Plattform verwalten</h1>")
            .has("href=\"/netzwerke/ikone-ds\"")
            .has("href=\"/netzwerke/ikone-ds/verwaltung\"")
            .has("href=\"/organisationen/kaiserslautern/bearbeiten\"")
            .has(&format!("href=\"{NEW_NETWORK}\""))
            .has(&format!("href=\"{NEW_ORG}\""))
            .lacks("/organisationen/musterstadt/");
        s.get(&format!("{BASE}?lang=en"), Some(&admin))
            .await
            .has("<h1>Platform administration</h1>");
        let form = s.get(NEW_ORG, Some(&admin)).await;
        assert_eq!(form.status, StatusCode::OK);
        form.has("name=\"csrf\"")
            .has("<legend>Bundesländer")
            .has("for=\"organization-kind\"");
        let (networks, orgs) = s.counts().await;

        // The organisation, then its profile form with a confirmation.
        let r = s
            .post(
                NEW_ORG,
                Some(&admin),
                &organization("musterstadt", "Musterstadt"),
            )
            .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
        let location = r.header("location").to_owned();
        assert_eq!(
            location,
            "/organisationen/musterstadt/bearbeiten?erledigt=organization-created"
        );
        s.get(&location, Some(&admin))
            .await
            .has("Die Organisation wurde angelegt.")
            .has("value=\"Musterstadt\"");
        let api = s.get("/api/v1/organizations/musterstadt", None).await;
        assert_eq!(api.status, StatusCode::OK);
        let json: serde_json::Value = serde_json::from_str(&api.body).unwrap();
        assert_eq!(json["kind"], "municipality");
        assert_eq!(json["states"], serde_json::json!(["RP"]));
        assert_eq!(json["population"], 1200);
        s.get("/organisationen/musterstadt", None)
            .await
            .has("Musterstadt");

        // The network, coordinated by it, then its management.
        let form = s.get(NEW_NETWORK, Some(&admin)).await;
        assert_eq!(form.status, StatusCode::OK);
        form.has("value=\"public\" checked");
        let r = s
            .post(
                NEW_NETWORK,
                Some(&admin),
                &network("netzwerk-muster", "musterstadt"),
            )
            .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
        let location = r.header("location").to_owned();
        assert_eq!(
            location,
            "/netzwerke/netzwerk-muster/verwaltung?erledigt=network-created"
        );
        s.get(&location, Some(&admin))
            .await
            .has("Das Netzwerk wurde angelegt.")
            .has("Netzwerk Muster");
        // Network only: the admin sees it, an anonymous visitor does not.
        let api = s
            .get("/api/v1/networks/netzwerk-muster", Some(&admin))
            .await;
        assert_eq!(api.status, StatusCode::OK);
        let json: serde_json::Value = serde_json::from_str(&api.body).unwrap();
        assert_eq!(json["coordinator"], "musterstadt");
        assert_eq!(json["visibility"], "network");
        assert_eq!(json["founded_on"], "2025-03");
        assert_eq!(
            s.get("/api/v1/networks/netzwerk-muster", None).await.status,
            StatusCode::NOT_FOUND
        );
        assert_eq!(s.counts().await, (networks + 1, orgs + 1));

        // Both are listed now; a search narrows the organisations.
        s.get(BASE, Some(&admin))
            .await
            .has("href=\"/netzwerke/netzwerk-muster\"")
            .has("href=\"/netzwerke/netzwerk-muster/verwaltung\"")
            .has("href=\"/organisationen/musterstadt/bearbeiten\"");
        // The search narrows the organisations' table (the cooperations
        // below it still name their partners).
        let found = s.get(&format!("{BASE}?q=Muster"), Some(&admin)).await;
        let table = found.between("id=\"organisationen\"", "id=\"kooperationen\"");
        assert!(table.contains("href=\"/organisationen/musterstadt\""));
        assert!(!table.contains("href=\"/organisationen/kaiserslautern\""));

        // Both changes are in the audit log, the network's in its own.
        let logged = s.logged().await;
        assert!(logged.contains(&("organization.create".into(), "musterstadt".into())));
        assert!(logged.contains(&("network.create".into(), "netzwerk-muster".into())));
        // A change through the API shows in words in the network's log too,
        // named as the same change made with a form is.
        let r = s
            .fetch(
                s.client
                    .post(format!(
                        "{}/api/v1/networks/netzwerk-muster/cohorts",
                        s.base
                    ))
                    .header("cookie", format!("kp_session={}", admin.cookie))
                    .header("x-csrf-token", &admin.csrf)
                    .json(&serde_json::json!({
                        "slug": "staffel-1", "network": "netzwerk-muster", "name": "Staffel 1"
                    })),
            )
            .await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
        let log = s
            .get(
                "/netzwerke/netzwerk-muster/verwaltung/protokoll",
                Some(&admin),
            )
            .await;
        log.has("<td>Netzwerk angelegt</td>")
            .has("<td>Staffel angelegt</td>")
            .lacks("<td>POST /api/v1");
        s.get(
            "/netzwerke/netzwerk-muster/verwaltung/protokoll?lang=en",
            Some(&admin),
        )
        .await
        .has("<td>Network created</td>")
        .has("<td>Cohort added</td>");
        s.stop().await;
    })
    .await;
}

#[tokio::test]
async fn only_admins_may_administer_the_platform() {
    on_every_backend(WebConfig::default(), |s| async move {
        let c = s
            .coordinator(
                "ikone-ds",
                "Clara Koordination",
                "clara@kaiserslautern.example",
            )
            .await;
        let m = s
            .invited(
                "ikone-ds",
                NetworkRole::Member,
                "Mia Mitglied",
                "mia@example.org",
            )
            .await;
        let before = s.counts().await;
        for who in [&c, &m] {
            // No link for them, and the refusal page at every address.
            s.get("/konto", Some(who))
                .await
                .lacks("href=\"/verwaltung\"");
            for path in [BASE, NEW_NETWORK, NEW_ORG] {
                let r = s.get(path, Some(who)).await;
                assert_eq!(r.status, StatusCode::FORBIDDEN, "{path}");
                r.has("Keine Berechtigung");
            }
            let r = s
                .post(NEW_ORG, Some(who), &organization("gekapert", "Gekapert"))
                .await;
            assert_eq!(r.status, StatusCode::FORBIDDEN);
            let r = s
                .post(NEW_NETWORK, Some(who), &network("gekapert", ""))
                .await;
            assert_eq!(r.status, StatusCode::FORBIDDEN);
        }
        // Anonymous visitors are sent to sign in and come back afterwards.
        for path in [BASE, NEW_NETWORK, NEW_ORG] {
            let r = s.get(path, None).await;
            assert_eq!(r.status, StatusCode::SEE_OTHER, "{path}");
            let location = r.header("location");
            assert!(location.starts_with("/anmelden?next="), "{location}");
            assert!(location.ends_with(&path.replace('/', "%2F")), "{location}");
        }
        let r = s
            .post(NEW_ORG, None, &organization("gekapert", "Gekapert"))
            .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER);
        assert_eq!(s.counts().await, before);
        assert!(
            !s.logged()
                .await
                .iter()
                .any(|(a, _)| a == "organization.create" || a == "network.create")
        );
        s.stop().await;
    })
    .await;
}

#[tokio::test]
async fn bad_input_names_the_field_and_writes_nothing() {
    on_every_backend(WebConfig::default(), |s| async move {
        let (admin, _) = s.admin().await;
        let before = s.counts().await;

        // Organisation: nothing chosen, a bad key and number.
        let r = s
            .post(
                NEW_ORG,
                Some(&admin),
                &[
                    ("name", ""),
                    ("kind", ""),
                    ("ags", "123"),
                    ("population", "viele"),
                    ("website", "musterstadt.example"),
                ],
            )
            .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        r.has("class=\"problem\" role=\"alert\"")
            .has("href=\"#organization-name\"")
            .has("href=\"#organization-states-0\"")
            .has("id=\"organization-name-error\"")
            .has("id=\"organization-kind-error\"")
            .has("id=\"organization-states-error\"")
            .has("id=\"organization-ags-error\"")
            .has("id=\"organization-population-error\"")
            .has("id=\"organization-website-error\"")
            .has("value=\"musterstadt.example\"");
        // A rule of the domain: a town lies in one state.
        let mut two_states = organization("musterstadt", "Musterstadt");
        two_states.push(("states", "HE"));
        let r = s.post(NEW_ORG, Some(&admin), &two_states).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        r.has("id=\"organization-states-error\"")
            .has("only a cooperation or a region can span several states");
        // A slug that is taken.
        let r = s
            .post(
                NEW_ORG,
                Some(&admin),
                &organization("kaiserslautern", "Noch einmal"),
            )
            .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        r.has("id=\"organization-slug-error\"")
            .has("exists already");

        // Network: an unknown coordinator, a taken slug, no visibility.
        let r = s
            .post(
                NEW_NETWORK,
                Some(&admin),
                &network("netzwerk-muster", "gibt-es-nicht"),
            )
            .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        r.has("id=\"network-coordinator-error\"")
            .has("value=\"gibt-es-nicht\"");
        let r = s
            .post(NEW_NETWORK, Some(&admin), &network("ikone-ds", ""))
            .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        r.has("id=\"network-slug-error\"");
        let r = s
            .post(
                NEW_NETWORK,
                Some(&admin),
                &[
                    ("name", "Netzwerk Muster"),
                    ("founded_on", "März"),
                    ("coordinator", "Keine Kennung"),
                ],
            )
            .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        r.has("id=\"network-visibility-error\"")
            .has("id=\"network-founded-on-error\"")
            .has("id=\"network-coordinator-error\"");

        assert_eq!(s.counts().await, before);
        assert!(
            !s.logged()
                .await
                .iter()
                .any(|(a, _)| a == "organization.create" || a == "network.create")
        );
        s.stop().await;
    })
    .await;
}

#[test]
fn the_routes_are_in_the_route_table() {
    let table: Vec<(&str, String)> = knotenpunkt_web::page_routes()
        .into_iter()
        .map(|r| (r.method, r.path))
        .collect();
    for (method, path) in [
        ("GET", BASE),
        ("GET", NEW_NETWORK),
        ("POST", NEW_NETWORK),
        ("GET", NEW_ORG),
        ("POST", NEW_ORG),
    ] {
        assert!(
            table.contains(&(method, path.to_owned())),
            "{method} {path} missing from {table:?}"
        );
    }
}
