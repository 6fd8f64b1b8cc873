//! The form that creates an organisation, over the use case the API's
//! `POST /api/v1/organizations` calls; a success leads to the new
//! organisation's profile form.

use askama::Template;
use axum::body::Bytes;
use axum::http::StatusCode;
use axum::response::Response;
use knotenpunkt_app::domain::limits::{MAX_NAME, MAX_TEXT, MAX_URL};
use knotenpunkt_app::domain::{Ags, OrgKind, Organization, State as FedState};

use super::admin::{Admin, NEW_ORGANIZATION, crumbs};
use crate::pages::answer::{Answer, OrFail, html};
use crate::pages::ctx::Ctx;
use crate::pages::form::{
    Control, FormData, PROFILE, Problem, Problems, Rejected, SummaryItem, choose, name, population,
    slug_field, text, website,
};
use crate::pages::ui::Crumb;

/// The form that creates an organisation.
struct OrgForm {
    action: String,
    name: Control,
    slug: Control,
    kind: Control,
    states: Control,
    ags: Control,
    population: Control,
    website: Control,
    source: Control,
    summary: Vec<SummaryItem>,
}

impl OrgForm {
    fn new(ctx: &Ctx, f: Option<&FormData>) -> OrgForm {
        let v = |k: &str| f.map(|f| f.get(k)).unwrap_or_default();
        let kinds = std::iter::once((String::new(), ctx.t("platform-kind-choose"))).chain(
            OrgKind::ALL
                .iter()
                .map(|k| (k.code().to_owned(), ctx.kind_name(k))),
        );
        let states = FedState::ALL
            .iter()
            .map(|s| (s.code().to_owned(), ctx.state_name(s)));
        OrgForm {
            action: ctx.href(NEW_ORGANIZATION),
            name: Control::input(
                "organization",
                "name",
                "text",
                ctx.t("profile-org-name"),
                v("name"),
            )
            .required()
            .maxlength(MAX_NAME)
            .autocomplete("organization"),
            slug: Control::slug("organization", ctx, v("slug"), ctx.t("manage-slug-hint")),
            kind: Control::pick(
                "organization",
                "kind",
                "select",
                ctx.t("org-kind"),
                kinds,
                &[v("kind")],
            )
            .required(),
            states: Control::pick(
                "organization",
                "states",
                "checkbox",
                ctx.t("org-states"),
                states,
                &f.map(|f| f.all("states")).unwrap_or_default(),
            )
            .required()
            .wide()
            .hint(ctx.t("platform-states-hint")),
            ags: Control::input(
                "organization",
                "ags",
                "text",
                ctx.t("org-ags-long"),
                v("ags"),
            )
            .maxlength(8)
            .pattern("[0-9]{8}")
            .code()
            .hint(ctx.t("platform-ags-hint")),
            population: Control::input(
                "organization",
                "population",
                "number",
                ctx.t("org-population"),
                v("population"),
            )
            .range(0, 100_000_000)
            .hint(ctx.t("profile-population-hint")),
            website: Control::input(
                "organization",
                "website",
                "url",
                ctx.t("website"),
                v("website"),
            )
            .maxlength(MAX_URL)
            .autocomplete("url")
            .hint(ctx.t("profile-website-hint")),
            source: Control::input(
                "organization",
                "source",
                "textarea",
                ctx.t("profile-source"),
                v("source"),
            )
            .maxlength(MAX_TEXT)
            .wide()
            .hint(ctx.t("profile-source-hint")),
            summary: Vec::new(),
        }
    }

    fn reject(&mut self, r: Rejected) {
        self.summary = r.apply(&mut [
            &mut self.name,
            &mut self.slug,
            &mut self.kind,
            &mut self.states,
            &mut self.ags,
            &mut self.population,
            &mut self.website,
            &mut self.source,
        ]);
    }
}

#[derive(Template)]
#[template(path = "platform/organization.html")]
struct OrgPage<'a> {
    ctx: &'a Ctx,
    title: String,
    crumbs: Vec<Crumb>,
    form: OrgForm,
}

fn render(ctx: &Ctx, form: OrgForm, status: StatusCode) -> Response {
    let title = ctx.t("platform-org-heading");
    let page = OrgPage {
        ctx,
        crumbs: crumbs(ctx, Some(title.clone())),
        title,
        form,
    };
    html(ctx, status, &page)
}

/// GET /verwaltung/organisationen/neu
pub(super) async fn form(ctx: Ctx, _: Admin) -> Response {
    render(&ctx, OrgForm::new(&ctx, None), StatusCode::OK)
}

/// Reads the form into a new organisation, as `POST /api/v1/organizations`
/// takes it (without parts: a cooperation's parts are added on import or
/// through the API).
fn parse(ctx: &Ctx, f: &FormData) -> Result<Organization, Rejected> {
    let mut problems: Problems = Vec::new();
    let name = name(ctx, &mut problems, f, "name");
    let slug = name
        .as_deref()
        .and_then(|n| slug_field(ctx, &mut problems, "slug", &f.get("slug"), n));
    let kind = match f.get("kind").parse::<OrgKind>() {
        Ok(k) => Some(k),
        Err(_) => {
            problems.push(("kind".into(), choose(ctx)));
            None
        }
    };
    let mut states = Vec::new();
    for code in f.all("states") {
        match code.parse::<FedState>() {
            Ok(s) if !states.contains(&s) => states.push(s),
            Ok(_) => {}
            Err(_) => problems.push(("states".into(), choose(ctx))),
        }
    }
    if states.is_empty() && !problems.iter().any(|(f, _)| f == "states") {
        problems.push((
            "states".into(),
            Problem::new(ctx.t("platform-error-states")),
        ));
    }
    let ags = match f.get("ags") {
        a if a.is_empty() => None,
        a => match a.parse::<Ags>() {
            Ok(a) => Some(a),
            Err(_) => {
                problems.push(("ags".into(), Problem::new(ctx.t("platform-error-ags"))));
                None
            }
        },
    };
    let population = population(ctx, &mut problems, &f.get("population"));
    let website = website(ctx, &mut problems, f.get("website"));
    let source = text(ctx, &mut problems, f, "source");
    match (name, slug, kind) {
        (Some(name), Some(slug), Some(kind)) if problems.is_empty() => Ok(Organization {
            slug,
            name,
            kind,
            states,
            ags,
            population,
            website,
            parts: Vec::new(),
            source,
        }),
        _ => Err(Rejected::input(problems)),
    }
}

/// POST /verwaltung/organisationen/neu: a success leads to the new
/// organisation's profile form.
pub(super) async fn create(ctx: Ctx, Admin { dir, .. }: Admin, body: Bytes) -> Answer {
    let f = FormData::parse(&body);
    let rejected = match parse(&ctx, &f) {
        Ok(o) => match dir.create_organization(&o).await {
            Ok(()) => {
                let profile = format!("/organisationen/{}/bearbeiten", o.slug);
                return Ok(PROFILE.done(&ctx, &profile, "organization-created"));
            }
            Err(e) => Rejected::from_app(&ctx, e).or_fail(&ctx)?,
        },
        Err(r) => r,
    };
    let status = rejected.status;
    let mut form = OrgForm::new(&ctx, Some(&f));
    form.reject(rejected);
    Ok(render(&ctx, form, status))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form(pairs: &[(&str, &str)]) -> FormData {
        let body: String = pairs
            .iter()
            .map(|(k, v)| format!("{k}={}", v.replace(' ', "+")))
            .collect::<Vec<_>>()
            .join("&");
        FormData::parse(body.as_bytes())
    }

    fn fields(r: Rejected) -> Vec<String> {
        r.fields.into_iter().map(|(f, _)| f).collect()
    }

    #[test]
    fn an_organisation_form_names_every_bad_field() {
        let ctx = Ctx::new("/", "", None);
        let o = parse(
            &ctx,
            &form(&[
                ("name", "Musterstadt"),
                ("kind", "municipality"),
                ("states", "RP"),
                ("population", "1200"),
            ]),
        )
        .unwrap_or_else(|r| panic!("{:?}", fields(r)));
        assert_eq!(o.slug.as_str(), "musterstadt");
        assert_eq!(o.states, [FedState::RP]);
        let bad = parse(
            &ctx,
            &form(&[
                ("name", "Musterstadt"),
                ("kind", "castle"),
                ("ags", "12"),
                ("population", "viele"),
            ]),
        )
        .err()
        .unwrap();
        assert_eq!(fields(bad), ["kind", "states", "ags", "population"]);
    }
}
