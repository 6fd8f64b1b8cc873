use axum::Json;
use axum::extract::rejection::QueryRejection;
use axum::extract::{Path, Query};
use axum::http::{StatusCode, header};
use axum::response::IntoResponse;
use knotenpunkt_domain::{Network, Slug};
use serde::Deserialize;
use utoipa::IntoParams;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::extract::ApiJson;
use super::params::{Listing, page, path_slug, query};
use super::problem::ApiResult;
use crate::AppState;
use crate::auth::Dir;
use crate::auth::SignedIn;
#[allow(unused_imports)]
use knotenpunkt_app::access::Action;

const NOT_FOUND: &str = "No network with this slug, or none you may see";

pub(super) fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list, create))
        .routes(routes!(get_one, update, delete))
}

/// Filters of the network list.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub(super) struct NetQuery {
    /// Text in the name (case-insensitive).
    q: Option<String>,
    /// How many items at most (1–500, default 50).
    #[param(minimum = 1, maximum = 500, default = 50)]
    limit: Option<u64>,
    /// How many items to skip (default 0).
    #[param(minimum = 0, maximum = 9223372036854775807_u64, default = 0)]
    offset: Option<u64>,
}

#[utoipa::path(get, path = "/networks", tag = "networks", operation_id = "list_networks", params(NetQuery),
    responses((status = 200, body = Listing<Network>), (status = 400, description = "A query parameter is not valid")))]
async fn list(
    Dir(dir): Dir,
    q: Result<Query<NetQuery>, QueryRejection>,
) -> ApiResult<Json<Listing<Network>>> {
    let q = query(q)?;
    let page = page(q.limit, q.offset)?;
    let listed = dir.networks(q.q.as_deref(), page).await?;
    Ok(Json(Listing::new(listed.items, listed.total, page)))
}

#[utoipa::path(get, path = "/networks/{slug}", tag = "networks", operation_id = "get_network",
    params(("slug" = Slug, Path, description = "The network's slug", example = "ikone-ds")),
    responses((status = 200, body = Network), (status = 404, description = NOT_FOUND)))]
async fn get_one(Dir(dir): Dir, Path(slug): Path<String>) -> ApiResult<Json<Network>> {
    let slug = path_slug(&slug, "network")?;
    Ok(Json(dir.network(&slug).await?))
}

#[utoipa::path(post, path = "/networks", tag = "networks", operation_id = "create_network",
    request_body = Network, security(("api_token" = [])),
    responses((status = 201, body = Network, headers(("Location" = String, description = "The new network's address"))),
        (status = 409, description = "A network with this slug exists already"),
        (status = 422, description = "The body breaks a rule, or names a coordinator that does not exist")))]
async fn create(
    Dir(dir): Dir,
    SignedIn(_): SignedIn,
    ApiJson(n): ApiJson<Network>,
) -> ApiResult<impl IntoResponse> {
    dir.create_network(&n).await?;
    let location = format!("/api/v1/networks/{}", n.slug);
    Ok((StatusCode::CREATED, [(header::LOCATION, location)], Json(n)))
}

#[utoipa::path(put, path = "/networks/{slug}", tag = "networks", operation_id = "update_network",
    params(("slug" = Slug, Path, description = "The network's current slug", example = "ikone-ds")),
    request_body = Network, security(("api_token" = [])),
    responses((status = 200, body = Network), (status = 404, description = NOT_FOUND),
        (status = 409, description = "Another network has the new slug"),
        (status = 422, description = "The body breaks a rule, or names a coordinator that does not exist")))]
async fn update(
    Dir(dir): Dir,
    SignedIn(_): SignedIn,
    Path(slug): Path<String>,
    ApiJson(n): ApiJson<Network>,
) -> ApiResult<Json<Network>> {
    let slug = path_slug(&slug, "network")?;
    dir.update_network(&slug, &n).await?;
    Ok(Json(n))
}

#[utoipa::path(delete, path = "/networks/{slug}", tag = "networks", operation_id = "delete_network",
    params(("slug" = Slug, Path, description = "The network's slug", example = "ikone-ds")), security(("api_token" = [])),
    responses((status = 204, description = "Deleted with its cohorts and memberships"), (status = 404, description = NOT_FOUND),
        (status = 409, description = "Something still refers to the network (a meeting series)")))]
async fn delete(
    Dir(dir): Dir,
    SignedIn(_): SignedIn,
    Path(slug): Path<String>,
) -> ApiResult<StatusCode> {
    let slug = path_slug(&slug, "network")?;
    dir.delete_network(&slug).await?;
    Ok(StatusCode::NO_CONTENT)
}
