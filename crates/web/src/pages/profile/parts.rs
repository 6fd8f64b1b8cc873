//! A cooperation's parts as its profile form shows them: one slug a line,
//! every slug that names no organisation of the directory named.

use knotenpunkt_app::domain::Slug;
use knotenpunkt_app::{AppError, Directory};

use crate::pages::ctx::Ctx;
use crate::pages::form::{Problem, within_lines};

/// Reads the textarea of parts, one slug a line; every slug that names no
/// organisation of the directory is named.
pub(super) async fn read_parts(
    ctx: &Ctx,
    dir: &Directory,
    text: &str,
) -> Result<Result<Vec<Slug>, Problem>, AppError> {
    if let Err(p) = within_lines(ctx, text) {
        return Ok(Err(p));
    }
    let mut parts = Vec::new();
    let mut wrong = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        let unknown = || ctx.t2("profile-parts-error-unknown", "line", i + 1, "slug", line);
        match line.parse::<Slug>() {
            Ok(slug) => match dir.organization(&slug).await {
                Ok(_) => parts.push(slug),
                Err(AppError::NotFound { .. }) => wrong.push(unknown()),
                Err(e) => return Err(e),
            },
            Err(_) => wrong.push(unknown()),
        }
    }
    Ok(if wrong.is_empty() {
        Ok(parts)
    } else {
        Err(Problem::new(wrong.join(" ")))
    })
}
