//! A network's growth as the chart and the table under it: the members
//! named with their joining dates as a line, the published figures as
//! marks, and the notes on what the line cannot know.

use chrono::{Datelike, NaiveDate};
use knotenpunkt_app::Growth;
use knotenpunkt_app::domain::{FigureQualifier, PartialDate};

use crate::pages::chart::{self, Chart, Label, Mark};
use crate::pages::ctx::Ctx;
use crate::pages::ui::DateView;

pub(super) struct MarkView {
    pub(super) mark: Mark,
    pub(super) text: String,
}

pub(super) struct GrowthRow {
    pub(super) date: DateView,
    pub(super) members: String,
    pub(super) what: String,
    pub(super) source: Option<String>,
}

/// The chart and the table, ready for the template.
pub(super) struct GrowthView {
    pub(super) chart: Option<Chart>,
    pub(super) width: f64,
    pub(super) height: f64,
    pub(super) title: String,
    pub(super) desc: String,
    pub(super) marks: Vec<MarkView>,
    pub(super) line_end: Option<(Label, u32)>,
    pub(super) rows: Vec<GrowthRow>,
    pub(super) notes: Vec<String>,
}

/// A step of the line as a date of the precision it most likely had: the
/// growth module puts a "2019-04" joining on 1 April and a cohort year on
/// 1 January, and printing those days would invent a precision no source
/// gave. A real first of the month loses its day, which is the lesser harm.
fn step_date(d: NaiveDate) -> PartialDate {
    let text = match (d.month(), d.day()) {
        (1, 1) => format!("{:04}", d.year()),
        (m, 1) => format!("{:04}-{m:02}", d.year()),
        _ => d.format("%Y-%m-%d").to_string(),
    };
    text.parse().unwrap_or_else(|_| PartialDate::from_naive(d))
}

fn figure_value(ctx: &Ctx, members: u32, q: FigureQualifier) -> String {
    match q {
        FigureQualifier::Exact => members.to_string(),
        FigureQualifier::MoreThan => ctx.t1("figure-more-than", "count", members),
    }
}

/// The growth of network `name`; `cohort_dated` says some members count
/// from their cohort's year, not a joining date of their own.
pub(super) fn growth(
    ctx: &Ctx,
    name: &str,
    g: &Growth,
    cohort_dated: bool,
    today: NaiveDate,
) -> GrowthView {
    let points: Vec<chart::Dated> = g.points.iter().map(|p| (p.on, p.members)).collect();
    let figures: Vec<chart::Dated> = g
        .figures
        .iter()
        .map(|f| (f.on.earliest(), f.members))
        .collect();
    let chart = chart::layout(&points, &figures, today);
    let marks = match &chart {
        Some(c) => c
            .marks
            .iter()
            .zip(&g.figures)
            .map(|(m, f)| MarkView {
                mark: m.clone(),
                text: figure_value(ctx, f.members, f.qualifier),
            })
            .collect(),
        None => Vec::new(),
    };
    let line_end = chart
        .as_ref()
        .and_then(|c| c.line_end)
        .zip(g.points.last().map(|p| p.members));

    let mut rows: Vec<(NaiveDate, GrowthRow)> = g
        .points
        .iter()
        .map(|p| {
            (
                p.on,
                GrowthRow {
                    date: DateView::new(ctx, &step_date(p.on)),
                    members: p.members.to_string(),
                    what: ctx.t("growth-kind-named"),
                    source: None,
                },
            )
        })
        .chain(g.figures.iter().map(|f| {
            (
                f.on.earliest(),
                GrowthRow {
                    date: DateView::new(ctx, &f.on),
                    members: figure_value(ctx, f.members, f.qualifier),
                    what: ctx.t("growth-kind-published"),
                    source: Some(f.source.clone()),
                },
            )
        }))
        .collect();
    // Stable: on the same day the named count comes before the published.
    rows.sort_by_key(|(d, _)| *d);

    let mut desc = Vec::new();
    if let (Some(first), Some(last)) = (g.points.first(), g.points.last()) {
        desc.push(ctx.t2(
            "chart-desc-line",
            "from",
            ctx.date(&step_date(first.on)),
            "count",
            last.members,
        ));
    }
    if !g.figures.is_empty() {
        let list = g
            .figures
            .iter()
            .map(|f| {
                ctx.t2(
                    "chart-desc-figure",
                    "value",
                    figure_value(ctx, f.members, f.qualifier),
                    "date",
                    ctx.date(&f.on),
                )
            })
            .collect::<Vec<_>>()
            .join(ctx.t("list-separator").as_str());
        desc.push(ctx.t1("chart-desc-figures", "list", list));
    }

    let mut notes = Vec::new();
    if g.undated > 0 {
        notes.push(ctx.t1("growth-undated", "count", g.undated));
    }
    if cohort_dated {
        notes.push(ctx.t("growth-cohort-dated"));
    }
    GrowthView {
        chart,
        width: chart::WIDTH,
        height: chart::HEIGHT,
        title: ctx.t1("chart-title", "network", name),
        desc: desc.join(" "),
        marks,
        line_end,
        rows: rows.into_iter().map(|(_, r)| r).collect(),
        notes,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn step_dates_do_not_invent_days() {
        let d = |s: &str| s.parse::<NaiveDate>().unwrap();
        assert_eq!(step_date(d("2019-01-01")).to_string(), "2019");
        assert_eq!(step_date(d("2019-04-01")).to_string(), "2019-04");
        assert_eq!(step_date(d("2019-04-15")).to_string(), "2019-04-15");
    }
}
