//! The series themselves: listing and reading them with the actor's eyes,
//! and creating, changing and deleting them (policy, engine check, write
//! and audit entry, in that order).

use chrono::Duration;
use knotenpunkt_access::Action;
use knotenpunkt_calendar as cal;
use knotenpunkt_domain::{Series, Slug};
use knotenpunkt_store::{MeetingRecords, SeriesFilter};

use super::engine::engine_error;
use super::{Meetings, Result, invalid};
use crate::audit::AuditAction;
use crate::scope::Audit;
use crate::{AppError, SeriesIntent};

impl Meetings {
    /// Series of a network, of a cooperation, or all.
    pub async fn series_list(&self, filter: &SeriesFilter) -> Result<Vec<Series>> {
        if let Some(n) = &filter.network {
            self.scope.visible_network(n).await?;
        }
        let hidden = self.scope.hidden_networks().await?;
        let mut all = self.store().list_series(filter).await?;
        all.retain(|s| {
            s.network.as_ref().is_none_or(|n| !hidden.contains(n))
                && self.sees_item(s.network.as_ref(), &s.visibility)
        });
        Ok(all)
    }

    /// One series, if the reader may see it ("not found" otherwise).
    pub async fn series(&self, slug: &Slug) -> Result<Series> {
        let s = self.store().get_series(slug).await?;
        let hidden = match &s.network {
            Some(n) => self.scope.visible_network(n).await.is_err(),
            None => false,
        };
        if hidden || !self.sees_item(s.network.as_ref(), &s.visibility) {
            return Err(AppError::NotFound {
                entity: "series",
                key: slug.to_string(),
            });
        }
        Ok(s)
    }

    /// Checks `s` with the domain rules and the engine (the rule expands, the
    /// host and rotation exist) before anything is stored.
    async fn check_series(&self, s: &Series, records: &MeetingRecords) -> Result<()> {
        s.validate()?;
        if let Some(n) = &s.network {
            self.store()
                .get_network(n)
                .await
                .map_err(|_| invalid("network", format!("network '{n}' does not exist")))?;
            for (i, c) in s.cohorts.iter().enumerate() {
                self.store().get_cohort(n, c).await.map_err(|_| {
                    invalid(
                        &format!("cohorts[{i}]"),
                        format!("network '{n}' has no cohort '{c}'"),
                    )
                })?;
            }
        }
        if let Some(k) = s.cooperation {
            self.store()
                .get_cooperation(k)
                .await
                .map_err(|_| invalid("cooperation", format!("cooperation {k} does not exist")))?;
        }
        let facts = self.facts(std::slice::from_ref(s)).await?;
        let ctx = self.context(s, records, &facts)?;
        // Expanding a year past the start proves the rule and the rotation work.
        let probe = ctx.engine.recurrence.start().date_naive() + Duration::days(366);
        cal::schedule(&ctx.engine, probe).map_err(engine_error)?;
        Ok(())
    }

    /// Adds a series after checking that it expands (coordinators of its
    /// network; admins for a cooperation's series).
    pub async fn create_series(&self, s: &Series) -> Result<()> {
        self.may_create(s).await?;
        self.check_series(s, &MeetingRecords::default()).await?;
        let mut w = self.scope.write().await?;
        w.tx().create_series(s).await?;
        w.commit(
            Audit::new(AuditAction::SeriesCreate, s.network.as_ref(), &s.slug).detail(&s.title),
        )
        .await
    }

    /// Replaces a series' settings. Its manual changes stay and apply to every
    /// date the new rule still gives. Moving it to another owner needs the
    /// right to create series there as well.
    pub async fn update_series(&self, slug: &Slug, s: &Series) -> Result<()> {
        self.scope.may_series(slug, SeriesIntent::Manage).await?;
        let before = self.store().get_series(slug).await?;
        if s.network != before.network {
            self.may_create(s).await?;
        }
        let records = self.store().meeting_records(slug).await?;
        self.check_series(s, &records).await?;
        let mut w = self.scope.write().await?;
        w.tx().update_series(slug, s).await?;
        w.commit(Audit::new(
            AuditAction::SeriesUpdate,
            before.network.as_ref(),
            slug,
        ))
        .await
    }

    /// May the actor put `s` where it names? A network that does not exist
    /// answers "not found" like a hidden one — except to those who run the
    /// platform and see every network anyway: they learn which field is
    /// wrong when the series is checked.
    async fn may_create(&self, s: &Series) -> Result<()> {
        match self.scope.may_create_series(s.network.as_ref()).await {
            Err(AppError::NotFound {
                entity: "network", ..
            }) if self.scope.authorize(&Action::ManagePlatform).is_ok() => Ok(()),
            other => other,
        }
    }

    /// Removes a series and everything stored about its meetings.
    pub async fn delete_series(&self, slug: &Slug) -> Result<()> {
        self.scope.may_series(slug, SeriesIntent::Manage).await?;
        let before = self.store().get_series(slug).await?;
        let mut w = self.scope.write().await?;
        w.tx().delete_series(slug).await?;
        w.commit(
            Audit::new(AuditAction::SeriesDelete, before.network.as_ref(), slug)
                .detail(&before.title),
        )
        .await
    }
}
