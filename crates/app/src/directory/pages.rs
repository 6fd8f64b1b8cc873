//! What the directory's pages show, each in one call: the start page's
//! networks, a network's page, an organisation's page.
//!
//! The heavy part of each (loading a network of 500 members) is the same
//! for every reader, so it is kept per state of the database — keyed by
//! the change counter, see [`crate::views::ViewCache`] — and only the
//! reader's filter runs per request.

use knotenpunkt_domain::Slug;

use super::{Directory, Result};
use crate::views::{self, NetworkOverview, NetworkPage, OrganizationPage};

impl Directory {
    /// Everything the start page shows.
    pub async fn overview(&self) -> Result<Vec<NetworkOverview>> {
        let generation = self.scope.counters().await?.directory;
        let hidden = self.scope.hidden_networks().await?;
        let all = self
            .scope
            .app
            .views()
            .overview(generation, views::overview(self.store()))
            .await?;
        Ok(all
            .iter()
            .filter(|o| !hidden.contains(&o.network.slug))
            .cloned()
            .collect())
    }

    /// Everything a network's page shows.
    pub async fn network_page(&self, slug: &Slug) -> Result<NetworkPage> {
        self.scope.visible_network(slug).await?;
        let generation = self.scope.counters().await?.directory;
        let page = self
            .scope
            .app
            .views()
            .network_page(slug, generation, views::network_page(self.store(), slug))
            .await?;
        Ok((*page).clone())
    }

    /// Everything an organisation's page shows; memberships in networks the
    /// reader may not see are left out.
    pub async fn organization_page(&self, slug: &Slug) -> Result<OrganizationPage> {
        let hidden = self.scope.hidden_networks().await?;
        let generation = self.scope.counters().await?.directory;
        let page = self
            .scope
            .app
            .views()
            .organization_page(
                slug,
                generation,
                views::organization_page(self.store(), slug),
            )
            .await?;
        let mut page = (*page).clone();
        page.memberships.retain(|(_, n)| !hidden.contains(&n.slug));
        Ok(page)
    }
}
