//! Passwords: the reset by mail, and the change made while signed in.

use knotenpunkt_access::Actor;
use knotenpunkt_domain::{Email, FieldError, Language};
use knotenpunkt_store::Raise;
use tracing::{info, warn};

use super::secrets::{check_password, digest, hash_password, secret, verify_password};
use super::{Accounts, Result, mail};
use crate::AppError;
use crate::audit::AuditAction;
use crate::scope::Audit;

impl Accounts {
    /// Sends a reset link if the address belongs to an account. Always
    /// answers the same; the mail goes out in the background so the answer
    /// takes the same time either way.
    pub async fn request_reset(&self, email: &str) -> Result<()> {
        let Ok(email) = email.parse::<Email>() else {
            return Ok(());
        };
        let Some((person, Some(_))) = self.store().person_by_email(&email).await? else {
            info!("password reset asked for an address without account");
            return Ok(());
        };
        let token = secret()?;
        let t = self.now();
        self.store()
            .create_reset(&digest(&token), person.id, t, t + self.settings().reset_ttl)
            .await?;
        let link = format!("{}/passwort/neu/{token}", self.settings().base_url);
        let minutes = self.settings().reset_ttl / 60;
        let (subject, text) = match person.language {
            Language::De => (
                "Passwort zurücksetzen".to_owned(),
                format!(
                    "Guten Tag {},\n\njemand (hoffentlich Sie) möchte das Passwort Ihres Knotenpunkt-Kontos zurücksetzen. Dieser Link ist {minutes} Minuten gültig und nur einmal nutzbar:\n\n{link}\n\nWenn Sie das nicht waren, ignorieren Sie diese Nachricht; Ihr Passwort bleibt unverändert.\n",
                    person.name
                ),
            ),
            Language::En => (
                "Reset your password".to_owned(),
                format!(
                    "Hello {},\n\nsomeone (hopefully you) asked to reset the password of your Knotenpunkt account. This link is valid for {minutes} minutes and works once:\n\n{link}\n\nIf that was not you, ignore this message; your password stays unchanged.\n",
                    person.name
                ),
            ),
        };
        let settings = self.settings().clone();
        tokio::spawn(async move {
            if let Err(e) = mail(&settings, &person, subject, text).await {
                warn!(error = %e, "reset mail not sent");
            }
        });
        Ok(())
    }

    /// Whether a reset link is usable.
    pub async fn reset_is_valid(&self, token: &str) -> Result<bool> {
        Ok(self
            .store()
            .reset_person(&digest(token), self.now())
            .await?
            .is_some())
    }

    /// Sets a new password with a reset link; ends every session of the
    /// person. `false` when the link is unknown, used or expired.
    pub async fn complete_reset(&self, token: &str, password: &str) -> Result<bool> {
        check_password(password)?;
        let hash = hash_password(password).await?;
        let Some(person) = self
            .store()
            .reset_person(&digest(token), self.now())
            .await?
        else {
            return Ok(false);
        };
        // The entry is the person's own act; the link proved who they are.
        let as_owner = self.scope.with_actor(Actor::signed_in(person));
        let mut w = as_owner.write().await?;
        let Some(person) = w
            .tx()
            .complete_reset(&digest(token), &hash, self.now())
            .await?
        else {
            return Ok(false);
        };
        let p = self.store().person(person).await?;
        // Its sessions are gone; the audit action raises the accounts
        // counter, so sessions kept in memory go too.
        w.commit(Audit::new(
            AuditAction::PasswordReset,
            None,
            p.email.as_str(),
        ))
        .await?;
        Ok(true)
    }

    /// Changes one's own password, proving the current one, and ends one's
    /// other sessions: whoever signed in elsewhere with the old password
    /// (perhaps the reason for the change) is out. `keep` is the cookie
    /// value of the session the change is made from, which stays; with
    /// `None` every session ends.
    pub async fn change_password(
        &self,
        keep: Option<&str>,
        current: &str,
        new: &str,
    ) -> Result<()> {
        let person = self.who()?;
        let stored = self.store().password_hash(person).await?;
        if !verify_password(current, stored).await {
            return Err(AppError::Invalid(vec![FieldError::new(
                "current",
                "the current password is not correct",
            )]));
        }
        check_password(new)?;
        let hash = hash_password(new).await?;
        let mut w = self.scope.write().await?;
        w.tx().set_password(person, &hash).await?;
        let ended = match keep {
            Some(token) => w.tx().delete_other_sessions(person, &digest(token)).await?,
            None => w.tx().delete_sessions_of(person).await?,
        };
        w.commit_bookkeeping(Raise::ACCOUNTS).await?;
        info!(person, ended, "password changed; other sessions ended");
        Ok(())
    }
}
