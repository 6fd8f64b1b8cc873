//! Comments and follow-up questions on experiences, and the mail that tells
//! the authors' organisation.

use std::collections::BTreeMap;

use knotenpunkt_access::{self as access, Action, Item, Scope as Credential};
use knotenpunkt_domain::{Language, Person, Slug, check_comment};
use knotenpunkt_store::{NewComment, StoredExperience};

use super::{Knowledge, Result};
use crate::accounts::{actor_of, mail, to_access_visibility};
use crate::audit::AuditAction;
use crate::scope::Audit;

impl Knowledge {
    /// Writes a comment on experience `id`, or a follow-up question to its
    /// authors (`question`), as the signed-in reader. The author and the
    /// profile editors of the experience's organisation who may read it are
    /// told by mail; a mail that fails is logged, the comment stays.
    /// Answers the comment's id.
    pub async fn comment(&self, id: i64, text: &str, question: bool) -> Result<i64> {
        let hidden = self.scope.hidden_networks().await?;
        let stored = self.visible_experience(&hidden, id).await?;
        let e = &stored.experience;
        let visibility = to_access_visibility(&e.visibility);
        self.scope.authorize(&Action::Comment(Item {
            network: e.network.as_ref().map(Slug::as_str),
            visibility: &visibility,
        }))?;
        let text = text.trim();
        check_comment(text)?;
        let actor = self.scope.actor();
        let author = actor.person.filter(|p| *p > 0);
        let writer = match author {
            Some(p) => Some(self.store().person(p).await?),
            None => None,
        };
        let author_name = writer
            .as_ref()
            .map_or_else(|| "Knotenpunkt".to_owned(), |p| p.name.clone());
        let organization = writer.as_ref().and_then(|p| p.organization.clone());
        let mut w = self.scope.write().await?;
        let comment = w
            .tx()
            .add_comment(
                &NewComment {
                    experience: id,
                    author,
                    author_name: &author_name,
                    organization: organization.as_ref(),
                    text,
                    question,
                },
                self.scope.app.unix_now(),
            )
            .await?;
        w.commit(Audit::new(AuditAction::CommentAdd, e.network.as_ref(), id).detail(&e.title))
            .await?;
        self.tell_authors(&stored, author, &author_name, text, question)
            .await;
        Ok(comment)
    }

    /// Mails the experience's author and its organisation's profile
    /// editors, each only if they may still read it, never the writer.
    async fn tell_authors(
        &self,
        stored: &StoredExperience,
        writer: Option<i64>,
        writer_name: &str,
        text: &str,
        question: bool,
    ) {
        let recipients = match self.recipients(stored, writer).await {
            Ok(r) => r,
            Err(e) => {
                tracing::warn!(experience = stored.id, error = %e, "could not find whom to tell about a comment");
                return;
            }
        };
        let settings = self.scope.app.settings();
        let link = format!(
            "{}/erfahrungen/{}",
            settings.base_url.trim_end_matches('/'),
            stored.id
        );
        let title = &stored.experience.title;
        for person in recipients {
            let (subject, body) = match (person.language, question) {
                (Language::De, true) => (
                    format!("Rückfrage zu „{title}“"),
                    format!(
                        "{writer_name} hat eine Rückfrage zu Ihrem Erfahrungsbericht „{title}“:\n\n{text}\n\nAntworten Sie auf Knotenpunkt: {link}\n"
                    ),
                ),
                (Language::De, false) => (
                    format!("Neuer Kommentar zu „{title}“"),
                    format!(
                        "{writer_name} hat Ihren Erfahrungsbericht „{title}“ kommentiert:\n\n{text}\n\nZum Bericht: {link}\n"
                    ),
                ),
                (Language::En, true) => (
                    format!("A question about \"{title}\""),
                    format!(
                        "{writer_name} has a question about your experience \"{title}\":\n\n{text}\n\nAnswer on Knotenpunkt: {link}\n"
                    ),
                ),
                (Language::En, false) => (
                    format!("New comment on \"{title}\""),
                    format!(
                        "{writer_name} commented on your experience \"{title}\":\n\n{text}\n\nRead it: {link}\n"
                    ),
                ),
            };
            if let Err(e) = mail(settings, &person, subject, body).await {
                tracing::warn!(experience = stored.id, person = person.id, error = %e, "comment mail not sent");
            }
        }
    }

    async fn recipients(
        &self,
        stored: &StoredExperience,
        writer: Option<i64>,
    ) -> Result<Vec<Person>> {
        let e = &stored.experience;
        let mut people: BTreeMap<i64, Person> = BTreeMap::new();
        if let Some(a) = stored.author
            && let Ok(p) = self.store().person(a).await
        {
            people.insert(p.id, p);
        }
        for p in self.store().organization_editors(&e.organization).await? {
            people.insert(p.id, p);
        }
        let visibility = to_access_visibility(&e.visibility);
        let item = Item {
            network: e.network.as_ref().map(Slug::as_str),
            visibility: &visibility,
        };
        let mut out = Vec::new();
        for (id, p) in people {
            if Some(id) == writer || !p.active {
                continue;
            }
            let actor = actor_of(self.store(), &p, Credential::Read).await?;
            if access::visible(&actor, &item) {
                out.push(p);
            }
        }
        Ok(out)
    }
}
