//! Reminder mails over HTTP on every backend, as people meet them: the
//! choices on `/konto`, and the unsubscribe link of a reminder that came
//! through the real SMTP test server — its page asks first, a mail
//! program's one-click POST (no session, no form token) stops the kind, a
//! changed link does nothing.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use std::time::Duration;

use common::on_every_backend;
use knotenpunkt_app::App;
use knotenpunkt_app::domain::{Event, RegistrationRequest};
use knotenpunkt_web::WebConfig;
use reqwest::StatusCode;

fn tomorrow(title: &str) -> Event {
    let start = (chrono::Utc::now() + chrono::Duration::hours(10))
        .with_timezone(&chrono_tz::Europe::Berlin)
        .fixed_offset();
    serde_json::from_value(serde_json::json!({
        "network": "ikone-ds", "title": title, "kind": "webinar",
        "starts_at": start.to_rfc3339(), "ends_at": (start + chrono::Duration::hours(1)).to_rfc3339(),
        "online": "https://meet.example/seminar", "capacity": 50, "registration": "public"
    }))
    .unwrap()
}

#[tokio::test]
async fn reminders_are_chosen_on_the_account_page_and_stopped_by_their_link() {
    on_every_backend(WebConfig::default(), |s| async move {
        let member = s
            .member(
                "ikone-ds",
                "speyer",
                "Erika Erinnerung",
                "erika@speyer.example",
            )
            .await;
        let page = s.get("/konto", Some(&member)).await;
        assert_eq!(page.status, StatusCode::OK);
        let section = page.between(r#"id="erinnerungen""#, "</section>");
        assert_eq!(section.matches(" checked").count(), 4, "{section}");
        assert!(section.contains("Gastgeber-Termine"));

        // Visitors are asked to sign in; a member's choice is kept.
        let visitor = s.post("/konto/erinnerungen", None, &[("on", "host")]).await;
        assert_eq!(visitor.status, StatusCode::SEE_OTHER);
        assert!(visitor.header("location").starts_with("/anmelden"));
        let saved = s
            .post(
                "/konto/erinnerungen",
                Some(&member),
                &[("on", "host"), ("on", "events"), ("on", "unbekannt")],
            )
            .await;
        assert_eq!(saved.status, StatusCode::SEE_OTHER);
        assert_eq!(
            saved.header("location"),
            "/konto?hinweis=erinnerungen#erinnerungen"
        );
        let page = s.get("/konto?hinweis=erinnerungen", Some(&member)).await;
        page.has("Ihre Auswahl der Erinnerungen ist gespeichert.");
        let section = page.between(r#"id="erinnerungen""#, "</section>");
        assert!(section.contains(r#"value="host" aria-describedby="reminder-host-hint" checked"#));
        assert!(
            !section.contains(r#"value="agenda" aria-describedby="reminder-agenda-hint" checked"#)
        );
        assert_eq!(section.matches(" checked").count(), 2, "{section}");

        // A guest of tomorrow's seminar gets its reminder with the link.
        let app = s.dir.app().clone();
        let op = App::operator();
        let guest = RegistrationRequest {
            name: Some("Gustav Gast".into()),
            email: Some("gustav@gast.example".parse().unwrap()),
            answer: None,
        };
        let first = app
            .events(&op)
            .create_event(&tomorrow("Online-Seminar Bürgerportal"))
            .await
            .unwrap();
        app.events(&op).register(first, &guest).await.unwrap();
        let pass = app.reminders(&op).run().await.unwrap();
        assert_eq!(pass.sent, 1, "{pass:?}");
        let mail = s
            .sink
            .wait_for("gustav@gast.example", Duration::from_secs(10))
            .await
            .unwrap();
        assert_eq!(mail.subject, "Morgen: „Online-Seminar Bürgerportal“");
        let link = mail
            .first_link("https://knotenpunkt.example/erinnerungen/abbestellen/")
            .unwrap();
        let path = link.trim_start_matches("https://knotenpunkt.example");

        // The link's page asks first; a changed link is not found.
        let page = s.get(path, None).await;
        assert_eq!(page.status, StatusCode::OK);
        page.has("„Veranstaltungen“").has(">Abbestellen</button>");
        assert!(page.header("cache-control").contains("no-store"));
        let forged = format!("{path}A");
        assert_eq!(s.get(&forged, None).await.status, StatusCode::NOT_FOUND);
        let res = s
            .client
            .post(format!("{}{forged}", s.base))
            .body("List-Unsubscribe=One-Click")
            .header("content-type", "application/x-www-form-urlencoded")
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), StatusCode::NOT_FOUND);

        // The mail program's one-click POST: no session, no form token.
        let res = s
            .client
            .post(format!("{}{path}", s.base))
            .body("List-Unsubscribe=One-Click")
            .header("content-type", "application/x-www-form-urlencoded")
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), StatusCode::OK);
        assert!(
            res.text()
                .await
                .unwrap()
                .contains("Sie erhalten keine Erinnerungen „Veranstaltungen“ mehr.")
        );

        // The next event's reminder to the same address is not sent.
        let second = app
            .events(&op)
            .create_event(&tomorrow("Online-Seminar Open Data"))
            .await
            .unwrap();
        app.events(&op).register(second, &guest).await.unwrap();
        let pass = app.reminders(&op).run().await.unwrap();
        assert_eq!((pass.sent, pass.unsubscribed), (0, 1), "{pass:?}");
    })
    .await;
}
