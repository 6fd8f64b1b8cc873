//! The forms that record, change and remove a joint application. The use
//! case answers who may (`Funding::application_form`, `Funding::editable`) before
//! the body is read; the form offers the leads, partners, calls and groups
//! of `Funding::application_options` and reads the body into what
//! `POST /api/v1/networks/{network}/applications` takes.

use axum::body::Bytes;
use axum::http::StatusCode;
use axum::response::Response;
use chrono::NaiveDate;
use knotenpunkt_app::AppError;
use knotenpunkt_app::domain::limits::{MAX_NAME, MAX_TEXT};
use knotenpunkt_app::domain::{ApplicationStatus, JointApplication, Slug, Visibility};
use knotenpunkt_app::funding::{ApplicationOptions, Funding};

use super::application_path;
use crate::auth::Use;
use crate::pages::answer::{Answer, OrFail, html};
use crate::pages::ctx::Ctx;
use crate::pages::extract::Params;
use crate::pages::form::{
    APPLICATIONS, CONFIRM, Control, DeleteForm, FormData, FormPage, Problem, Problems, Rejected,
    name, refused, slug_field, text,
};
use crate::pages::ui::Crumb;

/// The form's controls, filled with `f`; the slug only for a new one.
fn controls(
    ctx: &Ctx,
    o: &ApplicationOptions,
    f: &FormData,
    stored: Option<&JointApplication>,
) -> Vec<Control> {
    let new = stored.is_none();
    // An application's form offers the statuses it may take next (and
    // keeps the current one); a new one may start anywhere.
    let statuses: Vec<ApplicationStatus> = ApplicationStatus::ALL
        .iter()
        .copied()
        .filter(|s| stored.is_none_or(|a| a.status == *s || a.status.can_become(*s)))
        .collect();
    let form = "application";
    let mut leads: Vec<(String, String)> = Vec::new();
    if o.leads.len() != 1 {
        leads.push((String::new(), ctx.t("application-choose-lead")));
    }
    leads.extend(o.leads.iter().map(|n| (n.slug.to_string(), n.name.clone())));
    let mut calls = vec![(String::new(), ctx.t("application-call-none"))];
    calls.extend(o.calls.iter().map(|c| {
        (
            c.slug.to_string(),
            format!(
                "{} ({})",
                c.title,
                ctx.t1("application-call-deadline", "date", ctx.day(c.deadline))
            ),
        )
    }));
    let mut visibilities = vec![(
        "network".to_owned(),
        ctx.t("application-visibility-network"),
    )];
    visibilities.extend(o.groups.iter().map(|g| {
        (
            format!("group:{g}"),
            ctx.t1("application-visibility-group", "group", g.as_str()),
        )
    }));
    let or = |field: &str, default: &str| match f.get(field) {
        v if v.is_empty() => default.to_owned(),
        v => v,
    };
    let mut out = vec![
        Control::input(
            form,
            "title",
            "text",
            ctx.t("application-title"),
            f.get("title"),
        )
        .required()
        .maxlength(MAX_NAME)
        .wide(),
    ];
    if new {
        out.push(Control::slug(
            form,
            ctx,
            f.get("slug"),
            ctx.t("manage-slug-hint"),
        ));
    }
    out.extend([
        Control::pick(
            form,
            "lead",
            "select",
            ctx.t("application-lead"),
            leads,
            &[f.get("lead")],
        )
        .required(),
        Control::pick(
            form,
            "call",
            "select",
            ctx.t("application-call"),
            calls,
            &[f.get("call")],
        ),
        Control::pick(
            form,
            "status",
            "select",
            ctx.t("application-status"),
            statuses
                .iter()
                .map(|s| (s.code(), ctx.t(&format!("application-status-{}", s.code())))),
            &[or("status", "idea")],
        )
        .required(),
        Control::input(
            form,
            "status_on",
            "date",
            ctx.t("application-status-on"),
            f.get("status_on"),
        )
        .hint(ctx.t("application-status-on-hint")),
        Control::pick(
            form,
            "visibility",
            "select",
            ctx.t("application-visibility"),
            visibilities,
            &[or("visibility", "network")],
        )
        .required(),
        Control::pick(
            form,
            "partners",
            "checkbox",
            ctx.t("application-partners"),
            o.organizations
                .iter()
                .map(|n| (n.slug.to_string(), n.name.clone())),
            &f.all("partners"),
        )
        .hint(ctx.t("application-partners-hint"))
        .wide(),
        Control::input(
            form,
            "description",
            "textarea",
            ctx.t("application-description"),
            f.get("description"),
        )
        .maxlength(MAX_TEXT)
        .hint(ctx.t("knowledge-markdown-hint"))
        .wide(),
    ]);
    out
}

/// Reads the form into an application of `network`, or says what is
/// wrong; `stored` is the application on its edit form, whose slug and
/// cooperation stay.
fn read(
    ctx: &Ctx,
    network: &Slug,
    f: &FormData,
    stored: Option<&JointApplication>,
) -> Result<JointApplication, Rejected> {
    let mut problems: Problems = Vec::new();
    let choose = |problems: &mut Problems, field: &str| {
        problems.push((field.to_owned(), Problem::new(ctx.t("manage-error-choose"))));
    };
    let title = name(ctx, &mut problems, f, "title");
    let slug = match stored {
        Some(a) => Some(a.slug.clone()),
        None => slug_field(
            ctx,
            &mut problems,
            "slug",
            &f.get("slug"),
            title.as_deref().unwrap_or(""),
        ),
    };
    let lead = f.get("lead").parse::<Slug>().ok();
    if lead.is_none() {
        choose(&mut problems, "lead");
    }
    let mut partners = Vec::new();
    for p in f.all("partners") {
        match p.parse::<Slug>() {
            Ok(p) => partners.push(p),
            Err(_) => choose(&mut problems, "partners"),
        }
    }
    let call = match f.get("call") {
        c if c.is_empty() => None,
        c => match c.parse::<Slug>() {
            Ok(c) => Some(c),
            Err(_) => {
                choose(&mut problems, "call");
                None
            }
        },
    };
    let status = match f.get("status").parse::<ApplicationStatus>() {
        Ok(s) => Some(s),
        Err(_) => {
            choose(&mut problems, "status");
            None
        }
    };
    let status_on = match f.get("status_on").trim() {
        "" => None,
        d => match NaiveDate::parse_from_str(d, "%Y-%m-%d") {
            Ok(d) => Some(d),
            Err(_) => {
                problems.push(("status_on".into(), Problem::new(ctx.t("manage-error-date"))));
                None
            }
        },
    };
    let visibility = match f.get("visibility").parse::<Visibility>() {
        Ok(v) => Some(v),
        Err(_) => {
            choose(&mut problems, "visibility");
            None
        }
    };
    let description = text(ctx, &mut problems, f, "description");
    match (title, slug, lead, status, visibility) {
        (Some(title), Some(slug), Some(lead), Some(status), Some(visibility))
            if problems.is_empty() =>
        {
            Ok(JointApplication {
                network: network.clone(),
                slug,
                title,
                lead,
                // A lead ticked as partner too is the same organisation once.
                partners,
                call,
                cooperation: stored.and_then(|a| a.cooperation),
                status,
                status_on,
                description,
                visibility,
            })
        }
        _ => Err(Rejected::input(problems)),
    }
}

/// The stored application as the form's values.
fn values(a: &JointApplication) -> FormData {
    let mut pairs: Vec<(String, String)> = vec![
        ("title".into(), a.title.clone()),
        ("lead".into(), a.lead.to_string()),
        (
            "call".into(),
            a.call.as_ref().map(ToString::to_string).unwrap_or_default(),
        ),
        ("status".into(), a.status.code().into()),
        ("visibility".into(), a.visibility.to_string()),
        (
            "description".into(),
            a.description.clone().unwrap_or_default(),
        ),
    ];
    pairs.extend(
        a.partners
            .iter()
            .map(|p| ("partners".to_owned(), p.to_string())),
    );
    FormData::from_pairs(pairs)
}

/// The network a form is for: its slug and name, and what its form offers.
struct Place {
    network: Slug,
    name: String,
    options: ApplicationOptions,
}

impl Place {
    /// The network of an application's edit form (whose use case has
    /// already said the reader may change it).
    async fn of(f: &Funding, ctx: &Ctx, network: &Slug) -> Result<Place, Response> {
        let options = f.application_options(network).await.or_fail(ctx)?;
        Place::with(f, ctx, network, options).await
    }

    async fn with(
        f: &Funding,
        ctx: &Ctx,
        network: &Slug,
        options: ApplicationOptions,
    ) -> Result<Place, Response> {
        Ok(Place {
            network: network.clone(),
            name: f.network_name(network).await.or_fail(ctx)?,
            options,
        })
    }

    /// The network of the form that records an application, or the
    /// refusal of those who may not record one.
    async fn new_application(f: &Funding, ctx: &Ctx, network: &Slug) -> Result<Place, Response> {
        let here = format!("/netzwerke/{network}/antraege/neu");
        match f.application_form(network).await {
            Ok(options) => Place::with(f, ctx, network, options).await,
            Err(e) => Err(refused(ctx, e, &here)),
        }
    }
}

/// Renders the form: a new application (`stored` none) or an edit.
fn render(
    ctx: &Ctx,
    place: &Place,
    stored: Option<&JointApplication>,
    values: &FormData,
    rejected: Option<Rejected>,
    delete_rejected: Option<Rejected>,
) -> Response {
    let (network, network_name) = (&place.network, place.name.as_str());
    let mut controls = controls(ctx, &place.options, values, stored);
    let mut status = StatusCode::OK;
    let mut summary = Vec::new();
    if let Some(r) = rejected {
        status = r.status;
        let mut refs: Vec<&mut Control> = controls.iter_mut().collect();
        summary = r.apply(&mut refs);
    }
    let list = format!("/netzwerke/{network}/antraege");
    let (title, action, submit, delete) = match stored {
        None => (
            ctx.t("application-new-heading"),
            format!("{list}/neu"),
            ctx.t("application-create"),
            None,
        ),
        Some(a) => {
            let base = application_path(network.as_str(), a.slug.as_str());
            let mut d = DeleteForm {
                action: ctx.href(&format!("{base}/loeschen")),
                confirm: Control::confirm(
                    ctx.t("platform-delete-legend"),
                    ctx.t("application-delete-confirm"),
                ),
                summary: Vec::new(),
            };
            if let Some(r) = delete_rejected {
                status = r.status;
                d.summary = r.apply(&mut [&mut d.confirm]);
            }
            (
                ctx.t1("application-edit-heading", "application", a.title.as_str()),
                format!("{base}/bearbeiten"),
                ctx.t("application-save"),
                Some(d),
            )
        }
    };
    let page = FormPage {
        ctx,
        crumbs: vec![
            Crumb::link(
                network_name.to_owned(),
                ctx.href(&format!("/netzwerke/{network}")),
            ),
            Crumb::link(ctx.t("network-applications-heading"), ctx.href(&list)),
            Crumb::here(title.clone()),
        ],
        title,
        intro: ctx.t("applications-intro"),
        action: ctx.href(&action),
        controls,
        summary,
        submit,
        delete,
    };
    html(ctx, status, &page)
}

/// GET /netzwerke/{slug}/antraege/neu
pub(super) async fn new(Use(f): Use<Funding>, ctx: Ctx, Params(network): Params<Slug>) -> Answer {
    let place = Place::new_application(&f, &ctx, &network).await?;
    let mut values = FormData::default();
    if let [only] = place.options.leads.as_slice() {
        values = FormData::from_pairs(vec![("lead".into(), only.slug.to_string())]);
    }
    Ok(render(&ctx, &place, None, &values, None, None))
}

/// POST /netzwerke/{slug}/antraege/neu
pub(super) async fn create(
    Use(f): Use<Funding>,
    ctx: Ctx,
    Params(network): Params<Slug>,
    body: Bytes,
) -> Answer {
    let here = format!("/netzwerke/{network}/antraege/neu");
    let place = Place::new_application(&f, &ctx, &network).await?;
    let form = FormData::parse(&body);
    let rejected = match read(&ctx, &network, &form, None) {
        Ok(a) => match f.create_application(&network, &a).await {
            Ok(()) => {
                let to = application_path(network.as_str(), a.slug.as_str());
                return Ok(APPLICATIONS.done(&ctx, &to, "application-created"));
            }
            Err(e @ AppError::Denied(_)) => return Err(refused(&ctx, e, &here)),
            Err(e) => Rejected::from_app(&ctx, e).or_fail(&ctx)?,
        },
        Err(r) => r,
    };
    Ok(render(&ctx, &place, None, &form, Some(rejected), None))
}

/// The stored application for its edit form, or the refusal.
async fn editable(
    f: &Funding,
    ctx: &Ctx,
    network: &Slug,
    slug: &Slug,
) -> Result<(JointApplication, Place), Response> {
    let here = format!(
        "{}/bearbeiten",
        application_path(network.as_str(), slug.as_str())
    );
    let stored = match f.editable(network, slug).await {
        Ok(r) => r.application,
        Err(e) => return Err(refused(ctx, e, &here)),
    };
    let mut place = Place::of(f, ctx, network).await?;
    let options = &mut place.options;
    // A coordinator's form offers every lead; anyone else keeps the
    // stored lead even when it is not their organisation (an editor's).
    if !options.leads.iter().any(|l| l.slug == stored.lead) {
        options.leads.insert(
            0,
            knotenpunkt_app::knowledge::Named {
                slug: stored.lead.clone(),
                name: stored.lead.to_string(),
            },
        );
    }
    // Partners outside the network's current members stay choosable.
    for p in &stored.partners {
        if !options.organizations.iter().any(|o| &o.slug == p) {
            options
                .organizations
                .push(knotenpunkt_app::knowledge::Named {
                    slug: p.clone(),
                    name: p.to_string(),
                });
        }
    }
    Ok((stored, place))
}

/// GET /netzwerke/{slug}/antraege/{application}/bearbeiten
pub(super) async fn edit(
    Use(f): Use<Funding>,
    ctx: Ctx,
    Params((network, slug)): Params<(Slug, Slug)>,
) -> Answer {
    let (stored, place) = editable(&f, &ctx, &network, &slug).await?;
    let v = values(&stored);
    Ok(render(&ctx, &place, Some(&stored), &v, None, None))
}

/// POST /netzwerke/{slug}/antraege/{application}/bearbeiten
pub(super) async fn update(
    Use(f): Use<Funding>,
    ctx: Ctx,
    Params((network, slug)): Params<(Slug, Slug)>,
    body: Bytes,
) -> Answer {
    let (stored, place) = editable(&f, &ctx, &network, &slug).await?;
    let form = FormData::parse(&body);
    let rejected = match read(&ctx, &network, &form, Some(&stored)) {
        Ok(a) => match f.update_application(&network, &slug, &a).await {
            Ok(()) => {
                let to = application_path(network.as_str(), slug.as_str());
                return Ok(APPLICATIONS.done(&ctx, &to, "application-saved"));
            }
            Err(e @ AppError::Denied(_)) => {
                let here = format!(
                    "{}/bearbeiten",
                    application_path(network.as_str(), slug.as_str())
                );
                return Err(refused(&ctx, e, &here));
            }
            Err(e) => Rejected::from_app(&ctx, e).or_fail(&ctx)?,
        },
        Err(r) => r,
    };
    Ok(render(
        &ctx,
        &place,
        Some(&stored),
        &form,
        Some(rejected),
        None,
    ))
}

/// POST /netzwerke/{slug}/antraege/{application}/loeschen
pub(super) async fn delete(
    Use(f): Use<Funding>,
    ctx: Ctx,
    Params((network, slug)): Params<(Slug, Slug)>,
    body: Bytes,
) -> Answer {
    let (stored, place) = editable(&f, &ctx, &network, &slug).await?;
    if FormData::parse(&body).get("confirm") != CONFIRM {
        let r = Rejected::field("confirm", ctx.t("manage-error-delete-confirm"));
        let v = values(&stored);
        return Ok(render(&ctx, &place, Some(&stored), &v, None, Some(r)));
    }
    f.delete_application(&network, &slug).await.or_fail(&ctx)?;
    Ok(APPLICATIONS.done(
        &ctx,
        &format!("/netzwerke/{network}/antraege"),
        "application-deleted",
    ))
}
