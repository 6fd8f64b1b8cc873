//! Accounts for tests of the surfaces: a platform admin with a write token,
//! or any invited person signed in, made through the real use cases (so
//! tests exercise invitations and hashing as production does).

use knotenpunkt_access::Scope;
use knotenpunkt_domain::{Email, Language, NetworkRole, NewPerson, Slug, TokenScope};

use crate::{AppError, Directory, InvitationRequest, NewSession};

/// The password every test account gets.
pub const PASSWORD: &str = "test-password-long-enough";

fn person(name: &str, email: &str, organization: Option<&str>) -> Result<NewPerson, AppError> {
    let invalid = |field: &str, e: String| {
        AppError::Invalid(vec![knotenpunkt_domain::FieldError::new(field, e)])
    };
    Ok(NewPerson {
        name: name.to_owned(),
        email: email.parse::<Email>().map_err(|e| invalid("email", e))?,
        organization: organization
            .map(|o| o.parse::<Slug>())
            .transpose()
            .map_err(|e| invalid("organization", e))?,
        phone: None,
        function: None,
        language: Language::De,
    })
}

fn token_of(link: Option<String>) -> Result<String, AppError> {
    link.and_then(|l| l.rsplit('/').next().map(str::to_owned))
        .ok_or_else(|| AppError::Unavailable("no invitation link".into()))
}

async fn accept(dir: &Directory, link: Option<String>) -> Result<NewSession, AppError> {
    dir.accept_invitation(&token_of(link)?, PASSWORD)
        .await?
        .ok_or_else(|| AppError::Unavailable("invitation not accepted".into()))
}

/// A signed-in platform admin.
pub async fn admin(dir: &Directory, email: &str) -> Result<NewSession, AppError> {
    let invited = dir
        .bootstrap_admin(person("Test-Administration", email, None)?)
        .await?;
    accept(dir, invited.link).await
}

/// A person invited by `by` into `network` with `role` and signed in.
pub async fn invited(
    dir: &Directory,
    by: &NewSession,
    email: &str,
    organization: Option<&str>,
    network: &str,
    role: Option<NetworkRole>,
) -> Result<NewSession, AppError> {
    let actor = dir.actor(&by.person, Scope::Write).await?;
    let invited = dir
        .invite(
            &actor,
            InvitationRequest {
                person: person(email, email, organization)?,
                network: Some(
                    network
                        .parse()
                        .map_err(|e: String| AppError::Unavailable(e))?,
                ),
                role,
                admin: false,
            },
        )
        .await?;
    accept(dir, invited.link).await
}

/// A personal API token of `session`'s person.
pub async fn token(
    dir: &Directory,
    session: &NewSession,
    scope: TokenScope,
) -> Result<String, AppError> {
    let actor = dir.actor(&session.person, Scope::Write).await?;
    Ok(dir.create_api_token(&actor, "tests", scope).await?.secret)
}

/// A write token of a fresh platform admin: what the admin token of old was.
pub async fn admin_token(dir: &Directory) -> Result<String, AppError> {
    let s = admin(dir, "admin@test.example").await?;
    token(dir, &s, TokenScope::Write).await
}
