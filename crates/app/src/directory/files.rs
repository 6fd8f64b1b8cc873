//! The directory in files: import (all or nothing, every problem located
//! by file, line and field) and export (what the reader may see), with the
//! knowledge exchange's projects and experiences in the JSON form.

use knotenpunkt_access::Action;
use knotenpunkt_domain::{Invalid, Slug};
use knotenpunkt_store::{OrgFilter, Page, StoreError};
use tracing::info;

use super::Directory;
use crate::audit::AuditAction;
use crate::interchange::{
    ApplicationFileRecord, DirectoryFile, EventRecord, ExperienceRecord, GroupRecord, Table,
};
use crate::scope::Audit;
use crate::{AppError, ImportError};

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
    /// Projects added.
    pub projects: usize,
    /// Experiences added.
    pub experiences: usize,
    /// Working groups added.
    pub working_groups: usize,
    /// Funding calls added.
    pub funding_calls: usize,
    /// Joint applications added.
    pub applications: usize,
    /// Events added.
    pub events: usize,
    /// Meeting series added (demo data only; files carry none yet).
    pub series: usize,
}

type Result<T> = std::result::Result<T, AppError>;

impl Directory {
    /// Writes a whole directory file in one transaction: every entity is
    /// checked first, and on the first problem nothing is written.
    pub async fn import(&self, file: DirectoryFile) -> Result<ImportReport> {
        let today = self.scope.app.today();
        check_all(&file, today)?;
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
        self.scope.authorize(&Action::ManagePlatform)?;
        let mut w = self.scope.write().await?;
        let tx = w.tx();
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
        let mut cooperations = Vec::with_capacity(file.cooperations.len());
        for (i, c) in file.cooperations.iter().enumerate() {
            cooperations.push(
                tx.create_cooperation(c)
                    .await
                    .map_err(|e| located(Table::Cooperations, i, e))?,
            );
        }
        // Groups before everything that may be shared with one.
        for (i, g) in file.working_groups.iter().enumerate() {
            let exists = tx
                .working_groups(&g.network)
                .await
                .map_err(|e| located(Table::WorkingGroups, i, e))?
                .iter()
                .any(|x| x.group.slug == g.group.slug);
            if exists {
                return Err(located(
                    Table::WorkingGroups,
                    i,
                    StoreError::Conflict {
                        field: "slug".into(),
                        message: format!(
                            "network '{}' has a working group '{}' already",
                            g.network, g.group.slug
                        ),
                    },
                ));
            }
            tx.put_working_group(&g.network, &g.group)
                .await
                .map_err(|e| located(Table::WorkingGroups, i, e))?;
        }
        // Projects need their organisations, partners and networks; the
        // experiences after them may name a project of the same file.
        let at = self.scope.app.unix_now();
        for (i, p) in file.projects.iter().enumerate() {
            tx.create_project(p, at)
                .await
                .map_err(|e| located(Table::Projects, i, e))?;
        }
        for (i, r) in file.experiences.iter().enumerate() {
            tx.create_experience(&r.experience, None, r.author_name(), at)
                .await
                .map_err(|e| located(Table::Experiences, i, e))?;
        }
        for (i, c) in file.funding_calls.iter().enumerate() {
            tx.create_funding_call(c)
                .await
                .map_err(|e| located(Table::FundingCalls, i, e))?;
        }
        for (i, r) in file.applications.iter().enumerate() {
            let here = |e| located(Table::Applications, i, e);
            let mut a = r.application.clone();
            a.cooperation = in_database(&cooperations, a.cooperation).map_err(here)?;
            group_exists(&mut *tx, &a.network, &a.visibility, "visibility")
                .await
                .map_err(here)?;
            let steps = r.steps(today).unwrap_or_default();
            let Some((first, later)) = steps.split_first() else {
                continue;
            };
            tx.create_application(&a, first).await.map_err(here)?;
            for step in later {
                tx.update_application(&a.network, &a.slug, &a, Some(step))
                    .await
                    .map_err(here)?;
            }
            for task in &r.tasks {
                tx.create_application_task(&a.network, &a.slug, task)
                    .await
                    .map_err(here)?;
            }
        }
        for (i, r) in file.events.iter().enumerate() {
            let here = |e| located(Table::Events, i, e);
            group_exists(
                &mut *tx,
                &r.event.network,
                &r.event.registration,
                "registration",
            )
            .await
            .map_err(here)?;
            let mut e = r.event.clone();
            e.cooperation = in_database(&cooperations, e.cooperation).map_err(here)?;
            let id = tx.create_event(&e, at).await.map_err(here)?;
            if r.closed {
                tx.set_event_closed(id, true).await.map_err(here)?;
            }
        }
        let report = ImportReport {
            organizations: file.organizations.len(),
            networks: file.networks.len(),
            cohorts: file.cohorts.len(),
            memberships: file.memberships.len(),
            cooperations: file.cooperations.len(),
            projects: file.projects.len(),
            experiences: file.experiences.len(),
            working_groups: file.working_groups.len(),
            funding_calls: file.funding_calls.len(),
            applications: file.applications.len(),
            events: file.events.len(),
            series: 0,
        };
        w.commit(
            Audit::new(AuditAction::DirectoryImport, None, "import").detail(format!(
                "{} organisations, {} networks, {} cohorts, {} memberships, {} cooperations, {} projects, {} experiences, {} working groups, {} funding calls, {} applications, {} events",
                report.organizations,
                report.networks,
                report.cohorts,
                report.memberships,
                report.cooperations,
                report.projects,
                report.experiences,
                report.working_groups,
                report.funding_calls,
                report.applications,
                report.events
            )),
        )
        .await?;
        info!(?report, "import committed");
        Ok(report)
    }

    /// The directory as the reader sees it, in a stable order: everything
    /// for the CLI's unrestricted reader (a backup), only what is public
    /// for an anonymous one — networks its reader may not see leave with
    /// their cohorts, memberships, projects and experiences, and a project
    /// or experience leaves when its own visibility hides it from the
    /// reader (the rule of the knowledge pages).
    pub async fn export(&self) -> Result<DirectoryFile> {
        // One transaction gives a consistent snapshot on both backends.
        let mut tx = self.store().begin_read().await?;
        let cooperations = tx.list_cooperations().await?;
        let networks = tx.list_networks().await?;
        let mut working_groups = Vec::new();
        for n in &networks {
            for g in tx.working_groups(&n.slug).await? {
                working_groups.push(GroupRecord {
                    network: n.slug.clone(),
                    group: g.group,
                });
            }
        }
        let mut file = DirectoryFile {
            organizations: tx
                .list_organizations(&OrgFilter::default(), Page::ALL)
                .await?
                .items,
            networks,
            cohorts: tx.list_cohorts().await?,
            memberships: tx.list_memberships().await?,
            cooperations: cooperations.iter().map(|c| c.value.clone()).collect(),
            projects: tx
                .all_projects()
                .await?
                .into_iter()
                .map(|p| p.project)
                .collect(),
            experiences: tx
                .all_experiences()
                .await?
                .into_iter()
                .map(|e| ExperienceRecord {
                    experience: e.experience,
                    author: e.author_name,
                })
                .collect(),
            working_groups,
            funding_calls: tx.all_funding_calls().await?,
            applications: tx
                .all_applications()
                .await?
                .into_iter()
                .map(|r| ApplicationFileRecord {
                    tasks: r.tasks.iter().map(|t| t.task()).collect(),
                    history: r.history,
                    application: r.application,
                })
                .collect(),
            events: tx
                .all_events()
                .await?
                .into_iter()
                .map(|s| EventRecord {
                    event: s.event,
                    closed: s.closed,
                })
                .collect(),
            origins: Default::default(),
        };
        drop(tx);
        let hidden: std::collections::HashSet<Slug> = file
            .networks
            .iter()
            .filter(|n| !self.scope.sees_network(n))
            .map(|n| n.slug.clone())
            .collect();
        file.networks.retain(|n| !hidden.contains(&n.slug));
        file.cohorts.retain(|c| !hidden.contains(&c.network));
        file.memberships.retain(|m| !hidden.contains(&m.network));
        file.working_groups.retain(|g| !hidden.contains(&g.network));
        file.funding_calls.retain(|c| !hidden.contains(&c.network));
        let sees = |network: Option<&Slug>, visibility: &knotenpunkt_domain::Visibility| {
            network.is_none_or(|n| !hidden.contains(n)) && self.scope.sees_item(network, visibility)
        };
        file.projects
            .retain(|p| sees(p.network.as_ref(), &p.visibility));
        file.experiences
            .retain(|r| sees(r.experience.network.as_ref(), &r.experience.visibility));
        file.applications
            .retain(|r| sees(Some(&r.application.network), &r.application.visibility));
        file.events
            .retain(|r| sees(Some(&r.event.network), &r.event.registration));
        // An experience the reader sees may belong to a project they do not
        // (the pages then show it without one); the file does the same, so
        // that it still loads into an empty database.
        let projects: std::collections::HashSet<&Slug> = file
            .projects
            .iter()
            .filter_map(|p| p.slug.as_ref())
            .collect();
        let orphaned: Vec<usize> = file
            .experiences
            .iter()
            .enumerate()
            .filter(|(_, r)| {
                r.experience
                    .project
                    .as_ref()
                    .is_some_and(|p| !projects.contains(p))
            })
            .map(|(i, _)| i)
            .collect();
        for i in orphaned {
            file.experiences[i].experience.project = None;
        }
        file.sort();
        // A cooperation is named by its place in the sorted file.
        let place = |id: i64| -> Option<i64> {
            let c = &cooperations.iter().find(|c| c.id == id)?.value;
            let i = file.cooperations.iter().position(|x| x == c)?;
            i64::try_from(i + 1).ok()
        };
        let places: Vec<Option<i64>> = file
            .applications
            .iter()
            .map(|r| r.application.cooperation.and_then(place))
            .collect();
        for (r, p) in file.applications.iter_mut().zip(places) {
            r.application.cooperation = p;
        }
        let places: Vec<Option<i64>> = file
            .events
            .iter()
            .map(|r| r.event.cooperation.and_then(place))
            .collect();
        for (r, p) in file.events.iter_mut().zip(places) {
            r.event.cooperation = p;
        }
        Ok(file)
    }
}

/// The database id of the cooperation a file names by its place (1 for the
/// first of the file's `cooperations`).
fn in_database(
    created: &[i64],
    place: Option<i64>,
) -> std::result::Result<Option<i64>, StoreError> {
    let Some(place) = place else {
        return Ok(None);
    };
    usize::try_from(place - 1)
        .ok()
        .and_then(|i| created.get(i))
        .map(|id| Some(*id))
        .ok_or_else(|| StoreError::Conflict {
            field: "cooperation".into(),
            message: format!(
                "names cooperation {place} of the file, which lists {} (1 is the first)",
                created.len()
            ),
        })
}

/// A `group:<slug>` must name a group of the network (in the database or
/// earlier in the file): a misspelt one would hide the entry from all but
/// the coordinators.
async fn group_exists(
    tx: &mut knotenpunkt_store::Tx,
    network: &Slug,
    visibility: &knotenpunkt_domain::Visibility,
    field: &str,
) -> std::result::Result<(), StoreError> {
    if let knotenpunkt_domain::Visibility::Group(g) = visibility
        && !tx
            .working_groups(network)
            .await?
            .iter()
            .any(|x| &x.group.slug == g)
    {
        return Err(StoreError::Conflict {
            field: field.into(),
            message: format!("network '{network}' has no group '{g}'"),
        });
    }
    Ok(())
}
/// Runs every entity's own rules before anything touches the database.
fn check_all(
    file: &DirectoryFile,
    today: chrono::NaiveDate,
) -> std::result::Result<(), ImportError> {
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
        )
        .chain(file.projects.iter().enumerate().map(|(i, p)| {
            let problem = match p.slug {
                // The key other entries and later imports refer to; the
                // pages derive one from the title, a file names it.
                None => Some(("slug".to_owned(), "name the project's slug".to_owned())),
                Some(_) => first(p.validate()),
            };
            (Table::Projects, i, problem)
        }))
        .chain(file.experiences.iter().enumerate().map(|(i, r)| {
            (
                Table::Experiences,
                i,
                first(r.experience.validate()).or_else(|| check_author(&r.author)),
            )
        }))
        .chain(
            file.working_groups
                .iter()
                .enumerate()
                .map(|(i, g)| (Table::WorkingGroups, i, first(g.group.validate()))),
        )
        .chain(
            file.funding_calls
                .iter()
                .enumerate()
                .map(|(i, c)| (Table::FundingCalls, i, first(c.validate()))),
        )
        .chain(file.applications.iter().enumerate().map(|(i, r)| {
            let problem = first(r.application.validate())
                .or_else(|| r.steps(today).err())
                .or_else(|| r.check_tasks().err());
            (Table::Applications, i, problem)
        }))
        .chain(
            file.events
                .iter()
                .enumerate()
                .map(|(i, r)| (Table::Events, i, first(r.event.validate()))),
        );
    for (table, i, problem) in checks {
        if let Some((field, message)) = problem {
            return Err(file.error_at(table, i, Some(field), message));
        }
    }
    Ok(())
}

/// An author's name is shown like a person's name: not too long, no NUL.
fn check_author(author: &str) -> Option<(String, String)> {
    let max = knotenpunkt_domain::limits::MAX_NAME;
    if author.chars().count() > max {
        Some((
            "author".into(),
            format!("must be at most {max} characters long"),
        ))
    } else if author.contains('\0') {
        Some(("author".into(), "must not contain the NUL character".into()))
    } else {
        None
    }
}
