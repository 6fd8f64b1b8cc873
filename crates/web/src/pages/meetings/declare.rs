//! POST /reihen/{series}/verhinderung: the dates the viewer's organisation
//! cannot host, replacing what it declared before among the offered ones.

use std::collections::BTreeSet;

use axum::body::Bytes;
use chrono::NaiveDate;
use knotenpunkt_app::Directory;
use knotenpunkt_app::domain::Slug;

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
    let org = speaking_for(&dir, &ctx, &slug, &back).await?;
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
    let found = dir.meetings().series_page(&slug).await.or_fail(&ctx)?;
    let offered = offered_dates(&found.schedule.meetings, found.today);
    let kept: BTreeSet<NaiveDate> = found
        .declaring
        .iter()
        .filter(|d| d.organization.slug == org)
        .flat_map(|d| d.declared.iter().copied())
        .filter(|d| !offered.contains(d))
        .collect();
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

/// The viewer's organisation, once the application lets the viewer speak
/// for it in the series; a refusal sends an anonymous visitor to sign in.
async fn speaking_for(
    dir: &Directory,
    ctx: &Ctx,
    slug: &Slug,
    back: &str,
) -> Result<Slug, axum::response::Response> {
    dir.meetings()
        .declaring_for(slug)
        .await
        .map_err(|e| refused(ctx, e, back))
}
