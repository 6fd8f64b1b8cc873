//! The forms of a meeting's page: raising an agenda point (members,
//! partners, coordinators), removing one (coordinators), writing minutes
//! and recording attendance (coordinators).
//!
//! Each form first asks the policy the same question the page asks before it
//! shows the form, so a refused visitor is sent to sign in before their
//! input is read; the use case asks again, writes and records the change in
//! the network's audit log. The answer is 303 back to the meeting's page
//! with a confirmation flag. Invalid input shows the page again with 422, the
//! message next to its field.

use axum::body::Bytes;
use axum::http::StatusCode;
use axum::response::Response;
use chrono::NaiveDate;
use knotenpunkt_app::domain::limits::MAX_AGENDA_TEXT;
use knotenpunkt_app::domain::{Slug, Visibility};
use knotenpunkt_app::{AppError, Lounge, Meetings, SeriesIntent};

use super::meeting::meeting_page;
use super::meeting_forms::{Posted, Which};
use crate::auth::{Use, Viewer};
use crate::pages::answer::{Answer, OrFail, error_page};
use crate::pages::ctx::Ctx;
use crate::pages::extract::{Day, Params};
use crate::pages::form::{FormData, Problem, Problems, Rejected, SAVED, refused};
use crate::pages::ui::meeting_path;

/// Lets a form through when the application opens it for the viewer
/// (`intent` at the meeting's series); a refusal sends an anonymous visitor
/// to sign in and back to the meeting's page.
async fn allowed(
    meetings: &Meetings,
    ctx: &Ctx,
    slug: &Slug,
    date: NaiveDate,
    intent: SeriesIntent<'_>,
) -> Result<(), Response> {
    meetings
        .open_form(slug, intent)
        .await
        .map_err(|e| refused(ctx, e, &meeting_path(slug, date)))
}

/// A visibility the forms offer, read from the select: `None` for the
/// default (nothing chosen), `Err` for one the forms do not offer.
fn visibility(ctx: &Ctx, f: &FormData) -> Result<Option<Visibility>, Problem> {
    match f.get("visibility").as_str() {
        "" => Ok(None),
        other => other
            .parse::<Visibility>()
            .map(Some)
            .map_err(|_| Problem::new(ctx.t("meeting-form-error-visibility"))),
    }
}

/// A form of the meeting's page, with what it is about.
struct Form<'a> {
    meetings: &'a Meetings,
    lounge: &'a Lounge,
    ctx: &'a Ctx,
    slug: &'a Slug,
    date: NaiveDate,
    which: Which,
}

impl Form<'_> {
    /// The page again, with the form's input and its problems.
    async fn again(&self, data: FormData, rejected: Rejected) -> Answer {
        let posted = Posted {
            which: self.which,
            data,
            rejected,
        };
        meeting_page(
            self.meetings,
            self.lounge,
            self.ctx,
            self.slug,
            self.date,
            None,
            Some(posted),
        )
        .await
    }

    /// What a failed write means: the page again for input problems, the
    /// error page otherwise.
    async fn failed(&self, data: FormData, e: AppError) -> Answer {
        let rejected = Rejected::from_app(self.ctx, e).or_fail(self.ctx)?;
        self.again(data, rejected).await
    }

    /// Answers 303 back to the meeting's page with the confirmation `what`
    /// (the use case recorded the change).
    fn saved(&self, what: &'static str) -> Response {
        SAVED.done(self.ctx, &meeting_path(self.slug, self.date), what)
    }
}

/// POST /reihen/{series}/{date}/tagesordnung
pub(super) async fn add_point(
    Use(meetings): Use<Meetings>,
    Use(lounge): Use<Lounge>,
    ctx: Ctx,
    v: Viewer,
    Params((slug, Day(date))): Params<(Slug, Day)>,
    body: Bytes,
) -> Answer {
    allowed(&meetings, &ctx, &slug, date, SeriesIntent::Contribute).await?;
    let form = Form {
        meetings: &meetings,
        lounge: &lounge,
        ctx: &ctx,
        slug: &slug,
        date,
        which: Which::Agenda,
    };
    let f = FormData::parse(&body);
    let text = f.get("text");
    let mut problems: Problems = Vec::new();
    if text.is_empty() {
        problems.push(("text".into(), Problem::new(ctx.t("manage-error-required"))));
    } else if text.chars().count() > MAX_AGENDA_TEXT {
        problems.push((
            "text".into(),
            Problem::new(ctx.t1("manage-error-too-long", "max", MAX_AGENDA_TEXT)),
        ));
    }
    let vis = visibility(&ctx, &f).unwrap_or_else(|p| {
        problems.push(("visibility".into(), p));
        None
    });
    let by = if f.get("on_behalf") == "1" {
        match v.actor.organization.as_deref().map(str::parse::<Slug>) {
            Some(Ok(o)) => Some(o),
            _ => {
                problems.push((
                    "on_behalf".into(),
                    Problem::new(ctx.t("meeting-form-error-on-behalf")),
                ));
                None
            }
        }
    } else {
        None
    };
    if !problems.is_empty() {
        return form.again(f, Rejected::input(problems)).await;
    }
    match meetings
        .add_agenda_point(&slug, date, &text, by.as_ref(), vis)
        .await
    {
        Ok(_) => Ok(form.saved("agenda-added")),
        Err(e @ AppError::Denied(_)) => Err(refused(&ctx, e, &meeting_path(&slug, date))),
        Err(e) => form.failed(f, e).await,
    }
}

/// POST /reihen/{series}/{date}/tagesordnung/{id}/entfernen
pub(super) async fn remove_point(
    Use(meetings): Use<Meetings>,
    Use(lounge): Use<Lounge>,
    ctx: Ctx,
    Params((slug, Day(date), id)): Params<(Slug, Day, String)>,
) -> Answer {
    allowed(&meetings, &ctx, &slug, date, SeriesIntent::Manage).await?;
    // The point is named after the policy has spoken: a refusal must not
    // depend on what the address names.
    let Ok(id) = id.parse::<i64>() else {
        return Err(error_page(&ctx, StatusCode::NOT_FOUND));
    };
    meetings
        .delete_agenda_point(&slug, date, id)
        .await
        .or_fail(&ctx)?;
    let form = Form {
        meetings: &meetings,
        lounge: &lounge,
        ctx: &ctx,
        slug: &slug,
        date,
        which: Which::Agenda,
    };
    Ok(form.saved("agenda-removed"))
}

/// POST /reihen/{series}/{date}/protokoll
pub(super) async fn minutes(
    Use(meetings): Use<Meetings>,
    Use(lounge): Use<Lounge>,
    ctx: Ctx,
    Params((slug, Day(date))): Params<(Slug, Day)>,
    body: Bytes,
) -> Answer {
    allowed(&meetings, &ctx, &slug, date, SeriesIntent::Record).await?;
    let form = Form {
        meetings: &meetings,
        lounge: &lounge,
        ctx: &ctx,
        slug: &slug,
        date,
        which: Which::Minutes,
    };
    let f = FormData::parse(&body);
    let text = f.get("text");
    let vis = match visibility(&ctx, &f) {
        Ok(vis) => vis,
        Err(p) => {
            return form
                .again(f, Rejected::input(vec![("visibility".into(), p)]))
                .await;
        }
    };
    match meetings.set_minutes(&slug, date, &text, vis).await {
        Ok(()) => Ok(form.saved("minutes")),
        Err(e) => form.failed(f, e).await,
    }
}

/// POST /reihen/{series}/{date}/anwesenheit
pub(super) async fn attendance(
    Use(meetings): Use<Meetings>,
    Use(lounge): Use<Lounge>,
    ctx: Ctx,
    Params((slug, Day(date))): Params<(Slug, Day)>,
    body: Bytes,
) -> Answer {
    allowed(&meetings, &ctx, &slug, date, SeriesIntent::Record).await?;
    let form = Form {
        meetings: &meetings,
        lounge: &lounge,
        ctx: &ctx,
        slug: &slug,
        date,
        which: Which::Attendance,
    };
    let f = FormData::parse(&body);
    let mut present = Vec::new();
    for o in f.all("organizations") {
        match o.parse::<Slug>() {
            Ok(s) if !present.contains(&s) => present.push(s),
            Ok(_) => {}
            Err(_) => {
                let r = Rejected::field("organizations", ctx.t("meeting-form-error-organization"));
                return form.again(f, r).await;
            }
        }
    }
    match meetings.set_attendance(&slug, date, &present).await {
        Ok(()) => Ok(form.saved("attendance")),
        Err(e) => form.failed(f, e).await,
    }
}
