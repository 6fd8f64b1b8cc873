//! The doors of the directory's management: whether the actor may manage a
//! network, a membership, an organisation's profile or the platform, with
//! the thing behind the door when they may.
//!
//! Surfaces ask these before they show a management form, so that a form is
//! never shown to someone whose submission the use case would refuse; the
//! use cases ask the same questions again when the form comes back.

use knotenpunkt_access::Action;
use knotenpunkt_domain::{Membership, Network, Organization, Slug};

use super::{Directory, Result};
use crate::AppError;

/// What someone wants to do with an organisation's profile.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProfileIntent {
    /// Change what the profile says (its editors and admins).
    Edit,
    /// Name who may edit it (admins).
    NameEditors,
}

/// An organisation whose profile the actor may change.
#[derive(Debug, Clone)]
pub struct EditableOrganization {
    /// The organisation as stored.
    pub organization: Organization,
    /// Whether the actor may also name its editors.
    pub names_editors: bool,
}

impl Directory {
    /// The network `slug`, when the actor may manage it.
    pub async fn managed_network(&self, slug: &Slug) -> Result<Network> {
        self.scope.may_manage_network(slug).await
    }

    /// Membership `id` of `network`, when the actor may manage it. A
    /// membership of another network is not found here: managing one
    /// network gives no say over another's memberships, nor a hint that
    /// they exist.
    pub async fn managed_membership(&self, network: &Slug, id: i64) -> Result<Membership> {
        self.scope.may_manage_network(network).await?;
        let stored = self.store().get_membership(id).await?.value;
        if &stored.network == network {
            Ok(stored)
        } else {
            Err(AppError::NotFound {
                entity: "membership",
                key: id.to_string(),
            })
        }
    }

    /// Passes when the actor administers the platform.
    pub fn administers_platform(&self) -> Result<()> {
        self.scope.authorize(&Action::ManagePlatform)
    }

    /// Organisation `slug`, when the actor may do `intent` with its profile.
    pub async fn editable_organization(
        &self,
        slug: &Slug,
        intent: ProfileIntent,
    ) -> Result<EditableOrganization> {
        let action = match intent {
            ProfileIntent::Edit => Action::EditOrganization(slug.as_str()),
            ProfileIntent::NameEditors => Action::ManagePlatform,
        };
        self.scope.authorize(&action)?;
        Ok(EditableOrganization {
            organization: self.organization(slug).await?,
            names_editors: self.administers_platform().is_ok(),
        })
    }
}
