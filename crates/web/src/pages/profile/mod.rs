//! An organisation's profile, for its editors and the platform's admins.
//! (A network's settings, its coordinators' counterpart, belong to the
//! network's management.)

mod editors;
mod organization;
mod parts;

use crate::routes::Routes;

/// The profile routes.
pub(super) fn router() -> Routes {
    Routes::new()
        .get_post(
            "/organisationen/{slug}/bearbeiten",
            organization::page,
            organization::save,
        )
        .post(
            "/organisationen/{slug}/bearbeiten/bearbeitende",
            editors::set,
        )
}
