//! A submitted form body, read leniently.

use crate::pages::query;

/// A submitted `application/x-www-form-urlencoded` body, read leniently like
/// the query: a missing field is empty, a broken escape stays as typed, so a
/// form is answered with a page whatever it contains and the handler judges
/// every field itself.
#[derive(Default)]
pub(crate) struct FormData(Vec<(String, String)>);

impl FormData {
    /// A form filled with stored values, for an edit page that shows them
    /// with the same controls as a submitted form.
    pub(crate) fn from_pairs(pairs: Vec<(String, String)>) -> FormData {
        FormData(pairs)
    }

    pub(crate) fn parse(body: &[u8]) -> FormData {
        FormData(query::parse(&String::from_utf8_lossy(body)))
    }

    /// The first value of `key`, trimmed; empty when missing.
    pub(crate) fn get(&self, key: &str) -> String {
        self.raw(key).trim().to_owned()
    }

    /// The first value of `key` as sent, not trimmed (a password, a textarea
    /// whose line numbers count); empty when missing.
    pub(crate) fn raw(&self, key: &str) -> &str {
        self.0
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
            .unwrap_or("")
    }

    /// Whether the form sent `key` at all (even empty).
    pub(crate) fn has(&self, key: &str) -> bool {
        self.0.iter().any(|(k, _)| k == key)
    }

    /// Every non-empty value of `key` (checkboxes), trimmed.
    pub(crate) fn all(&self, key: &str) -> Vec<String> {
        self.0
            .iter()
            .filter(|(k, v)| k == key && !v.trim().is_empty())
            .map(|(_, v)| v.trim().to_owned())
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_are_read_leniently() {
        let f = FormData::parse(b"name=+Ada+&password=+geheim+&x=1&x=&x=2&bad=%zz&name=zwei");
        assert_eq!(f.get("name"), "Ada");
        assert_eq!(f.raw("password"), " geheim ");
        assert_eq!(f.all("x"), ["1", "2"]);
        assert_eq!(f.get("bad"), "%zz");
        assert_eq!(f.get("missing"), "");
        assert!(f.has("x") && !f.has("missing"));
    }
}
