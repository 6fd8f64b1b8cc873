//! Events of a network and their registrations. Each handler calls one use
//! case of [`Events`], which asks the policy: the network's coordinators
//! organise, whoever may see an event registers themselves.

use axum::Json;
use axum::extract::rejection::QueryRejection;
use axum::extract::{Path, Query};
use axum::http::{StatusCode, header};
use axum::response::IntoResponse;
use knotenpunkt_app::events::{EventSummary, EventView, Events, RegistrationView};
use knotenpunkt_domain::{Event, RegistrationRequest, Slug};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::extract::ApiJson;
use super::params::{Listing, page, path_id, path_slug, query};
use super::problem::ApiResult;
use crate::AppState;
use crate::auth::{SignedIn, Use};

const NOT_FOUND: &str = "No such event, or not one you may see";

/// Seats change with every registration, which raises no change counter:
/// answers with numbers are never kept by the page cache, nor by anyone
/// between us and the reader.
const FRESH: [(header::HeaderName, &str); 1] = [(header::CACHE_CONTROL, "no-store")];

pub(super) fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list, create))
        .routes(routes!(get_one, update, delete))
        .routes(routes!(set_closed))
        .routes(routes!(register))
        .routes(routes!(cancel))
}

/// Which events, and paging.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub(super) struct EventQuery {
    /// Also events that have ended (default: only those still to come or
    /// under way).
    #[param(default = false)]
    past: Option<bool>,
    /// How many items at most (1–500, default 50).
    #[param(minimum = 1, maximum = 500, default = 50)]
    limit: Option<u64>,
    /// How many items to skip (default 0).
    #[param(minimum = 0, maximum = 9223372036854775807_u64, default = 0)]
    offset: Option<u64>,
}

/// Where a new event lives.
#[derive(Debug, Serialize, ToSchema)]
pub(super) struct CreatedEvent {
    /// Its id.
    id: i64,
    /// Its page.
    url: String,
}

/// Registration open or closed.
#[derive(Debug, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(super) struct Closed {
    /// `true` closes registration, `false` opens it again.
    closed: bool,
}

#[utoipa::path(get, path = "/networks/{network}/events", tag = "events", operation_id = "list_events",
    params(("network" = Slug, Path, description = "The network's slug", example = "ikone-ds"), EventQuery),
    responses((status = 200, body = Listing<EventSummary>, description = "The events you may see, by start"),
        (status = 400, description = "A query parameter is not valid"),
        (status = 404, description = "No network with this slug, or none you may see")))]
async fn list(
    Use(ev): Use<Events>,
    Path(network): Path<String>,
    q: Result<Query<EventQuery>, QueryRejection>,
) -> ApiResult<impl IntoResponse> {
    let q = query(q)?;
    let page = page(q.limit, q.offset)?;
    let network = path_slug(&network, "network")?;
    let all = ev.events(&network, q.past.unwrap_or(false)).await?;
    Ok((FRESH, Json(Listing::slice(all, page))))
}

#[utoipa::path(post, path = "/networks/{network}/events", tag = "events", operation_id = "create_event",
    params(("network" = Slug, Path, description = "The network's slug", example = "ikone-ds")),
    request_body = Event, security(("api_token" = [])),
    responses((status = 201, body = CreatedEvent, headers(("Location" = String, description = "The new event's address"))),
        (status = 404, description = "No network with this slug, or none you may see"),
        (status = 422, description = "The body breaks a rule, or names another network than the address")))]
async fn create(
    Use(ev): Use<Events>,
    SignedIn(_): SignedIn,
    Path(network): Path<String>,
    ApiJson(e): ApiJson<Event>,
) -> ApiResult<impl IntoResponse> {
    let network = path_slug(&network, "network")?;
    if e.network != network {
        return Err(
            knotenpunkt_app::AppError::Invalid(vec![knotenpunkt_domain::FieldError::new(
                "network",
                format!("must be '{network}' as in the address"),
            )])
            .into(),
        );
    }
    let id = ev.create_event(&e).await?;
    Ok((
        StatusCode::CREATED,
        [(header::LOCATION, format!("/api/v1/events/{id}"))],
        Json(CreatedEvent {
            id,
            url: format!("/veranstaltungen/{id}"),
        }),
    ))
}

#[utoipa::path(get, path = "/events/{id}", tag = "events", operation_id = "get_event",
    params(("id" = i64, Path, description = "The event's id")),
    responses((status = 200, body = EventView, description = "Capacity, seats taken and waiting; for organisers every registration with its status and waiting position"),
        (status = 404, description = NOT_FOUND)))]
async fn get_one(Use(ev): Use<Events>, Path(id): Path<String>) -> ApiResult<impl IntoResponse> {
    Ok((FRESH, Json(ev.event(path_id(&id)?).await?)))
}

#[utoipa::path(put, path = "/events/{id}", tag = "events", operation_id = "update_event",
    params(("id" = i64, Path, description = "The event's id")),
    request_body = Event, security(("api_token" = [])),
    responses((status = 200, body = EventView), (status = 404, description = NOT_FOUND),
        (status = 409, description = "Fewer seats than are taken"),
        (status = 422, description = "The body breaks a rule")))]
async fn update(
    Use(ev): Use<Events>,
    SignedIn(_): SignedIn,
    Path(id): Path<String>,
    ApiJson(e): ApiJson<Event>,
) -> ApiResult<Json<EventView>> {
    let id = path_id(&id)?;
    ev.update_event(id, &e).await?;
    Ok(Json(ev.event(id).await?))
}

#[utoipa::path(delete, path = "/events/{id}", tag = "events", operation_id = "delete_event",
    params(("id" = i64, Path, description = "The event's id")),
    security(("api_token" = [])),
    responses((status = 204, description = "Deleted with its registrations"), (status = 404, description = NOT_FOUND)))]
async fn delete(
    Use(ev): Use<Events>,
    SignedIn(_): SignedIn,
    Path(id): Path<String>,
) -> ApiResult<StatusCode> {
    ev.delete_event(path_id(&id)?).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[utoipa::path(put, path = "/events/{id}/closed", tag = "events", operation_id = "set_event_closed",
    params(("id" = i64, Path, description = "The event's id")),
    request_body = Closed, security(("api_token" = [])),
    responses((status = 200, body = Closed), (status = 404, description = NOT_FOUND)))]
async fn set_closed(
    Use(ev): Use<Events>,
    SignedIn(_): SignedIn,
    Path(id): Path<String>,
    ApiJson(c): ApiJson<Closed>,
) -> ApiResult<Json<Closed>> {
    ev.set_closed(path_id(&id)?, c.closed).await?;
    Ok(Json(c))
}

#[utoipa::path(post, path = "/events/{id}/registrations", tag = "events", operation_id = "create_registration",
    params(("id" = i64, Path, description = "The event's id")),
    request_body = RegistrationRequest, security(("api_token" = [])),
    responses((status = 201, body = RegistrationView, description = "Seated, or on the waiting list with its position", headers(("Location" = String, description = "The registration's address"))),
        (status = 404, description = NOT_FOUND),
        (status = 409, description = "Registration is closed or over, or the address is registered already"),
        (status = 422, description = "The body breaks a rule")))]
async fn register(
    Use(ev): Use<Events>,
    SignedIn(_): SignedIn,
    Path(id): Path<String>,
    ApiJson(req): ApiJson<RegistrationRequest>,
) -> ApiResult<impl IntoResponse> {
    let id = path_id(&id)?;
    let r = ev.register(id, &req).await?;
    Ok((
        StatusCode::CREATED,
        [(
            header::LOCATION,
            format!("/api/v1/events/{id}/registrations/{}", r.id),
        )],
        Json(r),
    ))
}

#[utoipa::path(delete, path = "/events/{id}/registrations/{registration}", tag = "events", operation_id = "cancel_registration",
    params(("id" = i64, Path, description = "The event's id"), ("registration" = i64, Path, description = "The registration's id")),
    security(("api_token" = [])),
    responses((status = 204, description = "Cancelled; a freed seat went to the first on the waiting list, who was told by mail"),
        (status = 404, description = "No such event or registration, or not one you may see")))]
async fn cancel(
    Use(ev): Use<Events>,
    SignedIn(_): SignedIn,
    Path((id, registration)): Path<(String, String)>,
) -> ApiResult<StatusCode> {
    ev.cancel(path_id(&id)?, path_id(&registration)?).await?;
    Ok(StatusCode::NO_CONTENT)
}
