//! Events of a network and their registrations (`events`,
//! `event_registrations`).
//!
//! Seats are counted on the event's row. Every registration and every
//! cancellation first writes that row, which serialises them per event on
//! both backends (PostgreSQL locks the row until the transaction ends;
//! SQLite's `BEGIN IMMEDIATE` holds the database's write lock): so of two
//! people taking the last seat at the same moment exactly one gets it, and
//! the waiting list keeps the order in which registrations arrived.

use chrono::{DateTime, FixedOffset};
use knotenpunkt_domain::{Event, RegistrationStatus, Slug, Visibility};
use sqlx::{AnyConnection, Row};

use crate::sql::{Arg, CHUNK, Sql, parse};
use crate::{Result, Store, StoreError, Tx, networks};

/// An event as stored, with its id and its numbers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredEvent {
    /// Its address.
    pub id: i64,
    /// The event.
    pub event: Event,
    /// Seats taken.
    pub seated: u32,
    /// Whether its organisers closed registration.
    pub closed: bool,
    /// How often it was changed: the calendar's `SEQUENCE`.
    pub revision: u32,
    /// When it was last changed (Unix seconds).
    pub updated_at: i64,
}

/// A registration as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredRegistration {
    /// Its address.
    pub id: i64,
    /// The event.
    pub event: i64,
    /// Its place in line among all the event's registrations.
    pub arrival: i64,
    /// The person, when they registered signed in.
    pub person: Option<i64>,
    /// Name as given.
    pub name: String,
    /// E-mail address as given.
    pub email: String,
    /// The organisation's name at registration.
    pub organization: Option<String>,
    /// Where it stands.
    pub status: RegistrationStatus,
    /// The answer to the event's question, until the event has ended.
    pub answer: Option<String>,
    /// When it arrived (Unix seconds).
    pub created_at: i64,
}

/// Who registers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Registrant {
    /// The person, when signed in.
    pub person: Option<i64>,
    /// Name.
    pub name: String,
    /// E-mail address.
    pub email: String,
    /// The organisation's name.
    pub organization: Option<String>,
}

/// What a cancellation did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cancellation {
    /// The status the registration had.
    pub was: RegistrationStatus,
    /// The first on the waiting list, who took the freed seat.
    pub moved_up: Option<StoredRegistration>,
}

const EVENT_COLUMNS: &str = "SELECT e.id, n.slug, e.title, e.kind, e.description, e.starts_at, e.ends_at, e.online, e.address, e.capacity, e.registration_until, e.registration, e.question, e.closed, e.seated, e.revision, e.updated_at, e.cooperation_id FROM events e JOIN networks n ON n.id = e.network_id";

const REGISTRATION_COLUMNS: &str = "SELECT id, event_id, arrival, person_id, name, email, organization, status, answer, created_at FROM event_registrations";

fn time(what: &str, text: &str) -> Result<DateTime<FixedOffset>> {
    DateTime::parse_from_rfc3339(text)
        .map_err(|e| StoreError::Corrupt(format!("{what} '{text}': {e}")))
}

fn count(what: &str, n: i64) -> Result<u32> {
    u32::try_from(n).map_err(|_| StoreError::Corrupt(format!("{what} {n}")))
}

fn event_from_row(r: &sqlx::any::AnyRow) -> Result<StoredEvent> {
    Ok(StoredEvent {
        id: r.try_get(0)?,
        event: Event {
            network: parse("network", &r.try_get::<String, _>(1)?)?,
            title: r.try_get(2)?,
            kind: parse("kind", &r.try_get::<String, _>(3)?)?,
            description: r.try_get(4)?,
            starts_at: time("starts_at", &r.try_get::<String, _>(5)?)?,
            ends_at: time("ends_at", &r.try_get::<String, _>(6)?)?,
            online: r.try_get(7)?,
            address: r.try_get(8)?,
            capacity: count("capacity", r.try_get(9)?)?,
            registration_until: r
                .try_get::<Option<String>, _>(10)?
                .map(|t| time("registration_until", &t))
                .transpose()?,
            registration: parse::<Visibility>("registration", &r.try_get::<String, _>(11)?)?,
            question: r.try_get(12)?,
            cooperation: r.try_get(17)?,
        },
        closed: r.try_get::<i64, _>(13)? != 0,
        seated: count("seated", r.try_get(14)?)?,
        revision: count("revision", r.try_get(15)?)?,
        updated_at: r.try_get(16)?,
    })
}

fn registration_from_row(r: &sqlx::any::AnyRow) -> Result<StoredRegistration> {
    Ok(StoredRegistration {
        id: r.try_get(0)?,
        event: r.try_get(1)?,
        arrival: r.try_get(2)?,
        person: r.try_get(3)?,
        name: r.try_get(4)?,
        email: r.try_get(5)?,
        organization: r.try_get(6)?,
        status: parse("status", &r.try_get::<String, _>(7)?)?,
        answer: r.try_get(8)?,
        created_at: r.try_get(9)?,
    })
}

fn not_found(id: i64) -> StoreError {
    StoreError::NotFound {
        entity: "event",
        key: id.to_string(),
    }
}

/// A cooperation an event names must exist.
async fn cooperation_exists(c: &mut AnyConnection, cooperation: Option<i64>) -> Result<()> {
    let Some(id) = cooperation else {
        return Ok(());
    };
    let found: Option<i64> = sqlx::query_scalar("SELECT id FROM cooperations WHERE id = $1")
        .bind(id)
        .fetch_optional(&mut *c)
        .await?;
    match found {
        Some(_) => Ok(()),
        None => Err(StoreError::UnknownReference {
            field: "cooperation".into(),
            entity: "cooperation",
            key: id.to_string(),
        }),
    }
}

fn rfc3339(t: &DateTime<FixedOffset>) -> String {
    t.to_rfc3339()
}

/// Takes the event's row for this transaction and answers its `arrivals`
/// after raising it by `by` (0: only the lock), its capacity and its seats
/// taken.
async fn take_row(c: &mut AnyConnection, event: i64, by: i64) -> Result<(i64, u32, u32)> {
    let row = sqlx::query(
        "UPDATE events SET arrivals = arrivals + $1 WHERE id = $2 RETURNING arrivals, capacity, seated",
    )
    .bind(by)
    .bind(event)
    .fetch_optional(&mut *c)
    .await?
    .ok_or_else(|| not_found(event))?;
    Ok((
        row.try_get(0)?,
        count("capacity", row.try_get(1)?)?,
        count("seated", row.try_get(2)?)?,
    ))
}

/// Gives the freed seats to the first `n` on the waiting list; answers them.
async fn move_up(c: &mut AnyConnection, event: i64, n: u32) -> Result<Vec<StoredRegistration>> {
    let mut sql = Sql::new(REGISTRATION_COLUMNS);
    sql.push(" WHERE event_id = ")
        .bind(Arg::Int(event))
        .push(" AND status = 'waiting' ORDER BY arrival LIMIT ")
        .bind(Arg::Int(i64::from(n)));
    let rows = sql.build().fetch_all(&mut *c).await?;
    let mut moved = Vec::with_capacity(rows.len());
    for r in &rows {
        let mut reg = registration_from_row(r)?;
        sqlx::query("UPDATE event_registrations SET status = 'seated' WHERE id = $1")
            .bind(reg.id)
            .execute(&mut *c)
            .await?;
        reg.status = RegistrationStatus::Seated;
        moved.push(reg);
    }
    Ok(moved)
}

async fn list(
    c: &mut AnyConnection,
    network: Option<&Slug>,
    ending_after: Option<i64>,
) -> Result<Vec<StoredEvent>> {
    let mut sql = Sql::new(EVENT_COLUMNS);
    sql.push(" WHERE 1 = 1");
    if let Some(n) = network {
        sql.push(" AND n.slug = ").bind(Arg::Text(n.to_string()));
    }
    if let Some(t) = ending_after {
        sql.push(" AND e.ends_utc > ").bind(Arg::Int(t));
    }
    sql.push(" ORDER BY e.starts_utc, e.id");
    sql.build()
        .fetch_all(&mut *c)
        .await?
        .iter()
        .map(event_from_row)
        .collect()
}

impl Store {
    /// Events of a network, or of all, by start; with `ending_after` (Unix
    /// seconds) only those that end later.
    pub async fn list_events(
        &self,
        network: Option<&Slug>,
        ending_after: Option<i64>,
    ) -> Result<Vec<StoredEvent>> {
        list(&mut *self.conn().await?, network, ending_after).await
    }

    /// One event.
    pub async fn get_event(&self, id: i64) -> Result<StoredEvent> {
        let mut sql = Sql::new(EVENT_COLUMNS);
        sql.push(" WHERE e.id = ").bind(Arg::Int(id));
        match sql.build().fetch_optional(&mut *self.conn().await?).await? {
            Some(r) => event_from_row(&r),
            None => Err(not_found(id)),
        }
    }

    /// The events `person` holds a registration for (seated or waiting).
    pub async fn events_of_person(&self, person: i64) -> Result<Vec<i64>> {
        Ok(sqlx::query_scalar(
            "SELECT DISTINCT event_id FROM event_registrations WHERE person_id = $1 AND status <> 'cancelled'",
        )
        .bind(person)
        .fetch_all(&mut *self.conn().await?)
        .await?)
    }

    /// The events that come from the cooperations `ids` and end after
    /// `ending_after`, by start.
    pub async fn cooperation_events(
        &self,
        ids: &[i64],
        ending_after: i64,
    ) -> Result<Vec<StoredEvent>> {
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        let mut sql = Sql::new(EVENT_COLUMNS);
        // A page names a handful of cooperations, far below any backend's
        // parameter limit.
        sql.push(" WHERE e.cooperation_id IN (")
            .bind_ids(&ids[..ids.len().min(CHUNK)])
            .push(") AND e.ends_utc > ")
            .bind(Arg::Int(ending_after))
            .push(" ORDER BY e.starts_utc, e.id");
        sql.build()
            .fetch_all(&mut *self.conn().await?)
            .await?
            .iter()
            .map(event_from_row)
            .collect()
    }

    /// One registration by its id.
    pub async fn registration(&self, id: i64) -> Result<StoredRegistration> {
        let mut sql = Sql::new(REGISTRATION_COLUMNS);
        sql.push(" WHERE id = ").bind(Arg::Int(id));
        match sql.build().fetch_optional(&mut *self.conn().await?).await? {
            Some(r) => registration_from_row(&r),
            None => Err(StoreError::NotFound {
                entity: "registration",
                key: id.to_string(),
            }),
        }
    }

    /// An event's registrations in the order they arrived.
    pub async fn registrations(&self, event: i64) -> Result<Vec<StoredRegistration>> {
        let mut sql = Sql::new(REGISTRATION_COLUMNS);
        sql.push(" WHERE event_id = ")
            .bind(Arg::Int(event))
            .push(" ORDER BY arrival");
        sql.build()
            .fetch_all(&mut *self.conn().await?)
            .await?
            .iter()
            .map(registration_from_row)
            .collect()
    }
}

impl Tx {
    /// Every event, inside this transaction (for an export's consistent
    /// snapshot).
    pub async fn all_events(&mut self) -> Result<Vec<StoredEvent>> {
        list(self.conn(), None, None).await
    }

    /// Records an event; answers its id.
    pub async fn create_event(&mut self, e: &Event, now: i64) -> Result<i64> {
        let network_id = networks::id_of(self.conn(), "network", &e.network).await?;
        cooperation_exists(self.conn(), e.cooperation).await?;
        Ok(sqlx::query_scalar(
            "INSERT INTO events (network_id, title, kind, description, starts_at, ends_at, starts_utc, ends_utc, online, address, capacity, registration_until, registration, question, closed, seated, arrivals, created_at, revision, updated_at, cooperation_id) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, 0, 0, 0, $15, 0, $15, $16) RETURNING id",
        )
        .bind(network_id)
        .bind(e.title.clone())
        .bind(e.kind.code())
        .bind(e.description.clone())
        .bind(rfc3339(&e.starts_at))
        .bind(rfc3339(&e.ends_at))
        .bind(e.starts_at.timestamp())
        .bind(e.ends_at.timestamp())
        .bind(e.online.clone())
        .bind(e.address.clone())
        .bind(i64::from(e.capacity))
        .bind(e.registration_until.as_ref().map(rfc3339))
        .bind(e.registration.to_string())
        .bind(e.question.clone())
        .bind(now)
        .bind(e.cooperation)
        .fetch_one(self.conn())
        .await?)
    }

    /// Replaces event `id`; it stays in its network. More seats go to the
    /// first on the waiting list, who are answered; fewer seats than are
    /// taken is refused.
    pub async fn update_event(
        &mut self,
        id: i64,
        e: &Event,
        now: i64,
    ) -> Result<Vec<StoredRegistration>> {
        let (_, _, seated) = take_row(self.conn(), id, 0).await?;
        cooperation_exists(self.conn(), e.cooperation).await?;
        if e.capacity < seated {
            return Err(StoreError::Conflict {
                field: "capacity".into(),
                message: format!(
                    "{seated} seats are taken; cancel registrations before offering fewer"
                ),
            });
        }
        sqlx::query(
            "UPDATE events SET title = $1, kind = $2, description = $3, starts_at = $4, ends_at = $5, starts_utc = $6, ends_utc = $7, online = $8, address = $9, capacity = $10, registration_until = $11, registration = $12, question = $13, revision = revision + 1, updated_at = $14, cooperation_id = $15 WHERE id = $16",
        )
        .bind(e.title.clone())
        .bind(e.kind.code())
        .bind(e.description.clone())
        .bind(rfc3339(&e.starts_at))
        .bind(rfc3339(&e.ends_at))
        .bind(e.starts_at.timestamp())
        .bind(e.ends_at.timestamp())
        .bind(e.online.clone())
        .bind(e.address.clone())
        .bind(i64::from(e.capacity))
        .bind(e.registration_until.as_ref().map(rfc3339))
        .bind(e.registration.to_string())
        .bind(e.question.clone())
        .bind(now)
        .bind(e.cooperation)
        .bind(id)
        .execute(self.conn())
        .await?;
        let moved = move_up(self.conn(), id, e.capacity - seated).await?;
        sqlx::query("UPDATE events SET seated = seated + $1 WHERE id = $2")
            .bind(i64::try_from(moved.len()).unwrap_or(i64::MAX))
            .bind(id)
            .execute(self.conn())
            .await?;
        Ok(moved)
    }

    /// Removes an event with its registrations.
    pub async fn delete_event(&mut self, id: i64) -> Result<()> {
        let gone = sqlx::query("DELETE FROM events WHERE id = $1")
            .bind(id)
            .execute(self.conn())
            .await?
            .rows_affected();
        if gone == 0 {
            return Err(not_found(id));
        }
        Ok(())
    }

    /// Closes registration, or opens it again.
    pub async fn set_event_closed(&mut self, id: i64, closed: bool) -> Result<()> {
        let changed = sqlx::query("UPDATE events SET closed = $1 WHERE id = $2")
            .bind(i64::from(closed))
            .bind(id)
            .execute(self.conn())
            .await?
            .rows_affected();
        if changed == 0 {
            return Err(not_found(id));
        }
        Ok(())
    }

    /// Registers `who` for event `event`: a seat while there is one, else
    /// the waiting list. Answers the registration's id, status and, while
    /// waiting, its place on the list. The same address twice (not
    /// cancelled) is a conflict on `email`.
    pub async fn register(
        &mut self,
        event: i64,
        who: &Registrant,
        answer: Option<&str>,
        now: i64,
    ) -> Result<(i64, RegistrationStatus, Option<u32>)> {
        // The row first: from here on this transaction has the event to
        // itself.
        let (arrival, capacity, seated) = take_row(self.conn(), event, 1).await?;
        let taken: Option<i64> = sqlx::query_scalar(
            "SELECT id FROM event_registrations WHERE event_id = $1 AND email = $2 AND status <> 'cancelled'",
        )
        .bind(event)
        .bind(who.email.clone())
        .fetch_optional(self.conn())
        .await?;
        if taken.is_some() {
            return Err(StoreError::Conflict {
                field: "email".into(),
                message: format!("{} is registered for this event already", who.email),
            });
        }
        let status = if seated < capacity {
            sqlx::query("UPDATE events SET seated = seated + 1 WHERE id = $1")
                .bind(event)
                .execute(self.conn())
                .await?;
            RegistrationStatus::Seated
        } else {
            RegistrationStatus::Waiting
        };
        let id = sqlx::query_scalar(
            "INSERT INTO event_registrations (event_id, arrival, person_id, name, email, organization, status, answer, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id",
        )
        .bind(event)
        .bind(arrival)
        .bind(who.person)
        .bind(who.name.clone())
        .bind(who.email.clone())
        .bind(who.organization.clone())
        .bind(status.code())
        .bind(answer.map(str::to_owned))
        .bind(now)
        .fetch_one(self.conn())
        .await?;
        let position = if status == RegistrationStatus::Waiting {
            let ahead: i64 = sqlx::query_scalar(
                "SELECT COUNT(*) FROM event_registrations WHERE event_id = $1 AND status = 'waiting' AND arrival <= $2",
            )
            .bind(event)
            .bind(arrival)
            .fetch_one(self.conn())
            .await?;
            Some(count("position", ahead)?)
        } else {
            None
        };
        Ok((id, status, position))
    }

    /// Cancels registration `registration` of event `event`. A freed seat
    /// goes to the first on the waiting list.
    pub async fn cancel_registration(
        &mut self,
        event: i64,
        registration: i64,
    ) -> Result<Cancellation> {
        take_row(self.conn(), event, 0).await?;
        let status: Option<String> = sqlx::query_scalar(
            "SELECT status FROM event_registrations WHERE id = $1 AND event_id = $2",
        )
        .bind(registration)
        .bind(event)
        .fetch_optional(self.conn())
        .await?;
        let was: RegistrationStatus = match status {
            Some(s) => parse("status", &s)?,
            None => {
                return Err(StoreError::NotFound {
                    entity: "registration",
                    key: format!("{event}/{registration}"),
                });
            }
        };
        if was == RegistrationStatus::Cancelled {
            return Ok(Cancellation {
                was,
                moved_up: None,
            });
        }
        sqlx::query(
            "UPDATE event_registrations SET status = 'cancelled', answer = NULL WHERE id = $1",
        )
        .bind(registration)
        .execute(self.conn())
        .await?;
        let mut moved_up = None;
        if was == RegistrationStatus::Seated {
            moved_up = move_up(self.conn(), event, 1).await?.pop();
            if moved_up.is_none() {
                sqlx::query("UPDATE events SET seated = seated - 1 WHERE id = $1")
                    .bind(event)
                    .execute(self.conn())
                    .await?;
            }
        }
        Ok(Cancellation { was, moved_up })
    }

    /// Keeps a registration asked for by name and address until its link
    /// (`digest`, SHA-256 of the secret) is followed.
    pub async fn request_registration(
        &mut self,
        event: i64,
        name: &str,
        email: &str,
        answer: Option<&str>,
        digest: &str,
        now: i64,
    ) -> Result<()> {
        sqlx::query(
            "INSERT INTO event_requests (event_id, name, email, answer, digest, created_at) VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(event)
        .bind(name.to_owned())
        .bind(email.to_owned())
        .bind(answer.map(str::to_owned))
        .bind(digest.to_owned())
        .bind(now)
        .execute(self.conn())
        .await?;
        Ok(())
    }

    /// Takes the request whose link has `digest`, if it was made after
    /// `not_before`: answers its event, name, address and answer. Of two
    /// clicks at once exactly one gets it (one conditional `DELETE`).
    pub async fn take_request(
        &mut self,
        digest: &str,
        not_before: i64,
    ) -> Result<Option<(i64, String, String, Option<String>)>> {
        let row = sqlx::query(
            "DELETE FROM event_requests WHERE digest = $1 AND created_at >= $2 RETURNING event_id, name, email, answer",
        )
        .bind(digest.to_owned())
        .bind(not_before)
        .fetch_optional(self.conn())
        .await?;
        row.map(|r| Ok((r.try_get(0)?, r.try_get(1)?, r.try_get(2)?, r.try_get(3)?)))
            .transpose()
    }
}
