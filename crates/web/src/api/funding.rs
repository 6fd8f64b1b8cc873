//! Funding calls (Förderaufrufe) and joint applications of a network. Each
//! handler calls one use case of [`Funding`], which asks the policy:
//! coordinators of the network and admins write calls, everyone who sees
//! the network reads them; applications are read and written as
//! `knotenpunkt_app::funding` says.

use axum::Json;
use axum::extract::rejection::QueryRejection;
use axum::extract::{Path, Query};
use axum::http::{StatusCode, header};
use axum::response::IntoResponse;
use knotenpunkt_app::funding::Funding;
use knotenpunkt_domain::{
    ApplicationRecord, ApplicationTask, FundingCall, JointApplication, Slug, TaskRecord,
};
use serde::Deserialize;
use utoipa::IntoParams;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::extract::ApiJson;
use super::params::{Listing, page, path_id, path_slug, query};
use super::problem::ApiResult;
use crate::AppState;
use crate::auth::{SignedIn, Use};

const NOT_FOUND: &str = "No such network or funding call, or the network is not one you may see";

pub(super) fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list, create))
        .routes(routes!(get_one, update, delete))
        .routes(routes!(list_applications, create_application))
        .routes(routes!(
            get_application,
            update_application,
            delete_application
        ))
        .routes(routes!(create_task))
        .routes(routes!(update_task, delete_task))
}

/// Which calls, and paging.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub(super) struct CallQuery {
    /// Also calls whose deadline has passed (default: only those still
    /// open today, Europe/Berlin).
    #[param(default = false)]
    past: Option<bool>,
    /// How many items at most (1–500, default 50).
    #[param(minimum = 1, maximum = 500, default = 50)]
    limit: Option<u64>,
    /// How many items to skip (default 0).
    #[param(minimum = 0, maximum = 9223372036854775807_u64, default = 0)]
    offset: Option<u64>,
}

#[utoipa::path(get, path = "/networks/{network}/funding-calls", tag = "funding", operation_id = "list_funding_calls",
    params(("network" = Slug, Path, description = "The network's slug", example = "ikone-ds"), CallQuery),
    responses((status = 200, body = Listing<FundingCall>, description = "The calls by deadline, the earliest first"),
        (status = 400, description = "A query parameter is not valid"),
        (status = 404, description = "No network with this slug, or none you may see")))]
async fn list(
    Use(f): Use<Funding>,
    Path(network): Path<String>,
    q: Result<Query<CallQuery>, QueryRejection>,
) -> ApiResult<Json<Listing<FundingCall>>> {
    let q = query(q)?;
    let page = page(q.limit, q.offset)?;
    let network = path_slug(&network, "network")?;
    let calls = f.calls(&network, q.past.unwrap_or(false)).await?;
    Ok(Json(Listing::slice(calls, page)))
}

#[utoipa::path(get, path = "/networks/{network}/funding-calls/{slug}", tag = "funding", operation_id = "get_funding_call",
    params(("network" = Slug, Path, description = "The network's slug", example = "ikone-ds"), ("slug" = Slug, Path, description = "The call's slug", example = "digitale-doerfer-2027")),
    responses((status = 200, body = FundingCall), (status = 404, description = NOT_FOUND)))]
async fn get_one(
    Use(f): Use<Funding>,
    Path((network, slug)): Path<(String, String)>,
) -> ApiResult<Json<FundingCall>> {
    let network = path_slug(&network, "network")?;
    let slug = path_slug(&slug, "funding call")?;
    Ok(Json(f.call(&network, &slug).await?))
}

#[utoipa::path(post, path = "/networks/{network}/funding-calls", tag = "funding", operation_id = "create_funding_call",
    params(("network" = Slug, Path, description = "The network's slug", example = "ikone-ds")),
    request_body = FundingCall, security(("api_token" = [])),
    responses((status = 201, body = FundingCall, headers(("Location" = String, description = "The new call's address"))),
        (status = 404, description = "No network with this slug, or none you may see"),
        (status = 409, description = "The network has a funding call with this slug already"),
        (status = 422, description = "The body breaks a rule, or names another network than the address")))]
async fn create(
    Use(f): Use<Funding>,
    SignedIn(_): SignedIn,
    Path(network): Path<String>,
    ApiJson(call): ApiJson<FundingCall>,
) -> ApiResult<impl IntoResponse> {
    f.create_call(&path_slug(&network, "network")?, &call)
        .await?;
    let location = format!(
        "/api/v1/networks/{}/funding-calls/{}",
        call.network, call.slug
    );
    Ok((
        StatusCode::CREATED,
        [(header::LOCATION, location)],
        Json(call),
    ))
}

#[utoipa::path(put, path = "/networks/{network}/funding-calls/{slug}", tag = "funding", operation_id = "update_funding_call",
    params(("network" = Slug, Path, description = "The network's slug", example = "ikone-ds"), ("slug" = Slug, Path, description = "The call's current slug", example = "digitale-doerfer-2027")),
    request_body = FundingCall, security(("api_token" = [])),
    responses((status = 200, body = FundingCall), (status = 404, description = NOT_FOUND),
        (status = 409, description = "The network has another funding call with the new slug"),
        (status = 422, description = "The body breaks a rule, or names another network than the address")))]
async fn update(
    Use(f): Use<Funding>,
    SignedIn(_): SignedIn,
    Path((network, slug)): Path<(String, String)>,
    ApiJson(call): ApiJson<FundingCall>,
) -> ApiResult<Json<FundingCall>> {
    let network = path_slug(&network, "network")?;
    let slug = path_slug(&slug, "funding call")?;
    f.update_call(&network, &slug, &call).await?;
    Ok(Json(call))
}

#[utoipa::path(delete, path = "/networks/{network}/funding-calls/{slug}", tag = "funding", operation_id = "delete_funding_call",
    params(("network" = Slug, Path, description = "The network's slug", example = "ikone-ds"), ("slug" = Slug, Path, description = "The call's slug", example = "digitale-doerfer-2027")),
    security(("api_token" = [])),
    responses((status = 204, description = "Deleted"), (status = 404, description = NOT_FOUND)))]
async fn delete(
    Use(f): Use<Funding>,
    SignedIn(_): SignedIn,
    Path((network, slug)): Path<(String, String)>,
) -> ApiResult<StatusCode> {
    let network = path_slug(&network, "network")?;
    let slug = path_slug(&slug, "funding call")?;
    f.delete_call(&network, &slug).await?;
    Ok(StatusCode::NO_CONTENT)
}

// Joint applications and their tasks. Reading needs the application's
// visibility (the network or a group of it); writing, the lead's people or
// the network's coordinators, and for a task also the people of the
// organisation that takes it on.

const APPLICATION_NOT_FOUND: &str = "No such network or application, or not one you may see";
const TASK_NOT_FOUND: &str = "No such network, application or task, or not one you may see";

/// Paging of a list.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub(super) struct PageQuery {
    /// How many items at most (1–500, default 50).
    #[param(minimum = 1, maximum = 500, default = 50)]
    limit: Option<u64>,
    /// How many items to skip (default 0).
    #[param(minimum = 0, maximum = 9223372036854775807_u64, default = 0)]
    offset: Option<u64>,
}

#[utoipa::path(get, path = "/networks/{network}/applications", tag = "funding", operation_id = "list_applications",
    params(("network" = Slug, Path, description = "The network's slug", example = "ikone-ds"), PageQuery),
    responses((status = 200, body = Listing<ApplicationRecord>, description = "The applications you may see, the most recently moved first"),
        (status = 400, description = "A query parameter is not valid"),
        (status = 404, description = "No network with this slug, or none you may see")))]
async fn list_applications(
    Use(f): Use<Funding>,
    Path(network): Path<String>,
    q: Result<Query<PageQuery>, QueryRejection>,
) -> ApiResult<Json<Listing<ApplicationRecord>>> {
    let q = query(q)?;
    let page = page(q.limit, q.offset)?;
    let network = path_slug(&network, "network")?;
    Ok(Json(Listing::slice(f.applications(&network).await?, page)))
}

#[utoipa::path(get, path = "/networks/{network}/applications/{slug}", tag = "funding", operation_id = "get_application",
    params(("network" = Slug, Path, description = "The network's slug", example = "ikone-ds"), ("slug" = Slug, Path, description = "The application's slug", example = "datenplattform")),
    responses((status = 200, body = ApplicationRecord), (status = 404, description = APPLICATION_NOT_FOUND)))]
async fn get_application(
    Use(f): Use<Funding>,
    Path((network, slug)): Path<(String, String)>,
) -> ApiResult<Json<ApplicationRecord>> {
    let network = path_slug(&network, "network")?;
    let slug = path_slug(&slug, "application")?;
    Ok(Json(f.application(&network, &slug).await?))
}

#[utoipa::path(post, path = "/networks/{network}/applications", tag = "funding", operation_id = "create_application",
    params(("network" = Slug, Path, description = "The network's slug", example = "ikone-ds")),
    request_body = JointApplication, security(("api_token" = [])),
    responses((status = 201, body = ApplicationRecord, headers(("Location" = String, description = "The new application's address"))),
        (status = 404, description = "No network with this slug, or none you may see"),
        (status = 409, description = "The network has an application with this slug already"),
        (status = 422, description = "The body breaks a rule, names an unknown organisation, call, cooperation or group, or another network than the address")))]
async fn create_application(
    Use(f): Use<Funding>,
    SignedIn(_): SignedIn,
    Path(network): Path<String>,
    ApiJson(a): ApiJson<JointApplication>,
) -> ApiResult<impl IntoResponse> {
    let network = path_slug(&network, "network")?;
    f.create_application(&network, &a).await?;
    let stored = f.application(&network, &a.slug).await?;
    let location = format!("/api/v1/networks/{network}/applications/{}", a.slug);
    Ok((
        StatusCode::CREATED,
        [(header::LOCATION, location)],
        Json(stored),
    ))
}

#[utoipa::path(put, path = "/networks/{network}/applications/{slug}", tag = "funding", operation_id = "update_application",
    params(("network" = Slug, Path, description = "The network's slug", example = "ikone-ds"), ("slug" = Slug, Path, description = "The application's slug", example = "datenplattform")),
    request_body = JointApplication, security(("api_token" = [])),
    responses((status = 200, body = ApplicationRecord, description = "As stored; a new status has been added to the history"),
        (status = 404, description = APPLICATION_NOT_FOUND),
        (status = 422, description = "The body breaks a rule (a status that cannot follow the current one, a day before the last step or in the future), or names something unknown")))]
async fn update_application(
    Use(f): Use<Funding>,
    SignedIn(_): SignedIn,
    Path((network, slug)): Path<(String, String)>,
    ApiJson(a): ApiJson<JointApplication>,
) -> ApiResult<Json<ApplicationRecord>> {
    let network = path_slug(&network, "network")?;
    let slug = path_slug(&slug, "application")?;
    f.update_application(&network, &slug, &a).await?;
    Ok(Json(f.application(&network, &slug).await?))
}

#[utoipa::path(delete, path = "/networks/{network}/applications/{slug}", tag = "funding", operation_id = "delete_application",
    params(("network" = Slug, Path, description = "The network's slug", example = "ikone-ds"), ("slug" = Slug, Path, description = "The application's slug", example = "datenplattform")),
    security(("api_token" = [])),
    responses((status = 204, description = "Deleted, with its history and tasks"), (status = 404, description = APPLICATION_NOT_FOUND)))]
async fn delete_application(
    Use(f): Use<Funding>,
    SignedIn(_): SignedIn,
    Path((network, slug)): Path<(String, String)>,
) -> ApiResult<StatusCode> {
    let network = path_slug(&network, "network")?;
    let slug = path_slug(&slug, "application")?;
    f.delete_application(&network, &slug).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[utoipa::path(post, path = "/networks/{network}/applications/{slug}/tasks", tag = "funding", operation_id = "create_application_task",
    params(("network" = Slug, Path, description = "The network's slug", example = "ikone-ds"), ("slug" = Slug, Path, description = "The application's slug", example = "datenplattform")),
    request_body = ApplicationTask, security(("api_token" = [])),
    responses((status = 201, body = TaskRecord, headers(("Location" = String, description = "The new task's address"))),
        (status = 404, description = APPLICATION_NOT_FOUND),
        (status = 422, description = "The body breaks a rule, or names an organisation that takes no part")))]
async fn create_task(
    Use(f): Use<Funding>,
    SignedIn(_): SignedIn,
    Path((network, slug)): Path<(String, String)>,
    ApiJson(task): ApiJson<ApplicationTask>,
) -> ApiResult<impl IntoResponse> {
    let network = path_slug(&network, "network")?;
    let slug = path_slug(&slug, "application")?;
    let id = f.add_task(&network, &slug, &task).await?;
    let location = format!("/api/v1/networks/{network}/applications/{slug}/tasks/{id}");
    Ok((
        StatusCode::CREATED,
        [(header::LOCATION, location)],
        Json(TaskRecord::new(id, task)),
    ))
}

#[utoipa::path(put, path = "/networks/{network}/applications/{slug}/tasks/{task}", tag = "funding", operation_id = "update_application_task",
    params(("network" = Slug, Path, description = "The network's slug", example = "ikone-ds"), ("slug" = Slug, Path, description = "The application's slug", example = "datenplattform"), ("task" = i64, Path, description = "The task's id")),
    request_body = ApplicationTask, security(("api_token" = [])),
    responses((status = 200, body = TaskRecord), (status = 404, description = TASK_NOT_FOUND),
        (status = 422, description = "The body breaks a rule, or names an organisation that takes no part")))]
async fn update_task(
    Use(f): Use<Funding>,
    SignedIn(_): SignedIn,
    Path((network, slug, id)): Path<(String, String, String)>,
    ApiJson(task): ApiJson<ApplicationTask>,
) -> ApiResult<Json<TaskRecord>> {
    let network = path_slug(&network, "network")?;
    let slug = path_slug(&slug, "application")?;
    let id = path_id(&id)?;
    f.update_task(&network, &slug, id, &task).await?;
    Ok(Json(TaskRecord::new(id, task)))
}

#[utoipa::path(delete, path = "/networks/{network}/applications/{slug}/tasks/{task}", tag = "funding", operation_id = "delete_application_task",
    params(("network" = Slug, Path, description = "The network's slug", example = "ikone-ds"), ("slug" = Slug, Path, description = "The application's slug", example = "datenplattform"), ("task" = i64, Path, description = "The task's id")),
    security(("api_token" = [])),
    responses((status = 204, description = "Deleted"), (status = 404, description = TASK_NOT_FOUND)))]
async fn delete_task(
    Use(f): Use<Funding>,
    SignedIn(_): SignedIn,
    Path((network, slug, id)): Path<(String, String, String)>,
) -> ApiResult<StatusCode> {
    let network = path_slug(&network, "network")?;
    let slug = path_slug(&slug, "application")?;
    f.delete_task(&network, &slug, path_id(&id)?).await?;
    Ok(StatusCode::NO_CONTENT)
}
