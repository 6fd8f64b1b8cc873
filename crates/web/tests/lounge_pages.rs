#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! The After Work Lounge's pages over real HTTP, on every backend: members
//! check themselves in on the day, coordinators check in guests, draw
//! (a double click draws once) and place late joiners, everyone sits in
//! exactly one room; the coverage page and the organisation page's section
//! show who has met whom, to members only; coordinators set a series'
//! lounge settings.

use knotenpunkt_app::domain::{LoungeSettings, LoungeVideo, NetworkRole, NewPerson, Series, Slug};
use knotenpunkt_app::{App, InvitationRequest};
use knotenpunkt_web::WebConfig;
use reqwest::StatusCode;

mod common;
use common::*;

/// The network whose lounge the test runs: two cohorts.
const NETWORK: &str = "modellprojekte-smart-cities";
/// A lounge that meets every day from today on.
const SERIES: &str = "lounge-taeglich";

fn slug(s: &str) -> Slug {
    s.parse().unwrap()
}

impl Server {
    /// A person of `organization` (none for a guest) with `role` in
    /// `network`, invited by an admin and signed in.
    async fn person_of(
        &self,
        organization: Option<&str>,
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
                        organization: organization.map(|o| o.parse().unwrap()),
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

    /// Makes a daily lounge from the demo's lounge series, starting today,
    /// with the series' own video link; returns today's evening address.
    async fn daily_lounge(&self) -> (String, chrono::NaiveDate) {
        let app = self.dir.app().clone();
        let today = app.today();
        let demo = self
            .dir
            .meetings()
            .series(&slug("after-work-lounge"))
            .await
            .unwrap();
        let mut v = serde_json::to_value(&demo).unwrap();
        let o = v.as_object_mut().unwrap();
        o.insert("slug".into(), SERIES.into());
        o.insert("title".into(), "Tägliche Lounge".into());
        o.insert("rule".into(), "FREQ=DAILY".into());
        o.insert("start".into(), format!("{today}T17:30").into());
        o.remove("holidays");
        let series: Series = serde_json::from_value(v).unwrap();
        self.dir.meetings().create_series(&series).await.unwrap();
        app.lounge(&App::operator())
            .set_settings(
                &slug(SERIES),
                Some(&LoungeSettings {
                    video: LoungeVideo::SeriesLink,
                    ..LoungeSettings::default()
                }),
            )
            .await
            .unwrap();
        (format!("/reihen/{SERIES}/{today}/lounge"), today)
    }

    /// Current member organisations of [`NETWORK`] per cohort, in order.
    async fn by_cohort(&self) -> Vec<Vec<(String, String)>> {
        let page = self.dir.network_page(&slug(NETWORK)).await.unwrap();
        page.groups
            .iter()
            .filter(|g| g.cohort.is_some())
            .map(|g| {
                g.members
                    .iter()
                    .map(|m| (m.organization.slug.to_string(), m.organization.name.clone()))
                    .collect()
            })
            .collect()
    }
}

/// Keeps a page as a file for a look in a browser, when
/// `KNOTENPUNKT_SCREENSHOTS` names a folder (the stylesheet from the source).
fn keep(name: &str, page: &Fetched) {
    let Ok(dir) = std::env::var("KNOTENPUNKT_SCREENSHOTS") else {
        return;
    };
    let css = concat!(env!("CARGO_MANIFEST_DIR"), "/static/style.css");
    let body = page
        .body
        .replace("href=\"/static/style.css", &format!("href=\"file://{css}"));
    std::fs::write(format!("{dir}/{name}.html"), body).unwrap();
}

/// Asserts a 303 back to `to` with the confirmation `what`.
fn done(r: &Fetched, to: &str, what: &str) {
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    assert_eq!(r.header("location"), format!("{to}?erledigt={what}"));
}

#[tokio::test]
async fn members_check_in_coordinators_draw_everyone_gets_one_room() {
    on_every_backend(WebConfig::default(), |s| async move {
        let (lounge, today) = s.daily_lounge().await;
        let cohorts = s.by_cohort().await;
        assert!(cohorts.len() >= 2 && cohorts[0].len() >= 3 && !cohorts[1].is_empty());
        let (a_org, a_name) = cohorts[0][0].clone();
        let (b_org, b_name) = cohorts[1][0].clone();
        let (g_org, _) = cohorts[0][1].clone();
        let (late_org, _) = cohorts[0][2].clone();
        let anna = s
            .person_of(
                Some(&a_org),
                NETWORK,
                NetworkRole::Member,
                "Anna Abend",
                "anna@lounge.example",
            )
            .await;
        let ben = s
            .person_of(
                Some(&b_org),
                NETWORK,
                NetworkRole::Member,
                "Ben Brause",
                "ben@lounge.example",
            )
            .await;
        let outsider = s
            .person_of(
                None,
                "ikone-ds",
                NetworkRole::Guest,
                "Otto Außen",
                "otto@lounge.example",
            )
            .await;
        let coord = s
            .coordinator(NETWORK, "Clara Koordination", "clara@lounge.example")
            .await;

        // Members only: a visitor is asked to sign in, an outsider finds nothing.
        let anon = s.get(&lounge, None).await;
        assert_eq!(anon.status, StatusCode::SEE_OTHER);
        assert!(anon.header("location").starts_with("/anmelden?next="));
        assert_eq!(
            s.get(&lounge, Some(&outsider)).await.status,
            StatusCode::NOT_FOUND
        );
        let r = s
            .post(&format!("{lounge}/dabei"), Some(&outsider), &[])
            .await;
        assert_eq!(r.status, StatusCode::NOT_FOUND);

        // The meeting's page links the lounge for members only.
        let meeting = format!("/reihen/{SERIES}/{today}");
        s.get(&meeting, Some(&anna))
            .await
            .has(&format!("href=\"{lounge}\""));
        s.get(&meeting, None)
            .await
            .lacks(&format!("href=\"{lounge}\""));

        let page = s.get(&lounge, Some(&anna)).await;
        assert_eq!(page.status, StatusCode::OK);
        page.has("After Work Lounge · ")
            .has("Räume zu 3, 2 Runden zu 20 Minuten; Staffeln werden gemischt")
            .has(&format!("action=\"{lounge}/dabei\""))
            .has("Ich bin dabei")
            .lacks("Räume auslosen")
            .lacks("Person anmelden");

        // Checking in twice changes nothing.
        for _ in 0..2 {
            let r = s.post(&format!("{lounge}/dabei"), Some(&anna), &[]).await;
            done(&r, &lounge, "checked-in");
        }
        let r = s.post(&format!("{lounge}/dabei"), Some(&ben), &[]).await;
        done(&r, &lounge, "checked-in");
        let page = s
            .get(&format!("{lounge}?erledigt=checked-in"), Some(&anna))
            .await;
        page.has("Die Anmeldung ist gespeichert.")
            .has("2 Personen sind da")
            .has("Ich gehe")
            .lacks(">Ich bin dabei<");
        let operator = s.dir.app().lounge(&App::operator());
        let ev = operator.evening(&slug(SERIES), today).await.unwrap();
        assert_eq!(ev.checkins.len(), 2);
        // Before tonight's rooms: the organisation page's section as it is
        // (the demo's sample evenings may already be there); it must change
        // once rooms are drawn, although lounge writes raise no counter.
        let before = s.get(&format!("/organisationen/{a_org}"), Some(&ben)).await;
        before.has("Wen haben wir getroffen?");
        let before_section = before
            .between("Wen haben wir getroffen?", "<footer")
            .to_owned();
        // In English too.
        s.get(&format!("{lounge}?lang=en"), Some(&anna))
            .await
            .has("Rooms of 3, 2 rounds of 20 minutes; cohorts are mixed")
            .has("2 people are here")
            .has("I&#39;m leaving");

        // Members neither check in others nor draw.
        let r = s
            .post(
                &format!("{lounge}/anmelden"),
                Some(&anna),
                &[("organization", &g_org), ("name", "X")],
            )
            .await;
        assert_eq!(r.status, StatusCode::FORBIDDEN);
        let r = s
            .post(&format!("{lounge}/runden"), Some(&anna), &[("round", "1")])
            .await;
        assert_eq!(r.status, StatusCode::FORBIDDEN);

        // The coordinator checks in a guest; a missing name comes back at its field.
        let page = s.get(&lounge, Some(&coord)).await;
        page.has("Person anmelden")
            .has(&format!("action=\"{lounge}/anmelden\""))
            .has(&format!("<option value=\"{g_org}\">"))
            .has("name=\"round\" value=\"1\"");
        let r = s
            .post(
                &format!("{lounge}/anmelden"),
                Some(&coord),
                &[("organization", &g_org), ("name", "")],
            )
            .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        keep("lounge-rejected", &r);
        r.has("id=\"checkin-name-error\"");
        // Under the form's own h3 heading the summary is an h3; a button's
        // problem (a round that is not the next) is summed up right below
        // the h1: an h2, so no heading level is skipped.
        r.has("<h3>Bitte korrigieren Sie die markierten Angaben</h3>");
        let r = s
            .post(&format!("{lounge}/runden"), Some(&coord), &[("round", "9")])
            .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
        r.has("<h2>Bitte korrigieren Sie die markierten Angaben</h2>")
            .lacks("<h3>Bitte korrigieren");
        let r = s
            .post(
                &format!("{lounge}/anmelden"),
                Some(&coord),
                &[("organization", &g_org), ("name", "Gabi Gast")],
            )
            .await;
        done(&r, &lounge, "checked-in");

        // A double click draws one round.
        let r = s
            .post(&format!("{lounge}/runden"), Some(&coord), &[("round", "1")])
            .await;
        done(&r, &lounge, "drawn");
        let r = s
            .post(&format!("{lounge}/runden"), Some(&coord), &[("round", "1")])
            .await;
        done(&r, &lounge, "already-drawn");
        let ev = operator.evening(&slug(SERIES), today).await.unwrap();
        assert_eq!(ev.rounds.len(), 1);

        // A late joiner waits, then is placed.
        let r = s
            .post(
                &format!("{lounge}/anmelden"),
                Some(&coord),
                &[("organization", &late_org), ("name", "Lutz Later")],
            )
            .await;
        done(&r, &lounge, "checked-in");
        let page = s.get(&lounge, Some(&coord)).await;
        page.has(&format!("action=\"{lounge}/runden/1/nachzuegler\""))
            .has("Lutz Later");
        let r = s
            .post(&format!("{lounge}/runden/1/nachzuegler"), Some(&coord), &[])
            .await;
        done(&r, &lounge, "late-placed");
        let page = s.get(&lounge, Some(&coord)).await;
        page.has("kam später")
            .has("Runde 1")
            .has("endet um ")
            .lacks("/nachzuegler\"");
        let ev = operator.evening(&slug(SERIES), today).await.unwrap();
        assert!(ev.waiting.is_empty());
        for p in ev.checkins.iter().filter(|p| p.present) {
            let rooms = ev.rounds[0]
                .rooms
                .iter()
                .filter(|m| m.members.contains(&p.id))
                .count();
            assert_eq!(rooms, 1, "{} sits in {rooms} rooms", p.name);
        }

        // Anna sees her room and enters its video; she may not enter another.
        let page = s.get(&lounge, Some(&anna)).await;
        keep("lounge-member", &page);
        keep("lounge-coordinator", &s.get(&lounge, Some(&coord)).await);
        page.has("Ihr Raum").has("Videoraum betreten");
        let (round, room) = {
            let ev = s
                .dir
                .app()
                .lounge(&App::operator())
                .evening(&slug(SERIES), today)
                .await
                .unwrap();
            let mine = ev
                .checkins
                .iter()
                .find(|p| p.name == "Anna Abend")
                .unwrap()
                .id;
            let m = ev.rounds[0]
                .rooms
                .iter()
                .find(|m| m.members.contains(&mine))
                .unwrap();
            (1, m.number)
        };
        let enter = format!("{lounge}/runden/{round}/raeume/{room}");
        page.has(&format!("href=\"{enter}\""));
        let r = s.get(&enter, Some(&anna)).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER);
        assert!(
            r.header("location")
                .starts_with("https://video.example.org/"),
            "{}",
            r.header("location")
        );
        assert_eq!(
            s.get(&enter, Some(&outsider)).await.status,
            StatusCode::NOT_FOUND
        );
        assert_eq!(s.get(&enter, None).await.status, StatusCode::SEE_OTHER);

        // Leaving: one's own check-in.
        let r = s.post(&format!("{lounge}/abmelden"), Some(&ben), &[]).await;
        done(&r, &lounge, "checked-out");

        // Who has met whom: members see the counts, nobody else.
        let coverage = format!("/netzwerke/{NETWORK}/begegnungen");
        let e = operator.encounters(&slug(NETWORK)).await.unwrap();
        assert!(e.pairs_met > 0);
        let page = s.get(&coverage, Some(&ben)).await;
        keep("coverage", &page);
        assert_eq!(page.status, StatusCode::OK);
        page.has("Wer hat wen getroffen?")
            .has(&format!("{} von {}", e.pairs_met, e.pairs_possible))
            .has("role=\"img\"")
            .has("<th scope=\"col\" class=\"num\">Wie oft</th>")
            .has("Abende mit Räumen");
        // The demo's sample evenings are labelled as such, a real one is not.
        assert!(
            e.sample_evenings >= 1 && e.sample_evenings < e.evenings,
            "{e:?}"
        );
        page.has("Beispieldaten:")
            .has(&format!(
                "{} der {} Abende hier sind erfundene Beispielabende",
                e.sample_evenings, e.evenings
            ))
            .has("<span class=\"badge badge-sample\">Beispiel</span>");
        let sample_evening = e
            .coverage
            .iter()
            .find(|p| p.sample)
            .expect("a sample evening")
            .date;
        s.get(
            &format!("/reihen/after-work-lounge/{sample_evening}/lounge"),
            Some(&ben),
        )
        .await
        .has("Beispieldaten:")
        .has("Diesen Abend gab es nicht.");
        s.get(&lounge, Some(&ben)).await.lacks("Beispieldaten");
        assert!(
            operator
                .evening(&slug("after-work-lounge"), sample_evening)
                .await
                .unwrap()
                .sample
        );
        let anon = s.get(&coverage, None).await;
        assert_eq!(anon.status, StatusCode::SEE_OTHER);
        assert!(anon.header("location").starts_with("/anmelden?next="));
        assert_eq!(
            s.get(&coverage, Some(&outsider)).await.status,
            StatusCode::NOT_FOUND
        );
        s.get(&format!("/netzwerke/{NETWORK}"), Some(&ben))
            .await
            .has(&format!("href=\"{coverage}\""));
        s.get(&format!("/netzwerke/{NETWORK}"), None)
            .await
            .lacks(&format!("href=\"{coverage}\""));

        // The organisation page's section, for members only, never stale.
        let org_page = format!("/organisationen/{a_org}");
        let met_name = e
            .pairs
            .iter()
            .find_map(|p| {
                let other = if p.a.as_str() == a_org {
                    &p.b
                } else if p.b.as_str() == a_org {
                    &p.a
                } else {
                    return None;
                };
                e.organizations
                    .iter()
                    .find(|o| &o.slug == other)
                    .map(|o| o.name.clone())
            })
            .expect("Anna's organisation met someone");
        let page = s.get(&org_page, Some(&ben)).await;
        keep("organization", &page);
        page.has("Wen haben wir getroffen?")
            .has(&met_name)
            .lacks("Noch keine Begegnungen in der Lounge.");
        assert_ne!(
            page.between("Wen haben wir getroffen?", "<footer"),
            before_section,
            "the section did not change after the draw"
        );
        s.get(&format!("{coverage}?lang=en"), Some(&ben))
            .await
            .has("Who has met whom?")
            .has("All pairs at a glance");
        s.get(&org_page, None)
            .await
            .lacks("Wen haben wir getroffen?");
        s.get(&org_page, Some(&outsider))
            .await
            .lacks("Wen haben wir getroffen?");
        let _ = (a_name, b_name);
        s.stop().await;
    })
    .await;
}

#[tokio::test]
async fn coordinators_set_the_lounge_settings() {
    on_every_backend(WebConfig::default(), |s| async move {
        let coord = s
            .coordinator(NETWORK, "Clara Koordination", "clara@lounge.example")
            .await;
        // The demo makes its After Work Lounge a lounge (with sample
        // evenings); this test starts from an ordinary series.
        s.dir
            .app()
            .lounge(&App::operator())
            .set_settings(&slug("after-work-lounge"), None)
            .await
            .unwrap();
        let page_path = format!("/netzwerke/{NETWORK}/verwaltung/reihen/after-work-lounge/lounge");
        let page = s.get(&page_path, Some(&coord)).await;
        keep("settings", &page);
        assert_eq!(page.status, StatusCode::OK);
        // The demo's lounge series is an ordinary series until it is made one.
        page.has("Diese Reihe ist eine Lounge")
            .has("name=\"room_size\"")
            .lacks("value=\"1\" checked");
        let settings = [
            ("lounge", "1"),
            ("room_size", "99"),
            ("rounds", "2"),
            ("round_minutes", "20"),
            ("mix", "cohorts"),
            ("seating", "apart"),
            ("video", "none"),
        ];
        let r = s.post(&page_path, Some(&coord), &settings).await;
        keep("settings-rejected", &r);
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        r.has("id=\"lounge-room-size-error\"");
        // Inside the form's section (under its h2): an h3.
        r.has("<h3>Bitte korrigieren Sie die markierten Angaben</h3>");
        let mut ok = settings;
        ok[1] = ("room_size", "4");
        let r = s.post(&page_path, Some(&coord), &ok).await;
        done(&r, &page_path, "lounge-saved");
        s.get(&format!("{page_path}?erledigt=lounge-saved"), Some(&coord))
            .await
            .has("Die Lounge-Einstellungen wurden gespeichert.")
            .has("value=\"1\" checked")
            .has("value=\"4\"");
        let lounge = s.dir.app().lounge(&App::operator());
        let stored = lounge
            .settings(&slug("after-work-lounge"))
            .await
            .unwrap()
            .unwrap();
        assert_eq!(
            (stored.room_size, stored.seating.code(), stored.video.code()),
            (4, "apart", "none")
        );
        // Unticked: an ordinary series again.
        let r = s
            .post(&page_path, Some(&coord), &[("room_size", "4")])
            .await;
        done(&r, &page_path, "lounge-saved");
        assert_eq!(
            lounge.settings(&slug("after-work-lounge")).await.unwrap(),
            None
        );
        // Members do not manage.
        let (member_org, _) = s.by_cohort().await[0][0].clone();
        let member = s
            .person_of(
                Some(&member_org),
                NETWORK,
                NetworkRole::Member,
                "Mo Mitglied",
                "mo@lounge.example",
            )
            .await;
        assert_eq!(
            s.get(&page_path, Some(&member)).await.status,
            StatusCode::FORBIDDEN
        );
        s.stop().await;
    })
    .await;
}
