//! Links, badges, dates and breadcrumbs.

use knotenpunkt_app::OrgRef;
use knotenpunkt_app::domain::{Organization, PartialDate, State};

use crate::pages::ctx::Ctx;

/// A state as a short badge with its full name for screen readers and
/// tooltips: `<abbr title="Rheinland-Pfalz">RP</abbr>`.
#[derive(Debug, Clone)]
pub(crate) struct Badge {
    pub(crate) code: &'static str,
    pub(crate) name: String,
}

impl Badge {
    pub(crate) fn new(ctx: &Ctx, s: &State) -> Badge {
        Badge {
            code: s.code(),
            name: ctx.state_name(s),
        }
    }

    pub(crate) fn all(ctx: &Ctx, states: &[State]) -> Vec<Badge> {
        states.iter().map(|s| Badge::new(ctx, s)).collect()
    }
}

/// A date ready for `<time datetime="…">…</time>`.
#[derive(Debug, Clone)]
pub(crate) struct DateView {
    pub(crate) iso: String,
    pub(crate) text: String,
}

impl DateView {
    pub(crate) fn new(ctx: &Ctx, d: &PartialDate) -> DateView {
        DateView {
            iso: d.to_string(),
            text: ctx.date(d),
        }
    }
}

/// A link to an organisation, with what a list shows next to its name.
#[derive(Debug, Clone)]
pub(crate) struct OrgLink {
    pub(crate) name: String,
    pub(crate) href: String,
    pub(crate) kind: String,
    pub(crate) states: Vec<Badge>,
}

impl OrgLink {
    pub(crate) fn new(ctx: &Ctx, o: &Organization) -> OrgLink {
        OrgLink {
            name: o.name.clone(),
            href: ctx.href(&format!("/organisationen/{}", o.slug)),
            kind: ctx.kind_name(&o.kind),
            states: Badge::all(ctx, &o.states),
        }
    }
}

/// A link with its visible text.
pub(crate) struct Link {
    pub(crate) text: String,
    pub(crate) href: String,
}

impl Link {
    /// An organisation's page, named as the application named it.
    pub(crate) fn org(ctx: &Ctx, o: &OrgRef) -> Link {
        Link {
            text: o.name.clone(),
            href: ctx.href(&format!("/organisationen/{}", o.slug)),
        }
    }
}

/// A step of the breadcrumb trail (what `ui::crumbs` in `macros.html`
/// reads); the last one, without a link, is the page itself.
pub(crate) struct Crumb {
    pub(crate) text: String,
    pub(crate) href: Option<String>,
}

impl Crumb {
    /// A step that leads somewhere.
    pub(crate) fn link(text: String, href: String) -> Crumb {
        Crumb {
            text,
            href: Some(href),
        }
    }

    /// The page itself.
    pub(crate) fn here(text: String) -> Crumb {
        Crumb { text, href: None }
    }
}
