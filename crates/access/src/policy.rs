//! The decision itself. The rules table in the crate docs is the
//! specification; this module is its only implementation.

use crate::action::{Action, Denial, Item};
use crate::actor::Actor;
use crate::vocab::{NetworkRole, Scope, Visibility};

/// Decides whether `actor` may perform `action`.
///
/// Refusals are ordered so that an answer never tells more than the actor
/// could know anyway:
///
/// 1. Reading ([`Action::See`], [`Action::SeeNetwork`]) is refused with
///    [`Denial::Hidden`] only, never [`Denial::SignIn`], so an outsider
///    cannot tell "hidden" from "missing".
/// 2. Anything else needs a person: anonymous gets [`Denial::SignIn`].
/// 3. A person without the right gets [`Denial::Forbidden`].
/// 4. Only a person *with* the right can learn that their credential is
///    read-only ([`Denial::ReadOnly`]); a read token therefore never reveals
///    more than the person's own rights.
pub fn decide(actor: &Actor, action: &Action<'_>) -> Result<(), Denial> {
    match *action {
        Action::See(item) => reveal(sees(actor, &item)),
        Action::SeeNetwork {
            network,
            visibility,
        } => reveal(sees_network(actor, network, visibility)),
        Action::ManagePlatform => permit(actor, false),
        // Reading the network's internal records (audit log, groups) is a
        // read: a read token of a coordinator may do it.
        Action::ViewAudit(network) => {
            let allowed = at_least(actor, network, NetworkRole::Coordinator);
            if !actor.is_signed_in() {
                Err(Denial::SignIn)
            } else if allowed || actor.is_admin() {
                Ok(())
            } else {
                Err(Denial::Forbidden)
            }
        }
        Action::ManageNetwork(network)
        | Action::Invite { network, .. }
        | Action::Record { network } => {
            permit(actor, at_least(actor, network, NetworkRole::Coordinator))
        }
        Action::Contribute { network } => {
            permit(actor, at_least(actor, network, NetworkRole::Partner))
        }
        Action::DeclareUnavailable {
            network,
            organization,
        } => permit(
            actor,
            at_least(actor, network, NetworkRole::Coordinator)
                || (at_least(actor, network, NetworkRole::Member)
                    && actor.organization.as_deref() == Some(organization)),
        ),
        Action::EditOrganization(organization) => {
            permit(actor, actor.editor_of.contains(organization))
        }
        Action::ManageOwnAccount => permit(actor, true),
        // Members-only: a visitor is asked to sign in (the network and its
        // series may well be public), a signed-in outsider learns nothing.
        Action::SeeLounge(network) => {
            if !actor.is_signed_in() {
                Err(Denial::SignIn)
            } else {
                reveal(at_least(actor, network, NetworkRole::Member) || actor.is_admin())
            }
        }
        Action::JoinLounge {
            network,
            organization,
        } => permit(
            actor,
            at_least(actor, network, NetworkRole::Coordinator)
                || (at_least(actor, network, NetworkRole::Member)
                    && actor.organization.as_deref() == Some(organization)),
        ),
        Action::RunLounge(network) => {
            permit(actor, at_least(actor, network, NetworkRole::Coordinator))
        }
        Action::Share {
            organization,
            network,
        } => permit(
            actor,
            speaks_for(actor, organization)
                && network.is_none_or(|n| at_least(actor, n, NetworkRole::Partner)),
        ),
        Action::Moderate {
            organization,
            network,
        } => permit(
            actor,
            speaks_for(actor, organization)
                || network.is_some_and(|n| at_least(actor, n, NetworkRole::Coordinator)),
        ),
        Action::Comment(item) | Action::Register(item) => permit(actor, sees(actor, &item)),
        // No person is needed: the confirmation link proves the address.
        // Anything but a public event is hidden, as a read would be.
        Action::RegisterByMail(item) => {
            let open = *item.visibility == Visibility::Public && sees(actor, &item);
            if !(open || (actor.is_signed_in() && actor.is_admin())) {
                Err(Denial::Hidden)
            } else if actor.is_signed_in() && actor.scope == Scope::Read {
                Err(Denial::ReadOnly)
            } else {
                Ok(())
            }
        }
    }
}

/// Whether the actor may write in an organisation's name: its own people
/// and the people who edit its profile.
fn speaks_for(actor: &Actor, organization: &str) -> bool {
    actor.organization.as_deref() == Some(organization) || actor.editor_of.contains(organization)
}

/// Whether `actor` may read `item`; the same as `decide(actor,
/// &Action::See(*item)).is_ok()`, for lists and templates that only need a
/// yes or no.
pub fn visible(actor: &Actor, item: &Item<'_>) -> bool {
    sees(actor, item)
}

/// Turns a visibility verdict into the answer of a read.
fn reveal(seen: bool) -> Result<(), Denial> {
    if seen { Ok(()) } else { Err(Denial::Hidden) }
}

/// The common path of every non-read action: a person is needed, then the
/// right (an admin has every right), and only then the write scope.
fn permit(actor: &Actor, by_role: bool) -> Result<(), Denial> {
    if !actor.is_signed_in() {
        Err(Denial::SignIn)
    } else if !(by_role || actor.is_admin()) {
        Err(Denial::Forbidden)
    } else if actor.scope == Scope::Read {
        Err(Denial::ReadOnly)
    } else {
        Ok(())
    }
}

/// Whether the actor's role in `network` is at least `floor`.
fn at_least(actor: &Actor, network: &str, floor: NetworkRole) -> bool {
    actor.role_in(network).is_some_and(|role| role >= floor)
}

/// The See rule. Guests are deliberately left out of network-only items:
/// they were invited for something specific and see that through groups.
pub(crate) fn sees(actor: &Actor, item: &Item<'_>) -> bool {
    match (item.visibility, item.network) {
        (Visibility::Public, _) => true,
        _ if actor.is_admin() => true,
        // Network- or group-visible but owned by no network: nobody but an
        // admin could be meant, so nobody else sees it.
        (_, None) => false,
        (Visibility::Network, Some(network)) => at_least(actor, network, NetworkRole::Partner),
        (Visibility::Group(group), Some(network)) => {
            at_least(actor, network, NetworkRole::Coordinator) || actor.in_group(network, group)
        }
    }
}

/// The SeeNetwork rule: a network is seen like an item it owns, and on top
/// of that by everyone who holds any role in it, guests included, since
/// they were invited into it and must be able to open its page.
pub(crate) fn sees_network(actor: &Actor, network: &str, visibility: &Visibility) -> bool {
    actor.role_in(network).is_some()
        || sees(
            actor,
            &Item {
                network: Some(network),
                visibility,
            },
        )
}
