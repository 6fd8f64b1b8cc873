//! Ranking statistics taken from the public documents only.
//!
//! BM25 weighs a term by how many documents contain it and a field by the
//! average length of its texts. Taken over the whole index, those numbers
//! would include the documents a reader may not see: an outsider could learn
//! from the score of a public hit that hidden texts use a word. So every
//! number here counts public documents only, and a reader's scores are the
//! same as in an index that held nothing hidden from the public.

use std::collections::HashMap;
use std::sync::Mutex;

use tantivy::collector::Count;
use tantivy::query::{Bm25StatisticsProvider, BooleanQuery, Occur, Query, TermQuery};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{DocSet, Searcher, TERMINATED, Term};

use crate::document::PUBLIC;

pub(crate) struct PublicStats {
    generation: u64,
    searcher: Searcher,
    public: Term,
    docs: u64,
    tokens: HashMap<Field, u64>,
    doc_freq: Mutex<HashMap<Term, u64>>,
}

impl PublicStats {
    /// Counts the public documents of `searcher` and their lengths in each of
    /// `text_fields`.
    pub(crate) fn compute(
        searcher: &Searcher,
        audience: Field,
        text_fields: &[Field],
    ) -> tantivy::Result<PublicStats> {
        let public = Term::from_field_text(audience, PUBLIC);
        let mut docs = 0u64;
        let mut tokens: HashMap<Field, u64> = text_fields.iter().map(|f| (*f, 0)).collect();
        for segment in searcher.segment_readers() {
            let index = segment.inverted_index(audience)?;
            let Some(mut postings) = index.read_postings(&public, IndexRecordOption::Basic)? else {
                continue;
            };
            let norms = text_fields
                .iter()
                .map(|field| Ok((*field, segment.get_fieldnorms_reader(*field)?)))
                .collect::<tantivy::Result<Vec<_>>>()?;
            let mut doc = postings.doc();
            while doc != TERMINATED {
                if !segment.is_deleted(doc) {
                    docs += 1;
                    for (field, reader) in &norms {
                        *tokens.entry(*field).or_default() += u64::from(reader.fieldnorm(doc));
                    }
                }
                doc = postings.advance();
            }
        }
        Ok(PublicStats {
            generation: searcher.generation().generation_id(),
            searcher: searcher.clone(),
            public,
            docs,
            tokens,
            doc_freq: Mutex::new(HashMap::new()),
        })
    }

    pub(crate) fn generation(&self) -> u64 {
        self.generation
    }

    /// How many public documents contain `term` (deleted ones not counted).
    pub(crate) fn public_doc_freq(&self, term: &Term) -> tantivy::Result<u64> {
        if let Ok(cache) = self.doc_freq.lock()
            && let Some(count) = cache.get(term)
        {
            return Ok(*count);
        }
        let both: Vec<(Occur, Box<dyn Query>)> = vec![
            (
                Occur::Must,
                Box::new(TermQuery::new(term.clone(), IndexRecordOption::Basic)),
            ),
            (
                Occur::Must,
                Box::new(TermQuery::new(
                    self.public.clone(),
                    IndexRecordOption::Basic,
                )),
            ),
        ];
        let count = self.searcher.search(&BooleanQuery::new(both), &Count)? as u64;
        if let Ok(mut cache) = self.doc_freq.lock() {
            cache.insert(term.clone(), count);
        }
        Ok(count)
    }
}

impl Bm25StatisticsProvider for PublicStats {
    fn total_num_tokens(&self, field: Field) -> tantivy::Result<u64> {
        // At least one token per document, so that an index without public
        // documents still has a defined average length.
        Ok(self
            .tokens
            .get(&field)
            .copied()
            .unwrap_or(0)
            .max(self.docs)
            .max(1))
    }

    fn total_num_docs(&self) -> tantivy::Result<u64> {
        Ok(self.docs.max(1))
    }

    fn doc_freq(&self, term: &Term) -> tantivy::Result<u64> {
        // BM25 needs doc_freq ≤ total_num_docs.
        Ok(self.public_doc_freq(term)?.min(self.docs.max(1)))
    }
}
