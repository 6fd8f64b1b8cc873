#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! A network's management pages over real HTTP, on every backend: a
//! coordinator signed in by cookie adds and removes cohorts and members,
//! creates a series and cancels one of its meetings, invites a person (the
//! mail reaches a real SMTP server) and finds every change in the log;
//! everybody else is turned away the way the gate says.

use std::time::Duration;

use knotenpunkt_app::{MembershipFilter, Page};
use knotenpunkt_web::WebConfig;
use knotenpunkt_web::auth::RateLimitConfig;
use reqwest::StatusCode;

mod common;
use common::*;

const IKONE: &str = "/netzwerke/ikone-ds/verwaltung";

/// Asserts a 303 to `path` with the confirmation `what`, and follows it.
async fn confirmed(s: &Server, who: &Browser, r: &Fetched, path: &str, what: &str) -> Fetched {
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let location = r.header("location").to_owned();
    assert_eq!(location, format!("{path}?erledigt={what}"));
    let page = s.get(&location, Some(who)).await;
    assert_eq!(page.status, StatusCode::OK);
    page.has("class=\"manage-done\" role=\"status\"");
    page
}

#[tokio::test]
async fn coordinator_manages_cohorts_series_meetings_members_and_invitations() {
    on_every_backend(WebConfig::default(), |s| async move {
        let c = s
            .coordinator(
                "ikone-ds",
                "Clara Koordination",
                "clara@kaiserslautern.example",
            )
            .await;

        // The overview, linked from the network's page for them only.
        let o = s.get(IKONE, Some(&c)).await;
        assert_eq!(o.status, StatusCode::OK);
        assert_eq!(o.header("cache-control"), "private, no-store");
        o.has("<h1>Verwaltung: IKONE DS – Interkommunales Netzwerk Digitale Stadt</h1>")
            .has(&format!("href=\"{IKONE}/mitglieder\""))
            .has(&format!("href=\"{IKONE}/staffeln\""))
            .has(&format!("href=\"{IKONE}/reihen\""))
            .has(&format!("href=\"{IKONE}/einladungen\""))
            .has(&format!("href=\"{IKONE}/rollen\""))
            .has(&format!("href=\"{IKONE}/protokoll\""))
            .has("12 aktuelle Mitglieder")
            .has("2 Terminreihen");
        s.get("/netzwerke/ikone-ds", Some(&c))
            .await
            .has(&format!("<a href=\"{IKONE}\">Netzwerk verwalten</a>"));
        s.get("/netzwerke/ikone-ds", None)
            .await
            .lacks("Netzwerk verwalten");
        let en = s.get(&format!("{IKONE}?lang=en"), Some(&c)).await;
        en.has("<h1>Management: IKONE DS – Interkommunales Netzwerk Digitale Stadt</h1>")
            .has(&format!("href=\"{IKONE}/reihen?lang=en\""));

        // A cohort comes and goes.
        let path = format!("{IKONE}/staffeln");
        let r = s
            .post(
                &path,
                Some(&c),
                &[
                    ("name", "Staffel 9"),
                    ("slug", ""),
                    ("year", "2026"),
                    ("motto", "Daten teilen"),
                ],
            )
            .await;
        let p = confirmed(&s, &c, &r, &path, "cohort-added").await;
        p.has("Die Staffel wurde angelegt.")
            .has("<th scope=\"row\">Staffel 9</th>")
            .has("<code>staffel-9</code>")
            .has("Daten teilen");
        let r = s
            .post(&format!("{path}/staffel-9/loeschen"), Some(&c), &[])
            .await;
        confirmed(&s, &c, &r, &path, "cohort-deleted")
            .await
            .lacks("Staffel 9")
            .has("Dieses Netzwerk hat keine Staffeln.");

        // A member comes and goes.
        let path = format!("{IKONE}/mitglieder");
        let r = s
            .post(
                &path,
                Some(&c),
                &[
                    ("organization", "ulm"),
                    ("role", "partner"),
                    ("joined_on", "2026-01"),
                ],
            )
            .await;
        let p = confirmed(&s, &c, &r, &path, "member-added").await;
        let row = p.between("<a href=\"/organisationen/ulm\">Ulm</a>", "</tr>");
        assert!(
            row.contains("Partner") && row.contains("Januar 2026"),
            "{row}"
        );
        let ulm = s
            .dir
            .memberships(
                &MembershipFilter {
                    network: Some("ikone-ds".parse().unwrap()),
                    organization: Some("ulm".parse().unwrap()),
                    ..MembershipFilter::default()
                },
                Page::ALL,
            )
            .await
            .unwrap()
            .items[0]
            .id;
        let remove = format!("{path}/{ulm}/entfernen");
        p.has(&format!("action=\"{remove}\""));
        let r = s.post(&remove, Some(&c), &[]).await;
        confirmed(&s, &c, &r, &path, "member-removed")
            .await
            .lacks("/organisationen/ulm\"");

        // A series, created through the form, has its public page.
        let path = format!("{IKONE}/reihen");
        let r = s
            .post(
                &path,
                Some(&c),
                &[
                    ("title", "Arbeitsgruppe Open Data"),
                    ("slug", "ag-open-data"),
                    ("description", "Austausch über offene Daten."),
                    ("rule", "FREQ=MONTHLY;BYDAY=2TU"),
                    ("start", "2025-01-14T10:00"),
                    ("duration_minutes", "60"),
                    ("video_url", "https://video.example.org/ag-open-data"),
                    ("holidays", "next-workday"),
                    ("hosting", "fixed"),
                    ("host", "kaiserslautern"),
                    ("rotation_order", "join-order"),
                    ("rotation", ""),
                ],
            )
            .await;
        confirmed(&s, &c, &r, &path, "series-created")
            .await
            .has("<a href=\"/reihen/ag-open-data\">Arbeitsgruppe Open Data</a>")
            .has(&format!("href=\"{path}/ag-open-data\""));
        let public = s.get("/reihen/ag-open-data", None).await;
        assert_eq!(public.status, StatusCode::OK);
        public
            .has("<h1>Arbeitsgruppe Open Data</h1>")
            .has("Austausch über offene Daten.")
            .lacks("is-cancelled");

        // One of its meetings is cancelled, and the public page says so.
        let edit = format!("{path}/ag-open-data");
        let e = s.get(&edit, Some(&c)).await;
        assert_eq!(e.status, StatusCode::OK);
        let select = e.between("id=\"meeting-date\"", "</select>");
        let date = select
            .split("value=\"")
            .nth(1)
            .and_then(|v| v.split('"').next())
            .unwrap()
            .to_owned();
        let r = s
            .post(
                &format!("{edit}/termin"),
                Some(&c),
                &[("date", &date), ("kind", "cancel"), ("note", "Sommerpause")],
            )
            .await;
        confirmed(&s, &c, &r, &edit, "meeting-changed")
            .await
            .has(&format!("<time datetime=\"{date}\">"))
            .has("abgesagt")
            .has(&format!("action=\"{edit}/termin/{date}/zuruecknehmen\""));
        let public = s.get("/reihen/ag-open-data", None).await;
        let row = public.between(&format!("/reihen/ag-open-data/{date}"), "</tr>");
        assert!(row.contains("status-cancelled"), "{row}");
        assert!(row.contains("Sommerpause"), "{row}");
        s.get(&format!("/reihen/ag-open-data/{date}"), None)
            .await
            .has("Dieser Termin findet nicht statt.");

        // An invitation goes out by mail; the page never shows its link.
        let path = format!("{IKONE}/einladungen");
        let r = s
            .post(
                &path,
                Some(&c),
                &[
                    ("name", "Ines Neu"),
                    ("email", "ines@speyer.example"),
                    ("organization", "speyer"),
                    ("role", "member"),
                    ("language", "de"),
                ],
            )
            .await;
        let p = confirmed(&s, &c, &r, &path, "invited").await;
        let row = p.between("<th scope=\"row\">Ines Neu</th>", "</tr>");
        assert!(
            row.contains("ines@speyer.example") && row.contains("Mitglied"),
            "{row}"
        );
        assert!(row.contains("nein"), "{row}");
        let mail = s
            .sink
            .wait_for("ines@speyer.example", Duration::from_secs(10))
            .await
            .unwrap();
        assert_eq!(
            mail.subject,
            "Einladung zu IKONE DS – Interkommunales Netzwerk Digitale Stadt auf Knotenpunkt"
        );
        let link = mail
            .first_link("https://knotenpunkt.example/einladung/")
            .unwrap();
        let token = link.rsplit('/').next().unwrap();
        p.lacks(token).lacks("/einladung/");

        // The invited person shows on the roles page; a coordinator changes
        // their role but not their own.
        let roles = s.get(&format!("{IKONE}/rollen"), Some(&c)).await;
        roles.has("Ines Neu").has("Ihre eigene Rolle");
        let ines = s
            .dir
            .store()
            .person_by_email(&"ines@speyer.example".parse().unwrap())
            .await
            .unwrap()
            .unwrap()
            .0
            .id;
        let path = format!("{IKONE}/rollen");
        let r = s
            .post(&format!("{path}/{ines}"), Some(&c), &[("role", "guest")])
            .await;
        confirmed(&s, &c, &r, &path, "role-changed").await;

        // Every change is in the log, newest first, with who did it.
        let log = s.get(&format!("{IKONE}/protokoll"), Some(&c)).await;
        assert_eq!(log.status, StatusCode::OK);
        let expected = [
            "Rolle geändert",
            "Person eingeladen",
            "Termin abgesagt",
            "Terminreihe angelegt",
            "Mitgliedschaft entfernt",
            "Mitglied aufgenommen",
            "Staffel gelöscht",
            "Staffel angelegt",
        ];
        let mut at = 0;
        for what in expected {
            let found = log.body[at..]
                .find(&format!("<td>{what}</td>"))
                .unwrap_or_else(|| panic!("{what} missing or out of order:\n{}", log.body));
            at += found;
        }
        log.has(&format!("<td>{}</td>", c.name))
            .has(&format!("ag-open-data/{date}"))
            .has("Sommerpause")
            .lacks(token);
        // Times are Berlin's, winter or summer.
        assert!(
            log.body.contains("+01:00\">") || log.body.contains("+02:00\">"),
            "{}",
            log.body
        );
        s.stop().await;
    })
    .await;
}

#[tokio::test]
async fn others_are_turned_away_as_the_gate_says() {
    on_every_backend(WebConfig::default(), |s| async move {
        let c = s
            .coordinator(
                "ikone-ds",
                "Clara Koordination",
                "clara@kaiserslautern.example",
            )
            .await;
        let other = "/netzwerke/modellprojekte-smart-cities/verwaltung";

        // Anonymous visitors are sent to sign in, and back here afterwards.
        for path in [IKONE.to_owned(), format!("{IKONE}/protokoll")] {
            let r = s.get(&path, None).await;
            assert_eq!(r.status, StatusCode::SEE_OTHER);
            assert_eq!(
                r.header("location"),
                format!("/anmelden?next={}", path.replace('/', "%2F"))
            );
        }
        let r = s
            .post(&format!("{IKONE}/staffeln"), None, &[("name", "X")])
            .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER);
        assert!(r.header("location").starts_with("/anmelden?next="));

        // A coordinator of one network may not manage another.
        let r = s.get(other, Some(&c)).await;
        assert_eq!(r.status, StatusCode::FORBIDDEN);
        r.has("Keine Berechtigung");
        let r = s
            .post(
                &format!("{other}/staffeln"),
                Some(&c),
                &[("name", "Staffel 99")],
            )
            .await;
        assert_eq!(r.status, StatusCode::FORBIDDEN);
        let cohorts = s
            .dir
            .cohorts(Some(&"modellprojekte-smart-cities".parse().unwrap()))
            .await
            .unwrap();
        assert!(cohorts.iter().all(|k| k.name != "Staffel 99"));
        s.get("/netzwerke/modellprojekte-smart-cities", Some(&c))
            .await
            .lacks("Netzwerk verwalten");

        // …nor reach another network's membership or series through its own.
        let foreign = s
            .dir
            .memberships(
                &MembershipFilter {
                    network: Some("modellprojekte-smart-cities".parse().unwrap()),
                    ..MembershipFilter::default()
                },
                Page {
                    limit: Some(1),
                    offset: 0,
                },
            )
            .await
            .unwrap()
            .items[0]
            .id;
        let r = s
            .post(
                &format!("{IKONE}/mitglieder/{foreign}/entfernen"),
                Some(&c),
                &[],
            )
            .await;
        assert_eq!(r.status, StatusCode::NOT_FOUND);
        assert!(s.dir.membership(foreign).await.is_ok());
        let r = s
            .get(&format!("{IKONE}/reihen/after-work-lounge"), Some(&c))
            .await;
        assert_eq!(r.status, StatusCode::NOT_FOUND);

        // A form without the session's token is refused before any handler.
        let r = s
            .client
            .post(format!("{}{IKONE}/staffeln", s.base))
            .header("cookie", format!("kp_session={}", c.cookie))
            .form(&[("name", "Staffel ohne Token")])
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::FORBIDDEN);
        assert!(
            s.dir
                .cohorts(Some(&"ikone-ds".parse().unwrap()))
                .await
                .unwrap()
                .is_empty()
        );
        s.stop().await;
    })
    .await;
}

#[tokio::test]
async fn invalid_input_is_shown_next_to_its_field_and_kept() {
    on_every_backend(WebConfig::default(), |s| async move {
        let c = s
            .coordinator(
                "ikone-ds",
                "Clara Koordination",
                "clara@kaiserslautern.example",
            )
            .await;
        let path = format!("{IKONE}/reihen");
        let r = s
            .post(
                &path,
                Some(&c),
                &[
                    ("title", "Kaputte Regel"),
                    ("slug", ""),
                    ("rule", "FREQ=SOMETIMES;BYDAY=XX"),
                    ("start", "2025-01-14T10:00"),
                    ("duration_minutes", "60"),
                    ("holidays", "keep"),
                    ("hosting", "none"),
                ],
            )
            .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        // The engine's finding stands right at the rule field, which points
        // to it, and the summary links there; what was typed is kept.
        let field = r.between("<label for=\"series-rule\">", "</div>");
        assert!(field.contains("id=\"series-rule-error\""), "{field}");
        assert!(
            field.contains("<span lang=\"en\">recurrence rule part"),
            "{field}"
        );
        assert!(field.contains("aria-invalid=\"true\""), "{field}");
        assert!(
            field.contains("aria-describedby=\"series-rule-hint series-rule-error\""),
            "{field}"
        );
        assert!(
            field.contains("value=\"FREQ=SOMETIMES;BYDAY=XX\""),
            "{field}"
        );
        r.has("role=\"alert\"")
            .has("<a href=\"#series-rule\">Regel (RRULE):")
            .has("value=\"Kaputte Regel\"");
        assert!(
            s.dir
                .series(&"kaputte-regel".parse().unwrap())
                .await
                .is_err()
        );

        // The page's own checks speak German and name the field too.
        let r = s
            .post(
                &format!("{IKONE}/staffeln"),
                Some(&c),
                &[("name", ""), ("slug", "Nicht Gut"), ("year", "zwanzig")],
            )
            .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        r.has("id=\"cohort-name-error\"")
            .has("Bitte füllen Sie dieses Feld aus.")
            .has("id=\"cohort-year-error\"")
            .has("value=\"zwanzig\"")
            .has("id=\"cohort-slug-error\"");

        // Moving a meeting needs the new time.
        let edit = format!("{path}/ikone-ds-stammtisch");
        let e = s.get(&edit, Some(&c)).await;
        let date = e
            .between("id=\"meeting-date\"", "</select>")
            .split("value=\"")
            .nth(1)
            .and_then(|v| v.split('"').next())
            .unwrap()
            .to_owned();
        let r = s
            .post(
                &format!("{edit}/termin"),
                Some(&c),
                &[("date", &date), ("kind", "move"), ("to", "")],
            )
            .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        r.has("id=\"meeting-to-error\"")
            .has("Bitte geben Sie an, wann der Termin stattfinden soll.");

        // So does an address for an invitation.
        let r = s
            .post(
                &format!("{IKONE}/einladungen"),
                Some(&c),
                &[
                    ("name", "Ohne Adresse"),
                    ("email", "kein-at-zeichen"),
                    ("role", "member"),
                    ("language", "de"),
                ],
            )
            .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        r.has("id=\"invite-email-error\"")
            .has("value=\"kein-at-zeichen\"");
        assert!(
            s.sink
                .messages()
                .iter()
                .all(|m| !m.to.iter().any(|t| t.contains("kein")))
        );
        s.stop().await;
    })
    .await;
}

#[tokio::test]
async fn invitations_are_rate_limited_per_network() {
    let config = WebConfig {
        rate_limits: RateLimitConfig {
            client_burst: 100,
            client_every: Duration::from_secs(1),
            account_burst: 1,
            account_every: Duration::from_secs(3600),
        },
        ..WebConfig::default()
    };
    on_every_backend(config, |s| async move {
        let c = s
            .coordinator(
                "ikone-ds",
                "Clara Koordination",
                "clara@kaiserslautern.example",
            )
            .await;
        let path = format!("{IKONE}/einladungen");
        let invite = |email: &'static str| {
            [
                ("name", "Jemand"),
                ("email", email),
                ("role", "guest"),
                ("language", "en"),
            ]
        };
        let r = s.post(&path, Some(&c), &invite("eins@example.org")).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER);
        let r = s.post(&path, Some(&c), &invite("zwei@example.org")).await;
        assert_eq!(r.status, StatusCode::TOO_MANY_REQUESTS);
        let wait: u64 = r.header("retry-after").parse().unwrap();
        assert!(wait > 60, "{wait}");
        r.has("Bitte warten Sie").has("value=\"zwei@example.org\"");
        let invited = s
            .dir
            .invitations(&s.admin_once().await.1, Some(&"ikone-ds".parse().unwrap()))
            .await
            .unwrap();
        assert!(
            invited
                .iter()
                .all(|i| i.email.as_str() != "zwei@example.org")
        );
        s.stop().await;
    })
    .await;
}

#[tokio::test]
async fn a_network_hidden_from_outsiders_is_managed_with_its_coordinators_eyes() {
    on_every_backend(WebConfig::default(), |s| async move {
        let c = s
            .coordinator(
                "ikone-ds",
                "Clara Koordination",
                "clara@kaiserslautern.example",
            )
            .await;
        let slug = "ikone-ds".parse().unwrap();
        let mut n = s.dir.unrestricted().network(&slug).await.unwrap();
        n.visibility = knotenpunkt_app::domain::Visibility::Network;
        s.dir.update_network(&slug, &n).await.unwrap();

        // Outsiders cannot tell the management from a missing page…
        assert_eq!(s.get(IKONE, None).await.status, StatusCode::NOT_FOUND);
        let r = s
            .post(&format!("{IKONE}/staffeln"), None, &[("name", "X")])
            .await;
        assert_eq!(r.status, StatusCode::NOT_FOUND);
        // …while the coordinator reads and changes everything as before.
        s.get(IKONE, Some(&c))
            .await
            .has("12 aktuelle Mitglieder")
            .has("2 Terminreihen");
        let e = s
            .get(&format!("{IKONE}/reihen/ikone-ds-stammtisch"), Some(&c))
            .await;
        assert_eq!(e.status, StatusCode::OK);
        e.has("id=\"meeting-date\"");
        let path = format!("{IKONE}/staffeln");
        let r = s
            .post(&path, Some(&c), &[("name", "Staffel 1"), ("year", "2025")])
            .await;
        confirmed(&s, &c, &r, &path, "cohort-added")
            .await
            .has("<code>staffel-1</code>");
        s.get(&format!("{IKONE}/protokoll"), Some(&c))
            .await
            .has("<td>Staffel angelegt</td>");
        s.stop().await;
    })
    .await;
}

/// Signed-in readers with the same rights share the rendering of a page's
/// main part; each still gets their own frame (name, form token), a reader
/// with other rights gets their own main part, and a write shows at once.
#[tokio::test]
async fn readers_with_the_same_rights_share_a_page_but_not_its_frame() {
    on_every_backend(WebConfig::default(), |s| async move {
        let (admin, _) = s.admin().await;
        let cora = s
            .coordinator(
                "ikone-ds",
                "Cora Koordination",
                "cora@kaiserslautern.example",
            )
            .await;
        let carl = s
            .coordinator(
                "ikone-ds",
                "Carl Koordination",
                "carl@kaiserslautern.example",
            )
            .await;
        let page = "/netzwerke/ikone-ds";
        let first = s.get(page, Some(&cora)).await;
        assert_eq!(first.status, StatusCode::OK);
        first
            .has("Cora Koordination")
            .has(&cora.csrf)
            .has("/netzwerke/ikone-ds/verwaltung");
        let second = s.get(page, Some(&carl)).await;
        second
            .has("Carl Koordination")
            .has(&carl.csrf)
            .lacks("Cora Koordination")
            .lacks(&cora.csrf);
        assert_eq!(
            first.between("<main", "</main>"),
            second.between("<main", "</main>"),
            "the same rights, the same main part"
        );
        assert_eq!(second.header("cache-control"), "private, no-store");

        // Other rights: an anonymous visitor has no link to the management.
        s.get(page, None)
            .await
            .lacks("/netzwerke/ikone-ds/verwaltung")
            .lacks("Cora Koordination");
        s.get(page, Some(&admin))
            .await
            .has("Ada Admin")
            .has("/netzwerke/ikone-ds/verwaltung");

        // A write shows on the next request.
        let slug = "ikone-ds".parse().unwrap();
        let mut network = s.dir.network(&slug).await.unwrap();
        network.name = "IKONE DS (umbenannt)".into();
        s.dir.update_network(&slug, &network).await.unwrap();
        s.get(page, Some(&carl))
            .await
            .has("IKONE DS (umbenannt)")
            .has("Carl Koordination");
        s.stop().await;
    })
    .await;
}
