//! What the index is built from: the directory and the meetings' records,
//! turned into search documents with their audience keys. Pure: the loading
//! is in `mod.rs`.

use std::collections::HashMap;

use chrono::NaiveDate;
use knotenpunkt_domain::{
    AgendaPoint, FieldOfAction, Language, Network, Organization, Series, Slug, State, Visibility,
};
use knotenpunkt_search::{Document, Kind, Lang};
use knotenpunkt_store::{StoredExperience, StoredProject};

use super::audience::document_keys;

/// Everything searchable, as loaded from the store.
#[derive(Debug, Default)]
pub(crate) struct Sources {
    pub(crate) organizations: Vec<Organization>,
    pub(crate) networks: Vec<Network>,
    pub(crate) series: Vec<Series>,
    pub(crate) agenda: Vec<(Slug, NaiveDate, AgendaPoint)>,
    pub(crate) minutes: Vec<(Slug, NaiveDate, String, Visibility)>,
    pub(crate) projects: Vec<StoredProject>,
    pub(crate) experiences: Vec<StoredExperience>,
}

/// Agenda points have no title of their own; a hit shows this much of the
/// text as its title.
const TITLE_CHARS: usize = 120;

fn shortened(text: &str) -> String {
    match text.char_indices().nth(TITLE_CHARS) {
        None => text.to_owned(),
        Some((cut, _)) => format!("{} …", text[..cut].trim_end()),
    }
}

/// The owning network of a series and the network's own visibility.
fn owner<'a>(
    networks: &HashMap<&'a Slug, &'a Network>,
    s: &'a Series,
) -> Option<(&'a Slug, &'a Visibility)> {
    let slug = s.network.as_ref()?;
    // An unknown network is treated as network-only: its members are
    // unknown too, so only admins find the series.
    const HIDDEN: &Visibility = &Visibility::Network;
    Some(
        networks
            .get(slug)
            .map(|n| (&n.slug, &n.visibility))
            .unwrap_or((slug, HIDDEN)),
    )
}

/// The place of an item that names a network: the network with its own
/// visibility (see [`owner`]), or no network.
fn place<'a>(
    networks: &HashMap<&'a Slug, &'a Network>,
    network: Option<&'a Slug>,
) -> Option<(&'a Slug, &'a Visibility)> {
    const HIDDEN: &Visibility = &Visibility::Network;
    let slug = network?;
    Some(
        networks
            .get(slug)
            .map(|n| (&n.slug, &n.visibility))
            .unwrap_or((slug, HIDDEN)),
    )
}

fn topic_codes(topics: &[FieldOfAction]) -> Vec<String> {
    topics.iter().map(|t| t.code().to_owned()).collect()
}

/// The states of the organisations, as facet codes.
fn states_of(states: &HashMap<&Slug, &[State]>, orgs: &[&Slug]) -> Vec<String> {
    let mut out: Vec<String> = orgs
        .iter()
        .filter_map(|o| states.get(o))
        .flat_map(|s| s.iter().map(|s| s.code().to_owned()))
        .collect();
    out.sort();
    out.dedup();
    out
}

/// The documents of `sources`.
pub(crate) fn documents(sources: &Sources) -> Vec<Document> {
    let networks: HashMap<&Slug, &Network> =
        sources.networks.iter().map(|n| (&n.slug, n)).collect();
    let series: HashMap<&Slug, &Series> = sources.series.iter().map(|s| (&s.slug, s)).collect();
    let owner = |s| owner(&networks, s);
    let states: HashMap<&Slug, &[State]> = sources
        .organizations
        .iter()
        .map(|o| (&o.slug, o.states.as_slice()))
        .collect();
    let mut out = Vec::new();

    for o in &sources.organizations {
        // What it is and where; the source note says where the facts come
        // from, which is nothing anyone searches for.
        let states: Vec<&str> = o.states.iter().map(|s| s.name_de()).collect();
        let text = format!("{} in {}.", o.kind.name_de(), states.join(", "));
        let mut doc = Document::new(
            Kind::Organization,
            format!("organization:{}", o.slug),
            o.name.clone(),
            text,
        );
        doc.url = format!("/organisationen/{}", o.slug);
        doc.states = o.states.iter().map(|s| s.code().to_owned()).collect();
        doc.organizations = vec![o.slug.to_string()];
        out.push(doc);
    }

    for n in &sources.networks {
        let mut doc = Document::new(
            Kind::Network,
            format!("network:{}", n.slug),
            n.name.clone(),
            n.description.clone(),
        );
        doc.url = format!("/netzwerke/{}", n.slug);
        doc.audience = document_keys(Some((&n.slug, &n.visibility)), &[]);
        doc.networks = vec![n.slug.to_string()];
        out.push(doc);
    }

    for s in &sources.series {
        let mut text = s.description.clone().unwrap_or_default();
        for point in &s.agenda_template {
            text.push('\n');
            text.push_str(point);
        }
        let mut doc = Document::new(
            Kind::Series,
            format!("series:{}", s.slug),
            s.title.clone(),
            text,
        );
        doc.url = format!("/reihen/{}", s.slug);
        doc.audience = document_keys(owner(s), &[&s.visibility]);
        doc.networks = s.network.iter().map(Slug::to_string).collect();
        out.push(doc);
    }

    for (slug, date, point) in &sources.agenda {
        let Some(s) = series.get(slug) else { continue };
        let mut doc = Document::new(
            Kind::Agenda,
            format!("agenda:{}", point.id),
            shortened(&point.text),
            format!("{}\n{}", point.text, s.title),
        );
        doc.url = format!("/reihen/{slug}/{date}");
        doc.audience = document_keys(owner(s), &[&s.visibility, &point.visibility]);
        doc.networks = s.network.iter().map(Slug::to_string).collect();
        doc.organizations = point.by.iter().map(Slug::to_string).collect();
        out.push(doc);
    }

    for (slug, date, text, visibility) in &sources.minutes {
        let Some(s) = series.get(slug) else { continue };
        let mut doc = Document::new(
            Kind::Minutes,
            format!("minutes:{slug}:{date}"),
            format!("{} · {}", s.title, date.format("%d.%m.%Y")),
            text.clone(),
        );
        doc.url = format!("/reihen/{slug}/{date}");
        doc.audience = document_keys(owner(s), &[&s.visibility, visibility]);
        doc.networks = s.network.iter().map(Slug::to_string).collect();
        out.push(doc);
    }

    for stored in &sources.projects {
        let p = &stored.project;
        let Some(slug) = &p.slug else { continue };
        let mut text = p.summary.clone();
        if let Some(f) = &p.funding {
            text.push('\n');
            text.push_str(f);
        }
        let mut doc = Document::new(
            Kind::Project,
            format!("project:{slug}"),
            p.title.clone(),
            text,
        );
        doc.url = format!("/projekte/{slug}");
        doc.audience = document_keys(place(&networks, p.network.as_ref()), &[&p.visibility]);
        doc.networks = p.network.iter().map(Slug::to_string).collect();
        let orgs: Vec<&Slug> = std::iter::once(&p.organization)
            .chain(p.partners.iter())
            .collect();
        doc.states = states_of(&states, &orgs);
        doc.organizations = orgs.iter().map(|o| o.to_string()).collect();
        doc.topics = topic_codes(&p.topics);
        out.push(doc);
    }

    for stored in &sources.experiences {
        let e = &stored.experience;
        let mut text = e.text.clone();
        if let Some(d) = &e.differently {
            text.push('\n');
            text.push_str(d);
        }
        let mut doc = Document::new(
            Kind::Experience,
            format!("experience:{}", stored.id),
            e.title.clone(),
            text,
        );
        doc.url = format!("/erfahrungen/{}", stored.id);
        doc.lang = match e.lang {
            Language::De => Lang::De,
            Language::En => Lang::En,
        };
        doc.audience = document_keys(place(&networks, e.network.as_ref()), &[&e.visibility]);
        doc.networks = e.network.iter().map(Slug::to_string).collect();
        doc.states = states_of(&states, &[&e.organization]);
        doc.organizations = vec![e.organization.to_string()];
        doc.topics = topic_codes(&e.topics);
        doc.outcome = Some(e.outcome.code().to_owned());
        out.push(doc);
    }
    out
}
