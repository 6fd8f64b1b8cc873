use std::collections::HashMap;

use knotenpunkt_domain::{FigureQualifier, Network, NetworkFigure, Slug};
use sqlx::{AnyConnection, Row};

use crate::sql::{Arg, Sql, like_pattern, parse, parse_opt, total_of};
use crate::{Listed, Page, Result, Store, StoreError, Tx, organizations, sort_key};

const NET_COLUMNS: &str = "SELECT n.id, n.slug, n.name, n.description, c.slug, n.founded_on, n.visibility, n.website, n.source FROM networks n LEFT JOIN organizations c ON c.id = n.coordinator_id";
/// [`NET_COLUMNS`] with the number of matching rows in column 9, for lists.
const NET_COLUMNS_COUNTED: &str = "SELECT n.id, n.slug, n.name, n.description, c.slug, n.founded_on, n.visibility, n.website, n.source, COUNT(*) OVER () FROM networks n LEFT JOIN organizations c ON c.id = n.coordinator_id";

pub(crate) async fn id_of(c: &mut AnyConnection, field: &str, slug: &Slug) -> Result<i64> {
    sqlx::query_scalar::<_, i64>("SELECT id FROM networks WHERE slug = $1")
        .bind(slug.to_string())
        .fetch_optional(&mut *c)
        .await?
        .ok_or_else(|| StoreError::UnknownReference {
            field: field.into(),
            entity: "network",
            key: slug.to_string(),
        })
}

async fn hydrate(c: &mut AnyConnection, rows: Vec<sqlx::any::AnyRow>) -> Result<Vec<Network>> {
    let ids: Vec<i64> = rows
        .iter()
        .map(|r| r.try_get::<i64, _>(0))
        .collect::<Result<_, _>>()?;
    let mut figures: HashMap<i64, Vec<NetworkFigure>> = HashMap::new();
    for chunk in ids.chunks(crate::sql::CHUNK) {
        let mut q = Sql::new(
            "SELECT network_id, on_date, members, qualifier, source FROM network_figures WHERE network_id IN (",
        );
        q.bind_ids(chunk).push(") ORDER BY network_id, position");
        for r in q.build().fetch_all(&mut *c).await? {
            let id: i64 = r.try_get(0)?;
            let members: i64 = r.try_get(2)?;
            figures.entry(id).or_default().push(NetworkFigure {
                on: parse("figure date", &r.try_get::<String, _>(1)?)?,
                members: u32::try_from(members).map_err(|e| StoreError::Corrupt(e.to_string()))?,
                qualifier: FigureQualifier::from_code(&r.try_get::<String, _>(3)?)
                    .map_err(StoreError::Corrupt)?,
                source: r.try_get(4)?,
            });
        }
    }
    rows.into_iter()
        .map(|r| {
            let id: i64 = r.try_get(0)?;
            Ok(Network {
                slug: parse("slug", &r.try_get::<String, _>(1)?)?,
                name: r.try_get(2)?,
                description: r.try_get(3)?,
                coordinator: parse_opt("coordinator", r.try_get(4)?)?,
                founded_on: parse_opt("founded_on", r.try_get(5)?)?,
                visibility: parse("visibility", &r.try_get::<String, _>(6)?)?,
                website: r.try_get(7)?,
                figures: figures.remove(&id).unwrap_or_default(),
                source: r.try_get(8)?,
            })
        })
        .collect()
}

async fn list(c: &mut AnyConnection, q: Option<&str>, page: Page) -> Result<Listed<Network>> {
    let filter = |sql: &mut Sql| {
        if let Some(q) = q.filter(|q| !q.trim().is_empty()) {
            sql.push(" WHERE LOWER(n.name) LIKE ")
                .bind(Arg::Text(like_pattern(&sort_key(q.trim()))))
                .push(" ESCAPE '\\'");
        }
    };
    let mut sql = Sql::new(NET_COLUMNS_COUNTED);
    filter(&mut sql);
    sql.push(" ORDER BY n.slug");
    if let Some(limit) = page.limit {
        sql.push(" LIMIT ").bind(Arg::Int(limit as i64));
        sql.push(" OFFSET ").bind(Arg::Int(page.offset as i64));
    }
    let rows = sql.build().fetch_all(&mut *c).await?;
    let total = total_of(&rows, 9, page.offset, async {
        let mut count = Sql::new("SELECT COUNT(*) FROM networks n");
        filter(&mut count);
        Ok(count.build_scalar().fetch_one(&mut *c).await?)
    })
    .await?;
    Ok(Listed {
        items: hydrate(c, rows).await?,
        total,
    })
}

async fn get(c: &mut AnyConnection, slug: &Slug) -> Result<Network> {
    let mut sql = Sql::new(NET_COLUMNS);
    sql.push(" WHERE n.slug = ")
        .bind(Arg::Text(slug.to_string()));
    let rows = sql.build().fetch_all(&mut *c).await?;
    hydrate(c, rows)
        .await?
        .pop()
        .ok_or_else(|| StoreError::NotFound {
            entity: "network",
            key: slug.to_string(),
        })
}

async fn write_figures(c: &mut AnyConnection, id: i64, n: &Network) -> Result<()> {
    sqlx::query("DELETE FROM network_figures WHERE network_id = $1")
        .bind(id)
        .execute(&mut *c)
        .await?;
    for (i, f) in n.figures.iter().enumerate() {
        sqlx::query("INSERT INTO network_figures (network_id, position, on_date, members, qualifier, source) VALUES ($1, $2, $3, $4, $5, $6)")
            .bind(id)
            .bind(i as i64)
            .bind(f.on.to_string())
            .bind(i64::from(f.members))
            .bind(f.qualifier.code())
            .bind(f.source.clone())
            .execute(&mut *c)
            .await?;
    }
    Ok(())
}

async fn coordinator_id(c: &mut AnyConnection, n: &Network) -> Result<Option<i64>> {
    match &n.coordinator {
        Some(slug) => Ok(Some(organizations::id_of(c, "coordinator", slug).await?)),
        None => Ok(None),
    }
}

async fn slug_taken(c: &mut AnyConnection, slug: &Slug) -> Result<bool> {
    Ok(
        sqlx::query_scalar::<_, i64>("SELECT id FROM networks WHERE slug = $1")
            .bind(slug.to_string())
            .fetch_optional(&mut *c)
            .await?
            .is_some(),
    )
}

fn taken(slug: &Slug) -> StoreError {
    StoreError::Conflict {
        field: "slug".into(),
        message: format!("a network with the slug '{slug}' exists already"),
    }
}

async fn insert(c: &mut AnyConnection, n: &Network) -> Result<()> {
    if slug_taken(c, &n.slug).await? {
        return Err(taken(&n.slug));
    }
    let coord = coordinator_id(c, n).await?;
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO networks (slug, name, description, coordinator_id, founded_on, visibility, website, source) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
    )
    .bind(n.slug.to_string())
    .bind(n.name.clone())
    .bind(n.description.clone())
    .bind(coord)
    .bind(n.founded_on.map(|d| d.to_string()))
    .bind(n.visibility.to_string())
    .bind(n.website.clone())
    .bind(n.source.clone())
    .fetch_one(&mut *c)
    .await?;
    write_figures(c, id, n).await
}

async fn update(c: &mut AnyConnection, slug: &Slug, n: &Network) -> Result<()> {
    let id = id_of(c, "slug", slug)
        .await
        .map_err(|_| StoreError::NotFound {
            entity: "network",
            key: slug.to_string(),
        })?;
    if &n.slug != slug && slug_taken(c, &n.slug).await? {
        return Err(taken(&n.slug));
    }
    let coord = coordinator_id(c, n).await?;
    sqlx::query(
        "UPDATE networks SET slug = $1, name = $2, description = $3, coordinator_id = $4, founded_on = $5, \
         visibility = $6, website = $7, source = $8 WHERE id = $9",
    )
    .bind(n.slug.to_string())
    .bind(n.name.clone())
    .bind(n.description.clone())
    .bind(coord)
    .bind(n.founded_on.map(|d| d.to_string()))
    .bind(n.visibility.to_string())
    .bind(n.website.clone())
    .bind(n.source.clone())
    .bind(id)
    .execute(&mut *c)
    .await?;
    write_figures(c, id, n).await
}

impl Store {
    /// Networks, ordered by slug; `q` searches their names.
    pub async fn list_networks(&self, q: Option<&str>, page: Page) -> Result<Listed<Network>> {
        list(&mut *self.conn().await?, q, page).await
    }

    /// One network.
    pub async fn get_network(&self, slug: &Slug) -> Result<Network> {
        get(&mut *self.conn().await?, slug).await
    }

    /// Current members (not left) per network slug, for overview pages.
    pub async fn current_member_counts(&self) -> Result<HashMap<Slug, u64>> {
        let rows = sqlx::query(
            "SELECT n.slug, COUNT(m.id) FROM networks n LEFT JOIN memberships m \
             ON m.network_id = n.id AND m.left_on IS NULL AND m.role <> 'partner' GROUP BY n.slug",
        )
        .fetch_all(&mut *self.conn().await?)
        .await?;
        rows.into_iter()
            .map(|r| {
                let slug: String = r.try_get(0)?;
                let n: i64 = r.try_get(1)?;
                Ok((parse("slug", &slug)?, n.max(0) as u64))
            })
            .collect()
    }

    /// The coordinating organisation's name per network slug, in one query
    /// (the overview lists every network; one lookup each was most of its
    /// time).
    pub async fn coordinator_names(&self) -> Result<HashMap<Slug, String>> {
        let rows = sqlx::query(
            "SELECT n.slug, o.name FROM networks n JOIN organizations o ON o.id = n.coordinator_id",
        )
        .fetch_all(&mut *self.conn().await?)
        .await?;
        rows.into_iter()
            .map(|r| {
                let slug: String = r.try_get(0)?;
                Ok((parse("slug", &slug)?, r.try_get::<String, _>(1)?))
            })
            .collect()
    }
}

impl Tx {
    /// Replaces a network (its slug may change).
    pub async fn update_network(&mut self, slug: &Slug, n: &Network) -> Result<()> {
        update(self.conn(), slug, n).await?;
        Ok(())
    }
    /// Removes a network with its cohorts, memberships and figures: they mean
    /// nothing without it. Organisations stay.
    pub async fn delete_network(&mut self, slug: &Slug) -> Result<()> {
        let id = id_of(self.conn(), "slug", slug)
            .await
            .map_err(|_| StoreError::NotFound {
                entity: "network",
                key: slug.to_string(),
            })?;
        // Memberships first: they refer to cohorts with ON DELETE RESTRICT.
        sqlx::query("DELETE FROM memberships WHERE network_id = $1")
            .bind(id)
            .execute(self.conn())
            .await?;
        sqlx::query("DELETE FROM networks WHERE id = $1")
            .bind(id)
            .execute(self.conn())
            .await?;
        Ok(())
    }

    /// Adds a network.
    pub async fn create_network(&mut self, n: &Network) -> Result<()> {
        insert(self.conn(), n).await
    }

    /// All networks, for export.
    pub async fn list_networks(&mut self) -> Result<Vec<Network>> {
        Ok(list(self.conn(), None, Page::ALL).await?.items)
    }
}
