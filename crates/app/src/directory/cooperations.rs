//! Cooperations between organisations (a city and a research institute, a
//! region's partners). Anyone reads them; admins manage them.

use knotenpunkt_access::Action;
use knotenpunkt_domain::{Cooperation, Slug};
use knotenpunkt_store::WithId;

use super::{Directory, Result};
use crate::audit::AuditAction;
use crate::scope::Audit;

impl Directory {
    /// Cooperations, all or of one organisation.
    pub async fn cooperations(
        &self,
        organization: Option<&Slug>,
    ) -> Result<Vec<WithId<Cooperation>>> {
        Ok(self.store().list_cooperations(organization).await?)
    }

    /// One cooperation.
    pub async fn cooperation(&self, id: i64) -> Result<WithId<Cooperation>> {
        Ok(self.store().get_cooperation(id).await?)
    }

    /// Adds a cooperation (admins); returns its id.
    pub async fn create_cooperation(&self, c: &Cooperation) -> Result<i64> {
        self.scope.authorize(&Action::ManagePlatform)?;
        c.validate()?;
        let mut w = self.scope.write().await?;
        let id = w.tx().create_cooperation(c).await?;
        w.commit(Audit::new(AuditAction::CooperationCreate, None, id).detail(&c.name))
            .await?;
        Ok(id)
    }

    /// Replaces cooperation `id` (admins).
    pub async fn update_cooperation(&self, id: i64, c: &Cooperation) -> Result<()> {
        self.scope.authorize(&Action::ManagePlatform)?;
        c.validate()?;
        let mut w = self.scope.write().await?;
        w.tx().update_cooperation(id, c).await?;
        w.commit(Audit::new(AuditAction::CooperationUpdate, None, id).detail(&c.name))
            .await
    }

    /// Removes cooperation `id` (admins).
    pub async fn delete_cooperation(&self, id: i64) -> Result<()> {
        self.scope.authorize(&Action::ManagePlatform)?;
        let name = self.store().get_cooperation(id).await?.value.name;
        let mut w = self.scope.write().await?;
        w.tx().delete_cooperation(id).await?;
        w.commit(Audit::new(AuditAction::CooperationDelete, None, id).detail(name))
            .await
    }
}
