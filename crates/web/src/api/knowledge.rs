//! Projects and experiences (lessons learned), and the comments and
//! follow-up questions on experiences. Each handler calls one use case of
//! [`Knowledge`], which asks the policy: an experience shared with a network
//! does not exist for anyone outside it.

use axum::Json;
use axum::extract::rejection::QueryRejection;
use axum::extract::{Path, Query};
use axum::http::{StatusCode, header};
use axum::response::IntoResponse;
use knotenpunkt_app::{
    ExperienceFilter, ExperienceSummary, ExperienceView, Knowledge, ProjectFilter, ProjectSummary,
    ProjectView,
};
use knotenpunkt_domain::{Experience, FieldOfAction, Outcome, Project, ProjectStatus, Slug};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::extract::ApiJson;
use super::params::{Listing, page, parse_param, path_id, path_slug, query};
use super::problem::ApiResult;
use crate::AppState;
use crate::auth::{SignedIn, Use};

const PROJECT_NOT_FOUND: &str = "No such project, or none you may see";
const EXPERIENCE_NOT_FOUND: &str = "No such experience, or none you may see";

pub(super) fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_projects, create_project))
        .routes(routes!(get_project, update_project, delete_project))
        .routes(routes!(list_experiences, create_experience))
        .routes(routes!(
            get_experience,
            update_experience,
            delete_experience
        ))
        .routes(routes!(add_comment))
}

/// Filters and paging of the project list.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub(super) struct ProjectQuery {
    /// Only projects of (or with) this organisation (slug).
    #[param(value_type = Option<Slug>)]
    organization: Option<String>,
    /// Only projects in this field of action.
    #[param(value_type = Option<FieldOfAction>, example = "mobility")]
    topic: Option<String>,
    /// Only projects with this status.
    #[param(value_type = Option<ProjectStatus>)]
    status: Option<String>,
    /// How many items at most (1–500, default 50).
    #[param(minimum = 1, maximum = 500, default = 50)]
    limit: Option<u64>,
    /// How many items to skip (default 0).
    #[param(minimum = 0, maximum = 9223372036854775807_u64, default = 0)]
    offset: Option<u64>,
}

/// Filters and paging of the experience list.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub(super) struct ExperienceQuery {
    /// Only experiences of this organisation (slug).
    #[param(value_type = Option<Slug>)]
    organization: Option<String>,
    /// Only experiences in this field of action.
    #[param(value_type = Option<FieldOfAction>, example = "mobility")]
    topic: Option<String>,
    /// Only experiences with this outcome.
    #[param(value_type = Option<Outcome>)]
    outcome: Option<String>,
    /// How many items at most (1–500, default 50).
    #[param(minimum = 1, maximum = 500, default = 50)]
    limit: Option<u64>,
    /// How many items to skip (default 0).
    #[param(minimum = 0, maximum = 9223372036854775807_u64, default = 0)]
    offset: Option<u64>,
}

/// A comment, or a follow-up question to the experience's authors.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(super) struct CommentIn {
    /// The text.
    #[schema(
        min_length = 1,
        max_length = 20000,
        example = "Wie habt ihr die Akzeptanz gemessen?"
    )]
    text: String,
    /// A question to the authors (they are told by mail either way).
    #[serde(default)]
    question: bool,
}

/// What was created, with its address.
#[derive(Debug, Serialize, ToSchema)]
pub(super) struct Created {
    /// The new entry's key (a project's slug, an experience's or comment's id).
    key: String,
    /// Its page.
    url: String,
}

/// A filter from the query string: absent is no filter; present, it must
/// be a valid value (an empty one too is refused, as the document says).
fn filter<T: std::str::FromStr<Err = String>>(
    field: &str,
    v: Option<&str>,
) -> Result<Option<T>, super::problem::Problem> {
    match v {
        Some("") => Err(super::problem::Problem::bad_request(
            field,
            "must not be empty; leave the parameter out for no filter",
        )),
        other => parse_param(field, other),
    }
}

#[utoipa::path(get, path = "/projects", tag = "knowledge", operation_id = "list_projects",
    params(ProjectQuery),
    responses((status = 200, body = Listing<ProjectSummary>), (status = 400, description = "A query parameter is not valid")))]
async fn list_projects(
    Use(k): Use<Knowledge>,
    q: Result<Query<ProjectQuery>, QueryRejection>,
) -> ApiResult<Json<Listing<ProjectSummary>>> {
    let q = query(q)?;
    let page = page(q.limit, q.offset)?;
    let filter = ProjectFilter {
        organization: filter("organization", q.organization.as_deref())?,
        topic: filter("topic", q.topic.as_deref())?,
        status: filter("status", q.status.as_deref())?,
    };
    Ok(Json(Listing::slice(k.projects(&filter).await?, page)))
}

#[utoipa::path(get, path = "/projects/{slug}", tag = "knowledge", operation_id = "get_project",
    params(("slug" = Slug, Path, description = "The project's slug", example = "smart-city-living-lab")),
    responses((status = 200, body = ProjectView), (status = 404, description = PROJECT_NOT_FOUND)))]
async fn get_project(
    Use(k): Use<Knowledge>,
    Path(slug): Path<String>,
) -> ApiResult<Json<ProjectView>> {
    let slug = path_slug(&slug, "project")?;
    Ok(Json(k.project(&slug).await?))
}

#[utoipa::path(post, path = "/projects", tag = "knowledge", operation_id = "create_project",
    request_body = Project, security(("api_token" = [])),
    responses((status = 201, body = Created, headers(("Location" = String, description = "The new project's address"))),
        (status = 409, description = "There is a project with this slug already"),
        (status = 422, description = "The body breaks a rule or names an organisation, partner or network that does not exist")))]
async fn create_project(
    Use(k): Use<Knowledge>,
    SignedIn(_): SignedIn,
    ApiJson(p): ApiJson<Project>,
) -> ApiResult<impl IntoResponse> {
    let slug = k.create_project(&p).await?;
    let location = format!("/api/v1/projects/{slug}");
    Ok((
        StatusCode::CREATED,
        [(header::LOCATION, location)],
        Json(Created {
            url: format!("/projekte/{slug}"),
            key: slug.to_string(),
        }),
    ))
}

#[utoipa::path(put, path = "/projects/{slug}", tag = "knowledge", operation_id = "update_project",
    params(("slug" = Slug, Path, description = "The project's current slug", example = "smart-city-living-lab")),
    request_body = Project, security(("api_token" = [])),
    responses((status = 200, body = Created), (status = 404, description = PROJECT_NOT_FOUND),
        (status = 409, description = "Another project has the new slug"),
        (status = 422, description = "The body breaks a rule")))]
async fn update_project(
    Use(k): Use<Knowledge>,
    SignedIn(_): SignedIn,
    Path(slug): Path<String>,
    ApiJson(p): ApiJson<Project>,
) -> ApiResult<Json<Created>> {
    let slug = path_slug(&slug, "project")?;
    let slug = k.update_project(&slug, &p).await?;
    Ok(Json(Created {
        url: format!("/projekte/{slug}"),
        key: slug.to_string(),
    }))
}

#[utoipa::path(delete, path = "/projects/{slug}", tag = "knowledge", operation_id = "delete_project",
    params(("slug" = Slug, Path, description = "The project's slug", example = "smart-city-living-lab")),
    security(("api_token" = [])),
    responses((status = 204, description = "Deleted; its experiences stay, without a project"), (status = 404, description = PROJECT_NOT_FOUND)))]
async fn delete_project(
    Use(k): Use<Knowledge>,
    SignedIn(_): SignedIn,
    Path(slug): Path<String>,
) -> ApiResult<StatusCode> {
    let slug = path_slug(&slug, "project")?;
    k.delete_project(&slug).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[utoipa::path(get, path = "/experiences", tag = "knowledge", operation_id = "list_experiences",
    params(ExperienceQuery),
    responses((status = 200, body = Listing<ExperienceSummary>), (status = 400, description = "A query parameter is not valid")))]
async fn list_experiences(
    Use(k): Use<Knowledge>,
    q: Result<Query<ExperienceQuery>, QueryRejection>,
) -> ApiResult<Json<Listing<ExperienceSummary>>> {
    let q = query(q)?;
    let page = page(q.limit, q.offset)?;
    let filter = ExperienceFilter {
        organization: filter("organization", q.organization.as_deref())?,
        topic: filter("topic", q.topic.as_deref())?,
        outcome: filter("outcome", q.outcome.as_deref())?,
    };
    Ok(Json(Listing::slice(k.experiences(&filter).await?, page)))
}

#[utoipa::path(get, path = "/experiences/{id}", tag = "knowledge", operation_id = "get_experience",
    params(("id" = i64, Path, description = "The experience's id")),
    responses((status = 200, body = ExperienceView), (status = 404, description = EXPERIENCE_NOT_FOUND)))]
async fn get_experience(
    Use(k): Use<Knowledge>,
    Path(id): Path<String>,
) -> ApiResult<Json<ExperienceView>> {
    Ok(Json(k.experience(path_id(&id)?).await?))
}

#[utoipa::path(post, path = "/experiences", tag = "knowledge", operation_id = "create_experience",
    request_body = Experience, security(("api_token" = [])),
    responses((status = 201, body = Created, headers(("Location" = String, description = "The new experience's address"))),
        (status = 422, description = "The body breaks a rule or names an organisation, project, network or group that does not exist")))]
async fn create_experience(
    Use(k): Use<Knowledge>,
    SignedIn(_): SignedIn,
    ApiJson(e): ApiJson<Experience>,
) -> ApiResult<impl IntoResponse> {
    let id = k.create_experience(&e).await?;
    Ok((
        StatusCode::CREATED,
        [(header::LOCATION, format!("/api/v1/experiences/{id}"))],
        Json(Created {
            key: id.to_string(),
            url: format!("/erfahrungen/{id}"),
        }),
    ))
}

#[utoipa::path(put, path = "/experiences/{id}", tag = "knowledge", operation_id = "update_experience",
    params(("id" = i64, Path, description = "The experience's id")),
    request_body = Experience, security(("api_token" = [])),
    responses((status = 200, body = Created), (status = 404, description = EXPERIENCE_NOT_FOUND),
        (status = 422, description = "The body breaks a rule")))]
async fn update_experience(
    Use(k): Use<Knowledge>,
    SignedIn(_): SignedIn,
    Path(id): Path<String>,
    ApiJson(e): ApiJson<Experience>,
) -> ApiResult<Json<Created>> {
    let id = path_id(&id)?;
    k.update_experience(id, &e).await?;
    Ok(Json(Created {
        key: id.to_string(),
        url: format!("/erfahrungen/{id}"),
    }))
}

#[utoipa::path(delete, path = "/experiences/{id}", tag = "knowledge", operation_id = "delete_experience",
    params(("id" = i64, Path, description = "The experience's id")),
    security(("api_token" = [])),
    responses((status = 204, description = "Deleted with its comments"), (status = 404, description = EXPERIENCE_NOT_FOUND)))]
async fn delete_experience(
    Use(k): Use<Knowledge>,
    SignedIn(_): SignedIn,
    Path(id): Path<String>,
) -> ApiResult<StatusCode> {
    k.delete_experience(path_id(&id)?).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[utoipa::path(post, path = "/experiences/{id}/comments", tag = "knowledge", operation_id = "add_comment",
    params(("id" = i64, Path, description = "The experience's id")),
    request_body = CommentIn, security(("api_token" = [])),
    responses((status = 201, body = Created), (status = 404, description = EXPERIENCE_NOT_FOUND),
        (status = 422, description = "The text is empty or too long")))]
async fn add_comment(
    Use(k): Use<Knowledge>,
    SignedIn(_): SignedIn,
    Path(id): Path<String>,
    ApiJson(c): ApiJson<CommentIn>,
) -> ApiResult<impl IntoResponse> {
    let id = path_id(&id)?;
    let comment = k.comment(id, &c.text, c.question).await?;
    Ok((
        StatusCode::CREATED,
        Json(Created {
            key: comment.to_string(),
            url: format!("/erfahrungen/{id}#kommentar-{comment}"),
        }),
    ))
}
