//! The organisation page's section "whom we have met": per network whose
//! lounges the reader may see, the organisations met (how often, when
//! last) and those not met yet.
//!
//! Rendered per request, outside the organisation page's kept main part:
//! check-ins and rooms raise no change counter, so a kept rendering would
//! go stale (see `crate::pages::cache`). A leaf: imports no page module
//! but the shared ones.

use std::collections::HashMap;

use askama::Template;
use knotenpunkt_app::domain::Slug;
use knotenpunkt_app::{Directory, Lounge};

use crate::pages::ctx::Ctx;
use crate::pages::ui::Link;

/// The address of a network's coverage page (without language).
pub(crate) fn coverage_path(network: &Slug) -> String {
    format!("/netzwerke/{network}/begegnungen")
}

/// A share as a percentage in the reader's language: whole below 10 % only
/// when it is zero ("0,2 %" says more than "0 %").
pub(crate) fn percent(ctx: &Ctx, share: f64) -> String {
    let p = share.clamp(0.0, 1.0) * 100.0;
    let text = if p > 0.0 && p < 10.0 {
        let t = format!("{p:.1}");
        if ctx.lang_code() == "de" {
            t.replace('.', ",")
        } else {
            t
        }
    } else {
        format!("{}", p.round() as u32)
    };
    ctx.t1("lounge-percent", "value", text)
}

/// An organisation met, how often and when last.
struct MetRow {
    org: Link,
    /// Met on sample evenings only (the demo's).
    sample: bool,
    count: u32,
    last: String,
    last_iso: String,
}

/// One network's part of the section.
struct NetworkMet {
    id: String,
    name: String,
    coverage_href: String,
    met: Vec<MetRow>,
    not_met: Vec<Link>,
}

#[derive(Template)]
#[template(path = "organization_met.html")]
struct Section<'a> {
    ctx: &'a Ctx,
    networks: Vec<NetworkMet>,
}

/// The section for organisation `org`, or nothing: for visitors, readers
/// who may see no lounge of its networks, and when it cannot be read (the
/// rest of the page stands on its own).
pub(crate) async fn section(lounge: &Lounge, dir: &Directory, ctx: &Ctx, org: &Slug) -> String {
    if ctx.user().is_none() {
        return String::new();
    }
    let all = match lounge.encounters_of(org).await {
        Ok(all) if !all.is_empty() => all,
        Ok(_) => return String::new(),
        Err(e) => {
            tracing::warn!(error = %e, "encounters of an organisation could not be read");
            return String::new();
        }
    };
    let names: HashMap<Slug, String> = match dir.organization_page(org).await {
        Ok(view) => view
            .memberships
            .iter()
            .map(|(_, n)| (n.slug.clone(), n.name.clone()))
            .collect(),
        Err(_) => HashMap::new(),
    };
    let link = |slug: &Slug, name: &str| Link {
        text: name.to_owned(),
        href: ctx.href(&format!("/organisationen/{slug}")),
    };
    let networks = all
        .iter()
        .map(|e| {
            let name_of: HashMap<&Slug, &str> = e
                .organizations
                .iter()
                .map(|o| (&o.slug, o.name.as_str()))
                .collect();
            let mut met: Vec<(&Slug, u32, chrono::NaiveDate, bool)> = e
                .pairs
                .iter()
                .filter_map(|p| {
                    if &p.a == org {
                        Some((&p.b, p.count, p.last, p.sample))
                    } else if &p.b == org {
                        Some((&p.a, p.count, p.last, p.sample))
                    } else {
                        None
                    }
                })
                .collect();
            met.sort_by(|x, y| y.1.cmp(&x.1).then(y.2.cmp(&x.2)));
            let not_met = e
                .organizations
                .iter()
                .filter(|o| &o.slug != org && !met.iter().any(|m| m.0 == &o.slug))
                .map(|o| link(&o.slug, &o.name))
                .collect();
            NetworkMet {
                id: format!("begegnungen-{}", e.network),
                name: names
                    .get(&e.network)
                    .cloned()
                    .unwrap_or_else(|| e.network.to_string()),
                coverage_href: ctx.href(&coverage_path(&e.network)),
                met: met
                    .into_iter()
                    .map(|(o, count, last, sample)| MetRow {
                        org: link(o, name_of.get(o).copied().unwrap_or(o.as_str())),
                        sample,
                        count,
                        last: ctx.day(last),
                        last_iso: last.to_string(),
                    })
                    .collect(),
                not_met,
            }
        })
        .collect();
    let s = Section { ctx, networks };
    s.render().unwrap_or_else(|e| {
        tracing::error!(error = %e, "the encounters section failed to render");
        String::new()
    })
}
