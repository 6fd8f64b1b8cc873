//! The "managed network" extractor: the network a management request is
//! about, once the policy lets the viewer manage it.
//!
//! This is the one place the management pages ask the directory's door
//! ([`Directory::managed_network`]) whether someone may manage a network; whoever may not gets what the gate says before any
//! handler reads or writes: the 404 page for a malformed or hidden network,
//! the sign-in page (and back afterwards) for anonymous visitors, 403 for
//! everyone else.

use axum::extract::{FromRequestParts, Path};
use axum::http::request::Parts;
use axum::response::Response;
use knotenpunkt_app::domain::{Network, Slug};
use knotenpunkt_app::{Administration, Directory};
use serde::Deserialize;

use crate::AppState;
use crate::auth::service;
use crate::pages::ctx::Ctx;
use crate::pages::extract::{Back, Here, infallible, not_found};
use crate::pages::form::refused;

/// The network a management request is about, once the gate let it
/// through. As an extractor, an anonymous visitor comes back to the address
/// itself after signing in (a page, or a form that posts to its own page);
/// see [`InSection`] for the forms that post elsewhere.
pub(crate) struct Managed {
    pub(crate) slug: Slug,
    pub(crate) network: Network,
    /// The directory read with the viewer's eyes: a coordinator sees their
    /// network and its series even where an outsider would not.
    pub(crate) dir: Directory,
    /// The network's people (invitations, roles, groups, the protocol) as
    /// the viewer may manage them.
    pub(crate) admin: Administration,
}

/// [`Managed`] for a form that posts to an address of its own (removing a
/// member, deleting a cohort): an anonymous visitor comes back to the
/// section's page.
pub(crate) struct InSection(pub(crate) Managed);

/// Back to the page of the section the form belongs to.
pub(crate) struct ToSection;

impl Back for ToSection {
    fn page(path: &str) -> String {
        path.split('/').take(5).collect::<Vec<_>>().join("/")
    }
}

#[derive(Deserialize)]
struct NetworkParam {
    slug: Slug,
}

impl Managed {
    /// Lets the request through when the viewer may manage the network in
    /// its address; else the answer, sending an anonymous visitor back to
    /// `B`'s page afterwards.
    pub(crate) async fn gate<B: Back>(
        parts: &mut Parts,
        s: &AppState,
    ) -> Result<Managed, Response> {
        let Ok(Path(NetworkParam { slug })) = Path::from_request_parts(parts, s).await else {
            return Err(not_found(parts, s).await);
        };
        let ctx = infallible(Ctx::from_request_parts(parts, s).await);
        let dir: Directory = service(parts, s);
        match dir.managed_network(&slug).await {
            Ok(network) => Ok(Managed {
                slug,
                network,
                dir,
                admin: service(parts, s),
            }),
            Err(e) => Err(refused(&ctx, e, &B::page(ctx.path()))),
        }
    }
}

impl FromRequestParts<AppState> for Managed {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, s: &AppState) -> Result<Self, Response> {
        Managed::gate::<Here>(parts, s).await
    }
}

impl FromRequestParts<AppState> for InSection {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, s: &AppState) -> Result<Self, Response> {
        Managed::gate::<ToSection>(parts, s).await.map(InSection)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_form_of_a_section_comes_back_to_the_section() {
        assert_eq!(
            ToSection::page("/netzwerke/ikone-ds/verwaltung/mitglieder/7/entfernen"),
            "/netzwerke/ikone-ds/verwaltung/mitglieder"
        );
        assert_eq!(
            ToSection::page("/netzwerke/ikone-ds/verwaltung/rollen/12"),
            "/netzwerke/ikone-ds/verwaltung/rollen"
        );
    }
}
