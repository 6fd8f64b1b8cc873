//! The frame every management page shares: its section, heading,
//! breadcrumb, the sub-navigation and the confirmation of a write.

use knotenpunkt_app::domain::Slug;

use super::managed::Managed;
use crate::pages::ctx::Ctx;
use crate::pages::form::DONE;
use crate::pages::ui::Crumb;

/// The parts of the management, in the order of the sub-navigation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Section {
    Overview,
    Members,
    Cohorts,
    Funding,
    Series,
    Invitations,
    Roles,
    Groups,
    Protocol,
}

impl Section {
    const ALL: [Section; 9] = [
        Section::Overview,
        Section::Members,
        Section::Cohorts,
        Section::Funding,
        Section::Series,
        Section::Invitations,
        Section::Roles,
        Section::Groups,
        Section::Protocol,
    ];

    fn tail(self) -> &'static str {
        match self {
            Section::Overview => "",
            Section::Members => "/mitglieder",
            Section::Cohorts => "/staffeln",
            Section::Funding => "/foerderaufrufe",
            Section::Series => "/reihen",
            Section::Invitations => "/einladungen",
            Section::Roles => "/rollen",
            Section::Groups => "/gruppen",
            Section::Protocol => "/protokoll",
        }
    }

    /// The last part of the section's message ids.
    pub(super) fn key(self) -> &'static str {
        match self {
            Section::Overview => "overview",
            Section::Members => "members",
            Section::Cohorts => "cohorts",
            Section::Funding => "calls",
            Section::Series => "series",
            Section::Invitations => "invitations",
            Section::Roles => "roles",
            Section::Groups => "groups",
            Section::Protocol => "protocol",
        }
    }

    /// The section's address (without language).
    pub(crate) fn path(self, network: &Slug) -> String {
        format!("/netzwerke/{network}/verwaltung{}", self.tail())
    }
}

/// An entry of the management's sub-navigation.
pub(crate) struct NavItem {
    pub(crate) text: String,
    pub(crate) href: String,
    pub(crate) current: bool,
}

/// Heading, breadcrumb, sub-navigation and confirmation of a page.
pub(crate) struct Frame {
    pub(crate) heading: String,
    pub(crate) network: String,
    pub(crate) crumbs: Vec<Crumb>,
    pub(crate) nav: Vec<NavItem>,
    pub(crate) done: Option<String>,
}

impl Frame {
    /// The frame of a section's own page.
    pub(super) fn new(ctx: &Ctx, m: &Managed, section: Section, raw_query: Option<&str>) -> Frame {
        let manage = Section::Overview.path(&m.slug);
        let mut crumbs = vec![
            Crumb::link(ctx.t("nav-networks"), ctx.href("/netzwerke")),
            Crumb::link(
                m.network.name.clone(),
                ctx.href(&format!("/netzwerke/{}", m.slug)),
            ),
        ];
        if section == Section::Overview {
            crumbs.push(Crumb::here(ctx.t("manage-nav-overview")));
        } else {
            crumbs.push(Crumb::link(ctx.t("manage-nav-overview"), ctx.href(&manage)));
            crumbs.push(Crumb::here(ctx.t(&format!("manage-nav-{}", section.key()))));
        }
        let nav = Section::ALL
            .iter()
            .map(|s| NavItem {
                text: ctx.t(&format!("manage-nav-{}", s.key())),
                href: ctx.href(&s.path(&m.slug)),
                current: *s == section,
            })
            .collect();
        Frame {
            heading: ctx.t1(
                &format!("manage-heading-{}", section.key()),
                "network",
                m.network.name.as_str(),
            ),
            network: m.network.name.clone(),
            crumbs,
            nav,
            done: DONE.shown(ctx, raw_query),
        }
    }

    /// The frame of a page about one thing within a section (a member, a
    /// cohort, a group, a series): its own heading, and the section in the
    /// trail.
    pub(super) fn item(
        ctx: &Ctx,
        m: &Managed,
        section: Section,
        raw_query: Option<&str>,
        heading: String,
        leaf: &str,
    ) -> Frame {
        let mut frame = Frame::new(ctx, m, section, raw_query);
        frame.heading = heading;
        if let Some(last) = frame.crumbs.last_mut() {
            last.href = Some(ctx.href(&section.path(&m.slug)));
        }
        frame.crumbs.push(Crumb::here(leaf.to_owned()));
        frame
    }

    /// The page's `<title>`.
    pub(super) fn title(&self) -> String {
        self.heading.clone()
    }
}
