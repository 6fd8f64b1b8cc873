//! A network's page: who coordinates it, its members by cohort, partners,
//! former members, members per state, and its growth as a chart and table.

use askama::Template;
use axum::extract::Path;
use axum::http::StatusCode;
use axum::response::Response;
use chrono::{Datelike, NaiveDate, Utc};
use knotenpunkt_app::access::Action;
use knotenpunkt_app::domain::{FigureQualifier, PartialDate, Role, Slug};
use knotenpunkt_app::{CohortGroup, Growth, MemberView, NetworkPage};

use super::chart::{self, Chart, Label, Mark};
use super::meetings::teaser;
use super::ui::MeetingRow;
use super::{Badge, Ctx, DateView, OrgLink, error_page, failure, html};
use crate::auth::{Dir, Viewer};

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

struct MarkView {
    mark: Mark,
    text: String,
}

struct GrowthRow {
    date: DateView,
    members: String,
    what: String,
    source: Option<String>,
}

struct GrowthView {
    chart: Option<Chart>,
    width: f64,
    height: f64,
    title: String,
    desc: String,
    marks: Vec<MarkView>,
    line_end: Option<(Label, u32)>,
    rows: Vec<GrowthRow>,
    notes: Vec<String>,
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

pub(super) async fn page(Dir(dir): Dir, ctx: Ctx, v: Viewer, Path(slug): Path<String>) -> Response {
    let Ok(slug) = slug.parse::<Slug>() else {
        return error_page(&ctx, StatusCode::NOT_FOUND);
    };
    let view = match dir.network_page(&slug).await {
        Ok(v) => v,
        Err(e) => return failure(&ctx, e),
    };
    let (has_series, next_meeting) = match teaser::next_meeting(&dir, &ctx, &slug).await {
        Ok(v) => v,
        Err(e) => return failure(&ctx, e),
    };
    let today = Utc::now().date_naive();
    let mut page = build(&ctx, view, today);
    page.calendar_href = has_series.then(|| ctx.href(&format!("/netzwerke/{slug}/kalender")));
    page.next_meeting = next_meeting;
    page.manage_href = v
        .may(&Action::ManageNetwork(slug.as_str()))
        .is_ok()
        .then(|| ctx.href(&format!("/netzwerke/{slug}/verwaltung")));
    html(&ctx, StatusCode::OK, &page)
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
            badge: Badge {
                code: s.code(),
                name: ctx.state_name(s),
            },
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
        Some(c) => Some(match c.year {
            Some(year) => ctx.t2(
                "cohort-heading",
                "name",
                c.name.as_str(),
                "year",
                year.to_string(),
            ),
            None => c.name.clone(),
        }),
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

/// A step of the line as a date of the precision it most likely had: the
/// growth module puts a "2019-04" joining on 1 April and a cohort year on
/// 1 January, and printing those days would invent a precision no source
/// gave. A real first of the month loses its day, which is the lesser harm.
fn step_date(d: NaiveDate) -> PartialDate {
    let text = match (d.month(), d.day()) {
        (1, 1) => format!("{:04}", d.year()),
        (m, 1) => format!("{:04}-{m:02}", d.year()),
        _ => d.format("%Y-%m-%d").to_string(),
    };
    text.parse().unwrap_or_else(|_| PartialDate::from_naive(d))
}

fn figure_value(ctx: &Ctx, members: u32, q: FigureQualifier) -> String {
    match q {
        FigureQualifier::Exact => members.to_string(),
        FigureQualifier::MoreThan => ctx.t1("figure-more-than", "count", members),
    }
}

fn growth(ctx: &Ctx, name: &str, g: &Growth, cohort_dated: bool, today: NaiveDate) -> GrowthView {
    let points: Vec<chart::Dated> = g.points.iter().map(|p| (p.on, p.members)).collect();
    let figures: Vec<chart::Dated> = g
        .figures
        .iter()
        .map(|f| (f.on.earliest(), f.members))
        .collect();
    let chart = chart::layout(&points, &figures, today);
    let marks = match &chart {
        Some(c) => c
            .marks
            .iter()
            .zip(&g.figures)
            .map(|(m, f)| MarkView {
                mark: m.clone(),
                text: figure_value(ctx, f.members, f.qualifier),
            })
            .collect(),
        None => Vec::new(),
    };
    let line_end = chart
        .as_ref()
        .and_then(|c| c.line_end)
        .zip(g.points.last().map(|p| p.members));

    let mut rows: Vec<(NaiveDate, GrowthRow)> = g
        .points
        .iter()
        .map(|p| {
            (
                p.on,
                GrowthRow {
                    date: DateView::new(ctx, &step_date(p.on)),
                    members: p.members.to_string(),
                    what: ctx.t("growth-kind-named"),
                    source: None,
                },
            )
        })
        .chain(g.figures.iter().map(|f| {
            (
                f.on.earliest(),
                GrowthRow {
                    date: DateView::new(ctx, &f.on),
                    members: figure_value(ctx, f.members, f.qualifier),
                    what: ctx.t("growth-kind-published"),
                    source: Some(f.source.clone()),
                },
            )
        }))
        .collect();
    // Stable: on the same day the named count comes before the published.
    rows.sort_by_key(|(d, _)| *d);

    let mut desc = Vec::new();
    if let (Some(first), Some(last)) = (g.points.first(), g.points.last()) {
        desc.push(ctx.t2(
            "chart-desc-line",
            "from",
            ctx.date(&step_date(first.on)),
            "count",
            last.members,
        ));
    }
    if !g.figures.is_empty() {
        let list = g
            .figures
            .iter()
            .map(|f| {
                ctx.t2(
                    "chart-desc-figure",
                    "value",
                    figure_value(ctx, f.members, f.qualifier),
                    "date",
                    ctx.date(&f.on),
                )
            })
            .collect::<Vec<_>>()
            .join(ctx.t("list-separator").as_str());
        desc.push(ctx.t1("chart-desc-figures", "list", list));
    }

    let mut notes = Vec::new();
    if g.undated > 0 {
        notes.push(ctx.t1("growth-undated", "count", g.undated));
    }
    if cohort_dated {
        notes.push(ctx.t("growth-cohort-dated"));
    }
    GrowthView {
        chart,
        width: chart::WIDTH,
        height: chart::HEIGHT,
        title: ctx.t1("chart-title", "network", name),
        desc: desc.join(" "),
        marks,
        line_end,
        rows: rows.into_iter().map(|(_, r)| r).collect(),
        notes,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn step_dates_do_not_invent_days() {
        let d = |s: &str| s.parse::<NaiveDate>().unwrap();
        assert_eq!(step_date(d("2019-01-01")).to_string(), "2019");
        assert_eq!(step_date(d("2019-04-01")).to_string(), "2019-04");
        assert_eq!(step_date(d("2019-04-15")).to_string(), "2019-04-15");
    }
}
