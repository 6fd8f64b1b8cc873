//! Sharing, changing and removing projects and experiences.

use knotenpunkt_access::Action;
use knotenpunkt_domain::{Experience, FieldError, Project, Slug, Visibility};

use super::{Knowledge, Result};
use crate::AppError;
use crate::audit::AuditAction;
use crate::scope::Audit;

/// Slugs tried for a new project before giving up: "titel", "titel-2", …
const SLUG_ATTEMPTS: u32 = 100;

impl Knowledge {
    /// Enters a project (its organisation's people and profile editors,
    /// admins). Without a slug, one is made from the title. Answers the slug.
    pub async fn create_project(&self, p: &Project) -> Result<Slug> {
        self.scope.authorize(&Action::Share {
            organization: p.organization.as_str(),
            network: p.network.as_ref().map(Slug::as_str),
        })?;
        p.validate()?;
        self.check_place(p.network.as_ref(), &p.visibility).await?;
        let mut p = p.clone();
        let slug = match &p.slug {
            Some(s) => s.clone(),
            None => self.free_slug(&p.title).await?,
        };
        p.slug = Some(slug.clone());
        let mut w = self.scope.write().await?;
        w.tx().create_project(&p, self.scope.app.unix_now()).await?;
        w.commit(
            Audit::new(AuditAction::ProjectCreate, p.network.as_ref(), &slug).detail(&p.title),
        )
        .await?;
        Ok(slug)
    }

    /// Replaces project `slug` (who may share for its organisation, the
    /// coordinators of its network, admins). It may move to another
    /// organisation only for someone who may share for both.
    pub async fn update_project(&self, slug: &Slug, p: &Project) -> Result<Slug> {
        let old = self.project_for_change(slug).await?;
        if old.organization != p.organization || old.network != p.network {
            self.scope.authorize(&Action::Share {
                organization: p.organization.as_str(),
                network: p.network.as_ref().map(Slug::as_str),
            })?;
        }
        p.validate()?;
        self.check_place(p.network.as_ref(), &p.visibility).await?;
        let new_slug = p.slug.clone().unwrap_or_else(|| slug.clone());
        let mut w = self.scope.write().await?;
        w.tx()
            .update_project(slug, p, self.scope.app.unix_now())
            .await?;
        w.commit(Audit::new(AuditAction::ProjectUpdate, p.network.as_ref(), slug).detail(&p.title))
            .await?;
        Ok(new_slug)
    }

    /// Removes project `slug`; its experiences stay, without a project.
    pub async fn delete_project(&self, slug: &Slug) -> Result<()> {
        let old = self.project_for_change(slug).await?;
        let mut w = self.scope.write().await?;
        w.tx().delete_project(slug).await?;
        w.commit(
            Audit::new(AuditAction::ProjectDelete, old.network.as_ref(), slug).detail(&old.title),
        )
        .await
    }

    /// Shares an experience (its organisation's people and profile editors,
    /// admins). Answers its id.
    pub async fn create_experience(&self, e: &Experience) -> Result<i64> {
        self.scope.authorize(&Action::Share {
            organization: e.organization.as_str(),
            network: e.network.as_ref().map(Slug::as_str),
        })?;
        e.validate()?;
        self.check_place(e.network.as_ref(), &e.visibility).await?;
        self.check_project(e).await?;
        let actor = self.scope.actor();
        let author = actor.person.filter(|id| *id > 0);
        let author_name = match author {
            Some(id) => self.store().person(id).await?.name,
            None => "Knotenpunkt".to_owned(),
        };
        let mut w = self.scope.write().await?;
        let id = w
            .tx()
            .create_experience(e, author, &author_name, self.scope.app.unix_now())
            .await?;
        w.commit(
            Audit::new(AuditAction::ExperienceCreate, e.network.as_ref(), id).detail(&e.title),
        )
        .await?;
        Ok(id)
    }

    /// Replaces experience `id`; the author and the time it was shared stay.
    pub async fn update_experience(&self, id: i64, e: &Experience) -> Result<()> {
        let old = self.experience_for_change(id).await?;
        if old.organization != e.organization || old.network != e.network {
            self.scope.authorize(&Action::Share {
                organization: e.organization.as_str(),
                network: e.network.as_ref().map(Slug::as_str),
            })?;
        }
        e.validate()?;
        self.check_place(e.network.as_ref(), &e.visibility).await?;
        self.check_project(e).await?;
        let mut w = self.scope.write().await?;
        w.tx()
            .update_experience(id, e, self.scope.app.unix_now())
            .await?;
        w.commit(Audit::new(AuditAction::ExperienceUpdate, e.network.as_ref(), id).detail(&e.title))
            .await
    }

    /// Removes experience `id` with its comments.
    pub async fn delete_experience(&self, id: i64) -> Result<()> {
        let old = self.experience_for_change(id).await?;
        let mut w = self.scope.write().await?;
        w.tx().delete_experience(id).await?;
        w.commit(
            Audit::new(AuditAction::ExperienceDelete, old.network.as_ref(), id).detail(&old.title),
        )
        .await
    }

    /// The project as stored, when the reader sees it and may moderate it.
    async fn project_for_change(&self, slug: &Slug) -> Result<Project> {
        let hidden = self.scope.hidden_networks().await?;
        let p = self.visible_project(&hidden, slug).await?.project;
        self.scope.authorize(&Action::Moderate {
            organization: p.organization.as_str(),
            network: p.network.as_ref().map(Slug::as_str),
        })?;
        Ok(p)
    }

    /// The experience as stored, when the reader sees it and may moderate it.
    async fn experience_for_change(&self, id: i64) -> Result<Experience> {
        let hidden = self.scope.hidden_networks().await?;
        let e = self.visible_experience(&hidden, id).await?.experience;
        self.scope.authorize(&Action::Moderate {
            organization: e.organization.as_str(),
            network: e.network.as_ref().map(Slug::as_str),
        })?;
        Ok(e)
    }

    /// The network must be one the writer sees, and a group one of its
    /// groups: a misspelt group would hide the text from everyone but the
    /// coordinators.
    async fn check_place(&self, network: Option<&Slug>, visibility: &Visibility) -> Result<()> {
        let Some(n) = network else { return Ok(()) };
        self.scope
            .visible_network(n)
            .await
            .map_err(|_| invalid("network", format!("there is no network '{n}'")))?;
        if let Visibility::Group(g) = visibility {
            let groups = self.store().groups(n).await?;
            if !groups.iter().any(|x| &x.slug == g) {
                return Err(invalid(
                    "visibility",
                    format!("network '{n}' has no group '{g}'"),
                ));
            }
        }
        Ok(())
    }

    /// An experience's project must be one the writer sees, of the same
    /// organisation or with it as a partner.
    async fn check_project(&self, e: &Experience) -> Result<()> {
        let Some(slug) = &e.project else {
            return Ok(());
        };
        let hidden = self.scope.hidden_networks().await?;
        let p = self
            .visible_project(&hidden, slug)
            .await
            .map_err(|_| invalid("project", format!("there is no project '{slug}'")))?
            .project;
        if p.organization != e.organization && !p.partners.contains(&e.organization) {
            return Err(invalid(
                "project",
                format!(
                    "project '{slug}' is not one of '{}' nor has it as a partner",
                    e.organization
                ),
            ));
        }
        Ok(())
    }

    /// A slug for a new project titled `title` that no project has yet.
    async fn free_slug(&self, title: &str) -> Result<Slug> {
        let base = Slug::from_name(title)
            .ok_or_else(|| invalid("slug", "the title gives no slug; name one"))?;
        for n in 1..=SLUG_ATTEMPTS {
            let candidate = if n == 1 {
                base.clone()
            } else {
                let suffix = format!("-{n}");
                let mut stem = base.as_str().to_owned();
                stem.truncate(knotenpunkt_domain::limits::MAX_SLUG_LEN - suffix.len());
                let stem = stem.trim_end_matches('-');
                match format!("{stem}{suffix}").parse::<Slug>() {
                    Ok(s) => s,
                    Err(_) => continue,
                }
            };
            match self.store().get_project(&candidate).await {
                Err(knotenpunkt_store::StoreError::NotFound { .. }) => return Ok(candidate),
                Err(e) => return Err(e.into()),
                Ok(_) => {}
            }
        }
        Err(invalid(
            "slug",
            "every slug from the title is taken; name one",
        ))
    }
}

fn invalid(field: &str, message: impl Into<String>) -> AppError {
    AppError::Invalid(vec![FieldError::new(field, message)])
}
