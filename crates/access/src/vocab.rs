//! The small closed vocabularies the policy talks in: roles, visibility and
//! credential scope, each with one text form shared by `Display`, `FromStr`
//! and serde, so the database, the API and the policy cannot disagree on
//! spelling.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

/// Why a text could not be read as one of this crate's vocabularies.
///
/// The messages name the offending text and what would have been accepted,
/// because they end up in import reports and API error bodies.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ParseError {
    /// Not one of `guest`, `partner`, `member`, `coordinator`.
    #[error("unknown network role '{0}'; expected one of guest, partner, member, coordinator")]
    Role(String),
    /// Not one of `read`, `write`.
    #[error("unknown scope '{0}'; expected read or write")]
    Scope(String),
    /// Neither `public`, `network` nor `group:<slug>`.
    #[error("unknown visibility '{0}'; expected public, network or group:<slug>")]
    Visibility(String),
    /// `group:` followed by something that is not a slug.
    #[error("visibility '{text}': the group {reason}")]
    GroupSlug {
        /// The whole text that was given.
        text: String,
        /// What is wrong with the part after `group:`.
        reason: String,
    },
}

/// A person's standing in one network. Ordered: `Guest < Partner < Member <
/// Coordinator`.
///
/// The order matters: the policy is written as "at least Partner" and the
/// property tests check that raising someone's role never takes a right
/// away, so a new role has to be placed in this order deliberately.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum NetworkRole {
    /// Invited into the network: sees the network itself, public items and
    /// the groups they are named in, but not network-only items.
    Guest,
    /// Works with the network without being a member; sees network items and
    /// may contribute.
    Partner,
    /// A person of a member organisation; may also say when their own
    /// organisation cannot host.
    Member,
    /// Runs the network: manages it, records meetings, sees every group.
    Coordinator,
}

impl NetworkRole {
    /// Every role, lowest first.
    pub const ALL: [NetworkRole; 4] = [
        NetworkRole::Guest,
        NetworkRole::Partner,
        NetworkRole::Member,
        NetworkRole::Coordinator,
    ];

    /// The code used in the database, the API and URLs.
    pub fn code(self) -> &'static str {
        match self {
            NetworkRole::Guest => "guest",
            NetworkRole::Partner => "partner",
            NetworkRole::Member => "member",
            NetworkRole::Coordinator => "coordinator",
        }
    }
}

impl FromStr for NetworkRole {
    type Err = ParseError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        NetworkRole::ALL
            .into_iter()
            .find(|r| r.code() == s)
            .ok_or_else(|| ParseError::Role(s.to_owned()))
    }
}

impl fmt::Display for NetworkRole {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// What a credential allows.
///
/// A browser session or a write token acts with everything the person may
/// do; a read token (for feeds, dashboards, scripts) only reads. Scope
/// narrows a person's rights, it never widens them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Scope {
    /// Only [`Action::See`](crate::Action::See) and
    /// [`Action::SeeNetwork`](crate::Action::SeeNetwork).
    Read,
    /// Everything the person may do.
    Write,
}

impl Scope {
    /// The code stored with a token.
    pub fn code(self) -> &'static str {
        match self {
            Scope::Read => "read",
            Scope::Write => "write",
        }
    }
}

impl FromStr for Scope {
    type Err = ParseError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "read" => Ok(Scope::Read),
            "write" => Ok(Scope::Write),
            other => Err(ParseError::Scope(other.to_owned())),
        }
    }
}

impl fmt::Display for Scope {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// Who may see an item: everyone, the people of the item's network, or a
/// named group inside that network.
///
/// The text form is `public`, `network` or `group:<slug>`; it is what the
/// database, import files and the API carry, and serde uses it too. The
/// grammar (and the slug rule: `a-z`, `0-9` and single inner `-`, at most
/// 80 characters) is the same as the domain crate's, so a stored value
/// reads the same wherever it is parsed; this crate keeps its own copy
/// because it must not depend on other Knotenpunkt crates.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub enum Visibility {
    /// Everyone, without signing in.
    Public,
    /// Partners, members and coordinators of the owning network.
    Network,
    /// The people named in this group of the owning network, and the
    /// network's coordinators.
    Group(String),
}

/// The longest group slug accepted, matching the domain crate's slugs.
pub const MAX_SLUG_LEN: usize = 80;

/// Why `s` is not a slug, if it is not one.
fn slug_problem(s: &str) -> Option<String> {
    if s.is_empty() {
        return Some("must not be empty".to_owned());
    }
    if s.len() > MAX_SLUG_LEN {
        return Some(format!(
            "is {} characters long, at most {MAX_SLUG_LEN} are allowed",
            s.len()
        ));
    }
    if let Some(bad) = s
        .chars()
        .find(|c| !(c.is_ascii_lowercase() || c.is_ascii_digit() || *c == '-'))
    {
        return Some(format!(
            "'{s}' contains '{bad}'; only lowercase letters a-z, digits and '-' are allowed"
        ));
    }
    if s.starts_with('-') || s.ends_with('-') || s.contains("--") {
        return Some(format!(
            "'{s}' must not start or end with '-' or contain '--'"
        ));
    }
    None
}

impl FromStr for Visibility {
    type Err = ParseError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "public" => Ok(Visibility::Public),
            "network" => Ok(Visibility::Network),
            other => {
                let Some(group) = other.strip_prefix("group:") else {
                    return Err(ParseError::Visibility(other.to_owned()));
                };
                match slug_problem(group) {
                    None => Ok(Visibility::Group(group.to_owned())),
                    Some(reason) => Err(ParseError::GroupSlug {
                        text: other.to_owned(),
                        reason,
                    }),
                }
            }
        }
    }
}

impl TryFrom<String> for Visibility {
    type Error = ParseError;

    fn try_from(s: String) -> Result<Self, Self::Error> {
        s.parse()
    }
}

impl From<Visibility> for String {
    fn from(v: Visibility) -> String {
        v.to_string()
    }
}

impl fmt::Display for Visibility {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Visibility::Public => f.write_str("public"),
            Visibility::Network => f.write_str("network"),
            Visibility::Group(g) => write!(f, "group:{g}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles_are_ordered_lowest_first() {
        assert!(NetworkRole::Guest < NetworkRole::Partner);
        assert!(NetworkRole::Partner < NetworkRole::Member);
        assert!(NetworkRole::Member < NetworkRole::Coordinator);
        assert!(NetworkRole::ALL.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn role_text_form() {
        for role in NetworkRole::ALL {
            assert_eq!(role.to_string().parse::<NetworkRole>(), Ok(role));
        }
        assert_eq!("member".parse::<NetworkRole>(), Ok(NetworkRole::Member));
        assert_eq!(
            "Member".parse::<NetworkRole>(),
            Err(ParseError::Role("Member".into()))
        );
        assert_eq!(
            "admin".parse::<NetworkRole>().unwrap_err().to_string(),
            "unknown network role 'admin'; expected one of guest, partner, member, coordinator"
        );
    }

    #[test]
    fn scope_text_form() {
        assert_eq!("read".parse::<Scope>(), Ok(Scope::Read));
        assert_eq!("write".parse::<Scope>(), Ok(Scope::Write));
        assert_eq!(Scope::Read.to_string(), "read");
        assert_eq!("rw".parse::<Scope>(), Err(ParseError::Scope("rw".into())));
    }

    #[test]
    fn visibility_text_form() {
        assert_eq!("public".parse::<Visibility>(), Ok(Visibility::Public));
        assert_eq!("network".parse::<Visibility>(), Ok(Visibility::Network));
        assert_eq!(
            "group:lenkungskreis".parse::<Visibility>(),
            Ok(Visibility::Group("lenkungskreis".into()))
        );
        assert_eq!(
            Visibility::Group("ag-digital-2".into()).to_string(),
            "group:ag-digital-2"
        );
    }

    #[test]
    fn visibility_errors_say_what_is_wrong() {
        assert_eq!(
            "Public".parse::<Visibility>().unwrap_err().to_string(),
            "unknown visibility 'Public'; expected public, network or group:<slug>"
        );
        assert_eq!(
            "group".parse::<Visibility>(),
            Err(ParseError::Visibility("group".into()))
        );
        assert_eq!(
            "group:".parse::<Visibility>().unwrap_err().to_string(),
            "visibility 'group:': the group must not be empty"
        );
        assert_eq!(
            "group:AG Digital"
                .parse::<Visibility>()
                .unwrap_err()
                .to_string(),
            "visibility 'group:AG Digital': the group 'AG Digital' contains 'A'; \
             only lowercase letters a-z, digits and '-' are allowed"
        );
        assert!(matches!(
            "group:-x".parse::<Visibility>(),
            Err(ParseError::GroupSlug { .. })
        ));
        assert!(matches!(
            "group:a--b".parse::<Visibility>(),
            Err(ParseError::GroupSlug { .. })
        ));
        assert!(matches!(
            format!("group:{}", "a".repeat(MAX_SLUG_LEN + 1)).parse::<Visibility>(),
            Err(ParseError::GroupSlug { .. })
        ));
        assert!(
            format!("group:{}", "a".repeat(MAX_SLUG_LEN))
                .parse::<Visibility>()
                .is_ok()
        );
    }
}
