//! A network's management by its coordinators (and platform admins):
//! members, cohorts, meeting series, invitations, roles, named groups and
//! the audit log, under `/netzwerke/{slug}/verwaltung`.
//!
//! Every handler asks [`knotenpunkt_app::Directory::may_manage_network`]
//! before it reads or writes anything, so whoever may not manage the
//! network gets what the gate says (sign in, 403, or 404 for a network they
//! cannot see). Writes follow Post/Redirect/Get: a success answers 303 to
//! the section's page with a flag that shows a short confirmation; invalid
//! input renders the form again with 422, each message next to its field
//! and in a summary above the form, the input kept. Each write is recorded
//! in the network's audit log; the use cases that record themselves
//! (invitations, roles) are not recorded twice.

mod cohorts;
mod groups;
mod invitations;
mod members;
mod protocol;
mod roles;
mod series;

use askama::Template;
use axum::extract::{Path, RawQuery, State};
use axum::http::StatusCode;
use axum::response::Response;
use knotenpunkt_app::domain::{Network, Slug};
use knotenpunkt_app::{
    AppError, Directory, MembershipFilter, Page as StorePage, SeriesFilter, now,
};

use super::{Ctx, error_page, failure, html};
use crate::AppState;
use crate::auth::Viewer;
use crate::pages::form::DONE;
use crate::routes::Routes;

/// The management routes.
pub(super) fn router() -> Routes {
    const BASE: &str = "/netzwerke/{slug}/verwaltung";
    let r = |tail: &str| format!("{BASE}{tail}");
    Routes::new()
        .get(BASE, overview)
        .get_post(&r("/mitglieder"), members::page, members::add)
        .get_post(&r("/mitglieder/{id}"), members::edit, members::update)
        .post(&r("/mitglieder/{id}/entfernen"), members::remove)
        .get_post(&r("/staffeln"), cohorts::page, cohorts::add)
        .get_post(&r("/staffeln/{cohort}"), cohorts::edit, cohorts::update)
        .post(&r("/staffeln/{cohort}/loeschen"), cohorts::delete)
        .get_post(&r("/reihen"), series::list, series::create)
        .get_post(&r("/reihen/{series}"), series::edit, series::update)
        .post(&r("/reihen/{series}/loeschen"), series::delete)
        .post(&r("/reihen/{series}/termin"), series::exception)
        .post(
            &r("/reihen/{series}/termin/{date}/zuruecknehmen"),
            series::undo,
        )
        .get_post(&r("/einladungen"), invitations::page, invitations::send)
        .get(&r("/rollen"), roles::page)
        .post(&r("/rollen/{person}"), roles::set)
        .get_post(&r("/gruppen"), groups::page, groups::create)
        .get_post(&r("/gruppen/{group}"), groups::edit, groups::update)
        .get(&r("/protokoll"), protocol::page)
}

// --- the frame every management page shares ------------------------------------

/// The parts of the management, in the order of the sub-navigation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Section {
    Overview,
    Members,
    Cohorts,
    Series,
    Invitations,
    Roles,
    Groups,
    Protocol,
}

impl Section {
    const ALL: [Section; 8] = [
        Section::Overview,
        Section::Members,
        Section::Cohorts,
        Section::Series,
        Section::Invitations,
        Section::Roles,
        Section::Groups,
        Section::Protocol,
    ];

    fn tail(self) -> &'static str {
        match self {
            Section::Overview => "",
            Section::Members => "/mitglieder",
            Section::Cohorts => "/staffeln",
            Section::Series => "/reihen",
            Section::Invitations => "/einladungen",
            Section::Roles => "/rollen",
            Section::Groups => "/gruppen",
            Section::Protocol => "/protokoll",
        }
    }

    fn key(self) -> &'static str {
        match self {
            Section::Overview => "overview",
            Section::Members => "members",
            Section::Cohorts => "cohorts",
            Section::Series => "series",
            Section::Invitations => "invitations",
            Section::Roles => "roles",
            Section::Groups => "groups",
            Section::Protocol => "protocol",
        }
    }

    /// The section's address (without language).
    pub(super) fn path(self, network: &Slug) -> String {
        format!("/netzwerke/{network}/verwaltung{}", self.tail())
    }
}

/// An entry of the management's sub-navigation.
pub(crate) struct NavItem {
    pub(crate) text: String,
    pub(crate) href: String,
    pub(crate) current: bool,
}

/// Heading, breadcrumb, sub-navigation and confirmation of a page.
pub(crate) struct Frame {
    pub(crate) heading: String,
    pub(crate) network: String,
    pub(crate) crumbs: Vec<Crumb>,
    pub(crate) nav: Vec<NavItem>,
    pub(crate) done: Option<String>,
}

impl Frame {
    pub(super) fn new(ctx: &Ctx, m: &Managed, section: Section, raw_query: Option<&str>) -> Frame {
        let manage = Section::Overview.path(&m.slug);
        let mut crumbs = vec![
            Crumb {
                text: ctx.t("nav-networks"),
                href: Some(ctx.href("/netzwerke")),
            },
            Crumb {
                text: m.network.name.clone(),
                href: Some(ctx.href(&format!("/netzwerke/{}", m.slug))),
            },
        ];
        if section == Section::Overview {
            crumbs.push(Crumb {
                text: ctx.t("manage-nav-overview"),
                href: None,
            });
        } else {
            crumbs.push(Crumb {
                text: ctx.t("manage-nav-overview"),
                href: Some(ctx.href(&manage)),
            });
            crumbs.push(Crumb {
                text: ctx.t(&format!("manage-nav-{}", section.key())),
                href: None,
            });
        }
        let nav = Section::ALL
            .iter()
            .map(|s| NavItem {
                text: ctx.t(&format!("manage-nav-{}", s.key())),
                href: ctx.href(&s.path(&m.slug)),
                current: *s == section,
            })
            .collect();
        let done = confirmation(ctx, raw_query);
        Frame {
            heading: ctx.t1(
                &format!("manage-heading-{}", section.key()),
                "network",
                m.network.name.as_str(),
            ),
            network: m.network.name.clone(),
            crumbs,
            nav,
            done,
        }
    }

    /// The frame of a page about one thing within a section (a member, a
    /// cohort, a group): its own heading, and the section in the trail.
    pub(super) fn item(
        ctx: &Ctx,
        m: &Managed,
        section: Section,
        raw_query: Option<&str>,
        heading: String,
        leaf: &str,
    ) -> Frame {
        let mut frame = Frame::new(ctx, m, section, raw_query);
        frame.heading = heading;
        if let Some(last) = frame.crumbs.last_mut() {
            last.href = Some(ctx.href(&section.path(&m.slug)));
        }
        frame.crumbs.push(Crumb {
            text: leaf.to_owned(),
            href: None,
        });
        frame
    }

    /// The page's `<title>`.
    pub(super) fn title(&self) -> String {
        self.heading.clone()
    }
}

/// The network a management request is about, once the gate let it through.
pub(super) struct Managed {
    pub(super) slug: Slug,
    pub(super) network: Network,
    /// The directory read with the viewer's eyes: a coordinator sees their
    /// network and its series even where an outsider would not.
    pub(super) dir: Directory,
}

/// Lets the request through when the viewer may manage the network; else
/// the answer: 404 for a malformed or hidden network, the sign-in page
/// (back to `section` afterwards) for anonymous visitors, 403 for others.
pub(super) async fn gate(
    s: &AppState,
    ctx: &Ctx,
    v: &Viewer,
    raw: &str,
    section: Section,
) -> Result<Managed, Response> {
    gate_at(s, ctx, v, raw, section, "").await
}

/// [`gate`] for a page within a section (`tail` after the section's
/// address, e.g. `/42`), where a visitor who signs in comes back to.
pub(super) async fn gate_at(
    s: &AppState,
    ctx: &Ctx,
    v: &Viewer,
    raw: &str,
    section: Section,
    tail: &str,
) -> Result<Managed, Response> {
    let Ok(slug) = raw.parse::<Slug>() else {
        return Err(error_page(ctx, StatusCode::NOT_FOUND));
    };
    let dir = s.dir.for_actor(&v.actor);
    if let Err(e) = dir.may_manage_network(&v.actor, &slug).await {
        return Err(refused(ctx, e, &format!("{}{tail}", section.path(&slug))));
    }
    match dir.network(&slug).await {
        Ok(network) => Ok(Managed { slug, network, dir }),
        Err(e) => Err(failure(ctx, e)),
    }
}

/// The 303 after a successful write: back to `path` with a confirmation.
pub(super) fn done(ctx: &Ctx, path: &str, what: &'static str) -> Response {
    DONE.done(ctx, path, what)
}

/// The confirmation a redirect asked for with its flag, if it is a known one.
pub(super) fn confirmation(ctx: &Ctx, raw_query: Option<&str>) -> Option<String> {
    DONE.shown(ctx, raw_query)
}

pub(crate) use crate::pages::form::{
    Control, FormData, Opt, OptGroup, Problem, Rejected, SummaryItem, optional, options, refused,
    required, slug_field, too_long, website,
};
pub(crate) use crate::pages::ui::{Crumb, moment};

/// Longest name accepted (the domain's limit).
pub(super) const MAX_NAME: usize = 200;
/// Longest description or source accepted on the forms.
pub(super) const MAX_TEXT: usize = 5000;
/// Longest web address the domain accepts.
pub(super) const MAX_URL: usize = 500;

// --- the overview -------------------------------------------------------------------

/// A card of the overview: a section with a figure.
struct Card {
    heading: String,
    href: String,
    text: String,
    figure: String,
}

#[derive(Template)]
#[template(path = "manage/overview.html")]
struct OverviewPage<'a> {
    ctx: &'a Ctx,
    title: String,
    frame: Frame,
    network_href: String,
    cards: Vec<Card>,
    log_rows: Vec<protocol::Row>,
    log_caption: String,
    protocol_href: String,
    settings_href: String,
}

async fn overview(
    State(s): State<AppState>,
    ctx: Ctx,
    v: Viewer,
    Path(slug): Path<String>,
    RawQuery(q): RawQuery,
) -> Response {
    let m = match gate(&s, &ctx, &v, &slug, Section::Overview).await {
        Ok(m) => m,
        Err(r) => return r,
    };
    match overview_page(&ctx, &v, &m, q.as_deref()).await {
        Ok(r) => r,
        Err(e) => failure(&ctx, e),
    }
}

async fn overview_page(
    ctx: &Ctx,
    v: &Viewer,
    m: &Managed,
    q: Option<&str>,
) -> Result<Response, AppError> {
    let dir = &m.dir;
    let members = dir
        .memberships(
            &MembershipFilter {
                network: Some(m.slug.clone()),
                ..MembershipFilter::default()
            },
            StorePage::ALL,
        )
        .await?
        .items
        .iter()
        .filter(|w| w.value.left_on.is_none())
        .count();
    let cohorts = dir.cohorts(Some(&m.slug)).await?.len();
    let series = dir
        .series_list(&SeriesFilter {
            network: Some(m.slug.clone()),
            ..SeriesFilter::default()
        })
        .await?
        .len();
    let t = now();
    let open = dir
        .invitations(&v.actor, Some(&m.slug))
        .await?
        .iter()
        .filter(|i| i.used_at.is_none() && i.expires_at > t)
        .count();
    let people = dir.network_people(&v.actor, &m.slug).await?.len();
    let groups = dir.groups(&v.actor, &m.slug).await?.len();
    let log = dir
        .audit_log(
            &v.actor,
            Some(&m.slug),
            StorePage {
                limit: Some(5),
                offset: 0,
            },
        )
        .await?;
    let card = |section: Section, figure: String| Card {
        heading: ctx.t(&format!("manage-nav-{}", section.key())),
        href: ctx.href(&section.path(&m.slug)),
        text: ctx.t(&format!("manage-card-{}", section.key())),
        figure,
    };
    let cards = vec![
        card(
            Section::Members,
            ctx.t1("manage-figure-members", "count", members),
        ),
        card(
            Section::Cohorts,
            ctx.t1("manage-figure-cohorts", "count", cohorts),
        ),
        card(
            Section::Series,
            ctx.t1("manage-figure-series", "count", series),
        ),
        card(
            Section::Invitations,
            ctx.t1("manage-figure-invitations", "count", open),
        ),
        card(
            Section::Roles,
            ctx.t1("manage-figure-people", "count", people),
        ),
        card(
            Section::Groups,
            ctx.t1("manage-figure-groups", "count", groups),
        ),
        card(
            Section::Protocol,
            ctx.t1("manage-figure-entries", "count", log.total),
        ),
    ];
    let frame = Frame::new(ctx, m, Section::Overview, q);
    let page = OverviewPage {
        ctx,
        title: frame.title(),
        frame,
        network_href: ctx.href(&format!("/netzwerke/{}", m.slug)),
        cards,
        log_caption: ctx.t("manage-recent-heading"),
        log_rows: log
            .items
            .iter()
            .map(|e| protocol::Row::new(ctx, e))
            .collect(),
        protocol_href: ctx.href(&Section::Protocol.path(&m.slug)),
        settings_href: ctx.href(&format!(
            "{}/einstellungen",
            Section::Overview.path(&m.slug)
        )),
    };
    Ok(html(ctx, StatusCode::OK, &page))
}
