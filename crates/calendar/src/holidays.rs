//! German public holidays per state, and the policy a series applies when a meeting hits one.
//!
//! The dates come from the `holiday_de` crate (statutory holidays since 1995, including one-off
//! days such as Berlin's 8 May 2025); the tests check them against hard-coded official dates and
//! an Easter computation of their own. As in `holiday_de`, holidays that only some communities of
//! a state keep (Fronleichnam in parts of Saxony and Thuringia, the Augsburger Friedensfest) are
//! not counted, Mariä Himmelfahrt is counted for Bavaria and Saarland, and holidays that always
//! fall on a Sunday (Ostersonntag, Pfingstsonntag) are left out.

use std::fmt;
use std::str::FromStr;

use chrono::{Datelike, NaiveDate, Weekday};
use holiday_de::GermanRegion;

use crate::Error;

/// A German state (Bundesland), by its ISO 3166-2:DE code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[allow(clippy::upper_case_acronyms)]
pub enum State {
    /// Baden-Württemberg
    BW,
    /// Bayern
    BY,
    /// Berlin
    BE,
    /// Brandenburg
    BB,
    /// Bremen
    HB,
    /// Hamburg
    HH,
    /// Hessen
    HE,
    /// Mecklenburg-Vorpommern
    MV,
    /// Niedersachsen
    NI,
    /// Nordrhein-Westfalen
    NW,
    /// Rheinland-Pfalz
    RP,
    /// Saarland
    SL,
    /// Sachsen
    SN,
    /// Sachsen-Anhalt
    ST,
    /// Schleswig-Holstein
    SH,
    /// Thüringen
    TH,
}

impl State {
    /// All 16 states, in the order of the glossary.
    pub const ALL: [State; 16] = [
        State::BW,
        State::BY,
        State::BE,
        State::BB,
        State::HB,
        State::HH,
        State::HE,
        State::MV,
        State::NI,
        State::NW,
        State::RP,
        State::SL,
        State::SN,
        State::ST,
        State::SH,
        State::TH,
    ];

    /// The two-letter code, e.g. `RP`.
    pub fn code(self) -> &'static str {
        match self {
            State::BW => "BW",
            State::BY => "BY",
            State::BE => "BE",
            State::BB => "BB",
            State::HB => "HB",
            State::HH => "HH",
            State::HE => "HE",
            State::MV => "MV",
            State::NI => "NI",
            State::NW => "NW",
            State::RP => "RP",
            State::SL => "SL",
            State::SN => "SN",
            State::ST => "ST",
            State::SH => "SH",
            State::TH => "TH",
        }
    }

    /// The German name, e.g. `Rheinland-Pfalz`.
    pub fn name(self) -> &'static str {
        match self {
            State::BW => "Baden-Württemberg",
            State::BY => "Bayern",
            State::BE => "Berlin",
            State::BB => "Brandenburg",
            State::HB => "Bremen",
            State::HH => "Hamburg",
            State::HE => "Hessen",
            State::MV => "Mecklenburg-Vorpommern",
            State::NI => "Niedersachsen",
            State::NW => "Nordrhein-Westfalen",
            State::RP => "Rheinland-Pfalz",
            State::SL => "Saarland",
            State::SN => "Sachsen",
            State::ST => "Sachsen-Anhalt",
            State::SH => "Schleswig-Holstein",
            State::TH => "Thüringen",
        }
    }

    fn region(self) -> GermanRegion {
        match self {
            State::BW => GermanRegion::BadenWuerttemberg,
            State::BY => GermanRegion::Bayern,
            State::BE => GermanRegion::Berlin,
            State::BB => GermanRegion::Brandenburg,
            State::HB => GermanRegion::Bremen,
            State::HH => GermanRegion::Hamburg,
            State::HE => GermanRegion::Hessen,
            State::MV => GermanRegion::MechlenburgVorpommern,
            State::NI => GermanRegion::Niedersachsen,
            State::NW => GermanRegion::NordrheinWestfalen,
            State::RP => GermanRegion::RheinlandPfalz,
            State::SL => GermanRegion::Saarland,
            State::SN => GermanRegion::Sachsen,
            State::ST => GermanRegion::SachsenAnhalt,
            State::SH => GermanRegion::SchleswigHolstein,
            State::TH => GermanRegion::Thueringen,
        }
    }

    fn bit(self) -> u16 {
        1 << (self as u16)
    }
}

impl FromStr for State {
    type Err = Error;

    /// Accepts `RP`, `rp` and `DE-RP`.
    fn from_str(s: &str) -> Result<Self, Error> {
        let trimmed = s.trim();
        let upper = trimmed.to_ascii_uppercase();
        let code = upper.strip_prefix("DE-").unwrap_or(&upper);
        State::ALL
            .into_iter()
            .find(|state| state.code() == code)
            .ok_or_else(|| Error::UnknownState(trimmed.to_owned()))
    }
}

impl fmt::Display for State {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// A set of states, small enough to copy around while scheduling.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct StateSet(u16);

impl StateSet {
    /// No state: only national holidays count.
    pub const EMPTY: StateSet = StateSet(0);
    /// Every state.
    pub const ALL: StateSet = StateSet(0xFFFF);

    /// Adds `state`.
    #[must_use]
    pub fn with(self, state: State) -> Self {
        StateSet(self.0 | state.bit())
    }

    /// Adds `state` if there is one; members and coordinators may have no state.
    #[must_use]
    pub fn with_opt(self, state: Option<State>) -> Self {
        state.map_or(self, |s| self.with(s))
    }

    /// Whether `state` is in the set.
    pub fn contains(self, state: State) -> bool {
        self.0 & state.bit() != 0
    }

    /// Whether the two sets share a state.
    pub fn intersects(self, other: StateSet) -> bool {
        self.0 & other.0 != 0
    }

    /// The states in glossary order.
    pub fn iter(self) -> impl Iterator<Item = State> {
        State::ALL.into_iter().filter(move |s| self.contains(*s))
    }
}

impl FromIterator<State> for StateSet {
    fn from_iter<I: IntoIterator<Item = State>>(iter: I) -> Self {
        iter.into_iter().fold(StateSet::EMPTY, StateSet::with)
    }
}

/// One public holiday on one date, with the states that keep it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Holiday {
    /// The date.
    pub date: NaiveDate,
    /// The German name as used in official lists, e.g. `Christi Himmelfahrt`.
    pub name: &'static str,
    /// The states where it is a public holiday ([`StateSet::ALL`] for national ones).
    pub states: StateSet,
}

impl Holiday {
    /// Whether every state keeps it.
    pub fn is_national(&self) -> bool {
        self.states == StateSet::ALL
    }
}

/// All public holidays of `year` in any state, sorted by date.
///
/// Two holidays on one date (possible only for regional ones) are kept as separate entries.
pub fn holidays_in_year(year: i32) -> Vec<Holiday> {
    let mut out: Vec<Holiday> = Vec::new();
    for state in State::ALL {
        for (date, holiday) in state.region().holiday_dates_in_year(year) {
            let name = holiday.description();
            match out.iter_mut().find(|h| h.date == date && h.name == name) {
                Some(known) => known.states = known.states.with(state),
                None => out.push(Holiday {
                    date,
                    name,
                    states: StateSet::EMPTY.with(state),
                }),
            }
        }
    }
    out.sort_by_key(|h| (h.date, h.name));
    out
}

/// The holiday on `date` that matters to someone in `states`: a national one, or one kept in
/// any of `states`.
pub fn holiday_on(date: NaiveDate, states: StateSet) -> Option<Holiday> {
    holidays_in_year(date.year())
        .into_iter()
        .find(|h| h.date == date && (h.is_national() || h.states.intersects(states)))
}

/// Holidays of a range of years, looked up without recomputing; what a schedule uses.
#[derive(Debug, Clone, Default)]
pub struct HolidayTable {
    first_year: i32,
    years: Vec<Vec<Holiday>>,
}

impl HolidayTable {
    /// Precomputes the years `first..=last`; other years are looked up on demand.
    pub fn new(first: i32, last: i32) -> Self {
        HolidayTable {
            first_year: first,
            years: (first..=last).map(holidays_in_year).collect(),
        }
    }

    /// Like [`holiday_on`], from the table.
    pub fn on(&self, date: NaiveDate, states: StateSet) -> Option<Holiday> {
        let relevant =
            |h: &&Holiday| h.date == date && (h.is_national() || h.states.intersects(states));
        let index = usize::try_from(date.year() - self.first_year).ok();
        match index.and_then(|i| self.years.get(i)) {
            Some(year) => year.iter().find(relevant).copied(),
            None => holiday_on(date, states),
        }
    }

    /// Whether `date` is a working day (Monday to Friday, no relevant holiday).
    pub fn is_workday(&self, date: NaiveDate, states: StateSet) -> bool {
        !matches!(date.weekday(), Weekday::Sat | Weekday::Sun) && self.on(date, states).is_none()
    }
}

/// What a series does with a meeting that falls on a relevant public holiday.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum HolidayPolicy {
    /// Meet anyway.
    #[default]
    Keep,
    /// Move to the same weekday one week earlier (further back while that is a holiday too),
    /// because network meetings such as "last Thursday" should stay in the same month. Where
    /// that date already has a meeting of the series (weekly series) or lies before the series'
    /// start, the meeting is dropped instead, with the holiday as reason.
    EarlierWeek,
    /// Move to the next working day (Monday to Friday, no relevant holiday); dropped like
    /// `EarlierWeek` where that day already has a meeting.
    NextWorkday,
    /// Drop the meeting; nobody's hosting turn is used up.
    Skip,
}

impl FromStr for HolidayPolicy {
    type Err = Error;

    /// Accepts the CLI and API spellings: `keep`, `earlier-week`, `next-workday`, `skip`.
    fn from_str(s: &str) -> Result<Self, Error> {
        match s.trim().to_ascii_lowercase().replace('_', "-").as_str() {
            "keep" => Ok(HolidayPolicy::Keep),
            "earlier-week" => Ok(HolidayPolicy::EarlierWeek),
            "next-workday" => Ok(HolidayPolicy::NextWorkday),
            "skip" => Ok(HolidayPolicy::Skip),
            _ => Err(Error::InvalidValue {
                part: "holiday policy",
                value: s.to_owned(),
                expected: "keep, earlier-week, next-workday or skip",
            }),
        }
    }
}

impl fmt::Display for HolidayPolicy {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            HolidayPolicy::Keep => "keep",
            HolidayPolicy::EarlierWeek => "earlier-week",
            HolidayPolicy::NextWorkday => "next-workday",
            HolidayPolicy::Skip => "skip",
        })
    }
}

/// Where a policy puts one meeting date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum HolidayOutcome {
    Unchanged,
    Moved { to: NaiveDate, holiday: Holiday },
    Dropped { holiday: Holiday },
}

/// Applies `policy` to `date`; `taken` tells which dates already have a meeting of the series,
/// since two meetings of one series on one day make no sense: such a move drops the meeting.
pub(crate) fn apply_policy(
    table: &HolidayTable,
    policy: HolidayPolicy,
    date: NaiveDate,
    states: StateSet,
    taken: impl Fn(NaiveDate) -> bool,
) -> HolidayOutcome {
    if policy == HolidayPolicy::Keep {
        return HolidayOutcome::Unchanged;
    }
    let Some(holiday) = table.on(date, states) else {
        return HolidayOutcome::Unchanged;
    };
    let target = match policy {
        HolidayPolicy::Keep | HolidayPolicy::Skip => None,
        HolidayPolicy::EarlierWeek => (1..=4)
            .filter_map(|weeks| date.checked_sub_days(chrono::Days::new(7 * weeks)))
            .find(|d| table.on(*d, states).is_none()),
        HolidayPolicy::NextWorkday => (1..=14)
            .filter_map(|days| date.checked_add_days(chrono::Days::new(days)))
            .find(|d| table.is_workday(*d, states)),
    };
    match target {
        Some(to) if !taken(to) => HolidayOutcome::Moved { to, holiday },
        _ => HolidayOutcome::Dropped { holiday },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn states_parse_in_all_spellings() {
        assert_eq!("rp".parse::<State>().unwrap(), State::RP);
        assert_eq!("DE-BY".parse::<State>().unwrap(), State::BY);
        assert_eq!("XX".parse::<State>(), Err(Error::UnknownState("XX".into())));
    }

    #[test]
    fn regional_holidays_only_count_where_kept() {
        let fronleichnam = d(2025, 6, 19);
        assert!(holiday_on(fronleichnam, StateSet::EMPTY).is_none());
        assert!(holiday_on(fronleichnam, StateSet::EMPTY.with(State::BE)).is_none());
        let h = holiday_on(fronleichnam, StateSet::EMPTY.with(State::RP)).unwrap();
        assert_eq!(h.name, "Fronleichnam");
        assert!(!h.is_national());
        let national = holiday_on(d(2025, 5, 29), StateSet::EMPTY).unwrap();
        assert_eq!(national.name, "Christi Himmelfahrt");
        assert!(national.is_national());
    }

    #[test]
    fn policies_move_as_documented() {
        let table = HolidayTable::new(2025, 2025);
        let none = |_| false;
        let himmelfahrt = d(2025, 5, 29);
        assert_eq!(
            apply_policy(
                &table,
                HolidayPolicy::EarlierWeek,
                himmelfahrt,
                StateSet::EMPTY,
                none
            ),
            HolidayOutcome::Moved {
                to: d(2025, 5, 22),
                holiday: table.on(himmelfahrt, StateSet::EMPTY).unwrap()
            }
        );
        let HolidayOutcome::Moved { to, .. } = apply_policy(
            &table,
            HolidayPolicy::NextWorkday,
            himmelfahrt,
            StateSet::EMPTY,
            none,
        ) else {
            panic!("not moved")
        };
        assert_eq!(to, d(2025, 5, 30));
        // Christmas Thursday: the next workday skips 26 December and the weekend.
        let HolidayOutcome::Moved { to, .. } = apply_policy(
            &table,
            HolidayPolicy::NextWorkday,
            d(2025, 12, 25),
            StateSet::EMPTY,
            none,
        ) else {
            panic!("not moved")
        };
        assert_eq!(to, d(2025, 12, 29));
        assert!(matches!(
            apply_policy(
                &table,
                HolidayPolicy::Skip,
                himmelfahrt,
                StateSet::EMPTY,
                none
            ),
            HolidayOutcome::Dropped { .. }
        ));
        assert_eq!(
            apply_policy(
                &table,
                HolidayPolicy::Keep,
                himmelfahrt,
                StateSet::EMPTY,
                none
            ),
            HolidayOutcome::Unchanged
        );
        // A weekly series already meets a week earlier: the meeting is dropped, not doubled.
        assert!(matches!(
            apply_policy(
                &table,
                HolidayPolicy::EarlierWeek,
                himmelfahrt,
                StateSet::EMPTY,
                |_| true
            ),
            HolidayOutcome::Dropped { .. }
        ));
    }
}
