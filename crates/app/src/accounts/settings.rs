//! How accounts behave on one installation: where mail goes, the site's
//! address for links, and how long links, sessions and tokens live.

use knotenpunkt_mail::Mailer;

/// A day in seconds, for the defaults and the purge.
pub(crate) const DAY: i64 = 24 * 60 * 60;

/// How accounts behave on this installation.
#[derive(Debug, Clone)]
pub struct AccountSettings {
    /// The address people reach the site under (`https://knotenpunkt.example`),
    /// the start of every link in a mail.
    pub base_url: String,
    /// Where mail goes.
    pub mailer: Mailer,
    /// How long an invitation link works, in seconds.
    pub invitation_ttl: i64,
    /// How long a reset link works, in seconds.
    pub reset_ttl: i64,
    /// A session unused this long (seconds) ends.
    pub session_idle: i64,
    /// A session ends this long (seconds) after sign-in, used or not.
    pub session_absolute: i64,
    /// API tokens unused this long (seconds) are removed; `None` keeps them.
    pub api_token_idle: Option<i64>,
    /// Audit entries older than this (seconds) are removed; `None` keeps them.
    pub audit_retention: Option<i64>,
}

impl Default for AccountSettings {
    fn default() -> Self {
        AccountSettings {
            base_url: "http://localhost:8080".into(),
            mailer: Mailer::log_only("knotenpunkt@localhost.localdomain"),
            invitation_ttl: 7 * DAY,
            reset_ttl: 60 * 60,
            session_idle: 12 * 60 * 60,
            session_absolute: 14 * DAY,
            api_token_idle: Some(365 * DAY),
            audit_retention: Some(2 * 365 * DAY),
        }
    }
}

/// The shortest password accepted. Length is what makes a password strong;
/// composition rules only make it harder to remember (NIST SP 800-63B).
pub const MIN_PASSWORD_CHARS: usize = 10;
/// The longest, so hashing stays cheap for the server.
pub const MAX_PASSWORD_CHARS: usize = 1024;
