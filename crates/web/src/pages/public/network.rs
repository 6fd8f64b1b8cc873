//! A network's page: who coordinates it, its members by cohort, partners,
//! former members, members per state, and its growth as a chart and table
//! ([`super::growth`]).

use askama::Template;
use chrono::NaiveDate;
use knotenpunkt_app::domain::{FundingCall, Role, Slug};
use knotenpunkt_app::events::Events;
use knotenpunkt_app::funding::Funding;

use crate::pages::funding::applications::{Count, Row, rows};
use knotenpunkt_app::{CohortGroup, Lounge, MemberView, NetworkPage};

use super::growth::{GrowthView, growth};
use crate::auth::{Dir, Use};
use crate::pages::answer::{Answer, OrFail};
use crate::pages::cache::{Keep, Main};
use crate::pages::ctx::Ctx;
use crate::pages::extract::Params;
use crate::pages::lounge::met::coverage_path;
use crate::pages::meetings::teaser;
use crate::pages::ui::{Badge, DateView, MeetingRow, OrgLink, cohort_name};

struct Member {
    org: OrgLink,
    /// Only shown for roles other than plain membership.
    role: Option<String>,
    joined: Option<DateView>,
    left: Option<DateView>,
}

impl Member {
    fn new(ctx: &Ctx, m: &MemberView) -> Member {
        Member {
            org: OrgLink::new(ctx, &m.organization),
            role: (m.membership.role != Role::Member).then(|| ctx.role_name(&m.membership.role)),
            joined: m
                .membership
                .joined_on
                .as_ref()
                .map(|d| DateView::new(ctx, d)),
            left: m.membership.left_on.as_ref().map(|d| DateView::new(ctx, d)),
        }
    }
}

struct Group {
    /// `None` when the network has no cohorts at all: then the members
    /// need no sub-heading.
    heading: Option<String>,
    motto: Option<String>,
    count: usize,
    members: Vec<Member>,
}

/// An open funding call, as the network page lists it.
struct CallRow {
    title: String,
    link: Option<String>,
    /// Funder and programme.
    by: String,
    deadline: String,
    deadline_iso: String,
    /// Who may apply and for what, in words; empty when anyone may.
    who: Vec<String>,
    topics: Vec<String>,
}

impl CallRow {
    fn new(ctx: &Ctx, c: &FundingCall) -> CallRow {
        let mut who: Vec<String> = c.kinds.iter().map(|k| ctx.kind_name(k)).collect();
        who.extend(c.states.iter().map(|s| ctx.state_name(s)));
        CallRow {
            title: c.title.clone(),
            link: c.link.clone(),
            by: match &c.programme {
                Some(p) => format!("{} · {p}", c.funder),
                None => c.funder.clone(),
            },
            deadline: ctx.day(c.deadline),
            deadline_iso: c.deadline.to_string(),
            who,
            topics: c.topics.iter().map(|t| ctx.topic_name(t.code())).collect(),
        }
    }
}

struct StateRow {
    badge: Badge,
    count: u32,
}

#[derive(Template)]
#[template(path = "network.html", blocks = ["content"])]
struct Page<'a> {
    ctx: &'a Ctx,
    title: String,
    description: String,
    coordinator: Option<OrgLink>,
    founded: Option<DateView>,
    website: Option<String>,
    source: Option<String>,
    member_count: usize,
    groups: Vec<Group>,
    partners: Vec<Member>,
    former: Vec<Member>,
    states: Vec<StateRow>,
    growth: GrowthView,
    /// The calendar's address when the network has meeting series.
    calendar_href: Option<String>,
    next_meeting: Option<MeetingRow>,
    /// The management's address, for those who may manage the network.
    manage_href: Option<String>,
    /// Who has met whom in its lounges, for those who may see them.
    coverage_href: Option<String>,
    /// Funding calls still open, by deadline.
    calls: Vec<CallRow>,
    /// The joint applications the reader sees: how many stand where, the
    /// ones still in progress, and the way to all of them.
    applications: Option<Applications>,
    /// Events still to come, and the form that records one for organisers.
    events: Vec<EventRow>,
    new_event_href: Option<String>,
    /// The network's working groups.
    groups_href: String,
}

/// An event still to come, as the network page lists it (without its
/// numbers, which change without the change counter; its page has them).
struct EventRow {
    title: String,
    href: String,
    when: String,
    iso: String,
    kind: String,
}

struct Applications {
    counts: Vec<Count>,
    active: Vec<Row>,
    href: String,
}

/// GET /netzwerke/{slug}
pub(super) async fn page(
    Dir(dir): Dir,
    Use(lounge): Use<Lounge>,
    Use(funding): Use<Funding>,
    Use(events): Use<Events>,
    ctx: Ctx,
    keep: Keep,
    Params(slug): Params<Slug>,
) -> Answer {
    keep.page(&ctx, async || {
        let view = dir.network_page(&slug).await.or_fail(&ctx)?;
        let (has_series, next_meeting) = teaser::next_meeting(&dir, &ctx, &slug)
            .await
            .or_fail(&ctx)?;
        let mut page = build(&ctx, &view, view.today);
        page.calendar_href = has_series.then(|| ctx.href(&format!("/netzwerke/{slug}/kalender")));
        page.next_meeting = next_meeting;
        page.calls = funding
            .calls(&slug, false)
            .await
            .or_fail(&ctx)?
            .iter()
            .map(|c| CallRow::new(&ctx, c))
            .collect();
        let upcoming = events.upcoming(&slug).await.or_fail(&ctx)?;
        page.events = upcoming
            .events
            .iter()
            .map(|e| EventRow {
                title: e.event.title.clone(),
                href: ctx.href(&format!("/veranstaltungen/{}", e.id)),
                when: crate::pages::events::when(&ctx, &e.event),
                iso: e.event.starts_at.to_rfc3339(),
                kind: ctx.t(&format!("event-kind-{}", e.event.kind.code())),
            })
            .collect();
        page.new_event_href = upcoming
            .may_organise
            .then(|| ctx.href(&format!("/netzwerke/{slug}/veranstaltungen/neu")));
        let pipeline = funding.pipeline(&slug).await.or_fail(&ctx)?;
        if !pipeline.records.is_empty() || pipeline.may_apply {
            let (rows, counts) = rows(&ctx, &pipeline);
            page.applications = Some(Applications {
                counts,
                active: rows
                    .into_iter()
                    .zip(&pipeline.records)
                    .filter(|(_, r)| r.application.status.is_active())
                    .map(|(row, _)| row)
                    .collect(),
                href: ctx.href(&format!("/netzwerke/{slug}/antraege")),
            });
        }
        page.manage_href = view
            .may_change
            .then(|| ctx.href(&format!("/netzwerke/{slug}/verwaltung")));
        // Kept by the reader's rights and the directory's counter, which a
        // lounge's settings raise: the link cannot go stale.
        if ctx.user().is_some() && lounge.has_lounge(&slug).await.or_fail(&ctx)? {
            page.coverage_href = Some(ctx.href(&coverage_path(&slug)));
        }
        Main::of(page.title.clone(), &page.as_content())
    })
    .await
}

fn build<'a>(ctx: &'a Ctx, v: &NetworkPage, today: NaiveDate) -> Page<'a> {
    let has_cohorts = v.groups.iter().any(|g| g.cohort.is_some());
    let groups = v
        .groups
        .iter()
        .filter(|g| !g.members.is_empty())
        .map(|g| group(ctx, g, has_cohorts))
        .collect();
    let mut states: Vec<StateRow> = v
        .states
        .iter()
        .map(|(s, n)| StateRow {
            badge: Badge::new(ctx, s),
            count: *n,
        })
        .collect();
    // Largest first; the map's order (by code) breaks ties stably.
    states.sort_by_key(|r| std::cmp::Reverse(r.count));
    let cohort_dated = v.groups.iter().any(|g| {
        g.cohort.as_ref().is_some_and(|c| c.year.is_some())
            && g.members.iter().any(|m| m.membership.joined_on.is_none())
    });
    let growth = growth(ctx, &v.network.name, &v.growth, cohort_dated, today);
    Page {
        ctx,
        title: v.network.name.clone(),
        description: v.network.description.clone(),
        coordinator: v.coordinator.as_ref().map(|o| OrgLink::new(ctx, o)),
        founded: v.network.founded_on.as_ref().map(|d| DateView::new(ctx, d)),
        website: v.network.website.clone(),
        source: v.network.source.clone(),
        member_count: v.member_count,
        groups,
        partners: v.partners.iter().map(|m| Member::new(ctx, m)).collect(),
        former: v.former.iter().map(|m| Member::new(ctx, m)).collect(),
        states,
        growth,
        calendar_href: None,
        next_meeting: None,
        manage_href: None,
        coverage_href: None,
        calls: Vec::new(),
        applications: None,
        events: Vec::new(),
        new_event_href: None,
        groups_href: ctx.href(&format!("/netzwerke/{}/arbeitsgruppen", v.network.slug)),
    }
}

fn group(ctx: &Ctx, g: &CohortGroup, has_cohorts: bool) -> Group {
    let heading = match &g.cohort {
        Some(c) => Some(cohort_name(ctx, c)),
        None if has_cohorts => Some(ctx.t("cohort-none")),
        None => None,
    };
    Group {
        heading,
        motto: g.cohort.as_ref().and_then(|c| c.motto.clone()),
        count: g.members.len(),
        members: g.members.iter().map(|m| Member::new(ctx, m)).collect(),
    }
}
