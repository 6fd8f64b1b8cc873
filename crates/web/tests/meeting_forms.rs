#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! The forms on a meeting's page over real HTTP, on every backend: members
//! raise agenda points, coordinators write minutes and attendance and
//! remove points; guests and anonymous visitors are turned away the way
//! the policy says.

use knotenpunkt_app::InvitationRequest;
use knotenpunkt_app::domain::{NetworkRole, NewPerson};
use knotenpunkt_web::WebConfig;
use reqwest::StatusCode;

mod common;
use common::*;

const MEETING: &str = "/reihen/ikone-ds-stammtisch/2025-01-15";

impl Server {
    /// A person of Kaiserslautern (the organisation that coordinates IKONE
    /// DS) with `role` in `network`, invited by an admin and signed in.
    async fn with_role(
        &self,
        network: &str,
        role: NetworkRole,
        name: &str,
        email: &str,
    ) -> Browser {
        self.of("kaiserslautern", network, role, name, email).await
    }

    /// A person of `organization` with `role` in `network`, signed in.
    async fn of(
        &self,
        organization: &str,
        network: &str,
        role: NetworkRole,
        name: &str,
        email: &str,
    ) -> Browser {
        let (_, admin) = self.admin_once().await;
        let invited = self
            .dir
            .invite(
                &admin,
                InvitationRequest {
                    person: NewPerson {
                        organization: (role != NetworkRole::Guest)
                            .then(|| organization.parse().unwrap()),
                        ..person(name, email)
                    },
                    network: Some(network.parse().unwrap()),
                    role: Some(role),
                    admin: false,
                },
            )
            .await
            .unwrap();
        self.accept(invited.link.as_deref().unwrap()).await
    }
}

/// Asserts a 303 back to the meeting with the confirmation `what`, and
/// follows it.
async fn saved(s: &Server, who: &Browser, r: &Fetched, what: &str) -> Fetched {
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let location = r.header("location").to_owned();
    assert_eq!(location, format!("{MEETING}?gespeichert={what}"));
    let page = s.get(&location, Some(who)).await;
    assert_eq!(page.status, StatusCode::OK);
    page.has("class=\"manage-done\" role=\"status\"");
    page
}

#[tokio::test]
async fn members_raise_agenda_points_others_are_turned_away() {
    on_every_backend(WebConfig::default(), |s| async move {
        let member = s
            .of(
                "speyer",
                "ikone-ds",
                NetworkRole::Member,
                "Mia Mitglied",
                "mia@speyer.example",
            )
            .await;
        let page = s.get(MEETING, Some(&member)).await;
        assert_eq!(page.status, StatusCode::OK);
        page.has("Tagesordnungspunkt vorschlagen")
            .has(&format!("action=\"{MEETING}/tagesordnung\""))
            .has("name=\"csrf\"")
            .has("Im Namen von Speyer")
            // Members neither write minutes nor remove points.
            .lacks(&format!("action=\"{MEETING}/protokoll\""))
            .lacks(&format!("action=\"{MEETING}/anwesenheit\""));

        // A network-only point, in the name of the member's organisation.
        let text = "Datenschutz bei Bürgerportalen";
        let r = s
            .post(
                &format!("{MEETING}/tagesordnung"),
                Some(&member),
                &[
                    ("text", text),
                    ("visibility", "network"),
                    ("on_behalf", "1"),
                ],
            )
            .await;
        let page = saved(&s, &member, &r, "agenda-added").await;
        page.has("Der Tagesordnungspunkt wurde vorgeschlagen.")
            .has(text)
            .has("<span class=\"badge badge-visibility\">nur Netzwerk</span>")
            .has("eingebracht von <a href=\"/organisationen/speyer\">")
            .lacks("/entfernen\"");
        // Nobody outside the network reads it.
        let anon = s.get(MEETING, None).await;
        assert_eq!(anon.status, StatusCode::OK);
        anon.lacks(text)
            .lacks("Tagesordnungspunkt vorschlagen")
            .lacks("nur Netzwerk");

        // Too long: the page again, the message at the field.
        let long = "x".repeat(501);
        let r = s
            .post(
                &format!("{MEETING}/tagesordnung"),
                Some(&member),
                &[("text", &long), ("visibility", "network")],
            )
            .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        r.has("id=\"agenda-text-error\"")
            .has("Höchstens 500 Zeichen.")
            .has("aria-describedby=\"agenda-text-hint agenda-text-error\"")
            .has("aria-invalid=\"true\"")
            .has(&long);
        // An empty point and an unknown visibility are refused too.
        let r = s
            .post(
                &format!("{MEETING}/tagesordnung"),
                Some(&member),
                &[("text", "Gut"), ("visibility", "geheim")],
            )
            .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        r.has("id=\"agenda-visibility-error\"");

        // A guest of the network may not raise points.
        let guest = s
            .with_role(
                "ikone-ds",
                NetworkRole::Guest,
                "Gert Gast",
                "gert@gast.example",
            )
            .await;
        s.get(MEETING, Some(&guest))
            .await
            .lacks("Tagesordnungspunkt vorschlagen");
        let r = s
            .post(
                &format!("{MEETING}/tagesordnung"),
                Some(&guest),
                &[("text", "Gastpunkt"), ("visibility", "public")],
            )
            .await;
        assert_eq!(r.status, StatusCode::FORBIDDEN);

        // Anonymous visitors are sent to sign in.
        let r = s
            .post(
                &format!("{MEETING}/tagesordnung"),
                None,
                &[("text", "Anonym"), ("visibility", "public")],
            )
            .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER);
        assert!(
            r.header("location").starts_with("/anmelden"),
            "{}",
            r.header("location")
        );
        s.get(MEETING, Some(&member))
            .await
            .lacks("Anonym")
            .lacks("Gastpunkt");

        // A coordinator removes the point.
        let c = s
            .with_role(
                "ikone-ds",
                NetworkRole::Coordinator,
                "Clara Koordination",
                "clara@kaiserslautern.example",
            )
            .await;
        let page = s.get(MEETING, Some(&c)).await;
        page.has(text);
        let start = page
            .body
            .find(&format!("action=\"{MEETING}/tagesordnung/"))
            .unwrap()
            + "action=\"".len();
        let rest = &page.body[start..];
        let action = rest[..rest.find('"').unwrap()].to_owned();
        assert!(action.ends_with("/entfernen"), "{action}");
        let r = s.post(&action, Some(&c), &[]).await;
        saved(&s, &c, &r, "agenda-removed").await.lacks(text);
        // The member may not remove points.
        let r = s.post(&action, Some(&member), &[]).await;
        assert_eq!(r.status, StatusCode::FORBIDDEN);
        s.stop().await;
    })
    .await;
}

#[tokio::test]
async fn coordinators_write_minutes_and_attendance() {
    on_every_backend(WebConfig::default(), |s| async move {
        let c = s
            .with_role(
                "ikone-ds",
                NetworkRole::Coordinator,
                "Clara Koordination",
                "clara@kaiserslautern.example",
            )
            .await;
        let page = s.get(MEETING, Some(&c)).await;
        page.has(&format!("action=\"{MEETING}/protokoll\""))
            .has(&format!("action=\"{MEETING}/anwesenheit\""))
            .has("value=\"kaiserslautern\"");

        let minutes = "Wir haben über offene Daten gesprochen.";
        let r = s
            .post(
                &format!("{MEETING}/protokoll"),
                Some(&c),
                &[("text", minutes), ("visibility", "public")],
            )
            .await;
        let page = saved(&s, &c, &r, "minutes").await;
        page.has("Das Protokoll wurde gespeichert.")
            .has(&format!(
                "<div class=\"minutes\" lang=\"de\">{minutes}</div>"
            ))
            // The form is prefilled with the minutes and their visibility.
            .has(&format!(">{minutes}</textarea>"))
            .has("<option value=\"public\" selected>");
        s.get(MEETING, None).await.has(minutes);

        let r = s
            .post(
                &format!("{MEETING}/anwesenheit"),
                Some(&c),
                &[("organizations", "kaiserslautern")],
            )
            .await;
        let page = saved(&s, &c, &r, "attendance").await;
        page.has("Die Anwesenheit wurde gespeichert.")
            .has("<ul class=\"members\">\n<li><a href=\"/organisationen/kaiserslautern\">")
            .has("value=\"kaiserslautern\" checked");
        let r = s
            .post(
                &format!("{MEETING}/anwesenheit"),
                Some(&c),
                &[("organizations", "Nicht Gültig!")],
            )
            .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        r.has("id=\"attendance-organizations-error\"");

        // Empty minutes remove them.
        let r = s
            .post(
                &format!("{MEETING}/protokoll"),
                Some(&c),
                &[("text", ""), ("visibility", "network")],
            )
            .await;
        saved(&s, &c, &r, "minutes")
            .await
            .lacks("<div class=\"minutes\"");

        // Members record neither.
        let member = s
            .of(
                "speyer",
                "ikone-ds",
                NetworkRole::Member,
                "Mia Mitglied",
                "mia@speyer.example",
            )
            .await;
        let r = s
            .post(
                &format!("{MEETING}/protokoll"),
                Some(&member),
                &[("text", "Meins"), ("visibility", "public")],
            )
            .await;
        assert_eq!(r.status, StatusCode::FORBIDDEN);
        s.stop().await;
    })
    .await;
}

#[tokio::test]
async fn members_declare_dates_their_organisation_cannot_host() {
    on_every_backend(WebConfig::default(), |s| async move {
        const SERIES: &str = "/reihen/ikone-ds-netzwerktreffen";
        let member = s
            .of(
                "speyer",
                "ikone-ds",
                NetworkRole::Member,
                "Sina Speyer",
                "sina@speyer.example",
            )
            .await;
        let page = s.get(SERIES, Some(&member)).await;
        assert_eq!(page.status, StatusCode::OK);
        page.has("Termine, an denen wir nicht Gastgeber sein können")
            .has(&format!("action=\"{SERIES}/verhinderung\""))
            .lacks("name=\"dates\" value=\"2000-01-01\"");
        // Nobody else is offered the form.
        s.get(SERIES, None)
            .await
            .lacks("nicht Gastgeber sein können");
        let start =
            page.body.find("name=\"dates\" value=\"").unwrap() + "name=\"dates\" value=\"".len();
        let date = page.body[start..start + 10].to_owned();

        let r = s
            .post(
                &format!("{SERIES}/verhinderung"),
                Some(&member),
                &[("dates", date.as_str())],
            )
            .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
        assert_eq!(
            r.header("location"),
            format!("{SERIES}?gespeichert=unavailable")
        );
        let page = s.get(r.header("location"), Some(&member)).await;
        page.has("Die Termine wurden gespeichert.")
            .has(&format!("name=\"dates\" value=\"{date}\" checked"));
        // Stored: the meeting of that date is not Speyer's.
        let meeting = s.get(&format!("{SERIES}/{date}"), Some(&member)).await;
        assert_eq!(meeting.status, StatusCode::OK);
        assert!(
            !meeting
                .body
                .contains("<dd><a href=\"/organisationen/speyer\">"),
            "{}",
            meeting.body
        );

        let r = s
            .post(
                &format!("{SERIES}/verhinderung"),
                Some(&member),
                &[("dates", "morgen")],
            )
            .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        r.has("id=\"unavailable-dates-error\"");

        let r = s
            .post(
                &format!("{SERIES}/verhinderung"),
                None,
                &[("dates", date.as_str())],
            )
            .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER);
        assert!(r.header("location").starts_with("/anmelden"));
        s.stop().await;
    })
    .await;
}
