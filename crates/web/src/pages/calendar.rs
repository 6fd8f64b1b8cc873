//! Meeting series for people: a network's calendar, a series' page and one
//! meeting's page, plus the pieces the network and organisation pages borrow
//! (the next meeting, the next turns as host).
//!
//! Times are shown as the series keeps them: local wall-clock time of the
//! series' time zone, the date the rule gave a meeting staying its address
//! even when a holiday moved it.

use askama::Template;
use axum::extract::Path;
use axum::http::StatusCode;
use axum::response::Response;
use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime, Weekday};
use knotenpunkt_app::domain::{HolidayRule, HostingKind, RotationOrder, Series, Slug};
use knotenpunkt_app::{
    AgendaItem, Directory, HostSource, Meeting, MeetingStatus, OrgRef, SeriesFilter, Window,
};

use super::{Ctx, error_page, failure, html};
use crate::auth::{Dir, Via, Viewer};

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
}

pub(super) async fn series(
    Dir(dir): Dir,
    ctx: Ctx,
    v: Viewer,
    Path(slug): Path<String>,
) -> Response {
    let Ok(slug) = slug.parse::<Slug>() else {
        return error_page(&ctx, StatusCode::NOT_FOUND);
    };
    let dir = &dir;
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
    };
    html(&ctx, StatusCode::OK, &page)
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
}

impl AgendaView {
    fn new(ctx: &Ctx, a: &AgendaItem) -> AgendaView {
        AgendaView {
            text: a.text.clone(),
            raised: a.id.is_some(),
            by: a.by.as_ref().map(|o| org_link(ctx, o)),
        }
    }
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
}

pub(super) async fn meeting(
    Dir(dir): Dir,
    ctx: Ctx,
    Path((slug, date)): Path<(String, String)>,
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
    // Far-off dates are no meeting anyone links to, and expanding a rule
    // that far would only cost time.
    let today = knotenpunkt_app::today();
    if (date - today).num_days() > MAX_AHEAD_DAYS {
        return error_page(&ctx, StatusCode::NOT_FOUND);
    }
    let dir = &dir;
    let detail = match dir.meeting(&slug, date).await {
        Ok(d) => d,
        // The engine refuses a date it cannot expand to: no such meeting.
        Err(knotenpunkt_app::AppError::Invalid(_)) => {
            return error_page(&ctx, StatusCode::NOT_FOUND);
        }
        Err(e) => return failure(&ctx, e),
    };
    let s = match dir.series(&slug).await {
        Ok(s) => s,
        Err(e) => return failure(&ctx, e),
    };
    let (owner, mut crumbs, _) = match owner(dir, &ctx, &s).await {
        Ok(o) => o,
        Err(e) => return failure(&ctx, e),
    };
    // The neighbours in the series, for stepping through its meetings.
    let around = match Window::new(date - Duration::days(62), date + Duration::days(62)) {
        Ok(w) => dir.series_schedule(&slug, w).await.map(|s| s.meetings),
        Err(e) => Err(e),
    };
    let around = match around {
        Ok(a) => a,
        Err(e) => return failure(&ctx, e),
    };
    let neighbour = |m: &Meeting| {
        (
            Link {
                text: ctx.weekday_day(m.start.date_naive()),
                href: meeting_href(&ctx, &m.series, m.date),
            },
            m.start.to_rfc3339(),
        )
    };
    let previous = around.iter().rev().find(|m| m.date < date).map(neighbour);
    let next = around.iter().find(|m| m.date > date).map(neighbour);

    let m = &detail.meeting;
    let day = ctx.weekday_day(m.start.date_naive());
    crumbs.push(Crumb::link(s.title.clone(), series_href(&ctx, &slug)));
    crumbs.push(Crumb::here(day.clone()));
    let page = MeetingPage {
        ctx: &ctx,
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
        row: MeetingRow::new(&ctx, m),
        cancelled: m.status == MeetingStatus::Cancelled,
        video: m.video_url.clone(),
        owner,
        agenda: detail
            .agenda
            .iter()
            .map(|a| AgendaView::new(&ctx, a))
            .collect(),
        minutes: detail.minutes.clone(),
        attendance: detail
            .attendance
            .iter()
            .map(|o| org_link(&ctx, o))
            .collect(),
        previous,
        next,
        feed: series_feed(&slug),
    };
    html(&ctx, StatusCode::OK, &page)
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
