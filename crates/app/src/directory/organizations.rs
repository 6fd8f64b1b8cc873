//! Organisations: cities, counties, cooperations, institutes. Anyone reads
//! them; admins create and delete them; admins and the organisation's named
//! editors change its profile.

use knotenpunkt_access::Action;
use knotenpunkt_domain::{Organization, Slug};
use knotenpunkt_store::{Listed, OrgFilter, Page};

use super::{Directory, Result};
use crate::audit::AuditAction;
use crate::scope::Audit;

impl Directory {
    /// Organisations matching a filter.
    pub async fn organizations(
        &self,
        filter: &OrgFilter,
        page: Page,
    ) -> Result<Listed<Organization>> {
        // The members of a hidden network are not listed as such.
        if let Some(n) = &filter.network {
            self.scope.visible_network(n).await?;
        }
        Ok(self.store().list_organizations(filter, page).await?)
    }

    /// One organisation.
    pub async fn organization(&self, slug: &Slug) -> Result<Organization> {
        Ok(self.store().get_organization(slug).await?)
    }

    /// Adds an organisation (admins).
    pub async fn create_organization(&self, o: &Organization) -> Result<()> {
        self.scope.authorize(&Action::ManagePlatform)?;
        o.validate()?;
        let mut w = self.scope.write().await?;
        w.tx().create_organization(o).await?;
        w.commit(Audit::new(AuditAction::OrganizationCreate, None, &o.slug).detail(&o.name))
            .await
    }

    /// Replaces organisation `slug`'s profile (admins, its editors); the
    /// slug may change with it.
    pub async fn update_organization(&self, slug: &Slug, o: &Organization) -> Result<()> {
        self.scope
            .authorize(&Action::EditOrganization(slug.as_str()))?;
        o.validate()?;
        let mut w = self.scope.write().await?;
        w.tx().update_organization(slug, o).await?;
        w.commit(Audit::new(AuditAction::OrganizationUpdate, None, slug).detail(&o.name))
            .await
    }

    /// Removes an organisation nothing refers to (admins); one still named
    /// in a membership, cooperation or network is refused with the reason.
    pub async fn delete_organization(&self, slug: &Slug) -> Result<()> {
        self.scope.authorize(&Action::ManagePlatform)?;
        let name = self.store().get_organization(slug).await?.name;
        let mut w = self.scope.write().await?;
        w.tx().delete_organization(slug).await?;
        w.commit(Audit::new(AuditAction::OrganizationDelete, None, slug).detail(name))
            .await
    }
}
