//! Import, export and demo data against every backend; every bad input
//! leaves the database exactly as it was.

// Test code: a failed unwrap is a failed test, which is what it should be.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use knotenpunkt_app::interchange::{parse_csv, parse_json};
use knotenpunkt_app::{App, AppError, DEMO_JSON, Directory, ImportError, load_demo};
use knotenpunkt_store::testing::TestDb;

async fn demo_dir(db: &TestDb) -> Directory {
    let dir = App::new(db.store.clone()).directory(&App::operator());
    let report = load_demo(dir.app())
        .await
        .unwrap()
        .expect("empty database takes the demo");
    assert_eq!(report.networks, 2);
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

        // CSV, the same.
        let files: Vec<(String, Vec<u8>)> = first
            .to_csv()
            .into_iter()
            .map(|(n, c)| (n, c.into_bytes()))
            .collect();
        let third = TestDb::sqlite().await.unwrap();
        let dir3 = App::new(third.store.clone()).directory(&App::operator());
        dir3.import(parse_csv(&files).unwrap()).await.unwrap();
        assert_eq!(dir3.export().await.unwrap().to_json(), json);
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
        "{{\n\"format\": \"knotenpunkt-directory\",\n\"organizations\": [\n{{\"slug\": \"musterstadt\", \"name\": \"Musterstadt\", \"kind\": \"municipality\", \"states\": [\"RP\"]}},\n{extra}\n]\n}}"
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
        let e = rejected(&dir, parse_json("d.json", with_org(r#"{"slug": "musterstadt", "name": "Zweite", "kind": "municipality", "states": ["RP"]}"#).as_bytes())).await;
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
 {"organization": "musterstadt", "network": "ikone-ds"}]}"#;
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
            dir.organization(&"musterstadt".parse().unwrap())
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
