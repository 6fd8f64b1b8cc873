//! Who is asking: everything the policy needs to know about a person,
//! gathered by the caller before the decision.

use std::collections::{BTreeMap, BTreeSet};

use crate::vocab::{NetworkRole, Scope};

/// The person behind a request, as plain data.
///
/// The application loads this once per request (from the session or the
/// token) so that every decision afterwards is a pure function of it. The
/// fields are public because building an actor is the storage layer's job;
/// the policy only reads them.
///
/// Rights belong to a signed-in person only: when [`person`](Self::person)
/// is `None` the policy ignores every other field (roles, groups, the admin
/// flag), so a half-filled anonymous actor can never grant anything.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Actor {
    /// The person's id, `None` for an anonymous visitor.
    pub person: Option<i64>,
    /// Platform administrator: may do everything the credential's scope
    /// allows.
    pub admin: bool,
    /// Slug of the person's own organisation; used where a right follows
    /// from "it is about my organisation" (declaring it unavailable to host).
    pub organization: Option<String>,
    /// Network slug → the person's role there. A network missing here means
    /// the person is an outsider to it.
    pub roles: BTreeMap<String, NetworkRole>,
    /// `(network slug, group slug)` of every group the person is named in.
    pub groups: BTreeSet<(String, String)>,
    /// Organisations whose profile the person may edit. Kept apart from
    /// [`organization`](Self::organization) because belonging to an
    /// organisation does not by itself mean speaking for it.
    pub editor_of: BTreeSet<String>,
    /// What the credential of this request allows.
    pub scope: Scope,
}

impl Actor {
    /// A visitor who has not signed in. Its scope is [`Scope::Read`] because
    /// reading public items is all such a visitor can do anyway.
    pub fn anonymous() -> Actor {
        Actor {
            person: None,
            admin: false,
            organization: None,
            roles: BTreeMap::new(),
            groups: BTreeSet::new(),
            editor_of: BTreeSet::new(),
            scope: Scope::Read,
        }
    }

    /// The actor's rights without who holds them: the policy never asks
    /// *which* person is signing in, only whether one is, so two actors with
    /// the same rights get the same answer to every question. Whatever is
    /// shown by rights alone can be kept per rights and shared.
    pub fn rights(&self) -> Actor {
        Actor {
            person: self.person.map(|_| 0),
            ..self.clone()
        }
    }

    /// A signed-in person with no roles yet, acting through a session (write
    /// scope). The `with_*` methods add the rest.
    pub fn signed_in(person: i64) -> Actor {
        Actor {
            person: Some(person),
            scope: Scope::Write,
            ..Actor::anonymous()
        }
    }

    /// The same actor with `role` in `network`.
    pub fn with_role(mut self, network: &str, role: NetworkRole) -> Actor {
        self.roles.insert(network.to_owned(), role);
        self
    }

    /// The same actor named in `group` of `network`.
    pub fn with_group(mut self, network: &str, group: &str) -> Actor {
        self.groups.insert((network.to_owned(), group.to_owned()));
        self
    }

    /// The same actor belonging to `organization`.
    pub fn with_organization(mut self, organization: &str) -> Actor {
        self.organization = Some(organization.to_owned());
        self
    }

    /// The same actor, also allowed to edit `organization`'s profile.
    pub fn with_editor_of(mut self, organization: &str) -> Actor {
        self.editor_of.insert(organization.to_owned());
        self
    }

    /// The same actor with the platform-admin flag set to `admin`.
    pub fn with_admin(mut self, admin: bool) -> Actor {
        self.admin = admin;
        self
    }

    /// The same actor acting through a credential of `scope`.
    pub fn with_scope(mut self, scope: Scope) -> Actor {
        self.scope = scope;
        self
    }

    /// Whether a person is behind the request.
    pub fn is_signed_in(&self) -> bool {
        self.person.is_some()
    }

    /// Whether the actor is a signed-in platform administrator. An admin
    /// flag without a person counts for nothing (see the type's docs).
    pub fn is_admin(&self) -> bool {
        self.admin && self.is_signed_in()
    }

    /// The actor's role in `network`, `None` for outsiders and for anonymous
    /// visitors (whose roles never count, see the type's docs).
    pub fn role_in(&self, network: &str) -> Option<NetworkRole> {
        if self.is_signed_in() {
            self.roles.get(network).copied()
        } else {
            None
        }
    }

    /// Whether the actor is named in `group` of `network`; always `false`
    /// for anonymous visitors.
    pub fn in_group(&self, network: &str, group: &str) -> bool {
        self.is_signed_in()
            && self
                .groups
                .iter()
                .any(|(n, g)| n.as_str() == network && g.as_str() == group)
    }
}
