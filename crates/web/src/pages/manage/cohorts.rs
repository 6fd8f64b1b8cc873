//! A network's cohorts ("Staffeln"): the list, adding one, deleting an
//! unused one. A cohort's own page is [`super::cohort`].

use std::collections::HashMap;

use askama::Template;
use axum::body::Bytes;
use axum::extract::RawQuery;
use axum::http::StatusCode;
use axum::response::Response;
use knotenpunkt_app::domain::limits::{MAX_NAME, MAX_TEXT, MAX_YEAR, MIN_YEAR};
use knotenpunkt_app::domain::{Cohort, Slug};
use knotenpunkt_app::{AppError, MembershipFilter, Page as StorePage};

use super::frame::{Frame, Section};
use super::managed::{InSection, Managed};
use crate::pages::answer::{Answer, OrFail, html};
use crate::pages::ctx::Ctx;
use crate::pages::extract::Params;
use crate::pages::form::{
    Control, DONE, FormData, Problem, Problems, Rejected, SummaryItem, refused, required,
    slug_field, text,
};

struct Row {
    name: String,
    slug: String,
    year: Option<i32>,
    motto: Option<String>,
    members: usize,
    edit_href: String,
    delete_action: String,
}

/// The form of a cohort: to add one, or on its own page to change it.
pub(super) struct CohortForm {
    pub(super) action: String,
    pub(super) slug: Control,
    pub(super) name: Control,
    pub(super) year: Control,
    pub(super) motto: Control,
    pub(super) summary: Vec<SummaryItem>,
}

impl CohortForm {
    /// The empty form to add a cohort, or the one that came back.
    fn new(ctx: &Ctx, m: &Managed, f: Option<&FormData>) -> CohortForm {
        let v = |k: &str| f.map(|f| f.get(k)).unwrap_or_default();
        CohortForm::with(ctx, ctx.href(&Section::Cohorts.path(&m.slug)), v)
    }

    /// The form posting to `action`, filled with `v(field)`.
    pub(super) fn with(ctx: &Ctx, action: String, v: impl Fn(&str) -> String) -> CohortForm {
        CohortForm {
            action,
            name: Control::input(
                "cohort",
                "name",
                "text",
                ctx.t("manage-cohort-name"),
                v("name"),
            )
            .required()
            .maxlength(MAX_NAME)
            .hint(ctx.t("manage-cohort-name-hint")),
            slug: Control::slug("cohort", ctx, v("slug"), ctx.t("manage-slug-hint")),
            year: Control::input(
                "cohort",
                "year",
                "number",
                ctx.t("manage-cohort-year"),
                v("year"),
            )
            .range(MIN_YEAR.into(), MAX_YEAR.into()),
            motto: Control::input(
                "cohort",
                "motto",
                "text",
                ctx.t("manage-cohort-motto"),
                v("motto"),
            )
            .maxlength(MAX_TEXT),
            summary: Vec::new(),
        }
    }

    pub(super) fn reject(&mut self, r: Rejected) {
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
    form: CohortForm,
}

async fn render(
    ctx: &Ctx,
    m: &Managed,
    q: Option<&str>,
    form: CohortForm,
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

/// GET /netzwerke/{slug}/verwaltung/staffeln
pub(super) async fn page(ctx: Ctx, m: Managed, RawQuery(q): RawQuery) -> Answer {
    let form = CohortForm::new(&ctx, &m, None);
    render(&ctx, &m, q.as_deref(), form, Vec::new(), StatusCode::OK)
        .await
        .or_fail(&ctx)
}

/// Reads the form into a cohort, or says what is wrong; `base` is the
/// stored cohort on its own page, whose slug and source are kept.
pub(super) fn parse(
    ctx: &Ctx,
    m: &Managed,
    f: &FormData,
    base: Option<&Cohort>,
) -> Result<Cohort, Rejected> {
    let mut problems: Problems = Vec::new();
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
            Ok(y) if (MIN_YEAR..=MAX_YEAR).contains(&y) => Some(y),
            _ => {
                problems.push(("year".into(), Problem::new(ctx.t("manage-error-year"))));
                None
            }
        },
    };
    let motto = text(ctx, &mut problems, f, "motto");
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

/// POST /netzwerke/{slug}/verwaltung/staffeln
pub(super) async fn add(ctx: Ctx, m: Managed, body: Bytes) -> Answer {
    let f = FormData::parse(&body);
    let rejected = match parse(&ctx, &m, &f, None) {
        Ok(cohort) => match m.dir.create_cohort(&m.slug, &cohort).await {
            Ok(()) => {
                return Ok(DONE.done(&ctx, &Section::Cohorts.path(&m.slug), "cohort-added"));
            }
            Err(e) => Rejected::from_app(&ctx, e).or_fail(&ctx)?,
        },
        Err(r) => r,
    };
    let status = rejected.status;
    let mut form = CohortForm::new(&ctx, &m, Some(&f));
    form.reject(rejected);
    render(&ctx, &m, None, form, Vec::new(), status)
        .await
        .or_fail(&ctx)
}

/// POST /netzwerke/{slug}/verwaltung/staffeln/{cohort}/loeschen: only a
/// cohort nobody was ever a member of goes; else the list says why (409).
pub(super) async fn delete(
    ctx: Ctx,
    InSection(m): InSection,
    Params((_, cohort)): Params<(Slug, Slug)>,
) -> Answer {
    let back = Section::Cohorts.path(&m.slug);
    match m.dir.delete_cohort(&m.slug, &cohort).await {
        Ok(()) => Ok(DONE.done(&ctx, &back, "cohort-deleted")),
        Err(AppError::Conflict(_)) => {
            let problem = vec![SummaryItem {
                href: None,
                text: ctx.t1("manage-cohort-in-use", "cohort", cohort.as_str()),
                detail: None,
            }];
            let form = CohortForm::new(&ctx, &m, None);
            render(&ctx, &m, None, form, problem, StatusCode::CONFLICT)
                .await
                .or_fail(&ctx)
        }
        Err(e @ AppError::Denied(_)) => Err(refused(&ctx, e, &back)),
        Err(e) => Err(crate::pages::answer::failure(&ctx, e)),
    }
}
