//! The one error type of the engine.
//!
//! Every variant names the part of the input that is wrong (a rule part such as `BYDAY`, the
//! start, a state code), because the web layer turns these into 422 problem documents and the
//! CLI prints them as they are: a coordinator must be able to fix the input from the message.

use chrono::{NaiveDate, NaiveDateTime};

/// Why a series, rule or request was rejected.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A part of the recurrence rule is malformed, unknown or not allowed here.
    #[error("recurrence rule part {part} is invalid: {message}")]
    InvalidRule {
        /// The RFC 5545 rule part, e.g. `FREQ`, `BYDAY`, `UNTIL`.
        part: String,
        /// What is wrong with it.
        message: String,
    },
    /// `UNTIL` ends the series before its first meeting.
    #[error("recurrence rule part UNTIL ({until}) lies before the start ({start})")]
    UntilBeforeStart {
        /// The end as given.
        until: String,
        /// The start, local.
        start: String,
    },
    /// The start falls into the hour the clocks skip when daylight saving time begins.
    #[error("start {local} does not exist in {tz}: the clocks jump over it that night")]
    NonexistentStart {
        /// The local start as given.
        local: NaiveDateTime,
        /// The time zone name.
        tz: String,
    },
    /// The start falls into the hour that happens twice when daylight saving time ends.
    #[error("start {local} is ambiguous in {tz}: that hour happens twice that night")]
    AmbiguousStart {
        /// The local start as given.
        local: NaiveDateTime,
        /// The time zone name.
        tz: String,
    },
    /// A value that is not a rule part could not be read (start, until, time zone, duration …).
    #[error("{part} {value:?} is invalid: expected {expected}")]
    InvalidValue {
        /// Which input, e.g. `start`, `tz`, `duration`.
        part: &'static str,
        /// The value as given.
        value: String,
        /// What would have been accepted.
        expected: &'static str,
    },
    /// A German state code that is not one of the 16 ISO 3166-2:DE codes.
    #[error("state {0:?} is unknown: expected an ISO 3166-2:DE code such as RP, BY or NW")]
    UnknownState(String),
    /// The rule produces more occurrences in the requested range than the engine expands.
    #[error("the rule produces more than {limit} occurrences up to the requested end")]
    TooManyOccurrences {
        /// The cap.
        limit: usize,
    },
    /// Two members of one rotation share an id.
    #[error("member {0:?} appears twice in the rotation")]
    DuplicateMember(String),
    /// A date that the rule does not produce was used where an occurrence was expected.
    #[error("{date} is not an occurrence of this series")]
    NotAnOccurrence {
        /// The date as given.
        date: NaiveDate,
    },
}
