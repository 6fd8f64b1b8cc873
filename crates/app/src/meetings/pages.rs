//! Page-shaped reads: each page about series and meetings makes one call
//! that returns everything it shows, including what the viewer may do
//! there, so handlers neither ask the policy nor load pieces one by one.
//! Each costs a fixed number of statements (one batch of records, the
//! directory's facts once), whatever the number of members or meetings.

use std::collections::BTreeSet;

use chrono::{Duration, NaiveDate};
use knotenpunkt_domain::{HostingKind, Series, Slug};

use super::engine::{Computed, Facts};
use super::schedule::schedule_in;
use super::{Meeting, MeetingDetail, Meetings, OrgRef, Result, SeriesSchedule, Window};
use crate::{AppError, SeriesIntent};

/// Who a series belongs to, with the names pages show.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SeriesOwner {
    /// Nobody the directory knows (a cooperation that is gone).
    Nobody,
    /// A network: its slug and name.
    Network {
        /// The network's slug.
        slug: Slug,
        /// Its name.
        name: String,
    },
    /// A cooperation and its partners, in the cooperation's order.
    Cooperation {
        /// The cooperation's name.
        name: String,
        /// Its partners.
        partners: Vec<OrgRef>,
    },
}

/// What the viewer may do with a series and its meetings: the questions
/// the writes ask, answered once for a page so it shows only the forms
/// that will be accepted.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct SeriesAbilities {
    /// Raise agenda points.
    pub contribute: bool,
    /// Change the series, its meetings, remove agenda points.
    pub manage: bool,
    /// Write minutes and attendance.
    pub record: bool,
}

/// Everything a meeting's page shows.
#[derive(Debug, Clone)]
pub struct MeetingPage {
    /// The series.
    pub series: Series,
    /// Who it belongs to.
    pub owner: SeriesOwner,
    /// The meeting with its agenda, minutes and attendance.
    pub detail: MeetingDetail,
    /// The series' rotation.
    pub rotation: Vec<OrgRef>,
    /// The meeting before this one within the neighbourhood asked for.
    pub previous: Option<Meeting>,
    /// The meeting after this one within the neighbourhood asked for.
    pub next: Option<Meeting>,
    /// What the viewer may do here.
    pub can: SeriesAbilities,
    /// The viewer's own organisation, to raise a point in its name.
    pub own: Option<OrgRef>,
}

/// The viewer's organisation as it may declare dates it cannot host.
#[derive(Debug, Clone)]
pub struct Declaring {
    /// The organisation.
    pub organization: OrgRef,
    /// The dates it declared so far.
    pub declared: BTreeSet<NaiveDate>,
}

/// Everything a series' page shows.
#[derive(Debug, Clone)]
pub struct SeriesPage {
    /// The series and its meetings around today.
    pub schedule: SeriesSchedule,
    /// Who it belongs to.
    pub owner: SeriesOwner,
    /// Today, which splits the meetings into coming and past.
    pub today: NaiveDate,
    /// The viewer's organisation, when it takes turns in the series and
    /// the viewer may declare dates for it.
    pub declaring: Option<Declaring>,
}

impl Meetings {
    /// A meeting's page: the meeting, its neighbours within `within_days`
    /// and what the viewer may do.
    pub async fn meeting_page(
        &self,
        slug: &Slug,
        date: NaiveDate,
        within_days: i64,
    ) -> Result<MeetingPage> {
        let s = self.series(slug).await?;
        let within = Duration::days(within_days);
        let window = Window::new(date - within, date + within)?;
        let can = self.abilities(&s).await;
        let c = self.computed_one(s, window.to + Duration::days(14)).await?;
        let (c, facts) = c;
        let detail = self.detail_of(&c, &facts, date).await?;
        let around = schedule_in(&c, window);
        let own = self.own_organization(&facts);
        Ok(MeetingPage {
            owner: owner_of(&c.series, &facts),
            previous: around
                .meetings
                .iter()
                .rev()
                .find(|m| m.date < date)
                .cloned(),
            next: around.meetings.iter().find(|m| m.date > date).cloned(),
            rotation: around.rotation,
            series: around.series,
            detail,
            can,
            own,
        })
    }

    /// A series' page: its meetings around today and the viewer's own
    /// turns, if it may declare dates it cannot host.
    pub async fn series_page(&self, slug: &Slug) -> Result<SeriesPage> {
        let s = self.series(slug).await?;
        let today = self.today();
        let window = Window::around(today);
        let (c, facts) = self.computed_one(s, window.to + Duration::days(14)).await?;
        let schedule = schedule_in(&c, window);
        let declaring = match self.own_turn(&schedule).await {
            Some(organization) => Some(Declaring {
                declared: c
                    .records
                    .unavailable
                    .get(&organization.slug)
                    .cloned()
                    .unwrap_or_default(),
                organization,
            }),
            None => None,
        };
        Ok(SeriesPage {
            owner: owner_of(&c.series, &facts),
            schedule,
            today,
            declaring,
        })
    }

    /// One series computed, with the facts it was computed from.
    async fn computed_one(&self, s: Series, through: NaiveDate) -> Result<(Computed, Facts)> {
        let slug = s.slug.clone();
        let (mut all, facts) = self.computed_all(vec![s], through).await?;
        let c = all.pop().ok_or(AppError::NotFound {
            entity: "series",
            key: slug.to_string(),
        })?;
        Ok((c, facts))
    }

    /// The policy's answers for the forms of a series' pages.
    async fn abilities(&self, s: &Series) -> SeriesAbilities {
        let may = |intent| self.scope.may_series_loaded(s, intent);
        SeriesAbilities {
            contribute: may(SeriesIntent::Contribute).await.is_ok(),
            manage: may(SeriesIntent::Manage).await.is_ok(),
            record: may(SeriesIntent::Record).await.is_ok(),
        }
    }

    /// The viewer's organisation with its name, if it has one.
    fn own_organization(&self, facts: &Facts) -> Option<OrgRef> {
        let own: Slug = self.scope.actor().organization.as_deref()?.parse().ok()?;
        Some(OrgRef {
            name: facts.name(&own),
            slug: own,
        })
    }

    /// The viewer's organisation, when it takes turns in the series and the
    /// viewer may speak for it there.
    async fn own_turn(&self, schedule: &SeriesSchedule) -> Option<OrgRef> {
        let s = &schedule.series;
        let own: Slug = self.scope.actor().organization.as_deref()?.parse().ok()?;
        if s.hosting != HostingKind::Rotation {
            return None;
        }
        let turn = schedule.rotation.iter().find(|r| r.slug == own)?;
        self.scope
            .may_series_loaded(s, SeriesIntent::DeclareUnavailable(&own))
            .await
            .ok()
            .map(|()| turn.clone())
    }
}

/// Who `s` belongs to, named from the facts it was computed with.
fn owner_of(s: &Series, facts: &Facts) -> SeriesOwner {
    if let Some(n) = &s.network {
        return match facts.networks.get(n) {
            Some(net) => SeriesOwner::Network {
                slug: n.clone(),
                name: net.name.clone(),
            },
            None => SeriesOwner::Nobody,
        };
    }
    match s.cooperation.and_then(|k| facts.cooperations.get(&k)) {
        Some(coop) => SeriesOwner::Cooperation {
            name: coop.name.clone(),
            partners: coop
                .partners
                .iter()
                .map(|p| OrgRef {
                    slug: p.clone(),
                    name: facts.name(p),
                })
                .collect(),
        },
        None => SeriesOwner::Nobody,
    }
}

impl Meetings {
    /// Refuses a form of series `slug` before its input is read, with the
    /// policy's answer for `intent` (the same question the write asks
    /// again): so an anonymous visitor is sent to sign in, not shown what
    /// was wrong with the input.
    pub async fn open_form(&self, slug: &Slug, intent: SeriesIntent<'_>) -> Result<()> {
        self.scope.may_series(slug, intent).await
    }

    /// The organisation the viewer declares unavailable dates for in series
    /// `slug`: its own, if the policy lets it speak for it there. Without
    /// an organisation there is nobody to speak for; the answer is then the
    /// policy's for anyone else (who may not even see the series, or may
    /// manage it but still not declare).
    pub async fn declaring_for(&self, slug: &Slug) -> Result<Slug> {
        let own = self
            .scope
            .actor()
            .organization
            .as_deref()
            .map(str::parse::<Slug>);
        let Some(Ok(own)) = own else {
            self.scope.may_series(slug, SeriesIntent::Manage).await?;
            return Err(AppError::Denied(knotenpunkt_access::Denial::Forbidden));
        };
        self.scope
            .may_series(slug, SeriesIntent::DeclareUnavailable(&own))
            .await?;
        Ok(own)
    }
}
