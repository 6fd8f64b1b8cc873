//! Feeds read back by an independent iCalendar parser (the `icalendar` crate's), plus the
//! framing rules RFC 5545 sets for the bytes themselves.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use chrono::{Duration, NaiveDate, TimeZone, Utc};
use chrono_tz::Europe::Berlin;
use icalendar::parser::{Component, read_calendar, unfold};
use knotenpunkt_calendar::ics::{self, Feed, FeedEvent, Labels};
use knotenpunkt_calendar::{
    Exception, ExceptionKind, HolidayPolicy, Hosting, Member, Occurrence, Recurrence,
    RotationOrder, Series, State, parse_local_datetime, schedule,
};
use proptest::prelude::*;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn feed() -> Feed {
    Feed {
        name: "Netzwerktreffen, Runde 1; monatlich".into(),
        description: Some("Öffentlicher Kalender".into()),
        refresh_hours: 6,
        labels: Labels::german(),
    }
}

fn monthly_series() -> Series {
    let start = parse_local_datetime("start", "2025-01-30T17:00").unwrap();
    let rule = Recurrence::parse("FREQ=MONTHLY;BYDAY=-1TH", start, Berlin).unwrap();
    let mut s = Series::new(rule, Duration::minutes(90));
    s.holiday_policy = HolidayPolicy::EarlierWeek;
    s.coordinator_state = Some(State::RP);
    let mut kl = Member::new("kl", "Kaiserslautern", d(2019, 1, 1));
    kl.state = Some(State::RP);
    let mut ul = Member::new("ulm", "Ulm", d(2019, 1, 2));
    ul.state = Some(State::BW);
    let wb = Member::new("wolfsburg", "Wolfsburg", d(2019, 1, 3));
    s.hosting = Hosting::Rotation {
        members: vec![kl, ul, wb],
        order: RotationOrder::JoinOrder,
    };
    s.exceptions.push(Exception {
        date: d(2025, 8, 28),
        kind: ExceptionKind::Cancel {
            note: Some("Sommerpause".into()),
        },
    });
    s
}

fn events(occurrences: &[Occurrence]) -> Vec<FeedEvent> {
    occurrences
        .iter()
        .map(|o| FeedEvent {
            uid: ics::event_uid("mps-r1", o.recurrence_id, "knotenpunkt.example"),
            sequence: 2,
            stamp: Utc.with_ymd_and_hms(2025, 1, 2, 3, 4, 5).unwrap(),
            summary: "Netzwerktreffen".into(),
            host_name: o.host.as_ref().map(|h| format!("Stadt {h}")),
            agenda: vec![
                "Gastgeber stellt sich vor".into(),
                "Aktuelle Fragen, z. B. Förderung; Datenschutz".into(),
            ],
            video_url: Some("https://meet.example.org/r1?pw=a,b".into()),
            occurrence: o.clone(),
        })
        .collect()
}

/// A property's value; the parser already unescapes the TEXT properties it knows.
fn prop<'a>(c: &'a Component<'a>, name: &str) -> String {
    c.find_prop(name)
        .unwrap_or_else(|| panic!("{name} missing"))
        .val
        .as_str()
        .to_owned()
}

fn assert_framing(text: &str) {
    assert!(text.ends_with("\r\n"));
    for physical in text.split("\r\n") {
        assert!(
            physical.len() <= 75,
            "line of {} octets: {physical}",
            physical.len()
        );
        assert!(!physical.contains('\n') && !physical.contains('\r'));
    }
}

#[test]
fn feed_round_trips_through_an_independent_parser() {
    let plan = schedule(&monthly_series(), d(2025, 12, 31)).unwrap();
    let events = events(&plan.occurrences);
    let text = ics::render(&feed(), &events);
    assert_framing(&text);
    assert_eq!(
        text,
        ics::render(&feed(), &events),
        "rendering must be deterministic"
    );

    let unfolded = unfold(&text);
    let calendar = read_calendar(&unfolded).unwrap();
    let name = calendar
        .properties
        .iter()
        .find(|p| p.name == "X-WR-CALNAME")
        .unwrap();
    assert_eq!(name.val.clone().unescape_text().as_str(), feed().name);

    let timezones: Vec<&Component> = calendar
        .components
        .iter()
        .filter(|c| c.name == "VTIMEZONE")
        .collect();
    assert_eq!(timezones.len(), 1);
    assert_eq!(prop(timezones[0], "TZID"), "Europe/Berlin");

    let vevents: Vec<&Component> = calendar
        .components
        .iter()
        .filter(|c| c.name == "VEVENT")
        .collect();
    assert_eq!(vevents.len(), plan.occurrences.len());
    for (event, o) in vevents.iter().zip(&plan.occurrences) {
        assert_eq!(
            prop(event, "UID"),
            format!(
                "mps-r1-{}@knotenpunkt.example",
                o.recurrence_id.format("%Y%m%d")
            )
        );
        assert_eq!(prop(event, "SEQUENCE"), "2");
        assert_eq!(prop(event, "DTSTAMP"), "20250102T030405Z");
        let start = event.find_prop("DTSTART").unwrap();
        assert_eq!(start.params.len(), 1);
        assert_eq!(start.params[0].key.as_str(), "TZID");
        assert_eq!(
            start.params[0].val.as_ref().unwrap().as_str(),
            "Europe/Berlin"
        );
        // Local wall-clock text back through the zone gives the engine's instant.
        let local =
            chrono::NaiveDateTime::parse_from_str(start.val.as_str(), "%Y%m%dT%H%M%S").unwrap();
        let instant = Berlin.from_local_datetime(&local).single().unwrap();
        assert_eq!(instant, o.start);
        assert_eq!(start.val.as_str().get(9..), Some("170000"));
        assert_eq!(prop(event, "URL"), "https://meet.example.org/r1?pw=a,b");
        let description = prop(event, "DESCRIPTION");
        assert!(
            description.contains("2. Aktuelle Fragen, z. B. Förderung; Datenschutz"),
            "{description}"
        );
        if o.status.is_cancelled() {
            assert_eq!(prop(event, "STATUS"), "CANCELLED");
            assert!(prop(event, "SUMMARY").starts_with("Abgesagt: "));
        } else {
            assert_eq!(prop(event, "STATUS"), "CONFIRMED");
            let host = o.host.as_ref().unwrap();
            assert!(
                description.contains(&format!("Gastgeber: Stadt {host}")),
                "{description}"
            );
        }
    }

    // Christi Himmelfahrt (29 May) moved one week earlier, with its name in the description.
    let may = vevents
        .iter()
        .find(|e| prop(e, "UID").starts_with("mps-r1-20250529"))
        .unwrap();
    assert_eq!(
        may.find_prop("DTSTART").unwrap().val.as_str(),
        "20250522T170000"
    );
    assert!(
        prop(may, "DESCRIPTION")
            .starts_with("Verschoben wegen: Christi Himmelfahrt (ursprünglich 29.05.2025 17:00)")
    );
    let august = vevents
        .iter()
        .find(|e| prop(e, "UID").starts_with("mps-r1-20250828"))
        .unwrap();
    assert_eq!(prop(august, "STATUS"), "CANCELLED");
    assert!(prop(august, "DESCRIPTION").starts_with("Abgesagt: Sommerpause"));
}

#[test]
fn fingerprints_change_with_content_only() {
    let plan = schedule(&monthly_series(), d(2025, 3, 31)).unwrap();
    let mut evs = events(&plan.occurrences);
    let before = ics::fingerprint(&evs[0]);
    evs[0].sequence = 9;
    evs[0].stamp = Utc.with_ymd_and_hms(2030, 1, 1, 0, 0, 0).unwrap();
    assert_eq!(ics::fingerprint(&evs[0]), before);
    evs[0].agenda.push("Neuer Punkt".into());
    assert_ne!(ics::fingerprint(&evs[0]), before);
    assert_ne!(ics::fingerprint(&evs[1]), ics::fingerprint(&evs[2]));
}

#[test]
fn other_time_zones_are_written_in_utc_without_vtimezone() {
    let start = parse_local_datetime("start", "2025-03-01T09:00").unwrap();
    let rule =
        Recurrence::parse("FREQ=WEEKLY;COUNT=2", start, chrono_tz::America::New_York).unwrap();
    let plan = schedule(&Series::new(rule, Duration::hours(1)), d(2025, 12, 31)).unwrap();
    let text = ics::render(&feed(), &events(&plan.occurrences));
    assert!(!text.contains("VTIMEZONE"));
    // 1 March is EST (UTC-5), 8 March still EST: 14:00 UTC.
    assert!(text.contains("DTSTART:20250301T140000Z\r\n"), "{text}");
    assert!(text.contains("DTSTART:20250308T140000Z\r\n"), "{text}");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    /// Any text survives escaping and folding: the independent parser gives it back unchanged.
    #[test]
    fn any_text_round_trips(summary in "[ -~äöüÄÖÜß€😀;,\\\\]{0,120}", item in "[ -~äöüß\n;,\\\\]{0,200}") {
        let plan = schedule(&monthly_series(), d(2025, 2, 28)).unwrap();
        let mut evs = events(&plan.occurrences);
        evs[0].summary = summary.clone();
        evs[0].agenda = vec![item.clone()];
        evs[0].host_name = None;
        evs[0].video_url = None;
        let text = ics::render(&feed(), &evs);
        assert_framing(&text);
        let unfolded = unfold(&text);
        let calendar = read_calendar(&unfolded).unwrap();
        let first = calendar.components.iter().find(|c| c.name == "VEVENT").unwrap();
        prop_assert_eq!(prop(first, "SUMMARY"), summary);
        prop_assert_eq!(prop(first, "DESCRIPTION"), format!("Tagesordnung:\n1. {item}"));
    }
}
