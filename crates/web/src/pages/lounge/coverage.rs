//! A network's coverage page, "who has met whom": the figures, a heat map
//! of organisations × organisations (grouped by cohort) and a line chart
//! of the share of pairs met over the evenings, both inline SVG computed
//! here as plain geometry, each with a table that says the same.

use std::collections::HashMap;
use std::fmt::Write as _;

use askama::Template;
use knotenpunkt_app::Lounge;
use knotenpunkt_app::domain::Slug;
use knotenpunkt_app::lounge::Encounters;

use super::met::{coverage_path, percent};
use crate::auth::{Dir, Use};
use crate::pages::answer::{Answer, failure, html};
use crate::pages::ctx::{Arg, Ctx};
use crate::pages::extract::Params;
use crate::pages::form::refused;
use crate::pages::ui::{Crumb, Link};

/// The side of one cell of the heat map.
const CELL: f64 = 18.0;
/// Room for the row labels.
const LABELS: f64 = 250.0;
/// Room for the column numbers.
const TOP: f64 = 28.0;
/// Longest row label, in characters.
const LABEL_CHARS: usize = 32;
/// Above this many pairs that never met, each organisation shows only how
/// many it has not met (a network of 500 has 124,750 pairs).
const MAX_NEVER_LISTED: usize = 1500;

/// A coloured cell: a pair that has met.
struct Cell {
    x: String,
    y: String,
    tx: String,
    ty: String,
    level: u32,
    count: u32,
    title: String,
}

/// A label at a position.
struct Label {
    pos: String,
    text: String,
}

/// The heat map's geometry.
struct HeatMap {
    width: String,
    height: String,
    left: String,
    top: String,
    size: String,
    grid: String,
    separators: String,
    diagonal: String,
    rows: Vec<Label>,
    cols: Vec<Label>,
    cells: Vec<Cell>,
    title: String,
    desc: String,
}

/// The line chart's geometry.
struct LineChart {
    title: String,
    desc: String,
    left: f64,
    right: f64,
    top: f64,
    bottom: f64,
    y_ticks: Vec<Label>,
    x_labels: Vec<Label>,
    share: String,
    across: String,
    /// Each evening's points: x, and y of both lines.
    marks: Vec<(String, String, String)>,
}

struct PairRow {
    /// Met on sample evenings only.
    sample: bool,
    a: Link,
    b: Link,
    count: u32,
    last: String,
    last_iso: String,
}

struct PointRow {
    /// The evening is sample data.
    sample: bool,
    date: String,
    iso: String,
    share: String,
    across: String,
}

/// The pairs one organisation has not met yet (each pair once: with the
/// organisations after it in the order).
struct NeverMet {
    org: Link,
    /// How many (each pair once).
    count: usize,
    /// Their names, unless there are too many pairs to list.
    others: Vec<Link>,
}

#[derive(Template)]
#[template(path = "lounge_coverage.html")]
struct Page<'a> {
    ctx: &'a Ctx,
    title: String,
    heading: String,
    crumbs: Vec<Crumb>,
    pairs_met: String,
    across_met: String,
    evenings: u32,
    /// Sample evenings (the demo's) among them.
    sample_evenings: u32,
    heat: Option<HeatMap>,
    chart: Option<LineChart>,
    pairs: Vec<PairRow>,
    points: Vec<PointRow>,
    never: Vec<NeverMet>,
    never_count: usize,
}

/// GET /netzwerke/{slug}/begegnungen
pub(super) async fn page(
    Use(lounge): Use<Lounge>,
    Dir(dir): Dir,
    ctx: Ctx,
    Params(slug): Params<Slug>,
) -> Answer {
    let e = lounge
        .encounters(&slug)
        .await
        .map_err(|e| refused(&ctx, e, &coverage_path(&slug)))?;
    let network = dir
        .network_page(&slug)
        .await
        .map_err(|e| failure(&ctx, e))?;
    let name = network.network.name.clone();
    Ok(html(
        &ctx,
        axum::http::StatusCode::OK,
        &build(&ctx, &e, &slug, &name),
    ))
}

fn f(x: f64) -> String {
    let s = format!("{x:.1}");
    s.strip_suffix(".0").map(str::to_owned).unwrap_or(s)
}

fn short(name: &str) -> String {
    if name.chars().count() <= LABEL_CHARS {
        name.to_owned()
    } else {
        let mut s: String = name.chars().take(LABEL_CHARS - 1).collect();
        s.push('…');
        s
    }
}

fn build<'a>(ctx: &'a Ctx, e: &Encounters, slug: &Slug, name: &str) -> Page<'a> {
    let org_link = |s: &Slug, n: &str| Link {
        text: n.to_owned(),
        href: ctx.href(&format!("/organisationen/{s}")),
    };
    let names: HashMap<&Slug, &str> = e
        .organizations
        .iter()
        .map(|o| (&o.slug, o.name.as_str()))
        .collect();
    let name_of = |s: &Slug| names.get(s).copied().unwrap_or(s.as_str()).to_owned();
    let mut pairs: Vec<PairRow> = e
        .pairs
        .iter()
        .map(|p| PairRow {
            sample: p.sample,
            a: org_link(&p.a, &name_of(&p.a)),
            b: org_link(&p.b, &name_of(&p.b)),
            count: p.count,
            last: ctx.day(p.last),
            last_iso: p.last.to_string(),
        })
        .collect();
    pairs.sort_by(|x, y| y.count.cmp(&x.count).then(x.a.text.cmp(&y.a.text)));
    let never_pairs = e.never_met();
    let never_count = never_pairs.len();
    let mut never: Vec<NeverMet> = Vec::new();
    let listed = never_count <= MAX_NEVER_LISTED;
    let mut last: Option<&Slug> = None;
    for (x, y) in never_pairs {
        if last != Some(&x.slug) {
            never.push(NeverMet {
                org: org_link(&x.slug, &x.name),
                count: 0,
                others: Vec::new(),
            });
            last = Some(&x.slug);
        }
        if let Some(n) = never.last_mut() {
            n.count += 1;
            if listed {
                n.others.push(org_link(&y.slug, &y.name));
            }
        }
    }
    let points = e
        .coverage
        .iter()
        .map(|p| PointRow {
            sample: p.sample,
            date: ctx.day(p.date),
            iso: p.date.to_string(),
            share: percent(ctx, p.share),
            across: percent(ctx, p.share_across),
        })
        .collect();
    let heading = ctx.t1("coverage-heading", "network", name);
    Page {
        ctx,
        title: heading.clone(),
        heading,
        crumbs: vec![
            Crumb::link(ctx.t("nav-networks"), ctx.href("/netzwerke")),
            Crumb::link(name.to_owned(), ctx.href(&format!("/netzwerke/{slug}"))),
            Crumb::here(ctx.t("coverage-crumb")),
        ],
        pairs_met: ctx.tn(
            "coverage-pairs-met",
            &[
                ("met", &e.pairs_met as &dyn Arg),
                ("possible", &e.pairs_possible),
                ("share", &percent(ctx, e.share())),
            ],
        ),
        across_met: ctx.tn(
            "coverage-pairs-met",
            &[
                ("met", &e.across_met as &dyn Arg),
                ("possible", &e.across_possible),
                ("share", &percent(ctx, e.share_across())),
            ],
        ),
        evenings: e.evenings,
        sample_evenings: e.sample_evenings,
        heat: heat_map(ctx, e, name),
        chart: line_chart(ctx, e, name),
        pairs,
        points,
        never,
        never_count,
    }
}

/// The heat map: a background grid, the diagonal, separators between
/// cohorts, and one cell (both ways) per pair that met, darker the more
/// often, with the count in it and a title naming the pair.
fn heat_map(ctx: &Ctx, e: &Encounters, name: &str) -> Option<HeatMap> {
    let orgs = &e.organizations;
    let n = orgs.len();
    if n < 2 {
        return None;
    }
    let size = n as f64 * CELL;
    let (left, top) = (LABELS, TOP);
    let index: HashMap<&Slug, usize> = orgs.iter().enumerate().map(|(i, o)| (&o.slug, i)).collect();
    let mut grid = String::new();
    for i in 0..=n {
        let d = i as f64 * CELL;
        let _ = write!(
            grid,
            "M{} {}h{}M{} {}v{}",
            f(left),
            f(top + d),
            f(size),
            f(left + d),
            f(top),
            f(size)
        );
    }
    let mut separators = String::new();
    for i in 1..n {
        if orgs[i].cohort != orgs[i - 1].cohort {
            let d = i as f64 * CELL;
            let _ = write!(
                separators,
                "M{} {}h{}M{} {}v{}",
                f(left - 6.0),
                f(top + d),
                f(size + 6.0),
                f(left + d),
                f(top - 6.0),
                f(size + 6.0)
            );
        }
    }
    let mut diagonal = String::new();
    for i in 0..n {
        let d = i as f64 * CELL;
        let _ = write!(
            diagonal,
            "M{} {}h{}v{}h-{}Z",
            f(left + d),
            f(top + d),
            f(CELL),
            f(CELL),
            f(CELL)
        );
    }
    let mut cells = Vec::new();
    for p in &e.pairs {
        let (Some(&i), Some(&j)) = (index.get(&p.a), index.get(&p.b)) else {
            continue;
        };
        let title = ctx.tn(
            "coverage-cell-title",
            &[
                ("a", &orgs[i].name as &dyn Arg),
                ("b", &orgs[j].name),
                ("count", &p.count),
                ("last", &ctx.day(p.last)),
            ],
        );
        for (r, c) in [(i, j), (j, i)] {
            let (x, y) = (left + c as f64 * CELL, top + r as f64 * CELL);
            cells.push(Cell {
                x: f(x),
                y: f(y),
                tx: f(x + CELL / 2.0),
                ty: f(y + CELL / 2.0 + 4.0),
                level: p.count.min(3),
                count: p.count,
                title: title.clone(),
            });
        }
    }
    let rows = orgs
        .iter()
        .enumerate()
        .map(|(i, o)| Label {
            pos: f(top + i as f64 * CELL + CELL / 2.0 + 4.0),
            text: format!("{}. {}", i + 1, short(&o.name)),
        })
        .collect();
    let cols = (0..n)
        .map(|i| Label {
            pos: f(left + i as f64 * CELL + CELL / 2.0),
            text: (i + 1).to_string(),
        })
        .collect();
    Some(HeatMap {
        width: f(left + size + 8.0),
        height: f(top + size + 8.0),
        left: f(left),
        top: f(top),
        size: f(size),
        grid,
        separators,
        diagonal,
        rows,
        cols,
        cells,
        title: ctx.t1("coverage-heat-title", "network", name),
        desc: ctx.tn(
            "coverage-heat-desc",
            &[("count", &n as &dyn Arg), ("met", &e.pairs_met)],
        ),
    })
}

/// The line chart of the share of pairs met after each evening, overall
/// and across cohorts.
fn line_chart(ctx: &Ctx, e: &Encounters, name: &str) -> Option<LineChart> {
    let pts = &e.coverage;
    if pts.is_empty() {
        return None;
    }
    let (left, right, top, bottom) = (56.0, 570.0, 16.0, 216.0);
    let x = |i: usize| {
        if pts.len() == 1 {
            (left + right) / 2.0
        } else {
            left + (right - left) * i as f64 / (pts.len() - 1) as f64
        }
    };
    let y = |share: f64| bottom - share.clamp(0.0, 1.0) * (bottom - top);
    let path = |get: &dyn Fn(usize) -> f64| {
        let mut d = String::new();
        for i in 0..pts.len() {
            let _ = write!(
                d,
                "{}{} {}",
                if i == 0 { "M" } else { "L" },
                f(x(i)),
                f(y(get(i)))
            );
        }
        d
    };
    let y_ticks = [0.0, 0.25, 0.5, 0.75, 1.0]
        .iter()
        .map(|s| Label {
            pos: f(y(*s)),
            text: percent(ctx, *s),
        })
        .collect();
    // The first and the last evening, and a few between.
    let step = pts.len().div_ceil(5).max(1);
    let mut shown: Vec<usize> = (0..pts.len()).step_by(step).collect();
    if shown.last() != Some(&(pts.len() - 1)) {
        if shown.len() > 1 && pts.len() - 1 - shown[shown.len() - 1] < step / 2 + 1 {
            shown.pop();
        }
        shown.push(pts.len() - 1);
    }
    let x_labels = shown
        .into_iter()
        .map(|i| Label {
            pos: f(x(i)),
            text: ctx.day(pts[i].date),
        })
        .collect();
    let last = pts.last()?;
    Some(LineChart {
        title: ctx.t1("coverage-chart-title", "network", name),
        desc: ctx.tn(
            "coverage-chart-desc",
            &[
                ("evenings", &pts.len() as &dyn Arg),
                ("share", &percent(ctx, last.share)),
                ("across", &percent(ctx, last.share_across)),
            ],
        ),
        left,
        right,
        top,
        bottom,
        y_ticks,
        x_labels,
        share: path(&|i| pts[i].share),
        across: path(&|i| pts[i].share_across),
        marks: pts
            .iter()
            .enumerate()
            .map(|(i, p)| (f(x(i)), f(y(p.share)), f(y(p.share_across))))
            .collect(),
    })
}
