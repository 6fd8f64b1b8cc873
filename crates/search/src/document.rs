//! What the index holds: one [`Document`] per thing a reader can find.

use std::fmt;
use std::hash::{Hash, Hasher};
use std::str::FromStr;

/// The kinds of things the search finds. The string forms are the `kind`
/// values of the API and the facet.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Kind {
    Organization,
    Network,
    Project,
    Experience,
    Series,
    Agenda,
    Minutes,
}

impl Kind {
    pub const ALL: [Kind; 7] = [
        Kind::Organization,
        Kind::Network,
        Kind::Project,
        Kind::Experience,
        Kind::Series,
        Kind::Agenda,
        Kind::Minutes,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Organization => "organization",
            Kind::Network => "network",
            Kind::Project => "project",
            Kind::Experience => "experience",
            Kind::Series => "series",
            Kind::Agenda => "agenda",
            Kind::Minutes => "minutes",
        }
    }
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// An unknown kind name.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "unknown kind {0:?}; known: organization, network, project, experience, series, agenda, minutes"
)]
pub struct UnknownKind(pub String);

impl FromStr for Kind {
    type Err = UnknownKind;

    fn from_str(s: &str) -> Result<Kind, UnknownKind> {
        Kind::ALL
            .into_iter()
            .find(|kind| kind.as_str() == s)
            .ok_or_else(|| UnknownKind(s.to_owned()))
    }
}

/// The language a text is written in, which decides its analyzer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Lang {
    #[default]
    De,
    En,
}

impl Lang {
    pub fn as_str(self) -> &'static str {
        match self {
            Lang::De => "de",
            Lang::En => "en",
        }
    }
}

/// The word for "everyone may see this" in [`Document::audience`].
pub const PUBLIC: &str = "public";

/// One findable thing. The index stores what a hit shows (title, address,
/// text for the snippet) and what filters and facets need; the database
/// stays the truth, this is derived from it.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Document {
    /// Unique in the index, stable across rebuilds (e.g. `experience:42`).
    pub key: String,
    pub kind: Kind,
    pub lang: Lang,
    pub title: String,
    /// Plain text (no markup): what is searched and what snippets come from.
    pub text: String,
    /// Where the hit leads, relative to the site.
    pub url: String,
    /// Who may see it: [`PUBLIC`], or audience keys such as `network:ikone-ds`
    /// and `group:ag-mobilitaet`. A reader finds a document when they hold
    /// one of its keys. Empty: only readers who see everything.
    pub audience: Vec<String>,
    /// Fields of action (facet `topic`).
    pub topics: Vec<String>,
    /// States, as ISO 3166-2 codes (facet `state`).
    pub states: Vec<String>,
    /// Outcome of an experience (facet `outcome`).
    pub outcome: Option<String>,
    /// Networks it belongs to (facet `network`).
    pub networks: Vec<String>,
    /// The organisations it is by or about: "who to ask" groups hits by them,
    /// "similar projects" leaves out the source's own.
    pub organizations: Vec<String>,
}

impl Document {
    /// A digest of everything the index stores of the document, so a
    /// follower can tell a changed document from an unchanged one without
    /// re-indexing it. (std's hasher may change between Rust releases; then
    /// every document is re-indexed once, which is harmless.)
    pub fn digest(&self) -> u64 {
        let mut hasher = std::collections::hash_map::DefaultHasher::new();
        self.hash(&mut hasher);
        hasher.finish()
    }

    /// A document of `kind` with a key, title and text, visible to everyone,
    /// in German; the other fields are empty until set.
    pub fn new(
        kind: Kind,
        key: impl Into<String>,
        title: impl Into<String>,
        text: impl Into<String>,
    ) -> Document {
        Document {
            key: key.into(),
            kind,
            lang: Lang::De,
            title: title.into(),
            text: text.into(),
            url: String::new(),
            audience: vec![PUBLIC.to_owned()],
            topics: Vec::new(),
            states: Vec::new(),
            outcome: None,
            networks: Vec::new(),
            organizations: Vec::new(),
        }
    }
}
