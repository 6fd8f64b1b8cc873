//! The directory's older names for the meetings' use cases. Each one hands
//! over to [`Meetings`] built for the same actor, so the policy and the
//! audit log apply exactly as there; new code calls `app.meetings(&actor)`.

use std::collections::BTreeSet;

use chrono::NaiveDate;
use knotenpunkt_domain::{
    AgendaPoint, ExceptionChange, Person, Series, SeriesException, Slug, Visibility,
};
use knotenpunkt_store::SeriesFilter;

use super::{FeedSettings, Meeting, MeetingDetail, Meetings, Result, SeriesSchedule, Window};
use crate::Directory;

impl Directory {
    /// The meetings' use cases for the same actor.
    pub fn meetings(&self) -> Meetings {
        Meetings::build(self.scope.clone())
    }

    /// See [`Meetings::series_list`].
    pub async fn series_list(&self, filter: &SeriesFilter) -> Result<Vec<Series>> {
        self.meetings().series_list(filter).await
    }

    /// See [`Meetings::series`].
    pub async fn series(&self, slug: &Slug) -> Result<Series> {
        self.meetings().series(slug).await
    }

    /// See [`Meetings::create_series`].
    pub async fn create_series(&self, s: &Series) -> Result<()> {
        self.meetings().create_series(s).await
    }

    /// See [`Meetings::update_series`].
    pub async fn update_series(&self, slug: &Slug, s: &Series) -> Result<()> {
        self.meetings().update_series(slug, s).await
    }

    /// See [`Meetings::delete_series`].
    pub async fn delete_series(&self, slug: &Slug) -> Result<()> {
        self.meetings().delete_series(slug).await
    }

    /// See [`Meetings::series_schedule`].
    pub async fn series_schedule(&self, slug: &Slug, window: Window) -> Result<SeriesSchedule> {
        self.meetings().series_schedule(slug, window).await
    }

    /// See [`Meetings::meeting`].
    pub async fn meeting(&self, slug: &Slug, date: NaiveDate) -> Result<MeetingDetail> {
        self.meetings().meeting(slug, date).await
    }

    /// See [`Meetings::network_meetings`].
    pub async fn network_meetings(&self, network: &Slug, window: Window) -> Result<Vec<Meeting>> {
        self.meetings().network_meetings(network, window).await
    }

    /// See [`Meetings::host_turns`].
    pub async fn host_turns(
        &self,
        organization: &Slug,
        today: NaiveDate,
        limit: usize,
    ) -> Result<Vec<Meeting>> {
        self.meetings().host_turns(organization, today, limit).await
    }

    /// See [`Meetings::series_exceptions`].
    pub async fn series_exceptions(&self, slug: &Slug) -> Result<Vec<SeriesException>> {
        self.meetings().series_exceptions(slug).await
    }

    /// See [`Meetings::set_exception`].
    pub async fn set_exception(
        &self,
        slug: &Slug,
        date: NaiveDate,
        change: ExceptionChange,
    ) -> Result<()> {
        self.meetings().set_exception(slug, date, change).await
    }

    /// See [`Meetings::delete_exceptions`].
    pub async fn delete_exceptions(&self, slug: &Slug, date: NaiveDate) -> Result<()> {
        self.meetings().delete_exceptions(slug, date).await
    }

    /// See [`Meetings::set_unavailable`].
    pub async fn set_unavailable(
        &self,
        slug: &Slug,
        organization: &Slug,
        dates: &BTreeSet<NaiveDate>,
    ) -> Result<()> {
        self.meetings()
            .set_unavailable(slug, organization, dates)
            .await
    }

    /// See [`Meetings::add_agenda_point`].
    pub async fn add_agenda_point(
        &self,
        slug: &Slug,
        date: NaiveDate,
        text: &str,
        by: Option<&Slug>,
        visibility: Option<Visibility>,
    ) -> Result<AgendaPoint> {
        self.meetings()
            .add_agenda_point(slug, date, text, by, visibility)
            .await
    }

    /// See [`Meetings::delete_agenda_point`].
    pub async fn delete_agenda_point(&self, slug: &Slug, date: NaiveDate, id: i64) -> Result<()> {
        self.meetings().delete_agenda_point(slug, date, id).await
    }

    /// See [`Meetings::set_minutes`].
    pub async fn set_minutes(
        &self,
        slug: &Slug,
        date: NaiveDate,
        text: &str,
        visibility: Option<Visibility>,
    ) -> Result<()> {
        self.meetings()
            .set_minutes(slug, date, text, visibility)
            .await
    }

    /// See [`Meetings::set_attendance`].
    pub async fn set_attendance(
        &self,
        slug: &Slug,
        date: NaiveDate,
        present: &[Slug],
    ) -> Result<()> {
        self.meetings().set_attendance(slug, date, present).await
    }

    /// See [`Meetings::series_feed`].
    pub async fn series_feed(&self, slug: &Slug, settings: &FeedSettings) -> Result<String> {
        self.meetings().series_feed(slug, settings).await
    }

    /// See [`Meetings::personal_feed`].
    pub async fn personal_feed(&self, person: &Person, settings: &FeedSettings) -> Result<String> {
        self.meetings().personal_feed(person, settings).await
    }

    /// See [`Meetings::network_feed`].
    pub async fn network_feed(&self, network: &Slug, settings: &FeedSettings) -> Result<String> {
        self.meetings().network_feed(network, settings).await
    }
}
