//! The After Work Lounge as use cases: a series that is a lounge, who
//! checks in to an evening, the rounds drawn into breakout rooms, late
//! joiners, and who has met whom.
//!
//! Members-only: every read asks the policy's `SeeLounge` for the series'
//! network (a visitor is asked to sign in, an outsider gets "not found").
//! Members check themselves in on the day; coordinators check in others,
//! draw and place late joiners on any meeting of the series, to record an
//! evening held in another tool. Each write goes through
//! [`crate::scope::Scope::write`] with its audit entry.
//!
//! Drawing asks the matching engine (`knotenpunkt-matching`, pure) with the
//! network's whole encounter history (`draw.rs`), on a blocking thread
//! with a time limit, then stores the round; the round's number is unique
//! per evening in the database, so a double click or two coordinators at
//! once make exactly one round.

mod draw;
pub mod encounters;
#[cfg(test)]
mod test_support;

use std::collections::{BTreeMap, HashMap, HashSet};

use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};
use knotenpunkt_access::Action;
use knotenpunkt_domain::limits::{MAX_LOUNGE_CHECKINS, MAX_LOUNGE_ROUNDS, MAX_NAME};
use knotenpunkt_domain::{FieldError, LoungeSettings, Role, Series, Slug};
use knotenpunkt_matching as matching;
use knotenpunkt_store::{Counters, LoungeCheckin, LoungeEvening, NewRoom, Store};
use serde::{Deserialize, Serialize};

pub use encounters::{CoveragePoint, EncounterOrg, Encounters, Pair};

use crate::audit::AuditAction;
use crate::scope::{Audit, Scope};
use crate::{App, AppError, Service, views};

type Result<T> = std::result::Result<T, AppError>;

/// The lounge's use cases for one actor. Cheap to clone.
#[derive(Debug, Clone)]
pub struct Lounge {
    scope: Scope,
}

impl Service for Lounge {
    fn for_actor(app: &App, actor: &knotenpunkt_access::Actor, counters: Option<Counters>) -> Self {
        Lounge {
            scope: app.scope(actor, counters),
        }
    }
}

/// Who checks in: nobody named means the person asking, for their own
/// organisation.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct CheckIn {
    /// A person with an account (coordinators only).
    #[serde(default)]
    pub person: Option<i64>,
    /// The organisation of a participant without an account (with `name`;
    /// coordinators only).
    #[serde(default)]
    pub organization: Option<Slug>,
    /// The display name of a participant without an account.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(max_length = 200))]
    pub name: Option<String>,
}

/// What a draw may change for this one round.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct DrawRequest {
    /// The round the caller means to draw. When it exists already (a double
    /// click, a second coordinator), nothing is drawn and the answer is that
    /// round. Without it, the next round is drawn.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(minimum = 1, maximum = 12))]
    pub round: Option<u32>,
    /// Room size for this round instead of the lounge's.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(minimum = 2, maximum = 12))]
    pub room_size: Option<u32>,
    /// Minutes for this round instead of the lounge's.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(minimum = 5, maximum = 240))]
    pub minutes: Option<u32>,
}

/// The outcome of a draw.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Drawn {
    /// The round.
    pub round: u32,
    /// False when the round existed already and nothing was drawn.
    pub created: bool,
}

/// One participant of an evening.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Participant {
    /// The check-in's id.
    pub id: i64,
    /// The name shown.
    pub name: String,
    /// The organisation.
    #[cfg_attr(feature = "openapi", schema(value_type = String))]
    pub organization: Slug,
    /// Its name.
    pub organization_name: String,
    /// Its cohort in the network.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>))]
    pub cohort: Option<Slug>,
    /// Still here.
    pub present: bool,
    /// With an account (not a guest a coordinator checked in).
    pub has_account: bool,
    /// The reader's own check-in.
    pub mine: bool,
}

/// One room of a round.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RoomView {
    /// 1, 2, … within the round.
    pub number: u32,
    /// Who sits in it (check-in ids; see `checkins`).
    pub members: Vec<i64>,
    /// Of them, those placed after the draw.
    pub late: Vec<i64>,
    /// The organisations in it, by name.
    pub organizations: Vec<String>,
    /// The name of its video room (coordinators, and people seated in it).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub video_room: Option<String>,
}

/// One drawn round.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RoundView {
    /// 1, 2, … within the evening.
    pub number: u32,
    /// When it began.
    pub starts_at: DateTime<Utc>,
    /// When it ends.
    pub ends_at: DateTime<Utc>,
    /// Its rooms.
    pub rooms: Vec<RoomView>,
}

/// One lounge evening as its page and the API show it.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Evening {
    /// The series.
    #[cfg_attr(feature = "openapi", schema(value_type = String))]
    pub series: Slug,
    /// Its title.
    pub title: String,
    /// Its network.
    #[cfg_attr(feature = "openapi", schema(value_type = String))]
    pub network: Slug,
    /// The evening.
    pub date: NaiveDate,
    /// When the meeting starts.
    pub starts_at: DateTime<Utc>,
    /// Whether the meeting was cancelled.
    pub cancelled: bool,
    /// The lounge's settings.
    pub settings: LoungeSettings,
    /// Everyone who checked in, in the order they came.
    pub checkins: Vec<Participant>,
    /// Rounds drawn.
    pub rounds: Vec<RoundView>,
    /// Present check-ins not seated in the latest round.
    pub waiting: Vec<i64>,
    /// The reader's check-in.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub my_checkin: Option<i64>,
    /// The reader's room in the latest round they sit in: (round, room).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub my_room: Option<(u32, u32)>,
    /// The reader may check themselves in now.
    pub may_check_in: bool,
    /// The reader runs the lounge (checks others in, draws).
    pub may_run: bool,
    /// The evening is today (Berlin).
    pub today: bool,
    /// The evening is sample data (the demo's invented evenings).
    pub sample: bool,
}

impl Evening {
    /// A participant by check-in id.
    pub fn participant(&self, id: i64) -> Option<&Participant> {
        self.checkins.iter().find(|p| p.id == id)
    }

    /// The next round's number.
    pub fn next_round(&self) -> u32 {
        self.rounds.last().map_or(1, |r| r.number + 1)
    }

    /// Present participants grouped by cohort (name of the cohort, or
    /// `None`), cohorts in the network's order.
    pub fn present_by_cohort(&self) -> Vec<(Option<Slug>, Vec<&Participant>)> {
        let mut groups: Vec<(Option<Slug>, Vec<&Participant>)> = Vec::new();
        for p in self.checkins.iter().filter(|p| p.present) {
            match groups.iter_mut().find(|(c, _)| *c == p.cohort) {
                Some((_, list)) => list.push(p),
                None => groups.push((p.cohort.clone(), vec![p])),
            }
        }
        groups.sort_by(|a, b| a.0.cmp(&b.0));
        groups
    }
}

/// What a participant needs to enter a room's video.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RoomEntry {
    /// The series (for the template link).
    pub series: Series,
    /// The lounge's settings (which provider).
    pub settings: LoungeSettings,
    /// The video room's name.
    pub room_name: String,
    /// Its title, e.g. "After Work Lounge · Runde 1 · Raum 3".
    pub title: String,
    /// Who enters.
    pub guest_id: String,
    /// Their name.
    pub guest_name: String,
    /// Coordinators enter as moderators.
    pub moderator: bool,
    /// The round's end.
    pub ends_at: DateTime<Utc>,
}

/// The reader's way into their room's video (see [`Lounge::my_video`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MyVideo {
    /// The round.
    pub round: u32,
    /// The room in it.
    pub room: u32,
    /// A link that may be shown as it is (Jitsi Meet, a plain link);
    /// `None` where entering goes through [`Lounge::enter`]
    /// (BigBlueButton creates the meeting first).
    pub direct: Option<String>,
}

/// A network member as the lounge needs it.
struct Member {
    name: String,
    cohort: Option<Slug>,
    state: Option<knotenpunkt_domain::State>,
}

/// The video room name of a room: series, date, round, room and its
/// random token (see `knotenpunkt_video::room_name`).
pub fn room_name(series: &Slug, date: NaiveDate, round: u32, room: u32, token: &str) -> String {
    knotenpunkt_video::room_name(series.as_str(), date, round, room, token)
}

/// A random part for video room names (100 bits).
fn new_token() -> Result<String> {
    knotenpunkt_video::try_new_token()
        .map_err(|e| AppError::Unavailable(format!("no random numbers: {e}")))
}

fn invalid(field: &str, message: impl Into<String>) -> AppError {
    AppError::Invalid(vec![FieldError::new(field, message)])
}

fn to_utc(t: i64) -> DateTime<Utc> {
    Utc.timestamp_opt(t, 0).single().unwrap_or_default()
}

impl App {
    /// The After Work Lounge (check-ins, rounds, encounters) for `actor`.
    pub fn lounge(&self, actor: &knotenpunkt_access::Actor) -> Lounge {
        Lounge::for_actor(self, actor, None)
    }
}

impl Lounge {
    fn store(&self) -> &Store {
        self.scope.store()
    }

    /// The series if the reader may see it, with its network (a lounge is a
    /// network's), and the lounge's settings.
    async fn lounge_series(&self, slug: &Slug) -> Result<(Series, Slug, LoungeSettings)> {
        let series = self
            .scope
            .app
            .meetings(self.scope.actor())
            .series(slug)
            .await?;
        let not_a_lounge = || AppError::NotFound {
            entity: "lounge",
            key: slug.to_string(),
        };
        let network = series.network.clone().ok_or_else(not_a_lounge)?;
        self.scope
            .authorize(&Action::SeeLounge(network.as_str()))
            .map_err(|e| match e {
                AppError::Denied(knotenpunkt_access::Denial::Hidden) => not_a_lounge(),
                e => e,
            })?;
        let settings = self
            .store()
            .lounge_settings(slug)
            .await?
            .ok_or_else(not_a_lounge)?;
        Ok((series, network, settings))
    }

    /// The settings of a lounge, members-only like its evenings: a visitor
    /// is asked to sign in, an outsider and a series that is no lounge get
    /// the same "not found".
    pub async fn lounge_settings(&self, series: &Slug) -> Result<LoungeSettings> {
        Ok(self.lounge_series(series).await?.2)
    }

    /// How the reader enters the video of their room in `evening` (the
    /// latest round they sit in): `None` when they sit in no room or the
    /// lounge has no video rooms.
    pub async fn my_video(&self, evening: &Evening) -> Result<Option<MyVideo>> {
        let Some((round, room)) = evening.my_room else {
            return Ok(None);
        };
        // Everything but the series' own link is in the evening already read.
        let missing = || AppError::NotFound {
            entity: "room",
            key: format!("{}/{}/{round}/{room}", evening.series, evening.date),
        };
        let r = evening
            .rounds
            .iter()
            .find(|r| r.number == round)
            .ok_or_else(missing)?;
        let room_name = r
            .rooms
            .iter()
            .find(|m| m.number == room)
            .and_then(|m| m.video_room.clone())
            .ok_or_else(missing)?;
        let me = evening
            .checkins
            .iter()
            .find(|p| p.mine)
            .ok_or_else(missing)?;
        let entry = RoomEntry {
            room_name,
            title: format!("{} · Runde {round} · Raum {room}", evening.title),
            guest_id: self
                .scope
                .actor()
                .person
                .filter(|p| *p > 0)
                .map_or_else(|| "operator".to_owned(), |p| format!("person-{p}")),
            guest_name: me.name.clone(),
            moderator: evening.may_run,
            ends_at: r.ends_at,
            series: self.store().get_series(&evening.series).await?,
            settings: evening.settings.clone(),
        };
        if self.provider_for(&entry)?.is_none() {
            return Ok(None);
        }
        let direct = self.direct_link(&entry)?;
        Ok(Some(MyVideo {
            round,
            room,
            direct,
        }))
    }

    /// The lounge settings of a series the reader may see; `None` when it
    /// is not a lounge.
    pub async fn settings(&self, series: &Slug) -> Result<Option<LoungeSettings>> {
        self.scope
            .app
            .meetings(self.scope.actor())
            .series(series)
            .await?;
        Ok(self.store().lounge_settings(series).await?)
    }

    /// Whether the reader may see `network`'s lounges and the network has
    /// one: the network's page links its coverage then. Asks the policy
    /// first and reads one statement at most.
    pub async fn has_lounge(&self, network: &Slug) -> Result<bool> {
        if self
            .scope
            .authorize(&Action::SeeLounge(network.as_str()))
            .is_err()
        {
            return Ok(false);
        }
        Ok(!self.store().lounges_of(network).await?.is_empty())
    }

    /// Whether `series` of `network`, a series the reader was already
    /// shown, is a lounge the reader may see: a meeting's page links the
    /// evening's lounge then. One statement at most.
    pub async fn is_lounge(&self, series: &Slug, network: &Slug) -> Result<bool> {
        if self
            .scope
            .authorize(&Action::SeeLounge(network.as_str()))
            .is_err()
        {
            return Ok(false);
        }
        Ok(self
            .store()
            .lounges_of(network)
            .await?
            .iter()
            .any(|(s, _)| s == series))
    }

    /// Makes a network's series a lounge, changes its settings, or (with
    /// `None`) makes it an ordinary series again (coordinators, admins).
    pub async fn set_settings(
        &self,
        series: &Slug,
        settings: Option<&LoungeSettings>,
    ) -> Result<()> {
        self.scope
            .may_series(series, crate::SeriesIntent::Manage)
            .await?;
        let s = self.store().get_series(series).await?;
        let Some(network) = s.network else {
            return Err(invalid("series", "only a network's series can be a lounge"));
        };
        if let Some(settings) = settings {
            settings.validate()?;
        }
        let mut w = self.scope.write().await?;
        w.tx().set_lounge_settings(series, settings).await?;
        let detail = match settings {
            Some(s) => format!(
                "{} × {} min, rooms of {}, {}",
                s.rounds, s.round_minutes, s.room_size, s.mix
            ),
            None => "no longer a lounge".to_owned(),
        };
        w.commit(Audit::new(AuditAction::LoungeSettings, Some(&network), series).detail(detail))
            .await
    }

    /// Records that the evening of `series` on `date` is sample data, so
    /// that its page, the coverage page and the organisations' encounters
    /// say so. Only the demo's loader records sample evenings; coordinators
    /// record real ones.
    pub(crate) async fn mark_sample(&self, series: &Slug, date: NaiveDate) -> Result<()> {
        let (_, network, _) = self.lounge_series(series).await?;
        self.scope.authorize(&Action::RunLounge(network.as_str()))?;
        let mut w = self.scope.write().await?;
        w.tx().mark_lounge_sample(series, date).await?;
        w.commit(
            Audit::new(AuditAction::LoungeSample, Some(&network), series).detail(date.to_string()),
        )
        .await
    }

    /// The meeting of `series` on `date` (the date must be one of its
    /// meetings): start and whether it was cancelled.
    async fn meeting(&self, series: &Slug, date: NaiveDate) -> Result<(DateTime<Utc>, bool)> {
        let detail = self
            .scope
            .app
            .meetings(self.scope.actor())
            .meeting(series, date)
            .await?;
        let m = detail.meeting;
        Ok((m.start_utc, m.status == crate::MeetingStatus::Cancelled))
    }

    /// The network's page view, shared with its page (cached per directory
    /// counter): its members with cohorts and states.
    async fn network_view(&self, network: &Slug) -> Result<std::sync::Arc<views::NetworkPage>> {
        let generation = self.scope.counters().await?.directory;
        self.scope
            .app
            .views()
            .network_page(
                network,
                generation,
                views::network_page(self.store(), network),
            )
            .await
    }

    /// The network's current members and partners by slug: name, cohort and
    /// state, from the cached network view.
    async fn members(&self, network: &Slug) -> Result<HashMap<Slug, Member>> {
        let view = self.network_view(network).await?;
        let mut out = HashMap::new();
        for group in &view.groups {
            for m in &group.members {
                out.insert(
                    m.organization.slug.clone(),
                    Member {
                        name: m.organization.name.clone(),
                        cohort: m.membership.cohort.clone(),
                        state: m.organization.states.first().copied(),
                    },
                );
            }
        }
        for m in &view.partners {
            out.entry(m.organization.slug.clone()).or_insert(Member {
                name: m.organization.name.clone(),
                cohort: m.membership.cohort.clone(),
                state: m.organization.states.first().copied(),
            });
        }
        Ok(out)
    }

    /// One evening of a lounge: who is here, the rounds and rooms, and what
    /// the reader may do.
    pub async fn evening(&self, series: &Slug, date: NaiveDate) -> Result<Evening> {
        let (s, network, settings) = self.lounge_series(series).await?;
        let (starts_at, cancelled) = self.meeting(series, date).await?;
        let stored = self.store().lounge_evening(series, date).await?;
        let members = self.members(&network).await?;
        Ok(self.evening_view(
            &s, &network, settings, date, starts_at, cancelled, stored, &members,
        ))
    }

    #[allow(clippy::too_many_arguments)]
    fn evening_view(
        &self,
        s: &Series,
        network: &Slug,
        settings: LoungeSettings,
        date: NaiveDate,
        starts_at: DateTime<Utc>,
        cancelled: bool,
        stored: LoungeEvening,
        members: &HashMap<Slug, Member>,
    ) -> Evening {
        let actor = self.scope.actor();
        let me = actor.person.filter(|p| *p > 0);
        let may_run = self
            .scope
            .authorize(&Action::RunLounge(network.as_str()))
            .is_ok();
        let today = self.scope.app.today() == date;
        let sample = stored.sample;
        let may_check_in = !cancelled
            && (may_run || today)
            && actor.organization.as_deref().is_some_and(|o| {
                self.scope
                    .authorize(&Action::JoinLounge {
                        network: network.as_str(),
                        organization: o,
                    })
                    .is_ok()
            });
        let name_of = |o: &Slug| {
            members
                .get(o)
                .map_or_else(|| o.to_string(), |m| m.name.clone())
        };
        let checkins: Vec<Participant> = stored
            .checkins
            .iter()
            .map(|k| Participant {
                id: k.id,
                name: k.name.clone(),
                organization: k.organization.clone(),
                organization_name: name_of(&k.organization),
                cohort: members.get(&k.organization).and_then(|m| m.cohort.clone()),
                present: k.present(),
                has_account: k.person.is_some(),
                mine: me.is_some() && k.person == me,
            })
            .collect();
        let my_checkin = checkins.iter().find(|p| p.mine).map(|p| p.id);
        let org_of: HashMap<i64, &Slug> = stored
            .checkins
            .iter()
            .map(|k| (k.id, &k.organization))
            .collect();
        let mut my_room = None;
        let rounds: Vec<RoundView> = stored
            .rounds
            .iter()
            .map(|r| RoundView {
                number: r.number,
                starts_at: to_utc(r.starts_at),
                ends_at: to_utc(r.ends_at),
                rooms: r
                    .rooms
                    .iter()
                    .map(|m| {
                        let members: Vec<i64> = m.seats.iter().map(|s| s.checkin).collect();
                        let mine = my_checkin.is_some_and(|k| members.contains(&k));
                        if mine {
                            my_room = Some((r.number, m.number));
                        }
                        let mut organizations: Vec<String> = members
                            .iter()
                            .filter_map(|k| org_of.get(k))
                            .map(|o| name_of(o))
                            .collect();
                        organizations.sort();
                        organizations.dedup();
                        RoomView {
                            number: m.number,
                            late: m
                                .seats
                                .iter()
                                .filter(|s| s.late)
                                .map(|s| s.checkin)
                                .collect(),
                            members,
                            organizations,
                            video_room: (may_run || mine)
                                .then(|| room_name(&s.slug, date, r.number, m.number, &m.token)),
                        }
                    })
                    .collect(),
            })
            .collect();
        let seated: HashSet<i64> = rounds
            .last()
            .map(|r| {
                r.rooms
                    .iter()
                    .flat_map(|m| m.members.iter().copied())
                    .collect()
            })
            .unwrap_or_default();
        let waiting = checkins
            .iter()
            .filter(|p| p.present && !seated.contains(&p.id))
            .map(|p| p.id)
            .collect();
        Evening {
            series: s.slug.clone(),
            title: s.title.clone(),
            network: network.clone(),
            date,
            starts_at,
            cancelled,
            settings,
            checkins,
            rounds,
            waiting,
            my_checkin,
            my_room,
            may_check_in,
            may_run,
            today,
            sample,
        }
    }

    /// Checks someone in (see [`CheckIn`]). Checking in twice changes
    /// nothing. Returns the check-in's id.
    pub async fn check_in(&self, series: &Slug, date: NaiveDate, who: &CheckIn) -> Result<i64> {
        let (_, network, _) = self.lounge_series(series).await?;
        let (_, cancelled) = self.meeting(series, date).await?;
        let actor = self.scope.actor();
        let runs = self
            .scope
            .authorize(&Action::RunLounge(network.as_str()))
            .is_ok();
        let members = self.members(&network).await?;
        let (person, organization, name) = match (who.person, &who.organization, &who.name) {
            (None, org, None) => {
                // Oneself, for one's own organisation.
                let Some(me) = actor.person.filter(|p| *p > 0) else {
                    return Err(AppError::Denied(knotenpunkt_access::Denial::SignIn));
                };
                let Some(own) = actor.organization.as_deref() else {
                    return Err(invalid(
                        "organization",
                        "your account belongs to no organisation; ask a coordinator to check you in",
                    ));
                };
                if let Some(o) = org
                    && o.as_str() != own
                {
                    return Err(invalid(
                        "organization",
                        "you check in for your own organisation; a coordinator checks in others",
                    ));
                }
                self.scope.authorize(&Action::JoinLounge {
                    network: network.as_str(),
                    organization: own,
                })?;
                let own: Slug = own
                    .parse()
                    .map_err(|e: String| invalid("organization", e))?;
                let name = self
                    .store()
                    .person(me)
                    .await
                    .map(|p| p.name)
                    .unwrap_or_else(|_| own.to_string());
                (Some(me), own, name)
            }
            (Some(person), None, None) => {
                self.scope.authorize(&Action::RunLounge(network.as_str()))?;
                let p = self
                    .store()
                    .person(person)
                    .await
                    .map_err(|_| invalid("person", format!("no person with id {person}")))?;
                let Some(org) = p.organization else {
                    return Err(invalid(
                        "person",
                        format!(
                            "{} belongs to no organisation; check them in with organization and name",
                            p.name
                        ),
                    ));
                };
                (Some(person), org, p.name)
            }
            (None, Some(org), Some(name)) => {
                self.scope.authorize(&Action::RunLounge(network.as_str()))?;
                (None, org.clone(), check_display_name(name)?)
            }
            (None, None, Some(_)) => {
                return Err(invalid(
                    "organization",
                    "name the organisation the participant sits for",
                ));
            }
            _ => {
                return Err(invalid(
                    "person",
                    "name either a person, or an organisation and a name, or nobody (yourself)",
                ));
            }
        };
        if !members.contains_key(&organization) {
            return Err(invalid(
                "organization",
                format!("'{organization}' is not a member of network '{network}'"),
            ));
        }
        if cancelled {
            return Err(invalid("date", "this meeting was cancelled"));
        }
        if !runs && self.scope.app.today() != date {
            return Err(invalid(
                "date",
                "members check themselves in on the day of the evening",
            ));
        }
        let now = self.scope.app.unix_now();
        let mut w = self.scope.write().await?;
        let present = w
            .tx()
            .lounge_evening(series, date)
            .await?
            .checkins
            .iter()
            .filter(|k| k.present())
            .count();
        if present >= MAX_LOUNGE_CHECKINS {
            return Err(invalid(
                "person",
                format!("at most {MAX_LOUNGE_CHECKINS} people can be checked in to one evening"),
            ));
        }
        let (id, changed) = w
            .tx()
            .lounge_check_in(series, date, person, &organization, &name, now)
            .await?;
        if !changed {
            return Ok(id);
        }
        w.commit(
            Audit::new(
                AuditAction::LoungeCheckIn,
                Some(&network),
                format!("{series}/{date}"),
            )
            .detail(format!("{name} ({organization})")),
        )
        .await?;
        Ok(id)
    }

    /// Marks a check-in as gone: one's own, or anyone's for a coordinator.
    /// Seats already taken stay as the record.
    pub async fn check_out(&self, series: &Slug, date: NaiveDate, checkin: i64) -> Result<()> {
        let (_, network, _) = self.lounge_series(series).await?;
        let stored = self.store().lounge_evening(series, date).await?;
        let Some(k) = stored.checkins.iter().find(|k| k.id == checkin) else {
            return Err(AppError::NotFound {
                entity: "check-in",
                key: checkin.to_string(),
            });
        };
        let own = k.person.is_some() && k.person == self.scope.actor().person;
        if !own {
            self.scope.authorize(&Action::RunLounge(network.as_str()))?;
        }
        let mut w = self.scope.write().await?;
        if !w
            .tx()
            .lounge_check_out(checkin, self.scope.app.unix_now())
            .await?
        {
            return Ok(());
        }
        w.commit(
            Audit::new(
                AuditAction::LoungeCheckOut,
                Some(&network),
                format!("{series}/{date}"),
            )
            .detail(format!("{} ({})", k.name, k.organization)),
        )
        .await
    }

    /// Draws the next round from who is here (coordinators).
    pub async fn draw(&self, series: &Slug, date: NaiveDate, req: &DrawRequest) -> Result<Drawn> {
        let (_, network, settings) = self.lounge_series(series).await?;
        self.scope.authorize(&Action::RunLounge(network.as_str()))?;
        let mut problems = Vec::new();
        let room_size = req.room_size.unwrap_or(settings.room_size);
        let minutes = req.minutes.unwrap_or(settings.round_minutes);
        let check = LoungeSettings {
            room_size,
            round_minutes: minutes,
            ..settings.clone()
        };
        if let Err(e) = check.validate() {
            problems.extend(e.0);
        }
        if req.round == Some(0) {
            problems.push(FieldError::new("round", "rounds are counted from 1"));
        }
        if !problems.is_empty() {
            return Err(AppError::Invalid(problems));
        }
        let (meeting_start, cancelled) = self.meeting(series, date).await?;
        if cancelled {
            return Err(invalid("date", "this meeting was cancelled"));
        }
        let stored = self.store().lounge_evening(series, date).await?;
        let next = stored.rounds.last().map_or(1, |r| r.number + 1);
        if let Some(asked) = req.round {
            if asked < next {
                return Ok(Drawn {
                    round: asked,
                    created: false,
                });
            }
            if asked > next {
                return Err(invalid(
                    "round",
                    format!("the next round of this evening is {next}, not {asked}"),
                ));
            }
        }
        if next > MAX_LOUNGE_ROUNDS {
            return Err(invalid(
                "round",
                format!("an evening has at most {MAX_LOUNGE_ROUNDS} rounds"),
            ));
        }
        let members = self.members(&network).await?;
        let present = present_of(&stored.checkins, &members);
        let history = self.store().lounge_history(&network).await?;
        let input = draw::DrawInput {
            present: &present,
            history: &history,
            series,
            date,
            round: next,
            room_size,
            mix: settings.mix,
            seating: settings.seating,
            seated: Vec::new(),
            seed: draw::seed(series, date, next),
        };
        let rooms = plan(draw::request(&input)).await?;
        let now = self.scope.app.now();
        let (starts, ends) = round_times(
            now,
            meeting_start,
            date,
            self.scope.app.today(),
            next,
            minutes,
        );
        let mut new_rooms = Vec::with_capacity(rooms.len());
        for (i, checkins) in rooms.into_iter().enumerate() {
            new_rooms.push(NewRoom {
                number: i as u32 + 1,
                token: new_token()?,
                checkins,
            });
        }
        let count = new_rooms.len();
        let mut w = self.scope.write().await?;
        match w
            .tx()
            .insert_lounge_round(series, date, next, starts, ends, &new_rooms)
            .await
        {
            Ok(_) => {}
            Err(knotenpunkt_store::StoreError::Conflict { .. }) => {
                // Another draw of this round committed first: that one stands.
                return Ok(Drawn {
                    round: next,
                    created: false,
                });
            }
            Err(e) => return Err(e.into()),
        }
        w.commit(
            Audit::new(
                AuditAction::LoungeDraw,
                Some(&network),
                format!("{series}/{date}"),
            )
            .detail(format!(
                "round {next}: {} people in {count} rooms",
                present.len()
            )),
        )
        .await?;
        Ok(Drawn {
            round: next,
            created: true,
        })
    }

    /// Places those who checked in after round `round` was drawn into it,
    /// without moving anyone seated; a new room opens when enough arrive.
    /// Returns how many were placed (0: nobody was waiting).
    pub async fn place_late(&self, series: &Slug, date: NaiveDate, round: u32) -> Result<usize> {
        let (_, network, settings) = self.lounge_series(series).await?;
        self.scope.authorize(&Action::RunLounge(network.as_str()))?;
        let stored = self.store().lounge_evening(series, date).await?;
        let Some(r) = stored.rounds.iter().find(|r| r.number == round) else {
            return Err(AppError::NotFound {
                entity: "round",
                key: format!("{series}/{date}/{round}"),
            });
        };
        if stored
            .rounds
            .last()
            .is_some_and(|last| last.number != round)
        {
            return Err(invalid(
                "round",
                "late joiners go into the latest round only",
            ));
        }
        let members = self.members(&network).await?;
        let present = present_of(&stored.checkins, &members);
        let here: HashSet<i64> = present.iter().map(|p| p.checkin).collect();
        let seated_all: HashSet<i64> = r
            .rooms
            .iter()
            .flat_map(|m| m.seats.iter().map(|s| s.checkin))
            .collect();
        let newcomers: Vec<i64> = present
            .iter()
            .map(|p| p.checkin)
            .filter(|k| !seated_all.contains(k))
            .collect();
        if newcomers.is_empty() {
            return Ok(0);
        }
        // Rooms still occupied by someone present, in room order.
        let open: Vec<(u32, Vec<i64>)> = r
            .rooms
            .iter()
            .map(|m| {
                (
                    m.number,
                    m.seats
                        .iter()
                        .map(|s| s.checkin)
                        .filter(|k| here.contains(k))
                        .collect::<Vec<_>>(),
                )
            })
            .filter(|(_, seats)| !seats.is_empty())
            .collect();
        // Only the present who are seated or new take part in the request.
        let people: Vec<draw::Present> = present
            .into_iter()
            .filter(|p| newcomers.contains(&p.checkin) || seated_all.contains(&p.checkin))
            .collect();
        let history = self.store().lounge_history(&network).await?;
        let input = draw::DrawInput {
            present: &people,
            history: &history,
            series,
            date,
            round,
            room_size: settings.room_size,
            mix: settings.mix,
            seating: settings.seating,
            seated: open.iter().map(|(_, s)| s.clone()).collect(),
            seed: draw::seed(series, date, round) ^ newcomers.len() as u64,
        };
        let rooms = plan(draw::request(&input)).await?;
        let mut next_room = r.rooms.iter().map(|m| m.number).max().unwrap_or(0) + 1;
        let newcomer_set: HashSet<i64> = newcomers.iter().copied().collect();
        let mut placements = Vec::new();
        for room in rooms {
            let fresh: Vec<i64> = room
                .iter()
                .copied()
                .filter(|k| newcomer_set.contains(k))
                .collect();
            if fresh.is_empty() {
                continue;
            }
            let existing = open
                .iter()
                .find(|(_, seats)| seats.iter().any(|k| room.contains(k)))
                .map(|(n, _)| *n);
            let (number, token) = match existing {
                Some(n) => (
                    n,
                    r.rooms
                        .iter()
                        .find(|m| m.number == n)
                        .map(|m| m.token.clone())
                        .unwrap_or_default(),
                ),
                None => {
                    let n = next_room;
                    next_room += 1;
                    (n, new_token()?)
                }
            };
            placements.push(NewRoom {
                number,
                token,
                checkins: fresh,
            });
        }
        let placed: usize = placements.iter().map(|p| p.checkins.len()).sum();
        let mut w = self.scope.write().await?;
        w.tx().add_lounge_seats(r.id, &placements, true).await?;
        w.commit(
            Audit::new(
                AuditAction::LoungeLate,
                Some(&network),
                format!("{series}/{date}"),
            )
            .detail(format!("round {round}: {placed} placed")),
        )
        .await?;
        Ok(placed)
    }

    /// Who has met whom in `network`'s lounges (members of it, admins).
    pub async fn encounters(&self, network: &Slug) -> Result<Encounters> {
        self.scope.may_see_network(network).await?;
        self.scope
            .authorize(&Action::SeeLounge(network.as_str()))
            .map_err(|e| match e {
                AppError::Denied(knotenpunkt_access::Denial::Hidden) => AppError::NotFound {
                    entity: "network",
                    key: network.to_string(),
                },
                e => e,
            })?;
        self.encounters_unchecked(network).await
    }

    async fn encounters_unchecked(&self, network: &Slug) -> Result<Encounters> {
        let view = self.network_view(network).await?;
        let mut orgs = Vec::new();
        for group in &view.groups {
            for m in &group.members {
                if m.membership.role == Role::Member || m.membership.role == Role::Coordinator {
                    orgs.push(EncounterOrg {
                        slug: m.organization.slug.clone(),
                        name: m.organization.name.clone(),
                        cohort: m.membership.cohort.clone(),
                    });
                }
            }
        }
        let seats = self.store().lounge_history(network).await?;
        Ok(encounters::compute(network, orgs, &seats))
    }

    /// For each network of `organization` whose lounges the reader may see:
    /// the encounters there (the organisation's page picks its own row).
    pub async fn encounters_of(&self, organization: &Slug) -> Result<Vec<Encounters>> {
        let mut out = Vec::new();
        let mut networks: Vec<Slug> = self
            .store()
            .list_memberships(
                &knotenpunkt_store::MembershipFilter {
                    organization: Some(organization.clone()),
                    ..Default::default()
                },
                knotenpunkt_store::Page::ALL,
            )
            .await?
            .items
            .into_iter()
            .filter(|m| m.value.left_on.is_none())
            .map(|m| m.value.network)
            .collect();
        networks.sort();
        networks.dedup();
        for network in networks {
            if self
                .scope
                .authorize(&Action::SeeLounge(network.as_str()))
                .is_err()
                || self.scope.visible_network(&network).await.is_err()
            {
                continue;
            }
            if self.store().lounges_of(&network).await?.is_empty() {
                continue;
            }
            out.push(self.encounters_unchecked(&network).await?);
        }
        Ok(out)
    }

    /// What `checkin`'s holder (or a coordinator) needs to enter a room's
    /// video: the reader must sit in that room, or run the lounge.
    pub async fn room_entry(
        &self,
        series: &Slug,
        date: NaiveDate,
        round: u32,
        room: u32,
    ) -> Result<RoomEntry> {
        let (s, network, settings) = self.lounge_series(series).await?;
        let stored = self.store().lounge_evening(series, date).await?;
        let missing = || AppError::NotFound {
            entity: "room",
            key: format!("{series}/{date}/{round}/{room}"),
        };
        let r = stored
            .rounds
            .iter()
            .find(|r| r.number == round)
            .ok_or_else(missing)?;
        let m = r
            .rooms
            .iter()
            .find(|m| m.number == room)
            .ok_or_else(missing)?;
        let actor = self.scope.actor();
        let me = actor.person.filter(|p| *p > 0);
        let mine = stored
            .checkins
            .iter()
            .find(|k| me.is_some() && k.person == me)
            .filter(|k| m.seats.iter().any(|s| s.checkin == k.id));
        let runs = self
            .scope
            .authorize(&Action::RunLounge(network.as_str()))
            .is_ok();
        if mine.is_none() && !runs {
            return Err(AppError::Denied(knotenpunkt_access::Denial::Forbidden));
        }
        let guest_name = match (mine, me) {
            (Some(k), _) => k.name.clone(),
            (None, Some(p)) => self
                .store()
                .person(p)
                .await
                .map(|p| p.name)
                .unwrap_or_else(|_| "Koordination".into()),
            (None, None) => "Koordination".into(),
        };
        Ok(RoomEntry {
            room_name: room_name(series, date, round, room, &m.token),
            title: format!("{} · Runde {round} · Raum {room}", s.title),
            guest_id: me.map_or_else(|| "operator".to_owned(), |p| format!("person-{p}")),
            guest_name,
            moderator: runs,
            ends_at: to_utc(r.ends_at),
            series: s,
            settings,
        })
    }

    /// The address that takes the reader into a room's video: the
    /// installation's provider (BigBlueButton creates the meeting first,
    /// idempotently), or the series' own link. Only for people seated in
    /// the room and coordinators.
    pub async fn enter(
        &self,
        series: &Slug,
        date: NaiveDate,
        round: u32,
        room: u32,
    ) -> Result<String> {
        let entry = self.room_entry(series, date, round, room).await?;
        let (rooms, owned);
        match self.provider_for(&entry)? {
            Some(VideoChoice::Installation(r)) => rooms = r,
            Some(VideoChoice::Link(p)) => {
                owned = knotenpunkt_video::Rooms::new(p);
                rooms = &owned;
            }
            None => {
                return Err(invalid(
                    "video",
                    "this lounge has no video rooms; it meets in another tool",
                ));
            }
        }
        let (room, guest, until) = video_parts(&entry);
        rooms
            .enter(&room, &guest, self.scope.app.now(), until)
            .await
            .map_err(|e| AppError::Unavailable(format!("the video service did not answer: {e}")))
    }

    /// A link to a room's video that may be shown on a page as it is (Jitsi
    /// Meet, a plain link); `None` where entering has to go through
    /// [`Lounge::enter`] (BigBlueButton) or there is no video.
    pub fn direct_link(&self, entry: &RoomEntry) -> Result<Option<String>> {
        let (room, guest, until) = video_parts(entry);
        let now = self.scope.app.now();
        let link = match self.provider_for(entry)? {
            Some(VideoChoice::Installation(r)) => r.direct_link(&room, &guest, now, until),
            Some(VideoChoice::Link(p)) => {
                knotenpunkt_video::Rooms::new(p).direct_link(&room, &guest, now, until)
            }
            None => return Ok(None),
        };
        link.map_err(|e| AppError::Unavailable(format!("no video link: {e}")))
    }

    fn provider_for(&self, entry: &RoomEntry) -> Result<Option<VideoChoice<'_>>> {
        let series_link = || {
            entry
                .series
                .video_url
                .clone()
                .map(|url| VideoChoice::Link(knotenpunkt_video::Provider::Template(url)))
        };
        Ok(match entry.settings.video {
            knotenpunkt_domain::LoungeVideo::Installation => match self.scope.app.video() {
                Some(r) => Some(VideoChoice::Installation(r)),
                None => series_link(),
            },
            knotenpunkt_domain::LoungeVideo::SeriesLink => series_link(),
            knotenpunkt_domain::LoungeVideo::Nothing => None,
        })
    }

    /// The stored encounter history of `network` in the request format of
    /// `knotenpunkt lounge plan` (for operators: the command line), so it can
    /// be replayed or analysed. Participants are organisations (the unit
    /// encounters count between); every one that ever sat in a room is
    /// listed as `absent`, and an operator moves tonight's into
    /// `participants`. One history entry per round, oldest first.
    pub async fn history(&self, network: &Slug) -> Result<serde_json::Value> {
        self.scope.may_see_network(network).await?;
        self.scope.authorize(&Action::SeeLounge(network.as_str()))?;
        let seats = self.store().lounge_history(network).await?;
        let room_size = self
            .store()
            .lounges_of(network)
            .await?
            .first()
            .map_or(LoungeSettings::default().room_size, |(_, s)| s.room_size);
        let mut rounds: BTreeMap<(NaiveDate, String, u32), BTreeMap<u32, Vec<String>>> =
            BTreeMap::new();
        for s in &seats {
            let room = rounds
                .entry((s.date, s.series.to_string(), s.round))
                .or_default()
                .entry(s.room)
                .or_default();
            let o = s.organization.to_string();
            if !room.contains(&o) {
                room.push(o);
            }
        }
        let mut known: Vec<String> = seats.iter().map(|s| s.organization.to_string()).collect();
        known.sort();
        known.dedup();
        let history: Vec<serde_json::Value> = rounds
            .into_iter()
            .map(|((date, _, _), rooms)| {
                serde_json::json!({
                    "date": date,
                    "rooms": rooms.into_values().collect::<Vec<_>>(),
                })
            })
            .collect();
        Ok(serde_json::json!({
            "participants": [],
            "room_size": room_size,
            "absent": known,
            "history": history,
        }))
    }
}

/// Where a lounge's video rooms come from.
enum VideoChoice<'a> {
    Installation(&'a knotenpunkt_video::Rooms),
    Link(knotenpunkt_video::Provider),
}

/// How long after its round a room's link stays valid.
const VIDEO_GRACE_MINUTES: i64 = 15;

fn video_parts(
    entry: &RoomEntry,
) -> (
    knotenpunkt_video::Room,
    knotenpunkt_video::Guest,
    DateTime<Utc>,
) {
    (
        knotenpunkt_video::Room {
            name: entry.room_name.clone(),
            title: entry.title.clone(),
        },
        knotenpunkt_video::Guest {
            id: entry.guest_id.clone(),
            name: entry.guest_name.clone(),
            email: None,
            moderator: entry.moderator,
        },
        entry.ends_at + Duration::minutes(VIDEO_GRACE_MINUTES),
    )
}

/// Present check-ins with their organisation's cohort and state.
fn present_of(checkins: &[LoungeCheckin], members: &HashMap<Slug, Member>) -> Vec<draw::Present> {
    checkins
        .iter()
        .filter(|k| k.present())
        .map(|k| {
            let m = members.get(&k.organization);
            draw::Present {
                checkin: k.id,
                organization: k.organization.clone(),
                cohort: m.and_then(|m| m.cohort.clone()),
                state: m.and_then(|m| m.state),
            }
        })
        .collect()
}

/// Runs the engine on a blocking thread (it computes for up to
/// [`draw::DRAW_TIME_LIMIT`]) and returns the first round's rooms.
async fn plan(request: matching::Request) -> Result<Vec<Vec<i64>>> {
    let outcome = tokio::task::spawn_blocking(move || matching::plan(&request))
        .await
        .map_err(|e| AppError::Unavailable(format!("the draw did not finish: {e}")))?;
    match outcome {
        Ok(plan) => Ok(draw::rooms_of(&plan)),
        Err(matching::Error::TooFewParticipants { present, needed }) => Err(invalid(
            "checkins",
            format!("{present} present, but a room needs at least {needed}"),
        )),
        Err(e) => Err(invalid("checkins", e.to_string())),
    }
}

/// When round `number` begins and ends: now, on the evening itself; for an
/// evening recorded on another day, the meeting's start plus the rounds
/// before it.
fn round_times(
    now: DateTime<Utc>,
    meeting_start: DateTime<Utc>,
    date: NaiveDate,
    today: NaiveDate,
    number: u32,
    minutes: u32,
) -> (i64, i64) {
    let start = if date == today {
        now
    } else {
        meeting_start + Duration::minutes(i64::from(minutes) * i64::from(number.saturating_sub(1)))
    };
    let end = start + Duration::minutes(i64::from(minutes));
    (start.timestamp(), end.timestamp())
}

/// A guest's display name: trimmed, not empty, not too long, no control
/// characters.
fn check_display_name(name: &str) -> Result<String> {
    let t = name.trim();
    if t.is_empty() {
        return Err(invalid("name", "must not be empty"));
    }
    if t.chars().count() > MAX_NAME {
        return Err(invalid(
            "name",
            format!("must be at most {MAX_NAME} characters long"),
        ));
    }
    if t.chars().any(char::is_control) {
        return Err(invalid("name", "must not contain control characters"));
    }
    Ok(t.to_owned())
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn room_names_carry_their_parts() {
        let s: Slug = "after-work-lounge".parse().unwrap();
        let d: NaiveDate = "2026-12-09".parse().unwrap();
        let name = room_name(&s, d, 1, 3, "abc");
        assert!(name.contains("after-work-lounge") && name.contains("2026-12-09"));
        assert!(name.ends_with("abc"));
        let (a, b) = (new_token().unwrap(), new_token().unwrap());
        assert_eq!(a.len(), 20);
        assert_ne!(a, b);
    }

    #[test]
    fn names_are_checked() {
        assert_eq!(check_display_name("  Anna ").unwrap(), "Anna");
        assert!(check_display_name(" ").is_err());
        assert!(check_display_name("a\u{7}b").is_err());
        assert!(check_display_name(&"x".repeat(201)).is_err());
    }

    #[test]
    fn rounds_of_a_recorded_evening_follow_the_meeting() {
        let start = Utc.with_ymd_and_hms(2026, 12, 2, 17, 0, 0).unwrap();
        let now = Utc.with_ymd_and_hms(2026, 12, 7, 9, 0, 0).unwrap();
        let d: NaiveDate = "2026-12-02".parse().unwrap();
        let today: NaiveDate = "2026-12-07".parse().unwrap();
        let (s, e) = round_times(now, start, d, today, 2, 20);
        assert_eq!(s, (start + Duration::minutes(20)).timestamp());
        assert_eq!(e - s, 1200);
        let (s, _) = round_times(now, start, today, today, 1, 20);
        assert_eq!(s, now.timestamp());
    }
}
