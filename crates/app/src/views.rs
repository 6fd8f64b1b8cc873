//! What the pages show, gathered in as few queries as the page allows.

use std::collections::{BTreeMap, HashMap};

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
    /// Its cooperations with the partners' names (self excluded).
    pub cooperations: Vec<(Cooperation, Vec<Organization>)>,
    /// For a cooperation: its parts.
    pub parts: Vec<Organization>,
    /// Cooperations it is part of.
    pub part_of: Vec<Organization>,
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
    let mut networks: HashMap<Slug, Network> = HashMap::new();
    let mut with_networks = Vec::new();
    for WithId { value: m, .. } in memberships {
        if !networks.contains_key(&m.network) {
            let n = store.get_network(&m.network).await?;
            networks.insert(m.network.clone(), n);
        }
        if let Some(n) = networks.get(&m.network) {
            with_networks.push((m, n.clone()));
        }
    }
    let mut cooperations = Vec::new();
    for WithId { value: c, .. } in store.list_cooperations(Some(slug)).await? {
        let mut partners = Vec::new();
        for p in c.partners.iter().filter(|p| *p != slug) {
            partners.push(store.get_organization(p).await?);
        }
        cooperations.push((c, partners));
    }
    let mut parts = Vec::new();
    for p in &organization.parts {
        parts.push(store.get_organization(p).await?);
    }
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
    Ok(OrganizationPage {
        organization,
        memberships: with_networks,
        cooperations,
        parts,
        part_of,
    })
}

/// How long a cached view may be used without recomputing it: the bound on
/// staleness after a write by another process (a CLI import), as for the
/// web crate's page cache.
pub(crate) const VIEW_MAX_AGE: std::time::Duration = std::time::Duration::from_secs(5);

/// The overview and network pages as the store holds them, before any
/// reader's filter: the same for everyone, and the bulk of a page's time
/// (a 500-member network takes ~12 ms to load). Anonymous readers rarely get
/// here (the web crate keeps their rendered pages); signed-in readers do on
/// every request. Keys carry the write generation and the time slot, so an
/// entry never needs checking: a write or the next slot makes a new key.
pub(crate) struct ViewCache {
    overviews: quick_cache::sync::Cache<(u64, u64), std::sync::Arc<Vec<NetworkOverview>>>,
    network_pages: quick_cache::sync::Cache<(Slug, u64, u64), std::sync::Arc<NetworkPage>>,
    epoch: std::time::Instant,
}

impl Default for ViewCache {
    fn default() -> Self {
        ViewCache {
            overviews: quick_cache::sync::Cache::new(4),
            network_pages: quick_cache::sync::Cache::new(64),
            epoch: std::time::Instant::now(),
        }
    }
}

impl std::fmt::Debug for ViewCache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ViewCache")
            .field("overviews", &self.overviews.len())
            .field("network_pages", &self.network_pages.len())
            .finish()
    }
}

impl ViewCache {
    fn slot(&self) -> u64 {
        self.epoch.elapsed().as_secs() / VIEW_MAX_AGE.as_secs()
    }

    /// The overview of `generation`, computed by `load` on a miss (once,
    /// however many readers ask at the same time).
    pub(crate) async fn overview(
        &self,
        generation: u64,
        load: impl std::future::Future<Output = Result<Vec<NetworkOverview>, AppError>>,
    ) -> Result<std::sync::Arc<Vec<NetworkOverview>>, AppError> {
        self.overviews
            .get_or_insert_async(&(generation, self.slot()), async {
                load.await.map(std::sync::Arc::new)
            })
            .await
    }

    /// The page of network `slug`, as [`ViewCache::overview`].
    pub(crate) async fn network_page(
        &self,
        slug: &Slug,
        generation: u64,
        load: impl std::future::Future<Output = Result<NetworkPage, AppError>>,
    ) -> Result<std::sync::Arc<NetworkPage>, AppError> {
        self.network_pages
            .get_or_insert_async(&(slug.clone(), generation, self.slot()), async {
                load.await.map(std::sync::Arc::new)
            })
            .await
    }
}
