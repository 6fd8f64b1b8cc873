//! The forms that create and change a working group: name, purpose, the
//! organisations that lead it and take part, and whether people join at
//! once. The use case (`WorkingGroups::group_form`) answers who may and
//! offers the network's organisations; the form reads the body into what
//! `PUT /api/v1/networks/{network}/working-groups/{group}` takes. Who is
//! named in a group by person stays on the management's groups page.

use axum::body::Bytes;
use axum::http::StatusCode;
use axum::response::Response;
use knotenpunkt_app::AppError;
use knotenpunkt_app::domain::limits::{MAX_NAME, MAX_TEXT};
use knotenpunkt_app::domain::{Slug, WorkingGroup};
use knotenpunkt_app::working_groups::{GroupForm, WorkingGroups};

use super::group_path;
use crate::auth::Use;
use crate::pages::answer::{Answer, OrFail, html};
use crate::pages::ctx::Ctx;
use crate::pages::extract::Params;
use crate::pages::form::{
    Control, FormData, FormPage, GROUPS, Problem, Problems, Rejected, choose, name, refused,
    slug_field, text,
};
use crate::pages::ui::Crumb;

fn controls(ctx: &Ctx, o: &GroupForm, f: &FormData) -> Vec<Control> {
    let form = "group";
    let orgs: Vec<(String, String)> = o
        .organizations
        .iter()
        .map(|(s, n)| (s.to_string(), n.clone()))
        .collect();
    let mut out = vec![
        Control::input(
            form,
            "name",
            "text",
            ctx.t("manage-group-name"),
            f.get("name"),
        )
        .required()
        .maxlength(MAX_NAME),
    ];
    if o.stored.is_none() {
        out.push(Control::slug(
            form,
            ctx,
            f.get("slug"),
            ctx.t("manage-group-slug-hint"),
        ));
    }
    out.push(
        Control::input(
            form,
            "purpose",
            "textarea",
            ctx.t("group-form-purpose"),
            f.get("purpose"),
        )
        .maxlength(MAX_TEXT)
        .wide()
        .hint(ctx.t("group-form-purpose-hint")),
    );
    out.push(
        Control::pick(
            form,
            "leads",
            "checkbox",
            ctx.t("group-leads"),
            orgs.clone(),
            &f.all("leads"),
        )
        .wide(),
    );
    out.push(
        Control::pick(
            form,
            "organizations",
            "checkbox",
            ctx.t("group-form-organizations"),
            orgs,
            &f.all("organizations"),
        )
        .wide()
        .hint(ctx.t("group-form-organizations-hint")),
    );
    out.push(Control::pick(
        form,
        "open",
        "radio",
        ctx.t("group-form-joining"),
        [
            ("0".to_owned(), ctx.t("group-by-request")),
            ("1".to_owned(), ctx.t("group-open")),
        ],
        &[if f.get("open") == "1" { "1" } else { "0" }.to_owned()],
    ));
    out
}

/// The submitted form as the use case takes it, or the problems.
fn read(ctx: &Ctx, o: &GroupForm, f: &FormData) -> Result<WorkingGroup, Rejected> {
    let mut problems: Problems = Vec::new();
    let n = name(ctx, &mut problems, f, "name");
    let slug = match &o.stored {
        Some(g) => Some(g.slug.clone()),
        None => {
            let s = slug_field(ctx, &mut problems, "slug", &f.get("slug"), &f.get("name"));
            if s.as_ref().is_some_and(|s| o.taken.contains(s)) {
                problems.push((
                    "slug".to_owned(),
                    Problem::new(ctx.t("manage-error-group-exists")),
                ));
            }
            s
        }
    };
    let purpose = text(ctx, &mut problems, f, "purpose");
    let mut lists: [Vec<Slug>; 2] = [Vec::new(), Vec::new()];
    for (i, field) in ["leads", "organizations"].into_iter().enumerate() {
        for raw in f.all(field) {
            match raw.parse::<Slug>() {
                Ok(s) if o.organizations.iter().any(|(x, _)| *x == s) => lists[i].push(s),
                _ => {
                    problems.push((field.to_owned(), choose(ctx)));
                    break;
                }
            }
        }
    }
    let [leads, organizations] = lists;
    match (n, slug) {
        (Some(name), Some(slug)) if problems.is_empty() => Ok(WorkingGroup {
            slug,
            name,
            purpose,
            leads,
            organizations,
            open: f.get("open") == "1",
        }),
        _ => Err(Rejected::input(problems)),
    }
}

fn stored_values(g: &WorkingGroup) -> FormData {
    let mut pairs = vec![
        ("name".to_owned(), g.name.clone()),
        ("slug".to_owned(), g.slug.to_string()),
        ("purpose".to_owned(), g.purpose.clone().unwrap_or_default()),
        ("open".to_owned(), if g.open { "1" } else { "0" }.to_owned()),
    ];
    pairs.extend(g.leads.iter().map(|s| ("leads".to_owned(), s.to_string())));
    pairs.extend(
        g.participants()
            .into_iter()
            .filter(|s| !g.leads.contains(s))
            .map(|s| ("organizations".to_owned(), s.to_string())),
    );
    FormData::from_pairs(pairs)
}

fn render(
    ctx: &Ctx,
    network: &Slug,
    o: &GroupForm,
    values: &FormData,
    rejected: Option<Rejected>,
) -> Response {
    let mut controls = controls(ctx, o, values);
    let mut status = StatusCode::OK;
    let mut summary = Vec::new();
    if let Some(r) = rejected {
        status = r.status;
        let mut refs: Vec<&mut Control> = controls.iter_mut().collect();
        summary = r.apply(&mut refs);
    }
    let list = format!("/netzwerke/{network}/arbeitsgruppen");
    let (title, action, submit) = match &o.stored {
        None => (
            ctx.t("group-new-heading"),
            format!("{list}/neu"),
            ctx.t("group-create"),
        ),
        Some(g) => (
            ctx.t1("group-edit-heading", "group", g.name.as_str()),
            format!(
                "{}/bearbeiten",
                group_path(network.as_str(), g.slug.as_str())
            ),
            ctx.t("group-save"),
        ),
    };
    let page = FormPage {
        crumbs: vec![
            Crumb::link(
                o.network_name.clone(),
                ctx.href(&format!("/netzwerke/{network}")),
            ),
            Crumb::link(ctx.t("groups-crumb"), ctx.href(&list)),
            Crumb::here(title.clone()),
        ],
        title,
        intro: ctx.t("group-form-intro"),
        action: ctx.href(&action),
        controls,
        summary,
        submit,
        delete: None,
        ctx,
    };
    html(ctx, status, &page)
}

/// The use case's answer for the form, or the refusal.
async fn form_of(
    w: &WorkingGroups,
    ctx: &Ctx,
    network: &Slug,
    group: Option<&Slug>,
    here: &str,
) -> Result<GroupForm, Response> {
    w.group_form(network, group)
        .await
        .map_err(|e| refused(ctx, e, here))
}

/// GET /netzwerke/{slug}/arbeitsgruppen/neu
pub(super) async fn new(
    Use(w): Use<WorkingGroups>,
    ctx: Ctx,
    Params(network): Params<Slug>,
) -> Answer {
    let here = format!("/netzwerke/{network}/arbeitsgruppen/neu");
    let o = form_of(&w, &ctx, &network, None, &here).await?;
    Ok(render(&ctx, &network, &o, &FormData::default(), None))
}

/// POST /netzwerke/{slug}/arbeitsgruppen/neu
pub(super) async fn create(
    Use(w): Use<WorkingGroups>,
    ctx: Ctx,
    Params(network): Params<Slug>,
    body: Bytes,
) -> Answer {
    let here = format!("/netzwerke/{network}/arbeitsgruppen/neu");
    let o = form_of(&w, &ctx, &network, None, &here).await?;
    save(&w, &ctx, &network, &o, &FormData::parse(&body), &here).await
}

/// GET /netzwerke/{slug}/arbeitsgruppen/{group}/bearbeiten
pub(super) async fn edit(
    Use(w): Use<WorkingGroups>,
    ctx: Ctx,
    Params((network, group)): Params<(Slug, Slug)>,
) -> Answer {
    let here = format!(
        "{}/bearbeiten",
        group_path(network.as_str(), group.as_str())
    );
    let o = form_of(&w, &ctx, &network, Some(&group), &here).await?;
    let values = o.stored.as_ref().map(stored_values).unwrap_or_default();
    Ok(render(&ctx, &network, &o, &values, None))
}

/// POST /netzwerke/{slug}/arbeitsgruppen/{group}/bearbeiten
pub(super) async fn update(
    Use(w): Use<WorkingGroups>,
    ctx: Ctx,
    Params((network, group)): Params<(Slug, Slug)>,
    body: Bytes,
) -> Answer {
    let here = format!(
        "{}/bearbeiten",
        group_path(network.as_str(), group.as_str())
    );
    let o = form_of(&w, &ctx, &network, Some(&group), &here).await?;
    save(&w, &ctx, &network, &o, &FormData::parse(&body), &here).await
}

async fn save(
    w: &WorkingGroups,
    ctx: &Ctx,
    network: &Slug,
    o: &GroupForm,
    f: &FormData,
    here: &str,
) -> Answer {
    let rejected = match read(ctx, o, f) {
        Ok(g) => match w.put_group(network, &g).await {
            Ok(()) => {
                let to = group_path(network.as_str(), g.slug.as_str());
                let what = if o.stored.is_some() {
                    "saved"
                } else {
                    "created"
                };
                return Ok(GROUPS.done(ctx, &to, what));
            }
            Err(e @ AppError::Denied(_)) => return Err(refused(ctx, e, here)),
            Err(e) => Rejected::from_app(ctx, e).or_fail(ctx)?,
        },
        Err(r) => r,
    };
    Ok(render(ctx, network, o, f, Some(rejected)))
}
