//! A series' edit page: its settings, the form that changes one meeting,
//! the stored changes, and deleting the series behind a confirmation.

use std::marker::PhantomData;

use askama::Template;
use axum::body::Bytes;
use axum::extract::{FromRequestParts, RawQuery};
use axum::http::StatusCode;
use axum::http::request::Parts;
use axum::response::Response;
use knotenpunkt_app::AppError;
use knotenpunkt_app::domain::{Series, Slug};

use super::build::build;
use super::form::{Hosts, SeriesForm, Values};
use super::meeting_change::{ChangeRow, ExceptionForm};
use crate::AppState;
use crate::pages::answer::{Answer, OrFail, html};
use crate::pages::ctx::Ctx;
use crate::pages::extract::{Back, Here, Params, infallible};
use crate::pages::form::{CONFIRM, Control, DONE, FormData, Rejected, SummaryItem, refused};
use crate::pages::manage::frame::{Frame, Section};
use crate::pages::manage::managed::{Managed, ToSection};

/// The series behind a management address, after every check: the viewer
/// may manage the network, the series belongs to it, and the viewer may
/// manage the series. `B` says where an anonymous visitor comes back to.
pub(in crate::pages::manage) struct ManagedSeries<B = Here> {
    pub(super) m: Managed,
    pub(super) series: Series,
    back: PhantomData<B>,
}

impl<B: Back> FromRequestParts<AppState> for ManagedSeries<B> {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, s: &AppState) -> Result<Self, Response> {
        let m = Managed::gate::<B>(parts, s).await?;
        let Params(SeriesParam { series }) = Params::from_request_parts(parts, s).await?;
        let ctx = infallible(Ctx::from_request_parts(parts, s).await);
        let found = match m.dir.meetings().series_to_manage(&m.slug, &series).await {
            Ok(x) => x,
            Err(e) => return Err(refused(&ctx, e, &B::page(ctx.path()))),
        };
        Ok(ManagedSeries {
            m,
            series: found,
            back: PhantomData,
        })
    }
}

#[derive(serde::Deserialize)]
struct SeriesParam {
    series: Slug,
}

/// A series' edit page.
pub(super) fn edit_path(m: &Managed, series: &Slug) -> String {
    format!("{}/{series}", Section::Series.path(&m.slug))
}

/// The form that deletes the series, behind a confirming checkbox.
struct DeleteForm {
    action: String,
    confirm: Control,
    summary: Vec<SummaryItem>,
}

/// A form of the edit page that came back with problems.
pub(super) enum Submitted<'a> {
    Series(Box<Values>, Rejected),
    Exception(&'a FormData, Rejected),
    Delete(Rejected),
}

impl Submitted<'_> {
    fn status(&self) -> StatusCode {
        match self {
            Submitted::Series(_, r) | Submitted::Exception(_, r) | Submitted::Delete(r) => r.status,
        }
    }
}

#[derive(Template)]
#[template(path = "manage/series_edit.html")]
struct EditPage<'a> {
    ctx: &'a Ctx,
    title: String,
    frame: Frame,
    series_title: String,
    series_href: String,
    list_href: String,
    /// The series' lounge settings.
    lounge_href: String,
    form: SeriesForm,
    /// `None` when the series has no upcoming meeting to change.
    exception: Option<ExceptionForm>,
    changes: Vec<ChangeRow>,
    delete: DeleteForm,
}

/// The edit page; `submitted` is one of its forms come back with problems.
pub(super) async fn render(
    ctx: &Ctx,
    m: &Managed,
    series: &Series,
    q: Option<&str>,
    submitted: Option<Submitted<'_>>,
) -> Result<Response, AppError> {
    let status = submitted
        .as_ref()
        .map(Submitted::status)
        .unwrap_or(StatusCode::OK);
    let (series_values, exception_values, delete_rejected) = match submitted {
        Some(Submitted::Series(v, r)) => (Some((*v, r)), None, None),
        Some(Submitted::Exception(f, r)) => (None, Some((f, r)), None),
        Some(Submitted::Delete(r)) => (None, None, Some(r)),
        None => (None, None, None),
    };
    let edit = edit_path(m, &series.slug);
    let found = m
        .dir
        .meetings()
        .managed_series(&m.slug, &series.slug)
        .await?;
    let hosts = Hosts::from(found.hosts);
    let cohorts = m.dir.cohorts(Some(&m.slug)).await?;
    let form = settings_form(ctx, &edit, series, &hosts, &cohorts, series_values);
    let today = found.today;
    let exception =
        ExceptionForm::new(ctx, &edit, &found.schedule, &hosts, today, exception_values);
    let delete = delete_form(ctx, &edit, series, delete_rejected);
    let changes = found
        .exceptions
        .iter()
        .map(|e| ChangeRow::new(ctx, &edit, e, &hosts))
        .collect();
    let frame = Frame::item(
        ctx,
        m,
        Section::Series,
        q,
        ctx.t1(
            "manage-heading-series-edit",
            "series",
            series.title.as_str(),
        ),
        &series.title,
    );
    let page = EditPage {
        ctx,
        title: frame.title(),
        frame,
        series_title: series.title.clone(),
        series_href: ctx.href(&format!("/reihen/{}", series.slug)),
        list_href: ctx.href(&Section::Series.path(&m.slug)),
        lounge_href: ctx.href(&format!("{edit}/lounge")),
        form,
        exception,
        changes,
        delete,
    };
    Ok(html(ctx, status, &page))
}

/// The form of the series' settings: as stored, or as submitted with its
/// problems.
fn settings_form(
    ctx: &Ctx,
    edit: &str,
    series: &Series,
    hosts: &Hosts,
    cohorts: &[knotenpunkt_app::domain::Cohort],
    submitted: Option<(Values, Rejected)>,
) -> SeriesForm {
    let (values, rejected) = match submitted {
        Some((v, r)) => (v, Some(r)),
        None => (Values::stored(series), None),
    };
    let mut form = SeriesForm::new(
        ctx,
        ctx.href(edit),
        Some(series.slug.to_string()),
        values,
        hosts,
        cohorts,
    );
    form.submit = ctx.t("manage-save");
    if let Some(r) = rejected {
        form.reject(r);
    }
    form
}

/// The form that deletes the series.
fn delete_form(ctx: &Ctx, edit: &str, series: &Series, rejected: Option<Rejected>) -> DeleteForm {
    let mut delete = DeleteForm {
        action: ctx.href(&format!("{edit}/loeschen")),
        confirm: Control::confirm(
            ctx.t("manage-series-delete-legend"),
            ctx.t1(
                "manage-series-delete-confirm",
                "series",
                series.title.as_str(),
            ),
        ),
        summary: Vec::new(),
    };
    if let Some(r) = rejected {
        delete.summary = r.apply(&mut [&mut delete.confirm]);
    }
    delete
}

/// GET /netzwerke/{slug}/verwaltung/reihen/{series}
pub(in crate::pages::manage) async fn edit(
    ctx: Ctx,
    ms: ManagedSeries,
    RawQuery(q): RawQuery,
) -> Answer {
    render(&ctx, &ms.m, &ms.series, q.as_deref(), None)
        .await
        .or_fail(&ctx)
}

/// POST /netzwerke/{slug}/verwaltung/reihen/{series}
pub(in crate::pages::manage) async fn update(
    ctx: Ctx,
    ManagedSeries { m, series, .. }: ManagedSeries,
    body: Bytes,
) -> Answer {
    let values = Values::submitted(&FormData::parse(&body));
    let rejected = match build(&ctx, &m, &values, Some(&series)) {
        Ok(new) => match m.dir.meetings().update_series(&series.slug, &new).await {
            Ok(()) => {
                return Ok(DONE.done(&ctx, &edit_path(&m, &series.slug), "series-saved"));
            }
            Err(e) => Rejected::from_app(&ctx, e).or_fail(&ctx)?,
        },
        Err(r) => r,
    };
    let submitted = Submitted::Series(Box::new(values), rejected);
    render(&ctx, &m, &series, None, Some(submitted))
        .await
        .or_fail(&ctx)
}

/// POST /netzwerke/{slug}/verwaltung/reihen/{series}/loeschen
pub(in crate::pages::manage) async fn delete(
    ctx: Ctx,
    ManagedSeries { m, series, .. }: ManagedSeries<ToSection>,
    body: Bytes,
) -> Answer {
    let f = FormData::parse(&body);
    if f.get("confirm") != CONFIRM {
        let rejected = Rejected::field("confirm", ctx.t("manage-error-delete-confirm"));
        return render(&ctx, &m, &series, None, Some(Submitted::Delete(rejected)))
            .await
            .or_fail(&ctx);
    }
    m.dir
        .meetings()
        .delete_series(&series.slug)
        .await
        .or_fail(&ctx)?;
    Ok(DONE.done(&ctx, &Section::Series.path(&m.slug), "series-deleted"))
}
