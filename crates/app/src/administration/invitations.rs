//! Invitations by e-mail: coordinators invite into their network, admins
//! anywhere, and only admins invite admins. An address that has an account
//! already just receives the role and a notice. The command line's first
//! admin is an invitation too.

use knotenpunkt_access::Action;
use knotenpunkt_domain::{FieldError, Language, NetworkRole, NewPerson, Person, Slug};
use knotenpunkt_store::{InvitationRecord, InvitationSummary, Raise, Tx};
use tracing::warn;

use super::{Administration, Result};
use crate::AppError;
use crate::accounts::{DAY, digest, mail, secret, to_access_role};
use crate::audit::AuditAction;
use crate::scope::Audit;

/// What a coordinator or admin fills in to invite someone.
#[derive(Debug, Clone)]
pub struct InvitationRequest {
    /// The person.
    pub person: NewPerson,
    /// Into which network (none: a platform-wide invitation, admins only).
    pub network: Option<Slug>,
    /// Role granted directly; `None` when the organisation's membership
    /// already gives the person their place.
    pub role: Option<NetworkRole>,
    /// Make them a platform admin (admins only).
    pub admin: bool,
}

/// What an invitation did.
#[derive(Debug, Clone)]
pub struct Invited {
    /// The person invited (new, or found by address).
    pub person: Person,
    /// The link sent, for the CLI's bootstrap of the first admin; web
    /// handlers do not show it.
    pub link: Option<String>,
    /// Whether the person already had an account and was only given the role.
    pub existing: bool,
}

impl Administration {
    /// Invites a person by e-mail into a network (or, for admins, onto the
    /// platform). The change and its entry commit before the mail goes out;
    /// a mail that fails is the answer, the invitation stays and can be
    /// sent again.
    pub async fn invite(&self, req: InvitationRequest) -> Result<Invited> {
        match &req.network {
            Some(n) => self.scope.authorize(&Action::Invite {
                network: n.as_str(),
                role: to_access_role(req.role.unwrap_or(NetworkRole::Member)),
            })?,
            None => self.scope.authorize(&Action::ManagePlatform)?,
        }
        if req.admin {
            self.scope.authorize(&Action::ManagePlatform)?;
        }
        req.person.validate()?;
        let network_name = match &req.network {
            // Names the field rather than failing deep in the store.
            Some(n) => {
                self.store()
                    .get_network(n)
                    .await
                    .map_err(|_| {
                        AppError::Invalid(vec![FieldError::new(
                            "network",
                            format!("network '{n}' does not exist"),
                        )])
                    })?
                    .name
            }
            None => "Knotenpunkt".into(),
        };
        let inviter = self.inviter_name().await;
        let t = self.now();
        let mut w = self.scope.write().await?;
        if let Some((existing, hash)) = self.store().person_by_email(&req.person.email).await? {
            if let (Some(n), Some(r)) = (&req.network, req.role) {
                w.tx().set_role(existing.id, n, Some(r)).await?;
            }
            if req.admin {
                w.tx().set_admin(existing.id, true).await?;
            }
            let token = match hash {
                None => Some(self.store_invitation(w.tx(), &existing, &req, t).await?),
                Some(_) => None,
            };
            w.raise(Raise::DIRECTORY);
            w.commit(Audit::new(
                AuditAction::InvitationExisting,
                req.network.as_ref(),
                existing.email.as_str(),
            ))
            .await?;
            let link = match token {
                Some(token) => Some(
                    self.send_invitation(&existing, &token, &network_name, &inviter)
                        .await?,
                ),
                None => {
                    self.send_notice(&existing, &req, &inviter).await;
                    None
                }
            };
            return Ok(Invited {
                person: self.store().person(existing.id).await?,
                link,
                existing: true,
            });
        }
        let person = w.tx().create_person(&req.person, req.admin, t).await?;
        let token = self.store_invitation(w.tx(), &person, &req, t).await?;
        w.raise(Raise::DIRECTORY);
        w.commit(
            Audit::new(
                AuditAction::InvitationCreate,
                req.network.as_ref(),
                person.email.as_str(),
            )
            .maybe_detail(req.role.map(|r| r.code().to_owned())),
        )
        .await?;
        let link = self
            .send_invitation(&person, &token, &network_name, &inviter)
            .await?;
        Ok(Invited {
            person,
            link: Some(link),
            existing: false,
        })
    }

    /// Creates a platform admin with an invitation link (the command
    /// line's `admin create`), acting as the command line's operator.
    pub async fn bootstrap_admin(&self, person: NewPerson) -> Result<Invited> {
        self.invite(InvitationRequest {
            person,
            network: None,
            role: None,
            admin: true,
        })
        .await
    }

    /// Invitations into a network (coordinators) or all (admins).
    pub async fn invitations(&self, network: Option<&Slug>) -> Result<Vec<InvitationSummary>> {
        match network {
            Some(n) => self.scope.authorize(&Action::ManageNetwork(n.as_str()))?,
            None => self.scope.authorize(&Action::ManagePlatform)?,
        }
        Ok(self.store().list_invitations(network).await?)
    }

    /// The name an invitation mail gives for who invites.
    async fn inviter_name(&self) -> String {
        match self.scope.actor().person {
            Some(id) => self
                .store()
                .person(id)
                .await
                .map(|p| p.name)
                .unwrap_or_else(|_| "Knotenpunkt".into()),
            None => "Knotenpunkt".into(),
        }
    }

    /// Stores an invitation for `person` in the change under way; the
    /// secret is returned for the link.
    async fn store_invitation(
        &self,
        tx: &mut Tx,
        person: &Person,
        req: &InvitationRequest,
        t: i64,
    ) -> Result<String> {
        let token = secret()?;
        tx.create_invitation(
            &digest(&token),
            &InvitationRecord {
                id: 0,
                person: person.id,
                network: req.network.clone(),
                role: req.role,
                expires_at: t + self.settings().invitation_ttl,
                used_at: None,
            },
            // The command line's operator is person 0, which is nobody.
            self.scope.actor().person.filter(|id| *id > 0),
            t,
        )
        .await?;
        Ok(token)
    }

    async fn send_invitation(
        &self,
        person: &Person,
        token: &str,
        network: &str,
        inviter: &str,
    ) -> Result<String> {
        let link = format!("{}/einladung/{token}", self.settings().base_url);
        let days = self.settings().invitation_ttl / DAY;
        let (subject, text) = match person.language {
            Language::De => (
                format!("Einladung zu {network} auf Knotenpunkt"),
                format!(
                    "Guten Tag {name},\n\n{inviter} lädt Sie zu {network} auf Knotenpunkt ein.\n\nÜber diesen Link legen Sie Ihr Passwort fest (gültig {days} Tage, nur einmal nutzbar):\n\n{link}\n\nWenn Sie diese Einladung nicht erwartet haben, können Sie diese Nachricht ignorieren.\n",
                    name = person.name
                ),
            ),
            Language::En => (
                format!("Invitation to {network} on Knotenpunkt"),
                format!(
                    "Hello {name},\n\n{inviter} invites you to {network} on Knotenpunkt.\n\nSet your password with this link (valid for {days} days, single use):\n\n{link}\n\nIf you did not expect this invitation, you can ignore this message.\n",
                    name = person.name
                ),
            ),
        };
        mail(self.settings(), person, subject, text).await?;
        Ok(link)
    }

    async fn send_notice(&self, person: &Person, req: &InvitationRequest, inviter: &str) {
        let network = match &req.network {
            Some(n) => n.to_string(),
            None => "Knotenpunkt".into(),
        };
        let base = &self.settings().base_url;
        let (subject, text) = match person.language {
            Language::De => (
                format!("Sie sind jetzt bei {network}"),
                format!(
                    "Guten Tag {},\n\n{inviter} hat Sie zu {network} hinzugefügt. Melden Sie sich wie gewohnt an: {base}/anmelden\n",
                    person.name
                ),
            ),
            Language::En => (
                format!("You have been added to {network}"),
                format!(
                    "Hello {},\n\n{inviter} added you to {network}. Sign in as usual: {base}/anmelden\n",
                    person.name
                ),
            ),
        };
        if let Err(e) = mail(self.settings(), person, subject, text).await {
            warn!(error = %e, "notice not sent");
        }
    }
}
