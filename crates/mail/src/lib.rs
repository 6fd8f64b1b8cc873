//! Knotenpunkt's outgoing e-mail: plain-text messages over SMTP.
//!
//! The rest of Knotenpunkt only ever needs to say "send this text to that
//! person" (sign-in links, invitations, reminders), so this crate offers just
//! that: a [`Mailer`] built once from a [`MailConfig`] and an [`Outgoing`]
//! message per send. Everything SMTP-shaped — URL forms, TLS, encodings,
//! headers, timeouts — stays in here, behind [lettre].
//!
//! Without an SMTP URL the mailer runs in *log-only* mode: each message goes to
//! the log in full instead of out, so a local trial works without a mail
//! server and a sign-in link can be copied from the terminal.
//!
//! With the `test-support` feature, [`testing::SmtpSink`] runs a real SMTP
//! server (Python's aiosmtpd) for tests to send to and read back from.
#![deny(missing_docs)]

#[cfg(feature = "test-support")]
pub mod testing;

use std::collections::hash_map::RandomState;
use std::fmt;
use std::hash::{BuildHasher, Hasher};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use lettre::message::header::{ContentType, HeaderName, HeaderValue};
use lettre::message::{Mailbox, Message};
use lettre::{Address, AsyncSmtpTransport, AsyncTransport, Tokio1Executor};

/// How long one send may take in all, unless [`Mailer::with_timeout`] says
/// otherwise. A web request that sends a sign-in link waits for the send, so
/// an unreachable or stalled server must turn into an error, not a hang.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(15);

/// How long each single SMTP step (connect, greeting, each command) may take.
/// lettre's own default is a minute, far longer than anyone waits for a page.
const STEP_TIMEOUT: Duration = Duration::from_secs(15);

/// Why a mail could not be set up or sent.
#[derive(Debug, thiserror::Error)]
pub enum MailError {
    /// The SMTP URL cannot be used. The URL in the message has its password
    /// masked, since errors end up in logs.
    #[error("unusable SMTP URL {url}: {reason}")]
    Config {
        /// The URL as given, password masked.
        url: String,
        /// What is wrong with it.
        reason: String,
    },
    /// A sender or recipient address is not a valid e-mail address. Named, so
    /// the caller can tell the person which address to correct.
    #[error("invalid e-mail address {address:?}: {reason}")]
    Address {
        /// The address as given.
        address: String,
        /// Why it was refused.
        reason: String,
    },
    /// The message could not be put together.
    #[error("could not build the message: {0}")]
    Message(String),
    /// The SMTP server could not be reached, refused the message, or did not
    /// answer in time. `message` carries the server's own words where there
    /// are any, since they usually say what to fix.
    #[error("sending via {server} failed: {message}")]
    Send {
        /// The server, as its URL with the password masked.
        server: String,
        /// The server's reply or the network error.
        message: String,
    },
}

/// Where and as whom to send mail; read once at start-up.
#[derive(Clone, PartialEq, Eq)]
pub struct MailConfig {
    /// The SMTP server, or `None` (or blank) for log-only mode. Forms:
    ///
    /// - `smtp://host:port` — plain SMTP, for a local relay or tests;
    /// - `smtp://user:pass@host:587` — submission with STARTTLS, which is
    ///   required whenever a password is given, so it never crosses the
    ///   network in the clear (`?tls=opportunistic` opts out explicitly);
    /// - `smtps://user:pass@host:465` — implicit TLS.
    ///
    /// User name and password are percent-decoded (write `@` as `%40`).
    pub smtp_url: Option<String>,
    /// The sender, `noreply@example.org` or `Knotenpunkt <noreply@example.org>`.
    pub from: String,
}

impl fmt::Debug for MailConfig {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("MailConfig")
            .field("smtp_url", &self.smtp_url.as_deref().map(redact))
            .field("from", &self.from)
            .finish()
    }
}

/// One plain-text message to one person.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Outgoing {
    /// The recipient's address.
    pub to: String,
    /// The recipient's name, shown by mail programs next to the address.
    pub to_name: Option<String>,
    /// The subject line, any Unicode.
    pub subject: String,
    /// The body, plain UTF-8 text; line breaks as `\n`.
    pub text: String,
    /// A stable identity (letters, digits, `.` and `-`) for a message that
    /// may be sent again after a crash: it becomes the `Message-ID`'s local
    /// part, so mail programs show a repeat as the same message.
    pub message_key: Option<String>,
    /// An `https:` address that unsubscribes with one POST (RFC 8058):
    /// sent as `List-Unsubscribe` with `List-Unsubscribe-Post`.
    pub unsubscribe: Option<String>,
}

/// Sends [`Outgoing`] messages, over SMTP or to the log.
///
/// Cheap to clone (one shared allocation) and safe to share between tasks, so
/// the web layer keeps one in its state. Its `Debug` output masks the SMTP
/// password.
#[derive(Clone)]
pub struct Mailer {
    inner: Arc<Inner>,
    timeout: Duration,
}

struct Inner {
    /// As configured; parsed on each send, because [`Mailer::log_only`]
    /// cannot report a bad address when it is made.
    from: String,
    transport: Transport,
    /// Whether log-only mode has warned yet that nothing is really sent.
    warned: AtomicBool,
}

// One per mailer, behind its `Arc`: the size of the SMTP variant costs nothing.
#[allow(clippy::large_enum_variant)]
enum Transport {
    LogOnly,
    Smtp {
        smtp: AsyncSmtpTransport<Tokio1Executor>,
        /// The URL with the password masked, for errors and `Debug`.
        server: String,
    },
}

impl fmt::Debug for Mailer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let server = match &self.inner.transport {
            Transport::LogOnly => "log-only",
            Transport::Smtp { server, .. } => server.as_str(),
        };
        f.debug_struct("Mailer")
            .field("from", &self.inner.from)
            .field("server", &server)
            .field("timeout", &self.timeout)
            .finish()
    }
}

impl Mailer {
    /// A mailer for `cfg`: SMTP when a URL is set, log-only otherwise.
    ///
    /// Checks the sender address and the URL now, so a misconfiguration stops
    /// the server at start-up rather than the first sign-in. It does not
    /// connect: the SMTP server may be down at start and up later.
    pub fn new(cfg: &MailConfig) -> Result<Mailer, MailError> {
        parse_mailbox(&cfg.from)?;
        // A blank URL counts as none: an empty `SMTP_URL=` in an env file
        // means "not configured".
        let Some(url) = cfg
            .smtp_url
            .as_deref()
            .map(str::trim)
            .filter(|u| !u.is_empty())
        else {
            return Ok(Mailer::log_only(&cfg.from));
        };
        let server = redact(url);
        let (smtp, server) = smtp_transport(url, server)?;
        Ok(Mailer {
            inner: Arc::new(Inner {
                from: cfg.from.clone(),
                transport: Transport::Smtp { smtp, server },
                warned: AtomicBool::new(false),
            }),
            timeout: DEFAULT_TIMEOUT,
        })
    }

    /// A mailer that only logs, for local trials and tests without a server.
    /// A bad `from` shows up as [`MailError::Address`] on the first send.
    pub fn log_only(from: &str) -> Mailer {
        Mailer {
            inner: Arc::new(Inner {
                from: from.to_owned(),
                transport: Transport::LogOnly,
                warned: AtomicBool::new(false),
            }),
            timeout: DEFAULT_TIMEOUT,
        }
    }

    /// The same mailer with a different limit on how long one send may take
    /// in all (each single SMTP step stays limited to 15 s as well).
    #[must_use]
    pub fn with_timeout(mut self, timeout: Duration) -> Mailer {
        self.timeout = timeout;
        self
    }

    /// Whether messages only go to the log, so a caller can tell the person
    /// that no mail will actually arrive.
    pub fn is_log_only(&self) -> bool {
        matches!(self.inner.transport, Transport::LogOnly)
    }

    /// Sends `m`, or logs it in log-only mode.
    ///
    /// Addresses are checked in both modes, so a bad one is caught in a
    /// local trial too. The message gets a `Date` and a `Message-ID` header
    /// and is sent as `text/plain; charset=utf-8`.
    pub async fn send(&self, m: &Outgoing) -> Result<(), MailError> {
        let from = parse_mailbox(&self.inner.from)?;
        let to = Mailbox::new(m.to_name.clone(), parse_address(&m.to)?);
        match &self.inner.transport {
            Transport::LogOnly => {
                if !self.inner.warned.swap(true, Ordering::Relaxed) {
                    tracing::warn!(
                        "no SMTP server configured: e-mails are written to the log instead of sent"
                    );
                }
                tracing::info!(
                    from = %from,
                    to = %to,
                    subject = %m.subject,
                    text = %m.text,
                    "e-mail not sent (log-only mode)"
                );
                Ok(())
            }
            Transport::Smtp { smtp, server } => {
                let id = match &m.message_key {
                    Some(k) if is_message_key(k) => format!("<{k}@{}>", from.email.domain()),
                    _ => message_id(&from),
                };
                let mut builder = Message::builder().message_id(Some(id));
                if let Some(u) = &m.unsubscribe {
                    builder = builder
                        .raw_header(HeaderValue::new(
                            HeaderName::new_from_ascii_str("List-Unsubscribe"),
                            format!("<{u}>"),
                        ))
                        .raw_header(HeaderValue::new(
                            HeaderName::new_from_ascii_str("List-Unsubscribe-Post"),
                            "List-Unsubscribe=One-Click".to_owned(),
                        ));
                }
                let message = builder
                    .date_now()
                    .from(from)
                    .to(to)
                    .subject(m.subject.as_str())
                    .header(ContentType::TEXT_PLAIN)
                    .body(m.text.clone())
                    .map_err(|e| MailError::Message(e.to_string()))?;
                let send_error = |message: String| MailError::Send {
                    server: server.clone(),
                    message,
                };
                match tokio::time::timeout(self.timeout, smtp.send(message)).await {
                    Ok(Ok(_response)) => {
                        tracing::debug!(to = %m.to, subject = %m.subject, "e-mail sent");
                        Ok(())
                    }
                    Ok(Err(e)) => Err(send_error(e.to_string())),
                    Err(_elapsed) => Err(send_error(format!(
                        "no answer within {} s",
                        self.timeout.as_secs_f32()
                    ))),
                }
            }
        }
    }
}

/// Builds the lettre transport for `url`; returns it with the masked URL.
fn smtp_transport(
    url: &str,
    server: String,
) -> Result<(AsyncSmtpTransport<Tokio1Executor>, String), MailError> {
    let config_error = |reason: String| MailError::Config {
        url: server.clone(),
        reason,
    };
    let mut parsed = url::Url::parse(url).map_err(|e| config_error(e.to_string()))?;
    match parsed.scheme() {
        "smtp" | "smtps" => {}
        other => {
            return Err(config_error(format!(
                "scheme {other:?} is not smtp or smtps"
            )));
        }
    }
    if parsed.host_str().is_none_or(str::is_empty) {
        return Err(config_error("no host".to_owned()));
    }
    let has_tls_param = parsed.query_pairs().any(|(k, _)| k == "tls");
    // lettre reads plain `smtp://` as "no TLS at all", which would send the
    // password in the clear; a password means STARTTLS, required.
    if parsed.scheme() == "smtp" && parsed.password().is_some() && !has_tls_param {
        parsed.query_pairs_mut().append_pair("tls", "required");
    }
    let smtp = AsyncSmtpTransport::<Tokio1Executor>::from_url(parsed.as_str())
        .map_err(|e| config_error(e.to_string()))?
        .timeout(Some(STEP_TIMEOUT))
        .build();
    Ok((smtp, redact(parsed.as_str())))
}

/// `url` with any password replaced by `***`, for logs and errors. Anything
/// that does not parse as a URL is shown only by its scheme, since it may
/// still hold a password.
fn redact(url: &str) -> String {
    match url::Url::parse(url) {
        Ok(mut u) => {
            if u.password().is_some() {
                // Cannot fail: a URL with a password has a host.
                let _ = u.set_password(Some("***"));
            }
            u.to_string()
        }
        Err(_) => match url.split_once(':') {
            Some((scheme, _)) if scheme.chars().all(|c| c.is_ascii_alphanumeric()) => {
                format!("{scheme}:…")
            }
            _ => "…".to_owned(),
        },
    }
}

fn parse_address(address: &str) -> Result<Address, MailError> {
    address
        .trim()
        .parse::<Address>()
        .map_err(|e| MailError::Address {
            address: address.to_owned(),
            reason: e.to_string(),
        })
}

/// A sender or recipient as `addr@host` or `Name <addr@host>`.
fn parse_mailbox(mailbox: &str) -> Result<Mailbox, MailError> {
    mailbox
        .trim()
        .parse::<Mailbox>()
        .map_err(|e| MailError::Address {
            address: mailbox.to_owned(),
            reason: e.to_string(),
        })
}

/// A globally unique `Message-ID` in the sender's domain. lettre's own
/// default names `localhost` unless it may look up the host name, and some
/// spam filters count that against a message.
/// Whether `k` may stand before the `@` of a `Message-ID` as it is.
fn is_message_key(k: &str) -> bool {
    !k.is_empty()
        && k.len() <= 128
        && k.chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '-')
}

fn message_id(from: &Mailbox) -> String {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    // std seeds every RandomState from the OS's random source: a random
    // number without another dependency.
    let random = RandomState::new().build_hasher().finish();
    let nanos = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or(0);
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    format!("<{nanos:x}.{n:x}.{random:016x}@{}>", from.email.domain())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cfg(url: &str) -> MailConfig {
        MailConfig {
            smtp_url: Some(url.to_owned()),
            from: "Knotenpunkt <noreply@example.org>".to_owned(),
        }
    }

    #[test]
    fn password_means_starttls_and_is_never_shown() {
        let mailer = Mailer::new(&cfg("smtp://user:s3cret@mail.example.org:587")).unwrap();
        let shown = format!("{mailer:?}");
        assert!(!shown.contains("s3cret"), "{shown}");
        assert!(shown.contains("tls=required"), "{shown}");
        assert!(!mailer.is_log_only());
        let config = format!("{:?}", cfg("smtps://user:s3cret@mail.example.org"));
        assert!(!config.contains("s3cret"), "{config}");
    }

    #[test]
    fn the_three_url_forms_are_accepted() {
        for url in [
            "smtp://127.0.0.1:2525",
            "smtp://user:pass@mail.example.org:587",
            "smtps://user:pass@mail.example.org:465",
            "smtp://user%40example.org:p%40ss@mail.example.org:587?tls=opportunistic",
        ] {
            Mailer::new(&cfg(url)).unwrap();
        }
    }

    #[test]
    fn unusable_urls_are_config_errors_without_the_password() {
        for url in [
            "http://user:s3cret@example.org",
            "smtp://",
            "no url at all",
            "smtp://user:s3cret@",
        ] {
            match Mailer::new(&cfg(url)) {
                Err(e @ MailError::Config { .. }) => {
                    assert!(!e.to_string().contains("s3cret"), "{e}");
                }
                other => panic!("{url}: {other:?}"),
            }
        }
    }

    #[test]
    fn no_url_means_log_only_and_a_bad_sender_is_refused() {
        let mailer = Mailer::new(&MailConfig {
            smtp_url: None,
            from: "noreply@example.org".to_owned(),
        })
        .unwrap();
        assert!(mailer.is_log_only());
        assert!(Mailer::new(&cfg("  ")).unwrap().is_log_only());
        match Mailer::new(&MailConfig {
            smtp_url: None,
            from: "not an address".to_owned(),
        }) {
            Err(MailError::Address { address, .. }) => assert_eq!(address, "not an address"),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn message_ids_are_unique_and_in_the_senders_domain() {
        let from: Mailbox = "a@example.org".parse().unwrap();
        let (a, b) = (message_id(&from), message_id(&from));
        assert_ne!(a, b);
        assert!(a.starts_with('<') && a.ends_with("@example.org>"), "{a}");
    }
}
