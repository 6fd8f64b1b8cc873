//! What other pages show of the meetings: the network page's next meeting
//! and an organisation's next turns as host.

use chrono::Duration;
use knotenpunkt_app::domain::Slug;
use knotenpunkt_app::{AppError, Directory, MeetingStatus, SeriesFilter, Window};

use crate::pages::ctx::Ctx;
use crate::pages::ui::MeetingRow;

/// How far ahead the network page looks for its next meeting, in days.
const NEXT_WITHIN_DAYS: i64 = 92;

/// How many turns as host an organisation's page lists.
const TURNS: usize = 5;

/// The network page's teaser: the next meeting that takes place, if any in
/// the coming weeks, and whether the network has series at all.
pub(crate) async fn next_meeting(
    dir: &Directory,
    ctx: &Ctx,
    network: &Slug,
) -> Result<(bool, Option<MeetingRow>), AppError> {
    let has_series = !dir
        .series_list(&SeriesFilter {
            network: Some(network.clone()),
            ..SeriesFilter::default()
        })
        .await?
        .is_empty();
    if !has_series {
        return Ok((false, None));
    }
    let today = dir.app().today();
    let window = Window::new(today, today + Duration::days(NEXT_WITHIN_DAYS))?;
    let next = dir
        .network_meetings(network, window)
        .await?
        .into_iter()
        .find(|m| m.status != MeetingStatus::Cancelled)
        .map(|m| MeetingRow::new(ctx, &m));
    Ok((true, next))
}

/// An organisation's next turns as host, for its page.
pub(crate) async fn host_turns(
    dir: &Directory,
    ctx: &Ctx,
    org: &Slug,
) -> Result<Vec<MeetingRow>, AppError> {
    Ok(dir
        .host_turns(org, dir.app().today(), TURNS)
        .await?
        .iter()
        .map(|m| MeetingRow::new(ctx, m))
        .collect())
}
