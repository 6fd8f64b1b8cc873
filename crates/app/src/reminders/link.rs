//! The one-click unsubscribe link: who and which kind, a signed link (see
//! [`crate::signed`]).

use knotenpunkt_store::Store;

use super::ReminderKind;
use crate::AppError;
use crate::signed;

/// The name of the key in `installation_keys`.
const KEY_NAME: &str = "reminder-unsubscribe";

/// The installation's signing key for unsubscribe links.
pub(super) async fn key(store: &Store) -> Result<Vec<u8>, AppError> {
    signed::key(store, KEY_NAME).await
}

/// The token for `recipient` and `kind`.
pub(super) fn sign(key: &[u8], recipient: &str, kind: ReminderKind) -> String {
    signed::sign(key, &format!("{}|{recipient}", kind.code()))
}

/// The recipient and kind of a genuine token; `None` for anything else.
pub(super) fn verify(key: &[u8], token: &str) -> Option<(String, ReminderKind)> {
    let payload = signed::verify(key, token)?;
    let (kind, recipient) = payload.split_once('|')?;
    Some((recipient.to_owned(), ReminderKind::from_code(kind)?))
}

#[cfg(test)]
mod tests {
    use base64::Engine;
    use base64::engine::general_purpose::URL_SAFE_NO_PAD;

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
