//! A network's settings for its coordinators (and admins): name,
//! description, web address, who may see it, and its published member
//! figures, under `/netzwerke/{slug}/verwaltung/einstellungen`.

use askama::Template;
use axum::body::Bytes;
use axum::extract::RawQuery;
use axum::http::StatusCode;
use axum::response::Response;
use knotenpunkt_app::domain::limits::{MAX_NAME, MAX_TEXT, MAX_URL};
use knotenpunkt_app::domain::{Network, Slug, Visibility};

use super::figures::{figures_text, parse_figures};
use super::frame::{Frame, Section};
use super::managed::Managed;
use crate::pages::answer::{Answer, OrFail, html};
use crate::pages::ctx::Ctx;
use crate::pages::form::{
    Control, FormData, Opt, OptGroup, PROFILE, Problems, Rejected, SummaryItem, choose, required,
    too_long, website,
};

fn settings_path(slug: &Slug) -> String {
    format!("{}/einstellungen", Section::Overview.path(slug))
}

struct SettingsForm {
    action: String,
    name: Control,
    description: Control,
    website: Control,
    visibility: Control,
    figures: Control,
    summary: Vec<SummaryItem>,
}

impl SettingsForm {
    fn new(ctx: &Ctx, n: &Network, f: Option<&FormData>) -> SettingsForm {
        let v = |k: &str, current: String| f.map(|f| f.get(k)).unwrap_or(current);
        let chosen = v("visibility", n.visibility.to_string());
        let mut choices = vec![
            ("public".to_owned(), ctx.t("profile-visibility-public")),
            ("network".to_owned(), ctx.t("profile-visibility-network")),
        ];
        // A network shown only to one group keeps that choice on offer.
        if let Visibility::Group(g) = &n.visibility {
            choices.push((
                n.visibility.to_string(),
                ctx.t1("profile-visibility-group", "group", g.as_str()),
            ));
        }
        let options: Vec<Opt> = choices
            .into_iter()
            .map(|(value, label)| Opt {
                selected: value == chosen,
                value,
                label,
            })
            .collect();
        SettingsForm {
            action: ctx.href(&settings_path(&n.slug)),
            name: Control::input(
                "settings",
                "name",
                "text",
                ctx.t("profile-network-name"),
                v("name", n.name.clone()),
            )
            .required()
            .maxlength(MAX_NAME),
            description: Control::input(
                "settings",
                "description",
                "textarea",
                ctx.t("profile-network-description"),
                v("description", n.description.clone()),
            )
            .maxlength(MAX_TEXT)
            .wide()
            .hint(ctx.t("profile-network-description-hint")),
            website: Control::input(
                "settings",
                "website",
                "url",
                ctx.t("website"),
                v("website", n.website.clone().unwrap_or_default()),
            )
            .maxlength(MAX_URL)
            .autocomplete("url")
            .hint(ctx.t("profile-website-hint")),
            visibility: Control::choice(
                "settings",
                "visibility",
                "radio",
                ctx.t("profile-visibility"),
                vec![OptGroup {
                    label: None,
                    options,
                }],
            )
            .required()
            .wide()
            .hint(ctx.t("profile-visibility-hint")),
            figures: Control::input(
                "settings",
                "figures",
                "textarea",
                ctx.t("profile-figures"),
                v("figures", figures_text(ctx, &n.figures)),
            )
            .code()
            .wide()
            .hint(ctx.t("profile-figures-hint")),
            summary: Vec::new(),
        }
    }

    fn reject(&mut self, r: Rejected) {
        self.summary = r.apply(&mut [
            &mut self.name,
            &mut self.description,
            &mut self.website,
            &mut self.visibility,
            &mut self.figures,
        ]);
    }
}

#[derive(Template)]
#[template(path = "profile/settings.html")]
struct SettingsPage<'a> {
    ctx: &'a Ctx,
    title: String,
    frame: Frame,
    form: SettingsForm,
}

fn render(
    ctx: &Ctx,
    m: &Managed,
    q: Option<&str>,
    form: SettingsForm,
    status: StatusCode,
) -> Response {
    let heading = ctx.t1(
        "profile-settings-heading",
        "network",
        m.network.name.as_str(),
    );
    let leaf = ctx.t("profile-settings-link");
    let mut frame = Frame::item(ctx, m, Section::Overview, None, heading, &leaf);
    // The settings are no section of their own.
    for n in &mut frame.nav {
        n.current = false;
    }
    frame.done = PROFILE.shown(ctx, q);
    let page = SettingsPage {
        ctx,
        title: frame.heading.clone(),
        frame,
        form,
    };
    html(ctx, status, &page)
}

/// GET /netzwerke/{slug}/verwaltung/einstellungen
pub(super) async fn page(ctx: Ctx, m: Managed, RawQuery(q): RawQuery) -> Response {
    let form = SettingsForm::new(&ctx, &m.network, None);
    render(&ctx, &m, q.as_deref(), form, StatusCode::OK)
}

/// Reads the form into the changed network; the rest stays as it is.
fn parse(ctx: &Ctx, n: &Network, f: &FormData) -> Result<Network, Rejected> {
    let mut problems: Problems = Vec::new();
    let name = required(ctx, &mut problems, "name", &f.get("name"));
    if let Some(t) = &name {
        too_long(ctx, &mut problems, "name", t, MAX_NAME);
    }
    let description = f.get("description");
    too_long(ctx, &mut problems, "description", &description, MAX_TEXT);
    let website = website(ctx, &mut problems, f.get("website"));
    let visibility = match f.get("visibility").as_str() {
        "public" => Some(Visibility::Public),
        "network" => Some(Visibility::Network),
        // Only the group the network is already shown to.
        other if !other.is_empty() && other == n.visibility.to_string() => {
            Some(n.visibility.clone())
        }
        _ => {
            problems.push(("visibility".into(), choose(ctx)));
            None
        }
    };
    // Without the field (an older form) the figures stay as they are.
    let figures = if f.has("figures") {
        match parse_figures(ctx, f.raw("figures")) {
            Ok(list) => Some(list),
            Err(p) => {
                problems.push(("figures".into(), p));
                None
            }
        }
    } else {
        Some(n.figures.clone())
    };
    match (name, visibility, figures) {
        (Some(name), Some(visibility), Some(figures)) if problems.is_empty() => Ok(Network {
            name,
            description,
            website,
            visibility,
            figures,
            ..n.clone()
        }),
        _ => Err(Rejected::input(problems)),
    }
}

/// POST /netzwerke/{slug}/verwaltung/einstellungen
pub(super) async fn save(ctx: Ctx, m: Managed, body: Bytes) -> Answer {
    let f = FormData::parse(&body);
    let rejected = match parse(&ctx, &m.network, &f) {
        Ok(changed) => match m.dir.update_network(&m.slug, &changed).await {
            Ok(()) => {
                return Ok(PROFILE.done(&ctx, &settings_path(&m.slug), "settings-saved"));
            }
            Err(e) => Rejected::from_app(&ctx, e).or_fail(&ctx)?,
        },
        Err(r) => r,
    };
    let status = rejected.status;
    let mut form = SettingsForm::new(&ctx, &m.network, Some(&f));
    form.reject(rejected);
    Ok(render(&ctx, &m, None, form, status))
}
