//! The one source of "now" for every use case.
//!
//! Sessions expire, links run out, feeds look half a year back: all of it
//! depends on the time. Reading it through a [`Clock`] that the [`crate::App`]
//! carries lets tests move time forward instead of sleeping, and keeps
//! "today" one definition: the date in Europe/Berlin, where the networks
//! meet, whatever time zone the server runs in.

use std::fmt;
use std::sync::Mutex;

use chrono::{DateTime, Duration, NaiveDate, Utc};

/// Where the time comes from.
pub trait Clock: Send + Sync + fmt::Debug {
    /// The current instant.
    fn now(&self) -> DateTime<Utc>;
}

/// The operating system's clock.
#[derive(Debug, Clone, Copy, Default)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> DateTime<Utc> {
        Utc::now()
    }
}

/// A clock that stands still until told to move; for tests.
#[derive(Debug)]
pub struct ManualClock {
    at: Mutex<DateTime<Utc>>,
}

impl ManualClock {
    /// A clock showing `at`.
    pub fn new(at: DateTime<Utc>) -> ManualClock {
        ManualClock { at: Mutex::new(at) }
    }

    /// A clock showing the system time at the moment of the call.
    pub fn starting_now() -> ManualClock {
        ManualClock::new(Utc::now())
    }

    /// Moves the clock forward (or back, with a negative duration).
    pub fn advance(&self, by: Duration) {
        let mut at = self.at.lock().unwrap_or_else(|e| e.into_inner());
        *at += by;
    }

    /// Sets the clock to `at`.
    pub fn set(&self, at: DateTime<Utc>) {
        *self.at.lock().unwrap_or_else(|e| e.into_inner()) = at;
    }
}

impl Clock for ManualClock {
    fn now(&self) -> DateTime<Utc> {
        *self.at.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// The date in Europe/Berlin at `at`: what "today" means on every page,
/// feed and schedule.
pub fn berlin_date(at: DateTime<Utc>) -> NaiveDate {
    at.with_timezone(&chrono_tz::Europe::Berlin).date_naive()
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;

    use super::*;

    #[test]
    fn today_is_the_date_in_berlin() {
        // 23:30 UTC on 31 December is already New Year in Berlin (UTC+1).
        let late = Utc.with_ymd_and_hms(2026, 12, 31, 23, 30, 0).unwrap();
        assert_eq!(
            berlin_date(late),
            NaiveDate::from_ymd_opt(2027, 1, 1).unwrap()
        );
        // 22:30 UTC in July is 00:30 in Berlin (UTC+2).
        let summer = Utc.with_ymd_and_hms(2026, 7, 14, 22, 30, 0).unwrap();
        assert_eq!(
            berlin_date(summer),
            NaiveDate::from_ymd_opt(2026, 7, 15).unwrap()
        );
        let noon = Utc.with_ymd_and_hms(2026, 7, 14, 12, 0, 0).unwrap();
        assert_eq!(
            berlin_date(noon),
            NaiveDate::from_ymd_opt(2026, 7, 14).unwrap()
        );
    }

    #[test]
    fn a_manual_clock_moves_only_when_told() {
        let start = Utc.with_ymd_and_hms(2026, 3, 1, 8, 0, 0).unwrap();
        let c = ManualClock::new(start);
        assert_eq!(c.now(), start);
        c.advance(Duration::hours(13));
        assert_eq!(c.now(), start + Duration::hours(13));
        c.set(start);
        assert_eq!(c.now(), start);
    }
}
