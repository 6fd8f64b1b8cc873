//! Signing in and out, invitations, password reset and one's own account.
//!
//! The forms here follow one pattern: a successful POST answers 303 See
//! Other (Post/Redirect/Get); invalid input renders the form again with 422,
//! every error next to its field and linked to it with `aria-describedby`,
//! and what was typed kept — except passwords, which never travel back.
//! Secrets shown once (a new API token, a calendar address) are rendered in
//! the answer to the POST instead, so they never appear in an address, the
//! history or a cache. Every answer here is `Cache-Control: no-store`.
//!
//! The ways in are [`sign_in`], [`set_password`] (invitation and reset) and
//! [`forgot`]; one's own account is [`page`] with its forms in
//! [`security`] and [`data`].

mod data;
mod forgot;
mod notice;
mod page;
pub(crate) mod password;
mod reminders;
mod reply;
mod security;
mod set_password;
mod sign_in;

use crate::routes::Routes;

/// The account routes.
pub(super) fn router() -> Routes {
    Routes::new()
        .post("/abmelden", sign_in::sign_out)
        .get_post("/anmelden", sign_in::sign_in_form, sign_in::sign_in)
        .get_post(
            "/einladung/{token}",
            set_password::invitation_form,
            set_password::accept_invitation,
        )
        .get_post("/passwort/vergessen", forgot::forgot_form, forgot::forgot)
        .get_post(
            "/passwort/neu/{token}",
            set_password::reset_form,
            set_password::reset,
        )
        .get("/konto", page::page)
        .post("/konto/ueberall-abmelden", security::sign_out_everywhere)
        .post("/konto/passwort", security::change_password)
        .post("/konto/tokens", security::create_token)
        .post("/konto/tokens/{id}/widerrufen", security::revoke_token)
        .post("/konto/kalender", data::renew_feed)
        .post("/konto/kalender/widerrufen", data::revoke_feed)
        .post("/konto/erinnerungen", reminders::settings)
        .get_post(
            "/erinnerungen/abbestellen/{token}",
            reminders::page,
            reminders::unsubscribe,
        )
        .get("/konto/daten.json", data::download)
        .post("/konto/loeschen", data::delete)
        .post("/reihen/{slug}/folgen", data::follow)
}
