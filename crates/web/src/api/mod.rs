//! The JSON API under `/api/v1`, described by `/api/openapi.json`.
//!
//! Reads answer what the caller may see; writes need a personal API token
//! (`Authorization: Bearer kp_…`, scope `write`) or a browser session with
//! its form token, and the policy's yes (see [`crate::auth`]).
//! Entities are addressed by slug where they have one and by id otherwise.
//! The OpenAPI document is generated from the handlers' annotations, so a
//! route cannot exist without its description.

mod cohorts;
mod cooperations;
mod doc;
mod events;
pub mod extract;
mod funding;
mod groups;
mod knowledge;
mod lounge;
mod memberships;
mod networks;
mod organizations;
mod params;
pub mod problem;
mod reminders;
mod search;
mod series;
mod working_groups;

use axum::routing::get;
use axum::{Json, Router};
use utoipa::OpenApi;
use utoipa_axum::router::OpenApiRouter;

use crate::AppState;
use doc::ApiDoc;
use problem::Problem;

pub use params::Listing;

/// The API's routes together with their OpenAPI description.
fn openapi_router() -> OpenApiRouter<AppState> {
    OpenApiRouter::with_openapi(ApiDoc::openapi()).nest(
        "/api/v1",
        OpenApiRouter::new()
            .merge(organizations::routes())
            .merge(networks::routes())
            .merge(cohorts::routes())
            .merge(funding::routes())
            .merge(events::routes())
            .merge(memberships::routes())
            .merge(cooperations::routes())
            .merge(series::routes())
            .merge(groups::routes())
            .merge(reminders::routes())
            .merge(working_groups::routes())
            .merge(lounge::routes())
            .merge(knowledge::routes())
            .merge(search::routes()),
    )
}

/// The routes and the finished document: the answers every route shares
/// are added once the routes are all in it.
fn parts() -> (Router<AppState>, utoipa::openapi::OpenApi) {
    let (router, mut doc) = openapi_router().split_for_parts();
    doc::complete(&mut doc);
    (router, doc)
}

/// The OpenAPI 3.1 document of every API route.
pub fn openapi() -> utoipa::openapi::OpenApi {
    parts().1
}

/// The API routes, plus `/api/openapi.json`.
pub fn router() -> Router<AppState> {
    let (router, doc) = parts();
    let doc = std::sync::Arc::new(doc);
    router
        .route(
            "/api/openapi.json",
            get(move || async move { Json(doc.as_ref().clone()) }),
        )
        .route(
            "/api/{*rest}",
            get(api_not_found)
                .post(api_not_found)
                .put(api_not_found)
                .delete(api_not_found),
        )
}

async fn api_not_found() -> Problem {
    Problem::not_found("there is no API route at this address; see /api/openapi.json")
}
