//! The platform's administration, for platform admins only: the networks
//! and organisations of the directory with links to their pages, and the
//! forms that create a network or an organisation, under `/verwaltung`.
//!
//! These are thin adapters over the use cases the API's `POST
//! /api/v1/networks` and `POST /api/v1/organizations` call. Every handler
//! asks the policy (`Action::ManagePlatform`) before it reads or writes:
//! anonymous visitors are sent to sign in, everyone else who is not an
//! admin gets the refusal page. A success is recorded in the audit log and
//! answered with 303 to the new network's management or the new
//! organisation's profile form; invalid input renders the form again with
//! 422, each message at its field and in a summary above the form, and
//! nothing is written.
//!
//! The cooperations of the directory are created, changed and deleted
//! here too ([`cooperations`]), and networks and organisations deleted
//! behind a confirming checkbox ([`deletion`]).

mod cooperations;
mod deletion;

use askama::Template;
use axum::body::Bytes;
use axum::extract::{RawQuery, State};
use axum::http::StatusCode;
use axum::response::Response;
use knotenpunkt_app::access::Action;
use knotenpunkt_app::domain::{
    Ags, Network, OrgKind, Organization, PartialDate, Slug, State as FedState, Visibility,
};
use knotenpunkt_app::{AppError, Directory, OrgFilter, Page as StorePage};

use super::manage::{
    Control, Crumb, FormData, MAX_NAME, MAX_TEXT, MAX_URL, Opt, OptGroup, Problem, Rejected,
    Section, SummaryItem, done, optional, refused, required, slug_field, too_long, website,
};
use super::{Badge, Ctx, failure, html, query};
use crate::AppState;
use crate::auth::Viewer;
use crate::routes::Routes;

/// The platform administration's address.
pub(crate) const BASE: &str = "/verwaltung";
/// The form that creates a network.
const NEW_NETWORK: &str = "/verwaltung/netzwerke/neu";
/// The form that creates an organisation.
const NEW_ORGANIZATION: &str = "/verwaltung/organisationen/neu";

/// Organisations listed on the overview at most; the search narrows them.
const ORG_LIMIT: u64 = 100;

/// The platform administration's routes.
pub(super) fn router() -> Routes {
    Routes::new()
        .get(BASE, overview)
        .get_post(NEW_NETWORK, network_form, network_create)
        .get_post(NEW_ORGANIZATION, organization_form, organization_create)
        .get_post(
            cooperations::NEW_COOPERATION,
            cooperations::new_form,
            cooperations::create,
        )
        .get_post(
            "/verwaltung/kooperationen/{id}",
            cooperations::edit,
            cooperations::update,
        )
        .post(
            "/verwaltung/kooperationen/{id}/loeschen",
            cooperations::delete,
        )
        .get_post(
            "/verwaltung/netzwerke/{slug}/loeschen",
            deletion::network_page,
            deletion::network_delete,
        )
        .get_post(
            "/verwaltung/organisationen/{slug}/loeschen",
            deletion::organization_page,
            deletion::organization_delete,
        )
}

/// The answer for a viewer who may not administer the platform, `None`
/// for an admin: the sign-in page (back to `back`) for anonymous visitors,
/// the refusal page for everyone else.
fn refusal(ctx: &Ctx, v: &Viewer, back: &str) -> Option<Response> {
    v.may(&Action::ManagePlatform)
        .err()
        .map(|e| refused(ctx, e, back))
}

/// The breadcrumb of a page below the overview.
fn crumbs(ctx: &Ctx, here: Option<String>) -> Vec<Crumb> {
    let overview = ctx.t("platform-heading");
    match here {
        None => vec![Crumb {
            text: overview,
            href: None,
        }],
        Some(text) => vec![
            Crumb {
                text: overview,
                href: Some(ctx.href(BASE)),
            },
            Crumb { text, href: None },
        ],
    }
}

/// An optional longer text with a length limit.
fn text(
    ctx: &Ctx,
    problems: &mut Vec<(String, Problem)>,
    f: &FormData,
    field: &str,
) -> Option<String> {
    let v = optional(f.get(field))?;
    too_long(ctx, problems, field, &v, MAX_TEXT);
    Some(v)
}

/// A required name with the domain's length limit.
fn name(ctx: &Ctx, problems: &mut Vec<(String, Problem)>, f: &FormData) -> Option<String> {
    let n = required(ctx, problems, "name", &f.get("name"))?;
    too_long(ctx, problems, "name", &n, MAX_NAME);
    Some(n)
}

// --- the overview -----------------------------------------------------------------

struct NetworkRow {
    name: String,
    slug: String,
    href: String,
    manage_href: String,
    delete_href: String,
    visibility: String,
}

struct OrgRow {
    name: String,
    slug: String,
    href: String,
    edit_href: String,
    delete_href: String,
    kind: String,
    states: Vec<Badge>,
}

#[derive(Template)]
#[template(path = "platform/overview.html")]
struct OverviewPage<'a> {
    ctx: &'a Ctx,
    title: String,
    crumbs: Vec<Crumb>,
    networks: Vec<NetworkRow>,
    organizations: Vec<OrgRow>,
    /// "12 of 340 organisations", when the list is cut or filtered.
    org_count: String,
    search: String,
    search_action: String,
    new_network_href: String,
    new_organization_href: String,
    cooperations: Vec<CoopRow>,
    new_cooperation_href: String,
    /// The confirmation of a write that redirected here.
    done: Option<String>,
}

/// A cooperation on the overview, its partners by name.
struct CoopRow {
    name: String,
    edit_href: String,
    partners: Vec<(String, String)>,
}

async fn overview(
    State(s): State<AppState>,
    ctx: Ctx,
    v: Viewer,
    RawQuery(q): RawQuery,
) -> Response {
    if let Some(r) = refusal(&ctx, &v, BASE) {
        return r;
    }
    let search = query::parse(q.as_deref().unwrap_or(""))
        .into_iter()
        .find(|(k, _)| k == "q")
        .map(|(_, v)| v.trim().to_owned())
        .unwrap_or_default();
    let done = super::manage::confirmation(&ctx, q.as_deref());
    match overview_page(&s.dir.for_actor(&v.actor), &ctx, search, done).await {
        Ok(r) => r,
        Err(e) => failure(&ctx, e),
    }
}

fn visibility_name(ctx: &Ctx, vis: &Visibility) -> String {
    match vis {
        Visibility::Public => ctx.t("platform-visibility-public"),
        Visibility::Network => ctx.t("platform-visibility-network"),
        Visibility::Group(g) => ctx.t1("platform-visibility-group", "group", g.as_str()),
    }
}

async fn overview_page(
    dir: &Directory,
    ctx: &Ctx,
    search: String,
    done: Option<String>,
) -> Result<Response, AppError> {
    let networks = dir.networks(None, StorePage::ALL).await?;
    let names: std::collections::HashMap<String, String> = dir
        .organizations(&OrgFilter::default(), StorePage::ALL)
        .await?
        .items
        .into_iter()
        .map(|o| (o.slug.to_string(), o.name))
        .collect();
    let cooperations = dir
        .cooperations(None)
        .await?
        .into_iter()
        .map(|c| CoopRow {
            edit_href: ctx.href(&cooperations::edit_path(c.id)),
            partners: c
                .value
                .partners
                .iter()
                .map(|p| {
                    let slug = p.to_string();
                    let name = names.get(&slug).cloned().unwrap_or_else(|| slug.clone());
                    (ctx.href(&format!("/organisationen/{slug}")), name)
                })
                .collect(),
            name: c.value.name,
        })
        .collect();
    let orgs = dir
        .organizations(
            &OrgFilter {
                q: optional(search.clone()),
                ..OrgFilter::default()
            },
            StorePage {
                limit: Some(ORG_LIMIT),
                offset: 0,
            },
        )
        .await?;
    let shown = orgs.items.len();
    let org_count = ctx.t2("platform-org-count", "shown", shown, "total", orgs.total);
    let page = OverviewPage {
        ctx,
        title: ctx.t("platform-heading"),
        crumbs: crumbs(ctx, None),
        networks: networks
            .items
            .iter()
            .map(|n| NetworkRow {
                name: n.name.clone(),
                slug: n.slug.to_string(),
                href: ctx.href(&format!("/netzwerke/{}", n.slug)),
                manage_href: ctx.href(&Section::Overview.path(&n.slug)),
                delete_href: ctx.href(&deletion::Kind::Network.path(n.slug.as_str())),
                visibility: visibility_name(ctx, &n.visibility),
            })
            .collect(),
        organizations: orgs
            .items
            .iter()
            .map(|o| OrgRow {
                name: o.name.clone(),
                slug: o.slug.to_string(),
                href: ctx.href(&format!("/organisationen/{}", o.slug)),
                edit_href: ctx.href(&format!("/organisationen/{}/bearbeiten", o.slug)),
                delete_href: ctx.href(&deletion::Kind::Organization.path(o.slug.as_str())),
                kind: ctx.kind_name(&o.kind),
                states: Badge::all(ctx, &o.states),
            })
            .collect(),
        org_count,
        search,
        search_action: ctx.href(BASE),
        new_network_href: ctx.href(NEW_NETWORK),
        new_organization_href: ctx.href(NEW_ORGANIZATION),
        cooperations,
        new_cooperation_href: ctx.href(cooperations::NEW_COOPERATION),
        done,
    };
    Ok(html(ctx, StatusCode::OK, &page))
}

// --- creating a network ---------------------------------------------------------------

struct NetworkForm {
    action: String,
    name: Control,
    slug: Control,
    description: Control,
    coordinator: Control,
    founded_on: Control,
    visibility: Control,
    website: Control,
    source: Control,
    summary: Vec<SummaryItem>,
}

impl NetworkForm {
    fn new(ctx: &Ctx, f: Option<&FormData>) -> NetworkForm {
        let v = |k: &str| f.map(|f| f.get(k)).unwrap_or_default();
        let chosen = f
            .map(|f| f.get("visibility"))
            .unwrap_or_else(|| "public".to_owned());
        let options = [
            ("public", "profile-visibility-public"),
            ("network", "profile-visibility-network"),
        ]
        .into_iter()
        .map(|(value, label)| Opt {
            selected: value == chosen,
            value: value.to_owned(),
            label: ctx.t(label),
        })
        .collect();
        NetworkForm {
            action: ctx.href(NEW_NETWORK),
            name: Control::input(
                "network",
                "name",
                "text",
                ctx.t("profile-network-name"),
                v("name"),
            )
            .required()
            .maxlength(MAX_NAME),
            slug: Control::input("network", "slug", "text", ctx.t("manage-slug"), v("slug"))
                .maxlength(80)
                .pattern("[a-z0-9]+(-[a-z0-9]+)*")
                .code()
                .hint(ctx.t("manage-slug-hint")),
            description: Control::input(
                "network",
                "description",
                "textarea",
                ctx.t("profile-network-description"),
                v("description"),
            )
            .maxlength(MAX_TEXT)
            .wide()
            .hint(ctx.t("profile-network-description-hint")),
            coordinator: Control::input(
                "network",
                "coordinator",
                "text",
                ctx.t("platform-coordinator"),
                v("coordinator"),
            )
            .maxlength(80)
            .code()
            .hint(ctx.t("platform-coordinator-hint")),
            founded_on: Control::input(
                "network",
                "founded_on",
                "text",
                ctx.t("platform-founded-on"),
                v("founded_on"),
            )
            .maxlength(10)
            .hint(ctx.t("manage-partial-date-hint")),
            visibility: Control::choice(
                "network",
                "visibility",
                "radio",
                ctx.t("profile-visibility"),
                vec![OptGroup {
                    label: None,
                    options,
                }],
            )
            .required()
            .wide()
            .hint(ctx.t("profile-visibility-hint")),
            website: Control::input("network", "website", "url", ctx.t("website"), v("website"))
                .maxlength(MAX_URL)
                .autocomplete("url")
                .hint(ctx.t("profile-website-hint")),
            source: Control::input(
                "network",
                "source",
                "textarea",
                ctx.t("profile-source"),
                v("source"),
            )
            .maxlength(MAX_TEXT)
            .wide()
            .hint(ctx.t("profile-source-hint")),
            summary: Vec::new(),
        }
    }

    fn reject(&mut self, r: Rejected) {
        self.summary = r.apply(&mut [
            &mut self.name,
            &mut self.slug,
            &mut self.description,
            &mut self.coordinator,
            &mut self.founded_on,
            &mut self.visibility,
            &mut self.website,
            &mut self.source,
        ]);
    }
}

#[derive(Template)]
#[template(path = "platform/network.html")]
struct NetworkPage<'a> {
    ctx: &'a Ctx,
    title: String,
    crumbs: Vec<Crumb>,
    form: NetworkForm,
}

fn render_network(ctx: &Ctx, form: NetworkForm, status: StatusCode) -> Response {
    let title = ctx.t("platform-network-heading");
    let page = NetworkPage {
        ctx,
        crumbs: crumbs(ctx, Some(title.clone())),
        title,
        form,
    };
    html(ctx, status, &page)
}

async fn network_form(ctx: Ctx, v: Viewer) -> Response {
    if let Some(r) = refusal(&ctx, &v, NEW_NETWORK) {
        return r;
    }
    render_network(&ctx, NetworkForm::new(&ctx, None), StatusCode::OK)
}

/// An optional organisation slug.
fn org_slug(
    ctx: &Ctx,
    problems: &mut Vec<(String, Problem)>,
    field: &str,
    v: String,
) -> Option<Slug> {
    let v = optional(v)?;
    match v.parse::<Slug>() {
        Ok(s) => Some(s),
        Err(_) => {
            problems.push((field.to_owned(), Problem::new(ctx.t("manage-error-slug"))));
            None
        }
    }
}

/// Reads the form into a new network, as `POST /api/v1/networks` takes it.
fn parse_network(ctx: &Ctx, f: &FormData) -> Result<Network, Rejected> {
    let mut problems = Vec::new();
    let name = name(ctx, &mut problems, f);
    let slug = name
        .as_deref()
        .and_then(|n| slug_field(ctx, &mut problems, "slug", &f.get("slug"), n));
    let description = f.get("description");
    too_long(ctx, &mut problems, "description", &description, MAX_TEXT);
    let coordinator = org_slug(ctx, &mut problems, "coordinator", f.get("coordinator"));
    let founded_on = match f.get("founded_on") {
        d if d.is_empty() => None,
        d => match d.parse::<PartialDate>() {
            Ok(d) => Some(d),
            Err(_) => {
                problems.push((
                    "founded_on".to_owned(),
                    Problem::new(ctx.t("manage-error-partial-date")),
                ));
                None
            }
        },
    };
    let visibility = match f.get("visibility").as_str() {
        "public" => Some(Visibility::Public),
        "network" => Some(Visibility::Network),
        _ => {
            problems.push((
                "visibility".into(),
                Problem::new(ctx.t("manage-error-choose")),
            ));
            None
        }
    };
    let website = website(ctx, &mut problems, f.get("website"));
    let source = text(ctx, &mut problems, f, "source");
    match (name, slug, visibility) {
        (Some(name), Some(slug), Some(visibility)) if problems.is_empty() => Ok(Network {
            slug,
            name,
            description,
            coordinator,
            founded_on,
            visibility,
            website,
            figures: Vec::new(),
            source,
        }),
        _ => Err(Rejected::input(problems)),
    }
}

async fn network_create(State(s): State<AppState>, ctx: Ctx, v: Viewer, body: Bytes) -> Response {
    if let Some(r) = refusal(&ctx, &v, NEW_NETWORK) {
        return r;
    }
    let dir = s.dir.for_actor(&v.actor);
    let f = FormData::parse(&body);
    let rejected = match parse_network(&ctx, &f) {
        Ok(n) => match dir.create_network(&n).await {
            Ok(()) => {
                return done(&ctx, &Section::Overview.path(&n.slug), "network-created");
            }
            Err(e) => match Rejected::from_app(&ctx, e) {
                Ok(r) => r,
                Err(e) => return failure(&ctx, e),
            },
        },
        Err(r) => r,
    };
    let status = rejected.status;
    let mut form = NetworkForm::new(&ctx, Some(&f));
    form.reject(rejected);
    render_network(&ctx, form, status)
}

// --- creating an organisation --------------------------------------------------------------

struct OrgForm {
    action: String,
    name: Control,
    slug: Control,
    kind: Control,
    states: Control,
    ags: Control,
    population: Control,
    website: Control,
    source: Control,
    summary: Vec<SummaryItem>,
}

impl OrgForm {
    fn new(ctx: &Ctx, f: Option<&FormData>) -> OrgForm {
        let v = |k: &str| f.map(|f| f.get(k)).unwrap_or_default();
        let kinds = std::iter::once((String::new(), ctx.t("platform-kind-choose"))).chain(
            OrgKind::ALL
                .iter()
                .map(|k| (k.code().to_owned(), ctx.kind_name(k))),
        );
        let states = FedState::ALL
            .iter()
            .map(|s| (s.code().to_owned(), ctx.state_name(s)));
        OrgForm {
            action: ctx.href(NEW_ORGANIZATION),
            name: Control::input(
                "organization",
                "name",
                "text",
                ctx.t("profile-org-name"),
                v("name"),
            )
            .required()
            .maxlength(MAX_NAME)
            .autocomplete("organization"),
            slug: Control::input(
                "organization",
                "slug",
                "text",
                ctx.t("manage-slug"),
                v("slug"),
            )
            .maxlength(80)
            .pattern("[a-z0-9]+(-[a-z0-9]+)*")
            .code()
            .hint(ctx.t("manage-slug-hint")),
            kind: Control::choice(
                "organization",
                "kind",
                "select",
                ctx.t("org-kind"),
                vec![OptGroup {
                    label: None,
                    options: super::manage::options(kinds, &[v("kind")]),
                }],
            )
            .required(),
            states: Control::choice(
                "organization",
                "states",
                "checkbox",
                ctx.t("org-states"),
                vec![OptGroup {
                    label: None,
                    options: super::manage::options(
                        states,
                        &f.map(|f| f.all("states")).unwrap_or_default(),
                    ),
                }],
            )
            .required()
            .wide()
            .hint(ctx.t("platform-states-hint")),
            ags: Control::input(
                "organization",
                "ags",
                "text",
                ctx.t("org-ags-long"),
                v("ags"),
            )
            .maxlength(8)
            .pattern("[0-9]{8}")
            .code()
            .hint(ctx.t("platform-ags-hint")),
            population: Control::input(
                "organization",
                "population",
                "number",
                ctx.t("org-population"),
                v("population"),
            )
            .range(0, 100_000_000)
            .hint(ctx.t("profile-population-hint")),
            website: Control::input(
                "organization",
                "website",
                "url",
                ctx.t("website"),
                v("website"),
            )
            .maxlength(MAX_URL)
            .autocomplete("url")
            .hint(ctx.t("profile-website-hint")),
            source: Control::input(
                "organization",
                "source",
                "textarea",
                ctx.t("profile-source"),
                v("source"),
            )
            .maxlength(MAX_TEXT)
            .wide()
            .hint(ctx.t("profile-source-hint")),
            summary: Vec::new(),
        }
    }

    fn reject(&mut self, r: Rejected) {
        self.summary = r.apply(&mut [
            &mut self.name,
            &mut self.slug,
            &mut self.kind,
            &mut self.states,
            &mut self.ags,
            &mut self.population,
            &mut self.website,
            &mut self.source,
        ]);
    }
}

#[derive(Template)]
#[template(path = "platform/organization.html")]
struct OrgPage<'a> {
    ctx: &'a Ctx,
    title: String,
    crumbs: Vec<Crumb>,
    form: OrgForm,
}

fn render_org(ctx: &Ctx, form: OrgForm, status: StatusCode) -> Response {
    let title = ctx.t("platform-org-heading");
    let page = OrgPage {
        ctx,
        crumbs: crumbs(ctx, Some(title.clone())),
        title,
        form,
    };
    html(ctx, status, &page)
}

async fn organization_form(ctx: Ctx, v: Viewer) -> Response {
    if let Some(r) = refusal(&ctx, &v, NEW_ORGANIZATION) {
        return r;
    }
    render_org(&ctx, OrgForm::new(&ctx, None), StatusCode::OK)
}

/// Reads the form into a new organisation, as `POST /api/v1/organizations`
/// takes it (without parts: a cooperation's parts are added on import or
/// through the API).
fn parse_org(ctx: &Ctx, f: &FormData) -> Result<Organization, Rejected> {
    let mut problems = Vec::new();
    let name = name(ctx, &mut problems, f);
    let slug = name
        .as_deref()
        .and_then(|n| slug_field(ctx, &mut problems, "slug", &f.get("slug"), n));
    let kind = match f.get("kind").parse::<OrgKind>() {
        Ok(k) => Some(k),
        Err(_) => {
            problems.push(("kind".into(), Problem::new(ctx.t("manage-error-choose"))));
            None
        }
    };
    let mut states = Vec::new();
    for code in f.all("states") {
        match code.parse::<FedState>() {
            Ok(s) if !states.contains(&s) => states.push(s),
            Ok(_) => {}
            Err(_) => {
                problems.push(("states".into(), Problem::new(ctx.t("manage-error-choose"))));
            }
        }
    }
    if states.is_empty() && !problems.iter().any(|(f, _)| f == "states") {
        problems.push((
            "states".into(),
            Problem::new(ctx.t("platform-error-states")),
        ));
    }
    let ags = match f.get("ags") {
        a if a.is_empty() => None,
        a => match a.parse::<Ags>() {
            Ok(a) => Some(a),
            Err(_) => {
                problems.push(("ags".into(), Problem::new(ctx.t("platform-error-ags"))));
                None
            }
        },
    };
    let population = match f.get("population") {
        p if p.is_empty() => None,
        p => match p.parse::<u64>() {
            Ok(n) => Some(n),
            Err(_) => {
                problems.push((
                    "population".into(),
                    Problem::new(ctx.t("profile-error-population")),
                ));
                None
            }
        },
    };
    let website = website(ctx, &mut problems, f.get("website"));
    let source = text(ctx, &mut problems, f, "source");
    match (name, slug, kind) {
        (Some(name), Some(slug), Some(kind)) if problems.is_empty() => Ok(Organization {
            slug,
            name,
            kind,
            states,
            ags,
            population,
            website,
            parts: Vec::new(),
            source,
        }),
        _ => Err(Rejected::input(problems)),
    }
}

async fn organization_create(
    State(s): State<AppState>,
    ctx: Ctx,
    v: Viewer,
    body: Bytes,
) -> Response {
    if let Some(r) = refusal(&ctx, &v, NEW_ORGANIZATION) {
        return r;
    }
    let dir = s.dir.for_actor(&v.actor);
    let f = FormData::parse(&body);
    let rejected = match parse_org(&ctx, &f) {
        Ok(o) => match dir.create_organization(&o).await {
            Ok(()) => {
                return done(
                    &ctx,
                    &format!("/organisationen/{}/bearbeiten", o.slug),
                    "organization-created",
                );
            }
            Err(e) => match Rejected::from_app(&ctx, e) {
                Ok(r) => r,
                Err(e) => return failure(&ctx, e),
            },
        },
        Err(r) => r,
    };
    let status = rejected.status;
    let mut form = OrgForm::new(&ctx, Some(&f));
    form.reject(rejected);
    render_org(&ctx, form, status)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form(pairs: &[(&str, &str)]) -> FormData {
        let body: String = pairs
            .iter()
            .map(|(k, v)| format!("{k}={}", v.replace(' ', "+")))
            .collect::<Vec<_>>()
            .join("&");
        FormData::parse(body.as_bytes())
    }

    fn fields(r: Rejected) -> Vec<String> {
        r.fields.into_iter().map(|(f, _)| f).collect()
    }

    #[test]
    fn a_network_form_reads_into_what_the_api_takes() {
        let ctx = Ctx::new("/", "", None);
        let n = parse_network(
            &ctx,
            &form(&[
                ("name", "Digitale Dörfer"),
                ("visibility", "network"),
                ("founded_on", "2024-05"),
                ("coordinator", "kaiserslautern"),
            ]),
        )
        .unwrap_or_else(|r| panic!("{:?}", fields(r)));
        assert_eq!(n.slug.as_str(), "digitale-doerfer");
        assert_eq!(n.visibility, Visibility::Network);
        assert_eq!(
            n.coordinator.as_ref().map(Slug::as_str),
            Some("kaiserslautern")
        );
        let bad = parse_network(
            &ctx,
            &form(&[
                ("name", ""),
                ("visibility", "secret"),
                ("founded_on", "Mai"),
                ("website", "ftp://x"),
                ("coordinator", "Not A Slug"),
            ]),
        )
        .err()
        .unwrap();
        assert_eq!(
            fields(bad),
            ["name", "coordinator", "founded_on", "visibility", "website"]
        );
    }

    #[test]
    fn an_organisation_form_names_every_bad_field() {
        let ctx = Ctx::new("/", "", None);
        let o = parse_org(
            &ctx,
            &form(&[
                ("name", "Musterstadt"),
                ("kind", "municipality"),
                ("states", "RP"),
                ("population", "1200"),
            ]),
        )
        .unwrap_or_else(|r| panic!("{:?}", fields(r)));
        assert_eq!(o.slug.as_str(), "musterstadt");
        assert_eq!(o.states, [FedState::RP]);
        let bad = parse_org(
            &ctx,
            &form(&[
                ("name", "Musterstadt"),
                ("kind", "castle"),
                ("ags", "12"),
                ("population", "viele"),
            ]),
        )
        .err()
        .unwrap();
        assert_eq!(fields(bad), ["kind", "states", "ags", "population"]);
    }
}
