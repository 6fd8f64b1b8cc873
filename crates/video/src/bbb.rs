//! BigBlueButton's API: signed calls (`{url}api/{call}?{query}&checksum=…`),
//! `create` and the `join` URL.

use serde::Deserialize;
use sha2::{Digest, Sha256};

use crate::{Guest, Room, Secret, VideoError};

/// `value` percent-encoded for a query string: everything but the
/// unreserved characters, spaces as `%20`. The checksum covers the query as
/// sent, so the one rule that matters is to sign exactly this string.
pub(crate) fn encode(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for b in value.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// The query string of `params`, in their order.
fn query(params: &[(&str, &str)]) -> String {
    params
        .iter()
        .map(|(name, value)| format!("{name}={}", encode(value)))
        .collect::<Vec<_>>()
        .join("&")
}

/// Lowercase hex.
pub(crate) fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// BBB's checksum: SHA-256 over call name, query string and secret, in hex.
pub(crate) fn checksum(call: &str, query: &str, secret: &str) -> String {
    let mut hash = Sha256::new();
    hash.update(call.as_bytes());
    hash.update(query.as_bytes());
    hash.update(secret.as_bytes());
    hex(&hash.finalize())
}

/// The signed address of `call` with `params`.
fn signed(base: &str, secret: &Secret, call: &str, params: &[(&str, &str)]) -> String {
    let query = query(params);
    let sum = checksum(call, &query, secret.expose());
    format!("{}api/{call}?{query}&checksum={sum}", with_slash(base))
}

fn with_slash(base: &str) -> String {
    format!("{}/", base.trim_end_matches('/'))
}

/// What every API answer starts with.
#[derive(Deserialize)]
struct Answer {
    returncode: String,
    #[serde(rename = "messageKey", default)]
    message_key: Option<String>,
    #[serde(default)]
    message: Option<String>,
}

/// Reads an API answer: `Ok` for SUCCESS (whatever its `messageKey`, e.g.
/// `duplicateWarning`), [`VideoError::Failed`] for FAILED.
fn read(call: &'static str, body: &str) -> Result<(), VideoError> {
    let answer: Answer = quick_xml::de::from_str(body).map_err(|e| VideoError::Answer {
        call,
        reason: e.to_string(),
    })?;
    match answer.returncode.trim() {
        "SUCCESS" => Ok(()),
        "FAILED" => Err(VideoError::Failed {
            call,
            message_key: answer.message_key.unwrap_or_default().trim().to_owned(),
            message: answer.message.unwrap_or_default().trim().to_owned(),
        }),
        other => Err(VideoError::Answer {
            call,
            reason: format!("returncode {other:?}"),
        }),
    }
}

/// What went wrong with a request, with its causes, without the URL (whose
/// query holds the checksum).
fn reason(error: reqwest::Error) -> String {
    let error = error.without_url();
    let mut text = error.to_string();
    let mut source = std::error::Error::source(&error);
    while let Some(cause) = source {
        text.push_str(": ");
        text.push_str(&cause.to_string());
        source = cause.source();
    }
    text
}

/// A meeting password derived from the room and the secret: the same on
/// every `create` of the room, unguessable without the secret. Joins go by
/// role and never carry it; it is sent only so that a repeated `create`
/// matches the running meeting on BBB versions that compare passwords (and
/// generate random ones when none are given, which made a second `create`
/// fail with `idNotUnique` before the fix of bigbluebutton#17937).
fn password(kind: &str, room: &Room, secret: &Secret) -> String {
    let mut sum = checksum(kind, &room.name, secret.expose());
    sum.truncate(20);
    sum
}

/// Creates the meeting of `room` — or finds it running: BBB answers a
/// repeated `create` with SUCCESS and `messageKey=duplicateWarning`.
pub(crate) async fn create(
    http: &reqwest::Client,
    base: &str,
    secret: &Secret,
    room: &Room,
) -> Result<(), VideoError> {
    const CALL: &str = "create";
    let attendee = password("attendeePW", room, secret);
    let moderator = password("moderatorPW", room, secret);
    let address = signed(
        base,
        secret,
        CALL,
        &[
            ("name", or(&room.title, &room.name)),
            ("meetingID", &room.name),
            ("attendeePW", &attendee),
            ("moderatorPW", &moderator),
            ("record", "false"),
        ],
    );
    let shown = format!("{}api/{CALL}", with_slash(base));
    let unreachable = |e: reqwest::Error| VideoError::Unreachable {
        url: shown.clone(),
        reason: reason(e),
    };
    let response = http.get(&address).send().await.map_err(unreachable)?;
    let status = response.status();
    if !status.is_success() {
        return Err(VideoError::Status {
            url: shown,
            status: status.as_u16(),
        });
    }
    let body = response.text().await.map_err(unreachable)?;
    read(CALL, &body)
}

/// `text`, or `fallback` when `text` is blank: BBB refuses an empty `name`
/// or `fullName`.
fn or<'a>(text: &'a str, fallback: &'a str) -> &'a str {
    if text.trim().is_empty() {
        fallback
    } else {
        text
    }
}

/// The signed `join` address for `guest` in `room`; BBB redirects the
/// browser into the meeting.
pub(crate) fn join_url(base: &str, secret: &Secret, room: &Room, guest: &Guest) -> String {
    let role = if guest.moderator {
        "MODERATOR"
    } else {
        "VIEWER"
    };
    signed(
        base,
        secret,
        "join",
        &[
            ("fullName", or(&guest.name, &guest.id)),
            ("meetingID", &room.name),
            ("role", role),
            ("userID", &guest.id),
            ("redirect", "true"),
        ],
    )
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn checksum_is_sha256_over_call_query_and_secret() {
        // sha256("createname=Test&meetingID=abc123secret")
        let expected = hex(&Sha256::digest(b"createname=Test&meetingID=abc123secret"));
        assert_eq!(
            checksum("create", "name=Test&meetingID=abc123", "secret"),
            expected
        );
        assert_eq!(expected.len(), 64);
    }

    #[test]
    fn values_are_percent_encoded() {
        assert_eq!(
            encode("Anna Müller & Co."),
            "Anna%20M%C3%BCller%20%26%20Co."
        );
        assert_eq!(
            query(&[("a", "x y"), ("b", "1+1=2")]),
            "a=x%20y&b=1%2B1%3D2"
        );
    }

    #[test]
    fn answers_are_read() {
        let ok = "<response><returncode>SUCCESS</returncode><meetingID>m</meetingID>\
                  <messageKey>duplicateWarning</messageKey><message>exists</message></response>";
        assert!(read("create", ok).is_ok());
        let failed = "<?xml version=\"1.0\"?>\n<response>\n  <returncode>FAILED</returncode>\n  \
                      <messageKey>checksumError</messageKey>\n  <message>Checksums do not \
                      match</message>\n</response>";
        match read("create", failed) {
            Err(VideoError::Failed {
                message_key,
                message,
                ..
            }) => {
                assert_eq!(message_key, "checksumError");
                assert_eq!(message, "Checksums do not match");
            }
            other => panic!("{other:?}"),
        }
        assert!(matches!(
            read("create", "<html>502</html>"),
            Err(VideoError::Answer { .. })
        ));
    }
}
