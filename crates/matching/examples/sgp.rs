//! Solves one Social Golfer instance: `cargo run --release -p knotenpunkt-matching --example sgp -- G P W SECONDS SEED`.
#![allow(clippy::unwrap_used)]
use knotenpunkt_matching::*;
use std::time::{Duration, Instant};
fn main() {
    let a: Vec<usize> = std::env::args()
        .skip(1)
        .map(|s| s.parse().unwrap())
        .collect();
    let (g, p, w, secs, seed) = (a[0], a[1], a[2], a[3], a[4] as u64);
    let people = (0..g * p)
        .map(|i| Participant::new(i.to_string()))
        .collect();
    let mut req = Request::new(people, p);
    req.force_size = true;
    req.rounds = w;
    req.seed = seed;
    req.limits = Limits {
        time_limit: Some(Duration::from_secs(secs as u64)),
        max_iterations: None,
        max_stall: None,
    };
    let t0 = Instant::now();
    let plan = plan(&req).unwrap();
    println!(
        "{g}-{p}-{w}: repeats {} cost {} iters {} stop {:?} in {:?}",
        plan.score.repeat_pairs,
        plan.score.cost,
        plan.iterations,
        plan.stop,
        t0.elapsed()
    );
}
