//! The network's audit log, newest first, fifty entries a page.

use askama::Template;
use axum::extract::{Path, RawQuery, State};
use axum::http::StatusCode;
use axum::response::Response;
use knotenpunkt_app::Page as StorePage;
use knotenpunkt_app::store::AuditEntry;

use super::{Frame, Section, gate, moment};
use crate::AppState;
use crate::auth::Viewer;
use crate::pages::{Ctx, failure, html, query};

/// Entries per page.
const PAGE_SIZE: u64 = 50;

/// The kinds of change the log names in words; others show their code.
const ACTIONS: &[&str] = &[
    "account.delete",
    "cohort.create",
    "cohort.delete",
    "exception.cancel",
    "exception.delete",
    "exception.move",
    "invitation.accept",
    "invitation.create",
    "invitation.existing",
    "membership.create",
    "membership.delete",
    "network.create",
    "organization.create",
    "password.reset",
    "role.set",
    "series.create",
    "series.update",
];

/// One entry as the log shows it.
pub(crate) struct Row {
    pub(crate) iso: String,
    pub(crate) when: String,
    pub(crate) who: String,
    pub(crate) action: String,
    pub(crate) target: String,
    pub(crate) detail: Option<String>,
}

impl Row {
    pub(crate) fn new(ctx: &Ctx, e: &AuditEntry) -> Row {
        let (iso, when) = moment(ctx, e.at);
        let action = if ACTIONS.contains(&e.action.as_str()) {
            ctx.t(&format!("manage-action-{}", e.action.replace('.', "-")))
        } else {
            e.action.clone()
        };
        Row {
            iso,
            when,
            who: e.actor_name.clone(),
            action,
            target: e.target.clone(),
            detail: e.detail.clone(),
        }
    }
}

pub(crate) struct Pager {
    pub(crate) current: u64,
    pub(crate) pages: u64,
    pub(crate) prev: Option<String>,
    pub(crate) next: Option<String>,
}

#[derive(Template)]
#[template(path = "manage/protocol.html")]
struct ProtocolPage<'a> {
    ctx: &'a Ctx,
    title: String,
    frame: Frame,
    total: u64,
    log_rows: Vec<Row>,
    log_caption: String,
    pager: Option<Pager>,
    beyond: bool,
    first_href: String,
}

pub(super) async fn page(
    State(s): State<AppState>,
    ctx: Ctx,
    v: Viewer,
    Path(slug): Path<String>,
    RawQuery(q): RawQuery,
) -> Response {
    let m = match gate(&s, &ctx, &v, &slug, Section::Protocol).await {
        Ok(m) => m,
        Err(r) => return r,
    };
    // An unreadable page number shows the first page rather than an error:
    // the pager only ever links to valid ones.
    let current = query::parse(q.as_deref().unwrap_or(""))
        .into_iter()
        .find(|(k, _)| k == "seite")
        .and_then(|(_, v)| v.parse::<u64>().ok())
        .filter(|p| (1..=u64::MAX / PAGE_SIZE).contains(p))
        .unwrap_or(1);
    let log = match m
        .dir
        .audit_log(
            &v.actor,
            Some(&m.slug),
            StorePage {
                limit: Some(PAGE_SIZE),
                offset: (current - 1) * PAGE_SIZE,
            },
        )
        .await
    {
        Ok(l) => l,
        Err(e) => return failure(&ctx, e),
    };
    let pages = log.total.div_ceil(PAGE_SIZE).max(1);
    let base = Section::Protocol.path(&m.slug);
    let href = |p: u64| {
        let n = if p > 1 { p.to_string() } else { String::new() };
        ctx.href(&query::url(&base, &[("seite", &n)]))
    };
    let pager = (pages > 1).then(|| Pager {
        current,
        pages,
        prev: (current > 1).then(|| href(current.min(pages + 1) - 1)),
        next: (current < pages).then(|| href(current + 1)),
    });
    let frame = Frame::new(&ctx, &m, Section::Protocol, q.as_deref());
    let page = ProtocolPage {
        ctx: &ctx,
        title: frame.title(),
        frame,
        total: log.total,
        log_rows: log.items.iter().map(|e| Row::new(&ctx, e)).collect(),
        log_caption: ctx.t1(
            "manage-protocol-caption",
            "network",
            m.network.name.as_str(),
        ),
        beyond: current > pages,
        first_href: href(1),
        pager,
    };
    let status = if page.beyond {
        StatusCode::NOT_FOUND
    } else {
        StatusCode::OK
    };
    html(&ctx, status, &page)
}
