//! What has come due: the reminders a pass plans, composed in each
//! recipient's language.
//!
//! Each reminder is planned when its time has come (not weeks ahead), so
//! it names the host, the agenda and the seat as they are then; a key
//! names the occasion as well as the offset (`host:…:4w`, `host:…:1w`),
//! so a meeting that moves or changes host gets the reminders of its new
//! date or host. When the server was down at the four-week mark and comes
//! back within the last week, only the one-week reminder goes.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{Duration, NaiveDate};
use knotenpunkt_domain::{Language, Person, Visibility};
use knotenpunkt_store::NewReminder;

use super::{ReminderKind, guest_recipient, link, person_recipient};
use crate::AppError;
use crate::audit::berlin_time;
use crate::meetings::{Meeting, MeetingStatus, Meetings, Window};
use crate::scope::Scope;

type Result<T> = std::result::Result<T, AppError>;

const DAY: i64 = 24 * 3600;
const WEEK: i64 = 7 * DAY;

/// Whom a reminder goes to.
#[derive(Debug, Clone)]
enum To {
    Person(Person),
    Guest { name: String, email: String },
}

impl To {
    fn recipient(&self) -> String {
        match self {
            To::Person(p) => person_recipient(p.id),
            To::Guest { email, .. } => guest_recipient(email),
        }
    }
    fn language(&self) -> Language {
        match self {
            To::Person(p) => p.language,
            To::Guest { .. } => Language::De,
        }
    }
    fn name(&self) -> &str {
        match self {
            To::Person(p) => &p.name,
            To::Guest { name, .. } => name,
        }
    }
    fn email(&self) -> String {
        match self {
            To::Person(p) => p.email.to_string(),
            To::Guest { email, .. } => email.clone(),
        }
    }
}

/// A reminder before its text: key, kind, recipient, and what it is about.
struct Due {
    key: String,
    kind: ReminderKind,
    to: To,
    about: About,
}

enum About {
    Host {
        meeting: Meeting,
        host: String,
        weeks: u8,
    },
    Agenda {
        meeting: Meeting,
        host: String,
    },
    Event {
        id: i64,
        event: Box<knotenpunkt_domain::Event>,
        /// For a guest, who has no account: the link that cancels.
        cancel: Option<String>,
    },
    Task {
        task: knotenpunkt_store::DueTask,
    },
    Application {
        application: knotenpunkt_store::DueApplication,
    },
}

/// The reminders whose time has come and that are not planned yet.
pub(super) async fn compose(scope: &Scope, key: &[u8]) -> Result<Vec<NewReminder>> {
    let store = scope.store();
    let now = scope.app.unix_now();
    let today = scope.app.today();
    let people: Vec<Person> = store
        .list_persons(None, None)
        .await?
        .into_iter()
        .filter(|p| p.active)
        .collect();
    let mut of_org: BTreeMap<String, Vec<&Person>> = BTreeMap::new();
    for p in &people {
        if let Some(o) = &p.organization {
            of_org.entry(o.to_string()).or_default().push(p);
        }
    }
    let by_id: BTreeMap<i64, &Person> = people.iter().map(|p| (p.id, p)).collect();
    let mut coordinators: BTreeMap<String, Vec<&Person>> = BTreeMap::new();
    for (network, id) in store.coordinators().await? {
        if let Some(p) = by_id.get(&id) {
            coordinators.entry(network).or_default().push(p);
        }
    }
    let mut due: Vec<Due> = Vec::new();

    // Meetings: the host four weeks and one week ahead, the agenda a week ahead.
    let meetings = Meetings::build(scope.clone())
        .all_meetings(Window {
            from: today,
            to: today + Duration::days(30),
        })
        .await?;
    for m in meetings {
        let start = m.start_utc.timestamp();
        if start <= now || m.status == MeetingStatus::Cancelled {
            continue;
        }
        let Some(host) = m.host.clone() else {
            continue;
        };
        let weeks = if now >= start - WEEK {
            1
        } else if now >= start - 4 * WEEK {
            4
        } else {
            continue;
        };
        let occasion = format!("{}:{}:{}", m.series, m.date, host.slug);
        let hosts = of_org.get(host.slug.as_str()).cloned().unwrap_or_default();
        for p in &hosts {
            due.push(Due {
                key: format!("host:{occasion}:{weeks}w:p:{}", p.id),
                kind: ReminderKind::Host,
                to: To::Person((*p).clone()),
                about: About::Host {
                    meeting: m.clone(),
                    host: host.name.clone(),
                    weeks,
                },
            });
        }
        if weeks == 1
            && let Some(network) = &m.network
        {
            let host_ids: BTreeSet<i64> = hosts.iter().map(|p| p.id).collect();
            for p in coordinators.get(network.as_str()).into_iter().flatten() {
                if host_ids.contains(&p.id) {
                    continue; // their host reminder carries the agenda
                }
                due.push(Due {
                    key: format!("agenda:{occasion}:p:{}", p.id),
                    kind: ReminderKind::Agenda,
                    to: To::Person((*p).clone()),
                    about: About::Agenda {
                        meeting: m.clone(),
                        host: host.name.clone(),
                    },
                });
            }
        }
    }

    // Events of the next day: everyone with a seat.
    let mut cancel_links = None;
    for e in store.list_events(None, Some(now)).await? {
        let start = e.event.starts_at.timestamp();
        if start <= now || start > now + DAY {
            continue;
        }
        for r in store.registrations(e.id).await? {
            if r.status != knotenpunkt_domain::RegistrationStatus::Seated {
                continue;
            }
            let to = match r.person.and_then(|id| by_id.get(&id)) {
                Some(p) => To::Person((*p).clone()),
                None => To::Guest {
                    name: r.name.clone(),
                    email: r.email.clone(),
                },
            };
            let cancel = match (&to, &cancel_links) {
                (To::Person(_), _) => None,
                (To::Guest { .. }, Some(links)) => {
                    Some(crate::events::CancelLinks::url(links, r.id))
                }
                (To::Guest { .. }, None) => {
                    let links = crate::events::CancelLinks::new(scope).await?;
                    let url = links.url(r.id);
                    cancel_links = Some(links);
                    Some(url)
                }
            };
            due.push(Due {
                key: format!("event:{}:{start}:{}", e.id, to.recipient()),
                kind: ReminderKind::Events,
                to,
                about: About::Event {
                    id: e.id,
                    event: Box::new(e.event.clone()),
                    cancel,
                },
            });
        }
    }

    // Tasks and calls' deadlines within a week.
    let (from, to) = (today.to_string(), (today + Duration::days(7)).to_string());
    for t in store.due_tasks(&from, &to).await? {
        for p in of_org.get(&t.organization).into_iter().flatten() {
            due.push(Due {
                key: format!("task:{}:{}:p:{}", t.id, t.due, p.id),
                kind: ReminderKind::Deadlines,
                to: To::Person((*p).clone()),
                about: About::Task { task: t.clone() },
            });
        }
    }
    for a in store.due_applications(&from, &to).await? {
        let mut seen = BTreeSet::new();
        for o in &a.organizations {
            for p in of_org.get(o).into_iter().flatten() {
                if !seen.insert(p.id) {
                    continue;
                }
                due.push(Due {
                    key: format!(
                        "application:{}/{}:{}:p:{}",
                        a.network, a.application, a.deadline, p.id
                    ),
                    kind: ReminderKind::Deadlines,
                    to: To::Person((*p).clone()),
                    about: About::Application {
                        application: a.clone(),
                    },
                });
            }
        }
    }

    // Compose only what is new.
    let keys: Vec<String> = due.iter().map(|d| d.key.clone()).collect();
    let planned: BTreeSet<String> = store.planned_reminders(&keys).await?.into_iter().collect();
    due.retain(|d| !planned.contains(&d.key));
    let base = scope
        .app
        .settings()
        .base_url
        .trim_end_matches('/')
        .to_owned();
    let meetings = Meetings::build(scope.clone());
    let mut agendas: BTreeMap<(String, NaiveDate), Vec<String>> = BTreeMap::new();
    let mut out = Vec::with_capacity(due.len());
    for d in due {
        let agenda = match &d.about {
            About::Host {
                meeting, weeks: 1, ..
            }
            | About::Agenda { meeting, .. } => {
                let k = (meeting.series.to_string(), meeting.date);
                if !agendas.contains_key(&k) {
                    let points = meetings
                        .meeting(&meeting.series, meeting.date)
                        .await?
                        .agenda
                        .into_iter()
                        // Only what every member may read goes by mail.
                        .filter(|p| {
                            matches!(
                                p.visibility,
                                None | Some(Visibility::Public) | Some(Visibility::Network)
                            )
                        })
                        .map(|p| p.text)
                        .collect();
                    agendas.insert(k.clone(), points);
                }
                agendas.get(&k).cloned()
            }
            _ => None,
        };
        let unsubscribe = format!(
            "{base}/erinnerungen/abbestellen/{}",
            link::sign(key, &d.to.recipient(), d.kind)
        );
        let (subject, body) = text(&d, agenda.as_deref(), &base, &unsubscribe);
        out.push(NewReminder {
            key: d.key.clone(),
            kind: d.kind.code().to_owned(),
            recipient: d.to.recipient(),
            email: d.to.email(),
            name: Some(d.to.name().to_owned()),
            subject,
            body,
            unsubscribe,
            due_at: now,
        });
    }
    Ok(out)
}

fn day(at: i64, language: Language) -> String {
    berlin_time(at)
        .map(|t| match language {
            Language::De => t.format("%d.%m.%Y").to_string(),
            Language::En => t.format("%-d %B %Y").to_string(),
        })
        .unwrap_or_default()
}

fn time(at: i64) -> String {
    berlin_time(at)
        .map(|t| t.format("%H:%M").to_string())
        .unwrap_or_default()
}

fn iso_day(iso: &str, language: Language) -> String {
    match iso.parse::<NaiveDate>() {
        Ok(d) => match language {
            Language::De => d.format("%d.%m.%Y").to_string(),
            Language::En => d.format("%-d %B %Y").to_string(),
        },
        Err(_) => iso.to_owned(),
    }
}

fn agenda_text(points: Option<&[String]>, language: Language) -> String {
    let points = points.unwrap_or_default();
    if points.is_empty() {
        return match language {
            Language::De => "Bisher ist kein Tagesordnungspunkt eingereicht.".into(),
            Language::En => "No agenda point has been raised so far.".into(),
        };
    }
    let mut s = match language {
        Language::De => "Die Tagesordnung bisher:\n".to_owned(),
        Language::En => "The agenda so far:\n".to_owned(),
    };
    for p in points {
        let line = p.lines().next().unwrap_or_default();
        s.push_str(&format!("- {line}\n"));
    }
    s
}

/// Subject and text of `d`, with the footer that says why it came and how
/// to stop it.
fn text(d: &Due, agenda: Option<&[String]>, base: &str, unsubscribe: &str) -> (String, String) {
    let lang = d.to.language();
    let (subject, main) = match (&d.about, lang) {
        (
            About::Host {
                meeting: m,
                host,
                weeks,
            },
            Language::De,
        ) => {
            let at = m.start_utc.timestamp();
            let ahead = if *weeks == 1 {
                "einer Woche"
            } else {
                "vier Wochen"
            };
            let mut body = format!(
                "{host} richtet in {ahead} das Treffen „{}“ aus: am {} um {} Uhr.\n\nZum Treffen: {base}/reihen/{}/{}\n",
                m.title,
                day(at, lang),
                time(at),
                m.series,
                m.date
            );
            if *weeks == 1 {
                body.push('\n');
                body.push_str(&agenda_text(agenda, lang));
            }
            (
                format!("Sie sind Gastgeber: „{}“ am {}", m.title, day(at, lang)),
                body,
            )
        }
        (
            About::Host {
                meeting: m,
                host,
                weeks,
            },
            Language::En,
        ) => {
            let at = m.start_utc.timestamp();
            let ahead = if *weeks == 1 {
                "one week"
            } else {
                "four weeks"
            };
            let mut body = format!(
                "{host} hosts the meeting “{}” in {ahead}: on {} at {}.\n\nThe meeting: {base}/reihen/{}/{}?lang=en\n",
                m.title,
                day(at, lang),
                time(at),
                m.series,
                m.date
            );
            if *weeks == 1 {
                body.push('\n');
                body.push_str(&agenda_text(agenda, lang));
            }
            (
                format!("You are hosting: “{}” on {}", m.title, day(at, lang)),
                body,
            )
        }
        (About::Agenda { meeting: m, host }, Language::De) => {
            let at = m.start_utc.timestamp();
            (
                format!("Tagesordnung für „{}“ am {}", m.title, day(at, lang)),
                format!(
                    "In einer Woche, am {} um {} Uhr, trifft sich „{}“; Gastgeber ist {host}.\n\n{}\nPunkte ergänzen: {base}/reihen/{}/{}\n",
                    day(at, lang),
                    time(at),
                    m.title,
                    agenda_text(agenda, lang),
                    m.series,
                    m.date
                ),
            )
        }
        (About::Agenda { meeting: m, host }, Language::En) => {
            let at = m.start_utc.timestamp();
            (
                format!("Agenda of “{}” on {}", m.title, day(at, lang)),
                format!(
                    "In one week, on {} at {}, “{}” meets; {host} hosts.\n\n{}\nAdd points: {base}/reihen/{}/{}?lang=en\n",
                    day(at, lang),
                    time(at),
                    m.title,
                    agenda_text(agenda, lang),
                    m.series,
                    m.date
                ),
            )
        }
        (
            About::Event {
                id,
                event: e,
                cancel,
            },
            _,
        ) => {
            let at = e.starts_at.timestamp();
            let place = match (&e.online, &e.address) {
                (Some(link), _) => link.clone(),
                (None, Some(a)) => a.clone(),
                (None, None) => String::new(),
            };
            match lang {
                Language::De => (
                    format!("Morgen: „{}“", e.title),
                    format!(
                        "Sie haben einen Platz bei „{}“: morgen, {} um {} Uhr.\n{}\n\n{}\n",
                        e.title,
                        day(at, lang),
                        time(at),
                        if place.is_empty() {
                            String::new()
                        } else {
                            format!("Ort: {place}")
                        },
                        match cancel {
                            Some(url) => format!(
                                "Zur Veranstaltung: {base}/veranstaltungen/{id}\nFalls Sie nicht kommen können, geben Sie Ihren Platz bitte frei: {url}"
                            ),
                            None => format!(
                                "Zur Veranstaltung (und zum Abmelden, falls Sie nicht kommen können): {base}/veranstaltungen/{id}"
                            ),
                        }
                    ),
                ),
                Language::En => (
                    format!("Tomorrow: “{}”", e.title),
                    format!(
                        "You have a seat at “{}”: tomorrow, {} at {}.\n{}\n\n{}\n",
                        e.title,
                        day(at, lang),
                        time(at),
                        if place.is_empty() {
                            String::new()
                        } else {
                            format!("Where: {place}")
                        },
                        match cancel {
                            Some(url) => format!(
                                "The event: {base}/veranstaltungen/{id}?lang=en\nShould you not be able to come, please free your seat: {url}"
                            ),
                            None => format!(
                                "The event (and cancelling, should you not be able to come): {base}/veranstaltungen/{id}?lang=en"
                            ),
                        }
                    ),
                ),
            }
        }
        (About::Task { task: t }, Language::De) => (
            format!("Aufgabe fällig am {}: {}", iso_day(&t.due, lang), t.title),
            format!(
                "Für den gemeinsamen Antrag „{}“ hat Ihre Organisation die Aufgabe „{}“ übernommen, fällig am {}.\n\nZum Antrag: {base}/netzwerke/{}/antraege/{}\n",
                t.application_title,
                t.title,
                iso_day(&t.due, lang),
                t.network,
                t.application
            ),
        ),
        (About::Task { task: t }, Language::En) => (
            format!("Task due on {}: {}", iso_day(&t.due, lang), t.title),
            format!(
                "For the joint application “{}” your organisation took on “{}”, due on {}.\n\nThe application: {base}/netzwerke/{}/antraege/{}?lang=en\n",
                t.application_title,
                t.title,
                iso_day(&t.due, lang),
                t.network,
                t.application
            ),
        ),
        (About::Application { application: a }, Language::De) => (
            format!("Frist am {}: {}", iso_day(&a.deadline, lang), a.title),
            format!(
                "Der Aufruf „{}“, auf den der gemeinsame Antrag „{}“ antwortet, endet am {}.\n\nZum Antrag: {base}/netzwerke/{}/antraege/{}\n",
                a.call,
                a.title,
                iso_day(&a.deadline, lang),
                a.network,
                a.application
            ),
        ),
        (About::Application { application: a }, Language::En) => (
            format!("Deadline on {}: {}", iso_day(&a.deadline, lang), a.title),
            format!(
                "The call “{}”, which the joint application “{}” answers, closes on {}.\n\nThe application: {base}/netzwerke/{}/antraege/{}?lang=en\n",
                a.call,
                a.title,
                iso_day(&a.deadline, lang),
                a.network,
                a.application
            ),
        ),
    };
    let footer = footer(lang, matches!(d.to, To::Guest { .. }), base, unsubscribe);
    (
        subject,
        format!("{}{main}{footer}", greeting(lang, d.to.name())),
    )
}

pub(super) fn greeting(lang: Language, name: &str) -> String {
    match lang {
        Language::De => format!("Guten Tag {name},\n\n"),
        Language::En => format!("Hello {name},\n\n"),
    }
}

/// Why the mail came and how to stop it: the one-click link, and for
/// people with an account where all their choices are.
pub(super) fn footer(lang: Language, guest: bool, base: &str, unsubscribe: &str) -> String {
    match (lang, guest) {
        (Language::De, false) => format!(
            "\n-- \nDiese Art Erinnerung abbestellen (ein Klick): {unsubscribe}\nAlle Erinnerungen einstellen: {base}/konto#erinnerungen\n"
        ),
        (Language::En, false) => format!(
            "\n-- \nStop this kind of reminder (one click): {unsubscribe}\nAll your reminders: {base}/konto?lang=en#erinnerungen\n"
        ),
        (_, true) => {
            format!("\n-- \nKeine Erinnerungen mehr an diese Adresse (ein Klick): {unsubscribe}\n")
        }
    }
}
