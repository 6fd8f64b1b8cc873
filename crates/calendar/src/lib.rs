//! The meeting-series engine of Knotenpunkt: recurrence, rotating hosts, German public holidays
//! and iCalendar feeds.
//!
//! Architecture Invariant: this crate is pure. It reads no clock, no file, no database and no
//! network; every function takes plain data and returns plain data plus diagnostics, so the same
//! input always gives the same schedule and the same feed bytes. Storage, HTTP and the wire
//! format (serde DTOs) belong to the application crates.
//!
//! The flow:
//!
//! 1. [`Recurrence::parse`] validates an RFC 5545 rule against a local start in a time zone and
//!    names the rule part that is wrong if it is not; [`Recurrence::describe`] says it in words,
//!    in German or English ("am letzten Donnerstag jedes Monats").
//! 2. A [`Series`] adds duration, [`Hosting`] (fixed host or rotation), [`HolidayPolicy`], the
//!    coordinator's [`State`] and manual [`Exception`]s.
//! 3. [`schedule`] turns it into [`Occurrence`]s up to a date, each with its host and its
//!    [`Status`] (planned, moved or cancelled, with the [`Reason`], e.g. "Christi Himmelfahrt").
//! 4. [`ics::render`] writes a feed of such meetings.
//!
//! Decisions worth knowing before changing anything:
//!
//! * **Occurrence key.** A meeting is identified by the local date the rule gave it (its
//!   recurrence id). Exceptions, stored rows and feed UIDs use it, which is why a series meets at
//!   most once a day (`BYHOUR`/`BYMINUTE`/`BYSECOND` and sub-daily frequencies are refused) and
//!   why exceptions survive a rule change for every date the new rule still produces.
//! * **Daylight saving.** Wall-clock time is kept; a start inside the skipped or repeated hour
//!   is an error, later occurrences there follow RFC 5545 §3.3.5 (see [`resolve_local`]).
//! * **Holidays** come from `holiday_de` (maintained, per-state statutory holidays since 1995,
//!   one-off days included) and are checked in the tests against official dates and an Easter
//!   computation of their own. A holiday counts when it is national or kept in the coordinator's
//!   or the host's state; moves never land before the series' start or on a date that already
//!   has a meeting of the series (the meeting is dropped instead, with the holiday as reason).
//! * **History matters.** The rotation depends on every earlier meeting, so [`schedule`] always
//!   starts at the series' start; callers cut the window they show.
//!
//! ```
//! use chrono::{Duration, NaiveDate};
//! use knotenpunkt_calendar::{HolidayPolicy, Recurrence, Series, parse_local_datetime, schedule};
//!
//! let start = parse_local_datetime("start", "2025-01-30T17:00")?;
//! let rule = Recurrence::parse("FREQ=MONTHLY;BYDAY=-1TH", start, chrono_tz::Europe::Berlin)?;
//! let mut series = Series::new(rule, Duration::hours(2));
//! series.holiday_policy = HolidayPolicy::EarlierWeek;
//! let plan = schedule(&series, NaiveDate::from_ymd_opt(2025, 12, 31).unwrap_or_default())?;
//! let may = plan.get(NaiveDate::from_ymd_opt(2025, 5, 29).unwrap_or_default());
//! assert_eq!(may.map(|m| m.start.format("%d.%m. %H:%M").to_string()), Some("22.05. 17:00".into()));
//! # Ok::<(), knotenpunkt_calendar::Error>(())
//! ```

#![deny(missing_docs)]
#![cfg_attr(test, allow(clippy::unwrap_used, clippy::expect_used, clippy::panic))]

mod error;
pub mod holidays;
pub mod ics;
mod recurrence;
mod schedule;
mod words;

pub use error::Error;
pub use holidays::{Holiday, HolidayPolicy, State, StateSet, holiday_on};
pub use recurrence::{
    MAX_OCCURRENCES, Recurrence, parse_local_datetime, parse_time_zone, resolve_local,
};
pub use schedule::{
    Diagnostic, Exception, ExceptionKind, HostSource, Hosting, Member, MemberId, Occurrence,
    Reason, RotationOrder, Schedule, Series, Status, rotation_order, schedule,
};
pub use words::Language;
