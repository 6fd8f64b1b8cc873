//! From a series (rule, hosting, holiday policy, exceptions) to its concrete meetings.
//!
//! [`schedule`] walks the rule's dates in order and decides for each, in this order:
//!
//! 1. a manual cancellation wins; the meeting keeps nobody's turn;
//! 2. the host: a manual host (exception) or the fixed host, or the rotation's next member
//!    (below);
//! 3. the date: a manual move, or the holiday policy, applied to holidays that are national or
//!    kept in the coordinator's or that host's state;
//! 4. after all dates: swaps of two meetings' hosts.
//!
//! # Rotation
//!
//! Round-robin in *cycles*: in a cycle every current member hosts once, in the configured order.
//! A meeting goes to the first member in that order who has not hosted in the cycle, is a member
//! on that date and has not declared the date as one it cannot host; a member skipped because of
//! such a declaration keeps its turn and hosts the next meeting it can. When every current member
//! has hosted, a new cycle starts. Joiners enter the running cycle (they have not hosted in it);
//! leavers drop out. A meeting that holidays drop uses up nobody's turn. If every member still due
//! in the cycle declared the date, the meeting gets no host and a [`Diagnostic::NoHost`]: handing
//! it to someone who already hosted would break the promise that nobody hosts twice in a cycle,
//! and the coordinator can settle it with a host exception.
//!
//! # Exceptions
//!
//! Exceptions are keyed by the *original* date the rule produced (the iCalendar recurrence id),
//! not by position, so after a rule change they still apply to every date the new rule also
//! produces; the others are reported as [`Diagnostic::StaleException`] and otherwise ignored.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

use chrono::{DateTime, Datelike, Duration, NaiveDate, NaiveDateTime};
use chrono_tz::Tz;

use crate::holidays::{HolidayOutcome, HolidayPolicy, HolidayTable, State, StateSet, apply_policy};
use crate::recurrence::{Recurrence, resolve_local};
use crate::{Error, Holiday};

/// A member's stable identifier as the application stores it (e.g. an organisation's slug).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct MemberId(pub String);

impl fmt::Display for MemberId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl From<&str> for MemberId {
    fn from(value: &str) -> Self {
        MemberId(value.to_owned())
    }
}

/// A member of a series' rotation, with the facts the rotation needs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Member {
    /// Stable id.
    pub id: MemberId,
    /// Display name, used for alphabetical order.
    pub name: String,
    /// The member's state, whose holidays then count for meetings it hosts.
    pub state: Option<State>,
    /// First day of membership; meetings before it are not its to host.
    pub joined: NaiveDate,
    /// First day it is no longer a member, if it left.
    pub left: Option<NaiveDate>,
    /// Dates (original or moved) it declared it cannot host.
    pub unavailable: BTreeSet<NaiveDate>,
}

impl Member {
    /// A member since `joined`, with no state, no end and no declared dates.
    pub fn new(id: &str, name: &str, joined: NaiveDate) -> Self {
        Member {
            id: MemberId(id.to_owned()),
            name: name.to_owned(),
            state: None,
            joined,
            left: None,
            unavailable: BTreeSet::new(),
        }
    }

    fn is_member_on(&self, date: NaiveDate) -> bool {
        self.joined <= date && self.left.is_none_or(|left| date < left)
    }
}

/// The order of a rotation.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum RotationOrder {
    /// By joining date (ties by id): the founding members first.
    #[default]
    JoinOrder,
    /// By name, German-style (ä as a, ß as ss, case-insensitive; ties by id).
    Alphabetical,
    /// As listed; members not listed follow in join order.
    Explicit(Vec<MemberId>),
}

/// Who hosts a series' meetings.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Hosting {
    /// Nobody in particular (e.g. the lounge).
    #[default]
    None,
    /// Always the same member, typically the coordinator. Its declared dates are ignored:
    /// there is nobody to pass the meeting to, and the coordinator can cancel or move it.
    Fixed(Member),
    /// Members take turns.
    Rotation {
        /// Everyone who ever belonged to the rotation; dates decide who is current.
        members: Vec<Member>,
        /// Order within a cycle.
        order: RotationOrder,
    },
}

/// A manual change to one meeting, keyed by the date the rule gave it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Exception {
    /// The original date of the meeting (the recurrence id).
    pub date: NaiveDate,
    /// What changes.
    pub kind: ExceptionKind,
}

/// The kinds of manual change.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ExceptionKind {
    /// The meeting does not take place.
    Cancel {
        /// Why, shown in feeds and pages.
        note: Option<String>,
    },
    /// The meeting takes place at another local date and time; the holiday policy is not applied.
    Move {
        /// New local start.
        to: NaiveDateTime,
        /// Why, shown in feeds and pages.
        note: Option<String>,
    },
    /// This member hosts, whatever the rotation says; it counts as its turn.
    Host(MemberId),
    /// Swap hosts with the meeting originally on `with` (stored on one of the two dates).
    SwapHost {
        /// The other meeting's original date.
        with: NaiveDate,
    },
}

/// Everything the engine needs to know about a series.
#[derive(Debug, Clone)]
pub struct Series {
    /// Rule, start, time zone, excluded dates.
    pub recurrence: Recurrence,
    /// How long a meeting lasts.
    pub duration: Duration,
    /// What happens on public holidays.
    pub holiday_policy: HolidayPolicy,
    /// The coordinator's state, whose holidays always count.
    pub coordinator_state: Option<State>,
    /// Who hosts.
    pub hosting: Hosting,
    /// Manual changes.
    pub exceptions: Vec<Exception>,
}

impl Series {
    /// A series with no host, no holiday handling and no exceptions.
    pub fn new(recurrence: Recurrence, duration: Duration) -> Self {
        Series {
            recurrence,
            duration,
            holiday_policy: HolidayPolicy::Keep,
            coordinator_state: None,
            hosting: Hosting::None,
            exceptions: Vec::new(),
        }
    }
}

/// The state of one meeting.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Status {
    /// Takes place as the rule says.
    Planned,
    /// Takes place on another date or at another time.
    Moved(Reason),
    /// Does not take place.
    Cancelled(Reason),
}

impl Status {
    /// The reason, if the meeting moved or was cancelled.
    pub fn reason(&self) -> Option<&Reason> {
        match self {
            Status::Planned => None,
            Status::Moved(reason) | Status::Cancelled(reason) => Some(reason),
        }
    }

    /// Whether the meeting takes place.
    pub fn is_cancelled(&self) -> bool {
        matches!(self, Status::Cancelled(_))
    }
}

/// Why a meeting moved or was cancelled.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reason {
    /// The holiday policy moved or dropped it.
    Holiday(Holiday),
    /// A coordinator did, with an optional note.
    Manual(Option<String>),
}

impl fmt::Display for Reason {
    /// The holiday's name ("Christi Himmelfahrt") or the coordinator's note, as pages show it.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Reason::Holiday(holiday) => f.write_str(holiday.name),
            Reason::Manual(Some(note)) => f.write_str(note),
            Reason::Manual(None) => Ok(()),
        }
    }
}

/// How a meeting's host was chosen, so pages can say "swapped" or "stand-in".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HostSource {
    /// No host (no hosting, cancelled, or nobody could).
    None,
    /// The series' fixed host.
    Fixed,
    /// The rotation.
    Rotation,
    /// A host exception.
    Manual,
    /// A swap exception.
    Swapped,
}

/// One concrete meeting of a series.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Occurrence {
    /// The date the rule gave it: the key for exceptions, stored rows and feed UIDs.
    pub recurrence_id: NaiveDate,
    /// The start the rule gave it.
    pub original_start: DateTime<Tz>,
    /// The actual start.
    pub start: DateTime<Tz>,
    /// The actual end.
    pub end: DateTime<Tz>,
    /// Planned, moved or cancelled, with the reason.
    pub status: Status,
    /// Who hosts.
    pub host: Option<MemberId>,
    /// How the host was chosen.
    pub host_source: HostSource,
}

/// Something about the input that did not stop the schedule but that a coordinator should see.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Diagnostic {
    /// An exception for a date the rule no longer produces (e.g. after a rule change).
    StaleException {
        /// Its original date.
        date: NaiveDate,
    },
    /// An exception names a member that is not in the rotation.
    UnknownMember {
        /// The meeting's original date.
        date: NaiveDate,
        /// The id as given.
        member: MemberId,
    },
    /// A swap with a meeting that is cancelled or has no host; nothing was swapped.
    SwapNotApplied {
        /// One original date.
        date: NaiveDate,
        /// The other.
        with: NaiveDate,
    },
    /// Every member still due in the cycle declared this date; it has no host.
    NoHost {
        /// The meeting's original date.
        date: NaiveDate,
    },
}

/// The result of [`schedule`]: the meetings plus what the coordinator should look at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Schedule {
    /// The meetings in order of their original dates (cancelled ones included).
    pub occurrences: Vec<Occurrence>,
    /// Findings about the input.
    pub diagnostics: Vec<Diagnostic>,
}

impl Schedule {
    /// The meeting the rule originally placed on `date`.
    pub fn get(&self, date: NaiveDate) -> Option<&Occurrence> {
        self.occurrences
            .binary_search_by_key(&date, |o| o.recurrence_id)
            .ok()
            .and_then(|i| self.occurrences.get(i))
    }

    /// Checks that both dates are meetings of this schedule before a swap is stored, so the web
    /// layer can reject a swap across series or to a phantom date with nothing stored.
    ///
    /// # Errors
    ///
    /// [`Error::NotAnOccurrence`] for the first date that is not one.
    pub fn check_swap(&self, a: NaiveDate, b: NaiveDate) -> Result<(), Error> {
        for date in [a, b] {
            match self.get(date) {
                Some(o) if !o.status.is_cancelled() => {}
                _ => return Err(Error::NotAnOccurrence { date }),
            }
        }
        Ok(())
    }
}

/// Computes every meeting of `series` from its start through the local date `through`.
///
/// The rotation needs the whole history, so callers that show a window filter the result.
///
/// # Errors
///
/// [`Error::TooManyOccurrences`] and [`Error::DuplicateMember`].
pub fn schedule(series: &Series, through: NaiveDate) -> Result<Schedule, Error> {
    let tz = series.recurrence.time_zone();
    let originals = series.recurrence.occurrences_through(through)?;
    let mut diagnostics = Vec::new();

    let rotation = Rotation::new(&series.hosting)?;
    let original_dates: BTreeSet<NaiveDate> = originals.iter().map(|o| o.date_naive()).collect();

    let mut cancels = BTreeMap::new();
    let mut moves = BTreeMap::new();
    let mut hosts = BTreeMap::new();
    let mut swaps = Vec::new();
    for exception in &series.exceptions {
        if exception.date > through {
            continue;
        }
        if !original_dates.contains(&exception.date) {
            diagnostics.push(Diagnostic::StaleException {
                date: exception.date,
            });
            continue;
        }
        match &exception.kind {
            ExceptionKind::Cancel { note } => {
                cancels.insert(exception.date, note.clone());
            }
            ExceptionKind::Move { to, note } => {
                moves.insert(exception.date, (*to, note.clone()));
            }
            ExceptionKind::Host(member) => match rotation.index_of(member) {
                Some(index) => {
                    hosts.insert(exception.date, index);
                }
                None => diagnostics.push(Diagnostic::UnknownMember {
                    date: exception.date,
                    member: member.clone(),
                }),
            },
            ExceptionKind::SwapHost { with } => swaps.push((exception.date, *with)),
        }
    }

    let first_year = originals.first().map_or(through.year(), |o| o.year());
    let table = HolidayTable::new(first_year, through.year() + 1);
    let base_states = StateSet::EMPTY.with_opt(series.coordinator_state);

    // Dates that hold a meeting, and the days before the series began: a holiday move must not
    // land on either (a meeting before the series' announced start would surprise everyone).
    let series_start = series.recurrence.start().date_naive();
    let mut taken: BTreeSet<NaiveDate> = original_dates
        .iter()
        .filter(|d| !cancels.contains_key(d) && !moves.contains_key(d))
        .copied()
        .chain(
            moves
                .iter()
                .filter(|(d, _)| !cancels.contains_key(d))
                .map(|(_, (to, _))| to.date()),
        )
        .collect();
    let mut hosted_in_cycle: BTreeSet<usize> = BTreeSet::new();
    let mut occurrences = Vec::with_capacity(originals.len());

    for original in originals {
        let date = original.date_naive();
        let mut occurrence = Occurrence {
            recurrence_id: date,
            original_start: original,
            start: original,
            end: original + series.duration,
            status: Status::Planned,
            host: None,
            host_source: HostSource::None,
        };
        if let Some(note) = cancels.get(&date) {
            occurrence.status = Status::Cancelled(Reason::Manual(note.clone()));
            occurrences.push(occurrence);
            continue;
        }
        if !moves.contains_key(&date) {
            taken.remove(&date);
        }

        // Candidates in the order they would be asked, with how they were chosen.
        let candidates: Vec<(Option<usize>, HostSource)> = if let Some(index) = hosts.get(&date) {
            vec![(Some(*index), HostSource::Manual)]
        } else {
            match &series.hosting {
                Hosting::None => vec![(None, HostSource::None)],
                Hosting::Fixed(_) => vec![(Some(0), HostSource::Fixed)],
                Hosting::Rotation { .. } => rotation
                    .due(date, &mut hosted_in_cycle)
                    .into_iter()
                    .map(|i| (Some(i), HostSource::Rotation))
                    .collect(),
            }
        };

        let mut decided = None;
        for (candidate, source) in &candidates {
            let member = candidate.and_then(|i| rotation.members.get(i));
            let declared = |d: NaiveDate| {
                *source == HostSource::Rotation
                    && member.is_some_and(|m| m.unavailable.contains(&d))
            };
            if declared(date) {
                continue;
            }
            let states = base_states.with_opt(member.and_then(|m| m.state));
            let outcome = match moves.get(&date) {
                Some(_) => HolidayOutcome::Unchanged,
                None => apply_policy(&table, series.holiday_policy, date, states, |d| {
                    d < series_start || taken.contains(&d)
                }),
            };
            if let HolidayOutcome::Moved { to, .. } = outcome
                && declared(to)
            {
                continue;
            }
            decided = Some((*candidate, *source, outcome));
            break;
        }

        let (host, source, outcome) = match decided {
            Some(found) => found,
            None => {
                diagnostics.push(Diagnostic::NoHost { date });
                let outcome = match moves.get(&date) {
                    Some(_) => HolidayOutcome::Unchanged,
                    None => apply_policy(&table, series.holiday_policy, date, base_states, |d| {
                        d < series_start || taken.contains(&d)
                    }),
                };
                (None, HostSource::None, outcome)
            }
        };

        match outcome {
            HolidayOutcome::Dropped { holiday } => {
                occurrence.status = Status::Cancelled(Reason::Holiday(holiday));
                occurrences.push(occurrence);
                continue;
            }
            HolidayOutcome::Moved { to, holiday } => {
                let start = resolve_local(tz, to.and_time(original.time()));
                occurrence.start = start;
                occurrence.status = Status::Moved(Reason::Holiday(holiday));
            }
            HolidayOutcome::Unchanged => {
                if let Some((to, note)) = moves.get(&date) {
                    occurrence.start = resolve_local(tz, *to);
                    occurrence.status = Status::Moved(Reason::Manual(note.clone()));
                }
            }
        }
        occurrence.end = occurrence.start + series.duration;
        taken.insert(occurrence.start.date_naive());
        if let Some(index) = host {
            if source == HostSource::Rotation || source == HostSource::Manual {
                hosted_in_cycle.insert(index);
            }
            occurrence.host = rotation.members.get(index).map(|m| m.id.clone());
            occurrence.host_source = source;
        }
        occurrences.push(occurrence);
    }

    let mut schedule = Schedule {
        occurrences,
        diagnostics,
    };
    for (a, b) in swaps {
        apply_swap(&mut schedule, a, b);
    }
    Ok(schedule)
}

fn apply_swap(schedule: &mut Schedule, a: NaiveDate, b: NaiveDate) {
    let index = |d: NaiveDate| {
        schedule
            .occurrences
            .binary_search_by_key(&d, |o| o.recurrence_id)
            .ok()
    };
    let usable = |i: usize| {
        schedule
            .occurrences
            .get(i)
            .is_some_and(|o| !o.status.is_cancelled() && o.host.is_some())
    };
    match (index(a), index(b)) {
        (Some(i), Some(j)) if i != j && usable(i) && usable(j) => {
            let host_i = schedule.occurrences.get(i).and_then(|o| o.host.clone());
            let host_j = schedule.occurrences.get(j).and_then(|o| o.host.clone());
            if let Some(o) = schedule.occurrences.get_mut(i) {
                o.host = host_j;
                o.host_source = HostSource::Swapped;
            }
            if let Some(o) = schedule.occurrences.get_mut(j) {
                o.host = host_i;
                o.host_source = HostSource::Swapped;
            }
        }
        _ => schedule
            .diagnostics
            .push(Diagnostic::SwapNotApplied { date: a, with: b }),
    }
}

/// The members of a rotation in the order they take turns (a fixed host alone;
/// nobody without hosting), as [`schedule`] uses it, so pages can show the
/// order without knowing the sorting rules.
///
/// # Errors
///
/// [`Error::DuplicateMember`].
pub fn rotation_order(hosting: &Hosting) -> Result<Vec<MemberId>, Error> {
    Ok(Rotation::new(hosting)?
        .members
        .iter()
        .map(|m| m.id.clone())
        .collect())
}

/// Members in rotation order.
struct Rotation<'a> {
    members: Vec<&'a Member>,
    is_rotation: bool,
}

impl<'a> Rotation<'a> {
    fn new(hosting: &'a Hosting) -> Result<Self, Error> {
        let (mut members, order, is_rotation) = match hosting {
            Hosting::None => (Vec::new(), None, false),
            Hosting::Fixed(member) => (vec![member], None, false),
            Hosting::Rotation { members, order } => (members.iter().collect(), Some(order), true),
        };
        let mut seen = BTreeSet::new();
        for member in &members {
            if !seen.insert(&member.id) {
                return Err(Error::DuplicateMember(member.id.0.clone()));
            }
        }
        match order {
            None | Some(RotationOrder::JoinOrder) => {
                members.sort_by(|a, b| (a.joined, &a.id).cmp(&(b.joined, &b.id)));
            }
            Some(RotationOrder::Alphabetical) => {
                members.sort_by_cached_key(|m| (collation_key(&m.name), m.id.clone()));
            }
            Some(RotationOrder::Explicit(list)) => {
                let position = |m: &Member| list.iter().position(|id| *id == m.id);
                members.sort_by_cached_key(|m| {
                    (position(m).unwrap_or(usize::MAX), m.joined, m.id.clone())
                });
            }
        }
        Ok(Rotation {
            members,
            is_rotation,
        })
    }

    fn index_of(&self, id: &MemberId) -> Option<usize> {
        self.members.iter().position(|m| m.id == *id)
    }

    /// Members due on `date` in order; starts a new cycle when every current member has hosted.
    fn due(&self, date: NaiveDate, hosted_in_cycle: &mut BTreeSet<usize>) -> Vec<usize> {
        if !self.is_rotation {
            return Vec::new();
        }
        let current: Vec<usize> = (0..self.members.len())
            .filter(|i| self.members.get(*i).is_some_and(|m| m.is_member_on(date)))
            .collect();
        if current.iter().all(|i| hosted_in_cycle.contains(i)) {
            hosted_in_cycle.clear();
        }
        current
            .into_iter()
            .filter(|i| !hosted_in_cycle.contains(i))
            .collect()
    }
}

/// DIN 5007-1 style key: umlauts as their base letter, ß as ss, case folded.
fn collation_key(name: &str) -> String {
    let mut key = String::with_capacity(name.len());
    for c in name.chars().flat_map(char::to_lowercase) {
        match c {
            'ä' => key.push('a'),
            'ö' => key.push('o'),
            'ü' => key.push('u'),
            'ß' => key.push_str("ss"),
            other => key.push(other),
        }
    }
    key
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::recurrence::parse_local_datetime;
    use chrono_tz::Europe::Berlin;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn weekly() -> Series {
        let start = parse_local_datetime("start", "2025-01-01T18:00").unwrap();
        let rule = Recurrence::parse("FREQ=WEEKLY", start, Berlin).unwrap();
        Series::new(rule, Duration::minutes(90))
    }

    fn hosts(schedule: &Schedule) -> Vec<String> {
        schedule
            .occurrences
            .iter()
            .map(|o| o.host.as_ref().map_or("-".into(), |h| h.0.clone()))
            .collect()
    }

    fn trio() -> Vec<Member> {
        vec![
            Member::new("c", "Cottbus", d(2020, 1, 3)),
            Member::new("a", "Aachen", d(2020, 1, 1)),
            Member::new("b", "Bamberg", d(2020, 1, 2)),
        ]
    }

    #[test]
    fn round_robin_in_join_order_and_alphabetically() {
        let mut series = weekly();
        series.hosting = Hosting::Rotation {
            members: trio(),
            order: RotationOrder::JoinOrder,
        };
        let s = schedule(&series, d(2025, 2, 5)).unwrap();
        assert_eq!(hosts(&s), ["a", "b", "c", "a", "b", "c"]);

        let mut members = trio();
        members[0].name = "Ärzteverbund".into();
        series.hosting = Hosting::Rotation {
            members,
            order: RotationOrder::Alphabetical,
        };
        let s = schedule(&series, d(2025, 1, 15)).unwrap();
        assert_eq!(hosts(&s), ["a", "c", "b"]);

        series.hosting = Hosting::Rotation {
            members: trio(),
            order: RotationOrder::Explicit(vec!["b".into(), "c".into()]),
        };
        let s = schedule(&series, d(2025, 1, 15)).unwrap();
        assert_eq!(hosts(&s), ["b", "c", "a"]);
    }

    #[test]
    fn declared_dates_pass_the_turn_and_keep_it() {
        let mut members = trio();
        // "a" cannot host 22 January (its second turn); "b" steps in, "a" hosts next.
        members[1].unavailable.insert(d(2025, 1, 22));
        let mut series = weekly();
        series.hosting = Hosting::Rotation {
            members,
            order: RotationOrder::JoinOrder,
        };
        let s = schedule(&series, d(2025, 2, 5)).unwrap();
        assert_eq!(hosts(&s), ["a", "b", "c", "b", "a", "c"]);
    }

    #[test]
    fn joiners_enter_the_running_cycle_and_leavers_drop_out() {
        let mut members = trio();
        let mut late = Member::new("d", "Dessau", d(2025, 1, 9));
        late.state = Some(State::ST);
        members.push(late);
        members[0].left = Some(d(2025, 1, 20)); // "c" leaves
        let mut series = weekly();
        series.hosting = Hosting::Rotation {
            members,
            order: RotationOrder::JoinOrder,
        };
        let s = schedule(&series, d(2025, 2, 12)).unwrap();
        // 1.1 a, 8.1 b, 15.1 c (d joined 9.1, still due), 22.1 d, then a new cycle of a, b, d.
        assert_eq!(hosts(&s), ["a", "b", "c", "d", "a", "b", "d"]);
    }

    #[test]
    fn holidays_move_and_carry_their_name() {
        let start = parse_local_datetime("start", "2025-01-30T17:00").unwrap();
        let rule = Recurrence::parse("FREQ=MONTHLY;BYDAY=-1TH", start, Berlin).unwrap();
        let mut series = Series::new(rule, Duration::hours(2));
        series.holiday_policy = HolidayPolicy::EarlierWeek;
        let s = schedule(&series, d(2025, 12, 31)).unwrap();
        let may = s.get(d(2025, 5, 29)).unwrap();
        assert_eq!(may.start.date_naive(), d(2025, 5, 22));
        assert_eq!(may.start.time(), start.time());
        assert_eq!(
            may.status.reason().unwrap().to_string(),
            "Christi Himmelfahrt"
        );
        // 25 December 2025 is the last Thursday: one week earlier is 18 December.
        let dec = s.get(d(2025, 12, 25)).unwrap();
        assert_eq!(dec.start.date_naive(), d(2025, 12, 18));
        assert_eq!(
            dec.status.reason().unwrap().to_string(),
            "Erster Weihnachtsfeiertag"
        );
    }

    #[test]
    fn holiday_moves_never_precede_the_series_or_double_a_week() {
        // Weekly on Wednesdays from Neujahr 2025: one week earlier would be before the start.
        let series = {
            let mut s = weekly();
            s.holiday_policy = HolidayPolicy::EarlierWeek;
            s
        };
        let s = schedule(&series, d(2025, 12, 31)).unwrap();
        let first = &s.occurrences[0];
        assert_eq!(first.status.reason().unwrap().to_string(), "Neujahr");
        assert!(first.status.is_cancelled());
        // 24 December 2025 is no public holiday, so the rest of the year is untouched.
        assert_eq!(
            s.occurrences
                .iter()
                .filter(|o| o.status != Status::Planned)
                .count(),
            1
        );
    }

    #[test]
    fn host_state_holidays_count_and_skips_keep_turns() {
        // Thursday 19 June 2025 is Fronleichnam in RP, not in BE.
        let start = parse_local_datetime("start", "2025-06-12T17:00").unwrap();
        let rule = Recurrence::parse("FREQ=WEEKLY;COUNT=3", start, Berlin).unwrap();
        let mut series = Series::new(rule, Duration::hours(1));
        series.holiday_policy = HolidayPolicy::Skip;
        let mut a = Member::new("a", "Kaiserslautern", d(2020, 1, 1));
        a.state = Some(State::RP);
        let mut b = Member::new("b", "Berlin", d(2020, 1, 2));
        b.state = Some(State::BE);
        series.hosting = Hosting::Rotation {
            members: vec![b.clone(), a.clone()],
            order: RotationOrder::Explicit(vec!["b".into(), "a".into()]),
        };
        let s = schedule(&series, d(2025, 12, 31)).unwrap();
        // 12.6 b; 19.6 due "a" from RP: Fronleichnam, skipped, "a" keeps its turn; 26.6 a.
        assert_eq!(hosts(&s), ["b", "-", "a"]);
        assert_eq!(
            s.occurrences[1].status,
            Status::Cancelled(Reason::Holiday(
                crate::holiday_on(d(2025, 6, 19), StateSet::EMPTY.with(State::RP)).unwrap()
            ))
        );
    }

    #[test]
    fn exceptions_survive_rule_changes_where_they_apply() {
        let mut series = weekly();
        series.hosting = Hosting::Rotation {
            members: trio(),
            order: RotationOrder::JoinOrder,
        };
        series.exceptions = vec![
            Exception {
                date: d(2025, 1, 15),
                kind: ExceptionKind::Cancel {
                    note: Some("Klausur".into()),
                },
            },
            Exception {
                date: d(2025, 1, 29),
                kind: ExceptionKind::Move {
                    to: parse_local_datetime("to", "2025-01-30T10:00").unwrap(),
                    note: None,
                },
            },
            Exception {
                date: d(2025, 1, 1),
                kind: ExceptionKind::SwapHost {
                    with: d(2025, 1, 8),
                },
            },
        ];
        let s = schedule(&series, d(2025, 1, 29)).unwrap();
        assert_eq!(hosts(&s), ["b", "a", "-", "c", "a"]);
        assert!(s.get(d(2025, 1, 15)).unwrap().status.is_cancelled());
        assert_eq!(
            s.get(d(2025, 1, 29)).unwrap().start.to_rfc3339(),
            "2025-01-30T10:00:00+01:00"
        );

        // Now the series moves to every second week: 15.1 and 29.1 remain, 8.1 vanishes.
        let start = parse_local_datetime("start", "2025-01-01T18:00").unwrap();
        series.recurrence = Recurrence::parse("FREQ=WEEKLY;INTERVAL=2", start, Berlin).unwrap();
        let s = schedule(&series, d(2025, 1, 29)).unwrap();
        assert!(s.get(d(2025, 1, 15)).unwrap().status.is_cancelled());
        assert_eq!(
            s.get(d(2025, 1, 29)).unwrap().start.date_naive(),
            d(2025, 1, 30)
        );
        assert!(s.diagnostics.contains(&Diagnostic::SwapNotApplied {
            date: d(2025, 1, 1),
            with: d(2025, 1, 8)
        }));
        assert_eq!(
            s.check_swap(d(2025, 1, 1), d(2025, 1, 8)),
            Err(Error::NotAnOccurrence {
                date: d(2025, 1, 8)
            })
        );
    }

    #[test]
    fn holiday_moves_avoid_dates_taken_by_later_manual_moves() {
        // Thursday 29 May 2025 (Christi Himmelfahrt) would move to Friday 30 May, but the
        // meeting of 5 June was moved there by hand: the holiday meeting is dropped instead.
        let start = parse_local_datetime("start", "2025-05-22T17:00").unwrap();
        let rule = Recurrence::parse("FREQ=WEEKLY;COUNT=3", start, Berlin).unwrap();
        let mut series = Series::new(rule, Duration::hours(1));
        series.holiday_policy = HolidayPolicy::NextWorkday;
        series.exceptions.push(Exception {
            date: d(2025, 6, 5),
            kind: ExceptionKind::Move {
                to: parse_local_datetime("to", "2025-05-30T10:00").unwrap(),
                note: Some("Messe".into()),
            },
        });
        let s = schedule(&series, d(2025, 12, 31)).unwrap();
        assert!(s.get(d(2025, 5, 29)).unwrap().status.is_cancelled());
        let june = s.get(d(2025, 6, 5)).unwrap();
        assert_eq!(june.start.date_naive(), d(2025, 5, 30));
        assert_eq!(
            june.status,
            Status::Moved(Reason::Manual(Some("Messe".into())))
        );
    }

    #[test]
    fn nobody_due_and_available_leaves_the_date_open() {
        let mut members = trio();
        for m in &mut members {
            m.unavailable.insert(d(2025, 1, 1));
        }
        let mut series = weekly();
        series.hosting = Hosting::Rotation {
            members,
            order: RotationOrder::JoinOrder,
        };
        let s = schedule(&series, d(2025, 1, 8)).unwrap();
        assert_eq!(hosts(&s), ["-", "a"]);
        assert_eq!(
            s.diagnostics,
            vec![Diagnostic::NoHost {
                date: d(2025, 1, 1)
            }]
        );
    }

    #[test]
    fn duplicate_members_are_rejected() {
        let mut series = weekly();
        let mut members = trio();
        members.push(Member::new("a", "Again", d(2021, 1, 1)));
        series.hosting = Hosting::Rotation {
            members,
            order: RotationOrder::JoinOrder,
        };
        assert_eq!(
            schedule(&series, d(2025, 2, 1)),
            Err(Error::DuplicateMember("a".into()))
        );
    }
}
