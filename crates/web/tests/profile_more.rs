#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! The two fields that were API- and import-only, on every backend: a
//! network's published member figures on its settings, and the parts of a
//! cooperation on its profile.

use knotenpunkt_app::domain::{FigureQualifier, NetworkFigure, Slug};
use knotenpunkt_web::WebConfig;
use reqwest::StatusCode;

mod common;
use common::*;

const SETTINGS: &str = "/netzwerke/ikone-ds/verwaltung/einstellungen";
const COOP: &str = "aalen-heidenheim";

fn settings(figures: &str) -> Vec<(&'static str, String)> {
    vec![
        ("name", "IKONE DS".to_owned()),
        ("description", "Ein Netzwerk.".to_owned()),
        ("website", "https://ikone.example".to_owned()),
        ("visibility", "public".to_owned()),
        ("figures", figures.to_owned()),
    ]
}

async fn post_owned(s: &Server, path: &str, who: &Browser, f: &[(&str, String)]) -> Fetched {
    let pairs: Vec<(&str, &str)> = f.iter().map(|(k, v)| (*k, v.as_str())).collect();
    s.post(path, Some(who), &pairs).await
}

async fn figures(s: &Server) -> Vec<NetworkFigure> {
    s.dir
        .network(&"ikone-ds".parse().unwrap())
        .await
        .unwrap()
        .figures
}

#[tokio::test]
async fn a_coordinator_publishes_member_figures() {
    on_every_backend(WebConfig::default(), |s| async move {
        let c = s
            .coordinator(
                "ikone-ds",
                "Clara Koordination",
                "clara@kaiserslautern.example",
            )
            .await;
        // The current figures, pre-filled one a line, with the format explained.
        let form = s.get(SETTINGS, Some(&c)).await;
        assert_eq!(form.status, StatusCode::OK);
        form.has("id=\"settings-figures\"")
            .has("aria-describedby=\"settings-figures-hint\"")
            .has("2021-09; 29; genau; ikone-ds.de")
            .has("2024-11; 30; mehr als; mdi.rlp.de")
            .has("JJJJ[-MM[-TT]]; Anzahl; genau|mehr als; Quelle");
        s.get(&format!("{SETTINGS}?lang=en"), Some(&c))
            .await
            .has("2024-11; 30; more than; mdi.rlp.de")
            .has("YYYY[-MM[-DD]]; count; exact|more than; source");

        // A bad line: 422 naming the line, input kept, nothing written.
        let before = figures(&s).await;
        let r = post_owned(
            &s,
            SETTINGS,
            &c,
            &settings("2022-03; 17; genau; Pressemitteilung A\n2023-05; ; genau; B"),
        )
        .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        r.has("id=\"settings-figures-error\"")
            .has("Zeile 2: Anzahl fehlt.")
            .has("Pressemitteilung A");
        for (text, message) in [
            ("2022-13; 17; genau; A", "Zeile 1: „2022-13“ ist kein Datum"),
            ("2022; 17; ungefähr; A", "Zeile 1: „ungefähr“ ist weder"),
            ("\n\n2022; 17; genau", "Zeile 3: Quelle fehlt."),
            ("2022; viele; genau; A", "Zeile 1: „viele“ ist keine ganze Zahl"),
            // The domain's own rule: not before the founding (2019-04).
            ("2018; 3; genau; A", "lies before the founding"),
        ] {
            let r = post_owned(&s, SETTINGS, &c, &settings(text)).await;
            assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{text}");
            r.has(message);
        }
        assert_eq!(figures(&s).await, before);

        // Saved: on the network page's chart and table, and in the API.
        let r = post_owned(
            &s,
            SETTINGS,
            &c,
            &settings(
                "2022-03; 17; genau; Pressemitteilung A\r\n\r\n2025-02-14; 77; more than; Blog; mit Semikolon",
            ),
        )
        .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
        assert_eq!(
            figures(&s).await,
            vec![
                NetworkFigure {
                    on: "2022-03".parse().unwrap(),
                    members: 17,
                    qualifier: FigureQualifier::Exact,
                    source: "Pressemitteilung A".into(),
                },
                NetworkFigure {
                    on: "2025-02-14".parse().unwrap(),
                    members: 77,
                    qualifier: FigureQualifier::MoreThan,
                    source: "Blog; mit Semikolon".into(),
                },
            ]
        );
        let page = s.get("/netzwerke/ikone-ds", None).await;
        page.has("class=\"mark-label\"")
            .has(">17</text>")
            .has(">mehr als 77</text>")
            .has("Pressemitteilung A")
            .lacks(">mehr als 30</text>");
        let api = s.get("/api/v1/networks/ikone-ds", None).await;
        assert_eq!(api.status, StatusCode::OK);
        api.has("\"members\":77").has("\"qualifier\":\"more_than\"");
        s.get(SETTINGS, Some(&c))
            .await
            .has("2025-02-14; 77; mehr als; Blog; mit Semikolon");

        // Empty: no figures.
        let r = post_owned(&s, SETTINGS, &c, &settings("")).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
        assert!(figures(&s).await.is_empty());
        s.stop().await;
    })
    .await;
}

#[tokio::test]
async fn an_admin_names_the_parts_of_a_cooperation() {
    on_every_backend(WebConfig::default(), |s| async move {
        let (admin, _) = s.admin().await;
        let edit = format!("/organisationen/{COOP}/bearbeiten");
        let slug: Slug = COOP.parse().unwrap();
        let parts = |o: knotenpunkt_app::domain::Organization| -> Vec<String> {
            o.parts.iter().map(|p| p.to_string()).collect()
        };

        // Only a cooperation has the field; it shows the current parts.
        s.get("/organisationen/kaiserslautern/bearbeiten", Some(&admin))
            .await
            .lacks("id=\"profile-parts\"");
        let form = s.get(&edit, Some(&admin)).await;
        assert_eq!(form.status, StatusCode::OK);
        form.has("id=\"profile-parts\"")
            .has("aria-describedby=\"profile-parts-hint\"")
            .has("aalen\nheidenheim</textarea>");
        let name = s.dir.organization(&slug).await.unwrap().name;

        let post = |parts: &'static str| {
            let f = vec![("name", name.clone()), ("parts", parts.to_owned())];
            let edit = edit.clone();
            let s = &s;
            let admin = &admin;
            async move { post_owned(s, &edit, admin, &f).await }
        };

        // An unknown slug: 422 naming it, nothing written.
        let r = post("aalen\nheidenheim\ngibt-es-nicht\nKein Slug!").await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        r.has("id=\"profile-parts-error\"")
            .has("Zeile 3: „gibt-es-nicht“ ist keine Organisation im Verzeichnis.")
            .has("Zeile 4: „Kein Slug!“");
        assert_eq!(
            parts(s.dir.organization(&slug).await.unwrap()),
            ["aalen", "heidenheim"]
        );

        // Saved, and in the API.
        let r = post("aalen\n\nheidenheim\nkaiserslautern\n").await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
        assert_eq!(
            parts(s.dir.organization(&slug).await.unwrap()),
            ["aalen", "heidenheim", "kaiserslautern"]
        );
        let api = s.get(&format!("/api/v1/organizations/{COOP}"), None).await;
        assert_eq!(api.status, StatusCode::OK);
        api.has("\"parts\":[\"aalen\",\"heidenheim\",\"kaiserslautern\"]");
        s.stop().await;
    })
    .await;
}
