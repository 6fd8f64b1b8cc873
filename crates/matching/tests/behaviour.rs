//! Scenarios and error cases of the matching engine.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::collections::HashMap;

use knotenpunkt_matching::{
    Error, Limits, MixKey, Participant, PastRound, Request, StopReason, UnitPolicy, plan,
    recency_weight, repeat_cost, score,
};

fn people(n: usize) -> Vec<Participant> {
    (0..n).map(|i| Participant::new(format!("p{i}"))).collect()
}

fn ids(v: &[&str]) -> Vec<String> {
    v.iter().map(|s| (*s).to_owned()).collect()
}

#[test]
fn kirkman_schoolgirls_are_solved_and_stop_at_zero() {
    let mut req = Request::new(people(15), 3);
    req.rounds = 7;
    req.force_size = true;
    req.seed = 1;
    req.limits = Limits {
        time_limit: None,
        max_iterations: Some(200_000),
        max_stall: None,
    };
    let p = plan(&req).unwrap();
    assert_eq!(p.score.repeat_pairs, 0);
    assert_eq!(p.score.max_pair_meetings, 1);
    assert_eq!(p.stop, StopReason::Optimal);
    assert!(p.iterations < 200_000);
}

#[test]
fn history_is_avoided_and_recent_meetings_weigh_more() {
    // 9 people, rooms of 3; last week's rooms must not repeat a pair.
    let mut req = Request::new(people(9), 3);
    req.history = vec![PastRound {
        days_ago: 7,
        rooms: vec![
            ids(&["p0", "p1", "p2"]),
            ids(&["p3", "p4", "p5"]),
            ids(&["p6", "p7", "p8"]),
        ],
    }];
    let p = plan(&req).unwrap();
    assert_eq!(p.score.repeat_pairs, 0, "{:?}", p.rounds);
    // With 6 people two repeats are unavoidable; the engine picks the older meetings.
    let mut req = Request::new(people(6), 3);
    req.limits.max_iterations = Some(2000);
    req.history = vec![
        PastRound {
            days_ago: 7,
            rooms: vec![ids(&["p0", "p1", "p2"]), ids(&["p3", "p4", "p5"])],
        },
        PastRound {
            days_ago: 300,
            rooms: vec![ids(&["p0", "p3"]), ids(&["p1", "p4"])],
        },
    ];
    let p = plan(&req).unwrap();
    assert_eq!(p.score.repeat_pairs, 2, "{:?}", p.rounds);
    // Exactly two of last week's pairs; last year's pairs p0–p3 and p1–p4 are avoided.
    let two_recent = 2.0 * repeat_cost(recency_weight(7), 1);
    assert!((p.score.cost - two_recent).abs() < 1e-9, "{:?}", p.score);
    assert!(recency_weight(7) > recency_weight(365));
    assert!(recency_weight(365) > 0.0);
    // Superlinear: meeting a third time costs more than two second meetings.
    assert!(repeat_cost(2.0, 1) > 2.0 * repeat_cost(1.0, 1));
    assert_eq!(repeat_cost(0.0, 1), 0.0);
}

#[test]
fn rooms_mix_cohorts_when_possible() {
    let mut ps = people(12);
    for (i, p) in ps.iter_mut().enumerate() {
        p.cohort = Some(if i < 6 { "2019" } else { "2020" }.to_owned());
    }
    let mut req = Request::new(ps, 3);
    req.mix = vec![MixKey::Cohort];
    req.rounds = 2;
    let p = plan(&req).unwrap();
    assert_eq!(p.score.unmixed_rooms, 0, "{:?}", p.rounds);
    assert_eq!(p.score.repeat_pairs, 0);
}

#[test]
fn room_sizes_are_even() {
    for (n, k, expect) in [
        (10, 4, vec![3, 3, 4]),
        (7, 3, vec![3, 4]),
        (5, 3, vec![2, 3]),
        (12, 4, vec![4, 4, 4]),
        (2, 3, vec![2]),
    ] {
        let p = plan(&Request::new(people(n), k)).unwrap();
        let mut sizes: Vec<usize> = p.rounds[0].rooms.iter().map(Vec::len).collect();
        sizes.sort_unstable();
        assert_eq!(sizes, expect, "n = {n}, k = {k}");
    }
}

#[test]
fn late_joiners_are_added_without_moving_anyone() {
    let mut req = Request::new(people(11), 3);
    req.seated = vec![ids(&["p0", "p1", "p2"]), ids(&["p3", "p4", "p5"])];
    req.limits.max_iterations = Some(3000);
    req.history = vec![PastRound {
        days_ago: 7,
        rooms: vec![ids(&["p6", "p0"]), ids(&["p7", "p3"])],
    }];
    let p = plan(&req).unwrap();
    let rooms = &p.rounds[0].rooms;
    let room_of: HashMap<&str, usize> = rooms
        .iter()
        .enumerate()
        .flat_map(|(r, room)| room.iter().map(move |x| (x.as_str(), r)))
        .collect();
    assert_eq!(room_of["p0"], room_of["p1"]);
    assert_eq!(room_of["p1"], room_of["p2"]);
    assert_eq!(room_of["p3"], room_of["p5"]);
    assert_ne!(room_of["p0"], room_of["p3"]);
    // Five newcomers: one new room of 3, the other two join the open rooms (one each).
    assert_eq!(rooms.len(), 3, "{rooms:?}");
    assert!(rooms.iter().all(|r| r.len() <= 4), "{rooms:?}");
    assert_eq!(p.score.repeat_pairs, 0, "{rooms:?}");
}

#[test]
fn units_are_kept_together_or_apart() {
    let mut ps = people(8);
    ps[0].unit = Some("ulm".into());
    ps[1].unit = Some("ulm".into());
    let mut req = Request::new(ps.clone(), 4);
    let p = plan(&req).unwrap();
    let together = p.rounds[0]
        .rooms
        .iter()
        .any(|r| r.contains(&"p0".into()) && r.contains(&"p1".into()));
    assert!(together);
    req.units = UnitPolicy::Apart;
    let p = plan(&req).unwrap();
    let together = p.rounds[0]
        .rooms
        .iter()
        .any(|r| r.contains(&"p0".into()) && r.contains(&"p1".into()));
    assert!(!together);
}

#[test]
fn hard_constraints_hold() {
    let mut req = Request::new(people(9), 3);
    req.rounds = 3;
    req.apart = vec![("p0".into(), "p1".into()), ("p0".into(), "p2".into())];
    req.together = vec![ids(&["p3", "p4"])];
    let p = plan(&req).unwrap();
    assert_eq!(
        p.score.repeat_pairs, 0,
        "p3 and p4 are forced together: no repeat"
    );
    for round in &p.rounds {
        for room in &round.rooms {
            let has = |x: &str| room.iter().any(|y| y == x);
            assert!(!(has("p0") && has("p1")));
            assert!(!(has("p0") && has("p2")));
            assert_eq!(has("p3"), has("p4"));
        }
    }
}

#[test]
fn errors_name_the_constraint() {
    let base = Request::new(people(6), 3);

    let mut r = base.clone();
    r.room_size = 1;
    assert_eq!(plan(&r), Err(Error::RoomSizeTooSmall { room_size: 1 }));

    let mut r = base.clone();
    r.participants.push(Participant::new("p0"));
    assert_eq!(plan(&r), Err(Error::DuplicateId { id: "p0".into() }));

    let mut r = base.clone();
    r.history = vec![PastRound {
        days_ago: 3,
        rooms: vec![ids(&["p0", "ghost"])],
    }];
    let err = plan(&r).unwrap_err();
    assert!(
        matches!(&err, Error::UnknownId { id, .. } if id == "ghost"),
        "{err}"
    );
    assert!(err.to_string().contains("history round 1"), "{err}");
    r.absent = vec!["ghost".into()];
    assert!(plan(&r).is_ok(), "absent ids may appear in the history");

    let mut r = base.clone();
    r.apart = vec![("p0".into(), "nobody".into())];
    assert!(
        matches!(plan(&r), Err(Error::UnknownId { id, place }) if id == "nobody" && place == "apart pair 1")
    );

    let r = Request::new(people(1), 3);
    assert_eq!(
        plan(&r),
        Err(Error::TooFewParticipants {
            present: 1,
            needed: 2
        })
    );

    let mut r = base.clone();
    r.room_size = 4;
    r.force_size = true;
    assert!(matches!(plan(&r), Err(Error::ForcedSizeIndivisible { .. })));

    let mut r = base.clone();
    r.together = vec![ids(&["p0", "p1"])];
    r.apart = vec![("p1".into(), "p0".into())];
    let err = plan(&r).unwrap_err();
    assert!(matches!(err, Error::Contradiction { .. }), "{err}");
    assert!(err.to_string().contains("together group 1"), "{err}");

    let mut r = base.clone();
    r.together = vec![ids(&["p0", "p1", "p2", "p3", "p4"])];
    assert!(matches!(plan(&r), Err(Error::Infeasible { .. })));

    let mut r = base.clone();
    r.rounds = 0;
    assert_eq!(plan(&r), Err(Error::NoRounds));

    // Three people who must all be apart, but only two rooms.
    let mut r = base;
    r.apart = vec![
        ("p0".into(), "p1".into()),
        ("p0".into(), "p2".into()),
        ("p1".into(), "p2".into()),
    ];
    r.limits.max_iterations = Some(2000);
    let err = plan(&r).unwrap_err();
    assert!(matches!(err, Error::Infeasible { .. }), "{err}");
}

#[test]
fn score_rejects_invalid_plans() {
    let req = Request::new(people(4), 2);
    let p = plan(&req).unwrap();
    let mut broken = p.rounds.clone();
    broken[0].rooms[0].pop();
    assert!(matches!(
        score(&req, &broken),
        Err(Error::InvalidPlan { .. })
    ));
    assert_eq!(score(&req, &p.rounds).unwrap(), p.score);
}

#[test]
fn rooms_mix_with_two_values_where_that_suffices() {
    // Cohorts A A B B C C in rooms of 3, no history: every plan is free of repeats and mixed,
    // but rooms of two cohorts spend one pair within a cohort each, which later evenings
    // cannot put into mixed rooms as easily (SPREAD_WEIGHT).
    let mut ps = people(6);
    for (i, p) in ps.iter_mut().enumerate() {
        p.cohort = Some(["a", "b", "c"][i / 2].to_owned());
    }
    for seed in 0..5 {
        let mut req = Request::new(ps.clone(), 3);
        req.mix = vec![MixKey::Cohort];
        req.seed = seed;
        let p = plan(&req).unwrap();
        for room in &p.rounds[0].rooms {
            let mut cohorts: Vec<usize> = room
                .iter()
                .map(|id| id[1..].parse::<usize>().unwrap() / 2)
                .collect();
            cohorts.sort_unstable();
            cohorts.dedup();
            assert_eq!(cohorts.len(), 2, "seed {seed}: {:?}", p.rounds[0].rooms);
        }
    }
}

#[test]
fn regulars_meet_the_rare_guests_first() {
    // p0–p3 came to all four past evenings (each time with someone absent today), p4–p7 only to
    // the first. Rooms of 2 and no repeat possible either way: each regular sits with a guest,
    // rather than two regulars together, who will have many evenings to meet (FLEX_WEIGHT).
    let mut req = Request::new(people(8), 2);
    req.absent = (0..16).map(|i| format!("x{i}")).collect();
    req.history = (0..4)
        .map(|w| PastRound {
            days_ago: 7 * (w + 1),
            rooms: (0..if w == 0 { 8 } else { 4 })
                .map(|p| vec![format!("p{p}"), format!("x{}", 4 * w + p % 4)])
                .collect(),
        })
        .collect();
    for seed in 0..10 {
        req.seed = seed;
        let p = plan(&req).unwrap();
        assert_eq!(p.score.repeat_pairs, 0);
        for room in &p.rounds[0].rooms {
            let regulars = room
                .iter()
                .filter(|id| id[1..].parse::<u32>().unwrap() < 4)
                .count();
            assert_eq!(regulars, 1, "seed {seed}: {:?}", p.rounds[0].rooms);
        }
    }
}
