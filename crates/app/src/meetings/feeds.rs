//! iCalendar feeds of a series, a network and a person's followed series.
//! A feed numbers each event's `SEQUENCE` from marks of what the public
//! feed showed last, so calendar programs notice a changed meeting.
//!
//! Every feed computes all its series in one batch and reads all their
//! marks in one statement, so a network's feed costs as many statements as
//! a single series' feed.

use std::collections::{BTreeSet, HashMap};

use chrono::{DateTime, Duration, NaiveDate, Utc};
use knotenpunkt_calendar as cal;
use knotenpunkt_domain::{Person, Series, Slug};
use knotenpunkt_store::{FeedMark, Raise, SeriesFilter};

use super::engine::Computed;
use super::{FeedLanguage, FeedSettings, Meetings, Result, Window};

/// Marks to save, per series.
type Changed = Vec<(Slug, Vec<(NaiveDate, FeedMark)>)>;

impl Meetings {
    /// Feed events of `series` (already filtered for the reader) in the
    /// window around `settings.today`, with `SEQUENCE` raised for every
    /// meeting that changed since a feed last showed it.
    async fn feed_events(
        &self,
        series: Vec<Series>,
        settings: &FeedSettings,
    ) -> Result<Vec<cal::ics::FeedEvent>> {
        let window = Window::around(settings.today);
        let slugs: Vec<Slug> = series.iter().map(|s| s.slug.clone()).collect();
        let (all, _) = self
            .computed_all(series, window.to + Duration::days(14))
            .await?;
        let mut marks = self.store().feed_marks_of(&slugs).await?;
        let mut events = Vec::new();
        let mut changed: Changed = Vec::new();
        for c in &all {
            let known = marks.remove(&c.series.slug).unwrap_or_default();
            let (e, new) = events_of(c, &known, settings, window);
            events.extend(e);
            if !new.is_empty() {
                changed.push((c.series.slug.clone(), new));
            }
        }
        // Marks record what the public feed showed. A signed-in reader's
        // feed may show more (network-only agenda points); it numbers its
        // events from the same marks but does not overwrite them, or the
        // public and private feeds would keep raising each other's SEQUENCE.
        if self.scope.actor().is_signed_in() {
            return Ok(events);
        }
        // The feed is right even when the marks cannot be saved (a busy
        // database); the next request raises the sequence then.
        if let Err(e) = self.save_marks(&changed).await {
            tracing::warn!(error = %e, "feed marks not saved");
        }
        Ok(events)
    }

    /// Saves changed feed marks in one transaction: bookkeeping of what
    /// feeds showed, not an act of a person, so no audit entry; and nothing
    /// a page shows, so no counter rises.
    async fn save_marks(&self, changed: &Changed) -> Result<()> {
        if changed.is_empty() {
            return Ok(());
        }
        let mut w = self.scope.write().await?;
        w.tx().save_feed_marks(changed).await?;
        w.commit_bookkeeping(Raise::NONE).await
    }

    /// The iCalendar feed of one series.
    pub async fn series_feed(&self, slug: &Slug, settings: &FeedSettings) -> Result<String> {
        let s = self.series(slug).await?;
        let feed = cal::ics::Feed {
            name: s.title.clone(),
            description: s.description.clone(),
            refresh_hours: 6,
            labels: labels(settings.language),
        };
        let events = self.feed_events(vec![s], settings).await?;
        Ok(cal::ics::render(&feed, &events))
    }

    /// One iCalendar feed of every series `person` follows, as far as the
    /// reader (the person, through their feed secret) may see them; a
    /// series they lost access to simply drops out.
    pub async fn personal_feed(&self, person: &Person, settings: &FeedSettings) -> Result<String> {
        let follows: BTreeSet<Slug> = self.store().follows(person.id).await?.into_iter().collect();
        let mut series = if follows.is_empty() {
            Vec::new()
        } else {
            self.series_list(&SeriesFilter::default()).await?
        };
        series.retain(|s| follows.contains(&s.slug));
        let mut events = self.feed_events(series, settings).await?;
        // And the events the person registered for.
        events.extend(
            crate::events::Events::build(self.scope.clone())
                .feed_events(None, Some(person.id), settings)
                .await?,
        );
        events.sort_by(|a, b| (a.occurrence.start, &a.uid).cmp(&(b.occurrence.start, &b.uid)));
        let feed = cal::ics::Feed {
            name: match settings.language {
                FeedLanguage::De => format!("Knotenpunkt – Termine von {}", person.name),
                FeedLanguage::En => format!("Knotenpunkt – meetings of {}", person.name),
            },
            description: None,
            refresh_hours: 3,
            labels: labels(settings.language),
        };
        Ok(cal::ics::render(&feed, &events))
    }

    /// One iCalendar feed of every series of a network.
    pub async fn network_feed(&self, network: &Slug, settings: &FeedSettings) -> Result<String> {
        let n = self.scope.visible_network(network).await?;
        let series = self
            .series_list(&SeriesFilter {
                network: Some(network.clone()),
                ..SeriesFilter::default()
            })
            .await?;
        let mut events = self.feed_events(series, settings).await?;
        // And the network's events still to come that the reader may see.
        events.extend(
            crate::events::Events::build(self.scope.clone())
                .feed_events(Some(network), None, settings)
                .await?,
        );
        events.sort_by(|a, b| (a.occurrence.start, &a.uid).cmp(&(b.occurrence.start, &b.uid)));
        let feed = cal::ics::Feed {
            name: match settings.language {
                FeedLanguage::De => format!("{} – Termine", n.name),
                FeedLanguage::En => format!("{} – meetings", n.name),
            },
            description: Some(n.description.clone()),
            refresh_hours: 6,
            labels: labels(settings.language),
        };
        Ok(cal::ics::render(&feed, &events))
    }
}

/// The events of one computed series in `window`, numbered from `marks`,
/// and the marks that changed.
fn events_of(
    c: &Computed,
    marks: &HashMap<NaiveDate, FeedMark>,
    settings: &FeedSettings,
    window: Window,
) -> (Vec<cal::ics::FeedEvent>, Vec<(NaiveDate, FeedMark)>) {
    let s = &c.series;
    let key = match &s.network {
        Some(n) => format!("{n}-{}", s.slug),
        None => s.slug.to_string(),
    };
    let mut events = Vec::new();
    let mut changed = Vec::new();
    for o in &c.schedule.occurrences {
        let d = o.start.date_naive();
        if d < window.from || d > window.to {
            continue;
        }
        let mut agenda = s.agenda_template.clone();
        agenda.extend(
            c.records
                .agenda
                .get(&o.recurrence_id)
                .into_iter()
                .flatten()
                .map(|p| p.text.clone()),
        );
        let mut event = cal::ics::FeedEvent {
            uid: cal::ics::event_uid(&key, o.recurrence_id, &settings.uid_domain),
            sequence: 0,
            stamp: settings.now,
            summary: s.title.clone(),
            occurrence: o.clone(),
            host_name: o.host.as_ref().map(|h| {
                c.ctx
                    .names
                    .get(&h.0)
                    .cloned()
                    .unwrap_or_else(|| h.0.clone())
            }),
            agenda,
            video_url: s.video_url.clone(),
        };
        let fp = cal::ics::fingerprint(&event);
        match marks.get(&o.recurrence_id) {
            Some(m) if m.fingerprint == fp => {
                event.sequence = m.sequence;
                event.stamp = DateTime::parse_from_rfc3339(&m.stamp)
                    .map(|t| t.with_timezone(&Utc))
                    .unwrap_or(settings.now);
            }
            previous => {
                let sequence = previous.map_or(0, |m| m.sequence.saturating_add(1));
                event.sequence = sequence;
                changed.push((
                    o.recurrence_id,
                    FeedMark {
                        fingerprint: fp,
                        sequence,
                        stamp: settings.now.to_rfc3339(),
                    },
                ));
            }
        }
        events.push(event);
    }
    (events, changed)
}

pub(crate) fn labels(language: FeedLanguage) -> cal::ics::Labels {
    match language {
        FeedLanguage::De => cal::ics::Labels::german(),
        FeedLanguage::En => cal::ics::Labels::english(),
    }
}
