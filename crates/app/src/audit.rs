//! The audit log as surfaces write and read it.
//!
//! Use cases that concern accounts (invitations, resets, roles) record
//! themselves; the older writes of the directory (cohorts, memberships,
//! series, exceptions) do not, so a surface that offers them to people
//! records each one after it succeeded with [`Directory::record_change`].

use chrono::{DateTime, FixedOffset, TimeZone, Utc};
use knotenpunkt_access::Actor;
use knotenpunkt_domain::Slug;

use crate::Directory;

impl Directory {
    /// Records a change `by` made, after it happened. `action` names the
    /// kind of change (`cohort.create`), `target` what it touched (a slug,
    /// an organisation, a date), `detail` anything a reader of the log
    /// needs to undo it. A failure to record is logged, not returned: the
    /// change itself has happened already.
    pub async fn record_change(
        &self,
        by: &Actor,
        network: Option<&Slug>,
        action: &str,
        target: &str,
        detail: Option<String>,
    ) {
        self.record(by, network, action, target, detail).await;
    }
}

/// An audit time (Unix seconds) as wall-clock time where the networks work
/// (Europe/Berlin), with its offset; `None` for a time outside chrono's range.
pub fn berlin_time(at: i64) -> Option<DateTime<FixedOffset>> {
    let utc = Utc.timestamp_opt(at, 0).single()?;
    Some(utc.with_timezone(&chrono_tz::Europe::Berlin).fixed_offset())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn audit_times_are_shown_in_berlin_time() {
        // 2026-01-15 12:00 UTC is 13:00 in winter, 2026-07-15 12:00 UTC 14:00 in summer.
        let winter = berlin_time(1_768_478_400).unwrap();
        assert_eq!(winter.to_rfc3339(), "2026-01-15T13:00:00+01:00");
        let summer = berlin_time(1_784_116_800).unwrap();
        assert_eq!(summer.to_rfc3339(), "2026-07-15T14:00:00+02:00");
        assert!(berlin_time(i64::MAX).is_none());
    }
}
