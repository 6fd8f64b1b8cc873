//! Holiday policies on generated series: what a coordinator may rely on, whatever the rule.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::collections::BTreeSet;

use chrono::{Datelike, Days, Duration, NaiveDate, NaiveTime, Weekday};
use chrono_tz::Europe::Berlin;
use knotenpunkt_calendar::{
    HolidayPolicy, Reason, Recurrence, Series, State, StateSet, Status, holiday_on, schedule,
};
use proptest::prelude::*;

fn rules() -> impl Strategy<Value = &'static str> {
    proptest::sample::select(vec![
        "FREQ=WEEKLY",
        "FREQ=WEEKLY;INTERVAL=2",
        "FREQ=WEEKLY;BYDAY=MO,TH",
        "FREQ=MONTHLY;BYDAY=-1TH",
        "FREQ=MONTHLY;BYDAY=1WE",
        "FREQ=MONTHLY;BYDAY=2MO",
        "FREQ=DAILY",
    ])
}

fn policies() -> impl Strategy<Value = HolidayPolicy> {
    proptest::sample::select(vec![
        HolidayPolicy::Keep,
        HolidayPolicy::EarlierWeek,
        HolidayPolicy::NextWorkday,
        HolidayPolicy::Skip,
    ])
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn holiday_policies_keep_their_promises(
        rule in rules(),
        policy in policies(),
        state in proptest::option::of(proptest::sample::select(State::ALL.to_vec())),
        start_day in 0u64..(365 * 6),
        hour in 8u32..21,
    ) {
        let start_date = NaiveDate::from_ymd_opt(2024, 1, 1)
            .unwrap()
            .checked_add_days(Days::new(start_day))
            .unwrap();
        let time = NaiveTime::from_hms_opt(hour, 0, 0).unwrap();
        let recurrence = Recurrence::parse(rule, start_date.and_time(time), Berlin).unwrap();
        let mut series = Series::new(recurrence, Duration::minutes(90));
        series.holiday_policy = policy;
        series.coordinator_state = state;
        let states = StateSet::EMPTY.with_opt(state);
        let plan = schedule(&series, start_date.checked_add_days(Days::new(400)).unwrap()).unwrap();

        let mut held = BTreeSet::new();
        for o in &plan.occurrences {
            let original = o.recurrence_id;
            // Wall-clock time survives every move.
            prop_assert_eq!(o.start.time(), time);
            prop_assert_eq!(o.end - o.start, Duration::minutes(90));
            match &o.status {
                Status::Planned => {
                    prop_assert!(policy == HolidayPolicy::Keep || holiday_on(original, states).is_none());
                    prop_assert_eq!(o.start, o.original_start);
                }
                Status::Moved(Reason::Holiday(h)) => {
                    prop_assert_eq!(Some(*h), holiday_on(original, states));
                    let to = o.start.date_naive();
                    prop_assert!(to >= start_date, "moved before the start");
                    prop_assert!(holiday_on(to, states).is_none(), "moved onto a holiday");
                    match policy {
                        HolidayPolicy::EarlierWeek => {
                            prop_assert_eq!(to.weekday(), original.weekday());
                            prop_assert!(to < original && (original - to).num_days() % 7 == 0);
                        }
                        HolidayPolicy::NextWorkday => {
                            prop_assert!(to > original);
                            prop_assert!(!matches!(to.weekday(), Weekday::Sat | Weekday::Sun));
                        }
                        other => prop_assert!(false, "{other} moved a meeting"),
                    }
                }
                Status::Cancelled(Reason::Holiday(h)) => {
                    prop_assert_ne!(policy, HolidayPolicy::Keep);
                    prop_assert_eq!(Some(*h), holiday_on(original, states));
                }
                other => prop_assert!(false, "unexpected {other:?}"),
            }
            if !o.status.is_cancelled() {
                prop_assert!(held.insert(o.start.date_naive()), "two meetings on {}", o.start.date_naive());
            }
        }
    }
}
