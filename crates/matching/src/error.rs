//! The error type: which input or constraint is at fault, and why.

/// Why a request cannot be planned (or a plan cannot be scored).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The target room size is below 2.
    #[error("room size must be at least 2, got {room_size}")]
    RoomSizeTooSmall {
        /// The requested room size.
        room_size: usize,
    },
    /// The target room size is above [`crate::MAX_ROOM_SIZE`].
    #[error("room size must be at most {max}, got {room_size}")]
    RoomSizeTooLarge {
        /// The requested room size.
        room_size: usize,
        /// [`crate::MAX_ROOM_SIZE`].
        max: usize,
    },
    /// The request exceeds one of the engine's bounds (see the `MAX_*` constants of the crate),
    /// e.g. `too many participants: 6000 (at most 5000)`. Checked before anything proportional
    /// to the request is allocated.
    #[error("too many {what}: {got} (at most {limit})")]
    TooLarge {
        /// What is counted, e.g. `participants`, `rounds`, `history seats`.
        what: &'static str,
        /// The bound.
        limit: usize,
        /// The count in the request.
        got: usize,
    },
    /// A history round lies further back than [`crate::MAX_HISTORY_DAYS`].
    #[error("history round {round} is {days_ago} days ago (at most {max})")]
    HistoryTooOld {
        /// The round's position in the history (1-based).
        round: usize,
        /// Its days before the planned evening.
        days_ago: u32,
        /// [`crate::MAX_HISTORY_DAYS`].
        max: u32,
    },
    /// Zero rounds were requested.
    #[error("at least one round must be planned")]
    NoRounds,
    /// An id appears twice among the participants (or among participants and absent ones).
    #[error("duplicate participant id {id:?}")]
    DuplicateId {
        /// The duplicated id.
        id: String,
    },
    /// An id that is neither a participant nor absent.
    #[error("unknown id {id:?} in {place}")]
    UnknownId {
        /// The unknown id.
        id: String,
        /// Where it appeared, e.g. `history round 2, room 1` or `apart pair 3`.
        place: String,
    },
    /// Fewer participants than the smallest allowed room.
    #[error("too few participants: {present} present, but the smallest allowed room has {needed}")]
    TooFewParticipants {
        /// Participants present.
        present: usize,
        /// Size of the smallest allowed room.
        needed: usize,
    },
    /// `force_size` is set but the participants cannot be split into rooms of exactly k.
    #[error("{participants} participants cannot be split into rooms of exactly {room_size}")]
    ForcedSizeIndivisible {
        /// Participants present.
        participants: usize,
        /// The forced room size.
        room_size: usize,
    },
    /// Two hard constraints contradict each other.
    #[error("contradictory constraints: {constraint}: {reason}")]
    Contradiction {
        /// The constraint that cannot hold, e.g. `apart pair ("a", "b")`.
        constraint: String,
        /// Why, e.g. `both are in together group 1`.
        reason: String,
    },
    /// A hard constraint could not be met (no arrangement exists or none was found).
    #[error("cannot satisfy {constraint}: {reason}")]
    Infeasible {
        /// The constraint that could not be met.
        constraint: String,
        /// Why.
        reason: String,
    },
    /// [`crate::score`] was given rounds that are not a valid plan for the request.
    #[error("invalid plan: {reason}")]
    InvalidPlan {
        /// What is wrong with it.
        reason: String,
    },
}
