//! What a reader may not see leaves no trace in what they get: for any set of
//! documents and any reader, searching the full index gives exactly what
//! searching an index of only the reader's documents gives — the same hits,
//! totals, facets, snippets and scores.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use knotenpunkt_search::{
    Audience, Document, Kind, Lang, PUBLIC, SearchIndex, SearchRequest, SimilarRequest,
};
use proptest::prelude::*;

const WORDS: &[&str] = &[
    "Parkraummanagement",
    "Sensoren",
    "Parkplätze",
    "Müllabfuhr",
    "Straßenbeleuchtung",
    "Bürgerbeteiligung",
    "Verwaltung",
    "gescheitert",
    "Plattform",
    "Daten",
    "sensors",
    "parking",
    "lessons",
];
const AUDIENCES: &[&str] = &[PUBLIC, "network:a", "network:b", "group:x"];
const TOPICS: &[&str] = &["mobilitaet", "verwaltung", "energie"];

fn document() -> impl Strategy<Value = (usize, Vec<usize>, Vec<usize>, usize, bool, usize)> {
    (
        0..12usize,                                  // key (repeats replace)
        prop::collection::vec(0..WORDS.len(), 1..8), // words of the text
        prop::collection::vec(0..WORDS.len(), 0..3), // words of the title
        0..AUDIENCES.len(),                          // audience
        any::<bool>(),                               // English?
        0..TOPICS.len(),                             // topic
    )
}

fn make(spec: &(usize, Vec<usize>, Vec<usize>, usize, bool, usize)) -> Document {
    let (key, text, title, audience, english, topic) = spec;
    let words = |ids: &[usize]| ids.iter().map(|i| WORDS[*i]).collect::<Vec<_>>().join(" ");
    let mut doc = Document::new(
        if key % 2 == 0 {
            Kind::Experience
        } else {
            Kind::Project
        },
        format!("doc:{key}"),
        words(title),
        words(text),
    );
    doc.audience = vec![AUDIENCES[*audience].to_owned()];
    doc.lang = if *english { Lang::En } else { Lang::De };
    doc.topics = vec![TOPICS[*topic].to_owned()];
    doc.networks = match AUDIENCES[*audience] {
        "network:a" => vec!["a".to_owned()],
        "network:b" => vec!["b".to_owned()],
        _ => Vec::new(),
    };
    doc.outcome = Some(if key % 3 == 0 { "failed" } else { "success" }.to_owned());
    doc
}

fn sees(keys: &[String], doc: &Document) -> bool {
    doc.audience
        .iter()
        .any(|a| a == PUBLIC || keys.iter().any(|k| k == a))
}

/// A page of results as it can be compared across indexes: hits by key
/// (ties may come in any order) with score and snippet.
type Comparable = (
    u64,
    Vec<(String, f32, String)>,
    knotenpunkt_search::Facets,
    bool,
);

fn comparable(index: &SearchIndex, request: &SearchRequest) -> Comparable {
    let results = index.search(request).expect("search");
    let mut hits: Vec<(String, f32, String)> = results
        .hits
        .iter()
        .map(|h| (h.key.clone(), h.score, h.snippet.to_html()))
        .collect();
    hits.sort_by(|a, b| a.0.cmp(&b.0));
    (results.total, hits, results.facets, results.relaxed)
}

/// Whether two scores are the same score. The same statistics give the same
/// score, but a query's parts may be summed in another order in another
/// segment layout, which moves the last bits of a float.
fn same_score(a: f32, b: f32) -> bool {
    (a - b).abs() <= 1e-4 * a.abs().max(1.0)
}

/// Everything equal, scores as [`same_score`] says.
fn same(a: &Comparable, b: &Comparable) -> bool {
    a.0 == b.0
        && a.2 == b.2
        && a.3 == b.3
        && a.1.len() == b.1.len()
        && a.1
            .iter()
            .zip(&b.1)
            .all(|(x, y)| x.0 == y.0 && x.2 == y.2 && same_score(x.1, y.1))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn hidden_documents_leave_no_trace(
        batches in prop::collection::vec(prop::collection::vec(document(), 1..10), 1..4),
        deletes in prop::collection::vec(0..12usize, 0..3),
        reader in prop::collection::vec(1..AUDIENCES.len(), 0..2),
        query in prop::collection::vec(0..WORDS.len(), 1..3),
    ) {
        let keys: Vec<String> = reader.iter().map(|i| AUDIENCES[*i].to_owned()).collect();
        let full = SearchIndex::in_memory().expect("index");
        let mut live: std::collections::BTreeMap<String, Document> = Default::default();
        for (n, batch) in batches.iter().enumerate() {
            let docs: Vec<Document> = batch.iter().map(make).collect();
            let gone: Vec<String> = if n == 1 {
                deletes.iter().map(|k| format!("doc:{k}")).collect()
            } else {
                Vec::new()
            };
            full.apply(&docs, &gone, Some(n as u64)).expect("apply");
            for key in &gone {
                live.remove(key);
            }
            for doc in docs {
                live.insert(doc.key.clone(), doc);
            }
        }
        let visible = SearchIndex::in_memory().expect("index");
        let theirs: Vec<Document> = live.values().filter(|d| sees(&keys, d)).cloned().collect();
        visible.rebuild(theirs, None).expect("rebuild");

        let text = query.iter().map(|i| WORDS[*i]).collect::<Vec<_>>().join(" ");
        let mut request = SearchRequest::new(text, Audience::Keys(keys.clone()));
        request.limit = 100;
        let (seen, expected) = (comparable(&full, &request), comparable(&visible, &request));
        prop_assert!(same(&seen, &expected), "{:?}\n!=\n{:?}", seen, expected);
        // And everything the full index answers is the reader's.
        for hit in full.search(&request).expect("search").hits {
            prop_assert!(sees(&keys, &live[&hit.key]), "{} leaked", hit.key);
        }
        // Filtering by a facet keeps the property.
        request.topic = Some(TOPICS[0].to_owned());
        let (seen, expected) = (comparable(&full, &request), comparable(&visible, &request));
        prop_assert!(same(&seen, &expected), "{:?}\n!=\n{:?}", seen, expected);
        // So do similar documents, for every source.
        for key in live.keys() {
            let like = SimilarRequest {
                key: key.clone(),
                audience: Audience::Keys(keys.clone()),
                kinds: Vec::new(),
                limit: 100,
            };
            let similar = |index: &SearchIndex| {
                let mut hits: Vec<(String, f32)> = index
                    .similar(&like)
                    .expect("similar")
                    .into_iter()
                    .map(|h| (h.key, h.score))
                    .collect();
                hits.sort_by(|a, b| a.0.cmp(&b.0));
                hits
            };
            let found = similar(&full);
            let expected = similar(&visible);
            prop_assert!(
                found.len() == expected.len()
                    && found.iter().zip(&expected).all(|(x, y)| x.0 == y.0 && same_score(x.1, y.1)),
                "similar to {}: {:?} != {:?}", key, found, expected
            );
            for (hit, _) in &found {
                prop_assert!(sees(&keys, &live[hit]) && hit != key, "{} leaked", hit);
            }
        }
    }
}

#[test]
fn an_outsider_never_finds_a_network_only_document() {
    let index = SearchIndex::in_memory().expect("index");
    let mut secret = Document::new(
        Kind::Experience,
        "experience:1",
        "Parkraummanagement gescheitert",
        "Die Sensoren fielen im Winter aus.",
    );
    secret.audience = vec!["network:ikone-ds".to_owned()];
    secret.networks = vec!["ikone-ds".to_owned()];
    secret.outcome = Some("failed".to_owned());
    let open = Document::new(
        Kind::Project,
        "project:1",
        "Parkraummanagement",
        "Sensoren melden freie Parkplätze.",
    );
    index.apply(&[secret, open], &[], Some(1)).expect("apply");

    let outsider = index
        .search(&SearchRequest::new("gescheitert", Audience::public()))
        .expect("search");
    assert_eq!(outsider.total, 0);
    assert!(outsider.facets.outcome.is_empty());
    assert!(outsider.facets.network.is_empty());

    let outsider = index
        .search(&SearchRequest::new("Sensoren", Audience::public()))
        .expect("search");
    assert_eq!(outsider.total, 1);
    assert_eq!(outsider.hits[0].key, "project:1");
    assert_eq!(outsider.facets.kind, vec![("project".to_owned(), 1)]);

    let member = index
        .search(&SearchRequest::new(
            "Sensoren",
            Audience::Keys(vec!["network:ikone-ds".to_owned()]),
        ))
        .expect("search");
    assert_eq!(member.total, 2);
    let admin = index
        .search(&SearchRequest::new("gescheitert", Audience::Everything))
        .expect("search");
    assert_eq!(admin.total, 1);
}
