//! A simulated year of weekly After Work Lounges, drawn as the app draws them: 73 projects in
//! cohorts of 13, 32 and 28, each present with probability 0.5, rooms of 3, one round an
//! evening, cohorts mixed first (`MIX_FIRST`), each evening planned from the history so far
//! (rooms as the projects present tonight, as the app gives them). Prints the evenings with
//! repeats and the year's totals. The cost model's tie-breakers were chosen with it.
//!
//! ```sh
//! cargo run --release -p knotenpunkt-matching --example year -- [SEED] [MS] [WEEKS]
//! ITERATIONS=6000 cargo run …   # a fixed number of iterations per evening instead of MS
//!                               # (deterministic, for comparing cost models)
//! ```
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::time::{Duration, Instant};

use knotenpunkt_matching::{
    DEFAULT_MAX_STALL, Limits, MIX_FIRST, MixKey, Participant, PastRound, Request, plan,
};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

const POOL: usize = 73;

fn main() {
    let args: Vec<u64> = std::env::args()
        .skip(1)
        .map(|a| a.parse().expect("arguments are numbers: SEED MS WEEKS"))
        .collect();
    let seed = args.first().copied().unwrap_or(12);
    let ms = args.get(1).copied().unwrap_or(100);
    let weeks = args.get(2).copied().unwrap_or(52) as usize;
    let iterations: Option<u64> = std::env::var("ITERATIONS")
        .ok()
        .and_then(|s| s.parse().ok());
    let cohort: Vec<usize> = (0..POOL)
        .map(|i| usize::from(i >= 13) + usize::from(i >= 45))
        .collect();
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    // ATTENDANCE=file: one line per evening, the indices present (e.g. the
    // pattern of bench/lounge.py), instead of drawing it from SEED.
    let attendance: Vec<Vec<usize>> = match std::env::var("ATTENDANCE") {
        Ok(file) => std::fs::read_to_string(file)
            .expect("the attendance file")
            .lines()
            .take(weeks)
            .map(|l| {
                l.split_whitespace()
                    .map(|i| i.parse().expect("an index"))
                    .collect()
            })
            .collect(),
        Err(_) => (0..weeks)
            .map(|_| (0..POOL).filter(|_| rng.random_bool(0.5)).collect())
            .collect(),
    };
    let mut done: Vec<Vec<Vec<usize>>> = Vec::new();
    let mut met = vec![0u32; POOL * POOL];
    let (mut repeats, mut unmixed) = (0, 0);
    for (w, present) in attendance.iter().enumerate() {
        let people = present
            .iter()
            .map(|&i| Participant {
                cohort: Some(cohort[i].to_string()),
                ..Participant::new(format!("p{i}"))
            })
            .collect();
        let mut req = Request::new(people, 3);
        req.mix = vec![MixKey::Cohort];
        req.mix_weight = MIX_FIRST;
        req.seed = w as u64;
        req.limits = match iterations {
            Some(n) => Limits {
                time_limit: None,
                max_iterations: Some(n),
                max_stall: None,
            },
            None => Limits {
                time_limit: Some(Duration::from_millis(ms)),
                max_iterations: None,
                max_stall: Some(DEFAULT_MAX_STALL),
            },
        };
        req.history = done
            .iter()
            .enumerate()
            .map(|(pw, rooms)| PastRound {
                days_ago: (7 * (w - pw)) as u32,
                rooms: rooms
                    .iter()
                    .map(|r| r.iter().filter(|i| present.contains(i)).collect::<Vec<_>>())
                    .filter(|r| r.len() > 1)
                    .map(|r| r.iter().map(|i| format!("p{i}")).collect())
                    .collect(),
            })
            .collect();
        let t0 = Instant::now();
        let p = plan(&req).expect("a valid evening");
        let took = t0.elapsed().as_secs_f64() * 1e3;
        let rooms: Vec<Vec<usize>> = p.rounds[0]
            .rooms
            .iter()
            .map(|r| r.iter().map(|id| id[1..].parse().unwrap()).collect())
            .collect();
        let (mut week_repeats, mut week_unmixed) = (0, 0);
        for room in &rooms {
            week_unmixed += u32::from(room.iter().all(|&x| cohort[x] == cohort[room[0]]));
            for (i, &x) in room.iter().enumerate() {
                for &y in &room[i + 1..] {
                    week_repeats += u32::from(met[x * POOL + y] > 0);
                    met[x * POOL + y] += 1;
                    met[y * POOL + x] += 1;
                }
            }
        }
        repeats += week_repeats;
        unmixed += week_unmixed;
        if week_repeats + week_unmixed > 0 {
            println!(
                "week {w:2}: {} present, {week_repeats} repeats, {week_unmixed} unmixed, {:?} after {} iterations, {took:.0} ms",
                present.len(),
                p.stop,
                p.iterations
            );
        }
        done.push(rooms);
    }
    let pairs = |same: bool| {
        (0..POOL)
            .flat_map(|x| (x + 1..POOL).map(move |y| (x, y)))
            .filter(|&(x, y)| (cohort[x] == cohort[y]) == same && met[x * POOL + y] == 0)
            .count()
    };
    println!(
        "seed {seed}: repeats {repeats}, unmixed rooms {unmixed}; pairs never met: {} within a cohort, {} across",
        pairs(true),
        pairs(false)
    );
}
