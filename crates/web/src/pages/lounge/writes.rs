//! The forms of an evening's page and entering a room's video.
//!
//! Each form first reads the evening, which asks the policy (a visitor is
//! sent to sign in and back to the evening, an outsider gets the 404
//! page), and the coordinators' forms then need the evening's `may_run`
//! (403 otherwise) before any input is read. A success answers 303 back to
//! the evening with a confirmation; invalid input shows the page again with
//! 422 and the message at its field.

use axum::body::Bytes;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use chrono::NaiveDate;
use knotenpunkt_app::domain::Slug;
use knotenpunkt_app::{AppError, CheckIn, Directory, DrawRequest, Evening, Lounge};

use super::evening::{Posted, Which, lounge_page, lounge_path, unavailable};
use crate::auth::{Dir, Use};
use crate::pages::answer::{Answer, OrFail, error_page};
use crate::pages::ctx::Ctx;
use crate::pages::extract::{Day, Params};
use crate::pages::form::{FormData, LOUNGE, Problem, Problems, Rejected, refused};

/// A form of the evening's page, with what it is about.
struct Form<'a> {
    lounge: &'a Lounge,
    dir: &'a Directory,
    ctx: &'a Ctx,
    slug: &'a Slug,
    date: NaiveDate,
}

impl<'a> Form<'a> {
    fn new(
        lounge: &'a Lounge,
        dir: &'a Directory,
        ctx: &'a Ctx,
        slug: &'a Slug,
        date: NaiveDate,
    ) -> Form<'a> {
        Form {
            lounge,
            dir,
            ctx,
            slug,
            date,
        }
    }

    /// The evening, if the reader may see it.
    async fn evening(&self) -> Result<Evening, Response> {
        self.lounge
            .evening(self.slug, self.date)
            .await
            .map_err(|e| unavailable(self.ctx, self.slug, self.date, e))
    }

    /// The evening, if the reader runs the lounge (403 otherwise).
    async fn run(&self) -> Result<Evening, Response> {
        let ev = self.evening().await?;
        if ev.may_run {
            Ok(ev)
        } else {
            Err(error_page(self.ctx, StatusCode::FORBIDDEN))
        }
    }

    /// The page again, with the form's input and its problems.
    async fn again(&self, which: Which, data: FormData, rejected: Rejected) -> Answer {
        let posted = Posted {
            which,
            data,
            rejected,
        };
        lounge_page(
            self.lounge,
            self.dir,
            self.ctx,
            self.slug,
            self.date,
            None,
            Some(posted),
        )
        .await
    }

    /// What a failed write means: the sign-in for a visitor, the page again
    /// for input problems, the error page otherwise.
    async fn failed(&self, which: Which, data: FormData, e: AppError) -> Answer {
        if let AppError::Denied(_) = e {
            return Err(refused(self.ctx, e, &self.back()));
        }
        let rejected = Rejected::from_app(self.ctx, e).or_fail(self.ctx)?;
        self.again(which, data, rejected).await
    }

    fn back(&self) -> String {
        lounge_path(self.slug, self.date)
    }

    /// 303 back to the evening with the confirmation `what`.
    fn done(&self, what: &'static str) -> Response {
        LOUNGE.done(self.ctx, &self.back(), what)
    }
}

/// POST /reihen/{slug}/{date}/lounge/dabei: the reader checks in for
/// their own organisation (twice changes nothing).
pub(super) async fn join(
    Use(lounge): Use<Lounge>,
    Dir(dir): Dir,
    ctx: Ctx,
    Params((slug, Day(date))): Params<(Slug, Day)>,
) -> Answer {
    let form = Form::new(&lounge, &dir, &ctx, &slug, date);
    form.evening().await?;
    match lounge.check_in(&slug, date, &CheckIn::default()).await {
        Ok(_) => Ok(form.done("checked-in")),
        Err(e) => form.failed(Which::Button, FormData::parse(b""), e).await,
    }
}

/// POST /reihen/{slug}/{date}/lounge/abmelden: a check-in (`checkin`;
/// without it, the reader's own) is marked as gone.
pub(super) async fn leave(
    Use(lounge): Use<Lounge>,
    Dir(dir): Dir,
    ctx: Ctx,
    Params((slug, Day(date))): Params<(Slug, Day)>,
    body: Bytes,
) -> Answer {
    let form = Form::new(&lounge, &dir, &ctx, &slug, date);
    let ev = form.evening().await?;
    let f = FormData::parse(&body);
    let raw = f.get("checkin");
    let id = if raw.is_empty() {
        ev.my_checkin
    } else {
        raw.parse::<i64>().ok()
    };
    let Some(id) = id else {
        let r = Rejected::field("checkin", ctx.t("lounge-error-checkin"));
        return form.again(Which::Button, f, r).await;
    };
    match lounge.check_out(&slug, date, id).await {
        Ok(()) => Ok(form.done("checked-out")),
        Err(AppError::NotFound { .. }) => {
            let r = Rejected::field("checkin", ctx.t("lounge-error-checkin"));
            form.again(Which::Button, f, r).await
        }
        Err(e) => form.failed(Which::Button, f, e).await,
    }
}

/// POST /reihen/{slug}/{date}/lounge/anmelden: a coordinator checks in a
/// participant by organisation and name.
pub(super) async fn check_in(
    Use(lounge): Use<Lounge>,
    Dir(dir): Dir,
    ctx: Ctx,
    Params((slug, Day(date))): Params<(Slug, Day)>,
    body: Bytes,
) -> Answer {
    let form = Form::new(&lounge, &dir, &ctx, &slug, date);
    form.run().await?;
    let f = FormData::parse(&body);
    let mut problems: Problems = Vec::new();
    let organization = match f.get("organization").parse::<Slug>() {
        Ok(o) => Some(o),
        Err(_) => {
            problems.push((
                "organization".into(),
                Problem::new(ctx.t("lounge-error-organization")),
            ));
            None
        }
    };
    let name = f.get("name");
    if name.trim().is_empty() {
        problems.push(("name".into(), Problem::new(ctx.t("manage-error-required"))));
    }
    if !problems.is_empty() {
        return form
            .again(Which::CheckIn, f, Rejected::input(problems))
            .await;
    }
    let who = CheckIn {
        person: None,
        organization,
        name: Some(name),
    };
    match lounge.check_in(&slug, date, &who).await {
        Ok(_) => Ok(form.done("checked-in")),
        Err(e) => form.failed(Which::CheckIn, f, e).await,
    }
}

/// POST /reihen/{slug}/{date}/lounge/runden: draws the round named in
/// `round` (a second click on the same button draws nothing).
pub(super) async fn draw(
    Use(lounge): Use<Lounge>,
    Dir(dir): Dir,
    ctx: Ctx,
    Params((slug, Day(date))): Params<(Slug, Day)>,
    body: Bytes,
) -> Answer {
    let form = Form::new(&lounge, &dir, &ctx, &slug, date);
    form.run().await?;
    let f = FormData::parse(&body);
    let raw = f.get("round");
    let round = if raw.is_empty() {
        None
    } else {
        match raw.parse::<u32>() {
            Ok(n) => Some(n),
            Err(_) => {
                let r = Rejected::field("round", ctx.t("lounge-error-round"));
                return form.again(Which::Button, f, r).await;
            }
        }
    };
    let req = DrawRequest {
        round,
        room_size: None,
        minutes: None,
    };
    match lounge.draw(&slug, date, &req).await {
        Ok(d) if d.created => Ok(form.done("drawn")),
        Ok(_) => Ok(form.done("already-drawn")),
        Err(e) => form.failed(Which::Button, f, e).await,
    }
}

/// POST /reihen/{slug}/{date}/lounge/runden/{round}/nachzuegler: places
/// everyone present who has no seat in the round.
pub(super) async fn late(
    Use(lounge): Use<Lounge>,
    Dir(dir): Dir,
    ctx: Ctx,
    Params((slug, Day(date), round)): Params<(Slug, Day, u32)>,
) -> Answer {
    let form = Form::new(&lounge, &dir, &ctx, &slug, date);
    form.run().await?;
    match lounge.place_late(&slug, date, round).await {
        Ok(_) => Ok(form.done("late-placed")),
        Err(e) => form.failed(Which::Button, FormData::parse(b""), e).await,
    }
}

/// GET /reihen/{slug}/{date}/lounge/runden/{round}/raeume/{room}: into
/// the room's video (303 to the address the provider gave; BigBlueButton
/// creates the meeting first). Only for those seated in the room and
/// coordinators; a lounge without video rooms says so on its page.
pub(super) async fn enter(
    Use(lounge): Use<Lounge>,
    ctx: Ctx,
    Params((slug, Day(date), round, room)): Params<(Slug, Day, u32, u32)>,
) -> Answer {
    match lounge.enter(&slug, date, round, room).await {
        Ok(url) => Ok(Redirect::to(&url).into_response()),
        Err(AppError::Invalid(_)) => Ok(LOUNGE.done(&ctx, &lounge_path(&slug, date), "no-video")),
        Err(e) => Err(unavailable(&ctx, &slug, date, e)),
    }
}
