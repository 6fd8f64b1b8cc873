//! A network's working groups: the list, one group's page, creating and
//! changing one (coordinators), joining or asking to, leaving, and the
//! leads' answer to a request.

use axum::Json;
use axum::extract::Path;
use axum::http::StatusCode;
use knotenpunkt_app::working_groups::{GroupPage, GroupSummary, Joined, WorkingGroups};
use knotenpunkt_domain::{Slug, WorkingGroup};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::extract::ApiJson;
use super::params::path_slug;
use super::problem::{ApiResult, Problem};
use crate::AppState;
use crate::auth::{SignedIn, Use};

pub(super) fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list))
        .routes(routes!(get, put))
        .routes(routes!(join, leave))
        .routes(routes!(decide))
}

#[utoipa::path(get, path = "/networks/{network}/working-groups", tag = "working-groups", operation_id = "list_working_groups",
    params(("network" = Slug, Path, description = "The network's slug", example = "ikone-ds")),
    responses((status = 200, body = Vec<GroupSummary>, description = "The groups by slug, with where the caller stands in each"),
        (status = 404, description = "No network with this slug, or none you may see")))]
async fn list(
    Use(w): Use<WorkingGroups>,
    Path(network): Path<String>,
) -> ApiResult<Json<Vec<GroupSummary>>> {
    let network = path_slug(&network, "network")?;
    Ok(Json(w.groups(&network).await?.groups))
}

#[utoipa::path(get, path = "/networks/{network}/working-groups/{group}", tag = "working-groups", operation_id = "get_working_group",
    params(("network" = Slug, Path, description = "The network's slug", example = "ikone-ds"),
        ("group" = Slug, Path, description = "The group's slug", example = "ag-daten")),
    responses((status = 200, body = GroupPage, description = "The group; its people, meetings and recent items only for who sees the group's items, requests only for its leads"),
        (status = 404, description = "No such network or group, or none you may see")))]
async fn get(
    Use(w): Use<WorkingGroups>,
    Path((network, group)): Path<(String, String)>,
) -> ApiResult<Json<GroupPage>> {
    let network = path_slug(&network, "network")?;
    let group = path_slug(&group, "group")?;
    Ok(Json(w.group(&network, &group).await?))
}

#[utoipa::path(put, path = "/networks/{network}/working-groups/{group}", tag = "working-groups", operation_id = "put_working_group",
    params(("network" = Slug, Path, description = "The network's slug", example = "ikone-ds"),
        ("group" = Slug, Path, description = "The group's slug", example = "ag-daten")),
    request_body = WorkingGroup, security(("api_token" = [])),
    responses((status = 200, body = WorkingGroup, description = "Created or changed; the people in it stay"),
        (status = 404, description = "No network with this slug, or none you may see"),
        (status = 422, description = "The body's `slug` is not the one in the address, a field breaks its rule, or an organisation does not exist")))]
async fn put(
    Use(w): Use<WorkingGroups>,
    SignedIn(_): SignedIn,
    Path((network, group)): Path<(String, String)>,
    ApiJson(body): ApiJson<WorkingGroup>,
) -> ApiResult<Json<WorkingGroup>> {
    let network = path_slug(&network, "network")?;
    if body.slug.as_str() != group {
        return Err(Problem::invalid(
            "slug",
            format!("the body names '{}', the address '{group}'", body.slug),
        ));
    }
    w.put_group(&network, &body).await?;
    Ok(Json(body))
}

/// What joining came to.
#[derive(Debug, Serialize, ToSchema)]
struct JoinAnswer {
    /// `member`: in the group now; `requested`: a lead decides.
    status: Joined,
}

#[utoipa::path(post, path = "/networks/{network}/working-groups/{group}/members", tag = "working-groups", operation_id = "join_working_group",
    params(("network" = Slug, Path, description = "The network's slug", example = "ikone-ds"),
        ("group" = Slug, Path, description = "The group's slug", example = "ag-daten")),
    security(("api_token" = [])),
    responses((status = 201, body = JoinAnswer, description = "Joined (an open group) or asked to join"),
        (status = 404, description = "No such network or group, or none you may see")))]
async fn join(
    Use(w): Use<WorkingGroups>,
    SignedIn(_): SignedIn,
    Path((network, group)): Path<(String, String)>,
) -> ApiResult<(StatusCode, Json<JoinAnswer>)> {
    let network = path_slug(&network, "network")?;
    let group = path_slug(&group, "group")?;
    let status = w.join(&network, &group).await?;
    Ok((StatusCode::CREATED, Json(JoinAnswer { status })))
}

#[utoipa::path(delete, path = "/networks/{network}/working-groups/{group}/members", tag = "working-groups", operation_id = "leave_working_group",
    params(("network" = Slug, Path, description = "The network's slug", example = "ikone-ds"),
        ("group" = Slug, Path, description = "The group's slug", example = "ag-daten")),
    security(("api_token" = [])),
    responses((status = 204, description = "Left the group, or took back the request"),
        (status = 404, description = "No such network or group, or none you may see"),
        (status = 409, description = "The caller is not in the group and has not asked")))]
async fn leave(
    Use(w): Use<WorkingGroups>,
    SignedIn(_): SignedIn,
    Path((network, group)): Path<(String, String)>,
) -> ApiResult<StatusCode> {
    let network = path_slug(&network, "network")?;
    let group = path_slug(&group, "group")?;
    w.leave(&network, &group).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// A lead's answer to a request.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
struct Decision {
    /// `true` takes the person in, `false` declines.
    accept: bool,
}

#[utoipa::path(put, path = "/networks/{network}/working-groups/{group}/requests/{person}", tag = "working-groups", operation_id = "decide_working_group_request",
    params(("network" = Slug, Path, description = "The network's slug", example = "ikone-ds"),
        ("group" = Slug, Path, description = "The group's slug", example = "ag-daten"),
        ("person" = i64, Path, description = "The id of the person who asked")),
    request_body = Decision, security(("api_token" = [])),
    responses((status = 204, description = "Accepted or declined"),
        (status = 404, description = "No such network or group, or none you may see"),
        (status = 409, description = "The person has not asked to join")))]
async fn decide(
    Use(w): Use<WorkingGroups>,
    SignedIn(_): SignedIn,
    Path((network, group, person)): Path<(String, String, String)>,
    ApiJson(body): ApiJson<Decision>,
) -> ApiResult<StatusCode> {
    let network = path_slug(&network, "network")?;
    let group = path_slug(&group, "group")?;
    let person = super::params::path_id(&person)?;
    w.decide(&network, &group, person, body.accept).await?;
    Ok(StatusCode::NO_CONTENT)
}
