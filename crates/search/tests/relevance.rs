//! The relevance test set: German and English documents about fictional
//! towns, and queries that each name the documents that must be among the
//! first five. It covers stemming, compound parts, umlaut and ß folding,
//! multi-word queries, English analysis, and network-only documents that an
//! outsider must never get.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use knotenpunkt_search::{Audience, Document, Kind, Lang, SearchIndex, SearchRequest};

/// (key, language, audience, title, text)
const CORPUS: &[(&str, Lang, &str, &str, &str)] = &[
    (
        "parkraum",
        Lang::De,
        "public",
        "Digitales Parkraummanagement in der Innenstadt",
        "Wir steuern den Parksuchverkehr mit einer App und Schildern, die freie Stellplätze anzeigen.",
    ),
    (
        "fuellstand",
        Lang::De,
        "public",
        "Füllstandssensoren an Glascontainern",
        "Die Abfuhr fährt nur noch, wenn ein Container voll ist. Die Messung läuft über LoRaWAN.",
    ),
    (
        "parkplatz",
        Lang::De,
        "public",
        "Freie Plätze finden",
        "Sensoren für freie Parkplätze am Bahnhof melden jede Minute den Stand an die Plattform.",
    ),
    (
        "muell",
        Lang::De,
        "public",
        "Müllabfuhr nach Bedarf",
        "Die Touren der Müllabfuhr werden aus den Daten der Tonnen geplant.",
    ),
    (
        "licht",
        Lang::De,
        "public",
        "Straßenbeleuchtung mit Bewegungsmeldern",
        "Die Leuchten dimmen nachts und werden heller, wenn jemand kommt. Der Stromverbrauch sank um 60 Prozent.",
    ),
    (
        "beteiligung",
        Lang::De,
        "public",
        "Bürgerbeteiligung online",
        "Eine Beteiligungsplattform für den Haushalt; die Akzeptanz haben wir mit einer Umfrage gemessen.",
    ),
    (
        "gescheitert",
        Lang::De,
        "network:ikone-ds",
        "Warum unsere Parkplatz-App gescheitert ist",
        "Die Sensoren fielen im Winter aus, und niemand hatte den Betrieb nach der Förderung geplant.",
    ),
    (
        "verwaltung",
        Lang::De,
        "public",
        "Digitale Verwaltung: Bauanträge online",
        "Seit dem Frühjahr stellen Bürgerinnen und Bürger Bauanträge über das Portal.",
    ),
    (
        "energie",
        Lang::De,
        "public",
        "Energiemonitoring für Schulen",
        "Zähler in zwölf Schulgebäuden zeigen den Verbrauch an Wärme und Strom in einem Dashboard.",
    ),
    (
        "parking-en",
        Lang::En,
        "public",
        "Sensors on parking spaces",
        "We installed sensors that report free parking spaces to a public data platform.",
    ),
    (
        "lessons-en",
        Lang::En,
        "network:ikone-ds",
        "Lessons learned from our failed sensor network",
        "The batteries of the sensors died after one winter; the network-only lessons we learned.",
    ),
    (
        "mobility-en",
        Lang::En,
        "public",
        "On-demand buses in rural districts",
        "Passengers book rides with an app; the buses pick them up at virtual stops.",
    ),
    (
        "rufbus",
        Lang::De,
        "public",
        "Rufbus auf dem Land",
        "Fahrgäste buchen Fahrten per App; der Bus holt sie an virtuellen Haltestellen ab.",
    ),
    (
        "wlan",
        Lang::De,
        "public",
        "Freies WLAN in der Fußgängerzone",
        "Zwanzig Zugangspunkte versorgen die Fußgängerzone; die Nutzung messen wir anonym.",
    ),
];

/// (query, reader is a member of ikone-ds, documents that must be in the top 5,
/// documents that must not appear at all)
const QUERIES: &[(&str, bool, &[&str], &[&str])] = &[
    // Stemming.
    (
        "Sensor",
        false,
        &["fuellstand", "parkplatz", "parking-en"],
        &["gescheitert", "lessons-en"],
    ),
    (
        "Sensoren",
        false,
        &["parkplatz", "fuellstand"],
        &["gescheitert"],
    ),
    // Compound parts.
    (
        "Parken",
        false,
        &["parkraum", "parkplatz"],
        &["gescheitert"],
    ),
    ("Parkplatzsensoren", false, &["parkplatz"], &["gescheitert"]),
    ("Management", false, &["parkraum"], &[]),
    ("Beteiligung", false, &["beteiligung"], &[]),
    ("Schule", false, &["energie"], &[]),
    // Folding.
    ("muell", false, &["muell"], &[]),
    ("Mull", false, &["muell"], &[]),
    ("Strassenbeleuchtung", false, &["licht"], &[]),
    ("Fussgaengerzone", false, &["wlan"], &[]),
    ("buergerbeteiligung", false, &["beteiligung"], &[]),
    // Multi-word.
    ("Akzeptanz gemessen", false, &["beteiligung"], &[]),
    ("Bus App", false, &["rufbus"], &[]),
    ("buses app", false, &["mobility-en"], &[]),
    (
        "freie Parkplätze Sensoren",
        false,
        &["parkplatz"],
        &["gescheitert"],
    ),
    // English analysed as English.
    ("parking sensors", false, &["parking-en"], &["lessons-en"]),
    ("buses", false, &["mobility-en"], &[]),
    // Network-only documents reach members only.
    ("gescheitert", false, &[], &["gescheitert"]),
    ("gescheitert", true, &["gescheitert"], &[]),
    ("Sensoren Winter", true, &["gescheitert"], &[]),
    ("failed sensor network", true, &["lessons-en"], &[]),
    ("failed sensor network", false, &[], &["lessons-en"]),
];

fn corpus() -> SearchIndex {
    let index = SearchIndex::in_memory().unwrap();
    let docs: Vec<Document> = CORPUS
        .iter()
        .map(|(key, lang, audience, title, text)| {
            let mut doc = Document::new(Kind::Experience, *key, *title, *text);
            doc.lang = *lang;
            doc.audience = vec![(*audience).to_owned()];
            doc
        })
        .collect();
    index.rebuild(docs, Some(1)).unwrap();
    index
}

#[test]
fn every_query_finds_what_it_must_and_nothing_it_must_not() {
    let index = corpus();
    let mut failures = Vec::new();
    for (query, member, must, must_not) in QUERIES {
        let audience = if *member {
            Audience::Keys(vec!["network:ikone-ds".to_owned()])
        } else {
            Audience::public()
        };
        let keys = |limit: usize| -> Vec<String> {
            let mut request = SearchRequest::new(*query, audience.clone());
            request.limit = limit;
            let results = index.search(&request).unwrap();
            results.hits.into_iter().map(|h| h.key).collect()
        };
        let top = keys(5);
        let all = keys(100);
        for key in *must {
            if !top.iter().any(|k| k == key) {
                failures.push(format!("{query:?}: {key} not in top 5 {top:?}"));
            }
        }
        for key in *must_not {
            if all.iter().any(|k| k == key) {
                failures.push(format!("{query:?}: {key} must not appear, got {all:?}"));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn snippets_mark_the_matched_words_and_escape_the_rest() {
    let index = SearchIndex::in_memory().unwrap();
    let doc = Document::new(
        Kind::Experience,
        "x",
        "Titel",
        "Vorher <script>alert(1)</script> & danach: Füllstandssensoren an jedem Container.",
    );
    index.rebuild([doc], None).unwrap();
    let results = index
        .search(&SearchRequest::new("Sensor", Audience::public()))
        .unwrap();
    let html = results.hits[0].snippet.to_html();
    assert!(html.contains("<mark>Füllstandssensoren</mark>"), "{html}");
    assert!(!html.contains("<script>"), "{html}");
    assert!(html.contains("&lt;script&gt;"), "{html}");
}

#[test]
fn a_title_word_ranks_above_the_same_word_in_the_text() {
    let index = SearchIndex::in_memory().unwrap();
    let in_text = Document::new(
        Kind::Project,
        "text",
        "Ein Projekt",
        "Es geht um Straßenbeleuchtung.",
    );
    let in_title = Document::new(
        Kind::Project,
        "title",
        "Straßenbeleuchtung",
        "Es geht um ein Projekt.",
    );
    index.rebuild([in_text, in_title], None).unwrap();
    let results = index
        .search(&SearchRequest::new(
            "Straßenbeleuchtung",
            Audience::public(),
        ))
        .unwrap();
    let order: Vec<&str> = results.hits.iter().map(|h| h.key.as_str()).collect();
    assert_eq!(order, vec!["title", "text"]);
}

#[test]
fn paging_facets_and_filters() {
    let index = SearchIndex::in_memory().unwrap();
    let docs: Vec<Document> = (0..25)
        .map(|i| {
            let mut doc = Document::new(
                if i % 5 == 0 {
                    Kind::Project
                } else {
                    Kind::Experience
                },
                format!("d{i:02}"),
                format!("Sensoren Nummer {i}"),
                "Sensoren im Test.",
            );
            doc.topics = vec![if i % 2 == 0 { "mobilitaet" } else { "energie" }.to_owned()];
            doc.states = vec!["DE-RP".to_owned()];
            doc
        })
        .collect();
    index.rebuild(docs, None).unwrap();
    let mut request = SearchRequest::new("Sensor", Audience::public());
    let first = index.search(&request).unwrap();
    assert_eq!(first.total, 25);
    assert_eq!(first.hits.len(), 10);
    assert_eq!(
        first.facets.kind,
        vec![("experience".to_owned(), 20), ("project".to_owned(), 5)]
    );
    assert_eq!(
        first.facets.topic,
        vec![("mobilitaet".to_owned(), 13), ("energie".to_owned(), 12)]
    );
    request.offset = 20;
    let last = index.search(&request).unwrap();
    assert_eq!(last.hits.len(), 5);
    let mut seen: Vec<String> = first.hits.iter().map(|h| h.key.clone()).collect();
    seen.extend(last.hits.iter().map(|h| h.key.clone()));
    seen.sort();
    seen.dedup();
    assert_eq!(seen.len(), 15, "pages do not overlap");

    request.offset = 0;
    request.kinds = vec![Kind::Project];
    request.topic = Some("mobilitaet".to_owned());
    let filtered = index.search(&request).unwrap();
    assert_eq!(filtered.total, 3, "projects 0, 10, 20");
}

#[test]
fn a_query_without_words_finds_nothing_and_any_text_is_a_query() {
    let index = corpus();
    for text in ["", "   ", "und der die", "!!!", "\u{0}\u{7}", "((((", "*"] {
        let results = index
            .search(&SearchRequest::new(text, Audience::public()))
            .unwrap();
        assert_eq!(results.total, 0, "{text:?}");
    }
    let long = "Parkraummanagement ".repeat(2_000);
    let results = index
        .search(&SearchRequest::new(long, Audience::public()))
        .unwrap();
    assert!(results.total >= 1);
}

#[test]
fn a_missing_word_relaxes_the_search_and_says_so() {
    let index = corpus();
    let results = index
        .search(&SearchRequest::new(
            "Müllabfuhr Quantencomputer",
            Audience::public(),
        ))
        .unwrap();
    assert!(results.relaxed);
    assert_eq!(results.hits[0].key, "muell");
}

#[test]
fn the_index_on_disk_keeps_its_documents_and_position() {
    let dir = std::env::temp_dir().join(format!("knotenpunkt-search-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let doc = Document::new(Kind::Project, "p", "Rufbus", "Auf dem Land.");
    {
        let index = SearchIndex::open(&dir).unwrap();
        assert_eq!(index.position().unwrap(), None);
        index
            .apply(std::slice::from_ref(&doc), &[], Some(42))
            .unwrap();
        // A second writer on the same directory is refused with a clear error.
        match SearchIndex::open(&dir) {
            Err(knotenpunkt_search::SearchError::Locked(path)) => assert_eq!(path, dir),
            other => panic!("expected Locked, got {:?}", other.map(|_| ())),
        }
    }
    let index = SearchIndex::open(&dir).unwrap();
    assert_eq!(index.position().unwrap(), Some(42));
    assert_eq!(index.len(), 1);
    let digests = index.digests().unwrap();
    assert_eq!(digests.len(), 1);
    assert_eq!(digests["p"], doc.digest());
    let mut changed = doc.clone();
    changed.text.push_str(" Neu.");
    assert_ne!(changed.digest(), doc.digest());
    let results = index
        .search(&SearchRequest::new("Rufbusse", Audience::public()))
        .unwrap();
    assert_eq!(results.total, 1);
    let _ = std::fs::remove_dir_all(&dir);
}
