//! A network's page: who coordinates it, its members by cohort, partners,
//! former members, members per state, and its growth as a chart and table
//! ([`super::growth`]).

use askama::Template;
use axum::http::StatusCode;
use chrono::NaiveDate;
use knotenpunkt_app::access::Action;
use knotenpunkt_app::domain::{Role, Slug};
use knotenpunkt_app::{CohortGroup, MemberView, NetworkPage};

use super::growth::{GrowthView, growth};
use crate::auth::{Dir, Viewer};
use crate::pages::answer::{Answer, OrFail, html};
use crate::pages::ctx::Ctx;
use crate::pages::extract::Params;
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

struct StateRow {
    badge: Badge,
    count: u32,
}

#[derive(Template)]
#[template(path = "network.html")]
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
}

/// GET /netzwerke/{slug}
pub(super) async fn page(Dir(dir): Dir, ctx: Ctx, v: Viewer, Params(slug): Params<Slug>) -> Answer {
    let view = dir.network_page(&slug).await.or_fail(&ctx)?;
    let (has_series, next_meeting) = teaser::next_meeting(&dir, &ctx, &slug)
        .await
        .or_fail(&ctx)?;
    // Today as the rest of the site counts it, in Berlin.
    let mut page = build(&ctx, view, dir.app().today());
    page.calendar_href = has_series.then(|| ctx.href(&format!("/netzwerke/{slug}/kalender")));
    page.next_meeting = next_meeting;
    page.manage_href = v
        .may(&Action::ManageNetwork(slug.as_str()))
        .is_ok()
        .then(|| ctx.href(&format!("/netzwerke/{slug}/verwaltung")));
    Ok(html(&ctx, StatusCode::OK, &page))
}

fn build(ctx: &Ctx, v: NetworkPage, today: NaiveDate) -> Page<'_> {
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
