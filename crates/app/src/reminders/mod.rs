//! Reminder mails: "your organisation hosts on …", the agenda a week
//! ahead, an event tomorrow, a task or a call's deadline in a week.
//!
//! A pass ([`Reminders::run`]) has two halves, each safe to run in any
//! number of processes at once:
//! - **plan** (`plan.rs`, composing pure): looks at what lies ahead and
//!   writes one row per mail and recipient whose time has come, keyed by
//!   what it is about; a key that exists is skipped by the database;
//! - **deliver**: takes a lease on due rows (one conditional `UPDATE`),
//!   sends them, and marks each sent under its lease. A process that dies
//!   while sending leaves leases that run out; the next pass, in any
//!   process, takes those rows again. The one repeat possible is a mail
//!   the SMTP server accepted just before the process died, unmarked; it
//!   carries the same `Message-ID`, so mail programs show it once.
//!
//! Each mail is in the recipient's language and carries a signed
//! one-click unsubscribe link (`link.rs`) for its kind; `/konto` holds
//! the same choices. A choice is checked when the mail is sent, not when
//! it is planned.

mod link;
mod plan;

use knotenpunkt_access::{Action, Actor, Denial};
use knotenpunkt_mail::Outgoing;
use knotenpunkt_store::Counters;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::scope::Scope;
use crate::{App, AppError, Service};

type Result<T> = std::result::Result<T, AppError>;

/// How long a process holds a reminder it is sending (seconds): longer
/// than a send may take (the mailer gives up after 60 s).
pub const LEASE_SECONDS: i64 = 300;
/// How often a failing reminder is tried before it is given up.
pub const MAX_ATTEMPTS: i64 = 5;
/// Reminders are kept this long after they were sent (seconds).
pub const KEEP_SECONDS: i64 = 30 * 24 * 3600;
/// How often the servers plan, together: a reminder is planned at most
/// this late, against days or hours of notice.
pub const PLAN_EVERY_SECONDS: i64 = 300;

/// What a person can turn off, one kind at a time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "lowercase")]
pub enum ReminderKind {
    /// Your organisation hosts a meeting (four weeks and one week before).
    Host,
    /// The agenda of a meeting a week ahead (to the coordinators).
    Agenda,
    /// An event tomorrow, a seat from the waiting list.
    Events,
    /// Tasks and calls' deadlines of joint applications (a week before).
    Deadlines,
}

impl ReminderKind {
    /// Every kind, in the order pages list them.
    pub const ALL: [ReminderKind; 4] = [
        ReminderKind::Host,
        ReminderKind::Agenda,
        ReminderKind::Events,
        ReminderKind::Deadlines,
    ];

    /// The code in links, rows and the API.
    pub fn code(self) -> &'static str {
        match self {
            ReminderKind::Host => "host",
            ReminderKind::Agenda => "agenda",
            ReminderKind::Events => "events",
            ReminderKind::Deadlines => "deadlines",
        }
    }

    /// The kind of `code`.
    pub fn from_code(code: &str) -> Option<ReminderKind> {
        ReminderKind::ALL.into_iter().find(|k| k.code() == code)
    }
}

/// One kind and whether the person receives it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReminderSetting {
    /// The kind.
    pub kind: ReminderKind,
    /// Whether its mails come.
    pub on: bool,
}

/// What one pass did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Pass {
    /// Reminders newly planned.
    pub planned: u64,
    /// Mails sent.
    pub sent: u64,
    /// Reminders not sent because their kind was turned off.
    pub unsubscribed: u64,
    /// Sends that failed and will be tried again.
    pub retrying: u64,
    /// Reminders given up after [`MAX_ATTEMPTS`] failures.
    pub failed: u64,
}

/// Reminders, for one actor: one's own settings and the unsubscribe link
/// for anyone; the passes for the operator.
#[derive(Debug, Clone)]
pub struct Reminders {
    scope: Scope,
}

impl Service for Reminders {
    fn for_actor(app: &App, actor: &Actor, counters: Option<Counters>) -> Self {
        Reminders {
            scope: app.scope(actor, counters),
        }
    }
}

impl App {
    /// Reminders for `actor`.
    pub fn reminders(&self, actor: &Actor) -> Reminders {
        Reminders::for_actor(self, actor, None)
    }
}

/// The recipient key of a person.
pub(crate) fn person_recipient(person: i64) -> String {
    format!("p:{person}")
}

/// The recipient key of a guest (an event's registration by address).
pub(crate) fn guest_recipient(email: &str) -> String {
    format!("g:{}", email.trim().to_lowercase())
}

impl Reminders {
    /// One's own person, once the policy agrees they may change their
    /// account (signed in, with a write scope).
    fn me(&self) -> Result<i64> {
        self.scope.authorize(&Action::ManageOwnAccount)?;
        self.scope
            .actor()
            .person
            .ok_or(AppError::Denied(Denial::SignIn))
    }

    /// One's own choices, every kind.
    pub async fn settings(&self) -> Result<Vec<ReminderSetting>> {
        let who = self
            .scope
            .actor()
            .person
            .ok_or(AppError::Denied(Denial::SignIn))?;
        let off = self
            .scope
            .store()
            .reminder_optouts(&[person_recipient(who)])
            .await?;
        Ok(ReminderKind::ALL
            .into_iter()
            .map(|kind| ReminderSetting {
                kind,
                on: !off.iter().any(|(_, k)| k == kind.code()),
            })
            .collect())
    }

    /// Sets one's own choices: the kinds in `on` come, the others not.
    pub async fn set_settings(&self, on: &[ReminderKind]) -> Result<Vec<ReminderSetting>> {
        let who = self.me()?;
        let off: Vec<&str> = ReminderKind::ALL
            .into_iter()
            .filter(|k| !on.contains(k))
            .map(ReminderKind::code)
            .collect();
        self.scope
            .store()
            .set_reminder_optouts(&person_recipient(who), &off, self.scope.app.unix_now())
            .await?;
        self.settings().await
    }

    /// The kind an unsubscribe link turns off, if the link is genuine; the
    /// page asks before it acts (mail scanners follow links).
    pub async fn unsubscribe_link(&self, token: &str) -> Result<ReminderKind> {
        let key = link::key(self.scope.store()).await?;
        link::verify(&key, token)
            .map(|(_, kind)| kind)
            .ok_or_else(bad_link)
    }

    /// Turns off what a genuine unsubscribe link names; anyone holding the
    /// link may, signed in or not (RFC 8058's one-click POST has no session).
    pub async fn unsubscribe(&self, token: &str) -> Result<ReminderKind> {
        let key = link::key(self.scope.store()).await?;
        let (recipient, kind) = link::verify(&key, token).ok_or_else(bad_link)?;
        self.scope
            .store()
            .opt_out(&recipient, kind.code(), self.scope.app.unix_now())
            .await?;
        tracing::info!(kind = kind.code(), "reminders turned off by link");
        Ok(kind)
    }

    /// Passes are the platform's own work: its operators only.
    fn operator(&self) -> Result<()> {
        self.scope.authorize(&Action::ManagePlatform)
    }

    /// One pass: plans what has come due, then sends what is due. For the
    /// operator's `knotenpunkt remind`, which plans whenever it is asked.
    pub async fn run(&self) -> Result<Pass> {
        let planned = self.plan().await?;
        let mut pass = self.deliver().await?;
        pass.planned = planned;
        Ok(pass)
    }

    /// The server's periodic pass: sends what is due, and plans first when
    /// no process has planned for [`PLAN_EVERY_SECONDS`]. Planning reads
    /// every person and a month of meetings; one process doing it every
    /// few minutes for all is enough, since every reminder is due days or
    /// hours ahead (a seat from the waiting list goes at once, unplanned).
    pub async fn tick(&self) -> Result<Pass> {
        self.operator()?;
        let now = self.scope.app.unix_now();
        let planned = if self
            .scope
            .store()
            .claim_planning(now, now - PLAN_EVERY_SECONDS)
            .await?
        {
            self.plan().await?
        } else {
            0
        };
        let mut pass = self.deliver().await?;
        pass.planned = planned;
        Ok(pass)
    }

    /// Plans every reminder whose time has come; answers how many are new.
    pub async fn plan(&self) -> Result<u64> {
        self.operator()?;
        let key = link::key(self.scope.store()).await?;
        let new = plan::compose(&self.scope, &key).await?;
        Ok(self
            .scope
            .store()
            .plan_reminders(&new, self.scope.app.unix_now())
            .await?)
    }

    /// Sends every due reminder no other process holds, in batches, each
    /// under a lease of this pass.
    pub async fn deliver(&self) -> Result<Pass> {
        self.operator()?;
        let owner = crate::accounts::secret()?;
        let store = self.scope.store();
        let mailer = &self.scope.app.settings().mailer;
        let mut pass = Pass::default();
        loop {
            let now = self.scope.app.unix_now();
            let batch = store
                .claim_reminders(&owner, now, now + LEASE_SECONDS, MAX_ATTEMPTS, 50)
                .await?;
            if batch.is_empty() {
                return Ok(pass);
            }
            let recipients: Vec<String> = batch.iter().map(|r| r.recipient.clone()).collect();
            let off = store.reminder_optouts(&recipients).await?;
            for r in batch {
                let now = self.scope.app.unix_now();
                if off.iter().any(|(p, k)| *p == r.recipient && *k == r.kind) {
                    store
                        .finish_reminder(r.id, &owner, "unsubscribed", now)
                        .await?;
                    pass.unsubscribed += 1;
                    continue;
                }
                let mail = Outgoing {
                    to: r.email.clone(),
                    to_name: r.name.clone(),
                    subject: r.subject.clone(),
                    text: r.body.clone(),
                    message_key: Some(message_key(&r.key)),
                    unsubscribe: Some(r.unsubscribe.clone()),
                };
                match mailer.send(&mail).await {
                    Ok(()) => {
                        if store.finish_reminder(r.id, &owner, "sent", now).await? {
                            pass.sent += 1;
                        } else {
                            tracing::warn!(key = %r.key, "a reminder's lease ran out while it was sent");
                        }
                    }
                    Err(e) if r.attempts >= MAX_ATTEMPTS => {
                        tracing::error!(key = %r.key, error = %e, "reminder given up");
                        store.finish_reminder(r.id, &owner, "failed", now).await?;
                        pass.failed += 1;
                    }
                    Err(e) => {
                        tracing::warn!(key = %r.key, error = %e, attempt = r.attempts, "reminder not sent; will retry");
                        store
                            .release_reminder(r.id, &owner, now + LEASE_SECONDS * r.attempts)
                            .await?;
                        pass.retrying += 1;
                    }
                }
            }
        }
    }

    /// How many reminders stand where.
    pub async fn counts(&self) -> Result<knotenpunkt_store::ReminderCounts> {
        self.operator()?;
        Ok(self.scope.store().reminder_counts().await?)
    }
}

/// A mail of a reminder kind that goes now rather than on a schedule (a
/// seat from the waiting list): planned like any reminder — once per
/// `key`, with the unsubscribe link, checked against the person's choice
/// when sent — and handed to a delivery pass at once.
pub(crate) struct Immediate<'a> {
    /// What it is about; a key that exists is not planned again.
    pub key: String,
    /// Its kind.
    pub kind: ReminderKind,
    /// The person, or `None` for a guest.
    pub person: Option<i64>,
    /// The recipient's name.
    pub name: &'a str,
    /// Where it goes.
    pub email: &'a str,
    /// The language of its text.
    pub language: knotenpunkt_domain::Language,
    /// The subject.
    pub subject: String,
    /// The text between greeting and footer.
    pub text: String,
}

/// Plans `m` and starts a delivery pass for it in the background.
pub(crate) async fn send_now(scope: &Scope, m: Immediate<'_>) -> Result<()> {
    let key = link::key(scope.store()).await?;
    let recipient = match m.person {
        Some(p) => person_recipient(p),
        None => guest_recipient(m.email),
    };
    let base = scope
        .app
        .settings()
        .base_url
        .trim_end_matches('/')
        .to_owned();
    let unsubscribe = format!(
        "{base}/erinnerungen/abbestellen/{}",
        link::sign(&key, &recipient, m.kind)
    );
    let body = format!(
        "{}{}{}",
        plan::greeting(m.language, m.name),
        m.text,
        plan::footer(m.language, m.person.is_none(), &base, &unsubscribe)
    );
    let now = scope.app.unix_now();
    scope
        .store()
        .plan_reminders(
            &[knotenpunkt_store::NewReminder {
                key: m.key,
                kind: m.kind.code().to_owned(),
                recipient,
                email: m.email.to_owned(),
                name: Some(m.name.to_owned()),
                subject: m.subject,
                body,
                unsubscribe,
                due_at: now,
            }],
            now,
        )
        .await?;
    let sender = Reminders {
        scope: scope.with_actor(App::operator()),
    };
    tokio::spawn(async move {
        if let Err(e) = sender.deliver().await {
            tracing::warn!(error = %e, "delivering a mail failed; the next reminder pass retries");
        }
    });
    Ok(())
}

fn bad_link() -> AppError {
    AppError::NotFound {
        entity: "unsubscribe link",
        key: "?".into(),
    }
}

/// A `Message-ID` local part from a reminder's key: the same key, the same
/// identity, whichever process sends it.
fn message_key(key: &str) -> String {
    let d = Sha256::digest(key.as_bytes());
    let hex: String = d.iter().take(16).map(|b| format!("{b:02x}")).collect();
    format!("reminder.{hex}")
}
