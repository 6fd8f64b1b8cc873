//! What the directory's pages show, each in one call: the start page's
//! networks, a network's page, an organisation's page.
//!
//! The heavy part of each (loading a network of 500 members) is the same
//! for every reader, so it is kept per state of the database — keyed by
//! the change counter, see [`crate::views::ViewCache`] — and only the
//! reader's filter runs per request.

use std::ops::Deref;
use std::sync::Arc;

use chrono::NaiveDate;
use knotenpunkt_access::Action;
use knotenpunkt_domain::Slug;

use super::{Directory, Result};
use crate::views::{self, NetworkOverview, NetworkPage, OrganizationPage};

/// A page's view as one reader gets it: the shared view (not copied when
/// nothing is filtered out for this reader) and what this reader may do
/// with it, decided here so that no handler asks the policy.
#[derive(Debug, Clone)]
pub struct Shown<T> {
    view: Arc<T>,
    /// Whether the reader may change what the page shows: manage the
    /// network, edit the organisation's profile.
    pub may_change: bool,
    /// Today in Berlin, by the application's clock, for what the page
    /// counts from today.
    pub today: NaiveDate,
}

impl<T> Deref for Shown<T> {
    type Target = T;

    fn deref(&self) -> &T {
        &self.view
    }
}

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
    pub async fn network_page(&self, slug: &Slug) -> Result<Shown<NetworkPage>> {
        self.scope.visible_network(slug).await?;
        let generation = self.scope.counters().await?.directory;
        let view = self
            .scope
            .app
            .views()
            .network_page(slug, generation, views::network_page(self.store(), slug))
            .await?;
        Ok(Shown {
            view,
            may_change: self
                .scope
                .authorize(&Action::ManageNetwork(slug.as_str()))
                .is_ok(),
            today: self.scope.app.today(),
        })
    }

    /// Everything an organisation's page shows; memberships in networks the
    /// reader may not see are left out.
    pub async fn organization_page(&self, slug: &Slug) -> Result<Shown<OrganizationPage>> {
        let hidden = self.scope.hidden_networks().await?;
        let generation = self.scope.counters().await?.directory;
        let mut view = self
            .scope
            .app
            .views()
            .organization_page(
                slug,
                generation,
                views::organization_page(self.store(), slug),
            )
            .await?;
        if view
            .memberships
            .iter()
            .any(|(_, n)| hidden.contains(&n.slug))
        {
            let mut own = (*view).clone();
            own.memberships.retain(|(_, n)| !hidden.contains(&n.slug));
            own.cohorts.retain(|c| !hidden.contains(&c.network));
            view = Arc::new(own);
        }
        Ok(Shown {
            view,
            may_change: self
                .scope
                .authorize(&Action::EditOrganization(slug.as_str()))
                .is_ok(),
            today: self.scope.app.today(),
        })
    }
}
