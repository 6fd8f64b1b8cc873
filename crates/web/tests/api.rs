//! The JSON API over real HTTP, against every backend: the server runs on an
//! ephemeral port, the client is reqwest, the database is a fresh SQLite file
//! and (when KNOTENPUNKT_TEST_DATABASE_URL is set) a fresh PostgreSQL database.

// Test code: a failed unwrap is a failed test, which is what it should be.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::collections::BTreeSet;
use std::sync::{Arc, Mutex};

use knotenpunkt_app::{App, load_demo};
use knotenpunkt_store::testing::TestDb;
use knotenpunkt_web::{AppState, WebConfig};
use reqwest::{Client, Method, StatusCode};
use serde_json::{Value, json};

struct Server {
    base: String,
    client: Client,
    /// Every (method, route template) called, to compare with the OpenAPI document.
    seen: Arc<Mutex<BTreeSet<(String, String)>>>,
    /// A platform admin's write token.
    token: String,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    _db: TestDb,
}

impl Server {
    async fn start(db: TestDb) -> Server {
        let dir = App::new(db.store.clone()).directory(&App::operator());
        load_demo(dir.app()).await.unwrap();
        let token = knotenpunkt_app::testing::admin_token(&dir).await.unwrap();
        let state = AppState::new(dir.app().clone(), WebConfig::default());
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let base = format!("http://{}", listener.local_addr().unwrap());
        let (tx, rx) = tokio::sync::oneshot::channel::<()>();
        tokio::spawn(knotenpunkt_web::serve(listener, state, async {
            let _ = rx.await;
        }));
        Server {
            base,
            client: Client::new(),
            seen: Arc::default(),
            token,
            stop: Some(tx),
            _db: db,
        }
    }

    /// Calls `path` (concrete) recorded under `route` (template).
    async fn call(
        &self,
        method: Method,
        route: &str,
        path: &str,
        body: Option<Value>,
        token: Option<&str>,
    ) -> (StatusCode, Value) {
        self.seen
            .lock()
            .unwrap()
            .insert((method.as_str().to_lowercase(), route.to_owned()));
        let mut req = self.client.request(method, format!("{}{path}", self.base));
        if let Some(b) = body {
            req = req.json(&b);
        }
        if let Some(t) = token {
            req = req.bearer_auth(t);
        }
        let res = req.send().await.unwrap();
        let status = res.status();
        let is_problem = res
            .headers()
            .get("content-type")
            .is_some_and(|v| v.to_str().unwrap().starts_with("application/problem+json"));
        let text = res.text().await.unwrap();
        let value = if text.is_empty() {
            Value::Null
        } else {
            serde_json::from_str(&text).unwrap()
        };
        if status.is_client_error() || status.is_server_error() {
            assert!(is_problem, "{status} must be problem+json: {text}");
            assert_eq!(value["status"], status.as_u16(), "{text}");
        }
        (status, value)
    }

    async fn get(&self, route: &str, path: &str) -> (StatusCode, Value) {
        self.call(Method::GET, route, path, None, None).await
    }

    /// A read with the admin's token, for what only members see.
    async fn signed_get(&self, route: &str, path: &str) -> (StatusCode, Value) {
        self.call(Method::GET, route, path, None, Some(&self.token))
            .await
    }

    async fn delete(&self, route: &str, path: &str) -> (StatusCode, Value) {
        self.call(Method::DELETE, route, path, None, Some(&self.token))
            .await
    }

    /// Posts a raw body, for bodies the JSON helpers cannot produce.
    async fn post_raw(&self, content_type: Option<&str>, body: String) -> StatusCode {
        let mut req = self
            .client
            .post(format!("{}/api/v1/organizations", self.base))
            .bearer_auth(&self.token)
            .body(body);
        if let Some(ct) = content_type {
            req = req.header("content-type", ct);
        }
        req.send().await.unwrap().status()
    }

    async fn write(
        &self,
        method: Method,
        route: &str,
        path: &str,
        body: Value,
    ) -> (StatusCode, Value) {
        self.call(method, route, path, Some(body), Some(&self.token))
            .await
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        if let Some(tx) = self.stop.take() {
            let _ = tx.send(());
        }
    }
}

fn field(problem: &Value) -> &str {
    problem["errors"][0]["field"].as_str().unwrap_or("")
}

async fn exercise(s: &Server) {
    const ORGS: &str = "/organizations";
    const ORG: &str = "/organizations/{slug}";
    // --- reads --------------------------------------------------------
    let (st, all) = s.get(ORGS, "/api/v1/organizations?limit=500").await;
    assert_eq!(st, StatusCode::OK);
    assert_eq!(all["total"], 110);
    let (_, rp) = s
        .get(ORGS, "/api/v1/organizations?state=RP&limit=500")
        .await;
    assert!(
        rp["items"]
            .as_array()
            .unwrap()
            .iter()
            .all(|o| o["states"].as_array().unwrap().contains(&json!("RP")))
    );
    assert!(rp["total"].as_u64().unwrap() >= 14);
    let (_, counties) = s
        .get(ORGS, "/api/v1/organizations?kind=county&state=BY")
        .await;
    let names: Vec<&str> = counties["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["name"].as_str().unwrap())
        .collect();
    assert!(names.contains(&"Landkreis Hof"), "{names:?}");
    let (_, paged) = s.get(ORGS, "/api/v1/organizations?limit=2&offset=2").await;
    assert_eq!(paged["items"].as_array().unwrap().len(), 2);
    assert_eq!(paged["items"][0]["slug"], all["items"][2]["slug"]);
    let (_, q) = s.get(ORGS, "/api/v1/organizations?q=lautern").await;
    assert_eq!(q["items"][0]["slug"], "kaiserslautern");
    let (_, ikone) = s
        .get(ORGS, "/api/v1/organizations?network=ikone-ds&limit=100")
        .await;
    assert_eq!(ikone["total"], 12);
    let (st, p) = s.get(ORGS, "/api/v1/organizations?limit=0").await;
    assert_eq!((st, field(&p)), (StatusCode::BAD_REQUEST, "limit"));
    let (st, p) = s.get(ORGS, "/api/v1/organizations?kind=village").await;
    assert_eq!((st, field(&p)), (StatusCode::BAD_REQUEST, "kind"));
    let (st, _) = s.get(ORGS, "/api/v1/organizations?limit=many").await;
    assert_eq!(st, StatusCode::BAD_REQUEST);
    let (st, kl) = s.get(ORG, "/api/v1/organizations/kaiserslautern").await;
    assert_eq!(
        (st, kl["kind"].as_str()),
        (StatusCode::OK, Some("municipality"))
    );
    let (st, _) = s.get(ORG, "/api/v1/organizations/nirgendwo").await;
    assert_eq!(st, StatusCode::NOT_FOUND);
    let (st, _) = s.get(ORG, "/api/v1/organizations/NOT%20A%20SLUG").await;
    assert_eq!(st, StatusCode::NOT_FOUND);

    // --- authorisation ------------------------------------------------
    let musterstadt = json!({"slug": "musterstadt", "name": "Musterstadt", "kind": "municipality", "states": ["RP"], "ags": "07399999", "source": "fiktiv"});
    let (st, _) = s
        .call(
            Method::POST,
            ORGS,
            "/api/v1/organizations",
            Some(musterstadt.clone()),
            None,
        )
        .await;
    assert_eq!(st, StatusCode::UNAUTHORIZED);
    let (st, _) = s
        .call(
            Method::POST,
            ORGS,
            "/api/v1/organizations",
            Some(musterstadt.clone()),
            Some("wrong"),
        )
        .await;
    assert_eq!(st, StatusCode::UNAUTHORIZED);

    // --- organisations --------------------------------------------------
    // The page cache must not hide a write: look first, write, look again.
    let page = |s: &Server| {
        let url = format!("{}/organisationen?q=Musterstadt", s.base);
        let client = s.client.clone();
        async move { client.get(url).send().await.unwrap().text().await.unwrap() }
    };
    assert!(!page(s).await.contains("/organisationen/musterstadt\""));
    let (st, created) = s
        .write(
            Method::POST,
            ORGS,
            "/api/v1/organizations",
            musterstadt.clone(),
        )
        .await;
    assert_eq!(st, StatusCode::CREATED, "{created}");
    assert!(
        page(s).await.contains("/organisationen/musterstadt\""),
        "cache invalidated by the write"
    );
    let (st, p) = s
        .write(
            Method::POST,
            ORGS,
            "/api/v1/organizations",
            musterstadt.clone(),
        )
        .await;
    assert_eq!((st, field(&p)), (StatusCode::CONFLICT, "slug"));
    let mut bad = musterstadt.clone();
    bad["slug"] = json!("beispielhausen");
    bad["ags"] = json!("0739999");
    let (st, p) = s
        .write(Method::POST, ORGS, "/api/v1/organizations", bad.clone())
        .await;
    assert_eq!(
        (st, field(&p)),
        (StatusCode::UNPROCESSABLE_ENTITY, "ags"),
        "{p}"
    );
    bad["ags"] = json!("08111000");
    let (st, p) = s
        .write(Method::POST, ORGS, "/api/v1/organizations", bad.clone())
        .await;
    assert_eq!(
        (st, field(&p)),
        (StatusCode::UNPROCESSABLE_ENTITY, "ags"),
        "state mismatch: {p}"
    );
    bad["ags"] = Value::Null;
    bad["states"] = json!(["ZZ"]);
    let (st, p) = s
        .write(Method::POST, ORGS, "/api/v1/organizations", bad.clone())
        .await;
    assert_eq!(
        (st, field(&p)),
        (StatusCode::UNPROCESSABLE_ENTITY, "states[0]"),
        "{p}"
    );
    assert_eq!(
        s.post_raw(Some("application/json"), "{\"slug\": ".into())
            .await,
        StatusCode::BAD_REQUEST
    );
    assert_eq!(
        s.post_raw(None, "slug=x".into()).await,
        StatusCode::UNSUPPORTED_MEDIA_TYPE
    );
    let huge = "x".repeat(2 * 1024 * 1024);
    assert_eq!(
        s.post_raw(
            Some("application/json"),
            format!("{{\"name\": \"{huge}\"}}")
        )
        .await,
        StatusCode::PAYLOAD_TOO_LARGE
    );
    let mut renamed = musterstadt.clone();
    renamed["population"] = json!(12345);
    let (st, _) = s
        .write(
            Method::PUT,
            ORG,
            "/api/v1/organizations/musterstadt",
            renamed,
        )
        .await;
    assert_eq!(st, StatusCode::OK);
    let (_, got) = s.get(ORG, "/api/v1/organizations/musterstadt").await;
    assert_eq!(got["population"], 12345);
    let (st, _) = s
        .write(
            Method::PUT,
            ORG,
            "/api/v1/organizations/nirgendwo",
            musterstadt.clone(),
        )
        .await;
    assert_eq!(st, StatusCode::NOT_FOUND);
    let (st, _) = s.delete(ORG, "/api/v1/organizations/kaiserslautern").await;
    assert_eq!(st, StatusCode::CONFLICT, "in use by memberships");

    // --- networks -------------------------------------------------------
    const NETS: &str = "/networks";
    const NET: &str = "/networks/{slug}";
    let (_, nets) = s.get(NETS, "/api/v1/networks").await;
    assert_eq!(
        nets["total"], 3,
        "the two of the sources and the sample network"
    );
    let (_, ik) = s.get(NET, "/api/v1/networks/ikone-ds").await;
    assert_eq!(ik["coordinator"], "kaiserslautern");
    let net = json!({"slug": "musternetz", "name": "Musternetz", "description": "Fiktives Netzwerk", "coordinator": "musterstadt", "founded_on": "2024-03",
        "figures": [{"on": "2025", "members": 3, "source": "fiktiv"}]});
    let (st, created) = s
        .write(Method::POST, NETS, "/api/v1/networks", net.clone())
        .await;
    assert_eq!(st, StatusCode::CREATED, "{created}");
    let mut bad_net = net.clone();
    bad_net["slug"] = json!("zweitnetz");
    bad_net["coordinator"] = json!("nirgendwo");
    let (st, p) = s
        .write(Method::POST, NETS, "/api/v1/networks", bad_net)
        .await;
    assert_eq!(
        (st, field(&p)),
        (StatusCode::UNPROCESSABLE_ENTITY, "coordinator"),
        "{p}"
    );
    let mut net2 = net.clone();
    net2["description"] = json!("Geändert");
    let (st, _) = s
        .write(Method::PUT, NET, "/api/v1/networks/musternetz", net2)
        .await;
    assert_eq!(st, StatusCode::OK);

    // --- cohorts --------------------------------------------------------
    const COHORTS: &str = "/networks/{network}/cohorts";
    const COHORT: &str = "/networks/{network}/cohorts/{slug}";
    let (_, cs) = s
        .get(
            COHORTS,
            "/api/v1/networks/modellprojekte-smart-cities/cohorts",
        )
        .await;
    assert_eq!(cs["total"], 3);
    let cohort =
        json!({"network": "musternetz", "slug": "runde-1", "name": "Runde 1", "year": 2024});
    let (st, _) = s
        .write(
            Method::POST,
            COHORTS,
            "/api/v1/networks/musternetz/cohorts",
            cohort.clone(),
        )
        .await;
    assert_eq!(st, StatusCode::CREATED);
    let (st, p) = s
        .write(
            Method::POST,
            COHORTS,
            "/api/v1/networks/ikone-ds/cohorts",
            cohort.clone(),
        )
        .await;
    assert_eq!(
        (st, field(&p)),
        (StatusCode::UNPROCESSABLE_ENTITY, "network")
    );
    let (st, c) = s
        .get(COHORT, "/api/v1/networks/musternetz/cohorts/runde-1")
        .await;
    assert_eq!((st, c["year"].as_i64()), (StatusCode::OK, Some(2024)));
    let mut cohort2 = cohort.clone();
    cohort2["motto"] = json!("Gemeinsam");
    let (st, _) = s
        .write(
            Method::PUT,
            COHORT,
            "/api/v1/networks/musternetz/cohorts/runde-1",
            cohort2,
        )
        .await;
    assert_eq!(st, StatusCode::OK);

    // --- funding calls --------------------------------------------------
    const CALLS: &str = "/networks/{network}/funding-calls";
    const CALL: &str = "/networks/{network}/funding-calls/{slug}";
    let call = json!({"network": "musternetz", "slug": "aufruf-2030", "funder": "Musterministerium",
        "programme": "Musterprogramm", "title": "Gemeinsam digital", "link": "https://example.org/aufruf",
        "deadline": "2030-03-31", "states": ["RP", "SL"], "kinds": ["municipality"], "topics": ["administration"]});
    let (st, created) = s
        .write(
            Method::POST,
            CALLS,
            "/api/v1/networks/musternetz/funding-calls",
            call.clone(),
        )
        .await;
    assert_eq!(st, StatusCode::CREATED, "{created}");
    assert_eq!(created, call);
    let mut past = call.clone();
    past["slug"] = json!("aufruf-2020");
    past["deadline"] = json!("2020-01-31");
    let (st, _) = s
        .write(
            Method::POST,
            CALLS,
            "/api/v1/networks/musternetz/funding-calls",
            past,
        )
        .await;
    assert_eq!(st, StatusCode::CREATED);
    let (st, p) = s
        .write(
            Method::POST,
            CALLS,
            "/api/v1/networks/musternetz/funding-calls",
            call.clone(),
        )
        .await;
    assert_eq!((st, field(&p)), (StatusCode::CONFLICT, "slug"), "{p}");
    let mut bad = call.clone();
    bad["slug"] = json!("kaputt");
    bad["link"] = json!("example.org");
    let (st, p) = s
        .write(
            Method::POST,
            CALLS,
            "/api/v1/networks/musternetz/funding-calls",
            bad,
        )
        .await;
    assert_eq!(
        (st, field(&p)),
        (StatusCode::UNPROCESSABLE_ENTITY, "link"),
        "{p}"
    );
    let mut bad = call.clone();
    bad["states"] = json!(["XX"]);
    let (st, _) = s
        .write(
            Method::POST,
            CALLS,
            "/api/v1/networks/musternetz/funding-calls",
            bad,
        )
        .await;
    assert_eq!(st, StatusCode::UNPROCESSABLE_ENTITY);
    // Open calls only, unless the past is asked for; the earliest first.
    let (_, open) = s
        .get(CALLS, "/api/v1/networks/musternetz/funding-calls")
        .await;
    assert_eq!(
        (open["total"].as_i64(), open["items"][0]["slug"].as_str()),
        (Some(1), Some("aufruf-2030"))
    );
    let (_, all) = s
        .get(CALLS, "/api/v1/networks/musternetz/funding-calls?past=true")
        .await;
    assert_eq!(
        (all["total"].as_i64(), all["items"][0]["slug"].as_str()),
        (Some(2), Some("aufruf-2020"))
    );
    let (st, _) = s
        .get(
            CALLS,
            "/api/v1/networks/musternetz/funding-calls?past=vielleicht",
        )
        .await;
    assert_eq!(st, StatusCode::BAD_REQUEST);
    let (st, _) = s
        .get(CALLS, "/api/v1/networks/nirgendwo/funding-calls")
        .await;
    assert_eq!(st, StatusCode::NOT_FOUND);
    let mut changed = call.clone();
    changed["deadline"] = json!("2030-04-30");
    let (st, _) = s
        .write(
            Method::PUT,
            CALL,
            "/api/v1/networks/musternetz/funding-calls/aufruf-2030",
            changed,
        )
        .await;
    assert_eq!(st, StatusCode::OK);
    let (st, got) = s
        .get(
            CALL,
            "/api/v1/networks/musternetz/funding-calls/aufruf-2030",
        )
        .await;
    assert_eq!(
        (st, got["deadline"].as_str()),
        (StatusCode::OK, Some("2030-04-30"))
    );
    let (st, _) = s
        .delete(
            CALL,
            "/api/v1/networks/musternetz/funding-calls/aufruf-2020",
        )
        .await;
    assert_eq!(st, StatusCode::NO_CONTENT);
    let (st, _) = s
        .get(
            CALL,
            "/api/v1/networks/musternetz/funding-calls/aufruf-2020",
        )
        .await;
    assert_eq!(st, StatusCode::NOT_FOUND);

    // --- joint applications and their tasks ----------------------------
    const APPS: &str = "/networks/{network}/applications";
    const APP: &str = "/networks/{network}/applications/{slug}";
    const TASKS: &str = "/networks/{network}/applications/{slug}/tasks";
    const TASK: &str = "/networks/{network}/applications/{slug}/tasks/{task}";
    let application = json!({"network": "musternetz", "slug": "plattform", "title": "Gemeinsame Plattform",
        "lead": "musterstadt", "partners": ["kaiserslautern"], "call": "aufruf-2030",
        "status": "preparing", "status_on": "2024-05-02"});
    let (st, created) = s
        .write(
            Method::POST,
            APPS,
            "/api/v1/networks/musternetz/applications",
            application.clone(),
        )
        .await;
    assert_eq!(st, StatusCode::CREATED, "{created}");
    assert_eq!(
        (
            created["application"]["visibility"].as_str(),
            created["history"][0]["on"].as_str()
        ),
        (Some("network"), Some("2024-05-02"))
    );
    let mut bad = application.clone();
    bad["slug"] = json!("kaputt");
    bad["status"] = json!("vielleicht");
    let (st, _) = s
        .write(
            Method::POST,
            APPS,
            "/api/v1/networks/musternetz/applications",
            bad,
        )
        .await;
    assert_eq!(st, StatusCode::UNPROCESSABLE_ENTITY);
    let mut bad = application.clone();
    bad["slug"] = json!("kaputt");
    bad["call"] = json!("kein-aufruf");
    let (st, p) = s
        .write(
            Method::POST,
            APPS,
            "/api/v1/networks/musternetz/applications",
            bad,
        )
        .await;
    assert_eq!(
        (st, field(&p)),
        (StatusCode::UNPROCESSABLE_ENTITY, "call"),
        "{p}"
    );
    let (st, t) = s
        .write(
            Method::POST,
            TASKS,
            "/api/v1/networks/musternetz/applications/plattform/tasks",
            json!({"organization": "kaiserslautern", "title": "Letter of Intent", "due": "2030-01-15"}),
        )
        .await;
    assert_eq!(
        (st, t["done"].as_bool()),
        (StatusCode::CREATED, Some(false)),
        "{t}"
    );
    let task = t["id"].as_i64().unwrap();
    let (st, p) = s
        .write(
            Method::POST,
            TASKS,
            "/api/v1/networks/musternetz/applications/plattform/tasks",
            json!({"organization": "trier", "title": "Mitmachen"}),
        )
        .await;
    assert_eq!(
        (st, field(&p)),
        (StatusCode::UNPROCESSABLE_ENTITY, "organization"),
        "{p}"
    );
    let (st, _) = s
        .write(
            Method::PUT,
            TASK,
            &format!("/api/v1/networks/musternetz/applications/plattform/tasks/{task}"),
            json!({"organization": "kaiserslautern", "title": "Letter of Intent", "due": "2030-01-15", "done": true}),
        )
        .await;
    assert_eq!(st, StatusCode::OK);
    let mut submitted = application.clone();
    submitted["status"] = json!("submitted");
    submitted["status_on"] = json!("2024-06-01");
    let (st, got) = s
        .write(
            Method::PUT,
            APP,
            "/api/v1/networks/musternetz/applications/plattform",
            submitted.clone(),
        )
        .await;
    assert_eq!(st, StatusCode::OK, "{got}");
    assert_eq!(got["history"].as_array().map(Vec::len), Some(2));
    submitted["status"] = json!("idea");
    let (st, p) = s
        .write(
            Method::PUT,
            APP,
            "/api/v1/networks/musternetz/applications/plattform",
            submitted,
        )
        .await;
    assert_eq!(
        (st, field(&p)),
        (StatusCode::UNPROCESSABLE_ENTITY, "status"),
        "{p}"
    );
    // Network-only: the admin reads it, an anonymous caller does not.
    let (st, list) = s
        .signed_get(APPS, "/api/v1/networks/musternetz/applications")
        .await;
    assert_eq!(
        (
            st,
            list["total"].as_i64(),
            list["items"][0]["application"]["status"].as_str()
        ),
        (StatusCode::OK, Some(1), Some("submitted"))
    );
    let (st, list) = s
        .get(APPS, "/api/v1/networks/musternetz/applications")
        .await;
    assert_eq!((st, list["total"].as_i64()), (StatusCode::OK, Some(0)));
    let (st, got) = s
        .signed_get(APP, "/api/v1/networks/musternetz/applications/plattform")
        .await;
    assert_eq!(
        (st, got["tasks"][0]["done"].as_bool()),
        (StatusCode::OK, Some(true))
    );
    let (st, _) = s
        .get(APP, "/api/v1/networks/musternetz/applications/plattform")
        .await;
    assert_eq!(st, StatusCode::NOT_FOUND);
    let (st, _) = s
        .delete(
            TASK,
            &format!("/api/v1/networks/musternetz/applications/plattform/tasks/{task}"),
        )
        .await;
    assert_eq!(st, StatusCode::NO_CONTENT);
    let (st, _) = s
        .delete(
            TASK,
            &format!("/api/v1/networks/musternetz/applications/plattform/tasks/{task}"),
        )
        .await;
    assert_eq!(st, StatusCode::NOT_FOUND);
    let (st, _) = s
        .delete(APP, "/api/v1/networks/musternetz/applications/plattform")
        .await;
    assert_eq!(st, StatusCode::NO_CONTENT);
    let (st, _) = s
        .signed_get(APP, "/api/v1/networks/musternetz/applications/plattform")
        .await;
    assert_eq!(st, StatusCode::NOT_FOUND);

    // --- events, seats and the waiting list ----------------------------
    const EVENTS: &str = "/networks/{network}/events";
    const EVENT: &str = "/events/{id}";
    const CLOSED: &str = "/events/{id}/closed";
    const REGS: &str = "/events/{id}/registrations";
    const REG: &str = "/events/{id}/registrations/{registration}";
    let event = json!({"network": "musternetz", "title": "Workshop", "kind": "workshop",
        "starts_at": "2030-03-04T09:30:00+01:00", "ends_at": "2030-03-04T16:00:00+01:00",
        "capacity": 1, "registration": "public"});
    let (st, made) = s
        .write(
            Method::POST,
            EVENTS,
            "/api/v1/networks/musternetz/events",
            event.clone(),
        )
        .await;
    assert_eq!(st, StatusCode::CREATED, "{made}");
    let id = made["id"].as_i64().unwrap();
    let mut bad = event.clone();
    bad["capacity"] = json!(0);
    bad["ends_at"] = json!("2030-03-04T08:00:00+01:00");
    let (st, p) = s
        .write(
            Method::POST,
            EVENTS,
            "/api/v1/networks/musternetz/events",
            bad,
        )
        .await;
    assert_eq!(
        (st, field(&p)),
        (StatusCode::UNPROCESSABLE_ENTITY, "ends_at"),
        "{p}"
    );
    let mut bad = event.clone();
    bad["starts_at"] = json!("morgen früh");
    let (st, _) = s
        .write(
            Method::POST,
            EVENTS,
            "/api/v1/networks/musternetz/events",
            bad,
        )
        .await;
    assert_eq!(st, StatusCode::UNPROCESSABLE_ENTITY);
    // An event may come from a cooperation: its page names it, and the
    // partners' pages list it; a cooperation that does not exist is named.
    let (_, ks) = s
        .get("/cooperations", "/api/v1/cooperations?organization=dfki")
        .await;
    let kid = ks["items"][0]["id"].as_i64().unwrap();
    let kname = ks["items"][0]["name"].as_str().unwrap().to_owned();
    let partner = ks["items"][0]["partners"][0].as_str().unwrap().to_owned();
    let mut of_coop = event.clone();
    of_coop["title"] = json!("Werkstatt der Kooperation");
    of_coop["cooperation"] = json!(kid);
    let (st, made_k) = s
        .write(
            Method::POST,
            EVENTS,
            "/api/v1/networks/musternetz/events",
            of_coop.clone(),
        )
        .await;
    assert_eq!(st, StatusCode::CREATED, "{made_k}");
    let kev = made_k["id"].as_i64().unwrap();
    let (_, got) = s.get(EVENT, &format!("/api/v1/events/{kev}")).await;
    assert_eq!(got["event"]["cooperation"], kid, "{got}");
    assert_eq!(got["from_cooperation"]["name"], kname.as_str(), "{got}");
    let org = reqwest::get(format!("{}/organisationen/{partner}", s.base))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        org.contains("Werkstatt der Kooperation"),
        "the partner's page lists it"
    );
    let page = reqwest::get(format!("{}/veranstaltungen/{kev}", s.base))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        page.contains("Aus der Kooperation") && page.contains(&kname),
        "{page}"
    );
    of_coop["cooperation"] = json!(999_999);
    let (st, p) = s
        .write(
            Method::POST,
            EVENTS,
            "/api/v1/networks/musternetz/events",
            of_coop,
        )
        .await;
    assert_eq!(
        (st, field(&p)),
        (StatusCode::UNPROCESSABLE_ENTITY, "cooperation"),
        "{p}"
    );
    let (st, _) = s.delete(EVENT, &format!("/api/v1/events/{kev}")).await;
    assert_eq!(st, StatusCode::NO_CONTENT);
    // The caller takes the only seat; a guest of the organiser waits.
    let (st, me) = s
        .write(
            Method::POST,
            REGS,
            &format!("/api/v1/events/{id}/registrations"),
            json!({}),
        )
        .await;
    assert_eq!(
        (st, me["status"].as_str()),
        (StatusCode::CREATED, Some("seated")),
        "{me}"
    );
    let (st, other) = s
        .write(
            Method::POST,
            REGS,
            &format!("/api/v1/events/{id}/registrations"),
            json!({"name": "Ina Gast", "email": "ina@example.org"}),
        )
        .await;
    assert_eq!(
        (st, other["status"].as_str(), other["position"].as_i64()),
        (StatusCode::CREATED, Some("waiting"), Some(1)),
        "{other}"
    );
    let (st, p) = s
        .write(
            Method::POST,
            REGS,
            &format!("/api/v1/events/{id}/registrations"),
            json!({"name": "Ina Gast", "email": "ina@example.org"}),
        )
        .await;
    assert_eq!((st, field(&p)), (StatusCode::CONFLICT, "email"), "{p}");
    let (st, p) = s
        .write(
            Method::POST,
            REGS,
            &format!("/api/v1/events/{id}/registrations"),
            json!({"name": "Ohne Adresse"}),
        )
        .await;
    assert_eq!(
        (st, field(&p)),
        (StatusCode::UNPROCESSABLE_ENTITY, "email"),
        "{p}"
    );
    // Numbers for everyone; the registrations for the organiser.
    let (st, open) = s.get(EVENT, &format!("/api/v1/events/{id}")).await;
    assert_eq!(
        (
            st,
            open["seated"].as_i64(),
            open["waiting"].as_i64(),
            open.get("registrations").is_none()
        ),
        (StatusCode::OK, Some(1), Some(1), true)
    );
    let (_, full) = s.signed_get(EVENT, &format!("/api/v1/events/{id}")).await;
    assert_eq!(full["registrations"].as_array().map(Vec::len), Some(2));
    // Cancelling the seat moves the guest up.
    let (st, _) = s
        .delete(
            REG,
            &format!("/api/v1/events/{id}/registrations/{}", me["id"]),
        )
        .await;
    assert_eq!(st, StatusCode::NO_CONTENT);
    let (_, after) = s.get(EVENT, &format!("/api/v1/events/{id}")).await;
    assert_eq!(
        (after["seated"].as_i64(), after["waiting"].as_i64()),
        (Some(1), Some(0))
    );
    let (st, _) = s
        .delete(REG, &format!("/api/v1/events/{id}/registrations/999999"))
        .await;
    assert_eq!(st, StatusCode::NOT_FOUND);
    let (st, c) = s
        .write(
            Method::PUT,
            CLOSED,
            &format!("/api/v1/events/{id}/closed"),
            json!({"closed": true}),
        )
        .await;
    assert_eq!((st, c["closed"].as_bool()), (StatusCode::OK, Some(true)));
    let (st, p) = s
        .write(
            Method::POST,
            REGS,
            &format!("/api/v1/events/{id}/registrations"),
            json!({}),
        )
        .await;
    assert_eq!(
        (st, field(&p)),
        (StatusCode::CONFLICT, "registration"),
        "{p}"
    );
    let mut more = event.clone();
    more["capacity"] = json!(30);
    let (st, changed) = s
        .write(Method::PUT, EVENT, &format!("/api/v1/events/{id}"), more)
        .await;
    assert_eq!(
        (st, changed["event"]["capacity"].as_i64()),
        (StatusCode::OK, Some(30))
    );
    let (st, list) = s.get(EVENTS, "/api/v1/networks/musternetz/events").await;
    assert_eq!((st, list["total"].as_i64()), (StatusCode::OK, Some(1)));
    let (st, _) = s.delete(EVENT, &format!("/api/v1/events/{id}")).await;
    assert_eq!(st, StatusCode::NO_CONTENT);
    let (st, _) = s.get(EVENT, &format!("/api/v1/events/{id}")).await;
    assert_eq!(st, StatusCode::NOT_FOUND);

    // --- memberships ----------------------------------------------------
    const MEMS: &str = "/memberships";
    const MEM: &str = "/memberships/{id}";
    let (_, ms) = s
        .get(
            MEMS,
            "/api/v1/memberships?network=modellprojekte-smart-cities&cohort=staffel-1&limit=100",
        )
        .await;
    assert_eq!(ms["total"], 13);
    let (_, coord) = s
        .get(
            MEMS,
            "/api/v1/memberships?role=coordinator&network=ikone-ds",
        )
        .await;
    assert_eq!(coord["items"][0]["organization"], "kaiserslautern");
    let m = json!({"organization": "musterstadt", "network": "musternetz", "cohort": "runde-1", "role": "member", "joined_on": "2024-03-01"});
    let (st, created) = s
        .write(Method::POST, MEMS, "/api/v1/memberships", m.clone())
        .await;
    assert_eq!(st, StatusCode::CREATED, "{created}");
    let id = created["id"].as_i64().unwrap();
    let mut bad_m = m.clone();
    bad_m["left_on"] = json!("2023");
    let (st, p) = s
        .write(Method::POST, MEMS, "/api/v1/memberships", bad_m)
        .await;
    assert_eq!(
        (st, field(&p)),
        (StatusCode::UNPROCESSABLE_ENTITY, "left_on"),
        "{p}"
    );
    let mut bad_m = m.clone();
    bad_m["organization"] = json!("nirgendwo");
    let (st, p) = s
        .write(Method::POST, MEMS, "/api/v1/memberships", bad_m)
        .await;
    assert_eq!(
        (st, field(&p)),
        (StatusCode::UNPROCESSABLE_ENTITY, "organization")
    );
    let (st, got) = s.get(MEM, &format!("/api/v1/memberships/{id}")).await;
    assert_eq!(
        (st, got["cohort"].as_str()),
        (StatusCode::OK, Some("runde-1"))
    );
    let mut left = m.clone();
    left["left_on"] = json!("2025-12");
    let (st, _) = s
        .write(Method::PUT, MEM, &format!("/api/v1/memberships/{id}"), left)
        .await;
    assert_eq!(st, StatusCode::OK);
    let (st, _) = s.get(MEM, "/api/v1/memberships/abc").await;
    assert_eq!(st, StatusCode::NOT_FOUND);

    // Cohort in use cannot go; the membership can, then the cohort.
    let (st, _) = s
        .delete(COHORT, "/api/v1/networks/musternetz/cohorts/runde-1")
        .await;
    assert_eq!(st, StatusCode::CONFLICT);
    let (st, _) = s.delete(MEM, &format!("/api/v1/memberships/{id}")).await;
    assert_eq!(st, StatusCode::NO_CONTENT);
    let (st, _) = s
        .delete(COHORT, "/api/v1/networks/musternetz/cohorts/runde-1")
        .await;
    assert_eq!(st, StatusCode::NO_CONTENT);

    // --- cooperations ---------------------------------------------------
    const COOPS: &str = "/cooperations";
    const COOP: &str = "/cooperations/{id}";
    let (_, ks) = s.get(COOPS, "/api/v1/cooperations?organization=dfki").await;
    assert_eq!(ks["total"], 2);
    let k = json!({"name": "Musterkooperation", "partners": ["musterstadt", "kaiserslautern"], "topic": "Beispiel", "since": "2025"});
    let (st, created) = s
        .write(Method::POST, COOPS, "/api/v1/cooperations", k.clone())
        .await;
    assert_eq!(st, StatusCode::CREATED);
    let kid = created["id"].as_i64().unwrap();
    let (st, p) = s
        .write(
            Method::POST,
            COOPS,
            "/api/v1/cooperations",
            json!({"name": "Solo", "partners": ["musterstadt"], "topic": ""}),
        )
        .await;
    assert_eq!(
        (st, field(&p)),
        (StatusCode::UNPROCESSABLE_ENTITY, "partners")
    );
    let mut k2 = k.clone();
    k2["cadence"] = json!("monatlich");
    let (st, _) = s
        .write(
            Method::PUT,
            COOP,
            &format!("/api/v1/cooperations/{kid}"),
            k2,
        )
        .await;
    assert_eq!(st, StatusCode::OK);
    let (_, got) = s.get(COOP, &format!("/api/v1/cooperations/{kid}")).await;
    assert_eq!(got["cadence"], "monatlich");
    let (st, _) = s.delete(COOP, &format!("/api/v1/cooperations/{kid}")).await;
    assert_eq!(st, StatusCode::NO_CONTENT);

    // --- meeting series -------------------------------------------------
    series_routes(s).await;
    lounge_routes(s).await;
    search_routes(s).await;
    knowledge_routes(s).await;

    // --- deletes that cascade --------------------------------------------
    let (st, _) = s.delete(NET, "/api/v1/networks/musternetz").await;
    assert_eq!(st, StatusCode::NO_CONTENT);
    let (st, _) = s.delete(ORG, "/api/v1/organizations/musterstadt").await;
    assert_eq!(st, StatusCode::NO_CONTENT);
    let (_, after) = s.get(ORGS, "/api/v1/organizations?limit=1").await;
    assert_eq!(after["total"], 110);

    let (st, _) = s.get("unrouted", "/api/v1/nothing-here").await;
    assert_eq!(st, StatusCode::NOT_FOUND);

    // Named groups: people by address; unknown addresses are named.
    const GROUPS: &str = "/networks/{network}/groups";
    const GROUP: &str = "/networks/{network}/groups/{group}";
    let (st, p) = s
        .write(
            Method::PUT,
            GROUP,
            "/api/v1/networks/ikone-ds/groups/ag-daten",
            json!({"slug": "ag-daten", "name": "AG Daten", "members": ["admin@test.example"]}),
        )
        .await;
    assert_eq!(st, StatusCode::OK, "{p}");
    let (st, p) = s
        .write(
            Method::PUT,
            GROUP,
            "/api/v1/networks/ikone-ds/groups/ag-daten",
            json!({"slug": "ag-daten", "name": "AG Daten", "members": ["niemand@test.example"]}),
        )
        .await;
    assert_eq!(
        (st, field(&p)),
        (StatusCode::UNPROCESSABLE_ENTITY, "members[0]")
    );
    let (st, groups) = s
        .call(
            Method::GET,
            GROUPS,
            "/api/v1/networks/ikone-ds/groups",
            None,
            Some(&s.token),
        )
        .await;
    assert_eq!(st, StatusCode::OK);
    assert_eq!(
        groups[0]["members"],
        json!(["admin@test.example"]),
        "{groups}"
    );
    let (st, _) = s.get(GROUPS, "/api/v1/networks/ikone-ds/groups").await;
    assert_eq!(st, StatusCode::UNAUTHORIZED, "groups are not public");

    // Working groups: the named group gains a purpose and a lead; the
    // admin leaves it, asks to join again, and is accepted.
    const WGS: &str = "/networks/{network}/working-groups";
    const WG: &str = "/networks/{network}/working-groups/{group}";
    const WG_MEMBERS: &str = "/networks/{network}/working-groups/{group}/members";
    const WG_REQUEST: &str = "/networks/{network}/working-groups/{group}/requests/{person}";
    let wg = "/api/v1/networks/ikone-ds/working-groups/ag-daten";
    let (st, p) = s
        .write(
            Method::PUT,
            WG,
            wg,
            json!({"slug": "ag-daten", "name": "AG Daten", "leads": ["atlantis"]}),
        )
        .await;
    assert_eq!(
        (st, field(&p)),
        (StatusCode::UNPROCESSABLE_ENTITY, "leads"),
        "{p}"
    );
    let (st, p) = s
        .write(
            Method::PUT,
            WG,
            wg,
            json!({"slug": "ag-daten", "name": "AG Daten", "purpose": "Offene Daten.", "leads": ["kaiserslautern"]}),
        )
        .await;
    assert_eq!(st, StatusCode::OK, "{p}");
    let (st, list) = s.get(WGS, "/api/v1/networks/ikone-ds/working-groups").await;
    assert_eq!(st, StatusCode::OK);
    assert_eq!(list[0]["group"]["slug"], "ag-daten", "{list}");
    assert_eq!(list[0]["group"]["leads"], json!(["kaiserslautern"]));
    assert_eq!(list[0]["standing"], "outside", "a visitor stands outside");
    let (st, _) = s
        .call(
            Method::DELETE,
            WG_MEMBERS,
            &format!("{wg}/members"),
            None,
            Some(&s.token),
        )
        .await;
    assert_eq!(st, StatusCode::NO_CONTENT);
    let (st, p) = s
        .call(
            Method::DELETE,
            WG_MEMBERS,
            &format!("{wg}/members"),
            None,
            Some(&s.token),
        )
        .await;
    assert_eq!(st, StatusCode::CONFLICT, "{p}");
    let (st, joined) = s
        .call(
            Method::POST,
            WG_MEMBERS,
            &format!("{wg}/members"),
            None,
            Some(&s.token),
        )
        .await;
    assert_eq!(st, StatusCode::CREATED, "{joined}");
    assert_eq!(joined["status"], "requested");
    let (st, page) = s.call(Method::GET, WG, wg, None, Some(&s.token)).await;
    assert_eq!(st, StatusCode::OK, "{page}");
    let me = page["requests"][0]["id"].as_i64().unwrap();
    let (st, p) = s
        .write(
            Method::PUT,
            WG_REQUEST,
            &format!("{wg}/requests/{me}"),
            json!({"accept": true}),
        )
        .await;
    assert_eq!(st, StatusCode::NO_CONTENT, "{p}");
    let (st, p) = s
        .write(
            Method::PUT,
            WG_REQUEST,
            &format!("{wg}/requests/{me}"),
            json!({"accept": true}),
        )
        .await;
    assert_eq!(st, StatusCode::CONFLICT, "{p}");
    let (_, page) = s.call(Method::GET, WG, wg, None, Some(&s.token)).await;
    assert_eq!(page["people"][0]["id"], me, "{page}");
    // A visitor reads the group, not who is in it.
    let (st, page) = s.get(WG, wg).await;
    assert_eq!(st, StatusCode::OK);
    assert!(page.get("people").is_none(), "{page}");

    // One's own reminder choices: every kind on until turned off; an
    // unknown kind is named.
    const REMINDERS: &str = "/me/reminders";
    let (st, got) = s
        .call(
            Method::GET,
            REMINDERS,
            "/api/v1/me/reminders",
            None,
            Some(&s.token),
        )
        .await;
    assert_eq!(st, StatusCode::OK, "{got}");
    assert_eq!(got.as_array().unwrap().len(), 4);
    assert!(
        got.as_array().unwrap().iter().all(|k| k["on"] == true),
        "{got}"
    );
    let (st, got) = s
        .write(
            Method::PUT,
            REMINDERS,
            "/api/v1/me/reminders",
            json!({"on": ["events"]}),
        )
        .await;
    assert_eq!(st, StatusCode::OK, "{got}");
    let on: Vec<&str> = got
        .as_array()
        .unwrap()
        .iter()
        .filter(|k| k["on"] == true)
        .map(|k| k["kind"].as_str().unwrap())
        .collect();
    assert_eq!(on, ["events"]);
    let (st, p) = s
        .write(
            Method::PUT,
            REMINDERS,
            "/api/v1/me/reminders",
            json!({"on": ["newsletter"]}),
        )
        .await;
    assert_eq!(st, StatusCode::UNPROCESSABLE_ENTITY, "{p}");
    assert!(field(&p).starts_with("on"), "{p}");
    let (st, _) = s.get(REMINDERS, "/api/v1/me/reminders").await;
    assert_eq!(st, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn every_route_on_every_backend() {
    for db in TestDb::all().await.unwrap() {
        let s = Server::start(db).await;
        exercise(&s).await;

        // The OpenAPI document describes exactly the routes exercised above.
        let doc: Value = s
            .client
            .get(format!("{}/api/openapi.json", s.base))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        assert!(doc["openapi"].as_str().unwrap().starts_with("3.1"));
        let mut documented = BTreeSet::new();
        for (path, item) in doc["paths"].as_object().unwrap() {
            for method in item.as_object().unwrap().keys() {
                if ["get", "post", "put", "delete", "patch"].contains(&method.as_str()) {
                    documented.insert((
                        method.clone(),
                        path.trim_start_matches("/api/v1").to_owned(),
                    ));
                }
            }
        }
        let mut seen = s.seen.lock().unwrap().clone();
        seen.remove(&("get".to_owned(), "unrouted".to_owned()));
        assert_eq!(
            seen, documented,
            "every documented route is tested and every tested route documented"
        );
    }
}

#[tokio::test]
async fn writes_need_a_valid_token_and_reads_stay_open() {
    let s = Server::start(TestDb::sqlite().await.unwrap()).await;
    let (st, p) = s
        .call(
            Method::POST,
            "/organizations",
            "/api/v1/organizations",
            Some(json!({})),
            Some("anything"),
        )
        .await;
    assert_eq!(st, StatusCode::UNAUTHORIZED, "{p}");
    assert!(p["detail"].as_str().unwrap().contains("not valid"));
    let (st, p) = s
        .call(
            Method::POST,
            "/organizations",
            "/api/v1/organizations",
            Some(json!({})),
            None,
        )
        .await;
    assert_eq!(st, StatusCode::UNAUTHORIZED, "{p}");
    let (st, _) = s.get("/organizations", "/api/v1/organizations").await;
    assert_eq!(st, StatusCode::OK);
    let health = s
        .client
        .get(format!("{}/healthz", s.base))
        .send()
        .await
        .unwrap();
    assert_eq!(health.status(), StatusCode::OK);
    let ready = s
        .client
        .get(format!("{}/readyz", s.base))
        .send()
        .await
        .unwrap();
    assert_eq!(ready.status(), StatusCode::OK);
    assert_eq!(ready.headers()["x-content-type-options"], "nosniff");
}

async fn series_routes(s: &Server) {
    const LIST: &str = "/series";
    const ONE: &str = "/series/{series}";
    const MEETINGS: &str = "/series/{series}/meetings";
    const MEETING: &str = "/series/{series}/meetings/{date}";
    const EXCEPTIONS: &str = "/series/{series}/exceptions";
    const EXCEPTION: &str = "/series/{series}/exceptions/{date}";
    const UNAVAILABLE: &str = "/series/{series}/unavailable/{organization}";
    const AGENDA: &str = "/series/{series}/meetings/{date}/agenda";
    const POINT: &str = "/series/{series}/meetings/{date}/agenda/{id}";
    const MINUTES: &str = "/series/{series}/meetings/{date}/minutes";
    const ATTENDANCE: &str = "/series/{series}/meetings/{date}/attendance";
    const NETWORK: &str = "/networks/{network}/meetings";
    const TURNS: &str = "/organizations/{slug}/host-turns";
    let monthly = "/api/v1/series/monatstreffen-staffel-1";

    let (st, all) = s.get(LIST, "/api/v1/series").await;
    assert_eq!(st, StatusCode::OK);
    assert_eq!(all["total"], 5);
    let (_, ikone) = s.get(LIST, "/api/v1/series?network=ikone-ds").await;
    assert_eq!(ikone["total"], 2);
    let (st, p) = s.get(LIST, "/api/v1/series?network=Kein%20Slug").await;
    assert_eq!((st, field(&p)), (StatusCode::BAD_REQUEST, "network"));
    let (st, one) = s.get(ONE, monthly).await;
    assert_eq!(st, StatusCode::OK);
    assert_eq!(one["hosting"], "rotation");
    assert_eq!(one["rule"], "FREQ=MONTHLY;BYDAY=-1TH");

    // Create: a bad rule names the rule part; nothing is stored.
    let mut new = json!({
        "slug": "muster-reihe", "network": "ikone-ds", "title": "Musterreihe",
        "rule": "FREQ=MONTHLY;BYDAY=-1XX", "start": "2026-01-05T10:00",
    });
    let (st, p) = s
        .write(Method::POST, LIST, "/api/v1/series", new.clone())
        .await;
    assert_eq!((st, field(&p)), (StatusCode::UNPROCESSABLE_ENTITY, "rule"));
    assert!(
        p["errors"][0]["message"]
            .as_str()
            .unwrap()
            .contains("BYDAY"),
        "{p}"
    );
    new["rule"] = json!("FREQ=WEEKLY;UNTIL=20251231T000000Z");
    let (st, p) = s
        .write(Method::POST, LIST, "/api/v1/series", new.clone())
        .await;
    assert_eq!((st, field(&p)), (StatusCode::UNPROCESSABLE_ENTITY, "rule"));
    assert!(
        p["errors"][0]["message"]
            .as_str()
            .unwrap()
            .contains("UNTIL"),
        "{p}"
    );
    new["rule"] = json!("FREQ=WEEKLY;BYDAY=MO");
    new["start"] = json!("2026-03-29T02:30");
    let (st, p) = s
        .write(Method::POST, LIST, "/api/v1/series", new.clone())
        .await;
    assert_eq!((st, field(&p)), (StatusCode::UNPROCESSABLE_ENTITY, "start"));
    new["start"] = json!("2026-01-05T10:00");
    new["surprise"] = json!(1);
    let (st, _) = s
        .write(Method::POST, LIST, "/api/v1/series", new.clone())
        .await;
    assert_eq!(st, StatusCode::UNPROCESSABLE_ENTITY);
    new.as_object_mut().unwrap().remove("surprise");
    let (_, still) = s.get(LIST, "/api/v1/series").await;
    assert_eq!(still["total"], 5, "failed creates store nothing");
    let (st, created) = s
        .write(Method::POST, LIST, "/api/v1/series", new.clone())
        .await;
    assert_eq!(st, StatusCode::CREATED, "{created}");
    let (st, _) = s
        .write(Method::POST, LIST, "/api/v1/series", new.clone())
        .await;
    assert_eq!(st, StatusCode::CONFLICT);
    new["title"] = json!("Musterreihe (neu)");
    let (st, _) = s
        .write(Method::PUT, ONE, "/api/v1/series/muster-reihe", new.clone())
        .await;
    assert_eq!(st, StatusCode::OK);
    let (st, jan) = s
        .get(
            MEETINGS,
            "/api/v1/series/muster-reihe/meetings?from=2026-01-01&to=2026-01-31",
        )
        .await;
    assert_eq!(st, StatusCode::OK);
    let days: Vec<&str> = jan["meetings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["date"].as_str().unwrap())
        .collect();
    assert_eq!(
        days,
        ["2026-01-05", "2026-01-12", "2026-01-19", "2026-01-26"]
    );
    assert_eq!(jan["meetings"][0]["title"], "Musterreihe (neu)");
    assert_eq!(jan["meetings"][0]["start_utc"], "2026-01-05T09:00:00Z");
    let (st, p) = s
        .get(
            MEETINGS,
            "/api/v1/series/muster-reihe/meetings?from=2026-02-01&to=2026-01-01",
        )
        .await;
    assert_eq!((st, field(&p)), (StatusCode::UNPROCESSABLE_ENTITY, "to"));
    let (st, p) = s
        .get(
            MEETINGS,
            "/api/v1/series/muster-reihe/meetings?from=gestern",
        )
        .await;
    assert_eq!((st, field(&p)), (StatusCode::BAD_REQUEST, "from"));
    let (st, _) = s.delete(ONE, "/api/v1/series/muster-reihe").await;
    assert_eq!(st, StatusCode::NO_CONTENT);
    let (st, _) = s.get(ONE, "/api/v1/series/muster-reihe").await;
    assert_eq!(st, StatusCode::NOT_FOUND);

    // One meeting: Christi Himmelfahrt moves the May 2025 meeting a week earlier.
    let (st, may) = s
        .get(MEETING, &format!("{monthly}/meetings/2025-05-29"))
        .await;
    assert_eq!(st, StatusCode::OK);
    assert_eq!(may["meeting"]["status"], "moved");
    assert_eq!(may["meeting"]["reason"], "Christi Himmelfahrt");
    assert_eq!(may["meeting"]["start"], "2025-05-22T16:00:00+02:00");
    assert_eq!(may["agenda"].as_array().unwrap().len(), 3);
    for bad in ["2025-05-30", "kaputt"] {
        let (st, _) = s.get(MEETING, &format!("{monthly}/meetings/{bad}")).await;
        assert_eq!(st, StatusCode::NOT_FOUND, "{bad}");
    }

    // Exceptions: cancel, refuse a swap across series, remove.
    let (st, p) = s
        .write(
            Method::PUT,
            EXCEPTION,
            &format!("{monthly}/exceptions/2026-01-29"),
            json!({"kind": "cancel", "note": "Klausurtagung"}),
        )
        .await;
    assert_eq!(st, StatusCode::OK, "{p}");
    let (_, list) = s.get(EXCEPTIONS, &format!("{monthly}/exceptions")).await;
    assert_eq!(list[0]["date"], "2026-01-29");
    assert_eq!(list[0]["change"]["kind"], "cancel");
    let (st, p) = s
        .write(
            Method::PUT,
            EXCEPTION,
            &format!("{monthly}/exceptions/2026-02-26"),
            json!({"kind": "swap", "with": "2026-03-26", "series": "after-work-lounge"}),
        )
        .await;
    assert_eq!(
        (st, field(&p)),
        (StatusCode::UNPROCESSABLE_ENTITY, "series")
    );
    let (st, p) = s
        .write(
            Method::PUT,
            EXCEPTION,
            &format!("{monthly}/exceptions/2026-02-27"),
            json!({"kind": "cancel"}),
        )
        .await;
    assert_eq!((st, field(&p)), (StatusCode::UNPROCESSABLE_ENTITY, "date"));
    let (st, p) = s
        .write(
            Method::PUT,
            EXCEPTION,
            &format!("{monthly}/exceptions/2026-02-26"),
            json!({"kind": "postpone"}),
        )
        .await;
    assert_eq!(st, StatusCode::UNPROCESSABLE_ENTITY, "{p}");
    let (st, _) = s
        .delete(EXCEPTION, &format!("{monthly}/exceptions/2026-01-29"))
        .await;
    assert_eq!(st, StatusCode::NO_CONTENT);
    let (st, _) = s
        .delete(EXCEPTION, &format!("{monthly}/exceptions/2026-01-29"))
        .await;
    assert_eq!(st, StatusCode::NOT_FOUND);

    // Declared dates: only members of the rotation.
    let (_, year) = s
        .get(
            MEETINGS,
            &format!("{monthly}/meetings?from=2026-01-01&to=2026-12-31"),
        )
        .await;
    let member = year["rotation"][0]["slug"].as_str().unwrap().to_owned();
    assert_eq!(year["rotation"].as_array().unwrap().len(), 13);
    let (st, _) = s
        .write(
            Method::PUT,
            UNAVAILABLE,
            &format!("{monthly}/unavailable/{member}"),
            json!({"dates": ["2026-06-25"]}),
        )
        .await;
    assert_eq!(st, StatusCode::OK);
    let (st, p) = s
        .write(
            Method::PUT,
            UNAVAILABLE,
            &format!("{monthly}/unavailable/dfki"),
            json!({"dates": ["2026-06-25"]}),
        )
        .await;
    assert_eq!(
        (st, field(&p)),
        (StatusCode::UNPROCESSABLE_ENTITY, "organization")
    );

    // Agenda, minutes, attendance of one meeting.
    let meeting = format!("{monthly}/meetings/2026-01-29");
    let (st, point) = s
        .write(
            Method::POST,
            AGENDA,
            &format!("{meeting}/agenda"),
            json!({"text": "Offene Daten in Musterstadt", "by": "kaiserslautern"}),
        )
        .await;
    assert_eq!(st, StatusCode::CREATED, "{point}");
    let (st, p) = s
        .write(
            Method::POST,
            AGENDA,
            &format!("{meeting}/agenda"),
            json!({"text": "  "}),
        )
        .await;
    assert_eq!((st, field(&p)), (StatusCode::UNPROCESSABLE_ENTITY, "text"));
    let (st, _) = s
        .write(
            Method::PUT,
            MINUTES,
            &format!("{meeting}/minutes"),
            json!({"text": "Beispielprotokoll (fiktiv)."}),
        )
        .await;
    assert_eq!(st, StatusCode::OK);
    let (st, _) = s
        .write(
            Method::PUT,
            ATTENDANCE,
            &format!("{meeting}/attendance"),
            json!({"organizations": [member.clone(), "kaiserslautern"]}),
        )
        .await;
    assert_eq!(st, StatusCode::OK);
    let (st, p) = s
        .write(
            Method::PUT,
            ATTENDANCE,
            &format!("{meeting}/attendance"),
            json!({"organizations": ["gibt-es-nicht"]}),
        )
        .await;
    assert_eq!(
        (st, field(&p)),
        (StatusCode::UNPROCESSABLE_ENTITY, "organizations[0]")
    );
    // Agenda points and minutes are network-only by default: an anonymous
    // reader sees the template and no minutes, a signed-in admin all.
    let (_, public) = s.get(MEETING, &meeting).await;
    assert_eq!(public["agenda"].as_array().unwrap().len(), 3, "{public}");
    assert_eq!(public["minutes"], Value::Null, "{public}");
    let (_, detail) = s
        .call(Method::GET, MEETING, &meeting, None, Some(&s.token))
        .await;
    assert_eq!(detail["agenda"][3]["text"], "Offene Daten in Musterstadt");
    assert_eq!(detail["agenda"][3]["by"]["slug"], "kaiserslautern");
    assert_eq!(detail["minutes"], "Beispielprotokoll (fiktiv).");
    assert_eq!(
        detail["attendance"].as_array().unwrap().len(),
        2,
        "{detail}"
    );
    let id = point["id"].as_i64().unwrap();
    let (st, _) = s.delete(POINT, &format!("{meeting}/agenda/{id}")).await;
    assert_eq!(st, StatusCode::NO_CONTENT);
    let (st, _) = s.delete(POINT, &format!("{meeting}/agenda/{id}")).await;
    assert_eq!(st, StatusCode::NOT_FOUND);

    // A network's calendar and an organisation's turns.
    let (st, net) = s
        .get(
            NETWORK,
            "/api/v1/networks/ikone-ds/meetings?from=2026-01-01&to=2026-03-31",
        )
        .await;
    assert_eq!(st, StatusCode::OK);
    let net = net.as_array().unwrap();
    assert!(net.iter().any(|m| m["series"] == "ikone-ds-stammtisch"));
    assert!(
        net.iter()
            .any(|m| m["series"] == "ikone-ds-netzwerktreffen")
    );
    let (st, _) = s.get(NETWORK, "/api/v1/networks/nirgendwo/meetings").await;
    assert_eq!(st, StatusCode::NOT_FOUND);
    let (st, turns) = s
        .get(
            TURNS,
            "/api/v1/organizations/kaiserslautern/host-turns?limit=3",
        )
        .await;
    assert_eq!(st, StatusCode::OK);
    let turns = turns.as_array().unwrap();
    assert_eq!(turns.len(), 3);
    assert!(turns.iter().all(|m| m["host"]["slug"] == "kaiserslautern"));
    let (st, p) = s
        .get(
            TURNS,
            "/api/v1/organizations/kaiserslautern/host-turns?limit=0",
        )
        .await;
    assert_eq!((st, field(&p)), (StatusCode::BAD_REQUEST, "limit"));
}

/// The lounge's routes as the admin calls them on the demo (lounge_api.rs
/// runs whole evenings with members and coordinators).
async fn search_routes(s: &Server) {
    const SEARCH: &str = "/search";
    // German forms of a word find the demo's organisations; hits, totals
    // and facets agree.
    let (st, found) = s.get(SEARCH, "/api/v1/search?q=Kaiserslautern").await;
    assert_eq!(st, StatusCode::OK, "{found}");
    let hits = found["hits"].as_array().unwrap();
    assert!(
        hits.iter().any(|h| h["kind"] == "organization"
            && h["id"] == "kaiserslautern"
            && h["url"] == "/organisationen/kaiserslautern"),
        "{found}"
    );
    assert!(hits[0]["snippet"].is_string() && hits[0]["score"].as_f64().unwrap() > 0.0);
    let (_, found) = s
        .get(
            SEARCH,
            "/api/v1/search?q=Rheinland-Pfalz&kind=organization&limit=3",
        )
        .await;
    let total = found["total"].as_u64().unwrap();
    assert!(total > 3, "{found}");
    assert_eq!(found["hits"].as_array().unwrap().len(), 3);
    assert_eq!(
        found["facets"]["kind"],
        json!([{"value": "organization", "count": total}])
    );
    let (_, next) = s
        .get(
            SEARCH,
            "/api/v1/search?q=Rheinland-Pfalz&kind=organization&limit=3&offset=3",
        )
        .await;
    assert_ne!(next["hits"][0]["id"], found["hits"][0]["id"]);
    // Nothing to search for finds nothing; bad parameters name themselves.
    let (st, empty) = s.get(SEARCH, "/api/v1/search").await;
    assert_eq!((st, empty["total"].as_u64()), (StatusCode::OK, Some(0)));
    for (query, name) in [
        ("q=x&kind=castle", "kind"),
        ("q=x&limit=0", "limit"),
        ("q=x&limit=101", "limit"),
        ("q=x&offset=10001", "offset"),
        ("q=x&limit=zwei", "limit"),
    ] {
        let (st, p) = s.get(SEARCH, &format!("/api/v1/search?{query}")).await;
        assert_eq!(
            (st, field(&p)),
            (StatusCode::BAD_REQUEST, name),
            "{query}: {p}"
        );
    }
    let long = "a".repeat(501);
    let (st, p) = s.get(SEARCH, &format!("/api/v1/search?q={long}")).await;
    assert_eq!((st, field(&p)), (StatusCode::BAD_REQUEST, "q"), "{p}");
}

async fn lounge_routes(s: &Server) {
    const LOUNGE: &str = "/series/{series}/lounge";
    const EVENING: &str = "/series/{series}/meetings/{date}/lounge";
    const CHECKINS: &str = "/series/{series}/meetings/{date}/lounge/checkins";
    const CHECKIN: &str = "/series/{series}/meetings/{date}/lounge/checkins/{id}";
    const ROUNDS: &str = "/series/{series}/meetings/{date}/lounge/rounds";
    const LATE: &str = "/series/{series}/meetings/{date}/lounge/rounds/{round}/late";
    const ENCOUNTERS: &str = "/networks/{network}/encounters";
    let series = "/api/v1/series/ikone-ds-netzwerktreffen";
    let (st, p) = s.get(LOUNGE, &format!("{series}/lounge")).await;
    assert_eq!(st, StatusCode::UNAUTHORIZED, "members only: {p}");
    let (st, p) = s
        .call(
            Method::GET,
            LOUNGE,
            &format!("{series}/lounge"),
            None,
            Some(&s.token),
        )
        .await;
    assert_eq!(st, StatusCode::NOT_FOUND, "not a lounge yet: {p}");
    let (st, settings) = s
        .write(
            Method::PUT,
            LOUNGE,
            &format!("{series}/lounge"),
            json!({"room_size": 2, "seating": "apart"}),
        )
        .await;
    assert_eq!(st, StatusCode::OK, "{settings}");
    assert_eq!(settings["room_size"], 2);
    assert_eq!(settings["rounds"], 2, "defaults filled in: {settings}");
    let (st, again) = s
        .call(
            Method::GET,
            LOUNGE,
            &format!("{series}/lounge"),
            None,
            Some(&s.token),
        )
        .await;
    assert_eq!((st, &again), (StatusCode::OK, &settings));
    let (st, bad) = s
        .write(
            Method::PUT,
            LOUNGE,
            &format!("{series}/lounge"),
            json!({"room_size": 13}),
        )
        .await;
    assert_eq!(st, StatusCode::UNPROCESSABLE_ENTITY, "{bad}");
    assert_eq!(field(&bad), "room_size");

    let (_, schedule) = s
        .get(
            "/series/{series}/meetings",
            &format!("{series}/meetings?from=2025-01-01&to=2027-12-31"),
        )
        .await;
    let date = schedule["meetings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["status"] != "cancelled")
        .unwrap()["date"]
        .as_str()
        .unwrap()
        .to_owned();
    let (_, members) = s
        .get(
            "/memberships",
            "/api/v1/memberships?network=ikone-ds&limit=500",
        )
        .await;
    let orgs: Vec<String> = members["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|m| m["role"] == "member" && m.get("left_on").is_none())
        .map(|m| m["organization"].as_str().unwrap().to_owned())
        .take(5)
        .collect();
    assert_eq!(orgs.len(), 5);
    let evening = format!("{series}/meetings/{date}/lounge");
    let (st, p) = s
        .call(
            Method::GET,
            EVENING,
            &format!("{series}/meetings/2025-02-30/lounge"),
            None,
            Some(&s.token),
        )
        .await;
    assert_eq!((st, field(&p)), (StatusCode::BAD_REQUEST, "date"), "{p}");
    let (st, ev) = s
        .call(Method::GET, EVENING, &evening, None, Some(&s.token))
        .await;
    assert_eq!(st, StatusCode::OK, "{ev}");
    assert_eq!(ev["checkins"], json!([]));
    assert_eq!(ev["may_run"], true);

    let mut ids = Vec::new();
    for (i, o) in orgs.iter().take(4).enumerate() {
        let (st, v) = s
            .write(
                Method::POST,
                CHECKINS,
                &format!("{evening}/checkins"),
                json!({"organization": o, "name": format!("Gast {i}")}),
            )
            .await;
        assert_eq!(st, StatusCode::CREATED, "{v}");
        ids.push(v["id"].as_i64().unwrap());
    }
    let (st, v) = s
        .write(
            Method::POST,
            CHECKINS,
            &format!("{evening}/checkins"),
            json!({"organization": orgs[0], "name": ""}),
        )
        .await;
    assert_eq!((st, field(&v)), (StatusCode::UNPROCESSABLE_ENTITY, "name"));
    let (st, v) = s
        .write(
            Method::POST,
            ROUNDS,
            &format!("{evening}/rounds"),
            json!({}),
        )
        .await;
    assert_eq!(
        (st, v),
        (StatusCode::CREATED, json!({"round": 1, "created": true}))
    );
    let (st, v) = s
        .write(
            Method::POST,
            ROUNDS,
            &format!("{evening}/rounds"),
            json!({"round": 1}),
        )
        .await;
    assert_eq!(
        (st, v),
        (StatusCode::OK, json!({"round": 1, "created": false}))
    );
    let (st, v) = s
        .write(
            Method::POST,
            CHECKINS,
            &format!("{evening}/checkins"),
            json!({"organization": orgs[4], "name": "Spät"}),
        )
        .await;
    assert_eq!(st, StatusCode::CREATED, "{v}");
    let (st, v) = s
        .call(
            Method::POST,
            LATE,
            &format!("{evening}/rounds/1/late"),
            None,
            Some(&s.token),
        )
        .await;
    assert_eq!((st, v), (StatusCode::OK, json!({"placed": 1})));
    let (st, v) = s
        .call(
            Method::POST,
            LATE,
            &format!("{evening}/rounds/7/late"),
            None,
            Some(&s.token),
        )
        .await;
    assert_eq!(st, StatusCode::NOT_FOUND, "{v}");
    let (st, _) = s
        .delete(CHECKIN, &format!("{evening}/checkins/{}", ids[0]))
        .await;
    assert_eq!(st, StatusCode::NO_CONTENT);
    let (st, ev) = s
        .call(Method::GET, EVENING, &evening, None, Some(&s.token))
        .await;
    assert_eq!(st, StatusCode::OK);
    assert_eq!(ev["checkins"].as_array().unwrap().len(), 5, "{ev}");
    assert_eq!(ev["checkins"][0]["present"], false, "{ev}");
    let seated: usize = ev["rounds"][0]["rooms"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["members"].as_array().unwrap().len())
        .sum();
    assert_eq!(seated, 5, "{ev}");

    let (st, enc) = s
        .call(
            Method::GET,
            ENCOUNTERS,
            "/api/v1/networks/ikone-ds/encounters",
            None,
            Some(&s.token),
        )
        .await;
    assert_eq!(st, StatusCode::OK, "{enc}");
    assert!(!enc["pairs"].as_array().unwrap().is_empty(), "{enc}");
    assert_eq!(enc["evenings"], 1);
    let (st, _) = s
        .get(ENCOUNTERS, "/api/v1/networks/ikone-ds/encounters")
        .await;
    assert_eq!(st, StatusCode::UNAUTHORIZED, "members only");

    let (st, _) = s.delete(LOUNGE, &format!("{series}/lounge")).await;
    assert_eq!(st, StatusCode::NO_CONTENT);
    let (st, _) = s
        .call(
            Method::GET,
            LOUNGE,
            &format!("{series}/lounge"),
            None,
            Some(&s.token),
        )
        .await;
    assert_eq!(st, StatusCode::NOT_FOUND, "an ordinary series again");
}

/// Projects and experiences: the bodies as they are, a
/// network-only experience that outsiders cannot reach, comments, field
/// errors, and deletes.
async fn knowledge_routes(s: &Server) {
    const PROJECTS: &str = "/projects";
    const PROJECT: &str = "/projects/{slug}";
    const EXPERIENCES: &str = "/experiences";
    const EXPERIENCE: &str = "/experiences/{id}";
    const COMMENTS: &str = "/experiences/{id}/comments";
    let (st, made) = s
        .write(
            Method::POST,
            PROJECTS,
            "/api/v1/projects",
            json!({"organization": "kaiserslautern", "title": "Parkraummanagement Innenstadt",
                   "text": "Sensoren zeigen freie Parkplätze.", "topics": ["mobility"],
                   "partners": ["dfki"], "visibility": "public"}),
        )
        .await;
    assert_eq!(st, StatusCode::CREATED, "{made}");
    assert_eq!(made["key"], "parkraummanagement-innenstadt");
    let (st, got) = s
        .get(PROJECT, "/api/v1/projects/parkraummanagement-innenstadt")
        .await;
    assert_eq!(st, StatusCode::OK, "{got}");
    assert_eq!(got["partners"][0]["slug"], "dfki", "{got}");
    let (st, list) = s
        .get(
            PROJECTS,
            "/api/v1/projects?topic=mobility&organization=kaiserslautern",
        )
        .await;
    assert_eq!(st, StatusCode::OK);
    assert_eq!(list["total"], 1, "{list}");
    let (st, p) = s.get(PROJECTS, "/api/v1/projects?status=fertig").await;
    assert_eq!((st, field(&p)), (StatusCode::BAD_REQUEST, "status"), "{p}");
    let (st, p) = s
        .write(
            Method::PUT,
            PROJECT,
            "/api/v1/projects/parkraummanagement-innenstadt",
            json!({"organization": "kaiserslautern", "title": "Parkraummanagement Innenstadt",
                   "summary": "Sensoren zeigen freie Parkplätze.", "topics": ["mobility"],
                   "status": "completed", "ended": "2019"}),
        )
        .await;
    assert_eq!(st, StatusCode::OK, "{p}");

    // The experience body, network-only.
    let (st, made) = s
        .write(
            Method::POST,
            EXPERIENCES,
            "/api/v1/experiences",
            json!({"organization": "kaiserslautern", "network": "modellprojekte-smart-cities",
                   "title": "Was bei den Parksensoren schiefging", "text": "Die Sensoren meldeten bei Regen belegt.",
                   "outcome": "failed", "topics": ["mobility"], "visibility": "network", "lang": "de",
                   "project": "parkraummanagement-innenstadt"}),
        )
        .await;
    assert_eq!(st, StatusCode::CREATED, "{made}");
    let id = made["key"].as_str().unwrap().to_owned();
    let path = format!("/api/v1/experiences/{id}");
    let (st, _) = s.get(EXPERIENCE, &path).await;
    assert_eq!(st, StatusCode::NOT_FOUND, "outsiders learn nothing");
    let (_, list) = s
        .get(
            EXPERIENCES,
            "/api/v1/experiences?organization=kaiserslautern",
        )
        .await;
    assert_eq!(list["total"], 0, "{list}");
    let (st, got) = s
        .call(Method::GET, EXPERIENCE, &path, None, Some(&s.token))
        .await;
    assert_eq!(st, StatusCode::OK);
    assert_eq!(got["experience"]["outcome"], "failed");
    let (_, found) = s.get("/search", "/api/v1/search?q=Parksensoren").await;
    assert!(
        found["hits"]
            .as_array()
            .unwrap()
            .iter()
            .all(|h| h["kind"] != "experience"),
        "{found}"
    );
    let (st, p) = s
        .call(
            Method::POST,
            COMMENTS,
            &format!("{path}/comments"),
            Some(json!({"text": "Wie habt ihr die Akzeptanz gemessen?", "question": true})),
            None,
        )
        .await;
    assert_eq!(st, StatusCode::UNAUTHORIZED, "{p}");
    let (st, p) = s
        .write(
            Method::POST,
            COMMENTS,
            &format!("{path}/comments"),
            json!({"text": "Wie habt ihr die Akzeptanz gemessen?", "question": true}),
        )
        .await;
    assert_eq!(st, StatusCode::CREATED, "{p}");

    // "Wen fragen?": the organisations behind the most relevant public
    // experiences and projects, with their named contacts.
    let (st, found) = s
        .get("/search", "/api/v1/search?q=Parksensorik&advice=true")
        .await;
    assert_eq!(st, StatusCode::OK, "{found}");
    assert_eq!(
        found["advisers"][0]["organization"], "musterstadt-beispiel",
        "{found}"
    );
    assert_eq!(
        found["advisers"][0]["contacts"][0], "Erika Mustermann (Beispielperson)",
        "{found}"
    );
    let (_, plain) = s.get("/search", "/api/v1/search?q=Parksensorik").await;
    assert!(plain.get("advisers").is_none(), "{plain}");

    // Bad bodies name their field; nothing is written.
    for (body, name) in [
        (
            json!({"organization": "kaiserslautern", "title": "X", "text": "Y", "topics": []}),
            "topics",
        ),
        (
            json!({"organization": "kaiserslautern", "title": "X", "text": "Y", "topics": ["mobility"], "outcome": "meh"}),
            "outcome",
        ),
        (
            json!({"organization": "kaiserslautern", "title": "X", "text": "Y", "topics": ["mobility"], "visibility": "network"}),
            "network",
        ),
        (
            json!({"organization": "atlantis", "title": "X", "text": "Y", "topics": ["mobility"]}),
            "organization",
        ),
    ] {
        let (st, p) = s
            .write(Method::POST, EXPERIENCES, "/api/v1/experiences", body)
            .await;
        assert_eq!(st, StatusCode::UNPROCESSABLE_ENTITY, "{p}");
        assert_eq!(field(&p), name, "{p}");
    }
    let (st, p) = s
        .write(
            Method::PUT,
            EXPERIENCE,
            &path,
            json!({"organization": "kaiserslautern", "network": "modellprojekte-smart-cities",
                   "title": "Was bei den Parksensoren schiefging", "text": "Bei Regen: belegt.",
                   "outcome": "mixed", "topics": ["mobility"], "visibility": "network"}),
        )
        .await;
    assert_eq!(st, StatusCode::OK, "{p}");
    let (st, _) = s.delete(EXPERIENCE, &path).await;
    assert_eq!(st, StatusCode::NO_CONTENT);
    let (st, _) = s.delete(EXPERIENCE, &path).await;
    assert_eq!(st, StatusCode::NOT_FOUND);
    let (st, _) = s
        .delete(PROJECT, "/api/v1/projects/parkraummanagement-innenstadt")
        .await;
    assert_eq!(st, StatusCode::NO_CONTENT);
}
