//! The After Work Lounge's use cases on both backends: who may check in and
//! draw, that an evening's rounds seat everyone exactly once, that late
//! joiners leave the seated where they are, that a double draw makes one
//! round, and that the demo's sample evenings avoid repeat encounters.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::collections::{BTreeSet, HashMap};
use std::sync::Arc;

use chrono::{NaiveDate, TimeZone, Utc};
use knotenpunkt_app::access::{Actor, Denial, NetworkRole as AccessRole, Scope};
use knotenpunkt_app::domain::{LoungeSettings, NetworkRole, Slug};
use knotenpunkt_app::testing::{admin, invited};
use knotenpunkt_app::{App, AppError, CheckIn, DrawRequest, Evening, ManualClock, load_demo};
use knotenpunkt_store::testing::TestDb;

const MSC: &str = "modellprojekte-smart-cities";
const LOUNGE: &str = "after-work-lounge";

fn slug(s: &str) -> Slug {
    s.parse().unwrap()
}

fn date(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

/// Organisation pairs that share a room in `round` of `evening`.
fn pairs(evening: &Evening, round: u32) -> BTreeSet<(Slug, Slug)> {
    let org: HashMap<i64, Slug> = evening
        .checkins
        .iter()
        .map(|p| (p.id, p.organization.clone()))
        .collect();
    let mut out = BTreeSet::new();
    let r = evening.rounds.iter().find(|r| r.number == round).unwrap();
    for room in &r.rooms {
        let orgs: BTreeSet<&Slug> = room.members.iter().map(|k| &org[k]).collect();
        let orgs: Vec<&Slug> = orgs.into_iter().collect();
        for (i, a) in orgs.iter().enumerate() {
            for b in &orgs[i + 1..] {
                out.insert(((*a).clone(), (*b).clone()));
            }
        }
    }
    out
}

/// Every present participant sits in exactly one room of `round`.
fn assert_seated_once(evening: &Evening, round: u32) {
    let r = evening.rounds.iter().find(|r| r.number == round).unwrap();
    let mut seen = BTreeSet::new();
    for room in &r.rooms {
        assert!(room.members.len() >= 2, "a room of one: {room:?}");
        for k in &room.members {
            assert!(
                seen.insert(*k),
                "check-in {k} seated twice in round {round}"
            );
        }
    }
    for p in evening.checkins.iter().filter(|p| p.present) {
        assert!(
            seen.contains(&p.id),
            "{} not seated in round {round}",
            p.name
        );
    }
}

#[tokio::test]
async fn demo_evenings_are_filled_and_avoid_repeats() {
    for db in TestDb::all().await.unwrap() {
        let app = App::new(db.store.clone());
        load_demo(&app).await.unwrap().unwrap();
        let op = app.lounge(&App::operator());
        let mut met = BTreeSet::new();
        let mut evenings = 0;
        for day in ["2026-11-11", "2026-11-18", "2026-11-25", "2026-12-02"] {
            let Ok(e) = op.evening(&slug(LOUNGE), date(day)).await else {
                continue;
            };
            if e.rounds.is_empty() {
                continue;
            }
            evenings += 1;
            assert_eq!(e.rounds.len(), 2, "{day}");
            for round in [1, 2] {
                assert_seated_once(&e, round);
                let p = pairs(&e, round);
                // 12–17 projects, rooms of 3: nobody need meet anyone twice.
                let again: Vec<_> = p.intersection(&met).collect();
                assert!(again.is_empty(), "{day} round {round} repeats {again:?}");
                met.extend(p);
            }
            assert!(
                e.checkins
                    .iter()
                    .all(|p| p.name.starts_with("Beispielperson"))
            );
        }
        assert!(evenings >= 3, "the demo has sample evenings");
        let enc = op.encounters(&slug(MSC)).await.unwrap();
        assert_eq!(enc.pairs.len(), met.len());
        assert_eq!(enc.evenings, evenings);
        assert!(enc.pairs_met > 0 && enc.pairs_met <= enc.pairs_possible);
        let history = op.history(&slug(MSC)).await.unwrap();
        assert_eq!(
            history["history"].as_array().unwrap().len(),
            2 * evenings as usize
        );
    }
}

#[tokio::test]
async fn an_evening_from_check_in_to_next_week() {
    for db in TestDb::all().await.unwrap() {
        // Wednesday 2026-12-09, 18:00 in Berlin.
        let clock = Arc::new(ManualClock::new(
            Utc.with_ymd_and_hms(2026, 12, 9, 17, 0, 0).unwrap(),
        ));
        let app = App::new(db.store.clone()).with_clock(clock.clone());
        load_demo(&app).await.unwrap().unwrap();
        let dir = app.directory(&App::operator());
        let boss = admin(&dir, "admin@test.example").await.unwrap();
        let tonight = date("2026-12-09");
        let series = slug(LOUNGE);

        // Members of Ulm and Kiel with accounts; an outsider of another network.
        let ulm = invited(
            &dir,
            &boss,
            "ulm@test.example",
            Some("ulm"),
            MSC,
            Some(NetworkRole::Member),
        )
        .await
        .unwrap();
        let ulm = dir.actor(&ulm.person, Scope::Write).await.unwrap();
        let outsider = invited(
            &dir,
            &boss,
            "out@test.example",
            Some("speyer"),
            "ikone-ds",
            Some(NetworkRole::Member),
        )
        .await
        .unwrap();
        let outsider = dir.actor(&outsider.person, Scope::Write).await.unwrap();
        let coordinator = Actor::signed_in(0).with_role(MSC, AccessRole::Coordinator);

        // Visitors are asked to sign in; outsiders learn nothing.
        assert!(matches!(
            app.lounge(&Actor::anonymous())
                .evening(&series, tonight)
                .await,
            Err(AppError::Denied(Denial::SignIn))
        ));
        assert_eq!(ulm.roles.get(MSC), Some(&AccessRole::Member));
        assert!(matches!(
            app.lounge(&outsider).evening(&series, tonight).await,
            Err(AppError::NotFound { .. })
        ));

        // A member checks in on the day; twice changes nothing.
        let me = app.lounge(&ulm);
        let first = me
            .check_in(&series, tonight, &CheckIn::default())
            .await
            .unwrap();
        let again = me
            .check_in(&series, tonight, &CheckIn::default())
            .await
            .unwrap();
        assert_eq!(first, again);
        // …but not another organisation, and not on another day.
        let other = CheckIn {
            organization: Some(slug("kiel")),
            name: Some("Jemand".into()),
            ..Default::default()
        };
        assert!(matches!(
            me.check_in(&series, tonight, &other).await,
            Err(AppError::Denied(Denial::Forbidden))
        ));
        assert!(matches!(
            me.check_in(&series, date("2026-12-16"), &CheckIn::default())
                .await,
            Err(AppError::Invalid(_))
        ));
        // A member may not draw.
        assert!(matches!(
            me.draw(&series, tonight, &DrawRequest::default()).await,
            Err(AppError::Denied(Denial::Forbidden))
        ));

        // The coordinator checks in 14 more projects (one with a bad name).
        let run = app.lounge(&coordinator);
        let bad = CheckIn {
            organization: Some(slug("kiel")),
            name: Some("a\0b".into()),
            ..Default::default()
        };
        assert!(matches!(
            run.check_in(&series, tonight, &bad).await,
            Err(AppError::Invalid(_))
        ));
        let not_member = CheckIn {
            organization: Some(slug("speyer")),
            name: Some("Gast".into()),
            ..Default::default()
        };
        assert!(matches!(
            run.check_in(&series, tonight, &not_member).await,
            Err(AppError::Invalid(_))
        ));
        let members = app
            .directory(&App::operator())
            .network_page(&slug(MSC))
            .await
            .unwrap();
        let orgs: Vec<Slug> = members
            .groups
            .iter()
            .flat_map(|g| g.members.iter().map(|m| m.organization.slug.clone()))
            .filter(|o| o.as_str() != "ulm")
            .take(16)
            .collect();
        for o in &orgs[..14] {
            run.check_in(
                &series,
                tonight,
                &CheckIn {
                    organization: Some(o.clone()),
                    name: Some(format!("Gast {o}")),
                    ..Default::default()
                },
            )
            .await
            .unwrap();
        }

        // Round 1; the same click again draws nothing.
        let one = DrawRequest {
            round: Some(1),
            ..Default::default()
        };
        let (a, b) = tokio::join!(
            run.draw(&series, tonight, &one),
            run.draw(&series, tonight, &one)
        );
        let created = [a.unwrap(), b.unwrap()]
            .iter()
            .filter(|d| d.created)
            .count();
        assert_eq!(created, 1, "two clicks make one round");
        let e = run.evening(&series, tonight).await.unwrap();
        assert_eq!(e.rounds.len(), 1);
        assert_seated_once(&e, 1);
        assert!(
            e.rounds[0]
                .rooms
                .iter()
                .all(|r| (2..=4).contains(&r.members.len()))
        );
        assert!(e.rounds[0].rooms.iter().all(|r| r.video_room.is_some()));
        let mine = me.evening(&series, tonight).await.unwrap();
        assert!(mine.my_room.is_some());
        let seated_before: Vec<Vec<i64>> = e.rounds[0]
            .rooms
            .iter()
            .map(|r| r.members.clone())
            .collect();

        // Two late joiners: placed, nobody moved.
        for o in &orgs[14..16] {
            run.check_in(
                &series,
                tonight,
                &CheckIn {
                    organization: Some(o.clone()),
                    name: Some(format!("Spät {o}")),
                    ..Default::default()
                },
            )
            .await
            .unwrap();
        }
        assert_eq!(
            run.evening(&series, tonight).await.unwrap().waiting.len(),
            2
        );
        assert_eq!(run.place_late(&series, tonight, 1).await.unwrap(), 2);
        let e = run.evening(&series, tonight).await.unwrap();
        assert_seated_once(&e, 1);
        for (before, room) in seated_before.iter().zip(&e.rounds[0].rooms) {
            assert!(
                before.iter().all(|k| room.members.contains(k)),
                "someone moved"
            );
        }
        assert!(e.waiting.is_empty());
        assert_eq!(run.place_late(&series, tonight, 1).await.unwrap(), 0);

        // Someone leaves; round 2 is drawn from who is still here, without
        // a repeat of round 1.
        run.check_out(&series, tonight, e.checkins[3].id)
            .await
            .unwrap();
        let drawn = run
            .draw(&series, tonight, &DrawRequest::default())
            .await
            .unwrap();
        assert_eq!((drawn.round, drawn.created), (2, true));
        let e = run.evening(&series, tonight).await.unwrap();
        assert_seated_once(&e, 2);
        let gone = e.checkins[3].id;
        assert!(e.rounds[1].rooms.iter().all(|r| !r.members.contains(&gone)));
        let repeats: Vec<_> = pairs(&e, 2).intersection(&pairs(&e, 1)).cloned().collect();
        assert!(repeats.is_empty(), "round 2 repeats {repeats:?}");

        // Bad draws change nothing.
        let too_big = DrawRequest {
            room_size: Some(13),
            ..Default::default()
        };
        assert!(matches!(
            run.draw(&series, tonight, &too_big).await,
            Err(AppError::Invalid(_))
        ));
        assert!(matches!(
            run.draw(&series, date("2026-12-10"), &DrawRequest::default())
                .await,
            Err(AppError::NotFound { .. })
        ));
        assert_eq!(run.evening(&series, tonight).await.unwrap().rounds.len(), 2);

        // Settings: only a network's coordinators change them.
        assert!(
            me.set_settings(&series, Some(&LoungeSettings::default()))
                .await
                .is_err()
        );
    }
}
