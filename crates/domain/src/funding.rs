//! Funding calls (Förderaufrufe) that a network's coordinators record, so
//! that its members see in one place what they could apply for together, and
//! by when. Joint applications answer them.

use std::collections::BTreeSet;

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::entities::{check_name, check_text, check_url};
use crate::limits::{MAX_YEAR, MIN_YEAR};
use crate::{FieldError, FieldOfAction, Invalid, OrgKind, Slug, State};

/// A funding call recorded for a network.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct FundingCall {
    /// The network whose members it is recorded for.
    pub network: Slug,
    /// Key within the network.
    pub slug: Slug,
    /// Who funds, e.g. "Bundesministerium für Wohnen, Stadtentwicklung und
    /// Bauwesen".
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 200))]
    pub funder: String,
    /// The programme, e.g. "Modellprojekte Smart Cities".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(max_length = 200))]
    pub programme: Option<String>,
    /// The call's title.
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 200))]
    pub title: String,
    /// Where the call is published.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(max_length = 500))]
    pub link: Option<String>,
    /// The last day to apply.
    pub deadline: NaiveDate,
    /// The states whose organisations may apply; none listed: every state.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(feature = "openapi", schema(value_type = BTreeSet<State>))]
    pub states: Vec<State>,
    /// The kinds of organisation that may apply; none listed: every kind.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(feature = "openapi", schema(value_type = BTreeSet<OrgKind>))]
    pub kinds: Vec<OrgKind>,
    /// The fields of action it funds.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(feature = "openapi", schema(value_type = BTreeSet<FieldOfAction>))]
    pub topics: Vec<FieldOfAction>,
    /// What it funds and what to know, in a few sentences.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(max_length = 20000))]
    pub description: Option<String>,
}

impl FundingCall {
    /// Checks the rules that involve more than one field, each error at its
    /// field.
    pub fn validate(&self) -> Result<(), Invalid> {
        let mut e = Vec::new();
        check_name(&mut e, "funder", &self.funder);
        if let Some(programme) = &self.programme {
            check_name(&mut e, "programme", programme);
        }
        check_name(&mut e, "title", &self.title);
        check_url(&mut e, "link", self.link.as_deref());
        if !(MIN_YEAR..=MAX_YEAR).contains(&self.deadline.year()) {
            e.push(FieldError::new(
                "deadline",
                format!("{} is not a plausible date", self.deadline),
            ));
        }
        once_each(&mut e, "states", self.states.iter().map(|s| s.code()));
        once_each(&mut e, "kinds", self.kinds.iter().map(|k| k.code()));
        once_each(&mut e, "topics", self.topics.iter().map(|t| t.code()));
        check_text(&mut e, "description", self.description.as_deref());
        Invalid::check(e)
    }

    /// Whether applications are still taken on `today`: until the end of
    /// the deadline's day.
    pub fn is_open(&self, today: NaiveDate) -> bool {
        self.deadline >= today
    }

    /// Whether an organisation of `kind` in `states` may apply.
    pub fn admits(&self, kind: OrgKind, states: &[State]) -> bool {
        (self.kinds.is_empty() || self.kinds.contains(&kind))
            && (self.states.is_empty() || states.iter().any(|s| self.states.contains(s)))
    }
}

/// A value listed twice is a mistake worth naming, not one to drop quietly.
fn once_each<'a>(errors: &mut Vec<FieldError>, field: &str, codes: impl Iterator<Item = &'a str>) {
    let mut seen = BTreeSet::new();
    for code in codes {
        if !seen.insert(code) {
            errors.push(FieldError::new(field, format!("lists '{code}' twice")));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn call() -> FundingCall {
        serde_json::from_str(
            r#"{"network": "ikone-ds", "slug": "msc-2027", "funder": "BMWSB",
                "programme": "Modellprojekte Smart Cities", "title": "Vierte Staffel",
                "link": "https://www.smart-city-dialog.de", "deadline": "2027-03-31",
                "states": ["RP", "SL"], "kinds": ["municipality"], "topics": ["mobility"]}"#,
        )
        .unwrap_or_else(|e| panic!("{e}"))
    }

    #[test]
    fn a_complete_call_is_valid_and_open_until_its_deadline() {
        let c = call();
        assert_eq!(c.validate(), Ok(()));
        let day = |s: &str| s.parse::<NaiveDate>().unwrap_or_else(|e| panic!("{e}"));
        assert!(c.is_open(day("2027-03-31")));
        assert!(!c.is_open(day("2027-04-01")));
    }

    #[test]
    fn each_mistake_is_named_at_its_field() {
        let mut c = call();
        c.title = " ".into();
        c.link = Some("www.example.org".into());
        c.states.push(State::RP);
        c.deadline = NaiveDate::from_ymd_opt(1200, 1, 1).unwrap_or_default();
        let errors = c.validate().err().map(|i| i.0).unwrap_or_default();
        let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["title", "link", "deadline", "states"]);
    }

    #[test]
    fn unknown_fields_and_codes_are_refused_by_name() {
        let bad = r#"{"network": "n", "slug": "s", "funder": "F", "title": "T",
                      "deadline": "2027-01-01", "states": ["XX"]}"#;
        let e = serde_json::from_str::<FundingCall>(bad)
            .err()
            .map(|e| e.to_string());
        assert!(e.is_some_and(|e| e.contains("XX")));
        let extra = r#"{"network": "n", "slug": "s", "funder": "F", "title": "T",
                        "deadline": "2027-01-01", "budget": 1}"#;
        assert!(serde_json::from_str::<FundingCall>(extra).is_err());
    }

    #[test]
    fn who_may_apply() {
        let c = call();
        assert!(c.admits(OrgKind::Municipality, &[State::RP]));
        assert!(!c.admits(OrgKind::Municipality, &[State::BY]));
        assert!(!c.admits(OrgKind::Research, &[State::RP]));
        let open = FundingCall {
            states: Vec::new(),
            kinds: Vec::new(),
            ..call()
        };
        assert!(open.admits(OrgKind::Research, &[]));
    }
}
