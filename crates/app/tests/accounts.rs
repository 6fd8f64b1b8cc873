//! Accounts end to end against every backend, with mail going through a real
//! SMTP server (aiosmtpd): the first admin's bootstrap, invitations by
//! admins and coordinators, sign-in and sign-out, password resets, expiry of
//! links and sessions, personal API and feed tokens, the GDPR export and
//! account deletion, the audit log and the retention purge. Links are taken
//! from the mails as a person would click them.

// Test code: a failed unwrap is a failed test, which is what it should be.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::sync::Arc;
use std::time::Duration;

use knotenpunkt_app::access::{Actor, Denial, NetworkRole as AccessRole, Scope};
use knotenpunkt_app::domain::{Language, NetworkRole, NewPerson, Slug, TokenScope};
use knotenpunkt_app::{
    AccountSettings, App, AppError, Directory, InvitationRequest, MIN_PASSWORD_CHARS, ManualClock,
    NewSession, Page, load_demo,
};
use knotenpunkt_mail::testing::SmtpSink;
use knotenpunkt_mail::{MailConfig, Mailer};
use knotenpunkt_store::testing::TestDb;

/// The site's address; every link in a mail starts with it.
const BASE: &str = "https://knotenpunkt.test";
/// How long a mail may take to arrive at the sink.
const MAIL_WAIT: Duration = Duration::from_secs(10);
/// A password long enough for the rules.
const PASSWORD: &str = "Schwarzwälder Kirschtorte";
/// Another one, for changes and resets.
const NEW_PASSWORD: &str = "Frankfurter Kranz 1953";

const IKONE: &str = "ikone-ds";
const SMART_CITIES: &str = "modellprojekte-smart-cities";

fn slug(s: &str) -> Slug {
    s.parse().unwrap()
}

fn person(name: &str, email: &str, organization: Option<&str>) -> NewPerson {
    NewPerson {
        name: name.into(),
        email: email.parse().unwrap(),
        organization: organization.map(slug),
        phone: None,
        function: None,
        language: Language::De,
    }
}

/// Account settings whose mail goes to `sink`.
fn settings(sink: &SmtpSink) -> AccountSettings {
    AccountSettings {
        base_url: BASE.into(),
        mailer: Mailer::new(&MailConfig {
            smtp_url: Some(sink.url()),
            from: "Knotenpunkt <noreply@knotenpunkt.test>".into(),
        })
        .unwrap(),
        ..AccountSettings::default()
    }
}

/// The demo directory on `db`, with these account settings.
async fn demo(db: &TestDb, settings: AccountSettings) -> Directory {
    let dir = Directory::new(db.store.clone()).with_accounts(settings);
    load_demo(dir.app()).await.unwrap().unwrap();
    dir
}

/// The demo directory on `db` whose time is `clock`'s.
async fn demo_at(db: &TestDb, settings: AccountSettings, clock: Arc<ManualClock>) -> Directory {
    let app = App::new(db.store.clone())
        .with_settings(settings)
        .with_clock(clock);
    load_demo(&app).await.unwrap().unwrap();
    app.directory(&Actor::anonymous())
}

/// An address unique to the backend, so one sink serves every backend of a
/// test and a mail can never be taken for the other backend's.
fn addr(db: &TestDb, who: &str) -> String {
    format!("{who}.{:?}@example.org", db.store.backend()).to_lowercase()
}

/// The secret at the end of a link.
fn token_of(link: &str) -> &str {
    link.rsplit('/').next().unwrap()
}

/// The invitation link in the next mail to `to`.
async fn invitation_link(sink: &SmtpSink, to: &str) -> String {
    let mail = sink.wait_for(to, MAIL_WAIT).await.unwrap();
    mail.first_link(&format!("{BASE}/einladung/"))
        .unwrap_or_else(|| panic!("no invitation link in {mail:?}"))
}

/// The reset link in the next mail to `to`.
async fn reset_link(sink: &SmtpSink, to: &str) -> String {
    let mail = sink.wait_for(to, MAIL_WAIT).await.unwrap();
    assert_eq!(mail.subject, "Passwort zurücksetzen");
    mail.first_link(&format!("{BASE}/passwort/neu/"))
        .unwrap_or_else(|| panic!("no reset link in {mail:?}"))
}

/// Accepts the invitation in the next mail to `to` with [`PASSWORD`].
async fn accept(dir: &Directory, sink: &SmtpSink, to: &str) -> NewSession {
    let link = invitation_link(sink, to).await;
    dir.app()
        .accounts(&Actor::anonymous())
        .accept_invitation(token_of(&link), PASSWORD)
        .await
        .unwrap()
        .unwrap_or_else(|| panic!("the invitation link for {to} was refused"))
}

/// The first admin, bootstrapped and signed in through the mailed link.
async fn first_admin(dir: &Directory, sink: &SmtpSink, email: &str) -> NewSession {
    dir.app()
        .administration(&App::operator())
        .bootstrap_admin(person("Ada Admin", email, None))
        .await
        .unwrap();
    accept(dir, sink, email).await
}

/// The actor behind a session's cookie.
async fn actor(dir: &Directory, session: &NewSession) -> Actor {
    dir.app()
        .accounts(&Actor::anonymous())
        .session(&session.token)
        .await
        .unwrap()
        .unwrap_or_else(|| panic!("the session of {} ended", session.person.email))
        .actor
}

fn invite_into(network: &str, p: NewPerson, role: Option<NetworkRole>) -> InvitationRequest {
    InvitationRequest {
        person: p,
        network: Some(slug(network)),
        role,
        admin: false,
    }
}

fn fields(e: AppError) -> Vec<String> {
    match e {
        AppError::Invalid(errors) => errors.into_iter().map(|f| f.field).collect(),
        other => panic!("expected invalid input, got {other:?}"),
    }
}

fn denial(e: AppError) -> Denial {
    match e {
        AppError::Denied(d) => d,
        other => panic!("expected a denial, got {other:?}"),
    }
}

#[tokio::test]
async fn the_first_admin_is_invited_by_mail_and_the_link_works_once() {
    let sink = SmtpSink::start().unwrap();
    for db in TestDb::all().await.unwrap() {
        let dir = demo(&db, settings(&sink)).await;
        let email = addr(&db, "admin");
        let invited = dir
            .app()
            .administration(&App::operator())
            .bootstrap_admin(person("Ada Admin", &email, None))
            .await
            .unwrap();
        assert!(!invited.existing);
        assert!(invited.person.admin);
        assert!(
            !invited.person.active,
            "no password before the link is used"
        );

        let mail = sink.wait_for(&email, MAIL_WAIT).await.unwrap();
        assert!(mail.subject.starts_with("Einladung"), "{}", mail.subject);
        assert!(mail.from.contains("noreply@knotenpunkt.test"), "{mail:?}");
        let link = mail
            .first_link(&format!("{BASE}/einladung/"))
            .unwrap_or_else(|| panic!("no link in {mail:?}"));
        assert_eq!(invited.link.as_deref(), Some(link.as_str()));
        let token = token_of(&link);
        assert!(token.len() >= 43, "256 random bits: {token}");
        assert_eq!(
            dir.app()
                .accounts(&Actor::anonymous())
                .invitation(token)
                .await
                .unwrap()
                .map(|p| p.id),
            Some(invited.person.id)
        );
        // Invited but not yet accepted: no password, no sign-in.
        assert!(
            dir.app()
                .accounts(&Actor::anonymous())
                .sign_in(&email, PASSWORD)
                .await
                .unwrap()
                .is_none()
        );

        // A too-short password names the field and leaves the link usable.
        let short = "x".repeat(MIN_PASSWORD_CHARS - 1);
        let err = dir
            .app()
            .accounts(&Actor::anonymous())
            .accept_invitation(token, &short)
            .await
            .unwrap_err();
        assert_eq!(fields(err), ["password"]);
        assert!(
            dir.app()
                .accounts(&Actor::anonymous())
                .invitation(token)
                .await
                .unwrap()
                .is_some(),
            "a refused password does not spend the link"
        );

        let accepted = dir
            .app()
            .accounts(&Actor::anonymous())
            .accept_invitation(token, PASSWORD)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(accepted.person.id, invited.person.id);
        let session = dir
            .app()
            .accounts(&Actor::anonymous())
            .session(&accepted.token)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(session.person.email.as_str(), email);
        assert!(session.person.admin && session.person.active);
        assert!(session.actor.is_admin());
        assert_eq!(session.actor.person, Some(invited.person.id));
        assert_eq!(session.actor.scope, Scope::Write);
        assert_eq!(session.csrf, accepted.csrf);

        // Single use: the second click finds nothing and changes nothing.
        assert!(
            dir.app()
                .accounts(&Actor::anonymous())
                .accept_invitation(token, NEW_PASSWORD)
                .await
                .unwrap()
                .is_none()
        );
        assert!(
            dir.app()
                .accounts(&Actor::anonymous())
                .invitation(token)
                .await
                .unwrap()
                .is_none()
        );
        assert!(
            dir.app()
                .accounts(&Actor::anonymous())
                .sign_in(&email, PASSWORD)
                .await
                .unwrap()
                .is_some()
        );
        assert!(
            dir.app()
                .accounts(&Actor::anonymous())
                .sign_in(&email, NEW_PASSWORD)
                .await
                .unwrap()
                .is_none()
        );
        // A made-up link is refused the same way.
        assert!(
            dir.app()
                .accounts(&Actor::anonymous())
                .accept_invitation("erfunden", PASSWORD)
                .await
                .unwrap()
                .is_none()
        );
        // The bootstrap is in the platform's audit log, by "Knotenpunkt".
        let log = dir
            .app()
            .administration(&session.actor)
            .audit_log(None, Page::ALL)
            .await
            .unwrap();
        assert!(
            log.items.iter().any(|e| e.action == "invitation.create"
                && e.target == email
                && e.actor.is_none()
                && e.actor_name == "Knotenpunkt"),
            "{:?}",
            log.items
        );
    }
}

#[tokio::test]
async fn coordinators_invite_into_their_own_network_only() {
    let sink = SmtpSink::start().unwrap();
    for db in TestDb::all().await.unwrap() {
        let dir = demo(&db, settings(&sink)).await;
        let admin_mail = addr(&db, "admin");
        let admin = first_admin(&dir, &sink, &admin_mail).await;
        let admin_actor = actor(&dir, &admin).await;

        // The admin invites the coordinator of IKONE DS (Kaiserslautern).
        let coord_mail = addr(&db, "koordination");
        let invited = dir
            .app()
            .administration(&admin_actor)
            .invite(invite_into(
                IKONE,
                person("Kim Koordination", &coord_mail, Some("kaiserslautern")),
                Some(NetworkRole::Coordinator),
            ))
            .await
            .unwrap();
        assert!(!invited.existing);
        let mail = sink.wait_for(&coord_mail, MAIL_WAIT).await.unwrap();
        assert!(mail.subject.contains("IKONE DS"), "{}", mail.subject);
        assert!(mail.body.contains("Ada Admin lädt Sie"), "{}", mail.body);
        let link = mail.first_link(&format!("{BASE}/einladung/")).unwrap();
        let coord = dir
            .app()
            .accounts(&Actor::anonymous())
            .accept_invitation(token_of(&link), PASSWORD)
            .await
            .unwrap()
            .unwrap();
        let coord_actor = actor(&dir, &coord).await;
        assert_eq!(coord_actor.role_in(IKONE), Some(AccessRole::Coordinator));
        // Kaiserslautern is a member of the Smart Cities: so is its person.
        assert_eq!(coord_actor.role_in(SMART_CITIES), Some(AccessRole::Member));
        assert!(!coord_actor.is_admin());
        assert_eq!(coord_actor.organization.as_deref(), Some("kaiserslautern"));

        // The coordinator invites a person of Speyer, a member of IKONE DS,
        // without granting a role: the membership gives them theirs.
        let member_mail = addr(&db, "mitglied");
        dir.app()
            .administration(&coord_actor)
            .invite(invite_into(
                IKONE,
                person("Mira Mitglied", &member_mail, Some("speyer")),
                None,
            ))
            .await
            .unwrap();
        let mail = sink.wait_for(&member_mail, MAIL_WAIT).await.unwrap();
        assert!(
            mail.body.contains("Kim Koordination lädt Sie"),
            "{}",
            mail.body
        );
        let link = mail.first_link(&format!("{BASE}/einladung/")).unwrap();
        let member = dir
            .app()
            .accounts(&Actor::anonymous())
            .accept_invitation(token_of(&link), PASSWORD)
            .await
            .unwrap()
            .unwrap();
        let member_actor = actor(&dir, &member).await;
        assert_eq!(member_actor.role_in(IKONE), Some(AccessRole::Member));
        assert_eq!(member_actor.role_in(SMART_CITIES), None);
        let data = dir
            .app()
            .accounts(&Actor::signed_in(member.person.id))
            .personal_data()
            .await
            .unwrap();
        assert_eq!(data["roles"]["granted"], serde_json::json!([]));
        assert_eq!(
            data["roles"]["through_organization"],
            serde_json::json!([{"network": IKONE, "role": "member"}])
        );

        // Refused: another network, an admin, an anonymous or a member inviter.
        let stranger = addr(&db, "fremd");
        let into_other = invite_into(
            SMART_CITIES,
            person("Fritz Fremd", &stranger, Some("ulm")),
            Some(NetworkRole::Member),
        );
        let err = dir
            .app()
            .administration(&coord_actor)
            .invite(into_other)
            .await
            .unwrap_err();
        assert_eq!(denial(err), Denial::Forbidden);
        let as_admin = InvitationRequest {
            admin: true,
            ..invite_into(IKONE, person("Fritz Fremd", &stranger, None), None)
        };
        let err = dir
            .app()
            .administration(&coord_actor)
            .invite(as_admin)
            .await
            .unwrap_err();
        assert_eq!(denial(err), Denial::Forbidden);
        let into_ikone = invite_into(IKONE, person("Fritz Fremd", &stranger, None), None);
        let err = dir
            .app()
            .administration(&Actor::anonymous())
            .invite(into_ikone.clone())
            .await
            .unwrap_err();
        assert_eq!(denial(err), Denial::SignIn);
        let err = dir
            .app()
            .administration(&member_actor)
            .invite(into_ikone)
            .await
            .unwrap_err();
        assert_eq!(denial(err), Denial::Forbidden);
        // Nothing of the refused invitations was stored or sent.
        assert!(
            dir.store()
                .person_by_email(&stranger.parse().unwrap())
                .await
                .unwrap()
                .is_none()
        );
        assert!(
            sink.messages()
                .iter()
                .all(|m| !m.to.iter().any(|t| t == &stranger)),
            "a refused invitation sent mail"
        );

        // The admin may: an address with an account gets the role and a
        // notice, no new link.
        let again = dir
            .app()
            .administration(&admin_actor)
            .invite(invite_into(
                SMART_CITIES,
                person("Kim Koordination", &coord_mail, Some("kaiserslautern")),
                Some(NetworkRole::Coordinator),
            ))
            .await
            .unwrap();
        assert!(again.existing);
        assert_eq!(again.link, None);
        let notice = sink.wait_for(&coord_mail, MAIL_WAIT).await.unwrap();
        assert_eq!(notice.subject, format!("Sie sind jetzt bei {SMART_CITIES}"));
        assert!(notice.first_link(&format!("{BASE}/einladung/")).is_none());
        let coord_actor = actor(&dir, &coord).await;
        assert_eq!(
            coord_actor.role_in(SMART_CITIES),
            Some(AccessRole::Coordinator)
        );

        // The network's invitations, for its coordinator: both used.
        let list = dir
            .app()
            .administration(&coord_actor)
            .invitations(Some(&slug(IKONE)))
            .await
            .unwrap();
        let mut listed: Vec<(&str, bool)> = list
            .iter()
            .map(|i| (i.email.as_str(), i.used_at.is_some()))
            .collect();
        listed.sort_unstable();
        let mut expected = [(coord_mail.as_str(), true), (member_mail.as_str(), true)];
        expected.sort_unstable();
        assert_eq!(listed, expected);
        let err = dir
            .app()
            .administration(&member_actor)
            .invitations(Some(&slug(IKONE)))
            .await
            .unwrap_err();
        assert_eq!(denial(err), Denial::Forbidden);

        // Audit: the coordinator reads the network's log, a member may not.
        let log = dir
            .app()
            .administration(&coord_actor)
            .audit_log(Some(&slug(IKONE)), Page::ALL)
            .await
            .unwrap();
        assert_eq!(log.total, log.items.len() as u64);
        assert!(
            log.items
                .iter()
                .all(|e| e.network.as_ref().map(Slug::as_str) == Some(IKONE)),
            "{:?}",
            log.items
        );
        let has = |action: &str, target: &str, actor: i64, name: &str| {
            log.items.iter().any(|e| {
                e.action == action
                    && e.target == target
                    && e.actor == Some(actor)
                    && e.actor_name == name
            })
        };
        assert!(
            has(
                "invitation.create",
                &coord_mail,
                admin.person.id,
                "Ada Admin"
            ),
            "{:?}",
            log.items
        );
        assert!(has(
            "invitation.create",
            &member_mail,
            coord.person.id,
            "Kim Koordination"
        ));
        assert!(has(
            "invitation.accept",
            &member_mail,
            member.person.id,
            "Mira Mitglied"
        ));
        assert!(
            log.items
                .iter()
                .any(|e| e.target == coord_mail && e.detail.as_deref() == Some("coordinator"))
        );
        // Pages of the log are slices of the whole, with the whole's count.
        let page = dir
            .app()
            .administration(&coord_actor)
            .audit_log(
                Some(&slug(IKONE)),
                Page {
                    limit: Some(2),
                    offset: 1,
                },
            )
            .await
            .unwrap();
        assert_eq!(page.total, log.total);
        assert_eq!(page.items, log.items[1..3]);
        let err = dir
            .app()
            .administration(&member_actor)
            .audit_log(Some(&slug(IKONE)), Page::ALL)
            .await
            .unwrap_err();
        assert_eq!(denial(err), Denial::Forbidden);
        let err = dir
            .app()
            .administration(&coord_actor)
            .audit_log(None, Page::ALL)
            .await
            .unwrap_err();
        assert_eq!(denial(err), Denial::Forbidden);
        let err = dir
            .app()
            .administration(&Actor::anonymous())
            .audit_log(Some(&slug(IKONE)), Page::ALL)
            .await
            .unwrap_err();
        assert_eq!(denial(err), Denial::SignIn);
    }
}

#[tokio::test]
async fn sign_in_sign_out_and_password_change() {
    let sink = SmtpSink::start().unwrap();
    for db in TestDb::all().await.unwrap() {
        let dir = demo(&db, settings(&sink)).await;
        let email = addr(&db, "admin");
        let first = first_admin(&dir, &sink, &email).await;
        let id = first.person.id;

        let second = dir
            .app()
            .accounts(&Actor::anonymous())
            .sign_in(&email, PASSWORD)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(second.person.id, id);
        assert_ne!(second.token, first.token);
        assert_ne!(second.csrf, first.csrf);
        // The address is compared case-insensitively.
        let third = dir
            .app()
            .accounts(&Actor::anonymous())
            .sign_in(&email.to_uppercase(), PASSWORD)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(
            dir.app()
                .accounts(&Actor::signed_in(id))
                .session_count()
                .await
                .unwrap(),
            3
        );

        // Every failure looks the same: no session, no error.
        for (address, password) in [
            (email.as_str(), NEW_PASSWORD),
            (email.as_str(), ""),
            ("niemand@example.org", PASSWORD),
            ("kein-at-zeichen", PASSWORD),
        ] {
            assert!(
                dir.app()
                    .accounts(&Actor::anonymous())
                    .sign_in(address, password)
                    .await
                    .unwrap()
                    .is_none(),
                "{address} / {password}"
            );
        }
        assert_eq!(
            dir.app()
                .accounts(&Actor::signed_in(id))
                .session_count()
                .await
                .unwrap(),
            3
        );
        assert!(
            dir.app()
                .accounts(&Actor::anonymous())
                .session("erfunden")
                .await
                .unwrap()
                .is_none()
        );

        dir.app()
            .accounts(&Actor::anonymous())
            .sign_out(&first.token)
            .await
            .unwrap();
        assert!(
            dir.app()
                .accounts(&Actor::anonymous())
                .session(&first.token)
                .await
                .unwrap()
                .is_none()
        );
        assert!(
            dir.app()
                .accounts(&Actor::anonymous())
                .session(&second.token)
                .await
                .unwrap()
                .is_some()
        );
        assert_eq!(
            dir.app()
                .accounts(&Actor::signed_in(id))
                .session_count()
                .await
                .unwrap(),
            2
        );

        assert_eq!(
            dir.app()
                .accounts(&Actor::signed_in(id))
                .sign_out_everywhere()
                .await
                .unwrap(),
            2
        );
        assert!(
            dir.app()
                .accounts(&Actor::anonymous())
                .session(&second.token)
                .await
                .unwrap()
                .is_none()
        );
        assert!(
            dir.app()
                .accounts(&Actor::anonymous())
                .session(&third.token)
                .await
                .unwrap()
                .is_none()
        );
        assert_eq!(
            dir.app()
                .accounts(&Actor::signed_in(id))
                .sign_out_everywhere()
                .await
                .unwrap(),
            0
        );

        // Changing the password needs the current one and a long new one;
        // a refused change ends no session.
        let here = dir
            .app()
            .accounts(&Actor::anonymous())
            .sign_in(&email, PASSWORD)
            .await
            .unwrap()
            .unwrap();
        let elsewhere = dir
            .app()
            .accounts(&Actor::anonymous())
            .sign_in(&email, PASSWORD)
            .await
            .unwrap()
            .unwrap();
        let err = dir
            .app()
            .accounts(&Actor::signed_in(id))
            .change_password(Some(&here.token), NEW_PASSWORD, NEW_PASSWORD)
            .await
            .unwrap_err();
        assert_eq!(fields(err), ["current"]);
        let err = dir
            .app()
            .accounts(&Actor::signed_in(id))
            .change_password(Some(&here.token), PASSWORD, "kurz")
            .await
            .unwrap_err();
        assert_eq!(fields(err), ["password"]);
        assert_eq!(
            dir.app()
                .accounts(&Actor::signed_in(id))
                .session_count()
                .await
                .unwrap(),
            2
        );
        // Another person's sessions are not touched.
        let admin = actor(&dir, &here).await;
        let other_email = addr(&db, "kollegin");
        dir.app()
            .administration(&admin)
            .invite(invite_into(
                "ikone-ds",
                person("Karla Kollegin", &other_email, None),
                Some(NetworkRole::Member),
            ))
            .await
            .unwrap();
        let other = accept(&dir, &sink, &other_email).await;
        dir.app()
            .accounts(&Actor::signed_in(id))
            .change_password(Some(&here.token), PASSWORD, NEW_PASSWORD)
            .await
            .unwrap();
        // The browser that changed it stays signed in; the other is out.
        assert!(
            dir.app()
                .accounts(&Actor::anonymous())
                .session(&here.token)
                .await
                .unwrap()
                .is_some()
        );
        assert!(
            dir.app()
                .accounts(&Actor::anonymous())
                .session(&elsewhere.token)
                .await
                .unwrap()
                .is_none()
        );
        assert_eq!(
            dir.app()
                .accounts(&Actor::signed_in(id))
                .session_count()
                .await
                .unwrap(),
            1
        );
        assert!(
            dir.app()
                .accounts(&Actor::anonymous())
                .session(&other.token)
                .await
                .unwrap()
                .is_some()
        );
        assert!(
            dir.app()
                .accounts(&Actor::anonymous())
                .sign_in(&email, PASSWORD)
                .await
                .unwrap()
                .is_none()
        );
        assert!(
            dir.app()
                .accounts(&Actor::anonymous())
                .sign_in(&email, NEW_PASSWORD)
                .await
                .unwrap()
                .is_some()
        );
        // Without a session to keep, every one ends.
        dir.app()
            .accounts(&Actor::signed_in(id))
            .change_password(None, NEW_PASSWORD, PASSWORD)
            .await
            .unwrap();
        assert_eq!(
            dir.app()
                .accounts(&Actor::signed_in(id))
                .session_count()
                .await
                .unwrap(),
            0
        );
    }
}

#[tokio::test]
async fn a_password_reset_goes_by_mail_ends_sessions_and_works_once() {
    let sink = SmtpSink::start().unwrap();
    for db in TestDb::all().await.unwrap() {
        let dir = demo(&db, settings(&sink)).await;
        let email = addr(&db, "admin");
        let session = first_admin(&dir, &sink, &email).await;
        let admin_actor = actor(&dir, &session).await;
        let id = session.person.id;
        // Someone invited who has not set a password yet gets no reset mail.
        let pending = addr(&db, "eingeladen");
        dir.app()
            .administration(&admin_actor)
            .invite(invite_into(
                IKONE,
                person("Ines Eingeladen", &pending, None),
                None,
            ))
            .await
            .unwrap();
        invitation_link(&sink, &pending).await;

        dir.app()
            .accounts(&Actor::anonymous())
            .request_reset(&email)
            .await
            .unwrap();
        let older = reset_link(&sink, &email).await;
        dir.app()
            .accounts(&Actor::anonymous())
            .request_reset(&email.to_uppercase())
            .await
            .unwrap();
        let link = reset_link(&sink, &email).await;
        assert_ne!(older, link);
        let token = token_of(&link);
        assert!(
            dir.app()
                .accounts(&Actor::anonymous())
                .reset_is_valid(token)
                .await
                .unwrap()
        );
        assert!(
            dir.app()
                .accounts(&Actor::anonymous())
                .reset_is_valid(token_of(&older))
                .await
                .unwrap()
        );

        // Unknown, malformed and password-less addresses: the same answer.
        let unknown = addr(&db, "unbekannt");
        dir.app()
            .accounts(&Actor::anonymous())
            .request_reset(&unknown)
            .await
            .unwrap();
        dir.app()
            .accounts(&Actor::anonymous())
            .request_reset("kein-at-zeichen")
            .await
            .unwrap();
        dir.app()
            .accounts(&Actor::anonymous())
            .request_reset(&pending)
            .await
            .unwrap();

        // A too-short password names the field and leaves the link usable.
        let err = dir
            .app()
            .accounts(&Actor::anonymous())
            .complete_reset(token, "kurz")
            .await
            .unwrap_err();
        assert_eq!(fields(err), ["password"]);
        assert!(
            dir.app()
                .accounts(&Actor::anonymous())
                .reset_is_valid(token)
                .await
                .unwrap()
        );
        assert!(
            dir.app()
                .accounts(&Actor::anonymous())
                .session(&session.token)
                .await
                .unwrap()
                .is_some()
        );

        assert!(
            dir.app()
                .accounts(&Actor::anonymous())
                .complete_reset(token, NEW_PASSWORD)
                .await
                .unwrap()
        );
        assert!(
            dir.app()
                .accounts(&Actor::anonymous())
                .session(&session.token)
                .await
                .unwrap()
                .is_none(),
            "a reset ends every session"
        );
        assert_eq!(
            dir.app()
                .accounts(&Actor::signed_in(id))
                .session_count()
                .await
                .unwrap(),
            0
        );
        assert!(
            dir.app()
                .accounts(&Actor::anonymous())
                .sign_in(&email, PASSWORD)
                .await
                .unwrap()
                .is_none()
        );
        assert!(
            dir.app()
                .accounts(&Actor::anonymous())
                .sign_in(&email, NEW_PASSWORD)
                .await
                .unwrap()
                .is_some()
        );

        // Single use, and the person's other reset link died with it.
        assert!(
            !dir.app()
                .accounts(&Actor::anonymous())
                .reset_is_valid(token)
                .await
                .unwrap()
        );
        assert!(
            !dir.app()
                .accounts(&Actor::anonymous())
                .complete_reset(token, PASSWORD)
                .await
                .unwrap()
        );
        assert!(
            !dir.app()
                .accounts(&Actor::anonymous())
                .reset_is_valid(token_of(&older))
                .await
                .unwrap()
        );
        assert!(
            !dir.app()
                .accounts(&Actor::anonymous())
                .complete_reset(token_of(&older), PASSWORD)
                .await
                .unwrap()
        );
        assert!(
            dir.app()
                .accounts(&Actor::anonymous())
                .sign_in(&email, PASSWORD)
                .await
                .unwrap()
                .is_none()
        );

        let log = dir
            .app()
            .administration(&admin_actor)
            .audit_log(None, Page::ALL)
            .await
            .unwrap();
        assert_eq!(
            log.items
                .iter()
                .filter(|e| e.action == "password.reset" && e.target == email)
                .count(),
            1
        );

        // Mails go out in the background, in the order they were asked
        // for: once a reset asked for after theirs has arrived, theirs
        // would have arrived too.
        dir.app()
            .accounts(&Actor::anonymous())
            .request_reset(&email)
            .await
            .unwrap();
        reset_link(&sink, &email).await;
        for nobody in [&unknown, &pending] {
            let to_them = sink
                .messages()
                .into_iter()
                .filter(|m| m.to.iter().any(|t| t == nobody))
                .map(|m| m.subject)
                .collect::<Vec<_>>();
            assert!(
                to_them.iter().all(|s| s != "Passwort zurücksetzen"),
                "{nobody} got {to_them:?}"
            );
        }
    }
}

#[tokio::test]
async fn expired_links_and_idle_sessions_are_refused_and_purged() {
    let sink = SmtpSink::start().unwrap();
    for db in TestDb::all().await.unwrap() {
        // Time passes by moving this clock, not by waiting.
        let clock = Arc::new(ManualClock::starting_now());
        let dir = demo_at(&db, settings(&sink), clock.clone()).await;
        let quick = dir.clone().with_accounts(AccountSettings {
            invitation_ttl: 0,
            reset_ttl: 0,
            session_idle: 0,
            ..settings(&sink)
        });
        let brief = dir.clone().with_accounts(AccountSettings {
            session_absolute: 0,
            ..settings(&sink)
        });
        let email = addr(&db, "admin");
        let first = first_admin(&dir, &sink, &email).await;
        let admin_actor = actor(&dir, &first).await;

        // An invitation that expires at once.
        let late = addr(&db, "zuspaet");
        quick
            .app()
            .administration(&admin_actor)
            .invite(invite_into(
                IKONE,
                person("Zora Zuspät", &late, Some("trier")),
                None,
            ))
            .await
            .unwrap();
        let link = invitation_link(&sink, &late).await;
        let token = token_of(&link);
        assert!(
            quick
                .app()
                .accounts(&Actor::anonymous())
                .invitation(token)
                .await
                .unwrap()
                .is_none()
        );
        assert!(
            quick
                .app()
                .accounts(&Actor::anonymous())
                .accept_invitation(token, PASSWORD)
                .await
                .unwrap()
                .is_none()
        );
        // The expiry is stored with the link, not read from the settings.
        assert!(
            dir.app()
                .accounts(&Actor::anonymous())
                .accept_invitation(token, PASSWORD)
                .await
                .unwrap()
                .is_none()
        );
        let (_, hash) = dir
            .store()
            .person_by_email(&late.parse().unwrap())
            .await
            .unwrap()
            .unwrap();
        assert_eq!(hash, None, "an expired link sets no password");

        // A reset link that expires at once.
        quick
            .app()
            .accounts(&Actor::anonymous())
            .request_reset(&email)
            .await
            .unwrap();
        let link = reset_link(&sink, &email).await;
        assert!(
            !dir.app()
                .accounts(&Actor::anonymous())
                .reset_is_valid(token_of(&link))
                .await
                .unwrap()
        );
        assert!(
            !dir.app()
                .accounts(&Actor::anonymous())
                .complete_reset(token_of(&link), NEW_PASSWORD)
                .await
                .unwrap()
        );

        // Sessions: `first` idles, `second` is swept by the purge, `third`
        // outlives the absolute limit.
        let second = dir
            .app()
            .accounts(&Actor::anonymous())
            .sign_in(&email, PASSWORD)
            .await
            .unwrap()
            .unwrap();
        let third = dir
            .app()
            .accounts(&Actor::anonymous())
            .sign_in(&email, PASSWORD)
            .await
            .unwrap()
            .unwrap();
        let id = first.person.id;
        clock.advance(chrono::Duration::seconds(2));
        assert!(
            dir.app()
                .accounts(&Actor::anonymous())
                .session(&first.token)
                .await
                .unwrap()
                .is_some()
        );
        assert!(
            quick
                .app()
                .accounts(&Actor::anonymous())
                .session(&first.token)
                .await
                .unwrap()
                .is_none()
        );
        assert!(
            dir.app()
                .accounts(&Actor::anonymous())
                .session(&first.token)
                .await
                .unwrap()
                .is_none(),
            "the idle session was removed"
        );
        assert!(
            brief
                .app()
                .accounts(&Actor::anonymous())
                .session(&third.token)
                .await
                .unwrap()
                .is_none()
        );
        assert!(
            dir.app()
                .accounts(&Actor::anonymous())
                .session(&third.token)
                .await
                .unwrap()
                .is_none()
        );
        assert_eq!(
            dir.app()
                .accounts(&Actor::signed_in(id))
                .session_count()
                .await
                .unwrap(),
            1
        );

        // The purge keeps live sessions and removes expired ones.
        let kept = dir
            .app()
            .administration(&App::operator())
            .purge_expired()
            .await
            .unwrap();
        assert_eq!(kept.sessions, 0);
        assert_eq!(
            dir.app()
                .accounts(&Actor::signed_in(id))
                .session_count()
                .await
                .unwrap(),
            1
        );
        let purged = quick
            .app()
            .administration(&App::operator())
            .purge_expired()
            .await
            .unwrap();
        assert_eq!(purged.sessions, 1);
        assert_eq!(
            dir.app()
                .accounts(&Actor::signed_in(id))
                .session_count()
                .await
                .unwrap(),
            0
        );
        assert!(
            dir.app()
                .accounts(&Actor::anonymous())
                .session(&second.token)
                .await
                .unwrap()
                .is_none()
        );
    }
}

#[tokio::test]
async fn api_and_feed_tokens_act_for_their_person_until_revoked() {
    let sink = SmtpSink::start().unwrap();
    for db in TestDb::all().await.unwrap() {
        let dir = demo(&db, settings(&sink)).await;
        let admin = first_admin(&dir, &sink, &addr(&db, "admin")).await;
        let admin_actor = actor(&dir, &admin).await;
        let member_mail = addr(&db, "mitglied");
        dir.app()
            .administration(&admin_actor)
            .invite(invite_into(
                IKONE,
                person("Mira Mitglied", &member_mail, Some("speyer")),
                None,
            ))
            .await
            .unwrap();
        let member = accept(&dir, &sink, &member_mail).await;
        let member_actor = actor(&dir, &member).await;
        let id = member.person.id;

        // API tokens.
        let read = dir
            .app()
            .accounts(&member_actor)
            .create_api_token("Jahresbericht-Skript", TokenScope::Read)
            .await
            .unwrap();
        assert!(read.secret.starts_with("kp_"), "{}", read.secret);
        assert!(read.secret.len() > 40);
        assert_eq!(read.record.person, id);
        let write = dir
            .app()
            .accounts(&member_actor)
            .create_api_token("  Import  ", TokenScope::Write)
            .await
            .unwrap();
        assert_eq!(write.record.name, "Import");
        assert_ne!(read.secret, write.secret);
        let err = dir
            .app()
            .accounts(&member_actor)
            .create_api_token("   ", TokenScope::Read)
            .await
            .unwrap_err();
        assert_eq!(fields(err), ["name"]);
        let err = dir
            .app()
            .accounts(&Actor::anonymous())
            .create_api_token("x", TokenScope::Read)
            .await
            .unwrap_err();
        assert_eq!(denial(err), Denial::SignIn);

        let by_read = dir
            .app()
            .accounts(&Actor::anonymous())
            .api_actor(&read.secret)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(by_read.person, Some(id));
        assert_eq!(by_read.scope, Scope::Read);
        assert_eq!(by_read.role_in(IKONE), Some(AccessRole::Member));
        assert_eq!(by_read.organization.as_deref(), Some("speyer"));
        let by_write = dir
            .app()
            .accounts(&Actor::anonymous())
            .api_actor(&write.secret)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(by_write.scope, Scope::Write);
        assert_eq!(by_write.role_in(IKONE), Some(AccessRole::Member));
        assert!(
            dir.app()
                .accounts(&Actor::anonymous())
                .api_actor("kp_erfunden")
                .await
                .unwrap()
                .is_none()
        );
        // A read token cannot make itself a write token.
        let err = dir
            .app()
            .accounts(&by_read)
            .create_api_token("mehr", TokenScope::Write)
            .await
            .unwrap_err();
        assert_eq!(denial(err), Denial::ReadOnly);

        let listed = dir
            .app()
            .accounts(&member_actor)
            .api_tokens()
            .await
            .unwrap();
        let mut names: Vec<&str> = listed.iter().map(|t| t.name.as_str()).collect();
        names.sort_unstable();
        assert_eq!(names, ["Import", "Jahresbericht-Skript"]);
        assert!(
            listed
                .iter()
                .find(|t| t.id == read.record.id)
                .unwrap()
                .last_used_at
                .is_some(),
            "use is recorded"
        );
        let shown = format!("{listed:?}");
        assert!(!shown.contains(&read.secret) && !shown.contains(&write.secret));
        assert!(
            dir.app()
                .accounts(&admin_actor)
                .api_tokens()
                .await
                .unwrap()
                .is_empty(),
            "each person sees only their own tokens"
        );

        // Only the owner revokes.
        let err = dir
            .app()
            .accounts(&admin_actor)
            .revoke_api_token(read.record.id)
            .await
            .unwrap_err();
        assert!(matches!(err, AppError::NotFound { .. }), "{err:?}");
        assert!(
            dir.app()
                .accounts(&Actor::anonymous())
                .api_actor(&read.secret)
                .await
                .unwrap()
                .is_some()
        );
        dir.app()
            .accounts(&member_actor)
            .revoke_api_token(read.record.id)
            .await
            .unwrap();
        assert!(
            dir.app()
                .accounts(&Actor::anonymous())
                .api_actor(&read.secret)
                .await
                .unwrap()
                .is_none()
        );
        assert!(
            dir.app()
                .accounts(&Actor::anonymous())
                .api_actor(&write.secret)
                .await
                .unwrap()
                .is_some()
        );
        let left: Vec<i64> = dir
            .app()
            .accounts(&member_actor)
            .api_tokens()
            .await
            .unwrap()
            .iter()
            .map(|t| t.id)
            .collect();
        assert_eq!(left, [write.record.id]);
        let err = dir
            .app()
            .accounts(&member_actor)
            .revoke_api_token(read.record.id)
            .await
            .unwrap_err();
        assert!(matches!(err, AppError::NotFound { .. }), "{err:?}");

        // The calendar feed's secret address.
        assert!(
            !dir.app()
                .accounts(&Actor::signed_in(id))
                .has_feed_token()
                .await
                .unwrap()
        );
        let feed = dir
            .app()
            .accounts(&Actor::signed_in(id))
            .renew_feed_token()
            .await
            .unwrap();
        assert!(
            dir.app()
                .accounts(&Actor::signed_in(id))
                .has_feed_token()
                .await
                .unwrap()
        );
        let (p, feed_actor) = dir
            .app()
            .accounts(&Actor::anonymous())
            .feed_actor(&feed)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(p.id, id);
        assert_eq!(feed_actor.scope, Scope::Read);
        assert_eq!(feed_actor.role_in(IKONE), Some(AccessRole::Member));
        let renewed = dir
            .app()
            .accounts(&Actor::signed_in(id))
            .renew_feed_token()
            .await
            .unwrap();
        assert_ne!(renewed, feed);
        assert!(
            dir.app()
                .accounts(&Actor::anonymous())
                .feed_actor(&feed)
                .await
                .unwrap()
                .is_none()
        );
        assert_eq!(
            dir.app()
                .accounts(&Actor::anonymous())
                .feed_actor(&renewed)
                .await
                .unwrap()
                .map(|(p, _)| p.id),
            Some(id)
        );
        dir.app()
            .accounts(&Actor::signed_in(id))
            .revoke_feed_token()
            .await
            .unwrap();
        assert!(
            dir.app()
                .accounts(&Actor::anonymous())
                .feed_actor(&renewed)
                .await
                .unwrap()
                .is_none()
        );
        assert!(
            !dir.app()
                .accounts(&Actor::signed_in(id))
                .has_feed_token()
                .await
                .unwrap()
        );

        // Follows for the personal feed.
        let stammtisch = slug("ikone-ds-stammtisch");
        dir.app()
            .accounts(&member_actor)
            .set_follow(&stammtisch, true)
            .await
            .unwrap();
        dir.app()
            .accounts(&member_actor)
            .set_follow(&stammtisch, true)
            .await
            .unwrap();
        let followed: Vec<String> = dir
            .app()
            .accounts(&Actor::signed_in(id))
            .follows()
            .await
            .unwrap()
            .iter()
            .map(Slug::to_string)
            .collect();
        assert_eq!(followed, ["ikone-ds-stammtisch"]);
        let err = dir
            .app()
            .accounts(&Actor::anonymous())
            .set_follow(&stammtisch, true)
            .await
            .unwrap_err();
        assert_eq!(denial(err), Denial::SignIn);
        dir.app()
            .accounts(&member_actor)
            .set_follow(&stammtisch, false)
            .await
            .unwrap();
        assert!(
            dir.app()
                .accounts(&Actor::signed_in(id))
                .follows()
                .await
                .unwrap()
                .is_empty()
        );
    }
}

#[tokio::test]
async fn personal_data_is_exported_and_accounts_are_deleted() {
    let sink = SmtpSink::start().unwrap();
    for db in TestDb::all().await.unwrap() {
        let dir = demo(&db, settings(&sink)).await;
        let admin = first_admin(&dir, &sink, &addr(&db, "admin")).await;
        let admin_actor = actor(&dir, &admin).await;
        let coord_mail = addr(&db, "koordination");
        dir.app()
            .administration(&admin_actor)
            .invite(invite_into(
                IKONE,
                person("Kim Koordination", &coord_mail, Some("kaiserslautern")),
                Some(NetworkRole::Coordinator),
            ))
            .await
            .unwrap();
        let coord = accept(&dir, &sink, &coord_mail).await;
        let coord_actor = actor(&dir, &coord).await;
        let id = coord.person.id;
        let member_mail = addr(&db, "mitglied");
        dir.app()
            .administration(&coord_actor)
            .invite(invite_into(
                IKONE,
                person("Mira Mitglied", &member_mail, Some("speyer")),
                None,
            ))
            .await
            .unwrap();
        let token = dir
            .app()
            .accounts(&coord_actor)
            .create_api_token("Kalender-Sync", TokenScope::Read)
            .await
            .unwrap();
        let feed = dir
            .app()
            .accounts(&Actor::signed_in(id))
            .renew_feed_token()
            .await
            .unwrap();
        dir.app()
            .accounts(&coord_actor)
            .set_follow(&slug("ikone-ds-stammtisch"), true)
            .await
            .unwrap();

        // The export: everything about the person, no secret.
        let data = dir
            .app()
            .accounts(&Actor::signed_in(id))
            .personal_data()
            .await
            .unwrap();
        assert_eq!(data["person"]["email"], coord_mail.as_str());
        assert_eq!(data["person"]["name"], "Kim Koordination");
        assert_eq!(data["api_tokens"][0]["name"], "Kalender-Sync");
        assert_eq!(data["api_tokens"][0]["scope"], "read");
        assert_eq!(data["api_tokens"].as_array().unwrap().len(), 1);
        assert_eq!(
            data["roles"]["granted"],
            serde_json::json!([{"network": IKONE, "role": "coordinator"}])
        );
        assert_eq!(data["follows"], serde_json::json!(["ikone-ds-stammtisch"]));
        assert_eq!(data["calendar_feed"], true);
        assert_eq!(data["open_sessions"], 1);
        let text = data.to_string();
        for secret in [&token.secret, &feed, &coord.token, &coord.csrf] {
            assert!(!text.contains(secret.as_str()), "the export shows a secret");
        }
        assert!(
            !text.contains("argon2"),
            "the export shows the password hash"
        );

        // Deleting the account.
        let err = dir
            .app()
            .accounts(&Actor::anonymous())
            .delete_account()
            .await
            .unwrap_err();
        assert_eq!(denial(err), Denial::SignIn);
        dir.app()
            .accounts(&coord_actor)
            .delete_account()
            .await
            .unwrap();
        assert!(matches!(
            dir.person(id).await.unwrap_err(),
            AppError::NotFound { .. }
        ));
        assert!(
            dir.app()
                .accounts(&Actor::anonymous())
                .sign_in(&coord_mail, PASSWORD)
                .await
                .unwrap()
                .is_none()
        );
        assert!(
            dir.app()
                .accounts(&Actor::anonymous())
                .session(&coord.token)
                .await
                .unwrap()
                .is_none()
        );
        assert!(
            dir.app()
                .accounts(&Actor::anonymous())
                .api_actor(&token.secret)
                .await
                .unwrap()
                .is_none()
        );
        assert!(
            dir.app()
                .accounts(&Actor::anonymous())
                .feed_actor(&feed)
                .await
                .unwrap()
                .is_none()
        );
        // What the person did stays in the log under their name; the
        // deletion itself is logged without it.
        let log = dir
            .app()
            .administration(&admin_actor)
            .audit_log(None, Page::ALL)
            .await
            .unwrap();
        let theirs = log
            .items
            .iter()
            .find(|e| e.action == "invitation.create" && e.target == member_mail)
            .unwrap_or_else(|| panic!("{:?}", log.items));
        assert_eq!(theirs.actor_name, "Kim Koordination");
        assert_eq!(theirs.actor, None);
        assert!(log.items.iter().all(|e| e.actor != Some(id)));
        let deletion = log
            .items
            .iter()
            .find(|e| e.action == "account.delete")
            .unwrap_or_else(|| panic!("the deletion is not in the log: {:?}", log.items));
        assert_eq!(deletion.target, format!("person {id}"));
        assert_eq!(deletion.actor, None);
        assert!(!deletion.actor_name.contains("Kim"));
        // The person the deleted coordinator invited can still join.
        accept(&dir, &sink, &member_mail).await;

        // The last admin stays.
        let err = dir
            .app()
            .accounts(&admin_actor)
            .delete_account()
            .await
            .unwrap_err();
        match err {
            AppError::Conflict(f) => assert_eq!(f.field, "account"),
            other => panic!("expected a conflict, got {other:?}"),
        }
        assert!(
            dir.app()
                .accounts(&Actor::anonymous())
                .session(&admin.token)
                .await
                .unwrap()
                .is_some()
        );
        // With a second admin, the first may leave; then the second is last.
        let second_mail = addr(&db, "zweite");
        dir.app()
            .administration(&admin_actor)
            .invite(InvitationRequest {
                person: person("Zoe Zweite", &second_mail, None),
                network: None,
                role: None,
                admin: true,
            })
            .await
            .unwrap();
        // Invited is not enough: until the second admin has set a
        // password, the first is still the only one who can sign in.
        assert_eq!(dir.admin_count().await.unwrap(), 1);
        assert!(matches!(
            dir.app()
                .accounts(&admin_actor)
                .delete_account()
                .await
                .unwrap_err(),
            AppError::Conflict(_)
        ));
        assert!(
            dir.app()
                .accounts(&Actor::anonymous())
                .session(&admin.token)
                .await
                .unwrap()
                .is_some()
        );
        let second = accept(&dir, &sink, &second_mail).await;
        assert_eq!(dir.admin_count().await.unwrap(), 2);
        dir.app()
            .accounts(&admin_actor)
            .delete_account()
            .await
            .unwrap();
        assert!(
            dir.app()
                .accounts(&Actor::anonymous())
                .session(&admin.token)
                .await
                .unwrap()
                .is_none()
        );
        let second_actor = actor(&dir, &second).await;
        assert!(second_actor.is_admin());
        assert!(matches!(
            dir.app()
                .accounts(&second_actor)
                .delete_account()
                .await
                .unwrap_err(),
            AppError::Conflict(_)
        ));
    }
}
