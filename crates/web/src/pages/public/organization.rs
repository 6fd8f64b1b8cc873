//! One organisation's page: what it is, the networks it belongs to, its
//! cooperations and parts, and its next turns as host.

use std::collections::HashMap;

use askama::Template;
use axum::http::StatusCode;
use knotenpunkt_app::domain::{Cohort, Membership, Network, Slug};
use knotenpunkt_app::{AppError, Directory};

use crate::auth::Dir;
use crate::pages::answer::{Answer, OrFail, html};
use crate::pages::ctx::Ctx;
use crate::pages::extract::Params;
use crate::pages::meetings::teaser;
use crate::pages::ui::{Badge, DateView, MeetingRow, OrgLink, cohort_name};

struct NetworkRow {
    name: String,
    href: String,
    role: String,
    cohort: Option<String>,
    joined: Option<DateView>,
    left: Option<DateView>,
}

struct CooperationView {
    name: String,
    partners: Vec<OrgLink>,
    topic: String,
    since: Option<DateView>,
    cadence: Option<String>,
    source: Option<String>,
}

#[derive(Template)]
#[template(path = "organization.html")]
struct OrgPage<'a> {
    ctx: &'a Ctx,
    title: String,
    kind: String,
    states: Vec<Badge>,
    ags: Option<String>,
    population: Option<u64>,
    website: Option<String>,
    source: Option<String>,
    networks: Vec<NetworkRow>,
    cooperations: Vec<CooperationView>,
    parts: Vec<OrgLink>,
    part_of: Vec<OrgLink>,
    /// The next meetings it hosts.
    turns: Vec<MeetingRow>,
    /// The profile form, for those who may edit it.
    edit_href: Option<String>,
}

/// GET /organisationen/{slug}
pub(super) async fn page(Dir(dir): Dir, ctx: Ctx, Params(slug): Params<Slug>) -> Answer {
    let view = dir.organization_page(&slug).await.or_fail(&ctx)?;
    let cohorts = cohorts(&dir, &view.memberships).await.or_fail(&ctx)?;
    let turns = teaser::host_turns(&dir, &ctx, &slug).await.or_fail(&ctx)?;
    let o = &view.organization;
    let page = OrgPage {
        ctx: &ctx,
        title: o.name.clone(),
        kind: ctx.kind_name(&o.kind),
        states: Badge::all(&ctx, &o.states),
        ags: o.ags.as_ref().map(|a| a.to_string()),
        population: o.population,
        website: o.website.clone(),
        source: o.source.clone(),
        networks: view
            .memberships
            .iter()
            .map(|(m, n)| NetworkRow::new(&ctx, m, n, &cohorts))
            .collect(),
        cooperations: view
            .cooperations
            .iter()
            .map(|(c, partners)| CooperationView {
                name: c.name.clone(),
                partners: partners.iter().map(|p| OrgLink::new(&ctx, p)).collect(),
                topic: c.topic.clone(),
                since: c.since.as_ref().map(|d| DateView::new(&ctx, d)),
                cadence: c.cadence.clone(),
                source: c.source.clone(),
            })
            .collect(),
        parts: view.parts.iter().map(|p| OrgLink::new(&ctx, p)).collect(),
        part_of: view.part_of.iter().map(|p| OrgLink::new(&ctx, p)).collect(),
        turns,
        edit_href: dir
            .edits_organization(&slug)
            .then(|| ctx.href(&format!("/organisationen/{slug}/bearbeiten"))),
    };
    Ok(html(&ctx, StatusCode::OK, &page))
}

/// The cohorts of the networks whose memberships name one, by network and
/// slug: memberships name their cohort by slug, the page shows its name.
async fn cohorts(
    dir: &Directory,
    memberships: &[(Membership, Network)],
) -> Result<HashMap<(Slug, Slug), Cohort>, AppError> {
    let mut cohorts = HashMap::new();
    let mut networks_seen: Vec<&Slug> = Vec::new();
    for (m, _) in memberships {
        if m.cohort.is_none() || networks_seen.contains(&&m.network) {
            continue;
        }
        networks_seen.push(&m.network);
        for c in dir.cohorts(Some(&m.network)).await? {
            cohorts.insert((c.network.clone(), c.slug.clone()), c);
        }
    }
    Ok(cohorts)
}

impl NetworkRow {
    fn new(
        ctx: &Ctx,
        m: &Membership,
        n: &Network,
        cohorts: &HashMap<(Slug, Slug), Cohort>,
    ) -> NetworkRow {
        NetworkRow {
            name: n.name.clone(),
            href: ctx.href(&format!("/netzwerke/{}", n.slug)),
            role: ctx.role_name(&m.role),
            cohort: m.cohort.as_ref().map(|c| {
                cohorts
                    .get(&(m.network.clone(), c.clone()))
                    .map_or_else(|| c.to_string(), |k| cohort_name(ctx, k))
            }),
            joined: m.joined_on.as_ref().map(|d| DateView::new(ctx, d)),
            left: m.left_on.as_ref().map(|d| DateView::new(ctx, d)),
        }
    }
}
