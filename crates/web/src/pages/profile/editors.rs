//! Who may edit an organisation's profile, named by a platform admin on
//! the profile page; the use case records the change itself.

use axum::body::Bytes;
use knotenpunkt_app::domain::Email;

use super::organization::{Editable, EditorForm, NameEditors, OrgForm, edit_path, render};
use crate::auth::Viewer;
use crate::pages::answer::{Answer, OrFail};
use crate::pages::ctx::Ctx;
use crate::pages::form::{FormData, PROFILE, Rejected};

/// POST /organisationen/{slug}/bearbeiten/bearbeitende: `editor=0` takes
/// the right away, anything else gives it.
pub(super) async fn set(ctx: Ctx, v: Viewer, e: Editable<NameEditors>, body: Bytes) -> Answer {
    let (dir, o) = (&e.dir, &e.org);
    let f = FormData::parse(&body);
    let editor = f.get("editor") != "0";
    let rejected = match f.get("email").parse::<Email>() {
        Ok(email) => match dir
            .app()
            .administration(&v.actor)
            .set_organization_editor(&o.slug, &email, editor)
            .await
        {
            // The use case records the change itself.
            Ok(()) => {
                let what = if editor {
                    "editor-added"
                } else {
                    "editor-removed"
                };
                return Ok(PROFILE.done(&ctx, &edit_path(&o.slug), what));
            }
            Err(err) => Rejected::from_app(&ctx, err).or_fail(&ctx)?,
        },
        Err(_) => Rejected::field("email", ctx.t("manage-error-email")),
    };
    let status = rejected.status;
    let mut editor_form = EditorForm::new(&ctx, &o.slug, Some(&f));
    editor_form.summary = rejected.apply(&mut [&mut editor_form.email]);
    let form = OrgForm::new(&ctx, o, None);
    render(&ctx, &v, &e, None, form, Some(editor_form), status).await
}
