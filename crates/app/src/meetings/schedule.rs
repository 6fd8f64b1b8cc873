//! Computed meetings: a series' schedule in a window, one meeting with
//! its records, a network's meetings and an organisation's host turns.

use chrono::{Duration, NaiveDate};
use knotenpunkt_domain::{AgendaPoint, HostingKind, Series, SeriesException, Slug};
use knotenpunkt_store::SeriesFilter;

use super::engine::{Computed, Facts, notice, to_meeting};
use super::{
    AgendaItem, FUTURE_DAYS, Meeting, MeetingDetail, MeetingStatus, Meetings, OrgRef, Result,
    SeriesSchedule, Window,
};
use crate::AppError;

impl Meetings {
    /// The meetings of a series whose start falls into `window`.
    pub async fn series_schedule(&self, slug: &Slug, window: Window) -> Result<SeriesSchedule> {
        // A meeting moved a week earlier is still found: compute a week past the window.
        let s = self.series(slug).await?;
        let (mut all, _) = self
            .computed_all(vec![s], window.to + Duration::days(14))
            .await?;
        let c = all.pop().ok_or_else(|| AppError::NotFound {
            entity: "series",
            key: slug.to_string(),
        })?;
        Ok(schedule_in(&c, window))
    }

    /// One meeting, by the date the rule gave it.
    pub async fn meeting(&self, slug: &Slug, date: NaiveDate) -> Result<MeetingDetail> {
        let s = self.series(slug).await?;
        self.meeting_of(s, date).await
    }

    /// [`Self::meeting`] of a series the caller has already read through
    /// [`Self::series`] (so the reader may see it): saves reading it again.
    pub(crate) async fn meeting_of(&self, s: Series, date: NaiveDate) -> Result<MeetingDetail> {
        let slug = s.slug.clone();
        let (mut all, facts) = self.computed_all(vec![s], date).await?;
        let c = all.pop().ok_or_else(|| AppError::NotFound {
            entity: "series",
            key: slug.to_string(),
        })?;
        self.detail_of(&c, &facts, date).await
    }

    /// The meeting of a computed series on `date` with its records: two
    /// statements (attendance, minutes) whatever their length.
    pub(super) async fn detail_of(
        &self,
        c: &Computed,
        facts: &Facts,
        date: NaiveDate,
    ) -> Result<MeetingDetail> {
        let Computed {
            series: s,
            records,
            ctx,
            schedule,
        } = c;
        let slug = &s.slug;
        let o = schedule.get(date).ok_or_else(|| AppError::NotFound {
            entity: "meeting",
            key: format!("{slug}/{date}"),
        })?;
        let meeting = to_meeting(s, o, &ctx.names, records);
        let name_of = |p: &Slug| -> Result<String> {
            match ctx.names.get(p.as_str()) {
                Some(n) => Ok(n.clone()),
                None => org_name(facts, p),
            }
        };
        let mut attendance = Vec::new();
        for p in self.store().attendance(slug, date).await? {
            attendance.push(OrgRef {
                name: name_of(&p)?,
                slug: p,
            });
        }
        let mut agenda: Vec<AgendaItem> = s
            .agenda_template
            .iter()
            .map(|t| AgendaItem {
                id: None,
                text: t.clone(),
                by: None,
                visibility: None,
            })
            .collect();
        for AgendaPoint {
            id,
            text,
            by,
            visibility,
        } in records.agenda.get(&date).cloned().unwrap_or_default()
        {
            let by = match by {
                Some(b) => Some(OrgRef {
                    name: name_of(&b)?,
                    slug: b,
                }),
                None => None,
            };
            agenda.push(AgendaItem {
                id: Some(id),
                text,
                by,
                visibility: Some(visibility),
            });
        }
        let minutes = self
            .store()
            .minutes(slug, date)
            .await?
            .filter(|(_, v)| self.sees_item(s.network.as_ref(), v));
        Ok(MeetingDetail {
            meeting,
            agenda,
            minutes_visibility: minutes.as_ref().map(|(_, v)| v.clone()),
            minutes: minutes.map(|(text, _)| text),
            attendance,
        })
    }

    /// The meetings of every series of a network in `window`, by start;
    /// all series are computed in one batch.
    pub async fn network_meetings(&self, network: &Slug, window: Window) -> Result<Vec<Meeting>> {
        let series = self
            .series_list(&SeriesFilter {
                network: Some(network.clone()),
                ..SeriesFilter::default()
            })
            .await?;
        self.meetings_of(series, window).await
    }

    /// The meetings of every series the reader sees in `window`, by start
    /// (what reminders look ahead at).
    pub(crate) async fn all_meetings(&self, window: Window) -> Result<Vec<Meeting>> {
        let series = self.series_list(&SeriesFilter::default()).await?;
        self.meetings_of(series, window).await
    }

    /// The meetings of `series` in `window`, by start, computed in one batch.
    async fn meetings_of(&self, series: Vec<Series>, window: Window) -> Result<Vec<Meeting>> {
        let (all, _) = self
            .computed_all(series, window.to + Duration::days(14))
            .await?;
        let mut out: Vec<Meeting> = all
            .into_iter()
            .flat_map(|c| schedule_in(&c, window).meetings)
            .collect();
        out.sort_by(|a, b| (a.start_utc, &a.series).cmp(&(b.start_utc, &b.series)));
        Ok(out)
    }

    /// The next meetings (from `today` on, not cancelled) that `organization`
    /// hosts; every hosted series is computed in one batch.
    pub async fn host_turns(
        &self,
        organization: &Slug,
        today: NaiveDate,
        limit: usize,
    ) -> Result<Vec<Meeting>> {
        self.store().get_organization(organization).await?;
        let window = Window {
            from: today,
            to: today + Duration::days(FUTURE_DAYS),
        };
        let mut series = self.series_list(&SeriesFilter::default()).await?;
        series.retain(|s| s.hosting != HostingKind::None);
        let (all, _) = self
            .computed_all(series, window.to + Duration::days(14))
            .await?;
        let mut out: Vec<Meeting> = all
            .into_iter()
            .flat_map(|c| schedule_in(&c, window).meetings)
            .filter(|m| {
                m.status != MeetingStatus::Cancelled
                    && m.host.as_ref().is_some_and(|h| &h.slug == organization)
            })
            .collect();
        out.sort_by(|a, b| (a.start_utc, &a.series).cmp(&(b.start_utc, &b.series)));
        out.truncate(limit);
        Ok(out)
    }

    /// The manual changes of a series.
    pub async fn series_exceptions(&self, slug: &Slug) -> Result<Vec<SeriesException>> {
        self.series(slug).await?;
        Ok(self.store().meeting_records(slug).await?.exceptions)
    }
}

/// The meetings of a computed series whose start falls into `window`.
pub(super) fn schedule_in(c: &Computed, window: Window) -> SeriesSchedule {
    let Computed {
        series,
        records,
        ctx,
        schedule,
    } = c;
    let mut meetings: Vec<Meeting> = schedule
        .occurrences
        .iter()
        .filter(|o| {
            let d = o.start.date_naive();
            window.from <= d && d <= window.to
        })
        .map(|o| to_meeting(series, o, &ctx.names, records))
        .collect();
    meetings.sort_by_key(|m| (m.start_utc, m.date));
    SeriesSchedule {
        notices: schedule.diagnostics.iter().map(notice).collect(),
        rotation: ctx.rotation.clone(),
        series: series.clone(),
        meetings,
    }
}

/// The name of an organisation a meeting's records mention.
fn org_name(facts: &Facts, slug: &Slug) -> Result<String> {
    facts
        .orgs
        .get(slug)
        .map(|o| o.name.clone())
        .ok_or_else(|| AppError::NotFound {
            entity: "organization",
            key: slug.to_string(),
        })
}
