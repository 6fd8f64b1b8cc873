//! Events for people: an event's page (numbers, one's own registration,
//! and for organisers the participant list with its CSV), registering and
//! cancelling, and the forms that record, change and remove events. Every
//! handler calls one use case of `Events`, which asks the policy.
//!
//! Seats change with every registration, which raises no change counter,
//! so an event's page is never kept by the page cache (`no-store`).

mod by_link;
mod forms;
mod page;

pub(crate) use page::when;

use crate::routes::Routes;

/// The routes of the events' pages and forms.
pub(super) fn router() -> Routes {
    Routes::new()
        .get_post(
            "/netzwerke/{slug}/veranstaltungen/neu",
            forms::new,
            forms::create,
        )
        .get("/veranstaltungen/{id}", page::page)
        .get_post(
            "/veranstaltungen/bestaetigen/{token}",
            page::confirm_page,
            page::confirm,
        )
        .get_post(
            "/veranstaltungen/abmelden/{token}",
            by_link::page,
            by_link::cancel,
        )
        .post("/veranstaltungen/{id}/anmelden", page::register)
        .post("/veranstaltungen/{id}/teilnehmende", page::add)
        .post(
            "/veranstaltungen/{id}/anmeldungen/{registration}/abmelden",
            page::cancel,
        )
        .post("/veranstaltungen/{id}/anmeldeschluss", page::close)
        .get("/veranstaltungen/{id}/teilnehmende.csv", page::csv)
        .get_post(
            "/veranstaltungen/{id}/bearbeiten",
            forms::edit,
            forms::update,
        )
        .post("/veranstaltungen/{id}/loeschen", forms::delete)
}
