//! Meetings as use cases: series and their rules, the meetings the
//! calendar engine computes from them, manual changes, host turns and
//! declared dates, agenda, minutes and attendance, and the feeds.
//!
//! Every method answers for the actor the [`Meetings`] service was built for
//! (`app.meetings(&actor)`). Reads show what that actor may see; each write
//! asks the policy itself (the gate's `may_series` and friends), checks the
//! input with the domain's rules and the calendar engine, and writes the
//! change with its audit entry in one transaction through
//! [`crate::scope::Scope::write`]. The surfaces therefore neither ask the
//! policy nor record audit entries for meetings.
//!
//! The engine (`knotenpunkt-calendar`) is pure; `engine.rs` is where the
//! directory's facts meet it. A series' rotation is built from the
//! network's current memberships (or the cooperation's partners) every
//! time, so a member who joins or leaves changes the rotation from its date
//! on without anyone editing the series. Every write runs the engine first,
//! so nothing is stored that does not expand.
//!
//! Files by topic: `series.rs` (the series themselves), `schedule.rs`
//! (computed meetings), `exceptions.rs` (manual changes and declared
//! dates), `records.rs` (agenda, minutes, attendance), `feeds.rs`
//! (iCalendar), `manage.rs` (the management pages' reads), `pages.rs` (one call per page, with the viewer's
//! abilities), `compat.rs` (the directory's older names for these).

mod compat;
mod engine;
mod exceptions;
mod feeds;
mod manage;
mod pages;
mod records;
mod schedule;
mod series;

use chrono::{DateTime, Duration, FixedOffset, NaiveDate, Utc};
use knotenpunkt_domain::{FieldError, Series, Slug, Visibility};
use knotenpunkt_store::Store;
use serde::Serialize;

pub(crate) use feeds::labels;
pub use manage::ManagedSeries;
pub use pages::{Declaring, MeetingPage, SeriesAbilities, SeriesOwner, SeriesPage};

use crate::scope::Scope;
use crate::{App, AppError, Service};

type Result<T> = std::result::Result<T, AppError>;

/// The meetings' use cases for one actor. Cheap to clone.
#[derive(Debug, Clone)]
pub struct Meetings {
    pub(crate) scope: Scope,
}

impl Meetings {
    pub(crate) fn build(scope: Scope) -> Meetings {
        Meetings { scope }
    }

    /// The application this service belongs to.
    pub fn app(&self) -> &App {
        &self.scope.app
    }

    /// Today in Europe/Berlin by the application's clock: the anchor of
    /// every default window and of "next turns".
    pub fn today(&self) -> NaiveDate {
        self.scope.app.today()
    }

    fn store(&self) -> &Store {
        self.scope.store()
    }

    fn sees_item(&self, network: Option<&Slug>, visibility: &Visibility) -> bool {
        self.scope.sees_item(network, visibility)
    }
}

impl Service for Meetings {
    fn for_actor(
        app: &App,
        actor: &knotenpunkt_access::Actor,
        counters: Option<knotenpunkt_store::Counters>,
    ) -> Self {
        Meetings::build(app.scope(actor, counters))
    }
}

/// How far back and ahead calendar pages and feeds look, in days.
pub const PAST_DAYS: i64 = 180;
/// See [`PAST_DAYS`].
pub const FUTURE_DAYS: i64 = 400;
/// Longest minutes text, in characters.
pub const MAX_MINUTES: usize = 50_000;

/// An organisation as meetings mention it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OrgRef {
    /// Its slug.
    pub slug: Slug,
    /// Its display name.
    pub name: String,
}

/// Whether a meeting takes place as the rule says.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "kebab-case")]
pub enum MeetingStatus {
    /// As the rule says.
    Planned,
    /// On another date or at another time.
    Moved,
    /// Does not take place.
    Cancelled,
}

/// How a meeting's host was chosen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "kebab-case")]
pub enum HostSource {
    /// No host.
    None,
    /// The series' fixed host.
    Fixed,
    /// The rotation.
    Rotation,
    /// Set by hand for this meeting.
    Manual,
    /// Swapped with another meeting.
    Swapped,
}

/// One meeting, computed from its series.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Meeting {
    /// The series' slug.
    pub series: Slug,
    /// The series' title.
    pub title: String,
    /// The network the series belongs to, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub network: Option<Slug>,
    /// The date the rule gave the meeting: its key in URLs and exceptions.
    pub date: NaiveDate,
    /// Start, local time with its UTC offset.
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "2026-11-26T17:00:00+01:00"))]
    pub start: DateTime<FixedOffset>,
    /// End, local time with its UTC offset.
    #[cfg_attr(feature = "openapi", schema(value_type = String))]
    pub end: DateTime<FixedOffset>,
    /// Start in UTC.
    pub start_utc: DateTime<Utc>,
    /// Planned, moved or cancelled.
    pub status: MeetingStatus,
    /// Why it moved or was cancelled, e.g. "Christi Himmelfahrt".
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// True when a public holiday is the reason.
    pub holiday: bool,
    /// Who hosts.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub host: Option<OrgRef>,
    /// How the host was chosen.
    pub host_source: HostSource,
    /// Video conference link.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub video_url: Option<String>,
    /// Agenda points raised by participants (the template not counted).
    pub agenda_points: u32,
    /// Whether minutes were written.
    pub has_minutes: bool,
    /// How many organisations were recorded as present.
    pub attendance: u32,
}

/// One agenda item: from the series' template or raised by a participant.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AgendaItem {
    /// Id of a raised point (to remove it); none for template items.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<i64>,
    /// The text.
    pub text: String,
    /// Who raised it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub by: Option<OrgRef>,
    /// Who may read a raised point (pages show it; the API has it in the
    /// meeting's records).
    #[serde(skip)]
    #[cfg_attr(feature = "openapi", schema(ignore))]
    pub visibility: Option<Visibility>,
}

/// Everything about one meeting, for its page and the API.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MeetingDetail {
    /// The meeting.
    pub meeting: Meeting,
    /// Template items first, then raised points in the order raised.
    pub agenda: Vec<AgendaItem>,
    /// Minutes, once written.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub minutes: Option<String>,
    /// Who may read the minutes (for the form that edits them).
    #[serde(skip)]
    #[cfg_attr(feature = "openapi", schema(ignore))]
    pub minutes_visibility: Option<Visibility>,
    /// Organisations recorded as present.
    pub attendance: Vec<OrgRef>,
}

/// A series' meetings in a window, with what a coordinator should look at.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SeriesSchedule {
    /// The series.
    pub series: Series,
    /// Everyone in the rotation (members who left included), in the order the
    /// engine gives turns; empty without rotation.
    pub rotation: Vec<OrgRef>,
    /// Meetings in the window, by start.
    pub meetings: Vec<Meeting>,
    /// Findings such as an exception for a date the rule no longer gives.
    pub notices: Vec<String>,
}

/// A window of local dates, both ends included.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Window {
    /// First day.
    pub from: NaiveDate,
    /// Last day.
    pub to: NaiveDate,
}

impl Window {
    /// The default window around `today`: [`PAST_DAYS`] back, [`FUTURE_DAYS`] ahead.
    pub fn around(today: NaiveDate) -> Self {
        Window {
            from: today - Duration::days(PAST_DAYS),
            to: today + Duration::days(FUTURE_DAYS),
        }
    }

    /// Checks `from <= to` and a span of at most 20 years.
    pub fn new(from: NaiveDate, to: NaiveDate) -> Result<Self> {
        if to < from {
            return Err(invalid("to", format!("{to} lies before from ({from})")));
        }
        if (to - from).num_days() > 366 * 20 {
            return Err(invalid("to", "a window spans at most 20 years"));
        }
        Ok(Window { from, to })
    }
}

/// The language of a feed's labels.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FeedLanguage {
    /// German.
    De,
    /// English.
    En,
}

/// Settings of a feed that come from the deployment, not the data.
#[derive(Debug, Clone)]
pub struct FeedSettings {
    /// The domain part of every event `UID`; stable per installation.
    pub uid_domain: String,
    /// Label language.
    pub language: FeedLanguage,
    /// "Today" for the window; the clock's date in production.
    pub today: NaiveDate,
    /// When changes are stamped; the clock in production.
    pub now: DateTime<Utc>,
}

pub(crate) fn invalid(field: &str, message: impl Into<String>) -> AppError {
    AppError::Invalid(vec![FieldError::new(field, message)])
}
