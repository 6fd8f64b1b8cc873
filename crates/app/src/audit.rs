//! The audit log as surfaces write and read it.
//!
//! Use cases record themselves, in the transaction of their change (see
//! [`crate::scope`]): the directory's, the meetings', the accounts' and the
//! administration's. This module names what the log can say and reads it.

use chrono::{DateTime, FixedOffset, TimeZone, Utc};
use knotenpunkt_store::Raise;

/// The kinds of change the audit log records, other than the API's
/// (which were named by their route, see [`api_action`]).
///
/// A closed list, so every kind the code can record is known: the pages
/// that show the log test that each one has a name in every language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum AuditAction {
    /// A person deleted their own account.
    AccountDelete,
    /// An agenda point was raised.
    AgendaAdd,
    /// An agenda point was removed.
    AgendaDelete,
    /// A meeting's attendance was recorded.
    AttendanceSet,
    /// A cooperation was created.
    CooperationCreate,
    /// A cooperation was deleted.
    CooperationDelete,
    /// A cooperation was changed.
    CooperationUpdate,
    /// A directory file was imported (the command line).
    DirectoryImport,
    /// A comment or a follow-up question was written on an experience.
    CommentAdd,
    /// A cohort was created.
    CohortCreate,
    /// A cohort was deleted.
    CohortDelete,
    /// A cohort was changed.
    CohortUpdate,
    /// A joint application was recorded.
    ApplicationCreate,
    /// A joint application was removed.
    ApplicationDelete,
    /// A joint application was changed or moved to another status.
    ApplicationUpdate,
    /// A task was added to a joint application.
    ApplicationTaskCreate,
    /// A task of a joint application was removed.
    ApplicationTaskDelete,
    /// A task of a joint application was changed or ticked off.
    ApplicationTaskUpdate,
    /// A funding call was recorded.
    FundingCallCreate,
    /// A funding call was removed.
    FundingCallDelete,
    /// A funding call was changed.
    FundingCallUpdate,
    /// Registration for an event was closed or opened again.
    EventClose,
    /// An event was recorded.
    EventCreate,
    /// An event was removed.
    EventDelete,
    /// A registration for an event was cancelled.
    EventCancel,
    /// Someone registered for an event.
    EventRegister,
    /// An event was changed.
    EventUpdate,
    /// A meeting was cancelled.
    ExceptionCancel,
    /// An experience was shared.
    ExperienceCreate,
    /// An experience was removed.
    ExperienceDelete,
    /// An experience was changed.
    ExperienceUpdate,
    /// A change to a meeting was undone.
    ExceptionDelete,
    /// A meeting got a host of its own.
    ExceptionHost,
    /// A meeting was moved.
    ExceptionMove,
    /// A meeting was changed otherwise (written by earlier versions for a
    /// host or a swap; kept so their entries still read in words).
    ExceptionSet,
    /// Two meetings swapped hosts.
    ExceptionSwap,
    /// A named group was created.
    GroupCreate,
    /// A named group was renamed or its members changed.
    GroupUpdate,
    /// Someone joined an open working group.
    GroupJoin,
    /// Someone asked to join a working group.
    GroupRequest,
    /// A lead accepted a request to join a working group.
    GroupAccept,
    /// A lead declined a request to join a working group.
    GroupDecline,
    /// Someone left a working group.
    GroupLeave,
    /// An invitation was accepted.
    InvitationAccept,
    /// A person was invited.
    InvitationCreate,
    /// A person with an account was given a role.
    InvitationExisting,
    /// Someone checked in to a lounge evening (themselves, or a coordinator
    /// for them).
    LoungeCheckIn,
    /// Someone left a lounge evening.
    LoungeCheckOut,
    /// A lounge round was drawn.
    LoungeDraw,
    /// Late joiners were placed into a running lounge round.
    LoungeLate,
    /// A lounge evening was recorded as sample data (the demo's).
    LoungeSample,
    /// A series became a lounge, its lounge settings changed, or it stopped
    /// being one.
    LoungeSettings,
    /// An organisation became a member.
    MembershipCreate,
    /// A membership was removed.
    MembershipDelete,
    /// A membership was changed.
    MembershipUpdate,
    /// A meeting's minutes were removed.
    MinutesDelete,
    /// A meeting's minutes were written.
    MinutesSet,
    /// A network was created.
    NetworkCreate,
    /// A network was deleted.
    NetworkDelete,
    /// A network's settings were changed.
    NetworkUpdate,
    /// An organisation was created.
    OrganizationCreate,
    /// An organisation was deleted.
    OrganizationDelete,
    /// A person may now edit an organisation's profile.
    OrganizationEditorGrant,
    /// A person may no longer edit an organisation's profile.
    OrganizationEditorRevoke,
    /// An organisation's profile was changed.
    OrganizationUpdate,
    /// A password was set with a reset link.
    PasswordReset,
    /// A project was entered.
    ProjectCreate,
    /// A project was removed.
    ProjectDelete,
    /// A project was changed.
    ProjectUpdate,
    /// A person's role in a network was changed.
    RoleSet,
    /// A meeting series was created.
    SeriesCreate,
    /// A series was deleted.
    SeriesDelete,
    /// A meeting series was changed.
    SeriesUpdate,
    /// An organisation declared the dates it cannot host.
    UnavailableSet,
}

impl AuditAction {
    /// Every kind, in the order of their codes.
    pub const ALL: &'static [AuditAction] = &[
        AuditAction::AccountDelete,
        AuditAction::AgendaAdd,
        AuditAction::AgendaDelete,
        AuditAction::ApplicationTaskCreate,
        AuditAction::ApplicationTaskDelete,
        AuditAction::ApplicationTaskUpdate,
        AuditAction::ApplicationCreate,
        AuditAction::ApplicationDelete,
        AuditAction::ApplicationUpdate,
        AuditAction::AttendanceSet,
        AuditAction::CooperationCreate,
        AuditAction::CooperationDelete,
        AuditAction::CooperationUpdate,
        AuditAction::CohortCreate,
        AuditAction::CohortDelete,
        AuditAction::CohortUpdate,
        AuditAction::CommentAdd,
        AuditAction::DirectoryImport,
        AuditAction::EventCancel,
        AuditAction::EventClose,
        AuditAction::EventCreate,
        AuditAction::EventDelete,
        AuditAction::EventRegister,
        AuditAction::EventUpdate,
        AuditAction::ExceptionCancel,
        AuditAction::ExceptionDelete,
        AuditAction::ExceptionHost,
        AuditAction::ExceptionMove,
        AuditAction::ExceptionSet,
        AuditAction::ExceptionSwap,
        AuditAction::ExperienceCreate,
        AuditAction::ExperienceDelete,
        AuditAction::ExperienceUpdate,
        AuditAction::FundingCallCreate,
        AuditAction::FundingCallDelete,
        AuditAction::FundingCallUpdate,
        AuditAction::GroupAccept,
        AuditAction::GroupCreate,
        AuditAction::GroupDecline,
        AuditAction::GroupJoin,
        AuditAction::GroupLeave,
        AuditAction::GroupRequest,
        AuditAction::GroupUpdate,
        AuditAction::InvitationAccept,
        AuditAction::InvitationCreate,
        AuditAction::InvitationExisting,
        AuditAction::LoungeCheckIn,
        AuditAction::LoungeCheckOut,
        AuditAction::LoungeDraw,
        AuditAction::LoungeLate,
        AuditAction::LoungeSample,
        AuditAction::LoungeSettings,
        AuditAction::MembershipCreate,
        AuditAction::MembershipDelete,
        AuditAction::MembershipUpdate,
        AuditAction::MinutesDelete,
        AuditAction::MinutesSet,
        AuditAction::NetworkCreate,
        AuditAction::NetworkDelete,
        AuditAction::NetworkUpdate,
        AuditAction::OrganizationCreate,
        AuditAction::OrganizationDelete,
        AuditAction::OrganizationEditorGrant,
        AuditAction::OrganizationEditorRevoke,
        AuditAction::OrganizationUpdate,
        AuditAction::PasswordReset,
        AuditAction::ProjectCreate,
        AuditAction::ProjectDelete,
        AuditAction::ProjectUpdate,
        AuditAction::RoleSet,
        AuditAction::SeriesCreate,
        AuditAction::SeriesDelete,
        AuditAction::SeriesUpdate,
        AuditAction::UnavailableSet,
    ];

    /// The code stored in the log (`cohort.create`).
    pub fn code(self) -> &'static str {
        match self {
            AuditAction::AccountDelete => "account.delete",
            AuditAction::AgendaAdd => "agenda.add",
            AuditAction::AgendaDelete => "agenda.delete",
            AuditAction::AttendanceSet => "attendance.set",
            AuditAction::CooperationCreate => "cooperation.create",
            AuditAction::CooperationDelete => "cooperation.delete",
            AuditAction::CooperationUpdate => "cooperation.update",
            AuditAction::CohortCreate => "cohort.create",
            AuditAction::CohortDelete => "cohort.delete",
            AuditAction::CohortUpdate => "cohort.update",
            AuditAction::ApplicationCreate => "application.create",
            AuditAction::ApplicationDelete => "application.delete",
            AuditAction::ApplicationUpdate => "application.update",
            AuditAction::ApplicationTaskCreate => "application-task.create",
            AuditAction::ApplicationTaskDelete => "application-task.delete",
            AuditAction::ApplicationTaskUpdate => "application-task.update",
            AuditAction::FundingCallCreate => "funding-call.create",
            AuditAction::FundingCallDelete => "funding-call.delete",
            AuditAction::FundingCallUpdate => "funding-call.update",
            AuditAction::CommentAdd => "comment.add",
            AuditAction::DirectoryImport => "directory.import",
            AuditAction::EventCancel => "event.cancel",
            AuditAction::EventClose => "event.close",
            AuditAction::EventCreate => "event.create",
            AuditAction::EventDelete => "event.delete",
            AuditAction::EventRegister => "event.register",
            AuditAction::EventUpdate => "event.update",
            AuditAction::ExceptionCancel => "exception.cancel",
            AuditAction::ExceptionDelete => "exception.delete",
            AuditAction::ExceptionHost => "exception.host",
            AuditAction::ExceptionMove => "exception.move",
            AuditAction::ExceptionSet => "exception.set",
            AuditAction::ExceptionSwap => "exception.swap",
            AuditAction::ExperienceCreate => "experience.create",
            AuditAction::ExperienceDelete => "experience.delete",
            AuditAction::ExperienceUpdate => "experience.update",
            AuditAction::GroupCreate => "group.create",
            AuditAction::GroupUpdate => "group.update",
            AuditAction::GroupJoin => "group.join",
            AuditAction::GroupRequest => "group.request",
            AuditAction::GroupAccept => "group.accept",
            AuditAction::GroupDecline => "group.decline",
            AuditAction::GroupLeave => "group.leave",
            AuditAction::InvitationAccept => "invitation.accept",
            AuditAction::InvitationCreate => "invitation.create",
            AuditAction::InvitationExisting => "invitation.existing",
            AuditAction::LoungeCheckIn => "lounge.check-in",
            AuditAction::LoungeCheckOut => "lounge.check-out",
            AuditAction::LoungeDraw => "lounge.draw",
            AuditAction::LoungeLate => "lounge.late",
            AuditAction::LoungeSample => "lounge.sample",
            AuditAction::LoungeSettings => "lounge.settings",
            AuditAction::MembershipCreate => "membership.create",
            AuditAction::MembershipDelete => "membership.delete",
            AuditAction::MembershipUpdate => "membership.update",
            AuditAction::MinutesDelete => "minutes.delete",
            AuditAction::MinutesSet => "minutes.set",
            AuditAction::NetworkCreate => "network.create",
            AuditAction::NetworkDelete => "network.delete",
            AuditAction::NetworkUpdate => "network.update",
            AuditAction::OrganizationCreate => "organization.create",
            AuditAction::OrganizationDelete => "organization.delete",
            AuditAction::OrganizationEditorGrant => "organization.editor.grant",
            AuditAction::OrganizationEditorRevoke => "organization.editor.revoke",
            AuditAction::OrganizationUpdate => "organization.update",
            AuditAction::PasswordReset => "password.reset",
            AuditAction::ProjectCreate => "project.create",
            AuditAction::ProjectDelete => "project.delete",
            AuditAction::ProjectUpdate => "project.update",
            AuditAction::RoleSet => "role.set",
            AuditAction::SeriesCreate => "series.create",
            AuditAction::SeriesDelete => "series.delete",
            AuditAction::SeriesUpdate => "series.update",
            AuditAction::UnavailableSet => "unavailable.set",
        }
    }
}

impl AuditAction {
    /// Which change counters a change of this kind raises: what pages show
    /// (directory), who someone is or may do (accounts), or both.
    pub(crate) fn raises(self) -> Raise {
        use AuditAction::*;
        match self {
            // Who may do what: roles, groups, editing rights, accounts.
            AccountDelete
            | GroupCreate
            | GroupUpdate
            | InvitationAccept
            | InvitationCreate
            | InvitationExisting
            | OrganizationEditorGrant
            | OrganizationEditorRevoke
            | PasswordReset
            | RoleSet => Raise::ACCOUNTS,
            // A membership gives its organisation's people their role; a
            // deleted network or organisation takes roles with it.
            MembershipCreate | MembershipDelete | MembershipUpdate | NetworkDelete
            | OrganizationDelete => Raise::BOTH,
            // An evening's check-ins and rooms are shown by no cached page:
            // the lounge's pages read them on every request.
            LoungeCheckIn | LoungeCheckOut | LoungeDraw | LoungeLate | LoungeSample => Raise::NONE,
            // Seats and waiting lists are read on every request of the
            // event's page; no kept page shows them.
            EventRegister | EventCancel => Raise::NONE,
            // Who is in a group decides what they see, and its page lists them.
            GroupJoin | GroupAccept | GroupLeave => Raise::BOTH,
            // A request is shown only to the leads, on a page never kept.
            GroupRequest | GroupDecline => Raise::NONE,
            _ => Raise::DIRECTORY,
        }
    }
}

impl std::fmt::Display for AuditAction {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.code())
    }
}

/// The log's name of a change through the API as entries made before the
/// API's use cases recorded themselves name it: method and route template.
/// The log's pages still show such entries.
pub fn api_action(method: &str, route: &str) -> String {
    format!("{method} {route}")
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
