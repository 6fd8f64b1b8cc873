//! Writes a synthetic directory for benchmarks: 11,000 fictional
//! municipalities (about as many as Germany has) in 200 networks, the first
//! network with 500 members. Names are plainly fictional ("Gemeinde 00042").
//!
//! `cargo run --release --example synth_directory > synth.json`

// Every generated value is valid by construction; a failure here is a bug
// in this generator, not bad input.
#![allow(clippy::unwrap_used)]

use knotenpunkt_app::DirectoryFile;
use knotenpunkt_app::domain::{Membership, Network, OrgKind, Organization, Role, State};

fn main() {
    let mut file = DirectoryFile::default();
    let states = State::ALL;
    for i in 0..11_000usize {
        let state = states[i % states.len()];
        file.organizations.push(Organization {
            slug: format!("gemeinde-{i:05}").parse().unwrap(),
            name: format!("Gemeinde {i:05}"),
            kind: if i % 40 == 0 {
                OrgKind::County
            } else {
                OrgKind::Municipality
            },
            states: vec![state],
            ags: None,
            population: Some(1_000 + (i as u64 * 7_919) % 250_000),
            website: None,
            parts: Vec::new(),
            source: Some("synthetic benchmark data".into()),
        });
    }
    for n in 0..200usize {
        let slug: knotenpunkt_app::domain::Slug = format!("netz-{n:03}").parse().unwrap();
        file.networks.push(Network {
            slug: slug.clone(),
            name: format!("Netzwerk {n:03}"),
            description: "Synthetisches Netzwerk für Messungen.".into(),
            coordinator: Some(file.organizations[n * 50].slug.clone()),
            founded_on: Some(format!("{}", 2000 + n % 25).parse().unwrap()),
            visibility: knotenpunkt_app::domain::Visibility::Public,
            website: None,
            figures: Vec::new(),
            source: None,
        });
        // Network 0 has 500 members; the others 55 each: 500 + 199 * 55 = 11,445.
        let size = if n == 0 { 500 } else { 55 };
        for k in 0..size {
            let org = (n * 55 + k * 13) % 11_000;
            file.memberships.push(Membership {
                organization: file.organizations[org].slug.clone(),
                network: slug.clone(),
                cohort: None,
                role: if k == 0 {
                    Role::Coordinator
                } else {
                    Role::Member
                },
                joined_on: Some(
                    format!("{}-{:02}", 2000 + (k % 25), 1 + k % 12)
                        .parse()
                        .unwrap(),
                ),
                left_on: None,
                source: None,
            });
        }
    }
    // The same organisation may land twice in one network by the modulo
    // above; keep the first.
    let mut seen = std::collections::HashSet::new();
    file.memberships
        .retain(|m| seen.insert((m.network.clone(), m.organization.clone())));
    print!("{}", file.to_json());
}
