//! How long the directory's texts may be, and the other bounds on its values.
//!
//! One list for every surface: the entities' `validate` methods check these,
//! and the web forms take their `maxlength`, ranges and messages from them,
//! so a form never refuses what the directory would keep, nor accepts what
//! it would refuse. A bound that is not here is not a rule of the directory.

/// Names and titles: organisations, networks, cohorts, cooperations, series,
/// groups and people.
pub const MAX_NAME: usize = 200;

/// Longer texts: descriptions, sources, mottos, topics and cadences. Long
/// enough for any real description, short enough that a field is no file store.
pub const MAX_TEXT: usize = 20_000;

/// Web addresses, in bytes.
pub const MAX_URL: usize = 500;

/// Slugs; long enough for "landkreis-wunsiedel-im-fichtelgebirge".
pub const MAX_SLUG_LEN: usize = 80;

/// E-mail addresses: the longest path SMTP can carry (RFC 5321).
pub const MAX_EMAIL_LEN: usize = 254;

/// Phone numbers, as people write them.
pub const MAX_PHONE_LEN: usize = 40;

/// The name a person gives one of their API tokens.
pub const MAX_TOKEN_NAME: usize = 100;

/// A recurrence rule's text; real rules are a few dozen characters.
pub const MAX_RULE: usize = 500;

/// The longest meeting a series may have, in minutes: one day.
pub const MAX_DURATION_MINUTES: u32 = 24 * 60;

/// One agenda point.
pub const MAX_AGENDA_TEXT: usize = 500;

/// The items of an agenda template.
pub const MAX_AGENDA_ITEMS: usize = 50;

/// The note on a cancelled or moved meeting.
pub const MAX_NOTE: usize = 500;

/// The earliest year a cohort may have been selected in.
pub const MIN_YEAR: i32 = 1800;

/// The latest year a cohort may have been selected in.
pub const MAX_YEAR: i32 = 2200;

/// Smallest lounge room: two people can talk; one alone cannot.
pub const MIN_LOUNGE_ROOM_SIZE: u32 = 2;

/// Largest lounge room: beyond a dozen a breakout room is a plenary again
/// (and the matching engine refuses it).
pub const MAX_LOUNGE_ROOM_SIZE: u32 = 12;

/// Rounds an evening may have (the engine plans at most 50 at once; an
/// evening has far fewer).
pub const MAX_LOUNGE_ROUNDS: u32 = 12;

/// Shortest round worth a video room.
pub const MIN_LOUNGE_ROUND_MINUTES: u32 = 5;

/// Longest round: four hours.
pub const MAX_LOUNGE_ROUND_MINUTES: u32 = 240;

/// Most people checked in to one lounge evening (the engine's bound).
pub const MAX_LOUNGE_CHECKINS: usize = 5_000;

/// Contact people of one project.
pub const MAX_CONTACTS: usize = 10;

/// Links of one project.
pub const MAX_LINKS: usize = 10;
