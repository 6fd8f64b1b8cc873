#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! Rate limits behind a reverse proxy, over real HTTP: `X-Forwarded-For`
//! decides the client only when the peer is a trusted proxy; otherwise it is
//! ignored and every request from the socket shares one budget.

use std::time::Duration;

use knotenpunkt_web::WebConfig;
use knotenpunkt_web::auth::RateLimitConfig;
use reqwest::StatusCode;

mod common;
use common::*;

/// Two sign-in attempts per client, plenty per account.
fn config(trusted: &[&str]) -> WebConfig {
    WebConfig {
        rate_limits: RateLimitConfig {
            client_burst: 2,
            client_every: Duration::from_secs(3600),
            account_burst: 100,
            account_every: Duration::from_secs(1),
        },
        trusted_proxies: trusted.iter().map(|t| t.parse().unwrap()).collect(),
        ..WebConfig::default()
    }
}

/// A failed sign-in attempt for a fresh address, as forwarded by a proxy.
async fn attempt(s: &Server, n: usize, forwarded_for: &str) -> StatusCode {
    let req = s
        .client
        .post(format!("{}/anmelden", s.base))
        .header("x-forwarded-for", forwarded_for)
        .form(&[
            ("email", format!("person{n}@example.org")),
            ("password", "falsch-falsch-falsch".to_owned()),
        ]);
    s.fetch(req).await.status
}

#[tokio::test]
async fn without_a_trusted_proxy_the_header_is_ignored() {
    on_every_backend(config(&[]), |s| async move {
        // Three "different" clients that are really one socket: the third
        // attempt is over the budget.
        assert_ne!(
            attempt(&s, 1, "198.51.100.1").await,
            StatusCode::TOO_MANY_REQUESTS
        );
        assert_ne!(
            attempt(&s, 2, "198.51.100.2").await,
            StatusCode::TOO_MANY_REQUESTS
        );
        assert_eq!(
            attempt(&s, 3, "198.51.100.3").await,
            StatusCode::TOO_MANY_REQUESTS
        );
        s.stop().await;
    })
    .await;
}

#[tokio::test]
async fn behind_a_trusted_proxy_each_forwarded_client_has_its_own_budget() {
    on_every_backend(config(&["127.0.0.0/8", "10.0.0.0/8"]), |s| async move {
        for (n, client) in ["198.51.100.1", "198.51.100.2", "198.51.100.3"]
            .into_iter()
            .enumerate()
        {
            assert_ne!(
                attempt(&s, n, client).await,
                StatusCode::TOO_MANY_REQUESTS,
                "{client}"
            );
        }
        // The rightmost untrusted address counts: a forged entry on the left
        // and a second trusted proxy on the right change nothing, so the
        // same client runs out after its second attempt.
        assert_ne!(
            attempt(&s, 10, "203.0.113.9, 198.51.100.1, 10.1.1.1").await,
            StatusCode::TOO_MANY_REQUESTS
        );
        assert_eq!(
            attempt(&s, 11, "192.0.2.77, 198.51.100.1").await,
            StatusCode::TOO_MANY_REQUESTS
        );
        // Other clients still have theirs.
        assert_ne!(
            attempt(&s, 12, "198.51.100.4").await,
            StatusCode::TOO_MANY_REQUESTS
        );
        s.stop().await;
    })
    .await;
}
