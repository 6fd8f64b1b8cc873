//! The list of organisations with its filter form: by state, kind and name,
//! fifty a page. A filter that cannot be understood is said on the page
//! (400), field by field, and nothing is searched.

use askama::Template;
use axum::extract::RawQuery;
use axum::http::StatusCode;
use knotenpunkt_app::domain::limits::MAX_NAME;
use knotenpunkt_app::domain::{OrgKind, State};
use knotenpunkt_app::store::{OrgFilter, Page as StorePage};

use crate::auth::Dir;
use crate::pages::answer::{Answer, OrFail, html};
use crate::pages::ctx::Ctx;
use crate::pages::form::Opt;
use crate::pages::query;
use crate::pages::ui::{OrgLink, Pager};

/// Rows per page of the list.
const PAGE_SIZE: u64 = 50;
/// Longest name search accepted: no name is longer.
const MAX_Q: usize = MAX_NAME;

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

/// GET /organisationen
pub(super) async fn list(Dir(dir): Dir, ctx: Ctx, RawQuery(raw): RawQuery) -> Answer {
    let (filter, problems) = Filter::parse(&ctx, raw.as_deref().unwrap_or(""));
    let mut page = ListPage {
        ctx: &ctx,
        title: ctx.t("organizations-title"),
        states: State::ALL
            .iter()
            .map(|s| Opt {
                value: s.code().to_owned(),
                label: ctx.state_name(s),
                selected: filter.state == Some(*s),
            })
            .collect(),
        kinds: OrgKind::ALL
            .iter()
            .map(|k| Opt {
                value: k.code().to_owned(),
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
        return Ok(html(&ctx, StatusCode::BAD_REQUEST, &page));
    }
    let store_filter = OrgFilter {
        state: filter.state,
        kind: filter.kind,
        q: (!filter.q.is_empty()).then(|| filter.q.clone()),
        ..OrgFilter::default()
    };
    let listed = dir
        .organizations(
            &store_filter,
            StorePage {
                limit: Some(PAGE_SIZE),
                offset: (filter.page - 1) * PAGE_SIZE,
            },
        )
        .await
        .or_fail(&ctx)?;
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
    Ok(html(&ctx, status, &page))
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
