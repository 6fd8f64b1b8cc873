//! Meeting series as the directory stores them: the rule and its settings as
//! a coordinator enters them, plus the manual changes on top of the rule.
//!
//! The rule, start and time zone are kept as the text the coordinator wrote;
//! the calendar engine (`knotenpunkt-calendar`) parses them, and the
//! application runs that parse before anything is stored, so a stored series
//! always expands. This crate only checks what needs no calendar knowledge.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::entities::{check_name, check_no_nul, check_text, check_url};
use crate::limits::{MAX_AGENDA_ITEMS, MAX_AGENDA_TEXT, MAX_DURATION_MINUTES, MAX_NOTE, MAX_RULE};
use crate::{FieldError, HolidayRule, HostingKind, Invalid, RotationOrder, Slug, Visibility};

// The vocabulary macro owns the derive list, so the default is spelled out.
#[allow(clippy::derivable_impls)]
impl Default for HolidayRule {
    fn default() -> Self {
        HolidayRule::Keep
    }
}

// The vocabulary macro owns the derive list, so the default is spelled out.
#[allow(clippy::derivable_impls)]
impl Default for HostingKind {
    fn default() -> Self {
        HostingKind::None
    }
}

// The vocabulary macro owns the derive list, so the default is spelled out.
#[allow(clippy::derivable_impls)]
impl Default for RotationOrder {
    fn default() -> Self {
        RotationOrder::JoinOrder
    }
}

fn default_duration() -> u32 {
    90
}

fn default_time_zone() -> String {
    "Europe/Berlin".into()
}

fn public() -> Visibility {
    Visibility::Public
}

fn is_default<T: Default + PartialEq>(value: &T) -> bool {
    *value == T::default()
}

/// A recurring meeting of a network or of a cooperation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct Series {
    /// Key in URLs, feeds and files; unique across the platform so a feed
    /// address never changes when a series moves between owners.
    pub slug: Slug,
    /// The network the series belongs to (exactly one of `network` and `cooperation`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub network: Option<Slug>,
    /// The cooperation (by id) the series belongs to, e.g. a bilateral exchange.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cooperation: Option<i64>,
    /// Title, e.g. "Monatstreffen der Modellprojekte (Staffel 1)".
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 200))]
    pub title: String,
    /// What the series is for.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(max_length = 20000))]
    pub description: Option<String>,
    /// RFC 5545 recurrence rule without the `RRULE:` prefix, e.g. `FREQ=MONTHLY;BYDAY=-1TH`.
    #[cfg_attr(feature = "openapi", schema(example = "FREQ=MONTHLY;BYDAY=-1TH"))]
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 500))]
    pub rule: String,
    /// Local date and time of the first meeting, e.g. `2025-01-30T17:00`.
    #[cfg_attr(feature = "openapi", schema(example = "2025-01-30T17:00"))]
    pub start: String,
    /// Length of a meeting in minutes.
    #[serde(default = "default_duration")]
    #[cfg_attr(feature = "openapi", schema(minimum = 1, maximum = 1440))]
    pub duration_minutes: u32,
    /// IANA time zone of `start`; wall-clock time is kept across daylight saving changes.
    #[serde(default = "default_time_zone")]
    pub time_zone: String,
    /// Video conference link, given to every meeting.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(max_length = 500, pattern = "^https?://."))]
    pub video_url: Option<String>,
    /// What happens on public holidays (national, the coordinator's or the host's state).
    #[serde(default, skip_serializing_if = "is_default")]
    pub holidays: HolidayRule,
    /// Who hosts.
    #[serde(default, skip_serializing_if = "is_default")]
    pub hosting: HostingKind,
    /// The fixed host, when `hosting` is `fixed`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub host: Option<Slug>,
    /// Order of the rotation, when `hosting` is `rotation`.
    #[serde(default, skip_serializing_if = "is_default")]
    pub rotation_order: RotationOrder,
    /// The explicit order (organisation slugs), when `rotation_order` is `explicit`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(feature = "openapi", schema(value_type = BTreeSet<Slug>))]
    pub rotation: Vec<Slug>,
    /// For a network's series: the cohorts whose members take part (and take turns);
    /// empty means every member of the network. A series shared with one working
    /// group (`visibility` `group:<slug>`) is that group's: only the group's
    /// organisations among those members take part.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(feature = "openapi", schema(value_type = BTreeSet<Slug>))]
    pub cohorts: Vec<Slug>,
    /// Agenda every meeting starts with, e.g. "Vorstellung der Gastgeberstadt".
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(feature = "openapi", schema(schema_with = crate::openapi::agenda_template))]
    pub agenda_template: Vec<String>,
    /// Who may see the series and its meetings.
    #[serde(default = "public")]
    pub visibility: Visibility,
}

impl Series {
    /// Checks the rules that need no calendar: owner, host, lengths.
    pub fn validate(&self) -> Result<(), Invalid> {
        let mut e = Vec::new();
        check_name(&mut e, "title", &self.title);
        check_text(&mut e, "description", self.description.as_deref());
        check_url(&mut e, "video_url", self.video_url.as_deref());
        match (&self.network, &self.cooperation) {
            (Some(_), Some(_)) => e.push(FieldError::new(
                "cooperation",
                "a series belongs to a network or to a cooperation, not to both",
            )),
            (None, None) => e.push(FieldError::new(
                "network",
                "name the network (or the cooperation) the series belongs to",
            )),
            _ => {}
        }
        if self.cooperation.is_some() && !self.cohorts.is_empty() {
            e.push(FieldError::new(
                "cohorts",
                "only a network's series can be limited to cohorts",
            ));
        }
        if self.duration_minutes == 0 || self.duration_minutes > MAX_DURATION_MINUTES {
            e.push(FieldError::new(
                "duration_minutes",
                format!("must be between 1 and {MAX_DURATION_MINUTES} minutes"),
            ));
        }
        if self.rule.trim().is_empty() {
            e.push(FieldError::new("rule", "must not be empty"));
        } else if self.rule.chars().count() > MAX_RULE {
            e.push(FieldError::new(
                "rule",
                format!("must be at most {MAX_RULE} characters long"),
            ));
        } else {
            check_no_nul(&mut e, "rule", &self.rule);
        }
        match (self.hosting, &self.host) {
            (HostingKind::Fixed, None) => {
                e.push(FieldError::new("host", "a fixed host must be named"))
            }
            (HostingKind::None | HostingKind::Rotation, Some(_)) => e.push(FieldError::new(
                "host",
                "only a series with hosting 'fixed' names a host",
            )),
            _ => {}
        }
        match (self.rotation_order, self.rotation.is_empty()) {
            (RotationOrder::Explicit, true) => e.push(FieldError::new(
                "rotation",
                "an explicit rotation order lists the organisations in turn",
            )),
            (RotationOrder::JoinOrder | RotationOrder::Alphabetical, false) => {
                e.push(FieldError::new(
                    "rotation",
                    "lists an order, but rotation_order is not 'explicit'",
                ))
            }
            _ => {}
        }
        if self.rotation_order != RotationOrder::JoinOrder && self.hosting != HostingKind::Rotation
        {
            e.push(FieldError::new(
                "rotation_order",
                "applies only to hosting 'rotation'",
            ));
        }
        for (field, list) in [("rotation", &self.rotation), ("cohorts", &self.cohorts)] {
            let mut seen = list.clone();
            seen.sort();
            seen.dedup();
            if seen.len() != list.len() {
                e.push(FieldError::new(field, "lists an entry twice"));
            }
        }
        check_agenda(&mut e, "agenda_template", &self.agenda_template);
        Invalid::check(e)
    }
}

fn check_agenda(e: &mut Vec<FieldError>, field: &str, items: &[String]) {
    if items.len() > MAX_AGENDA_ITEMS {
        e.push(FieldError::new(
            field,
            format!(
                "has {} items; at most {MAX_AGENDA_ITEMS} are allowed",
                items.len()
            ),
        ));
    }
    for (i, item) in items.iter().enumerate() {
        check_agenda_text(e, &format!("{field}[{i}]"), item);
    }
}

/// Checks one agenda point's text.
pub fn check_agenda_text(e: &mut Vec<FieldError>, field: &str, text: &str) {
    if text.trim().is_empty() {
        e.push(FieldError::new(field, "must not be empty"));
    } else if text.chars().count() > MAX_AGENDA_TEXT {
        e.push(FieldError::new(
            field,
            format!("must be at most {MAX_AGENDA_TEXT} characters long"),
        ));
    } else {
        check_no_nul(e, field, text);
    }
}

/// A manual change to one meeting, stored on top of the rule and keyed by the
/// date the rule gave the meeting, so it survives a rule change that keeps that date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "kind", rename_all = "kebab-case", deny_unknown_fields)]
pub enum ExceptionChange {
    /// The meeting does not take place.
    Cancel {
        /// Why, shown on pages and in feeds.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        #[cfg_attr(feature = "openapi", schema(max_length = 500))]
        note: Option<String>,
    },
    /// The meeting takes place at another local date and time.
    Move {
        /// New local start, e.g. `2026-05-21T17:00`.
        to: String,
        /// Why, shown on pages and in feeds.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        #[cfg_attr(feature = "openapi", schema(max_length = 500))]
        note: Option<String>,
    },
    /// This organisation hosts, whatever the rotation says; it counts as its turn.
    Host {
        /// The organisation's slug.
        organization: Slug,
    },
    /// Swap hosts with another meeting of the same series.
    Swap {
        /// The other meeting's original date.
        with: NaiveDate,
        /// The other meeting's series, if given; it must be this series.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        series: Option<Slug>,
    },
}

impl ExceptionChange {
    /// Changes of time (cancel, move) and of host (host, swap) are independent:
    /// a meeting can have one of each.
    pub fn slot(&self) -> &'static str {
        match self {
            ExceptionChange::Cancel { .. } | ExceptionChange::Move { .. } => "time",
            ExceptionChange::Host { .. } | ExceptionChange::Swap { .. } => "host",
        }
    }

    /// Checks lengths; dates and hosts are checked against the schedule by the application.
    pub fn validate(&self) -> Result<(), Invalid> {
        let mut e = Vec::new();
        if let ExceptionChange::Cancel { note } | ExceptionChange::Move { note, .. } = self
            && let Some(n) = note
        {
            if n.chars().count() > MAX_NOTE {
                e.push(FieldError::new(
                    "note",
                    format!("must be at most {MAX_NOTE} characters long"),
                ));
            } else {
                check_no_nul(&mut e, "note", n);
            }
        }
        Invalid::check(e)
    }
}

/// A stored exception: the meeting's original date and the change.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct SeriesException {
    /// The date the rule gave the meeting.
    pub date: NaiveDate,
    /// What changes.
    pub change: ExceptionChange,
}

/// A point on one meeting's agenda that a participant added beforehand.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AgendaPoint {
    /// Id, to remove the point again.
    pub id: i64,
    /// The text.
    pub text: String,
    /// The organisation that raised it, if named.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub by: Option<Slug>,
    /// Who may read it.
    #[serde(default = "public")]
    pub visibility: Visibility,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::limits::{MAX_NOTE, MAX_RULE};

    fn series(rule: &str) -> Series {
        serde_json::from_value(serde_json::json!({
            "slug": "treffen", "network": "netz", "title": "Treffen",
            "rule": rule, "start": "2025-01-30T17:00"
        }))
        .unwrap()
    }

    fn fields(r: Result<(), Invalid>) -> Vec<String> {
        r.err()
            .map(|i| i.0.into_iter().map(|f| f.field).collect())
            .unwrap_or_default()
    }

    #[test]
    fn rules_and_notes_stay_within_their_limits() {
        assert!(series("FREQ=WEEKLY").validate().is_ok());
        let longest = format!("FREQ=WEEKLY;{}", "X".repeat(MAX_RULE - 12));
        assert_eq!(longest.chars().count(), MAX_RULE);
        assert!(fields(series(&longest).validate()).is_empty());
        assert_eq!(fields(series(&format!("{longest}X")).validate()), ["rule"]);

        let note = |n: usize| ExceptionChange::Cancel {
            note: Some("n".repeat(n)),
        };
        assert!(note(MAX_NOTE).validate().is_ok());
        assert_eq!(fields(note(MAX_NOTE + 1).validate()), ["note"]);
    }
}
