//! What the reader may do, as answers a page turns into links and buttons
//! ("manage this network", "edit this profile", the header's link to the
//! platform's administration), and the gate of page groups that belong to
//! one permission. The policy is asked here, so surfaces never ask it.

use knotenpunkt_access::Action;
use knotenpunkt_domain::Slug;

use super::{Directory, Result};

impl Directory {
    /// The policy's answer to `action` for the reader; the error is what
    /// the surface answers (sign in, or forbidden).
    pub fn gate(&self, action: &Action<'_>) -> Result<()> {
        self.scope.authorize(action)
    }

    /// Whether the reader administers the platform.
    pub fn administers_platform(&self) -> bool {
        self.gate(&Action::ManagePlatform).is_ok()
    }

    /// Whether the reader may manage `network` (members, series, people).
    pub fn manages_network(&self, network: &Slug) -> bool {
        self.gate(&Action::ManageNetwork(network.as_str())).is_ok()
    }

    /// Whether the reader may edit `organization`'s profile.
    pub fn edits_organization(&self, organization: &Slug) -> bool {
        self.gate(&Action::EditOrganization(organization.as_str()))
            .is_ok()
    }
}
