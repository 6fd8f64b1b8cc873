//! Reading one field of a form: each reader returns the value when it is
//! good and otherwise notes the field's problem, so a form's reader can
//! name every bad field at once. The limits are the directory's own
//! ([`knotenpunkt_app::domain::limits`]): a form never refuses what the
//! directory would keep.

use knotenpunkt_app::domain::limits::{MAX_NAME, MAX_TEXT, MAX_URL};
use knotenpunkt_app::domain::{PartialDate, Slug};

use super::data::FormData;
use super::problem::{Problem, Problems};
use crate::pages::ctx::Ctx;

/// The most lines a field of one-a-line entries takes (published figures, a
/// cooperation's parts): far more than any network publishes or any
/// cooperation has, and a bound on the lookups one form causes.
pub(crate) const MAX_LINES: usize = 200;

/// The problem of a choice outside the offered ones.
pub(crate) fn choose(ctx: &Ctx) -> Problem {
    Problem::new(ctx.t("manage-error-choose"))
}

/// An optional text field: `None` when left empty.
pub(crate) fn optional(value: String) -> Option<String> {
    (!value.is_empty()).then_some(value)
}

/// A required text field.
pub(crate) fn required(
    ctx: &Ctx,
    problems: &mut Problems,
    field: &str,
    value: &str,
) -> Option<String> {
    if value.is_empty() {
        problems.push((
            field.to_owned(),
            Problem::new(ctx.t("manage-error-required")),
        ));
        None
    } else {
        Some(value.to_owned())
    }
}

/// A limit on a text field's length.
pub(crate) fn too_long(ctx: &Ctx, problems: &mut Problems, field: &str, v: &str, max: usize) {
    if v.chars().count() > max {
        problems.push((
            field.to_owned(),
            Problem::new(ctx.t1("manage-error-too-long", "max", max)),
        ));
    }
}

/// A required name (`field`) within the directory's limit for names.
pub(crate) fn name(
    ctx: &Ctx,
    problems: &mut Problems,
    f: &FormData,
    field: &str,
) -> Option<String> {
    let n = required(ctx, problems, field, &f.get(field))?;
    too_long(ctx, problems, field, &n, MAX_NAME);
    Some(n)
}

/// An optional longer text within the directory's limit for texts.
pub(crate) fn text(
    ctx: &Ctx,
    problems: &mut Problems,
    f: &FormData,
    field: &str,
) -> Option<String> {
    let v = optional(f.get(field))?;
    too_long(ctx, problems, field, &v, MAX_TEXT);
    Some(v)
}

/// A required slug: as given, or derived from `name` when left empty.
pub(crate) fn slug_field(
    ctx: &Ctx,
    problems: &mut Problems,
    field: &str,
    given: &str,
    name: &str,
) -> Option<Slug> {
    let derived = if given.is_empty() {
        Slug::from_name(name)
    } else {
        None
    };
    match (given.parse::<Slug>(), derived) {
        (_, Some(s)) => Some(s),
        (Ok(s), None) => Some(s),
        (Err(_), None) => {
            let id = if given.is_empty() {
                "manage-error-slug-missing"
            } else {
                "manage-error-slug"
            };
            problems.push((field.to_owned(), Problem::new(ctx.t(id))));
            None
        }
    }
}

/// An optional slug naming something that exists elsewhere (a coordinator).
pub(crate) fn optional_slug(
    ctx: &Ctx,
    problems: &mut Problems,
    field: &str,
    v: String,
) -> Option<Slug> {
    let v = optional(v)?;
    match v.parse::<Slug>() {
        Ok(s) => Some(s),
        Err(_) => {
            problems.push((field.to_owned(), Problem::new(ctx.t("manage-error-slug"))));
            None
        }
    }
}

/// An optional web address; the directory checks the rest.
pub(crate) fn website(ctx: &Ctx, problems: &mut Problems, v: String) -> Option<String> {
    let v = optional(v)?;
    if !(v.starts_with("https://") || v.starts_with("http://")) || v.len() > MAX_URL {
        problems.push((
            "website".into(),
            Problem::new(ctx.t("profile-error-website")),
        ));
    }
    Some(v)
}

/// An optional date known to a year, month or day.
pub(crate) fn partial_date(
    ctx: &Ctx,
    problems: &mut Problems,
    field: &str,
    value: &str,
) -> Option<PartialDate> {
    if value.is_empty() {
        return None;
    }
    match value.parse::<PartialDate>() {
        Ok(d) => Some(d),
        Err(_) => {
            problems.push((
                field.to_owned(),
                Problem::new(ctx.t("manage-error-partial-date")),
            ));
            None
        }
    }
}

/// An optional number of inhabitants.
pub(crate) fn population(ctx: &Ctx, problems: &mut Problems, value: &str) -> Option<u64> {
    if value.is_empty() {
        return None;
    }
    match value.parse::<u64>() {
        Ok(n) => Some(n),
        Err(_) => {
            problems.push((
                "population".into(),
                Problem::new(ctx.t("profile-error-population")),
            ));
            None
        }
    }
}

/// Refuses a text of more than [`MAX_LINES`] filled lines.
pub(crate) fn within_lines(ctx: &Ctx, text: &str) -> Result<(), Problem> {
    if text.lines().filter(|l| !l.trim().is_empty()).count() > MAX_LINES {
        return Err(Problem::new(ctx.t1(
            "profile-error-too-many-lines",
            "max",
            MAX_LINES,
        )));
    }
    Ok(())
}
