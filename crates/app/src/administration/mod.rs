//! The people of a network and of the platform, as coordinators and admins
//! manage them: invitations, roles granted directly, named groups, who
//! edits an organisation's profile, the audit log (the "protocol"), the
//! purge of what has run out, and the command line's first admin.
//!
//! [`Administration`] is built for one actor (`app.administration(&actor)`).
//! Each write asks the policy first, checks its input, changes the store
//! and commits with its audit entry in one transaction (see
//! [`crate::scope`]); handlers neither ask nor record.

mod editors;
mod groups;
mod invitations;
mod protocol;
mod roles;

use knotenpunkt_access::Actor;
use knotenpunkt_store::{Counters, Store};

use crate::accounts::AccountSettings;
use crate::scope::Scope;
use crate::{App, AppError, Service};

pub use groups::GroupView;
pub use invitations::{InvitationRequest, Invited};
pub use roles::NetworkPerson;

type Result<T> = std::result::Result<T, AppError>;

/// The administration of people, for one actor. Cheap to clone.
#[derive(Debug, Clone)]
pub struct Administration {
    pub(crate) scope: Scope,
}

impl Service for Administration {
    fn for_actor(app: &App, actor: &Actor, counters: Option<Counters>) -> Self {
        Administration {
            scope: app.scope(actor, counters),
        }
    }
}

impl Administration {
    fn store(&self) -> &Store {
        self.scope.store()
    }

    fn settings(&self) -> &AccountSettings {
        self.scope.app.settings()
    }

    /// Now, in Unix seconds, from the application's clock.
    fn now(&self) -> i64 {
        self.scope.app.unix_now()
    }

    /// How many platform admins can sign in; invited admins who have not
    /// set a password yet are not counted. The command line asks before it
    /// loads demo data with a first admin.
    pub async fn admin_count(&self) -> Result<u64> {
        Ok(self.store().admin_count().await?)
    }
}
