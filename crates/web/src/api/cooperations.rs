use axum::Json;
use axum::extract::rejection::QueryRejection;
use axum::extract::{Path, Query};
use axum::http::{StatusCode, header};
use axum::response::IntoResponse;
use knotenpunkt_app::WithId;
use knotenpunkt_domain::{Cooperation, Slug};
use serde::{Deserialize, Serialize};
use utoipa::openapi::{RefOr, schema::Schema};
use utoipa::{IntoParams, PartialSchema, ToSchema};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::doc::{filter, with_id};
use super::extract::ApiJson;
use super::params::path_id;
use super::params::{Listing, page, parse_param, query};
use super::problem::ApiResult;
use crate::AppState;
use crate::auth::Dir;
use crate::auth::SignedIn;
#[allow(unused_imports)]
use knotenpunkt_app::access::Action;

const NOT_FOUND: &str = "No cooperation with this id";

pub(super) fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list, create))
        .routes(routes!(get_one, update, delete))
}

/// A cooperation with the id that addresses it.
#[derive(Debug, Serialize)]
pub struct CooperationOut {
    /// Address it as `/api/v1/cooperations/{id}`.
    pub id: i64,
    /// The cooperation.
    #[serde(flatten)]
    pub cooperation: Cooperation,
}

impl PartialSchema for CooperationOut {
    fn schema() -> RefOr<Schema> {
        with_id::<Cooperation>(
            "A cooperation with the id that addresses it.",
            "Address it as `/api/v1/cooperations/{id}`.",
        )
    }
}

impl ToSchema for CooperationOut {
    fn schemas(schemas: &mut Vec<(String, RefOr<Schema>)>) {
        <Cooperation as ToSchema>::schemas(schemas);
    }
}

impl From<WithId<Cooperation>> for CooperationOut {
    fn from(w: WithId<Cooperation>) -> Self {
        CooperationOut {
            id: w.id,
            cooperation: w.value,
        }
    }
}

/// Filters of the cooperation list.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub(super) struct CoopQuery {
    /// Slug of an organisation that takes part.
    #[param(schema_with = filter::<Slug>)]
    organization: Option<String>,
    /// How many items at most (1–500, default 50).
    #[param(minimum = 1, maximum = 500, default = 50)]
    limit: Option<u64>,
    /// How many items to skip (default 0).
    #[param(minimum = 0, maximum = 9223372036854775807_u64, default = 0)]
    offset: Option<u64>,
}

#[utoipa::path(get, path = "/cooperations", tag = "cooperations", operation_id = "list_cooperations", params(CoopQuery),
    responses((status = 200, body = Listing<CooperationOut>), (status = 400, description = "A query parameter is not valid"),
        (status = 404, description = "A filter names a network, organisation or cohort that does not exist, or one you may not see")))]
async fn list(
    Dir(dir): Dir,
    q: Result<Query<CoopQuery>, QueryRejection>,
) -> ApiResult<Json<Listing<CooperationOut>>> {
    let q = query(q)?;
    let page = page(q.limit, q.offset)?;
    let org = parse_param("organization", q.organization.as_deref())?;
    let all = dir.cooperations(org.as_ref()).await?;
    Ok(Json(Listing::slice(
        all.into_iter().map(Into::into).collect(),
        page,
    )))
}

#[utoipa::path(get, path = "/cooperations/{id}", tag = "cooperations", operation_id = "get_cooperation",
    params(("id" = i64, Path, description = "The cooperation's id", example = 1)),
    responses((status = 200, body = CooperationOut), (status = 404, description = NOT_FOUND)))]
async fn get_one(Dir(dir): Dir, Path(id): Path<String>) -> ApiResult<Json<CooperationOut>> {
    Ok(Json(dir.cooperation(path_id(&id)?).await?.into()))
}

#[utoipa::path(post, path = "/cooperations", tag = "cooperations", operation_id = "create_cooperation",
    request_body = Cooperation, security(("api_token" = [])),
    responses((status = 201, body = CooperationOut, headers(("Location" = String, description = "The new cooperation's address"))),
        (status = 422, description = "The body breaks a rule, or names a partner that does not exist")))]
async fn create(
    Dir(dir): Dir,
    SignedIn(_): SignedIn,
    ApiJson(c): ApiJson<Cooperation>,
) -> ApiResult<impl IntoResponse> {
    let id = dir.create_cooperation(&c).await?;
    let location = format!("/api/v1/cooperations/{id}");
    Ok((
        StatusCode::CREATED,
        [(header::LOCATION, location)],
        Json(CooperationOut { id, cooperation: c }),
    ))
}

#[utoipa::path(put, path = "/cooperations/{id}", tag = "cooperations", operation_id = "update_cooperation",
    params(("id" = i64, Path, description = "The cooperation's id", example = 1)), request_body = Cooperation, security(("api_token" = [])),
    responses((status = 200, body = CooperationOut), (status = 404, description = NOT_FOUND),
        (status = 422, description = "The body breaks a rule, or names a partner that does not exist")))]
async fn update(
    Dir(dir): Dir,
    SignedIn(_): SignedIn,
    Path(id): Path<String>,
    ApiJson(c): ApiJson<Cooperation>,
) -> ApiResult<Json<CooperationOut>> {
    let id = path_id(&id)?;
    dir.update_cooperation(id, &c).await?;
    Ok(Json(CooperationOut { id, cooperation: c }))
}

#[utoipa::path(delete, path = "/cooperations/{id}", tag = "cooperations", operation_id = "delete_cooperation",
    params(("id" = i64, Path, description = "The cooperation's id", example = 1)), security(("api_token" = [])),
    responses((status = 204, description = "Deleted with its series"), (status = 404, description = NOT_FOUND)))]
async fn delete(
    Dir(dir): Dir,
    SignedIn(_): SignedIn,
    Path(id): Path<String>,
) -> ApiResult<StatusCode> {
    dir.delete_cooperation(path_id(&id)?).await?;
    Ok(StatusCode::NO_CONTENT)
}
