//! What every page needs to know about the request it answers: the language,
//! whether the user chose it explicitly, and where the language switch leads.

use std::convert::Infallible;

use axum::extract::{FromRequestParts, OriginalUri};
use axum::http::header::ACCEPT_LANGUAGE;
use axum::http::request::Parts;
use chrono::{Datelike, NaiveDate, Weekday};
use fluent_bundle::{FluentArgs, FluentValue};
use knotenpunkt_app::domain::{OrgKind, PartialDate, Role, State};

use super::{assets, query};
use crate::auth::Viewer;
use crate::i18n::{self, Lang};

/// The request as the templates see it; cheap to build, infallible to
/// extract, so a page can always at least say what went wrong.
#[derive(Debug, Clone)]
pub(crate) struct Ctx {
    lang: Lang,
    /// `?lang=` was given: links carry it on, or the choice would be lost
    /// on the next click.
    explicit: bool,
    path: String,
    switch_href: String,
    /// The signed-in person's name, for the header.
    user: Option<String>,
    /// Whether the signed-in person may administer the platform, for the
    /// header's link to it.
    platform_admin: bool,
    /// The session's form token, for every form that changes something.
    csrf: Option<String>,
}

impl<S: Send + Sync> FromRequestParts<S> for Ctx {
    type Rejection = Infallible;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        let uri = parts
            .extensions
            .get::<OriginalUri>()
            .map(|o| o.0.clone())
            .unwrap_or_else(|| parts.uri.clone());
        let accept = parts
            .headers
            .get(ACCEPT_LANGUAGE)
            .and_then(|v| v.to_str().ok());
        let mut ctx = Ctx::new(uri.path(), uri.query().unwrap_or(""), accept);
        if let Some(v) = parts.extensions.get::<Viewer>() {
            ctx.user = v.person.as_ref().map(|p| p.name.clone());
            ctx.platform_admin = v.platform_admin;
            ctx.csrf = v.csrf.clone();
        }
        Ok(ctx)
    }
}

impl Ctx {
    /// Builds the context from the parts of a request.
    pub(crate) fn new(path: &str, raw_query: &str, accept_language: Option<&str>) -> Ctx {
        let pairs = query::parse(raw_query);
        let chosen = pairs
            .iter()
            .filter(|(k, _)| k == "lang")
            .find_map(|(_, v)| Lang::from_code(v));
        let lang = chosen.unwrap_or_else(|| Lang::negotiate(accept_language));
        // The switch keeps every other parameter (filters, page) and names
        // the other language explicitly.
        let other = lang.other();
        let kept: Vec<(&str, &str)> = pairs
            .iter()
            .filter(|(k, _)| k != "lang")
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .chain([("lang", other.code())])
            .collect();
        Ctx {
            lang,
            explicit: chosen.is_some(),
            path: path.to_owned(),
            switch_href: query::url(path, &kept),
            user: None,
            platform_admin: false,
            csrf: None,
        }
    }

    /// The signed-in person's name.
    pub(crate) fn user(&self) -> Option<&str> {
        self.user.as_deref()
    }

    /// Whether the header links to the platform administration.
    pub(crate) fn platform_admin(&self) -> bool {
        self.platform_admin
    }

    /// The session's form token; forms put it in a hidden `csrf` field.
    pub(crate) fn csrf(&self) -> &str {
        self.csrf.as_deref().unwrap_or("")
    }

    /// The current path, for "back here after signing in".
    pub(crate) fn path(&self) -> &str {
        &self.path
    }

    /// The page's language, for `<html lang>` and `Content-Language`.
    pub(crate) fn lang_code(&self) -> &'static str {
        self.lang.code()
    }

    /// The language the switch link leads to.
    pub(crate) fn other_lang_code(&self) -> &'static str {
        self.lang.other().code()
    }

    /// The current page in the other language.
    pub(crate) fn switch_href(&self) -> &str {
        &self.switch_href
    }

    /// The address of the stylesheet, versioned by its content.
    pub(crate) fn stylesheet(&self) -> &'static str {
        assets::stylesheet_href()
    }

    /// The `aria-current` value of the header's navigation entry for
    /// `section`: `page` on the section's own page, `true` on a page below
    /// it, none elsewhere.
    pub(crate) fn nav_current(&self, section: &str) -> Option<&'static str> {
        if self.path == section {
            Some("page")
        } else if self.path.starts_with(&format!("{section}/")) {
            Some("true")
        } else {
            None
        }
    }

    /// Whether the catalogue has message `id`, for texts chosen by a code
    /// that may be unknown (an audit entry written by a newer version).
    pub(crate) fn has(&self, id: &str) -> bool {
        i18n::has(self.lang, id)
    }

    /// Message `id` without arguments.
    pub(crate) fn t(&self, id: &str) -> String {
        i18n::text(self.lang, id, None)
    }

    /// Message `id` with one argument.
    pub(crate) fn t1(&self, id: &str, key: &str, value: impl Arg) -> String {
        let mut args = FluentArgs::new();
        args.set(key.to_owned(), value.value());
        i18n::text(self.lang, id, Some(&args))
    }

    /// Message `id` with two arguments.
    pub(crate) fn t2(&self, id: &str, k1: &str, v1: impl Arg, k2: &str, v2: impl Arg) -> String {
        let mut args = FluentArgs::new();
        args.set(k1.to_owned(), v1.value());
        args.set(k2.to_owned(), v2.value());
        i18n::text(self.lang, id, Some(&args))
    }

    /// Message `id` with any number of arguments.
    pub(crate) fn tn(&self, id: &str, args: &[(&str, &dyn Arg)]) -> String {
        let mut a = FluentArgs::new();
        for (k, v) in args {
            a.set((*k).to_owned(), v.value());
        }
        i18n::text(self.lang, id, Some(&a))
    }

    /// A day as lists show it: "26.11.2026" in German, "26 November 2026"
    /// in English.
    pub(crate) fn day(&self, d: NaiveDate) -> String {
        let month_name = self.t(&format!("month-{}", d.month()));
        self.tn(
            "date-numeric",
            &[
                ("day", &d.day().to_string()),
                ("day2", &format!("{:02}", d.day())),
                ("month2", &format!("{:02}", d.month())),
                ("monthname", &month_name),
                ("year", &d.year().to_string()),
            ],
        )
    }

    /// A day with its weekday: "Do., 26.11.2026".
    pub(crate) fn weekday_day(&self, d: NaiveDate) -> String {
        self.tn(
            "meeting-day",
            &[
                ("weekday", &self.weekday_short(d.weekday())),
                ("date", &self.day(d)),
            ],
        )
    }

    /// A weekday's short name ("Do.", "Thu").
    pub(crate) fn weekday_short(&self, w: Weekday) -> String {
        self.t(&format!("weekday-short-{}", w.number_from_monday()))
    }

    /// A link to `path` on this site that keeps an explicit language choice.
    pub(crate) fn href(&self, path: &str) -> String {
        if self.explicit {
            query::url(path, &[("lang", self.lang.code())])
        } else {
            path.to_owned()
        }
    }

    /// The hidden form field that carries an explicit language choice.
    pub(crate) fn lang_param(&self) -> Option<&'static str> {
        self.explicit.then(|| self.lang.code())
    }

    /// A state's name.
    pub(crate) fn state_name(&self, s: &State) -> String {
        self.t(&format!("state-{}", s.code()))
    }

    /// A kind's name.
    pub(crate) fn kind_name(&self, k: &OrgKind) -> String {
        self.t(&format!("kind-{}", k.code()))
    }

    /// A field of action's name (`topic-mobility`); an unknown code as it is.
    pub(crate) fn topic_name(&self, code: &str) -> String {
        self.known(&format!("topic-{code}"), code)
    }

    /// A project status's name.
    pub(crate) fn status_name(&self, code: &str) -> String {
        self.known(&format!("project-status-{code}"), code)
    }

    /// An outcome's name.
    pub(crate) fn outcome_name(&self, code: &str) -> String {
        self.known(&format!("outcome-{code}"), code)
    }

    fn known(&self, id: &str, fallback: &str) -> String {
        if self.has(id) {
            self.t(id)
        } else {
            fallback.to_owned()
        }
    }

    /// A role's name.
    pub(crate) fn role_name(&self, r: &Role) -> String {
        self.t(&format!("role-{}", r.code()))
    }

    /// A date in words, to exactly the precision it has ("2020",
    /// "April 2019", "15. April 2019").
    pub(crate) fn date(&self, d: &PartialDate) -> String {
        let iso = d.to_string();
        let mut parts = iso.split('-');
        let year = parts.next().unwrap_or_default().to_owned();
        let month = parts.next().and_then(|m| m.parse::<u32>().ok());
        let day = parts.next().and_then(|m| m.parse::<u32>().ok());
        let Some(month) = month else {
            return year;
        };
        let month_name = self.t(&format!("month-{month}"));
        let mut args = FluentArgs::new();
        args.set("month", month_name);
        args.set("year", year);
        match day {
            Some(day) => {
                args.set("day", day.to_string());
                i18n::text(self.lang, "date-day", Some(&args))
            }
            None => i18n::text(self.lang, "date-month", Some(&args)),
        }
    }

    /// A whole number with the language's thousands separator.
    pub(crate) fn number(&self, n: &u64) -> String {
        let sep = match self.lang {
            Lang::De => '.',
            Lang::En => ',',
        };
        let digits = n.to_string();
        let mut out = String::with_capacity(digits.len() + digits.len() / 3);
        for (i, c) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i).is_multiple_of(3) {
                out.push(sep);
            }
            out.push(c);
        }
        out
    }
}

/// A value a message can take as argument. Templates hand over values
/// behind any number of references, so this is implemented through them.
pub(crate) trait Arg {
    /// The value for Fluent.
    fn value(&self) -> FluentValue<'static>;
}

impl<T: Arg + ?Sized> Arg for &T {
    fn value(&self) -> FluentValue<'static> {
        (**self).value()
    }
}

macro_rules! number_arg {
    ($($t:ty)+) => {$(
        impl Arg for $t {
            fn value(&self) -> FluentValue<'static> {
                FluentValue::from(*self)
            }
        }
    )+};
}
number_arg!(u32 u64 usize i32);

impl Arg for str {
    fn value(&self) -> FluentValue<'static> {
        FluentValue::from(self.to_owned())
    }
}

impl Arg for String {
    fn value(&self) -> FluentValue<'static> {
        FluentValue::from(self.clone())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn explicit_language_wins_and_is_carried_on() {
        let c = Ctx::new("/organisationen", "state=RP&lang=en", Some("de"));
        assert_eq!(c.lang_code(), "en");
        assert_eq!(c.href("/netzwerke"), "/netzwerke?lang=en");
        assert_eq!(c.switch_href(), "/organisationen?state=RP&lang=de");
        assert_eq!(c.lang_param(), Some("en"));
    }

    #[test]
    fn browser_language_is_used_without_touching_links() {
        let c = Ctx::new("/", "", Some("en-GB,en;q=0.8"));
        assert_eq!(c.lang_code(), "en");
        assert_eq!(c.href("/netzwerke"), "/netzwerke");
        assert_eq!(c.switch_href(), "/?lang=de");
        assert_eq!(c.lang_param(), None);
        let c = Ctx::new("/", "lang=xx", None);
        assert_eq!(c.lang_code(), "de");
        assert_eq!(c.href("/"), "/");
    }

    #[test]
    fn dates_keep_their_precision() {
        let de = Ctx::new("/", "", None);
        let en = Ctx::new("/", "lang=en", None);
        let d = |s: &str| s.parse::<PartialDate>().unwrap();
        assert_eq!(de.date(&d("2020")), "2020");
        assert_eq!(de.date(&d("2019-04")), "April 2019");
        assert_eq!(de.date(&d("2021-03")), "März 2021");
        assert_eq!(de.date(&d("2019-07-15")), "15. Juli 2019");
        assert_eq!(en.date(&d("2019-07-15")), "15 July 2019");
    }

    #[test]
    fn days_carry_their_weekday() {
        let de = Ctx::new("/", "", None);
        let en = Ctx::new("/", "lang=en", None);
        let d = NaiveDate::from_ymd_opt(2026, 11, 26).unwrap();
        assert_eq!(de.weekday_day(d), "Do., 26.11.2026");
        assert_eq!(en.weekday_day(d), "Thu, 26 November 2026");
        let d = NaiveDate::from_ymd_opt(2025, 5, 2).unwrap();
        assert_eq!(de.day(d), "02.05.2025");
        assert_eq!(en.weekday_short(d.weekday()), "Fri");
    }

    #[test]
    fn numbers_are_grouped() {
        let de = Ctx::new("/", "", None);
        let en = Ctx::new("/", "lang=en", None);
        assert_eq!(de.number(&0), "0");
        assert_eq!(de.number(&999), "999");
        assert_eq!(de.number(&99_845), "99.845");
        assert_eq!(en.number(&1_234_567), "1,234,567");
    }

    #[test]
    fn sections_match_their_subpages_only() {
        let c = Ctx::new("/netzwerke/ikone-ds", "", None);
        assert_eq!(c.nav_current("/netzwerke"), Some("true"));
        assert_eq!(c.nav_current("/organisationen"), None);
        let c = Ctx::new("/netzwerke", "", None);
        assert_eq!(c.nav_current("/netzwerke"), Some("page"));
        let c = Ctx::new("/netzwerkeX", "", None);
        assert_eq!(c.nav_current("/netzwerke"), None);
    }
}
