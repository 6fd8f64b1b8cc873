//! The index: documents in, ranked hits out. Who is asking is part of the
//! query itself, so what a reader may not see is gone before anything is
//! ranked, counted or faceted.

use std::collections::HashMap;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard};

use tantivy::collector::{Count, FacetCollector, MultiCollector, TopDocs};
use tantivy::directory::MmapDirectory;
use tantivy::query::{BooleanQuery, BoostQuery, EmptyQuery, Occur, Query, TermQuery};
use tantivy::schema::{
    Facet, FacetOptions, Field, IndexRecordOption, STORED, STRING, Schema, TextFieldIndexing,
    TextOptions, Value,
};
use tantivy::snippet::SnippetGenerator;
use tantivy::{
    DocAddress, Index, IndexReader, IndexWriter, ReloadPolicy, Searcher, TantivyDocument,
    TantivyError, Term,
};

use crate::analysis::{self, ENGLISH, GERMAN};
use crate::document::{Document, Kind, Lang, PUBLIC};
use crate::error::SearchError;
use crate::filter::{BitSetCache, Groups};
use crate::stats::PublicStats;

/// A title word counts this much more than a word of the text.
const TITLE_BOOST: f32 = 2.5;
/// What a snippet may hold, in characters.
const SNIPPET_CHARS: usize = 220;
/// The indexing memory of the one writer thread; tantivy's minimum is 15 MB,
/// and the benchmark's 50,000 experiences build well within this.
const WRITER_MEMORY: usize = 64_000_000;
/// The version of the index's layout (its schema); raise it with every
/// change to `schema()`.
const LAYOUT: u32 = 2;
/// More hits than this per page are not shown anywhere.
pub const MAX_LIMIT: usize = 100;

/// Who is reading: the audience keys they hold, or everything (platform
/// admins).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Audience {
    Everything,
    /// The keys the reader holds; [`PUBLIC`] is always added.
    Keys(Vec<String>),
}

impl Audience {
    /// An anonymous reader: public documents only.
    pub fn public() -> Audience {
        Audience::Keys(Vec::new())
    }
}

/// A search as a reader asks it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchRequest {
    pub text: String,
    pub audience: Audience,
    /// Only these kinds (any of them); empty: all.
    pub kinds: Vec<Kind>,
    /// Facet filters (each must hold when set).
    pub topic: Option<String>,
    pub state: Option<String>,
    pub outcome: Option<String>,
    pub network: Option<String>,
    pub limit: usize,
    pub offset: usize,
}

impl SearchRequest {
    /// A search for `text` by `audience`, first page of ten, no filters.
    pub fn new(text: impl Into<String>, audience: Audience) -> SearchRequest {
        SearchRequest {
            text: text.into(),
            audience,
            kinds: Vec::new(),
            topic: None,
            state: None,
            outcome: None,
            network: None,
            limit: 10,
            offset: 0,
        }
    }
}

/// What to find documents like.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SimilarRequest {
    /// The key of the document others should be like.
    pub key: String,
    pub audience: Audience,
    /// Only these kinds (any of them); empty: all.
    pub kinds: Vec<Kind>,
    pub limit: usize,
}

/// How many of the source's words make the question "what is like it".
const SIMILAR_TERMS: usize = 16;
/// A shared field of action counts like this much of a shared word.
const TOPIC_WEIGHT: f32 = 2.0;

/// A piece of a document's text with the matched words' byte ranges.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Snippet {
    pub fragment: String,
    pub marks: Vec<Range<usize>>,
}

impl Snippet {
    /// The fragment as HTML, escaped, each matched word in `<mark>`.
    pub fn to_html(&self) -> String {
        let mut html = String::with_capacity(self.fragment.len() + 16);
        let mut from = 0;
        for mark in &self.marks {
            if mark.start < from || mark.end > self.fragment.len() {
                continue;
            }
            html.push_str(&htmlescape::encode_minimal(
                &self.fragment[from..mark.start],
            ));
            html.push_str("<mark>");
            html.push_str(&htmlescape::encode_minimal(&self.fragment[mark.clone()]));
            html.push_str("</mark>");
            from = mark.end;
        }
        html.push_str(&htmlescape::encode_minimal(&self.fragment[from..]));
        html
    }
}

/// One found document.
#[derive(Debug, Clone, PartialEq)]
pub struct Hit {
    pub key: String,
    pub kind: Option<Kind>,
    pub lang: Lang,
    pub title: String,
    pub url: String,
    pub organizations: Vec<String>,
    pub snippet: Snippet,
    pub score: f32,
}

/// How many of the found documents carry each value of a facet.
pub type FacetCounts = Vec<(String, u64)>;

/// The facets of a result, each sorted by count (then value).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Facets {
    pub kind: FacetCounts,
    pub topic: FacetCounts,
    pub state: FacetCounts,
    pub outcome: FacetCounts,
    pub network: FacetCounts,
}

/// A page of results.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct SearchResults {
    /// All documents found, not only this page's.
    pub total: u64,
    pub hits: Vec<Hit>,
    pub facets: Facets,
    /// No document had every word, so these are documents with any of them.
    pub relaxed: bool,
}

#[derive(Clone, Copy)]
struct Fields {
    key: Field,
    kind: Field,
    lang: Field,
    title_de: Field,
    /// The text as written, for snippets; stored, not searched.
    text_de: Field,
    /// Title and text together: every word of a query is looked up here,
    /// one posting list per term. (Title and text as two fields made each
    /// word a union of two lists, and intersecting unions cost the search
    /// more than anything else.) The title field adds the title's weight.
    words_de: Field,
    title_en: Field,
    text_en: Field,
    words_en: Field,
    url: Field,
    digest: Field,
    audience: Field,
    organization: Field,
    /// Every facet value of the document as `/dimension/value` in one field,
    /// so collecting the facets reads one column per found document.
    facets: Field,
}

impl Fields {
    fn text(&self) -> [Field; 4] {
        [self.title_de, self.words_de, self.title_en, self.words_en]
    }
}

fn schema() -> (Schema, Fields) {
    let mut builder = Schema::builder();
    let analysed = |tokenizer: &str| {
        TextOptions::default().set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer(tokenizer)
                .set_index_option(IndexRecordOption::WithFreqs),
        )
    };
    let fields = Fields {
        key: builder.add_text_field("key", STRING | STORED),
        kind: builder.add_text_field("kind", STORED),
        lang: builder.add_text_field("lang", STORED),
        title_de: builder.add_text_field("title_de", analysed(GERMAN).set_stored()),
        text_de: builder.add_text_field("text_de", STORED),
        words_de: builder.add_text_field("words_de", analysed(GERMAN)),
        title_en: builder.add_text_field("title_en", analysed(ENGLISH).set_stored()),
        text_en: builder.add_text_field("text_en", STORED),
        words_en: builder.add_text_field("words_en", analysed(ENGLISH)),
        url: builder.add_text_field("url", STORED),
        digest: builder.add_u64_field("digest", STORED),
        audience: builder.add_text_field("audience", STRING),
        organization: builder.add_text_field("organization", STRING | STORED),
        // Stored too: similar documents are found by their fields of action.
        facets: builder.add_facet_field("facets", FacetOptions::default().set_stored()),
    };
    (builder.build(), fields)
}

/// The search index of one process. It is derived data: the database is the
/// truth, and the index can always be rebuilt from it.
pub struct SearchIndex {
    index: Index,
    reader: IndexReader,
    writer: Mutex<IndexWriter>,
    fields: Fields,
    stats: Mutex<Option<Arc<PublicStats>>>,
    /// The filter terms' documents, per segment of the current generation.
    bitsets: Mutex<BitSetCache>,
}

impl SearchIndex {
    /// An index in memory (tests, and a server that rebuilds at every start).
    pub fn in_memory() -> Result<SearchIndex, SearchError> {
        let (schema, _) = schema();
        SearchIndex::from_index(Index::create_in_ram(schema), None)
    }

    /// The index in `dir`, created when missing. A directory that holds an
    /// index of another layout is an error, not silently replaced.
    pub fn open(dir: &Path) -> Result<SearchIndex, SearchError> {
        let open_error = |reason: String| SearchError::Open {
            path: dir.to_path_buf(),
            reason,
        };
        // The index lives in a subdirectory named for its layout, so a
        // version with another layout builds a fresh index beside it
        // instead of failing on (or deleting anything in) the directory
        // the operator named.
        let layout = dir.join(format!("v{LAYOUT}"));
        std::fs::create_dir_all(&layout).map_err(|e| open_error(e.to_string()))?;
        let directory = MmapDirectory::open(&layout).map_err(|e| open_error(e.to_string()))?;
        let (schema, _) = schema();
        let index =
            Index::open_or_create(directory, schema).map_err(|e| open_error(e.to_string()))?;
        SearchIndex::from_index(index, Some(dir.to_path_buf()))
    }

    fn from_index(index: Index, dir: Option<PathBuf>) -> Result<SearchIndex, SearchError> {
        let (_, fields) = schema();
        index.tokenizers().register(GERMAN, analysis::german());
        index.tokenizers().register(ENGLISH, analysis::english());
        let writer = index
            .writer_with_num_threads(1, WRITER_MEMORY)
            .map_err(|e| match (e, dir) {
                (TantivyError::LockFailure(..), Some(dir)) => SearchError::Locked(dir),
                (e, _) => SearchError::Index(e),
            })?;
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()?;
        Ok(SearchIndex {
            index,
            reader,
            writer: Mutex::new(writer),
            fields,
            stats: Mutex::new(None),
            bitsets: Mutex::new(BitSetCache::default()),
        })
    }

    /// The position in the change sequence this index has applied, as stored
    /// with its last commit; `None` for an index never filled.
    pub fn position(&self) -> Result<Option<u64>, SearchError> {
        let metas = self.index.load_metas()?;
        Ok(metas.payload.and_then(|p| p.parse().ok()))
    }

    /// How many documents the index holds.
    pub fn len(&self) -> u64 {
        self.reader.searcher().num_docs()
    }

    /// How many segments the index is split into (each costs every search
    /// a little).
    pub fn segments(&self) -> usize {
        self.reader.searcher().segment_readers().len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The bytes the index takes (on disk, or in memory).
    pub fn size_bytes(&self) -> Result<u64, SearchError> {
        let usage = self
            .reader
            .searcher()
            .space_usage()
            .map_err(|e| SearchError::Index(TantivyError::from(e)))?;
        Ok(usage.total().get_bytes())
    }

    /// Every document's key and [`Document::digest`], as stored: what a
    /// follower compares the database with after a restart.
    pub fn digests(&self) -> Result<HashMap<String, u64>, SearchError> {
        let searcher = self.reader.searcher();
        let mut out = HashMap::with_capacity(searcher.num_docs() as usize);
        for (ord, segment) in searcher.segment_readers().iter().enumerate() {
            for doc in segment.doc_ids_alive() {
                let stored: TantivyDocument = searcher.doc(DocAddress::new(ord as u32, doc))?;
                let key = stored.get_first(self.fields.key).and_then(|v| v.as_str());
                let digest = stored
                    .get_first(self.fields.digest)
                    .and_then(|v| v.as_u64());
                if let (Some(key), Some(digest)) = (key, digest) {
                    out.insert(key.to_owned(), digest);
                }
            }
        }
        Ok(out)
    }

    fn writer(&self) -> MutexGuard<'_, IndexWriter> {
        // A panic while holding the writer leaves it usable: tantivy's writer
        // keeps its own state consistent and the next commit decides.
        self.writer
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Puts `upserts` in (replacing documents with the same key), takes
    /// `deletes` (keys) out, and records `position` — all in one commit, so a
    /// crash leaves the index at the old position or the new one.
    pub fn apply(
        &self,
        upserts: &[Document],
        deletes: &[String],
        position: Option<u64>,
    ) -> Result<(), SearchError> {
        let mut writer = self.writer();
        for key in deletes {
            writer.delete_term(Term::from_field_text(self.fields.key, key));
        }
        for document in upserts {
            writer.delete_term(Term::from_field_text(self.fields.key, &document.key));
            writer.add_document(self.to_tantivy(document))?;
        }
        self.commit(&mut writer, position)
    }

    /// Replaces the whole content with `documents` in one commit; returns how
    /// many were indexed.
    pub fn rebuild(
        &self,
        documents: impl IntoIterator<Item = Document>,
        position: Option<u64>,
    ) -> Result<u64, SearchError> {
        let mut writer = self.writer();
        writer.delete_all_documents()?;
        let mut count = 0;
        for document in documents {
            writer.add_document(self.to_tantivy(&document))?;
            count += 1;
        }
        self.commit(&mut writer, position)?;
        Ok(count)
    }

    fn commit(&self, writer: &mut IndexWriter, position: Option<u64>) -> Result<(), SearchError> {
        let mut prepared = writer.prepare_commit()?;
        if let Some(position) = position {
            prepared.set_payload(&position.to_string());
        }
        prepared.commit()?;
        self.reader.reload()?;
        Ok(())
    }

    fn to_tantivy(&self, document: &Document) -> TantivyDocument {
        let f = &self.fields;
        let mut out = TantivyDocument::default();
        out.add_text(f.key, &document.key);
        out.add_text(f.kind, document.kind.as_str());
        out.add_text(f.lang, document.lang.as_str());
        let (title, text, words) = match document.lang {
            Lang::De => (f.title_de, f.text_de, f.words_de),
            Lang::En => (f.title_en, f.text_en, f.words_en),
        };
        out.add_text(title, &document.title);
        out.add_text(text, &document.text);
        out.add_text(words, format!("{}\n{}", document.title, document.text));
        out.add_text(f.url, &document.url);
        out.add_u64(f.digest, document.digest());
        for key in &document.audience {
            out.add_text(f.audience, key);
        }
        for organization in &document.organizations {
            out.add_text(f.organization, organization);
        }
        out.add_facet(f.facets, facet(KIND, document.kind.as_str()));
        for (dimension, values) in [
            (TOPIC, &document.topics),
            (STATE, &document.states),
            (NETWORK, &document.networks),
        ] {
            for value in values {
                out.add_facet(f.facets, facet(dimension, value));
            }
        }
        if let Some(outcome) = &document.outcome {
            out.add_facet(f.facets, facet(OUTCOME, outcome));
        }
        out
    }

    /// The public statistics of the current searcher, computed once per
    /// commit.
    fn stats(&self, searcher: &Searcher) -> Result<Arc<PublicStats>, SearchError> {
        let generation = searcher.generation().generation_id();
        let mut slot = self.stats.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(stats) = slot.as_ref()
            && stats.generation() == generation
        {
            return Ok(stats.clone());
        }
        let stats = Arc::new(PublicStats::compute(
            searcher,
            self.fields.audience,
            &self.fields.text(),
        )?);
        *slot = Some(stats.clone());
        Ok(stats)
    }

    /// Searches as `request` says. Every word must occur (in the document's
    /// language, as a whole word or through all its compound parts); when no
    /// document has every word, documents with any of them are shown and
    /// `relaxed` says so.
    pub fn search(&self, request: &SearchRequest) -> Result<SearchResults, SearchError> {
        let searcher = self.reader.searcher();
        let stats = self.stats(&searcher)?;
        let text = TextQuery::build(&self.fields, &request.text);
        if text.is_empty() {
            return Ok(SearchResults::default());
        }
        let mut results = self.run(&searcher, &stats, request, &text, true)?;
        if results.total == 0 && text.words > 1 {
            results = self.run(&searcher, &stats, request, &text, false)?;
            results.relaxed = results.total > 0;
        }
        Ok(results)
    }

    fn run(
        &self,
        searcher: &Searcher,
        stats: &PublicStats,
        request: &SearchRequest,
        text: &TextQuery,
        all_words: bool,
    ) -> Result<SearchResults, SearchError> {
        let f = &self.fields;
        let query = self.restrict(searcher, text.query(all_words), &self.filters(request))?;

        let limit = request.limit.clamp(1, MAX_LIMIT);
        let mut collectors = MultiCollector::new();
        let top = collectors.add_collector(
            TopDocs::with_limit(limit)
                .and_offset(request.offset)
                .order_by_score(),
        );
        let count = collectors.add_collector(Count);
        let mut facet_collector = FacetCollector::for_field("facets");
        for dimension in [KIND, TOPIC, STATE, OUTCOME, NETWORK] {
            facet_collector.add_facet(Facet::from_path([dimension]));
        }
        let facet_counts = collectors.add_collector(facet_collector);
        let mut fruit = searcher.search_with_statistics_provider(&*query, &collectors, stats)?;

        let facet_counts = facet_counts.extract(&mut fruit);
        let counts = |dimension: &str| -> FacetCounts {
            let mut out: FacetCounts = facet_counts
                .get(Facet::from_path([dimension]))
                .filter_map(|(facet, count)| {
                    facet.to_path().last().map(|v| ((*v).to_owned(), count))
                })
                .collect();
            out.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
            out
        };
        let facets = Facets {
            kind: counts(KIND),
            topic: counts(TOPIC),
            state: counts(STATE),
            outcome: counts(OUTCOME),
            network: counts(NETWORK),
        };
        let total = count.extract(&mut fruit) as u64;
        let top = top.extract(&mut fruit);

        let snippets = [
            (Lang::De, text.snippets(stats, f.words_de, Lang::De)?),
            (Lang::En, text.snippets(stats, f.words_en, Lang::En)?),
        ];
        let mut hits = Vec::with_capacity(top.len());
        for (score, address) in top {
            hits.push(self.hit(searcher, address, score, &snippets)?);
        }
        Ok(SearchResults {
            total,
            hits,
            facets,
            relaxed: false,
        })
    }

    /// The reader's audience and the facet filters, as clauses that decide
    /// which documents exist for this search but add nothing to a score.
    /// Documents like the one with the key asked for — by its rarest
    /// frequent words and its fields of action — that the audience may see,
    /// without the document itself and without any document of the same
    /// organisations ("in other municipalities"). Empty when the source does
    /// not exist or the audience may not see it. Word rarity is counted over
    /// public documents, as for every ranking here.
    pub fn similar(&self, request: &SimilarRequest) -> Result<Vec<Hit>, SearchError> {
        let f = &self.fields;
        let searcher = self.reader.searcher();
        let stats = self.stats(&searcher)?;
        let key = Term::from_field_text(f.key, &request.key);
        let find = self.restrict(
            &searcher,
            Box::new(TermQuery::new(key.clone(), IndexRecordOption::Basic)),
            &self.audience_and_kinds(&request.audience, &[]),
        )?;
        let found = searcher.search(&*find, &TopDocs::with_limit(1).order_by_score())?;
        let Some((_, address)) = found.first() else {
            return Ok(Vec::new());
        };
        let source: TantivyDocument = searcher.doc(*address)?;
        let text_of = |field: Field| -> String {
            source
                .get_first(field)
                .and_then(|v| v.as_str())
                .unwrap_or_default()
                .to_owned()
        };
        let english = text_of(f.lang) == Lang::En.as_str();
        let (title, text, words_field, mut analyzer) = if english {
            (f.title_en, f.text_en, f.words_en, analysis::english())
        } else {
            (f.title_de, f.text_de, f.words_de, analysis::german())
        };
        let words = analysis::words(
            &mut analyzer,
            &format!("{}\n{}", text_of(title), text_of(text)),
        );
        let mut frequency: HashMap<String, u32> = HashMap::new();
        for term in words.into_iter().flatten() {
            if term.chars().count() >= 3 && !term.chars().all(|c| c.is_ascii_digit()) {
                *frequency.entry(term).or_default() += 1;
            }
        }
        let public = tantivy::query::Bm25StatisticsProvider::total_num_docs(&*stats)? as f32;
        let mut weighted = Vec::with_capacity(frequency.len());
        for (term, tf) in frequency {
            let df = stats.public_doc_freq(&Term::from_field_text(words_field, &term))? as f32;
            let idf: f32 = (1.0 + (public - df + 0.5) / (df + 0.5)).ln();
            weighted.push((tf as f32 * idf, term));
        }
        weighted.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
        let mut like: Vec<Box<dyn Query>> = weighted
            .into_iter()
            .take(SIMILAR_TERMS)
            .map(|(weight, term)| {
                Box::new(BoostQuery::new(
                    any(TextQuery::term(title, words_field, &term)),
                    weight,
                )) as Box<dyn Query>
            })
            .collect();
        for value in source.get_all(f.facets) {
            if let Some(encoded) = value.as_facet()
                && let Ok(topic) = Facet::from_encoded(encoded.as_bytes().to_vec())
                && topic.to_path().first() == Some(&TOPIC)
            {
                like.push(Box::new(BoostQuery::new(
                    Box::new(TermQuery::new(
                        Term::from_facet(f.facets, &topic),
                        IndexRecordOption::Basic,
                    )),
                    TOPIC_WEIGHT,
                )));
            }
        }
        if like.is_empty() {
            return Ok(Vec::new());
        }
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = vec![(Occur::Must, any(like))];
        clauses.push((
            Occur::MustNot,
            Box::new(TermQuery::new(key, IndexRecordOption::Basic)),
        ));
        for organization in source.get_all(f.organization).filter_map(|v| v.as_str()) {
            clauses.push((
                Occur::MustNot,
                Box::new(TermQuery::new(
                    Term::from_field_text(f.organization, organization),
                    IndexRecordOption::Basic,
                )),
            ));
        }
        let limit = request.limit.clamp(1, MAX_LIMIT);
        let query = self.restrict(
            &searcher,
            Box::new(BooleanQuery::new(clauses)),
            &self.audience_and_kinds(&request.audience, &request.kinds),
        )?;
        let top = searcher.search_with_statistics_provider(
            &*query,
            &TopDocs::with_limit(limit).order_by_score(),
            &*stats,
        )?;
        // No words to mark: each hit shows the beginning of its text.
        let plain = [
            (
                Lang::De,
                SnippetGenerator::new(Default::default(), analysis::german(), f.text_de, 0),
            ),
            (
                Lang::En,
                SnippetGenerator::new(Default::default(), analysis::english(), f.text_en, 0),
            ),
        ];
        top.into_iter()
            .map(|(score, address)| self.hit(&searcher, address, score, &plain))
            .collect()
    }

    /// The term groups that keep to what `audience` may see and, unless
    /// empty, to `kinds`.
    fn audience_and_kinds(&self, audience: &Audience, kinds: &[Kind]) -> Groups {
        let f = &self.fields;
        let mut groups = Groups::new();
        if let Audience::Keys(keys) = audience {
            groups.push(
                keys.iter()
                    .map(String::as_str)
                    .chain([PUBLIC])
                    .map(|key| Term::from_field_text(f.audience, key))
                    .collect(),
            );
        }
        if !kinds.is_empty() {
            groups.push(
                kinds
                    .iter()
                    .map(|kind| Term::from_facet(f.facets, &facet(KIND, kind.as_str())))
                    .collect(),
            );
        }
        groups
    }

    /// The reader's audience and the facet filters: which documents exist
    /// for this search, adding nothing to a score.
    fn filters(&self, request: &SearchRequest) -> Groups {
        let f = &self.fields;
        let mut groups = self.audience_and_kinds(&request.audience, &request.kinds);
        for (dimension, value) in [
            (TOPIC, &request.topic),
            (STATE, &request.state),
            (OUTCOME, &request.outcome),
            (NETWORK, &request.network),
        ] {
            if let Some(value) = value {
                groups.push(vec![Term::from_facet(f.facets, &facet(dimension, value))]);
            }
        }
        groups
    }

    /// `query` kept to the documents `groups` allow.
    fn restrict(
        &self,
        searcher: &Searcher,
        query: Box<dyn Query>,
        groups: &Groups,
    ) -> Result<Box<dyn Query>, SearchError> {
        let mut cache = self.bitsets.lock().unwrap_or_else(|p| p.into_inner());
        Ok(cache.restrict(searcher, query, groups)?)
    }

    fn hit(
        &self,
        searcher: &Searcher,
        address: DocAddress,
        score: f32,
        snippets: &[(Lang, SnippetGenerator); 2],
    ) -> Result<Hit, SearchError> {
        let f = &self.fields;
        let stored: TantivyDocument = searcher.doc(address)?;
        let first = |field: Field| -> String {
            stored
                .get_first(field)
                .and_then(|v| v.as_str())
                .unwrap_or_default()
                .to_owned()
        };
        let lang = if first(f.lang) == Lang::En.as_str() {
            Lang::En
        } else {
            Lang::De
        };
        let (title_field, text_field) = match lang {
            Lang::De => (f.title_de, f.text_de),
            Lang::En => (f.title_en, f.text_en),
        };
        let body = first(text_field);
        let generator = snippets
            .iter()
            .find(|(l, _)| *l == lang)
            .map(|(_, generator)| generator);
        let found = generator.map(|g| g.snippet(&body));
        let snippet = match found {
            Some(found) if !found.is_empty() => Snippet {
                fragment: found.fragment().to_owned(),
                marks: found.highlighted().to_vec(),
            },
            _ => Snippet {
                fragment: opening(&body, SNIPPET_CHARS),
                marks: Vec::new(),
            },
        };
        Ok(Hit {
            key: first(f.key),
            kind: first(f.kind).parse().ok(),
            lang,
            title: first(title_field),
            url: first(f.url),
            organizations: stored
                .get_all(f.organization)
                .filter_map(|v| v.as_str().map(str::to_owned))
                .collect(),
            snippet,
            score,
        })
    }
}

const KIND: &str = "kind";
const TOPIC: &str = "topic";
const STATE: &str = "state";
const OUTCOME: &str = "outcome";
const NETWORK: &str = "network";

fn facet(dimension: &str, value: &str) -> Facet {
    Facet::from_path([dimension, value])
}

/// The documents with `word` in `field`, scored by its frequency there.
fn in_field(field: Field, word: &str) -> Box<dyn Query> {
    Box::new(TermQuery::new(
        Term::from_field_text(field, word),
        IndexRecordOption::WithFreqs,
    ))
}

/// Documents matching any of `queries` (the query itself when only one).
fn any(queries: Vec<Box<dyn Query>>) -> Box<dyn Query> {
    combined(queries, Occur::Should)
}

/// Documents matching all of `queries` (the query itself when only one).
fn all(queries: Vec<Box<dyn Query>>) -> Box<dyn Query> {
    combined(queries, Occur::Must)
}

/// `queries` joined by `occur`, without a boolean level for a single one
/// (every level costs on each found document); none matches nothing.
fn combined(mut queries: Vec<Box<dyn Query>>, occur: Occur) -> Box<dyn Query> {
    if queries.len() == 1
        && let Some(query) = queries.pop()
    {
        return query;
    }
    if queries.is_empty() {
        return Box::new(EmptyQuery);
    }
    Box::new(BooleanQuery::new(
        queries.into_iter().map(|q| (occur, q)).collect(),
    ))
}

/// The first `chars` characters of `text`, cut at a word boundary.
fn opening(text: &str, chars: usize) -> String {
    match text.char_indices().nth(chars) {
        None => text.to_owned(),
        Some((cut, _)) => {
            let head = &text[..cut];
            let end = head.rfind(char::is_whitespace).unwrap_or(cut);
            format!("{} …", head[..end].trim_end())
        }
    }
}

/// The analysed words of a query, per language.
struct TextQuery {
    /// Per language: the title and text fields and the analysed words (each
    /// the whole word, then its parts).
    languages: Vec<(Field, Field, Vec<Vec<String>>)>,
    /// The most words any language made of the query.
    words: usize,
}

impl TextQuery {
    fn build(fields: &Fields, text: &str) -> TextQuery {
        let german = analysis::words(&mut analysis::german(), text);
        let english = analysis::words(&mut analysis::english(), text);
        let words = german.len().max(english.len());
        let languages = [
            (fields.title_de, fields.words_de, german),
            (fields.title_en, fields.words_en, english),
        ]
        .into_iter()
        .filter(|(_, _, words)| !words.is_empty())
        .collect();
        TextQuery { languages, words }
    }

    fn is_empty(&self) -> bool {
        self.languages.is_empty()
    }

    /// A term anywhere, and once more in the title (similar documents).
    fn term(title: Field, words: Field, word: &str) -> Vec<Box<dyn Query>> {
        vec![
            Box::new(BoostQuery::new(in_field(title, word), TITLE_BOOST)),
            in_field(words, word),
        ]
    }

    /// One word: the whole word, or all of its parts.
    fn word(words: Field, terms: &[String]) -> Box<dyn Query> {
        let Some((whole, parts)) = terms.split_first() else {
            return Box::new(EmptyQuery);
        };
        let whole = in_field(words, whole);
        if parts.is_empty() {
            return whole;
        }
        any(vec![
            whole,
            all(parts.iter().map(|part| in_field(words, part)).collect()),
        ])
    }

    /// Every word (or, relaxed, any word) in one of the languages; the
    /// title's terms add to the score of what the words found, and find
    /// nothing themselves. The tree is kept flat — a one-word query is one
    /// posting list — since every level costs on each of thousands of found
    /// documents.
    fn query(&self, all_words: bool) -> Box<dyn Query> {
        let mut found: Vec<Box<dyn Query>> = Vec::new();
        let mut titles = std::collections::BTreeSet::new();
        for (title, words, terms) in &self.languages {
            let per_word: Vec<Box<dyn Query>> = terms
                .iter()
                .map(|terms| TextQuery::word(*words, terms))
                .collect();
            if all_words {
                found.push(all(per_word));
            } else {
                found.extend(per_word);
            }
            titles.extend(
                terms
                    .iter()
                    .flatten()
                    .map(|t| Term::from_field_text(*title, t)),
            );
        }
        let mut clauses = vec![(Occur::Must, any(found))];
        clauses.extend(titles.into_iter().map(|term| {
            (
                Occur::Should,
                Box::new(BoostQuery::new(
                    Box::new(TermQuery::new(term, IndexRecordOption::WithFreqs)),
                    TITLE_BOOST,
                )) as Box<dyn Query>,
            )
        }));
        Box::new(BooleanQuery::new(clauses))
    }

    /// A snippet generator for `field` that marks every query term, weighted
    /// by its rarity among public documents.
    fn snippets(
        &self,
        stats: &PublicStats,
        field: Field,
        lang: Lang,
    ) -> Result<SnippetGenerator, SearchError> {
        let mut weights = std::collections::BTreeMap::new();
        for (_, text, words) in &self.languages {
            if *text != field {
                continue;
            }
            for term in words.iter().flatten() {
                let freq = stats.public_doc_freq(&Term::from_field_text(field, term))?;
                weights.insert(term.clone(), 1.0 / (1.0 + freq as f32));
            }
        }
        let terms: Vec<String> = weights.keys().cloned().collect();
        let analyzer = match lang {
            Lang::De => analysis::german_marking(&terms),
            Lang::En => analysis::english_marking(&terms),
        };
        Ok(SnippetGenerator::new(
            weights,
            analyzer,
            field,
            SNIPPET_CHARS,
        ))
    }
}
