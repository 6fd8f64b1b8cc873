//! What is recorded about one meeting: agenda points raised by
//! participants, the minutes and who attended.

use std::collections::BTreeSet;

use chrono::NaiveDate;
use knotenpunkt_domain::{AgendaPoint, Slug, Visibility, check_agenda_text};

use super::exceptions::day_target;
use super::{MAX_MINUTES, Meetings, Result, invalid};
use crate::audit::AuditAction;
use crate::scope::Audit;
use crate::{AppError, SeriesIntent};

impl Meetings {
    /// Fails with "not found" unless the rule gives `slug` a meeting on `date`.
    async fn existing_meeting(&self, slug: &Slug, date: NaiveDate) -> Result<()> {
        let (_, _, _, schedule) = self.computed(slug, date).await?;
        if schedule.get(date).is_none() {
            return Err(AppError::NotFound {
                entity: "meeting",
                key: format!("{slug}/{date}"),
            });
        }
        Ok(())
    }

    /// Adds a point to a meeting's agenda (participants of the series), on
    /// behalf of `by` if the actor may speak for that organisation.
    pub async fn add_agenda_point(
        &self,
        slug: &Slug,
        date: NaiveDate,
        text: &str,
        by: Option<&Slug>,
        visibility: Option<Visibility>,
    ) -> Result<AgendaPoint> {
        self.scope
            .may_series(slug, SeriesIntent::Contribute)
            .await?;
        if let Some(o) = by {
            self.scope.may_speak_for(slug, o).await?;
        }
        let mut e = Vec::new();
        check_agenda_text(&mut e, "text", text);
        if !e.is_empty() {
            return Err(AppError::Invalid(e));
        }
        self.existing_meeting(slug, date).await?;
        let (network, visibility) = self.item_visibility(slug, visibility).await?;
        let text = text.trim();
        let mut w = self.scope.write().await?;
        let id = w
            .tx()
            .add_agenda_point(slug, date, text, by, &visibility)
            .await?;
        w.commit(
            Audit::new(
                AuditAction::AgendaAdd,
                network.as_ref(),
                format!("{}/{id}", day_target(slug, date)),
            )
            .detail(text),
        )
        .await?;
        Ok(AgendaPoint {
            id,
            text: text.to_owned(),
            by: by.cloned(),
            visibility,
        })
    }

    /// Removes a raised agenda point (those who manage the series).
    pub async fn delete_agenda_point(&self, slug: &Slug, date: NaiveDate, id: i64) -> Result<()> {
        self.scope.may_series(slug, SeriesIntent::Manage).await?;
        let network = self.store().get_series(slug).await?.network;
        let mut w = self.scope.write().await?;
        w.tx().delete_agenda_point(slug, date, id).await?;
        w.commit(Audit::new(
            AuditAction::AgendaDelete,
            network.as_ref(),
            format!("{}/{id}", day_target(slug, date)),
        ))
        .await
    }

    /// Writes the minutes of a meeting; empty text removes them.
    pub async fn set_minutes(
        &self,
        slug: &Slug,
        date: NaiveDate,
        text: &str,
        visibility: Option<Visibility>,
    ) -> Result<()> {
        self.scope.may_series(slug, SeriesIntent::Record).await?;
        if text.chars().count() > MAX_MINUTES {
            return Err(invalid(
                "text",
                format!("must be at most {MAX_MINUTES} characters long"),
            ));
        }
        self.existing_meeting(slug, date).await?;
        let (network, visibility) = self.item_visibility(slug, visibility).await?;
        let text = text.trim();
        let action = if text.is_empty() {
            AuditAction::MinutesDelete
        } else {
            AuditAction::MinutesSet
        };
        let mut w = self.scope.write().await?;
        w.tx()
            .set_minutes(
                slug,
                date,
                (!text.is_empty()).then_some((text, &visibility)),
            )
            .await?;
        w.commit(Audit::new(action, network.as_ref(), day_target(slug, date)))
            .await
    }

    /// Replaces who attended a meeting.
    pub async fn set_attendance(
        &self,
        slug: &Slug,
        date: NaiveDate,
        present: &[Slug],
    ) -> Result<()> {
        self.scope.may_series(slug, SeriesIntent::Record).await?;
        let mut seen = BTreeSet::new();
        for (i, p) in present.iter().enumerate() {
            if !seen.insert(p) {
                return Err(invalid(
                    &format!("organizations[{i}]"),
                    format!("'{p}' is listed twice"),
                ));
            }
        }
        self.existing_meeting(slug, date).await?;
        let network = self.store().get_series(slug).await?.network;
        let list = present
            .iter()
            .map(Slug::as_str)
            .collect::<Vec<_>>()
            .join(", ");
        let mut w = self.scope.write().await?;
        w.tx().set_attendance(slug, date, present).await?;
        w.commit(
            Audit::new(
                AuditAction::AttendanceSet,
                network.as_ref(),
                day_target(slug, date),
            )
            .maybe_detail((!list.is_empty()).then_some(list)),
        )
        .await
    }

    /// The series' network and the visibility of a new agenda point or
    /// minutes: as asked, or by default the series' network only — what is
    /// said inside a network stays inside unless someone decides otherwise.
    /// Series of cooperations have no network; theirs default to public. A
    /// group must exist in the series' network.
    async fn item_visibility(
        &self,
        slug: &Slug,
        asked: Option<Visibility>,
    ) -> Result<(Option<Slug>, Visibility)> {
        let s = self.store().get_series(slug).await?;
        let visibility = match (asked, &s.network) {
            (Some(Visibility::Group(g)), Some(n)) => {
                if self.store().groups(n).await?.iter().any(|x| x.slug == g) {
                    Visibility::Group(g)
                } else {
                    return Err(invalid(
                        "visibility",
                        format!("network '{n}' has no group '{g}'"),
                    ));
                }
            }
            (Some(Visibility::Public), _) => Visibility::Public,
            (Some(_), None) => {
                return Err(invalid(
                    "visibility",
                    "a cooperation's series has no network; only public is possible",
                ));
            }
            (Some(v), Some(_)) => v,
            (None, Some(_)) => Visibility::Network,
            (None, None) => Visibility::Public,
        };
        Ok((s.network, visibility))
    }
}
