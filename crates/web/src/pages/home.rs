//! The start page and the list of networks: both show the networks as
//! cards; the start page first says what Knotenpunkt is.

use askama::Template;
use axum::http::StatusCode;
use axum::response::Response;

use super::{Ctx, failure, html};
use crate::auth::Dir;
use knotenpunkt_app::Directory;

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

pub(super) async fn start(Dir(dir): Dir, ctx: Ctx) -> Response {
    render(dir, ctx, true).await
}

pub(super) async fn networks(Dir(dir): Dir, ctx: Ctx) -> Response {
    render(dir, ctx, false).await
}

async fn render(dir: Directory, ctx: Ctx, intro: bool) -> Response {
    let overview = match dir.overview().await {
        Ok(o) => o,
        Err(e) => return failure(&ctx, e),
    };
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
    html(
        &ctx,
        StatusCode::OK,
        &HomePage {
            ctx: &ctx,
            title,
            intro,
            cards,
        },
    )
}
