//! An organisation's profile for its editors (and admins): name, web
//! address, inhabitants, sources and, for a cooperation, its parts; for
//! admins also who may edit it (the form's POST is [`super::editors`]).
//!
//! The policy is asked first (the [`Editable`] extractor); a success is
//! recorded in the audit log and answered with 303 back to the form with a
//! confirmation flag; invalid input renders the form again with 422 and
//! the message at its field.

use std::marker::PhantomData;

use askama::Template;
use axum::body::Bytes;
use axum::extract::{FromRequestParts, RawQuery};
use axum::http::StatusCode;
use axum::http::request::Parts;
use axum::response::Response;
use knotenpunkt_app::domain::limits::{MAX_EMAIL_LEN, MAX_NAME, MAX_TEXT, MAX_URL};
use knotenpunkt_app::domain::{OrgKind, Organization, Person, Slug};
use knotenpunkt_app::{AppError, Directory, ProfileIntent};

use super::parts::read_parts;
use crate::AppState;
use crate::auth::{Viewer, service};
use crate::pages::answer::{Answer, OrFail, failure, html};
use crate::pages::ctx::Ctx;
use crate::pages::extract::{Params, infallible};
use crate::pages::form::{
    Control, FormData, PROFILE, Problem, Problems, Rejected, SummaryItem, name, population,
    refused, text, website,
};
use crate::pages::ui::Crumb;

/// What the viewer is to be allowed on an organisation's profile.
pub(super) trait Permission: Send + Sync + 'static {
    /// What the viewer wants to do, as the directory's door asks it.
    const INTENT: ProfileIntent;
}

/// Editing the profile: its editors and admins.
pub(super) struct EditProfile;

impl Permission for EditProfile {
    const INTENT: ProfileIntent = ProfileIntent::Edit;
}

/// Naming who may edit it: admins.
pub(super) struct NameEditors;

impl Permission for NameEditors {
    const INTENT: ProfileIntent = ProfileIntent::NameEditors;
}

/// The organisation of a profile address, once the policy lets the viewer
/// do `P` there; an anonymous visitor comes back to the profile form after
/// signing in.
pub(super) struct Editable<P> {
    pub(super) dir: Directory,
    pub(super) org: Organization,
    /// Whether the viewer may also name the profile's editors.
    pub(super) names_editors: bool,
    permission: PhantomData<P>,
}

impl<P: Permission> FromRequestParts<AppState> for Editable<P> {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, s: &AppState) -> Result<Self, Response> {
        let Params(slug) = Params::<Slug>::from_request_parts(parts, s).await?;
        let ctx = infallible(Ctx::from_request_parts(parts, s).await);
        let dir: Directory = service(parts, s);
        match dir.editable_organization(&slug, P::INTENT).await {
            Ok(e) => Ok(Editable {
                dir,
                org: e.organization,
                names_editors: e.names_editors,
                permission: PhantomData,
            }),
            Err(e @ AppError::Denied(_)) => Err(refused(&ctx, e, &edit_path(&slug))),
            Err(e) => Err(failure(&ctx, e)),
        }
    }
}

/// The form of the profile.
pub(super) struct OrgForm {
    action: String,
    name: Control,
    website: Control,
    population: Control,
    source: Control,
    /// For a cooperation: the organisations it consists of.
    parts: Option<Control>,
    summary: Vec<SummaryItem>,
}

impl OrgForm {
    pub(super) fn new(ctx: &Ctx, o: &Organization, f: Option<&FormData>) -> OrgForm {
        let v = |k: &str, current: String| f.map(|f| f.get(k)).unwrap_or(current);
        OrgForm {
            action: ctx.href(&edit_path(&o.slug)),
            name: Control::input(
                "profile",
                "name",
                "text",
                ctx.t("profile-org-name"),
                v("name", o.name.clone()),
            )
            .required()
            .maxlength(MAX_NAME)
            .autocomplete("organization"),
            website: Control::input(
                "profile",
                "website",
                "url",
                ctx.t("website"),
                v("website", o.website.clone().unwrap_or_default()),
            )
            .maxlength(MAX_URL)
            .autocomplete("url")
            .hint(ctx.t("profile-website-hint")),
            population: Control::input(
                "profile",
                "population",
                "number",
                ctx.t("org-population"),
                v(
                    "population",
                    o.population.map(|p| p.to_string()).unwrap_or_default(),
                ),
            )
            .range(0, 100_000_000)
            .hint(ctx.t("profile-population-hint")),
            source: Control::input(
                "profile",
                "source",
                "textarea",
                ctx.t("profile-source"),
                v("source", o.source.clone().unwrap_or_default()),
            )
            .maxlength(MAX_TEXT)
            .wide()
            .hint(ctx.t("profile-source-hint")),
            parts: (o.kind == OrgKind::Cooperation).then(|| {
                let current = o
                    .parts
                    .iter()
                    .map(Slug::as_str)
                    .collect::<Vec<_>>()
                    .join("\n");
                Control::input(
                    "profile",
                    "parts",
                    "textarea",
                    ctx.t("profile-parts"),
                    v("parts", current),
                )
                .code()
                .wide()
                .hint(ctx.t("profile-parts-hint"))
            }),
            summary: Vec::new(),
        }
    }

    fn reject(&mut self, r: Rejected) {
        let mut controls = vec![
            &mut self.name,
            &mut self.website,
            &mut self.population,
            &mut self.source,
        ];
        if let Some(p) = &mut self.parts {
            controls.push(p);
        }
        self.summary = r.apply(&mut controls);
    }
}

/// The admin's form to name an editor.
pub(super) struct EditorForm {
    pub(super) action: String,
    pub(super) email: Control,
    pub(super) summary: Vec<SummaryItem>,
}

impl EditorForm {
    pub(super) fn new(ctx: &Ctx, slug: &Slug, f: Option<&FormData>) -> EditorForm {
        EditorForm {
            action: ctx.href(&format!("{}/bearbeitende", edit_path(slug))),
            email: Control::input(
                "editor",
                "email",
                "email",
                ctx.t("profile-editor-email"),
                f.map(|f| f.get("email")).unwrap_or_default(),
            )
            .required()
            .maxlength(MAX_EMAIL_LEN)
            .autocomplete("off")
            .hint(ctx.t("profile-editor-email-hint")),
            summary: Vec::new(),
        }
    }
}

/// A current editor, with the button that takes the right away.
struct EditorRow {
    name: String,
    email: String,
}

#[derive(Template)]
#[template(path = "profile/organization.html")]
struct OrgEditPage<'a> {
    ctx: &'a Ctx,
    title: String,
    crumbs: Vec<Crumb>,
    done: Option<String>,
    slug: String,
    form: OrgForm,
    /// For admins: the editors and the form to add one.
    editors: Option<(Vec<EditorRow>, EditorForm)>,
}

pub(super) fn edit_path(slug: &Slug) -> String {
    format!("/organisationen/{slug}/bearbeiten")
}

/// The profile page with `form`, and for admins the editors and
/// `editor_form` (or an empty one).
pub(super) async fn render<P>(
    ctx: &Ctx,
    v: &Viewer,
    Editable {
        dir,
        org: o,
        names_editors,
        ..
    }: &Editable<P>,
    q: Option<&str>,
    form: OrgForm,
    editor_form: Option<EditorForm>,
    status: StatusCode,
) -> Answer {
    let editors = if *names_editors {
        let list = dir
            .app()
            .administration(&v.actor)
            .organization_editors(&o.slug)
            .await
            .or_fail(ctx)?;
        Some((
            list.into_iter()
                .map(|p: Person| EditorRow {
                    name: p.name,
                    email: p.email.to_string(),
                })
                .collect(),
            editor_form.unwrap_or_else(|| EditorForm::new(ctx, &o.slug, None)),
        ))
    } else {
        None
    };
    let page = OrgEditPage {
        ctx,
        title: ctx.t1("profile-org-heading", "organization", o.name.as_str()),
        crumbs: vec![
            Crumb::link(ctx.t("nav-organizations"), ctx.href("/organisationen")),
            Crumb::link(
                o.name.clone(),
                ctx.href(&format!("/organisationen/{}", o.slug)),
            ),
            Crumb::here(ctx.t("profile-edit-link")),
        ],
        done: PROFILE.shown(ctx, q),
        slug: o.slug.to_string(),
        form,
        editors,
    };
    Ok(html(ctx, status, &page))
}

/// GET /organisationen/{slug}/bearbeiten
pub(super) async fn page(
    ctx: Ctx,
    v: Viewer,
    e: Editable<EditProfile>,
    RawQuery(q): RawQuery,
) -> Answer {
    let form = OrgForm::new(&ctx, &e.org, None);
    render(&ctx, &v, &e, q.as_deref(), form, None, StatusCode::OK).await
}

/// Reads the form into the changed organisation; the rest stays as it is.
/// `parts` is what [`read_parts`] made of the parts' field, if the form has
/// it; without it the parts stay as they are.
fn parse(
    ctx: &Ctx,
    o: &Organization,
    f: &FormData,
    parts: Option<Result<Vec<Slug>, Problem>>,
) -> Result<Organization, Rejected> {
    let mut problems: Problems = Vec::new();
    let parts = match parts {
        None => o.parts.clone(),
        Some(Ok(p)) => p,
        Some(Err(p)) => {
            problems.push(("parts".into(), p));
            Vec::new()
        }
    };
    let name = name(ctx, &mut problems, f, "name");
    let website = website(ctx, &mut problems, f.get("website"));
    let population = population(ctx, &mut problems, &f.get("population"));
    let source = text(ctx, &mut problems, f, "source");
    match name {
        Some(name) if problems.is_empty() => Ok(Organization {
            name,
            website,
            population,
            source,
            parts,
            ..o.clone()
        }),
        _ => Err(Rejected::input(problems)),
    }
}

/// POST /organisationen/{slug}/bearbeiten
pub(super) async fn save(ctx: Ctx, v: Viewer, e: Editable<EditProfile>, body: Bytes) -> Answer {
    let (dir, o) = (&e.dir, &e.org);
    let f = FormData::parse(&body);
    let parts = if o.kind == OrgKind::Cooperation && f.has("parts") {
        Some(read_parts(&ctx, dir, f.raw("parts")).await.or_fail(&ctx)?)
    } else {
        None
    };
    let rejected = match parse(&ctx, o, &f, parts) {
        Ok(changed) => match dir.update_organization(&o.slug, &changed).await {
            Ok(()) => {
                return Ok(PROFILE.done(&ctx, &edit_path(&o.slug), "profile-saved"));
            }
            Err(e) => Rejected::from_app(&ctx, e).or_fail(&ctx)?,
        },
        Err(r) => r,
    };
    let status = rejected.status;
    let mut form = OrgForm::new(&ctx, o, Some(&f));
    form.reject(rejected);
    render(&ctx, &v, &e, None, form, None, status).await
}
