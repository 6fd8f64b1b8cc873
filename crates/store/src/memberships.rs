use knotenpunkt_domain::{Membership, Role, Slug};
use sqlx::{AnyConnection, Row};

use crate::sql::{Arg, Sql, parse, parse_opt, total_of};
use crate::{
    Listed, Page, Result, Store, StoreError, Tx, WithId, cohorts, networks, organizations,
};

/// Which memberships a list shows.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MembershipFilter {
    /// Of this network.
    pub network: Option<Slug>,
    /// Of this organisation.
    pub organization: Option<Slug>,
    /// In this cohort (slug within the network).
    pub cohort: Option<Slug>,
    /// With this role.
    pub role: Option<Role>,
}

const COLUMNS: &str = "SELECT m.id, o.slug, n.slug, c.slug, m.role, m.joined_on, m.left_on, m.source \
    FROM memberships m JOIN organizations o ON o.id = m.organization_id \
    JOIN networks n ON n.id = m.network_id LEFT JOIN cohorts c ON c.id = m.cohort_id";
/// [`COLUMNS`] with the number of matching rows in column 8, for lists.
const COLUMNS_COUNTED: &str = "SELECT m.id, o.slug, n.slug, c.slug, m.role, m.joined_on, m.left_on, m.source, COUNT(*) OVER () \
    FROM memberships m JOIN organizations o ON o.id = m.organization_id \
    JOIN networks n ON n.id = m.network_id LEFT JOIN cohorts c ON c.id = m.cohort_id";

fn where_clause(sql: &mut Sql, f: &MembershipFilter) {
    sql.push(" WHERE 1 = 1");
    if let Some(n) = &f.network {
        sql.push(" AND n.slug = ").bind(Arg::Text(n.to_string()));
    }
    if let Some(o) = &f.organization {
        sql.push(" AND o.slug = ").bind(Arg::Text(o.to_string()));
    }
    if let Some(c) = &f.cohort {
        sql.push(" AND c.slug = ").bind(Arg::Text(c.to_string()));
    }
    if let Some(r) = f.role {
        sql.push(" AND m.role = ").bind(Arg::Text(r.code().into()));
    }
}

fn from_row(r: sqlx::any::AnyRow) -> Result<WithId<Membership>> {
    Ok(WithId {
        id: r.try_get(0)?,
        value: Membership {
            organization: parse("organization", &r.try_get::<String, _>(1)?)?,
            network: parse("network", &r.try_get::<String, _>(2)?)?,
            cohort: parse_opt("cohort", r.try_get(3)?)?,
            role: parse("role", &r.try_get::<String, _>(4)?)?,
            joined_on: parse_opt("joined_on", r.try_get(5)?)?,
            left_on: parse_opt("left_on", r.try_get(6)?)?,
            source: r.try_get(7)?,
        },
    })
}

async fn list(
    c: &mut AnyConnection,
    f: &MembershipFilter,
    page: Page,
) -> Result<Listed<WithId<Membership>>> {
    let mut sql = Sql::new(COLUMNS_COUNTED);
    where_clause(&mut sql, f);
    sql.push(" ORDER BY n.slug, o.sort_name, o.slug, m.joined_on, m.id");
    if let Some(limit) = page.limit {
        sql.push(" LIMIT ").bind(Arg::Int(limit as i64));
        sql.push(" OFFSET ").bind(Arg::Int(page.offset as i64));
    }
    let rows = sql.build().fetch_all(&mut *c).await?;
    let total = total_of(&rows, 8, page.offset, async {
        let mut count = Sql::new(
            "SELECT COUNT(*) FROM memberships m JOIN organizations o ON o.id = m.organization_id \
             JOIN networks n ON n.id = m.network_id LEFT JOIN cohorts c ON c.id = m.cohort_id",
        );
        where_clause(&mut count, f);
        Ok(count.build_scalar().fetch_one(&mut *c).await?)
    })
    .await?;
    let items = rows.into_iter().map(from_row).collect::<Result<_>>()?;
    Ok(Listed { items, total })
}

/// Resolves the references of a membership to row ids, naming the field that
/// points nowhere.
async fn resolve(c: &mut AnyConnection, m: &Membership) -> Result<(i64, i64, Option<i64>)> {
    let org = organizations::id_of(c, "organization", &m.organization).await?;
    let net = networks::id_of(c, "network", &m.network).await?;
    let cohort = match &m.cohort {
        Some(slug) => Some(cohorts::id_of(c, "cohort", &m.network, slug).await?),
        None => None,
    };
    Ok((org, net, cohort))
}

/// An organisation may be in a network only once at a time: a second,
/// open-ended membership is almost always a duplicate entry.
async fn check_single_open(
    c: &mut AnyConnection,
    m: &Membership,
    org: i64,
    net: i64,
    except: Option<i64>,
) -> Result<()> {
    if m.left_on.is_some() {
        return Ok(());
    }
    let other: Option<i64> = sqlx::query_scalar(
        "SELECT id FROM memberships WHERE organization_id = $1 AND network_id = $2 AND left_on IS NULL AND id <> $3",
    )
    .bind(org)
    .bind(net)
    .bind(except.unwrap_or(-1))
    .fetch_optional(&mut *c)
    .await?;
    match other {
        Some(id) => Err(StoreError::Conflict {
            field: "organization".into(),
            message: format!(
                "'{}' is a current member of '{}' already (membership {id})",
                m.organization, m.network
            ),
        }),
        None => Ok(()),
    }
}

async fn insert(c: &mut AnyConnection, m: &Membership) -> Result<i64> {
    let (org, net, cohort) = resolve(c, m).await?;
    check_single_open(c, m, org, net, None).await?;
    Ok(sqlx::query_scalar(
        "INSERT INTO memberships (organization_id, network_id, cohort_id, role, joined_on, left_on, source) \
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
    )
    .bind(org)
    .bind(net)
    .bind(cohort)
    .bind(m.role.code())
    .bind(m.joined_on.map(|d| d.to_string()))
    .bind(m.left_on.map(|d| d.to_string()))
    .bind(m.source.clone())
    .fetch_one(&mut *c)
    .await?)
}

fn not_found(id: i64) -> StoreError {
    StoreError::NotFound {
        entity: "membership",
        key: id.to_string(),
    }
}

impl Store {
    /// Memberships matching `filter`.
    pub async fn list_memberships(
        &self,
        filter: &MembershipFilter,
        page: Page,
    ) -> Result<Listed<WithId<Membership>>> {
        list(&mut *self.conn().await?, filter, page).await
    }

    /// One membership by id.
    pub async fn get_membership(&self, id: i64) -> Result<WithId<Membership>> {
        let mut sql = Sql::new(COLUMNS);
        sql.push(" WHERE m.id = ").bind(Arg::Int(id));
        match sql.build().fetch_optional(&mut *self.conn().await?).await? {
            Some(r) => from_row(r),
            None => Err(not_found(id)),
        }
    }
}

impl Tx {
    /// Replaces a membership.
    pub async fn update_membership(&mut self, id: i64, m: &Membership) -> Result<()> {
        let c = self.conn();
        let exists: Option<i64> = sqlx::query_scalar("SELECT id FROM memberships WHERE id = $1")
            .bind(id)
            .fetch_optional(&mut *c)
            .await?;
        if exists.is_none() {
            return Err(not_found(id));
        }
        let (org, net, cohort) = resolve(c, m).await?;
        check_single_open(c, m, org, net, Some(id)).await?;
        sqlx::query(
            "UPDATE memberships SET organization_id = $1, network_id = $2, cohort_id = $3, role = $4, \
             joined_on = $5, left_on = $6, source = $7 WHERE id = $8",
        )
        .bind(org)
        .bind(net)
        .bind(cohort)
        .bind(m.role.code())
        .bind(m.joined_on.map(|d| d.to_string()))
        .bind(m.left_on.map(|d| d.to_string()))
        .bind(m.source.clone())
        .bind(id)
        .execute(&mut *c)
        .await?;
        Ok(())
    }
    /// Removes a membership.
    pub async fn delete_membership(&mut self, id: i64) -> Result<()> {
        let done = sqlx::query("DELETE FROM memberships WHERE id = $1")
            .bind(id)
            .execute(self.conn())
            .await?;
        if done.rows_affected() == 0 {
            return Err(not_found(id));
        }
        Ok(())
    }

    /// Adds a membership and returns its id.
    pub async fn create_membership(&mut self, m: &Membership) -> Result<i64> {
        insert(self.conn(), m).await
    }

    /// All memberships, for export.
    pub async fn list_memberships(&mut self) -> Result<Vec<Membership>> {
        Ok(list(self.conn(), &MembershipFilter::default(), Page::ALL)
            .await?
            .items
            .into_iter()
            .map(|w| w.value)
            .collect())
    }
}
