//! Named groups of a network, the third kind of visibility
//! (`group:<slug>`): coordinators name who is in them.

use axum::Json;
use axum::extract::Path;
use knotenpunkt_app::{Administration, GroupView};
use knotenpunkt_domain::Slug;
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
        .routes(routes!(put))
}

#[utoipa::path(get, path = "/networks/{network}/groups", tag = "groups", operation_id = "list_groups",
    params(("network" = Slug, Path, description = "The network's slug", example = "ikone-ds")),
    security(("api_token" = [])),
    responses((status = 200, body = Vec<GroupView>), (status = 404, description = "No network with this slug, or none you may see")))]
async fn list(
    Use(admin): Use<Administration>,
    SignedIn(_): SignedIn,
    Path(network): Path<String>,
) -> ApiResult<Json<Vec<GroupView>>> {
    let network = path_slug(&network, "network")?;
    Ok(Json(admin.groups(&network).await?))
}

#[utoipa::path(put, path = "/networks/{network}/groups/{group}", tag = "groups", operation_id = "put_group",
    params(("network" = Slug, Path, description = "The network's slug", example = "ikone-ds"),
        ("group" = Slug, Path, description = "The group's slug", example = "steuerkreis")),
    request_body = GroupView, security(("api_token" = [])),
    responses((status = 200, body = GroupView),
        (status = 404, description = "No network with this slug, or none you may see"),
        (status = 422, description = "The body's `slug` is not the one in the address, or it names a person who has no account")))]
async fn put(
    Use(admin): Use<Administration>,
    SignedIn(_): SignedIn,
    Path((network, group)): Path<(String, String)>,
    ApiJson(body): ApiJson<GroupView>,
) -> ApiResult<Json<GroupView>> {
    let network = path_slug(&network, "network")?;
    if body.slug.as_str() != group {
        return Err(Problem::invalid(
            "slug",
            format!("the body names '{}', the address '{group}'", body.slug),
        ));
    }
    admin.put_group(&network, &body).await?;
    Ok(Json(body))
}
