//! The platform administration's frame: its addresses, the breadcrumb of
//! its pages, and the extractor that lets only platform admins in.

use std::marker::PhantomData;

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::response::Response;
use knotenpunkt_app::Directory;
use knotenpunkt_app::access::Action;

use crate::AppState;
use crate::auth::service;
use crate::pages::ctx::Ctx;
use crate::pages::extract::{Back, Here, infallible};
use crate::pages::form::refused;
use crate::pages::ui::Crumb;

/// The platform administration's address.
pub(crate) const BASE: &str = "/verwaltung";
/// The form that creates a network.
pub(super) const NEW_NETWORK: &str = "/verwaltung/netzwerke/neu";
/// The form that creates an organisation.
pub(super) const NEW_ORGANIZATION: &str = "/verwaltung/organisationen/neu";
/// The form that creates a cooperation.
pub(super) const NEW_COOPERATION: &str = "/verwaltung/kooperationen/neu";

/// A platform admin's request: everyone else gets the answer before any
/// handler reads or writes — the sign-in page (and back to `B`'s page
/// afterwards) for anonymous visitors, the refusal page for everyone else.
pub(super) struct Admin<B = Here> {
    /// The directory read with the admin's eyes.
    pub(super) dir: Directory,
    back: PhantomData<B>,
}

impl<B: Back> FromRequestParts<AppState> for Admin<B> {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, s: &AppState) -> Result<Self, Response> {
        let ctx = infallible(Ctx::from_request_parts(parts, s).await);
        let dir: Directory = service(parts, s);
        match dir.gate(&Action::ManagePlatform) {
            Ok(()) => Ok(Admin {
                dir,
                back: PhantomData,
            }),
            Err(e) => Err(refused(&ctx, e, &B::page(ctx.path()))),
        }
    }
}

/// The breadcrumb of a page: the overview, then `here` below it.
pub(super) fn crumbs(ctx: &Ctx, here: Option<String>) -> Vec<Crumb> {
    let overview = ctx.t("platform-heading");
    match here {
        None => vec![Crumb::here(overview)],
        Some(text) => vec![Crumb::link(overview, ctx.href(BASE)), Crumb::here(text)],
    }
}
