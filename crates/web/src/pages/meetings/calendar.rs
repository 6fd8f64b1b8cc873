//! A network's calendar: its series with their feeds, and the meetings of
//! the coming and the past months.

use askama::Template;
use axum::http::StatusCode;
use knotenpunkt_app::domain::{PartialDate, Slug};
use knotenpunkt_app::{SeriesFilter, Window};

use super::rhythm::rhythm;
use crate::auth::Dir;
use crate::pages::answer::{Answer, OrFail, html};
use crate::pages::ctx::Ctx;
use crate::pages::extract::Params;
use crate::pages::ui::{Crumb, Link, MeetingRow, network_feed, series_feed, series_href, split};

/// A month of a long list of meetings, under its own heading.
struct MonthGroup {
    heading: String,
    rows: Vec<MeetingRow>,
}

/// Groups rows (already in display order) by the month they take place in.
fn by_month(ctx: &Ctx, rows: Vec<MeetingRow>) -> Vec<MonthGroup> {
    let mut out: Vec<(String, MonthGroup)> = Vec::new();
    for r in rows {
        let month = r.iso.get(..7).unwrap_or_default().to_owned();
        match out.last_mut() {
            Some((m, g)) if *m == month => g.rows.push(r),
            _ => {
                let heading = month
                    .parse::<PartialDate>()
                    .map(|d| ctx.date(&d))
                    .unwrap_or_else(|_| month.clone());
                out.push((
                    month,
                    MonthGroup {
                        heading,
                        rows: vec![r],
                    },
                ));
            }
        }
    }
    out.into_iter().map(|(_, g)| g).collect()
}

struct SeriesEntry {
    link: Link,
    feed: String,
    rhythm: Option<String>,
}

#[derive(Template)]
#[template(path = "calendar.html")]
struct CalendarPage<'a> {
    ctx: &'a Ctx,
    title: String,
    heading: String,
    crumbs: Vec<Crumb>,
    intro: String,
    network_name: String,
    network_feed: String,
    series: Vec<SeriesEntry>,
    upcoming: Vec<MonthGroup>,
    past: Vec<MonthGroup>,
}

/// GET /netzwerke/{slug}/kalender
pub(super) async fn page(Dir(dir): Dir, ctx: Ctx, Params(slug): Params<Slug>) -> Answer {
    let network = dir.network(&slug).await.or_fail(&ctx)?;
    let today = dir.app().today();
    let window = Window::around(today);
    let series = dir
        .series_list(&SeriesFilter {
            network: Some(slug.clone()),
            ..SeriesFilter::default()
        })
        .await
        .or_fail(&ctx)?;
    let meetings = dir.network_meetings(&slug, window).await.or_fail(&ctx)?;
    let (upcoming, past) = split(&ctx, &meetings, today);
    let network_href = ctx.href(&format!("/netzwerke/{slug}"));
    let page = CalendarPage {
        ctx: &ctx,
        title: ctx.t1("calendar-title", "network", network.name.as_str()),
        heading: ctx.t1("calendar-heading", "network", network.name.as_str()),
        crumbs: vec![
            Crumb::link(ctx.t("nav-networks"), ctx.href("/netzwerke")),
            Crumb::link(network.name.clone(), network_href),
            Crumb::here(ctx.t("nav-calendar")),
        ],
        intro: ctx.t2(
            "calendar-intro",
            "from",
            ctx.day(window.from),
            "to",
            ctx.day(window.to),
        ),
        network_feed: network_feed(&slug),
        network_name: network.name,
        series: series
            .iter()
            .map(|s| SeriesEntry {
                link: Link {
                    text: s.title.clone(),
                    href: series_href(&ctx, &s.slug),
                },
                feed: series_feed(&s.slug),
                rhythm: rhythm(&ctx, s),
            })
            .collect(),
        upcoming: by_month(&ctx, upcoming),
        past: by_month(&ctx, past),
    };
    Ok(html(&ctx, StatusCode::OK, &page))
}
