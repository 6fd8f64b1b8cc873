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
        let persons = self.store.list_persons(None, Some(network)).await?;
        let mut out = Vec::with_capacity(persons.len());
        for person in persons {
            let standing = self.store.standing(person.id).await?;
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
        self.store.set_role(person, network, role).await?;
        let code = |r: Option<NetworkRole>| r.map_or("none", NetworkRole::code);
        self.record(
            by,
            Some(network),
            "role.set",
            found.person.email.as_str(),
            Some(format!("{} → {}", code(found.granted), code(role))),
        )
        .await;
        self.changed();
        Ok(())
    }
}
