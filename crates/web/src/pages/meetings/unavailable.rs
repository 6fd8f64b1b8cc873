//! The form on a series' page in which an organisation of the rotation says
//! on which of the coming dates it cannot host.

use std::collections::BTreeSet;

use chrono::NaiveDate;

use knotenpunkt_app::{Declaring, Meeting, SeriesSchedule};

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

/// The form for the viewer's organisation, ticked as declared, or as
/// posted with its problems.
pub(super) fn form(
    ctx: &Ctx,
    schedule: &SeriesSchedule,
    declaring: &Declaring,
    today: NaiveDate,
    posted: Option<(FormData, Rejected)>,
) -> UnavailableForm {
    let slug = &schedule.series.slug;
    let declared = &declaring.declared;
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
        organization: declaring.organization.name.clone(),
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
    form
}
