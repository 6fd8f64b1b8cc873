//! The cost model and [`score`], the recount of a plan from request and rounds.

use std::collections::{BTreeMap, HashMap};

use crate::problem::{Basics, least_sum_sq};
use crate::{Error, Request, Round, Score, UnitPolicy};

// The objectives, from the most to the least important: hard constraints (apart, units), repeat
// encounters, mixing (with `Request::mix_weight`), and then three tie-breakers between plans
// without repeats: presence (FLEX_WEIGHT), spread (SPREAD_WEIGHT) and sizes (SIZE_WEIGHT).
// The tie-breakers look ahead: measured on a simulated year of weekly lounges (73 projects
// in three cohorts, each present half the time, rooms of 3, rooms must mix cohorts;
// `examples/year.rs`), the last evenings had no repeat-free mixed arrangement at all (checked
// with an exact solver), because the early evenings had spent the wrong pairs. Repeats over
// six presence patterns: 100 without the tie-breakers, 53 with spread, 49 with spread and
// presence (differences of about 5 are noise: the search path changes with every cost).

/// Cost of one room (per round and mix key) in which all members share the key's value.
/// Small, so that mixing never outweighs a repeat encounter of recent weight.
pub const MIX_WEIGHT: f64 = 1e-3;

/// Cost of one meeting of two entities per unit of the product of their presences (the share
/// of past rounds each took part in). Two regulars have many evenings ahead to meet; a regular
/// and a rare guest may not. Spending the rare chances first keeps enough unmet partners for
/// the regulars: at the end of the simulated year the repeats fell on the projects present 33
/// to 35 of 52 evenings, who need nearly every other project as a partner. Below mixing's
/// default weight.
pub const FLEX_WEIGHT: f64 = 1e-4;

/// Presence is read from the history only when it holds at least this many rounds; before
/// that, the share is too coarse to tell regulars from guests.
pub const FLEX_MIN_ROUNDS: usize = 4;

/// Cost per mix value beyond two in a room (per mix key). A room of two values mixes already;
/// a third value spends a pair of different values where a pair of one value would do. Under
/// a mixing rule a room holds few pairs of one value, so those pairs are the ones left unmet
/// and pairs across values run out (in the simulated year, rooms of three cohorts left a
/// third more pairs within cohorts than across unmet). Below presence, above sizes.
pub const SPREAD_WEIGHT: f64 = 1e-5;

/// Cost per unit of Σ size² above the most even split; the lowest-priority objective.
pub const SIZE_WEIGHT: f64 = 1e-6;

/// Half-life in days of the part of a past meeting's weight that fades.
const HALF_LIFE_DAYS: f64 = 91.0;

/// Weight of a past meeting `days_ago` days before the planned evening: 1 on the same day, about
/// 0.96 a week before, 0.63 half a year before, 0.30 a year before, never below 0.25 — a pair
/// that met stays a little "used".
pub fn recency_weight(days_ago: u32) -> f64 {
    0.25 + 0.75 * (-f64::from(days_ago) / HALF_LIFE_DAYS).exp2()
}

/// Cost of one meeting of a pair whose earlier meetings weigh `x` in total: x + x².
#[inline]
pub(crate) fn q(x: f64) -> f64 {
    x + x * x
}

/// Cost of a pair with weighted past meetings `h` that meets `c` times in the plan:
/// Σ_{t<c} q(h + t) with q(x) = x + x². A pair that never met and meets once costs 0.
pub fn repeat_cost(h: f64, c: u32) -> f64 {
    (0..c).map(|t| q(h + f64::from(t))).sum()
}

/// The [`FLEX_WEIGHT`] part of the cost of one meeting of entities `e` and `f`.
#[inline]
pub(crate) fn flex(b: &Basics, e: u32, f: u32) -> f64 {
    FLEX_WEIGHT * b.presence[e as usize] * b.presence[f as usize]
}

/// Recounts the [`Score`] of `rounds` as a plan for `request`.
///
/// # Errors
/// [`Error::InvalidPlan`] if `rounds` is not a valid plan: wrong number of rounds, a participant
/// missing, twice or unknown in a round, an empty room, or a hard constraint (apart, together,
/// units, seated) broken; and the errors of a malformed request.
pub fn score(request: &Request, rounds: &[Round]) -> Result<Score, Error> {
    let b = Basics::new(request)?;
    score_with(request, rounds, &b, &b.hist_w)
}

/// [`score`] with the request's [`Basics`] already computed (`hist_w` given apart, as
/// [`crate::problem::Problem`] keeps it).
pub(crate) fn score_with(
    request: &Request,
    rounds: &[Round],
    b: &Basics,
    hist_w: &[f64],
) -> Result<Score, Error> {
    let invalid = |reason: String| Err(Error::InvalidPlan { reason });
    let mix_weight = if request.mix_weight.is_finite() && request.mix_weight >= 0.0 {
        request.mix_weight
    } else {
        MIX_WEIGHT
    };
    if rounds.len() != request.rounds {
        return invalid(format!(
            "{} rounds planned, {} requested",
            rounds.len(),
            request.rounds
        ));
    }
    let n = request.participants.len();
    let n_ent = b.n_ent;
    // Meetings in the plan per entity pair (e < f): sparse, a plan has few pairs.
    let mut plan_n: HashMap<(u32, u32), u32> = HashMap::new();
    let mut repeat_pairs = 0u32;
    let mut max_pair_meetings = 0u32;
    let mut unmixed_rooms = 0u32;
    let mut pure_per_key = 0u64;
    let mut spread = 0i64;
    let mut size_excess = 0i64;
    for (ri, round) in rounds.iter().enumerate() {
        let mut room_of = vec![usize::MAX; n];
        for (mi, room) in round.rooms.iter().enumerate() {
            if room.is_empty() {
                return invalid(format!("round {}, room {} is empty", ri + 1, mi + 1));
            }
            for id in room {
                let Some(&p) = b.index.get(id) else {
                    return invalid(format!(
                        "round {}, room {}: {id:?} is not a participant",
                        ri + 1,
                        mi + 1
                    ));
                };
                if room_of[p as usize] != usize::MAX {
                    return invalid(format!("round {}: {id:?} is seated twice", ri + 1));
                }
                room_of[p as usize] = mi;
            }
        }
        if let Some(p) = room_of.iter().position(|&r| r == usize::MAX) {
            return invalid(format!(
                "round {}: {:?} has no room",
                ri + 1,
                request.participants[p].id
            ));
        }
        let room = |id: &String| b.index.get(id).map(|&p| room_of[p as usize]);
        for (x, y) in &request.apart {
            if let (Some(rx), Some(ry)) = (room(x), room(y))
                && rx == ry
            {
                return invalid(format!(
                    "round {}: apart pair {x:?}, {y:?} share a room",
                    ri + 1
                ));
            }
        }
        for (gi, group) in request.together.iter().enumerate() {
            let mut rooms = group.iter().filter_map(room);
            if let Some(first) = rooms.next()
                && rooms.any(|r| r != first)
            {
                return invalid(format!(
                    "round {}: together group {} is split",
                    ri + 1,
                    gi + 1
                ));
            }
        }
        let mut unit_rooms: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
        for (p, part) in request.participants.iter().enumerate() {
            if let Some(u) = &part.unit {
                unit_rooms.entry(u.as_str()).or_default().push(room_of[p]);
            }
        }
        for (u, mut rs) in unit_rooms {
            let len = rs.len();
            rs.sort_unstable();
            rs.dedup();
            let ok = match request.units {
                UnitPolicy::Together => rs.len() == 1,
                UnitPolicy::Apart => rs.len() == len,
            };
            if !ok {
                return invalid(format!(
                    "round {}: unit {u:?} breaks the unit policy",
                    ri + 1
                ));
            }
        }
        if ri == 0 {
            let mut used = vec![false; round.rooms.len()];
            for (si, seated) in request.seated.iter().enumerate() {
                let mut rooms = seated.iter().map(room);
                let Some(Some(first)) = rooms.next() else {
                    continue;
                };
                if rooms.any(|r| r != Some(first)) || used[first] {
                    return invalid(format!("seated room {} was changed", si + 1));
                }
                used[first] = true;
            }
        }
        // Encounters.
        for members in &round.rooms {
            let mut ents: Vec<usize> = members
                .iter()
                .filter_map(|id| b.index.get(id))
                .map(|&p| b.entity_of[p as usize] as usize)
                .collect();
            ents.sort_unstable();
            ents.dedup();
            for (x, &e) in ents.iter().enumerate() {
                for &f in &ents[x + 1..] {
                    if b.forced.contains(&(e as u32, f as u32)) {
                        continue;
                    }
                    let met = plan_n.entry((e as u32, f as u32)).or_insert(0);
                    let before = b.hist_n[e * n_ent + f] + *met;
                    if before > 0 {
                        repeat_pairs += 1;
                    }
                    *met += 1;
                    max_pair_meetings = max_pair_meetings.max(before + 1);
                }
            }
            let mut unmixed = false;
            for vals in &b.mix_vals {
                let mut seen: Vec<u32> = members
                    .iter()
                    .filter_map(|id| b.index.get(id))
                    .map(|&p| vals[p as usize])
                    .collect();
                seen.sort_unstable();
                seen.dedup();
                spread += (seen.len() as i64 - 2).max(0);
                if seen.len() <= 1 {
                    pure_per_key += 1;
                    unmixed = true;
                }
            }
            unmixed_rooms += u32::from(unmixed);
        }
        let sum_sq: i64 = round.rooms.iter().map(|r| (r.len() * r.len()) as i64).sum();
        size_excess += sum_sq - least_sum_sq(n, round.rooms.len());
    }
    // Summed in pair order, so that the cost does not depend on the order of the rooms.
    let mut pairs: Vec<((u32, u32), u32)> = plan_n.into_iter().collect();
    pairs.sort_unstable();
    let mut repeat = 0.0;
    for ((e, f), c) in pairs {
        repeat +=
            repeat_cost(hist_w[e as usize * n_ent + f as usize], c) + f64::from(c) * flex(b, e, f);
    }
    Ok(Score {
        repeat_pairs,
        max_pair_meetings,
        unmixed_rooms,
        cost: repeat
            + mix_weight * pure_per_key as f64
            + SPREAD_WEIGHT * spread as f64
            + SIZE_WEIGHT * size_excess as f64,
    })
}
