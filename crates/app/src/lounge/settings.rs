//! Whether a series is a lounge, and its settings.

use super::*;

impl Lounge {
    /// The settings of a lounge, members-only like its evenings: a visitor
    /// is asked to sign in, an outsider and a series that is no lounge get
    /// the same "not found".
    pub async fn lounge_settings(&self, series: &Slug) -> Result<LoungeSettings> {
        Ok(self.lounge_series(series).await?.2)
    }

    /// The lounge settings of a series the reader may see; `None` when it
    /// is not a lounge.
    pub async fn settings(&self, series: &Slug) -> Result<Option<LoungeSettings>> {
        self.scope
            .app
            .meetings(self.scope.actor())
            .series(series)
            .await?;
        Ok(self.store().lounge_settings(series).await?)
    }

    /// Whether the reader may see `network`'s lounges and the network has
    /// one: the network's page links its coverage then. Asks the policy
    /// first and reads one statement at most.
    pub async fn has_lounge(&self, network: &Slug) -> Result<bool> {
        if self
            .scope
            .authorize(&Action::SeeLounge(network.as_str()))
            .is_err()
        {
            return Ok(false);
        }
        Ok(!self.store().lounges_of(network).await?.is_empty())
    }

    /// Whether `series` of `network`, a series the reader was already
    /// shown, is a lounge the reader may see: a meeting's page links the
    /// evening's lounge then. One statement at most.
    pub async fn is_lounge(&self, series: &Slug, network: &Slug) -> Result<bool> {
        if self
            .scope
            .authorize(&Action::SeeLounge(network.as_str()))
            .is_err()
        {
            return Ok(false);
        }
        Ok(self
            .store()
            .lounges_of(network)
            .await?
            .iter()
            .any(|(s, _)| s == series))
    }

    /// Makes a network's series a lounge, changes its settings, or (with
    /// `None`) makes it an ordinary series again (coordinators, admins).
    pub async fn set_settings(
        &self,
        series: &Slug,
        settings: Option<&LoungeSettings>,
    ) -> Result<()> {
        self.scope
            .may_series(series, crate::SeriesIntent::Manage)
            .await?;
        let s = self.store().get_series(series).await?;
        let Some(network) = s.network else {
            return Err(invalid("series", "only a network's series can be a lounge"));
        };
        if let Some(settings) = settings {
            settings.validate()?;
        }
        let mut w = self.scope.write().await?;
        w.tx().set_lounge_settings(series, settings).await?;
        let detail = match settings {
            Some(s) => format!(
                "{} × {} min, rooms of {}, {}",
                s.rounds, s.round_minutes, s.room_size, s.mix
            ),
            None => "no longer a lounge".to_owned(),
        };
        w.commit(Audit::new(AuditAction::LoungeSettings, Some(&network), series).detail(detail))
            .await
    }

    /// Records that the evening of `series` on `date` is sample data, so
    /// that its page, the coverage page and the organisations' encounters
    /// say so. Only the demo's loader records sample evenings; coordinators
    /// record real ones.
    pub(crate) async fn mark_sample(&self, series: &Slug, date: NaiveDate) -> Result<()> {
        let (_, network, _) = self.lounge_series(series).await?;
        self.scope.authorize(&Action::RunLounge(network.as_str()))?;
        let mut w = self.scope.write().await?;
        w.tx().mark_lounge_sample(series, date).await?;
        w.commit(
            Audit::new(AuditAction::LoungeSample, Some(&network), series).detail(date.to_string()),
        )
        .await
    }
}
