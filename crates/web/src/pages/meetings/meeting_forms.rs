//! The forms on a meeting's page as the page shows them: raising an agenda
//! point, writing the minutes, recording who was there — each empty, filled
//! from what is stored, or come back with its input and problems.

use knotenpunkt_app::domain::Visibility;
use knotenpunkt_app::domain::limits::MAX_AGENDA_TEXT;
use knotenpunkt_app::{AgendaItem, MeetingDetail, OrgRef};

use crate::pages::ctx::Ctx;
use crate::pages::form::{Control, FormData, Problem, Rejected, SummaryItem};
use crate::pages::ui::Link;

/// Which form on a meeting's page was sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Which {
    Agenda,
    Minutes,
    Attendance,
}

/// A form that came back with problems: its input and what is wrong.
pub(super) struct Posted {
    pub(super) which: Which,
    pub(super) data: FormData,
    pub(super) rejected: Rejected,
}

/// One point of the agenda.
pub(super) struct AgendaView {
    pub(super) text: String,
    pub(super) raised: bool,
    pub(super) by: Option<Link>,
    /// "nur Netzwerk" for a point not everyone may read.
    pub(super) badge: Option<String>,
    /// The form that removes a raised point, for coordinators.
    pub(super) remove: Option<String>,
}

impl AgendaView {
    /// `remove_base` is the agenda's address, for those who may remove points.
    pub(super) fn new(ctx: &Ctx, a: &AgendaItem, remove_base: Option<&str>) -> AgendaView {
        AgendaView {
            text: a.text.clone(),
            raised: a.id.is_some(),
            by: a.by.as_ref().map(|o| Link::org(ctx, o)),
            badge: match &a.visibility {
                Some(Visibility::Network) => Some(ctx.t("meeting-form-badge-network")),
                Some(Visibility::Group(g)) => {
                    Some(ctx.t1("meeting-form-badge-group", "group", g.as_str()))
                }
                _ => None,
            },
            remove: match (remove_base, a.id) {
                (Some(b), Some(id)) => Some(format!("{b}/{id}/entfernen")),
                _ => None,
            },
        }
    }
}

/// The form that raises an agenda point.
pub(super) struct AgendaForm {
    pub(super) action: String,
    pub(super) text: Control,
    pub(super) visibility: Control,
    /// "im Namen von …" for a viewer with an organisation: its name, and
    /// whether the box is ticked.
    pub(super) on_behalf: Option<(String, bool)>,
    pub(super) on_behalf_error: Option<Problem>,
    pub(super) summary: Vec<SummaryItem>,
}

/// The form that writes the minutes.
pub(super) struct MinutesForm {
    pub(super) action: String,
    pub(super) text: Control,
    pub(super) visibility: Control,
    pub(super) summary: Vec<SummaryItem>,
}

/// One organisation to tick as present.
pub(super) struct Present {
    pub(super) id: String,
    pub(super) value: String,
    pub(super) name: String,
    pub(super) checked: bool,
}

/// The form that records attendance.
pub(super) struct AttendanceForm {
    pub(super) action: String,
    pub(super) choices: Vec<Present>,
    pub(super) error: Option<Problem>,
    pub(super) summary: Vec<SummaryItem>,
}

/// The select of visibilities the forms offer; the current one stays
/// offered even when it is a group's.
fn visibility_control(ctx: &Ctx, form: &str, chosen: &str) -> Control {
    let mut items = vec![
        (
            "network".to_owned(),
            ctx.t("meeting-form-visibility-network"),
        ),
        ("public".to_owned(), ctx.t("meeting-form-visibility-public")),
    ];
    if let Some(g) = chosen.strip_prefix("group:") {
        items.push((
            chosen.to_owned(),
            ctx.t1("meeting-form-badge-group", "group", g),
        ));
    }
    let chosen = if chosen.is_empty() {
        "network".to_owned()
    } else {
        chosen.to_owned()
    };
    Control::pick(
        form,
        "visibility",
        "select",
        ctx.t("meeting-form-visibility"),
        items,
        &[chosen],
    )
}

/// The agenda form; `own` is the name of the viewer's organisation, to
/// raise a point in its name.
pub(super) fn agenda_form(
    ctx: &Ctx,
    base: &str,
    own: Option<String>,
    posted: Option<Posted>,
) -> AgendaForm {
    let f = posted.as_ref().map(|p| &p.data);
    let text = Control::input(
        "agenda",
        "text",
        "textarea",
        ctx.t("meeting-form-agenda-text"),
        f.map(|f| f.get("text")).unwrap_or_default(),
    )
    .required()
    .maxlength(MAX_AGENDA_TEXT)
    .hint(ctx.t1("meeting-form-agenda-hint", "max", MAX_AGENDA_TEXT));
    let visibility = visibility_control(
        ctx,
        "agenda",
        &f.map(|f| f.get("visibility")).unwrap_or_default(),
    );
    let on_behalf = own.map(|name| (name, f.is_some_and(|f| f.get("on_behalf") == "1")));
    let mut form = AgendaForm {
        action: ctx.href(&format!("{base}/tagesordnung")),
        text,
        visibility,
        on_behalf,
        on_behalf_error: None,
        summary: Vec::new(),
    };
    if let Some(p) = posted {
        let r = p.rejected;
        let (behalf, rest): (Vec<_>, Vec<_>) =
            r.fields.into_iter().partition(|(k, _)| k == "on_behalf");
        form.on_behalf_error = behalf.into_iter().next().map(|(_, p)| p);
        let r = Rejected {
            status: r.status,
            fields: rest,
        };
        form.summary = r.apply(&mut [&mut form.text, &mut form.visibility]);
    }
    form
}

/// The minutes form, filled with the minutes as written.
pub(super) fn minutes_form(
    ctx: &Ctx,
    base: &str,
    detail: &MeetingDetail,
    posted: Option<Posted>,
) -> MinutesForm {
    let f = posted.as_ref().map(|p| &p.data);
    let current = detail
        .minutes_visibility
        .as_ref()
        .map(ToString::to_string)
        .unwrap_or_default();
    let mut form = MinutesForm {
        action: ctx.href(&format!("{base}/protokoll")),
        text: Control::input(
            "minutes",
            "text",
            "textarea",
            ctx.t("meeting-form-minutes-text"),
            f.map(|f| f.get("text"))
                .unwrap_or_else(|| detail.minutes.clone().unwrap_or_default()),
        )
        .hint(ctx.t("meeting-form-minutes-hint"))
        .wide(),
        visibility: visibility_control(
            ctx,
            "minutes",
            &f.map(|f| f.get("visibility")).unwrap_or(current),
        ),
        summary: Vec::new(),
    };
    if let Some(p) = posted {
        form.summary = p
            .rejected
            .apply(&mut [&mut form.text, &mut form.visibility]);
    }
    form
}

/// The attendance form: every organisation the meeting names (its host, the
/// rotation, who was recorded), each once, ticked as recorded or as posted.
pub(super) fn attendance_form(
    ctx: &Ctx,
    base: &str,
    names: &[&OrgRef],
    detail: &MeetingDetail,
    posted: Option<Posted>,
) -> AttendanceForm {
    let ticked: Vec<String> = match &posted {
        Some(p) => p.data.all("organizations"),
        None => detail
            .attendance
            .iter()
            .map(|o| o.slug.to_string())
            .collect(),
    };
    let mut choices: Vec<Present> = Vec::new();
    for o in names {
        if choices.iter().any(|c| c.value == o.slug.as_str()) {
            continue;
        }
        choices.push(Present {
            id: format!("attendance-{}", choices.len()),
            value: o.slug.to_string(),
            name: o.name.clone(),
            checked: ticked.iter().any(|t| t == o.slug.as_str()),
        });
    }
    let mut form = AttendanceForm {
        action: ctx.href(&format!("{base}/anwesenheit")),
        choices,
        error: None,
        summary: Vec::new(),
    };
    if let Some(p) = posted {
        (form.summary, form.error) = p.rejected.apply_group(
            "attendance",
            "organizations",
            ctx.t("meeting-attendance-heading"),
        );
    }
    form
}
