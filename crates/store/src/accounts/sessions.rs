//! Browser sessions, stored by the digest of their cookie.
//!
//! A signed-in request finds its person with [`Store::signed_in`] (one
//! statement) and their standing with [`Store::standing`] (one more); the
//! app keeps the answer in memory while nothing changes.

use knotenpunkt_domain::Person;
use sqlx::Row;

use super::{SessionRecord, person_from_row};
use crate::{Result, Store, Tx};

/// A session with its person, as one statement finds them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignedIn {
    /// The stored session.
    pub session: SessionRecord,
    /// Whose it is.
    pub person: Person,
}

/// A session's person in the columns `person_from_row` reads, then the
/// session's own.
const SIGNED_IN: &str = "SELECT p.id, p.name, p.email, o.slug, p.phone, p.function, p.language, p.is_admin, p.password_hash, s.csrf, s.created_at, s.last_seen_at FROM sessions s JOIN persons p ON p.id = s.person_id LEFT JOIN organizations o ON o.id = p.organization_id WHERE s.id_hash = $1";

impl Store {
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

    /// How many sessions a person has open.
    pub async fn session_count(&self, person: i64) -> Result<u64> {
        let mut c = self.conn().await?;
        let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM sessions WHERE person_id = $1")
            .bind(person)
            .fetch_one(&mut *c)
            .await?;
        Ok(u64::try_from(n).unwrap_or(0))
    }

    /// The session with this digest and its person, in one statement.
    pub async fn signed_in(&self, id_hash: &str) -> Result<Option<SignedIn>> {
        let mut c = self.conn().await?;
        sqlx::query(SIGNED_IN)
            .bind(id_hash.to_owned())
            .fetch_optional(&mut *c)
            .await?
            .map(|r| {
                let (person, _) = person_from_row(&r)?;
                Ok(SignedIn {
                    session: SessionRecord {
                        person: person.id,
                        csrf: r.try_get(9)?,
                        created_at: r.try_get(10)?,
                        last_seen_at: r.try_get(11)?,
                    },
                    person,
                })
            })
            .transpose()
    }
}

impl Tx {
    /// Ends one session ("sign out").
    pub async fn delete_session(&mut self, id_hash: &str) -> Result<()> {
        sqlx::query("DELETE FROM sessions WHERE id_hash = $1")
            .bind(id_hash.to_owned())
            .execute(self.conn())
            .await?;
        Ok(())
    }

    /// Ends every session of a person ("sign out everywhere"); returns how many.
    pub async fn delete_sessions_of(&mut self, person: i64) -> Result<u64> {
        Ok(sqlx::query("DELETE FROM sessions WHERE person_id = $1")
            .bind(person)
            .execute(self.conn())
            .await?
            .rows_affected())
    }

    /// Ends every session of a person but the one stored as `keep`
    /// (the digest of the browser's own cookie); returns how many ended.
    pub async fn delete_other_sessions(&mut self, person: i64, keep: &str) -> Result<u64> {
        Ok(
            sqlx::query("DELETE FROM sessions WHERE person_id = $1 AND id_hash <> $2")
                .bind(person)
                .bind(keep.to_owned())
                .execute(self.conn())
                .await?
                .rows_affected(),
        )
    }
}
