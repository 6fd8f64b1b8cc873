//! The directory as use cases: organisations, networks, cohorts,
//! memberships and cooperations, the pages that show them, and the files
//! that carry them in and out.
//!
//! Every method answers for the actor the [`Directory`] was built for
//! (`app.directory(&actor)`): reads show what that actor may see — a hidden
//! network does not exist for them — and writes ask the policy first, then
//! check the input with the domain's rules, then change the store and
//! record the audit entry in one transaction (see [`crate::scope`]).
//!
//! `cohorts.rs` is the smallest complete example of the pattern; a new
//! area copies it.

mod cohorts;
mod cooperations;
mod files;
mod manage;
mod memberships;
mod networks;
mod organizations;
mod pages;
mod people;

use knotenpunkt_access::Actor;
use knotenpunkt_domain::Membership;
use knotenpunkt_store::{Listed, Page, Store};

use crate::scope::Scope;
use crate::{AccountSettings, App, AppError};

pub use files::ImportReport;
pub use manage::{EditableOrganization, ProfileIntent};
pub use pages::Shown;

type Result<T> = std::result::Result<T, AppError>;

/// The directory's use cases for one actor. Cheap to clone.
#[derive(Debug, Clone)]
pub struct Directory {
    pub(crate) scope: Scope,
}

impl Directory {
    pub(crate) fn build(scope: Scope) -> Directory {
        Directory { scope }
    }

    /// A directory over `store` for an anonymous reader, with default
    /// settings. Surfaces build an [`App`] instead and ask it for services;
    /// this remains for the tests and tools that only need the directory.
    pub fn new(store: Store) -> Directory {
        App::new(store).directory(&Actor::anonymous())
    }

    /// The same directory with other account settings.
    pub fn with_accounts(self, settings: AccountSettings) -> Directory {
        let app = self.scope.app.clone().with_settings(settings);
        app.directory(self.scope.actor())
    }

    /// The application this directory belongs to.
    pub fn app(&self) -> &App {
        &self.scope.app
    }

    /// The store, for health checks and shutdown.
    pub fn store(&self) -> &Store {
        self.scope.store()
    }
}

/// A membership in the words of the audit log: `role=member cohort=s1
/// joined=2020`.
pub(crate) fn describe_membership(m: &Membership) -> String {
    let mut parts = vec![format!("role={}", m.role.code())];
    if let Some(c) = &m.cohort {
        parts.push(format!("cohort={c}"));
    }
    if let Some(j) = &m.joined_on {
        parts.push(format!("joined={j}"));
    }
    if let Some(l) = &m.left_on {
        parts.push(format!("left={l}"));
    }
    parts.join(" ")
}

/// One page of a list that was filtered in memory.
pub(crate) fn slice<T>(all: Vec<T>, page: Page) -> Listed<T> {
    let total = all.len() as u64;
    let items = all
        .into_iter()
        .skip(usize::try_from(page.offset).unwrap_or(usize::MAX))
        .take(
            page.limit
                .map_or(usize::MAX, |l| usize::try_from(l).unwrap_or(usize::MAX)),
        )
        .collect();
    Listed { items, total }
}
