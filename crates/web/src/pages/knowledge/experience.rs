//! One experience's page: the report, what the authors would do
//! differently, the comments and follow-up questions with their form, and
//! similar projects and experiences of other municipalities.

use askama::Template;
use axum::body::Bytes;
use axum::extract::RawQuery;
use axum::http::StatusCode;
use knotenpunkt_app::access::Denial;
use knotenpunkt_app::domain::limits::MAX_TEXT;
use knotenpunkt_app::{AppError, ExperienceView, Knowledge, Search, berlin_time};

use super::Tag;
use super::project::{SIMILAR, SimilarView, similar_views};
use crate::auth::Use;
use crate::pages::answer::{Answer, OrFail, html};
use crate::pages::ctx::Ctx;
use crate::pages::extract::Params;
use crate::pages::form::{
    Control, FormData, KNOWLEDGE, Rejected, SummaryItem, refused, required, too_long,
};
use crate::pages::query;
use crate::pages::ui::{Crumb, markdown};

struct CommentShown {
    id: i64,
    author: String,
    organization: Option<String>,
    when: String,
    text_html: String,
    question: bool,
}

/// The comment form.
struct CommentForm {
    action: String,
    text: Control,
    question: Control,
    summary: Vec<SummaryItem>,
}

#[derive(Template)]
#[template(path = "experience.html")]
struct ExperiencePage<'a> {
    ctx: &'a Ctx,
    title: String,
    crumbs: Vec<Crumb>,
    done: Option<String>,
    organization: (String, String),
    project: Option<(String, String)>,
    author: String,
    when: String,
    tags: Vec<Tag>,
    topics: Vec<String>,
    lang: &'static str,
    text_html: String,
    differently_html: Option<String>,
    comments: Vec<CommentShown>,
    form: Option<CommentForm>,
    sign_in_href: Option<String>,
    similar: Vec<SimilarView>,
    edit_href: Option<String>,
}

fn day(ctx: &Ctx, at: i64) -> String {
    berlin_time(at)
        .map(|t| ctx.day(t.date_naive()))
        .unwrap_or_default()
}

async fn render(
    ctx: &Ctx,
    search: &Search,
    view: ExperienceView,
    submitted: Option<(FormData, Rejected)>,
    done: Option<String>,
) -> Answer {
    let id = view.id;
    let e = &view.experience;
    let similar = search
        .similar(&format!("experience:{id}"), SIMILAR)
        .await
        .unwrap_or_default();
    let mut tags = vec![Tag::outcome(ctx, e.outcome.code())];
    tags.extend(Tag::visibility(ctx, &e.visibility));
    let mut status = StatusCode::OK;
    let form = view.may_comment.then(|| {
        let (text, asked) = submitted
            .as_ref()
            .map(|(f, _)| (f.get("text"), f.has("question")))
            .unwrap_or_default();
        let mut form = CommentForm {
            action: ctx.href(&format!("/erfahrungen/{id}/kommentare")),
            text: Control::input(
                "comment",
                "text",
                "textarea",
                ctx.t("knowledge-comment-text"),
                text,
            )
            .required()
            .maxlength(MAX_TEXT)
            .wide(),
            question: Control::pick(
                "comment",
                "question",
                "checkbox",
                ctx.t("knowledge-comment-kind"),
                [("1", ctx.t("knowledge-comment-question"))],
                &if asked {
                    vec!["1".to_owned()]
                } else {
                    Vec::new()
                },
            )
            .hint(ctx.t("knowledge-comment-question-hint")),
            summary: Vec::new(),
        };
        if let Some((_, r)) = submitted {
            status = r.status;
            form.summary = r.apply(&mut [&mut form.text, &mut form.question]);
        }
        form
    });
    let sign_in_href = ctx
        .user()
        .is_none()
        .then(|| query::url("/anmelden", &[("next", &format!("/erfahrungen/{id}"))]));
    let page = ExperiencePage {
        title: e.title.clone(),
        crumbs: vec![
            Crumb::link(
                ctx.t("knowledge-experiences-title"),
                ctx.href("/erfahrungen"),
            ),
            Crumb::here(e.title.clone()),
        ],
        done,
        organization: (
            view.organization.name.clone(),
            ctx.href(&format!("/organisationen/{}", view.organization.slug)),
        ),
        project: view
            .project
            .as_ref()
            .map(|p| (p.name.clone(), ctx.href(&format!("/projekte/{}", p.slug)))),
        author: view.author.clone(),
        when: day(ctx, view.created_at),
        tags,
        topics: e.topics.iter().map(|t| ctx.topic_name(t.code())).collect(),
        lang: e.lang.code(),
        text_html: markdown(&e.text),
        differently_html: e.differently.as_deref().map(markdown),
        comments: view
            .comments
            .iter()
            .map(|c| CommentShown {
                id: c.id,
                author: c.author.clone(),
                organization: c.organization.as_ref().map(|o| o.name.clone()),
                when: day(ctx, c.created_at),
                text_html: markdown(&c.text),
                question: c.question,
            })
            .collect(),
        form,
        sign_in_href,
        similar: similar_views(ctx, similar),
        edit_href: view
            .may_edit
            .then(|| ctx.href(&format!("/erfahrungen/{id}/bearbeiten"))),
        ctx,
    };
    Ok(html(ctx, status, &page))
}

/// GET /erfahrungen/{id}
pub(super) async fn page(
    Use(k): Use<Knowledge>,
    Use(search): Use<Search>,
    ctx: Ctx,
    Params(id): Params<i64>,
    RawQuery(q): RawQuery,
) -> Answer {
    let view = k.experience(id).await.or_fail(&ctx)?;
    let done = KNOWLEDGE.shown(&ctx, q.as_deref());
    render(&ctx, &search, view, None, done).await
}

/// POST /erfahrungen/{id}/kommentare
pub(super) async fn comment(
    Use(k): Use<Knowledge>,
    Use(search): Use<Search>,
    ctx: Ctx,
    Params(id): Params<i64>,
    body: Bytes,
) -> Answer {
    let back = format!("/erfahrungen/{id}");
    // The policy first (through the page's view): a visitor is sent to sign
    // in, someone who may not read it finds nothing, before any input is
    // looked at.
    let view = k.experience(id).await.or_fail(&ctx)?;
    if !view.may_comment {
        let denial = if ctx.user().is_none() {
            Denial::SignIn
        } else {
            Denial::Forbidden
        };
        return Err(refused(&ctx, AppError::Denied(denial), &back));
    }
    let f = FormData::parse(&body);
    let mut problems = Vec::new();
    let text = f.get("text");
    let text = required(&ctx, &mut problems, "text", text.trim());
    if let Some(t) = &text {
        too_long(&ctx, &mut problems, "text", t, MAX_TEXT);
    }
    let question = f.has("question");
    let rejected = match text {
        Some(t) if problems.is_empty() => match k.comment(id, &t, question).await {
            Ok(_) => {
                let flag = if question {
                    "question-asked"
                } else {
                    "comment-added"
                };
                return Ok(KNOWLEDGE.done(&ctx, &back, flag));
            }
            Err(e @ AppError::Denied(_)) => return Err(refused(&ctx, e, &back)),
            Err(e) => Rejected::from_app(&ctx, e).or_fail(&ctx)?,
        },
        _ => Rejected::input(problems),
    };
    render(&ctx, &search, view, Some((f, rejected)), None).await
}
