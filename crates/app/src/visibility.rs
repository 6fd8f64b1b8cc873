//! Whose eyes a [`Directory`] reads with.
//!
//! Every `Directory` carries a reader, and every read use case answers only
//! what that reader may see: hidden networks do not exist for them (not in
//! lists, counts, pages, feeds or error messages), and agenda points or
//! minutes of a narrower visibility are left out. A fresh `Directory` reads
//! as an anonymous visitor, so a surface that forgets to say who is asking
//! shows too little, never too much. The CLI, which acts for whoever owns
//! the database, reads [`Directory::unrestricted`].

use std::collections::HashSet;
use std::sync::Arc;

use knotenpunkt_access::{self as access, Action, Actor, Item, Scope};
use knotenpunkt_domain::{Network, Slug, Visibility};
use knotenpunkt_store::Page;

use crate::accounts::to_access_visibility;
use crate::{AppError, Directory};

type Result<T> = std::result::Result<T, AppError>;

impl Directory {
    /// The same directory, read with `actor`'s eyes.
    pub fn for_actor(&self, actor: &Actor) -> Directory {
        let mut d = self.clone();
        d.reader = Arc::new(actor.clone());
        d
    }

    /// The same directory, reading everything (the CLI, exports, tests).
    pub fn unrestricted(&self) -> Directory {
        self.for_actor(&Actor::signed_in(0).with_admin(true).with_scope(Scope::Read))
    }

    /// Who this directory reads as.
    pub fn reader(&self) -> &Actor {
        &self.reader
    }

    /// Whether the reader may see the network itself.
    pub(crate) fn sees_network(&self, n: &Network) -> bool {
        let v = to_access_visibility(&n.visibility);
        access::decide(
            &self.reader,
            &Action::SeeNetwork {
                network: n.slug.as_str(),
                visibility: &v,
            },
        )
        .is_ok()
    }

    /// Whether the reader may see an item of `network` with `visibility`
    /// (the network's own visibility is checked separately).
    pub(crate) fn sees_item(&self, network: Option<&Slug>, visibility: &Visibility) -> bool {
        let v = to_access_visibility(visibility);
        access::visible(
            &self.reader,
            &Item {
                network: network.map(Slug::as_str),
                visibility: &v,
            },
        )
    }

    /// The network, or "not found" — the same answer whether it does not
    /// exist or the reader may not see it.
    pub(crate) async fn visible_network(&self, slug: &Slug) -> Result<Network> {
        let n = self.store.get_network(slug).await?;
        if self.sees_network(&n) {
            Ok(n)
        } else {
            Err(AppError::NotFound {
                entity: "network",
                key: slug.to_string(),
            })
        }
    }

    /// Slugs of the networks the reader may not see.
    pub(crate) async fn hidden_networks(&self) -> Result<HashSet<Slug>> {
        Ok(self
            .store
            .list_networks(None, Page::ALL)
            .await?
            .items
            .into_iter()
            .filter(|n| !self.sees_network(n))
            .map(|n| n.slug)
            .collect())
    }
}
