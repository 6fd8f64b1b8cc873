//! Funding calls and joint applications, over HTTP on every backend: the
//! open calls by deadline with who may apply, a passed one gone, in German
//! and English, for visitors and members alike; a joint application
//! recorded, given tasks, ticked off and submitted through its pages.
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

/// The id of the first task of an application, read as the admin.
async fn first_task(s: &common::Server, slug: &str) -> i64 {
    let (_, admin) = s.admin_once().await;
    s.dir
        .app()
        .funding(&admin)
        .application(&"ikone-ds".parse().unwrap(), &slug.parse().unwrap())
        .await
        .unwrap()
        .tasks[0]
        .id
}

#[tokio::test]
async fn a_joint_application_goes_from_idea_to_submission_through_the_pages() {
    on_every_backend(WebConfig::default(), |s| async move {
        let lead = s
            .member(
                "ikone-ds",
                "kaiserslautern",
                "Lea Lead",
                "lea@kaiserslautern.example",
            )
            .await;
        let partner = s
            .member("ikone-ds", "speyer", "Paul Partner", "paul@speyer.example")
            .await;
        let list = "/netzwerke/ikone-ds/antraege";
        s.get(list, Some(&lead))
            .await
            .has("Noch keine gemeinsamen Anträge, die Sie sehen dürfen.")
            .has(r#"href="/netzwerke/ikone-ds/antraege/neu""#);
        // A visitor is sent to sign in before the form.
        let page = s.get(&format!("{list}/neu"), None).await;
        assert_eq!(page.status, StatusCode::SEE_OTHER);

        // Bad input: answered at its fields, what was typed kept.
        let page = s
            .post(
                &format!("{list}/neu"),
                Some(&lead),
                &[
                    ("title", ""),
                    ("lead", "kaiserslautern"),
                    ("status", "preparing"),
                    ("status_on", "morgen"),
                    ("visibility", "network"),
                    ("partners", "speyer"),
                ],
            )
            .await;
        assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
        page.has(r##"href="#application-title""##)
            .has(r##"href="#application-status-on""##)
            .has(r#"value="speyer" checked"#)
            .has(r#"value="morgen""#);
        // A day ahead is refused by the rules, at its field.
        let page = s
            .post(
                &format!("{list}/neu"),
                Some(&lead),
                &[
                    ("title", "Gemeinsame Datenplattform"),
                    ("lead", "kaiserslautern"),
                    ("status", "preparing"),
                    ("status_on", "2999-01-01"),
                    ("visibility", "network"),
                ],
            )
            .await;
        assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
        page.has(r##"href="#application-status-on""##);

        // Good input: recorded, and on its own page.
        let page = s
            .post(
                &format!("{list}/neu"),
                Some(&lead),
                &[
                    ("title", "Gemeinsame Datenplattform"),
                    ("lead", "kaiserslautern"),
                    ("partners", "speyer"),
                    ("status", "preparing"),
                    ("visibility", "network"),
                    ("description", "Eine **gemeinsame** Plattform."),
                ],
            )
            .await;
        assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
        let own = format!("{list}/gemeinsame-datenplattform");
        assert!(page.header("location").starts_with(&own));
        s.get(&format!("{own}?erledigt=application-created"), Some(&lead))
            .await
            .has("Der Antrag wurde angelegt.")
            .has("<h1>Gemeinsame Datenplattform</h1>")
            .has("In Vorbereitung")
            .has(r#"<a href="/organisationen/speyer">Speyer</a>"#)
            .has("<strong>gemeinsame</strong>")
            .has("Noch keine Aufgaben.");

        // The lead assigns a task to the partner; the partner ticks it off.
        let page = s
            .post(
                &format!("{own}/aufgaben"),
                Some(&lead),
                &[
                    ("organization", "speyer"),
                    ("title", "Letter of Intent einholen"),
                    ("due", "2099-01-31"),
                ],
            )
            .await;
        assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
        let page = s
            .post(
                &format!("{own}/aufgaben"),
                Some(&lead),
                &[("organization", "speyer"), ("title", ""), ("due", "bald")],
            )
            .await;
        assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
        page.has(r##"href="#task-title""##)
            .has(r##"href="#task-due""##);
        let task = first_task(&s, "gemeinsame-datenplattform").await;
        let page = s
            .post(
                &format!("{own}/aufgaben/{task}"),
                Some(&partner),
                &[("done", "yes")],
            )
            .await;
        assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
        s.get(&own, Some(&partner))
            .await
            .has("Letter of Intent einholen")
            .has(r#"<time datetime="2099-01-31">"#)
            .has("erledigt")
            .has("Wieder öffnen")
            // The partner does not change the application itself.
            .lacks("Antrag bearbeiten");
        let page = s.get(&format!("{own}/bearbeiten"), Some(&partner)).await;
        assert_eq!(page.status, StatusCode::FORBIDDEN);

        // The lead submits it: the history keeps both steps.
        let page = s
            .post(
                &format!("{own}/bearbeiten"),
                Some(&lead),
                &[
                    ("title", "Gemeinsame Datenplattform"),
                    ("lead", "kaiserslautern"),
                    ("partners", "speyer"),
                    ("status", "submitted"),
                    ("visibility", "network"),
                ],
            )
            .await;
        assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
        let history = s
            .get(&own, Some(&lead))
            .await
            .between(r#"id="verlauf""#, "</section>")
            .to_owned();
        let submitted = history.find("Eingereicht").unwrap();
        let preparing = history.find("In Vorbereitung").unwrap();
        assert!(submitted < preparing, "newest first: {history}");
        // Back to an idea is no step a submitted application can take.
        let page = s
            .post(
                &format!("{own}/bearbeiten"),
                Some(&lead),
                &[
                    ("title", "Gemeinsame Datenplattform"),
                    ("lead", "kaiserslautern"),
                    ("status", "idea"),
                    ("visibility", "network"),
                ],
            )
            .await;
        assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
        page.has(r##"href="#application-status""##);

        // The network's page shows the pipeline to its members only.
        s.get("/netzwerke/ikone-ds", Some(&partner))
            .await
            .has(r#"<h2 id="antraege">Gemeinsame Anträge</h2>"#)
            .has("Gemeinsame Datenplattform");
        s.get("/netzwerke/ikone-ds", None)
            .await
            .lacks("Gemeinsame Datenplattform");
        let page = s.get(&own, None).await;
        assert_eq!(page.status, StatusCode::NOT_FOUND);
        s.get(&format!("{list}?lang=en"), Some(&lead))
            .await
            .has("Joint applications of IKONE DS")
            .has("Submitted");

        // Removed behind its confirming checkbox.
        let page = s.post(&format!("{own}/loeschen"), Some(&lead), &[]).await;
        assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
        let page = s
            .post(
                &format!("{own}/loeschen"),
                Some(&lead),
                &[("confirm", "yes")],
            )
            .await;
        assert_eq!(page.status, StatusCode::SEE_OTHER);
        let page = s.get(&own, Some(&lead)).await;
        assert_eq!(page.status, StatusCode::NOT_FOUND);
    })
    .await;
}
