//! The vocabulary of Knotenpunkt's directory and the rules its values obey.
//!
//! Every value that enters the system from a user, a file or the network is
//! parsed into one of these types first ("parse, don't validate"): a [`Slug`]
//! is always well-formed, an [`Ags`] always has eight digits and a real state
//! prefix, a [`Membership`] never ends before it began. Because the checks run
//! inside `Deserialize`, a JSON importer gets them together with serde's line
//! and column for free.
//!
//! This crate knows nothing of SQL, HTTP or files.
#![deny(missing_docs)]

mod date;
mod entities;
mod error;
mod events;
mod funding;
mod groups;
mod kinds;
mod knowledge;
pub mod limits;
mod lounge;
#[cfg(feature = "openapi")]
mod openapi;
mod people;
mod series;
mod slug;

pub use date::PartialDate;
pub use entities::{
    Cohort, Cooperation, FigureQualifier, Membership, Network, NetworkFigure, Organization,
};
pub use error::{FieldError, Invalid};
pub use events::{Event, MAX_CAPACITY, MAX_EVENT_DAYS, RegistrationRequest};
pub use funding::{
    ApplicationRecord, ApplicationTask, FundingCall, JointApplication, StatusStep, TaskRecord,
};
pub use groups::WorkingGroup;
pub use kinds::{
    Ags, ApplicationStatus, EventKind, FieldOfAction, HolidayRule, HostingKind, Language,
    LoungeMix, LoungeSeating, LoungeVideo, NetworkRole, OrgKind, Outcome, ProjectStatus,
    RegistrationStatus, Role, RotationOrder, State, TokenScope, Visibility,
};
pub use knowledge::{Contact, Experience, Project, check_comment};
pub use limits::{MAX_AGENDA_ITEMS, MAX_DURATION_MINUTES};
pub use lounge::LoungeSettings;
pub use people::{Email, NewPerson, Person};
pub use series::{AgendaPoint, ExceptionChange, Series, SeriesException, check_agenda_text};
pub use slug::Slug;
