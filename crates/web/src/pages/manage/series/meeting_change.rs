//! Changing one meeting of a series on its edit page: the form that cancels
//! or moves it, names its host or swaps hosts with another meeting; reading
//! that form; and the list of stored changes with the buttons that take
//! them back.

use chrono::{NaiveDate, NaiveDateTime};
use knotenpunkt_app::domain::limits::MAX_NOTE;
use knotenpunkt_app::domain::{ExceptionChange, HostingKind, SeriesException, Slug};
use knotenpunkt_app::{MeetingStatus, SeriesSchedule};

use super::build::local_datetime;
use super::form::Hosts;
use crate::pages::ctx::Ctx;
use crate::pages::form::{Control, FormData, Problem, Problems, Rejected, SummaryItem, optional};
use crate::pages::ui::MeetingRow;

/// The id of the form's controls.
const FORM: &str = "meeting";

/// The form to change one meeting: cancel or move it, and for a series
/// with hosts, name its host or swap hosts with another meeting.
pub(super) struct ExceptionForm {
    pub(super) action: String,
    pub(super) date: Control,
    pub(super) kind: Control,
    pub(super) to: Control,
    pub(super) note: Control,
    /// The host, for "host" (named `organization` as in the API).
    pub(super) organization: Option<Control>,
    /// The other meeting, for "swap".
    pub(super) with: Option<Control>,
    pub(super) summary: Vec<SummaryItem>,
}

impl ExceptionForm {
    /// The form for the meetings of `schedule` from `today` on, posting
    /// below `edit` (the series' edit page); `None` when there is no
    /// upcoming meeting to change. `posted` is the form come back.
    pub(super) fn new(
        ctx: &Ctx,
        edit: &str,
        schedule: &SeriesSchedule,
        hosts: &Hosts,
        today: NaiveDate,
        posted: Option<(&FormData, Rejected)>,
    ) -> Option<ExceptionForm> {
        let (f, rejected) = match posted {
            Some((f, r)) => (Some(f), Some(r)),
            None => (None, None),
        };
        let v = |k: &str| f.map(|f| f.get(k)).unwrap_or_default();
        let upcoming = upcoming(ctx, schedule, today);
        if upcoming.is_empty() {
            return None;
        }
        let kind = match v("kind") {
            k if k.is_empty() => "cancel".to_owned(),
            k => k,
        };
        // Host and swap only where somebody hosts: from the rotation, or
        // for a fixed host, from the network's members.
        let with_hosts = schedule.series.hosting != HostingKind::None;
        let mut kinds = vec![
            ("cancel", ctx.t("manage-meeting-cancel")),
            ("move", ctx.t("manage-meeting-move")),
        ];
        if with_hosts {
            kinds.push(("host", ctx.t("manage-meeting-host")));
            kinds.push(("swap", ctx.t("manage-meeting-swap")));
        }
        let choose = || std::iter::once((String::new(), ctx.t("manage-choose")));
        let organization = with_hosts.then(|| {
            Control::pick(
                FORM,
                "organization",
                "select",
                ctx.t("manage-meeting-host-org"),
                choose().chain(host_choices(schedule, hosts)),
                &[v("organization")],
            )
            .hint(ctx.t("manage-meeting-host-org-hint"))
        });
        let with = with_hosts.then(|| {
            Control::pick(
                FORM,
                "with",
                "select",
                ctx.t("manage-meeting-with"),
                choose().chain(upcoming.iter().cloned()),
                &[v("with")],
            )
            .hint(ctx.t("manage-meeting-with-hint"))
        });
        let mut form = ExceptionForm {
            action: ctx.href(&format!("{edit}/termin")),
            date: Control::pick(
                FORM,
                "date",
                "select",
                ctx.t("manage-meeting-date"),
                upcoming,
                &[v("date")],
            )
            .required()
            .wide(),
            kind: Control::pick(
                FORM,
                "kind",
                "radio",
                ctx.t("manage-meeting-kind"),
                kinds,
                &[kind],
            )
            .required(),
            to: Control::input(
                FORM,
                "to",
                "datetime-local",
                ctx.t("manage-meeting-to"),
                v("to"),
            )
            .hint(ctx.t("manage-meeting-to-hint")),
            note: Control::input(
                FORM,
                "note",
                "text",
                ctx.t("manage-meeting-note"),
                v("note"),
            )
            .maxlength(MAX_NOTE)
            .hint(ctx.t("manage-meeting-note-hint")),
            organization,
            with,
            summary: Vec::new(),
        };
        if let Some(r) = rejected {
            form.reject(r);
        }
        Some(form)
    }

    fn reject(&mut self, r: Rejected) {
        let mut controls: Vec<&mut Control> =
            vec![&mut self.date, &mut self.kind, &mut self.to, &mut self.note];
        if let Some(c) = self.organization.as_mut() {
            controls.push(c);
        }
        if let Some(c) = self.with.as_mut() {
            controls.push(c);
        }
        self.summary = r.apply(&mut controls);
    }
}

/// Meetings from today on, by their own date and time; the value is the
/// date the rule gave them, the key of every change.
fn upcoming(ctx: &Ctx, schedule: &SeriesSchedule, today: NaiveDate) -> Vec<(String, String)> {
    schedule
        .meetings
        .iter()
        .filter(|x| x.start.date_naive() >= today)
        .map(|x| {
            let row = MeetingRow::new(ctx, x);
            let label = match (x.status, &row.reason) {
                (MeetingStatus::Planned, _) => row.when,
                (_, Some(why)) => format!("{} ({} {why})", row.when, row.status),
                (_, None) => format!("{} ({})", row.when, row.status),
            };
            (x.date.format("%Y-%m-%d").to_string(), label)
        })
        .collect()
}

/// Who can host one meeting: the rotation, or without one the network's
/// members.
fn host_choices(schedule: &SeriesSchedule, hosts: &Hosts) -> Vec<(String, String)> {
    if schedule.rotation.is_empty() {
        hosts.choices().collect()
    } else {
        schedule
            .rotation
            .iter()
            .map(|o| (o.slug.to_string(), o.name.clone()))
            .collect()
    }
}

/// Reads the form into the date and the change.
pub(super) fn parse(ctx: &Ctx, f: &FormData) -> Result<(NaiveDate, ExceptionChange), Rejected> {
    let mut problems: Problems = Vec::new();
    let date = NaiveDate::parse_from_str(&f.get("date"), "%Y-%m-%d").ok();
    if date.is_none() {
        problems.push((
            "date".to_owned(),
            Problem::new(ctx.t("manage-error-choose")),
        ));
    }
    let note = optional(f.get("note"));
    if note.as_ref().is_some_and(|n| n.chars().count() > MAX_NOTE) {
        problems.push((
            "note".to_owned(),
            Problem::new(ctx.t1("manage-error-too-long", "max", MAX_NOTE)),
        ));
    }
    let change = change(ctx, f, note, &mut problems);
    match (date, change) {
        (Some(d), Some(c)) if problems.is_empty() => Ok((d, c)),
        _ => Err(Rejected::input(problems)),
    }
}

/// The change the form's `kind` asks for, with what that kind needs.
fn change(
    ctx: &Ctx,
    f: &FormData,
    note: Option<String>,
    problems: &mut Problems,
) -> Option<ExceptionChange> {
    let mut wrong = |field: &str, id: &str| {
        problems.push((field.to_owned(), Problem::new(ctx.t(id))));
        None
    };
    match f.get("kind").as_str() {
        "cancel" => Some(ExceptionChange::Cancel { note }),
        "host" => match f.get("organization").parse::<Slug>() {
            Ok(organization) => Some(ExceptionChange::Host { organization }),
            Err(_) => wrong("organization", "manage-error-host-org"),
        },
        "swap" => match NaiveDate::parse_from_str(&f.get("with"), "%Y-%m-%d") {
            Ok(with) => Some(ExceptionChange::Swap { with, series: None }),
            Err(_) => wrong("with", "manage-error-swap-with"),
        },
        "move" => match f.get("to") {
            t if t.is_empty() => wrong("to", "manage-error-move-to"),
            t => match local_datetime(&t) {
                Some(to) => Some(ExceptionChange::Move { to, note }),
                None => wrong("to", "manage-error-datetime"),
            },
        },
        _ => wrong("kind", "manage-error-choose"),
    }
}

/// A stored change of one meeting, with the button that takes it back.
pub(super) struct ChangeRow {
    pub(super) iso: String,
    pub(super) day: String,
    pub(super) what: String,
    pub(super) note: Option<String>,
    pub(super) undo_action: String,
}

impl ChangeRow {
    /// The change `e`, undone below `edit` (the series' edit page).
    pub(super) fn new(ctx: &Ctx, edit: &str, e: &SeriesException, hosts: &Hosts) -> ChangeRow {
        ChangeRow {
            iso: e.date.format("%Y-%m-%d").to_string(),
            day: ctx.weekday_day(e.date),
            what: describe(ctx, e, hosts),
            note: match &e.change {
                ExceptionChange::Cancel { note } | ExceptionChange::Move { note, .. } => {
                    note.clone()
                }
                _ => None,
            },
            undo_action: ctx.href(&format!(
                "{edit}/termin/{}/zuruecknehmen",
                e.date.format("%Y-%m-%d")
            )),
        }
    }
}

/// A change in words.
fn describe(ctx: &Ctx, e: &SeriesException, hosts: &Hosts) -> String {
    match &e.change {
        ExceptionChange::Cancel { .. } => ctx.t("manage-change-cancel"),
        ExceptionChange::Move { to, .. } => {
            let when = NaiveDateTime::parse_from_str(to, "%Y-%m-%dT%H:%M")
                .map(|d| format!("{}, {}", ctx.weekday_day(d.date()), d.format("%H:%M")))
                .unwrap_or_else(|_| to.clone());
            ctx.t1("manage-change-move", "when", when)
        }
        ExceptionChange::Host { organization } => {
            ctx.t1("manage-change-host", "host", hosts.name(organization))
        }
        ExceptionChange::Swap { with, .. } => {
            ctx.t1("manage-change-swap", "date", ctx.weekday_day(*with))
        }
    }
}
