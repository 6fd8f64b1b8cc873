//! Accepting an invitation: the link is the proof, so no actor is needed;
//! the entry in the audit log names the person who accepted.

use knotenpunkt_access::Actor;
use knotenpunkt_domain::Person;

use super::secrets::{check_password, digest, hash_password};
use super::{Accounts, NewSession, Result};
use crate::audit::AuditAction;
use crate::scope::Audit;

impl Accounts {
    /// Who an invitation link is for, while it is usable.
    pub async fn invitation(&self, token: &str) -> Result<Option<Person>> {
        let Some(inv) = self.store().invitation(&digest(token)).await? else {
            return Ok(None);
        };
        if inv.used_at.is_some() || inv.expires_at <= self.now() {
            return Ok(None);
        }
        Ok(Some(self.store().person(inv.person).await?))
    }

    /// Spends an invitation: sets the password, grants the role, signs in.
    /// `None` when the link is unknown, used or expired.
    pub async fn accept_invitation(
        &self,
        token: &str,
        password: &str,
    ) -> Result<Option<NewSession>> {
        check_password(password)?;
        let hash = hash_password(password).await?;
        let Some(inv) = self.store().invitation(&digest(token)).await? else {
            return Ok(None);
        };
        // The entry is the invited person's own act.
        let as_invited = self.scope.with_actor(Actor::signed_in(inv.person));
        let mut w = as_invited.write().await?;
        let Some(inv) = w
            .tx()
            .accept_invitation(&digest(token), &hash, self.now())
            .await?
        else {
            return Ok(None);
        };
        let person = self.store().person(inv.person).await?;
        // The roles it grants change what the person's pages show.
        w.raise(knotenpunkt_store::Raise::DIRECTORY);
        w.commit(Audit::new(
            AuditAction::InvitationAccept,
            inv.network.as_ref(),
            person.email.as_str(),
        ))
        .await?;
        let person = self.store().person(inv.person).await?;
        Ok(Some(self.start_session(person).await?))
    }
}
