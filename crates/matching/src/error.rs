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
