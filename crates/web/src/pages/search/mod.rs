//! The search page, `/suche`: one box (also in every page's header),
//! results across what the reader may see with the matched words marked,
//! facets to narrow them, and pages of ten.

use askama::Template;
use axum::extract::RawQuery;
use axum::http::StatusCode;
use knotenpunkt_app::domain::State;
use knotenpunkt_app::search::{Facets, Hit, MAX_OFFSET, MAX_QUERY_CHARS};
use knotenpunkt_app::{AppError, Search, SearchQuery};

use crate::auth::Use;
use crate::pages::answer::{Answer, OrFail, html};
use crate::pages::ctx::Ctx;
use crate::pages::query;
use crate::pages::ui::Pager;
use crate::routes::Routes;

/// Hits per page.
const PAGE_SIZE: usize = 10;

/// The routes of the search page.
pub(super) fn router() -> Routes {
    Routes::new().get("/suche", page)
}

/// The search as the address says, every parameter kept as given so that
/// links can carry it on.
#[derive(Debug, Default, Clone, PartialEq)]
struct Asked {
    q: String,
    kind: String,
    topic: String,
    state: String,
    outcome: String,
    network: String,
    page: usize,
}

impl Asked {
    fn parse(raw: &str) -> (Asked, Option<String>) {
        let mut asked = Asked {
            page: 1,
            ..Asked::default()
        };
        let mut bad_page = None;
        for (key, value) in query::parse(raw) {
            let value = value.trim().to_owned();
            match key.as_str() {
                "q" => asked.q = value,
                "kind" => asked.kind = value,
                "topic" => asked.topic = value,
                "state" => asked.state = value,
                "outcome" => asked.outcome = value,
                "network" => asked.network = value,
                "page" if !value.is_empty() => match value.parse::<usize>() {
                    Ok(p) if p >= 1 && (p - 1) * PAGE_SIZE <= MAX_OFFSET => asked.page = p,
                    _ => bad_page = Some(value),
                },
                _ => {}
            }
        }
        (asked, bad_page)
    }

    /// This search's address with one parameter changed (`page` resets
    /// unless it is the one changed).
    fn with(&self, ctx: &Ctx, key: &str, value: &str) -> String {
        let mut next = self.clone();
        next.page = 1;
        match key {
            "kind" => next.kind = value.to_owned(),
            "topic" => next.topic = value.to_owned(),
            "state" => next.state = value.to_owned(),
            "outcome" => next.outcome = value.to_owned(),
            "network" => next.network = value.to_owned(),
            "page" => next.page = value.parse().unwrap_or(1),
            _ => {}
        }
        let page = if next.page > 1 {
            next.page.to_string()
        } else {
            String::new()
        };
        ctx.href(&query::url(
            "/suche",
            &[
                ("q", &next.q),
                ("kind", &next.kind),
                ("topic", &next.topic),
                ("state", &next.state),
                ("outcome", &next.outcome),
                ("network", &next.network),
                ("page", &page),
            ],
        ))
    }

    fn filter(value: &str) -> Option<String> {
        (!value.is_empty()).then(|| value.to_owned())
    }
}

/// A found document, ready to show.
struct Found {
    title: String,
    href: String,
    kind: String,
    /// Escaped by the search; only `<mark>` is markup.
    snippet: String,
}

/// A facet value as a link that narrows the search, or (chosen) widens it
/// again.
struct Choice {
    label: String,
    count: u64,
    href: String,
    chosen: bool,
}

struct FacetGroup {
    heading: String,
    choices: Vec<Choice>,
}

#[derive(Template)]
#[template(path = "search.html")]
struct SearchPage<'a> {
    ctx: &'a Ctx,
    title: String,
    q: String,
    max_q: usize,
    problems: Vec<String>,
    /// `None` until there is something to search for.
    total: Option<u64>,
    relaxed: bool,
    found: Vec<Found>,
    facets: Vec<FacetGroup>,
    pager: Option<Pager>,
    advisers: Vec<AdviserView>,
}

/// An organisation worth asking, ready to show.
struct AdviserView {
    name: String,
    href: String,
    contacts: Vec<String>,
    because: Vec<(String, String)>,
}

fn kind_label(ctx: &Ctx, kind: &str) -> String {
    let id = format!("search-kind-{kind}");
    if ctx.has(&id) {
        ctx.t(&id)
    } else {
        kind.to_owned()
    }
}

fn found(ctx: &Ctx, hit: Hit) -> Found {
    let kind = hit.kind.map(|k| k.as_str()).unwrap_or_default();
    Found {
        title: hit.title,
        href: ctx.href(&hit.url),
        kind: kind_label(ctx, kind),
        snippet: hit.snippet.to_html(),
    }
}

fn facet_groups(
    ctx: &Ctx,
    asked: &Asked,
    facets: Facets,
    network_names: &std::collections::BTreeMap<String, String>,
) -> Vec<FacetGroup> {
    let group =
        |key: &str, chosen: &str, values: Vec<(String, u64)>, label: &dyn Fn(&str) -> String| {
            FacetGroup {
                heading: ctx.t(&format!("search-facet-{key}")),
                choices: values
                    .into_iter()
                    .map(|(value, count)| {
                        let is_chosen = value == chosen;
                        Choice {
                            label: label(&value),
                            count,
                            href: asked.with(ctx, key, if is_chosen { "" } else { &value }),
                            chosen: is_chosen,
                        }
                    })
                    .collect(),
            }
        };
    let state_label = |code: &str| {
        code.parse::<State>()
            .map(|s| ctx.state_name(&s))
            .unwrap_or_else(|_| code.to_owned())
    };
    let network = |slug: &str| {
        network_names
            .get(slug)
            .cloned()
            .unwrap_or_else(|| slug.to_owned())
    };
    let kind = |value: &str| kind_label(ctx, value);
    let topic = |value: &str| ctx.topic_name(value);
    let outcome = |value: &str| ctx.outcome_name(value);
    [
        group("kind", &asked.kind, facets.kind, &kind),
        group("topic", &asked.topic, facets.topic, &topic),
        group("state", &asked.state, facets.state, &state_label),
        group("outcome", &asked.outcome, facets.outcome, &outcome),
        group("network", &asked.network, facets.network, &network),
    ]
    .into_iter()
    .filter(|g| !g.choices.is_empty())
    .collect()
}

/// GET /suche
async fn page(Use(search): Use<Search>, ctx: Ctx, RawQuery(raw): RawQuery) -> Answer {
    let (asked, bad_page) = Asked::parse(raw.as_deref().unwrap_or(""));
    let mut page = SearchPage {
        ctx: &ctx,
        title: ctx.t("search-title"),
        q: asked.q.clone(),
        max_q: MAX_QUERY_CHARS,
        problems: Vec::new(),
        total: None,
        relaxed: false,
        found: Vec::new(),
        facets: Vec::new(),
        pager: None,
        advisers: Vec::new(),
    };
    if let Some(value) = bad_page {
        page.problems
            .push(ctx.t1("filter-bad-page", "value", value.as_str()));
        return Ok(html(&ctx, StatusCode::BAD_REQUEST, &page));
    }
    if asked.q.is_empty() {
        return Ok(html(&ctx, StatusCode::OK, &page));
    }
    let result = search
        .search(SearchQuery {
            q: asked.q.clone(),
            kinds: Asked::filter(&asked.kind).into_iter().collect(),
            topic: Asked::filter(&asked.topic),
            state: Asked::filter(&asked.state),
            outcome: Asked::filter(&asked.outcome),
            network: Asked::filter(&asked.network),
            limit: Some(PAGE_SIZE),
            offset: Some((asked.page - 1) * PAGE_SIZE),
            advice: asked.page == 1,
        })
        .await;
    let answer = match result {
        Err(AppError::Invalid(fields)) => {
            page.problems = fields
                .iter()
                .map(|f| match f.field.as_str() {
                    "q" => ctx.t1("search-bad-q", "max", MAX_QUERY_CHARS),
                    "kind" => ctx.t1("search-bad-kind", "value", asked.kind.as_str()),
                    _ => f.message.clone(),
                })
                .collect();
            return Ok(html(&ctx, StatusCode::BAD_REQUEST, &page));
        }
        other => other.or_fail(&ctx)?,
    };
    let knotenpunkt_app::SearchPage {
        results,
        network_names,
        advisers,
        ..
    } = answer;
    page.advisers = advisers
        .into_iter()
        .map(|a| AdviserView {
            href: ctx.href(&format!("/organisationen/{}", a.organization.slug)),
            name: a.organization.name,
            contacts: a
                .contacts
                .into_iter()
                .map(|c| match c.role {
                    Some(r) => format!("{} ({r})", c.name),
                    None => c.name,
                })
                .collect(),
            because: a
                .because
                .into_iter()
                .map(|(title, url)| (title, ctx.href(&url)))
                .collect(),
        })
        .collect();
    let total = results.total;
    page.total = Some(total);
    page.relaxed = results.relaxed;
    page.found = results.hits.into_iter().map(|h| found(&ctx, h)).collect();
    page.facets = facet_groups(&ctx, &asked, results.facets, &network_names);
    let pages = (total as usize).div_ceil(PAGE_SIZE).max(1);
    if pages > 1 {
        let current = asked.page;
        page.pager = Some(Pager {
            current: current as u64,
            pages: pages as u64,
            prev: (current > 1).then(|| asked.with(&ctx, "page", &(current - 1).to_string())),
            next: (current < pages).then(|| asked.with(&ctx, "page", &(current + 1).to_string())),
        });
    }
    Ok(html(&ctx, StatusCode::OK, &page))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_address_keeps_the_search_and_resets_the_page() {
        let ctx = Ctx::new("/suche", "", None);
        let (asked, bad) = Asked::parse("q=Parken+Sensor&kind=agenda&page=3&utm=x");
        assert!(bad.is_none());
        assert_eq!(asked.q, "Parken Sensor");
        assert_eq!(asked.page, 3);
        let href = asked.with(&ctx, "state", "RP");
        assert!(href.contains("kind=agenda"), "{href}");
        assert!(href.contains("state=RP"), "{href}");
        assert!(!href.contains("page="), "{href}");
        assert!(asked.with(&ctx, "page", "4").contains("page=4"));
        let (_, bad) = Asked::parse("q=x&page=0");
        assert_eq!(bad.as_deref(), Some("0"));
        let (_, bad) = Asked::parse("q=x&page=99999999999999999999999");
        assert!(bad.is_some());
    }
}
