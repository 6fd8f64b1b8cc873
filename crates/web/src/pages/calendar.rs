//! Meeting series for people: a network's calendar, a series' page and one
//! meeting's page, plus the pieces the network and organisation pages borrow
//! (the next meeting, the next turns as host).
//!
//! Times are shown as the series keeps them: local wall-clock time of the
//! series' time zone, the date the rule gave a meeting staying its address
//! even when a holiday moved it.

use askama::Template;
use axum::extract::{Path, RawQuery};
use axum::http::StatusCode;
use axum::response::Response;
use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime, Weekday};
use knotenpunkt_app::domain::{HolidayRule, HostingKind, RotationOrder, Series, Slug, Visibility};
use knotenpunkt_app::{
    AgendaItem, Directory, HostSource, Meeting, MeetingStatus, OrgRef, SeriesFilter, SeriesIntent,
    Window,
};

use super::manage::{Control, FormData, OptGroup, Problem, Rejected, SummaryItem, options};
use super::meeting_forms::MAX_AGENDA;
use super::{Ctx, error_page, failure, html};
use crate::auth::{Dir, Via, Viewer};
use crate::pages::form::SAVED;

/// Upcoming meetings a series' page lists; the feed has the rest.
const SERIES_UPCOMING: usize = 10;
/// Past meetings a series' page lists, the most recent first.
const SERIES_PAST: usize = 6;
/// How far ahead a meeting's page is computed, in days (ten years).
const MAX_AHEAD_DAYS: i64 = 3660;

/// One step of the breadcrumb trail; the last one is the page itself.
pub(crate) struct Crumb {
    text: String,
    href: Option<String>,
}

impl Crumb {
    fn link(text: String, href: String) -> Crumb {
        Crumb {
            text,
            href: Some(href),
        }
    }

    fn here(text: String) -> Crumb {
        Crumb { text, href: None }
    }
}

/// A link with its visible text.
pub(crate) struct Link {
    pub(super) text: String,
    pub(super) href: String,
}

fn org_link(ctx: &Ctx, o: &OrgRef) -> Link {
    Link {
        text: o.name.clone(),
        href: ctx.href(&format!("/organisationen/{}", o.slug)),
    }
}

pub(crate) fn series_href(ctx: &Ctx, slug: &Slug) -> String {
    ctx.href(&format!("/reihen/{slug}"))
}

pub(crate) fn meeting_href(ctx: &Ctx, series: &Slug, date: NaiveDate) -> String {
    ctx.href(&format!("/reihen/{series}/{}", date.format("%Y-%m-%d")))
}

/// The feed addresses are the same in every language: a calendar program
/// subscribes once.
fn series_feed(slug: &Slug) -> String {
    format!("/kalender/reihen/{slug}.ics")
}

fn network_feed(slug: &Slug) -> String {
    format!("/kalender/netzwerke/{slug}.ics")
}

/// One meeting as lists and pages show it.
pub(crate) struct MeetingRow {
    /// The meeting's page.
    pub(super) href: String,
    /// Start for `<time datetime>`, with its UTC offset.
    pub(super) iso: String,
    /// "Do., 26.11.2026, 16:00–17:30".
    pub(super) when: String,
    pub(super) series: Link,
    pub(super) host: Option<Link>,
    /// How the host came to host, when not by the plain rule.
    pub(super) host_note: Option<String>,
    /// `planned`, `moved` or `cancelled`, for the style.
    pub(super) status_class: &'static str,
    /// "verschoben wegen", "abgesagt:", "findet statt".
    pub(super) status: String,
    /// The holiday or the coordinator's note, in the language it was written in.
    pub(super) reason: Option<String>,
    /// "ursprünglich Do., 29.05.2025" when the meeting moved to another day.
    pub(super) originally: Option<String>,
    /// The original day for `<time datetime>`.
    pub(super) original_iso: String,
}

impl MeetingRow {
    pub(crate) fn new(ctx: &Ctx, m: &Meeting) -> MeetingRow {
        let (status_class, status) = match (m.status, m.holiday, m.reason.is_some()) {
            (MeetingStatus::Planned, _, _) => ("planned", "status-planned"),
            (MeetingStatus::Moved, true, true) => ("moved", "status-moved-holiday"),
            (MeetingStatus::Moved, false, true) => ("moved", "status-moved-note"),
            (MeetingStatus::Moved, _, false) => ("moved", "status-moved"),
            (MeetingStatus::Cancelled, true, true) => ("cancelled", "status-cancelled-holiday"),
            (MeetingStatus::Cancelled, false, true) => ("cancelled", "status-cancelled-note"),
            (MeetingStatus::Cancelled, _, false) => ("cancelled", "status-cancelled"),
        };
        let day = m.start.date_naive();
        MeetingRow {
            href: meeting_href(ctx, &m.series, m.date),
            iso: m.start.to_rfc3339(),
            when: when(ctx, m),
            series: Link {
                text: m.title.clone(),
                href: series_href(ctx, &m.series),
            },
            host: m.host.as_ref().map(|h| org_link(ctx, h)),
            host_note: match m.host_source {
                HostSource::Manual => Some(ctx.t("host-manual")),
                HostSource::Swapped => Some(ctx.t("host-swapped")),
                _ => None,
            },
            status_class,
            status: ctx.t(status),
            reason: if m.status == MeetingStatus::Planned {
                None
            } else {
                m.reason.clone()
            },
            originally: (day != m.date)
                .then(|| ctx.t1("status-originally", "date", ctx.weekday_day(m.date))),
            original_iso: m.date.format("%Y-%m-%d").to_string(),
        }
    }
}

/// "Do., 26.11.2026, 16:00–17:30" in the meeting's own time zone.
fn when(ctx: &Ctx, m: &Meeting) -> String {
    let day = m.start.date_naive();
    ctx.tn(
        "meeting-when",
        &[
            ("weekday", &ctx.weekday_short(day.weekday())),
            ("date", &ctx.day(day)),
            ("start", &m.start.format("%H:%M").to_string()),
            ("end", &m.end.format("%H:%M").to_string()),
        ],
    )
}

/// Splits meetings (sorted by start) at `today`: those from today on in
/// order, the earlier ones the most recent first.
fn split(ctx: &Ctx, meetings: &[Meeting], today: NaiveDate) -> (Vec<MeetingRow>, Vec<MeetingRow>) {
    let (past, upcoming): (Vec<&Meeting>, Vec<&Meeting>) =
        meetings.iter().partition(|m| m.start.date_naive() < today);
    (
        upcoming.iter().map(|m| MeetingRow::new(ctx, m)).collect(),
        past.iter().rev().map(|m| MeetingRow::new(ctx, m)).collect(),
    )
}

// --- a network's calendar ----------------------------------------------------

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
                    .parse::<knotenpunkt_app::domain::PartialDate>()
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

pub(super) async fn network(Dir(dir): Dir, ctx: Ctx, Path(slug): Path<String>) -> Response {
    let Ok(slug) = slug.parse::<Slug>() else {
        return error_page(&ctx, StatusCode::NOT_FOUND);
    };
    let dir = &dir;
    let network = match dir.network(&slug).await {
        Ok(n) => n,
        Err(e) => return failure(&ctx, e),
    };
    let today = knotenpunkt_app::today();
    let window = Window::around(today);
    let series = match dir
        .series_list(&SeriesFilter {
            network: Some(slug.clone()),
            ..SeriesFilter::default()
        })
        .await
    {
        Ok(v) => v,
        Err(e) => return failure(&ctx, e),
    };
    let meetings = match dir.network_meetings(&slug, window).await {
        Ok(v) => v,
        Err(e) => return failure(&ctx, e),
    };
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
                rhythm: rhythm(&ctx, &s.rule),
            })
            .collect(),
        upcoming: by_month(&ctx, upcoming),
        past: by_month(&ctx, past),
    };
    html(&ctx, StatusCode::OK, &page)
}

/// The network page's teaser: the next meeting that takes place, if any in
/// the coming weeks, and whether the network has series at all.
pub(crate) async fn next_meeting(
    dir: &Directory,
    ctx: &Ctx,
    network: &Slug,
) -> Result<(bool, Option<MeetingRow>), knotenpunkt_app::AppError> {
    let has_series = !dir
        .series_list(&SeriesFilter {
            network: Some(network.clone()),
            ..SeriesFilter::default()
        })
        .await?
        .is_empty();
    if !has_series {
        return Ok((false, None));
    }
    let today = knotenpunkt_app::today();
    let window = Window::new(today, today + Duration::days(92))?;
    let next = dir
        .network_meetings(network, window)
        .await?
        .into_iter()
        .find(|m| m.status != MeetingStatus::Cancelled)
        .map(|m| MeetingRow::new(ctx, &m));
    Ok((true, next))
}

// --- a series' page ------------------------------------------------------------

/// Who a series belongs to.
struct Owner {
    label: String,
    name: String,
    href: Option<String>,
    partners: Vec<Link>,
}

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
    rotation: Vec<Link>,
    /// Whether `rotation` is the order of turns; by joining date it is
    /// only the members, by name.
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

/// One upcoming meeting to tick as "we cannot host".
struct DateChoice {
    id: String,
    value: String,
    iso: String,
    when: String,
    checked: bool,
}

/// The form in which an organisation of the rotation declares the dates it
/// cannot host.
struct UnavailableForm {
    action: String,
    organization: String,
    choices: Vec<DateChoice>,
    error: Option<Problem>,
    summary: Vec<SummaryItem>,
}

/// How many upcoming meetings the unavailability form offers.
const UNAVAILABLE_AHEAD: usize = 12;

/// The upcoming meetings the unavailability form offers.
fn offered(meetings: &[Meeting], today: NaiveDate) -> impl Iterator<Item = &Meeting> {
    meetings
        .iter()
        .filter(move |m| m.start.date_naive() >= today)
        .take(UNAVAILABLE_AHEAD)
}

/// The dates (as the rule gives them) the unavailability form offers.
pub(super) fn offered_dates(
    meetings: &[Meeting],
    today: NaiveDate,
) -> std::collections::BTreeSet<NaiveDate> {
    offered(meetings, today).map(|m| m.date).collect()
}

pub(super) async fn series(
    Dir(dir): Dir,
    ctx: Ctx,
    v: Viewer,
    Path(slug): Path<String>,
    RawQuery(q): RawQuery,
) -> Response {
    let Ok(slug) = slug.parse::<Slug>() else {
        return error_page(&ctx, StatusCode::NOT_FOUND);
    };
    series_page(&dir, ctx, &v, slug, q.as_deref(), None).await
}

/// A series' page; `posted` is the unavailability form come back with
/// its input (the ticked dates) and problems.
pub(super) async fn series_page(
    dir: &Directory,
    ctx: Ctx,
    v: &Viewer,
    slug: Slug,
    q: Option<&str>,
    posted: Option<(FormData, Rejected)>,
) -> Response {
    let today = knotenpunkt_app::today();
    let schedule = match dir.series_schedule(&slug, Window::around(today)).await {
        Ok(s) => s,
        Err(e) => return failure(&ctx, e),
    };
    let s = &schedule.series;
    let (owner, mut crumbs, calendar_href) = match owner(dir, &ctx, s).await {
        Ok(o) => o,
        Err(e) => return failure(&ctx, e),
    };
    crumbs.push(Crumb::here(s.title.clone()));
    let (mut upcoming, mut past) = split(&ctx, &schedule.meetings, today);
    let next = schedule
        .meetings
        .iter()
        .find(|m| m.start.date_naive() >= today && m.status != MeetingStatus::Cancelled)
        .map(|m| MeetingRow::new(&ctx, m));
    let more_upcoming = upcoming.len().saturating_sub(SERIES_UPCOMING);
    upcoming.truncate(SERIES_UPCOMING);
    past.truncate(SERIES_PAST);
    let start = parse_start(&s.start);
    let time = start.map(|st| {
        let end = st.time() + Duration::minutes(i64::from(s.duration_minutes));
        ctx.t2(
            "meeting-time",
            "start",
            st.time().format("%H:%M").to_string(),
            "end",
            end.format("%H:%M").to_string(),
        )
    });
    let first = start.map(|st| {
        (
            st.format("%Y-%m-%dT%H:%M").to_string(),
            format!(
                "{}, {}",
                ctx.weekday_day(st.date()),
                st.time().format("%H:%M")
            ),
        )
    });
    let mut holidays = ctx.t(match s.holidays {
        HolidayRule::Keep => "holidays-keep",
        HolidayRule::EarlierWeek => "holidays-earlier-week",
        HolidayRule::NextWorkday => "holidays-next-workday",
        HolidayRule::Skip => "holidays-skip",
    });
    if s.holidays != HolidayRule::Keep {
        holidays.push(' ');
        holidays.push_str(&ctx.t("holidays-scope"));
    }
    let hosting = match s.hosting {
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
    };
    // The fixed host's name comes with its meetings; the slug is the fallback.
    let fixed_host = match (s.hosting, &s.host) {
        (HostingKind::Fixed, Some(h)) => Some(
            schedule
                .meetings
                .iter()
                .filter_map(|m| m.host.as_ref())
                .find(|o| &o.slug == h)
                .map(|o| org_link(&ctx, o))
                .unwrap_or_else(|| Link {
                    text: h.to_string(),
                    href: ctx.href(&format!("/organisationen/{h}")),
                }),
        ),
        _ => None,
    };
    // The application lists the rotation in the engine's turn order.
    let rotation = schedule.rotation.clone();
    let follow = match v.person.as_ref().filter(|_| v.via == Via::Session) {
        Some(p) => match dir.follows(p.id).await {
            Ok(f) => Some((
                ctx.href(&format!("/reihen/{slug}/folgen")),
                f.contains(&slug),
            )),
            Err(e) => return failure(&ctx, e),
        },
        None => None,
    };
    // A member of an organisation in the rotation says when it cannot host.
    let own = v
        .actor
        .organization
        .as_deref()
        .and_then(|o| o.parse::<Slug>().ok())
        .filter(|o| s.hosting == HostingKind::Rotation && rotation.iter().any(|r| &r.slug == o));
    let own = match own {
        Some(o) => dir
            .may_series(&v.actor, &slug, SeriesIntent::DeclareUnavailable(&o))
            .await
            .is_ok()
            .then_some(o),
        None => None,
    };
    let status = posted
        .as_ref()
        .map(|(_, r)| r.status)
        .unwrap_or(StatusCode::OK);
    let unavailable = match own {
        Some(o) => {
            let declared = match dir.store().meeting_records(&slug).await {
                Ok(r) => r.unavailable.get(&o).cloned().unwrap_or_default(),
                Err(e) => return failure(&ctx, e.into()),
            };
            let ticked: Option<Vec<String>> = posted.as_ref().map(|(f, _)| f.all("dates"));
            let choices = offered(&schedule.meetings, today)
                .enumerate()
                .map(|(i, m)| {
                    let value = m.date.format("%Y-%m-%d").to_string();
                    DateChoice {
                        id: format!("unavailable-{i}"),
                        checked: match &ticked {
                            Some(t) => t.contains(&value),
                            None => declared.contains(&m.date),
                        },
                        value,
                        iso: m.start.to_rfc3339(),
                        when: when(&ctx, m),
                    }
                })
                .collect();
            let mut form = UnavailableForm {
                action: ctx.href(&format!("/reihen/{slug}/verhinderung")),
                organization: rotation
                    .iter()
                    .find(|r| r.slug == o)
                    .map(|r| r.name.clone())
                    .unwrap_or_else(|| o.to_string()),
                choices,
                error: None,
                summary: Vec::new(),
            };
            if let Some((_, r)) = posted {
                let mut group = Control::input(
                    "unavailable",
                    "dates",
                    "checkbox",
                    ctx.t("meeting-form-unavailable-heading"),
                    "",
                );
                // The application names the organisation; the form is about it.
                let r = Rejected {
                    status: r.status,
                    fields: r
                        .fields
                        .into_iter()
                        .map(|(k, p)| {
                            if k == "organization" {
                                ("dates".to_owned(), p)
                            } else {
                                (k, p)
                            }
                        })
                        .collect(),
                };
                form.summary = r.apply(&mut [&mut group]);
                form.error = group.error;
            }
            Some(form)
        }
        None => None,
    };
    let page = SeriesPage {
        ctx: &ctx,
        title: s.title.clone(),
        crumbs,
        description: s.description.clone(),
        rhythm: rhythm(&ctx, &s.rule),
        rule: s.rule.clone(),
        first,
        next,
        time,
        duration: ctx.t1("series-duration-minutes", "minutes", s.duration_minutes),
        time_zone: s.time_zone.clone(),
        holidays,
        hosting,
        fixed_host,
        rotation: rotation.iter().map(|o| org_link(&ctx, o)).collect(),
        video: s.video_url.clone(),
        owner,
        calendar_href,
        upcoming,
        more_upcoming,
        past,
        notices: schedule.notices.clone(),
        feed: series_feed(&s.slug),
        follow,
        saved: SAVED.shown(&ctx, q),
        unavailable,
    };
    html(&ctx, status, &page)
}

/// The series' owner, the breadcrumb trail down to the series (without it),
/// and the owning network's calendar.
async fn owner(
    dir: &Directory,
    ctx: &Ctx,
    s: &Series,
) -> Result<(Option<Owner>, Vec<Crumb>, Option<String>), knotenpunkt_app::AppError> {
    if let Some(n) = &s.network {
        let network = dir.network(n).await?;
        let href = ctx.href(&format!("/netzwerke/{n}"));
        let calendar = ctx.href(&format!("/netzwerke/{n}/kalender"));
        let crumbs = vec![
            Crumb::link(ctx.t("nav-networks"), ctx.href("/netzwerke")),
            Crumb::link(network.name.clone(), href.clone()),
            Crumb::link(ctx.t("nav-calendar"), calendar.clone()),
        ];
        let owner = Owner {
            label: ctx.t("series-network"),
            name: network.name,
            href: Some(href),
            partners: Vec::new(),
        };
        return Ok((Some(owner), crumbs, Some(calendar)));
    }
    let mut crumbs = vec![Crumb::link(
        ctx.t("nav-organizations"),
        ctx.href("/organisationen"),
    )];
    let Some(id) = s.cooperation else {
        return Ok((None, crumbs, None));
    };
    let Some(coop) = dir
        .cooperations(None)
        .await?
        .into_iter()
        .find(|k| k.id == id)
    else {
        return Ok((None, crumbs, None));
    };
    let mut partners = Vec::new();
    for p in &coop.value.partners {
        let o = dir.organization(p).await?;
        partners.push(Link {
            text: o.name,
            href: ctx.href(&format!("/organisationen/{p}")),
        });
    }
    // A cooperation has no page of its own; the trail leads through its
    // first partner, whose page describes it.
    if let Some(first) = partners.first() {
        crumbs.push(Crumb::link(first.text.clone(), first.href.clone()));
    }
    let owner = Owner {
        label: ctx.t("series-cooperation"),
        name: coop.value.name,
        href: None,
        partners,
    };
    Ok((Some(owner), crumbs, None))
}

/// The first meeting as the coordinator wrote it, `2025-01-30T17:00`.
fn parse_start(start: &str) -> Option<NaiveDateTime> {
    ["%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S"]
        .iter()
        .find_map(|f| NaiveDateTime::parse_from_str(start, f).ok())
}

/// The rule in words for the common cases (weekly on some days, monthly on
/// the n-th weekday, an interval, an end); `None` for anything else, and the
/// page shows the rule as written.
pub(super) fn rhythm(ctx: &Ctx, rule: &str) -> Option<String> {
    let mut freq = None;
    let mut interval = 1u32;
    let mut days: Vec<(i32, Weekday)> = Vec::new();
    let mut until = None;
    let mut count = None;
    for part in rule.trim().trim_start_matches("RRULE:").split(';') {
        if part.is_empty() {
            continue;
        }
        let (key, value) = part.split_once('=')?;
        match key.to_ascii_uppercase().as_str() {
            "FREQ" => freq = Some(value.to_ascii_uppercase()),
            "INTERVAL" => interval = value.parse().ok().filter(|i| *i > 0)?,
            "BYDAY" => {
                for d in value.split(',') {
                    days.push(weekday_part(d)?);
                }
            }
            "UNTIL" => {
                until = Some(NaiveDate::parse_from_str(value.get(..8)?, "%Y%m%d").ok()?);
            }
            "COUNT" => count = Some(value.parse::<u32>().ok()?),
            "WKST" => {}
            _ => return None,
        }
    }
    let text = match (freq?.as_str(), days.as_slice()) {
        ("WEEKLY", [_, ..]) if days.iter().all(|(n, _)| *n == 0) => {
            let names: Vec<String> = days.iter().map(|(_, w)| ctx.weekday(*w)).collect();
            ctx.t2(
                "rhythm-weekly",
                "interval",
                interval,
                "days",
                and_list(ctx, &names),
            )
        }
        ("MONTHLY", [(n, w)]) if *n != 0 => {
            let ordinal = match n {
                1..=5 => format!("ordinal-{n}"),
                -1 => "ordinal-last".to_owned(),
                -2 => "ordinal-last-2".to_owned(),
                _ => return None,
            };
            ctx.tn(
                "rhythm-monthly",
                &[
                    ("interval", &interval),
                    ("ordinal", &ctx.t(&ordinal)),
                    ("day", &ctx.weekday(*w)),
                ],
            )
        }
        _ => return None,
    };
    Some(match (until, count) {
        (Some(d), _) => ctx.t2("rhythm-until", "rhythm", text, "date", ctx.day(d)),
        (None, Some(c)) => ctx.t2("rhythm-count", "rhythm", text, "count", c),
        (None, None) => text,
    })
}

/// `-1TH` as (-1, Thursday), `WE` as (0, Wednesday).
fn weekday_part(s: &str) -> Option<(i32, Weekday)> {
    let s = s.trim();
    let split = s.len().checked_sub(2)?;
    let (n, day) = (s.get(..split)?, s.get(split..)?);
    let n = if n.is_empty() {
        0
    } else {
        n.trim_start_matches('+').parse().ok()?
    };
    let day = match day.to_ascii_uppercase().as_str() {
        "MO" => Weekday::Mon,
        "TU" => Weekday::Tue,
        "WE" => Weekday::Wed,
        "TH" => Weekday::Thu,
        "FR" => Weekday::Fri,
        "SA" => Weekday::Sat,
        "SU" => Weekday::Sun,
        _ => return None,
    };
    Some((n, day))
}

/// "Montag, Mittwoch und Freitag".
fn and_list(ctx: &Ctx, items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!(
            "{} {} {last}",
            init.join(ctx.t("list-separator").as_str()),
            ctx.t("list-and")
        ),
    }
}

// --- a meeting's page ------------------------------------------------------------

struct AgendaView {
    text: String,
    raised: bool,
    by: Option<Link>,
    /// "nur Netzwerk" for a point not everyone may read.
    badge: Option<String>,
    /// The form that removes a raised point, for coordinators.
    remove: Option<String>,
}

impl AgendaView {
    fn new(ctx: &Ctx, a: &AgendaItem, remove_base: Option<&str>) -> AgendaView {
        AgendaView {
            text: a.text.clone(),
            raised: a.id.is_some(),
            by: a.by.as_ref().map(|o| org_link(ctx, o)),
            badge: match &a.visibility {
                Some(Visibility::Network) => Some(ctx.t("meeting-form-badge-network")),
                Some(Visibility::Group(g)) => {
                    Some(ctx.t1("meeting-form-badge-group", "group", g.as_str()))
                }
                _ => None,
            },
            remove: match (remove_base, a.id) {
                (Some(b), Some(id)) => Some(format!("{b}/{id}/entfernen")),
                _ => None,
            },
        }
    }
}

/// Which form on a meeting's page was sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Which {
    Agenda,
    Minutes,
    Attendance,
}

/// A form that came back with problems: its input and what is wrong.
pub(super) struct Posted {
    pub(super) which: Which,
    pub(super) data: FormData,
    pub(super) rejected: Rejected,
}

/// The form that raises an agenda point.
struct AgendaForm {
    action: String,
    text: Control,
    visibility: Control,
    /// "im Namen von …" for a viewer with an organisation: its name, and
    /// whether the box is ticked.
    on_behalf: Option<(String, bool)>,
    on_behalf_error: Option<Problem>,
    summary: Vec<SummaryItem>,
}

/// The form that writes the minutes.
struct MinutesForm {
    action: String,
    text: Control,
    visibility: Control,
    summary: Vec<SummaryItem>,
}

/// One organisation to tick as present.
struct Present {
    id: String,
    value: String,
    name: String,
    checked: bool,
}

/// The form that records attendance.
struct AttendanceForm {
    action: String,
    choices: Vec<Present>,
    error: Option<Problem>,
    summary: Vec<SummaryItem>,
}

/// The select of visibilities the forms offer; the current one stays
/// offered even when it is a group's.
fn visibility_control(ctx: &Ctx, form: &str, chosen: &str) -> Control {
    let mut items = vec![
        (
            "network".to_owned(),
            ctx.t("meeting-form-visibility-network"),
        ),
        ("public".to_owned(), ctx.t("meeting-form-visibility-public")),
    ];
    if let Some(g) = chosen.strip_prefix("group:") {
        items.push((
            chosen.to_owned(),
            ctx.t1("meeting-form-badge-group", "group", g),
        ));
    }
    let chosen = if chosen.is_empty() {
        "network".to_owned()
    } else {
        chosen.to_owned()
    };
    Control::choice(
        form,
        "visibility",
        "select",
        ctx.t("meeting-form-visibility"),
        vec![OptGroup {
            label: None,
            options: options(items, &[chosen]),
        }],
    )
}

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

pub(super) async fn meeting(
    Dir(dir): Dir,
    ctx: Ctx,
    v: Viewer,
    Path((slug, date)): Path<(String, String)>,
    RawQuery(q): RawQuery,
) -> Response {
    let Ok(slug) = slug.parse::<Slug>() else {
        return error_page(&ctx, StatusCode::NOT_FOUND);
    };
    // Only the canonical form: one address per meeting.
    let Some(date) = NaiveDate::parse_from_str(&date, "%Y-%m-%d")
        .ok()
        .filter(|d| d.format("%Y-%m-%d").to_string() == date)
    else {
        return error_page(&ctx, StatusCode::NOT_FOUND);
    };
    meeting_page(&dir, &ctx, &v, slug, date, q.as_deref(), None).await
}

/// A meeting's page, with the forms the viewer may use; `posted` is a form
/// that came back with problems (the page then answers 422 or what the
/// problem says).
pub(super) async fn meeting_page(
    dir: &Directory,
    ctx: &Ctx,
    v: &Viewer,
    slug: Slug,
    date: NaiveDate,
    q: Option<&str>,
    posted: Option<Posted>,
) -> Response {
    // Far-off dates are no meeting anyone links to, and expanding a rule
    // that far would only cost time.
    let today = knotenpunkt_app::today();
    if (date - today).num_days() > MAX_AHEAD_DAYS {
        return error_page(ctx, StatusCode::NOT_FOUND);
    }
    let detail = match dir.meeting(&slug, date).await {
        Ok(d) => d,
        // The engine refuses a date it cannot expand to: no such meeting.
        Err(knotenpunkt_app::AppError::Invalid(_)) => {
            return error_page(ctx, StatusCode::NOT_FOUND);
        }
        Err(e) => return failure(ctx, e),
    };
    let s = match dir.series(&slug).await {
        Ok(s) => s,
        Err(e) => return failure(ctx, e),
    };
    let (owner, mut crumbs, _) = match owner(dir, ctx, &s).await {
        Ok(o) => o,
        Err(e) => return failure(ctx, e),
    };
    // The neighbours in the series, for stepping through its meetings.
    let around = match Window::new(date - Duration::days(62), date + Duration::days(62)) {
        Ok(w) => dir.series_schedule(&slug, w).await,
        Err(e) => Err(e),
    };
    let around = match around {
        Ok(a) => a,
        Err(e) => return failure(ctx, e),
    };
    let rotation = around.rotation;
    let around = around.meetings;
    let neighbour = |m: &Meeting| {
        (
            Link {
                text: ctx.weekday_day(m.start.date_naive()),
                href: meeting_href(ctx, &m.series, m.date),
            },
            m.start.to_rfc3339(),
        )
    };
    let previous = around.iter().rev().find(|m| m.date < date).map(neighbour);
    let next = around.iter().find(|m| m.date > date).map(neighbour);

    // Which forms to show: the same questions the writes ask.
    let may = |intent| dir.may_series(&v.actor, &slug, intent);
    let contribute = may(SeriesIntent::Contribute).await.is_ok();
    let manage = may(SeriesIntent::Manage).await.is_ok();
    let record = may(SeriesIntent::Record).await.is_ok();
    let base = format!("/reihen/{slug}/{}", date.format("%Y-%m-%d"));
    let (which, data, rejected) = match posted {
        Some(p) => (Some(p.which), Some(p.data), Some(p.rejected)),
        None => (None, None, None),
    };
    let status = rejected
        .as_ref()
        .map(|r| r.status)
        .unwrap_or(StatusCode::OK);
    let input = |w: Which| data.as_ref().filter(|_| which == Some(w));
    let mut rejected = rejected;
    let mut take = |w: Which| {
        if which == Some(w) {
            rejected.take()
        } else {
            None
        }
    };
    let names: Vec<&OrgRef> = detail
        .meeting
        .host
        .iter()
        .chain(rotation.iter())
        .chain(detail.attendance.iter())
        .collect();
    // The viewer's own organisation, to raise a point in its name.
    let own = match v.actor.organization.as_deref().map(str::parse::<Slug>) {
        Some(Ok(o)) if contribute => match names.iter().find(|r| r.slug == o) {
            Some(r) => Some(r.name.clone()),
            None => Some(
                dir.organization(&o)
                    .await
                    .map(|x| x.name)
                    .unwrap_or_else(|_| o.to_string()),
            ),
        },
        _ => None,
    };

    let agenda_form = contribute.then(|| {
        let f = input(Which::Agenda);
        let text = Control::input(
            "agenda",
            "text",
            "textarea",
            ctx.t("meeting-form-agenda-text"),
            f.map(|f| f.get("text")).unwrap_or_default(),
        )
        .required()
        .maxlength(MAX_AGENDA)
        .hint(ctx.t1("meeting-form-agenda-hint", "max", MAX_AGENDA));
        let visibility = visibility_control(
            ctx,
            "agenda",
            &f.map(|f| f.get("visibility")).unwrap_or_default(),
        );
        let on_behalf = own
            .clone()
            .map(|name| (name, f.is_some_and(|f| f.get("on_behalf") == "1")));
        let mut form = AgendaForm {
            action: ctx.href(&format!("{base}/tagesordnung")),
            text,
            visibility,
            on_behalf,
            on_behalf_error: None,
            summary: Vec::new(),
        };
        if let Some(r) = take(Which::Agenda) {
            let (behalf, rest): (Vec<_>, Vec<_>) =
                r.fields.into_iter().partition(|(k, _)| k == "on_behalf");
            form.on_behalf_error = behalf.into_iter().next().map(|(_, p)| p);
            let r = Rejected {
                status: r.status,
                fields: rest,
            };
            form.summary = r.apply(&mut [&mut form.text, &mut form.visibility]);
        }
        form
    });
    let minutes_form = record.then(|| {
        let f = input(Which::Minutes);
        let current = detail
            .minutes_visibility
            .as_ref()
            .map(ToString::to_string)
            .unwrap_or_default();
        let mut form = MinutesForm {
            action: ctx.href(&format!("{base}/protokoll")),
            text: Control::input(
                "minutes",
                "text",
                "textarea",
                ctx.t("meeting-form-minutes-text"),
                f.map(|f| f.get("text"))
                    .unwrap_or_else(|| detail.minutes.clone().unwrap_or_default()),
            )
            .hint(ctx.t("meeting-form-minutes-hint"))
            .wide(),
            visibility: visibility_control(
                ctx,
                "minutes",
                &f.map(|f| f.get("visibility")).unwrap_or(current),
            ),
            summary: Vec::new(),
        };
        if let Some(r) = take(Which::Minutes) {
            form.summary = r.apply(&mut [&mut form.text, &mut form.visibility]);
        }
        form
    });
    let attendance_form = record.then(|| {
        let f = input(Which::Attendance);
        let ticked: Vec<String> = match f {
            Some(f) => f.all("organizations"),
            None => detail
                .attendance
                .iter()
                .map(|o| o.slug.to_string())
                .collect(),
        };
        let mut choices: Vec<Present> = Vec::new();
        for o in &names {
            if choices.iter().any(|c| c.value == o.slug.as_str()) {
                continue;
            }
            choices.push(Present {
                id: format!("attendance-{}", choices.len()),
                value: o.slug.to_string(),
                name: o.name.clone(),
                checked: ticked.iter().any(|t| t == o.slug.as_str()),
            });
        }
        let mut form = AttendanceForm {
            action: ctx.href(&format!("{base}/anwesenheit")),
            choices,
            error: None,
            summary: Vec::new(),
        };
        if let Some(r) = take(Which::Attendance) {
            let mut group = Control::input(
                "attendance",
                "organizations",
                "checkbox",
                ctx.t("meeting-attendance-heading"),
                "",
            );
            form.summary = r.apply(&mut [&mut group]);
            form.error = group.error;
        }
        form
    });
    let remove_base = manage.then(|| ctx.href(&format!("{base}/tagesordnung")));

    let m = &detail.meeting;
    let day = ctx.weekday_day(m.start.date_naive());
    crumbs.push(Crumb::link(s.title.clone(), series_href(ctx, &slug)));
    crumbs.push(Crumb::here(day.clone()));
    let page = MeetingPage {
        ctx,
        title: ctx.t2(
            "meeting-title",
            "series",
            m.title.as_str(),
            "date",
            day.as_str(),
        ),
        heading: ctx.t2(
            "meeting-heading",
            "series",
            m.title.as_str(),
            "date",
            day.as_str(),
        ),
        crumbs,
        row: MeetingRow::new(ctx, m),
        cancelled: m.status == MeetingStatus::Cancelled,
        video: m.video_url.clone(),
        owner,
        agenda: detail
            .agenda
            .iter()
            .map(|a| AgendaView::new(ctx, a, remove_base.as_deref()))
            .collect(),
        minutes: detail.minutes.clone(),
        attendance: detail.attendance.iter().map(|o| org_link(ctx, o)).collect(),
        previous,
        next,
        feed: series_feed(&slug),
        saved: SAVED.shown(ctx, q),
        agenda_form,
        minutes_form,
        attendance_form,
    };
    html(ctx, status, &page)
}

/// An organisation's next turns as host, for its page.
pub(crate) async fn host_turns(
    dir: &Directory,
    ctx: &Ctx,
    org: &Slug,
) -> Result<Vec<MeetingRow>, knotenpunkt_app::AppError> {
    Ok(dir
        .host_turns(org, knotenpunkt_app::today(), 5)
        .await?
        .iter()
        .map(|m| MeetingRow::new(ctx, m))
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rules_read_as_words() {
        let de = Ctx::new("/", "", None);
        let en = Ctx::new("/", "lang=en", None);
        assert_eq!(
            rhythm(&de, "FREQ=MONTHLY;BYDAY=-1TH").as_deref(),
            Some("am letzten Donnerstag jedes Monats")
        );
        assert_eq!(
            rhythm(&en, "FREQ=MONTHLY;BYDAY=-1TH").as_deref(),
            Some("on the last Thursday of every month")
        );
        assert_eq!(
            rhythm(&de, "FREQ=MONTHLY;INTERVAL=2;BYDAY=1TH").as_deref(),
            Some("alle 2 Monate am ersten Donnerstag")
        );
        assert_eq!(
            rhythm(&de, "FREQ=WEEKLY;BYDAY=WE").as_deref(),
            Some("jeden Mittwoch")
        );
        assert_eq!(
            rhythm(&en, "FREQ=WEEKLY;BYDAY=MO,WE,FR;UNTIL=20261231T000000Z").as_deref(),
            Some("every Monday, Wednesday and Friday, until 31 December 2026")
        );
        assert_eq!(
            rhythm(&de, "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU;COUNT=10").as_deref(),
            Some("alle 2 Wochen am Dienstag, insgesamt 10 Termine")
        );
        assert_eq!(rhythm(&de, "FREQ=MONTHLY;BYMONTHDAY=15"), None);
        assert_eq!(rhythm(&de, "FREQ=MONTHLY;BYDAY=MO,TU"), None);
        assert_eq!(rhythm(&de, "FREQ=DAILY"), None);
        assert_eq!(rhythm(&de, "Unsinn"), None);
    }

    #[test]
    fn weekday_parts_take_ordinals() {
        assert_eq!(weekday_part("-1TH"), Some((-1, Weekday::Thu)));
        assert_eq!(weekday_part("+2tu"), Some((2, Weekday::Tue)));
        assert_eq!(weekday_part("WE"), Some((0, Weekday::Wed)));
        assert_eq!(weekday_part("X"), None);
        assert_eq!(weekday_part("1XX"), None);
    }
}
