//! Reading the change counters once per request, without a query per
//! request under load.
//!
//! Caches (rendered pages, views, sessions) are valid while the counters in
//! the database are unchanged (see `knotenpunkt_store::Counters`). To see a
//! change made through another process on the very next request, a request
//! must use counters read *after it arrived*; a value read earlier may be
//! older than a change that was committed before the request came in.
//!
//! Reads are therefore shared: a request waits for a read that started after
//! it arrived, and starts one itself if none is under way. Under a crowd,
//! one read serves every request that arrived before it began, so the
//! database sees about one query per round trip, not one per request; alone,
//! a request pays one small query.

use std::sync::{Arc, Mutex};

use knotenpunkt_store::{Counters, Store};
use tokio::sync::Notify;

use crate::AppError;

/// The shared state of the reads.
#[derive(Debug, Default)]
pub(crate) struct Changes {
    state: Mutex<State>,
    done: Notify,
}

#[derive(Debug, Default)]
struct State {
    /// Reads started so far; a read's number is its place in that count.
    started: u64,
    /// The number of the read under way, if any.
    running: Option<u64>,
    /// The number of the last read that finished, and what it found.
    finished: u64,
    value: Counters,
    /// Why the last read failed, if it did.
    failed: Option<String>,
    /// The highest counters this process committed itself; never older
    /// than what this process wrote, even before the next read.
    own: Counters,
}

impl Changes {
    /// The counters as committed at some moment after this call began.
    pub(crate) async fn current(self: &Arc<Self>, store: &Store) -> Result<Counters, AppError> {
        // Only a read that starts after this point may answer.
        let arrived = self.lock().started;
        loop {
            let wait = {
                let mut s = self.lock();
                if s.finished > arrived {
                    return match &s.failed {
                        None => Ok(max(s.value, s.own)),
                        Some(why) => Err(AppError::Unavailable(format!(
                            "the database did not answer: {why}"
                        ))),
                    };
                }
                match s.running {
                    // A read is under way; whether it started before or
                    // after we arrived, wait for it (and then, if it was
                    // too early, start the next).
                    Some(_) => {
                        let notified = self.done.notified();
                        drop(s);
                        Some(notified)
                    }
                    None => {
                        s.started += 1;
                        let number = s.started;
                        s.running = Some(number);
                        drop(s);
                        self.spawn_read(store.clone(), number);
                        None
                    }
                }
            };
            match wait {
                Some(notified) => {
                    // `notified` was created while the lock was held, so a
                    // read finishing in between is not missed (Notify keeps
                    // the permit for futures that exist when it fires).
                    tokio::pin!(notified);
                    notified.as_mut().enable();
                    if self.lock().running.is_some() {
                        notified.await;
                    }
                }
                None => continue,
            }
        }
    }

    /// Runs one read in its own task, so that it finishes (and wakes the
    /// waiters) even if the request that started it goes away.
    fn spawn_read(self: &Arc<Self>, store: Store, number: u64) {
        let me = Arc::clone(self);
        tokio::spawn(async move {
            let read = store.counters().await;
            {
                let mut s = me.lock();
                s.running = None;
                s.finished = number;
                match read {
                    Ok(v) => {
                        s.value = v;
                        s.failed = None;
                    }
                    Err(e) => s.failed = Some(e.to_string()),
                }
            }
            me.done.notify_waiters();
        });
    }

    /// The counters this process knows of without asking the database: the
    /// last read, or its own later commits. For callers that have just read
    /// [`Changes::current`] in the same request.
    pub(crate) fn latest(&self) -> Counters {
        let s = self.lock();
        max(s.value, s.own)
    }

    /// Notes counters this process committed.
    pub(crate) fn committed(&self, c: Counters) {
        let mut s = self.lock();
        s.own = max(s.own, c);
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// The newer of two readings, counter by counter.
pub(crate) fn max(a: Counters, b: Counters) -> Counters {
    Counters {
        directory: a.directory.max(b.directory),
        accounts: a.accounts.max(b.accounts),
    }
}
