//! The audit log as coordinators and admins read it, and the purge of
//! expired sessions, links, unused tokens and old entries.

use knotenpunkt_access::Action;
use knotenpunkt_domain::Slug;
use knotenpunkt_store::{AuditEntry, Listed, Page, Purged, Retention};

use super::{Administration, Result};
use crate::accounts::DAY;

impl Administration {
    /// The audit log of a network (coordinators, admins) or of everything
    /// (admins).
    pub async fn audit_log(
        &self,
        network: Option<&Slug>,
        page: Page,
    ) -> Result<Listed<AuditEntry>> {
        match network {
            Some(n) => self.scope.authorize(&Action::ViewAudit(n.as_str()))?,
            None => self.scope.authorize(&Action::ManagePlatform)?,
        }
        Ok(self.store().audit_entries(network, page).await?)
    }

    /// Removes expired sessions, tokens, unconfirmed event registrations
    /// and old audit entries, and the answers to events' questions once the
    /// events are over (the server's hourly housekeeping, and the command
    /// line's, as the operator).
    pub async fn purge_expired(&self) -> Result<Purged> {
        self.scope.authorize(&Action::ManagePlatform)?;
        let t = self.now();
        let cfg = self.settings();
        Ok(self
            .store()
            .purge(&Retention {
                sessions_idle_before: t - cfg.session_idle,
                sessions_created_before: t - cfg.session_absolute,
                tokens_expired_before: t - DAY,
                api_tokens_unused_before: cfg.api_token_idle.map(|d| t - d),
                audit_before: cfg.audit_retention.map(|d| t - d),
                answers_of_events_ended_before: t,
                event_requests_before: t - 2 * DAY,
                reminders_done_before: t - crate::reminders::KEEP_SECONDS,
            })
            .await?)
    }
}
