//! What the account pages say about passwords and waiting, and the title
//! of a form that came back with problems.

use crate::pages::ctx::Ctx;

/// The page title, with "Fehler: " in front when the form has errors, so a
/// screen reader hears it first on the re-rendered page.
pub(super) fn title(ctx: &Ctx, title: String, has_errors: bool) -> String {
    if has_errors {
        ctx.t1("form-title-error", "title", title)
    } else {
        title
    }
}

/// What is wrong with a new password and its repetition, checked here so a
/// mistyped form costs no hashing: (error of the password, error of the
/// repetition).
pub(super) fn new_password_problems(
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
pub(super) fn refused_password(
    ctx: &Ctx,
    errors: &[knotenpunkt_app::domain::FieldError],
) -> String {
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
pub(crate) fn wait_text(ctx: &Ctx, seconds: u64) -> String {
    if seconds < 60 {
        ctx.t1("form-wait-seconds", "count", seconds.max(1))
    } else {
        ctx.t1("form-wait-minutes", "count", seconds.div_ceil(60))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
