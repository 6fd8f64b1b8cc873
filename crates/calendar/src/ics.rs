//! iCalendar (RFC 5545) feeds as a pure function from meetings to text.
//!
//! Written by hand rather than with the `icalendar` crate because its builder stamps `DTSTAMP`
//! from the clock and random `UID`s whenever one is missing; a feed here must be byte-identical
//! for identical input, so that the web layer's ETag only changes when a meeting does. The
//! `icalendar` crate's parser checks this output in the tests instead.
//!
//! Each meeting is its own `VEVENT` (no `RRULE` master): hosts, agendas and moves differ per
//! meeting, and standalone events are what every client (Outlook, Thunderbird, Apple, Google)
//! shows the same way. Its `UID` is derived from the series and the meeting's *original* date, so
//! a moved meeting updates in place instead of appearing twice.
//!
//! Times in Europe/Berlin are written with `TZID` and the `VTIMEZONE` below; any other zone is
//! written in UTC, which every client understands without a time zone definition.

use std::fmt::Write as _;

use chrono::{DateTime, Datelike, NaiveDate, NaiveDateTime, Timelike, Utc};
use chrono_tz::Tz;

use crate::{Occurrence, Status};

/// The feed as a whole.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Feed {
    /// Calendar name shown by clients (`X-WR-CALNAME`), e.g. the series or network title.
    pub name: String,
    /// Optional description (`X-WR-CALDESC`).
    pub description: Option<String>,
    /// How often clients should poll, in hours (`REFRESH-INTERVAL`, `X-PUBLISHED-TTL`).
    pub refresh_hours: u32,
    /// Words used in descriptions, in the reader's language.
    pub labels: Labels,
}

/// The words the feed uses around the data.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Labels {
    /// "Gastgeber"
    pub host: String,
    /// "Tagesordnung"
    pub agenda: String,
    /// "Verschoben wegen"
    pub moved: String,
    /// "Abgesagt"
    pub cancelled: String,
    /// "ursprünglich"
    pub originally: String,
    /// "Videokonferenz"
    pub video: String,
}

impl Labels {
    /// German, the default of the platform.
    pub fn german() -> Self {
        Labels {
            host: "Gastgeber".into(),
            agenda: "Tagesordnung".into(),
            moved: "Verschoben wegen".into(),
            cancelled: "Abgesagt".into(),
            originally: "ursprünglich".into(),
            video: "Videokonferenz".into(),
        }
    }

    /// English.
    pub fn english() -> Self {
        Labels {
            host: "Host".into(),
            agenda: "Agenda".into(),
            moved: "Moved because of".into(),
            cancelled: "Cancelled".into(),
            originally: "originally".into(),
            video: "Video conference".into(),
        }
    }
}

/// One meeting as it goes into a feed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FeedEvent {
    /// Stable id, see [`event_uid`].
    pub uid: String,
    /// Raised by the application on every change (see [`fingerprint`]).
    pub sequence: u32,
    /// When this meeting last changed (`DTSTAMP`, `LAST-MODIFIED`); from storage, not the clock.
    pub stamp: DateTime<Utc>,
    /// Title, usually the series title.
    pub summary: String,
    /// The meeting as scheduled.
    pub occurrence: Occurrence,
    /// The host's display name.
    pub host_name: Option<String>,
    /// Agenda items in order.
    pub agenda: Vec<String>,
    /// Video conference link, written as `URL` and `LOCATION`.
    pub video_url: Option<String>,
}

/// `UID` of a meeting: the same for every version of it, different for every other meeting.
///
/// `series_key` must be stable and unique within `domain` (e.g. network and series slug).
pub fn event_uid(series_key: &str, recurrence_id: NaiveDate, domain: &str) -> String {
    format!("{series_key}-{}@{domain}", recurrence_id.format("%Y%m%d"))
}

/// A stable 64-bit digest of everything a feed shows about `event` apart from `sequence` and
/// `stamp`; the application raises `sequence` and `stamp` when it changes.
///
/// FNV-1a rather than `std`'s hasher, whose output may change between Rust releases while
/// stored fingerprints must not.
pub fn fingerprint(event: &FeedEvent) -> u64 {
    let o = &event.occurrence;
    let mut text = String::new();
    let _ = write!(
        text,
        "{}\u{1f}{}\u{1f}{}\u{1f}{}\u{1f}{}\u{1f}{:?}\u{1f}{:?}\u{1f}{:?}",
        event.uid,
        event.summary,
        o.start.to_rfc3339(),
        o.end.to_rfc3339(),
        o.start.timezone().name(),
        o.status,
        event.host_name,
        event.video_url,
    );
    for item in &event.agenda {
        text.push('\u{1f}');
        text.push_str(item);
    }
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in text.bytes() {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
    }
    hash
}

const BERLIN_VTIMEZONE: &[&str] = &[
    "BEGIN:VTIMEZONE",
    "TZID:Europe/Berlin",
    "BEGIN:DAYLIGHT",
    "TZOFFSETFROM:+0100",
    "TZOFFSETTO:+0200",
    "TZNAME:CEST",
    "DTSTART:19810329T020000",
    "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU",
    "END:DAYLIGHT",
    "BEGIN:STANDARD",
    "TZOFFSETFROM:+0200",
    "TZOFFSETTO:+0100",
    "TZNAME:CET",
    "DTSTART:19961027T030000",
    "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU",
    "END:STANDARD",
    "END:VTIMEZONE",
];

/// Renders `events` as one `VCALENDAR`, CRLF line ends, lines folded at 75 octets.
pub fn render(feed: &Feed, events: &[FeedEvent]) -> String {
    let mut out = String::with_capacity(512 + events.len() * 640);
    line(&mut out, "BEGIN:VCALENDAR");
    line(&mut out, "VERSION:2.0");
    line(&mut out, "PRODID:-//Knotenpunkt//Knotenpunkt Calendar//DE");
    line(&mut out, "CALSCALE:GREGORIAN");
    line(&mut out, "METHOD:PUBLISH");
    property(&mut out, "X-WR-CALNAME", &escape(&feed.name));
    if let Some(description) = &feed.description {
        property(&mut out, "X-WR-CALDESC", &escape(description));
    }
    let berlin = events
        .iter()
        .any(|e| e.occurrence.start.timezone() == chrono_tz::Europe::Berlin);
    if berlin {
        line(&mut out, "X-WR-TIMEZONE:Europe/Berlin");
    }
    let ttl = format!("PT{}H", feed.refresh_hours.max(1));
    property(&mut out, "REFRESH-INTERVAL;VALUE=DURATION", &ttl);
    property(&mut out, "X-PUBLISHED-TTL", &ttl);
    if berlin {
        for l in BERLIN_VTIMEZONE {
            line(&mut out, l);
        }
    }
    for event in events {
        render_event(&mut out, feed, event);
    }
    line(&mut out, "END:VCALENDAR");
    out
}

fn render_event(out: &mut String, feed: &Feed, event: &FeedEvent) {
    let o = &event.occurrence;
    let labels = &feed.labels;
    line(out, "BEGIN:VEVENT");
    property(out, "UID", &escape(&event.uid));
    property(out, "DTSTAMP", &utc(event.stamp));
    property(out, "LAST-MODIFIED", &utc(event.stamp));
    property(out, "SEQUENCE", &event.sequence.to_string());
    date_time(out, "DTSTART", o.start);
    date_time(out, "DTEND", o.end);
    let cancelled = o.status.is_cancelled();
    let summary = if cancelled {
        format!("{}: {}", labels.cancelled, event.summary)
    } else {
        event.summary.clone()
    };
    property(out, "SUMMARY", &escape(&summary));

    let mut description = Vec::new();
    match &o.status {
        Status::Planned => {}
        Status::Moved(reason) | Status::Cancelled(reason) => {
            let word = if cancelled {
                &labels.cancelled
            } else {
                &labels.moved
            };
            let reason = reason.to_string();
            let original = o.original_start.format("%d.%m.%Y %H:%M");
            if cancelled && reason.is_empty() {
                description.push(word.clone());
            } else if cancelled {
                description.push(format!("{word}: {reason}"));
            } else if reason.is_empty() {
                description.push(format!("{word} ({} {original})", labels.originally));
            } else {
                description.push(format!(
                    "{word}: {reason} ({} {original})",
                    labels.originally
                ));
            }
        }
    }
    if let Some(host) = &event.host_name {
        description.push(format!("{}: {host}", labels.host));
    }
    if !event.agenda.is_empty() {
        description.push(format!("{}:", labels.agenda));
        for (n, item) in event.agenda.iter().enumerate() {
            description.push(format!("{}. {item}", n + 1));
        }
    }
    if let Some(url) = &event.video_url {
        description.push(format!("{}: {url}", labels.video));
    }
    if !description.is_empty() {
        property(out, "DESCRIPTION", &escape(&description.join("\n")));
    }
    if let Some(url) = &event.video_url {
        property(out, "URL", url);
        property(out, "LOCATION", &escape(url));
    }
    if cancelled {
        line(out, "STATUS:CANCELLED");
        line(out, "TRANSP:TRANSPARENT");
    } else {
        line(out, "STATUS:CONFIRMED");
        line(out, "TRANSP:OPAQUE");
    }
    line(out, "END:VEVENT");
}

/// `YYYYMMDDTHHMMSS`, written by hand: chrono's format strings dominated rendering time.
fn basic(at: NaiveDateTime) -> String {
    let mut text = String::with_capacity(16);
    let _ = write!(
        text,
        "{:04}{:02}{:02}T{:02}{:02}{:02}",
        at.year(),
        at.month(),
        at.day(),
        at.hour(),
        at.minute(),
        at.second()
    );
    text
}

fn utc(at: DateTime<Utc>) -> String {
    let mut text = basic(at.naive_utc());
    text.push('Z');
    text
}

fn date_time(out: &mut String, name: &str, at: DateTime<Tz>) {
    if at.timezone() == chrono_tz::Europe::Berlin {
        out.push_str(name);
        out.push_str(";TZID=Europe/Berlin:");
        out.push_str(&basic(at.naive_local()));
        out.push_str("\r\n");
    } else {
        property(out, name, &utc(at.with_timezone(&Utc)));
    }
}

/// Escapes a TEXT value (RFC 5545 §3.3.11).
pub fn escape(text: &str) -> String {
    if !text.contains(|c: char| matches!(c, '\\' | ';' | ',') || c.is_control()) {
        return text.to_owned();
    }
    let mut out = String::with_capacity(text.len() + 8);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\r' if chars.peek() == Some(&'\n') => {}
            '\n' | '\r' => out.push_str("\\n"),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

fn property(out: &mut String, name: &str, value: &str) {
    if name.len() + 1 + value.len() <= 75 {
        out.push_str(name);
        out.push(':');
        out.push_str(value);
        out.push_str("\r\n");
        return;
    }
    let mut text = String::with_capacity(name.len() + value.len() + 1);
    text.push_str(name);
    text.push(':');
    text.push_str(value);
    line(out, &text);
}

/// Writes one content line, folded so that no physical line exceeds 75 octets (RFC 5545 §3.1),
/// never inside a UTF-8 sequence.
fn line(out: &mut String, text: &str) {
    if text.len() <= 75 {
        out.push_str(text);
        out.push_str("\r\n");
        return;
    }
    // First physical line: 75 octets; continuations: a space plus 74 octets.
    let mut rest = text;
    let mut limit = 75;
    while !rest.is_empty() {
        let mut cut = limit.min(rest.len());
        while !rest.is_char_boundary(cut) {
            cut -= 1;
        }
        let (head, tail) = rest.split_at(cut);
        if limit == 74 {
            out.push(' ');
        }
        out.push_str(head);
        out.push_str("\r\n");
        rest = tail;
        limit = 74;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_at_75_octets_on_char_boundaries() {
        let mut out = String::new();
        let text = format!("DESCRIPTION:{}", "ä".repeat(100));
        line(&mut out, &text);
        for physical in out.split("\r\n").filter(|l| !l.is_empty()) {
            assert!(physical.len() <= 75, "{} octets", physical.len());
        }
        let unfolded = out.replace("\r\n ", "");
        assert_eq!(unfolded, format!("{text}\r\n"));
    }

    #[test]
    fn escapes_text() {
        assert_eq!(escape("a;b,c\\d\r\ne\nf"), "a\\;b\\,c\\\\d\\ne\\nf");
    }
}
