//! Funding calls (Förderaufrufe) of a network: its coordinators record them,
//! everyone who sees the network sees the open ones by deadline. The joint
//! applications that answer them are in `applications.rs`.
//!
//! Each write follows the cohort's four steps (`directory/cohorts.rs`): ask
//! the policy, check the input, change the store, commit with the audit
//! entry.

mod applications;

pub use applications::{ApplicationOptions, ApplicationPage, Pipeline};

use knotenpunkt_access::Actor;
use knotenpunkt_domain::{FieldError, FundingCall, Slug};
use knotenpunkt_store::Counters;

use crate::audit::AuditAction;
use crate::scope::{Audit, Scope};
use crate::{App, AppError, Service};

type Result<T> = std::result::Result<T, AppError>;

/// Funding calls, read and written with one actor's eyes.
#[derive(Debug, Clone)]
pub struct Funding {
    scope: Scope,
}

impl Service for Funding {
    fn for_actor(app: &App, actor: &Actor, counters: Option<Counters>) -> Self {
        Funding {
            scope: app.scope(actor, counters),
        }
    }
}

impl App {
    /// Funding calls for `actor`.
    pub fn funding(&self, actor: &Actor) -> Funding {
        Funding::for_actor(self, actor, None)
    }
}

impl Funding {
    /// The calls of `network` by deadline: those still open today, or with
    /// `past` every one recorded. "Not found" for a network the reader may
    /// not see, as for a missing one.
    pub async fn calls(&self, network: &Slug, past: bool) -> Result<Vec<FundingCall>> {
        self.scope.visible_network(network).await?;
        let open_on = (!past).then(|| self.scope.app.today());
        Ok(self
            .scope
            .store()
            .list_funding_calls(Some(network), open_on)
            .await?)
    }

    /// Today in Europe/Berlin, as the rules count deadlines.
    pub fn today(&self) -> chrono::NaiveDate {
        self.scope.app.today()
    }

    /// The name of a network the reader sees.
    pub async fn network_name(&self, network: &Slug) -> Result<String> {
        Ok(self.scope.visible_network(network).await?.name)
    }

    /// One call.
    pub async fn call(&self, network: &Slug, slug: &Slug) -> Result<FundingCall> {
        self.scope.visible_network(network).await?;
        Ok(self.scope.store().get_funding_call(network, slug).await?)
    }

    /// Records a call for `network` (its coordinators, admins).
    pub async fn create_call(&self, network: &Slug, call: &FundingCall) -> Result<()> {
        self.scope.may_manage_network(network).await?;
        same_network(network, call)?;
        call.validate()?;
        let mut w = self.scope.write().await?;
        w.tx().create_funding_call(call).await?;
        w.commit(
            Audit::new(AuditAction::FundingCallCreate, Some(network), &call.slug)
                .detail(&call.title),
        )
        .await
    }

    /// Replaces call `slug` of `network`; it stays in that network.
    pub async fn update_call(&self, network: &Slug, slug: &Slug, call: &FundingCall) -> Result<()> {
        self.scope.may_manage_network(network).await?;
        same_network(network, call)?;
        call.validate()?;
        let mut w = self.scope.write().await?;
        w.tx().update_funding_call(network, slug, call).await?;
        w.commit(
            Audit::new(AuditAction::FundingCallUpdate, Some(network), slug).detail(&call.title),
        )
        .await
    }

    /// Removes a call.
    pub async fn delete_call(&self, network: &Slug, slug: &Slug) -> Result<()> {
        self.scope.may_manage_network(network).await?;
        let mut w = self.scope.write().await?;
        w.tx().delete_funding_call(network, slug).await?;
        w.commit(Audit::new(
            AuditAction::FundingCallDelete,
            Some(network),
            slug,
        ))
        .await
    }
}

/// A call sent to a network's address must belong to that network.
fn same_network(network: &Slug, call: &FundingCall) -> Result<()> {
    if &call.network == network {
        Ok(())
    } else {
        Err(AppError::Invalid(vec![FieldError::new(
            "network",
            format!("must be '{network}' as in the address"),
        )]))
    }
}
