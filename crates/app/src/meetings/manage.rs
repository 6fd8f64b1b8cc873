//! Reads for the pages that manage a network's series: the gate of those
//! pages, everything the edit page shows, and the organisations a series
//! can name as host — each with a fixed number of statements.

use chrono::{Duration, NaiveDate};
use knotenpunkt_domain::{Series, SeriesException, Slug};
use knotenpunkt_store::{MembershipFilter, Page};

use super::schedule::schedule_in;
use super::{Meetings, OrgRef, Result, SeriesSchedule, Window};
use crate::{AppError, SeriesIntent};

/// Everything the page that edits a series shows.
#[derive(Debug, Clone)]
pub struct ManagedSeries {
    /// The series and its meetings around today.
    pub schedule: SeriesSchedule,
    /// Its manual changes, by date.
    pub exceptions: Vec<SeriesException>,
    /// Who may host its meetings: the network's current members and its
    /// coordinator, by name.
    pub hosts: Vec<OrgRef>,
    /// Today, which splits the meetings into coming and past.
    pub today: NaiveDate,
}

impl Meetings {
    /// Series `slug` of `network`, if the viewer may manage it: "not
    /// found" when it belongs elsewhere, the policy's answer otherwise.
    pub async fn series_to_manage(&self, network: &Slug, slug: &Slug) -> Result<Series> {
        let s = self.series(slug).await?;
        if s.network.as_ref() != Some(network) {
            return Err(AppError::NotFound {
                entity: "series",
                key: slug.to_string(),
            });
        }
        self.scope
            .may_series_loaded(&s, SeriesIntent::Manage)
            .await?;
        Ok(s)
    }

    /// The edit page of series `slug` of `network`.
    pub async fn managed_series(&self, network: &Slug, slug: &Slug) -> Result<ManagedSeries> {
        let s = self.series_to_manage(network, slug).await?;
        let today = self.today();
        let window = Window::around(today);
        let (mut all, facts) = self
            .computed_all(vec![s], window.to + Duration::days(14))
            .await?;
        let c = all.pop().ok_or_else(|| AppError::NotFound {
            entity: "series",
            key: slug.to_string(),
        })?;
        let coordinator = facts
            .networks
            .get(network)
            .and_then(|n| n.coordinator.clone());
        let members = facts
            .memberships
            .get(network)
            .into_iter()
            .flatten()
            .filter(|m| m.left_on.is_none())
            .map(|m| m.organization.clone());
        let hosts = by_name(members.chain(coordinator), |o| facts.name(o));
        Ok(ManagedSeries {
            schedule: schedule_in(&c, window),
            exceptions: c.records.exceptions.clone(),
            hosts,
            today,
        })
    }

    /// Who may host the series of `network` (those who may manage it):
    /// its current members and its coordinator, by name.
    pub async fn possible_hosts(&self, network: &Slug) -> Result<Vec<OrgRef>> {
        let n = self.scope.may_manage_network(network).await?;
        let mut slugs: Vec<Slug> = self
            .store()
            .list_memberships(
                &MembershipFilter {
                    network: Some(network.clone()),
                    ..MembershipFilter::default()
                },
                Page::ALL,
            )
            .await?
            .items
            .into_iter()
            .filter(|w| w.value.left_on.is_none())
            .map(|w| w.value.organization)
            .collect();
        slugs.extend(n.coordinator);
        slugs.sort();
        slugs.dedup();
        let names: std::collections::HashMap<Slug, String> = self
            .store()
            .organizations_named(&slugs)
            .await?
            .into_iter()
            .map(|o| (o.slug, o.name))
            .collect();
        Ok(by_name(slugs.into_iter(), |o| {
            names.get(o).cloned().unwrap_or_else(|| o.to_string())
        }))
    }
}

/// Organisations once each, with their names, ordered by name (then slug).
fn by_name(slugs: impl Iterator<Item = Slug>, name: impl Fn(&Slug) -> String) -> Vec<OrgRef> {
    let mut out: Vec<OrgRef> = slugs
        .map(|slug| OrgRef {
            name: name(&slug),
            slug,
        })
        .collect();
    out.sort_by(|a, b| (&a.name, &a.slug).cmp(&(&b.name, &b.slug)));
    out.dedup_by(|a, b| a.slug == b.slug);
    out
}
