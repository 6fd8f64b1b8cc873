//! A person's own account: signing in and out, sessions, passwords and
//! resets, accepting an invitation, personal API and feed tokens, followed
//! series, the GDPR download and deleting the account.
//!
//! [`Accounts`] is built for one actor (`app.accounts(&actor)`); what it
//! changes is that actor's own account, so its writes ask the policy for
//! `ManageOwnAccount`, or need no actor at all where the secret is the
//! proof (a reset link, an invitation link, a password). Answers never tell
//! whether an address is known: sign-in fails the same way for an unknown
//! address and a wrong password, after the same amount of hashing work, and
//! a reset request always "succeeds". The people of a network are managed
//! in [`crate::Administration`].

mod data;
mod invitations;
mod passwords;
mod secrets;
mod sessions;
mod settings;
mod tokens;

use std::collections::BTreeMap;

use knotenpunkt_access::{self as access, Action, Actor, Denial, Scope as TokenScopeOfActor};
use knotenpunkt_domain::{NetworkRole, Person};
use knotenpunkt_mail::Outgoing;
use knotenpunkt_store::{Counters, Store, TokenRecord};

use crate::scope::Scope;
use crate::{App, AppError, Service};

pub use secrets::digest;
pub(crate) use secrets::secret;
pub(crate) use settings::DAY;
pub use settings::{AccountSettings, MAX_PASSWORD_CHARS, MIN_PASSWORD_CHARS};

type Result<T> = std::result::Result<T, AppError>;

/// A person's own account, for one actor. Cheap to clone.
#[derive(Debug, Clone)]
pub struct Accounts {
    pub(crate) scope: Scope,
}

impl Service for Accounts {
    fn for_actor(app: &App, actor: &Actor, counters: Option<Counters>) -> Self {
        Accounts {
            scope: app.scope(actor, counters),
        }
    }
}

impl Accounts {
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

    /// The actor's own person, once the policy agrees they may manage
    /// their account (signed in, with a write scope).
    fn me(&self) -> Result<i64> {
        self.scope.authorize(&Action::ManageOwnAccount)?;
        self.scope
            .actor()
            .person
            .ok_or(AppError::Denied(Denial::SignIn))
    }

    /// The actor's own person for reads about their account; a read token
    /// may read them too.
    fn who(&self) -> Result<i64> {
        self.scope
            .actor()
            .person
            .ok_or(AppError::Denied(Denial::SignIn))
    }

    /// One's own person, for one's own page.
    pub async fn person(&self) -> Result<Person> {
        Ok(self.store().person(self.who()?).await?)
    }
}

/// A signed-in browser: the cookie value (shown once) and its form token.
#[derive(Debug, Clone)]
pub struct NewSession {
    /// The cookie value.
    pub token: String,
    /// The token forms of this session carry.
    pub csrf: String,
    /// Who signed in.
    pub person: Person,
}

/// A live session, found by its cookie.
#[derive(Debug, Clone)]
pub struct Session {
    /// Who.
    pub person: Person,
    /// What they may do.
    pub actor: Actor,
    /// The form token of this session.
    pub csrf: String,
}

/// A token as shown once, right after creation.
#[derive(Debug, Clone)]
pub struct NewToken {
    /// The stored part.
    pub record: TokenRecord,
    /// The secret; never shown again.
    pub secret: String,
}

/// The [`Actor`] for a person: roles through their organisation's
/// memberships and granted directly (the higher wins), groups, editing
/// rights. One statement: it runs on every signed-in request whose
/// credential is not held in memory.
pub(crate) async fn actor_of(
    store: &Store,
    person: &Person,
    scope: TokenScopeOfActor,
) -> Result<Actor> {
    let standing = store.standing(person.id).await?;
    let mut roles: BTreeMap<String, access::NetworkRole> = BTreeMap::new();
    for (network, role) in standing
        .through_organization
        .iter()
        .chain(standing.granted.iter())
    {
        let role = to_access_role(*role);
        let e = roles.entry(network.to_string()).or_insert(role);
        if role > *e {
            *e = role;
        }
    }
    let mut actor = Actor::signed_in(person.id)
        .with_admin(person.admin)
        .with_scope(scope);
    if let Some(o) = &person.organization {
        actor = actor.with_organization(o.as_str());
    }
    for (n, r) in roles {
        actor = actor.with_role(&n, r);
    }
    for (n, g) in &standing.groups {
        actor = actor.with_group(n.as_str(), g.as_str());
    }
    for o in &standing.editor_of {
        actor = actor.with_editor_of(o.as_str());
    }
    Ok(actor)
}

/// Sends one mail to `person` with the installation's mailer.
pub(crate) async fn mail(
    settings: &AccountSettings,
    person: &Person,
    subject: String,
    text: String,
) -> Result<()> {
    settings
        .mailer
        .send(&Outgoing {
            to: person.email.to_string(),
            to_name: Some(person.name.clone()),
            subject,
            text,
            ..Default::default()
        })
        .await
        .map_err(|e| AppError::Unavailable(format!("the e-mail could not be sent: {e}")))
}

/// The policy's name for a role.
pub fn to_access_role(r: NetworkRole) -> access::NetworkRole {
    match r {
        NetworkRole::Guest => access::NetworkRole::Guest,
        NetworkRole::Partner => access::NetworkRole::Partner,
        NetworkRole::Member => access::NetworkRole::Member,
        NetworkRole::Coordinator => access::NetworkRole::Coordinator,
    }
}

/// The policy's name for a visibility.
pub fn to_access_visibility(v: &knotenpunkt_domain::Visibility) -> access::Visibility {
    match v {
        knotenpunkt_domain::Visibility::Public => access::Visibility::Public,
        knotenpunkt_domain::Visibility::Network => access::Visibility::Network,
        knotenpunkt_domain::Visibility::Group(g) => access::Visibility::Group(g.to_string()),
    }
}
