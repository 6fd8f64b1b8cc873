//! Two server processes on one database: what one changes, the other shows
//! on its very next request — pages cached for visitors, views kept for
//! members, sessions kept in memory; and reminder mails that both servers
//! (and a `knotenpunkt remind` beside them) send, each exactly once. Every backend: an SQLite file shared by
//! both processes, and PostgreSQL when KNOTENPUNKT_TEST_DATABASE_URL is set.

// Test code: a failed unwrap is a failed test, which is what it should be.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use knotenpunkt_app::domain::TokenScope;
use knotenpunkt_app::{App, load_demo, testing};
use knotenpunkt_store::testing::TestDb;
use reqwest::StatusCode;

/// A `knotenpunkt serve` process on the test's database.
struct Server {
    child: Child,
    base: String,
}

impl Server {
    fn start(url: &str) -> Server {
        Server::start_with(url, &[])
    }

    fn start_with(url: &str, extra: &[&str]) -> Server {
        Server::start_serving(url, extra, &[])
    }

    /// With `extra` before the command and `serving` after `serve`.
    fn start_serving(url: &str, extra: &[&str], serving: &[&str]) -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_knotenpunkt"))
            .args(["--database-url", url])
            .args(extra)
            .args(["serve", "--bind", "127.0.0.1:0"])
            .args(serving)
            .stderr(Stdio::piped())
            .stdout(Stdio::null())
            .spawn()
            .unwrap();
        let mut lines = BufReader::new(child.stderr.take().unwrap()).lines();
        let deadline = Instant::now() + Duration::from_secs(30);
        let addr = loop {
            assert!(Instant::now() < deadline, "server did not start");
            let line = lines.next().unwrap().unwrap();
            if line.contains("listens on")
                && let Some(i) = line.find("http://")
            {
                break line[i + 7..].split_whitespace().next().unwrap().to_owned();
            }
        };
        // Keep reading its log so the pipe never fills up.
        std::thread::spawn(move || for _ in lines.map_while(Result::ok) {});
        Server {
            child,
            base: format!("http://{addr}"),
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

async fn get(
    client: &reqwest::Client,
    url: String,
    auth: Option<(&str, &str)>,
) -> (StatusCode, String) {
    let mut req = client.get(url);
    if let Some((name, value)) = auth {
        req = req.header(name, value);
    }
    let res = req.send().await.unwrap();
    (res.status(), res.text().await.unwrap())
}

/// The demo directory in the test's database, set up by this test process
/// (a third party to both servers), and an admin: their session and a
/// write token as an `Authorization` value.
async fn demo_with_admin(db: &TestDb) -> (knotenpunkt_app::NewSession, String) {
    let app = App::new(db.store.clone());
    load_demo(&app).await.unwrap().unwrap();
    let dir = app.directory(&knotenpunkt_app::access::Actor::anonymous());
    let admin = testing::admin(&dir, "admin@processes.example")
        .await
        .unwrap();
    let token = testing::token(&dir, &admin, TokenScope::Write)
        .await
        .unwrap();
    (admin, format!("Bearer {token}"))
}

#[tokio::test(flavor = "multi_thread")]
async fn a_change_through_one_process_shows_through_the_other_at_once() {
    for db in TestDb::all().await.unwrap() {
        let (admin, bearer) = demo_with_admin(&db).await;
        let cookie = format!("kp_session={}", admin.token);

        let a = Server::start(&db.url);
        let b = Server::start(&db.url);
        let client = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .unwrap();
        let page = |s: &Server| format!("{}/netzwerke/ikone-ds", s.base);

        // B has the page in its caches: rendered for visitors, the view
        // kept for members (asked twice, so the second answer is the kept one).
        for _ in 0..2 {
            let (status, body) = get(&client, page(&b), None).await;
            assert_eq!(status, StatusCode::OK);
            assert!(body.contains("IKONE DS"));
            let (status, body) = get(&client, page(&b), Some(("Cookie", &cookie))).await;
            assert_eq!(status, StatusCode::OK);
            assert!(body.contains("IKONE DS"));
        }

        // A renames the network through the API.
        let url = format!("{}/api/v1/networks/ikone-ds", a.base);
        let mut network: serde_json::Value =
            client.get(&url).send().await.unwrap().json().await.unwrap();
        network["name"] = "IKONE DS (umbenannt)".into();
        let res = client
            .put(&url)
            .header("Authorization", &bearer)
            .json(&network)
            .send()
            .await
            .unwrap();
        assert_eq!(
            res.status(),
            StatusCode::OK,
            "{}",
            res.text().await.unwrap()
        );

        // B's next answers show it, to visitors, to members, in the API.
        let (_, body) = get(&client, page(&b), None).await;
        assert!(
            body.contains("IKONE DS (umbenannt)"),
            "visitor's page is stale"
        );
        let (_, body) = get(&client, page(&b), Some(("Cookie", &cookie))).await;
        assert!(
            body.contains("IKONE DS (umbenannt)"),
            "member's page is stale"
        );
        let (_, body) = get(
            &client,
            format!("{}/api/v1/networks/ikone-ds", b.base),
            Some(("Authorization", &bearer)),
        )
        .await;
        assert!(body.contains("IKONE DS (umbenannt)"), "API answer is stale");

        // A session B holds in memory ends when A signs it out.
        let (status, body) = get(
            &client,
            format!("{}/konto", b.base),
            Some(("Cookie", &cookie)),
        )
        .await;
        assert_eq!(status, StatusCode::OK);
        assert!(body.contains("Test-Administration"));
        let res = client
            .post(format!("{}/abmelden", a.base))
            .header("Cookie", &cookie)
            .form(&[("csrf", admin.csrf.as_str())])
            .send()
            .await
            .unwrap();
        assert!(res.status().is_redirection(), "{}", res.status());
        let (status, _) = get(
            &client,
            format!("{}/konto", b.base),
            Some(("Cookie", &cookie)),
        )
        .await;
        assert!(
            status.is_redirection(),
            "B still honours a session A ended: {status}"
        );
    }
}

/// A public agenda point at the first meeting of the demo's monthly series,
/// written through `server`'s API.
async fn add_agenda_point(
    client: &reqwest::Client,
    server: &Server,
    bearer: &str,
    text: &str,
    visibility: &str,
) {
    let url = format!(
        "{}/api/v1/series/monatstreffen-staffel-1/meetings",
        server.base
    );
    let meetings: serde_json::Value = client.get(&url).send().await.unwrap().json().await.unwrap();
    let date = meetings["meetings"][0]["date"].as_str().unwrap().to_owned();
    let res = client
        .post(format!("{url}/{date}/agenda"))
        .header("Authorization", bearer)
        .json(&serde_json::json!({"text": text, "visibility": visibility}))
        .send()
        .await
        .unwrap();
    assert_eq!(
        res.status(),
        StatusCode::CREATED,
        "{}",
        res.text().await.unwrap()
    );
}

async fn total(client: &reqwest::Client, server: &Server, q: &str, auth: Option<&str>) -> u64 {
    let (status, body) = get(
        client,
        format!("{}/api/v1/search?q={q}", server.base),
        auth.map(|a| ("Authorization", a)),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let v: serde_json::Value = serde_json::from_str(&body).unwrap();
    v["total"].as_u64().unwrap()
}

#[tokio::test(flavor = "multi_thread")]
async fn each_process_finds_what_any_process_wrote() {
    for db in TestDb::all().await.unwrap() {
        let (_, bearer) = demo_with_admin(&db).await;
        let index_dir = std::env::temp_dir().join(format!(
            "knotenpunkt-processes-search-{}-{}",
            std::process::id(),
            db.url.len()
        ));
        let _ = std::fs::remove_dir_all(&index_dir);
        let index_arg = index_dir.to_str().unwrap().to_owned();

        // A keeps its index in memory, B in a directory.
        let a = Server::start(&db.url);
        let b = Server::start_with(&db.url, &["--search-index", &index_arg]);
        let client = reqwest::Client::new();
        assert_eq!(total(&client, &b, "Zisterne", None).await, 0);
        assert_eq!(total(&client, &a, "Zisterne", None).await, 0);

        // A write through A is found through B at once, in any spelling.
        add_agenda_point(
            &client,
            &a,
            &bearer,
            "Zisternenbewässerung im Stadtpark",
            "public",
        )
        .await;
        for q in ["Zisterne", "Bewaesserung", "Zisternenbewaesserung"] {
            assert_eq!(total(&client, &b, q, None).await, 1, "B: {q}");
        }
        assert_eq!(total(&client, &a, "Zisterne", None).await, 1, "A");
        // A network-only one is found by the admin, not by a visitor.
        add_agenda_point(
            &client,
            &b,
            &bearer,
            "Regenwasserzisterne, vertraulich",
            "network",
        )
        .await;
        assert_eq!(total(&client, &a, "Regenwasser", None).await, 0);
        assert_eq!(total(&client, &a, "Regenwasser", Some(&bearer)).await, 1);

        // So is an experience shared with a network through B.
        let res = client
            .post(format!("{}/api/v1/experiences", b.base))
            .header("Authorization", &bearer)
            .json(&serde_json::json!({
                "organization": "kaiserslautern", "network": "modellprojekte-smart-cities",
                "visibility": "network", "title": "Tropfbewässerung für Stadtbäume",
                "text": "Die Schläuche verstopften im ersten Sommer.", "outcome": "failed",
                "topics": ["energy-environment"], "lang": "de"}))
            .send()
            .await
            .unwrap();
        assert_eq!(
            res.status(),
            StatusCode::CREATED,
            "{}",
            res.text().await.unwrap()
        );
        assert_eq!(total(&client, &a, "Tropfbewaesserung", None).await, 0);
        assert_eq!(total(&client, &a, "Stadtbaum", Some(&bearer)).await, 1);

        // While B holds its directory, a reindex there is refused clearly.
        let busy = Command::new(env!("CARGO_BIN_EXE_knotenpunkt"))
            .args([
                "--database-url",
                &db.url,
                "--search-index",
                &index_arg,
                "reindex",
            ])
            .output()
            .unwrap();
        assert!(!busy.status.success());
        let said = String::from_utf8_lossy(&busy.stderr);
        assert!(said.contains("in use by another process"), "{said}");

        // B restarts on its directory and still finds both, and what A
        // wrote while it was down.
        drop(b);
        add_agenda_point(
            &client,
            &a,
            &bearer,
            "Gründachförderung für Schulen",
            "public",
        )
        .await;
        let b = Server::start_with(&db.url, &["--search-index", &index_arg]);
        assert_eq!(total(&client, &b, "Zisterne", None).await, 1);
        assert_eq!(total(&client, &b, "Regenwasser", Some(&bearer)).await, 1);
        assert_eq!(total(&client, &b, "Gründach", None).await, 1);
        drop(b);

        // Rebuilt from scratch by the command, with what it holds.
        let done = Command::new(env!("CARGO_BIN_EXE_knotenpunkt"))
            .args([
                "--database-url",
                &db.url,
                "--search-index",
                &index_arg,
                "reindex",
            ])
            .output()
            .unwrap();
        let out = String::from_utf8_lossy(&done.stdout);
        assert!(
            done.status.success(),
            "{}",
            String::from_utf8_lossy(&done.stderr)
        );
        assert!(
            out.starts_with("search index: ") && out.contains(" documents in "),
            "{out}"
        );
        drop(a);
        let _ = std::fs::remove_dir_all(&index_dir);
    }
}

/// An event of IKONE DS that starts in 12 hours, with `guests` registered
/// by name and address (no accounts needed).
async fn event_tomorrow(app: &App, guests: &[String]) {
    let start = (chrono::Utc::now() + chrono::Duration::hours(12))
        .with_timezone(&chrono_tz::Europe::Berlin)
        .fixed_offset();
    let event: knotenpunkt_app::domain::Event = serde_json::from_value(serde_json::json!({
        "network": "ikone-ds", "title": "Werkstatt Zwei Prozesse", "kind": "workshop",
        "starts_at": start.to_rfc3339(), "ends_at": (start + chrono::Duration::hours(2)).to_rfc3339(),
        "online": "https://meet.example/werkstatt", "capacity": 100, "registration": "public"
    }))
    .unwrap();
    let organise = app.events(&App::operator());
    let id = organise.create_event(&event).await.unwrap();
    for (i, g) in guests.iter().enumerate() {
        organise
            .register(
                id,
                &knotenpunkt_app::domain::RegistrationRequest {
                    name: Some(format!("Gast {i}")),
                    email: Some(g.parse().unwrap()),
                    answer: None,
                },
            )
            .await
            .unwrap();
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn two_servers_and_a_remind_command_send_each_reminder_once() {
    let sink = knotenpunkt_mail::testing::SmtpSink::start().unwrap();
    for db in TestDb::all().await.unwrap() {
        let app = App::new(db.store.clone());
        load_demo(&app).await.unwrap().unwrap();
        let backend = format!("{:?}", db.store.backend()).to_lowercase();
        let guests: Vec<String> = (0..30)
            .map(|i| format!("gast{i}.{backend}@processes.example"))
            .collect();
        event_tomorrow(&app, &guests).await;

        let url = sink.url();
        let mail = [
            "--smtp-url",
            url.as_str(),
            "--public-url",
            "https://kp.test",
        ];
        let every_second = ["--reminder-interval", "1"];
        let _a = Server::start_serving(&db.url, &mail, &every_second);
        let _b = Server::start_serving(&db.url, &mail, &every_second);
        let third = Command::new(env!("CARGO_BIN_EXE_knotenpunkt"))
            .args(["--database-url", &db.url])
            .args(mail)
            .arg("remind")
            .output()
            .unwrap();
        assert!(
            third.status.success(),
            "{}",
            String::from_utf8_lossy(&third.stderr)
        );

        let ours = |m: &knotenpunkt_mail::testing::Received| {
            m.subject.contains("Zwei Prozesse")
                && m.to
                    .iter()
                    .any(|t| t.ends_with(&format!(".{backend}@processes.example")))
        };
        let deadline = Instant::now() + Duration::from_secs(30);
        while sink.messages().iter().filter(|m| ours(m)).count() < guests.len() {
            assert!(Instant::now() < deadline, "not every guest was reminded");
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
        // Several more passes of both servers: nothing is sent again.
        tokio::time::sleep(Duration::from_secs(3)).await;
        let got: Vec<_> = sink.messages().into_iter().filter(|m| ours(m)).collect();
        assert_eq!(got.len(), guests.len(), "a reminder went twice");
        for g in &guests {
            assert_eq!(
                got.iter().filter(|m| m.to.iter().any(|t| t == g)).count(),
                1,
                "{g}"
            );
        }
        assert!(got.iter().all(|m| {
            m.list_unsubscribe
                .starts_with("<https://kp.test/erinnerungen/abbestellen/")
        }));
    }
}
