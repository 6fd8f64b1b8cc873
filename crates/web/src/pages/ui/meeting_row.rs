//! One meeting as lists and pages show it, and the addresses of series,
//! meetings and feeds.
//!
//! Times are shown as the series keeps them: local wall-clock time of the
//! series' time zone, the date the rule gave a meeting staying its address
//! even when a holiday moved it.

use chrono::{Datelike, NaiveDate};
use knotenpunkt_app::domain::Slug;
use knotenpunkt_app::{HostSource, Meeting, MeetingStatus};

use super::links::Link;
use crate::pages::ctx::Ctx;

/// A series' page.
pub(crate) fn series_href(ctx: &Ctx, slug: &Slug) -> String {
    ctx.href(&format!("/reihen/{slug}"))
}

/// A meeting's page, without the language: the address of its forms.
pub(crate) fn meeting_path(series: &Slug, date: NaiveDate) -> String {
    format!("/reihen/{series}/{}", date.format("%Y-%m-%d"))
}

/// A meeting's page.
pub(crate) fn meeting_href(ctx: &Ctx, series: &Slug, date: NaiveDate) -> String {
    ctx.href(&meeting_path(series, date))
}

/// A series' feed. The feed addresses are the same in every language: a
/// calendar program subscribes once.
pub(crate) fn series_feed(slug: &Slug) -> String {
    format!("/kalender/reihen/{slug}.ics")
}

/// A network's feed of all its series.
pub(crate) fn network_feed(slug: &Slug) -> String {
    format!("/kalender/netzwerke/{slug}.ics")
}

/// One meeting as lists and pages show it.
pub(crate) struct MeetingRow {
    /// The meeting's page.
    pub(crate) href: String,
    /// Start for `<time datetime>`, with its UTC offset.
    pub(crate) iso: String,
    /// "Do., 26.11.2026, 16:00–17:30".
    pub(crate) when: String,
    pub(crate) series: Link,
    pub(crate) host: Option<Link>,
    /// How the host came to host, when not by the plain rule.
    pub(crate) host_note: Option<String>,
    /// `planned`, `moved` or `cancelled`, for the style.
    pub(crate) status_class: &'static str,
    /// "verschoben wegen", "abgesagt:", "findet statt".
    pub(crate) status: String,
    /// The holiday or the coordinator's note, in the language it was written in.
    pub(crate) reason: Option<String>,
    /// "ursprünglich Do., 29.05.2025" when the meeting moved to another day.
    pub(crate) originally: Option<String>,
    /// The original day for `<time datetime>`.
    pub(crate) original_iso: String,
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
            host: m.host.as_ref().map(|h| Link::org(ctx, h)),
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
pub(crate) fn when(ctx: &Ctx, m: &Meeting) -> String {
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
pub(crate) fn split(
    ctx: &Ctx,
    meetings: &[Meeting],
    today: NaiveDate,
) -> (Vec<MeetingRow>, Vec<MeetingRow>) {
    let (past, upcoming): (Vec<&Meeting>, Vec<&Meeting>) =
        meetings.iter().partition(|m| m.start.date_naive() < today);
    (
        upcoming.iter().map(|m| MeetingRow::new(ctx, m)).collect(),
        past.iter().rev().map(|m| MeetingRow::new(ctx, m)).collect(),
    )
}
