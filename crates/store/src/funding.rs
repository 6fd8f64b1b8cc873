//! Funding calls of a network (`funding_calls`).

use chrono::NaiveDate;
use knotenpunkt_domain::{FundingCall, Slug};
use sqlx::{AnyConnection, Row};

use crate::sql::{Arg, Sql, codes_of, codes_text, parse};
use crate::{Result, Store, StoreError, Tx, networks};

const CALL_COLUMNS: &str = "SELECT n.slug, f.slug, f.funder, f.programme, f.title, f.link, f.deadline, f.states, f.kinds, f.topics, f.description FROM funding_calls f JOIN networks n ON n.id = f.network_id";

fn from_row(r: sqlx::any::AnyRow) -> Result<FundingCall> {
    let deadline: String = r.try_get(6)?;
    Ok(FundingCall {
        network: parse("network", &r.try_get::<String, _>(0)?)?,
        slug: parse("slug", &r.try_get::<String, _>(1)?)?,
        funder: r.try_get(2)?,
        programme: r.try_get(3)?,
        title: r.try_get(4)?,
        link: r.try_get(5)?,
        deadline: deadline
            .parse()
            .map_err(|e| StoreError::Corrupt(format!("deadline '{deadline}': {e}")))?,
        states: codes_of("states", &r.try_get::<String, _>(7)?)?,
        kinds: codes_of("kinds", &r.try_get::<String, _>(8)?)?,
        topics: codes_of("topics", &r.try_get::<String, _>(9)?)?,
        description: r.try_get(10)?,
    })
}

async fn id_of(c: &mut AnyConnection, network: &Slug, slug: &Slug) -> Result<Option<i64>> {
    Ok(sqlx::query_scalar::<_, i64>(
        "SELECT f.id FROM funding_calls f JOIN networks n ON n.id = f.network_id WHERE n.slug = $1 AND f.slug = $2",
    )
    .bind(network.to_string())
    .bind(slug.to_string())
    .fetch_optional(&mut *c)
    .await?)
}

fn not_found(network: &Slug, slug: &Slug) -> StoreError {
    StoreError::NotFound {
        entity: "funding call",
        key: format!("{network}/{slug}"),
    }
}

fn taken(network: &Slug, slug: &Slug) -> StoreError {
    StoreError::Conflict {
        field: "slug".into(),
        message: format!("network '{network}' has a funding call '{slug}' already"),
    }
}

async fn list(
    c: &mut AnyConnection,
    network: Option<&Slug>,
    open_on: Option<NaiveDate>,
) -> Result<Vec<FundingCall>> {
    let mut sql = Sql::new(CALL_COLUMNS);
    sql.push(" WHERE 1 = 1");
    if let Some(n) = network {
        sql.push(" AND n.slug = ").bind(Arg::Text(n.to_string()));
    }
    if let Some(day) = open_on {
        sql.push(" AND f.deadline >= ")
            .bind(Arg::Text(day.to_string()));
    }
    sql.push(" ORDER BY f.deadline, n.slug, f.slug");
    sql.build()
        .fetch_all(&mut *c)
        .await?
        .into_iter()
        .map(from_row)
        .collect()
}

impl Store {
    /// Funding calls of a network, or of all, by deadline; with `open_on`
    /// only those whose deadline is that day or later.
    pub async fn list_funding_calls(
        &self,
        network: Option<&Slug>,
        open_on: Option<NaiveDate>,
    ) -> Result<Vec<FundingCall>> {
        list(&mut *self.conn().await?, network, open_on).await
    }

    /// One funding call of a network.
    pub async fn get_funding_call(&self, network: &Slug, slug: &Slug) -> Result<FundingCall> {
        let mut sql = Sql::new(CALL_COLUMNS);
        sql.push(" WHERE n.slug = ")
            .bind(Arg::Text(network.to_string()))
            .push(" AND f.slug = ")
            .bind(Arg::Text(slug.to_string()));
        match sql.build().fetch_optional(&mut *self.conn().await?).await? {
            Some(r) => from_row(r),
            None => Err(not_found(network, slug)),
        }
    }
}

impl Tx {
    /// Every funding call, inside this transaction (for an export's
    /// consistent snapshot).
    pub async fn all_funding_calls(&mut self) -> Result<Vec<FundingCall>> {
        list(self.conn(), None, None).await
    }

    /// Records a funding call.
    pub async fn create_funding_call(&mut self, call: &FundingCall) -> Result<()> {
        let network_id = networks::id_of(self.conn(), "network", &call.network).await?;
        if id_of(self.conn(), &call.network, &call.slug)
            .await?
            .is_some()
        {
            return Err(taken(&call.network, &call.slug));
        }
        sqlx::query(
            "INSERT INTO funding_calls (network_id, slug, funder, programme, title, link, deadline, states, kinds, topics, description) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
        )
        .bind(network_id)
        .bind(call.slug.to_string())
        .bind(call.funder.clone())
        .bind(call.programme.clone())
        .bind(call.title.clone())
        .bind(call.link.clone())
        .bind(call.deadline.to_string())
        .bind(codes_text(&call.states))
        .bind(codes_text(&call.kinds))
        .bind(codes_text(&call.topics))
        .bind(call.description.clone())
        .execute(self.conn())
        .await?;
        Ok(())
    }

    /// Replaces funding call `slug` of `network`; it stays in that network.
    pub async fn update_funding_call(
        &mut self,
        network: &Slug,
        slug: &Slug,
        call: &FundingCall,
    ) -> Result<()> {
        let id = id_of(self.conn(), network, slug)
            .await?
            .ok_or_else(|| not_found(network, slug))?;
        if &call.network != network {
            return Err(StoreError::Conflict {
                field: "network".into(),
                message: "a funding call cannot move to another network".into(),
            });
        }
        if &call.slug != slug && id_of(self.conn(), network, &call.slug).await?.is_some() {
            return Err(taken(network, &call.slug));
        }
        sqlx::query(
            "UPDATE funding_calls SET slug = $1, funder = $2, programme = $3, title = $4, link = $5, deadline = $6, states = $7, kinds = $8, topics = $9, description = $10 WHERE id = $11",
        )
        .bind(call.slug.to_string())
        .bind(call.funder.clone())
        .bind(call.programme.clone())
        .bind(call.title.clone())
        .bind(call.link.clone())
        .bind(call.deadline.to_string())
        .bind(codes_text(&call.states))
        .bind(codes_text(&call.kinds))
        .bind(codes_text(&call.topics))
        .bind(call.description.clone())
        .bind(id)
        .execute(self.conn())
        .await?;
        Ok(())
    }

    /// Removes a funding call.
    pub async fn delete_funding_call(&mut self, network: &Slug, slug: &Slug) -> Result<()> {
        let id = id_of(self.conn(), network, slug)
            .await?
            .ok_or_else(|| not_found(network, slug))?;
        sqlx::query("DELETE FROM funding_calls WHERE id = $1")
            .bind(id)
            .execute(self.conn())
            .await?;
        Ok(())
    }
}
