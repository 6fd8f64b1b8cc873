//! One's own reminder mails: which kinds come (`/konto`'s choices).

use axum::Json;
use knotenpunkt_app::reminders::{ReminderKind, ReminderSetting, Reminders};
use serde::Deserialize;
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::extract::ApiJson;
use super::problem::ApiResult;
use crate::AppState;
use crate::auth::{SignedIn, Use};

pub(super) fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(get, put))
}

/// The kinds of reminder to receive; every kind not named is turned off.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
struct ReminderChoice {
    /// The kinds that come: `host`, `agenda`, `events`, `deadlines`.
    on: Vec<ReminderKind>,
}

#[utoipa::path(get, path = "/me/reminders", tag = "account", operation_id = "get_reminders",
    security(("api_token" = [])),
    responses((status = 200, body = Vec<ReminderSetting>, description = "Every kind and whether its mails come")))]
async fn get(
    Use(r): Use<Reminders>,
    SignedIn(_): SignedIn,
) -> ApiResult<Json<Vec<ReminderSetting>>> {
    Ok(Json(r.settings().await?))
}

#[utoipa::path(put, path = "/me/reminders", tag = "account", operation_id = "put_reminders",
    request_body = ReminderChoice, security(("api_token" = [])),
    responses((status = 200, body = Vec<ReminderSetting>, description = "The choices as they are now"),
        (status = 403, description = "A read-only token")))]
async fn put(
    Use(r): Use<Reminders>,
    SignedIn(_): SignedIn,
    ApiJson(body): ApiJson<ReminderChoice>,
) -> ApiResult<Json<Vec<ReminderSetting>>> {
    Ok(Json(r.set_settings(&body.on).await?))
}
