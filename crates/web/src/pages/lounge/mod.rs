//! The After Work Lounge for people: an evening's page (who is here, the
//! rounds and their rooms, the forms that check in, draw and place late
//! joiners), entering a room's video, and the network's coverage page
//! ("who has met whom", a heat map and a line chart as inline SVG with
//! their tables).
//!
//! Members-only, as the application decides: a visitor is asked to sign
//! in, a signed-in outsider gets the 404 page. The organisation page's
//! section "whom we have met" is a leaf, [`met`], which imports nothing
//! from here.

mod coverage;
mod evening;
pub(crate) mod met;
mod writes;

use crate::routes::Routes;

/// The routes of the lounge's pages and forms.
pub(super) fn router() -> Routes {
    const EVENING: &str = "/reihen/{slug}/{date}/lounge";
    let r = |tail: &str| format!("{EVENING}{tail}");
    Routes::new()
        .get(EVENING, evening::page)
        .post(&r("/dabei"), writes::join)
        .post(&r("/abmelden"), writes::leave)
        .post(&r("/anmelden"), writes::check_in)
        .post(&r("/runden"), writes::draw)
        .post(&r("/runden/{round}/nachzuegler"), writes::late)
        .get(&r("/runden/{round}/raeume/{room}"), writes::enter)
        .get("/netzwerke/{slug}/begegnungen", coverage::page)
}
