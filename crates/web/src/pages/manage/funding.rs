//! A network's funding calls (Förderaufrufe): the list with passed ones,
//! recording one, changing and removing it. The network's page shows the
//! open ones.

use askama::Template;
use axum::body::Bytes;
use axum::extract::{FromRequestParts, RawQuery};
use axum::http::StatusCode;
use axum::http::request::Parts;
use axum::response::Response;
use chrono::NaiveDate;
use knotenpunkt_app::AppError;
use knotenpunkt_app::domain::limits::{MAX_NAME, MAX_TEXT, MAX_URL};
use knotenpunkt_app::domain::{FieldOfAction, FundingCall, OrgKind, Slug, State};
use knotenpunkt_app::funding::Funding;

use super::frame::{Frame, Section};
use super::managed::{InSection, Managed};
use crate::AppState;
use crate::auth::{Use, service};
use crate::pages::answer::{Answer, OrFail, failure, html};
use crate::pages::ctx::Ctx;
use crate::pages::extract::{Here, Params, infallible};
use crate::pages::form::{
    Control, DONE, FormData, Problem, Problems, Rejected, SummaryItem, name, optional, refused,
    slug_field, text,
};

struct Row {
    title: String,
    funder: String,
    deadline: String,
    deadline_iso: String,
    open: bool,
    edit_href: String,
    delete_action: String,
}

/// The form of a funding call: to record one, or to change it.
struct CallForm {
    action: String,
    title: Control,
    /// `None` on a call's own page, where the slug stays.
    slug: Option<Control>,
    funder: Control,
    programme: Control,
    link: Control,
    deadline: Control,
    states: Control,
    kinds: Control,
    topics: Control,
    description: Control,
    submit: String,
    summary: Vec<SummaryItem>,
}

impl CallForm {
    /// The form posting to `action`, filled with `v(field)` and `all(field)`
    /// for the checkbox groups.
    fn with(
        ctx: &Ctx,
        action: String,
        new: bool,
        v: impl Fn(&str) -> String,
        all: impl Fn(&str) -> Vec<String>,
    ) -> CallForm {
        let input = |field: &'static str, kind: &'static str, label: &str| {
            Control::input("call", field, kind, ctx.t(label), v(field))
        };
        CallForm {
            action,
            title: input("title", "text", "manage-call-title")
                .required()
                .maxlength(MAX_NAME),
            slug: new.then(|| Control::slug("call", ctx, v("slug"), ctx.t("manage-slug-hint"))),
            funder: input("funder", "text", "manage-call-funder")
                .required()
                .maxlength(MAX_NAME)
                .hint(ctx.t("manage-call-funder-hint")),
            programme: input("programme", "text", "manage-call-programme").maxlength(MAX_NAME),
            link: input("link", "url", "manage-call-link").maxlength(MAX_URL),
            deadline: input("deadline", "date", "manage-call-deadline").required(),
            states: Control::pick(
                "call",
                "states",
                "checkbox",
                ctx.t("manage-call-states"),
                State::ALL.iter().map(|s| (s.code(), ctx.state_name(s))),
                &all("states"),
            )
            .hint(ctx.t("manage-call-anyone-hint")),
            kinds: Control::pick(
                "call",
                "kinds",
                "checkbox",
                ctx.t("manage-call-kinds"),
                OrgKind::ALL.iter().map(|k| (k.code(), ctx.kind_name(k))),
                &all("kinds"),
            )
            .hint(ctx.t("manage-call-anyone-hint")),
            topics: Control::pick(
                "call",
                "topics",
                "checkbox",
                ctx.t("manage-call-topics"),
                FieldOfAction::ALL
                    .iter()
                    .map(|t| (t.code(), ctx.topic_name(t.code()))),
                &all("topics"),
            ),
            description: input("description", "textarea", "manage-call-description")
                .maxlength(MAX_TEXT)
                .wide(),
            submit: ctx.t(if new {
                "manage-calls-add"
            } else {
                "manage-save"
            }),
            summary: Vec::new(),
        }
    }

    fn submitted(ctx: &Ctx, action: String, new: bool, f: &FormData) -> CallForm {
        CallForm::with(ctx, action, new, |k| f.get(k), |k| f.all(k))
    }

    fn reject(&mut self, r: Rejected) {
        let mut controls: Vec<&mut Control> = vec![&mut self.title];
        if let Some(slug) = self.slug.as_mut() {
            controls.push(slug);
        }
        controls.extend([
            &mut self.funder,
            &mut self.programme,
            &mut self.link,
            &mut self.deadline,
            &mut self.states,
            &mut self.kinds,
            &mut self.topics,
            &mut self.description,
        ]);
        self.summary = r.apply(&mut controls);
    }
}

#[derive(Template)]
#[template(path = "manage/funding.html")]
struct CallsPage<'a> {
    ctx: &'a Ctx,
    title: String,
    frame: Frame,
    /// On a call's own page, the way back to the list; the list is not shown.
    back_href: Option<String>,
    rows: Vec<Row>,
    form: CallForm,
}

fn list_path(m: &Managed) -> String {
    Section::Funding.path(&m.slug)
}

fn call_path(m: &Managed, call: &Slug) -> String {
    format!("{}/{call}", list_path(m))
}

async fn render_list(
    ctx: &Ctx,
    m: &Managed,
    funding: &Funding,
    q: Option<&str>,
    form: CallForm,
    status: StatusCode,
) -> Result<Response, AppError> {
    let today = m.dir.app().today();
    let rows = funding
        .calls(&m.slug, true)
        .await?
        .into_iter()
        .rev()
        .map(|c| Row {
            edit_href: ctx.href(&call_path(m, &c.slug)),
            delete_action: ctx.href(&format!("{}/loeschen", call_path(m, &c.slug))),
            open: c.is_open(today),
            deadline: ctx.day(c.deadline),
            deadline_iso: c.deadline.to_string(),
            title: c.title,
            funder: c.funder,
        })
        .collect();
    let frame = Frame::new(ctx, m, Section::Funding, q);
    let page = CallsPage {
        ctx,
        title: frame.title(),
        frame,
        back_href: None,
        rows,
        form,
    };
    Ok(html(ctx, status, &page))
}

fn new_form(ctx: &Ctx, m: &Managed, f: Option<&FormData>) -> CallForm {
    let action = ctx.href(&list_path(m));
    match f {
        Some(f) => CallForm::submitted(ctx, action, true, f),
        None => CallForm::with(ctx, action, true, |_| String::new(), |_| Vec::new()),
    }
}

/// GET /netzwerke/{slug}/verwaltung/foerderaufrufe
pub(super) async fn page(
    ctx: Ctx,
    m: Managed,
    Use(funding): Use<Funding>,
    RawQuery(q): RawQuery,
) -> Answer {
    let form = new_form(&ctx, &m, None);
    render_list(&ctx, &m, &funding, q.as_deref(), form, StatusCode::OK)
        .await
        .or_fail(&ctx)
}

/// A list of codes from a checkbox group; an unknown code is a problem.
fn codes<T: std::str::FromStr>(
    ctx: &Ctx,
    problems: &mut Problems,
    f: &FormData,
    field: &str,
) -> Vec<T> {
    let mut out = Vec::new();
    for code in f.all(field) {
        match code.parse() {
            Ok(v) => out.push(v),
            Err(_) => problems.push((field.to_owned(), Problem::new(ctx.t("manage-error-choose")))),
        }
    }
    out
}

/// Reads the form into a call, or says what is wrong; `base` is the stored
/// call on its own page, whose slug stays.
fn parse(
    ctx: &Ctx,
    m: &Managed,
    f: &FormData,
    base: Option<&FundingCall>,
) -> Result<FundingCall, Rejected> {
    let mut problems: Problems = Vec::new();
    let title = name(ctx, &mut problems, f, "title");
    let slug = match base {
        Some(b) => Some(b.slug.clone()),
        None => slug_field(
            ctx,
            &mut problems,
            "slug",
            &f.get("slug"),
            title.as_deref().unwrap_or(""),
        ),
    };
    let funder = name(ctx, &mut problems, f, "funder");
    let programme = optional(f.get("programme"));
    let link = optional(f.get("link"));
    if let Some(l) = &link
        && (!(l.starts_with("https://") || l.starts_with("http://")) || l.len() > MAX_URL)
    {
        problems.push(("link".into(), Problem::new(ctx.t("manage-error-link"))));
    }
    let deadline = match NaiveDate::parse_from_str(&f.get("deadline"), "%Y-%m-%d") {
        Ok(d) => Some(d),
        Err(_) => {
            problems.push(("deadline".into(), Problem::new(ctx.t("manage-error-date"))));
            None
        }
    };
    let states = codes(ctx, &mut problems, f, "states");
    let kinds = codes(ctx, &mut problems, f, "kinds");
    let topics = codes(ctx, &mut problems, f, "topics");
    let description = text(ctx, &mut problems, f, "description");
    match (title, slug, funder, deadline) {
        (Some(title), Some(slug), Some(funder), Some(deadline)) if problems.is_empty() => {
            Ok(FundingCall {
                network: m.slug.clone(),
                slug,
                funder,
                programme,
                title,
                link,
                deadline,
                states,
                kinds,
                topics,
                description,
            })
        }
        _ => Err(Rejected::input(problems)),
    }
}

/// POST /netzwerke/{slug}/verwaltung/foerderaufrufe
pub(super) async fn add(ctx: Ctx, m: Managed, Use(funding): Use<Funding>, body: Bytes) -> Answer {
    let f = FormData::parse(&body);
    let rejected = match parse(&ctx, &m, &f, None) {
        Ok(call) => match funding.create_call(&m.slug, &call).await {
            Ok(()) => return Ok(DONE.done(&ctx, &list_path(&m), "call-added")),
            Err(e) => Rejected::from_app(&ctx, e).or_fail(&ctx)?,
        },
        Err(r) => r,
    };
    let status = rejected.status;
    let mut form = new_form(&ctx, &m, Some(&f));
    form.reject(rejected);
    render_list(&ctx, &m, &funding, None, form, status)
        .await
        .or_fail(&ctx)
}

/// POST /netzwerke/{slug}/verwaltung/foerderaufrufe/{call}/loeschen
pub(super) async fn delete(
    ctx: Ctx,
    InSection(m): InSection,
    Use(funding): Use<Funding>,
    Params((_, call)): Params<(Slug, Slug)>,
) -> Answer {
    let back = list_path(&m);
    match funding.delete_call(&m.slug, &call).await {
        Ok(()) => Ok(DONE.done(&ctx, &back, "call-deleted")),
        Err(e @ AppError::Denied(_)) => Err(refused(&ctx, e, &back)),
        Err(e) => Err(failure(&ctx, e)),
    }
}

/// The call behind a management address, once the gate let the viewer
/// manage the network it belongs to.
pub(super) struct ManagedCall {
    m: Managed,
    funding: Funding,
    stored: FundingCall,
}

impl FromRequestParts<AppState> for ManagedCall {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, s: &AppState) -> Result<Self, Response> {
        let m = Managed::gate::<Here>(parts, s).await?;
        let Params((_, call)) = Params::<(Slug, Slug)>::from_request_parts(parts, s).await?;
        let funding: Funding = service(parts, s);
        match funding.call(&m.slug, &call).await {
            Ok(stored) => Ok(ManagedCall { m, funding, stored }),
            Err(e) => {
                let ctx = infallible(Ctx::from_request_parts(parts, s).await);
                Err(failure(&ctx, e))
            }
        }
    }
}

fn render_call(
    ctx: &Ctx,
    mc: &ManagedCall,
    q: Option<&str>,
    submitted: Option<(&FormData, Rejected)>,
) -> Response {
    let (m, stored) = (&mc.m, &mc.stored);
    let action = ctx.href(&call_path(m, &stored.slug));
    let mut form = match &submitted {
        Some((f, _)) => CallForm::submitted(ctx, action, false, f),
        None => CallForm::with(
            ctx,
            action,
            false,
            |k| match k {
                "title" => stored.title.clone(),
                "funder" => stored.funder.clone(),
                "programme" => stored.programme.clone().unwrap_or_default(),
                "link" => stored.link.clone().unwrap_or_default(),
                "deadline" => stored.deadline.to_string(),
                "description" => stored.description.clone().unwrap_or_default(),
                _ => String::new(),
            },
            |k| match k {
                "states" => stored.states.iter().map(|s| s.code().to_owned()).collect(),
                "kinds" => stored.kinds.iter().map(|s| s.code().to_owned()).collect(),
                "topics" => stored.topics.iter().map(|s| s.code().to_owned()).collect(),
                _ => Vec::new(),
            },
        ),
    };
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
        Section::Funding,
        q,
        ctx.t1("manage-heading-call-edit", "call", stored.title.as_str()),
        &stored.title,
    );
    let page = CallsPage {
        ctx,
        title: frame.title(),
        frame,
        back_href: Some(ctx.href(&list_path(m))),
        rows: Vec::new(),
        form,
    };
    html(ctx, status, &page)
}

/// GET /netzwerke/{slug}/verwaltung/foerderaufrufe/{call}
pub(super) async fn edit(ctx: Ctx, mc: ManagedCall, RawQuery(q): RawQuery) -> Response {
    render_call(&ctx, &mc, q.as_deref(), None)
}

/// POST /netzwerke/{slug}/verwaltung/foerderaufrufe/{call}
pub(super) async fn update(ctx: Ctx, mc: ManagedCall, body: Bytes) -> Answer {
    let (m, stored) = (&mc.m, &mc.stored);
    let f = FormData::parse(&body);
    let rejected = match parse(&ctx, m, &f, Some(stored)) {
        Ok(new) => match mc.funding.update_call(&m.slug, &stored.slug, &new).await {
            Ok(()) => return Ok(DONE.done(&ctx, &list_path(m), "call-saved")),
            Err(e @ AppError::Denied(_)) => {
                return Err(refused(&ctx, e, &call_path(m, &stored.slug)));
            }
            Err(e) => Rejected::from_app(&ctx, e).or_fail(&ctx)?,
        },
        Err(r) => r,
    };
    Ok(render_call(&ctx, &mc, None, Some((&f, rejected))))
}
