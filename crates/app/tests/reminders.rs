//! Reminder mails through the use cases, on both backends, through a real
//! SMTP server (aiosmtpd): the host's four-week and one-week reminders and
//! the coordinators' agenda, each sent once however often a pass runs, in
//! the person's language, with a signed one-click unsubscribe link that
//! stops its kind; the settings of `/konto`; a sender that dies holding
//! leases, and two senders on one database at once, still send each
//! reminder exactly once.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::sync::Arc;
use std::time::Duration;

use chrono::{Duration as Days, TimeZone, Utc};
use knotenpunkt_app::access::{Actor, Denial, Scope};
use knotenpunkt_app::clock::Clock;
use knotenpunkt_app::domain::{Event, Language, NetworkRole, NewPerson, RegistrationRequest, Slug};
use knotenpunkt_app::reminders::{LEASE_SECONDS, PLAN_EVERY_SECONDS, ReminderKind};
use knotenpunkt_app::{AccountSettings, App, AppError, ManualClock, Window, load_demo, testing};
use knotenpunkt_mail::testing::{Received, SmtpSink};
use knotenpunkt_mail::{MailConfig, Mailer};
use knotenpunkt_store::Store;
use knotenpunkt_store::testing::TestDb;

fn slug(s: &str) -> Slug {
    s.parse().unwrap()
}

fn settings(sink: &SmtpSink) -> AccountSettings {
    AccountSettings {
        base_url: "https://knotenpunkt.test".into(),
        mailer: Mailer::new(&MailConfig {
            smtp_url: Some(sink.url()),
            from: "Knotenpunkt <noreply@knotenpunkt.test>".into(),
        })
        .unwrap(),
        ..AccountSettings::default()
    }
}

/// An address unique to the backend, so one sink serves both.
fn addr(db: &TestDb, who: &str) -> String {
    format!("{who}.{:?}@example.org", db.store.backend()).to_lowercase()
}

/// The mails to `to` whose subject contains `needle`, after the sink had
/// a moment to write what it received.
async fn mails(sink: &SmtpSink, to: &str, needle: &str) -> Vec<Received> {
    tokio::time::sleep(Duration::from_millis(300)).await;
    sink.messages()
        .into_iter()
        .filter(|m| m.to.iter().any(|t| t == to) && m.subject.contains(needle))
        .collect()
}

/// The token of a mail's `List-Unsubscribe: <…/erinnerungen/abbestellen/TOKEN>`.
fn token(m: &Received) -> String {
    let url = m.list_unsubscribe.trim_matches(['<', '>']);
    assert!(
        url.starts_with("https://knotenpunkt.test/erinnerungen/abbestellen/"),
        "{url}"
    );
    assert_eq!(m.list_unsubscribe_post, "List-Unsubscribe=One-Click");
    assert!(m.body.contains(url), "the link is in the text too");
    url.rsplit('/').next().unwrap().to_owned()
}

#[tokio::test]
async fn hosts_and_coordinators_are_reminded_once_in_their_language_until_they_unsubscribe() {
    let sink = SmtpSink::start().unwrap();
    for db in TestDb::all().await.unwrap() {
        let clock = Arc::new(ManualClock::new(
            Utc.with_ymd_and_hms(2026, 12, 6, 10, 0, 0).unwrap(),
        ));
        let app = App::new(db.store.clone())
            .with_settings(settings(&sink))
            .with_clock(clock.clone());
        load_demo(&app).await.unwrap().unwrap();
        let op = App::operator();
        // A meeting of IKONE DS that a member hosts, more than four weeks ahead.
        let today = app.today();
        let meetings = app
            .directory(&op)
            .network_meetings(
                &slug("ikone-ds"),
                Window::new(today, today + Days::days(200)).unwrap(),
            )
            .await
            .unwrap();
        let m = meetings
            .into_iter()
            .find(|m| m.host.is_some() && m.start_utc > clock.now() + Days::days(35))
            .expect("a hosted meeting");
        let host = m.host.clone().unwrap().slug;

        let dir = app.directory(&Actor::anonymous());
        let admin = testing::admin(&dir, &addr(&db, "admin")).await.unwrap();
        let _host = testing::invited(
            &dir,
            &admin,
            &addr(&db, "gastgeberin"),
            Some(host.as_str()),
            "ikone-ds",
            None,
        )
        .await
        .unwrap();
        let en = testing::invited(
            &dir,
            &admin,
            &addr(&db, "host"),
            Some(host.as_str()),
            "ikone-ds",
            None,
        )
        .await
        .unwrap();
        db.store
            .update_person(
                en.person.id,
                &NewPerson {
                    name: "Host Person".into(),
                    email: en.person.email.clone(),
                    organization: Some(host.clone()),
                    phone: None,
                    function: None,
                    language: Language::En,
                },
            )
            .await
            .unwrap();
        let coordinator = testing::invited(
            &dir,
            &admin,
            &addr(&db, "koordination"),
            None,
            "ikone-ds",
            Some(NetworkRole::Coordinator),
        )
        .await
        .unwrap();
        let coordinator = dir.actor(&coordinator.person, Scope::Write).await.unwrap();
        app.directory(&coordinator)
            .add_agenda_point(&m.series, m.date, "Open-Data-Portal: Stand", None, None)
            .await
            .unwrap();
        let reminders = app.reminders(&op);

        // Only the operator runs passes.
        let e = app.reminders(&coordinator).run().await.unwrap_err();
        assert!(matches!(e, AppError::Denied(_)), "{e:?}");

        // Three weeks ahead: the four-week reminder, to both hosts.
        clock.set(m.start_utc - Days::days(21));
        let pass = reminders.run().await.unwrap();
        assert!(pass.sent >= 2, "{pass:?}");
        let german = mails(&sink, &addr(&db, "gastgeberin"), &m.title).await;
        assert_eq!(german.len(), 1, "{german:?}");
        assert!(
            german[0].subject.starts_with("Sie sind Gastgeber"),
            "{}",
            german[0].subject
        );
        assert!(
            german[0].body.contains("in vier Wochen"),
            "{}",
            german[0].body
        );
        assert!(
            german[0].message_id.starts_with("<reminder."),
            "{}",
            german[0].message_id
        );
        let english = mails(&sink, &addr(&db, "host"), &m.title).await;
        assert_eq!(english.len(), 1);
        assert!(
            english[0].subject.starts_with("You are hosting"),
            "{}",
            english[0].subject
        );
        // Again, and again: nothing new.
        for _ in 0..2 {
            let again = reminders.run().await.unwrap();
            assert_eq!((again.planned, again.sent), (0, 0), "{again:?}");
        }

        // A link someone changed does nothing; the genuine one stops the kind.
        let t = token(&english[0]);
        let visitor = app.reminders(&Actor::anonymous());
        let forged = format!("{}x", t);
        assert!(matches!(
            visitor.unsubscribe(&forged).await.unwrap_err(),
            AppError::NotFound { .. }
        ));
        assert_eq!(
            visitor.unsubscribe_link(&t).await.unwrap(),
            ReminderKind::Host
        );
        assert_eq!(visitor.unsubscribe(&t).await.unwrap(), ReminderKind::Host);
        let en_actor = dir.actor(&en.person, Scope::Write).await.unwrap();
        let settings = app.reminders(&en_actor).settings().await.unwrap();
        assert!(
            settings
                .iter()
                .any(|s| s.kind == ReminderKind::Host && !s.on)
        );

        // Six days ahead: the one-week reminder with the agenda, the
        // coordinator's agenda, nothing to whoever unsubscribed.
        clock.set(m.start_utc - Days::days(6));
        let pass = reminders.run().await.unwrap();
        assert!(pass.unsubscribed >= 1, "{pass:?}");
        let german = mails(&sink, &addr(&db, "gastgeberin"), &m.title).await;
        assert_eq!(german.len(), 2, "{german:?}");
        assert!(
            german[1].body.contains("in einer Woche"),
            "{}",
            german[1].body
        );
        assert!(
            german[1].body.contains("- Open-Data-Portal: Stand"),
            "{}",
            german[1].body
        );
        assert_eq!(mails(&sink, &addr(&db, "host"), &m.title).await.len(), 1);
        let agenda = mails(&sink, &addr(&db, "koordination"), &m.title).await;
        assert_eq!(agenda.len(), 1, "{agenda:?}");
        assert!(
            agenda[0].subject.starts_with("Tagesordnung"),
            "{}",
            agenda[0].subject
        );
        assert!(agenda[0].body.contains("Open-Data-Portal: Stand"));
        let again = reminders.run().await.unwrap();
        assert_eq!((again.planned, again.sent), (0, 0), "{again:?}");

        // The settings: a visitor has none; the coordinator turns agendas off.
        assert!(matches!(
            visitor.settings().await.unwrap_err(),
            AppError::Denied(Denial::SignIn)
        ));
        let mine = app
            .reminders(&coordinator)
            .set_settings(&[ReminderKind::Host, ReminderKind::Events])
            .await
            .unwrap();
        let off: Vec<ReminderKind> = mine.iter().filter(|s| !s.on).map(|s| s.kind).collect();
        assert_eq!(off, [ReminderKind::Agenda, ReminderKind::Deadlines]);
        let counts = reminders.counts().await.unwrap();
        assert!(counts.sent >= 4 && counts.unsubscribed >= 1, "{counts:?}");
        assert_eq!(counts.open, 0);
    }
}

fn tomorrow_event(start: chrono::DateTime<Utc>) -> Event {
    let start = start
        .with_timezone(&chrono_tz::Europe::Berlin)
        .fixed_offset();
    serde_json::from_value(serde_json::json!({
        "network": "ikone-ds", "title": "Werkstatt Datenplattform", "kind": "workshop",
        "starts_at": start.to_rfc3339(), "ends_at": (start + Days::hours(3)).to_rfc3339(),
        "address": "Rathaus Speyer, Maximilianstraße 12", "capacity": 100, "registration": "public"
    }))
    .unwrap()
}

#[tokio::test]
async fn a_sender_that_dies_and_two_senders_at_once_still_send_each_reminder_once() {
    let sink = SmtpSink::start().unwrap();
    for db in TestDb::all().await.unwrap() {
        let clock = Arc::new(ManualClock::new(
            Utc.with_ymd_and_hms(2026, 12, 6, 10, 0, 0).unwrap(),
        ));
        let app = App::new(db.store.clone())
            .with_settings(settings(&sink))
            .with_clock(clock.clone());
        load_demo(&app).await.unwrap().unwrap();
        let op = App::operator();
        let organise = app.events(&op);
        let id = organise
            .create_event(&tomorrow_event(clock.now() + Days::hours(20)))
            .await
            .unwrap();
        let guests: Vec<String> = (0..24).map(|i| addr(&db, &format!("gast{i}"))).collect();
        for (i, g) in guests.iter().enumerate() {
            organise
                .register(
                    id,
                    &RegistrationRequest {
                        name: Some(format!("Gast {i}")),
                        email: Some(g.parse().unwrap()),
                        answer: None,
                    },
                )
                .await
                .unwrap();
        }
        // A pass plans them; a sender takes five and dies before sending.
        let planned = app.reminders(&op).plan().await.unwrap();
        assert_eq!(planned, 24);
        let now = clock.now().timestamp();
        let held = db
            .store
            .claim_reminders("died", now, now + LEASE_SECONDS, 5, 5)
            .await
            .unwrap();
        assert_eq!(held.len(), 5);

        // Two more senders, each with its own connections and caches, at once.
        let other = App::new(Store::connect(&db.url).await.unwrap())
            .with_settings(settings(&sink))
            .with_clock(clock.clone());
        let (ra, rb) = (app.reminders(&op), other.reminders(&op));
        let (a, b) = tokio::join!(ra.run(), rb.run());
        let (a, b) = (a.unwrap(), b.unwrap());
        assert_eq!(a.sent + b.sent, 19, "{a:?} {b:?}");
        assert_eq!(a.planned + b.planned, 0, "planned once, by the first pass");

        // The dead sender's lease runs out; the next pass sends the rest.
        clock.set(clock.now() + Days::seconds(LEASE_SECONDS + 1));
        let rest = other.reminders(&op).run().await.unwrap();
        assert_eq!(rest.sent, 5, "{rest:?}");
        // The dead sender, back, cannot mark what is no longer its own.
        assert!(
            !db.store
                .finish_reminder(held[0].id, "died", "sent", now)
                .await
                .unwrap()
        );
        let none = app.reminders(&op).run().await.unwrap();
        assert_eq!((none.planned, none.sent), (0, 0));

        // The servers' own passes plan together, at most every five
        // minutes: of two at once exactly one takes the turn, and a guest
        // registered right after waits for the next turn.
        let (ta, tb) = (app.reminders(&op), other.reminders(&op));
        let (x, y) = tokio::join!(ta.tick(), tb.tick());
        let (x, y) = (x.unwrap(), y.unwrap());
        assert_eq!((x.planned, x.sent, y.planned, y.sent), (0, 0, 0, 0));
        let t = clock.now().timestamp();
        assert!(
            !db.store
                .claim_planning(t, t - PLAN_EVERY_SECONDS)
                .await
                .unwrap(),
            "one of the two took the turn just now"
        );
        let late = addr(&db, "spaet");
        organise
            .register(
                id,
                &RegistrationRequest {
                    name: Some("Gast Spät".into()),
                    email: Some(late.parse().unwrap()),
                    answer: None,
                },
            )
            .await
            .unwrap();
        let early = app.reminders(&op).tick().await.unwrap();
        assert_eq!((early.planned, early.sent), (0, 0), "not its turn yet");
        clock.set(clock.now() + Days::seconds(PLAN_EVERY_SECONDS + 1));
        let turn = other.reminders(&op).tick().await.unwrap();
        assert_eq!((turn.planned, turn.sent), (1, 1), "{turn:?}");

        // Each guest: exactly one reminder, with the place.
        tokio::time::sleep(Duration::from_millis(500)).await;
        let all = sink.messages();
        for g in &guests {
            let theirs: Vec<&Received> = all
                .iter()
                .filter(|m| m.to.iter().any(|t| t == g) && m.subject.contains("Werkstatt"))
                .collect();
            assert_eq!(theirs.len(), 1, "{g}: {theirs:?}");
            assert!(
                theirs[0].subject.starts_with("Morgen:"),
                "{}",
                theirs[0].subject
            );
            assert!(theirs[0].body.contains("Rathaus Speyer"));
            token(theirs[0]);
        }
    }
}
