//! Meeting series for people: a network's calendar, a series' page, one
//! meeting's page, and the forms on them (agenda points, minutes,
//! attendance, the dates an organisation cannot host).
//!
//! The pieces other pages borrow — the network page's next meeting, an
//! organisation's turns as host, a rule in words — are in [`teaser`] and
//! [`rhythm`], which import nothing from here.

mod calendar;
mod declare;
mod meeting;
mod meeting_forms;
mod owner;
pub(crate) mod rhythm;
mod series;
pub(crate) mod teaser;
mod unavailable;
mod writes;

use crate::routes::Routes;

/// The routes of the meeting pages and their forms.
pub(super) fn router() -> Routes {
    Routes::new()
        .get("/netzwerke/{slug}/kalender", calendar::page)
        .get("/reihen/{slug}", series::page)
        .get("/reihen/{slug}/{date}", meeting::page)
        .post("/reihen/{slug}/verhinderung", declare::unavailable)
        .post("/reihen/{slug}/{date}/tagesordnung", writes::add_point)
        .post(
            "/reihen/{slug}/{date}/tagesordnung/{id}/entfernen",
            writes::remove_point,
        )
        .post("/reihen/{slug}/{date}/protokoll", writes::minutes)
        .post("/reihen/{slug}/{date}/anwesenheit", writes::attendance)
}
