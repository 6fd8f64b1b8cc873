//! A network's meeting series: the list with the form for a new series,
//! and a series' edit page, where one meeting can also be cancelled or
//! moved, given another host or swap hosts with another meeting, such
//! changes taken back, and the series deleted.

use std::collections::BTreeMap;

use askama::Template;
use axum::body::Bytes;
use axum::extract::{Path, RawQuery, State};
use axum::http::StatusCode;
use axum::response::Response;
use chrono::{NaiveDate, NaiveDateTime};
use knotenpunkt_app::domain::{
    ExceptionChange, HolidayRule, HostingKind, RotationOrder, Series, SeriesException, Slug,
    Visibility,
};
use knotenpunkt_app::{
    AppError, MeetingStatus, MembershipFilter, Page as StorePage, SeriesFilter, SeriesIntent,
    Window,
};

use super::{
    Control, FormData, Frame, Managed, OptGroup, Problem, Rejected, Section, SummaryItem, done,
    gate, optional, options, refused, required, slug_field,
};
use crate::AppState;
use crate::auth::Viewer;
use crate::pages::meetings::rhythm::rhythm;
use crate::pages::ui::MeetingRow;
use crate::pages::{Ctx, error_page, failure, html};
use knotenpunkt_app::AuditAction;

/// Longest rule accepted; real rules are a few dozen characters.
const MAX_RULE: usize = 500;
/// Longest note on a cancelled or moved meeting (the domain's limit).
const MAX_NOTE: usize = 500;

// --- the series form ------------------------------------------------------------------

/// The series form's fields as text, from a submission or a stored series.
#[derive(Default)]
struct Values {
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
    fn submitted(f: &FormData) -> Values {
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

    fn stored(s: &Series) -> Values {
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

    fn fresh() -> Values {
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
struct Hosts(BTreeMap<String, Slug>);

impl Hosts {
    /// An organisation's name, or its slug when it is not among them.
    fn name(&self, slug: &Slug) -> String {
        self.0
            .iter()
            .find(|(_, s)| *s == slug)
            .and_then(|(k, _)| k.split('\u{0}').next())
            .map_or_else(|| slug.to_string(), str::to_owned)
    }
}

async fn hosts(m: &Managed) -> Result<Hosts, AppError> {
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

struct SeriesForm {
    action: String,
    /// On the edit page the slug is fixed: it is the address of the
    /// series' page and feed.
    fixed_slug: Option<String>,
    slug: Control,
    title: Control,
    description: Control,
    rule: Control,
    start: Control,
    duration_minutes: Control,
    video_url: Control,
    holidays: Control,
    hosting: Control,
    host: Control,
    rotation_order: Control,
    rotation: Control,
    cohorts: Option<Control>,
    submit: String,
    summary: Vec<SummaryItem>,
}

impl SeriesForm {
    fn new(
        ctx: &Ctx,
        action: String,
        fixed_slug: Option<String>,
        v: Values,
        hosts: &Hosts,
        cohorts: &[knotenpunkt_app::domain::Cohort],
    ) -> SeriesForm {
        let id = "series";
        let select =
            |name: &'static str, label: String, items: Vec<(String, String)>, chosen: &str| {
                Control::choice(
                    id,
                    name,
                    "select",
                    label,
                    vec![OptGroup {
                        label: None,
                        options: options(items, &[chosen.to_owned()]),
                    }],
                )
            };
        let holidays = HolidayRule::ALL
            .iter()
            .map(|h| {
                (
                    h.code().to_owned(),
                    ctx.t(&format!("manage-holidays-{}", h.code())),
                )
            })
            .collect();
        let hosting = HostingKind::ALL
            .iter()
            .map(|h| {
                (
                    h.code().to_owned(),
                    ctx.t(&format!("manage-hosting-{}", h.code())),
                )
            })
            .collect();
        let orders = RotationOrder::ALL
            .iter()
            .map(|o| {
                (
                    o.code().to_owned(),
                    ctx.t(&format!("rotation-order-{}", o.code())),
                )
            })
            .collect();
        let mut host_items: Vec<(String, String)> = vec![(String::new(), ctx.t("manage-choose"))];
        for (key, slug) in &hosts.0 {
            let name = key.split('\u{0}').next().unwrap_or(key.as_str());
            host_items.push((slug.to_string(), name.to_owned()));
        }
        // A stored host that left the network stays choosable.
        if !v.host.is_empty() && !host_items.iter().any(|(s, _)| *s == v.host) {
            host_items.push((v.host.clone(), v.host.clone()));
        }
        SeriesForm {
            action,
            fixed_slug,
            slug: Control::input(id, "slug", "text", ctx.t("manage-slug"), v.slug)
                .maxlength(80)
                .pattern("[a-z0-9]+(-[a-z0-9]+)*")
                .code()
                .hint(ctx.t("manage-series-slug-hint")),
            title: Control::input(id, "title", "text", ctx.t("manage-series-title"), v.title)
                .required()
                .maxlength(200),
            description: Control::input(
                id,
                "description",
                "textarea",
                ctx.t("manage-series-description"),
                v.description,
            )
            .maxlength(5000),
            rule: Control::input(id, "rule", "text", ctx.t("manage-series-rule"), v.rule)
                .required()
                .maxlength(MAX_RULE)
                .code()
                .wide()
                .hint(ctx.t("manage-series-rule-hint")),
            start: Control::input(
                id,
                "start",
                "datetime-local",
                ctx.t("manage-series-start"),
                v.start,
            )
            .required()
            .hint(ctx.t("manage-series-start-hint")),
            duration_minutes: Control::input(
                id,
                "duration_minutes",
                "number",
                ctx.t("manage-series-duration"),
                v.duration_minutes,
            )
            .required()
            .range(1, 1440),
            video_url: Control::input(
                id,
                "video_url",
                "url",
                ctx.t("manage-series-video"),
                v.video_url,
            )
            .maxlength(500)
            .autocomplete("off"),
            holidays: select(
                "holidays",
                ctx.t("manage-series-holidays"),
                holidays,
                &v.holidays,
            )
            .required(),
            hosting: select(
                "hosting",
                ctx.t("manage-series-hosting"),
                hosting,
                &v.hosting,
            )
            .required(),
            host: select("host", ctx.t("manage-series-host"), host_items, &v.host)
                .hint(ctx.t("manage-series-host-hint")),
            rotation_order: select(
                "rotation_order",
                ctx.t("manage-series-rotation-order"),
                orders,
                &v.rotation_order,
            )
            .hint(ctx.t("manage-series-rotation-order-hint")),
            rotation: Control::input(
                id,
                "rotation",
                "textarea",
                ctx.t("manage-series-rotation"),
                v.rotation,
            )
            .code()
            .hint(ctx.t("manage-series-rotation-hint")),
            cohorts: (!cohorts.is_empty()).then(|| {
                Control::choice(
                    id,
                    "cohorts",
                    "checkbox",
                    ctx.t("manage-series-cohorts"),
                    vec![OptGroup {
                        label: None,
                        options: options(
                            cohorts.iter().map(|c| (c.slug.to_string(), c.name.clone())),
                            &v.cohorts,
                        ),
                    }],
                )
                .hint(ctx.t("manage-series-cohorts-hint"))
            }),
            submit: String::new(),
            summary: Vec::new(),
        }
    }

    fn reject(&mut self, r: Rejected) {
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

/// `2025-01-30T17:00` from what a browser's date-time field or a person
/// typed (seconds, a space instead of the `T`).
fn local_datetime(text: &str) -> Option<String> {
    let text = text.replace(' ', "T");
    ["%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S"]
        .iter()
        .find_map(|f| NaiveDateTime::parse_from_str(&text, f).ok())
        .map(|d| d.format("%Y-%m-%dT%H:%M").to_string())
}

/// Reads the form into a series; `base` is the stored series on the edit
/// page, whose settings without a field here (time zone, agenda, who may
/// see it) are kept.
fn build(ctx: &Ctx, m: &Managed, v: &Values, base: Option<&Series>) -> Result<Series, Rejected> {
    let mut problems: Vec<(String, Problem)> = Vec::new();
    let choose = || Problem::new(ctx.t("manage-error-choose"));
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
    let rule = v
        .rule
        .strip_prefix("RRULE:")
        .unwrap_or(&v.rule)
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
    let start = if v.start.is_empty() {
        problems.push(("start".into(), Problem::new(ctx.t("manage-error-required"))));
        None
    } else {
        let s = local_datetime(&v.start);
        if s.is_none() {
            problems.push(("start".into(), Problem::new(ctx.t("manage-error-datetime"))));
        }
        s
    };
    let duration = match v.duration_minutes.parse::<u32>() {
        Ok(d) if (1..=1440).contains(&d) => d,
        _ => {
            problems.push((
                "duration_minutes".into(),
                Problem::new(ctx.t("manage-error-minutes")),
            ));
            0
        }
    };
    let holidays = v.holidays.parse::<HolidayRule>().unwrap_or_else(|_| {
        problems.push(("holidays".into(), choose()));
        HolidayRule::Keep
    });
    let hosting = v.hosting.parse::<HostingKind>().unwrap_or_else(|_| {
        problems.push(("hosting".into(), choose()));
        HostingKind::None
    });
    // Settings of another kind of hosting are ignored rather than refused:
    // they stay in the form when one switches back and forth.
    let host = match hosting {
        HostingKind::Fixed => match v.host.parse::<Slug>() {
            Ok(h) => Some(h),
            Err(_) => {
                problems.push(("host".into(), Problem::new(ctx.t("manage-error-host"))));
                None
            }
        },
        _ => None,
    };
    let rotation_order = match hosting {
        HostingKind::Rotation => v
            .rotation_order
            .parse::<RotationOrder>()
            .unwrap_or_else(|_| {
                problems.push(("rotation_order".into(), choose()));
                RotationOrder::JoinOrder
            }),
        _ => RotationOrder::JoinOrder,
    };
    let mut rotation = Vec::new();
    if rotation_order == RotationOrder::Explicit {
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
    let mut cohorts = Vec::new();
    for c in &v.cohorts {
        match c.parse::<Slug>() {
            Ok(c) => cohorts.push(c),
            Err(_) => problems.push(("cohorts".into(), choose())),
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
        hosting,
        host,
        rotation_order,
        rotation,
        cohorts,
        agenda_template: base.map(|b| b.agenda_template.clone()).unwrap_or_default(),
        visibility: base.map_or(Visibility::Public, |b| b.visibility.clone()),
    })
}

fn hosting_text(ctx: &Ctx, s: &Series, hosts: &Hosts) -> String {
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

// --- the list ---------------------------------------------------------------------

struct ListRow {
    title: String,
    href: String,
    edit_href: String,
    rhythm: String,
    hosting: String,
}

#[derive(Template)]
#[template(path = "manage/series_list.html")]
struct ListPage<'a> {
    ctx: &'a Ctx,
    title: String,
    frame: Frame,
    caption: String,
    rows: Vec<ListRow>,
    form: SeriesForm,
}

async fn render_list(
    ctx: &Ctx,
    m: &Managed,
    q: Option<&str>,
    values: Values,
    rejected: Option<Rejected>,
) -> Result<Response, AppError> {
    let list = m
        .dir
        .series_list(&SeriesFilter {
            network: Some(m.slug.clone()),
            ..SeriesFilter::default()
        })
        .await?;
    let base = Section::Series.path(&m.slug);
    let hosts = hosts(m).await?;
    let rows = list
        .iter()
        .map(|x| ListRow {
            title: x.title.clone(),
            href: ctx.href(&format!("/reihen/{}", x.slug)),
            edit_href: ctx.href(&format!("{base}/{}", x.slug)),
            rhythm: rhythm(ctx, x).unwrap_or_else(|| x.rule.clone()),
            hosting: hosting_text(ctx, x, &hosts),
        })
        .collect();
    let cohorts = m.dir.cohorts(Some(&m.slug)).await?;
    let mut form = SeriesForm::new(ctx, ctx.href(&base), None, values, &hosts, &cohorts);
    form.submit = ctx.t("manage-series-create");
    let status = match rejected {
        Some(r) => {
            let status = r.status;
            form.reject(r);
            status
        }
        None => StatusCode::OK,
    };
    let frame = Frame::new(ctx, m, Section::Series, q);
    let page = ListPage {
        ctx,
        title: frame.title(),
        caption: ctx.t1("manage-series-caption", "network", frame.network.as_str()),
        frame,
        rows,
        form,
    };
    Ok(html(ctx, status, &page))
}

pub(super) async fn list(
    State(s): State<AppState>,
    ctx: Ctx,
    v: Viewer,
    Path(slug): Path<String>,
    RawQuery(q): RawQuery,
) -> Response {
    let m = match gate(&s, &ctx, &v, &slug, Section::Series).await {
        Ok(m) => m,
        Err(r) => return r,
    };
    render_list(&ctx, &m, q.as_deref(), Values::fresh(), None)
        .await
        .unwrap_or_else(|e| failure(&ctx, e))
}

pub(super) async fn create(
    State(s): State<AppState>,
    ctx: Ctx,
    v: Viewer,
    Path(slug): Path<String>,
    body: Bytes,
) -> Response {
    let m = match gate(&s, &ctx, &v, &slug, Section::Series).await {
        Ok(m) => m,
        Err(r) => return r,
    };
    let back = Section::Series.path(&m.slug);
    if let Err(e) = m.dir.may_create_series(&v.actor, Some(&m.slug)).await {
        return refused(&ctx, e, &back);
    }
    let values = Values::submitted(&FormData::parse(&body));
    let rejected = match build(&ctx, &m, &values, None) {
        Ok(series) => match m.dir.create_series(&series).await {
            Ok(()) => {
                m.dir
                    .record_change(
                        &v.actor,
                        Some(&m.slug),
                        AuditAction::SeriesCreate,
                        series.slug.as_str(),
                        Some(series.title.clone()),
                    )
                    .await;
                return done(&ctx, &back, "series-created");
            }
            Err(e) => match Rejected::from_app(&ctx, e) {
                Ok(r) => r,
                Err(e) => return failure(&ctx, e),
            },
        },
        Err(r) => r,
    };
    render_list(&ctx, &m, None, values, Some(rejected))
        .await
        .unwrap_or_else(|e| failure(&ctx, e))
}

// --- a series' edit page -------------------------------------------------------------

/// The form to change one meeting: cancel or move it, and for a series
/// with hosts, name its host or swap hosts with another meeting.
struct ExceptionForm {
    action: String,
    date: Control,
    kind: Control,
    to: Control,
    note: Control,
    /// The host, for "host" (named `organization` as in the API).
    organization: Option<Control>,
    /// The other meeting, for "swap".
    with: Option<Control>,
    summary: Vec<SummaryItem>,
}

impl ExceptionForm {
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

/// The form that deletes the series, behind a confirming checkbox.
struct DeleteForm {
    action: String,
    confirm: Control,
    summary: Vec<SummaryItem>,
}

/// The value of the checkbox that confirms a deletion.
const CONFIRM: &str = "yes";

/// A form of the edit page that came back with problems.
enum Submitted<'a> {
    Series(Box<Values>, Rejected),
    Exception(&'a FormData, Rejected),
    Delete(Rejected),
}

/// A stored change of one meeting, with the button that takes it back.
struct ChangeRow {
    iso: String,
    day: String,
    what: String,
    note: Option<String>,
    undo_action: String,
}

#[derive(Template)]
#[template(path = "manage/series_edit.html")]
struct EditPage<'a> {
    ctx: &'a Ctx,
    title: String,
    frame: Frame,
    series_title: String,
    series_href: String,
    list_href: String,
    form: SeriesForm,
    /// `None` when the series has no upcoming meeting to change.
    exception: Option<ExceptionForm>,
    changes: Vec<ChangeRow>,
    delete: DeleteForm,
}

/// The series behind a management address, after every check: the viewer
/// may manage the network, the series belongs to it, and the viewer may
/// manage the series.
async fn managed_series(
    s: &AppState,
    ctx: &Ctx,
    v: &Viewer,
    slug: &str,
    series: &str,
) -> Result<(Managed, Series), Response> {
    let m = gate(s, ctx, v, slug, Section::Series).await?;
    let Ok(series) = series.parse::<Slug>() else {
        return Err(error_page(ctx, StatusCode::NOT_FOUND));
    };
    let found = match m.dir.series(&series).await {
        Ok(x) if x.network.as_ref() == Some(&m.slug) => x,
        Ok(_) => return Err(error_page(ctx, StatusCode::NOT_FOUND)),
        Err(e) => return Err(failure(ctx, e)),
    };
    if let Err(e) = m
        .dir
        .may_series(&v.actor, &series, SeriesIntent::Manage)
        .await
    {
        return Err(refused(ctx, e, &edit_path(&m, &series)));
    }
    Ok((m, found))
}

fn edit_path(m: &Managed, series: &Slug) -> String {
    format!("{}/{series}", Section::Series.path(&m.slug))
}

fn describe_change(ctx: &Ctx, e: &SeriesException, hosts: &Hosts) -> String {
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

async fn render_edit(
    ctx: &Ctx,
    m: &Managed,
    series: &Series,
    q: Option<&str>,
    submitted: Option<Submitted<'_>>,
) -> Result<Response, AppError> {
    let (series_values, exception_values, delete_rejected) = match submitted {
        Some(Submitted::Series(v, r)) => (Some((*v, r)), None, None),
        Some(Submitted::Exception(f, r)) => (None, Some((f, r)), None),
        Some(Submitted::Delete(r)) => (None, None, Some(r)),
        None => (None, None, None),
    };
    let edit = edit_path(m, &series.slug);
    let hosts = hosts(m).await?;
    let cohorts = m.dir.cohorts(Some(&m.slug)).await?;
    let mut status = StatusCode::OK;
    let (values, rejected) = match series_values {
        Some((v, r)) => (v, Some(r)),
        None => (Values::stored(series), None),
    };
    let mut form = SeriesForm::new(
        ctx,
        ctx.href(&edit),
        Some(series.slug.to_string()),
        values,
        &hosts,
        &cohorts,
    );
    form.submit = ctx.t("manage-save");
    if let Some(r) = rejected {
        status = r.status;
        form.reject(r);
    }

    // Meetings from today on, by their own date and time; the value is the
    // date the rule gave them, the key of every change.
    let today = knotenpunkt_app::today();
    let schedule = m
        .dir
        .series_schedule(&series.slug, Window::around(today))
        .await?;
    let f = exception_values.as_ref().map(|(f, _)| *f);
    let v = |k: &str| f.map(|f| f.get(k)).unwrap_or_default();
    let upcoming: Vec<(String, String)> = schedule
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
        .collect();
    let kind = match v("kind") {
        k if k.is_empty() => "cancel".to_owned(),
        k => k,
    };
    // Host and swap only where somebody hosts: from the rotation, or for a
    // fixed host, from the network's members.
    let with_hosts = series.hosting != HostingKind::None;
    let mut kinds = vec![
        ("cancel", ctx.t("manage-meeting-cancel")),
        ("move", ctx.t("manage-meeting-move")),
    ];
    if with_hosts {
        kinds.push(("host", ctx.t("manage-meeting-host")));
        kinds.push(("swap", ctx.t("manage-meeting-swap")));
    }
    let host_choices: Vec<(String, String)> = if schedule.rotation.is_empty() {
        hosts
            .0
            .iter()
            .map(|(key, slug)| {
                let name = key.split('\u{0}').next().unwrap_or(key.as_str());
                (slug.to_string(), name.to_owned())
            })
            .collect()
    } else {
        schedule
            .rotation
            .iter()
            .map(|o| (o.slug.to_string(), o.name.clone()))
            .collect()
    };
    let organization = with_hosts.then(|| {
        Control::choice(
            "meeting",
            "organization",
            "select",
            ctx.t("manage-meeting-host-org"),
            vec![OptGroup {
                label: None,
                options: options(
                    std::iter::once((String::new(), ctx.t("manage-choose")))
                        .chain(host_choices.iter().cloned()),
                    &[v("organization")],
                ),
            }],
        )
        .hint(ctx.t("manage-meeting-host-org-hint"))
    });
    let with = with_hosts.then(|| {
        Control::choice(
            "meeting",
            "with",
            "select",
            ctx.t("manage-meeting-with"),
            vec![OptGroup {
                label: None,
                options: options(
                    std::iter::once((String::new(), ctx.t("manage-choose")))
                        .chain(upcoming.iter().cloned()),
                    &[v("with")],
                ),
            }],
        )
        .hint(ctx.t("manage-meeting-with-hint"))
    });
    let mut exception = (!upcoming.is_empty()).then(|| ExceptionForm {
        action: ctx.href(&format!("{edit}/termin")),
        date: Control::choice(
            "meeting",
            "date",
            "select",
            ctx.t("manage-meeting-date"),
            vec![OptGroup {
                label: None,
                options: options(upcoming, &[v("date")]),
            }],
        )
        .required()
        .wide(),
        kind: Control::choice(
            "meeting",
            "kind",
            "radio",
            ctx.t("manage-meeting-kind"),
            vec![OptGroup {
                label: None,
                options: options(kinds, &[kind]),
            }],
        )
        .required(),
        to: Control::input(
            "meeting",
            "to",
            "datetime-local",
            ctx.t("manage-meeting-to"),
            v("to"),
        )
        .hint(ctx.t("manage-meeting-to-hint")),
        note: Control::input(
            "meeting",
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
    });
    if let Some((_, r)) = exception_values {
        status = r.status;
        if let Some(e) = exception.as_mut() {
            e.reject(r);
        }
    }

    let mut delete = DeleteForm {
        action: ctx.href(&format!("{edit}/loeschen")),
        confirm: Control::choice(
            "delete",
            "confirm",
            "checkbox",
            ctx.t("manage-series-delete-legend"),
            vec![OptGroup {
                label: None,
                options: options(
                    [(
                        CONFIRM,
                        ctx.t1(
                            "manage-series-delete-confirm",
                            "series",
                            series.title.as_str(),
                        ),
                    )],
                    &[],
                ),
            }],
        )
        .required(),
        summary: Vec::new(),
    };
    if let Some(r) = delete_rejected {
        status = r.status;
        delete.summary = r.apply(&mut [&mut delete.confirm]);
    }

    let changes = m
        .dir
        .series_exceptions(&series.slug)
        .await?
        .iter()
        .map(|e| ChangeRow {
            iso: e.date.format("%Y-%m-%d").to_string(),
            day: ctx.weekday_day(e.date),
            what: describe_change(ctx, e, &hosts),
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
        })
        .collect();

    let mut frame = Frame::new(ctx, m, Section::Series, q);
    frame.heading = ctx.t1(
        "manage-heading-series-edit",
        "series",
        series.title.as_str(),
    );
    if let Some(last) = frame.crumbs.last_mut() {
        last.href = Some(ctx.href(&Section::Series.path(&m.slug)));
    }
    frame.crumbs.push(super::Crumb {
        text: series.title.clone(),
        href: None,
    });
    let page = EditPage {
        ctx,
        title: frame.title(),
        frame,
        series_title: series.title.clone(),
        series_href: ctx.href(&format!("/reihen/{}", series.slug)),
        list_href: ctx.href(&Section::Series.path(&m.slug)),
        form,
        exception,
        changes,
        delete,
    };
    Ok(html(ctx, status, &page))
}

pub(super) async fn edit(
    State(s): State<AppState>,
    ctx: Ctx,
    v: Viewer,
    Path((slug, series)): Path<(String, String)>,
    RawQuery(q): RawQuery,
) -> Response {
    let (m, series) = match managed_series(&s, &ctx, &v, &slug, &series).await {
        Ok(x) => x,
        Err(r) => return r,
    };
    render_edit(&ctx, &m, &series, q.as_deref(), None)
        .await
        .unwrap_or_else(|e| failure(&ctx, e))
}

pub(super) async fn update(
    State(s): State<AppState>,
    ctx: Ctx,
    v: Viewer,
    Path((slug, series)): Path<(String, String)>,
    body: Bytes,
) -> Response {
    let (m, stored) = match managed_series(&s, &ctx, &v, &slug, &series).await {
        Ok(x) => x,
        Err(r) => return r,
    };
    let values = Values::submitted(&FormData::parse(&body));
    let rejected = match build(&ctx, &m, &values, Some(&stored)) {
        Ok(new) => match m.dir.update_series(&stored.slug, &new).await {
            Ok(()) => {
                m.dir
                    .record_change(
                        &v.actor,
                        Some(&m.slug),
                        AuditAction::SeriesUpdate,
                        stored.slug.as_str(),
                        None,
                    )
                    .await;
                return done(&ctx, &edit_path(&m, &stored.slug), "series-saved");
            }
            Err(e) => match Rejected::from_app(&ctx, e) {
                Ok(r) => r,
                Err(e) => return failure(&ctx, e),
            },
        },
        Err(r) => r,
    };
    render_edit(
        &ctx,
        &m,
        &stored,
        None,
        Some(Submitted::Series(Box::new(values), rejected)),
    )
    .await
    .unwrap_or_else(|e| failure(&ctx, e))
}

/// Reads the meeting form into the date and the change.
fn parse_exception(ctx: &Ctx, f: &FormData) -> Result<(NaiveDate, ExceptionChange), Rejected> {
    let mut problems = Vec::new();
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
    let change = match f.get("kind").as_str() {
        "cancel" => Some(ExceptionChange::Cancel { note }),
        "host" => match f.get("organization").parse::<Slug>() {
            Ok(organization) => Some(ExceptionChange::Host { organization }),
            Err(_) => {
                problems.push((
                    "organization".to_owned(),
                    Problem::new(ctx.t("manage-error-host-org")),
                ));
                None
            }
        },
        "swap" => match NaiveDate::parse_from_str(&f.get("with"), "%Y-%m-%d") {
            Ok(with) => Some(ExceptionChange::Swap { with, series: None }),
            Err(_) => {
                problems.push((
                    "with".to_owned(),
                    Problem::new(ctx.t("manage-error-swap-with")),
                ));
                None
            }
        },
        "move" => match f.get("to") {
            t if t.is_empty() => {
                problems.push(("to".to_owned(), Problem::new(ctx.t("manage-error-move-to"))));
                None
            }
            t => match local_datetime(&t) {
                Some(to) => Some(ExceptionChange::Move { to, note }),
                None => {
                    problems.push((
                        "to".to_owned(),
                        Problem::new(ctx.t("manage-error-datetime")),
                    ));
                    None
                }
            },
        },
        _ => {
            problems.push((
                "kind".to_owned(),
                Problem::new(ctx.t("manage-error-choose")),
            ));
            None
        }
    };
    match (date, change) {
        (Some(d), Some(c)) if problems.is_empty() => Ok((d, c)),
        _ => Err(Rejected::input(problems)),
    }
}

pub(super) async fn exception(
    State(s): State<AppState>,
    ctx: Ctx,
    v: Viewer,
    Path((slug, series)): Path<(String, String)>,
    body: Bytes,
) -> Response {
    let (m, stored) = match managed_series(&s, &ctx, &v, &slug, &series).await {
        Ok(x) => x,
        Err(r) => return r,
    };
    let f = FormData::parse(&body);
    let rejected = match parse_exception(&ctx, &f) {
        Ok((date, change)) => {
            let (action, detail) = match &change {
                ExceptionChange::Cancel { note } => (AuditAction::ExceptionCancel, note.clone()),
                ExceptionChange::Move { to, note } => (
                    AuditAction::ExceptionMove,
                    Some(match note {
                        Some(n) => format!("→ {to}: {n}"),
                        None => format!("→ {to}"),
                    }),
                ),
                ExceptionChange::Host { organization } => (
                    AuditAction::ExceptionHost,
                    Some(format!("→ {organization}")),
                ),
                ExceptionChange::Swap { with, .. } => (
                    AuditAction::ExceptionSwap,
                    Some(format!("↔ {}", with.format("%Y-%m-%d"))),
                ),
            };
            match m.dir.set_exception(&stored.slug, date, change).await {
                Ok(()) => {
                    m.dir
                        .record_change(
                            &v.actor,
                            Some(&m.slug),
                            action,
                            &format!("{}/{}", stored.slug, date.format("%Y-%m-%d")),
                            detail,
                        )
                        .await;
                    return done(&ctx, &edit_path(&m, &stored.slug), "meeting-changed");
                }
                Err(e) => match Rejected::from_app(&ctx, e) {
                    Ok(r) => r,
                    Err(e) => return failure(&ctx, e),
                },
            }
        }
        Err(r) => r,
    };
    render_edit(
        &ctx,
        &m,
        &stored,
        None,
        Some(Submitted::Exception(&f, rejected)),
    )
    .await
    .unwrap_or_else(|e| failure(&ctx, e))
}

pub(super) async fn undo(
    State(s): State<AppState>,
    ctx: Ctx,
    v: Viewer,
    Path((slug, series, date)): Path<(String, String, String)>,
) -> Response {
    let (m, stored) = match managed_series(&s, &ctx, &v, &slug, &series).await {
        Ok(x) => x,
        Err(r) => return r,
    };
    let Ok(date) = NaiveDate::parse_from_str(&date, "%Y-%m-%d") else {
        return error_page(&ctx, StatusCode::NOT_FOUND);
    };
    match m.dir.delete_exceptions(&stored.slug, date).await {
        Ok(()) => {
            m.dir
                .record_change(
                    &v.actor,
                    Some(&m.slug),
                    AuditAction::ExceptionDelete,
                    &format!("{}/{}", stored.slug, date.format("%Y-%m-%d")),
                    None,
                )
                .await;
            done(&ctx, &edit_path(&m, &stored.slug), "change-undone")
        }
        Err(e) => failure(&ctx, e),
    }
}

pub(super) async fn delete(
    State(s): State<AppState>,
    ctx: Ctx,
    v: Viewer,
    Path((slug, series)): Path<(String, String)>,
    body: Bytes,
) -> Response {
    let (m, stored) = match managed_series(&s, &ctx, &v, &slug, &series).await {
        Ok(x) => x,
        Err(r) => return r,
    };
    let f = FormData::parse(&body);
    if f.get("confirm") != CONFIRM {
        let rejected = Rejected::input(vec![(
            "confirm".to_owned(),
            Problem::new(ctx.t("manage-error-delete-confirm")),
        )]);
        return render_edit(&ctx, &m, &stored, None, Some(Submitted::Delete(rejected)))
            .await
            .unwrap_or_else(|e| failure(&ctx, e));
    }
    match m.dir.delete_series(&stored.slug).await {
        Ok(()) => {
            m.dir
                .record_change(
                    &v.actor,
                    Some(&m.slug),
                    AuditAction::SeriesDelete,
                    stored.slug.as_str(),
                    Some(stored.title.clone()),
                )
                .await;
            done(&ctx, &Section::Series.path(&m.slug), "series-deleted")
        }
        Err(e) => failure(&ctx, e),
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
