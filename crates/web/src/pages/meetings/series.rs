//! A series' page: what it is and how it runs, its coming and past
//! meetings, its feed, and for a signed-in reader the follow form and —
//! for a member of an organisation in the rotation — the dates it cannot
//! host.

use askama::Template;
use axum::extract::RawQuery;
use axum::http::StatusCode;
use chrono::{Duration, NaiveDate, NaiveDateTime};
use knotenpunkt_app::domain::{HolidayRule, HostingKind, RotationOrder, Series, Slug};
use knotenpunkt_app::{AppError, Directory, MeetingStatus, SeriesSchedule};

use super::owner::{Owner, place};
use super::rhythm::rhythm;
use super::unavailable::{self, UnavailableForm};
use crate::auth::{Dir, Via, Viewer};
use crate::pages::answer::{Answer, OrFail, html};
use crate::pages::ctx::Ctx;
use crate::pages::extract::Params;
use crate::pages::form::{FormData, Rejected, SAVED};
use crate::pages::ui::{Crumb, Link, MeetingRow, series_feed, split};

/// Upcoming meetings a series' page lists; the feed has the rest.
const SERIES_UPCOMING: usize = 10;
/// Past meetings a series' page lists, the most recent first.
const SERIES_PAST: usize = 6;

#[derive(Template)]
#[template(path = "series.html")]
struct SeriesPage<'a> {
    ctx: &'a Ctx,
    title: String,
    crumbs: Vec<Crumb>,
    description: Option<String>,
    rhythm: Option<String>,
    rule: String,
    first: Option<(String, String)>,
    next: Option<MeetingRow>,
    time: Option<String>,
    duration: String,
    time_zone: String,
    holidays: String,
    hosting: String,
    fixed_host: Option<Link>,
    /// In the engine's order of turns.
    rotation: Vec<Link>,
    video: Option<String>,
    owner: Option<Owner>,
    calendar_href: Option<String>,
    upcoming: Vec<MeetingRow>,
    more_upcoming: usize,
    past: Vec<MeetingRow>,
    notices: Vec<String>,
    feed: String,
    /// For a signed-in reader: the follow form's address and whether they
    /// follow the series already.
    follow: Option<(String, bool)>,
    saved: Option<String>,
    /// For a member of a rotating organisation: the dates it cannot host.
    unavailable: Option<UnavailableForm>,
}

/// GET /reihen/{slug}
pub(super) async fn page(
    Dir(dir): Dir,
    ctx: Ctx,
    v: Viewer,
    Params(slug): Params<Slug>,
    RawQuery(q): RawQuery,
) -> Answer {
    series_page(&dir, &ctx, &v, &slug, q.as_deref(), None).await
}

/// A series' page; `posted` is the unavailability form come back with
/// its input (the ticked dates) and problems.
pub(super) async fn series_page(
    dir: &Directory,
    ctx: &Ctx,
    v: &Viewer,
    slug: &Slug,
    q: Option<&str>,
    posted: Option<(FormData, Rejected)>,
) -> Answer {
    let found = dir.meetings().series_page(slug).await.or_fail(ctx)?;
    let today = found.today;
    let schedule = &found.schedule;
    let s = &schedule.series;
    let place = place(ctx, &found.owner);
    let mut crumbs = place.crumbs;
    crumbs.push(Crumb::here(s.title.clone()));
    let meetings = Meetings::new(ctx, schedule, today);
    let start = parse_start(&s.start);
    let follow = follow(dir, ctx, v, slug).await.or_fail(ctx)?;
    let status = posted
        .as_ref()
        .map(|(_, r)| r.status)
        .unwrap_or(StatusCode::OK);
    let unavailable = found
        .declaring
        .as_ref()
        .map(|d| unavailable::form(ctx, schedule, d, today, posted));
    let page = SeriesPage {
        ctx,
        title: s.title.clone(),
        crumbs,
        description: s.description.clone(),
        rhythm: rhythm(ctx, s),
        rule: s.rule.clone(),
        first: start.map(|st| first(ctx, st)),
        next: meetings.next,
        time: start.map(|st| time(ctx, st, s.duration_minutes)),
        duration: ctx.t1("series-duration-minutes", "minutes", s.duration_minutes),
        time_zone: s.time_zone.clone(),
        holidays: holidays(ctx, s.holidays),
        hosting: hosting(ctx, s),
        fixed_host: fixed_host(ctx, schedule),
        rotation: schedule
            .rotation
            .iter()
            .map(|o| Link::org(ctx, o))
            .collect(),
        video: s.video_url.clone(),
        owner: place.owner,
        calendar_href: place.calendar_href,
        upcoming: meetings.upcoming,
        more_upcoming: meetings.more_upcoming,
        past: meetings.past,
        notices: schedule.notices.clone(),
        feed: series_feed(&s.slug),
        follow,
        saved: SAVED.shown(ctx, q),
        unavailable,
    };
    Ok(html(ctx, status, &page))
}

/// The meetings the page lists.
struct Meetings {
    /// The next one that takes place.
    next: Option<MeetingRow>,
    upcoming: Vec<MeetingRow>,
    /// How many more are coming than the page lists.
    more_upcoming: usize,
    past: Vec<MeetingRow>,
}

impl Meetings {
    fn new(ctx: &Ctx, schedule: &SeriesSchedule, today: NaiveDate) -> Meetings {
        let (mut upcoming, mut past) = split(ctx, &schedule.meetings, today);
        let next = schedule
            .meetings
            .iter()
            .find(|m| m.start.date_naive() >= today && m.status != MeetingStatus::Cancelled)
            .map(|m| MeetingRow::new(ctx, m));
        let more_upcoming = upcoming.len().saturating_sub(SERIES_UPCOMING);
        upcoming.truncate(SERIES_UPCOMING);
        past.truncate(SERIES_PAST);
        Meetings {
            next,
            upcoming,
            more_upcoming,
            past,
        }
    }
}

/// The first meeting as the coordinator wrote it, `2025-01-30T17:00`.
fn parse_start(start: &str) -> Option<NaiveDateTime> {
    ["%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S"]
        .iter()
        .find_map(|f| NaiveDateTime::parse_from_str(start, f).ok())
}

/// The first meeting for `<time datetime>` and as words.
fn first(ctx: &Ctx, start: NaiveDateTime) -> (String, String) {
    (
        start.format("%Y-%m-%dT%H:%M").to_string(),
        format!(
            "{}, {}",
            ctx.weekday_day(start.date()),
            start.time().format("%H:%M")
        ),
    )
}

/// "17:00–18:30 Uhr".
fn time(ctx: &Ctx, start: NaiveDateTime, minutes: u32) -> String {
    let end = start.time() + Duration::minutes(i64::from(minutes));
    ctx.t2(
        "meeting-time",
        "start",
        start.time().format("%H:%M").to_string(),
        "end",
        end.format("%H:%M").to_string(),
    )
}

/// What happens to a meeting on a public holiday.
fn holidays(ctx: &Ctx, rule: HolidayRule) -> String {
    let mut text = ctx.t(match rule {
        HolidayRule::Keep => "holidays-keep",
        HolidayRule::EarlierWeek => "holidays-earlier-week",
        HolidayRule::NextWorkday => "holidays-next-workday",
        HolidayRule::Skip => "holidays-skip",
    });
    if rule != HolidayRule::Keep {
        text.push(' ');
        text.push_str(&ctx.t("holidays-scope"));
    }
    text
}

/// Who hosts, in words.
fn hosting(ctx: &Ctx, s: &Series) -> String {
    match s.hosting {
        HostingKind::None => ctx.t("hosting-none"),
        HostingKind::Fixed => ctx.t("hosting-fixed"),
        HostingKind::Rotation => ctx.t1(
            "hosting-rotation",
            "order",
            ctx.t(match s.rotation_order {
                RotationOrder::JoinOrder => "rotation-order-join-order",
                RotationOrder::Alphabetical => "rotation-order-alphabetical",
                RotationOrder::Explicit => "rotation-order-explicit",
            }),
        ),
    }
}

/// The fixed host: its name comes with its meetings; the slug is the
/// fallback.
fn fixed_host(ctx: &Ctx, schedule: &SeriesSchedule) -> Option<Link> {
    let s = &schedule.series;
    let (HostingKind::Fixed, Some(h)) = (s.hosting, &s.host) else {
        return None;
    };
    Some(
        schedule
            .meetings
            .iter()
            .filter_map(|m| m.host.as_ref())
            .find(|o| &o.slug == h)
            .map(|o| Link::org(ctx, o))
            .unwrap_or_else(|| Link {
                text: h.to_string(),
                href: ctx.href(&format!("/organisationen/{h}")),
            }),
    )
}

/// For a reader signed in with a browser: the follow form's address and
/// whether they follow the series already.
async fn follow(
    dir: &Directory,
    ctx: &Ctx,
    v: &Viewer,
    slug: &Slug,
) -> Result<Option<(String, bool)>, AppError> {
    match v.person.as_ref().filter(|_| v.via == Via::Session) {
        Some(p) => Ok(Some((
            ctx.href(&format!("/reihen/{slug}/folgen")),
            dir.follows(p.id).await?.contains(slug),
        ))),
        None => Ok(None),
    }
}
