use std::collections::HashMap;

use knotenpunkt_domain::{Cooperation, Slug};
use sqlx::{AnyConnection, Row};

use crate::sql::{Arg, Sql, children, parse_opt};
use crate::{Result, Store, StoreError, Tx, WithId, organizations};

async fn list(
    c: &mut AnyConnection,
    organization: Option<&Slug>,
    id: Option<i64>,
) -> Result<Vec<WithId<Cooperation>>> {
    let mut sql = Sql::new(
        "SELECT k.id, k.name, k.topic, k.since, k.cadence, k.source FROM cooperations k WHERE 1 = 1",
    );
    if let Some(o) = organization {
        sql.push(" AND EXISTS (SELECT 1 FROM cooperation_partners p JOIN organizations o ON o.id = p.organization_id WHERE p.cooperation_id = k.id AND o.slug = ")
            .bind(Arg::Text(o.to_string()))
            .push(")");
    }
    if let Some(id) = id {
        sql.push(" AND k.id = ").bind(Arg::Int(id));
    }
    sql.push(" ORDER BY k.since, k.name, k.id");
    let rows = sql.build().fetch_all(&mut *c).await?;
    let ids: Vec<i64> = rows
        .iter()
        .map(|r| r.try_get::<i64, _>(0))
        .collect::<Result<_, _>>()?;
    let mut partners: HashMap<i64, Vec<Slug>> = children(
        c,
        "SELECT p.cooperation_id, o.slug FROM cooperation_partners p JOIN organizations o ON o.id = p.organization_id WHERE p.cooperation_id IN (",
        ") ORDER BY p.cooperation_id, p.position",
        &ids,
        "partner",
    )
    .await?;
    rows.into_iter()
        .map(|r| {
            let id: i64 = r.try_get(0)?;
            Ok(WithId {
                id,
                value: Cooperation {
                    name: r.try_get(1)?,
                    partners: partners.remove(&id).unwrap_or_default(),
                    topic: r.try_get(2)?,
                    since: parse_opt("since", r.try_get(3)?)?,
                    cadence: r.try_get(4)?,
                    source: r.try_get(5)?,
                },
            })
        })
        .collect()
}

async fn write_partners(c: &mut AnyConnection, id: i64, k: &Cooperation) -> Result<()> {
    sqlx::query("DELETE FROM cooperation_partners WHERE cooperation_id = $1")
        .bind(id)
        .execute(&mut *c)
        .await?;
    for (i, p) in k.partners.iter().enumerate() {
        let org = organizations::id_of(c, &format!("partners[{i}]"), p).await?;
        sqlx::query("INSERT INTO cooperation_partners (cooperation_id, position, organization_id) VALUES ($1, $2, $3)")
            .bind(id)
            .bind(i as i64)
            .bind(org)
            .execute(&mut *c)
            .await?;
    }
    Ok(())
}

async fn insert(c: &mut AnyConnection, k: &Cooperation) -> Result<i64> {
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO cooperations (name, topic, since, cadence, source) VALUES ($1, $2, $3, $4, $5) RETURNING id",
    )
    .bind(k.name.clone())
    .bind(k.topic.clone())
    .bind(k.since.map(|d| d.to_string()))
    .bind(k.cadence.clone())
    .bind(k.source.clone())
    .fetch_one(&mut *c)
    .await?;
    write_partners(c, id, k).await?;
    Ok(id)
}

fn not_found(id: i64) -> StoreError {
    StoreError::NotFound {
        entity: "cooperation",
        key: id.to_string(),
    }
}

impl Store {
    /// Cooperations, all or those an organisation takes part in.
    pub async fn list_cooperations(
        &self,
        organization: Option<&Slug>,
    ) -> Result<Vec<WithId<Cooperation>>> {
        list(&mut *self.conn().await?, organization, None).await
    }

    /// One cooperation by id.
    pub async fn get_cooperation(&self, id: i64) -> Result<WithId<Cooperation>> {
        list(&mut *self.conn().await?, None, Some(id))
            .await?
            .pop()
            .ok_or_else(|| not_found(id))
    }
}

impl Tx {
    /// Replaces a cooperation.
    pub async fn update_cooperation(&mut self, id: i64, k: &Cooperation) -> Result<()> {
        let done = sqlx::query("UPDATE cooperations SET name = $1, topic = $2, since = $3, cadence = $4, source = $5 WHERE id = $6")
            .bind(k.name.clone())
            .bind(k.topic.clone())
            .bind(k.since.map(|d| d.to_string()))
            .bind(k.cadence.clone())
            .bind(k.source.clone())
            .bind(id)
            .execute(self.conn())
            .await?;
        if done.rows_affected() == 0 {
            return Err(not_found(id));
        }
        write_partners(self.conn(), id, k).await?;
        Ok(())
    }
    /// Removes a cooperation.
    pub async fn delete_cooperation(&mut self, id: i64) -> Result<()> {
        sqlx::query("DELETE FROM cooperation_partners WHERE cooperation_id = $1")
            .bind(id)
            .execute(self.conn())
            .await?;
        let done = sqlx::query("DELETE FROM cooperations WHERE id = $1")
            .bind(id)
            .execute(self.conn())
            .await?;
        if done.rows_affected() == 0 {
            return Err(not_found(id));
        }
        Ok(())
    }

    /// Adds a cooperation and returns its id.
    pub async fn create_cooperation(&mut self, k: &Cooperation) -> Result<i64> {
        insert(self.conn(), k).await
    }

    /// All cooperations with their ids, for export (which refers to them
    /// by their place in the file).
    pub async fn list_cooperations(&mut self) -> Result<Vec<WithId<Cooperation>>> {
        list(self.conn(), None, None).await
    }
}
