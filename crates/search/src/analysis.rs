//! How a text becomes the terms the index stores and a query looks up.
//!
//! German search fails in three ways with a plain analyzer, and each filter
//! here answers one of them:
//!
//! - **Spelling variants.** People type "muell" for "Müll" and "Strasse" for
//!   "Straße". tantivy's ASCII folding turns ü into u and ß into ss; the
//!   digraph fold ([`fold_digraphs`]) turns "ue", "oe" and "ae" into u, o and
//!   a as well, so all three spellings of a word meet in one term.
//! - **Compounds.** "Parkraummanagement" must be found by "Parken".
//!   [`Decompounder`] splits a word into the parts of a word list, allowing the
//!   linking elements German puts between them (Füllstand-s-sensoren) and an
//!   inflection at the end; the whole word and its parts are stored at the
//!   same position, so exact words still rank first. tantivy's own
//!   `SplitCompoundWords` drops the whole word and knows no linking elements.
//! - **Inflection.** Snowball's German stemmer (Sensoren → sensor) runs last,
//!   on the whole word and on each part.
//!
//! English texts get lowercasing, folding, English stop words and the English
//! stemmer. Both pipelines are used at index time and at query time, so a
//! query term and a stored term agree by construction.

use std::collections::HashSet;
use std::sync::{Arc, OnceLock};

use aho_corasick::{AhoCorasick, MatchKind};
use tantivy::tokenizer::{
    AsciiFoldingFilter, Language, LowerCaser, RawTokenizer, RemoveLongFilter, SimpleTokenizer,
    Stemmer, StopWordFilter, TextAnalyzer, Token, TokenFilter, TokenStream, Tokenizer,
};

/// The name under which the German pipeline is registered with an index.
pub const GERMAN: &str = "knotenpunkt_de";
/// The name under which the English pipeline is registered with an index.
pub const ENGLISH: &str = "knotenpunkt_en";

/// Longer "words" are identifiers, hashes or URLs run together; they would
/// only bloat the term dictionary.
const MAX_WORD_BYTES: usize = 64;

/// The word list the splitter knows (see the file's header for its licence
/// and how to extend it).
const GERMAN_PARTS: &str = include_str!("../data/de-parts.txt");

/// Linking elements (Fugenelemente) between two parts, after folding.
const LINKS: &[&str] = &["s", "es", "n", "en", "e", "er", "ens"];
/// Endings a compound's last part may carry (plural, case), after folding.
const ENDINGS: &[&str] = &[
    "e", "en", "n", "s", "es", "er", "ern", "nen", "ns", "in", "innen", "se",
];
/// A word is split into at most this many parts; beyond it, a split is more
/// likely an accident of short dictionary words than a real compound.
const MAX_PARTS: usize = 6;
/// Words shorter than this are never split: no German compound of two real
/// parts is shorter.
const MIN_SPLIT_BYTES: usize = 6;

/// The German analyzer: simple tokens, lowercase, German stop words, folding,
/// compound parts, German stems.
pub fn german() -> TextAnalyzer {
    // Built once: the stop word sets and the splitter are shared by clones.
    static GERMAN_ANALYZER: OnceLock<TextAnalyzer> = OnceLock::new();
    GERMAN_ANALYZER.get_or_init(build_german).clone()
}

fn build_german() -> TextAnalyzer {
    TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(MAX_WORD_BYTES))
        .filter(LowerCaser)
        .filter(stop_words(Language::German))
        .filter(AsciiFoldingFilter)
        .filter(DigraphFold)
        .filter(SplitCompounds {
            splitter: Decompounder::german(),
        })
        .filter(Stemmer::new(Language::German))
        .build()
}

/// The English analyzer: simple tokens, lowercase, English stop words,
/// folding, English stems.
pub fn english() -> TextAnalyzer {
    static ENGLISH_ANALYZER: OnceLock<TextAnalyzer> = OnceLock::new();
    ENGLISH_ANALYZER.get_or_init(build_english).clone()
}

fn build_english() -> TextAnalyzer {
    TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(MAX_WORD_BYTES))
        .filter(LowerCaser)
        .filter(stop_words(Language::English))
        .filter(AsciiFoldingFilter)
        .filter(Stemmer::new(Language::English))
        .build()
}

/// The German analyzer for marking `terms` in a snippet: the same terms
/// come out for every word that can produce one of them, and every other
/// word is passed over without splitting or stemming, which is most of the
/// work of analysing a text. (Stop words need no filter here: no query
/// term is one.)
pub fn german_marking(terms: &[String]) -> TextAnalyzer {
    TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(MAX_WORD_BYTES))
        .filter(Gate::new(terms, true))
        .filter(SplitCompounds {
            splitter: Decompounder::german(),
        })
        .filter(Stemmer::new(Language::German))
        .build()
}

/// The English analyzer for marking `terms` (see [`german_marking`]).
pub fn english_marking(terms: &[String]) -> TextAnalyzer {
    TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(MAX_WORD_BYTES))
        .filter(Gate::new(terms, false))
        .filter(Stemmer::new(Language::English))
        .build()
}

/// Lowercases and folds each word as the analyzers do (German also folds
/// digraphs), then empties every word that cannot yield one of the terms. A
/// stem is the word's beginning, and a compound part's stem lies inside the
/// word, so a word can only yield a term it contains — up to the term's
/// last letter, which a stemmer may have rewritten (English "happy" →
/// "happi"). Most words of a text are plain ASCII, and for them lowercasing
/// in place is all the folding there is; only the others go through
/// tantivy's filters.
#[derive(Clone)]
struct Gate {
    /// The terms' cores, searched for in each word at once.
    cores: Arc<Option<AhoCorasick>>,
    digraphs: bool,
}

impl Gate {
    fn new(terms: &[String], digraphs: bool) -> Gate {
        let cores = terms
            .iter()
            .map(|t| {
                let mut core = t.clone();
                if core.chars().count() >= 4 {
                    core.pop();
                }
                core
            })
            .collect::<Vec<String>>();
        // Building fails only for patterns far beyond any query's size;
        // then no word is marked and snippets show the text's opening.
        let cores = AhoCorasick::new(cores.iter().filter(|c| !c.is_empty())).ok();
        Gate {
            cores: Arc::new(cores),
            digraphs,
        }
    }
}

/// Lowercase and ASCII folding of one non-ASCII word, as the analyzers do.
fn fold_unicode(word: &str) -> String {
    thread_local! {
        static FOLD: std::cell::RefCell<TextAnalyzer> = std::cell::RefCell::new(
            TextAnalyzer::builder(RawTokenizer::default())
                .filter(LowerCaser)
                .filter(AsciiFoldingFilter)
                .build(),
        );
    }
    FOLD.with(|fold| {
        let mut fold = fold.borrow_mut();
        let mut stream = fold.token_stream(word);
        let mut out = String::with_capacity(word.len());
        while stream.advance() {
            out.push_str(&stream.token().text);
        }
        out
    })
}

impl TokenFilter for Gate {
    type Tokenizer<T: Tokenizer> = GateFilter<T>;

    fn transform<T: Tokenizer>(self, tokenizer: T) -> GateFilter<T> {
        GateFilter {
            cores: self.cores,
            digraphs: self.digraphs,
            inner: tokenizer,
        }
    }
}

#[derive(Clone)]
struct GateFilter<T> {
    cores: Arc<Option<AhoCorasick>>,
    digraphs: bool,
    inner: T,
}

impl<T: Tokenizer> Tokenizer for GateFilter<T> {
    type TokenStream<'a> = GateStream<'a, T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        GateStream {
            cores: &self.cores,
            digraphs: self.digraphs,
            tail: self.inner.token_stream(text),
        }
    }
}

struct GateStream<'a, T> {
    cores: &'a Option<AhoCorasick>,
    digraphs: bool,
    tail: T,
}

impl<T: TokenStream> TokenStream for GateStream<'_, T> {
    fn advance(&mut self) -> bool {
        if !self.tail.advance() {
            return false;
        }
        let token = self.tail.token_mut();
        if token.text.is_ascii() {
            token.text.make_ascii_lowercase();
        } else {
            token.text = fold_word(&token.text);
        }
        if self.digraphs
            && let Some(folded) = fold_digraphs(&token.text)
        {
            token.text = folded;
        }
        // The word stays in the stream (empty) even when it cannot yield a
        // term: the snippet's fragments are measured over all words.
        if !self
            .cores
            .as_ref()
            .is_some_and(|cores| cores.is_match(token.text.as_str()))
        {
            token.text.clear();
        }
        true
    }

    fn token(&self) -> &Token {
        self.tail.token()
    }

    fn token_mut(&mut self) -> &mut Token {
        self.tail.token_mut()
    }
}

/// Lowercase and ASCII folding of one non-ASCII word. German words need
/// only their umlauts and ß folded, which is done here directly; a word
/// with any other letter goes through tantivy's filters, whose folding is
/// the one the index was built with.
fn fold_word(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    for c in word.chars() {
        match c {
            c if c.is_ascii() => out.push(c.to_ascii_lowercase()),
            'ä' | 'Ä' => out.push('a'),
            'ö' | 'Ö' => out.push('o'),
            'ü' | 'Ü' => out.push('u'),
            'ß' => out.push_str("ss"),
            _ => return fold_unicode(word),
        }
    }
    out
}

fn stop_words(language: Language) -> StopWordFilter {
    // Both languages have a list with the `stopwords` feature; an empty
    // filter keeps the pipeline's type if that ever changes.
    StopWordFilter::new(language).unwrap_or_else(|| StopWordFilter::remove(Vec::new()))
}

/// The terms `analyzer` makes of `text`, grouped by position: the first term
/// of a group is the whole word, the rest are its compound parts.
pub fn words(analyzer: &mut TextAnalyzer, text: &str) -> Vec<Vec<String>> {
    let mut groups: Vec<(usize, Vec<String>)> = Vec::new();
    let mut stream = analyzer.token_stream(text);
    while stream.advance() {
        let token = stream.token();
        match groups.last_mut() {
            Some((position, terms)) if *position == token.position => {
                if !terms.contains(&token.text) {
                    terms.push(token.text.clone());
                }
            }
            _ => groups.push((token.position, vec![token.text.clone()])),
        }
    }
    groups.into_iter().map(|(_, terms)| terms).collect()
}

/// Replaces "ae", "oe" and "ue" by "a", "o" and "u" in `word`, so that the
/// transcriptions of ä, ö and ü meet the folded umlauts. Returns `None` when
/// nothing changed.
pub fn fold_digraphs(word: &str) -> Option<String> {
    // One pass over the bytes: this runs for every word of every text.
    let has_digraph = word
        .as_bytes()
        .windows(2)
        .any(|pair| matches!(pair, [b'a' | b'o' | b'u', b'e']));
    if !has_digraph {
        return None;
    }
    let mut out = String::with_capacity(word.len());
    let mut chars = word.chars().peekable();
    while let Some(c) = chars.next() {
        out.push(c);
        if matches!(c, 'a' | 'o' | 'u') && chars.peek() == Some(&'e') {
            chars.next();
        }
    }
    Some(out)
}

/// Folds a word the way the German pipeline does before splitting:
/// lowercase, ASCII folding, digraphs. The word list goes through this so
/// that it matches the folded text.
pub fn fold_german(word: &str) -> String {
    let mut analyzer = TextAnalyzer::builder(RawTokenizer::default())
        .filter(LowerCaser)
        .filter(AsciiFoldingFilter)
        .filter(DigraphFold)
        .build();
    let mut stream = analyzer.token_stream(word.trim());
    let mut out = String::new();
    while stream.advance() {
        out.push_str(&stream.token().text);
    }
    out
}

/// The digraph fold as a tantivy token filter.
#[derive(Clone)]
struct DigraphFold;

impl TokenFilter for DigraphFold {
    type Tokenizer<T: Tokenizer> = DigraphFoldFilter<T>;

    fn transform<T: Tokenizer>(self, tokenizer: T) -> DigraphFoldFilter<T> {
        DigraphFoldFilter { inner: tokenizer }
    }
}

#[derive(Clone)]
struct DigraphFoldFilter<T> {
    inner: T,
}

impl<T: Tokenizer> Tokenizer for DigraphFoldFilter<T> {
    type TokenStream<'a> = DigraphFoldStream<T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        DigraphFoldStream {
            tail: self.inner.token_stream(text),
        }
    }
}

struct DigraphFoldStream<T> {
    tail: T,
}

impl<T: TokenStream> TokenStream for DigraphFoldStream<T> {
    fn advance(&mut self) -> bool {
        if !self.tail.advance() {
            return false;
        }
        if let Some(folded) = fold_digraphs(&self.tail.token().text) {
            self.tail.token_mut().text = folded;
        }
        true
    }

    fn token(&self) -> &Token {
        self.tail.token()
    }

    fn token_mut(&mut self) -> &mut Token {
        self.tail.token_mut()
    }
}

/// Splits folded German words into the parts of a word list.
///
/// A split covers the whole word: parts from the list, each but the last
/// optionally followed by a linking element, the last optionally followed by
/// an ending. Of all splits the finest wins (most parts, then the longest
/// first part), because a search for any part should find the compound:
/// "parkplatze" splits into park and platz even when "parkplatz" is listed.
#[derive(Clone)]
pub struct Decompounder {
    automaton: Option<AhoCorasick>,
    words: Arc<HashSet<String>>,
}

impl Decompounder {
    /// The splitter over the shipped German word list, built once.
    pub fn german() -> Decompounder {
        static GERMAN_SPLITTER: OnceLock<Decompounder> = OnceLock::new();
        GERMAN_SPLITTER
            .get_or_init(|| Decompounder::new(word_list(GERMAN_PARTS)))
            .clone()
    }

    /// A splitter over `words` (already folded, at least three bytes each;
    /// shorter ones are ignored).
    pub fn new(words: impl IntoIterator<Item = String>) -> Decompounder {
        let words: HashSet<String> = words.into_iter().filter(|w| w.len() >= 3).collect();
        let mut sorted: Vec<&String> = words.iter().collect();
        sorted.sort();
        // Standard match semantics are what overlapping search needs. Building
        // fails only beyond a size limit far above any word list; then the
        // splitter splits nothing, which costs recall, never correctness.
        let automaton = AhoCorasick::builder()
            .match_kind(MatchKind::Standard)
            .build(&sorted)
            .ok();
        Decompounder {
            automaton,
            words: Arc::new(words),
        }
    }

    /// Whether `word` (folded) is in the list.
    pub fn knows(&self, word: &str) -> bool {
        self.words.contains(word)
    }

    /// The parts of `word` (folded), or `None` when it is not a compound of
    /// listed words.
    pub fn split<'w>(&self, word: &'w str) -> Option<Vec<&'w str>> {
        let n = word.len();
        let automaton = self.automaton.as_ref()?;
        if n < MIN_SPLIT_BYTES {
            return None;
        }
        // Listed words starting at each byte position, by their end.
        let mut ends: Vec<Vec<usize>> = vec![Vec::new(); n];
        for found in automaton.find_overlapping_iter(word) {
            ends[found.start()].push(found.end());
        }
        // best[i]: the finest split of word[i..] as (parts, first part's end,
        // where the next part starts).
        let mut best: Vec<Option<(usize, usize, usize)>> = vec![None; n + 1];
        for i in (0..n).rev() {
            // Candidates as (parts, first part's end, next part's start).
            let mut candidates: Vec<(usize, usize, usize)> = Vec::new();
            for &end in &ends[i] {
                let rest = &word[end..];
                if rest.is_empty() || ENDINGS.contains(&rest) {
                    candidates.push((1, end, n));
                }
                if end < n {
                    if let Some((p, _, _)) = best[end] {
                        candidates.push((p + 1, end, end));
                    }
                    for link in LINKS {
                        let next = end + link.len();
                        if next < n
                            && rest.starts_with(link)
                            && let Some((p, _, _)) = best[next]
                        {
                            candidates.push((p + 1, end, next));
                        }
                    }
                }
            }
            best[i] = candidates
                .into_iter()
                .filter(|(parts, _, _)| *parts <= MAX_PARTS)
                .max_by(|a, b| a.0.cmp(&b.0).then(a.1.cmp(&b.1)).then(b.2.cmp(&a.2)));
        }
        let (parts, _, _) = best[0]?;
        if parts < 2 {
            return None;
        }
        let mut out = Vec::with_capacity(parts);
        let mut at = 0;
        while at < n {
            let (_, end, next) = best[at]?;
            out.push(&word[at..end]);
            at = next;
        }
        Some(out)
    }
}

/// The folded words of a word list file: one per line, `#` starts a comment.
pub fn word_list(text: &str) -> Vec<String> {
    text.lines()
        .map(str::trim)
        .filter(|line| !line.is_empty() && !line.starts_with('#'))
        .map(fold_german)
        .filter(|word| word.len() >= 3)
        .collect()
}

/// The splitter as a tantivy token filter: the whole word, then its parts,
/// all at the word's position and offsets (so a snippet marks the whole word
/// when a part matched).
#[derive(Clone)]
struct SplitCompounds {
    splitter: Decompounder,
}

impl TokenFilter for SplitCompounds {
    type Tokenizer<T: Tokenizer> = SplitCompoundsFilter<T>;

    fn transform<T: Tokenizer>(self, tokenizer: T) -> SplitCompoundsFilter<T> {
        SplitCompoundsFilter {
            splitter: self.splitter,
            inner: tokenizer,
        }
    }
}

#[derive(Clone)]
struct SplitCompoundsFilter<T> {
    splitter: Decompounder,
    inner: T,
}

impl<T: Tokenizer> Tokenizer for SplitCompoundsFilter<T> {
    type TokenStream<'a> = SplitCompoundsStream<'a, T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        SplitCompoundsStream {
            splitter: &self.splitter,
            tail: self.inner.token_stream(text),
            pending: Vec::new(),
            current: None,
        }
    }
}

struct SplitCompoundsStream<'a, T> {
    splitter: &'a Decompounder,
    tail: T,
    /// Parts still to hand out, in reverse order.
    pending: Vec<Token>,
    /// The part being handed out, if any (else the tail's token).
    current: Option<Token>,
}

impl<T: TokenStream> TokenStream for SplitCompoundsStream<'_, T> {
    fn advance(&mut self) -> bool {
        if let Some(part) = self.pending.pop() {
            self.current = Some(part);
            return true;
        }
        self.current = None;
        if !self.tail.advance() {
            return false;
        }
        let token = self.tail.token();
        if let Some(parts) = self.splitter.split(&token.text) {
            for part in parts.iter().rev() {
                if *part != token.text {
                    self.pending.push(Token {
                        text: (*part).to_owned(),
                        ..token.clone()
                    });
                }
            }
        }
        true
    }

    fn token(&self) -> &Token {
        self.current.as_ref().unwrap_or_else(|| self.tail.token())
    }

    fn token_mut(&mut self) -> &mut Token {
        match self.current.as_mut() {
            Some(token) => token,
            None => self.tail.token_mut(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn terms(text: &str) -> Vec<Vec<String>> {
        words(&mut german(), text)
    }

    proptest::proptest! {
        /// The snippet gate's own folding of German letters agrees with
        /// tantivy's filters, which built the index.
        #[test]
        fn the_gate_folds_as_the_index_folds(word in "[a-zA-ZäöüÄÖÜßẞéÉçñ]{1,12}") {
            proptest::prop_assert_eq!(fold_word(&word), fold_unicode(&word));
        }
    }

    #[test]
    fn umlauts_digraphs_and_sharp_s_meet_in_one_term() {
        assert_eq!(terms("Müll"), terms("muell"));
        assert_eq!(terms("Müll"), terms("Mull"));
        assert_eq!(terms("Straßenbeleuchtung"), terms("Strassenbeleuchtung"));
        assert_eq!(terms("Bürgerbeteiligung"), terms("Buergerbeteiligung"));
    }

    #[test]
    fn stems_meet() {
        assert_eq!(terms("Sensoren")[0][0], terms("Sensor")[0][0]);
        assert_eq!(terms("Parken")[0][0], "park");
    }

    #[test]
    fn compounds_carry_their_parts_at_one_position() {
        let found = terms("Parkraummanagement");
        assert_eq!(found.len(), 1, "{found:?}");
        let park = terms("Parken")[0][0].clone();
        assert!(found[0].contains(&park), "{found:?}");
        let sensor = terms("Sensor")[0][0].clone();
        let fill = terms("Füllstandssensoren");
        assert!(fill[0].contains(&sensor), "{fill:?}");
    }

    #[test]
    fn splits_use_linking_elements_and_endings() {
        let splitter = Decompounder::new(
            [
                "full",
                "stand",
                "sensor",
                "park",
                "platz",
                "strasse",
                "beleuchtung",
            ]
            .map(String::from),
        );
        assert_eq!(
            splitter.split("fullstandssensoren"),
            Some(vec!["full", "stand", "sensor"])
        );
        assert_eq!(splitter.split("parkplatze"), Some(vec!["park", "platz"]));
        assert_eq!(
            splitter.split("strassenbeleuchtung"),
            Some(vec!["strasse", "beleuchtung"])
        );
        assert_eq!(splitter.split("sensoren"), None, "one part is no compound");
        assert_eq!(splitter.split("parkxplatz"), None, "a gap is no compound");
    }

    #[test]
    fn the_shipped_list_is_folded_and_splits_common_compounds() {
        let splitter = Decompounder::german();
        for (word, part) in [
            ("parkraummanagement", "park"),
            ("fullstandssensoren", "sensor"),
            ("strassenbeleuchtung", "beleuchtung"),
            ("burgerbeteiligung", "beteiligung"),
        ] {
            let parts = splitter.split(word).unwrap_or_default();
            assert!(parts.contains(&part), "{word}: {parts:?}");
        }
        assert!(!splitter.knows("müll"), "the list is folded");
    }

    #[test]
    fn marking_analyzers_yield_the_same_terms_for_words_that_matter() {
        let text = "Füllstandssensoren, Parkplätze und happy studies über Straßenbeleuchtung";
        let full = terms(text);
        let wanted = ["sensor", "platz", "strassenbeleucht"].map(String::from);
        let marked = words(&mut german_marking(&wanted), text);
        // The same groups for the words that yield a wanted term (stop
        // words are not removed for marking, so positions differ).
        let yielding = |groups: &[Vec<String>]| -> Vec<Vec<String>> {
            groups
                .iter()
                .filter(|g| g.iter().any(|t| wanted.contains(t)))
                .cloned()
                .collect()
        };
        assert_eq!(yielding(&full).len(), 3, "{full:?}");
        assert_eq!(yielding(&full), yielding(&marked), "{marked:?}");
        let english_terms = ["happi", "studi"].map(String::from);
        let marked = words(&mut english_marking(&english_terms), "happy studies");
        assert_eq!(marked, words(&mut english(), "happy studies"));
    }

    #[test]
    fn english_is_analysed_as_english() {
        assert_eq!(
            words(&mut english(), "parking sensors"),
            vec![vec!["park".to_owned()], vec!["sensor".to_owned()]]
        );
    }

    proptest::proptest! {
        /// Any text analyses without panicking, and every split is made of
        /// listed words joined by linking elements, ending in an ending.
        #[test]
        fn any_text_analyses_and_splits_cover_the_word(
            text in "\\PC{0,40}",
            parts in proptest::collection::vec(0usize..12, 1..5),
            links in proptest::collection::vec(0usize..8, 4),
        ) {
            let _ = words(&mut german(), &text);
            let _ = words(&mut english(), &text);
            let list = ["park", "raum", "platz", "sensor", "daten", "full", "stand",
                "bus", "weg", "strasse", "licht", "netz"];
            let splitter = Decompounder::new(list.map(String::from));
            let mut word = String::new();
            for (i, p) in parts.iter().enumerate() {
                word.push_str(list[*p]);
                if i + 1 < parts.len() {
                    word.push_str(["", "", "", "s", "es", "n", "en", "e"][links[i % 4]]);
                }
            }
            match splitter.split(&word) {
                None => proptest::prop_assert!(parts.len() < 2 || word.len() < MIN_SPLIT_BYTES),
                Some(found) => {
                    proptest::prop_assert!(found.len() >= 2);
                    let mut at = 0;
                    for part in &found {
                        proptest::prop_assert!(splitter.knows(part), "{part} unknown");
                        let pos = word[at..].find(part).map(|p| p + at);
                        proptest::prop_assert!(pos.is_some(), "{part} not in order in {word}");
                        let pos = pos.unwrap_or_default();
                        let gap = &word[at..pos];
                        proptest::prop_assert!(at == 0 && gap.is_empty() || LINKS.contains(&gap) || gap.is_empty(), "gap {gap:?} in {word}");
                        at = pos + part.len();
                    }
                    let tail = &word[at..];
                    proptest::prop_assert!(tail.is_empty() || ENDINGS.contains(&tail), "tail {tail:?} in {word}");
                }
            }
        }
    }
}
