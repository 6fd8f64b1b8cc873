//! Reading and writing query strings by hand.
//!
//! The pages take whatever a browser or a person typed into the address bar
//! and must answer every input with a page, never with a bare extractor
//! rejection; so the query is read leniently here (bad escapes are kept as
//! text, invalid UTF-8 is replaced) and judged field by field by the handler.

/// The `key=value` pairs of a query string, decoded, in order.
pub(crate) fn parse(query: &str) -> Vec<(String, String)> {
    query
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|pair| {
            let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
            (decode(k), decode(v))
        })
        .collect()
}

/// Percent-decodes one component of `application/x-www-form-urlencoded`.
fn decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' => {
                let hex = bytes
                    .get(i + 1..i + 3)
                    .and_then(|h| std::str::from_utf8(h).ok())
                    .and_then(|h| u8::from_str_radix(h, 16).ok());
                match hex {
                    Some(b) => {
                        out.push(b);
                        i += 2;
                    }
                    None => out.push(b'%'),
                }
            }
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Percent-encodes one component so it survives inside a query string.
pub(crate) fn encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                out.push(b as char)
            }
            b' ' => out.push('+'),
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

/// `path` with the given pairs as its query; pairs with an empty value are
/// left out so links stay short.
pub(crate) fn url(path: &str, pairs: &[(&str, &str)]) -> String {
    let mut out = path.to_owned();
    let mut sep = if path.contains('?') { '&' } else { '?' };
    for (k, v) in pairs.iter().filter(|(_, v)| !v.is_empty()) {
        out.push(sep);
        out.push_str(&encode(k));
        out.push('=');
        out.push_str(&encode(v));
        sep = '&';
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_forms_and_survives_garbage() {
        assert_eq!(
            parse("state=RP&q=Bad+Kreuznach&kind="),
            [
                ("state".into(), "RP".into()),
                ("q".into(), "Bad Kreuznach".into()),
                ("kind".into(), String::new())
            ]
        );
        assert_eq!(parse("q=Z%C3%B6nitz")[0].1, "Zönitz");
        assert_eq!(parse("q=100%")[0].1, "100%");
        assert_eq!(parse("q=%zz%4")[0].1, "%zz%4");
        assert_eq!(parse("q=%FF")[0].1, "\u{FFFD}");
        assert_eq!(parse("flag&&")[0], ("flag".into(), String::new()));
        assert!(parse("").is_empty());
    }

    #[test]
    fn encodes_round_trip() {
        for s in ["Bad Kreuznach", "a&b=c", "Zwönitz", "100%", "<script>"] {
            let q = format!("q={}", encode(s));
            assert_eq!(parse(&q)[0].1, s);
            assert!(!encode(s).contains(['&', '=', '<', ' ']));
        }
    }

    #[test]
    fn builds_urls_without_empty_values() {
        assert_eq!(
            url(
                "/organisationen",
                &[("state", "RP"), ("q", ""), ("page", "2")]
            ),
            "/organisationen?state=RP&page=2"
        );
        assert_eq!(url("/x?a=1", &[("lang", "en")]), "/x?a=1&lang=en");
        assert_eq!(url("/x", &[]), "/x");
    }
}
