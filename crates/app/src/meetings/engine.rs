//! Where the directory's facts meet the calendar engine: a series and its
//! stored records become the engine's input, and its occurrences become
//! [`Meeting`]s.

use std::collections::{BTreeSet, HashMap};

use chrono::{Duration, NaiveDate, Utc};
use knotenpunkt_calendar as cal;
use knotenpunkt_domain::{
    Cooperation, ExceptionChange, HolidayRule, HostingKind, Membership, Network, Organization,
    Role, RotationOrder, Series, Slug, Visibility,
};
use knotenpunkt_store::{MeetingRecords, MembershipFilter, OrgFilter, Page};

use super::{HostSource, Meeting, MeetingStatus, Meetings, OrgRef, Result, invalid};
use crate::AppError;

/// The directory's facts that rotations are built from, loaded once for
/// every series a call computes: a page or feed that shows ten series runs
/// as many statements as one that shows one (see the query budget in
/// `mod.rs`).
#[derive(Debug, Default)]
pub(super) struct Facts {
    /// Every organisation, by slug (members, partners, hosts, and the names
    /// agenda points and attendance mention).
    pub(super) orgs: HashMap<Slug, Organization>,
    /// Networks by slug (for their coordinators).
    pub(super) networks: HashMap<Slug, Network>,
    /// Memberships by network.
    pub(super) memberships: HashMap<Slug, Vec<Membership>>,
    /// Cooperations by id.
    pub(super) cooperations: HashMap<i64, Cooperation>,
    /// The organisations of the working groups that series are shared
    /// with, by (network, group): a group's series rotates among them.
    pub(super) groups: HashMap<(Slug, Slug), BTreeSet<Slug>>,
}

impl Facts {
    /// The organisation `slug`, or "not found".
    fn org(&self, slug: &Slug) -> Result<&Organization> {
        self.orgs.get(slug).ok_or_else(|| AppError::NotFound {
            entity: "organization",
            key: slug.to_string(),
        })
    }

    /// An organisation's display name, or its slug if it is gone.
    pub(super) fn name(&self, slug: &Slug) -> String {
        self.orgs
            .get(slug)
            .map_or_else(|| slug.to_string(), |o| o.name.clone())
    }
}

/// Maps an engine error to the field a coordinator has to fix.
pub(super) fn engine_error(e: cal::Error) -> AppError {
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
pub(super) struct Context {
    pub(super) engine: cal::Series,
    pub(super) names: HashMap<String, String>,
    pub(super) rotation: Vec<OrgRef>,
}

pub(super) fn to_meeting(
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

pub(super) fn notice(d: &cal::Diagnostic) -> String {
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

impl Meetings {
    /// Loads what the rotations of `series` are built from, with a fixed
    /// number of statements: all organisations, the memberships of the
    /// series' networks (of one network, or all), the cooperations if a
    /// series belongs to one; networks come from the shared cache.
    pub(super) async fn facts(&self, series: &[Series]) -> Result<Facts> {
        let mut facts = Facts::default();
        if series.is_empty() {
            return Ok(facts);
        }
        let store = self.store();
        facts.orgs = store
            .list_organizations(&OrgFilter::default(), Page::ALL)
            .await?
            .items
            .into_iter()
            .map(|o| (o.slug.clone(), o))
            .collect();
        let networks: BTreeSet<&Slug> = series.iter().filter_map(|s| s.network.as_ref()).collect();
        if !networks.is_empty() {
            facts.networks = self
                .scope
                .all_networks()
                .await?
                .iter()
                .filter(|n| networks.contains(&n.slug))
                .map(|n| (n.slug.clone(), n.clone()))
                .collect();
            let only = match networks.iter().next() {
                Some(n) if networks.len() == 1 => Some((*n).clone()),
                _ => None,
            };
            let memberships = store
                .list_memberships(
                    &MembershipFilter {
                        network: only,
                        ..MembershipFilter::default()
                    },
                    Page::ALL,
                )
                .await?;
            for m in memberships.items {
                facts
                    .memberships
                    .entry(m.value.network.clone())
                    .or_default()
                    .push(m.value);
            }
        }
        // Groups are loaded only for the networks whose series are shared
        // with one, so a network's calendar costs what it did.
        let grouped: BTreeSet<&Slug> = series
            .iter()
            .filter(|s| matches!(s.visibility, Visibility::Group(_)))
            .filter_map(|s| s.network.as_ref())
            .collect();
        for n in grouped {
            for g in store.working_groups(n).await? {
                facts.groups.insert(
                    (n.clone(), g.group.slug.clone()),
                    g.group.participants().into_iter().collect(),
                );
            }
        }
        if series.iter().any(|s| s.cooperation.is_some()) {
            facts.cooperations = store
                .list_cooperations(None)
                .await?
                .into_iter()
                .map(|k| (k.id, k.value))
                .collect();
        }
        Ok(facts)
    }

    /// Builds the engine's view of `s` from the directory's `facts` and the
    /// stored records.
    pub(super) fn context(
        &self,
        s: &Series,
        records: &MeetingRecords,
        facts: &Facts,
    ) -> Result<Context> {
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

        // Candidates: who takes part in the series, with their joining dates.
        let mut candidates: Vec<(&Organization, NaiveDate, Option<NaiveDate>)> = Vec::new();
        if let Some(network) = &s.network {
            let net = facts
                .networks
                .get(network)
                .ok_or_else(|| AppError::NotFound {
                    entity: "network",
                    key: network.to_string(),
                })?;
            if let Some(coordinator) = &net.coordinator {
                let c = facts.org(coordinator)?;
                engine.coordinator_state = state_of(c);
                names.insert(c.slug.to_string(), c.name.clone());
            }
            for m in facts.memberships.get(network).into_iter().flatten() {
                let Membership {
                    organization,
                    cohort,
                    role,
                    joined_on,
                    left_on,
                    ..
                } = m;
                if *role != Role::Member {
                    continue;
                }
                if !s.cohorts.is_empty() && !cohort.as_ref().is_some_and(|c| s.cohorts.contains(c))
                {
                    continue;
                }
                if let Some(org) = facts.orgs.get(organization) {
                    candidates.push((
                        org,
                        joined_on.map_or(unknown_join, |d| d.earliest()),
                        left_on.map(|d| d.earliest()),
                    ));
                }
            }
            // A series shared with one working group is that group's: its
            // organisations take part and take turns, not the whole network.
            if let Visibility::Group(g) = &s.visibility
                && let Some(orgs) = facts.groups.get(&(network.clone(), g.clone()))
            {
                candidates.retain(|(o, _, _)| orgs.contains(&o.slug));
            }
        } else if let Some(k) = s.cooperation {
            let coop = facts
                .cooperations
                .get(&k)
                .ok_or_else(|| AppError::NotFound {
                    entity: "cooperation",
                    key: k.to_string(),
                })?;
            let joined = coop.since.map_or(unknown_join, |d| d.earliest());
            for p in &coop.partners {
                candidates.push((facts.org(p)?, joined, None));
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
                let o = facts.org(slug).map_err(|_| {
                    invalid("host", format!("organisation '{slug}' does not exist"))
                })?;
                names.insert(o.slug.to_string(), o.name.clone());
                cal::Hosting::Fixed(member(o, long_ago(), None))
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

    /// One series as the reader sees it, computed through `through`.
    pub(super) async fn computed(
        &self,
        slug: &Slug,
        through: NaiveDate,
    ) -> Result<(Series, MeetingRecords, Context, cal::Schedule)> {
        let s = self.series(slug).await?;
        let (mut all, _) = self.computed_all(vec![s], through).await?;
        let c = all.pop().ok_or_else(|| AppError::NotFound {
            entity: "series",
            key: slug.to_string(),
        })?;
        Ok((c.series, c.records, c.ctx, c.schedule))
    }

    /// Every series of `series` (already filtered for the reader) computed
    /// through `through`, with a fixed number of statements: the records of
    /// all of them in one batch, the directory's facts once.
    pub(super) async fn computed_all(
        &self,
        series: Vec<Series>,
        through: NaiveDate,
    ) -> Result<(Vec<Computed>, Facts)> {
        let slugs: Vec<Slug> = series.iter().map(|s| s.slug.clone()).collect();
        let mut records = self.store().meeting_records_of(&slugs).await?;
        let facts = self.facts(&series).await?;
        let mut out = Vec::with_capacity(series.len());
        for s in series {
            let mut r = records.remove(&s.slug).unwrap_or_default();
            // What the reader may not read is not there for them: not the
            // text, not the count, not the fact that minutes exist.
            for points in r.agenda.values_mut() {
                points.retain(|p| self.sees_item(s.network.as_ref(), &p.visibility));
            }
            r.agenda.retain(|_, points| !points.is_empty());
            r.minutes
                .retain(|_, v| self.sees_item(s.network.as_ref(), v));
            let ctx = self.context(&s, &r, &facts)?;
            // A swap reaches forward: a meeting's host may come from a later
            // one, so the schedule must reach every swapped date.
            let through = r
                .exceptions
                .iter()
                .filter_map(|e| match &e.change {
                    ExceptionChange::Swap { with, .. } => Some(e.date.max(*with)),
                    _ => None,
                })
                .fold(through, NaiveDate::max);
            let schedule = cal::schedule(&ctx.engine, through).map_err(engine_error)?;
            out.push(Computed {
                series: s,
                records: r,
                ctx,
                schedule,
            });
        }
        Ok((out, facts))
    }
}

/// One series computed for a reader: the series, its records as the reader
/// may see them, the engine's input and the schedule.
pub(super) struct Computed {
    pub(super) series: Series,
    pub(super) records: MeetingRecords,
    pub(super) ctx: Context,
    pub(super) schedule: cal::Schedule,
}
