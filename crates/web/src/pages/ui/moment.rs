//! A moment in a list: when an audit entry was written, an invitation sent.

use crate::pages::ctx::Ctx;

/// A date and time for lists: "03.05.2026, 14:05" in Berlin time, with the
/// moment for `<time datetime>`.
pub(crate) fn moment(ctx: &Ctx, at: i64) -> (String, String) {
    match knotenpunkt_app::berlin_time(at) {
        Some(t) => (
            t.to_rfc3339(),
            format!("{}, {}", ctx.day(t.date_naive()), t.format("%H:%M")),
        ),
        None => (String::new(), ctx.t("unknown")),
    }
}
