//! Persons: who they are, their passwords, admin flag and standing (roles,
//! groups, editing rights). Reads on [`Store`]; writes on [`Tx`], so a
//! change lands together with its audit entry.

use knotenpunkt_domain::{Email, NetworkRole, NewPerson, Person, Role, Slug};
use sqlx::Row;

use super::{
    PERSON_COLUMNS, Standing, email_taken, insert_person, org_id, person_from_row, person_not_found,
};
use crate::sql::{Arg, Sql, parse};
use crate::{Result, Store, StoreError, Tx, networks, organizations};

impl Store {
    /// One person by id.
    pub async fn person(&self, id: i64) -> Result<Person> {
        let mut c = self.conn().await?;
        let mut q = Sql::new(PERSON_COLUMNS);
        q.push(" WHERE p.id = ").bind(Arg::Int(id));
        let row = q
            .build()
            .fetch_optional(&mut *c)
            .await?
            .ok_or_else(|| person_not_found(id))?;
        Ok(person_from_row(&row)?.0)
    }

    /// A person by address, with the password hash for signing in.
    pub async fn person_by_email(&self, email: &Email) -> Result<Option<(Person, Option<String>)>> {
        let mut c = self.conn().await?;
        let mut q = Sql::new(PERSON_COLUMNS);
        q.push(" WHERE p.email = ")
            .bind(Arg::Text(email.to_string()));
        q.build()
            .fetch_optional(&mut *c)
            .await?
            .map(|r| person_from_row(&r))
            .transpose()
    }

    /// The password hash of a person, to check "current password" on change.
    pub async fn password_hash(&self, id: i64) -> Result<Option<String>> {
        let mut c = self.conn().await?;
        sqlx::query_scalar::<_, Option<String>>("SELECT password_hash FROM persons WHERE id = $1")
            .bind(id)
            .fetch_optional(&mut *c)
            .await?
            .ok_or_else(|| person_not_found(id))
    }

    /// The people with these ids, by name: a page that names a few people
    /// reads those, not every account.
    pub async fn persons_by_ids(&self, ids: &[i64]) -> Result<Vec<Person>> {
        let mut out = Vec::with_capacity(ids.len());
        let mut c = self.conn().await?;
        for chunk in ids.chunks(crate::sql::CHUNK) {
            let mut q = Sql::new(PERSON_COLUMNS);
            q.push(" WHERE p.id IN (").bind_ids(chunk).push(")");
            for r in q.build().fetch_all(&mut *c).await? {
                out.push(person_from_row(&r)?.0);
            }
        }
        out.sort_by(|a, b| (&a.name, a.id).cmp(&(&b.name, b.id)));
        Ok(out)
    }

    /// Persons, optionally those of one organisation or with a standing in one
    /// network (through their organisation or directly), ordered by name.
    pub async fn list_persons(
        &self,
        organization: Option<&Slug>,
        network: Option<&Slug>,
    ) -> Result<Vec<Person>> {
        let mut c = self.conn().await?;
        let mut q = Sql::new(PERSON_COLUMNS);
        q.push(" WHERE 1 = 1");
        if let Some(o) = organization {
            q.push(" AND o.slug = ").bind(Arg::Text(o.to_string()));
        }
        if let Some(n) = network {
            let n = n.to_string();
            q.push(" AND (p.id IN (SELECT pr.person_id FROM person_roles pr JOIN networks n ON n.id = pr.network_id WHERE n.slug = ")
                .bind(Arg::Text(n.clone()))
                .push(") OR p.organization_id IN (SELECT m.organization_id FROM memberships m JOIN networks n ON n.id = m.network_id WHERE m.left_on IS NULL AND n.slug = ")
                .bind(Arg::Text(n))
                .push("))");
        }
        q.push(" ORDER BY p.name, p.id");
        q.build()
            .fetch_all(&mut *c)
            .await?
            .iter()
            .map(|r| person_from_row(r).map(|p| p.0))
            .collect()
    }

    /// Changes the profile fields (and e-mail) of a person.
    pub async fn update_person(&self, id: i64, p: &NewPerson) -> Result<Person> {
        let mut c = self.conn().await?;
        let org = org_id(&mut c, p.organization.as_ref()).await?;
        let done = sqlx::query(
            "UPDATE persons SET organization_id = $1, name = $2, email = $3, phone = $4, function = $5, language = $6 WHERE id = $7",
        )
        .bind(org)
        .bind(p.name.trim().to_owned())
        .bind(p.email.to_string())
        .bind(p.phone.clone())
        .bind(p.function.clone())
        .bind(p.language.code())
        .bind(id)
        .execute(&mut *c)
        .await
        .map_err(|e| email_taken(e.into()))?;
        if done.rows_affected() == 0 {
            return Err(person_not_found(id));
        }
        drop(c);
        self.person(id).await
    }

    /// How many platform admins can sign in (have set a password); the
    /// last one may not delete itself. An admin invited but not yet there
    /// does not count: the invitation may never be accepted.
    pub async fn admin_count(&self) -> Result<u64> {
        let mut c = self.conn().await?;
        let n: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM persons WHERE is_admin = 1 AND password_hash IS NOT NULL",
        )
        .fetch_one(&mut *c)
        .await?;
        Ok(u64::try_from(n).unwrap_or(0))
    }

    /// The persons who may edit an organisation's profile, ordered by name.
    pub async fn organization_editors(&self, organization: &Slug) -> Result<Vec<Person>> {
        let mut c = self.conn().await?;
        let mut q = Sql::new(PERSON_COLUMNS);
        q.push(" WHERE p.id IN (SELECT e.person_id FROM organization_editors e JOIN organizations eo ON eo.id = e.organization_id WHERE eo.slug = ")
            .bind(Arg::Text(organization.to_string()))
            .push(") ORDER BY p.name, p.id");
        q.build()
            .fetch_all(&mut *c)
            .await?
            .iter()
            .map(|r| person_from_row(r).map(|p| p.0))
            .collect()
    }
    /// Roles, groups and editing rights of a person, in one statement: it
    /// runs for every signed-in request whose credential is not held in
    /// memory. Roles through the organisation count only for memberships
    /// that have not ended.
    pub async fn standing(&self, id: i64) -> Result<Standing> {
        let mut c = self.conn().await?;
        let rows = sqlx::query(
            "SELECT 'o', n.slug, m.role FROM persons p JOIN memberships m ON m.organization_id = p.organization_id JOIN networks n ON n.id = m.network_id WHERE p.id = $1 AND m.left_on IS NULL \
             UNION ALL SELECT 'r', n.slug, pr.role FROM person_roles pr JOIN networks n ON n.id = pr.network_id WHERE pr.person_id = $2 \
             UNION ALL SELECT 'g', n.slug, g.slug FROM groups g JOIN networks n ON n.id = g.network_id WHERE g.id IN \
               (SELECT gm.group_id FROM group_members gm WHERE gm.person_id = $3 \
                UNION SELECT go.group_id FROM group_organizations go JOIN persons p ON p.organization_id = go.organization_id WHERE p.id = $4) \
             UNION ALL SELECT 'e', o.slug, '' FROM organization_editors e JOIN organizations o ON o.id = e.organization_id WHERE e.person_id = $5 \
             ORDER BY 1, 2, 3",
        )
        .bind(id)
        .bind(id)
        .bind(id)
        .bind(id)
        .bind(id)
        .fetch_all(&mut *c)
        .await?;
        let mut s = Standing::default();
        for r in rows {
            let kind: String = r.try_get(0)?;
            let a: String = r.try_get(1)?;
            let b: String = r.try_get(2)?;
            match kind.as_str() {
                "o" => {
                    let role: Role = parse("role", &b)?;
                    s.through_organization
                        .push((parse("network", &a)?, role.into()));
                }
                "r" => s.granted.push((parse("network", &a)?, parse("role", &b)?)),
                "g" => s.groups.push((parse("network", &a)?, parse("group", &b)?)),
                _ => s.editor_of.push(parse("organization", &a)?),
            }
        }
        Ok(s)
    }
}

impl Store {
    /// The roles every person has in `network`, by person id: through their
    /// organisation's current membership (`through_organization`) and
    /// granted directly — for every person at once, in one statement.
    pub async fn network_standing(
        &self,
        network: &Slug,
    ) -> Result<std::collections::HashMap<i64, NetworkStanding>> {
        let mut c = self.conn().await?;
        let rows = sqlx::query(
            "SELECT p.id, 'o', m.role FROM persons p JOIN memberships m ON m.organization_id = p.organization_id \
             JOIN networks n ON n.id = m.network_id WHERE n.slug = $1 AND m.left_on IS NULL \
             UNION ALL SELECT pr.person_id, 'r', pr.role FROM person_roles pr JOIN networks n ON n.id = pr.network_id \
             WHERE n.slug = $2",
        )
        .bind(network.to_string())
        .bind(network.to_string())
        .fetch_all(&mut *c)
        .await?;
        let mut out: std::collections::HashMap<i64, NetworkStanding> = Default::default();
        for r in rows {
            let person: i64 = r.try_get(0)?;
            let kind: String = r.try_get(1)?;
            let role: String = r.try_get(2)?;
            let e = out.entry(person).or_default();
            if kind == "o" {
                let role: NetworkRole = parse::<Role>("role", &role)?.into();
                e.through_organization = e.through_organization.max(Some(role));
            } else {
                let role: NetworkRole = parse("role", &role)?;
                e.granted = e.granted.max(Some(role));
            }
        }
        Ok(out)
    }
}

/// A person's roles in one network.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct NetworkStanding {
    /// Through their organisation's current membership.
    pub through_organization: Option<NetworkRole>,
    /// Granted directly.
    pub granted: Option<NetworkRole>,
}

impl Tx {
    /// A person's display name, for the audit entry of their change; `None`
    /// for an id without a person (the command line acts as no one).
    pub async fn person_name(&mut self, id: i64) -> Result<Option<String>> {
        Ok(sqlx::query_scalar("SELECT name FROM persons WHERE id = $1")
            .bind(id)
            .fetch_optional(self.conn())
            .await?)
    }

    /// Grants a role in a network directly (replacing an earlier grant), or
    /// with `None` withdraws it.
    pub async fn set_role(
        &mut self,
        person: i64,
        network: &Slug,
        role: Option<NetworkRole>,
    ) -> Result<()> {
        let n = networks::id_of(self.conn(), "network", network).await?;
        sqlx::query("DELETE FROM person_roles WHERE person_id = $1 AND network_id = $2")
            .bind(person)
            .bind(n)
            .execute(self.conn())
            .await?;
        if let Some(role) = role {
            sqlx::query(
                "INSERT INTO person_roles (person_id, network_id, role) VALUES ($1, $2, $3)",
            )
            .bind(person)
            .bind(n)
            .bind(role.code())
            .execute(self.conn())
            .await
            .map_err(|e| match StoreError::from(e) {
                StoreError::InUse(_) => person_not_found(person),
                other => other,
            })?;
        }
        Ok(())
    }

    /// Creates a person without a password; an invitation lets them set one.
    pub async fn create_person(&mut self, p: &NewPerson, admin: bool, now: i64) -> Result<Person> {
        insert_person(self.conn(), p, admin, now).await
    }
    /// Sets a person's password hash.
    pub async fn set_password(&mut self, id: i64, hash: &str) -> Result<()> {
        let done = sqlx::query("UPDATE persons SET password_hash = $1 WHERE id = $2")
            .bind(hash.to_owned())
            .bind(id)
            .execute(self.conn())
            .await?;
        if done.rows_affected() == 0 {
            return Err(person_not_found(id));
        }
        Ok(())
    }

    /// Makes a person a platform admin (or not).
    pub async fn set_admin(&mut self, id: i64, admin: bool) -> Result<()> {
        let done = sqlx::query("UPDATE persons SET is_admin = $1 WHERE id = $2")
            .bind(i64::from(admin))
            .bind(id)
            .execute(self.conn())
            .await?;
        if done.rows_affected() == 0 {
            return Err(person_not_found(id));
        }
        Ok(())
    }

    /// Removes a person and everything that is only theirs (sessions,
    /// tokens, roles, follows, group places); audit entries keep the name.
    pub async fn delete_person(&mut self, id: i64) -> Result<()> {
        // Their reminders and reminder choices name them by id, not by key.
        for sql in [
            "DELETE FROM reminders WHERE recipient = $1",
            "DELETE FROM reminder_optouts WHERE recipient = $1",
        ] {
            sqlx::query(sql)
                .bind(format!("p:{id}"))
                .execute(self.conn())
                .await?;
        }
        let done = sqlx::query("DELETE FROM persons WHERE id = $1")
            .bind(id)
            .execute(self.conn())
            .await?;
        if done.rows_affected() == 0 {
            return Err(person_not_found(id));
        }
        Ok(())
    }

    /// How many platform admins can sign in, as this transaction sees it
    /// (so the last one cannot leave between the check and the deletion).
    pub async fn admin_count(&mut self) -> Result<u64> {
        let n: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM persons WHERE is_admin = 1 AND password_hash IS NOT NULL",
        )
        .fetch_one(self.conn())
        .await?;
        Ok(u64::try_from(n).unwrap_or(0))
    }

    /// Lets a person edit an organisation's profile, or stops it.
    pub async fn set_editor(
        &mut self,
        person: i64,
        organization: &Slug,
        editor: bool,
    ) -> Result<()> {
        let org = organizations::id_of(self.conn(), "organization", organization).await?;
        sqlx::query(
            "DELETE FROM organization_editors WHERE person_id = $1 AND organization_id = $2",
        )
        .bind(person)
        .bind(org)
        .execute(self.conn())
        .await?;
        if editor {
            sqlx::query(
                "INSERT INTO organization_editors (person_id, organization_id) VALUES ($1, $2)",
            )
            .bind(person)
            .bind(org)
            .execute(self.conn())
            .await?;
        }
        Ok(())
    }
}
