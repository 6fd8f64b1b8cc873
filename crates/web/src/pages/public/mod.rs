//! The pages everyone reads: the start page, the networks and a network's
//! page, the organisations and an organisation's page.

mod growth;
mod home;
mod network;
mod organization;
mod organizations;

use crate::routes::Routes;

/// The routes of the public pages.
pub(super) fn router() -> Routes {
    Routes::new()
        .get("/", home::start)
        .get("/netzwerke", home::networks)
        .get("/netzwerke/{slug}", network::page)
        .get("/organisationen", organizations::list)
        .get("/organisationen/{slug}", organization::page)
}
