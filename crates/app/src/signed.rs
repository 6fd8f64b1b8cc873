//! Links signed with a key of the installation (HMAC-SHA-256): they carry
//! what they are about in themselves, so they need no row of their own,
//! work for guests without an account, and cannot be made for anyone else.
//! The keys live in the database (`installation_keys`), so every server
//! process signs and checks alike.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use hmac::{Hmac, KeyInit, Mac};
use knotenpunkt_store::Store;

use crate::AppError;

type HmacSha256 = Hmac<sha2_011::Sha256>;

/// The key called `name`, made by the first process that needs it. One key
/// per purpose, so that a link of one kind never passes for another.
pub(crate) async fn key(store: &Store, name: &str) -> Result<Vec<u8>, AppError> {
    let fresh = crate::accounts::secret()?;
    let stored = store.installation_key(name, &fresh).await?;
    Ok(stored.into_bytes())
}

fn mac(key: &[u8], payload: &str) -> Option<HmacSha256> {
    let mut m = HmacSha256::new_from_slice(key).ok()?;
    m.update(payload.as_bytes());
    Some(m)
}

/// The token for `payload`: `payload.signature`, both base64url.
pub(crate) fn sign(key: &[u8], payload: &str) -> String {
    let signature = mac(key, payload)
        .map(|m| URL_SAFE_NO_PAD.encode(m.finalize().into_bytes()))
        .unwrap_or_default();
    format!("{}.{signature}", URL_SAFE_NO_PAD.encode(payload))
}

/// The payload of a genuine token; `None` for anything else (checked in
/// constant time).
pub(crate) fn verify(key: &[u8], token: &str) -> Option<String> {
    let (payload, signature) = token.split_once('.')?;
    let payload = String::from_utf8(URL_SAFE_NO_PAD.decode(payload).ok()?).ok()?;
    let signature = URL_SAFE_NO_PAD.decode(signature).ok()?;
    mac(key, &payload)?.verify_slice(&signature).ok()?;
    Some(payload)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_signed_payload_verifies_and_a_changed_one_does_not() {
        let key = b"0123456789abcdef0123456789abcdef";
        let t = sign(key, "r:42");
        assert_eq!(verify(key, &t).as_deref(), Some("r:42"));
        let (_, sig) = t.split_once('.').unwrap_or_default();
        let forged = format!("{}.{sig}", URL_SAFE_NO_PAD.encode("r:43"));
        assert_eq!(verify(key, &forged), None);
        assert_eq!(verify(b"another key, another installation", &t), None);
        for bad in ["", ".", "abc", "abc.def", "☃.☃"] {
            assert_eq!(verify(key, bad), None, "{bad}");
        }
    }
}
