use axum::Json;
use axum::extract::rejection::QueryRejection;
use axum::extract::{Path, Query};
use axum::http::{StatusCode, header};
use axum::response::IntoResponse;
use knotenpunkt_app::OrgFilter;
use knotenpunkt_domain::Organization;
use serde::Deserialize;
use utoipa::IntoParams;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::extract::ApiJson;
use super::problem::{ApiResult, Problem};
use super::{Listing, page, parse_param, path_slug, query};
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

/// Filters of the organisation list.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub(super) struct OrgQuery {
    /// State code (BW … TH).
    state: Option<String>,
    /// Kind: municipality, county, cooperation, research, company, region.
    kind: Option<String>,
    /// Text in the name (case-insensitive).
    q: Option<String>,
    /// Slug of a network the organisation is or was a member of.
    network: Option<String>,
    /// Slug of an organisation the listed cooperations consist of.
    containing: Option<String>,
    /// How many items at most (1–500, default 50).
    limit: Option<u64>,
    /// How many items to skip (default 0).
    offset: Option<u64>,
}

#[utoipa::path(get, path = "/organizations", tag = "organizations",
    params(OrgQuery),
    responses((status = 200, body = Listing<Organization>), (status = 400, body = Problem, content_type = "application/problem+json")))]
async fn list(
    Dir(dir): Dir,
    q: Result<Query<OrgQuery>, QueryRejection>,
) -> ApiResult<Json<Listing<Organization>>> {
    let q = query(q)?;
    let page = page(q.limit, q.offset)?;
    let filter = OrgFilter {
        state: parse_param("state", q.state.as_deref())?,
        kind: parse_param("kind", q.kind.as_deref())?,
        q: q.q,
        network: parse_param("network", q.network.as_deref())?,
        containing: parse_param("containing", q.containing.as_deref())?,
    };
    let listed = dir.organizations(&filter, page).await?;
    Ok(Json(Listing::new(listed.items, listed.total, page)))
}

#[utoipa::path(get, path = "/organizations/{slug}", tag = "organizations",
    params(("slug" = String, Path, description = "The organisation's slug")),
    responses((status = 200, body = Organization), (status = 404, body = Problem, content_type = "application/problem+json")))]
async fn get_one(Dir(dir): Dir, Path(slug): Path<String>) -> ApiResult<Json<Organization>> {
    let slug = path_slug(&slug, "organisation")?;
    Ok(Json(dir.organization(&slug).await?))
}

#[utoipa::path(post, path = "/organizations", tag = "organizations",
    request_body = Organization,
    security(("api_token" = [])),
    responses((status = 201, body = Organization), (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 409, body = Problem, content_type = "application/problem+json"), (status = 422, body = Problem, content_type = "application/problem+json")))]
async fn create(
    Dir(dir): Dir,
    SignedIn(_): SignedIn,
    ApiJson(o): ApiJson<Organization>,
) -> ApiResult<impl IntoResponse> {
    dir.create_organization(&o).await?;
    let location = format!("/api/v1/organizations/{}", o.slug);
    Ok((StatusCode::CREATED, [(header::LOCATION, location)], Json(o)))
}

#[utoipa::path(put, path = "/organizations/{slug}", tag = "organizations",
    params(("slug" = String, Path, description = "The organisation's current slug")),
    request_body = Organization,
    security(("api_token" = [])),
    responses((status = 200, body = Organization), (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 409, body = Problem, content_type = "application/problem+json"), (status = 422, body = Problem, content_type = "application/problem+json")))]
async fn update(
    Dir(dir): Dir,
    SignedIn(_): SignedIn,
    Path(slug): Path<String>,
    ApiJson(o): ApiJson<Organization>,
) -> ApiResult<Json<Organization>> {
    let slug = path_slug(&slug, "organisation")?;
    dir.update_organization(&slug, &o).await?;
    Ok(Json(o))
}

#[utoipa::path(delete, path = "/organizations/{slug}", tag = "organizations",
    params(("slug" = String, Path, description = "The organisation's slug")),
    security(("api_token" = [])),
    responses((status = 204), (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 409, body = Problem, content_type = "application/problem+json")))]
async fn delete(
    Dir(dir): Dir,
    SignedIn(_): SignedIn,
    Path(slug): Path<String>,
) -> ApiResult<StatusCode> {
    let slug = path_slug(&slug, "organisation")?;
    dir.delete_organization(&slug).await?;
    Ok(StatusCode::NO_CONTENT)
}
