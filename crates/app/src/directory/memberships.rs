//! Memberships: which organisation belongs to which network, in which
//! cohort and role, since and until when. A network's coordinators manage
//! its memberships.

use knotenpunkt_domain::Membership;
use knotenpunkt_store::{Listed, MembershipFilter, Page, WithId};

use super::{Directory, Result, describe_membership, slice};
use crate::AppError;
use crate::audit::AuditAction;
use crate::scope::Audit;

impl Directory {
    /// Memberships matching a filter, in networks the reader may see.
    pub async fn memberships(
        &self,
        filter: &MembershipFilter,
        page: Page,
    ) -> Result<Listed<WithId<Membership>>> {
        if let Some(n) = &filter.network {
            self.scope.visible_network(n).await?;
            return Ok(self.store().list_memberships(filter, page).await?);
        }
        let hidden = self.scope.hidden_networks().await?;
        if hidden.is_empty() {
            return Ok(self.store().list_memberships(filter, page).await?);
        }
        let all: Vec<WithId<Membership>> = self
            .store()
            .list_memberships(filter, Page::ALL)
            .await?
            .items
            .into_iter()
            .filter(|m| !hidden.contains(&m.value.network))
            .collect();
        Ok(slice(all, page))
    }

    /// One membership; one of a network the reader may not see is "not
    /// found", as a missing one is.
    pub async fn membership(&self, id: i64) -> Result<WithId<Membership>> {
        let m = self.store().get_membership(id).await?;
        self.scope
            .visible_network(&m.value.network)
            .await
            .map_err(|_| AppError::NotFound {
                entity: "membership",
                key: id.to_string(),
            })?;
        Ok(m)
    }

    /// Adds a membership (coordinators of its network); returns its id.
    pub async fn create_membership(&self, m: &Membership) -> Result<i64> {
        self.scope.may_manage_network(&m.network).await?;
        m.validate()?;
        let mut w = self.scope.write().await?;
        let id = w.tx().create_membership(m).await?;
        w.commit(
            Audit::new(
                AuditAction::MembershipCreate,
                Some(&m.network),
                &m.organization,
            )
            .detail(describe_membership(m)),
        )
        .await?;
        Ok(id)
    }

    /// Replaces membership `id` (coordinators of its network, and of the
    /// network it moves to).
    pub async fn update_membership(&self, id: i64, m: &Membership) -> Result<()> {
        let before = self
            .scope
            .may_manage_membership(id, Some(&m.network))
            .await?;
        m.validate()?;
        let mut w = self.scope.write().await?;
        w.tx().update_membership(id, m).await?;
        w.commit(
            Audit::new(
                AuditAction::MembershipUpdate,
                Some(&m.network),
                &m.organization,
            )
            .detail(format!(
                "{} → {}",
                describe_membership(&before),
                describe_membership(m)
            )),
        )
        .await
    }

    /// Removes membership `id` (coordinators of its network).
    pub async fn delete_membership(&self, id: i64) -> Result<()> {
        let before = self.scope.may_manage_membership(id, None).await?;
        let mut w = self.scope.write().await?;
        w.tx().delete_membership(id).await?;
        w.commit(
            Audit::new(
                AuditAction::MembershipDelete,
                Some(&before.network),
                &before.organization,
            )
            .detail(describe_membership(&before)),
        )
        .await
    }
}
