//! The knowledge exchange for people: the lists of projects and of
//! experiences, a project's and an experience's page (with similar
//! projects of other municipalities, comments and follow-up questions), and
//! the forms that share, change and remove them.
//!
//! Every page calls the use cases of `Knowledge`, which read with the
//! reader's eyes: an experience shared with a network is "not found" for
//! everyone outside it, on its page and in every list.

mod experience;
mod forms;
mod lists;
mod project;

use crate::pages::ctx::Ctx;
use crate::routes::Routes;

/// The routes of the knowledge exchange's pages and forms.
pub(super) fn router() -> Routes {
    Routes::new()
        .get("/projekte", lists::projects)
        .get_post("/projekte/neu", forms::new_project, forms::create_project)
        .get("/projekte/{slug}", project::page)
        .get_post(
            "/projekte/{slug}/bearbeiten",
            forms::edit_project,
            forms::update_project,
        )
        .post("/projekte/{slug}/loeschen", forms::delete_project)
        .get("/erfahrungen", lists::experiences)
        .get_post(
            "/erfahrungen/neu",
            forms::new_experience,
            forms::create_experience,
        )
        .get("/erfahrungen/{id}", experience::page)
        .post("/erfahrungen/{id}/kommentare", experience::comment)
        .get_post(
            "/erfahrungen/{id}/bearbeiten",
            forms::edit_experience,
            forms::update_experience,
        )
        .post("/erfahrungen/{id}/loeschen", forms::delete_experience)
}

/// A label with a CSS class, for outcomes and states of a project.
pub(crate) struct Tag {
    pub(crate) text: String,
    pub(crate) class: String,
}

impl Tag {
    fn outcome(ctx: &Ctx, code: &str) -> Tag {
        Tag {
            text: ctx.outcome_name(code),
            class: format!("outcome outcome-{code}"),
        }
    }

    fn status(ctx: &Ctx, code: &str) -> Tag {
        Tag {
            text: ctx.status_name(code),
            class: format!("project-status status-{code}"),
        }
    }

    fn visibility(ctx: &Ctx, v: &knotenpunkt_app::domain::Visibility) -> Option<Tag> {
        use knotenpunkt_app::domain::Visibility;
        let text = match v {
            Visibility::Public => return None,
            Visibility::Network => ctx.t("knowledge-visibility-network"),
            Visibility::Group(g) => ctx.t1("knowledge-visibility-group", "group", g.as_str()),
        };
        Some(Tag {
            text,
            class: "restricted".into(),
        })
    }
}

/// One entry of a list or of a "similar" section.
pub(crate) struct Entry {
    pub(crate) title: String,
    pub(crate) href: String,
    pub(crate) by: String,
    pub(crate) topics: Vec<String>,
    pub(crate) tags: Vec<Tag>,
}
