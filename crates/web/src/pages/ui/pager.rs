//! Paging through a long list.

/// Where a list's pages lead: the current one of how many, and the links to
/// the ones before and after.
pub(crate) struct Pager {
    pub(crate) current: u64,
    pub(crate) pages: u64,
    pub(crate) prev: Option<String>,
    pub(crate) next: Option<String>,
}
