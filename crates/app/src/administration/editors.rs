//! Who may edit an organisation's profile: platform admins name the
//! persons ("editors") who keep their organisation's entry up to date.

use knotenpunkt_access::Action;
use knotenpunkt_domain::{Email, FieldError, Person, Slug};

use super::{Administration, Result};
use crate::AppError;
use crate::audit::AuditAction;
use crate::scope::Audit;

impl Administration {
    /// Lets the person with `email` edit `organization`'s profile, or with
    /// `editor` false stops it; for platform admins. An address nobody has
    /// is an invalid `email`.
    pub async fn set_organization_editor(
        &self,
        organization: &Slug,
        email: &Email,
        editor: bool,
    ) -> Result<()> {
        self.scope.authorize(&Action::ManagePlatform)?;
        let Some((person, _)) = self.store().person_by_email(email).await? else {
            return Err(AppError::Invalid(vec![FieldError::new(
                "email",
                "nobody has this address",
            )]));
        };
        let mut w = self.scope.write().await?;
        w.tx().set_editor(person.id, organization, editor).await?;
        // An organisation's page offers its editors the edit link.
        w.raise(knotenpunkt_store::Raise::DIRECTORY);
        let action = if editor {
            AuditAction::OrganizationEditorGrant
        } else {
            AuditAction::OrganizationEditorRevoke
        };
        w.commit(Audit::new(action, None, organization).detail(person.email.to_string()))
            .await
    }

    /// The persons who may edit `organization`'s profile, by name; for
    /// platform admins.
    pub async fn organization_editors(&self, organization: &Slug) -> Result<Vec<Person>> {
        self.scope.authorize(&Action::ManagePlatform)?;
        Ok(self.store().organization_editors(organization).await?)
    }
}
