use knotenpunkt_domain::{Cohort, Slug};
use sqlx::{AnyConnection, Row};

use crate::sql::{Arg, Sql, parse};
use crate::{Result, Store, StoreError, Tx, networks};

const COHORT_COLUMNS: &str = "SELECT n.slug, c.slug, c.name, c.year, c.motto, c.source FROM cohorts c JOIN networks n ON n.id = c.network_id";

pub(crate) async fn id_of(
    c: &mut AnyConnection,
    field: &str,
    network: &Slug,
    slug: &Slug,
) -> Result<i64> {
    sqlx::query_scalar::<_, i64>(
        "SELECT c.id FROM cohorts c JOIN networks n ON n.id = c.network_id WHERE n.slug = $1 AND c.slug = $2",
    )
    .bind(network.to_string())
    .bind(slug.to_string())
    .fetch_optional(&mut *c)
    .await?
    .ok_or_else(|| StoreError::UnknownReference {
        field: field.into(),
        entity: "cohort",
        key: format!("{network}/{slug}"),
    })
}

fn from_row(r: sqlx::any::AnyRow) -> Result<Cohort> {
    let year: Option<i64> = r.try_get(3)?;
    Ok(Cohort {
        network: parse("network", &r.try_get::<String, _>(0)?)?,
        slug: parse("slug", &r.try_get::<String, _>(1)?)?,
        name: r.try_get(2)?,
        year: year.map(|y| y as i32),
        motto: r.try_get(4)?,
        source: r.try_get(5)?,
    })
}

async fn list(c: &mut AnyConnection, network: Option<&Slug>) -> Result<Vec<Cohort>> {
    let mut sql = Sql::new(COHORT_COLUMNS);
    if let Some(n) = network {
        sql.push(" WHERE n.slug = ").bind(Arg::Text(n.to_string()));
    }
    sql.push(" ORDER BY n.slug, c.year, c.slug");
    sql.build()
        .fetch_all(&mut *c)
        .await?
        .into_iter()
        .map(from_row)
        .collect()
}

async fn insert(c: &mut AnyConnection, co: &Cohort) -> Result<()> {
    let network_id = networks::id_of(c, "network", &co.network).await?;
    if id_of(c, "slug", &co.network, &co.slug).await.is_ok() {
        return Err(StoreError::Conflict {
            field: "slug".into(),
            message: format!(
                "network '{}' has a cohort '{}' already",
                co.network, co.slug
            ),
        });
    }
    sqlx::query("INSERT INTO cohorts (network_id, slug, name, year, motto, source) VALUES ($1, $2, $3, $4, $5, $6)")
        .bind(network_id)
        .bind(co.slug.to_string())
        .bind(co.name.clone())
        .bind(co.year.map(i64::from))
        .bind(co.motto.clone())
        .bind(co.source.clone())
        .execute(&mut *c)
        .await?;
    Ok(())
}

impl Store {
    /// Cohorts, of one network or of all.
    pub async fn list_cohorts(&self, network: Option<&Slug>) -> Result<Vec<Cohort>> {
        list(&mut *self.conn().await?, network).await
    }

    /// One cohort of a network.
    pub async fn get_cohort(&self, network: &Slug, slug: &Slug) -> Result<Cohort> {
        let mut sql = Sql::new(COHORT_COLUMNS);
        sql.push(" WHERE n.slug = ")
            .bind(Arg::Text(network.to_string()))
            .push(" AND c.slug = ")
            .bind(Arg::Text(slug.to_string()));
        let row = sql.build().fetch_optional(&mut *self.conn().await?).await?;
        match row {
            Some(r) => from_row(r),
            None => Err(StoreError::NotFound {
                entity: "cohort",
                key: format!("{network}/{slug}"),
            }),
        }
    }
}

impl Tx {
    /// Replaces a cohort; it stays in its network.
    pub async fn update_cohort(&mut self, network: &Slug, slug: &Slug, co: &Cohort) -> Result<()> {
        let id = id_of(self.conn(), "slug", network, slug)
            .await
            .map_err(|_| StoreError::NotFound {
                entity: "cohort",
                key: format!("{network}/{slug}"),
            })?;
        if &co.network != network {
            return Err(StoreError::Conflict {
                field: "network".into(),
                message: "a cohort cannot move to another network".into(),
            });
        }
        if &co.slug != slug && id_of(self.conn(), "slug", network, &co.slug).await.is_ok() {
            return Err(StoreError::Conflict {
                field: "slug".into(),
                message: format!("network '{network}' has a cohort '{}' already", co.slug),
            });
        }
        sqlx::query("UPDATE cohorts SET slug = $1, name = $2, year = $3, motto = $4, source = $5 WHERE id = $6")
            .bind(co.slug.to_string())
            .bind(co.name.clone())
            .bind(co.year.map(i64::from))
            .bind(co.motto.clone())
            .bind(co.source.clone())
            .bind(id)
            .execute(self.conn())
            .await?;
        Ok(())
    }
    /// Removes a cohort no membership refers to.
    pub async fn delete_cohort(&mut self, network: &Slug, slug: &Slug) -> Result<()> {
        let id = id_of(self.conn(), "slug", network, slug)
            .await
            .map_err(|_| StoreError::NotFound {
                entity: "cohort",
                key: format!("{network}/{slug}"),
            })?;
        let used: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM memberships WHERE cohort_id = $1")
            .bind(id)
            .fetch_one(self.conn())
            .await?;
        if used > 0 {
            return Err(StoreError::InUse(format!(
                "cohort '{network}/{slug}' still has {used} membership(s); move or remove them first"
            )));
        }
        sqlx::query("DELETE FROM cohorts WHERE id = $1")
            .bind(id)
            .execute(self.conn())
            .await?;
        Ok(())
    }

    /// Adds a cohort.
    pub async fn create_cohort(&mut self, co: &Cohort) -> Result<()> {
        insert(self.conn(), co).await
    }

    /// All cohorts, for export.
    pub async fn list_cohorts(&mut self) -> Result<Vec<Cohort>> {
        list(self.conn(), None).await
    }
}
