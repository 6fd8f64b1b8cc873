//! Signing in and out, and finding the session behind a cookie.
//!
//! Finding a session costs two statements when it is not held in memory
//! (the session with its person, then their standing) and none when it is
//! (see [`crate::credentials`]); its use is written at most once a minute.

use knotenpunkt_access::Scope as ActorScope;
use knotenpunkt_domain::{Email, Person};
use knotenpunkt_store::{Raise, SessionRecord};

use super::secrets::{digest, secret, verify_password};
use super::{Accounts, MAX_PASSWORD_CHARS, NewSession, Result, Session, actor_of};
use crate::credentials::{Held, TOUCH_EVERY};

impl Accounts {
    /// Signs in with address and password. `None` for any failure: unknown
    /// address, no password yet, wrong password — the caller cannot tell
    /// them apart, and neither can an attacker timing the answer.
    pub async fn sign_in(&self, email: &str, password: &str) -> Result<Option<NewSession>> {
        let found = match email.parse::<Email>() {
            Ok(e) => self.store().person_by_email(&e).await?,
            Err(_) => None,
        };
        let (person, hash) = match found {
            Some((p, h)) => (Some(p), h),
            None => (None, None),
        };
        if password.chars().count() > MAX_PASSWORD_CHARS {
            return Ok(None);
        }
        if !verify_password(password, hash).await {
            return Ok(None);
        }
        let Some(person) = person else {
            return Ok(None);
        };
        Ok(Some(self.start_session(person).await?))
    }

    /// A new session for `person`, who just proved who they are.
    pub(crate) async fn start_session(&self, person: Person) -> Result<NewSession> {
        let token = secret()?;
        let csrf = secret()?;
        let t = self.now();
        self.store()
            .create_session(
                &digest(&token),
                &SessionRecord {
                    person: person.id,
                    csrf: csrf.clone(),
                    created_at: t,
                    last_seen_at: t,
                },
            )
            .await?;
        Ok(NewSession {
            token,
            csrf,
            person,
        })
    }

    /// The live session behind a cookie value; an idle or too old one ends
    /// here. Found sessions are kept in memory while nothing changed (see
    /// [`crate::credentials`]); use is recorded at most once a minute.
    pub async fn session(&self, token: &str) -> Result<Option<Session>> {
        let key = digest(token);
        let counters = self.scope.counters().await?;
        let t = self.now();
        let cfg = self.settings();
        let cache = self.scope.app.credentials();
        if let Some(held) = cache.session(&key, counters) {
            let fresh = t - held.last_seen() <= cfg.session_idle
                && t - held.created_at <= cfg.session_absolute;
            if fresh {
                if held.due_for_touch(t) {
                    self.store().touch_session(&key, t).await?;
                }
                return Ok(Some(held.value.clone()));
            }
            // Perhaps used through another process since: ask the database.
            cache.forget_session(&key);
        }
        let Some(found) = self.store().signed_in(&key).await? else {
            return Ok(None);
        };
        let s = found.session;
        if t - s.last_seen_at > cfg.session_idle || t - s.created_at > cfg.session_absolute {
            self.store().delete_session(&key).await?;
            return Ok(None);
        }
        let mut last_seen = s.last_seen_at;
        if t - s.last_seen_at >= TOUCH_EVERY {
            self.store().touch_session(&key, t).await?;
            last_seen = t;
        }
        let actor = actor_of(self.store(), &found.person, ActorScope::Write).await?;
        let session = Session {
            person: found.person,
            actor,
            csrf: s.csrf,
        };
        cache.keep_session(
            key,
            Held::new(session.clone(), counters, s.created_at, last_seen),
        );
        Ok(Some(session))
    }

    /// Ends the session behind a cookie value, in every process: the
    /// accounts counter rises, so no process keeps it in memory.
    pub async fn sign_out(&self, token: &str) -> Result<()> {
        let key = digest(token);
        let mut w = self.scope.write().await?;
        w.tx().delete_session(&key).await?;
        w.commit_bookkeeping(Raise::ACCOUNTS).await?;
        self.scope.app.credentials().forget_session(&key);
        Ok(())
    }

    /// Ends every session of one's own; returns how many there were.
    pub async fn sign_out_everywhere(&self) -> Result<u64> {
        let me = self.me()?;
        let mut w = self.scope.write().await?;
        let n = w.tx().delete_sessions_of(me).await?;
        w.commit_bookkeeping(Raise::ACCOUNTS).await?;
        Ok(n)
    }

    /// How many sessions one has open.
    pub async fn session_count(&self) -> Result<u64> {
        Ok(self.store().session_count(self.who()?).await?)
    }
}
