//! The forms that record, change and remove an event (the network's
//! organisers). Times are entered as local time in Berlin, where the
//! networks work, and stored with their offset; the form reads the body
//! into what `POST /api/v1/networks/{network}/events` takes.

use axum::body::Bytes;
use axum::http::StatusCode;
use axum::response::Response;
use chrono::{DateTime, FixedOffset, NaiveDateTime, TimeZone};
use chrono_tz::Europe::Berlin;
use knotenpunkt_app::AppError;
use knotenpunkt_app::domain::limits::{MAX_NAME, MAX_TEXT, MAX_URL};
use knotenpunkt_app::domain::{Event, EventKind, MAX_CAPACITY, Slug, Visibility};
use knotenpunkt_app::events::{EventForm, Events};

use super::page::event_path;
use crate::auth::Use;
use crate::pages::answer::{Answer, OrFail, html};
use crate::pages::ctx::Ctx;
use crate::pages::extract::Params;
use crate::pages::form::{
    CONFIRM, Control, DeleteForm, EVENTS, FormData, FormPage, Problem, Problems, Rejected, name,
    refused, text,
};
use crate::pages::ui::Crumb;

/// A moment as `datetime-local` shows it, in Berlin time.
fn local(t: &DateTime<FixedOffset>) -> String {
    t.with_timezone(&Berlin)
        .format("%Y-%m-%dT%H:%M")
        .to_string()
}

/// A `datetime-local` value read as Berlin time; in the hour the clocks go
/// back, the first of the two.
fn moment(value: &str) -> Option<DateTime<FixedOffset>> {
    let naive = NaiveDateTime::parse_from_str(value.trim(), "%Y-%m-%dT%H:%M").ok()?;
    Berlin
        .from_local_datetime(&naive)
        .earliest()
        .map(|t| t.fixed_offset())
}

fn controls(ctx: &Ctx, choices: &EventForm, f: &FormData) -> Vec<Control> {
    let groups = &choices.groups;
    let form = "event";
    let input = |field: &'static str, kind: &'static str, label: &str| {
        Control::input(form, field, kind, ctx.t(label), f.get(field))
    };
    let or = |field: &str, default: &str| match f.get(field) {
        v if v.is_empty() => default.to_owned(),
        v => v,
    };
    let mut audiences = vec![
        ("public".to_owned(), ctx.t("event-for-public")),
        ("network".to_owned(), ctx.t("event-for-network")),
    ];
    audiences.extend(groups.iter().map(|g| {
        (
            format!("group:{g}"),
            ctx.t1("event-for-group", "group", g.as_str()),
        )
    }));
    vec![
        input("title", "text", "event-title")
            .required()
            .maxlength(MAX_NAME)
            .wide(),
        Control::pick(
            form,
            "kind",
            "select",
            ctx.t("event-kind"),
            EventKind::ALL
                .iter()
                .map(|k| (k.code(), ctx.t(&format!("event-kind-{}", k.code())))),
            &[or("kind", "workshop")],
        )
        .required(),
        input("starts_at", "datetime-local", "event-starts").required(),
        input("ends_at", "datetime-local", "event-ends").required(),
        input("capacity", "number", "event-capacity")
            .required()
            .range(1, i64::from(MAX_CAPACITY)),
        input("registration_until", "datetime-local", "event-deadline")
            .hint(ctx.t("event-deadline-hint")),
        Control::pick(
            form,
            "registration",
            "select",
            ctx.t("event-audience"),
            audiences,
            &[or("registration", "network")],
        )
        .required(),
        Control::pick(
            form,
            "cooperation",
            "select",
            ctx.t("event-cooperation-choice"),
            std::iter::once((String::new(), ctx.t("event-cooperation-none"))).chain(
                choices
                    .cooperations
                    .iter()
                    .map(|(id, name)| (id.to_string(), name.clone())),
            ),
            &[f.get("cooperation")],
        )
        .hint(ctx.t("event-cooperation-hint")),
        input("online", "url", "event-online").maxlength(MAX_URL),
        input("address", "textarea", "event-address").maxlength(MAX_TEXT),
        input("question", "text", "event-question")
            .maxlength(MAX_NAME)
            .hint(ctx.t("event-question-hint"))
            .wide(),
        input("description", "textarea", "event-description")
            .maxlength(MAX_TEXT)
            .hint(ctx.t("knowledge-markdown-hint"))
            .wide(),
    ]
}

/// Reads the form into an event of `network`, or says what is wrong.
/// The event the form describes.
fn read(ctx: &Ctx, network: &Slug, f: &FormData) -> Result<Event, Rejected> {
    let mut problems: Problems = Vec::new();
    let title = name(ctx, &mut problems, f, "title");
    let kind = match f.get("kind").parse::<EventKind>() {
        Ok(k) => Some(k),
        Err(_) => {
            problems.push(("kind".into(), Problem::new(ctx.t("manage-error-choose"))));
            None
        }
    };
    let mut when = |field: &str, required: bool| match f.get(field).trim() {
        "" if !required => None,
        v => match moment(v) {
            Some(t) => Some(t),
            None => {
                problems.push((field.to_owned(), Problem::new(ctx.t("event-error-time"))));
                None
            }
        },
    };
    let starts_at = when("starts_at", true);
    let ends_at = when("ends_at", true);
    let registration_until = when("registration_until", false);
    let capacity = match f.get("capacity").trim().parse::<u32>() {
        Ok(n) => Some(n),
        Err(_) => {
            problems.push((
                "capacity".into(),
                Problem::new(ctx.t("event-error-capacity")),
            ));
            None
        }
    };
    let registration = match f.get("registration").parse::<Visibility>() {
        Ok(v) => Some(v),
        Err(_) => {
            problems.push((
                "registration".into(),
                Problem::new(ctx.t("manage-error-choose")),
            ));
            None
        }
    };
    let cooperation = match f.get("cooperation").trim() {
        "" => None,
        v => match v.parse::<i64>() {
            Ok(id) => Some(id),
            Err(_) => {
                problems.push((
                    "cooperation".into(),
                    Problem::new(ctx.t("manage-error-choose")),
                ));
                None
            }
        },
    };
    let online = Some(f.get("online").trim().to_owned()).filter(|s| !s.is_empty());
    let address = text(ctx, &mut problems, f, "address");
    let question = Some(f.get("question").trim().to_owned()).filter(|s| !s.is_empty());
    let description = text(ctx, &mut problems, f, "description");
    match (title, kind, starts_at, ends_at, capacity, registration) {
        (
            Some(title),
            Some(kind),
            Some(starts_at),
            Some(ends_at),
            Some(capacity),
            Some(registration),
        ) if problems.is_empty() => Ok(Event {
            network: network.clone(),
            title,
            kind,
            description,
            starts_at,
            ends_at,
            online,
            address,
            capacity,
            registration_until,
            registration,
            cooperation,
            question,
        }),
        _ => Err(Rejected::input(problems)),
    }
}

fn values(e: &Event) -> FormData {
    FormData::from_pairs(vec![
        ("title".into(), e.title.clone()),
        ("kind".into(), e.kind.code().into()),
        ("starts_at".into(), local(&e.starts_at)),
        ("ends_at".into(), local(&e.ends_at)),
        ("capacity".into(), e.capacity.to_string()),
        (
            "registration_until".into(),
            e.registration_until.as_ref().map(local).unwrap_or_default(),
        ),
        ("registration".into(), e.registration.to_string()),
        ("online".into(), e.online.clone().unwrap_or_default()),
        ("address".into(), e.address.clone().unwrap_or_default()),
        ("question".into(), e.question.clone().unwrap_or_default()),
        (
            "cooperation".into(),
            e.cooperation.map(|k| k.to_string()).unwrap_or_default(),
        ),
        (
            "description".into(),
            e.description.clone().unwrap_or_default(),
        ),
    ])
}

/// Which form: a new event of a network, or event `id`.
enum Which<'a> {
    New(&'a Slug, &'a str),
    Edit(i64, &'a str),
}

fn render(
    ctx: &Ctx,
    which: &Which<'_>,
    groups: &EventForm,
    values: &FormData,
    rejected: Option<Rejected>,
    delete_rejected: Option<Rejected>,
) -> Response {
    let mut controls = controls(ctx, groups, values);
    let mut status = StatusCode::OK;
    let mut summary = Vec::new();
    if let Some(r) = rejected {
        status = r.status;
        let mut refs: Vec<&mut Control> = controls.iter_mut().collect();
        summary = r.apply(&mut refs);
    }
    let (title, action, submit, back, delete) = match which {
        Which::New(network, name) => (
            ctx.t("event-new-heading"),
            format!("/netzwerke/{network}/veranstaltungen/neu"),
            ctx.t("event-create"),
            Crumb::link(
                (*name).to_owned(),
                ctx.href(&format!("/netzwerke/{network}")),
            ),
            None,
        ),
        Which::Edit(id, t) => {
            let base = event_path(*id);
            let mut d = DeleteForm {
                action: ctx.href(&format!("{base}/loeschen")),
                confirm: Control::confirm(
                    ctx.t("platform-delete-legend"),
                    ctx.t("event-delete-confirm"),
                ),
                summary: Vec::new(),
            };
            if let Some(r) = delete_rejected {
                status = r.status;
                d.summary = r.apply(&mut [&mut d.confirm]);
            }
            (
                ctx.t1("event-edit-heading", "event", *t),
                format!("{base}/bearbeiten"),
                ctx.t("event-save"),
                Crumb::link((*t).to_owned(), ctx.href(&base)),
                Some(d),
            )
        }
    };
    let page = FormPage {
        ctx,
        crumbs: vec![back, Crumb::here(title.clone())],
        title,
        intro: ctx.t("event-form-intro"),
        action: ctx.href(&action),
        controls,
        summary,
        submit,
        delete,
    };
    html(ctx, status, &page)
}

/// The form's choices (the network's groups, the cooperations), or the
/// refusal of those who do not organise the network's events.
async fn groups(ev: &Events, ctx: &Ctx, network: &Slug) -> Result<EventForm, Response> {
    let here = format!("/netzwerke/{network}/veranstaltungen/neu");
    ev.event_form(network)
        .await
        .map_err(|e| refused(ctx, e, &here))
}

/// GET /netzwerke/{slug}/veranstaltungen/neu
pub(super) async fn new(Use(ev): Use<Events>, ctx: Ctx, Params(network): Params<Slug>) -> Answer {
    let groups = groups(&ev, &ctx, &network).await?;
    let name = ev.network_name(&network).await.or_fail(&ctx)?;
    Ok(render(
        &ctx,
        &Which::New(&network, &name),
        &groups,
        &FormData::default(),
        None,
        None,
    ))
}

/// POST /netzwerke/{slug}/veranstaltungen/neu
pub(super) async fn create(
    Use(ev): Use<Events>,
    ctx: Ctx,
    Params(network): Params<Slug>,
    body: Bytes,
) -> Answer {
    // The policy first: who does not organise learns nothing from the form.
    let groups = groups(&ev, &ctx, &network).await?;
    let here = format!("/netzwerke/{network}/veranstaltungen/neu");
    let form = FormData::parse(&body);
    let rejected = match read(&ctx, &network, &form) {
        Ok(e) => match ev.create_event(&e).await {
            Ok(id) => return Ok(EVENTS.done(&ctx, &event_path(id), "created")),
            Err(e @ AppError::Denied(_)) => return Err(refused(&ctx, e, &here)),
            Err(e) => Rejected::from_app(&ctx, e).or_fail(&ctx)?,
        },
        Err(r) => r,
    };
    let name = ev.network_name(&network).await.or_fail(&ctx)?;
    Ok(render(
        &ctx,
        &Which::New(&network, &name),
        &groups,
        &form,
        Some(rejected),
        None,
    ))
}

/// The event for its edit form, or the refusal.
async fn organised(ev: &Events, ctx: &Ctx, id: i64) -> Result<Event, Response> {
    let here = format!("{}/bearbeiten", event_path(id));
    match ev.organised_event(id).await {
        Ok(e) => Ok(e),
        Err(e) => Err(refused(ctx, e, &here)),
    }
}

/// GET /veranstaltungen/{id}/bearbeiten
pub(super) async fn edit(Use(ev): Use<Events>, ctx: Ctx, Params(id): Params<i64>) -> Answer {
    let e = organised(&ev, &ctx, id).await?;
    let groups = groups(&ev, &ctx, &e.network).await?;
    Ok(render(
        &ctx,
        &Which::Edit(id, &e.title),
        &groups,
        &values(&e),
        None,
        None,
    ))
}

/// POST /veranstaltungen/{id}/bearbeiten
pub(super) async fn update(
    Use(ev): Use<Events>,
    ctx: Ctx,
    Params(id): Params<i64>,
    body: Bytes,
) -> Answer {
    let stored = organised(&ev, &ctx, id).await?;
    let form = FormData::parse(&body);
    let rejected = match read(&ctx, &stored.network, &form) {
        Ok(e) => match ev.update_event(id, &e).await {
            Ok(()) => return Ok(EVENTS.done(&ctx, &event_path(id), "saved")),
            Err(e @ AppError::Denied(_)) => {
                return Err(refused(&ctx, e, &format!("{}/bearbeiten", event_path(id))));
            }
            Err(e) => Rejected::from_app(&ctx, e).or_fail(&ctx)?,
        },
        Err(r) => r,
    };
    let groups = groups(&ev, &ctx, &stored.network).await?;
    Ok(render(
        &ctx,
        &Which::Edit(id, &stored.title),
        &groups,
        &form,
        Some(rejected),
        None,
    ))
}

/// POST /veranstaltungen/{id}/loeschen
pub(super) async fn delete(
    Use(ev): Use<Events>,
    ctx: Ctx,
    Params(id): Params<i64>,
    body: Bytes,
) -> Answer {
    let stored = organised(&ev, &ctx, id).await?;
    if FormData::parse(&body).get("confirm") != CONFIRM {
        let r = Rejected::field("confirm", ctx.t("manage-error-delete-confirm"));
        let groups = groups(&ev, &ctx, &stored.network).await?;
        return Ok(render(
            &ctx,
            &Which::Edit(id, &stored.title),
            &groups,
            &values(&stored),
            None,
            Some(r),
        ));
    }
    ev.delete_event(id).await.or_fail(&ctx)?;
    Ok(EVENTS.done(&ctx, &format!("/netzwerke/{}", stored.network), "deleted"))
}
