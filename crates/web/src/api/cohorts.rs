use axum::Json;
use axum::extract::rejection::QueryRejection;
use axum::extract::{Path, Query};
use axum::http::{StatusCode, header};
use axum::response::IntoResponse;
use knotenpunkt_domain::{Cohort, Slug};
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

const NOT_FOUND: &str = "No such network or cohort, or the network is not one you may see";

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
    #[param(minimum = 1, maximum = 500, default = 50)]
    limit: Option<u64>,
    /// How many items to skip (default 0).
    #[param(minimum = 0, maximum = 9223372036854775807_u64, default = 0)]
    offset: Option<u64>,
}

#[utoipa::path(get, path = "/networks/{network}/cohorts", tag = "cohorts", operation_id = "list_cohorts",
    params(("network" = Slug, Path, description = "The network's slug", example = "modellprojekte-smart-cities"), CohortQuery),
    responses((status = 200, body = Listing<Cohort>), (status = 400, description = "A query parameter is not valid"),
        (status = 404, description = "No network with this slug, or none you may see")))]
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

#[utoipa::path(get, path = "/networks/{network}/cohorts/{slug}", tag = "cohorts", operation_id = "get_cohort",
    params(("network" = Slug, Path, description = "The network's slug", example = "modellprojekte-smart-cities"), ("slug" = Slug, Path, description = "The cohort's slug", example = "staffel-1")),
    responses((status = 200, body = Cohort), (status = 404, description = NOT_FOUND)))]
async fn get_one(
    Dir(dir): Dir,
    Path((network, slug)): Path<(String, String)>,
) -> ApiResult<Json<Cohort>> {
    let network = path_slug(&network, "network")?;
    let slug = path_slug(&slug, "cohort")?;
    Ok(Json(dir.cohort(&network, &slug).await?))
}

#[utoipa::path(post, path = "/networks/{network}/cohorts", tag = "cohorts", operation_id = "create_cohort",
    params(("network" = Slug, Path, description = "The network's slug", example = "modellprojekte-smart-cities")),
    request_body = Cohort, security(("api_token" = [])),
    responses((status = 201, body = Cohort, headers(("Location" = String, description = "The new cohort's address"))),
        (status = 404, description = "No network with this slug, or none you may see"),
        (status = 409, description = "The network has a cohort with this slug already"),
        (status = 422, description = "The body breaks a rule, names another network than the address, or a network that does not exist")))]
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

#[utoipa::path(put, path = "/networks/{network}/cohorts/{slug}", tag = "cohorts", operation_id = "update_cohort",
    params(("network" = Slug, Path, description = "The network's slug", example = "modellprojekte-smart-cities"), ("slug" = Slug, Path, description = "The cohort's current slug", example = "staffel-1")),
    request_body = Cohort, security(("api_token" = [])),
    responses((status = 200, body = Cohort), (status = 404, description = NOT_FOUND),
        (status = 409, description = "The network has another cohort with the new slug"),
        (status = 422, description = "The body breaks a rule, or names another network than the address")))]
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

#[utoipa::path(delete, path = "/networks/{network}/cohorts/{slug}", tag = "cohorts", operation_id = "delete_cohort",
    params(("network" = Slug, Path, description = "The network's slug", example = "modellprojekte-smart-cities"), ("slug" = Slug, Path, description = "The cohort's slug", example = "staffel-1")),
    security(("api_token" = [])),
    responses((status = 204, description = "Deleted"), (status = 404, description = NOT_FOUND),
        (status = 409, description = "Memberships or series still refer to the cohort")))]
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
