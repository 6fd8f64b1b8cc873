//! The account and administration use cases as the directory offered them
//! before they moved to [`crate::Accounts`] and [`crate::Administration`]:
//! each forwards to the service built for the actor it names. Tests and
//! tools that hold a [`Directory`] and an actor use these; surfaces ask the
//! services directly.

use knotenpunkt_access::{Actor, Scope as ActorScope};
use knotenpunkt_domain::{Email, NetworkRole, NewPerson, Person, Slug, TokenScope};
use knotenpunkt_store::{AuditEntry, InvitationSummary, Listed, Page, Purged, TokenRecord};

use super::{Directory, Result};
use crate::accounts::actor_of;
use crate::{
    Accounts, Administration, App, GroupView, InvitationRequest, Invited, NetworkPerson,
    NewSession, NewToken, Service, Session,
};

impl Directory {
    fn accounts(&self, actor: &Actor) -> Accounts {
        Accounts::for_actor(self.app(), actor, None)
    }

    fn administration(&self, actor: &Actor) -> Administration {
        Administration::for_actor(self.app(), actor, None)
    }

    fn anonymous(&self) -> Accounts {
        self.accounts(&Actor::anonymous())
    }

    /// The [`Actor`] for a person: roles, groups, editing rights.
    pub async fn actor(&self, person: &Person, scope: ActorScope) -> Result<Actor> {
        actor_of(self.store(), person, scope).await
    }

    /// See [`Administration::admin_count`].
    pub async fn admin_count(&self) -> Result<u64> {
        self.administration(&App::operator()).admin_count().await
    }

    /// One person, by id.
    pub async fn person(&self, id: i64) -> Result<Person> {
        Ok(self.store().person(id).await?)
    }

    /// See [`Accounts::sign_in`].
    pub async fn sign_in(&self, email: &str, password: &str) -> Result<Option<NewSession>> {
        self.anonymous().sign_in(email, password).await
    }

    /// See [`Accounts::session`].
    pub async fn session(&self, token: &str) -> Result<Option<Session>> {
        self.anonymous().session(token).await
    }

    /// See [`Accounts::sign_out`].
    pub async fn sign_out(&self, token: &str) -> Result<()> {
        self.anonymous().sign_out(token).await
    }

    /// See [`Accounts::sign_out_everywhere`].
    pub async fn sign_out_everywhere(&self, person: i64) -> Result<u64> {
        self.accounts(&Actor::signed_in(person))
            .sign_out_everywhere()
            .await
    }

    /// See [`Accounts::session_count`].
    pub async fn session_count(&self, person: i64) -> Result<u64> {
        self.accounts(&Actor::signed_in(person))
            .session_count()
            .await
    }

    /// See [`Administration::invite`].
    pub async fn invite(&self, by: &Actor, req: InvitationRequest) -> Result<Invited> {
        self.administration(by).invite(req).await
    }

    /// See [`Accounts::invitation`].
    pub async fn invitation(&self, token: &str) -> Result<Option<Person>> {
        self.anonymous().invitation(token).await
    }

    /// See [`Accounts::accept_invitation`].
    pub async fn accept_invitation(
        &self,
        token: &str,
        password: &str,
    ) -> Result<Option<NewSession>> {
        self.anonymous().accept_invitation(token, password).await
    }

    /// See [`Administration::invitations`].
    pub async fn invitations(
        &self,
        by: &Actor,
        network: Option<&Slug>,
    ) -> Result<Vec<InvitationSummary>> {
        self.administration(by).invitations(network).await
    }

    /// See [`Accounts::request_reset`].
    pub async fn request_reset(&self, email: &str) -> Result<()> {
        self.anonymous().request_reset(email).await
    }

    /// See [`Accounts::reset_is_valid`].
    pub async fn reset_is_valid(&self, token: &str) -> Result<bool> {
        self.anonymous().reset_is_valid(token).await
    }

    /// See [`Accounts::complete_reset`].
    pub async fn complete_reset(&self, token: &str, password: &str) -> Result<bool> {
        self.anonymous().complete_reset(token, password).await
    }

    /// See [`Accounts::change_password`].
    pub async fn change_password(
        &self,
        person: i64,
        keep: Option<&str>,
        current: &str,
        new: &str,
    ) -> Result<()> {
        self.accounts(&Actor::signed_in(person))
            .change_password(keep, current, new)
            .await
    }

    /// See [`Accounts::create_api_token`].
    pub async fn create_api_token(
        &self,
        by: &Actor,
        name: &str,
        scope: TokenScope,
    ) -> Result<NewToken> {
        self.accounts(by).create_api_token(name, scope).await
    }

    /// See [`Accounts::api_tokens`].
    pub async fn api_tokens(&self, by: &Actor) -> Result<Vec<TokenRecord>> {
        self.accounts(by).api_tokens().await
    }

    /// See [`Accounts::revoke_api_token`].
    pub async fn revoke_api_token(&self, by: &Actor, id: i64) -> Result<()> {
        self.accounts(by).revoke_api_token(id).await
    }

    /// See [`Accounts::api_actor`].
    pub async fn api_actor(&self, secret: &str) -> Result<Option<Actor>> {
        self.anonymous().api_actor(secret).await
    }

    /// See [`Accounts::api_credential`].
    pub async fn api_credential(&self, secret: &str) -> Result<Option<(Person, Actor)>> {
        self.anonymous().api_credential(secret).await
    }

    /// See [`Accounts::renew_feed_token`].
    pub async fn renew_feed_token(&self, person: i64) -> Result<String> {
        self.accounts(&Actor::signed_in(person))
            .renew_feed_token()
            .await
    }

    /// See [`Accounts::revoke_feed_token`].
    pub async fn revoke_feed_token(&self, person: i64) -> Result<()> {
        self.accounts(&Actor::signed_in(person))
            .revoke_feed_token()
            .await
    }

    /// See [`Accounts::has_feed_token`].
    pub async fn has_feed_token(&self, person: i64) -> Result<bool> {
        self.accounts(&Actor::signed_in(person))
            .has_feed_token()
            .await
    }

    /// See [`Accounts::feed_actor`].
    pub async fn feed_actor(&self, secret: &str) -> Result<Option<(Person, Actor)>> {
        self.anonymous().feed_actor(secret).await
    }

    /// See [`Accounts::set_follow`].
    pub async fn set_follow(&self, by: &Actor, series: &Slug, follow: bool) -> Result<()> {
        self.accounts(by).set_follow(series, follow).await
    }

    /// See [`Accounts::follows`].
    pub async fn follows(&self, person: i64) -> Result<Vec<Slug>> {
        self.accounts(&Actor::signed_in(person)).follows().await
    }

    /// See [`Administration::bootstrap_admin`]; as the command line's
    /// operator.
    pub async fn bootstrap_admin(&self, person: NewPerson) -> Result<Invited> {
        self.administration(&App::operator())
            .bootstrap_admin(person)
            .await
    }

    /// See [`Accounts::personal_data`].
    pub async fn personal_data(&self, person: i64) -> Result<serde_json::Value> {
        self.accounts(&Actor::signed_in(person))
            .personal_data()
            .await
    }

    /// See [`Accounts::delete_account`].
    pub async fn delete_account(&self, by: &Actor) -> Result<()> {
        self.accounts(by).delete_account().await
    }

    /// See [`Administration::purge_expired`]; as the command line's operator.
    pub async fn purge_expired(&self) -> Result<Purged> {
        self.administration(&App::operator()).purge_expired().await
    }

    /// See [`Administration::audit_log`].
    pub async fn audit_log(
        &self,
        by: &Actor,
        network: Option<&Slug>,
        page: Page,
    ) -> Result<Listed<AuditEntry>> {
        self.administration(by).audit_log(network, page).await
    }

    /// See [`Administration::network_people`].
    pub async fn network_people(&self, by: &Actor, network: &Slug) -> Result<Vec<NetworkPerson>> {
        self.administration(by).network_people(network).await
    }

    /// See [`Administration::set_network_role`].
    pub async fn set_network_role(
        &self,
        by: &Actor,
        network: &Slug,
        person: i64,
        role: Option<NetworkRole>,
    ) -> Result<()> {
        self.administration(by)
            .set_network_role(network, person, role)
            .await
    }

    /// See [`Administration::groups`].
    pub async fn groups(&self, by: &Actor, network: &Slug) -> Result<Vec<GroupView>> {
        self.administration(by).groups(network).await
    }

    /// See [`Administration::put_group`].
    pub async fn put_group(&self, by: &Actor, network: &Slug, group: &GroupView) -> Result<()> {
        self.administration(by).put_group(network, group).await
    }

    /// See [`Administration::set_organization_editor`].
    pub async fn set_organization_editor(
        &self,
        by: &Actor,
        organization: &Slug,
        email: &Email,
        editor: bool,
    ) -> Result<()> {
        self.administration(by)
            .set_organization_editor(organization, email, editor)
            .await
    }

    /// See [`Administration::organization_editors`].
    pub async fn organization_editors(
        &self,
        by: &Actor,
        organization: &Slug,
    ) -> Result<Vec<Person>> {
        self.administration(by)
            .organization_editors(organization)
            .await
    }
}
