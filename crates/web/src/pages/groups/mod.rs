//! A network's working groups for people: the list, one group's page
//! (organisations, people, next meetings, recent activity) and the forms
//! on it that join, ask to join, leave, and accept or decline requests.
//! Every page calls the use cases of `WorkingGroups`, which read with the
//! reader's eyes and ask the policy.

mod forms;
mod page;

use crate::routes::Routes;

/// The routes of the working groups' pages and forms.
pub(super) fn router() -> Routes {
    Routes::new()
        .get("/netzwerke/{slug}/arbeitsgruppen", page::list)
        .get_post(
            "/netzwerke/{slug}/arbeitsgruppen/neu",
            forms::new,
            forms::create,
        )
        .get("/netzwerke/{slug}/arbeitsgruppen/{group}", page::page)
        .get_post(
            "/netzwerke/{slug}/arbeitsgruppen/{group}/bearbeiten",
            forms::edit,
            forms::update,
        )
        .post(
            "/netzwerke/{slug}/arbeitsgruppen/{group}/beitreten",
            page::join,
        )
        .post(
            "/netzwerke/{slug}/arbeitsgruppen/{group}/austreten",
            page::leave,
        )
        .post(
            "/netzwerke/{slug}/arbeitsgruppen/{group}/anfragen/{person}",
            page::decide,
        )
}

/// The address of a group's page.
pub(crate) fn group_path(network: &str, group: &str) -> String {
    format!("/netzwerke/{network}/arbeitsgruppen/{group}")
}
