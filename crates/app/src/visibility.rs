//! Whose eyes a service reads with.
//!
//! Every service carries an actor, and every read use case answers only
//! what that actor may see: hidden networks do not exist for them (not in
//! lists, counts, pages, feeds or error messages), and agenda points or
//! minutes of a narrower visibility are left out. A service built for an
//! anonymous actor shows too little, never too much. The CLI, which acts
//! for whoever owns the database, reads as [`crate::App::operator`].

use std::collections::HashSet;
use std::sync::Arc;

use knotenpunkt_access::{self as access, Action, Actor, Item, Scope as Credential};
use knotenpunkt_domain::{Network, Slug, Visibility};
use knotenpunkt_store::Page;

use crate::accounts::to_access_visibility;
use crate::scope::Scope;
use crate::{AppError, Directory};

type Result<T> = std::result::Result<T, AppError>;

impl Scope {
    /// Whether the actor may see the network itself.
    pub(crate) fn sees_network(&self, n: &Network) -> bool {
        let v = to_access_visibility(&n.visibility);
        access::decide(
            self.actor(),
            &Action::SeeNetwork {
                network: n.slug.as_str(),
                visibility: &v,
            },
        )
        .is_ok()
    }

    /// Whether the actor may see an item of `network` with `visibility`
    /// (the network's own visibility is checked separately).
    pub(crate) fn sees_item(&self, network: Option<&Slug>, visibility: &Visibility) -> bool {
        let v = to_access_visibility(visibility);
        access::visible(
            self.actor(),
            &Item {
                network: network.map(Slug::as_str),
                visibility: &v,
            },
        )
    }

    /// Every network, as of this request's change counter: loaded once per
    /// state of the database and shared by all readers, who filter it.
    pub(crate) async fn all_networks(&self) -> Result<Arc<Vec<Network>>> {
        let generation = self.counters().await?.directory;
        let store = self.store().clone();
        self.app
            .views()
            .networks(generation, async move {
                Ok(store.list_networks(None, Page::ALL).await?.items)
            })
            .await
    }

    /// The network, or "not found" — the same answer whether it does not
    /// exist or the actor may not see it.
    pub(crate) async fn visible_network(&self, slug: &Slug) -> Result<Network> {
        let all = self.all_networks().await?;
        match all.iter().find(|n| &n.slug == slug) {
            Some(n) if self.sees_network(n) => Ok(n.clone()),
            _ => Err(AppError::NotFound {
                entity: "network",
                key: slug.to_string(),
            }),
        }
    }

    /// Slugs of the networks the actor may not see.
    pub(crate) async fn hidden_networks(&self) -> Result<HashSet<Slug>> {
        Ok(self
            .all_networks()
            .await?
            .iter()
            .filter(|n| !self.sees_network(n))
            .map(|n| n.slug.clone())
            .collect())
    }
}

impl Directory {
    /// The same directory, read with `actor`'s eyes.
    pub fn for_actor(&self, actor: &Actor) -> Directory {
        Directory::build(self.scope.with_actor(actor.clone()))
    }

    /// The same directory, reading everything (the CLI, exports, tests).
    pub fn unrestricted(&self) -> Directory {
        self.for_actor(
            &Actor::signed_in(0)
                .with_admin(true)
                .with_scope(Credential::Read),
        )
    }

    /// Who this directory reads as.
    pub fn reader(&self) -> &Actor {
        self.scope.actor()
    }
}
