//! The forms on a meeting's page: raising an agenda point (members,
//! partners, coordinators), removing one (coordinators), writing minutes
//! and attendance (coordinators).
//!
//! Each write asks the policy first, with the same question the page asks
//! before it shows the form; then writes, records the change in the
//! network's audit log and answers 303 back to the meeting's page with a
//! confirmation flag. Invalid input shows the page again with 422, the
//! message next to its field.

use axum::body::Bytes;
use axum::extract::Path;
use axum::http::StatusCode;
use axum::response::Response;
use std::collections::BTreeSet;

use chrono::NaiveDate;
use knotenpunkt_app::domain::{Slug, Visibility};
use knotenpunkt_app::{AppError, AuditAction, Directory, SeriesIntent};

use super::calendar::{Posted, Which, meeting_page, series_page};
use super::manage::{FormData, Problem, Rejected, refused};
use super::{Ctx, error_page, failure};
use crate::auth::{Dir, Viewer};
use crate::pages::form::SAVED;

/// Longest agenda point accepted.
pub(crate) const MAX_AGENDA: usize = 500;

/// A meeting's address from the path; `None` is a 404.
fn target(slug: &str, date: &str) -> Option<(Slug, NaiveDate)> {
    let slug = slug.parse::<Slug>().ok()?;
    NaiveDate::parse_from_str(date, "%Y-%m-%d")
        .ok()
        .filter(|d| d.format("%Y-%m-%d").to_string() == date)
        .map(|d| (slug, d))
}

fn page_path(slug: &Slug, date: NaiveDate) -> String {
    format!("/reihen/{slug}/{}", date.format("%Y-%m-%d"))
}

/// The 303 back to the meeting's page with a confirmation.
fn saved(ctx: &Ctx, slug: &Slug, date: NaiveDate, what: &'static str) -> Response {
    SAVED.done(ctx, &page_path(slug, date), what)
}

/// A visibility the forms offer, read from the select.
pub(crate) fn visibility(value: &str) -> Option<Visibility> {
    value.parse::<Visibility>().ok()
}

/// The network the series belongs to, for the audit log.
async fn network_of(dir: &Directory, slug: &Slug) -> Option<Slug> {
    dir.series(slug).await.ok().and_then(|s| s.network)
}

/// The page again, with the form's input and its problems.
#[allow(clippy::too_many_arguments)]
async fn again(
    dir: &Directory,
    ctx: &Ctx,
    v: &Viewer,
    slug: Slug,
    date: NaiveDate,
    which: Which,
    data: FormData,
    rejected: Rejected,
) -> Response {
    meeting_page(
        dir,
        ctx,
        v,
        slug,
        date,
        None,
        Some(Posted {
            which,
            data,
            rejected,
        }),
    )
    .await
}

/// What a failed write means: the page again for input problems, the
/// error page otherwise.
#[allow(clippy::too_many_arguments)]
async fn failed(
    dir: &Directory,
    ctx: &Ctx,
    v: &Viewer,
    slug: Slug,
    date: NaiveDate,
    which: Which,
    data: FormData,
    e: AppError,
) -> Response {
    match Rejected::from_app(ctx, e) {
        Ok(r) => again(dir, ctx, v, slug, date, which, data, r).await,
        Err(e) => failure(ctx, e),
    }
}

/// POST /reihen/{series}/{date}/tagesordnung
pub(super) async fn add_point(
    Dir(dir): Dir,
    ctx: Ctx,
    v: Viewer,
    Path((slug, date)): Path<(String, String)>,
    body: Bytes,
) -> Response {
    let Some((slug, date)) = target(&slug, &date) else {
        return error_page(&ctx, StatusCode::NOT_FOUND);
    };
    if let Err(e) = dir
        .may_series(&v.actor, &slug, SeriesIntent::Contribute)
        .await
    {
        return refused(&ctx, e, &page_path(&slug, date));
    }
    let f = FormData::parse(&body);
    let text = f.get("text");
    let mut problems = Vec::new();
    if text.is_empty() {
        problems.push(("text".into(), Problem::new(ctx.t("manage-error-required"))));
    } else if text.chars().count() > MAX_AGENDA {
        problems.push((
            "text".into(),
            Problem::new(ctx.t1("manage-error-too-long", "max", MAX_AGENDA)),
        ));
    }
    let vis = match f.get("visibility").as_str() {
        "" => None,
        other => match visibility(other) {
            Some(vis) => Some(vis),
            None => {
                problems.push((
                    "visibility".into(),
                    Problem::new(ctx.t("meeting-form-error-visibility")),
                ));
                None
            }
        },
    };
    let by = if f.get("on_behalf") == "1" {
        match v.actor.organization.as_deref().map(str::parse::<Slug>) {
            Some(Ok(o)) => Some(o),
            _ => {
                problems.push((
                    "on_behalf".into(),
                    Problem::new(ctx.t("meeting-form-error-on-behalf")),
                ));
                None
            }
        }
    } else {
        None
    };
    if !problems.is_empty() {
        let r = Rejected::input(problems);
        return again(&dir, &ctx, &v, slug, date, Which::Agenda, f, r).await;
    }
    if let Some(o) = &by
        && let Err(e) = dir.may_speak_for(&v.actor, &slug, o).await
    {
        return refused(&ctx, e, &page_path(&slug, date));
    }
    match dir
        .add_agenda_point(&slug, date, &text, by.as_ref(), vis)
        .await
    {
        Ok(p) => {
            let network = network_of(&dir, &slug).await;
            dir.record_change(
                &v.actor,
                network.as_ref(),
                AuditAction::AgendaAdd,
                &format!("{slug}/{date}/{}", p.id),
                Some(p.text),
            )
            .await;
            saved(&ctx, &slug, date, "agenda-added")
        }
        Err(e) => failed(&dir, &ctx, &v, slug, date, Which::Agenda, f, e).await,
    }
}

/// POST /reihen/{series}/{date}/tagesordnung/{id}/entfernen
pub(super) async fn remove_point(
    Dir(dir): Dir,
    ctx: Ctx,
    v: Viewer,
    Path((slug, date, id)): Path<(String, String, String)>,
) -> Response {
    let Some((slug, date)) = target(&slug, &date) else {
        return error_page(&ctx, StatusCode::NOT_FOUND);
    };
    if let Err(e) = dir.may_series(&v.actor, &slug, SeriesIntent::Manage).await {
        return refused(&ctx, e, &page_path(&slug, date));
    }
    let Ok(id) = id.parse::<i64>() else {
        return error_page(&ctx, StatusCode::NOT_FOUND);
    };
    match dir.delete_agenda_point(&slug, date, id).await {
        Ok(()) => {
            let network = network_of(&dir, &slug).await;
            dir.record_change(
                &v.actor,
                network.as_ref(),
                AuditAction::AgendaDelete,
                &format!("{slug}/{date}/{id}"),
                None,
            )
            .await;
            saved(&ctx, &slug, date, "agenda-removed")
        }
        Err(e) => failure(&ctx, e),
    }
}

/// POST /reihen/{series}/{date}/protokoll
pub(super) async fn minutes(
    Dir(dir): Dir,
    ctx: Ctx,
    v: Viewer,
    Path((slug, date)): Path<(String, String)>,
    body: Bytes,
) -> Response {
    let Some((slug, date)) = target(&slug, &date) else {
        return error_page(&ctx, StatusCode::NOT_FOUND);
    };
    if let Err(e) = dir.may_series(&v.actor, &slug, SeriesIntent::Record).await {
        return refused(&ctx, e, &page_path(&slug, date));
    }
    let f = FormData::parse(&body);
    let text = f.get("text");
    let vis = match f.get("visibility").as_str() {
        "" => None,
        other => match visibility(other) {
            Some(vis) => Some(vis),
            None => {
                let r = Rejected::input(vec![(
                    "visibility".into(),
                    Problem::new(ctx.t("meeting-form-error-visibility")),
                )]);
                return again(&dir, &ctx, &v, slug, date, Which::Minutes, f, r).await;
            }
        },
    };
    match dir.set_minutes(&slug, date, &text, vis).await {
        Ok(()) => {
            let network = network_of(&dir, &slug).await;
            dir.record_change(
                &v.actor,
                network.as_ref(),
                if text.is_empty() {
                    AuditAction::MinutesDelete
                } else {
                    AuditAction::MinutesSet
                },
                &format!("{slug}/{date}"),
                None,
            )
            .await;
            saved(&ctx, &slug, date, "minutes")
        }
        Err(e) => failed(&dir, &ctx, &v, slug, date, Which::Minutes, f, e).await,
    }
}

/// POST /reihen/{series}/{date}/anwesenheit
pub(super) async fn attendance(
    Dir(dir): Dir,
    ctx: Ctx,
    v: Viewer,
    Path((slug, date)): Path<(String, String)>,
    body: Bytes,
) -> Response {
    let Some((slug, date)) = target(&slug, &date) else {
        return error_page(&ctx, StatusCode::NOT_FOUND);
    };
    if let Err(e) = dir.may_series(&v.actor, &slug, SeriesIntent::Record).await {
        return refused(&ctx, e, &page_path(&slug, date));
    }
    let f = FormData::parse(&body);
    let mut present = Vec::new();
    for o in f.all("organizations") {
        match o.parse::<Slug>() {
            Ok(s) if !present.contains(&s) => present.push(s),
            Ok(_) => {}
            Err(_) => {
                let r = Rejected::input(vec![(
                    "organizations".into(),
                    Problem::new(ctx.t("meeting-form-error-organization")),
                )]);
                return again(&dir, &ctx, &v, slug, date, Which::Attendance, f, r).await;
            }
        }
    }
    match dir.set_attendance(&slug, date, &present).await {
        Ok(()) => {
            let network = network_of(&dir, &slug).await;
            let list = present
                .iter()
                .map(Slug::as_str)
                .collect::<Vec<_>>()
                .join(", ");
            dir.record_change(
                &v.actor,
                network.as_ref(),
                AuditAction::AttendanceSet,
                &format!("{slug}/{date}"),
                (!list.is_empty()).then_some(list),
            )
            .await;
            saved(&ctx, &slug, date, "attendance")
        }
        Err(e) => failed(&dir, &ctx, &v, slug, date, Which::Attendance, f, e).await,
    }
}

/// POST /reihen/{series}/verhinderung: the dates the viewer's
/// organisation cannot host (replacing what it declared before).
pub(super) async fn unavailable(
    Dir(dir): Dir,
    ctx: Ctx,
    v: Viewer,
    Path(slug): Path<String>,
    body: Bytes,
) -> Response {
    let Ok(slug) = slug.parse::<Slug>() else {
        return error_page(&ctx, StatusCode::NOT_FOUND);
    };
    let back = format!("/reihen/{slug}");
    // Without an organisation there is nobody to speak for: the policy's
    // answer for anyone else.
    let org = match v.actor.organization.as_deref().map(str::parse::<Slug>) {
        Some(Ok(o)) => o,
        _ => {
            let e = match dir.may_series(&v.actor, &slug, SeriesIntent::Manage).await {
                Err(e) => e,
                Ok(()) => AppError::Denied(knotenpunkt_app::access::Denial::Forbidden),
            };
            return refused(&ctx, e, &back);
        }
    };
    if let Err(e) = dir
        .may_series(&v.actor, &slug, SeriesIntent::DeclareUnavailable(&org))
        .await
    {
        return refused(&ctx, e, &back);
    }
    let f = FormData::parse(&body);
    let mut dates = BTreeSet::new();
    for d in f.all("dates") {
        match NaiveDate::parse_from_str(&d, "%Y-%m-%d") {
            Ok(d) => {
                dates.insert(d);
            }
            Err(_) => {
                let r = Rejected::input(vec![(
                    "dates".into(),
                    Problem::new(ctx.t("meeting-form-error-date")),
                )]);
                return series_page(&dir, ctx, &v, slug, None, Some((f, r))).await;
            }
        }
    }
    // Dates declared outside the ones the form offers stay as they were.
    let today = knotenpunkt_app::today();
    let offered: BTreeSet<NaiveDate> = match dir
        .series_schedule(&slug, knotenpunkt_app::Window::around(today))
        .await
    {
        Ok(sch) => super::calendar::offered_dates(&sch.meetings, today),
        Err(e) => return failure(&ctx, e),
    };
    let kept: BTreeSet<NaiveDate> = match dir.store().meeting_records(&slug).await {
        Ok(r) => r
            .unavailable
            .get(&org)
            .map(|set| {
                set.iter()
                    .copied()
                    .filter(|d| !offered.contains(d))
                    .collect()
            })
            .unwrap_or_default(),
        Err(e) => return failure(&ctx, e.into()),
    };
    // Only offered dates can be ticked.
    if dates.iter().any(|d| !offered.contains(d)) {
        let r = Rejected::input(vec![(
            "dates".into(),
            Problem::new(ctx.t("meeting-form-error-date")),
        )]);
        return series_page(&dir, ctx, &v, slug, None, Some((f, r))).await;
    }
    dates.extend(kept);
    match dir.set_unavailable(&slug, &org, &dates).await {
        Ok(()) => {
            let network = network_of(&dir, &slug).await;
            let list = dates
                .iter()
                .map(|d| d.format("%Y-%m-%d").to_string())
                .collect::<Vec<_>>()
                .join(", ");
            dir.record_change(
                &v.actor,
                network.as_ref(),
                AuditAction::UnavailableSet,
                &format!("{slug}/{org}"),
                (!list.is_empty()).then_some(list),
            )
            .await;
            SAVED.done(&ctx, &back, "unavailable")
        }
        Err(e) => match Rejected::from_app(&ctx, e) {
            Ok(r) => series_page(&dir, ctx, &v, slug, None, Some((f, r))).await,
            Err(e) => failure(&ctx, e),
        },
    }
}
