//! A series' rule in words, as the calendar engine says it.

use knotenpunkt_app::domain::Series;
use knotenpunkt_calendar::{Language, Recurrence, parse_local_datetime, parse_time_zone};

use crate::pages::ctx::Ctx;

/// The rule in the page's language ("am letzten Donnerstag jedes Monats"),
/// for the shapes the engine puts into words; `None` for any other rule,
/// and the page shows it as written.
pub(crate) fn rhythm(ctx: &Ctx, s: &Series) -> Option<String> {
    let start = parse_local_datetime("start", &s.start).ok()?;
    let tz = parse_time_zone(&s.time_zone).ok()?;
    let language = match ctx.lang_code() {
        "en" => Language::English,
        _ => Language::German,
    };
    Recurrence::parse(&s.rule, start, tz)
        .ok()?
        .describe(language)
}
