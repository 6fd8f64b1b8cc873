//! Search across everything the caller may see: organisations, networks,
//! meeting series, agenda points and minutes. What the caller may not see
//! is left out before ranking and counting, so totals and facets never
//! count it.

use axum::Json;
use axum::extract::Query;
use axum::extract::rejection::QueryRejection;
use knotenpunkt_app::search::Hit;
use knotenpunkt_app::{AppError, Search, SearchPage, SearchQuery};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::params::query;
use super::problem::{ApiResult, Problem};
use crate::AppState;
use crate::auth::Use;

pub(super) fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(search))
}

/// What to search for, and where.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub(super) struct SearchParams {
    /// The words. German words are found in any form ("Sensor" finds
    /// "Füllstandssensoren", "muell" finds "Müll"); every word must occur,
    /// and when no document has them all, documents with any are returned
    /// with `relaxed: true`.
    #[param(max_length = 500, example = "Parkraummanagement")]
    q: Option<String>,
    /// Only these kinds, comma-separated: organization, network, project,
    /// experience, series, agenda, minutes.
    #[param(example = "series,agenda")]
    kind: Option<String>,
    /// Only documents of this field of action.
    topic: Option<String>,
    /// Only documents of this state (code, e.g. `RP`).
    state: Option<String>,
    /// Only experiences with this outcome.
    outcome: Option<String>,
    /// Only documents of this network (slug).
    network: Option<String>,
    /// How many hits at most (1–100, default 10).
    #[param(minimum = 1, maximum = 100, default = 10)]
    limit: Option<usize>,
    /// How many hits to skip (0–10000, default 0).
    #[param(minimum = 0, maximum = 10000, default = 0)]
    offset: Option<usize>,
    /// Also answer whom to ask (`advisers`): the organisations whose
    /// experiences and projects rank highest for `q`.
    #[param(default = false)]
    advice: Option<bool>,
}

/// One found document.
#[derive(Debug, Serialize, ToSchema)]
pub(super) struct SearchHit {
    /// organization, network, project, experience, series, agenda or minutes.
    #[schema(example = "agenda")]
    kind: String,
    /// The document's identifier within its kind (a slug, a number, or
    /// series and date for minutes).
    #[schema(example = "kaiserslautern")]
    id: String,
    title: String,
    /// The page of the document on this site.
    #[schema(example = "/organisationen/kaiserslautern")]
    url: String,
    /// A piece of the text, HTML-escaped, each matched word in `<mark>`.
    snippet: String,
    /// Relevance (BM25, title words weighted more); only the order means
    /// something.
    score: f32,
}

/// How many found documents carry a facet value.
#[derive(Debug, Serialize, ToSchema)]
pub(super) struct FacetValue {
    value: String,
    count: u64,
}

/// The facets of all found documents (not only this page's).
#[derive(Debug, Serialize, ToSchema)]
pub(super) struct SearchFacets {
    kind: Vec<FacetValue>,
    topic: Vec<FacetValue>,
    state: Vec<FacetValue>,
    outcome: Vec<FacetValue>,
    network: Vec<FacetValue>,
}

/// An organisation worth asking about the search ("Wen fragen?").
#[derive(Debug, Serialize, ToSchema)]
pub(super) struct AdviserOut {
    /// The organisation's slug.
    organization: String,
    /// Its name.
    name: String,
    /// Contact people named on its projects the caller may see.
    contacts: Vec<String>,
    /// Its experiences and projects that made it relevant: titles and pages.
    because: Vec<Because>,
}

/// A document that made an organisation worth asking.
#[derive(Debug, Serialize, ToSchema)]
pub(super) struct Because {
    title: String,
    url: String,
}

/// A page of results.
#[derive(Debug, Serialize, ToSchema)]
pub(super) struct SearchAnswer {
    /// All found documents the caller may see.
    total: u64,
    hits: Vec<SearchHit>,
    facets: SearchFacets,
    /// No document had every word; these have some.
    relaxed: bool,
    limit: usize,
    offset: usize,
    /// Whom to ask; only with `advice=true`.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    advisers: Vec<AdviserOut>,
}

fn hit(h: Hit) -> SearchHit {
    let kind = h.kind.map(|k| k.as_str()).unwrap_or_default().to_owned();
    let id = h
        .key
        .split_once(':')
        .map(|(_, id)| id.to_owned())
        .unwrap_or_else(|| h.key.clone());
    SearchHit {
        kind,
        id,
        title: h.title,
        url: h.url,
        snippet: h.snippet.to_html(),
        score: h.score,
    }
}

fn facet(values: Vec<(String, u64)>) -> Vec<FacetValue> {
    values
        .into_iter()
        .map(|(value, count)| FacetValue { value, count })
        .collect()
}

impl From<SearchPage> for SearchAnswer {
    fn from(page: SearchPage) -> SearchAnswer {
        let results = page.results;
        SearchAnswer {
            total: results.total,
            hits: results.hits.into_iter().map(hit).collect(),
            facets: SearchFacets {
                kind: facet(results.facets.kind),
                topic: facet(results.facets.topic),
                state: facet(results.facets.state),
                outcome: facet(results.facets.outcome),
                network: facet(results.facets.network),
            },
            relaxed: results.relaxed,
            limit: page.limit,
            offset: page.offset,
            advisers: page
                .advisers
                .into_iter()
                .map(|a| AdviserOut {
                    organization: a.organization.slug.to_string(),
                    name: a.organization.name,
                    contacts: a.contacts.into_iter().map(|c| c.name).collect(),
                    because: a
                        .because
                        .into_iter()
                        .map(|(title, url)| Because { title, url })
                        .collect(),
                })
                .collect(),
        }
    }
}

#[utoipa::path(get, path = "/search", tag = "search", operation_id = "search", params(SearchParams),
    responses((status = 200, body = SearchAnswer),
        (status = 400, description = "A query parameter is not valid (too long a text, an unknown kind, a limit or offset out of range)")))]
async fn search(
    Use(search): Use<Search>,
    params: Result<Query<SearchParams>, QueryRejection>,
) -> ApiResult<Json<SearchAnswer>> {
    let p = query(params)?;
    let kinds = p
        .kind
        .as_deref()
        .map(|k| {
            k.split(',')
                .map(str::trim)
                .filter(|k| !k.is_empty())
                .map(str::to_owned)
                .collect()
        })
        .unwrap_or_default();
    let page = search
        .search(SearchQuery {
            q: p.q.unwrap_or_default(),
            kinds,
            topic: p.topic,
            state: p.state,
            outcome: p.outcome,
            network: p.network,
            limit: p.limit,
            offset: p.offset,
            advice: p.advice.unwrap_or(false),
        })
        .await
        .map_err(|e| match e {
            // A query parameter, like every other GET's: 400, naming it.
            AppError::Invalid(fields) => match fields.into_iter().next() {
                Some(f) => Problem::bad_request(&f.field, f.message),
                None => Problem::bad_request("query", "not valid"),
            },
            other => Problem::from(other),
        })?;
    Ok(Json(page.into()))
}
