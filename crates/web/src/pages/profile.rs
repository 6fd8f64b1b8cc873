//! Profile forms: an organisation's profile for its editors (and admins),
//! who may edit it (for admins), and a network's settings for its
//! coordinators (and admins).
//!
//! The forms work like the management's: the policy is asked first, a
//! success is recorded in the audit log and answered with 303 back to the
//! form with a confirmation flag; invalid input renders the form again with
//! 422 and the message at its field.

use askama::Template;
use axum::body::Bytes;
use axum::extract::{Path, RawQuery, State};
use axum::http::StatusCode;
use axum::response::Response;
use knotenpunkt_app::access::Action;
use knotenpunkt_app::domain::{
    Email, FigureQualifier, Network, NetworkFigure, OrgKind, Organization, PartialDate, Person,
    Slug, Visibility,
};
use knotenpunkt_app::{AppError, Directory};

use super::manage::{
    Control, Crumb, FormData, Frame, MAX_NAME, MAX_TEXT, MAX_URL, Managed, Opt, OptGroup, Problem,
    Rejected, Section, SummaryItem, done, optional, refused, required, too_long, website,
};
use super::{Ctx, error_page, failure, html, query};
use crate::AppState;
use crate::auth::Viewer;
use crate::routes::Routes;

/// The profile routes.
pub(super) fn router() -> Routes {
    Routes::new()
        .get_post(
            "/organisationen/{slug}/bearbeiten",
            organization_form,
            organization_save,
        )
        .post(
            "/organisationen/{slug}/bearbeiten/bearbeitende",
            organization_editor,
        )
        .get_post(
            "/netzwerke/{slug}/verwaltung/einstellungen",
            settings_form,
            settings_save,
        )
}

/// The confirmations a redirect may ask for on these pages.
const DONE: &[&str] = &[
    "profile-saved",
    "editor-added",
    "editor-removed",
    "settings-saved",
    "organization-created",
];

/// The query parameter that carries a confirmation (as in the management).
const DONE_PARAM: &str = "erledigt";

fn confirmation(ctx: &Ctx, raw_query: Option<&str>) -> Option<String> {
    raw_query
        .map(query::parse)
        .unwrap_or_default()
        .into_iter()
        .find(|(k, _)| k == DONE_PARAM)
        .and_then(|(_, v)| DONE.iter().find(|d| **d == v))
        .map(|d| ctx.t(&format!("profile-done-{d}")))
}

/// The words a figure's line may use for each qualifier: the code and the
/// labels of both languages (what the form shows in either).
const QUALIFIER_WORDS: &[(FigureQualifier, &[&str])] = &[
    (FigureQualifier::Exact, &["exact", "genau"]),
    (
        FigureQualifier::MoreThan,
        &["more_than", "more than", "mehr als"],
    ),
];

/// The label of a qualifier in the page's language, as a figure's line uses it.
fn qualifier_label(ctx: &Ctx, q: FigureQualifier) -> String {
    ctx.t(match q {
        FigureQualifier::Exact => "profile-figure-exact",
        FigureQualifier::MoreThan => "profile-figure-more-than",
    })
}

fn qualifier_from_word(word: &str) -> Option<FigureQualifier> {
    let word = word.split_whitespace().collect::<Vec<_>>().join(" ");
    let word = word.to_lowercase();
    QUALIFIER_WORDS
        .iter()
        .find(|(_, words)| words.contains(&word.as_str()))
        .map(|(q, _)| *q)
}

/// The figures as the textarea shows them, one a line.
fn figures_text(ctx: &Ctx, figures: &[NetworkFigure]) -> String {
    figures
        .iter()
        .map(|f| {
            format!(
                "{}; {}; {}; {}",
                f.on,
                f.members,
                qualifier_label(ctx, f.qualifier),
                f.source
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// What is wrong with one line of figures, if anything.
fn figure_line(ctx: &Ctx, line: usize, text: &str) -> Result<NetworkFigure, String> {
    let fields: Vec<&str> = text.splitn(4, ';').map(str::trim).collect();
    let field = |i: usize| fields.get(i).copied().unwrap_or("");
    let at = |id: &str| ctx.t1(id, "line", line);
    let at_value = |id: &str, value: &str| ctx.t2(id, "line", line, "value", value);
    let on = match field(0) {
        "" => return Err(at("profile-figure-error-date-missing")),
        d => d
            .parse::<PartialDate>()
            .map_err(|_| at_value("profile-figure-error-date", d))?,
    };
    let members = match field(1) {
        "" => return Err(at("profile-figure-error-count-missing")),
        n => n
            .parse::<u32>()
            .map_err(|_| at_value("profile-figure-error-count", n))?,
    };
    let qualifier = match field(2) {
        "" => return Err(at("profile-figure-error-qualifier-missing")),
        w => qualifier_from_word(w).ok_or_else(|| at_value("profile-figure-error-qualifier", w))?,
    };
    let source = match field(3) {
        "" => return Err(at("profile-figure-error-source-missing")),
        t if t.chars().count() > MAX_TEXT => {
            return Err(ctx.t2(
                "profile-figure-error-source-long",
                "line",
                line,
                "max",
                MAX_TEXT,
            ));
        }
        t => t.to_owned(),
    };
    Ok(NetworkFigure {
        on,
        members,
        qualifier,
        source,
    })
}

/// Most lines the figures and parts fields take: far more than any network
/// publishes or any Verbund has, and a bound on the lookups one form causes.
const MAX_LINES: usize = 200;

/// Refuses a text of more than [`MAX_LINES`] filled lines.
fn within_lines(ctx: &Ctx, text: &str) -> Result<(), Problem> {
    if text.lines().filter(|l| !l.trim().is_empty()).count() > MAX_LINES {
        return Err(Problem::new(ctx.t1(
            "profile-error-too-many-lines",
            "max",
            MAX_LINES,
        )));
    }
    Ok(())
}

/// Reads the textarea of figures; every bad line is named.
fn parse_figures(ctx: &Ctx, text: &str) -> Result<Vec<NetworkFigure>, Problem> {
    within_lines(ctx, text)?;
    let mut figures = Vec::new();
    let mut wrong = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        match figure_line(ctx, i + 1, line) {
            Ok(f) => figures.push(f),
            Err(e) => wrong.push(e),
        }
    }
    if wrong.is_empty() {
        Ok(figures)
    } else {
        Err(Problem::new(wrong.join(" ")))
    }
}

/// Reads the textarea of parts, one slug a line; every slug that names no
/// organisation of the directory is named.
async fn read_parts(
    ctx: &Ctx,
    dir: &Directory,
    text: &str,
) -> Result<Result<Vec<Slug>, Problem>, AppError> {
    if let Err(p) = within_lines(ctx, text) {
        return Ok(Err(p));
    }
    let mut parts = Vec::new();
    let mut wrong = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        let unknown = || ctx.t2("profile-parts-error-unknown", "line", i + 1, "slug", line);
        match line.parse::<Slug>() {
            Ok(slug) => match dir.organization(&slug).await {
                Ok(_) => parts.push(slug),
                Err(AppError::NotFound { .. }) => wrong.push(unknown()),
                Err(e) => return Err(e),
            },
            Err(_) => wrong.push(unknown()),
        }
    }
    Ok(if wrong.is_empty() {
        Ok(parts)
    } else {
        Err(Problem::new(wrong.join(" ")))
    })
}

// --- an organisation's profile ----------------------------------------------------

/// The form of the profile.
struct OrgForm {
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
    fn new(ctx: &Ctx, o: &Organization, f: Option<&FormData>) -> OrgForm {
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
struct EditorForm {
    action: String,
    email: Control,
    summary: Vec<SummaryItem>,
}

impl EditorForm {
    fn new(ctx: &Ctx, slug: &Slug, f: Option<&FormData>) -> EditorForm {
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
            .maxlength(254)
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

fn edit_path(slug: &Slug) -> String {
    format!("/organisationen/{slug}/bearbeiten")
}

/// The organisation, once the policy lets the viewer edit it.
async fn editable(
    s: &AppState,
    ctx: &Ctx,
    v: &Viewer,
    raw: &str,
    action: fn(&str) -> Action<'_>,
) -> Result<(Directory, Organization), Response> {
    let Ok(slug) = raw.parse::<Slug>() else {
        return Err(error_page(ctx, StatusCode::NOT_FOUND));
    };
    if let Err(e) = v.may(&action(slug.as_str())) {
        return Err(refused(ctx, e, &edit_path(&slug)));
    }
    let dir = s.dir.for_actor(&v.actor);
    match dir.organization(&slug).await {
        Ok(o) => Ok((dir, o)),
        Err(e) => Err(failure(ctx, e)),
    }
}

fn may_edit(slug: &str) -> Action<'_> {
    Action::EditOrganization(slug)
}

fn may_name_editors(_: &str) -> Action<'_> {
    Action::ManagePlatform
}

async fn render_org(
    ctx: &Ctx,
    v: &Viewer,
    (dir, o): &(Directory, Organization),
    q: Option<&str>,
    form: OrgForm,
    editor_form: Option<EditorForm>,
    status: StatusCode,
) -> Response {
    let editors = if v.may(&Action::ManagePlatform).is_ok() {
        match dir.organization_editors(&v.actor, &o.slug).await {
            Ok(list) => Some((
                list.into_iter()
                    .map(|p: Person| EditorRow {
                        name: p.name,
                        email: p.email.to_string(),
                    })
                    .collect(),
                editor_form.unwrap_or_else(|| EditorForm::new(ctx, &o.slug, None)),
            )),
            Err(e) => return failure(ctx, e),
        }
    } else {
        None
    };
    let page = OrgEditPage {
        ctx,
        title: ctx.t1("profile-org-heading", "organization", o.name.as_str()),
        crumbs: vec![
            Crumb {
                text: ctx.t("nav-organizations"),
                href: Some(ctx.href("/organisationen")),
            },
            Crumb {
                text: o.name.clone(),
                href: Some(ctx.href(&format!("/organisationen/{}", o.slug))),
            },
            Crumb {
                text: ctx.t("profile-edit-link"),
                href: None,
            },
        ],
        done: confirmation(ctx, q),
        slug: o.slug.to_string(),
        form,
        editors,
    };
    html(ctx, status, &page)
}

async fn organization_form(
    State(s): State<AppState>,
    ctx: Ctx,
    v: Viewer,
    Path(slug): Path<String>,
    RawQuery(q): RawQuery,
) -> Response {
    let target = match editable(&s, &ctx, &v, &slug, may_edit).await {
        Ok(x) => x,
        Err(r) => return r,
    };
    let form = OrgForm::new(&ctx, &target.1, None);
    render_org(&ctx, &v, &target, q.as_deref(), form, None, StatusCode::OK).await
}

/// Reads the form into the changed organisation; the rest stays as it is.
/// `parts` is what [`read_parts`] made of the parts' field, if the form has
/// it; without it the parts stay as they are.
fn parse_org(
    ctx: &Ctx,
    o: &Organization,
    f: &FormData,
    parts: Option<Result<Vec<Slug>, Problem>>,
) -> Result<Organization, Rejected> {
    let mut problems = Vec::new();
    let parts = match parts {
        None => o.parts.clone(),
        Some(Ok(p)) => p,
        Some(Err(p)) => {
            problems.push(("parts".into(), p));
            Vec::new()
        }
    };
    let name = required(ctx, &mut problems, "name", &f.get("name"));
    if let Some(n) = &name {
        too_long(ctx, &mut problems, "name", n, MAX_NAME);
    }
    let website = website(ctx, &mut problems, f.get("website"));
    let population = match f.get("population") {
        p if p.is_empty() => None,
        p => match p.parse::<u64>() {
            Ok(n) => Some(n),
            Err(_) => {
                problems.push((
                    "population".into(),
                    Problem::new(ctx.t("profile-error-population")),
                ));
                None
            }
        },
    };
    let source = optional(f.get("source"));
    if let Some(t) = &source {
        too_long(ctx, &mut problems, "source", t, MAX_TEXT);
    }
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

async fn organization_save(
    State(s): State<AppState>,
    ctx: Ctx,
    v: Viewer,
    Path(slug): Path<String>,
    body: Bytes,
) -> Response {
    let (dir, o) = match editable(&s, &ctx, &v, &slug, may_edit).await {
        Ok(x) => x,
        Err(r) => return r,
    };
    let f = FormData::parse(&body);
    let parts = if o.kind == OrgKind::Cooperation && f.has("parts") {
        match read_parts(&ctx, &dir, f.raw("parts")).await {
            Ok(p) => Some(p),
            Err(e) => return failure(&ctx, e),
        }
    } else {
        None
    };
    let rejected = match parse_org(&ctx, &o, &f, parts) {
        Ok(changed) => match dir.update_organization(&o.slug, &changed).await {
            Ok(()) => {
                return done(&ctx, &edit_path(&o.slug), "profile-saved");
            }
            Err(e) => match Rejected::from_app(&ctx, e) {
                Ok(r) => r,
                Err(e) => return failure(&ctx, e),
            },
        },
        Err(r) => r,
    };
    let status = rejected.status;
    let mut form = OrgForm::new(&ctx, &o, Some(&f));
    form.reject(rejected);
    render_org(&ctx, &v, &(dir, o), None, form, None, status).await
}

async fn organization_editor(
    State(s): State<AppState>,
    ctx: Ctx,
    v: Viewer,
    Path(slug): Path<String>,
    body: Bytes,
) -> Response {
    let (dir, o) = match editable(&s, &ctx, &v, &slug, may_name_editors).await {
        Ok(x) => x,
        Err(r) => return r,
    };
    let f = FormData::parse(&body);
    let editor = f.get("editor") != "0";
    let rejected = match f.get("email").parse::<Email>() {
        Ok(email) => match dir
            .set_organization_editor(&v.actor, &o.slug, &email, editor)
            .await
        {
            // The use case records the change itself.
            Ok(()) => {
                let what = if editor {
                    "editor-added"
                } else {
                    "editor-removed"
                };
                return done(&ctx, &edit_path(&o.slug), what);
            }
            Err(e) => match Rejected::from_app(&ctx, e) {
                Ok(r) => r,
                Err(e) => return failure(&ctx, e),
            },
        },
        Err(_) => Rejected::input(vec![(
            "email".into(),
            Problem::new(ctx.t("manage-error-email")),
        )]),
    };
    let status = rejected.status;
    let mut editor_form = EditorForm::new(&ctx, &o.slug, Some(&f));
    editor_form.summary = rejected.apply(&mut [&mut editor_form.email]);
    let form = OrgForm::new(&ctx, &o, None);
    render_org(&ctx, &v, &(dir, o), None, form, Some(editor_form), status).await
}

// --- a network's settings -----------------------------------------------------------

fn settings_path(slug: &Slug) -> String {
    format!("{}/einstellungen", Section::Overview.path(slug))
}

/// The network, once the viewer may manage it.
async fn managed(s: &AppState, ctx: &Ctx, v: &Viewer, raw: &str) -> Result<Managed, Response> {
    let Ok(slug) = raw.parse::<Slug>() else {
        return Err(error_page(ctx, StatusCode::NOT_FOUND));
    };
    let dir = s.dir.for_actor(&v.actor);
    if let Err(e) = dir.may_manage_network(&v.actor, &slug).await {
        return Err(refused(ctx, e, &settings_path(&slug)));
    }
    match dir.network(&slug).await {
        Ok(network) => Ok(Managed { slug, network, dir }),
        Err(e) => Err(failure(ctx, e)),
    }
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

fn render_settings(
    ctx: &Ctx,
    m: &Managed,
    q: Option<&str>,
    form: SettingsForm,
    status: StatusCode,
) -> Response {
    let mut frame = Frame::new(ctx, m, Section::Overview, None);
    frame.heading = ctx.t1(
        "profile-settings-heading",
        "network",
        m.network.name.as_str(),
    );
    if let Some(last) = frame.crumbs.last_mut() {
        last.href = Some(ctx.href(&Section::Overview.path(&m.slug)));
    }
    frame.crumbs.push(Crumb {
        text: ctx.t("profile-settings-link"),
        href: None,
    });
    for n in &mut frame.nav {
        n.current = false;
    }
    frame.done = confirmation(ctx, q);
    let page = SettingsPage {
        ctx,
        title: frame.heading.clone(),
        frame,
        form,
    };
    html(ctx, status, &page)
}

async fn settings_form(
    State(s): State<AppState>,
    ctx: Ctx,
    v: Viewer,
    Path(slug): Path<String>,
    RawQuery(q): RawQuery,
) -> Response {
    let m = match managed(&s, &ctx, &v, &slug).await {
        Ok(m) => m,
        Err(r) => return r,
    };
    let form = SettingsForm::new(&ctx, &m.network, None);
    render_settings(&ctx, &m, q.as_deref(), form, StatusCode::OK)
}

/// Reads the form into the changed network; the rest stays as it is.
fn parse_settings(ctx: &Ctx, n: &Network, f: &FormData) -> Result<Network, Rejected> {
    let mut problems = Vec::new();
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
            problems.push((
                "visibility".into(),
                Problem::new(ctx.t("manage-error-choose")),
            ));
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

async fn settings_save(
    State(s): State<AppState>,
    ctx: Ctx,
    v: Viewer,
    Path(slug): Path<String>,
    body: Bytes,
) -> Response {
    let m = match managed(&s, &ctx, &v, &slug).await {
        Ok(m) => m,
        Err(r) => return r,
    };
    let f = FormData::parse(&body);
    let rejected = match parse_settings(&ctx, &m.network, &f) {
        Ok(changed) => match m.dir.update_network(&m.slug, &changed).await {
            Ok(()) => {
                return done(&ctx, &settings_path(&m.slug), "settings-saved");
            }
            Err(e) => match Rejected::from_app(&ctx, e) {
                Ok(r) => r,
                Err(e) => return failure(&ctx, e),
            },
        },
        Err(r) => r,
    };
    let status = rejected.status;
    let mut form = SettingsForm::new(&ctx, &m.network, Some(&f));
    form.reject(rejected);
    render_settings(&ctx, &m, None, form, status)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_known_confirmations_are_shown() {
        for d in DONE {
            for q in ["", "lang=en"] {
                let ctx = Ctx::new("/", q, None);
                let text = confirmation(&ctx, Some(&format!("erledigt={d}"))).unwrap();
                assert!(!text.starts_with("profile-"), "{d} has no message");
            }
        }
        let ctx = Ctx::new("/", "", None);
        assert_eq!(confirmation(&ctx, Some("erledigt=gehackt")), None);
    }

    #[test]
    fn the_labels_shown_are_read_back() {
        for q in ["", "lang=en"] {
            let ctx = Ctx::new("/", q, None);
            for (qualifier, _) in QUALIFIER_WORDS {
                let label = qualifier_label(&ctx, *qualifier);
                assert_eq!(qualifier_from_word(&label), Some(*qualifier), "{label}");
                assert_eq!(qualifier_from_word(qualifier.code()), Some(*qualifier));
            }
        }
        assert_eq!(
            qualifier_from_word("Mehr  Als"),
            Some(FigureQualifier::MoreThan)
        );
        assert_eq!(qualifier_from_word("mindestens"), None);
    }

    #[test]
    fn too_many_lines_are_refused_before_any_is_read() {
        let ctx = Ctx::new("/", "", None);
        let line = "2021-09; 29; genau; A\n";
        assert!(parse_figures(&ctx, &line.repeat(MAX_LINES)).is_ok());
        let e = parse_figures(&ctx, &line.repeat(MAX_LINES + 1)).unwrap_err();
        assert!(e.text.contains("200"), "{}", e.text);
    }

    #[test]
    fn figures_go_through_the_text_and_back() {
        let ctx = Ctx::new("/", "", None);
        let figures =
            parse_figures(&ctx, "2021-09; 29; genau; A\n\n2024; 30; more_than; B; C").unwrap();
        assert_eq!(figures.len(), 2);
        assert_eq!(figures[1].source, "B; C");
        let text = figures_text(&ctx, &figures);
        assert_eq!(text, "2021-09; 29; genau; A\n2024; 30; mehr als; B; C");
        assert_eq!(parse_figures(&ctx, &text).unwrap(), figures);
        let e = parse_figures(&ctx, "2021; 1; genau; A\n2022\n; 3").unwrap_err();
        assert_eq!(e.text, "Zeile 2: Anzahl fehlt. Zeile 3: Datum fehlt.");
    }
}
