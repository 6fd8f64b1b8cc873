//! The form on a series' page in which an organisation of the rotation says
//! on which of the coming dates it cannot host.

use std::collections::BTreeSet;

use chrono::NaiveDate;
use knotenpunkt_app::domain::{HostingKind, Slug};
use knotenpunkt_app::{AppError, Directory, Meeting, OrgRef, SeriesIntent, SeriesSchedule};

use crate::auth::Viewer;
use crate::pages::ctx::Ctx;
use crate::pages::form::{FormData, Problem, Rejected, SummaryItem};
use crate::pages::ui::when;

/// How many upcoming meetings the form offers.
const AHEAD: usize = 12;

/// One upcoming meeting to tick as "we cannot host".
pub(super) struct DateChoice {
    pub(super) id: String,
    pub(super) value: String,
    pub(super) iso: String,
    pub(super) when: String,
    pub(super) checked: bool,
}

/// The form in which an organisation of the rotation declares the dates it
/// cannot host.
pub(super) struct UnavailableForm {
    pub(super) action: String,
    pub(super) organization: String,
    pub(super) choices: Vec<DateChoice>,
    pub(super) error: Option<Problem>,
    pub(super) summary: Vec<SummaryItem>,
}

/// The upcoming meetings the form offers.
fn offered(meetings: &[Meeting], today: NaiveDate) -> impl Iterator<Item = &Meeting> {
    meetings
        .iter()
        .filter(move |m| m.start.date_naive() >= today)
        .take(AHEAD)
}

/// The dates (as the rule gives them) the form offers.
pub(super) fn offered_dates(meetings: &[Meeting], today: NaiveDate) -> BTreeSet<NaiveDate> {
    offered(meetings, today).map(|m| m.date).collect()
}

/// The viewer's organisation, when it takes turns in the series and the
/// viewer may speak for it there.
pub(super) async fn own_turn(
    dir: &Directory,
    v: &Viewer,
    schedule: &SeriesSchedule,
) -> Option<Slug> {
    let s = &schedule.series;
    let own = v
        .actor
        .organization
        .as_deref()
        .and_then(|o| o.parse::<Slug>().ok())
        .filter(|o| {
            s.hosting == HostingKind::Rotation && schedule.rotation.iter().any(|r| &r.slug == o)
        })?;
    dir.may_series(&v.actor, &s.slug, SeriesIntent::DeclareUnavailable(&own))
        .await
        .is_ok()
        .then_some(own)
}

/// The form for `org`, ticked as declared, or as posted with its problems.
pub(super) async fn form(
    dir: &Directory,
    ctx: &Ctx,
    schedule: &SeriesSchedule,
    org: &Slug,
    today: NaiveDate,
    posted: Option<(FormData, Rejected)>,
) -> Result<UnavailableForm, AppError> {
    let slug = &schedule.series.slug;
    let declared = dir
        .store()
        .meeting_records(slug)
        .await?
        .unavailable
        .get(org)
        .cloned()
        .unwrap_or_default();
    let ticked: Option<Vec<String>> = posted.as_ref().map(|(f, _)| f.all("dates"));
    let choices = offered(&schedule.meetings, today)
        .enumerate()
        .map(|(i, m)| {
            let value = m.date.format("%Y-%m-%d").to_string();
            DateChoice {
                id: format!("unavailable-{i}"),
                checked: match &ticked {
                    Some(t) => t.contains(&value),
                    None => declared.contains(&m.date),
                },
                value,
                iso: m.start.to_rfc3339(),
                when: when(ctx, m),
            }
        })
        .collect();
    let mut form = UnavailableForm {
        action: ctx.href(&format!("/reihen/{slug}/verhinderung")),
        organization: name_in(&schedule.rotation, org),
        choices,
        error: None,
        summary: Vec::new(),
    };
    if let Some((_, r)) = posted {
        // The application names the organisation; the form is about it.
        let (summary, error) = r.renamed("organization", "dates").apply_group(
            "unavailable",
            "dates",
            ctx.t("meeting-form-unavailable-heading"),
        );
        form.summary = summary;
        form.error = error;
    }
    Ok(form)
}

/// An organisation's name as the rotation gives it, or its slug.
fn name_in(rotation: &[OrgRef], org: &Slug) -> String {
    rotation
        .iter()
        .find(|r| &r.slug == org)
        .map(|r| r.name.clone())
        .unwrap_or_else(|| org.to_string())
}
