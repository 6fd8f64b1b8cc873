//! Who a series belongs to, and the breadcrumb trail down to it.

use knotenpunkt_app::domain::Series;
use knotenpunkt_app::{AppError, Directory};

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
pub(super) async fn place(dir: &Directory, ctx: &Ctx, s: &Series) -> Result<Place, AppError> {
    if let Some(n) = &s.network {
        let network = dir.network(n).await?;
        let href = ctx.href(&format!("/netzwerke/{n}"));
        let calendar = ctx.href(&format!("/netzwerke/{n}/kalender"));
        let crumbs = vec![
            Crumb::link(ctx.t("nav-networks"), ctx.href("/netzwerke")),
            Crumb::link(network.name.clone(), href.clone()),
            Crumb::link(ctx.t("nav-calendar"), calendar.clone()),
        ];
        let owner = Owner {
            label: ctx.t("series-network"),
            name: network.name,
            href: Some(href),
            partners: Vec::new(),
        };
        return Ok(Place {
            owner: Some(owner),
            crumbs,
            calendar_href: Some(calendar),
        });
    }
    let mut crumbs = vec![Crumb::link(
        ctx.t("nav-organizations"),
        ctx.href("/organisationen"),
    )];
    let unowned = |crumbs| Place {
        owner: None,
        crumbs,
        calendar_href: None,
    };
    let Some(id) = s.cooperation else {
        return Ok(unowned(crumbs));
    };
    let Some(coop) = dir
        .cooperations(None)
        .await?
        .into_iter()
        .find(|k| k.id == id)
    else {
        return Ok(unowned(crumbs));
    };
    let mut partners = Vec::new();
    for p in &coop.value.partners {
        let o = dir.organization(p).await?;
        partners.push(Link {
            text: o.name,
            href: ctx.href(&format!("/organisationen/{p}")),
        });
    }
    // A cooperation has no page of its own; the trail leads through its
    // first partner, whose page describes it.
    if let Some(first) = partners.first() {
        crumbs.push(Crumb::link(first.text.clone(), first.href.clone()));
    }
    let owner = Owner {
        label: ctx.t("series-cooperation"),
        name: coop.value.name,
        href: None,
        partners,
    };
    Ok(Place {
        owner: Some(owner),
        crumbs,
        calendar_href: None,
    })
}
