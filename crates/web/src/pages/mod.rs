//! Server-rendered pages for people: German first, no JavaScript, no asset
//! from another host.
//!
//! A handler extracts what its address names (typed path parameters,
//! [`extract`]; the managed network, the platform admin, the person of an
//! account — each area's extractor), calls the application, turns the
//! result into plain display values (names already translated, links
//! already built) and hands them to an askama template. Templates only
//! place text; every sentence comes from the Fluent catalogue via
//! [`ctx::Ctx`].
//!
//! The modules by area, each only routing in its `mod.rs`: [`public`] (what
//! everyone reads), [`meetings`] (calendars, series, meetings and their
//! forms), [`account`] (signing in, one's own account), [`manage`] (a
//! network's management), [`platform`] (the platform's administration),
//! [`profile`] (an organisation's profile), [`lounge`] (the After Work
//! Lounge's evenings and who has met whom), [`search`] (the search page).
//! What they share are leaves that
//! import no page module: [`form`] (the one form toolkit), [`answer`] (the
//! HTML answer, error pages, failures), [`ui`] (links, badges, meeting
//! rows), [`extract`], [`ctx`], [`query`], [`chart`].

mod account;
mod answer;
mod assets;
pub mod cache;
mod chart;
mod ctx;
mod events;
mod extract;
mod form;
mod funding;
mod groups;
mod knowledge;
mod lounge;
mod manage;
mod meetings;
mod platform;
mod profile;
mod public;
mod query;
mod search;
mod ui;

use crate::routes::Routes;

/// The page routes.
pub(crate) fn router() -> Routes {
    Routes::new()
        .merge(public::router())
        .get("/static/style.css", assets::stylesheet)
        .merge(meetings::router())
        .merge(lounge::router())
        .merge(account::router())
        .merge(manage::router())
        .merge(profile::router())
        .merge(platform::router())
        .merge(search::router())
        .merge(knowledge::router())
        .merge(funding::router())
        .merge(groups::router())
        .merge(events::router())
        // A catch-all route rather than a fallback: axum refuses to merge
        // two routers that both have a fallback, and the API may want its own.
        .get("/{*rest}", answer::not_found)
}

#[cfg(test)]
mod tests {
    use axum::Router;
    use axum::routing::get;

    use crate::AppState;

    use super::*;

    /// The API nests under `/api` with catch-alls of its own and may set a
    /// fallback; merging the pages must not panic over either.
    #[test]
    fn pages_merge_with_an_api_that_has_a_fallback_and_catch_all() {
        let api: Router<AppState> = Router::new()
            .route("/api/openapi.json", get(|| async { "{}" }))
            .route("/api/{*rest}", get(|| async { "api 404" }))
            .fallback_service(Router::new());
        let (pages, _) = router().into_parts();
        let _app: Router<AppState> = pages.merge(api);
    }
}
