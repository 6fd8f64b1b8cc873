//! The knowledge exchange as use cases: projects, experiences (lessons
//! learned), and the comments and follow-up questions on experiences.
//!
//! Reads answer with the reader's eyes: an experience shared with a network
//! or a group does not exist for anyone else, in lists, counts, pages and
//! errors alike (the same `See` rule as agenda points, plus the network's
//! own visibility). Writes follow the cohorts' four steps (ask the policy,
//! check, write, commit with the audit entry): the people of an
//! organisation and its profile editors share for it (`Share`); they and
//! the coordinators of the network it is shared with change and remove it
//! (`Moderate`); whoever may read an experience may comment on it
//! (`Comment`), and the authors' organisation is told by mail.
//!
//! `writes.rs` holds the writes, `comments.rs` the comments and their mail;
//! this file the reads and what they give.

mod comments;
mod writes;

use std::collections::{BTreeSet, HashMap, HashSet};

use knotenpunkt_access::Actor;
use knotenpunkt_domain::{
    Experience, FieldOfAction, Language, Outcome, Project, ProjectStatus, Slug, Visibility,
};
use knotenpunkt_store::{Counters, StoredComment, StoredExperience, StoredProject};
use serde::Serialize;

use crate::scope::Scope;
use crate::{App, AppError, Service};

type Result<T> = std::result::Result<T, AppError>;

/// The knowledge exchange's use cases for one actor. Cheap to clone.
#[derive(Debug, Clone)]
pub struct Knowledge {
    scope: Scope,
}

impl Service for Knowledge {
    fn for_actor(app: &App, actor: &Actor, counters: Option<Counters>) -> Self {
        Knowledge {
            scope: app.scope(actor, counters),
        }
    }
}

impl App {
    /// Projects and experiences for `actor`.
    pub fn knowledge(&self, actor: &Actor) -> Knowledge {
        Knowledge::for_actor(self, actor, None)
    }
}

/// An organisation as a project or an experience names it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Named {
    /// Its slug.
    pub slug: Slug,
    /// Its display name.
    pub name: String,
}

/// A project as lists show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ProjectSummary {
    /// Key in addresses.
    pub slug: Slug,
    /// Title.
    pub title: String,
    /// The organisation whose project it is.
    pub organization: Named,
    /// Fields of action.
    pub topics: Vec<FieldOfAction>,
    /// Where it stands.
    pub status: ProjectStatus,
    /// Who may see it.
    pub visibility: Visibility,
    /// Experiences of it the reader may see.
    pub experiences: usize,
}

/// An experience as lists show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ExperienceSummary {
    /// Key in addresses.
    pub id: i64,
    /// Title.
    pub title: String,
    /// The organisation that made it.
    pub organization: Named,
    /// How it turned out.
    pub outcome: Outcome,
    /// Fields of action.
    pub topics: Vec<FieldOfAction>,
    /// Its language.
    pub lang: Language,
    /// Who may see it.
    pub visibility: Visibility,
    /// The network it is shared with, if any.
    pub network: Option<Slug>,
    /// When it was shared (Unix seconds).
    pub created_at: i64,
}

/// One project with everything its page shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ProjectView {
    /// The project; `slug` is set.
    pub project: Project,
    /// Its organisation's name.
    pub organization: Named,
    /// The partners with their names.
    pub partners: Vec<Named>,
    /// Its experiences the reader may see, newest first.
    pub experiences: Vec<ExperienceSummary>,
    /// Whether the reader may change or remove it.
    pub may_edit: bool,
    /// When it was last changed (Unix seconds).
    pub updated_at: i64,
}

/// A comment or a follow-up question.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CommentView {
    /// Row id.
    pub id: i64,
    /// The writer's name.
    pub author: String,
    /// The writer's organisation, if any.
    pub organization: Option<Named>,
    /// The text.
    pub text: String,
    /// A question to the authors rather than a comment.
    pub question: bool,
    /// When it was written (Unix seconds).
    pub created_at: i64,
}

/// One experience with everything its page shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ExperienceView {
    /// Key in addresses.
    pub id: i64,
    /// The experience.
    pub experience: Experience,
    /// Its organisation's name.
    pub organization: Named,
    /// The project it belongs to, with its title, if the reader may see it.
    pub project: Option<Named>,
    /// The author's name.
    pub author: String,
    /// Comments and questions, oldest first.
    pub comments: Vec<CommentView>,
    /// Whether the reader may change or remove it.
    pub may_edit: bool,
    /// Whether the reader may comment on it.
    pub may_comment: bool,
    /// When it was shared (Unix seconds).
    pub created_at: i64,
    /// When it was last changed (Unix seconds).
    pub updated_at: i64,
}

/// A list page's entries and what the reader may do there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Shelf<T> {
    /// The entries the reader may see.
    pub items: Vec<T>,
    /// Whether the reader may share a new one.
    pub may_share: bool,
}

/// Which projects a list shows.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ProjectFilter {
    /// Only those of (or with) this organisation.
    pub organization: Option<Slug>,
    /// Only those in this field of action.
    pub topic: Option<FieldOfAction>,
    /// Only those with this status.
    pub status: Option<ProjectStatus>,
}

/// Which experiences a list shows.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ExperienceFilter {
    /// Only those of this organisation.
    pub organization: Option<Slug>,
    /// Only those in this field of action.
    pub topic: Option<FieldOfAction>,
    /// Only those with this outcome.
    pub outcome: Option<Outcome>,
}

impl Knowledge {
    /// The knowledge exchange for the actor of `scope` (other areas' use
    /// cases that need it, like the search's "Wen fragen?").
    pub(crate) fn in_scope(scope: Scope) -> Knowledge {
        Knowledge { scope }
    }

    /// The names of `orgs` and the contact people named on their projects
    /// the reader may see, each person once.
    pub(crate) async fn names_and_contacts(
        &self,
        orgs: &[Slug],
    ) -> Result<(
        HashMap<Slug, String>,
        HashMap<Slug, Vec<knotenpunkt_domain::Contact>>,
    )> {
        let names = self.names(orgs.iter().cloned()).await?;
        let hidden = self.scope.hidden_networks().await?;
        let mut contacts: HashMap<Slug, Vec<knotenpunkt_domain::Contact>> = HashMap::new();
        for p in self.visible_projects(&hidden).await? {
            let p = p.project;
            if !orgs.contains(&p.organization) {
                continue;
            }
            let list = contacts.entry(p.organization.clone()).or_default();
            for c in p.contacts {
                if !list.iter().any(|k| k.name == c.name) {
                    list.push(c);
                }
            }
        }
        Ok((names, contacts))
    }

    fn store(&self) -> &knotenpunkt_store::Store {
        self.scope.store()
    }

    /// Whether the reader sees an item of `network` with `visibility`: the
    /// item's own visibility and, when it names a network, that network.
    fn sees(
        &self,
        hidden: &HashSet<Slug>,
        network: Option<&Slug>,
        visibility: &Visibility,
    ) -> bool {
        network.is_none_or(|n| !hidden.contains(n)) && self.scope.sees_item(network, visibility)
    }

    /// Names of `slugs`, in one statement.
    async fn names(&self, slugs: impl IntoIterator<Item = Slug>) -> Result<HashMap<Slug, String>> {
        let wanted: BTreeSet<Slug> = slugs.into_iter().collect();
        if wanted.is_empty() {
            return Ok(HashMap::new());
        }
        let wanted: Vec<Slug> = wanted.into_iter().collect();
        Ok(self
            .store()
            .organizations_named(&wanted)
            .await?
            .into_iter()
            .map(|o| (o.slug, o.name))
            .collect())
    }

    fn named(names: &HashMap<Slug, String>, slug: &Slug) -> Named {
        Named {
            slug: slug.clone(),
            name: names.get(slug).cloned().unwrap_or_else(|| slug.to_string()),
        }
    }

    /// The projects the reader may see, by title.
    pub async fn projects(&self, filter: &ProjectFilter) -> Result<Vec<ProjectSummary>> {
        let hidden = self.scope.hidden_networks().await?;
        let projects = self.visible_projects(&hidden).await?;
        let experiences = self.visible_experiences(&hidden).await?;
        let mut counts: HashMap<&Slug, usize> = HashMap::new();
        for e in &experiences {
            if let Some(p) = &e.experience.project {
                *counts.entry(p).or_default() += 1;
            }
        }
        let chosen: Vec<&StoredProject> = projects
            .iter()
            .filter(|s| {
                let p = &s.project;
                filter
                    .organization
                    .as_ref()
                    .is_none_or(|o| &p.organization == o || p.partners.contains(o))
                    && filter.topic.is_none_or(|t| p.topics.contains(&t))
                    && filter.status.is_none_or(|st| p.status == st)
            })
            .collect();
        let names = self
            .names(chosen.iter().map(|s| s.project.organization.clone()))
            .await?;
        Ok(chosen
            .into_iter()
            .filter_map(|s| {
                let p = &s.project;
                let slug = p.slug.clone()?;
                Some(ProjectSummary {
                    experiences: counts.get(&slug).copied().unwrap_or(0),
                    slug,
                    title: p.title.clone(),
                    organization: Self::named(&names, &p.organization),
                    topics: p.topics.clone(),
                    status: p.status,
                    visibility: p.visibility.clone(),
                })
            })
            .collect())
    }

    /// The experiences the reader may see, newest first.
    pub async fn experiences(&self, filter: &ExperienceFilter) -> Result<Vec<ExperienceSummary>> {
        let hidden = self.scope.hidden_networks().await?;
        let chosen: Vec<StoredExperience> = self
            .visible_experiences(&hidden)
            .await?
            .into_iter()
            .filter(|s| {
                let e = &s.experience;
                filter
                    .organization
                    .as_ref()
                    .is_none_or(|o| &e.organization == o)
                    && filter.topic.is_none_or(|t| e.topics.contains(&t))
                    && filter.outcome.is_none_or(|o| e.outcome == o)
            })
            .collect();
        let names = self
            .names(chosen.iter().map(|s| s.experience.organization.clone()))
            .await?;
        Ok(chosen.iter().map(|s| summary(&names, s)).collect())
    }

    /// One project with its partners and visible experiences; "not found"
    /// when the reader may not see it.
    pub async fn project(&self, slug: &Slug) -> Result<ProjectView> {
        let hidden = self.scope.hidden_networks().await?;
        let stored = self.visible_project(&hidden, slug).await?;
        let p = stored.project;
        let experiences: Vec<StoredExperience> = self
            .visible_experiences(&hidden)
            .await?
            .into_iter()
            .filter(|e| e.experience.project.as_ref() == Some(slug))
            .collect();
        let names = self
            .names(
                std::iter::once(p.organization.clone())
                    .chain(p.partners.iter().cloned())
                    .chain(
                        experiences
                            .iter()
                            .map(|e| e.experience.organization.clone()),
                    ),
            )
            .await?;
        Ok(ProjectView {
            organization: Self::named(&names, &p.organization),
            partners: p.partners.iter().map(|s| Self::named(&names, s)).collect(),
            experiences: experiences.iter().map(|e| summary(&names, e)).collect(),
            may_edit: self.may_moderate(&p.organization, p.network.as_ref()),
            updated_at: stored.updated_at,
            project: p,
        })
    }

    /// One experience with its comments; "not found" when the reader may not
    /// see it.
    pub async fn experience(&self, id: i64) -> Result<ExperienceView> {
        let hidden = self.scope.hidden_networks().await?;
        let stored = self.visible_experience(&hidden, id).await?;
        let comments = self.store().comments(id).await?;
        let e = &stored.experience;
        let project = match &e.project {
            Some(p) => self.visible_project(&hidden, p).await.ok(),
            None => None,
        };
        let names = self
            .names(
                std::iter::once(e.organization.clone())
                    .chain(comments.iter().filter_map(|c| c.organization.clone())),
            )
            .await?;
        let may_comment = knotenpunkt_access::decide(
            self.scope.actor(),
            &knotenpunkt_access::Action::Comment(knotenpunkt_access::Item {
                network: e.network.as_ref().map(Slug::as_str),
                visibility: &crate::accounts::to_access_visibility(&e.visibility),
            }),
        )
        .is_ok();
        Ok(ExperienceView {
            id,
            organization: Self::named(&names, &e.organization),
            project: project.and_then(|p| {
                Some(Named {
                    slug: p.project.slug?,
                    name: p.project.title,
                })
            }),
            author: stored.author_name.clone(),
            comments: comments
                .into_iter()
                .map(|c| comment_view(&names, c))
                .collect(),
            may_edit: self.may_moderate(&e.organization, e.network.as_ref()),
            may_comment,
            created_at: stored.created_at,
            updated_at: stored.updated_at,
            experience: stored.experience,
        })
    }

    fn may_moderate(&self, organization: &Slug, network: Option<&Slug>) -> bool {
        knotenpunkt_access::decide(
            self.scope.actor(),
            &knotenpunkt_access::Action::Moderate {
                organization: organization.as_str(),
                network: network.map(Slug::as_str),
            },
        )
        .is_ok()
    }

    async fn visible_projects(&self, hidden: &HashSet<Slug>) -> Result<Vec<StoredProject>> {
        let mut all = self.store().all_projects().await?;
        all.retain(|p| self.sees(hidden, p.project.network.as_ref(), &p.project.visibility));
        Ok(all)
    }

    async fn visible_experiences(&self, hidden: &HashSet<Slug>) -> Result<Vec<StoredExperience>> {
        let mut all = self.store().all_experiences().await?;
        all.retain(|e| {
            self.sees(
                hidden,
                e.experience.network.as_ref(),
                &e.experience.visibility,
            )
        });
        Ok(all)
    }

    async fn visible_project(&self, hidden: &HashSet<Slug>, slug: &Slug) -> Result<StoredProject> {
        let p = self.store().get_project(slug).await?;
        if self.sees(hidden, p.project.network.as_ref(), &p.project.visibility) {
            Ok(p)
        } else {
            Err(AppError::NotFound {
                entity: "project",
                key: slug.to_string(),
            })
        }
    }

    async fn visible_experience(
        &self,
        hidden: &HashSet<Slug>,
        id: i64,
    ) -> Result<StoredExperience> {
        let e = self.store().get_experience(id).await?;
        if self.sees(
            hidden,
            e.experience.network.as_ref(),
            &e.experience.visibility,
        ) {
            Ok(e)
        } else {
            Err(AppError::NotFound {
                entity: "experience",
                key: id.to_string(),
            })
        }
    }
}

fn summary(names: &HashMap<Slug, String>, s: &StoredExperience) -> ExperienceSummary {
    let e = &s.experience;
    ExperienceSummary {
        id: s.id,
        title: e.title.clone(),
        organization: Knowledge::named(names, &e.organization),
        outcome: e.outcome,
        topics: e.topics.clone(),
        lang: e.lang,
        visibility: e.visibility.clone(),
        network: e.network.clone(),
        created_at: s.created_at,
    }
}

fn comment_view(names: &HashMap<Slug, String>, c: StoredComment) -> CommentView {
    CommentView {
        id: c.id,
        author: c.author_name,
        organization: c.organization.as_ref().map(|o| Knowledge::named(names, o)),
        text: c.text,
        question: c.question,
        created_at: c.created_at,
    }
}

/// What the reader may choose when sharing: the organisations they write
/// for, the networks they may share with, and the groups they are named in.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ShareOptions {
    /// Organisations the reader may share for.
    pub organizations: Vec<Named>,
    /// Networks the reader may share with (`network` visibility).
    pub networks: Vec<Named>,
    /// `(network, group)` pairs the reader is named in.
    pub groups: Vec<(Slug, Slug)>,
}

impl Knowledge {
    /// The projects the reader may see, with whether they may share one
    /// (the list page's "share" link).
    pub async fn projects_page(&self, filter: &ProjectFilter) -> Result<Shelf<ProjectSummary>> {
        Ok(Shelf {
            items: self.projects(filter).await?,
            may_share: self.shares_at_all(),
        })
    }

    /// The experiences the reader may see, with whether they may share one.
    pub async fn experiences_page(
        &self,
        filter: &ExperienceFilter,
    ) -> Result<Shelf<ExperienceSummary>> {
        Ok(Shelf {
            items: self.experiences(filter).await?,
            may_share: self.shares_at_all(),
        })
    }

    /// Whether the reader may share anything at all: for an organisation of
    /// theirs, or as an admin for any. Asks the policy only, no database.
    fn shares_at_all(&self) -> bool {
        let actor = self.scope.actor();
        let ask = |organization: &str| {
            knotenpunkt_access::decide(
                actor,
                &knotenpunkt_access::Action::Share {
                    organization,
                    network: None,
                },
            )
            .is_ok()
        };
        // An admin may share for any organisation; the name asked for is
        // then beside the point.
        (actor.is_admin() && ask(""))
            || actor
                .organization
                .iter()
                .chain(actor.editor_of.iter())
                .any(|o| ask(o))
    }

    /// The choices of the forms that share a project or an experience, as
    /// the policy allows them to the reader. Empty for a visitor.
    pub async fn share_options(&self) -> Result<ShareOptions> {
        let actor = self.scope.actor();
        if !actor.is_signed_in() {
            return Ok(ShareOptions::default());
        }
        let all_orgs = if actor.is_admin() {
            self.store()
                .list_organizations(&Default::default(), knotenpunkt_store::Page::ALL)
                .await?
                .items
                .into_iter()
                .map(|o| Named {
                    slug: o.slug,
                    name: o.name,
                })
                .collect()
        } else {
            let slugs: Vec<Slug> = actor
                .organization
                .iter()
                .chain(actor.editor_of.iter())
                .filter_map(|s| s.parse().ok())
                .collect();
            let names = self.names(slugs.iter().cloned()).await?;
            let mut v: Vec<Named> = names
                .into_iter()
                .map(|(slug, name)| Named { slug, name })
                .collect();
            v.sort_by(|a, b| a.name.cmp(&b.name));
            v
        };
        let networks = self
            .scope
            .all_networks()
            .await?
            .iter()
            // The networks the policy lets the reader share with, asked
            // for an organisation they write for.
            .filter(|n| {
                all_orgs.first().is_some_and(|o: &Named| {
                    knotenpunkt_access::decide(
                        actor,
                        &knotenpunkt_access::Action::Share {
                            organization: o.slug.as_str(),
                            network: Some(n.slug.as_str()),
                        },
                    )
                    .is_ok()
                })
            })
            .map(|n| Named {
                slug: n.slug.clone(),
                name: n.name.clone(),
            })
            .collect();
        let groups = actor
            .groups
            .iter()
            .filter_map(|(n, g)| Some((n.parse().ok()?, g.parse().ok()?)))
            .collect();
        Ok(ShareOptions {
            organizations: all_orgs,
            networks,
            groups,
        })
    }
}

/// An organisation's projects (its own and those it is a partner of) and
/// experiences, as its page lists them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OrganizationKnowledge {
    /// Projects, by title.
    pub projects: Vec<OrganizationProject>,
    /// Experiences, by title.
    pub experiences: Vec<OrganizationExperience>,
}

/// A project in an organisation's list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrganizationProject {
    /// Its slug.
    pub slug: Slug,
    /// Title.
    pub title: String,
    /// Where it stands.
    pub status: ProjectStatus,
    /// The organisation whose project it is (another one's, if the page's
    /// organisation is a partner).
    pub owner: Named,
}

/// An experience in an organisation's list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrganizationExperience {
    /// Its id.
    pub id: i64,
    /// Title.
    pub title: String,
    /// How it turned out.
    pub outcome: Outcome,
}

impl Knowledge {
    /// What `organization`'s page lists of the knowledge exchange, with the
    /// reader's eyes, in one statement.
    pub async fn of_organization(&self, organization: &Slug) -> Result<OrganizationKnowledge> {
        let hidden = self.scope.hidden_networks().await?;
        let mut out = OrganizationKnowledge::default();
        for l in self.store().knowledge_of(organization).await? {
            if !self.sees(&hidden, l.network.as_ref(), &l.visibility) {
                continue;
            }
            let corrupt = |e: String| AppError::Internal(knotenpunkt_store::StoreError::Corrupt(e));
            if l.project {
                out.projects.push(OrganizationProject {
                    slug: l.key.parse().map_err(corrupt)?,
                    title: l.title,
                    status: l.code.parse().map_err(corrupt)?,
                    owner: Named {
                        slug: l.owner.0,
                        name: l.owner.1,
                    },
                });
            } else {
                out.experiences.push(OrganizationExperience {
                    id: l
                        .key
                        .parse()
                        .map_err(|e: std::num::ParseIntError| corrupt(e.to_string()))?,
                    title: l.title,
                    outcome: l.code.parse().map_err(corrupt)?,
                });
            }
        }
        Ok(out)
    }
}
