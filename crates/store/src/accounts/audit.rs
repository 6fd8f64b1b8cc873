//! The audit log, and the purge of what the retention settings no longer
//! allow to keep.

use knotenpunkt_domain::Slug;
use sqlx::{AnyConnection, Row};

use super::{AuditEntry, Purged, Retention};
use crate::sql::{Arg, Sql, parse};
use crate::{Listed, Page, Result, Store, Tx, networks};

impl Store {
    /// Audit entries, newest first: of one network, or all.
    pub async fn audit_entries(
        &self,
        network: Option<&Slug>,
        page: Page,
    ) -> Result<Listed<AuditEntry>> {
        let mut c = self.conn().await?;
        let mut count = Sql::new(
            "SELECT COUNT(*) FROM audit_log a LEFT JOIN networks n ON n.id = a.network_id",
        );
        let mut q = Sql::new(
            "SELECT a.at, a.actor_id, a.actor_name, n.slug, a.action, a.target, a.detail FROM audit_log a LEFT JOIN networks n ON n.id = a.network_id",
        );
        if let Some(n) = network {
            count
                .push(" WHERE n.slug = ")
                .bind(Arg::Text(n.to_string()));
            q.push(" WHERE n.slug = ").bind(Arg::Text(n.to_string()));
        }
        q.push(" ORDER BY a.at DESC, a.id DESC");
        // SQLite knows OFFSET only after a LIMIT; like every other list,
        // a page without a limit is the whole list.
        if let Some(l) = page.limit {
            q.push(" LIMIT ")
                .bind(Arg::Int(i64::try_from(l).unwrap_or(i64::MAX)));
            q.push(" OFFSET ")
                .bind(Arg::Int(i64::try_from(page.offset).unwrap_or(i64::MAX)));
        }
        let total = count.build_scalar().fetch_one(&mut *c).await?;
        let items = q
            .build()
            .fetch_all(&mut *c)
            .await?
            .iter()
            .map(|r| {
                Ok(AuditEntry {
                    at: r.try_get(0)?,
                    actor: r.try_get(1)?,
                    actor_name: r.try_get(2)?,
                    network: r
                        .try_get::<Option<String>, _>(3)?
                        .map(|s| parse("network", &s))
                        .transpose()?,
                    action: r.try_get(4)?,
                    target: r.try_get(5)?,
                    detail: r.try_get(6)?,
                })
            })
            .collect::<Result<Vec<_>>>()?;
        Ok(Listed {
            items,
            total: u64::try_from(total).unwrap_or(0),
        })
    }

    /// Removes what the retention settings no longer allow to keep.
    pub async fn purge(&self, r: &Retention) -> Result<Purged> {
        let mut tx = self.begin().await?;
        let mut out = Purged {
            sessions: sqlx::query(
                "DELETE FROM sessions WHERE last_seen_at < $1 OR created_at < $2",
            )
            .bind(r.sessions_idle_before)
            .bind(r.sessions_created_before)
            .execute(tx.conn())
            .await?
            .rows_affected(),
            ..Purged::default()
        };
        out.tokens += sqlx::query("DELETE FROM invitations WHERE expires_at < $1")
            .bind(r.tokens_expired_before)
            .execute(tx.conn())
            .await?
            .rows_affected();
        out.tokens += sqlx::query("DELETE FROM password_resets WHERE expires_at < $1")
            .bind(r.tokens_expired_before)
            .execute(tx.conn())
            .await?
            .rows_affected();
        if let Some(before) = r.api_tokens_unused_before {
            out.api_tokens =
                sqlx::query("DELETE FROM api_tokens WHERE COALESCE(last_used_at, created_at) < $1")
                    .bind(before)
                    .execute(tx.conn())
                    .await?
                    .rows_affected();
        }
        out.tokens += sqlx::query("DELETE FROM event_requests WHERE created_at < $1")
            .bind(r.event_requests_before)
            .execute(tx.conn())
            .await?
            .rows_affected();
        // An event's question (dietary needs, say) is needed until the
        // event is over.
        out.answers = sqlx::query(
            "UPDATE event_registrations SET answer = NULL WHERE answer IS NOT NULL AND event_id IN (SELECT id FROM events WHERE ends_utc < $1)",
        )
        .bind(r.answers_of_events_ended_before)
        .execute(tx.conn())
        .await?
        .rows_affected();
        // A sent reminder's text names its recipient and is of no further use.
        out.reminders =
            sqlx::query("DELETE FROM reminders WHERE done_at IS NOT NULL AND done_at < $1")
                .bind(r.reminders_done_before)
                .execute(tx.conn())
                .await?
                .rows_affected();
        if let Some(before) = r.audit_before {
            out.audit = sqlx::query("DELETE FROM audit_log WHERE at < $1")
                .bind(before)
                .execute(tx.conn())
                .await?
                .rows_affected();
        }
        tx.commit().await?;
        Ok(out)
    }
}

async fn insert_audit(c: &mut AnyConnection, e: &AuditEntry) -> Result<()> {
    let network = match &e.network {
        // The network may just have been deleted; the entry then stands
        // without it rather than failing the change it records.
        Some(n) => networks::id_of(&mut *c, "network", n).await.ok(),
        None => None,
    };
    sqlx::query("INSERT INTO audit_log (at, actor_id, actor_name, network_id, action, target, detail) VALUES ($1, $2, $3, $4, $5, $6, $7)")
        .bind(e.at)
        .bind(e.actor)
        .bind(e.actor_name.clone())
        .bind(network)
        .bind(e.action.clone())
        .bind(e.target.clone())
        .bind(e.detail.clone())
        .execute(&mut *c)
        .await?;
    Ok(())
}

impl Tx {
    /// Appends an entry to the audit log as part of the change it records:
    /// the entry exists exactly when the change committed.
    pub async fn audit(&mut self, e: &AuditEntry) -> Result<()> {
        insert_audit(self.conn(), e).await
    }
}
