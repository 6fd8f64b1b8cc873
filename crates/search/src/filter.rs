//! Who may see a document, and which kinds and facets a search keeps to, as
//! bit sets per segment.
//!
//! A filter that is itself a query (a conjunction with a term of the
//! audience field) makes every document the words find seek in a second
//! posting list, and "public" alone holds most of the index: the search
//! benchmark spent more time in those seeks than in scoring. Here each
//! filter term's documents are read once per index generation into a bit
//! set, and the words' scorer skips every document the sets do not allow —
//! before it is scored, counted, faceted or ranked, as the visibility rule
//! asks.

use std::collections::HashMap;
use std::fmt;
use std::sync::Arc;

use tantivy::index::SegmentId;
use tantivy::query::{EmptyScorer, EnableScoring, Explanation, Query, Scorer, Weight};
use tantivy::schema::IndexRecordOption;
use tantivy::{BitSet, DocId, DocSet, Score, SegmentReader, TERMINATED, Term};

/// Terms that restrict a search: a document is allowed when, for every
/// group, it has at least one of the group's terms.
pub(crate) type Groups = Vec<Vec<Term>>;

/// The documents of one segment that hold a term.
type Documents = Arc<BitSet>;

/// Filter terms' documents per segment, for one index generation.
#[derive(Default)]
pub(crate) struct BitSetCache {
    generation: u64,
    sets: HashMap<(SegmentId, Term), Documents>,
}

/// Beyond this many cached sets the cache starts over: with one segment,
/// that is far more networks and groups than an installation has.
const MAX_SETS: usize = 4096;

impl BitSetCache {
    /// The documents of `reader` holding `term`, read from its postings once
    /// per generation.
    fn documents(
        &mut self,
        generation: u64,
        reader: &SegmentReader,
        term: &Term,
    ) -> tantivy::Result<Documents> {
        if self.generation != generation || self.sets.len() >= MAX_SETS {
            self.sets.clear();
            self.generation = generation;
        }
        let key = (reader.segment_id(), term.clone());
        if let Some(set) = self.sets.get(&key) {
            return Ok(set.clone());
        }
        let mut set = BitSet::with_max_value(reader.max_doc());
        if let Some(mut postings) = reader
            .inverted_index(term.field())?
            .read_postings(term, IndexRecordOption::Basic)?
        {
            let mut doc = postings.doc();
            while doc != TERMINATED {
                set.insert(doc);
                doc = postings.advance();
            }
        }
        let set = Arc::new(set);
        self.sets.insert(key, set.clone());
        Ok(set)
    }

    /// `query` restricted to the documents `groups` allow, in every segment
    /// of `searcher`. No groups: the query itself.
    pub(crate) fn restrict(
        &mut self,
        searcher: &tantivy::Searcher,
        query: Box<dyn Query>,
        groups: &Groups,
    ) -> tantivy::Result<Box<dyn Query>> {
        if groups.is_empty() {
            return Ok(query);
        }
        let generation = searcher.generation().generation_id();
        let mut segments = HashMap::new();
        for reader in searcher.segment_readers() {
            let mut sets = Vec::with_capacity(groups.len());
            for group in groups {
                let mut any = Vec::with_capacity(group.len());
                for term in group {
                    any.push(self.documents(generation, reader, term)?);
                }
                sets.push(any);
            }
            segments.insert(reader.segment_id(), Arc::new(sets));
        }
        Ok(Box::new(Restricted {
            inner: query,
            segments: Arc::new(segments),
        }))
    }
}

/// For every group, the sets of which a document must be in one.
type Allowed = Arc<Vec<Vec<Documents>>>;

fn allows(allowed: &[Vec<Documents>], doc: DocId) -> bool {
    allowed
        .iter()
        .all(|any| any.iter().any(|set| set.contains(doc)))
}

/// A query whose documents are kept to the allowed ones of each segment.
struct Restricted {
    inner: Box<dyn Query>,
    segments: Arc<HashMap<SegmentId, Allowed>>,
}

impl Clone for Restricted {
    fn clone(&self) -> Restricted {
        Restricted {
            inner: self.inner.box_clone(),
            segments: self.segments.clone(),
        }
    }
}

impl fmt::Debug for Restricted {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Restricted")
            .field("inner", &self.inner)
            .field("segments", &self.segments.len())
            .finish()
    }
}

impl Query for Restricted {
    fn weight(&self, enable_scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        Ok(Box::new(RestrictedWeight {
            inner: self.inner.weight(enable_scoring)?,
            segments: self.segments.clone(),
        }))
    }

    fn query_terms<'a>(&'a self, visitor: &mut dyn FnMut(&'a Term, bool)) {
        self.inner.query_terms(visitor);
    }
}

struct RestrictedWeight {
    inner: Box<dyn Weight>,
    segments: Arc<HashMap<SegmentId, Allowed>>,
}

impl Weight for RestrictedWeight {
    fn scorer(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        // A segment without sets (one the search did not see when it
        // began) allows nothing rather than everything.
        let Some(allowed) = self.segments.get(&reader.segment_id()) else {
            return Ok(Box::new(EmptyScorer));
        };
        let inner = self.inner.scorer(reader, boost)?;
        Ok(Box::new(RestrictedScorer::new(inner, allowed.clone())))
    }

    fn explain(&self, reader: &SegmentReader, doc: DocId) -> tantivy::Result<Explanation> {
        match self.segments.get(&reader.segment_id()) {
            Some(allowed) if allows(allowed, doc) => self.inner.explain(reader, doc),
            _ => Err(tantivy::TantivyError::InvalidArgument(format!(
                "document {doc} does not match"
            ))),
        }
    }
}

struct RestrictedScorer {
    inner: Box<dyn Scorer>,
    allowed: Allowed,
}

impl RestrictedScorer {
    fn new(inner: Box<dyn Scorer>, allowed: Allowed) -> RestrictedScorer {
        let mut scorer = RestrictedScorer { inner, allowed };
        // A new scorer stands on its first document, which must be allowed
        // too.
        let first = scorer.inner.doc();
        scorer.settle(first);
        scorer
    }

    /// From `doc` on, the first allowed document.
    fn settle(&mut self, mut doc: DocId) -> DocId {
        while doc != TERMINATED && !allows(&self.allowed, doc) {
            doc = self.inner.advance();
        }
        doc
    }
}

impl DocSet for RestrictedScorer {
    fn advance(&mut self) -> DocId {
        let doc = self.inner.advance();
        self.settle(doc)
    }

    fn seek(&mut self, target: DocId) -> DocId {
        let doc = self.inner.seek(target);
        self.settle(doc)
    }

    fn doc(&self) -> DocId {
        self.inner.doc()
    }

    fn size_hint(&self) -> u32 {
        self.inner.size_hint()
    }
}

impl Scorer for RestrictedScorer {
    fn score(&mut self) -> Score {
        self.inner.score()
    }
}
