//! Personal API tokens and the secret calendar feed address.

use knotenpunkt_access::{Actor, Scope as ActorScope};
use knotenpunkt_domain::{FieldError, Person, TokenScope};
use knotenpunkt_store::{Raise, TokenRecord};

use super::secrets::{digest, secret};
use super::{Accounts, NewToken, Result, actor_of};
use crate::AppError;
use crate::credentials::{Held, TokenHolder};

impl Accounts {
    /// Creates a personal API token; the secret is in the answer only.
    pub async fn create_api_token(&self, name: &str, scope: TokenScope) -> Result<NewToken> {
        let person = self.me()?;
        let name = name.trim();
        if name.is_empty() || name.chars().count() > 100 {
            return Err(AppError::Invalid(vec![FieldError::new(
                "name",
                "give the token a name of 1–100 characters",
            )]));
        }
        let secret = format!("kp_{}", secret()?);
        let record = self
            .store()
            .create_api_token(person, name, &digest(&secret), scope, self.now())
            .await?;
        Ok(NewToken { record, secret })
    }

    /// One's own API tokens.
    pub async fn api_tokens(&self) -> Result<Vec<TokenRecord>> {
        let person = self.me()?;
        Ok(self.store().api_tokens(person).await?)
    }

    /// Revokes one of one's own tokens, in every process at once.
    pub async fn revoke_api_token(&self, id: i64) -> Result<()> {
        let person = self.me()?;
        let mut w = self.scope.write().await?;
        if !w.tx().revoke_api_token(person, id).await? {
            return Err(AppError::NotFound {
                entity: "token",
                key: id.to_string(),
            });
        }
        w.commit_bookkeeping(Raise::ACCOUNTS).await
    }

    /// The actor behind a bearer token, with the token's scope.
    pub async fn api_actor(&self, secret: &str) -> Result<Option<Actor>> {
        Ok(self.api_credential(secret).await?.map(|(_, a)| a))
    }

    /// The person and actor behind a bearer token, with the token's scope;
    /// kept in memory like sessions, use written at most once a minute.
    /// Not held, it costs two statements (the token with its person, their
    /// standing) and the write of its use when that is due.
    pub async fn api_credential(&self, secret: &str) -> Result<Option<(Person, Actor)>> {
        let key = digest(secret);
        let counters = self.scope.counters().await?;
        let t = self.now();
        let cache = self.scope.app.credentials();
        if let Some(held) = cache.token(&key, counters) {
            if held.due_for_touch(t) {
                self.store().touch_api_token(held.value.id, t).await?;
            }
            return Ok(Some((held.value.person.clone(), held.value.actor.clone())));
        }
        let Some(found) = self.store().token_holder(&key).await? else {
            return Ok(None);
        };
        let token = found.token;
        let mut last_used = token.last_used_at.unwrap_or(i64::MIN);
        if t.saturating_sub(last_used) >= crate::credentials::TOUCH_EVERY {
            self.store().touch_api_token(token.id, t).await?;
            last_used = t;
        }
        let scope = match token.scope {
            TokenScope::Read => ActorScope::Read,
            TokenScope::Write => ActorScope::Write,
        };
        let actor = actor_of(self.store(), &found.person, scope).await?;
        cache.keep_token(
            key,
            Held::new(
                TokenHolder {
                    id: token.id,
                    person: found.person.clone(),
                    actor: actor.clone(),
                },
                counters,
                token.created_at,
                last_used,
            ),
        );
        Ok(Some((found.person, actor)))
    }

    /// Makes a new secret address for one's calendar feed (the old one stops
    /// working) and returns the secret.
    pub async fn renew_feed_token(&self) -> Result<String> {
        let person = self.me()?;
        let secret = secret()?;
        self.store()
            .set_feed_token(person, Some(&digest(&secret)))
            .await?;
        Ok(secret)
    }

    /// Stops one's calendar feed address.
    pub async fn revoke_feed_token(&self) -> Result<()> {
        let person = self.me()?;
        Ok(self.store().set_feed_token(person, None).await?)
    }

    /// Whether one has a calendar feed address.
    pub async fn has_feed_token(&self) -> Result<bool> {
        Ok(self.store().has_feed_token(self.who()?).await?)
    }

    /// The person whose calendar feed this secret opens, with read rights.
    pub async fn feed_actor(&self, secret: &str) -> Result<Option<(Person, Actor)>> {
        let Some(id) = self.store().person_by_feed_token(&digest(secret)).await? else {
            return Ok(None);
        };
        let person = self.store().person(id).await?;
        let actor = actor_of(self.store(), &person, ActorScope::Read).await?;
        Ok(Some((person, actor)))
    }
}
