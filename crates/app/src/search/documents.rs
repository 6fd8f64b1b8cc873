//! What the index is built from: the directory and the meetings' records,
//! turned into search documents with their audience keys. Pure: the loading
//! is in `mod.rs`.

use std::collections::HashMap;

use chrono::NaiveDate;
use knotenpunkt_domain::{AgendaPoint, Network, Organization, Series, Slug, Visibility};
use knotenpunkt_search::{Document, Kind};

use super::audience::document_keys;

/// Everything searchable, as loaded from the store.
#[derive(Debug, Default)]
pub(crate) struct Sources {
    pub(crate) organizations: Vec<Organization>,
    pub(crate) networks: Vec<Network>,
    pub(crate) series: Vec<Series>,
    pub(crate) agenda: Vec<(Slug, NaiveDate, AgendaPoint)>,
    pub(crate) minutes: Vec<(Slug, NaiveDate, String, Visibility)>,
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

/// The documents of `sources`.
pub(crate) fn documents(sources: &Sources) -> Vec<Document> {
    let networks: HashMap<&Slug, &Network> =
        sources.networks.iter().map(|n| (&n.slug, n)).collect();
    let series: HashMap<&Slug, &Series> = sources.series.iter().map(|s| (&s.slug, s)).collect();
    let owner = |s| owner(&networks, s);
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
    out
}
