//! The network's audit log, newest first, fifty entries a page.

use askama::Template;
use axum::extract::RawQuery;
use axum::http::StatusCode;
use knotenpunkt_app::Page as StorePage;
use knotenpunkt_app::store::AuditEntry;

use super::frame::{Frame, Section};
use super::managed::Managed;
use crate::pages::answer::{Answer, OrFail, html};
use crate::pages::ctx::Ctx;
use crate::pages::query;
use crate::pages::ui::{Pager, moment};

/// Entries per page.
const PAGE_SIZE: u64 = 50;

/// The message that names an audit action: `cohort.create` is
/// `manage-action-cohort-create`; a change through the API, recorded as
/// method and route (`PUT /api/v1/series/{series}/exceptions/{date}`), is
/// `manage-action-api-put-series-exceptions` (the route's fixed parts).
fn action_message(action: &str) -> String {
    match api_parts(action) {
        Some((method, route)) => {
            let mut id = format!("manage-action-api-{}", method.to_ascii_lowercase());
            for part in route
                .split('/')
                .filter(|p| !p.is_empty() && !p.starts_with('{'))
            {
                id.push('-');
                id.push_str(part);
            }
            id
        }
        None => format!("manage-action-{}", action.replace(['.', '_'], "-")),
    }
}

/// Method and route below `/api/v1` of an action recorded by the API.
fn api_parts(action: &str) -> Option<(&str, &str)> {
    let (method, path) = action.split_once(' ')?;
    let route = path.strip_prefix("/api/v1/")?;
    method
        .chars()
        .all(|c| c.is_ascii_uppercase())
        .then_some((method, route))
}

/// An audit action in words. One this version has no name for (written by
/// a newer one, say) still reads as a sentence: "Über die API geändert:
/// PUT /api/v1/…" or "Sonstige Änderung (code)".
pub(crate) fn action_label(ctx: &Ctx, action: &str) -> String {
    let id = action_message(action);
    if ctx.has(&id) {
        return ctx.t(&id);
    }
    match api_parts(action) {
        Some((method, _)) => {
            let fallback = match method {
                "POST" => "manage-action-api-created",
                "DELETE" => "manage-action-api-deleted",
                _ => "manage-action-api-changed",
            };
            ctx.t1(fallback, "route", action)
        }
        None => ctx.t1("manage-action-other", "code", action),
    }
}

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
        let action = action_label(ctx, &e.action);
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

/// GET /netzwerke/{slug}/verwaltung/protokoll
pub(super) async fn page(ctx: Ctx, m: Managed, RawQuery(q): RawQuery) -> Answer {
    // An unreadable page number shows the first page rather than an error:
    // the pager only ever links to valid ones.
    let current = query::parse(q.as_deref().unwrap_or(""))
        .into_iter()
        .find(|(k, _)| k == "seite")
        .and_then(|(_, v)| v.parse::<u64>().ok())
        .filter(|p| (1..=u64::MAX / PAGE_SIZE).contains(p))
        .unwrap_or(1);
    let log = m
        .admin
        .audit_log(
            Some(&m.slug),
            StorePage {
                limit: Some(PAGE_SIZE),
                offset: (current - 1) * PAGE_SIZE,
            },
        )
        .await
        .or_fail(&ctx)?;
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
    Ok(html(&ctx, status, &page))
}

#[cfg(test)]
mod tests {
    use knotenpunkt_app::{AuditAction, api_action};

    use super::*;

    /// Every action the code can record: the closed list of the app and
    /// every changing route of the API (the audit middleware records each
    /// under its method and route).
    fn every_recorded_action() -> Vec<String> {
        let mut all: Vec<String> = AuditAction::ALL
            .iter()
            .map(|a| a.code().to_owned())
            .collect();
        let doc = crate::api::openapi();
        for (route, item) in &doc.paths.paths {
            for (method, op) in [
                ("POST", &item.post),
                ("PUT", &item.put),
                ("PATCH", &item.patch),
                ("DELETE", &item.delete),
            ] {
                if op.is_some() {
                    all.push(api_action(method, route));
                }
            }
        }
        all
    }

    #[test]
    fn every_recorded_action_has_a_name_in_both_catalogues() {
        let all = every_recorded_action();
        assert!(all.len() > 40, "{all:?}");
        assert!(all.contains(&"PUT /api/v1/series/{series}/exceptions/{date}".to_owned()));
        let mut ids = std::collections::BTreeSet::new();
        for lang in ["", "lang=en"] {
            let ctx = Ctx::new("/", lang, None);
            for action in &all {
                let id = action_message(action);
                for l in [crate::i18n::Lang::De, crate::i18n::Lang::En] {
                    assert!(
                        l.has_own(&id),
                        "{action} ({id}) has no name in {}.ftl",
                        l.code()
                    );
                }
                let label = action_label(&ctx, action);
                assert!(!label.starts_with("manage-"), "{action}: {label}");
                assert_ne!(&label, action);
                ids.insert(id);
            }
        }
        // Two actions never share a name by accident.
        assert_eq!(ids.len(), all.len());
    }

    #[test]
    fn names_of_actions() {
        let de = Ctx::new("/", "", None);
        let en = Ctx::new("/", "lang=en", None);
        assert_eq!(
            action_label(&de, "network.update"),
            "Netzwerk-Einstellungen geändert"
        );
        assert_eq!(
            action_label(&en, "network.update"),
            "Network settings changed"
        );
        assert_eq!(
            action_label(&de, "organization.editor.grant"),
            "Bearbeitungsrecht für ein Profil gegeben"
        );
        assert_eq!(
            action_label(&de, "POST /api/v1/networks/{network}/cohorts"),
            "Staffel über die API angelegt"
        );
        // Unknown ones still read as a sentence.
        assert_eq!(
            action_label(&de, "PUT /api/v1/widgets/{widget}"),
            "Über die API geändert: PUT /api/v1/widgets/{widget}"
        );
        assert_eq!(
            action_label(&en, "DELETE /api/v1/widgets/{widget}"),
            "Deleted through the API: DELETE /api/v1/widgets/{widget}"
        );
        assert_eq!(
            action_label(&de, "widget.frobnicate"),
            "Sonstige Änderung (widget.frobnicate)"
        );
        assert_eq!(
            action_label(&en, "widget.frobnicate"),
            "Other change (widget.frobnicate)"
        );
    }
}
