//! Meeting series as use cases: storing series and their manual changes,
//! computing meetings with the calendar engine, and writing feeds.
//!
//! The engine (`knotenpunkt-calendar`) is pure; this module is where the
//! directory's facts meet it. A series' rotation is built from the network's
//! current memberships (or the cooperation's partners) every time, so a
//! member who joins or leaves changes the rotation from its date on without
//! anyone editing the series. Every write runs the engine first, so nothing
//! is stored that does not expand.

use std::collections::{BTreeSet, HashMap};

use chrono::{DateTime, Duration, FixedOffset, NaiveDate, Utc};
use knotenpunkt_calendar as cal;
use knotenpunkt_domain::{
    AgendaPoint, ExceptionChange, FieldError, HolidayRule, HostingKind, Membership, Organization,
    Role, RotationOrder, Series, SeriesException, Slug, Visibility, check_agenda_text,
};
use knotenpunkt_store::{
    FeedMark, MeetingRecords, MembershipFilter, OrgFilter, Page, SeriesFilter,
};
use serde::Serialize;

use crate::{AppError, Directory};

type Result<T> = std::result::Result<T, AppError>;

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

/// Today's date where the networks meet (Europe/Berlin), for windows and "next turns".
pub fn today() -> NaiveDate {
    Utc::now()
        .with_timezone(&chrono_tz::Europe::Berlin)
        .date_naive()
}

fn invalid(field: &str, message: impl Into<String>) -> AppError {
    AppError::Invalid(vec![FieldError::new(field, message)])
}

/// Maps an engine error to the field a coordinator has to fix.
fn engine_error(e: cal::Error) -> AppError {
    let field = match &e {
        cal::Error::InvalidRule { .. } | cal::Error::UntilBeforeStart { .. } => "rule",
        cal::Error::NonexistentStart { .. } | cal::Error::AmbiguousStart { .. } => "start",
        cal::Error::InvalidValue { part, .. } => match *part {
            "tz" | "time zone" => "time_zone",
            "to" => "to",
            "start" => "start",
            other => other,
        },
        cal::Error::UnknownState(_) => "state",
        cal::Error::TooManyOccurrences { .. } => "rule",
        cal::Error::DuplicateMember(_) => "rotation",
        cal::Error::NotAnOccurrence { .. } => "date",
        _ => "series",
    };
    invalid(field, e.to_string())
}

fn holiday_policy(rule: HolidayRule) -> cal::HolidayPolicy {
    match rule {
        HolidayRule::Keep => cal::HolidayPolicy::Keep,
        HolidayRule::EarlierWeek => cal::HolidayPolicy::EarlierWeek,
        HolidayRule::NextWorkday => cal::HolidayPolicy::NextWorkday,
        HolidayRule::Skip => cal::HolidayPolicy::Skip,
    }
}

fn state_of(org: &Organization) -> Option<cal::State> {
    org.states.first().and_then(|s| s.code().parse().ok())
}

/// The earliest date the engine deals with; members of unknown joining date count from it.
fn long_ago() -> NaiveDate {
    NaiveDate::from_ymd_opt(1900, 1, 1).unwrap_or(NaiveDate::MIN)
}

/// What the engine needs besides the series itself, loaded from the directory.
struct Context {
    engine: cal::Series,
    names: HashMap<String, String>,
    rotation: Vec<OrgRef>,
}

fn to_meeting(
    s: &Series,
    o: &cal::Occurrence,
    names: &HashMap<String, String>,
    records: &MeetingRecords,
) -> Meeting {
    let (status, reason, holiday) = match &o.status {
        cal::Status::Planned => (MeetingStatus::Planned, None, false),
        cal::Status::Moved(r) => (
            MeetingStatus::Moved,
            Some(r.to_string()),
            matches!(r, cal::Reason::Holiday(_)),
        ),
        cal::Status::Cancelled(r) => (
            MeetingStatus::Cancelled,
            Some(r.to_string()),
            matches!(r, cal::Reason::Holiday(_)),
        ),
    };
    let host = o.host.as_ref().and_then(|h| {
        Some(OrgRef {
            slug: h.0.parse().ok()?,
            name: names.get(&h.0).cloned().unwrap_or_else(|| h.0.clone()),
        })
    });
    Meeting {
        series: s.slug.clone(),
        title: s.title.clone(),
        network: s.network.clone(),
        date: o.recurrence_id,
        start: o.start.fixed_offset(),
        end: o.end.fixed_offset(),
        start_utc: o.start.with_timezone(&Utc),
        status,
        reason: reason.filter(|r| !r.is_empty()),
        holiday,
        host,
        host_source: match o.host_source {
            cal::HostSource::None => HostSource::None,
            cal::HostSource::Fixed => HostSource::Fixed,
            cal::HostSource::Rotation => HostSource::Rotation,
            cal::HostSource::Manual => HostSource::Manual,
            cal::HostSource::Swapped => HostSource::Swapped,
        },
        video_url: s.video_url.clone(),
        agenda_points: records
            .agenda
            .get(&o.recurrence_id)
            .map_or(0, |a| u32::try_from(a.len()).unwrap_or(u32::MAX)),
        has_minutes: records.minutes.contains_key(&o.recurrence_id),
        attendance: records
            .attendance
            .get(&o.recurrence_id)
            .copied()
            .unwrap_or(0),
    }
}

fn notice(d: &cal::Diagnostic) -> String {
    match d {
        cal::Diagnostic::StaleException { date } => {
            format!(
                "the change stored for {date} no longer applies: the rule gives no meeting that day"
            )
        }
        cal::Diagnostic::UnknownMember { date, member } => {
            format!("the host set for {date} ({member}) is not in the rotation")
        }
        cal::Diagnostic::SwapNotApplied { date, with } => {
            format!("the swap of {date} with {with} was not applied: one of them has no host")
        }
        cal::Diagnostic::NoHost { date } => {
            format!("nobody can host on {date}: every member due declared the date")
        }
    }
}

impl Directory {
    /// Builds the engine's view of `s` from the directory and the stored records.
    async fn context(&self, s: &Series, records: &MeetingRecords) -> Result<Context> {
        let start = cal::parse_local_datetime("start", &s.start).map_err(engine_error)?;
        let tz = cal::parse_time_zone(&s.time_zone).map_err(engine_error)?;
        let recurrence = cal::Recurrence::parse(&s.rule, start, tz).map_err(engine_error)?;
        // A member whose joining date the sources do not give counts from the
        // series' start: it hosts from the beginning, and in join order it
        // follows the members known to have joined earlier.
        let unknown_join = start.date();
        let mut engine =
            cal::Series::new(recurrence, Duration::minutes(i64::from(s.duration_minutes)));
        engine.holiday_policy = holiday_policy(s.holidays);
        let mut names = HashMap::new();
        let store = self.store();

        // Candidates: who takes part in the series, with their joining dates.
        let mut candidates: Vec<(Organization, NaiveDate, Option<NaiveDate>)> = Vec::new();
        if let Some(network) = &s.network {
            let net = store.get_network(network).await?;
            if let Some(coordinator) = &net.coordinator {
                let c = store.get_organization(coordinator).await?;
                engine.coordinator_state = state_of(&c);
                names.insert(c.slug.to_string(), c.name.clone());
            }
            let orgs = store
                .list_organizations(
                    &OrgFilter {
                        network: Some(network.clone()),
                        ..OrgFilter::default()
                    },
                    Page::ALL,
                )
                .await?;
            let by_slug: HashMap<Slug, Organization> = orgs
                .items
                .into_iter()
                .map(|o| (o.slug.clone(), o))
                .collect();
            let memberships = store
                .list_memberships(
                    &MembershipFilter {
                        network: Some(network.clone()),
                        ..MembershipFilter::default()
                    },
                    Page::ALL,
                )
                .await?;
            for m in memberships.items {
                let Membership {
                    organization,
                    cohort,
                    role,
                    joined_on,
                    left_on,
                    ..
                } = m.value;
                if role != Role::Member {
                    continue;
                }
                if !s.cohorts.is_empty() && !cohort.as_ref().is_some_and(|c| s.cohorts.contains(c))
                {
                    continue;
                }
                if let Some(org) = by_slug.get(&organization) {
                    candidates.push((
                        org.clone(),
                        joined_on.map_or(unknown_join, |d| d.earliest()),
                        left_on.map(|d| d.earliest()),
                    ));
                }
            }
        } else if let Some(k) = s.cooperation {
            let coop = store.get_cooperation(k).await?;
            let joined = coop.value.since.map_or(unknown_join, |d| d.earliest());
            for p in &coop.value.partners {
                candidates.push((store.get_organization(p).await?, joined, None));
            }
        }
        let mut seen = BTreeSet::new();
        candidates.retain(|(o, _, _)| seen.insert(o.slug.clone()));
        for (o, _, _) in &candidates {
            names.insert(o.slug.to_string(), o.name.clone());
        }

        let member = |o: &Organization, joined: NaiveDate, left: Option<NaiveDate>| {
            let mut m = cal::Member::new(o.slug.as_str(), &o.name, joined);
            m.state = state_of(o);
            m.left = left;
            m.unavailable = records
                .unavailable
                .get(&o.slug)
                .cloned()
                .unwrap_or_default();
            m
        };
        let mut rotation = Vec::new();
        engine.hosting = match s.hosting {
            HostingKind::None => cal::Hosting::None,
            HostingKind::Fixed => {
                let slug = s
                    .host
                    .as_ref()
                    .ok_or_else(|| invalid("host", "a fixed host must be named"))?;
                let o = store.get_organization(slug).await.map_err(|_| {
                    invalid("host", format!("organisation '{slug}' does not exist"))
                })?;
                names.insert(o.slug.to_string(), o.name.clone());
                cal::Hosting::Fixed(member(&o, long_ago(), None))
            }
            HostingKind::Rotation => {
                for (i, slug) in s.rotation.iter().enumerate() {
                    if !candidates.iter().any(|(o, _, _)| &o.slug == slug) {
                        return Err(invalid(
                            &format!("rotation[{i}]"),
                            format!("'{slug}' does not take part in this series"),
                        ));
                    }
                }
                let members: Vec<cal::Member> = candidates
                    .iter()
                    .map(|(o, joined, left)| member(o, *joined, *left))
                    .collect();
                let order = match s.rotation_order {
                    RotationOrder::JoinOrder => cal::RotationOrder::JoinOrder,
                    RotationOrder::Alphabetical => cal::RotationOrder::Alphabetical,
                    RotationOrder::Explicit => cal::RotationOrder::Explicit(
                        s.rotation
                            .iter()
                            .map(|r| cal::MemberId(r.to_string()))
                            .collect(),
                    ),
                };
                let hosting = cal::Hosting::Rotation { members, order };
                rotation = cal::rotation_order(&hosting)
                    .map_err(engine_error)?
                    .into_iter()
                    .filter_map(|id| {
                        let (o, _, _) = candidates
                            .iter()
                            .find(|(o, _, _)| o.slug.as_str() == id.0)?;
                        Some(OrgRef {
                            slug: o.slug.clone(),
                            name: o.name.clone(),
                        })
                    })
                    .collect();
                hosting
            }
        };
        for e in &records.exceptions {
            let kind = match &e.change {
                ExceptionChange::Cancel { note } => {
                    cal::ExceptionKind::Cancel { note: note.clone() }
                }
                ExceptionChange::Move { to, note } => cal::ExceptionKind::Move {
                    to: cal::parse_local_datetime("to", to).map_err(engine_error)?,
                    note: note.clone(),
                },
                ExceptionChange::Host { organization } => {
                    cal::ExceptionKind::Host(cal::MemberId(organization.to_string()))
                }
                ExceptionChange::Swap { with, .. } => cal::ExceptionKind::SwapHost { with: *with },
            };
            engine
                .exceptions
                .push(cal::Exception { date: e.date, kind });
        }
        Ok(Context {
            engine,
            names,
            rotation,
        })
    }

    /// Series of a network, of a cooperation, or all.
    pub async fn series_list(&self, filter: &SeriesFilter) -> Result<Vec<Series>> {
        if let Some(n) = &filter.network {
            self.visible_network(n).await?;
        }
        let hidden = self.hidden_networks().await?;
        let mut all = self.store().list_series(filter).await?;
        all.retain(|s| {
            s.network.as_ref().is_none_or(|n| !hidden.contains(n))
                && self.sees_item(s.network.as_ref(), &s.visibility)
        });
        Ok(all)
    }

    /// One series, if the reader may see it ("not found" otherwise).
    pub async fn series(&self, slug: &Slug) -> Result<Series> {
        let s = self.store().get_series(slug).await?;
        let hidden = match &s.network {
            Some(n) => self.visible_network(n).await.is_err(),
            None => false,
        };
        if hidden || !self.sees_item(s.network.as_ref(), &s.visibility) {
            return Err(AppError::NotFound {
                entity: "series",
                key: slug.to_string(),
            });
        }
        Ok(s)
    }

    /// Checks `s` with the domain rules and the engine (the rule expands, the
    /// host and rotation exist) before anything is stored.
    async fn check_series(&self, s: &Series, records: &MeetingRecords) -> Result<()> {
        s.validate()?;
        if let Some(n) = &s.network {
            self.store()
                .get_network(n)
                .await
                .map_err(|_| invalid("network", format!("network '{n}' does not exist")))?;
            for (i, c) in s.cohorts.iter().enumerate() {
                self.store().get_cohort(n, c).await.map_err(|_| {
                    invalid(
                        &format!("cohorts[{i}]"),
                        format!("network '{n}' has no cohort '{c}'"),
                    )
                })?;
            }
        }
        if let Some(k) = s.cooperation {
            self.store()
                .get_cooperation(k)
                .await
                .map_err(|_| invalid("cooperation", format!("cooperation {k} does not exist")))?;
        }
        let ctx = self.context(s, records).await?;
        // Expanding a year past the start proves the rule and the rotation work.
        let probe = ctx.engine.recurrence.start().date_naive() + Duration::days(366);
        cal::schedule(&ctx.engine, probe).map_err(engine_error)?;
        Ok(())
    }

    /// Adds a series after checking that it expands.
    pub async fn create_series(&self, s: &Series) -> Result<()> {
        self.check_series(s, &MeetingRecords::default()).await?;
        self.store().create_series(s).await?;
        self.changed().await;
        Ok(())
    }

    /// Replaces a series' settings. Its manual changes stay and apply to every
    /// date the new rule still gives.
    pub async fn update_series(&self, slug: &Slug, s: &Series) -> Result<()> {
        let records = self.store().meeting_records(slug).await?;
        self.check_series(s, &records).await?;
        self.store().update_series(slug, s).await?;
        self.changed().await;
        Ok(())
    }

    /// Removes a series and everything stored about its meetings.
    pub async fn delete_series(&self, slug: &Slug) -> Result<()> {
        self.store().delete_series(slug).await?;
        self.changed().await;
        Ok(())
    }

    async fn computed(
        &self,
        slug: &Slug,
        through: NaiveDate,
    ) -> Result<(Series, MeetingRecords, Context, cal::Schedule)> {
        let s = self.series(slug).await?;
        let mut records = self.store().meeting_records(slug).await?;
        // What the reader may not read is not there for them: not the text,
        // not the count, not the fact that minutes exist.
        for points in records.agenda.values_mut() {
            points.retain(|p| self.sees_item(s.network.as_ref(), &p.visibility));
        }
        records.agenda.retain(|_, points| !points.is_empty());
        records
            .minutes
            .retain(|_, v| self.sees_item(s.network.as_ref(), v));
        let ctx = self.context(&s, &records).await?;
        // A swap reaches forward: a meeting's host may come from a later
        // one, so the schedule must reach every swapped date.
        let through = records
            .exceptions
            .iter()
            .filter_map(|e| match &e.change {
                ExceptionChange::Swap { with, .. } => Some(e.date.max(*with)),
                _ => None,
            })
            .fold(through, NaiveDate::max);
        let schedule = cal::schedule(&ctx.engine, through).map_err(engine_error)?;
        Ok((s, records, ctx, schedule))
    }

    /// The meetings of a series whose start falls into `window`.
    pub async fn series_schedule(&self, slug: &Slug, window: Window) -> Result<SeriesSchedule> {
        // A meeting moved a week earlier is still found: compute a week past the window.
        let (s, records, ctx, schedule) =
            self.computed(slug, window.to + Duration::days(14)).await?;
        let mut meetings: Vec<Meeting> = schedule
            .occurrences
            .iter()
            .filter(|o| {
                let d = o.start.date_naive();
                window.from <= d && d <= window.to
            })
            .map(|o| to_meeting(&s, o, &ctx.names, &records))
            .collect();
        meetings.sort_by_key(|m| (m.start_utc, m.date));
        Ok(SeriesSchedule {
            notices: schedule.diagnostics.iter().map(notice).collect(),
            rotation: ctx.rotation,
            series: s,
            meetings,
        })
    }

    /// One meeting, by the date the rule gave it.
    pub async fn meeting(&self, slug: &Slug, date: NaiveDate) -> Result<MeetingDetail> {
        let (s, records, ctx, schedule) = self.computed(slug, date).await?;
        let o = schedule.get(date).ok_or_else(|| AppError::NotFound {
            entity: "meeting",
            key: format!("{slug}/{date}"),
        })?;
        let meeting = to_meeting(&s, o, &ctx.names, &records);
        let mut names = ctx.names.clone();
        let present = self.store().attendance(slug, date).await?;
        let mut attendance = Vec::with_capacity(present.len());
        for p in present {
            let name = match names.get(p.as_str()) {
                Some(n) => n.clone(),
                None => {
                    let n = self.store().get_organization(&p).await?.name;
                    names.insert(p.to_string(), n.clone());
                    n
                }
            };
            attendance.push(OrgRef { slug: p, name });
        }
        let mut agenda: Vec<AgendaItem> = s
            .agenda_template
            .iter()
            .map(|t| AgendaItem {
                id: None,
                text: t.clone(),
                by: None,
                visibility: None,
            })
            .collect();
        for AgendaPoint {
            id,
            text,
            by,
            visibility,
        } in records.agenda.get(&date).cloned().unwrap_or_default()
        {
            let by = match by {
                Some(b) => {
                    let name = match names.get(b.as_str()) {
                        Some(n) => n.clone(),
                        None => self.store().get_organization(&b).await?.name,
                    };
                    Some(OrgRef { slug: b, name })
                }
                None => None,
            };
            agenda.push(AgendaItem {
                id: Some(id),
                text,
                by,
                visibility: Some(visibility),
            });
        }
        let minutes = self
            .store()
            .minutes(slug, date)
            .await?
            .filter(|(_, v)| self.sees_item(s.network.as_ref(), v));
        Ok(MeetingDetail {
            meeting,
            agenda,
            minutes_visibility: minutes.as_ref().map(|(_, v)| v.clone()),
            minutes: minutes.map(|(text, _)| text),
            attendance,
        })
    }

    /// The meetings of every series of a network in `window`, by start.
    pub async fn network_meetings(&self, network: &Slug, window: Window) -> Result<Vec<Meeting>> {
        let series = self
            .series_list(&SeriesFilter {
                network: Some(network.clone()),
                ..SeriesFilter::default()
            })
            .await?;
        let mut out = Vec::new();
        for s in series {
            out.extend(self.series_schedule(&s.slug, window).await?.meetings);
        }
        out.sort_by(|a, b| (a.start_utc, &a.series).cmp(&(b.start_utc, &b.series)));
        Ok(out)
    }

    /// The next meetings (from `today` on, not cancelled) that `organization` hosts.
    pub async fn host_turns(
        &self,
        organization: &Slug,
        today: NaiveDate,
        limit: usize,
    ) -> Result<Vec<Meeting>> {
        self.store().get_organization(organization).await?;
        let window = Window {
            from: today,
            to: today + Duration::days(FUTURE_DAYS),
        };
        let mut out = Vec::new();
        for s in self.series_list(&SeriesFilter::default()).await? {
            if s.hosting == HostingKind::None {
                continue;
            }
            let schedule = self.series_schedule(&s.slug, window).await?;
            out.extend(schedule.meetings.into_iter().filter(|m| {
                m.status != MeetingStatus::Cancelled
                    && m.host.as_ref().is_some_and(|h| &h.slug == organization)
            }));
        }
        out.sort_by(|a, b| (a.start_utc, &a.series).cmp(&(b.start_utc, &b.series)));
        out.truncate(limit);
        Ok(out)
    }

    /// The manual changes of a series.
    pub async fn series_exceptions(&self, slug: &Slug) -> Result<Vec<SeriesException>> {
        self.series(slug).await?;
        Ok(self.store().meeting_records(slug).await?.exceptions)
    }

    /// Stores a manual change for the meeting the rule gave `date`, after
    /// checking it against the schedule: the date is a meeting, a host takes
    /// part, a swap stays within the series.
    pub async fn set_exception(
        &self,
        slug: &Slug,
        date: NaiveDate,
        change: ExceptionChange,
    ) -> Result<()> {
        change.validate()?;
        let through = match &change {
            ExceptionChange::Swap { with, .. } => date.max(*with),
            _ => date,
        };
        let (s, mut records, _ctx, schedule) = self.computed(slug, through).await?;
        if schedule.get(date).is_none() {
            return Err(invalid(
                "date",
                format!("{date} is not a meeting of series '{slug}'"),
            ));
        }
        match &change {
            ExceptionChange::Move { to, .. } => {
                cal::parse_local_datetime("to", to).map_err(engine_error)?;
            }
            ExceptionChange::Host { organization } => {
                if s.hosting == HostingKind::None {
                    return Err(invalid("organization", "this series has no hosts"));
                }
                self.store()
                    .get_organization(organization)
                    .await
                    .map_err(|_| {
                        invalid(
                            "organization",
                            format!("organisation '{organization}' does not exist"),
                        )
                    })?;
            }
            ExceptionChange::Swap { with, series } => {
                if let Some(other) = series
                    && other != slug
                {
                    return Err(invalid(
                        "series",
                        format!("hosts can only be swapped within one series, not with '{other}'"),
                    ));
                }
                if *with == date {
                    return Err(invalid("with", "a meeting cannot swap with itself"));
                }
                schedule
                    .check_swap(date, *with)
                    .map_err(|e| invalid("with", e.to_string()))?;
            }
            ExceptionChange::Cancel { .. } => {}
        }
        // The change must leave a schedule that still computes.
        let stored = SeriesException {
            date,
            change: match change {
                ExceptionChange::Swap { with, .. } => ExceptionChange::Swap { with, series: None },
                other => other,
            },
        };
        records
            .exceptions
            .retain(|e| !(e.date == date && e.change.slot() == stored.change.slot()));
        records.exceptions.push(stored.clone());
        let ctx = self.context(&s, &records).await?;
        cal::schedule(&ctx.engine, through).map_err(engine_error)?;
        self.store().set_exception(slug, &stored).await?;
        self.changed().await;
        Ok(())
    }

    /// Removes the manual changes of one meeting.
    pub async fn delete_exceptions(&self, slug: &Slug, date: NaiveDate) -> Result<()> {
        if self.store().delete_exceptions(slug, date).await? == 0 {
            return Err(AppError::NotFound {
                entity: "exception",
                key: format!("{slug}/{date}"),
            });
        }
        self.changed().await;
        Ok(())
    }

    /// Replaces the dates `organization` declared it cannot host.
    pub async fn set_unavailable(
        &self,
        slug: &Slug,
        organization: &Slug,
        dates: &BTreeSet<NaiveDate>,
    ) -> Result<()> {
        let s = self.store().get_series(slug).await?;
        if s.hosting != HostingKind::Rotation {
            return Err(invalid(
                "organization",
                "only a rotating series takes declared dates",
            ));
        }
        let records = self.store().meeting_records(slug).await?;
        let ctx = self.context(&s, &records).await?;
        if !ctx.rotation.iter().any(|o| &o.slug == organization) {
            return Err(invalid(
                "organization",
                format!("'{organization}' is not in the rotation of '{slug}'"),
            ));
        }
        self.store()
            .set_unavailable(slug, organization, dates)
            .await?;
        self.changed().await;
        Ok(())
    }

    async fn existing_meeting(&self, slug: &Slug, date: NaiveDate) -> Result<()> {
        let (_, _, _, schedule) = self.computed(slug, date).await?;
        if schedule.get(date).is_none() {
            return Err(AppError::NotFound {
                entity: "meeting",
                key: format!("{slug}/{date}"),
            });
        }
        Ok(())
    }

    /// Adds a point to a meeting's agenda.
    pub async fn add_agenda_point(
        &self,
        slug: &Slug,
        date: NaiveDate,
        text: &str,
        by: Option<&Slug>,
        visibility: Option<Visibility>,
    ) -> Result<AgendaPoint> {
        let mut e = Vec::new();
        check_agenda_text(&mut e, "text", text);
        if !e.is_empty() {
            return Err(AppError::Invalid(e));
        }
        self.existing_meeting(slug, date).await?;
        let visibility = self.item_visibility(slug, visibility).await?;
        let id = self
            .store()
            .add_agenda_point(slug, date, text.trim(), by, &visibility)
            .await?;
        self.changed().await;
        Ok(AgendaPoint {
            id,
            text: text.trim().to_owned(),
            by: by.cloned(),
            visibility,
        })
    }

    /// Removes a raised agenda point.
    pub async fn delete_agenda_point(&self, slug: &Slug, date: NaiveDate, id: i64) -> Result<()> {
        self.store().delete_agenda_point(slug, date, id).await?;
        self.changed().await;
        Ok(())
    }

    /// Writes the minutes of a meeting; empty text removes them.
    pub async fn set_minutes(
        &self,
        slug: &Slug,
        date: NaiveDate,
        text: &str,
        visibility: Option<Visibility>,
    ) -> Result<()> {
        if text.chars().count() > MAX_MINUTES {
            return Err(invalid(
                "text",
                format!("must be at most {MAX_MINUTES} characters long"),
            ));
        }
        self.existing_meeting(slug, date).await?;
        let visibility = self.item_visibility(slug, visibility).await?;
        let text = text.trim();
        self.store()
            .set_minutes(
                slug,
                date,
                (!text.is_empty()).then_some((text, &visibility)),
            )
            .await?;
        self.changed().await;
        Ok(())
    }

    /// Replaces who attended a meeting.
    pub async fn set_attendance(
        &self,
        slug: &Slug,
        date: NaiveDate,
        present: &[Slug],
    ) -> Result<()> {
        let mut seen = BTreeSet::new();
        for (i, p) in present.iter().enumerate() {
            if !seen.insert(p) {
                return Err(invalid(
                    &format!("organizations[{i}]"),
                    format!("'{p}' is listed twice"),
                ));
            }
        }
        self.existing_meeting(slug, date).await?;
        self.store().set_attendance(slug, date, present).await?;
        self.changed().await;
        Ok(())
    }

    /// Feed events of one series in the window around `settings.today`,
    /// with `SEQUENCE` raised for every meeting that changed since a feed
    /// last showed it.
    async fn feed_events(
        &self,
        slug: &Slug,
        settings: &FeedSettings,
    ) -> Result<Vec<cal::ics::FeedEvent>> {
        let window = Window::around(settings.today);
        let (s, records, ctx, schedule) =
            self.computed(slug, window.to + Duration::days(14)).await?;
        let marks = self.store().feed_marks(slug).await?;
        let key = match &s.network {
            Some(n) => format!("{n}-{}", s.slug),
            None => s.slug.to_string(),
        };
        let mut events = Vec::new();
        let mut changed = Vec::new();
        for o in &schedule.occurrences {
            let d = o.start.date_naive();
            if d < window.from || d > window.to {
                continue;
            }
            let mut agenda = s.agenda_template.clone();
            agenda.extend(
                records
                    .agenda
                    .get(&o.recurrence_id)
                    .into_iter()
                    .flatten()
                    .map(|p| p.text.clone()),
            );
            let mut event = cal::ics::FeedEvent {
                uid: cal::ics::event_uid(&key, o.recurrence_id, &settings.uid_domain),
                sequence: 0,
                stamp: settings.now,
                summary: s.title.clone(),
                occurrence: o.clone(),
                host_name: o
                    .host
                    .as_ref()
                    .map(|h| ctx.names.get(&h.0).cloned().unwrap_or_else(|| h.0.clone())),
                agenda,
                video_url: s.video_url.clone(),
            };
            let fp = cal::ics::fingerprint(&event);
            match marks.get(&o.recurrence_id) {
                Some(m) if m.fingerprint == fp => {
                    event.sequence = m.sequence;
                    event.stamp = DateTime::parse_from_rfc3339(&m.stamp)
                        .map(|t| t.with_timezone(&Utc))
                        .unwrap_or(settings.now);
                }
                previous => {
                    let sequence = previous.map_or(0, |m| m.sequence.saturating_add(1));
                    event.sequence = sequence;
                    changed.push((
                        o.recurrence_id,
                        FeedMark {
                            fingerprint: fp,
                            sequence,
                            stamp: settings.now.to_rfc3339(),
                        },
                    ));
                }
            }
            events.push(event);
        }
        // Marks record what the public feed showed. A signed-in reader's
        // feed may show more (network-only agenda points); it numbers its
        // events from the same marks but does not overwrite them, or the
        // public and private feeds would keep raising each other's SEQUENCE.
        if self.reader().is_signed_in() {
            return Ok(events);
        }
        // The feed is right even when the marks cannot be saved (a busy
        // database); the next request raises the sequence then.
        if let Err(e) = self.store().save_feed_marks(slug, &changed).await {
            tracing::warn!(error = %e, series = %slug, "feed marks not saved");
        }
        Ok(events)
    }

    /// The visibility of a new agenda point or minutes: as asked, or by
    /// default the series' network only — what is said inside a network
    /// stays inside unless someone decides otherwise. Series of
    /// cooperations have no network; theirs default to public. A group
    /// must exist in the series' network.
    async fn item_visibility(&self, slug: &Slug, asked: Option<Visibility>) -> Result<Visibility> {
        let s = self.store().get_series(slug).await?;
        match (asked, &s.network) {
            (Some(Visibility::Group(g)), Some(n)) => {
                if self.store().groups(n).await?.iter().any(|x| x.slug == g) {
                    Ok(Visibility::Group(g))
                } else {
                    Err(invalid(
                        "visibility",
                        format!("network '{n}' has no group '{g}'"),
                    ))
                }
            }
            (Some(Visibility::Public), _) => Ok(Visibility::Public),
            (Some(_), None) => Err(invalid(
                "visibility",
                "a cooperation's series has no network; only public is possible",
            )),
            (Some(v), Some(_)) => Ok(v),
            (None, Some(_)) => Ok(Visibility::Network),
            (None, None) => Ok(Visibility::Public),
        }
    }

    /// The iCalendar feed of one series.
    pub async fn series_feed(&self, slug: &Slug, settings: &FeedSettings) -> Result<String> {
        let s = self.series(slug).await?;
        let events = self.feed_events(slug, settings).await?;
        let feed = cal::ics::Feed {
            name: s.title.clone(),
            description: s.description.clone(),
            refresh_hours: 6,
            labels: labels(settings.language),
        };
        Ok(cal::ics::render(&feed, &events))
    }

    /// One iCalendar feed of every series `person` follows, as far as the
    /// reader (the person, through their feed secret) may see them; a
    /// series they lost access to simply drops out.
    pub async fn personal_feed(
        &self,
        person: &knotenpunkt_domain::Person,
        settings: &FeedSettings,
    ) -> Result<String> {
        let mut events = Vec::new();
        for slug in self.store().follows(person.id).await? {
            match self.feed_events(&slug, settings).await {
                Ok(e) => events.extend(e),
                Err(AppError::NotFound { .. }) => {}
                Err(e) => return Err(e),
            }
        }
        events.sort_by(|a, b| (a.occurrence.start, &a.uid).cmp(&(b.occurrence.start, &b.uid)));
        let feed = cal::ics::Feed {
            name: match settings.language {
                FeedLanguage::De => format!("Knotenpunkt – Termine von {}", person.name),
                FeedLanguage::En => format!("Knotenpunkt – meetings of {}", person.name),
            },
            description: None,
            refresh_hours: 3,
            labels: labels(settings.language),
        };
        Ok(cal::ics::render(&feed, &events))
    }

    /// One iCalendar feed of every series of a network.
    pub async fn network_feed(&self, network: &Slug, settings: &FeedSettings) -> Result<String> {
        let n = self.visible_network(network).await?;
        let mut events = Vec::new();
        for s in self
            .series_list(&SeriesFilter {
                network: Some(network.clone()),
                ..SeriesFilter::default()
            })
            .await?
        {
            events.extend(self.feed_events(&s.slug, settings).await?);
        }
        events.sort_by(|a, b| (a.occurrence.start, &a.uid).cmp(&(b.occurrence.start, &b.uid)));
        let feed = cal::ics::Feed {
            name: match settings.language {
                FeedLanguage::De => format!("{} – Termine", n.name),
                FeedLanguage::En => format!("{} – meetings", n.name),
            },
            description: Some(n.description.clone()),
            refresh_hours: 6,
            labels: labels(settings.language),
        };
        Ok(cal::ics::render(&feed, &events))
    }
}

fn labels(language: FeedLanguage) -> cal::ics::Labels {
    match language {
        FeedLanguage::De => cal::ics::Labels::german(),
        FeedLanguage::En => cal::ics::Labels::english(),
    }
}
