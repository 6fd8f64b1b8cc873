use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::Slug;

/// Generates a closed vocabulary: an enum whose wire form is a fixed code,
/// with `FromStr`/`Display` and serde going through the same table, so the
/// API, import files and the database can never disagree on spelling.
///
/// The code is taken as a token tree, not a `literal` fragment: a fragment
/// reaches derive macros wrapped in an invisible group, and utoipa then
/// overlooks the `#[serde(rename)]` and documents the variant's Rust name.
macro_rules! vocabulary {
    (
        $(#[$meta:meta])*
        $name:ident, $what:literal {
            $( $(#[$vmeta:meta])* $variant:ident => $code:tt, $de:literal ),+ $(,)?
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
        pub enum $name {
            $( $(#[$vmeta])* #[serde(rename = $code)] $variant, )+
        }

        impl $name {
            /// Every value, in display order.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The code used in URLs, files, the API and the database.
            pub fn code(self) -> &'static str {
                match self { $($name::$variant => $code),+ }
            }

            /// The German name, for data files and logs; pages take their
            /// wording from the message catalogue instead.
            pub fn name_de(self) -> &'static str {
                match self { $($name::$variant => $de),+ }
            }
        }

        impl FromStr for $name {
            type Err = String;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                match s {
                    $($code => Ok($name::$variant),)+
                    other => Err(format!(
                        concat!("unknown ", $what, " '{}'; expected one of {}"),
                        other,
                        [$($code),+].join(", ")
                    )),
                }
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.code())
            }
        }
    };
}

vocabulary! {
    /// A German federal state (Bundesland), by its ISO 3166-2:DE code.
    State, "state code" {
        /// Baden-Württemberg
        BW => "BW", "Baden-Württemberg",
        /// Bayern
        BY => "BY", "Bayern",
        /// Berlin
        BE => "BE", "Berlin",
        /// Brandenburg
        BB => "BB", "Brandenburg",
        /// Bremen
        HB => "HB", "Bremen",
        /// Hamburg
        HH => "HH", "Hamburg",
        /// Hessen
        HE => "HE", "Hessen",
        /// Mecklenburg-Vorpommern
        MV => "MV", "Mecklenburg-Vorpommern",
        /// Niedersachsen
        NI => "NI", "Niedersachsen",
        /// Nordrhein-Westfalen
        NW => "NW", "Nordrhein-Westfalen",
        /// Rheinland-Pfalz
        RP => "RP", "Rheinland-Pfalz",
        /// Saarland
        SL => "SL", "Saarland",
        /// Sachsen
        SN => "SN", "Sachsen",
        /// Sachsen-Anhalt
        ST => "ST", "Sachsen-Anhalt",
        /// Schleswig-Holstein
        SH => "SH", "Schleswig-Holstein",
        /// Thüringen
        TH => "TH", "Thüringen",
    }
}

impl State {
    /// The two leading digits of every official municipality key (AGS) in
    /// this state, as assigned by the Statistisches Bundesamt.
    pub fn ags_prefix(self) -> &'static str {
        match self {
            State::SH => "01",
            State::HH => "02",
            State::NI => "03",
            State::HB => "04",
            State::NW => "05",
            State::HE => "06",
            State::RP => "07",
            State::BW => "08",
            State::BY => "09",
            State::SL => "10",
            State::BE => "11",
            State::BB => "12",
            State::MV => "13",
            State::SN => "14",
            State::ST => "15",
            State::TH => "16",
        }
    }
}

vocabulary! {
    /// What sort of organisation an entry is; drives grouping and filters.
    OrgKind, "organisation kind" {
        /// Stadt or Gemeinde (also an Amt such as Süderbrarup).
        Municipality => "municipality", "Stadt/Gemeinde",
        /// Landkreis or Kreis.
        County => "county", "Landkreis",
        /// Verbund/Kooperation of several municipalities.
        Cooperation => "cooperation", "Verbund/Kooperation",
        /// Forschungseinrichtung.
        Research => "research", "Forschungseinrichtung",
        /// Unternehmen, including municipal companies.
        Company => "company", "Unternehmen",
        /// Verband or Region.
        Region => "region", "Verband/Region",
    }
}

vocabulary! {
    /// The part an organisation plays in a network.
    Role, "role" {
        /// An ordinary member.
        Member => "member", "Mitglied",
        /// Runs the network.
        Coordinator => "coordinator", "Koordination",
        /// Takes part without being a member (research, region, company).
        Partner => "partner", "Partner",
    }
}

/// Who may see an item: everyone, the people of the item's network, or a
/// named group inside that network. The text form (`public`, `network`,
/// `group:<slug>`) is what the API, files and the database carry; the
/// policy that applies it lives in `knotenpunkt-access`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub enum Visibility {
    /// Everyone, without signing in.
    Public,
    /// Coordinators, members and partners of the owning network.
    Network,
    /// The people named in this group of the owning network, and its coordinators.
    Group(Slug),
}

// On the wire a visibility is one string, so its schema is a string pattern.
#[cfg(feature = "openapi")]
crate::openapi::schema!(
    Visibility,
    crate::openapi::string(
        crate::openapi::VISIBILITY,
        Some(6 + crate::limits::MAX_SLUG_LEN),
        "public, network (the owning network's coordinators, members and partners) or group:<slug>",
        "network",
    )
);

impl Visibility {
    /// The German name, for data files and logs.
    pub fn name_de(&self) -> String {
        match self {
            Visibility::Public => "öffentlich".into(),
            Visibility::Network => "nur Netzwerk".into(),
            Visibility::Group(g) => format!("Gruppe {g}"),
        }
    }
}

impl FromStr for Visibility {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "public" => Ok(Visibility::Public),
            "network" => Ok(Visibility::Network),
            other => match other.strip_prefix("group:") {
                Some(g) => g
                    .parse()
                    .map(Visibility::Group)
                    .map_err(|e| format!("visibility '{other}': group {e}")),
                None => Err(format!(
                    "unknown visibility '{other}'; expected public, network or group:<slug>"
                )),
            },
        }
    }
}

impl TryFrom<String> for Visibility {
    type Error = String;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        s.parse()
    }
}

impl From<Visibility> for String {
    fn from(v: Visibility) -> String {
        v.to_string()
    }
}

impl fmt::Display for Visibility {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Visibility::Public => f.write_str("public"),
            Visibility::Network => f.write_str("network"),
            Visibility::Group(g) => write!(f, "group:{g}"),
        }
    }
}

vocabulary! {
    /// A person's standing in one network, lowest first. `member` and
    /// `partner` follow from the person's organisation's membership;
    /// `guest` and `coordinator` can also be granted to a person directly.
    NetworkRole, "network role" {
        /// Invited into the network, sees what is public and their groups.
        Guest => "guest", "Gast",
        /// Works with the network without being a member.
        Partner => "partner", "Partner",
        /// A person of a member organisation.
        Member => "member", "Mitglied",
        /// Runs the network.
        Coordinator => "coordinator", "Koordination",
    }
}

impl From<Role> for NetworkRole {
    fn from(r: Role) -> NetworkRole {
        match r {
            Role::Member => NetworkRole::Member,
            Role::Coordinator => NetworkRole::Coordinator,
            Role::Partner => NetworkRole::Partner,
        }
    }
}

vocabulary! {
    /// The language a person reads mail and pages in.
    Language, "language" {
        /// Deutsch.
        De => "de", "Deutsch",
        /// English.
        En => "en", "Englisch",
    }
}

// The vocabulary macro derives no Default, so this cannot be derived.
#[allow(clippy::derivable_impls)]
impl Default for Language {
    fn default() -> Self {
        Language::De
    }
}

vocabulary! {
    /// What a personal API token may do.
    TokenScope, "token scope" {
        /// Only read what the person may read.
        Read => "read", "lesen",
        /// Everything the person may do.
        Write => "write", "schreiben",
    }
}

/// The official municipality key (Amtlicher Gemeindeschlüssel): eight digits,
/// the first two naming the state.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Ags(String);

#[cfg(feature = "openapi")]
crate::openapi::schema!(
    Ags,
    crate::openapi::string(
        crate::openapi::AGS,
        None,
        "Amtlicher Gemeindeschlüssel: eight digits, the first two the state's (01–16).",
        "07312000",
    )
);

impl Ags {
    /// The key as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The state whose prefix the key carries.
    pub fn state(&self) -> Option<State> {
        State::ALL
            .iter()
            .copied()
            .find(|s| self.0.starts_with(s.ags_prefix()))
    }
}

impl FromStr for Ags {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        if s.len() != 8 {
            return Err(format!(
                "'{s}' has {} characters; an AGS has exactly 8 digits",
                s.chars().count()
            ));
        }
        if !s.bytes().all(|b| b.is_ascii_digit()) {
            return Err(format!("'{s}' must consist of digits only"));
        }
        let ags = Ags(s.to_owned());
        if ags.state().is_none() {
            return Err(format!(
                "'{s}' starts with '{}', which is no state's prefix (01–16)",
                &s[..2]
            ));
        }
        Ok(ags)
    }
}

impl TryFrom<String> for Ags {
    type Error = String;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        value.parse()
    }
}

impl From<Ags> for String {
    fn from(a: Ags) -> String {
        a.0
    }
}

impl fmt::Display for Ags {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn state_codes_round_trip() {
        for s in State::ALL {
            assert_eq!(s.code().parse::<State>().unwrap(), *s);
        }
        assert_eq!(State::ALL.len(), 16);
        let err = "XX".parse::<State>().unwrap_err();
        assert!(err.contains("'XX'") && err.contains("BW"), "{err}");
    }

    #[test]
    fn ags_prefixes_are_distinct() {
        let mut prefixes: Vec<_> = State::ALL.iter().map(|s| s.ags_prefix()).collect();
        prefixes.sort();
        prefixes.dedup();
        assert_eq!(prefixes.len(), 16);
    }

    #[test]
    fn ags_is_validated() {
        let kl: Ags = "07312000".parse().unwrap();
        assert_eq!(kl.state(), Some(State::RP));
        assert!("0731200".parse::<Ags>().unwrap_err().contains("exactly 8"));
        assert!("0731200x".parse::<Ags>().unwrap_err().contains("digits"));
        assert!("17312000".parse::<Ags>().unwrap_err().contains("prefix"));
    }
}

vocabulary! {
    /// What a meeting series does with a meeting on a public holiday.
    HolidayRule, "holiday policy" {
        /// Meet anyway.
        Keep => "keep", "stattfinden",
        /// Same weekday one week earlier, so "last Thursday" stays in its month.
        EarlierWeek => "earlier-week", "eine Woche früher",
        /// Next working day.
        NextWorkday => "next-workday", "nächster Werktag",
        /// Drop the meeting.
        Skip => "skip", "entfällt",
    }
}

vocabulary! {
    /// Who hosts a series' meetings.
    HostingKind, "hosting" {
        /// Nobody in particular (e.g. the lounge).
        None => "none", "keine Gastgeber",
        /// Always the same organisation, typically the coordinator.
        Fixed => "fixed", "feste Gastgeberin",
        /// The members take turns.
        Rotation => "rotation", "reihum",
    }
}

vocabulary! {
    /// The order of a hosting rotation.
    RotationOrder, "rotation order" {
        /// By joining date: the founding members first.
        JoinOrder => "join-order", "nach Beitritt",
        /// By name.
        Alphabetical => "alphabetical", "alphabetisch",
        /// As listed in `rotation`.
        Explicit => "explicit", "festgelegt",
    }
}

vocabulary! {
    /// What the lounge's rooms should mix.
    LoungeMix, "mix rule" {
        /// People of different cohorts (funding rounds) meet.
        Cohorts => "cohorts", "Staffeln mischen",
        /// People of different federal states meet.
        States => "states", "Bundesländer mischen",
        /// Both: cohorts first, states second.
        CohortsAndStates => "cohorts-and-states", "Staffeln und Bundesländer mischen",
        /// Only avoid repeat encounters.
        Nothing => "nothing", "nicht mischen",
    }
}

vocabulary! {
    /// Where people of one organisation sit in the lounge.
    LoungeSeating, "seating" {
        /// In one room, as one project (the default: the lounge pairs projects).
        Together => "together", "zusammen",
        /// In different rooms, so each meets others.
        Apart => "apart", "getrennt",
    }
}

vocabulary! {
    /// Which video room each breakout room gets.
    LoungeVideo, "video provider" {
        /// The installation's provider (Jitsi Meet or BigBlueButton); without
        /// one, the series' own link.
        Installation => "installation", "Videodienst der Installation",
        /// The series' own video link; `{room}` in it is replaced by the room.
        SeriesLink => "series-link", "Videolink der Reihe",
        /// No video room (the lounge meets in another tool).
        Nothing => "none", "kein Videoraum",
    }
}

vocabulary! {
    /// A field of action (Handlungsfeld) a project or an experience belongs
    /// to. A fixed, translated list, so that a facet means the same in every
    /// network; the pages take their words from the message catalogue.
    FieldOfAction, "field of action" {
        /// Mobilität.
        Mobility => "mobility", "Mobilität",
        /// Energie & Umwelt.
        EnergyEnvironment => "energy-environment", "Energie & Umwelt",
        /// Verwaltung.
        Administration => "administration", "Verwaltung",
        /// Gesellschaft & Beteiligung.
        Society => "society", "Gesellschaft & Beteiligung",
        /// Bildung.
        Education => "education", "Bildung",
        /// Gesundheit.
        Health => "health", "Gesundheit",
        /// Wirtschaft & Handel.
        Economy => "economy", "Wirtschaft & Handel",
        /// Daten & Infrastruktur.
        Data => "data-infrastructure", "Daten & Infrastruktur",
        /// Sicherheit.
        Safety => "safety", "Sicherheit",
    }
}

vocabulary! {
    /// Where a project stands.
    ProjectStatus, "project status" {
        /// Geplant.
        Planned => "planned", "geplant",
        /// Laufend.
        Running => "running", "laufend",
        /// Abgeschlossen.
        Completed => "completed", "abgeschlossen",
        /// Eingestellt: stopped before its end, which is worth telling too.
        Stopped => "stopped", "eingestellt",
    }
}

vocabulary! {
    /// Where a joint application stands. The funder decides `granted` and
    /// `rejected`, so they are final; withdrawing is the applicants' own
    /// decision and can be taken back.
    ApplicationStatus, "application status" {
        /// Idee.
        Idea => "idea", "Idee",
        /// In Vorbereitung.
        Preparing => "preparing", "in Vorbereitung",
        /// Eingereicht.
        Submitted => "submitted", "eingereicht",
        /// Bewilligt.
        Granted => "granted", "bewilligt",
        /// Abgelehnt.
        Rejected => "rejected", "abgelehnt",
        /// Zurückgezogen.
        Withdrawn => "withdrawn", "zurückgezogen",
    }
}

impl ApplicationStatus {
    /// Whether an application standing at `self` may move to `next`.
    /// Work moves forward (an idea may be submitted at once) or back to an
    /// earlier stage of preparation; only a submitted application gets a
    /// decision; a decision is final; a withdrawn one may be taken up again.
    pub fn can_become(self, next: ApplicationStatus) -> bool {
        use ApplicationStatus::*;
        match self {
            Idea => matches!(next, Preparing | Submitted | Withdrawn),
            Preparing => matches!(next, Idea | Submitted | Withdrawn),
            Submitted => matches!(next, Granted | Rejected | Withdrawn),
            Withdrawn => matches!(next, Idea | Preparing),
            Granted | Rejected => false,
        }
    }

    /// Whether the application is still being worked on or awaited.
    pub fn is_active(self) -> bool {
        matches!(
            self,
            ApplicationStatus::Idea | ApplicationStatus::Preparing | ApplicationStatus::Submitted
        )
    }
}

vocabulary! {
    /// What kind of event.
    EventKind, "event kind" {
        /// Workshop.
        Workshop => "workshop", "Workshop",
        /// Fachtagung.
        Conference => "conference", "Fachtagung",
        /// Online-Seminar.
        Webinar => "webinar", "Online-Seminar",
    }
}

vocabulary! {
    /// Where a registration stands.
    RegistrationStatus, "registration status" {
        /// Has a seat.
        Seated => "seated", "angemeldet",
        /// On the waiting list, in the order registrations arrived.
        Waiting => "waiting", "auf der Warteliste",
        /// Cancelled.
        Cancelled => "cancelled", "abgemeldet",
    }
}

vocabulary! {
    /// How something a city tried turned out, in its own judgement.
    Outcome, "outcome" {
        /// Erfolgreich.
        Success => "success", "erfolgreich",
        /// Gemischt.
        Mixed => "mixed", "gemischt",
        /// Gescheitert.
        Failed => "failed", "gescheitert",
        /// Offen: too early to say.
        Open => "open", "offen",
    }
}
