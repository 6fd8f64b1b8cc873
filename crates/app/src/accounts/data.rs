//! What one keeps in one's account besides credentials (followed series),
//! the GDPR download of all of it, and deleting the account.

use knotenpunkt_access::{self as access, Action, Actor};
use knotenpunkt_domain::{FieldError, Slug};
use knotenpunkt_store::Raise;

use super::{Accounts, Result, to_access_visibility};
use crate::AppError;
use crate::audit::AuditAction;
use crate::scope::Audit;

impl Accounts {
    /// Follows or unfollows a series for one's personal feed; only series
    /// one may see.
    pub async fn set_follow(&self, series: &Slug, follow: bool) -> Result<()> {
        let person = self.me()?;
        let s = self
            .scope
            .app
            .directory(self.scope.actor())
            .series(series)
            .await?;
        let network = s.network.as_ref().map(|n| n.to_string());
        let visibility = to_access_visibility(&s.visibility);
        self.scope.authorize(&Action::See(access::Item {
            network: network.as_deref(),
            visibility: &visibility,
        }))?;
        Ok(self.store().set_follow(person, series, follow).await?)
    }

    /// The series one follows.
    pub async fn follows(&self) -> Result<Vec<Slug>> {
        Ok(self.store().follows(self.who()?).await?)
    }

    /// Everything stored about oneself, for the GDPR download.
    pub async fn personal_data(&self) -> Result<serde_json::Value> {
        let person = self.who()?;
        let p = self.store().person(person).await?;
        let standing = self.store().standing(person).await?;
        let tokens = self.store().api_tokens(person).await?;
        let follows = self.store().follows(person).await?;
        let sessions = self.store().session_count(person).await?;
        let feed = self.store().has_feed_token(person).await?;
        let authored = self.store().authored_by(person).await?;
        let reminders_off: Vec<String> = self
            .store()
            .reminder_optouts(&[crate::reminders::person_recipient(person)])
            .await?
            .into_iter()
            .map(|(_, kind)| kind)
            .collect();
        Ok(serde_json::json!({
            "person": p,
            "roles": {
                "through_organization": standing.through_organization.iter().map(|(n, r)| serde_json::json!({"network": n, "role": r})).collect::<Vec<_>>(),
                "granted": standing.granted.iter().map(|(n, r)| serde_json::json!({"network": n, "role": r})).collect::<Vec<_>>(),
            },
            "groups": standing.groups.iter().map(|(n, g)| serde_json::json!({"network": n, "group": g})).collect::<Vec<_>>(),
            "editor_of": standing.editor_of,
            "follows": follows,
            "api_tokens": tokens.iter().map(|t| serde_json::json!({"id": t.id, "name": t.name, "scope": t.scope, "created_at": t.created_at, "last_used_at": t.last_used_at})).collect::<Vec<_>>(),
            "open_sessions": sessions,
            "calendar_feed": feed,
            "reminders_turned_off": reminders_off,
            "experiences": authored.experiences.iter().map(|(id, title)| serde_json::json!({"id": id, "title": title})).collect::<Vec<_>>(),
            "comments": authored.comments.iter().map(|(id, text, at)| serde_json::json!({"experience": id, "text": text, "created_at": at})).collect::<Vec<_>>(),
            "exported_at": self.now(),
        }))
    }

    /// Deletes one's own account: the person, sessions, tokens, roles and
    /// follows go; what they wrote stays under their organisation's name.
    /// The last platform admin cannot leave, or nobody could administer.
    pub async fn delete_account(&self) -> Result<()> {
        let person = self.me()?;
        // The entry cannot name the person by id any more: the row is gone,
        // and a reference to it would fail the foreign key (and lose the
        // entry).
        let as_nobody = self.scope.with_actor(Actor::anonymous());
        let mut w = as_nobody.write().await?;
        let p = self.store().person(person).await?;
        if p.admin && w.tx().admin_count().await? <= 1 {
            return Err(AppError::Conflict(FieldError::new(
                "account",
                "you are the only platform admin; make someone else admin first",
            )));
        }
        // Their experiences and comments stay, under their organisation's
        // name rather than theirs.
        let under = match &p.organization {
            Some(o) => self.store().get_organization(o).await?.name,
            None => "(gelöschtes Konto)".to_owned(),
        };
        w.tx().unname_author(person, &under).await?;
        w.tx().delete_person(person).await?;
        // Pages that named the person (as an editor, a contact) change too.
        w.raise(Raise::DIRECTORY);
        w.commit(
            Audit::new(AuditAction::AccountDelete, None, format!("person {person}"))
                .named("(gelöschtes Konto)"),
        )
        .await
    }
}
