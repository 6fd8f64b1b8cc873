//! People, their credentials and standing: persons, sessions, invitations,
//! password resets, API tokens, follows, groups and the audit log.
//!
//! Every secret arrives here already hashed by the app layer; the store
//! compares hashes and never sees a password or a token. Single-use tokens
//! are spent with one conditional `UPDATE`, so two requests racing with the
//! same link cannot both succeed.

use knotenpunkt_domain::{Email, NetworkRole, NewPerson, Person, Role, Slug, TokenScope};
use sqlx::{AnyConnection, Row};

use crate::sql::{Arg, Sql, parse};
use crate::{Listed, Page, Result, Store, StoreError, Tx, networks, organizations, series};

const PERSON_COLUMNS: &str = "SELECT p.id, p.name, p.email, o.slug, p.phone, p.function, p.language, p.is_admin, p.password_hash FROM persons p LEFT JOIN organizations o ON o.id = p.organization_id";

fn person_from_row(r: &sqlx::any::AnyRow) -> Result<(Person, Option<String>)> {
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

fn person_not_found(id: i64) -> StoreError {
    StoreError::NotFound {
        entity: "person",
        key: id.to_string(),
    }
}

async fn org_id(c: &mut AnyConnection, org: Option<&Slug>) -> Result<Option<i64>> {
    match org {
        Some(s) => Ok(Some(organizations::id_of(c, "organization", s).await?)),
        None => Ok(None),
    }
}

fn email_taken(e: StoreError) -> StoreError {
    match e {
        StoreError::Conflict { .. } => StoreError::Conflict {
            field: "email".into(),
            message: "a person with this e-mail address exists already".into(),
        },
        other => other,
    }
}

async fn insert_person(
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
}

impl Store {
    /// Creates a person without a password; an invitation lets them set one.
    pub async fn create_person(&self, p: &NewPerson, admin: bool, now: i64) -> Result<Person> {
        let mut c = self.conn().await?;
        insert_person(&mut c, p, admin, now).await
    }

    /// One person by id.
    pub async fn person(&self, id: i64) -> Result<Person> {
        let mut c = self.conn().await?;
        let mut q = Sql::new(PERSON_COLUMNS);
        q.push(" WHERE p.id = ").bind(Arg::Int(id));
        let row = q
            .build()
            .fetch_optional(&mut *c)
            .await?
            .ok_or_else(|| person_not_found(id))?;
        Ok(person_from_row(&row)?.0)
    }

    /// A person by address, with the password hash for signing in.
    pub async fn person_by_email(&self, email: &Email) -> Result<Option<(Person, Option<String>)>> {
        let mut c = self.conn().await?;
        let mut q = Sql::new(PERSON_COLUMNS);
        q.push(" WHERE p.email = ")
            .bind(Arg::Text(email.to_string()));
        q.build()
            .fetch_optional(&mut *c)
            .await?
            .map(|r| person_from_row(&r))
            .transpose()
    }

    /// The password hash of a person, to check "current password" on change.
    pub async fn password_hash(&self, id: i64) -> Result<Option<String>> {
        let mut c = self.conn().await?;
        sqlx::query_scalar::<_, Option<String>>("SELECT password_hash FROM persons WHERE id = $1")
            .bind(id)
            .fetch_optional(&mut *c)
            .await?
            .ok_or_else(|| person_not_found(id))
    }

    /// Persons, optionally those of one organisation or with a standing in one
    /// network (through their organisation or directly), ordered by name.
    pub async fn list_persons(
        &self,
        organization: Option<&Slug>,
        network: Option<&Slug>,
    ) -> Result<Vec<Person>> {
        let mut c = self.conn().await?;
        let mut q = Sql::new(PERSON_COLUMNS);
        q.push(" WHERE 1 = 1");
        if let Some(o) = organization {
            q.push(" AND o.slug = ").bind(Arg::Text(o.to_string()));
        }
        if let Some(n) = network {
            let n = n.to_string();
            q.push(" AND (p.id IN (SELECT pr.person_id FROM person_roles pr JOIN networks n ON n.id = pr.network_id WHERE n.slug = ")
                .bind(Arg::Text(n.clone()))
                .push(") OR p.organization_id IN (SELECT m.organization_id FROM memberships m JOIN networks n ON n.id = m.network_id WHERE m.left_on IS NULL AND n.slug = ")
                .bind(Arg::Text(n))
                .push("))");
        }
        q.push(" ORDER BY p.name, p.id");
        q.build()
            .fetch_all(&mut *c)
            .await?
            .iter()
            .map(|r| person_from_row(r).map(|p| p.0))
            .collect()
    }

    /// Changes the profile fields (and e-mail) of a person.
    pub async fn update_person(&self, id: i64, p: &NewPerson) -> Result<Person> {
        let mut c = self.conn().await?;
        let org = org_id(&mut c, p.organization.as_ref()).await?;
        let done = sqlx::query(
            "UPDATE persons SET organization_id = $1, name = $2, email = $3, phone = $4, function = $5, language = $6 WHERE id = $7",
        )
        .bind(org)
        .bind(p.name.trim().to_owned())
        .bind(p.email.to_string())
        .bind(p.phone.clone())
        .bind(p.function.clone())
        .bind(p.language.code())
        .bind(id)
        .execute(&mut *c)
        .await
        .map_err(|e| email_taken(e.into()))?;
        if done.rows_affected() == 0 {
            return Err(person_not_found(id));
        }
        drop(c);
        self.person(id).await
    }

    /// Sets a person's password hash.
    pub async fn set_password(&self, id: i64, hash: &str) -> Result<()> {
        let mut c = self.conn().await?;
        let done = sqlx::query("UPDATE persons SET password_hash = $1 WHERE id = $2")
            .bind(hash.to_owned())
            .bind(id)
            .execute(&mut *c)
            .await?;
        if done.rows_affected() == 0 {
            return Err(person_not_found(id));
        }
        Ok(())
    }

    /// Makes a person a platform admin (or not).
    pub async fn set_admin(&self, id: i64, admin: bool) -> Result<()> {
        let mut c = self.conn().await?;
        let done = sqlx::query("UPDATE persons SET is_admin = $1 WHERE id = $2")
            .bind(i64::from(admin))
            .bind(id)
            .execute(&mut *c)
            .await?;
        if done.rows_affected() == 0 {
            return Err(person_not_found(id));
        }
        Ok(())
    }

    /// How many platform admins can sign in (have set a password); the
    /// last one may not delete itself. An admin invited but not yet there
    /// does not count: the invitation may never be accepted.
    pub async fn admin_count(&self) -> Result<u64> {
        let mut c = self.conn().await?;
        let n: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM persons WHERE is_admin = 1 AND password_hash IS NOT NULL",
        )
        .fetch_one(&mut *c)
        .await?;
        Ok(u64::try_from(n).unwrap_or(0))
    }

    /// Removes a person and everything that is only theirs (sessions,
    /// tokens, roles, follows, group places); audit entries keep the name.
    pub async fn delete_person(&self, id: i64) -> Result<()> {
        let mut c = self.conn().await?;
        let done = sqlx::query("DELETE FROM persons WHERE id = $1")
            .bind(id)
            .execute(&mut *c)
            .await?;
        if done.rows_affected() == 0 {
            return Err(person_not_found(id));
        }
        Ok(())
    }

    /// Roles, groups and editing rights of a person. Roles through the
    /// organisation count only for memberships that have not ended.
    pub async fn standing(&self, id: i64) -> Result<Standing> {
        let mut c = self.conn().await?;
        let mut s = Standing::default();
        for r in sqlx::query("SELECT n.slug, m.role FROM persons p JOIN memberships m ON m.organization_id = p.organization_id JOIN networks n ON n.id = m.network_id WHERE p.id = $1 AND m.left_on IS NULL ORDER BY n.slug")
            .bind(id)
            .fetch_all(&mut *c)
            .await?
        {
            let role: Role = parse("role", &r.try_get::<String, _>(1)?)?;
            s.through_organization
                .push((parse("network", &r.try_get::<String, _>(0)?)?, role.into()));
        }
        for r in sqlx::query("SELECT n.slug, pr.role FROM person_roles pr JOIN networks n ON n.id = pr.network_id WHERE pr.person_id = $1 ORDER BY n.slug")
            .bind(id)
            .fetch_all(&mut *c)
            .await?
        {
            s.granted.push((
                parse("network", &r.try_get::<String, _>(0)?)?,
                parse("role", &r.try_get::<String, _>(1)?)?,
            ));
        }
        for r in sqlx::query("SELECT n.slug, g.slug FROM group_members gm JOIN groups g ON g.id = gm.group_id JOIN networks n ON n.id = g.network_id WHERE gm.person_id = $1 ORDER BY n.slug, g.slug")
            .bind(id)
            .fetch_all(&mut *c)
            .await?
        {
            s.groups.push((
                parse("network", &r.try_get::<String, _>(0)?)?,
                parse("group", &r.try_get::<String, _>(1)?)?,
            ));
        }
        for slug in sqlx::query_scalar::<_, String>("SELECT o.slug FROM organization_editors e JOIN organizations o ON o.id = e.organization_id WHERE e.person_id = $1 ORDER BY o.slug")
            .bind(id)
            .fetch_all(&mut *c)
            .await?
        {
            s.editor_of.push(parse("organization", &slug)?);
        }
        Ok(s)
    }

    /// Grants a role in a network directly (replacing an earlier grant), or
    /// with `None` withdraws it.
    pub async fn set_role(
        &self,
        person: i64,
        network: &Slug,
        role: Option<NetworkRole>,
    ) -> Result<()> {
        let mut tx = self.begin().await?;
        tx.set_role(person, network, role).await?;
        tx.commit().await
    }

    /// Lets a person edit an organisation's profile, or stops it.
    pub async fn set_editor(&self, person: i64, organization: &Slug, editor: bool) -> Result<()> {
        let mut c = self.conn().await?;
        let org = organizations::id_of(&mut c, "organization", organization).await?;
        sqlx::query(
            "DELETE FROM organization_editors WHERE person_id = $1 AND organization_id = $2",
        )
        .bind(person)
        .bind(org)
        .execute(&mut *c)
        .await?;
        if editor {
            sqlx::query(
                "INSERT INTO organization_editors (person_id, organization_id) VALUES ($1, $2)",
            )
            .bind(person)
            .bind(org)
            .execute(&mut *c)
            .await?;
        }
        Ok(())
    }

    // ---- sessions -------------------------------------------------------

    /// Stores a new session.
    pub async fn create_session(&self, id_hash: &str, s: &SessionRecord) -> Result<()> {
        let mut c = self.conn().await?;
        sqlx::query("INSERT INTO sessions (id_hash, person_id, csrf, created_at, last_seen_at) VALUES ($1, $2, $3, $4, $5)")
            .bind(id_hash.to_owned())
            .bind(s.person)
            .bind(s.csrf.clone())
            .bind(s.created_at)
            .bind(s.last_seen_at)
            .execute(&mut *c)
            .await?;
        Ok(())
    }

    /// A session by the hash of its id.
    pub async fn session(&self, id_hash: &str) -> Result<Option<SessionRecord>> {
        let mut c = self.conn().await?;
        sqlx::query(
            "SELECT person_id, csrf, created_at, last_seen_at FROM sessions WHERE id_hash = $1",
        )
        .bind(id_hash.to_owned())
        .fetch_optional(&mut *c)
        .await?
        .map(|r| {
            Ok(SessionRecord {
                person: r.try_get(0)?,
                csrf: r.try_get(1)?,
                created_at: r.try_get(2)?,
                last_seen_at: r.try_get(3)?,
            })
        })
        .transpose()
    }

    /// Records that a session was used now.
    pub async fn touch_session(&self, id_hash: &str, now: i64) -> Result<()> {
        let mut c = self.conn().await?;
        sqlx::query("UPDATE sessions SET last_seen_at = $1 WHERE id_hash = $2")
            .bind(now)
            .bind(id_hash.to_owned())
            .execute(&mut *c)
            .await?;
        Ok(())
    }

    /// Ends one session.
    pub async fn delete_session(&self, id_hash: &str) -> Result<()> {
        let mut c = self.conn().await?;
        sqlx::query("DELETE FROM sessions WHERE id_hash = $1")
            .bind(id_hash.to_owned())
            .execute(&mut *c)
            .await?;
        Ok(())
    }

    /// Ends every session of a person ("sign out everywhere"); returns how many.
    pub async fn delete_sessions_of(&self, person: i64) -> Result<u64> {
        let mut c = self.conn().await?;
        Ok(sqlx::query("DELETE FROM sessions WHERE person_id = $1")
            .bind(person)
            .execute(&mut *c)
            .await?
            .rows_affected())
    }

    /// Ends every session of a person but the one stored as `keep`
    /// (the digest of the browser's own cookie); returns how many ended.
    pub async fn delete_other_sessions(&self, person: i64, keep: &str) -> Result<u64> {
        let mut c = self.conn().await?;
        Ok(
            sqlx::query("DELETE FROM sessions WHERE person_id = $1 AND id_hash <> $2")
                .bind(person)
                .bind(keep.to_owned())
                .execute(&mut *c)
                .await?
                .rows_affected(),
        )
    }

    /// How many sessions a person has open.
    pub async fn session_count(&self, person: i64) -> Result<u64> {
        let mut c = self.conn().await?;
        let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM sessions WHERE person_id = $1")
            .bind(person)
            .fetch_one(&mut *c)
            .await?;
        Ok(u64::try_from(n).unwrap_or(0))
    }

    // ---- invitations and resets -------------------------------------------

    /// Stores an invitation for a person (already created).
    pub async fn create_invitation(
        &self,
        token_hash: &str,
        inv: &InvitationRecord,
        invited_by: Option<i64>,
        now: i64,
    ) -> Result<i64> {
        let mut c = self.conn().await?;
        let network = match &inv.network {
            Some(n) => Some(networks::id_of(&mut c, "network", n).await?),
            None => None,
        };
        Ok(sqlx::query_scalar("INSERT INTO invitations (token_hash, person_id, network_id, role, invited_by, created_at, expires_at) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id")
            .bind(token_hash.to_owned())
            .bind(inv.person)
            .bind(network)
            .bind(inv.role.map(|r| r.code()))
            .bind(invited_by)
            .bind(now)
            .bind(inv.expires_at)
            .fetch_one(&mut *c)
            .await?)
    }

    /// Spends an invitation: succeeds once, before expiry, and then grants
    /// the invited role and sets the password in the same transaction.
    pub async fn accept_invitation(
        &self,
        token_hash: &str,
        password_hash: &str,
        now: i64,
    ) -> Result<Option<InvitationRecord>> {
        let mut tx = self.begin().await?;
        let spent = sqlx::query("UPDATE invitations SET used_at = $1 WHERE token_hash = $2 AND used_at IS NULL AND expires_at > $3")
            .bind(now)
            .bind(token_hash.to_owned())
            .bind(now)
            .execute(tx.conn())
            .await?;
        if spent.rows_affected() != 1 {
            return Ok(None);
        }
        let Some(inv) = invitation(tx.conn(), token_hash).await? else {
            return Ok(None);
        };
        sqlx::query("UPDATE persons SET password_hash = $1 WHERE id = $2")
            .bind(password_hash.to_owned())
            .bind(inv.person)
            .execute(tx.conn())
            .await?;
        if let (Some(n), Some(r)) = (&inv.network, inv.role) {
            tx.set_role(inv.person, n, Some(r)).await?;
        }
        // Other live invitations of the person (into other networks) are
        // honoured now and spent with this one: once a password is set, no
        // other link may set it again.
        let others = sqlx::query("SELECT n.slug, i.role FROM invitations i JOIN networks n ON n.id = i.network_id WHERE i.person_id = $1 AND i.used_at IS NULL AND i.expires_at > $2 AND i.role IS NOT NULL")
            .bind(inv.person)
            .bind(now)
            .fetch_all(tx.conn())
            .await?;
        for r in others {
            let network: Slug = parse("network", &r.try_get::<String, _>(0)?)?;
            let role: NetworkRole = parse("role", &r.try_get::<String, _>(1)?)?;
            tx.set_role(inv.person, &network, Some(role)).await?;
        }
        sqlx::query("UPDATE invitations SET used_at = $1 WHERE person_id = $2 AND used_at IS NULL")
            .bind(now)
            .bind(inv.person)
            .execute(tx.conn())
            .await?;
        tx.commit().await?;
        Ok(Some(inv))
    }

    /// An invitation by its token's hash, whatever its state.
    pub async fn invitation(&self, token_hash: &str) -> Result<Option<InvitationRecord>> {
        let mut c = self.conn().await?;
        invitation(&mut c, token_hash).await
    }

    /// Invitations into a network (or all, for admins), newest first.
    pub async fn list_invitations(&self, network: Option<&Slug>) -> Result<Vec<InvitationSummary>> {
        let mut c = self.conn().await?;
        let mut q = Sql::new(
            "SELECT i.id, p.name, p.email, n.slug, i.role, i.created_at, i.expires_at, i.used_at FROM invitations i JOIN persons p ON p.id = i.person_id LEFT JOIN networks n ON n.id = i.network_id",
        );
        if let Some(n) = network {
            q.push(" WHERE n.slug = ").bind(Arg::Text(n.to_string()));
        }
        q.push(" ORDER BY i.created_at DESC, i.id DESC");
        q.build()
            .fetch_all(&mut *c)
            .await?
            .iter()
            .map(|r| {
                Ok(InvitationSummary {
                    id: r.try_get(0)?,
                    name: r.try_get(1)?,
                    email: parse("email", &r.try_get::<String, _>(2)?)?,
                    network: r
                        .try_get::<Option<String>, _>(3)?
                        .map(|s| parse("network", &s))
                        .transpose()?,
                    role: r
                        .try_get::<Option<String>, _>(4)?
                        .map(|s| parse("role", &s))
                        .transpose()?,
                    created_at: r.try_get(5)?,
                    expires_at: r.try_get(6)?,
                    used_at: r.try_get(7)?,
                })
            })
            .collect()
    }

    /// Stores a password-reset token.
    pub async fn create_reset(
        &self,
        token_hash: &str,
        person: i64,
        now: i64,
        expires_at: i64,
    ) -> Result<()> {
        let mut c = self.conn().await?;
        sqlx::query("INSERT INTO password_resets (token_hash, person_id, created_at, expires_at) VALUES ($1, $2, $3, $4)")
            .bind(token_hash.to_owned())
            .bind(person)
            .bind(now)
            .bind(expires_at)
            .execute(&mut *c)
            .await?;
        Ok(())
    }

    /// Whether a reset token is still usable, and whose it is.
    pub async fn reset_person(&self, token_hash: &str, now: i64) -> Result<Option<i64>> {
        let mut c = self.conn().await?;
        Ok(sqlx::query_scalar("SELECT person_id FROM password_resets WHERE token_hash = $1 AND used_at IS NULL AND expires_at > $2")
            .bind(token_hash.to_owned())
            .bind(now)
            .fetch_optional(&mut *c)
            .await?)
    }

    /// Spends a reset token and sets the new password; every other reset
    /// link of the person dies with it and every session ends, because
    /// whoever had the old password must be locked out.
    pub async fn complete_reset(
        &self,
        token_hash: &str,
        password_hash: &str,
        now: i64,
    ) -> Result<Option<i64>> {
        let mut tx = self.begin().await?;
        // One conditional UPDATE spends this link and every other unused
        // link of the person. It matches only while this link is unused and
        // unexpired, so of requests racing with the same link (or with two
        // links of one person) exactly one gets rows back, and a spent link
        // cannot borrow a link requested later. Writing first also lets
        // SQLite queue racing requests instead of failing them as busy.
        let spent: Vec<i64> = sqlx::query_scalar(
            "UPDATE password_resets SET used_at = $1 WHERE used_at IS NULL AND person_id = (SELECT r.person_id FROM password_resets r WHERE r.token_hash = $2 AND r.used_at IS NULL AND r.expires_at > $3) RETURNING person_id",
        )
        .bind(now)
        .bind(token_hash.to_owned())
        .bind(now)
        .fetch_all(tx.conn())
        .await?;
        let Some(&person) = spent.first() else {
            return Ok(None);
        };
        sqlx::query("UPDATE persons SET password_hash = $1 WHERE id = $2")
            .bind(password_hash.to_owned())
            .bind(person)
            .execute(tx.conn())
            .await?;
        sqlx::query("DELETE FROM sessions WHERE person_id = $1")
            .bind(person)
            .execute(tx.conn())
            .await?;
        tx.commit().await?;
        Ok(Some(person))
    }

    // ---- API and feed tokens ----------------------------------------------

    /// Stores a personal API token.
    pub async fn create_api_token(
        &self,
        person: i64,
        name: &str,
        token_hash: &str,
        scope: TokenScope,
        now: i64,
    ) -> Result<TokenRecord> {
        let mut c = self.conn().await?;
        let id: i64 = sqlx::query_scalar("INSERT INTO api_tokens (person_id, name, token_hash, scope, created_at) VALUES ($1, $2, $3, $4, $5) RETURNING id")
            .bind(person)
            .bind(name.to_owned())
            .bind(token_hash.to_owned())
            .bind(scope.code())
            .bind(now)
            .fetch_one(&mut *c)
            .await?;
        Ok(TokenRecord {
            id,
            person,
            name: name.to_owned(),
            scope,
            created_at: now,
            last_used_at: None,
        })
    }

    /// A person's API tokens, newest first.
    pub async fn api_tokens(&self, person: i64) -> Result<Vec<TokenRecord>> {
        let mut c = self.conn().await?;
        sqlx::query("SELECT id, person_id, name, scope, created_at, last_used_at FROM api_tokens WHERE person_id = $1 ORDER BY created_at DESC, id DESC")
            .bind(person)
            .fetch_all(&mut *c)
            .await?
            .iter()
            .map(token_from_row)
            .collect()
    }

    /// The token with this digest, if there is one.
    pub async fn api_token(&self, token_hash: &str) -> Result<Option<TokenRecord>> {
        sqlx::query("SELECT id, person_id, name, scope, created_at, last_used_at FROM api_tokens WHERE token_hash = $1")
            .bind(token_hash.to_owned())
            .fetch_optional(&mut *self.conn().await?)
            .await?
            .map(|r| token_from_row(&r))
            .transpose()
    }

    /// Records that a token was used at `now` (for removing unused ones).
    pub async fn touch_api_token(&self, id: i64, now: i64) -> Result<()> {
        sqlx::query("UPDATE api_tokens SET last_used_at = $1 WHERE id = $2")
            .bind(now)
            .bind(id)
            .execute(&mut *self.conn().await?)
            .await?;
        Ok(())
    }

    /// Revokes one of a person's tokens; `false` if they have no such token.
    pub async fn revoke_api_token(&self, person: i64, id: i64) -> Result<bool> {
        let mut c = self.conn().await?;
        Ok(
            sqlx::query("DELETE FROM api_tokens WHERE id = $1 AND person_id = $2")
                .bind(id)
                .bind(person)
                .execute(&mut *c)
                .await?
                .rows_affected()
                == 1,
        )
    }

    /// Sets (or with `None` revokes) the secret of a person's calendar feed.
    pub async fn set_feed_token(&self, person: i64, token_hash: Option<&str>) -> Result<()> {
        let mut c = self.conn().await?;
        sqlx::query("UPDATE persons SET feed_token_hash = $1 WHERE id = $2")
            .bind(token_hash.map(str::to_owned))
            .bind(person)
            .execute(&mut *c)
            .await?;
        Ok(())
    }

    /// Whether a person has a calendar feed address.
    pub async fn has_feed_token(&self, person: i64) -> Result<bool> {
        let mut c = self.conn().await?;
        let n: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM persons WHERE id = $1 AND feed_token_hash IS NOT NULL",
        )
        .bind(person)
        .fetch_one(&mut *c)
        .await?;
        Ok(n > 0)
    }

    /// The person whose calendar feed has this secret.
    pub async fn person_by_feed_token(&self, token_hash: &str) -> Result<Option<i64>> {
        let mut c = self.conn().await?;
        Ok(
            sqlx::query_scalar("SELECT id FROM persons WHERE feed_token_hash = $1")
                .bind(token_hash.to_owned())
                .fetch_optional(&mut *c)
                .await?,
        )
    }

    // ---- follows ---------------------------------------------------------

    /// Follows (or unfollows) a series for the personal feed.
    pub async fn set_follow(&self, person: i64, series_slug: &Slug, follow: bool) -> Result<()> {
        let mut c = self.conn().await?;
        let s = series::id_of(&mut c, series_slug).await?;
        sqlx::query("DELETE FROM follows WHERE person_id = $1 AND series_id = $2")
            .bind(person)
            .bind(s)
            .execute(&mut *c)
            .await?;
        if follow {
            sqlx::query("INSERT INTO follows (person_id, series_id) VALUES ($1, $2)")
                .bind(person)
                .bind(s)
                .execute(&mut *c)
                .await?;
        }
        Ok(())
    }

    /// The series a person follows.
    pub async fn follows(&self, person: i64) -> Result<Vec<Slug>> {
        let mut c = self.conn().await?;
        sqlx::query_scalar::<_, String>("SELECT s.slug FROM follows f JOIN series s ON s.id = f.series_id WHERE f.person_id = $1 ORDER BY s.slug")
            .bind(person)
            .fetch_all(&mut *c)
            .await?
            .iter()
            .map(|s| parse("series", s))
            .collect()
    }

    // ---- groups ----------------------------------------------------------

    /// Creates or renames a group and sets its members.
    pub async fn put_group(&self, g: &Group) -> Result<()> {
        let mut tx = self.begin().await?;
        let network = networks::id_of(tx.conn(), "network", &g.network).await?;
        let existing: Option<i64> =
            sqlx::query_scalar("SELECT id FROM groups WHERE network_id = $1 AND slug = $2")
                .bind(network)
                .bind(g.slug.to_string())
                .fetch_optional(tx.conn())
                .await?;
        let id =
            match existing {
                Some(id) => {
                    sqlx::query("UPDATE groups SET name = $1 WHERE id = $2")
                        .bind(g.name.clone())
                        .bind(id)
                        .execute(tx.conn())
                        .await?;
                    sqlx::query("DELETE FROM group_members WHERE group_id = $1")
                        .bind(id)
                        .execute(tx.conn())
                        .await?;
                    id
                }
                None => sqlx::query_scalar(
                    "INSERT INTO groups (network_id, slug, name) VALUES ($1, $2, $3) RETURNING id",
                )
                .bind(network)
                .bind(g.slug.to_string())
                .bind(g.name.clone())
                .fetch_one(tx.conn())
                .await?,
            };
        for p in &g.members {
            sqlx::query("INSERT INTO group_members (group_id, person_id) VALUES ($1, $2)")
                .bind(id)
                .bind(*p)
                .execute(tx.conn())
                .await
                .map_err(|e| match StoreError::from(e) {
                    StoreError::InUse(_) => StoreError::UnknownReference {
                        field: "members".into(),
                        entity: "person",
                        key: p.to_string(),
                    },
                    other => other,
                })?;
        }
        tx.commit().await
    }

    /// The groups of a network, with their members.
    pub async fn groups(&self, network: &Slug) -> Result<Vec<Group>> {
        let mut c = self.conn().await?;
        let mut out: Vec<(i64, Group)> = Vec::new();
        for r in sqlx::query("SELECT g.id, g.slug, g.name FROM groups g JOIN networks n ON n.id = g.network_id WHERE n.slug = $1 ORDER BY g.slug")
            .bind(network.to_string())
            .fetch_all(&mut *c)
            .await?
        {
            out.push((
                r.try_get(0)?,
                Group {
                    network: network.clone(),
                    slug: parse("group", &r.try_get::<String, _>(1)?)?,
                    name: r.try_get(2)?,
                    members: Vec::new(),
                },
            ));
        }
        for (id, g) in &mut out {
            g.members = sqlx::query_scalar(
                "SELECT person_id FROM group_members WHERE group_id = $1 ORDER BY person_id",
            )
            .bind(*id)
            .fetch_all(&mut *c)
            .await?;
        }
        Ok(out.into_iter().map(|(_, g)| g).collect())
    }

    // ---- audit -----------------------------------------------------------

    /// Appends an entry to the audit log on its own; a change and its entry
    /// belong into one transaction instead (see [`Tx::audit`]).
    pub async fn audit(&self, e: &AuditEntry) -> Result<()> {
        insert_audit(&mut *self.conn().await?, e).await
    }

    /// Audit entries, newest first: of one network, or all.
    pub async fn audit_entries(
        &self,
        network: Option<&Slug>,
        page: Page,
    ) -> Result<Listed<AuditEntry>> {
        let mut c = self.conn().await?;
        let mut count = Sql::new(
            "SELECT COUNT(*) FROM audit_log a LEFT JOIN networks n ON n.id = a.network_id",
        );
        let mut q = Sql::new(
            "SELECT a.at, a.actor_id, a.actor_name, n.slug, a.action, a.target, a.detail FROM audit_log a LEFT JOIN networks n ON n.id = a.network_id",
        );
        if let Some(n) = network {
            count
                .push(" WHERE n.slug = ")
                .bind(Arg::Text(n.to_string()));
            q.push(" WHERE n.slug = ").bind(Arg::Text(n.to_string()));
        }
        q.push(" ORDER BY a.at DESC, a.id DESC");
        // SQLite knows OFFSET only after a LIMIT; like every other list,
        // a page without a limit is the whole list.
        if let Some(l) = page.limit {
            q.push(" LIMIT ")
                .bind(Arg::Int(i64::try_from(l).unwrap_or(i64::MAX)));
            q.push(" OFFSET ")
                .bind(Arg::Int(i64::try_from(page.offset).unwrap_or(i64::MAX)));
        }
        let total = count.build_scalar().fetch_one(&mut *c).await?;
        let items = q
            .build()
            .fetch_all(&mut *c)
            .await?
            .iter()
            .map(|r| {
                Ok(AuditEntry {
                    at: r.try_get(0)?,
                    actor: r.try_get(1)?,
                    actor_name: r.try_get(2)?,
                    network: r
                        .try_get::<Option<String>, _>(3)?
                        .map(|s| parse("network", &s))
                        .transpose()?,
                    action: r.try_get(4)?,
                    target: r.try_get(5)?,
                    detail: r.try_get(6)?,
                })
            })
            .collect::<Result<Vec<_>>>()?;
        Ok(Listed {
            items,
            total: u64::try_from(total).unwrap_or(0),
        })
    }

    /// Removes what the retention settings no longer allow to keep.
    pub async fn purge(&self, r: &Retention) -> Result<Purged> {
        let mut tx = self.begin().await?;
        let mut out = Purged {
            sessions: sqlx::query(
                "DELETE FROM sessions WHERE last_seen_at < $1 OR created_at < $2",
            )
            .bind(r.sessions_idle_before)
            .bind(r.sessions_created_before)
            .execute(tx.conn())
            .await?
            .rows_affected(),
            ..Purged::default()
        };
        out.tokens += sqlx::query("DELETE FROM invitations WHERE expires_at < $1")
            .bind(r.tokens_expired_before)
            .execute(tx.conn())
            .await?
            .rows_affected();
        out.tokens += sqlx::query("DELETE FROM password_resets WHERE expires_at < $1")
            .bind(r.tokens_expired_before)
            .execute(tx.conn())
            .await?
            .rows_affected();
        if let Some(before) = r.api_tokens_unused_before {
            out.api_tokens =
                sqlx::query("DELETE FROM api_tokens WHERE COALESCE(last_used_at, created_at) < $1")
                    .bind(before)
                    .execute(tx.conn())
                    .await?
                    .rows_affected();
        }
        if let Some(before) = r.audit_before {
            out.audit = sqlx::query("DELETE FROM audit_log WHERE at < $1")
                .bind(before)
                .execute(tx.conn())
                .await?
                .rows_affected();
        }
        tx.commit().await?;
        Ok(out)
    }

    /// The persons who may edit an organisation's profile, ordered by name.
    pub async fn organization_editors(&self, organization: &Slug) -> Result<Vec<Person>> {
        let mut c = self.conn().await?;
        let mut q = Sql::new(PERSON_COLUMNS);
        q.push(" WHERE p.id IN (SELECT e.person_id FROM organization_editors e JOIN organizations eo ON eo.id = e.organization_id WHERE eo.slug = ")
            .bind(Arg::Text(organization.to_string()))
            .push(") ORDER BY p.name, p.id");
        q.build()
            .fetch_all(&mut *c)
            .await?
            .iter()
            .map(|r| person_from_row(r).map(|p| p.0))
            .collect()
    }
}

async fn insert_audit(c: &mut AnyConnection, e: &AuditEntry) -> Result<()> {
    let network = match &e.network {
        // The network may just have been deleted; the entry then stands
        // without it rather than failing the change it records.
        Some(n) => networks::id_of(&mut *c, "network", n).await.ok(),
        None => None,
    };
    sqlx::query("INSERT INTO audit_log (at, actor_id, actor_name, network_id, action, target, detail) VALUES ($1, $2, $3, $4, $5, $6, $7)")
        .bind(e.at)
        .bind(e.actor)
        .bind(e.actor_name.clone())
        .bind(network)
        .bind(e.action.clone())
        .bind(e.target.clone())
        .bind(e.detail.clone())
        .execute(&mut *c)
        .await?;
    Ok(())
}

impl Tx {
    /// Appends an entry to the audit log as part of the change it records:
    /// the entry exists exactly when the change committed.
    pub async fn audit(&mut self, e: &AuditEntry) -> Result<()> {
        insert_audit(self.conn(), e).await
    }

    /// A person's display name, for the audit entry of their change; `None`
    /// for an id without a person (the command line acts as no one).
    pub async fn person_name(&mut self, id: i64) -> Result<Option<String>> {
        Ok(sqlx::query_scalar("SELECT name FROM persons WHERE id = $1")
            .bind(id)
            .fetch_optional(self.conn())
            .await?)
    }

    /// See [`Store::set_role`].
    pub async fn set_role(
        &mut self,
        person: i64,
        network: &Slug,
        role: Option<NetworkRole>,
    ) -> Result<()> {
        let n = networks::id_of(self.conn(), "network", network).await?;
        sqlx::query("DELETE FROM person_roles WHERE person_id = $1 AND network_id = $2")
            .bind(person)
            .bind(n)
            .execute(self.conn())
            .await?;
        if let Some(role) = role {
            sqlx::query(
                "INSERT INTO person_roles (person_id, network_id, role) VALUES ($1, $2, $3)",
            )
            .bind(person)
            .bind(n)
            .bind(role.code())
            .execute(self.conn())
            .await
            .map_err(|e| match StoreError::from(e) {
                StoreError::InUse(_) => person_not_found(person),
                other => other,
            })?;
        }
        Ok(())
    }

    /// See [`Store::create_person`]; inside an import or an invitation.
    pub async fn create_person(&mut self, p: &NewPerson, admin: bool, now: i64) -> Result<Person> {
        insert_person(self.conn(), p, admin, now).await
    }
}

async fn invitation(c: &mut AnyConnection, token_hash: &str) -> Result<Option<InvitationRecord>> {
    sqlx::query("SELECT i.id, i.person_id, n.slug, i.role, i.expires_at, i.used_at FROM invitations i LEFT JOIN networks n ON n.id = i.network_id WHERE i.token_hash = $1")
        .bind(token_hash.to_owned())
        .fetch_optional(&mut *c)
        .await?
        .map(|r| {
            Ok(InvitationRecord {
                id: r.try_get(0)?,
                person: r.try_get(1)?,
                network: r
                    .try_get::<Option<String>, _>(2)?
                    .map(|s| parse("network", &s))
                    .transpose()?,
                role: r
                    .try_get::<Option<String>, _>(3)?
                    .map(|s| parse("role", &s))
                    .transpose()?,
                expires_at: r.try_get(4)?,
                used_at: r.try_get(5)?,
            })
        })
        .transpose()
}

fn token_from_row(r: &sqlx::any::AnyRow) -> Result<TokenRecord> {
    Ok(TokenRecord {
        id: r.try_get(0)?,
        person: r.try_get(1)?,
        name: r.try_get(2)?,
        scope: parse("scope", &r.try_get::<String, _>(3)?)?,
        created_at: r.try_get(4)?,
        last_used_at: r.try_get(5)?,
    })
}
