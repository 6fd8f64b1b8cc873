//! A meeting's page: when, where and who hosts, its agenda, minutes and
//! attendance, its neighbours in the series — and the forms the viewer may
//! use there.

use askama::Template;
use axum::extract::RawQuery;
use axum::http::StatusCode;
use chrono::NaiveDate;
use knotenpunkt_app::domain::Slug;
use knotenpunkt_app::{
    AppError, Lounge, Meeting, MeetingPage as MeetingView, MeetingStatus, Meetings, OrgRef,
    SeriesOwner,
};

use super::meeting_forms::{
    AgendaForm, AgendaView, AttendanceForm, MinutesForm, Posted, Which, agenda_form,
    attendance_form, minutes_form,
};
use super::owner::{Owner, place};
use crate::auth::Use;
use crate::pages::answer::{Answer, error_page, html};
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
    /// The evening's lounge, when the series is one the reader may see.
    lounge_href: Option<String>,
}

/// GET /reihen/{slug}/{date}
pub(super) async fn page(
    Use(meetings): Use<Meetings>,
    Use(lounge): Use<Lounge>,
    ctx: Ctx,
    Params((slug, Day(date))): Params<(Slug, Day)>,
    RawQuery(q): RawQuery,
) -> Answer {
    meeting_page(&meetings, &lounge, &ctx, &slug, date, q.as_deref(), None).await
}

/// A meeting's page, with the forms the viewer may use; `posted` is a form
/// that came back with problems (the page then answers 422 or what the
/// problem says). A signed-in reader gets the link to the evening's lounge
/// when the series is one.
pub(super) async fn meeting_page(
    meetings: &Meetings,
    lounge: &Lounge,
    ctx: &Ctx,
    slug: &Slug,
    date: NaiveDate,
    q: Option<&str>,
    posted: Option<Posted>,
) -> Answer {
    if (date - meetings.today()).num_days() > MAX_AHEAD_DAYS {
        return Err(error_page(ctx, StatusCode::NOT_FOUND));
    }
    let found = match meetings
        .meeting_page(slug, date, NEIGHBOURS_WITHIN_DAYS)
        .await
    {
        Ok(p) => p,
        // The engine refuses a date it cannot expand to: no such meeting.
        Err(AppError::Invalid(_)) => return Err(error_page(ctx, StatusCode::NOT_FOUND)),
        Err(e) => return Err(crate::pages::answer::failure(ctx, e)),
    };
    let MeetingView {
        series: s,
        owner,
        detail,
        rotation,
        previous,
        next,
        can,
        own,
    } = found;
    let place = place(ctx, &owner);
    let lounge_href = match &owner {
        SeriesOwner::Network { slug: n, .. } if ctx.user().is_some() => lounge
            .is_lounge(slug, n)
            .await
            .map_err(|e| crate::pages::answer::failure(ctx, e))?
            .then(|| ctx.href(&format!("{}/lounge", meeting_path(slug, date)))),
        _ => None,
    };
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
        .chain(rotation.iter())
        .chain(detail.attendance.iter())
        .collect();
    let base = meeting_path(slug, date);
    // Raised in the name of the viewer's organisation, as the meeting
    // names it, or as the directory does.
    let own = own.filter(|_| can.contribute).map(|o| {
        names
            .iter()
            .find(|r| r.slug == o.slug)
            .map_or(o.name, |r| r.name.clone())
    });
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
    let link = |m: &Meeting| {
        (
            Link {
                text: ctx.weekday_day(m.start.date_naive()),
                href: meeting_href(ctx, &m.series, m.date),
            },
            m.start.to_rfc3339(),
        )
    };

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
        previous: previous.as_ref().map(link),
        next: next.as_ref().map(link),
        feed: series_feed(slug),
        saved: SAVED.shown(ctx, q),
        agenda_form,
        minutes_form,
        attendance_form,
        lounge_href,
    };
    Ok(html(ctx, status, &page))
}
