//! The See rule as data, for queries that must filter many rows at once.

use std::collections::BTreeSet;

use crate::action::Item;
use crate::actor::Actor;
use crate::vocab::{NetworkRole, Visibility};

/// Everything the See rule needs to know about one actor, flattened into
/// sets, so the storage layer can turn it into a SQL `WHERE` clause instead
/// of loading every row and asking [`visible`](crate::visible) one by one.
///
/// An item is visible when
///
/// * its visibility is `public`, or
/// * [`all`](Self::all) is set, or
/// * it is `network`-visible and its network is in
///   [`networks`](Self::networks), or
/// * it is `group:<g>`-visible in network `n` and `n` is in
///   [`coordinated`](Self::coordinated) or `(n, g)` is in
///   [`groups`](Self::groups).
///
/// Items owned by no network are only visible when public or to `all`.
/// [`SeeFilter::admits`] is that condition in Rust; the property tests
/// check that it agrees with [`visible`](crate::visible) for every actor
/// and item, so a query built from the same four bullet points agrees with
/// the policy too.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SeeFilter {
    /// The actor sees everything (a signed-in platform admin).
    pub all: bool,
    /// Networks whose `network`-visible items the actor sees: those where
    /// the actor is at least a partner.
    pub networks: BTreeSet<String>,
    /// Networks whose every group the actor sees: those the actor
    /// coordinates.
    pub coordinated: BTreeSet<String>,
    /// `(network, group)` pairs the actor is named in.
    pub groups: BTreeSet<(String, String)>,
    /// Networks where the actor holds any role, guests included. Only used
    /// for the networks themselves ([`SeeFilter::admits_network`]): a guest
    /// sees the network they were invited into, not its network-only items.
    pub joined: BTreeSet<String>,
}

/// Builds the [`SeeFilter`] of `actor`. An anonymous visitor gets the empty
/// filter, which admits public items only.
pub fn network_visibility_filter(actor: &Actor) -> SeeFilter {
    if !actor.is_signed_in() {
        return SeeFilter::default();
    }
    let with_at_least = |floor: NetworkRole| -> BTreeSet<String> {
        actor
            .roles
            .iter()
            .filter(|(_, role)| **role >= floor)
            .map(|(network, _)| network.clone())
            .collect()
    };
    SeeFilter {
        all: actor.is_admin(),
        networks: with_at_least(NetworkRole::Partner),
        coordinated: with_at_least(NetworkRole::Coordinator),
        groups: actor.groups.clone(),
        joined: actor.roles.keys().cloned().collect(),
    }
}

impl SeeFilter {
    /// Whether the filter lets `item` through; always the same answer as
    /// [`visible`](crate::visible) for the actor the filter was built from.
    pub fn admits(&self, item: &Item<'_>) -> bool {
        match (item.visibility, item.network) {
            (Visibility::Public, _) => true,
            _ if self.all => true,
            (_, None) => false,
            (Visibility::Network, Some(network)) => self.networks.contains(network),
            (Visibility::Group(group), Some(network)) => {
                self.coordinated.contains(network)
                    || self
                        .groups
                        .iter()
                        .any(|(n, g)| n.as_str() == network && g == group)
            }
        }
    }

    /// Whether the filter lets the network itself through; always the same
    /// answer as [`Action::SeeNetwork`](crate::Action::SeeNetwork) for the
    /// actor the filter was built from. A network is seen like an item it
    /// owns, or by anyone in [`joined`](Self::joined).
    pub fn admits_network(&self, network: &str, visibility: &Visibility) -> bool {
        self.joined.contains(network)
            || self.admits(&Item {
                network: Some(network),
                visibility,
            })
    }
}
