//! Confirmations after Post/Redirect/Get: a successful form answers 303 to
//! its page with a flag (`?erledigt=member-added`), and the page shows the
//! sentence the flag names.
//!
//! Each set of pages knows its own flags; anything else in the query is
//! ignored, so a link cannot make a page say something else.

use axum::response::{IntoResponse, Redirect, Response};

use crate::pages::ctx::Ctx;
use crate::pages::query;

/// The flags a set of pages shows confirmations for.
pub(crate) struct Confirmations {
    /// The query parameter that carries the flag.
    param: &'static str,
    /// The catalogue's messages are this prefix and the flag.
    messages: &'static str,
    known: &'static [&'static str],
}

/// The management of a network and the platform's administration.
pub(crate) const DONE: Confirmations = Confirmations {
    param: "erledigt",
    messages: "manage-done-",
    known: &[
        "member-added",
        "member-removed",
        "cohort-added",
        "call-added",
        "call-deleted",
        "call-saved",
        "cohort-deleted",
        "series-created",
        "series-saved",
        "meeting-changed",
        "change-undone",
        "invited",
        "invited-existing",
        "role-changed",
        "member-saved",
        "cohort-saved",
        "series-deleted",
        "group-created",
        "group-saved",
        "network-created",
        "cooperation-created",
        "cooperation-saved",
        "cooperation-deleted",
        "network-deleted",
        "organization-deleted",
        "lounge-saved",
    ],
};

/// A network's joint applications.
pub(crate) const APPLICATIONS: Confirmations = Confirmations {
    param: "erledigt",
    messages: "applications-done-",
    known: &[
        "application-created",
        "application-saved",
        "application-deleted",
        "task-added",
        "task-saved",
        "task-deleted",
    ],
};

/// An event's page.
pub(crate) const EVENTS: Confirmations = Confirmations {
    param: "erledigt",
    messages: "event-done-",
    known: &[
        "created",
        "saved",
        "deleted",
        "registered",
        "waiting",
        "added",
        "cancelled",
        "closed",
        "opened",
        "requested",
        "confirmed",
        "confirmed-waiting",
    ],
};

/// A working group's page.
pub(crate) const GROUPS: Confirmations = Confirmations {
    param: "erledigt",
    messages: "group-done-",
    known: &[
        "created",
        "saved",
        "joined",
        "requested",
        "left",
        "accepted",
        "declined",
        "not-member",
        "no-request",
    ],
};

/// An organisation's profile and a network's settings.
pub(crate) const PROFILE: Confirmations = Confirmations {
    param: "erledigt",
    messages: "profile-done-",
    known: &[
        "profile-saved",
        "editor-added",
        "editor-removed",
        "settings-saved",
        "organization-created",
    ],
};

/// The forms of a meeting's and a series' page.
pub(crate) const SAVED: Confirmations = Confirmations {
    param: "gespeichert",
    messages: "meeting-form-saved-",
    known: &[
        "agenda-added",
        "agenda-removed",
        "minutes",
        "attendance",
        "unavailable",
    ],
};

/// The knowledge exchange's forms.
pub(crate) const KNOWLEDGE: Confirmations = Confirmations {
    param: "erledigt",
    messages: "knowledge-done-",
    known: &[
        "project-created",
        "project-saved",
        "project-deleted",
        "experience-created",
        "experience-saved",
        "experience-deleted",
        "comment-added",
        "question-asked",
    ],
};

/// The forms of a lounge evening's page.
pub(crate) const LOUNGE: Confirmations = Confirmations {
    param: "erledigt",
    messages: "lounge-done-",
    known: &[
        "checked-in",
        "checked-out",
        "drawn",
        "already-drawn",
        "late-placed",
        "no-video",
    ],
};

impl Confirmations {
    /// The confirmation a redirect asked for with its flag, if it is one of
    /// this set's.
    pub(crate) fn shown(&self, ctx: &Ctx, raw_query: Option<&str>) -> Option<String> {
        raw_query
            .map(query::parse)
            .unwrap_or_default()
            .into_iter()
            .find(|(k, _)| k == self.param)
            .and_then(|(_, v)| self.known.iter().find(|d| **d == v))
            .map(|d| ctx.t(&format!("{}{d}", self.messages)))
    }

    /// The 303 after a successful write: to `path` with flag `what`, the
    /// explicit language choice carried on.
    pub(crate) fn done(&self, ctx: &Ctx, path: &str, what: &'static str) -> Response {
        debug_assert!(self.known.contains(&what), "{what} is no flag of this set");
        let to = query::url(
            path,
            &[(self.param, what), ("lang", ctx.lang_param().unwrap_or(""))],
        );
        Redirect::to(&to).into_response()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_known_confirmations_are_shown() {
        let de = Ctx::new("/", "", None);
        assert_eq!(
            DONE.shown(&de, Some("erledigt=cohort-added")).as_deref(),
            Some("Die Staffel wurde angelegt.")
        );
        assert_eq!(DONE.shown(&de, Some("erledigt=Sie+wurden+gehackt")), None);
        assert_eq!(DONE.shown(&de, Some("lang=en")), None);
        assert_eq!(DONE.shown(&de, None), None);
        // A flag of another set is not this set's.
        assert_eq!(PROFILE.shown(&de, Some("erledigt=cohort-added")), None);
        assert_eq!(SAVED.shown(&de, Some("erledigt=minutes")), None);
    }

    #[test]
    fn every_flag_has_its_sentence_in_both_languages() {
        for set in [&DONE, &PROFILE, &SAVED, &LOUNGE] {
            for d in set.known {
                for q in ["", "lang=en"] {
                    let ctx = Ctx::new("/", q, None);
                    let text = set.shown(&ctx, Some(&format!("{}={d}", set.param)));
                    assert!(
                        text.as_ref().is_some_and(|t| !t.starts_with(set.messages)),
                        "{d} has no message"
                    );
                }
            }
        }
    }

    #[test]
    fn the_redirect_carries_the_flag_and_the_language() {
        let en = Ctx::new("/", "lang=en", None);
        let r = SAVED.done(&en, "/reihen/x", "minutes");
        assert_eq!(r.status(), axum::http::StatusCode::SEE_OTHER);
        assert_eq!(
            r.headers()["location"],
            "/reihen/x?gespeichert=minutes&lang=en"
        );
    }
}
