//! A network's cohorts ("Staffeln"): the list, adding one, changing one
//! on its own page, deleting an unused one.

use std::collections::HashMap;

use askama::Template;
use axum::body::Bytes;
use axum::extract::{Path, RawQuery, State};
use axum::http::StatusCode;
use axum::response::Response;
use knotenpunkt_app::domain::{Cohort, Slug};
use knotenpunkt_app::{AppError, MembershipFilter, Page as StorePage};

use super::{
    Control, FormData, Frame, Managed, Problem, Rejected, Section, SummaryItem, done, gate,
    gate_at, optional, refused, required, slug_field,
};
use crate::AppState;
use crate::auth::Viewer;
use crate::pages::{Ctx, error_page, failure, html};

/// Longest motto accepted; the domain allows long texts, a motto is a line.
const MAX_MOTTO: usize = 300;

struct Row {
    name: String,
    slug: String,
    year: Option<i32>,
    motto: Option<String>,
    members: usize,
    edit_href: String,
    delete_action: String,
}

/// The form to add a cohort.
struct AddForm {
    action: String,
    slug: Control,
    name: Control,
    year: Control,
    motto: Control,
    summary: Vec<SummaryItem>,
}

impl AddForm {
    fn new(ctx: &Ctx, m: &Managed, f: Option<&FormData>) -> AddForm {
        let v = |k: &str| f.map(|f| f.get(k)).unwrap_or_default();
        AddForm::with(ctx, ctx.href(&Section::Cohorts.path(&m.slug)), v)
    }

    /// The form posting to `action`, filled with `v(field)`.
    fn with(ctx: &Ctx, action: String, v: impl Fn(&str) -> String) -> AddForm {
        AddForm {
            action,
            name: Control::input(
                "cohort",
                "name",
                "text",
                ctx.t("manage-cohort-name"),
                v("name"),
            )
            .required()
            .maxlength(200)
            .hint(ctx.t("manage-cohort-name-hint")),
            slug: Control::input("cohort", "slug", "text", ctx.t("manage-slug"), v("slug"))
                .maxlength(80)
                .pattern("[a-z0-9]+(-[a-z0-9]+)*")
                .code()
                .hint(ctx.t("manage-slug-hint")),
            year: Control::input(
                "cohort",
                "year",
                "number",
                ctx.t("manage-cohort-year"),
                v("year"),
            )
            .range(1800, 2200),
            motto: Control::input(
                "cohort",
                "motto",
                "text",
                ctx.t("manage-cohort-motto"),
                v("motto"),
            )
            .maxlength(MAX_MOTTO),
            summary: Vec::new(),
        }
    }

    fn reject(&mut self, r: Rejected) {
        self.summary = r.apply(&mut [
            &mut self.name,
            &mut self.slug,
            &mut self.year,
            &mut self.motto,
        ]);
    }
}

#[derive(Template)]
#[template(path = "manage/cohorts.html")]
struct CohortsPage<'a> {
    ctx: &'a Ctx,
    title: String,
    frame: Frame,
    rows: Vec<Row>,
    /// A deletion that was refused (the cohort still has members).
    refused: Vec<SummaryItem>,
    form: AddForm,
}

async fn render(
    ctx: &Ctx,
    m: &Managed,
    q: Option<&str>,
    form: AddForm,
    refused: Vec<SummaryItem>,
    status: StatusCode,
) -> Result<Response, AppError> {
    let cohorts = m.dir.cohorts(Some(&m.slug)).await?;
    // Former members count too: a cohort with any membership cannot go.
    let mut used: HashMap<Slug, usize> = HashMap::new();
    for w in m
        .dir
        .memberships(
            &MembershipFilter {
                network: Some(m.slug.clone()),
                ..MembershipFilter::default()
            },
            StorePage::ALL,
        )
        .await?
        .items
    {
        if let Some(c) = w.value.cohort {
            *used.entry(c).or_default() += 1;
        }
    }
    let base = Section::Cohorts.path(&m.slug);
    let rows = cohorts
        .into_iter()
        .map(|c| Row {
            members: used.get(&c.slug).copied().unwrap_or(0),
            edit_href: ctx.href(&format!("{base}/{}", c.slug)),
            delete_action: ctx.href(&format!("{base}/{}/loeschen", c.slug)),
            name: c.name,
            slug: c.slug.to_string(),
            year: c.year,
            motto: c.motto,
        })
        .collect();
    let frame = Frame::new(ctx, m, Section::Cohorts, q);
    let page = CohortsPage {
        ctx,
        title: frame.title(),
        frame,
        rows,
        refused,
        form,
    };
    Ok(html(ctx, status, &page))
}

pub(super) async fn page(
    State(s): State<AppState>,
    ctx: Ctx,
    v: Viewer,
    Path(slug): Path<String>,
    RawQuery(q): RawQuery,
) -> Response {
    let m = match gate(&s, &ctx, &v, &slug, Section::Cohorts).await {
        Ok(m) => m,
        Err(r) => return r,
    };
    let form = AddForm::new(&ctx, &m, None);
    render(&ctx, &m, q.as_deref(), form, Vec::new(), StatusCode::OK)
        .await
        .unwrap_or_else(|e| failure(&ctx, e))
}

/// Reads the form into a cohort, or says what is wrong; `base` is the
/// stored cohort on its own page, whose slug and source are kept.
fn parse(ctx: &Ctx, m: &Managed, f: &FormData, base: Option<&Cohort>) -> Result<Cohort, Rejected> {
    let mut problems = Vec::new();
    let name = required(ctx, &mut problems, "name", &f.get("name"));
    let slug = match base {
        Some(b) => Some(b.slug.clone()),
        None => slug_field(
            ctx,
            &mut problems,
            "slug",
            &f.get("slug"),
            name.as_deref().unwrap_or(""),
        ),
    };
    let year = match f.get("year") {
        y if y.is_empty() => None,
        y => match y.parse::<i32>() {
            Ok(y) if (1800..=2200).contains(&y) => Some(y),
            _ => {
                problems.push(("year".into(), Problem::new(ctx.t("manage-error-year"))));
                None
            }
        },
    };
    let motto = optional(f.get("motto"));
    if motto
        .as_ref()
        .is_some_and(|t| t.chars().count() > MAX_MOTTO)
    {
        problems.push((
            "motto".into(),
            Problem::new(ctx.t1("manage-error-too-long", "max", MAX_MOTTO)),
        ));
    }
    match (name, slug) {
        (Some(name), Some(slug)) if problems.is_empty() => Ok(Cohort {
            network: m.slug.clone(),
            slug,
            name,
            year,
            motto,
            source: base.and_then(|b| b.source.clone()),
        }),
        _ => Err(Rejected::input(problems)),
    }
}

pub(super) async fn add(
    State(s): State<AppState>,
    ctx: Ctx,
    v: Viewer,
    Path(slug): Path<String>,
    body: Bytes,
) -> Response {
    let m = match gate(&s, &ctx, &v, &slug, Section::Cohorts).await {
        Ok(m) => m,
        Err(r) => return r,
    };
    let f = FormData::parse(&body);
    let rejected = match parse(&ctx, &m, &f, None) {
        Ok(cohort) => match m.dir.create_cohort(&m.slug, &cohort).await {
            Ok(()) => {
                return done(&ctx, &Section::Cohorts.path(&m.slug), "cohort-added");
            }
            Err(e) => match Rejected::from_app(&ctx, e) {
                Ok(r) => r,
                Err(e) => return failure(&ctx, e),
            },
        },
        Err(r) => r,
    };
    let status = rejected.status;
    let mut form = AddForm::new(&ctx, &m, Some(&f));
    form.reject(rejected);
    render(&ctx, &m, None, form, Vec::new(), status)
        .await
        .unwrap_or_else(|e| failure(&ctx, e))
}

pub(super) async fn delete(
    State(s): State<AppState>,
    ctx: Ctx,
    v: Viewer,
    Path((slug, cohort)): Path<(String, String)>,
) -> Response {
    let m = match gate(&s, &ctx, &v, &slug, Section::Cohorts).await {
        Ok(m) => m,
        Err(r) => return r,
    };
    let back = Section::Cohorts.path(&m.slug);
    let Ok(cohort) = cohort.parse::<Slug>() else {
        return failure(
            &ctx,
            AppError::NotFound {
                entity: "cohort",
                key: cohort,
            },
        );
    };
    match m.dir.delete_cohort(&m.slug, &cohort).await {
        Ok(()) => done(&ctx, &back, "cohort-deleted"),
        Err(AppError::Conflict(_)) => {
            let problem = vec![SummaryItem {
                href: None,
                text: ctx.t1("manage-cohort-in-use", "cohort", cohort.as_str()),
                detail: None,
            }];
            let form = AddForm::new(&ctx, &m, None);
            render(&ctx, &m, None, form, problem, StatusCode::CONFLICT)
                .await
                .unwrap_or_else(|e| failure(&ctx, e))
        }
        Err(e @ AppError::Denied(_)) => refused(&ctx, e, &back),
        Err(e) => failure(&ctx, e),
    }
}

// --- a cohort's own page -------------------------------------------------------------

#[derive(Template)]
#[template(path = "manage/cohort_edit.html")]
struct CohortEditPage<'a> {
    ctx: &'a Ctx,
    title: String,
    frame: Frame,
    list_href: String,
    slug: String,
    form: AddForm,
}

/// The cohort behind a management address, once the gate let the viewer
/// manage the network it belongs to.
async fn managed_cohort(
    s: &AppState,
    ctx: &Ctx,
    v: &Viewer,
    slug: &str,
    cohort: &str,
) -> Result<(Managed, Cohort), Response> {
    let m = gate_at(s, ctx, v, slug, Section::Cohorts, &format!("/{cohort}")).await?;
    let Ok(cohort) = cohort.parse::<Slug>() else {
        return Err(error_page(ctx, StatusCode::NOT_FOUND));
    };
    match m.dir.cohort(&m.slug, &cohort).await {
        Ok(c) => Ok((m, c)),
        Err(e) => Err(failure(ctx, e)),
    }
}

fn cohort_path(m: &Managed, cohort: &Slug) -> String {
    format!("{}/{cohort}", Section::Cohorts.path(&m.slug))
}

fn render_edit(
    ctx: &Ctx,
    m: &Managed,
    stored: &Cohort,
    q: Option<&str>,
    submitted: Option<(&FormData, Rejected)>,
) -> Response {
    let f = submitted.as_ref().map(|(f, _)| *f);
    let action = ctx.href(&cohort_path(m, &stored.slug));
    let mut form = AddForm::with(ctx, action, |k| match f {
        Some(f) => f.get(k),
        None => match k {
            "name" => stored.name.clone(),
            "year" => stored.year.map(|y| y.to_string()).unwrap_or_default(),
            "motto" => stored.motto.clone().unwrap_or_default(),
            _ => String::new(),
        },
    });
    let status = match submitted {
        Some((_, r)) => {
            let status = r.status;
            form.reject(r);
            status
        }
        None => StatusCode::OK,
    };
    let frame = Frame::item(
        ctx,
        m,
        Section::Cohorts,
        q,
        ctx.t1("manage-heading-cohort-edit", "cohort", stored.name.as_str()),
        &stored.name,
    );
    let page = CohortEditPage {
        ctx,
        title: frame.title(),
        frame,
        list_href: ctx.href(&Section::Cohorts.path(&m.slug)),
        slug: stored.slug.to_string(),
        form,
    };
    html(ctx, status, &page)
}

pub(super) async fn edit(
    State(s): State<AppState>,
    ctx: Ctx,
    v: Viewer,
    Path((slug, cohort)): Path<(String, String)>,
    RawQuery(q): RawQuery,
) -> Response {
    match managed_cohort(&s, &ctx, &v, &slug, &cohort).await {
        Ok((m, stored)) => render_edit(&ctx, &m, &stored, q.as_deref(), None),
        Err(r) => r,
    }
}

pub(super) async fn update(
    State(s): State<AppState>,
    ctx: Ctx,
    v: Viewer,
    Path((slug, cohort)): Path<(String, String)>,
    body: Bytes,
) -> Response {
    let (m, stored) = match managed_cohort(&s, &ctx, &v, &slug, &cohort).await {
        Ok(x) => x,
        Err(r) => return r,
    };
    let f = FormData::parse(&body);
    let rejected = match parse(&ctx, &m, &f, Some(&stored)) {
        Ok(new) => match m.dir.update_cohort(&m.slug, &stored.slug, &new).await {
            Ok(()) => {
                return done(&ctx, &Section::Cohorts.path(&m.slug), "cohort-saved");
            }
            Err(e @ AppError::Denied(_)) => {
                return refused(&ctx, e, &cohort_path(&m, &stored.slug));
            }
            Err(e) => match Rejected::from_app(&ctx, e) {
                Ok(r) => r,
                Err(e) => return failure(&ctx, e),
            },
        },
        Err(r) => r,
    };
    render_edit(&ctx, &m, &stored, None, Some((&f, rejected)))
}
