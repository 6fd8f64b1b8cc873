//! The worst case within the bounds for memory — 5,000 participants in rooms of 2,
//! 50 rounds, mixed by an attribute with 5,000 values, with history at the seat bound — planned
//! with a time limit of 1 s. Run under `/usr/bin/time -v` to see the peak memory:
//! `cargo run --release -p knotenpunkt-matching --example worst_case`.
#![allow(clippy::unwrap_used)]

use std::time::{Duration, Instant};

use knotenpunkt_matching::{
    Limits, MAX_HISTORY_SEATS, MAX_PARTICIPANTS, MAX_ROUNDS, MIN_ROOM_SIZE, MixKey, Participant,
    PastRound, Request, plan,
};

fn main() {
    let participants: Vec<Participant> = (0..MAX_PARTICIPANTS)
        .map(|i| Participant {
            attrs: [("org".to_owned(), i.to_string())].into(),
            ..Participant::new(format!("p{i}"))
        })
        .collect();
    let mut req = Request::new(participants, MIN_ROOM_SIZE);
    req.rounds = MAX_ROUNDS;
    req.mix = vec![MixKey::Attr("org".to_owned())];
    let weeks = MAX_HISTORY_SEATS / MAX_PARTICIPANTS;
    req.history = (0..weeks)
        .map(|w| PastRound {
            days_ago: 7 * (w as u32 + 1),
            rooms: (0..MAX_PARTICIPANTS / 4)
                .map(|r| {
                    (0..4)
                        .map(|i| format!("p{}", (r * 4 + i + w * 7 * (i + 1)) % MAX_PARTICIPANTS))
                        .collect()
                })
                .collect(),
        })
        .collect();
    req.limits = Limits {
        time_limit: Some(Duration::from_secs(1)),
        max_iterations: None,
        max_stall: None,
    };
    let t0 = Instant::now();
    let p = plan(&req);
    eprintln!(
        "worst case: {:?}, {:?}",
        t0.elapsed(),
        p.map(|p| (p.stop, p.score))
    );
}
