//! Asking the policy about stored things: the gate looks up which network
//! owns the target and who may see it, then asks `knotenpunkt-access`.
//!
//! Use cases name what they are about to do ("manage this series"); the
//! gate turns that into the policy's action. Anything the actor may not
//! even see answers exactly as a missing thing of the name asked for —
//! `NotFound` with that entity and key, before any other rule — so a
//! refused write never confirms that a hidden network exists, not even by
//! the wording of the 404.

use knotenpunkt_access::{Action, Actor, Item};
use knotenpunkt_domain::{Membership, Network, Slug};

use crate::accounts::to_access_visibility;
use crate::scope::Scope;
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

impl Scope {
    /// The network if the actor may see it at all (404 otherwise).
    pub(crate) async fn may_see_network(&self, network: &Slug) -> Result<Network> {
        self.visible_network(network).await
    }

    /// The network if the actor may manage it (members, cohorts, series,
    /// invitations): 404 when they may not see it, else the policy's answer.
    pub(crate) async fn may_manage_network(&self, network: &Slug) -> Result<Network> {
        let n = self.may_see_network(network).await?;
        self.authorize(&Action::ManageNetwork(network.as_str()))?;
        Ok(n)
    }

    /// May the actor do `intent` to this series? Series of cooperations
    /// belong to no network; only admins change them (and the partner itself
    /// declares its own unavailable dates).
    pub(crate) async fn may_series(&self, series: &Slug, intent: SeriesIntent<'_>) -> Result<()> {
        let s = self.store().get_series(series).await?;
        self.may_series_loaded(&s, intent).await
    }

    /// [`Scope::may_series`] for a series already loaded (a page that asks
    /// several questions about one series loads it once).
    pub(crate) async fn may_series_loaded(
        &self,
        s: &knotenpunkt_domain::Series,
        intent: SeriesIntent<'_>,
    ) -> Result<()> {
        let series = &s.slug;
        let visibility = to_access_visibility(&s.visibility);
        let network = s.network.as_ref().map(|n| n.to_string());
        if let Some(n) = &s.network {
            self.may_see_network(n)
                .await
                .map_err(|e| as_missing(e, "series", series))?;
        }
        self.authorize(&Action::See(Item {
            network: network.as_deref(),
            visibility: &visibility,
        }))
        .map_err(|e| as_missing(e, "series", series))?;
        match (network.as_deref(), intent) {
            (Some(n), SeriesIntent::Manage) => self.authorize(&Action::ManageNetwork(n)),
            (Some(n), SeriesIntent::Contribute) => {
                self.authorize(&Action::Contribute { network: n })
            }
            (Some(n), SeriesIntent::Record) => self.authorize(&Action::Record { network: n }),
            (Some(n), SeriesIntent::DeclareUnavailable(o)) => {
                self.authorize(&Action::DeclareUnavailable {
                    network: n,
                    organization: o.as_str(),
                })
            }
            (None, SeriesIntent::DeclareUnavailable(o)) => {
                self.authorize(&Action::EditOrganization(o.as_str()))
            }
            (None, _) => self.authorize(&Action::ManagePlatform),
        }
    }

    /// May the actor put `organization`'s name on an agenda point of this
    /// series? Members speak for their own organisation; coordinators of
    /// the series' network (and admins) for anyone.
    pub(crate) async fn may_speak_for(&self, series: &Slug, organization: &Slug) -> Result<()> {
        if self.actor().organization.as_deref() == Some(organization.as_str()) {
            return Ok(());
        }
        self.may_series(series, SeriesIntent::Manage).await
    }

    /// May the actor create a series owned by this network (or, with
    /// `None`, a cooperation)?
    pub(crate) async fn may_create_series(&self, network: Option<&Slug>) -> Result<()> {
        match network {
            Some(n) => self.may_manage_network(n).await.map(|_| ()),
            None => self.authorize(&Action::ManagePlatform),
        }
    }

    /// The membership `id` if the actor may change or remove it (and, for
    /// an update, move it to `into`).
    pub(crate) async fn may_manage_membership(
        &self,
        id: i64,
        into: Option<&Slug>,
    ) -> Result<Membership> {
        let m = self.store().get_membership(id).await?.value;
        self.may_see_network(&m.network)
            .await
            .map_err(|e| as_missing(e, "membership", id))?;
        self.may_manage_network(&m.network).await?;
        if let Some(n) = into
            && n != &m.network
        {
            self.may_manage_network(n).await?;
        }
        Ok(m)
    }
}

/// The gate for surfaces that still ask it themselves. Use cases that moved
/// to their area service ask [`Scope`] inside; these go with the last caller.
impl Directory {
    /// Whether `actor` may see the network at all (404 otherwise).
    pub async fn may_see_network(&self, actor: &Actor, network: &Slug) -> Result<()> {
        self.scope
            .with_actor(actor.clone())
            .may_see_network(network)
            .await
            .map(|_| ())
    }

    /// May `actor` manage this network (members, cohorts, series, invitations)?
    pub async fn may_manage_network(&self, actor: &Actor, network: &Slug) -> Result<()> {
        self.scope
            .with_actor(actor.clone())
            .may_manage_network(network)
            .await
            .map(|_| ())
    }

    /// May `actor` change or remove membership `id` (and move it to `into`)?
    pub async fn may_manage_membership(
        &self,
        actor: &Actor,
        id: i64,
        into: Option<&Slug>,
    ) -> Result<()> {
        self.scope
            .with_actor(actor.clone())
            .may_manage_membership(id, into)
            .await
            .map(|_| ())
    }
}
