//! Named groups of a network: the third kind of visibility
//! (`group:<slug>`) next to public and network.

use knotenpunkt_domain::{Email, Slug};
use sqlx::Row;

use super::Group;
use crate::sql::parse;
use crate::{Result, Store, StoreError, Tx, networks};

impl Store {
    /// The groups of a network, with their members.
    pub async fn groups(&self, network: &Slug) -> Result<Vec<Group>> {
        let mut c = self.conn().await?;
        // Groups and their members in one statement, whatever their number:
        // a group without members comes as one row with no person.
        let rows = sqlx::query(
            "SELECT g.id, g.slug, g.name, gm.person_id FROM groups g JOIN networks n ON n.id = g.network_id \
             LEFT JOIN group_members gm ON gm.group_id = g.id WHERE n.slug = $1 ORDER BY g.slug, gm.person_id",
        )
        .bind(network.to_string())
        .fetch_all(&mut *c)
        .await?;
        let mut out: Vec<(i64, Group)> = Vec::new();
        for r in rows {
            let id: i64 = r.try_get(0)?;
            if out.last().is_none_or(|(last, _)| *last != id) {
                out.push((
                    id,
                    Group {
                        network: network.clone(),
                        slug: parse("group", &r.try_get::<String, _>(1)?)?,
                        name: r.try_get(2)?,
                        members: Vec::new(),
                    },
                ));
            }
            if let (Some(person), Some((_, g))) = (r.try_get::<Option<i64>, _>(3)?, out.last_mut())
            {
                g.members.push(person);
            }
        }
        Ok(out.into_iter().map(|(_, g)| g).collect())
    }

    /// The e-mail address of every person named in a group of `network`,
    /// by group: what the groups' page lists, in one statement.
    pub async fn group_member_emails(&self, network: &Slug) -> Result<Vec<(Slug, Email)>> {
        let mut c = self.conn().await?;
        let rows = sqlx::query(
            "SELECT g.slug, p.email FROM group_members gm JOIN groups g ON g.id = gm.group_id \
             JOIN networks n ON n.id = g.network_id JOIN persons p ON p.id = gm.person_id \
             WHERE n.slug = $1 ORDER BY g.slug, p.email",
        )
        .bind(network.to_string())
        .fetch_all(&mut *c)
        .await?;
        rows.iter()
            .map(|r| {
                Ok((
                    parse("group", &r.try_get::<String, _>(0)?)?,
                    parse("email", &r.try_get::<String, _>(1)?)?,
                ))
            })
            .collect()
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
