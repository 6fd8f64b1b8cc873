//! Funding calls (Förderaufrufe) that a network's coordinators record, so
//! that its members see in one place what they could apply for together, and
//! by when. Joint applications answer them: a lead organisation and its
//! partners, the status with the day each was reached, and the tasks each
//! partner has taken on.

use std::collections::BTreeSet;

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::entities::{check_name, check_text, check_url};
use crate::limits::{MAX_YEAR, MIN_YEAR};
use crate::{
    ApplicationStatus, FieldError, FieldOfAction, Invalid, OrgKind, Slug, State, Visibility,
};

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

fn idea() -> ApplicationStatus {
    ApplicationStatus::Idea
}

fn network_only() -> Visibility {
    Visibility::Network
}

/// A joint application (gemeinsamer Antrag) that organisations of a network
/// prepare together, usually answering a recorded funding call.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct JointApplication {
    /// The network it is prepared in.
    pub network: Slug,
    /// Key within the network.
    pub slug: Slug,
    /// Working title, e.g. "Gemeinsame Datenplattform Westpfalz".
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 200))]
    pub title: String,
    /// The organisation that applies on behalf of all (Antragsteller).
    pub lead: Slug,
    /// The other organisations taking part.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(feature = "openapi", schema(value_type = BTreeSet<Slug>))]
    pub partners: Vec<Slug>,
    /// The funding call of the same network it answers, if recorded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub call: Option<Slug>,
    /// The cooperation it comes from, whose page lists it; the lead must be
    /// one of its partners.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(minimum = 1))]
    pub cooperation: Option<i64>,
    /// Where it stands.
    #[serde(default = "idea")]
    pub status: ApplicationStatus,
    /// The day it reached `status`; when a write leaves it out, today.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status_on: Option<NaiveDate>,
    /// What it is about and what is still open.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(max_length = 20000))]
    pub description: Option<String>,
    /// Who may see it: `network` or `group:<slug>`. Applications in
    /// preparation are not published.
    #[serde(default = "network_only")]
    pub visibility: Visibility,
}

impl JointApplication {
    /// Checks the rules that involve more than one field, each error at its
    /// field.
    pub fn validate(&self) -> Result<(), Invalid> {
        let mut e = Vec::new();
        check_name(&mut e, "title", &self.title);
        once_each(&mut e, "partners", self.partners.iter().map(Slug::as_str));
        if self.partners.contains(&self.lead) {
            e.push(FieldError::new(
                "partners",
                format!(
                    "'{}' leads the application and is not also a partner",
                    self.lead
                ),
            ));
        }
        if self.cooperation.is_some_and(|c| c < 1) {
            e.push(FieldError::new("cooperation", "is not a cooperation's id"));
        }
        if let Some(on) = self.status_on
            && !(MIN_YEAR..=MAX_YEAR).contains(&on.year())
        {
            e.push(FieldError::new(
                "status_on",
                format!("{on} is not a plausible date"),
            ));
        }
        check_text(&mut e, "description", self.description.as_deref());
        if self.visibility == Visibility::Public {
            e.push(FieldError::new(
                "visibility",
                "an application in preparation is shared with the network or one of its groups, not published",
            ));
        }
        Invalid::check(e)
    }

    /// Whether `organization` takes part, as lead or partner.
    pub fn involves(&self, organization: &Slug) -> bool {
        &self.lead == organization || self.partners.contains(organization)
    }
}

/// One step of an application's history: the status it reached, and when.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct StatusStep {
    /// The status reached.
    pub status: ApplicationStatus,
    /// The day it was reached.
    pub on: NaiveDate,
}

impl StatusStep {
    /// Checks that `self` may follow `previous` (none for a new
    /// application), with `today` the latest day a step may carry.
    pub fn check_after(
        &self,
        previous: Option<&StatusStep>,
        today: NaiveDate,
    ) -> Result<(), Invalid> {
        let mut e = Vec::new();
        if self.on > today {
            e.push(FieldError::new(
                "status_on",
                format!("{} lies in the future", self.on),
            ));
        }
        if let Some(p) = previous {
            if !p.status.can_become(self.status) {
                e.push(FieldError::new(
                    "status",
                    format!(
                        "an application that is '{}' cannot become '{}'",
                        p.status, self.status
                    ),
                ));
            }
            if self.on < p.on {
                e.push(FieldError::new(
                    "status_on",
                    format!(
                        "{} is before the day it became '{}' ({})",
                        self.on, p.status, p.on
                    ),
                ));
            }
        }
        Invalid::check(e)
    }
}

/// A task a partner has taken on for an application.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ApplicationTask {
    /// The organisation that does it: the lead or a partner.
    pub organization: Slug,
    /// What is to be done, e.g. "Letter of Intent einholen".
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 200))]
    pub title: String,
    /// By when.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub due: Option<NaiveDate>,
    /// Whether it is done.
    #[serde(default)]
    pub done: bool,
}

impl ApplicationTask {
    /// Checks the task on its own; whether its organisation takes part is
    /// checked against the application.
    pub fn validate(&self) -> Result<(), Invalid> {
        let mut e = Vec::new();
        check_name(&mut e, "title", &self.title);
        if let Some(due) = self.due
            && !(MIN_YEAR..=MAX_YEAR).contains(&due.year())
        {
            e.push(FieldError::new(
                "due",
                format!("{due} is not a plausible date"),
            ));
        }
        Invalid::check(e)
    }
}

/// A task as stored, with the id that addresses it. Its fields are those
/// of [`ApplicationTask`], spelt out: a flattened task would carry the
/// task's "no other fields" into the record's schema.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TaskRecord {
    /// Its address under the application.
    pub id: i64,
    /// The organisation that does it.
    pub organization: Slug,
    /// What is to be done.
    pub title: String,
    /// By when.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub due: Option<NaiveDate>,
    /// Whether it is done.
    pub done: bool,
}

impl TaskRecord {
    /// The stored task under `id`.
    pub fn new(id: i64, task: ApplicationTask) -> TaskRecord {
        TaskRecord {
            id,
            organization: task.organization,
            title: task.title,
            due: task.due,
            done: task.done,
        }
    }

    /// The task without its id, as a write takes it.
    pub fn task(&self) -> ApplicationTask {
        ApplicationTask {
            organization: self.organization.clone(),
            title: self.title.clone(),
            due: self.due,
            done: self.done,
        }
    }
}

/// An application as stored: its fields (status and `status_on` are those
/// of the last step), the whole history and the tasks by due date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ApplicationRecord {
    /// The application, as a write takes it.
    pub application: JointApplication,
    /// Every status it has had, oldest first.
    pub history: Vec<StatusStep>,
    /// The partners' tasks, by due date (those without one last).
    pub tasks: Vec<TaskRecord>,
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

    fn application() -> JointApplication {
        serde_json::from_str(
            r#"{"network": "ikone-ds", "slug": "datenplattform", "title": "Gemeinsame Datenplattform",
                "lead": "kaiserslautern", "partners": ["speyer", "dfki"], "call": "msc-2027"}"#,
        )
        .unwrap_or_else(|e| panic!("{e}"))
    }

    #[test]
    fn a_new_application_is_an_idea_shared_with_the_network() {
        let a = application();
        assert_eq!(a.validate(), Ok(()));
        assert_eq!(a.status, ApplicationStatus::Idea);
        assert_eq!(a.visibility, Visibility::Network);
        assert!(a.involves(&"speyer".parse().unwrap_or_else(|e| panic!("{e}"))));
    }

    #[test]
    fn an_application_names_each_mistake() {
        let mut a = application();
        a.partners
            .push("kaiserslautern".parse().unwrap_or_else(|e| panic!("{e}")));
        a.visibility = Visibility::Public;
        a.cooperation = Some(0);
        let errors = a.validate().err().map(|i| i.0).unwrap_or_default();
        let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["partners", "cooperation", "visibility"]);
    }

    #[test]
    fn steps_follow_each_other_in_order_and_never_lie_ahead() {
        let day = |s: &str| s.parse::<NaiveDate>().unwrap_or_else(|e| panic!("{e}"));
        let step = |status, on: &str| StatusStep {
            status,
            on: day(on),
        };
        let today = day("2027-02-01");
        let idea = step(ApplicationStatus::Idea, "2027-01-10");
        assert!(
            step(ApplicationStatus::Submitted, "2027-01-20")
                .check_after(Some(&idea), today)
                .is_ok()
        );
        let fields = |r: Result<(), Invalid>| -> Vec<String> {
            r.err()
                .map(|i| i.0.into_iter().map(|e| e.field).collect())
                .unwrap_or_default()
        };
        assert_eq!(
            fields(step(ApplicationStatus::Granted, "2027-01-20").check_after(Some(&idea), today)),
            ["status"]
        );
        assert_eq!(
            fields(
                step(ApplicationStatus::Preparing, "2027-01-01").check_after(Some(&idea), today)
            ),
            ["status_on"]
        );
        assert_eq!(
            fields(step(ApplicationStatus::Idea, "2027-03-01").check_after(None, today)),
            ["status_on"]
        );
    }

    #[test]
    fn decisions_are_final_and_only_follow_a_submission() {
        use ApplicationStatus::*;
        for s in ApplicationStatus::ALL {
            assert!(!Granted.can_become(*s) && !Rejected.can_become(*s));
            assert!(!s.can_become(*s), "{s} to itself is no step");
            if s.can_become(Granted) || s.can_become(Rejected) {
                assert_eq!(*s, Submitted);
            }
        }
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
