//! A network's size over time, from the two kinds of evidence there are:
//! memberships with dates, and member counts someone published.

use chrono::NaiveDate;
use knotenpunkt_domain::{Cohort, Membership, NetworkFigure, Role};

/// One step of the membership line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct GrowthPoint {
    /// From this day on …
    pub on: NaiveDate,
    /// … the network had this many named members.
    pub members: u32,
}

/// What a growth chart draws.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Growth {
    /// The step line of named members, one point per change.
    pub points: Vec<GrowthPoint>,
    /// Published counts, drawn as separate marks.
    pub figures: Vec<NetworkFigure>,
    /// Named members whose joining date is unknown, so not on the line.
    pub undated: u32,
}

/// Derives the growth of a network. A membership counts from its
/// `joined_on` (the first day it can mean) or, lacking that, from the first
/// day of its cohort's year — the round it was selected in — and stops on its
/// `left_on`. Partners are not members and do not count.
pub fn growth(memberships: &[Membership], cohorts: &[Cohort], figures: &[NetworkFigure]) -> Growth {
    let mut events: Vec<(NaiveDate, i32)> = Vec::new();
    let mut undated = 0;
    for m in memberships.iter().filter(|m| m.role != Role::Partner) {
        let cohort_year = m
            .cohort
            .as_ref()
            .and_then(|c| {
                cohorts
                    .iter()
                    .find(|k| &k.slug == c && k.network == m.network)
            })
            .and_then(|k| k.year)
            .and_then(|y| NaiveDate::from_ymd_opt(y, 1, 1));
        let start = m.joined_on.map(|d| d.earliest()).or(cohort_year);
        match start {
            Some(start) => {
                events.push((start, 1));
                if let Some(left) = m.left_on {
                    events.push((left.earliest(), -1));
                }
            }
            None => undated += 1,
        }
    }
    events.sort();
    let mut points: Vec<GrowthPoint> = Vec::new();
    let mut n: i32 = 0;
    for (on, delta) in events {
        n += delta;
        let members = n.max(0) as u32;
        match points.last_mut() {
            Some(p) if p.on == on => p.members = members,
            _ => points.push(GrowthPoint { on, members }),
        }
    }
    let mut figures = figures.to_vec();
    figures.sort_by_key(|f| f.on);
    Growth {
        points,
        figures,
        undated,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(joined: Option<&str>, left: Option<&str>, cohort: Option<&str>) -> Membership {
        Membership {
            organization: "a".parse().unwrap(),
            network: "n".parse().unwrap(),
            cohort: cohort.map(|c| c.parse().unwrap()),
            role: Role::Member,
            joined_on: joined.map(|d| d.parse().unwrap()),
            left_on: left.map(|d| d.parse().unwrap()),
            source: None,
        }
    }

    #[test]
    fn steps_follow_joins_and_leaves() {
        let cohorts = vec![Cohort {
            network: "n".parse().unwrap(),
            slug: "s2".parse().unwrap(),
            name: "S2".into(),
            year: Some(2020),
            motto: None,
            source: None,
        }];
        let g = growth(
            &[
                m(Some("2019-04"), None, None),
                m(Some("2019-04"), Some("2021-06"), None),
                m(None, None, Some("s2")),
                m(None, None, None),
            ],
            &cohorts,
            &[],
        );
        let pts: Vec<_> = g
            .points
            .iter()
            .map(|p| (p.on.to_string(), p.members))
            .collect();
        assert_eq!(
            pts,
            [
                ("2019-04-01".into(), 2),
                ("2020-01-01".into(), 3),
                ("2021-06-01".into(), 2)
            ]
        );
        assert_eq!(g.undated, 1);
    }
}
