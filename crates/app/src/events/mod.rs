//! Events of a network (workshops, Fachtagungen, online seminars) with
//! seats and a waiting list.
//!
//! Who may do what, in the policy's words:
//! - see an event: whoever sees the network and the event's registration
//!   audience (`public`, `network`, `group:<slug>`);
//! - register oneself: `Register` of that audience, signed in;
//! - organise (record, change, remove, close registration, register
//!   someone else by name and address, see and download the participant
//!   list, cancel anyone's registration): `ManageNetwork`;
//! - cancel one's own registration: whoever holds it.
//!
//! When a seat is freed, the store gives it to the first on the waiting
//! list in the same transaction; after the commit the use case tells that
//! person by mail (a mail that fails is logged, the seat stays theirs).

use chrono::{DateTime, FixedOffset};
use knotenpunkt_access::{Action, Actor, Item};
use knotenpunkt_domain::{
    Event, FieldError, Language, RegistrationRequest, RegistrationStatus, Visibility,
};
use knotenpunkt_mail::Outgoing;
use knotenpunkt_store::{Counters, Registrant, StoredEvent, StoredRegistration};
use serde::Serialize;

use crate::accounts::to_access_visibility;
use crate::audit::{AuditAction, berlin_time};
use crate::meetings::FeedSettings;
use crate::scope::{Audit, Scope};
use crate::{App, AppError, Service};

mod by_link;

pub(crate) use by_link::CancelLinks;
pub use by_link::LinkedRegistration;

type Result<T> = std::result::Result<T, AppError>;

/// How long a confirmation link works: two days.
const REQUEST_VALID_SECONDS: i64 = 2 * 24 * 3600;

/// Events, read and written with one actor's eyes.
#[derive(Debug, Clone)]
pub struct Events {
    scope: Scope,
}

impl Service for Events {
    fn for_actor(app: &App, actor: &Actor, counters: Option<Counters>) -> Self {
        Events {
            scope: app.scope(actor, counters),
        }
    }
}

impl App {
    /// Events for `actor`.
    pub fn events(&self, actor: &Actor) -> Events {
        Events::for_actor(self, actor, None)
    }
}

/// An event in a list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct EventSummary {
    /// Its address: `/api/v1/events/{id}`.
    pub id: i64,
    /// The event.
    pub event: Event,
    /// Seats taken.
    pub seated: u32,
    /// Whether registration is possible now.
    pub open: bool,
}

/// What the event form offers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EventForm {
    /// The network's groups, for "who may register".
    pub groups: Vec<knotenpunkt_domain::Slug>,
    /// Every cooperation (id, name), by name, for "from the cooperation".
    pub cooperations: Vec<(i64, String)>,
}

/// A network's events still to come, as its page lists them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Upcoming {
    /// The events the reader sees, by start.
    pub events: Vec<EventSummary>,
    /// Whether the reader may record one.
    pub may_organise: bool,
}

/// A registration as the API and pages show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RegistrationView {
    /// Its address: `/api/v1/events/{event}/registrations/{id}`.
    pub id: i64,
    /// Name.
    pub name: String,
    /// E-mail address (for organisers and the person themselves).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// The organisation, by name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub organization: Option<String>,
    /// Where it stands.
    pub status: RegistrationStatus,
    /// The place on the waiting list (1 is next), while waiting.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub position: Option<u32>,
    /// When it arrived.
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = DateTime))]
    pub registered_at: DateTime<FixedOffset>,
    /// The answer to the event's question (organisers; deleted once the
    /// event has ended).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub answer: Option<String>,
}

/// One event with its numbers and, for organisers, its registrations.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct EventView {
    /// Its address.
    pub id: i64,
    /// The event.
    pub event: Event,
    /// Seats taken.
    pub seated: u32,
    /// On the waiting list.
    pub waiting: u32,
    /// Whether the organisers closed registration.
    pub closed: bool,
    /// Whether registration is possible now.
    pub open: bool,
    /// Whether the reader organises it.
    pub organiser: bool,
    /// The reader's own registration, unless cancelled.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mine: Option<RegistrationView>,
    /// Every registration in the order they arrived, for organisers.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub registrations: Option<Vec<RegistrationView>>,
    /// The cooperation it comes from, by name, with its partners (slugs).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub from_cooperation: Option<CooperationName>,
}

/// A cooperation as an event's page names it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CooperationName {
    /// Its name.
    pub name: String,
    /// Its partners, whose pages list it.
    pub partners: Vec<knotenpunkt_domain::Slug>,
}

/// An event as a calendar entry, in Berlin time; its `SEQUENCE` is the
/// number of its changes, so clients replace what they have.
fn feed_event(
    s: &StoredEvent,
    settings: &FeedSettings,
) -> Result<knotenpunkt_calendar::ics::FeedEvent> {
    use chrono_tz::Europe::Berlin;
    let e = &s.event;
    let start = e.starts_at.with_timezone(&Berlin);
    let stamp = chrono::DateTime::from_timestamp(s.updated_at, 0).unwrap_or(settings.now);
    let mut agenda = Vec::new();
    if let Some(a) = &e.address {
        agenda.push(a.clone());
    }
    Ok(knotenpunkt_calendar::ics::FeedEvent {
        uid: format!("event-{}@{}", s.id, settings.uid_domain),
        sequence: s.revision,
        stamp,
        summary: e.title.clone(),
        occurrence: knotenpunkt_calendar::Occurrence {
            recurrence_id: start.date_naive(),
            original_start: start,
            start,
            end: e.ends_at.with_timezone(&Berlin),
            status: knotenpunkt_calendar::Status::Planned,
            host: None,
            host_source: knotenpunkt_calendar::HostSource::None,
        },
        host_name: None,
        agenda,
        video_url: e.online.clone(),
    })
}

fn invalid(field: &str, message: impl Into<String>) -> AppError {
    AppError::Invalid(vec![FieldError::new(field, message)])
}

fn closed_error(message: &str) -> AppError {
    AppError::Conflict(FieldError::new("registration", message))
}

/// Places on the waiting list, by registration id.
fn positions(regs: &[StoredRegistration]) -> std::collections::HashMap<i64, u32> {
    regs.iter()
        .filter(|r| r.status == RegistrationStatus::Waiting)
        .enumerate()
        .map(|(i, r)| (r.id, u32::try_from(i + 1).unwrap_or(u32::MAX)))
        .collect()
}

impl Events {
    /// The service over an existing scope (another area's feed).
    pub(crate) fn build(scope: Scope) -> Events {
        Events { scope }
    }

    /// Whether someone is signed in (what they read may be theirs only).
    pub fn is_signed_in(&self) -> bool {
        self.scope.actor().is_signed_in()
    }

    fn now(&self) -> i64 {
        self.scope.app.unix_now()
    }

    fn is_open(&self, s: &StoredEvent) -> bool {
        !s.closed && self.now() <= s.event.deadline().timestamp()
    }

    fn sees(&self, e: &Event) -> bool {
        self.scope.sees_item(Some(&e.network), &e.registration)
    }

    fn organises(&self, e: &Event) -> bool {
        self.scope
            .authorize(&Action::ManageNetwork(e.network.as_str()))
            .is_ok()
    }

    /// The event, when the reader sees it ("not found" otherwise).
    async fn visible(&self, id: i64) -> Result<StoredEvent> {
        let s = self.scope.store().get_event(id).await?;
        if self.scope.visible_network(&s.event.network).await.is_ok() && self.sees(&s.event) {
            Ok(s)
        } else {
            Err(AppError::NotFound {
                entity: "event",
                key: id.to_string(),
            })
        }
    }

    /// The event, when the reader organises it.
    async fn organised(&self, id: i64) -> Result<StoredEvent> {
        if !self.scope.actor().is_signed_in() {
            return Err(AppError::Denied(knotenpunkt_access::Denial::SignIn));
        }
        let s = self.visible(id).await?;
        self.scope
            .authorize(&Action::ManageNetwork(s.event.network.as_str()))?;
        Ok(s)
    }

    /// The form that records an event of `network`, for its organisers
    /// (asked before the form is shown or read): the network's groups, the
    /// audiences it may name besides the public and the network, and the
    /// cooperations it may come from.
    pub async fn event_form(&self, network: &knotenpunkt_domain::Slug) -> Result<EventForm> {
        self.scope.may_manage_network(network).await?;
        let groups = self
            .scope
            .store()
            .groups(network)
            .await?
            .into_iter()
            .map(|g| g.slug)
            .collect();
        let mut cooperations: Vec<(i64, String)> = self
            .scope
            .store()
            .list_cooperations(None)
            .await?
            .into_iter()
            .map(|k| (k.id, k.value.name))
            .collect();
        cooperations.sort_by(|a, b| (&a.1, a.0).cmp(&(&b.1, b.0)));
        Ok(EventForm {
            groups,
            cooperations,
        })
    }

    /// The events of `network` still to come that the reader sees, and
    /// whether they may record one (the network's page).
    pub async fn upcoming(&self, network: &knotenpunkt_domain::Slug) -> Result<Upcoming> {
        Ok(Upcoming {
            events: self.events(network, false).await?,
            may_organise: self.organises_network(network),
        })
    }

    fn organises_network(&self, network: &knotenpunkt_domain::Slug) -> bool {
        self.scope
            .authorize(&Action::ManageNetwork(network.as_str()))
            .is_ok()
    }

    /// The name of a network the reader sees.
    pub async fn network_name(&self, network: &knotenpunkt_domain::Slug) -> Result<String> {
        Ok(self.scope.visible_network(network).await?.name)
    }

    /// Event `id` as stored, for its edit form (organisers).
    pub async fn organised_event(&self, id: i64) -> Result<Event> {
        Ok(self.organised(id).await?.event)
    }

    /// The events of `network` the reader sees that have not ended, by
    /// start; with `past`, those that have ended too.
    pub async fn events(
        &self,
        network: &knotenpunkt_domain::Slug,
        past: bool,
    ) -> Result<Vec<EventSummary>> {
        self.scope.visible_network(network).await?;
        let after = (!past).then(|| self.now());
        Ok(self
            .scope
            .store()
            .list_events(Some(network), after)
            .await?
            .into_iter()
            .filter(|s| self.sees(&s.event))
            .map(|s| EventSummary {
                open: self.is_open(&s),
                id: s.id,
                seated: s.seated,
                event: s.event,
            })
            .collect())
    }

    /// The events still to come from the cooperations `ids`, in the
    /// networks the reader sees and open to the reader, by start: what an
    /// organisation's page lists under its cooperations.
    pub async fn cooperation_events(&self, ids: &[i64]) -> Result<Vec<EventSummary>> {
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        let hidden = self.scope.hidden_networks().await?;
        Ok(self
            .scope
            .store()
            .cooperation_events(ids, self.now())
            .await?
            .into_iter()
            .filter(|s| !hidden.contains(&s.event.network) && self.sees(&s.event))
            .map(|s| EventSummary {
                open: self.is_open(&s),
                id: s.id,
                seated: s.seated,
                event: s.event,
            })
            .collect())
    }

    /// One event with its numbers, the reader's own registration and, for
    /// organisers, every registration.
    pub async fn event(&self, id: i64) -> Result<EventView> {
        let s = self.visible(id).await?;
        let organiser = self.organises(&s.event);
        let regs = self.scope.store().registrations(id).await?;
        let places = positions(&regs);
        let person = self.scope.actor().person.filter(|p| *p > 0);
        let view = |r: &StoredRegistration, full: bool| RegistrationView {
            id: r.id,
            name: r.name.clone(),
            email: full.then(|| r.email.clone()),
            organization: r.organization.clone(),
            status: r.status,
            position: places.get(&r.id).copied(),
            registered_at: berlin_time(r.created_at).unwrap_or_default(),
            answer: if organiser { r.answer.clone() } else { None },
        };
        let mine = person.and_then(|p| {
            regs.iter()
                .find(|r| r.person == Some(p) && r.status != RegistrationStatus::Cancelled)
                .map(|r| view(r, true))
        });
        // A cooperation removed meanwhile leaves the event without one.
        let from_cooperation = match s.event.cooperation {
            Some(k) => self
                .scope
                .store()
                .get_cooperation(k)
                .await
                .ok()
                .map(|c| CooperationName {
                    name: c.value.name,
                    partners: c.value.partners,
                }),
            None => None,
        };
        Ok(EventView {
            id,
            from_cooperation,
            seated: s.seated,
            waiting: u32::try_from(places.len()).unwrap_or(u32::MAX),
            closed: s.closed,
            open: self.is_open(&s),
            organiser,
            mine,
            registrations: organiser.then(|| regs.iter().map(|r| view(r, true)).collect()),
            event: s.event,
        })
    }

    /// Records an event of its network (the network's coordinators,
    /// admins); answers its id.
    pub async fn create_event(&self, e: &Event) -> Result<i64> {
        self.scope.may_manage_network(&e.network).await?;
        e.validate()?;
        self.check_group(e).await?;
        let mut w = self.scope.write().await?;
        let id = w.tx().create_event(e, self.now()).await?;
        w.commit(Audit::new(AuditAction::EventCreate, Some(&e.network), id).detail(&e.title))
            .await?;
        Ok(id)
    }

    /// Replaces event `id`; it stays in its network. More seats go to the
    /// first on the waiting list, who are told by mail.
    pub async fn update_event(&self, id: i64, e: &Event) -> Result<()> {
        let old = self.organised(id).await?;
        if e.network != old.event.network {
            return Err(invalid("network", format!("stays '{}'", old.event.network)));
        }
        e.validate()?;
        self.check_group(e).await?;
        let mut w = self.scope.write().await?;
        let moved = w.tx().update_event(id, e, self.now()).await?;
        w.commit(Audit::new(AuditAction::EventUpdate, Some(&e.network), id).detail(&e.title))
            .await?;
        for r in &moved {
            self.tell_moved_up(e, r).await;
        }
        Ok(())
    }

    /// Removes an event with its registrations.
    pub async fn delete_event(&self, id: i64) -> Result<()> {
        let old = self.organised(id).await?;
        let mut w = self.scope.write().await?;
        w.tx().delete_event(id).await?;
        w.commit(
            Audit::new(AuditAction::EventDelete, Some(&old.event.network), id)
                .detail(&old.event.title),
        )
        .await
    }

    /// Closes registration, or opens it again.
    pub async fn set_closed(&self, id: i64, closed: bool) -> Result<()> {
        let old = self.organised(id).await?;
        let mut w = self.scope.write().await?;
        w.tx().set_event_closed(id, closed).await?;
        let detail = if closed { "closed" } else { "opened" };
        w.commit(Audit::new(AuditAction::EventClose, Some(&old.event.network), id).detail(detail))
            .await
    }

    /// Registers the reader (`{}`), or, for organisers, someone else by
    /// name and address. A seat while there is one, else the waiting list.
    pub async fn register(&self, id: i64, req: &RegistrationRequest) -> Result<RegistrationView> {
        if !self.scope.actor().is_signed_in() {
            return Err(AppError::Denied(knotenpunkt_access::Denial::SignIn));
        }
        let s = self.visible(id).await?;
        let e = &s.event;
        let someone_else = req.name.is_some() || req.email.is_some();
        if someone_else {
            self.scope
                .authorize(&Action::ManageNetwork(e.network.as_str()))?;
        } else {
            let v = to_access_visibility(&e.registration);
            self.scope.authorize(&Action::Register(Item {
                network: Some(e.network.as_str()),
                visibility: &v,
            }))?;
        }
        req.validate()?;
        if req.answer.is_some() && e.question.is_none() {
            return Err(invalid("answer", "this event asks no question"));
        }
        // Organisers may still add someone after the deadline.
        if !someone_else {
            if s.closed {
                return Err(closed_error("the organisers have closed registration"));
            }
            if self.now() > e.deadline().timestamp() {
                return Err(closed_error("the time to register has passed"));
            }
        }
        let who = match (&req.name, &req.email) {
            (Some(name), Some(email)) => Registrant {
                person: None,
                name: name.trim().to_owned(),
                email: email.to_string(),
                organization: None,
            },
            _ => {
                let id = self.scope.actor().person.unwrap_or_default();
                let p = self.scope.store().person(id).await?;
                let organization = match &p.organization {
                    Some(o) => Some(self.scope.store().get_organization(o).await?.name),
                    None => None,
                };
                Registrant {
                    person: Some(p.id),
                    name: p.name,
                    email: p.email.to_string(),
                    organization,
                }
            }
        };
        let now = self.now();
        let mut w = self.scope.write().await?;
        let (rid, status, position) = w
            .tx()
            .register(id, &who, req.answer.as_deref(), now)
            .await?;
        w.commit(
            Audit::new(AuditAction::EventRegister, Some(&e.network), id).detail(format!(
                "{} ({})",
                who.name,
                status.name_de()
            )),
        )
        .await?;
        Ok(RegistrationView {
            id: rid,
            name: who.name,
            email: Some(who.email),
            organization: who.organization,
            status,
            position,
            registered_at: berlin_time(now).unwrap_or_default(),
            answer: req.answer.clone(),
        })
    }

    /// Asks to register by name and address for a public event (anyone,
    /// signed in or not): the address gets a link, and only following it
    /// registers, so nobody is registered with someone else's address.
    /// `german` chooses the mail's language.
    pub async fn request_registration(
        &self,
        id: i64,
        name: &str,
        email: &knotenpunkt_domain::Email,
        answer: Option<&str>,
        german: bool,
    ) -> Result<()> {
        let s = self.visible(id).await?;
        let e = &s.event;
        let v = to_access_visibility(&e.registration);
        self.scope.authorize(&Action::RegisterByMail(Item {
            network: Some(e.network.as_str()),
            visibility: &v,
        }))?;
        let req = RegistrationRequest {
            name: Some(name.to_owned()),
            email: Some(email.clone()),
            answer: answer.map(str::to_owned),
        };
        req.validate()?;
        if answer.is_some() && e.question.is_none() {
            return Err(invalid("answer", "this event asks no question"));
        }
        if !self.is_open(&s) {
            return Err(closed_error("registration is closed or over"));
        }
        let secret = crate::accounts::secret()?;
        let mut w = self.scope.write().await?;
        w.tx()
            .request_registration(
                id,
                name.trim(),
                email.as_str(),
                answer,
                &crate::accounts::digest(&secret),
                self.now(),
            )
            .await?;
        w.commit_bookkeeping(knotenpunkt_store::Raise::NONE).await?;
        let settings = self.scope.app.settings();
        let link = format!(
            "{}/veranstaltungen/bestaetigen/{secret}",
            settings.base_url.trim_end_matches('/')
        );
        let when = berlin_time(e.starts_at.timestamp())
            .map(|t| t.format("%d.%m.%Y %H:%M").to_string())
            .unwrap_or_default();
        let title = &e.title;
        let (subject, text) = if german {
            (
                format!("Bitte bestätigen: Anmeldung zu „{title}“"),
                format!(
                    "Guten Tag {name},\n\njemand hat Sie mit dieser Adresse zu „{title}“ am {when} angemeldet. Wenn Sie das waren, bestätigen Sie die Anmeldung bitte innerhalb von zwei Tagen hier:\n\n{link}\n\nWenn nicht, müssen Sie nichts tun; ohne Bestätigung wird niemand angemeldet.\n"
                ),
            )
        } else {
            (
                format!("Please confirm: registration for \"{title}\""),
                format!(
                    "Hello {name},\n\nsomeone registered this address for \"{title}\" on {when}. If that was you, please confirm within two days here:\n\n{link}\n\nIf not, there is nothing to do; nobody is registered without confirming.\n"
                ),
            )
        };
        settings
            .mailer
            .send(&Outgoing {
                to: email.to_string(),
                to_name: Some(name.trim().to_owned()),
                subject,
                text,
                ..Default::default()
            })
            .await
            .map_err(|e| AppError::Unavailable(format!("the e-mail could not be sent: {e}")))
    }

    /// Confirms a registration asked for by mail (the link's secret, used
    /// once, within two days): it takes its place in line now, and a mail
    /// in the reader's language (`german`) says where it stands and carries
    /// the link that cancels it. Answers the event and the registration.
    pub async fn confirm_registration(
        &self,
        secret: &str,
        german: bool,
    ) -> Result<(i64, RegistrationView)> {
        let not_before = self.now() - REQUEST_VALID_SECONDS;
        let mut w = self.scope.write().await?;
        let Some((id, name, email, answer)) = w
            .tx()
            .take_request(&crate::accounts::digest(secret), not_before)
            .await?
        else {
            return Err(AppError::NotFound {
                entity: "registration link",
                key: "?".into(),
            });
        };
        let s = self.scope.store().get_event(id).await?;
        let who = Registrant {
            person: None,
            name,
            email,
            organization: None,
        };
        let now = self.now();
        let (rid, status, position) = w.tx().register(id, &who, answer.as_deref(), now).await?;
        w.commit(
            Audit::new(AuditAction::EventRegister, Some(&s.event.network), id).detail(format!(
                "{} ({}, per Link)",
                who.name,
                status.name_de()
            )),
        )
        .await?;
        self.tell_confirmed(&s.event, rid, &who, status, position, german)
            .await;
        Ok((
            id,
            RegistrationView {
                id: rid,
                name: who.name,
                email: None,
                organization: None,
                status,
                position,
                registered_at: berlin_time(now).unwrap_or_default(),
                answer: None,
            },
        ))
    }

    /// Cancels a registration: one's own, or for organisers anyone's. The
    /// freed seat goes to the first on the waiting list, who is told by
    /// mail.
    pub async fn cancel(&self, id: i64, registration: i64) -> Result<()> {
        if !self.scope.actor().is_signed_in() {
            return Err(AppError::Denied(knotenpunkt_access::Denial::SignIn));
        }
        let s = self.visible(id).await?;
        let regs = self.scope.store().registrations(id).await?;
        let Some(r) = regs.iter().find(|r| r.id == registration) else {
            return Err(AppError::NotFound {
                entity: "registration",
                key: format!("{id}/{registration}"),
            });
        };
        let own = r.person.is_some() && r.person == self.scope.actor().person;
        if !own {
            self.scope
                .authorize(&Action::ManageNetwork(s.event.network.as_str()))?;
        } else {
            // One's own registration is one's own account's business.
            self.scope.authorize(&Action::ManageOwnAccount)?;
        }
        let mut w = self.scope.write().await?;
        let done = w.tx().cancel_registration(id, registration).await?;
        w.commit(Audit::new(AuditAction::EventCancel, Some(&s.event.network), id).detail(&r.name))
            .await?;
        if let Some(m) = &done.moved_up {
            self.tell_moved_up(&s.event, m).await;
        }
        Ok(())
    }

    /// The participant list as CSV (organisers), in arrival order: what
    /// many funders ask for.
    pub async fn participants_csv(&self, id: i64) -> Result<String> {
        let s = self.organised(id).await?;
        let regs = self.scope.store().registrations(id).await?;
        let places = positions(&regs);
        let mut out = csv::Writer::from_writer(Vec::new());
        let mut header = vec![
            "Nr.",
            "Name",
            "E-Mail",
            "Organisation",
            "Status",
            "Wartelistenplatz",
            "Angemeldet am",
        ];
        if s.event.question.is_some() {
            header.push("Antwort");
        }
        let csv_error = |e: csv::Error| AppError::Unavailable(format!("CSV: {e}"));
        out.write_record(&header).map_err(csv_error)?;
        for (i, r) in regs.iter().enumerate() {
            let when = berlin_time(r.created_at)
                .map(|t| t.format("%Y-%m-%d %H:%M").to_string())
                .unwrap_or_default();
            let mut row = vec![
                (i + 1).to_string(),
                r.name.clone(),
                r.email.clone(),
                r.organization.clone().unwrap_or_default(),
                r.status.name_de().to_owned(),
                places
                    .get(&r.id)
                    .map(ToString::to_string)
                    .unwrap_or_default(),
                when,
            ];
            if s.event.question.is_some() {
                row.push(r.answer.clone().unwrap_or_default());
            }
            out.write_record(&row).map_err(csv_error)?;
        }
        let bytes = out
            .into_inner()
            .map_err(|e| AppError::Unavailable(format!("CSV: {e}")))?;
        String::from_utf8(bytes).map_err(|e| AppError::Unavailable(format!("CSV: {e}")))
    }

    /// Event `id` as an iCalendar file.
    pub async fn ics(&self, id: i64, settings: &FeedSettings) -> Result<String> {
        let s = self.visible(id).await?;
        let name = s.event.title.clone();
        let events = vec![feed_event(&s, settings)?];
        Ok(knotenpunkt_calendar::ics::render(
            &knotenpunkt_calendar::ics::Feed {
                name,
                description: None,
                refresh_hours: 6,
                labels: crate::meetings::labels(settings.language),
            },
            &events,
        ))
    }

    /// The calendar entries of the events a feed shows: those of `network`
    /// still to come, or those `person` holds a registration for (seated
    /// or waiting), as far as the reader may see them.
    pub(crate) async fn feed_events(
        &self,
        network: Option<&knotenpunkt_domain::Slug>,
        person: Option<i64>,
        settings: &FeedSettings,
    ) -> Result<Vec<knotenpunkt_calendar::ics::FeedEvent>> {
        let hidden = self.scope.hidden_networks().await?;
        let mut stored = self
            .scope
            .store()
            .list_events(network, Some(self.now()))
            .await?;
        stored.retain(|s| !hidden.contains(&s.event.network) && self.sees(&s.event));
        if let Some(p) = person {
            let mine = self.scope.store().events_of_person(p).await?;
            stored.retain(|s| mine.contains(&s.id));
        }
        stored.iter().map(|s| feed_event(s, settings)).collect()
    }

    /// A group registration must name a group of the network.
    async fn check_group(&self, e: &Event) -> Result<()> {
        if let Visibility::Group(g) = &e.registration {
            let groups = self.scope.store().groups(&e.network).await?;
            if !groups.iter().any(|x| &x.slug == g) {
                return Err(invalid(
                    "registration",
                    format!("network '{}' has no group '{g}'", e.network),
                ));
            }
        }
        Ok(())
    }

    /// Tells `r` that they have a seat now, in their language when they
    /// have an account.
    /// The mail after a guest confirmed: seated or waiting, and the link
    /// that cancels. A mail that cannot go out is logged; the registration
    /// stands either way, and the page said where it stands.
    async fn tell_confirmed(
        &self,
        e: &Event,
        registration: i64,
        who: &Registrant,
        status: RegistrationStatus,
        position: Option<u32>,
        german: bool,
    ) {
        let cancel = match by_link::cancel_url(&self.scope, registration).await {
            Ok(url) => url,
            Err(err) => {
                tracing::warn!(%err, "no cancel link for a confirmed registration");
                return;
            }
        };
        let when = berlin_time(e.starts_at.timestamp())
            .map(|t| t.format("%d.%m.%Y %H:%M").to_string())
            .unwrap_or_default();
        let (title, name) = (&e.title, &who.name);
        let place = position.unwrap_or_default();
        let (subject, text) = match (german, status) {
            (true, RegistrationStatus::Seated) => (
                format!("Angemeldet: „{title}“"),
                format!(
                    "Guten Tag {name},\n\nSie sind zu „{title}“ am {when} angemeldet; ein Platz ist für Sie reserviert.\n\nWenn Sie nicht kommen können, geben Sie den Platz bitte hier frei, damit jemand von der Warteliste nachrückt:\n\n{cancel}\n"
                ),
            ),
            (true, _) => (
                format!("Auf der Warteliste: „{title}“"),
                format!(
                    "Guten Tag {name},\n\n„{title}“ am {when} ist ausgebucht; Sie stehen auf Platz {place} der Warteliste. Wird ein Platz frei, rücken Sie automatisch nach und bekommen eine Mail.\n\nWenn Sie nicht mehr teilnehmen möchten, melden Sie sich hier ab:\n\n{cancel}\n"
                ),
            ),
            (false, RegistrationStatus::Seated) => (
                format!("Registered: \"{title}\""),
                format!(
                    "Hello {name},\n\nyou are registered for \"{title}\" on {when}; a seat is kept for you.\n\nIf you cannot come, please free the seat here so that someone from the waiting list moves up:\n\n{cancel}\n"
                ),
            ),
            (false, _) => (
                format!("On the waiting list: \"{title}\""),
                format!(
                    "Hello {name},\n\n\"{title}\" on {when} is full; you are number {place} on the waiting list. When a seat becomes free you move up automatically and get a mail.\n\nIf you no longer wish to take part, cancel here:\n\n{cancel}\n"
                ),
            ),
        };
        let sent = self
            .scope
            .app
            .settings()
            .mailer
            .send(&Outgoing {
                to: who.email.clone(),
                to_name: Some(name.clone()),
                subject,
                text,
                ..Default::default()
            })
            .await;
        if let Err(err) = sent {
            tracing::warn!(%err, "the confirmation of a registration could not be sent");
        }
    }

    async fn tell_moved_up(&self, e: &Event, r: &StoredRegistration) {
        let language = match r.person {
            Some(p) => self
                .scope
                .store()
                .person(p)
                .await
                .map(|p| p.language)
                .unwrap_or_default(),
            None => Language::De,
        };
        let settings = self.scope.app.settings();
        // A guest has no account to cancel with: their link cancels.
        let cancel = match r.person {
            None => by_link::cancel_url(&self.scope, r.id).await.ok(),
            Some(_) => None,
        };
        let link = cancel.unwrap_or_else(|| {
            format!(
                "{}/veranstaltungen/{}",
                settings.base_url.trim_end_matches('/'),
                r.event
            )
        });
        let when = berlin_time(e.starts_at.timestamp())
            .map(|t| t.format("%d.%m.%Y %H:%M").to_string())
            .unwrap_or_default();
        let title = &e.title;
        let (subject, text) = match language {
            Language::De => (
                format!("Ein Platz für Sie: „{title}“"),
                format!(
                    "bei „{title}“ am {when} ist ein Platz frei geworden, und er gehört jetzt Ihnen: Sie waren die oder der Erste auf der Warteliste.\n\nWenn Sie nicht teilnehmen können, melden Sie sich bitte ab, damit die oder der Nächste nachrückt: {link}\n"
                ),
            ),
            Language::En => (
                format!("A seat for you: \"{title}\""),
                format!(
                    "a seat has become free at \"{title}\" on {when}, and it is yours now: you were first on the waiting list.\n\nIf you cannot take part, please cancel so that the next person moves up: {link}\n"
                ),
            ),
        };
        // Through the reminders' table: sent once, with the unsubscribe
        // link of the kind "events", unless the person turned it off.
        let sent = crate::reminders::send_now(
            &self.scope,
            crate::reminders::Immediate {
                key: format!("moved:{}", r.id),
                kind: crate::reminders::ReminderKind::Events,
                person: r.person,
                name: &r.name,
                email: &r.email,
                language,
                subject,
                text,
            },
        )
        .await;
        if let Err(e) = sent {
            tracing::warn!(event = r.event, registration = r.id, error = %e, "move-up mail not sent");
        }
    }
}
