#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! Sends through the real SMTP code path to a real SMTP server (aiosmtpd via
//! `SmtpSink`) and reads back what a person would see. These tests fail, not
//! skip, when the sink cannot start: set `KNOTENPUNKT_TEST_PYTHON` to a Python
//! with the packages of crates/web/tests/requirements.txt.

use std::time::{Duration, Instant};

use knotenpunkt_mail::testing::SmtpSink;
use knotenpunkt_mail::{MailConfig, MailError, Mailer, Outgoing};

const FROM: &str = "Knotenpunkt <noreply@knotenpunkt.example>";

fn sink() -> SmtpSink {
    SmtpSink::start().unwrap_or_else(|e| panic!("{e}"))
}

fn smtp_mailer(url: String) -> Mailer {
    Mailer::new(&MailConfig {
        smtp_url: Some(url),
        from: FROM.to_owned(),
    })
    .unwrap()
}

fn outgoing(to: &str, subject: &str, text: &str) -> Outgoing {
    Outgoing {
        to: to.to_owned(),
        to_name: Some("Jürgen Müller".to_owned()),
        subject: subject.to_owned(),
        text: text.to_owned(),
        ..Default::default()
    }
}

#[tokio::test]
async fn a_message_arrives_with_subject_umlauts_and_link() {
    let sink = sink();
    let mailer = smtp_mailer(sink.url());
    assert!(!mailer.is_log_only());
    let link = "https://knotenpunkt.example/anmelden?token=Zm9vYmFy-123_x";
    let text = format!(
        "Hallo Jürgen,\n\nhier ist dein Anmeldelink:\n{link}\n\nGrüße aus Kaiserslautern\n"
    );
    mailer
        .send(&outgoing(
            "juergen@example.org",
            "Dein Anmeldelink für Knotenpunkt – gültig 15 Minuten",
            &text,
        ))
        .await
        .unwrap();

    let got = sink
        .wait_for("Juergen@Example.org", Duration::from_secs(10))
        .await
        .unwrap();
    assert_eq!(
        got.subject,
        "Dein Anmeldelink für Knotenpunkt – gültig 15 Minuten"
    );
    assert_eq!(got.to, vec!["juergen@example.org".to_owned()]);
    assert_eq!(got.from, "noreply@knotenpunkt.example");
    assert!(got.body.contains("Grüße aus Kaiserslautern"), "{got:?}");
    assert_eq!(got.body.trim_end(), text.trim_end());
    assert_eq!(
        got.first_link("https://knotenpunkt.example/").as_deref(),
        Some(link)
    );
}

#[tokio::test]
async fn a_second_wait_finds_the_second_mail() {
    let sink = sink();
    let mailer = smtp_mailer(sink.url());
    for n in 1..=2 {
        mailer
            .send(&outgoing("a@example.org", &format!("Nummer {n}"), "Text"))
            .await
            .unwrap();
    }
    mailer
        .send(&outgoing("b@example.org", "Für B", "Text"))
        .await
        .unwrap();
    let wait = Duration::from_secs(10);
    assert_eq!(
        sink.wait_for("a@example.org", wait).await.unwrap().subject,
        "Nummer 1"
    );
    assert_eq!(
        sink.wait_for("a@example.org", wait).await.unwrap().subject,
        "Nummer 2"
    );
    assert_eq!(
        sink.wait_for("b@example.org", wait).await.unwrap().subject,
        "Für B"
    );
    let err = sink
        .wait_for("a@example.org", Duration::from_millis(200))
        .await
        .unwrap_err();
    assert!(err.contains("third"), "{err}");
    assert_eq!(sink.messages().len(), 3);
}

#[tokio::test]
async fn log_only_mode_returns_ok() {
    let mailer = Mailer::new(&MailConfig {
        smtp_url: None,
        from: FROM.to_owned(),
    })
    .unwrap();
    assert!(mailer.is_log_only());
    let m = outgoing("someone@example.org", "Hallo", "https://example.org/x");
    mailer.send(&m).await.unwrap();
    mailer.send(&m).await.unwrap();
    assert!(Mailer::log_only("noreply@example.org").is_log_only());
}

#[tokio::test]
async fn bad_addresses_are_named_in_the_error() {
    let sink = sink();
    for mailer in [smtp_mailer(sink.url()), Mailer::log_only(FROM)] {
        match mailer
            .send(&outgoing("not an address", "Hallo", "Text"))
            .await
        {
            Err(MailError::Address { address, .. }) => assert_eq!(address, "not an address"),
            other => panic!("{other:?}"),
        }
    }
    match Mailer::log_only("nobody@")
        .send(&outgoing("ok@example.org", "Hallo", "Text"))
        .await
    {
        Err(e @ MailError::Address { .. }) => assert!(e.to_string().contains("nobody@"), "{e}"),
        other => panic!("{other:?}"),
    }
    match Mailer::new(&MailConfig {
        smtp_url: Some(sink.url()),
        from: "broken@@example.org".to_owned(),
    }) {
        Err(MailError::Address { address, .. }) => assert_eq!(address, "broken@@example.org"),
        other => panic!("{other:?}"),
    }
    assert!(sink.messages().is_empty());
}

#[tokio::test]
async fn a_closed_port_is_a_send_error_not_a_hang() {
    let port = {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        listener.local_addr().unwrap().port()
    };
    let mailer = smtp_mailer(format!("smtp://127.0.0.1:{port}"));
    let started = Instant::now();
    let result = tokio::time::timeout(
        Duration::from_secs(20),
        mailer.send(&outgoing("a@example.org", "Hallo", "Text")),
    )
    .await
    .expect("send hung past its own timeout");
    match result {
        Err(e @ MailError::Send { .. }) => {
            assert!(e.to_string().contains(&port.to_string()), "{e}");
        }
        other => panic!("{other:?}"),
    }
    assert!(started.elapsed() < Duration::from_secs(16));
}

#[tokio::test]
async fn a_silent_server_is_a_send_error_after_the_timeout() {
    // Accepts connections but never sends the SMTP greeting.
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    let server = tokio::spawn(async move {
        let mut held = Vec::new();
        while let Ok((socket, _)) = listener.accept().await {
            held.push(socket);
        }
    });
    let mailer =
        smtp_mailer(format!("smtp://127.0.0.1:{port}")).with_timeout(Duration::from_millis(500));
    let started = Instant::now();
    match mailer
        .send(&outgoing("a@example.org", "Hallo", "Text"))
        .await
    {
        Err(e @ MailError::Send { .. }) => assert!(e.to_string().contains("no answer"), "{e}"),
        other => panic!("{other:?}"),
    }
    assert!(started.elapsed() < Duration::from_secs(5));
    server.abort();
}

#[tokio::test]
async fn a_refusing_server_reports_its_own_words() {
    // aiosmtpd accepts every recipient, so a scripted server plays one that
    // refuses, to show the server's reply reaches the caller.
    use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    let server = tokio::spawn(async move {
        let (socket, _) = listener.accept().await.unwrap();
        let (read, mut write) = socket.into_split();
        let mut lines = BufReader::new(read).lines();
        write.write_all(b"220 fake ESMTP\r\n").await.unwrap();
        while let Ok(Some(line)) = lines.next_line().await {
            let reply: &[u8] = if line.starts_with("EHLO") || line.starts_with("HELO") {
                b"250 fake\r\n"
            } else if line.starts_with("MAIL") {
                b"250 ok\r\n"
            } else if line.starts_with("RCPT") {
                b"550 5.1.1 mailbox unavailable: user unknown\r\n"
            } else if line.starts_with("QUIT") {
                b"221 bye\r\n"
            } else {
                b"500 what\r\n"
            };
            if write.write_all(reply).await.is_err() {
                break;
            }
        }
    });
    let mailer = smtp_mailer(format!("smtp://127.0.0.1:{port}"));
    match mailer
        .send(&outgoing("nobody@example.org", "Hallo", "Text"))
        .await
    {
        Err(e @ MailError::Send { .. }) => {
            assert!(e.to_string().contains("user unknown"), "{e}");
        }
        other => panic!("{other:?}"),
    }
    server.abort();
}
