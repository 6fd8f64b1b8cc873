//! Full-text search for Knotenpunkt: German that works (stemming, compound
//! parts, umlaut and ß folding), English analysed as English, facets,
//! snippets, and the reader's audience applied before anything is ranked or
//! counted.
//!
//! The crate knows nothing of the database or HTTP: the app hands it
//! [`Document`]s and asks it [`SearchRequest`]s. The index is derived data,
//! rebuilt from the database whenever it is missing; [`SearchIndex::position`]
//! records how far into the database's change sequence it is.
//!
//! Ranking is BM25 with the title weighted over the text. Its statistics come
//! from the public documents only (`stats.rs`), so nothing about a hidden
//! document moves the scores, snippets or order an outsider sees.

pub mod analysis;
mod document;
mod error;
mod filter;
mod index;
mod stats;

pub use document::{Document, Kind, Lang, PUBLIC, UnknownKind};
pub use error::SearchError;
pub use index::{
    Audience, FacetCounts, Facets, Hit, MAX_LIMIT, SearchIndex, SearchRequest, SearchResults,
    SimilarRequest, Snippet,
};
