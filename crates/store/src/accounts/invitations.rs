//! Invitations and password resets: single-use links, stored by the
//! digest of their secret and spent with one conditional `UPDATE`, so two
//! requests racing with the same link cannot both succeed.

use knotenpunkt_domain::{NetworkRole, Slug};
use sqlx::{AnyConnection, Row};

use super::{InvitationRecord, InvitationSummary};
use crate::sql::{Arg, Sql, parse};
use crate::{Result, Store, Tx, networks};

impl Tx {
    /// Stores an invitation for a person (already created).
    pub async fn create_invitation(
        &mut self,
        token_hash: &str,
        inv: &InvitationRecord,
        invited_by: Option<i64>,
        now: i64,
    ) -> Result<i64> {
        let network = match &inv.network {
            Some(n) => Some(networks::id_of(self.conn(), "network", n).await?),
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
            .fetch_one(self.conn())
            .await?)
    }

    /// Spends an invitation: succeeds once, before expiry, and then grants
    /// the invited role and sets the password in the same transaction.
    pub async fn accept_invitation(
        &mut self,
        token_hash: &str,
        password_hash: &str,
        now: i64,
    ) -> Result<Option<InvitationRecord>> {
        let spent = sqlx::query("UPDATE invitations SET used_at = $1 WHERE token_hash = $2 AND used_at IS NULL AND expires_at > $3")
            .bind(now)
            .bind(token_hash.to_owned())
            .bind(now)
            .execute(self.conn())
            .await?;
        if spent.rows_affected() != 1 {
            return Ok(None);
        }
        let Some(inv) = invitation(self.conn(), token_hash).await? else {
            return Ok(None);
        };
        sqlx::query("UPDATE persons SET password_hash = $1 WHERE id = $2")
            .bind(password_hash.to_owned())
            .bind(inv.person)
            .execute(self.conn())
            .await?;
        if let (Some(n), Some(r)) = (&inv.network, inv.role) {
            self.set_role(inv.person, n, Some(r)).await?;
        }
        // Other live invitations of the person (into other networks) are
        // honoured now and spent with this one: once a password is set, no
        // other link may set it again.
        let others = sqlx::query("SELECT n.slug, i.role FROM invitations i JOIN networks n ON n.id = i.network_id WHERE i.person_id = $1 AND i.used_at IS NULL AND i.expires_at > $2 AND i.role IS NOT NULL")
            .bind(inv.person)
            .bind(now)
            .fetch_all(self.conn())
            .await?;
        for r in others {
            let network: Slug = parse("network", &r.try_get::<String, _>(0)?)?;
            let role: NetworkRole = parse("role", &r.try_get::<String, _>(1)?)?;
            self.set_role(inv.person, &network, Some(role)).await?;
        }
        sqlx::query("UPDATE invitations SET used_at = $1 WHERE person_id = $2 AND used_at IS NULL")
            .bind(now)
            .bind(inv.person)
            .execute(self.conn())
            .await?;
        Ok(Some(inv))
    }

    /// Spends a reset token and sets the new password; every other reset
    /// link of the person dies with it and every session ends, because
    /// whoever had the old password must be locked out.
    pub async fn complete_reset(
        &mut self,
        token_hash: &str,
        password_hash: &str,
        now: i64,
    ) -> Result<Option<i64>> {
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
        .fetch_all(self.conn())
        .await?;
        let Some(&person) = spent.first() else {
            return Ok(None);
        };
        sqlx::query("UPDATE persons SET password_hash = $1 WHERE id = $2")
            .bind(password_hash.to_owned())
            .bind(person)
            .execute(self.conn())
            .await?;
        sqlx::query("DELETE FROM sessions WHERE person_id = $1")
            .bind(person)
            .execute(self.conn())
            .await?;
        Ok(Some(person))
    }
}

impl Store {
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
