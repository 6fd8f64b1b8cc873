use axum::Json;
use axum::extract::rejection::QueryRejection;
use axum::extract::{Path, Query};
use axum::http::{StatusCode, header};
use axum::response::IntoResponse;
use knotenpunkt_app::{MembershipFilter, WithId};
use knotenpunkt_domain::Membership;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::extract::ApiJson;
use super::problem::{ApiResult, Problem};
use super::{Listing, page, parse_param, query};
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

/// A membership with the id that addresses it.
#[derive(Debug, Serialize, ToSchema)]
pub struct MembershipOut {
    /// Address it as `/api/v1/memberships/{id}`.
    pub id: i64,
    /// The membership.
    #[serde(flatten)]
    pub membership: Membership,
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
    network: Option<String>,
    /// Organisation slug.
    organization: Option<String>,
    /// Cohort slug (within its network).
    cohort: Option<String>,
    /// member, coordinator or partner.
    role: Option<String>,
    /// How many items at most (1–500, default 50).
    limit: Option<u64>,
    /// How many items to skip (default 0).
    offset: Option<u64>,
}

#[utoipa::path(get, path = "/memberships", tag = "memberships", params(MembershipQuery),
    responses((status = 200, body = Listing<MembershipOut>), (status = 400, body = Problem, content_type = "application/problem+json")))]
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

#[utoipa::path(get, path = "/memberships/{id}", tag = "memberships",
    params(("id" = i64, Path, description = "The membership's id")),
    responses((status = 200, body = MembershipOut), (status = 404, body = Problem, content_type = "application/problem+json")))]
async fn get_one(Dir(dir): Dir, Path(id): Path<String>) -> ApiResult<Json<MembershipOut>> {
    Ok(Json(dir.membership(path_id(&id)?).await?.into()))
}

pub(super) fn path_id(raw: &str) -> Result<i64, Problem> {
    raw.parse()
        .map_err(|_| Problem::not_found(format!("'{raw}' is not an id; ids are whole numbers")))
}

#[utoipa::path(post, path = "/memberships", tag = "memberships", request_body = Membership, security(("api_token" = [])),
    responses((status = 201, body = MembershipOut), (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 409, body = Problem, content_type = "application/problem+json"), (status = 422, body = Problem, content_type = "application/problem+json")))]
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

#[utoipa::path(put, path = "/memberships/{id}", tag = "memberships",
    params(("id" = i64, Path, description = "The membership's id")), request_body = Membership, security(("api_token" = [])),
    responses((status = 200, body = MembershipOut), (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 409, body = Problem, content_type = "application/problem+json"), (status = 422, body = Problem, content_type = "application/problem+json")))]
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

#[utoipa::path(delete, path = "/memberships/{id}", tag = "memberships",
    params(("id" = i64, Path, description = "The membership's id")), security(("api_token" = [])),
    responses((status = 204), (status = 404, body = Problem, content_type = "application/problem+json")))]
async fn delete(
    Dir(dir): Dir,
    SignedIn(_): SignedIn,
    Path(id): Path<String>,
) -> ApiResult<StatusCode> {
    dir.delete_membership(path_id(&id)?).await?;
    Ok(StatusCode::NO_CONTENT)
}
