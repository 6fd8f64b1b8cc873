//! The knowledge exchange as people use it, over HTTP on every backend: a
//! person of Kaiserslautern enters a project and shares a network-only
//! experience through the forms (bad input answered at its field), the
//! admin asks a follow-up question and the author's mail arrives, visitors
//! find nothing of the network-only report, the organisation's page and
//! the search ("Wen fragen?") show what each reader may see, and the report
//! is changed and removed.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use std::time::Duration;

use common::on_every_backend;
use knotenpunkt_web::WebConfig;
use reqwest::StatusCode;

const MAIL_WAIT: Duration = Duration::from_secs(10);

#[tokio::test]
async fn sharing_reading_asking_and_moderating() {
    on_every_backend(WebConfig::default(), |s| async move {
        let (admin, _) = s.admin().await;
        let author = s
            .coordinator("ikone-ds", "Erika Autorin", "erika@kaiserslautern.example")
            .await;

        // The lists are there for everyone, with the demo's projects.
        s.get("/projekte", None)
            .await
            .has("<h1>Projekte</h1>")
            .has("Smart City Living Lab")
            .lacks("Projekt eintragen");
        s.get("/projekte?lang=en", None)
            .await
            .has("<h1>Projects</h1>");
        let page = s.get("/projekte?status=fertig", None).await;
        assert_eq!(page.status, StatusCode::BAD_REQUEST);
        page.has("unbekannten Wert");

        // A visitor asked for the form is sent to sign in.
        let page = s.get("/projekte/neu", None).await;
        assert_eq!(page.status, StatusCode::SEE_OTHER);
        assert!(page.header("location").starts_with("/anmelden"));

        // The form offers the author's organisation; bad input is answered
        // at its field and keeps what was typed.
        s.get("/projekte/neu", Some(&author))
            .await
            .has(r#"<option value="kaiserslautern" selected>"#);
        let page = s
            .post(
                "/projekte/neu",
                Some(&author),
                &[
                    ("title", "Halb ausgefüllt"),
                    ("organization", "kaiserslautern"),
                    ("status", "running"),
                ],
            )
            .await;
        assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
        page.has(r#"id="project-summary-error""#)
            .has("mindestens ein Handlungsfeld")
            .has(r#"value="Halb ausgefüllt""#);
        let page = s
            .post(
                "/projekte/neu",
                Some(&author),
                &[
                    ("title", "Parkraummanagement Innenstadt"),
                    ("organization", "kaiserslautern"),
                    ("status", "running"),
                    (
                        "summary",
                        "Sensoren zeigen **freie** Parkplätze.\n\n<script>alert(1)</script>",
                    ),
                    ("topics", "mobility"),
                    (
                        "contacts",
                        "Erika Autorin; Projektleitung; erika@kaiserslautern.example",
                    ),
                    ("links", "https://example.org/parken"),
                    ("visibility", "public"),
                ],
            )
            .await;
        assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
        let location = page.header("location").to_owned();
        assert!(
            location.starts_with("/projekte/parkraummanagement-innenstadt?"),
            "{location}"
        );
        s.get(&location, None)
            .await
            .has("Das Projekt wurde eingetragen.")
            .has("<strong>freie</strong>")
            .has("&lt;script&gt;")
            .lacks("<script>alert")
            .has("Erika Autorin (Projektleitung)")
            .lacks("Projekt bearbeiten");
        s.get("/projekte/parkraummanagement-innenstadt", Some(&author))
            .await
            .has("Projekt bearbeiten")
            .has("/erfahrungen/neu?projekt=parkraummanagement-innenstadt");

        // A network-only experience of that project.
        s.get(
            "/erfahrungen/neu?projekt=parkraummanagement-innenstadt",
            Some(&author),
        )
        .await
        .has(r#"value="parkraummanagement-innenstadt""#);
        let page = s
            .post(
                "/erfahrungen/neu",
                Some(&author),
                &[
                    ("title", "Was bei den Bodensensoren schiefging"),
                    ("organization", "kaiserslautern"),
                    ("project", "parkraummanagement-innenstadt"),
                    ("text", "Die Bodensensoren meldeten bei Nässe belegt."),
                    ("outcome", "failed"),
                    ("differently", "- Erst einen Winter testen"),
                    ("topics", "mobility"),
                    ("lang", "de"),
                    ("network", "ikone-ds"),
                    ("visibility", "network"),
                ],
            )
            .await;
        assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
        let location = page.header("location").to_owned();
        let path = location.split('?').next().unwrap().to_owned();
        assert!(path.starts_with("/erfahrungen/"), "{location}");
        s.get(&path, Some(&author))
            .await
            .has("Was bei den Bodensensoren schiefging")
            .has(r#"<span class="badge outcome outcome-failed">gescheitert</span>"#)
            .has("nur Netzwerk")
            .has("<li>Erst einen Winter testen</li>")
            .has("Parkraummanagement Innenstadt");
        // Outsiders: as if it did not exist, in lists and on the project.
        let hidden = s.get(&path, None).await;
        assert_eq!(hidden.status, StatusCode::NOT_FOUND);
        s.get("/erfahrungen", None).await.lacks("Bodensensoren");
        s.get("/projekte/parkraummanagement-innenstadt", None)
            .await
            .lacks("Bodensensoren");
        s.get("/organisationen/kaiserslautern", None)
            .await
            .has("Parkraummanagement Innenstadt")
            .lacks("Bodensensoren");
        s.get("/organisationen/kaiserslautern", Some(&author))
            .await
            .has("Bodensensoren");

        // The admin asks a question; the author is told by mail.
        let page = s
            .post(
                &format!("{path}/kommentare"),
                Some(&admin),
                &[
                    ("text", "Wie habt ihr die Akzeptanz gemessen?"),
                    ("question", "1"),
                ],
            )
            .await;
        assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
        // (The first mail to this address was the invitation.)
        let deadline = tokio::time::Instant::now() + MAIL_WAIT;
        let mail = loop {
            let found = s.sink.messages().into_iter().find(|m| {
                m.to.iter().any(|t| t == "erika@kaiserslautern.example")
                    && m.subject.contains("Rückfrage")
            });
            if let Some(m) = found {
                break m;
            }
            assert!(
                tokio::time::Instant::now() < deadline,
                "no mail about the question"
            );
            tokio::time::sleep(Duration::from_millis(50)).await;
        };
        assert!(mail.subject.contains("Rückfrage"), "{}", mail.subject);
        assert!(
            mail.body.contains("Wie habt ihr die Akzeptanz gemessen?"),
            "{}",
            mail.body
        );
        assert!(
            mail.body
                .contains(&format!("https://knotenpunkt.example{path}")),
            "{}",
            mail.body
        );
        s.get(&path, Some(&author))
            .await
            .has("Wie habt ihr die Akzeptanz gemessen?")
            .has(r#"<span class="badge">Rückfrage</span>"#);
        // An empty comment is answered at its field; for a visitor the
        // network-only report does not exist, before anything is read.
        let page = s
            .post(
                &format!("{path}/kommentare"),
                Some(&admin),
                &[("text", "  ")],
            )
            .await;
        assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
        page.has(r#"id="comment-text-error""#);
        let page = s
            .post(&format!("{path}/kommentare"), None, &[("text", "Hallo")])
            .await;
        assert_eq!(page.status, StatusCode::NOT_FOUND);

        // Search: the author finds the report and whom to ask about it.
        let page = s.get("/suche?q=Bodensensoren", Some(&author)).await;
        page.has("Wen fragen?")
            .has(r#"<a href="/organisationen/kaiserslautern">Kaiserslautern</a>"#)
            .has("Erika Autorin (Projektleitung)");
        // A visitor finds the sample city's public project, and is not
        // told to ask Kaiserslautern, whose report they may not read.
        let page = s.get("/suche?q=Bodensensoren", None).await;
        page.lacks("Bodensensoren schiefging");
        let advice = page.between("Wen fragen?", "</section>");
        assert!(advice.contains("Musterstadt (Beispiel)"), "{advice}");
        assert!(!advice.contains("kaiserslautern"), "{advice}");

        // Changed and removed by the author.
        let page = s
            .post(
                &format!("{path}/bearbeiten"),
                Some(&author),
                &[
                    ("title", "Was bei den Bodensensoren schiefging"),
                    ("organization", "kaiserslautern"),
                    ("text", "Bei Nässe: belegt."),
                    ("outcome", "mixed"),
                    ("topics", "mobility"),
                    ("lang", "de"),
                    ("network", "ikone-ds"),
                    ("visibility", "network"),
                ],
            )
            .await;
        assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
        s.get(&path, Some(&author)).await.has("gemischt");
        let page = s
            .post(&format!("{path}/loeschen"), Some(&author), &[])
            .await;
        assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
        let page = s
            .post(
                &format!("{path}/loeschen"),
                Some(&author),
                &[("confirm", "yes")],
            )
            .await;
        assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
        assert_eq!(
            s.get(&path, Some(&author)).await.status,
            StatusCode::NOT_FOUND
        );
    })
    .await;
}
