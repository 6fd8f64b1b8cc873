//! The list of organisations with its filter form, and one organisation's
//! page with its networks and cooperations.

use std::collections::HashMap;

use askama::Template;
use axum::extract::{Path, RawQuery};
use axum::http::StatusCode;
use axum::response::Response;
use knotenpunkt_app::domain::{Cohort, OrgKind, Slug, State};
use knotenpunkt_app::store::{OrgFilter, Page as StorePage};

use super::meetings::teaser;
use super::ui::MeetingRow;
use super::{Badge, Ctx, DateView, OrgLink, error_page, failure, html, query};
use crate::auth::{Dir, Viewer};

/// Rows per page of the list.
const PAGE_SIZE: u64 = 50;
/// Longest name search accepted; names are at most 200 characters.
const MAX_Q: usize = 200;

/// One `<option>` of a select.
struct Opt {
    value: &'static str,
    label: String,
    selected: bool,
}

/// The filter as the user asked for it, after checking every field.
#[derive(Debug, Default, PartialEq)]
struct Filter {
    state: Option<State>,
    kind: Option<OrgKind>,
    q: String,
    page: u64,
}

impl Filter {
    /// Reads the query leniently: every field that cannot be understood
    /// becomes a message for the page, and the rest of the filter still
    /// applies to the form.
    fn parse(ctx: &Ctx, raw: &str) -> (Filter, Vec<String>) {
        let mut f = Filter {
            page: 1,
            ..Filter::default()
        };
        let mut problems = Vec::new();
        for (key, value) in query::parse(raw) {
            let value = value.trim();
            if value.is_empty() {
                continue;
            }
            match key.as_str() {
                "state" => match value.to_ascii_uppercase().parse::<State>() {
                    Ok(s) => f.state = Some(s),
                    Err(_) => problems.push(ctx.t1("filter-bad-state", "value", value)),
                },
                "kind" => match value.parse::<OrgKind>() {
                    Ok(k) => f.kind = Some(k),
                    Err(_) => problems.push(ctx.t1("filter-bad-kind", "value", value)),
                },
                "q" => {
                    if value.chars().count() > MAX_Q {
                        problems.push(ctx.t1("filter-bad-q", "max", MAX_Q));
                    } else {
                        f.q = value.to_owned();
                    }
                }
                "page" => match value.parse::<u64>() {
                    Ok(p) if (1..=u64::MAX / PAGE_SIZE).contains(&p) => f.page = p,
                    _ => problems.push(ctx.t1("filter-bad-page", "value", value)),
                },
                // `lang` is the context's; anything else is ignored like
                // any web page ignores tracking parameters.
                _ => {}
            }
        }
        (f, problems)
    }

    /// The list's address for page `page` of this filter.
    fn href(&self, ctx: &Ctx, page: u64) -> String {
        let page = if page > 1 {
            page.to_string()
        } else {
            String::new()
        };
        let state = self.state.map(|s| s.code()).unwrap_or("");
        let kind = self.kind.map(|k| k.code()).unwrap_or("");
        ctx.href(&query::url(
            "/organisationen",
            &[
                ("state", state),
                ("kind", kind),
                ("q", &self.q),
                ("page", &page),
            ],
        ))
    }

    fn is_active(&self) -> bool {
        self.state.is_some() || self.kind.is_some() || !self.q.is_empty()
    }
}

struct Pager {
    current: u64,
    pages: u64,
    prev: Option<String>,
    next: Option<String>,
}

#[derive(Template)]
#[template(path = "organizations.html")]
struct ListPage<'a> {
    ctx: &'a Ctx,
    title: String,
    states: Vec<Opt>,
    kinds: Vec<Opt>,
    q: String,
    filtered: bool,
    reset_href: String,
    problems: Vec<String>,
    /// `None` when the filter was invalid and nothing was searched.
    total: Option<u64>,
    rows: Vec<OrgLink>,
    pager: Option<Pager>,
    beyond: Option<String>,
}

pub(super) async fn list(Dir(dir): Dir, ctx: Ctx, RawQuery(raw): RawQuery) -> Response {
    let (filter, problems) = Filter::parse(&ctx, raw.as_deref().unwrap_or(""));
    let mut page = ListPage {
        ctx: &ctx,
        title: ctx.t("organizations-title"),
        states: State::ALL
            .iter()
            .map(|s| Opt {
                value: s.code(),
                label: ctx.state_name(s),
                selected: filter.state == Some(*s),
            })
            .collect(),
        kinds: OrgKind::ALL
            .iter()
            .map(|k| Opt {
                value: k.code(),
                label: ctx.kind_name(k),
                selected: filter.kind == Some(*k),
            })
            .collect(),
        q: filter.q.clone(),
        filtered: filter.is_active(),
        reset_href: ctx.href("/organisationen"),
        problems,
        total: None,
        rows: Vec::new(),
        pager: None,
        beyond: None,
    };
    if !page.problems.is_empty() {
        return html(&ctx, StatusCode::BAD_REQUEST, &page);
    }
    let store_filter = OrgFilter {
        state: filter.state,
        kind: filter.kind,
        q: (!filter.q.is_empty()).then(|| filter.q.clone()),
        ..OrgFilter::default()
    };
    let listed = match dir
        .organizations(
            &store_filter,
            StorePage {
                limit: Some(PAGE_SIZE),
                offset: (filter.page - 1) * PAGE_SIZE,
            },
        )
        .await
    {
        Ok(l) => l,
        Err(e) => return failure(&ctx, e),
    };
    let pages = listed.total.div_ceil(PAGE_SIZE).max(1);
    page.total = Some(listed.total);
    page.rows = listed.items.iter().map(|o| OrgLink::new(&ctx, o)).collect();
    let mut status = StatusCode::OK;
    if filter.page > pages {
        // A page past the end (an old bookmark, a hand-edited address)
        // says so and offers the first page rather than an empty table.
        status = StatusCode::NOT_FOUND;
        page.beyond = Some(ctx.t2("list-beyond", "page", filter.page, "pages", pages));
    } else if pages > 1 {
        page.pager = Some(Pager {
            current: filter.page,
            pages,
            prev: (filter.page > 1).then(|| filter.href(&ctx, filter.page - 1)),
            next: (filter.page < pages).then(|| filter.href(&ctx, filter.page + 1)),
        });
    }
    html(&ctx, status, &page)
}

struct NetworkRow {
    name: String,
    href: String,
    role: String,
    cohort: Option<String>,
    joined: Option<DateView>,
    left: Option<DateView>,
}

struct CooperationView {
    name: String,
    partners: Vec<OrgLink>,
    topic: String,
    since: Option<DateView>,
    cadence: Option<String>,
    source: Option<String>,
}

#[derive(Template)]
#[template(path = "organization.html")]
struct OrgPage<'a> {
    ctx: &'a Ctx,
    title: String,
    kind: String,
    states: Vec<Badge>,
    ags: Option<String>,
    population: Option<u64>,
    website: Option<String>,
    source: Option<String>,
    networks: Vec<NetworkRow>,
    cooperations: Vec<CooperationView>,
    parts: Vec<OrgLink>,
    part_of: Vec<OrgLink>,
    /// The next meetings it hosts.
    turns: Vec<MeetingRow>,
    /// The profile form, for those who may edit it.
    edit_href: Option<String>,
}

pub(super) async fn page(Dir(dir): Dir, v: Viewer, ctx: Ctx, Path(slug): Path<String>) -> Response {
    let Ok(slug) = slug.parse::<Slug>() else {
        return error_page(&ctx, StatusCode::NOT_FOUND);
    };
    let view = match dir.organization_page(&slug).await {
        Ok(v) => v,
        Err(e) => return failure(&ctx, e),
    };
    // Memberships name their cohort by slug; the page shows its name.
    let mut cohorts: HashMap<(Slug, Slug), Cohort> = HashMap::new();
    let mut networks_seen: Vec<&Slug> = Vec::new();
    for (m, _) in &view.memberships {
        if m.cohort.is_none() || networks_seen.contains(&&m.network) {
            continue;
        }
        networks_seen.push(&m.network);
        match dir.cohorts(Some(&m.network)).await {
            Ok(list) => {
                for c in list {
                    cohorts.insert((c.network.clone(), c.slug.clone()), c);
                }
            }
            Err(e) => return failure(&ctx, e),
        }
    }
    let turns = match teaser::host_turns(&dir, &ctx, &slug).await {
        Ok(t) => t,
        Err(e) => return failure(&ctx, e),
    };
    let o = &view.organization;
    let networks =
        view.memberships
            .iter()
            .map(|(m, n)| NetworkRow {
                name: n.name.clone(),
                href: ctx.href(&format!("/netzwerke/{}", n.slug)),
                role: ctx.role_name(&m.role),
                cohort: m.cohort.as_ref().map(|c| {
                    match cohorts.get(&(m.network.clone(), c.clone())) {
                        Some(Cohort {
                            name,
                            year: Some(y),
                            ..
                        }) => ctx.t2(
                            "cohort-heading",
                            "name",
                            name.as_str(),
                            "year",
                            y.to_string(),
                        ),
                        Some(k) => k.name.clone(),
                        None => c.to_string(),
                    }
                }),
                joined: m.joined_on.as_ref().map(|d| DateView::new(&ctx, d)),
                left: m.left_on.as_ref().map(|d| DateView::new(&ctx, d)),
            })
            .collect();
    let cooperations = view
        .cooperations
        .iter()
        .map(|(c, partners)| CooperationView {
            name: c.name.clone(),
            partners: partners.iter().map(|p| OrgLink::new(&ctx, p)).collect(),
            topic: c.topic.clone(),
            since: c.since.as_ref().map(|d| DateView::new(&ctx, d)),
            cadence: c.cadence.clone(),
            source: c.source.clone(),
        })
        .collect();
    let page = OrgPage {
        ctx: &ctx,
        title: o.name.clone(),
        kind: ctx.kind_name(&o.kind),
        states: Badge::all(&ctx, &o.states),
        ags: o.ags.as_ref().map(|a| a.to_string()),
        population: o.population,
        website: o.website.clone(),
        source: o.source.clone(),
        networks,
        cooperations,
        parts: view.parts.iter().map(|p| OrgLink::new(&ctx, p)).collect(),
        part_of: view.part_of.iter().map(|p| OrgLink::new(&ctx, p)).collect(),
        turns,
        edit_href: v
            .may(&knotenpunkt_app::access::Action::EditOrganization(
                slug.as_str(),
            ))
            .is_ok()
            .then(|| ctx.href(&format!("/organisationen/{slug}/bearbeiten"))),
    };
    html(&ctx, StatusCode::OK, &page)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn filters_are_checked_field_by_field() {
        let ctx = Ctx::new("/organisationen", "", None);
        let (f, p) = Filter::parse(&ctx, "state=rp&kind=county&q=+Kus+&page=2&utm=x");
        assert!(p.is_empty(), "{p:?}");
        assert_eq!(
            f,
            Filter {
                state: Some(State::RP),
                kind: Some(OrgKind::County),
                q: "Kus".into(),
                page: 2
            }
        );
        let (f, p) = Filter::parse(&ctx, "state=XX&kind=castle&page=0&q=Ulm");
        assert_eq!(p.len(), 3, "{p:?}");
        assert!(p[0].contains("„XX“"), "{p:?}");
        assert_eq!(f.q, "Ulm");
        let (_, p) = Filter::parse(&ctx, &format!("q={}", "a".repeat(201)));
        assert_eq!(p.len(), 1);
        let (_, p) = Filter::parse(&ctx, "page=99999999999999999999");
        assert_eq!(p.len(), 1);
        let (f, p) = Filter::parse(&ctx, "state=&kind=&q=");
        assert!(p.is_empty() && !f.is_active() && f.page == 1);
    }

    #[test]
    fn page_links_keep_the_filter() {
        let ctx = Ctx::new("/organisationen", "lang=en", None);
        let f = Filter {
            state: Some(State::RP),
            kind: None,
            q: "Bad K".into(),
            page: 2,
        };
        assert_eq!(
            f.href(&ctx, 3),
            "/organisationen?state=RP&q=Bad+K&page=3&lang=en"
        );
        assert_eq!(f.href(&ctx, 1), "/organisationen?state=RP&q=Bad+K&lang=en");
    }
}
