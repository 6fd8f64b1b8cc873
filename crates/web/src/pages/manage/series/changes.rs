//! The forms that change one meeting of a series and take a change back.

use axum::body::Bytes;
use knotenpunkt_app::domain::Slug;

use super::edit::{ManagedSeries, Submitted, edit_path, render};
use super::meeting_change::parse;
use crate::pages::answer::{Answer, OrFail};
use crate::pages::ctx::Ctx;
use crate::pages::extract::{Day, Params};
use crate::pages::form::{DONE, FormData, Rejected};
use crate::pages::manage::managed::ToSection;

/// POST /netzwerke/{slug}/verwaltung/reihen/{series}/termin
pub(in crate::pages::manage) async fn exception(
    ctx: Ctx,
    ManagedSeries { m, series, .. }: ManagedSeries<ToSection>,
    body: Bytes,
) -> Answer {
    let f = FormData::parse(&body);
    let rejected = match parse(&ctx, &f) {
        Ok((date, change)) => {
            match m
                .dir
                .meetings()
                .set_exception(&series.slug, date, change)
                .await
            {
                Ok(()) => {
                    let back = edit_path(&m, &series.slug);
                    return Ok(DONE.done(&ctx, &back, "meeting-changed"));
                }
                Err(e) => Rejected::from_app(&ctx, e).or_fail(&ctx)?,
            }
        }
        Err(r) => r,
    };
    let submitted = Submitted::Exception(&f, rejected);
    render(&ctx, &m, &series, None, Some(submitted))
        .await
        .or_fail(&ctx)
}

/// POST /netzwerke/{slug}/verwaltung/reihen/{series}/termin/{date}/zuruecknehmen
pub(in crate::pages::manage) async fn undo(
    ctx: Ctx,
    ManagedSeries { m, series, .. }: ManagedSeries<ToSection>,
    Params((_, _, Day(date))): Params<(Slug, Slug, Day)>,
) -> Answer {
    m.dir
        .meetings()
        .delete_exceptions(&series.slug, date)
        .await
        .or_fail(&ctx)?;
    Ok(DONE.done(&ctx, &edit_path(&m, &series.slug), "change-undone"))
}
