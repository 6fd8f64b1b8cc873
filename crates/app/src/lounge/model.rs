//! What the lounge's use cases take and give: plain data for pages, API
//! and CLI.

use super::*;

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
