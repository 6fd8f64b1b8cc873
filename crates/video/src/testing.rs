//! A small BigBlueButton API server for tests, written from BBB's published
//! API (feature `testing`): the real one cannot run in a test.
//!
//! It serves `GET /bigbluebutton/api` (the version answer),
//! `/bigbluebutton/api/create` and `/bigbluebutton/api/join`, checks every
//! call's checksum as BBB does (the raw query string without its `checksum`
//! parameter, hashed after the call name and before the secret; SHA-1,
//! SHA-256, SHA-384 and SHA-512 told apart by length) and answers BBB's XML.
//! `create` keeps one meeting per `meetingID` and answers a repeat with
//! SUCCESS and `messageKey=duplicateWarning` — or FAILED `idNotUnique` when
//! the repeat brings other passwords, as BBB does. `join` with
//! `redirect=true` answers 302 to `/html5client/join?…` naming meeting, user
//! and role (served with a plain 200 page), else the XML answer.
//!
//! ```no_run
//! # async fn example() {
//! let server = knotenpunkt_video::testing::BbbServer::start("secret").await;
//! let provider = knotenpunkt_video::Provider::Bbb {
//!     url: server.url().to_owned(),
//!     secret: knotenpunkt_video::Secret::new("secret".into()),
//! };
//! // … enter rooms, then:
//! assert_eq!(server.meetings().len(), 0);
//! # }
//! ```

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex, MutexGuard};

use axum::Router;
use axum::extract::{Path, RawQuery, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use sha1::Sha1;
use sha2::{Digest, Sha256, Sha384, Sha512};

use crate::bbb::{encode, hex};

/// A meeting the server holds.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Meeting {
    /// The `meetingID` it was created with.
    pub id: String,
    /// Its `name`.
    pub name: String,
    /// How many `create` calls named it (1 for a meeting created once).
    pub creates: u32,
}

/// A call the server received.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Call {
    /// The API call: `create`, `join`, … (empty for `/bigbluebutton/api`).
    pub name: String,
    /// The raw query string, checksum included.
    pub query: String,
    /// The decoded parameters without `checksum`, in order.
    pub params: Vec<(String, String)>,
    /// What the server answered: `SUCCESS`, `FAILED` or `REDIRECT` (302).
    pub returncode: String,
    /// The answer's `messageKey`, if any (`duplicateWarning`,
    /// `checksumError`, …).
    pub message_key: Option<String>,
}

impl Call {
    /// The first value of parameter `name`.
    pub fn param(&self, name: &str) -> Option<&str> {
        self.params
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }
}

#[derive(Default)]
struct Held {
    meetings: BTreeMap<String, Stored>,
    calls: Vec<Call>,
}

struct Stored {
    meeting: Meeting,
    attendee_pw: Option<String>,
    moderator_pw: Option<String>,
}

#[derive(Clone)]
struct Shared {
    secret: Arc<str>,
    held: Arc<Mutex<Held>>,
}

impl Shared {
    fn lock(&self) -> MutexGuard<'_, Held> {
        // A test that panicked while holding the lock has failed already.
        self.held
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

/// The running server; it stops when dropped.
pub struct BbbServer {
    url: String,
    shared: Shared,
    task: tokio::task::JoinHandle<()>,
}

impl BbbServer {
    /// Starts a server on a free port of 127.0.0.1 that signs with `secret`.
    ///
    /// # Panics
    ///
    /// When no port can be bound (a test cannot run without it).
    #[allow(clippy::expect_used)]
    pub async fn start(secret: &str) -> BbbServer {
        let shared = Shared {
            secret: Arc::from(secret),
            held: Arc::default(),
        };
        let app = Router::new()
            .route("/bigbluebutton/api", get(version))
            .route("/bigbluebutton/api/", get(version))
            .route("/bigbluebutton/api/{call}", get(api))
            .route("/html5client/join", get(client))
            .with_state(shared.clone());
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind a port for the BBB test server");
        let port = listener
            .local_addr()
            .expect("the BBB test server's address")
            .port();
        let task = tokio::spawn(async move {
            let _ = axum::serve(listener, app).await;
        });
        BbbServer {
            url: format!("http://127.0.0.1:{port}/bigbluebutton/"),
            shared,
            task,
        }
    }

    /// The base address, `http://127.0.0.1:<port>/bigbluebutton/`, as
    /// [`crate::Provider::Bbb`]'s `url`.
    pub fn url(&self) -> &str {
        &self.url
    }

    /// The meetings held, by `meetingID`.
    pub fn meetings(&self) -> Vec<Meeting> {
        self.shared
            .lock()
            .meetings
            .values()
            .map(|s| s.meeting.clone())
            .collect()
    }

    /// The calls received, in order.
    pub fn calls(&self) -> Vec<Call> {
        self.shared.lock().calls.clone()
    }
}

impl std::fmt::Debug for BbbServer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("BbbServer").field("url", &self.url).finish()
    }
}

impl Drop for BbbServer {
    fn drop(&mut self) {
        self.task.abort();
    }
}

/// Decodes a query component as a servlet does: `+` is a space, `%XX` a
/// byte.
fn decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' if i + 2 < bytes.len() => {
                let digit = |b: u8| char::from(b).to_digit(16);
                match (digit(bytes[i + 1]), digit(bytes[i + 2])) {
                    (Some(high), Some(low)) => {
                        out.push(u8::try_from(high * 16 + low).unwrap_or(b'?'));
                        i += 2;
                    }
                    _ => out.push(b'%'),
                }
            }
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn params(query: &str) -> Vec<(String, String)> {
    query
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|p| match p.split_once('=') {
            Some((n, v)) => (decode(n), decode(v)),
            None => (decode(p), String::new()),
        })
        .collect()
}

/// The first non-empty value of parameter `name`.
fn value<'a>(params: &'a [(String, String)], name: &str) -> Option<&'a str> {
    params
        .iter()
        .find(|(n, _)| n == name)
        .map(|(_, v)| v.as_str())
        .filter(|v| !v.is_empty())
}

/// Whether `checksum` is right for `call` and the raw `query`, which still
/// contains it; BBB removes `checksum=…` from the raw string and hashes
/// call name + rest + secret.
fn checksum_ok(call: &str, query: &str, checksum: &str, secret: &str) -> bool {
    let param = format!("checksum={checksum}");
    let rest = if let Some(rest) = query.strip_prefix(&format!("{param}&")) {
        rest.to_owned()
    } else if query == param {
        String::new()
    } else {
        query.replacen(&format!("&{param}"), "", 1)
    };
    let input = format!("{call}{rest}{secret}");
    let expected = match checksum.len() {
        40 => hex(&Sha1::digest(input.as_bytes())),
        64 => hex(&Sha256::digest(input.as_bytes())),
        96 => hex(&Sha384::digest(input.as_bytes())),
        128 => hex(&Sha512::digest(input.as_bytes())),
        _ => return false,
    };
    expected.eq_ignore_ascii_case(checksum)
}

/// XML text with `&`, `<`, `>` and `"` escaped.
fn xml(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// An XML answer: `returncode`, then `fields` in order.
fn answer(returncode: &str, fields: &[(&str, &str)]) -> Response {
    let mut body = format!("<response>\n<returncode>{returncode}</returncode>\n");
    for (name, value) in fields {
        body.push_str(&format!("<{name}>{}</{name}>\n", xml(value)));
    }
    body.push_str("</response>\n");
    (
        StatusCode::OK,
        [(header::CONTENT_TYPE, "text/xml;charset=utf-8")],
        body,
    )
        .into_response()
}

fn failed(key: &str, message: &str) -> (Response, String, Option<String>) {
    (
        answer("FAILED", &[("messageKey", key), ("message", message)]),
        "FAILED".into(),
        Some(key.into()),
    )
}

async fn version() -> Response {
    answer(
        "SUCCESS",
        &[
            ("version", "2.0"),
            ("apiVersion", "2.0"),
            ("bbbVersion", "3.0 (knotenpunkt-video test server)"),
        ],
    )
}

async fn api(
    State(shared): State<Shared>,
    Path(call): Path<String>,
    RawQuery(query): RawQuery,
) -> Response {
    let query = query.unwrap_or_default();
    let all = params(&query);
    let checksum = all
        .iter()
        .find(|(n, _)| n == "checksum")
        .map(|(_, v)| v.clone());
    let params: Vec<(String, String)> = all.into_iter().filter(|(n, _)| n != "checksum").collect();
    let get = |name: &str| value(&params, name);
    let mut held = shared.lock();
    let answered = match checksum {
        Some(sum) if checksum_ok(&call, &query, &sum, &shared.secret) => match call.as_str() {
            "create" => create(
                &mut held,
                get("meetingID"),
                get("name"),
                get("attendeePW"),
                get("moderatorPW"),
            ),
            "join" => join(&held, &params),
            _ => failed("unsupportedRequest", "This request is not supported."),
        },
        _ => failed(
            "checksumError",
            "You did not pass the checksum security check",
        ),
    };
    let (response, returncode, message_key) = answered;
    held.calls.push(Call {
        name: call,
        query,
        params,
        returncode,
        message_key,
    });
    response
}

fn create(
    held: &mut Held,
    id: Option<&str>,
    name: Option<&str>,
    attendee_pw: Option<&str>,
    moderator_pw: Option<&str>,
) -> (Response, String, Option<String>) {
    let Some(id) = id else {
        return failed(
            "missingParamMeetingID",
            "You must specify a meeting ID for the meeting.",
        );
    };
    let name = name.unwrap_or(id);
    let fields = |key: Option<&str>, message: Option<&str>| {
        let mut fields = vec![
            ("meetingID", id),
            ("internalMeetingID", id),
            ("hasBeenForciblyEnded", "false"),
        ];
        if let (Some(key), Some(message)) = (key, message) {
            fields.push(("messageKey", key));
            fields.push(("message", message));
        }
        answer("SUCCESS", &fields)
    };
    if let Some(stored) = held.meetings.get_mut(id) {
        if stored.attendee_pw.as_deref() != attendee_pw
            || stored.moderator_pw.as_deref() != moderator_pw
            || stored.meeting.name != name
        {
            return failed(
                "idNotUnique",
                "A meeting already exists with that meeting ID. Please use a different meeting ID.",
            );
        }
        stored.meeting.creates += 1;
        let key = "duplicateWarning";
        return (
            fields(
                Some(key),
                Some("This conference was already in existence and may currently be in progress."),
            ),
            "SUCCESS".into(),
            Some(key.into()),
        );
    }
    held.meetings.insert(
        id.to_owned(),
        Stored {
            meeting: Meeting {
                id: id.to_owned(),
                name: name.to_owned(),
                creates: 1,
            },
            attendee_pw: attendee_pw.map(str::to_owned),
            moderator_pw: moderator_pw.map(str::to_owned),
        },
    );
    (fields(None, None), "SUCCESS".into(), None)
}

fn join(held: &Held, params: &[(String, String)]) -> (Response, String, Option<String>) {
    let get = |name: &str| value(params, name);
    let Some(id) = get("meetingID") else {
        return failed(
            "missingParamMeetingID",
            "You must specify a meeting ID for the meeting.",
        );
    };
    let Some(full_name) = get("fullName") else {
        return failed(
            "missingParamFullName",
            "You must specify a name for the attendee who will be joining the meeting.",
        );
    };
    let Some(stored) = held.meetings.get(id) else {
        return failed(
            "invalidMeetingIdentifier",
            "The meeting ID that you supplied did not match any existing meetings",
        );
    };
    let role = match (get("role").map(str::to_ascii_uppercase), get("password")) {
        (Some(role), _) if role == "MODERATOR" || role == "VIEWER" => role,
        (None, Some(pw)) if Some(pw) == stored.moderator_pw.as_deref() => "MODERATOR".into(),
        (None, Some(pw)) if Some(pw) == stored.attendee_pw.as_deref() => "VIEWER".into(),
        _ => {
            return failed(
                "invalidPassword",
                "You either did not supply a password or the password supplied is neither the attendee or moderator password for this conference.",
            );
        }
    };
    let user = get("userID").unwrap_or(full_name);
    let target = format!(
        "/html5client/join?meetingID={}&userID={}&fullName={}&role={role}",
        encode(id),
        encode(user),
        encode(full_name)
    );
    if get("redirect") == Some("false") {
        return (
            answer(
                "SUCCESS",
                &[
                    ("messageKey", "successfullyJoined"),
                    ("message", "You have joined successfully."),
                    ("meeting_id", id),
                    ("user_id", user),
                    ("url", &target),
                ],
            ),
            "SUCCESS".into(),
            Some("successfullyJoined".into()),
        );
    }
    (
        (StatusCode::FOUND, [(header::LOCATION, target)]).into_response(),
        "REDIRECT".into(),
        None,
    )
}

async fn client(RawQuery(query): RawQuery) -> Response {
    let params = params(&query.unwrap_or_default());
    let text: Vec<String> = params.iter().map(|(n, v)| format!("{n}: {v}")).collect();
    (
        StatusCode::OK,
        [(header::CONTENT_TYPE, "text/plain;charset=utf-8")],
        format!("BigBlueButton test client\n{}\n", text.join("\n")),
    )
        .into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_plus_and_percent() {
        assert_eq!(decode("Anna+M%C3%BCller%20%26"), "Anna Müller &");
        assert_eq!(decode("100%"), "100%");
        assert_eq!(decode("%zz"), "%zz");
    }

    #[test]
    fn checksum_is_checked_without_the_checksum_parameter() {
        let query = "meetingID=a&name=b";
        let sum = hex(&Sha256::digest(format!("create{query}s").as_bytes()));
        let raw = format!("{query}&checksum={sum}");
        assert!(checksum_ok("create", &raw, &sum, "s"));
        assert!(!checksum_ok("create", &raw, &sum, "t"));
        assert!(!checksum_ok("join", &raw, &sum, "s"));
        let first = format!("checksum={sum}&{query}");
        assert!(checksum_ok("create", &first, &sum, "s"));
        let sha1 = hex(&Sha1::digest(format!("create{query}s").as_bytes()));
        assert!(checksum_ok(
            "create",
            &format!("{query}&checksum={sha1}"),
            &sha1,
            "s"
        ));
    }
}
