//! One project's page: what it is, who takes part and whom to contact, its
//! experiences the reader may see, and similar projects of other
//! municipalities.

use askama::Template;
use axum::extract::RawQuery;
use axum::http::StatusCode;
use knotenpunkt_app::domain::Slug;
use knotenpunkt_app::search::Hit;
use knotenpunkt_app::{Knowledge, Search};

use super::{Entry, Tag};
use crate::auth::Use;
use crate::pages::answer::{Answer, OrFail, html};
use crate::pages::ctx::Ctx;
use crate::pages::extract::Params;
use crate::pages::form::KNOWLEDGE;
use crate::pages::ui::{Crumb, markdown};

/// Similar projects and experiences a page shows.
pub(super) const SIMILAR: usize = 5;

pub(super) struct ContactView {
    pub(super) name: String,
    pub(super) role: Option<String>,
    pub(super) email: Option<String>,
}

pub(super) struct SimilarView {
    pub(super) title: String,
    pub(super) href: String,
    pub(super) kind: String,
}

#[derive(Template)]
#[template(path = "project.html")]
struct ProjectPage<'a> {
    ctx: &'a Ctx,
    title: String,
    crumbs: Vec<Crumb>,
    done: Option<String>,
    organization: (String, String),
    partners: Vec<(String, String)>,
    tags: Vec<Tag>,
    topics: Vec<String>,
    period: Option<String>,
    funding: Option<String>,
    summary_html: String,
    contacts: Vec<ContactView>,
    links: Vec<String>,
    source: Option<String>,
    experiences: Vec<Entry>,
    similar: Vec<SimilarView>,
    edit_href: Option<String>,
    share_href: Option<String>,
}

/// The "similar" section's entries.
pub(super) fn similar_views(ctx: &Ctx, hits: Vec<Hit>) -> Vec<SimilarView> {
    hits.into_iter()
        .map(|h| SimilarView {
            kind: ctx.t(&format!(
                "search-kind-{}",
                h.kind.map(|k| k.as_str()).unwrap_or("project")
            )),
            href: ctx.href(&h.url),
            title: h.title,
        })
        .collect()
}

/// GET /projekte/{slug}
pub(super) async fn page(
    Use(k): Use<Knowledge>,
    Use(search): Use<Search>,
    ctx: Ctx,
    Params(slug): Params<Slug>,
    RawQuery(q): RawQuery,
) -> Answer {
    let view = k.project(&slug).await.or_fail(&ctx)?;
    // The similar projects are a help, not the page: without them (an
    // index still being built) the page still answers.
    let similar = search
        .similar(&format!("project:{slug}"), SIMILAR)
        .await
        .unwrap_or_default();
    let p = &view.project;
    let org_href = |s: &Slug| ctx.href(&format!("/organisationen/{s}"));
    let mut tags = vec![Tag::status(&ctx, p.status.code())];
    tags.extend(Tag::visibility(&ctx, &p.visibility));
    let period = match (&p.started, &p.ended) {
        (Some(a), Some(b)) => Some(ctx.t2(
            "knowledge-period-both",
            "from",
            ctx.date(a),
            "to",
            ctx.date(b),
        )),
        (Some(a), None) => Some(ctx.t1("knowledge-period-since", "from", ctx.date(a))),
        (None, Some(b)) => Some(ctx.t1("knowledge-period-until", "to", ctx.date(b))),
        (None, None) => None,
    };
    let page = ProjectPage {
        title: p.title.clone(),
        crumbs: vec![
            Crumb::link(ctx.t("knowledge-projects-title"), ctx.href("/projekte")),
            Crumb::here(p.title.clone()),
        ],
        done: KNOWLEDGE.shown(&ctx, q.as_deref()),
        organization: (
            view.organization.name.clone(),
            org_href(&view.organization.slug),
        ),
        partners: view
            .partners
            .iter()
            .map(|n| (n.name.clone(), org_href(&n.slug)))
            .collect(),
        tags,
        topics: p.topics.iter().map(|t| ctx.topic_name(t.code())).collect(),
        period,
        funding: p.funding.clone(),
        summary_html: markdown(&p.summary),
        contacts: p
            .contacts
            .iter()
            .map(|c| ContactView {
                name: c.name.clone(),
                role: c.role.clone(),
                email: c.email.as_ref().map(ToString::to_string),
            })
            .collect(),
        links: p.links.clone(),
        source: p.source.clone(),
        experiences: view
            .experiences
            .iter()
            .map(|e| {
                let mut tags = vec![Tag::outcome(&ctx, e.outcome.code())];
                tags.extend(Tag::visibility(&ctx, &e.visibility));
                Entry {
                    title: e.title.clone(),
                    href: ctx.href(&format!("/erfahrungen/{}", e.id)),
                    by: e.organization.name.clone(),
                    topics: Vec::new(),
                    tags,
                }
            })
            .collect(),
        similar: similar_views(&ctx, similar),
        edit_href: view
            .may_edit
            .then(|| ctx.href(&format!("/projekte/{slug}/bearbeiten"))),
        share_href: view.may_edit.then(|| {
            ctx.href(&crate::pages::query::url(
                "/erfahrungen/neu",
                &[("projekt", slug.as_str())],
            ))
        }),
        ctx: &ctx,
    };
    Ok(html(&ctx, StatusCode::OK, &page))
}
