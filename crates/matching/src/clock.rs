//! The deadline of [`crate::Limits::time_limit`], the crate's only impurity: the clock is read
//! only to stop (never to decide), and not at all without a time limit.

use std::time::{Duration, Instant};

/// A point in time after which the search stops; `None`: no time limit, no clock read.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Deadline(Option<Instant>);

impl Deadline {
    /// No time limit.
    pub(crate) const NONE: Self = Self(None);

    /// `limit` after `start` (no deadline when the sum would overflow the clock: a limit that
    /// large never ends the search anyway).
    pub(crate) fn after(start: Instant, limit: Duration) -> Self {
        Self(start.checked_add(limit))
    }

    /// Whether the deadline has passed. Reads the clock only when there is a deadline.
    #[inline]
    pub(crate) fn passed(&self) -> bool {
        self.0.is_some_and(|at| Instant::now() >= at)
    }

    /// The same deadline moved `by` earlier (time kept back for finishing after the search).
    pub(crate) fn earlier(self, by: Duration) -> Self {
        Self(self.0.map(|at| at.checked_sub(by).unwrap_or(at)))
    }
}
