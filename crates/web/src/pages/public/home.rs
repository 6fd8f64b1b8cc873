//! The start page and the list of networks: both show the networks as
//! cards; the start page first says what Knotenpunkt is.

use askama::Template;
use axum::response::Response;

use knotenpunkt_app::Directory;

use crate::auth::Dir;
use crate::pages::answer::{Answer, OrFail};
use crate::pages::cache::{Keep, Main};
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
#[template(path = "home.html", blocks = ["content"])]
struct HomePage<'a> {
    ctx: &'a Ctx,
    title: String,
    /// The start page introduces the site; `/netzwerke` goes straight to
    /// the list.
    intro: bool,
    cards: Vec<Card>,
}

/// GET /
pub(super) async fn start(Dir(dir): Dir, ctx: Ctx, keep: Keep) -> Answer {
    keep.page(&ctx, async || main(dir, &ctx, true).await).await
}

/// GET /netzwerke
pub(super) async fn networks(Dir(dir): Dir, ctx: Ctx, keep: Keep) -> Answer {
    keep.page(&ctx, async || main(dir, &ctx, false).await).await
}

/// What the page shows below the site's header.
async fn main(dir: Directory, ctx: &Ctx, intro: bool) -> Result<Main, Response> {
    let overview = dir.overview().await.or_fail(ctx)?;
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
    let page = HomePage {
        ctx,
        title,
        intro,
        cards,
    };
    Main::of(page.title.clone(), &page.as_content())
}
