//! The people of a network as its coordinators manage them: who has a
//! standing in the network, and the role granted to a person directly.

use knotenpunkt_domain::{FieldError, NetworkRole, Person, Slug};

use super::{Administration, Result};
use crate::AppError;
use crate::audit::AuditAction;
use crate::scope::Audit;

/// A person with a standing in a network.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NetworkPerson {
    /// Who.
    pub person: Person,
    /// The role that follows from their organisation's current membership.
    pub through_organization: Option<NetworkRole>,
    /// The role granted to them directly in this network.
    pub granted: Option<NetworkRole>,
    /// The name of their organisation, if they belong to one.
    pub organization_name: Option<String>,
}

impl NetworkPerson {
    /// The role that counts: the higher of the two.
    pub fn effective(&self) -> Option<NetworkRole> {
        self.through_organization.max(self.granted)
    }
}

impl Administration {
    /// The persons with a standing in `network` (through their
    /// organisation's current membership or granted directly), by name;
    /// for the network's coordinators and admins.
    pub async fn network_people(&self, network: &Slug) -> Result<Vec<NetworkPerson>> {
        self.scope.may_manage_network(network).await?;
        self.people_of(network).await
    }

    async fn people_of(&self, network: &Slug) -> Result<Vec<NetworkPerson>> {
        // Three statements whatever the number of people: the persons,
        // every person's roles in the network, their organisations' names.
        let persons = self.store().list_persons(None, Some(network)).await?;
        let standing = self.store().network_standing(network).await?;
        let mut named: Vec<Slug> = persons
            .iter()
            .filter_map(|p| p.organization.clone())
            .collect();
        named.sort();
        named.dedup();
        let names: std::collections::HashMap<Slug, String> = self
            .store()
            .organizations_named(&named)
            .await?
            .into_iter()
            .map(|o| (o.slug, o.name))
            .collect();
        Ok(persons
            .into_iter()
            .map(|person| {
                let s = standing.get(&person.id).copied().unwrap_or_default();
                NetworkPerson {
                    through_organization: s.through_organization,
                    granted: s.granted,
                    organization_name: person
                        .organization
                        .as_ref()
                        .and_then(|o| names.get(o).cloned()),
                    person,
                }
            })
            .collect())
    }

    /// Grants `person` a role in `network` directly, or with `None`
    /// withdraws the grant. Only persons with a standing in the network can
    /// be changed here (others are invited), and a coordinator cannot
    /// change their own grant, so nobody locks themselves out by a slip of
    /// the mouse; an admin can.
    pub async fn set_network_role(
        &self,
        network: &Slug,
        person: i64,
        role: Option<NetworkRole>,
    ) -> Result<()> {
        self.scope.may_manage_network(network).await?;
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
        let by = self.scope.actor();
        if by.person == Some(person) && !by.is_admin() {
            return Err(AppError::Conflict(FieldError::new(
                "role",
                "you cannot change your own role; ask another coordinator or an admin",
            )));
        }
        if found.granted == role {
            return Ok(());
        }
        let mut w = self.scope.write().await?;
        w.tx().set_role(person, network, role).await?;
        // Pages a person sees follow their role.
        w.raise(knotenpunkt_store::Raise::DIRECTORY);
        let code = |r: Option<NetworkRole>| r.map_or("none", NetworkRole::code);
        w.commit(
            Audit::new(
                AuditAction::RoleSet,
                Some(network),
                found.person.email.as_str(),
            )
            .detail(format!("{} → {}", code(found.granted), code(role))),
        )
        .await
    }
}
