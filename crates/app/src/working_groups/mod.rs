//! Working groups (Arbeitsgruppen) of a network.
//!
//! A working group is a named group (the visibility `group:<slug>`) with a
//! purpose, lead organisations and taking-part organisations — whose
//! people see what the group sees, as the people named in it do — and a
//! rule for joining: open groups take people of the network at once,
//! others record a request that a lead or a coordinator accepts.
//!
//! Who may do what, in the policy's words:
//! - see the groups, their purpose and organisations: whoever sees the
//!   network;
//! - see who is in a group by name, and the group's meetings and recent
//!   items: whoever sees the group's items (`See` of `group:<slug>`);
//! - join or ask to: `Contribute` in the network (members, partners,
//!   coordinators);
//! - accept or decline requests: `Moderate` for one of the lead
//!   organisations (their people, the network's coordinators);
//! - create and change groups: `ManageNetwork`.

use std::collections::{BTreeSet, HashMap};

use chrono::Duration;
use knotenpunkt_access::{Action, Actor, Item};
use knotenpunkt_domain::{FieldError, Slug, Visibility, WorkingGroup};
use knotenpunkt_store::{Counters, JoinRequest, Raise, StoredGroup};
use serde::Serialize;

use crate::accounts::to_access_visibility;
use crate::audit::AuditAction;
use crate::meetings::{Meeting, Meetings, Window};
use crate::scope::{Audit, Scope};
use crate::{App, AppError, Service};

type Result<T> = std::result::Result<T, AppError>;

/// Working groups, read and written with one actor's eyes.
#[derive(Debug, Clone)]
pub struct WorkingGroups {
    scope: Scope,
}

impl Service for WorkingGroups {
    fn for_actor(app: &App, actor: &Actor, counters: Option<Counters>) -> Self {
        WorkingGroups {
            scope: app.scope(actor, counters),
        }
    }
}

impl App {
    /// Working groups for `actor`.
    pub fn working_groups(&self, actor: &Actor) -> WorkingGroups {
        WorkingGroups::for_actor(self, actor, None)
    }
}

/// Where the reader stands in a group.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "kebab-case")]
pub enum Standing {
    /// Named in it, or their organisation takes part.
    Member,
    /// Asked to join; a lead has not answered yet.
    Requested,
    /// May join at once (an open group).
    MayJoin,
    /// May ask to join.
    MayAsk,
    /// Neither (a visitor, or no standing in the network).
    Outside,
}

/// A working group as lists and the API show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct GroupSummary {
    /// The group as written.
    pub group: WorkingGroup,
    /// How many people are named in it.
    pub people: usize,
    /// Where the reader stands.
    pub standing: Standing,
}

/// A network's working groups.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GroupList {
    /// The network's name.
    pub network_name: String,
    /// The groups, by slug.
    pub groups: Vec<GroupSummary>,
    /// Names of the organisations they name.
    pub names: HashMap<Slug, String>,
    /// Whether the reader may create groups.
    pub may_create: bool,
}

/// A person named in a group.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct GroupPerson {
    /// The person's id.
    pub id: i64,
    /// Their name.
    pub name: String,
    /// Their organisation's slug.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub organization: Option<Slug>,
}

/// Something recent of a group: an experience, an application or an event
/// shared with it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Activity {
    /// `experience`, `application`, `event`.
    pub kind: &'static str,
    /// Its title.
    pub title: String,
    /// Its page.
    pub href: String,
}

/// One working group's page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct GroupPage {
    /// The network's slug.
    pub network: Slug,
    /// The network's name.
    pub network_name: String,
    /// The group as written.
    pub group: WorkingGroup,
    /// Names of the organisations it names.
    pub names: HashMap<Slug, String>,
    /// The people named in it, by name: for who sees the group's items.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub people: Option<Vec<GroupPerson>>,
    /// Open requests to join: for the leads and the coordinators.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub requests: Vec<GroupPerson>,
    /// The next meetings of its series (those visible to the group).
    pub meetings: Vec<Meeting>,
    /// What was recently shared with it.
    pub activity: Vec<Activity>,
    /// Where the reader stands.
    pub standing: Standing,
    /// Whether the reader answers requests.
    pub may_lead: bool,
    /// Whether the reader may change the group.
    pub may_change: bool,
}

/// What a request to join came to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "kebab-case")]
pub enum Joined {
    /// In the group now.
    Member,
    /// Asked; a lead decides.
    Requested,
}

/// What the form that creates or changes a group needs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GroupForm {
    /// The network's name.
    pub network_name: String,
    /// The group as stored; `None` for a new one.
    pub stored: Option<WorkingGroup>,
    /// The slugs of the groups that exist (a new one must not replace one).
    pub taken: Vec<Slug>,
    /// The network's current member organisations (and any the group
    /// names already), as choices: slug and name, by name.
    pub organizations: Vec<(Slug, String)>,
}

impl WorkingGroups {
    fn store(&self) -> &knotenpunkt_store::Store {
        self.scope.store()
    }

    fn group_visibility(slug: &Slug) -> knotenpunkt_access::Visibility {
        to_access_visibility(&Visibility::Group(slug.clone()))
    }

    /// Whether the reader sees what is shared with the group.
    fn sees_items(&self, network: &Slug, group: &Slug) -> bool {
        let v = Self::group_visibility(group);
        self.scope
            .authorize(&Action::See(Item {
                network: Some(network.as_str()),
                visibility: &v,
            }))
            .is_ok()
    }

    /// Whether the reader answers the group's requests.
    fn leads(&self, network: &Slug, g: &WorkingGroup) -> bool {
        self.scope
            .authorize(&Action::ManageNetwork(network.as_str()))
            .is_ok()
            || g.leads.iter().any(|o| {
                self.scope
                    .authorize(&Action::Moderate {
                        organization: o.as_str(),
                        network: Some(network.as_str()),
                    })
                    .is_ok()
            })
    }

    async fn requests(&self, network: &Slug) -> Result<Vec<JoinRequest>> {
        Ok(self.store().join_requests(network).await?)
    }

    fn standing(&self, network: &Slug, g: &StoredGroup, requests: &[JoinRequest]) -> Standing {
        let actor = self.scope.actor();
        let Some(me) = actor.person else {
            return Standing::Outside;
        };
        if g.people.contains(&me) || actor.in_group(network.as_str(), g.group.slug.as_str()) {
            return Standing::Member;
        }
        if requests
            .iter()
            .any(|r| r.person == me && r.group == g.group.slug)
        {
            return Standing::Requested;
        }
        let contributes = self
            .scope
            .authorize(&Action::Contribute {
                network: network.as_str(),
            })
            .is_ok();
        match (contributes, g.group.open) {
            (true, true) => Standing::MayJoin,
            (true, false) => Standing::MayAsk,
            _ => Standing::Outside,
        }
    }

    async fn find(&self, network: &Slug, group: &Slug) -> Result<StoredGroup> {
        self.store()
            .working_groups(network)
            .await?
            .into_iter()
            .find(|g| &g.group.slug == group)
            .ok_or_else(|| AppError::NotFound {
                entity: "working group",
                key: group.to_string(),
            })
    }

    async fn names(&self, slugs: impl Iterator<Item = Slug>) -> Result<HashMap<Slug, String>> {
        let wanted: Vec<Slug> = slugs.collect::<BTreeSet<_>>().into_iter().collect();
        Ok(self
            .store()
            .organizations_named(&wanted)
            .await?
            .into_iter()
            .map(|o| (o.slug, o.name))
            .collect())
    }

    /// The working groups of a network, for whoever sees the network.
    pub async fn groups(&self, network: &Slug) -> Result<GroupList> {
        let n = self.scope.visible_network(network).await?;
        let stored = self.store().working_groups(network).await?;
        let requests = if self.scope.actor().person.is_some() {
            self.requests(network).await?
        } else {
            Vec::new()
        };
        let names = self
            .names(stored.iter().flat_map(|g| g.group.participants()))
            .await?;
        Ok(GroupList {
            network_name: n.name,
            groups: stored
                .iter()
                .map(|g| GroupSummary {
                    standing: self.standing(network, g, &requests),
                    people: g.people.len(),
                    group: g.group.clone(),
                })
                .collect(),
            names,
            may_create: self
                .scope
                .authorize(&Action::ManageNetwork(network.as_str()))
                .is_ok(),
        })
    }

    /// One group's page: who takes part, the next meetings of its series
    /// and what was recently shared with it (those two, and the people by
    /// name, for whoever sees the group's items).
    pub async fn group(&self, network: &Slug, group: &Slug) -> Result<GroupPage> {
        let n = self.scope.visible_network(network).await?;
        let g = self.find(network, group).await?;
        let requests = if self.scope.actor().person.is_some() {
            self.requests(network).await?
        } else {
            Vec::new()
        };
        let standing = self.standing(network, &g, &requests);
        let inside = self.sees_items(network, group);
        let may_lead = self.leads(network, &g.group);
        let names = self.names(g.group.participants().into_iter()).await?;
        let (people, meetings, activity) = if inside {
            let people = self
                .store()
                .persons_by_ids(&g.people)
                .await?
                .into_iter()
                .map(|p| GroupPerson {
                    id: p.id,
                    name: p.name,
                    organization: p.organization,
                })
                .collect();
            (
                Some(people),
                self.meetings(network, group).await?,
                self.activity(network, group).await?,
            )
        } else {
            (None, Vec::new(), Vec::new())
        };
        let requests = if may_lead {
            // A request carries the person's name as it stands now.
            requests
                .iter()
                .filter(|r| &r.group == group)
                .map(|r| GroupPerson {
                    id: r.person,
                    name: r.name.clone(),
                    organization: r.organization.clone(),
                })
                .collect()
        } else {
            Vec::new()
        };
        Ok(GroupPage {
            network: network.clone(),
            network_name: n.name,
            group: g.group,
            names,
            people,
            requests,
            meetings,
            activity,
            standing,
            may_lead,
            may_change: self
                .scope
                .authorize(&Action::ManageNetwork(network.as_str()))
                .is_ok(),
        })
    }

    /// The next meetings (90 days, at most five) of the network's series
    /// that belong to the group (visible to it).
    async fn meetings(&self, network: &Slug, group: &Slug) -> Result<Vec<Meeting>> {
        let meetings = Meetings::build(self.scope.clone());
        let own: BTreeSet<Slug> = meetings
            .series_list(&knotenpunkt_store::SeriesFilter {
                network: Some(network.clone()),
                ..Default::default()
            })
            .await?
            .into_iter()
            .filter(|s| s.visibility == Visibility::Group(group.clone()))
            .map(|s| s.slug)
            .collect();
        if own.is_empty() {
            return Ok(Vec::new());
        }
        let today = self.scope.app.today();
        let mut out: Vec<Meeting> = meetings
            .network_meetings(
                network,
                Window {
                    from: today,
                    to: today + Duration::days(90),
                },
            )
            .await?
            .into_iter()
            .filter(|m| own.contains(&m.series))
            .collect();
        out.truncate(5);
        Ok(out)
    }

    /// What was shared with the group: experiences (newest first, five),
    /// joint applications and events still to come (three each).
    async fn activity(&self, network: &Slug, group: &Slug) -> Result<Vec<Activity>> {
        let audience = Visibility::Group(group.clone());
        let mut out = Vec::new();
        let knowledge = self.scope.app.knowledge(self.scope.actor());
        let mut experiences = knowledge
            .experiences(&crate::knowledge::ExperienceFilter::default())
            .await?;
        experiences.retain(|e| e.visibility == audience && e.network.as_ref() == Some(network));
        experiences.sort_by_key(|e| std::cmp::Reverse(e.created_at));
        for e in experiences.into_iter().take(5) {
            out.push(Activity {
                kind: "experience",
                title: e.title,
                href: format!("/erfahrungen/{}", e.id),
            });
        }
        for a in self
            .scope
            .app
            .funding(self.scope.actor())
            .applications(network)
            .await?
            .into_iter()
            .filter(|a| a.application.visibility == audience)
            .take(3)
        {
            out.push(Activity {
                kind: "application",
                title: a.application.title.clone(),
                href: format!("/netzwerke/{network}/antraege/{}", a.application.slug),
            });
        }
        for e in self
            .scope
            .app
            .events(self.scope.actor())
            .events(network, false)
            .await?
            .into_iter()
            .filter(|e| e.event.registration == audience)
            .take(3)
        {
            out.push(Activity {
                kind: "event",
                title: e.event.title.clone(),
                href: format!("/veranstaltungen/{}", e.id),
            });
        }
        Ok(out)
    }

    /// The form for a new group (`group` is `None`) or to change one: for
    /// the network's coordinators.
    pub async fn group_form(&self, network: &Slug, group: Option<&Slug>) -> Result<GroupForm> {
        let n = self.scope.may_manage_network(network).await?;
        let all = self.store().working_groups(network).await?;
        let stored = match group {
            Some(g) => Some(
                all.iter()
                    .find(|x| &x.group.slug == g)
                    .map(|x| x.group.clone())
                    .ok_or_else(|| AppError::NotFound {
                        entity: "working group",
                        key: g.to_string(),
                    })?,
            ),
            None => None,
        };
        let mut slugs: BTreeSet<Slug> = self
            .store()
            .list_memberships(
                &knotenpunkt_store::MembershipFilter {
                    network: Some(network.clone()),
                    ..Default::default()
                },
                knotenpunkt_store::Page::ALL,
            )
            .await?
            .items
            .into_iter()
            .filter(|m| m.value.left_on.is_none())
            .map(|m| m.value.organization)
            .collect();
        if let Some(g) = &stored {
            slugs.extend(g.participants());
        }
        let names = self.names(slugs.iter().cloned()).await?;
        let mut organizations: Vec<(Slug, String)> = slugs
            .into_iter()
            .map(|s| {
                let name = names.get(&s).cloned().unwrap_or_else(|| s.to_string());
                (s, name)
            })
            .collect();
        organizations.sort_by(|a, b| a.1.cmp(&b.1));
        Ok(GroupForm {
            network_name: n.name,
            stored,
            taken: all.into_iter().map(|g| g.group.slug).collect(),
            organizations,
        })
    }

    /// Creates or changes a group of `network` (its people stay).
    pub async fn put_group(&self, network: &Slug, g: &WorkingGroup) -> Result<()> {
        self.scope.may_manage_network(network).await?;
        g.validate()?;
        let mut w = self.scope.write().await?;
        let created = w.tx().put_working_group(network, g).await?;
        // Who takes part decides what their people see.
        w.raise(Raise::DIRECTORY);
        let action = if created {
            AuditAction::GroupCreate
        } else {
            AuditAction::GroupUpdate
        };
        w.commit(Audit::new(action, Some(network), &g.slug).named(g.name.trim()))
            .await
    }

    /// Joins a group (an open one) or asks to (the others).
    pub async fn join(&self, network: &Slug, group: &Slug) -> Result<Joined> {
        self.scope.visible_network(network).await?;
        self.scope.authorize(&Action::Contribute {
            network: network.as_str(),
        })?;
        let me = self
            .scope
            .actor()
            .person
            .ok_or(AppError::Denied(knotenpunkt_access::Denial::SignIn))?;
        let g = self.find(network, group).await?;
        let mut w = self.scope.write().await?;
        let (joined, action) = if g.group.open {
            w.tx().add_group_person(network, group, me).await?;
            w.raise(Raise::DIRECTORY);
            (Joined::Member, AuditAction::GroupJoin)
        } else {
            w.tx()
                .request_join(network, group, me, self.scope.app.unix_now())
                .await?;
            (Joined::Requested, AuditAction::GroupRequest)
        };
        w.commit(Audit::new(action, Some(network), group)).await?;
        Ok(joined)
    }

    /// Leaves a group (or takes back a request): one's own standing, so
    /// anyone named in it may, guests too, with a write credential.
    pub async fn leave(&self, network: &Slug, group: &Slug) -> Result<()> {
        self.scope.visible_network(network).await?;
        self.scope.authorize(&Action::ManageOwnAccount)?;
        let me = self
            .scope
            .actor()
            .person
            .ok_or(AppError::Denied(knotenpunkt_access::Denial::SignIn))?;
        self.find(network, group).await?;
        let mut w = self.scope.write().await?;
        if !w.tx().remove_group_person(network, group, me).await? {
            return Err(AppError::Conflict(FieldError::new(
                "group",
                "you are not in this group",
            )));
        }
        w.raise(Raise::DIRECTORY);
        w.commit(Audit::new(AuditAction::GroupLeave, Some(network), group))
            .await
    }

    /// Accepts or declines `person`'s request: the leads and coordinators.
    pub async fn decide(
        &self,
        network: &Slug,
        group: &Slug,
        person: i64,
        accept: bool,
    ) -> Result<()> {
        self.scope.visible_network(network).await?;
        let g = self.find(network, group).await?;
        if !self.leads(network, &g.group) {
            // The policy's own word for why not (sign in, read-only, role).
            self.scope
                .authorize(&Action::ManageNetwork(network.as_str()))?;
        }
        let asked = self
            .requests(network)
            .await?
            .into_iter()
            .find(|r| &r.group == group && r.person == person)
            .ok_or_else(|| {
                AppError::Conflict(FieldError::new(
                    "person",
                    "this person has not asked to join the group",
                ))
            })?;
        let mut w = self.scope.write().await?;
        let action = if accept {
            w.tx().add_group_person(network, group, person).await?;
            w.raise(Raise::DIRECTORY);
            AuditAction::GroupAccept
        } else {
            w.tx().remove_group_person(network, group, person).await?;
            AuditAction::GroupDecline
        };
        w.commit(Audit::new(action, Some(network), group).detail(asked.name))
            .await
    }
}
