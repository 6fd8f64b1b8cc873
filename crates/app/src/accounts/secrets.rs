//! Secrets and passwords.
//!
//! Secrets are 256 random bits from the operating system, shown to their
//! owner once (in a link, a cookie or on the token page) and stored only as
//! SHA-256 digests; a fast digest is right for them because they are random,
//! unlike passwords, which get argon2id.

use std::sync::OnceLock;

use argon2::Argon2;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use knotenpunkt_domain::FieldError;
use sha2::{Digest, Sha256};

use super::settings::{MAX_PASSWORD_CHARS, MIN_PASSWORD_CHARS};
use crate::AppError;

type Result<T> = std::result::Result<T, AppError>;

/// A fresh secret: 256 bits, URL-safe.
pub(crate) fn secret() -> Result<String> {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes)
        .map_err(|e| AppError::Unavailable(format!("no random numbers: {e}")))?;
    Ok(URL_SAFE_NO_PAD.encode(bytes))
}

/// What is stored of a secret.
pub fn digest(secret: &str) -> String {
    let d = Sha256::digest(secret.as_bytes());
    let mut out = String::with_capacity(64);
    for b in d {
        out.push_str(&format!("{b:02x}"));
    }
    out
}

pub(crate) fn check_password(password: &str) -> Result<()> {
    let n = password.chars().count();
    if n < MIN_PASSWORD_CHARS {
        return Err(AppError::Invalid(vec![FieldError::new(
            "password",
            format!("at least {MIN_PASSWORD_CHARS} characters"),
        )]));
    }
    if n > MAX_PASSWORD_CHARS {
        return Err(AppError::Invalid(vec![FieldError::new(
            "password",
            format!("at most {MAX_PASSWORD_CHARS} characters"),
        )]));
    }
    Ok(())
}

/// argon2id with the crate's defaults, which are OWASP's recommendation
/// (19 MiB, 2 passes, 1 lane). Hashing takes tens of milliseconds, so it
/// runs on the blocking pool, away from the threads serving requests.
pub(crate) async fn hash_password(password: &str) -> Result<String> {
    let password = password.to_owned();
    let mut salt = [0u8; 16];
    getrandom::fill(&mut salt)
        .map_err(|e| AppError::Unavailable(format!("no random numbers: {e}")))?;
    tokio::task::spawn_blocking(move || {
        let salt = SaltString::encode_b64(&salt)
            .map_err(|e| AppError::Unavailable(format!("salt: {e}")))?;
        Argon2::default()
            .hash_password(password.as_bytes(), &salt)
            .map(|h| h.to_string())
            .map_err(|e| AppError::Unavailable(format!("password hashing failed: {e}")))
    })
    .await
    .map_err(|e| AppError::Unavailable(format!("password hashing stopped: {e}")))?
}

/// Checks a password against a stored hash; with no hash it checks against
/// a dummy one, so an unknown address costs the same time as a known one.
pub(crate) async fn verify_password(password: &str, stored: Option<String>) -> bool {
    let password = password.to_owned();
    let real = stored.is_some();
    let stored = match stored {
        Some(s) => s,
        None => dummy_hash().to_owned(),
    };
    let ok = tokio::task::spawn_blocking(move || {
        PasswordHash::new(&stored)
            .map(|h| {
                Argon2::default()
                    .verify_password(password.as_bytes(), &h)
                    .is_ok()
            })
            .unwrap_or(false)
    })
    .await
    .unwrap_or(false);
    ok && real
}

fn dummy_hash() -> &'static str {
    static DUMMY: OnceLock<String> = OnceLock::new();
    DUMMY.get_or_init(|| {
        let salt = SaltString::encode_b64(b"knotenpunkt-dummy").ok();
        salt.and_then(|s| {
            Argon2::default()
                .hash_password(b"no account has this password", &s)
                .ok()
                .map(|h| h.to_string())
        })
        .unwrap_or_default()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn passwords_verify_and_unknown_accounts_fail() {
        let h = hash_password("correct horse battery").await.unwrap();
        assert!(h.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"), "{h}");
        assert!(verify_password("correct horse battery", Some(h.clone())).await);
        assert!(!verify_password("wrong horse battery", Some(h)).await);
        assert!(!verify_password("no account has this password", None).await);
    }

    #[test]
    fn secrets_are_long_random_and_digested() {
        let a = secret().unwrap();
        let b = secret().unwrap();
        assert_ne!(a, b);
        assert_eq!(a.len(), 43);
        assert_eq!(digest(&a).len(), 64);
        assert_ne!(digest(&a), digest(&b));
    }
}
