//! Import, export and demo data against every backend; every bad input
//! leaves the database exactly as it was.

// Test code: a failed unwrap is a failed test, which is what it should be.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use knotenpunkt_app::access::Actor;
use knotenpunkt_app::interchange::{parse_csv, parse_json};
use knotenpunkt_app::{App, AppError, DEMO_JSON, Directory, ImportError, load_demo};
use knotenpunkt_store::testing::TestDb;

async fn demo_dir(db: &TestDb) -> Directory {
    let dir = App::new(db.store.clone()).directory(&App::operator());
    let report = load_demo(dir.app())
        .await
        .unwrap()
        .expect("empty database takes the demo");
    // The directory's two networks, and whatever sample networks the
    // demo's knowledge exchange brings along.
    assert!(report.networks >= 2, "{report:?}");
    dir
}

#[tokio::test]
async fn demo_loads_once_and_exports_reproducibly() {
    for db in TestDb::all().await.unwrap() {
        let dir = demo_dir(&db).await;
        assert!(
            load_demo(dir.app()).await.unwrap().is_none(),
            "demo never loads twice"
        );
        let msc = dir
            .network_page(&"modellprojekte-smart-cities".parse().unwrap())
            .await
            .unwrap();
        assert_eq!(msc.member_count, 73);
        let sizes: Vec<usize> = msc.groups.iter().map(|g| g.members.len()).collect();
        assert_eq!(sizes, [13, 32, 28]);
        let ikone = dir
            .network_page(&"ikone-ds".parse().unwrap())
            .await
            .unwrap();
        assert_eq!(
            ikone.coordinator.as_ref().unwrap().slug.as_str(),
            "kaiserslautern"
        );
        assert!(!ikone.growth.figures.is_empty());

        // JSON: export → import into an empty database → export is identical.
        let first = dir.export().await.unwrap();
        let json = first.to_json();
        let other = TestDb::sqlite().await.unwrap();
        let dir2 = App::new(other.store.clone()).directory(&App::operator());
        dir2.import(parse_json("export.json", json.as_bytes()).unwrap())
            .await
            .unwrap();
        assert_eq!(dir2.export().await.unwrap().to_json(), json);

        // CSV, the same — for the directory: projects and experiences
        // travel in JSON only.
        let mut directory_only = first.clone();
        directory_only.projects.clear();
        directory_only.experiences.clear();
        directory_only.working_groups.clear();
        directory_only.funding_calls.clear();
        directory_only.applications.clear();
        directory_only.events.clear();
        let files: Vec<(String, Vec<u8>)> = first
            .to_csv()
            .into_iter()
            .map(|(n, c)| (n, c.into_bytes()))
            .collect();
        let third = TestDb::sqlite().await.unwrap();
        let dir3 = App::new(third.store.clone()).directory(&App::operator());
        dir3.import(parse_csv(&files).unwrap()).await.unwrap();
        assert_eq!(
            dir3.export().await.unwrap().to_json(),
            directory_only.to_json()
        );
    }
}

/// Runs a bad import and checks it fails as described and writes nothing.
async fn rejected(
    dir: &Directory,
    result: Result<knotenpunkt_app::DirectoryFile, ImportError>,
) -> ImportError {
    let before = dir.export().await.unwrap().to_json();
    let err = match result {
        Err(e) => e,
        Ok(file) => match dir.import(file).await {
            Err(AppError::Import(e)) => e,
            other => panic!("expected an import error, got {other:?}"),
        },
    };
    assert_eq!(
        dir.export().await.unwrap().to_json(),
        before,
        "a failed import must write nothing"
    );
    err
}

fn with_org(extra: &str) -> String {
    format!(
        "{{\n\"format\": \"knotenpunkt-directory\",\n\"organizations\": [\n{{\"slug\": \"probstadt\", \"name\": \"Probstadt\", \"kind\": \"municipality\", \"states\": [\"RP\"]}},\n{extra}\n]\n}}"
    )
}

#[tokio::test]
async fn bad_inputs_name_the_place_and_write_nothing() {
    for db in TestDb::all().await.unwrap() {
        let dir = demo_dir(&db).await;

        let e = rejected(
            &dir,
            parse_json("a.json", b"{\n\"organizations\": [\n{\"slug\": }\n]}"),
        )
        .await;
        assert_eq!((e.file.as_str(), e.line), ("a.json", Some(3)), "{e}");

        let e = rejected(
            &dir,
            parse_json(
                "b.json",
                with_org(r#"{"slug": "b", "name": "B", "kind": "municipality", "states": ["XY"]}"#)
                    .as_bytes(),
            ),
        )
        .await;
        assert_eq!(e.line, Some(5), "{e}");
        assert_eq!(e.field.as_deref(), Some("organizations[1].states[0]"));

        let e = rejected(&dir, parse_json("c.json", with_org(r#"{"slug": "b", "name": "B", "kind": "municipality", "states": ["RP"], "ags": "0731200"}"#).as_bytes())).await;
        assert_eq!(e.field.as_deref(), Some("organizations[1].ags"), "{e}");
        assert!(e.message.contains("exactly 8"), "{e}");

        // Duplicate slug within the file: found while writing, still located.
        let e = rejected(&dir, parse_json("d.json", with_org(r#"{"slug": "probstadt", "name": "Zweite", "kind": "municipality", "states": ["RP"]}"#).as_bytes())).await;
        assert_eq!((e.line, e.field.as_deref()), (Some(5), Some("slug")), "{e}");
        // Duplicate of an existing entry.
        let e = rejected(
            &dir,
            parse_json(
                "e.json",
                with_org(
                    r#"{"slug": "ulm", "name": "Ulm", "kind": "municipality", "states": ["BW"]}"#,
                )
                .as_bytes(),
            ),
        )
        .await;
        assert_eq!(e.line, Some(5), "{e}");

        let left_before = r#"{"format": "knotenpunkt-directory", "memberships": [
 {"organization": "ulm", "network": "ikone-ds", "joined_on": "2020-05-01", "left_on": "2019-01"}]}"#;
        let e = rejected(&dir, parse_json("f.json", left_before.as_bytes())).await;
        assert_eq!(
            (e.line, e.field.as_deref()),
            (Some(2), Some("left_on")),
            "{e}"
        );

        let unknown_ref = r#"{"format": "knotenpunkt-directory", "memberships": [
 {"organization": "probstadt", "network": "ikone-ds"}]}"#;
        let e = rejected(&dir, parse_json("g.json", unknown_ref.as_bytes())).await;
        assert_eq!(
            (e.line, e.field.as_deref()),
            (Some(2), Some("organization")),
            "{e}"
        );

        let mut big = Vec::with_capacity(50 * 1024 * 1024);
        big.resize(50 * 1024 * 1024, b' ');
        let e = rejected(&dir, parse_json("big.json", &big)).await;
        assert!(e.message.contains("50.0 MB"), "{e}");

        let mut bytes = with_org("").replace(",\n\n", "\n").into_bytes();
        bytes.splice(40..40, [0xC3, 0x28]);
        let e = rejected(&dir, parse_json("h.json", &bytes)).await;
        assert!(e.message.contains("UTF-8") && e.line.is_some(), "{e}");

        let e = rejected(
            &dir,
            parse_csv(&[(
                "organizations.csv".into(),
                b"slug,name,kind,states\nb,B,municipality,RP\n".to_vec(),
            )]),
        )
        .await;
        assert_eq!((e.line, e.field.as_deref()), (Some(1), Some("ags")), "{e}");

        let e = rejected(&dir, parse_csv(&[("memberships.csv".into(), b"organization,network,cohort,role,joined_on,left_on,source\nulm,ikone-ds,,member,2020,2019,\n".to_vec())])).await;
        assert_eq!(
            (e.line, e.field.as_deref()),
            (Some(2), Some("left_on")),
            "{e}"
        );

        // A later failure rolls back earlier rows of the same file.
        let partial = with_org(
            r#"{"slug": "b", "name": "B", "kind": "municipality", "states": ["RP"], "parts": ["nowhere"]}"#,
        );
        let e = rejected(&dir, parse_json("i.json", partial.as_bytes())).await;
        assert_eq!(e.line, Some(5), "{e}");
        assert!(
            dir.organization(&"probstadt".parse().unwrap())
                .await
                .is_err()
        );
    }
}

#[test]
fn demo_data_keeps_sources() {
    let file = parse_json("demo", DEMO_JSON.as_bytes()).unwrap();
    assert!(
        file.organizations
            .iter()
            .all(|o| o.source.as_deref().is_some_and(|s| !s.is_empty()))
    );
    assert!(
        file.memberships
            .iter()
            .all(|m| m.source.as_deref().is_some_and(|s| !s.is_empty()))
    );
    assert!(
        file.organizations
            .iter()
            .all(|o| o.ags.is_none() && o.population.is_none()),
        "no invented figures"
    );
}

/// A directory with the knowledge exchange: one project, an experience of
/// it by a named author and a network-only one without. One entity a line,
/// so that the tests can name lines.
const KNOWLEDGE: &str = r#"{
"format": "knotenpunkt-directory",
"organizations": [
{"slug": "musterstadt", "name": "Musterstadt", "kind": "municipality", "states": ["RP"]},
{"slug": "beispielheim", "name": "Beispielheim", "kind": "municipality", "states": ["BW"]}
],
"networks": [
{"slug": "kommunal-digital", "name": "Kommunal digital", "description": "Ein Netzwerk.", "visibility": "public"}
],
"projects": [
{"slug": "living-lab", "organization": "musterstadt", "partners": ["beispielheim"], "title": "Living Lab", "summary": "Ein Labor für **Daten**.", "topics": ["data-infrastructure"], "status": "running", "started": "2021-04", "funding": "Modellprojekte Smart Cities", "contacts": [{"name": "Anna Beispiel", "role": "Projektleitung", "email": "anna@example.org"}], "links": ["https://example.org/lab"]}
],
"experiences": [
{"organization": "musterstadt", "project": "living-lab", "title": "Sensoren im Regen", "text": "Die Sensoren meldeten bei Regen falsche Werte.", "outcome": "failed", "differently": "Früher testen.", "topics": ["mobility", "data-infrastructure"], "lang": "de", "author": "Anna Beispiel"},
{"organization": "beispielheim", "network": "kommunal-digital", "visibility": "network", "title": "Offene Daten intern", "text": "Nur für das Netzwerk.", "topics": ["data-infrastructure"]}
]
}"#;

/// How many projects and experiences the operator sees.
async fn knowledge_counts(dir: &Directory) -> (usize, usize) {
    let k = dir.app().knowledge(&App::operator());
    (
        k.projects(&Default::default()).await.unwrap().len(),
        k.experiences(&Default::default()).await.unwrap().len(),
    )
}

fn empty_dir(db: &TestDb) -> Directory {
    App::new(db.store.clone()).directory(&App::operator())
}

#[tokio::test]
async fn projects_and_experiences_round_trip_in_json() {
    for db in TestDb::all().await.unwrap() {
        let dir = empty_dir(&db);
        let report = dir
            .import(parse_json("k.json", KNOWLEDGE.as_bytes()).unwrap())
            .await
            .unwrap();
        assert_eq!(
            (report.organizations, report.projects, report.experiences),
            (2, 1, 2)
        );
        assert_eq!(knowledge_counts(&dir).await, (1, 2));

        let first = dir.export().await.unwrap();
        assert_eq!((first.projects.len(), first.experiences.len()), (1, 2));
        let authors: Vec<&str> = first
            .experiences
            .iter()
            .map(|r| r.author.as_str())
            .collect();
        assert_eq!(authors, ["Knotenpunkt", "Anna Beispiel"], "by organisation");
        let json = first.to_json();
        assert!(json.contains("\"author\": \"Anna Beispiel\""), "{json}");
        assert_eq!(dir.export().await.unwrap().to_json(), json, "stable");

        // Into a fresh database and out again: the same file.
        let other = TestDb::sqlite().await.unwrap();
        let dir2 = empty_dir(&other);
        let again = dir2
            .import(parse_json("export.json", json.as_bytes()).unwrap())
            .await
            .unwrap();
        assert_eq!((again.projects, again.experiences), (1, 2));
        assert_eq!(knowledge_counts(&dir2).await, (1, 2));
        let second = dir2.export().await.unwrap();
        assert_eq!(second.to_json(), json);
        assert_eq!(second.projects, first.projects);
        assert_eq!(second.experiences, first.experiences);

        // CSV carries the directory only.
        let names: Vec<String> = first.to_csv().into_iter().map(|(n, _)| n).collect();
        assert!(
            !names
                .iter()
                .any(|n| n.contains("project") || n.contains("experience")),
            "{names:?}"
        );
    }
}

#[tokio::test]
async fn a_bad_project_or_experience_names_its_place_and_writes_nothing() {
    for db in TestDb::all().await.unwrap() {
        let dir = empty_dir(&db);
        let nothing = |e: &ImportError, file: &str, line: usize, field: &str| {
            assert_eq!(
                (e.file.as_str(), e.line, e.field.as_deref()),
                (file, Some(line), Some(field)),
                "{e}"
            );
        };

        // A value the vocabulary does not know: found while reading.
        let bad = KNOWLEDGE.replace(r#""outcome": "failed""#, r#""outcome": "meh""#);
        let e = rejected(&dir, parse_json("a.json", bad.as_bytes())).await;
        nothing(&e, "a.json", 14, "experiences[0].outcome");
        assert!(e.message.contains("meh"), "{e}");

        // An unknown project: found while writing, after the organisations,
        // the network and the project went in — all of which roll back.
        let bad = KNOWLEDGE.replace(r#""project": "living-lab""#, r#""project": "nowhere""#);
        let e = rejected(&dir, parse_json("b.json", bad.as_bytes())).await;
        nothing(&e, "b.json", 14, "project");
        assert!(e.message.contains("nowhere"), "{e}");

        // A project without its slug.
        let bad = KNOWLEDGE.replace(r#""slug": "living-lab", "#, "");
        let e = rejected(&dir, parse_json("c.json", bad.as_bytes())).await;
        nothing(&e, "c.json", 11, "slug");
        assert!(e.message.contains("name the project's slug"), "{e}");

        // The experience's own rules: a network visibility needs its network.
        let bad = KNOWLEDGE.replace(
            r#""network": "kommunal-digital", "visibility""#,
            r#""visibility""#,
        );
        let e = rejected(&dir, parse_json("d.json", bad.as_bytes())).await;
        nothing(&e, "d.json", 15, "network");

        // A partner that does not exist.
        let bad = KNOWLEDGE.replace(
            r#""partners": ["beispielheim"]"#,
            r#""partners": ["irgendwo"]"#,
        );
        let e = rejected(&dir, parse_json("e.json", bad.as_bytes())).await;
        nothing(&e, "e.json", 11, "partners[0]");

        assert_eq!(knowledge_counts(&dir).await, (0, 0));
        assert!(
            dir.organization(&"musterstadt".parse().unwrap())
                .await
                .is_err()
        );

        // A project already there: the second import is refused whole.
        dir.import(parse_json("k.json", KNOWLEDGE.as_bytes()).unwrap())
            .await
            .unwrap();
        let again = r#"{"projects": [
{"slug": "living-lab", "organization": "musterstadt", "title": "Noch einmal", "summary": "Doppelt.", "topics": ["mobility"]}],
"experiences": [
{"organization": "musterstadt", "title": "Dazu", "text": "Text.", "topics": ["mobility"]}]}"#;
        let e = rejected(&dir, parse_json("f.json", again.as_bytes())).await;
        nothing(&e, "f.json", 2, "slug");
        assert_eq!(knowledge_counts(&dir).await, (1, 2));
    }
}

#[tokio::test]
async fn a_public_export_leaves_out_what_anonymous_readers_may_not_see() {
    for db in TestDb::all().await.unwrap() {
        let dir = empty_dir(&db);
        dir.import(parse_json("k.json", KNOWLEDGE.as_bytes()).unwrap())
            .await
            .unwrap();
        // A network-only project, and a public experience of it.
        let more = r#"{"projects": [
{"slug": "intern-lab", "organization": "beispielheim", "network": "kommunal-digital", "visibility": "network", "title": "Internes Labor", "summary": "Nur im Netzwerk.", "topics": ["administration"]}],
"experiences": [
{"organization": "beispielheim", "project": "intern-lab", "title": "Was alle wissen dürfen", "text": "Öffentlich.", "topics": ["administration"]}]}"#;
        dir.import(parse_json("more.json", more.as_bytes()).unwrap())
            .await
            .unwrap();
        assert_eq!(knowledge_counts(&dir).await, (2, 3));

        let public = dir.for_actor(&Actor::anonymous()).export().await.unwrap();
        let titles: Vec<&str> = public
            .experiences
            .iter()
            .map(|r| r.experience.title.as_str())
            .collect();
        assert_eq!(titles, ["Was alle wissen dürfen", "Sensoren im Regen"]);
        let projects: Vec<&str> = public
            .projects
            .iter()
            .filter_map(|p| p.slug.as_ref().map(|s| s.as_str()))
            .collect();
        assert_eq!(projects, ["living-lab"]);
        // The public experience stays, without the project it may not see.
        assert_eq!(public.experiences[0].experience.project, None);
        let json = public.to_json();
        assert!(!json.contains("intern"), "{json}");

        // What an anonymous reader exports loads into an empty database.
        let other = TestDb::sqlite().await.unwrap();
        let dir2 = empty_dir(&other);
        dir2.import(parse_json("public.json", json.as_bytes()).unwrap())
            .await
            .unwrap();
        assert_eq!(dir2.export().await.unwrap().to_json(), json);

        // The operator's export keeps all of it.
        let all = dir.export().await.unwrap();
        assert_eq!((all.projects.len(), all.experiences.len()), (2, 3));
    }
}

/// A network's work as a file carries it: two cooperations, a working
/// group, a call, an application of the second cooperation with three
/// steps and two tasks, and two events (one closed, one for the group).
const WORK: &str = r#"{
"format": "knotenpunkt-directory",
"organizations": [
{"slug": "musterstadt", "name": "Musterstadt", "kind": "municipality", "states": ["RP"]},
{"slug": "beispielheim", "name": "Beispielheim", "kind": "municipality", "states": ["BW"]},
{"slug": "probdorf", "name": "Probdorf", "kind": "municipality", "states": ["RP"]}
],
"networks": [
{"slug": "kommunal-digital", "name": "Kommunal digital", "description": "Ein Netzwerk.", "visibility": "public"}
],
"cooperations": [
{"name": "A-Kooperation", "partners": ["beispielheim", "probdorf"], "topic": "Daten"},
{"name": "B-Kooperation", "partners": ["musterstadt", "beispielheim"], "topic": "Mobilität"}
],
"working_groups": [
{"network": "kommunal-digital", "slug": "ag-daten", "name": "AG Daten", "purpose": "Daten teilen.", "leads": ["musterstadt"], "organizations": ["beispielheim"]}
],
"funding_calls": [
{"network": "kommunal-digital", "slug": "aufruf", "funder": "Land", "title": "Digitale Dörfer", "deadline": "2027-01-31"}
],
"applications": [
{"network": "kommunal-digital", "slug": "datenplattform", "title": "Datenplattform", "lead": "musterstadt", "partners": ["beispielheim"], "call": "aufruf", "cooperation": 2, "status": "submitted", "status_on": "2026-03-01", "visibility": "group:ag-daten",
 "history": [{"status": "idea", "on": "2026-01-10"}, {"status": "preparing", "on": "2026-02-01"}, {"status": "submitted", "on": "2026-03-01"}],
 "tasks": [{"organization": "beispielheim", "title": "Letter of Intent", "due": "2026-02-20", "done": true}, {"organization": "musterstadt", "title": "Antrag schreiben"}]}
],
"events": [
{"network": "kommunal-digital", "title": "Werkstatt", "starts_at": "2090-03-04T09:30:00+01:00", "ends_at": "2090-03-04T16:00:00+01:00", "capacity": 20, "registration": "public", "cooperation": 1, "closed": true},
{"network": "kommunal-digital", "title": "AG-Treffen", "kind": "webinar", "starts_at": "2090-04-01T10:00:00+02:00", "ends_at": "2090-04-01T11:00:00+02:00", "capacity": 8, "registration": "group:ag-daten", "online": "https://meet.example.org/ag"}
]
}"#;

#[tokio::test]
async fn a_networks_work_round_trips_in_json() {
    for db in TestDb::all().await.unwrap() {
        let dir = empty_dir(&db);
        let report = dir
            .import(parse_json("w.json", WORK.as_bytes()).unwrap())
            .await
            .unwrap();
        assert_eq!(
            (
                report.working_groups,
                report.funding_calls,
                report.applications,
                report.events
            ),
            (1, 1, 1, 2)
        );
        // What the use cases see: the whole history, the tasks, the
        // cooperation by its id, the closed event.
        let network: knotenpunkt_domain::Slug = "kommunal-digital".parse().unwrap();
        let funding = dir.app().funding(&App::operator());
        let page = funding
            .application(&network, &"datenplattform".parse().unwrap())
            .await
            .unwrap();
        let statuses: Vec<String> = page
            .history
            .iter()
            .map(|s| format!("{}@{}", s.status, s.on))
            .collect();
        assert_eq!(
            statuses,
            [
                "idea@2026-01-10",
                "preparing@2026-02-01",
                "submitted@2026-03-01"
            ]
        );
        assert_eq!(page.tasks.len(), 2);
        let coops = dir.cooperations(None).await.unwrap();
        let b = coops
            .iter()
            .find(|c| c.value.name == "B-Kooperation")
            .unwrap();
        assert_eq!(page.application.cooperation, Some(b.id));
        let events = dir.app().events(&App::operator());
        let listed = events.events(&network, false).await.unwrap();
        assert_eq!(listed.len(), 2);
        let a = coops
            .iter()
            .find(|c| c.value.name == "A-Kooperation")
            .unwrap();
        let of_a = events.cooperation_events(&[a.id]).await.unwrap();
        let titles: Vec<&str> = of_a.iter().map(|e| e.event.title.as_str()).collect();
        assert_eq!(titles, ["Werkstatt"], "the event of the first cooperation");

        let first = dir.export().await.unwrap();
        let json = first.to_json();
        assert!(json.contains("\"cooperation\": 2"), "by place: {json}");
        assert!(json.contains("\"cooperation\": 1"), "by place: {json}");
        assert!(json.contains("\"closed\": true"), "{json}");
        assert_eq!(first.applications[0].history.len(), 3);
        assert_eq!(dir.export().await.unwrap().to_json(), json, "stable");

        // Into a fresh database and out again: the same file.
        let other = TestDb::sqlite().await.unwrap();
        let dir2 = empty_dir(&other);
        dir2.import(parse_json("export.json", json.as_bytes()).unwrap())
            .await
            .unwrap();
        assert_eq!(dir2.export().await.unwrap().to_json(), json);

        // Anonymous readers: the group and the call (the network is
        // public), the public event; not the application or the group's
        // event.
        let public = dir.for_actor(&Actor::anonymous()).export().await.unwrap();
        assert_eq!(public.working_groups.len(), 1);
        assert_eq!(public.funding_calls.len(), 1);
        assert!(public.applications.is_empty());
        let titles: Vec<&str> = public
            .events
            .iter()
            .map(|e| e.event.title.as_str())
            .collect();
        assert_eq!(titles, ["Werkstatt"]);
    }
}

#[tokio::test]
async fn a_bad_entry_of_a_networks_work_names_its_place_and_writes_nothing() {
    for db in TestDb::all().await.unwrap() {
        let dir = empty_dir(&db);
        let place = |e: &ImportError, line: usize, field: &str| {
            assert_eq!(
                (e.file.as_str(), e.line, e.field.as_deref()),
                ("w.json", Some(line), Some(field)),
                "{e}"
            );
        };
        let bad = |from: &str, to: &str| {
            assert!(WORK.contains(from), "{from}");
            WORK.replace(from, to)
        };
        // A cooperation the file does not have.
        let text = bad(r#""cooperation": 2"#, r#""cooperation": 5"#);
        let e = rejected(&dir, parse_json("w.json", text.as_bytes())).await;
        place(&e, 22, "cooperation");
        assert!(e.message.contains("lists 2"), "{e}");
        // A step that cannot follow the one before.
        let text = bad(
            r#"{"status": "preparing", "on": "2026-02-01"}"#,
            r#"{"status": "granted", "on": "2026-02-01"}"#,
        );
        let e = rejected(&dir, parse_json("w.json", text.as_bytes())).await;
        place(&e, 22, "history[1].status");
        // A status that is not the last step.
        let text = bad(
            r#""status": "submitted", "status_on""#,
            r#""status": "idea", "status_on""#,
        );
        let e = rejected(&dir, parse_json("w.json", text.as_bytes())).await;
        place(&e, 22, "status");
        // A task of an organisation that takes no part.
        let text = bad(
            r#"{"organization": "musterstadt", "title": "Antrag schreiben"}"#,
            r#"{"organization": "probdorf", "title": "Antrag schreiben"}"#,
        );
        let e = rejected(&dir, parse_json("w.json", text.as_bytes())).await;
        place(&e, 22, "tasks[1].organization");
        // A history step of the wrong shape: found while reading, at the
        // line of its value.
        let text = bad(
            r#"{"status": "idea", "on": "2026-01-10"}"#,
            r#"{"status": "idea", "day": "2026-01-10"}"#,
        );
        let e = rejected(&dir, parse_json("w.json", text.as_bytes())).await;
        assert_eq!(e.line, Some(23), "{e}");
        assert!(
            e.field
                .as_deref()
                .unwrap()
                .starts_with("applications[0].history[0]"),
            "{e}"
        );
        // A group the network does not have.
        let text = bad(
            r#""registration": "group:ag-daten""#,
            r#""registration": "group:ag-nirgends""#,
        );
        let e = rejected(&dir, parse_json("w.json", text.as_bytes())).await;
        place(&e, 28, "registration");
        // A group without its network.
        let text = bad(
            r#"{"network": "kommunal-digital", "slug": "ag-daten""#,
            r#"{"slug": "ag-daten""#,
        );
        let e = rejected(&dir, parse_json("w.json", text.as_bytes())).await;
        assert_eq!(
            (e.line, e.field.as_deref()),
            (Some(16), Some("working_groups[0].network")),
            "{e}"
        );
        // An event that ends before it starts.
        let text = bad(
            r#""ends_at": "2090-03-04T16:00:00+01:00""#,
            r#""ends_at": "2090-03-04T08:00:00+01:00""#,
        );
        let e = rejected(&dir, parse_json("w.json", text.as_bytes())).await;
        place(&e, 27, "ends_at");
        assert!(dir.export().await.unwrap().organizations.is_empty());

        // The same work a second time: the group is there already.
        dir.import(parse_json("w.json", WORK.as_bytes()).unwrap())
            .await
            .unwrap();
        let again = r#"{"working_groups": [{"network": "kommunal-digital", "slug": "ag-daten", "name": "Noch einmal"}]}"#;
        let e = rejected(&dir, parse_json("w.json", again.as_bytes())).await;
        place(&e, 1, "slug");
    }
}
