//! Joint applications (gemeinsame Anträge): organisations of a network
//! prepare an application together, usually answering a recorded funding
//! call; its status moves from idea to decision, each step with its day, and
//! each partner takes on tasks with due dates.
//!
//! Who may do what, in the policy's words:
//! - read: whoever sees the network and the application's visibility
//!   (`network` or a group of it; applications are never public);
//! - record one: who may share for the lead organisation in the network
//!   (`Share`), or the network's coordinators (`ManageNetwork`);
//! - change, move its status, remove it: who moderates for the lead
//!   (`Moderate`: the lead's people and profile editors, the coordinators);
//! - a task: who moderates for the lead, or for the organisation that
//!   takes the task on — partners tick off their own tasks.

use std::collections::{BTreeSet, HashMap};

use knotenpunkt_access::Action;
use knotenpunkt_domain::{
    ApplicationRecord, ApplicationTask, FieldError, FundingCall, JointApplication, Slug,
    StatusStep, TaskRecord, Visibility,
};
use knotenpunkt_store::{ApplicationFilter, MembershipFilter, Page};

use super::{Funding, Result};
use crate::AppError;
use crate::audit::AuditAction;
use crate::knowledge::Named;
use crate::scope::Audit;

/// An application as its page shows it.
#[derive(Debug, Clone)]
pub struct ApplicationPage {
    /// The application with its history and tasks.
    pub record: ApplicationRecord,
    /// The call it answers, if any.
    pub call: Option<FundingCall>,
    /// Names of the organisations it names.
    pub names: HashMap<Slug, String>,
    /// Whether the reader may change it, move its status and remove it.
    pub may_change: bool,
    /// The organisations the reader may add tasks for (all taking part
    /// when they may change the application).
    pub tasks_for: Vec<Slug>,
}

/// A network's applications as its pages show them.
#[derive(Debug, Clone, Default)]
pub struct Pipeline {
    /// The applications the reader sees, the most recently moved first.
    pub records: Vec<ApplicationRecord>,
    /// Names of the organisations they name.
    pub names: HashMap<Slug, String>,
    /// Titles of the calls they answer.
    pub calls: HashMap<Slug, FundingCall>,
    /// Whether the reader may record an application in the network.
    pub may_apply: bool,
}

/// What the application form offers to choose from.
#[derive(Debug, Clone, Default)]
pub struct ApplicationOptions {
    /// The organisations the reader may record an application for: all
    /// of the network's for its coordinators, else their own.
    pub leads: Vec<Named>,
    /// The network's current members and partners, by name.
    pub organizations: Vec<Named>,
    /// Every call recorded for the network, by deadline.
    pub calls: Vec<FundingCall>,
    /// The network's groups.
    pub groups: Vec<Slug>,
}

fn invalid(field: &str, message: impl Into<String>) -> AppError {
    AppError::Invalid(vec![FieldError::new(field, message)])
}

impl Funding {
    /// The applications of `network` the reader sees. "Not found" for a
    /// network the reader may not see.
    pub async fn applications(&self, network: &Slug) -> Result<Vec<ApplicationRecord>> {
        self.scope.visible_network(network).await?;
        let all = self
            .scope
            .store()
            .list_applications(ApplicationFilter::Network(network))
            .await?;
        Ok(all.into_iter().filter(|r| self.sees(r)).collect())
    }

    /// The applications of `network` with the names and calls a page
    /// shows beside them.
    pub async fn pipeline(&self, network: &Slug) -> Result<Pipeline> {
        let records = self.applications(network).await?;
        let mut p = self.pipeline_of(records).await?;
        p.may_apply = self.apply_right(network).await.is_ok();
        Ok(p)
    }

    /// The applications that come from the cooperations `ids`, in the
    /// networks the reader sees, with names and calls.
    pub async fn cooperation_applications(&self, ids: &[i64]) -> Result<Pipeline> {
        let hidden = self.scope.hidden_networks().await?;
        let records = self
            .scope
            .store()
            .list_applications(ApplicationFilter::Cooperations(ids))
            .await?
            .into_iter()
            .filter(|r| !hidden.contains(&r.application.network) && self.sees(r))
            .collect();
        self.pipeline_of(records).await
    }

    async fn pipeline_of(&self, records: Vec<ApplicationRecord>) -> Result<Pipeline> {
        let names = self
            .names(records.iter().flat_map(|r| involved(&r.application)))
            .await?;
        let mut calls = HashMap::new();
        let networks: BTreeSet<&Slug> = records
            .iter()
            .filter(|r| r.application.call.is_some())
            .map(|r| &r.application.network)
            .collect();
        for n in networks {
            for c in self.scope.store().list_funding_calls(Some(n), None).await? {
                calls.insert(c.slug.clone(), c);
            }
        }
        Ok(Pipeline {
            records,
            names,
            calls,
            may_apply: false,
        })
    }

    /// One application. "Not found" when the reader may not see it.
    pub async fn application(&self, network: &Slug, slug: &Slug) -> Result<ApplicationRecord> {
        self.scope.visible_network(network).await?;
        let r = self.scope.store().get_application(network, slug).await?;
        if self.sees(&r) {
            Ok(r)
        } else {
            Err(AppError::NotFound {
                entity: "joint application",
                key: format!("{network}/{slug}"),
            })
        }
    }

    /// One application with what its page shows and what the reader may do.
    pub async fn application_page(&self, network: &Slug, slug: &Slug) -> Result<ApplicationPage> {
        let record = self.application(network, slug).await?;
        let a = &record.application;
        let call = match &a.call {
            Some(c) => Some(self.scope.store().get_funding_call(network, c).await?),
            None => None,
        };
        let names = self
            .names(involved(a).chain(record.tasks.iter().map(|t| t.organization.clone())))
            .await?;
        let may_change = self.moderates(a, &a.lead);
        let tasks_for = involved(a).filter(|o| self.moderates(a, o)).collect();
        Ok(ApplicationPage {
            record,
            call,
            names,
            may_change,
            tasks_for,
        })
    }

    /// What the application form of `network` offers the reader.
    pub async fn application_options(&self, network: &Slug) -> Result<ApplicationOptions> {
        self.scope.visible_network(network).await?;
        let store = self.scope.store();
        let filter = MembershipFilter {
            network: Some(network.clone()),
            ..Default::default()
        };
        let members: Vec<Slug> = store
            .list_memberships(&filter, Page::ALL)
            .await?
            .items
            .into_iter()
            .filter(|m| m.value.left_on.is_none())
            .map(|m| m.value.organization)
            .collect();
        let actor = self.scope.actor();
        let own: Vec<Slug> = actor
            .organization
            .iter()
            .chain(actor.editor_of.iter())
            .filter_map(|s| s.parse().ok())
            .collect();
        let names = self
            .names(members.iter().chain(own.iter()).cloned())
            .await?;
        let named = |s: &Slug| Named {
            slug: s.clone(),
            name: names.get(s).cloned().unwrap_or_else(|| s.to_string()),
        };
        let mut organizations: Vec<Named> = members.iter().map(named).collect();
        organizations.sort_by(|a, b| a.name.cmp(&b.name));
        organizations.dedup_by(|a, b| a.slug == b.slug);
        let leads = if self
            .scope
            .authorize(&Action::ManageNetwork(network.as_str()))
            .is_ok()
        {
            organizations.clone()
        } else {
            own.iter()
                .filter(|o| self.may_lead(network, o).is_ok())
                .map(named)
                .collect()
        };
        Ok(ApplicationOptions {
            leads,
            organizations,
            calls: store.list_funding_calls(Some(network), None).await?,
            groups: store
                .groups(network)
                .await?
                .into_iter()
                .map(|g| g.slug)
                .collect(),
        })
    }

    /// The form that records an application in `network`: what it offers,
    /// for those who may record one (asked before the form is shown or
    /// read).
    pub async fn application_form(&self, network: &Slug) -> Result<ApplicationOptions> {
        self.apply_right(network).await?;
        self.application_options(network).await
    }

    /// Whether the reader may record an application in `network`: its
    /// coordinators, and the people of an organisation who may share with
    /// it.
    async fn apply_right(&self, network: &Slug) -> Result<()> {
        self.scope.visible_network(network).await?;
        let manage = self
            .scope
            .authorize(&Action::ManageNetwork(network.as_str()));
        if manage.is_ok() {
            return Ok(());
        }
        let actor = self.scope.actor();
        let mut first = None;
        for o in actor.organization.iter().chain(actor.editor_of.iter()) {
            match self.scope.authorize(&Action::Share {
                organization: o,
                network: Some(network.as_str()),
            }) {
                Ok(()) => return Ok(()),
                Err(e) => {
                    first.get_or_insert(e);
                }
            }
        }
        Err(first.unwrap_or(manage.err().unwrap_or(AppError::NotFound {
            entity: "network",
            key: network.to_string(),
        })))
    }

    /// The application as stored, when the reader may change it (its
    /// edit form).
    pub async fn editable(&self, network: &Slug, slug: &Slug) -> Result<ApplicationRecord> {
        self.for_change(network, slug).await
    }

    /// The application whose task form the reader may use: they may add a
    /// task for some organisation taking part (asked before the form is
    /// read).
    pub async fn task_form(&self, network: &Slug, slug: &Slug) -> Result<ApplicationRecord> {
        self.signed_in()?;
        let r = self.application(network, slug).await?;
        let a = &r.application;
        if involved(a).any(|o| self.moderates(a, &o)) {
            Ok(r)
        } else {
            self.may_task(a, &a.lead).map(|()| r)
        }
    }

    /// Records an application in `network`. Its first step is its
    /// `status` on `status_on` (today when left out).
    pub async fn create_application(&self, network: &Slug, a: &JointApplication) -> Result<()> {
        self.scope.visible_network(network).await?;
        self.may_lead(network, &a.lead)?;
        same_network(network, a)?;
        a.validate()?;
        self.check_group(network, &a.visibility).await?;
        let today = self.scope.app.today();
        let step = StatusStep {
            status: a.status,
            on: a.status_on.unwrap_or(today),
        };
        step.check_after(None, today)?;
        let mut w = self.scope.write().await?;
        w.tx().create_application(a, &step).await?;
        w.commit(
            Audit::new(AuditAction::ApplicationCreate, Some(network), &a.slug).detail(&a.title),
        )
        .await
    }

    /// Replaces application `slug`: it keeps its slug and network. A
    /// `status` other than the current one adds a step on `status_on`
    /// (today when left out); with the same status, `status_on` is not
    /// read.
    pub async fn update_application(
        &self,
        network: &Slug,
        slug: &Slug,
        a: &JointApplication,
    ) -> Result<()> {
        let old = self.for_change(network, slug).await?;
        if a.lead != old.application.lead {
            self.may_lead(network, &a.lead)?;
        }
        same_network(network, a)?;
        if &a.slug != slug {
            return Err(invalid(
                "slug",
                format!("stays '{slug}', as in the address"),
            ));
        }
        a.validate()?;
        self.check_group(network, &a.visibility).await?;
        let today = self.scope.app.today();
        let step = (a.status != old.application.status).then(|| StatusStep {
            status: a.status,
            on: a.status_on.unwrap_or(today),
        });
        if let Some(step) = &step {
            step.check_after(old.history.last(), today)?;
        }
        let detail = match &step {
            Some(s) => format!(
                "{}: {} → {}",
                a.title,
                old.application.status.name_de(),
                s.status.name_de()
            ),
            None => a.title.clone(),
        };
        let mut w = self.scope.write().await?;
        w.tx()
            .update_application(network, slug, a, step.as_ref())
            .await?;
        w.commit(Audit::new(AuditAction::ApplicationUpdate, Some(network), slug).detail(detail))
            .await
    }

    /// Removes an application with its history and tasks.
    pub async fn delete_application(&self, network: &Slug, slug: &Slug) -> Result<()> {
        let old = self.for_change(network, slug).await?;
        let mut w = self.scope.write().await?;
        w.tx().delete_application(network, slug).await?;
        w.commit(
            Audit::new(AuditAction::ApplicationDelete, Some(network), slug)
                .detail(&old.application.title),
        )
        .await
    }

    /// Adds a task for an organisation taking part; answers its id.
    pub async fn add_task(
        &self,
        network: &Slug,
        slug: &Slug,
        task: &ApplicationTask,
    ) -> Result<i64> {
        self.signed_in()?;
        let r = self.application(network, slug).await?;
        self.may_task(&r.application, &task.organization)?;
        self.check_task(&r.application, task)?;
        let mut w = self.scope.write().await?;
        let id = w.tx().create_application_task(network, slug, task).await?;
        w.commit(
            Audit::new(
                AuditAction::ApplicationTaskCreate,
                Some(network),
                format!("{slug}/{id}"),
            )
            .detail(&task.title),
        )
        .await?;
        Ok(id)
    }

    /// Replaces task `id` (ticking it off is a change like any other).
    pub async fn update_task(
        &self,
        network: &Slug,
        slug: &Slug,
        id: i64,
        task: &ApplicationTask,
    ) -> Result<()> {
        self.signed_in()?;
        let r = self.application(network, slug).await?;
        let old = task_of(&r, network, slug, id)?;
        self.may_task(&r.application, &old.organization)?;
        if task.organization != old.organization {
            self.may_task(&r.application, &task.organization)?;
        }
        self.check_task(&r.application, task)?;
        let mut w = self.scope.write().await?;
        w.tx()
            .update_application_task(network, slug, id, task)
            .await?;
        w.commit(
            Audit::new(
                AuditAction::ApplicationTaskUpdate,
                Some(network),
                format!("{slug}/{id}"),
            )
            .detail(&task.title),
        )
        .await
    }

    /// Ticks task `id` off, or opens it again; the rest of it stays.
    pub async fn set_task_done(
        &self,
        network: &Slug,
        slug: &Slug,
        id: i64,
        done: bool,
    ) -> Result<()> {
        self.signed_in()?;
        let r = self.application(network, slug).await?;
        let mut task = task_of(&r, network, slug, id)?;
        task.done = done;
        self.update_task(network, slug, id, &task).await
    }

    /// Removes task `id`.
    pub async fn delete_task(&self, network: &Slug, slug: &Slug, id: i64) -> Result<()> {
        self.signed_in()?;
        let r = self.application(network, slug).await?;
        let old = task_of(&r, network, slug, id)?;
        self.may_task(&r.application, &old.organization)?;
        let mut w = self.scope.write().await?;
        w.tx().delete_application_task(network, slug, id).await?;
        w.commit(
            Audit::new(
                AuditAction::ApplicationTaskDelete,
                Some(network),
                format!("{slug}/{id}"),
            )
            .detail(&old.title),
        )
        .await
    }

    /// Writes need a person before anything is looked up: an anonymous
    /// visitor is asked to sign in, whether the application exists or not.
    fn signed_in(&self) -> Result<()> {
        if self.scope.actor().is_signed_in() {
            Ok(())
        } else {
            Err(AppError::Denied(knotenpunkt_access::Denial::SignIn))
        }
    }

    fn sees(&self, r: &ApplicationRecord) -> bool {
        self.scope
            .sees_item(Some(&r.application.network), &r.application.visibility)
    }

    /// Whether the reader moderates for `organization` within the
    /// application's network, or for its lead.
    fn moderates(&self, a: &JointApplication, organization: &Slug) -> bool {
        [&a.lead, organization].iter().any(|o| {
            self.scope
                .authorize(&Action::Moderate {
                    organization: o.as_str(),
                    network: Some(a.network.as_str()),
                })
                .is_ok()
        })
    }

    /// The policy's answer for a task of `organization`: the lead's
    /// moderators, or the organisation's own.
    fn may_task(&self, a: &JointApplication, organization: &Slug) -> Result<()> {
        if self.moderates(a, organization) {
            return Ok(());
        }
        // Asked again for the answer's kind (sign in, forbidden, read-only).
        self.scope.authorize(&Action::Moderate {
            organization: organization.as_str(),
            network: Some(a.network.as_str()),
        })
    }

    /// Who may record an application led by `lead`: who shares for the
    /// lead in the network, or its coordinators.
    fn may_lead(&self, network: &Slug, lead: &Slug) -> Result<()> {
        let share = self.scope.authorize(&Action::Share {
            organization: lead.as_str(),
            network: Some(network.as_str()),
        });
        if share.is_ok()
            || self
                .scope
                .authorize(&Action::ManageNetwork(network.as_str()))
                .is_ok()
        {
            Ok(())
        } else {
            share
        }
    }

    /// The application as stored, when the reader sees it and moderates for
    /// its lead.
    async fn for_change(&self, network: &Slug, slug: &Slug) -> Result<ApplicationRecord> {
        self.signed_in()?;
        let r = self.application(network, slug).await?;
        self.scope.authorize(&Action::Moderate {
            organization: r.application.lead.as_str(),
            network: Some(network.as_str()),
        })?;
        Ok(r)
    }

    fn check_task(&self, a: &JointApplication, task: &ApplicationTask) -> Result<()> {
        task.validate()?;
        if !a.involves(&task.organization) {
            return Err(invalid(
                "organization",
                format!(
                    "'{}' takes no part in application '{}'",
                    task.organization, a.slug
                ),
            ));
        }
        Ok(())
    }

    /// A group visibility must name a group of the network: a misspelt one
    /// would hide the application from everyone but the coordinators.
    async fn check_group(&self, network: &Slug, visibility: &Visibility) -> Result<()> {
        if let Visibility::Group(g) = visibility {
            let groups = self.scope.store().groups(network).await?;
            if !groups.iter().any(|x| &x.slug == g) {
                return Err(invalid(
                    "visibility",
                    format!("network '{network}' has no group '{g}'"),
                ));
            }
        }
        Ok(())
    }

    /// Names of `slugs`, in one statement.
    async fn names(&self, slugs: impl Iterator<Item = Slug>) -> Result<HashMap<Slug, String>> {
        let wanted: Vec<Slug> = slugs.collect::<BTreeSet<_>>().into_iter().collect();
        Ok(self
            .scope
            .store()
            .organizations_named(&wanted)
            .await?
            .into_iter()
            .map(|o| (o.slug, o.name))
            .collect())
    }
}

/// Lead first, then the partners.
fn involved(a: &JointApplication) -> impl Iterator<Item = Slug> + '_ {
    std::iter::once(a.lead.clone()).chain(a.partners.iter().cloned())
}

fn task_of(r: &ApplicationRecord, network: &Slug, slug: &Slug, id: i64) -> Result<ApplicationTask> {
    r.tasks
        .iter()
        .find(|t| t.id == id)
        .map(TaskRecord::task)
        .ok_or_else(|| AppError::NotFound {
            entity: "task",
            key: format!("{network}/{slug}/{id}"),
        })
}

/// An application sent to a network's address must belong to that network.
fn same_network(network: &Slug, a: &JointApplication) -> Result<()> {
    if &a.network == network {
        Ok(())
    } else {
        Err(invalid(
            "network",
            format!("must be '{network}' as in the address"),
        ))
    }
}
