//! The directory's entities. They refer to each other by [`Slug`], never by
//! row id, so the same JSON serves the API, import and export.

use serde::{Deserialize, Serialize};

use crate::{Ags, FieldError, Invalid, OrgKind, PartialDate, Role, Slug, State, Visibility};

use crate::limits::{MAX_NAME, MAX_TEXT, MAX_URL, MAX_YEAR, MIN_YEAR};

pub(crate) fn check_name(errors: &mut Vec<FieldError>, field: &str, value: &str) {
    if value.trim().is_empty() {
        errors.push(FieldError::new(field, "must not be empty"));
    } else if value.chars().count() > MAX_NAME {
        errors.push(FieldError::new(
            field,
            format!("must be at most {MAX_NAME} characters long"),
        ));
    } else if value.trim() != value {
        errors.push(FieldError::new(field, "must not start or end with spaces"));
    } else if value.chars().any(char::is_control) {
        errors.push(FieldError::new(
            field,
            "must not contain control characters",
        ));
    }
}

/// The NUL character: no text of ours has a use for it, and PostgreSQL
/// refuses to store it, so it is turned away with the other input errors
/// instead of failing the write.
pub(crate) fn check_no_nul(errors: &mut Vec<FieldError>, field: &str, value: &str) {
    if value.contains('\0') {
        errors.push(FieldError::new(field, "must not contain the NUL character"));
    }
}

pub(crate) fn check_text(errors: &mut Vec<FieldError>, field: &str, value: Option<&str>) {
    if let Some(v) = value {
        if v.chars().count() > MAX_TEXT {
            errors.push(FieldError::new(
                field,
                format!("must be at most {MAX_TEXT} characters long"),
            ));
        } else {
            check_no_nul(errors, field, v);
        }
    }
}

pub(crate) fn check_url(errors: &mut Vec<FieldError>, field: &str, value: Option<&str>) {
    if let Some(url) = value {
        let rest = url
            .strip_prefix("https://")
            .or_else(|| url.strip_prefix("http://"));
        match rest {
            Some(host)
                if !host.is_empty()
                    && !url.contains(|c: char| c.is_whitespace() || c.is_control())
                    && url.len() <= MAX_URL => {}
            _ => errors.push(FieldError::new(
                field,
                format!("'{url}' is not a web address starting with https:// or http://"),
            )),
        }
    }
}

/// A city, county, cooperation, research institute, company or region.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct Organization {
    /// Key in URLs and files.
    pub slug: Slug,
    /// Display name, e.g. "Landkreis Wunsiedel i. Fichtelgebirge".
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 200))]
    pub name: String,
    /// What sort of organisation this is.
    pub kind: OrgKind,
    /// The states it lies in; more than one only for cooperations and regions.
    #[cfg_attr(feature = "openapi", schema(value_type = BTreeSet<State>, min_items = 1))]
    pub states: Vec<State>,
    /// Official municipality key, where known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ags: Option<Ags>,
    /// Inhabitants, where known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(schema_with = crate::openapi::population))]
    pub population: Option<u64>,
    /// Home page.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(max_length = 500, pattern = "^https?://."))]
    pub website: Option<String>,
    /// For a cooperation: the organisations it consists of.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(feature = "openapi", schema(value_type = BTreeSet<Slug>))]
    pub parts: Vec<Slug>,
    /// Where the facts about this entry come from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(max_length = 20000))]
    pub source: Option<String>,
}

impl Organization {
    /// Checks the rules that involve more than one field.
    pub fn validate(&self) -> Result<(), Invalid> {
        let mut e = Vec::new();
        check_name(&mut e, "name", &self.name);
        if self.states.is_empty() {
            e.push(FieldError::new("states", "name at least one state"));
        }
        let mut seen = self.states.clone();
        seen.sort();
        seen.dedup();
        if seen.len() != self.states.len() {
            e.push(FieldError::new("states", "lists a state twice"));
        }
        if self.states.len() > 1 && !matches!(self.kind, OrgKind::Cooperation | OrgKind::Region) {
            e.push(FieldError::new(
                "states",
                format!(
                    "only a cooperation or a region can span several states, not a '{}'",
                    self.kind
                ),
            ));
        }
        if let Some(ags) = &self.ags
            && let Some(st) = ags.state()
            && !self.states.contains(&st)
        {
            e.push(FieldError::new(
                "ags",
                format!(
                    "'{ags}' belongs to {}, which is not among the states",
                    st.code()
                ),
            ));
        }
        if !self.parts.is_empty() && self.kind != OrgKind::Cooperation {
            e.push(FieldError::new(
                "parts",
                "only a cooperation consists of parts",
            ));
        }
        if self.parts.contains(&self.slug) {
            e.push(FieldError::new(
                "parts",
                "a cooperation cannot contain itself",
            ));
        }
        let mut parts = self.parts.clone();
        parts.sort();
        parts.dedup();
        if parts.len() != self.parts.len() {
            e.push(FieldError::new("parts", "lists a part twice"));
        }
        check_url(&mut e, "website", self.website.as_deref());
        check_text(&mut e, "source", self.source.as_deref());
        Invalid::check(e)
    }
}

/// How a published member count is to be read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum FigureQualifier {
    /// Exactly this many.
    #[default]
    Exact,
    /// "More than n", as press releases like to say.
    MoreThan,
}

impl FigureQualifier {
    /// The code used in files and the database.
    pub fn code(self) -> &'static str {
        match self {
            FigureQualifier::Exact => "exact",
            FigureQualifier::MoreThan => "more_than",
        }
    }

    /// Parses [`FigureQualifier::code`].
    pub fn from_code(s: &str) -> Result<Self, String> {
        match s {
            "exact" => Ok(FigureQualifier::Exact),
            "more_than" => Ok(FigureQualifier::MoreThan),
            other => Err(format!(
                "unknown qualifier '{other}'; expected exact or more_than"
            )),
        }
    }
}

/// A published member count of a network, for growth that is known only as
/// numbers: shown as such, never turned into invented members.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct NetworkFigure {
    /// When the figure was true.
    pub on: PartialDate,
    /// How many members the network had.
    #[cfg_attr(feature = "openapi", schema(format = Int64, maximum = 4294967295_u64))]
    pub members: u32,
    /// Whether the number is exact or a lower bound.
    #[serde(default)]
    pub qualifier: FigureQualifier,
    /// Who published it.
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 20000))]
    pub source: String,
}

/// A network of organisations that learn from each other.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct Network {
    /// Key in URLs and files.
    pub slug: Slug,
    /// Display name.
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 200))]
    pub name: String,
    /// A few sentences on what the network is and does.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(max_length = 20000))]
    pub description: String,
    /// The organisation that runs it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub coordinator: Option<Slug>,
    /// When it was founded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub founded_on: Option<PartialDate>,
    /// Who may see it.
    #[serde(default = "default_visibility")]
    pub visibility: Visibility,
    /// Home page.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(max_length = 500, pattern = "^https?://."))]
    pub website: Option<String>,
    /// Published member counts over time.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub figures: Vec<NetworkFigure>,
    /// Where the facts about this network come from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(max_length = 20000))]
    pub source: Option<String>,
}

fn default_visibility() -> Visibility {
    Visibility::Public
}

impl Network {
    /// Checks the rules that involve more than one field.
    pub fn validate(&self) -> Result<(), Invalid> {
        let mut e = Vec::new();
        check_name(&mut e, "name", &self.name);
        check_text(&mut e, "description", Some(&self.description));
        check_url(&mut e, "website", self.website.as_deref());
        check_text(&mut e, "source", self.source.as_deref());
        for (i, f) in self.figures.iter().enumerate() {
            if f.source.trim().is_empty() {
                e.push(FieldError::new(
                    format!("figures[{i}].source"),
                    "a published figure needs its source",
                ));
            }
            check_text(&mut e, &format!("figures[{i}].source"), Some(&f.source));
            if let Some(founded) = &self.founded_on
                && f.on.surely_before(founded)
            {
                e.push(FieldError::new(
                    format!("figures[{i}].on"),
                    format!("{} lies before the founding ({founded})", f.on),
                ));
            }
        }
        Invalid::check(e)
    }
}

/// A cohort ("Staffel", funding round) within a network.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct Cohort {
    /// The network it belongs to.
    pub network: Slug,
    /// Key within the network.
    pub slug: Slug,
    /// Display name, e.g. "Staffel 1".
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 200))]
    pub name: String,
    /// Year of selection.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(minimum = 1800, maximum = 2200))]
    pub year: Option<i32>,
    /// The round's motto.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(max_length = 20000))]
    pub motto: Option<String>,
    /// Where the facts come from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(max_length = 20000))]
    pub source: Option<String>,
}

impl Cohort {
    /// Checks the rules that involve more than one field.
    pub fn validate(&self) -> Result<(), Invalid> {
        let mut e = Vec::new();
        check_name(&mut e, "name", &self.name);
        if let Some(y) = self.year
            && !(MIN_YEAR..=MAX_YEAR).contains(&y)
        {
            e.push(FieldError::new(
                "year",
                format!("{y} is not a plausible year"),
            ));
        }
        check_text(&mut e, "motto", self.motto.as_deref());
        check_text(&mut e, "source", self.source.as_deref());
        Invalid::check(e)
    }
}

/// An organisation's membership in a network, with the dates growth is
/// derived from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct Membership {
    /// The member.
    pub organization: Slug,
    /// The network.
    pub network: Slug,
    /// The cohort within the network, if it has cohorts.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cohort: Option<Slug>,
    /// Member, coordinator or partner.
    #[serde(default = "default_role")]
    pub role: Role,
    /// When it joined, to the precision known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub joined_on: Option<PartialDate>,
    /// When it left, if it did.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub left_on: Option<PartialDate>,
    /// Where the facts come from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(max_length = 20000))]
    pub source: Option<String>,
}

fn default_role() -> Role {
    Role::Member
}

impl Membership {
    /// Checks the rules that involve more than one field.
    pub fn validate(&self) -> Result<(), Invalid> {
        let mut e = Vec::new();
        if let (Some(j), Some(l)) = (&self.joined_on, &self.left_on)
            && l.surely_before(j)
        {
            e.push(FieldError::new(
                "left_on",
                format!("{l} lies before joined_on {j}"),
            ));
        }
        check_text(&mut e, "source", self.source.as_deref());
        Invalid::check(e)
    }
}

/// A cooperation between organisations, e.g. an agreement with a research
/// institute, with the cadence of its exchange.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct Cooperation {
    /// Display name, e.g. "Smart City Living Lab".
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 200))]
    pub name: String,
    /// The organisations that cooperate (two or more).
    #[cfg_attr(feature = "openapi", schema(value_type = BTreeSet<Slug>, min_items = 2))]
    pub partners: Vec<Slug>,
    /// What they work on together.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(max_length = 20000))]
    pub topic: String,
    /// Since when.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub since: Option<PartialDate>,
    /// How often they exchange, in words ("mindestens monatlich").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(max_length = 20000))]
    pub cadence: Option<String>,
    /// Where the facts come from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(max_length = 20000))]
    pub source: Option<String>,
}

impl Cooperation {
    /// Checks the rules that involve more than one field.
    pub fn validate(&self) -> Result<(), Invalid> {
        let mut e = Vec::new();
        check_name(&mut e, "name", &self.name);
        let mut p = self.partners.clone();
        p.sort();
        p.dedup();
        if p.len() != self.partners.len() {
            e.push(FieldError::new("partners", "lists a partner twice"));
        } else if p.len() < 2 {
            e.push(FieldError::new(
                "partners",
                "a cooperation needs at least two partners",
            ));
        }
        check_text(&mut e, "topic", Some(&self.topic));
        check_text(&mut e, "cadence", self.cadence.as_deref());
        check_text(&mut e, "source", self.source.as_deref());
        Invalid::check(e)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn org(json: &str) -> Organization {
        serde_json::from_str(json).unwrap()
    }

    #[test]
    fn nul_and_control_characters_are_input_errors() {
        let mut o = org(r#"{"slug":"a","name":"A","kind":"municipality","states":["RP"]}"#);
        o.name = "A\u{0}B".into();
        o.source = Some("Quelle\u{0}".into());
        o.website = Some("https://a.example/\u{0}".into());
        let fields: Vec<String> = o
            .validate()
            .unwrap_err()
            .0
            .into_iter()
            .map(|e| e.field)
            .collect();
        assert_eq!(fields, ["name", "website", "source"]);
        // Line breaks stay allowed in longer texts.
        o.name = "A".into();
        o.website = None;
        o.source = Some("Zeile 1\nZeile 2".into());
        assert!(o.validate().is_ok());
    }

    #[test]
    fn unknown_state_is_a_parse_error() {
        let err = serde_json::from_str::<Organization>(
            r#"{"slug":"x","name":"X","kind":"municipality","states":["XX"]}"#,
        )
        .unwrap_err();
        assert!(err.to_string().contains("unknown variant `XX`"), "{err}");
    }

    #[test]
    fn ags_must_match_state() {
        let o = org(
            r#"{"slug":"kl","name":"Kaiserslautern","kind":"municipality","states":["BW"],"ags":"07312000"}"#,
        );
        let err = o.validate().unwrap_err();
        assert_eq!(err.0[0].field, "ags");
    }

    #[test]
    fn only_cooperations_span_states() {
        let o = org(r#"{"slug":"x","name":"X","kind":"municipality","states":["BW","BY"]}"#);
        assert_eq!(o.validate().unwrap_err().0[0].field, "states");
        let o = org(
            r#"{"slug":"x","name":"X","kind":"cooperation","states":["HH","SN","BY"],"parts":["hamburg"]}"#,
        );
        assert!(o.validate().is_ok());
    }

    #[test]
    fn left_before_joined_is_rejected() {
        let m: Membership = serde_json::from_str(
            r#"{"organization":"a","network":"n","joined_on":"2020-05","left_on":"2020-04-30"}"#,
        )
        .unwrap();
        assert_eq!(m.validate().unwrap_err().0[0].field, "left_on");
        let m: Membership = serde_json::from_str(
            r#"{"organization":"a","network":"n","joined_on":"2020","left_on":"2020-04-30"}"#,
        )
        .unwrap();
        assert!(m.validate().is_ok(), "a year may contain the leaving day");
    }

    #[test]
    fn unknown_fields_are_rejected() {
        let err =
            serde_json::from_str::<Cohort>(r#"{"network":"n","slug":"s","name":"S","yaer":2020}"#)
                .unwrap_err();
        assert!(err.to_string().contains("yaer"));
    }

    #[test]
    fn cooperation_needs_two_distinct_partners() {
        let c: Cooperation = serde_json::from_str(r#"{"name":"C","partners":["a","a"]}"#).unwrap();
        assert!(c.validate().is_err());
        let c: Cooperation = serde_json::from_str(r#"{"name":"C","partners":["a"]}"#).unwrap();
        assert!(c.validate().is_err());
    }
}
