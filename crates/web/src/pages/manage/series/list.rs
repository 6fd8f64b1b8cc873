//! A network's meeting series: the list, and the form for a new series.

use askama::Template;
use axum::body::Bytes;
use axum::extract::RawQuery;
use axum::http::StatusCode;
use axum::response::Response;
use knotenpunkt_app::{AppError, SeriesFilter};

use super::build::{build, hosting_text};
use super::form::{Hosts, SeriesForm, Values};
use crate::pages::answer::{Answer, OrFail, html};
use crate::pages::ctx::Ctx;
use crate::pages::form::{DONE, FormData, Rejected};
use crate::pages::manage::frame::{Frame, Section};
use crate::pages::manage::managed::Managed;
use crate::pages::meetings::rhythm::rhythm;

struct ListRow {
    title: String,
    href: String,
    edit_href: String,
    rhythm: String,
    hosting: String,
}

#[derive(Template)]
#[template(path = "manage/series_list.html")]
struct ListPage<'a> {
    ctx: &'a Ctx,
    title: String,
    frame: Frame,
    caption: String,
    rows: Vec<ListRow>,
    form: SeriesForm,
}

async fn render(
    ctx: &Ctx,
    m: &Managed,
    q: Option<&str>,
    values: Values,
    rejected: Option<Rejected>,
) -> Result<Response, AppError> {
    let list = m
        .dir
        .series_list(&SeriesFilter {
            network: Some(m.slug.clone()),
            ..SeriesFilter::default()
        })
        .await?;
    let base = Section::Series.path(&m.slug);
    let hosts = Hosts::of(m).await?;
    let rows = list
        .iter()
        .map(|x| ListRow {
            title: x.title.clone(),
            href: ctx.href(&format!("/reihen/{}", x.slug)),
            edit_href: ctx.href(&format!("{base}/{}", x.slug)),
            rhythm: rhythm(ctx, x).unwrap_or_else(|| x.rule.clone()),
            hosting: hosting_text(ctx, x, &hosts),
        })
        .collect();
    let cohorts = m.dir.cohorts(Some(&m.slug)).await?;
    let mut form = SeriesForm::new(ctx, ctx.href(&base), None, values, &hosts, &cohorts);
    form.submit = ctx.t("manage-series-create");
    let status = match rejected {
        Some(r) => {
            let status = r.status;
            form.reject(r);
            status
        }
        None => StatusCode::OK,
    };
    let frame = Frame::new(ctx, m, Section::Series, q);
    let page = ListPage {
        ctx,
        title: frame.title(),
        caption: ctx.t1("manage-series-caption", "network", frame.network.as_str()),
        frame,
        rows,
        form,
    };
    Ok(html(ctx, status, &page))
}

/// GET /netzwerke/{slug}/verwaltung/reihen
pub(in crate::pages::manage) async fn list(ctx: Ctx, m: Managed, RawQuery(q): RawQuery) -> Answer {
    render(&ctx, &m, q.as_deref(), Values::fresh(), None)
        .await
        .or_fail(&ctx)
}

/// POST /netzwerke/{slug}/verwaltung/reihen
pub(in crate::pages::manage) async fn create(ctx: Ctx, m: Managed, body: Bytes) -> Answer {
    let back = Section::Series.path(&m.slug);
    let values = Values::submitted(&FormData::parse(&body));
    let rejected = match build(&ctx, &m, &values, None) {
        Ok(series) => match m.dir.meetings().create_series(&series).await {
            Ok(()) => {
                return Ok(DONE.done(&ctx, &back, "series-created"));
            }
            Err(e) => Rejected::from_app(&ctx, e).or_fail(&ctx)?,
        },
        Err(r) => r,
    };
    render(&ctx, &m, None, values, Some(rejected))
        .await
        .or_fail(&ctx)
}
