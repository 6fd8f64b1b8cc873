//! People, their credentials and standing: persons, sessions, invitations,
//! password resets, API tokens, follows, groups and the audit log.
//!
//! Every secret arrives here already hashed by the app layer; the store
//! compares hashes and never sees a password or a token. Single-use tokens
//! are spent with one conditional `UPDATE`, so two requests racing with the
//! same link cannot both succeed.

use knotenpunkt_domain::{Email, NetworkRole, NewPerson, Person, Slug, TokenScope};
use sqlx::{AnyConnection, Row};

use crate::sql::parse;
use crate::{Result, StoreError, organizations};

mod audit;
mod groups;
mod invitations;
mod people;
mod sessions;
mod tokens;

pub use people::NetworkStanding;
pub use sessions::SignedIn;
pub use tokens::TokenHolder;

pub(crate) const PERSON_COLUMNS: &str = "SELECT p.id, p.name, p.email, o.slug, p.phone, p.function, p.language, p.is_admin, p.password_hash FROM persons p LEFT JOIN organizations o ON o.id = p.organization_id";

pub(crate) fn person_from_row(r: &sqlx::any::AnyRow) -> Result<(Person, Option<String>)> {
    let hash: Option<String> = r.try_get(8)?;
    let admin: i64 = r.try_get(7)?;
    Ok((
        Person {
            id: r.try_get(0)?,
            name: r.try_get(1)?,
            email: parse("email", &r.try_get::<String, _>(2)?)?,
            organization: r
                .try_get::<Option<String>, _>(3)?
                .map(|s| parse("organization", &s))
                .transpose()?,
            phone: r.try_get(4)?,
            function: r.try_get(5)?,
            language: parse("language", &r.try_get::<String, _>(6)?)?,
            admin: admin != 0,
            active: hash.is_some(),
        },
        hash,
    ))
}

pub(crate) fn person_not_found(id: i64) -> StoreError {
    StoreError::NotFound {
        entity: "person",
        key: id.to_string(),
    }
}

pub(crate) async fn org_id(c: &mut AnyConnection, org: Option<&Slug>) -> Result<Option<i64>> {
    match org {
        Some(s) => Ok(Some(organizations::id_of(c, "organization", s).await?)),
        None => Ok(None),
    }
}

pub(crate) fn email_taken(e: StoreError) -> StoreError {
    match e {
        StoreError::Conflict { .. } => StoreError::Conflict {
            field: "email".into(),
            message: "a person with this e-mail address exists already".into(),
        },
        other => other,
    }
}

pub(crate) async fn insert_person(
    c: &mut AnyConnection,
    p: &NewPerson,
    admin: bool,
    now: i64,
) -> Result<Person> {
    let org = org_id(c, p.organization.as_ref()).await?;
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO persons (organization_id, name, email, phone, function, language, is_admin, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
    )
    .bind(org)
    .bind(p.name.trim().to_owned())
    .bind(p.email.to_string())
    .bind(p.phone.clone())
    .bind(p.function.clone())
    .bind(p.language.code())
    .bind(i64::from(admin))
    .bind(now)
    .fetch_one(&mut *c)
    .await
    .map_err(|e| email_taken(e.into()))?;
    Ok(Person {
        id,
        name: p.name.trim().to_owned(),
        email: p.email.clone(),
        organization: p.organization.clone(),
        phone: p.phone.clone(),
        function: p.function.clone(),
        language: p.language,
        admin,
        active: false,
    })
}

/// A person's roles, groups and editing rights, as stored; the app layer
/// turns this into the policy's `Actor`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Standing {
    /// Roles that follow from the organisation's current memberships.
    pub through_organization: Vec<(Slug, NetworkRole)>,
    /// Roles granted to the person directly.
    pub granted: Vec<(Slug, NetworkRole)>,
    /// `(network, group)` the person is named in.
    pub groups: Vec<(Slug, Slug)>,
    /// Organisations whose profile the person may edit.
    pub editor_of: Vec<Slug>,
}

/// A stored session.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SessionRecord {
    /// Whose session.
    pub person: i64,
    /// The form token bound to this session.
    pub csrf: String,
    /// When it began (Unix seconds).
    pub created_at: i64,
    /// When it was last used (Unix seconds).
    pub last_seen_at: i64,
}

/// A stored invitation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InvitationRecord {
    /// Row id.
    pub id: i64,
    /// Who is invited.
    pub person: i64,
    /// Into which network, if any.
    pub network: Option<Slug>,
    /// With which directly granted role, if any.
    pub role: Option<NetworkRole>,
    /// Expiry (Unix seconds).
    pub expires_at: i64,
    /// When it was used, if it was.
    pub used_at: Option<i64>,
}

/// An invitation as the inviter's list shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InvitationSummary {
    /// Row id.
    pub id: i64,
    /// Invited person's name.
    pub name: String,
    /// Invited person's address.
    pub email: Email,
    /// Into which network.
    pub network: Option<Slug>,
    /// With which role.
    pub role: Option<NetworkRole>,
    /// Sent (Unix seconds).
    pub created_at: i64,
    /// Expiry (Unix seconds).
    pub expires_at: i64,
    /// Used (Unix seconds).
    pub used_at: Option<i64>,
}

/// A personal API token as its owner's list shows it (never the secret).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TokenRecord {
    /// Row id, used to revoke it.
    pub id: i64,
    /// Owner.
    pub person: i64,
    /// The owner's label ("Jahresbericht-Skript").
    pub name: String,
    /// What it may do.
    pub scope: TokenScope,
    /// Created (Unix seconds).
    pub created_at: i64,
    /// Last used (Unix seconds).
    pub last_used_at: Option<i64>,
}

/// A named group of a network.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Group {
    /// Owning network.
    pub network: Slug,
    /// Key within the network.
    pub slug: Slug,
    /// Display name.
    pub name: String,
    /// Ids of the persons named in it.
    pub members: Vec<i64>,
}

/// One entry of the audit log.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditEntry {
    /// When (Unix seconds).
    pub at: i64,
    /// Who, by id while the account exists.
    pub actor: Option<i64>,
    /// Who, by name (kept after the account is deleted).
    pub actor_name: String,
    /// The network the change concerns, if any.
    pub network: Option<Slug>,
    /// What kind of change (`series.update`, `invitation.create`, …).
    pub action: String,
    /// What was changed (a slug, a date, an address).
    pub target: String,
    /// Optional detail.
    pub detail: Option<String>,
}

/// How long each kind of record is kept; `None` keeps it forever.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Retention {
    /// Sessions idle since before this are removed.
    pub sessions_idle_before: i64,
    /// Sessions begun before this are removed.
    pub sessions_created_before: i64,
    /// Used or expired invitations and resets whose expiry is before this.
    pub tokens_expired_before: i64,
    /// API tokens unused since before this (or never used and created before).
    pub api_tokens_unused_before: Option<i64>,
    /// Audit entries before this.
    pub audit_before: Option<i64>,
    /// Answers to events' questions, of events that ended before this.
    pub answers_of_events_ended_before: i64,
    /// Registrations asked for by mail and not confirmed since this.
    pub event_requests_before: i64,
    /// Reminders sent (or otherwise done) before this.
    pub reminders_done_before: i64,
}

/// How many rows [`Store::purge`] removed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Purged {
    /// Sessions.
    pub sessions: u64,
    /// Invitations and resets.
    pub tokens: u64,
    /// API tokens.
    pub api_tokens: u64,
    /// Audit entries.
    pub audit: u64,
    /// Answers to events' questions.
    pub answers: u64,
    /// Reminders sent.
    pub reminders: u64,
}
