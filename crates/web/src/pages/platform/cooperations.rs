//! The cooperations of the directory, for platform admins: the pages that
//! create, change and delete one, over the use cases the API's
//! `/api/v1/cooperations` calls. The form itself is
//! [`super::cooperation_form`].

use askama::Template;
use axum::body::Bytes;
use axum::extract::RawQuery;
use axum::http::StatusCode;
use axum::response::Response;
use knotenpunkt_app::domain::Cooperation;
use knotenpunkt_app::{AppError, Directory};

use super::admin::{Admin, BASE, NEW_COOPERATION, crumbs};
use super::cooperation_form::{CoopForm, Values, edit_path, organizations, parse};
use crate::pages::answer::{Answer, OrFail, html};
use crate::pages::ctx::Ctx;
use crate::pages::extract::{Params, Up};
use crate::pages::form::{CONFIRM, Control, DONE, FormData, Rejected, SummaryItem};
use crate::pages::ui::Crumb;

/// The form that deletes a cooperation, behind a confirming checkbox.
struct DeleteForm {
    action: String,
    confirm: Control,
    summary: Vec<SummaryItem>,
}

#[derive(Template)]
#[template(path = "platform/cooperation.html")]
struct CoopPage<'a> {
    ctx: &'a Ctx,
    title: String,
    crumbs: Vec<Crumb>,
    done: Option<String>,
    form: CoopForm,
    submit: String,
    delete: Option<DeleteForm>,
}

/// A form that came back with problems.
enum Submitted {
    Save(Values, Rejected),
    Delete(Rejected),
}

/// Renders the create form (`id` none) or the edit page of cooperation `id`.
async fn render(
    ctx: &Ctx,
    dir: &Directory,
    stored: Option<(i64, &Cooperation)>,
    submitted: Option<Submitted>,
    done: Option<String>,
) -> Result<Response, AppError> {
    let orgs = organizations(dir).await?;
    let mut status = StatusCode::OK;
    let (values, save_rejected, delete_rejected) = match submitted {
        Some(Submitted::Save(v, r)) => (Some(v), Some(r), None),
        Some(Submitted::Delete(r)) => (None, None, Some(r)),
        None => (None, None, None),
    };
    let (title, action, submit) = match stored {
        None => (
            ctx.t("platform-coop-new-heading"),
            ctx.href(NEW_COOPERATION),
            ctx.t("platform-coop-create"),
        ),
        Some((id, c)) => (
            ctx.t1("platform-coop-edit-heading", "name", c.name.as_str()),
            ctx.href(&edit_path(id)),
            ctx.t("platform-coop-save"),
        ),
    };
    let values = values
        .or_else(|| stored.map(|(_, c)| Values::from_stored(c)))
        .unwrap_or_default();
    let mut form = CoopForm::new(ctx, action, &orgs, values);
    if let Some(r) = save_rejected {
        status = r.status;
        form.reject(r);
    }
    let delete = stored.map(|(id, c)| DeleteForm {
        action: ctx.href(&format!("{}/loeschen", edit_path(id))),
        confirm: Control::confirm(
            ctx.t("platform-delete-legend"),
            ctx.t1("platform-coop-delete-confirm", "name", c.name.as_str()),
        ),
        summary: Vec::new(),
    });
    let delete = match (delete, delete_rejected) {
        (Some(mut d), Some(r)) => {
            status = r.status;
            d.summary = r.apply(&mut [&mut d.confirm]);
            Some(d)
        }
        (d, _) => d,
    };
    let page = CoopPage {
        ctx,
        crumbs: crumbs(ctx, Some(title.clone())),
        title,
        done,
        form,
        submit,
        delete,
    };
    Ok(html(ctx, status, &page))
}

/// GET /verwaltung/kooperationen/neu
pub(super) async fn new_form(ctx: Ctx, Admin { dir, .. }: Admin) -> Answer {
    render(&ctx, &dir, None, None, None).await.or_fail(&ctx)
}

/// POST /verwaltung/kooperationen/neu
pub(super) async fn create(ctx: Ctx, Admin { dir, .. }: Admin, body: Bytes) -> Answer {
    let f = FormData::parse(&body);
    let known = organizations(&dir).await.or_fail(&ctx)?;
    let rejected = match parse(&ctx, &f, &known) {
        Ok(c) => match dir.create_cooperation(&c).await {
            Ok(_) => return Ok(DONE.done(&ctx, BASE, "cooperation-created")),
            Err(e) => Rejected::from_app(&ctx, e).or_fail(&ctx)?,
        },
        Err(r) => r,
    };
    let submitted = Submitted::Save(Values::from_form(&f), rejected);
    render(&ctx, &dir, None, Some(submitted), None)
        .await
        .or_fail(&ctx)
}

/// GET /verwaltung/kooperationen/{id}
pub(super) async fn edit(
    ctx: Ctx,
    Admin { dir, .. }: Admin,
    Params(id): Params<i64>,
    RawQuery(q): RawQuery,
) -> Answer {
    let c = dir.cooperation(id).await.or_fail(&ctx)?;
    let done = DONE.shown(&ctx, q.as_deref());
    render(&ctx, &dir, Some((c.id, &c.value)), None, done)
        .await
        .or_fail(&ctx)
}

/// POST /verwaltung/kooperationen/{id}
pub(super) async fn update(
    ctx: Ctx,
    Admin { dir, .. }: Admin,
    Params(id): Params<i64>,
    body: Bytes,
) -> Answer {
    let old = dir.cooperation(id).await.or_fail(&ctx)?;
    let id = old.id;
    let f = FormData::parse(&body);
    let known = organizations(&dir).await.or_fail(&ctx)?;
    let rejected = match parse(&ctx, &f, &known) {
        Ok(c) => match dir.update_cooperation(id, &c).await {
            Ok(()) => {
                return Ok(DONE.done(&ctx, &edit_path(id), "cooperation-saved"));
            }
            Err(e) => Rejected::from_app(&ctx, e).or_fail(&ctx)?,
        },
        Err(r) => r,
    };
    let submitted = Submitted::Save(Values::from_form(&f), rejected);
    render(&ctx, &dir, Some((id, &old.value)), Some(submitted), None)
        .await
        .or_fail(&ctx)
}

/// POST /verwaltung/kooperationen/{id}/loeschen, behind the confirming
/// checkbox.
pub(super) async fn delete(
    ctx: Ctx,
    Admin { dir, .. }: Admin<Up>,
    Params(id): Params<i64>,
    body: Bytes,
) -> Answer {
    let c = dir.cooperation(id).await.or_fail(&ctx)?;
    let (id, c) = (c.id, c.value);
    let f = FormData::parse(&body);
    if f.get("confirm") != CONFIRM {
        let rejected = Rejected::field("confirm", ctx.t("manage-error-delete-confirm"));
        return render(
            &ctx,
            &dir,
            Some((id, &c)),
            Some(Submitted::Delete(rejected)),
            None,
        )
        .await
        .or_fail(&ctx);
    }
    dir.delete_cooperation(id).await.or_fail(&ctx)?;
    Ok(DONE.done(&ctx, BASE, "cooperation-deleted"))
}
