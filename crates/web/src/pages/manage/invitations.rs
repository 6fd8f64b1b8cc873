//! Inviting people into the network, and the network's invitations.
//!
//! The invitation link goes to the invited person by mail only; the page
//! never shows it, so a coordinator's screen (or a screenshot of it) does
//! not hand out someone else's account.

use askama::Template;
use axum::body::Bytes;
use axum::extract::{RawQuery, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::Response;
use knotenpunkt_app::domain::limits::{MAX_EMAIL_LEN, MAX_NAME};
use knotenpunkt_app::domain::{Email, Language, NetworkRole, NewPerson, Organization, Slug};
use knotenpunkt_app::store::InvitationSummary;
use knotenpunkt_app::{
    AppError, InvitationRequest, MembershipFilter, OrgFilter, Page as StorePage,
};

use super::frame::{Frame, Section};
use super::managed::Managed;
use crate::AppState;
use crate::auth::{ClientIp, Limited};
use crate::pages::answer::{Answer, OrFail, html};
use crate::pages::ctx::Ctx;
use crate::pages::form::{
    Control, DONE, FormData, OptGroup, Problem, Problems, Rejected, SummaryItem, choose, options,
    required,
};
use crate::pages::ui::{moment, network_role};

struct Row {
    name: String,
    email: String,
    role: String,
    sent_iso: String,
    sent: String,
    expires_iso: String,
    expires: String,
    expired: bool,
    used: Option<String>,
}

struct InviteForm {
    action: String,
    name: Control,
    email: Control,
    organization: Control,
    role: Control,
    language: Control,
    summary: Vec<SummaryItem>,
}

impl InviteForm {
    fn reject(&mut self, r: Rejected) {
        self.summary = r.apply(&mut [
            &mut self.name,
            &mut self.email,
            &mut self.organization,
            &mut self.role,
            &mut self.language,
        ]);
    }
}

#[derive(Template)]
#[template(path = "manage/invitations.html")]
struct InvitationsPage<'a> {
    ctx: &'a Ctx,
    title: String,
    frame: Frame,
    caption: String,
    rows: Vec<Row>,
    form: InviteForm,
}

async fn render(
    ctx: &Ctx,
    m: &Managed,
    q: Option<&str>,
    submitted: Option<(&FormData, Rejected)>,
) -> Result<Response, AppError> {
    let t = m.dir.app().unix_now();
    let rows = m
        .admin
        .invitations(Some(&m.slug))
        .await?
        .into_iter()
        .map(|i| Row::new(ctx, i, t))
        .collect();
    let orgs = m
        .dir
        .organizations(&OrgFilter::default(), StorePage::ALL)
        .await?
        .items;
    let members: Vec<Slug> = m
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
    let f = submitted.as_ref().map(|(f, _)| *f);
    let mut form = InviteForm::new(ctx, m, &orgs, &members, f);
    let status = match submitted {
        Some((_, r)) => {
            let status = r.status;
            form.reject(r);
            status
        }
        None => StatusCode::OK,
    };
    let frame = Frame::new(ctx, m, Section::Invitations, q);
    let page = InvitationsPage {
        ctx,
        title: frame.title(),
        caption: ctx.t1(
            "manage-invitations-caption",
            "network",
            frame.network.as_str(),
        ),
        frame,
        rows,
        form,
    };
    Ok(html(ctx, status, &page))
}

impl Row {
    /// An invitation as the list shows it, `now` telling whether it expired.
    fn new(ctx: &Ctx, i: InvitationSummary, now: i64) -> Row {
        let (sent_iso, sent) = moment(ctx, i.created_at);
        let (expires_iso, expires) = moment(ctx, i.expires_at);
        Row {
            name: i.name,
            email: i.email.to_string(),
            role: i
                .role
                .map_or_else(|| ctx.t("none"), |r| network_role(ctx, r)),
            sent_iso,
            sent,
            expires_iso,
            expires,
            expired: i.used_at.is_none() && i.expires_at <= now,
            used: i.used_at.map(|u| moment(ctx, u).1),
        }
    }
}

impl InviteForm {
    /// The form, filled with what was submitted; `members` are the
    /// network's current member organisations.
    fn new(
        ctx: &Ctx,
        m: &Managed,
        orgs: &[Organization],
        members: &[Slug],
        f: Option<&FormData>,
    ) -> InviteForm {
        let val = |k: &str| f.map(|f| f.get(k)).unwrap_or_default();
        let role = match val("role") {
            r if r.is_empty() => NetworkRole::Member.code().to_owned(),
            r => r,
        };
        let language = match val("language") {
            l if l.is_empty() => ctx.lang_code().to_owned(),
            l => l,
        };
        InviteForm {
            action: ctx.href(&Section::Invitations.path(&m.slug)),
            name: Control::input("invite", "name", "text", ctx.t("column-name"), val("name"))
                .required()
                .maxlength(MAX_NAME)
                .autocomplete("off"),
            email: Control::input(
                "invite",
                "email",
                "email",
                ctx.t("manage-invite-email"),
                val("email"),
            )
            .required()
            .maxlength(MAX_EMAIL_LEN)
            .autocomplete("off")
            .hint(ctx.t("manage-invite-email-hint")),
            organization: Control::choice(
                "invite",
                "organization",
                "select",
                ctx.t("manage-invite-organization"),
                organization_groups(ctx, m, orgs, members, &[val("organization")]),
            ),
            role: Control::pick(
                "invite",
                "role",
                "select",
                ctx.t("column-role"),
                NetworkRole::ALL
                    .iter()
                    .map(|r| (r.code(), network_role(ctx, *r))),
                &[role],
            )
            .required()
            .hint(ctx.t("manage-invite-role-hint")),
            language: Control::pick(
                "invite",
                "language",
                "radio",
                ctx.t("manage-invite-language"),
                Language::ALL
                    .iter()
                    .map(|l| (l.code(), ctx.t(&format!("manage-language-{}", l.code())))),
                &[language],
            )
            .required(),
            summary: Vec::new(),
        }
    }
}

/// The organisations to choose from: none, the network's member
/// organisations first (most invited people work there), then the others.
fn organization_groups(
    ctx: &Ctx,
    m: &Managed,
    orgs: &[Organization],
    members: &[Slug],
    chosen: &[String],
) -> Vec<OptGroup> {
    let (inside, outside): (Vec<_>, Vec<_>) = orgs.iter().partition(|o| members.contains(&o.slug));
    let named = |list: Vec<&Organization>| {
        options(
            list.into_iter()
                .map(|o| (o.slug.to_string(), o.name.clone())),
            chosen,
        )
    };
    vec![
        OptGroup {
            label: None,
            options: options([("", ctx.t("manage-invite-no-organization"))], chosen),
        },
        OptGroup {
            label: Some(ctx.t1(
                "manage-invite-members-of",
                "network",
                m.network.name.as_str(),
            )),
            options: named(inside),
        },
        OptGroup {
            label: Some(ctx.t("manage-invite-other-organizations")),
            options: named(outside),
        },
    ]
}

/// GET /netzwerke/{slug}/verwaltung/einladungen
pub(super) async fn page(ctx: Ctx, m: Managed, RawQuery(q): RawQuery) -> Answer {
    render(&ctx, &m, q.as_deref(), None).await.or_fail(&ctx)
}

fn parse(ctx: &Ctx, m: &Managed, f: &FormData) -> Result<InvitationRequest, Rejected> {
    let mut problems: Problems = Vec::new();
    let name = required(ctx, &mut problems, "name", &f.get("name"));
    let email = match f.get("email") {
        e if e.is_empty() => {
            problems.push(("email".into(), Problem::new(ctx.t("manage-error-required"))));
            None
        }
        e => match e.parse::<Email>() {
            Ok(e) => Some(e),
            Err(_) => {
                problems.push(("email".into(), Problem::new(ctx.t("manage-error-email"))));
                None
            }
        },
    };
    let organization = match f.get("organization") {
        o if o.is_empty() => None,
        o => match o.parse::<Slug>() {
            Ok(o) => Some(o),
            Err(_) => {
                problems.push(("organization".into(), choose(ctx)));
                None
            }
        },
    };
    let role = f.get("role").parse::<NetworkRole>().ok();
    if role.is_none() {
        problems.push(("role".into(), choose(ctx)));
    }
    let language = f.get("language").parse::<Language>().unwrap_or_else(|_| {
        problems.push(("language".into(), choose(ctx)));
        Language::De
    });
    match (name, email) {
        (Some(name), Some(email)) if problems.is_empty() => Ok(InvitationRequest {
            person: NewPerson {
                name,
                email,
                organization,
                phone: None,
                function: None,
                language,
            },
            network: Some(m.slug.clone()),
            role,
            admin: false,
        }),
        _ => Err(Rejected::input(problems)),
    }
}

/// POST /netzwerke/{slug}/verwaltung/einladungen
pub(super) async fn send(
    State(s): State<AppState>,
    ctx: Ctx,
    ClientIp(ip): ClientIp,
    m: Managed,
    body: Bytes,
) -> Answer {
    let f = FormData::parse(&body);
    let rejected = match parse(&ctx, &m, &f) {
        Ok(req) => {
            // Only a complete invitation spends the budget: a typo in the
            // form must not lock a coordinator out for minutes.
            if let Err(wait) =
                s.limits
                    .check(Limited::Invitation, ip, &format!("network:{}", m.slug))
            {
                return too_many(&ctx, &m, &f, wait).await;
            }
            // The use case records the invitation in the audit log itself.
            match m.admin.invite(req).await {
                Ok(invited) => {
                    let what = if invited.existing {
                        "invited-existing"
                    } else {
                        "invited"
                    };
                    return Ok(DONE.done(&ctx, &Section::Invitations.path(&m.slug), what));
                }
                Err(e) => Rejected::from_app(&ctx, e).or_fail(&ctx)?,
            }
        }
        Err(r) => r,
    };
    render(&ctx, &m, None, Some((&f, rejected)))
        .await
        .or_fail(&ctx)
}

/// 429 with `Retry-After`: the page again, the input kept, saying how long
/// to wait.
async fn too_many(ctx: &Ctx, m: &Managed, f: &FormData, wait: u64) -> Answer {
    let minutes = wait.div_ceil(60).max(1);
    let r = Rejected {
        status: StatusCode::TOO_MANY_REQUESTS,
        fields: vec![(
            String::new(),
            Problem::new(ctx.t1("manage-invite-too-many", "minutes", minutes)),
        )],
    };
    let mut res = render(ctx, m, None, Some((f, r))).await.or_fail(ctx)?;
    if let Ok(h) = HeaderValue::from_str(&wait.to_string()) {
        res.headers_mut().insert(header::RETRY_AFTER, h);
    }
    Ok(res)
}
