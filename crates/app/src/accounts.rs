//! People and sign-in: invitations, passwords, sessions, resets, personal
//! API and feed tokens, and the [`Actor`] every authorisation starts from.
//!
//! Secrets are 256 random bits from the operating system, shown to their
//! owner once (in a link, a cookie or on the token page) and stored only as
//! SHA-256 digests; a fast digest is right for them because they are random,
//! unlike passwords, which get argon2id. Answers never tell whether an
//! address is known: sign-in fails the same way for an unknown address and a
//! wrong password, after the same amount of hashing work, and a reset
//! request always "succeeds".

use std::collections::BTreeMap;
use std::sync::OnceLock;
use std::time::{SystemTime, UNIX_EPOCH};

use argon2::Argon2;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use knotenpunkt_access::{self as access, Action, Actor, Denial, Scope};
use knotenpunkt_domain::{
    Email, FieldError, Language, NetworkRole, NewPerson, Person, Slug, TokenScope,
};
use knotenpunkt_mail::{Mailer, Outgoing};
use knotenpunkt_store::{
    AuditEntry, InvitationRecord, InvitationSummary, Listed, Page, Purged, Retention,
    SessionRecord, TokenRecord,
};
use sha2::{Digest, Sha256};
use tracing::{info, warn};

use crate::audit::AuditAction;
use crate::credentials::{Held, TokenHolder};
use crate::{AppError, Directory};

type Result<T> = std::result::Result<T, AppError>;

/// How accounts behave on this installation.
#[derive(Debug, Clone)]
pub struct AccountSettings {
    /// The address people reach the site under (`https://knotenpunkt.example`),
    /// the start of every link in a mail.
    pub base_url: String,
    /// Where mail goes.
    pub mailer: Mailer,
    /// How long an invitation link works, in seconds.
    pub invitation_ttl: i64,
    /// How long a reset link works, in seconds.
    pub reset_ttl: i64,
    /// A session unused this long (seconds) ends.
    pub session_idle: i64,
    /// A session ends this long (seconds) after sign-in, used or not.
    pub session_absolute: i64,
    /// API tokens unused this long (seconds) are removed; `None` keeps them.
    pub api_token_idle: Option<i64>,
    /// Audit entries older than this (seconds) are removed; `None` keeps them.
    pub audit_retention: Option<i64>,
}

/// A day in seconds, for the defaults.
const DAY: i64 = 24 * 60 * 60;

impl Default for AccountSettings {
    fn default() -> Self {
        AccountSettings {
            base_url: "http://localhost:8080".into(),
            mailer: Mailer::log_only("knotenpunkt@localhost.localdomain"),
            invitation_ttl: 7 * DAY,
            reset_ttl: 60 * 60,
            session_idle: 12 * 60 * 60,
            session_absolute: 14 * DAY,
            api_token_idle: Some(365 * DAY),
            audit_retention: Some(2 * 365 * DAY),
        }
    }
}

/// The shortest password accepted. Length is what makes a password strong;
/// composition rules only make it harder to remember (NIST SP 800-63B).
pub const MIN_PASSWORD_CHARS: usize = 10;
/// The longest, so hashing stays cheap for the server.
pub const MAX_PASSWORD_CHARS: usize = 1024;

/// Now, in Unix seconds.
pub fn now() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
        .unwrap_or(0)
}

/// A fresh secret: 256 bits, URL-safe.
fn secret() -> Result<String> {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes)
        .map_err(|e| AppError::Unavailable(format!("no random numbers: {e}")))?;
    Ok(URL_SAFE_NO_PAD.encode(bytes))
}

/// What is stored of a secret.
pub fn digest(secret: &str) -> String {
    let d = Sha256::digest(secret.as_bytes());
    let mut out = String::with_capacity(64);
    for b in d {
        out.push_str(&format!("{b:02x}"));
    }
    out
}

fn check_password(password: &str) -> Result<()> {
    let n = password.chars().count();
    if n < MIN_PASSWORD_CHARS {
        return Err(AppError::Invalid(vec![FieldError::new(
            "password",
            format!("at least {MIN_PASSWORD_CHARS} characters"),
        )]));
    }
    if n > MAX_PASSWORD_CHARS {
        return Err(AppError::Invalid(vec![FieldError::new(
            "password",
            format!("at most {MAX_PASSWORD_CHARS} characters"),
        )]));
    }
    Ok(())
}

/// argon2id with the crate's defaults, which are OWASP's recommendation
/// (19 MiB, 2 passes, 1 lane). Hashing takes tens of milliseconds, so it
/// runs on the blocking pool, away from the threads serving requests.
async fn hash_password(password: &str) -> Result<String> {
    let password = password.to_owned();
    let mut salt = [0u8; 16];
    getrandom::fill(&mut salt)
        .map_err(|e| AppError::Unavailable(format!("no random numbers: {e}")))?;
    tokio::task::spawn_blocking(move || {
        let salt = SaltString::encode_b64(&salt)
            .map_err(|e| AppError::Unavailable(format!("salt: {e}")))?;
        Argon2::default()
            .hash_password(password.as_bytes(), &salt)
            .map(|h| h.to_string())
            .map_err(|e| AppError::Unavailable(format!("password hashing failed: {e}")))
    })
    .await
    .map_err(|e| AppError::Unavailable(format!("password hashing stopped: {e}")))?
}

/// Checks a password against a stored hash; with no hash it checks against
/// a dummy one, so an unknown address costs the same time as a known one.
async fn verify_password(password: &str, stored: Option<String>) -> bool {
    let password = password.to_owned();
    let real = stored.is_some();
    let stored = match stored {
        Some(s) => s,
        None => dummy_hash().to_owned(),
    };
    let ok = tokio::task::spawn_blocking(move || {
        PasswordHash::new(&stored)
            .map(|h| {
                Argon2::default()
                    .verify_password(password.as_bytes(), &h)
                    .is_ok()
            })
            .unwrap_or(false)
    })
    .await
    .unwrap_or(false);
    ok && real
}

fn dummy_hash() -> &'static str {
    static DUMMY: OnceLock<String> = OnceLock::new();
    DUMMY.get_or_init(|| {
        let salt = SaltString::encode_b64(b"knotenpunkt-dummy").ok();
        salt.and_then(|s| {
            Argon2::default()
                .hash_password(b"no account has this password", &s)
                .ok()
                .map(|h| h.to_string())
        })
        .unwrap_or_default()
    })
}

/// A signed-in browser: the cookie value (shown once) and its form token.
#[derive(Debug, Clone)]
pub struct NewSession {
    /// The cookie value.
    pub token: String,
    /// The token forms of this session carry.
    pub csrf: String,
    /// Who signed in.
    pub person: Person,
}

/// A live session, found by its cookie.
#[derive(Debug, Clone)]
pub struct Session {
    /// Who.
    pub person: Person,
    /// What they may do.
    pub actor: Actor,
    /// The form token of this session.
    pub csrf: String,
}

/// What a coordinator or admin fills in to invite someone.
#[derive(Debug, Clone)]
pub struct InvitationRequest {
    /// The person.
    pub person: NewPerson,
    /// Into which network (none: a platform-wide invitation, admins only).
    pub network: Option<Slug>,
    /// Role granted directly; `None` when the organisation's membership
    /// already gives the person their place.
    pub role: Option<NetworkRole>,
    /// Make them a platform admin (admins only).
    pub admin: bool,
}

/// What an invitation did.
#[derive(Debug, Clone)]
pub struct Invited {
    /// The person invited (new, or found by address).
    pub person: Person,
    /// The link sent, for the CLI's bootstrap of the first admin; web
    /// handlers do not show it.
    pub link: Option<String>,
    /// Whether the person already had an account and was only given the role.
    pub existing: bool,
}

/// A token as shown once, right after creation.
#[derive(Debug, Clone)]
pub struct NewToken {
    /// The stored part.
    pub record: TokenRecord,
    /// The secret; never shown again.
    pub secret: String,
}

impl Directory {
    fn settings(&self) -> &AccountSettings {
        self.scope.app.settings()
    }

    /// Now, in Unix seconds, from the application's clock.
    fn now(&self) -> i64 {
        self.scope.app.unix_now()
    }

    /// Checks one "may X do Y" with the policy; the error is what the
    /// handler answers.
    pub fn authorize(&self, actor: &Actor, action: &Action<'_>) -> Result<()> {
        access::decide(actor, action).map_err(AppError::Denied)
    }

    /// The [`Actor`] for a person: roles through their organisation's
    /// memberships and granted directly (the higher wins), groups, editing
    /// rights.
    pub async fn actor(&self, person: &Person, scope: Scope) -> Result<Actor> {
        let standing = self.store().standing(person.id).await?;
        let mut roles: BTreeMap<String, access::NetworkRole> = BTreeMap::new();
        for (network, role) in standing
            .through_organization
            .iter()
            .chain(standing.granted.iter())
        {
            let role = to_access_role(*role);
            let e = roles.entry(network.to_string()).or_insert(role);
            if role > *e {
                *e = role;
            }
        }
        let mut actor = Actor::signed_in(person.id)
            .with_admin(person.admin)
            .with_scope(scope);
        if let Some(o) = &person.organization {
            actor = actor.with_organization(o.as_str());
        }
        for (n, r) in roles {
            actor = actor.with_role(&n, r);
        }
        for (n, g) in &standing.groups {
            actor = actor.with_group(n.as_str(), g.as_str());
        }
        for o in &standing.editor_of {
            actor = actor.with_editor_of(o.as_str());
        }
        Ok(actor)
    }

    /// How many platform admins can sign in; invited admins who have not
    /// set a password yet are not counted.
    pub async fn admin_count(&self) -> Result<u64> {
        Ok(self.store().admin_count().await?)
    }

    /// One person, for their own page.
    pub async fn person(&self, id: i64) -> Result<Person> {
        Ok(self.store().person(id).await?)
    }

    // ---- sign-in and sessions ---------------------------------------------

    /// Signs in with address and password. `None` for any failure: unknown
    /// address, no password yet, wrong password — the caller cannot tell
    /// them apart, and neither can an attacker timing the answer.
    pub async fn sign_in(&self, email: &str, password: &str) -> Result<Option<NewSession>> {
        let found = match email.parse::<Email>() {
            Ok(e) => self.store().person_by_email(&e).await?,
            Err(_) => None,
        };
        let (person, hash) = match found {
            Some((p, h)) => (Some(p), h),
            None => (None, None),
        };
        if password.chars().count() > MAX_PASSWORD_CHARS {
            return Ok(None);
        }
        if !verify_password(password, hash).await {
            return Ok(None);
        }
        let Some(person) = person else {
            return Ok(None);
        };
        let session = self.start_session(person).await?;
        Ok(Some(session))
    }

    async fn start_session(&self, person: Person) -> Result<NewSession> {
        let token = secret()?;
        let csrf = secret()?;
        let t = self.now();
        self.store()
            .create_session(
                &digest(&token),
                &SessionRecord {
                    person: person.id,
                    csrf: csrf.clone(),
                    created_at: t,
                    last_seen_at: t,
                },
            )
            .await?;
        Ok(NewSession {
            token,
            csrf,
            person,
        })
    }

    /// The live session behind a cookie value; an idle or too old one ends
    /// here. Found sessions are kept in memory while nothing changed (see
    /// [`crate::credentials`]); use is recorded at most once a minute.
    pub async fn session(&self, token: &str) -> Result<Option<Session>> {
        let key = digest(token);
        let counters = self.scope.counters().await?;
        let t = self.now();
        let cfg = self.settings();
        let cache = self.scope.app.credentials();
        if let Some(held) = cache.session(&key, counters) {
            let fresh = t - held.last_seen() <= cfg.session_idle
                && t - held.created_at <= cfg.session_absolute;
            if fresh {
                if held.due_for_touch(t) {
                    self.store().touch_session(&key, t).await?;
                }
                return Ok(Some(held.value.clone()));
            }
            // Perhaps used through another process since: ask the database.
            cache.forget_session(&key);
        }
        let Some(s) = self.store().session(&key).await? else {
            return Ok(None);
        };
        if t - s.last_seen_at > cfg.session_idle || t - s.created_at > cfg.session_absolute {
            self.store().delete_session(&key).await?;
            return Ok(None);
        }
        let mut last_seen = s.last_seen_at;
        if t - s.last_seen_at >= crate::credentials::TOUCH_EVERY {
            self.store().touch_session(&key, t).await?;
            last_seen = t;
        }
        let person = match self.store().person(s.person).await {
            Ok(p) => p,
            Err(knotenpunkt_store::StoreError::NotFound { .. }) => return Ok(None),
            Err(e) => return Err(e.into()),
        };
        let actor = self.actor(&person, Scope::Write).await?;
        let session = Session {
            person,
            actor,
            csrf: s.csrf,
        };
        cache.keep_session(
            key,
            Held::new(session.clone(), counters, s.created_at, last_seen),
        );
        Ok(Some(session))
    }

    /// Ends the session behind a cookie value, in every process.
    pub async fn sign_out(&self, token: &str) -> Result<()> {
        let key = digest(token);
        self.store().delete_session(&key).await?;
        self.scope.app.credentials().forget_session(&key);
        self.changed_accounts().await;
        Ok(())
    }

    /// Ends every session of a person; returns how many there were.
    pub async fn sign_out_everywhere(&self, person: i64) -> Result<u64> {
        let n = self.store().delete_sessions_of(person).await?;
        self.changed_accounts().await;
        Ok(n)
    }

    /// How many sessions a person has open.
    pub async fn session_count(&self, person: i64) -> Result<u64> {
        Ok(self.store().session_count(person).await?)
    }

    // ---- invitations --------------------------------------------------------

    /// Invites a person by e-mail. Coordinators invite into their network;
    /// admins anywhere, and only admins invite admins. An address that has
    /// an account already just receives the role and a notice.
    pub async fn invite(&self, by: &Actor, req: InvitationRequest) -> Result<Invited> {
        match &req.network {
            Some(n) => self.authorize(
                by,
                &Action::Invite {
                    network: n.as_str(),
                    role: to_access_role(req.role.unwrap_or(NetworkRole::Member)),
                },
            )?,
            None => self.authorize(by, &Action::ManagePlatform)?,
        }
        if req.admin {
            self.authorize(by, &Action::ManagePlatform)?;
        }
        req.person.validate()?;
        if let Some(n) = &req.network {
            // Names the field rather than failing deep in the store.
            self.store().get_network(n).await.map_err(|_| {
                AppError::Invalid(vec![FieldError::new(
                    "network",
                    format!("network '{n}' does not exist"),
                )])
            })?;
        }
        let inviter = self.inviter_name(by).await;
        let t = self.now();
        if let Some((existing, hash)) = self.store().person_by_email(&req.person.email).await? {
            if let (Some(n), Some(r)) = (&req.network, req.role) {
                self.store().set_role(existing.id, n, Some(r)).await?;
            }
            if req.admin {
                self.store().set_admin(existing.id, true).await?;
            }
            let link = if hash.is_none() {
                Some(
                    self.send_invitation(&existing, &req, by, &inviter, t)
                        .await?,
                )
            } else {
                self.send_notice(&existing, &req, &inviter).await;
                None
            };
            self.record(
                by,
                req.network.as_ref(),
                AuditAction::InvitationExisting,
                existing.email.as_str(),
                None,
            )
            .await;
            self.changed().await;
            return Ok(Invited {
                person: self.store().person(existing.id).await?,
                link,
                existing: true,
            });
        }
        let person = self
            .store()
            .create_person(&req.person, req.admin, t)
            .await?;
        let link = self.send_invitation(&person, &req, by, &inviter, t).await?;
        self.record(
            by,
            req.network.as_ref(),
            AuditAction::InvitationCreate,
            person.email.as_str(),
            req.role.map(|r| r.code().to_owned()),
        )
        .await;
        self.changed().await;
        Ok(Invited {
            person,
            link: Some(link),
            existing: false,
        })
    }

    pub(crate) async fn inviter_name(&self, by: &Actor) -> String {
        match by.person {
            Some(id) => self
                .store()
                .person(id)
                .await
                .map(|p| p.name)
                .unwrap_or_else(|_| "Knotenpunkt".into()),
            None => "Knotenpunkt".into(),
        }
    }

    async fn send_invitation(
        &self,
        person: &Person,
        req: &InvitationRequest,
        by: &Actor,
        inviter: &str,
        t: i64,
    ) -> Result<String> {
        let token = secret()?;
        self.store()
            .create_invitation(
                &digest(&token),
                &InvitationRecord {
                    id: 0,
                    person: person.id,
                    network: req.network.clone(),
                    role: req.role,
                    expires_at: t + self.settings().invitation_ttl,
                    used_at: None,
                },
                // The CLI's bootstrap acts as person 0, which is nobody.
                by.person.filter(|id| *id > 0),
                t,
            )
            .await?;
        let link = format!("{}/einladung/{token}", self.settings().base_url);
        let days = self.settings().invitation_ttl / DAY;
        let network = match &req.network {
            Some(n) => self
                .store()
                .get_network(n)
                .await
                .map(|n| n.name)
                .unwrap_or_else(|_| n.to_string()),
            None => "Knotenpunkt".into(),
        };
        let (subject, text) = match person.language {
            Language::De => (
                format!("Einladung zu {network} auf Knotenpunkt"),
                format!(
                    "Guten Tag {name},\n\n{inviter} lädt Sie zu {network} auf Knotenpunkt ein.\n\nÜber diesen Link legen Sie Ihr Passwort fest (gültig {days} Tage, nur einmal nutzbar):\n\n{link}\n\nWenn Sie diese Einladung nicht erwartet haben, können Sie diese Nachricht ignorieren.\n",
                    name = person.name
                ),
            ),
            Language::En => (
                format!("Invitation to {network} on Knotenpunkt"),
                format!(
                    "Hello {name},\n\n{inviter} invites you to {network} on Knotenpunkt.\n\nSet your password with this link (valid for {days} days, single use):\n\n{link}\n\nIf you did not expect this invitation, you can ignore this message.\n",
                    name = person.name
                ),
            ),
        };
        self.mail(person, subject, text).await?;
        Ok(link)
    }

    async fn send_notice(&self, person: &Person, req: &InvitationRequest, inviter: &str) {
        let network = match &req.network {
            Some(n) => n.to_string(),
            None => "Knotenpunkt".into(),
        };
        let base = &self.settings().base_url;
        let (subject, text) = match person.language {
            Language::De => (
                format!("Sie sind jetzt bei {network}"),
                format!(
                    "Guten Tag {},\n\n{inviter} hat Sie zu {network} hinzugefügt. Melden Sie sich wie gewohnt an: {base}/anmelden\n",
                    person.name
                ),
            ),
            Language::En => (
                format!("You have been added to {network}"),
                format!(
                    "Hello {},\n\n{inviter} added you to {network}. Sign in as usual: {base}/anmelden\n",
                    person.name
                ),
            ),
        };
        if let Err(e) = self.mail(person, subject, text).await {
            warn!(error = %e, "notice not sent");
        }
    }

    async fn mail(&self, person: &Person, subject: String, text: String) -> Result<()> {
        self.settings()
            .mailer
            .send(&Outgoing {
                to: person.email.to_string(),
                to_name: Some(person.name.clone()),
                subject,
                text,
            })
            .await
            .map_err(|e| AppError::Unavailable(format!("the e-mail could not be sent: {e}")))
    }

    /// Who an invitation link is for, while it is usable.
    pub async fn invitation(&self, token: &str) -> Result<Option<Person>> {
        let Some(inv) = self.store().invitation(&digest(token)).await? else {
            return Ok(None);
        };
        if inv.used_at.is_some() || inv.expires_at <= self.now() {
            return Ok(None);
        }
        Ok(Some(self.store().person(inv.person).await?))
    }

    /// Spends an invitation: sets the password, grants the role, signs in.
    /// `None` when the link is unknown, used or expired.
    pub async fn accept_invitation(
        &self,
        token: &str,
        password: &str,
    ) -> Result<Option<NewSession>> {
        check_password(password)?;
        let hash = hash_password(password).await?;
        let Some(inv) = self
            .store()
            .accept_invitation(&digest(token), &hash, self.now())
            .await?
        else {
            return Ok(None);
        };
        let person = self.store().person(inv.person).await?;
        let actor = Actor::signed_in(person.id);
        self.record_as(
            &actor,
            &person.name,
            inv.network.as_ref(),
            AuditAction::InvitationAccept.code(),
            person.email.as_str(),
            None,
        )
        .await;
        self.changed().await;
        Ok(Some(self.start_session(person).await?))
    }

    /// Invitations into a network (coordinators) or all (admins).
    pub async fn invitations(
        &self,
        by: &Actor,
        network: Option<&Slug>,
    ) -> Result<Vec<InvitationSummary>> {
        match network {
            Some(n) => self.authorize(by, &Action::ManageNetwork(n.as_str()))?,
            None => self.authorize(by, &Action::ManagePlatform)?,
        }
        Ok(self.store().list_invitations(network).await?)
    }

    // ---- password reset -----------------------------------------------------

    /// Sends a reset link if the address belongs to an account. Always
    /// answers the same; the mail goes out in the background so the answer
    /// takes the same time either way.
    pub async fn request_reset(&self, email: &str) -> Result<()> {
        let Ok(email) = email.parse::<Email>() else {
            return Ok(());
        };
        let Some((person, Some(_))) = self.store().person_by_email(&email).await? else {
            info!("password reset asked for an address without account");
            return Ok(());
        };
        let token = secret()?;
        let t = self.now();
        self.store()
            .create_reset(&digest(&token), person.id, t, t + self.settings().reset_ttl)
            .await?;
        let link = format!("{}/passwort/neu/{token}", self.settings().base_url);
        let minutes = self.settings().reset_ttl / 60;
        let (subject, text) = match person.language {
            Language::De => (
                "Passwort zurücksetzen".to_owned(),
                format!(
                    "Guten Tag {},\n\njemand (hoffentlich Sie) möchte das Passwort Ihres Knotenpunkt-Kontos zurücksetzen. Dieser Link ist {minutes} Minuten gültig und nur einmal nutzbar:\n\n{link}\n\nWenn Sie das nicht waren, ignorieren Sie diese Nachricht; Ihr Passwort bleibt unverändert.\n",
                    person.name
                ),
            ),
            Language::En => (
                "Reset your password".to_owned(),
                format!(
                    "Hello {},\n\nsomeone (hopefully you) asked to reset the password of your Knotenpunkt account. This link is valid for {minutes} minutes and works once:\n\n{link}\n\nIf that was not you, ignore this message; your password stays unchanged.\n",
                    person.name
                ),
            ),
        };
        let dir = self.clone();
        tokio::spawn(async move {
            if let Err(e) = dir.mail(&person, subject, text).await {
                warn!(error = %e, "reset mail not sent");
            }
        });
        Ok(())
    }

    /// Whether a reset link is usable.
    pub async fn reset_is_valid(&self, token: &str) -> Result<bool> {
        Ok(self
            .store()
            .reset_person(&digest(token), self.now())
            .await?
            .is_some())
    }

    /// Sets a new password with a reset link; ends every session of the
    /// person. `false` when the link is unknown, used or expired.
    pub async fn complete_reset(&self, token: &str, password: &str) -> Result<bool> {
        check_password(password)?;
        let hash = hash_password(password).await?;
        let Some(person) = self
            .store()
            .complete_reset(&digest(token), &hash, self.now())
            .await?
        else {
            return Ok(false);
        };
        // Its sessions are gone; sessions kept in memory must go too.
        self.changed_accounts().await;
        let p = self.store().person(person).await?;
        self.record_as(
            &Actor::signed_in(person),
            &p.name,
            None,
            AuditAction::PasswordReset.code(),
            p.email.as_str(),
            None,
        )
        .await;
        Ok(true)
    }

    /// Changes one's own password, proving the current one, and ends the
    /// person's other sessions: whoever signed in elsewhere with the old
    /// password (perhaps the reason for the change) is out. `keep` is the
    /// cookie value of the session the change is made from, which stays;
    /// with `None` every session ends.
    pub async fn change_password(
        &self,
        person: i64,
        keep: Option<&str>,
        current: &str,
        new: &str,
    ) -> Result<()> {
        let stored = self.store().password_hash(person).await?;
        if !verify_password(current, stored).await {
            return Err(AppError::Invalid(vec![FieldError::new(
                "current",
                "the current password is not correct",
            )]));
        }
        check_password(new)?;
        let hash = hash_password(new).await?;
        self.store().set_password(person, &hash).await?;
        let ended = match keep {
            Some(token) => {
                self.store()
                    .delete_other_sessions(person, &digest(token))
                    .await?
            }
            None => self.store().delete_sessions_of(person).await?,
        };
        self.changed_accounts().await;
        info!(person, ended, "password changed; other sessions ended");
        Ok(())
    }

    // ---- personal tokens ------------------------------------------------------

    /// Creates a personal API token; the secret is in the answer only.
    pub async fn create_api_token(
        &self,
        by: &Actor,
        name: &str,
        scope: TokenScope,
    ) -> Result<NewToken> {
        self.authorize(by, &Action::ManageOwnAccount)?;
        let person = by.person.ok_or(AppError::Denied(Denial::SignIn))?;
        let name = name.trim();
        if name.is_empty() || name.chars().count() > 100 {
            return Err(AppError::Invalid(vec![FieldError::new(
                "name",
                "give the token a name of 1–100 characters",
            )]));
        }
        let secret = format!("kp_{}", secret()?);
        let record = self
            .store()
            .create_api_token(person, name, &digest(&secret), scope, self.now())
            .await?;
        Ok(NewToken { record, secret })
    }

    /// One's own API tokens.
    pub async fn api_tokens(&self, by: &Actor) -> Result<Vec<TokenRecord>> {
        self.authorize(by, &Action::ManageOwnAccount)?;
        let person = by.person.ok_or(AppError::Denied(Denial::SignIn))?;
        Ok(self.store().api_tokens(person).await?)
    }

    /// Revokes one of one's own tokens.
    pub async fn revoke_api_token(&self, by: &Actor, id: i64) -> Result<()> {
        self.authorize(by, &Action::ManageOwnAccount)?;
        let person = by.person.ok_or(AppError::Denied(Denial::SignIn))?;
        if !self.store().revoke_api_token(person, id).await? {
            return Err(AppError::NotFound {
                entity: "token",
                key: id.to_string(),
            });
        }
        self.changed_accounts().await;
        Ok(())
    }

    /// The actor behind a bearer token, with the token's scope.
    pub async fn api_actor(&self, secret: &str) -> Result<Option<Actor>> {
        Ok(self.api_credential(secret).await?.map(|(_, a)| a))
    }

    /// The person and actor behind a bearer token, with the token's scope;
    /// kept in memory like sessions, use written at most once a minute.
    pub async fn api_credential(&self, secret: &str) -> Result<Option<(Person, Actor)>> {
        let key = digest(secret);
        let counters = self.scope.counters().await?;
        let t = self.now();
        let cache = self.scope.app.credentials();
        if let Some(held) = cache.token(&key, counters) {
            if held.due_for_touch(t) {
                self.store().touch_api_token(held.value.id, t).await?;
            }
            return Ok(Some((held.value.person.clone(), held.value.actor.clone())));
        }
        let Some(token) = self.store().api_token(&key).await? else {
            return Ok(None);
        };
        self.store().touch_api_token(token.id, t).await?;
        let person = self.store().person(token.person).await?;
        let scope = match token.scope {
            TokenScope::Read => Scope::Read,
            TokenScope::Write => Scope::Write,
        };
        let actor = self.actor(&person, scope).await?;
        cache.keep_token(
            key,
            Held::new(
                TokenHolder {
                    id: token.id,
                    person: person.clone(),
                    actor: actor.clone(),
                },
                counters,
                token.created_at,
                t,
            ),
        );
        Ok(Some((person, actor)))
    }

    /// Makes a new secret address for one's calendar feed (the old one stops
    /// working) and returns the secret.
    pub async fn renew_feed_token(&self, person: i64) -> Result<String> {
        let secret = secret()?;
        self.store()
            .set_feed_token(person, Some(&digest(&secret)))
            .await?;
        Ok(secret)
    }

    /// Stops one's calendar feed address.
    pub async fn revoke_feed_token(&self, person: i64) -> Result<()> {
        Ok(self.store().set_feed_token(person, None).await?)
    }

    /// Whether one has a calendar feed address.
    pub async fn has_feed_token(&self, person: i64) -> Result<bool> {
        Ok(self.store().has_feed_token(person).await?)
    }

    /// The person whose calendar feed this secret opens, with read rights.
    pub async fn feed_actor(&self, secret: &str) -> Result<Option<(Person, Actor)>> {
        let Some(id) = self.store().person_by_feed_token(&digest(secret)).await? else {
            return Ok(None);
        };
        let person = self.store().person(id).await?;
        let actor = self.actor(&person, Scope::Read).await?;
        Ok(Some((person, actor)))
    }

    /// Follows or unfollows a series for one's personal feed; only series
    /// one may see.
    pub async fn set_follow(&self, by: &Actor, series: &Slug, follow: bool) -> Result<()> {
        self.authorize(by, &Action::ManageOwnAccount)?;
        let person = by.person.ok_or(AppError::Denied(Denial::SignIn))?;
        let s = self.series(series).await?;
        let network = s.network.as_ref().map(|n| n.to_string());
        let visibility = to_access_visibility(&s.visibility);
        self.authorize(
            by,
            &Action::See(access::Item {
                network: network.as_deref(),
                visibility: &visibility,
            }),
        )?;
        Ok(self.store().set_follow(person, series, follow).await?)
    }

    /// The series one follows.
    pub async fn follows(&self, person: i64) -> Result<Vec<Slug>> {
        Ok(self.store().follows(person).await?)
    }

    // ---- admin bootstrap, GDPR, retention -----------------------------------

    /// Creates a platform admin with an invitation link (the CLI's
    /// `admin create`); it needs no actor because whoever can run the CLI
    /// against the database owns the installation anyway.
    pub async fn bootstrap_admin(&self, person: NewPerson) -> Result<Invited> {
        let root = Actor::signed_in(0)
            .with_admin(true)
            .with_scope(Scope::Write);
        self.invite(
            &root,
            InvitationRequest {
                person,
                network: None,
                role: None,
                admin: true,
            },
        )
        .await
    }

    /// Everything stored about a person, for their GDPR download.
    pub async fn personal_data(&self, person: i64) -> Result<serde_json::Value> {
        let p = self.store().person(person).await?;
        let standing = self.store().standing(person).await?;
        let tokens = self.store().api_tokens(person).await?;
        let follows = self.store().follows(person).await?;
        let sessions = self.store().session_count(person).await?;
        let feed = self.store().has_feed_token(person).await?;
        Ok(serde_json::json!({
            "person": p,
            "roles": {
                "through_organization": standing.through_organization.iter().map(|(n, r)| serde_json::json!({"network": n, "role": r})).collect::<Vec<_>>(),
                "granted": standing.granted.iter().map(|(n, r)| serde_json::json!({"network": n, "role": r})).collect::<Vec<_>>(),
            },
            "groups": standing.groups.iter().map(|(n, g)| serde_json::json!({"network": n, "group": g})).collect::<Vec<_>>(),
            "editor_of": standing.editor_of,
            "follows": follows,
            "api_tokens": tokens.iter().map(|t| serde_json::json!({"id": t.id, "name": t.name, "scope": t.scope, "created_at": t.created_at, "last_used_at": t.last_used_at})).collect::<Vec<_>>(),
            "open_sessions": sessions,
            "calendar_feed": feed,
            "exported_at": self.now(),
        }))
    }

    /// Deletes one's own account: the person, sessions, tokens, roles and
    /// follows go; what they wrote stays under their organisation's name.
    /// The last platform admin cannot leave, or nobody could administer.
    pub async fn delete_account(&self, by: &Actor) -> Result<()> {
        self.authorize(by, &Action::ManageOwnAccount)?;
        let person = by.person.ok_or(AppError::Denied(Denial::SignIn))?;
        let p = self.store().person(person).await?;
        if p.admin && self.store().admin_count().await? <= 1 {
            return Err(AppError::Conflict(FieldError::new(
                "account",
                "you are the only platform admin; make someone else admin first",
            )));
        }
        self.store().delete_person(person).await?;
        // The entry cannot name the person by id any more: the row is gone,
        // and a reference to it would fail the foreign key (and lose the
        // entry).
        self.record_as(
            &Actor::anonymous(),
            "(gelöschtes Konto)",
            None,
            AuditAction::AccountDelete.code(),
            &format!("person {person}"),
            None,
        )
        .await;
        self.changed().await;
        Ok(())
    }

    /// Removes expired sessions and tokens and old audit entries.
    pub async fn purge_expired(&self) -> Result<Purged> {
        let t = self.now();
        let cfg = self.settings();
        Ok(self
            .store()
            .purge(&Retention {
                sessions_idle_before: t - cfg.session_idle,
                sessions_created_before: t - cfg.session_absolute,
                tokens_expired_before: t - DAY,
                api_tokens_unused_before: cfg.api_token_idle.map(|d| t - d),
                audit_before: cfg.audit_retention.map(|d| t - d),
            })
            .await?)
    }

    // ---- audit ---------------------------------------------------------------

    /// Records a change by `by`. A failure to record is logged, not
    /// returned: the change itself has happened already.
    pub(crate) async fn record(
        &self,
        by: &Actor,
        network: Option<&Slug>,
        action: AuditAction,
        target: &str,
        detail: Option<String>,
    ) {
        let name = self.inviter_name(by).await;
        self.record_as(by, &name, network, action.code(), target, detail)
            .await;
    }

    pub(crate) async fn record_as(
        &self,
        by: &Actor,
        name: &str,
        network: Option<&Slug>,
        action: &str,
        target: &str,
        detail: Option<String>,
    ) {
        let entry = AuditEntry {
            at: self.now(),
            actor: by.person.filter(|id| *id > 0),
            actor_name: name.to_owned(),
            network: network.cloned(),
            action: action.to_owned(),
            target: target.to_owned(),
            detail,
        };
        if let Err(e) = self.store().audit(&entry).await {
            warn!(error = %e, action, target, "audit entry not written");
        }
    }

    /// The audit log of a network (coordinators, admins) or of everything
    /// (admins).
    pub async fn audit_log(
        &self,
        by: &Actor,
        network: Option<&Slug>,
        page: Page,
    ) -> Result<Listed<AuditEntry>> {
        match network {
            Some(n) => self.authorize(by, &Action::ViewAudit(n.as_str()))?,
            None => self.authorize(by, &Action::ManagePlatform)?,
        }
        Ok(self.store().audit_entries(network, page).await?)
    }
}

/// The policy's name for a role.
pub fn to_access_role(r: NetworkRole) -> access::NetworkRole {
    match r {
        NetworkRole::Guest => access::NetworkRole::Guest,
        NetworkRole::Partner => access::NetworkRole::Partner,
        NetworkRole::Member => access::NetworkRole::Member,
        NetworkRole::Coordinator => access::NetworkRole::Coordinator,
    }
}

/// The policy's name for a visibility.
pub fn to_access_visibility(v: &knotenpunkt_domain::Visibility) -> access::Visibility {
    match v {
        knotenpunkt_domain::Visibility::Public => access::Visibility::Public,
        knotenpunkt_domain::Visibility::Network => access::Visibility::Network,
        knotenpunkt_domain::Visibility::Group(g) => access::Visibility::Group(g.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn passwords_verify_and_unknown_accounts_fail() {
        let h = hash_password("correct horse battery").await.unwrap();
        assert!(h.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"), "{h}");
        assert!(verify_password("correct horse battery", Some(h.clone())).await);
        assert!(!verify_password("wrong horse battery", Some(h)).await);
        assert!(!verify_password("no account has this password", None).await);
    }

    #[test]
    fn secrets_are_long_random_and_digested() {
        let a = secret().unwrap();
        let b = secret().unwrap();
        assert_ne!(a, b);
        assert_eq!(a.len(), 43);
        assert_eq!(digest(&a).len(), 64);
        assert_ne!(digest(&a), digest(&b));
    }
}
