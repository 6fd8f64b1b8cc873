//! Named groups of a network: the third kind of visibility
//! (`group:<slug>`) next to public and network.

use knotenpunkt_domain::Slug;
use sqlx::Row;

use super::Group;
use crate::sql::parse;
use crate::{Result, Store, StoreError, Tx, networks};

impl Store {
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
}

impl Tx {
    /// Creates or renames a group and sets its members.
    pub async fn put_group(&mut self, g: &Group) -> Result<()> {
        let network = networks::id_of(self.conn(), "network", &g.network).await?;
        let existing: Option<i64> =
            sqlx::query_scalar("SELECT id FROM groups WHERE network_id = $1 AND slug = $2")
                .bind(network)
                .bind(g.slug.to_string())
                .fetch_optional(self.conn())
                .await?;
        let id =
            match existing {
                Some(id) => {
                    sqlx::query("UPDATE groups SET name = $1 WHERE id = $2")
                        .bind(g.name.clone())
                        .bind(id)
                        .execute(self.conn())
                        .await?;
                    sqlx::query("DELETE FROM group_members WHERE group_id = $1")
                        .bind(id)
                        .execute(self.conn())
                        .await?;
                    id
                }
                None => sqlx::query_scalar(
                    "INSERT INTO groups (network_id, slug, name) VALUES ($1, $2, $3) RETURNING id",
                )
                .bind(network)
                .bind(g.slug.to_string())
                .bind(g.name.clone())
                .fetch_one(self.conn())
                .await?,
            };
        for p in &g.members {
            sqlx::query("INSERT INTO group_members (group_id, person_id) VALUES ($1, $2)")
                .bind(id)
                .bind(*p)
                .execute(self.conn())
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
        Ok(())
    }
}
