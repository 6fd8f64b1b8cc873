//! A network's joint applications for people: the pipeline, one
//! application's page with its history and the partners' tasks, and the
//! forms that record, change and remove them. Every page calls the use
//! cases of `Funding`, which read with the reader's eyes (an application is
//! "not found" outside its network or group) and ask the policy.

pub(crate) mod applications;
mod forms;

use knotenpunkt_app::domain::ApplicationStatus;

use crate::pages::ctx::Ctx;
use crate::routes::Routes;

/// The routes of the applications' pages and forms.
pub(super) fn router() -> Routes {
    Routes::new()
        .get("/netzwerke/{slug}/antraege", applications::list)
        .get_post("/netzwerke/{slug}/antraege/neu", forms::new, forms::create)
        .get(
            "/netzwerke/{slug}/antraege/{application}",
            applications::page,
        )
        .get_post(
            "/netzwerke/{slug}/antraege/{application}/bearbeiten",
            forms::edit,
            forms::update,
        )
        .post(
            "/netzwerke/{slug}/antraege/{application}/loeschen",
            forms::delete,
        )
        .post(
            "/netzwerke/{slug}/antraege/{application}/aufgaben",
            applications::add_task,
        )
        .post(
            "/netzwerke/{slug}/antraege/{application}/aufgaben/{task}",
            applications::set_task,
        )
        .post(
            "/netzwerke/{slug}/antraege/{application}/aufgaben/{task}/loeschen",
            applications::delete_task,
        )
}

/// A status as a label with its CSS class.
pub(crate) fn status_label(ctx: &Ctx, s: ApplicationStatus) -> (String, String) {
    (
        ctx.t(&format!("application-status-{}", s.code())),
        format!("application-status status-{}", s.code()),
    )
}

/// The address of an application's page.
pub(crate) fn application_path(network: &str, slug: &str) -> String {
    format!("/netzwerke/{network}/antraege/{slug}")
}
