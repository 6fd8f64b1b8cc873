//! An evening's page: the lounge's settings in words, who is here by
//! cohort, the rounds with their rooms, and the forms the reader may use
//! (check oneself in and out; for coordinators: check in others, draw,
//! place late joiners).

use std::collections::HashMap;

use askama::Template;
use axum::extract::RawQuery;
use axum::http::StatusCode;
use chrono::NaiveDate;
use knotenpunkt_app::domain::limits::MAX_NAME;
use knotenpunkt_app::domain::{LoungeSettings, LoungeVideo, Slug};
use knotenpunkt_app::lounge::Participant;
use knotenpunkt_app::{AppError, Directory, Evening, Lounge};

use crate::auth::{Dir, Use};
use crate::pages::answer::{Answer, error_page, failure, html};
use crate::pages::ctx::{Arg, Ctx};
use crate::pages::extract::{Day, Params};
use crate::pages::form::{Control, FormData, LOUNGE, OptGroup, Rejected, SummaryItem, options};
use crate::pages::ui::{Crumb, cohort_name, meeting_href, meeting_path, series_href};

use super::met::coverage_path;

/// The address of an evening's lounge page (without language).
pub(super) fn lounge_path(series: &Slug, date: NaiveDate) -> String {
    format!("{}/lounge", meeting_path(series, date))
}

/// Which form of the page was sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Which {
    /// Checking a guest in (the coordinators' form with fields).
    CheckIn,
    /// Any of the buttons: their problems stand above the rounds.
    Button,
}

/// A form that came back with problems.
pub(super) struct Posted {
    pub(super) which: Which,
    pub(super) data: FormData,
    pub(super) rejected: Rejected,
}

/// One person who is here.
struct Here {
    id: i64,
    name: String,
    organization: String,
    mine: bool,
    /// Whether the reader may check them out (their own, or a coordinator).
    may_leave: bool,
}

/// The people of one cohort who are here.
struct Group {
    heading: String,
    people: Vec<Here>,
}

/// One person in a room.
struct Seat {
    name: String,
    organization: String,
    late: bool,
}

/// A room of a round.
struct Room {
    number: u32,
    organizations: String,
    people: Vec<Seat>,
    mine: bool,
    enter: Option<String>,
}

/// A drawn round.
struct Round {
    number: u32,
    ends: String,
    ends_iso: String,
    rooms: Vec<Room>,
}

/// The coordinators' form that checks a guest in.
struct CheckInForm {
    action: String,
    organization: Control,
    name: Control,
    summary: Vec<SummaryItem>,
}

#[derive(Template)]
#[template(path = "lounge.html")]
struct Page<'a> {
    ctx: &'a Ctx,
    title: String,
    heading: String,
    crumbs: Vec<Crumb>,
    done: Option<String>,
    problems: Vec<SummaryItem>,
    meeting_href: String,
    coverage_href: String,
    cancelled: bool,
    /// The evening is sample data (the demo's).
    sample: bool,
    settings: String,
    present: usize,
    groups: Vec<Group>,
    /// "Ich bin dabei": the form's address.
    join: Option<String>,
    /// The check-out form's address.
    leave: String,
    may_run: bool,
    check_in: Option<CheckInForm>,
    /// The draw form: its address and the round it draws.
    draw: Option<(String, u32)>,
    /// The late joiners' form: its address and how many wait.
    late: Option<(String, usize)>,
    waiting: Vec<String>,
    rounds: Vec<Round>,
}

/// GET /reihen/{slug}/{date}/lounge
pub(super) async fn page(
    Use(lounge): Use<Lounge>,
    Dir(dir): Dir,
    ctx: Ctx,
    Params((slug, Day(date))): Params<(Slug, Day)>,
    RawQuery(q): RawQuery,
) -> Answer {
    lounge_page(&lounge, &dir, &ctx, &slug, date, q.as_deref(), None).await
}

/// What a failed read of the evening answers: a visitor is asked to sign
/// in and comes back to the evening, a date that is no meeting is not found.
pub(super) fn unavailable(
    ctx: &Ctx,
    slug: &Slug,
    date: NaiveDate,
    e: AppError,
) -> axum::response::Response {
    match e {
        AppError::Invalid(_) => error_page(ctx, StatusCode::NOT_FOUND),
        e => crate::pages::form::refused(ctx, e, &lounge_path(slug, date)),
    }
}

/// The settings in words: "Räume zu 3, 2 Runden zu 20 Minuten, Staffeln mischen".
fn settings_words(ctx: &Ctx, s: &LoungeSettings) -> String {
    ctx.tn(
        "lounge-settings-words",
        &[
            ("size", &s.room_size as &dyn Arg),
            ("rounds", &s.rounds),
            ("minutes", &s.round_minutes),
            ("mix", &ctx.t(&format!("lounge-mix-{}", s.mix.code()))),
            (
                "seating",
                &ctx.t(&format!("lounge-seating-{}", s.seating.code())),
            ),
        ],
    )
}

/// The page; `posted` is a form come back with problems.
pub(super) async fn lounge_page(
    lounge: &Lounge,
    dir: &Directory,
    ctx: &Ctx,
    slug: &Slug,
    date: NaiveDate,
    q: Option<&str>,
    posted: Option<Posted>,
) -> Answer {
    let ev = lounge
        .evening(slug, date)
        .await
        .map_err(|e| unavailable(ctx, slug, date, e))?;
    let network = dir
        .network_page(&ev.network)
        .await
        .map_err(|e| failure(ctx, e))?;
    let mut cohorts: HashMap<Slug, String> = HashMap::new();
    let mut choices: Vec<OptGroup> = Vec::new();
    let chosen: Vec<String> = posted
        .as_ref()
        .filter(|p| p.which == Which::CheckIn)
        .map(|p| vec![p.data.get("organization")])
        .unwrap_or_default();
    for g in &network.groups {
        let label = g.cohort.as_ref().map(|c| cohort_name(ctx, c));
        if let (Some(c), Some(l)) = (&g.cohort, &label) {
            cohorts.insert(c.slug.clone(), l.clone());
        }
        choices.push(OptGroup {
            label: label.or_else(|| Some(ctx.t("cohort-none"))),
            options: options(
                g.members
                    .iter()
                    .map(|m| (m.organization.slug.to_string(), m.organization.name.clone())),
                &chosen,
            ),
        });
    }
    if !network.partners.is_empty() {
        choices.push(OptGroup {
            label: Some(ctx.t("lounge-partners")),
            options: options(
                network
                    .partners
                    .iter()
                    .map(|m| (m.organization.slug.to_string(), m.organization.name.clone())),
                &chosen,
            ),
        });
    }
    let base = lounge_path(slug, date);
    let status = posted
        .as_ref()
        .map(|p| p.rejected.status)
        .unwrap_or(StatusCode::OK);
    let (check_in_posted, button_posted) = match posted {
        Some(p) if p.which == Which::CheckIn => (Some(p), None),
        other => (None, other),
    };
    let problems = button_posted
        .map(|p| p.rejected.apply(&mut []))
        .unwrap_or_default();
    let check_in = (ev.may_run && !ev.cancelled).then(|| {
        let f = check_in_posted.as_ref().map(|p| &p.data);
        let mut form = CheckInForm {
            action: ctx.href(&format!("{base}/anmelden")),
            organization: {
                let mut c = Control::choice(
                    "checkin",
                    "organization",
                    "select",
                    ctx.t("lounge-form-organization"),
                    choices,
                )
                .required();
                c.groups.insert(
                    0,
                    OptGroup {
                        label: None,
                        options: options([("", ctx.t("lounge-form-organization-choose"))], &[]),
                    },
                );
                c
            },
            name: Control::input(
                "checkin",
                "name",
                "text",
                ctx.t("lounge-form-name"),
                f.map(|f| f.get("name")).unwrap_or_default(),
            )
            .required()
            .maxlength(MAX_NAME)
            .autocomplete("off"),
            summary: Vec::new(),
        };
        if let Some(p) = check_in_posted {
            form.summary = p
                .rejected
                .apply(&mut [&mut form.organization, &mut form.name]);
        }
        form
    });
    Ok(html(
        ctx,
        status,
        &build(
            ctx,
            &ev,
            &cohorts,
            &base,
            q,
            problems,
            check_in,
            &network.network.name,
        ),
    ))
}

#[allow(clippy::too_many_arguments)]
fn build<'a>(
    ctx: &'a Ctx,
    ev: &Evening,
    cohorts: &HashMap<Slug, String>,
    base: &str,
    q: Option<&str>,
    problems: Vec<SummaryItem>,
    check_in: Option<CheckInForm>,
    network_name: &str,
) -> Page<'a> {
    let day = ctx.weekday_day(ev.date);
    let person = |p: &Participant| Here {
        id: p.id,
        name: p.name.clone(),
        organization: p.organization_name.clone(),
        mine: p.mine,
        may_leave: p.mine || ev.may_run,
    };
    let groups: Vec<Group> = ev
        .present_by_cohort()
        .into_iter()
        .map(|(c, people)| Group {
            heading: match &c {
                Some(c) => cohorts.get(c).cloned().unwrap_or_else(|| c.to_string()),
                None => ctx.t("cohort-none"),
            },
            people: people.into_iter().map(person).collect(),
        })
        .collect();
    let present = groups.iter().map(|g| g.people.len()).sum();
    let seat = |id: &i64, late: bool| {
        ev.participant(*id).map(|p| Seat {
            name: p.name.clone(),
            organization: p.organization_name.clone(),
            late,
        })
    };
    let video = ev.settings.video != LoungeVideo::Nothing;
    let rounds = ev
        .rounds
        .iter()
        .map(|r| {
            let (ends_iso, ends) = match knotenpunkt_app::berlin_time(r.ends_at.timestamp()) {
                Some(t) => (t.to_rfc3339(), t.format("%H:%M").to_string()),
                None => (String::new(), ctx.t("unknown")),
            };
            Round {
                number: r.number,
                ends: ctx.t1("lounge-round-ends", "time", ends),
                ends_iso,
                rooms: r
                    .rooms
                    .iter()
                    .map(|m| {
                        let mine = ev.my_checkin.is_some_and(|k| m.members.contains(&k));
                        Room {
                            number: m.number,
                            organizations: m.organizations.join(", "),
                            people: m
                                .members
                                .iter()
                                .filter_map(|k| seat(k, m.late.contains(k)))
                                .collect(),
                            mine,
                            enter: (video && m.video_room.is_some()).then(|| {
                                ctx.href(&format!("{base}/runden/{}/raeume/{}", r.number, m.number))
                            }),
                        }
                    })
                    .collect(),
            }
        })
        .collect();
    let running = ev.may_run && !ev.cancelled;
    let last_round = ev.rounds.last().map(|r| r.number);
    let mut crumbs = vec![
        Crumb::link(ctx.t("nav-networks"), ctx.href("/netzwerke")),
        Crumb::link(
            network_name.to_owned(),
            ctx.href(&format!("/netzwerke/{}", ev.network)),
        ),
        Crumb::link(
            ctx.t("nav-calendar"),
            ctx.href(&format!("/netzwerke/{}/kalender", ev.network)),
        ),
        Crumb::link(ev.title.clone(), series_href(ctx, &ev.series)),
        Crumb::link(day.clone(), meeting_href(ctx, &ev.series, ev.date)),
    ];
    crumbs.push(Crumb::here(ctx.t("lounge-crumb")));
    Page {
        ctx,
        title: ctx.t1("lounge-title", "date", day.as_str()),
        heading: ctx.t1("lounge-title", "date", day.as_str()),
        crumbs,
        done: LOUNGE.shown(ctx, q),
        problems,
        meeting_href: meeting_href(ctx, &ev.series, ev.date),
        coverage_href: ctx.href(&coverage_path(&ev.network)),
        cancelled: ev.cancelled,
        sample: ev.sample,
        settings: settings_words(ctx, &ev.settings),
        present,
        groups,
        join: (ev.may_check_in && ev.my_checkin.is_none())
            .then(|| ctx.href(&format!("{base}/dabei"))),
        leave: ctx.href(&format!("{base}/abmelden")),
        may_run: ev.may_run,
        check_in,
        draw: running.then(|| (ctx.href(&format!("{base}/runden")), ev.next_round())),
        late: match last_round {
            Some(n) if running && !ev.waiting.is_empty() => Some((
                ctx.href(&format!("{base}/runden/{n}/nachzuegler")),
                ev.waiting.len(),
            )),
            _ => None,
        },
        waiting: ev
            .waiting
            .iter()
            .filter_map(|k| ev.participant(*k))
            .map(|p| format!("{} ({})", p.name, p.organization_name))
            .collect(),
        rounds,
    }
}
