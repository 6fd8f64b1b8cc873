//! What is being asked for, and how a refusal is worded.

use crate::vocab::{NetworkRole, Visibility};

/// An item's place: which network owns it and who may see it.
///
/// This is all the policy needs to know about any readable thing (a
/// meeting, a minute, a lesson learned, a series), which keeps the policy
/// independent of the item types themselves.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Item<'a> {
    /// Slug of the owning network; `None` for things that belong to no
    /// network, such as an organisation's profile or a cooperation.
    pub network: Option<&'a str>,
    /// Who may see it.
    pub visibility: &'a Visibility,
}

/// Something an actor wants to do.
///
/// Each variant names a family of operations that share one rule, so that a
/// handler picks the variant that matches its operation instead of writing
/// its own check.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action<'a> {
    /// Read an item.
    See(Item<'a>),
    /// See a network itself (its page, its name in lists). A network that
    /// is not public is invisible to outsiders, just like an item.
    SeeNetwork {
        /// The network's slug.
        network: &'a str,
        /// The network's own visibility.
        visibility: &'a Visibility,
    },
    /// Create organisations, networks and cooperations, invite
    /// administrators, import data, read the whole audit log.
    ManagePlatform,
    /// Manage a network: members, cohorts, series, exceptions, invitations
    /// and roles.
    ManageNetwork(&'a str),
    /// Read a network's audit log.
    ViewAudit(&'a str),
    /// Take part in a network: add an agenda point, follow a series.
    Contribute {
        /// The network's slug.
        network: &'a str,
    },
    /// Keep a network's record: minutes and attendance.
    Record {
        /// The network's slug.
        network: &'a str,
    },
    /// Say that an organisation cannot host a meeting of the network on a
    /// date.
    DeclareUnavailable {
        /// The network's slug.
        network: &'a str,
        /// The organisation that cannot host.
        organization: &'a str,
    },
    /// Edit an organisation's profile.
    EditOrganization(&'a str),
    /// Invite a person into a network with a role. The role is carried so
    /// the decision is made with the full request in view, although today
    /// coordinators may grant every role, coordinator included (networks
    /// often have two coordinators).
    Invite {
        /// The network's slug.
        network: &'a str,
        /// The role the invited person will have.
        role: NetworkRole,
    },
    /// Manage one's own account: profile, password, tokens, follows, GDPR
    /// export and deletion.
    ManageOwnAccount,
    /// See a network's lounge evenings (who checked in, the rooms) and who
    /// has met whom. Members-only: these are the network's own people, so
    /// partners and guests do not see them, and outsiders learn nothing.
    SeeLounge(&'a str),
    /// Check oneself in to (or out of) a lounge evening of the network, for
    /// one's own organisation.
    JoinLounge {
        /// The network's slug.
        network: &'a str,
        /// The organisation the person checks in for.
        organization: &'a str,
    },
    /// Run a network's lounge: check others in and out, draw the rooms, on
    /// any date.
    RunLounge(&'a str),
    /// Share a project or an experience for an organisation: its own people
    /// and its profile editors may. One shared with a network (`network` or
    /// group visibility) also needs a standing in that network that sees
    /// such items, so nobody writes what they could not read.
    Share {
        /// The organisation it is written for.
        organization: &'a str,
        /// The network its visibility refers to, if it is not public.
        network: Option<&'a str>,
    },
    /// Change or remove a shared project or experience: the people who may
    /// share for its organisation, and the coordinators of the network it
    /// is shared with (moderation).
    Moderate {
        /// The organisation it belongs to.
        organization: &'a str,
        /// The network it is shared with or placed in, if any.
        network: Option<&'a str>,
    },
    /// Comment on an item or ask its authors a question: whoever may read
    /// it, signed in.
    Comment(Item<'a>),
    /// Register oneself for an event whose registration is open to `item`'s
    /// audience (public, the network, a group): whoever may see it, signed
    /// in. Registering someone else is managing the network.
    Register(Item<'a>),
    /// Ask to register by name and e-mail address, confirmed through a
    /// link: anyone, signed in or not, for an event open to the public.
    RegisterByMail(Item<'a>),
}

impl Action<'_> {
    /// Whether the action only reads, i.e. a read-scoped credential may
    /// perform it.
    pub fn is_read(&self) -> bool {
        matches!(
            self,
            Action::See(_)
                | Action::SeeNetwork { .. }
                | Action::ViewAudit(_)
                | Action::SeeLounge(_)
        )
    }
}

/// Why an action was refused. Each variant maps to one HTTP answer, which
/// is why there are exactly these four.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, thiserror::Error)]
pub enum Denial {
    /// Nobody is signed in and the action needs a person (401, or a
    /// redirect to the login page).
    #[error("sign in first")]
    SignIn,
    /// The person is known but lacks the right (403).
    #[error("not allowed")]
    Forbidden,
    /// The item or network is not visible to the actor. Answer as if it did
    /// not exist (404), for anonymous visitors too, so nobody can probe for
    /// hidden things.
    #[error("not found")]
    Hidden,
    /// The person may do this, but not with a read-only credential (403
    /// naming the token's scope).
    #[error("this credential may only read")]
    ReadOnly,
}
