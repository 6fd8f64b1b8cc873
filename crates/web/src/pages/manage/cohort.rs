//! A cohort's own page: its name, year and motto, changed by the network's
//! coordinators; its slug stays.

use askama::Template;
use axum::body::Bytes;
use axum::extract::{FromRequestParts, RawQuery};
use axum::http::StatusCode;
use axum::http::request::Parts;
use axum::response::Response;
use knotenpunkt_app::AppError;
use knotenpunkt_app::domain::{Cohort, Slug};

use super::cohorts::{CohortForm, parse};
use super::frame::{Frame, Section};
use super::managed::Managed;
use crate::AppState;
use crate::pages::answer::{Answer, OrFail, failure, html};
use crate::pages::ctx::Ctx;
use crate::pages::extract::{Here, Params, infallible};
use crate::pages::form::{DONE, FormData, Rejected, refused};

#[derive(Template)]
#[template(path = "manage/cohort_edit.html")]
struct CohortEditPage<'a> {
    ctx: &'a Ctx,
    title: String,
    frame: Frame,
    list_href: String,
    slug: String,
    form: CohortForm,
}

/// The cohort behind a management address, once the gate let the viewer
/// manage the network it belongs to.
pub(super) struct ManagedCohort {
    m: Managed,
    stored: Cohort,
}

impl FromRequestParts<AppState> for ManagedCohort {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, s: &AppState) -> Result<Self, Response> {
        let m = Managed::gate::<Here>(parts, s).await?;
        let Params((_, cohort)) = Params::<(Slug, Slug)>::from_request_parts(parts, s).await?;
        match m.dir.cohort(&m.slug, &cohort).await {
            Ok(stored) => Ok(ManagedCohort { m, stored }),
            Err(e) => {
                let ctx = infallible(crate::pages::ctx::Ctx::from_request_parts(parts, s).await);
                Err(failure(&ctx, e))
            }
        }
    }
}

fn cohort_path(m: &Managed, cohort: &Slug) -> String {
    format!("{}/{cohort}", Section::Cohorts.path(&m.slug))
}

fn render(
    ctx: &Ctx,
    mc: &ManagedCohort,
    q: Option<&str>,
    submitted: Option<(&FormData, Rejected)>,
) -> Response {
    let (m, stored) = (&mc.m, &mc.stored);
    let f = submitted.as_ref().map(|(f, _)| *f);
    let action = ctx.href(&cohort_path(m, &stored.slug));
    let mut form = CohortForm::with(ctx, action, |k| match f {
        Some(f) => f.get(k),
        None => match k {
            "name" => stored.name.clone(),
            "year" => stored.year.map(|y| y.to_string()).unwrap_or_default(),
            "motto" => stored.motto.clone().unwrap_or_default(),
            _ => String::new(),
        },
    });
    let status = match submitted {
        Some((_, r)) => {
            let status = r.status;
            form.reject(r);
            status
        }
        None => StatusCode::OK,
    };
    let frame = Frame::item(
        ctx,
        m,
        Section::Cohorts,
        q,
        ctx.t1("manage-heading-cohort-edit", "cohort", stored.name.as_str()),
        &stored.name,
    );
    let page = CohortEditPage {
        ctx,
        title: frame.title(),
        frame,
        list_href: ctx.href(&Section::Cohorts.path(&m.slug)),
        slug: stored.slug.to_string(),
        form,
    };
    html(ctx, status, &page)
}

/// GET /netzwerke/{slug}/verwaltung/staffeln/{cohort}
pub(super) async fn edit(ctx: Ctx, mc: ManagedCohort, RawQuery(q): RawQuery) -> Response {
    render(&ctx, &mc, q.as_deref(), None)
}

/// POST /netzwerke/{slug}/verwaltung/staffeln/{cohort}
pub(super) async fn update(ctx: Ctx, mc: ManagedCohort, body: Bytes) -> Answer {
    let (m, stored) = (&mc.m, &mc.stored);
    let f = FormData::parse(&body);
    let rejected = match parse(&ctx, m, &f, Some(stored)) {
        Ok(new) => match m.dir.update_cohort(&m.slug, &stored.slug, &new).await {
            Ok(()) => {
                return Ok(DONE.done(&ctx, &Section::Cohorts.path(&m.slug), "cohort-saved"));
            }
            Err(e @ AppError::Denied(_)) => {
                return Err(refused(&ctx, e, &cohort_path(m, &stored.slug)));
            }
            Err(e) => Rejected::from_app(&ctx, e).or_fail(&ctx)?,
        },
        Err(r) => r,
    };
    Ok(render(&ctx, &mc, None, Some((&f, rejected))))
}
