//! Properties the policy must keep whatever rules are added later: the SQL
//! filter agrees with it, more standing never means fewer rights, read
//! tokens never write, anonymous visitors see only public items, and the
//! text forms round-trip.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use knotenpunkt_access::{
    Action, Actor, Denial, Item, NetworkRole, Scope, Visibility, decide, network_visibility_filter,
    visible,
};
use proptest::prelude::*;
use proptest::sample::{select, subsequence};

/// Few names, so that actors, items and actions collide often.
const NETWORKS: [&str; 3] = ["nord", "sued", "west"];
const GROUPS: [&str; 3] = ["lenkung", "ag-it", "kasse"];
const ORGS: [&str; 3] = ["musterstadt", "nachbarort", "kreis-x"];

/// An owned [`Action`], because strategies cannot hand out borrows.
#[derive(Debug, Clone)]
enum Act {
    See(Option<String>, Visibility),
    SeeNetwork(String, Visibility),
    ManagePlatform,
    ManageNetwork(String),
    ViewAudit(String),
    Contribute(String),
    Record(String),
    DeclareUnavailable(String, String),
    EditOrganization(String),
    Invite(String, NetworkRole),
    ManageOwnAccount,
    SeeLounge(String),
    JoinLounge(String, String),
    RunLounge(String),
    Share(String, Option<String>),
    Moderate(String, Option<String>),
    Comment(Option<String>, Visibility),
    Register(Option<String>, Visibility),
    RegisterByMail(Option<String>, Visibility),
}

impl Act {
    fn action(&self) -> Action<'_> {
        match self {
            Act::See(network, visibility) => Action::See(Item {
                network: network.as_deref(),
                visibility,
            }),
            Act::SeeNetwork(network, visibility) => Action::SeeNetwork {
                network,
                visibility,
            },
            Act::ManagePlatform => Action::ManagePlatform,
            Act::ManageNetwork(n) => Action::ManageNetwork(n),
            Act::ViewAudit(n) => Action::ViewAudit(n),
            Act::Contribute(n) => Action::Contribute { network: n },
            Act::Record(n) => Action::Record { network: n },
            Act::DeclareUnavailable(n, o) => Action::DeclareUnavailable {
                network: n,
                organization: o,
            },
            Act::EditOrganization(o) => Action::EditOrganization(o),
            Act::Invite(n, role) => Action::Invite {
                network: n,
                role: *role,
            },
            Act::ManageOwnAccount => Action::ManageOwnAccount,
            Act::SeeLounge(n) => Action::SeeLounge(n),
            Act::JoinLounge(n, o) => Action::JoinLounge {
                network: n,
                organization: o,
            },
            Act::RunLounge(n) => Action::RunLounge(n),
            Act::Share(o, n) => Action::Share {
                organization: o,
                network: n.as_deref(),
            },
            Act::Moderate(o, n) => Action::Moderate {
                organization: o,
                network: n.as_deref(),
            },
            Act::Comment(network, visibility) => Action::Comment(Item {
                network: network.as_deref(),
                visibility,
            }),
            Act::Register(network, visibility) => Action::Register(Item {
                network: network.as_deref(),
                visibility,
            }),
            Act::RegisterByMail(network, visibility) => Action::RegisterByMail(Item {
                network: network.as_deref(),
                visibility,
            }),
        }
    }
}

fn name(names: &'static [&'static str]) -> impl Strategy<Value = String> {
    select(names).prop_map(str::to_owned)
}

fn role() -> impl Strategy<Value = NetworkRole> {
    select(NetworkRole::ALL.to_vec())
}

fn scope() -> impl Strategy<Value = Scope> {
    prop_oneof![Just(Scope::Read), Just(Scope::Write)]
}

fn visibility() -> impl Strategy<Value = Visibility> {
    prop_oneof![
        Just(Visibility::Public),
        Just(Visibility::Network),
        name(&GROUPS).prop_map(Visibility::Group),
    ]
}

fn actor() -> impl Strategy<Value = Actor> {
    let pairs: Vec<(String, String)> = NETWORKS
        .iter()
        .flat_map(|n| GROUPS.iter().map(|g| ((*n).to_owned(), (*g).to_owned())))
        .collect();
    let pairs_len = pairs.len();
    (
        prop::option::weighted(0.85, any::<i64>()),
        prop::bool::weighted(0.15),
        prop::option::of(name(&ORGS)),
        [
            prop::option::of(role()),
            prop::option::of(role()),
            prop::option::of(role()),
        ],
        subsequence(pairs, 0..=pairs_len),
        subsequence(ORGS.to_vec(), 0..=ORGS.len()),
        scope(),
    )
        .prop_map(
            |(person, admin, organization, roles, groups, editor_of, scope)| Actor {
                person,
                admin,
                organization,
                roles: NETWORKS
                    .iter()
                    .zip(roles)
                    .filter_map(|(n, r)| Some(((*n).to_owned(), r?)))
                    .collect(),
                groups: groups.into_iter().collect(),
                editor_of: editor_of.into_iter().map(str::to_owned).collect(),
                scope,
            },
        )
}

fn item() -> impl Strategy<Value = (Option<String>, Visibility)> {
    (prop::option::weighted(0.9, name(&NETWORKS)), visibility())
}

fn act() -> impl Strategy<Value = Act> {
    prop_oneof![
        item().prop_map(|(n, v)| Act::See(n, v)),
        (name(&NETWORKS), visibility()).prop_map(|(n, v)| Act::SeeNetwork(n, v)),
        Just(Act::ManagePlatform),
        name(&NETWORKS).prop_map(Act::ManageNetwork),
        name(&NETWORKS).prop_map(Act::ViewAudit),
        name(&NETWORKS).prop_map(Act::Contribute),
        name(&NETWORKS).prop_map(Act::Record),
        (name(&NETWORKS), name(&ORGS)).prop_map(|(n, o)| Act::DeclareUnavailable(n, o)),
        name(&ORGS).prop_map(Act::EditOrganization),
        (name(&NETWORKS), role()).prop_map(|(n, r)| Act::Invite(n, r)),
        Just(Act::ManageOwnAccount),
        name(&NETWORKS).prop_map(Act::SeeLounge),
        (name(&NETWORKS), name(&ORGS)).prop_map(|(n, o)| Act::JoinLounge(n, o)),
        name(&NETWORKS).prop_map(Act::RunLounge),
        (name(&ORGS), prop::option::of(name(&NETWORKS))).prop_map(|(o, n)| Act::Share(o, n)),
        (name(&ORGS), prop::option::of(name(&NETWORKS))).prop_map(|(o, n)| Act::Moderate(o, n)),
        item().prop_map(|(n, v)| Act::Comment(n, v)),
        item().prop_map(|(n, v)| Act::Register(n, v)),
        item().prop_map(|(n, v)| Act::RegisterByMail(n, v)),
    ]
}

/// A slug as the domain crate spells them.
fn slug() -> impl Strategy<Value = String> {
    "[a-z0-9]{1,8}(-[a-z0-9]{1,8}){0,3}"
}

fn any_visibility() -> impl Strategy<Value = Visibility> {
    prop_oneof![
        Just(Visibility::Public),
        Just(Visibility::Network),
        slug().prop_map(Visibility::Group),
    ]
}

fn with_role(actor: &Actor, network: &str, role: Option<NetworkRole>) -> Actor {
    let mut actor = actor.clone();
    match role {
        Some(role) => actor.roles.insert(network.to_owned(), role),
        None => actor.roles.remove(network),
    };
    actor
}

proptest! {
    /// (1) The storage layer's filter and the policy never disagree.
    #[test]
    fn filter_agrees_with_policy(actor in actor(), (network, visibility) in item()) {
        let filter = network_visibility_filter(&actor);
        let item = Item { network: network.as_deref(), visibility: &visibility };
        prop_assert_eq!(filter.admits(&item), visible(&actor, &item));
        prop_assert_eq!(visible(&actor, &item), decide(&actor, &Action::See(item)).is_ok());
        if let Some(network) = network.as_deref() {
            prop_assert_eq!(
                filter.admits_network(network, &visibility),
                decide(&actor, &Action::SeeNetwork { network, visibility: &visibility }).is_ok()
            );
        }
    }

    /// (2a) Raising a role in a network (from outsider up to coordinator)
    /// never turns an allowed action into a denied one.
    #[test]
    fn raising_a_role_never_takes_a_right_away(
        actor in actor(),
        network in name(&NETWORKS),
        act in act(),
    ) {
        let ladder = [None]
            .into_iter()
            .chain(NetworkRole::ALL.into_iter().map(Some))
            .collect::<Vec<_>>();
        let action = act.action();
        let results: Vec<_> = ladder
            .iter()
            .map(|role| decide(&with_role(&actor, &network, *role), &action))
            .collect();
        for (i, lower) in results.iter().enumerate() {
            for (j, higher) in results.iter().enumerate().skip(i + 1) {
                prop_assert!(
                    lower.is_err() || higher.is_ok(),
                    "{:?} allowed but {:?} denied ({:?})", ladder[i], ladder[j], higher
                );
            }
        }
    }

    /// (2b) Being named in more groups or editing more organisations never
    /// takes a right away either.
    #[test]
    fn more_groups_and_editorships_never_take_a_right_away(
        actor in actor(),
        network in name(&NETWORKS),
        group in name(&GROUPS),
        org in name(&ORGS),
        act in act(),
    ) {
        let action = act.action();
        if decide(&actor, &action).is_ok() {
            let mut more = actor.clone();
            more.groups.insert((network, group));
            more.editor_of.insert(org);
            prop_assert_eq!(decide(&more, &action), Ok(()));
        }
    }

    /// (2c) Admin allows a superset of everyone, and a signed-in admin with
    /// a write credential may do everything.
    #[test]
    fn admin_allows_a_superset(actor in actor(), act in act()) {
        let action = act.action();
        let admin = actor.clone().with_admin(true);
        if decide(&actor, &action).is_ok() {
            prop_assert_eq!(decide(&admin, &action), Ok(()));
        }
        if admin.is_signed_in() && admin.scope == Scope::Write {
            prop_assert_eq!(decide(&admin, &action), Ok(()));
        }
    }

    /// (3) A read credential never allows a non-See action, answers exactly
    /// as the write credential would for See actions, and for everything
    /// else differs only by turning "allowed" into `ReadOnly`. (Without a
    /// person there is no credential: the one thing an anonymous visitor
    /// may write, asking to register by mail, does not depend on a scope.)
    #[test]
    fn read_scope_only_reads(actor in actor(), act in act()) {
        let action = act.action();
        let read = decide(&actor.clone().with_scope(Scope::Read), &action);
        let write = decide(&actor.clone().with_scope(Scope::Write), &action);
        if !actor.is_signed_in() && matches!(action, Action::RegisterByMail(_)) {
            prop_assert_eq!(read, write);
        } else if action.is_read() {
            prop_assert_eq!(read, write);
        } else {
            prop_assert!(read.is_err());
            let expected = match write {
                Ok(()) => Err(Denial::ReadOnly),
                denied => denied,
            };
            prop_assert_eq!(read, expected);
        }
    }

    /// (4) Anonymous visitors see public items and nothing else, are never
    /// told to sign in for a read, and are told to sign in for everything
    /// else, whatever the rest of the actor says.
    #[test]
    fn anonymous_sees_only_public(actor in actor(), act in act()) {
        let anonymous = Actor { person: None, ..actor };
        let action = act.action();
        let got = decide(&anonymous, &action);
        match action {
            Action::See(item) => prop_assert_eq!(
                got,
                if *item.visibility == Visibility::Public { Ok(()) } else { Err(Denial::Hidden) }
            ),
            Action::SeeNetwork { visibility, .. } => prop_assert_eq!(
                got,
                if *visibility == Visibility::Public { Ok(()) } else { Err(Denial::Hidden) }
            ),
            // The confirmation link proves the address: no person needed,
            // and only public events.
            Action::RegisterByMail(item) => prop_assert_eq!(
                got,
                if *item.visibility == Visibility::Public { Ok(()) } else { Err(Denial::Hidden) }
            ),
            _ => prop_assert_eq!(got, Err(Denial::SignIn)),
        }
    }

    /// (5) Visibility round-trips through its text form and serde, and the
    /// text form is canonical.
    #[test]
    fn visibility_round_trips(visibility in any_visibility()) {
        let text = visibility.to_string();
        prop_assert_eq!(text.parse::<Visibility>(), Ok(visibility.clone()));
        let json = serde_json::to_string(&visibility).unwrap();
        prop_assert_eq!(&json, &format!("\"{text}\""));
        prop_assert_eq!(serde_json::from_str::<Visibility>(&json).unwrap(), visibility);
    }

    /// (5) Whatever parses prints back the same, and serde accepts exactly
    /// what `FromStr` accepts.
    #[test]
    fn visibility_text_is_canonical(text in "(public|network|group:[a-zA-Z0-9 :-]{0,10}|[a-z:]{0,10})") {
        let parsed = text.parse::<Visibility>();
        if let Ok(visibility) = &parsed {
            prop_assert_eq!(visibility.to_string(), text.clone());
        }
        let json = serde_json::to_string(&text).unwrap();
        prop_assert_eq!(serde_json::from_str::<Visibility>(&json).ok(), parsed.ok());
    }

    /// (5) Roles and scopes round-trip too.
    #[test]
    fn roles_and_scopes_round_trip(role in role(), scope in scope()) {
        prop_assert_eq!(role.to_string().parse::<NetworkRole>(), Ok(role));
        let json = serde_json::to_string(&role).unwrap();
        prop_assert_eq!(&json, &format!("\"{role}\""));
        prop_assert_eq!(serde_json::from_str::<NetworkRole>(&json).unwrap(), role);
        prop_assert_eq!(scope.to_string().parse::<Scope>(), Ok(scope));
        let json = serde_json::to_string(&scope).unwrap();
        prop_assert_eq!(&json, &format!("\"{scope}\""));
        prop_assert_eq!(serde_json::from_str::<Scope>(&json).unwrap(), scope);
    }
}
