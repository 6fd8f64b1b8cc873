//! Recurrence rules (RFC 5545 `RRULE` plus `EXDATE`) expanded to local wall-clock times.
//!
//! Expansion is delegated to the `rrule` crate; this module adds what a meeting series needs on
//! top: a strict pre-check that names the offending rule part, a friendlier `UNTIL` (a plain date
//! means "through that day"), and the daylight-saving rules below.
//!
//! # Daylight saving time
//!
//! A series keeps its wall-clock time: a 17:00 meeting is at 17:00 in Berlin in winter (16:00 UTC)
//! and in summer (15:00 UTC).
//!
//! * The **start** itself must name a local time that exists exactly once. A start in the hour
//!   the clocks skip ([`Error::NonexistentStart`]) or repeat ([`Error::AmbiguousStart`]) is
//!   rejected, since the coordinator typed a time that the calendar cannot show as typed.
//! * A **later occurrence** whose wall-clock time falls into such an hour (only possible for series
//!   between 02:00 and 03:00) is resolved as RFC 5545 §3.3.5 prescribes and calendar clients do:
//!   a repeated time means its first instance, a skipped time is read with the offset before the
//!   gap (02:30 becomes 03:30 summer time). [`resolve_local`] implements exactly that.

use std::collections::BTreeSet;
use std::str::FromStr;

use chrono::{DateTime, Duration, NaiveDate, NaiveDateTime, NaiveTime, Offset, TimeZone, Utc};
use chrono_tz::Tz;
use rrule::{RRule, RRuleError, RRuleSet, Unvalidated, Validated};

use crate::Error;
use crate::words::{Language, Rhythm, Written};

/// The most occurrences one expansion yields; guards the web layer against runaway rules.
pub const MAX_OCCURRENCES: usize = 20_000;

/// Rule parts a meeting series may use. Sub-daily parts are left out on purpose: the time of day
/// comes from the start, and a series meets at most once per day (the date is the occurrence key).
const ALLOWED_PARTS: &[&str] = &[
    "FREQ",
    "INTERVAL",
    "COUNT",
    "UNTIL",
    "BYDAY",
    "BYMONTHDAY",
    "BYMONTH",
    "BYSETPOS",
    "BYWEEKNO",
    "BYYEARDAY",
    "WKST",
];

/// A validated recurrence: rule, start, time zone and excluded dates.
///
/// Built only through [`Recurrence::parse`], so holding one means the rule was accepted.
#[derive(Debug, Clone)]
pub struct Recurrence {
    rule: RRule<Validated>,
    rule_text: String,
    start: DateTime<Tz>,
    exdates: BTreeSet<NaiveDate>,
    /// The rule in words, when it has a shape that reads well (see [`Recurrence::describe`]).
    rhythm: Option<Rhythm>,
}

impl Recurrence {
    /// Parses `rule` (with or without a leading `RRULE:`) for a series starting at the local
    /// time `start` in `tz`.
    ///
    /// `UNTIL` may be a date (`20251231`, meaning through the end of that local day), a local
    /// date-time (`20251231T170000`) or a UTC date-time (`20251231T160000Z`).
    ///
    /// # Errors
    ///
    /// [`Error::InvalidRule`] naming the rule part, [`Error::UntilBeforeStart`],
    /// [`Error::NonexistentStart`] or [`Error::AmbiguousStart`].
    pub fn parse(rule: &str, start: NaiveDateTime, tz: Tz) -> Result<Self, Error> {
        let start_at = exact_local(tz, start)?;
        let trimmed = rule.trim();
        let body = strip_prefix_ignore_case(trimmed, "RRULE:").unwrap_or(trimmed);

        let mut seen = BTreeSet::new();
        let mut kept = Vec::new();
        let mut until = None;
        let mut freq = None;
        let mut by_day = None;
        let mut written = Written::default();
        for raw in body.split(';').map(str::trim).filter(|p| !p.is_empty()) {
            let Some((name, value)) = raw.split_once('=') else {
                return Err(invalid(raw, "expected NAME=VALUE"));
            };
            let name = name.trim().to_ascii_uppercase();
            let value = value.trim().to_ascii_uppercase();
            let value = value.as_str();
            if !ALLOWED_PARTS.contains(&name.as_str()) {
                let message = if matches!(name.as_str(), "BYHOUR" | "BYMINUTE" | "BYSECOND") {
                    "the time of day comes from the start; a series meets once per day"
                } else {
                    "unknown or unsupported rule part"
                };
                return Err(invalid(&name, message));
            }
            if !seen.insert(name.clone()) {
                return Err(invalid(&name, "given more than once"));
            }
            if value.is_empty() {
                return Err(invalid(&name, "has no value"));
            }
            match name.as_str() {
                "UNTIL" => until = Some((parse_until(value, tz)?, value.to_owned())),
                "FREQ" => freq = Some(value.to_owned()),
                "BYDAY" => by_day = Some(value.to_owned()),
                _ => {}
            }
            written.part(&name, value);
            if name != "UNTIL" {
                kept.push(format!("{name}={value}"));
            }
        }
        let Some(freq) = freq else {
            return Err(invalid("FREQ", "missing; expected e.g. FREQ=WEEKLY"));
        };
        if matches!(freq.as_str(), "HOURLY" | "MINUTELY" | "SECONDLY") {
            return Err(invalid("FREQ", "a meeting series repeats at most daily"));
        }
        if let Some(by_day) = &by_day {
            let has_ordinal = by_day.split(',').any(|d| {
                d.trim().len() > 2
                    && d.trim()
                        .starts_with(|c: char| c == '+' || c == '-' || c.is_ascii_digit())
            });
            if has_ordinal && !matches!(freq.as_str(), "MONTHLY" | "YEARLY") {
                return Err(invalid(
                    "BYDAY",
                    "an ordinal such as -1TH needs FREQ=MONTHLY or FREQ=YEARLY",
                ));
            }
        }
        if let Some((at, given)) = &until
            && *at < start_at.with_timezone(&Utc)
        {
            return Err(Error::UntilBeforeStart {
                until: given.clone(),
                start: start.format("%Y-%m-%dT%H:%M").to_string(),
            });
        }
        let until = until.map(|(at, _)| at);
        if let Some(at) = until {
            written.until(at.with_timezone(&tz).date_naive());
        }

        let text = kept.join(";");
        let mut unvalidated = RRule::<Unvalidated>::from_str(&text).map_err(rule_error)?;
        if let Some(until) = until {
            unvalidated = unvalidated.until(until.with_timezone(&rrule::Tz::UTC));
        }
        let rule = unvalidated
            .validate(start_at.with_timezone(&rrule::Tz::Tz(tz)))
            .map_err(rule_error)?;
        // Not `rule.to_string()`: that spells out the BYHOUR/BYMINUTE/BYSECOND taken from the
        // start, which `parse` refuses, so stored text would no longer parse.
        let mut rule_text = text;
        if let Some(until) = until {
            rule_text.push_str(&until.format(";UNTIL=%Y%m%dT%H%M%SZ").to_string());
        }
        Ok(Self {
            rule,
            rule_text,
            start: start_at,
            exdates: BTreeSet::new(),
            rhythm: written.rhythm(),
        })
    }

    /// Excludes occurrences by their local date (`EXDATE`), replacing any set before.
    #[must_use]
    pub fn with_exdates(mut self, dates: impl IntoIterator<Item = NaiveDate>) -> Self {
        self.exdates = dates.into_iter().collect();
        self
    }

    /// The first possible occurrence (`DTSTART`).
    pub fn start(&self) -> DateTime<Tz> {
        self.start
    }

    /// The series' time zone.
    pub fn time_zone(&self) -> Tz {
        self.start.timezone()
    }

    /// The rule in canonical RFC 5545 form (with `UNTIL` in UTC), for storage or display.
    pub fn rule_text(&self) -> &str {
        &self.rule_text
    }

    /// The rule in words — "am letzten Donnerstag jedes Monats", "every 2 weeks on Tuesday,
    /// until 31 December 2026" — for the shapes meeting series use: weekly on some weekdays, or
    /// monthly on the first to fifth, last or second-to-last weekday, with an interval and an end
    /// (`UNTIL` as the local day of the last possible meeting, or `COUNT`). `None` for any other
    /// rule, which a reader is better shown as written.
    pub fn describe(&self, language: Language) -> Option<String> {
        self.rhythm.as_ref().map(|r| r.words(language))
    }

    /// The excluded dates.
    pub fn exdates(&self) -> &BTreeSet<NaiveDate> {
        &self.exdates
    }

    /// All occurrences from the start through the local date `last` (inclusive), without the
    /// excluded dates, in order.
    ///
    /// As in `python-dateutil` and the `rrule` crate, the start counts only if the rule matches
    /// it; a start that does not fit the rule merely anchors it.
    ///
    /// # Errors
    ///
    /// [`Error::TooManyOccurrences`] past [`MAX_OCCURRENCES`].
    pub fn occurrences_through(&self, last: NaiveDate) -> Result<Vec<DateTime<Tz>>, Error> {
        let tz = self.time_zone();
        let set = RRuleSet::new(self.start.with_timezone(&rrule::Tz::Tz(tz)))
            .rrule(self.rule.clone())
            .limit();
        let mut out = Vec::new();
        for at in &set {
            let local = at.with_timezone(&tz);
            if local.date_naive() > last {
                break;
            }
            if out.len() >= MAX_OCCURRENCES {
                return Err(Error::TooManyOccurrences {
                    limit: MAX_OCCURRENCES,
                });
            }
            if !self.exdates.contains(&local.date_naive()) {
                out.push(local);
            }
        }
        Ok(out)
    }
}

/// Reads a local date-time as typed on the command line or in a form: `2025-01-30T17:00`,
/// `2025-01-30T17:00:00`, `2025-01-30 17:00` or the iCalendar form `20250130T170000`.
///
/// # Errors
///
/// [`Error::InvalidValue`] for `part`.
pub fn parse_local_datetime(part: &'static str, value: &str) -> Result<NaiveDateTime, Error> {
    const FORMATS: &[&str] = &[
        "%Y-%m-%dT%H:%M",
        "%Y-%m-%dT%H:%M:%S",
        "%Y-%m-%d %H:%M",
        "%Y-%m-%d %H:%M:%S",
        "%Y%m%dT%H%M%S",
    ];
    let value = value.trim();
    FORMATS
        .iter()
        .find_map(|f| NaiveDateTime::parse_from_str(value, f).ok())
        .ok_or_else(|| Error::InvalidValue {
            part,
            value: value.to_owned(),
            expected: "a local date and time such as 2025-01-30T17:00",
        })
}

/// Reads an IANA time zone name such as `Europe/Berlin`.
///
/// # Errors
///
/// [`Error::InvalidValue`] for `tz`.
pub fn parse_time_zone(value: &str) -> Result<Tz, Error> {
    value.trim().parse::<Tz>().map_err(|_| Error::InvalidValue {
        part: "tz",
        value: value.to_owned(),
        expected: "an IANA time zone name such as Europe/Berlin",
    })
}

/// Places a local wall-clock time on the time line the way RFC 5545 §3.3.5 does: a time that
/// happens twice means the first, a time that is skipped is read with the offset before the gap.
pub fn resolve_local(tz: Tz, local: NaiveDateTime) -> DateTime<Tz> {
    match tz.from_local_datetime(&local) {
        chrono::LocalResult::Single(at) => at,
        chrono::LocalResult::Ambiguous(first, _) => first,
        chrono::LocalResult::None => {
            // Gaps last at most a few hours; the offset three hours earlier is the one before it.
            let before = local - Duration::hours(3);
            let offset = match tz.from_local_datetime(&before) {
                chrono::LocalResult::Single(at) | chrono::LocalResult::Ambiguous(at, _) => {
                    at.offset().fix()
                }
                chrono::LocalResult::None => tz.offset_from_utc_datetime(&before).fix(),
            };
            tz.from_utc_datetime(&(local - Duration::seconds(i64::from(offset.local_minus_utc()))))
        }
    }
}

fn exact_local(tz: Tz, local: NaiveDateTime) -> Result<DateTime<Tz>, Error> {
    match tz.from_local_datetime(&local) {
        chrono::LocalResult::Single(at) => Ok(at),
        chrono::LocalResult::Ambiguous(..) => Err(Error::AmbiguousStart {
            local,
            tz: tz.name().to_owned(),
        }),
        chrono::LocalResult::None => Err(Error::NonexistentStart {
            local,
            tz: tz.name().to_owned(),
        }),
    }
}

fn parse_until(value: &str, tz: Tz) -> Result<DateTime<Utc>, Error> {
    let value = value.trim();
    if let Some(utc) = value.strip_suffix(['Z', 'z']) {
        return NaiveDateTime::parse_from_str(utc, "%Y%m%dT%H%M%S")
            .map(|at| at.and_utc())
            .map_err(|_| invalid("UNTIL", "expected YYYYMMDD, YYYYMMDDTHHMMSS or …Z"));
    }
    if let Ok(local) = NaiveDateTime::parse_from_str(value, "%Y%m%dT%H%M%S") {
        return Ok(resolve_local(tz, local).with_timezone(&Utc));
    }
    let date = NaiveDate::parse_from_str(value, "%Y%m%d")
        .or_else(|_| NaiveDate::parse_from_str(value, "%Y-%m-%d"))
        .map_err(|_| invalid("UNTIL", "expected YYYYMMDD, YYYYMMDDTHHMMSS or …Z"))?;
    let next_midnight = date
        .succ_opt()
        .map(|d| d.and_time(NaiveTime::MIN))
        .ok_or_else(|| invalid("UNTIL", "date out of range"))?;
    Ok(resolve_local(tz, next_midnight).with_timezone(&Utc) - Duration::seconds(1))
}

fn strip_prefix_ignore_case<'a>(text: &'a str, prefix: &str) -> Option<&'a str> {
    let head = text.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix)
        .then(|| text.get(prefix.len()..))
        .flatten()
}

fn invalid(part: &str, message: &str) -> Error {
    Error::InvalidRule {
        part: part.to_owned(),
        message: message.to_owned(),
    }
}

fn rule_error(error: RRuleError) -> Error {
    use rrule::{ParseError as P, ValidationError as V};
    let message = error.to_string();
    let part: String = match &error {
        RRuleError::ParserError(p) => match p {
            P::InvalidFrequency(_) => "FREQ".into(),
            P::InvalidWeekday(_) => "BYDAY".into(),
            P::InvalidWeekdayStart(_) => "WKST".into(),
            P::InvalidInterval(_) => "INTERVAL".into(),
            P::InvalidCount(_) => "COUNT".into(),
            P::InvalidByMonthDay(_) => "BYMONTHDAY".into(),
            P::InvalidByMonth(_) => "BYMONTH".into(),
            P::InvalidByYearDay(_) => "BYYEARDAY".into(),
            P::InvalidByWeekNo(_) => "BYWEEKNO".into(),
            P::InvalidBySetPos(_) => "BYSETPOS".into(),
            P::MissingProperty(name) | P::UnrecognizedParameter(name) => name.clone(),
            _ => "RRULE".into(),
        },
        RRuleError::ValidationError(v) => match v {
            V::InvalidFieldValue { field, .. }
            | V::InvalidFieldValueRange { field, .. }
            | V::InvalidFieldValueRangeWithFreq { field, .. } => field.clone(),
            V::InvalidByRuleAndFrequency { by_rule, .. } => by_rule.clone(),
            V::BySetPosWithoutByRule => "BYSETPOS".into(),
            V::UntilBeforeStart { .. } | V::DtStartUntilMismatchTimezone { .. } => "UNTIL".into(),
            V::TooBigInterval(_) => "INTERVAL".into(),
            V::StartYearOutOfRange(_) => "DTSTART".into(),
            _ => "RRULE".into(),
        },
        RRuleError::IterError(_) => "RRULE".into(),
    };
    Error::InvalidRule { part, message }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono_tz::Europe::Berlin;

    fn at(s: &str) -> NaiveDateTime {
        parse_local_datetime("start", s).unwrap()
    }

    fn part_of(result: Result<Recurrence, Error>) -> String {
        match result {
            Err(Error::InvalidRule { part, .. }) => part,
            other => format!("not an InvalidRule: {other:?}"),
        }
    }

    #[test]
    fn last_thursday_keeps_wall_clock_across_dst() {
        let r =
            Recurrence::parse("FREQ=MONTHLY;BYDAY=-1TH", at("2025-01-30T17:00"), Berlin).unwrap();
        let all = r
            .occurrences_through(NaiveDate::from_ymd_opt(2025, 12, 31).unwrap())
            .unwrap();
        assert_eq!(all.len(), 12);
        assert!(
            all.iter()
                .all(|o| o.time() == NaiveTime::from_hms_opt(17, 0, 0).unwrap())
        );
        // March 27th is winter time, April 24th summer time.
        assert_eq!(
            all[2].with_timezone(&Utc).to_rfc3339(),
            "2025-03-27T16:00:00+00:00"
        );
        assert_eq!(
            all[3].with_timezone(&Utc).to_rfc3339(),
            "2025-04-24T15:00:00+00:00"
        );
        assert_eq!(
            all[4].date_naive(),
            NaiveDate::from_ymd_opt(2025, 5, 29).unwrap()
        );
    }

    #[test]
    fn invalid_parts_are_named() {
        let s = at("2025-01-30T17:00");
        assert_eq!(
            part_of(Recurrence::parse("FREQ=FORTNIGHTLY", s, Berlin)),
            "FREQ"
        );
        assert_eq!(
            part_of(Recurrence::parse("FREQ=WEEKLY;BYDAY=XX", s, Berlin)),
            "BYDAY"
        );
        assert_eq!(
            part_of(Recurrence::parse("FREQ=WEEKLY;INTERVAL=x", s, Berlin)),
            "INTERVAL"
        );
        assert_eq!(
            part_of(Recurrence::parse("FREQ=WEEKLY;COUNT=-2", s, Berlin)),
            "COUNT"
        );
        assert_eq!(
            part_of(Recurrence::parse("FREQ=WEEKLY;BYHOUR=9", s, Berlin)),
            "BYHOUR"
        );
        assert_eq!(
            part_of(Recurrence::parse("FREQ=WEEKLY;FOO=1", s, Berlin)),
            "FOO"
        );
        assert_eq!(part_of(Recurrence::parse("BYDAY=MO", s, Berlin)), "FREQ");
        assert_eq!(part_of(Recurrence::parse("FREQ=HOURLY", s, Berlin)), "FREQ");
        assert_eq!(
            part_of(Recurrence::parse("FREQ=WEEKLY;BYDAY=-1TH", s, Berlin)),
            "BYDAY"
        );
        assert_eq!(
            part_of(Recurrence::parse("FREQ=MONTHLY;BYDAY=-9TH", s, Berlin)),
            "BYDAY"
        );
        assert_eq!(
            part_of(Recurrence::parse("FREQ=WEEKLY;UNTIL=soon", s, Berlin)),
            "UNTIL"
        );
        assert_eq!(
            part_of(Recurrence::parse("FREQ=WEEKLY;FREQ=DAILY", s, Berlin)),
            "FREQ"
        );
        assert_eq!(
            part_of(Recurrence::parse("FREQ=MONTHLY;BYMONTHDAY=32", s, Berlin)),
            "BYMONTHDAY"
        );
    }

    #[test]
    fn until_before_start_is_rejected() {
        let err = Recurrence::parse("FREQ=WEEKLY;UNTIL=20250101", at("2025-01-30T17:00"), Berlin)
            .unwrap_err();
        assert!(matches!(err, Error::UntilBeforeStart { .. }), "{err:?}");
    }

    #[test]
    fn until_date_includes_that_day() {
        let r = Recurrence::parse(
            "RRULE:FREQ=WEEKLY;UNTIL=20250213",
            at("2025-01-30T17:00"),
            Berlin,
        )
        .unwrap();
        let all = r
            .occurrences_through(NaiveDate::from_ymd_opt(2030, 1, 1).unwrap())
            .unwrap();
        assert_eq!(all.len(), 3);
    }

    #[test]
    fn dst_start_times_are_rejected() {
        let gap = Recurrence::parse("FREQ=WEEKLY", at("2025-03-30T02:30"), Berlin).unwrap_err();
        assert!(matches!(gap, Error::NonexistentStart { .. }), "{gap:?}");
        let twice = Recurrence::parse("FREQ=WEEKLY", at("2025-10-26T02:30"), Berlin).unwrap_err();
        assert!(matches!(twice, Error::AmbiguousStart { .. }), "{twice:?}");
    }

    #[test]
    fn later_dst_occurrences_follow_rfc5545() {
        // Sunday 02:30 series: on 30 March 2025 02:30 does not exist, on 26 October it repeats.
        let r = Recurrence::parse("FREQ=WEEKLY", at("2025-03-23T02:30"), Berlin).unwrap();
        let all = r
            .occurrences_through(NaiveDate::from_ymd_opt(2025, 10, 31).unwrap())
            .unwrap();
        let spring = all[1].with_timezone(&Utc);
        assert_eq!(spring.to_rfc3339(), "2025-03-30T01:30:00+00:00");
        let autumn = all
            .iter()
            .find(|o| o.date_naive() == NaiveDate::from_ymd_opt(2025, 10, 26).unwrap())
            .unwrap();
        assert_eq!(
            autumn.with_timezone(&Utc).to_rfc3339(),
            "2025-10-26T00:30:00+00:00"
        );
        assert_eq!(
            resolve_local(Berlin, at("2025-03-30T02:30")).with_timezone(&Utc),
            spring
        );
    }

    #[test]
    fn canonical_text_parses_to_the_same_dates() {
        let start = at("2025-01-30T17:00");
        let r = Recurrence::parse(
            "rrule:freq=monthly;byday=-1th;until=20251231",
            start,
            Berlin,
        )
        .unwrap();
        assert_eq!(
            r.rule_text(),
            "FREQ=MONTHLY;BYDAY=-1TH;UNTIL=20251231T225959Z"
        );
        let again = Recurrence::parse(r.rule_text(), start, Berlin).unwrap();
        let last = NaiveDate::from_ymd_opt(2030, 1, 1).unwrap();
        assert_eq!(
            r.occurrences_through(last).unwrap(),
            again.occurrences_through(last).unwrap()
        );
        assert_eq!(again.occurrences_through(last).unwrap().len(), 12);
    }

    #[test]
    fn exdates_are_left_out() {
        let r = Recurrence::parse("FREQ=WEEKLY;COUNT=4", at("2025-01-01T18:00"), Berlin)
            .unwrap()
            .with_exdates([NaiveDate::from_ymd_opt(2025, 1, 8).unwrap()]);
        let all = r
            .occurrences_through(NaiveDate::from_ymd_opt(2026, 1, 1).unwrap())
            .unwrap();
        let days: Vec<u32> = all.iter().map(chrono::Datelike::day).collect();
        assert_eq!(days, vec![1, 15, 22]);
    }
}
