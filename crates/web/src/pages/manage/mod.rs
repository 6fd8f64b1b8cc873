//! A network's management by its coordinators (and platform admins):
//! members, cohorts, meeting series, invitations, roles, named groups, the
//! audit log and the network's settings, under `/netzwerke/{slug}/verwaltung`.
//!
//! Every handler takes [`managed::Managed`] (or one of the extractors built
//! on it), which asks the policy before anything is read or written, so
//! whoever may not manage the network gets what the gate says (sign in,
//! 403, or 404 for a network they cannot see). Writes follow
//! Post/Redirect/Get with the form toolkit (`crate::pages::form`): a
//! success answers 303 to the section's page with a confirmation flag;
//! invalid input renders the form again with 422, each message next to its
//! field and in a summary above the form, the input kept. Each write is
//! recorded in the network's audit log; the use cases that record
//! themselves (invitations, roles, groups' members) are not recorded twice.
//!
//! This module only routes; the frame every page shares is [`frame`].

mod cohort;
mod cohorts;
mod figures;
pub(crate) mod frame;
mod funding;
mod group;
mod groups;
mod invitations;
pub(crate) mod managed;
mod members;
mod membership;
mod overview;
mod protocol;
mod roles;
mod series;
mod settings;

use crate::routes::Routes;
use series::{changes, edit, list, lounge};

/// The management routes.
pub(super) fn router() -> Routes {
    const BASE: &str = "/netzwerke/{slug}/verwaltung";
    let r = |tail: &str| format!("{BASE}{tail}");
    Routes::new()
        .get(BASE, overview::page)
        .get_post(&r("/einstellungen"), settings::page, settings::save)
        .get_post(&r("/mitglieder"), members::page, members::add)
        .get_post(&r("/mitglieder/{id}"), membership::edit, membership::update)
        .post(&r("/mitglieder/{id}/entfernen"), members::remove)
        .get_post(&r("/staffeln"), cohorts::page, cohorts::add)
        .get_post(&r("/staffeln/{cohort}"), cohort::edit, cohort::update)
        .post(&r("/staffeln/{cohort}/loeschen"), cohorts::delete)
        .get_post(&r("/foerderaufrufe"), funding::page, funding::add)
        .get_post(&r("/foerderaufrufe/{call}"), funding::edit, funding::update)
        .post(&r("/foerderaufrufe/{call}/loeschen"), funding::delete)
        .get_post(&r("/reihen"), list::list, list::create)
        .get_post(&r("/reihen/{series}"), edit::edit, edit::update)
        .post(&r("/reihen/{series}/loeschen"), edit::delete)
        .get_post(&r("/reihen/{series}/lounge"), lounge::page, lounge::save)
        .post(&r("/reihen/{series}/termin"), changes::exception)
        .post(
            &r("/reihen/{series}/termin/{date}/zuruecknehmen"),
            changes::undo,
        )
        .get_post(&r("/einladungen"), invitations::page, invitations::send)
        .get(&r("/rollen"), roles::page)
        .post(&r("/rollen/{person}"), roles::set)
        .get_post(&r("/gruppen"), groups::page, groups::create)
        .get_post(&r("/gruppen/{group}"), group::edit, group::update)
        .get(&r("/protokoll"), protocol::page)
}
