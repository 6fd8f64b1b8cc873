//! Personal API tokens, calendar feed addresses and followed series: what
//! a person set up for programs and calendars to act or read for them.

use knotenpunkt_domain::{Person, Slug, TokenScope};
use sqlx::Row;

use super::{TokenRecord, person_from_row};
use crate::sql::parse;
use crate::{Result, Store, Tx, series};

/// An API token with its person, as one statement finds them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TokenHolder {
    /// The stored token.
    pub token: TokenRecord,
    /// Whose it is.
    pub person: Person,
}

/// A token's person in the columns `person_from_row` reads, then the
/// token's own.
const TOKEN_HOLDER: &str = "SELECT p.id, p.name, p.email, o.slug, p.phone, p.function, p.language, p.is_admin, p.password_hash, t.id, t.name, t.scope, t.created_at, t.last_used_at FROM api_tokens t JOIN persons p ON p.id = t.person_id LEFT JOIN organizations o ON o.id = p.organization_id WHERE t.token_hash = $1";

impl Store {
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

    /// The token with this digest and its person, in one statement.
    pub async fn token_holder(&self, token_hash: &str) -> Result<Option<TokenHolder>> {
        sqlx::query(TOKEN_HOLDER)
            .bind(token_hash.to_owned())
            .fetch_optional(&mut *self.conn().await?)
            .await?
            .map(|r| {
                let (person, _) = person_from_row(&r)?;
                Ok(TokenHolder {
                    token: TokenRecord {
                        id: r.try_get(9)?,
                        person: person.id,
                        name: r.try_get(10)?,
                        scope: parse("scope", &r.try_get::<String, _>(11)?)?,
                        created_at: r.try_get(12)?,
                        last_used_at: r.try_get(13)?,
                    },
                    person,
                })
            })
            .transpose()
    }
}

impl Tx {
    /// Revokes one of a person's tokens; `false` if they have no such token.
    pub async fn revoke_api_token(&mut self, person: i64, id: i64) -> Result<bool> {
        Ok(
            sqlx::query("DELETE FROM api_tokens WHERE id = $1 AND person_id = $2")
                .bind(id)
                .bind(person)
                .execute(self.conn())
                .await?
                .rows_affected()
                == 1,
        )
    }
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
