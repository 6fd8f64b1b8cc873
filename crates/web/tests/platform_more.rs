#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! The platform administration's cooperations and deletions over real
//! HTTP, on every backend: an admin creates, changes and deletes a
//! cooperation and deletes a network and an organisation; bad input names
//! its field and writes nothing, a deletion without its tick deletes
//! nothing, and what the directory refuses is said on the page; coordinators,
//! members and anonymous visitors are refused and change nothing.

use knotenpunkt_app::domain::NetworkRole;
use knotenpunkt_app::{InvitationRequest, OrgFilter, Page};
use knotenpunkt_web::WebConfig;
use reqwest::StatusCode;

mod common;
use common::*;

const BASE: &str = "/verwaltung";
const NEW_NETWORK: &str = "/verwaltung/netzwerke/neu";
const NEW_ORG: &str = "/verwaltung/organisationen/neu";
const NEW_COOP: &str = "/verwaltung/kooperationen/neu";

/// A person with `role` in `network`, invited by an admin and signed in.
async fn invited(s: &Server, network: &str, role: NetworkRole, name: &str, email: &str) -> Browser {
    let (_, admin) = s.admin_once().await;
    let invited = s
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
    s.accept(invited.link.as_deref().unwrap()).await
}

/// The cooperations as (id, name, partners), and how many networks and
/// organisations the directory holds.
async fn state(s: &Server) -> (Vec<(i64, String, Vec<String>)>, u64, u64) {
    let dir = s.dir.unrestricted();
    let coops = dir
        .cooperations(None)
        .await
        .unwrap()
        .into_iter()
        .map(|c| {
            (
                c.id,
                c.value.name,
                c.value.partners.iter().map(ToString::to_string).collect(),
            )
        })
        .collect();
    (
        coops,
        dir.networks(None, Page::ALL).await.unwrap().total,
        dir.organizations(&OrgFilter::default(), Page::ALL)
            .await
            .unwrap()
            .total,
    )
}

/// The actions and targets of the platform-wide audit log.
async fn logged(s: &Server) -> Vec<(String, String)> {
    let (_, admin) = s.admin_once().await;
    s.dir
        .audit_log(&admin, None, Page::ALL)
        .await
        .unwrap()
        .items
        .into_iter()
        .map(|e| (e.action, e.target))
        .collect()
}

fn organization<'a>(slug: &'a str, name: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![
        ("name", name),
        ("slug", slug),
        ("kind", "municipality"),
        ("states", "RP"),
    ]
}

fn cooperation<'a>(name: &'a str, partners: &[&'a str]) -> Vec<(&'a str, &'a str)> {
    let mut f = vec![
        ("name", name),
        ("topic", "Gemeinsame Beschaffung"),
        ("since", "2024-05"),
        ("cadence", "mindestens monatlich"),
        ("source", "Kooperationsvertrag"),
    ];
    f.extend(partners.iter().map(|p| ("partners", *p)));
    f
}

#[tokio::test]
async fn an_admin_creates_changes_and_deletes_a_cooperation() {
    on_every_backend(WebConfig::default(), |s| async move {
        let (admin, _) = s.admin().await;
        for (slug, name) in [
            ("musterstadt", "Musterstadt"),
            ("beispieldorf", "Beispieldorf"),
        ] {
            let r = s
                .post(NEW_ORG, Some(&admin), &organization(slug, name))
                .await;
            assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
        }
        s.get(BASE, Some(&admin))
            .await
            .has("<h2 id=\"kooperationen\">Kooperationen</h2>")
            .has(&format!("href=\"{NEW_COOP}\""));
        let form = s.get(NEW_COOP, Some(&admin)).await;
        assert_eq!(form.status, StatusCode::OK);
        form.has("name=\"csrf\"")
            .has("<legend>Partner")
            .has("name=\"partners\" value=\"musterstadt\"")
            .has("for=\"cooperation-name\"");
        let before = state(&s).await;

        // Bad input: each problem at its field, in the summary, nothing written.
        let r = s
            .post(
                NEW_COOP,
                Some(&admin),
                &[
                    ("name", ""),
                    ("partners", "musterstadt"),
                    ("since", "im Mai"),
                ],
            )
            .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        r.has("id=\"cooperation-name-error\"")
            .has("id=\"cooperation-partners-error\"")
            .has("Bitte wählen Sie mindestens zwei Organisationen.")
            .has("id=\"cooperation-since-error\"")
            .has("href=\"#cooperation-name\"")
            .has("value=\"im Mai\"");
        let r = s
            .post(
                NEW_COOP,
                Some(&admin),
                &cooperation("Atlantis-Labor", &["musterstadt", "atlantis"]),
            )
            .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        r.has("id=\"cooperation-partners-error\"");
        assert_eq!(state(&s).await, before);

        // Created: back to the overview with a confirmation.
        let r = s
            .post(
                NEW_COOP,
                Some(&admin),
                &cooperation("Muster-Labor", &["musterstadt", "beispieldorf"]),
            )
            .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
        assert_eq!(
            r.header("location"),
            "/verwaltung?erledigt=cooperation-created"
        );
        s.get(r.header("location"), Some(&admin))
            .await
            .has("Die Kooperation wurde angelegt.")
            .has("Muster-Labor");
        let (coops, ..) = state(&s).await;
        assert_eq!(coops.len(), before.0.len() + 1);
        let (id, _, partners) = coops
            .iter()
            .find(|(_, n, _)| n == "Muster-Labor")
            .cloned()
            .unwrap();
        assert_eq!(partners, ["musterstadt", "beispieldorf"]);
        let api = s
            .get("/api/v1/cooperations?organization=musterstadt", None)
            .await;
        assert_eq!(api.status, StatusCode::OK);
        api.has("\"Muster-Labor\"").has("\"mindestens monatlich\"");
        s.get("/organisationen/musterstadt", None)
            .await
            .has("Muster-Labor")
            .has("href=\"/organisationen/beispieldorf\"");
        let edit = format!("/verwaltung/kooperationen/{id}");
        s.get(BASE, Some(&admin))
            .await
            .has(&format!("href=\"{edit}\""));

        // Edited.
        let page = s.get(&edit, Some(&admin)).await;
        assert_eq!(page.status, StatusCode::OK);
        page.has("value=\"Muster-Labor\"")
            .has("value=\"musterstadt\" checked")
            .has("value=\"2024-05\"")
            .has(&format!("action=\"{edit}/loeschen\""));
        s.get(&format!("{edit}?lang=en"), Some(&admin))
            .await
            .has("Edit the cooperation");
        let r = s
            .post(
                &edit,
                Some(&admin),
                &cooperation("Muster-Labor", &["musterstadt"]),
            )
            .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        r.has("id=\"cooperation-partners-error\"");
        let r = s
            .post(
                &edit,
                Some(&admin),
                &cooperation("Muster-Werkstatt", &["musterstadt", "beispieldorf"]),
            )
            .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
        assert_eq!(
            r.header("location"),
            format!("{edit}?erledigt=cooperation-saved")
        );
        s.get(r.header("location"), Some(&admin))
            .await
            .has("Die Kooperation wurde gespeichert.");
        s.get(&format!("/api/v1/cooperations/{id}"), None)
            .await
            .has("\"Muster-Werkstatt\"");

        // Deleted only with the tick.
        let r = s.post(&format!("{edit}/loeschen"), Some(&admin), &[]).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        r.has("id=\"delete-confirm-error\"")
            .has("href=\"#delete-confirm-0\"");
        assert_eq!(
            s.get(&format!("/api/v1/cooperations/{id}"), None)
                .await
                .status,
            StatusCode::OK
        );
        let r = s
            .post(
                &format!("{edit}/loeschen"),
                Some(&admin),
                &[("confirm", "yes")],
            )
            .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
        assert_eq!(
            r.header("location"),
            "/verwaltung?erledigt=cooperation-deleted"
        );
        assert_eq!(
            s.get(&format!("/api/v1/cooperations/{id}"), None)
                .await
                .status,
            StatusCode::NOT_FOUND
        );
        s.get("/organisationen/musterstadt", None)
            .await
            .lacks("Muster-Werkstatt");
        assert_eq!(
            s.get(&edit, Some(&admin)).await.status,
            StatusCode::NOT_FOUND
        );

        let log = logged(&s).await;
        for action in [
            "cooperation.create",
            "cooperation.update",
            "cooperation.delete",
        ] {
            assert!(
                log.contains(&(action.to_owned(), id.to_string())),
                "{action}: {log:?}"
            );
        }
        s.stop().await;
    })
    .await;
}

#[tokio::test]
async fn an_admin_deletes_a_network_and_an_organisation() {
    on_every_backend(WebConfig::default(), |s| async move {
        let (admin, _) = s.admin().await;
        let r = s
            .post(
                NEW_NETWORK,
                Some(&admin),
                &[
                    ("name", "Wegwerfnetz"),
                    ("slug", "wegwerfnetz"),
                    ("visibility", "public"),
                ],
            )
            .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
        let r = s
            .post(
                NEW_ORG,
                Some(&admin),
                &organization("wegwerfdorf", "Wegwerfdorf"),
            )
            .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
        let net = "/verwaltung/netzwerke/wegwerfnetz/loeschen";
        let org = "/verwaltung/organisationen/wegwerfdorf/loeschen";
        s.get(BASE, Some(&admin))
            .await
            .has(&format!("href=\"{net}\""));
        s.get(&format!("{BASE}?q=wegwerf"), Some(&admin))
            .await
            .has(&format!("href=\"{org}\""));

        // The page, then the form without its tick: nothing deleted.
        let page = s.get(net, Some(&admin)).await;
        assert_eq!(page.status, StatusCode::OK);
        page.has("<h1>Netzwerk „Wegwerfnetz“ löschen</h1>")
            .has("<legend>Bestätigung")
            .has(&format!("action=\"{net}\""));
        let r = s.post(net, Some(&admin), &[("confirm", "")]).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        r.has("id=\"delete-confirm-error\"");
        assert_eq!(
            s.get("/api/v1/networks/wegwerfnetz", None).await.status,
            StatusCode::OK
        );
        let r = s.post(net, Some(&admin), &[("confirm", "yes")]).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
        assert_eq!(r.header("location"), "/verwaltung?erledigt=network-deleted");
        s.get(r.header("location"), Some(&admin))
            .await
            .has("Das Netzwerk wurde gelöscht.")
            .lacks("wegwerfnetz");
        assert_eq!(
            s.get("/api/v1/networks/wegwerfnetz", None).await.status,
            StatusCode::NOT_FOUND
        );

        // An organisation that is still a member: the reason, and it stays.
        let (_, networks, orgs) = state(&s).await;
        let kl = "/verwaltung/organisationen/kaiserslautern/loeschen";
        let r = s.post(kl, Some(&admin), &[("confirm", "yes")]).await;
        assert_eq!(r.status, StatusCode::CONFLICT);
        r.has("role=\"alert\"")
            .has("wurde nicht gelöscht: Sie ist noch Mitglied eines Netzwerks");
        s.post(
            &format!("{kl}?lang=en"),
            Some(&admin),
            &[("confirm", "yes")],
        )
        .await
        .has("was not deleted: it is still a member of a network");
        assert_eq!(
            s.get("/api/v1/organizations/kaiserslautern", None)
                .await
                .status,
            StatusCode::OK
        );
        assert_eq!(state(&s).await.1, networks);
        assert_eq!(state(&s).await.2, orgs);

        // An organisation nothing refers to.
        let r = s.post(org, Some(&admin), &[]).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        let r = s.post(org, Some(&admin), &[("confirm", "yes")]).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
        assert_eq!(
            r.header("location"),
            "/verwaltung?erledigt=organization-deleted"
        );
        assert_eq!(
            s.get("/api/v1/organizations/wegwerfdorf", None)
                .await
                .status,
            StatusCode::NOT_FOUND
        );
        assert_eq!(state(&s).await.2, orgs - 1);
        assert_eq!(s.get(org, Some(&admin)).await.status, StatusCode::NOT_FOUND);

        let log = logged(&s).await;
        assert!(
            log.contains(&("network.delete".into(), "wegwerfnetz".into())),
            "{log:?}"
        );
        assert!(
            log.contains(&("organization.delete".into(), "wegwerfdorf".into())),
            "{log:?}"
        );
        assert!(!log.contains(&("organization.delete".into(), "kaiserslautern".into())));
        s.stop().await;
    })
    .await;
}

#[tokio::test]
async fn coordinators_members_and_visitors_change_nothing() {
    on_every_backend(WebConfig::default(), |s| async move {
        let before = state(&s).await;
        let (id, ..) = before
            .0
            .first()
            .cloned()
            .expect("the demo has a cooperation");
        let edit = format!("/verwaltung/kooperationen/{id}");
        let coordinator = s
            .coordinator("ikone-ds", "Cora Koordination", "cora@knotenpunkt.example")
            .await;
        let member = invited(
            &s,
            "ikone-ds",
            NetworkRole::Member,
            "Mia Mitglied",
            "mia@knotenpunkt.example",
        )
        .await;
        let gets = [
            NEW_COOP.to_owned(),
            edit.clone(),
            "/verwaltung/netzwerke/ikone-ds/loeschen".to_owned(),
            "/verwaltung/organisationen/kaiserslautern/loeschen".to_owned(),
        ];
        let good = cooperation("Gekapert", &["kaiserslautern", "musterstadt"]);
        let confirm = vec![("confirm", "yes")];
        let posts: Vec<(String, &[(&str, &str)])> = vec![
            (NEW_COOP.to_owned(), &good),
            (edit.clone(), &good),
            (format!("{edit}/loeschen"), &confirm),
            (
                "/verwaltung/netzwerke/ikone-ds/loeschen".to_owned(),
                &confirm,
            ),
            (
                "/verwaltung/organisationen/kaiserslautern/loeschen".to_owned(),
                &confirm,
            ),
        ];
        for who in [&coordinator, &member] {
            for path in &gets {
                let r = s.get(path, Some(who)).await;
                assert_eq!(r.status, StatusCode::FORBIDDEN, "{path}");
            }
            for (path, fields) in &posts {
                let r = s.post(path, Some(who), fields).await;
                assert_eq!(r.status, StatusCode::FORBIDDEN, "{path}");
            }
        }
        for path in &gets {
            let r = s.get(path, None).await;
            assert_eq!(r.status, StatusCode::SEE_OTHER, "{path}");
            assert!(
                r.header("location").starts_with("/anmelden?next="),
                "{path}"
            );
        }
        for (path, fields) in &posts {
            let r = s.post(path, None, fields).await;
            assert!(
                r.status == StatusCode::SEE_OTHER || r.status == StatusCode::FORBIDDEN,
                "{path}: {}",
                r.status
            );
            assert!(!r.header("location").starts_with("/verwaltung?"), "{path}");
        }
        assert_eq!(state(&s).await, before);
        let log = logged(&s).await;
        assert!(
            !log.iter().any(|(a, _)| a.starts_with("cooperation.")
                || a == "network.delete"
                || a == "organization.delete"),
            "{log:?}"
        );
        s.stop().await;
    })
    .await;
}
