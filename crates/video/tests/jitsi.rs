//! Jitsi links and their tokens, checked by an independent JWT library:
//! PyJWT decodes every token with the secret, `algorithms=["HS256"]`, the
//! audience and the issuer, as Prosody's token plugin would, and this test
//! asserts on the claims it hands back.
//!
//! The interpreter is `KNOTENPUNKT_TEST_PYTHON` (set by `scripts/test`,
//! which installs `crates/web/tests/requirements.txt` into
//! `target/test-venv`), else `python3`. Like the other tests that talk to
//! third-party Python programs, this one fails — it does not skip — when
//! that interpreter lacks PyJWT: a pass that checked nothing would hide a
//! token Jitsi refuses.

// Test code: a failed unwrap is a failed test, which is what it should be.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::process::Command;

use chrono::{DateTime, Duration, Utc};
use knotenpunkt_video::{Guest, Provider, Room, Rooms, Secret, VideoSettings};
use serde_json::Value;

const SECRET: &str = "jitsi-App-s3cret-0123456789abcdefghij";
const APP_ID: &str = "knotenpunkt";

/// The interpreter with PyJWT, or a failure that says how to get one.
fn python() -> String {
    let python = std::env::var("KNOTENPUNKT_TEST_PYTHON").unwrap_or_else(|_| "python3".into());
    let ok = Command::new(&python)
        .args(["-c", "import jwt; jwt.PyJWT"])
        .stderr(std::process::Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    assert!(
        ok,
        "{python} lacks PyJWT (module jwt): run `bash scripts/test`, or set \
         KNOTENPUNKT_TEST_PYTHON to a Python with the packages of \
         crates/web/tests/requirements.txt"
    );
    python
}

/// Decodes and verifies `token` with PyJWT; the secret goes through the
/// environment, not the command line.
const VERIFY: &str = r#"
import json, os, sys
import jwt

token, audience, issuer = sys.argv[1:4]
try:
    claims = jwt.decode(
        token,
        os.environ["KNOTENPUNKT_TEST_JWT_SECRET"],
        algorithms=["HS256"],
        audience=audience,
        issuer=issuer,
        options={"require": ["exp", "iat", "nbf", "iss", "aud", "sub"]},
    )
    header = jwt.get_unverified_header(token)
    print(json.dumps({"ok": True, "claims": claims, "header": header}))
except jwt.InvalidTokenError as error:
    print(json.dumps({"ok": False, "error": type(error).__name__, "message": str(error)}))
"#;

/// PyJWT's verdict on `token`: `{"ok": true, "claims": …, "header": …}` or
/// `{"ok": false, "error": <exception class>, …}`.
fn pyjwt(token: &str, secret: &str, audience: &str, issuer: &str) -> Value {
    let output = Command::new(python())
        .args(["-c", VERIFY, token, audience, issuer])
        .env("KNOTENPUNKT_TEST_JWT_SECRET", secret)
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "PyJWT script failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).unwrap_or_else(|e| {
        panic!(
            "PyJWT printed no JSON ({e}): {}",
            String::from_utf8_lossy(&output.stdout)
        )
    })
}

/// The claims of a token PyJWT accepted.
fn verified(token: &str) -> Value {
    let verdict = pyjwt(token, SECRET, "jitsi", APP_ID);
    assert_eq!(verdict["ok"], true, "PyJWT refused the token: {verdict}");
    assert_eq!(verdict["header"]["alg"], "HS256", "{verdict}");
    verdict["claims"].clone()
}

fn provider(url: &str) -> Provider {
    Provider::from_settings(&VideoSettings {
        jitsi_url: Some(url.into()),
        jitsi_app_id: Some(APP_ID.into()),
        jitsi_secret: Some(SECRET.into()),
        ..VideoSettings::default()
    })
    .unwrap()
    .unwrap()
}

fn room(name: &str) -> Room {
    Room {
        name: name.into(),
        title: "After Work Lounge · Runde 1 · Raum 3".into(),
    }
}

fn anna() -> Guest {
    Guest {
        id: "user-17".into(),
        name: "Anna Müller".into(),
        email: Some("anna@example.org".into()),
        moderator: false,
    }
}

/// The link's address before `?jwt=` and the token.
fn split(link: &str) -> (&str, &str) {
    link.split_once("?jwt=")
        .unwrap_or_else(|| panic!("no ?jwt= in {link}"))
}

fn window() -> (DateTime<Utc>, DateTime<Utc>) {
    let now = Utc::now();
    (now, now + Duration::minutes(35))
}

#[tokio::test]
async fn pyjwt_accepts_the_token_and_reads_room_domain_expiry_and_user() {
    let rooms = Rooms::new(provider("https://meet.example.org/"));
    let name = "after-work-lounge-2026-12-09-r1-3-k7q2abcdefghijklmnop";
    let (now, until) = window();
    let link = rooms.enter(&room(name), &anna(), now, until).await.unwrap();
    let (address, token) = split(&link);
    assert_eq!(address, format!("https://meet.example.org/{name}"));

    let claims = verified(token);
    assert_eq!(claims["room"], name);
    assert_eq!(claims["sub"], "meet.example.org");
    assert_eq!(claims["iss"], APP_ID);
    assert_eq!(claims["aud"], "jitsi");
    assert_eq!(claims["exp"], until.timestamp());
    assert!(claims["nbf"].as_i64().unwrap() <= now.timestamp());
    assert!(claims["iat"].as_i64().unwrap() <= now.timestamp());
    assert!(claims["nbf"].as_i64().unwrap() >= now.timestamp() - 300);
    let user = &claims["context"]["user"];
    assert_eq!(user["name"], "Anna Müller");
    assert_eq!(user["id"], "user-17");
    assert_eq!(user["email"], "anna@example.org");
    assert_eq!(user["moderator"], "false");
    assert_eq!(user["affiliation"], "member");

    // The page link is the same kind of link, without side effects.
    let direct = rooms
        .direct_link(&room(name), &anna(), now, until)
        .unwrap()
        .unwrap();
    assert_eq!(verified(split(&direct).1)["room"], name);
}

#[tokio::test]
async fn a_moderator_token_says_so_and_a_missing_email_is_left_out() {
    let rooms = Rooms::new(provider("https://meet.example.org"));
    let (now, until) = window();
    let guest = Guest {
        email: None,
        moderator: true,
        ..anna()
    };
    let link = rooms.enter(&room("r-1"), &guest, now, until).await.unwrap();
    let user = verified(split(&link).1)["context"]["user"].clone();
    assert_eq!(user["moderator"], "true");
    assert_eq!(user["affiliation"], "owner");
    assert!(user.get("email").is_none(), "{user}");
    // Every field of the user is a string, as Prosody's plugins require.
    assert!(
        user.as_object().unwrap().values().all(Value::is_string),
        "{user}"
    );
}

#[tokio::test]
async fn a_token_for_room_a_does_not_carry_room_b() {
    let rooms = Rooms::new(provider("https://meet.example.org"));
    let (now, until) = window();
    let a = "lounge-2026-12-09-r1-1-aaaaaaaaaaaaaaaaaaaa";
    let b = "lounge-2026-12-09-r1-2-bbbbbbbbbbbbbbbbbbbb";
    let link_a = rooms.enter(&room(a), &anna(), now, until).await.unwrap();
    let link_b = rooms.enter(&room(b), &anna(), now, until).await.unwrap();
    let claims_a = verified(split(&link_a).1);
    let claims_b = verified(split(&link_b).1);
    assert_eq!(claims_a["room"], a);
    assert_eq!(claims_b["room"], b);
    assert!(!claims_a.to_string().contains(b), "{claims_a}");
    assert_ne!(claims_a["room"], "*");
    assert!(!link_a.contains(b));
}

#[tokio::test]
async fn pyjwt_refuses_another_secret_another_audience_and_an_expired_token() {
    let rooms = Rooms::new(provider("https://meet.example.org"));
    let (now, until) = window();
    let link = rooms
        .enter(&room("r-1"), &anna(), now, until)
        .await
        .unwrap();
    let token = split(&link).1;

    let other_secret = pyjwt(
        token,
        "another-secret-0123456789abcdefghijk",
        "jitsi",
        APP_ID,
    );
    assert_eq!(other_secret["ok"], false, "{other_secret}");
    assert_eq!(
        other_secret["error"], "InvalidSignatureError",
        "{other_secret}"
    );

    // A token signed with another secret is refused with ours, too.
    let forged = Rooms::new(Provider::Jitsi {
        url: "https://meet.example.org".into(),
        app_id: Some(APP_ID.into()),
        secret: Some(Secret::new("another-secret-0123456789abcdefghijk".into())),
    })
    .enter(&room("r-1"), &anna(), now, until)
    .await
    .unwrap();
    let verdict = pyjwt(split(&forged).1, SECRET, "jitsi", APP_ID);
    assert_eq!(verdict["error"], "InvalidSignatureError", "{verdict}");

    let other_audience = pyjwt(token, SECRET, "someone-else", APP_ID);
    assert_eq!(
        other_audience["error"], "InvalidAudienceError",
        "{other_audience}"
    );
    let other_issuer = pyjwt(token, SECRET, "jitsi", "someone-else");
    assert_eq!(
        other_issuer["error"], "InvalidIssuerError",
        "{other_issuer}"
    );

    let past = now - Duration::hours(2);
    let expired = rooms
        .enter(&room("r-1"), &anna(), past, past + Duration::minutes(30))
        .await
        .unwrap();
    let verdict = pyjwt(split(&expired).1, SECRET, "jitsi", APP_ID);
    assert_eq!(verdict["error"], "ExpiredSignatureError", "{verdict}");
}

#[tokio::test]
async fn a_tenant_url_puts_the_tenant_into_sub() {
    let rooms = Rooms::new(provider("https://meet.example.org/Netzwerk-Sued"));
    let (now, until) = window();
    let link = rooms
        .enter(&room("r-1"), &anna(), now, until)
        .await
        .unwrap();
    let (address, token) = split(&link);
    assert_eq!(address, "https://meet.example.org/Netzwerk-Sued/r-1");
    assert_eq!(verified(token)["sub"], "netzwerk-sued");
}

#[test]
fn token_errors_never_carry_the_secret() {
    // A provider built by hand with a secret but no app id cannot issue.
    let rooms = Rooms::new(Provider::Jitsi {
        url: "https://meet.example.org".into(),
        app_id: None,
        secret: Some(Secret::new(SECRET.into())),
    });
    let (now, until) = window();
    let error = rooms
        .direct_link(&room("r-1"), &anna(), now, until)
        .unwrap_err();
    for text in [error.to_string(), format!("{error:?}")] {
        assert!(text.contains("app id"), "{text}");
        assert!(!text.contains(SECRET), "{text}");
    }
}
