//! Events through the use cases, on both backends: seats and the waiting
//! list in arrival order, the move-up on cancellation with its mail through
//! a real SMTP server (aiosmtpd), who may register and organise, closing
//! registration, the participant list as CSV, and the last seat taken by
//! many at once.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::sync::Arc;
use std::time::Duration;

use chrono::{TimeZone, Utc};
use knotenpunkt_app::access::{Actor, Denial, Scope};
use knotenpunkt_app::domain::{
    Event, NetworkRole, RegistrationRequest, RegistrationStatus, Slug, Visibility,
};
use knotenpunkt_app::{
    AccountSettings, App, AppError, FeedLanguage, FeedSettings, ManualClock, Page, load_demo,
    testing,
};
use knotenpunkt_mail::testing::SmtpSink;
use knotenpunkt_mail::{MailConfig, Mailer};
use knotenpunkt_store::testing::TestDb;

const MAIL_WAIT: Duration = Duration::from_secs(10);

fn slug(s: &str) -> Slug {
    s.parse().unwrap()
}

fn workshop(capacity: u32) -> Event {
    serde_json::from_value(serde_json::json!({
        "network": "ikone-ds", "title": "Workshop Förderanträge", "kind": "workshop",
        "starts_at": "2027-03-04T09:30:00+01:00", "ends_at": "2027-03-04T16:00:00+01:00",
        "capacity": capacity, "registration": "network", "question": "Essenswünsche?"
    }))
    .unwrap()
}

fn guest(name: &str, email: &str) -> RegistrationRequest {
    RegistrationRequest {
        name: Some(name.into()),
        email: Some(email.parse().unwrap()),
        answer: None,
    }
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

/// The first mail to `to` whose subject contains `needle` (people also
/// get their invitation).
async fn mail_about(
    sink: &SmtpSink,
    to: &str,
    needle: &str,
) -> knotenpunkt_mail::testing::Received {
    let until = std::time::Instant::now() + MAIL_WAIT;
    loop {
        if let Some(m) = sink
            .messages()
            .into_iter()
            .find(|m| m.to.iter().any(|t| t == to) && m.subject.contains(needle))
        {
            return m;
        }
        assert!(
            std::time::Instant::now() < until,
            "no mail to {to} about {needle}"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

fn seat(status: RegistrationStatus) -> &'static str {
    status.code()
}

#[tokio::test]
async fn a_full_event_fills_its_waiting_list_and_a_cancellation_moves_the_first_up() {
    let sink = SmtpSink::start().unwrap();
    for db in TestDb::all().await.unwrap() {
        let clock = Arc::new(ManualClock::new(
            Utc.with_ymd_and_hms(2026, 12, 6, 10, 0, 0).unwrap(),
        ));
        let app = App::new(db.store.clone())
            .with_settings(settings(&sink))
            .with_clock(clock.clone());
        load_demo(&app).await.unwrap().unwrap();
        let dir = app.directory(&Actor::anonymous());
        let admin = testing::admin(&dir, &addr(&db, "admin")).await.unwrap();
        let mut people = Vec::new();
        for (who, org, network, role) in [
            (
                "koordination",
                None,
                "ikone-ds",
                Some(NetworkRole::Coordinator),
            ),
            ("eins", Some("speyer"), "ikone-ds", None),
            ("zwei", Some("trier"), "ikone-ds", None),
            ("drei", Some("andernach"), "ikone-ds", None),
            (
                "fremd",
                None,
                "modellprojekte-smart-cities",
                Some(NetworkRole::Coordinator),
            ),
        ] {
            let p = testing::invited(&dir, &admin, &addr(&db, who), org, network, role)
                .await
                .unwrap();
            people.push(dir.actor(&p.person, Scope::Write).await.unwrap());
        }
        let [coordinator, one, two, three, outsider] = <[Actor; 5]>::try_from(people).unwrap();
        let organise = app.events(&coordinator);

        // Bad input is named at its field and writes nothing.
        let mut bad = workshop(2);
        bad.ends_at = bad.starts_at;
        match organise.create_event(&bad).await.unwrap_err() {
            AppError::Invalid(errors) => assert_eq!(errors[0].field, "ends_at"),
            e => panic!("{e:?}"),
        }
        let e = app
            .events(&one)
            .create_event(&workshop(2))
            .await
            .unwrap_err();
        assert!(matches!(e, AppError::Denied(Denial::Forbidden)), "{e:?}");
        let network = slug("ikone-ds");
        assert!(organise.events(&network, true).await.unwrap().is_empty());

        let id = organise.create_event(&workshop(2)).await.unwrap();
        // An outsider does not see a network-only event; a visitor is
        // asked to sign in before registering.
        let e = app
            .events(&outsider)
            .register(id, &RegistrationRequest::default())
            .await
            .unwrap_err();
        assert!(matches!(e, AppError::NotFound { .. }), "{e:?}");
        let e = app
            .events(&Actor::anonymous())
            .register(id, &RegistrationRequest::default())
            .await
            .unwrap_err();
        assert!(matches!(e, AppError::Denied(Denial::SignIn)), "{e:?}");
        // Only organisers register someone else.
        let e = app
            .events(&one)
            .register(id, &guest("Ina Gast", &addr(&db, "gast")))
            .await
            .unwrap_err();
        assert!(matches!(e, AppError::Denied(Denial::Forbidden)), "{e:?}");

        // Two seats, then the waiting list in arrival order.
        let with_answer = RegistrationRequest {
            answer: Some("vegetarisch".into()),
            ..RegistrationRequest::default()
        };
        let r1 = app.events(&one).register(id, &with_answer).await.unwrap();
        let r2 = app
            .events(&two)
            .register(id, &RegistrationRequest::default())
            .await
            .unwrap();
        let r3 = app
            .events(&three)
            .register(
                id,
                &RegistrationRequest {
                    answer: Some("keine".into()),
                    ..RegistrationRequest::default()
                },
            )
            .await
            .unwrap();
        let r4 = organise
            .register(id, &guest("Ina Gast", &addr(&db, "gast")))
            .await
            .unwrap();
        assert_eq!(
            [r1.status, r2.status, r3.status, r4.status].map(seat),
            ["seated", "seated", "waiting", "waiting"]
        );
        assert_eq!((r3.position, r4.position), (Some(1), Some(2)));
        assert_eq!(r1.organization.as_deref(), Some("Speyer"));
        // The same address twice is refused, and changes nothing.
        match app
            .events(&one)
            .register(id, &RegistrationRequest::default())
            .await
            .unwrap_err()
        {
            AppError::Conflict(e) => assert_eq!(e.field, "email"),
            e => panic!("{e:?}"),
        }

        // Numbers for everyone who sees it; the list for organisers only.
        let seen = app.events(&three).event(id).await.unwrap();
        assert_eq!((seen.seated, seen.waiting), (2, 2));
        assert!(seen.registrations.is_none());
        let mine = seen.mine.unwrap();
        assert_eq!((seat(mine.status), mine.position), ("waiting", Some(1)));
        let full = organise.event(id).await.unwrap();
        let list: Vec<(&str, Option<u32>)> = full
            .registrations
            .as_ref()
            .unwrap()
            .iter()
            .map(|r| (seat(r.status), r.position))
            .collect();
        assert_eq!(
            list,
            [
                ("seated", None),
                ("seated", None),
                ("waiting", Some(1)),
                ("waiting", Some(2))
            ]
        );
        assert_eq!(
            full.registrations.as_ref().unwrap()[0].answer.as_deref(),
            Some("vegetarisch")
        );

        // The event is in the personal calendar feed of whoever registered,
        // waiting or seated.
        let settings = FeedSettings {
            uid_domain: "test.example".into(),
            language: FeedLanguage::De,
            today: chrono::NaiveDate::from_ymd_opt(2026, 12, 6).unwrap(),
            now: Utc.with_ymd_and_hms(2026, 12, 6, 10, 0, 0).unwrap(),
        };
        let uid = format!("UID:event-{id}@test.example");
        let person = db.store.person(three.person.unwrap()).await.unwrap();
        let feed = app
            .directory(&three)
            .personal_feed(&person, &settings)
            .await
            .unwrap();
        assert!(feed.contains(&uid), "{feed}");
        let outsider_person = db.store.person(outsider.person.unwrap()).await.unwrap();
        let feed = app
            .directory(&outsider)
            .personal_feed(&outsider_person, &settings)
            .await
            .unwrap();
        assert!(!feed.contains(&uid));
        assert!(organise.ics(id, &settings).await.unwrap().contains(&uid));

        // Someone else's registration is the organisers' business.
        let e = app.events(&two).cancel(id, r1.id).await.unwrap_err();
        assert!(matches!(e, AppError::Denied(Denial::Forbidden)), "{e:?}");
        // A seat freed: the first on the list moves up and is told.
        app.events(&one).cancel(id, r1.id).await.unwrap();
        let mail = mail_about(&sink, &addr(&db, "drei"), "Ein Platz für Sie").await;
        assert!(
            mail.body
                .contains(&format!("https://knotenpunkt.test/veranstaltungen/{id}")),
            "{}",
            mail.body
        );
        let after = organise.event(id).await.unwrap();
        assert_eq!((after.seated, after.waiting), (2, 1));
        let statuses: Vec<&str> = after
            .registrations
            .unwrap()
            .iter()
            .map(|r| seat(r.status))
            .collect();
        assert_eq!(statuses, ["cancelled", "seated", "seated", "waiting"]);

        // The participant list as CSV, in arrival order.
        let csv = organise.participants_csv(id).await.unwrap();
        let lines: Vec<&str> = csv.lines().collect();
        assert_eq!(
            lines[0],
            "Nr.,Name,E-Mail,Organisation,Status,Wartelistenplatz,Angemeldet am,Antwort"
        );
        assert_eq!(lines.len(), 5);
        assert!(lines[4].contains("Ina Gast") && lines[4].contains(",auf der Warteliste,1,"));
        let e = app.events(&two).participants_csv(id).await.unwrap_err();
        assert!(matches!(e, AppError::Denied(Denial::Forbidden)), "{e:?}");

        // More seats: the waiting guest moves up and is told too.
        organise.update_event(id, &workshop(3)).await.unwrap();
        mail_about(&sink, &addr(&db, "gast"), "Ein Platz für Sie").await;
        assert_eq!(organise.event(id).await.unwrap().seated, 3);
        match organise.update_event(id, &workshop(1)).await.unwrap_err() {
            AppError::Conflict(e) => assert_eq!(e.field, "capacity"),
            e => panic!("{e:?}"),
        }

        // Closed: nobody registers themselves any more.
        organise.set_closed(id, true).await.unwrap();
        match app
            .events(&one)
            .register(id, &RegistrationRequest::default())
            .await
            .unwrap_err()
        {
            AppError::Conflict(e) => assert_eq!(e.field, "registration"),
            e => panic!("{e:?}"),
        }
        organise.set_closed(id, false).await.unwrap();
        // Past the deadline, neither.
        clock.set(Utc.with_ymd_and_hms(2027, 3, 4, 9, 0, 0).unwrap());
        assert!(!organise.event(id).await.unwrap().open);
        assert!(
            app.events(&one)
                .register(id, &RegistrationRequest::default())
                .await
                .is_err()
        );

        // The answers to the question are kept until the event is over,
        // then the hourly housekeeping deletes them.
        let housekeeping = app.administration(&App::operator());
        assert_eq!(housekeeping.purge_expired().await.unwrap().answers, 0);
        clock.set(Utc.with_ymd_and_hms(2027, 3, 4, 16, 30, 0).unwrap());
        assert!(housekeeping.purge_expired().await.unwrap().answers >= 1);
        let answers: Vec<Option<String>> = organise
            .event(id)
            .await
            .unwrap()
            .registrations
            .unwrap()
            .into_iter()
            .map(|r| r.answer)
            .collect();
        assert!(answers.iter().all(Option::is_none), "{answers:?}");

        // A group's event is for the group; a misspelt group is an error.
        let mut grouped = workshop(5);
        grouped.registration = Visibility::Group(slug("keine-gruppe"));
        match organise.create_event(&grouped).await.unwrap_err() {
            AppError::Invalid(errors) => assert_eq!(errors[0].field, "registration"),
            e => panic!("{e:?}"),
        }

        // Every change is in the network's log.
        let log = app
            .administration(
                &app.directory(&Actor::anonymous())
                    .actor(&admin.person, Scope::Write)
                    .await
                    .unwrap(),
            )
            .audit_log(Some(&network), Page::ALL)
            .await
            .unwrap();
        let mut actions: Vec<&str> = log
            .items
            .iter()
            .filter(|e| e.action.starts_with("event."))
            .map(|e| e.action.as_str())
            .collect();
        actions.sort_unstable();
        actions.dedup();
        assert_eq!(
            actions,
            [
                "event.cancel",
                "event.close",
                "event.create",
                "event.register",
                "event.update"
            ]
        );
        organise.delete_event(id).await.unwrap();
        assert!(organise.event(id).await.is_err());
    }
}

#[tokio::test]
async fn the_last_seat_goes_to_exactly_one_of_those_who_take_it_at_once() {
    for db in TestDb::all().await.unwrap() {
        let app = App::new(db.store.clone());
        load_demo(&app).await.unwrap().unwrap();
        let organise = app.events(&App::operator());
        // Twenty times: two people at once for the last seat.
        for round in 0..20 {
            let id = organise.create_event(&workshop(1)).await.unwrap();
            let (a, b) = (organise.clone(), organise.clone());
            let ea = format!("a{round}@example.org");
            let eb = format!("b{round}@example.org");
            let (ra, rb) = tokio::join!(
                tokio::spawn(async move { a.register(id, &guest("A", &ea)).await }),
                tokio::spawn(async move { b.register(id, &guest("B", &eb)).await }),
            );
            let (ra, rb) = (ra.unwrap().unwrap(), rb.unwrap().unwrap());
            let mut got = [
                (seat(ra.status), ra.position),
                (seat(rb.status), rb.position),
            ];
            got.sort_unstable();
            assert_eq!(
                got,
                [("seated", None), ("waiting", Some(1))],
                "round {round}"
            );
        }
        // Fifty at once for ten seats: ten seated, forty waiting, each
        // place in line once, the seats with the first arrivals.
        let id = organise.create_event(&workshop(10)).await.unwrap();
        let tasks: Vec<_> = (0..50)
            .map(|i| {
                let ev = organise.clone();
                tokio::spawn(async move {
                    ev.register(id, &guest("X", &format!("x{i}@example.org")))
                        .await
                })
            })
            .collect();
        for t in tasks {
            t.await.unwrap().unwrap();
        }
        let view = organise.event(id).await.unwrap();
        assert_eq!((view.seated, view.waiting), (10, 40));
        let regs = view.registrations.unwrap();
        let statuses: Vec<&str> = regs.iter().map(|r| seat(r.status)).collect();
        assert!(
            statuses[..10].iter().all(|s| *s == "seated"),
            "{statuses:?}"
        );
        assert!(
            statuses[10..].iter().all(|s| *s == "waiting"),
            "{statuses:?}"
        );
        let places: Vec<u32> = regs.iter().filter_map(|r| r.position).collect();
        assert_eq!(places, (1..=40).collect::<Vec<u32>>());
    }
}

#[tokio::test]
async fn a_visitor_registers_for_a_public_event_through_the_link_in_a_mail() {
    let sink = SmtpSink::start().unwrap();
    for db in TestDb::all().await.unwrap() {
        let clock = Arc::new(ManualClock::new(
            Utc.with_ymd_and_hms(2026, 12, 6, 10, 0, 0).unwrap(),
        ));
        let app = App::new(db.store.clone())
            .with_settings(settings(&sink))
            .with_clock(clock.clone());
        load_demo(&app).await.unwrap().unwrap();
        let organise = app.events(&App::operator());
        let mut public = workshop(1);
        public.registration = Visibility::Public;
        let id = organise.create_event(&public).await.unwrap();
        let network_only = organise.create_event(&workshop(1)).await.unwrap();
        let visitor = app.events(&Actor::anonymous());
        let email = addr(&db, "besuch");
        let address = email.parse().unwrap();

        // Only public events take registrations by mail.
        let e = visitor
            .request_registration(network_only, "Bea Besuch", &address, None, true)
            .await
            .unwrap_err();
        assert!(matches!(e, AppError::NotFound { .. }), "{e:?}");
        // A bad address or no name is named at its field.
        match visitor
            .request_registration(id, " ", &address, None, true)
            .await
            .unwrap_err()
        {
            AppError::Invalid(errors) => assert_eq!(errors[0].field, "name"),
            e => panic!("{e:?}"),
        }

        visitor
            .request_registration(id, "Bea Besuch", &address, Some("vegan"), true)
            .await
            .unwrap();
        // Nobody is registered before the link is followed.
        assert_eq!(
            organise
                .event(id)
                .await
                .unwrap()
                .registrations
                .unwrap()
                .len(),
            0
        );
        let mail = mail_about(&sink, &email, "Bitte bestätigen").await;
        let link = mail
            .first_link("https://knotenpunkt.test/veranstaltungen/bestaetigen/")
            .unwrap();
        let secret = link.rsplit('/').next().unwrap().to_owned();
        let (event, r) = visitor.confirm_registration(&secret, true).await.unwrap();
        assert_eq!((event, seat(r.status)), (id, "seated"));
        let list = organise.event(id).await.unwrap().registrations.unwrap();
        assert_eq!(
            (list[0].name.as_str(), list[0].answer.as_deref()),
            ("Bea Besuch", Some("vegan"))
        );
        // A link works once.
        let e = visitor
            .confirm_registration(&secret, true)
            .await
            .unwrap_err();
        assert!(matches!(e, AppError::NotFound { .. }), "{e:?}");

        // A second visitor waits; a link older than two days does nothing.
        let late = addr(&db, "spaet");
        visitor
            .request_registration(id, "Sven Spät", &late.parse().unwrap(), None, false)
            .await
            .unwrap();
        let mail = mail_about(&sink, &late, "Please confirm").await;
        let link = mail
            .first_link("https://knotenpunkt.test/veranstaltungen/bestaetigen/")
            .unwrap();
        clock.set(Utc.with_ymd_and_hms(2026, 12, 8, 10, 0, 1).unwrap());
        let e = visitor
            .confirm_registration(link.rsplit('/').next().unwrap(), false)
            .await
            .unwrap_err();
        assert!(matches!(e, AppError::NotFound { .. }), "{e:?}");
        assert_eq!(
            organise
                .event(id)
                .await
                .unwrap()
                .registrations
                .unwrap()
                .len(),
            1
        );

        // Confirming sent Bea a mail with the link that cancels.
        let confirmed = mail_about(&sink, &email, "Angemeldet").await;
        let cancel = confirmed
            .first_link("https://knotenpunkt.test/veranstaltungen/abmelden/")
            .unwrap();
        let bea = cancel.rsplit('/').next().unwrap().to_owned();
        let r = visitor.linked_registration(&bea).await.unwrap();
        assert_eq!(
            (r.name.as_str(), seat(r.status), r.begun),
            ("Bea Besuch", "seated", false)
        );
        // A forged or broken link names nothing.
        for bad in ["x", "eA.eA", &bea[..bea.len() - 2]] {
            let e = visitor.linked_registration(bad).await.unwrap_err();
            assert!(matches!(e, AppError::NotFound { .. }), "{bad}: {e:?}");
        }

        // Wanda confirms in time and waits; her mail carries her own link.
        let wanda_addr = addr(&db, "wanda");
        visitor
            .request_registration(id, "Wanda Warte", &wanda_addr.parse().unwrap(), None, true)
            .await
            .unwrap();
        let mail = mail_about(&sink, &wanda_addr, "Bitte bestätigen").await;
        let link = mail
            .first_link("https://knotenpunkt.test/veranstaltungen/bestaetigen/")
            .unwrap();
        let (_, w) = visitor
            .confirm_registration(link.rsplit('/').next().unwrap(), true)
            .await
            .unwrap();
        assert_eq!(seat(w.status), "waiting");
        let waiting = mail_about(&sink, &wanda_addr, "Warteliste").await;
        assert!(
            waiting.body.contains("Platz 1 der Warteliste"),
            "{}",
            waiting.body
        );
        let wanda = waiting
            .first_link("https://knotenpunkt.test/veranstaltungen/abmelden/")
            .unwrap();
        assert_ne!(wanda, cancel);

        // Bea cancels by her link: Wanda moves up and is told, again with
        // a link that cancels (she has no account to sign in with).
        let r = visitor.cancel_by_link(&bea).await.unwrap();
        assert_eq!(seat(r.status), "cancelled");
        let moved = mail_about(&sink, &wanda_addr, "Ein Platz für Sie").await;
        assert_eq!(
            moved.first_link("https://knotenpunkt.test/veranstaltungen/abmelden/"),
            Some(wanda.clone())
        );
        let list = organise.event(id).await.unwrap().registrations.unwrap();
        let states: Vec<(&str, &str)> = list
            .iter()
            .map(|r| (r.name.as_str(), seat(r.status)))
            .collect();
        assert_eq!(
            states,
            [("Bea Besuch", "cancelled"), ("Wanda Warte", "seated")]
        );
        // Twice changes nothing.
        let r = visitor.cancel_by_link(&bea).await.unwrap();
        assert_eq!(seat(r.status), "cancelled");
        assert_eq!(organise.event(id).await.unwrap().seated, 1);

        // Once the event has begun, there is nothing to cancel.
        clock.set(Utc.with_ymd_and_hms(2031, 1, 1, 0, 0, 0).unwrap());
        let wanda = wanda.rsplit('/').next().unwrap();
        assert!(visitor.linked_registration(wanda).await.unwrap().begun);
        let e = visitor.cancel_by_link(wanda).await.unwrap_err();
        assert!(matches!(e, AppError::Conflict(_)), "{e:?}");
    }
}
