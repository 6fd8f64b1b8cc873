//! Signing in and out, invitations, password reset and one's own account.
//!
//! The forms here follow one pattern: a successful POST answers 303 See
//! Other (Post/Redirect/Get); invalid input renders the form again with 422,
//! every error next to its field and linked to it with `aria-describedby`,
//! and what was typed kept — except passwords, which never travel back.
//! Secrets shown once (a new API token, a calendar address) are rendered in
//! the answer to the POST instead, so they never appear in an address, the
//! history or a cache. Every answer here is `Cache-Control: no-store`.

mod entry;
mod own;

use axum::extract::State;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use knotenpunkt_app::domain::Person;

use super::{Ctx, failure};
use crate::AppState;
use crate::auth::{Via, Viewer, clear_session_cookie};
use crate::routes::Routes;

/// The account routes.
pub(super) fn router() -> Routes {
    Routes::new()
        .post("/abmelden", sign_out)
        .get_post("/anmelden", entry::sign_in_form, entry::sign_in)
        .get_post(
            "/einladung/{token}",
            entry::invitation_form,
            entry::accept_invitation,
        )
        .get_post("/passwort/vergessen", entry::forgot_form, entry::forgot)
        .get_post("/passwort/neu/{token}", entry::reset_form, entry::reset)
        .get("/konto", own::page)
        .post("/konto/ueberall-abmelden", own::sign_out_everywhere)
        .post("/konto/passwort", own::change_password)
        .post("/konto/tokens", own::create_token)
        .post("/konto/tokens/{id}/widerrufen", own::revoke_token)
        .post("/konto/kalender", own::renew_feed)
        .post("/konto/kalender/widerrufen", own::revoke_feed)
        .get("/konto/daten.json", own::download)
        .post("/konto/loeschen", own::delete)
        .post("/reihen/{slug}/folgen", own::follow)
}

/// Ends this browser's session and sends the person to the start page.
async fn sign_out(State(s): State<AppState>, ctx: Ctx, v: Viewer) -> Response {
    if let Some(token) = &v.session_token
        && let Err(e) = s.dir.sign_out(token).await
    {
        return failure(&ctx, e);
    }
    let mut res = see_other(&ctx.href("/"));
    res.headers_mut()
        .append(header::SET_COOKIE, clear_session_cookie(&s));
    res
}

// ---- shared pieces ------------------------------------------------------------

/// The person behind a browser session. Account pages are for people in a
/// browser; a request with an API token does not manage the account.
fn session_person(v: &Viewer) -> Option<&Person> {
    match v.via {
        Via::Session => v.person.as_ref(),
        Via::Anonymous | Via::Token => None,
    }
}

/// 303 See Other to a path on this site.
fn see_other(location: &str) -> Response {
    let value = HeaderValue::from_str(location).unwrap_or_else(|_| HeaderValue::from_static("/"));
    no_store((StatusCode::SEE_OTHER, [(header::LOCATION, value)]).into_response())
}

/// Marks an answer as never to be stored: it may carry a secret, a typed
/// address or a person's data.
fn no_store(mut res: Response) -> Response {
    res.headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    res
}

/// Only a path on this site is a place to go back to: one leading `/`,
/// nothing a browser could read as another host (`//x`, `/\x`), no
/// whitespace or control characters, and not absurdly long.
fn local_path(next: &str) -> Option<&str> {
    let ok = next.starts_with('/')
        && !next.starts_with("//")
        && !next.contains('\\')
        && next.len() <= 1000
        && next.chars().all(|c| c.is_ascii_graphic());
    ok.then_some(next)
}

/// `path` with the explicit language choice carried on, when there is one
/// and the path does not name a language itself.
fn with_lang(ctx: &Ctx, path: &str) -> String {
    match ctx.lang_param() {
        Some(l) if !path.contains("lang=") => {
            let (base, fragment) = path.split_once('#').unwrap_or((path, ""));
            let sep = if base.contains('?') { '&' } else { '?' };
            let fragment = if fragment.is_empty() {
                String::new()
            } else {
                format!("#{fragment}")
            };
            format!("{base}{sep}lang={l}{fragment}")
        }
        _ => path.to_owned(),
    }
}

pub(crate) use crate::pages::form::{Field, FormData, SummaryItem as Problem};

/// The summary of what is wrong with a form, in field order.
fn problems(fields: &[&Field]) -> Vec<Problem> {
    Field::summary(fields)
}

/// The page title, with "Fehler: " in front when the form has errors, so a
/// screen reader hears it first on the re-rendered page.
fn title(ctx: &Ctx, title: String, has_errors: bool) -> String {
    if has_errors {
        ctx.t1("form-title-error", "title", title)
    } else {
        title
    }
}

/// What is wrong with a new password and its repetition, checked here so a
/// mistyped form costs no hashing: (error of the password, error of the
/// repetition).
fn new_password_problems(
    ctx: &Ctx,
    password: &str,
    repeat: &str,
) -> (Option<String>, Option<String>) {
    let n = password.chars().count();
    let first = if password.is_empty() {
        Some(ctx.t("form-new-password-missing"))
    } else if n < knotenpunkt_app::MIN_PASSWORD_CHARS {
        Some(ctx.t1(
            "form-password-short",
            "min",
            knotenpunkt_app::MIN_PASSWORD_CHARS,
        ))
    } else {
        None
    };
    let second = if first.is_none() && repeat != password {
        Some(if repeat.is_empty() {
            ctx.t("form-repeat-missing")
        } else {
            ctx.t("form-repeat-mismatch")
        })
    } else {
        None
    };
    (first, second)
}

/// The message for a password the application refused (too long, the
/// only rule the form does not check itself).
fn refused_password(ctx: &Ctx, errors: &[knotenpunkt_app::domain::FieldError]) -> String {
    let short = errors.iter().any(|e| e.message.contains("at least"));
    if short {
        ctx.t1(
            "form-password-short",
            "min",
            knotenpunkt_app::MIN_PASSWORD_CHARS,
        )
    } else {
        ctx.t("form-password-long")
    }
}

/// "5 Minuten", "30 Sekunden": how long to wait, rounded up to whole
/// minutes from one minute on.
fn wait_text(ctx: &Ctx, seconds: u64) -> String {
    if seconds < 60 {
        ctx.t1("form-wait-seconds", "count", seconds.max(1))
    } else {
        ctx.t1("form-wait-minutes", "count", seconds.div_ceil(60))
    }
}

/// Adds `Retry-After` to a 429 answer.
fn retry_after(mut res: Response, seconds: u64) -> Response {
    *res.status_mut() = StatusCode::TOO_MANY_REQUESTS;
    res.headers_mut()
        .insert(header::RETRY_AFTER, HeaderValue::from(seconds.max(1)));
    res
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_local_paths_are_places_to_return_to() {
        for good in ["/konto", "/reihen/x?lang=en", "/"] {
            assert_eq!(local_path(good), Some(good));
        }
        for bad in [
            "",
            "konto",
            "//evil.example",
            "/\\evil.example",
            "https://evil.example/",
            "/a b",
            "/\u{7f}",
            "/ünicode",
        ] {
            assert_eq!(local_path(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn the_language_choice_travels_with_redirects() {
        let en = Ctx::new("/anmelden", "lang=en", None);
        assert_eq!(with_lang(&en, "/konto"), "/konto?lang=en");
        assert_eq!(with_lang(&en, "/r?x=1#a"), "/r?x=1&lang=en#a");
        assert_eq!(with_lang(&en, "/r?lang=de"), "/r?lang=de");
        let de = Ctx::new("/anmelden", "", None);
        assert_eq!(with_lang(&de, "/konto"), "/konto");
    }

    #[test]
    fn new_passwords_are_checked_before_hashing() {
        let ctx = Ctx::new("/", "", None);
        assert!(new_password_problems(&ctx, "", "").0.is_some());
        assert!(new_password_problems(&ctx, "kurz", "kurz").0.is_some());
        let (a, b) = new_password_problems(&ctx, "lang genug ist das", "anders");
        assert!(a.is_none() && b.is_some());
        let (a, b) = new_password_problems(&ctx, "lang genug ist das", "lang genug ist das");
        assert!(a.is_none() && b.is_none());
    }

    #[test]
    fn waiting_times_read_naturally() {
        let de = Ctx::new("/", "", None);
        let en = Ctx::new("/", "lang=en", None);
        assert_eq!(wait_text(&de, 1), "1 Sekunde");
        assert_eq!(wait_text(&de, 59), "59 Sekunden");
        assert_eq!(wait_text(&de, 61), "2 Minuten");
        assert_eq!(wait_text(&en, 3600), "60 minutes");
        assert_eq!(wait_text(&en, 60), "1 minute");
    }
}
