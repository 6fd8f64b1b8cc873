//! The cooperations of the directory, for platform admins: the forms that
//! create, change and delete one, over the use cases the API's
//! `/api/v1/cooperations` calls.

use askama::Template;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use knotenpunkt_app::domain::{Cooperation, PartialDate, Slug};
use knotenpunkt_app::{AppError, Directory, OrgFilter, Page as StorePage};

use super::super::manage::{
    Control, Crumb, FormData, OptGroup, Problem, Rejected, SummaryItem, done, optional, options,
};
use super::super::{Ctx, error_page, failure, html};
use super::{MAX_NAME, MAX_TEXT, crumbs, name, refusal, text, too_long};
use crate::AppState;
use crate::auth::Viewer;

/// The form that creates a cooperation.
pub(super) const NEW_COOPERATION: &str = "/verwaltung/kooperationen/neu";

/// The value of the checkbox that confirms a deletion.
const CONFIRM: &str = "yes";

/// A cooperation's edit page.
pub(super) fn edit_path(id: i64) -> String {
    format!("/verwaltung/kooperationen/{id}")
}

/// What the form shows: as submitted, or as stored.
#[derive(Default)]
struct Values {
    name: String,
    partners: Vec<String>,
    topic: String,
    since: String,
    cadence: String,
    source: String,
}

impl Values {
    fn from_form(f: &FormData) -> Values {
        Values {
            name: f.get("name"),
            partners: f.all("partners"),
            topic: f.get("topic"),
            since: f.get("since"),
            cadence: f.get("cadence"),
            source: f.get("source"),
        }
    }

    fn from_stored(c: &Cooperation) -> Values {
        Values {
            name: c.name.clone(),
            partners: c.partners.iter().map(ToString::to_string).collect(),
            topic: c.topic.clone(),
            since: c
                .since
                .as_ref()
                .map(ToString::to_string)
                .unwrap_or_default(),
            cadence: c.cadence.clone().unwrap_or_default(),
            source: c.source.clone().unwrap_or_default(),
        }
    }
}

struct CoopForm {
    action: String,
    name: Control,
    partners: Control,
    topic: Control,
    since: Control,
    cadence: Control,
    source: Control,
    summary: Vec<SummaryItem>,
}

impl CoopForm {
    fn new(ctx: &Ctx, action: String, orgs: &[(String, String)], v: Values) -> CoopForm {
        CoopForm {
            action,
            name: Control::input(
                "cooperation",
                "name",
                "text",
                ctx.t("platform-coop-name"),
                v.name,
            )
            .required()
            .maxlength(MAX_NAME),
            partners: Control::choice(
                "cooperation",
                "partners",
                "checkbox",
                ctx.t("cooperation-partners"),
                vec![OptGroup {
                    label: None,
                    options: options(orgs.iter().cloned(), &v.partners),
                }],
            )
            .required()
            .wide()
            .hint(ctx.t("platform-coop-partners-hint")),
            topic: Control::input(
                "cooperation",
                "topic",
                "textarea",
                ctx.t("cooperation-topic"),
                v.topic,
            )
            .maxlength(MAX_TEXT)
            .wide(),
            since: Control::input(
                "cooperation",
                "since",
                "text",
                ctx.t("cooperation-since"),
                v.since,
            )
            .maxlength(10)
            .hint(ctx.t("manage-partial-date-hint")),
            cadence: Control::input(
                "cooperation",
                "cadence",
                "text",
                ctx.t("cooperation-cadence"),
                v.cadence,
            )
            .maxlength(MAX_NAME)
            .hint(ctx.t("platform-coop-cadence-hint")),
            source: Control::input(
                "cooperation",
                "source",
                "textarea",
                ctx.t("profile-source"),
                v.source,
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
            &mut self.partners,
            &mut self.topic,
            &mut self.since,
            &mut self.cadence,
            &mut self.source,
        ]);
    }
}

/// The form that deletes a cooperation, behind a confirming checkbox.
struct DeleteForm {
    action: String,
    confirm: Control,
    summary: Vec<SummaryItem>,
}

#[derive(Template)]
#[template(path = "platform/cooperation.html")]
struct CoopPage<'a> {
    ctx: &'a Ctx,
    title: String,
    crumbs: Vec<Crumb>,
    done: Option<String>,
    form: CoopForm,
    submit: String,
    delete: Option<DeleteForm>,
}

/// Every organisation as (slug, name), for the partner checkboxes.
async fn organizations(dir: &Directory) -> Result<Vec<(String, String)>, AppError> {
    Ok(dir
        .organizations(&OrgFilter::default(), StorePage::ALL)
        .await?
        .items
        .into_iter()
        .map(|o| (o.slug.to_string(), o.name))
        .collect())
}

/// Reads the form into a cooperation, as `POST /api/v1/cooperations` takes it.
fn parse(ctx: &Ctx, f: &FormData, known: &[(String, String)]) -> Result<Cooperation, Rejected> {
    let mut problems = Vec::new();
    let name = name(ctx, &mut problems, f);
    let mut partners: Vec<Slug> = Vec::new();
    let mut unknown = false;
    for p in f.all("partners") {
        match p.parse::<Slug>() {
            Ok(s) if known.iter().any(|(k, _)| *k == p) => {
                if !partners.contains(&s) {
                    partners.push(s);
                }
            }
            _ => unknown = true,
        }
    }
    if unknown {
        problems.push((
            "partners".into(),
            Problem::new(ctx.t("manage-error-choose")),
        ));
    } else if partners.len() < 2 {
        problems.push((
            "partners".into(),
            Problem::new(ctx.t("platform-error-partners")),
        ));
    }
    let topic = f.get("topic");
    too_long(ctx, &mut problems, "topic", &topic, MAX_TEXT);
    let since = match f.get("since") {
        d if d.is_empty() => None,
        d => match d.parse::<PartialDate>() {
            Ok(d) => Some(d),
            Err(_) => {
                problems.push((
                    "since".to_owned(),
                    Problem::new(ctx.t("manage-error-partial-date")),
                ));
                None
            }
        },
    };
    let cadence = optional(f.get("cadence"));
    if let Some(c) = &cadence {
        too_long(ctx, &mut problems, "cadence", c, MAX_NAME);
    }
    let source = text(ctx, &mut problems, f, "source");
    match name {
        Some(name) if problems.is_empty() => Ok(Cooperation {
            name,
            partners,
            topic,
            since,
            cadence,
            source,
        }),
        _ => Err(Rejected::input(problems)),
    }
}

/// A form that came back with problems.
enum Submitted {
    Save(Values, Rejected),
    Delete(Rejected),
}

/// Renders the create form (`id` none) or the edit page of cooperation `id`.
async fn render(
    ctx: &Ctx,
    dir: &Directory,
    stored: Option<(i64, &Cooperation)>,
    submitted: Option<Submitted>,
    done: Option<String>,
) -> Result<Response, AppError> {
    let orgs = organizations(dir).await?;
    let mut status = StatusCode::OK;
    let (values, save_rejected, delete_rejected) = match submitted {
        Some(Submitted::Save(v, r)) => (Some(v), Some(r), None),
        Some(Submitted::Delete(r)) => (None, None, Some(r)),
        None => (None, None, None),
    };
    let (title, action, submit) = match stored {
        None => (
            ctx.t("platform-coop-new-heading"),
            ctx.href(NEW_COOPERATION),
            ctx.t("platform-coop-create"),
        ),
        Some((id, c)) => (
            ctx.t1("platform-coop-edit-heading", "name", c.name.as_str()),
            ctx.href(&edit_path(id)),
            ctx.t("platform-coop-save"),
        ),
    };
    let values = values
        .or_else(|| stored.map(|(_, c)| Values::from_stored(c)))
        .unwrap_or_default();
    let mut form = CoopForm::new(ctx, action, &orgs, values);
    if let Some(r) = save_rejected {
        status = r.status;
        form.reject(r);
    }
    let delete = stored.map(|(id, c)| DeleteForm {
        action: ctx.href(&format!("{}/loeschen", edit_path(id))),
        confirm: Control::choice(
            "delete",
            "confirm",
            "checkbox",
            ctx.t("platform-delete-legend"),
            vec![OptGroup {
                label: None,
                options: options(
                    [(
                        CONFIRM,
                        ctx.t1("platform-coop-delete-confirm", "name", c.name.as_str()),
                    )],
                    &[],
                ),
            }],
        )
        .required(),
        summary: Vec::new(),
    });
    let delete = match (delete, delete_rejected) {
        (Some(mut d), Some(r)) => {
            status = r.status;
            d.summary = r.apply(&mut [&mut d.confirm]);
            Some(d)
        }
        (d, _) => d,
    };
    let page = CoopPage {
        ctx,
        crumbs: crumbs(ctx, Some(title.clone())),
        title,
        done,
        form,
        submit,
        delete,
    };
    Ok(html(ctx, status, &page))
}

pub(super) async fn new_form(State(s): State<AppState>, ctx: Ctx, v: Viewer) -> Response {
    if let Some(r) = refusal(&ctx, &v, NEW_COOPERATION) {
        return r;
    }
    render(&ctx, &s.dir.for_actor(&v.actor), None, None, None)
        .await
        .unwrap_or_else(|e| failure(&ctx, e))
}

pub(super) async fn create(
    State(s): State<AppState>,
    ctx: Ctx,
    v: Viewer,
    body: Bytes,
) -> Response {
    if let Some(r) = refusal(&ctx, &v, NEW_COOPERATION) {
        return r;
    }
    let dir = s.dir.for_actor(&v.actor);
    let f = FormData::parse(&body);
    let known = match organizations(&dir).await {
        Ok(k) => k,
        Err(e) => return failure(&ctx, e),
    };
    let rejected = match parse(&ctx, &f, &known) {
        Ok(c) => match dir.create_cooperation(&c).await {
            Ok(_) => {
                return done(&ctx, super::BASE, "cooperation-created");
            }
            Err(e) => match Rejected::from_app(&ctx, e) {
                Ok(r) => r,
                Err(e) => return failure(&ctx, e),
            },
        },
        Err(r) => r,
    };
    render(
        &ctx,
        &dir,
        None,
        Some(Submitted::Save(Values::from_form(&f), rejected)),
        None,
    )
    .await
    .unwrap_or_else(|e| failure(&ctx, e))
}

/// The cooperation `raw` names, or the answer: 404 for a malformed id.
async fn stored(ctx: &Ctx, dir: &Directory, raw: &str) -> Result<(i64, Cooperation), Response> {
    let Ok(id) = raw.parse::<i64>() else {
        return Err(error_page(ctx, StatusCode::NOT_FOUND));
    };
    match dir.cooperation(id).await {
        Ok(c) => Ok((c.id, c.value)),
        Err(e) => Err(failure(ctx, e)),
    }
}

pub(super) async fn edit(
    State(s): State<AppState>,
    ctx: Ctx,
    v: Viewer,
    Path(raw): Path<String>,
    axum::extract::RawQuery(q): axum::extract::RawQuery,
) -> Response {
    if let Some(r) = refusal(&ctx, &v, &format!("/verwaltung/kooperationen/{raw}")) {
        return r;
    }
    let dir = s.dir.for_actor(&v.actor);
    let (id, c) = match stored(&ctx, &dir, &raw).await {
        Ok(x) => x,
        Err(r) => return r,
    };
    let done = super::super::manage::confirmation(&ctx, q.as_deref());
    render(&ctx, &dir, Some((id, &c)), None, done)
        .await
        .unwrap_or_else(|e| failure(&ctx, e))
}

pub(super) async fn update(
    State(s): State<AppState>,
    ctx: Ctx,
    v: Viewer,
    Path(raw): Path<String>,
    body: Bytes,
) -> Response {
    if let Some(r) = refusal(&ctx, &v, &format!("/verwaltung/kooperationen/{raw}")) {
        return r;
    }
    let dir = s.dir.for_actor(&v.actor);
    let (id, old) = match stored(&ctx, &dir, &raw).await {
        Ok(x) => x,
        Err(r) => return r,
    };
    let f = FormData::parse(&body);
    let known = match organizations(&dir).await {
        Ok(k) => k,
        Err(e) => return failure(&ctx, e),
    };
    let rejected = match parse(&ctx, &f, &known) {
        Ok(c) => match dir.update_cooperation(id, &c).await {
            Ok(()) => {
                return done(&ctx, &edit_path(id), "cooperation-saved");
            }
            Err(e) => match Rejected::from_app(&ctx, e) {
                Ok(r) => r,
                Err(e) => return failure(&ctx, e),
            },
        },
        Err(r) => r,
    };
    render(
        &ctx,
        &dir,
        Some((id, &old)),
        Some(Submitted::Save(Values::from_form(&f), rejected)),
        None,
    )
    .await
    .unwrap_or_else(|e| failure(&ctx, e))
}

pub(super) async fn delete(
    State(s): State<AppState>,
    ctx: Ctx,
    v: Viewer,
    Path(raw): Path<String>,
    body: Bytes,
) -> Response {
    if let Some(r) = refusal(&ctx, &v, &format!("/verwaltung/kooperationen/{raw}")) {
        return r;
    }
    let dir = s.dir.for_actor(&v.actor);
    let (id, c) = match stored(&ctx, &dir, &raw).await {
        Ok(x) => x,
        Err(r) => return r,
    };
    let f = FormData::parse(&body);
    if f.get("confirm") != CONFIRM {
        let rejected = Rejected::input(vec![(
            "confirm".to_owned(),
            Problem::new(ctx.t("manage-error-delete-confirm")),
        )]);
        return render(
            &ctx,
            &dir,
            Some((id, &c)),
            Some(Submitted::Delete(rejected)),
            None,
        )
        .await
        .unwrap_or_else(|e| failure(&ctx, e));
    }
    match dir.delete_cooperation(id).await {
        Ok(()) => done(&ctx, super::BASE, "cooperation-deleted"),
        Err(e) => failure(&ctx, e),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form(body: &str) -> FormData {
        FormData::parse(body.as_bytes())
    }

    fn fields(r: Rejected) -> Vec<String> {
        r.fields.into_iter().map(|(f, _)| f).collect()
    }

    #[test]
    fn a_cooperation_form_reads_into_what_the_api_takes() {
        let ctx = Ctx::new("/", "", None);
        let known = vec![
            ("kaiserslautern".to_owned(), "Kaiserslautern".to_owned()),
            ("musterstadt".to_owned(), "Musterstadt".to_owned()),
        ];
        let c = parse(
            &ctx,
            &form("name=Labor&partners=kaiserslautern&partners=musterstadt&since=2024-05&cadence=monatlich"),
            &known,
        )
        .unwrap_or_else(|r| panic!("{:?}", fields(r)));
        assert_eq!(c.partners.len(), 2);
        assert_eq!(c.cadence.as_deref(), Some("monatlich"));
        assert_eq!(c.source, None);
        let bad = parse(
            &ctx,
            &form("name=&partners=kaiserslautern&since=Mai"),
            &known,
        )
        .err()
        .unwrap();
        assert_eq!(fields(bad), ["name", "partners", "since"]);
        let unknown = parse(
            &ctx,
            &form("name=X&partners=kaiserslautern&partners=atlantis"),
            &known,
        )
        .err()
        .unwrap();
        assert_eq!(fields(unknown), ["partners"]);
    }
}
