//! Where the lounge's facts meet the matching engine: the request for one
//! round built from who is here and the network's encounter history, and
//! the engine's rooms turned back into check-ins.
//!
//! Pure: no store, no clock. Encounters count between organisations, so a
//! past room is given to the engine as the organisations in it, each
//! represented by one of its people present tonight (the engine counts
//! between units, so any of them stands for all). Organisations absent
//! tonight are left out of the request: they cannot meet anyone.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::time::Duration;

use chrono::NaiveDate;
use knotenpunkt_domain::{LoungeMix, LoungeSeating, Slug, State};
use knotenpunkt_matching as matching;
use knotenpunkt_store::LoungeSeatRecord;

/// How long one draw may search: the request (reading the history,
/// storing the rooms) must answer within 200 ms.
pub(crate) const DRAW_TIME_LIMIT: Duration = Duration::from_millis(100);

/// A person present tonight, as the engine needs them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Present {
    /// The check-in.
    pub checkin: i64,
    /// The organisation: the unit encounters count between.
    pub organization: Slug,
    /// Its cohort in the network.
    pub cohort: Option<Slug>,
    /// Its (first) state.
    pub state: Option<State>,
}

/// What one draw asks of the engine.
#[derive(Debug, Clone)]
pub(crate) struct DrawInput<'a> {
    pub present: &'a [Present],
    pub history: &'a [LoungeSeatRecord],
    /// The evening being drawn.
    pub series: &'a Slug,
    pub date: NaiveDate,
    /// The round being drawn (or filled, for late joiners): rounds of this
    /// evening from this number on are not history.
    pub round: u32,
    pub room_size: u32,
    pub mix: LoungeMix,
    pub seating: LoungeSeating,
    /// Rooms already open (late joiners): check-ins per room.
    pub seated: Vec<Vec<i64>>,
    pub seed: u64,
}

/// The engine's request for `input`.
pub(crate) fn request(input: &DrawInput<'_>) -> matching::Request {
    let participants: Vec<matching::Participant> = input
        .present
        .iter()
        .map(|p| {
            let mut attrs = BTreeMap::new();
            if let Some(s) = p.state {
                attrs.insert("state".to_owned(), s.code().to_owned());
            }
            matching::Participant {
                id: p.checkin.to_string(),
                unit: Some(p.organization.to_string()),
                cohort: p.cohort.as_ref().map(|c| c.to_string()),
                attrs,
            }
        })
        .collect();
    let mut request = matching::Request::new(participants, input.room_size as usize);
    request.history = history(input);
    request.seated = input
        .seated
        .iter()
        .map(|room| room.iter().map(i64::to_string).collect())
        .filter(|room: &Vec<String>| !room.is_empty())
        .collect();
    request.mix = match input.mix {
        LoungeMix::Cohorts => vec![matching::MixKey::Cohort],
        LoungeMix::States => vec![matching::MixKey::Attr("state".into())],
        LoungeMix::CohortsAndStates => vec![
            matching::MixKey::Cohort,
            matching::MixKey::Attr("state".into()),
        ],
        LoungeMix::Nothing => Vec::new(),
    };
    request.units = match input.seating {
        LoungeSeating::Together => matching::UnitPolicy::Together,
        LoungeSeating::Apart => matching::UnitPolicy::Apart,
    };
    // The lounge mixes first: a room of one cohort only where no mixed
    // arrangement exists, a repeat encounter only where mixing needs it.
    if !request.mix.is_empty() {
        request.mix_weight = matching::MIX_FIRST;
    }
    request.seed = input.seed;
    request.limits = matching::Limits {
        time_limit: Some(DRAW_TIME_LIMIT),
        max_iterations: Some(matching::DEFAULT_MAX_ITERATIONS),
        max_stall: Some(matching::DEFAULT_MAX_STALL),
    };
    request
}

/// The network's past rooms as the engine reads them: organisations
/// present tonight, each by one of its people.
fn history(input: &DrawInput<'_>) -> Vec<matching::PastRound> {
    let mut representative: HashMap<&str, String> = HashMap::new();
    for p in input.present {
        representative
            .entry(p.organization.as_str())
            .or_insert_with(|| p.checkin.to_string());
    }
    // (date, series, round) → room → organisations present tonight.
    let mut rounds: BTreeMap<(NaiveDate, &str, u32), BTreeMap<u32, BTreeSet<&str>>> =
        BTreeMap::new();
    for seat in input.history {
        let this_evening = seat.date == input.date && &seat.series == input.series;
        if this_evening && seat.round >= input.round {
            continue;
        }
        if !representative.contains_key(seat.organization.as_str()) {
            continue;
        }
        rounds
            .entry((seat.date, seat.series.as_str(), seat.round))
            .or_default()
            .entry(seat.room)
            .or_default()
            .insert(seat.organization.as_str());
    }
    rounds
        .into_iter()
        .filter_map(|((date, _, _), rooms)| {
            let rooms: Vec<Vec<String>> = rooms
                .into_values()
                .filter(|orgs| orgs.len() > 1)
                .map(|orgs| {
                    orgs.into_iter()
                        .filter_map(|o| representative.get(o).cloned())
                        .collect()
                })
                .collect();
            (!rooms.is_empty()).then(|| matching::PastRound {
                days_ago: (input.date - date).num_days().unsigned_abs() as u32,
                rooms,
            })
        })
        .collect()
}

/// The engine's first round as check-ins per room.
pub(crate) fn rooms_of(plan: &matching::Plan) -> Vec<Vec<i64>> {
    plan.rounds
        .first()
        .map(|round| {
            round
                .rooms
                .iter()
                .map(|room| room.iter().filter_map(|id| id.parse().ok()).collect())
                .collect()
        })
        .unwrap_or_default()
}

/// A deterministic seed per evening and round, so the same evening drawn
/// again (in a test, on a replay) gives the same rooms.
pub(crate) fn seed(series: &Slug, date: NaiveDate, round: u32) -> u64 {
    // FNV-1a: stable across Rust versions, unlike the std hasher.
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in format!("{series}/{date}/{round}").bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    use crate::lounge::test_support::{seat, slug};

    #[test]
    fn history_counts_organisations_present_tonight_only() {
        let present = vec![
            Present {
                checkin: 10,
                organization: slug("ulm"),
                cohort: None,
                state: None,
            },
            Present {
                checkin: 11,
                organization: slug("ulm"),
                cohort: None,
                state: None,
            },
            Present {
                checkin: 12,
                organization: slug("kiel"),
                cohort: None,
                state: None,
            },
        ];
        let history = vec![
            seat("2026-12-02", 1, 1, "ulm"),
            seat("2026-12-02", 1, 1, "kiel"),
            seat("2026-12-02", 1, 1, "gera"),
            seat("2026-12-02", 1, 2, "bamberg"),
            seat("2026-12-02", 1, 2, "ulm"),
            // tonight's round 1 counts for round 2, round 2 itself does not
            seat("2026-12-09", 1, 1, "kiel"),
            seat("2026-12-09", 1, 1, "ulm"),
            seat("2026-12-09", 2, 1, "kiel"),
            seat("2026-12-09", 2, 1, "ulm"),
        ];
        let series = slug("lounge");
        let input = DrawInput {
            present: &present,
            history: &history,
            series: &series,
            date: "2026-12-09".parse().unwrap(),
            round: 2,
            room_size: 3,
            mix: LoungeMix::Cohorts,
            seating: LoungeSeating::Together,
            seated: Vec::new(),
            seed: 1,
        };
        let h = history_of(&input);
        assert_eq!(
            h,
            vec![
                (7, vec![vec!["12".to_owned(), "10".to_owned()]]),
                (0, vec![vec!["12".to_owned(), "10".to_owned()]])
            ]
        );
    }

    fn history_of(input: &DrawInput<'_>) -> Vec<(u32, Vec<Vec<String>>)> {
        history(input)
            .into_iter()
            .map(|r| (r.days_ago, r.rooms))
            .collect()
    }

    #[test]
    fn seeds_differ_per_round_and_stay_put() {
        let s = slug("lounge");
        let d: NaiveDate = "2026-12-09".parse().unwrap();
        assert_ne!(seed(&s, d, 1), seed(&s, d, 2));
        assert_eq!(seed(&s, d, 1), seed(&s, d, 1));
    }
}
