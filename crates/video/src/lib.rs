//! # knotenpunkt-video: one video room per breakout room
//!
//! The After Work Lounge draws its participants into breakout rooms, round
//! after round; every breakout room gets a video room of its own. An
//! installation configures one video provider (or none), and this crate turns
//! "this person, this room, this round" into the address the person follows:
//!
//! - **Jitsi Meet** ([`Provider::Jitsi`]): the room is `{url}/{room}`. With a
//!   secret (Prosody's `app_secret`, token authentication as described in
//!   lib-jitsi-meet's `doc/tokens.md`) the link carries a JWT signed with
//!   HS256 in `?jwt=`, valid for this one room until the end of the round.
//! - **BigBlueButton** ([`Provider::Bbb`]): [`Rooms::enter`] creates the
//!   meeting (BBB's `create` is idempotent) and answers the signed `join` URL
//!   for this guest; the browser follows it.
//! - **A link template** ([`Provider::Template`]): `{room}` is replaced by the
//!   room name, for series that bring their own video service.
//!
//! Room names come from [`room_name`]: readable (series, date, round, room)
//! and unguessable (a [`new_token`] of 100 random bits), because on Jitsi
//! without tokens and on most link templates, whoever knows the name is in.
//!
//! ## Decisions
//!
//! **Jitsi `aud` is `"jitsi"`.** `tokens.md` says the audience "should be
//! negotiated with the service provider", uses `"jitsi"` in its example
//! token, and configures Prosody with `asap_accepted_audiences = { "*" }`,
//! which accepts it; a server with a stricter list needs `jitsi` on it. The
//! app id is what identifies us: it goes into `iss`, which Prosody checks
//! against its `app_id`. A Jitsi secret therefore requires an app id
//! (`--jitsi-app-id`), and an app id without a secret is refused too: there
//! would be nothing to sign with.
//!
//! **Jitsi `sub`** is the lowercase host of the URL (`meet.example.org`), or
//! the tenant when the URL has a path (`https://meet.example.org/tenant1` →
//! `tenant1`), as `tokens.md` describes. `room` is always this room's name,
//! never `*`: a leaked link opens one breakout room for one round. `nbf` and
//! `iat` are one minute before now (clock skew between us and Prosody), `exp`
//! is `until`. The moderator flag goes into `context.user` as the *strings*
//! `moderator: "true"|"false"` and `affiliation: "owner"|"member"`, the two
//! forms the common moderation plugins read (`tokens.md` notes that every
//! field of `user` must be a string).
//!
//! **BigBlueButton joins by role.** `join` sends `role=MODERATOR|VIEWER`
//! with `fullName`, `meetingID`, `userID` and `redirect=true`; BBB 2.6 and
//! 3.0 take the role from there, and the attendee/moderator passwords are
//! deprecated upstream, so no join URL carries a password. `create` sends
//! `name`, `meetingID`, `record=false` and — only for idempotency — an
//! `attendeePW` and `moderatorPW` derived from the room name and the secret
//! (the same on every call, unguessable without the secret, never stored):
//! BBB answers a repeated `create` with SUCCESS and
//! `messageKey=duplicateWarning` only when the passwords match the running
//! meeting's, and BBB generates random passwords when none are given, so
//! before the fix of 2023 (bigbluebutton/bigbluebutton#7369, #17937) a
//! second `create` without them failed with `idNotUnique`. So `enter` can call
//! `create` every time without remembering which meetings exist. Checksums
//! are SHA-256 over call name, query string (exactly as sent, values
//! percent-encoded, spaces as `%20`) and secret. The join URL is not fetched
//! here and does not expire by itself (BBB has no such parameter); the
//! meeting ends when BBB ends empty meetings.
//!
//! **Secrets** are [`Secret`]s: `Debug` and `Display` print `***`, there is
//! no `Serialize`, and no [`VideoError`] carries one; errors about a failed
//! request name the URL without its query string, which holds the checksum.
//!
//! **Lean dependencies.** HTTPS goes through reqwest on the rustls/ring/
//! webpki-roots stack that lettre already brings. jsonwebtoken is used
//! without its RSA/EC backends: this crate installs a small HS256-only
//! `CryptoProvider` on hmac/sha2 when the process has none (see
//! [`install_jwt_provider`]).
//!
//! The `testing` feature adds `testing::BbbServer`, a small BigBlueButton
//! API server for tests, written from the published API; this crate's tests
//! run against it (`tests/bbb.rs`), and so may other crates' HTTP tests.
//!
//! ## Tests
//!
//! `cargo test -p knotenpunkt-video`. `tests/jitsi.rs` verifies the tokens
//! with PyJWT, an independent JWT library: it runs `KNOTENPUNKT_TEST_PYTHON`
//! (set by `scripts/test`, which installs `crates/web/tests/requirements.txt`
//! into `target/test-venv`), else `python3`, and fails when that lacks
//! PyJWT.

#![deny(missing_docs)]

mod bbb;
mod jwt;
#[cfg(feature = "testing")]
pub mod testing;

use std::fmt;

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

pub use jwt::install_jwt_provider;

/// A secret from the configuration (a Jitsi app secret, a BBB shared secret).
///
/// `Debug` and `Display` print `***`; there is no `Serialize`. The value is
/// only read through [`Secret::expose`], to sign with it.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    /// Wraps a secret.
    pub fn new(secret: String) -> Self {
        Secret(secret)
    }

    /// The secret itself, to compute a signature or checksum with. Never
    /// print, log or show what this returns.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("***")
    }
}

impl fmt::Display for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("***")
    }
}

/// What went wrong. No variant carries a secret or a checksum.
#[derive(Debug, thiserror::Error)]
pub enum VideoError {
    /// The video settings do not fit together; `flag` names the command-line
    /// flag to fix.
    #[error("video configuration: {flag}: {problem}")]
    Config {
        /// The flag to fix, e.g. `--bbb-secret`.
        flag: &'static str,
        /// What is wrong with it.
        problem: String,
    },
    /// The video server could not be reached or did not answer in time.
    #[error("video server unreachable at {url}: {reason}")]
    Unreachable {
        /// The address called, without its query string.
        url: String,
        /// What failed (connection refused, timeout, TLS, …).
        reason: String,
    },
    /// The video server answered with an HTTP error status.
    #[error("video server at {url} answered HTTP {status}")]
    Status {
        /// The address called, without its query string.
        url: String,
        /// The HTTP status code.
        status: u16,
    },
    /// BigBlueButton answered `FAILED`.
    #[error("BigBlueButton refused {call}: {message_key}: {message}")]
    Failed {
        /// The API call, e.g. `create`.
        call: &'static str,
        /// BBB's `messageKey`, e.g. `checksumError`.
        message_key: String,
        /// BBB's `message`.
        message: String,
    },
    /// BigBlueButton answered something that is not its API's XML.
    #[error("BigBlueButton {call}: unreadable answer: {reason}")]
    Answer {
        /// The API call, e.g. `create`.
        call: &'static str,
        /// Why the answer could not be read.
        reason: String,
    },
    /// The Jitsi token could not be made.
    #[error("Jitsi token: {0}")]
    Token(String),
    /// The operating system gave no random numbers.
    #[error("no random numbers from the operating system: {0}")]
    Random(String),
}

/// The settings of an installation's video provider, as given on the
/// command line (`--jitsi-url`, `--jitsi-app-id`, `--jitsi-secret`,
/// `--bbb-url`, `--bbb-secret`). Empty strings count as not given.
#[derive(Clone, Default)]
pub struct VideoSettings {
    /// `--jitsi-url`, e.g. `https://meet.example.org`.
    pub jitsi_url: Option<String>,
    /// `--jitsi-app-id`: Prosody's `app_id`, the token's `iss`.
    pub jitsi_app_id: Option<String>,
    /// `--jitsi-secret`: Prosody's `app_secret`.
    pub jitsi_secret: Option<String>,
    /// `--bbb-url`, e.g. `https://bbb.example.org/bigbluebutton/`.
    pub bbb_url: Option<String>,
    /// `--bbb-secret`: the shared secret (`bbb-conf --secret`).
    pub bbb_secret: Option<String>,
}

impl fmt::Debug for VideoSettings {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let hidden = |s: &Option<String>| s.as_ref().map(|_| "***");
        f.debug_struct("VideoSettings")
            .field("jitsi_url", &self.jitsi_url)
            .field("jitsi_app_id", &self.jitsi_app_id)
            .field("jitsi_secret", &hidden(&self.jitsi_secret))
            .field("bbb_url", &self.bbb_url)
            .field("bbb_secret", &hidden(&self.bbb_secret))
            .finish()
    }
}

/// The installation's video provider.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Provider {
    /// Jitsi Meet at `url` (e.g. `https://meet.example.org`, no trailing
    /// slash); with `secret`, links carry a JWT (HS256) issued as `app_id`.
    Jitsi {
        /// The Jitsi Meet address, optionally with a tenant path.
        url: String,
        /// Prosody's `app_id`, the token's `iss`; required with `secret`.
        app_id: Option<String>,
        /// Prosody's `app_secret`; without it, links are plain room links.
        secret: Option<Secret>,
    },
    /// BigBlueButton at `url` (e.g. `https://bbb.example.org/bigbluebutton/`,
    /// with trailing slash), API calls signed with `secret`.
    Bbb {
        /// The BBB address the API lies under (`{url}api/create`).
        url: String,
        /// The shared secret.
        secret: Secret,
    },
    /// A plain link; `{room}` in the template is replaced by the room name
    /// (e.g. the series' own video link).
    Template(String),
}

/// Which kind of provider, for JSON and templates.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ProviderKind {
    /// Jitsi Meet.
    Jitsi,
    /// BigBlueButton.
    Bbb,
    /// A link template.
    Template,
}

/// A setting's value, trimmed; `None` when missing or empty.
fn given(value: &Option<String>) -> Option<&str> {
    value.as_deref().map(str::trim).filter(|v| !v.is_empty())
}

fn config(flag: &'static str, problem: impl Into<String>) -> VideoError {
    VideoError::Config {
        flag,
        problem: problem.into(),
    }
}

/// Checks that `raw` is an http(s) URL with a host and without credentials,
/// query or fragment, and answers it without trailing slashes.
fn check_url(flag: &'static str, raw: &str) -> Result<String, VideoError> {
    let example = "expected an http(s) address such as https://video.example.org";
    let url = reqwest::Url::parse(raw).map_err(|e| config(flag, format!("{e}; {example}")))?;
    if !matches!(url.scheme(), "http" | "https") {
        return Err(config(
            flag,
            format!("scheme {:?} is not http(s); {example}", url.scheme()),
        ));
    }
    if url.host_str().is_none_or(str::is_empty) {
        return Err(config(flag, format!("no host; {example}")));
    }
    if !url.username().is_empty() || url.password().is_some() {
        return Err(config(
            flag,
            "the address must not contain a user name or password",
        ));
    }
    if url.query().is_some() || url.fragment().is_some() {
        return Err(config(
            flag,
            "the address must not contain a query (?…) or fragment (#…)",
        ));
    }
    Ok(url.as_str().trim_end_matches('/').to_owned())
}

impl Provider {
    /// Builds the installation's provider from its settings; `None` when no
    /// provider is configured.
    ///
    /// # Errors
    ///
    /// [`VideoError::Config`] naming the flag to fix when Jitsi and BBB are
    /// both set, when `--jitsi-secret` and `--jitsi-app-id` are not given
    /// together, when either is given without `--jitsi-url`, when
    /// `--bbb-url` and `--bbb-secret` are not given together, or when a URL
    /// is not an http(s) address.
    pub fn from_settings(s: &VideoSettings) -> Result<Option<Provider>, VideoError> {
        let jitsi_url = given(&s.jitsi_url);
        let app_id = given(&s.jitsi_app_id);
        let jitsi_secret = given(&s.jitsi_secret);
        let bbb_url = given(&s.bbb_url);
        let bbb_secret = given(&s.bbb_secret);
        let jitsi = jitsi_url.is_some() || app_id.is_some() || jitsi_secret.is_some();
        let bbb = bbb_url.is_some() || bbb_secret.is_some();
        if jitsi && bbb {
            return Err(config(
                "--bbb-url",
                "Jitsi (--jitsi-*) and BigBlueButton (--bbb-*) are both configured; an \
                 installation has one video provider",
            ));
        }
        if jitsi {
            if jitsi_secret.is_some() && app_id.is_none() {
                return Err(config(
                    "--jitsi-app-id",
                    "--jitsi-secret needs --jitsi-app-id: Prosody checks the token's issuer \
                     against its app_id",
                ));
            }
            if app_id.is_some() && jitsi_secret.is_none() {
                return Err(config(
                    "--jitsi-secret",
                    "--jitsi-app-id needs --jitsi-secret to sign tokens with",
                ));
            }
            let Some(url) = jitsi_url else {
                return Err(config(
                    "--jitsi-url",
                    "--jitsi-app-id and --jitsi-secret need --jitsi-url",
                ));
            };
            return Ok(Some(Provider::Jitsi {
                url: check_url("--jitsi-url", url)?,
                app_id: app_id.map(str::to_owned),
                secret: jitsi_secret.map(|s| Secret::new(s.to_owned())),
            }));
        }
        if bbb {
            let Some(url) = bbb_url else {
                return Err(config("--bbb-url", "--bbb-secret needs --bbb-url"));
            };
            let Some(secret) = bbb_secret else {
                return Err(config(
                    "--bbb-secret",
                    "--bbb-url needs --bbb-secret, the shared secret `bbb-conf --secret` shows",
                ));
            };
            let url = check_url("--bbb-url", url)?;
            // Taken as given by `bbb-conf --secret` (…/bigbluebutton/) or with
            // the API path people copy from examples (…/bigbluebutton/api).
            let base = url.strip_suffix("/api").unwrap_or(&url);
            return Ok(Some(Provider::Bbb {
                url: format!("{base}/"),
                secret: Secret::new(secret.to_owned()),
            }));
        }
        Ok(None)
    }

    /// Which kind of provider this is.
    pub fn kind(&self) -> ProviderKind {
        match self {
            Provider::Jitsi { .. } => ProviderKind::Jitsi,
            Provider::Bbb { .. } => ProviderKind::Bbb,
            Provider::Template(_) => ProviderKind::Template,
        }
    }
}

/// Lowercase base32 (RFC 4648 alphabet, lowercased): 5 bits per character.
const BASE32: &[u8; 32] = b"abcdefghijklmnopqrstuvwxyz234567";

/// Characters in a [`new_token`]: 20 × 5 = 100 random bits.
pub const TOKEN_CHARS: usize = 20;

/// A random, unguessable part for room names: [`TOKEN_CHARS`] lowercase
/// base32 characters (100 bits) from the operating system's random numbers.
///
/// # Errors
///
/// [`VideoError::Random`] when the operating system gives no random numbers.
pub fn try_new_token() -> Result<String, VideoError> {
    let mut bytes = [0u8; TOKEN_CHARS];
    getrandom::fill(&mut bytes).map_err(|e| VideoError::Random(e.to_string()))?;
    // One character per byte, from its low 5 bits: uniform, as 256 is a
    // multiple of 32.
    Ok(bytes
        .iter()
        .map(|b| char::from(BASE32[usize::from(b & 31)]))
        .collect())
}

/// A random, unguessable part for room names; see [`try_new_token`].
///
/// # Panics
///
/// When the operating system gives no random numbers: a predictable room
/// name would let strangers in, and a system without random numbers cannot
/// run a server safely anyway. Use [`try_new_token`] to handle that case.
#[allow(clippy::expect_used)]
pub fn new_token() -> String {
    try_new_token().expect("the operating system gives no random numbers")
}

/// Most characters of the series' slug in a room name, so names stay short
/// enough for every provider (BBB allows 256 for `meetingID`).
const SLUG_MAX: usize = 48;

/// `text` as lowercase `[a-z0-9-]`: German umlauts and ß transliterated,
/// common accented Latin letters without their accent, anything else
/// outside a-z and 0-9 turned into single hyphens.
fn slug(text: &str) -> String {
    let mut out = String::new();
    let mut hyphen = false;
    for c in text.chars().flat_map(char::to_lowercase) {
        let part = match c {
            'a'..='z' | '0'..='9' => c.encode_utf8(&mut [0; 4]).to_owned(),
            'ä' => "ae".to_owned(),
            'ö' => "oe".to_owned(),
            'ü' => "ue".to_owned(),
            'ß' => "ss".to_owned(),
            'æ' => "ae".to_owned(),
            'œ' => "oe".to_owned(),
            'à' | 'á' | 'â' | 'ã' | 'å' => "a".to_owned(),
            'ç' | 'č' | 'ć' => "c".to_owned(),
            'è' | 'é' | 'ê' | 'ë' => "e".to_owned(),
            'ì' | 'í' | 'î' | 'ï' => "i".to_owned(),
            'ñ' | 'ń' => "n".to_owned(),
            'ò' | 'ó' | 'ô' | 'õ' | 'ø' => "o".to_owned(),
            'ù' | 'ú' | 'û' => "u".to_owned(),
            'ý' | 'ÿ' => "y".to_owned(),
            'š' | 'ś' => "s".to_owned(),
            'ž' | 'ź' | 'ż' => "z".to_owned(),
            'ł' => "l".to_owned(),
            _ => {
                hyphen = true;
                continue;
            }
        };
        if hyphen && !out.is_empty() {
            out.push('-');
        }
        hyphen = false;
        out.push_str(&part);
    }
    if out.len() > SLUG_MAX {
        out.truncate(SLUG_MAX);
        out.truncate(out.trim_end_matches('-').len());
    }
    out
}

/// The room name: series slug, date, round, room and the token, lowercase
/// `[a-z0-9-]`, e.g. `after-work-lounge-2026-12-09-r1-3-k7q2…`. Pure and
/// deterministic given the token; the series is slugged (umlauts
/// transliterated, at most 48 characters, `room` when nothing is left) and
/// so is the token.
pub fn room_name(series: &str, date: NaiveDate, round: u32, room: u32, token: &str) -> String {
    let series = slug(series);
    let series = if series.is_empty() {
        "room".to_owned()
    } else {
        series
    };
    let token = slug(token);
    let date = date.format("%Y-%m-%d");
    if token.is_empty() {
        format!("{series}-{date}-r{round}-{room}")
    } else {
        format!("{series}-{date}-r{round}-{room}-{token}")
    }
}

/// A video room: its name (from [`room_name`]) and its human title.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Room {
    /// The room's name, `[a-z0-9-]`; the last part of a Jitsi link, BBB's
    /// `meetingID`.
    pub name: String,
    /// The human title, e.g. "After Work Lounge · Runde 1 · Raum 3"; BBB's
    /// meeting `name`.
    pub title: String,
}

/// The person entering a room.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Guest {
    /// A stable user id (Jitsi `context.user.id`, BBB `userID`).
    pub id: String,
    /// The display name.
    pub name: String,
    /// The email address, for Jitsi's avatar lookup; optional.
    pub email: Option<String>,
    /// Whether the guest moderates the room.
    pub moderator: bool,
}

/// The video rooms of an installation: its provider and an HTTP client for
/// BigBlueButton's API.
#[derive(Clone, Debug)]
pub struct Rooms {
    provider: Provider,
    http: reqwest::Client,
}

/// How long a call to BigBlueButton's API may take.
const API_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(10);

/// The HTTP client for BigBlueButton's API: HTTPS with rustls, a timeout,
/// no redirects followed.
fn client() -> Result<reqwest::Client, reqwest::Error> {
    reqwest::Client::builder()
        .timeout(API_TIMEOUT)
        .connect_timeout(API_TIMEOUT)
        .redirect(reqwest::redirect::Policy::none())
        .build()
}

impl Rooms {
    /// The rooms of `provider`, with an HTTP client of their own (10 s
    /// timeout, no redirects followed).
    pub fn new(provider: Provider) -> Self {
        let http = client().unwrap_or_else(|_| reqwest::Client::new());
        Rooms { provider, http }
    }

    /// The rooms of `provider` calling BigBlueButton with `http`, e.g. a
    /// client the application shares; it should not follow redirects and
    /// should have a timeout.
    pub fn with_client(provider: Provider, http: reqwest::Client) -> Self {
        Rooms { provider, http }
    }

    /// The provider.
    pub fn provider(&self) -> &Provider {
        &self.provider
    }

    /// The address a participant follows to enter `room`, valid until
    /// `until` (the end of the round plus a grace).
    ///
    /// Jitsi: `{url}/{room}` and, with a secret, `?jwt=<token>`; Template:
    /// the template with `{room}` replaced; BBB: first `create` (idempotent),
    /// then the signed `join` URL for this guest (role MODERATOR/VIEWER).
    ///
    /// # Errors
    ///
    /// [`VideoError::Token`] when a Jitsi token cannot be made; for BBB
    /// [`VideoError::Unreachable`], [`VideoError::Status`],
    /// [`VideoError::Failed`] or [`VideoError::Answer`] when `create` fails.
    pub async fn enter(
        &self,
        room: &Room,
        guest: &Guest,
        now: DateTime<Utc>,
        until: DateTime<Utc>,
    ) -> Result<String, VideoError> {
        match &self.provider {
            Provider::Bbb { url, secret } => {
                bbb::create(&self.http, url, secret, room).await?;
                Ok(bbb::join_url(url, secret, room, guest))
            }
            Provider::Jitsi {
                url,
                app_id,
                secret,
            } => jitsi_link(
                url,
                app_id.as_deref(),
                secret.as_ref(),
                room,
                guest,
                now,
                until,
            ),
            Provider::Template(template) => Ok(template_link(template, room)),
        }
    }

    /// A link that may be shown on a page without side effects: Jitsi and
    /// Template as in [`Rooms::enter`]; BBB: `None` (the page links to the
    /// app's own "enter" route, which calls [`Rooms::enter`]).
    ///
    /// # Errors
    ///
    /// [`VideoError::Token`] when a Jitsi token cannot be made.
    pub fn direct_link(
        &self,
        room: &Room,
        guest: &Guest,
        now: DateTime<Utc>,
        until: DateTime<Utc>,
    ) -> Result<Option<String>, VideoError> {
        match &self.provider {
            Provider::Jitsi {
                url,
                app_id,
                secret,
            } => jitsi_link(
                url,
                app_id.as_deref(),
                secret.as_ref(),
                room,
                guest,
                now,
                until,
            )
            .map(Some),
            Provider::Template(template) => Ok(Some(template_link(template, room))),
            Provider::Bbb { .. } => Ok(None),
        }
    }
}

/// `{url}/{room}`, with `?jwt=` when there is a secret.
fn jitsi_link(
    url: &str,
    app_id: Option<&str>,
    secret: Option<&Secret>,
    room: &Room,
    guest: &Guest,
    now: DateTime<Utc>,
    until: DateTime<Utc>,
) -> Result<String, VideoError> {
    let link = format!("{}/{}", url.trim_end_matches('/'), path_segment(&room.name));
    let Some(secret) = secret else {
        return Ok(link);
    };
    let Some(app_id) = app_id else {
        return Err(VideoError::Token(
            "a Jitsi secret needs an app id (--jitsi-app-id)".into(),
        ));
    };
    let token = jwt::token(url, app_id, secret, room, guest, now, until)?;
    Ok(format!("{link}?jwt={token}"))
}

/// The template with `{room}` replaced by the room's name.
fn template_link(template: &str, room: &Room) -> String {
    template.replace("{room}", &path_segment(&room.name))
}

/// `text` percent-encoded for a URL path segment (room names from
/// [`room_name`] pass unchanged).
fn path_segment(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_http_client_builds_with_tls() {
        // reqwest::Client::new() would panic where this fails: TLS set up
        // from the rustls/ring/webpki-roots stack.
        assert!(client().is_ok());
    }

    #[test]
    fn slugs_are_lowercase_ascii() {
        assert_eq!(slug("Grüße aus Köln"), "gruesse-aus-koeln");
        assert_eq!(slug("--A  B--"), "a-b");
        assert_eq!(slug("Ελληνικά"), "");
        assert_eq!(path_segment("a b/ü"), "a%20b%2F%C3%BC");
    }
}
