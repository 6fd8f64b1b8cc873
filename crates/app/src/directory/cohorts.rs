//! Cohorts (Staffeln) of a network: the smallest complete use case, and the
//! one to copy.
//!
//! Each write has the same four steps, in this order:
//! 1. **ask the policy** (`may_manage_network`): an outsider learns nothing
//!    from the answer, not even whether the input was valid;
//! 2. **check the input** with the domain's rules (`validate`) and against
//!    the address it was sent to;
//! 3. **change the store** inside [`crate::scope::Write`];
//! 4. **commit with the audit entry**, which also raises the change counters.

use knotenpunkt_domain::{Cohort, FieldError, Slug};

use super::{Directory, Result};
use crate::AppError;
use crate::audit::AuditAction;
use crate::scope::Audit;

impl Directory {
    /// Cohorts of a network, or of every network the reader may see.
    pub async fn cohorts(&self, network: Option<&Slug>) -> Result<Vec<Cohort>> {
        if let Some(n) = network {
            self.scope.visible_network(n).await?;
        }
        let hidden = self.scope.hidden_networks().await?;
        let mut all = self.store().list_cohorts(network).await?;
        all.retain(|c| !hidden.contains(&c.network));
        Ok(all)
    }

    /// One cohort.
    pub async fn cohort(&self, network: &Slug, slug: &Slug) -> Result<Cohort> {
        self.scope.visible_network(network).await?;
        Ok(self.store().get_cohort(network, slug).await?)
    }

    /// Adds a cohort to `network` (coordinators of it, admins).
    pub async fn create_cohort(&self, network: &Slug, c: &Cohort) -> Result<()> {
        self.scope.may_manage_network(network).await?;
        same_network(network, c)?;
        c.validate()?;
        let mut w = self.scope.write().await?;
        w.tx().create_cohort(c).await?;
        w.commit(Audit::new(AuditAction::CohortCreate, Some(network), &c.slug).detail(&c.name))
            .await
    }

    /// Replaces cohort `slug` of `network`; it stays in that network.
    pub async fn update_cohort(&self, network: &Slug, slug: &Slug, c: &Cohort) -> Result<()> {
        self.scope.may_manage_network(network).await?;
        same_network(network, c)?;
        c.validate()?;
        let mut w = self.scope.write().await?;
        w.tx().update_cohort(network, slug, c).await?;
        w.commit(Audit::new(AuditAction::CohortUpdate, Some(network), slug).detail(&c.name))
            .await
    }

    /// Removes a cohort no membership refers to.
    pub async fn delete_cohort(&self, network: &Slug, slug: &Slug) -> Result<()> {
        self.scope.may_manage_network(network).await?;
        let mut w = self.scope.write().await?;
        w.tx().delete_cohort(network, slug).await?;
        w.commit(Audit::new(AuditAction::CohortDelete, Some(network), slug))
            .await
    }
}

/// A cohort sent to a network's address must belong to that network.
fn same_network(network: &Slug, c: &Cohort) -> Result<()> {
    if &c.network == network {
        Ok(())
    } else {
        Err(AppError::Invalid(vec![FieldError::new(
            "network",
            format!("must be '{network}' as in the address"),
        )]))
    }
}
