//! The one-click unsubscribe link: who and which kind, signed with the
//! installation's key (HMAC-SHA-256), so the link needs no row of its own,
//! works for guests without an account, and cannot be made for anyone
//! else. The key lives in the database, so every server process signs and
//! checks alike.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use hmac::{Hmac, KeyInit, Mac};
use knotenpunkt_store::Store;

use super::ReminderKind;
use crate::AppError;

type HmacSha256 = Hmac<sha2_011::Sha256>;

/// The name of the key in `installation_keys`.
const KEY_NAME: &str = "reminder-unsubscribe";

/// The installation's signing key, made by the first process that needs it.
pub(super) async fn key(store: &Store) -> Result<Vec<u8>, AppError> {
    let fresh = crate::accounts::secret()?;
    let stored = store.installation_key(KEY_NAME, &fresh).await?;
    Ok(stored.into_bytes())
}

fn mac(key: &[u8], payload: &str) -> Option<HmacSha256> {
    let mut m = HmacSha256::new_from_slice(key).ok()?;
    m.update(payload.as_bytes());
    Some(m)
}

/// The token for `recipient` and `kind`: `payload.signature`, both
/// base64url.
pub(super) fn sign(key: &[u8], recipient: &str, kind: ReminderKind) -> String {
    let payload = format!("{}|{recipient}", kind.code());
    let signature = mac(key, &payload)
        .map(|m| URL_SAFE_NO_PAD.encode(m.finalize().into_bytes()))
        .unwrap_or_default();
    format!("{}.{signature}", URL_SAFE_NO_PAD.encode(payload))
}

/// The recipient and kind of a genuine token; `None` for anything else
/// (checked in constant time).
pub(super) fn verify(key: &[u8], token: &str) -> Option<(String, ReminderKind)> {
    let (payload, signature) = token.split_once('.')?;
    let payload = String::from_utf8(URL_SAFE_NO_PAD.decode(payload).ok()?).ok()?;
    let signature = URL_SAFE_NO_PAD.decode(signature).ok()?;
    mac(key, &payload)?.verify_slice(&signature).ok()?;
    let (kind, recipient) = payload.split_once('|')?;
    Some((recipient.to_owned(), ReminderKind::from_code(kind)?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_signed_link_verifies_and_a_changed_one_does_not() {
        let key = b"0123456789abcdef0123456789abcdef";
        let t = sign(key, "p:42", ReminderKind::Host);
        assert_eq!(
            verify(key, &t),
            Some(("p:42".to_owned(), ReminderKind::Host))
        );
        // Someone else's recipient with the same signature.
        let (_, sig) = t.split_once('.').unwrap();
        let forged = format!("{}.{sig}", URL_SAFE_NO_PAD.encode("host|p:43"));
        assert_eq!(verify(key, &forged), None);
        // Another key.
        assert_eq!(verify(b"another key, another installation", &t), None);
        // Garbage.
        for bad in ["", ".", "abc", "abc.def", "☃.☃"] {
            assert_eq!(verify(key, bad), None, "{bad}");
        }
    }
}
