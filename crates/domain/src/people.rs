//! People: who signs in, which organisation they speak for, how to reach them.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::limits::{MAX_EMAIL_LEN, MAX_NAME, MAX_PHONE_LEN};
use crate::{FieldError, Invalid, Language, Slug};

/// An e-mail address, trimmed and lower-cased, because people type their
/// address with different capitalisation on different days and must still
/// find their one account.
///
/// The check is deliberately shallow (one `@`, something on each side, a dot
/// in the domain, no spaces): the only real test of an address is the mail
/// that reaches it, which is why accounts start with an invitation.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Email(String);

#[cfg(feature = "openapi")]
crate::openapi::schema!(
    Email,
    crate::openapi::string(
        crate::openapi::EMAIL,
        Some(MAX_EMAIL_LEN),
        "An e-mail address; compared and answered lower-cased, without surrounding spaces.",
        "digital@kaiserslautern.de",
    )
);

impl Email {
    /// The address as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl FromStr for Email {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let s = s.trim().to_lowercase();
        if s.is_empty() {
            return Err("an e-mail address is required".into());
        }
        if s.len() > MAX_EMAIL_LEN {
            return Err(format!(
                "an e-mail address has at most {MAX_EMAIL_LEN} characters"
            ));
        }
        if s.chars().any(|c| c.is_whitespace() || c.is_control()) {
            return Err(format!("'{s}' contains a space"));
        }
        let Some((local, domain)) = s.split_once('@') else {
            return Err(format!("'{s}' has no @"));
        };
        if local.is_empty() || domain.contains('@') {
            return Err(format!("'{s}' is not an e-mail address"));
        }
        if !domain.contains('.') || domain.starts_with('.') || domain.ends_with('.') {
            return Err(format!("'{s}': the part after @ is not a domain"));
        }
        Ok(Email(s))
    }
}

impl TryFrom<String> for Email {
    type Error = String;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        s.parse()
    }
}

impl From<Email> for String {
    fn from(e: Email) -> String {
        e.0
    }
}

impl fmt::Display for Email {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// What is needed to create a person (by invitation or by the CLI).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct NewPerson {
    /// Full name as shown to other members.
    pub name: String,
    /// Where invitations, resets and notices go; unique.
    pub email: Email,
    /// The organisation the person speaks for.
    #[serde(default)]
    pub organization: Option<Slug>,
    /// Phone number, as the person writes it.
    #[serde(default)]
    pub phone: Option<String>,
    /// Job title or function ("Digitalisierungsbeauftragte").
    #[serde(default)]
    pub function: Option<String>,
    /// Language of mail and pages.
    #[serde(default)]
    pub language: Language,
}

impl NewPerson {
    /// Checks the free-text fields, naming each one that is wrong.
    pub fn validate(&self) -> Result<(), Invalid> {
        let mut errors = Vec::new();
        check_text(&mut errors, "name", Some(&self.name), MAX_NAME, true);
        check_text(
            &mut errors,
            "phone",
            self.phone.as_deref(),
            MAX_PHONE_LEN,
            false,
        );
        if let Some(p) = &self.phone
            && !p
                .chars()
                .all(|c| c.is_ascii_digit() || " +-/()".contains(c))
        {
            errors.push(FieldError::new(
                "phone",
                "only digits, spaces and + - / ( ) are allowed",
            ));
        }
        check_text(
            &mut errors,
            "function",
            self.function.as_deref(),
            MAX_NAME,
            false,
        );
        Invalid::check(errors)
    }
}

fn check_text(
    errors: &mut Vec<FieldError>,
    field: &str,
    value: Option<&str>,
    max: usize,
    required: bool,
) {
    match value.map(str::trim) {
        None | Some("") if required => errors.push(FieldError::new(field, "must not be empty")),
        Some(v) if v.chars().count() > max => {
            errors.push(FieldError::new(field, format!("at most {max} characters")))
        }
        Some(v) if v.chars().any(char::is_control) => errors.push(FieldError::new(
            field,
            "must not contain control characters",
        )),
        _ => {}
    }
}

/// A person known to the platform.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Person {
    /// Row id; persons have no slug because names are not unique.
    pub id: i64,
    /// Full name.
    pub name: String,
    /// Unique address.
    pub email: Email,
    /// The organisation the person speaks for.
    pub organization: Option<Slug>,
    /// Phone number.
    pub phone: Option<String>,
    /// Job title or function.
    pub function: Option<String>,
    /// Language of mail and pages.
    pub language: Language,
    /// Platform administrator.
    pub admin: bool,
    /// Has set a password (accepted the invitation).
    pub active: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emails_are_normalised_and_checked() {
        let e: Email = "  Digital@Kaiserslautern.DE ".parse().unwrap_or_else(|e| {
            unreachable!("{e}");
        });
        assert_eq!(e.as_str(), "digital@kaiserslautern.de");
        for bad in ["", "no-at", "a@b", "a b@c.de", "@c.de", "a@@c.de", "a@.de"] {
            assert!(bad.parse::<Email>().is_err(), "{bad} accepted");
        }
    }

    #[test]
    fn person_fields_are_checked() {
        let p = NewPerson {
            name: " ".into(),
            email: "a@b.de"
                .parse()
                .unwrap_or_else(|e: String| unreachable!("{e}")),
            organization: None,
            phone: Some("call me".into()),
            function: None,
            language: Language::De,
        };
        let err = p.validate().err().map(|e| e.0).unwrap_or_default();
        let fields: Vec<_> = err.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["name", "phone"]);
    }
}
