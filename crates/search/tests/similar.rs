//! "Similar projects in other municipalities": documents like a given one by
//! its words and fields of action, never the document itself, never one of
//! the same organisation, never one the reader may not see.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use knotenpunkt_search::{Audience, Document, Kind, Lang, SearchIndex, SimilarRequest};

fn project(key: &str, org: &str, title: &str, text: &str, topic: &str) -> Document {
    let mut doc = Document::new(Kind::Project, key, title, text);
    doc.organizations = vec![org.to_owned()];
    doc.topics = vec![topic.to_owned()];
    doc
}

fn corpus() -> SearchIndex {
    let index = SearchIndex::in_memory().unwrap();
    let mut hidden = project(
        "hidden",
        "dorf",
        "Parkplatzsensoren im Dorf",
        "Sensoren melden freie Parkplätze; das Parkleitsystem zeigt sie an.",
        "mobility",
    );
    hidden.audience = vec!["network:geheim".to_owned()];
    let mut english = project(
        "english",
        "town",
        "Parking sensors",
        "Sensors report free parking spaces to the guidance system.",
        "mobility",
    );
    english.lang = Lang::En;
    index
        .rebuild(
            [
                project(
                    "source",
                    "musterstadt",
                    "Parkraummanagement mit Sensoren",
                    "Sensoren in jedem Parkplatz melden, ob er frei ist; ein Parkleitsystem führt dorthin.",
                    "mobility",
                ),
                project(
                    "same-org",
                    "musterstadt",
                    "Parkleitsystem am Bahnhof",
                    "Unser Parkleitsystem nutzt Sensoren an jedem Parkplatz.",
                    "mobility",
                ),
                project(
                    "other",
                    "beispielheim",
                    "Freie Parkplätze per App",
                    "Sensoren erkennen freie Parkplätze, die App führt Autofahrer dorthin.",
                    "mobility",
                ),
                project(
                    "topic-only",
                    "beispielheim",
                    "Rufbus auf dem Land",
                    "Fahrgäste buchen Fahrten per Telefon.",
                    "mobility",
                ),
                project(
                    "unrelated",
                    "nordstadt",
                    "Digitale Bauanträge",
                    "Bauanträge werden online gestellt.",
                    "administration",
                ),
                hidden,
                english,
            ],
            Some(1),
        )
        .unwrap();
    index
}

fn keys(index: &SearchIndex, key: &str, audience: Audience) -> Vec<String> {
    index
        .similar(&SimilarRequest {
            key: key.to_owned(),
            audience,
            kinds: vec![Kind::Project],
            limit: 10,
        })
        .unwrap()
        .into_iter()
        .map(|h| h.key)
        .collect()
}

#[test]
fn like_documents_of_other_organisations_come_first() {
    let index = corpus();
    let found = keys(&index, "source", Audience::public());
    assert_eq!(
        found.first().map(String::as_str),
        Some("other"),
        "{found:?}"
    );
    assert!(
        found.contains(&"topic-only".to_owned()),
        "a shared field of action counts: {found:?}"
    );
    assert!(!found.contains(&"source".to_owned()), "not itself");
    assert!(
        !found.contains(&"same-org".to_owned()),
        "not its own organisation's"
    );
    assert!(!found.contains(&"unrelated".to_owned()), "{found:?}");
    assert!(
        !found.contains(&"hidden".to_owned()),
        "not what the reader may not see"
    );
}

#[test]
fn members_get_their_network_s_documents_and_hidden_sources_give_nothing() {
    let index = corpus();
    let member = Audience::Keys(vec!["network:geheim".to_owned()]);
    let found = keys(&index, "source", member.clone());
    assert!(found.contains(&"hidden".to_owned()), "{found:?}");
    assert!(keys(&index, "hidden", Audience::public()).is_empty());
    assert!(!keys(&index, "hidden", member).is_empty());
    assert!(keys(&index, "gibt-es-nicht", Audience::Everything).is_empty());
}

#[test]
fn a_source_without_shared_words_still_finds_its_field_of_action() {
    // The English text shares no analysed word with the German ones; its
    // field of action still leads to them, and to nothing else.
    let index = corpus();
    let found = keys(&index, "english", Audience::public());
    assert!(found.contains(&"topic-only".to_owned()), "{found:?}");
    assert!(!found.contains(&"unrelated".to_owned()), "{found:?}");
    assert!(!found.contains(&"english".to_owned()));
}
