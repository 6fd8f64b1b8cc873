//! A network's management by its coordinators (and platform admins):
//! members, cohorts, meeting series, invitations, roles, named groups and
//! the audit log, under `/netzwerke/{slug}/verwaltung`.
//!
//! Every handler asks [`knotenpunkt_app::Directory::may_manage_network`]
//! before it reads or writes anything, so whoever may not manage the
//! network gets what the gate says (sign in, 403, or 404 for a network they
//! cannot see). Writes follow Post/Redirect/Get: a success answers 303 to
//! the section's page with a flag that shows a short confirmation; invalid
//! input renders the form again with 422, each message next to its field
//! and in a summary above the form, the input kept. Each write is recorded
//! in the network's audit log; the use cases that record themselves
//! (invitations, roles) are not recorded twice.

mod cohorts;
mod groups;
mod invitations;
mod members;
mod protocol;
mod roles;
mod series;

use askama::Template;
use axum::extract::{Path, RawQuery, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use knotenpunkt_app::domain::{Network, Slug};
use knotenpunkt_app::{
    AppError, Directory, MembershipFilter, Page as StorePage, SeriesFilter, now,
};

use super::{Ctx, error_page, failure, html, query};
use crate::AppState;
use crate::auth::Viewer;
use crate::routes::Routes;

/// The management routes.
pub(super) fn router() -> Routes {
    const BASE: &str = "/netzwerke/{slug}/verwaltung";
    let r = |tail: &str| format!("{BASE}{tail}");
    Routes::new()
        .get(BASE, overview)
        .get_post(&r("/mitglieder"), members::page, members::add)
        .get_post(&r("/mitglieder/{id}"), members::edit, members::update)
        .post(&r("/mitglieder/{id}/entfernen"), members::remove)
        .get_post(&r("/staffeln"), cohorts::page, cohorts::add)
        .get_post(&r("/staffeln/{cohort}"), cohorts::edit, cohorts::update)
        .post(&r("/staffeln/{cohort}/loeschen"), cohorts::delete)
        .get_post(&r("/reihen"), series::list, series::create)
        .get_post(&r("/reihen/{series}"), series::edit, series::update)
        .post(&r("/reihen/{series}/loeschen"), series::delete)
        .post(&r("/reihen/{series}/termin"), series::exception)
        .post(
            &r("/reihen/{series}/termin/{date}/zuruecknehmen"),
            series::undo,
        )
        .get_post(&r("/einladungen"), invitations::page, invitations::send)
        .get(&r("/rollen"), roles::page)
        .post(&r("/rollen/{person}"), roles::set)
        .get_post(&r("/gruppen"), groups::page, groups::create)
        .get_post(&r("/gruppen/{group}"), groups::edit, groups::update)
        .get(&r("/protokoll"), protocol::page)
}

// --- the frame every management page shares ------------------------------------

/// The parts of the management, in the order of the sub-navigation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Section {
    Overview,
    Members,
    Cohorts,
    Series,
    Invitations,
    Roles,
    Groups,
    Protocol,
}

impl Section {
    const ALL: [Section; 8] = [
        Section::Overview,
        Section::Members,
        Section::Cohorts,
        Section::Series,
        Section::Invitations,
        Section::Roles,
        Section::Groups,
        Section::Protocol,
    ];

    fn tail(self) -> &'static str {
        match self {
            Section::Overview => "",
            Section::Members => "/mitglieder",
            Section::Cohorts => "/staffeln",
            Section::Series => "/reihen",
            Section::Invitations => "/einladungen",
            Section::Roles => "/rollen",
            Section::Groups => "/gruppen",
            Section::Protocol => "/protokoll",
        }
    }

    fn key(self) -> &'static str {
        match self {
            Section::Overview => "overview",
            Section::Members => "members",
            Section::Cohorts => "cohorts",
            Section::Series => "series",
            Section::Invitations => "invitations",
            Section::Roles => "roles",
            Section::Groups => "groups",
            Section::Protocol => "protocol",
        }
    }

    /// The section's address (without language).
    pub(super) fn path(self, network: &Slug) -> String {
        format!("/netzwerke/{network}/verwaltung{}", self.tail())
    }
}

/// A step of the breadcrumb trail (the shape `ui::crumbs` reads).
pub(crate) struct Crumb {
    pub(crate) text: String,
    pub(crate) href: Option<String>,
}

/// An entry of the management's sub-navigation.
pub(crate) struct NavItem {
    pub(crate) text: String,
    pub(crate) href: String,
    pub(crate) current: bool,
}

/// Heading, breadcrumb, sub-navigation and confirmation of a page.
pub(crate) struct Frame {
    pub(crate) heading: String,
    pub(crate) network: String,
    pub(crate) crumbs: Vec<Crumb>,
    pub(crate) nav: Vec<NavItem>,
    pub(crate) done: Option<String>,
}

/// The confirmations a redirect may ask for; anything else in the flag is
/// ignored, so a link cannot make the page say something else.
const DONE: &[&str] = &[
    "member-added",
    "member-removed",
    "cohort-added",
    "cohort-deleted",
    "series-created",
    "series-saved",
    "meeting-changed",
    "change-undone",
    "invited",
    "invited-existing",
    "role-changed",
    "member-saved",
    "cohort-saved",
    "series-deleted",
    "group-created",
    "group-saved",
    "network-created",
    "cooperation-created",
    "cooperation-saved",
    "cooperation-deleted",
    "network-deleted",
    "organization-deleted",
];

/// The query parameter that carries a confirmation.
const DONE_PARAM: &str = "erledigt";

impl Frame {
    pub(super) fn new(ctx: &Ctx, m: &Managed, section: Section, raw_query: Option<&str>) -> Frame {
        let manage = Section::Overview.path(&m.slug);
        let mut crumbs = vec![
            Crumb {
                text: ctx.t("nav-networks"),
                href: Some(ctx.href("/netzwerke")),
            },
            Crumb {
                text: m.network.name.clone(),
                href: Some(ctx.href(&format!("/netzwerke/{}", m.slug))),
            },
        ];
        if section == Section::Overview {
            crumbs.push(Crumb {
                text: ctx.t("manage-nav-overview"),
                href: None,
            });
        } else {
            crumbs.push(Crumb {
                text: ctx.t("manage-nav-overview"),
                href: Some(ctx.href(&manage)),
            });
            crumbs.push(Crumb {
                text: ctx.t(&format!("manage-nav-{}", section.key())),
                href: None,
            });
        }
        let nav = Section::ALL
            .iter()
            .map(|s| NavItem {
                text: ctx.t(&format!("manage-nav-{}", s.key())),
                href: ctx.href(&s.path(&m.slug)),
                current: *s == section,
            })
            .collect();
        let done = confirmation(ctx, raw_query);
        Frame {
            heading: ctx.t1(
                &format!("manage-heading-{}", section.key()),
                "network",
                m.network.name.as_str(),
            ),
            network: m.network.name.clone(),
            crumbs,
            nav,
            done,
        }
    }

    /// The frame of a page about one thing within a section (a member, a
    /// cohort, a group): its own heading, and the section in the trail.
    pub(super) fn item(
        ctx: &Ctx,
        m: &Managed,
        section: Section,
        raw_query: Option<&str>,
        heading: String,
        leaf: &str,
    ) -> Frame {
        let mut frame = Frame::new(ctx, m, section, raw_query);
        frame.heading = heading;
        if let Some(last) = frame.crumbs.last_mut() {
            last.href = Some(ctx.href(&section.path(&m.slug)));
        }
        frame.crumbs.push(Crumb {
            text: leaf.to_owned(),
            href: None,
        });
        frame
    }

    /// The page's `<title>`.
    pub(super) fn title(&self) -> String {
        self.heading.clone()
    }
}

/// The confirmation a redirect asked for with its flag, if it is a known one.
pub(super) fn confirmation(ctx: &Ctx, raw_query: Option<&str>) -> Option<String> {
    raw_query
        .map(query::parse)
        .unwrap_or_default()
        .into_iter()
        .find(|(k, _)| k == DONE_PARAM)
        .and_then(|(_, v)| DONE.iter().find(|d| **d == v))
        .map(|d| ctx.t(&format!("manage-done-{d}")))
}

/// The network a management request is about, once the gate let it through.
pub(super) struct Managed {
    pub(super) slug: Slug,
    pub(super) network: Network,
    /// The directory read with the viewer's eyes: a coordinator sees their
    /// network and its series even where an outsider would not.
    pub(super) dir: Directory,
}

/// Lets the request through when the viewer may manage the network; else
/// the answer: 404 for a malformed or hidden network, the sign-in page
/// (back to `section` afterwards) for anonymous visitors, 403 for others.
pub(super) async fn gate(
    s: &AppState,
    ctx: &Ctx,
    v: &Viewer,
    raw: &str,
    section: Section,
) -> Result<Managed, Response> {
    gate_at(s, ctx, v, raw, section, "").await
}

/// [`gate`] for a page within a section (`tail` after the section's
/// address, e.g. `/42`), where a visitor who signs in comes back to.
pub(super) async fn gate_at(
    s: &AppState,
    ctx: &Ctx,
    v: &Viewer,
    raw: &str,
    section: Section,
    tail: &str,
) -> Result<Managed, Response> {
    let Ok(slug) = raw.parse::<Slug>() else {
        return Err(error_page(ctx, StatusCode::NOT_FOUND));
    };
    let dir = s.dir.for_actor(&v.actor);
    if let Err(e) = dir.may_manage_network(&v.actor, &slug).await {
        return Err(refused(ctx, e, &format!("{}{tail}", section.path(&slug))));
    }
    match dir.network(&slug).await {
        Ok(network) => Ok(Managed { slug, network, dir }),
        Err(e) => Err(failure(ctx, e)),
    }
}

/// A refusal; anonymous visitors are sent to sign in and come back to
/// `back` (a page, where the request itself may have been a form).
pub(super) fn refused(ctx: &Ctx, e: AppError, back: &str) -> Response {
    match e {
        AppError::Denied(knotenpunkt_app::access::Denial::SignIn) => {
            let next = query::url(back, &[("lang", ctx.lang_param().unwrap_or(""))]);
            Redirect::to(&query::url("/anmelden", &[("next", &next)])).into_response()
        }
        other => failure(ctx, other),
    }
}

/// The 303 after a successful write: back to `path` with a confirmation.
pub(super) fn done(ctx: &Ctx, path: &str, what: &str) -> Response {
    let to = query::url(
        path,
        &[(DONE_PARAM, what), ("lang", ctx.lang_param().unwrap_or(""))],
    );
    Redirect::to(&to).into_response()
}

// --- forms ----------------------------------------------------------------------

/// A submitted `application/x-www-form-urlencoded` body, read leniently like
/// the query: a form is answered with a page whatever it contains.
pub(super) struct FormData(Vec<(String, String)>);

impl FormData {
    pub(super) fn parse(body: &[u8]) -> FormData {
        FormData(query::parse(&String::from_utf8_lossy(body)))
    }

    /// The first value of `key`, trimmed; empty when missing.
    pub(super) fn get(&self, key: &str) -> String {
        self.0
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.trim().to_owned())
            .unwrap_or_default()
    }

    /// The first value of `key` as sent, not trimmed (a textarea whose
    /// line numbers count); empty when missing.
    pub(super) fn raw(&self, key: &str) -> &str {
        self.0
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
            .unwrap_or("")
    }

    /// Whether the form sent `key` at all (even empty).
    pub(super) fn has(&self, key: &str) -> bool {
        self.0.iter().any(|(k, _)| k == key)
    }

    /// Every non-empty value of `key` (checkboxes), trimmed.
    pub(super) fn all(&self, key: &str) -> Vec<String> {
        self.0
            .iter()
            .filter(|(k, v)| k == key && !v.trim().is_empty())
            .map(|(_, v)| v.trim().to_owned())
            .collect()
    }
}

/// What is wrong with a field: a sentence in the page's language and, for
/// findings of the application (the calendar engine, the store), its own
/// English wording.
#[derive(Debug, Clone)]
pub(crate) struct Problem {
    pub(crate) text: String,
    pub(crate) detail: Option<String>,
}

impl Problem {
    pub(super) fn new(text: String) -> Problem {
        Problem { text, detail: None }
    }
}

/// One `<option>`.
pub(crate) struct Opt {
    pub(crate) value: String,
    pub(crate) label: String,
    pub(crate) selected: bool,
}

/// Options under an optional `<optgroup>` label.
pub(crate) struct OptGroup {
    pub(crate) label: Option<String>,
    pub(crate) options: Vec<Opt>,
}

/// Options with `chosen` selected.
pub(super) fn options<V: Into<String>, L: Into<String>>(
    items: impl IntoIterator<Item = (V, L)>,
    chosen: &[String],
) -> Vec<Opt> {
    items
        .into_iter()
        .map(|(v, l)| {
            let value = v.into();
            Opt {
                selected: chosen.contains(&value),
                value,
                label: l.into(),
            }
        })
        .collect()
}

/// A form control with its label, hint and problem; `kind` is the input
/// type, or `textarea`, `select`, `radio` or `checkbox` (the last two a
/// group under a legend).
pub(crate) struct Control {
    pub(crate) id: String,
    pub(crate) name: &'static str,
    pub(crate) label: String,
    pub(crate) hint: Option<String>,
    pub(crate) kind: &'static str,
    pub(crate) value: String,
    pub(crate) groups: Vec<OptGroup>,
    pub(crate) required: bool,
    pub(crate) maxlength: Option<usize>,
    pub(crate) pattern: Option<&'static str>,
    pub(crate) min: Option<i64>,
    pub(crate) max: Option<i64>,
    /// Codes and rules: monospaced, no spell checking or capitals.
    pub(crate) code: bool,
    pub(crate) autocomplete: Option<&'static str>,
    /// Takes a whole row of the form's grid.
    pub(crate) wide: bool,
    pub(crate) error: Option<Problem>,
}

impl Control {
    /// A text-like input (`text`, `email`, `url`, `number`, `datetime-local`)
    /// or a `textarea`; `form` makes the id unique on a page with several forms.
    pub(super) fn input(
        form: &str,
        name: &'static str,
        kind: &'static str,
        label: String,
        value: impl Into<String>,
    ) -> Control {
        Control {
            id: format!("{form}-{}", name.replace('_', "-")),
            name,
            label,
            hint: None,
            kind,
            value: value.into(),
            groups: Vec::new(),
            required: false,
            maxlength: None,
            pattern: None,
            min: None,
            max: None,
            code: false,
            autocomplete: None,
            wide: false,
            error: None,
        }
    }

    /// A `<select>` (or with `kind` `radio`/`checkbox`, a group of them).
    pub(super) fn choice(
        form: &str,
        name: &'static str,
        kind: &'static str,
        label: String,
        groups: Vec<OptGroup>,
    ) -> Control {
        Control {
            groups,
            ..Control::input(form, name, kind, label, "")
        }
    }

    pub(super) fn hint(mut self, hint: String) -> Control {
        self.hint = Some(hint);
        self
    }

    pub(super) fn required(mut self) -> Control {
        self.required = true;
        self
    }

    pub(super) fn maxlength(mut self, n: usize) -> Control {
        self.maxlength = Some(n);
        self
    }

    pub(super) fn pattern(mut self, p: &'static str) -> Control {
        self.pattern = Some(p);
        self
    }

    pub(super) fn range(mut self, min: i64, max: i64) -> Control {
        self.min = Some(min);
        self.max = Some(max);
        self
    }

    pub(super) fn code(mut self) -> Control {
        self.code = true;
        self
    }

    pub(super) fn wide(mut self) -> Control {
        self.wide = true;
        self
    }

    pub(super) fn autocomplete(mut self, a: &'static str) -> Control {
        self.autocomplete = Some(a);
        self
    }

    /// The ids that describe the control: its hint and its problem.
    pub(crate) fn describedby(&self) -> Option<String> {
        let mut ids = Vec::new();
        if self.hint.is_some() {
            ids.push(format!("{}-hint", self.id));
        }
        if self.error.is_some() {
            ids.push(format!("{}-error", self.id));
        }
        (!ids.is_empty()).then(|| ids.join(" "))
    }

    /// Whether the control is a group under a legend.
    pub(crate) fn is_group(&self) -> bool {
        matches!(self.kind, "radio" | "checkbox")
    }

    /// Where a link to the control leads: the input, or a group's first box.
    pub(crate) fn anchor(&self) -> String {
        if self.is_group() {
            format!("#{}-0", self.id)
        } else {
            format!("#{}", self.id)
        }
    }
}

/// A line of the problem summary above a form.
pub(crate) struct SummaryItem {
    pub(crate) href: Option<String>,
    pub(crate) text: String,
    pub(crate) detail: Option<String>,
}

/// Why a form was not accepted, field by field.
pub(super) struct Rejected {
    pub(super) status: StatusCode,
    pub(super) fields: Vec<(String, Problem)>,
}

impl Rejected {
    /// Problems the page found itself (422).
    pub(super) fn input(fields: Vec<(String, Problem)>) -> Rejected {
        Rejected {
            status: StatusCode::UNPROCESSABLE_ENTITY,
            fields,
        }
    }

    /// What a failed use case means for the form; errors that are not
    /// about the input come back for the error page.
    pub(super) fn from_app(ctx: &Ctx, e: AppError) -> Result<Rejected, AppError> {
        let from_app = |field: &str, message: String| {
            // `rotation[2]` is the rotation field's third line.
            let field = field.split('[').next().unwrap_or(field).to_owned();
            (
                field,
                Problem {
                    text: ctx.t("manage-error-app"),
                    detail: Some(message),
                },
            )
        };
        match e {
            AppError::Invalid(list) => Ok(Rejected::input(
                list.into_iter()
                    .map(|f| from_app(&f.field, f.message))
                    .collect(),
            )),
            AppError::Conflict(f) => Ok(Rejected {
                status: if f.field.is_empty() {
                    StatusCode::CONFLICT
                } else {
                    StatusCode::UNPROCESSABLE_ENTITY
                },
                fields: vec![from_app(&f.field, f.message)],
            }),
            AppError::Unavailable(message) => Ok(Rejected {
                status: StatusCode::SERVICE_UNAVAILABLE,
                fields: vec![(
                    String::new(),
                    Problem {
                        text: ctx.t("manage-error-unavailable"),
                        detail: Some(message),
                    },
                )],
            }),
            other => Err(other),
        }
    }

    /// Puts each problem next to its control and returns the summary;
    /// problems of no control on this form are listed only there.
    pub(super) fn apply(self, controls: &mut [&mut Control]) -> Vec<SummaryItem> {
        let mut summary = Vec::new();
        for (field, problem) in self.fields {
            match controls.iter_mut().find(|c| c.name == field) {
                Some(c) => {
                    // A finding of the application is quoted as it is; the
                    // sentence that introduces it stands at the field.
                    summary.push(SummaryItem {
                        href: Some(c.anchor()),
                        text: match &problem.detail {
                            Some(_) => format!("{}:", c.label),
                            None => format!("{}: {}", c.label, problem.text),
                        },
                        detail: problem.detail.clone(),
                    });
                    if c.error.is_none() {
                        c.error = Some(problem);
                    }
                }
                None => summary.push(SummaryItem {
                    href: None,
                    text: problem.text,
                    detail: problem.detail,
                }),
            }
        }
        summary
    }
}

/// A required slug: as given, or derived from `name` when left empty.
pub(super) fn slug_field(
    ctx: &Ctx,
    problems: &mut Vec<(String, Problem)>,
    field: &str,
    given: &str,
    name: &str,
) -> Option<Slug> {
    let derived = if given.is_empty() {
        Slug::from_name(name)
    } else {
        None
    };
    match (given.parse::<Slug>(), derived) {
        (_, Some(s)) => Some(s),
        (Ok(s), None) => Some(s),
        (Err(_), None) => {
            let id = if given.is_empty() {
                "manage-error-slug-missing"
            } else {
                "manage-error-slug"
            };
            problems.push((field.to_owned(), Problem::new(ctx.t(id))));
            None
        }
    }
}

/// A required text field.
pub(super) fn required(
    ctx: &Ctx,
    problems: &mut Vec<(String, Problem)>,
    field: &str,
    value: &str,
) -> Option<String> {
    if value.is_empty() {
        problems.push((
            field.to_owned(),
            Problem::new(ctx.t("manage-error-required")),
        ));
        None
    } else {
        Some(value.to_owned())
    }
}

/// Longest name accepted (the domain's limit).
pub(super) const MAX_NAME: usize = 200;
/// Longest description or source accepted on the forms.
pub(super) const MAX_TEXT: usize = 5000;
/// Longest web address the domain accepts.
pub(super) const MAX_URL: usize = 500;

/// A limit on a text field's length.
pub(super) fn too_long(
    ctx: &Ctx,
    problems: &mut Vec<(String, Problem)>,
    field: &str,
    v: &str,
    max: usize,
) {
    if v.chars().count() > max {
        problems.push((
            field.to_owned(),
            Problem::new(ctx.t1("manage-error-too-long", "max", max)),
        ));
    }
}

/// An optional web address; the domain checks the rest.
pub(super) fn website(
    ctx: &Ctx,
    problems: &mut Vec<(String, Problem)>,
    v: String,
) -> Option<String> {
    let v = optional(v)?;
    if !(v.starts_with("https://") || v.starts_with("http://")) || v.len() > MAX_URL {
        problems.push((
            "website".into(),
            Problem::new(ctx.t("profile-error-website")),
        ));
    }
    Some(v)
}

/// An optional text field: `None` when left empty.
pub(super) fn optional(value: String) -> Option<String> {
    (!value.is_empty()).then_some(value)
}

/// A date and time for lists: "03.05.2026, 14:05" in Berlin time.
pub(super) fn moment(ctx: &Ctx, at: i64) -> (String, String) {
    match knotenpunkt_app::berlin_time(at) {
        Some(t) => (
            t.to_rfc3339(),
            format!("{}, {}", ctx.day(t.date_naive()), t.format("%H:%M")),
        ),
        None => (String::new(), ctx.t("unknown")),
    }
}

// --- the overview -------------------------------------------------------------------

/// A card of the overview: a section with a figure.
struct Card {
    heading: String,
    href: String,
    text: String,
    figure: String,
}

#[derive(Template)]
#[template(path = "manage/overview.html")]
struct OverviewPage<'a> {
    ctx: &'a Ctx,
    title: String,
    frame: Frame,
    network_href: String,
    cards: Vec<Card>,
    log_rows: Vec<protocol::Row>,
    log_caption: String,
    protocol_href: String,
    settings_href: String,
}

async fn overview(
    State(s): State<AppState>,
    ctx: Ctx,
    v: Viewer,
    Path(slug): Path<String>,
    RawQuery(q): RawQuery,
) -> Response {
    let m = match gate(&s, &ctx, &v, &slug, Section::Overview).await {
        Ok(m) => m,
        Err(r) => return r,
    };
    match overview_page(&ctx, &v, &m, q.as_deref()).await {
        Ok(r) => r,
        Err(e) => failure(&ctx, e),
    }
}

async fn overview_page(
    ctx: &Ctx,
    v: &Viewer,
    m: &Managed,
    q: Option<&str>,
) -> Result<Response, AppError> {
    let dir = &m.dir;
    let members = dir
        .memberships(
            &MembershipFilter {
                network: Some(m.slug.clone()),
                ..MembershipFilter::default()
            },
            StorePage::ALL,
        )
        .await?
        .items
        .iter()
        .filter(|w| w.value.left_on.is_none())
        .count();
    let cohorts = dir.cohorts(Some(&m.slug)).await?.len();
    let series = dir
        .series_list(&SeriesFilter {
            network: Some(m.slug.clone()),
            ..SeriesFilter::default()
        })
        .await?
        .len();
    let t = now();
    let open = dir
        .invitations(&v.actor, Some(&m.slug))
        .await?
        .iter()
        .filter(|i| i.used_at.is_none() && i.expires_at > t)
        .count();
    let people = dir.network_people(&v.actor, &m.slug).await?.len();
    let groups = dir.groups(&v.actor, &m.slug).await?.len();
    let log = dir
        .audit_log(
            &v.actor,
            Some(&m.slug),
            StorePage {
                limit: Some(5),
                offset: 0,
            },
        )
        .await?;
    let card = |section: Section, figure: String| Card {
        heading: ctx.t(&format!("manage-nav-{}", section.key())),
        href: ctx.href(&section.path(&m.slug)),
        text: ctx.t(&format!("manage-card-{}", section.key())),
        figure,
    };
    let cards = vec![
        card(
            Section::Members,
            ctx.t1("manage-figure-members", "count", members),
        ),
        card(
            Section::Cohorts,
            ctx.t1("manage-figure-cohorts", "count", cohorts),
        ),
        card(
            Section::Series,
            ctx.t1("manage-figure-series", "count", series),
        ),
        card(
            Section::Invitations,
            ctx.t1("manage-figure-invitations", "count", open),
        ),
        card(
            Section::Roles,
            ctx.t1("manage-figure-people", "count", people),
        ),
        card(
            Section::Groups,
            ctx.t1("manage-figure-groups", "count", groups),
        ),
        card(
            Section::Protocol,
            ctx.t1("manage-figure-entries", "count", log.total),
        ),
    ];
    let frame = Frame::new(ctx, m, Section::Overview, q);
    let page = OverviewPage {
        ctx,
        title: frame.title(),
        frame,
        network_href: ctx.href(&format!("/netzwerke/{}", m.slug)),
        cards,
        log_caption: ctx.t("manage-recent-heading"),
        log_rows: log
            .items
            .iter()
            .map(|e| protocol::Row::new(ctx, e))
            .collect(),
        protocol_href: ctx.href(&Section::Protocol.path(&m.slug)),
        settings_href: ctx.href(&format!(
            "{}/einstellungen",
            Section::Overview.path(&m.slug)
        )),
    };
    Ok(html(ctx, StatusCode::OK, &page))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_known_confirmations_are_shown() {
        let de = Ctx::new("/", "", None);
        assert_eq!(
            confirmation(&de, Some("erledigt=cohort-added")).as_deref(),
            Some("Die Staffel wurde angelegt.")
        );
        assert_eq!(confirmation(&de, Some("erledigt=Sie+wurden+gehackt")), None);
        assert_eq!(confirmation(&de, Some("lang=en")), None);
        assert_eq!(confirmation(&de, None), None);
        for d in DONE {
            let en = Ctx::new("/", "lang=en", None);
            let text = confirmation(&en, Some(&format!("erledigt={d}"))).unwrap();
            assert!(!text.starts_with("manage-"), "{d} has no message");
        }
    }

    #[test]
    fn problems_go_next_to_their_field_or_into_the_summary() {
        let ctx = Ctx::new("/", "", None);
        let mut rule = Control::input("series", "rule", "text", "Regel".into(), "X");
        let mut rotation = Control::input("series", "rotation", "textarea", "Reihe".into(), "");
        let rejected = Rejected::from_app(
            &ctx,
            AppError::Invalid(vec![
                knotenpunkt_app::domain::FieldError::new("rule", "part FREQ is invalid"),
                knotenpunkt_app::domain::FieldError::new("rotation[2]", "'x' takes no part"),
                knotenpunkt_app::domain::FieldError::new("time_zone", "unknown zone"),
            ]),
        )
        .unwrap();
        assert_eq!(rejected.status, StatusCode::UNPROCESSABLE_ENTITY);
        let summary = rejected.apply(&mut [&mut rule, &mut rotation]);
        assert_eq!(
            rule.error.as_ref().and_then(|e| e.detail.as_deref()),
            Some("part FREQ is invalid")
        );
        assert_eq!(rule.describedby().as_deref(), Some("series-rule-error"));
        assert!(rotation.error.is_some());
        assert_eq!(summary.len(), 3);
        assert_eq!(summary[0].href.as_deref(), Some("#series-rule"));
        assert_eq!(summary[0].text, "Regel:");
        assert_eq!(summary[2].href, None);
        assert_eq!(summary[2].detail.as_deref(), Some("unknown zone"));
        // What is not about the input goes to the error page.
        assert!(
            Rejected::from_app(
                &ctx,
                AppError::Denied(knotenpunkt_app::access::Denial::Forbidden)
            )
            .is_err()
        );
    }
}
