//! The After Work Lounge over HTTP, on every backend: a network of 17
//! member organisations in three cohorts, a weekly lounge whose evening is
//! today, people with API tokens. Members check in (a repeat changes
//! nothing), a coordinator checks in a guest and a person, two draws of
//! round 1 at once make one round, a late joiner is placed without moving
//! anyone, round 2 and next week's evening repeat no pair of organisations,
//! and the network's encounters count exactly the rooms the rounds show.
//! Every bad input is refused with the field named and changes nothing.
//!
//! Video: with BigBlueButton (the crate's test server), the caller's link
//! is the page address that enters the room, entering yields a join address
//! the server accepts, and the shared secret appears in no answer; with
//! Jitsi Meet and a secret, the link carries a JWT that PyJWT verifies for
//! that room only.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::process::Command;

use chrono::{Datelike, Duration, NaiveDate};
use knotenpunkt_app::access::Scope;
use knotenpunkt_app::domain::{NetworkRole, TokenScope};
use knotenpunkt_app::testing;
use knotenpunkt_app::{App, Directory, NewSession};
use knotenpunkt_store::testing::TestDb;
use knotenpunkt_web::{AppState, WebConfig, serve};
use reqwest::{Client, Method, StatusCode};
use serde_json::{Value, json};

const NETWORK: &str = "lounge-netz";
const SERIES: &str = "after-work-lounge";
const COHORTS: [&str; 3] = ["staffel-a", "staffel-b", "staffel-c"];

struct Srv {
    base: String,
    client: Client,
    dir: Directory,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    _db: TestDb,
}

impl Drop for Srv {
    fn drop(&mut self) {
        if let Some(tx) = self.stop.take() {
            let _ = tx.send(());
        }
    }
}

impl Srv {
    async fn start(db: TestDb, video: Option<knotenpunkt_video::Provider>) -> Srv {
        let app = App::new(db.store.clone()).with_video(video);
        let dir = app.directory(&App::operator());
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let base = format!("http://{}", listener.local_addr().unwrap());
        let (tx, rx) = tokio::sync::oneshot::channel::<()>();
        tokio::spawn(serve(
            listener,
            AppState::new(app, WebConfig::default()),
            async {
                let _ = rx.await;
            },
        ));
        Srv {
            base,
            client: Client::builder()
                .redirect(reqwest::redirect::Policy::none())
                .build()
                .unwrap(),
            dir,
            stop: Some(tx),
            _db: db,
        }
    }

    async fn call(
        &self,
        method: Method,
        path: &str,
        token: Option<&str>,
        body: Option<Value>,
    ) -> (StatusCode, Value) {
        let mut req = self.client.request(method, format!("{}{path}", self.base));
        if let Some(t) = token {
            req = req.bearer_auth(t);
        }
        if let Some(b) = body {
            req = req.json(&b);
        }
        let res = req.send().await.unwrap();
        let status = res.status();
        let text = res.text().await.unwrap();
        let value = serde_json::from_str(&text).unwrap_or(Value::String(text));
        (status, value)
    }

    async fn ok(&self, token: &str, method: Method, path: &str, body: Option<Value>) -> Value {
        let (st, v) = self.call(method.clone(), path, Some(token), body).await;
        assert!(st.is_success(), "{method} {path}: {st} {v}");
        v
    }

    async fn get(&self, token: &str, path: &str) -> Value {
        self.ok(token, Method::GET, path, None).await
    }
}

/// The network, its people and its lounge.
struct Lounge {
    admin: NewSession,
    admin_token: String,
    coordinator: String,
    /// Per member organisation (index = organisation): its person and
    /// their write token.
    people: Vec<(NewSession, String)>,
    /// The organisations' slugs.
    orgs: Vec<String>,
    today: NaiveDate,
}

fn org(i: usize) -> String {
    format!("lounge-ort-{i:02}")
}

fn evening_path(date: NaiveDate) -> String {
    format!("/api/v1/series/{SERIES}/meetings/{date}/lounge")
}

/// A network of `n` member organisations in three cohorts, a person with a
/// token for each, a coordinator, and a weekly lounge that meets today.
async fn setup(s: &Srv, n: usize, settings: Value) -> Lounge {
    let admin = testing::admin(&s.dir, "admin@lounge.example")
        .await
        .unwrap();
    let t = testing::token(&s.dir, &admin, TokenScope::Write)
        .await
        .unwrap();
    s.ok(
        &t,
        Method::POST,
        "/api/v1/networks",
        Some(json!({"slug": NETWORK, "name": "Lounge-Netz"})),
    )
    .await;
    for (i, c) in COHORTS.iter().enumerate() {
        s.ok(
            &t,
            Method::POST,
            &format!("/api/v1/networks/{NETWORK}/cohorts"),
            Some(json!({"network": NETWORK, "slug": c, "name": format!("Staffel {}", i + 1), "year": 2024 + i})),
        )
        .await;
    }
    let orgs: Vec<String> = (0..n).map(org).collect();
    for (i, o) in orgs.iter().enumerate() {
        s.ok(
            &t,
            Method::POST,
            "/api/v1/organizations",
            Some(
                json!({"slug": o, "name": format!("Lounge-Ort {i:02}"), "kind": "municipality",
                        "states": ["BW"], "source": "fiktiv"}),
            ),
        )
        .await;
        s.ok(
            &t,
            Method::POST,
            "/api/v1/memberships",
            Some(
                json!({"organization": o, "network": NETWORK, "role": "member",
                        "cohort": COHORTS[i % COHORTS.len()]}),
            ),
        )
        .await;
    }
    let today = s.dir.app().today();
    let weekday =
        ["MO", "TU", "WE", "TH", "FR", "SA", "SU"][today.weekday().num_days_from_monday() as usize];
    let start = today - Duration::days(28);
    s.ok(
        &t,
        Method::POST,
        "/api/v1/series",
        Some(
            json!({"slug": SERIES, "title": "After Work Lounge", "network": NETWORK,
                    "rule": format!("FREQ=WEEKLY;BYDAY={weekday}"),
                    "start": format!("{start}T18:00"), "hosting": "fixed", "host": orgs[0]}),
        ),
    )
    .await;
    let v = s
        .ok(
            &t,
            Method::PUT,
            &format!("/api/v1/series/{SERIES}/lounge"),
            Some(settings.clone()),
        )
        .await;
    assert_eq!(
        v,
        s.get(&t, &format!("/api/v1/series/{SERIES}/lounge")).await
    );
    let coordinator = testing::invited(
        &s.dir,
        &admin,
        "koordination@lounge.example",
        None,
        NETWORK,
        Some(NetworkRole::Coordinator),
    )
    .await
    .unwrap();
    let coordinator = testing::token(&s.dir, &coordinator, TokenScope::Write)
        .await
        .unwrap();
    let mut people = Vec::new();
    for (i, o) in orgs.iter().enumerate() {
        let p = testing::invited(
            &s.dir,
            &admin,
            &format!("person{i:02}@lounge.example"),
            Some(o.as_str()),
            NETWORK,
            None,
        )
        .await
        .unwrap();
        let token = testing::token(&s.dir, &p, TokenScope::Write).await.unwrap();
        people.push((p, token));
    }
    Lounge {
        admin,
        admin_token: t,
        coordinator,
        people,
        orgs,
        today,
    }
}

/// Rounds of an evening as rooms of check-in ids: round → room → members.
fn rooms_of(evening: &Value) -> BTreeMap<u64, BTreeMap<u64, Vec<i64>>> {
    let mut out = BTreeMap::new();
    for r in evening["rounds"].as_array().unwrap() {
        let mut rooms = BTreeMap::new();
        for m in r["rooms"].as_array().unwrap() {
            rooms.insert(
                m["number"].as_u64().unwrap(),
                m["members"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|k| k.as_i64().unwrap())
                    .collect(),
            );
        }
        out.insert(r["number"].as_u64().unwrap(), rooms);
    }
    out
}

/// Check-in id → organisation.
fn orgs_of(evening: &Value) -> HashMap<i64, String> {
    evening["checkins"]
        .as_array()
        .unwrap()
        .iter()
        .map(|k| {
            (
                k["id"].as_i64().unwrap(),
                k["organization"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

fn present(evening: &Value) -> BTreeSet<i64> {
    evening["checkins"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|k| k["present"] == true)
        .map(|k| k["id"].as_i64().unwrap())
        .collect()
}

/// The pairs of organisations that shared a room in `round` of `evening`.
fn pairs(evening: &Value, round: u64) -> Vec<(String, String)> {
    let orgs = orgs_of(evening);
    let mut out = Vec::new();
    for members in rooms_of(evening)[&round].values() {
        let set: BTreeSet<&String> = members.iter().map(|k| &orgs[k]).collect();
        let list: Vec<&String> = set.into_iter().collect();
        for (i, a) in list.iter().enumerate() {
            for b in &list[i + 1..] {
                out.push(((*a).clone(), (*b).clone()));
            }
        }
    }
    out
}

/// Everyone present sits in exactly one room of `round`, rooms hold
/// between k-1 and k+1 people and never fewer than 2.
fn check_round(evening: &Value, round: u64, k: usize) {
    let rooms = &rooms_of(evening)[&round];
    let mut seated: Vec<i64> = rooms.values().flatten().copied().collect();
    seated.sort_unstable();
    let before = seated.len();
    seated.dedup();
    assert_eq!(before, seated.len(), "someone sits twice: {rooms:?}");
    assert_eq!(
        seated.into_iter().collect::<BTreeSet<_>>(),
        present(evening),
        "round {round}: {rooms:?}"
    );
    for members in rooms.values() {
        assert!(
            members.len() >= 2 && members.len() + 1 >= k && members.len() <= k + 1,
            "room of {} with room size {k}: {rooms:?}",
            members.len()
        );
    }
}

/// Whether a 4xx problem names `field`.
fn names(v: &Value, field: &str) -> bool {
    v["errors"]
        .as_array()
        .is_some_and(|e| e.iter().any(|f| f["field"] == field))
}

#[tokio::test]
async fn a_lounge_evening_end_to_end_on_every_backend() {
    for db in TestDb::all().await.unwrap() {
        let backend = db.url.split(':').next().unwrap_or("?").to_owned();
        let s = Srv::start(db, None).await;
        let l = setup(&s, 17, json!({"room_size": 3})).await;
        let today = l.today;
        let here = evening_path(today);
        let next_week = today + Duration::days(7);
        let c = l.coordinator.as_str();
        let member = |i: usize| l.people[i].1.as_str();

        // --- bad inputs, each refused and changing nothing ----------------
        let snapshot = s.get(c, &here).await;
        assert_eq!(snapshot["checkins"], json!([]), "{backend}");
        assert_eq!(snapshot["may_run"], true);
        let refusals = vec![
            (
                "unknown organisation",
                Method::POST,
                format!("{here}/checkins"),
                Some(json!({"organization": "gibt-es-nicht", "name": "Gast"})),
                StatusCode::UNPROCESSABLE_ENTITY,
                "organization",
            ),
            (
                "empty name",
                Method::POST,
                format!("{here}/checkins"),
                Some(json!({"organization": l.orgs[15], "name": "   "})),
                StatusCode::UNPROCESSABLE_ENTITY,
                "name",
            ),
            (
                "NUL in the name",
                Method::POST,
                format!("{here}/checkins"),
                Some(json!({"organization": l.orgs[15], "name": "Ga\u{0}st"})),
                StatusCode::UNPROCESSABLE_ENTITY,
                "name",
            ),
            (
                "a date that is no meeting",
                Method::POST,
                format!("{}/checkins", evening_path(today + Duration::days(1))),
                Some(json!({"organization": l.orgs[15], "name": "Gast"})),
                StatusCode::NOT_FOUND,
                "",
            ),
            (
                "a date that is no date",
                Method::POST,
                format!("/api/v1/series/{SERIES}/meetings/2026-13-45/lounge/checkins"),
                Some(json!({"organization": l.orgs[15], "name": "Gast"})),
                StatusCode::BAD_REQUEST,
                "date",
            ),
            (
                "room_size 13",
                Method::POST,
                format!("{here}/rounds"),
                Some(json!({"room_size": 13})),
                StatusCode::UNPROCESSABLE_ENTITY,
                "room_size",
            ),
            (
                "nobody here to draw",
                Method::POST,
                format!("{here}/rounds"),
                Some(json!({})),
                StatusCode::UNPROCESSABLE_ENTITY,
                "checkins",
            ),
        ];
        for (what, method, path, body, status, field) in &refusals {
            let (st, v) = s.call(method.clone(), path, Some(c), body.clone()).await;
            assert_eq!(st, *status, "[{backend}] {what}: {v}");
            assert!(
                field.is_empty() || names(&v, field),
                "[{backend}] {what}: {v}"
            );
        }
        // A plain member: another person, a guest, a draw, another day.
        let other_person = l.people[1].0.person.id;
        for (what, path, body, status) in [
            (
                "a member checks in someone else",
                format!("{here}/checkins"),
                json!({"person": other_person}),
                StatusCode::FORBIDDEN,
            ),
            (
                "a member checks in a guest",
                format!("{here}/checkins"),
                json!({"organization": l.orgs[15], "name": "Gast"}),
                StatusCode::FORBIDDEN,
            ),
            (
                "a member draws",
                format!("{here}/rounds"),
                json!({}),
                StatusCode::FORBIDDEN,
            ),
            (
                "a member checks in next week",
                format!("{}/checkins", evening_path(next_week)),
                json!({}),
                StatusCode::UNPROCESSABLE_ENTITY,
            ),
        ] {
            let (st, v) = s
                .call(Method::POST, &path, Some(member(0)), Some(body))
                .await;
            assert_eq!(st, status, "[{backend}] {what}: {v}");
        }
        // One person alone is too few for a room.
        s.ok(
            member(0),
            Method::POST,
            &format!("{here}/checkins"),
            Some(json!({})),
        )
        .await;
        let (st, v) = s
            .call(
                Method::POST,
                &format!("{here}/rounds"),
                Some(c),
                Some(json!({})),
            )
            .await;
        assert_eq!(st, StatusCode::UNPROCESSABLE_ENTITY, "[{backend}] {v}");
        assert!(names(&v, "checkins"), "{v}");
        assert!(
            v["detail"].as_str().unwrap().contains("1 present"),
            "a clear message: {v}"
        );
        let after = s.get(c, &here).await;
        assert_eq!(after["checkins"].as_array().unwrap().len(), 1, "{after}");
        assert_eq!(after["rounds"], json!([]), "[{backend}] {after}");
        assert_eq!(
            s.get(c, &evening_path(next_week)).await["checkins"],
            json!([])
        );

        // --- check-in: 15 members themselves, a repeat, a guest -----------
        let mut ids = Vec::new();
        for i in 0..15 {
            let (st, v) = s
                .call(
                    Method::POST,
                    &format!("{here}/checkins"),
                    Some(member(i)),
                    Some(json!({})),
                )
                .await;
            assert_eq!(st, StatusCode::CREATED, "[{backend}] {v}");
            ids.push(v["id"].as_i64().unwrap());
        }
        let (st, again) = s
            .call(
                Method::POST,
                &format!("{here}/checkins"),
                Some(member(3)),
                Some(json!({})),
            )
            .await;
        assert_eq!(
            (st, again["id"].as_i64()),
            (StatusCode::CREATED, Some(ids[3]))
        );
        let guest = s
            .ok(
                c,
                Method::POST,
                &format!("{here}/checkins"),
                Some(json!({"organization": l.orgs[15], "name": "Gast von Ort 15"})),
            )
            .await["id"]
            .as_i64()
            .unwrap();
        let ev = s.get(member(2), &here).await;
        assert_eq!(ev["checkins"].as_array().unwrap().len(), 16, "{ev}");
        assert_eq!(ev["my_checkin"], ids[2]);
        assert_eq!(ev["may_run"], false);
        assert!(ev.get("my_video_url").is_none(), "{ev}");
        assert_eq!(
            ev["sample"], false,
            "a real evening is no sample data: {ev}"
        );

        // --- round 1: two draws at once make one round ----------------------
        let rounds_path = format!("{here}/rounds");
        let draw = |body: Value| s.call(Method::POST, &rounds_path, Some(c), Some(body));
        let (a, b) = tokio::join!(draw(json!({"round": 1})), draw(json!({"round": 1})));
        let mut statuses = vec![a.0.as_u16(), b.0.as_u16()];
        statuses.sort_unstable();
        assert_eq!(statuses, vec![200, 201], "[{backend}] {a:?} {b:?}");
        assert_eq!(a.1["round"], 1);
        assert_eq!(b.1["round"], 1);
        assert_ne!(a.1["created"], b.1["created"]);
        let (st, v) = draw(json!({"round": 1})).await;
        assert_eq!(st, StatusCode::OK);
        assert_eq!(v, json!({"round": 1, "created": false}));
        let ev = s.get(c, &here).await;
        assert_eq!(ev["rounds"].as_array().unwrap().len(), 1, "{ev}");
        check_round(&ev, 1, 3);
        let before = rooms_of(&ev)[&1].clone();

        // --- a late joiner, checked in by the coordinator -------------------
        let late_person = l.people[16].0.person.id;
        let late = s
            .ok(
                c,
                Method::POST,
                &format!("{here}/checkins"),
                Some(json!({"person": late_person})),
            )
            .await["id"]
            .as_i64()
            .unwrap();
        let ev = s.get(c, &here).await;
        assert_eq!(ev["waiting"], json!([late]), "{ev}");
        let placed = s
            .ok(c, Method::POST, &format!("{here}/rounds/1/late"), None)
            .await;
        assert_eq!(placed, json!({"placed": 1}), "[{backend}]");
        let ev = s.get(c, &here).await;
        let after = rooms_of(&ev)[&1].clone();
        for (room, members) in &before {
            for k in members {
                assert!(after[room].contains(k), "{k} moved: {before:?} → {after:?}");
            }
        }
        check_round(&ev, 1, 3);
        assert_eq!(ev["waiting"], json!([]));
        let late_room: Vec<_> = ev["rounds"][0]["rooms"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|m| m["late"].as_array().unwrap().contains(&json!(late)))
            .collect();
        assert_eq!(late_room.len(), 1, "{ev}");
        let (_, again) = s
            .call(
                Method::POST,
                &format!("{here}/rounds/1/late"),
                Some(c),
                None,
            )
            .await;
        assert_eq!(again, json!({"placed": 0}));
        // The late joiner sees their room and their way in (no video here:
        // the lounge's own link is missing, so no address).
        let mine = s.get(member(16), &here).await;
        assert_eq!(mine["my_checkin"], late);
        assert_eq!(mine["my_room"][0], 1, "{mine}");

        // --- round 2 meets new people ----------------------------------------
        let (st, v) = draw(json!({})).await;
        assert_eq!(
            (st, v),
            (StatusCode::CREATED, json!({"round": 2, "created": true}))
        );
        let ev = s.get(c, &here).await;
        check_round(&ev, 2, 3);
        let mut met: BTreeMap<(String, String), u32> = BTreeMap::new();
        for p in pairs(&ev, 1) {
            *met.entry(p).or_default() += 1;
        }
        for p in pairs(&ev, 2) {
            assert!(!met.contains_key(&p), "[{backend}] round 2 repeats {p:?}");
        }
        for p in pairs(&ev, 2) {
            *met.entry(p).or_default() += 1;
        }
        assert_eq!(
            guest,
            orgs_of(&ev)
                .iter()
                .find(|(_, o)| **o == l.orgs[15])
                .map(|(k, _)| *k)
                .unwrap()
        );

        // --- next week: everyone again, no pair meets twice ------------------
        let there = evening_path(next_week);
        for (i, (p, _)) in l.people.iter().enumerate() {
            let body = if i == 15 {
                json!({"organization": l.orgs[15], "name": "Gast von Ort 15"})
            } else {
                json!({"person": p.person.id})
            };
            s.ok(c, Method::POST, &format!("{there}/checkins"), Some(body))
                .await;
        }
        let (st, _) = s
            .call(
                Method::POST,
                &format!("{there}/rounds"),
                Some(c),
                Some(json!({})),
            )
            .await;
        assert_eq!(st, StatusCode::CREATED);
        let week = s.get(c, &there).await;
        check_round(&week, 1, 3);
        for p in pairs(&week, 1) {
            assert!(!met.contains_key(&p), "[{backend}] next week repeats {p:?}");
            *met.entry(p).or_default() += 1;
        }

        // --- encounters: exactly what the rooms show -------------------------
        let enc = s
            .get(member(5), &format!("/api/v1/networks/{NETWORK}/encounters"))
            .await;
        let counted: BTreeMap<(String, String), u32> = enc["pairs"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| {
                (
                    (
                        p["a"].as_str().unwrap().to_owned(),
                        p["b"].as_str().unwrap().to_owned(),
                    ),
                    u32::try_from(p["count"].as_u64().unwrap()).unwrap(),
                )
            })
            .collect();
        assert_eq!(counted, met, "[{backend}] {enc}");
        assert_eq!(enc["pairs_met"].as_u64().unwrap(), met.len() as u64);
        assert_eq!(enc["pairs_possible"], 17 * 16 / 2);
        assert_eq!(enc["evenings"], 2);
        assert_eq!(enc["coverage"].as_array().unwrap().len(), 2, "{enc}");
        let last: BTreeSet<&str> = enc["pairs"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p["last"].as_str().unwrap())
            .collect();
        assert!(
            last.iter()
                .all(|d| *d == today.to_string() || *d == next_week.to_string())
        );

        // --- leaving: one's own check-in, not someone else's -----------------
        let (st, _) = s
            .call(
                Method::DELETE,
                &format!("{here}/checkins/{}", ids[4]),
                Some(member(5)),
                None,
            )
            .await;
        assert_eq!(st, StatusCode::FORBIDDEN);
        let (st, _) = s
            .call(
                Method::DELETE,
                &format!("{here}/checkins/{}", ids[4]),
                Some(member(4)),
                None,
            )
            .await;
        assert_eq!(st, StatusCode::NO_CONTENT);
        let (st, _) = s
            .call(
                Method::DELETE,
                &format!("{here}/checkins/999999999"),
                Some(c),
                None,
            )
            .await;
        assert_eq!(st, StatusCode::NOT_FOUND);
        let ev = s.get(c, &here).await;
        assert!(!present(&ev).contains(&ids[4]));
        assert_eq!(
            rooms_of(&ev)[&2]
                .values()
                .flatten()
                .filter(|k| **k == ids[4])
                .count(),
            1
        );

        // --- two draws without a round at once, on another evening ----------
        let third = evening_path(today + Duration::days(14));
        for i in 0..6 {
            s.ok(
                c,
                Method::POST,
                &format!("{third}/checkins"),
                Some(json!({"organization": l.orgs[i], "name": format!("Gast {i}")})),
            )
            .await;
        }
        let third_rounds = format!("{third}/rounds");
        let draw3 = |body: Value| s.call(Method::POST, &third_rounds, Some(c), Some(body));
        let (a, b) = tokio::join!(draw3(json!({})), draw3(json!({})));
        assert!(a.0.is_success() && b.0.is_success(), "{a:?} {b:?}");
        let ev = s.get(c, &third).await;
        let rounds = rooms_of(&ev);
        let numbers: Vec<u64> = rounds.keys().copied().collect();
        assert!(
            numbers == vec![1] || numbers == vec![1, 2],
            "[{backend}] {numbers:?}"
        );
        for n in numbers {
            check_round(&ev, n, 3);
        }
        let _ = &l.admin;
        let _ = &l.admin_token;
    }
}

/// The page address a BigBlueButton link goes through, as the API answers it.
fn enter_page(date: NaiveDate, round: u64, room: u64) -> String {
    format!("/reihen/{SERIES}/{date}/lounge/runden/{round}/raeume/{room}")
}

/// A lounge of six with one round drawn today.
async fn drawn_evening(s: &Srv) -> (Lounge, Value) {
    let l = setup(s, 6, json!({"room_size": 3})).await;
    let here = evening_path(l.today);
    for i in 0..6 {
        s.ok(
            &l.people[i].1,
            Method::POST,
            &format!("{here}/checkins"),
            Some(json!({})),
        )
        .await;
    }
    s.ok(
        &l.coordinator,
        Method::POST,
        &format!("{here}/rounds"),
        Some(json!({})),
    )
    .await;
    let ev = s.get(&l.coordinator, &here).await;
    (l, ev)
}

#[tokio::test]
async fn bigbluebutton_rooms_are_entered_through_the_page_and_keep_the_secret() {
    const SECRET: &str = "bbb-Geheimnis-0123456789abcdef";
    for db in TestDb::all().await.unwrap() {
        let bbb = knotenpunkt_video::testing::BbbServer::start(SECRET).await;
        let provider = knotenpunkt_video::Provider::Bbb {
            url: bbb.url().to_owned(),
            secret: knotenpunkt_video::Secret::new(SECRET.into()),
        };
        let s = Srv::start(db, Some(provider)).await;
        let (l, coordinator_view) = drawn_evening(&s).await;
        let here = evening_path(l.today);
        let mut bodies = vec![coordinator_view.to_string()];
        for (person, token) in &l.people {
            let ev = s.get(token, &here).await;
            bodies.push(ev.to_string());
            let (round, room) = (
                ev["my_room"][0].as_u64().unwrap(),
                ev["my_room"][1].as_u64().unwrap(),
            );
            assert_eq!(ev["my_video_url"], enter_page(l.today, round, room), "{ev}");
            // What the page does: enter through the app as this person.
            let actor = s.dir.actor(&person.person, Scope::Write).await.unwrap();
            let join = s
                .dir
                .app()
                .lounge(&actor)
                .enter(
                    &SERIES.parse().unwrap(),
                    l.today,
                    u32::try_from(round).unwrap(),
                    u32::try_from(room).unwrap(),
                )
                .await
                .unwrap();
            assert!(join.starts_with(bbb.url()), "{join}");
            let res = s.client.get(&join).send().await.unwrap();
            assert_eq!(res.status(), StatusCode::FOUND, "{join}");
            let last = bbb.calls().last().cloned().unwrap();
            assert_eq!(
                (last.name.as_str(), last.returncode.as_str()),
                ("join", "REDIRECT"),
                "{last:?}"
            );
            // Another room is not theirs.
            let other = if room == 1 { 2 } else { 1 };
            assert!(
                s.dir
                    .app()
                    .lounge(&actor)
                    .enter(
                        &SERIES.parse().unwrap(),
                        l.today,
                        u32::try_from(round).unwrap(),
                        u32::try_from(other).unwrap(),
                    )
                    .await
                    .is_err()
            );
        }
        assert_eq!(bbb.meetings().len(), 2, "one BBB meeting per room entered");
        assert!(
            bbb.calls()
                .iter()
                .all(|c| c.message_key.as_deref() != Some("checksumError"))
        );
        for path in [
            format!("/api/v1/series/{SERIES}/lounge"),
            format!("/api/v1/networks/{NETWORK}/encounters"),
            format!("/api/v1/series/{SERIES}/meetings/{}", l.today),
            "/api/openapi.json".to_owned(),
        ] {
            bodies.push(s.get(&l.people[0].1, &path).await.to_string());
        }
        for page in [
            format!("/reihen/{SERIES}"),
            format!("/reihen/{SERIES}/{}", l.today),
            format!("/netzwerke/{NETWORK}"),
        ] {
            let res = s
                .client
                .get(format!("{}{page}", s.base))
                .bearer_auth(&l.people[0].1)
                .send()
                .await
                .unwrap();
            bodies.push(res.text().await.unwrap());
        }
        for b in &bodies {
            assert!(!b.contains(SECRET), "the BBB secret in an answer: {b}");
        }
    }
}

/// The interpreter with PyJWT, or a failure that says how to get one.
fn python() -> String {
    let python = std::env::var("KNOTENPUNKT_TEST_PYTHON").unwrap_or_else(|_| "python3".into());
    let ok = Command::new(&python)
        .args(["-c", "import jwt; jwt.PyJWT"])
        .stderr(std::process::Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    assert!(
        ok,
        "{python} lacks PyJWT (module jwt): run `bash scripts/test`, or set \
         KNOTENPUNKT_TEST_PYTHON to a Python with the packages of \
         crates/web/tests/requirements.txt"
    );
    python
}

/// PyJWT's verdict on `token`, verified with the secret, HS256, audience
/// `jitsi` and the issuer.
fn pyjwt(token: &str, secret: &str, issuer: &str) -> Value {
    const VERIFY: &str = r#"
import json, os, sys
import jwt

token, issuer = sys.argv[1:3]
try:
    claims = jwt.decode(
        token,
        os.environ["KNOTENPUNKT_TEST_JWT_SECRET"],
        algorithms=["HS256"],
        audience="jitsi",
        issuer=issuer,
        options={"require": ["exp", "iat", "nbf", "iss", "aud", "sub"]},
    )
    print(json.dumps({"ok": True, "claims": claims}))
except jwt.InvalidTokenError as error:
    print(json.dumps({"ok": False, "error": type(error).__name__, "message": str(error)}))
"#;
    let output = Command::new(python())
        .args(["-c", VERIFY, token, issuer])
        .env("KNOTENPUNKT_TEST_JWT_SECRET", secret)
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "PyJWT script failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).unwrap()
}

#[tokio::test]
async fn jitsi_links_carry_a_token_for_that_room_only() {
    const SECRET: &str = "jitsi-Lounge-s3cret-0123456789abcdef";
    const APP_ID: &str = "knotenpunkt";
    let python = python();
    assert!(!python.is_empty());
    for db in TestDb::all().await.unwrap() {
        let provider =
            knotenpunkt_video::Provider::from_settings(&knotenpunkt_video::VideoSettings {
                jitsi_url: Some("https://meet.example.org".into()),
                jitsi_app_id: Some(APP_ID.into()),
                jitsi_secret: Some(SECRET.into()),
                ..Default::default()
            })
            .unwrap()
            .unwrap();
        let s = Srv::start(db, Some(provider)).await;
        let (l, coordinator_view) = drawn_evening(&s).await;
        assert!(!coordinator_view.to_string().contains(SECRET));
        let here = evening_path(l.today);
        let rooms = coordinator_view["rounds"][0]["rooms"].as_array().unwrap();
        for (_, token) in &l.people {
            let ev = s.get(token, &here).await;
            let text = ev.to_string();
            assert!(!text.contains(SECRET));
            let room = ev["my_room"][1].as_u64().unwrap();
            let room_name = rooms.iter().find(|m| m["number"] == room).unwrap()["video_room"]
                .as_str()
                .unwrap()
                .to_owned();
            let url = ev["my_video_url"].as_str().unwrap();
            let (address, jwt) = url.split_once("?jwt=").unwrap();
            assert_eq!(address, format!("https://meet.example.org/{room_name}"));
            let verdict = pyjwt(jwt, SECRET, APP_ID);
            assert_eq!(verdict["ok"], true, "PyJWT refused the token: {verdict}");
            assert_eq!(verdict["claims"]["room"], room_name.as_str(), "{verdict}");
            // The token is for that room only: no other room's name in it.
            for m in rooms {
                let other = m["video_room"].as_str().unwrap();
                if other != room_name {
                    assert!(!verdict["claims"].to_string().contains(other));
                    assert!(!text.contains(other), "another room's name: {text}");
                }
            }
            // A wrong secret fails.
            assert_eq!(pyjwt(jwt, "falsch", APP_ID)["ok"], false);
        }
    }
}
