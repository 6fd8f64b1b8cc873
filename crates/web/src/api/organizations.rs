use axum::Json;
use axum::extract::rejection::QueryRejection;
use axum::extract::{Path, Query};
use axum::http::{StatusCode, header};
use axum::response::IntoResponse;
use knotenpunkt_app::OrgFilter;
use knotenpunkt_domain::{OrgKind, Organization, Slug, State};
use serde::Deserialize;
use utoipa::IntoParams;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::doc::filter;
use super::extract::ApiJson;
use super::params::{Listing, page, parse_param, path_slug, query};
use super::problem::ApiResult;
use crate::AppState;
use crate::auth::Dir;
use crate::auth::SignedIn;
#[allow(unused_imports)]
use knotenpunkt_app::access::Action;

const NOT_FOUND: &str = "No organisation with this slug";

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
    #[param(schema_with = filter::<State>)]
    state: Option<String>,
    /// Kind: municipality, county, cooperation, research, company, region.
    #[param(schema_with = filter::<OrgKind>)]
    kind: Option<String>,
    /// Text in the name (case-insensitive).
    q: Option<String>,
    /// Slug of a network the organisation is or was a member of.
    #[param(schema_with = filter::<Slug>)]
    network: Option<String>,
    /// Slug of an organisation the listed cooperations consist of.
    #[param(schema_with = filter::<Slug>)]
    containing: Option<String>,
    /// How many items at most (1–500, default 50).
    #[param(minimum = 1, maximum = 500, default = 50)]
    limit: Option<u64>,
    /// How many items to skip (default 0).
    #[param(minimum = 0, maximum = 9223372036854775807_u64, default = 0)]
    offset: Option<u64>,
}

#[utoipa::path(get, path = "/organizations", tag = "organizations", operation_id = "list_organizations",
    params(OrgQuery),
    responses((status = 200, body = Listing<Organization>), (status = 400, description = "A query parameter is not valid"),
        (status = 404, description = "A filter names a network, organisation or cohort that does not exist, or one you may not see")))]
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

#[utoipa::path(get, path = "/organizations/{slug}", tag = "organizations", operation_id = "get_organization",
    params(("slug" = Slug, Path, description = "The organisation's slug", example = "kaiserslautern")),
    responses((status = 200, body = Organization), (status = 404, description = NOT_FOUND)))]
async fn get_one(Dir(dir): Dir, Path(slug): Path<String>) -> ApiResult<Json<Organization>> {
    let slug = path_slug(&slug, "organisation")?;
    Ok(Json(dir.organization(&slug).await?))
}

#[utoipa::path(post, path = "/organizations", tag = "organizations", operation_id = "create_organization",
    request_body = Organization,
    security(("api_token" = [])),
    responses((status = 201, body = Organization, headers(("Location" = String, description = "The new organisation's address"))),
        (status = 409, description = "An organisation with this slug exists already"),
        (status = 422, description = "The body breaks a rule (states and kind, AGS and states, parts), or names a part that does not exist")))]
async fn create(
    Dir(dir): Dir,
    SignedIn(_): SignedIn,
    ApiJson(o): ApiJson<Organization>,
) -> ApiResult<impl IntoResponse> {
    dir.create_organization(&o).await?;
    let location = format!("/api/v1/organizations/{}", o.slug);
    Ok((StatusCode::CREATED, [(header::LOCATION, location)], Json(o)))
}

#[utoipa::path(put, path = "/organizations/{slug}", tag = "organizations", operation_id = "update_organization",
    params(("slug" = Slug, Path, description = "The organisation's current slug", example = "kaiserslautern")),
    request_body = Organization,
    security(("api_token" = [])),
    responses((status = 200, body = Organization), (status = 404, description = NOT_FOUND),
        (status = 409, description = "Another organisation has the new slug"),
        (status = 422, description = "The body breaks a rule (states and kind, AGS and states, parts), or names a part that does not exist")))]
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

#[utoipa::path(delete, path = "/organizations/{slug}", tag = "organizations", operation_id = "delete_organization",
    params(("slug" = Slug, Path, description = "The organisation's slug", example = "kaiserslautern")),
    security(("api_token" = [])),
    responses((status = 204, description = "Deleted"), (status = 404, description = NOT_FOUND),
        (status = 409, description = "Other entries still refer to it (memberships, cooperations, series, coordination)")))]
async fn delete(
    Dir(dir): Dir,
    SignedIn(_): SignedIn,
    Path(slug): Path<String>,
) -> ApiResult<StatusCode> {
    let slug = path_slug(&slug, "organisation")?;
    dir.delete_organization(&slug).await?;
    Ok(StatusCode::NO_CONTENT)
}
