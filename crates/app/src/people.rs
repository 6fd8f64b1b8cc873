//! The people of a network as its coordinators manage them: who has a
//! standing in the network, and the role granted to a person directly.

use knotenpunkt_access::Actor;
use knotenpunkt_domain::{FieldError, NetworkRole, Person, Slug};

use crate::{AppError, Directory};

type Result<T> = std::result::Result<T, AppError>;

/// A person with a standing in a network.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NetworkPerson {
    /// Who.
    pub person: Person,
    /// The role that follows from their organisation's current membership.
    pub through_organization: Option<NetworkRole>,
    /// The role granted to them directly in this network.
    pub granted: Option<NetworkRole>,
}

impl NetworkPerson {
    /// The role that counts: the higher of the two.
    pub fn effective(&self) -> Option<NetworkRole> {
        self.through_organization.max(self.granted)
    }
}

impl Directory {
    /// The persons with a standing in `network` (through their
    /// organisation's current membership or granted directly), by name;
    /// for the network's coordinators and admins.
    pub async fn network_people(&self, by: &Actor, network: &Slug) -> Result<Vec<NetworkPerson>> {
        self.may_manage_network(by, network).await?;
        self.people_of(network).await
    }

    async fn people_of(&self, network: &Slug) -> Result<Vec<NetworkPerson>> {
        let persons = self.store().list_persons(None, Some(network)).await?;
        let mut out = Vec::with_capacity(persons.len());
        for person in persons {
            let standing = self.store().standing(person.id).await?;
            let role_in = |list: &[(Slug, NetworkRole)]| {
                list.iter()
                    .filter(|(n, _)| n == network)
                    .map(|(_, r)| *r)
                    .max()
            };
            out.push(NetworkPerson {
                through_organization: role_in(&standing.through_organization),
                granted: role_in(&standing.granted),
                person,
            });
        }
        Ok(out)
    }

    /// Grants `person` a role in `network` directly, or with `None`
    /// withdraws the grant; recorded in the audit log. Only persons with a
    /// standing in the network can be changed here (others are invited),
    /// and a coordinator cannot change their own grant, so nobody locks
    /// themselves out by a slip of the mouse; an admin can.
    pub async fn set_network_role(
        &self,
        by: &Actor,
        network: &Slug,
        person: i64,
        role: Option<NetworkRole>,
    ) -> Result<()> {
        self.may_manage_network(by, network).await?;
        let not_found = || AppError::NotFound {
            entity: "person",
            key: person.to_string(),
        };
        let found = self
            .people_of(network)
            .await?
            .into_iter()
            .find(|p| p.person.id == person)
            .ok_or_else(not_found)?;
        if by.person == Some(person) && !by.is_admin() {
            return Err(AppError::Conflict(FieldError::new(
                "role",
                "you cannot change your own role; ask another coordinator or an admin",
            )));
        }
        if found.granted == role {
            return Ok(());
        }
        self.store().set_role(person, network, role).await?;
        let code = |r: Option<NetworkRole>| r.map_or("none", NetworkRole::code);
        self.record(
            by,
            Some(network),
            crate::audit::AuditAction::RoleSet,
            found.person.email.as_str(),
            Some(format!("{} → {}", code(found.granted), code(role))),
        )
        .await;
        self.changed().await;
        Ok(())
    }
}

/// A named group of a network, as its coordinators manage it: the third
/// kind of visibility (`group:<slug>`) next to public and network.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct GroupView {
    /// Key within the network, used in `group:<slug>`.
    pub slug: Slug,
    /// Display name.
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 200))]
    pub name: String,
    /// The e-mail addresses of the persons named in it.
    pub members: Vec<knotenpunkt_domain::Email>,
}

impl Directory {
    /// The named groups of a network; for its coordinators and admins,
    /// because who is in which group is personal data.
    pub async fn groups(&self, by: &Actor, network: &Slug) -> Result<Vec<GroupView>> {
        self.may_see_network(by, network).await?;
        self.authorize(by, &knotenpunkt_access::Action::ViewAudit(network.as_str()))?;
        let mut out = Vec::new();
        for g in self.store().groups(network).await? {
            let mut members = Vec::with_capacity(g.members.len());
            for id in g.members {
                members.push(self.store().person(id).await?.email);
            }
            members.sort();
            out.push(GroupView {
                slug: g.slug,
                name: g.name,
                members,
            });
        }
        Ok(out)
    }

    /// Creates or replaces a group of `network`: its name and the people
    /// named in it, by e-mail address (each must have an account).
    pub async fn put_group(&self, by: &Actor, network: &Slug, group: &GroupView) -> Result<()> {
        self.may_manage_network(by, network).await?;
        let name = group.name.trim();
        if name.is_empty() || name.chars().count() > 200 {
            return Err(AppError::Invalid(vec![FieldError::new(
                "name",
                "give the group a name of 1–200 characters",
            )]));
        }
        let mut ids = Vec::with_capacity(group.members.len());
        let mut errors = Vec::new();
        for (i, email) in group.members.iter().enumerate() {
            match self.store().person_by_email(email).await? {
                Some((p, _)) => ids.push(p.id),
                None => errors.push(FieldError::new(
                    format!("members[{i}]"),
                    format!("no account has the address {email}"),
                )),
            }
        }
        if !errors.is_empty() {
            return Err(AppError::Invalid(errors));
        }
        ids.sort_unstable();
        ids.dedup();
        self.store()
            .put_group(&knotenpunkt_store::Group {
                network: network.clone(),
                slug: group.slug.clone(),
                name: name.to_owned(),
                members: ids,
            })
            .await?;
        // Recorded by the surface (the API's audit middleware), like the
        // other directory writes.
        self.changed().await;
        Ok(())
    }
}
