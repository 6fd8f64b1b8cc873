//! The heavy views are kept per write generation: a write through the
//! directory shows at once, on every clone of it (each request reads
//! through its own clone), and a reader's filter still applies to what was
//! kept for everyone.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use knotenpunkt_app::domain::{Membership, Slug, Visibility};
use knotenpunkt_app::{App, Directory, load_demo};
use knotenpunkt_store::testing::TestDb;

fn slug(s: &str) -> Slug {
    s.parse().unwrap()
}

#[tokio::test]
async fn kept_views_follow_every_write_and_every_reader() {
    for db in TestDb::all().await.unwrap() {
        let reading = Directory::new(db.store.clone());
        load_demo(reading.app()).await.unwrap().unwrap();
        // Writes are the operator's; reads stay an anonymous visitor's.
        let dir = reading.for_actor(&App::operator());
        let network = slug("ikone-ds");
        let reader = reading.clone();
        let before = reader.network_page(&network).await.unwrap();
        // Asked again, the same; then a write through another clone.
        assert_eq!(
            reader.network_page(&network).await.unwrap().member_count,
            before.member_count
        );
        let mut org = dir
            .organization_page(&slug("aalen"))
            .await
            .unwrap()
            .organization
            .clone();
        org.name = "Aalen (umbenannt)".into();
        dir.update_organization(&slug("aalen"), &org).await.unwrap();
        dir.create_membership(&Membership {
            organization: slug("aalen"),
            network: network.clone(),
            cohort: None,
            role: knotenpunkt_app::domain::Role::Member,
            joined_on: None,
            left_on: None,
            source: None,
        })
        .await
        .unwrap();
        let after = reader.network_page(&network).await.unwrap();
        assert_eq!(after.member_count, before.member_count + 1);
        assert!(
            after
                .groups
                .iter()
                .flat_map(|g| &g.members)
                .any(|m| m.organization.name == "Aalen (umbenannt)")
        );
        let overview = reader.overview().await.unwrap();
        let ikone = overview.iter().find(|o| o.network.slug == network).unwrap();
        assert_eq!(ikone.members as usize, after.member_count);

        // Hidden from anonymous readers, though kept for everyone.
        let mut n = dir
            .unrestricted()
            .network_page(&network)
            .await
            .unwrap()
            .network
            .clone();
        n.visibility = Visibility::Network;
        dir.update_network(&network, &n).await.unwrap();
        assert!(reader.network_page(&network).await.is_err());
        assert!(
            !reader
                .overview()
                .await
                .unwrap()
                .iter()
                .any(|o| o.network.slug == network)
        );
        assert!(dir.unrestricted().network_page(&network).await.is_ok());
    }
}
