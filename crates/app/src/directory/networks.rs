//! Networks: what they are, who coordinates them, who may see them.
//! Admins create and delete networks; a network's coordinators change its
//! settings (its visibility included).

use knotenpunkt_access::Action;
use knotenpunkt_domain::{Network, Slug};
use knotenpunkt_store::{Listed, Page};

use super::{Directory, Result, slice};
use crate::audit::AuditAction;
use crate::scope::Audit;

impl Directory {
    /// Networks the reader may see, optionally searched by name.
    pub async fn networks(&self, q: Option<&str>, page: Page) -> Result<Listed<Network>> {
        let hidden = self.scope.hidden_networks().await?;
        if hidden.is_empty() {
            return Ok(self.store().list_networks(q, page).await?);
        }
        // Networks are few; filtering the whole list keeps totals honest.
        let all: Vec<Network> = self
            .store()
            .list_networks(q, Page::ALL)
            .await?
            .items
            .into_iter()
            .filter(|n| !hidden.contains(&n.slug))
            .collect();
        Ok(slice(all, page))
    }

    /// One network, or "not found" when the reader may not see it.
    pub async fn network(&self, slug: &Slug) -> Result<Network> {
        self.scope.visible_network(slug).await
    }

    /// Adds a network (admins).
    pub async fn create_network(&self, n: &Network) -> Result<()> {
        self.scope.authorize(&Action::ManagePlatform)?;
        n.validate()?;
        let mut w = self.scope.write().await?;
        w.tx().create_network(n).await?;
        w.commit(Audit::new(AuditAction::NetworkCreate, Some(&n.slug), &n.slug).detail(&n.name))
            .await
    }

    /// Replaces network `slug`'s settings (its coordinators, admins). A
    /// change of who may see it is spelt out in the log.
    pub async fn update_network(&self, slug: &Slug, n: &Network) -> Result<()> {
        let before = self.scope.may_manage_network(slug).await?;
        n.validate()?;
        let mut w = self.scope.write().await?;
        w.tx().update_network(slug, n).await?;
        let detail = (before.visibility != n.visibility)
            .then(|| format!("visibility: {} -> {}", before.visibility, n.visibility));
        // Logged under the network's name as it is now.
        w.commit(Audit::new(AuditAction::NetworkUpdate, Some(&n.slug), slug).maybe_detail(detail))
            .await
    }

    /// Removes a network with its cohorts and memberships (admins).
    /// Organisations stay. The entry goes to the platform's log, since the
    /// network's own log goes with it.
    pub async fn delete_network(&self, slug: &Slug) -> Result<()> {
        self.scope.authorize(&Action::ManagePlatform)?;
        let name = self.store().get_network(slug).await?.name;
        let mut w = self.scope.write().await?;
        w.tx().delete_network(slug).await?;
        w.commit(Audit::new(AuditAction::NetworkDelete, None, slug).detail(name))
            .await
    }
}
