//! Geometry of the growth chart: scales, ticks and paths, computed here so
//! the template only places what this module measured.
//!
//! The chart is drawn as inline SVG without JavaScript. Keeping the
//! arithmetic in plain Rust makes it testable and keeps the template free of
//! logic. Coordinates are rounded to a tenth of a unit: finer digits only
//! make the page heavier.

use chrono::{Datelike, NaiveDate};

/// Width of the drawing in SVG units; the stylesheet scales it to the page.
pub(crate) const WIDTH: f64 = 520.0;
/// Height of the drawing in SVG units.
pub(crate) const HEIGHT: f64 = 280.0;
const LEFT: f64 = 48.0;
/// Room for the label at the end of the line.
const RIGHT: f64 = 44.0;
/// Room for the labels above the published figures.
const TOP: f64 = 36.0;
const BOTTOM: f64 = 36.0;
/// Half the diagonal of a figure's diamond.
const DIAMOND: f64 = 6.5;
/// Most value ticks on the vertical axis, so labels never crowd.
const MAX_Y_TICKS: u32 = 6;
/// Most year labels on the horizontal axis.
const MAX_YEAR_LABELS: i32 = 10;

/// A labelled position on an axis.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Tick {
    /// Coordinate along the axis.
    pub pos: f64,
    /// What the tick says.
    pub label: String,
}

/// Where a text goes.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Label {
    /// Anchor point, x.
    pub x: f64,
    /// Anchor point, y (the text's baseline).
    pub y: f64,
    /// SVG `text-anchor`: `start`, `middle` or `end`.
    pub anchor: &'static str,
}

/// A published member count, drawn as a diamond.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Mark {
    /// Centre, x.
    pub x: f64,
    /// Centre, y.
    pub y: f64,
    /// The diamond's outline.
    pub path: String,
    /// Where its value is written.
    pub label: Label,
}

/// Everything the template needs to draw the chart.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Chart {
    /// Left edge of the plot area.
    pub left: f64,
    /// Right edge of the plot area.
    pub right: f64,
    /// Top edge of the plot area.
    pub top: f64,
    /// The zero line.
    pub bottom: f64,
    /// Year boundaries (1 January), drawn as ticks on the time axis.
    pub x_ticks: Vec<f64>,
    /// Year labels along the time axis.
    pub x_labels: Vec<Tick>,
    /// Values on the count axis, with horizontal grid lines.
    pub y_ticks: Vec<Tick>,
    /// The step line of named members, if there are dated memberships.
    pub line: Option<String>,
    /// Where the line's last value is written.
    pub line_end: Option<Label>,
    /// Published counts, in the order given.
    pub marks: Vec<Mark>,
}

/// A dated count, the one input shape of the chart.
pub(crate) type Dated = (NaiveDate, u32);

/// Lays out a chart of the step line `points` (each the count from its day
/// on) and the published `figures`, from the first year with data to the end
/// of the year of `until` (today), so the line reaches the present it
/// describes. `None` when there is nothing to draw.
pub(crate) fn layout(points: &[Dated], figures: &[Dated], until: NaiveDate) -> Option<Chart> {
    let first = points.iter().chain(figures).map(|(d, _)| *d).min()?;
    let last = points.iter().chain(figures).map(|(d, _)| *d).max()?;
    let end_day = last.max(until);
    let time = TimeScale::new(first.year(), end_day.year() + 1);
    let top_value = points.iter().chain(figures).map(|(_, n)| *n).max()?;
    let (y_max, y_step) = nice_scale(top_value);
    let y = |n: u32| round(HEIGHT - BOTTOM - f64::from(n) / f64::from(y_max) * plot_height());

    let x_ticks = (time.first_year..=time.end_year)
        .map(|yr| time.x(year_start(yr)))
        .collect();
    let years = time.end_year - time.first_year;
    let every = [1, 2, 5, 10, 20, 50, 100]
        .into_iter()
        .find(|s| years / s <= MAX_YEAR_LABELS)
        .unwrap_or(100);
    let x_labels = if every == 1 {
        // One label per year, centred in its year: the span is the year.
        (time.first_year..time.end_year)
            .map(|yr| Tick {
                pos: round((time.x(year_start(yr)) + time.x(year_start(yr + 1))) / 2.0),
                label: yr.to_string(),
            })
            .collect()
    } else {
        (time.first_year..=time.end_year)
            .filter(|yr| (yr - time.first_year) % every == 0)
            .map(|yr| Tick {
                pos: time.x(year_start(yr)),
                label: yr.to_string(),
            })
            .collect()
    };
    let y_ticks = (0..=y_max / y_step)
        .map(|i| {
            let v = i * y_step;
            Tick {
                pos: y(v),
                label: v.to_string(),
            }
        })
        .collect();

    let mut sorted: Vec<Dated> = points.to_vec();
    sorted.sort_by_key(|(d, _)| *d);
    let (line, line_end) = match (sorted.first(), sorted.last()) {
        (Some((d0, n0)), Some((_, n_last))) => {
            let mut path = format!("M{} {}V{}", time.x(*d0), y(0), y(*n0));
            for (d, n) in sorted.iter().skip(1) {
                path.push_str(&format!("H{}V{}", time.x(*d), y(*n)));
            }
            let x_end = time.x(end_day);
            path.push_str(&format!("H{x_end}"));
            let end = Label {
                x: round(x_end + 5.0),
                y: round(y(*n_last) + 4.0),
                anchor: "start",
            };
            (Some(path), Some(end))
        }
        _ => (None, None),
    };

    let right = WIDTH - RIGHT;
    let marks = figures
        .iter()
        .map(|(d, n)| {
            let (cx, cy) = (time.x(*d), y(*n));
            let r = DIAMOND;
            let path = format!(
                "M{} {}L{} {}L{} {}L{} {}Z",
                cx,
                round(cy - r),
                round(cx + r),
                cy,
                cx,
                round(cy + r),
                round(cx - r),
                cy
            );
            // Labels can be long ("mehr als 30"): near an edge they grow
            // inwards instead of being cut off.
            let anchor = if cx > right - 60.0 {
                "end"
            } else if cx < LEFT + 60.0 {
                "start"
            } else {
                "middle"
            };
            let lx = match anchor {
                "end" => round(cx + r),
                "start" => round(cx - r),
                _ => cx,
            };
            Mark {
                x: cx,
                y: cy,
                path,
                label: Label {
                    x: lx,
                    y: round(cy - r - 5.0),
                    anchor,
                },
            }
        })
        .collect();

    Some(Chart {
        left: LEFT,
        right,
        top: TOP,
        bottom: HEIGHT - BOTTOM,
        x_ticks,
        x_labels,
        y_ticks,
        line,
        line_end,
        marks,
    })
}

fn plot_height() -> f64 {
    HEIGHT - TOP - BOTTOM
}

fn round(v: f64) -> f64 {
    (v * 10.0).round() / 10.0
}

fn year_start(year: i32) -> NaiveDate {
    NaiveDate::from_ymd_opt(year, 1, 1).unwrap_or(NaiveDate::MIN)
}

/// Maps days to x between the first day of `first_year` and the first day
/// of `end_year`.
struct TimeScale {
    first_year: i32,
    end_year: i32,
    start: NaiveDate,
    days: f64,
}

impl TimeScale {
    fn new(first_year: i32, end_year: i32) -> Self {
        let end_year = end_year.max(first_year + 1);
        let start = year_start(first_year);
        let days = (year_start(end_year) - start).num_days().max(1) as f64;
        TimeScale {
            first_year,
            end_year,
            start,
            days,
        }
    }

    fn x(&self, d: NaiveDate) -> f64 {
        let t = (d - self.start).num_days() as f64 / self.days;
        round(LEFT + t.clamp(0.0, 1.0) * (WIDTH - LEFT - RIGHT))
    }
}

/// The top of the count axis and the distance between its ticks: a step of
/// 1, 2 or 5 times a power of ten, the smallest that needs at most
/// [`MAX_Y_TICKS`] steps, so the labels are round numbers people read at a
/// glance.
pub(crate) fn nice_scale(max: u32) -> (u32, u32) {
    // Computed in u64: near u32::MAX the rounded-up top overflows u32.
    let max = u64::from(max.max(1));
    let clamp = |v: u64| u32::try_from(v).unwrap_or(u32::MAX);
    let mut magnitude: u64 = 1;
    // Ends at the latest when one step exceeds the maximum.
    while magnitude <= max * 10 {
        for m in [1, 2, 5] {
            let step = m * magnitude;
            let steps = max.div_ceil(step);
            if steps <= u64::from(MAX_Y_TICKS) {
                return (clamp(steps * step), clamp(step));
            }
        }
        magnitude *= 10;
    }
    (clamp(max), clamp(max))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn count_axis_uses_round_steps() {
        assert_eq!(nice_scale(0), (1, 1));
        assert_eq!(nice_scale(5), (5, 1));
        assert_eq!(nice_scale(7), (8, 2));
        assert_eq!(nice_scale(30), (30, 5));
        assert_eq!(nice_scale(31), (40, 10));
        assert_eq!(nice_scale(73), (80, 20));
        assert_eq!(nice_scale(500), (500, 100));
        assert_eq!(nice_scale(11_000), (12_000, 2_000));
        assert_eq!(nice_scale(u32::MAX).0, u32::MAX);
    }

    #[test]
    fn nothing_to_draw_is_none() {
        assert_eq!(layout(&[], &[], d("2026-11-26")), None);
    }

    #[test]
    fn step_line_rises_from_zero_and_reaches_today() {
        let points = [
            (d("2019-01-01"), 13),
            (d("2020-01-01"), 45),
            (d("2021-01-01"), 73),
        ];
        let c = layout(&points, &[], d("2026-11-26")).unwrap();
        // Years 2019..=2026 on the axis, ending at 1 January 2027.
        assert_eq!(c.x_ticks.len(), 9);
        assert_eq!(c.x_ticks[0], c.left);
        assert_eq!(*c.x_ticks.last().unwrap(), c.right);
        let labels: Vec<_> = c.x_labels.iter().map(|t| t.label.as_str()).collect();
        assert_eq!(
            labels,
            [
                "2019", "2020", "2021", "2022", "2023", "2024", "2025", "2026"
            ]
        );
        assert!(c.x_labels.windows(2).all(|w| w[0].pos < w[1].pos));
        // Count axis 0..80 by 20, zero at the bottom.
        let ys: Vec<_> = c.y_ticks.iter().map(|t| t.label.as_str()).collect();
        assert_eq!(ys, ["0", "20", "40", "60", "80"]);
        assert_eq!(c.y_ticks[0].pos, c.bottom);
        assert_eq!(c.y_ticks[4].pos, c.top);
        let line = c.line.unwrap();
        assert!(
            line.starts_with(&format!("M{} {}V", c.left, c.bottom)),
            "{line}"
        );
        assert_eq!(line.matches('H').count(), 3, "{line}");
        assert_eq!(line.matches('V').count(), 3, "{line}");
        let today = c.x_ticks[7] + (c.x_ticks[8] - c.x_ticks[7]) * (329.0 / 365.0);
        let end: f64 = line.rsplit('H').next().unwrap().parse().unwrap();
        assert!((end - today).abs() < 0.2, "{end} vs {today}");
        // 73 of 80 sits 73/80 of the way up.
        let y73 = c.bottom - 73.0 / 80.0 * (c.bottom - c.top);
        assert!(line.ends_with(&format!("V{}H{end}", round(y73))), "{line}");
        assert_eq!(c.line_end.unwrap().anchor, "start");
    }

    #[test]
    fn figures_become_diamonds_at_their_date_and_value() {
        let points = [(d("2019-04-01"), 5)];
        let figures = [(d("2021-09-01"), 29), (d("2024-11-01"), 30)];
        let c = layout(&points, &figures, d("2026-11-26")).unwrap();
        assert_eq!(c.marks.len(), 2);
        let (a, b) = (&c.marks[0], &c.marks[1]);
        assert!(a.x < b.x && a.y > b.y, "later and higher");
        assert_eq!(c.y_ticks.last().unwrap().label, "30");
        assert_eq!(b.y, c.top);
        assert!(a.path.starts_with('M') && a.path.ends_with('Z'));
        assert_eq!(a.path.matches('L').count(), 3);
        assert!(a.label.y < a.y, "label above the mark");
        // Every coordinate stays inside the drawing.
        for m in &c.marks {
            assert!(m.x > 0.0 && m.x < WIDTH && m.label.y > 0.0);
        }
    }

    #[test]
    fn marks_near_the_right_edge_label_inwards() {
        let c = layout(&[], &[(d("2024-12-01"), 30)], d("2024-12-01")).unwrap();
        assert_eq!(c.line, None);
        assert_eq!(c.line_end, None);
        assert_eq!(c.marks[0].label.anchor, "end");
        let c = layout(&[], &[(d("2020-01-01"), 3)], d("2029-01-01")).unwrap();
        assert_eq!(c.marks[0].label.anchor, "start");
    }

    #[test]
    fn long_spans_thin_out_year_labels() {
        let c = layout(&[(d("1990-06-01"), 2)], &[], d("2026-01-01")).unwrap();
        assert!(c.x_labels.len() <= MAX_YEAR_LABELS as usize + 1);
        assert_eq!(c.x_labels[0].label, "1990");
        assert_eq!(c.x_labels[1].label, "1995");
        assert_eq!(c.x_labels[0].pos, c.left);
    }

    #[test]
    fn data_after_today_still_fits() {
        let c = layout(&[(d("2030-01-01"), 4)], &[], d("2026-01-01")).unwrap();
        let line = c.line.unwrap();
        let end: f64 = line.rsplit('H').next().unwrap().parse().unwrap();
        assert!(end <= c.right);
    }
}
