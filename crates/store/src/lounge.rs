//! The After Work Lounge: settings of a lounge series, check-ins, and the
//! rounds drawn with their rooms and seats.
//!
//! An evening is read in four statements whatever its size (check-ins,
//! rounds, rooms, seats); a network's whole encounter history in one.

use std::collections::HashMap;

use chrono::NaiveDate;
use knotenpunkt_domain::{LoungeSettings, Slug};
use sqlx::{AnyConnection, Row};

use crate::sql::{Arg, Sql, parse};
use crate::{Result, Store, StoreError, Tx, organizations, series};

/// One person (or named guest of an organisation) at one evening.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoungeCheckin {
    /// The check-in's id, what seats and the API refer to.
    pub id: i64,
    /// The person's account; `None` for a guest a coordinator checked in.
    pub person: Option<i64>,
    /// The organisation the participant sits for: the unit encounters count
    /// between.
    pub organization: Slug,
    /// The name shown in the lounge.
    pub name: String,
    /// When they checked in (Unix seconds).
    pub checked_in_at: i64,
    /// When they left; `None` while they are here.
    pub left_at: Option<i64>,
}

impl LoungeCheckin {
    /// Still here (not checked out).
    pub fn present(&self) -> bool {
        self.left_at.is_none()
    }
}

/// One seat: who sits in a room, and whether they came after the draw.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LoungeSeat {
    /// The check-in seated.
    pub checkin: i64,
    /// Placed after the draw, into the running round.
    pub late: bool,
}

/// One breakout room of a round.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoungeRoom {
    /// 1, 2, … within the round.
    pub number: u32,
    /// The random part of its video room's name.
    pub token: String,
    /// Who sits in it.
    pub seats: Vec<LoungeSeat>,
}

/// One drawn round of an evening.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoungeRound {
    /// Row id.
    pub id: i64,
    /// 1, 2, … within the evening.
    pub number: u32,
    /// When it began (Unix seconds).
    pub starts_at: i64,
    /// When it ends (Unix seconds).
    pub ends_at: i64,
    /// Its rooms, by number.
    pub rooms: Vec<LoungeRoom>,
}

/// Everything stored about one lounge evening.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LoungeEvening {
    /// Check-ins, in the order they came.
    pub checkins: Vec<LoungeCheckin>,
    /// Rounds drawn, by number.
    pub rounds: Vec<LoungeRound>,
    /// The evening is sample data (the demo's invented evenings).
    pub sample: bool,
}

/// One seat of the encounter history: which organisation sat in which room.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoungeSeatRecord {
    /// The lounge series.
    pub series: Slug,
    /// The evening.
    pub date: NaiveDate,
    /// The round of the evening.
    pub round: u32,
    /// The room of the round.
    pub room: u32,
    /// The organisation that sat there.
    pub organization: Slug,
    /// The evening is sample data.
    pub sample: bool,
}

/// A room to store with a new round: number, token and the check-ins in it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewRoom {
    /// 1, 2, … within the round.
    pub number: u32,
    /// The random part of its video room's name.
    pub token: String,
    /// The check-ins seated in it.
    pub checkins: Vec<i64>,
}

fn date_text(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

fn parse_date(s: &str) -> Result<NaiveDate> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .map_err(|e| StoreError::Corrupt(format!("lounge date '{s}': {e}")))
}

fn settings_from_row(r: &sqlx::any::AnyRow, at: usize) -> Result<LoungeSettings> {
    let num = |i: usize| -> Result<u32> {
        let v: i64 = r.try_get(at + i)?;
        u32::try_from(v).map_err(|_| StoreError::Corrupt(format!("lounge setting {v}")))
    };
    Ok(LoungeSettings {
        room_size: num(0)?,
        rounds: num(1)?,
        round_minutes: num(2)?,
        mix: parse("mix", &r.try_get::<String, _>(at + 3)?)?,
        seating: parse("seating", &r.try_get::<String, _>(at + 4)?)?,
        video: parse("video", &r.try_get::<String, _>(at + 5)?)?,
    })
}

/// The folded form of a guest's name: checking in "Anna " and "anna" is one
/// check-in.
fn name_key(name: &str) -> String {
    name.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

async fn evening(c: &mut AnyConnection, series_id: i64, date: NaiveDate) -> Result<LoungeEvening> {
    let day = date_text(date);
    let checkins = sqlx::query(
        "SELECT k.id, k.person_id, o.slug, k.name, k.checked_in_at, k.left_at \
         FROM lounge_checkins k JOIN organizations o ON o.id = k.organization_id \
         WHERE k.series_id = $1 AND k.on_date = $2 ORDER BY k.checked_in_at, k.id",
    )
    .bind(series_id)
    .bind(day.clone())
    .fetch_all(&mut *c)
    .await?
    .into_iter()
    .map(|r| {
        Ok(LoungeCheckin {
            id: r.try_get(0)?,
            person: r.try_get(1)?,
            organization: parse("organization", &r.try_get::<String, _>(2)?)?,
            name: r.try_get(3)?,
            checked_in_at: r.try_get(4)?,
            left_at: r.try_get(5)?,
        })
    })
    .collect::<Result<Vec<_>>>()?;
    let mut rounds = sqlx::query(
        "SELECT id, number, starts_at, ends_at FROM lounge_rounds \
         WHERE series_id = $1 AND on_date = $2 ORDER BY number",
    )
    .bind(series_id)
    .bind(day.clone())
    .fetch_all(&mut *c)
    .await?
    .into_iter()
    .map(|r| {
        Ok(LoungeRound {
            id: r.try_get(0)?,
            number: r.try_get::<i64, _>(1)? as u32,
            starts_at: r.try_get(2)?,
            ends_at: r.try_get(3)?,
            rooms: Vec::new(),
        })
    })
    .collect::<Result<Vec<_>>>()?;
    let sample =
        sqlx::query("SELECT 1 FROM lounge_sample_evenings WHERE series_id = $1 AND on_date = $2")
            .bind(series_id)
            .bind(day.clone())
            .fetch_optional(&mut *c)
            .await?
            .is_some();
    if rounds.is_empty() {
        return Ok(LoungeEvening {
            checkins,
            rounds,
            sample,
        });
    }
    let index: HashMap<i64, usize> = rounds.iter().enumerate().map(|(i, r)| (r.id, i)).collect();
    let rooms = sqlx::query(
        "SELECT m.round_id, m.number, m.token FROM lounge_rooms m \
         JOIN lounge_rounds r ON r.id = m.round_id \
         WHERE r.series_id = $1 AND r.on_date = $2 ORDER BY m.round_id, m.number",
    )
    .bind(series_id)
    .bind(day.clone())
    .fetch_all(&mut *c)
    .await?;
    for r in rooms {
        let round: i64 = r.try_get(0)?;
        if let Some(&i) = index.get(&round) {
            rounds[i].rooms.push(LoungeRoom {
                number: r.try_get::<i64, _>(1)? as u32,
                token: r.try_get(2)?,
                seats: Vec::new(),
            });
        }
    }
    let seats = sqlx::query(
        "SELECT s.round_id, s.room, s.checkin_id, s.late FROM lounge_seats s \
         JOIN lounge_rounds r ON r.id = s.round_id \
         WHERE r.series_id = $1 AND r.on_date = $2 ORDER BY s.round_id, s.room, s.late, s.checkin_id",
    )
    .bind(series_id)
    .bind(day)
    .fetch_all(&mut *c)
    .await?;
    for r in seats {
        let round: i64 = r.try_get(0)?;
        let room = r.try_get::<i64, _>(1)? as u32;
        let seat = LoungeSeat {
            checkin: r.try_get(2)?,
            late: r.try_get::<i64, _>(3)? != 0,
        };
        let Some(&i) = index.get(&round) else {
            continue;
        };
        match rounds[i].rooms.iter_mut().find(|m| m.number == room) {
            Some(m) => m.seats.push(seat),
            None => {
                return Err(StoreError::Corrupt(format!(
                    "lounge seat in room {room} of round {}, which has no such room",
                    rounds[i].number
                )));
            }
        }
    }
    Ok(LoungeEvening {
        checkins,
        rounds,
        sample,
    })
}

impl Store {
    /// The lounge settings of a series; `None` when it is not a lounge.
    pub async fn lounge_settings(&self, series: &Slug) -> Result<Option<LoungeSettings>> {
        let mut c = self.conn().await?;
        let id = series::id_of(&mut c, series).await?;
        let row = sqlx::query(
            "SELECT l.room_size, l.rounds, l.round_minutes, l.mix, l.seating, l.video \
             FROM lounge_settings l WHERE l.series_id = $1",
        )
        .bind(id)
        .fetch_optional(&mut *c)
        .await?;
        row.map(|r| settings_from_row(&r, 0)).transpose()
    }

    /// Every lounge series of a network, with its settings, by slug.
    pub async fn lounges_of(&self, network: &Slug) -> Result<Vec<(Slug, LoungeSettings)>> {
        let rows = sqlx::query(
            "SELECT s.slug, l.room_size, l.rounds, l.round_minutes, l.mix, l.seating, l.video \
             FROM lounge_settings l \
             JOIN series s ON s.id = l.series_id JOIN networks n ON n.id = s.network_id \
             WHERE n.slug = $1 ORDER BY s.slug",
        )
        .bind(network.to_string())
        .fetch_all(&mut *self.conn().await?)
        .await?;
        rows.iter()
            .map(|r| {
                Ok((
                    parse("series", &r.try_get::<String, _>(0)?)?,
                    settings_from_row(r, 1)?,
                ))
            })
            .collect()
    }

    /// One evening of a lounge series: check-ins and rounds.
    pub async fn lounge_evening(&self, series: &Slug, date: NaiveDate) -> Result<LoungeEvening> {
        let mut c = self.conn().await?;
        let id = series::id_of(&mut c, series).await?;
        evening(&mut c, id, date).await
    }

    /// Every seat of every lounge of `network`, oldest first: the encounter
    /// history, in one statement.
    pub async fn lounge_history(&self, network: &Slug) -> Result<Vec<LoungeSeatRecord>> {
        let rows = sqlx::query(
            "SELECT se.slug, r.on_date, r.number, s.room, o.slug, \
             CASE WHEN x.series_id IS NULL THEN 0 ELSE 1 END \
             FROM lounge_seats s \
             JOIN lounge_rounds r ON r.id = s.round_id \
             LEFT JOIN lounge_sample_evenings x \
               ON x.series_id = r.series_id AND x.on_date = r.on_date \
             JOIN series se ON se.id = r.series_id \
             JOIN networks n ON n.id = se.network_id \
             JOIN lounge_checkins k ON k.id = s.checkin_id \
             JOIN organizations o ON o.id = k.organization_id \
             WHERE n.slug = $1 \
             ORDER BY r.on_date, se.slug, r.number, s.room, o.slug",
        )
        .bind(network.to_string())
        .fetch_all(&mut *self.conn().await?)
        .await?;
        rows.into_iter()
            .map(|r| {
                Ok(LoungeSeatRecord {
                    series: parse("series", &r.try_get::<String, _>(0)?)?,
                    date: parse_date(&r.try_get::<String, _>(1)?)?,
                    round: r.try_get::<i64, _>(2)? as u32,
                    room: r.try_get::<i64, _>(3)? as u32,
                    organization: parse("organization", &r.try_get::<String, _>(4)?)?,
                    sample: r.try_get::<i64, _>(5)? != 0,
                })
            })
            .collect()
    }
}

impl Tx {
    /// Records that an evening of a lounge series is sample data (idempotent).
    pub async fn mark_lounge_sample(&mut self, series: &Slug, date: NaiveDate) -> Result<()> {
        let id = series::id_of(self.conn(), series).await?;
        sqlx::query(
            "INSERT INTO lounge_sample_evenings (series_id, on_date) VALUES ($1, $2) \
             ON CONFLICT DO NOTHING",
        )
        .bind(id)
        .bind(date_text(date))
        .execute(&mut *self.conn())
        .await?;
        Ok(())
    }

    /// Makes a series a lounge with these settings, or (`None`) no longer
    /// one; its evenings' records stay.
    pub async fn set_lounge_settings(
        &mut self,
        series: &Slug,
        settings: Option<&LoungeSettings>,
    ) -> Result<()> {
        let id = series::id_of(self.conn(), series).await?;
        sqlx::query("DELETE FROM lounge_settings WHERE series_id = $1")
            .bind(id)
            .execute(&mut *self.conn())
            .await?;
        if let Some(s) = settings {
            sqlx::query(
                "INSERT INTO lounge_settings (series_id, room_size, rounds, round_minutes, mix, seating, video) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7)",
            )
            .bind(id)
            .bind(i64::from(s.room_size))
            .bind(i64::from(s.rounds))
            .bind(i64::from(s.round_minutes))
            .bind(s.mix.code())
            .bind(s.seating.code())
            .bind(s.video.code())
            .execute(&mut *self.conn())
            .await?;
        }
        Ok(())
    }

    /// The evening as this transaction sees it (a write decides on it).
    pub async fn lounge_evening(
        &mut self,
        series: &Slug,
        date: NaiveDate,
    ) -> Result<LoungeEvening> {
        let id = series::id_of(self.conn(), series).await?;
        evening(self.conn(), id, date).await
    }

    /// Checks a person (or, with `person` `None`, a named guest of
    /// `organization`) in. Checking in again changes nothing, except that
    /// someone who had left is back. Returns the check-in's id and whether
    /// anything changed.
    pub async fn lounge_check_in(
        &mut self,
        series: &Slug,
        date: NaiveDate,
        person: Option<i64>,
        organization: &Slug,
        name: &str,
        now: i64,
    ) -> Result<(i64, bool)> {
        let series_id = series::id_of(self.conn(), series).await?;
        let org_id = organizations::id_of(self.conn(), "organization", organization).await?;
        let day = date_text(date);
        let key = name_key(name);
        let existing = match person {
            Some(p) => {
                sqlx::query(
                    "SELECT id, left_at, organization_id FROM lounge_checkins \
                     WHERE series_id = $1 AND on_date = $2 AND person_id = $3",
                )
                .bind(series_id)
                .bind(day.clone())
                .bind(p)
                .fetch_optional(&mut *self.conn())
                .await?
            }
            None => {
                sqlx::query(
                    "SELECT id, left_at, organization_id FROM lounge_checkins \
                     WHERE series_id = $1 AND on_date = $2 AND person_id IS NULL \
                     AND organization_id = $3 AND name_key = $4",
                )
                .bind(series_id)
                .bind(day.clone())
                .bind(org_id)
                .bind(key.clone())
                .fetch_optional(&mut *self.conn())
                .await?
            }
        };
        if let Some(r) = existing {
            let id: i64 = r.try_get(0)?;
            let left: Option<i64> = r.try_get(1)?;
            let org: i64 = r.try_get(2)?;
            if left.is_none() && org == org_id {
                return Ok((id, false));
            }
            sqlx::query(
                "UPDATE lounge_checkins SET left_at = NULL, organization_id = $1 WHERE id = $2",
            )
            .bind(org_id)
            .bind(id)
            .execute(&mut *self.conn())
            .await?;
            return Ok((id, true));
        }
        let id = sqlx::query_scalar::<_, i64>(
            "INSERT INTO lounge_checkins (series_id, on_date, person_id, organization_id, name, name_key, checked_in_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
        )
        .bind(series_id)
        .bind(day)
        .bind(person)
        .bind(org_id)
        .bind(name.trim().to_owned())
        .bind(key)
        .bind(now)
        .fetch_one(&mut *self.conn())
        .await
        .map_err(|e| match StoreError::from(e) {
            StoreError::Conflict { .. } => StoreError::Conflict {
                field: "name".into(),
                message: "checked in a moment ago; reload the lounge".into(),
            },
            other => other,
        })?;
        Ok((id, true))
    }

    /// Marks a check-in as gone. Returns whether it was still here.
    pub async fn lounge_check_out(&mut self, checkin: i64, now: i64) -> Result<bool> {
        let done = sqlx::query(
            "UPDATE lounge_checkins SET left_at = $1 WHERE id = $2 AND left_at IS NULL",
        )
        .bind(now)
        .bind(checkin)
        .execute(&mut *self.conn())
        .await?;
        Ok(done.rows_affected() > 0)
    }

    /// Stores a drawn round with its rooms. A round of this number that
    /// exists already (a double click, two coordinators at once) is a
    /// [`StoreError::Conflict`] on `round`, and nothing is written.
    pub async fn insert_lounge_round(
        &mut self,
        series: &Slug,
        date: NaiveDate,
        number: u32,
        starts_at: i64,
        ends_at: i64,
        rooms: &[NewRoom],
    ) -> Result<i64> {
        let series_id = series::id_of(self.conn(), series).await?;
        let id = sqlx::query_scalar::<_, i64>(
            "INSERT INTO lounge_rounds (series_id, on_date, number, starts_at, ends_at) \
             VALUES ($1, $2, $3, $4, $5) RETURNING id",
        )
        .bind(series_id)
        .bind(date_text(date))
        .bind(i64::from(number))
        .bind(starts_at)
        .bind(ends_at)
        .fetch_one(&mut *self.conn())
        .await
        .map_err(|e| match StoreError::from(e) {
            StoreError::Conflict { .. } => StoreError::Conflict {
                field: "round".into(),
                message: format!("round {number} of this evening has been drawn already"),
            },
            other => other,
        })?;
        self.add_lounge_seats(id, rooms, false).await?;
        Ok(id)
    }

    /// Seats check-ins in a round: into the rooms named (a room not yet in
    /// the round is opened with its token). Someone seated already is a
    /// [`StoreError::Conflict`] on `round`. Two statements for a fresh
    /// round whatever its size (rooms, seats), in chunks well below either
    /// backend's limit of bound values.
    pub async fn add_lounge_seats(
        &mut self,
        round: i64,
        rooms: &[NewRoom],
        late: bool,
    ) -> Result<()> {
        let existing: Vec<i64> =
            sqlx::query_scalar("SELECT number FROM lounge_rooms WHERE round_id = $1")
                .bind(round)
                .fetch_all(&mut *self.conn())
                .await?;
        let fresh: Vec<&NewRoom> = rooms
            .iter()
            .filter(|r| !existing.contains(&i64::from(r.number)))
            .collect();
        for chunk in fresh.chunks(ROWS_PER_STATEMENT) {
            let mut sql = Sql::new("INSERT INTO lounge_rooms (round_id, number, token) VALUES ");
            for (i, room) in chunk.iter().enumerate() {
                if i > 0 {
                    sql.push(", ");
                }
                sql.push("(")
                    .bind(Arg::Int(round))
                    .push(", ")
                    .bind(Arg::Int(i64::from(room.number)))
                    .push(", ")
                    .bind(Arg::Text(room.token.clone()))
                    .push(")");
            }
            sql.build().execute(&mut *self.conn()).await?;
        }
        let seats: Vec<(i64, u32)> = rooms
            .iter()
            .flat_map(|r| r.checkins.iter().map(move |&k| (k, r.number)))
            .collect();
        for chunk in seats.chunks(ROWS_PER_STATEMENT) {
            let mut sql =
                Sql::new("INSERT INTO lounge_seats (round_id, checkin_id, room, late) VALUES ");
            for (i, &(k, room)) in chunk.iter().enumerate() {
                if i > 0 {
                    sql.push(", ");
                }
                sql.push("(")
                    .bind(Arg::Int(round))
                    .push(", ")
                    .bind(Arg::Int(k))
                    .push(", ")
                    .bind(Arg::Int(i64::from(room)))
                    .push(", ")
                    .bind(Arg::Int(i64::from(late)))
                    .push(")");
            }
            sql.build().execute(&mut *self.conn()).await.map_err(|e| {
                match StoreError::from(e) {
                    StoreError::Conflict { .. } => StoreError::Conflict {
                        field: "round".into(),
                        message: "someone was seated in this round a moment ago; reload the lounge"
                            .into(),
                    },
                    other => other,
                }
            })?;
        }
        Ok(())
    }
}

/// Rows per multi-row INSERT: 4 values each, far below SQLite's 32,766 and
/// PostgreSQL's 65,535 bound values.
const ROWS_PER_STATEMENT: usize = 1_000;

#[cfg(test)]
mod tests {
    use super::name_key;

    #[test]
    fn guest_names_fold() {
        assert_eq!(name_key("  Anna   Muster "), "anna muster");
        assert_eq!(name_key("ÄRGER"), "ärger");
    }
}
