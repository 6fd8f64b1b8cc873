//! The knowledge exchange: projects of an organisation and the experiences
//! (lessons learned) its people share, with the comments and follow-up
//! questions of other members.
//!
//! Both carry a place like every readable item: an optional owning network
//! and a [`Visibility`]. A project description is usually public; an
//! experience of something that failed is often shared with the network
//! only, and the platform's one visibility rule then holds for it
//! everywhere.

use serde::{Deserialize, Serialize};

use crate::entities::{check_name, check_no_nul, check_text, check_url};
use crate::limits::{MAX_CONTACTS, MAX_LINKS, MAX_NAME, MAX_TEXT};
use crate::{
    Email, FieldError, FieldOfAction, Invalid, Language, Outcome, PartialDate, ProjectStatus, Slug,
    Visibility,
};

fn public() -> Visibility {
    Visibility::Public
}

fn running() -> ProjectStatus {
    ProjectStatus::Running
}

fn open() -> Outcome {
    Outcome::Open
}

/// A person of the organisation who agreed to be named as a contact.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct Contact {
    /// Name as the person wants it shown.
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 200))]
    pub name: String,
    /// What they do in the project, e.g. "Projektleitung".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(max_length = 200))]
    pub role: Option<String>,
    /// Where to reach them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<Email>,
}

/// A project of an organisation, or of a cooperation with its partners.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct Project {
    /// Key in URLs and files; derived from the title when a new project
    /// comes without one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub slug: Option<Slug>,
    /// The organisation whose project it is.
    pub organization: Slug,
    /// Other organisations taking part.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(feature = "openapi", schema(value_type = BTreeSet<Slug>))]
    pub partners: Vec<Slug>,
    /// The network a `network` or group visibility refers to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub network: Option<Slug>,
    /// Title, e.g. "Smart City Living Lab".
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 200))]
    pub title: String,
    /// What the project does, in a few paragraphs (the safe Markdown
    /// subset). `text` is accepted for it too, as the API's other bodies
    /// call their long text.
    #[serde(alias = "text")]
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 20000))]
    pub summary: String,
    /// Fields of action; at least one.
    #[cfg_attr(feature = "openapi", schema(value_type = BTreeSet<FieldOfAction>, min_items = 1))]
    pub topics: Vec<FieldOfAction>,
    /// Where it stands.
    #[serde(default = "running")]
    pub status: ProjectStatus,
    /// When it began (`2020`, `2020-04` or a date).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub started: Option<PartialDate>,
    /// When it ended or is planned to end.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ended: Option<PartialDate>,
    /// The funding programme, e.g. "Modellprojekte Smart Cities".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(max_length = 200))]
    pub funding: Option<String>,
    /// Contact people who agreed to be named.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(feature = "openapi", schema(max_items = 10))]
    pub contacts: Vec<Contact>,
    /// Web pages about the project.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(feature = "openapi", schema(max_items = 10))]
    pub links: Vec<String>,
    /// Where the facts come from, for descriptions taken from public sources.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(max_length = 20000))]
    pub source: Option<String>,
    /// Who may see it.
    #[serde(default = "public")]
    pub visibility: Visibility,
}

/// An experience (Erfahrungsbericht): what an organisation tried, how it
/// went and what it would do differently.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct Experience {
    /// The organisation that made the experience.
    pub organization: Slug,
    /// The project it belongs to, if any (a project of the same organisation
    /// or one it is a partner of).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub project: Option<Slug>,
    /// The network a `network` or group visibility refers to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub network: Option<Slug>,
    /// Title, e.g. "Parksensoren: was wir gelernt haben".
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 200))]
    pub title: String,
    /// The report (the safe Markdown subset).
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 20000))]
    pub text: String,
    /// How it turned out.
    #[serde(default = "open")]
    pub outcome: Outcome,
    /// What we would do differently.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(max_length = 20000))]
    pub differently: Option<String>,
    /// Fields of action; at least one.
    #[cfg_attr(feature = "openapi", schema(value_type = BTreeSet<FieldOfAction>, min_items = 1))]
    pub topics: Vec<FieldOfAction>,
    /// The language it is written in; the search analyses it as such.
    #[serde(default)]
    pub lang: Language,
    /// Who may see it.
    #[serde(default = "public")]
    pub visibility: Visibility,
}

fn check_required_text(errors: &mut Vec<FieldError>, field: &str, value: &str) {
    if value.trim().is_empty() {
        errors.push(FieldError::new(field, "must not be empty"));
    } else {
        check_text(errors, field, Some(value));
    }
}

fn check_topics(errors: &mut Vec<FieldError>, topics: &[FieldOfAction]) {
    if topics.is_empty() {
        errors.push(FieldError::new(
            "topics",
            "name at least one field of action",
        ));
    }
    let mut seen = topics.to_vec();
    seen.sort();
    seen.dedup();
    if seen.len() != topics.len() {
        errors.push(FieldError::new("topics", "lists a field of action twice"));
    }
}

/// A `network` or group visibility means nothing without the network it
/// refers to.
fn check_place(errors: &mut Vec<FieldError>, network: Option<&Slug>, visibility: &Visibility) {
    if network.is_none() && *visibility != Visibility::Public {
        errors.push(FieldError::new(
            "network",
            format!("name the network that visibility '{visibility}' refers to"),
        ));
    }
}

fn check_short(errors: &mut Vec<FieldError>, field: &str, value: Option<&str>) {
    if let Some(v) = value {
        if v.chars().count() > MAX_NAME {
            errors.push(FieldError::new(
                field,
                format!("must be at most {MAX_NAME} characters long"),
            ));
        } else {
            check_no_nul(errors, field, v);
        }
    }
}

impl Project {
    /// Checks the rules that involve more than one field.
    pub fn validate(&self) -> Result<(), Invalid> {
        let mut e = Vec::new();
        check_name(&mut e, "title", &self.title);
        check_required_text(&mut e, "summary", &self.summary);
        check_topics(&mut e, &self.topics);
        check_place(&mut e, self.network.as_ref(), &self.visibility);
        check_short(&mut e, "funding", self.funding.as_deref());
        check_text(&mut e, "source", self.source.as_deref());
        if let (Some(from), Some(to)) = (&self.started, &self.ended)
            && to.surely_before(from)
        {
            e.push(FieldError::new("ended", "must not be before 'started'"));
        }
        if self.partners.contains(&self.organization) {
            e.push(FieldError::new(
                "partners",
                "the project's own organisation is no partner of it",
            ));
        }
        let mut partners = self.partners.clone();
        partners.sort();
        partners.dedup();
        if partners.len() != self.partners.len() {
            e.push(FieldError::new("partners", "lists an organisation twice"));
        }
        if self.contacts.len() > MAX_CONTACTS {
            e.push(FieldError::new(
                "contacts",
                format!("at most {MAX_CONTACTS} contact people"),
            ));
        }
        for (i, c) in self.contacts.iter().enumerate() {
            check_name(&mut e, &format!("contacts[{i}].name"), &c.name);
            check_short(&mut e, &format!("contacts[{i}].role"), c.role.as_deref());
        }
        if self.links.len() > MAX_LINKS {
            e.push(FieldError::new(
                "links",
                format!("at most {MAX_LINKS} links"),
            ));
        }
        for (i, l) in self.links.iter().enumerate() {
            check_url(&mut e, &format!("links[{i}]"), Some(l));
        }
        Invalid::check(e)
    }
}

impl Experience {
    /// Checks the rules that involve more than one field.
    pub fn validate(&self) -> Result<(), Invalid> {
        let mut e = Vec::new();
        check_name(&mut e, "title", &self.title);
        check_required_text(&mut e, "text", &self.text);
        check_text(&mut e, "differently", self.differently.as_deref());
        check_topics(&mut e, &self.topics);
        check_place(&mut e, self.network.as_ref(), &self.visibility);
        Invalid::check(e)
    }
}

/// Checks a comment's text: not empty, not longer than a long text.
pub fn check_comment(text: &str) -> Result<(), Invalid> {
    let mut e = Vec::new();
    if text.trim().is_empty() {
        e.push(FieldError::new("text", "must not be empty"));
    } else if text.chars().count() > MAX_TEXT {
        e.push(FieldError::new(
            "text",
            format!("must be at most {MAX_TEXT} characters long"),
        ));
    } else {
        check_no_nul(&mut e, "text", text);
    }
    Invalid::check(e)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    fn experience() -> Experience {
        serde_json::from_str(
            r#"{"organization": "musterstadt", "network": "kommunal-digital", "title": "Parksensoren",
                "text": "Was wir gelernt haben.", "outcome": "failed", "topics": ["mobility"],
                "visibility": "network", "lang": "de"}"#,
        )
        .unwrap()
    }

    #[test]
    fn the_issues_body_reads_as_an_experience() {
        let e = experience();
        assert_eq!(e.outcome, Outcome::Failed);
        assert_eq!(e.visibility, Visibility::Network);
        assert!(e.validate().is_ok());
    }

    #[test]
    fn a_network_visibility_needs_its_network() {
        let mut e = experience();
        e.network = None;
        let err = e.validate().unwrap_err();
        assert_eq!(err.0[0].field, "network");
    }

    #[test]
    fn topics_are_required_and_unique() {
        let mut e = experience();
        e.topics.clear();
        assert_eq!(e.validate().unwrap_err().0[0].field, "topics");
        e.topics = vec![FieldOfAction::Mobility, FieldOfAction::Mobility];
        assert_eq!(e.validate().unwrap_err().0[0].field, "topics");
    }

    #[test]
    fn a_project_names_bad_links_and_dates_by_field() {
        let p: Project = serde_json::from_str(
            r#"{"organization": "musterstadt", "title": "Living Lab", "text": "Ein Labor.",
                "topics": ["data-infrastructure"], "started": "2021", "ended": "2020",
                "links": ["ftp://x"], "partners": ["musterstadt"]}"#,
        )
        .unwrap();
        let fields: Vec<String> = p
            .validate()
            .unwrap_err()
            .0
            .into_iter()
            .map(|e| e.field)
            .collect();
        assert_eq!(fields, ["ended", "partners", "links[0]"]);
    }
}
