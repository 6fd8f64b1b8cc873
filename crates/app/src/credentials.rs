//! Sessions and API tokens held in memory between requests.
//!
//! Finding the person behind a cookie takes half a dozen queries (the
//! session, the person, their roles through memberships and granted
//! directly, their groups, what they edit). A signed-in member sends that
//! cookie with every page, so the answer is kept: valid while the change
//! counters are unchanged (a sign-out, a role, a membership anywhere raises
//! them, in any process) and while the session has not run out by the
//! clock. Use is written back at most once a minute; the idle limit is
//! hours, so a minute's lag cannot end a session early or keep one alive.

use std::sync::Arc;
use std::sync::atomic::{AtomicI64, Ordering};

use knotenpunkt_access::Actor;
use knotenpunkt_domain::Person;
use knotenpunkt_store::Counters;
use quick_cache::sync::Cache;

use crate::accounts::Session;

/// How often, at most, the last use of a session or token is written.
pub(crate) const TOUCH_EVERY: i64 = 60;

/// Live sessions and tokens by the digest of their secret.
#[derive(Debug)]
pub(crate) struct Credentials {
    sessions: Cache<String, Arc<Held<Session>>>,
    tokens: Cache<String, Arc<Held<TokenHolder>>>,
}

impl Default for Credentials {
    fn default() -> Self {
        Credentials {
            sessions: Cache::new(10_000),
            tokens: Cache::new(1_000),
        }
    }
}

/// What a token opens: its id (to record use), the person and their rights.
#[derive(Debug, Clone)]
pub(crate) struct TokenHolder {
    pub(crate) id: i64,
    pub(crate) person: Person,
    pub(crate) actor: Actor,
}

/// One credential as found, with what makes it still valid.
#[derive(Debug)]
pub(crate) struct Held<T> {
    pub(crate) value: T,
    /// The counters it was found under; any change makes it stale.
    pub(crate) counters: Counters,
    /// When the session began (Unix seconds); tokens have no lifetime.
    pub(crate) created_at: i64,
    /// When its use was last written.
    pub(crate) last_seen: AtomicI64,
}

impl<T> Held<T> {
    pub(crate) fn new(value: T, counters: Counters, created_at: i64, last_seen: i64) -> Self {
        Held {
            value,
            counters,
            created_at,
            last_seen: AtomicI64::new(last_seen),
        }
    }

    pub(crate) fn last_seen(&self) -> i64 {
        self.last_seen.load(Ordering::Relaxed)
    }

    /// Whether its use should be written now; if so, notes it as written
    /// (so one request of many writes it).
    pub(crate) fn due_for_touch(&self, now: i64) -> bool {
        let seen = self.last_seen();
        now - seen >= TOUCH_EVERY
            && self
                .last_seen
                .compare_exchange(seen, now, Ordering::AcqRel, Ordering::Relaxed)
                .is_ok()
    }
}

impl Credentials {
    /// The session of this digest, if it was found under `counters`.
    pub(crate) fn session(&self, digest: &str, counters: Counters) -> Option<Arc<Held<Session>>> {
        self.sessions.get(digest).filter(|h| h.counters == counters)
    }

    pub(crate) fn keep_session(&self, digest: String, held: Held<Session>) {
        self.sessions.insert(digest, Arc::new(held));
    }

    pub(crate) fn forget_session(&self, digest: &str) {
        self.sessions.remove(digest);
    }

    /// The token of this digest, if it was found under `counters`.
    pub(crate) fn token(&self, digest: &str, counters: Counters) -> Option<Arc<Held<TokenHolder>>> {
        self.tokens.get(digest).filter(|h| h.counters == counters)
    }

    pub(crate) fn keep_token(&self, digest: String, held: Held<TokenHolder>) {
        self.tokens.insert(digest, Arc::new(held));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn use_is_written_once_a_minute_by_one_caller() {
        let h = Held::new((), Counters::default(), 1_000, 1_000);
        assert!(!h.due_for_touch(1_030));
        assert!(h.due_for_touch(1_060));
        // The first caller took it; the next in the same minute does not.
        assert!(!h.due_for_touch(1_061));
        assert_eq!(h.last_seen(), 1_060);
        assert!(h.due_for_touch(1_200));
    }

    #[test]
    fn a_credential_found_under_other_counters_is_not_used() {
        let c = Credentials::default();
        let under = Counters {
            directory: 3,
            accounts: 7,
        };
        let session = Session {
            person: Person {
                id: 1,
                name: "A".into(),
                email: "a@example.org".parse().unwrap(),
                organization: None,
                phone: None,
                function: None,
                language: knotenpunkt_domain::Language::De,
                admin: false,
                active: true,
            },
            actor: Actor::signed_in(1),
            csrf: "x".into(),
        };
        c.keep_session("d".into(), Held::new(session, under, 0, 0));
        assert!(c.session("d", under).is_some());
        let later = Counters {
            directory: 3,
            accounts: 8,
        };
        assert!(c.session("d", later).is_none());
        c.forget_session("d");
        assert!(c.session("d", under).is_none());
    }
}
