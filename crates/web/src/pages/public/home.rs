//! The start page and the list of networks: both show the networks as
//! cards; the start page first says what Knotenpunkt is.

use askama::Template;
use axum::http::StatusCode;

use knotenpunkt_app::Directory;

use crate::auth::Dir;
use crate::pages::answer::{Answer, OrFail, html};
use crate::pages::ctx::Ctx;

/// A network as a card.
struct Card {
    name: String,
    href: String,
    description: String,
    coordinator: Option<(String, String)>,
    members: u64,
}

#[derive(Template)]
#[template(path = "home.html")]
struct HomePage<'a> {
    ctx: &'a Ctx,
    title: String,
    /// The start page introduces the site; `/netzwerke` goes straight to
    /// the list.
    intro: bool,
    cards: Vec<Card>,
}

/// GET /
pub(super) async fn start(Dir(dir): Dir, ctx: Ctx) -> Answer {
    render(dir, ctx, true).await
}

/// GET /netzwerke
pub(super) async fn networks(Dir(dir): Dir, ctx: Ctx) -> Answer {
    render(dir, ctx, false).await
}

async fn render(dir: Directory, ctx: Ctx, intro: bool) -> Answer {
    let overview = dir.overview().await.or_fail(&ctx)?;
    let cards = overview
        .into_iter()
        .map(|o| Card {
            href: ctx.href(&format!("/netzwerke/{}", o.network.slug)),
            coordinator: o
                .network
                .coordinator
                .as_ref()
                .zip(o.coordinator_name)
                .map(|(slug, name)| (name, ctx.href(&format!("/organisationen/{slug}")))),
            name: o.network.name,
            description: o.network.description,
            members: o.members,
        })
        .collect();
    let title = if intro {
        ctx.t("home-title")
    } else {
        ctx.t("networks-title")
    };
    Ok(html(
        &ctx,
        StatusCode::OK,
        &HomePage {
            ctx: &ctx,
            title,
            intro,
            cards,
        },
    ))
}
