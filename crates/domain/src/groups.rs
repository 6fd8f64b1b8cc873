//! Working groups (Arbeitsgruppen) of a network: the named groups that
//! give the visibility `group:<slug>` its readers, with a purpose, the
//! organisations that lead them and take part, and whether people of the
//! network join at once or ask first.

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};

use crate::entities::{check_name, check_text};
use crate::{FieldError, Invalid, Slug};

/// A working group as it is written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct WorkingGroup {
    /// Key within the network, used in `group:<slug>`.
    pub slug: Slug,
    /// Its name, e.g. "AG Datenplattform".
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 200))]
    pub name: String,
    /// What it works on, in a few sentences.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(max_length = 20000))]
    pub purpose: Option<String>,
    /// The organisations that lead it; they take part too.
    #[serde(default)]
    pub leads: Vec<Slug>,
    /// The organisations that take part: all their people see what the
    /// group sees.
    #[serde(default)]
    pub organizations: Vec<Slug>,
    /// Whether people of the network join at once (`true`) or ask and a
    /// lead accepts (`false`, the default).
    #[serde(default)]
    pub open: bool,
}

impl WorkingGroup {
    /// Checks the rules that involve more than one field, each error at
    /// its field.
    pub fn validate(&self) -> Result<(), Invalid> {
        let mut e = Vec::new();
        check_name(&mut e, "name", &self.name);
        check_text(&mut e, "purpose", self.purpose.as_deref());
        for (field, list) in [
            ("leads", &self.leads),
            ("organizations", &self.organizations),
        ] {
            let mut seen = BTreeSet::new();
            for s in list {
                if !seen.insert(s) {
                    e.push(FieldError::new(field, format!("lists '{s}' twice")));
                }
            }
        }
        if e.is_empty() {
            Ok(())
        } else {
            Err(Invalid(e))
        }
    }

    /// Every organisation that takes part: the leads, then the others.
    pub fn participants(&self) -> Vec<Slug> {
        let mut out = self.leads.clone();
        for o in &self.organizations {
            if !out.contains(o) {
                out.push(o.clone());
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn group(json: &str) -> WorkingGroup {
        serde_json::from_str(json).unwrap()
    }

    #[test]
    fn a_group_needs_a_name_and_names_each_organisation_once() {
        let g = group(
            r#"{"slug": "ag-daten", "name": "AG Daten", "leads": ["speyer"], "organizations": ["trier", "speyer"]}"#,
        );
        assert!(g.validate().is_ok());
        assert!(!g.open, "asking first is the default");
        let participants = g.participants();
        let participants: Vec<&str> = participants.iter().map(Slug::as_str).collect();
        assert_eq!(participants, ["speyer", "trier"]);
        let bad = group(r#"{"slug": "ag-daten", "name": " ", "leads": ["speyer", "speyer"]}"#);
        let fields: Vec<String> = bad
            .validate()
            .unwrap_err()
            .0
            .into_iter()
            .map(|e| e.field)
            .collect();
        assert_eq!(fields, ["name", "leads"]);
        assert!(
            serde_json::from_str::<WorkingGroup>(r#"{"slug": "x", "name": "X", "colour": 1}"#)
                .is_err()
        );
    }
}
