//! The platform's administration, for platform admins only, under
//! `/verwaltung`: the networks, organisations and cooperations of the
//! directory with links to their pages ([`overview`]), the forms that
//! create a network ([`network`]), an organisation ([`organization`]) or a
//! cooperation, change and delete a cooperation ([`cooperations`]), and
//! delete a network or an organisation behind a confirmation
//! ([`deletion`]).
//!
//! These are thin adapters over the use cases the API calls. Every handler
//! takes [`admin::Admin`], which asks the policy before anything is read or
//! written: anonymous visitors are sent to sign in, everyone else who is
//! not an admin gets the refusal page. A success is recorded in the audit
//! log and answered with 303; invalid input renders the form again with
//! 422, each message at its field and in a summary above the form, and
//! nothing is written.

mod admin;
mod cooperation_form;
mod cooperations;
pub(crate) mod deletion;
mod network;
mod organization;
mod overview;

use crate::routes::Routes;
use admin::{BASE, NEW_COOPERATION, NEW_NETWORK, NEW_ORGANIZATION};

/// The platform administration's routes.
pub(super) fn router() -> Routes {
    Routes::new()
        .get(BASE, overview::page)
        .get_post(NEW_NETWORK, network::form, network::create)
        .get_post(NEW_ORGANIZATION, organization::form, organization::create)
        .get_post(
            NEW_COOPERATION,
            cooperations::new_form,
            cooperations::create,
        )
        .get_post(
            "/verwaltung/kooperationen/{id}",
            cooperations::edit,
            cooperations::update,
        )
        .post(
            "/verwaltung/kooperationen/{id}/loeschen",
            cooperations::delete,
        )
        .get_post(
            "/verwaltung/netzwerke/{slug}/loeschen",
            deletion::network_page,
            deletion::network_delete,
        )
        .get_post(
            "/verwaltung/organisationen/{slug}/loeschen",
            deletion::organization_page,
            deletion::organization_delete,
        )
}
