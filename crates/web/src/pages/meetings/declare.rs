//! POST /reihen/{series}/verhinderung: the dates the viewer's organisation
//! cannot host, replacing what it declared before among the offered ones.

use std::collections::BTreeSet;

use axum::body::Bytes;
use chrono::NaiveDate;
use knotenpunkt_app::access::Denial;
use knotenpunkt_app::domain::Slug;
use knotenpunkt_app::{AppError, Directory, SeriesIntent, Window};

use super::series::series_page;
use super::unavailable::offered_dates;
use crate::auth::{Dir, Viewer};
use crate::pages::answer::{Answer, OrFail};
use crate::pages::ctx::Ctx;
use crate::pages::extract::Params;
use crate::pages::form::{FormData, Rejected, SAVED, refused};

/// POST /reihen/{slug}/verhinderung
pub(super) async fn unavailable(
    Dir(dir): Dir,
    ctx: Ctx,
    v: Viewer,
    Params(slug): Params<Slug>,
    body: Bytes,
) -> Answer {
    let back = format!("/reihen/{slug}");
    let org = speaking_for(&dir, &ctx, &v, &slug, &back).await?;
    let f = FormData::parse(&body);
    let (d, c, who, s) = (&dir, &ctx, &v, &slug);
    let again = move |f: FormData, r: Rejected| series_page(d, c, who, s, None, Some((f, r)));
    let wrong_date = || Rejected::field("dates", ctx.t("meeting-form-error-date"));
    let Some(mut dates) = f
        .all("dates")
        .iter()
        .map(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
        .collect::<Option<BTreeSet<NaiveDate>>>()
    else {
        return again(f, wrong_date()).await;
    };
    // Dates declared outside the ones the form offers stay as they were.
    let today = dir.app().today();
    let schedule = dir
        .series_schedule(&slug, Window::around(today))
        .await
        .or_fail(&ctx)?;
    let offered = offered_dates(&schedule.meetings, today);
    let kept: BTreeSet<NaiveDate> = dir
        .store()
        .meeting_records(&slug)
        .await
        .map_err(AppError::from)
        .or_fail(&ctx)?
        .unavailable
        .get(&org)
        .map(|set| {
            set.iter()
                .copied()
                .filter(|d| !offered.contains(d))
                .collect()
        })
        .unwrap_or_default();
    // Only offered dates can be ticked.
    if dates.iter().any(|d| !offered.contains(d)) {
        return again(f, wrong_date()).await;
    }
    dates.extend(kept);
    match dir.meetings().set_unavailable(&slug, &org, &dates).await {
        Ok(()) => Ok(SAVED.done(&ctx, &back, "unavailable")),
        Err(e) => again(f, Rejected::from_app(&ctx, e).or_fail(&ctx)?).await,
    }
}

/// The viewer's organisation, once the policy lets the viewer speak for it
/// in the series; without an organisation there is nobody to speak for,
/// and the answer is the policy's for anyone else.
async fn speaking_for(
    dir: &Directory,
    ctx: &Ctx,
    v: &Viewer,
    slug: &Slug,
    back: &str,
) -> Result<Slug, axum::response::Response> {
    let Some(Ok(org)) = v.actor.organization.as_deref().map(str::parse::<Slug>) else {
        let e = match dir.may_series(&v.actor, slug, SeriesIntent::Manage).await {
            Err(e) => e,
            Ok(()) => AppError::Denied(Denial::Forbidden),
        };
        return Err(refused(ctx, e, back));
    };
    dir.may_series(&v.actor, slug, SeriesIntent::DeclareUnavailable(&org))
        .await
        .map_err(|e| refused(ctx, e, back))?;
    Ok(org)
}
