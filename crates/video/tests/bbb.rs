//! BigBlueButton: `enter` against the test server of the `testing` feature,
//! which checks checksums and keeps meetings as BBB does.

// Test code: a failed unwrap is a failed test, which is what it should be.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use chrono::{Duration, Utc};
use knotenpunkt_video::testing::BbbServer;
use knotenpunkt_video::{Guest, Provider, Room, Rooms, Secret, VideoError};

const SECRET: &str = "bbb-Shared-s3cret-0123456789";

fn rooms(server: &BbbServer, secret: &str) -> Rooms {
    Rooms::new(Provider::Bbb {
        url: server.url().to_owned(),
        secret: Secret::new(secret.into()),
    })
}

fn room(number: u32) -> Room {
    Room {
        name: format!("after-work-lounge-2026-12-09-r1-{number}-abcdefghijklmnopqrst"),
        title: format!("After Work Lounge · Runde 1 · Raum {number}"),
    }
}

fn guest(id: &str, name: &str, moderator: bool) -> Guest {
    Guest {
        id: id.into(),
        name: name.into(),
        email: Some(format!("{id}@example.org")),
        moderator,
    }
}

/// The query parameter `name` of `url`, decoded.
fn param(url: &str, name: &str) -> Option<String> {
    reqwest::Url::parse(url)
        .unwrap()
        .query_pairs()
        .find(|(n, _)| n == name)
        .map(|(_, v)| v.into_owned())
}

/// Follows `url` once, without following the redirect.
async fn follow(url: &str) -> reqwest::Response {
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
        .get(url)
        .send()
        .await
        .unwrap()
}

#[tokio::test]
async fn entering_twice_creates_the_meeting_once_and_joins_are_accepted() {
    let server = BbbServer::start(SECRET).await;
    let rooms = rooms(&server, SECRET);
    let now = Utc::now();
    let until = now + Duration::minutes(25);
    let anna = guest("u-1", "Anna Müller", false);
    let ben = guest("u-2", "Ben & Co", false);

    let first = rooms.enter(&room(3), &anna, now, until).await.unwrap();
    let second = rooms.enter(&room(3), &ben, now, until).await.unwrap();
    let again = rooms.enter(&room(3), &anna, now, until).await.unwrap();
    rooms.enter(&room(4), &anna, now, until).await.unwrap();

    // One meeting per room, each created by the first enter and confirmed
    // by every later one.
    let meetings = server.meetings();
    assert_eq!(meetings.len(), 2, "{meetings:?}");
    assert_eq!(meetings[0].id, room(3).name);
    assert_eq!(meetings[0].name, "After Work Lounge · Runde 1 · Raum 3");
    assert_eq!(meetings[0].creates, 3);
    assert_eq!(meetings[1].id, room(4).name);
    assert_eq!(meetings[1].creates, 1);
    let creates: Vec<_> = server
        .calls()
        .into_iter()
        .filter(|c| c.name == "create")
        .collect();
    assert_eq!(creates.len(), 4);
    assert_eq!(creates[0].returncode, "SUCCESS");
    assert_eq!(creates[0].message_key, None);
    for repeat in &creates[1..3] {
        assert_eq!(repeat.returncode, "SUCCESS");
        assert_eq!(repeat.message_key.as_deref(), Some("duplicateWarning"));
    }
    assert_eq!(creates[0].param("record"), Some("false"));
    assert_eq!(creates[0].param("meetingID"), Some(room(3).name.as_str()));

    // The join URLs: this guest, this room, as viewer; not called by enter.
    assert!(server.calls().iter().all(|c| c.name != "join"));
    assert!(
        first.starts_with(&format!("{}api/join?", server.url())),
        "{first}"
    );
    assert_eq!(param(&first, "meetingID").unwrap(), room(3).name);
    assert_eq!(param(&first, "fullName").unwrap(), "Anna Müller");
    assert_eq!(param(&first, "userID").unwrap(), "u-1");
    assert_eq!(param(&first, "role").unwrap(), "VIEWER");
    assert_eq!(param(&first, "redirect").unwrap(), "true");
    assert_eq!(param(&second, "fullName").unwrap(), "Ben & Co");
    assert!(param(&first, "password").is_none(), "joins go by role");
    assert_eq!(first, again, "the same guest gets the same address");

    // The browser's part: BBB accepts the checksum and redirects into the
    // meeting.
    for url in [&first, &second] {
        let answer = follow(url).await;
        assert_eq!(answer.status(), 302, "{}", answer.text().await.unwrap());
        let location = answer.headers()["location"].to_str().unwrap().to_owned();
        assert!(location.contains(&room(3).name), "{location}");
    }
    let joins: Vec<_> = server
        .calls()
        .into_iter()
        .filter(|c| c.name == "join")
        .collect();
    assert_eq!(joins.len(), 2);
    assert!(joins.iter().all(|c| c.returncode == "REDIRECT"));
    assert_eq!(joins[1].param("fullName"), Some("Ben & Co"));
}

#[tokio::test]
async fn a_moderator_joins_as_moderator() {
    let server = BbbServer::start(SECRET).await;
    let now = Utc::now();
    let url = rooms(&server, SECRET)
        .enter(
            &room(1),
            &guest("u-9", "Mod", true),
            now,
            now + Duration::minutes(5),
        )
        .await
        .unwrap();
    assert_eq!(param(&url, "role").unwrap(), "MODERATOR");
    let answer = follow(&url).await;
    assert_eq!(answer.status(), 302);
    let location = answer.headers()["location"].to_str().unwrap().to_owned();
    assert!(location.contains("role=MODERATOR"), "{location}");
    assert!(location.contains("userID=u-9"), "{location}");
}

#[tokio::test]
async fn a_tampered_join_url_is_refused_by_the_server() {
    let server = BbbServer::start(SECRET).await;
    let now = Utc::now();
    let url = rooms(&server, SECRET)
        .enter(
            &room(1),
            &guest("u-1", "Anna", false),
            now,
            now + Duration::minutes(5),
        )
        .await
        .unwrap();
    let tampered = url.replace("role=VIEWER", "role=MODERATOR");
    assert_ne!(tampered, url);
    let answer = follow(&tampered).await;
    assert_eq!(answer.status(), 200);
    let body = answer.text().await.unwrap();
    assert!(
        body.contains("<messageKey>checksumError</messageKey>"),
        "{body}"
    );
}

#[tokio::test]
async fn a_wrong_secret_surfaces_as_checksum_error_without_the_secret() {
    let server = BbbServer::start(SECRET).await;
    let wrong = "not-the-Right-s3cret-9876";
    let now = Utc::now();
    let error = rooms(&server, wrong)
        .enter(
            &room(1),
            &guest("u-1", "Anna", false),
            now,
            now + Duration::minutes(5),
        )
        .await
        .unwrap_err();
    match &error {
        VideoError::Failed {
            call, message_key, ..
        } => {
            assert_eq!(*call, "create");
            assert_eq!(message_key, "checksumError");
        }
        other => panic!("expected FAILED checksumError, got {other:?}"),
    }
    for text in [error.to_string(), format!("{error:?}")] {
        assert!(text.contains("checksumError"), "{text}");
        assert!(!text.contains(wrong), "{text}");
        assert!(!text.contains(SECRET), "{text}");
        assert!(!text.contains("checksum="), "{text}");
    }
    assert!(server.meetings().is_empty());
}

#[tokio::test]
async fn another_meeting_under_the_same_id_is_refused() {
    // BBB answers FAILED idNotUnique when a create for a running meeting
    // does not match it; enter must report that, not hand out a join URL.
    let server = BbbServer::start(SECRET).await;
    let rooms = rooms(&server, SECRET);
    let now = Utc::now();
    let until = now + Duration::minutes(5);
    let anna = guest("u-1", "Anna", false);
    rooms.enter(&room(1), &anna, now, until).await.unwrap();
    let renamed = Room {
        title: "Something else".into(),
        ..room(1)
    };
    let error = rooms.enter(&renamed, &anna, now, until).await.unwrap_err();
    assert!(
        matches!(&error, VideoError::Failed { message_key, .. } if message_key == "idNotUnique"),
        "{error:?}"
    );
    assert!(error.to_string().contains("idNotUnique"));
}

#[tokio::test]
async fn an_unreachable_server_is_named_without_the_checksum() {
    // A port that was free a moment ago: nothing listens there.
    let port = {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        listener.local_addr().unwrap().port()
    };
    let rooms = Rooms::new(Provider::Bbb {
        url: format!("http://127.0.0.1:{port}/bigbluebutton/"),
        secret: Secret::new(SECRET.into()),
    });
    let now = Utc::now();
    let error = rooms
        .enter(
            &room(1),
            &guest("u-1", "Anna", false),
            now,
            now + Duration::minutes(5),
        )
        .await
        .unwrap_err();
    let text = error.to_string();
    assert!(matches!(error, VideoError::Unreachable { .. }), "{error:?}");
    assert!(
        text.contains(&format!("http://127.0.0.1:{port}/bigbluebutton/api/create")),
        "{text}"
    );
    assert!(!text.contains('?'), "{text}");
    assert!(!text.contains("checksum"), "{text}");
    assert!(!format!("{error:?}").contains(SECRET));
}

#[tokio::test]
async fn the_server_answers_its_version_and_refuses_unknown_meetings() {
    let server = BbbServer::start(SECRET).await;
    let version = follow(&format!("{}api", server.url())).await;
    let body = version.text().await.unwrap();
    assert!(body.contains("<returncode>SUCCESS</returncode>"), "{body}");
    assert!(body.contains("<version>"), "{body}");
    // A join signed right for a meeting nobody created.
    let rooms = rooms(&server, SECRET);
    let now = Utc::now();
    let url = rooms
        .enter(
            &room(1),
            &guest("u-1", "Anna", false),
            now,
            now + Duration::minutes(5),
        )
        .await
        .unwrap();
    let elsewhere = Room {
        name: "never-created".into(),
        title: "x".into(),
    };
    // Build the join URL for a room that was never created by entering a
    // second server's room: only the test server's answer matters here.
    let other = BbbServer::start(SECRET).await;
    let other_rooms = Rooms::new(Provider::Bbb {
        url: other.url().to_owned(),
        secret: Secret::new(SECRET.into()),
    });
    let join = other_rooms
        .enter(&elsewhere, &guest("u-1", "Anna", false), now, now)
        .await
        .unwrap();
    let stray = join.replace(other.url(), server.url());
    let answer = follow(&stray).await;
    let body = answer.text().await.unwrap();
    assert!(body.contains("<returncode>FAILED</returncode>"), "{body}");
    assert!(
        body.contains("<messageKey>invalidMeetingIdentifier</messageKey>"),
        "{body}"
    );
    assert_eq!(follow(&url).await.status(), 302);
}

#[tokio::test]
async fn blank_titles_and_names_fall_back_to_room_name_and_user_id() {
    let server = BbbServer::start(SECRET).await;
    let now = Utc::now();
    let untitled = Room {
        title: " ".into(),
        ..room(7)
    };
    let url = rooms(&server, SECRET)
        .enter(
            &untitled,
            &guest("u-5", "", false),
            now,
            now + Duration::minutes(5),
        )
        .await
        .unwrap();
    assert_eq!(server.meetings()[0].name, room(7).name);
    assert_eq!(param(&url, "fullName").unwrap(), "u-5");
    assert_eq!(follow(&url).await.status(), 302);
}
