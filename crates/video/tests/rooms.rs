//! Room names, tokens, link templates, secrets and the settings: what needs
//! no server.

// Test code: a failed unwrap is a failed test, which is what it should be.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::collections::HashSet;

use chrono::{NaiveDate, TimeZone, Utc};
use knotenpunkt_video::{
    Guest, Provider, ProviderKind, Room, Rooms, Secret, TOKEN_CHARS, VideoError, VideoSettings,
    new_token, room_name,
};

const SECRET: &str = "s3cr3t-Sh4red-v4lue";

fn date() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 12, 9).unwrap()
}

fn room(name: &str) -> Room {
    Room {
        name: name.into(),
        title: "After Work Lounge · Runde 1 · Raum 3".into(),
    }
}

fn guest() -> Guest {
    Guest {
        id: "user-17".into(),
        name: "Anna Müller".into(),
        email: None,
        moderator: false,
    }
}

#[test]
fn room_names_are_lowercase_and_name_series_date_round_and_room() {
    let name = room_name("After Work Lounge", date(), 1, 3, "k7q2abcdefghijklmnop");
    assert_eq!(
        name,
        "after-work-lounge-2026-12-09-r1-3-k7q2abcdefghijklmnop"
    );
    let odd = room_name("  Café & Grüße: Ölmühle!! ", date(), 12, 40, &new_token());
    assert!(
        odd.starts_with("cafe-gruesse-oelmuehle-2026-12-09-r12-40-"),
        "{odd}"
    );
    for name in [&name, &odd] {
        assert!(
            name.chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'),
            "{name}"
        );
        assert!(!name.contains("--"), "{name}");
    }
    assert!(room_name("!!!", date(), 1, 1, "abc").starts_with("room-2026-12-09-r1-1-"));
    let long = room_name(&"x".repeat(500), date(), 1, 1, &new_token());
    assert!(long.len() < 100, "{long}");
}

#[test]
fn room_names_are_deterministic_and_differ_by_token() {
    let token = new_token();
    assert_eq!(
        room_name("Lounge", date(), 2, 5, &token),
        room_name("Lounge", date(), 2, 5, &token)
    );
    let names: HashSet<String> = (0..200)
        .map(|_| room_name("Lounge", date(), 2, 5, &new_token()))
        .collect();
    assert_eq!(names.len(), 200);
    assert_ne!(
        room_name("Lounge", date(), 2, 5, &token),
        room_name("Lounge", date(), 2, 6, &token)
    );
}

#[test]
fn tokens_differ_and_carry_at_least_100_bits() {
    let tokens: HashSet<String> = (0..1000).map(|_| new_token()).collect();
    assert_eq!(tokens.len(), 1000);
    for token in &tokens {
        assert_eq!(token.len(), TOKEN_CHARS);
        // Base32: five bits per character.
        assert!(token.len() * 5 >= 100);
        assert!(
            token
                .chars()
                .all(|c| c.is_ascii_lowercase() || ('2'..='7').contains(&c)),
            "{token}"
        );
    }
    // Every one of the 32 symbols turns up: the bits are spread over all.
    let symbols: HashSet<char> = tokens.iter().flat_map(|t| t.chars()).collect();
    assert_eq!(symbols.len(), 32);
}

#[tokio::test]
async fn a_template_replaces_room() {
    let rooms = Rooms::new(Provider::Template(
        "https://video.example.org/lounge/{room}?lang=de".into(),
    ));
    let now = Utc.with_ymd_and_hms(2026, 12, 9, 18, 0, 0).unwrap();
    let until = now + chrono::Duration::minutes(30);
    let link = rooms
        .enter(
            &room("after-work-lounge-2026-12-09-r1-3-abc"),
            &guest(),
            now,
            until,
        )
        .await
        .unwrap();
    assert_eq!(
        link,
        "https://video.example.org/lounge/after-work-lounge-2026-12-09-r1-3-abc?lang=de"
    );
    let direct = rooms
        .direct_link(
            &room("after-work-lounge-2026-12-09-r1-3-abc"),
            &guest(),
            now,
            until,
        )
        .unwrap();
    assert_eq!(direct.as_deref(), Some(link.as_str()));
    assert_eq!(rooms.provider().kind(), ProviderKind::Template);
}

#[test]
fn jitsi_without_secret_links_the_room_plainly() {
    let provider = Provider::from_settings(&VideoSettings {
        jitsi_url: Some("https://meet.example.org/".into()),
        ..VideoSettings::default()
    })
    .unwrap()
    .unwrap();
    let rooms = Rooms::new(provider);
    let now = Utc::now();
    let link = rooms
        .direct_link(&room("lounge-r1-3-abc"), &guest(), now, now)
        .unwrap();
    assert_eq!(
        link.as_deref(),
        Some("https://meet.example.org/lounge-r1-3-abc")
    );
}

#[test]
fn bbb_has_no_direct_link() {
    let rooms = Rooms::new(Provider::Bbb {
        url: "https://bbb.example.org/bigbluebutton/".into(),
        secret: Secret::new(SECRET.into()),
    });
    let now = Utc::now();
    assert_eq!(
        rooms.direct_link(&room("r"), &guest(), now, now).unwrap(),
        None
    );
    assert_eq!(rooms.provider().kind(), ProviderKind::Bbb);
}

#[test]
fn provider_kinds_are_lowercase_in_json() {
    assert_eq!(
        serde_json::to_string(&ProviderKind::Jitsi).unwrap(),
        "\"jitsi\""
    );
    assert_eq!(
        serde_json::to_string(&ProviderKind::Bbb).unwrap(),
        "\"bbb\""
    );
    assert_eq!(
        serde_json::to_string(&ProviderKind::Template).unwrap(),
        "\"template\""
    );
}

#[test]
fn secrets_never_print() {
    let secret = Secret::new(SECRET.into());
    assert_eq!(format!("{secret}"), "***");
    assert_eq!(format!("{secret:?}"), "***");
    assert_eq!(secret.expose(), SECRET);
    let settings = VideoSettings {
        bbb_url: Some("https://bbb.example.org/bigbluebutton/".into()),
        bbb_secret: Some(SECRET.into()),
        jitsi_secret: Some(SECRET.into()),
        ..VideoSettings::default()
    };
    assert!(!format!("{settings:?}").contains(SECRET));
    let provider = Provider::Bbb {
        url: "https://bbb.example.org/bigbluebutton/".into(),
        secret: secret.clone(),
    };
    assert!(!format!("{provider:?}").contains(SECRET));
    let rooms = Rooms::new(provider);
    assert!(!format!("{rooms:?}").contains(SECRET));
    // Every error the settings can give, with the secret in every field.
    let error = Provider::from_settings(&settings).unwrap_err();
    assert!(!error.to_string().contains(SECRET));
    assert!(!format!("{error:?}").contains(SECRET));
}

/// The error for `settings`, which must name `flag`.
fn refused(settings: VideoSettings, flag: &str) -> VideoError {
    match Provider::from_settings(&settings) {
        Err(error @ VideoError::Config { flag: named, .. }) => {
            assert_eq!(named, flag, "{error}");
            assert!(error.to_string().contains(flag), "{error}");
            assert!(!error.to_string().contains(SECRET), "{error}");
            error
        }
        other => panic!("expected a configuration error naming {flag}, got {other:?}"),
    }
}

#[test]
fn settings_that_do_not_fit_together_are_refused_naming_the_flag() {
    let jitsi_url = || Some("https://meet.example.org".to_owned());
    let bbb_url = || Some("https://bbb.example.org/bigbluebutton/".to_owned());
    let secret = || Some(SECRET.to_owned());
    // Both providers.
    refused(
        VideoSettings {
            jitsi_url: jitsi_url(),
            bbb_url: bbb_url(),
            bbb_secret: secret(),
            ..VideoSettings::default()
        },
        "--bbb-url",
    );
    // A Jitsi secret without app id, an app id without secret.
    refused(
        VideoSettings {
            jitsi_url: jitsi_url(),
            jitsi_secret: secret(),
            ..VideoSettings::default()
        },
        "--jitsi-app-id",
    );
    refused(
        VideoSettings {
            jitsi_url: jitsi_url(),
            jitsi_app_id: Some("knotenpunkt".into()),
            ..VideoSettings::default()
        },
        "--jitsi-secret",
    );
    // Jitsi token settings without the URL.
    refused(
        VideoSettings {
            jitsi_app_id: Some("knotenpunkt".into()),
            jitsi_secret: secret(),
            ..VideoSettings::default()
        },
        "--jitsi-url",
    );
    // BBB URL without secret and the other way round.
    refused(
        VideoSettings {
            bbb_url: bbb_url(),
            ..VideoSettings::default()
        },
        "--bbb-secret",
    );
    refused(
        VideoSettings {
            bbb_secret: secret(),
            bbb_url: Some("  ".into()),
            ..VideoSettings::default()
        },
        "--bbb-url",
    );
    // URLs that are not http(s).
    for bad in [
        "ftp://meet.example.org",
        "meet.example.org",
        "https://",
        "javascript:alert(1)",
    ] {
        refused(
            VideoSettings {
                jitsi_url: Some(bad.into()),
                ..VideoSettings::default()
            },
            "--jitsi-url",
        );
    }
    refused(
        VideoSettings {
            bbb_url: Some("file:///etc/passwd".into()),
            bbb_secret: secret(),
            ..VideoSettings::default()
        },
        "--bbb-url",
    );
    refused(
        VideoSettings {
            bbb_url: Some("https://admin:pw@bbb.example.org/bigbluebutton/".into()),
            bbb_secret: secret(),
            ..VideoSettings::default()
        },
        "--bbb-url",
    );
}

#[test]
fn settings_build_the_provider() {
    assert_eq!(
        Provider::from_settings(&VideoSettings::default()).unwrap(),
        None
    );
    let empty = VideoSettings {
        jitsi_url: Some(String::new()),
        bbb_secret: Some(" ".into()),
        ..VideoSettings::default()
    };
    assert_eq!(Provider::from_settings(&empty).unwrap(), None);
    let jitsi = Provider::from_settings(&VideoSettings {
        jitsi_url: Some("https://meet.example.org/".into()),
        jitsi_app_id: Some("knotenpunkt".into()),
        jitsi_secret: Some(SECRET.into()),
        ..VideoSettings::default()
    })
    .unwrap()
    .unwrap();
    assert_eq!(
        jitsi,
        Provider::Jitsi {
            url: "https://meet.example.org".into(),
            app_id: Some("knotenpunkt".into()),
            secret: Some(Secret::new(SECRET.into())),
        }
    );
    assert_eq!(jitsi.kind(), ProviderKind::Jitsi);
    for given in [
        "https://bbb.example.org/bigbluebutton",
        "https://bbb.example.org/bigbluebutton/",
        "https://bbb.example.org/bigbluebutton/api",
        "https://bbb.example.org/bigbluebutton/api/",
    ] {
        let bbb = Provider::from_settings(&VideoSettings {
            bbb_url: Some(given.into()),
            bbb_secret: Some(SECRET.into()),
            ..VideoSettings::default()
        })
        .unwrap()
        .unwrap();
        assert_eq!(
            bbb,
            Provider::Bbb {
                url: "https://bbb.example.org/bigbluebutton/".into(),
                secret: Secret::new(SECRET.into()),
            },
            "{given}"
        );
    }
}
