use axum::Json;
use axum::extract::rejection::QueryRejection;
use axum::extract::{Path, Query};
use axum::http::{StatusCode, header};
use axum::response::IntoResponse;
use knotenpunkt_app::{MembershipFilter, WithId};
use knotenpunkt_domain::{Membership, Role, Slug};
use serde::{Deserialize, Serialize};
use utoipa::openapi::{RefOr, schema::Schema};
use utoipa::{IntoParams, PartialSchema, ToSchema};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::doc::{filter, with_id};
use super::extract::ApiJson;
use super::params::{Listing, page, parse_param, path_id, query};
use super::problem::ApiResult;
use crate::AppState;
use crate::auth::Dir;
use crate::auth::SignedIn;
#[allow(unused_imports)]
use knotenpunkt_app::access::Action;

const NOT_FOUND: &str = "No membership with this id, or none you may see";

pub(super) fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list, create))
        .routes(routes!(get_one, update, delete))
}

/// A membership with the id that addresses it.
#[derive(Debug, Serialize)]
pub struct MembershipOut {
    /// Address it as `/api/v1/memberships/{id}`.
    pub id: i64,
    /// The membership.
    #[serde(flatten)]
    pub membership: Membership,
}

impl PartialSchema for MembershipOut {
    fn schema() -> RefOr<Schema> {
        with_id::<Membership>(
            "A membership with the id that addresses it.",
            "Address it as `/api/v1/memberships/{id}`.",
        )
    }
}

impl ToSchema for MembershipOut {
    fn schemas(schemas: &mut Vec<(String, RefOr<Schema>)>) {
        <Membership as ToSchema>::schemas(schemas);
    }
}

impl From<WithId<Membership>> for MembershipOut {
    fn from(w: WithId<Membership>) -> Self {
        MembershipOut {
            id: w.id,
            membership: w.value,
        }
    }
}

/// Filters of the membership list.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub(super) struct MembershipQuery {
    /// Network slug.
    #[param(schema_with = filter::<Slug>)]
    network: Option<String>,
    /// Organisation slug.
    #[param(schema_with = filter::<Slug>)]
    organization: Option<String>,
    /// Cohort slug (within its network).
    #[param(schema_with = filter::<Slug>)]
    cohort: Option<String>,
    /// member, coordinator or partner.
    #[param(schema_with = filter::<Role>)]
    role: Option<String>,
    /// How many items at most (1–500, default 50).
    #[param(minimum = 1, maximum = 500, default = 50)]
    limit: Option<u64>,
    /// How many items to skip (default 0).
    #[param(minimum = 0, maximum = 9223372036854775807_u64, default = 0)]
    offset: Option<u64>,
}

#[utoipa::path(get, path = "/memberships", tag = "memberships", operation_id = "list_memberships", params(MembershipQuery),
    responses((status = 200, body = Listing<MembershipOut>), (status = 400, description = "A query parameter is not valid"),
        (status = 404, description = "A filter names a network, organisation or cohort that does not exist, or one you may not see")))]
async fn list(
    Dir(dir): Dir,
    q: Result<Query<MembershipQuery>, QueryRejection>,
) -> ApiResult<Json<Listing<MembershipOut>>> {
    let q = query(q)?;
    let page = page(q.limit, q.offset)?;
    let filter = MembershipFilter {
        network: parse_param("network", q.network.as_deref())?,
        organization: parse_param("organization", q.organization.as_deref())?,
        cohort: parse_param("cohort", q.cohort.as_deref())?,
        role: parse_param("role", q.role.as_deref())?,
    };
    let listed = dir.memberships(&filter, page).await?;
    Ok(Json(Listing::new(
        listed.items.into_iter().map(Into::into).collect(),
        listed.total,
        page,
    )))
}

#[utoipa::path(get, path = "/memberships/{id}", tag = "memberships", operation_id = "get_membership",
    params(("id" = i64, Path, description = "The membership's id", example = 1)),
    responses((status = 200, body = MembershipOut), (status = 404, description = NOT_FOUND)))]
async fn get_one(Dir(dir): Dir, Path(id): Path<String>) -> ApiResult<Json<MembershipOut>> {
    Ok(Json(dir.membership(path_id(&id)?).await?.into()))
}

#[utoipa::path(post, path = "/memberships", tag = "memberships", operation_id = "create_membership",
    request_body = Membership, security(("api_token" = [])),
    responses((status = 201, body = MembershipOut, headers(("Location" = String, description = "The new membership's address"))),
        (status = 404, description = "No network with the body's slug, or none you may see"),
        (status = 409, description = "The organisation is a current member of the network already"),
        (status = 422, description = "The body breaks a rule, or names an organisation or cohort that does not exist")))]
async fn create(
    Dir(dir): Dir,
    SignedIn(_): SignedIn,
    ApiJson(m): ApiJson<Membership>,
) -> ApiResult<impl IntoResponse> {
    let id = dir.create_membership(&m).await?;
    let location = format!("/api/v1/memberships/{id}");
    Ok((
        StatusCode::CREATED,
        [(header::LOCATION, location)],
        Json(MembershipOut { id, membership: m }),
    ))
}

#[utoipa::path(put, path = "/memberships/{id}", tag = "memberships", operation_id = "update_membership",
    params(("id" = i64, Path, description = "The membership's id", example = 1)), request_body = Membership, security(("api_token" = [])),
    responses((status = 200, body = MembershipOut), (status = 404, description = NOT_FOUND),
        (status = 409, description = "The organisation is a current member of the network already"),
        (status = 422, description = "The body breaks a rule, or names an organisation, network or cohort that does not exist")))]
async fn update(
    Dir(dir): Dir,
    SignedIn(_): SignedIn,
    Path(id): Path<String>,
    ApiJson(m): ApiJson<Membership>,
) -> ApiResult<Json<MembershipOut>> {
    let id = path_id(&id)?;
    dir.update_membership(id, &m).await?;
    Ok(Json(MembershipOut { id, membership: m }))
}

#[utoipa::path(delete, path = "/memberships/{id}", tag = "memberships", operation_id = "delete_membership",
    params(("id" = i64, Path, description = "The membership's id", example = 1)), security(("api_token" = [])),
    responses((status = 204, description = "Deleted"), (status = 404, description = NOT_FOUND)))]
async fn delete(
    Dir(dir): Dir,
    SignedIn(_): SignedIn,
    Path(id): Path<String>,
) -> ApiResult<StatusCode> {
    dir.delete_membership(path_id(&id)?).await?;
    Ok(StatusCode::NO_CONTENT)
}
