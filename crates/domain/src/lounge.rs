//! The After Work Lounge's settings: how a series' evenings are split into
//! breakout rooms.

use serde::{Deserialize, Serialize};

use crate::limits::{
    MAX_LOUNGE_ROOM_SIZE, MAX_LOUNGE_ROUND_MINUTES, MAX_LOUNGE_ROUNDS, MIN_LOUNGE_ROOM_SIZE,
    MIN_LOUNGE_ROUND_MINUTES,
};
use crate::{FieldError, Invalid, LoungeMix, LoungeSeating, LoungeVideo};

/// A series that is a lounge: its evenings are drawn into breakout rooms.
/// Every field has a default, so `{}` makes a series a lounge as the
/// networks run theirs: rooms of 3, two rounds of 20 minutes, cohorts mixed,
/// people of one organisation together.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct LoungeSettings {
    /// Target room size; rooms may be one larger or smaller so nobody sits
    /// alone.
    #[serde(default = "default_room_size")]
    #[cfg_attr(feature = "openapi", schema(minimum = 2, maximum = 12))]
    pub room_size: u32,
    /// Rounds per evening.
    #[serde(default = "default_rounds")]
    #[cfg_attr(feature = "openapi", schema(minimum = 1, maximum = 12))]
    pub rounds: u32,
    /// Minutes per round.
    #[serde(default = "default_minutes")]
    #[cfg_attr(feature = "openapi", schema(minimum = 5, maximum = 240))]
    pub round_minutes: u32,
    /// What the rooms mix.
    #[serde(default = "default_mix")]
    pub mix: LoungeMix,
    /// Whether people of one organisation sit together or apart.
    #[serde(default = "default_seating")]
    pub seating: LoungeSeating,
    /// Which video room each breakout room gets.
    #[serde(default = "default_video")]
    pub video: LoungeVideo,
}

fn default_room_size() -> u32 {
    3
}
fn default_rounds() -> u32 {
    2
}
fn default_minutes() -> u32 {
    20
}
fn default_mix() -> LoungeMix {
    LoungeMix::Cohorts
}
fn default_seating() -> LoungeSeating {
    LoungeSeating::Together
}
fn default_video() -> LoungeVideo {
    LoungeVideo::Installation
}

impl Default for LoungeSettings {
    fn default() -> Self {
        LoungeSettings {
            room_size: default_room_size(),
            rounds: default_rounds(),
            round_minutes: default_minutes(),
            mix: default_mix(),
            seating: default_seating(),
            video: default_video(),
        }
    }
}

impl LoungeSettings {
    /// Checks the bounds (the engine refuses larger rooms, and an evening
    /// has only so many rounds).
    pub fn validate(&self) -> Result<(), Invalid> {
        let mut e = Vec::new();
        range(
            &mut e,
            "room_size",
            self.room_size,
            MIN_LOUNGE_ROOM_SIZE,
            MAX_LOUNGE_ROOM_SIZE,
        );
        range(&mut e, "rounds", self.rounds, 1, MAX_LOUNGE_ROUNDS);
        range(
            &mut e,
            "round_minutes",
            self.round_minutes,
            MIN_LOUNGE_ROUND_MINUTES,
            MAX_LOUNGE_ROUND_MINUTES,
        );
        Invalid::check(e)
    }
}

/// A field error unless `lo ≤ v ≤ hi`.
pub(crate) fn range(e: &mut Vec<FieldError>, field: &str, v: u32, lo: u32, hi: u32) {
    if !(lo..=hi).contains(&v) {
        e.push(FieldError::new(
            field,
            format!("must be between {lo} and {hi}, got {v}"),
        ));
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn empty_object_is_the_usual_lounge() {
        let s: LoungeSettings = serde_json::from_str("{}").unwrap();
        assert_eq!(s, LoungeSettings::default());
        assert_eq!((s.room_size, s.rounds, s.round_minutes), (3, 2, 20));
        s.validate().unwrap();
    }

    #[test]
    fn bounds_name_the_field() {
        let s = LoungeSettings {
            room_size: 13,
            rounds: 0,
            round_minutes: 2,
            ..LoungeSettings::default()
        };
        let fields: Vec<_> = s
            .validate()
            .unwrap_err()
            .0
            .into_iter()
            .map(|e| e.field)
            .collect();
        assert_eq!(fields, ["room_size", "rounds", "round_minutes"]);
    }

    #[test]
    fn codes_are_fixed() {
        let s: LoungeSettings = serde_json::from_str(
            r#"{"mix": "cohorts-and-states", "seating": "apart", "video": "series-link"}"#,
        )
        .unwrap();
        assert_eq!(s.mix, LoungeMix::CohortsAndStates);
        assert_eq!(s.seating, LoungeSeating::Apart);
        assert_eq!(s.video, LoungeVideo::SeriesLink);
        assert!(serde_json::from_str::<LoungeSettings>(r#"{"mix": "random"}"#).is_err());
    }
}
