//! The one form toolkit of the pages: reading a submitted form
//! ([`FormData`]), its controls ([`Control`], and the account pages' plain
//! [`Field`]), each field's problem and the summary above the form
//! ([`Rejected`]), the confirmation a page shows after a successful write
//! ([`Confirmations`]: the 303 and the flag it carries), and the answer to
//! someone the policy turned away ([`refused`]).
//!
//! Every form carries the session's form token in a hidden `csrf` field
//! (the `csrf` macro of the form templates); the door (`crate::auth`)
//! refuses an unsafe request without it before any handler runs.
//!
//! The pattern every form follows: the policy is asked first (an extractor
//! or the use case), the body is read field by field into the application's
//! input, a success answers 303 with a confirmation flag, and invalid input
//! renders the page again with 422 — each message next to its field and in
//! the summary, the input kept.

mod confirm;
mod control;
mod data;
mod field;
mod page;
mod problem;
mod read;
mod refuse;
mod rejected;

pub(crate) use confirm::{APPLICATIONS, DONE, EVENTS, GROUPS, KNOWLEDGE, LOUNGE, PROFILE, SAVED};
pub(crate) use control::{CONFIRM, Control, Opt, OptGroup, options};
pub(crate) use data::FormData;
pub(crate) use field::Field;
pub(crate) use page::{DeleteForm, FormPage};
pub(crate) use problem::{Problem, Problems, SummaryItem};
#[cfg(test)]
pub(crate) use read::MAX_LINES;
pub(crate) use read::{
    choose, name, optional, optional_slug, partial_date, population, required, slug_field, text,
    too_long, website, within_lines,
};
pub(crate) use refuse::refused;
pub(crate) use rejected::Rejected;
