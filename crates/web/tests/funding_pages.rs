//! Funding calls on the network's page, over HTTP on every backend: the
//! open ones by deadline with who may apply, a passed one gone, in German
//! and English, for visitors and members alike.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::on_every_backend;
use knotenpunkt_app::domain::{FieldOfAction, FundingCall, OrgKind, Slug, State};
use knotenpunkt_web::WebConfig;
use reqwest::StatusCode;

fn call(slug: &str, title: &str, deadline: &str) -> FundingCall {
    FundingCall {
        network: "ikone-ds".parse().unwrap(),
        slug: slug.parse::<Slug>().unwrap(),
        funder: "Musterministerium".into(),
        programme: Some("Musterprogramm".into()),
        title: title.into(),
        link: Some("https://example.org/aufruf".into()),
        deadline: deadline.parse().unwrap(),
        states: vec![State::RP],
        kinds: vec![OrgKind::County],
        topics: vec![FieldOfAction::Mobility],
        description: None,
    }
}

#[tokio::test]
async fn the_network_page_lists_the_open_calls_by_deadline() {
    on_every_backend(WebConfig::default(), |s| async move {
        // No calls: no section.
        s.get("/netzwerke/ikone-ds", None)
            .await
            .lacks("Förderaufrufe");
        let (member, admin) = s.admin().await;
        let f = s.dir.app().funding(&admin);
        let network: Slug = "ikone-ds".parse().unwrap();
        f.create_call(&network, &call("spaet", "Späterer Aufruf", "2099-06-30"))
            .await
            .unwrap();
        f.create_call(&network, &call("frueh", "Früherer Aufruf", "2099-01-31"))
            .await
            .unwrap();
        f.create_call(&network, &call("vorbei", "Vergangener Aufruf", "2001-01-31"))
            .await
            .unwrap();
        for who in [None, Some(&member)] {
            let page = s.get("/netzwerke/ikone-ds", who).await;
            let section = page
                .has(r#"<h2 id="foerderaufrufe">Offene Förderaufrufe</h2>"#)
                .has(r#"<a href="https://example.org/aufruf" rel="external noopener noreferrer">Früherer Aufruf</a>"#)
                .has("Musterministerium · Musterprogramm")
                .has(r#"<time datetime="2099-01-31">"#)
                .has("Antragsberechtigt: Landkreis, Rheinland-Pfalz")
                .lacks("Vergangener Aufruf")
                .between(r#"id="foerderaufrufe""#, "</section>");
            let early = section.find("Früherer Aufruf").unwrap();
            let late = section.find("Späterer Aufruf").unwrap();
            assert!(early < late, "by deadline: {section}");
        }
        s.get("/netzwerke/ikone-ds?lang=en", None)
            .await
            .has("Open funding calls")
            .has("Who may apply: County, Rhineland-Palatinate");
        // Another network's page does not show them.
        s.get("/netzwerke/modellprojekte-smart-cities", None)
            .await
            .lacks("Früherer Aufruf");
    })
    .await;
}

#[tokio::test]
async fn coordinators_record_change_and_remove_calls_through_the_forms() {
    on_every_backend(WebConfig::default(), |s| async move {
        let coordinator = s
            .coordinator(
                "ikone-ds",
                "Clara Koordination",
                "clara@kaiserslautern.example",
            )
            .await;
        let list = "/netzwerke/ikone-ds/verwaltung/foerderaufrufe";
        s.get(list, Some(&coordinator))
            .await
            .has("Förderaufruf erfassen")
            .has("Noch keine Förderaufrufe erfasst.")
            .has(r#"type="date""#)
            .has(r#"value="RP""#);
        // A visitor is sent to sign in; the page is not theirs.
        let page = s.get(list, None).await;
        assert_eq!(page.status, StatusCode::SEE_OTHER);

        // Bad input: answered at its fields, what was typed and ticked kept.
        let page = s
            .post(
                list,
                Some(&coordinator),
                &[
                    ("title", "Smarte Dörfer"),
                    ("funder", ""),
                    ("link", "www.example.org"),
                    ("deadline", "31.03.2027"),
                    ("states", "RP"),
                    ("kinds", "unbekannt"),
                ],
            )
            .await;
        assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
        page.has(r##"href="#call-funder""##)
            .has(r##"href="#call-link""##)
            .has(r##"href="#call-deadline""##)
            .has(r##"href="#call-kinds-0""##)
            .has("Bitte ein Datum angeben")
            .has(r#"value="Smarte Dörfer""#)
            .has(r#"value="RP" checked"#);

        // Good input: recorded, listed, on the network's page.
        let page = s
            .post(
                list,
                Some(&coordinator),
                &[
                    ("title", "Smarte Dörfer"),
                    ("funder", "Musterministerium"),
                    ("link", "https://example.org/smarte-doerfer"),
                    ("deadline", "2099-03-31"),
                    ("states", "RP"),
                    ("states", "SL"),
                    ("kinds", "municipality"),
                    ("topics", "society"),
                ],
            )
            .await;
        assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
        s.get(&format!("{list}?erledigt=call-added"), Some(&coordinator))
            .await
            .has("Der Förderaufruf wurde erfasst.")
            .has("<th scope=\"row\">Smarte Dörfer</th>");
        s.get("/netzwerke/ikone-ds", None)
            .await
            .has("Smarte Dörfer")
            .has("Antragsberechtigt: Stadt/Gemeinde, Rheinland-Pfalz, Saarland");

        // Changed on its own page; its slug stays.
        let own = format!("{list}/smarte-doerfer");
        s.get(&own, Some(&coordinator))
            .await
            .has(r#"value="2099-03-31""#)
            .has(r#"value="SL" checked"#);
        let page = s
            .post(
                &own,
                Some(&coordinator),
                &[
                    ("title", "Smarte Dörfer, zweite Runde"),
                    ("funder", "Musterministerium"),
                    ("deadline", "2099-06-30"),
                ],
            )
            .await;
        assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
        s.get("/netzwerke/ikone-ds", None)
            .await
            .has("Smarte Dörfer, zweite Runde")
            .lacks("Antragsberechtigt");

        // Removed.
        let page = s
            .post(&format!("{own}/loeschen"), Some(&coordinator), &[])
            .await;
        assert_eq!(page.status, StatusCode::SEE_OTHER);
        s.get("/netzwerke/ikone-ds", None)
            .await
            .lacks("Smarte Dörfer");
        let page = s.get(&own, Some(&coordinator)).await;
        assert_eq!(page.status, StatusCode::NOT_FOUND);
    })
    .await;
}
