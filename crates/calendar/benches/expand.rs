//! Ten years of a weekly series with holidays and a 13-member rotation: expansion and feed.
//!
//! Criterion-free on purpose (one dependency less); run with
//! `cargo bench -p knotenpunkt-calendar --bench expand`. The target is under 10 ms for
//! expanding and rendering together.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::hint::black_box;
use std::time::{Duration as StdDuration, Instant};

use chrono::{Duration, NaiveDate, TimeZone, Utc};
use knotenpunkt_calendar::ics::{self, Feed, FeedEvent, Labels};
use knotenpunkt_calendar::{
    HolidayPolicy, Hosting, Member, Recurrence, RotationOrder, Series, State, parse_local_datetime,
    schedule,
};

fn series() -> Series {
    let start = parse_local_datetime("start", "2026-01-07T17:00").unwrap();
    let rule = Recurrence::parse("FREQ=WEEKLY;BYDAY=TH", start, chrono_tz::Europe::Berlin).unwrap();
    let mut series = Series::new(rule, Duration::minutes(90));
    series.holiday_policy = HolidayPolicy::NextWorkday;
    series.coordinator_state = Some(State::RP);
    let states = [State::RP, State::BY, State::NW, State::BE, State::SN];
    let members = (0..13)
        .map(|i| {
            let mut m = Member::new(
                &format!("m{i:02}"),
                &format!("Modellprojekt {i}"),
                NaiveDate::from_ymd_opt(2025, 1, 1).unwrap(),
            );
            m.state = states.get(i % states.len()).copied();
            m
        })
        .collect();
    series.hosting = Hosting::Rotation {
        members,
        order: RotationOrder::JoinOrder,
    };
    series
}

fn feed_events(series: &Series, through: NaiveDate) -> Vec<FeedEvent> {
    let plan = schedule(series, through).unwrap();
    let stamp = Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap();
    let agenda = vec![
        "Gastgeber stellt sich und seine Projekte vor".to_owned(),
        "Aktuelle Fragen".to_owned(),
        "Punkte der Teilnehmenden".to_owned(),
    ];
    plan.occurrences
        .into_iter()
        .map(|o| FeedEvent {
            uid: ics::event_uid("mps-r1-monthly", o.recurrence_id, "knotenpunkt.example"),
            sequence: 0,
            stamp,
            summary: "Netzwerktreffen Modellprojekte Smart Cities".to_owned(),
            host_name: o.host.as_ref().map(|h| h.0.clone()),
            agenda: agenda.clone(),
            video_url: Some("https://meet.example.org/mps-netzwerk".to_owned()),
            occurrence: o,
        })
        .collect()
}

fn measure(name: &str, mut f: impl FnMut() -> usize) {
    // Warm up, then take the median of 15 runs of enough iterations to last ~20 ms each.
    let mut iterations = 1u32;
    loop {
        let t = Instant::now();
        for _ in 0..iterations {
            black_box(f());
        }
        if t.elapsed() > StdDuration::from_millis(20) || iterations > 1 << 20 {
            break;
        }
        iterations *= 2;
    }
    let mut samples: Vec<f64> = (0..15)
        .map(|_| {
            let t = Instant::now();
            for _ in 0..iterations {
                black_box(f());
            }
            t.elapsed().as_secs_f64() * 1e3 / f64::from(iterations)
        })
        .collect();
    samples.sort_by(f64::total_cmp);
    let median = samples.get(samples.len() / 2).copied().unwrap_or_default();
    let min = samples.first().copied().unwrap_or_default();
    println!(
        "{name:<44} median {median:>8.3} ms   min {min:>8.3} ms   ({iterations} iterations x 15)"
    );
}

fn main() {
    let series = series();
    let through = NaiveDate::from_ymd_opt(2035, 12, 31).unwrap();
    let feed = Feed {
        name: "Netzwerktreffen Modellprojekte Smart Cities".to_owned(),
        description: None,
        refresh_hours: 6,
        labels: Labels::german(),
    };
    let count = schedule(&series, through).unwrap().occurrences.len();
    println!("weekly series 2026-2035: {count} occurrences, 13-member rotation, next-workday");

    measure("expand (rule + holidays + rotation)", || {
        schedule(black_box(&series), through)
            .unwrap()
            .occurrences
            .len()
    });
    let events = feed_events(&series, through);
    measure("render feed", || {
        ics::render(black_box(&feed), black_box(&events)).len()
    });
    measure("expand + render", || {
        let events = feed_events(black_box(&series), through);
        ics::render(&feed, &events).len()
    });
    println!("feed size: {} bytes", ics::render(&feed, &events).len());
}
