//! The safe Markdown subset of projects and experiences: paragraphs,
//! emphasis, lists, quotes, code, headings and links, rendered by
//! pulldown-cmark with everything that could run or load something taken
//! out. Raw HTML is shown as text, images become their description (no
//! remote content), links keep only `https:`, `http:` and `mailto:`
//! targets, and headings start below the page's own (`#` is an `<h3>`).

use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd, html};

/// The HTML of `text`; safe to place unescaped.
pub(crate) fn markdown(text: &str) -> String {
    let mut links: Vec<bool> = Vec::new();
    let events =
        Parser::new_ext(text, Options::ENABLE_STRIKETHROUGH).filter_map(|event| match event {
            Event::Html(raw) | Event::InlineHtml(raw) => Some(Event::Text(raw)),
            Event::Start(Tag::Image { .. }) | Event::End(TagEnd::Image) => None,
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                let allowed = ["https://", "http://", "mailto:"]
                    .iter()
                    .any(|p| dest_url.to_ascii_lowercase().starts_with(p));
                links.push(allowed);
                allowed.then_some(Event::Start(Tag::Link {
                    link_type,
                    dest_url,
                    title,
                    id,
                }))
            }
            Event::End(TagEnd::Link) => {
                if links.pop().unwrap_or(false) {
                    Some(Event::End(TagEnd::Link))
                } else {
                    None
                }
            }
            Event::Start(Tag::Heading {
                level,
                id,
                classes,
                attrs,
            }) => Some(Event::Start(Tag::Heading {
                level: lower(level),
                id,
                classes,
                attrs,
            })),
            Event::End(TagEnd::Heading(level)) => Some(Event::End(TagEnd::Heading(lower(level)))),
            other => Some(other),
        });
    let mut out = String::with_capacity(text.len() * 5 / 4);
    html::push_html(&mut out, events);
    out
}

/// A heading two levels down: the page has its `<h1>` and `<h2>`s.
fn lower(level: HeadingLevel) -> HeadingLevel {
    match level {
        HeadingLevel::H1 => HeadingLevel::H3,
        HeadingLevel::H2 => HeadingLevel::H4,
        HeadingLevel::H3 => HeadingLevel::H5,
        _ => HeadingLevel::H6,
    }
}

#[cfg(test)]
mod tests {
    use super::markdown;

    #[test]
    fn markup_that_could_run_or_load_is_shown_as_text_or_dropped() {
        let html = markdown(
            "# Titel\n\n<script>alert(1)</script>\n\nText mit <img src=x onerror=alert(1)> und **fett**.\n\n\
             ![Bild](https://tracker.example/pixel.png)\n\n[gut](https://example.org) [böse](javascript:alert(1))",
        );
        assert!(html.contains("<h3>Titel</h3>"), "{html}");
        assert!(html.contains("&lt;script&gt;"), "{html}");
        assert!(!html.contains("<script"), "{html}");
        assert!(!html.contains("<img"), "{html}");
        assert!(
            html.contains("Bild"),
            "the image's description stays: {html}"
        );
        assert!(html.contains("<strong>fett</strong>"), "{html}");
        assert!(
            html.contains("<a href=\"https://example.org\">gut</a>"),
            "{html}"
        );
        assert!(!html.contains("javascript:"), "{html}");
        assert!(html.contains("böse"), "{html}");
    }
}
