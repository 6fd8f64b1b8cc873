//! One organisation's page: what it is, the networks it belongs to, its
//! cooperations and parts, and its next turns as host.

use std::collections::HashMap;

use askama::Template;
use axum::response::Response;
use knotenpunkt_app::domain::{Cohort, Membership, Network, Slug};
use knotenpunkt_app::events::Events;
use knotenpunkt_app::funding::Funding;
use knotenpunkt_app::{Directory, Knowledge, Lounge};

use crate::auth::{Dir, Use};
use crate::pages::answer::{Answer, OrFail};
use crate::pages::cache::{Keep, Main};
use crate::pages::ctx::Ctx;
use crate::pages::extract::Params;
use crate::pages::funding::applications::{Row, rows};
use crate::pages::lounge::met;
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
    /// Its joint applications the reader sees.
    applications: Vec<Row>,
    /// Its events still to come that the reader sees: title, address,
    /// when.
    events: Vec<(String, String, String)>,
    partners: Vec<OrgLink>,
    topic: String,
    since: Option<DateView>,
    cadence: Option<String>,
    source: Option<String>,
}

#[derive(Template)]
#[template(path = "organization.html", blocks = ["content"])]
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
    /// Its projects and experiences the reader may see.
    projects: Vec<Shared>,
    experiences: Vec<Shared>,
}

/// A project or an experience in the organisation's lists.
struct Shared {
    title: String,
    href: String,
    meta: String,
}

/// GET /organisationen/{slug}
///
/// The section "whom we have met" ([`met`]) is rendered per request after
/// the kept main part: check-ins and rooms change no counter the kept part
/// is keyed by, so inside it the section would go stale.
// One extractor per area the page draws on; grouping them would hide which.
#[allow(clippy::too_many_arguments)]
pub(super) async fn page(
    Dir(dir): Dir,
    Use(lounge): Use<Lounge>,
    Use(knowledge): Use<Knowledge>,
    Use(funding): Use<Funding>,
    Use(events): Use<Events>,
    ctx: Ctx,
    keep: Keep,
    Params(slug): Params<Slug>,
) -> Answer {
    let after = met::section(&lounge, &dir, &ctx, &slug).await;
    keep.page_with(&ctx, &after, async || {
        main(&dir, &knowledge, &funding, &events, &ctx, &slug).await
    })
    .await
}

/// What the page shows below the site's header.
async fn main(
    dir: &Directory,
    knowledge: &Knowledge,
    funding: &Funding,
    events: &Events,
    ctx: &Ctx,
    slug: &Slug,
) -> Result<Main, Response> {
    let ctx = ctx.clone();
    let view = dir.organization_page(slug).await.or_fail(&ctx)?;
    let shared = knowledge.of_organization(slug).await.or_fail(&ctx)?;
    let cohorts: HashMap<(Slug, Slug), &Cohort> = view
        .cohorts
        .iter()
        .map(|c| ((c.network.clone(), c.slug.clone()), c))
        .collect();
    let turns = teaser::host_turns(dir, &ctx, slug).await.or_fail(&ctx)?;
    let ids: Vec<i64> = view.cooperations.iter().map(|(id, ..)| *id).collect();
    let pipeline = funding.cooperation_applications(&ids).await.or_fail(&ctx)?;
    let (application_rows, _) = rows(&ctx, &pipeline);
    let coming = events.cooperation_events(&ids).await.or_fail(&ctx)?;
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
            .map(|(id, c, partners)| CooperationView {
                name: c.name.clone(),
                applications: application_rows
                    .iter()
                    .zip(&pipeline.records)
                    .filter(|(_, r)| r.application.cooperation == Some(*id))
                    .map(|(row, _)| row.clone())
                    .collect(),
                events: coming
                    .iter()
                    .filter(|e| e.event.cooperation == Some(*id))
                    .map(|e| {
                        (
                            e.event.title.clone(),
                            ctx.href(&format!("/veranstaltungen/{}", e.id)),
                            crate::pages::events::when(&ctx, &e.event),
                        )
                    })
                    .collect(),
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
        edit_href: view
            .may_change
            .then(|| ctx.href(&format!("/organisationen/{slug}/bearbeiten"))),
        projects: shared
            .projects
            .iter()
            .map(|p| Shared {
                title: p.title.clone(),
                href: ctx.href(&format!("/projekte/{}", p.slug)),
                meta: if &p.owner.slug == slug {
                    ctx.status_name(p.status.code())
                } else {
                    ctx.t1("org-project-partner", "org", p.owner.name.as_str())
                },
            })
            .collect(),
        experiences: shared
            .experiences
            .iter()
            .map(|e| Shared {
                title: e.title.clone(),
                href: ctx.href(&format!("/erfahrungen/{}", e.id)),
                meta: ctx.outcome_name(e.outcome.code()),
            })
            .collect(),
    };
    Main::of(page.title.clone(), &page.as_content())
}

impl NetworkRow {
    fn new(
        ctx: &Ctx,
        m: &Membership,
        n: &Network,
        cohorts: &HashMap<(Slug, Slug), &Cohort>,
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
