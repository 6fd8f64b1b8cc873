//! Joint applications of a network (`joint_applications`), with their
//! partners, status history and tasks. A list loads in four statements,
//! whatever its length: the rows, then partners, steps and tasks of all of
//! them at once.

use std::collections::HashMap;

use chrono::NaiveDate;
use knotenpunkt_domain::{
    ApplicationRecord, ApplicationTask, JointApplication, Slug, StatusStep, TaskRecord, Visibility,
};
use sqlx::{AnyConnection, Row};

use crate::sql::{Arg, CHUNK, Sql, children, parse};
use crate::{Result, Store, StoreError, Tx, networks, organizations};

const COLUMNS: &str = "SELECT a.id, n.slug, a.slug, a.title, o.slug, f.slug, a.cooperation_id, a.status, a.status_on, a.description, a.visibility FROM joint_applications a JOIN networks n ON n.id = a.network_id JOIN organizations o ON o.id = a.lead_id LEFT JOIN funding_calls f ON f.id = a.call_id";

/// Which applications to load.
#[derive(Debug, Clone, Copy)]
pub enum ApplicationFilter<'a> {
    /// Those of one network.
    Network(&'a Slug),
    /// Those that come from these cooperations, in any network.
    Cooperations(&'a [i64]),
    /// One of a network.
    One(&'a Slug, &'a Slug),
    /// Every application.
    All,
}

fn day(what: &str, text: &str) -> Result<NaiveDate> {
    text.parse()
        .map_err(|e| StoreError::Corrupt(format!("{what} '{text}': {e}")))
}

fn from_row(r: &sqlx::any::AnyRow) -> Result<(i64, JointApplication)> {
    let visibility: String = r.try_get(10)?;
    Ok((
        r.try_get(0)?,
        JointApplication {
            network: parse("network", &r.try_get::<String, _>(1)?)?,
            slug: parse("slug", &r.try_get::<String, _>(2)?)?,
            title: r.try_get(3)?,
            lead: parse("lead", &r.try_get::<String, _>(4)?)?,
            partners: Vec::new(),
            call: r
                .try_get::<Option<String>, _>(5)?
                .map(|c| parse("call", &c))
                .transpose()?,
            cooperation: r.try_get(6)?,
            status: parse("status", &r.try_get::<String, _>(7)?)?,
            status_on: Some(day("status_on", &r.try_get::<String, _>(8)?)?),
            description: r.try_get(9)?,
            visibility: parse::<Visibility>("visibility", &visibility)?,
        },
    ))
}

/// Loads the applications `filter` names, with everything that hangs off
/// them.
async fn load(
    c: &mut AnyConnection,
    filter: ApplicationFilter<'_>,
) -> Result<Vec<ApplicationRecord>> {
    let mut sql = Sql::new(COLUMNS);
    match filter {
        ApplicationFilter::Network(n) => {
            sql.push(" WHERE n.slug = ").bind(Arg::Text(n.to_string()));
        }
        ApplicationFilter::Cooperations(ids) => {
            if ids.is_empty() {
                return Ok(Vec::new());
            }
            // A page names a handful of cooperations, far below any
            // backend's parameter limit.
            sql.push(" WHERE a.cooperation_id IN (")
                .bind_ids(&ids[..ids.len().min(CHUNK)])
                .push(")");
        }
        ApplicationFilter::All => {}
        ApplicationFilter::One(n, slug) => {
            sql.push(" WHERE n.slug = ")
                .bind(Arg::Text(n.to_string()))
                .push(" AND a.slug = ")
                .bind(Arg::Text(slug.to_string()));
        }
    }
    sql.push(" ORDER BY n.slug, a.status_on DESC, a.slug");
    let rows = sql.build().fetch_all(&mut *c).await?;
    let apps = rows.iter().map(from_row).collect::<Result<Vec<_>>>()?;
    let ids: Vec<i64> = apps.iter().map(|(id, _)| *id).collect();
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let mut partners: HashMap<i64, Vec<Slug>> = children(
        c,
        "SELECT p.application_id, o.slug FROM application_partners p JOIN organizations o ON o.id = p.organization_id WHERE p.application_id IN (",
        ") ORDER BY p.application_id, p.position",
        &ids,
        "partner",
    )
    .await?;
    let mut steps: HashMap<i64, Vec<StatusStep>> = HashMap::new();
    let mut tasks: HashMap<i64, Vec<TaskRecord>> = HashMap::new();
    for chunk in ids.chunks(CHUNK) {
        let mut q = Sql::new(
            "SELECT application_id, status, on_date FROM application_steps WHERE application_id IN (",
        );
        q.bind_ids(chunk).push(") ORDER BY application_id, id");
        for r in q.build().fetch_all(&mut *c).await? {
            steps.entry(r.try_get(0)?).or_default().push(StatusStep {
                status: parse("status", &r.try_get::<String, _>(1)?)?,
                on: day("on_date", &r.try_get::<String, _>(2)?)?,
            });
        }
        let mut q = Sql::new(
            "SELECT t.application_id, t.id, o.slug, t.title, t.due, t.done FROM application_tasks t JOIN organizations o ON o.id = t.organization_id WHERE t.application_id IN (",
        );
        // Tasks without a due date come last on both backends: "~" sorts
        // after every ISO date.
        q.bind_ids(chunk)
            .push(") ORDER BY t.application_id, COALESCE(t.due, '~'), t.id");
        for r in q.build().fetch_all(&mut *c).await? {
            tasks
                .entry(r.try_get(0)?)
                .or_default()
                .push(TaskRecord::new(
                    r.try_get(1)?,
                    ApplicationTask {
                        organization: parse("organization", &r.try_get::<String, _>(2)?)?,
                        title: r.try_get(3)?,
                        due: r
                            .try_get::<Option<String>, _>(4)?
                            .map(|d| day("due", &d))
                            .transpose()?,
                        done: r.try_get::<i64, _>(5)? != 0,
                    },
                ));
        }
    }
    Ok(apps
        .into_iter()
        .map(|(id, mut application)| {
            application.partners = partners.remove(&id).unwrap_or_default();
            ApplicationRecord {
                application,
                history: steps.remove(&id).unwrap_or_default(),
                tasks: tasks.remove(&id).unwrap_or_default(),
            }
        })
        .collect())
}

async fn id_of(c: &mut AnyConnection, network: &Slug, slug: &Slug) -> Result<Option<i64>> {
    Ok(sqlx::query_scalar::<_, i64>(
        "SELECT a.id FROM joint_applications a JOIN networks n ON n.id = a.network_id WHERE n.slug = $1 AND a.slug = $2",
    )
    .bind(network.to_string())
    .bind(slug.to_string())
    .fetch_optional(&mut *c)
    .await?)
}

fn not_found(network: &Slug, slug: &Slug) -> StoreError {
    StoreError::NotFound {
        entity: "joint application",
        key: format!("{network}/{slug}"),
    }
}

/// The references of an application, as row ids: lead, call, cooperation.
async fn references(
    c: &mut AnyConnection,
    network_id: i64,
    a: &JointApplication,
) -> Result<(i64, Option<i64>, Option<i64>)> {
    let lead = organizations::id_of(c, "lead", &a.lead).await?;
    let call = match &a.call {
        Some(call) => Some(
            sqlx::query_scalar::<_, i64>(
                "SELECT id FROM funding_calls WHERE network_id = $1 AND slug = $2",
            )
            .bind(network_id)
            .bind(call.to_string())
            .fetch_optional(&mut *c)
            .await?
            .ok_or_else(|| StoreError::UnknownReference {
                field: "call".into(),
                entity: "funding call",
                key: format!("{}/{call}", a.network),
            })?,
        ),
        None => None,
    };
    let cooperation = match a.cooperation {
        Some(id) => {
            let partners: Vec<String> = sqlx::query_scalar(
                "SELECT o.slug FROM cooperation_partners p JOIN organizations o ON o.id = p.organization_id WHERE p.cooperation_id = $1",
            )
            .bind(id)
            .fetch_all(&mut *c)
            .await?;
            if partners.is_empty() {
                return Err(StoreError::UnknownReference {
                    field: "cooperation".into(),
                    entity: "cooperation",
                    key: id.to_string(),
                });
            }
            if !partners.iter().any(|p| p == a.lead.as_str()) {
                return Err(StoreError::Conflict {
                    field: "cooperation".into(),
                    message: format!("'{}' is not a partner of cooperation {id}", a.lead),
                });
            }
            Some(id)
        }
        None => None,
    };
    Ok((lead, call, cooperation))
}

async fn write_partners(c: &mut AnyConnection, id: i64, partners: &[Slug]) -> Result<()> {
    sqlx::query("DELETE FROM application_partners WHERE application_id = $1")
        .bind(id)
        .execute(&mut *c)
        .await?;
    for (position, p) in partners.iter().enumerate() {
        let org = organizations::id_of(c, "partners", p).await?;
        sqlx::query(
            "INSERT INTO application_partners (application_id, organization_id, position) VALUES ($1, $2, $3)",
        )
        .bind(id)
        .bind(org)
        .bind(i64::try_from(position).unwrap_or(i64::MAX))
        .execute(&mut *c)
        .await?;
    }
    Ok(())
}

async fn add_step(c: &mut AnyConnection, id: i64, step: &StatusStep) -> Result<()> {
    sqlx::query(
        "INSERT INTO application_steps (application_id, status, on_date) VALUES ($1, $2, $3)",
    )
    .bind(id)
    .bind(step.status.code())
    .bind(step.on.to_string())
    .execute(&mut *c)
    .await?;
    Ok(())
}

impl Store {
    /// The applications `filter` names, each with partners, history and
    /// tasks; by network, then the most recently moved first.
    pub async fn list_applications(
        &self,
        filter: ApplicationFilter<'_>,
    ) -> Result<Vec<ApplicationRecord>> {
        load(&mut *self.conn().await?, filter).await
    }

    /// One application of a network.
    pub async fn get_application(&self, network: &Slug, slug: &Slug) -> Result<ApplicationRecord> {
        load(
            &mut *self.conn().await?,
            ApplicationFilter::One(network, slug),
        )
        .await?
        .pop()
        .ok_or_else(|| not_found(network, slug))
    }
}

impl Tx {
    /// Every application with partners, history and tasks, inside this
    /// transaction (for an export's consistent snapshot).
    pub async fn all_applications(&mut self) -> Result<Vec<ApplicationRecord>> {
        load(self.conn(), ApplicationFilter::All).await
    }

    /// Records an application whose first step is `step` (its status and
    /// day; `a.status_on` is not read).
    pub async fn create_application(
        &mut self,
        a: &JointApplication,
        step: &StatusStep,
    ) -> Result<()> {
        let network_id = networks::id_of(self.conn(), "network", &a.network).await?;
        if id_of(self.conn(), &a.network, &a.slug).await?.is_some() {
            return Err(StoreError::Conflict {
                field: "slug".into(),
                message: format!(
                    "network '{}' has an application '{}' already",
                    a.network, a.slug
                ),
            });
        }
        let (lead, call, cooperation) = references(self.conn(), network_id, a).await?;
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO joint_applications (network_id, slug, title, lead_id, call_id, cooperation_id, status, status_on, description, visibility) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id",
        )
        .bind(network_id)
        .bind(a.slug.to_string())
        .bind(a.title.clone())
        .bind(lead)
        .bind(call)
        .bind(cooperation)
        .bind(step.status.code())
        .bind(step.on.to_string())
        .bind(a.description.clone())
        .bind(a.visibility.to_string())
        .fetch_one(self.conn())
        .await?;
        write_partners(self.conn(), id, &a.partners).await?;
        add_step(self.conn(), id, step).await
    }

    /// Replaces application `slug` of `network` (it keeps its slug and
    /// network) and, with `step`, adds that step to its history.
    pub async fn update_application(
        &mut self,
        network: &Slug,
        slug: &Slug,
        a: &JointApplication,
        step: Option<&StatusStep>,
    ) -> Result<()> {
        let network_id = networks::id_of(self.conn(), "network", network).await?;
        let id = id_of(self.conn(), network, slug)
            .await?
            .ok_or_else(|| not_found(network, slug))?;
        let (lead, call, cooperation) = references(self.conn(), network_id, a).await?;
        sqlx::query(
            "UPDATE joint_applications SET title = $1, lead_id = $2, call_id = $3, cooperation_id = $4, description = $5, visibility = $6 WHERE id = $7",
        )
        .bind(a.title.clone())
        .bind(lead)
        .bind(call)
        .bind(cooperation)
        .bind(a.description.clone())
        .bind(a.visibility.to_string())
        .bind(id)
        .execute(self.conn())
        .await?;
        write_partners(self.conn(), id, &a.partners).await?;
        if let Some(step) = step {
            sqlx::query("UPDATE joint_applications SET status = $1, status_on = $2 WHERE id = $3")
                .bind(step.status.code())
                .bind(step.on.to_string())
                .bind(id)
                .execute(self.conn())
                .await?;
            add_step(self.conn(), id, step).await?;
        }
        Ok(())
    }

    /// Removes an application with its history and tasks.
    pub async fn delete_application(&mut self, network: &Slug, slug: &Slug) -> Result<()> {
        let id = id_of(self.conn(), network, slug)
            .await?
            .ok_or_else(|| not_found(network, slug))?;
        sqlx::query("DELETE FROM joint_applications WHERE id = $1")
            .bind(id)
            .execute(self.conn())
            .await?;
        Ok(())
    }

    /// Adds a task to an application; answers its id.
    pub async fn create_application_task(
        &mut self,
        network: &Slug,
        slug: &Slug,
        task: &ApplicationTask,
    ) -> Result<i64> {
        let id = id_of(self.conn(), network, slug)
            .await?
            .ok_or_else(|| not_found(network, slug))?;
        let org = organizations::id_of(self.conn(), "organization", &task.organization).await?;
        Ok(sqlx::query_scalar(
            "INSERT INTO application_tasks (application_id, organization_id, title, due, done) VALUES ($1, $2, $3, $4, $5) RETURNING id",
        )
        .bind(id)
        .bind(org)
        .bind(task.title.clone())
        .bind(task.due.map(|d| d.to_string()))
        .bind(i64::from(task.done))
        .fetch_one(self.conn())
        .await?)
    }

    /// Replaces task `task` of an application.
    pub async fn update_application_task(
        &mut self,
        network: &Slug,
        slug: &Slug,
        task: i64,
        new: &ApplicationTask,
    ) -> Result<()> {
        let id = id_of(self.conn(), network, slug)
            .await?
            .ok_or_else(|| not_found(network, slug))?;
        let org = organizations::id_of(self.conn(), "organization", &new.organization).await?;
        let changed = sqlx::query(
            "UPDATE application_tasks SET organization_id = $1, title = $2, due = $3, done = $4 WHERE id = $5 AND application_id = $6",
        )
        .bind(org)
        .bind(new.title.clone())
        .bind(new.due.map(|d| d.to_string()))
        .bind(i64::from(new.done))
        .bind(task)
        .bind(id)
        .execute(self.conn())
        .await?
        .rows_affected();
        if changed == 0 {
            return Err(task_not_found(network, slug, task));
        }
        Ok(())
    }

    /// Removes task `task` of an application.
    pub async fn delete_application_task(
        &mut self,
        network: &Slug,
        slug: &Slug,
        task: i64,
    ) -> Result<()> {
        let id = id_of(self.conn(), network, slug)
            .await?
            .ok_or_else(|| not_found(network, slug))?;
        let gone =
            sqlx::query("DELETE FROM application_tasks WHERE id = $1 AND application_id = $2")
                .bind(task)
                .bind(id)
                .execute(self.conn())
                .await?
                .rows_affected();
        if gone == 0 {
            return Err(task_not_found(network, slug, task));
        }
        Ok(())
    }
}

fn task_not_found(network: &Slug, slug: &Slug, task: i64) -> StoreError {
    StoreError::NotFound {
        entity: "task",
        key: format!("{network}/{slug}/{task}"),
    }
}
