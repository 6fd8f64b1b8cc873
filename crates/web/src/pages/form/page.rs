//! The page of a form that writes one thing (a project, an experience, a
//! joint application, an event, a working group): its controls, the
//! problems above them, and for what exists a second form that deletes it
//! behind a confirming checkbox. One type for every such page, rendered by
//! `knowledge_form.html`.

use askama::Template;

use super::{Control, SummaryItem};
use crate::pages::ctx::Ctx;
use crate::pages::ui::Crumb;

/// The form that deletes, behind a confirming checkbox.
pub(crate) struct DeleteForm {
    pub(crate) action: String,
    pub(crate) confirm: Control,
    pub(crate) summary: Vec<SummaryItem>,
}

/// A form page.
#[derive(Template)]
#[template(path = "knowledge_form.html")]
pub(crate) struct FormPage<'a> {
    pub(crate) ctx: &'a Ctx,
    pub(crate) title: String,
    pub(crate) crumbs: Vec<Crumb>,
    pub(crate) intro: String,
    pub(crate) action: String,
    pub(crate) controls: Vec<Control>,
    pub(crate) summary: Vec<SummaryItem>,
    pub(crate) submit: String,
    pub(crate) delete: Option<DeleteForm>,
}
