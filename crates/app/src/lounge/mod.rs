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
//!
//! The use cases by concern: this file reads an evening and the encounters;
//! `settings.rs` (whether a series is a lounge), `checkins.rs`, `rounds.rs`
//! (drawing, late joiners), `video.rs` (entering a room); `model.rs` holds
//! what they take and give.

mod checkins;
mod draw;
pub mod encounters;
mod model;
mod rounds;
mod settings;
#[cfg(test)]
mod test_support;
mod video;

use std::collections::{BTreeMap, HashMap, HashSet};

use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};
use knotenpunkt_access::Action;
use knotenpunkt_domain::limits::{MAX_LOUNGE_CHECKINS, MAX_LOUNGE_ROUNDS, MAX_NAME};
use knotenpunkt_domain::{FieldError, LoungeSettings, Role, Series, Slug};
use knotenpunkt_matching as matching;
use knotenpunkt_store::{Counters, LoungeCheckin, LoungeEvening, NewRoom, Store};
use serde::{Deserialize, Serialize};

pub use encounters::{CoveragePoint, EncounterOrg, Encounters, Pair};
pub use model::{
    CheckIn, DrawRequest, Drawn, Evening, MyVideo, Participant, RoomEntry, RoomView, RoundView,
};

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

    /// The meeting of `series` (as [`Self::lounge_series`] read it) on
    /// `date` (the date must be one of its meetings): start and whether it
    /// was cancelled.
    async fn meeting(&self, series: &Series, date: NaiveDate) -> Result<(DateTime<Utc>, bool)> {
        let detail = self
            .scope
            .app
            .meetings(self.scope.actor())
            .meeting_of(series.clone(), date)
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
        let (starts_at, cancelled) = self.meeting(&s, date).await?;
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
}
