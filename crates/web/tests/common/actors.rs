//! The six callers of the authorisation matrices (API and pages).

/// Who calls.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Who {
    Anonymous,
    /// Invited into the network under test with role guest, no organisation.
    Guest,
    /// A member of another network only.
    Other,
    /// A person of a member organisation of the network.
    Member,
    /// Coordinator of the network.
    Coordinator,
    /// The platform admin.
    Admin,
}

pub const ACTORS: [Who; 6] = [
    Who::Anonymous,
    Who::Guest,
    Who::Other,
    Who::Member,
    Who::Coordinator,
    Who::Admin,
];

impl Who {
    pub fn name(self) -> &'static str {
        match self {
            Who::Anonymous => "anonymous",
            Who::Guest => "guest",
            Who::Other => "other",
            Who::Member => "member",
            Who::Coordinator => "coordinator",
            Who::Admin => "admin",
        }
    }

    pub fn index(self) -> usize {
        ACTORS.iter().position(|a| *a == self).unwrap()
    }
}
