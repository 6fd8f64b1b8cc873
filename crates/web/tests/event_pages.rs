//! Events over HTTP on every backend, as people meet them: an organiser
//! records a workshop through the form (bad input answered at its fields),
//! members register until the seats are taken and further ones wait, a
//! cancellation moves the first on the list up and tells them by mail
//! (through the real SMTP test server), and the organiser downloads the
//! participant list as CSV.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use std::time::Duration;

use common::on_every_backend;
use knotenpunkt_web::WebConfig;
use reqwest::StatusCode;

/// The id at the end of a redirect to an event's page.
fn event_id(location: &str) -> i64 {
    location
        .trim_start_matches("/veranstaltungen/")
        .split('?')
        .next()
        .unwrap()
        .parse()
        .unwrap()
}

#[tokio::test]
async fn a_workshop_fills_up_and_the_first_waiting_moves_up_when_a_seat_is_freed() {
    on_every_backend(WebConfig::default(), |s| async move {
        let coordinator = s
            .coordinator(
                "ikone-ds",
                "Clara Koordination",
                "clara@kaiserslautern.example",
            )
            .await;
        let first = s
            .member("ikone-ds", "speyer", "Erika Erste", "erika@speyer.example")
            .await;
        let second = s
            .member("ikone-ds", "trier", "Zora Zweite", "zora@trier.example")
            .await;
        let new = "/netzwerke/ikone-ds/veranstaltungen/neu";
        // Members do not organise; visitors are asked to sign in.
        assert_eq!(s.get(new, Some(&first)).await.status, StatusCode::FORBIDDEN);
        assert_eq!(s.get(new, None).await.status, StatusCode::SEE_OTHER);

        let page = s
            .post(
                new,
                Some(&coordinator),
                &[
                    ("title", "Workshop Förderanträge"),
                    ("kind", "workshop"),
                    ("starts_at", "2099-03-04T09:30"),
                    ("ends_at", "2099-03-04T08:00"),
                    ("capacity", "viele"),
                    ("registration", "network"),
                ],
            )
            .await;
        assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
        page.has(r##"href="#event-capacity""##)
            .has(r#"value="Workshop Förderanträge""#);
        let page = s
            .post(
                new,
                Some(&coordinator),
                &[
                    ("title", "Workshop Förderanträge"),
                    ("kind", "workshop"),
                    ("starts_at", "2099-03-04T09:30"),
                    ("ends_at", "2099-03-04T08:00"),
                    ("capacity", "1"),
                    ("registration", "network"),
                ],
            )
            .await;
        assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
        page.has(r##"href="#event-ends-at""##);
        let page = s
            .post(
                new,
                Some(&coordinator),
                &[
                    ("title", "Workshop Förderanträge"),
                    ("kind", "workshop"),
                    ("starts_at", "2099-03-04T09:30"),
                    ("ends_at", "2099-03-04T16:00"),
                    ("capacity", "1"),
                    ("registration", "network"),
                    ("address", "Rathaus Kaiserslautern"),
                ],
            )
            .await;
        assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
        let id = event_id(page.header("location"));
        let own = format!("/veranstaltungen/{id}");
        s.get(&format!("{own}?erledigt=created"), Some(&coordinator))
            .await
            .has("Die Veranstaltung wurde angelegt.")
            .has("0 von 1 Plätzen belegt")
            // Berlin time, as entered: 09:30 in March is UTC+1.
            .has(r#"datetime="2099-03-04T09:30:00+01:00""#)
            .has("09:30–16:00");
        // The network's page lists it for members, not for visitors.
        s.get("/netzwerke/ikone-ds", Some(&first))
            .await
            .has("Workshop Förderanträge");
        s.get("/netzwerke/ikone-ds", None)
            .await
            .lacks("Workshop Förderanträge");
        assert_eq!(s.get(&own, None).await.status, StatusCode::NOT_FOUND);

        // The form offers the cooperations; one that does not exist is
        // named at its field, a chosen one is named on the event's page.
        let form = s.get(new, Some(&coordinator)).await;
        form.has(r#"name="cooperation""#)
            .has("Smart City Living Lab");
        let lab = s
            .dir
            .cooperations(None)
            .await
            .unwrap()
            .into_iter()
            .find(|k| k.value.name == "Smart City Living Lab")
            .unwrap()
            .id
            .to_string();
        let fields = |cooperation: &str| {
            vec![
                ("title", "Werkstatt Living Lab".to_owned()),
                ("kind", "workshop".to_owned()),
                ("starts_at", "2099-04-01T10:00".to_owned()),
                ("ends_at", "2099-04-01T12:00".to_owned()),
                ("capacity", "5".to_owned()),
                ("registration", "network".to_owned()),
                ("cooperation", cooperation.to_owned()),
            ]
        };
        let bad = fields("999999");
        let bad: Vec<(&str, &str)> = bad.iter().map(|(k, v)| (*k, v.as_str())).collect();
        let page = s.post(new, Some(&coordinator), &bad).await;
        assert_eq!(
            page.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{}",
            page.body
        );
        page.has(r##"href="#event-cooperation""##);
        let good = fields(&lab);
        let good: Vec<(&str, &str)> = good.iter().map(|(k, v)| (*k, v.as_str())).collect();
        let page = s.post(new, Some(&coordinator), &good).await;
        assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
        let lab_event = format!("/veranstaltungen/{}", event_id(page.header("location")));
        s.get(&lab_event, Some(&coordinator))
            .await
            .has("Aus der Kooperation")
            .has("Smart City Living Lab");
        s.get(&format!("{lab_event}/bearbeiten"), Some(&coordinator))
            .await
            .has(&format!(r#"value="{lab}" selected"#));
        s.get("/organisationen/kaiserslautern", Some(&first))
            .await
            .has("Werkstatt Living Lab");

        // The first takes the seat, the second waits.
        let page = s.post(&format!("{own}/anmelden"), Some(&first), &[]).await;
        assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
        let page = s.post(&format!("{own}/anmelden"), Some(&second), &[]).await;
        assert!(page.header("location").contains("erledigt=waiting"));
        s.get(&own, Some(&second))
            .await
            .has("Warteliste, Platz 1")
            .has("1 von 1 Plätzen belegt · 1 auf der Warteliste");
        let mine = s.get(&own, Some(&first)).await;
        mine.has("Sie haben einen Platz.");
        assert_eq!(
            mine.header("cache-control"),
            "private, no-store",
            "seats change without the change counter"
        );

        // The first cancels: the second moves up and is told by mail.
        let (_, admin) = s.admin_once().await;
        let registration = s
            .dir
            .app()
            .events(&admin)
            .event(id)
            .await
            .unwrap()
            .registrations
            .unwrap()[0]
            .id;
        let page = s
            .post(
                &format!("{own}/anmeldungen/{registration}/abmelden"),
                Some(&first),
                &[],
            )
            .await;
        assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
        // Her invitation came first; the move-up mail follows.
        let until = std::time::Instant::now() + Duration::from_secs(10);
        let mail = loop {
            let found = s.sink.messages().into_iter().find(|m| {
                m.to.iter().any(|t| t == "zora@trier.example")
                    && m.subject.contains("Ein Platz für Sie")
            });
            if let Some(m) = found {
                break m;
            }
            assert!(std::time::Instant::now() < until, "no move-up mail");
            tokio::time::sleep(Duration::from_millis(50)).await;
        };
        assert!(
            mail.body.contains("Workshop Förderanträge"),
            "{}",
            mail.body
        );
        s.get(&own, Some(&second))
            .await
            .has("Sie haben einen Platz.");

        // The participant list, for the organiser only.
        let csv = s
            .get(&format!("{own}/teilnehmende.csv"), Some(&coordinator))
            .await;
        assert_eq!(csv.status, StatusCode::OK);
        assert!(csv.header("content-type").starts_with("text/csv"));
        assert!(csv.body.contains("Erika Erste") && csv.body.contains("Zora Zweite"));
        assert!(csv.body.contains(",abgemeldet,"), "{}", csv.body);
        let refused = s
            .get(&format!("{own}/teilnehmende.csv"), Some(&first))
            .await;
        assert_eq!(refused.status, StatusCode::FORBIDDEN);

        // Closed: the register button is gone.
        let page = s
            .post(
                &format!("{own}/anmeldeschluss"),
                Some(&coordinator),
                &[("closed", "yes")],
            )
            .await;
        assert_eq!(page.status, StatusCode::SEE_OTHER);
        s.get(&own, Some(&first))
            .await
            .lacks("Verbindlich anmelden")
            .has("Die Anmeldung ist geschlossen.");
    })
    .await;
}

#[tokio::test]
async fn a_visitor_registers_for_a_public_event_by_name_and_a_confirmed_address() {
    on_every_backend(WebConfig::default(), |s| async move {
        let (_, admin) = s.admin_once().await;
        let event: knotenpunkt_app::domain::Event = serde_json::from_value(serde_json::json!({
            "network": "ikone-ds", "title": "Offene Fachtagung", "kind": "conference",
            "starts_at": "2099-05-06T10:00:00+02:00", "ends_at": "2099-05-06T17:00:00+02:00",
            "capacity": 50, "registration": "public"}))
        .unwrap();
        let id = s
            .dir
            .app()
            .events(&admin)
            .create_event(&event)
            .await
            .unwrap();
        let own = format!("/veranstaltungen/{id}");
        s.get(&own, None)
            .await
            .has("Anmeldung anfordern")
            .has(r#"autocomplete="email""#);
        // A missing address is answered at its field.
        let page = s
            .post(
                &format!("{own}/anmelden"),
                None,
                &[("name", "Bea Besuch"), ("email", "bea")],
            )
            .await;
        assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
        page.has(r##"href="#guest-email""##)
            .has(r#"value="Bea Besuch""#);
        let page = s
            .post(
                &format!("{own}/anmelden"),
                None,
                &[("name", "Bea Besuch"), ("email", "bea@example.org")],
            )
            .await;
        assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
        assert!(page.header("location").contains("erledigt=requested"));
        let mail = s
            .sink
            .wait_for("bea@example.org", Duration::from_secs(10))
            .await
            .unwrap();
        let link = mail
            .first_link("https://knotenpunkt.example/veranstaltungen/bestaetigen/")
            .unwrap();
        let path = link.trim_start_matches("https://knotenpunkt.example");
        // Following the link shows a button; a scanner's GET registers
        // nobody.
        s.get(path, None).await.has("Anmeldung bestätigen");
        s.get(&own, None).await.has("0 von 50 Plätzen belegt");
        let page = s.post(path, None, &[]).await;
        assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
        assert!(page.header("location").contains("erledigt=confirmed"));
        s.get(&format!("{own}?erledigt=confirmed"), None)
            .await
            .has("Ihre Anmeldung ist bestätigt")
            .has("1 von 50 Plätzen belegt");
        let page = s.post(path, None, &[]).await;
        assert_eq!(page.status, StatusCode::NOT_FOUND, "a link works once");

        // The mail after confirming carries the link that cancels: its
        // page names the event and asks; pressing the button frees the seat.
        let until = std::time::Instant::now() + Duration::from_secs(10);
        let confirmed = loop {
            if let Some(m) = s
                .sink
                .messages()
                .into_iter()
                .find(|m| m.subject.starts_with("Angemeldet"))
            {
                break m;
            }
            assert!(std::time::Instant::now() < until, "no confirmation mail");
            tokio::time::sleep(Duration::from_millis(50)).await;
        };
        let cancel = confirmed
            .first_link("https://knotenpunkt.example/veranstaltungen/abmelden/")
            .unwrap();
        let cancel = cancel.trim_start_matches("https://knotenpunkt.example");
        s.get(cancel, None)
            .await
            .has("Von der Veranstaltung abmelden")
            .has("Bea Besuch")
            .has("Sie haben einen Platz.")
            .has("Jetzt abmelden");
        s.get(&own, None).await.has("1 von 50 Plätzen belegt");
        s.get(&format!("{cancel}?lang=en"), None)
            .await
            .has("Cancel your registration");
        let page = s.post(cancel, None, &[]).await;
        assert_eq!(page.status, StatusCode::OK, "{}", page.body);
        page.has("Sie sind abgemeldet.").lacks("Jetzt abmelden");
        s.get(&own, None).await.has("0 von 50 Plätzen belegt");
        // Again: nothing more to do, and a made-up link finds nothing.
        s.get(cancel, None)
            .await
            .has("bereits abgemeldet")
            .lacks("Jetzt abmelden");
        let page = s.get("/veranstaltungen/abmelden/ausgedacht.x", None).await;
        assert_eq!(page.status, StatusCode::NOT_FOUND);

        // Nobody gets an address flooded with mails: after five requests
        // for one address, the next is turned away for a while.
        let mut last = StatusCode::OK;
        for _ in 0..5 {
            last = s
                .post(
                    &format!("{own}/anmelden"),
                    None,
                    &[("name", "Bea Besuch"), ("email", "bea@example.org")],
                )
                .await
                .status;
        }
        assert_eq!(last, StatusCode::TOO_MANY_REQUESTS);
    })
    .await;
}
