use std::path::PathBuf;

/// What can go wrong with the index. None of it is the reader's fault: a
/// query is plain text and every text is a valid query.
#[derive(Debug, thiserror::Error)]
pub enum SearchError {
    /// Another process holds the index directory's writer lock. Each server
    /// process keeps its own index (it is derived data), so two processes
    /// must not be pointed at one directory.
    #[error(
        "the search index at {0} is in use by another process; give each process its own --search-index directory"
    )]
    Locked(PathBuf),
    /// The index directory cannot be created or read.
    #[error("the search index at {path} cannot be opened: {reason}")]
    Open { path: PathBuf, reason: String },
    /// Anything tantivy reports while indexing or searching.
    #[error("search index: {0}")]
    Index(#[from] tantivy::TantivyError),
}
