//! Who may edit an organisation's profile: platform admins name the
//! persons ("editors") who keep their organisation's entry up to date.

use knotenpunkt_access::{Action, Actor};
use knotenpunkt_domain::{Email, FieldError, Person, Slug};

use crate::audit::AuditAction;
use crate::{AppError, Directory};

type Result<T> = std::result::Result<T, AppError>;

impl Directory {
    /// Lets the person with `email` edit `organization`'s profile, or with
    /// `editor` false stops it; for platform admins. An address nobody has
    /// is an invalid `email`. The change is recorded in the audit log.
    pub async fn set_organization_editor(
        &self,
        by: &Actor,
        organization: &Slug,
        email: &Email,
        editor: bool,
    ) -> Result<()> {
        self.authorize(by, &Action::ManagePlatform)?;
        let Some((person, _)) = self.store().person_by_email(email).await? else {
            return Err(AppError::Invalid(vec![FieldError::new(
                "email",
                "nobody has this address",
            )]));
        };
        self.store()
            .set_editor(person.id, organization, editor)
            .await?;
        self.changed().await;
        let action = if editor {
            AuditAction::OrganizationEditorGrant
        } else {
            AuditAction::OrganizationEditorRevoke
        };
        self.record_change(
            by,
            None,
            action,
            organization.as_str(),
            Some(person.email.to_string()),
        )
        .await;
        Ok(())
    }

    /// The persons who may edit `organization`'s profile, by name; for
    /// platform admins.
    pub async fn organization_editors(
        &self,
        by: &Actor,
        organization: &Slug,
    ) -> Result<Vec<Person>> {
        self.authorize(by, &Action::ManagePlatform)?;
        Ok(self.store().organization_editors(organization).await?)
    }
}
