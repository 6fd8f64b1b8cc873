//! The engine's bounds: a request just over a bound is refused with the error that names it,
//! before anything proportional to it is built; a request at the bound is not refused for size.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::time::{Duration, Instant};

use knotenpunkt_matching::{
    Error, Limits, MAX_ABSENT, MAX_APART_PAIRS, MAX_HISTORY_DAYS, MAX_HISTORY_ROOM_SIZE,
    MAX_HISTORY_ROUNDS, MAX_HISTORY_SEATS, MAX_MIX_KEYS, MAX_PARTICIPANTS, MAX_ROOM_SIZE,
    MAX_ROUNDS, MAX_SEATED_IDS, MAX_TOGETHER_IDS, MIN_ROOM_SIZE, MixKey, Participant, PastRound,
    Request, plan,
};

fn people(n: usize) -> Vec<Participant> {
    (0..n).map(|i| Participant::new(format!("p{i}"))).collect()
}

/// A small request (12 people, rooms of 3) with fast limits.
fn small() -> Request {
    let mut req = Request::new(people(12), 3);
    req.limits = Limits {
        time_limit: None,
        max_iterations: Some(50),
        max_stall: Some(50),
    };
    req
}

fn too_large(req: &Request) -> (&'static str, usize, usize) {
    match plan(req) {
        Err(Error::TooLarge { what, limit, got }) => (what, limit, got),
        other => panic!("expected TooLarge, got {other:?}"),
    }
}

fn not_too_large(req: &Request) {
    if let Err(e @ (Error::TooLarge { .. } | Error::RoomSizeTooLarge { .. })) = plan(req) {
        panic!("refused at the bound: {e}");
    }
}

#[test]
fn participants_are_bounded() {
    let mut req = small();
    req.participants = people(MAX_PARTICIPANTS + 1);
    let t0 = Instant::now();
    assert_eq!(
        too_large(&req),
        ("participants", MAX_PARTICIPANTS, MAX_PARTICIPANTS + 1)
    );
    assert!(t0.elapsed() < Duration::from_millis(100), "refused late");
    assert_eq!(
        plan(&req).unwrap_err().to_string(),
        format!(
            "too many participants: {} (at most {MAX_PARTICIPANTS})",
            MAX_PARTICIPANTS + 1
        )
    );
}

/// At the bound: 5,000 participants in rooms of 12, one round, a tight time limit.
#[test]
fn participants_at_the_bound_are_planned() {
    let mut req = small();
    req.participants = people(MAX_PARTICIPANTS);
    req.room_size = MAX_ROOM_SIZE;
    req.limits = Limits {
        time_limit: Some(Duration::from_millis(200)),
        max_iterations: None,
        max_stall: None,
    };
    let p = plan(&req).unwrap();
    assert_eq!(
        p.rounds[0].rooms.iter().map(Vec::len).sum::<usize>(),
        MAX_PARTICIPANTS
    );
}

#[test]
fn room_size_is_bounded_both_ways() {
    let mut req = small();
    req.room_size = MIN_ROOM_SIZE - 1;
    assert!(matches!(
        plan(&req),
        Err(Error::RoomSizeTooSmall { room_size: 1 })
    ));
    req.room_size = MAX_ROOM_SIZE + 1;
    let err = plan(&req).unwrap_err();
    assert_eq!(
        err,
        Error::RoomSizeTooLarge {
            room_size: MAX_ROOM_SIZE + 1,
            max: MAX_ROOM_SIZE
        }
    );
    assert!(err.to_string().contains("at most 12"), "{err}");
    req.participants = people(2 * MAX_ROOM_SIZE);
    req.room_size = MAX_ROOM_SIZE;
    not_too_large(&req);
    req.room_size = MIN_ROOM_SIZE;
    not_too_large(&req);
}

#[test]
fn rounds_are_bounded_even_when_absurd() {
    let mut req = small();
    req.rounds = MAX_ROUNDS + 1;
    assert_eq!(too_large(&req), ("rounds", MAX_ROUNDS, MAX_ROUNDS + 1));
    // Nothing is allocated for a billion rounds: the refusal is immediate.
    req.rounds = 1_000_000_000;
    let t0 = Instant::now();
    assert_eq!(too_large(&req).0, "rounds");
    assert!(t0.elapsed() < Duration::from_millis(50));
    req.rounds = MAX_ROUNDS;
    not_too_large(&req);
}

fn history_round(days_ago: u32, rooms: usize, size: usize) -> PastRound {
    PastRound {
        days_ago,
        rooms: (0..rooms)
            .map(|r| {
                (0..size)
                    .map(|i| format!("p{}", (r * size + i) % 12))
                    .collect()
            })
            .collect(),
    }
}

#[test]
fn history_age_is_bounded() {
    let mut req = small();
    req.history = vec![
        history_round(7, 1, 3),
        history_round(MAX_HISTORY_DAYS + 1, 1, 3),
    ];
    assert_eq!(
        plan(&req).unwrap_err(),
        Error::HistoryTooOld {
            round: 2,
            days_ago: MAX_HISTORY_DAYS + 1,
            max: MAX_HISTORY_DAYS
        }
    );
    req.history[1].days_ago = MAX_HISTORY_DAYS;
    not_too_large(&req);
    plan(&req).unwrap();
}

#[test]
fn history_rounds_are_bounded() {
    let mut req = small();
    req.history = vec![history_round(7, 1, 2); MAX_HISTORY_ROUNDS + 1];
    assert_eq!(
        too_large(&req),
        ("history rounds", MAX_HISTORY_ROUNDS, MAX_HISTORY_ROUNDS + 1)
    );
    req.history.pop();
    plan(&req).unwrap();
}

#[test]
fn history_seats_and_rooms_are_bounded() {
    let mut req = small();
    // MAX_HISTORY_SEATS + 1 seats in rooms of 2 over few rounds.
    let rooms = MAX_HISTORY_SEATS / 2 / 1000;
    req.history = vec![history_round(7, rooms, 2); 1000];
    req.history.push(history_round(7, 1, 1));
    assert_eq!(
        too_large(&req),
        ("history seats", MAX_HISTORY_SEATS, MAX_HISTORY_SEATS + 1)
    );
    req.history.pop();
    // Exactly at the bound: not refused for size (the plan itself is then computed).
    not_too_large(&req);

    let mut req = small();
    req.history = vec![history_round(7, 1, MAX_HISTORY_ROOM_SIZE + 1)];
    assert_eq!(
        too_large(&req),
        (
            "seats in a history room",
            MAX_HISTORY_ROOM_SIZE,
            MAX_HISTORY_ROOM_SIZE + 1
        )
    );
    req.history = vec![history_round(7, 1, MAX_HISTORY_ROOM_SIZE)];
    plan(&req).unwrap();
}

#[test]
fn constraints_are_bounded() {
    let mut req = small();
    req.absent = (0..=MAX_ABSENT).map(|i| format!("gone{i}")).collect();
    assert_eq!(too_large(&req), ("absent ids", MAX_ABSENT, MAX_ABSENT + 1));
    req.absent.pop();
    plan(&req).unwrap();

    let mut req = small();
    req.apart = vec![("p0".to_owned(), "p1".to_owned()); MAX_APART_PAIRS + 1];
    assert_eq!(
        too_large(&req),
        ("apart pairs", MAX_APART_PAIRS, MAX_APART_PAIRS + 1)
    );
    req.apart.pop();
    plan(&req).unwrap();

    let mut req = small();
    req.together = vec![vec!["p0".to_owned(), "p1".to_owned()]; MAX_TOGETHER_IDS / 2];
    req.together.push(vec!["p2".to_owned()]);
    assert_eq!(
        too_large(&req),
        (
            "ids in together groups",
            MAX_TOGETHER_IDS,
            MAX_TOGETHER_IDS + 1
        )
    );
    req.together.pop();
    plan(&req).unwrap();

    let mut req = small();
    req.seated = vec![vec!["p0".to_owned()]; MAX_SEATED_IDS + 1];
    assert_eq!(
        too_large(&req),
        ("ids in seated rooms", MAX_SEATED_IDS, MAX_SEATED_IDS + 1)
    );
    req.seated.pop();
    // At the bound the request is refused, but for what it says (p0 seated twice).
    assert!(matches!(plan(&req), Err(Error::Contradiction { .. })));

    let mut req = small();
    req.mix = vec![MixKey::Cohort; MAX_MIX_KEYS + 1];
    assert_eq!(
        too_large(&req),
        ("mix keys", MAX_MIX_KEYS, MAX_MIX_KEYS + 1)
    );
    req.mix.pop();
    plan(&req).unwrap();
}
