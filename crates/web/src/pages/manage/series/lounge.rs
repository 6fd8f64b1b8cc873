//! A series' lounge settings: whether it is an After Work Lounge, its room
//! size, rounds and minutes, what the rooms mix, where people of one
//! organisation sit and which video rooms they get.

use askama::Template;
use axum::body::Bytes;
use axum::extract::RawQuery;
use axum::http::StatusCode;
use axum::response::Response;
use knotenpunkt_app::Lounge;
use knotenpunkt_app::domain::limits::{
    MAX_LOUNGE_ROOM_SIZE, MAX_LOUNGE_ROUND_MINUTES, MAX_LOUNGE_ROUNDS, MIN_LOUNGE_ROOM_SIZE,
    MIN_LOUNGE_ROUND_MINUTES,
};
use knotenpunkt_app::domain::{LoungeMix, LoungeSeating, LoungeSettings, LoungeVideo, Series};

use super::edit::{ManagedSeries, edit_path};
use crate::auth::Use;
use crate::pages::answer::{Answer, OrFail, html};
use crate::pages::ctx::Ctx;
use crate::pages::form::{Control, DONE, FormData, Problem, Problems, Rejected, SummaryItem};
use crate::pages::manage::frame::{Frame, Section};
use crate::pages::manage::managed::Managed;

/// The settings page's address.
fn lounge_path(m: &Managed, series: &Series) -> String {
    format!("{}/lounge", edit_path(m, &series.slug))
}

#[derive(Template)]
#[template(path = "manage/series_lounge.html")]
struct LoungePage<'a> {
    ctx: &'a Ctx,
    title: String,
    frame: Frame,
    edit_href: String,
    action: String,
    is_lounge: Control,
    room_size: Control,
    rounds: Control,
    round_minutes: Control,
    mix: Control,
    seating: Control,
    video: Control,
    summary: Vec<SummaryItem>,
}

/// The page, from the stored settings or the submitted form.
fn render(
    ctx: &Ctx,
    m: &Managed,
    series: &Series,
    stored: Option<&LoungeSettings>,
    q: Option<&str>,
    submitted: Option<(&FormData, Rejected)>,
) -> Response {
    let shown = stored.cloned().unwrap_or_default();
    let value = |k: &str, stored: String| match &submitted {
        Some((f, _)) => f.get(k),
        None => stored,
    };
    let ticked = match &submitted {
        Some((f, _)) => f.get("lounge") == "1",
        None => stored.is_some(),
    };
    let number = |name: &'static str, label: &str, v: u32, lo: u32, hi: u32| {
        Control::input(
            "lounge",
            name,
            "number",
            ctx.t(label),
            value(name, v.to_string()),
        )
        .required()
        .range(i64::from(lo), i64::from(hi))
    };
    let pick = |name: &'static str,
                kind: &'static str,
                label: &str,
                items: Vec<(&str, String)>,
                v: &str| {
        Control::pick(
            "lounge",
            name,
            kind,
            ctx.t(label),
            items,
            &[value(name, v.to_owned())],
        )
        .required()
    };
    let mut page = LoungePage {
        ctx,
        title: String::new(),
        frame: Frame::item(
            ctx,
            m,
            Section::Series,
            q,
            ctx.t1("manage-lounge-heading", "series", series.title.as_str()),
            &series.title,
        ),
        edit_href: ctx.href(&edit_path(m, &series.slug)),
        action: ctx.href(&lounge_path(m, series)),
        is_lounge: Control::pick(
            "lounge",
            "lounge",
            "checkbox",
            ctx.t("manage-lounge-legend"),
            [("1", ctx.t("manage-lounge-is-lounge"))],
            &(if ticked {
                vec!["1".to_owned()]
            } else {
                Vec::new()
            }),
        ),
        room_size: number(
            "room_size",
            "manage-lounge-room-size",
            shown.room_size,
            MIN_LOUNGE_ROOM_SIZE,
            MAX_LOUNGE_ROOM_SIZE,
        ),
        rounds: number(
            "rounds",
            "manage-lounge-rounds",
            shown.rounds,
            1,
            MAX_LOUNGE_ROUNDS,
        ),
        round_minutes: number(
            "round_minutes",
            "manage-lounge-minutes",
            shown.round_minutes,
            MIN_LOUNGE_ROUND_MINUTES,
            MAX_LOUNGE_ROUND_MINUTES,
        ),
        mix: pick(
            "mix",
            "select",
            "manage-lounge-mix",
            LoungeMix::ALL
                .iter()
                .map(|x| (x.code(), ctx.t(&format!("lounge-mix-{}", x.code()))))
                .collect(),
            shown.mix.code(),
        ),
        seating: pick(
            "seating",
            "radio",
            "manage-lounge-seating",
            LoungeSeating::ALL
                .iter()
                .map(|x| (x.code(), ctx.t(&format!("lounge-seating-{}", x.code()))))
                .collect(),
            shown.seating.code(),
        ),
        video: pick(
            "video",
            "radio",
            "manage-lounge-video",
            LoungeVideo::ALL
                .iter()
                .map(|x| (x.code(), ctx.t(&format!("lounge-video-{}", x.code()))))
                .collect(),
            shown.video.code(),
        ),
        summary: Vec::new(),
    };
    page.title = page.frame.title();
    let status = match submitted {
        Some((_, r)) => {
            let status = r.status;
            page.summary = r.apply(&mut [
                &mut page.is_lounge,
                &mut page.room_size,
                &mut page.rounds,
                &mut page.round_minutes,
                &mut page.mix,
                &mut page.seating,
                &mut page.video,
            ]);
            status
        }
        None => StatusCode::OK,
    };
    html(ctx, status, &page)
}

/// GET /netzwerke/{slug}/verwaltung/reihen/{series}/lounge
pub(in crate::pages::manage) async fn page(
    ctx: Ctx,
    ms: ManagedSeries,
    Use(lounge): Use<Lounge>,
    RawQuery(q): RawQuery,
) -> Answer {
    let stored = lounge.settings(&ms.series.slug).await.or_fail(&ctx)?;
    Ok(render(
        &ctx,
        &ms.m,
        &ms.series,
        stored.as_ref(),
        q.as_deref(),
        None,
    ))
}

/// Reads the form: `None` when the box is not ticked (no lounge).
fn read(ctx: &Ctx, f: &FormData) -> Result<Option<LoungeSettings>, Rejected> {
    if f.get("lounge") != "1" {
        return Ok(None);
    }
    let mut problems: Problems = Vec::new();
    let mut number = |name: &str| match f.get(name).parse::<u32>() {
        Ok(n) => n,
        Err(_) => {
            problems.push((
                name.to_owned(),
                Problem::new(ctx.t("manage-lounge-error-number")),
            ));
            0
        }
    };
    let (room_size, rounds, round_minutes) = (
        number("room_size"),
        number("rounds"),
        number("round_minutes"),
    );
    let mut choice = |name: &str| {
        let v = f.get(name);
        if v.is_empty() {
            problems.push((
                name.to_owned(),
                Problem::new(ctx.t("manage-error-required")),
            ));
        }
        v
    };
    let (mix, seating, video) = (choice("mix"), choice("seating"), choice("video"));
    let mix = mix.parse::<LoungeMix>();
    let seating = seating.parse::<LoungeSeating>();
    let video = video.parse::<LoungeVideo>();
    let wrong = |p: &mut Problems, name: &str| {
        if !p.iter().any(|(k, _)| k == name) {
            p.push((
                name.to_owned(),
                Problem::new(ctx.t("manage-lounge-error-choice")),
            ));
        }
    };
    if mix.is_err() {
        wrong(&mut problems, "mix");
    }
    if seating.is_err() {
        wrong(&mut problems, "seating");
    }
    if video.is_err() {
        wrong(&mut problems, "video");
    }
    match (mix, seating, video) {
        (Ok(mix), Ok(seating), Ok(video)) if problems.is_empty() => Ok(Some(LoungeSettings {
            room_size,
            rounds,
            round_minutes,
            mix,
            seating,
            video,
        })),
        _ => Err(Rejected::input(problems)),
    }
}

/// POST /netzwerke/{slug}/verwaltung/reihen/{series}/lounge
pub(in crate::pages::manage) async fn save(
    ctx: Ctx,
    ms: ManagedSeries,
    Use(lounge): Use<Lounge>,
    body: Bytes,
) -> Answer {
    let f = FormData::parse(&body);
    let (m, series) = (&ms.m, &ms.series);
    let rejected = match read(&ctx, &f) {
        Ok(settings) => match lounge.set_settings(&series.slug, settings.as_ref()).await {
            Ok(()) => return Ok(DONE.done(&ctx, &lounge_path(m, series), "lounge-saved")),
            Err(e) => Rejected::from_app(&ctx, e).or_fail(&ctx)?,
        },
        Err(r) => r,
    };
    let stored = lounge.settings(&series.slug).await.or_fail(&ctx)?;
    Ok(render(
        &ctx,
        m,
        series,
        stored.as_ref(),
        None,
        Some((&f, rejected)),
    ))
}
