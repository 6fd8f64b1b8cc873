//! Recurrence against a second, independent implementation written here: a naive day-by-day
//! expansion for weekly rules and nth/last-weekday-of-month rules, and the EU daylight-saving
//! rule computed by hand instead of through chrono-tz.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use chrono::{Datelike, Days, Duration, NaiveDate, NaiveDateTime, NaiveTime, Utc, Weekday};
use chrono_tz::Europe::Berlin;
use knotenpunkt_calendar::{Error, Recurrence};
use proptest::prelude::*;

const WEEKDAYS: [(Weekday, &str); 7] = [
    (Weekday::Mon, "MO"),
    (Weekday::Tue, "TU"),
    (Weekday::Wed, "WE"),
    (Weekday::Thu, "TH"),
    (Weekday::Fri, "FR"),
    (Weekday::Sat, "SA"),
    (Weekday::Sun, "SU"),
];

fn last_sunday(year: i32, month: u32) -> NaiveDate {
    let mut d = NaiveDate::from_ymd_opt(year, month, 31).unwrap();
    while d.weekday() != Weekday::Sun {
        d = d.pred_opt().unwrap();
    }
    d
}

/// Europe/Berlin since 1996, by the EU rule: summer time from the last Sunday of March 02:00
/// local to the last Sunday of October 03:00 local. Repeated times resolve to the first (summer)
/// instance, skipped ones with the winter offset, as RFC 5545 §3.3.5 says.
fn berlin_to_utc(local: NaiveDateTime) -> NaiveDateTime {
    let (date, hour) = (local.date(), local.hour_of_day());
    let spring = last_sunday(date.year(), 3);
    let autumn = last_sunday(date.year(), 10);
    let summer = if date > spring && date < autumn {
        true
    } else if date == spring {
        hour >= 3
    } else if date == autumn {
        hour < 3
    } else {
        false
    };
    local - Duration::hours(if summer { 2 } else { 1 })
}

trait HourOfDay {
    fn hour_of_day(&self) -> u32;
}
impl HourOfDay for NaiveDateTime {
    fn hour_of_day(&self) -> u32 {
        chrono::Timelike::hour(self)
    }
}

fn nth_weekday(year: i32, month: u32, n: i32, weekday: Weekday) -> Option<NaiveDate> {
    let days: Vec<NaiveDate> = (1..=31)
        .filter_map(|d| NaiveDate::from_ymd_opt(year, month, d))
        .filter(|d| d.weekday() == weekday)
        .collect();
    let index = if n > 0 {
        usize::try_from(n - 1).ok()?
    } else {
        days.len().checked_sub(usize::try_from(-n).ok()?)?
    };
    days.get(index).copied()
}

/// How the rule ends in a generated case.
#[derive(Debug, Clone)]
enum End {
    Open,
    Count(u32),
    UntilDays(u64),
}

fn end_strategy() -> impl Strategy<Value = End> {
    prop_oneof![
        Just(End::Open),
        (1u32..40).prop_map(End::Count),
        (0u64..900).prop_map(End::UntilDays),
    ]
}

fn apply_end(rule: &mut String, end: &End, start: NaiveDate) -> Option<NaiveDate> {
    match end {
        End::Open => None,
        End::Count(n) => {
            rule.push_str(&format!(";COUNT={n}"));
            None
        }
        End::UntilDays(days) => {
            let until = start.checked_add_days(Days::new(*days)).unwrap();
            rule.push_str(&format!(";UNTIL={}", until.format("%Y%m%d")));
            Some(until)
        }
    }
}

fn finish(mut dates: Vec<NaiveDate>, end: &End, until: Option<NaiveDate>) -> Vec<NaiveDate> {
    if let Some(until) = until {
        dates.retain(|d| *d <= until);
    }
    if let End::Count(n) = end {
        dates.truncate(*n as usize);
    }
    dates
}

fn start_strategy() -> impl Strategy<Value = (NaiveDate, NaiveTime)> {
    (
        0u64..(365 * 12),
        0u32..24,
        prop_oneof![Just(0u32), Just(15), Just(30), Just(45)],
    )
        .prop_map(|(day, hour, minute)| {
            (
                NaiveDate::from_ymd_opt(2020, 1, 1)
                    .unwrap()
                    .checked_add_days(Days::new(day))
                    .unwrap(),
                NaiveTime::from_hms_opt(hour, minute, 0).unwrap(),
            )
        })
}

/// Parses, or tells the caller the start was (rightly) refused for a DST hour.
fn parse_or_dst(rule: &str, start: NaiveDateTime) -> Option<Recurrence> {
    match Recurrence::parse(rule, start, Berlin) {
        Ok(r) => Some(r),
        Err(Error::NonexistentStart { .. } | Error::AmbiguousStart { .. }) => {
            // The refusal must be right: the independent rule says the hour is a changeover.
            let spring = last_sunday(start.date().year(), 3);
            let autumn = last_sunday(start.date().year(), 10);
            assert!(
                (start.date() == spring || start.date() == autumn) && start.hour_of_day() == 2,
                "refused {start} although it is no changeover hour"
            );
            None
        }
        Err(other) => panic!("rule {rule} refused: {other}"),
    }
}

fn check(recurrence: &Recurrence, expected: &[NaiveDate], time: NaiveTime, horizon: NaiveDate) {
    let got = recurrence.occurrences_through(horizon).unwrap();
    let dates: Vec<NaiveDate> = got.iter().map(|o| o.date_naive()).collect();
    assert_eq!(dates, expected);
    for o in &got {
        let expected_utc = berlin_to_utc(o.date_naive().and_time(time));
        assert_eq!(o.with_timezone(&Utc).naive_utc(), expected_utc, "{o}");
        if chrono::Timelike::hour(&time) != 2 {
            assert_eq!(o.time(), time, "wall clock changed on {o}");
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    #[test]
    fn weekly_matches_naive_expansion(
        (start, time) in start_strategy(),
        days in proptest::sample::subsequence(WEEKDAYS.to_vec(), 1..=3),
        interval in 1u64..=4,
        end in end_strategy(),
        exclude in proptest::collection::vec(0usize..60, 0..4),
    ) {
        let names: Vec<&str> = days.iter().map(|(_, n)| *n).collect();
        let mut rule = format!("FREQ=WEEKLY;INTERVAL={interval};BYDAY={}", names.join(","));
        let until = apply_end(&mut rule, &end, start);
        let Some(recurrence) = parse_or_dst(&rule, start.and_time(time)) else { return Ok(()); };

        // Day by day: weeks start on Monday (WKST default), counted from the start's week.
        let horizon = start.checked_add_days(Days::new(3 * 365)).unwrap();
        let first_monday = start.week(Weekday::Mon).first_day();
        let mut naive = Vec::new();
        let mut day = start;
        while day <= horizon {
            let week = u64::try_from((day - first_monday).num_days()).unwrap() / 7;
            if week % interval == 0 && days.iter().any(|(w, _)| *w == day.weekday()) {
                naive.push(day);
            }
            day = day.succ_opt().unwrap();
        }
        let naive = finish(naive, &end, until);
        let excluded: Vec<NaiveDate> = exclude.iter().filter_map(|i| naive.get(*i).copied()).collect();
        let recurrence = recurrence.with_exdates(excluded.iter().copied());
        let expected: Vec<NaiveDate> = naive.into_iter().filter(|d| !excluded.contains(d)).collect();
        check(&recurrence, &expected, time, horizon);
    }

    #[test]
    fn nth_weekday_of_month_matches_naive_expansion(
        (start, time) in start_strategy(),
        (weekday, name) in proptest::sample::select(WEEKDAYS.to_vec()),
        n in prop_oneof![Just(-1i32), Just(-2), Just(1), Just(2), Just(3), Just(4)],
        interval in 1u32..=3,
        end in end_strategy(),
    ) {
        let mut rule = format!("FREQ=MONTHLY;INTERVAL={interval};BYDAY={n}{name}");
        let until = apply_end(&mut rule, &end, start);
        let Some(recurrence) = parse_or_dst(&rule, start.and_time(time)) else { return Ok(()); };

        let horizon = start.checked_add_days(Days::new(5 * 365)).unwrap();
        let mut naive = Vec::new();
        let (mut year, mut month) = (start.year(), start.month());
        while NaiveDate::from_ymd_opt(year, month, 1).unwrap() <= horizon {
            if let Some(d) = nth_weekday(year, month, n, weekday)
                && d >= start
                && d <= horizon
            {
                naive.push(d);
            }
            month += interval;
            while month > 12 {
                month -= 12;
                year += 1;
            }
        }
        let expected = finish(naive, &end, until);
        check(&recurrence, &expected, time, horizon);
    }

    #[test]
    fn until_before_start_is_always_an_error(
        (start, time) in start_strategy(),
        back in 1u64..400,
    ) {
        let until = start.checked_sub_days(Days::new(back)).unwrap();
        let rule = format!("FREQ=WEEKLY;UNTIL={}", until.format("%Y%m%d"));
        match Recurrence::parse(&rule, start.and_time(time), Berlin) {
            Err(Error::UntilBeforeStart { .. } | Error::NonexistentStart { .. } | Error::AmbiguousStart { .. }) => {}
            other => panic!("expected UntilBeforeStart, got {other:?}"),
        }
    }
}

#[test]
fn the_independent_dst_rule_agrees_with_known_dates() {
    // Guard the guard: 2025 switched on 30 March and 26 October.
    assert_eq!(
        last_sunday(2025, 3),
        NaiveDate::from_ymd_opt(2025, 3, 30).unwrap()
    );
    assert_eq!(
        last_sunday(2025, 10),
        NaiveDate::from_ymd_opt(2025, 10, 26).unwrap()
    );
    let winter = NaiveDate::from_ymd_opt(2025, 1, 30)
        .unwrap()
        .and_hms_opt(17, 0, 0)
        .unwrap();
    assert_eq!(berlin_to_utc(winter).format("%H:%M").to_string(), "16:00");
    let summer = NaiveDate::from_ymd_opt(2025, 7, 31)
        .unwrap()
        .and_hms_opt(17, 0, 0)
        .unwrap();
    assert_eq!(berlin_to_utc(summer).format("%H:%M").to_string(), "15:00");
}
