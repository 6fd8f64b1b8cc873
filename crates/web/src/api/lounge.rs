//! The After Work Lounge: a series' lounge settings, one evening's
//! check-ins and rounds of breakout rooms, late joiners, and who has met
//! whom in a network.
//!
//! Members-only, as the app's policy says: an anonymous caller is asked to
//! sign in (401), a signed-in outsider gets the same 404 as for a series
//! that is no lounge. Members check themselves in on the day of the
//! evening; coordinators and admins check in others, draw and place late
//! joiners on any meeting of the series.
//!
//! A check-in answers 201 with its id also when it was there already (a
//! repeat changes nothing and names the same check-in). A draw answers 201
//! when it drew a round and 200 with `created: false` when the round asked
//! for existed already (a double click, a second coordinator).

use axum::Json;
use axum::extract::Path;
use axum::http::StatusCode;
use knotenpunkt_app::lounge::Encounters;
use knotenpunkt_app::{CheckIn, DrawRequest, Drawn, Evening, Lounge};
use knotenpunkt_domain::{LoungeSettings, Slug};
use serde::Serialize;
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::extract::ApiJson;
use super::params::{path_date, path_id, path_slug};
use super::problem::{ApiResult, Problem};
use crate::AppState;
use crate::auth::{SignedIn, Use};

const SIGN_IN: &str =
    "Not signed in: the lounge is for the network's members (or the bearer token is not valid)";
const LOUNGE_NOT_FOUND: &str = "No such series, or none you may see, or it is not a lounge, or its lounge is not yours to see (members only)";
const EVENING_NOT_FOUND: &str =
    "No such lounge, or none you may see (members only), or the series has no meeting on this date";
const BAD_DATE: &str = "The date in the address is not of the form YYYY-MM-DD";

pub(super) fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(get_settings, set_settings, delete_settings))
        .routes(routes!(evening))
        .routes(routes!(check_in))
        .routes(routes!(check_out))
        .routes(routes!(draw))
        .routes(routes!(place_late))
        .routes(routes!(encounters))
}

/// One lounge evening, with the caller's way into their room's video.
#[derive(Debug, Serialize, ToSchema)]
pub(super) struct EveningOut {
    #[serde(flatten)]
    evening: Evening,
    /// Where the caller enters the video of their room in the latest round
    /// they sit in: a link to open as it is (Jitsi Meet, the series' link),
    /// or the page address that enters it (BigBlueButton creates the
    /// meeting first). Absent when the caller sits in no room or the
    /// lounge has no video rooms.
    #[serde(skip_serializing_if = "Option::is_none")]
    my_video_url: Option<String>,
}

/// A check-in.
#[derive(Debug, Serialize, ToSchema)]
pub(super) struct CheckedIn {
    /// The check-in's id (also when it existed already).
    id: i64,
}

/// Late joiners placed.
#[derive(Debug, Serialize, ToSchema)]
pub(super) struct Placed {
    /// How many were placed (0: nobody was waiting).
    placed: u64,
}

fn round_number(raw: &str) -> Result<u32, Problem> {
    raw.parse()
        .map_err(|_| Problem::not_found(format!("round '{raw}' not found")))
}

#[utoipa::path(get, path = "/series/{series}/lounge", tag = "lounge", operation_id = "get_lounge",
    params(("series" = Slug, Path, description = "The series' slug", example = "after-work-lounge")),
    responses((status = 200, body = LoungeSettings), (status = 401, description = SIGN_IN),
        (status = 404, description = LOUNGE_NOT_FOUND)))]
async fn get_settings(
    Use(l): Use<Lounge>,
    Path(series): Path<String>,
) -> ApiResult<Json<LoungeSettings>> {
    let series = path_slug(&series, "series")?;
    Ok(Json(l.lounge_settings(&series).await?))
}

#[utoipa::path(put, path = "/series/{series}/lounge", tag = "lounge", operation_id = "set_lounge",
    params(("series" = Slug, Path, description = "The series' slug", example = "after-work-lounge")),
    request_body = LoungeSettings, security(("api_token" = [])),
    responses((status = 200, body = LoungeSettings, description = "The series is a lounge with these settings"),
        (status = 404, description = "No series with this slug, or none you may see"),
        (status = 422, description = "A setting is out of its bounds, or the series belongs to a cooperation (only a network's series can be a lounge)")))]
async fn set_settings(
    Use(l): Use<Lounge>,
    SignedIn(_): SignedIn,
    Path(series): Path<String>,
    ApiJson(settings): ApiJson<LoungeSettings>,
) -> ApiResult<Json<LoungeSettings>> {
    let series = path_slug(&series, "series")?;
    l.set_settings(&series, Some(&settings)).await?;
    Ok(Json(settings))
}

#[utoipa::path(delete, path = "/series/{series}/lounge", tag = "lounge", operation_id = "delete_lounge",
    params(("series" = Slug, Path, description = "The series' slug", example = "after-work-lounge")),
    security(("api_token" = [])),
    responses((status = 204, description = "The series is an ordinary series (again); its evenings' records stay"),
        (status = 404, description = "No series with this slug, or none you may see"),
        (status = 422, description = "The series belongs to a cooperation (only a network's series can be a lounge)")))]
async fn delete_settings(
    Use(l): Use<Lounge>,
    SignedIn(_): SignedIn,
    Path(series): Path<String>,
) -> ApiResult<StatusCode> {
    let series = path_slug(&series, "series")?;
    l.set_settings(&series, None).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[utoipa::path(get, path = "/series/{series}/meetings/{date}/lounge", tag = "lounge", operation_id = "get_lounge_evening",
    params(("series" = Slug, Path, description = "The series' slug", example = "after-work-lounge"),
        ("date" = NaiveDate, Path, description = "The date the rule gave the meeting (YYYY-MM-DD)", example = "2026-12-09")),
    responses((status = 200, body = EveningOut), (status = 400, description = BAD_DATE),
        (status = 401, description = SIGN_IN), (status = 404, description = EVENING_NOT_FOUND),
        (status = 503, description = "The video service could not give the caller's link")))]
async fn evening(
    Use(l): Use<Lounge>,
    Path((series, date)): Path<(String, String)>,
) -> ApiResult<Json<EveningOut>> {
    let series = path_slug(&series, "series")?;
    let date = path_date(&date, "date")?;
    let evening = l.evening(&series, date).await?;
    let my_video_url = l.my_video(&evening).await?.map(|v| {
        v.direct.unwrap_or_else(|| {
            format!(
                "/reihen/{series}/{}/lounge/runden/{}/raeume/{}",
                date.format("%Y-%m-%d"),
                v.round,
                v.room
            )
        })
    });
    Ok(Json(EveningOut {
        evening,
        my_video_url,
    }))
}

#[utoipa::path(post, path = "/series/{series}/meetings/{date}/lounge/checkins", tag = "lounge", operation_id = "lounge_check_in",
    params(("series" = Slug, Path, description = "The series' slug", example = "after-work-lounge"),
        ("date" = NaiveDate, Path, description = "The date the rule gave the meeting (YYYY-MM-DD)", example = "2026-12-09")),
    request_body(content = CheckIn, description = "`{}`: oneself, for one's own organisation (members, on the day). `{\"person\": 12}` or `{\"organization\": \"ulm\", \"name\": \"…\"}`: someone else (coordinators, on any meeting date)."),
    security(("api_token" = [])),
    responses((status = 201, body = CheckedIn, description = "Checked in; a repeat changes nothing and answers the same id"),
        (status = 400, description = BAD_DATE),
        (status = 403, description = "Checking in someone else needs a coordinator of the network"),
        (status = 404, description = EVENING_NOT_FOUND),
        (status = 422, description = "The organisation is not a member of the network, the name is empty, too long or has control characters, the person does not exist or belongs to no organisation, the meeting was cancelled, a member checks in on another day than the evening's, or the evening is full")))]
async fn check_in(
    Use(l): Use<Lounge>,
    SignedIn(_): SignedIn,
    Path((series, date)): Path<(String, String)>,
    ApiJson(who): ApiJson<CheckIn>,
) -> ApiResult<(StatusCode, Json<CheckedIn>)> {
    let series = path_slug(&series, "series")?;
    let date = path_date(&date, "date")?;
    let id = l.check_in(&series, date, &who).await?;
    Ok((StatusCode::CREATED, Json(CheckedIn { id })))
}

#[utoipa::path(delete, path = "/series/{series}/meetings/{date}/lounge/checkins/{id}", tag = "lounge", operation_id = "lounge_check_out",
    params(("series" = Slug, Path, description = "The series' slug", example = "after-work-lounge"),
        ("date" = NaiveDate, Path, description = "The date the rule gave the meeting (YYYY-MM-DD)", example = "2026-12-09"),
        ("id" = i64, Path, description = "The check-in's id")),
    security(("api_token" = [])),
    responses((status = 204, description = "Gone (seats already taken stay as the record); a repeat changes nothing"),
        (status = 400, description = BAD_DATE),
        (status = 403, description = "Only one's own check-in, or anyone's for a coordinator"),
        (status = 404, description = "No such lounge, or none you may see, or no such check-in on this evening")))]
async fn check_out(
    Use(l): Use<Lounge>,
    SignedIn(_): SignedIn,
    Path((series, date, id)): Path<(String, String, String)>,
) -> ApiResult<StatusCode> {
    let series = path_slug(&series, "series")?;
    let date = path_date(&date, "date")?;
    let id = path_id(&id)?;
    l.check_out(&series, date, id).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[utoipa::path(post, path = "/series/{series}/meetings/{date}/lounge/rounds", tag = "lounge", operation_id = "lounge_draw",
    params(("series" = Slug, Path, description = "The series' slug", example = "after-work-lounge"),
        ("date" = NaiveDate, Path, description = "The date the rule gave the meeting (YYYY-MM-DD)", example = "2026-12-09")),
    request_body(content = DrawRequest, description = "`{}` draws the next round with the lounge's settings; with `round`, a round that exists already is answered as it is"),
    security(("api_token" = [])),
    responses((status = 201, body = Drawn, description = "The round was drawn"),
        (status = 200, body = Drawn, description = "The round asked for existed already; nothing was drawn (`created: false`)"),
        (status = 400, description = BAD_DATE),
        (status = 403, description = "Drawing needs a coordinator of the network"),
        (status = 404, description = EVENING_NOT_FOUND),
        (status = 422, description = "`room_size` or `minutes` out of bounds, `round` is not the next round, the evening has all its rounds, the meeting was cancelled, or too few people are present for one room")))]
async fn draw(
    Use(l): Use<Lounge>,
    SignedIn(_): SignedIn,
    Path((series, date)): Path<(String, String)>,
    ApiJson(req): ApiJson<DrawRequest>,
) -> ApiResult<(StatusCode, Json<Drawn>)> {
    let series = path_slug(&series, "series")?;
    let date = path_date(&date, "date")?;
    let drawn = l.draw(&series, date, &req).await?;
    let status = if drawn.created {
        StatusCode::CREATED
    } else {
        StatusCode::OK
    };
    Ok((status, Json(drawn)))
}

#[utoipa::path(post, path = "/series/{series}/meetings/{date}/lounge/rounds/{round}/late", tag = "lounge", operation_id = "lounge_place_late",
    params(("series" = Slug, Path, description = "The series' slug", example = "after-work-lounge"),
        ("date" = NaiveDate, Path, description = "The date the rule gave the meeting (YYYY-MM-DD)", example = "2026-12-09"),
        ("round" = u32, Path, description = "The round (the evening's latest)", example = 1)),
    security(("api_token" = [])),
    responses((status = 200, body = Placed, description = "Those who checked in after the draw were placed, nobody seated moved"),
        (status = 400, description = BAD_DATE),
        (status = 403, description = "Placing needs a coordinator of the network"),
        (status = 404, description = "No such lounge, or none you may see, or no such round on this evening"),
        (status = 422, description = "The round is not the evening's latest, or too few people for a room")))]
async fn place_late(
    Use(l): Use<Lounge>,
    SignedIn(_): SignedIn,
    Path((series, date, round)): Path<(String, String, String)>,
) -> ApiResult<Json<Placed>> {
    let series = path_slug(&series, "series")?;
    let date = path_date(&date, "date")?;
    let round = round_number(&round)?;
    let placed = l.place_late(&series, date, round).await?;
    Ok(Json(Placed {
        placed: placed as u64,
    }))
}

#[utoipa::path(get, path = "/networks/{network}/encounters", tag = "lounge", operation_id = "lounge_encounters",
    params(("network" = Slug, Path, description = "The network's slug", example = "ikone-ds")),
    responses((status = 200, body = Encounters), (status = 401, description = SIGN_IN),
        (status = 404, description = "No network with this slug, or none whose lounges you may see (members only)")))]
async fn encounters(
    Use(l): Use<Lounge>,
    Path(network): Path<String>,
) -> ApiResult<Json<Encounters>> {
    let network = path_slug(&network, "network")?;
    Ok(Json(l.encounters(&network).await?))
}
