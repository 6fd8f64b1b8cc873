//! The rules table of the crate docs, row by row, plus the cases the table
//! only mentions in its footnotes.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use knotenpunkt_access::{
    Action, Actor, Denial, Item, NetworkRole, Scope, SeeFilter, Visibility, decide,
    network_visibility_filter, visible,
};

const N: &str = "kommunal-digital";
const OTHER: &str = "klimanetz-sued";
const GROUP: &str = "lenkungskreis";
const OWN_ORG: &str = "musterstadt";
const OTHER_ORG: &str = "nachbarort";

const OK: Result<(), Denial> = Ok(());
const SI: Result<(), Denial> = Err(Denial::SignIn);
const FB: Result<(), Denial> = Err(Denial::Forbidden);
const HD: Result<(), Denial> = Err(Denial::Hidden);

/// One row of the table: label, action, expected answer per column.
type Row<'a> = (&'static str, Action<'a>, [Result<(), Denial>; 7]);

/// The columns of the table: anonymous, guest, member of another network,
/// partner, member, coordinator, admin. Every signed-in actor belongs to
/// `OWN_ORG`; only the member may edit its profile, and only the guest is
/// named in `GROUP`.
fn actors() -> [(&'static str, Actor); 7] {
    let person = |id| Actor::signed_in(id).with_organization(OWN_ORG);
    [
        ("anonymous", Actor::anonymous()),
        (
            "guest",
            person(1)
                .with_role(N, NetworkRole::Guest)
                .with_group(N, GROUP),
        ),
        ("other", person(2).with_role(OTHER, NetworkRole::Member)),
        ("partner", person(3).with_role(N, NetworkRole::Partner)),
        (
            "member",
            person(4)
                .with_role(N, NetworkRole::Member)
                .with_editor_of(OWN_ORG),
        ),
        (
            "coordinator",
            person(5).with_role(N, NetworkRole::Coordinator),
        ),
        ("admin", person(6).with_admin(true)),
    ]
}

/// `(row label, action, expected per column of [`actors`])`.
fn table<'a>(
    public: &'a Visibility,
    network: &'a Visibility,
    group: &'a Visibility,
) -> Vec<Row<'a>> {
    let item = |visibility| {
        Action::See(Item {
            network: Some(N),
            visibility,
        })
    };
    let orphan = |visibility| {
        Action::See(Item {
            network: None,
            visibility,
        })
    };
    let invite = |role| Action::Invite { network: N, role };
    vec![
        ("see public", item(public), [OK, OK, OK, OK, OK, OK, OK]),
        (
            "see public, no network",
            orphan(public),
            [OK, OK, OK, OK, OK, OK, OK],
        ),
        (
            "see network item",
            item(network),
            [HD, HD, HD, OK, OK, OK, OK],
        ),
        ("see group item", item(group), [HD, OK, HD, HD, HD, OK, OK]),
        (
            "see network item, no network",
            orphan(network),
            [HD, HD, HD, HD, HD, HD, OK],
        ),
        (
            "see group item, no network",
            orphan(group),
            [HD, HD, HD, HD, HD, HD, OK],
        ),
        (
            "see public network",
            Action::SeeNetwork {
                network: N,
                visibility: public,
            },
            [OK, OK, OK, OK, OK, OK, OK],
        ),
        (
            "see hidden network",
            Action::SeeNetwork {
                network: N,
                visibility: network,
            },
            [HD, OK, HD, OK, OK, OK, OK],
        ),
        (
            "see group-only network",
            Action::SeeNetwork {
                network: N,
                visibility: group,
            },
            [HD, OK, HD, OK, OK, OK, OK],
        ),
        (
            "manage platform",
            Action::ManagePlatform,
            [SI, FB, FB, FB, FB, FB, OK],
        ),
        (
            "manage network",
            Action::ManageNetwork(N),
            [SI, FB, FB, FB, FB, OK, OK],
        ),
        (
            "view audit",
            Action::ViewAudit(N),
            [SI, FB, FB, FB, FB, OK, OK],
        ),
        (
            "invite guest",
            invite(NetworkRole::Guest),
            [SI, FB, FB, FB, FB, OK, OK],
        ),
        (
            "invite member",
            invite(NetworkRole::Member),
            [SI, FB, FB, FB, FB, OK, OK],
        ),
        (
            "invite coordinator",
            invite(NetworkRole::Coordinator),
            [SI, FB, FB, FB, FB, OK, OK],
        ),
        (
            "contribute",
            Action::Contribute { network: N },
            [SI, FB, FB, OK, OK, OK, OK],
        ),
        (
            "record",
            Action::Record { network: N },
            [SI, FB, FB, FB, FB, OK, OK],
        ),
        (
            "declare own organisation unavailable",
            Action::DeclareUnavailable {
                network: N,
                organization: OWN_ORG,
            },
            [SI, FB, FB, FB, OK, OK, OK],
        ),
        (
            "declare other organisation unavailable",
            Action::DeclareUnavailable {
                network: N,
                organization: OTHER_ORG,
            },
            [SI, FB, FB, FB, FB, OK, OK],
        ),
        (
            "edit own organisation",
            Action::EditOrganization(OWN_ORG),
            [SI, FB, FB, FB, OK, FB, OK],
        ),
        (
            "edit other organisation",
            Action::EditOrganization(OTHER_ORG),
            [SI, FB, FB, FB, FB, FB, OK],
        ),
        (
            "manage own account",
            Action::ManageOwnAccount,
            [SI, OK, OK, OK, OK, OK, OK],
        ),
        (
            "see the lounge",
            Action::SeeLounge(N),
            [SI, HD, HD, HD, OK, OK, OK],
        ),
        (
            "check in for own organisation",
            Action::JoinLounge {
                network: N,
                organization: OWN_ORG,
            },
            [SI, FB, FB, FB, OK, OK, OK],
        ),
        (
            "check in for another organisation",
            Action::JoinLounge {
                network: N,
                organization: OTHER_ORG,
            },
            [SI, FB, FB, FB, FB, OK, OK],
        ),
        (
            "run the lounge",
            Action::RunLounge(N),
            [SI, FB, FB, FB, FB, OK, OK],
        ),
        (
            "share in public for own organisation",
            Action::Share {
                organization: OWN_ORG,
                network: None,
            },
            [SI, OK, OK, OK, OK, OK, OK],
        ),
        (
            "share for another organisation",
            Action::Share {
                organization: OTHER_ORG,
                network: None,
            },
            [SI, FB, FB, FB, FB, FB, OK],
        ),
        (
            "share with the network for own organisation",
            Action::Share {
                organization: OWN_ORG,
                network: Some(N),
            },
            [SI, FB, FB, OK, OK, OK, OK],
        ),
        (
            "moderate own organisation's",
            Action::Moderate {
                organization: OWN_ORG,
                network: Some(N),
            },
            [SI, OK, OK, OK, OK, OK, OK],
        ),
        (
            "moderate another organisation's in the network",
            Action::Moderate {
                organization: OTHER_ORG,
                network: Some(N),
            },
            [SI, FB, FB, FB, FB, OK, OK],
        ),
        (
            "moderate another organisation's public",
            Action::Moderate {
                organization: OTHER_ORG,
                network: None,
            },
            [SI, FB, FB, FB, FB, FB, OK],
        ),
        (
            "comment on a network item",
            Action::Comment(Item {
                network: Some(N),
                visibility: network,
            }),
            [SI, FB, FB, OK, OK, OK, OK],
        ),
        (
            "comment on a group item",
            Action::Comment(Item {
                network: Some(N),
                visibility: group,
            }),
            [SI, OK, FB, FB, FB, OK, OK],
        ),
        (
            "register for a public event",
            Action::Register(Item {
                network: Some(N),
                visibility: public,
            }),
            [SI, OK, OK, OK, OK, OK, OK],
        ),
        (
            "register by mail for a public event",
            Action::RegisterByMail(Item {
                network: Some(N),
                visibility: public,
            }),
            [OK, OK, OK, OK, OK, OK, OK],
        ),
        (
            "register by mail for a network event",
            Action::RegisterByMail(Item {
                network: Some(N),
                visibility: network,
            }),
            [HD, HD, HD, HD, HD, HD, OK],
        ),
        (
            "register for a network event",
            Action::Register(Item {
                network: Some(N),
                visibility: network,
            }),
            [SI, FB, FB, OK, OK, OK, OK],
        ),
    ]
}

fn check_table(scope: Scope) {
    let (public, network, group) = (
        Visibility::Public,
        Visibility::Network,
        Visibility::Group(GROUP.into()),
    );
    let actors = actors();
    let mut wrong = Vec::new();
    for (row, action, expected) in table(&public, &network, &group) {
        for ((column, actor), expected) in actors.iter().zip(expected) {
            let actor = if actor.is_signed_in() {
                actor.clone().with_scope(scope)
            } else {
                actor.clone()
            };
            let expected = match (scope, expected) {
                // Without a person there is no credential whose scope
                // could matter.
                (Scope::Read, Ok(())) if !action.is_read() && actor.is_signed_in() => {
                    Err(Denial::ReadOnly)
                }
                _ => expected,
            };
            let got = decide(&actor, &action);
            if got != expected {
                wrong.push(format!(
                    "{row} / {column}: expected {expected:?}, got {got:?}"
                ));
            }
            if let Action::See(item) = action {
                assert_eq!(visible(&actor, &item), got.is_ok(), "{row} / {column}");
            }
        }
    }
    assert!(wrong.is_empty(), "{scope:?} scope:\n{}", wrong.join("\n"));
}

#[test]
fn rules_table_with_write_scope() {
    check_table(Scope::Write);
}

#[test]
fn rules_table_with_read_scope() {
    check_table(Scope::Read);
}

#[test]
fn the_network_of_another_member_is_theirs_to_see() {
    let other = Actor::signed_in(2).with_role(OTHER, NetworkRole::Member);
    let network = Visibility::Network;
    let theirs = Item {
        network: Some(OTHER),
        visibility: &network,
    };
    assert_eq!(decide(&other, &Action::See(theirs)), Ok(()));
    assert_eq!(
        decide(&other, &Action::Contribute { network: OTHER }),
        Ok(())
    );
    assert_eq!(
        decide(&other, &Action::Contribute { network: N }),
        Err(Denial::Forbidden)
    );
}

#[test]
fn being_named_in_a_group_is_enough_without_a_role() {
    let outsider = Actor::signed_in(9).with_group(N, GROUP);
    let group = Visibility::Group(GROUP.into());
    let elsewhere = Visibility::Group("arbeitskreis".into());
    let item = |visibility| Item {
        network: Some(N),
        visibility,
    };
    assert!(visible(&outsider, &item(&group)));
    assert!(!visible(&outsider, &item(&elsewhere)));
    // Same group slug, different network: groups are per network.
    assert!(!visible(
        &outsider,
        &Item {
            network: Some(OTHER),
            visibility: &group
        }
    ));
    // Seeing a group item does not open the network's other items.
    assert!(!visible(&outsider, &item(&Visibility::Network)));
    assert_eq!(
        decide(
            &outsider,
            &Action::SeeNetwork {
                network: N,
                visibility: &group
            }
        ),
        Ok(())
    );
    assert_eq!(
        decide(
            &outsider,
            &Action::SeeNetwork {
                network: N,
                visibility: &Visibility::Network
            }
        ),
        Err(Denial::Hidden)
    );
}

#[test]
fn coordinators_see_every_group_of_their_network_only() {
    let coordinator = Actor::signed_in(5).with_role(N, NetworkRole::Coordinator);
    let group = Visibility::Group("irgendeine".into());
    assert!(visible(
        &coordinator,
        &Item {
            network: Some(N),
            visibility: &group
        }
    ));
    assert!(!visible(
        &coordinator,
        &Item {
            network: Some(OTHER),
            visibility: &group
        }
    ));
    assert_eq!(
        decide(&coordinator, &Action::ManageNetwork(OTHER)),
        Err(Denial::Forbidden)
    );
}

#[test]
fn declaring_unavailable_needs_membership_and_own_organisation() {
    let action = Action::DeclareUnavailable {
        network: N,
        organization: OWN_ORG,
    };
    let member_without_org = Actor::signed_in(4).with_role(N, NetworkRole::Member);
    assert_eq!(decide(&member_without_org, &action), Err(Denial::Forbidden));
    let partner_of_org = Actor::signed_in(3)
        .with_organization(OWN_ORG)
        .with_role(N, NetworkRole::Partner);
    assert_eq!(decide(&partner_of_org, &action), Err(Denial::Forbidden));
    let member_elsewhere = Actor::signed_in(2)
        .with_organization(OWN_ORG)
        .with_role(OTHER, NetworkRole::Member);
    assert_eq!(decide(&member_elsewhere, &action), Err(Denial::Forbidden));
    // An editor of the organisation is not thereby allowed either: hosting
    // is a matter of the network's members.
    let editor = Actor::signed_in(8).with_editor_of(OWN_ORG);
    assert_eq!(decide(&editor, &action), Err(Denial::Forbidden));
}

#[test]
fn editing_an_organisation_follows_editor_of_not_membership() {
    let belongs = Actor::signed_in(1).with_organization(OWN_ORG);
    assert_eq!(
        decide(&belongs, &Action::EditOrganization(OWN_ORG)),
        Err(Denial::Forbidden)
    );
    let editor = Actor::signed_in(1).with_editor_of(OTHER_ORG);
    assert_eq!(
        decide(&editor, &Action::EditOrganization(OTHER_ORG)),
        Ok(())
    );
}

#[test]
fn an_anonymous_actor_with_stray_rights_is_still_anonymous() {
    let forged = Actor {
        person: None,
        scope: Scope::Write,
        ..Actor::signed_in(1)
            .with_admin(true)
            .with_role(N, NetworkRole::Coordinator)
            .with_group(N, GROUP)
            .with_editor_of(OWN_ORG)
    };
    assert!(!forged.is_admin());
    assert_eq!(forged.role_in(N), None);
    assert!(!forged.in_group(N, GROUP));
    let network = Visibility::Network;
    let group = Visibility::Group(GROUP.into());
    for visibility in [&network, &group] {
        assert_eq!(
            decide(
                &forged,
                &Action::See(Item {
                    network: Some(N),
                    visibility
                })
            ),
            Err(Denial::Hidden)
        );
        assert_eq!(
            decide(
                &forged,
                &Action::SeeNetwork {
                    network: N,
                    visibility
                }
            ),
            Err(Denial::Hidden)
        );
    }
    assert_eq!(
        decide(&forged, &Action::ManagePlatform),
        Err(Denial::SignIn)
    );
    assert_eq!(
        decide(&forged, &Action::EditOrganization(OWN_ORG)),
        Err(Denial::SignIn)
    );
    assert_eq!(network_visibility_filter(&forged), SeeFilter::default());
}

#[test]
fn a_read_token_learns_nothing_the_person_could_not_know() {
    let member = Actor::signed_in(4)
        .with_role(N, NetworkRole::Member)
        .with_scope(Scope::Read);
    // Not allowed anyway: the answer is the person's, not the token's.
    assert_eq!(
        decide(&member, &Action::ManageNetwork(N)),
        Err(Denial::Forbidden)
    );
    // Allowed to the person, refused to the token.
    assert_eq!(
        decide(&member, &Action::Contribute { network: N }),
        Err(Denial::ReadOnly)
    );
    assert_eq!(
        decide(&member, &Action::ManageOwnAccount),
        Err(Denial::ReadOnly)
    );
    let admin = Actor::signed_in(6).with_admin(true).with_scope(Scope::Read);
    assert_eq!(
        decide(&admin, &Action::ManagePlatform),
        Err(Denial::ReadOnly)
    );
    let group = Visibility::Group(GROUP.into());
    assert_eq!(
        decide(
            &admin,
            &Action::See(Item {
                network: None,
                visibility: &group
            })
        ),
        Ok(())
    );
}

#[test]
fn the_filter_lists_what_the_storage_layer_needs() {
    let actor = Actor::signed_in(1)
        .with_role("a", NetworkRole::Guest)
        .with_role("b", NetworkRole::Partner)
        .with_role("c", NetworkRole::Member)
        .with_role("d", NetworkRole::Coordinator)
        .with_group("a", "g");
    let filter = network_visibility_filter(&actor);
    let set = |xs: &[&str]| xs.iter().map(|x| (*x).to_owned()).collect();
    assert!(!filter.all);
    assert_eq!(filter.networks, set(&["b", "c", "d"]));
    assert_eq!(filter.coordinated, set(&["d"]));
    assert_eq!(filter.joined, set(&["a", "b", "c", "d"]));
    assert_eq!(filter.groups, [("a".to_owned(), "g".to_owned())].into());
    assert!(network_visibility_filter(&actor.with_admin(true)).all);
    assert_eq!(
        network_visibility_filter(&Actor::anonymous()),
        SeeFilter::default()
    );
}

#[test]
fn denials_have_short_messages() {
    assert_eq!(Denial::Hidden.to_string(), "not found");
    assert_eq!(
        Denial::ReadOnly.to_string(),
        "this credential may only read"
    );
}
