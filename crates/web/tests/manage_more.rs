#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! The management forms that came after the first ones, over real HTTP on
//! every backend: named groups, editing a membership and a cohort, deleting
//! a series behind a confirmation, and giving one meeting a host or
//! swapping hosts. A coordinator's change shows on the page and in the
//! directory and lands in the log; bad input names its field and writes
//! nothing; a member, a coordinator of another network and anonymous
//! visitors are turned away the way the gate says.

use knotenpunkt_app::domain::{Cohort, ExceptionChange, Membership, NetworkRole, Role, Slug};
use knotenpunkt_app::{InvitationRequest, MembershipFilter, Page, Window, WithId};
use knotenpunkt_web::WebConfig;
use reqwest::StatusCode;

mod common;
use common::*;

const IKONE: &str = "/netzwerke/ikone-ds/verwaltung";
const CLARA: &str = "clara@kaiserslautern.example";

fn slug(s: &str) -> Slug {
    s.parse().unwrap()
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

/// The values of a `<select>`'s options, the empty "please choose" left out.
fn choices(page: &Fetched, id: &str) -> Vec<String> {
    page.between(&format!("id=\"{id}\""), "</select>")
        .split("value=\"")
        .skip(1)
        .filter_map(|v| v.split('"').next())
        .filter(|v| !v.is_empty())
        .map(str::to_owned)
        .collect()
}

/// Clara, coordinator of IKONE DS.
async fn clara(s: &Server) -> Browser {
    s.coordinator("ikone-ds", "Clara Koordination", CLARA).await
}

/// A person of `organization` with `role` in `network`, signed in.
async fn invited(
    s: &Server,
    network: &str,
    role: NetworkRole,
    organization: &str,
    name: &str,
    email: &str,
) -> Browser {
    let (_, admin) = s.admin_once().await;
    let invited = s
        .dir
        .invite(
            &admin,
            InvitationRequest {
                person: knotenpunkt_app::domain::NewPerson {
                    organization: Some(slug(organization)),
                    ..person(name, email)
                },
                network: Some(slug(network)),
                role: Some(role),
                admin: false,
            },
        )
        .await
        .unwrap();
    s.accept(invited.link.as_deref().unwrap()).await
}

/// IKONE DS's current memberships, except Clara's own organisation's.
async fn ikone_memberships(s: &Server) -> Vec<WithId<Membership>> {
    s.dir
        .memberships(
            &MembershipFilter {
                network: Some(slug("ikone-ds")),
                ..MembershipFilter::default()
            },
            Page::ALL,
        )
        .await
        .unwrap()
        .items
        .into_iter()
        .filter(|w| w.value.left_on.is_none() && w.value.organization.as_str() != "kaiserslautern")
        .collect()
}

/// The entries of the log page must appear in this order (newest first).
fn in_order(log: &Fetched, expected: &[&str]) {
    let mut at = 0;
    for what in expected {
        let found = log.body[at..]
            .find(&format!("<td>{what}</td>"))
            .unwrap_or_else(|| panic!("{what} missing or out of order:\n{}", log.body));
        at += found;
    }
}

#[tokio::test]
async fn coordinator_names_groups_and_their_members() {
    on_every_backend(WebConfig::default(), |s| async move {
        let c = clara(&s).await;
        let network = slug("ikone-ds");
        let (_, admin) = s.admin_once().await;

        // The section is in the navigation and on the overview.
        let path = format!("{IKONE}/gruppen");
        s.get(IKONE, Some(&c))
            .await
            .has(&format!("href=\"{path}\""))
            .has("Noch keine Gruppen");
        let p = s.get(&path, Some(&c)).await;
        assert_eq!(p.status, StatusCode::OK);
        p.has("<h1>Gruppen von IKONE DS")
            .has(&format!("href=\"{path}\" aria-current=\"page\""))
            .has("Dieses Netzwerk hat noch keine Gruppen.")
            .has("<legend>Mitglieder")
            .has(&format!("value=\"{CLARA}\""))
            .has("Clara Koordination (clara@kaiserslautern.example)");

        // A group is created with a member; its slug comes from the name.
        let r = s
            .post(
                &path,
                Some(&c),
                &[("name", "Lenkungskreis"), ("slug", ""), ("members", CLARA)],
            )
            .await;
        let p = confirmed(&s, &c, &r, &path, "group-created").await;
        p.has("Die Gruppe wurde angelegt.")
            .has("<th scope=\"row\">Lenkungskreis</th>")
            .has("<code>group:lenkungskreis</code>")
            .has("<li>Clara Koordination (clara@kaiserslautern.example)</li>")
            .has(&format!("href=\"{path}/lenkungskreis\""));
        let groups = s.dir.groups(&admin, &network).await.unwrap();
        assert_eq!(groups.len(), 1);
        assert_eq!(groups[0].name, "Lenkungskreis");
        assert_eq!(groups[0].members[0].as_str(), CLARA);

        // Its page renames it and empties it.
        let edit = format!("{path}/lenkungskreis");
        let e = s.get(&edit, Some(&c)).await;
        assert_eq!(e.status, StatusCode::OK);
        e.has("<h1>Gruppe bearbeiten: Lenkungskreis</h1>")
            .has("value=\"Lenkungskreis\"")
            .has(&format!("value=\"{CLARA}\" checked"))
            .has("<code>lenkungskreis</code>");
        let r = s.post(&edit, Some(&c), &[("name", "Lenkungsgruppe")]).await;
        let e = confirmed(&s, &c, &r, &edit, "group-saved").await;
        e.has("value=\"Lenkungsgruppe\"")
            .lacks(&format!("value=\"{CLARA}\" checked"));
        let groups = s.dir.groups(&admin, &network).await.unwrap();
        assert_eq!(groups[0].name, "Lenkungsgruppe");
        assert!(groups[0].members.is_empty());
        s.get(&path, Some(&c))
            .await
            .has("<th scope=\"row\">Lenkungsgruppe</th>")
            .has("niemand");

        // Bad input names the field and writes nothing: no name, a slug in
        // use, an address that is none.
        let r = s
            .post(
                &path,
                Some(&c),
                &[
                    ("name", ""),
                    ("slug", "lenkungskreis"),
                    ("members", "kein-at"),
                ],
            )
            .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        r.has("role=\"alert\"")
            .has("<a href=\"#group-name\">Name:")
            .has("id=\"group-name-error\"")
            .has("id=\"group-slug-error\"")
            .has("Eine Gruppe mit diesem Kürzel gibt es schon")
            .has("<a href=\"#group-members-0\">Mitglieder:")
            .has("id=\"group-members-error\"");
        let r = s
            .post(
                &edit,
                Some(&c),
                &[("name", "Neu"), ("members", "niemand@nirgends.example")],
            )
            .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        r.has("id=\"group-members-error\"")
            .has("no account has the address niemand@nirgends.example");
        let after = s.dir.groups(&admin, &network).await.unwrap();
        assert_eq!(after, groups);

        // English too.
        s.get(&format!("{path}?lang=en"), Some(&c))
            .await
            .has("<h1>Groups of IKONE DS")
            .has("Create a group");

        let log = s.get(&format!("{IKONE}/protokoll"), Some(&c)).await;
        in_order(&log, &["Gruppe geändert", "Gruppe angelegt"]);
        log.has("Lenkungskreis: clara@kaiserslautern.example");
        s.stop().await;
    })
    .await;
}

#[tokio::test]
async fn coordinator_edits_a_membership_and_a_cohort() {
    on_every_backend(WebConfig::default(), |s| async move {
        let c = clara(&s).await;
        let network = slug("ikone-ds");
        s.dir
            .create_cohort(
                &network,
                &Cohort {
                    network: network.clone(),
                    slug: slug("staffel-9"),
                    name: "Staffel 9".into(),
                    year: Some(2026),
                    motto: Some("Daten teilen".into()),
                    source: Some("Beschluss 2026".into()),
                },
            )
            .await
            .unwrap();

        // The cohort, from its row on the list to its own page.
        let list = format!("{IKONE}/staffeln");
        let edit = format!("{list}/staffel-9");
        s.get(&list, Some(&c))
            .await
            .has(&format!("href=\"{edit}\""));
        let e = s.get(&edit, Some(&c)).await;
        assert_eq!(e.status, StatusCode::OK);
        e.has("<h1>Staffel bearbeiten: Staffel 9</h1>")
            .has("value=\"Staffel 9\"")
            .has("value=\"2026\"")
            .has("value=\"Daten teilen\"");
        let r = s
            .post(
                &edit,
                Some(&c),
                &[("name", "Staffel Neun"), ("year", "2027"), ("motto", "")],
            )
            .await;
        confirmed(&s, &c, &r, &list, "cohort-saved")
            .await
            .has("Die Staffel wurde gespeichert.")
            .has("<th scope=\"row\">Staffel Neun</th>")
            .has("<code>staffel-9</code>");
        let stored = s.dir.cohort(&network, &slug("staffel-9")).await.unwrap();
        assert_eq!(stored.name, "Staffel Neun");
        assert_eq!(stored.year, Some(2027));
        assert_eq!(stored.motto, None);
        assert_eq!(stored.source.as_deref(), Some("Beschluss 2026"));
        let r = s
            .post(&edit, Some(&c), &[("name", ""), ("year", "zwanzig")])
            .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        r.has("id=\"cohort-name-error\"")
            .has("id=\"cohort-year-error\"")
            .has("value=\"zwanzig\"");
        assert_eq!(
            s.dir.cohort(&network, &slug("staffel-9")).await.unwrap(),
            stored
        );
        assert_eq!(
            s.get(&format!("{list}/keine-staffel"), Some(&c))
                .await
                .status,
            StatusCode::NOT_FOUND
        );

        // A membership: role, cohort and joining date, then leaving.
        let w = ikone_memberships(&s).await.remove(0);
        let org = w.value.organization.to_string();
        let members = format!("{IKONE}/mitglieder");
        let edit = format!("{members}/{}", w.id);
        s.get(&members, Some(&c))
            .await
            .has(&format!("href=\"{edit}\""));
        let e = s.get(&edit, Some(&c)).await;
        assert_eq!(e.status, StatusCode::OK);
        e.has("<h1>Mitgliedschaft bearbeiten:")
            .has(&format!("href=\"/organisationen/{org}\""))
            .has("id=\"membership-left-on\"");
        let r = s
            .post(
                &edit,
                Some(&c),
                &[
                    ("cohort", "staffel-9"),
                    ("role", "partner"),
                    ("joined_on", "2024-05"),
                    ("left_on", ""),
                ],
            )
            .await;
        let p = confirmed(&s, &c, &r, &members, "member-saved").await;
        p.has("Die Mitgliedschaft wurde gespeichert.");
        let row = p.between(&format!("<a href=\"/organisationen/{org}\">"), "</tr>");
        assert!(
            row.contains("Staffel Neun") && row.contains("Partner") && row.contains("Mai 2024"),
            "{row}"
        );
        let api = s.get(&format!("/api/v1/memberships/{}", w.id), None).await;
        assert_eq!(api.status, StatusCode::OK);
        let json: serde_json::Value = serde_json::from_str(&api.body).unwrap();
        assert_eq!(json["role"], "partner");
        assert_eq!(json["cohort"], "staffel-9");
        assert_eq!(json["joined_on"], "2024-05");

        // Bad dates name their field and change nothing: not a date, and
        // leaving before joining (the domain's rule).
        let before = s.dir.membership(w.id).await.unwrap().value;
        for (left, message) in [
            ("gestern", "Bitte als JJJJ, JJJJ-MM oder JJJJ-MM-TT angeben"),
            ("2020", "lies before joined_on"),
        ] {
            let r = s
                .post(
                    &edit,
                    Some(&c),
                    &[
                        ("cohort", "staffel-9"),
                        ("role", "partner"),
                        ("joined_on", "2024-05"),
                        ("left_on", left),
                    ],
                )
                .await;
            assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{left}");
            r.has("<a href=\"#membership-left-on\">Ausgeschieden:")
                .has("id=\"membership-left-on-error\"")
                .has(message)
                .has(&format!("value=\"{left}\""));
            assert_eq!(s.dir.membership(w.id).await.unwrap().value, before);
        }
        let r = s
            .post(&edit, Some(&c), &[("role", "koenig"), ("joined_on", "")])
            .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        r.has("id=\"membership-role-error\"");
        assert_eq!(s.dir.membership(w.id).await.unwrap().value, before);

        // Leaving takes it off the list of current members.
        let r = s
            .post(
                &edit,
                Some(&c),
                &[
                    ("cohort", "staffel-9"),
                    ("role", "partner"),
                    ("joined_on", "2024-05"),
                    ("left_on", "2026-03"),
                ],
            )
            .await;
        confirmed(&s, &c, &r, &members, "member-saved")
            .await
            .lacks(&format!("href=\"/organisationen/{org}\""))
            // …and onto the list of former members, still editable.
            .has("1 ehemaliges Mitglied")
            .has(&format!("href=\"{edit}\""));
        assert_eq!(
            s.dir
                .membership(w.id)
                .await
                .unwrap()
                .value
                .left_on
                .map(|d| d.to_string())
                .as_deref(),
            Some("2026-03")
        );

        // Another network's membership cannot be reached through this one.
        let foreign = s
            .dir
            .memberships(
                &MembershipFilter {
                    network: Some(slug("modellprojekte-smart-cities")),
                    ..MembershipFilter::default()
                },
                Page::ALL,
            )
            .await
            .unwrap()
            .items[0]
            .clone();
        let r = s
            .post(
                &format!("{members}/{}", foreign.id),
                Some(&c),
                &[("role", "partner")],
            )
            .await;
        assert_eq!(r.status, StatusCode::NOT_FOUND);
        assert_eq!(
            s.dir.membership(foreign.id).await.unwrap().value,
            foreign.value
        );

        let log = s.get(&format!("{IKONE}/protokoll"), Some(&c)).await;
        in_order(
            &log,
            &[
                "Mitgliedschaft geändert",
                "Mitgliedschaft geändert",
                "Staffel geändert",
            ],
        );
        log.has("left=2026-03");
        s.stop().await;
    })
    .await;
}

#[tokio::test]
async fn a_series_is_deleted_only_when_confirmed() {
    on_every_backend(WebConfig::default(), |s| async move {
        let c = clara(&s).await;
        let list = format!("{IKONE}/reihen");
        let edit = format!("{list}/ikone-ds-stammtisch");
        let delete = format!("{edit}/loeschen");
        let e = s.get(&edit, Some(&c)).await;
        e.has(&format!("action=\"{delete}\""))
            .has("<legend>Bestätigung</legend>")
            .has("id=\"delete-confirm-0\" name=\"confirm\" value=\"yes\"")
            .has("class=\"button-danger\"");

        // Without the tick nothing happens, and the page says why.
        let r = s.post(&delete, Some(&c), &[]).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        r.has("role=\"alert\"")
            .has("<a href=\"#delete-confirm-0\">Bestätigung:")
            .has("id=\"delete-confirm-error\"")
            .has("Bitte bestätigen Sie das Löschen");
        assert!(s.dir.series(&slug("ikone-ds-stammtisch")).await.is_ok());
        let r = s.post(&delete, Some(&c), &[("confirm", "ja")]).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(s.dir.series(&slug("ikone-ds-stammtisch")).await.is_ok());

        // With it the series is gone, from the list and from the public.
        let r = s.post(&delete, Some(&c), &[("confirm", "yes")]).await;
        confirmed(&s, &c, &r, &list, "series-deleted")
            .await
            .has("Die Terminreihe wurde gelöscht.")
            .lacks("Digitaler Stammtisch IKONE DS");
        assert!(s.dir.series(&slug("ikone-ds-stammtisch")).await.is_err());
        assert_eq!(
            s.get("/reihen/ikone-ds-stammtisch", None).await.status,
            StatusCode::NOT_FOUND
        );
        assert_eq!(s.get(&edit, Some(&c)).await.status, StatusCode::NOT_FOUND);
        let log = s.get(&format!("{IKONE}/protokoll"), Some(&c)).await;
        log.has("<td>Terminreihe gelöscht</td>")
            .has("Digitaler Stammtisch IKONE DS");
        s.stop().await;
    })
    .await;
}

#[tokio::test]
async fn one_meeting_gets_a_host_and_two_swap_hosts() {
    on_every_backend(WebConfig::default(), |s| async move {
        let c = clara(&s).await;
        let series = slug("ikone-ds-netzwerktreffen");
        let edit = format!("{IKONE}/reihen/ikone-ds-netzwerktreffen");
        let change = format!("{edit}/termin");
        let e = s.get(&edit, Some(&c)).await;
        e.has("Einen Termin ändern")
            .has("name=\"kind\" value=\"host\"")
            .has("name=\"kind\" value=\"swap\"")
            .has("id=\"meeting-organization\"")
            .has("id=\"meeting-with\"");
        let dates = choices(&e, "meeting-date");
        assert!(dates.len() >= 3, "{dates:?}");
        let hosts = choices(&e, "meeting-organization");
        assert!(hosts.len() >= 2, "{hosts:?}");
        assert_eq!(choices(&e, "meeting-with"), dates);

        // Bad input first: nothing chosen, or a meeting swapping with itself.
        for (fields, field) in [
            (
                vec![
                    ("date", dates[0].as_str()),
                    ("kind", "host"),
                    ("organization", ""),
                ],
                "meeting-organization",
            ),
            (
                vec![("date", dates[1].as_str()), ("kind", "swap"), ("with", "")],
                "meeting-with",
            ),
            (
                vec![
                    ("date", dates[1].as_str()),
                    ("kind", "swap"),
                    ("with", dates[1].as_str()),
                ],
                "meeting-with",
            ),
            (
                vec![
                    ("date", dates[0].as_str()),
                    ("kind", "host"),
                    ("organization", "gibt-es-nicht"),
                ],
                "meeting-organization",
            ),
        ] {
            let r = s.post(&change, Some(&c), &fields).await;
            assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{fields:?}");
            r.has(&format!("id=\"{field}-error\""))
                .has(&format!("<a href=\"#{field}\">"));
        }
        assert!(s.dir.series_exceptions(&series).await.unwrap().is_empty());

        // The host of one meeting.
        let host = hosts[1].clone();
        let r = s
            .post(
                &change,
                Some(&c),
                &[
                    ("date", &dates[0]),
                    ("kind", "host"),
                    ("organization", &host),
                ],
            )
            .await;
        let host_name = s.dir.organization(&slug(&host)).await.unwrap().name;
        confirmed(&s, &c, &r, &edit, "meeting-changed")
            .await
            .has(&format!("<time datetime=\"{}\">", dates[0]))
            .has(&format!("Gastgeber: {host_name}"));
        let meeting = s
            .dir
            .meeting(&series, dates[0].parse().unwrap())
            .await
            .unwrap();
        assert_eq!(
            meeting.meeting.host.map(|h| h.slug.to_string()).as_deref(),
            Some(host.as_str())
        );

        // Two meetings swap their hosts (read from the schedule, which
        // computes past both dates).
        let host_of = |d: &str| {
            let d: chrono::NaiveDate = d.parse().unwrap();
            let dir = s.dir.clone();
            let series = series.clone();
            async move {
                dir.series_schedule(&series, Window::around(dir.app().today()))
                    .await
                    .unwrap()
                    .meetings
                    .into_iter()
                    .find(|m| m.date == d)
                    .and_then(|m| m.host)
                    .map(|h| h.slug)
            }
        };
        let (h1, h2) = (host_of(&dates[1]).await, host_of(&dates[2]).await);
        assert!(h1.is_some() && h2.is_some() && h1 != h2, "{h1:?} {h2:?}");
        let r = s
            .post(
                &change,
                Some(&c),
                &[("date", &dates[1]), ("kind", "swap"), ("with", &dates[2])],
            )
            .await;
        confirmed(&s, &c, &r, &edit, "meeting-changed")
            .await
            .has("Gastgeber getauscht mit dem Termin am");
        assert_eq!(host_of(&dates[1]).await, h2);
        assert_eq!(host_of(&dates[2]).await, h1);
        let stored = s.dir.series_exceptions(&series).await.unwrap();
        assert!(stored.iter().any(|x| matches!(
            &x.change,
            ExceptionChange::Host { organization } if organization.as_str() == host
        )));
        assert!(stored.iter().any(|x| matches!(
            &x.change,
            ExceptionChange::Swap { with, .. } if with.to_string() == dates[2]
        )));

        let log = s.get(&format!("{IKONE}/protokoll"), Some(&c)).await;
        in_order(
            &log,
            &["Gastgeber getauscht", "Gastgeber eines Termins festgelegt"],
        );
        log.has(&format!("→ {host}"))
            .has(&format!("↔ {}", dates[2]));
        s.stop().await;
    })
    .await;
}

#[tokio::test]
async fn members_outsiders_and_strangers_are_turned_away() {
    on_every_backend(WebConfig::default(), |s| async move {
        let c = clara(&s).await;
        let network = slug("ikone-ds");
        let (_, admin) = s.admin_once().await;
        // A member of this network, and a coordinator of another whose
        // organisation is no member here.
        let m = invited(
            &s,
            "ikone-ds",
            NetworkRole::Member,
            "speyer",
            "Moritz Mitglied",
            "moritz@speyer.example",
        )
        .await;
        let other = invited(
            &s,
            "modellprojekte-smart-cities",
            NetworkRole::Coordinator,
            "ulm",
            "Otto Anderswo",
            "otto@ulm.example",
        )
        .await;
        assert!(
            ikone_memberships(&s)
                .await
                .iter()
                .all(|w| w.value.organization.as_str() != "ulm")
        );
        s.dir
            .put_group(
                &admin,
                &network,
                &knotenpunkt_app::GroupView {
                    slug: slug("kern"),
                    name: "Kern".into(),
                    members: vec![CLARA.parse().unwrap()],
                },
            )
            .await
            .unwrap();
        s.dir
            .create_cohort(
                &network,
                &Cohort {
                    network: network.clone(),
                    slug: slug("staffel-1"),
                    name: "Staffel 1".into(),
                    year: None,
                    motto: None,
                    source: None,
                },
            )
            .await
            .unwrap();
        let w = ikone_memberships(&s).await.remove(0);
        let dates = choices(
            &s.get(
                &format!("{IKONE}/reihen/ikone-ds-netzwerktreffen"),
                Some(&c),
            )
            .await,
            "meeting-date",
        );

        let groups_before = s.dir.groups(&admin, &network).await.unwrap();
        let cohort_before = s.dir.cohort(&network, &slug("staffel-1")).await.unwrap();
        let gets = [
            format!("{IKONE}/gruppen"),
            format!("{IKONE}/gruppen/kern"),
            format!("{IKONE}/mitglieder/{}", w.id),
            format!("{IKONE}/staffeln/staffel-1"),
        ];
        let posts: Vec<(String, Vec<(&str, &str)>)> = vec![
            (
                format!("{IKONE}/gruppen"),
                vec![("name", "Schatten"), ("members", CLARA)],
            ),
            (format!("{IKONE}/gruppen/kern"), vec![("name", "Gekapert")]),
            (
                format!("{IKONE}/mitglieder/{}", w.id),
                vec![("role", "coordinator")],
            ),
            (
                format!("{IKONE}/staffeln/staffel-1"),
                vec![("name", "Gekapert")],
            ),
            (
                format!("{IKONE}/reihen/ikone-ds-stammtisch/loeschen"),
                vec![("confirm", "yes")],
            ),
            (
                format!("{IKONE}/reihen/ikone-ds-netzwerktreffen/termin"),
                vec![
                    ("date", dates[0].as_str()),
                    ("kind", "host"),
                    ("organization", "speyer"),
                ],
            ),
        ];
        for who in [&m, &other] {
            for path in &gets {
                let r = s.get(path, Some(who)).await;
                assert_eq!(r.status, StatusCode::FORBIDDEN, "{} GET {path}", who.name);
                r.has("Keine Berechtigung");
            }
            for (path, fields) in &posts {
                let r = s.post(path, Some(who), fields).await;
                assert_eq!(r.status, StatusCode::FORBIDDEN, "{} POST {path}", who.name);
            }
        }
        for path in &gets {
            let r = s.get(path, None).await;
            assert_eq!(r.status, StatusCode::SEE_OTHER, "GET {path}");
            assert_eq!(
                r.header("location"),
                format!("/anmelden?next={}", path.replace('/', "%2F"))
            );
        }
        for (path, fields) in &posts {
            let r = s.post(path, None, fields).await;
            assert_eq!(r.status, StatusCode::SEE_OTHER, "POST {path}");
            assert!(r.header("location").starts_with("/anmelden?next="));
        }

        // Nothing was written.
        assert_eq!(s.dir.groups(&admin, &network).await.unwrap(), groups_before);
        assert_eq!(
            s.dir.cohort(&network, &slug("staffel-1")).await.unwrap(),
            cohort_before
        );
        assert_eq!(s.dir.membership(w.id).await.unwrap().value, w.value);
        assert_eq!(
            s.dir.membership(w.id).await.unwrap().value.role,
            Role::Member
        );
        assert!(s.dir.series(&slug("ikone-ds-stammtisch")).await.is_ok());
        assert!(
            s.dir
                .series_exceptions(&slug("ikone-ds-netzwerktreffen"))
                .await
                .unwrap()
                .is_empty()
        );

        // A platform admin may, like the network's coordinators.
        let admin_browser = s
            .accept(
                s.dir
                    .invite(
                        &admin,
                        InvitationRequest {
                            person: person("Agnes Admin", "agnes@knotenpunkt.example"),
                            network: None,
                            role: None,
                            admin: true,
                        },
                    )
                    .await
                    .unwrap()
                    .link
                    .as_deref()
                    .unwrap(),
            )
            .await;
        s.get(&format!("{IKONE}/gruppen/kern"), Some(&admin_browser))
            .await
            .has("value=\"Kern\"");
        let path = format!("{IKONE}/staffeln/staffel-1");
        let r = s
            .post(&path, Some(&admin_browser), &[("name", "Erste Staffel")])
            .await;
        confirmed(
            &s,
            &admin_browser,
            &r,
            &format!("{IKONE}/staffeln"),
            "cohort-saved",
        )
        .await
        .has("Erste Staffel");
        s.stop().await;
    })
    .await;
}
