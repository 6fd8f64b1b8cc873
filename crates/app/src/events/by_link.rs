//! Cancelling by link. A guest who registered by mail has no account to
//! sign in with, so every mail about their seat carries a signed link to
//! their registration (see [`crate::signed`]): it asks before it cancels
//! (mail scanners follow links), and the freed seat goes to the first on
//! the waiting list as with any cancellation.

use chrono::{DateTime, FixedOffset};
use knotenpunkt_domain::RegistrationStatus;
use knotenpunkt_store::{StoredEvent, StoredRegistration};

use super::{Events, closed_error};
use crate::audit::AuditAction;
use crate::scope::{Audit, Scope};
use crate::{AppError, signed};

/// The name of the key in `installation_keys`.
const KEY_NAME: &str = "registration-cancel";

type Result<T> = std::result::Result<T, AppError>;

/// Makes the addresses that cancel registrations, with the key read once.
pub(crate) struct CancelLinks {
    key: Vec<u8>,
    base: String,
}

impl CancelLinks {
    /// The installation's key and address.
    pub(crate) async fn new(scope: &Scope) -> Result<CancelLinks> {
        Ok(CancelLinks {
            key: signed::key(scope.store(), KEY_NAME).await?,
            base: scope
                .app
                .settings()
                .base_url
                .trim_end_matches('/')
                .to_owned(),
        })
    }

    /// The address that cancels `registration`.
    pub(crate) fn url(&self, registration: i64) -> String {
        format!(
            "{}/veranstaltungen/abmelden/{}",
            self.base,
            signed::sign(&self.key, &format!("r:{registration}"))
        )
    }
}

/// The address that cancels `registration`.
pub(crate) async fn cancel_url(scope: &Scope, registration: i64) -> Result<String> {
    Ok(CancelLinks::new(scope).await?.url(registration))
}

/// What a cancel link is about, for its page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinkedRegistration {
    /// The event's id.
    pub event: i64,
    /// The event's title.
    pub title: String,
    /// When it begins.
    pub starts_at: DateTime<FixedOffset>,
    /// The name registered.
    pub name: String,
    /// Where the registration stands.
    pub status: RegistrationStatus,
    /// Whether the event has begun: then there is nothing to cancel.
    pub begun: bool,
}

fn bad_link() -> AppError {
    AppError::NotFound {
        entity: "cancel link",
        key: "?".into(),
    }
}

impl Events {
    async fn linked(&self, token: &str) -> Result<(StoredEvent, StoredRegistration)> {
        let key = signed::key(self.scope.store(), KEY_NAME).await?;
        let id = signed::verify(&key, token)
            .and_then(|p| p.strip_prefix("r:")?.parse::<i64>().ok())
            .ok_or_else(bad_link)?;
        // A registration or event that is gone makes the link a dead one.
        let r = self
            .scope
            .store()
            .registration(id)
            .await
            .map_err(|_| bad_link())?;
        let e = self
            .scope
            .store()
            .get_event(r.event)
            .await
            .map_err(|_| bad_link())?;
        Ok((e, r))
    }

    fn view(&self, e: &StoredEvent, r: &StoredRegistration) -> LinkedRegistration {
        LinkedRegistration {
            event: e.id,
            title: e.event.title.clone(),
            starts_at: e.event.starts_at,
            name: r.name.clone(),
            status: r.status,
            begun: self.now() >= e.event.starts_at.timestamp(),
        }
    }

    /// The registration a cancel link names (anyone holding the link).
    pub async fn linked_registration(&self, token: &str) -> Result<LinkedRegistration> {
        let (e, r) = self.linked(token).await?;
        Ok(self.view(&e, &r))
    }

    /// Cancels the registration a link names; the link is the authority,
    /// as only its addressee got it. Cancelling twice changes nothing; an
    /// event that has begun is a conflict.
    pub async fn cancel_by_link(&self, token: &str) -> Result<LinkedRegistration> {
        let (e, r) = self.linked(token).await?;
        let mut view = self.view(&e, &r);
        if r.status == RegistrationStatus::Cancelled {
            return Ok(view);
        }
        if view.begun {
            return Err(closed_error("the event has begun"));
        }
        let mut w = self.scope.write().await?;
        let done = w.tx().cancel_registration(e.id, r.id).await?;
        w.commit(
            Audit::new(AuditAction::EventCancel, Some(&e.event.network), e.id)
                .detail(format!("{} (per Link)", r.name)),
        )
        .await?;
        if let Some(m) = &done.moved_up {
            self.tell_moved_up(&e.event, m).await;
        }
        view.status = RegistrationStatus::Cancelled;
        Ok(view)
    }
}
