//! What the knowledge exchange asks the index: documents like a project or
//! an experience ("Ähnliche Projekte in anderen Kommunen"), and whom to ask
//! about a search ("Wen fragen?"): the organisations with the most relevant
//! experience, their named contact people, and the experiences and projects
//! that made them relevant.

use std::collections::HashMap;

use knotenpunkt_domain::{Contact, Slug};
use knotenpunkt_search::{Hit, Kind, SimilarRequest};
use serde::Serialize;

use super::{Search, audience, unavailable};
use crate::{AppError, Named};

type Result<T> = std::result::Result<T, AppError>;

/// Organisations "Wen fragen?" names at most.
const ADVISERS: usize = 5;
/// Hits of a search that count for "Wen fragen?".
const ADVICE_HITS: usize = 50;

/// An organisation worth asking, with why.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Adviser {
    /// The organisation.
    pub organization: Named,
    /// Contact people named on its projects the reader may see.
    pub contacts: Vec<Contact>,
    /// Its experiences and projects among the hits, best first: (title, url).
    pub because: Vec<(String, String)>,
    /// Their summed relevance.
    pub score: f32,
}

impl Search {
    /// Projects and experiences like document `key` (`project:<slug>`,
    /// `experience:<id>`) of other organisations, as the reader may see
    /// them. The caller has shown the reader that document.
    pub async fn similar(&self, key: &str, limit: usize) -> Result<Vec<Hit>> {
        let slot = self.scope.app.search_index();
        let index = slot.current(&self.scope).await?;
        let request = SimilarRequest {
            key: key.to_owned(),
            audience: audience::reader(self.scope.actor()),
            kinds: vec![Kind::Project, Kind::Experience],
            limit: limit.clamp(1, 20),
        };
        tokio::task::spawn_blocking(move || index.similar(&request))
            .await
            .map_err(|e| AppError::Unavailable(format!("search stopped: {e}")))?
            .map_err(unavailable)
    }

    /// Whom to ask about `q`: the organisations whose experiences and
    /// projects the reader may see rank highest for it, with the contact
    /// people of their visible projects.
    pub async fn who_to_ask(&self, q: &str) -> Result<Vec<Adviser>> {
        if q.trim().is_empty() {
            return Ok(Vec::new());
        }
        let page = Box::pin(self.search(super::SearchQuery {
            q: q.to_owned(),
            kinds: vec!["experience".into(), "project".into()],
            limit: Some(ADVICE_HITS),
            advice: false,
            ..super::SearchQuery::default()
        }))
        .await?;
        let mut by_org: HashMap<String, Adviser> = HashMap::new();
        for hit in &page.results.hits {
            // An experience speaks for its organisation; a project for its
            // owner (listed first) and partners alike.
            for org in &hit.organizations {
                let Ok(slug) = org.parse::<Slug>() else {
                    continue;
                };
                let a = by_org.entry(org.clone()).or_insert_with(|| Adviser {
                    organization: Named {
                        name: slug.to_string(),
                        slug,
                    },
                    contacts: Vec::new(),
                    because: Vec::new(),
                    score: 0.0,
                });
                a.score += hit.score;
                a.because.push((hit.title.clone(), hit.url.clone()));
            }
        }
        let mut advisers: Vec<Adviser> = by_org.into_values().collect();
        advisers.sort_by(|a, b| {
            b.score
                .total_cmp(&a.score)
                .then_with(|| a.organization.slug.cmp(&b.organization.slug))
        });
        advisers.truncate(ADVISERS);
        let knowledge = crate::Knowledge::in_scope(self.scope.clone());
        let slugs: Vec<Slug> = advisers
            .iter()
            .map(|a| a.organization.slug.clone())
            .collect();
        let (names, mut contacts) = knowledge.names_and_contacts(&slugs).await?;
        for a in &mut advisers {
            if let Some(n) = names.get(&a.organization.slug) {
                a.organization.name = n.clone();
            }
            a.contacts = contacts.remove(&a.organization.slug).unwrap_or_default();
            a.because.truncate(3);
        }
        Ok(advisers)
    }
}
