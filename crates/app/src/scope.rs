//! What every area service shares: who is asking, the policy, and the one
//! way to write.
//!
//! A [`Scope`] is the application plus an actor. Services ask it the
//! policy's questions ([`Scope::authorize`], and the gate's questions about
//! stored things in [`crate::gate`]) and read with the actor's eyes
//! ([`crate::visibility`]).
//!
//! Writes go through [`Scope::write`]: the store's transaction, into which
//! [`Write::commit`] adds the audit entry and raises the change counters
//! before committing. So an audit entry exists exactly when its change
//! committed, and every process sees the change on its next request.

use std::sync::Arc;

use knotenpunkt_access::{self as access, Action, Actor};
use knotenpunkt_domain::Slug;
use knotenpunkt_store::{AuditEntry, Counters, Raise, Store, Tx};

use crate::audit::AuditAction;
use crate::{App, AppError};

type Result<T> = std::result::Result<T, AppError>;

/// The application as one actor uses it.
#[derive(Debug, Clone)]
pub(crate) struct Scope {
    pub(crate) app: App,
    actor: Arc<Actor>,
    /// The change counters the surface read for this request, if it did.
    counters: Option<Counters>,
}

impl Scope {
    pub(crate) fn new(app: App, actor: Arc<Actor>, counters: Option<Counters>) -> Scope {
        Scope {
            app,
            actor,
            counters,
        }
    }

    /// Who is asking.
    pub(crate) fn actor(&self) -> &Actor {
        &self.actor
    }

    pub(crate) fn store(&self) -> &Store {
        self.app.store()
    }

    /// The same scope for another actor (the CLI's operator reading all, a
    /// use case that must look past the actor's eyes to check a name).
    pub(crate) fn with_actor(&self, actor: Actor) -> Scope {
        Scope {
            app: self.app.clone(),
            actor: Arc::new(actor),
            counters: self.counters,
        }
    }

    /// The change counters for this request: those the surface read, or a
    /// fresh read.
    pub(crate) async fn counters(&self) -> Result<Counters> {
        match self.counters {
            Some(c) => Ok(crate::changes::max(c, self.app.changes().latest())),
            None => self.app.counters().await,
        }
    }

    /// Asks the policy; the error is the surface's answer.
    pub(crate) fn authorize(&self, action: &Action<'_>) -> Result<()> {
        access::decide(&self.actor, action).map_err(AppError::Denied)
    }

    /// Begins a change. Nothing is written until [`Write::commit`].
    pub(crate) async fn write(&self) -> Result<Write<'_>> {
        Ok(Write {
            scope: self,
            tx: self.store().begin().await?,
            raise: Raise::NONE,
        })
    }
}

/// What the audit log will say about a change.
#[derive(Debug, Clone)]
pub(crate) struct Audit {
    action: AuditAction,
    network: Option<Slug>,
    target: String,
    detail: Option<String>,
}

impl Audit {
    /// A change of kind `action` to `target` (a slug, an id, a date), in
    /// `network`'s log if it concerns one.
    pub(crate) fn new(action: AuditAction, network: Option<&Slug>, target: impl ToString) -> Audit {
        Audit {
            action,
            network: network.cloned(),
            target: target.to_string(),
            detail: None,
        }
    }

    /// What a reader of the log needs besides the target (to undo it).
    pub(crate) fn detail(mut self, detail: impl Into<String>) -> Audit {
        self.detail = Some(detail.into());
        self
    }

    /// A detail only when there is one.
    pub(crate) fn maybe_detail(mut self, detail: Option<String>) -> Audit {
        self.detail = detail;
        self
    }
}

/// A change under way: a transaction that commits only together with its
/// audit entries and the raised change counters. Dropped, it rolls back.
pub(crate) struct Write<'a> {
    scope: &'a Scope,
    tx: Tx,
    raise: Raise,
}

impl Write<'_> {
    /// The transaction, for the store's writes.
    pub(crate) fn tx(&mut self) -> &mut Tx {
        &mut self.tx
    }

    #[expect(dead_code, reason = "the accounts area moves onto Write next")]
    /// Raises more counters than the audit actions imply (a change that
    /// alters what pages show and who may do what).
    pub(crate) fn raise(&mut self, r: Raise) {
        self.raise = self.raise.and(r);
    }

    /// Records `audit` and commits.
    pub(crate) async fn commit(self, audit: Audit) -> Result<()> {
        self.commit_all(vec![audit]).await
    }

    /// Records every entry of `audits` and commits. A change with no entry
    /// is a bug in the use case; it is refused rather than written silently.
    pub(crate) async fn commit_all(mut self, audits: Vec<Audit>) -> Result<()> {
        if audits.is_empty() {
            return Err(AppError::Unavailable(
                "a change without an audit entry was refused".into(),
            ));
        }
        let actor = self.scope.actor();
        let at = self.scope.app.unix_now();
        // Person 0 is the command line's operator, who is nobody.
        let person = actor.person.filter(|id| *id > 0);
        let name = match person {
            Some(id) => self.tx.person_name(id).await?,
            None => None,
        }
        .unwrap_or_else(|| "Knotenpunkt".to_owned());
        let mut raise = self.raise;
        for a in audits {
            raise = raise.and(a.action.raises());
            self.tx
                .audit(&AuditEntry {
                    at,
                    actor: person,
                    actor_name: name.clone(),
                    network: a.network,
                    action: a.action.code().to_owned(),
                    target: a.target,
                    detail: a.detail,
                })
                .await?;
        }
        let counters = self.tx.raise(raise).await?;
        self.tx.commit().await?;
        if let Some(c) = counters {
            self.scope.app.changes().committed(c);
        }
        Ok(())
    }

    /// Commits a change that is bookkeeping, not an act of a person (a
    /// feed's sequence marks): no audit entry, but the counters `raise`.
    pub(crate) async fn commit_bookkeeping(mut self, raise: Raise) -> Result<()> {
        let counters = self.tx.raise(self.raise.and(raise)).await?;
        self.tx.commit().await?;
        if let Some(c) = counters {
            self.scope.app.changes().committed(c);
        }
        Ok(())
    }
}
