//! The video room of a breakout room: who enters it, how, and the link
//! the reader sees for their own room.

use super::*;

impl Lounge {
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
