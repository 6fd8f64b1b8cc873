//! Manual changes of single meetings (cancel, move, another host, a swap
//! of hosts) and the dates an organisation declared it cannot host.

use std::collections::BTreeSet;

use chrono::NaiveDate;
use knotenpunkt_calendar as cal;
use knotenpunkt_domain::{ExceptionChange, HostingKind, SeriesException, Slug};

use super::engine::engine_error;
use super::{Meetings, Result, invalid};
use crate::audit::AuditAction;
use crate::scope::Audit;
use crate::{AppError, SeriesIntent};

/// A meeting in the audit log: `series/2026-05-28`.
pub(super) fn day_target(slug: &Slug, date: NaiveDate) -> String {
    format!("{slug}/{}", date.format("%Y-%m-%d"))
}

/// The audit log's kind and words for a manual change, so a reader of the
/// log can undo it.
fn audit_of(change: &ExceptionChange) -> (AuditAction, Option<String>) {
    match change {
        ExceptionChange::Cancel { note } => (AuditAction::ExceptionCancel, note.clone()),
        ExceptionChange::Move { to, note } => (
            AuditAction::ExceptionMove,
            Some(match note {
                Some(n) => format!("→ {to}: {n}"),
                None => format!("→ {to}"),
            }),
        ),
        ExceptionChange::Host { organization } => (
            AuditAction::ExceptionHost,
            Some(format!("→ {organization}")),
        ),
        ExceptionChange::Swap { with, .. } => (
            AuditAction::ExceptionSwap,
            Some(format!("↔ {}", with.format("%Y-%m-%d"))),
        ),
    }
}

impl Meetings {
    /// Stores a manual change for the meeting the rule gave `date`, after
    /// checking it against the schedule: the date is a meeting, a host takes
    /// part, a swap stays within the series.
    pub async fn set_exception(
        &self,
        slug: &Slug,
        date: NaiveDate,
        change: ExceptionChange,
    ) -> Result<()> {
        self.scope.may_series(slug, SeriesIntent::Manage).await?;
        change.validate()?;
        let (action, detail) = audit_of(&change);
        let through = match &change {
            ExceptionChange::Swap { with, .. } => date.max(*with),
            _ => date,
        };
        let (s, mut records, _ctx, schedule) = self.computed(slug, through).await?;
        if schedule.get(date).is_none() {
            return Err(invalid(
                "date",
                format!("{date} is not a meeting of series '{slug}'"),
            ));
        }
        match &change {
            ExceptionChange::Move { to, .. } => {
                cal::parse_local_datetime("to", to).map_err(engine_error)?;
            }
            ExceptionChange::Host { organization } => {
                if s.hosting == HostingKind::None {
                    return Err(invalid("organization", "this series has no hosts"));
                }
                self.store()
                    .get_organization(organization)
                    .await
                    .map_err(|_| {
                        invalid(
                            "organization",
                            format!("organisation '{organization}' does not exist"),
                        )
                    })?;
            }
            ExceptionChange::Swap { with, series } => {
                if let Some(other) = series
                    && other != slug
                {
                    return Err(invalid(
                        "series",
                        format!("hosts can only be swapped within one series, not with '{other}'"),
                    ));
                }
                if *with == date {
                    return Err(invalid("with", "a meeting cannot swap with itself"));
                }
                schedule
                    .check_swap(date, *with)
                    .map_err(|e| invalid("with", e.to_string()))?;
            }
            ExceptionChange::Cancel { .. } => {}
        }
        // The change must leave a schedule that still computes.
        let stored = SeriesException {
            date,
            change: match change {
                ExceptionChange::Swap { with, .. } => ExceptionChange::Swap { with, series: None },
                other => other,
            },
        };
        records
            .exceptions
            .retain(|e| !(e.date == date && e.change.slot() == stored.change.slot()));
        records.exceptions.push(stored.clone());
        let facts = self.facts(std::slice::from_ref(&s)).await?;
        let ctx = self.context(&s, &records, &facts)?;
        cal::schedule(&ctx.engine, through).map_err(engine_error)?;
        let mut w = self.scope.write().await?;
        w.tx().set_exception(slug, &stored).await?;
        w.commit(
            Audit::new(action, s.network.as_ref(), day_target(slug, date)).maybe_detail(detail),
        )
        .await
    }

    /// Removes the manual changes of one meeting.
    pub async fn delete_exceptions(&self, slug: &Slug, date: NaiveDate) -> Result<()> {
        self.scope.may_series(slug, SeriesIntent::Manage).await?;
        let network = self.store().get_series(slug).await?.network;
        let mut w = self.scope.write().await?;
        if w.tx().delete_exceptions(slug, date).await? == 0 {
            return Err(AppError::NotFound {
                entity: "exception",
                key: format!("{slug}/{date}"),
            });
        }
        w.commit(Audit::new(
            AuditAction::ExceptionDelete,
            network.as_ref(),
            day_target(slug, date),
        ))
        .await
    }

    /// Replaces the dates `organization` declared it cannot host.
    pub async fn set_unavailable(
        &self,
        slug: &Slug,
        organization: &Slug,
        dates: &BTreeSet<NaiveDate>,
    ) -> Result<()> {
        self.scope
            .may_series(slug, SeriesIntent::DeclareUnavailable(organization))
            .await?;
        let s = self.store().get_series(slug).await?;
        if s.hosting != HostingKind::Rotation {
            return Err(invalid(
                "organization",
                "only a rotating series takes declared dates",
            ));
        }
        let records = self.store().meeting_records(slug).await?;
        let facts = self.facts(std::slice::from_ref(&s)).await?;
        let ctx = self.context(&s, &records, &facts)?;
        if !ctx.rotation.iter().any(|o| &o.slug == organization) {
            return Err(invalid(
                "organization",
                format!("'{organization}' is not in the rotation of '{slug}'"),
            ));
        }
        let list = dates
            .iter()
            .map(|d| d.format("%Y-%m-%d").to_string())
            .collect::<Vec<_>>()
            .join(", ");
        let mut w = self.scope.write().await?;
        w.tx().set_unavailable(slug, organization, dates).await?;
        w.commit(
            Audit::new(
                AuditAction::UnavailableSet,
                s.network.as_ref(),
                format!("{slug}/{organization}"),
            )
            .maybe_detail((!list.is_empty()).then_some(list)),
        )
        .await
    }
}
