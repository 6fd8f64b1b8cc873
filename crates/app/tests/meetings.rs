//! Meeting series against every backend: demo series, rotation fairness,
//! holiday moves, manual changes, meeting records and feed sequences; bad
//! input names its field and stores nothing.

// Test code: a failed unwrap is a failed test, which is what it should be.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::collections::{BTreeSet, HashMap};

use chrono::{NaiveDate, TimeZone, Utc};
use knotenpunkt_app::domain::{ExceptionChange, Series, Slug};
use knotenpunkt_app::{
    App, AppError, Directory, FeedLanguage, FeedSettings, MeetingStatus, SeriesFilter, Window,
    load_demo,
};
use knotenpunkt_store::testing::TestDb;

/// A change that breaks a series.
type Edit = Box<dyn Fn(&mut Series)>;

fn slug(s: &str) -> Slug {
    s.parse().unwrap()
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

async fn demo(db: &TestDb) -> Directory {
    let dir = App::new(db.store.clone()).directory(&App::operator());
    let report = load_demo(dir.app()).await.unwrap().unwrap();
    assert_eq!(report.series, 5, "five demo series");
    dir
}

fn field_of(e: AppError) -> Vec<(String, String)> {
    match e {
        AppError::Invalid(errors) => errors.into_iter().map(|f| (f.field, f.message)).collect(),
        other => panic!("expected invalid input, got {other:?}"),
    }
}

#[tokio::test]
async fn demo_series_rotate_fairly_and_move_on_holidays() {
    for db in TestDb::all().await.unwrap() {
        let dir = demo(&db).await;
        let monthly = slug("monatstreffen-staffel-1");
        let year = Window::new(date(2024, 1, 1), date(2025, 12, 31)).unwrap();
        let plan = dir.series_schedule(&monthly, year).await.unwrap();
        assert_eq!(plan.rotation.len(), 13, "the 13 round-1 projects rotate");
        assert!(plan.notices.is_empty(), "{:?}", plan.notices);
        // Every window of 13 consecutive hosted meetings has 13 different hosts.
        let hosts: Vec<&str> = plan
            .meetings
            .iter()
            .filter(|m| m.status != MeetingStatus::Cancelled)
            .map(|m| m.host.as_ref().unwrap().slug.as_str())
            .collect();
        assert!(hosts.len() >= 13);
        for w in hosts.windows(13) {
            let distinct: BTreeSet<&&str> = w.iter().collect();
            assert_eq!(distinct.len(), 13, "window {w:?}");
        }
        // 29 May 2025 is the last Thursday and Christi Himmelfahrt: one week earlier.
        let may = plan
            .meetings
            .iter()
            .find(|m| m.date == date(2025, 5, 29))
            .unwrap();
        assert_eq!(may.status, MeetingStatus::Moved);
        assert_eq!(may.start.date_naive(), date(2025, 5, 22));
        assert_eq!(may.reason.as_deref(), Some("Christi Himmelfahrt"));
        assert!(may.holiday);
        // Wall-clock time is kept across daylight saving time: 16:00 in January and July.
        let jan = plan
            .meetings
            .iter()
            .find(|m| m.date == date(2025, 1, 30))
            .unwrap();
        let jul = plan
            .meetings
            .iter()
            .find(|m| m.date == date(2025, 7, 31))
            .unwrap();
        assert_eq!(jan.start.format("%H:%M %z").to_string(), "16:00 +0100");
        assert_eq!(jul.start.format("%H:%M %z").to_string(), "16:00 +0200");

        // The lounge skips Christmas 2026 by hand, with the note.
        let lounge = dir
            .series_schedule(
                &slug("after-work-lounge"),
                Window::new(date(2026, 12, 20), date(2026, 12, 31)).unwrap(),
            )
            .await
            .unwrap();
        let statuses: Vec<(NaiveDate, MeetingStatus)> =
            lounge.meetings.iter().map(|m| (m.date, m.status)).collect();
        assert_eq!(
            statuses,
            [
                (date(2026, 12, 23), MeetingStatus::Cancelled),
                (date(2026, 12, 30), MeetingStatus::Cancelled)
            ]
        );

        // A host's next turns are the meetings the rotation gives it.
        let host = plan.meetings.last().unwrap().host.clone().unwrap();
        let turns = dir
            .host_turns(&host.slug, date(2025, 12, 1), 3)
            .await
            .unwrap();
        assert!(!turns.is_empty());
        assert!(turns.iter().all(|m| m.host.as_ref() == Some(&host)));
        assert!(turns.windows(2).all(|w| w[0].start_utc <= w[1].start_utc));

        // The network calendar merges the network's series in start order.
        let all = dir
            .network_meetings(
                &slug("ikone-ds"),
                Window::new(date(2026, 1, 1), date(2026, 3, 31)).unwrap(),
            )
            .await
            .unwrap();
        let series: BTreeSet<&str> = all.iter().map(|m| m.series.as_str()).collect();
        assert_eq!(
            series,
            BTreeSet::from(["ikone-ds-netzwerktreffen", "ikone-ds-stammtisch"])
        );
        assert!(all.windows(2).all(|w| w[0].start_utc <= w[1].start_utc));
        // 1 January 2026 is Neujahr: the network meeting moves to the next working day.
        let jan = all.iter().find(|m| m.date == date(2026, 1, 1)).unwrap();
        assert_eq!(jan.start.date_naive(), date(2026, 1, 2));
        assert_eq!(jan.reason.as_deref(), Some("Neujahr"));
    }
}

#[tokio::test]
async fn manual_changes_are_checked_and_survive() {
    for db in TestDb::all().await.unwrap() {
        let dir = demo(&db).await;
        let monthly = slug("monatstreffen-staffel-1");
        let window = Window::new(date(2026, 1, 1), date(2026, 12, 31)).unwrap();
        let before = dir.series_schedule(&monthly, window).await.unwrap();
        let (a, b) = (&before.meetings[1], &before.meetings[2]);

        dir.set_exception(
            &monthly,
            a.date,
            ExceptionChange::Swap {
                with: b.date,
                series: None,
            },
        )
        .await
        .unwrap();
        let after = dir.series_schedule(&monthly, window).await.unwrap();
        assert_eq!(after.meetings[1].host, b.host);
        assert_eq!(after.meetings[2].host, a.host);
        // The single meeting says the same, though its partner lies later.
        assert_eq!(
            dir.meeting(&monthly, a.date).await.unwrap().meeting.host,
            b.host
        );
        assert_eq!(
            dir.meeting(&monthly, b.date).await.unwrap().meeting.host,
            a.host
        );

        // Swap across series, with itself, with a date that is no meeting: refused.
        let errors = field_of(
            dir.set_exception(
                &monthly,
                a.date,
                ExceptionChange::Swap {
                    with: b.date,
                    series: Some(slug("ikone-ds-netzwerktreffen")),
                },
            )
            .await
            .unwrap_err(),
        );
        assert_eq!(errors[0].0, "series");
        let errors = field_of(
            dir.set_exception(
                &monthly,
                a.date,
                ExceptionChange::Swap {
                    with: date(2026, 3, 3),
                    series: None,
                },
            )
            .await
            .unwrap_err(),
        );
        assert_eq!(errors[0].0, "with");
        let errors = field_of(
            dir.set_exception(
                &monthly,
                date(2026, 3, 3),
                ExceptionChange::Cancel { note: None },
            )
            .await
            .unwrap_err(),
        );
        assert_eq!(errors[0].0, "date");
        let errors = field_of(
            dir.set_exception(
                &monthly,
                a.date,
                ExceptionChange::Move {
                    to: "next week".into(),
                    note: None,
                },
            )
            .await
            .unwrap_err(),
        );
        assert_eq!(errors[0].0, "to");
        assert_eq!(
            dir.series_exceptions(&monthly).await.unwrap().len(),
            1,
            "nothing partial stored"
        );

        // A cancel survives a rule change that keeps its date; a time change moves everyone.
        dir.set_exception(
            &monthly,
            b.date,
            ExceptionChange::Cancel {
                note: Some("Sommerpause".into()),
            },
        )
        .await
        .unwrap();
        let mut s: Series = dir.series(&monthly).await.unwrap();
        s.start = "2020-01-30T15:00".into();
        dir.update_series(&monthly, &s).await.unwrap();
        let changed = dir.series_schedule(&monthly, window).await.unwrap();
        let cancelled = changed.meetings.iter().find(|m| m.date == b.date).unwrap();
        assert_eq!(cancelled.status, MeetingStatus::Cancelled);
        assert_eq!(cancelled.reason.as_deref(), Some("Sommerpause"));
        assert_eq!(
            changed.meetings[0].start.format("%H:%M").to_string(),
            "15:00"
        );

        // Declared dates: the next member takes the date, the member keeps its turn.
        let c = &changed.meetings[4];
        let declared = c.host.clone().unwrap();
        dir.set_unavailable(&monthly, &declared.slug, &BTreeSet::from([c.date]))
            .await
            .unwrap();
        let declared_plan = dir.series_schedule(&monthly, window).await.unwrap();
        assert_ne!(declared_plan.meetings[4].host.as_ref(), Some(&declared));
        assert_eq!(declared_plan.meetings[5].host.as_ref(), Some(&declared));

        dir.delete_exceptions(&monthly, b.date).await.unwrap();
        assert!(matches!(
            dir.delete_exceptions(&monthly, b.date).await,
            Err(AppError::NotFound { .. })
        ));
    }
}

#[tokio::test]
async fn bad_series_name_the_field_and_store_nothing() {
    for db in TestDb::all().await.unwrap() {
        let dir = demo(&db).await;
        let mut s = dir.series(&slug("after-work-lounge")).await.unwrap();
        s.slug = slug("neu");
        let count = || async {
            dir.series_list(&SeriesFilter::default())
                .await
                .unwrap()
                .len()
        };
        let before = count().await;

        let cases: Vec<(Edit, &str, &str)> = vec![
            (
                Box::new(|s| s.rule = "FREQ=WEEKLY;BYDAY=XX".into()),
                "rule",
                "BYDAY",
            ),
            (
                Box::new(|s| s.rule = "FREQ=FORTNIGHTLY".into()),
                "rule",
                "FREQ",
            ),
            (
                Box::new(|s| s.rule = "FREQ=WEEKLY;UNTIL=20190101T000000Z".into()),
                "rule",
                "UNTIL",
            ),
            (
                Box::new(|s| s.start = "2026-03-29T02:30".into()),
                "start",
                "does not exist",
            ),
            (
                Box::new(|s| s.time_zone = "Europe/Kaiserslautern".into()),
                "time_zone",
                "Kaiserslautern",
            ),
            (
                Box::new(|s| s.cohorts = vec![slug("staffel-9")]),
                "cohorts[0]",
                "staffel-9",
            ),
            (
                Box::new(|s| s.network = Some(slug("nirgendwo"))),
                "network",
                "nirgendwo",
            ),
            (
                Box::new(|s| s.duration_minutes = 0),
                "duration_minutes",
                "between",
            ),
        ];
        for (change, field, needle) in cases {
            let mut bad = s.clone();
            change(&mut bad);
            let errors = field_of(dir.create_series(&bad).await.unwrap_err());
            assert!(
                errors.iter().any(|(f, m)| f == field && m.contains(needle)),
                "{field}/{needle}: {errors:?}"
            );
        }
        assert_eq!(count().await, before, "nothing stored");
        dir.create_series(&s).await.unwrap();
        assert_eq!(count().await, before + 1);
    }
}

#[tokio::test]
async fn meeting_records_and_feed_sequence() {
    for db in TestDb::all().await.unwrap() {
        let dir = demo(&db).await;
        let monthly = slug("monatstreffen-staffel-1");
        let day = date(2026, 1, 29);
        let point = dir
            .add_agenda_point(
                &monthly,
                day,
                "Erfahrungen mit offenen Daten",
                Some(&slug("kaiserslautern")),
                Some(knotenpunkt_app::domain::Visibility::Public),
            )
            .await
            .unwrap();
        dir.set_minutes(
            &monthly,
            day,
            "Beispielprotokoll: Musterstadt berichtet.",
            Some(knotenpunkt_app::domain::Visibility::Public),
        )
        .await
        .unwrap();
        let detail = dir.meeting(&monthly, day).await.unwrap();
        assert_eq!(detail.agenda.len(), 4, "template of three plus one point");
        assert_eq!(detail.agenda[3].id, Some(point.id));
        assert_eq!(
            detail.minutes.as_deref(),
            Some("Beispielprotokoll: Musterstadt berichtet.")
        );
        let members: Vec<Slug> = dir
            .series_schedule(&monthly, Window::new(day, day).unwrap())
            .await
            .unwrap()
            .rotation
            .iter()
            .take(3)
            .map(|o| o.slug.clone())
            .collect();
        dir.set_attendance(&monthly, day, &members).await.unwrap();
        assert_eq!(
            dir.meeting(&monthly, day).await.unwrap().attendance.len(),
            3
        );
        // A duplicate or unknown organisation leaves the attendance as it was.
        let mut twice = members.clone();
        twice.push(members[0].clone());
        assert!(dir.set_attendance(&monthly, day, &twice).await.is_err());
        let mut unknown = members.clone();
        unknown.push(slug("gibt-es-nicht"));
        assert!(dir.set_attendance(&monthly, day, &unknown).await.is_err());
        assert_eq!(
            dir.meeting(&monthly, day).await.unwrap().attendance.len(),
            3
        );
        assert!(matches!(
            dir.meeting(&monthly, date(2026, 1, 28)).await,
            Err(AppError::NotFound { .. })
        ));

        // Feeds are read as the public reads them: only that reading keeps
        // the marks that number the events.
        let public = dir.for_actor(&knotenpunkt_app::access::Actor::anonymous());
        let settings = |minute| FeedSettings {
            uid_domain: "test.invalid".into(),
            language: FeedLanguage::De,
            today: date(2026, 1, 1),
            now: Utc.with_ymd_and_hms(2026, 1, 1, 12, minute, 0).unwrap(),
        };
        let first = public.series_feed(&monthly, &settings(0)).await.unwrap();
        let again = public.series_feed(&monthly, &settings(5)).await.unwrap();
        assert_eq!(first, again, "an unchanged feed is byte-identical");
        let sequences = |feed: &str| -> HashMap<String, String> {
            let mut out = HashMap::new();
            let mut uid = String::new();
            // RFC 5545 folds long lines; unfold before reading.
            let unfolded = feed.replace("\r\n ", "");
            for line in unfolded.lines() {
                if let Some(u) = line.strip_prefix("UID:") {
                    uid = u.to_owned();
                }
                if let Some(s) = line.strip_prefix("SEQUENCE:") {
                    out.insert(uid.clone(), s.to_owned());
                }
            }
            out
        };
        let uid = "modellprojekte-smart-cities-monatstreffen-staffel-1-20260226@test.invalid";
        assert_eq!(sequences(&first)[uid], "0");
        dir.set_exception(
            &monthly,
            date(2026, 2, 26),
            ExceptionChange::Cancel { note: None },
        )
        .await
        .unwrap();
        let changed = public.series_feed(&monthly, &settings(10)).await.unwrap();
        assert_eq!(sequences(&changed)[uid], "1");
        assert!(changed.contains("STATUS:CANCELLED"));
        // A cancelled meeting uses up nobody's turn, so later hosts shift; earlier ones stay.
        let untouched = "modellprojekte-smart-cities-monatstreffen-staffel-1-20260129@test.invalid";
        assert_eq!(sequences(&changed)[untouched], "0");
        let network = dir
            .network_feed(&slug("modellprojekte-smart-cities"), &settings(10))
            .await
            .unwrap()
            .replace("\r\n ", "");
        assert!(network.contains(uid));
        assert!(network.contains("after-work-lounge"));
    }
}

/// Every entry of `network`'s audit log, newest first, read as the operator.
async fn log_of(app: &App, network: &Slug) -> Vec<knotenpunkt_app::store::AuditEntry> {
    app.directory(&App::operator())
        .audit_log(&App::operator(), Some(network), knotenpunkt_app::Page::ALL)
        .await
        .unwrap()
        .items
}

#[tokio::test]
async fn a_refused_write_changes_nothing_and_an_allowed_one_records_itself_once() {
    for db in TestDb::all().await.unwrap() {
        let dir = demo(&db).await;
        let app = dir.app().clone();
        let network = slug("modellprojekte-smart-cities");
        let monthly = slug("monatstreffen-staffel-1");
        let day = date(2026, 1, 29);
        let before = log_of(&app, &network).await;

        // Someone signed in who belongs to no network may not write minutes:
        // nothing is stored, nothing is logged.
        let stranger = knotenpunkt_app::access::Actor::signed_in(4242);
        let refused = app
            .meetings(&stranger)
            .set_minutes(&monthly, day, "Nicht erlaubt.", None)
            .await;
        assert!(refused.is_err(), "{refused:?}");
        let anonymous = knotenpunkt_app::access::Actor::anonymous();
        let refused = app.meetings(&anonymous).delete_series(&monthly).await;
        assert!(refused.is_err(), "{refused:?}");
        let operator = app.meetings(&App::operator());
        assert_eq!(operator.meeting(&monthly, day).await.unwrap().minutes, None);
        assert!(operator.series(&monthly).await.is_ok());
        assert_eq!(log_of(&app, &network).await.len(), before.len());

        // The operator may: the change and exactly one entry, in the log of
        // the series' network, in the words the forms always used.
        operator
            .set_minutes(&monthly, day, "Erlaubt.", None)
            .await
            .unwrap();
        assert_eq!(
            operator
                .meeting(&monthly, day)
                .await
                .unwrap()
                .minutes
                .as_deref(),
            Some("Erlaubt.")
        );
        let after = log_of(&app, &network).await;
        assert_eq!(after.len(), before.len() + 1);
        let entry = &after[0];
        assert_eq!(
            (entry.action.as_str(), entry.target.as_str()),
            ("minutes.set", "monatstreffen-staffel-1/2026-01-29")
        );
        assert_eq!(entry.network.as_ref(), Some(&network));
    }
}

#[tokio::test]
async fn a_working_groups_series_rotates_among_the_groups_organisations() {
    for db in TestDb::all().await.unwrap() {
        let dir = demo(&db).await;
        let network = slug("ikone-ds");
        let group: knotenpunkt_app::domain::WorkingGroup =
            serde_json::from_value(serde_json::json!({"slug": "ag-daten", "name": "AG Daten",
                "leads": ["speyer"], "organizations": ["trier", "andernach"]}))
            .unwrap();
        dir.app()
            .working_groups(&App::operator())
            .put_group(&network, &group)
            .await
            .unwrap();
        let series = |slug_: &str, visibility: &str| -> Series {
            serde_json::from_value(serde_json::json!({
                "slug": slug_, "network": "ikone-ds", "title": "Treffen",
                "rule": "FREQ=MONTHLY;BYDAY=1TU", "start": "2026-01-06T10:00",
                "hosting": "rotation", "visibility": visibility
            }))
            .unwrap()
        };
        let window = Window::new(date(2026, 1, 1), date(2026, 12, 31)).unwrap();
        let hosts = |plan: &knotenpunkt_app::SeriesSchedule| -> BTreeSet<String> {
            plan.meetings
                .iter()
                .filter_map(|m| m.host.as_ref().map(|h| h.slug.to_string()))
                .collect()
        };
        // Shared with the group: its three organisations take turns.
        dir.create_series(&series("ag-daten-treffen", "group:ag-daten"))
            .await
            .unwrap();
        let plan = dir
            .series_schedule(&slug("ag-daten-treffen"), window)
            .await
            .unwrap();
        assert_eq!(plan.rotation.len(), 3, "{:?}", plan.rotation);
        let expected: BTreeSet<String> = ["andernach", "speyer", "trier"]
            .into_iter()
            .map(String::from)
            .collect();
        assert_eq!(hosts(&plan), expected);
        // Shared with the network: every member takes turns.
        dir.create_series(&series("ikone-treffen", "network"))
            .await
            .unwrap();
        let plan = dir
            .series_schedule(&slug("ikone-treffen"), window)
            .await
            .unwrap();
        assert!(plan.rotation.len() > 3, "{:?}", plan.rotation);
    }
}
