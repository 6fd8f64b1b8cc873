//! The series form, on the list (a new series) and on a series' edit page:
//! its fields as text, its controls, and reading it into a series.

use std::collections::BTreeMap;

use knotenpunkt_app::domain::limits::{
    MAX_DURATION_MINUTES, MAX_NAME, MAX_RULE, MAX_TEXT, MAX_URL,
};
use knotenpunkt_app::domain::{Cohort, HolidayRule, HostingKind, RotationOrder, Series, Slug};
use knotenpunkt_app::{AppError, OrgRef};

use crate::pages::ctx::Ctx;
use crate::pages::form::{Control, FormData, Rejected, SummaryItem};
use crate::pages::manage::managed::Managed;

/// The series form's fields as text, from a submission or a stored series.
#[derive(Default)]
pub(super) struct Values {
    pub(super) slug: String,
    pub(super) title: String,
    pub(super) description: String,
    pub(super) rule: String,
    pub(super) start: String,
    pub(super) duration_minutes: String,
    pub(super) video_url: String,
    pub(super) holidays: String,
    pub(super) hosting: String,
    pub(super) host: String,
    pub(super) rotation_order: String,
    pub(super) rotation: String,
    pub(super) cohorts: Vec<String>,
}

impl Values {
    pub(super) fn submitted(f: &FormData) -> Values {
        Values {
            slug: f.get("slug"),
            title: f.get("title"),
            description: f.get("description"),
            rule: f.get("rule"),
            start: f.get("start"),
            duration_minutes: f.get("duration_minutes"),
            video_url: f.get("video_url"),
            holidays: f.get("holidays"),
            hosting: f.get("hosting"),
            host: f.get("host"),
            rotation_order: f.get("rotation_order"),
            rotation: f.get("rotation"),
            cohorts: f.all("cohorts"),
        }
    }

    pub(super) fn stored(s: &Series) -> Values {
        Values {
            slug: s.slug.to_string(),
            title: s.title.clone(),
            description: s.description.clone().unwrap_or_default(),
            rule: s.rule.clone(),
            start: s.start.clone(),
            duration_minutes: s.duration_minutes.to_string(),
            video_url: s.video_url.clone().unwrap_or_default(),
            holidays: s.holidays.code().to_owned(),
            hosting: s.hosting.code().to_owned(),
            host: s.host.as_ref().map(Slug::to_string).unwrap_or_default(),
            rotation_order: s.rotation_order.code().to_owned(),
            rotation: s
                .rotation
                .iter()
                .map(Slug::as_str)
                .collect::<Vec<_>>()
                .join("\n"),
            cohorts: s.cohorts.iter().map(Slug::to_string).collect(),
        }
    }

    pub(super) fn fresh() -> Values {
        Values {
            duration_minutes: "90".into(),
            holidays: HolidayRule::Keep.code().into(),
            hosting: HostingKind::None.code().into(),
            rotation_order: RotationOrder::JoinOrder.code().into(),
            ..Values::default()
        }
    }
}

/// Who can be named as host or in a rotation: the network's current members
/// and its coordinating organisation, by name.
pub(super) struct Hosts(BTreeMap<String, Slug>);

impl Hosts {
    /// Loads them for the managed network.
    pub(super) async fn of(m: &Managed) -> Result<Hosts, AppError> {
        Ok(Hosts::from(m.dir.meetings().possible_hosts(&m.slug).await?))
    }

    /// As the application lists them.
    pub(super) fn from(hosts: Vec<OrgRef>) -> Hosts {
        Hosts(
            hosts
                .into_iter()
                .map(|o| (format!("{}\u{0}{}", o.name, o.slug), o.slug))
                .collect(),
        )
    }

    /// Every host as (slug, name), by name.
    pub(super) fn choices(&self) -> impl Iterator<Item = (String, String)> + '_ {
        self.0.iter().map(|(key, slug)| {
            let name = key.split('\u{0}').next().unwrap_or(key.as_str());
            (slug.to_string(), name.to_owned())
        })
    }

    /// An organisation's name, or its slug when it is not among them.
    pub(super) fn name(&self, slug: &Slug) -> String {
        self.0
            .iter()
            .find(|(_, s)| *s == slug)
            .and_then(|(k, _)| k.split('\u{0}').next())
            .map_or_else(|| slug.to_string(), str::to_owned)
    }
}

pub(super) struct SeriesForm {
    pub(super) action: String,
    /// On the edit page the slug is fixed: it is the address of the
    /// series' page and feed.
    pub(super) fixed_slug: Option<String>,
    pub(super) slug: Control,
    pub(super) title: Control,
    pub(super) description: Control,
    pub(super) rule: Control,
    pub(super) start: Control,
    pub(super) duration_minutes: Control,
    pub(super) video_url: Control,
    pub(super) holidays: Control,
    pub(super) hosting: Control,
    pub(super) host: Control,
    pub(super) rotation_order: Control,
    pub(super) rotation: Control,
    pub(super) cohorts: Option<Control>,
    pub(super) submit: String,
    pub(super) summary: Vec<SummaryItem>,
}

/// The id of the series form's controls.
const FORM: &str = "series";

/// A select of the series form.
fn select(
    name: &'static str,
    label: String,
    items: impl IntoIterator<Item = (String, String)>,
    chosen: &str,
) -> Control {
    Control::pick(FORM, name, "select", label, items, &[chosen.to_owned()])
}

/// The choices of a vocabulary, each named by the message `prefix` + code.
fn coded<'a>(
    ctx: &'a Ctx,
    prefix: &'a str,
    codes: impl IntoIterator<Item = &'static str> + 'a,
) -> impl Iterator<Item = (String, String)> + 'a {
    codes
        .into_iter()
        .map(move |c| (c.to_owned(), ctx.t(&format!("{prefix}{c}"))))
}

impl SeriesForm {
    /// The form posting to `action`, filled with `v`; `hosts` and `cohorts`
    /// are what a series of the network can name.
    pub(super) fn new(
        ctx: &Ctx,
        action: String,
        fixed_slug: Option<String>,
        v: Values,
        hosts: &Hosts,
        cohorts: &[Cohort],
    ) -> SeriesForm {
        let text = |name: &'static str, kind: &'static str, label: &str, value: String| {
            Control::input(FORM, name, kind, ctx.t(label), value)
        };
        SeriesForm {
            action,
            fixed_slug,
            slug: Control::slug(FORM, ctx, v.slug, ctx.t("manage-series-slug-hint")),
            title: text("title", "text", "manage-series-title", v.title)
                .required()
                .maxlength(MAX_NAME),
            description: text(
                "description",
                "textarea",
                "manage-series-description",
                v.description,
            )
            .maxlength(MAX_TEXT),
            rule: text("rule", "text", "manage-series-rule", v.rule)
                .required()
                .maxlength(MAX_RULE)
                .code()
                .wide()
                .hint(ctx.t("manage-series-rule-hint")),
            start: text("start", "datetime-local", "manage-series-start", v.start)
                .required()
                .hint(ctx.t("manage-series-start-hint")),
            duration_minutes: text(
                "duration_minutes",
                "number",
                "manage-series-duration",
                v.duration_minutes,
            )
            .required()
            .range(1, i64::from(MAX_DURATION_MINUTES)),
            video_url: text("video_url", "url", "manage-series-video", v.video_url)
                .maxlength(MAX_URL)
                .autocomplete("off"),
            holidays: select(
                "holidays",
                ctx.t("manage-series-holidays"),
                coded(
                    ctx,
                    "manage-holidays-",
                    HolidayRule::ALL.iter().map(|h| h.code()),
                ),
                &v.holidays,
            )
            .required(),
            hosting: select(
                "hosting",
                ctx.t("manage-series-hosting"),
                coded(
                    ctx,
                    "manage-hosting-",
                    HostingKind::ALL.iter().map(|h| h.code()),
                ),
                &v.hosting,
            )
            .required(),
            host: select(
                "host",
                ctx.t("manage-series-host"),
                host_items(ctx, hosts, &v.host),
                &v.host,
            )
            .hint(ctx.t("manage-series-host-hint")),
            rotation_order: select(
                "rotation_order",
                ctx.t("manage-series-rotation-order"),
                coded(
                    ctx,
                    "rotation-order-",
                    RotationOrder::ALL.iter().map(|o| o.code()),
                ),
                &v.rotation_order,
            )
            .hint(ctx.t("manage-series-rotation-order-hint")),
            rotation: text("rotation", "textarea", "manage-series-rotation", v.rotation)
                .code()
                .hint(ctx.t("manage-series-rotation-hint")),
            cohorts: cohorts_control(ctx, cohorts, &v.cohorts),
            submit: String::new(),
            summary: Vec::new(),
        }
    }

    pub(super) fn reject(&mut self, r: Rejected) {
        let mut controls: Vec<&mut Control> = vec![];
        if self.fixed_slug.is_none() {
            controls.push(&mut self.slug);
        }
        controls.extend([
            &mut self.title,
            &mut self.description,
            &mut self.rule,
            &mut self.start,
            &mut self.duration_minutes,
            &mut self.video_url,
            &mut self.holidays,
            &mut self.hosting,
            &mut self.host,
            &mut self.rotation_order,
            &mut self.rotation,
        ]);
        if let Some(c) = self.cohorts.as_mut() {
            controls.push(c);
        }
        self.summary = r.apply(&mut controls);
    }
}

/// The choices for a fixed host; a stored host that left the network stays
/// choosable.
fn host_items(ctx: &Ctx, hosts: &Hosts, current: &str) -> Vec<(String, String)> {
    let mut items: Vec<(String, String)> = vec![(String::new(), ctx.t("manage-choose"))];
    items.extend(hosts.choices());
    if !current.is_empty() && !items.iter().any(|(s, _)| *s == current) {
        items.push((current.to_owned(), current.to_owned()));
    }
    items
}

/// The cohorts a series may be limited to, when the network has any.
fn cohorts_control(ctx: &Ctx, cohorts: &[Cohort], chosen: &[String]) -> Option<Control> {
    (!cohorts.is_empty()).then(|| {
        Control::pick(
            FORM,
            "cohorts",
            "checkbox",
            ctx.t("manage-series-cohorts"),
            cohorts.iter().map(|c| (c.slug.to_string(), c.name.clone())),
            chosen,
        )
        .hint(ctx.t("manage-series-cohorts-hint"))
    })
}
