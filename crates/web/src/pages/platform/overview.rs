//! The platform administration's start page: every network, the
//! organisations (a hundred at most, narrowed by a search) and the
//! cooperations, with links to their pages, forms and deletion pages.

use std::collections::HashMap;

use askama::Template;
use axum::extract::RawQuery;
use axum::http::StatusCode;
use axum::response::Response;
use knotenpunkt_app::domain::Visibility;
use knotenpunkt_app::{AppError, Directory, OrgFilter, Page as StorePage};

use super::admin::{Admin, BASE, NEW_COOPERATION, NEW_NETWORK, NEW_ORGANIZATION, crumbs};
use super::cooperation_form::edit_path;
use super::deletion::Kind;
use crate::pages::answer::{Answer, OrFail, html};
use crate::pages::ctx::Ctx;
use crate::pages::form::{DONE, optional};
use crate::pages::manage::frame::Section;
use crate::pages::query;
use crate::pages::ui::{Badge, Crumb};

/// Organisations listed on the overview at most; the search narrows them.
const ORG_LIMIT: u64 = 100;

struct NetworkRow {
    name: String,
    slug: String,
    href: String,
    manage_href: String,
    delete_href: String,
    visibility: String,
}

struct OrgRow {
    name: String,
    slug: String,
    href: String,
    edit_href: String,
    delete_href: String,
    kind: String,
    states: Vec<Badge>,
}

#[derive(Template)]
#[template(path = "platform/overview.html")]
struct OverviewPage<'a> {
    ctx: &'a Ctx,
    title: String,
    crumbs: Vec<Crumb>,
    networks: Vec<NetworkRow>,
    organizations: Vec<OrgRow>,
    /// "12 of 340 organisations", when the list is cut or filtered.
    org_count: String,
    search: String,
    search_action: String,
    new_network_href: String,
    new_organization_href: String,
    cooperations: Vec<CoopRow>,
    new_cooperation_href: String,
    /// The confirmation of a write that redirected here.
    done: Option<String>,
}

/// A cooperation on the overview, its partners by name.
struct CoopRow {
    name: String,
    edit_href: String,
    partners: Vec<(String, String)>,
}

/// GET /verwaltung
pub(super) async fn page(ctx: Ctx, Admin { dir, .. }: Admin, RawQuery(q): RawQuery) -> Answer {
    let search = query::parse(q.as_deref().unwrap_or(""))
        .into_iter()
        .find(|(k, _)| k == "q")
        .map(|(_, v)| v.trim().to_owned())
        .unwrap_or_default();
    let done = DONE.shown(&ctx, q.as_deref());
    render(&dir, &ctx, search, done).await.or_fail(&ctx)
}

fn visibility_name(ctx: &Ctx, vis: &Visibility) -> String {
    match vis {
        Visibility::Public => ctx.t("platform-visibility-public"),
        Visibility::Network => ctx.t("platform-visibility-network"),
        Visibility::Group(g) => ctx.t1("platform-visibility-group", "group", g.as_str()),
    }
}

async fn render(
    dir: &Directory,
    ctx: &Ctx,
    search: String,
    done: Option<String>,
) -> Result<Response, AppError> {
    let networks = dir.networks(None, StorePage::ALL).await?;
    let names: HashMap<String, String> = dir
        .organizations(&OrgFilter::default(), StorePage::ALL)
        .await?
        .items
        .into_iter()
        .map(|o| (o.slug.to_string(), o.name))
        .collect();
    let cooperations = dir
        .cooperations(None)
        .await?
        .into_iter()
        .map(|c| CoopRow {
            edit_href: ctx.href(&edit_path(c.id)),
            partners: c
                .value
                .partners
                .iter()
                .map(|p| {
                    let slug = p.to_string();
                    let name = names.get(&slug).cloned().unwrap_or_else(|| slug.clone());
                    (ctx.href(&format!("/organisationen/{slug}")), name)
                })
                .collect(),
            name: c.value.name,
        })
        .collect();
    let orgs = dir
        .organizations(
            &OrgFilter {
                q: optional(search.clone()),
                ..OrgFilter::default()
            },
            StorePage {
                limit: Some(ORG_LIMIT),
                offset: 0,
            },
        )
        .await?;
    let shown = orgs.items.len();
    let org_count = ctx.t2("platform-org-count", "shown", shown, "total", orgs.total);
    let page = OverviewPage {
        ctx,
        title: ctx.t("platform-heading"),
        crumbs: crumbs(ctx, None),
        networks: networks
            .items
            .iter()
            .map(|n| NetworkRow {
                name: n.name.clone(),
                slug: n.slug.to_string(),
                href: ctx.href(&format!("/netzwerke/{}", n.slug)),
                manage_href: ctx.href(&Section::Overview.path(&n.slug)),
                delete_href: ctx.href(&Kind::Network.path(n.slug.as_str())),
                visibility: visibility_name(ctx, &n.visibility),
            })
            .collect(),
        organizations: orgs
            .items
            .iter()
            .map(|o| OrgRow {
                name: o.name.clone(),
                slug: o.slug.to_string(),
                href: ctx.href(&format!("/organisationen/{}", o.slug)),
                edit_href: ctx.href(&format!("/organisationen/{}/bearbeiten", o.slug)),
                delete_href: ctx.href(&Kind::Organization.path(o.slug.as_str())),
                kind: ctx.kind_name(&o.kind),
                states: Badge::all(ctx, &o.states),
            })
            .collect(),
        org_count,
        search,
        search_action: ctx.href(BASE),
        new_network_href: ctx.href(NEW_NETWORK),
        new_organization_href: ctx.href(NEW_ORGANIZATION),
        cooperations,
        new_cooperation_href: ctx.href(NEW_COOPERATION),
        done,
    };
    Ok(html(ctx, StatusCode::OK, &page))
}
