//! Funding calls on the network's page, over HTTP on every backend: the
//! open ones by deadline with who may apply, a passed one gone, in German
//! and English, for visitors and members alike.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::on_every_backend;
use knotenpunkt_app::domain::{FieldOfAction, FundingCall, OrgKind, Slug, State};
use knotenpunkt_web::WebConfig;

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
