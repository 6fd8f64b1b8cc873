//! Jitsi Meet tokens (lib-jitsi-meet `doc/tokens.md`), HS256.
//!
//! jsonwebtoken 12 leaves the cryptography to a process-wide
//! `CryptoProvider`. Its built-in ones bring either aws-lc or the RustCrypto
//! RSA, ECDSA and EdDSA crates; Jitsi's shared secret needs none of them, so
//! this module brings an HS256-only provider on hmac/sha2 (both already in
//! the workspace's tree) and installs it when the process has no provider.

use chrono::{DateTime, Duration, Utc};
use hmac::{Hmac, KeyInit, Mac};
use jsonwebtoken::crypto::{CryptoProvider, JwtSigner, JwtVerifier, KeyUtils};
use jsonwebtoken::errors::ErrorKind;
use jsonwebtoken::signature::{self, Signer, Verifier};
use jsonwebtoken::{Algorithm, AlgorithmFamily, DecodingKey, EncodingKey, Header};
use serde::Serialize;
use sha2::Sha256;

use crate::{Guest, Room, Secret, VideoError};

/// The token's audience; see the crate documentation for why.
pub(crate) const AUDIENCE: &str = "jitsi";

/// How far `nbf` and `iat` lie before now, for clocks that differ.
const SKEW: Duration = Duration::seconds(60);

#[derive(Serialize)]
struct Claims<'a> {
    iss: &'a str,
    aud: &'a str,
    sub: String,
    room: &'a str,
    iat: i64,
    nbf: i64,
    exp: i64,
    context: Context<'a>,
}

#[derive(Serialize)]
struct Context<'a> {
    user: User<'a>,
}

/// Every field a string: Prosody's plugins reject other types in `user`.
#[derive(Serialize)]
struct User<'a> {
    id: &'a str,
    name: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    email: Option<&'a str>,
    moderator: &'static str,
    affiliation: &'static str,
}

/// The `sub` claim: the tenant when the URL has a path
/// (`https://meet.example.org/tenant1`), else the domain, lowercase.
fn subject(url: &str) -> Result<String, VideoError> {
    let parsed = reqwest::Url::parse(url)
        .map_err(|e| VideoError::Token(format!("the Jitsi URL is not a URL: {e}")))?;
    let tenant = parsed
        .path_segments()
        .and_then(|mut segments| segments.rfind(|s| !s.is_empty()));
    match (tenant, parsed.host_str()) {
        (Some(tenant), _) => Ok(tenant.to_lowercase()),
        (None, Some(host)) => Ok(host.to_lowercase()),
        (None, None) => Err(VideoError::Token("the Jitsi URL has no host".into())),
    }
}

/// A token for `guest` in `room`, valid from a minute before `now` until
/// `until`.
pub(crate) fn token(
    url: &str,
    app_id: &str,
    secret: &Secret,
    room: &Room,
    guest: &Guest,
    now: DateTime<Utc>,
    until: DateTime<Utc>,
) -> Result<String, VideoError> {
    let claims = Claims {
        iss: app_id,
        aud: AUDIENCE,
        sub: subject(url)?,
        room: &room.name,
        iat: (now - SKEW).timestamp(),
        nbf: (now - SKEW).timestamp(),
        exp: until.timestamp(),
        context: Context {
            user: User {
                id: &guest.id,
                name: &guest.name,
                email: guest.email.as_deref().filter(|e| !e.is_empty()),
                moderator: if guest.moderator { "true" } else { "false" },
                affiliation: if guest.moderator { "owner" } else { "member" },
            },
        },
    };
    install_jwt_provider();
    // Errors of jsonwebtoken describe the key's format, never its content.
    let key = EncodingKey::from_secret(secret.expose().as_bytes())
        .map_err(|e| VideoError::Token(format!("unusable secret: {e}")))?;
    jsonwebtoken::encode(&Header::new(Algorithm::HS256), &claims, &key)
        .map_err(|e| VideoError::Token(e.to_string()))
}

/// Makes sure jsonwebtoken has a `CryptoProvider`: when the process has none
/// (no crate enabled jsonwebtoken's `rust_crypto` or `aws_lc_rs` feature and
/// nobody installed one), installs this crate's HS256-only provider. Called
/// before every token; call it yourself at startup if your code installs
/// another provider later, so the two do not race.
pub fn install_jwt_provider() {
    if CryptoProvider::try_get_default().is_none() {
        // Losing a race to another installer is fine: any provider does HS256.
        let _ = HS256_ONLY.install_default();
    }
}

static HS256_ONLY: CryptoProvider = CryptoProvider {
    signer_factory: signer,
    verifier_factory: verifier,
    key_utils: KeyUtils::new_unimplemented(),
};

type HmacSha256 = Hmac<Sha256>;

struct Hs256(HmacSha256);

impl Hs256 {
    fn new(family: AlgorithmFamily, key: &[u8]) -> jsonwebtoken::errors::Result<Self> {
        if family != AlgorithmFamily::Hmac {
            return Err(ErrorKind::InvalidKeyFormat.into());
        }
        HmacSha256::new_from_slice(key)
            .map(Hs256)
            .map_err(|_| ErrorKind::InvalidKeyFormat.into())
    }
}

impl Signer<Vec<u8>> for Hs256 {
    fn try_sign(&self, msg: &[u8]) -> Result<Vec<u8>, signature::Error> {
        let mut mac = self.0.clone();
        mac.update(msg);
        Ok(mac.finalize().into_bytes().to_vec())
    }
}

impl JwtSigner for Hs256 {
    fn algorithm(&self) -> Algorithm {
        Algorithm::HS256
    }
}

impl Verifier<Vec<u8>> for Hs256 {
    fn verify(&self, msg: &[u8], signature: &Vec<u8>) -> Result<(), signature::Error> {
        let mut mac = self.0.clone();
        mac.update(msg);
        mac.verify_slice(signature)
            .map_err(|_| signature::Error::new())
    }
}

impl JwtVerifier for Hs256 {
    fn algorithm(&self) -> Algorithm {
        Algorithm::HS256
    }
}

fn signer(
    algorithm: &Algorithm,
    key: &EncodingKey,
) -> jsonwebtoken::errors::Result<Box<dyn JwtSigner>> {
    match algorithm {
        Algorithm::HS256 => Ok(Box::new(Hs256::new(key.family(), key.as_bytes())?)),
        _ => Err(ErrorKind::InvalidAlgorithm.into()),
    }
}

fn verifier(
    algorithm: &Algorithm,
    key: &DecodingKey,
) -> jsonwebtoken::errors::Result<Box<dyn JwtVerifier>> {
    match algorithm {
        Algorithm::HS256 => Ok(Box::new(Hs256::new(key.family(), key.try_get_as_bytes()?)?)),
        _ => Err(ErrorKind::InvalidAlgorithm.into()),
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn subject_is_the_domain_or_the_tenant() {
        assert_eq!(
            subject("https://Meet.Example.org").unwrap(),
            "meet.example.org"
        );
        assert_eq!(
            subject("https://meet.example.org/").unwrap(),
            "meet.example.org"
        );
        assert_eq!(
            subject("https://meet.example.org/Tenant1").unwrap(),
            "tenant1"
        );
    }

    #[test]
    fn the_provider_verifies_what_it_signs_and_refuses_other_keys() {
        install_jwt_provider();
        let claims = serde_json::json!({"room": "a", "exp": 4_000_000_000_i64});
        let token = jsonwebtoken::encode(
            &Header::new(Algorithm::HS256),
            &claims,
            &EncodingKey::from_secret(b"right").unwrap(),
        )
        .unwrap();
        let mut validation = jsonwebtoken::Validation::new(Algorithm::HS256);
        validation.validate_aud = false;
        let ok = jsonwebtoken::decode::<serde_json::Value>(
            &token,
            &DecodingKey::from_secret(b"right").unwrap(),
            &validation,
        );
        assert_eq!(ok.unwrap().claims["room"], "a");
        let wrong = jsonwebtoken::decode::<serde_json::Value>(
            &token,
            &DecodingKey::from_secret(b"wrong").unwrap(),
            &validation,
        );
        assert!(wrong.is_err());
    }
}
