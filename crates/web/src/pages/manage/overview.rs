//! The management's start page: a card per section with its figure, and
//! the latest entries of the audit log.

use askama::Template;
use axum::extract::RawQuery;
use axum::http::StatusCode;
use knotenpunkt_app::{AppError, MembershipFilter, Page as StorePage, SeriesFilter};

use super::frame::{Frame, Section};
use super::managed::Managed;
use super::protocol;
use crate::pages::answer::{Answer, OrFail, html};
use crate::pages::ctx::Ctx;

/// Log entries the overview shows.
const RECENT: u64 = 5;

/// A card of the overview: a section with a figure.
struct Card {
    heading: String,
    href: String,
    text: String,
    figure: String,
}

#[derive(Template)]
#[template(path = "manage/overview.html")]
struct OverviewPage<'a> {
    ctx: &'a Ctx,
    title: String,
    frame: Frame,
    network_href: String,
    cards: Vec<Card>,
    log_rows: Vec<protocol::Row>,
    log_caption: String,
    protocol_href: String,
    settings_href: String,
}

/// GET /netzwerke/{slug}/verwaltung
pub(super) async fn page(ctx: Ctx, m: Managed, RawQuery(q): RawQuery) -> Answer {
    let figures = Figures::count(&m).await.or_fail(&ctx)?;
    let log = m
        .admin
        .audit_log(
            Some(&m.slug),
            StorePage {
                limit: Some(RECENT),
                offset: 0,
            },
        )
        .await
        .or_fail(&ctx)?;
    let frame = Frame::new(&ctx, &m, Section::Overview, q.as_deref());
    let page = OverviewPage {
        ctx: &ctx,
        title: frame.title(),
        frame,
        network_href: ctx.href(&format!("/netzwerke/{}", m.slug)),
        cards: figures.cards(&ctx, &m, log.total),
        log_caption: ctx.t("manage-recent-heading"),
        log_rows: log
            .items
            .iter()
            .map(|e| protocol::Row::new(&ctx, e))
            .collect(),
        protocol_href: ctx.href(&Section::Protocol.path(&m.slug)),
        settings_href: ctx.href(&format!(
            "{}/einstellungen",
            Section::Overview.path(&m.slug)
        )),
    };
    Ok(html(&ctx, StatusCode::OK, &page))
}

/// What the cards count.
struct Figures {
    members: usize,
    cohorts: usize,
    series: usize,
    open_invitations: usize,
    people: usize,
    groups: usize,
}

impl Figures {
    async fn count(m: &Managed) -> Result<Figures, AppError> {
        let dir = &m.dir;
        let members = dir
            .memberships(
                &MembershipFilter {
                    network: Some(m.slug.clone()),
                    ..MembershipFilter::default()
                },
                StorePage::ALL,
            )
            .await?
            .items
            .iter()
            .filter(|w| w.value.left_on.is_none())
            .count();
        let cohorts = dir.cohorts(Some(&m.slug)).await?.len();
        let series = dir
            .series_list(&SeriesFilter {
                network: Some(m.slug.clone()),
                ..SeriesFilter::default()
            })
            .await?
            .len();
        let t = dir.app().unix_now();
        let open_invitations = m
            .admin
            .invitations(Some(&m.slug))
            .await?
            .iter()
            .filter(|i| i.used_at.is_none() && i.expires_at > t)
            .count();
        let people = m.admin.network_people(&m.slug).await?.len();
        let groups = m.admin.groups(&m.slug).await?.len();
        Ok(Figures {
            members,
            cohorts,
            series,
            open_invitations,
            people,
            groups,
        })
    }

    /// A card per section, with `entries` in the audit log.
    fn cards(&self, ctx: &Ctx, m: &Managed, entries: u64) -> Vec<Card> {
        let card = |section: Section, figure: String| Card {
            heading: ctx.t(&format!("manage-nav-{}", section.key())),
            href: ctx.href(&section.path(&m.slug)),
            text: ctx.t(&format!("manage-card-{}", section.key())),
            figure,
        };
        vec![
            card(
                Section::Members,
                ctx.t1("manage-figure-members", "count", self.members),
            ),
            card(
                Section::Cohorts,
                ctx.t1("manage-figure-cohorts", "count", self.cohorts),
            ),
            card(
                Section::Series,
                ctx.t1("manage-figure-series", "count", self.series),
            ),
            card(
                Section::Invitations,
                ctx.t1("manage-figure-invitations", "count", self.open_invitations),
            ),
            card(
                Section::Roles,
                ctx.t1("manage-figure-people", "count", self.people),
            ),
            card(
                Section::Groups,
                ctx.t1("manage-figure-groups", "count", self.groups),
            ),
            card(
                Section::Protocol,
                ctx.t1("manage-figure-entries", "count", entries),
            ),
        ]
    }
}
