//! iCalendar feeds over real HTTP on every backend: content type, ETag and
//! 304, SEQUENCE raised by a change, STATUS:CANCELLED; and, with an
//! independent parser (Python's `icalendar` + `recurring-ical-events`), the
//! feed's events in UTC equal the engine's meetings from the JSON API.
//!
//! The parser check needs the Python packages of `tests/requirements.txt`.
//! `.ci/run` installs them into a virtual environment and names its
//! interpreter in KNOTENPUNKT_ICAL_PYTHON; then a missing package fails the
//! test. Without that variable the check runs if `python3` has the packages
//! and is reported as skipped otherwise, the way the PostgreSQL suite is.

// Test code: a failed unwrap is a failed test, which is what it should be.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::collections::BTreeMap;
use std::process::Command;

use knotenpunkt_app::{App, load_demo};
use knotenpunkt_store::testing::TestDb;
use knotenpunkt_web::{AppState, WebConfig};
use reqwest::{Client, StatusCode};
use serde_json::{Value, json};

const HOST: &str = "feeds.test";

struct Server {
    base: String,
    client: Client,
    /// A platform admin's write token.
    token: String,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    _db: TestDb,
}

impl Drop for Server {
    fn drop(&mut self) {
        if let Some(tx) = self.stop.take() {
            let _ = tx.send(());
        }
    }
}

async fn start(db: TestDb) -> Server {
    let dir = App::new(db.store.clone()).directory(&App::operator());
    load_demo(dir.app()).await.unwrap();
    let token = knotenpunkt_app::testing::admin_token(&dir).await.unwrap();
    let state = AppState::new(
        dir.app().clone(),
        WebConfig {
            public_host: Some(HOST.into()),
            ..WebConfig::default()
        },
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let (tx, rx) = tokio::sync::oneshot::channel::<()>();
    tokio::spawn(knotenpunkt_web::serve(listener, state, async {
        let _ = rx.await;
    }));
    Server {
        base,
        client: Client::new(),
        token,
        stop: Some(tx),
        _db: db,
    }
}

impl Server {
    async fn feed(&self, path: &str, etag: Option<&str>) -> (StatusCode, String, String) {
        let mut req = self.client.get(format!("{}{path}", self.base));
        if let Some(e) = etag {
            req = req.header("if-none-match", e);
        }
        let res = req.send().await.unwrap();
        let status = res.status();
        if status == StatusCode::OK {
            assert_eq!(
                res.headers()["content-type"],
                "text/calendar; charset=utf-8"
            );
        }
        let tag = res
            .headers()
            .get("etag")
            .map(|v| v.to_str().unwrap().to_owned())
            .unwrap_or_default();
        (status, tag, res.text().await.unwrap())
    }

    async fn json(&self, path: &str) -> Value {
        let res = self
            .client
            .get(format!("{}{path}", self.base))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), StatusCode::OK, "{path}");
        res.json().await.unwrap()
    }
}

/// RFC 5545 lines, unfolded.
fn unfold(feed: &str) -> String {
    feed.replace("\r\n ", "")
}

/// UID → (SEQUENCE, STATUS) as written in the feed.
fn events(feed: &str) -> BTreeMap<String, (String, String)> {
    let mut out = BTreeMap::new();
    let (mut uid, mut seq) = (String::new(), String::new());
    for line in unfold(feed).lines() {
        if let Some(v) = line.strip_prefix("UID:") {
            uid = v.to_owned();
        } else if let Some(v) = line.strip_prefix("SEQUENCE:") {
            seq = v.to_owned();
        } else if let Some(v) = line.strip_prefix("STATUS:") {
            out.insert(uid.clone(), (seq.clone(), v.to_owned()));
        }
    }
    out
}

/// The interpreter with the parser packages, or why there is none.
fn python() -> Result<String, String> {
    let required = std::env::var("KNOTENPUNKT_ICAL_PYTHON").ok();
    let python = required.clone().unwrap_or_else(|| "python3".into());
    let ok = Command::new(&python)
        .args(["-c", "import icalendar, recurring_ical_events"])
        .stderr(std::process::Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    match (ok, required) {
        (true, _) => Ok(python),
        (false, Some(p)) => panic!(
            "KNOTENPUNKT_ICAL_PYTHON={p} lacks icalendar/recurring-ical-events; pip install -r crates/web/tests/requirements.txt"
        ),
        (false, None) => {
            Err("python3 lacks icalendar/recurring-ical-events (bash .ci/run installs them)".into())
        }
    }
}

/// Parses `feed` with the independent parser and returns its events.
fn parse_independently(python: &str, feed: &str) -> Vec<Value> {
    let dir = tempdir();
    let path = dir.join("feed.ics");
    std::fs::write(&path, feed).unwrap();
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/ical_check.py");
    let out = Command::new(python)
        .arg(script)
        .arg(&path)
        .args(["2000-01-01T00:00:00", "2100-01-01T00:00:00"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "parser rejected the feed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let _ = std::fs::remove_dir_all(&dir);
    serde_json::from_slice::<Vec<Value>>(&out.stdout).unwrap()
}

fn tempdir() -> std::path::PathBuf {
    use std::sync::atomic::{AtomicU32, Ordering};
    static N: AtomicU32 = AtomicU32::new(0);
    let dir = std::env::temp_dir().join(format!(
        "knotenpunkt-feed-{}-{}",
        std::process::id(),
        N.fetch_add(1, Ordering::Relaxed)
    ));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// The engine's meetings of a series (default window, as the feed) keyed by UID.
async fn engine_meetings(s: &Server, series: &str) -> BTreeMap<String, Value> {
    let schedule = s.json(&format!("/api/v1/series/{series}/meetings")).await;
    let prefix = match schedule["series"]["network"].as_str() {
        Some(n) => format!("{n}-{series}"),
        None => series.to_owned(),
    };
    schedule["meetings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| {
            let day = m["date"].as_str().unwrap().replace('-', "");
            (format!("{prefix}-{day}@{HOST}"), m.clone())
        })
        .collect()
}

#[tokio::test]
async fn feeds_match_the_engine_and_change_only_on_change() {
    let python = python();
    if let Err(why) = &python {
        eprintln!("note: independent parser check skipped: {why}");
    }
    for db in TestDb::all().await.unwrap() {
        let s = start(db).await;
        for series in [
            "monatstreffen-staffel-1",
            "after-work-lounge",
            "ikone-ds-netzwerktreffen",
            "dfki-mrn-austausch",
        ] {
            let path = format!("/kalender/reihen/{series}.ics");
            let (st, etag, body) = s.feed(&path, None).await;
            assert_eq!(st, StatusCode::OK, "{series}");
            assert!(etag.starts_with('"') && etag.len() > 10, "{etag}");
            assert!(body.starts_with("BEGIN:VCALENDAR\r\n"));
            assert!(body.contains("BEGIN:VTIMEZONE\r\nTZID:Europe/Berlin"));
            let (st, again, empty) = s.feed(&path, Some(&etag)).await;
            assert_eq!(
                (st, again.as_str(), empty.as_str()),
                (StatusCode::NOT_MODIFIED, etag.as_str(), "")
            );

            let engine = engine_meetings(&s, series).await;
            let written = events(&body);
            assert_eq!(
                written.keys().collect::<Vec<_>>(),
                engine.keys().collect::<Vec<_>>(),
                "{series}: one event per meeting, stable UIDs"
            );
            for (uid, m) in &engine {
                let status = match m["status"].as_str().unwrap() {
                    "cancelled" => "CANCELLED",
                    _ => "CONFIRMED",
                };
                assert_eq!(written[uid].1, status, "{uid}");
            }
            if let Ok(py) = &python {
                let parsed = parse_independently(py, &body);
                assert_eq!(parsed.len(), engine.len(), "{series}");
                for ev in &parsed {
                    let uid = ev["uid"].as_str().unwrap();
                    let m = &engine[uid];
                    assert_eq!(ev["start"], m["start_utc"], "{uid}");
                    let status = if m["status"] == "cancelled" {
                        "CANCELLED"
                    } else {
                        "CONFIRMED"
                    };
                    assert_eq!(ev["status"], status, "{uid}");
                }
            }
        }

        // The lounge's Christmas break is cancelled in the feed.
        let (_, _, lounge) = s.feed("/kalender/reihen/after-work-lounge.ics", None).await;
        let lounge = events(&lounge);
        let xmas = format!("modellprojekte-smart-cities-after-work-lounge-20261223@{HOST}");
        assert_eq!(lounge[&xmas].1, "CANCELLED");

        // A change raises SEQUENCE of the changed meeting, and the ETag changes.
        let path = "/kalender/reihen/ikone-ds-stammtisch.ics";
        let (_, before_tag, before) = s.feed(path, None).await;
        let next = s.json("/api/v1/series/ikone-ds-stammtisch/meetings").await["meetings"]
            .as_array()
            .unwrap()
            .iter()
            .find(|m| m["start_utc"].as_str().unwrap() > "2026-11-27")
            .unwrap()["date"]
            .as_str()
            .unwrap()
            .to_owned();
        let uid = format!(
            "ikone-ds-ikone-ds-stammtisch-{}@{HOST}",
            next.replace('-', "")
        );
        assert_eq!(
            events(&before)[&uid],
            ("0".to_owned(), "CONFIRMED".to_owned())
        );
        let res = s
            .client
            .put(format!(
                "{}/api/v1/series/ikone-ds-stammtisch/exceptions/{next}",
                s.base
            ))
            .bearer_auth(&s.token)
            .json(&json!({"kind": "cancel", "note": "Fällt aus (Test)"}))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), StatusCode::OK);
        let (st, after_tag, after) = s.feed(path, Some(&before_tag)).await;
        assert_eq!(st, StatusCode::OK, "a changed feed is sent again");
        assert_ne!(after_tag, before_tag);
        assert_eq!(
            events(&after)[&uid],
            ("1".to_owned(), "CANCELLED".to_owned())
        );
        assert!(unfold(&after).contains("Fällt aus (Test)"));

        // The network feed holds every series of the network; English labels on request.
        let (st, _, network) = s
            .feed("/kalender/netzwerke/ikone-ds.ics?lang=en", None)
            .await;
        assert_eq!(st, StatusCode::OK);
        let network = unfold(&network);
        assert!(network.contains("X-WR-CALNAME:IKONE DS"));
        assert!(network.contains(&uid));
        assert!(network.contains("ikone-ds-netzwerktreffen"));
        assert!(network.contains("Host: Kaiserslautern"));

        for missing in [
            "/kalender/reihen/gibt-es-nicht.ics",
            "/kalender/reihen/after-work-lounge",
            "/kalender/netzwerke/nirgendwo.ics",
        ] {
            let (st, _, _) = s.feed(missing, None).await;
            assert_eq!(st, StatusCode::NOT_FOUND, "{missing}");
        }
    }
}

#[tokio::test]
async fn an_event_is_a_calendar_file_and_in_its_networks_feed() {
    let python = python();
    for db in TestDb::all().await.unwrap() {
        let s = start(db).await;
        let send = |method: reqwest::Method, path: String, body: Value| {
            s.client
                .request(method, format!("{}{path}", s.base))
                .bearer_auth(&s.token)
                .json(&body)
                .send()
        };
        let mut event = json!({"network": "ikone-ds", "title": "Fachtagung IKONE (Test)",
            "kind": "conference", "starts_at": "2099-03-04T09:30:00+01:00",
            "ends_at": "2099-03-04T16:00:00+01:00", "capacity": 80, "registration": "public",
            "address": "Kaiserslautern"});
        let made: Value = send(
            reqwest::Method::POST,
            "/api/v1/networks/ikone-ds/events".into(),
            event.clone(),
        )
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
        let id = made["id"].as_i64().unwrap();
        let path = format!("/kalender/veranstaltungen/{id}.ics");
        let uid = format!("event-{id}@{HOST}");
        let (st, _, body) = s.feed(&path, None).await;
        assert_eq!(st, StatusCode::OK);
        let unfolded = unfold(&body);
        assert!(unfolded.contains(&format!("UID:{uid}")), "{unfolded}");
        assert!(unfolded.contains("SEQUENCE:0"), "{unfolded}");
        assert!(
            unfolded.contains("DTSTART;TZID=Europe/Berlin:20990304T093000"),
            "{unfolded}"
        );
        if let Ok(py) = &python {
            let parsed = parse_independently(py, &body);
            assert_eq!(parsed.len(), 1);
            assert_eq!(parsed[0]["uid"], uid.as_str());
            assert_eq!(parsed[0]["start"], "2099-03-04T08:30:00Z");
        }
        // A change raises SEQUENCE; the UID stays.
        event["starts_at"] = json!("2099-03-04T10:00:00+01:00");
        let st = send(reqwest::Method::PUT, format!("/api/v1/events/{id}"), event)
            .await
            .unwrap()
            .status();
        assert_eq!(st, StatusCode::OK);
        let (_, _, body) = s.feed(&path, None).await;
        let unfolded = unfold(&body);
        assert!(unfolded.contains("SEQUENCE:1"), "{unfolded}");
        assert!(unfolded.contains(&format!("UID:{uid}")));
        // The network's feed carries it beside the meetings.
        let (_, _, network) = s.feed("/kalender/netzwerke/ikone-ds.ics", None).await;
        assert!(unfold(&network).contains(&format!("UID:{uid}")));
        if let Ok(py) = &python {
            let parsed = parse_independently(py, &network);
            assert!(parsed.iter().any(|e| e["uid"] == uid.as_str()));
        }
        let (st, _, _) = s.feed("/kalender/veranstaltungen/999999.ics", None).await;
        assert_eq!(st, StatusCode::NOT_FOUND);
    }
}
