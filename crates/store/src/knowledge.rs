//! Projects, experiences and the comments on experiences (issue 13).
//!
//! Reads load whole lists in a fixed number of statements (partners in one
//! more); visibility is the application's business, which filters with the
//! reader's eyes like it does for series.

use std::collections::HashMap;

use knotenpunkt_domain::{Contact, Experience, Project, Slug, Visibility};
use sqlx::{AnyConnection, Row};

use crate::sql::{Arg, Sql, children, codes_of, codes_text, parse, parse_opt};
use crate::{Result, Store, StoreError, Tx, networks, organizations};

/// A project as stored: its row id and times besides the project, whose
/// `slug` is always set.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredProject {
    /// Row id.
    pub id: i64,
    /// The project.
    pub project: Project,
    /// When it was entered (Unix seconds).
    pub created_at: i64,
    /// When it was last changed (Unix seconds).
    pub updated_at: i64,
}

/// An experience as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredExperience {
    /// Row id, its key in addresses.
    pub id: i64,
    /// The experience.
    pub experience: Experience,
    /// The person who wrote it, while their account exists.
    pub author: Option<i64>,
    /// Their name as it was when they wrote it.
    pub author_name: String,
    /// When it was shared (Unix seconds).
    pub created_at: i64,
    /// When it was last changed (Unix seconds).
    pub updated_at: i64,
}

/// A comment on an experience, or a follow-up question to its authors.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredComment {
    /// Row id.
    pub id: i64,
    /// The experience it is about.
    pub experience: i64,
    /// The person who wrote it, while their account exists.
    pub author: Option<i64>,
    /// Their name.
    pub author_name: String,
    /// Their organisation, if any.
    pub organization: Option<Slug>,
    /// The text.
    pub text: String,
    /// A question to the authors rather than a comment.
    pub question: bool,
    /// When it was written (Unix seconds).
    pub created_at: i64,
}

/// A new comment, as the application hands it over.
#[derive(Debug, Clone)]
pub struct NewComment<'a> {
    /// The experience it is about.
    pub experience: i64,
    /// The writer.
    pub author: Option<i64>,
    /// The writer's name.
    pub author_name: &'a str,
    /// The writer's organisation.
    pub organization: Option<&'a Slug>,
    /// The text.
    pub text: &'a str,
    /// A question to the authors.
    pub question: bool,
}

const PROJECT_COLUMNS: &str = "SELECT p.id, p.slug, o.slug, n.slug, p.visibility, p.title, p.summary, p.topics, p.status, p.started, p.ended, p.funding, p.contacts, p.links, p.source, p.created_at, p.updated_at FROM projects p JOIN organizations o ON o.id = p.organization_id LEFT JOIN networks n ON n.id = p.network_id";

const EXPERIENCE_COLUMNS: &str = "SELECT e.id, o.slug, p.slug, n.slug, e.visibility, e.title, e.body, e.outcome, e.differently, e.topics, e.lang, e.author_id, e.author_name, e.created_at, e.updated_at FROM experiences e JOIN organizations o ON o.id = e.organization_id LEFT JOIN projects p ON p.id = e.project_id LEFT JOIN networks n ON n.id = e.network_id";

const COMMENT_COLUMNS: &str = "SELECT c.id, c.experience_id, c.author_id, c.author_name, o.slug, c.body, c.question, c.created_at FROM experience_comments c LEFT JOIN organizations o ON o.id = c.organization_id";

fn json<T: serde::de::DeserializeOwned>(what: &str, text: &str) -> Result<T> {
    serde_json::from_str(text).map_err(|e| StoreError::Corrupt(format!("{what}: {e}")))
}

fn to_json<T: serde::Serialize>(value: &T) -> Result<String> {
    serde_json::to_string(value).map_err(|e| StoreError::Corrupt(format!("json: {e}")))
}

fn project_row(r: &sqlx::any::AnyRow, partners: Vec<Slug>) -> Result<StoredProject> {
    let contacts: Vec<Contact> = json("contacts", &r.try_get::<String, _>(12)?)?;
    let links: Vec<String> = json("links", &r.try_get::<String, _>(13)?)?;
    Ok(StoredProject {
        id: r.try_get(0)?,
        project: Project {
            slug: Some(parse("slug", &r.try_get::<String, _>(1)?)?),
            organization: parse("organization", &r.try_get::<String, _>(2)?)?,
            partners,
            network: parse_opt("network", r.try_get(3)?)?,
            visibility: parse::<Visibility>("visibility", &r.try_get::<String, _>(4)?)?,
            title: r.try_get(5)?,
            summary: r.try_get(6)?,
            topics: codes_of("topics", &r.try_get::<String, _>(7)?)?,
            status: parse("status", &r.try_get::<String, _>(8)?)?,
            started: parse_opt("started", r.try_get(9)?)?,
            ended: parse_opt("ended", r.try_get(10)?)?,
            funding: r.try_get(11)?,
            contacts,
            links,
            source: r.try_get(14)?,
        },
        created_at: r.try_get(15)?,
        updated_at: r.try_get(16)?,
    })
}

fn experience_row(r: &sqlx::any::AnyRow) -> Result<StoredExperience> {
    Ok(StoredExperience {
        id: r.try_get(0)?,
        experience: Experience {
            organization: parse("organization", &r.try_get::<String, _>(1)?)?,
            project: parse_opt("project", r.try_get(2)?)?,
            network: parse_opt("network", r.try_get(3)?)?,
            visibility: parse::<Visibility>("visibility", &r.try_get::<String, _>(4)?)?,
            title: r.try_get(5)?,
            text: r.try_get(6)?,
            outcome: parse("outcome", &r.try_get::<String, _>(7)?)?,
            differently: r.try_get(8)?,
            topics: codes_of("topics", &r.try_get::<String, _>(9)?)?,
            lang: parse("lang", &r.try_get::<String, _>(10)?)?,
        },
        author: r.try_get(11)?,
        author_name: r.try_get(12)?,
        created_at: r.try_get(13)?,
        updated_at: r.try_get(14)?,
    })
}

fn comment_row(r: &sqlx::any::AnyRow) -> Result<StoredComment> {
    Ok(StoredComment {
        id: r.try_get(0)?,
        experience: r.try_get(1)?,
        author: r.try_get(2)?,
        author_name: r.try_get(3)?,
        organization: parse_opt("organization", r.try_get(4)?)?,
        text: r.try_get(5)?,
        question: r.try_get::<i64, _>(6)? != 0,
        created_at: r.try_get(7)?,
    })
}

/// Projects of the rows `sql` selects ([`PROJECT_COLUMNS`]), with their
/// partners in one more statement.
async fn projects(c: &mut AnyConnection, sql: &Sql) -> Result<Vec<StoredProject>> {
    let rows = sql.build().fetch_all(&mut *c).await?;
    let ids: Vec<i64> = rows
        .iter()
        .map(|r| r.try_get::<i64, _>(0))
        .collect::<std::result::Result<_, _>>()?;
    let mut partners: HashMap<i64, Vec<Slug>> = children(
        c,
        "SELECT pp.project_id, o.slug FROM project_partners pp JOIN organizations o ON o.id = pp.organization_id WHERE pp.project_id IN (",
        ") ORDER BY pp.project_id, o.slug",
        &ids,
        "partner",
    )
    .await?;
    rows.iter()
        .map(|r| {
            let id: i64 = r.try_get(0)?;
            project_row(r, partners.remove(&id).unwrap_or_default())
        })
        .collect()
}

async fn all_projects(c: &mut AnyConnection) -> Result<Vec<StoredProject>> {
    let mut sql = Sql::new(PROJECT_COLUMNS);
    sql.push(" ORDER BY p.title, p.slug");
    projects(c, &sql).await
}

async fn all_experiences(c: &mut AnyConnection) -> Result<Vec<StoredExperience>> {
    Sql::new(EXPERIENCE_COLUMNS)
        .push(" ORDER BY e.created_at DESC, e.id DESC")
        .build()
        .fetch_all(&mut *c)
        .await?
        .iter()
        .map(experience_row)
        .collect()
}

async fn project_id(c: &mut AnyConnection, field: &str, slug: &Slug) -> Result<i64> {
    sqlx::query_scalar::<_, i64>("SELECT id FROM projects WHERE slug = $1")
        .bind(slug.to_string())
        .fetch_optional(&mut *c)
        .await?
        .ok_or_else(|| StoreError::UnknownReference {
            field: field.into(),
            entity: "project",
            key: slug.to_string(),
        })
}

async fn network_id(c: &mut AnyConnection, network: Option<&Slug>) -> Result<Option<i64>> {
    match network {
        Some(n) => Ok(Some(networks::id_of(c, "network", n).await?)),
        None => Ok(None),
    }
}

async fn set_partners(c: &mut AnyConnection, id: i64, partners: &[Slug]) -> Result<()> {
    sqlx::query("DELETE FROM project_partners WHERE project_id = $1")
        .bind(id)
        .execute(&mut *c)
        .await?;
    for (i, p) in partners.iter().enumerate() {
        let org = organizations::id_of(c, &format!("partners[{i}]"), p).await?;
        sqlx::query("INSERT INTO project_partners (project_id, organization_id) VALUES ($1, $2)")
            .bind(id)
            .bind(org)
            .execute(&mut *c)
            .await?;
    }
    Ok(())
}

impl Store {
    /// Every project, by title.
    pub async fn all_projects(&self) -> Result<Vec<StoredProject>> {
        all_projects(&mut *self.conn().await?).await
    }

    /// One project.
    pub async fn get_project(&self, slug: &Slug) -> Result<StoredProject> {
        let mut sql = Sql::new(PROJECT_COLUMNS);
        sql.push(" WHERE p.slug = ")
            .bind(Arg::Text(slug.to_string()));
        projects(&mut *self.conn().await?, &sql)
            .await?
            .pop()
            .ok_or_else(|| StoreError::NotFound {
                entity: "project",
                key: slug.to_string(),
            })
    }

    /// Every experience, newest first.
    pub async fn all_experiences(&self) -> Result<Vec<StoredExperience>> {
        all_experiences(&mut *self.conn().await?).await
    }

    /// One experience.
    pub async fn get_experience(&self, id: i64) -> Result<StoredExperience> {
        let mut sql = Sql::new(EXPERIENCE_COLUMNS);
        sql.push(" WHERE e.id = ").bind(Arg::Int(id));
        let row = sql.build().fetch_optional(&mut *self.conn().await?).await?;
        match row {
            Some(r) => experience_row(&r),
            None => Err(StoreError::NotFound {
                entity: "experience",
                key: id.to_string(),
            }),
        }
    }

    /// The comments and questions on an experience, oldest first.
    pub async fn comments(&self, experience: i64) -> Result<Vec<StoredComment>> {
        let mut sql = Sql::new(COMMENT_COLUMNS);
        sql.push(" WHERE c.experience_id = ")
            .bind(Arg::Int(experience))
            .push(" ORDER BY c.created_at, c.id");
        sql.build()
            .fetch_all(&mut *self.conn().await?)
            .await?
            .iter()
            .map(comment_row)
            .collect()
    }
}

impl Tx {
    /// Adds a project; its slug must be set and free.
    pub async fn create_project(&mut self, p: &Project, at: i64) -> Result<i64> {
        let c = self.conn();
        let Some(slug) = &p.slug else {
            return Err(StoreError::Conflict {
                field: "slug".into(),
                message: "a stored project needs a slug".into(),
            });
        };
        if project_id(c, "slug", slug).await.is_ok() {
            return Err(StoreError::Conflict {
                field: "slug".into(),
                message: format!("there is a project '{slug}' already"),
            });
        }
        let org = organizations::id_of(c, "organization", &p.organization).await?;
        let network = network_id(c, p.network.as_ref()).await?;
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO projects (slug, organization_id, network_id, visibility, title, summary, topics, status, started, ended, funding, contacts, links, source, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $15) RETURNING id",
        )
        .bind(slug.to_string())
        .bind(org)
        .bind(network)
        .bind(p.visibility.to_string())
        .bind(p.title.clone())
        .bind(p.summary.clone())
        .bind(codes_text(&p.topics))
        .bind(p.status.code())
        .bind(p.started.as_ref().map(ToString::to_string))
        .bind(p.ended.as_ref().map(ToString::to_string))
        .bind(p.funding.clone())
        .bind(to_json(&p.contacts)?)
        .bind(to_json(&p.links)?)
        .bind(p.source.clone())
        .bind(at)
        .fetch_one(&mut *c)
        .await?;
        set_partners(c, id, &p.partners).await?;
        Ok(id)
    }

    /// Replaces project `slug` (it may get a new slug).
    pub async fn update_project(&mut self, slug: &Slug, p: &Project, at: i64) -> Result<()> {
        let c = self.conn();
        let id = project_id(c, "slug", slug)
            .await
            .map_err(|_| StoreError::NotFound {
                entity: "project",
                key: slug.to_string(),
            })?;
        let new_slug = p.slug.clone().unwrap_or_else(|| slug.clone());
        if &new_slug != slug && project_id(c, "slug", &new_slug).await.is_ok() {
            return Err(StoreError::Conflict {
                field: "slug".into(),
                message: format!("there is a project '{new_slug}' already"),
            });
        }
        let org = organizations::id_of(c, "organization", &p.organization).await?;
        let network = network_id(c, p.network.as_ref()).await?;
        sqlx::query(
            "UPDATE projects SET slug = $1, organization_id = $2, network_id = $3, visibility = $4, title = $5, summary = $6, topics = $7, status = $8, started = $9, ended = $10, funding = $11, contacts = $12, links = $13, source = $14, updated_at = $15 WHERE id = $16",
        )
        .bind(new_slug.to_string())
        .bind(org)
        .bind(network)
        .bind(p.visibility.to_string())
        .bind(p.title.clone())
        .bind(p.summary.clone())
        .bind(codes_text(&p.topics))
        .bind(p.status.code())
        .bind(p.started.as_ref().map(ToString::to_string))
        .bind(p.ended.as_ref().map(ToString::to_string))
        .bind(p.funding.clone())
        .bind(to_json(&p.contacts)?)
        .bind(to_json(&p.links)?)
        .bind(p.source.clone())
        .bind(at)
        .bind(id)
        .execute(&mut *c)
        .await?;
        set_partners(c, id, &p.partners).await
    }

    /// Removes a project; its experiences stay, attached to no project.
    pub async fn delete_project(&mut self, slug: &Slug) -> Result<()> {
        let done = sqlx::query("DELETE FROM projects WHERE slug = $1")
            .bind(slug.to_string())
            .execute(self.conn())
            .await?;
        if done.rows_affected() == 0 {
            return Err(StoreError::NotFound {
                entity: "project",
                key: slug.to_string(),
            });
        }
        Ok(())
    }

    /// Adds an experience written by `author` (`None`: the operator or an
    /// import) under `author_name`.
    pub async fn create_experience(
        &mut self,
        e: &Experience,
        author: Option<i64>,
        author_name: &str,
        at: i64,
    ) -> Result<i64> {
        let c = self.conn();
        let org = organizations::id_of(c, "organization", &e.organization).await?;
        let project = match &e.project {
            Some(p) => Some(project_id(c, "project", p).await?),
            None => None,
        };
        let network = network_id(c, e.network.as_ref()).await?;
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO experiences (organization_id, project_id, network_id, visibility, title, body, outcome, differently, topics, lang, author_id, author_name, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $13) RETURNING id",
        )
        .bind(org)
        .bind(project)
        .bind(network)
        .bind(e.visibility.to_string())
        .bind(e.title.clone())
        .bind(e.text.clone())
        .bind(e.outcome.code())
        .bind(e.differently.clone())
        .bind(codes_text(&e.topics))
        .bind(e.lang.code())
        .bind(author)
        .bind(author_name.to_owned())
        .bind(at)
        .fetch_one(&mut *c)
        .await?;
        Ok(id)
    }

    /// Replaces experience `id`; its author and creation time stay.
    pub async fn update_experience(&mut self, id: i64, e: &Experience, at: i64) -> Result<()> {
        let c = self.conn();
        let org = organizations::id_of(c, "organization", &e.organization).await?;
        let project = match &e.project {
            Some(p) => Some(project_id(c, "project", p).await?),
            None => None,
        };
        let network = network_id(c, e.network.as_ref()).await?;
        let done = sqlx::query(
            "UPDATE experiences SET organization_id = $1, project_id = $2, network_id = $3, visibility = $4, title = $5, body = $6, outcome = $7, differently = $8, topics = $9, lang = $10, updated_at = $11 WHERE id = $12",
        )
        .bind(org)
        .bind(project)
        .bind(network)
        .bind(e.visibility.to_string())
        .bind(e.title.clone())
        .bind(e.text.clone())
        .bind(e.outcome.code())
        .bind(e.differently.clone())
        .bind(codes_text(&e.topics))
        .bind(e.lang.code())
        .bind(at)
        .bind(id)
        .execute(&mut *c)
        .await?;
        if done.rows_affected() == 0 {
            return Err(StoreError::NotFound {
                entity: "experience",
                key: id.to_string(),
            });
        }
        Ok(())
    }

    /// Removes an experience with its comments.
    pub async fn delete_experience(&mut self, id: i64) -> Result<()> {
        let c = self.conn();
        sqlx::query("DELETE FROM experience_comments WHERE experience_id = $1")
            .bind(id)
            .execute(&mut *c)
            .await?;
        let done = sqlx::query("DELETE FROM experiences WHERE id = $1")
            .bind(id)
            .execute(&mut *c)
            .await?;
        if done.rows_affected() == 0 {
            return Err(StoreError::NotFound {
                entity: "experience",
                key: id.to_string(),
            });
        }
        Ok(())
    }

    /// Adds a comment or question.
    pub async fn add_comment(&mut self, n: &NewComment<'_>, at: i64) -> Result<i64> {
        let c = self.conn();
        let org = match n.organization {
            Some(o) => Some(organizations::id_of(c, "organization", o).await?),
            None => None,
        };
        Ok(sqlx::query_scalar(
            "INSERT INTO experience_comments (experience_id, author_id, author_name, organization_id, body, question, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
        )
        .bind(n.experience)
        .bind(n.author)
        .bind(n.author_name.to_owned())
        .bind(org)
        .bind(n.text.to_owned())
        .bind(i64::from(n.question))
        .bind(at)
        .fetch_one(&mut *c)
        .await?)
    }

    /// Every project, for export.
    pub async fn all_projects(&mut self) -> Result<Vec<StoredProject>> {
        all_projects(self.conn()).await
    }

    /// Every experience, for export.
    pub async fn all_experiences(&mut self) -> Result<Vec<StoredExperience>> {
        all_experiences(self.conn()).await
    }
}

/// A project or an experience as an organisation's page lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Listed {
    /// A project's slug, or an experience's id.
    pub key: String,
    /// `true` for a project, `false` for an experience.
    pub project: bool,
    /// Title.
    pub title: String,
    /// A project's status or an experience's outcome, as its code.
    pub code: String,
    /// The network it is placed in.
    pub network: Option<Slug>,
    /// Who may see it.
    pub visibility: Visibility,
    /// The owning organisation's slug and name.
    pub owner: (Slug, String),
}

impl Store {
    /// The projects `organization` owns or is a partner of, and its
    /// experiences, in one statement: its page lists them beside much else.
    pub async fn knowledge_of(&self, organization: &Slug) -> Result<Vec<Listed>> {
        let rows = sqlx::query(
            "SELECT 1, p.slug, p.title, p.status, n.slug, p.visibility, o.slug, o.name FROM projects p JOIN organizations o ON o.id = p.organization_id LEFT JOIN networks n ON n.id = p.network_id \
             WHERE o.slug = $1 OR p.id IN (SELECT pp.project_id FROM project_partners pp JOIN organizations po ON po.id = pp.organization_id WHERE po.slug = $1) \
             UNION ALL \
             SELECT 0, CAST(e.id AS TEXT), e.title, e.outcome, n.slug, e.visibility, o.slug, o.name FROM experiences e JOIN organizations o ON o.id = e.organization_id LEFT JOIN networks n ON n.id = e.network_id \
             WHERE o.slug = $1 \
             ORDER BY 1 DESC, 3, 2",
        )
        .bind(organization.to_string())
        .fetch_all(&mut *self.conn().await?)
        .await?;
        rows.iter()
            .map(|r| {
                Ok(Listed {
                    project: r.try_get::<i64, _>(0)? == 1,
                    key: r.try_get(1)?,
                    title: r.try_get(2)?,
                    code: r.try_get(3)?,
                    network: parse_opt("network", r.try_get(4)?)?,
                    visibility: parse("visibility", &r.try_get::<String, _>(5)?)?,
                    owner: (
                        parse("organization", &r.try_get::<String, _>(6)?)?,
                        r.try_get(7)?,
                    ),
                })
            })
            .collect()
    }
}

/// What a person wrote in the knowledge exchange, for their data download.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Authored {
    /// `(id, title)` of the experiences they shared.
    pub experiences: Vec<(i64, String)>,
    /// `(experience id, text, created_at)` of their comments and questions.
    pub comments: Vec<(i64, String, i64)>,
}

impl Store {
    /// What `person` wrote, in two statements.
    pub async fn authored_by(&self, person: i64) -> Result<Authored> {
        let mut c = self.conn().await?;
        let experiences =
            sqlx::query("SELECT id, title FROM experiences WHERE author_id = $1 ORDER BY id")
                .bind(person)
                .fetch_all(&mut *c)
                .await?
                .iter()
                .map(|r| Ok((r.try_get(0)?, r.try_get(1)?)))
                .collect::<Result<_>>()?;
        let comments = sqlx::query(
            "SELECT experience_id, body, created_at FROM experience_comments WHERE author_id = $1 ORDER BY id",
        )
        .bind(person)
        .fetch_all(&mut *c)
        .await?
        .iter()
        .map(|r| Ok((r.try_get(0)?, r.try_get(1)?, r.try_get(2)?)))
        .collect::<Result<_>>()?;
        Ok(Authored {
            experiences,
            comments,
        })
    }
}

impl Tx {
    /// Before a person's account goes: what they wrote stays, under
    /// `replacement` (their organisation's name) instead of their name.
    pub async fn unname_author(&mut self, person: i64, replacement: &str) -> Result<()> {
        let c = self.conn();
        for sql in [
            "UPDATE experiences SET author_name = $1 WHERE author_id = $2",
            "UPDATE experience_comments SET author_name = $1 WHERE author_id = $2",
        ] {
            sqlx::query(sql)
                .bind(replacement.to_owned())
                .bind(person)
                .execute(&mut *c)
                .await?;
        }
        Ok(())
    }
}
