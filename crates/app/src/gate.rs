//! Asking the policy about stored things: the gate looks up which network
//! owns the target and who may see it, then asks `knotenpunkt-access`.
//!
//! Surfaces name what they are about to do ("manage this series"); the
//! gate turns that into the policy's action. Anything the actor may not
//! even see answers exactly as a missing thing of the name asked for —
//! `NotFound` with that entity and key, before any other rule — so a
//! refused write never confirms that a hidden network exists, not even by
//! the wording of the 404.

use knotenpunkt_access::{Action, Actor, Item};
use knotenpunkt_domain::Slug;

use crate::accounts::to_access_visibility;
use crate::{AppError, Directory};

type Result<T> = std::result::Result<T, AppError>;

/// The answer for something the actor may not see: the one a missing
/// `entity` called `key` gets. Other failures pass through.
fn as_missing(e: AppError, entity: &'static str, key: impl ToString) -> AppError {
    match e {
        AppError::NotFound { .. } | AppError::Denied(knotenpunkt_access::Denial::Hidden) => {
            AppError::NotFound {
                entity,
                key: key.to_string(),
            }
        }
        e => e,
    }
}

/// What the actor means to do to a series or its meetings.
#[derive(Debug, Clone, Copy)]
pub enum SeriesIntent<'a> {
    /// Change the series, its exceptions, delete agenda points.
    Manage,
    /// Raise an agenda point, follow it.
    Contribute,
    /// Write minutes and attendance.
    Record,
    /// Declare dates this organisation cannot host.
    DeclareUnavailable(&'a Slug),
}

impl Directory {
    /// Whether `actor` may see the network at all (404 otherwise).
    pub async fn may_see_network(&self, actor: &Actor, network: &Slug) -> Result<()> {
        let n = self.store.get_network(network).await?;
        let visibility = to_access_visibility(&n.visibility);
        self.authorize(
            actor,
            &Action::SeeNetwork {
                network: network.as_str(),
                visibility: &visibility,
            },
        )
        .map_err(|_| AppError::NotFound {
            entity: "network",
            key: network.to_string(),
        })
    }

    /// May `actor` manage this network (members, cohorts, series, invitations)?
    pub async fn may_manage_network(&self, actor: &Actor, network: &Slug) -> Result<()> {
        self.may_see_network(actor, network).await?;
        self.authorize(actor, &Action::ManageNetwork(network.as_str()))
    }

    /// May `actor` do `intent` to this series? Series of cooperations belong
    /// to no network; only admins change them (and the partner itself
    /// declares its own unavailable dates).
    pub async fn may_series(
        &self,
        actor: &Actor,
        series: &Slug,
        intent: SeriesIntent<'_>,
    ) -> Result<()> {
        let s = self.store.get_series(series).await?;
        let visibility = to_access_visibility(&s.visibility);
        let network = s.network.as_ref().map(|n| n.to_string());
        if let Some(n) = &s.network {
            self.may_see_network(actor, n)
                .await
                .map_err(|e| as_missing(e, "series", series))?;
        }
        self.authorize(
            actor,
            &Action::See(Item {
                network: network.as_deref(),
                visibility: &visibility,
            }),
        )
        .map_err(|e| as_missing(e, "series", series))?;
        match (network.as_deref(), intent) {
            (Some(n), SeriesIntent::Manage) => self.authorize(actor, &Action::ManageNetwork(n)),
            (Some(n), SeriesIntent::Contribute) => {
                self.authorize(actor, &Action::Contribute { network: n })
            }
            (Some(n), SeriesIntent::Record) => {
                self.authorize(actor, &Action::Record { network: n })
            }
            (Some(n), SeriesIntent::DeclareUnavailable(o)) => self.authorize(
                actor,
                &Action::DeclareUnavailable {
                    network: n,
                    organization: o.as_str(),
                },
            ),
            (None, SeriesIntent::DeclareUnavailable(o)) => {
                self.authorize(actor, &Action::EditOrganization(o.as_str()))
            }
            (None, _) => self.authorize(actor, &Action::ManagePlatform),
        }
    }

    /// May `actor` put `organization`'s name on an agenda point of this
    /// series? Members speak for their own organisation; coordinators of
    /// the series' network (and admins) for anyone.
    pub async fn may_speak_for(
        &self,
        actor: &Actor,
        series: &Slug,
        organization: &Slug,
    ) -> Result<()> {
        if actor.organization.as_deref() == Some(organization.as_str()) {
            return Ok(());
        }
        self.may_series(actor, series, SeriesIntent::Manage).await
    }

    /// May `actor` create a series owned by this network (or, with `None`,
    /// a cooperation)?
    pub async fn may_create_series(&self, actor: &Actor, network: Option<&Slug>) -> Result<()> {
        match network {
            Some(n) => self.may_manage_network(actor, n).await,
            None => self.authorize(actor, &Action::ManagePlatform),
        }
    }

    /// May `actor` change or remove membership `id` (and, for an update,
    /// move it to `into`)?
    pub async fn may_manage_membership(
        &self,
        actor: &Actor,
        id: i64,
        into: Option<&Slug>,
    ) -> Result<()> {
        let m = self.membership(id).await?;
        self.may_see_network(actor, &m.value.network)
            .await
            .map_err(|e| as_missing(e, "membership", id))?;
        self.may_manage_network(actor, &m.value.network).await?;
        if let Some(n) = into
            && n != &m.value.network
        {
            self.may_manage_network(actor, n).await?;
        }
        Ok(())
    }
}
