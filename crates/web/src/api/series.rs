//! Meeting series, their meetings and what belongs to single meetings.
//!
//! A meeting is addressed by its series and the date the rule gave it
//! (`/series/{series}/meetings/2026-05-28`), which stays its address when it
//! is moved: that date is also the key of its exceptions and feed UID.

use std::collections::BTreeSet;

use axum::Json;
use axum::extract::rejection::QueryRejection;
use axum::extract::{Path, Query};
use axum::http::{StatusCode, header};
use axum::response::IntoResponse;
use chrono::NaiveDate;
use knotenpunkt_app::{Meeting, MeetingDetail, Meetings, SeriesFilter, SeriesSchedule, Window};
use knotenpunkt_domain::{AgendaPoint, ExceptionChange, Series, SeriesException, Slug, Visibility};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::doc::filter;
use super::extract::ApiJson;
use super::params::{Listing, page, parse_param, path_slug, query};
use super::problem::{ApiResult, Problem};
use crate::AppState;
use crate::auth::{SignedIn, Use};

const NOT_FOUND: &str = "No series with this slug, or none you may see";
const MEETING_NOT_FOUND: &str =
    "No such series, or none you may see, or the rule gives it no meeting on this date";
const RULES: &str = "The body breaks a rule the schema cannot state: the rule, start or time zone do not give meetings, hosting and rotation do not fit together, or it names a network, cooperation, host, cohort or organisation that does not exist";
const WINDOW: &str = "`to` lies before `from`, or more than 20 years after it";

pub(super) fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list, create))
        .routes(routes!(get_one, update, delete))
        .routes(routes!(meetings))
        .routes(routes!(meeting))
        .routes(routes!(exceptions))
        .routes(routes!(set_exception, delete_exception))
        .routes(routes!(set_unavailable))
        .routes(routes!(add_agenda_point))
        .routes(routes!(delete_agenda_point))
        .routes(routes!(set_minutes))
        .routes(routes!(set_attendance))
        .routes(routes!(network_meetings))
        .routes(routes!(host_turns))
}

/// Filters of the series list.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub(super) struct SeriesQuery {
    /// Only series of this network (slug).
    #[param(schema_with = filter::<Slug>)]
    network: Option<String>,
    /// Only series of this cooperation (id).
    cooperation: Option<i64>,
    /// How many items at most (1–500, default 50).
    #[param(minimum = 1, maximum = 500, default = 50)]
    limit: Option<u64>,
    /// How many items to skip (default 0).
    #[param(minimum = 0, maximum = 9223372036854775807_u64, default = 0)]
    offset: Option<u64>,
}

/// A window of local dates; without it, 180 days back and 400 ahead of today.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub(super) struct WindowQuery {
    /// First local date (YYYY-MM-DD).
    #[param(value_type = Option<NaiveDate>)]
    from: Option<String>,
    /// Last local date (YYYY-MM-DD), at most 20 years after `from`.
    #[param(value_type = Option<NaiveDate>)]
    to: Option<String>,
}

fn date_param(field: &str, raw: &str) -> Result<NaiveDate, Problem> {
    NaiveDate::parse_from_str(raw, "%Y-%m-%d").map_err(|_| {
        Problem::bad_request(
            field,
            format!("'{raw}' is not a date of the form YYYY-MM-DD"),
        )
    })
}

/// A meeting's date from the path; one that cannot be a date cannot be a meeting.
fn path_date(series: &Slug, raw: &str) -> Result<NaiveDate, Problem> {
    NaiveDate::parse_from_str(raw, "%Y-%m-%d")
        .map_err(|_| Problem::not_found(format!("meeting '{series}/{raw}' not found")))
}

impl WindowQuery {
    /// The window asked for; `today` anchors the default one.
    fn window(&self, today: NaiveDate) -> Result<Window, Problem> {
        let default = Window::around(today);
        let from = match &self.from {
            Some(f) => date_param("from", f)?,
            None => default.from,
        };
        let to = match &self.to {
            Some(t) => date_param("to", t)?,
            None => default.to.max(from),
        };
        Ok(Window::new(from, to)?)
    }
}

/// Field rules first, so a body with several mistakes gets them all in one answer.
fn check_body(s: &Series) -> Result<(), Problem> {
    Ok(s.validate().map_err(knotenpunkt_app::AppError::from)?)
}

#[utoipa::path(get, path = "/series", tag = "series", operation_id = "list_series", params(SeriesQuery),
    responses((status = 200, body = Listing<Series>), (status = 400, description = "A query parameter is not valid"),
        (status = 404, description = "A filter names a network, organisation or cohort that does not exist, or one you may not see")))]
async fn list(
    Use(m): Use<Meetings>,
    q: Result<Query<SeriesQuery>, QueryRejection>,
) -> ApiResult<Json<Listing<Series>>> {
    let q = query(q)?;
    let page = page(q.limit, q.offset)?;
    let filter = SeriesFilter {
        network: parse_param::<Slug>("network", q.network.as_deref())?,
        cooperation: q.cooperation,
    };
    Ok(Json(Listing::slice(m.series_list(&filter).await?, page)))
}

#[utoipa::path(get, path = "/series/{series}", tag = "series", operation_id = "get_series",
    params(("series" = Slug, Path, description = "The series' slug", example = "monatstreffen-staffel-1")),
    responses((status = 200, body = Series), (status = 404, description = NOT_FOUND)))]
async fn get_one(Use(m): Use<Meetings>, Path(series): Path<String>) -> ApiResult<Json<Series>> {
    let series = path_slug(&series, "series")?;
    Ok(Json(m.series(&series).await?))
}

#[utoipa::path(post, path = "/series", tag = "series", operation_id = "create_series", request_body = Series,
    security(("api_token" = [])),
    responses((status = 201, body = Series, headers(("Location" = String, description = "The new series' address"))),
        (status = 404, description = "No network or cooperation the body names that you may see"),
        (status = 409, description = "A series with this slug exists already"),
        (status = 422, description = RULES)))]
async fn create(
    Use(m): Use<Meetings>,
    SignedIn(_): SignedIn,
    ApiJson(series): ApiJson<Series>,
) -> ApiResult<impl IntoResponse> {
    check_body(&series)?;
    m.create_series(&series).await?;
    let location = format!("/api/v1/series/{}", series.slug);
    Ok((
        StatusCode::CREATED,
        [(header::LOCATION, location)],
        Json(series),
    ))
}

#[utoipa::path(put, path = "/series/{series}", tag = "series", operation_id = "update_series",
    params(("series" = Slug, Path, description = "The series' current slug", example = "monatstreffen-staffel-1")),
    request_body = Series, security(("api_token" = [])),
    responses((status = 200, body = Series), (status = 404, description = NOT_FOUND),
        (status = 409, description = "Another series has the new slug"),
        (status = 422, description = RULES)))]
async fn update(
    Use(m): Use<Meetings>,
    SignedIn(_): SignedIn,
    Path(slug): Path<String>,
    ApiJson(series): ApiJson<Series>,
) -> ApiResult<Json<Series>> {
    let slug = path_slug(&slug, "series")?;
    check_body(&series)?;
    m.update_series(&slug, &series).await?;
    Ok(Json(series))
}

#[utoipa::path(delete, path = "/series/{series}", tag = "series", operation_id = "delete_series",
    params(("series" = Slug, Path, description = "The series' slug", example = "monatstreffen-staffel-1")),
    security(("api_token" = [])),
    responses((status = 204, description = "Deleted with its exceptions and meeting records"), (status = 404, description = NOT_FOUND)))]
async fn delete(
    Use(m): Use<Meetings>,
    SignedIn(_): SignedIn,
    Path(slug): Path<String>,
) -> ApiResult<StatusCode> {
    let slug = path_slug(&slug, "series")?;
    m.delete_series(&slug).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[utoipa::path(get, path = "/series/{series}/meetings", tag = "series", operation_id = "series_meetings",
    params(("series" = Slug, Path, description = "The series' slug", example = "monatstreffen-staffel-1"), WindowQuery),
    responses((status = 200, body = SeriesSchedule), (status = 400, description = "A query parameter is not valid"),
        (status = 404, description = NOT_FOUND), (status = 422, description = WINDOW)))]
async fn meetings(
    Use(m): Use<Meetings>,
    Path(series): Path<String>,
    q: Result<Query<WindowQuery>, QueryRejection>,
) -> ApiResult<Json<SeriesSchedule>> {
    let series = path_slug(&series, "series")?;
    let window = query(q)?.window(m.today())?;
    Ok(Json(m.series_schedule(&series, window).await?))
}

#[utoipa::path(get, path = "/series/{series}/meetings/{date}", tag = "series", operation_id = "get_meeting",
    params(("series" = Slug, Path, description = "The series' slug", example = "monatstreffen-staffel-1"), ("date" = NaiveDate, Path, description = "The date the rule gave the meeting (YYYY-MM-DD)", example = "2026-05-28")),
    responses((status = 200, body = MeetingDetail), (status = 404, description = MEETING_NOT_FOUND)))]
async fn meeting(
    Use(m): Use<Meetings>,
    Path((series, date)): Path<(String, String)>,
) -> ApiResult<Json<MeetingDetail>> {
    let series = path_slug(&series, "series")?;
    let date = path_date(&series, &date)?;
    Ok(Json(m.meeting(&series, date).await?))
}

#[utoipa::path(get, path = "/series/{series}/exceptions", tag = "series", operation_id = "list_exceptions",
    params(("series" = Slug, Path, description = "The series' slug", example = "monatstreffen-staffel-1")),
    responses((status = 200, body = Vec<SeriesException>), (status = 404, description = NOT_FOUND)))]
async fn exceptions(
    Use(m): Use<Meetings>,
    Path(series): Path<String>,
) -> ApiResult<Json<Vec<SeriesException>>> {
    let series = path_slug(&series, "series")?;
    Ok(Json(m.series_exceptions(&series).await?))
}

#[utoipa::path(put, path = "/series/{series}/exceptions/{date}", tag = "series", operation_id = "set_exception",
    params(("series" = Slug, Path, description = "The series' slug", example = "monatstreffen-staffel-1"), ("date" = NaiveDate, Path, description = "The date the rule gave the meeting (YYYY-MM-DD)", example = "2026-05-28")),
    request_body = ExceptionChange, security(("api_token" = [])),
    responses((status = 200, body = SeriesException), (status = 404, description = MEETING_NOT_FOUND),
        (status = 422, description = "The change does not fit the schedule: the date in the address is no meeting of the series, `to` is not a local date and time, the host is not in the rotation, the swap's date is no meeting")))]
async fn set_exception(
    Use(m): Use<Meetings>,
    SignedIn(_): SignedIn,
    Path((series, date)): Path<(String, String)>,
    ApiJson(change): ApiJson<ExceptionChange>,
) -> ApiResult<Json<SeriesException>> {
    let series = path_slug(&series, "series")?;
    let date = path_date(&series, &date)?;
    m.set_exception(&series, date, change.clone()).await?;
    Ok(Json(SeriesException { date, change }))
}

#[utoipa::path(delete, path = "/series/{series}/exceptions/{date}", tag = "series", operation_id = "delete_exceptions",
    params(("series" = Slug, Path, description = "The series' slug", example = "monatstreffen-staffel-1"), ("date" = NaiveDate, Path, description = "The date the rule gave the meeting (YYYY-MM-DD)", example = "2026-05-28")),
    security(("api_token" = [])),
    responses((status = 204, description = "The meeting's exceptions are gone; it takes place as the rule says"), (status = 404, description = MEETING_NOT_FOUND)))]
async fn delete_exception(
    Use(m): Use<Meetings>,
    SignedIn(_): SignedIn,
    Path((series, date)): Path<(String, String)>,
) -> ApiResult<StatusCode> {
    let series = path_slug(&series, "series")?;
    let date = path_date(&series, &date)?;
    m.delete_exceptions(&series, date).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Dates an organisation cannot host.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Unavailable {
    /// Original dates of meetings (YYYY-MM-DD); replaces the earlier list.
    /// A date given twice counts once.
    #[schema(value_type = Vec<NaiveDate>)]
    pub dates: BTreeSet<NaiveDate>,
}

#[utoipa::path(put, path = "/series/{series}/unavailable/{organization}", tag = "series", operation_id = "set_unavailable",
    params(("series" = Slug, Path, description = "The series' slug", example = "monatstreffen-staffel-1"), ("organization" = Slug, Path, description = "The organisation's slug", example = "kaiserslautern")),
    request_body = Unavailable, security(("api_token" = [])),
    responses((status = 200, body = Unavailable), (status = 404, description = NOT_FOUND),
        (status = 422, description = "The series has no rotation, the organisation is not in it, or a date is not one of its meetings")))]
async fn set_unavailable(
    Use(m): Use<Meetings>,
    SignedIn(_): SignedIn,
    Path((series, organization)): Path<(String, String)>,
    ApiJson(body): ApiJson<Unavailable>,
) -> ApiResult<Json<Unavailable>> {
    let organization = path_slug(&organization, "organization")?;
    let series = path_slug(&series, "series")?;
    m.set_unavailable(&series, &organization, &body.dates)
        .await?;
    Ok(Json(body))
}

/// A point raised for a meeting's agenda.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewAgendaPoint {
    /// The point, up to 500 characters.
    pub text: String,
    /// The organisation raising it (slug).
    #[serde(default)]
    pub by: Option<Slug>,
    /// Who may read it: public, network or group:<slug>; by default the
    /// series' network only.
    #[serde(default)]
    pub visibility: Option<Visibility>,
}

#[utoipa::path(post, path = "/series/{series}/meetings/{date}/agenda", tag = "series", operation_id = "add_agenda_point",
    params(("series" = Slug, Path, description = "The series' slug", example = "monatstreffen-staffel-1"), ("date" = NaiveDate, Path, description = "The date the rule gave the meeting (YYYY-MM-DD)", example = "2026-05-28")),
    request_body = NewAgendaPoint, security(("api_token" = [])),
    responses((status = 201, body = AgendaPoint, headers(("Location" = String, description = "The new agenda point's address"))), (status = 404, description = MEETING_NOT_FOUND),
        (status = 422, description = "The text is empty or too long, or the visibility names a group that does not exist")))]
async fn add_agenda_point(
    Use(m): Use<Meetings>,
    SignedIn(_): SignedIn,
    Path((series, date)): Path<(String, String)>,
    ApiJson(body): ApiJson<NewAgendaPoint>,
) -> ApiResult<impl IntoResponse> {
    let series = path_slug(&series, "series")?;
    let date = path_date(&series, &date)?;
    let point = m
        .add_agenda_point(
            &series,
            date,
            &body.text,
            body.by.as_ref(),
            body.visibility.clone(),
        )
        .await?;
    let location = format!(
        "/api/v1/series/{series}/meetings/{}/agenda/{}",
        date.format("%Y-%m-%d"),
        point.id
    );
    Ok((
        StatusCode::CREATED,
        [(header::LOCATION, location)],
        Json(point),
    ))
}

#[utoipa::path(delete, path = "/series/{series}/meetings/{date}/agenda/{id}", tag = "series", operation_id = "delete_agenda_point",
    params(("series" = Slug, Path, description = "The series' slug", example = "monatstreffen-staffel-1"), ("date" = NaiveDate, Path, description = "The date the rule gave the meeting (YYYY-MM-DD)", example = "2026-05-28"),
        ("id" = i64, Path, description = "The agenda point's id", example = 1)),
    security(("api_token" = [])),
    responses((status = 204, description = "Deleted"), (status = 404, description = "No such meeting or agenda point, or none you may see")))]
async fn delete_agenda_point(
    Use(m): Use<Meetings>,
    SignedIn(_): SignedIn,
    Path((series, date, id)): Path<(String, String, String)>,
) -> ApiResult<StatusCode> {
    let series = path_slug(&series, "series")?;
    let date = path_date(&series, &date)?;
    let id: i64 = id
        .parse()
        .map_err(|_| Problem::not_found(format!("agenda point '{id}' not found")))?;
    m.delete_agenda_point(&series, date, id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// The minutes of a meeting.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Minutes {
    /// Plain text, up to 50 000 characters; empty removes the minutes.
    pub text: String,
    /// Who may read them: public, network or group:<slug>; by default the
    /// series' network only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub visibility: Option<Visibility>,
}

#[utoipa::path(put, path = "/series/{series}/meetings/{date}/minutes", tag = "series", operation_id = "set_minutes",
    params(("series" = Slug, Path, description = "The series' slug", example = "monatstreffen-staffel-1"), ("date" = NaiveDate, Path, description = "The date the rule gave the meeting (YYYY-MM-DD)", example = "2026-05-28")),
    request_body = Minutes, security(("api_token" = [])),
    responses((status = 200, body = Minutes), (status = 404, description = MEETING_NOT_FOUND),
        (status = 422, description = "The text is too long, or the visibility names a group that does not exist")))]
async fn set_minutes(
    Use(m): Use<Meetings>,
    SignedIn(_): SignedIn,
    Path((series, date)): Path<(String, String)>,
    ApiJson(body): ApiJson<Minutes>,
) -> ApiResult<Json<Minutes>> {
    let series = path_slug(&series, "series")?;
    let date = path_date(&series, &date)?;
    m.set_minutes(&series, date, &body.text, body.visibility.clone())
        .await?;
    Ok(Json(body))
}

/// Who came to a meeting.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Attendance {
    /// Organisations present (slugs); replaces the earlier list.
    #[schema(value_type = BTreeSet<Slug>)]
    pub organizations: Vec<Slug>,
}

#[utoipa::path(put, path = "/series/{series}/meetings/{date}/attendance", tag = "series", operation_id = "set_attendance",
    params(("series" = Slug, Path, description = "The series' slug", example = "monatstreffen-staffel-1"), ("date" = NaiveDate, Path, description = "The date the rule gave the meeting (YYYY-MM-DD)", example = "2026-05-28")),
    request_body = Attendance, security(("api_token" = [])),
    responses((status = 200, body = Attendance), (status = 404, description = MEETING_NOT_FOUND),
        (status = 422, description = "An organisation does not exist or does not take part in the series")))]
async fn set_attendance(
    Use(m): Use<Meetings>,
    SignedIn(_): SignedIn,
    Path((series, date)): Path<(String, String)>,
    ApiJson(body): ApiJson<Attendance>,
) -> ApiResult<Json<Attendance>> {
    let series = path_slug(&series, "series")?;
    let date = path_date(&series, &date)?;
    m.set_attendance(&series, date, &body.organizations).await?;
    Ok(Json(body))
}

#[utoipa::path(get, path = "/networks/{network}/meetings", tag = "series", operation_id = "network_meetings",
    params(("network" = Slug, Path, description = "The network's slug", example = "modellprojekte-smart-cities"), WindowQuery),
    responses((status = 200, body = Vec<Meeting>), (status = 400, description = "A query parameter is not valid"),
        (status = 404, description = "No network with this slug, or none you may see"), (status = 422, description = WINDOW)))]
async fn network_meetings(
    Use(m): Use<Meetings>,
    Path(network): Path<String>,
    q: Result<Query<WindowQuery>, QueryRejection>,
) -> ApiResult<Json<Vec<Meeting>>> {
    let network = path_slug(&network, "network")?;
    let window = query(q)?.window(m.today())?;
    Ok(Json(m.network_meetings(&network, window).await?))
}

/// How many turns to list.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub(super) struct TurnsQuery {
    /// At most this many (1–100, default 5).
    #[param(minimum = 1, maximum = 100, default = 5)]
    limit: Option<usize>,
}

#[utoipa::path(get, path = "/organizations/{slug}/host-turns", tag = "series", operation_id = "host_turns",
    params(("slug" = Slug, Path, description = "The organisation's slug", example = "kaiserslautern"), TurnsQuery),
    responses((status = 200, body = Vec<Meeting>), (status = 400, description = "A query parameter is not valid"),
        (status = 404, description = "No organisation with this slug")))]
async fn host_turns(
    Use(m): Use<Meetings>,
    Path(slug): Path<String>,
    q: Result<Query<TurnsQuery>, QueryRejection>,
) -> ApiResult<Json<Vec<Meeting>>> {
    let slug = path_slug(&slug, "organization")?;
    let limit = query(q)?.limit.unwrap_or(5);
    if !(1..=100).contains(&limit) {
        return Err(Problem::bad_request(
            "limit",
            format!("{limit} is outside 1–100"),
        ));
    }
    Ok(Json(m.host_turns(&slug, m.today(), limit).await?))
}
