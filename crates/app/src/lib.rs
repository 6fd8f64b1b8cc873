//! Knotenpunkt's use cases: what a person or a program can do with the
//! directory, independent of whether they come through a page, the JSON API
//! or the command line.
//!
//! A surface holds one [`App`] and asks it, per request, for the service of
//! an area built for whoever is asking (`app.directory(&actor)`). The
//! service asks the policy itself, checks input with the domain's rules,
//! writes each change together with its audit entry, and answers with
//! [`AppError`]s that say which field is wrong. Reading files and printing
//! are the caller's business: this crate takes bytes and returns values.
#![deny(missing_docs)]

mod accounts;
mod administration;
mod app;
mod audit;
mod changes;
pub mod clock;
mod credentials;
mod demo;
mod directory;
mod error;
pub mod events;
pub mod funding;
mod gate;
mod growth;
pub mod interchange;
pub mod knowledge;
pub mod lounge;
mod meetings;
pub mod reminders;
mod scope;
pub mod search;
mod signed;
#[cfg(feature = "test-support")]
pub mod statements;
#[cfg(feature = "test-support")]
pub mod testing;
mod views;
mod visibility;
pub mod working_groups;

pub use accounts::{
    AccountSettings, Accounts, MIN_PASSWORD_CHARS, NewSession, NewToken, Session, digest,
    to_access_role, to_access_visibility,
};
pub use administration::{Administration, GroupView, InvitationRequest, Invited, NetworkPerson};
pub use app::{App, Service};
pub use audit::{AuditAction, api_action, berlin_time};
pub use clock::{Clock, ManualClock, SystemClock};
pub use demo::{DEMO_JSON, DEMO_KNOWLEDGE_JSON, DEMO_LOUNGE_JSON, DEMO_SERIES_JSON, load_demo};
pub use directory::{Directory, EditableOrganization, ImportReport, ProfileIntent, Shown};
pub use error::{AppError, ImportError};
pub use gate::SeriesIntent;
pub use growth::{Growth, GrowthPoint, growth};
pub use interchange::{DirectoryFile, ExperienceRecord};
pub use knotenpunkt_access as access;
pub use knotenpunkt_domain as domain;
pub use knotenpunkt_mail as mail;
pub use knotenpunkt_store as store;
pub use knotenpunkt_store::{
    Counters, Listed, MembershipFilter, OrgFilter, Page, SeriesFilter, WithId,
};
pub use knowledge::{
    CommentView, ExperienceFilter, ExperienceSummary, ExperienceView, Knowledge, Named,
    OrganizationExperience, OrganizationKnowledge, OrganizationProject, ProjectFilter,
    ProjectSummary, ProjectView, ShareOptions, Shelf,
};
pub use lounge::{CheckIn, DrawRequest, Drawn, Evening, Lounge, RoomEntry};
pub use meetings::{
    AgendaItem, Declaring, FeedLanguage, FeedSettings, HostSource, ManagedSeries, Meeting,
    MeetingDetail, MeetingPage, MeetingStatus, Meetings, OrgRef, SeriesAbilities, SeriesOwner,
    SeriesPage, SeriesSchedule, Window,
};
pub use search::{Search, SearchPage, SearchQuery};
pub use views::{CohortGroup, MemberView, NetworkOverview, NetworkPage, OrganizationPage};
