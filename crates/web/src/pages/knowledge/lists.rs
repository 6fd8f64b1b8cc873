//! `/projekte` and `/erfahrungen`: what the reader may see, narrowed by
//! field of action and by status or outcome, each choice a link.

use askama::Template;
use axum::extract::RawQuery;
use axum::http::StatusCode;
use knotenpunkt_app::domain::{FieldOfAction, Outcome, ProjectStatus};
use knotenpunkt_app::{ExperienceFilter, Knowledge, ProjectFilter};

use super::{Entry, Tag};
use crate::auth::Use;
use crate::pages::answer::{Answer, OrFail, html};
use crate::pages::ctx::Ctx;
use crate::pages::query;

/// A filter value as a link; the chosen one widens again.
struct Choice {
    label: String,
    href: String,
    chosen: bool,
}

struct ChoiceGroup {
    heading: String,
    choices: Vec<Choice>,
}

#[derive(Template)]
#[template(path = "knowledge_list.html")]
struct ListPage<'a> {
    ctx: &'a Ctx,
    title: String,
    intro: String,
    new_link: Option<(String, String)>,
    problems: Vec<String>,
    count: String,
    empty: String,
    entries: Vec<Entry>,
    filters: Vec<ChoiceGroup>,
    status_bad: bool,
}

/// The two filters of a list, as the address gives them.
struct Asked {
    topic: String,
    second: String,
}

impl Asked {
    fn parse(raw: Option<&str>, second: &str) -> Asked {
        let mut asked = Asked {
            topic: String::new(),
            second: String::new(),
        };
        for (k, v) in query::parse(raw.unwrap_or("")) {
            if k == "topic" {
                asked.topic = v.trim().to_owned();
            } else if k == second {
                asked.second = v.trim().to_owned();
            }
        }
        asked
    }
}

/// The filter groups: fields of action and the list's second filter.
fn filters(
    ctx: &Ctx,
    path: &str,
    asked: &Asked,
    second: (&str, &str, Vec<(String, String)>),
) -> Vec<ChoiceGroup> {
    let (key, heading, values) = second;
    let link =
        |topic: &str, other: &str| ctx.href(&query::url(path, &[("topic", topic), (key, other)]));
    let topics = FieldOfAction::ALL
        .iter()
        .map(|t| {
            let chosen = asked.topic == t.code();
            Choice {
                label: ctx.topic_name(t.code()),
                href: link(if chosen { "" } else { t.code() }, &asked.second),
                chosen,
            }
        })
        .collect();
    let others = values
        .into_iter()
        .map(|(code, label)| {
            let chosen = asked.second == code;
            Choice {
                label,
                href: link(&asked.topic, if chosen { "" } else { &code }),
                chosen,
            }
        })
        .collect();
    vec![
        ChoiceGroup {
            heading: ctx.t("search-facet-topic"),
            choices: topics,
        },
        ChoiceGroup {
            heading: ctx.t(heading),
            choices: others,
        },
    ]
}

/// A filter value, or the problem it makes.
fn parsed<T: std::str::FromStr<Err = String>>(
    ctx: &Ctx,
    problems: &mut Vec<String>,
    field: &str,
    v: &str,
) -> Option<T> {
    if v.is_empty() {
        return None;
    }
    match v.parse() {
        Ok(x) => Some(x),
        Err(_) => {
            problems.push(ctx.t1("knowledge-bad-filter", "field", field));
            None
        }
    }
}

/// GET /projekte
pub(super) async fn projects(Use(k): Use<Knowledge>, ctx: Ctx, RawQuery(raw): RawQuery) -> Answer {
    let asked = Asked::parse(raw.as_deref(), "status");
    let mut problems = Vec::new();
    let filter = ProjectFilter {
        organization: None,
        topic: parsed(&ctx, &mut problems, "topic", &asked.topic),
        status: parsed::<ProjectStatus>(&ctx, &mut problems, "status", &asked.second),
    };
    let shelf = k.projects_page(&filter).await.or_fail(&ctx)?;
    let (list, may_share) = (shelf.items, shelf.may_share);
    let entries = list
        .into_iter()
        .map(|p| {
            let mut tags = vec![Tag::status(&ctx, p.status.code())];
            tags.extend(Tag::visibility(&ctx, &p.visibility));
            Entry {
                href: ctx.href(&format!("/projekte/{}", p.slug)),
                title: p.title,
                by: if p.experiences > 0 {
                    ctx.t2(
                        "knowledge-project-by",
                        "org",
                        p.organization.name.as_str(),
                        "count",
                        p.experiences as u64,
                    )
                } else {
                    p.organization.name
                },
                topics: p.topics.iter().map(|t| ctx.topic_name(t.code())).collect(),
                tags,
            }
        })
        .collect::<Vec<_>>();
    let statuses = ProjectStatus::ALL
        .iter()
        .map(|s| (s.code().to_owned(), ctx.status_name(s.code())))
        .collect();
    let page = ListPage {
        title: ctx.t("knowledge-projects-title"),
        intro: ctx.t("knowledge-projects-intro"),
        new_link: may_share.then(|| (ctx.href("/projekte/neu"), ctx.t("knowledge-project-new"))),
        count: ctx.t1("knowledge-projects-count", "count", entries.len() as u64),
        empty: ctx.t("knowledge-projects-none"),
        filters: filters(
            &ctx,
            "/projekte",
            &asked,
            ("status", "knowledge-status", statuses),
        ),
        entries,
        status_bad: !problems.is_empty(),
        problems,
        ctx: &ctx,
    };
    let status = if page.status_bad {
        StatusCode::BAD_REQUEST
    } else {
        StatusCode::OK
    };
    Ok(html(&ctx, status, &page))
}

/// GET /erfahrungen
pub(super) async fn experiences(
    Use(k): Use<Knowledge>,
    ctx: Ctx,
    RawQuery(raw): RawQuery,
) -> Answer {
    let asked = Asked::parse(raw.as_deref(), "outcome");
    let mut problems = Vec::new();
    let filter = ExperienceFilter {
        organization: None,
        topic: parsed(&ctx, &mut problems, "topic", &asked.topic),
        outcome: parsed::<Outcome>(&ctx, &mut problems, "outcome", &asked.second),
    };
    let shelf = k.experiences_page(&filter).await.or_fail(&ctx)?;
    let (list, may_share) = (shelf.items, shelf.may_share);
    let entries = list
        .into_iter()
        .map(|e| {
            let mut tags = vec![Tag::outcome(&ctx, e.outcome.code())];
            tags.extend(Tag::visibility(&ctx, &e.visibility));
            Entry {
                href: ctx.href(&format!("/erfahrungen/{}", e.id)),
                title: e.title,
                by: e.organization.name,
                topics: e.topics.iter().map(|t| ctx.topic_name(t.code())).collect(),
                tags,
            }
        })
        .collect::<Vec<_>>();
    let outcomes = Outcome::ALL
        .iter()
        .map(|o| (o.code().to_owned(), ctx.outcome_name(o.code())))
        .collect();
    let page = ListPage {
        title: ctx.t("knowledge-experiences-title"),
        intro: ctx.t("knowledge-experiences-intro"),
        new_link: may_share.then(|| {
            (
                ctx.href("/erfahrungen/neu"),
                ctx.t("knowledge-experience-new"),
            )
        }),
        count: ctx.t1("knowledge-experiences-count", "count", entries.len() as u64),
        empty: ctx.t("knowledge-experiences-none"),
        filters: filters(
            &ctx,
            "/erfahrungen",
            &asked,
            ("outcome", "search-facet-outcome", outcomes),
        ),
        entries,
        status_bad: !problems.is_empty(),
        problems,
        ctx: &ctx,
    };
    let status = if page.status_bad {
        StatusCode::BAD_REQUEST
    } else {
        StatusCode::OK
    };
    Ok(html(&ctx, status, &page))
}
