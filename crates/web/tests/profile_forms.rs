#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! Profile forms over real HTTP, on every backend: a network's settings
//! (visibility above all) for its coordinators, an organisation's profile
//! for its editors, and the admin naming those editors.

use knotenpunkt_app::InvitationRequest;
use knotenpunkt_app::domain::NetworkRole;
use knotenpunkt_web::WebConfig;
use reqwest::StatusCode;

mod common;
use common::*;

const SETTINGS: &str = "/netzwerke/ikone-ds/verwaltung/einstellungen";
const KL_EDIT: &str = "/organisationen/kaiserslautern/bearbeiten";

impl Server {
    /// A person with `role` in `network`, invited by an admin and signed in.
    async fn invited(&self, network: &str, role: NetworkRole, name: &str, email: &str) -> Browser {
        let (_, admin) = self.admin_once().await;
        let invited = self
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
        self.accept(invited.link.as_deref().unwrap()).await
    }
}

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

fn settings(name: &str, visibility: &str) -> Vec<(&'static str, String)> {
    vec![
        ("name", name.to_owned()),
        ("description", "Ein Netzwerk.".to_owned()),
        ("website", "https://ikone.example".to_owned()),
        ("visibility", visibility.to_owned()),
    ]
}

async fn post_owned(
    s: &Server,
    path: &str,
    who: Option<&Browser>,
    f: &[(&str, String)],
) -> Fetched {
    let pairs: Vec<(&str, &str)> = f.iter().map(|(k, v)| (*k, v.as_str())).collect();
    s.post(path, who, &pairs).await
}

#[tokio::test]
async fn a_coordinator_hides_the_network_from_outsiders_and_shows_it_again() {
    on_every_backend(WebConfig::default(), |s| async move {
        let c = s
            .coordinator(
                "ikone-ds",
                "Clara Koordination",
                "clara@kaiserslautern.example",
            )
            .await;
        let m = s
            .invited(
                "ikone-ds",
                NetworkRole::Member,
                "Mia Mitglied",
                "mia@example.org",
            )
            .await;
        let name = s.get("/netzwerke/ikone-ds", None).await;
        assert_eq!(name.status, StatusCode::OK);
        s.get("/netzwerke", None)
            .await
            .has("href=\"/netzwerke/ikone-ds\"");

        // The overview links to the settings; the form shows the choice.
        s.get("/netzwerke/ikone-ds/verwaltung", Some(&c))
            .await
            .has(&format!("href=\"{SETTINGS}\""));
        let form = s.get(SETTINGS, Some(&c)).await;
        assert_eq!(form.status, StatusCode::OK);
        form.has("value=\"public\" checked")
            .has("name=\"csrf\"")
            .has("Nur für das Netzwerk");

        // Network only: gone for outsiders, there for coordinator and member.
        let r = post_owned(&s, SETTINGS, Some(&c), &settings("IKONE DS", "network")).await;
        confirmed(&s, &c, &r, SETTINGS, "settings-saved")
            .await
            .has("value=\"network\" checked");
        assert_eq!(
            s.get("/netzwerke/ikone-ds", None).await.status,
            StatusCode::NOT_FOUND
        );
        s.get("/netzwerke", None)
            .await
            .lacks("href=\"/netzwerke/ikone-ds\"");
        s.get("/netzwerke/ikone-ds", Some(&c)).await.has("IKONE DS");
        assert_eq!(
            s.get("/netzwerke/ikone-ds", Some(&m)).await.status,
            StatusCode::OK
        );
        let log = s
            .get("/netzwerke/ikone-ds/verwaltung/protokoll", Some(&c))
            .await;
        log.has("Netzwerk-Einstellungen geändert")
            .has("visibility: public -&#62; network");

        // A member may see it but not change its settings.
        assert_eq!(
            s.get(SETTINGS, Some(&m)).await.status,
            StatusCode::FORBIDDEN
        );
        let r = post_owned(&s, SETTINGS, Some(&m), &settings("Gekapert", "public")).await;
        assert_eq!(r.status, StatusCode::FORBIDDEN);

        // Public again.
        let r = post_owned(&s, SETTINGS, Some(&c), &settings("IKONE DS", "public")).await;
        confirmed(&s, &c, &r, SETTINGS, "settings-saved").await;
        s.get("/netzwerke/ikone-ds", None).await.has("IKONE DS");
        s.get("/netzwerke", None)
            .await
            .has("href=\"/netzwerke/ikone-ds\"");

        // Invalid input comes back at its field, kept.
        let mut bad = settings("", "everyone");
        bad[2].1 = "ikone.example".into();
        let r = post_owned(&s, SETTINGS, Some(&c), &bad).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        r.has("id=\"settings-name-error\"")
            .has("id=\"settings-website-error\"")
            .has("id=\"settings-visibility-error\"")
            .has("value=\"ikone.example\"");

        // Anonymous visitors are sent to sign in.
        for r in [
            s.get(SETTINGS, None).await,
            post_owned(&s, SETTINGS, None, &settings("X", "public")).await,
        ] {
            assert_eq!(r.status, StatusCode::SEE_OTHER);
            assert!(r.header("location").starts_with("/anmelden?next="));
        }
        s.stop().await;
    })
    .await;
}

#[tokio::test]
async fn the_admin_names_an_editor_who_then_edits_the_profile() {
    on_every_backend(WebConfig::default(), |s| async move {
        let (admin, _) = s.admin().await;
        let e = s
            .invited(
                "ikone-ds",
                NetworkRole::Member,
                "Eva Editorin",
                "eva@kaiserslautern.example",
            )
            .await;
        let other = s
            .invited(
                "ikone-ds",
                NetworkRole::Member,
                "Otto Anders",
                "otto@example.org",
            )
            .await;

        // Not an editor yet: no link, no form.
        s.get("/organisationen/kaiserslautern", Some(&e))
            .await
            .lacks(KL_EDIT);
        assert_eq!(s.get(KL_EDIT, Some(&e)).await.status, StatusCode::FORBIDDEN);

        // The admin sees the link and names her by address.
        s.get("/organisationen/kaiserslautern", Some(&admin))
            .await
            .has(&format!("href=\"{KL_EDIT}\""));
        let editors = format!("{KL_EDIT}/bearbeitende");
        s.get(KL_EDIT, Some(&admin))
            .await
            .has("Bearbeitungsrecht geben")
            .has(&format!("action=\"{editors}\""));
        let r = s
            .post(
                &editors,
                Some(&admin),
                &[("email", "nobody@example.org"), ("editor", "1")],
            )
            .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        r.has("id=\"editor-email-error\"");
        let r = s
            .post(
                &editors,
                Some(&admin),
                &[("email", "kein-at"), ("editor", "1")],
            )
            .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        r.has("id=\"editor-email-error\"");
        let r = s
            .post(
                &editors,
                Some(&admin),
                &[("email", "eva@kaiserslautern.example"), ("editor", "1")],
            )
            .await;
        confirmed(&s, &admin, &r, KL_EDIT, "editor-added")
            .await
            .has("Eva Editorin (eva@kaiserslautern.example)");
        // Only admins name editors.
        let r = s
            .post(
                &editors,
                Some(&e),
                &[("email", "otto@example.org"), ("editor", "1")],
            )
            .await;
        assert_eq!(r.status, StatusCode::FORBIDDEN);

        // She edits the website; it shows on the page.
        let page = s.get("/organisationen/kaiserslautern", Some(&e)).await;
        page.has(&format!("href=\"{KL_EDIT}\""));
        let form = s.get(KL_EDIT, Some(&e)).await;
        assert_eq!(form.status, StatusCode::OK);
        form.lacks("Bearbeitungsrecht geben");
        let name = form.between("id=\"profile-name\"", ">").to_owned();
        let name = name
            .split("value=\"")
            .nth(1)
            .and_then(|v| v.split('"').next())
            .unwrap()
            .to_owned();
        let r = s
            .post(
                KL_EDIT,
                Some(&e),
                &[
                    ("name", &name),
                    ("website", "https://www.kaiserslautern.example/neu"),
                    ("population", "99845"),
                    ("source", "Statistisches Landesamt 2024"),
                ],
            )
            .await;
        confirmed(&s, &e, &r, KL_EDIT, "profile-saved").await;
        s.get("/organisationen/kaiserslautern", None)
            .await
            .has("https://www.kaiserslautern.example/neu")
            .has(&name);
        let o = s
            .dir
            .organization(&"kaiserslautern".parse().unwrap())
            .await
            .unwrap();
        assert_eq!(o.population, Some(99_845));
        assert_eq!(o.source.as_deref(), Some("Statistisches Landesamt 2024"));

        // Bad website and population: 422 at the field, input kept.
        let r = s
            .post(
                KL_EDIT,
                Some(&e),
                &[
                    ("name", &name),
                    ("website", "www.ohne-schema.example"),
                    ("population", "viele"),
                ],
            )
            .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        r.has("id=\"profile-website-error\"")
            .has("id=\"profile-population-error\"")
            .has("value=\"www.ohne-schema.example\"")
            .has("aria-invalid=\"true\"");

        // Someone else may not; anonymous visitors sign in first.
        assert_eq!(
            s.get(KL_EDIT, Some(&other)).await.status,
            StatusCode::FORBIDDEN
        );
        let r = s.post(KL_EDIT, Some(&other), &[("name", "Gekapert")]).await;
        assert_eq!(r.status, StatusCode::FORBIDDEN);
        for r in [
            s.get(KL_EDIT, None).await,
            s.post(KL_EDIT, None, &[("name", "Gekapert")]).await,
        ] {
            assert_eq!(r.status, StatusCode::SEE_OTHER);
            assert!(r.header("location").starts_with("/anmelden?next="));
        }

        // The admin withdraws the right.
        let r = s
            .post(
                &editors,
                Some(&admin),
                &[("email", "eva@kaiserslautern.example"), ("editor", "0")],
            )
            .await;
        confirmed(&s, &admin, &r, KL_EDIT, "editor-removed")
            .await
            .lacks("Eva Editorin (");
        assert_eq!(s.get(KL_EDIT, Some(&e)).await.status, StatusCode::FORBIDDEN);
        s.stop().await;
    })
    .await;
}
