//! The forms that share, change and remove projects and experiences. The
//! policy's answer comes from the use case (who writes for which
//! organisation, who moderates); the form offers only the organisations and
//! networks the reader may choose ([`Knowledge::share_options`]) and reads
//! the body into what `POST /api/v1/projects` and `/experiences` take.

use axum::body::Bytes;
use axum::extract::RawQuery;
use axum::http::StatusCode;
use axum::response::Response;
use knotenpunkt_app::access::Denial;
use knotenpunkt_app::domain::limits::{MAX_NAME, MAX_TEXT};
use knotenpunkt_app::domain::{
    Contact, Experience, FieldOfAction, Language, Outcome, Project, ProjectStatus, Slug, Visibility,
};
use knotenpunkt_app::{AppError, Knowledge, ShareOptions};

use crate::auth::Use;
use crate::pages::answer::{Answer, OrFail, error_page, html};
use crate::pages::ctx::Ctx;
use crate::pages::extract::Params;
use crate::pages::form::{
    CONFIRM, Control, DeleteForm, FormData, FormPage, KNOWLEDGE, Problem, Problems, Rejected,
    choose, name, optional, partial_date, refused, required, too_long,
};
use crate::pages::query;
use crate::pages::ui::Crumb;

/// Which form, for what.
enum Which<'a> {
    NewProject,
    Project(&'a Slug, &'a str),
    NewExperience,
    Experience(i64, &'a str),
}

impl Which<'_> {
    fn path(&self) -> String {
        match self {
            Which::NewProject => "/projekte/neu".into(),
            Which::Project(s, _) => format!("/projekte/{s}/bearbeiten"),
            Which::NewExperience => "/erfahrungen/neu".into(),
            Which::Experience(id, _) => format!("/erfahrungen/{id}/bearbeiten"),
        }
    }

    fn is_project(&self) -> bool {
        matches!(self, Which::NewProject | Which::Project(..))
    }
}

/// The choices of the place fields: organisation, network, visibility.
fn place_controls(ctx: &Ctx, form: &str, options: &ShareOptions, f: &FormData) -> [Control; 3] {
    // With more than one organisation to choose from, none is chosen for
    // the writer: an admin must not share for the first in the list by
    // accident.
    let mut organizations: Vec<(String, String)> = Vec::new();
    if options.organizations.len() > 1 {
        organizations.push((String::new(), ctx.t("knowledge-choose-organization")));
    }
    organizations.extend(
        options
            .organizations
            .iter()
            .map(|o| (o.slug.to_string(), o.name.clone())),
    );
    let organization = Control::pick(
        form,
        "organization",
        "select",
        ctx.t("knowledge-organization"),
        organizations,
        &[f.get("organization")],
    )
    .required();
    let mut networks: Vec<(String, String)> = vec![(String::new(), ctx.t("knowledge-no-network"))];
    networks.extend(
        options
            .networks
            .iter()
            .map(|n| (n.slug.to_string(), n.name.clone())),
    );
    let network = Control::pick(
        form,
        "network",
        "select",
        ctx.t("knowledge-network"),
        networks,
        &[f.get("network")],
    )
    .hint(ctx.t("knowledge-network-hint"));
    let mut visibilities = vec![
        ("public".to_owned(), ctx.t("knowledge-visibility-public")),
        ("network".to_owned(), ctx.t("knowledge-visibility-network")),
    ];
    visibilities.extend(options.groups.iter().map(|(n, g)| {
        (
            format!("group:{g}"),
            ctx.t2(
                "knowledge-visibility-group-of",
                "group",
                g.as_str(),
                "network",
                n.as_str(),
            ),
        )
    }));
    let chosen = match f.get("visibility") {
        v if v.is_empty() => "public".to_owned(),
        v => v,
    };
    let visibility = Control::pick(
        form,
        "visibility",
        "select",
        ctx.t("knowledge-visibility"),
        visibilities,
        &[chosen],
    )
    .required()
    .hint(ctx.t("knowledge-visibility-hint"));
    [organization, network, visibility]
}

fn topics_control(ctx: &Ctx, form: &str, f: &FormData) -> Control {
    Control::pick(
        form,
        "topics",
        "checkbox",
        ctx.t("search-facet-topic"),
        FieldOfAction::ALL
            .iter()
            .map(|t| (t.code(), ctx.topic_name(t.code()))),
        &f.all("topics"),
    )
    .required()
    .wide()
}

fn text_control(ctx: &Ctx, form: &str, field: &'static str, label: &str, f: &FormData) -> Control {
    Control::input(form, field, "textarea", ctx.t(label), f.get(field))
        .maxlength(MAX_TEXT)
        .wide()
}

fn project_controls(ctx: &Ctx, options: &ShareOptions, f: &FormData) -> Vec<Control> {
    let [organization, network, visibility] = place_controls(ctx, "project", options, f);
    let status = match f.get("status") {
        s if s.is_empty() => "running".to_owned(),
        s => s,
    };
    vec![
        Control::input(
            "project",
            "title",
            "text",
            ctx.t("knowledge-title"),
            f.get("title"),
        )
        .required()
        .maxlength(MAX_NAME)
        .wide(),
        organization,
        Control::pick(
            "project",
            "status",
            "select",
            ctx.t("knowledge-status"),
            ProjectStatus::ALL
                .iter()
                .map(|s| (s.code(), ctx.status_name(s.code()))),
            &[status],
        )
        .required(),
        text_control(ctx, "project", "summary", "knowledge-summary", f)
            .required()
            .hint(ctx.t("knowledge-markdown-hint")),
        topics_control(ctx, "project", f),
        Control::input(
            "project",
            "started",
            "text",
            ctx.t("knowledge-started"),
            f.get("started"),
        )
        .maxlength(10)
        .hint(ctx.t("manage-partial-date-hint")),
        Control::input(
            "project",
            "ended",
            "text",
            ctx.t("knowledge-ended"),
            f.get("ended"),
        )
        .maxlength(10)
        .hint(ctx.t("manage-partial-date-hint")),
        Control::input(
            "project",
            "funding",
            "text",
            ctx.t("knowledge-funding"),
            f.get("funding"),
        )
        .maxlength(MAX_NAME),
        Control::input(
            "project",
            "partners",
            "textarea",
            ctx.t("knowledge-partners"),
            f.get("partners"),
        )
        .code()
        .hint(ctx.t("knowledge-partners-hint")),
        text_control(ctx, "project", "contacts", "knowledge-contacts", f)
            .hint(ctx.t("knowledge-contacts-hint")),
        Control::input(
            "project",
            "links",
            "textarea",
            ctx.t("knowledge-links"),
            f.get("links"),
        )
        .code()
        .hint(ctx.t("knowledge-links-hint")),
        network,
        visibility,
        text_control(ctx, "project", "source", "profile-source", f)
            .hint(ctx.t("profile-source-hint")),
    ]
}

fn experience_controls(ctx: &Ctx, options: &ShareOptions, f: &FormData) -> Vec<Control> {
    let [organization, network, visibility] = place_controls(ctx, "experience", options, f);
    let outcome = match f.get("outcome") {
        s if s.is_empty() => "open".to_owned(),
        s => s,
    };
    let lang = match f.get("lang") {
        s if s.is_empty() => ctx.lang_code().to_owned(),
        s => s,
    };
    vec![
        Control::input(
            "experience",
            "title",
            "text",
            ctx.t("knowledge-title"),
            f.get("title"),
        )
        .required()
        .maxlength(MAX_NAME)
        .wide(),
        organization,
        Control::input(
            "experience",
            "project",
            "text",
            ctx.t("knowledge-project"),
            f.get("project"),
        )
        .code()
        .hint(ctx.t("knowledge-project-hint")),
        text_control(ctx, "experience", "text", "knowledge-report", f)
            .required()
            .hint(ctx.t("knowledge-markdown-hint")),
        Control::pick(
            "experience",
            "outcome",
            "radio",
            ctx.t("search-facet-outcome"),
            Outcome::ALL
                .iter()
                .map(|o| (o.code(), ctx.outcome_name(o.code()))),
            &[outcome],
        )
        .required(),
        text_control(ctx, "experience", "differently", "knowledge-differently", f),
        topics_control(ctx, "experience", f),
        Control::pick(
            "experience",
            "lang",
            "select",
            ctx.t("knowledge-lang"),
            [
                ("de", ctx.t("knowledge-lang-de")),
                ("en", ctx.t("knowledge-lang-en")),
            ],
            &[lang],
        )
        .required(),
        network,
        visibility,
    ]
}

/// The place fields read: organisation, network, visibility.
fn read_place(
    ctx: &Ctx,
    problems: &mut Problems,
    f: &FormData,
) -> (Option<Slug>, Option<Slug>, Option<Visibility>) {
    let organization = match f.get("organization").parse::<Slug>() {
        Ok(s) => Some(s),
        Err(_) => {
            problems.push(("organization".into(), choose(ctx)));
            None
        }
    };
    let network = match optional(f.get("network")) {
        None => None,
        Some(n) => match n.parse::<Slug>() {
            Ok(s) => Some(s),
            Err(_) => {
                problems.push(("network".into(), choose(ctx)));
                None
            }
        },
    };
    let visibility = match f.get("visibility").parse::<Visibility>() {
        Ok(v) => Some(v),
        Err(_) => {
            problems.push(("visibility".into(), choose(ctx)));
            None
        }
    };
    (organization, network, visibility)
}

fn read_topics(ctx: &Ctx, problems: &mut Problems, f: &FormData) -> Vec<FieldOfAction> {
    let mut topics = Vec::new();
    for t in f.all("topics") {
        match t.parse::<FieldOfAction>() {
            Ok(t) if !topics.contains(&t) => topics.push(t),
            Ok(_) => {}
            Err(_) => problems.push(("topics".into(), choose(ctx))),
        }
    }
    if topics.is_empty() {
        problems.push((
            "topics".into(),
            Problem::new(ctx.t("knowledge-error-topics")),
        ));
    }
    topics
}

fn long_text(ctx: &Ctx, problems: &mut Problems, f: &FormData, field: &str) -> Option<String> {
    let v = optional(f.get(field))?;
    too_long(ctx, problems, field, &v, MAX_TEXT);
    Some(v)
}

fn lines(text: &str) -> impl Iterator<Item = &str> {
    text.lines().map(str::trim).filter(|l| !l.is_empty())
}

/// Reads the project form.
fn read_project(ctx: &Ctx, f: &FormData) -> Result<Project, Rejected> {
    let mut problems: Problems = Vec::new();
    let title = name(ctx, &mut problems, f, "title");
    let (organization, network, visibility) = read_place(ctx, &mut problems, f);
    let status = f.get("status").parse::<ProjectStatus>().ok();
    if status.is_none() {
        problems.push(("status".into(), choose(ctx)));
    }
    let summary = f.get("summary");
    let summary = required(ctx, &mut problems, "summary", summary.trim());
    if let Some(s) = &summary {
        too_long(ctx, &mut problems, "summary", s, MAX_TEXT);
    }
    let topics = read_topics(ctx, &mut problems, f);
    let started = partial_date(ctx, &mut problems, "started", &f.get("started"));
    let ended = partial_date(ctx, &mut problems, "ended", &f.get("ended"));
    let funding = optional(f.get("funding"));
    if let Some(v) = &funding {
        too_long(ctx, &mut problems, "funding", v, MAX_NAME);
    }
    let mut partners = Vec::new();
    for l in lines(&f.get("partners")) {
        match l.parse::<Slug>() {
            Ok(s) => partners.push(s),
            Err(_) => problems.push((
                "partners".into(),
                Problem::new(ctx.t1("knowledge-error-partner", "line", l)),
            )),
        }
    }
    let mut contacts = Vec::new();
    for l in lines(&f.get("contacts")) {
        let mut parts = l.split(';').map(str::trim);
        let name = parts.next().unwrap_or_default().to_owned();
        let role = parts.next().and_then(|r| optional(r.to_owned()));
        let email = match parts.next().and_then(|e| optional(e.to_owned())) {
            None => None,
            Some(e) => match e.parse() {
                Ok(e) => Some(e),
                Err(_) => {
                    problems.push((
                        "contacts".into(),
                        Problem::new(ctx.t1("knowledge-error-contact", "line", l)),
                    ));
                    None
                }
            },
        };
        contacts.push(Contact { name, role, email });
    }
    let links: Vec<String> = lines(&f.get("links")).map(str::to_owned).collect();
    let source = long_text(ctx, &mut problems, f, "source");
    match (title, organization, visibility, status, summary) {
        (Some(title), Some(organization), Some(visibility), Some(status), Some(summary))
            if problems.is_empty() =>
        {
            Ok(Project {
                slug: None,
                organization,
                partners,
                network,
                title,
                summary,
                topics,
                status,
                started,
                ended,
                funding,
                contacts,
                links,
                source,
                visibility,
            })
        }
        _ => Err(Rejected::input(problems)),
    }
}

/// Reads the experience form.
fn read_experience(ctx: &Ctx, f: &FormData) -> Result<Experience, Rejected> {
    let mut problems: Problems = Vec::new();
    let title = name(ctx, &mut problems, f, "title");
    let (organization, network, visibility) = read_place(ctx, &mut problems, f);
    let project = match optional(f.get("project")) {
        None => None,
        Some(p) => match p.parse::<Slug>() {
            Ok(s) => Some(s),
            Err(_) => {
                problems.push((
                    "project".into(),
                    Problem::new(ctx.t("knowledge-error-project")),
                ));
                None
            }
        },
    };
    let text = f.get("text");
    let text = required(ctx, &mut problems, "text", text.trim());
    if let Some(t) = &text {
        too_long(ctx, &mut problems, "text", t, MAX_TEXT);
    }
    let outcome = f.get("outcome").parse::<Outcome>().ok();
    if outcome.is_none() {
        problems.push(("outcome".into(), choose(ctx)));
    }
    let differently = long_text(ctx, &mut problems, f, "differently");
    let topics = read_topics(ctx, &mut problems, f);
    let lang = f.get("lang").parse::<Language>().ok();
    if lang.is_none() {
        problems.push(("lang".into(), choose(ctx)));
    }
    match (title, organization, visibility, text, outcome, lang) {
        (
            Some(title),
            Some(organization),
            Some(visibility),
            Some(text),
            Some(outcome),
            Some(lang),
        ) if problems.is_empty() => Ok(Experience {
            organization,
            project,
            network,
            title,
            text,
            outcome,
            differently,
            topics,
            lang,
            visibility,
        }),
        _ => Err(Rejected::input(problems)),
    }
}

/// The stored project as the form's values.
fn project_values(p: &Project) -> FormData {
    let mut pairs: Vec<(String, String)> = vec![
        ("title".into(), p.title.clone()),
        ("organization".into(), p.organization.to_string()),
        ("status".into(), p.status.code().into()),
        ("summary".into(), p.summary.clone()),
        (
            "started".into(),
            p.started
                .as_ref()
                .map(ToString::to_string)
                .unwrap_or_default(),
        ),
        (
            "ended".into(),
            p.ended
                .as_ref()
                .map(ToString::to_string)
                .unwrap_or_default(),
        ),
        ("funding".into(), p.funding.clone().unwrap_or_default()),
        (
            "partners".into(),
            p.partners
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join("\n"),
        ),
        (
            "contacts".into(),
            p.contacts
                .iter()
                .map(|c| {
                    format!(
                        "{}; {}; {}",
                        c.name,
                        c.role.clone().unwrap_or_default(),
                        c.email
                            .as_ref()
                            .map(ToString::to_string)
                            .unwrap_or_default()
                    )
                    .trim_end_matches([';', ' '])
                    .to_owned()
                })
                .collect::<Vec<_>>()
                .join("\n"),
        ),
        ("links".into(), p.links.join("\n")),
        (
            "network".into(),
            p.network
                .as_ref()
                .map(ToString::to_string)
                .unwrap_or_default(),
        ),
        ("visibility".into(), p.visibility.to_string()),
        ("source".into(), p.source.clone().unwrap_or_default()),
    ];
    pairs.extend(
        p.topics
            .iter()
            .map(|t| ("topics".to_owned(), t.code().to_owned())),
    );
    FormData::from_pairs(pairs)
}

/// The stored experience as the form's values.
fn experience_values(e: &Experience) -> FormData {
    let mut pairs: Vec<(String, String)> = vec![
        ("title".into(), e.title.clone()),
        ("organization".into(), e.organization.to_string()),
        (
            "project".into(),
            e.project
                .as_ref()
                .map(ToString::to_string)
                .unwrap_or_default(),
        ),
        ("text".into(), e.text.clone()),
        ("outcome".into(), e.outcome.code().into()),
        (
            "differently".into(),
            e.differently.clone().unwrap_or_default(),
        ),
        ("lang".into(), e.lang.code().into()),
        (
            "network".into(),
            e.network
                .as_ref()
                .map(ToString::to_string)
                .unwrap_or_default(),
        ),
        ("visibility".into(), e.visibility.to_string()),
    ];
    pairs.extend(
        e.topics
            .iter()
            .map(|t| ("topics".to_owned(), t.code().to_owned())),
    );
    FormData::from_pairs(pairs)
}

/// Renders a form page.
fn render(
    ctx: &Ctx,
    which: &Which<'_>,
    options: &ShareOptions,
    values: &FormData,
    rejected: Option<Rejected>,
    delete_rejected: Option<Rejected>,
) -> Response {
    let mut controls = if which.is_project() {
        project_controls(ctx, options, values)
    } else {
        experience_controls(ctx, options, values)
    };
    let mut status = StatusCode::OK;
    let mut summary = Vec::new();
    if let Some(r) = rejected {
        status = r.status;
        let mut refs: Vec<&mut Control> = controls.iter_mut().collect();
        summary = r.apply(&mut refs);
    }
    let (title, list, list_href, submit, intro) = match which {
        Which::NewProject => (
            ctx.t("knowledge-project-new"),
            "knowledge-projects-title",
            "/projekte",
            ctx.t("knowledge-project-create"),
            ctx.t("knowledge-project-form-intro"),
        ),
        Which::Project(_, t) => (
            ctx.t1("knowledge-edit-heading", "title", *t),
            "knowledge-projects-title",
            "/projekte",
            ctx.t("knowledge-save"),
            ctx.t("knowledge-project-form-intro"),
        ),
        Which::NewExperience => (
            ctx.t("knowledge-experience-new"),
            "knowledge-experiences-title",
            "/erfahrungen",
            ctx.t("knowledge-experience-create"),
            ctx.t("knowledge-experience-form-intro"),
        ),
        Which::Experience(_, t) => (
            ctx.t1("knowledge-edit-heading", "title", *t),
            "knowledge-experiences-title",
            "/erfahrungen",
            ctx.t("knowledge-save"),
            ctx.t("knowledge-experience-form-intro"),
        ),
    };
    let delete = match which {
        Which::Project(..) | Which::Experience(..) => {
            let path = which.path().replace("/bearbeiten", "/loeschen");
            let mut d = DeleteForm {
                action: ctx.href(&path),
                confirm: Control::confirm(
                    ctx.t("platform-delete-legend"),
                    ctx.t("knowledge-delete-confirm"),
                ),
                summary: Vec::new(),
            };
            if let Some(r) = delete_rejected {
                status = r.status;
                d.summary = r.apply(&mut [&mut d.confirm]);
            }
            Some(d)
        }
        _ => None,
    };
    let page = FormPage {
        ctx,
        crumbs: vec![
            Crumb::link(ctx.t(list), ctx.href(list_href)),
            Crumb::here(title.clone()),
        ],
        title,
        intro,
        action: ctx.href(&which.path()),
        controls,
        summary,
        submit,
        delete,
    };
    html(ctx, status, &page)
}

/// The reader's choices, or the answer for someone who may share nothing.
async fn options_or_refuse(k: &Knowledge, ctx: &Ctx, back: &str) -> Result<ShareOptions, Response> {
    let options = k.share_options().await.or_fail(ctx)?;
    if options.organizations.is_empty() {
        let denial = if ctx.user().is_none() {
            Denial::SignIn
        } else {
            Denial::Forbidden
        };
        return Err(refused(ctx, AppError::Denied(denial), back));
    }
    Ok(options)
}

/// What a write's error means for the form: the policy's answer as a page,
/// anything about the input next to its field.
// The error is the request's whole answer (see `OrFail`); boxing it would
// gain nothing.
#[allow(clippy::result_large_err)]
fn rejected_by(ctx: &Ctx, e: AppError, back: &str) -> Result<Rejected, Response> {
    match e {
        e @ AppError::Denied(_) => Err(refused(ctx, e, back)),
        e => Rejected::from_app(ctx, e).or_fail(ctx),
    }
}

/// GET /projekte/neu
pub(super) async fn new_project(Use(k): Use<Knowledge>, ctx: Ctx) -> Answer {
    let options = options_or_refuse(&k, &ctx, "/projekte/neu").await?;
    let mut values = FormData::default();
    if options.organizations.len() == 1 {
        values = FormData::from_pairs(vec![(
            "organization".into(),
            options.organizations[0].slug.to_string(),
        )]);
    }
    Ok(render(
        &ctx,
        &Which::NewProject,
        &options,
        &values,
        None,
        None,
    ))
}

/// POST /projekte/neu
pub(super) async fn create_project(Use(k): Use<Knowledge>, ctx: Ctx, body: Bytes) -> Answer {
    let options = options_or_refuse(&k, &ctx, "/projekte/neu").await?;
    let f = FormData::parse(&body);
    let rejected = match read_project(&ctx, &f) {
        Ok(p) => match k.create_project(&p).await {
            Ok(slug) => {
                return Ok(KNOWLEDGE.done(&ctx, &format!("/projekte/{slug}"), "project-created"));
            }
            Err(e) => rejected_by(&ctx, e, "/projekte/neu")?,
        },
        Err(r) => r,
    };
    Ok(render(
        &ctx,
        &Which::NewProject,
        &options,
        &f,
        Some(rejected),
        None,
    ))
}

/// The project, when the reader may change it (403 otherwise).
async fn editable_project(k: &Knowledge, ctx: &Ctx, slug: &Slug) -> Result<Project, Response> {
    let view = k.project(slug).await.or_fail(ctx)?;
    if !view.may_edit {
        let back = format!("/projekte/{slug}/bearbeiten");
        return Err(if ctx.user().is_none() {
            refused(ctx, AppError::Denied(Denial::SignIn), &back)
        } else {
            error_page(ctx, StatusCode::FORBIDDEN)
        });
    }
    Ok(view.project)
}

/// GET /projekte/{slug}/bearbeiten
pub(super) async fn edit_project(
    Use(k): Use<Knowledge>,
    ctx: Ctx,
    Params(slug): Params<Slug>,
) -> Answer {
    let p = editable_project(&k, &ctx, &slug).await?;
    let options = with_current(
        k.share_options().await.or_fail(&ctx)?,
        &p.organization,
        &p.title,
    );
    let which = Which::Project(&slug, &p.title);
    Ok(render(
        &ctx,
        &which,
        &options,
        &project_values(&p),
        None,
        None,
    ))
}

/// POST /projekte/{slug}/bearbeiten
pub(super) async fn update_project(
    Use(k): Use<Knowledge>,
    ctx: Ctx,
    Params(slug): Params<Slug>,
    body: Bytes,
) -> Answer {
    let old = editable_project(&k, &ctx, &slug).await?;
    let options = with_current(
        k.share_options().await.or_fail(&ctx)?,
        &old.organization,
        &old.title,
    );
    let f = FormData::parse(&body);
    let back = format!("/projekte/{slug}/bearbeiten");
    let rejected = match read_project(&ctx, &f) {
        Ok(mut p) => {
            p.slug = Some(slug.clone());
            match k.update_project(&slug, &p).await {
                Ok(s) => {
                    return Ok(KNOWLEDGE.done(&ctx, &format!("/projekte/{s}"), "project-saved"));
                }
                Err(e) => rejected_by(&ctx, e, &back)?,
            }
        }
        Err(r) => r,
    };
    let which = Which::Project(&slug, &old.title);
    Ok(render(&ctx, &which, &options, &f, Some(rejected), None))
}

/// POST /projekte/{slug}/loeschen
pub(super) async fn delete_project(
    Use(k): Use<Knowledge>,
    ctx: Ctx,
    Params(slug): Params<Slug>,
    body: Bytes,
) -> Answer {
    let p = editable_project(&k, &ctx, &slug).await?;
    let f = FormData::parse(&body);
    if f.get("confirm") != CONFIRM {
        let options = with_current(
            k.share_options().await.or_fail(&ctx)?,
            &p.organization,
            &p.title,
        );
        let r = Rejected::field("confirm", ctx.t("manage-error-delete-confirm"));
        let which = Which::Project(&slug, &p.title);
        return Ok(render(
            &ctx,
            &which,
            &options,
            &project_values(&p),
            None,
            Some(r),
        ));
    }
    k.delete_project(&slug).await.or_fail(&ctx)?;
    Ok(KNOWLEDGE.done(&ctx, "/projekte", "project-deleted"))
}

/// A moderator (a coordinator, an admin) may not write for the item's
/// organisation, but its form must still offer it.
fn with_current(mut options: ShareOptions, organization: &Slug, _title: &str) -> ShareOptions {
    if !options
        .organizations
        .iter()
        .any(|o| &o.slug == organization)
    {
        options.organizations.push(knotenpunkt_app::Named {
            slug: organization.clone(),
            name: organization.to_string(),
        });
    }
    options
}

/// GET /erfahrungen/neu (`?projekt=` fills in the project)
pub(super) async fn new_experience(
    Use(k): Use<Knowledge>,
    ctx: Ctx,
    RawQuery(q): RawQuery,
) -> Answer {
    let options = options_or_refuse(&k, &ctx, "/erfahrungen/neu").await?;
    let mut pairs = Vec::new();
    if options.organizations.len() == 1 {
        pairs.push((
            "organization".to_owned(),
            options.organizations[0].slug.to_string(),
        ));
    }
    if let Some((_, p)) = query::parse(q.as_deref().unwrap_or(""))
        .into_iter()
        .find(|(k, _)| k == "projekt")
    {
        pairs.push(("project".to_owned(), p));
    }
    let values = FormData::from_pairs(pairs);
    Ok(render(
        &ctx,
        &Which::NewExperience,
        &options,
        &values,
        None,
        None,
    ))
}

/// POST /erfahrungen/neu
pub(super) async fn create_experience(Use(k): Use<Knowledge>, ctx: Ctx, body: Bytes) -> Answer {
    let options = options_or_refuse(&k, &ctx, "/erfahrungen/neu").await?;
    let f = FormData::parse(&body);
    let rejected = match read_experience(&ctx, &f) {
        Ok(e) => match k.create_experience(&e).await {
            Ok(id) => {
                return Ok(KNOWLEDGE.done(
                    &ctx,
                    &format!("/erfahrungen/{id}"),
                    "experience-created",
                ));
            }
            Err(e) => rejected_by(&ctx, e, "/erfahrungen/neu")?,
        },
        Err(r) => r,
    };
    Ok(render(
        &ctx,
        &Which::NewExperience,
        &options,
        &f,
        Some(rejected),
        None,
    ))
}

/// The experience, when the reader may change it (403 otherwise).
async fn editable_experience(k: &Knowledge, ctx: &Ctx, id: i64) -> Result<Experience, Response> {
    let view = k.experience(id).await.or_fail(ctx)?;
    if !view.may_edit {
        let back = format!("/erfahrungen/{id}/bearbeiten");
        return Err(if ctx.user().is_none() {
            refused(ctx, AppError::Denied(Denial::SignIn), &back)
        } else {
            error_page(ctx, StatusCode::FORBIDDEN)
        });
    }
    Ok(view.experience)
}

/// GET /erfahrungen/{id}/bearbeiten
pub(super) async fn edit_experience(
    Use(k): Use<Knowledge>,
    ctx: Ctx,
    Params(id): Params<i64>,
) -> Answer {
    let e = editable_experience(&k, &ctx, id).await?;
    let options = with_current(
        k.share_options().await.or_fail(&ctx)?,
        &e.organization,
        &e.title,
    );
    let which = Which::Experience(id, &e.title);
    Ok(render(
        &ctx,
        &which,
        &options,
        &experience_values(&e),
        None,
        None,
    ))
}

/// POST /erfahrungen/{id}/bearbeiten
pub(super) async fn update_experience(
    Use(k): Use<Knowledge>,
    ctx: Ctx,
    Params(id): Params<i64>,
    body: Bytes,
) -> Answer {
    let old = editable_experience(&k, &ctx, id).await?;
    let options = with_current(
        k.share_options().await.or_fail(&ctx)?,
        &old.organization,
        &old.title,
    );
    let f = FormData::parse(&body);
    let back = format!("/erfahrungen/{id}/bearbeiten");
    let rejected = match read_experience(&ctx, &f) {
        Ok(e) => match k.update_experience(id, &e).await {
            Ok(()) => {
                return Ok(KNOWLEDGE.done(&ctx, &format!("/erfahrungen/{id}"), "experience-saved"));
            }
            Err(e) => rejected_by(&ctx, e, &back)?,
        },
        Err(r) => r,
    };
    let which = Which::Experience(id, &old.title);
    Ok(render(&ctx, &which, &options, &f, Some(rejected), None))
}

/// POST /erfahrungen/{id}/loeschen
pub(super) async fn delete_experience(
    Use(k): Use<Knowledge>,
    ctx: Ctx,
    Params(id): Params<i64>,
    body: Bytes,
) -> Answer {
    let e = editable_experience(&k, &ctx, id).await?;
    let f = FormData::parse(&body);
    if f.get("confirm") != CONFIRM {
        let options = with_current(
            k.share_options().await.or_fail(&ctx)?,
            &e.organization,
            &e.title,
        );
        let r = Rejected::field("confirm", ctx.t("manage-error-delete-confirm"));
        let which = Which::Experience(id, &e.title);
        return Ok(render(
            &ctx,
            &which,
            &options,
            &experience_values(&e),
            None,
            Some(r),
        ));
    }
    k.delete_experience(id).await.or_fail(&ctx)?;
    Ok(KNOWLEDGE.done(&ctx, "/erfahrungen", "experience-deleted"))
}
