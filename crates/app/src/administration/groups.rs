//! Named groups of a network, as its coordinators manage them: the third
//! kind of visibility (`group:<slug>`) next to public and network. Who is
//! in which group is personal data, so only they see the members.

use knotenpunkt_access::Action;
use knotenpunkt_domain::{Email, FieldError, Slug};

use super::{Administration, Result};
use crate::AppError;
use crate::audit::AuditAction;
use crate::scope::Audit;

/// A named group of a network as it is read and written.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct GroupView {
    /// Key within the network, used in `group:<slug>`.
    pub slug: Slug,
    /// Display name.
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 200))]
    pub name: String,
    /// The e-mail addresses of the persons named in it.
    pub members: Vec<Email>,
}

impl GroupView {
    /// The group in the words of the audit log: `name: a@x, b@y`.
    fn describe(&self) -> String {
        let members: Vec<&str> = self.members.iter().map(Email::as_str).collect();
        format!("{}: {}", self.name, members.join(", "))
    }
}

impl Administration {
    /// The named groups of a network; for its coordinators and admins.
    pub async fn groups(&self, network: &Slug) -> Result<Vec<GroupView>> {
        self.scope.may_see_network(network).await?;
        self.scope.authorize(&Action::ViewAudit(network.as_str()))?;
        // Two statements whatever the number of groups and people.
        let mut emails: std::collections::HashMap<Slug, Vec<Email>> = Default::default();
        for (group, email) in self.store().group_member_emails(network).await? {
            emails.entry(group).or_default().push(email);
        }
        Ok(self
            .store()
            .groups(network)
            .await?
            .into_iter()
            .map(|g| {
                let mut members = emails.remove(&g.slug).unwrap_or_default();
                members.sort();
                GroupView {
                    members,
                    slug: g.slug,
                    name: g.name,
                }
            })
            .collect())
    }

    /// Creates or replaces a group of `network`: its name and the people
    /// named in it, by e-mail address (each must have an account). The
    /// entry says whether the group was new.
    pub async fn put_group(&self, network: &Slug, group: &GroupView) -> Result<()> {
        self.scope.may_manage_network(network).await?;
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
        let exists = self
            .store()
            .groups(network)
            .await?
            .iter()
            .any(|g| g.slug == group.slug);
        let action = if exists {
            AuditAction::GroupUpdate
        } else {
            AuditAction::GroupCreate
        };
        let mut w = self.scope.write().await?;
        w.tx()
            .put_group(&knotenpunkt_store::Group {
                network: network.clone(),
                slug: group.slug.clone(),
                name: name.to_owned(),
                members: ids,
            })
            .await?;
        // Who is in a group decides what its members see.
        w.raise(knotenpunkt_store::Raise::DIRECTORY);
        w.commit(Audit::new(action, Some(network), &group.slug).detail(group.describe()))
            .await
    }
}
