//! Breakout-room matching for the After Work Lounge.
//!
//! Given the participants of one evening, a target room size, the history of past rounds and a
//! few hard constraints, [`plan`] splits everybody into rooms for one or more rounds so that
//!
//! 1. hard constraints always hold (pairs kept apart, groups kept together, units kept together
//!    or apart, seated participants never move) — otherwise a typed [`Error`] says which
//!    constraint failed and why;
//! 2. repeat encounters are as few and as cheap as possible (see [`Score`] for the exact cost:
//!    superlinear in the number of meetings, recency-weighted);
//! 3. rooms mix cohorts and other chosen attributes ([`MixKey`]);
//! 4. room sizes are as even as possible.
//!
//! The method follows the state of the art for the Social Golfer Problem:
//!
//! * **Start.** Each round is first built by an exact depth-first search for a round without any
//!   repeat (rooms filled one by one, each started by the participant with the fewest compatible
//!   partners left); where that fails within a node limit, by a greedy that fills rooms by least
//!   added cost and, among equals, by the players' remaining *freedom* (Triska & Musliu 2012).
//!   Earlier rounds of the plan count as history for later ones.
//! * **Tabu search** over swaps (and, where room sizes allow it, moves) of participants that take
//!   part in a conflict — a repeat, an unmixed room, a broken apart pair — with a participant of
//!   another room of the same round (Dotú & Van Hentenryck 2005); best non-tabu move per
//!   iteration, short random tabu tenure, aspiration when a move beats the best plan. A gain table
//!   makes one swap evaluation O(1) (O(k) in general, when units make atoms of several entities).
//! * **Perturbation.** When no better plan appears for a while, the search returns to the best
//!   plan, tries to rebuild one of its conflicting rounds exactly, and otherwise perturbs it with
//!   a few random swaps.
//!
//! * **Social-Golfer-like requests** (everyone alone, no history, no constraints, no mixing,
//!   all rooms of exactly k) take a specialised, leaner path: first a search for plans with a
//!   cyclic symmetry (only one or a few base rounds are searched, the other rounds are their
//!   shifts; a base round may also be fixed by part of the symmetry, which is how the 32
//!   golfers' 10 weeks, 8-4-10, are found), then the method above in lean form — a pair-based freedom greedy (Triska &
//!   Musliu), tabu search over swaps of players in repeats with an O(1) gain table,
//!   perturbations and frequent restarts from fresh greedy starts.
//!   It returns the same [`Plan`] and obeys the same [`Limits`].
//!
//! The search is anytime: it stops at once when the cost reaches a lower bound (zero repeats and
//! the least unmixing possible), otherwise at [`Limits::max_iterations`], after
//! [`Limits::max_stall`] iterations without a better plan, or at [`Limits::time_limit`].
//!
//! Architecture Invariant: this crate is pure. It knows nothing of JSON, SQL, HTTP or dates; the
//! only impurity is the optional wall-clock time limit. Randomness comes from a ChaCha8 generator
//! seeded with [`Request::seed`]. Given the same [`Request`], [`plan`] returns the same [`Plan`]
//! whenever the search ends by reaching the lower bound, the iteration bound or the stall bound
//! ([`StopReason::Optimal`], [`StopReason::IterationLimit`], [`StopReason::Stalled`]); the clock
//! is read only to stop, never to decide. When the *time limit* cuts the search short
//! ([`StopReason::TimeLimit`]), the result is the best plan found until then — valid and
//! scored like any other, but how far the search got depends on the machine and its load.
//!
//! ```
//! use knotenpunkt_matching::{plan, Participant, Request};
//! let people: Vec<Participant> = (0..9).map(|i| Participant::new(format!("p{i}"))).collect();
//! let mut request = Request::new(people, 3);
//! request.rounds = 4;
//! let plan = plan(&request).unwrap();
//! assert_eq!(plan.score.repeat_pairs, 0); // Kirkman-style: 4 rounds of 3×3 with no repeat
//! ```

#![deny(missing_docs)]

mod clock;
mod cost;
mod error;
mod problem;
mod search;
mod sgp;

use std::collections::BTreeMap;
use std::time::{Duration, Instant};

pub use cost::{
    FLEX_MIN_ROUNDS, FLEX_WEIGHT, MIX_WEIGHT, SIZE_WEIGHT, SPREAD_WEIGHT, recency_weight,
    repeat_cost, score,
};
pub use error::Error;

// Bounds.
//
// The engine keeps dense per-pair tables (n² entries for n participants or units), per-round
// room tables and a gain table, so memory and time grow with the square of the participants
// and linearly with rounds and history. A request beyond these bounds is refused with
// [`Error::TooLarge`] (or [`Error::RoomSizeTooLarge`], [`Error::HistoryTooOld`]) before anything
// proportional to it is allocated, instead of running the process out of memory. Every bound is
// far above what a lounge evening needs.

/// Most participants in one request. The pair tables then take about 0.5 GB (5,000² pairs);
/// a lounge evening has tens to hundreds of people.
pub const MAX_PARTICIPANTS: usize = 5_000;

/// Smallest room size (a room of one is no encounter).
pub const MIN_ROOM_SIZE: usize = 2;

/// Largest target room size. Breakout rooms are conversations; larger rooms would also make the
/// per-room work of the search (quadratic in the room size) grow for no use.
pub const MAX_ROOM_SIZE: usize = 12;

/// Most rounds planned in one request (an evening has a handful; 50 covers a year of weekly
/// rounds planned ahead). Per-round tables grow linearly with it.
pub const MAX_ROUNDS: usize = 50;

/// Oldest history accepted, in days before the planned evening: 20 years (20 · 365.25 days).
/// Older meetings weigh the floor of [`recency_weight`] anyway.
pub const MAX_HISTORY_DAYS: u32 = 7_305;

/// Most past rounds: 20 years of weekly evenings (53 weeks a year at most) with up to 4 rounds
/// each, 20 · 53 · 4 = 4,240.
pub const MAX_HISTORY_ROUNDS: usize = 4_240;

/// Most seats over all past rounds (Σ of room lengths): e.g. 4,240 rounds of about 470 people.
/// Reading the history costs time in proportion to seats times room size.
pub const MAX_HISTORY_SEATS: usize = 2_000_000;

/// Largest room of a past round. Past rooms may be larger than [`MAX_ROOM_SIZE`] (rooms with
/// late joiners grow), but every past room costs the square of its size to read.
pub const MAX_HISTORY_ROOM_SIZE: usize = 50;

/// Most absent ids (known people not here tonight; a network's whole directory fits).
pub const MAX_ABSENT: usize = 4 * MAX_PARTICIPANTS;

/// Most apart pairs: ten per participant.
pub const MAX_APART_PAIRS: usize = 10 * MAX_PARTICIPANTS;

/// Most ids over all together groups (Σ of group lengths); groups may name absent people too.
pub const MAX_TOGETHER_IDS: usize = 2 * MAX_PARTICIPANTS;

/// Most ids over all seated rooms (each seated participant is present and seated once).
pub const MAX_SEATED_IDS: usize = MAX_PARTICIPANTS;

/// Most mix keys (each key adds per-room counters to every evaluation).
pub const MAX_MIX_KEYS: usize = 8;

/// One person or party that takes part tonight.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Participant {
    /// Identifier, unique within a request; history and constraints refer to it.
    pub id: String,
    /// Unit (e.g. the city) the participant belongs to. Encounters are counted between units:
    /// two people of Ulm meeting Kiel is one encounter Ulm–Kiel. See [`UnitPolicy`].
    pub unit: Option<String>,
    /// Cohort (funding round), used for mixing with [`MixKey::Cohort`].
    pub cohort: Option<String>,
    /// Further attributes (e.g. `state` → `BW`), used for mixing with [`MixKey::Attr`].
    pub attrs: BTreeMap<String, String>,
}

impl Participant {
    /// A participant with only an id (no unit, cohort or attributes).
    pub fn new(id: impl Into<String>) -> Self {
        Self {
            id: id.into(),
            unit: None,
            cohort: None,
            attrs: BTreeMap::new(),
        }
    }
}

/// What to do with participants that share a [`Participant::unit`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum UnitPolicy {
    /// Members of a unit always sit in the same room (the unit is never split).
    #[default]
    Together,
    /// Members of a unit always sit in different rooms.
    Apart,
}

/// A property whose values rooms should mix.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum MixKey {
    /// [`Participant::cohort`].
    Cohort,
    /// The attribute of this name in [`Participant::attrs`].
    Attr(String),
}

/// One past round: its rooms, and how many days before the planned evening it took place.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PastRound {
    /// Days between that round and the evening being planned (0 = the same day).
    pub days_ago: u32,
    /// The rooms by participant id. Ids may belong to tonight's participants or to
    /// [`Request::absent`]; anything else is an [`Error::UnknownId`].
    pub rooms: Vec<Vec<String>>,
}

/// When the search stops (besides reaching a plan that cannot be improved).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Wall-clock limit of the whole call of [`plan`], counted from its start: compiling the
    /// request, building the start plans, the search and the recount of the score. The search
    /// stops a tenth of it early and every long-running step looks at the clock, so that `plan`
    /// returns within about 1.1 × the limit (tested at 0.2 s and 1 s on hard instances; the
    /// one step that cannot stop, reading the request and its history, is bounded by the
    /// crate's `MAX_*` bounds). A limit too short for a good plan still gives a valid one.
    /// `None`: no clock is read at all.
    pub time_limit: Option<Duration>,
    /// Bound on tabu-search iterations. `None`: only the time limit bounds the search (at least
    /// one of the two should be set; with neither, [`DEFAULT_MAX_ITERATIONS`] applies).
    pub max_iterations: Option<u64>,
    /// Stop after this many iterations without a better plan (deterministic). `None`: never.
    /// Useful when the lower bound cannot be reached (history makes some repeats unavoidable).
    pub max_stall: Option<u64>,
}

/// Iteration bound used when [`Limits`] sets neither a time limit nor an iteration bound.
pub const DEFAULT_MAX_ITERATIONS: u64 = 100_000;

/// Default of [`Limits::max_stall`].
pub const DEFAULT_MAX_STALL: u64 = 10_000;

impl Default for Limits {
    fn default() -> Self {
        Self {
            time_limit: None,
            max_iterations: Some(DEFAULT_MAX_ITERATIONS),
            max_stall: Some(DEFAULT_MAX_STALL),
        }
    }
}

/// Everything the engine needs to plan one evening.
#[derive(Debug, Clone, PartialEq)]
pub struct Request {
    /// Tonight's participants (at least one room's worth).
    pub participants: Vec<Participant>,
    /// Target room size k ≥ 2. Rooms have k, or k−1 / k+1 where the count does not divide.
    pub room_size: usize,
    /// Only rooms of exactly `room_size` (the participant count must divide).
    pub force_size: bool,
    /// Number of rounds (rotations) to plan at once, ≥ 1. Rounds count as history for each other.
    pub rounds: usize,
    /// Past rounds, in any order.
    pub history: Vec<PastRound>,
    /// Ids of known participants who are absent tonight; they may appear in `history`.
    pub absent: Vec<String>,
    /// Pairs that must never share a room.
    pub apart: Vec<(String, String)>,
    /// Groups that must always share a room.
    pub together: Vec<Vec<String>>,
    /// Rooms already open (late joiners): in the first round these participants stay exactly where
    /// they are; the others join these rooms (each may grow to max(size+1, k)) or new rooms.
    pub seated: Vec<Vec<String>>,
    /// Properties the rooms should mix (lower priority than repeat encounters).
    pub mix: Vec<MixKey>,
    /// Units kept together or apart.
    pub units: UnitPolicy,
    /// Seed of the deterministic random number generator (ChaCha8).
    pub seed: u64,
    /// Search limits.
    pub limits: Limits,
    /// Cost of one unmixed room per mix key. The default, [`MIX_WEIGHT`],
    /// makes mixing a tie-breaker that never outweighs a repeat encounter;
    /// a lounge whose rooms must mix sets it above any repeat's cost (e.g.
    /// [`MIX_FIRST`]), so a repeat is accepted only where mixing needs it.
    pub mix_weight: f64,
}

/// A [`Request::mix_weight`] that puts mixing before repeat encounters: an
/// unmixed room costs more than a pair meeting for the seventh time.
pub const MIX_FIRST: f64 = 100.0;

impl Request {
    /// A request for one round with the given participants and room size, no history, no
    /// constraints, seed 0 and the default [`Limits`].
    pub fn new(participants: Vec<Participant>, room_size: usize) -> Self {
        Self {
            participants,
            room_size,
            force_size: false,
            rounds: 1,
            history: Vec::new(),
            absent: Vec::new(),
            apart: Vec::new(),
            together: Vec::new(),
            seated: Vec::new(),
            mix: Vec::new(),
            units: UnitPolicy::Together,
            seed: 0,
            limits: Limits::default(),
            mix_weight: MIX_WEIGHT,
        }
    }
}

/// One planned round: its rooms, each a list of participant ids.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Round {
    /// The rooms of this round.
    pub rooms: Vec<Vec<String>>,
}

/// The quality of a plan, recountable from request and rounds with [`score`].
///
/// Encounters are counted between *entities*: a participant's unit if it has one, else the
/// participant. Two entities sharing a room meet once; entities that a together group forces into
/// one room do not count as meeting. A past meeting `d` days ago weighs
/// [`recency_weight`]`(d)`; rounds of the plan weigh 1. A pair whose weighted past meetings sum to
/// `h` and who meet `c` times in the plan costs [`repeat_cost`]`(h, c)` = Σ_{t<c} q(h+t) with
/// q(x) = x + x², so a first meeting is free and repeats cost superlinearly more. Three tie-breakers
/// between plans without repeats look ahead to later evenings: see [`FLEX_WEIGHT`] and
/// [`SPREAD_WEIGHT`].
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Score {
    /// Meetings in the plan of pairs that had met before (in the history or an earlier round of
    /// this plan).
    pub repeat_pairs: u32,
    /// The most meetings (history plus plan) of one pair that meets in the plan; 0 if none.
    pub max_pair_meetings: u32,
    /// Rooms (over all rounds) in which all members share the value of at least one mix key.
    pub unmixed_rooms: u32,
    /// Total cost: Σ repeat_cost + [`Request::mix_weight`] · (rooms unmixed, counted per mix key) +
    /// [`FLEX_WEIGHT`] · Σ over meetings in the plan of the two entities' presences' product +
    /// [`SPREAD_WEIGHT`] · (mix values beyond two, per room and key) +
    /// [`SIZE_WEIGHT`] · Σ_rounds (Σ size² − the least Σ size² for that many people and rooms).
    pub cost: f64,
}

/// Why the search stopped.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StopReason {
    /// The cost reached a lower bound: no better plan exists.
    Optimal,
    /// [`Limits::max_iterations`] was reached (deterministic).
    IterationLimit,
    /// [`Limits::max_stall`] iterations passed without a better plan (deterministic).
    Stalled,
    /// [`Limits::time_limit`] was reached (how far the search got depends on the machine).
    TimeLimit,
}

/// The planned rounds, their score and how the search went.
#[derive(Debug, Clone, PartialEq)]
pub struct Plan {
    /// The rounds, in order.
    pub rounds: Vec<Round>,
    /// The score of `rounds`, as [`score`] recounts it.
    pub score: Score,
    /// Tabu-search iterations performed.
    pub iterations: u64,
    /// Why the search stopped.
    pub stop: StopReason,
}

/// Plans the rounds of a request.
///
/// # Errors
/// [`Error`] when the request is malformed (duplicate or unknown ids, room size outside
/// [`MIN_ROOM_SIZE`]`..=`[`MAX_ROOM_SIZE`], no rounds, too few participants), exceeds one of the
/// bounds ([`Error::TooLarge`], checked before anything proportional to the request is
/// allocated), or its hard constraints contradict each other or cannot be met.
pub fn plan(request: &Request) -> Result<Plan, Error> {
    // The time limit counts from here: compiling the problem, the start solutions, the search
    // and the recount of the score all fall within it. The search stops a tenth of the limit
    // early, which leaves time for what cannot stop at once: compiling the problem (when it
    // alone takes most of the limit), completing a start plan in a hurry when the deadline falls
    // into its construction, the recount of the score (from the problem's tables, without
    // reading the history again) and turning the plan into ids.
    let deadline = match request.limits.time_limit {
        Some(limit) => clock::Deadline::after(Instant::now(), limit).earlier(limit / 10),
        None => clock::Deadline::NONE,
    };
    let problem = problem::Problem::compile(request)?;
    let outcome = search::solve(&problem, request.seed, request.limits, deadline)?;
    let rounds: Vec<Round> = outcome
        .rounds
        .iter()
        .map(|rooms| Round {
            rooms: rooms
                .iter()
                .map(|room| {
                    room.iter()
                        .map(|&p| problem.ids[p as usize].clone())
                        .collect()
                })
                .collect(),
        })
        .collect();
    let score = cost::score_with(request, &rounds, &problem.basics, &problem.hist_w)?;
    Ok(Plan {
        rounds,
        score,
        iterations: outcome.iterations,
        stop: outcome.stop,
    })
}
