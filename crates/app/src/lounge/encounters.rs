//! Who has met whom: the encounter history of a network's lounges as pairs
//! of organisations, and how much of the network has met over time.
//!
//! Pure: computed from the seats (the only record) on every call, so it is
//! never out of step with them.

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;
use knotenpunkt_domain::Slug;
use knotenpunkt_store::LoungeSeatRecord;
use serde::Serialize;

/// An organisation of the network as the coverage pages show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct EncounterOrg {
    /// Its slug.
    #[cfg_attr(feature = "openapi", schema(value_type = String))]
    pub slug: Slug,
    /// Its name.
    pub name: String,
    /// Its cohort in the network.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>))]
    pub cohort: Option<Slug>,
}

/// Two organisations that have met, how often and when last.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Pair {
    /// The one first by slug.
    #[cfg_attr(feature = "openapi", schema(value_type = String))]
    pub a: Slug,
    /// The other.
    #[cfg_attr(feature = "openapi", schema(value_type = String))]
    pub b: Slug,
    /// Rooms they shared (each round counts).
    pub count: u32,
    /// The evening they last met.
    pub last: NaiveDate,
    /// Every meeting of the pair was on a sample evening (the demo's).
    pub sample: bool,
}

/// The share of pairs that had met by an evening.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CoveragePoint {
    /// The evening.
    pub date: NaiveDate,
    /// Pairs met by then ÷ all pairs of the network's organisations.
    pub share: f64,
    /// The same for pairs of different cohorts only.
    pub share_across: f64,
    /// The evening is sample data.
    pub sample: bool,
}

/// Who has met whom in a network's lounges.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Encounters {
    /// The network.
    #[cfg_attr(feature = "openapi", schema(value_type = String))]
    pub network: Slug,
    /// Its organisations, by cohort, then name.
    pub organizations: Vec<EncounterOrg>,
    /// Every pair that has met, by slug.
    pub pairs: Vec<Pair>,
    /// Pairs of the network's organisations.
    pub pairs_possible: u64,
    /// Of those, pairs that have met.
    pub pairs_met: u64,
    /// Pairs of different cohorts.
    pub across_possible: u64,
    /// Of those, pairs that have met.
    pub across_met: u64,
    /// Pairs that met, over time: one point per evening.
    pub coverage: Vec<CoveragePoint>,
    /// Evenings with rooms.
    pub evenings: u32,
    /// Of those, evenings that are sample data (the demo's).
    pub sample_evenings: u32,
}

impl Encounters {
    /// Pairs met ÷ pairs possible (0 when there are none).
    pub fn share(&self) -> f64 {
        ratio(self.pairs_met, self.pairs_possible)
    }

    /// The same across cohorts.
    pub fn share_across(&self) -> f64 {
        ratio(self.across_met, self.across_possible)
    }

    /// The pairs of the network's organisations that have never met, in the
    /// order of [`Encounters::organizations`].
    pub fn never_met(&self) -> Vec<(&EncounterOrg, &EncounterOrg)> {
        let met: BTreeSet<(&str, &str)> = self
            .pairs
            .iter()
            .map(|p| (p.a.as_str(), p.b.as_str()))
            .collect();
        let mut out = Vec::new();
        for (i, x) in self.organizations.iter().enumerate() {
            for y in &self.organizations[i + 1..] {
                let key = ordered(x.slug.as_str(), y.slug.as_str());
                if !met.contains(&key) {
                    out.push((x, y));
                }
            }
        }
        out
    }

    /// How often `a` and `b` have met (0 if never).
    pub fn count(&self, a: &Slug, b: &Slug) -> u32 {
        let (x, y) = ordered(a.as_str(), b.as_str());
        self.pairs
            .iter()
            .find(|p| p.a.as_str() == x && p.b.as_str() == y)
            .map_or(0, |p| p.count)
    }
}

fn ordered<'a>(a: &'a str, b: &'a str) -> (&'a str, &'a str) {
    if a <= b { (a, b) } else { (b, a) }
}

fn ratio(a: u64, b: u64) -> f64 {
    if b == 0 { 0.0 } else { a as f64 / b as f64 }
}

/// Pairs among `n` things.
fn pairs_among(n: u64) -> u64 {
    n * n.saturating_sub(1) / 2
}

/// Computes the encounters of `network`'s organisations (`organizations`,
/// already in display order) from its lounges' seats. Organisations that
/// met but are no longer members still count as pairs met with each other
/// in `pairs`, but not in the shares, which are about today's network.
pub fn compute(
    network: &Slug,
    organizations: Vec<EncounterOrg>,
    seats: &[LoungeSeatRecord],
) -> Encounters {
    // (date, series, round, room) → organisations.
    let mut rooms: BTreeMap<(NaiveDate, &str, u32, u32), BTreeSet<&str>> = BTreeMap::new();
    // Dates with a real evening, and dates with a sample evening; an evening
    // date is sample data when only sample evenings fell on it.
    let (mut real_dates, mut sample_dates) = (BTreeSet::new(), BTreeSet::new());
    for s in seats {
        rooms
            .entry((s.date, s.series.as_str(), s.round, s.room))
            .or_default()
            .insert(s.organization.as_str());
        if s.sample {
            sample_dates.insert(s.date);
        } else {
            real_dates.insert(s.date);
        }
    }
    let sample = |d: &NaiveDate| sample_dates.contains(d) && !real_dates.contains(d);
    let cohort: BTreeMap<&str, Option<&Slug>> = organizations
        .iter()
        .map(|o| (o.slug.as_str(), o.cohort.as_ref()))
        .collect();
    // Pair → (meetings, last date, every meeting on a sample evening).
    let mut pairs: BTreeMap<(&str, &str), (u32, NaiveDate, bool)> = BTreeMap::new();
    let mut coverage = Vec::new();
    let (mut met, mut across) = (0u64, 0u64);
    let mut evenings = BTreeSet::new();
    let mut current: Option<NaiveDate> = None;
    let possible = pairs_among(organizations.len() as u64);
    let across_possible = {
        let mut per_cohort: BTreeMap<Option<&Slug>, u64> = BTreeMap::new();
        for o in &organizations {
            *per_cohort.entry(o.cohort.as_ref()).or_default() += 1;
        }
        possible - per_cohort.values().map(|&n| pairs_among(n)).sum::<u64>()
    };
    for ((date, _, _, _), orgs) in &rooms {
        if current.is_some_and(|d| d != *date)
            && let Some(d) = current
        {
            coverage.push(CoveragePoint {
                date: d,
                share: ratio(met, possible),
                share_across: ratio(across, across_possible),
                sample: sample(&d),
            });
        }
        current = Some(*date);
        evenings.insert(*date);
        let orgs: Vec<&str> = orgs.iter().copied().collect();
        for (i, &x) in orgs.iter().enumerate() {
            for &y in &orgs[i + 1..] {
                let entry = pairs.entry((x, y)).or_insert((0, *date, true));
                if entry.0 == 0
                    && let (Some(cx), Some(cy)) = (cohort.get(x), cohort.get(y))
                {
                    met += 1;
                    if cx != cy {
                        across += 1;
                    }
                }
                entry.0 += 1;
                entry.1 = entry.1.max(*date);
                entry.2 &= sample(date);
            }
        }
    }
    if let Some(d) = current {
        coverage.push(CoveragePoint {
            date: d,
            share: ratio(met, possible),
            share_across: ratio(across, across_possible),
            sample: sample(&d),
        });
    }
    Encounters {
        network: network.clone(),
        pairs: pairs
            .into_iter()
            .filter_map(|((a, b), (count, last, sample))| {
                Some(Pair {
                    a: a.parse().ok()?,
                    b: b.parse().ok()?,
                    count,
                    last,
                    sample,
                })
            })
            .collect(),
        organizations,
        pairs_possible: possible,
        pairs_met: met,
        across_possible,
        across_met: across,
        coverage,
        evenings: evenings.len() as u32,
        sample_evenings: evenings.iter().filter(|d| sample(d)).count() as u32,
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    use crate::lounge::test_support::{seat as real_seat, slug};

    fn org(s: &str, cohort: &str) -> EncounterOrg {
        EncounterOrg {
            slug: slug(s),
            name: s.to_uppercase(),
            cohort: Some(slug(cohort)),
        }
    }

    /// A seat; the first evening of the tests (2 December) is sample data.
    fn seat(date: &str, round: u32, room: u32, o: &str) -> LoungeSeatRecord {
        LoungeSeatRecord {
            sample: date == "2026-12-02",
            ..real_seat(date, round, room, o)
        }
    }

    #[test]
    fn pairs_shares_and_coverage() {
        let orgs = vec![
            org("a", "s1"),
            org("b", "s1"),
            org("c", "s2"),
            org("d", "s2"),
        ];
        let seats = vec![
            seat("2026-12-02", 1, 1, "a"),
            seat("2026-12-02", 1, 1, "c"),
            seat("2026-12-02", 1, 2, "b"),
            seat("2026-12-02", 1, 2, "d"),
            seat("2026-12-02", 2, 1, "a"),
            seat("2026-12-02", 2, 1, "c"),
            seat("2026-12-09", 1, 1, "a"),
            seat("2026-12-09", 1, 1, "b"),
        ];
        let e = compute(&slug("netz"), orgs, &seats);
        assert_eq!(e.pairs_possible, 6);
        assert_eq!(e.across_possible, 4);
        assert_eq!(e.pairs_met, 3);
        assert_eq!(e.across_met, 2);
        assert_eq!(e.count(&slug("c"), &slug("a")), 2);
        assert_eq!((e.evenings, e.sample_evenings), (2, 1));
        let sample: Vec<bool> = e.coverage.iter().map(|p| p.sample).collect();
        assert_eq!(sample, [true, false]);
        let pair = |x: &str, y: &str| e.pairs.iter().find(|p| p.a == slug(x) && p.b == slug(y));
        assert!(
            pair("a", "c").unwrap().sample,
            "met on the sample evening only"
        );
        assert!(!pair("a", "b").unwrap().sample, "met on the real evening");
        assert_eq!(e.count(&slug("a"), &slug("d")), 0);
        let ac = e
            .pairs
            .iter()
            .find(|p| p.a.as_str() == "a" && p.b.as_str() == "c")
            .unwrap();
        assert_eq!(ac.last.to_string(), "2026-12-02");
        assert_eq!(e.coverage.len(), 2);
        assert!((e.coverage[0].share - 2.0 / 6.0).abs() < 1e-9);
        assert!((e.coverage[0].share_across - 0.5).abs() < 1e-9);
        assert!((e.coverage[1].share - 0.5).abs() < 1e-9);
        assert_eq!(e.evenings, 2);
        let never: Vec<_> = e
            .never_met()
            .into_iter()
            .map(|(x, y)| format!("{}-{}", x.slug, y.slug))
            .collect();
        assert_eq!(never, ["a-d", "b-c", "c-d"]);
    }
}
