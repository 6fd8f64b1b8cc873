//! Reading the series form into a series: every field checked, every bad
//! one named; the calendar engine judges the rule and the start after.

use chrono::NaiveDateTime;
use knotenpunkt_app::domain::limits::{MAX_DURATION_MINUTES, MAX_RULE};
use knotenpunkt_app::domain::{HolidayRule, HostingKind, RotationOrder, Series, Slug, Visibility};

use super::form::{Hosts, Values};
use crate::pages::ctx::Ctx;
use crate::pages::form::{Problem, Problems, Rejected, choose, optional, required, slug_field};
use crate::pages::manage::managed::Managed;

/// `2025-01-30T17:00` from what a browser's date-time field or a person
/// typed (seconds, a space instead of the `T`).
pub(super) fn local_datetime(text: &str) -> Option<String> {
    let text = text.replace(' ', "T");
    ["%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S"]
        .iter()
        .find_map(|f| NaiveDateTime::parse_from_str(&text, f).ok())
        .map(|d| d.format("%Y-%m-%dT%H:%M").to_string())
}

/// Reads the form into a series of the managed network; `base` is the
/// stored series on the edit page, whose settings without a field here
/// (time zone, agenda, who may see it) are kept.
pub(super) fn build(
    ctx: &Ctx,
    m: &Managed,
    v: &Values,
    base: Option<&Series>,
) -> Result<Series, Rejected> {
    let mut problems: Problems = Vec::new();
    let title = required(ctx, &mut problems, "title", &v.title);
    let slug = match base {
        Some(b) => Some(b.slug.clone()),
        None => slug_field(
            ctx,
            &mut problems,
            "slug",
            &v.slug,
            title.as_deref().unwrap_or(""),
        ),
    };
    let rule = read_rule(ctx, &mut problems, &v.rule);
    let start = read_start(ctx, &mut problems, &v.start);
    let duration = read_duration(ctx, &mut problems, &v.duration_minutes);
    let holidays = v.holidays.parse::<HolidayRule>().unwrap_or_else(|_| {
        problems.push(("holidays".into(), choose(ctx)));
        HolidayRule::Keep
    });
    let hosting = read_hosting(ctx, &mut problems, v);
    let mut cohorts = Vec::new();
    for c in &v.cohorts {
        match c.parse::<Slug>() {
            Ok(c) => cohorts.push(c),
            Err(_) => problems.push(("cohorts".into(), choose(ctx))),
        }
    }
    let (Some(slug), Some(title), Some(start), true) = (slug, title, start, problems.is_empty())
    else {
        return Err(Rejected::input(problems));
    };
    Ok(Series {
        slug,
        network: Some(m.slug.clone()),
        cooperation: None,
        title,
        description: optional(v.description.clone()),
        rule,
        start,
        duration_minutes: duration,
        time_zone: base.map_or_else(|| "Europe/Berlin".to_owned(), |b| b.time_zone.clone()),
        video_url: optional(v.video_url.clone()),
        holidays,
        hosting: hosting.kind,
        host: hosting.host,
        rotation_order: hosting.order,
        rotation: hosting.rotation,
        cohorts,
        agenda_template: base.map(|b| b.agenda_template.clone()).unwrap_or_default(),
        visibility: base.map_or(Visibility::Public, |b| b.visibility.clone()),
    })
}

/// The rule without an `RRULE:` in front; the calendar engine judges the rest.
fn read_rule(ctx: &Ctx, problems: &mut Problems, given: &str) -> String {
    let rule = given
        .strip_prefix("RRULE:")
        .unwrap_or(given)
        .trim()
        .to_owned();
    if rule.is_empty() {
        problems.push(("rule".into(), Problem::new(ctx.t("manage-error-required"))));
    } else if rule.chars().count() > MAX_RULE {
        problems.push((
            "rule".into(),
            Problem::new(ctx.t1("manage-error-too-long", "max", MAX_RULE)),
        ));
    }
    rule
}

/// The first meeting's local date and time.
fn read_start(ctx: &Ctx, problems: &mut Problems, given: &str) -> Option<String> {
    if given.is_empty() {
        problems.push(("start".into(), Problem::new(ctx.t("manage-error-required"))));
        return None;
    }
    let start = local_datetime(given);
    if start.is_none() {
        problems.push(("start".into(), Problem::new(ctx.t("manage-error-datetime"))));
    }
    start
}

/// A meeting's length in minutes: a whole number from one to a day.
fn read_duration(ctx: &Ctx, problems: &mut Problems, given: &str) -> u32 {
    match given.parse::<u32>() {
        Ok(d) if (1..=MAX_DURATION_MINUTES).contains(&d) => d,
        _ => {
            problems.push((
                "duration_minutes".into(),
                Problem::new(ctx.t("manage-error-minutes")),
            ));
            0
        }
    }
}

/// Who hosts, as the form says it.
struct Hosting {
    kind: HostingKind,
    host: Option<Slug>,
    order: RotationOrder,
    rotation: Vec<Slug>,
}

/// The hosting settings. Settings of another kind of hosting are ignored
/// rather than refused: they stay in the form when one switches back and
/// forth.
fn read_hosting(ctx: &Ctx, problems: &mut Problems, v: &Values) -> Hosting {
    let kind = v.hosting.parse::<HostingKind>().unwrap_or_else(|_| {
        problems.push(("hosting".into(), choose(ctx)));
        HostingKind::None
    });
    let host = match kind {
        HostingKind::Fixed => match v.host.parse::<Slug>() {
            Ok(h) => Some(h),
            Err(_) => {
                problems.push(("host".into(), Problem::new(ctx.t("manage-error-host"))));
                None
            }
        },
        _ => None,
    };
    let order = match kind {
        HostingKind::Rotation => v
            .rotation_order
            .parse::<RotationOrder>()
            .unwrap_or_else(|_| {
                problems.push(("rotation_order".into(), choose(ctx)));
                RotationOrder::JoinOrder
            }),
        _ => RotationOrder::JoinOrder,
    };
    let mut rotation = Vec::new();
    if order == RotationOrder::Explicit {
        let mut bad = false;
        for part in v
            .rotation
            .split(|c: char| c == ',' || c == ';' || c.is_whitespace())
            .filter(|p| !p.is_empty())
        {
            match part.parse::<Slug>() {
                Ok(s) => rotation.push(s),
                Err(_) => bad = true,
            }
        }
        if bad || rotation.is_empty() {
            problems.push((
                "rotation".into(),
                Problem::new(ctx.t("manage-error-rotation")),
            ));
        }
    }
    Hosting {
        kind,
        host,
        order,
        rotation,
    }
}

/// How a series is hosted, for the list.
pub(super) fn hosting_text(ctx: &Ctx, s: &Series, hosts: &Hosts) -> String {
    match s.hosting {
        HostingKind::Fixed => ctx.t1(
            "manage-series-hosted-by",
            "host",
            s.host.as_ref().map(|h| hosts.name(h)).unwrap_or_default(),
        ),
        HostingKind::Rotation => ctx.t1(
            "manage-series-rotating",
            "order",
            ctx.t(&format!("rotation-order-{}", s.rotation_order.code())),
        ),
        HostingKind::None => ctx.t("manage-hosting-none"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn date_times_are_read_as_browsers_and_people_write_them() {
        assert_eq!(
            local_datetime("2026-05-21T17:00").as_deref(),
            Some("2026-05-21T17:00")
        );
        assert_eq!(
            local_datetime("2026-05-21T17:00:00").as_deref(),
            Some("2026-05-21T17:00")
        );
        assert_eq!(
            local_datetime("2026-05-21 17:00").as_deref(),
            Some("2026-05-21T17:00")
        );
        assert_eq!(local_datetime("2026-13-21T17:00"), None);
        assert_eq!(local_datetime("21.05.2026 17:00"), None);
    }
}
