//! Reminder mails as a job table with leases (`reminders`), the people's
//! choices (`reminder_optouts`) and the installation's signing keys
//! (`installation_keys`).
//!
//! Sending once with several processes rests on two statements, both
//! decided by the database rather than by any process: a reminder is
//! planned with `INSERT … ON CONFLICT (key) DO NOTHING`, so it exists once
//! whoever plans it; and it is taken for sending with a conditional
//! `UPDATE` whose condition (not done, no live lease) PostgreSQL checks
//! again on the row it locked, so of two processes exactly one gets it. A
//! process marks it done only under its own lease.

use sqlx::Row;

use crate::{Result, Store};

/// A reminder to plan: one mail to one person.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewReminder {
    /// What it is about and for whom; unique, so planning twice plans once.
    pub key: String,
    /// The kind a person can turn off (`host`, `agenda`, `events`, `deadlines`).
    pub kind: String,
    /// `p:<person id>`, or `g:<address>` for a guest of an event.
    pub recipient: String,
    /// Where it goes.
    pub email: String,
    /// The recipient's name.
    pub name: Option<String>,
    /// The subject line.
    pub subject: String,
    /// The text, with the unsubscribe link.
    pub body: String,
    /// The one-click unsubscribe address (`List-Unsubscribe`).
    pub unsubscribe: String,
    /// When it may go (Unix seconds).
    pub due_at: i64,
}

/// A reminder this process holds the lease of.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClaimedReminder {
    /// Its row.
    pub id: i64,
    /// Its key (also the mail's `Message-ID`).
    pub key: String,
    /// Its kind.
    pub kind: String,
    /// Its recipient.
    pub recipient: String,
    /// Where it goes.
    pub email: String,
    /// The recipient's name.
    pub name: Option<String>,
    /// The subject line.
    pub subject: String,
    /// The text.
    pub body: String,
    /// The one-click unsubscribe address.
    pub unsubscribe: String,
    /// How often it was taken, this time included.
    pub attempts: i64,
}

/// How many reminders stand where, for the operator.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ReminderCounts {
    /// Planned, not yet done.
    pub open: u64,
    /// Sent.
    pub sent: u64,
    /// Not sent because the person turned the kind off.
    pub unsubscribed: u64,
    /// Given up after repeated failures.
    pub failed: u64,
}

/// A task of a joint application that is due soon, with where it belongs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DueTask {
    /// The task's id.
    pub id: i64,
    /// What is to be done.
    pub title: String,
    /// By when (ISO date).
    pub due: String,
    /// The organisation that took it on.
    pub organization: String,
    /// The network's slug.
    pub network: String,
    /// The application's slug.
    pub application: String,
    /// The application's title.
    pub application_title: String,
}

/// An application in preparation whose call's deadline is near.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DueApplication {
    /// The network's slug.
    pub network: String,
    /// The application's slug.
    pub application: String,
    /// Its title.
    pub title: String,
    /// The call's title.
    pub call: String,
    /// The call's deadline (ISO date).
    pub deadline: String,
    /// The lead's and the partners' slugs.
    pub organizations: Vec<String>,
}

impl Store {
    /// Takes the turn to plan when nobody planned since `not_after` (Unix
    /// seconds): answers whether this caller plans now. One conditional
    /// UPDATE, so of processes asking at once exactly one gets it.
    pub async fn claim_planning(&self, now: i64, not_after: i64) -> Result<bool> {
        let taken = sqlx::query(
            "UPDATE reminder_planning SET planned_at = $1 WHERE id = 1 AND planned_at <= $2",
        )
        .bind(now)
        .bind(not_after)
        .execute(&mut *self.conn().await?)
        .await?
        .rows_affected();
        Ok(taken == 1)
    }

    /// Plans `reminders`; answers how many were new. One transaction, one
    /// statement per reminder, each a no-op when its key exists.
    pub async fn plan_reminders(&self, reminders: &[NewReminder], now: i64) -> Result<u64> {
        if reminders.is_empty() {
            return Ok(0);
        }
        let mut tx = self.begin().await?;
        let mut new = 0;
        for r in reminders {
            let done = sqlx::query(
                "INSERT INTO reminders (key, kind, recipient, email, name, subject, body, unsubscribe, due_at, created_at) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) ON CONFLICT (key) DO NOTHING",
            )
            .bind(r.key.clone())
            .bind(r.kind.clone())
            .bind(r.recipient.clone())
            .bind(r.email.clone())
            .bind(r.name.clone())
            .bind(r.subject.clone())
            .bind(r.body.clone())
            .bind(r.unsubscribe.clone())
            .bind(r.due_at)
            .bind(now)
            .execute(tx.conn())
            .await?;
            new += done.rows_affected();
        }
        tx.commit().await?;
        Ok(new)
    }

    /// Which of `keys` are planned already, so a pass composes only the
    /// new ones.
    pub async fn planned_reminders(&self, keys: &[String]) -> Result<Vec<String>> {
        let mut out = Vec::new();
        let mut c = self.conn().await?;
        for chunk in keys.chunks(500) {
            let mut q = crate::sql::Sql::new("SELECT key FROM reminders WHERE key IN (");
            for (i, k) in chunk.iter().enumerate() {
                if i > 0 {
                    q.push(", ");
                }
                q.bind(crate::sql::Arg::Text(k.clone()));
            }
            q.push(")");
            for r in q.build().fetch_all(&mut *c).await? {
                out.push(r.try_get(0)?);
            }
        }
        Ok(out)
    }

    /// Takes the lease of up to `limit` reminders that are due at `now` and
    /// neither done nor leased, for `owner` until `lease_until`. The
    /// conditions stand in the outer `WHERE`, which PostgreSQL checks again
    /// on each row it had to wait for: a row another process took meanwhile
    /// no longer qualifies, so no two processes hold one reminder.
    pub async fn claim_reminders(
        &self,
        owner: &str,
        now: i64,
        lease_until: i64,
        max_attempts: i64,
        limit: i64,
    ) -> Result<Vec<ClaimedReminder>> {
        let mut tx = self.begin().await?;
        let rows = sqlx::query(
            "UPDATE reminders SET lease_owner = $1, lease_until = $2, attempts = attempts + 1 \
             WHERE done_at IS NULL AND due_at <= $3 AND (lease_until IS NULL OR lease_until <= $4) AND attempts < $5 \
             AND id IN (SELECT id FROM reminders WHERE done_at IS NULL AND due_at <= $6 \
                        AND (lease_until IS NULL OR lease_until <= $7) AND attempts < $8 ORDER BY due_at, id LIMIT $9) \
             RETURNING id, key, kind, recipient, email, name, subject, body, unsubscribe, attempts",
        )
        .bind(owner.to_owned())
        .bind(lease_until)
        .bind(now)
        .bind(now)
        .bind(max_attempts)
        .bind(now)
        .bind(now)
        .bind(max_attempts)
        .bind(limit)
        .fetch_all(tx.conn())
        .await?;
        tx.commit().await?;
        let mut out = rows
            .iter()
            .map(|r| {
                Ok(ClaimedReminder {
                    id: r.try_get(0)?,
                    key: r.try_get(1)?,
                    kind: r.try_get(2)?,
                    recipient: r.try_get(3)?,
                    email: r.try_get(4)?,
                    name: r.try_get(5)?,
                    subject: r.try_get(6)?,
                    body: r.try_get(7)?,
                    unsubscribe: r.try_get(8)?,
                    attempts: r.try_get(9)?,
                })
            })
            .collect::<Result<Vec<_>>>()?;
        out.sort_by_key(|r| r.id);
        Ok(out)
    }

    /// Marks a reminder done (`sent`, `unsubscribed`, `failed`) if `owner`
    /// still holds its lease; answers whether it did. A process whose
    /// lease ran out learns so and leaves the row to its new holder.
    pub async fn finish_reminder(
        &self,
        id: i64,
        owner: &str,
        outcome: &str,
        now: i64,
    ) -> Result<bool> {
        let mut tx = self.begin().await?;
        let done = sqlx::query(
            "UPDATE reminders SET done_at = $1, outcome = $2, lease_until = NULL \
             WHERE id = $3 AND lease_owner = $4 AND done_at IS NULL",
        )
        .bind(now)
        .bind(outcome.to_owned())
        .bind(id)
        .bind(owner.to_owned())
        .execute(tx.conn())
        .await?;
        tx.commit().await?;
        Ok(done.rows_affected() == 1)
    }

    /// Gives a reminder back after a failed send, to be tried again from
    /// `retry_at` on.
    pub async fn release_reminder(&self, id: i64, owner: &str, retry_at: i64) -> Result<()> {
        let mut tx = self.begin().await?;
        sqlx::query(
            "UPDATE reminders SET lease_until = $1 WHERE id = $2 AND lease_owner = $3 AND done_at IS NULL",
        )
        .bind(retry_at)
        .bind(id)
        .bind(owner.to_owned())
        .execute(tx.conn())
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// How many reminders stand where.
    pub async fn reminder_counts(&self) -> Result<ReminderCounts> {
        let rows = sqlx::query(
            "SELECT COALESCE(outcome, 'open'), COUNT(*) FROM reminders GROUP BY COALESCE(outcome, 'open')",
        )
        .fetch_all(&mut *self.conn().await?)
        .await?;
        let mut c = ReminderCounts::default();
        for r in rows {
            let (what, n): (String, i64) = (r.try_get(0)?, r.try_get(1)?);
            let n = u64::try_from(n).unwrap_or(0);
            match what.as_str() {
                "sent" => c.sent = n,
                "unsubscribed" => c.unsubscribed = n,
                "failed" => c.failed = n,
                _ => c.open += n,
            }
        }
        Ok(c)
    }

    /// The kinds each of `recipients` turned off.
    pub async fn reminder_optouts(&self, recipients: &[String]) -> Result<Vec<(String, String)>> {
        let mut out = Vec::new();
        let mut c = self.conn().await?;
        for chunk in recipients.chunks(500) {
            let mut q = crate::sql::Sql::new(
                "SELECT recipient, kind FROM reminder_optouts WHERE recipient IN (",
            );
            for (i, k) in chunk.iter().enumerate() {
                if i > 0 {
                    q.push(", ");
                }
                q.bind(crate::sql::Arg::Text(k.clone()));
            }
            q.push(") ORDER BY recipient, kind");
            for r in q.build().fetch_all(&mut *c).await? {
                out.push((r.try_get(0)?, r.try_get(1)?));
            }
        }
        Ok(out)
    }

    /// The signing key called `name`: the one stored, or `fresh` stored now
    /// if there is none. Two processes asking at once get the same key.
    pub async fn installation_key(&self, name: &str, fresh: &str) -> Result<String> {
        let stored: Option<String> =
            sqlx::query_scalar("SELECT value FROM installation_keys WHERE name = $1")
                .bind(name.to_owned())
                .fetch_optional(&mut *self.conn().await?)
                .await?;
        if let Some(v) = stored {
            return Ok(v);
        }
        let mut tx = self.begin().await?;
        sqlx::query(
            "INSERT INTO installation_keys (name, value) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING",
        )
        .bind(name.to_owned())
        .bind(fresh.to_owned())
        .execute(tx.conn())
        .await?;
        let value: String =
            sqlx::query_scalar("SELECT value FROM installation_keys WHERE name = $1")
                .bind(name.to_owned())
                .fetch_one(tx.conn())
                .await?;
        tx.commit().await?;
        Ok(value)
    }

    /// The coordinators of every network, as `(network slug, person id)`:
    /// granted directly, or through their organisation's membership.
    pub async fn coordinators(&self) -> Result<Vec<(String, i64)>> {
        let rows = sqlx::query(
            "SELECT n.slug, pr.person_id FROM person_roles pr JOIN networks n ON n.id = pr.network_id WHERE pr.role = 'coordinator' \
             UNION SELECT n.slug, p.id FROM persons p JOIN memberships m ON m.organization_id = p.organization_id \
             JOIN networks n ON n.id = m.network_id WHERE m.role = 'coordinator' AND m.left_on IS NULL",
        )
        .fetch_all(&mut *self.conn().await?)
        .await?;
        rows.iter()
            .map(|r| Ok((r.try_get(0)?, r.try_get(1)?)))
            .collect()
    }

    /// Open tasks of joint applications due between `from` and `to` (ISO
    /// dates, both included).
    pub async fn due_tasks(&self, from: &str, to: &str) -> Result<Vec<DueTask>> {
        let rows = sqlx::query(
            "SELECT t.id, t.title, t.due, o.slug, n.slug, a.slug, a.title FROM application_tasks t \
             JOIN joint_applications a ON a.id = t.application_id JOIN organizations o ON o.id = t.organization_id \
             JOIN networks n ON n.id = a.network_id \
             WHERE t.done = 0 AND t.due IS NOT NULL AND t.due >= $1 AND t.due <= $2 ORDER BY t.due, t.id",
        )
        .bind(from.to_owned())
        .bind(to.to_owned())
        .fetch_all(&mut *self.conn().await?)
        .await?;
        rows.iter()
            .map(|r| {
                Ok(DueTask {
                    id: r.try_get(0)?,
                    title: r.try_get(1)?,
                    due: r.try_get(2)?,
                    organization: r.try_get(3)?,
                    network: r.try_get(4)?,
                    application: r.try_get(5)?,
                    application_title: r.try_get(6)?,
                })
            })
            .collect()
    }

    /// Applications still in the making (idea, in preparation) whose call's
    /// deadline lies between `from` and `to` (ISO dates, both included),
    /// with their lead and partners.
    pub async fn due_applications(&self, from: &str, to: &str) -> Result<Vec<DueApplication>> {
        let mut c = self.conn().await?;
        let rows = sqlx::query(
            "SELECT a.id, n.slug, a.slug, a.title, f.title, f.deadline, o.slug FROM joint_applications a \
             JOIN funding_calls f ON f.id = a.call_id JOIN networks n ON n.id = a.network_id \
             JOIN organizations o ON o.id = a.lead_id \
             WHERE a.status IN ('idea', 'preparing') AND f.deadline >= $1 AND f.deadline <= $2 ORDER BY f.deadline, a.id",
        )
        .bind(from.to_owned())
        .bind(to.to_owned())
        .fetch_all(&mut *c)
        .await?;
        let mut out = Vec::with_capacity(rows.len());
        let mut ids = Vec::with_capacity(rows.len());
        for r in &rows {
            ids.push(r.try_get::<i64, _>(0)?);
            out.push(DueApplication {
                network: r.try_get(1)?,
                application: r.try_get(2)?,
                title: r.try_get(3)?,
                call: r.try_get(4)?,
                deadline: r.try_get(5)?,
                organizations: vec![r.try_get(6)?],
            });
        }
        for (id, a) in ids.iter().zip(out.iter_mut()) {
            let partners: Vec<String> = sqlx::query_scalar(
                "SELECT o.slug FROM application_partners p JOIN organizations o ON o.id = p.organization_id \
                 WHERE p.application_id = $1 ORDER BY p.position",
            )
            .bind(*id)
            .fetch_all(&mut *c)
            .await?;
            a.organizations.extend(partners);
        }
        Ok(out)
    }
}

impl Store {
    /// Replaces the kinds `recipient` turned off, in one transaction.
    pub async fn set_reminder_optouts(
        &self,
        recipient: &str,
        kinds: &[&str],
        now: i64,
    ) -> Result<()> {
        let mut tx = self.begin().await?;
        sqlx::query("DELETE FROM reminder_optouts WHERE recipient = $1")
            .bind(recipient.to_owned())
            .execute(tx.conn())
            .await?;
        for k in kinds {
            opt_out(&mut tx, recipient, k, now).await?;
        }
        tx.commit().await?;
        Ok(())
    }

    /// Turns one kind off for `recipient` (a no-op if it is off).
    pub async fn opt_out(&self, recipient: &str, kind: &str, now: i64) -> Result<()> {
        let mut tx = self.begin().await?;
        opt_out(&mut tx, recipient, kind, now).await?;
        tx.commit().await?;
        Ok(())
    }
}

async fn opt_out(tx: &mut crate::Tx, recipient: &str, kind: &str, now: i64) -> Result<()> {
    sqlx::query(
        "INSERT INTO reminder_optouts (recipient, kind, created_at) VALUES ($1, $2, $3) \
         ON CONFLICT (recipient, kind) DO NOTHING",
    )
    .bind(recipient.to_owned())
    .bind(kind.to_owned())
    .bind(now)
    .execute(tx.conn())
    .await?;
    Ok(())
}
