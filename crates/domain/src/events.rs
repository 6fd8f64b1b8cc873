//! One-off events of a network (workshops, Fachtagungen, online seminars)
//! with a number of seats: people register, and when the seats are taken
//! further registrations join a waiting list in the order they arrived.

use chrono::{DateTime, Datelike, FixedOffset};
use serde::{Deserialize, Serialize};

use crate::entities::{check_name, check_text, check_url};
use crate::limits::{MAX_YEAR, MIN_YEAR};
use crate::{Email, EventKind, FieldError, Invalid, Slug, Visibility};

/// The most seats an event may have; a Fachtagung of a network has a few
/// hundred.
pub const MAX_CAPACITY: u32 = 100_000;

/// The longest an event may last, in days: a conference of a week.
pub const MAX_EVENT_DAYS: i64 = 14;

fn workshop() -> EventKind {
    EventKind::Workshop
}

fn public() -> Visibility {
    Visibility::Public
}

/// An event as organisers describe it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct Event {
    /// The network that holds it.
    pub network: Slug,
    /// Title, e.g. "Workshop: Bewerbung für die Modellprojekte Smart Cities".
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 200))]
    pub title: String,
    /// What kind of event.
    #[serde(default = "workshop")]
    pub kind: EventKind,
    /// What it is about and for whom.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(max_length = 20000))]
    pub description: Option<String>,
    /// When it begins, with the offset from UTC
    /// (`2027-03-04T09:30:00+01:00`).
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = DateTime))]
    pub starts_at: DateTime<FixedOffset>,
    /// When it ends.
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = DateTime))]
    pub ends_at: DateTime<FixedOffset>,
    /// Where to join it online.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(max_length = 500))]
    pub online: Option<String>,
    /// Where it takes place.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(max_length = 20000))]
    pub address: Option<String>,
    /// How many seats.
    #[cfg_attr(feature = "openapi", schema(minimum = 1, maximum = 100000))]
    pub capacity: u32,
    /// The last moment to register; when left out, the start.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>, format = DateTime))]
    pub registration_until: Option<DateTime<FixedOffset>>,
    /// Who may register (and see it): `public`, `network` or
    /// `group:<slug>`.
    #[serde(default = "public")]
    pub registration: Visibility,
    /// The cooperation it comes from (by id), whose partners' pages list
    /// it; the network's coordinators still organise it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(minimum = 1))]
    pub cooperation: Option<i64>,
    /// A question asked at registration, e.g. about dietary needs; the
    /// answers are deleted once the event has ended.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(max_length = 200))]
    pub question: Option<String>,
}

impl Event {
    /// Checks the rules that involve more than one field, each error at its
    /// field.
    pub fn validate(&self) -> Result<(), Invalid> {
        let mut e = Vec::new();
        check_name(&mut e, "title", &self.title);
        check_text(&mut e, "description", self.description.as_deref());
        for (field, at) in [("starts_at", self.starts_at), ("ends_at", self.ends_at)] {
            if !(MIN_YEAR..=MAX_YEAR).contains(&at.year()) {
                e.push(FieldError::new(
                    field,
                    format!("{at} is not a plausible time"),
                ));
            }
        }
        if self.ends_at <= self.starts_at {
            e.push(FieldError::new("ends_at", "must be after the start"));
        } else if self.ends_at - self.starts_at > chrono::Duration::days(MAX_EVENT_DAYS) {
            e.push(FieldError::new(
                "ends_at",
                format!("an event lasts at most {MAX_EVENT_DAYS} days"),
            ));
        }
        check_url(&mut e, "online", self.online.as_deref());
        check_text(&mut e, "address", self.address.as_deref());
        if !(1..=MAX_CAPACITY).contains(&self.capacity) {
            e.push(FieldError::new(
                "capacity",
                format!("must be between 1 and {MAX_CAPACITY}"),
            ));
        }
        if let Some(until) = self.registration_until
            && until > self.ends_at
        {
            e.push(FieldError::new(
                "registration_until",
                "must not be after the end",
            ));
        }
        if self.cooperation.is_some_and(|c| c < 1) {
            e.push(FieldError::new("cooperation", "is not a cooperation's id"));
        }
        if let Some(q) = &self.question {
            check_name(&mut e, "question", q);
        }
        Invalid::check(e)
    }

    /// The last moment to register.
    pub fn deadline(&self) -> DateTime<FixedOffset> {
        self.registration_until.unwrap_or(self.starts_at)
    }
}

/// A registration as the API takes it: `{}` registers the caller; an
/// organiser may register someone else by name and e-mail.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct RegistrationRequest {
    /// Someone else's name (organisers only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(max_length = 200))]
    pub name: Option<String>,
    /// Someone else's e-mail address (organisers only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<Email>,
    /// The answer to the event's question.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(max_length = 2000))]
    pub answer: Option<String>,
}

impl RegistrationRequest {
    /// Checks the request on its own; who may make it is the policy's.
    pub fn validate(&self) -> Result<(), Invalid> {
        let mut e = Vec::new();
        match (&self.name, &self.email) {
            (Some(name), Some(_)) => check_name(&mut e, "name", name),
            (Some(_), None) => e.push(FieldError::new("email", "is needed with a name")),
            (None, Some(_)) => e.push(FieldError::new("name", "is needed with an e-mail address")),
            (None, None) => {}
        }
        if let Some(a) = &self.answer
            && (a.chars().count() > 2000 || a.contains('\0'))
        {
            e.push(FieldError::new("answer", "at most 2,000 characters"));
        }
        Invalid::check(e)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn event() -> Event {
        serde_json::from_str(
            r#"{"network": "ikone-ds", "title": "Workshop Förderanträge",
                "starts_at": "2027-03-04T09:30:00+01:00", "ends_at": "2027-03-04T16:00:00+01:00",
                "capacity": 25, "registration": "network"}"#,
        )
        .unwrap_or_else(|e| panic!("{e}"))
    }

    #[test]
    fn a_complete_event_is_valid_and_closes_at_its_start() {
        let e = event();
        assert_eq!(e.validate(), Ok(()));
        assert_eq!(e.kind, EventKind::Workshop);
        assert_eq!(e.deadline(), e.starts_at);
    }

    #[test]
    fn each_mistake_is_named_at_its_field() {
        let mut e = event();
        e.ends_at = e.starts_at;
        e.capacity = 0;
        e.online = Some("meet.example.org".into());
        e.registration_until = Some(e.starts_at + chrono::Duration::days(1));
        let errors = e.validate().err().map(|i| i.0).unwrap_or_default();
        let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(
            fields,
            ["ends_at", "online", "capacity", "registration_until"]
        );
    }

    #[test]
    fn someone_else_needs_a_name_and_an_address() {
        let r = RegistrationRequest {
            name: Some("Ina Gast".into()),
            ..Default::default()
        };
        let errors = r.validate().err().map(|i| i.0).unwrap_or_default();
        assert_eq!(errors[0].field, "email");
        assert_eq!(RegistrationRequest::default().validate(), Ok(()));
    }
}
