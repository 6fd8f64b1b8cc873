//! Who a series belongs to, and the breadcrumb trail down to it.

use knotenpunkt_app::SeriesOwner;

use crate::pages::ctx::Ctx;
use crate::pages::ui::{Crumb, Link};

/// Who a series belongs to: a network, or a cooperation and its partners.
pub(super) struct Owner {
    pub(super) label: String,
    pub(super) name: String,
    pub(super) href: Option<String>,
    pub(super) partners: Vec<Link>,
}

/// Where a series stands in the site.
pub(super) struct Place {
    pub(super) owner: Option<Owner>,
    /// The trail down to the series, without it.
    pub(super) crumbs: Vec<Crumb>,
    /// The owning network's calendar.
    pub(super) calendar_href: Option<String>,
}

/// The series' owner, the breadcrumb trail down to the series (without it),
/// and the owning network's calendar.
pub(super) fn place(ctx: &Ctx, owner: &SeriesOwner) -> Place {
    match owner {
        SeriesOwner::Network { slug: n, name } => {
            let href = ctx.href(&format!("/netzwerke/{n}"));
            let calendar = ctx.href(&format!("/netzwerke/{n}/kalender"));
            let crumbs = vec![
                Crumb::link(ctx.t("nav-networks"), ctx.href("/netzwerke")),
                Crumb::link(name.clone(), href.clone()),
                Crumb::link(ctx.t("nav-calendar"), calendar.clone()),
            ];
            Place {
                owner: Some(Owner {
                    label: ctx.t("series-network"),
                    name: name.clone(),
                    href: Some(href),
                    partners: Vec::new(),
                }),
                crumbs,
                calendar_href: Some(calendar),
            }
        }
        SeriesOwner::Cooperation { name, partners } => {
            let partners: Vec<Link> = partners
                .iter()
                .map(|p| Link {
                    text: p.name.clone(),
                    href: ctx.href(&format!("/organisationen/{}", p.slug)),
                })
                .collect();
            let mut crumbs = organizations(ctx);
            // A cooperation has no page of its own; the trail leads through
            // its first partner, whose page describes it.
            if let Some(first) = partners.first() {
                crumbs.push(Crumb::link(first.text.clone(), first.href.clone()));
            }
            Place {
                owner: Some(Owner {
                    label: ctx.t("series-cooperation"),
                    name: name.clone(),
                    href: None,
                    partners,
                }),
                crumbs,
                calendar_href: None,
            }
        }
        SeriesOwner::Nobody => Place {
            owner: None,
            crumbs: organizations(ctx),
            calendar_href: None,
        },
    }
}

/// The trail's start for a series no network owns.
fn organizations(ctx: &Ctx) -> Vec<Crumb> {
    vec![Crumb::link(
        ctx.t("nav-organizations"),
        ctx.href("/organisationen"),
    )]
}
