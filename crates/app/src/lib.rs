//! Knotenpunkt's use cases: what a person or a program can do with the
//! directory, independent of whether they come through a page, the JSON API
//! or the command line.
//!
//! Every surface calls [`Directory`]; it validates input with the domain's
//! rules, talks to the store, and answers with [`AppError`]s that say which
//! field is wrong. Reading files and printing are the caller's business:
//! this crate takes bytes and returns values.
#![deny(missing_docs)]

mod accounts;
mod audit;
mod demo;
mod editors;
mod error;
mod gate;
mod growth;
pub mod interchange;
mod meetings;
mod people;
mod service;
#[cfg(feature = "test-support")]
pub mod testing;
mod views;
mod visibility;

pub use accounts::{
    AccountSettings, InvitationRequest, Invited, MIN_PASSWORD_CHARS, NewSession, NewToken, Session,
    digest, now, to_access_role, to_access_visibility,
};
pub use audit::{AuditAction, api_action, berlin_time};
pub use demo::{DEMO_JSON, DEMO_SERIES_JSON, load_demo};
pub use error::{AppError, ImportError};
pub use gate::SeriesIntent;
pub use growth::{Growth, GrowthPoint, growth};
pub use interchange::DirectoryFile;
pub use knotenpunkt_access as access;
pub use knotenpunkt_domain as domain;
pub use knotenpunkt_mail as mail;
pub use knotenpunkt_store as store;
pub use knotenpunkt_store::{Listed, MembershipFilter, OrgFilter, Page, SeriesFilter, WithId};
pub use meetings::{
    AgendaItem, FeedLanguage, FeedSettings, HostSource, Meeting, MeetingDetail, MeetingStatus,
    OrgRef, SeriesSchedule, Window, today,
};
pub use people::{GroupView, NetworkPerson};
pub use service::{Directory, ImportReport};
pub use views::{CohortGroup, MemberView, NetworkOverview, NetworkPage, OrganizationPage};
