//! The pipeline of a network's joint applications and one application's
//! page, with the forms on it that tick off, add and remove tasks.

use askama::Template;
use axum::body::Bytes;
use axum::extract::RawQuery;
use axum::http::StatusCode;
use chrono::NaiveDate;
use knotenpunkt_app::AppError;
use knotenpunkt_app::domain::limits::MAX_NAME;
use knotenpunkt_app::domain::{ApplicationStatus, ApplicationTask, Slug, Visibility};
use knotenpunkt_app::funding::{ApplicationPage, Funding, Pipeline};

use super::{application_path, status_label};
use crate::auth::Use;
use crate::pages::answer::{Answer, OrFail, html};
use crate::pages::ctx::Ctx;
use crate::pages::extract::Params;
use crate::pages::form::{
    APPLICATIONS, CONFIRM, Control, FormData, Problem, Problems, Rejected, SummaryItem, name,
    refused,
};
use crate::pages::ui::{Crumb, markdown};

/// One application in a list.
#[derive(Clone)]
pub(crate) struct Row {
    pub(crate) title: String,
    pub(crate) href: String,
    pub(crate) status: (String, String),
    pub(crate) since: String,
    pub(crate) since_iso: String,
    /// Lead and partners, by name.
    pub(crate) who: String,
    /// The call and its deadline, in words.
    pub(crate) call: Option<String>,
    /// Tasks done of all.
    pub(crate) tasks: (usize, usize),
}

/// How many applications stand at one status.
pub(crate) struct Count {
    pub(crate) label: (String, String),
    pub(crate) n: usize,
}

/// The rows and counts of a pipeline, the most recently moved first.
pub(crate) fn rows(ctx: &Ctx, p: &Pipeline) -> (Vec<Row>, Vec<Count>) {
    let name = |s: &Slug| p.names.get(s).cloned().unwrap_or_else(|| s.to_string());
    let rows = p
        .records
        .iter()
        .map(|r| {
            let a = &r.application;
            let since = a.status_on.unwrap_or_default();
            let mut who = name(&a.lead);
            for partner in &a.partners {
                who.push_str(", ");
                who.push_str(&name(partner));
            }
            Row {
                title: a.title.clone(),
                href: ctx.href(&application_path(a.network.as_str(), a.slug.as_str())),
                status: status_label(ctx, a.status),
                since: ctx.day(since),
                since_iso: since.to_string(),
                who,
                call: a.call.as_ref().and_then(|c| p.calls.get(c)).map(|c| {
                    format!(
                        "{} ({})",
                        c.title,
                        ctx.t1("application-call-deadline", "date", ctx.day(c.deadline))
                    )
                }),
                tasks: (r.tasks.iter().filter(|t| t.done).count(), r.tasks.len()),
            }
        })
        .collect();
    let counts = ApplicationStatus::ALL
        .iter()
        .map(|s| Count {
            label: status_label(ctx, *s),
            n: p.records
                .iter()
                .filter(|r| r.application.status == *s)
                .count(),
        })
        .filter(|c| c.n > 0)
        .collect();
    (rows, counts)
}

#[derive(Template)]
#[template(path = "applications.html")]
struct ListPage<'a> {
    ctx: &'a Ctx,
    title: String,
    crumbs: Vec<Crumb>,
    done: Option<String>,
    network: String,
    rows: Vec<Row>,
    counts: Vec<Count>,
    new_href: Option<String>,
}

/// GET /netzwerke/{slug}/antraege
pub(super) async fn list(
    Use(f): Use<Funding>,
    ctx: Ctx,
    Params(network): Params<Slug>,
    RawQuery(q): RawQuery,
) -> Answer {
    let pipeline = f.pipeline(&network).await.or_fail(&ctx)?;
    let network_name = f.network_name(&network).await.or_fail(&ctx)?;
    let (rows, counts) = rows(&ctx, &pipeline);
    let title = ctx.t1("applications-heading", "network", network_name.as_str());
    let page = ListPage {
        crumbs: vec![
            Crumb::link(
                network_name.clone(),
                ctx.href(&format!("/netzwerke/{network}")),
            ),
            Crumb::here(ctx.t("network-applications-heading")),
        ],
        title,
        done: APPLICATIONS.shown(&ctx, q.as_deref()),
        network: network_name,
        rows,
        counts,
        new_href: pipeline
            .may_apply
            .then(|| ctx.href(&format!("/netzwerke/{network}/antraege/neu"))),
        ctx: &ctx,
    };
    Ok(html(&ctx, StatusCode::OK, &page))
}

struct Step {
    label: (String, String),
    on: String,
    on_iso: String,
}

struct TaskRow {
    title: String,
    by: String,
    due: Option<(String, String)>,
    overdue: bool,
    done: bool,
    /// The forms that tick it off (or reopen it) and remove it, for those
    /// who may.
    toggle_action: Option<String>,
    delete_action: Option<String>,
}

/// The form that adds a task.
struct TaskForm {
    action: String,
    organization: Control,
    title: Control,
    due: Control,
    summary: Vec<SummaryItem>,
}

#[derive(Template)]
#[template(path = "application.html")]
struct DetailPage<'a> {
    ctx: &'a Ctx,
    title: String,
    crumbs: Vec<Crumb>,
    done: Option<String>,
    status: (String, String),
    lead: (String, String),
    partners: Vec<(String, String)>,
    call: Option<(String, Option<String>, String, String)>,
    visibility: String,
    description_html: Option<String>,
    history: Vec<Step>,
    tasks: Vec<TaskRow>,
    task_form: Option<TaskForm>,
    edit_href: Option<String>,
}

fn task_form(ctx: &Ctx, view: &ApplicationPage, action: String, f: &FormData) -> TaskForm {
    let name = |s: &Slug| view.names.get(s).cloned().unwrap_or_else(|| s.to_string());
    let mut organizations: Vec<(String, String)> = Vec::new();
    if view.tasks_for.len() > 1 {
        organizations.push((String::new(), ctx.t("application-choose-lead")));
    }
    organizations.extend(view.tasks_for.iter().map(|o| (o.to_string(), name(o))));
    TaskForm {
        action,
        organization: Control::pick(
            "task",
            "organization",
            "select",
            ctx.t("application-task-by"),
            organizations,
            &[f.get("organization")],
        )
        .required(),
        title: Control::input(
            "task",
            "title",
            "text",
            ctx.t("application-task"),
            f.get("title"),
        )
        .required()
        .maxlength(MAX_NAME),
        due: Control::input(
            "task",
            "due",
            "date",
            ctx.t("application-task-due"),
            f.get("due"),
        ),
        summary: Vec::new(),
    }
}

fn render(
    ctx: &Ctx,
    network_name: &str,
    view: &ApplicationPage,
    q: Option<&str>,
    today: NaiveDate,
    submitted: Option<(&FormData, Rejected)>,
) -> axum::response::Response {
    let a = &view.record.application;
    let base = application_path(a.network.as_str(), a.slug.as_str());
    let name = |s: &Slug| view.names.get(s).cloned().unwrap_or_else(|| s.to_string());
    let org = |s: &Slug| (name(s), ctx.href(&format!("/organisationen/{s}")));
    let mut status = StatusCode::OK;
    let task_form = (!view.tasks_for.is_empty()).then(|| {
        let empty = FormData::default();
        let values = submitted.as_ref().map(|(f, _)| *f).unwrap_or(&empty);
        let mut form = task_form(ctx, view, ctx.href(&format!("{base}/aufgaben")), values);
        if let Some((_, r)) = submitted {
            status = r.status;
            form.summary = r.apply(&mut [&mut form.organization, &mut form.title, &mut form.due]);
        }
        form
    });
    let tasks = view
        .record
        .tasks
        .iter()
        .map(|t| {
            let may = view.tasks_for.contains(&t.organization);
            TaskRow {
                title: t.title.clone(),
                by: name(&t.organization),
                due: t.due.map(|d| (ctx.day(d), d.to_string())),
                overdue: !t.done && t.due.is_some_and(|d| d < today),
                done: t.done,
                toggle_action: may.then(|| ctx.href(&format!("{base}/aufgaben/{}", t.id))),
                delete_action: may.then(|| ctx.href(&format!("{base}/aufgaben/{}/loeschen", t.id))),
            }
        })
        .collect();
    let page = DetailPage {
        title: a.title.clone(),
        crumbs: vec![
            Crumb::link(
                network_name.to_owned(),
                ctx.href(&format!("/netzwerke/{}", a.network)),
            ),
            Crumb::link(
                ctx.t("network-applications-heading"),
                ctx.href(&format!("/netzwerke/{}/antraege", a.network)),
            ),
            Crumb::here(a.title.clone()),
        ],
        done: APPLICATIONS.shown(ctx, q),
        status: status_label(ctx, a.status),
        lead: org(&a.lead),
        partners: a.partners.iter().map(org).collect(),
        call: view.call.as_ref().map(|c| {
            (
                c.title.clone(),
                c.link.clone(),
                ctx.day(c.deadline),
                c.deadline.to_string(),
            )
        }),
        visibility: match &a.visibility {
            Visibility::Group(g) => ctx.t1("application-visibility-group", "group", g.as_str()),
            _ => ctx.t("application-visibility-network"),
        },
        description_html: a.description.as_deref().map(markdown),
        history: view
            .record
            .history
            .iter()
            .rev()
            .map(|s| Step {
                label: status_label(ctx, s.status),
                on: ctx.day(s.on),
                on_iso: s.on.to_string(),
            })
            .collect(),
        tasks,
        task_form,
        edit_href: view
            .may_change
            .then(|| ctx.href(&format!("{base}/bearbeiten"))),
        ctx,
    };
    html(ctx, status, &page)
}

/// GET /netzwerke/{slug}/antraege/{application}
pub(super) async fn page(
    Use(f): Use<Funding>,
    ctx: Ctx,
    Params((network, slug)): Params<(Slug, Slug)>,
    RawQuery(q): RawQuery,
) -> Answer {
    let view = f.application_page(&network, &slug).await.or_fail(&ctx)?;
    let name = f.network_name(&network).await.or_fail(&ctx)?;
    Ok(render(&ctx, &name, &view, q.as_deref(), f.today(), None))
}

/// Reads the task form, or says what is wrong.
fn read_task(ctx: &Ctx, f: &FormData) -> Result<ApplicationTask, Rejected> {
    let mut problems: Problems = Vec::new();
    let organization = match f.get("organization").parse::<Slug>() {
        Ok(s) => Some(s),
        Err(_) => {
            problems.push((
                "organization".into(),
                Problem::new(ctx.t("manage-error-choose")),
            ));
            None
        }
    };
    let title = name(ctx, &mut problems, f, "title");
    let due = match f.get("due").trim() {
        "" => None,
        d => match NaiveDate::parse_from_str(d, "%Y-%m-%d") {
            Ok(d) => Some(d),
            Err(_) => {
                problems.push(("due".into(), Problem::new(ctx.t("manage-error-date"))));
                None
            }
        },
    };
    match (organization, title) {
        (Some(organization), Some(title)) if problems.is_empty() => Ok(ApplicationTask {
            organization,
            title,
            due,
            done: false,
        }),
        _ => Err(Rejected::input(problems)),
    }
}

/// POST /netzwerke/{slug}/antraege/{application}/aufgaben
pub(super) async fn add_task(
    Use(f): Use<Funding>,
    ctx: Ctx,
    Params((network, slug)): Params<(Slug, Slug)>,
    body: Bytes,
) -> Answer {
    let back = application_path(network.as_str(), slug.as_str());
    // The policy first: who may not add tasks learns nothing from the form.
    if let Err(e) = f.task_form(&network, &slug).await {
        return Err(refused(&ctx, e, &back));
    }
    let form = FormData::parse(&body);
    let rejected = match read_task(&ctx, &form) {
        Ok(task) => match f.add_task(&network, &slug, &task).await {
            Ok(_) => return Ok(APPLICATIONS.done(&ctx, &back, "task-added")),
            Err(e @ AppError::Denied(_)) => return Err(refused(&ctx, e, &back)),
            Err(e) => Rejected::from_app(&ctx, e).or_fail(&ctx)?,
        },
        Err(r) => r,
    };
    let view = f.application_page(&network, &slug).await.or_fail(&ctx)?;
    let name = f.network_name(&network).await.or_fail(&ctx)?;
    Ok(render(
        &ctx,
        &name,
        &view,
        None,
        f.today(),
        Some((&form, rejected)),
    ))
}

/// POST /netzwerke/{slug}/antraege/{application}/aufgaben/{task}: ticks
/// the task off (`done=yes`) or opens it again.
pub(super) async fn set_task(
    Use(f): Use<Funding>,
    ctx: Ctx,
    Params((network, slug, id)): Params<(Slug, Slug, i64)>,
    body: Bytes,
) -> Answer {
    let back = application_path(network.as_str(), slug.as_str());
    let done = FormData::parse(&body).get("done") == CONFIRM;
    match f.set_task_done(&network, &slug, id, done).await {
        Ok(()) => Ok(APPLICATIONS.done(&ctx, &back, "task-saved")),
        Err(e) => Err(refused(&ctx, e, &back)),
    }
}

/// POST /netzwerke/{slug}/antraege/{application}/aufgaben/{task}/loeschen
pub(super) async fn delete_task(
    Use(f): Use<Funding>,
    ctx: Ctx,
    Params((network, slug, id)): Params<(Slug, Slug, i64)>,
) -> Answer {
    let back = application_path(network.as_str(), slug.as_str());
    match f.delete_task(&network, &slug, id).await {
        Ok(()) => Ok(APPLICATIONS.done(&ctx, &back, "task-deleted")),
        Err(e) => Err(refused(&ctx, e, &back)),
    }
}
