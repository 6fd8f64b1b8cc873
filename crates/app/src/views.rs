//! What the pages show, gathered in as few queries as the page allows.

use std::collections::{BTreeMap, HashMap};
use std::future::Future;
use std::sync::Arc;

use quick_cache::sync::Cache;

use knotenpunkt_domain::{
    Cohort, Cooperation, Membership, Network, Organization, Role, Slug, State,
};
use knotenpunkt_store::{MembershipFilter, OrgFilter, Page, Store, WithId};

use crate::{AppError, Growth, growth};

/// A network as the start page lists it.
#[derive(Debug, Clone)]
pub struct NetworkOverview {
    /// The network.
    pub network: Network,
    /// Its coordinator's display name.
    pub coordinator_name: Option<String>,
    /// Current members (partners excluded).
    pub members: u64,
}

/// A member as a network page lists it.
#[derive(Debug, Clone)]
pub struct MemberView {
    /// The organisation.
    pub organization: Organization,
    /// Its membership.
    pub membership: Membership,
}

/// Members of one cohort (or of none).
#[derive(Debug, Clone)]
pub struct CohortGroup {
    /// The cohort; `None` for members outside any cohort.
    pub cohort: Option<Cohort>,
    /// Current members, by name.
    pub members: Vec<MemberView>,
}

/// Everything a network's page shows.
#[derive(Debug, Clone)]
pub struct NetworkPage {
    /// The network.
    pub network: Network,
    /// The coordinating organisation.
    pub coordinator: Option<Organization>,
    /// Current members grouped by cohort, cohorts in order of their year.
    pub groups: Vec<CohortGroup>,
    /// Partners.
    pub partners: Vec<MemberView>,
    /// Members who left.
    pub former: Vec<MemberView>,
    /// Current members per state.
    pub states: BTreeMap<State, u32>,
    /// Size over time.
    pub growth: Growth,
    /// Current members in all.
    pub member_count: usize,
}

/// Everything an organisation's page shows.
#[derive(Debug, Clone)]
pub struct OrganizationPage {
    /// The organisation.
    pub organization: Organization,
    /// Its memberships with the networks' names.
    pub memberships: Vec<(Membership, Network)>,
    /// Its cooperations (with their ids) with the partners' names (self
    /// excluded).
    pub cooperations: Vec<(i64, Cooperation, Vec<Organization>)>,
    /// For a cooperation: its parts.
    pub parts: Vec<Organization>,
    /// Cooperations it is part of.
    pub part_of: Vec<Organization>,
    /// The cohorts its memberships name, so the page can show their names.
    pub cohorts: Vec<Cohort>,
}

pub(crate) async fn overview(store: &Store) -> Result<Vec<NetworkOverview>, AppError> {
    let networks = store.list_networks(None, Page::ALL).await?.items;
    let counts = store.current_member_counts().await?;
    let mut coordinators = store.coordinator_names().await?;
    Ok(networks
        .into_iter()
        .map(|n| NetworkOverview {
            members: counts.get(&n.slug).copied().unwrap_or(0),
            coordinator_name: coordinators.remove(&n.slug),
            network: n,
        })
        .collect())
}

pub(crate) async fn network_page(store: &Store, slug: &Slug) -> Result<NetworkPage, AppError> {
    let network = store.get_network(slug).await?;
    let coordinator = match &network.coordinator {
        Some(c) => Some(store.get_organization(c).await?),
        None => None,
    };
    let cohorts = store.list_cohorts(Some(slug)).await?;
    let memberships = store
        .list_memberships(
            &MembershipFilter {
                network: Some(slug.clone()),
                ..Default::default()
            },
            Page::ALL,
        )
        .await?
        .items;
    let orgs: HashMap<Slug, Organization> = store
        .list_organizations(
            &OrgFilter {
                network: Some(slug.clone()),
                ..Default::default()
            },
            Page::ALL,
        )
        .await?
        .items
        .into_iter()
        .map(|o| (o.slug.clone(), o))
        .collect();
    let plain: Vec<Membership> = memberships.iter().map(|m| m.value.clone()).collect();
    let growth = growth(&plain, &cohorts, &network.figures);

    let mut by_cohort: HashMap<Option<Slug>, Vec<MemberView>> = HashMap::new();
    let mut partners = Vec::new();
    let mut former = Vec::new();
    let mut states: BTreeMap<State, u32> = BTreeMap::new();
    let mut member_count = 0;
    // Memberships come ordered by organisation name, so groups stay sorted.
    for WithId { value: m, .. } in memberships {
        let Some(org) = orgs.get(&m.organization).cloned() else {
            continue;
        };
        let view = MemberView {
            organization: org,
            membership: m,
        };
        if view.membership.left_on.is_some() {
            former.push(view);
        } else if view.membership.role == Role::Partner {
            partners.push(view);
        } else {
            member_count += 1;
            for s in &view.organization.states {
                *states.entry(*s).or_default() += 1;
            }
            by_cohort
                .entry(view.membership.cohort.clone())
                .or_default()
                .push(view);
        }
    }
    let mut groups: Vec<CohortGroup> = cohorts
        .into_iter()
        .map(|c| CohortGroup {
            members: by_cohort.remove(&Some(c.slug.clone())).unwrap_or_default(),
            cohort: Some(c),
        })
        .collect();
    if let Some(members) = by_cohort.remove(&None) {
        groups.push(CohortGroup {
            cohort: None,
            members,
        });
    }
    Ok(NetworkPage {
        network,
        coordinator,
        groups,
        partners,
        former,
        states,
        growth,
        member_count,
    })
}

pub(crate) async fn organization_page(
    store: &Store,
    slug: &Slug,
) -> Result<OrganizationPage, AppError> {
    let organization = store.get_organization(slug).await?;
    let memberships = store
        .list_memberships(
            &MembershipFilter {
                organization: Some(slug.clone()),
                ..Default::default()
            },
            Page::ALL,
        )
        .await?
        .items;
    // Every network and every other organisation the page names, each kind
    // in one query: the page's cost does not grow with what it lists.
    let networks: HashMap<Slug, Network> = store
        .list_networks(None, Page::ALL)
        .await?
        .items
        .into_iter()
        .map(|n| (n.slug.clone(), n))
        .collect();
    let with_networks: Vec<(Membership, Network)> = memberships
        .into_iter()
        .filter_map(|WithId { value: m, .. }| {
            let n = networks.get(&m.network)?.clone();
            Some((m, n))
        })
        .collect();
    let cooperations = store.list_cooperations(Some(slug)).await?;
    let mut named: Vec<Slug> = organization.parts.clone();
    for c in &cooperations {
        named.extend(c.value.partners.iter().filter(|p| *p != slug).cloned());
    }
    named.sort();
    named.dedup();
    let orgs: HashMap<Slug, Organization> = store
        .organizations_named(&named)
        .await?
        .into_iter()
        .map(|o| (o.slug.clone(), o))
        .collect();
    let pick = |s: &Slug| orgs.get(s).cloned();
    let cooperations = cooperations
        .into_iter()
        .map(|WithId { id, value: c }| {
            let partners = c
                .partners
                .iter()
                .filter(|p| *p != slug)
                .filter_map(pick)
                .collect();
            (id, c, partners)
        })
        .collect();
    let parts = organization.parts.iter().filter_map(pick).collect();
    let part_of = store
        .list_organizations(
            &OrgFilter {
                containing: Some(slug.clone()),
                ..Default::default()
            },
            Page::ALL,
        )
        .await?
        .items;
    // All cohorts in one query; only those the memberships name are kept.
    let cohorts = store
        .list_cohorts(None)
        .await?
        .into_iter()
        .filter(|c| {
            with_networks.iter().any(|(m, _): &(Membership, Network)| {
                m.network == c.network && m.cohort.as_ref() == Some(&c.slug)
            })
        })
        .collect();
    Ok(OrganizationPage {
        organization,
        memberships: with_networks,
        cooperations,
        parts,
        part_of,
        cohorts,
    })
}

/// The views every reader shares, as the store holds them, before any
/// reader's filter: the same for everyone, and the bulk of a page's time
/// (a 500-member network takes ~12 ms to load). Anonymous readers rarely get
/// here (the web crate keeps their rendered pages); signed-in readers do on
/// every request. Keys carry the directory's change counter (see
/// [`crate::changes`]), so an entry never needs checking: a change anywhere,
/// through any process, makes a new key, and old ones age out of the
/// bounded caches.
pub(crate) struct ViewCache {
    overviews: Cache<i64, Arc<Vec<NetworkOverview>>>,
    network_pages: Cache<(Slug, i64), Arc<NetworkPage>>,
    organization_pages: Cache<(Slug, i64), Arc<OrganizationPage>>,
    networks: Cache<i64, Arc<Vec<Network>>>,
}

impl Default for ViewCache {
    fn default() -> Self {
        ViewCache {
            overviews: Cache::new(4),
            network_pages: Cache::new(64),
            organization_pages: Cache::new(256),
            networks: Cache::new(4),
        }
    }
}

impl std::fmt::Debug for ViewCache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ViewCache")
            .field("overviews", &self.overviews.len())
            .field("network_pages", &self.network_pages.len())
            .field("organization_pages", &self.organization_pages.len())
            .finish()
    }
}

type Loaded<T> = Result<Arc<T>, AppError>;

impl ViewCache {
    /// The overview of `generation`, computed by `load` on a miss (once,
    /// however many readers ask at the same time).
    pub(crate) async fn overview(
        &self,
        generation: i64,
        load: impl Future<Output = Result<Vec<NetworkOverview>, AppError>>,
    ) -> Loaded<Vec<NetworkOverview>> {
        self.overviews
            .get_or_insert_async(&generation, async { load.await.map(Arc::new) })
            .await
    }

    /// The page of network `slug`, as [`ViewCache::overview`].
    pub(crate) async fn network_page(
        &self,
        slug: &Slug,
        generation: i64,
        load: impl Future<Output = Result<NetworkPage, AppError>>,
    ) -> Loaded<NetworkPage> {
        self.network_pages
            .get_or_insert_async(&(slug.clone(), generation), async {
                load.await.map(Arc::new)
            })
            .await
    }

    /// The page of organisation `slug`, as [`ViewCache::overview`].
    pub(crate) async fn organization_page(
        &self,
        slug: &Slug,
        generation: i64,
        load: impl Future<Output = Result<OrganizationPage, AppError>>,
    ) -> Loaded<OrganizationPage> {
        self.organization_pages
            .get_or_insert_async(&(slug.clone(), generation), async {
                load.await.map(Arc::new)
            })
            .await
    }

    /// Every network, visible or not: what the readers' filters check
    /// against, as [`ViewCache::overview`].
    pub(crate) async fn networks(
        &self,
        generation: i64,
        load: impl Future<Output = Result<Vec<Network>, AppError>>,
    ) -> Loaded<Vec<Network>> {
        self.networks
            .get_or_insert_async(&generation, async { load.await.map(Arc::new) })
            .await
    }
}
