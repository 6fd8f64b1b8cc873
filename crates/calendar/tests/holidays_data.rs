//! The holiday data of `holiday_de`, checked against a second source: dates copied from the
//! official state lists for a few years, and Easter computed here with the anonymous Gregorian
//! algorithm (Meeus/Jones/Butcher) for two centuries.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use chrono::{Datelike, Days, NaiveDate, Weekday};
use knotenpunkt_calendar::holidays::{holiday_on, holidays_in_year};
use knotenpunkt_calendar::{State, StateSet};

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn easter(year: i32) -> NaiveDate {
    let a = year % 19;
    let b = year / 100;
    let c = year % 100;
    let (dd, e) = (b / 4, b % 4);
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - dd - g + 15) % 30;
    let (i, k) = (c / 4, c % 4);
    let l = (32 + 2 * e + 2 * i - h - k) % 7;
    let m = (a + 11 * h + 22 * l) / 451;
    let month = (h + l - 7 * m + 114) / 31;
    let day = (h + l - 7 * m + 114) % 31 + 1;
    d(year, month as u32, day as u32)
}

fn name_on(date: NaiveDate, states: StateSet) -> Option<&'static str> {
    holiday_on(date, states).map(|h| h.name)
}

fn only(state: State) -> StateSet {
    StateSet::EMPTY.with(state)
}

#[test]
fn easter_guard_matches_known_dates() {
    assert_eq!(easter(2019), d(2019, 4, 21));
    assert_eq!(easter(2024), d(2024, 3, 31));
    assert_eq!(easter(2025), d(2025, 4, 20));
    assert_eq!(easter(2026), d(2026, 4, 5));
    assert_eq!(easter(2038), d(2038, 4, 25));
}

#[test]
fn movable_holidays_follow_independent_easter_1995_to_2200() {
    for year in 1995..=2200 {
        let e = easter(year);
        let plus = |n: i64| {
            if n < 0 {
                e.checked_sub_days(Days::new(n.unsigned_abs())).unwrap()
            } else {
                e.checked_add_days(Days::new(n.unsigned_abs())).unwrap()
            }
        };
        let none = StateSet::EMPTY;
        assert_eq!(name_on(plus(-2), none), Some("Karfreitag"), "{year}");
        assert_eq!(name_on(plus(1), none), Some("Ostermontag"), "{year}");
        assert_eq!(
            name_on(plus(39), none),
            Some("Christi Himmelfahrt"),
            "{year}"
        );
        assert_eq!(name_on(plus(50), none), Some("Pfingstmontag"), "{year}");
        assert_eq!(
            name_on(plus(60), only(State::RP)),
            Some("Fronleichnam"),
            "{year}"
        );
        assert_eq!(name_on(plus(60), only(State::BE)), None, "{year}");
        // Buß- und Bettag: the Wednesday between 16 and 22 November, Saxony only.
        let buss = (16..=22)
            .map(|day| d(year, 11, day))
            .find(|x| x.weekday() == Weekday::Wed)
            .unwrap();
        assert_eq!(
            name_on(buss, only(State::SN)),
            Some("Buß- und Bettag"),
            "{year}"
        );
        assert_eq!(name_on(buss, only(State::RP)), None, "{year}");
    }
}

#[test]
fn official_lists_2024_to_2026() {
    // National holidays, from the federal and state lists.
    let national = [
        (d(2024, 1, 1), "Neujahr"),
        (d(2024, 3, 29), "Karfreitag"),
        (d(2024, 4, 1), "Ostermontag"),
        (d(2024, 5, 9), "Christi Himmelfahrt"),
        (d(2024, 5, 20), "Pfingstmontag"),
        (d(2025, 4, 18), "Karfreitag"),
        (d(2025, 4, 21), "Ostermontag"),
        (d(2025, 5, 1), "Erster Mai"),
        (d(2025, 5, 29), "Christi Himmelfahrt"),
        (d(2025, 6, 9), "Pfingstmontag"),
        (d(2025, 10, 3), "Tag der Deutschen Einheit"),
        (d(2025, 12, 25), "Erster Weihnachtsfeiertag"),
        (d(2025, 12, 26), "Zweiter Weihnachtsfeiertag"),
        (d(2026, 4, 3), "Karfreitag"),
        (d(2026, 4, 6), "Ostermontag"),
        (d(2026, 5, 14), "Christi Himmelfahrt"),
        (d(2026, 5, 25), "Pfingstmontag"),
    ];
    for (date, name) in national {
        let h = holiday_on(date, StateSet::EMPTY).unwrap_or_else(|| panic!("{date} missing"));
        assert_eq!(h.name, name);
        assert!(h.is_national(), "{date} should be national");
    }
    // Regional ones, where they are and are not kept.
    let regional = [
        (d(2025, 1, 6), State::BY, State::RP, "Heilige Drei Könige"),
        (d(2025, 3, 8), State::BE, State::BB, "Frauentag"),
        (d(2025, 5, 8), State::BE, State::BB, "Tag der Befreiung"),
        (d(2025, 6, 19), State::RP, State::NI, "Fronleichnam"),
        (d(2025, 8, 15), State::SL, State::RP, "Mariä Himmelfahrt"),
        (d(2025, 9, 20), State::TH, State::SN, "Weltkindertag"),
        (d(2025, 10, 31), State::SN, State::RP, "Reformationstag"),
        (d(2025, 11, 1), State::RP, State::HE, "Allerheiligen"),
        (d(2025, 11, 19), State::SN, State::BY, "Buß- und Bettag"),
        (d(2026, 6, 4), State::NW, State::HH, "Fronleichnam"),
        (d(2024, 3, 8), State::MV, State::SH, "Frauentag"),
    ];
    for (date, kept, not_kept, name) in regional {
        assert_eq!(name_on(date, only(kept)), Some(name), "{date} in {kept}");
        assert_eq!(name_on(date, only(not_kept)), None, "{date} in {not_kept}");
    }
    // 2017: Reformationstag (500 years) was a holiday everywhere.
    assert!(
        holiday_on(d(2017, 10, 31), StateSet::EMPTY)
            .unwrap()
            .is_national()
    );
    assert_eq!(name_on(d(2018, 10, 31), only(State::RP)), None);
}

#[test]
fn number_of_weekday_or_fixed_holidays_per_state_2026() {
    // Official counts for 2026 (no one-off days that year), Sunday-only holidays left out.
    let expected = [
        (State::BW, 12),
        (State::BY, 13),
        (State::BE, 10),
        (State::BB, 10),
        (State::HB, 10),
        (State::HH, 10),
        (State::HE, 10),
        (State::MV, 11),
        (State::NI, 10),
        (State::NW, 11),
        (State::RP, 11),
        (State::SL, 12),
        (State::SN, 11),
        (State::ST, 11),
        (State::SH, 10),
        (State::TH, 11),
    ];
    let all = holidays_in_year(2026);
    for (state, count) in expected {
        let n = all.iter().filter(|h| h.states.contains(state)).count();
        assert_eq!(n, count, "{state}");
    }
    assert_eq!(all.iter().filter(|h| h.is_national()).count(), 9);
}
