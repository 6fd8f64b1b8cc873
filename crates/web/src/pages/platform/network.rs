//! The form that creates a network, over the use case the API's
//! `POST /api/v1/networks` calls; a success leads to the new network's
//! management.

use askama::Template;
use axum::body::Bytes;
use axum::http::StatusCode;
use axum::response::Response;
use knotenpunkt_app::domain::limits::{MAX_NAME, MAX_SLUG_LEN, MAX_TEXT, MAX_URL};
use knotenpunkt_app::domain::{Network, Visibility};

use super::admin::{Admin, NEW_NETWORK, crumbs};
use crate::pages::answer::{Answer, OrFail, html};
use crate::pages::ctx::Ctx;
use crate::pages::form::{
    Control, DONE, FormData, Problems, Rejected, SummaryItem, choose, name, optional_slug,
    partial_date, slug_field, text, too_long, website,
};
use crate::pages::manage::frame::Section;
use crate::pages::ui::Crumb;

/// The form that creates a network.
struct NetworkForm {
    action: String,
    name: Control,
    slug: Control,
    description: Control,
    coordinator: Control,
    founded_on: Control,
    visibility: Control,
    website: Control,
    source: Control,
    summary: Vec<SummaryItem>,
}

impl NetworkForm {
    fn new(ctx: &Ctx, f: Option<&FormData>) -> NetworkForm {
        let v = |k: &str| f.map(|f| f.get(k)).unwrap_or_default();
        let chosen = f
            .map(|f| f.get("visibility"))
            .unwrap_or_else(|| "public".to_owned());
        let visibilities = [
            ("public", "profile-visibility-public"),
            ("network", "profile-visibility-network"),
        ]
        .map(|(value, label)| (value, ctx.t(label)));
        NetworkForm {
            action: ctx.href(NEW_NETWORK),
            name: Control::input(
                "network",
                "name",
                "text",
                ctx.t("profile-network-name"),
                v("name"),
            )
            .required()
            .maxlength(MAX_NAME),
            slug: Control::slug("network", ctx, v("slug"), ctx.t("manage-slug-hint")),
            description: Control::input(
                "network",
                "description",
                "textarea",
                ctx.t("profile-network-description"),
                v("description"),
            )
            .maxlength(MAX_TEXT)
            .wide()
            .hint(ctx.t("profile-network-description-hint")),
            coordinator: Control::input(
                "network",
                "coordinator",
                "text",
                ctx.t("platform-coordinator"),
                v("coordinator"),
            )
            .maxlength(MAX_SLUG_LEN)
            .code()
            .hint(ctx.t("platform-coordinator-hint")),
            founded_on: Control::input(
                "network",
                "founded_on",
                "text",
                ctx.t("platform-founded-on"),
                v("founded_on"),
            )
            .maxlength(10)
            .hint(ctx.t("manage-partial-date-hint")),
            visibility: Control::pick(
                "network",
                "visibility",
                "radio",
                ctx.t("profile-visibility"),
                visibilities,
                &[chosen],
            )
            .required()
            .wide()
            .hint(ctx.t("profile-visibility-hint")),
            website: Control::input("network", "website", "url", ctx.t("website"), v("website"))
                .maxlength(MAX_URL)
                .autocomplete("url")
                .hint(ctx.t("profile-website-hint")),
            source: Control::input(
                "network",
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
            &mut self.description,
            &mut self.coordinator,
            &mut self.founded_on,
            &mut self.visibility,
            &mut self.website,
            &mut self.source,
        ]);
    }
}

#[derive(Template)]
#[template(path = "platform/network.html")]
struct NetworkPage<'a> {
    ctx: &'a Ctx,
    title: String,
    crumbs: Vec<Crumb>,
    form: NetworkForm,
}

fn render(ctx: &Ctx, form: NetworkForm, status: StatusCode) -> Response {
    let title = ctx.t("platform-network-heading");
    let page = NetworkPage {
        ctx,
        crumbs: crumbs(ctx, Some(title.clone())),
        title,
        form,
    };
    html(ctx, status, &page)
}

/// GET /verwaltung/netzwerke/neu
pub(super) async fn form(ctx: Ctx, _: Admin) -> Response {
    render(&ctx, NetworkForm::new(&ctx, None), StatusCode::OK)
}

/// Reads the form into a new network, as `POST /api/v1/networks` takes it.
fn parse(ctx: &Ctx, f: &FormData) -> Result<Network, Rejected> {
    let mut problems: Problems = Vec::new();
    let name = name(ctx, &mut problems, f, "name");
    let slug = name
        .as_deref()
        .and_then(|n| slug_field(ctx, &mut problems, "slug", &f.get("slug"), n));
    let description = f.get("description");
    too_long(ctx, &mut problems, "description", &description, MAX_TEXT);
    let coordinator = optional_slug(ctx, &mut problems, "coordinator", f.get("coordinator"));
    let founded_on = partial_date(ctx, &mut problems, "founded_on", &f.get("founded_on"));
    let visibility = match f.get("visibility").as_str() {
        "public" => Some(Visibility::Public),
        "network" => Some(Visibility::Network),
        _ => {
            problems.push(("visibility".into(), choose(ctx)));
            None
        }
    };
    let website = website(ctx, &mut problems, f.get("website"));
    let source = text(ctx, &mut problems, f, "source");
    match (name, slug, visibility) {
        (Some(name), Some(slug), Some(visibility)) if problems.is_empty() => Ok(Network {
            slug,
            name,
            description,
            coordinator,
            founded_on,
            visibility,
            website,
            figures: Vec::new(),
            source,
        }),
        _ => Err(Rejected::input(problems)),
    }
}

/// POST /verwaltung/netzwerke/neu
pub(super) async fn create(ctx: Ctx, Admin { dir, .. }: Admin, body: Bytes) -> Answer {
    let f = FormData::parse(&body);
    let rejected = match parse(&ctx, &f) {
        Ok(n) => match dir.create_network(&n).await {
            Ok(()) => {
                let manage = Section::Overview.path(&n.slug);
                return Ok(DONE.done(&ctx, &manage, "network-created"));
            }
            Err(e) => Rejected::from_app(&ctx, e).or_fail(&ctx)?,
        },
        Err(r) => r,
    };
    let status = rejected.status;
    let mut form = NetworkForm::new(&ctx, Some(&f));
    form.reject(rejected);
    Ok(render(&ctx, form, status))
}

#[cfg(test)]
mod tests {
    use knotenpunkt_app::domain::Slug;

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
    fn a_network_form_reads_into_what_the_api_takes() {
        let ctx = Ctx::new("/", "", None);
        let n = parse(
            &ctx,
            &form(&[
                ("name", "Digitale Dörfer"),
                ("visibility", "network"),
                ("founded_on", "2024-05"),
                ("coordinator", "kaiserslautern"),
            ]),
        )
        .unwrap_or_else(|r| panic!("{:?}", fields(r)));
        assert_eq!(n.slug.as_str(), "digitale-doerfer");
        assert_eq!(n.visibility, Visibility::Network);
        assert_eq!(
            n.coordinator.as_ref().map(Slug::as_str),
            Some("kaiserslautern")
        );
        let bad = parse(
            &ctx,
            &form(&[
                ("name", ""),
                ("visibility", "secret"),
                ("founded_on", "Mai"),
                ("website", "ftp://x"),
                ("coordinator", "Not A Slug"),
            ]),
        )
        .err()
        .unwrap();
        assert_eq!(
            fields(bad),
            ["name", "coordinator", "founded_on", "visibility", "website"]
        );
    }
}
