//! A meeting's page: when, where and who hosts, its agenda, minutes and
//! attendance, its neighbours in the series — and the forms the viewer may
//! use there.

use askama::Template;
use axum::extract::RawQuery;
use axum::http::StatusCode;
use chrono::{Duration, NaiveDate};
use knotenpunkt_app::domain::Slug;
use knotenpunkt_app::{AppError, Directory, Meeting, MeetingStatus, OrgRef, SeriesIntent, Window};

use super::meeting_forms::{
    AgendaForm, AgendaView, AttendanceForm, MinutesForm, Posted, Which, agenda_form,
    attendance_form, minutes_form,
};
use super::owner::{Owner, place};
use crate::auth::{Dir, Viewer};
use crate::pages::answer::{Answer, OrFail, error_page, html};
use crate::pages::ctx::Ctx;
use crate::pages::extract::{Day, Params};
use crate::pages::form::SAVED;
use crate::pages::ui::{
    Crumb, Link, MeetingRow, meeting_href, meeting_path, series_feed, series_href,
};

/// How far ahead a meeting's page is computed, in days (ten years): a
/// far-off date is no meeting anyone links to, and expanding a rule that
/// far would only cost time.
const MAX_AHEAD_DAYS: i64 = 3660;

/// How far before and after a meeting its neighbours are looked for.
const NEIGHBOURS_WITHIN_DAYS: i64 = 62;

#[derive(Template)]
#[template(path = "meeting.html")]
struct MeetingPage<'a> {
    ctx: &'a Ctx,
    title: String,
    heading: String,
    crumbs: Vec<Crumb>,
    row: MeetingRow,
    cancelled: bool,
    video: Option<String>,
    owner: Option<Owner>,
    agenda: Vec<AgendaView>,
    minutes: Option<String>,
    attendance: Vec<Link>,
    previous: Option<(Link, String)>,
    next: Option<(Link, String)>,
    feed: String,
    saved: Option<String>,
    agenda_form: Option<AgendaForm>,
    minutes_form: Option<MinutesForm>,
    attendance_form: Option<AttendanceForm>,
}

/// GET /reihen/{slug}/{date}
pub(super) async fn page(
    Dir(dir): Dir,
    ctx: Ctx,
    v: Viewer,
    Params((slug, Day(date))): Params<(Slug, Day)>,
    RawQuery(q): RawQuery,
) -> Answer {
    meeting_page(&dir, &ctx, &v, &slug, date, q.as_deref(), None).await
}

/// A meeting's page, with the forms the viewer may use; `posted` is a form
/// that came back with problems (the page then answers 422 or what the
/// problem says).
pub(super) async fn meeting_page(
    dir: &Directory,
    ctx: &Ctx,
    v: &Viewer,
    slug: &Slug,
    date: NaiveDate,
    q: Option<&str>,
    posted: Option<Posted>,
) -> Answer {
    if (date - knotenpunkt_app::today()).num_days() > MAX_AHEAD_DAYS {
        return Err(error_page(ctx, StatusCode::NOT_FOUND));
    }
    let detail = match dir.meeting(slug, date).await {
        Ok(d) => d,
        // The engine refuses a date it cannot expand to: no such meeting.
        Err(AppError::Invalid(_)) => return Err(error_page(ctx, StatusCode::NOT_FOUND)),
        Err(e) => return Err(crate::pages::answer::failure(ctx, e)),
    };
    let s = dir.series(slug).await.or_fail(ctx)?;
    let place = place(dir, ctx, &s).await.or_fail(ctx)?;
    let around = Neighbours::of(dir, ctx, slug, date).await.or_fail(ctx)?;
    let can = Can::ask(dir, v, slug).await;
    let status = posted
        .as_ref()
        .map(|p| p.rejected.status)
        .unwrap_or(StatusCode::OK);
    let mut posted = posted;
    let mut posted_for = |w: Which| posted.take_if(|p| p.which == w);
    let names: Vec<&OrgRef> = detail
        .meeting
        .host
        .iter()
        .chain(around.rotation.iter())
        .chain(detail.attendance.iter())
        .collect();
    let base = meeting_path(slug, date);
    let own = if can.contribute {
        own_organization(dir, v, &names).await
    } else {
        None
    };
    let agenda_form = can
        .contribute
        .then(|| agenda_form(ctx, &base, own, posted_for(Which::Agenda)));
    let minutes_form = can
        .record
        .then(|| minutes_form(ctx, &base, &detail, posted_for(Which::Minutes)));
    let attendance_form = can
        .record
        .then(|| attendance_form(ctx, &base, &names, &detail, posted_for(Which::Attendance)));
    let remove_base = can
        .manage
        .then(|| ctx.href(&format!("{base}/tagesordnung")));

    let m = &detail.meeting;
    let day = ctx.weekday_day(m.start.date_naive());
    let mut crumbs = place.crumbs;
    crumbs.push(Crumb::link(s.title.clone(), series_href(ctx, slug)));
    crumbs.push(Crumb::here(day.clone()));
    let named = |id: &str| ctx.t2(id, "series", m.title.as_str(), "date", day.as_str());
    let page = MeetingPage {
        ctx,
        title: named("meeting-title"),
        heading: named("meeting-heading"),
        crumbs,
        row: MeetingRow::new(ctx, m),
        cancelled: m.status == MeetingStatus::Cancelled,
        video: m.video_url.clone(),
        owner: place.owner,
        agenda: detail
            .agenda
            .iter()
            .map(|a| AgendaView::new(ctx, a, remove_base.as_deref()))
            .collect(),
        minutes: detail.minutes.clone(),
        attendance: detail
            .attendance
            .iter()
            .map(|o| Link::org(ctx, o))
            .collect(),
        previous: around.previous,
        next: around.next,
        feed: series_feed(slug),
        saved: SAVED.shown(ctx, q),
        agenda_form,
        minutes_form,
        attendance_form,
    };
    Ok(html(ctx, status, &page))
}

/// The meetings before and after one in its series, for stepping through
/// them, and the series' rotation.
struct Neighbours {
    previous: Option<(Link, String)>,
    next: Option<(Link, String)>,
    rotation: Vec<OrgRef>,
}

impl Neighbours {
    async fn of(
        dir: &Directory,
        ctx: &Ctx,
        slug: &Slug,
        date: NaiveDate,
    ) -> Result<Neighbours, AppError> {
        let within = Duration::days(NEIGHBOURS_WITHIN_DAYS);
        let window = Window::new(date - within, date + within)?;
        let around = dir.series_schedule(slug, window).await?;
        let link = |m: &Meeting| {
            (
                Link {
                    text: ctx.weekday_day(m.start.date_naive()),
                    href: meeting_href(ctx, &m.series, m.date),
                },
                m.start.to_rfc3339(),
            )
        };
        Ok(Neighbours {
            previous: around
                .meetings
                .iter()
                .rev()
                .find(|m| m.date < date)
                .map(link),
            next: around.meetings.iter().find(|m| m.date > date).map(link),
            rotation: around.rotation,
        })
    }
}

/// Which forms the page shows: the same questions the writes ask.
struct Can {
    contribute: bool,
    manage: bool,
    record: bool,
}

impl Can {
    async fn ask(dir: &Directory, v: &Viewer, slug: &Slug) -> Can {
        let may = |intent| dir.may_series(&v.actor, slug, intent);
        Can {
            contribute: may(SeriesIntent::Contribute).await.is_ok(),
            manage: may(SeriesIntent::Manage).await.is_ok(),
            record: may(SeriesIntent::Record).await.is_ok(),
        }
    }
}

/// The name of the viewer's own organisation, to raise a point in its name:
/// as the meeting names it, or as the directory does.
async fn own_organization(dir: &Directory, v: &Viewer, names: &[&OrgRef]) -> Option<String> {
    let Some(Ok(o)) = v.actor.organization.as_deref().map(str::parse::<Slug>) else {
        return None;
    };
    match names.iter().find(|r| r.slug == o) {
        Some(r) => Some(r.name.clone()),
        None => Some(
            dir.organization(&o)
                .await
                .map(|x| x.name)
                .unwrap_or_else(|_| o.to_string()),
        ),
    }
}
