//! Working groups: the named groups (`groups`, `group_members`) with their
//! purpose, leads (`group_leads`), taking part organisations
//! (`group_organizations`, leads included: whose people see what the group
//! sees) and requests to join (`group_requests`).

use knotenpunkt_domain::{Slug, WorkingGroup};
use sqlx::{AnyConnection, Row};

use crate::sql::parse;
use crate::{Result, Store, StoreError, Tx, networks, organizations};

/// A working group as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredGroup {
    /// The group as written.
    pub group: WorkingGroup,
    /// The people named in it (person ids), by id.
    pub people: Vec<i64>,
}

/// Someone who asked to join a group.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JoinRequest {
    /// The group's slug.
    pub group: Slug,
    /// The person.
    pub person: i64,
    /// Their name.
    pub name: String,
    /// Their organisation's slug.
    pub organization: Option<Slug>,
    /// When they asked (Unix seconds).
    pub at: i64,
}

async fn group_id(c: &mut AnyConnection, network: &Slug, group: &Slug) -> Result<i64> {
    sqlx::query_scalar::<_, i64>(
        "SELECT g.id FROM groups g JOIN networks n ON n.id = g.network_id WHERE n.slug = $1 AND g.slug = $2",
    )
    .bind(network.to_string())
    .bind(group.to_string())
    .fetch_optional(&mut *c)
    .await?
    .ok_or_else(|| StoreError::NotFound {
        entity: "working group",
        key: group.to_string(),
    })
}

async fn load(c: &mut AnyConnection, network: &Slug) -> Result<Vec<StoredGroup>> {
    let rows = sqlx::query(
        "SELECT g.id, g.slug, g.name, g.purpose, g.open_to_all FROM groups g JOIN networks n ON n.id = g.network_id \
         WHERE n.slug = $1 ORDER BY g.slug",
    )
    .bind(network.to_string())
    .fetch_all(&mut *c)
    .await?;
    let mut out: Vec<(i64, StoredGroup)> = Vec::with_capacity(rows.len());
    for r in &rows {
        out.push((
            r.try_get(0)?,
            StoredGroup {
                group: WorkingGroup {
                    slug: parse("group", &r.try_get::<String, _>(1)?)?,
                    name: r.try_get(2)?,
                    purpose: r.try_get(3)?,
                    leads: Vec::new(),
                    organizations: Vec::new(),
                    open: r.try_get::<i64, _>(4)? == 1,
                },
                people: Vec::new(),
            },
        ));
    }
    let orgs = sqlx::query(
        "SELECT 'l', gl.group_id, o.slug, o.sort_name FROM group_leads gl JOIN organizations o ON o.id = gl.organization_id \
         JOIN groups g ON g.id = gl.group_id JOIN networks n ON n.id = g.network_id WHERE n.slug = $1 \
         UNION ALL SELECT 'o', go.group_id, o.slug, o.sort_name FROM group_organizations go JOIN organizations o ON o.id = go.organization_id \
         JOIN groups g ON g.id = go.group_id JOIN networks n ON n.id = g.network_id WHERE n.slug = $2 \
         ORDER BY 1, 2, 4, 3",
    )
    .bind(network.to_string())
    .bind(network.to_string())
    .fetch_all(&mut *c)
    .await?;
    for r in orgs {
        let (kind, id): (String, i64) = (r.try_get(0)?, r.try_get(1)?);
        let slug: Slug = parse("organization", &r.try_get::<String, _>(2)?)?;
        if let Some((_, g)) = out.iter_mut().find(|(g, _)| *g == id) {
            if kind == "l" {
                g.group.leads.push(slug);
            } else if !g.group.leads.contains(&slug) {
                g.group.organizations.push(slug);
            }
        }
    }
    let people = sqlx::query(
        "SELECT gm.group_id, gm.person_id FROM group_members gm JOIN groups g ON g.id = gm.group_id \
         JOIN networks n ON n.id = g.network_id WHERE n.slug = $1 ORDER BY gm.group_id, gm.person_id",
    )
    .bind(network.to_string())
    .fetch_all(&mut *c)
    .await?;
    for r in people {
        let (id, person): (i64, i64) = (r.try_get(0)?, r.try_get(1)?);
        if let Some((_, g)) = out.iter_mut().find(|(g, _)| *g == id) {
            g.people.push(person);
        }
    }
    Ok(out.into_iter().map(|(_, g)| g).collect())
}

impl Store {
    /// The working groups of a network with their organisations and
    /// people, by slug: three statements whatever their number.
    pub async fn working_groups(&self, network: &Slug) -> Result<Vec<StoredGroup>> {
        load(&mut *self.conn().await?, network).await
    }

    /// The open requests to join the groups of a network, oldest first.
    pub async fn join_requests(&self, network: &Slug) -> Result<Vec<JoinRequest>> {
        let rows = sqlx::query(
            "SELECT g.slug, p.id, p.name, o.slug, r.created_at FROM group_requests r JOIN groups g ON g.id = r.group_id \
             JOIN networks n ON n.id = g.network_id JOIN persons p ON p.id = r.person_id \
             LEFT JOIN organizations o ON o.id = p.organization_id WHERE n.slug = $1 ORDER BY r.created_at, p.id",
        )
        .bind(network.to_string())
        .fetch_all(&mut *self.conn().await?)
        .await?;
        rows.iter()
            .map(|r| {
                Ok(JoinRequest {
                    group: parse("group", &r.try_get::<String, _>(0)?)?,
                    person: r.try_get(1)?,
                    name: r.try_get(2)?,
                    organization: r
                        .try_get::<Option<String>, _>(3)?
                        .map(|o| parse("organization", &o))
                        .transpose()?,
                    at: r.try_get(4)?,
                })
            })
            .collect()
    }
}

impl Tx {
    /// The working groups of a network, inside this transaction.
    pub async fn working_groups(&mut self, network: &Slug) -> Result<Vec<StoredGroup>> {
        load(self.conn(), network).await
    }

    /// Creates a working group or changes one (its people stay); answers
    /// whether it was new.
    pub async fn put_working_group(&mut self, network: &Slug, g: &WorkingGroup) -> Result<bool> {
        let n = networks::id_of(self.conn(), "network", network).await?;
        let existing: Option<i64> =
            sqlx::query_scalar("SELECT id FROM groups WHERE network_id = $1 AND slug = $2")
                .bind(n)
                .bind(g.slug.to_string())
                .fetch_optional(self.conn())
                .await?;
        let open = i64::from(g.open);
        let id = match existing {
            Some(id) => {
                sqlx::query("UPDATE groups SET name = $1, purpose = $2, open_to_all = $3 WHERE id = $4")
                    .bind(g.name.trim().to_owned())
                    .bind(g.purpose.clone())
                    .bind(open)
                    .bind(id)
                    .execute(self.conn())
                    .await?;
                for sql in [
                    "DELETE FROM group_leads WHERE group_id = $1",
                    "DELETE FROM group_organizations WHERE group_id = $1",
                ] {
                    sqlx::query(sql).bind(id).execute(self.conn()).await?;
                }
                id
            }
            None => sqlx::query_scalar(
                "INSERT INTO groups (network_id, slug, name, purpose, open_to_all) VALUES ($1, $2, $3, $4, $5) RETURNING id",
            )
            .bind(n)
            .bind(g.slug.to_string())
            .bind(g.name.trim().to_owned())
            .bind(g.purpose.clone())
            .bind(open)
            .fetch_one(self.conn())
            .await?,
        };
        for (field, list) in [("leads", &g.leads), ("organizations", &g.participants())] {
            for o in list.iter() {
                let org = organizations::id_of(self.conn(), field, o).await?;
                let sql = if field == "leads" {
                    "INSERT INTO group_leads (group_id, organization_id) VALUES ($1, $2)"
                } else {
                    "INSERT INTO group_organizations (group_id, organization_id) VALUES ($1, $2)"
                };
                sqlx::query(sql)
                    .bind(id)
                    .bind(org)
                    .execute(self.conn())
                    .await?;
            }
        }
        Ok(existing.is_none())
    }

    /// Names `person` in a group and drops their request; answers whether
    /// they were not in it yet.
    pub async fn add_group_person(
        &mut self,
        network: &Slug,
        group: &Slug,
        person: i64,
    ) -> Result<bool> {
        let id = group_id(self.conn(), network, group).await?;
        sqlx::query("DELETE FROM group_requests WHERE group_id = $1 AND person_id = $2")
            .bind(id)
            .bind(person)
            .execute(self.conn())
            .await?;
        let done = sqlx::query(
            "INSERT INTO group_members (group_id, person_id) VALUES ($1, $2) ON CONFLICT (group_id, person_id) DO NOTHING",
        )
        .bind(id)
        .bind(person)
        .execute(self.conn())
        .await?;
        Ok(done.rows_affected() == 1)
    }

    /// Takes `person` out of a group (and drops a request); answers whether
    /// they were in it or had asked.
    pub async fn remove_group_person(
        &mut self,
        network: &Slug,
        group: &Slug,
        person: i64,
    ) -> Result<bool> {
        let id = group_id(self.conn(), network, group).await?;
        let mut n = 0;
        for sql in [
            "DELETE FROM group_members WHERE group_id = $1 AND person_id = $2",
            "DELETE FROM group_requests WHERE group_id = $1 AND person_id = $2",
        ] {
            n += sqlx::query(sql)
                .bind(id)
                .bind(person)
                .execute(self.conn())
                .await?
                .rows_affected();
        }
        Ok(n > 0)
    }

    /// Records that `person` asks to join; answers whether the request is
    /// new (asking twice keeps the first).
    pub async fn request_join(
        &mut self,
        network: &Slug,
        group: &Slug,
        person: i64,
        now: i64,
    ) -> Result<bool> {
        let id = group_id(self.conn(), network, group).await?;
        let done = sqlx::query(
            "INSERT INTO group_requests (group_id, person_id, created_at) VALUES ($1, $2, $3) \
             ON CONFLICT (group_id, person_id) DO NOTHING",
        )
        .bind(id)
        .bind(person)
        .bind(now)
        .execute(self.conn())
        .await?;
        Ok(done.rows_affected() == 1)
    }
}
