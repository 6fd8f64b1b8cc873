//! Working groups over HTTP on every backend, as people meet them: a
//! coordinator creates one through the form (bad input answered at its
//! field, what was typed kept), a member asks to join from the group's
//! page, the coordinator accepts, and the member then sees who is in it;
//! a visitor sees the group but not its people.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::on_every_backend;
use knotenpunkt_web::WebConfig;
use reqwest::StatusCode;

#[tokio::test]
async fn a_member_asks_to_join_a_working_group_and_is_accepted() {
    on_every_backend(WebConfig::default(), |s| async move {
        let coordinator = s
            .coordinator(
                "ikone-ds",
                "Clara Koordination",
                "clara@kaiserslautern.example",
            )
            .await;
        let member = s
            .member(
                "ikone-ds",
                "speyer",
                "Erika Mitglied",
                "erika@speyer.example",
            )
            .await;
        let new = "/netzwerke/ikone-ds/arbeitsgruppen/neu";
        assert_eq!(
            s.get(new, Some(&member)).await.status,
            StatusCode::FORBIDDEN
        );
        let form = s.get(new, Some(&coordinator)).await;
        assert_eq!(form.status, StatusCode::OK);
        form.has(r#"name="leads" value="kaiserslautern""#);

        // A name is required; what was typed stays.
        let page = s
            .post(
                new,
                Some(&coordinator),
                &[
                    ("name", ""),
                    ("slug", "ag-daten"),
                    ("purpose", "Offene Daten gemeinsam."),
                ],
            )
            .await;
        assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
        page.has(r##"href="#group-name""##)
            .has("Offene Daten gemeinsam.");
        let made = s
            .post(
                new,
                Some(&coordinator),
                &[
                    ("name", "AG Datenplattform"),
                    ("slug", "ag-daten"),
                    ("purpose", "Offene Daten gemeinsam."),
                    ("leads", "kaiserslautern"),
                    ("open", "0"),
                ],
            )
            .await;
        assert_eq!(made.status, StatusCode::SEE_OTHER, "{}", made.body);
        let group = "/netzwerke/ikone-ds/arbeitsgruppen/ag-daten";
        assert!(made.header("location").starts_with(group));

        // The list and the network page lead there.
        s.get("/netzwerke/ikone-ds/arbeitsgruppen", None)
            .await
            .has("AG Datenplattform")
            .has("Kaiserslautern");
        s.get("/netzwerke/ikone-ds", None)
            .await
            .has(r#"href="/netzwerke/ikone-ds/arbeitsgruppen""#);

        // The member asks.
        let page = s.get(group, Some(&member)).await;
        // Not in it yet: no list of people.
        page.has(">Aufnahme anfragen</button>")
            .lacks(r#"id="mitglieder""#);
        let asked = s
            .post(&format!("{group}/beitreten"), Some(&member), &[])
            .await;
        assert_eq!(asked.status, StatusCode::SEE_OTHER);
        assert_eq!(
            asked.header("location"),
            format!("{group}?erledigt=requested")
        );
        s.get(&format!("{group}?erledigt=requested"), Some(&member))
            .await
            .has("Ihre Anfrage ist gestellt")
            .has("Ihre Anfrage liegt der Leitung vor.");

        // The coordinator sees the request and accepts it.
        let page = s.get(group, Some(&coordinator)).await;
        let section = page.between(r#"id="anfragen""#, "</section>");
        assert!(section.contains("Erika Mitglied"), "{section}");
        let action = section
            .split(r#"action=""#)
            .nth(1)
            .unwrap()
            .split('"')
            .next()
            .unwrap()
            .to_owned();
        let accepted = s
            .post(&action, Some(&coordinator), &[("accept", "1")])
            .await;
        assert_eq!(accepted.status, StatusCode::SEE_OTHER);
        let page = s.get(group, Some(&member)).await;
        page.has("Sie sind Mitglied.").has(">Austreten</button>");
        let people = page.between(r#"id="mitglieder""#, "</section>");
        assert!(people.contains("Erika Mitglied"), "{people}");

        // A visitor sees the group, not who is in it.
        let visitor = s.get(group, None).await;
        assert_eq!(visitor.status, StatusCode::OK);
        visitor.has("AG Datenplattform").lacks("Erika Mitglied");
        // A group that does not exist is not found.
        assert_eq!(
            s.get("/netzwerke/ikone-ds/arbeitsgruppen/gibt-es-nicht", None)
                .await
                .status,
            StatusCode::NOT_FOUND
        );
    })
    .await;
}
