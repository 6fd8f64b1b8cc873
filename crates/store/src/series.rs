//! Meeting series and what belongs to single meetings.
//!
//! Meetings themselves are never stored: they are computed from the rule by
//! the calendar engine. What is stored hangs off a meeting's key, the local
//! date the rule gave it (`on_date`): exceptions, agenda points, minutes,
//! attendance and the feed's change counter.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use chrono::NaiveDate;
use knotenpunkt_domain::{AgendaPoint, ExceptionChange, Series, SeriesException, Slug, Visibility};
use sqlx::{AnyConnection, Row};

use crate::sql::{Arg, Sql, children, parse};
use crate::{Result, Store, StoreError, Tx, cohorts, networks, organizations};

const SERIES_COLUMNS: &str = "SELECT s.id, s.slug, n.slug, s.cooperation_id, s.title, s.description, s.rule, s.start_local, s.duration_minutes, s.time_zone, s.video_url, s.holidays, s.hosting, h.slug, s.rotation_order, s.visibility FROM series s LEFT JOIN networks n ON n.id = s.network_id LEFT JOIN organizations h ON h.id = s.host_id";

/// Which series to list.
#[derive(Debug, Clone, Default)]
pub struct SeriesFilter {
    /// Only series of this network.
    pub network: Option<Slug>,
    /// Only series of this cooperation.
    pub cooperation: Option<i64>,
}

/// How a feed last showed one meeting, so `SEQUENCE` rises only on change.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FeedMark {
    /// Digest of what the feed showed.
    pub fingerprint: u64,
    /// The `SEQUENCE` it was shown with.
    pub sequence: u32,
    /// When it last changed (RFC 3339, UTC).
    pub stamp: String,
}

/// Feed marks written per statement: five parameters each, far below
/// either backend's limit.
const MARKS_PER_STATEMENT: usize = 500;

fn date_text(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

fn parse_date(what: &str, s: &str) -> Result<NaiveDate> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .map_err(|e| StoreError::Corrupt(format!("{what} '{s}': {e}")))
}

/// An agenda point from a row whose columns, from `at` on, are its id,
/// text, raising organisation's slug and visibility.
fn agenda_point_at(r: &sqlx::any::AnyRow, at: usize) -> Result<AgendaPoint> {
    Ok(AgendaPoint {
        id: r.try_get(at)?,
        text: r.try_get(at + 1)?,
        by: r
            .try_get::<Option<String>, _>(at + 2)?
            .map(|s| parse("by", &s))
            .transpose()?,
        visibility: parse("visibility", &r.try_get::<String, _>(at + 3)?)?,
    })
}

fn not_found(slug: &Slug) -> StoreError {
    StoreError::NotFound {
        entity: "series",
        key: slug.to_string(),
    }
}

pub(crate) async fn id_of(c: &mut AnyConnection, slug: &Slug) -> Result<i64> {
    sqlx::query_scalar::<_, i64>("SELECT id FROM series WHERE slug = $1")
        .bind(slug.to_string())
        .fetch_optional(&mut *c)
        .await?
        .ok_or_else(|| not_found(slug))
}

async fn hydrate(c: &mut AnyConnection, rows: Vec<sqlx::any::AnyRow>) -> Result<Vec<Series>> {
    let ids: Vec<i64> = rows
        .iter()
        .map(|r| r.try_get::<i64, _>(0))
        .collect::<Result<_, _>>()?;
    let mut rotation: HashMap<i64, Vec<Slug>> = children(
        c,
        "SELECT r.series_id, o.slug FROM series_rotation r JOIN organizations o ON o.id = r.organization_id WHERE r.series_id IN (",
        ") ORDER BY r.series_id, r.position",
        &ids,
        "rotation",
    )
    .await?;
    let mut cohorts: HashMap<i64, Vec<Slug>> = children(
        c,
        "SELECT sc.series_id, co.slug FROM series_cohorts sc JOIN cohorts co ON co.id = sc.cohort_id WHERE sc.series_id IN (",
        ") ORDER BY sc.series_id, sc.position",
        &ids,
        "cohort",
    )
    .await?;
    let mut template: HashMap<i64, Vec<String>> = HashMap::new();
    for chunk in ids.chunks(crate::sql::CHUNK) {
        let mut q =
            Sql::new("SELECT series_id, text FROM series_agenda_template WHERE series_id IN (");
        q.bind_ids(chunk).push(") ORDER BY series_id, position");
        for r in q.build().fetch_all(&mut *c).await? {
            template
                .entry(r.try_get(0)?)
                .or_default()
                .push(r.try_get(1)?);
        }
    }
    rows.into_iter()
        .map(|r| {
            let id: i64 = r.try_get(0)?;
            let duration: i64 = r.try_get(8)?;
            Ok(Series {
                slug: parse("slug", &r.try_get::<String, _>(1)?)?,
                network: r
                    .try_get::<Option<String>, _>(2)?
                    .map(|s| parse("network", &s))
                    .transpose()?,
                cooperation: r.try_get(3)?,
                title: r.try_get(4)?,
                description: r.try_get(5)?,
                rule: r.try_get(6)?,
                start: r.try_get(7)?,
                duration_minutes: u32::try_from(duration)
                    .map_err(|_| StoreError::Corrupt(format!("duration {duration}")))?,
                time_zone: r.try_get(9)?,
                video_url: r.try_get(10)?,
                holidays: parse("holidays", &r.try_get::<String, _>(11)?)?,
                hosting: parse("hosting", &r.try_get::<String, _>(12)?)?,
                host: r
                    .try_get::<Option<String>, _>(13)?
                    .map(|s| parse("host", &s))
                    .transpose()?,
                rotation_order: parse("rotation_order", &r.try_get::<String, _>(14)?)?,
                rotation: rotation.remove(&id).unwrap_or_default(),
                cohorts: cohorts.remove(&id).unwrap_or_default(),
                agenda_template: template.remove(&id).unwrap_or_default(),
                visibility: parse("visibility", &r.try_get::<String, _>(15)?)?,
            })
        })
        .collect()
}

async fn list(c: &mut AnyConnection, filter: &SeriesFilter) -> Result<Vec<Series>> {
    let mut sql = Sql::new(SERIES_COLUMNS);
    sql.push(" WHERE 1 = 1");
    if let Some(n) = &filter.network {
        sql.push(" AND n.slug = ").bind(Arg::Text(n.to_string()));
    }
    if let Some(k) = filter.cooperation {
        sql.push(" AND s.cooperation_id = ").bind(Arg::Int(k));
    }
    sql.push(" ORDER BY s.slug");
    let rows = sql.build().fetch_all(&mut *c).await?;
    hydrate(c, rows).await
}

/// Row ids of the series' owner and fixed host.
struct Refs {
    network: Option<i64>,
    cooperation: Option<i64>,
    host: Option<i64>,
}

async fn resolve(c: &mut AnyConnection, s: &Series) -> Result<Refs> {
    let network = match &s.network {
        Some(n) => Some(networks::id_of(c, "network", n).await?),
        None => None,
    };
    if let Some(k) = s.cooperation {
        let found: Option<i64> = sqlx::query_scalar("SELECT id FROM cooperations WHERE id = $1")
            .bind(k)
            .fetch_optional(&mut *c)
            .await?;
        if found.is_none() {
            return Err(StoreError::UnknownReference {
                field: "cooperation".into(),
                entity: "cooperation",
                key: k.to_string(),
            });
        }
    }
    let host = match &s.host {
        Some(h) => Some(organizations::id_of(c, "host", h).await?),
        None => None,
    };
    Ok(Refs {
        network,
        cooperation: s.cooperation,
        host,
    })
}

/// Binds `$1`–`$15`, the series' own columns in table order, shared by
/// INSERT and UPDATE so the two cannot drift apart.
fn bind_columns<'q>(
    q: sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments>,
    s: &Series,
    refs: &Refs,
) -> sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments> {
    q.bind(s.slug.to_string())
        .bind(refs.network)
        .bind(refs.cooperation)
        .bind(s.title.clone())
        .bind(s.description.clone())
        .bind(s.rule.clone())
        .bind(s.start.clone())
        .bind(i64::from(s.duration_minutes))
        .bind(s.time_zone.clone())
        .bind(s.video_url.clone())
        .bind(s.holidays.code())
        .bind(s.hosting.code())
        .bind(refs.host)
        .bind(s.rotation_order.code())
        .bind(s.visibility.to_string())
}

/// Updates the row `id` to `s`, child rows included.
async fn write(c: &mut AnyConnection, id: i64, s: &Series) -> Result<()> {
    let refs = resolve(c, s).await?;
    bind_columns(
        sqlx::query(
            "UPDATE series SET slug = $1, network_id = $2, cooperation_id = $3, title = $4, description = $5, rule = $6, start_local = $7, duration_minutes = $8, time_zone = $9, video_url = $10, holidays = $11, hosting = $12, host_id = $13, rotation_order = $14, visibility = $15 WHERE id = $16",
        ),
        s,
        &refs,
    )
    .bind(id)
    .execute(&mut *c)
    .await?;
    write_children(c, id, s).await
}

async fn write_children(c: &mut AnyConnection, id: i64, s: &Series) -> Result<()> {
    for table in [
        "DELETE FROM series_rotation WHERE series_id = $1",
        "DELETE FROM series_cohorts WHERE series_id = $1",
        "DELETE FROM series_agenda_template WHERE series_id = $1",
    ] {
        sqlx::query(table).bind(id).execute(&mut *c).await?;
    }
    for (i, org) in s.rotation.iter().enumerate() {
        let org_id = organizations::id_of(c, &format!("rotation[{i}]"), org).await?;
        sqlx::query(
            "INSERT INTO series_rotation (series_id, position, organization_id) VALUES ($1, $2, $3)",
        )
        .bind(id)
        .bind(i as i64)
        .bind(org_id)
        .execute(&mut *c)
        .await?;
    }
    for (i, cohort) in s.cohorts.iter().enumerate() {
        let field = format!("cohorts[{i}]");
        let network = s.network.as_ref().ok_or_else(|| StoreError::Conflict {
            field: field.clone(),
            message: "only a network's series can be limited to cohorts".into(),
        })?;
        let cohort_id = cohorts::id_of(c, &field, network, cohort).await?;
        sqlx::query(
            "INSERT INTO series_cohorts (series_id, position, cohort_id) VALUES ($1, $2, $3)",
        )
        .bind(id)
        .bind(i as i64)
        .bind(cohort_id)
        .execute(&mut *c)
        .await?;
    }
    for (i, text) in s.agenda_template.iter().enumerate() {
        sqlx::query(
            "INSERT INTO series_agenda_template (series_id, position, text) VALUES ($1, $2, $3)",
        )
        .bind(id)
        .bind(i as i64)
        .bind(text.clone())
        .execute(&mut *c)
        .await?;
    }
    Ok(())
}

async fn insert(c: &mut AnyConnection, s: &Series) -> Result<()> {
    if id_of(c, &s.slug).await.is_ok() {
        return Err(StoreError::Conflict {
            field: "slug".into(),
            message: format!("a series '{}' exists already", s.slug),
        });
    }
    let refs = resolve(c, s).await?;
    let id: i64 = bind_columns(
        sqlx::query(
            "INSERT INTO series (slug, network_id, cooperation_id, title, description, rule, start_local, duration_minutes, time_zone, video_url, holidays, hosting, host_id, rotation_order, visibility) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15) RETURNING id",
        ),
        s,
        &refs,
    )
    .fetch_one(&mut *c)
    .await?
    .try_get(0)?;
    write_children(c, id, s).await
}

/// An exception from the columns of `r` from `at` on: date, kind, moved
/// to, note, host, swap date.
fn exception_at(r: &sqlx::any::AnyRow, at: usize) -> Result<SeriesException> {
    let date = parse_date("exception date", &r.try_get::<String, _>(at)?)?;
    let kind: String = r.try_get(at + 1)?;
    let moved_to: Option<String> = r.try_get(at + 2)?;
    let note: Option<String> = r.try_get(at + 3)?;
    let host: Option<String> = r.try_get(at + 4)?;
    let with: Option<String> = r.try_get(at + 5)?;
    let change = match (kind.as_str(), moved_to, host, with) {
        ("cancel", _, _, _) => ExceptionChange::Cancel { note },
        ("move", Some(to), _, _) => ExceptionChange::Move { to, note },
        ("host", _, Some(h), _) => ExceptionChange::Host {
            organization: parse("host", &h)?,
        },
        ("swap", _, _, Some(w)) => ExceptionChange::Swap {
            with: parse_date("swap date", &w)?,
            series: None,
        },
        (other, ..) => {
            return Err(StoreError::Corrupt(format!(
                "exception of kind '{other}' on {date} lacks its data"
            )));
        }
    };
    Ok(SeriesException { date, change })
}

/// The records of the series `ids`, by id, in one statement per kind of
/// record (ids in chunks).
async fn records_of(c: &mut AnyConnection, ids: &[i64]) -> Result<HashMap<i64, MeetingRecords>> {
    let mut out: HashMap<i64, MeetingRecords> = HashMap::new();
    for chunk in ids.chunks(crate::sql::CHUNK) {
        let mut q = Sql::new(
            "SELECT e.series_id, e.on_date, e.kind, e.moved_to, e.note, o.slug, e.swap_with FROM series_exceptions e LEFT JOIN organizations o ON o.id = e.host_id WHERE e.series_id IN (",
        );
        q.bind_ids(chunk)
            .push(") ORDER BY e.series_id, e.on_date, e.slot");
        for r in q.build().fetch_all(&mut *c).await? {
            out.entry(r.try_get(0)?)
                .or_default()
                .exceptions
                .push(exception_at(&r, 1)?);
        }
        let mut q = Sql::new(
            "SELECT u.series_id, o.slug, u.on_date FROM series_unavailable u JOIN organizations o ON o.id = u.organization_id WHERE u.series_id IN (",
        );
        q.bind_ids(chunk).push(")");
        for r in q.build().fetch_all(&mut *c).await? {
            out.entry(r.try_get(0)?)
                .or_default()
                .unavailable
                .entry(parse("organization", &r.try_get::<String, _>(1)?)?)
                .or_default()
                .insert(parse_date("unavailable date", &r.try_get::<String, _>(2)?)?);
        }
        let mut q = Sql::new(
            "SELECT a.series_id, a.on_date, a.id, a.text, o.slug, a.visibility FROM agenda_points a LEFT JOIN organizations o ON o.id = a.by_id WHERE a.series_id IN (",
        );
        q.bind_ids(chunk)
            .push(") ORDER BY a.series_id, a.on_date, a.id");
        for r in q.build().fetch_all(&mut *c).await? {
            out.entry(r.try_get(0)?)
                .or_default()
                .agenda
                .entry(parse_date("agenda date", &r.try_get::<String, _>(1)?)?)
                .or_default()
                .push(agenda_point_at(&r, 2)?);
        }
        let mut q =
            Sql::new("SELECT series_id, on_date, visibility FROM minutes WHERE series_id IN (");
        q.bind_ids(chunk).push(")");
        for r in q.build().fetch_all(&mut *c).await? {
            out.entry(r.try_get(0)?).or_default().minutes.insert(
                parse_date("minutes date", &r.try_get::<String, _>(1)?)?,
                parse("visibility", &r.try_get::<String, _>(2)?)?,
            );
        }
        let mut q =
            Sql::new("SELECT series_id, on_date, COUNT(*) FROM attendance WHERE series_id IN (");
        q.bind_ids(chunk).push(") GROUP BY series_id, on_date");
        for r in q.build().fetch_all(&mut *c).await? {
            let n: i64 = r.try_get(2)?;
            out.entry(r.try_get(0)?).or_default().attendance.insert(
                parse_date("attendance date", &r.try_get::<String, _>(1)?)?,
                u32::try_from(n).unwrap_or(u32::MAX),
            );
        }
    }
    Ok(out)
}

/// Everything stored about the meetings of one series, loaded at once for
/// calendar pages and feeds.
#[derive(Debug, Clone, Default)]
pub struct MeetingRecords {
    /// Manual changes.
    pub exceptions: Vec<SeriesException>,
    /// Dates each organisation declared it cannot host.
    pub unavailable: BTreeMap<Slug, BTreeSet<NaiveDate>>,
    /// Agenda points raised per meeting.
    pub agenda: BTreeMap<NaiveDate, Vec<AgendaPoint>>,
    /// Meetings that have minutes, and who may read them.
    pub minutes: BTreeMap<NaiveDate, Visibility>,
    /// Number of organisations recorded as present, per meeting.
    pub attendance: BTreeMap<NaiveDate, u32>,
}

impl Store {
    /// Series, filtered.
    pub async fn list_series(&self, filter: &SeriesFilter) -> Result<Vec<Series>> {
        list(&mut *self.conn().await?, filter).await
    }

    /// One series.
    pub async fn get_series(&self, slug: &Slug) -> Result<Series> {
        let mut c = self.conn().await?;
        let mut sql = Sql::new(SERIES_COLUMNS);
        sql.push(" WHERE s.slug = ")
            .bind(Arg::Text(slug.to_string()));
        let rows = sql.build().fetch_all(&mut *c).await?;
        hydrate(&mut c, rows)
            .await?
            .pop()
            .ok_or_else(|| not_found(slug))
    }

    /// All stored records of a series' meetings.
    pub async fn meeting_records(&self, slug: &Slug) -> Result<MeetingRecords> {
        let mut c = self.conn().await?;
        let id = id_of(&mut c, slug).await?;
        Ok(records_of(&mut c, &[id])
            .await?
            .remove(&id)
            .unwrap_or_default())
    }

    /// The stored records of the meetings of every series in `slugs`, by
    /// slug: one statement per kind of record whatever the number of
    /// series, so pages and feeds that show many series cost as much as
    /// one. Slugs without a series are left out.
    pub async fn meeting_records_of(
        &self,
        slugs: &[Slug],
    ) -> Result<HashMap<Slug, MeetingRecords>> {
        if slugs.is_empty() {
            return Ok(HashMap::new());
        }
        let mut c = self.conn().await?;
        let mut ids: HashMap<i64, Slug> = HashMap::new();
        for chunk in slugs.chunks(crate::sql::CHUNK) {
            let mut q = Sql::new("SELECT id, slug FROM series WHERE slug IN (");
            for (i, s) in chunk.iter().enumerate() {
                if i > 0 {
                    q.push(", ");
                }
                q.bind(Arg::Text(s.to_string()));
            }
            q.push(")");
            for r in q.build().fetch_all(&mut *c).await? {
                ids.insert(r.try_get(0)?, parse("slug", &r.try_get::<String, _>(1)?)?);
            }
        }
        let list: Vec<i64> = ids.keys().copied().collect();
        let mut records = records_of(&mut c, &list).await?;
        Ok(ids
            .into_iter()
            .map(|(id, slug)| (slug, records.remove(&id).unwrap_or_default()))
            .collect())
    }

    /// The minutes of one meeting, if written, and who may read them.
    pub async fn minutes(
        &self,
        slug: &Slug,
        date: NaiveDate,
    ) -> Result<Option<(String, Visibility)>> {
        let mut c = self.conn().await?;
        let id = id_of(&mut c, slug).await?;
        sqlx::query("SELECT text, visibility FROM minutes WHERE series_id = $1 AND on_date = $2")
            .bind(id)
            .bind(date_text(date))
            .fetch_optional(&mut *c)
            .await?
            .map(|r| {
                Ok((
                    r.try_get(0)?,
                    parse("visibility", &r.try_get::<String, _>(1)?)?,
                ))
            })
            .transpose()
    }

    /// Every agenda point of every series, with its series and meeting date,
    /// in one statement: what the search index is built from.
    pub async fn all_agenda_points(&self) -> Result<Vec<(Slug, NaiveDate, AgendaPoint)>> {
        let mut c = self.conn().await?;
        let rows = sqlx::query("SELECT s.slug, a.on_date, a.id, a.text, o.slug, a.visibility FROM agenda_points a JOIN series s ON s.id = a.series_id LEFT JOIN organizations o ON o.id = a.by_id ORDER BY a.id")
            .fetch_all(&mut *c)
            .await?;
        rows.iter()
            .map(|r| {
                Ok((
                    parse("series", &r.try_get::<String, _>(0)?)?,
                    parse_date("agenda date", &r.try_get::<String, _>(1)?)?,
                    agenda_point_at(r, 2)?,
                ))
            })
            .collect()
    }

    /// Every meeting's minutes (series, date, text, who may read them), in
    /// one statement: what the search index is built from.
    pub async fn all_minutes(&self) -> Result<Vec<(Slug, NaiveDate, String, Visibility)>> {
        let mut c = self.conn().await?;
        let rows = sqlx::query("SELECT s.slug, m.on_date, m.text, m.visibility FROM minutes m JOIN series s ON s.id = m.series_id ORDER BY s.slug, m.on_date")
            .fetch_all(&mut *c)
            .await?;
        rows.iter()
            .map(|r| {
                Ok((
                    parse("series", &r.try_get::<String, _>(0)?)?,
                    parse_date("minutes date", &r.try_get::<String, _>(1)?)?,
                    r.try_get(2)?,
                    parse("visibility", &r.try_get::<String, _>(3)?)?,
                ))
            })
            .collect()
    }

    /// The organisations recorded as present at one meeting, by slug.
    pub async fn attendance(&self, slug: &Slug, date: NaiveDate) -> Result<Vec<Slug>> {
        let mut c = self.conn().await?;
        let id = id_of(&mut c, slug).await?;
        sqlx::query_scalar::<_, String>("SELECT o.slug FROM attendance a JOIN organizations o ON o.id = a.organization_id WHERE a.series_id = $1 AND a.on_date = $2 ORDER BY o.sort_name, o.slug")
            .bind(id)
            .bind(date_text(date))
            .fetch_all(&mut *c)
            .await?
            .iter()
            .map(|s| parse("organization", s))
            .collect()
    }

    /// How feeds last showed the meetings of every series in `slugs`, by
    /// slug, in one statement (slugs in chunks).
    pub async fn feed_marks_of(
        &self,
        slugs: &[Slug],
    ) -> Result<HashMap<Slug, HashMap<NaiveDate, FeedMark>>> {
        let mut out: HashMap<Slug, HashMap<NaiveDate, FeedMark>> = HashMap::new();
        if slugs.is_empty() {
            return Ok(out);
        }
        let mut c = self.conn().await?;
        for chunk in slugs.chunks(crate::sql::CHUNK) {
            let mut q = Sql::new(
                "SELECT s.slug, f.on_date, f.fingerprint, f.sequence, f.stamp FROM feed_events f JOIN series s ON s.id = f.series_id WHERE s.slug IN (",
            );
            for (i, s) in chunk.iter().enumerate() {
                if i > 0 {
                    q.push(", ");
                }
                q.bind(Arg::Text(s.to_string()));
            }
            q.push(")");
            for r in q.build().fetch_all(&mut *c).await? {
                let fp: String = r.try_get(2)?;
                let seq: i64 = r.try_get(3)?;
                out.entry(parse("series", &r.try_get::<String, _>(0)?)?)
                    .or_default()
                    .insert(
                        parse_date("feed date", &r.try_get::<String, _>(1)?)?,
                        FeedMark {
                            fingerprint: u64::from_str_radix(&fp, 16).map_err(|e| {
                                StoreError::Corrupt(format!("fingerprint '{fp}': {e}"))
                            })?,
                            sequence: u32::try_from(seq).unwrap_or(u32::MAX),
                            stamp: r.try_get(4)?,
                        },
                    );
            }
        }
        Ok(out)
    }
}

impl Tx {
    /// Adds a series.
    pub async fn create_series(&mut self, s: &Series) -> Result<()> {
        insert(self.conn(), s).await
    }

    /// Replaces a series' settings; its exceptions and meeting records stay.
    pub async fn update_series(&mut self, slug: &Slug, s: &Series) -> Result<()> {
        let id = id_of(self.conn(), slug).await?;
        if &s.slug != slug && id_of(self.conn(), &s.slug).await.is_ok() {
            return Err(StoreError::Conflict {
                field: "slug".into(),
                message: format!("a series '{}' exists already", s.slug),
            });
        }
        write(self.conn(), id, s).await?;
        Ok(())
    }

    /// Removes a series with everything stored about its meetings.
    pub async fn delete_series(&mut self, slug: &Slug) -> Result<()> {
        let id = id_of(self.conn(), slug).await?;
        sqlx::query("DELETE FROM series WHERE id = $1")
            .bind(id)
            .execute(self.conn())
            .await?;
        Ok(())
    }

    /// Stores a manual change, replacing an earlier one of the same slot
    /// (time or host) for that meeting.
    pub async fn set_exception(&mut self, slug: &Slug, e: &SeriesException) -> Result<()> {
        let id = id_of(self.conn(), slug).await?;
        let (kind, moved_to, note, host, with) = match &e.change {
            ExceptionChange::Cancel { note } => ("cancel", None, note.clone(), None, None),
            ExceptionChange::Move { to, note } => {
                ("move", Some(to.clone()), note.clone(), None, None)
            }
            ExceptionChange::Host { organization } => (
                "host",
                None,
                None,
                Some(organizations::id_of(self.conn(), "organization", organization).await?),
                None,
            ),
            ExceptionChange::Swap { with, .. } => {
                ("swap", None, None, None, Some(date_text(*with)))
            }
        };
        sqlx::query(
            "DELETE FROM series_exceptions WHERE series_id = $1 AND on_date = $2 AND slot = $3",
        )
        .bind(id)
        .bind(date_text(e.date))
        .bind(e.change.slot())
        .execute(self.conn())
        .await?;
        sqlx::query("INSERT INTO series_exceptions (series_id, on_date, slot, kind, moved_to, note, host_id, swap_with) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)")
            .bind(id)
            .bind(date_text(e.date))
            .bind(e.change.slot())
            .bind(kind)
            .bind(moved_to)
            .bind(note)
            .bind(host)
            .bind(with)
            .execute(self.conn())
            .await?;
        Ok(())
    }

    /// Removes the manual changes of one meeting; returns how many there were.
    pub async fn delete_exceptions(&mut self, slug: &Slug, date: NaiveDate) -> Result<u64> {
        let c = self.conn();
        let id = id_of(&mut *c, slug).await?;
        let done =
            sqlx::query("DELETE FROM series_exceptions WHERE series_id = $1 AND on_date = $2")
                .bind(id)
                .bind(date_text(date))
                .execute(&mut *c)
                .await?;
        Ok(done.rows_affected())
    }

    /// Replaces the dates `organization` declared it cannot host.
    pub async fn set_unavailable(
        &mut self,
        slug: &Slug,
        organization: &Slug,
        dates: &BTreeSet<NaiveDate>,
    ) -> Result<()> {
        let id = id_of(self.conn(), slug).await?;
        let org = organizations::id_of(self.conn(), "organization", organization).await?;
        sqlx::query("DELETE FROM series_unavailable WHERE series_id = $1 AND organization_id = $2")
            .bind(id)
            .bind(org)
            .execute(self.conn())
            .await?;
        for d in dates {
            sqlx::query("INSERT INTO series_unavailable (series_id, organization_id, on_date) VALUES ($1, $2, $3)")
                .bind(id)
                .bind(org)
                .bind(date_text(*d))
                .execute(self.conn())
                .await?;
        }
        Ok(())
    }

    /// Adds a point to one meeting's agenda; returns its id.
    pub async fn add_agenda_point(
        &mut self,
        slug: &Slug,
        date: NaiveDate,
        text: &str,
        by: Option<&Slug>,
        visibility: &Visibility,
    ) -> Result<i64> {
        let id = id_of(self.conn(), slug).await?;
        let by_id = match by {
            Some(b) => Some(organizations::id_of(self.conn(), "by", b).await?),
            None => None,
        };
        let point: i64 = sqlx::query_scalar("INSERT INTO agenda_points (series_id, on_date, text, by_id, visibility) VALUES ($1, $2, $3, $4, $5) RETURNING id")
            .bind(id)
            .bind(date_text(date))
            .bind(text.to_owned())
            .bind(by_id)
            .bind(visibility.to_string())
            .fetch_one(self.conn())
            .await?;
        Ok(point)
    }

    /// Removes an agenda point of one meeting.
    pub async fn delete_agenda_point(
        &mut self,
        slug: &Slug,
        date: NaiveDate,
        point: i64,
    ) -> Result<()> {
        let c = self.conn();
        let id = id_of(&mut *c, slug).await?;
        let done = sqlx::query(
            "DELETE FROM agenda_points WHERE id = $1 AND series_id = $2 AND on_date = $3",
        )
        .bind(point)
        .bind(id)
        .bind(date_text(date))
        .execute(&mut *c)
        .await?;
        if done.rows_affected() == 0 {
            return Err(StoreError::NotFound {
                entity: "agenda point",
                key: point.to_string(),
            });
        }
        Ok(())
    }

    /// Writes (or with `None` removes) the minutes of one meeting.
    pub async fn set_minutes(
        &mut self,
        slug: &Slug,
        date: NaiveDate,
        text: Option<(&str, &Visibility)>,
    ) -> Result<()> {
        let id = id_of(self.conn(), slug).await?;
        sqlx::query("DELETE FROM minutes WHERE series_id = $1 AND on_date = $2")
            .bind(id)
            .bind(date_text(date))
            .execute(self.conn())
            .await?;
        if let Some((text, visibility)) = text {
            sqlx::query(
                "INSERT INTO minutes (series_id, on_date, text, visibility) VALUES ($1, $2, $3, $4)",
            )
                .bind(id)
                .bind(date_text(date))
                .bind(text.to_owned())
                .bind(visibility.to_string())
                .execute(self.conn())
                .await?;
        }
        Ok(())
    }

    /// Replaces the attendance of one meeting; all or nothing.
    pub async fn set_attendance(
        &mut self,
        slug: &Slug,
        date: NaiveDate,
        present: &[Slug],
    ) -> Result<()> {
        let id = id_of(self.conn(), slug).await?;
        sqlx::query("DELETE FROM attendance WHERE series_id = $1 AND on_date = $2")
            .bind(id)
            .bind(date_text(date))
            .execute(self.conn())
            .await?;
        for (i, org) in present.iter().enumerate() {
            let org_id =
                organizations::id_of(self.conn(), &format!("organizations[{i}]"), org).await?;
            sqlx::query(
                "INSERT INTO attendance (series_id, on_date, organization_id) VALUES ($1, $2, $3)",
            )
            .bind(id)
            .bind(date_text(date))
            .bind(org_id)
            .execute(self.conn())
            .await?;
        }
        Ok(())
    }

    /// Records changed feed marks of several series: one statement to
    /// find the series, one per 500 marks to write them.
    pub async fn save_feed_marks(
        &mut self,
        changed: &[(Slug, Vec<(NaiveDate, FeedMark)>)],
    ) -> Result<()> {
        let changed: Vec<&(Slug, Vec<(NaiveDate, FeedMark)>)> =
            changed.iter().filter(|(_, m)| !m.is_empty()).collect();
        if changed.is_empty() {
            return Ok(());
        }
        let mut ids: HashMap<Slug, i64> = HashMap::new();
        for chunk in changed.chunks(crate::sql::CHUNK) {
            let mut q = Sql::new("SELECT slug, id FROM series WHERE slug IN (");
            for (i, (slug, _)) in chunk.iter().enumerate() {
                if i > 0 {
                    q.push(", ");
                }
                q.bind(Arg::Text(slug.to_string()));
            }
            q.push(")");
            for r in q.build().fetch_all(self.conn()).await? {
                ids.insert(parse("series", &r.try_get::<String, _>(0)?)?, r.try_get(1)?);
            }
        }
        let mut rows: Vec<(i64, NaiveDate, &FeedMark)> = Vec::new();
        for (slug, marks) in changed {
            let id = *ids.get(slug).ok_or_else(|| not_found(slug))?;
            rows.extend(marks.iter().map(|(d, m)| (id, *d, m)));
        }
        // An upsert, so two feed requests racing on a new meeting both
        // succeed.
        for chunk in rows.chunks(MARKS_PER_STATEMENT) {
            let mut q = Sql::new(
                "INSERT INTO feed_events (series_id, on_date, fingerprint, sequence, stamp) VALUES ",
            );
            for (i, (id, date, m)) in chunk.iter().enumerate() {
                q.push(if i > 0 { ", (" } else { "(" });
                q.bind(Arg::Int(*id))
                    .push(", ")
                    .bind(Arg::Text(date_text(*date)))
                    .push(", ")
                    .bind(Arg::Text(format!("{:016x}", m.fingerprint)))
                    .push(", ")
                    .bind(Arg::Int(i64::from(m.sequence)))
                    .push(", ")
                    .bind(Arg::Text(m.stamp.clone()))
                    .push(")");
            }
            q.push(" ON CONFLICT (series_id, on_date) DO UPDATE SET fingerprint = excluded.fingerprint, sequence = excluded.sequence, stamp = excluded.stamp");
            q.build().execute(self.conn()).await?;
        }
        Ok(())
    }
}
