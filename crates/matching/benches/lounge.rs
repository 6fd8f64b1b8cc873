//! Benchmark of the matching engine: Social Golfer instances, a simulated year of weekly lounges
//! (engine vs random shuffle) and one round of 500 participants with a year of history.
//!
//! Run: `cargo bench -p knotenpunkt-matching --bench lounge` (optionally followed by `-- sgp`,
//! `-- year` or `-- big` to run one part only).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::time::{Duration, Instant};

use knotenpunkt_matching::{Limits, MixKey, Participant, PastRound, Request, plan};
use rand::seq::SliceRandom;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

fn main() {
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with("--"))
        .collect();
    let want = |part: &str| args.is_empty() || args.iter().any(|a| a == part);
    if want("sgp") {
        social_golfers();
    }
    if want("year") {
        simulated_year();
    }
    if want("big") {
        big_round();
    }
}

/// Solves g-p-w with a time limit: the seconds taken and the repeats left (0 = solved).
fn solve_sgp(g: usize, p: usize, w: usize, limit: Duration, seed: u64) -> (f64, u32) {
    let people = (0..g * p)
        .map(|i| Participant::new(i.to_string()))
        .collect();
    let mut req = Request::new(people, p);
    req.force_size = true;
    req.rounds = w;
    req.seed = seed;
    req.limits = Limits {
        time_limit: Some(limit),
        max_iterations: None,
        max_stall: None,
    };
    let t0 = Instant::now();
    let plan = plan(&req).expect("valid instance");
    let secs = t0.elapsed().as_secs_f64();
    (secs, plan.score.repeat_pairs)
}

fn social_golfers() {
    println!("(a) Social Golfer Problem (g-p-w: g groups of p players, w weeks, no pair twice)");
    println!(
        "    time limit {} s for w weeks (seed 1); if w is not reached, w-1, w-2, … get {} s each",
        sgp_limit(),
        sgp_limit() / 6.0
    );
    println!();
    println!(
        "| instance | weeks asked | weeks reached | time for weeks reached | repeats left at w weeks | best known (literature) |"
    );
    println!("|---|---|---|---|---|---|");
    let cases: [(usize, usize, usize, &str); 6] = [
        (5, 3, 7, "7 (Kirkman's schoolgirls, 1850)"),
        (6, 3, 8, "8 (solved; upper bound 8)"),
        (8, 4, 9, "10"),
        (8, 4, 10, "10 (first metaheuristic solution 2012)"),
        (7, 4, 9, "9 (upper bound (28−1)/3 = 9)"),
        (10, 4, 9, "13 (resolvable design; upper bound 13)"),
    ];
    for (g, p, w, known) in cases {
        let mut weeks = w;
        let mut found = None;
        let mut limit = sgp_limit();
        let mut left_at_w = 0;
        while weeks > 0 {
            let (t, repeats) = solve_sgp(g, p, weeks, Duration::from_secs_f64(limit), 1);
            if weeks == w {
                left_at_w = repeats;
            }
            if repeats == 0 {
                found = Some(t);
                break;
            }
            weeks -= 1;
            limit = sgp_limit() / 6.0;
        }
        match found {
            Some(t) => {
                println!("| {g}-{p}-{w} | {w} | {weeks} | {t:.3} s | {left_at_w} | {known} |")
            }
            None => println!("| {g}-{p}-{w} | {w} | 0 | – | {left_at_w} | {known} |"),
        }
    }
    println!();
}

/// Seconds per attempt; `SGP_LIMIT` in the environment overrides it (for quick runs).
fn sgp_limit() -> f64 {
    std::env::var("SGP_LIMIT")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(60.0)
}

/// Per-year statistics of a sequence of weekly plans.
#[derive(Default)]
struct YearStats {
    repeats: u32,
    pairs_met: u32,
    max_meetings: u32,
    unmixed: u32,
    rooms: u32,
    millis: f64,
}

fn year_stats(pool: usize, cohort: &[usize], weeks: &[Vec<Vec<usize>>]) -> YearStats {
    let mut met = vec![0u32; pool * pool];
    let mut s = YearStats::default();
    for rooms in weeks {
        for room in rooms {
            s.rooms += 1;
            if room.iter().all(|&x| cohort[x] == cohort[room[0]]) {
                s.unmixed += 1;
            }
            for (i, &x) in room.iter().enumerate() {
                for &y in &room[i + 1..] {
                    if met[x * pool + y] > 0 {
                        s.repeats += 1;
                    }
                    met[x * pool + y] += 1;
                    met[y * pool + x] += 1;
                }
            }
        }
    }
    for x in 0..pool {
        for y in x + 1..pool {
            let m = met[x * pool + y];
            s.pairs_met += u32::from(m > 0);
            s.max_meetings = s.max_meetings.max(m);
        }
    }
    s
}

fn simulated_year() {
    const POOL: usize = 73;
    const WEEKS: usize = 52;
    let cohort: Vec<usize> = (0..POOL)
        .map(|i| {
            if i < 13 {
                0
            } else if i < 45 {
                1
            } else {
                2
            }
        })
        .collect();
    let mut rng = ChaCha8Rng::seed_from_u64(2026);
    let attendance: Vec<Vec<usize>> = (0..WEEKS)
        .map(|_| (0..POOL).filter(|_| rng.random_bool(0.5)).collect())
        .collect();
    // Engine: each week planned from the history so far.
    let mut engine_weeks: Vec<Vec<Vec<usize>>> = Vec::new();
    let mut engine_ms = 0.0f64;
    let mut worst_ms = 0.0f64;
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
        req.seed = w as u64;
        req.limits = Limits {
            time_limit: None,
            max_iterations: Some(20_000),
            max_stall: Some(5_000),
        };
        req.absent = (0..POOL)
            .filter(|i| !present.contains(i))
            .map(|i| format!("p{i}"))
            .collect();
        req.history = engine_weeks
            .iter()
            .enumerate()
            .map(|(pw, rooms)| PastRound {
                days_ago: (7 * (w - pw)) as u32,
                rooms: rooms
                    .iter()
                    .map(|r| r.iter().map(|&i| format!("p{i}")).collect())
                    .collect(),
            })
            .collect();
        let t0 = Instant::now();
        let plan = plan(&req).expect("valid week");
        let ms = t0.elapsed().as_secs_f64() * 1e3;
        engine_ms += ms;
        worst_ms = worst_ms.max(ms);
        engine_weeks.push(
            plan.rounds[0]
                .rooms
                .iter()
                .map(|r| r.iter().map(|id| id[1..].parse().unwrap()).collect())
                .collect(),
        );
    }
    // Random shuffle: what the video tools do, with the same room sizes as the engine's week.
    let mut shuffle_rng = ChaCha8Rng::seed_from_u64(7);
    let random_weeks: Vec<Vec<Vec<usize>>> = attendance
        .iter()
        .zip(&engine_weeks)
        .map(|(present, engine_rooms)| {
            let mut people = present.clone();
            people.shuffle(&mut shuffle_rng);
            let mut it = people.into_iter();
            engine_rooms
                .iter()
                .map(|room| it.by_ref().take(room.len()).collect())
                .collect()
        })
        .collect();
    let mut e = year_stats(POOL, &cohort, &engine_weeks);
    e.millis = engine_ms;
    let r = year_stats(POOL, &cohort, &random_weeks);
    let total_pairs = POOL * (POOL - 1) / 2;
    println!(
        "(b) Simulated year: pool of {POOL} projects in cohorts of 13/32/28, each attending with p = 0.5, rooms of 3, {WEEKS} weeks"
    );
    println!(
        "    engine: each week planned from the history so far, mix = cohort, 20 000 iterations per week, seed = week"
    );
    println!();
    println!("| | engine | random shuffle |");
    println!("|---|---|---|");
    println!("| repeat encounters | {} | {} |", e.repeats, r.repeats);
    println!(
        "| pairs met at least once (of {total_pairs}) | {} | {} |",
        e.pairs_met, r.pairs_met
    );
    println!(
        "| most meetings of one pair | {} | {} |",
        e.max_meetings, r.max_meetings
    );
    println!(
        "| rooms without cohort mix | {} of {} | {} of {} |",
        e.unmixed, e.rooms, r.unmixed, r.rooms
    );
    println!(
        "| planning time for the year (slowest week) | {:.0} ms ({worst_ms:.0} ms) | – |",
        e.millis
    );
    println!();
}

fn big_round() {
    const N: usize = 500;
    let mut rng = ChaCha8Rng::seed_from_u64(500);
    // A year of weekly history: 52 random rounds of rooms of 3 among the 500.
    let ids: Vec<String> = (0..N).map(|i| format!("p{i}")).collect();
    let history: Vec<PastRound> = (0..52)
        .map(|w| {
            let mut people = ids.clone();
            people.shuffle(&mut rng);
            PastRound {
                days_ago: 7 * (52 - w),
                rooms: people.chunks(3).map(<[String]>::to_vec).collect(),
            }
        })
        .collect();
    let people = ids
        .iter()
        .enumerate()
        .map(|(i, id)| Participant {
            cohort: Some((i % 3).to_string()),
            ..Participant::new(id.clone())
        })
        .collect();
    let mut req = Request::new(people, 3);
    req.history = history;
    req.mix = vec![MixKey::Cohort];
    req.seed = 1;
    req.limits = Limits {
        time_limit: Some(Duration::from_millis(1000)),
        max_iterations: None,
        max_stall: None,
    };
    let t0 = Instant::now();
    let plan = plan(&req).expect("valid round");
    let ms = t0.elapsed().as_secs_f64() * 1e3;
    println!("(c) One round of {N} participants, rooms of 3, 52 weeks of history, mix = cohort");
    println!();
    println!("| time | repeat encounters | unmixed rooms | iterations | stopped by |");
    println!("|---|---|---|---|---|");
    println!(
        "| {ms:.1} ms | {} | {} | {} | {:?} |",
        plan.score.repeat_pairs, plan.score.unmixed_rooms, plan.iterations, plan.stop
    );
    println!();
}
