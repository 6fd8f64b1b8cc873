//! The series form, on the list (a new series) and on a series' edit page:
//! its fields as text, its controls, and reading it into a series.

use std::collections::BTreeMap;

use chrono::NaiveDateTime;
use knotenpunkt_app::domain::limits::{
    MAX_DURATION_MINUTES, MAX_NAME, MAX_RULE, MAX_TEXT, MAX_URL,
};
use knotenpunkt_app::domain::{
    Cohort, HolidayRule, HostingKind, RotationOrder, Series, Slug, Visibility,
};
use knotenpunkt_app::{AppError, MembershipFilter, Page as StorePage};

use crate::pages::ctx::Ctx;
use crate::pages::form::{
    Control, FormData, Problem, Problems, Rejected, SummaryItem, choose, optional, required,
    slug_field,
};
use crate::pages::manage::managed::Managed;

/// The series form's fields as text, from a submission or a stored series.
#[derive(Default)]
pub(super) struct Values {
    slug: String,
    title: String,
    description: String,
    rule: String,
    start: String,
    duration_minutes: String,
    video_url: String,
    holidays: String,
    hosting: String,
    host: String,
    rotation_order: String,
    rotation: String,
    cohorts: Vec<String>,
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
        let mut out = BTreeMap::new();
        let mut slugs: Vec<Slug> = m
            .dir
            .memberships(
                &MembershipFilter {
                    network: Some(m.slug.clone()),
                    ..MembershipFilter::default()
                },
                StorePage::ALL,
            )
            .await?
            .items
            .into_iter()
            .filter(|w| w.value.left_on.is_none())
            .map(|w| w.value.organization)
            .collect();
        slugs.extend(m.network.coordinator.clone());
        slugs.sort();
        slugs.dedup();
        for slug in slugs {
            let name = m.dir.organization(&slug).await?.name;
            out.insert(format!("{name}\u{0}{slug}"), slug);
        }
        Ok(Hosts(out))
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

/// `2025-01-30T17:00` from what a browser's date-time field or a person
/// typed (seconds, a space instead of the `T`).
pub(super) fn local_datetime(text: &str) -> Option<String> {
    let text = text.replace(' ', "T");
    ["%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S"]
        .iter()
        .find_map(|f| NaiveDateTime::parse_from_str(&text, f).ok())
        .map(|d| d.format("%Y-%m-%dT%H:%M").to_string())
}

/// Reads the form into a series of the managed network; `base` is the
/// stored series on the edit page, whose settings without a field here
/// (time zone, agenda, who may see it) are kept.
pub(super) fn build(
    ctx: &Ctx,
    m: &Managed,
    v: &Values,
    base: Option<&Series>,
) -> Result<Series, Rejected> {
    let mut problems: Problems = Vec::new();
    let title = required(ctx, &mut problems, "title", &v.title);
    let slug = match base {
        Some(b) => Some(b.slug.clone()),
        None => slug_field(
            ctx,
            &mut problems,
            "slug",
            &v.slug,
            title.as_deref().unwrap_or(""),
        ),
    };
    let rule = read_rule(ctx, &mut problems, &v.rule);
    let start = read_start(ctx, &mut problems, &v.start);
    let duration = read_duration(ctx, &mut problems, &v.duration_minutes);
    let holidays = v.holidays.parse::<HolidayRule>().unwrap_or_else(|_| {
        problems.push(("holidays".into(), choose(ctx)));
        HolidayRule::Keep
    });
    let hosting = read_hosting(ctx, &mut problems, v);
    let mut cohorts = Vec::new();
    for c in &v.cohorts {
        match c.parse::<Slug>() {
            Ok(c) => cohorts.push(c),
            Err(_) => problems.push(("cohorts".into(), choose(ctx))),
        }
    }
    let (Some(slug), Some(title), Some(start), true) = (slug, title, start, problems.is_empty())
    else {
        return Err(Rejected::input(problems));
    };
    Ok(Series {
        slug,
        network: Some(m.slug.clone()),
        cooperation: None,
        title,
        description: optional(v.description.clone()),
        rule,
        start,
        duration_minutes: duration,
        time_zone: base.map_or_else(|| "Europe/Berlin".to_owned(), |b| b.time_zone.clone()),
        video_url: optional(v.video_url.clone()),
        holidays,
        hosting: hosting.kind,
        host: hosting.host,
        rotation_order: hosting.order,
        rotation: hosting.rotation,
        cohorts,
        agenda_template: base.map(|b| b.agenda_template.clone()).unwrap_or_default(),
        visibility: base.map_or(Visibility::Public, |b| b.visibility.clone()),
    })
}

/// The rule without an `RRULE:` in front; the calendar engine judges the rest.
fn read_rule(ctx: &Ctx, problems: &mut Problems, given: &str) -> String {
    let rule = given
        .strip_prefix("RRULE:")
        .unwrap_or(given)
        .trim()
        .to_owned();
    if rule.is_empty() {
        problems.push(("rule".into(), Problem::new(ctx.t("manage-error-required"))));
    } else if rule.chars().count() > MAX_RULE {
        problems.push((
            "rule".into(),
            Problem::new(ctx.t1("manage-error-too-long", "max", MAX_RULE)),
        ));
    }
    rule
}

/// The first meeting's local date and time.
fn read_start(ctx: &Ctx, problems: &mut Problems, given: &str) -> Option<String> {
    if given.is_empty() {
        problems.push(("start".into(), Problem::new(ctx.t("manage-error-required"))));
        return None;
    }
    let start = local_datetime(given);
    if start.is_none() {
        problems.push(("start".into(), Problem::new(ctx.t("manage-error-datetime"))));
    }
    start
}

/// A meeting's length in minutes: a whole number from one to a day.
fn read_duration(ctx: &Ctx, problems: &mut Problems, given: &str) -> u32 {
    match given.parse::<u32>() {
        Ok(d) if (1..=MAX_DURATION_MINUTES).contains(&d) => d,
        _ => {
            problems.push((
                "duration_minutes".into(),
                Problem::new(ctx.t("manage-error-minutes")),
            ));
            0
        }
    }
}

/// Who hosts, as the form says it.
struct Hosting {
    kind: HostingKind,
    host: Option<Slug>,
    order: RotationOrder,
    rotation: Vec<Slug>,
}

/// The hosting settings. Settings of another kind of hosting are ignored
/// rather than refused: they stay in the form when one switches back and
/// forth.
fn read_hosting(ctx: &Ctx, problems: &mut Problems, v: &Values) -> Hosting {
    let kind = v.hosting.parse::<HostingKind>().unwrap_or_else(|_| {
        problems.push(("hosting".into(), choose(ctx)));
        HostingKind::None
    });
    let host = match kind {
        HostingKind::Fixed => match v.host.parse::<Slug>() {
            Ok(h) => Some(h),
            Err(_) => {
                problems.push(("host".into(), Problem::new(ctx.t("manage-error-host"))));
                None
            }
        },
        _ => None,
    };
    let order = match kind {
        HostingKind::Rotation => v
            .rotation_order
            .parse::<RotationOrder>()
            .unwrap_or_else(|_| {
                problems.push(("rotation_order".into(), choose(ctx)));
                RotationOrder::JoinOrder
            }),
        _ => RotationOrder::JoinOrder,
    };
    let mut rotation = Vec::new();
    if order == RotationOrder::Explicit {
        let mut bad = false;
        for part in v
            .rotation
            .split(|c: char| c == ',' || c == ';' || c.is_whitespace())
            .filter(|p| !p.is_empty())
        {
            match part.parse::<Slug>() {
                Ok(s) => rotation.push(s),
                Err(_) => bad = true,
            }
        }
        if bad || rotation.is_empty() {
            problems.push((
                "rotation".into(),
                Problem::new(ctx.t("manage-error-rotation")),
            ));
        }
    }
    Hosting {
        kind,
        host,
        order,
        rotation,
    }
}

/// How a series is hosted, for the list.
pub(super) fn hosting_text(ctx: &Ctx, s: &Series, hosts: &Hosts) -> String {
    match s.hosting {
        HostingKind::Fixed => ctx.t1(
            "manage-series-hosted-by",
            "host",
            s.host.as_ref().map(|h| hosts.name(h)).unwrap_or_default(),
        ),
        HostingKind::Rotation => ctx.t1(
            "manage-series-rotating",
            "order",
            ctx.t(&format!("rotation-order-{}", s.rotation_order.code())),
        ),
        HostingKind::None => ctx.t("manage-hosting-none"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn date_times_are_read_as_browsers_and_people_write_them() {
        assert_eq!(
            local_datetime("2026-05-21T17:00").as_deref(),
            Some("2026-05-21T17:00")
        );
        assert_eq!(
            local_datetime("2026-05-21T17:00:00").as_deref(),
            Some("2026-05-21T17:00")
        );
        assert_eq!(
            local_datetime("2026-05-21 17:00").as_deref(),
            Some("2026-05-21T17:00")
        );
        assert_eq!(local_datetime("2026-13-21T17:00"), None);
        assert_eq!(local_datetime("21.05.2026 17:00"), None);
    }
}
