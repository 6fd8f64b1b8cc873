use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::limits::MAX_SLUG_LEN;

/// A URL-safe, human-readable key (`kaiserslautern`, `ikone-ds`).
///
/// Slugs are the identifiers the outside world uses in URLs, the API and
/// import files; numeric row ids never leave the store, so an export can be
/// imported into another database and still mean the same thing.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Slug(String);

#[cfg(feature = "openapi")]
crate::openapi::schema!(
    Slug,
    crate::openapi::string(
        crate::openapi::SLUG,
        Some(MAX_SLUG_LEN),
        "A key: lowercase letters a–z, digits and single hyphens between them, at most 80 characters.",
        "kaiserslautern",
    )
);

impl Slug {
    /// The slug as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Derives a slug from a display name: German umlauts are transliterated
    /// (ä → ae, ß → ss) the way German URLs usually spell them.
    pub fn from_name(name: &str) -> Option<Slug> {
        let mut out = String::with_capacity(name.len());
        for c in name.chars().flat_map(char::to_lowercase) {
            match c {
                'a'..='z' | '0'..='9' => out.push(c),
                'ä' => out.push_str("ae"),
                'ö' => out.push_str("oe"),
                'ü' => out.push_str("ue"),
                'ß' => out.push_str("ss"),
                'é' | 'è' | 'ê' => out.push('e'),
                _ => {
                    if !out.is_empty() && !out.ends_with('-') {
                        out.push('-');
                    }
                }
            }
        }
        while out.ends_with('-') {
            out.pop();
        }
        out.truncate(MAX_SLUG_LEN);
        while out.ends_with('-') {
            out.pop();
        }
        Slug::from_str(&out).ok()
    }
}

impl FromStr for Slug {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        if s.is_empty() {
            return Err("must not be empty".into());
        }
        if s.len() > MAX_SLUG_LEN {
            return Err(format!(
                "is {} characters long, at most {MAX_SLUG_LEN} are allowed",
                s.len()
            ));
        }
        if let Some(bad) = s
            .chars()
            .find(|c| !matches!(c, 'a'..='z' | '0'..='9' | '-'))
        {
            return Err(format!(
                "'{s}' contains '{bad}'; only lowercase letters a–z, digits and '-' are allowed"
            ));
        }
        if s.starts_with('-') || s.ends_with('-') || s.contains("--") {
            return Err(format!(
                "'{s}' must not start or end with '-' or contain '--'"
            ));
        }
        Ok(Slug(s.to_owned()))
    }
}

impl TryFrom<String> for Slug {
    type Error = String;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        value.parse()
    }
}

impl From<Slug> for String {
    fn from(s: Slug) -> String {
        s.0
    }
}

impl fmt::Display for Slug {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_become_slugs() {
        assert_eq!(Slug::from_name("Haßfurt").unwrap().as_str(), "hassfurt");
        assert_eq!(
            Slug::from_name("Halle (Saale)").unwrap().as_str(),
            "halle-saale"
        );
        assert_eq!(Slug::from_name("Zwönitz").unwrap().as_str(), "zwoenitz");
        assert_eq!(
            Slug::from_name("Kempten (Allgäu)").unwrap().as_str(),
            "kempten-allgaeu"
        );
        assert!(Slug::from_name("!!!").is_none());
    }

    #[test]
    fn bad_slugs_are_rejected_with_reason() {
        assert!("Ulm".parse::<Slug>().unwrap_err().contains("'U'"));
        assert!("-ulm".parse::<Slug>().is_err());
        assert!("a--b".parse::<Slug>().is_err());
        assert!("".parse::<Slug>().is_err());
        assert!("a".repeat(81).parse::<Slug>().is_err());
        assert!("bad-kreuznach".parse::<Slug>().is_ok());
    }

    proptest::proptest! {
        #[test]
        fn from_name_always_yields_a_valid_slug(name in "\\PC{0,100}") {
            if let Some(slug) = Slug::from_name(&name) {
                proptest::prop_assert!(slug.as_str().parse::<Slug>().is_ok());
            }
        }
    }
}
