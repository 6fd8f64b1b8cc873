//! Search across what the reader may see: organisations, networks, meeting
//! series, agenda points and minutes (and, as they come, projects and
//! experiences).
//!
//! The index (`knotenpunkt-search`) is derived data that each process keeps
//! for itself. It follows the database through the directory change counter:
//! every committed change raises it, in commit order, in the change's own
//! transaction. Before a search, the follower compares the counter with the
//! position the index was built at; when the counter moved, it loads the
//! searchable sources (one statement per kind), compares each document's
//! digest with the one indexed, and applies only what differs, recording the
//! counter it read *before* loading as the new position. So a change made
//! through any process is found by the next search in every process, and a
//! change that lands during a refresh is picked up by the one after.
//!
//! Which documents a reader finds is decided by audience keys
//! (`audience.rs`), passed into the index's query, so hidden documents are
//! gone before anything is ranked or counted.

mod advice;
mod audience;
mod documents;

use std::collections::HashMap;
use std::fmt;
use std::sync::{Arc, OnceLock};

use knotenpunkt_search::{Document, Kind, MAX_LIMIT, SearchError, SearchRequest, SearchResults};
use knotenpunkt_store::{Counters, OrgFilter, Page, SeriesFilter, Store};
use tokio::sync::Mutex;

use crate::scope::Scope;
use crate::{App, AppError, Service};
use knotenpunkt_domain::FieldError;

pub use advice::Adviser;
pub use knotenpunkt_search::{Facets, Hit, SearchIndex, Snippet};

type Result<T> = std::result::Result<T, AppError>;

/// The longest query accepted, in characters.
pub const MAX_QUERY_CHARS: usize = 500;
/// The deepest page offset accepted: beyond it nobody reads, and the index
/// would have to rank every document up to it.
pub const MAX_OFFSET: usize = 10_000;

/// A search as a surface passes it on.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SearchQuery {
    /// The words.
    pub q: String,
    /// Only these kinds (`organization`, `network`, `series`, `agenda`,
    /// `minutes`, …); empty: all.
    pub kinds: Vec<String>,
    /// Facet filters.
    pub topic: Option<String>,
    /// State code, e.g. `RP`.
    pub state: Option<String>,
    /// Outcome of an experience.
    pub outcome: Option<String>,
    /// Network slug.
    pub network: Option<String>,
    /// Hits per page (1 to 100; default 10).
    pub limit: Option<usize>,
    /// Hits to skip.
    pub offset: Option<usize>,
    /// Also name whom to ask ("Wen fragen?", see [`Adviser`]): the
    /// organisations whose experiences and projects rank highest.
    pub advice: bool,
}

/// A page of results with the query it answers.
#[derive(Debug, Clone, PartialEq)]
pub struct SearchPage {
    /// The query as understood (kinds parsed, limits applied).
    pub query: SearchQuery,
    /// Hits, total and facets, all of them of documents the reader may see.
    pub results: SearchResults,
    /// The hits per page used.
    pub limit: usize,
    /// The hits skipped.
    pub offset: usize,
    /// The names of the networks in the `network` facet, by slug.
    pub network_names: std::collections::BTreeMap<String, String>,
    /// Whom to ask, when the query asked for advice.
    pub advisers: Vec<Adviser>,
}

/// The search area, built for one reader.
pub struct Search {
    scope: Scope,
}

impl Service for Search {
    fn for_actor(app: &App, actor: &knotenpunkt_access::Actor, counters: Option<Counters>) -> Self {
        Search {
            scope: app.scope(actor, counters),
        }
    }
}

impl Search {
    /// Searches with the reader's eyes. The query's text is free: any text
    /// is a query (one without words finds nothing); a too long text, an
    /// unknown kind or a page out of range is a field error.
    pub async fn search(&self, query: SearchQuery) -> Result<SearchPage> {
        let request = self.request(&query)?;
        let slot = self.scope.app.search_index();
        let index = slot.current(&self.scope).await?;
        // One search per core at a time, the others wait in arrival order:
        // fifty searches handed to the blocking pool at once would share
        // two cores by the scheduler's whim, and some would wait far longer
        // than their turn.
        // The turn ends with the index's work: what follows (names, and
        // "Wen fragen?", itself a search that waits for a turn) must not
        // hold it, or searches holding a turn would wait for each other.
        let results = {
            let _turn = slot
                .turns
                .acquire()
                .await
                .map_err(|e| AppError::Unavailable(format!("search closed: {e}")))?;
            tokio::task::spawn_blocking(move || index.search(&request))
                .await
                .map_err(|e| AppError::Unavailable(format!("search stopped: {e}")))?
                .map_err(unavailable)?
        };
        let limit = query.limit.unwrap_or(10).clamp(1, MAX_LIMIT);
        let offset = query.offset.unwrap_or(0);
        // Facet values come from documents the reader may see, whose
        // networks they may see too; the check keeps it so.
        let mut network_names = std::collections::BTreeMap::new();
        if !results.facets.network.is_empty() {
            for n in self.scope.all_networks().await?.iter() {
                let shown = results
                    .facets
                    .network
                    .iter()
                    .any(|(s, _)| s == n.slug.as_str());
                if shown && self.scope.sees_network(n) {
                    network_names.insert(n.slug.to_string(), n.name.clone());
                }
            }
        }
        let advisers = if query.advice {
            self.who_to_ask(&query.q).await?
        } else {
            Vec::new()
        };
        Ok(SearchPage {
            query,
            results,
            limit,
            offset,
            network_names,
            advisers,
        })
    }

    fn request(&self, query: &SearchQuery) -> Result<SearchRequest> {
        let mut problems = Vec::new();
        if query.q.chars().count() > MAX_QUERY_CHARS {
            problems.push(FieldError::new(
                "q",
                format!("at most {MAX_QUERY_CHARS} characters"),
            ));
        }
        let mut kinds = Vec::new();
        for kind in &query.kinds {
            match kind.parse::<Kind>() {
                Ok(kind) => kinds.push(kind),
                Err(e) => problems.push(FieldError::new("kind", e.to_string())),
            }
        }
        let limit = query.limit.unwrap_or(10);
        if !(1..=MAX_LIMIT).contains(&limit) {
            problems.push(FieldError::new(
                "limit",
                format!("between 1 and {MAX_LIMIT}"),
            ));
        }
        let offset = query.offset.unwrap_or(0);
        if offset > MAX_OFFSET {
            problems.push(FieldError::new("offset", format!("at most {MAX_OFFSET}")));
        }
        if !problems.is_empty() {
            return Err(AppError::Invalid(problems));
        }
        let mut request = SearchRequest::new(query.q.clone(), audience::reader(self.scope.actor()));
        request.kinds = kinds;
        request.topic = query.topic.clone();
        request.state = query.state.clone();
        request.outcome = query.outcome.clone();
        request.network = query.network.clone();
        request.limit = limit;
        request.offset = offset;
        Ok(request)
    }

    /// Rebuilds the index from the database (the CLI's `reindex`); returns
    /// how many documents it holds. Platform admins and the operator only.
    pub async fn rebuild(&self) -> Result<u64> {
        self.scope
            .authorize(&knotenpunkt_access::Action::ManagePlatform)?;
        self.scope.app.search_index().rebuild(&self.scope).await
    }
}

fn unavailable(e: SearchError) -> AppError {
    AppError::Unavailable(e.to_string())
}

/// The process's index and how far it follows the database.
pub(crate) struct SearchSlot {
    /// Set by [`App::with_search_index`]; otherwise an index in memory is
    /// made on first use.
    index: OnceLock<Arc<SearchIndex>>,
    follow: Mutex<Follow>,
    /// Searches running at once: one per core (tokio's semaphore is fair,
    /// so waiting searches go in arrival order).
    turns: tokio::sync::Semaphore,
}

#[derive(Default)]
struct Follow {
    /// The directory counter the index reflects at least; `None` until the
    /// first comparison with the database in this process (an index from
    /// disk may be of another database, so it is compared, not trusted).
    position: Option<u64>,
    /// What the index holds: key → digest.
    digests: Option<HashMap<String, u64>>,
}

impl fmt::Debug for SearchSlot {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SearchSlot")
            .field("open", &self.index.get().is_some())
            .finish()
    }
}

impl Default for SearchSlot {
    fn default() -> Self {
        let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
        SearchSlot {
            index: OnceLock::new(),
            follow: Mutex::new(Follow::default()),
            turns: tokio::sync::Semaphore::new(cores),
        }
    }
}

impl SearchSlot {
    pub(crate) fn with_index(index: SearchIndex) -> SearchSlot {
        let slot = SearchSlot::default();
        let _ = slot.index.set(Arc::new(index));
        slot
    }

    fn index(&self) -> Result<Arc<SearchIndex>> {
        if let Some(index) = self.index.get() {
            return Ok(index.clone());
        }
        let index = Arc::new(SearchIndex::in_memory().map_err(unavailable)?);
        Ok(self.index.get_or_init(|| index).clone())
    }

    /// The index, brought up to the database's state as of now.
    async fn current(&self, scope: &Scope) -> Result<Arc<SearchIndex>> {
        let index = self.index()?;
        // The counters the request read after it arrived: every change
        // committed before it, through any process, is counted.
        let counter = position(scope).await?;
        let mut follow = self.follow.lock().await;
        if follow.position.is_some_and(|p| p >= counter) {
            return Ok(index);
        }
        let documents = load(scope.store()).await?;
        let known = match follow.digests.take() {
            Some(known) => known,
            None => blocking(&index, |index| index.digests()).await?,
        };
        let mut digests = HashMap::with_capacity(documents.len());
        let mut upserts = Vec::new();
        for document in documents {
            let digest = document.digest();
            if known.get(&document.key) != Some(&digest) {
                upserts.push(document.clone());
            }
            digests.insert(document.key, digest);
        }
        let deletes: Vec<String> = known
            .keys()
            .filter(|key| !digests.contains_key(*key))
            .cloned()
            .collect();
        if !upserts.is_empty() || !deletes.is_empty() || follow.position.is_none() {
            tracing::debug!(
                changed = upserts.len(),
                removed = deletes.len(),
                counter,
                "search index follows the database"
            );
            blocking(&index, move |index| {
                index.apply(&upserts, &deletes, Some(counter))
            })
            .await?;
        }
        follow.position = Some(counter);
        follow.digests = Some(digests);
        Ok(index)
    }

    async fn rebuild(&self, scope: &Scope) -> Result<u64> {
        let index = self.index()?;
        let counter = position(scope).await?;
        let mut follow = self.follow.lock().await;
        let documents = load(scope.store()).await?;
        let digests: HashMap<String, u64> = documents
            .iter()
            .map(|d| (d.key.clone(), d.digest()))
            .collect();
        let count = blocking(&index, move |index| index.rebuild(documents, Some(counter))).await?;
        follow.position = Some(counter);
        follow.digests = Some(digests);
        Ok(count)
    }
}

/// The directory counter as this request sees it, as the index's position.
async fn position(scope: &Scope) -> Result<u64> {
    let counter = scope.counters().await?.directory;
    // The counter starts at zero and only rises.
    Ok(u64::try_from(counter).unwrap_or(0))
}

/// Runs index work off the async threads.
async fn blocking<T: Send + 'static>(
    index: &Arc<SearchIndex>,
    work: impl FnOnce(&SearchIndex) -> std::result::Result<T, SearchError> + Send + 'static,
) -> Result<T> {
    let index = index.clone();
    tokio::task::spawn_blocking(move || work(&index))
        .await
        .map_err(|e| AppError::Unavailable(format!("search index stopped: {e}")))?
        .map_err(unavailable)
}

/// Everything searchable, one statement per kind.
async fn load(store: &Store) -> Result<Vec<Document>> {
    let sources = documents::Sources {
        organizations: store
            .list_organizations(&OrgFilter::default(), Page::ALL)
            .await?
            .items,
        networks: store.list_networks(None, Page::ALL).await?.items,
        series: store.list_series(&SeriesFilter::default()).await?,
        agenda: store.all_agenda_points().await?,
        minutes: store.all_minutes().await?,
        projects: store.all_projects().await?,
        experiences: store.all_experiences().await?,
    };
    Ok(documents::documents(&sources))
}

impl App {
    /// The same application searching in `index` (a directory given on the
    /// command line) instead of an index in memory.
    pub fn with_search_index(mut self, index: SearchIndex) -> App {
        self.set_search(SearchSlot::with_index(index));
        self
    }

    /// Search for `actor`.
    pub fn search(&self, actor: &knotenpunkt_access::Actor) -> Search {
        Search::for_actor(self, actor, None)
    }

    /// Brings the search index up to the database now (at start, so the
    /// first search need not wait).
    pub async fn prepare_search(&self) -> Result<()> {
        let scope = self.scope(&App::operator(), None);
        self.search_index().current(&scope).await.map(|_| ())
    }
}
