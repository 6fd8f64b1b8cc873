//! Helpers shared by the lounge's unit tests.
#![allow(clippy::unwrap_used)]

use knotenpunkt_domain::Slug;
use knotenpunkt_store::LoungeSeatRecord;

pub(crate) fn slug(s: &str) -> Slug {
    s.parse().unwrap()
}

/// A seat of the series "lounge" on a real (not sample) evening.
pub(crate) fn seat(date: &str, round: u32, room: u32, organization: &str) -> LoungeSeatRecord {
    LoungeSeatRecord {
        series: slug("lounge"),
        date: date.parse().unwrap(),
        round,
        room,
        organization: slug(organization),
        sample: false,
    }
}
