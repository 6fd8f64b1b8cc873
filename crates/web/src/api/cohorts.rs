use axum::Json;
use axum::extract::rejection::QueryRejection;
use axum::extract::{Path, Query};
use axum::http::{StatusCode, header};
use axum::response::IntoResponse;
use knotenpunkt_domain::Cohort;
use serde::Deserialize;
use utoipa::IntoParams;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::extract::ApiJson;
use super::problem::{ApiResult, Problem};
use super::{Listing, page, path_slug, query};
use crate::AppState;
use crate::auth::Dir;
use crate::auth::SignedIn;
#[allow(unused_imports)]
use knotenpunkt_app::access::Action;

pub(super) fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list, create))
        .routes(routes!(get_one, update, delete))
}

/// Paging of the cohort list.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub(super) struct CohortQuery {
    /// How many items at most (1–500, default 50).
    limit: Option<u64>,
    /// How many items to skip (default 0).
    offset: Option<u64>,
}

#[utoipa::path(get, path = "/networks/{network}/cohorts", tag = "cohorts",
    params(("network" = String, Path, description = "The network's slug"), CohortQuery),
    responses((status = 200, body = Listing<Cohort>), (status = 404, body = Problem, content_type = "application/problem+json")))]
async fn list(
    Dir(dir): Dir,
    Path(network): Path<String>,
    q: Result<Query<CohortQuery>, QueryRejection>,
) -> ApiResult<Json<Listing<Cohort>>> {
    let q = query(q)?;
    let page = page(q.limit, q.offset)?;
    let network = path_slug(&network, "network")?;
    dir.network(&network).await?;
    Ok(Json(Listing::slice(
        dir.cohorts(Some(&network)).await?,
        page,
    )))
}

#[utoipa::path(get, path = "/networks/{network}/cohorts/{slug}", tag = "cohorts",
    params(("network" = String, Path, description = "The network's slug"), ("slug" = String, Path, description = "The cohort's slug")),
    responses((status = 200, body = Cohort), (status = 404, body = Problem, content_type = "application/problem+json")))]
async fn get_one(
    Dir(dir): Dir,
    Path((network, slug)): Path<(String, String)>,
) -> ApiResult<Json<Cohort>> {
    let network = path_slug(&network, "network")?;
    let slug = path_slug(&slug, "cohort")?;
    Ok(Json(dir.cohort(&network, &slug).await?))
}

#[utoipa::path(post, path = "/networks/{network}/cohorts", tag = "cohorts",
    params(("network" = String, Path, description = "The network's slug")),
    request_body = Cohort, security(("api_token" = [])),
    responses((status = 201, body = Cohort), (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 409, body = Problem, content_type = "application/problem+json"), (status = 422, body = Problem, content_type = "application/problem+json")))]
async fn create(
    Dir(dir): Dir,
    SignedIn(_): SignedIn,
    Path(network): Path<String>,
    ApiJson(c): ApiJson<Cohort>,
) -> ApiResult<impl IntoResponse> {
    dir.create_cohort(&path_slug(&network, "network")?, &c)
        .await?;
    let location = format!("/api/v1/networks/{}/cohorts/{}", c.network, c.slug);
    Ok((StatusCode::CREATED, [(header::LOCATION, location)], Json(c)))
}

#[utoipa::path(put, path = "/networks/{network}/cohorts/{slug}", tag = "cohorts",
    params(("network" = String, Path, description = "The network's slug"), ("slug" = String, Path, description = "The cohort's current slug")),
    request_body = Cohort, security(("api_token" = [])),
    responses((status = 200, body = Cohort), (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 409, body = Problem, content_type = "application/problem+json"), (status = 422, body = Problem, content_type = "application/problem+json")))]
async fn update(
    Dir(dir): Dir,
    SignedIn(_): SignedIn,
    Path((network, slug)): Path<(String, String)>,
    ApiJson(c): ApiJson<Cohort>,
) -> ApiResult<Json<Cohort>> {
    let network = path_slug(&network, "network")?;
    let slug = path_slug(&slug, "cohort")?;
    dir.update_cohort(&network, &slug, &c).await?;
    Ok(Json(c))
}

#[utoipa::path(delete, path = "/networks/{network}/cohorts/{slug}", tag = "cohorts",
    params(("network" = String, Path, description = "The network's slug"), ("slug" = String, Path, description = "The cohort's slug")),
    security(("api_token" = [])),
    responses((status = 204), (status = 404, body = Problem, content_type = "application/problem+json"), (status = 409, body = Problem, content_type = "application/problem+json")))]
async fn delete(
    Dir(dir): Dir,
    SignedIn(_): SignedIn,
    Path((network, slug)): Path<(String, String)>,
) -> ApiResult<StatusCode> {
    let network = path_slug(&network, "network")?;
    let slug = path_slug(&slug, "cohort")?;
    dir.delete_cohort(&network, &slug).await?;
    Ok(StatusCode::NO_CONTENT)
}
