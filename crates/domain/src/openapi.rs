//! Schemas of the values that parse from one string (`Slug`, `PartialDate`,
//! `Ags`, `Email`, `Visibility`), for the web crate's OpenAPI document.
//!
//! Each pattern accepts exactly what the value's `FromStr` accepts, because
//! a client generated from the document must not send a value the server
//! then refuses, nor be told a value is wrong that the server takes. A
//! derive cannot say this: the rules are written here once, beside the
//! parsers they describe.

use utoipa::openapi::RefOr;
use utoipa::openapi::schema::{ArrayBuilder, ObjectBuilder, Schema, SchemaType, Type};

/// A string schema with a pattern and a length limit.
pub(crate) fn string(
    pattern: &str,
    max_length: Option<usize>,
    description: &str,
    example: &str,
) -> RefOr<Schema> {
    ObjectBuilder::new()
        .schema_type(Type::String)
        .pattern(Some(pattern))
        .max_length(max_length)
        .description(Some(description))
        .examples([example])
        .into()
}

/// `Organization::population`: any `u64`, which is more than `int64` (the
/// format utoipa gives it) allows, and said in its own words because a
/// `schema_with` replaces the field's doc comment.
pub(crate) fn population() -> RefOr<Schema> {
    ObjectBuilder::new()
        .schema_type(SchemaType::from_iter([Type::Integer, Type::Null]))
        .minimum(Some(0))
        .maximum(Some(u64::MAX))
        .description(Some(
            "Inhabitants, where known. Kept up to 9223372036854775807; a larger number is stored as that.",
        ))
        .into()
}

/// `Series::agenda_template`: up to [`crate::MAX_AGENDA_ITEMS`] items of
/// 1–500 characters; said in its own words for the same reason as above.
pub(crate) fn agenda_template() -> RefOr<Schema> {
    ArrayBuilder::new()
        .items(
            ObjectBuilder::new()
                .schema_type(Type::String)
                .min_length(Some(1))
                .max_length(Some(crate::limits::MAX_AGENDA_TEXT)),
        )
        .max_items(Some(crate::MAX_AGENDA_ITEMS))
        .description(Some(
            "Agenda every meeting starts with, e.g. \"Vorstellung der Gastgeberstadt\"; items must not be blank.",
        ))
        .into()
}

/// [`crate::Slug`]: lowercase letters, digits and single inner hyphens.
pub(crate) const SLUG: &str = "^[a-z0-9]+(-[a-z0-9]+)*$";

/// [`crate::PartialDate`]: a year from 1800 to 2200, optionally a month,
/// optionally a day that exists in that month (29 February in leap years only).
pub(crate) const PARTIAL_DATE: &str = concat!(
    "^(?:",
    // a year, or a year and a month
    "(?:18[0-9]{2}|19[0-9]{2}|2[01][0-9]{2}|2200)(?:-(?:0[1-9]|1[0-2]))?",
    // days 1–28 of every month
    "|(?:18[0-9]{2}|19[0-9]{2}|2[01][0-9]{2}|2200)-(?:0[1-9]|1[0-2])-(?:0[1-9]|1[0-9]|2[0-8])",
    // the 29th and 30th of every month but February
    "|(?:18[0-9]{2}|19[0-9]{2}|2[01][0-9]{2}|2200)-(?:0[13-9]|1[0-2])-(?:29|30)",
    // the 31st of the long months
    "|(?:18[0-9]{2}|19[0-9]{2}|2[01][0-9]{2}|2200)-(?:0[13578]|1[02])-31",
    // 29 February of the leap years (1800, 1900, 2100 and 2200 are none)
    "|(?:(?:18|19|20|21)(?:0[48]|[2468][048]|[13579][26])|2000)-02-29",
    ")$"
);

/// [`crate::Ags`]: eight digits, the first two a state's prefix (01–16).
pub(crate) const AGS: &str = "^(?:0[1-9]|1[0-6])[0-9]{6}$";

/// What Rust's `char::is_whitespace` calls white space (Unicode White_Space),
/// spelled out because `\s` means something else in each regex dialect.
macro_rules! white_space {
    () => {
        r"\t\n\u000B\f\r \u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000"
    };
}

/// What `char::is_control` calls a control character (category Cc).
macro_rules! control {
    () => {
        r"\u0000-\u001F\u007F-\u009F"
    };
}

/// [`crate::Email`]: optional surrounding white space, then one `@` with
/// something before it and a dotted domain after it that neither starts nor
/// ends with a dot; no white space or control characters inside.
pub(crate) const EMAIL: &str = concat!(
    "^[",
    white_space!(),
    "]*[^@",
    white_space!(),
    control!(),
    "]+@[^@.",
    white_space!(),
    control!(),
    "][^@",
    white_space!(),
    control!(),
    r"]*\.[^@",
    white_space!(),
    control!(),
    "]*[^@.",
    white_space!(),
    control!(),
    "][",
    white_space!(),
    "]*$"
);

/// [`crate::Visibility`]: `public`, `network` or `group:` and a slug.
pub(crate) const VISIBILITY: &str = "^(?:public|network|group:[a-z0-9]+(-[a-z0-9]+)*)$";

/// Implements utoipa's schema traits for a type with a hand-written schema.
macro_rules! schema {
    ($ty:ty, $schema:expr) => {
        impl utoipa::PartialSchema for $ty {
            fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
                $schema
            }
        }

        impl utoipa::ToSchema for $ty {}
    };
}
pub(crate) use schema;

#[cfg(test)]
mod tests {
    use proptest::prelude::*;
    use proptest::string::string_regex;

    use crate::{Ags, Email, PartialDate, Slug, Visibility};

    /// Strings the pattern describes, all of which the parser must take.
    fn described(pattern: &str) -> impl Strategy<Value = String> {
        // The generator wants the pattern without its anchors.
        let inner = pattern.trim_start_matches('^').trim_end_matches('$');
        string_regex(inner).unwrap_or_else(|e| panic!("{pattern}: {e}"))
    }

    proptest! {
        #[test]
        fn what_the_patterns_describe_parses(
            slug in described(super::SLUG),
            date in described(super::PARTIAL_DATE),
            ags in described(super::AGS),
            email in described(super::EMAIL),
            visibility in described(super::VISIBILITY),
        ) {
            // Lengths are a separate keyword of the schema.
            if slug.len() <= crate::limits::MAX_SLUG_LEN {
                prop_assert!(slug.parse::<Slug>().is_ok(), "{slug}");
            }
            prop_assert!(date.parse::<PartialDate>().is_ok(), "{date}");
            prop_assert!(ags.parse::<Ags>().is_ok(), "{ags}");
            if email.len() <= 254 {
                prop_assert!(email.parse::<Email>().is_ok(), "{email:?}");
            }
            if visibility.len() <= 6 + crate::limits::MAX_SLUG_LEN {
                prop_assert!(visibility.parse::<Visibility>().is_ok(), "{visibility}");
            }
        }
    }
}
