//! One event's page and the forms on it.

use askama::Template;
use axum::body::Bytes;
use axum::extract::{RawQuery, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use knotenpunkt_app::AppError;
use knotenpunkt_app::domain::limits::MAX_NAME;
use knotenpunkt_app::domain::{RegistrationRequest, RegistrationStatus, Visibility};
use knotenpunkt_app::events::{EventView, Events};

use crate::AppState;
use crate::auth::{ClientIp, Limited, Use};
use crate::pages::account::password::wait_text;
use crate::pages::answer::{Answer, OrFail, html};
use crate::pages::ctx::Ctx;
use crate::pages::extract::Params;
use crate::pages::form::{
    CONFIRM, Control, EVENTS, FormData, Problem, Problems, Rejected, SummaryItem, refused,
};
use crate::pages::ui::{Crumb, markdown, moment};

pub(super) fn event_path(id: i64) -> String {
    format!("/veranstaltungen/{id}")
}

struct Participant {
    name: String,
    email: String,
    organization: String,
    status: String,
    at: (String, String),
    answer: Option<String>,
    cancel_action: Option<String>,
}

/// A visitor's form: name and address (and the question's answer).
struct GuestForm {
    action: String,
    name: Control,
    email: Control,
    answer: Option<Control>,
    summary: Vec<SummaryItem>,
}

/// The organisers' form that registers someone else.
struct AddForm {
    action: String,
    name: Control,
    email: Control,
    summary: Vec<SummaryItem>,
}

#[derive(Template)]
#[template(path = "event.html")]
struct EventPage<'a> {
    ctx: &'a Ctx,
    title: String,
    crumbs: Vec<Crumb>,
    done: Option<String>,
    kind: String,
    when: String,
    starts_iso: String,
    ics_href: String,
    deadline: String,
    online: Option<String>,
    address: Option<String>,
    description_html: Option<String>,
    restricted: Option<String>,
    /// The cooperation it comes from: its name and where it is listed (the
    /// first partner's page).
    cooperation: Option<(String, String)>,
    /// "19 von 25 Plätzen belegt"
    seats: String,
    waiting: u32,
    open: bool,
    closed: bool,
    /// The reader's own registration, in words, and the form that cancels
    /// it.
    mine: Option<(String, String)>,
    /// The form that registers the reader, with the question's field.
    register_action: Option<String>,
    answer: Option<Control>,
    register_summary: Vec<SummaryItem>,
    sign_in_href: Option<String>,
    /// For visitors of a public event: registering by name and address,
    /// confirmed by a link.
    guest_form: Option<GuestForm>,
    /// For organisers.
    participants: Option<Vec<Participant>>,
    add_form: Option<AddForm>,
    close_action: Option<String>,
    csv_href: Option<String>,
    edit_href: Option<String>,
}

/// "Mi., 4. März 2027, 09:30–16:00" in Berlin time.
pub(crate) fn when(ctx: &Ctx, v: &knotenpunkt_app::domain::Event) -> String {
    let (Some(a), Some(b)) = (
        knotenpunkt_app::berlin_time(v.starts_at.timestamp()),
        knotenpunkt_app::berlin_time(v.ends_at.timestamp()),
    ) else {
        return ctx.t("unknown");
    };
    if a.date_naive() == b.date_naive() {
        format!(
            "{}, {}–{}",
            ctx.weekday_day(a.date_naive()),
            a.format("%H:%M"),
            b.format("%H:%M")
        )
    } else {
        format!(
            "{}, {} – {}, {}",
            ctx.weekday_day(a.date_naive()),
            a.format("%H:%M"),
            ctx.weekday_day(b.date_naive()),
            b.format("%H:%M")
        )
    }
}

/// A registration's status in words: to its holder ("Sie haben einen
/// Platz.") or in the organisers' list ("angemeldet").
fn status_words(ctx: &Ctx, status: RegistrationStatus, position: Option<u32>, own: bool) -> String {
    match (status, position) {
        (RegistrationStatus::Waiting, Some(p)) => ctx.t1("event-status-waiting-at", "position", p),
        (s, _) if own => ctx.t(&format!("event-status-{}", s.code())),
        (s, _) => ctx.t(&format!("event-list-{}", s.code())),
    }
}

fn render(
    ctx: &Ctx,
    network_name: &str,
    v: &EventView,
    q: Option<&str>,
    register_rejected: Option<(&FormData, Rejected)>,
    add_rejected: Option<(&FormData, Rejected)>,
) -> Response {
    let e = &v.event;
    let base = event_path(v.id);
    let mut status = StatusCode::OK;
    let signed_in = ctx.user().is_some();
    let mut answer = e.question.as_ref().map(|q| {
        let value = register_rejected
            .as_ref()
            .map(|(f, _)| f.get("answer"))
            .unwrap_or_default();
        Control::input("register", "answer", "textarea", q.clone(), value).maxlength(2000)
    });
    let mut register_summary = Vec::new();
    let public = e.registration == Visibility::Public;
    let mut guest_form = (!signed_in && public && v.open).then(|| {
        let empty = FormData::default();
        let values = register_rejected
            .as_ref()
            .map(|(f, _)| *f)
            .unwrap_or(&empty);
        GuestForm {
            action: ctx.href(&format!("{base}/anmelden")),
            name: Control::input(
                "guest",
                "name",
                "text",
                ctx.t("event-add-name"),
                values.get("name"),
            )
            .required()
            .maxlength(MAX_NAME)
            .autocomplete("name"),
            email: Control::input(
                "guest",
                "email",
                "email",
                ctx.t("event-add-email"),
                values.get("email"),
            )
            .required()
            .autocomplete("email"),
            answer: e.question.as_ref().map(|q| {
                Control::input(
                    "guest",
                    "answer",
                    "textarea",
                    q.clone(),
                    values.get("answer"),
                )
                .maxlength(2000)
            }),
            summary: Vec::new(),
        }
    });
    if let Some((_, r)) = register_rejected {
        status = r.status;
        match guest_form.as_mut() {
            Some(g) => {
                let mut controls: Vec<&mut Control> = vec![&mut g.name, &mut g.email];
                controls.extend(g.answer.iter_mut());
                g.summary = r.apply(&mut controls);
            }
            None => {
                let mut controls: Vec<&mut Control> = answer.iter_mut().collect();
                register_summary = r.apply(&mut controls);
            }
        }
    }
    let add_form = v.organiser.then(|| {
        let empty = FormData::default();
        let values = add_rejected.as_ref().map(|(f, _)| *f).unwrap_or(&empty);
        let mut form = AddForm {
            action: ctx.href(&format!("{base}/teilnehmende")),
            name: Control::input(
                "add",
                "name",
                "text",
                ctx.t("event-add-name"),
                values.get("name"),
            )
            .required()
            .maxlength(MAX_NAME),
            email: Control::input(
                "add",
                "email",
                "email",
                ctx.t("event-add-email"),
                values.get("email"),
            )
            .required(),
            summary: Vec::new(),
        };
        if let Some((_, r)) = add_rejected {
            status = r.status;
            form.summary = r.apply(&mut [&mut form.name, &mut form.email]);
        }
        form
    });
    let participants = v.registrations.as_ref().map(|regs| {
        regs.iter()
            .map(|r| Participant {
                name: r.name.clone(),
                email: r.email.clone().unwrap_or_default(),
                organization: r.organization.clone().unwrap_or_default(),
                status: status_words(ctx, r.status, r.position, false),
                at: (
                    r.registered_at.to_rfc3339(),
                    moment(ctx, r.registered_at.timestamp()).1,
                ),
                answer: r.answer.clone(),
                cancel_action: (r.status != RegistrationStatus::Cancelled)
                    .then(|| ctx.href(&format!("{base}/anmeldungen/{}/abmelden", r.id))),
            })
            .collect()
    });
    let deadline = moment(ctx, e.deadline().timestamp()).1;
    let page = EventPage {
        title: e.title.clone(),
        crumbs: vec![
            Crumb::link(
                network_name.to_owned(),
                ctx.href(&format!("/netzwerke/{}", e.network)),
            ),
            Crumb::here(e.title.clone()),
        ],
        done: EVENTS.shown(ctx, q),
        cooperation: v.from_cooperation.as_ref().map(|c| {
            let href = c
                .partners
                .first()
                .map(|p| ctx.href(&format!("/organisationen/{p}#kooperationen")))
                .unwrap_or_default();
            (c.name.clone(), href)
        }),
        kind: ctx.t(&format!("event-kind-{}", e.kind.code())),
        when: when(ctx, e),
        starts_iso: e.starts_at.to_rfc3339(),
        ics_href: ctx.href(&format!("/kalender/veranstaltungen/{}.ics", v.id)),
        deadline,
        online: e.online.clone(),
        address: e.address.clone(),
        description_html: e.description.as_deref().map(markdown),
        restricted: match &e.registration {
            Visibility::Public => None,
            Visibility::Network => Some(ctx.t("event-only-network")),
            Visibility::Group(g) => Some(ctx.t1("event-only-group", "group", g.as_str())),
        },
        seats: ctx.t2("event-seats", "seated", v.seated, "capacity", e.capacity),
        waiting: v.waiting,
        open: v.open,
        closed: v.closed,
        mine: v.mine.as_ref().map(|m| {
            (
                status_words(ctx, m.status, m.position, true),
                ctx.href(&format!("{base}/anmeldungen/{}/abmelden", m.id)),
            )
        }),
        register_action: (signed_in && v.open && v.mine.is_none())
            .then(|| ctx.href(&format!("{base}/anmelden"))),
        answer,
        register_summary,
        sign_in_href: (!signed_in && v.open).then(|| {
            ctx.href(&crate::pages::query::url(
                "/anmelden",
                &[("next", base.as_str())],
            ))
        }),
        guest_form,
        participants,
        add_form,
        close_action: v
            .organiser
            .then(|| ctx.href(&format!("{base}/anmeldeschluss"))),
        csv_href: v
            .organiser
            .then(|| ctx.href(&format!("{base}/teilnehmende.csv"))),
        edit_href: v.organiser.then(|| ctx.href(&format!("{base}/bearbeiten"))),
        ctx,
    };
    let mut res = html(ctx, status, &page);
    res.headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    res
}

/// GET /veranstaltungen/{id}
pub(super) async fn page(
    Use(ev): Use<Events>,
    ctx: Ctx,
    Params(id): Params<i64>,
    RawQuery(q): RawQuery,
) -> Answer {
    let v = ev.event(id).await.or_fail(&ctx)?;
    let name = ev.network_name(&v.event.network).await.or_fail(&ctx)?;
    Ok(render(&ctx, &name, &v, q.as_deref(), None, None))
}

/// POST /veranstaltungen/{id}/anmelden: registers the reader, or for a
/// visitor who gives name and address, mails the confirming link.
pub(super) async fn register(
    State(state): State<AppState>,
    ClientIp(ip): ClientIp,
    Use(ev): Use<Events>,
    ctx: Ctx,
    Params(id): Params<i64>,
    body: Bytes,
) -> Answer {
    let back = event_path(id);
    let f = FormData::parse(&body);
    let answer = f.get("answer");
    if ctx.user().is_none() && !f.get("email").is_empty() {
        // Every request mails an address nobody has proven: a budget per
        // client and per address, as for sign-in attempts.
        if let Err(seconds) = state.limits.check(Limited::EventMail, ip, &f.get("email")) {
            let mut r = Rejected::field(
                "email",
                ctx.t1("event-limited", "wait", wait_text(&ctx, seconds)),
            );
            r.status = StatusCode::TOO_MANY_REQUESTS;
            let v = ev.event(id).await.or_fail(&ctx)?;
            let name = ev.network_name(&v.event.network).await.or_fail(&ctx)?;
            return Ok(render(&ctx, &name, &v, None, Some((&f, r)), None));
        }
        return request(&ev, &ctx, id, &f).await;
    }
    let req = RegistrationRequest {
        answer: (!answer.trim().is_empty()).then(|| answer.trim().to_owned()),
        ..RegistrationRequest::default()
    };
    match ev.register(id, &req).await {
        Ok(r) => {
            let flag = match r.status {
                RegistrationStatus::Seated => "registered",
                _ => "waiting",
            };
            Ok(EVENTS.done(&ctx, &back, flag))
        }
        Err(e @ AppError::Denied(_)) => Err(refused(&ctx, e, &back)),
        Err(e) => {
            let r = Rejected::from_app(&ctx, e).or_fail(&ctx)?;
            let v = ev.event(id).await.or_fail(&ctx)?;
            let name = ev.network_name(&v.event.network).await.or_fail(&ctx)?;
            Ok(render(&ctx, &name, &v, None, Some((&f, r)), None))
        }
    }
}

/// A visitor asks to register by name and address: the address gets the
/// confirming link.
async fn request(ev: &Events, ctx: &Ctx, id: i64, f: &FormData) -> Answer {
    let back = event_path(id);
    let mut problems: Problems = Vec::new();
    let name = f.get("name").trim().to_owned();
    if name.is_empty() {
        problems.push(("name".into(), Problem::new(ctx.t("manage-error-required"))));
    }
    let email: Option<knotenpunkt_app::domain::Email> = f.get("email").trim().parse().ok();
    if email.is_none() {
        problems.push(("email".into(), Problem::new(ctx.t("event-error-email"))));
    }
    let answer = f.get("answer");
    let answer = Some(answer.trim()).filter(|a| !a.is_empty());
    let rejected = match email {
        Some(email) if problems.is_empty() => {
            match ev
                .request_registration(id, &name, &email, answer, ctx.lang_code() == "de")
                .await
            {
                Ok(()) => return Ok(EVENTS.done(ctx, &back, "requested")),
                Err(e @ AppError::Denied(_)) => return Err(refused(ctx, e, &back)),
                Err(e) => Rejected::from_app(ctx, e).or_fail(ctx)?,
            }
        }
        _ => Rejected::input(problems),
    };
    let v = ev.event(id).await.or_fail(ctx)?;
    let name = ev.network_name(&v.event.network).await.or_fail(ctx)?;
    Ok(render(ctx, &name, &v, None, Some((f, rejected)), None))
}

#[derive(Template)]
#[template(path = "event_confirm.html")]
struct ConfirmPage<'a> {
    ctx: &'a Ctx,
    title: String,
    action: String,
}

/// GET /veranstaltungen/bestaetigen/{token}: a button, not the
/// confirmation itself, since mail scanners follow links.
pub(super) async fn confirm_page(ctx: Ctx, Params(token): Params<String>) -> Answer {
    let page = ConfirmPage {
        title: ctx.t("event-confirm-heading"),
        action: ctx.href(&format!("/veranstaltungen/bestaetigen/{token}")),
        ctx: &ctx,
    };
    let mut res = html(&ctx, StatusCode::OK, &page);
    res.headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    Ok(res)
}

/// POST /veranstaltungen/bestaetigen/{token}
pub(super) async fn confirm(
    Use(ev): Use<Events>,
    ctx: Ctx,
    Params(token): Params<String>,
) -> Answer {
    let (id, r) = ev
        .confirm_registration(&token, ctx.lang_code() == "de")
        .await
        .or_fail(&ctx)?;
    let flag = match r.status {
        RegistrationStatus::Seated => "confirmed",
        _ => "confirmed-waiting",
    };
    Ok(EVENTS.done(&ctx, &event_path(id), flag))
}

/// POST /veranstaltungen/{id}/teilnehmende: an organiser registers someone
/// by name and address.
pub(super) async fn add(
    Use(ev): Use<Events>,
    ctx: Ctx,
    Params(id): Params<i64>,
    body: Bytes,
) -> Answer {
    let back = event_path(id);
    // The policy first: the participant list is the organisers' business.
    if let Err(e) = ev.participants_csv(id).await {
        return Err(refused(&ctx, e, &back));
    }
    let f = FormData::parse(&body);
    let mut problems: Problems = Vec::new();
    let name = f.get("name").trim().to_owned();
    if name.is_empty() {
        problems.push(("name".into(), Problem::new(ctx.t("manage-error-required"))));
    }
    let email = match f.get("email").trim().parse() {
        Ok(e) => Some(e),
        Err(_) => {
            problems.push(("email".into(), Problem::new(ctx.t("event-error-email"))));
            None
        }
    };
    let rejected = if problems.is_empty() {
        let req = RegistrationRequest {
            name: Some(name),
            email,
            answer: None,
        };
        match ev.register(id, &req).await {
            Ok(_) => return Ok(EVENTS.done(&ctx, &back, "added")),
            Err(e @ AppError::Denied(_)) => return Err(refused(&ctx, e, &back)),
            Err(e) => Rejected::from_app(&ctx, e).or_fail(&ctx)?,
        }
    } else {
        Rejected::input(problems)
    };
    let v = ev.event(id).await.or_fail(&ctx)?;
    let name = ev.network_name(&v.event.network).await.or_fail(&ctx)?;
    Ok(render(&ctx, &name, &v, None, None, Some((&f, rejected))))
}

/// POST /veranstaltungen/{id}/anmeldungen/{registration}/abmelden
pub(super) async fn cancel(
    Use(ev): Use<Events>,
    ctx: Ctx,
    Params((id, registration)): Params<(i64, i64)>,
) -> Answer {
    let back = event_path(id);
    match ev.cancel(id, registration).await {
        Ok(()) => Ok(EVENTS.done(&ctx, &back, "cancelled")),
        Err(e) => Err(refused(&ctx, e, &back)),
    }
}

/// POST /veranstaltungen/{id}/anmeldeschluss: `closed=yes` closes
/// registration, anything else opens it again.
pub(super) async fn close(
    Use(ev): Use<Events>,
    ctx: Ctx,
    Params(id): Params<i64>,
    body: Bytes,
) -> Answer {
    let back = event_path(id);
    let closed = FormData::parse(&body).get("closed") == CONFIRM;
    match ev.set_closed(id, closed).await {
        Ok(()) => Ok(EVENTS.done(&ctx, &back, if closed { "closed" } else { "opened" })),
        Err(e) => Err(refused(&ctx, e, &back)),
    }
}

/// GET /veranstaltungen/{id}/teilnehmende.csv
pub(super) async fn csv(Use(ev): Use<Events>, ctx: Ctx, Params(id): Params<i64>) -> Answer {
    match ev.participants_csv(id).await {
        Ok(text) => Ok((
            [
                (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_owned()),
                (
                    header::CONTENT_DISPOSITION,
                    format!("attachment; filename=\"teilnehmende-{id}.csv\""),
                ),
                (header::CACHE_CONTROL, "no-store".to_owned()),
            ],
            text,
        )
            .into_response()),
        Err(e) => Err(refused(&ctx, e, &event_path(id))),
    }
}
