//! `knotenpunkt lounge`: breakout rooms on the command line.
//!
//! `lounge plan [FILE]` reads a JSON request (from FILE or stdin) and prints the plan as JSON;
//! `lounge sgp` solves a classic Social Golfer instance and prints it in the same form. This
//! module is the edge: the JSON shapes (DTOs) live here and are mapped onto the plain types of
//! `knotenpunkt-matching`, which knows nothing of JSON or dates.
//!
//! Request (all fields but `participants` and `room_size` optional):
//!
//! ```json
//! {"participants": [{"id": "ulm", "unit": "ulm", "cohort": "1", "attrs": {"state": "BW"}}],
//!  "room_size": 4, "rounds": 1, "force_size": false, "units": "together",
//!  "date": "2026-11-25",
//!  "history": [{"date": "2026-11-18", "rooms": [["ulm", "kiel", "gera"]]}],
//!  "absent": ["gera"], "apart": [["a", "b"]], "together": [["c", "d"]],
//!  "seated": [["x", "y"]], "mix": ["cohort", "state"], "seed": 7,
//!  "time_limit_ms": 2000, "max_iterations": 100000, "max_stall": 10000}
//! ```
//!
//! The engine's bounds apply (at most 5,000 participants, rooms of 2 to 12, 50 rounds, history
//! of at most 20 years and 2,000,000 seats; see `knotenpunkt_matching::MAX_PARTICIPANTS` and its
//! neighbours): a request beyond them is refused with a one-line error naming the bound, before
//! anything is built for it. `time_limit_ms` bounds the whole command, from reading the request
//! to the answer (within about 10 %; `elapsed_ms` in the answer counts the same span).
//!
//! `date` is the evening being planned; history dates count back from it (default: a week after
//! the latest history date). `absent` lists known ids not present tonight that may appear in the
//! history. `mix` names `cohort` or attribute keys. Answer:
//! `{"rounds": [{"rooms": [["ulm", "kiel"]]}], "score": {"repeat_pairs": 0,
//! "max_pair_meetings": 1, "unmixed_rooms": 0, "cost": 0.0}, "elapsed_ms": 12, "stop": "optimal"}`.

use std::collections::BTreeMap;
use std::io::Read;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use anyhow::{Context, bail};
use chrono::NaiveDate;
use knotenpunkt_matching as matching;
use serde::{Deserialize, Serialize};

/// Breakout rooms for the After Work Lounge.
#[derive(Debug, clap::Subcommand)]
pub enum LoungeCommand {
    /// Plan breakout rooms from a JSON request and print the plan as JSON.
    Plan {
        /// JSON request file; stdin when absent.
        file: Option<PathBuf>,
    },
    /// Solve a Social Golfer instance (G·P players "0"…, rooms of exactly P, W rounds).
    Sgp {
        /// Number of groups (rooms) per week.
        #[arg(long)]
        groups: usize,
        /// Players per group.
        #[arg(long)]
        size: usize,
        /// Number of weeks (rounds).
        #[arg(long)]
        weeks: usize,
        /// Time limit in seconds.
        #[arg(long, default_value_t = 60.0)]
        time_limit: f64,
        /// Seed of the random number generator.
        #[arg(long, default_value_t = 1)]
        seed: u64,
    },
    /// Print a network's stored encounter history (every lounge round) in
    /// the request format of `lounge plan`, to replay or analyse it.
    History {
        /// The network's slug.
        #[arg(long)]
        network: String,
    },
}

impl LoungeCommand {
    /// Whether the command reads the database (the engines do not).
    pub fn needs_database(&self) -> bool {
        matches!(self, LoungeCommand::History { .. })
    }
}

/// Runs a lounge command, printing its JSON answer on stdout.
pub fn run(cmd: LoungeCommand) -> anyhow::Result<()> {
    let answer = match cmd {
        LoungeCommand::Plan { file } => {
            // The time limit counts from here: reading and parsing a request of years of
            // history takes part of it.
            let started = Instant::now();
            let (text, source) = match &file {
                Some(path) => (
                    std::fs::read_to_string(path)
                        .with_context(|| format!("cannot read {}", path.display()))?,
                    path.display().to_string(),
                ),
                None => {
                    let mut text = String::new();
                    std::io::stdin()
                        .read_to_string(&mut text)
                        .context("cannot read the request from stdin")?;
                    (text, "stdin".to_owned())
                }
            };
            plan_json(&text, started).with_context(|| format!("lounge plan ({source})"))?
        }
        LoungeCommand::Sgp {
            groups,
            size,
            weeks,
            time_limit,
            seed,
        } => sgp(groups, size, weeks, time_limit, seed)?,
        LoungeCommand::History { .. } => {
            bail!("lounge history reads the database; it runs through the main command")
        }
    };
    println!("{}", serde_json::to_string_pretty(&answer)?);
    Ok(())
}

/// One participant in the request.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ParticipantDto {
    id: String,
    #[serde(default)]
    unit: Option<String>,
    #[serde(default)]
    cohort: Option<String>,
    #[serde(default)]
    attrs: BTreeMap<String, String>,
}

/// One past round.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct PastRoundDto {
    date: NaiveDate,
    rooms: Vec<Vec<String>>,
}

/// Unit policy.
#[derive(Debug, Default, Clone, Copy, Deserialize)]
#[serde(rename_all = "lowercase")]
enum UnitsDto {
    #[default]
    Together,
    Apart,
}

/// The request of `lounge plan`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RequestDto {
    participants: Vec<ParticipantDto>,
    room_size: usize,
    #[serde(default = "one")]
    rounds: usize,
    #[serde(default)]
    force_size: bool,
    #[serde(default)]
    units: UnitsDto,
    #[serde(default)]
    date: Option<NaiveDate>,
    #[serde(default)]
    history: Vec<PastRoundDto>,
    #[serde(default)]
    absent: Vec<String>,
    #[serde(default)]
    apart: Vec<Vec<String>>,
    #[serde(default)]
    together: Vec<Vec<String>>,
    #[serde(default)]
    seated: Vec<Vec<String>>,
    #[serde(default)]
    mix: Vec<String>,
    #[serde(default)]
    seed: u64,
    #[serde(default)]
    time_limit_ms: Option<u64>,
    #[serde(default)]
    max_iterations: Option<u64>,
    /// Stop after this many iterations without a better plan (default
    /// `knotenpunkt_matching::DEFAULT_MAX_STALL`); with much history, when repeats cannot all
    /// be avoided, a few hundred end the search in well under a second.
    #[serde(default)]
    max_stall: Option<u64>,
}

fn one() -> usize {
    1
}

/// Default time limit of `lounge plan`.
const DEFAULT_TIME_LIMIT_MS: u64 = 2000;

/// The answer: rounds, score, time taken, why the search stopped.
#[derive(Debug, Serialize, Deserialize, PartialEq)]
struct AnswerDto {
    rounds: Vec<RoundDto>,
    score: ScoreDto,
    elapsed_ms: u64,
    stop: String,
}

#[derive(Debug, Serialize, Deserialize, PartialEq)]
struct RoundDto {
    rooms: Vec<Vec<String>>,
}

#[derive(Debug, Serialize, Deserialize, PartialEq)]
struct ScoreDto {
    repeat_pairs: u32,
    max_pair_meetings: u32,
    unmixed_rooms: u32,
    cost: f64,
}

/// Parses and validates a request, then maps it onto the engine's types. The engine gets what
/// is left of the time limit since `started`.
fn to_request(dto: RequestDto, started: Instant) -> anyhow::Result<matching::Request> {
    let latest = dto.history.iter().map(|h| h.date).max();
    let date = match (dto.date, latest) {
        (Some(d), _) => d,
        (None, Some(l)) => l + chrono::Days::new(7),
        (None, None) => NaiveDate::MIN,
    };
    let mut history = Vec::with_capacity(dto.history.len());
    for (i, past) in dto.history.into_iter().enumerate() {
        let days = (date - past.date).num_days();
        let Ok(days_ago) = u32::try_from(days) else {
            bail!(
                "history round {} is dated {}, after the planned evening {date}",
                i + 1,
                past.date
            );
        };
        history.push(matching::PastRound {
            days_ago,
            rooms: past.rooms,
        });
    }
    let mut apart = Vec::with_capacity(dto.apart.len());
    for (i, pair) in dto.apart.into_iter().enumerate() {
        let [a, b]: [String; 2] = pair.try_into().map_err(|p: Vec<String>| {
            anyhow::anyhow!(
                "apart pair {} must name exactly two ids, it names {}",
                i + 1,
                p.len()
            )
        })?;
        apart.push((a, b));
    }
    let mix = dto
        .mix
        .into_iter()
        .map(|m| {
            if m == "cohort" {
                matching::MixKey::Cohort
            } else {
                matching::MixKey::Attr(m)
            }
        })
        .collect();
    let participants = dto
        .participants
        .into_iter()
        .map(|p| matching::Participant {
            id: p.id,
            unit: p.unit,
            cohort: p.cohort,
            attrs: p.attrs,
        })
        .collect();
    let mut req = matching::Request::new(participants, dto.room_size);
    req.rounds = dto.rounds;
    req.force_size = dto.force_size;
    req.units = match dto.units {
        UnitsDto::Together => matching::UnitPolicy::Together,
        UnitsDto::Apart => matching::UnitPolicy::Apart,
    };
    req.history = history;
    req.absent = dto.absent;
    req.apart = apart;
    req.together = dto.together;
    req.seated = dto.seated;
    req.mix = mix;
    req.seed = dto.seed;
    req.limits = matching::Limits {
        time_limit: Some(
            Duration::from_millis(dto.time_limit_ms.unwrap_or(DEFAULT_TIME_LIMIT_MS))
                .saturating_sub(started.elapsed()),
        ),
        max_iterations: dto.max_iterations,
        max_stall: Some(dto.max_stall.unwrap_or(matching::DEFAULT_MAX_STALL)),
    };
    Ok(req)
}

/// Plans a request given as JSON text, read since `started`.
fn plan_json(text: &str, started: Instant) -> anyhow::Result<AnswerDto> {
    let dto: RequestDto =
        serde_json::from_str(text).map_err(|e| anyhow::anyhow!("invalid request JSON: {e}"))?;
    let req = to_request(dto, started)?;
    solve(&req, started)
}

/// Plans `req`; `elapsed_ms` counts from `started`, the start of the command.
fn solve(req: &matching::Request, started: Instant) -> anyhow::Result<AnswerDto> {
    let plan = matching::plan(req)?;
    let elapsed_ms = u64::try_from(started.elapsed().as_millis()).unwrap_or(u64::MAX);
    Ok(AnswerDto {
        rounds: plan
            .rounds
            .into_iter()
            .map(|r| RoundDto { rooms: r.rooms })
            .collect(),
        score: ScoreDto {
            repeat_pairs: plan.score.repeat_pairs,
            max_pair_meetings: plan.score.max_pair_meetings,
            unmixed_rooms: plan.score.unmixed_rooms,
            cost: plan.score.cost,
        },
        elapsed_ms,
        stop: match plan.stop {
            matching::StopReason::Optimal => "optimal",
            matching::StopReason::IterationLimit => "iteration_limit",
            matching::StopReason::Stalled => "stalled",
            matching::StopReason::TimeLimit => "time_limit",
        }
        .to_owned(),
    })
}

/// The Social Golfer instance `groups`-`size`-`weeks`.
fn sgp(
    groups: usize,
    size: usize,
    weeks: usize,
    time_limit: f64,
    seed: u64,
) -> anyhow::Result<AnswerDto> {
    let started = Instant::now();
    // The engine's bounds, checked before the participants are built (a request of 10⁸ players
    // would otherwise be allocated first and refused after).
    if groups == 0 || weeks == 0 {
        bail!("--groups and --weeks must be at least 1");
    }
    if !(matching::MIN_ROOM_SIZE..=matching::MAX_ROOM_SIZE).contains(&size) {
        bail!(
            "--size must be between {} and {}, got {size}",
            matching::MIN_ROOM_SIZE,
            matching::MAX_ROOM_SIZE
        );
    }
    let players = groups
        .checked_mul(size)
        .filter(|&n| n <= matching::MAX_PARTICIPANTS);
    let Some(players) = players else {
        bail!(
            "too many players: --groups {groups} × --size {size} exceeds {} participants",
            matching::MAX_PARTICIPANTS
        );
    };
    if weeks > matching::MAX_ROUNDS {
        bail!(
            "too many weeks: {weeks} (at most {} rounds)",
            matching::MAX_ROUNDS
        );
    }
    let time_limit = Duration::try_from_secs_f64(time_limit)
        .ok()
        .filter(|t| !t.is_zero())
        .with_context(|| {
            format!("--time-limit must be a positive number of seconds, got {time_limit}")
        })?;
    let people = (0..players)
        .map(|i| matching::Participant::new(i.to_string()))
        .collect();
    let mut req = matching::Request::new(people, size);
    req.force_size = true;
    req.rounds = weeks;
    req.seed = seed;
    req.limits = matching::Limits {
        time_limit: Some(time_limit),
        max_iterations: None,
        max_stall: None,
    };
    solve(&req, started).context("lounge sgp")
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
    use super::*;

    fn err(text: &str) -> String {
        format!("{:#}", plan_json(text, Instant::now()).unwrap_err())
    }

    #[test]
    fn plans_the_issue_example() {
        let text = r#"{"participants":[
            {"id":"ulm","unit":"ulm","cohort":"1","attrs":{"state":"BW"}},
            {"id":"kiel","cohort":"2","attrs":{"state":"SH"}},
            {"id":"gera","cohort":"1","attrs":{"state":"TH"}},
            {"id":"jena","cohort":"2","attrs":{"state":"TH"}},
            {"id":"bonn","cohort":"1"},{"id":"trier","cohort":"2"},
            {"id":"a","cohort":"1"},{"id":"b","cohort":"2"}],
          "room_size":4,"rounds":2,
          "history":[{"date":"2026-11-18","rooms":[["ulm","kiel","gera","jena"],["bonn","trier","a","b"]]}],
          "apart":[["a","b"]],"together":[["bonn","trier"]],"mix":["cohort"],"seed":7,
          "time_limit_ms":20000,"max_iterations":300}"#;
        let answer = plan_json(text, Instant::now()).unwrap();
        assert_eq!(answer.rounds.len(), 2);
        for round in &answer.rounds {
            assert_eq!(round.rooms.iter().map(Vec::len).sum::<usize>(), 8);
            for room in &round.rooms {
                let has = |x: &str| room.iter().any(|y| y == x);
                assert!(!(has("a") && has("b")));
                assert_eq!(has("bonn"), has("trier"));
            }
        }
        let json = serde_json::to_value(&answer).unwrap();
        for key in ["repeat_pairs", "max_pair_meetings", "unmixed_rooms", "cost"] {
            assert!(json["score"].get(key).is_some(), "{key} missing in {json}");
        }
        assert!(json["elapsed_ms"].is_u64());
        // Deterministic for a seed.
        let again = plan_json(text, Instant::now()).unwrap();
        assert_eq!(again.rounds, answer.rounds);
    }

    #[test]
    fn errors_are_clear() {
        let bad = err("{\"participants\": [\n  {\"id\": \"a\",}\n]}");
        assert!(
            bad.contains("invalid request JSON") && bad.contains("line 2"),
            "{bad}"
        );

        let dup = err(r#"{"participants":[{"id":"a"},{"id":"a"},{"id":"b"}],"room_size":2}"#);
        assert!(dup.contains("duplicate") && dup.contains("\"a\""), "{dup}");

        let unknown = err(r#"{"participants":[{"id":"a"},{"id":"b"}],"room_size":2,
                "history":[{"date":"2026-11-18","rooms":[["a","zz"]]}]}"#);
        assert!(
            unknown.contains("\"zz\"") && unknown.contains("history round 1"),
            "{unknown}"
        );

        let unknown =
            err(r#"{"participants":[{"id":"a"},{"id":"b"}],"room_size":2,"apart":[["a","q"]]}"#);
        assert!(
            unknown.contains("\"q\"") && unknown.contains("apart pair 1"),
            "{unknown}"
        );

        let small = err(r#"{"participants":[{"id":"a"},{"id":"b"}],"room_size":1}"#);
        assert!(small.contains("room size must be at least 2"), "{small}");

        let few = err(r#"{"participants":[{"id":"a"}],"room_size":2}"#);
        assert!(few.contains("too few participants"), "{few}");

        let contra = err(
            r#"{"participants":[{"id":"a"},{"id":"b"},{"id":"c"}],"room_size":2,
                "apart":[["a","b"]],"together":[["a","b"]]}"#,
        );
        assert!(
            contra.contains("contradictory") && contra.contains("together group 1"),
            "{contra}"
        );

        let pair = err(r#"{"participants":[{"id":"a"},{"id":"b"}],"room_size":2,"apart":[["a"]]}"#);
        assert!(pair.contains("exactly two"), "{pair}");

        let typo = err(r#"{"participants":[{"id":"a"},{"id":"b"}],"room_sise":2}"#);
        assert!(typo.contains("room_sise"), "{typo}");

        let later = err(
            r#"{"participants":[{"id":"a"},{"id":"b"}],"room_size":2,"date":"2026-01-01",
                "history":[{"date":"2026-02-01","rooms":[["a","b"]]}]}"#,
        );
        assert!(later.contains("after the planned evening"), "{later}");
    }

    #[test]
    fn max_stall_is_passed_on() {
        let text = r#"{"participants":[{"id":"a"},{"id":"b"}],"room_size":2,"max_stall":200}"#;
        let req = to_request(serde_json::from_str(text).unwrap(), Instant::now()).unwrap();
        assert_eq!(req.limits.max_stall, Some(200));
        let text = r#"{"participants":[{"id":"a"},{"id":"b"}],"room_size":2}"#;
        let req = to_request(serde_json::from_str(text).unwrap(), Instant::now()).unwrap();
        assert_eq!(req.limits.max_stall, Some(matching::DEFAULT_MAX_STALL));
    }

    #[test]
    fn history_dates_count_back_from_the_evening() {
        let text = r#"{"participants":[{"id":"a"},{"id":"b"},{"id":"c"},{"id":"d"}],
            "room_size":2,"absent":["e"],"max_iterations":500,
            "history":[{"date":"2026-11-18","rooms":[["a","b"],["c","d","e"]]}]}"#;
        let answer = plan_json(text, Instant::now()).unwrap();
        assert_eq!(answer.score.repeat_pairs, 0, "{answer:?}");
        let dto: RequestDto = serde_json::from_str(text).unwrap();
        let req = to_request(dto, Instant::now()).unwrap();
        assert_eq!(req.history[0].days_ago, 7);
    }

    #[test]
    fn sgp_prints_rooms_of_exactly_p() {
        let answer = sgp(3, 3, 4, 10.0, 1).unwrap();
        assert_eq!(answer.rounds.len(), 4);
        assert!(
            answer
                .rounds
                .iter()
                .all(|r| r.rooms.iter().all(|room| room.len() == 3))
        );
        assert_eq!(answer.score.repeat_pairs, 0);
        assert!(sgp(0, 3, 4, 1.0, 1).is_err());
        assert!(sgp(3, 1, 4, 1.0, 1).is_err());
    }

    #[test]
    fn sgp_checks_the_bounds_before_building_anything() {
        let msg = |r: anyhow::Result<AnswerDto>| format!("{:#}", r.unwrap_err());
        assert!(msg(sgp(3, 13, 4, 1.0, 1)).contains("--size must be between 2 and 12"));
        let big = msg(sgp(usize::MAX, 12, 4, 1.0, 1));
        assert!(
            big.contains("too many players") && big.contains("5000"),
            "{big}"
        );
        assert!(msg(sgp(417, 12, 4, 1.0, 1)).contains("too many players"));
        assert!(msg(sgp(3, 3, 51, 1.0, 1)).contains("too many weeks: 51 (at most 50 rounds)"));
        for bad in [0.0, -1.0, f64::NAN, f64::INFINITY, 1e300] {
            assert!(msg(sgp(3, 3, 4, bad, 1)).contains("--time-limit"), "{bad}");
        }
    }

    /// A small request naming absurd sizes is refused by the engine's bounds before anything
    /// is allocated for them.
    #[test]
    fn plan_requests_go_through_the_engine_bounds() {
        let t0 = Instant::now();
        let rounds =
            err(r#"{"participants":[{"id":"a"},{"id":"b"}],"room_size":2,"rounds":1000000000}"#);
        assert!(
            rounds.contains("too many rounds: 1000000000 (at most 50)"),
            "{rounds}"
        );
        assert!(t0.elapsed() < Duration::from_millis(500));
        let size = err(r#"{"participants":[{"id":"a"},{"id":"b"}],"room_size":100000}"#);
        assert!(size.contains("room size must be at most 12"), "{size}");
        let old = err(
            r#"{"participants":[{"id":"a"},{"id":"b"}],"room_size":2,"date":"2026-01-01",
                "history":[{"date":"1990-01-01","rooms":[["a","b"]]}]}"#,
        );
        assert!(old.contains("days ago (at most 7305)"), "{old}");
    }
}
