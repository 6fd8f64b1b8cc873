//! The application: what every use case shares (the store, the clock, the
//! settings, the caches), and the area services built from it for one
//! actor.
//!
//! A surface holds one [`App`] and, per request, asks it for the service of
//! the area it needs, for whoever is asking: `app.directory(&actor)`,
//! `app.meetings(&actor)`, `app.accounts(&actor)`,
//! `app.administration(&actor)`. The service then decides everything
//! itself: it asks the policy, reads with the actor's eyes, and writes each
//! change together with its audit entry (see [`crate::scope`]).

use std::sync::Arc;

use chrono::{DateTime, NaiveDate, Utc};
use knotenpunkt_access::Actor;
use knotenpunkt_store::{Counters, Store};

use crate::accounts::AccountSettings;
use crate::changes::Changes;
use crate::clock::{Clock, SystemClock, berlin_date};
use crate::credentials::Credentials;
use crate::scope::Scope;
use crate::views::ViewCache;
use crate::{Accounts, Administration, AppError, Directory};

/// The application. Cheap to clone; every surface holds one.
#[derive(Debug, Clone)]
pub struct App {
    core: Arc<Core>,
}

#[derive(Debug, Clone)]
struct Core {
    store: Store,
    clock: Arc<dyn Clock>,
    settings: Arc<AccountSettings>,
    changes: Arc<Changes>,
    views: Arc<ViewCache>,
    credentials: Arc<Credentials>,
    /// The installation's video provider for lounge rooms, if configured.
    video: Option<Arc<knotenpunkt_video::Rooms>>,
    /// This process's search index and how far it follows the database.
    search: Arc<crate::search::SearchSlot>,
}

impl App {
    /// An application over a migrated store, with the system clock and
    /// default settings.
    pub fn new(store: Store) -> App {
        App {
            core: Arc::new(Core {
                store,
                clock: Arc::new(SystemClock),
                settings: Arc::default(),
                changes: Arc::default(),
                views: Arc::default(),
                credentials: Arc::default(),
                video: None,
                search: Arc::default(),
            }),
        }
    }

    /// The same application with these account settings (mail, links,
    /// lifetimes).
    pub fn with_settings(mut self, settings: AccountSettings) -> App {
        Arc::make_mut(&mut self.core).settings = Arc::new(settings);
        self
    }

    /// The same application reading time from `clock` (tests move it).
    pub fn with_clock(mut self, clock: Arc<dyn Clock>) -> App {
        Arc::make_mut(&mut self.core).clock = clock;
        self
    }

    /// The same application giving lounge rooms video rooms of `provider`
    /// (Jitsi Meet or BigBlueButton; `None`: the series' own link).
    pub fn with_video(mut self, provider: Option<knotenpunkt_video::Provider>) -> App {
        knotenpunkt_video::install_jwt_provider();
        Arc::make_mut(&mut self.core).video =
            provider.map(|p| Arc::new(knotenpunkt_video::Rooms::new(p)));
        self
    }

    /// The installation's video rooms, if a provider is configured.
    pub fn video(&self) -> Option<&knotenpunkt_video::Rooms> {
        self.core.video.as_deref()
    }

    /// The store, for health checks, shutdown and the demo loader.
    pub fn store(&self) -> &Store {
        &self.core.store
    }

    /// Mail, links and lifetimes of accounts.
    pub fn settings(&self) -> &AccountSettings {
        &self.core.settings
    }

    /// The current instant, from the application's clock.
    pub fn now(&self) -> DateTime<Utc> {
        self.core.clock.now()
    }

    /// The current instant in Unix seconds, as the store keeps times.
    pub fn unix_now(&self) -> i64 {
        self.now().timestamp()
    }

    /// Today in Europe/Berlin, where the networks meet.
    pub fn today(&self) -> NaiveDate {
        berlin_date(self.now())
    }

    /// The change counters as committed at some moment after this call
    /// began: a change made by any process before the call is counted.
    /// Concurrent callers share one query (see [`crate::changes`]).
    pub async fn counters(&self) -> Result<Counters, AppError> {
        self.core.changes.current(&self.core.store).await
    }

    pub(crate) fn changes(&self) -> &Changes {
        &self.core.changes
    }

    pub(crate) fn views(&self) -> &ViewCache {
        &self.core.views
    }

    pub(crate) fn search_index(&self) -> &crate::search::SearchSlot {
        &self.core.search
    }

    pub(crate) fn set_search(&mut self, slot: crate::search::SearchSlot) {
        Arc::make_mut(&mut self.core).search = Arc::new(slot);
    }

    pub(crate) fn credentials(&self) -> &Credentials {
        &self.core.credentials
    }

    /// The directory (organisations, networks, cohorts, memberships,
    /// cooperations) for `actor`.
    pub fn directory(&self, actor: &Actor) -> Directory {
        Directory::build(self.scope(actor, None))
    }

    /// A person's own account (sign-in, sessions, passwords, tokens,
    /// personal data) for `actor`.
    pub fn accounts(&self, actor: &Actor) -> Accounts {
        Accounts::for_actor(self, actor, None)
    }

    /// The people of networks and of the platform (invitations, roles,
    /// groups, editors, the audit log) for `actor`.
    pub fn administration(&self, actor: &Actor) -> Administration {
        Administration::for_actor(self, actor, None)
    }

    /// The meetings (series, schedules, meeting records, feeds) for `actor`.
    pub fn meetings(&self, actor: &Actor) -> crate::Meetings {
        crate::Meetings::build(self.scope(actor, None))
    }

    /// The scope every service of `actor` shares; `counters` are those a
    /// surface read for this request, if it did.
    pub(crate) fn scope(&self, actor: &Actor, counters: Option<Counters>) -> Scope {
        Scope::new(self.clone(), Arc::new(actor.clone()), counters)
    }

    /// Who the command line acts as: the holder of the database, who may
    /// do and see everything; entries it writes in the audit log carry no
    /// person.
    pub fn operator() -> Actor {
        Actor::signed_in(0).with_admin(true)
    }
}

/// An area service, built for one actor. Surfaces that build services
/// generically (the web crate's extractor) use this; code that knows the
/// area calls `app.directory(&actor)` and the like.
pub trait Service: Sized {
    /// The service of `app` for `actor`; `counters` are the change counters
    /// the surface read for this request (so caches need not read them
    /// again), if it did.
    fn for_actor(app: &App, actor: &Actor, counters: Option<Counters>) -> Self;
}

impl Service for Directory {
    fn for_actor(app: &App, actor: &Actor, counters: Option<Counters>) -> Self {
        Directory::build(app.scope(actor, counters))
    }
}
