//! The message catalogues of the pages, chosen per request.
//!
//! Every sentence a person reads on a page comes from `locales/<lang>.ftl`
//! (Project Fluent), so a translation is a new file, not a code change. The
//! catalogues are compiled into the binary: a server never fails to start
//! because a file next to it went missing.

use std::sync::LazyLock;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource};
use unic_langid::LanguageIdentifier;

/// A language the user interface is available in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Lang {
    /// German, complete, and the default.
    De,
    /// English.
    En,
}

impl Lang {
    /// Every language, the default first.
    pub(crate) const ALL: [Lang; 2] = [Lang::De, Lang::En];

    /// The BCP 47 tag, as used in `lang` attributes and `?lang=`.
    pub(crate) fn code(self) -> &'static str {
        match self {
            Lang::De => "de",
            Lang::En => "en",
        }
    }

    /// Reads a `?lang=` value; anything unknown is `None`, so a stray
    /// parameter falls back to the browser's wish instead of failing.
    pub(crate) fn from_code(code: &str) -> Option<Lang> {
        let primary = code.split(['-', '_']).next().unwrap_or("");
        Lang::ALL
            .into_iter()
            .find(|l| l.code().eq_ignore_ascii_case(primary))
    }

    /// Picks the language from an `Accept-Language` header: the supported
    /// language with the highest weight, German when nothing fits.
    pub(crate) fn negotiate(accept_language: Option<&str>) -> Lang {
        let Some(header) = accept_language else {
            return Lang::De;
        };
        let mut best: Option<(f32, Lang)> = None;
        for item in header.split(',') {
            let mut parts = item.split(';');
            let tag = parts.next().unwrap_or("").trim();
            let q = parts
                .find_map(|p| p.trim().strip_prefix("q="))
                .map(|q| q.trim().parse::<f32>().unwrap_or(0.0))
                .unwrap_or(1.0);
            let Some(lang) = Lang::from_code(tag) else {
                continue;
            };
            // Strictly greater: among equal weights the first listed wins.
            if q > 0.0 && best.is_none_or(|(bq, _)| q > bq) {
                best = Some((q, lang));
            }
        }
        best.map(|(_, l)| l).unwrap_or(Lang::De)
    }

    /// The other language, for the switch link in the header.
    pub(crate) fn other(self) -> Lang {
        match self {
            Lang::De => Lang::En,
            Lang::En => Lang::De,
        }
    }

    /// Whether this language's own catalogue has message `id` (without
    /// the fallback to German), for tests of coverage.
    #[cfg(test)]
    pub(crate) fn has_own(self, id: &str) -> bool {
        self.bundle().has_message(id)
    }

    fn bundle(self) -> &'static FluentBundle<FluentResource> {
        match self {
            Lang::De => &DE,
            Lang::En => &EN,
        }
    }
}

const DE_FTL: &str = include_str!("../locales/de.ftl");
const EN_FTL: &str = include_str!("../locales/en.ftl");

static DE: LazyLock<FluentBundle<FluentResource>> = LazyLock::new(|| bundle("de", DE_FTL));
static EN: LazyLock<FluentBundle<FluentResource>> = LazyLock::new(|| bundle("en", EN_FTL));

/// Builds a bundle. A syntax error must not take the site down, so it is
/// logged and the rest of the file is used; the unit tests below make sure
/// the shipped catalogues have none.
fn bundle(tag: &str, source: &str) -> FluentBundle<FluentResource> {
    let langid: LanguageIdentifier = tag.parse().unwrap_or_default();
    let resource = match FluentResource::try_new(source.to_owned()) {
        Ok(r) => r,
        Err((r, errors)) => {
            tracing::error!(lang = tag, ?errors, "message catalogue has syntax errors");
            r
        }
    };
    let mut bundle = FluentBundle::new_concurrent(vec![langid]);
    // Fluent wraps arguments in Unicode isolation marks for mixed-direction
    // text. Both languages here run left to right, and the invisible marks
    // would end up inside HTML attributes and copied text.
    bundle.set_use_isolating(false);
    if let Err(errors) = bundle.add_resource(resource) {
        tracing::error!(
            lang = tag,
            ?errors,
            "message catalogue has duplicate entries"
        );
    }
    bundle
}

/// Whether message `id` is in `lang`'s catalogue (or, as [`text`] falls
/// back to it, the German one).
pub(crate) fn has(lang: Lang, id: &str) -> bool {
    lang.bundle().has_message(id) || Lang::De.bundle().has_message(id)
}

/// The text of message `id` in `lang`. A message missing in English falls
/// back to German; one missing everywhere shows its id (and is logged), so a
/// gap in a catalogue degrades a page instead of breaking it.
pub(crate) fn text(lang: Lang, id: &str, args: Option<&FluentArgs<'_>>) -> String {
    for l in [lang, Lang::De] {
        let bundle = l.bundle();
        if let Some(pattern) = bundle.get_message(id).and_then(|m| m.value()) {
            let mut errors = Vec::new();
            let out = bundle.format_pattern(pattern, args, &mut errors);
            if !errors.is_empty() {
                tracing::warn!(
                    lang = l.code(),
                    id,
                    ?errors,
                    "message formatted with errors"
                );
            }
            return out.into_owned();
        }
    }
    tracing::warn!(lang = lang.code(), id, "message missing from the catalogue");
    id.to_owned()
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use fluent_bundle::FluentResource;
    use knotenpunkt_app::domain::{LoungeMix, LoungeSeating, LoungeVideo, OrgKind, Role, State};

    use super::*;

    /// The message ids of a catalogue, after checking it parses cleanly.
    /// A message starts at the beginning of a line with its id; comments
    /// start with `#` and continuation lines with a space.
    fn ids(source: &str) -> BTreeSet<String> {
        if let Err((_, e)) = FluentResource::try_new(source.to_owned()) {
            panic!("catalogue does not parse: {e:?}");
        }
        source
            .lines()
            .filter(|l| l.starts_with(|c: char| c.is_ascii_alphabetic()))
            .filter_map(|l| l.split_once('=').map(|(id, _)| id.trim().to_owned()))
            .collect()
    }

    #[test]
    fn catalogues_parse_and_cover_the_same_messages() {
        let de = ids(DE_FTL);
        let en = ids(EN_FTL);
        assert!(de.len() > 50, "German catalogue looks truncated");
        let only_de: Vec<_> = de.difference(&en).collect();
        let only_en: Vec<_> = en.difference(&de).collect();
        assert!(only_de.is_empty(), "missing in en.ftl: {only_de:?}");
        assert!(only_en.is_empty(), "missing in de.ftl: {only_en:?}");
    }

    #[test]
    fn every_vocabulary_value_has_a_name_in_both_languages() {
        let mut wanted: Vec<String> = State::ALL
            .iter()
            .map(|s| format!("state-{}", s.code()))
            .collect();
        wanted.extend(OrgKind::ALL.iter().map(|k| format!("kind-{}", k.code())));
        wanted.extend(Role::ALL.iter().map(|r| format!("role-{}", r.code())));
        wanted.extend((1..=12).map(|m| format!("month-{m}")));
        wanted.extend(
            LoungeMix::ALL
                .iter()
                .map(|x| format!("lounge-mix-{}", x.code())),
        );
        wanted.extend(
            LoungeSeating::ALL
                .iter()
                .map(|x| format!("lounge-seating-{}", x.code())),
        );
        wanted.extend(
            LoungeVideo::ALL
                .iter()
                .map(|x| format!("lounge-video-{}", x.code())),
        );
        for lang in Lang::ALL {
            for id in &wanted {
                assert!(
                    lang.bundle().has_message(id),
                    "{id} missing in {}",
                    lang.code()
                );
            }
        }
        assert_eq!(text(Lang::De, "state-RP", None), "Rheinland-Pfalz");
        assert_eq!(text(Lang::En, "state-RP", None), "Rhineland-Palatinate");
    }

    #[test]
    fn plurals_and_arguments_are_resolved() {
        let mut args = FluentArgs::new();
        args.set("count", 1);
        assert_eq!(text(Lang::De, "members-count", Some(&args)), "1 Mitglied");
        args.set("count", 13);
        assert_eq!(
            text(Lang::De, "members-count", Some(&args)),
            "13 Mitglieder"
        );
        assert_eq!(text(Lang::En, "members-count", Some(&args)), "13 members");
    }

    #[test]
    fn missing_messages_degrade_to_their_id() {
        assert_eq!(text(Lang::En, "no-such-message", None), "no-such-message");
    }

    #[test]
    fn accept_language_is_negotiated() {
        assert_eq!(Lang::negotiate(None), Lang::De);
        assert_eq!(Lang::negotiate(Some("en-US,en;q=0.9")), Lang::En);
        assert_eq!(Lang::negotiate(Some("fr, en;q=0.5, de;q=0.8")), Lang::De);
        assert_eq!(Lang::negotiate(Some("fr, en;q=0.5")), Lang::En);
        assert_eq!(Lang::negotiate(Some("fr")), Lang::De);
        assert_eq!(Lang::negotiate(Some("en;q=0")), Lang::De);
        assert_eq!(Lang::negotiate(Some("de-AT;q=0.7, en-GB;q=0.7")), Lang::De);
        assert_eq!(Lang::negotiate(Some(";;;,,q=x")), Lang::De);
        assert_eq!(Lang::from_code("EN"), Some(Lang::En));
        assert_eq!(Lang::from_code("fr"), None);
    }
}
