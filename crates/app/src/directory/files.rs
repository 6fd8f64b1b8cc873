use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use knotenpunkt_domain::{Cohort, Cooperation, Invalid, Membership, Network, Organization, Slug};
use knotenpunkt_store::{Listed, MembershipFilter, OrgFilter, Page, Store, StoreError, WithId};
use tracing::info;

use crate::accounts::AccountSettings;
use crate::interchange::{DirectoryFile, Table};
use crate::views::{self, NetworkOverview, NetworkPage, OrganizationPage};
use crate::{AppError, ImportError};

/// The directory's use cases. Cheap to clone; every surface holds one.
#[derive(Debug, Clone)]
pub struct Directory {
    pub(crate) store: Store,
    /// Raised by every successful write through this process, so that
    /// caches of rendered pages know when they went stale.
    generation: Arc<AtomicU64>,
    /// Mail, links and lifetimes of accounts.
    pub(crate) accounts: Arc<AccountSettings>,
    /// Whose eyes reads go through; see [`crate::visibility`].
    pub(crate) reader: Arc<knotenpunkt_access::Actor>,
    /// The heavy reader-independent views, shared by every clone.
    views: Arc<views::ViewCache>,
}

/// What an import wrote.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ImportReport {
    /// Organisations added.
    pub organizations: usize,
    /// Networks added.
    pub networks: usize,
    /// Cohorts added.
    pub cohorts: usize,
    /// Memberships added.
    pub memberships: usize,
    /// Cooperations added.
    pub cooperations: usize,
    /// Meeting series added (demo data only; files carry none yet).
    pub series: usize,
}

type Result<T> = std::result::Result<T, AppError>;

impl Directory {
    /// Wraps a migrated store.
    pub fn new(store: Store) -> Self {
        Directory {
            store,
            generation: Arc::default(),
            accounts: Arc::default(),
            reader: Arc::new(knotenpunkt_access::Actor::anonymous()),
            views: Arc::default(),
        }
    }

    /// A number that changes whenever this process wrote to the directory.
    /// Writes by other processes (a CLI import, a second server) do not
    /// change it; caches must also expire by age.
    pub fn generation(&self) -> u64 {
        self.generation.load(Ordering::Acquire)
    }

    pub(crate) fn changed(&self) {
        self.generation.fetch_add(1, Ordering::AcqRel);
    }

    /// The store, for health checks and shutdown.
    pub fn store(&self) -> &Store {
        &self.store
    }

    // --- organisations -------------------------------------------------

    /// Organisations matching a filter.
    pub async fn organizations(
        &self,
        filter: &OrgFilter,
        page: Page,
    ) -> Result<Listed<Organization>> {
        // The members of a hidden network are not listed as such.
        if let Some(n) = &filter.network {
            self.visible_network(n).await?;
        }
        Ok(self.store.list_organizations(filter, page).await?)
    }

    /// One organisation.
    pub async fn organization(&self, slug: &Slug) -> Result<Organization> {
        Ok(self.store.get_organization(slug).await?)
    }

    /// Adds an organisation after checking it.
    pub async fn create_organization(&self, o: &Organization) -> Result<()> {
        o.validate()?;
        self.store.create_organization(o).await?;
        self.changed();
        Ok(())
    }

    /// Replaces an organisation after checking it.
    pub async fn update_organization(&self, slug: &Slug, o: &Organization) -> Result<()> {
        o.validate()?;
        self.store.update_organization(slug, o).await?;
        self.changed();
        Ok(())
    }

    /// Removes an organisation nothing refers to.
    pub async fn delete_organization(&self, slug: &Slug) -> Result<()> {
        self.store.delete_organization(slug).await?;
        self.changed();
        Ok(())
    }

    // --- networks --------------------------------------------------------

    /// Networks, optionally searched by name.
    pub async fn networks(&self, q: Option<&str>, page: Page) -> Result<Listed<Network>> {
        let hidden = self.hidden_networks().await?;
        if hidden.is_empty() {
            return Ok(self.store.list_networks(q, page).await?);
        }
        // Networks are few; filtering the whole list keeps totals honest.
        let all: Vec<Network> = self
            .store
            .list_networks(q, Page::ALL)
            .await?
            .items
            .into_iter()
            .filter(|n| !hidden.contains(&n.slug))
            .collect();
        Ok(slice(all, page))
    }

    /// One network.
    pub async fn network(&self, slug: &Slug) -> Result<Network> {
        self.visible_network(slug).await
    }

    /// Adds a network after checking it.
    pub async fn create_network(&self, n: &Network) -> Result<()> {
        n.validate()?;
        self.store.create_network(n).await?;
        self.changed();
        Ok(())
    }

    /// Replaces a network after checking it.
    pub async fn update_network(&self, slug: &Slug, n: &Network) -> Result<()> {
        n.validate()?;
        self.store.update_network(slug, n).await?;
        self.changed();
        Ok(())
    }

    /// Removes a network with its cohorts and memberships.
    pub async fn delete_network(&self, slug: &Slug) -> Result<()> {
        self.store.delete_network(slug).await?;
        self.changed();
        Ok(())
    }

    // --- cohorts ---------------------------------------------------------

    /// Cohorts of a network, or all.
    pub async fn cohorts(&self, network: Option<&Slug>) -> Result<Vec<Cohort>> {
        if let Some(n) = network {
            self.visible_network(n).await?;
        }
        let hidden = self.hidden_networks().await?;
        let mut all = self.store.list_cohorts(network).await?;
        all.retain(|c| !hidden.contains(&c.network));
        Ok(all)
    }

    /// One cohort.
    pub async fn cohort(&self, network: &Slug, slug: &Slug) -> Result<Cohort> {
        self.visible_network(network).await?;
        Ok(self.store.get_cohort(network, slug).await?)
    }

    /// Adds a cohort after checking it.
    pub async fn create_cohort(&self, c: &Cohort) -> Result<()> {
        c.validate()?;
        self.store.create_cohort(c).await?;
        self.changed();
        Ok(())
    }

    /// Replaces a cohort after checking it.
    pub async fn update_cohort(&self, network: &Slug, slug: &Slug, c: &Cohort) -> Result<()> {
        c.validate()?;
        self.store.update_cohort(network, slug, c).await?;
        self.changed();
        Ok(())
    }

    /// Removes a cohort without memberships.
    pub async fn delete_cohort(&self, network: &Slug, slug: &Slug) -> Result<()> {
        self.store.delete_cohort(network, slug).await?;
        self.changed();
        Ok(())
    }

    // --- memberships -----------------------------------------------------

    /// Memberships matching a filter.
    pub async fn memberships(
        &self,
        filter: &MembershipFilter,
        page: Page,
    ) -> Result<Listed<WithId<Membership>>> {
        if let Some(n) = &filter.network {
            self.visible_network(n).await?;
            return Ok(self.store.list_memberships(filter, page).await?);
        }
        let hidden = self.hidden_networks().await?;
        if hidden.is_empty() {
            return Ok(self.store.list_memberships(filter, page).await?);
        }
        let all: Vec<WithId<Membership>> = self
            .store
            .list_memberships(filter, Page::ALL)
            .await?
            .items
            .into_iter()
            .filter(|m| !hidden.contains(&m.value.network))
            .collect();
        Ok(slice(all, page))
    }

    /// One membership.
    pub async fn membership(&self, id: i64) -> Result<WithId<Membership>> {
        let m = self.store.get_membership(id).await?;
        self.visible_network(&m.value.network)
            .await
            .map_err(|_| AppError::NotFound {
                entity: "membership",
                key: id.to_string(),
            })?;
        Ok(m)
    }

    /// Adds a membership after checking it; returns its id.
    pub async fn create_membership(&self, m: &Membership) -> Result<i64> {
        m.validate()?;
        let id = self.store.create_membership(m).await?;
        self.changed();
        Ok(id)
    }

    /// Replaces a membership after checking it.
    pub async fn update_membership(&self, id: i64, m: &Membership) -> Result<()> {
        m.validate()?;
        self.store.update_membership(id, m).await?;
        self.changed();
        Ok(())
    }

    /// Removes a membership.
    pub async fn delete_membership(&self, id: i64) -> Result<()> {
        self.store.delete_membership(id).await?;
        self.changed();
        Ok(())
    }

    // --- cooperations ----------------------------------------------------

    /// Cooperations, all or of one organisation.
    pub async fn cooperations(
        &self,
        organization: Option<&Slug>,
    ) -> Result<Vec<WithId<Cooperation>>> {
        Ok(self.store.list_cooperations(organization).await?)
    }

    /// One cooperation.
    pub async fn cooperation(&self, id: i64) -> Result<WithId<Cooperation>> {
        Ok(self.store.get_cooperation(id).await?)
    }

    /// Adds a cooperation after checking it; returns its id.
    pub async fn create_cooperation(&self, c: &Cooperation) -> Result<i64> {
        c.validate()?;
        let id = self.store.create_cooperation(c).await?;
        self.changed();
        Ok(id)
    }

    /// Replaces a cooperation after checking it.
    pub async fn update_cooperation(&self, id: i64, c: &Cooperation) -> Result<()> {
        c.validate()?;
        self.store.update_cooperation(id, c).await?;
        self.changed();
        Ok(())
    }

    /// Removes a cooperation.
    pub async fn delete_cooperation(&self, id: i64) -> Result<()> {
        self.store.delete_cooperation(id).await?;
        self.changed();
        Ok(())
    }

    // --- pages -----------------------------------------------------------

    /// Everything the start page shows.
    pub async fn overview(&self) -> Result<Vec<NetworkOverview>> {
        let hidden = self.hidden_networks().await?;
        let all = self
            .views
            .overview(self.generation(), views::overview(&self.store))
            .await?;
        Ok(all
            .iter()
            .filter(|o| !hidden.contains(&o.network.slug))
            .cloned()
            .collect())
    }

    /// Everything a network's page shows.
    pub async fn network_page(&self, slug: &Slug) -> Result<NetworkPage> {
        self.visible_network(slug).await?;
        let page = self
            .views
            .network_page(
                slug,
                self.generation(),
                views::network_page(&self.store, slug),
            )
            .await?;
        Ok((*page).clone())
    }

    /// Everything an organisation's page shows; memberships in networks the
    /// reader may not see are left out.
    pub async fn organization_page(&self, slug: &Slug) -> Result<OrganizationPage> {
        let hidden = self.hidden_networks().await?;
        let mut page = views::organization_page(&self.store, slug).await?;
        page.memberships.retain(|(_, n)| !hidden.contains(&n.slug));
        Ok(page)
    }

    // --- files -------------------------------------------------------------

    /// Writes a whole directory file in one transaction: every entity is
    /// checked first, and on the first problem nothing is written.
    pub async fn import(&self, file: DirectoryFile) -> Result<ImportReport> {
        check_all(&file)?;
        let located = |table: Table, i: usize, e: StoreError| -> AppError {
            if !e.is_input_error() {
                return AppError::Internal(e);
            }
            let (field, message) = match e {
                StoreError::Conflict { field, message } => (Some(field), message),
                StoreError::UnknownReference { field, entity, key } => {
                    (Some(field), format!("{entity} '{key}' does not exist"))
                }
                other => (None, other.to_string()),
            };
            AppError::Import(file.error_at(table, i, field, message))
        };
        let mut tx = self.store.begin().await?;
        for (i, o) in file.organizations.iter().enumerate() {
            tx.create_organization_without_parts(o)
                .await
                .map_err(|e| located(Table::Organizations, i, e))?;
        }
        for (i, o) in file
            .organizations
            .iter()
            .enumerate()
            .filter(|(_, o)| !o.parts.is_empty())
        {
            tx.set_parts(o)
                .await
                .map_err(|e| located(Table::Organizations, i, e))?;
        }
        for (i, n) in file.networks.iter().enumerate() {
            tx.create_network(n)
                .await
                .map_err(|e| located(Table::Networks, i, e))?;
        }
        for (i, c) in file.cohorts.iter().enumerate() {
            tx.create_cohort(c)
                .await
                .map_err(|e| located(Table::Cohorts, i, e))?;
        }
        for (i, m) in file.memberships.iter().enumerate() {
            tx.create_membership(m)
                .await
                .map_err(|e| located(Table::Memberships, i, e))?;
        }
        for (i, c) in file.cooperations.iter().enumerate() {
            tx.create_cooperation(c)
                .await
                .map_err(|e| located(Table::Cooperations, i, e))?;
        }
        tx.commit().await?;
        self.changed();
        let report = ImportReport {
            organizations: file.organizations.len(),
            networks: file.networks.len(),
            cohorts: file.cohorts.len(),
            memberships: file.memberships.len(),
            cooperations: file.cooperations.len(),
            series: 0,
        };
        info!(?report, "import committed");
        Ok(report)
    }

    /// The directory as the reader sees it, in a stable order: everything
    /// for the CLI's unrestricted reader (a backup), only what is public
    /// for an anonymous one — networks its reader may not see leave with
    /// their cohorts and memberships.
    pub async fn export(&self) -> Result<DirectoryFile> {
        // One transaction gives a consistent snapshot on both backends.
        let mut tx = self.store.begin().await?;
        let mut file = DirectoryFile {
            organizations: tx
                .list_organizations(&OrgFilter::default(), Page::ALL)
                .await?
                .items,
            networks: tx.list_networks().await?,
            cohorts: tx.list_cohorts().await?,
            memberships: tx.list_memberships().await?,
            cooperations: tx.list_cooperations().await?,
            origins: Default::default(),
        };
        drop(tx);
        let hidden: std::collections::HashSet<Slug> = file
            .networks
            .iter()
            .filter(|n| !self.sees_network(n))
            .map(|n| n.slug.clone())
            .collect();
        file.networks.retain(|n| !hidden.contains(&n.slug));
        file.cohorts.retain(|c| !hidden.contains(&c.network));
        file.memberships.retain(|m| !hidden.contains(&m.network));
        file.sort();
        Ok(file)
    }
}

/// Runs every entity's own rules before anything touches the database.
fn check_all(file: &DirectoryFile) -> std::result::Result<(), ImportError> {
    fn first(r: std::result::Result<(), Invalid>) -> Option<(String, String)> {
        r.err()
            .and_then(|e| e.0.into_iter().next())
            .map(|f| (f.field, f.message))
    }
    let checks = file
        .organizations
        .iter()
        .enumerate()
        .map(|(i, o)| (Table::Organizations, i, first(o.validate())))
        .chain(
            file.networks
                .iter()
                .enumerate()
                .map(|(i, n)| (Table::Networks, i, first(n.validate()))),
        )
        .chain(
            file.cohorts
                .iter()
                .enumerate()
                .map(|(i, c)| (Table::Cohorts, i, first(c.validate()))),
        )
        .chain(
            file.memberships
                .iter()
                .enumerate()
                .map(|(i, m)| (Table::Memberships, i, first(m.validate()))),
        )
        .chain(
            file.cooperations
                .iter()
                .enumerate()
                .map(|(i, c)| (Table::Cooperations, i, first(c.validate()))),
        );
    for (table, i, problem) in checks {
        if let Some((field, message)) = problem {
            return Err(file.error_at(table, i, Some(field), message));
        }
    }
    Ok(())
}

/// One page of a list that was filtered in memory.
fn slice<T>(all: Vec<T>, page: Page) -> Listed<T> {
    let total = all.len() as u64;
    let items = all
        .into_iter()
        .skip(usize::try_from(page.offset).unwrap_or(usize::MAX))
        .take(
            page.limit
                .map_or(usize::MAX, |l| usize::try_from(l).unwrap_or(usize::MAX)),
        )
        .collect();
    Listed { items, total }
}
