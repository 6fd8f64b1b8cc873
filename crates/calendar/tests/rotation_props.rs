//! Rotation fairness, stated as the issue states it and checked on generated rotations.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::collections::{BTreeMap, BTreeSet};

use chrono::{Days, Duration, NaiveDate};
use chrono_tz::Europe::Berlin;
use knotenpunkt_calendar::{
    Exception, ExceptionKind, HolidayPolicy, Hosting, Member, MemberId, Recurrence, RotationOrder,
    Series, parse_local_datetime, schedule,
};
use proptest::prelude::*;

fn day(offset: u64) -> NaiveDate {
    NaiveDate::from_ymd_opt(2025, 1, 1)
        .unwrap()
        .checked_add_days(Days::new(offset))
        .unwrap()
}

/// Members of a fixed rotation joined before the first meeting, some on the same day.
fn before_start(offset: u64) -> NaiveDate {
    NaiveDate::from_ymd_opt(2024, 12, 1)
        .unwrap()
        .checked_add_days(Days::new(offset))
        .unwrap()
}

fn series(rule: &str, members: Vec<Member>, order: RotationOrder) -> Series {
    let start = parse_local_datetime("start", "2025-01-01T17:00").unwrap();
    let mut s = Series::new(
        Recurrence::parse(rule, start, Berlin).unwrap(),
        Duration::hours(1),
    );
    s.hosting = Hosting::Rotation { members, order };
    s
}

fn order_strategy(n: usize) -> impl Strategy<Value = RotationOrder> {
    prop_oneof![
        Just(RotationOrder::JoinOrder),
        Just(RotationOrder::Alphabetical),
        Just((0..n).collect::<Vec<_>>())
            .prop_shuffle()
            .prop_map(|p| RotationOrder::Explicit(
                p.into_iter().map(|i| MemberId(format!("m{i}"))).collect()
            )),
    ]
}

fn names() -> impl Strategy<Value = Vec<String>> {
    proptest::collection::vec("[A-Za-zÄÖÜäöüß]{1,8}", 2..=9)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// In any window of n consecutive hosted occurrences of an n-member rotation with no skips,
    /// every member hosts exactly once.
    #[test]
    fn every_window_of_n_has_every_member_once(
        (names, order) in names().prop_flat_map(|names| {
            let n = names.len();
            (Just(names), order_strategy(n))
        }),
        policy in proptest::sample::select(vec![HolidayPolicy::Keep, HolidayPolicy::EarlierWeek, HolidayPolicy::NextWorkday]),
        monthly in any::<bool>(),
    ) {
        let members: Vec<Member> = names
            .iter()
            .enumerate()
            .map(|(i, name)| Member::new(&format!("m{i}"), name, before_start(i as u64 % 3)))
            .collect();
        let n = members.len();
        let rule = if monthly { "FREQ=MONTHLY;BYDAY=-1TH" } else { "FREQ=WEEKLY" };
        let mut s = series(rule, members, order);
        s.holiday_policy = policy;
        let plan = schedule(&s, day(6 * 365)).unwrap();
        let hosts: Vec<&MemberId> = plan
            .occurrences
            .iter()
            .filter(|o| !o.status.is_cancelled())
            .map(|o| o.host.as_ref().unwrap())
            .collect();
        prop_assert!(hosts.len() >= 2 * n);
        for window in hosts.windows(n) {
            let distinct: BTreeSet<&&MemberId> = window.iter().collect();
            prop_assert_eq!(distinct.len(), n, "window {:?}", window);
        }
    }

    /// With joins, leaves and declared dates: a host never hosts twice in a cycle (a repeat
    /// only happens once every member current that day has hosted), never hosts a date it
    /// declared, and is a member that day; a member skipped for a declared date hosts the next
    /// meeting it can, before members after it in the order.
    #[test]
    fn nobody_hosts_twice_in_a_cycle(
        spec in proptest::collection::vec((0u64..200, proptest::option::of(100u64..400), proptest::collection::btree_set(0u64..400, 0..12)), 2..=7),
    ) {
        let members: Vec<Member> = spec
            .iter()
            .enumerate()
            .map(|(i, (joined, stays, declared))| {
                let mut m = Member::new(&format!("m{i}"), &format!("M{i}"), day(*joined));
                m.left = stays.map(|s| day(joined + s));
                m.unavailable = declared.iter().map(|d| day(*d)).collect();
                m
            })
            .collect();
        let by_id: BTreeMap<MemberId, Member> = members.iter().map(|m| (m.id.clone(), m.clone())).collect();
        let s = series("FREQ=WEEKLY", members.clone(), RotationOrder::JoinOrder);
        let mut in_join_order = members.clone();
        in_join_order.sort_by(|a, b| (a.joined, &a.id).cmp(&(b.joined, &b.id)));
        let plan = schedule(&s, day(400)).unwrap();

        let mut hosted: BTreeSet<MemberId> = BTreeSet::new();
        for o in &plan.occurrences {
            let date = o.recurrence_id;
            let current: BTreeSet<MemberId> = members
                .iter()
                .filter(|m| m.joined <= date && m.left.is_none_or(|l| date < l))
                .map(|m| m.id.clone())
                .collect();
            if current.is_subset(&hosted) {
                hosted.clear();
            }
            let Some(host) = &o.host else {
                // No host only if every member still due declared the date (or none is current).
                let due: Vec<&MemberId> = current.iter().filter(|m| !hosted.contains(*m)).collect();
                prop_assert!(due.iter().all(|m| by_id[*m].unavailable.contains(&date)), "{date}: due {due:?}");
                continue;
            };
            prop_assert!(current.contains(host), "{host} hosts {date} without being a member");
            prop_assert!(!by_id[host].unavailable.contains(&date), "{host} declared {date}");
            prop_assert!(!hosted.contains(host), "{host} hosts twice in a cycle on {date}");
            // Turn kept: everyone earlier in join order and still due declared this date.
            for earlier in in_join_order.iter().take_while(|m| m.id != *host) {
                if current.contains(&earlier.id) && !hosted.contains(&earlier.id) {
                    prop_assert!(earlier.unavailable.contains(&date), "{} skipped on {date}", earlier.id);
                }
            }
            hosted.insert(host.clone());
        }
    }

    /// A swap exchanges two hosts and changes nothing else.
    #[test]
    fn swaps_exchange_exactly_two_hosts(n in 2usize..8, a in 0u64..30, b in 0u64..30) {
        prop_assume!(a != b);
        let members: Vec<Member> = (0..n).map(|i| Member::new(&format!("m{i}"), "x", day(0))).collect();
        let mut s = series("FREQ=WEEKLY", members, RotationOrder::JoinOrder);
        let plain = schedule(&s, day(365)).unwrap();
        let (da, db) = (day(7 * a), day(7 * b));
        s.exceptions.push(Exception { date: da, kind: ExceptionKind::SwapHost { with: db } });
        let swapped = schedule(&s, day(365)).unwrap();
        for (p, q) in plain.occurrences.iter().zip(&swapped.occurrences) {
            if p.recurrence_id == da {
                prop_assert_eq!(&q.host, &plain.get(db).unwrap().host);
            } else if p.recurrence_id == db {
                prop_assert_eq!(&q.host, &plain.get(da).unwrap().host);
            } else {
                prop_assert_eq!(p, q);
            }
        }
    }
}
