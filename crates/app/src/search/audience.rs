//! Who may find a document, in the index's terms.
//!
//! The index knows audience *keys*; a reader finds a document when they hold
//! one of its keys. What a reader may see is decided by the policy in
//! layers — the network itself, the series, the agenda point — and every
//! layer must let them through. The keys below are chosen so that holding a
//! key implies passing every layer: a document's keys name the narrowest
//! layer, and a reader's key for it is only given when the wider layers are
//! passed too (`netgroup:`: named in the group *and* a partner or more).
//! Where that cannot be said with one key (two different groups; a group
//! member without a role in a network that is not public), only the
//! network's coordinators hold one; search then shows a little less than the
//! pages, never more. The property test below checks
//! the implication against the policy itself.

use knotenpunkt_access::{self as access, Actor, NetworkRole};
use knotenpunkt_domain::{Slug, Visibility};
use knotenpunkt_search::{Audience, PUBLIC};

/// The keys of a document owned by `network` (whose own visibility is
/// `network_visibility`) behind the item layers `layers`.
pub(crate) fn document_keys(
    network: Option<(&Slug, &Visibility)>,
    layers: &[&Visibility],
) -> Vec<String> {
    let public = |v: &Visibility| matches!(v, Visibility::Public);
    let Some((network, network_visibility)) = network else {
        // Items of no network (a cooperation's series) are public or seen by
        // platform admins only.
        return if layers.iter().all(|v| public(v)) {
            vec![PUBLIC.to_owned()]
        } else {
            Vec::new()
        };
    };
    let mut groups: Vec<&str> = layers
        .iter()
        .filter_map(|v| match v {
            Visibility::Group(g) => Some(g.as_str()),
            _ => None,
        })
        .collect();
    groups.sort_unstable();
    groups.dedup();
    let coordinators = format!("coord:{network}");
    let network_layer = layers.iter().any(|v| matches!(v, Visibility::Network));
    let hidden_network = !public(network_visibility);
    match groups.as_slice() {
        [] if network_layer => vec![format!("network:{network}")],
        [] if hidden_network => vec![format!("joined:{network}")],
        [] => vec![PUBLIC.to_owned()],
        [group] if network_layer => vec![coordinators, format!("netgroup:{network}/{group}")],
        [group] if hidden_network => {
            vec![coordinators, format!("joinedgroup:{network}/{group}")]
        }
        [group] => vec![coordinators, format!("group:{network}/{group}")],
        _ => vec![coordinators],
    }
}

/// The keys `actor` holds.
pub(crate) fn reader(actor: &Actor) -> Audience {
    let filter = access::network_visibility_filter(actor);
    if filter.all {
        return Audience::Everything;
    }
    let mut keys = Vec::new();
    for (network, role) in &actor.roles {
        if !actor.is_signed_in() {
            break;
        }
        keys.push(format!("joined:{network}"));
        if *role >= NetworkRole::Partner {
            keys.push(format!("network:{network}"));
        }
        if *role >= NetworkRole::Coordinator {
            keys.push(format!("coord:{network}"));
        }
    }
    // Named in a group: the group key alone, and the keys that also say
    // the reader passes the network layer (partners and above) or sees the
    // network itself (anyone with a role there).
    for (network, group) in &filter.groups {
        keys.push(format!("group:{network}/{group}"));
        if filter.networks.contains(network) {
            keys.push(format!("netgroup:{network}/{group}"));
        }
        if filter.joined.contains(network) {
            keys.push(format!("joinedgroup:{network}/{group}"));
        }
    }
    Audience::Keys(keys)
}

#[cfg(test)]
mod tests {
    use super::*;
    use knotenpunkt_access::{Action, Item};
    use proptest::prelude::*;

    fn visibility(code: u8) -> Visibility {
        match code % 4 {
            0 => Visibility::Public,
            1 => Visibility::Network,
            2 => Visibility::Group("g1".parse::<Slug>().unwrap()),
            _ => Visibility::Group("g2".parse::<Slug>().unwrap()),
        }
    }

    fn access_visibility(v: &Visibility) -> access::Visibility {
        crate::accounts::to_access_visibility(v)
    }

    fn role(code: u8) -> Option<NetworkRole> {
        match code % 5 {
            0 => None,
            1 => Some(NetworkRole::Guest),
            2 => Some(NetworkRole::Partner),
            3 => Some(NetworkRole::Member),
            _ => Some(NetworkRole::Coordinator),
        }
    }

    proptest! {
        /// Holding a key means the policy lets the reader through every layer.
        #[test]
        fn a_key_implies_every_layer(
            signed_in in any::<bool>(),
            admin in any::<bool>(),
            role_code in 0u8..5,
            in_groups in proptest::collection::vec(any::<bool>(), 2),
            owned in any::<bool>(),
            network_code in 0u8..4,
            layer_codes in proptest::collection::vec(0u8..4, 0..3),
        ) {
            let mut actor = if signed_in { Actor::signed_in(1).with_admin(admin) } else { Actor::anonymous() };
            if let Some(r) = role(role_code) {
                actor.roles.insert("n".to_owned(), r);
            }
            for (i, member) in in_groups.iter().enumerate() {
                if *member {
                    actor.groups.insert(("n".to_owned(), format!("g{}", i + 1)));
                }
            }
            let n = "n".parse::<Slug>().unwrap();
            let network_visibility = visibility(network_code);
            let layers: Vec<Visibility> = layer_codes.iter().map(|c| visibility(*c)).collect();
            let layer_refs: Vec<&Visibility> = layers.iter().collect();
            let keys = document_keys(owned.then_some((&n, &network_visibility)), &layer_refs);
            let found = match reader(&actor) {
                Audience::Everything => true,
                Audience::Keys(mine) => keys.iter().any(|k| k == PUBLIC || mine.contains(k)),
            };
            if found {
                if owned {
                    let v = access_visibility(&network_visibility);
                    let sees = access::decide(&actor, &Action::SeeNetwork { network: "n", visibility: &v });
                    prop_assert!(sees.is_ok(), "{:?} let {:?} see the network", keys, actor);
                }
                for layer in &layers {
                    let v = access_visibility(layer);
                    prop_assert!(access::visible(&actor, &Item { network: owned.then_some("n"), visibility: &v }),
                        "{keys:?} let {actor:?} through {layer:?}");
                }
            }
        }
    }

    #[test]
    fn members_find_network_items_and_outsiders_do_not() {
        let n = "ikone-ds".parse::<Slug>().unwrap();
        let keys = document_keys(Some((&n, &Visibility::Public)), &[&Visibility::Network]);
        let mut member = Actor::signed_in(1);
        member
            .roles
            .insert("ikone-ds".to_owned(), NetworkRole::Member);
        let Audience::Keys(mine) = reader(&member) else {
            panic!("not everything")
        };
        assert!(keys.iter().any(|k| mine.contains(k)));
        let Audience::Keys(outsider) = reader(&Actor::signed_in(2)) else {
            panic!("not everything")
        };
        assert!(!keys.iter().any(|k| outsider.contains(k)));
        assert_eq!(
            reader(&Actor::signed_in(3).with_admin(true)),
            Audience::Everything
        );
    }
}
