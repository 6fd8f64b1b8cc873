//! A router that remembers what it routes.
//!
//! axum cannot list the routes of a built `Router`, yet the authorisation
//! matrix test must see every page, form and feed address so that a new one
//! without a rule fails it. The page, feed and probe routes are therefore
//! registered through [`Routes`], which adds each to the axum router and to a
//! table in one step: the table cannot drift from what is served. (The API
//! needs none of this; its table is the OpenAPI document.)

use axum::Router;
use axum::handler::Handler;
use axum::routing::{get, post};

use crate::AppState;

/// One served address: the HTTP method and axum's path template.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Route {
    /// `GET` or `POST`: pages and forms use no other.
    pub method: &'static str,
    /// The template as registered, e.g. `/netzwerke/{slug}/verwaltung`.
    pub path: String,
}

/// An axum router plus the table of what it serves.
pub(crate) struct Routes {
    router: Router<AppState>,
    table: Vec<Route>,
}

impl Routes {
    pub(crate) fn new() -> Routes {
        Routes {
            router: Router::new(),
            table: Vec::new(),
        }
    }

    fn note(&mut self, method: &'static str, path: &str) {
        self.table.push(Route {
            method,
            path: path.to_owned(),
        });
    }

    pub(crate) fn get<H, T>(mut self, path: &str, handler: H) -> Routes
    where
        H: Handler<T, AppState>,
        T: 'static,
    {
        self.note("GET", path);
        self.router = self.router.route(path, get(handler));
        self
    }

    pub(crate) fn post<H, T>(mut self, path: &str, handler: H) -> Routes
    where
        H: Handler<T, AppState>,
        T: 'static,
    {
        self.note("POST", path);
        self.router = self.router.route(path, post(handler));
        self
    }

    /// A page and the form it carries, at one address.
    pub(crate) fn get_post<G, Tg, P, Tp>(mut self, path: &str, page: G, form: P) -> Routes
    where
        G: Handler<Tg, AppState>,
        Tg: 'static,
        P: Handler<Tp, AppState>,
        Tp: 'static,
    {
        self.note("GET", path);
        self.note("POST", path);
        self.router = self.router.route(path, get(page).post(form));
        self
    }

    pub(crate) fn merge(mut self, other: Routes) -> Routes {
        self.table.extend(other.table);
        self.router = self.router.merge(other.router);
        self
    }

    /// Wraps every route registered so far, as `Router::route_layer` does.
    pub(crate) fn map_router(
        mut self,
        f: impl FnOnce(Router<AppState>) -> Router<AppState>,
    ) -> Routes {
        self.router = f(self.router);
        self
    }

    pub(crate) fn into_parts(self) -> (Router<AppState>, Vec<Route>) {
        (self.router, self.table)
    }
}
